"""Metadata of every shared document against a golden file checked by hand
(tests/golden/metadata.jsonl: organisation, year, stage, scope, genre and the
periods a report covers), plus the rules on small synthetic inputs."""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from qa import build, store
from qa.aliases import own_aliases, read_alias_file
from qa.ingest import read_file
from qa.pdf import read_pdf_metadata
from qa.metadata import read_metadata

from .conftest import SHARED

GOLDEN = Path(__file__).parent / "golden" / "metadata.jsonl"
ROWS = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
FIELDS = ("organisation", "year", "stage", "scope", "genre", "periods")
CORPUS = SHARED / "corpus"


def _meta(path: Path) -> dict:
    m = read_pdf_metadata(path) if path.suffix == ".pdf" else read_file(path).meta()
    return {k: [list(p) for p in m[k]] if k == "periods" else m[k] for k in FIELDS}


@pytest.fixture(scope="module")
def shared_metadata() -> dict[str, dict]:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    paths = [CORPUS / row["file"] for row in ROWS if (CORPUS / row["file"]).is_file()]
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        return {str(p.relative_to(CORPUS)): m for p, m in zip(paths, pool.map(_meta, paths))}


@pytest.mark.parametrize("row", ROWS, ids=[Path(r["file"]).stem for r in ROWS])
def test_metadata_of_every_shared_document(shared_metadata, row):
    if row["file"] not in shared_metadata:
        pytest.skip(f"{row['file']} is not in the shared corpus")
    got = shared_metadata[row["file"]]
    assert {k: got[k] for k in FIELDS} == {k: row[k] for k in FIELDS}


def test_golden_covers_the_shared_corpus():
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    present = {str(p.relative_to(CORPUS)) for p in CORPUS.glob("seeds/*")} | {
        str(p.relative_to(CORPUS)) for p in CORPUS.glob("pdf/*/*.pdf")}
    assert present <= {row["file"] for row in ROWS}


def test_a_university_is_not_a_lab_named_in_its_text():
    pages = ["西南大学 2023 年度部门决算\n2024 年 8 月", "目录\n一、学校概况",
             "学校有国家级实验教学示范中心 10 个、国家级虚拟仿真实验中心 3 个"]
    m = read_metadata(pages)
    assert (m["organisation"], m["year"], m["stage"], m["scope"]) == ("西南大学", 2023, "决算", "部门")


def test_a_city_report_is_the_citys_with_both_periods():
    page = ("关于 2024 年全市和市本级决算草案与\n2025 年 1-6 月全市和市本级预算执行情况的\n报 告\n"
            "——2025 年 8 月 28 日在某某市第十六届人民代表大会\n常务委员会第三十一次会议上\n某某市财政局局长 某某\n")
    m = read_metadata([page])
    assert m["organisation"] == "某某市" and m["genre"] == "政府决算报告"
    assert (m["year"], m["stage"]) == (2024, "决算")
    assert m["periods"] == [(2024, "决算"), (2025, "执行情况")]
    assert m["scope"] == "全市、市本级" and m["published"] == "2025-08-28"


def test_a_budget_report_is_the_coming_years_budget():
    page = "关于某某市 2024 年预算执行情况\n和 2025 年预算草案的报告\n——2025 年 2 月 25 日在某某市第七届\n人民代表大会第六次会议上\n"
    m = read_metadata([page])
    assert (m["organisation"], m["year"], m["stage"], m["genre"]) == ("某某市", 2025, "预算", "政府预算报告")


def test_tables_only_document_year_from_text_then_file_name():
    page = "收支预算总表\n部门：某某省某某厅 单位：万元\n收入 支出\n一、财政拨款 1.00"
    assert read_metadata([page], "x_2017_yusuan_biao.pdf")["year"] == 2017
    assert read_metadata([page], "x_2017_yusuan_biao.pdf")["sources"]["year"] == "file name"
    m = read_metadata([page, "2019年政府采购预算表"], "x_2017.pdf")
    assert (m["organisation"], m["year"], m["genre"], m["scope"]) == ("某某省某某厅", 2019, "预算公开表", "部门")


def test_cover_without_text_gets_a_derived_title():
    pages = ["- 1 -", "目 录\n第一部分 2019 年度部门预算表", "纳入本部门 2019 年部门预算的单位即江苏省某某办公厅本级。\n江苏省某某办公厅负责…"]
    m = read_metadata(pages)
    assert m["organisation"] == "江苏省某某办公厅" and m["year"] == 2019
    assert m["sources"]["title"] == "derived" and "江苏省某某办公厅" in m["title"]


def test_company_annual_report():
    page = "2020年年度报告\n公司代码：600000 公司简称：示例股份\n示例科技股份有限公司\n2020 年年度报告\n1 / 195"
    m = read_metadata([page])
    assert (m["organisation"], m["year"], m["genre"], m["stage"]) == ("示例科技股份有限公司", 2020, "年度报告", "")
    assert own_aliases(page, m["organisation"]) == {"示例股份"}


def test_alias_file_errors_name_the_line():
    with pytest.raises(ValueError, match="line 2"):
        read_alias_file("西大 = 西南大学\n没有等号的一行")


REPORT = """关于 2024 年全市和市本级决算草案与
2025 年 1-6 月全市和市本级预算执行情况的
报 告
——2025 年 8 月 28 日在示例市第十六届人民代表大会常务委员会第三十一次会议上
示例市财政局局长 某某
一、2024 年全市和市本级决算情况
（一）一般公共预算
2024 年全市地方一般公共预算收入 1264.54 亿元，同比增长 3.05%。全市一般公共预算支出 1663.94 亿元。
市本级地方一般公共预算收入 502.22 亿元，为预算的 90.67%。
二、2025 年 1-6 月预算执行情况
1-6 月，全市地方一般公共预算收入 660.12 亿元，增长 2.1%。
"""


def test_report_figures_carry_their_own_year_and_level(tmp_path):
    from qa import Assistant
    from qa.sql import run

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "shili_baogao.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "docs" / "aliases.txt").write_text("示例城 = 示例市\n", encoding="utf-8")
    build([tmp_path / "docs"], tmp_path / "idx", embedder="hash")
    doc = store.open_build(tmp_path / "idx").documents[0]
    assert (doc["organisation"], doc["year"], doc["stage"], doc["genre"]) == ("示例市", 2024, "决算", "政府决算报告")
    assert {"示例", "示例城"} <= set(doc["aliases"])  # derived (place) and from the alias file
    assistant = Assistant.open(tmp_path / "idx")
    rows = run(store.open_build(tmp_path / "idx").sqlite_path, "SELECT year, stage, level, value FROM text_facts WHERE unit = '亿元' ORDER BY id", ("text_facts",)).rows
    assert (2024, "决算", "全市", "1264.54") in [tuple(r) for r in rows]
    assert (2024, "决算", "市本级", "502.22") in [tuple(r) for r in rows]
    assert (2025, "执行情况", "全市", "660.12") in [tuple(r) for r in rows]
    whole = assistant.ask("示例市2024年全市地方一般公共预算收入是多少亿元？")
    assert whole.value == 1264.54
    city_level = assistant.ask("示例城市本级2024年地方一般公共预算收入是多少？")
    assert city_level.value == 502.22
    not_2024 = assistant.ask("示例市2024年上半年全市地方一般公共预算收入是多少？")
    assert not_2024.value != 660.12
    share = assistant.ask("示例市2024年市本级地方一般公共预算收入占全市地方一般公共预算收入的比重是多少？")
    assert (share.value, share.unit) == (39.72, "%")  # one operand per level: 502.22 ÷ 1264.54


def test_aliases_follow_the_alias_file_on_rebuilds(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "shili_baogao.txt").write_text(REPORT, encoding="utf-8")
    (docs / "aliases.txt").write_text("示例城 = 示例市\n", encoding="utf-8")
    build([docs], tmp_path / "idx", embedder="hash")
    assert "示例城" in store.open_build(tmp_path / "idx").documents[0]["aliases"]
    (docs / "aliases.txt").unlink()
    report = build([docs], tmp_path / "idx", embedder="hash")
    aliases = store.open_build(tmp_path / "idx").documents[0]["aliases"]
    assert report.reused == ["shili_baogao.txt"]
    assert "示例城" not in aliases and "示例" in aliases  # the file's entry is gone, the derived one stays


def test_a_malformed_alias_file_is_named_and_the_index_is_kept(tmp_path):
    from click.testing import CliRunner

    from qa.cli import cli

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "shili_baogao.txt").write_text(REPORT, encoding="utf-8")
    build([docs], tmp_path / "idx", embedder="hash")
    (docs / "aliases.txt").write_text("示例城 示例市\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(docs), "--index", str(tmp_path / "idx"), "--embedder", "hash"])
    assert result.exit_code == 1
    assert "aliases.txt" in result.output and "line 1" in result.output
    assert store.open_build(tmp_path / "idx").documents[0]["name"] == "shili_baogao.txt"


def test_a_run_in_level_holds_across_chunks_of_its_section():
    from types import SimpleNamespace as Chunk

    from qa.prose_facts import document_text_facts

    meta = {"genre": "政府决算报告", "year": 2024, "stage": "决算"}
    chunks = [Chunk(section="（一）一般公共预算", text="2.市级情况：2024 年，市级一般公共预算收入 547.2 亿元，"),
              Chunk(section="（一）一般公共预算", text="一般公共预算支出 839.8 亿元，为预算的 99.1%。"),
              Chunk(section="（二）政府性基金预算", text="政府性基金预算收入 300.1 亿元。")]
    levels = {f.text: f.level for _, f in document_text_facts(chunks, meta)}
    assert levels == {"547.2": "市级", "839.8": "市级", "99.1": "市级", "300.1": ""}


def test_clauses_without_a_subject_take_the_one_before():
    from qa.textfacts import sentence_facts

    facts = sentence_facts("截至2024年底，全市政府债务余额 13227.5 亿元，其中市级 1093.3 亿元、区级 2132.9 亿元。")
    assert [f.context for f in facts] == ["全市政府债务余额", "全市政府债务余额 市级", "全市政府债务余额 区级"]  # 其中 names no part
    heading_then_figures = sentence_facts("预算安排 8 亿元，支出 4.04 亿元。", carried="市本级预备费")
    assert [f.context for f in heading_then_figures] == ["市本级预备费 预算安排", "市本级预备费 支出"]


def test_a_sentence_cut_by_a_page_break_is_read_whole():
    from types import SimpleNamespace as Chunk

    from qa.prose_facts import document_text_facts

    meta = {"genre": "政府决算报告", "year": 2023, "stage": "决算"}
    chunks = [Chunk(section="（五）债务", text="2023年，全市地方政府债券到期本息381.2亿元，其中到期利息96.6亿元（一般债券到期利息\n— 12 —"),
              Chunk(section="（五）债务", text="44.2亿元、专项债券到期利息52.4亿元）。")]
    facts = {f.text: f.context for _, f in document_text_facts(chunks, meta)}
    assert "一般债券到期利息" in facts["44.2"] and set(facts) == {"381.2", "96.6", "44.2", "52.4"}


def test_a_paragraph_s_科目_names_the_figures_after_its_use_sentence():
    """Putuo 财政局 2024 决算 p. 22: "2、…一般行政管理事务（项）。主要用于：" wraps onto the next
    line, a list opens after "其中：" at a chunk's end, and a chunk starts mid-paragraph:
    every figure keeps the paragraph's 科目, not the use sentence or the section's total."""
    from types import SimpleNamespace as Chunk

    from qa.prose_facts import document_text_facts

    section = "五、一般公共预算财政拨款支出决算情况说明"
    chunks = [Chunk(section=section, text="一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元。其中："),
              Chunk(section=section, text="1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费等的基本支出。"
                                          "年初预算为1560.05万元，支出决算为1511.89万元。\n"
                                          "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：\n"
                                          "局财政业务指导与宣传等基本支出。年初预算为10.00万元，支出决算为10.00万元。\n"
                                          "4、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。主要用于：\n"
                                          "委托中介机构开展各类审计及绩效评价工作。"),
              Chunk(section=section, text="年初预算为450.52万元，支出决算为 449.52万元。")]
    facts = {f.text: f.context for _, f in document_text_facts(chunks, {"year": 2024, "stage": "决算"})}
    assert facts["1511.89"].startswith("一般公共服务支出（类）财政事务（款）行政运行（项）")
    assert facts["10.00"].startswith("一般公共服务支出（类）财政事务（款）一般行政管理事务（项）")
    assert facts["449.52"].startswith("一般公共服务支出（类）财政事务（款）财政委托业务支出（项）")
    assert facts["2940.05"].startswith("一般公共预算财政拨款支出")


LISTING = REPORT.replace("二、2025 年", """（二）转移支付
2. 一般性转移支付 346.7 亿元。
主要项目为：均衡性转移支付收入 46.6 亿元，结算补助收入 44.2 亿元，增值税留抵退税转移支付收入 68.7 亿元。
（三）债务
新增专项债券 30 亿元，其中市本级 10 亿元，转贷区级 20 亿元，包括：龙岗区 12.5 亿元、福田区 7.5 亿元。
二、2025 年""")


def test_the_largest_of_the_parts_a_report_lists(tmp_path):
    """A report lists a whole's parts in prose (no table): rank them, and name them all."""
    from qa import Assistant

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "shili_baogao.txt").write_text(LISTING, encoding="utf-8")
    build([tmp_path / "docs"], tmp_path / "idx", embedder="hash")
    answer = Assistant.open(tmp_path / "idx").ask("示例市2024年的一般性转移支付里，列出的主要项目中哪一项金额最大？")
    assert (answer.value, answer.unit) == (68.7, "亿元")
    assert "增值税留抵退税转移支付收入" in answer.answer and "均衡性转移支付收入46.6亿元" in answer.answer


def test_a_district_the_question_names_is_read_from_the_city_report(tmp_path):
    """区级 figures stay out of a question naming no level, but not the one district it names."""
    from qa import Assistant

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "shili_baogao.txt").write_text(LISTING, encoding="utf-8")
    build([tmp_path / "docs"], tmp_path / "idx", embedder="hash")
    answer = Assistant.open(tmp_path / "idx").ask("示例市2024年新增专项债券转贷给龙岗区的有多少亿元？")
    assert (answer.value, answer.unit) == (12.5, "亿元"), answer.answer


def test_a_figure_inside_a_whole_takes_the_level_named_before_it():
    """"全市…收入 1264.54 亿元中，税收收入完成 786.97 亿元" after a 市本级 sentence: the 税收 figure is 全市's."""
    from types import SimpleNamespace as Chunk

    from qa.prose_facts import document_text_facts

    meta = {"genre": "政府决算报告", "year": 2024, "stage": "决算"}
    chunks = [Chunk(section="（一）一般公共预算", text="市本级地方一般公共预算收入 502.22 亿元。收入决算有关具体情况："
                                                   "全市地方一般公共预算收入 1264.54 亿元中，税收收入完成 786.97 亿元。")]
    levels = {f.text: f.level for _, f in document_text_facts(chunks, meta)}
    assert levels == {"502.22": "市本级", "1264.54": "全市", "786.97": "全市"}
