"""Claims in the text, checked against the tables and the document itself.

:func:`text_checks` reads the 情况说明 part: figures vs table cells,
"决算数大于预算数" and "完成年初预算的98.2%" vs the figures beside them, and the
headings' year and organisation. :func:`structure_checks` compares the tables
listed in the 目录 with those found.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .check_rules import _TOTAL_COLUMNS, _first, _labelled_total, _row_name, group_tables, ref, summary_rows, table_total  # noqa: F401
from .checks import CENT, CheckResult, amount, fmt
from .table_facts import Fact
from .table_kinds import classify, squash
from .types import Document

__all__ = ["text_checks", "structure_checks"]




_HEADING = re.compile(r"^-?([一二三四五六七八九十]+)、(.{2,40})$")
_NUM = r"(\d[\d,]*(?:\.\d+)?)万元"
_TOTAL_WORDS = r"(?:收、支|收支|收入支出|收入、支出)总计(?:均为|各为|为|是)?"


def section_kind(heading: str) -> str:
    """Which table a 情况说明 section talks about ("" when none of the checked ones).

    >>> section_kind("支出决算情况说明"), section_kind("财政拨款“三公”经费支出决算情况说明")
    ('expenditure', 'three_public')
    >>> section_kind("收入支出决算总体情况说明"), section_kind("一般公共预算财政拨款支出决算情况说明")
    ('income_expenditure_summary', 'general_budget_expenditure')
    """
    h = heading
    if "三公" in h:
        return "three_public"
    if "基本支出" in h:
        return "basic_expenditure_detail"
    if "一般公共预算" in h and "支出" in h:
        return "general_budget_expenditure"
    if "财政拨款收入支出" in h or "财政拨款收支" in h:
        return "fiscal_summary"
    if "总体" in h and ("收入支出" in h or "收支" in h):
        return "income_expenditure_summary"
    if h.startswith("收入决算"):
        return "income"
    if h.startswith("支出决算"):
        return "expenditure"
    return ""


def sections(doc: Document) -> list[tuple[str, str, list[tuple[int, int | None]]]]:
    """(kind, squashed text, [(offset, page)]) of each numbered 情况说明 section."""
    out: list[tuple[str, list[str], list[tuple[int, int | None]]]] = [("", [], [])]
    for page in doc.pages:
        for line in page.text.split("\n"):
            s = re.sub(r"\s+", "", line)
            m = _HEADING.match(s)
            if m and ("说明" in s or "情况" in s) and len(s) < 40:
                out.append((section_kind(m.group(2)), [], []))
                continue
            _kind, parts, pages = out[-1]
            if not pages or pages[-1][1] != page.number:
                pages.append((sum(len(p) for p in parts), page.number))
            parts.append(s)
    return [(k, "".join(parts), pages) for k, parts, pages in out]


def _page_at(pages: list[tuple[int, int | None]], offset: int) -> int | None:
    page = pages[0][1] if pages else None
    for start, number in pages:
        if start <= offset:
            page = number
    return page


def _tp(basis: str):
    return lambda t: next((f for f in _first(t, "three_public") if f.measure == "三公经费合计" and f.basis == basis), None)


_CLAIMS: dict[str, list[tuple[str, str, object]]] = {
    "income_expenditure_summary": [
        (r"(?<!财政拨款)" + _TOTAL_WORDS + _NUM, "收支总计",
         lambda t: summary_rows(_first(t, "income_expenditure_summary")).get(("grand", True)))],
    "income": [(r"收入合计(?:为|是)?" + _NUM, "本年收入合计",
                lambda t: summary_rows(_first(t, "income_expenditure_summary")).get(("current", True)))],
    "expenditure": [
        (r"支出合计(?:为|是)?" + _NUM, "本年支出合计",
         lambda t: summary_rows(_first(t, "income_expenditure_summary")).get(("current", False))),
        (r"基本支出(?:决算数)?(?:为)?" + _NUM, "基本支出", lambda t: table_total(_first(t, "expenditure"), ("基本支出",))),
        (r"项目支出(?:决算数)?(?:为)?" + _NUM, "项目支出", lambda t: table_total(_first(t, "expenditure"), ("项目支出",)))],
    "fiscal_summary": [(r"财政拨款" + _TOTAL_WORDS + _NUM, "财政拨款收支总计",
                        lambda t: summary_rows(_first(t, "fiscal_summary")).get(("grand", True)))],
    "general_budget_expenditure": [
        (r"一般公共预算财政拨款支出(?:决算)?(?:为|是)?" + _NUM, "一般公共预算财政拨款支出",
         lambda t: table_total(_first(t, "general_budget_expenditure"), _TOTAL_COLUMNS)),
        (r"基本支出(?:决算数)?(?:为)?" + _NUM, "基本支出",
         lambda t: table_total(_first(t, "general_budget_expenditure"), ("基本支出",))),
        (r"项目支出(?:决算数)?(?:为)?" + _NUM, "项目支出",
         lambda t: table_total(_first(t, "general_budget_expenditure"), ("项目支出",)))],
    "basic_expenditure_detail": [
        (r"基本支出(?:决算数)?(?:为)?" + _NUM, "基本支出",
         lambda t: table_total(_first(t, "general_budget_expenditure"), ("基本支出",))),
        (r"人员经费(?:为|是)?" + _NUM, "人员经费", lambda t: _labelled_total(_first(t, "basic_expenditure_detail"), "人员经费")),
        (r"公用经费(?:为|是)?" + _NUM, "公用经费", lambda t: _labelled_total(_first(t, "basic_expenditure_detail"), "公用经费"))],
    "three_public": [
        (r"三公”?经费(?:财政拨款)?支出(?:全年|年初)?预算(?:数)?为" + _NUM, "三公经费 预算数", _tp("预算数")),
        (r"三公”?经费(?:财政拨款)?支出(?:全年|年初)?预算(?:数)?为[\d.,]+万元[，,]?支出决算(?:数)?为" + _NUM,
         "三公经费 决算数", _tp("决算数"))],
}


def _narrative_tolerance(text: str) -> Decimal:
    """Half a unit of the narrative's last digit, plus the tables' own rounding.

    >>> _narrative_tolerance("68.9"), _narrative_tolerance("3380.68")
    (Decimal('0.06'), Decimal('0.015'))
    """
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Decimal(5) / Decimal(10) ** (decimals + 1) + Decimal("0.01")


def _claim_result(doc, kind, label, text, page, fact, tables_by_kind) -> CheckResult | None:
    said = Decimal(text.replace(",", ""))
    where = f"p{page}: " if page is not None else ""
    if fact is None:
        empty = kind in tables_by_kind and not tables_by_kind[kind]
        if not (empty and said):
            return None
        detail = f"{where}情况说明 {label} {fmt(said)} 万元 ≠ {kind} 表中无数（空白）"
        return CheckResult(doc.name, "text.vs_table", "fail", None, said, "万元", detail, [])
    table = fact.value_wan if fact.value is not None else amount(fact)
    if table is None:
        return None
    ok = abs(table - said) <= _narrative_tolerance(text)
    detail = (f"{where}情况说明 {label} {fmt(said)} 万元 {'=' if ok else '≠'} "
              f"{ref(fact)} {_row_name(fact)} / {fact.column_label or fact.measure} {fmt(table)} 万元")
    return CheckResult(doc.name, "text.vs_table", "pass" if ok else "fail", table, said, "万元", detail, [fact])


def _table_kinds(facts: list[Fact], tables) -> dict[str, list[Fact]]:
    """Facts with a reported amount, per table kind (kinds of tables without any: [])."""
    out: dict[str, list[Fact]] = {t.kind: [] for t in tables or ()}
    for f in facts:
        out.setdefault(f.table_kind, [])
        if f.value is not None:
            out[f.table_kind].append(f)
    return out


def _vs_table(doc: Document, facts: list[Fact], tables) -> list[CheckResult]:
    grouped = group_tables(facts)
    by_kind = _table_kinds(facts, tables)
    out = []
    for kind, text, pages in sections(doc):
        for pattern, label, resolve in _CLAIMS.get(kind, ()):
            m = re.search(pattern, text)
            if m:
                result = _claim_result(doc, kind, label, m.group(1), _page_at(pages, m.start()),
                                       resolve(grouped), by_kind)
                if result is not None:
                    out.append(result)
    return out


_BUDGET_SENTENCE = re.compile(r"(?:年初|全年)预算(?:数)?为" + _NUM + r"[，,]?支出决算(?:数)?为" + _NUM)
_RATE = re.compile(r"^[，,。]?完成(?:年初|全年)?预算(?:数)?的(\d+(?:\.\d+)?)%")
_CLAIM = re.compile(r"决算数(?:(大于|小于|等于|高于|低于|超过)(?:年初|全年)?预算数|[与同](?:年初|全年)?预算数(基本)?持平)")


def _sentence(text: str, start: int, end: int) -> str:
    """The text from the sentence start (after 。；) up to ``end``, at most 60 characters before."""
    cut = max(text.rfind(c, max(0, start - 60), start) for c in "。；;")
    return text[max(cut + 1, start - 60): end]


def _holds(claim: str, basic: bool, budget: Decimal, actual: Decimal) -> bool:
    """Does "决算数<claim>预算数" hold for these figures?

    >>> _holds("大于", False, Decimal("1560.05"), Decimal("1511.89")), _holds("持平", True, Decimal(10), Decimal(10))
    (False, True)
    """
    if claim in ("大于", "高于", "超过"):
        return actual > budget
    if claim in ("小于", "低于"):
        return actual < budget
    if basic:
        return abs(actual - budget) <= abs(budget) * Decimal("0.05")
    return actual == budget


def _budget_claims(doc: Document) -> list[CheckResult]:
    """"年初预算为X万元，支出决算为Y万元，完成年初预算的Z%。决算数小于预算数" stays coherent."""
    out = []
    for _kind, text, pages in sections(doc):
        for m in _BUDGET_SENTENCE.finditer(text):
            budget, actual = (Decimal(g.replace(",", "")) for g in m.groups())
            tail = text[m.end(): m.end() + 150].split("预算为")[0]
            page = _page_at(pages, m.start())
            snippet = (f"p{page}: " if page is not None else "") + _sentence(text, m.start(), m.end())
            rate = _RATE.match(tail)
            if rate and budget:
                said = Decimal(rate.group(1))
                real = actual / budget * 100
                ok = abs(real - said) <= _narrative_tolerance(rate.group(1)) + Decimal("0.04")
                out.append(CheckResult(doc.name, "text.completion_rate", "pass" if ok else "fail", real.quantize(CENT),
                                       said, "%", f"{snippet}，完成{said}% (计算 {real:.2f}%)", []))
            claim = _CLAIM.search(tail)
            if claim:
                word = claim.group(1) or "持平"
                ok = _holds(word, bool(claim.group(2)), budget, actual)
                out.append(CheckResult(doc.name, "text.budget_comparison", "pass" if ok else "fail", budget, actual,
                                       "万元", f"{snippet}。{claim.group(0)}", []))
    return out


_PART = re.compile(r"^-?第[一二三四五六七八九十]+部分(.*(?:决算|预算).*)$")
_SUFFIX = re.compile(r"(?:部门|单位)?(?:决算|预算)(?:表|情况说明|情况|说明|公开)?$|概况$|[(（][^)）]{1,6}[)）]")


def _heading_checks(doc: Document) -> list[CheckResult]:
    """Part headings name the document's year and organisation; 决算 assets are as of its year end."""
    out = []
    org = squash(doc.organisation)
    for page in doc.pages:
        for line in page.text.split("\n"):
            s = re.sub(r"\s+", "", line)
            m = _PART.match(s)
            if m and doc.year:
                year = re.search(r"(\d{4})年", m.group(1))
                if year:
                    ok = int(year.group(1)) == doc.year
                    out.append(CheckResult(doc.name, "text.heading_year", "pass" if ok else "fail", Decimal(doc.year),
                                           Decimal(year.group(1)), "", f"p{page.number}: {s}", []))
                name = _SUFFIX.sub("", re.sub(r"\d{4}年度?", "", m.group(1), count=1))
                if org and name and len(name) > 3:
                    ok = name in org or org in name
                    out.append(CheckResult(doc.name, "text.heading_organisation", "pass" if ok else "fail", None, None,
                                           "", f"p{page.number}: {s} (文件单位 {org})", []))
        if doc.stage == "决算" and doc.year:
            for m in re.finditer(r"截[至止](\d{4})年12月31日", re.sub(r"\s+", "", page.text)):
                ok = int(m.group(1)) == doc.year
                out.append(CheckResult(doc.name, "text.as_of_year", "pass" if ok else "fail", Decimal(doc.year),
                                       Decimal(m.group(1)), "", f"p{page.number}: {m.group(0)}", []))
    return out


def text_checks(doc: Document, facts: list[Fact], tables=None) -> list[CheckResult]:
    """Narrative figures vs tables, budget-vs-actual claims, headings."""
    return _vs_table(doc, facts, tables) + _budget_claims(doc) + _heading_checks(doc)


_STANDARD = ("income_expenditure_summary", "income", "expenditure", "fiscal_summary", "general_budget_expenditure",
             "basic_expenditure_detail", "gov_fund", "state_capital", "three_public")
_TOC = re.compile(r"^-?[一二三四五六七八九十]+、(.{2,40}表)$")


def structure_checks(doc: Document, tables) -> list[CheckResult]:
    """Every standard table the 目录 lists is present."""
    listed: dict[str, str] = {}
    for page in doc.pages[:4]:
        for line in page.text.split("\n"):
            m = _TOC.match(re.sub(r"\s+", "", line))
            if m and classify(m.group(1)) in _STANDARD:
                listed.setdefault(classify(m.group(1)), m.group(1))
    found = {t.kind for t in tables}
    out = []
    for kind, title in listed.items():
        ok = kind in found
        detail = f"目录列出 {title} ({kind})" + ("" if ok else "，但文件中没有这张表")
        out.append(CheckResult(doc.name, "structure.listed_table_present", "pass" if ok else "fail", None, None, "",
                               detail, []))
    return out
