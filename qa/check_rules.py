"""The identities and claims :mod:`qa.checks` evaluates.

Table identities (:func:`table_identities`) are built from facts alone:

- ``summary.*`` — 收入支出决算总表 / 财政拨款收支总表: both 总计 agree, each side adds up;
- ``subject.*`` — functional (and economic) classification: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类;
- ``row.*`` — 合计 = 基本支出 + 项目支出 (+ 上缴上级 …), 本年收入合计 = Σ sources,
  基本支出 = 人员经费 + 公用经费, 财政拨款 合计 = Σ funds;
- ``basic.*`` — 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 310 (+ 399);
- ``three_public.*`` — 三公 = 出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行;
- ``cross.*`` — the same total in two tables.

Text claims (:func:`text_checks`) read the 情况说明 part: figures vs table cells,
"决算数大于预算数" and "完成年初预算的98.2%" vs the figures beside them, and the
headings' year and organisation. :func:`structure_checks` compares the tables
listed in the 目录 with those found.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from .checks import CENT, CheckResult, Identity, amount, fmt
from .table_facts import Fact
from .table_kinds import classify, squash
from .types import Document

__all__ = ["table_identities", "text_checks", "structure_checks", "group_tables", "ref"]

FUNCTIONAL = ("income", "expenditure", "general_budget_expenditure", "gov_fund", "state_capital")
SUMMARIES = ("income_expenditure_summary", "fiscal_summary")
_TOTAL_COLUMNS = ("合计", "本年支出合计")
_SPEND_PARTS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
_INCOME_PARTS = ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
_FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


def ref(fact: Fact) -> str:
    """How a detail line names a fact's table: its code, else its title, else its kind."""
    return fact.table_code or fact.table_title or fact.table_kind


def group_tables(facts: list[Fact]) -> dict[tuple, list[Fact]]:
    """Facts per table, keyed (kind, code, title)."""
    tables: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        tables[(f.table_kind, f.table_code, f.table_title)].append(f)
    return tables


def _row_name(f: Fact) -> str:
    return " ".join(x for x in (f.subject_code, f.row_label) if x)


def _where(f: Fact, column: str | None = None) -> str:
    return f"{ref(f)} {_row_name(f)} / {column or f.column_label or f.measure}"


def _label(f: Fact) -> str:
    """Row label without its numbering ("一、" / "（一）")."""
    return _NUMBERING.sub("", f.row_label)


def _is_total_row(f: Fact) -> bool:
    return not f.subject_code and ("合计" in f.row_label or f.row_label.endswith("总计"))


# ---------------------------------------------------------------------------------------------
# classification hierarchy


def _columns(facts: list[Fact]) -> dict[tuple, list[Fact]]:
    cols: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        cols[(f.side, f.column_index)].append(f)
    return cols


def _hierarchy(facts: list[Fact], economic: bool) -> list[Identity]:
    """类 = Σ 款 and 款 = Σ 项 in every column; 合计 = Σ 类 (functional tables)."""
    out: list[Identity] = []
    suspect = any("code-suspect" in f.flags for f in facts)
    for column in _columns(facts).values():
        coded = [f for f in column if f.subject_level and "code-suspect" not in f.flags]
        for parent in coded:
            n = len(parent.subject_code)
            child_len = {3: 5, 5: 7}.get(n)
            kids = [f for f in coded if len(f.subject_code) == child_len and f.subject_code[:n] == parent.subject_code]
            if kids and not suspect:
                level = "款" if n == 3 else "项"
                name = "subject.class_equals_sum_of_items" if n == 3 else "subject.item_equals_sum_of_subitems"
                out.append(Identity(name, parent, kids, _where(parent), f"Σ{level}"))
        classes = [f for f in coded if f.subject_level == "类"]
        totals = [f for f in column if _is_total_row(f) and not economic]
        if totals and classes and not suspect:
            out.append(Identity("subject.total_equals_sum_of_classes", totals[0], classes, _where(totals[0]), "Σ类"))
    return out


# ---------------------------------------------------------------------------------------------
# row identities


def _by_measure(row: list[Fact]) -> dict[str, Fact]:
    out: dict[str, Fact] = {}
    for f in sorted(row, key=lambda f: f.column_index):
        out.setdefault(f.measure, f)
    return out


def _rows(facts: list[Fact]) -> dict[tuple, list[Fact]]:
    rows: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        rows[(f.row_index, f.side)].append(f)
    return rows


def _row_sum(name: str, row: list[Fact], totals: tuple[str, ...], parts: tuple[str, ...], min_parts: int = 2):
    m = _by_measure(row)
    total = next((m[t] for t in totals if t in m), None)
    found = [m[p] for p in parts if p in m]
    if total is None or len(found) < min_parts:
        return None
    what = " + ".join(f.measure for f in found)
    return Identity(name, total, found, _where(total, total.measure), what)


def _fund_identity(row: list[Fact]) -> list[Identity]:
    """财政拨款总表, 支出 side: the row's first (total) column = Σ fund columns."""
    spend = sorted((f for f in row if "支出" in f.side or "支出" in f.row_label), key=lambda f: f.column_index)
    funds = [f for f in spend if f.measure in _FUNDS]
    if not spend or spend[0].measure in _FUNDS or not funds:
        return []
    total = spend[0]
    return [Identity("row.fiscal_total_equals_sum_of_funds", total, funds, _where(total, "合计"),
                     " + ".join(f.measure for f in funds))]


def _row_identities(kind: str, facts: list[Fact]) -> list[Identity]:
    out = []
    for row in _rows(facts).values():
        if kind == "income":
            rules = [("row.income_total_equals_sum_of_sources", ("本年收入合计", "合计"), _INCOME_PARTS)]
        elif kind == "fiscal_summary":
            out += _fund_identity(row)
            continue
        else:
            rules = [("row.total_equals_basic_plus_project", _TOTAL_COLUMNS, _SPEND_PARTS),
                     ("basic.personnel_plus_public", ("基本支出",), ("人员经费", "公用经费"))]
        for name, totals, parts in rules:
            ident = _row_sum(name, row, totals, parts, 1 if kind == "fiscal_summary" else 2)
            if ident is not None:
                out.append(ident)
    return out


# ---------------------------------------------------------------------------------------------
# summary tables


def _split_column(facts: list[Fact]) -> int:
    """First value column of the 支出 half (labels naming 支出 are on that side)."""
    spend = [f.column_index for f in facts if "支出" in f.row_label or "支出" in f.side]
    return min(spend) if spend else 10 ** 6


def _income_side(f: Fact, split: int) -> bool:
    if "收入" in f.side or "支出" in f.side:
        return "收入" in f.side
    return f.column_index < split


_SUMMARY_ROWS = {
    "current": lambda lab, inc: re.fullmatch(r"本年收入(合计)?" if inc else r"本年支出(合计)?", lab),
    "carry_in": lambda lab, inc: inc and "结转" in lab,
    "surplus_used": lambda lab, inc: inc and "使用非财政拨款结余" in lab,
    "allocation": lambda lab, inc: not inc and "结余分配" in lab,
    "carry_out": lambda lab, inc: not inc and "结转" in lab,
    "grand": lambda lab, inc: lab.endswith("总计"),
}


def summary_rows(facts: list[Fact]) -> dict[tuple[str, bool], Fact]:
    """{(role, income side?): the fact in that side's total column} of a summary table."""
    split = _split_column(facts)
    found: dict[tuple[str, bool], Fact] = {}
    grands = sorted((f for f in facts if _label(f).endswith("总计")), key=lambda f: (f.column_index, f.row_index))
    for f in sorted(facts, key=lambda f: (f.column_index, f.row_index)):
        inc = _income_side(f, split)
        lab = _label(f)
        if lab.endswith("总计"):
            inc = "收入" in lab or ("支出" not in lab and (inc if f.side else f is grands[0]))
        for role, match in _SUMMARY_ROWS.items():
            if match(lab, inc):
                found.setdefault((role, inc), f)
    return found


def _summary_identities(facts: list[Fact]) -> list[Identity]:
    rows = summary_rows(facts)
    out = []
    for inc, name, roles in ((True, "summary.income_side_total", ("current", "carry_in", "surplus_used")),
                             (False, "summary.expenditure_side_total", ("current", "allocation", "carry_out"))):
        total = rows.get(("grand", inc))
        parts = [rows[(r, inc)] for r in roles if (r, inc) in rows]
        if total is not None and parts and ("current", inc) in rows:
            what = " + ".join(_label(p) for p in parts)
            out.append(Identity(name, total, parts, _where(total, _label(total)), what))
    gi, go = rows.get(("grand", True)), rows.get(("grand", False))
    if gi is not None and go is not None:
        out.append(Identity("summary.totals_agree", go, [gi], _where(go, "支出总计"), "收入总计"))
    ci, co = rows.get(("current", True)), rows.get(("current", False))
    others = [rows[k] for k in rows if k[0] in ("carry_in", "surplus_used", "allocation", "carry_out")]
    if ci is not None and co is not None and all(amount(f) == 0 for f in others):
        out.append(Identity("summary.income_equals_expenditure", co, [ci], _where(co, _label(co)), _label(ci)))
    return out


# ---------------------------------------------------------------------------------------------
# basic expenditure detail and 三公


def _labelled_total(facts: list[Fact], word: str) -> Fact | None:
    """The 人员经费合计 / 公用经费合计 amount (it may sit right of its label)."""
    label = next((f for f in facts if word in f.row_label and "合计" in f.row_label), None)
    if label is None or label.value is not None:
        return label
    row = sorted((f for f in facts if f.row_index == label.row_index), key=lambda f: f.column_index)
    for f in row:
        if f.column_index <= label.column_index:
            continue
        if f.row_label:
            return None  # the next labelled block starts: the amount is not printed
        if f.value is not None:
            return f
    return None


def _basic_identities(facts: list[Fact]) -> list[Identity]:
    classes = {f.subject_code: f for f in facts if f.subject_level == "类" and f.code_system == "经济分类"}
    out = []
    for word, codes, name in (("人员经费", ("301", "303"), "basic.personnel_equals_classes"),
                              ("公用经费", ("302", "310", "399"), "basic.public_equals_classes")):
        total = _labelled_total(facts, word)
        parts = [classes[c] for c in codes if c in classes]
        if total is not None and len(parts) >= 2:
            what = " + ".join(p.subject_code for p in parts)
            out.append(Identity(name, total, parts, f"{ref(total)} {word}合计", what))
    return out


_THREE = ("因公出国(境)费", "公务用车购置及运行维护费", "公务接待费")
_CAR = ("公务用车购置费", "公务用车运行维护费")


def _three_public_identities(facts: list[Fact]) -> list[Identity]:
    out = []
    groups: dict[tuple, dict[str, Fact]] = defaultdict(dict)
    for f in sorted(facts, key=lambda f: f.column_index):
        groups[(f.row_index, f.basis)].setdefault(f.measure, f)
    for (_row, basis), m in groups.items():
        car = m.get("公务用车购置及运行维护费")
        if car is not None and all(c in m for c in _CAR):
            out.append(Identity("three_public.car_equals_purchase_plus_running", car, [m[c] for c in _CAR],
                                f"{ref(car)} 公务用车购置及运行维护费 / {basis}", "购置费 + 运行维护费"))
        total = m.get("三公经费合计")
        parts = [m[c] for c in _THREE if c in m]
        if total is not None and len(parts) == 3:
            out.append(Identity("three_public.sum_of_parts", total, parts,
                                f"{ref(total)} 三公经费合计 / {basis}", "出国 + 公务用车 + 接待"))
    return out


# ---------------------------------------------------------------------------------------------
# cross-table


def table_total(facts: list[Fact], measures: tuple[str, ...]) -> Fact | None:
    """The 合计 row's fact in the first column with one of ``measures``."""
    for measure in measures:
        for f in sorted(facts, key=lambda f: (f.column_index, f.row_index)):
            if _is_total_row(f) and f.measure == measure:
                return f
    return None


def _first(tables: dict[tuple, list[Fact]], kind: str) -> list[Fact]:
    return next((fs for (k, _c, _t), fs in tables.items() if k == kind), [])


def _class_pairs(name: str, summary: list[Fact], table: list[Fact]) -> list[tuple]:
    """Each 类 amount of a summary's 支出 side against the same 类 (by name) in a detail table."""
    split = _split_column(summary)
    classes = {}
    for f in sorted(table, key=lambda f: f.column_index):
        if f.subject_level == "类" and f.code_system == "功能分类" and f.row_label and f.measure in _TOTAL_COLUMNS:
            classes.setdefault(f.row_label, f)
    first: dict[int, Fact] = {}
    for f in sorted(summary, key=lambda f: f.column_index):
        if not _income_side(f, split) and _NUMBERING.match(f.row_label) and f.value is not None:
            first.setdefault(f.row_index, f)
    return [(name, f, classes[_label(f)]) for f in first.values() if _label(f) in classes]


def _cross_identities(tables: dict[tuple, list[Fact]]) -> list[Identity]:
    out = []
    summary = summary_rows(_first(tables, "income_expenditure_summary"))
    fiscal = summary_rows(_first(tables, "fiscal_summary"))
    spend = table_total(_first(tables, "expenditure"), _TOTAL_COLUMNS)
    gbe_facts = _first(tables, "general_budget_expenditure")
    gbe = table_total(gbe_facts, _TOTAL_COLUMNS)
    income = table_total(_first(tables, "income"), ("本年收入合计", "合计"))
    pairs = [("cross.summary_vs_expenditure", summary.get(("current", False)), spend),
             ("cross.summary_vs_income", summary.get(("current", True)), income)]
    if fiscal:
        gb_row = [f for f in _first(tables, "fiscal_summary") if f is fiscal.get(("current", False))]
        funds = [f for f in _first(tables, "fiscal_summary")
                 if gb_row and f.row_index == gb_row[0].row_index and f.measure == "一般公共预算财政拨款"]
        pairs.append(("cross.fiscal_vs_general_budget", funds[0] if funds else fiscal.get(("current", False)), gbe))
    basic = _first(tables, "basic_expenditure_detail")
    personnel, public = _labelled_total(basic, "人员经费"), _labelled_total(basic, "公用经费")
    gbe_basic = table_total(gbe_facts, ("基本支出",))
    pairs += _class_pairs("cross.summary_class_vs_expenditure", _first(tables, "income_expenditure_summary"),
                          _first(tables, "expenditure"))
    pairs += _class_pairs("cross.fiscal_class_vs_general_budget", _first(tables, "fiscal_summary"), gbe_facts)
    for name, a, b in pairs:
        if a is not None and b is not None:
            out.append(Identity(name, b, [a], _where(b, b.measure), f"{ref(a)} {_label(a)}"))
    if gbe_basic is not None and personnel is not None and public is not None:
        out.append(Identity("cross.basic_vs_detail", gbe_basic, [personnel, public], _where(gbe_basic, "基本支出"),
                            f"{ref(personnel)} 人员经费合计 + 公用经费合计"))
    return out


def table_identities(facts: list[Fact]) -> list[Identity]:
    """Every identity the tables of one document should satisfy."""
    tables = group_tables(facts)
    out: list[Identity] = []
    for (kind, _code, _title), fs in tables.items():
        if kind in SUMMARIES:
            out += _summary_identities(fs)
        if kind in FUNCTIONAL:
            out += _hierarchy(fs, economic=False)
        if kind in FUNCTIONAL + ("fiscal_summary", "basic_expenditure_detail"):
            out += _row_identities(kind, fs)
        if kind == "basic_expenditure_detail":
            out += _hierarchy(fs, economic=True) + _basic_identities(fs)
        if kind == "three_public":
            out += _three_public_identities(fs)
    return out + _cross_identities(tables)

# ---------------------------------------------------------------------------------------------
# text vs table


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
