"""The numeric path: a :class:`~qa.understand.Plan` → cells by SQL → the answer.

Each operand of the plan is linked to its cells (:class:`qa.numeric.Linker`,
SQL built with sqlglot over ``facts`` and ``text_facts``); the operation
combines them with Decimal arithmetic; the answer states the operands, the
formula and the result, and cites every cell used. When an operand has no
cell that names its item with enough confidence the answer declines and
names the nearest disclosed figure: a wrong number is worse than none.

Rates are percentages rounded half-up to two decimals; a narrative's stated
percentage (“完成年初预算的112.4%”, “增长12.3%”, “占2%”) is preferred when it
is about the item asked, since that is the figure the document publishes.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .link import _ASKS_CHANGE, _CHANGE, MONEY, Cell, Linker
from .numeric import (_EXPLICIT, MIN_SCORE, _blank, _blank_answers, _budget_vs_actual, _extremes, _fmt, _is_class,
                      _make, _money, _names_subject, _same_subject, _scope_name, _single, _what, conflict, decline, exact, table_first)
from .types import Answer
from .understand.plan import Plan, Selection

__all__ = ["answer_numeric"]

_PCT = Decimal("0.01")


def _pct(a: Decimal, b: Decimal) -> Decimal:
    return (a / b * 100).quantize(_PCT, ROUND_HALF_UP)


def _amount(cell: Cell) -> Decimal:
    return _money(cell) if cell.unit in MONEY else cell.value


def _unit_of(cells: list[Cell]) -> str:
    return "万元" if cells[0].unit in MONEY else cells[0].unit


def _shown(cell: Cell) -> str:
    return f"{_scope_name(cell)}{_what(cell)}{_fmt(_amount(cell))}{'万元' if cell.unit in MONEY else cell.unit}"


def _best(linker: Linker, sel: Selection, **kw) -> tuple[Cell | None, list[Cell]]:
    ranked = linker.ranked(sel, **kw)
    good = [c for c in ranked if c.score >= MIN_SCORE]
    if not good:
        return None, ranked
    slots = linker.slots(sel, **kw)
    chosen = table_first(exact(good[0], ranked), ranked, slots)
    return (None if conflict(chosen, ranked, slots) is not None else chosen), ranked


def _value(linker: Linker, plan: Plan) -> Answer | None:
    sel = plan.operands[0]
    slots = linker.slots(sel)
    ranked = linker.ranked(sel)
    insisted = [w for w in _EXPLICIT if w in plan.question + sel.measure]
    if insisted and ranked:
        keep = [c for c in ranked if all(w in c.descriptor + c.basis for w in insisted) and _names_subject(c, slots)]
        if not keep or keep[0].score < MIN_SCORE:
            subject = re.sub(r"(的)?(年初预算|全年预算|调整预算).*$", "", slots.target or slots.subject)
            return decline(slots, f"{subject}的{insisted[0]}", ranked[0] if ranked[0].score >= MIN_SCORE else None)
        ranked = keep
    if not _ASKS_CHANGE.search(slots.question):
        ranked = [c for c in ranked if not _CHANGE.search(c.label)]  # a level is never a change (比年初预算减少87.99)
    blanks = linker.blanks(sel)
    top = ranked[0] if ranked else None
    if blanks and _blank_answers(blanks[0], ranked, slots):
        return _blank(blanks[0], ranked, slots)
    if top is None or top.score < MIN_SCORE:
        return None
    if not _names_subject(top, slots):
        # the best cell is about something else (the total of 政府采购 for its 工程 part): the best that names
        # the item answers; with none, decline and name the nearest figure
        named = next((c for c in ranked[:40] if c.score >= MIN_SCORE and _names_subject(c, slots)), None)
        if named is None:
            return decline(slots, f"{_scope_name(top)}的{slots.item or slots.target}", top)
        top = named
    chosen = table_first(exact(top, ranked), ranked, slots)
    other = conflict(chosen, ranked, slots)
    if other is not None:
        return _disagree(chosen, other)
    value, unit, text, used = _single(chosen, slots, ranked)
    return _make(text, value, unit, used, ranked)


def _disagree(table: Cell, sentence: Cell) -> Answer:
    """The document's table and its narrative state different figures: say so, cite both, serve neither."""
    answer = _make(f"{_scope_name(table)}文件内数字不一致：{table.table or '表格'}中{_what(table)}为{_fmt(table.value)}{table.unit}，"
                   f"文字说明为{_fmt(sentence.value)}{sentence.unit}，无法确定哪个正确", None, None, [table, sentence], [])
    answer.answerable = False
    return answer


def _combine(plan: Plan, cells: list[Cell]) -> tuple[Decimal, str, str]:
    """Σ, difference, ratio (%), multiple (倍) or growth (%) of the operands' cells."""
    values = [_amount(c) for c in cells]
    unit = _unit_of(cells)
    parts = "；".join(_shown(c) for c in cells)
    op = plan.op
    if op == "sum":
        value, out = _convert(sum(values, Decimal(0)), unit, plan.unit)
        return value, out, f"{parts}；合计 {' + '.join(_fmt(v) for v in values)} = {_fmt(value)}{out}"
    if op == "diff":
        value, out = _convert(abs(values[0] - values[1]), unit, plan.unit)
        word = "多" if values[0] >= values[1] else "少"
        return value, out, f"{parts}；前者比后者{word}{_fmt(value)}{out}（{_fmt(values[0])} − {_fmt(values[1])}）"
    if values[1] == 0:
        raise ZeroDivisionError
    if op == "multiple":
        value = (values[0] / values[1]).quantize(_PCT, ROUND_HALF_UP)
        return value, "倍", f"{parts}；前者是后者的{_fmt(value)}倍（{_fmt(values[0])} ÷ {_fmt(values[1])}）"
    if op == "growth":
        value = _pct(values[0] - values[1], values[1])
        word = "增长" if value >= 0 else "下降"
        if value < 0 and re.search(r"下降|减少|降幅|降低|压减", plan.question):
            value = -value  # "下降了百分之多少" asks for the size of the fall
        return value, "%", f"{parts}；{word}{_fmt(abs(value))}%（({_fmt(values[0])} − {_fmt(values[1])}) ÷ {_fmt(values[1])}）"
    value = _pct(values[0], values[1])
    name = "完成" if op == "execution" else "占"
    return value, "%", f"{parts}；前者{name}后者的{_fmt(value)}%（{_fmt(values[0])} ÷ {_fmt(values[1])}）"


def _convert(value: Decimal, unit: str, to: str | None) -> tuple[Decimal, str]:
    from .numeric import convert

    return convert(value, unit, to if to in ("元", "万元", "亿元") else None)


def _operands(linker: Linker, plan: Plan) -> list[Cell] | None:
    """The best cell of each operand, each naming its operand's item and all
    about the same subject; the plan's other readings are tried when one is
    missing (公诉和审判监督 is one item, not two); None when none links."""
    for operands in (plan.operands, *plan.readings):
        picked = _linked(linker, plan.with_(operands=operands))
        if picked is not None:
            return picked
    return None


def _linked(linker: Linker, plan: Plan) -> list[Cell] | None:
    picked = []
    for sel in plan.operands:
        cell, _ = _best(linker, sel, operation="sum", unit=None)
        if cell is None or not _names_subject(cell, linker.slots(sel, operation="sum", unit=None)) or cell in picked:
            return None  # no cell, one about something else, or the same cell for two operands
        if sel.measure in _EXPLICIT and sel.measure not in cell.descriptor + cell.basis:
            return None  # 年初预算 asked, another column found
        picked.append(cell)
    if plan.by in ("organisations", "years"):
        leader = max(picked, key=lambda c: c.score)
        if not all(c is leader or _same_subject(c, leader) for c in picked):
            return None
    return picked


def _stated(linker: Linker, plan: Plan, sel: Selection, words: str) -> Cell | None:
    """A percentage the narrative states about the item (完成…%, 增长…%, 占…%)."""
    slots = linker.slots(sel)
    for c in linker.ranked(sel, operation="ratio", unit="%")[:12]:
        if c.unit == "%" and c.score >= MIN_SCORE and re.search(words, c.label + c.cite) and _names_subject(c, slots):
            return c
    return None


def _from_cells(plan: Plan, cells: list[Cell], ranked: list[Cell]) -> Answer | None:
    try:
        value, unit, text = _combine(plan, cells)
    except ZeroDivisionError:
        return None
    return _make(text, value, unit, cells, ranked)


def _stated_answer(plan: Plan, cell: Cell) -> Answer:
    text = f"{_scope_name(cell)}：{cell.label.strip()}{_fmt(cell.value)}%"
    return _make(text, cell.value, "%", [cell], [])


def _growth(linker: Linker, plan: Plan) -> Answer | None:
    sel = plan.operands[0]
    if len(plan.operands) >= 2:
        cells = _operands(linker, plan)
        return _from_cells(plan, cells, []) if cells else None
    stated = _stated(linker, plan, sel, r"增长|下降|增加|减少|增幅|降幅")
    if stated is not None:
        return _stated_answer(plan, stated)
    this, _ = _best(linker, sel, operation="sum", unit=None)
    if this is None or not sel.years:
        return None
    last = Selection(sel.organisations or (this.organisation,), (sel.years[0] - 1,), (), sel.item, sel.measure)
    before, _ = _best(linker, last, operation="sum", unit=None)
    if before is None or not _same_subject(this, before):
        return None
    return _from_cells(plan, [this, before], [])


def _execution(linker: Linker, plan: Plan) -> Answer | None:
    sel = plan.operands[0]
    stated = _stated(linker, plan, sel, r"完成|执行")
    if stated is not None:
        return _stated_answer(plan, stated)
    budget_word = "全年预算" if re.search(r"全年预算|调整预算", plan.question) else "年初预算"
    ranked = linker.ranked(Selection(sel.organisations, sel.years, sel.stages, sel.item, "决算数"), operation="sum", unit=None)
    actual = next((c for c in ranked if c.score >= MIN_SCORE and "预算" not in c.basis + c.descriptor.replace("决算", "")), None)
    budget, _ = _best(linker, Selection(sel.organisations, sel.years, sel.stages, sel.item, budget_word),
                      operation="sum", unit=None)
    if actual is None or budget is None or actual.doc != budget.doc or budget_word not in budget.descriptor + budget.basis:
        return None
    return _from_cells(plan, [actual, budget], ranked)


def _share(linker: Linker, plan: Plan) -> Answer | None:
    sel = plan.operands[0]
    stated = _stated(linker, plan, sel, r"占")
    if stated is not None:
        return _stated_answer(plan, stated)
    part, ranked = _best(linker, sel, operation="sum", unit=None)
    if part is None or part.source != "table":
        return None
    total = _parent(part, ranked)
    return _from_cells(plan.with_(op="ratio"), [part, total], ranked) if total is not None else None


def _parent(cell: Cell, ranked: list[Cell]) -> Cell | None:
    """The total ``cell`` is part of: the parent 科目 (项 → 款 → 类) in the same
    column, else the table's 合计 row in that column."""
    row = cell.row or {}
    code = row.get("subject_code") or ""
    same = [c for c in ranked if c.source == "table" and (c.row or {}).get("table_id") == row.get("table_id")
            and (c.row or {}).get("column_index") == row.get("column_index") and c is not cell]
    for length in (5, 3):
        if len(code) > length:
            parent = next((c for c in same if (c.row or {}).get("subject_code") == code[:length]), None)
            if parent is not None:
                return parent
    return next((c for c in same if re.fullmatch(r"(本年)?(支出|收入)?(合计|总计)", re.sub(r"\s", "", c.label))), None)


def _rank(linker: Linker, plan: Plan) -> Answer | None:
    if plan.by in ("organisations", "years", "items") and len(plan.operands) >= 2:
        cells = _operands(linker, plan)
        if not cells:
            return None
        order = sorted(cells, key=_amount, reverse=plan.descending)
        if plan.op == "count":
            return None
        chosen = order[: plan.k] if plan.k else order
        unit = _unit_of(cells)
        lines = "；".join(f"{i}. {_shown(c)}" for i, c in enumerate(order, 1))
        value = _convert(_amount(chosen[0]), unit, plan.unit)[0] if len(chosen) == 1 else None
        name = {"organisations": chosen[0].organisation, "years": f"{chosen[0].year}年"}.get(plan.by, _what(chosen[0]))
        lead = f"{'最高' if plan.descending else '最低'}的是{name}。" if plan.k == 1 else ""
        return _make(f"{lead}从{'高到低' if plan.descending else '低到高'}：{lines}", value,
                     _convert(Decimal(0), unit, plan.unit)[1], order, [])
    sel = plan.operands[0]
    slots = linker.slots(sel, operation="value", unit=None)
    ranked = linker.ranked(sel, operation="value", unit=None)
    if not any(c.source == "table" and (c.subject_level or _is_class(c)) for c in ranked[:60]):
        return None
    slots.operation = {"rank": "max" if plan.descending else "min", "list": "list", "count": "list"}[plan.op]
    if plan.op == "rank" and plan.k and plan.k > 1:
        slots.question += f"前{plan.k}"
    cells = _children(sel.item, ranked, plan)
    if not cells:
        container = _CONTAINER.match(sel.item)
        if container and not _is_column(container.group(1), ranked):
            return None  # "X下的各项": X is neither a coded row nor a column here; the whole table answers another question
        cells = _extremes(ranked, slots)
    if not cells:
        return None
    if plan.op == "count":
        level = re.search(r"(类|款|项)级", plan.question)
        rows = [c for c in cells if not level or c.subject_level == level.group(1)]
        if not rows:
            return None
        return _make(f"{_scope_name(rows[0])}{rows[0].table}共{len(rows)}个{level.group(0) if level else ''}科目："
                     + "、".join(c.label for c in rows), Decimal(len(rows)), "个", rows, [])
    if plan.op == "rank":
        cells = sorted(cells, key=_money, reverse=plan.descending)[: plan.k or 1]
    lines = "；".join(f"{c.label}{_fmt(_money(c))}万元" for c in cells)
    top = cells[0]
    value = _convert(_money(top), "万元", plan.unit)[0] if plan.op == "rank" and len(cells) == 1 else None
    if plan.op == "list" and re.search(r"合计|一共|总共|加起来|总额|共计", plan.question):
        total = sum((_money(c) for c in cells), Decimal(0))
        value = _convert(total, "万元", plan.unit)[0]
        lines += f"；合计{_fmt(total)}万元"
    lead = f"最{'高' if plan.descending else '低'}的是{top.label}（{_fmt(_money(top))}万元）。" if plan.op == "rank" else ""
    return _make(f"{_scope_name(top)}{top.table}：{lead}{lines}", value, plan.unit or "万元", cells, ranked)


_CONTAINER = re.compile(r"(.{2,}?)(下(?![降达拨年])|里面|里|中的|之中)")


def _is_column(name: str, ranked: list[Cell]) -> bool:
    """Is ``name`` a column or side of the tables (公用经费 in the 基本支出 detail)?"""
    name = re.sub(r"[“”\"]", "", name)
    return any(name in ((c.row or {}).get("side") or "") + ((c.row or {}).get("column_label") or "")
               for c in ranked[:200] if c.source == "table")


def _children(item: str, ranked: list[Cell], plan: Plan) -> list[Cell]:
    """The rows under the 科目 the question names (“卫生健康支出下的各项”,
    “对个人和家庭的补助里哪项最多”): codes that extend the parent's code, in
    the parent's table and column; [] when the item names no coded row."""
    parts = [p for p in re.split(r"下(?![降达拨年])(?:[的面属设有]的?)?|里面?的?|中的?|之中|明细|各", item) if p]
    if len(parts) < 2 and not re.search(r"下(?![降达拨年])|各|明细", item):
        return []
    parent = None
    for part in reversed(parts):
        name = re.sub(r"[“”\"（）()]|(类|款|项)$", "", part)
        named = [c for c in ranked if c.source == "table" and (c.row or {}).get("subject_code")
                 and re.sub(r"[“”\"（）()\s]|^[一二三四五六七八九十]+、|(类|款|项)$", "", c.label) == name]
        # the parent's total column: the largest of its cells (a total is never below its parts)
        parent = max(named, key=lambda c: (round(c.score), _money(c)), default=None)
        if parent is not None:
            break
    if parent is None:
        return []
    m = re.search(re.escape(part), item)
    row = parent.row or {}
    code = row["subject_code"]
    level = re.search(r"(类|款|项)", item[m.end():])
    kids = [c for c in ranked if c.source == "table" and (c.row or {}).get("table_id") == row.get("table_id")
            and (c.row or {}).get("column_index") == row.get("column_index")
            and ((c.row or {}).get("subject_code") or "").startswith(code) and (c.row or {}).get("subject_code") != code
            and (not level or c.subject_level == level.group(1))]
    if not kids:
        return []
    if plan.op in ("list", "count"):
        return sorted(kids, key=lambda c: c.id)
    return sorted(kids, key=_money, reverse=plan.descending)[: plan.k or 1]


def _change_stated(linker: Linker, plan: Plan, sel: Selection) -> Answer | None:
    """A year compared with the year before it that no document covers
    (“2026年比2025年多多少” with only the 2026 预算 indexed): the change the
    document itself states (“比2025年预算增加2.01万元”), or nothing."""
    if not sel.years:
        return None
    question = re.sub(rf"(比|较|与|和)\s*{sel.years[0] - 1}\s*年度?", r"\1上年", plan.question)
    if question == plan.question and "上年" not in question:
        return None
    one = plan.with_(op="value" if plan.op == "diff" else "growth", operands=(sel,), by="", follow_up=False,
                     question=question if sel.item and sel.item in question else f"{sel.item}{question}")
    fresh = Linker(linker.db, one, linker.tokenizer)
    if one.op == "growth":
        return _growth(fresh, one)
    slots = fresh.slots(sel)
    ranked = fresh.ranked(sel)
    changes = [c for c in ranked if c.score >= MIN_SCORE and _CHANGE.search(c.label) and _names_subject(c, slots)]
    if not changes:
        return None  # the document states no change for the item: never serve its level as the difference
    value, unit, text, used = _single(changes[0], slots, ranked)
    return _make(text, value, unit, used, ranked)


_RATE_UNITS = {"%": ("%",), "倍": ("倍",)}


def answer_numeric(db: Path, plan: Plan, tokenizer=None) -> Answer | None:
    """A numeric answer to ``plan``, a decline naming the nearest disclosed
    figure, or None when no cell answers with enough confidence (the
    narrative path may try). A rate or a multiple is never answered with an
    amount, nor an amount with a count (type agreement)."""
    answer = _answer_numeric(db, plan, tokenizer)
    if answer is not None and answer.value is not None and plan.unit in _RATE_UNITS \
            and answer.unit not in _RATE_UNITS[plan.unit]:
        return decline_type(plan, answer)
    return answer


def decline_type(plan: Plan, answer: Answer) -> Answer:
    """The figure found is of another kind than the one asked (an amount for a %)."""
    what = "比例" if plan.unit == "%" else "倍数"
    return Answer(answer=f"未能算出所问的{what}：找到的是金额（{answer.answer.split('[')[0]}），不是{what}。",
                  answerable=False, route="sql", citations=answer.citations)


def _answer_numeric(db: Path, plan: Plan, tokenizer=None) -> Answer | None:
    scope = plan.scope
    if not scope.organisations and not scope.years:
        return None
    linker = Linker(db, plan, tokenizer)
    op = plan.op
    if op == "value" or (op in ("sum", "ratio", "multiple") and len(plan.operands) < 2):
        return _value(linker, plan.with_(op="value") if op != "value" else plan)
    if op == "diff" and (len(plan.operands) < 2 or plan.by == "measures"):
        # 决算 vs 预算 of one item: the pair as one document states it, in the order asked
        one = plan.with_(operands=plan.operands[:1], by="")
        slots = linker.slots(one.operands[0], operation="diff")
        ranked = linker.ranked(one.operands[0], operation="diff")
        cells = _budget_vs_actual(ranked, slots)
        if cells:
            return _from_cells(plan, cells, ranked)
        if len(plan.operands) < 2:
            return _value(linker, plan.with_(op="value"))
    if op in ("diff", "growth") and plan.by == "years":
        absent = [s for s in plan.operands if not linker.ranked(s, operation="sum", unit=None)]
        present = [s for s in plan.operands if s not in absent]
        if absent and len(present) == 1:
            return _change_stated(linker, plan, present[0])
    if op in ("sum", "diff", "ratio", "multiple"):
        cells = _operands(linker, plan)
        return _from_cells(plan, cells, []) if cells else None
    if op == "growth":
        return _growth(linker, plan)
    if op == "execution":
        return _execution(linker, plan)
    if op == "share":
        return _share(linker, plan)
    if op in ("rank", "list", "count"):
        return _rank(linker, plan)
    return None
