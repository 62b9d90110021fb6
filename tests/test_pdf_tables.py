"""PDF tables on unfamiliar layouts: continuation pages, rows a ruling missed,
tables without ruling lines (case 20). Synthetic PDFs are written by
tests/pdfgen.py; the shared documents' tests skip when ../shared is absent."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from qa.cli import cli
from qa.ingest import read_file
from qa.tables import extract_tables, table_facts
from qa.tables.pdf import align_row, looks_tabular, row_like, token_type

from .conftest import SHARED
from .pdfgen import grid, row, write_pdf

CASE20 = SHARED / "cases" / "20-pdf-unruled-table-lines-fused"
HELDOUT = SHARED / "corpus" / "pdf" / "heldout"
BUDGET = SHARED / "corpus" / "pdf" / "budget"
_CODE = re.compile(r"\d{3,7}")


def _need(path):
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared missing)")
    return path


def _facts(path):
    doc = read_file(path)
    tables = extract_tables(doc)
    return doc, tables, [f for t in tables for f in table_facts(t, doc)]


def _codes_never_values(facts):
    """Subject codes are labels: no value cell holds one."""
    bad = [(f.table_code, f.row_label, f.text) for f in facts
           if f.value is not None and _CODE.fullmatch(f.text) and f.table_kind != "other"]
    assert not bad, bad[:5]


# ---------------------------------------------------------------------------------------------
# unit level


def test_token_types_and_row_lines():
    assert [token_type(t) for t in ("2060301", "1,723.93", "0.00", "科学技术支出")] == ["C", "N", "N", "T"]
    assert row_like("2050202 小学教育 9,447.71 8,201.15")
    assert not row_like("2024年度差旅费支出决算为6.80万元，主要用于核查。")
    assert not looks_tabular("目录\n一、主要职责 3\n二、机构设置 4\n三、收支总表 5")


def test_short_rows_align_by_type_then_position():
    slots, xs = list("CTNCTN"), [40, 60, 110, 140, 170, 220]
    # a total row without codes: labels go to label columns, amounts to amount columns
    assert align_row(["T", "N", "T", "N"], [47, 108, 146, 208], slots, xs) == [1, 2, 4, 5]
    # a left block only
    assert align_row(["C", "T", "N"], [40, 68, 102], slots, xs) == [0, 1, 2]
    # an amount with the middle column blank lands under its own column
    assert align_row(["T", "N", "N"], [40, 200, 300], ["T", "N", "N", "N"], [40, 100, 200, 300]) == [0, 2, 3]


# ---------------------------------------------------------------------------------------------
# synthetic PDFs

_HEAD = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
_W = [60, 130, 70, 70, 70]


def _two_page_table(tmp_path, second_rows, widths=_W, rule_top=False, head_again=False):
    first = [_HEAD, ["205", "教育支出", "1,100.00", "800.00", "300.00"],
             ["20502", "普通教育", "1,000.00", "800.00", "200.00"]]
    t1, l1 = grid(40, 120, _W, first)
    texts = row(40, 60, ["表3：支出决算表"]) + row(40, 90, ["单位：万元"]) + t1
    rows2 = ([_HEAD[: len(widths)]] if head_again else []) + second_rows
    t2, l2 = grid(40, 60, widths, rows2, rule_top=rule_top or head_again)
    return write_pdf(tmp_path / "t.pdf", [(texts, l1), (t2, l2)])


def test_continuation_row_above_the_first_ruling_is_kept(tmp_path):
    pdf = _two_page_table(tmp_path, [["2050201", "学前教育", "100.00", "", "100.00"],
                                     ["2050202", "小学教育", "100.00", "", "100.00"],
                                     ["206", "科学技术支出", "100.00", "", "100.00"]])
    doc, tables, facts = _facts(pdf)
    assert len(tables) == 1 and tables[0].pages == [1, 2] and tables[0].kind == "expenditure"
    rows = {f.subject_code: f for f in facts if f.measure == "合计"}
    assert rows["2050201"].text == "100.00" and rows["2050201"].page == 2  # the row above the ruling
    assert rows["206"].row_label == "科学技术支出"
    _codes_never_values(facts)


def test_continuation_with_fewer_columns_and_a_repeated_header(tmp_path):
    # page 2 prints the same columns without the (empty) 项目支出 column, and its header again
    pdf = _two_page_table(tmp_path, [["2050201", "学前教育", "100.00", "100.00"],
                                     ["206", "科学技术支出", "50.00", "50.00"]],
                          widths=_W[:4], rule_top=True, head_again=True)
    doc, tables, facts = _facts(pdf)
    assert len(tables) == 1, [(t.code, t.kind, t.pages) for t in tables]
    t = tables[0]
    assert t.pages == [1, 2] and len(t.rows) == 4  # the repeated header is not a row
    got = {(f.subject_code, f.measure): f.text for f in facts if f.value is not None}
    assert got[("206", "合计")] == "50.00" and got[("206", "基本支出")] == "50.00"
    assert ("206", "项目支出") not in got
    _codes_never_values(facts)


def test_a_titled_table_on_the_next_page_is_not_a_continuation(tmp_path):
    first = [_HEAD, ["205", "教育支出", "1,100.00", "800.00", "300.00"]]
    t1, l1 = grid(40, 120, _W, first)
    t2, l2 = grid(40, 120, _W, [_HEAD, ["206", "科学技术支出", "50.00", "50.00", ""]])
    pdf = write_pdf(tmp_path / "t.pdf", [(row(40, 60, ["表3：支出决算表"]) + t1, l1),
                                         (row(40, 60, ["表4：财政拨款支出决算表"]) + t2, l2)])
    _doc, tables, _facts_ = _facts(pdf)
    assert [t.code for t in tables] == ["表3", "表4"]


def _unruled(tmp_path):
    lines = [["人员经费", "公用经费"],
             ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
             ["301", "工资福利支出", "100.00", "302", "商品和服务支出", "20.00"],
             ["30101", "基本工资", "60.00", "30201", "办公费", "12.50"],
             ["30103", "奖金", "40.00", "30211", "差旅费", "7.50"],
             ["303", "对个人和家庭的补助", "9.00"],
             ["人员经费合计", "109.00", "公用经费合计", "20.00"]]
    texts = row(40, 40, ["2025年度一般公共预算财政拨款基本支出决算明细表"]) + row(40, 60, ["单位：万元"])
    texts += row(40, 100, ["第一部分 说明正文，这里是一段文字。"])
    for i, cells in enumerate(lines):
        texts += row(40, 140 + 14 * i, cells, gap=9 + i)  # columns not aligned from row to row
    texts += row(40, 260, ["2025年度差旅费支出7.50万元，主要用于调研。"])
    return write_pdf(tmp_path / "u.pdf", [(texts, [])])


def test_unruled_table_from_word_positions(tmp_path):
    doc, tables, facts = _facts(_unruled(tmp_path))
    assert [t.kind for t in tables] == ["basic_expenditure_detail"]
    got = {f.row_label: (f.text, f.side, f.unit) for f in facts if f.value is not None}
    assert got["奖金"] == ("40.00", "人员经费", "万元")
    assert got["差旅费"] == ("7.50", "公用经费", "万元")
    assert got["对个人和家庭的补助"][0] == "9.00"
    assert got["人员经费合计"][0] == "109.00" and got["公用经费合计"][0] == "20.00"
    _codes_never_values(facts)


def test_ruled_pages_do_not_use_word_positions(tmp_path):
    t, lines = grid(40, 100, _W, [_HEAD, ["205", "教育支出", "1,100.00", "800.00", "300.00"]])
    doc = read_file(write_pdf(tmp_path / "r.pdf", [(t, lines)]))
    assert doc.pages[0].tables == [[_HEAD, ["205", "教育支出", "1,100.00", "800.00", "300.00"]]]


# ---------------------------------------------------------------------------------------------
# shared documents


def test_case20_unruled_table_gives_the_table_facts(tmp_path):
    case = _need(CASE20)
    pdf = shutil.copy(case / "tongji_2024_juesuan_unruled.pdf", tmp_path / "tongji_2024_juesuan_unruled.pdf")
    index = tmp_path / "idx20"
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(pdf), "--index", str(index), "--embedder", "hash"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["sql", "SELECT row_label, value, unit FROM facts", "--index", str(index), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    got = {(r["row_label"], r["value"], r["unit"]) for r in rows}
    for expected in (("住房公积金", "27.50", "万元"), ("退休费", "12.00", "万元"),
                     ("商品和服务支出", "30.50", "万元"), ("差旅费", "6.80", "万元")):
        assert expected in got, sorted(got)
    # the case's questions: each answered from the table in 万元 (never "12 人")
    questions = (case / "questions.jsonl").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["ask", "--jsonl", "--index", str(index)], input=questions)
    answers = {a["id"]: a for a in map(json.loads, result.output.splitlines())}
    want = {"20a": "27.5", "20b": "12", "20c": "30.5", "20d": "6.8"}
    for qid, value in want.items():
        a = answers[qid]
        assert a["answerable"] and a["unit"] == "万元" and float(a["value"]) == float(value), a
    result = runner.invoke(cli, ["sql", "SELECT text FROM text_facts WHERE unit = '人'", "--index", str(index),
                                 "--json"])
    assert [json.loads(line)["text"] for line in result.output.splitlines()] == ["18"]  # 编制人数18人 only


@pytest.mark.parametrize("year", [2023, 2024])
def test_chongqing_table4_continues_on_page_15(year):
    path = _need(HELDOUT / f"chongqing_swu_{year}_bumen_juesuan.pdf")
    _doc, tables, facts = _facts(path)
    t4 = [t for t in tables if t.code == "表4"]
    assert len(t4) == 1 and t4[0].pages == [14, 15]
    assert not [t for t in tables if t.kind == "other" and 15 in t.pages]
    on15 = [f for f in facts if f.table_code == "表4" and f.page == 15 and f.value is not None]
    assert {f.subject_code for f in on15} >= {"2060201", "208", "2210201"}
    _codes_never_values(facts)


def test_chongqing_2024_table2_keeps_the_row_above_the_ruling():
    _doc, _tables, facts = _facts(_need(HELDOUT / "chongqing_swu_2024_bumen_juesuan.pdf"))
    row206 = [f for f in facts if f.table_code == "表2" and f.subject_code == "206" and f.value is not None]
    assert row206 and row206[0].row_label == "科学技术支出" and row206[0].text == "1,723.93" and row206[0].page == 11


def test_a_table_opening_with_its_unit_cell_keeps_its_own_title(tmp_path):
    """Two tables on a page, the first starting with a bare "单位：万元" cell: the
    next table's "单位：万元" line must not be taken for it (Jiangsu 2019, p. 14,
    where the 三公 table took the 政府性基金 table's title)."""
    w = [120, 120, 120]
    t1, l1 = grid(40, 80, w, [["", "", "单位：万元"], ["合计", "因公出国（境）费", "公务接待费"],
                              ["10.00", "4.00", "6.00"]])
    t2, l2 = grid(40, 240, w, [["部门名称：某单位", "单位：万元", ""], ["功能科目编码", "功能科目名称", "金额"],
                               ["", "合计", "0"]])
    texts = row(40, 40, ["公开09表"]) + row(40, 55, ["“三公”经费支出预算表"]) + t1
    texts += row(40, 200, ["公开10表"]) + row(40, 215, ["政府性基金预算财政拨款支出预算表"]) + t2
    _doc, tables, _f = _facts(write_pdf(tmp_path / "two.pdf", [(texts, l1 + l2)]))
    assert [(t.code, t.title) for t in tables] == [("公开09表", "“三公”经费支出预算表"),
                                                   ("公开10表", "政府性基金预算财政拨款支出预算表")]


def test_a_header_name_centred_between_two_columns_moves_onto_the_cells():
    """Jiangsu 高院 2018: "功能科目代码", "功能科目名称", "金额" print between the raw columns
    their cells fill; the codes become the rows' 科目 codes, so a 款's 项 can be listed."""
    _doc, _tables, facts = _facts(_need(BUDGET / "js_gaoyuan_2018_bumen_yusuan.pdf"))
    court = [f for f in facts if "财政拨款支出预算表" in f.table_title and f.value is not None
             and (f.subject_code or "").startswith("20405")]
    assert {f.subject_code: f.row_label for f in court}["2040501"] == "行政运行"
    assert {f.subject_code: str(f.value) for f in court}["20405"] == "26200.88"
    _codes_never_values(facts)
