"""Operands of a plan linked to cells, and the arithmetic over them.

:func:`best` picks an operand's cell (the rules of :mod:`qa.numeric`),
:func:`operands` one cell per operand (trying the plan's other readings),
:func:`combine` sums, differences, ratios, multiples and growth in Decimal;
:func:`value` answers a single figure. Used by :mod:`qa.rates` and
:mod:`qa.compute`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from .link import _CHANGE, MONEY, Cell, Linker
from .cells import BUDGET_WORD, asks_change, count_base, norm
from .naming import names_subject
from .agreement import conflict, differing, table_first
from .numeric import (_EXPLICIT, _FACTOR, MIN_SCORE, _half_unit, _blank, _blank_answers, _fmt, _make, _money, _same_subject,
                      _scope_name, _single, _what, decline, exact)
from .types import Answer
from .understand.plan import Plan, Selection

_PCT = Decimal("0.01")
COUNT_UNITS = ("辆", "人", "人次", "台", "套", "件", "家", "家次", "个", "项", "次", "分", "平方米", "亩")  # counts, scores, areas


def _pct(a: Decimal, b: Decimal) -> Decimal:
    return (a / b * 100).quantize(_PCT, ROUND_HALF_UP)


def amount(cell: Cell) -> Decimal:
    return _money(cell) if cell.unit in MONEY else cell.value


def unit_of(cells: list[Cell]) -> str:
    return "万元" if cells[0].unit in MONEY else cells[0].unit


def common_unit(cells: list[Cell]) -> str | None:
    """The unit (万元 or 亿元) every cell is printed in (亿元 for two city reports), or None."""
    units = {c.unit for c in cells}
    return units.pop() if len(units) == 1 and cells[0].unit in ("万元", "亿元") else None  # 元 reads better in 万元


def shown(cell: Cell, unit: str | None = None) -> str:
    """The cell as a reader checks it: in ``unit`` when it is the cell's own, else in 万元."""
    if unit == cell.unit:
        return f"{_scope_name(cell)}{_what(cell)}{_fmt(cell.value)}{cell.unit}"
    return f"{_scope_name(cell)}{_what(cell)}{_fmt(amount(cell))}{'万元' if cell.unit in MONEY else cell.unit}"


def best_cell(linker: Linker, sel: Selection, **kw) -> tuple[Cell | None, list[Cell]]:
    ranked = linker.ranked(sel, **kw)
    slots = linker.slots(sel, **kw)
    good = [c for c in ranked if c.score >= MIN_SCORE and not _CHANGE.search(c.label)]  # an operand is a level, never a change
    named = [c for c in good[:40] if names_subject(c, slots)]  # the best that names the item, as answer_value
    if not good:
        return None, ranked
    if not named:
        return None, ranked  # no cell names the operand: never compute with another item's figure
    chosen = table_first(exact(named[0], ranked), ranked, slots)
    return (None if conflict(chosen, ranked, slots) is not None else chosen), ranked


def answer_value(linker: Linker, plan: Plan, changes_only: bool = False) -> Answer | None:
    sel = plan.operands[0]
    slots = linker.slots(sel)
    if not sel.item and not re.search(r"[\u4e00-\u9fff]{2}", re.sub(r"多少|是|的|为|有|呢|吗|万元|亿元|元|预算|决算|数", "",
                                                                 slots.target or "")):
        return None  # no item named: there is no figure to give
    ranked = linker.ranked(sel)
    insisted = [w for w in _EXPLICIT if w in plan.question + sel.measure]
    if insisted and ranked:
        # a 预算 document's figure is its year's 年初预算 (the budget as adopted)
        keep = [c for c in ranked if all(w in c.descriptor + c.basis or w == "年初预算" and c.stage == "预算"
                                         and not re.search(r"调整|全年|执行", c.descriptor + c.basis) for w in insisted)
                and names_subject(c, slots)]
        if not keep or keep[0].score < MIN_SCORE:
            subject = re.sub(r"(的)?(年初预算|全年预算|调整预算).*$", "", slots.target or slots.subject)
            return decline(slots, f"{subject}的{insisted[0]}", ranked[0] if ranked[0].score >= MIN_SCORE else None)
        ranked = keep
    if not asks_change(slots.question) and not changes_only:
        ranked = [c for c in ranked if not _CHANGE.search(c.label)]  # a level is never a change (比年初预算减少87.99)
    else:
        ranked = [c for c in ranked if _CHANGE.search(c.label)]  # nor a change a level (会议费 1305.25 for "比上年少了多少")
    blanks = linker.blanks(sel)
    top = ranked[0] if ranked else None
    if blanks and _blank_answers(blanks[0], ranked, slots):
        return _blank(blanks[0], ranked, slots)
    if top is None or top.score < MIN_SCORE:
        return None
    if not names_subject(top, slots):
        # the best cell is about something else (the total of 政府采购 for its 工程 part): the best that names
        # the item answers; with none, decline and name the nearest figure
        named = next((c for c in ranked[:40] if c.score >= MIN_SCORE and names_subject(c, slots)), None)
        if named is None:
            return decline(slots, f"{_scope_name(top)}的{slots.item or slots.target}", top)
        top = named
    twins = _levelled_twins(top, ranked, slots) or _repeated_rows(top, ranked, slots)
    if twins:
        return _twins_answer(plan, twins, ranked)
    chosen = table_first(exact(top, ranked), ranked, slots)
    other = conflict(chosen, ranked, slots)
    if other is not None:
        return _disagree(chosen, other)
    value, unit, text, used = _single(chosen, slots, ranked)
    sentence = top if top.source == "text" and chosen.source == "table" and top.value_wan != chosen.value_wan \
        else differing(chosen, ranked, slots)
    if sentence is not None:  # the tables, held to identities, agree with each other: theirs, the sentence named
        text = f"{text.rstrip('。')}（文字说明为{_fmt(sentence.value)}{sentence.unit}，与表格不一致，以表格为准）。"
        used = used + [sentence]
    return _make(text, value, unit, used, ranked)


_LEVEL_WORD = re.compile(r"^(区级|市级|省级|县级|中央级?|地方级?|市本级|区本级|本级)")


def _levelled_twins(top: Cell, ranked: list[Cell], slots) -> list[Cell]:
    """The item stated once per level in one passage ("区级支持总部经济1106万元，市级支持总部经济1262万元")
    when the question names no level: each of them (none is "the" figure); [] otherwise."""
    own = norm(top.label.split()[-1]) if top.source == "text" and top.label.split() else ""
    level = _LEVEL_WORD.match(own)
    if not level or level.group(1) in norm(slots.question):
        return []
    rest = own[level.end():]
    twins = [c for c in ranked if c.source == "text" and c.doc == top.doc and c.score >= MIN_SCORE and c.unit == top.unit
             and c.label.split() and (m := _LEVEL_WORD.match(norm(c.label.split()[-1])))
             and norm(c.label.split()[-1])[m.end():] == rest and abs(c.id - top.id) <= 6]
    levels = {_LEVEL_WORD.match(norm(c.label.split()[-1])).group(1) for c in twins}
    return sorted({c.id: c for c in twins}.values(), key=lambda c: c.id) if len(levels) >= 2 else []


def _repeated_rows(top: Cell, ranked: list[Cell], slots) -> list[Cell]:
    """Rows of one table and column whose labels share the part the question names (a 政府采购
    table's "住宿服务" under four projects, "行政运行" under several 款): that part names none of
    them alone, so each is given — or their sum when the total is asked; [] when only one row has
    it, or the question names a code or another part of one row's label (its project)."""
    if top.source != "table" or not top.row:
        return []

    def parts(c: Cell) -> list[str]:
        return [norm(p) for p in c.label.split("/") if p.strip()]

    item = norm(slots.item or slots.target or "")
    named = next((p for p in parts(top) if len(p) >= 2 and p in item), norm(top.label))
    key = (top.doc, top.row.get("table_id"), top.row.get("column_index"))
    rows = {c.row.get("row_index"): c for c in ranked
            if c.source == "table" and c.row and (c.doc, c.row.get("table_id"), c.row.get("column_index")) == key
            and (named in parts(c) or norm(c.label) == named) and c.value is not None and c.unit == top.unit}
    if len(rows) < 2 or len({c.value for c in rows.values()}) == 1:
        return []  # one row, or one figure printed twice: nothing to tell apart
    asked = norm(slots.question)
    shared = set.intersection(*(set(parts(c)) for c in rows.values()))
    if any((c.row.get("subject_code") or "#") in asked or any(len(p) >= 2 and p in asked for p in set(parts(c)) - shared)
           for c in rows.values()):
        return []  # the question names the row's code, or its own part (专项会议's 住宿服务)
    return [rows[i] for i in sorted(rows)]


def _twins_answer(plan: Plan, twins: list[Cell], ranked: list[Cell]) -> Answer:
    """Each level's (or repeated row's) figure; their sum as the value when the question asks for
    the total (一共/合计)."""
    if twins[0].source == "table":  # one table's rows of one label: the table once, each row by its code
        first = twins[0]
        lines = f"{first.table or '表'}（第{first.page}页）中“{_what(first)}”有{len(twins)}行：" + "、".join(
            f"{(c.row or {}).get('subject_code') or ''}{' ' if (c.row or {}).get('subject_code') else ''}{_fmt(c.value)}{c.unit}"
            for c in twins)
    else:
        lines = "；".join(f"{_what(c)}{_fmt(c.value)}{c.unit}" for c in twins)
    if re.search(r"一共|合计|总共|加起来|共计|总额", plan.question):
        total = sum((c.value for c in twins), Decimal(0))
        return _make(f"{_scope_name(twins[0])}{lines}；合计{_fmt(total)}{twins[0].unit}", total, twins[0].unit, twins, ranked)
    text = f"分级次列示：{lines}（问题未指明级次）" if twins[0].source == "text" else f"{lines}（问题未指明是哪一行）"
    answer = _make(f"{_scope_name(twins[0])}{text}", None, None, twins, ranked)
    return answer


def _disagree(table: Cell, sentence: Cell) -> Answer:
    """The document's table and its narrative state different figures: say so, cite both, serve neither."""
    answer = _make(f"{_scope_name(table)}文件内数字不一致：{table.table or '表格'}中{_what(table)}为{_fmt(table.value)}{table.unit}，"
                   f"文字说明为{_fmt(sentence.value)}{sentence.unit}，无法确定哪个正确", None, None, [table, sentence], [])
    answer.answerable = False
    return answer


# "下降了百分之多少" asks for the size of a fall: a rate served positive
ASKS_FALL = re.compile(r"下降|减少|降幅|降低|压减|压缩|缩减|(?<![涨升])降了|少了")


_FALL_RATE = re.compile(r"(下降|减少|降低|回落|下滑|降幅|减幅|缩减|压减)(了|为|是)?(约|近)?$")


def _combine(plan: Plan, cells: list[Cell]) -> tuple[Decimal, str, str]:
    """Σ, difference, ratio (%), multiple (倍) or growth (%) of the operands' cells."""
    own = common_unit(cells)  # figures printed in one unit are shown and computed in it (Decimal either way)
    values = [c.value for c in cells] if own else [amount(c) for c in cells]
    unit = own or unit_of(cells)
    parts = "；".join(shown(c, own) for c in cells)
    op = plan.op
    if op == "sum":
        value, out = convert_unit(sum(values, Decimal(0)), unit, plan.unit)
        return value, out, f"{parts}；合计 {' + '.join(_fmt(v) for v in values)} = {_fmt(value)}{out}"
    if op == "diff" and unit == "%" and all(c.unit == "%" for c in cells):
        # two rates compared: each with its sign ("下降7.1%" is −7.1), the gap in percentage points
        rates = [-v if _FALL_RATE.search(c.label.split()[-1] if c.label.split() else "") else v for c, v in zip(cells, values)]
        value = abs(rates[0] - rates[1])
        return value, "%", (f"{parts}；前者比后者{'高' if rates[0] > rates[1] else '低'}{_fmt(value)}个百分点"
                            f"（{_fmt(rates[0])} − {_fmt(rates[1])}）")
    if op == "diff":
        value, out = convert_unit(abs(values[0] - values[1]), unit, plan.unit)
        if values[0] == values[1]:
            return value, out, f"{parts}；两者相同（持平），相差0{out}"
        word = "多" if values[0] > values[1] else "少"
        return value, out, f"{parts}；前者比后者{word}{_fmt(value)}{out}（{_fmt(values[0])} − {_fmt(values[1])}）"
    if values[1] == 0:
        raise ZeroDivisionError
    if op == "multiple":
        value = (values[0] / values[1]).quantize(_PCT, ROUND_HALF_UP)
        return value, "倍", f"{parts}；前者是后者的{_fmt(value)}倍（{_fmt(values[0])} ÷ {_fmt(values[1])}）"
    if op == "growth":
        value = _pct(values[0] - values[1], values[1])
        word = "增长" if value >= 0 else "下降"
        if value < 0 and ASKS_FALL.search(plan.question):
            value = -value  # "下降了百分之多少" asks for the size of the fall
        return value, "%", f"{parts}；{word}{_fmt(abs(value))}%（({_fmt(values[0])} − {_fmt(values[1])}) ÷ {_fmt(values[1])}）"
    if op == "ratio" and len(values) == 3:  # "A和B合计占X的比例": (A + B) ÷ X
        value = _pct(values[0] + values[1], values[2])
        return value, "%", (f"{parts}；前两者合计{_fmt(values[0] + values[1])}，占后者的{_fmt(value)}%"
                            f"（({_fmt(values[0])} + {_fmt(values[1])}) ÷ {_fmt(values[2])}）")
    value = _pct(values[0], values[1])
    name = "完成" if op == "execution" else "占"
    return value, "%", f"{parts}；前者{name}后者的{_fmt(value)}%（{_fmt(values[0])} ÷ {_fmt(values[1])}）"


def convert_unit(value: Decimal, unit: str, to: str | None) -> tuple[Decimal, str]:
    from .numeric import convert

    return convert(value, unit, to if to in ("元", "万元", "亿元") else None)


def operand_cells(linker: Linker, plan: Plan) -> list[Cell] | None:
    """The best cell of each operand, each naming its operand's item and all
    about the same subject; the plan's other readings are tried when one is
    missing (公诉和审判监督 is one item, not two); None when none links."""
    first = plan.operands[0] if plan.operands else None
    for operands in (plan.operands, *plan.readings):
        if first is not None:  # a reading keeps the scope of the operands it reads again, never the whole corpus
            operands = tuple(replace(s, organisations=s.organisations or first.organisations,
                                     years=s.years or first.years) for s in operands)
        picked = _linked(linker, plan.with_(operands=operands))
        if picked is not None:
            return picked
    return None


def published_budget(linker: Linker, sel: Selection, actual: Cell | None = None, **kw) -> Cell | None:
    """The 年初预算 of ``sel``'s item taken from the 预算 document the
    organisation published for that year (domain.md: 预算公开 for year N is
    published early in year N, so its 预算数 is the year's 年初预算); with
    ``actual``, only a cell of the same year about the same thing. None when
    there is no such document or it does not name the item."""
    years = (actual.year,) if actual is not None and actual.year else sel.years
    published = Selection(sel.organisations, years, ("预算",), sel.item, "预算数", sel.scope)
    kw = {"operation": "sum", "unit": None, **kw}
    cell, _ = best_cell(linker, published, **kw)
    if cell is None or cell.stage != "预算" or not names_subject(cell, linker.slots(published, **kw)):
        return None
    if actual is not None and (cell.year != actual.year or not _same_subject(cell, actual)):
        return None
    return cell


def _operand(linker: Linker, sel: Selection, unit: str | None = None) -> Cell | None:
    cell, _ = best_cell(linker, sel, operation="sum", unit=unit)
    if cell is not None and not names_subject(cell, linker.slots(sel, operation="sum", unit=unit)):
        cell = None  # one about something else
    if cell is not None and sel.measure in _EXPLICIT and sel.measure not in cell.descriptor + cell.basis and not (
            sel.measure == "全年预算" and re.search(r"调整(后)?预算", cell.descriptor + cell.basis)):
        cell = None  # 年初预算 asked, another column found (a 调整预算 is the 全年预算)
    if cell is not None and sel.measure == "决算数" and cell.unit in MONEY and (cell.stage == "预算" or BUDGET_WORD.search(cell.label + cell.basis)) \
            and not (cell.stage == "执行情况" and "预算执行数" in cell.label and "预算执行数" in linker.plan.question):
        # (the "预算执行数" a 预算 states of the year before answers a question asking for that 执行数)
        cell = None  # the actual asked, a budget figure found
    if cell is None and sel.measure == "年初预算":
        return published_budget(linker, sel, worded=True)
    return cell


# things counted, by the noun an item ends in: a rate of them is a rate of counts
_COUNTED = (("辆", r"(车|车辆|用车)$"), ("人", r"(人员|人数|编制|名额)$"), ("人次", r"人次$"), ("户", r"户数$"), ("家", r"家数$"))


def _counted(plan: Plan) -> str | None:
    """The count unit of a ratio's operands when every item names things counted (离退休干部用车 of 车辆), else None.

    >>> from qa.understand import Selection
    >>> _counted(Plan("ratio", (Selection(item="车辆中的离退休干部服务用车"), Selection(item="车辆")), unit="%"))
    '辆'
    >>> _counted(Plan("ratio", (Selection(item="三公经费"), Selection(item="车辆")), unit="%")) is None
    True
    """
    if plan.op not in ("ratio", "share") or not plan.operands:
        return None
    units = {next((u for u, pattern in _COUNTED if re.search(pattern, s.item or "")), None) for s in plan.operands}
    return units.pop() if len(units) == 1 and None not in units else None


def _linked(linker: Linker, plan: Plan) -> list[Cell] | None:
    picked = []
    # "谁的车最多": vehicles, not money; "多了多少万平方米": an area, in 万 of its unit
    counted = plan.unit if count_base(plan.unit) in COUNT_UNITS else _counted(plan)
    for sel in plan.operands:
        cell = _operand(linker, sel, counted)
        if cell is None or any((c.source, c.doc, c.id) == (cell.source, cell.doc, cell.id) for c in picked):
            return None  # no cell, or the same cell for two operands
        picked.append(cell)
    if plan.by == "items" and len({c.stage for c in picked}) > 1:
        # items added or compared are of one document's stage: never a 预算 figure with a 决算 one
        leader = max(picked, key=lambda c: c.score)
        again = [_operand(linker, replace(sel, stages=(leader.stage,)), counted) for sel in plan.operands]
        return again if all(c is not None and c.stage == leader.stage for c in again) else None
    if plan.by == "items" and len(picked) == 2:
        picked = _one_column(linker, plan, picked, counted)
    if plan.by in ("organisations", "years", "levels", "scopes", "measures"):
        # like with like: each operand's figure of the same kind as the best one's (a 科目 with a 科目, a 三公
        # item with a 三公 item); the next-best operand leads when the best one's kind is missing elsewhere
        for leader in sorted(picked, key=lambda c: -c.score):
            alike = [_alike(linker, sel, cell, leader, counted) for sel, cell in zip(plan.operands, picked)]
            if all(c is not None for c in alike):
                return alike
        return None
    return picked


def _one_column(linker: Linker, plan: Plan, picked: list[Cell], unit: str | None) -> list[Cell]:
    """Two rows of one table compared or added read the same column: "自然资源海洋气象等支出比城乡社区支出
    多多少" takes both rows' 合计, never one 合计 and the other's 项目支出 — unless the question names
    the column."""
    leader = max(picked, key=lambda c: c.score)
    if leader.source != "table" or not leader.row:
        return picked
    out = []
    for sel, cell in zip(plan.operands, picked):
        row = cell.row or {}
        column = norm(row.get("column_label") or "")
        if cell is leader or cell.source != "table" or row.get("table_id") != leader.row.get("table_id") \
                or row.get("row_index") == leader.row.get("row_index") \
                or row.get("column_index") == leader.row.get("column_index") or (column and column in norm(plan.question)) \
                or any(len(norm(s.item)) >= 2 and norm(s.item).split("中")[-1] in column for s in plan.operands):
            # one row's columns (人员经费 vs 公用经费), or the columns the question names: as found
            out.append(cell)
            continue
        same_row = next((c for c in linker.ranked(sel, operation="sum", unit=unit) if c.source == "table" and c.row
                         and c.doc == cell.doc and c.row.get("table_id") == row.get("table_id")
                         and c.row.get("row_index") == row.get("row_index") and c.value is not None
                         and c.row.get("column_index") == leader.row.get("column_index")
                         and norm(c.label) == norm(cell.label)), None)  # a side-by-side table: another item there
        out.append(same_row or cell)
    return out


def _alike(linker: Linker, sel: Selection, cell: Cell, leader: Cell, unit: str | None) -> Cell | None:
    """``cell`` when it is ``leader``'s kind of figure, else the operand's next named cell that is."""
    if cell is leader or _same_subject(cell, leader):
        return cell
    slots = linker.slots(sel, operation="sum", unit=unit)
    return next((c for c in linker.ranked(sel, operation="sum", unit=unit)[:12]
                 if c.score >= MIN_SCORE and not _CHANGE.search(c.label) and names_subject(c, slots)
                 and _same_subject(c, leader) and (c.unit == cell.unit or c.unit in MONEY and cell.unit in MONEY)), None)


def _rounding(cell: Cell) -> Decimal:
    """Half a unit of the cell's last printed digit, in 万元."""
    half = _half_unit(format(cell.value, "f") if cell.value is not None else "0")
    return half * _FACTOR.get(cell.unit, _FACTOR["万元"]) / _FACTOR["万元"]


def from_cells(plan: Plan, cells: list[Cell], ranked: list[Cell]) -> Answer | None:
    if len({(c.source, c.id) for c in cells}) < len(cells):
        return None  # one figure found for two operands: nothing is compared (never "两者相同")
    if plan.op != "sum" and len(cells) != 2 and not (plan.op == "ratio" and len(cells) == 3 == len(plan.operands)):
        return None  # a difference, ratio, multiple or growth is of two figures, never of the first two of three
    try:
        value, unit, text = _combine(plan, cells)
    except ZeroDivisionError:
        return None
    if plan.op in ("ratio", "share") and value > 100 and re.search(r"占", plan.question):
        return None  # "X占Y的比重" above 100 %: Y is not X's whole, so one of the two cells is not what was asked
    if plan.op in ("diff", "growth") and len(cells) == 2 and cells[0].doc == cells[1].doc and cells[0].year == cells[1].year \
            and cells[0].value_wan is not None and cells[1].value_wan is not None \
            and 0 < abs(_money(cells[0]) - _money(cells[1])) <= max(_rounding(c) for c in cells):
        return None  # 690.5798万元 against 690.58万元: one figure printed twice, no change between two
    return _make(text, value, unit, cells, ranked)
