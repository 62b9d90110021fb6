"""Figures a document implies but does not print: the level a stated change
was measured against.

A 决算 for year N says "收支总计365.17万元 … 与2023年度相比，收、支总计增加
52.16万元": the 2023 figure is 365.17 − 52.16 = 313.01 万元, though no 2023
document is indexed. "机关运行经费支出997.64万元，比年初预算数减少87.99万元"
implies a 年初预算 of 1,085.63 万元. The base is derived only when one
document states both the level and its change for the same item, with the
base named (上年/上年度/N−1年, or 年初预算); the answer says it is derived and
cites both figures. domain.md: a 决算's narrative compares each total with
the previous year's 决算 and with the year's 年初预算.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from .cells import CHANGE, FUNDS
from .link import Cell, Linker, norm
from .naming import names_subject
from .numeric import MIN_SCORE, _fmt, _make, _scope_name
from .operands import ASKS_FALL, convert_unit
from .types import Answer
from .understand.plan import Plan, Selection

__all__ = ["base_of_change", "signed_change", "previous_level", "budget_level", "growth_on_previous", "covered"]

_DOWN = re.compile(r"减少|下降|降低|节约|节省|压减|少于|低于|回落|缩减")
_UP = re.compile(r"增加|增长|上升|提高|多于|高于|超支|增多")
_CHANGE_WORDS = re.compile(r"(与|同|和|较|比)?\s*(20\d\d\s*年度?|上年度?|上一年度?|去年|年初预算数?|预算数?)?(的?(部门|单位)?"
                           r"(预算|决算)数?)?\s*(相比|比较)?|均为|各|为|是|共|" + _DOWN.pattern + "|" + _UP.pattern + r"|\s")


def base_of_change(label: str, year: int | None) -> str:
    """What a stated change is measured against: "上年", "年初预算" or "".

    >>> base_of_change("收 支总计增加", 2024), base_of_change("一般公共预算财政拨款收入 比2023年度决算数减少", 2024)
    ('上年', '上年')
    >>> base_of_change("机关运行经费支出 比年初预算数减少", 2024), base_of_change("比2022年增加", 2024)
    ('年初预算', '')
    """
    if re.search(r"年初预算|比预算|较预算|预算数(减少|增加|节约|超支)", label):
        return "年初预算"
    named = re.findall(r"(20\d\d)\s*年", label)
    if named:
        return "上年" if year is not None and all(int(y) == year - 1 for y in named) else ""
    return "上年"  # "与上年相比", or a sentence opening with its comparison ("与2023年度相比，…增加")


def signed_change(cell: Cell) -> Decimal | None:
    """The change a cell states, with its sign (减少 → negative); None when the words do not say which way.

    >>> from decimal import Decimal as D
    >>> c = Cell("text", 1, "d", "o", 2024, "决算", 1, "收 支总计增加", "", "", D("52.16"), "万元", None, "")
    >>> signed_change(c), signed_change(replace(c, label="比年初预算数减少"))
    (Decimal('52.16'), Decimal('-52.16'))
    """
    down, up = _DOWN.search(cell.label), _UP.search(cell.label)
    if bool(down) == bool(up) or cell.value is None:
        return None
    return -cell.value if down else cell.value


def _bare(cell: Cell) -> str:
    """The item a level or change names, without its comparison and change words."""
    label = re.sub(r"(年初|全年|调整)预算数?|(决算|预算)数|\s*支出决算(?=为|是|$|\s)", "", cell.label)  # the column, not the item
    bare = norm(_CHANGE_WORDS.sub("", re.sub(r"^[一二三四五六七八九十]+、|其中[:：]?", "", label)))
    return re.sub(r"(?<=.{4})(合计|总计)$", "", bare)  # "X支出合计 0.76亿元，比预算节约0.48亿元": one item


def _pair(linker: Linker, sel: Selection, base: str) -> tuple[Cell, Cell] | None:
    """The level of ``sel``'s item and the change the same document states
    against ``base``: a change naming the same item, or one with no subject
    of its own in the level's sentence ("X 96,752.93万元,比2023年度决算数减少14,331.34万元")."""
    slots = linker.slots(sel, operation="value", unit=None)
    ranked = linker.ranked(sel, operation="value", unit=None)
    levels = [c for c in ranked[:40] if c.source == "text" and c.score >= MIN_SCORE and not CHANGE.search(c.label)
              and names_subject(c, slots) and len(_bare(c)) >= 2]
    changes = [c for c in ranked if c.source == "text" and CHANGE.search(c.label) and c.unit not in ("%", "倍")
               and base_of_change(c.label, c.year) == base and signed_change(c) is not None]
    for level in levels:
        named = {_bare(level), _bare(replace(level, label=level.label.split()[-1]))}  # "编制说明 财政拨款收入": its own name
        change = next((c for c in changes if c.doc == level.doc and c.unit == level.unit and _measured_alike(level, c) and (
            _bare(c) in named and names_subject(c, slots) or c.cite == level.cite and not _bare(c))), None)
        if change is not None:
            return level, change
    return None


def _measure(label: str) -> str:
    """The column a label names before any comparison: 年初预算, 预算 or 决算 ("" when none).

    >>> _measure("“三公”经费财政拨款支出年初预算为"), _measure("“三公”经费财政拨款支出决算数比 2023 年度减少")
    ('年初预算', '决算')
    >>> _measure("“三公”经费财政拨款支出 支出决算为"), _measure("机关运行经费支出 比年初预算数减少")
    ('决算', '')
    """
    own = re.split(r"比|较|与|同比", FUNDS.sub("", label), 1)[0]
    found = re.findall(r"年初预算|全年预算|调整预算|决算|执行数|实际支出|预算", own)
    return {"执行数": "决算", "实际支出": "决算", "全年预算": "年初预算", "调整预算": "年初预算"}.get(found[-1], found[-1]) \
        if found else ""


def _measured_alike(level: Cell, change: Cell) -> bool:
    """A change stated of one column (决算数比2023年度减少) is a change of that column's level, never of
    another's (the 年初预算 beside it)."""
    a, b = _measure(level.label), _measure(change.label)
    return not (a and b and a != b)


def _said(cell: Cell) -> str:
    """A cell's words as the answer quotes them: no stray spaces, no trailing 为/是."""
    return re.sub(r"(均为|为|是)$", "", re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", cell.label.strip()))


def _derived_answer(plan: Plan, level: Cell, change: Cell, what: str) -> Answer:
    value = level.value - signed_change(change)
    shown, unit = convert_unit(value, level.unit, plan.unit)
    text = (f"{_scope_name(level)}未直接列出{what}；据该文件：{_said(level)}{_fmt(level.value)}{level.unit}，"
            f"{_said(change)}{_fmt(change.value)}{change.unit}，推算{what}为{_fmt(level.value)} "
            f"{'−' if signed_change(change) > 0 else '+'} {_fmt(change.value)} = {_fmt(shown)}{unit}")
    return _make(text, shown, unit, [level, change], [])


def previous_level(linker: Linker, plan: Plan, sel: Selection) -> Answer | None:
    """``sel``'s item in a year no document covers (``sel.years``: one year
    N−1), from the year-N document stating the level and its change on the
    year before; None when no document states both."""
    if len(sel.years) != 1:
        return None
    later = replace(sel, years=(sel.years[0] + 1,), stages=())
    found = _pair(linker, later, "上年")
    if found is None:
        return None
    level, change = found
    base = _base_stage(level, change)
    if sel.stages and base not in sel.stages:
        return None  # a 预算 compared with the previous 预算 is never served as that year's 决算, nor the reverse
    return _derived_answer(plan, level, change, f"{sel.years[0]}年{sel.item or _bare(level)}（{base}数）")


def _base_stage(level: Cell, change: Cell) -> str:
    """The stage of the figure a change was measured against: the one its words name
    ("比2025年预算增加", "比2023年度决算数减少"), else the stage of the level's document."""
    named = re.findall(r"预算|决算|执行", FUNDS.sub("", change.label))  # 一般公共预算 is a fund, not a stage
    return {"执行": "决算"}.get(named[-1], named[-1]) if named else ("决算" if level.stage == "执行情况" else level.stage)


def budget_level(linker: Linker, plan: Plan, sel: Selection) -> Answer | None:
    """The 年初预算 of ``sel``'s item, from a 决算 stating the actual and its change on the budget."""
    found = _pair(linker, replace(sel, measure=""), "年初预算")
    if found is None:
        return None
    level, change = found
    return _derived_answer(plan, level, change, f"{sel.item or _bare(level)}的年初预算")


def growth_on_previous(linker: Linker, plan: Plan, sel: Selection) -> Answer | None:
    """The rate of change on the year before (``plan.op`` growth), or the
    change itself (diff), from the level and change the document of
    ``sel``'s year states ((level − base) ÷ base, base = level − change), for
    a year no document covers; half-up to 0.01 %."""
    found = _pair(linker, replace(sel, stages=()), "上年")
    if found is None:
        return None
    level, change = found
    base = level.value - signed_change(change)
    if base <= 0:
        return None
    if plan.op == "diff":  # the change itself, as the document states it
        value, unit = convert_unit(abs(signed_change(change)), change.unit, plan.unit)
        text = (f"{_scope_name(level)}：{_said(level)}{_fmt(level.value)}{level.unit}，{_said(change)}"
                f"{_fmt(change.value)}{change.unit}（上年为{_fmt(base)}{level.unit}）")
        return _make(text, value, unit, [level, change], [])
    rate = (signed_change(change) * 100 / base).quantize(Decimal("0.01"), ROUND_HALF_UP)
    word = "增长" if rate >= 0 else "下降"
    text = (f"{_scope_name(level)}：{_said(level)}{_fmt(level.value)}{level.unit}，{_said(change)}"
            f"{_fmt(change.value)}{change.unit}；上年为{_fmt(base)}{level.unit}，{word}{_fmt(abs(rate))}%"
            f"（{_fmt(change.value)} ÷ {_fmt(base)}）")
    if rate < 0 and ASKS_FALL.search(plan.question):
        rate = -rate  # "下降了百分之几" asks for the size of the fall (as qa.operands)
    return _make(text, rate, "%", [level, change], [])


def covered(linker: Linker, sel: Selection) -> bool:
    """Does any document of ``sel``'s organisations and years have a cell for it?"""
    return bool(linker.ranked(sel, operation="sum", unit=None))
