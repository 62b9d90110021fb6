"""The numeric path: slots → SQL over facts → exact numbers with cell citations.

Numbers come from SQL results (table facts or text facts), never from
retrieved text; arithmetic is Decimal; the unit is the one asked for.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .link import MONEY, Cell, candidate_query, cell_query, score, to_cell
from .slots import Slots
from .sql import run
from .types import Answer, Citation

__all__ = ["answer_numeric", "convert", "MIN_SCORE"]

MIN_SCORE = 2.5
_FACTOR = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_ALLOWED = ("facts", "text_facts")


def convert(value: Decimal, unit: str, to: str | None) -> tuple[Decimal, str]:
    """``value`` in ``unit`` expressed in ``to`` (money units only).

    >>> convert(Decimal("0.56"), "万元", "元")
    (Decimal('5600'), '元')
    >>> convert(Decimal("3380.68"), "万元", None)
    (Decimal('3380.68'), '万元')
    """
    if to in _FACTOR and unit in _FACTOR and to != unit:
        out = value * _FACTOR[unit] / _FACTOR[to]
        return (out.quantize(Decimal(1)) if out == out.to_integral() else out.normalize()), to
    return value, unit


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.normalize() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _candidates(db: Path, slots: Slots) -> list[Cell]:
    cells = []
    for source in ("table", "text"):
        result = run(db, candidate_query(slots, source), _ALLOWED, max_rows=200000)
        cells.extend(to_cell(source, dict(zip(result.columns, row))) for row in result.rows)
    return cells


def _ranked(cells: list[Cell], slots: Slots) -> list[Cell]:
    for c in cells:
        c.score = score(c, slots, slots.words)
    return sorted((c for c in cells if c.score > float("-inf")), key=lambda c: (-c.score, c.source != "table", c.id))


def _citation(cell: Cell) -> Citation:
    if cell.source == "table":
        return Citation(cell.doc, cell.page, cell.table, cell.cite, table=cell.table)
    return Citation(cell.doc, cell.page, cell.section, cell.cite)


def _groups(cells: list[Cell], slots: Slots) -> list[list[Cell]]:
    """Cells split by the entities the question compares (organisations or years)."""
    if len(slots.organisations) >= 2:
        order = sorted(slots.organisations, key=lambda o: _mention(slots, o))
        return [[c for c in cells if c.organisation == o] for o in order]
    if len(slots.years) >= 2:
        order = sorted(slots.years, key=lambda y: slots.question.find(str(y)))
        return [[c for c in cells if c.year == y] for y in order]
    return []


def _mention(slots: Slots, organisation: str) -> int:
    from .scope import organisation_mentions

    spans = {o: s for o, s, _ in organisation_mentions(slots.question, slots.organisations)}
    return spans.get(organisation, 10**6)


def _agreeing(best: Cell, ranked: list[Cell]) -> Cell | None:
    """The best cell of the other source (sentence vs table) stating the same figure."""
    for c in ranked[:40]:
        if c.source != best.source and c.organisation == best.organisation and c.year == best.year and c.score >= MIN_SCORE - 1:
            a, b = c.value_wan, best.value_wan
            if a is not None and b is not None and abs(a - b) <= Decimal("0.011"):
                return c
            if a is None and b is None and c.unit == best.unit and c.value == best.value:
                return c
    return None


def _scope_name(cell: Cell) -> str:
    return f"{cell.organisation}{cell.year or ''}年{cell.stage}"


def _single(cell: Cell, slots: Slots, ranked: list[Cell]) -> tuple[Decimal, str, str, list[Cell]]:
    value, unit = convert(cell.value, cell.unit, slots.unit)
    shown = f"{_fmt(value)}{unit}"
    if unit != cell.unit:
        shown += f"（表中为{_fmt(cell.value)}{cell.unit}）"
    used = [cell]
    other = _agreeing(cell, ranked)
    if other:
        used.append(other)
    text = f"{_scope_name(cell)}：{cell.label.strip()}为{shown}。"
    return value, unit, text, used


def _money(cell: Cell) -> Decimal:
    return cell.value_wan if cell.value_wan is not None else cell.value


def _is_budget(cell: Cell) -> bool:
    return "预算" in cell.basis


def _pair_within(best: Cell, ranked: list[Cell]) -> Cell | None:
    """Same subject on the other basis (预算 vs 决算) in the same document."""
    for c in ranked:
        if c is not best and c.doc == best.doc and c.basis and _is_budget(c) != _is_budget(best) \
                and norm_label(c) == norm_label(best):
            return c
    return None


def norm_label(cell: Cell) -> str:
    return re.sub(r"(全年预算|年初预算|预算数|支出决算|决算数|为|是|\s)", "", cell.label)


def _combine(op: str, cells: list[Cell], slots: Slots) -> tuple[Decimal, str, str]:
    values = [_money(c) if c.unit in MONEY else c.value for c in cells]
    unit = "万元" if cells[0].unit in MONEY else cells[0].unit
    parts = "；".join(f"{_scope_name(c)}{c.label.strip()}{_fmt(_money(c) if c.unit in MONEY else c.value)}{unit}" for c in cells)
    if op == "sum":
        total = sum(values, Decimal(0))
        value, out_unit = convert(total, unit, slots.unit)
        return value, out_unit, f"{parts}；合计{_fmt(value)}{out_unit}。"
    if op == "diff":
        diff = abs(values[0] - values[1])
        value, out_unit = convert(diff, unit, slots.unit)
        word = "多" if values[0] >= values[1] else "少"
        return value, out_unit, f"{parts}；前者比后者{word}{_fmt(value)}{out_unit}。"
    if values[1] == 0:
        raise ZeroDivisionError
    if op == "ratio":
        pct = (values[0] / values[1] * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        return pct, "%", f"{parts}；前者占后者的{_fmt(pct)}%。"
    pct = ((values[0] - values[1]) / values[1] * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return pct, "%", f"{parts}；增长{_fmt(pct)}%。"


def _best_per_group(groups: list[list[Cell]]) -> list[Cell] | None:
    picked = []
    for group in groups:
        good = [c for c in group if c.score >= MIN_SCORE]
        if not good:
            return None
        picked.append(good[0])
    return picked


def _extremes(ranked: list[Cell], slots: Slots) -> tuple[list[Cell], str]:
    best = next(c for c in ranked if c.source == "table" and c.subject_level)
    peers = [c for c in ranked if c.doc == best.doc and c.table == best.table and c.measure == best.measure
             and c.subject_level == best.subject_level and c.source == best.source and c.basis == best.basis]
    n = 3 if re.search(r"前三|三项|三个|3项", slots.question) else 1
    if slots.operation == "list":
        return sorted(peers, key=lambda c: (c.row or {}).get("id", 0)), "list"
    peers.sort(key=lambda c: _money(c), reverse=slots.operation == "max")
    return peers[: max(n, 1)] if n > 1 else peers[:1], "extreme"


_EXPLICIT = ("年初预算", "全年预算", "调整预算")


def _undisclosed_measure(slots: Slots, best: Cell) -> str | None:
    """The measure the question insists on (年初预算 …) when the best cell is another one."""
    for word in _EXPLICIT:
        if word in slots.question and word not in best.descriptor + best.basis:
            return word
    return None


def decline(slots: Slots, what: str, nearest: Cell | None) -> Answer:
    text = f"文档未披露{what}。"
    citations = []
    if nearest is not None:
        value = f"{_fmt(nearest.value)}{nearest.unit}"
        text += f"最接近的已披露数字：{_scope_name(nearest)}{nearest.label.strip()} {value}。"
        citations = [_citation(nearest)]
    return Answer(answer=text, answerable=False, route="sql", citations=citations)


def answer_numeric(db: Path, slots: Slots) -> Answer | None:
    """A numeric answer, a decline naming the nearest disclosed figure, or None
    when no cell answers with enough confidence (other paths may try)."""
    if not slots.organisations and not slots.years:
        return None
    ranked = _ranked(_candidates(db, slots), slots)
    if not ranked or ranked[0].score < MIN_SCORE:
        return None
    missing = _undisclosed_measure(slots, ranked[0]) if slots.operation == "value" else None
    if missing:
        subject = re.sub(r"(的)?(年初预算|全年预算|调整预算).*$", "", slots.target or slots.subject)
        return decline(slots, f"{subject}的{missing}", ranked[0])
    op = slots.operation
    if op in ("sum", "diff", "ratio", "growth"):
        groups = _groups(ranked, slots)
        cells = _best_per_group(groups) if groups else None
        if cells is None and op in ("diff",) and not groups:
            other = _pair_within(ranked[0], ranked)
            cells = [ranked[0], other] if other else None
            if cells and "预算" in cells[0].basis:
                cells.reverse() if "省" not in slots.question else None
        if not cells or len(cells) < 2:
            return None if groups else _answer_single(ranked, slots)
        try:
            value, unit, text = _combine(op, cells, slots)
        except ZeroDivisionError:
            return None
        return _make(text, value, unit, cells, ranked)
    if op in ("max", "min", "list") and any(c.source == "table" and c.subject_level for c in ranked[:10]):
        cells, kind = _extremes(ranked, slots)
        lines = "；".join(f"{c.label}{_fmt(_money(c))}万元" for c in cells)
        top = cells[0]
        value = None if kind == "list" or len(cells) > 1 else convert(_money(top), "万元", slots.unit)[0]
        return _make(f"{_scope_name(top)}{top.table}：{lines}。", value, slots.unit or "万元", cells, ranked)
    return _answer_single(ranked, slots)


def _answer_single(ranked: list[Cell], slots: Slots) -> Answer:
    value, unit, text, used = _single(ranked[0], slots, ranked)
    return _make(text, value, unit, used, ranked)


def _make(text: str, value, unit, cells: list[Cell], ranked: list[Cell]) -> Answer:
    marks = "".join(f"[{i}]" for i in range(1, len(cells) + 1))
    warn = ""
    if any("check-failed" in ((c.row or {}).get("flags") or "") for c in cells):
        warn = "（注意：该数字所在表格未通过一致性校验）"
    return Answer(
        answer=f"{text.rstrip('。')}。{warn}{marks}",
        answerable=True,
        value=float(value) if value is not None else None,
        unit=unit if value is not None else None,
        route="sql",
        sql=cell_query(cells),
        citations=[_citation(c) for c in cells],
    )
