"""When a document's tables and its narrative agree, and which figure stands when they do not.

Tables are held to identities (收入 = 支出, 类 = Σ款 = Σ项); narratives round and carry typing and
OCR errors (../shared/docs/domain.md). So a table row named exactly as the item, or the total of
the table the item names, outranks a sentence that states another figure when the two differ as a
typing slip does or a second table backs the row (:func:`table_first`); a table figure that a
sentence contradicts with nothing backing it is served by neither (:func:`conflict`); a sentence
that differs from backed tables is named beside their figure (:func:`differing`); a cell of a table
that failed a check stands only when another source states it too (:func:`sound`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .cells import CHANGE as _CHANGE, totals_named_table
from .link import Cell, norm
from .naming import _COVER_WORDS, covers, names_subject
from .numeric import _FACTOR, MIN_SCORE, _half_unit, _same_name, norm_label

__all__ = ["conflict", "differing", "sound", "table_first", "typo_apart"]


def _failed(cell: Cell) -> bool:
    return "check-failed" in ((cell.row or {}).get("flags") or "")


def sound(cell: Cell, ranked: list[Cell], slots) -> Cell:
    """A cell of a table that failed a consistency check stands only when
    another table or sentence states the same figure for the item; else the
    best cell naming the item outside a failed check replaces it (a shifted
    column puts the 合计 under 基本支出); with no such cell it stays, and the
    answer warns."""
    if cell.source != "table" or not _failed(cell):
        return cell
    named = [c for c in ranked if c is not cell and c.score >= MIN_SCORE - 1 and c.doc == cell.doc
             and names_subject(c, slots)]
    if any(c.value_wan == cell.value_wan and (c.source == "text" or c.table != cell.table) for c in named):
        return cell
    # the same row elsewhere (another column of it, another table listing it): never another row's figure
    same = norm(norm_label(cell))
    return next((c for c in named if not _failed(c) and norm(norm_label(c)) == same), cell)


def conflict(cell: Cell, ranked: list[Cell], slots) -> Cell | None:
    """A sentence of the same document that names the item and states another
    figure (beyond the rounding of its printed digits), when no other table
    or sentence backs the chosen table cell: the document disagrees with
    itself, and neither figure is served as the answer."""
    if cell.source != "table" or cell.value_wan is None:
        return None
    named = [c for c in ranked if c is not cell and c.doc == cell.doc and c.value_wan is not None
             and c.score >= MIN_SCORE and names_subject(c, slots)]
    backed = any(c.value_wan == cell.value_wan and not _failed(c) and (c.source == "text" or c.table != cell.table)
                 for c in named)
    return None if backed else differing(cell, ranked, slots, named)


def differing(cell: Cell, ranked: list[Cell], slots, named: list[Cell] | None = None) -> Cell | None:
    """A sentence of the document that names the chosen table cell's item and
    states another figure (beyond its printed rounding), or None."""
    if cell.source != "table" or cell.value_wan is None:
        return None
    if named is None:
        named = [c for c in ranked if c is not cell and c.doc == cell.doc and c.value_wan is not None
                 and c.score >= MIN_SCORE and names_subject(c, slots)]
    # a part of a named whole ("项目X中的上年结转"): a sentence that does not name the whole is about another one
    whole = norm(slots.subject.split("中的")[0]) if "中的" in slots.subject else ""
    if re.search(r"(支出|收入|拨款|经费|资金|预算|决算)$", whole):
        whole = ""  # a budget aggregate's part: the document's sentences about that part are about this whole
    column = cell.label + cell.descriptor + cell.basis + cell.table + ((cell.row or {}).get("measure") or "")
    for c in named:  # the sentence must name the item itself, not only something of its kind, in the same column
        if any(w in c.label and w not in column for w in ("年初预算", "全年预算", "调整预算", "上年", "执行数")) \
                or _CHANGE.search(c.label) or ("财政拨款" in c.label + c.section and "拨款" not in column):
            continue  # another column's figure (年初预算 beside a 决算 cell), a change, or the 财政拨款 share of an
            # all-funds figure: no disagreement
        if c.source == "text" and c.unit in _FACTOR and abs(c.value_wan - cell.value_wan) > _slack(c) \
                and (covers(c, slots) or norm_label(c) == norm_label(cell)) \
                and not (whole and whole in norm(cell.table + cell.label) and whole not in norm(c.cite)):
            return c
    return None


def _slack(cell: Cell) -> Decimal:
    """The rounding a sentence's printed figure hides, in 万元."""
    return _half_unit(format(cell.value, "f")) * (cell.value_wan / cell.value if cell.value else 1)


def table_first(cell: Cell, ranked: list[Cell], slots) -> Cell:
    """A table row labelled exactly as the item, in the same document and
    within 6 points of the chosen sentence, that states another figure wins
    when the two differ as a typing slip does, or when a second table of the
    document states the row's figure too: tables are held to identities,
    narratives round and carry typing and OCR errors (../shared/docs/domain.md).
    Then :func:`sound` applies."""
    if cell.source != "text":
        return sound(cell, ranked, slots)
    rows = [c for c in ranked if c.source == "table" and c.doc == cell.doc
            and c.value_wan is not None and not _failed(c)
            and (c.value_wan != 0 or typo_apart(c.value_wan, cell.value_wan))  # 0: often a part (基本支出) the item is not in
            and ((c.score >= cell.score - 6 and _same_name(_COVER_WORDS.sub("", c.label),
                                                           _COVER_WORDS.sub("", slots.item or slots.target))
                  and names_subject(c, slots))  # 基本养老保险缴费支出 never stands in for 职业年金缴费支出
                 or _total_of(c, slots.item) or _column_of_total(c, slots) or _fund_column_total(c, slots.item))]
    # (the total of the table the item names; a fund's 支出 is the 本年支出合计 row in that fund's column)
    for c in rows:
        if c.value_wan == cell.value_wan or abs(c.value_wan - cell.value_wan) <= _slack(cell):
            continue
        whole = (c.row or {}).get("basis", "") in ("", "合计") and (c.row or {}).get("measure", "") != "基本支出"
        backed = whole and any(o.value_wan == c.value_wan and o.table != c.table for o in rows)
        if typo_apart(c.value_wan, cell.value_wan) or backed or _total_of(c, slots.item):
            return sound(c, ranked, slots)  # the total of the table the item names: its figure, or (conflict) neither
    return cell


def _column_of_total(cell: Cell, slots) -> bool:
    """"X中的Y" with X a table's subject and Y one of its columns: the cell in
    column Y of that table's total row (一般公共预算财政拨款支出中的项目支出)."""
    subject = norm(slots.subject or "")
    if "中的" not in subject:
        return False
    whole, part = subject.split("中的", 1)
    part = re.sub(r"(是|为)?多少.*$|决算数?|预算数?", "", part)
    column = norm(((cell.row or {}).get("measure") or "") + ((cell.row or {}).get("column_label") or ""))
    return len(part) >= 2 and part in column and totals_named_table(cell, whole)


def _fund_column_total(cell: Cell, item: str) -> bool:
    """Is ``cell`` the 本年支出合计 (or 收入合计) row in the column of the fund the item names
    ("一般公共预算财政拨款支出": the 财政拨款收入支出决算总表's 本年支出合计 · 一般公共预算财政拨款)?

    >>> c = Cell("table", 1, "d", "o", 2024, "决算", 1, "本年支出合计", "", "", None, "万元", None, "",
    ...          row={"column_label": "支出/决算数/一般公共预算财政拨款"})
    >>> _fund_column_total(c, "一般公共预算财政拨款支出"), _fund_column_total(c, "一般公共预算财政拨款收入")
    (True, False)
    """
    side = re.search(r"(支出|收入)$", norm(item))
    label = norm(cell.label)
    if cell.source != "table" or not side or not re.fullmatch(rf"(本年)?{side.group(1)}(合计|总计)", label):
        return False
    fund = norm(item)[: -2]
    last = norm(((cell.row or {}).get("column_label") or "").split("/")[-1])
    return len(fund) >= 4 and "财政拨款" in fund and last == fund


def _total_of(cell: Cell, item: str) -> bool:
    """Is ``cell`` the total row of the table the item names (一般公共预算财政拨款支出决算表 · 合计)?"""
    row = cell.row or {}
    whole_column = not row.get("basis") and not re.search(r"基本|项目|人员|公用|上年|结转|事业|经营|其他", row.get("measure") or "")
    return totals_named_table(cell, item) and whole_column  # the total column: 合计 · 基本支出 is a part


def typo_apart(a: Decimal, b: Decimal) -> bool:
    """Do two figures differ as a typing or OCR slip does (one digit added,
    dropped or changed: 887.36 / 87.36, 16010.35 / 11010.35)? Figures further
    apart are different quantities (a 基本支出 table's 36.5 is not the 116.5
    of all 公务接待费), so the table does not overrule the sentence then.

    >>> typo_apart(Decimal("887.36"), Decimal("87.36")), typo_apart(Decimal("16010.35"), Decimal("11010.35"))
    (True, True)
    >>> typo_apart(Decimal("116.5"), Decimal("36.50")), typo_apart(Decimal("0"), Decimal("20"))
    (False, False)
    """
    if a == 0 or b == 0:
        return False  # a stated 0 (基本支出 0 beside 项目支出 20) is a figure, never a slip of another
    x, y = (format(v.normalize(), "f").replace(".", "") for v in (a, b))
    if abs(len(x) - len(y)) > 1:
        return False
    previous = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        row = [i]
        for j, cy in enumerate(y, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (cx != cy)))
        previous = row
    return previous[-1] <= 1
