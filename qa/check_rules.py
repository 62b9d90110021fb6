"""The identities and claims :mod:`qa.checks` evaluates.

Table identities (:func:`table_identities`) are built from facts alone:

- ``summary.*`` — 收入支出决算总表 / 财政拨款收支总表: both 总计 agree, each side adds up;
- ``subject.*`` — functional (and economic) classification: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类;
- ``row.*`` — 合计 = 基本支出 + 项目支出 (+ 上缴上级 …), 本年收入合计 = Σ sources,
  基本支出 = 人员经费 + 公用经费, 财政拨款 合计 = Σ funds;
- ``basic.*`` — 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 310 (+ 399);
- ``three_public.*`` — 三公 = 出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行;
- ``cross.*`` — the same total in two tables.

Text claims and the structure check are in :mod:`qa.check_text`.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .checks import Identity, amount
from .table_facts import Fact

__all__ = ["table_identities", "group_tables", "ref", "summary_rows", "table_total"]

FUNCTIONAL = ("income", "expenditure", "general_budget_expenditure", "gov_fund", "state_capital")
SUMMARIES = ("income_expenditure_summary", "fiscal_summary")
_TOTAL_COLUMNS = ("合计", "本年支出合计")
_SPEND_PARTS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "单位预留机动经费", "结转下年资金")
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
