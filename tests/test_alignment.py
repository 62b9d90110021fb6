"""Header/row alignment proven by the 合计 identity (qa.tables.align) and the
classification of failed checks (qa.check_cause), on small synthetic inputs."""

from __future__ import annotations

from decimal import Decimal

from qa.check_cause import DOCUMENT, EXTRACTION, failure_cause
from qa.checks import CheckResult, _fact
from qa.tables.align import align_header
from qa.tables.core import Table
from qa.types import Document, Page


def _table(header, rows):
    return Table("t.txt", [None], "公开03表", "支出决算表", "expenditure", "万元", header, rows, [None] * len(rows))


_BODY = [["", "", "合计", "365.17", "359.67", "5.50"],
         ["201", "一般公共服务支出", "", "261.24", "255.74", "5.50"],
         ["208", "社会保障和就业支出", "", "30.00", "30.00", ""],
         ["210", "卫生健康支出", "", "73.93", "73.93", ""]]


def test_a_header_one_column_left_of_its_amounts_is_moved():
    t = _table([["项目", None, "本年支出合计", "基本支出", "项目支出", None],
                ["科目编码", "科目名称", None, None, None, None]], [list(r) for r in _BODY])
    align_header(t)
    assert t.header[0] == ["项目", None, None, "本年支出合计", "基本支出", "项目支出"]
    assert t.header[1] == ["科目编码", "科目名称", None, None, None, None]  # labels stay
    assert "header-aligned" in t.flags


def test_a_header_is_not_moved_without_proof():
    # the 合计 column is blank in the body (not reported): nothing proves a shift
    body = [["201", "一般公共服务支出", "", "255.74", "5.50", ""], ["208", "社保", "", "30.00", "", ""]]
    t = _table([["项目", None, "本年支出合计", "基本支出", "项目支出", None]], [list(r) for r in body])
    before = [list(r) for r in t.header]
    align_header(t)
    assert t.header == before and "header-aligned" not in t.flags


def test_a_row_one_column_right_is_moved_back():
    header = [["项目", None, None, "本年收入合计", "财政拨款收入", "事业收入", None]]
    body = [["", "", "合计", "", "3,380.68", "3,380.68", ""],
            ["208", "", "社会保障和就业支出", "68.90", "68.90", "", ""],
            ["210", "", "卫生健康支出", "114.41", "100.00", "14.41", ""]]
    t = _table(header, [list(r) for r in body])
    align_header(t)
    assert t.rows[0] == ["", "", "合计", "3,380.68", "3,380.68", "", ""]
    assert t.rows[1:] == body[1:] and "row-aligned" in t.flags


def _result(name, facts, detail="", actual=None):
    return CheckResult("t", name, "fail", None, actual, "万元", detail, facts)


def test_failure_causes():
    total, a, b = _fact("10.00", row_index=1, column_index=2), _fact("6.00", row_index=1, column_index=3), \
        _fact("4.50", row_index=1, column_index=4)
    # the printed figures disagree: the document
    assert failure_cause(_result("row.total_equals_basic_plus_project", [total, a, b]), None, [total, a, b]) == DOCUMENT
    # a damaged cell: the reading
    bad = _fact("2.432.62", row_index=1, column_index=3)
    assert failure_cause(_result("row.total_equals_basic_plus_project", [total, bad, b])) == EXTRACTION
    # a blank total over printed parts
    blank = _fact("", row_index=1, column_index=2)
    assert failure_cause(_result("row.total_equals_basic_plus_project", [blank, a, b])) == EXTRACTION
    # a row that adds up once one cell is taken from its neighbour column
    c, d = _fact("4.00", row_index=2, column_index=3), _fact("6.00", row_index=2, column_index=4)
    t2, e = _fact("10.00", row_index=2, column_index=2), _fact("3.00", row_index=2, column_index=5)
    assert failure_cause(_result("row.total_equals_basic_plus_project", [t2, c, e]), None, [t2, c, d, e]) == EXTRACTION
    # a narrative figure printed in another column of the row
    cell = _fact("365.17", row_index=0, column_index=3, table_code="公开03表")
    other = _fact("359.67", row_index=0, column_index=4, table_code="公开03表")
    vs = _result("text.vs_table", [cell], "基本支出 359.67 ≠ 365.17", Decimal("359.67"))
    assert failure_cause(vs, None, [cell, other]) == EXTRACTION
    vs2 = _result("text.vs_table", [cell], "基本支出 300.00 ≠ 365.17", Decimal("300.00"))
    assert failure_cause(vs2, None, [cell, other]) == DOCUMENT
    # a sentence whose own figures disagree: the document
    assert failure_cause(_result("text.completion_rate", [], "完成114% (计算 113.42%)")) == DOCUMENT


def test_listed_table_missing_or_not_found():
    def doc(text):
        return Document("t.txt", "t.txt", "x", "text", [Page(None, text)])

    listed = _result("structure.listed_table_present", [], "目录列出 收入总表 (income)，但文件中没有这张表")
    toc = "目录\n一、收支总表\n二、收入总表\n表1\n收支总表\n项目\t预算数\n合计\t1.00\n"
    assert failure_cause(listed, doc(toc)) == DOCUMENT  # only listed: the document lacks it
    printed = toc + "表2\n收入总表\n单位：万元\n项目\t合计\n合计\t1.00\n"
    assert failure_cause(listed, doc(printed)) == EXTRACTION  # printed, but not read as a table


def test_planted_defects_are_document_inconsistencies():
    """The defects copy has planted errors (a removed table, changed figures): each is in the document."""
    import pytest

    from qa.checks import check_document
    from qa.ingest import read_file

    from .conftest import SHARED

    pdf = SHARED / "corpus" / "pdf" / "defects" / "putuo_caizhengju_2024_juesuan_TESTDEFECT.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is not here (../shared missing)")
    _facts, results = check_document(read_file(pdf))
    failed = [r for r in results if not r.passed]
    assert failed and {r.cause for r in failed} == {DOCUMENT}, [(r.name, r.cause) for r in failed]
    assert any(r.name == "structure.listed_table_present" and "支出决算表" in r.detail for r in failed)
