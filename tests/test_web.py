"""The web chat's helpers and handlers, without a browser (tests/test_browser.py drives one)."""

from __future__ import annotations

import pytest

from qa import Answer, Citation, QAError, build
from qa.web import (
    ANY,
    _progress_callback,
    _respond,
    _Service,
    breakdown,
    example_questions,
    existing_paths,
    filter_choices,
    format_citations,
    friendly_error,
    scoped_question,
    stream_steps,
)

DOCS = [
    {"name": "a.txt", "path": "corpus/a.txt", "organisation": "武汉市经济和信息化局", "year": 2024, "stage": "决算"},
    {"name": "b.txt", "path": "corpus/b.txt", "organisation": "武汉市中小企业发展促进中心", "year": 2026, "stage": "预算"},
    {"name": "c.txt", "path": "corpus/c.txt", "organisation": "", "year": None, "stage": ""},
]
CATALOG = [(d["organisation"], d["year"], d["stage"]) for d in DOCS]


def test_filters_are_prepended_only_when_the_question_lacks_them():
    org = "武汉市经济和信息化局"
    assert scoped_question("“三公”经费是多少？", org, "2024", "决算", CATALOG) == f"{org} 2024年 决算 “三公”经费是多少？"
    assert scoped_question("经信局2024年决算的差旅费？", org, "2024", "决算", CATALOG) == "经信局2024年决算的差旅费？"
    assert scoped_question("中小企业中心的职责？", org, None, None, CATALOG) == "中小企业中心的职责？"
    assert scoped_question("那2026年预算呢？", org, "2024", "决算", CATALOG) == f"{org} 那2026年预算呢？"
    # 一般公共预算 names no stage, so the chosen stage is still added
    assert scoped_question("一般公共预算支出多少？", ANY, ANY, "决算") == "决算 一般公共预算支出多少？"
    assert scoped_question("职责是什么？", ANY, "", None) == "职责是什么？"


def test_filter_choices_and_example_questions_come_from_the_documents():
    orgs, years, stages = filter_choices(DOCS)
    assert orgs == [ANY, "武汉市中小企业发展促进中心", "武汉市经济和信息化局"]
    assert years == [ANY, "2026", "2024"] and stages == [ANY, "决算", "预算"]
    examples = example_questions(DOCS, limit=4)
    assert examples[0] == "武汉市经济和信息化局2024年“三公”经费决算是多少？"
    assert "武汉市中小企业发展促进中心的主要职责是什么？" in examples
    assert len(examples) == 4 == len(set(examples))
    assert example_questions([]) == []


def test_citations_name_document_page_table_and_quote_the_row():
    answer = Answer("公务接待费为5600元。", True, [
        Citation("000_x.txt", 3, "决算明细表", "30217\t公务接待费\t0.56\t\t", table="基本支出决算明细表"),
        Citation("000_x.txt", None, "第三部分 > 九、“三公”经费", "- (一) 公务接待费*全年*预算为0.56万元"),
    ])
    text = format_citations(answer)
    assert "**[1] 000\\_x.txt** · 第3页 · 表：基本支出决算明细表" in text
    assert "> 30217 │ 公务接待费 │ 0.56" in text
    assert "第三部分 > 九、“三公”经费" in text.replace("\\>", ">")
    assert "\\- (一) 公务接待费\\*全年\\*" in text  # no accidental list or emphasis
    assert "没有引用" in format_citations(Answer("不知道", False))


def test_a_listed_breakdown_becomes_rows():
    answer = Answer("武汉市中小企业发展促进中心2024年决算2024年度财政拨款收入支出决算总表：八、社会保障和就业支出68.9万元；"
                    "九、卫生健康支出114.41万元；十四、资源勘探工业信息等支出3,089.48万元。[1][2][3]", True, route="sql")
    assert breakdown(answer) == [("社会保障和就业支出", 68.9, "万元"), ("卫生健康支出", 114.41, "万元"),
                                 ("资源勘探工业信息等支出", 3089.48, "万元")]


def test_a_comparison_drops_the_shared_organisation():
    answer = Answer("武汉市中小企业发展促进中心2026年预算住房公积金73.31万元；武汉市中小企业发展促进中心2024年决算住房公积金"
                    "66.74万元；前者比后者多6.57万元。[1][2]", True, value=6.57, unit="万元", route="sql")
    assert breakdown(answer) == [("2026年预算住房公积金", 73.31, "万元"), ("2024年决算住房公积金", 66.74, "万元")]


def test_single_values_and_prose_make_no_chart():
    single = Answer("武汉市中小企业发展促进中心2024年决算：公务接待费为5600元（表中为0.56万元）。[1][2]", True, [
        Citation("d", None, "s", "30302\t退休费\t109.03\t30217\t公务接待费\t0.56", table="明细表"),
        Citation("d", None, "s", "3. 公务接待费全年预算为0.56万元,支出决算为0.56万元"),
    ], value=5600, unit="元", route="sql")
    assert breakdown(single) == []
    prose = Answer("2024 年度支出合计 365.17 万元，与 2023 年度相比，支出合计增加 52.16 万元，增长 16.7%。", True)
    assert breakdown(prose) == []


def test_several_cited_rows_of_one_table_make_a_breakdown():
    rows = ["208\t\t\t社会保障和就业支出\t68.90\t68.90\t", "210\t\t\t卫生健康支出\t114.41\t114.41\t", "\t\t合计\t\t"]
    answer = Answer("见下表。", True, [Citation("d", None, "s", r, table="支出决算表") for r in rows])
    assert breakdown(answer) == [("社会保障和就业支出", 68.9, ""), ("卫生健康支出", 114.41, "")]


def test_mixed_units_are_converted_to_wan_yuan():
    answer = Answer("差旅费5600元；会议费1.2万元。", True)
    assert breakdown(answer) == [("差旅费", 0.56, "万元"), ("会议费", 1.2, "万元")]


def test_streaming_grows_to_the_whole_text():
    parts = list(stream_steps("一二三四五六七八九十" * 5, steps=7))
    assert parts[-1] == "一二三四五六七八九十" * 5 and len(parts) <= 7
    assert all(a == b[: len(a)] and len(a) < len(b) for a, b in zip(parts, parts[1:]))
    assert list(stream_steps("")) == [] and list(stream_steps("好")) == ["好"]


def test_errors_become_messages_without_tracebacks():
    assert friendly_error(QAError("no index at x")) == "抱歉，这个问题没能回答：no index at x"
    message = friendly_error(ZeroDivisionError("boom"))
    assert "ZeroDivisionError" in message and "Traceback" not in message and "boom" not in message


def test_existing_paths_look_beside_the_index(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("x", encoding="utf-8")
    found, missing = existing_paths(DOCS[:2], tmp_path / "index")
    assert found == [(tmp_path / "corpus" / "a.txt").resolve()] and missing == ["b.txt"]
    (tmp_path / "index" / "uploads").mkdir(parents=True)
    (tmp_path / "index" / "uploads" / "b.txt").write_text("y", encoding="utf-8")
    assert existing_paths(DOCS[:2], tmp_path / "index")[1] == []


def test_progress_is_forwarded():
    calls = []
    advance = _progress_callback(lambda p, desc: calls.append((p, desc)))("embedding", 4)
    advance(3)
    advance(1)
    assert calls == [((0, 4), "向量化段落"), ((3, 4), "向量化段落"), ((4, 4), "向量化段落")]


TINY = "{org}2024年度部门决算\n第一部分 {org}概况\n一、部门主要职责\n{org}负责{duty}。\n"


@pytest.fixture
def tiny_service(tmp_path):
    """An index of one small document (hash embedder)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TINY.format(org="武汉市测试服务中心", duty="检验检测"), encoding="utf-8")
    build([corpus], tmp_path / "index", embedder="hash")
    return _Service.of(tmp_path / "index")


@pytest.fixture(scope="module")
def service(seed_index):
    return _Service.of(seed_index)


def test_uploads_are_added_and_unchanged_files_reused(tiny_service, tmp_path):
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "b.txt").write_text(TINY.format(org="武汉市样例管理局", duty="样例管理和标准制定"), encoding="utf-8")
    (upload / "empty.txt").write_text("", encoding="utf-8")
    report = tiny_service.add([str(upload / "b.txt"), str(upload / "empty.txt")])
    assert report.read == ["b.txt"] and report.reused == ["a.txt"] and report.documents == 2
    assert len(report.skipped) == 1 and "empty.txt" in report.skipped[0][0]
    assert (tmp_path / "index" / "uploads" / "b.txt").is_file()
    assert "武汉市样例管理局" in filter_choices(tiny_service.documents)[0]
    assert tiny_service.ask("样例管理局的主要职责是什么？", []).citations[0].doc == "b.txt"


def test_a_rebuild_that_would_drop_documents_is_refused(tmp_path):
    class Stub:  # an assistant over an index whose source files are gone
        retriever = type("R", (), {"documents": DOCS[:1]})()

    with pytest.raises(QAError, match="a.txt"):
        _Service(Stub(), tmp_path / "index").add([])
    assert not (tmp_path / "index").exists()


def test_the_chat_handler_streams_an_answer_then_fills_the_panels(service):
    gr = pytest.importorskip("gradio")
    steps = list(_respond(service, gr, "武汉市中小企业发展促进中心2024年公务接待费花了多少元？", [], [], ANY, ANY, ANY))
    chat, box, history, cites, sql, table, chart = steps[-1]
    assert "5600" in chat[-1]["content"] and box == "" and len(history) == 2
    assert "000\\_74bc31ce8dbb1072.txt" in cites and "SELECT" in sql
    assert len(steps) > 3  # streamed
    follow = list(_respond(service, gr, "那2026年预算呢？", chat, history, ANY, ANY, ANY))[-1]
    assert len(follow[2]) == 4


def test_the_chat_handler_reports_errors_in_the_chat(service, monkeypatch):
    gr = pytest.importorskip("gradio")

    def broken(question, history):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "ask", broken)
    chat = list(_respond(service, gr, "经信局的主要职责？", [], [], ANY, ANY, ANY))[-1][0]
    assert chat[-1]["content"].startswith("抱歉") and "secret" not in chat[-1]["content"]


def test_the_ui_builds(service):
    pytest.importorskip("gradio")
    from qa.web import build_ui

    demo = build_ui(service.assistant)
    ids = {getattr(b, "elem_id", None) for b in demo.blocks.values()}
    assert {"chat", "question", "send", "citations", "sql", "numbers", "chart", "upload", "filter-org"} <= ids
