"""Raw tables of one PDF page (pdfplumber): rows of cell strings.

:func:`page_tables` gives, for a pdfplumber page:

- its ruled tables (``find_tables``), each with the rows a ruling missed just
  above it: a continuation page whose first row sits above the table's first
  line ("206 科学技术支出 1,723.93") gets that row back, its words placed in the
  table's columns (:func:`rows_above`);
- on a page without ruled tables whose text is laid out in number columns
  (:func:`looks_tabular`), tables built from word positions
  (:func:`word_tables`): each line's words become cells, and short rows are
  aligned to the columns of the full rows by cell type (subject code, label,
  amount) and x position (:func:`align_row`).

Body cells are ``""`` when blank; header cells ``None`` where a merged cell
goes on. Errors are pdfplumber's (the reader turns them into ReadError).
"""

from __future__ import annotations

import re
from statistics import median

__all__ = ["page_tables", "rows_above", "looks_tabular", "word_tables", "token_type", "align_row", "lines_of"]

_NUMBER = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_DECIMAL = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,4}|[-−]?\d{1,3}(?:,\d{3})+")
_CODE = re.compile(r"\d{3,7}")
_PROSE = re.compile(r"[。，；！？]|万元|%")


def page_tables(page, text: str | None = None) -> list[list[list[str | None]]]:
    """The raw tables of a pdfplumber ``page`` (``text``: its extracted text)."""
    found = page.find_tables()
    if found:
        return [rows_above(page, t) + t.extract() for t in found]
    text = page.extract_text() if text is None else text
    return word_tables(page) if looks_tabular(text) else []


def _number(token: str) -> bool:
    return bool(_NUMBER.fullmatch(token)) or token in ("-", "—", "－")


def row_like(line: str) -> bool:
    """A text line that reads like a table row: several cells, an amount, no sentence.

    >>> row_like("30113 住房公积金 27.50 30231 公务用车运行维护费 2.40"), row_like("人员经费合计 222.40")
    (True, True)
    >>> row_like("支出决算为 6.80 万元，主要用于核查。"), row_like("一、收入支出决算总表 7")
    (False, False)
    """
    tokens = line.split()
    if len(tokens) < 2 or _PROSE.search(line):
        return False
    return any(_DECIMAL.fullmatch(t) for t in tokens)


def looks_tabular(text: str, minimum: int = 3) -> bool:
    """True when ``minimum`` row-like lines come together (one other line may
    sit between two of them, e.g. a wrapped label).

    >>> looks_tabular("301 工资 1.00\\n302 办公费 2.00\\n注\\n303 补助 3.00"), looks_tabular("a 1.00\\n正文。\\n正文。")
    (True, False)
    """
    run, gap = 0, 0
    for line in (text or "").split("\n"):
        if row_like(line):
            run, gap = run + 1, 0
            if run >= minimum:
                return True
        else:
            gap += 1
            if gap > 1:
                run, gap = 0, 0
    return False


# ---------------------------------------------------------------------------------------------
# lines of words


def lines_of(words: list[dict], tolerance: float = 3.0) -> list[list[dict]]:
    """Words grouped into lines by their top, each line left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _cells(line: list[dict]) -> list[dict]:
    """Words of a line as cells: neighbouring text words closer than half a
    character are one cell ("因公出国 (境)费"); numbers stay on their own."""
    out: list[dict] = []
    for w in line:
        prev = out[-1] if out else None
        height = w["bottom"] - w["top"]
        if (prev and token_type(prev["text"]) == "T" and token_type(w["text"]) == "T"
                and w["x0"] - prev["x1"] < 0.5 * height):
            prev = dict(prev, text=prev["text"] + " " + w["text"], x1=w["x1"])
            out[-1] = prev
        else:
            out.append(dict(w))
    return out


def token_type(text: str) -> str:
    """'C' subject code (3–7 digits), 'N' amount, 'T' text.

    >>> token_type("2080505"), token_type("1,097,073.43"), token_type("12.00"), token_type("退休费")
    ('C', 'N', 'N', 'T')
    """
    if _CODE.fullmatch(text):
        return "C"
    return "N" if _number(text) else "T"


_MISMATCH = 10_000.0


def _fit_cost(kind: str, slot: str) -> float | None:
    if kind == slot:
        return 0.0
    if kind == "C" and slot == "N":
        return 50.0  # an integer amount that looks like a code
    if {kind, slot} == {"C", "T"}:
        return _MISMATCH  # 合计 in a code column: possible, but only as a last resort
    return None


def align_row(kinds: list[str], xs: list[float], slots: list[str], slot_xs: list[float]) -> list[int] | None:
    """The slot of each cell (monotone), by type first and x distance second.

    >>> align_row(["T", "N", "T", "N"], [47, 108, 146, 208], list("CTNCTN"), [40, 68, 120, 146, 175, 218])
    [1, 2, 4, 5]
    >>> align_row(["N"], [300], ["T", "N", "N"], [40, 200, 300])
    [2]
    """
    n, m = len(kinds), len(slots)
    if n > m:
        return None
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[-1] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        cost[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(i, m + 1):  # cell i-1 in slot j-1, earlier cells in slots < j-1
            fit = _fit_cost(kinds[i - 1], slots[j - 1])
            if fit is None:
                continue
            best, arg = inf, -1
            for k in range(i - 1, j):
                if cost[i - 1][k] < best:
                    best, arg = cost[i - 1][k], k
            if best < inf:
                cost[i][j] = best + fit + abs(xs[i - 1] - slot_xs[j - 1])
                back[i][j] = arg
    end = min(range(n, m + 1), key=lambda j: cost[n][j])
    if cost[n][end] == inf:
        return None
    out, j = [], end
    for i in range(n, 0, -1):
        out.append(j - 1)
        j = back[i][j]
    return out[::-1]


# ---------------------------------------------------------------------------------------------
# rows a ruling missed


def _columns(table) -> list[tuple[float, float]]:
    best = max(table.rows, key=lambda r: sum(1 for c in r.cells if c), default=None)
    return [(c[0], c[2]) for c in best.cells if c] if best else []


def _column_of(word: dict, columns: list[tuple[float, float]]) -> int | None:
    for j, (x0, x1) in enumerate(columns):
        if word["x0"] >= x0 - 1 and word["x1"] <= x1 + 1:
            return j
    return None


def rows_above(page, table, reach: float = 60.0) -> list[list[str | None]]:
    """Rows printed just above a ruled table's first line, within its columns,
    holding an amount: the first row of a continuation page the ruling left
    out. Wrapped label lines close to such a line belong to the same row."""
    x0, top, x1, _bottom = table.bbox
    if top < 2:
        return []
    columns = _columns(table)
    band = page.crop((max(0, x0 - 2), max(0, top - reach), min(page.width, x1 + 2), top), strict=False)
    lines = lines_of(band.extract_words())
    groups: list[list[list[dict]]] = []
    edge = top
    for line in reversed(lines):
        height = max(w["bottom"] - w["top"] for w in line)
        gap = edge - max(w["bottom"] for w in line)
        if gap > 1.5 * height or any(_column_of(w, columns) is None for w in line):
            break
        if groups and gap < 0.6 * height:
            groups[-1].insert(0, line)  # a wrapped cell: the same row
        else:
            groups.append([line])
        edge = min(w["top"] for w in line)
    rows = []
    for group in groups:
        if not any(_has_amount(line) for line in group):
            break
        cells: list[list[str]] = [[] for _ in columns]
        for line in group:
            for w in line:
                cells[_column_of(w, columns)].append(w["text"])
        rows.append(["\n".join(c) for c in cells])
    return _widen(rows[::-1], table)


def _has_amount(line: list[dict]) -> bool:
    return any(token_type(w["text"]) == "N" for w in line)


def _widen(rows: list[list[str]], table) -> list[list[str | None]]:
    """Rows in the table's own raw width (merged-cell gaps as in its widest row)."""
    if not rows:
        return []
    best = max(table.rows, key=lambda r: sum(1 for c in r.cells if c))
    out = []
    for row in rows:
        it = iter(row)
        out.append([next(it) if c else None for c in best.cells])
    return out


# ---------------------------------------------------------------------------------------------
# tables from word positions


def _row_line(cells: list[dict]) -> bool:
    texts = [c["text"] for c in cells]
    return len(texts) >= 2 and row_like(" ".join(texts)) and all(len(t) <= 30 for t in texts)


def _template(rows: list[list[dict]]) -> tuple[list[str], list[float]]:
    patterns = ["".join(token_type(c["text"]) for c in r) for r in rows]
    longest = max(len(p) for p in patterns)
    counts = {p: patterns.count(p) for p in patterns}
    pattern = max(counts, key=lambda p: (counts[p] >= 2, len(p), counts[p])) if longest else ""
    if counts[pattern] < 2:
        pattern = max(patterns, key=len)
    full = [r for r, p in zip(rows, patterns) if p == pattern]
    xs = [median(r[j]["x0"] for r in full) for j in range(len(pattern))]
    return list(pattern), xs


def _header_row(cells: list[dict], slots: list[str], xs: list[float]) -> list[str | None]:
    out: list[str | None] = [None] * len(slots)
    n, m = len(cells), len(slots)
    if n == m:
        places = list(range(m))
    elif m % n == 0 and slots[: m // n] * n == slots:
        places = [k * (m // n) for k in range(n)]  # one head per repeated block (人员经费 | 公用经费)
    else:
        places = align_row(["T"] * n, [c["x0"] for c in cells], ["T"] * m, xs) or list(range(n))
    for c, j in zip(cells, places):
        out[j] = c["text"]
    return out


def _is_head_line(cells: list[dict]) -> bool:
    texts = [c["text"] for c in cells]
    joined = "".join(texts)
    return (len(texts) >= 2 and all(token_type(t) == "T" for t in texts) and not _PROSE.search(joined)
            and "：" not in joined and ":" not in joined and not joined.endswith("表"))


def word_tables(page) -> list[list[list[str | None]]]:
    """Tables laid out in columns of text without ruling lines, from word positions."""
    lines = [_cells(line) for line in lines_of(page.extract_words())]
    tables, i = [], 0
    while i < len(lines):
        if not _row_line(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and _row_line(lines[j]):
            j += 1
        if j - i >= 3:
            tables.append(_build(lines, i, j))
        i = j
    return [t for t in tables if t]


def _build(lines: list[list[dict]], start: int, end: int) -> list[list[str | None]]:
    body = lines[start:end]
    slots, xs = _template(body)
    head_start = start
    while head_start > 0 and start - head_start < 3 and _is_head_line(lines[head_start - 1]):
        head_start -= 1
    rows: list[list[str | None]] = [_header_row(c, slots, xs) for c in lines[head_start:start]]
    for cells in body:
        kinds = [token_type(c["text"]) for c in cells]
        place = align_row(kinds, [c["x0"] for c in cells], slots, xs) if len(cells) <= len(slots) else None
        row: list[str | None] = [""] * max(len(slots), len(cells))
        for k, c in enumerate(cells):
            row[place[k] if place else k] = c["text"]
        rows.append(row)
    return rows
