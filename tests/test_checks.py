"""Consistency checks and proven OCR repair (qa.checks / qa.check_rules)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from qa.checks import _fact, check_document, repair, run_checks, tolerance
from qa.ingest import read_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
PDF = Path("/work/shared/corpus/pdf")
CLEAN = PDF / "budget" / "putuo_caizhengju_2024_bumen_juesuan.pdf"
DEFECT = PDF / "defects" / "putuo_caizhengju_2024_juesuan_TESTDEFECT.pdf"
GUIHUA = PDF / "budget" / "putuo_guihuaziyuan_2024_bumen_juesuan.pdf"


def _checked(path: Path):
    if not path.exists():
        pytest.skip(f"{path} not available")
    doc = read_file(path)
    facts, results = check_document(doc)
    return doc, facts, results


@pytest.fixture(scope="module")
def seeds():
    return {p.name[:3]: _checked(p) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="module")
def clean():
    return _checked(CLEAN)


@pytest.fixture(scope="module")
def defect():
    return _checked(DEFECT)


@pytest.fixture(scope="module")
def guihua():
    return _checked(GUIHUA)


def _fails(results):
    return [r for r in results if r.status == "fail"]


def _rate(results):
    return sum(r.status == "pass" for r in results) / len(results)


# --- seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", ["000", "002", "003", "004"])
def test_final_account_seeds_run_many_checks_that_mostly_pass(seeds, seed):
    _doc, _facts, results = seeds[seed]
    assert len(results) >= 80
    assert _rate(results) >= 0.9


def test_budget_seed_passes_almost_everything(seeds):
    _doc, _facts, results = seeds["001"]
    assert len(results) >= 100
    # the 目录 lists 表2 收入总表 but the document goes from 表1 收支总表 to 表3 支出总表
    assert [r.name for r in _fails(results)] == ["structure.listed_table_present"]
    assert "收入总表" in _fails(results)[0].detail
    assert _fails(results)[0].cause == "document inconsistency"


def test_seed_000_rounding_between_tables_is_within_tolerance(seeds):
    """公开04表 says 3,089.48 for 资源勘探工业信息等支出, 公开05表 3,089.49: 0.01 is 尾数误差."""
    _doc, _facts, results = seeds["000"]
    pair = [r for r in results if r.name == "cross.fiscal_class_vs_general_budget" and "215" in r.detail]
    assert len(pair) == 1 and pair[0].status == "pass"
    assert {pair[0].expected, pair[0].actual} == {Decimal("3089.48"), Decimal("3089.49")}


def test_seed_000_real_discrepancies_are_pinned(seeds):
    _doc, facts, results = seeds["000"]
    fails = _fails(results)
    # 215 rows print 基本支出 = 合计 beside a 项目支出: 合计 ≠ 基本 + 项目 in 公开03表 and 公开05表
    rows = [r for r in fails if r.name == "row.total_equals_basic_plus_project"]
    assert len(rows) == 8 and all(any(c in r.detail for c in ("215", "21508")) for r in rows)
    assert "公开05表 215 资源勘探工业信息等支出 / 合计: 3,089.49 ≠ 基本支出 + 项目支出 5,379.21" in [r.detail for r in rows]
    # the narrative: 43.87 / 46.82 = 93.70 %, not the printed 93.4 %
    rate = [r for r in fails if r.name == "text.completion_rate"]
    assert len(rate) == 1 and rate[0].actual == Decimal("93.4")
    # 公开02表's 合计 row is shifted one column in the text dump: moved back, its identities hold
    assert not [r for r in fails if "公开02表" in r.detail or r.name == "cross.summary_vs_income"]
    total = [f for f in facts if f.table_code == "公开02表" and f.row_label == "合计" and f.measure == "本年收入合计"]
    assert [f.text for f in total] == ["3,380.68"]
    assert len(fails) == 11 and {r.cause for r in fails} == {"document inconsistency"}
    flagged = [f for f in facts if "check-failed" in f.flags]
    assert flagged and all(f.table_code in ("公开01表", "公开03表", "公开05表") for f in flagged)


@pytest.mark.parametrize("seed,basic,project", [("002", "359.67", "5.5"), ("003", "407.62", "15,602.72")])
def test_seed_expenditure_header_shifted_one_column_is_aligned(seeds, seed, basic, project):
    """公开03表's header row sits one column left of its amounts in the dump; the 合计 identity
    (本年支出合计 = 基本支出 + 项目支出 in every row) proves where it belongs."""
    _doc, facts, results = seeds[seed]
    got = {f.measure: f.text for f in facts if f.table_code == "公开03表" and f.row_label == "合计"}
    assert got["基本支出"] == basic and got["项目支出"] == project
    assert not [r for r in _fails(results) if r.name == "text.vs_table" and "基本支出" in r.detail]


def test_every_remaining_seed_failure_is_a_document_inconsistency(seeds):
    counts = {k: len(_fails(v[2])) for k, v in seeds.items()}
    assert counts == {"000": 11, "001": 1, "002": 6, "003": 6, "004": 0}
    for _doc, _facts, results in seeds.values():
        assert all(r.cause == "document inconsistency" for r in _fails(results))
        assert all(r.cause == "" for r in results if r.passed)


def test_seed_002_narrative_says_smaller_when_larger(seeds):
    _doc, _facts, results = seeds["002"]
    claims = [r for r in _fails(results) if r.name == "text.budget_comparison"]
    assert len(claims) == 3 and all("决算数小于年初预算数" in r.detail for r in claims)
    assert all(r.actual > r.expected for r in claims)


def test_seed_003_narrative_total_differs_from_tables(seeds):
    _doc, _facts, results = seeds["003"]
    vs = [r for r in _fails(results) if r.name == "text.vs_table" and "总计" in r.detail]
    assert vs and all(r.actual == Decimal("11010.35") and r.expected == Decimal("16010.35") for r in vs)


def test_seed_004_truncated_totals_are_repaired(seeds):
    _doc, facts, results = seeds["004"]
    assert not _fails(results)
    repaired = {(f.table_kind, f.row_label, f.text): f.value for f in facts if "repaired" in f.flags}
    assert repaired[("income_expenditure_summary", "总计", "113,311.4")] == Decimal("113311.47")
    assert repaired[("income_expenditure_summary", "本年支出合计", "113,311.4")] == Decimal("113311.47")


# --- real PDFs: the clean Putuo 财政局 决算 and the planted-defect copy -----------------------


# The published PDF's own slip, p. 21 (pdftotext shows the same): "财政拨款收入支出总计0.3万元" beside a
# 财政拨款收入支出决算总表 whose 总计 is 2,961.68 万元. Only this sentence may fail on the clean file.
GENUINE = ("text.vs_table", "财政拨款收支总计 0.3 万元")


def test_clean_putuo_passes_every_check_but_its_own_slip(clean):
    _doc, facts, results = clean
    assert len(results) >= 150
    assert [(r.name, GENUINE[1] in r.detail, r.cause) for r in _fails(results)] == \
        [(GENUINE[0], True, "document inconsistency")]
    flagged = {f.text for f in facts if "check-failed" in f.flags}
    assert flagged <= {"2,961.68", "0.3"}, flagged


PLANTED = {
    # (check, a phrase of its detail): what was planted
    ("text.vs_table", "收支总计 0 万元"): "收入支出总计 2995.39 → 0 万元",
    ("text.vs_table", "三公经费 预算数 0.95"): "三公 table: 预算数 0.95 (合计, 公务接待费) blanked",
    ("text.budget_comparison", "1511.89万元。决算数大于预算数"): "行政运行 小于 → 大于",
    ("text.budget_comparison", "80.38万元。决算数大于预算数"): "职业年金 小于 → 大于",
    ("text.budget_comparison", "60.99万元。决算数等于预算数"): "行政单位医疗 小于 → 等于",
    ("text.heading_organisation", "XX局"): "第二部分 heading: 财政局 → XX局",
    ("text.heading_year", "2023年度部门决算情况说明"): "第三部分 heading: 2024 → 2023",
    ("text.as_of_year", "截至2023年12月31日"): "国有资产 as of 2024-12-31 → 2023",
    ("structure.listed_table_present", "支出决算表"): "公开03表 支出决算表 removed",
}


def test_defect_pdf_planted_errors_are_flagged(defect):
    _doc, _facts, results = defect
    fails = _fails(results)
    for (name, phrase), what in PLANTED.items():
        assert [r for r in fails if r.name == name and phrase in r.detail], what
    assert len(fails) == len(PLANTED)  # nothing else fails
    page = [r for r in fails if "收支总计 0 万元" in r.detail][0]
    assert page.detail.startswith("p18:") and page.expected == Decimal("2995.39")


def test_clean_pdf_does_not_fail_the_planted_identities(clean, defect):
    clean_results = clean[2]
    assert not [r for r in clean_results if r.status == "fail" and
                any(r.name == name and phrase in r.detail for name, phrase in PLANTED)]
    # the checks that caught table-level plants ran and passed on the clean file
    ran = {r.name for r in clean_results}
    assert {"structure.listed_table_present", "three_public.sum_of_parts", "cross.summary_vs_expenditure"} <= ran


def test_guihuaziyuan_narrative_personnel_differs_from_table(guihua):
    _doc, _facts, results = guihua
    assert len(results) >= 200 and _rate(results) > 0.99
    fails = _fails(results)
    assert {r.name for r in fails} == {"text.vs_table"}
    assert any(r.actual == Decimal("4896.98") and r.expected == Decimal("4884.09") for r in fails)


# --- repair ---------------------------------------------------------------------------------


def _column(texts: dict[str, str], total: str):
    """A synthetic 一般公共预算 expenditure table: 合计 row and 类 rows in one column."""
    common = dict(table_kind="general_budget_expenditure", table_code="公开05表", column_index=4,
                  measure="合计", code_system="功能分类")
    facts = [_fact(total, row_index=0, row_label="合计", **common)]
    for i, (code, text) in enumerate(texts.items(), start=1):
        facts.append(_fact(text, row_index=i, row_label=f"类{code}", subject_code=code, subject_level="类", **common))
    return facts


def test_repair_accepts_the_reading_a_column_total_proves():
    facts = _column({"201": "2.432.62", "208": "567.38"}, "3,000.00")
    assert facts[1].value is None and "ocr-suspect" in facts[1].flags
    repair(facts)
    assert facts[1].value == Decimal("2432.62") and facts[1].value_wan == Decimal("2432.62")
    assert "repaired" in facts[1].flags and facts[1].text == "2.432.62"


def test_repair_leaves_unproven_cells_flagged():
    facts = _column({"201": "2.432.62", "208": "567.38"}, "3,100.00")  # no reading adds up
    repair(facts)
    assert facts[1].value is None and "repaired" not in facts[1].flags
    lone = _column({"201": "2.432.62"}, "")  # no total at all
    repair(lone)
    assert lone[1].value is None and "ocr-suspect" in lone[1].flags


def test_repair_needs_a_single_unknown():
    facts = _column({"201": "2.432.62", "208": "5.67.38"}, "3,000.00")
    repair(facts)
    assert all(f.value is None for f in facts[1:])


def test_repair_completes_a_truncated_total():
    facts = _column({"201": "2,432.62", "208": "567.37"}, "2,999.9")
    repair(facts)
    assert facts[0].value == Decimal("2999.99") and "repaired" in facts[0].flags


def test_run_checks_on_a_synthetic_column_reports_the_gap():
    from qa.types import Document

    doc = Document("t", "t", "", "text", [])
    facts = _column({"201": "2,432.62", "208": "567.38"}, "3,000.10")
    results = run_checks(doc, facts, tables=[])
    assert [(r.name, r.status) for r in results] == [("subject.total_equals_sum_of_classes", "fail")]
    assert results[0].detail == "公开05表 合计 / 合计: 3,000.10 ≠ Σ类 3,000.00"
    assert tolerance("万元", 2) == Decimal("0.02")
