"""Table → facts: one :class:`Fact` per value cell of a :class:`~qa.tables.Table`.

Columns are labelled by joining the header cells above them (merged cells,
``None``, carried over), typed from their body cells (code / label / value /
行次) and grouped into side-by-side blocks: a block starts where a code or
label column follows a value column. So 收入 | 支出 halves of a summary table
and the 人员经费 | 公用经费 | 资本性支出 triples of a basic-expenditure table
each give facts under their own row labels. 三公 tables name the item and the
预算数/决算数 basis of each column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import WAN, is_amount, parse_number
from .table_kinds import canonical_measure, column_basis, parse_code, squash, three_public_item
from .types import Document

__all__ = ["Fact", "table_facts", "document_facts", "column_paths"]

_ECONOMIC_KINDS = ("basic_expenditure_detail", "operating_costs")


@dataclass
class Fact:
    """One value cell with everything needed to answer and cite it."""

    doc: str
    organisation: str
    year: int | None
    stage: str
    table_code: str
    table_title: str
    table_kind: str
    page: int | None
    row_index: int
    row_label: str
    subject_code: str  # 2080505 / 30101 / ""
    code_system: str  # 功能分类 / 经济分类 / ""
    subject_level: str  # 类 / 款 / 项 / ""
    column_index: int
    column_label: str  # header cells joined with "/"
    measure: str  # canonical: 决算数, 预算数, 基本支出, 三公经费合计 ...
    basis: str  # 预算数 / 决算数 / 年初预算 / 全年预算 when the column says so
    side: str  # 收入 / 支出 / 人员经费 ... for side-by-side blocks
    text: str  # the cell as printed
    value: Decimal | None  # in the table's unit
    value_wan: Decimal | None  # normalised to 万元
    unit: str
    flags: tuple[str, ...]
    row_text: str


def column_paths(header: list[list[str | None]]) -> list[list[str]]:
    """Header path of each column; ``None`` cells carry the merged cell over.

    A ``None`` takes its left neighbour's text only inside the same parent
    span (so a sub-header never spills into the next group); otherwise it
    continues the cell above.

    >>> column_paths([["合计", None, "公务用车", None, "接待费"], [None, None, "小计", "购置费", None]])
    [['合计'], ['合计'], ['公务用车', '小计'], ['公务用车', '购置费'], ['接待费']]
    """
    width = max((len(r) for r in header), default=0)
    paths: list[list[str]] = [[] for _ in range(width)]
    parent: list[object] = [0] * width
    for row in header:
        filled: list[str | None] = [None] * width
        spans: list[object] = [None] * width
        for j in range(width):
            cell = row[j] if j < len(row) else None
            if cell is None and j and parent[j] == parent[j - 1] and filled[j - 1] is not None:
                filled[j], spans[j] = filled[j - 1], spans[j - 1]
            elif cell is None:
                spans[j] = ("v", parent[j])
            else:
                filled[j], spans[j] = cell, (len(paths), j, id(row))
        for j, text in enumerate(filled):
            part = squash(text)
            if part and not part.isdigit() and part != "栏次" and (not paths[j] or paths[j][-1] != part):
                paths[j].append(part)
        parent = spans
    return paths


_CODE_WORDS = re.compile(r"编码|代码|^[类款项]$")


def _column_type(path: list[str], cells: list[str | None]) -> str:
    if not path and not any(c and c.strip() for c in cells):
        return "empty"  # a raw column no header names and no row fills (a header centred between columns)
    if any("行次" in p or p in ("栏次", "行", "行号") for p in path):
        return "seq"
    kinds = [parse_number(c).kind for c in cells if c and c.strip()]
    n_code = sum(1 for c in cells if c and re.fullmatch(r"\s*\d{1,7}\s*", c))
    n_text = kinds.count("text")
    n_amount = len(kinds) - n_text - kinds.count("blank")
    if any(_CODE_WORDS.search(p) for p in path) and n_code >= n_text:
        return "code"
    if n_text > n_amount:
        return "label"
    if n_amount:
        return "value"
    return "label" if any(w in "".join(path) for w in ("项目", "名称", "科目")) else "value"


def _columns(table) -> list[tuple[list[int], list[str], str]]:
    """Logical columns: (raw indexes, header path, type); equal adjacent paths merge."""
    paths = column_paths(table.header) if table.header else [[] for _ in range(table.width)]
    paths += [[] for _ in range(table.width - len(paths))]
    groups: list[tuple[list[int], list[str]]] = []
    for j, path in enumerate(paths):
        if groups and path and groups[-1][1] == path:
            groups[-1][0].append(j)
        else:
            groups.append(([j], path))
    out = []
    for idx, path in groups:
        out.append((idx, path, _column_type(path, [r[j] for r in table.rows for j in idx])))
    return out


def _blocks(columns) -> list[list[tuple[list[int], list[str], str]]]:
    blocks: list[list] = [[]]
    for col in columns:
        if col[2] == "empty":
            continue
        if col[2] in ("code", "label") and any(c[2] == "value" for c in blocks[-1]):
            blocks.append([])
        blocks[-1].append(col)
    return [b for b in blocks if b]


def _first(row: list[str | None], idx: list[int]) -> str:
    return next((row[j] for j in idx if row[j] and row[j].strip()), "")


def _row_has(row, columns, types) -> bool:
    return any(_first(row, idx) for idx, _, t in columns if t in types and
               (t != "value" or is_amount(_first(row, idx))))


def _merge_split_rows(rows, pages, columns):
    """Join a label-only row with an adjacent values-only row (PDF cell splits)."""
    out, out_pages, i = [], [], 0
    while i < len(rows):
        row = rows[i]
        if i + 1 < len(rows):
            nxt = rows[i + 1]
            a = (_row_has(row, columns, ("code", "label")), _row_has(row, columns, ("value",)))
            b = (_row_has(nxt, columns, ("code", "label")), _row_has(nxt, columns, ("value",)))
            if a in ((True, False), (False, True)) and b == (not a[0], not a[1]):
                out.append([x if x and x.strip() else y for x, y in zip(row, nxt)])
                out_pages.append(pages[i])
                i += 2
                continue
        out.append(row)
        out_pages.append(pages[i])
        i += 1
    return out, out_pages


_LEADING_CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*(\D.*)$")


def _row_subject(row, block) -> tuple[str, str, str, tuple[str, ...]]:
    """(label, code, level, flags) of a row within one block."""
    code_cells = [row[j] or "" for idx, _, t in block if t == "code" for j in idx]
    labels = [squash(_first(row, idx)) for idx, _, t in block if t == "label"]
    label = "/".join(dict.fromkeys(x for x in labels if x))
    code, level, flags = parse_code(code_cells)
    if not code and not label:
        label = squash("".join(code_cells))  # e.g. 合计 printed in a code column
    m = _LEADING_CODE.match(label) if not code else None
    if m:
        code, level, flags = parse_code([m.group(1)])
        label = squash(m.group(2))
    return label, code, level, flags


_SCORE_COLUMN = re.compile(r"得分|分值|评分|权重")


def _value_fact(table, doc: Document, ctx: dict, j: int, cell: str | None) -> Fact:
    parsed = parse_number(cell)
    value = parsed.value
    unit = "分" if _SCORE_COLUMN.search(ctx["column_label"] or "") else table.unit  # a score is never money
    wan = None if value is None or unit == "分" else (value / WAN if table.unit == "元" else value)
    flags = parsed.flags + ctx["flags"] + (("text",) if parsed.kind == "text" else ())
    return Fact(doc.name, doc.organisation, doc.year, doc.stage, table.code, table.title, table.kind,
                ctx["page"], ctx["row_index"], ctx["label"], ctx["code"], ctx["system"], ctx["level"],
                j, ctx["column_label"], ctx["measure"], ctx["basis"], ctx["side"], (cell or "").strip(),
                value, wan, unit, flags, ctx["row_text"])


def _measure(table, doc: Document, path: list[str]) -> tuple[str, str]:
    basis = column_basis(path)
    if table.kind == "three_public":
        item = three_public_item(path)
        if item == "合计" and not any("会议" in c or "培训" in c for r in table.header for c in r if c):
            item = "三公经费合计"  # no 会议费/培训费 columns: the total is the 三公 total
        return item, basis or (doc.stage + "数" if doc.stage else "")
    return canonical_measure(path, doc.stage), basis


def _block_facts(table, doc, row, i, page, block, side) -> list[Fact]:
    label, code, level, flags = _row_subject(row, block)
    values = [(idx, path) for idx, path, t in block if t == "value"]
    if not values or not (label or code or any(is_amount(_first(row, idx)) for idx, _ in values)):
        return []
    system = ("经济分类" if table.kind in _ECONOMIC_KINDS or code[:1] == "3" and len(code) <= 5 else "功能分类") if code else ""
    facts = []
    for idx, path in values:
        measure, basis = _measure(table, doc, path)
        ctx = dict(page=page, row_index=i, label=label or (measure if table.kind == "three_public" else ""),
                   code=code, system=system, level=level, flags=flags, column_label="/".join(path),
                   measure=measure, basis=basis, side=side, row_text="\t".join(c or "" for c in row))
        facts.append(_value_fact(table, doc, ctx, idx[0], _first(row, idx)))
    return facts


def _sides(blocks) -> list[str]:
    """The top header of each side-by-side block ("" when they do not differ)."""
    heads = [next((p for _, p, t in b if p and t == "value"), next((p for _, p, _t in b if p), []))
             for b in blocks]
    for depth in range(max((len(h) for h in heads), default=0)):
        parts = [h[depth] if depth < len(h) else "" for h in heads]
        if len(set(parts)) > 1:
            return parts
    return [""] * len(blocks)


THREE_PUBLIC_COLUMNS = (
    "三公经费合计", "因公出国(境)费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费",
)


def _template_row(row: list[str | None]) -> list[str | None] | None:
    """The cells of a 三公 data row laid out like the template: 6 or 12 cells,
    all amounts or blank (trailing blanks dropped)."""
    cells = list(row)
    while cells and not (cells[-1] or "").strip():
        cells.pop()
    if len(cells) not in (6, 12) or not any(is_amount(c) for c in cells):
        return None
    return cells if all(is_amount(c) or not (c or "").strip() for c in cells) else None


def _standard_three_public(table, doc: Document, facts: list[Fact]) -> list[Fact]:
    """Label a 三公 table by the standard template's column order when its
    header is too damaged to read (OCR: 合订 for 合计, split words): 6 value
    columns per basis, 预算数 then 决算数 when there are 12."""
    header = "".join(c or "" for r in table.header for c in r)
    found = {f.measure for f in facts if f.value is not None}
    if "会议" in header or "培训" in header or "接待" not in header or found <= set(THREE_PUBLIC_COLUMNS):
        return facts
    pages = table.row_pages or [table.pages[0] if table.pages else None] * len(table.rows)
    rebuilt: list[Fact] = []
    for i, (row, page) in enumerate(zip(table.rows, pages)):
        cells = _template_row(row)
        if cells is None:
            return facts  # not the template after all: keep what the header said
        bases = ("预算数", "决算数") if len(cells) == 12 else ((doc.stage + "数") if doc.stage else "",)
        for k, cell in enumerate(cells):
            measure = THREE_PUBLIC_COLUMNS[k % 6]
            ctx = dict(page=page, row_index=i, label=measure, code="", system="", level="",
                       flags=("template-columns",), column_label=f"{bases[k // 6]}/{measure}",
                       measure=measure, basis=bases[k // 6], side="", row_text="\t".join(c or "" for c in row))
            rebuilt.append(_value_fact(table, doc, ctx, k, cell))
    return rebuilt or facts


def table_facts(table, doc: Document) -> list[Fact]:
    """The facts of one table (blank and dash cells included, flagged)."""
    from .tables.core import is_numbering as _is_numbering

    columns = _columns(table)
    pages = table.row_pages or [table.pages[0] if table.pages else None] * len(table.rows)
    rows, pages = _merge_split_rows(table.rows, pages, columns)
    blocks = _blocks(columns)
    sides = _sides(blocks)
    facts: list[Fact] = []
    for i, (row, page) in enumerate(zip(rows, pages)):
        if _is_numbering(row) or not any(c and c.strip() for c in row):
            continue
        for block, side in zip(blocks, sides):
            facts.extend(_block_facts(table, doc, row, i, page, block, side))
    if table.kind == "three_public":
        facts = _standard_three_public(table, doc, facts)
    return facts


def document_facts(doc: Document) -> list[Fact]:
    """Facts of every table of a document."""
    from .tables import extract_tables

    return [f for t in extract_tables(doc) for f in table_facts(t, doc)]
