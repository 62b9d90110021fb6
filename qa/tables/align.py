"""Header cells and rows aligned to the body's columns.

Text dumps and PDF readers sometimes print a header row one column off the
body ("项目 | 本年支出合计 | 基本支出 …" over "code | label | (blank) | 365.17 |
359.67 …"), or one body row one column right of the others (a 合计 row with
an extra blank cell). Read as printed, each value gets the next column's name:
基本支出 365.17 where the document says 359.67.

:func:`align_header` moves such a header row so that its first value name sits
on the first column that holds amounts, when the table's own arithmetic proves
it: the first name is a total (合计, 本年支出合计 …) and, once moved, that
column equals the sum of the named part columns in the body rows. A body row
whose total cell is blank while its amounts, moved one column left, satisfy
the same identity is moved back too. Anything unproven stays as printed.
The table's ``flags`` record what was moved ("header-aligned", "row-aligned").
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..numbers import is_amount, parse_number
from ..table_kinds import squash
from .core import column_type

__all__ = ["align_header", "value_names", "total_holds"]

_LABEL_NAME = re.compile(r"^项目$|科目|名称|编码|代码|^[类款项]$|栏次|行次|^\d+$")
_TOTAL_NAME = re.compile(r"合计|总计|小计")
_TOL = Decimal("0.01")


def value_names(row: list[str | None]) -> list[int]:
    """Columns of a header row that name values (not 项目 / 科目名称 / 类 …).

    >>> value_names(["项目", None, "本年支出合计", "基本支出", None])
    [2, 3]
    """
    return [j for j, c in enumerate(row) if c and squash(c) and not _LABEL_NAME.search(squash(c))]


def _amount(cell: str | None) -> Decimal | None:
    p = parse_number(cell)
    if p.value is not None:
        return p.value
    return Decimal(0) if p.kind in ("blank", "zero", "dash") else None


def total_holds(row: list[str | None], total: int, parts: list[int]) -> bool | None:
    """Whether ``row[total]`` = Σ ``row[parts]`` (None: nothing to compare).

    >>> total_holds(["合计", "3.00", "1.00", "2.00"], 1, [2, 3]), total_holds(["x", "", "1.00", ""], 1, [2, 3])
    (True, False)
    """
    if total >= len(row) or not is_amount(row[total]):
        if any(j < len(row) and is_amount(row[j]) for j in parts):
            return False
        return None
    t = _amount(row[total])
    values = [_amount(row[j]) if j < len(row) else Decimal(0) for j in parts]
    if t is None or any(v is None for v in values) or not any(j < len(row) and is_amount(row[j]) for j in parts):
        return None
    return abs(t - sum(values, Decimal(0))) <= _TOL * max(1, len(parts))


def _roles(names: list[tuple[int, str]]) -> tuple[int, list[int]] | None:
    """(total column, part columns) when the first value name is a total."""
    if len(names) < 2 or not _TOTAL_NAME.search(names[0][1]):
        return None
    parts = [j for j, n in names[1:] if not n.startswith("其中") and not _TOTAL_NAME.search(n)]
    return (names[0][0], parts) if parts else None


def _score(rows: list[list[str | None]], total: int, parts: list[int]) -> tuple[int, int]:
    results = [total_holds(r, total, parts) for r in rows]
    return sum(1 for x in results if x), sum(1 for x in results if x is False)


_CODE = re.compile(r"\d{3,7}")


def _amount_columns(rows: list[list[str | None]], width: int) -> list[int]:
    """Columns whose printed cells are mostly amounts (subject codes are not)."""
    out = []
    for j in range(width):
        cells = [squash(r[j]) for r in rows if j < len(r) and r[j] and squash(r[j])]
        amounts = [c for c in cells if is_amount(c) and not _CODE.fullmatch(c)]
        if amounts and len(amounts) * 2 > len(cells):
            out.append(j)
    return out


def _shift_row(row: list, start: int, by: int) -> list | None:
    """``row`` with its cells from ``start`` on moved ``by`` columns (None if a
    printed cell would fall off or overwrite one)."""
    blank = None if any(c is None for c in row) else ""
    if by > 0:
        if any(c for c in row[len(row) - by:]):
            return None
        return row[:start] + [blank] * by + row[start:len(row) - by]
    if any(c for c in row[start + by:start]):
        return None
    return row[:start + by] + row[start:] + [blank] * (-by)


_KINDS = {"code": "code", "amount": "value", "text": "label", "": ""}  # column_type's words, as header names want them


def snap_header(table) -> None:
    """A header name printed between two raw columns (centred over its cells) sits
    over a column no body row uses: it moves onto the neighbouring column that holds
    the body's cells and has no name of its own (in place).

    >>> from types import SimpleNamespace as T
    >>> t = T(header=[["", "功能科目代码", "", "功能科目名称", "", "金额"]], flags=(),
    ...       rows=[["", "", "", "合计", "26,200.88", None]] + [["20405", None, "法院", None, "26,200.88", None]] * 3)
    >>> snap_header(t); t.header
    [['功能科目代码', '', '功能科目名称', '', '金额', '']]
    """
    if len(table.header) != 1 or len(table.rows) < 3:
        return  # one header row over several body rows: a stacked header's spans are placed by their own rules
    width = max([len(r) for r in table.header + table.rows] or [0])
    counts = [sum(1 for r in table.rows if j < len(r) and r[j] and str(r[j]).strip()) for j in range(width)]
    named = [any(j < len(h) and h[j] and str(h[j]).strip() for h in table.header) for j in range(width)]
    moved = False
    for j in range(width):
        if counts[j] > 1 or not named[j]:
            continue  # the column holds body cells (a 合计 row printed under the name may stray there)
        name = squash(" ".join(str(h[j] or "") for h in table.header if j < len(h)))
        wanted = "code" if re.search(r"代码|编码", name) else "label" if re.search(r"名称|项目|科目", name) else "value"
        for k in (j - 1, j + 1):
            if 0 <= k < width and counts[k] > counts[j] and not named[k] and _KINDS[column_type([r[k] if k < len(r) else None for r in table.rows])] == wanted:
                for h in table.header:
                    if j < len(h) and k < len(h):
                        h[k], h[j] = h[j], ""
                named[k], named[j], moved = True, False, True
                break
    if moved:
        table.flags = tuple(table.flags) + ("header-snapped",)


def align_header(table) -> None:
    """Move header rows, then body rows, onto the body's value columns when the
    total identity proves it (in place)."""
    if not table.header or not table.rows:
        return
    snap_header(table)
    width = table.width
    amounts = _amount_columns(table.rows, width)
    if not amounts:
        return
    for i, row in enumerate(table.header):
        names = [(j, squash(row[j])) for j in value_names(row)]
        roles = _roles(names)
        if roles is None or names[0][0] >= amounts[0] or names[0][0] in amounts:
            continue
        by = amounts[0] - names[0][0]
        moved = _shift_row(list(row), names[0][0], by)
        if moved is None:
            continue
        total, parts = roles
        good_before, _bad = _score(table.rows, total, parts)
        good, bad = _score(table.rows, total + by, [p + by for p in parts])
        if good > good_before and good * 5 >= 4 * (good + bad):
            table.header[i] = moved
            table.flags = tuple(table.flags) + ("header-aligned",)
    _align_rows(table)


def _align_rows(table) -> None:
    """A body row one column right of the header: its total cell blank, and its
    amounts moved one column left satisfy total = Σ parts."""
    for row in table.header:
        roles = _roles([(j, squash(row[j])) for j in value_names(row)])
        if roles is not None:
            break
    else:
        return
    total, parts = roles
    good, bad = _score(table.rows, total, parts)
    if good < 2 or good <= bad:
        return  # the header does not fit most rows: nothing proves one row is off
    for k, row in enumerate(table.rows):
        if total + 1 >= len(row) or is_amount(row[total]) or not is_amount(row[total + 1]):
            continue
        moved = _shift_row(list(row), total + 1, -1)
        if moved is not None and total_holds(moved, total, parts) and not total_holds(row, total, parts):
            table.rows[k] = moved
            if "row-aligned" not in table.flags:
                table.flags = tuple(table.flags) + ("row-aligned",)
