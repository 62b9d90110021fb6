"""Tables of a document in reading order: locate, name, stitch continuations.

- Text dumps carry tables as runs of tab-separated lines; the title (a line
  ending in 表), the code (公开02表, 表3) and the unit (单位：万元) are read from
  the lines above the run.
- PDFs carry raw tables per page (:attr:`~qa.types.Page.tables`, see
  :mod:`qa.tables.pdf`); the title is read from the page text above the table
  or from the table's own first cells (Jiangsu).

A table that goes on over the next page is stitched onto its start when the
continuation has no title, 表号 or unit of its own and its columns fit
(:func:`fit_continuation`): the same column count, or the same sequence of
code / label / amount columns once the columns that are empty on either side
are left out. A repeated header is dropped; every row keeps its page.
"""

from __future__ import annotations

from ..table_kinds import find_title, find_unit, squash
from ..types import Document
from .align import align_header
from .core import (Cell, Table, _cell, _is_meta, column_type, default_units, finish, inner_tables, is_contents, make_table,
                   split_header)

__all__ = ["extract_tables", "fit_continuation", "column_signature"]



def _blank_to_none(rows: list[list[Cell]]) -> list[list[Cell]]:
    return [[c if c else None for c in r] for r in rows]


def _text_blocks(text: str):
    """(context lines, rows) for each run of tab-separated lines."""
    lines = text.split("\n")
    start, context_start = None, 0
    for i, line in enumerate(lines + [""]):
        if "\t" in line and start is None:
            start = i
        elif "\t" not in line and start is not None:
            rows = [ln.split("\t") for ln in lines[start:i]]
            yield lines[max(context_start, start - 12):start], rows
            start, context_start = None, i


def _text_tables(doc: Document) -> list[Table]:
    tables: list[Table] = []
    for page in doc.pages:
        for context, block in _text_blocks(page.text):
            for inner, rows in inner_tables(block):  # a titled table inside the block starts a table of its own
                code, title = find_title(context)
                if not inner and tables and not (code or title or find_unit("\n".join(context))) \
                        and _same_width(tables[-1], rows):
                    tables[-1].rows.extend(rows)
                    tables[-1].row_pages.extend([page.number] * len(rows))
                    continue
                table = make_table(doc, rows, context + ([inner] if inner else []), [page.number], [page.number] * len(rows))
                if inner and not table.title:
                    table.title = inner
                table.header = _blank_to_none(table.header)
                tables.append(table)
    return [finish(t) for t in tables]


def _same_width(previous: Table, rows: list[list[Cell]]) -> bool:
    width = max(len(r) for r in rows)
    return width == previous.width and not _is_meta(rows[0])


def column_signature(rows: list[list[Cell]]) -> list[tuple[int, str]]:
    """(column index, type) of every column of ``rows`` with something printed.

    >>> column_signature([["205", None, "教育支出", "1.00", ""], ["20502", None, "普通教育", "", "2.00"]])
    [(0, 'code'), (2, 'text'), (3, 'amount'), (4, 'amount')]
    """
    width = max((len(r) for r in rows), default=0)
    out = []
    for j in range(width):
        kind = column_type([r[j] if j < len(r) else None for r in rows])
        if kind:
            out.append((j, kind))
    return out


def _header_text(rows: list[list[Cell]]) -> str:
    return squash("".join(c or "" for r in rows for c in r))


def fit_continuation(previous: Table, rows: list[list[Cell]]) -> list[list[Cell]] | None:
    """``rows`` laid out in ``previous``'s raw columns when they continue it, else None.

    Leading rows without amounts that repeat ``previous``'s header are dropped.
    Columns are matched by count, else by the order of their types (code,
    label, amount) over the columns that hold anything: a column blank on
    the continuation page matches any type.

    >>> prev = Table("d", [1], "", "", "other", "", [["科目编码", None, None, "科目名称", "合计"]],
    ...              [["205", None, None, "教育支出", "1.00"], ["类", "款", "项", "合计", "1.00"]])
    >>> fit_continuation(prev, [["20502", "普通教育", "1.00"]])
    [['20502', '', '', '普通教育', '1.00']]
    >>> fit_continuation(prev, [["1.00", "普通教育", "20502"]]) is None
    True
    """
    if not rows or _is_meta(rows[0]):
        return None
    head, body = split_header(rows)
    text = _header_text(head)
    if not (head and text and text in _header_text(previous.header)):
        head, body = [], rows  # no repeated header: rows without amounts are body rows too
    if not body:
        return None
    width = max(len(r) for r in body)
    if width == previous.width:
        return body
    by_name = _by_header(previous.header, head) if head else None
    if by_name:
        return _place(body, list(range(len(by_name))), by_name, previous.width)
    target = [j for j, _ in column_signature(previous.rows)]
    kinds = dict(column_signature(previous.rows))
    mine = column_signature(body)
    if width != len(target):
        mine_idx = [j for j, _ in mine]
        if len(mine_idx) != len(target):
            return None
        columns = mine_idx  # pdfplumber dropped empty columns on one page only
    else:
        columns = list(range(width))
    own = dict(mine)
    if any(own.get(c) and own[c] != kinds[t] for c, t in zip(columns, target)):
        return None
    return _place(body, columns, target, previous.width)


def _place(body: list[list[Cell]], columns: list[int], target: list[int], width: int) -> list[list[Cell]]:
    out = []
    for row in body:
        new: list[Cell] = [""] * width
        for c, t in zip(columns, target):
            new[t] = row[c] if c < len(row) and row[c] is not None else ""
        out.append(new)
    return out


def _heads(header: list[list[Cell]]) -> list[str]:
    """The lowest header text of each raw column."""
    width = max((len(r) for r in header), default=0)
    out = []
    for j in range(width):
        cells = [squash(r[j]) for r in header if j < len(r) and r[j] and squash(r[j])]
        out.append(cells[-1] if cells else "")
    return out


def _by_header(previous: list[list[Cell]], head: list[list[Cell]]) -> list[int] | None:
    """For each column of a repeated header, the previous header's column of the same name."""
    mine, theirs = _heads(head), _heads(previous)
    out, k = [], 0
    for name in mine:
        if not name:
            return None
        while k < len(theirs) and theirs[k] != name:
            k += 1
        if k == len(theirs):
            return None
        out.append(k)
        k += 1
    return out


def _anchor(raw: list[list[Cell]]) -> str:
    """The first words of a table's first cell, to find it in the page text; a
    bare unit cell (单位：万元) is skipped: the next table's unit line matches it
    as well, and the region would then swallow that table's title."""
    for row in raw[:3]:
        for c in row:
            first = squash(c.split("\n")[0]) if c else ""
            if first and not (find_unit(first) and len(first) < 12):
                return first[:6]
    return ""


def _page_regions(page) -> list[list[str]]:
    """The page lines above each table (between it and the previous one)."""
    lines = page.text.split("\n")
    regions, pos = [], 0
    for raw in page.tables:
        anchor, found = _anchor(raw), None
        for j in range(pos, len(lines)):
            s = squash(lines[j])
            if anchor and anchor in s and not (find_title([lines[j]])[1] or find_unit(lines[j]) and len(s) < 12):
                found = j
                break
        if found is None:
            found = pos if regions else min(len(lines), 10)
        regions.append(lines[pos:found])
        pos = max(pos, found + 1) if regions else found
    return regions


def _pdf_tables(doc: Document) -> list[Table]:
    tables: list[Table] = []
    for page in doc.pages:
        for i, (raw, region) in enumerate(zip(page.tables, _page_regions(page))):
            rows = [[_cell(c) for c in r] for r in raw]
            code, title = find_title(region)
            unit = find_unit("\n".join(region))
            fitted = None
            if i == 0 and tables and not (code or title or unit) and _follows(tables[-1], page.number):
                fitted = fit_continuation(tables[-1], rows)
            if fitted is not None:
                tables[-1].rows.extend(fitted)
                tables[-1].row_pages.extend([page.number] * len(fitted))
                if page.number not in tables[-1].pages:
                    tables[-1].pages.append(page.number)
                continue
            tables.append(make_table(doc, rows, region, [page.number], [page.number] * len(rows)))
    return [finish(t) for t in tables]


def _follows(previous: Table, page: int | None) -> bool:
    """The previous table ends on the page before ``page``."""
    last = next((p for p in reversed(previous.row_pages or previous.pages) if p is not None), None)
    return page is None or last is None or page - last == 1


def extract_tables(doc: Document) -> list[Table]:
    """All tables of a document, in reading order (empty ones left out).

    Each table's unit is the one printed above it, else the document's most
    common one (flagged ``unit-assumed``); header cells are aligned to the
    body's columns (:func:`qa.tables.align.align_header`).
    """
    tables = _pdf_tables(doc) if doc.kind == "pdf" else _text_tables(doc)
    tables = [t for t in tables if (t.rows or t.header) and not is_contents(t.header + t.rows)]  # no page numbers
    for t in tables:
        align_header(t)
    default_units(tables)
    return tables
