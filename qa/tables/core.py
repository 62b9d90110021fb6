"""The table model: :class:`Table`, header/body split, metadata rows.

A table is built from raw rows (lists of cell strings, ``None`` for a cell a
merged cell covers): title rows inside the table (Jiangsu) are read as
metadata, leading rows without amounts are the header, the rest the body.
:func:`finish` makes the grid rectangular and drops empty columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbers import is_amount
from ..table_kinds import classify, find_title, find_unit, squash
from ..types import Document

__all__ = ["Table", "Cell", "split_header", "is_numbering", "make_table", "finish", "default_units", "column_type",
           "is_contents"]

Cell = str | None


@dataclass
class Table:
    """One table of a document, header rows separated from body rows."""

    doc: str
    pages: list[int | None]
    code: str  # 公开01表 / 表3 / "" when the table has none
    title: str
    kind: str  # see qa.table_kinds.KINDS
    unit: str  # 万元 / 元
    header: list[list[Cell]]
    rows: list[list[Cell]]
    row_pages: list[int | None] = field(default_factory=list)
    flags: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return max((len(r) for r in self.header + self.rows), default=0)


def _cell(value) -> Cell:
    if value is None:
        return None
    return str(value).strip()


_HEADING = re.compile(r"说明|情况|表$|部分|解释|目录|职责|机构|附件")


def is_contents(rows: list[list[Cell]]) -> bool:
    """A table of contents read as a table: headings, each with one page
    number (a whole number, never decreasing), not amounts.

    >>> is_contents([["十、机关运行经费支出说明", "23"], ["十一、政府采购支出说明", "24"], ["十二、国有资产占用情况说明", "24"]])
    True
    >>> is_contents([["行政运行", "23"], ["机关服务", "24.50"], ["其他支出", "25"]])
    False
    """
    pages, headings = [], 0
    for row in rows:
        cells = [c.strip() for c in row if c and c.strip()]
        numbers = [c for c in cells if re.fullmatch(r"\d{1,3}", c)]
        if len(cells) != 2 or len(numbers) != 1 or cells[-1] != numbers[0]:
            return False
        pages.append(int(numbers[0]))
        headings += bool(_HEADING.search(cells[0]))
    return len(rows) >= 3 and pages == sorted(pages) and headings * 2 >= len(rows)


def is_numbering(row: list[Cell]) -> bool:
    """A 栏次 row or a 类|款|项|1|2|3 row: column numbers, not data.

    >>> is_numbering(["栏次", "", "1", "栏次", "", "2"]), is_numbering(["类", "款", "项", "1", "2"])
    (True, True)
    >>> is_numbering(["1", "2", "3", "1", "2", "3"]), is_numbering(["3.00"])
    (True, False)
    >>> is_numbering(["合计", "", "3,380.68"]), is_numbering(["类", "款", "项", "合计", "2.00"])
    (False, False)
    """
    cells = [squash(c) for c in row if c and squash(c)]
    if any(c == "栏次" for c in cells):
        return True
    words = [c for c in cells if not c.isdigit()]
    numbers = [int(c) for c in cells if c.isdigit()]
    if not numbers or any(w not in ("类", "款", "项", "行次") for w in words):
        return False
    return len(numbers) > 1 and all(b in (a + 1, 1) for a, b in zip(numbers, numbers[1:]))


_HEAD_WORDS = ("类", "款", "项", "栏次")
_CODE = re.compile(r"\d{3,7}")


def column_type(cells: list[Cell]) -> str:
    """'code', 'amount', 'text' or '' (nothing printed) for one column's body cells."""
    seen = [squash(c) for c in cells if c and squash(c) and squash(c) not in _HEAD_WORDS]
    if not seen:
        return ""
    if sum(1 for c in seen if _CODE.fullmatch(c)) * 5 >= len(seen) * 3:
        return "code"
    if sum(1 for c in seen if is_amount(c)) * 5 >= len(seen) * 3:
        return "amount"
    return "text"


def _has_amount(row: list[Cell]) -> bool:
    return not is_numbering(row) and any(is_amount(c) for c in row)


def split_header(rows: list[list[Cell]]) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """Leading rows without amounts are the header; the rest is the body.

    >>> split_header([["项目", "决算数"], ["栏次", "1"], ["合计", "3.00"]])
    ([['项目', '决算数'], ['栏次', '1']], [['合计', '3.00']])
    """
    for i, row in enumerate(rows):
        if _has_amount(row):
            return rows[:i], rows[i:]
    return rows, []


def inner_tables(rows: list[list[Cell]]) -> list[tuple[str, list[list[Cell]]]]:
    """A table block cut where a titled table starts inside it: a row with one
    text cell (the inner table's title, 项目支出明细测算), then a header row of
    three or more text cells, then a row with amounts. Returns (title, rows)
    pairs, the first with title "".

    >>> [(t, len(r)) for t, r in inner_tables([["来源", "金额"], ["拨款", "745.8"], ["", "项目支出明细测算", ""],
    ...     ["项目活动", "活动内容", "经济分类", "金额"], ["保障", "物业", "物业管理费", "83"]])]
    [('', 2), ('项目支出明细测算', 2)]
    """
    out, start, title = [], 0, ""
    for i in range(1, len(rows) - 2):
        lone = [c for c in rows[i] if c and c.strip()]
        head = [c for c in rows[i + 1] if c and c.strip()]
        if len(lone) == 1 and not re.search(r"\d", lone[0]) and len(lone[0].strip()) >= 4 and len(head) >= 3 \
                and not any(is_amount(c) or re.search(r"\d", c) for c in head) and _has_amount(rows[i + 2]) \
                and any(_has_amount(r) for r in rows[start:i]):
            out.append((title, rows[start:i]))
            start, title = i + 1, lone[0].strip()
    out.append((title, rows[start:]))
    return out


def _is_meta(row: list[Cell]) -> bool:
    """A title / 部门 / 单位 row inside a table (Jiangsu puts them in cells)."""
    cells = [c for c in row if c and c.strip()]
    if not cells or len(cells) > 3:
        return False
    text = "\n".join(cells)
    if find_unit(text) or re.match(r"^(编制)?(部门|单位)(名称)?[:：]", squash(cells[0])):
        return True
    if all(re.match(r"^[^:：\d]{1,6}[:：]", squash(c)) for c in cells):
        return True  # "部门: …  单位: …" even when OCR garbled the words
    code, title = find_title([text])
    return bool(code or title)


def _rectangular(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Pad rows to one width and drop columns that are empty everywhere."""
    width = max((len(r) for r in rows), default=0)
    rows = [list(r) + [None] * (width - len(r)) for r in rows]
    keep = [j for j in range(width) if any(r[j] for r in rows)]
    return [[r[j] for j in keep] for r in rows]


def make_table(doc: Document, raw: list[list[Cell]], context: list[str], pages: list, row_pages: list) -> Table:
    rows = [[_cell(c) for c in r] for r in raw]
    meta: list[str] = []
    while rows and _is_meta(rows[0]):
        meta.append("\n".join(c for c in rows.pop(0) if c))
        row_pages = row_pages[1:]
    code, title = find_title(context + meta)
    unit = find_unit("\n".join(context + meta))
    header, body = split_header(rows)
    offset = len(header)
    kind = classify(title) if title else _kind_from_header(header)
    return Table(doc.name, pages, code, title, kind, unit, header, body, row_pages[offset:])


def _kind_from_header(header: list[list[Cell]]) -> str:
    """An untitled table's kind from its column heads (income/expenditure tables).

    >>> _kind_from_header([["项目", "本年收入合计", "财政拨款收入"]])
    'income'
    """
    text = squash("".join(c or "" for r in header for c in r))
    if "本年收入合计" in text and "财政拨款" in text:
        return "income"
    if "本年支出合计" in text and "项目支出" in text:
        return "expenditure"
    return "other"


def finish(table: Table) -> Table:
    """Rectangular rows, empty columns dropped, header kept aligned; a
    project's performance table is titled with the project it is about."""
    grid = _rectangular(table.header + table.rows)
    n = len(table.header)
    table.header, table.rows = grid[:n], grid[n:]
    name = project_name(table.header + table.rows[:3]) if table.kind.startswith("performance") else ""
    if name and name not in table.title:
        table.title = f"{table.title}（{name}）"  # "财政项目支出绩效目标填报表（新建万里街道社区公共服务中心）"
    return table


def project_name(rows: list[list[Cell]]) -> str:
    """The name a "项目名称 | X" row gives, or "".

    >>> project_name([["（2023年度）"], ["项目名称", "新建社区公共服务中心", "项目性质", "阶段性项目"]])
    '新建社区公共服务中心'
    """
    for row in rows:
        cells = [c.strip() for c in row if c and c.strip()]
        if "项目名称" in cells[:-1]:
            name = cells[cells.index("项目名称") + 1]
            return name if re.search(r"[\u4e00-\u9fff]", name) and len(name) <= 40 else ""
    return ""


def default_units(tables: list[Table]) -> None:
    known = [t.unit for t in tables if t.unit]
    default = max(set(known), key=known.count) if known else "万元"
    for t in tables:
        if not t.unit:
            t.unit, t.flags = default, t.flags + ("unit-assumed",)


_is_numbering = is_numbering  # the name qa.table_facts used
