"""Breakdowns: rank, top-k, list and count over the members of a set.

A question that ranks or lists ("哪一项最多", "从高到低排一下", "各多少",
"有几个项级科目") names a set; its members are found, in this order:
the operands the plan lists itself; the parts one sentence lists after
the whole it names (:func:`_sentence_parts`); the coded rows under a 科目
(:func:`_children`); the rows of a table whose label path ends in the item
(:func:`_path_members`); the same row of parallel tables, one per project
(:func:`_parallel_tables`). Amounts are compared as Decimal in 万元.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .cells import MONEY, TOTAL_ROW, tails
from .link import Cell, Linker, norm
from .naming import names_subject
from .row_names import set_named
from .numeric import MIN_SCORE, _extremes, _fmt, _is_class, _make, _money, _scope_name, _what
from .operands import amount, common_unit, convert_unit, operand_cells, shown, unit_of
from .types import Answer
from .understand.plan import Plan, Selection

__all__ = ["breakdown", "ends"]

def breakdown(linker: Linker, plan: Plan) -> Answer | None:
    """The answer to a rank / list / count ``plan``; None when no set of members is found."""
    if plan.by in ("organisations", "years", "items") and len(plan.operands) >= 2:
        cells = operand_cells(linker, plan)
        if not cells:
            return None
        if plan.op == "count":
            return None
        listed = plan.op == "list"  # each one's figure in the order asked (years in order), not ranked
        order = cells if listed else sorted(cells, key=amount, reverse=plan.descending)
        chosen = ends(order) if plan.both_ends else order[: plan.k] if plan.k else order
        unit = unit_of(cells)
        lines = "；".join(f"{i}. {shown(c, common_unit(cells))}" for i, c in enumerate(order, 1))
        value = convert_unit(amount(chosen[0]), unit, plan.unit)[0] if len(chosen) == 1 else None
        name = {"organisations": chosen[0].organisation, "years": f"{chosen[0].year}年"}.get(plan.by, _what(chosen[0]))
        lead = f"{'最高' if plan.descending else '最低'}的是{name}。" if plan.k == 1 else ""
        if plan.both_ends and len(chosen) == 2:
            low = {"organisations": chosen[1].organisation, "years": f"{chosen[1].year}年"}.get(plan.by, _what(chosen[1]))
            lead = f"最高的是{name}，最低的是{low}。"
        how = "分别为" if listed else f"从{'高到低' if plan.descending else '低到高'}"
        if listed and _TOTAL_ASKED.search(plan.question) and len({c.unit in MONEY for c in cells}) == 1 \
                and (unit == "万元" or len({c.unit for c in cells}) == 1):
            # "三年的X各是多少？加起来多少？": each figure, and their total as the value
            value, total_unit = convert_unit(sum((amount(c) for c in cells), Decimal(0)), unit, plan.unit)
            lines += f"；合计{_fmt(value)}{total_unit}"
        return _make(f"{lead}{how}：{lines}", value, convert_unit(Decimal(0), unit, plan.unit)[1], order, [])
    sel = plan.operands[0]
    counted = plan.unit if plan.op != "count" and plan.unit and plan.unit not in ("元", "万元", "亿元", "%", "个", "项") \
        else None  # "哪种用途的车最多": members counted in 辆 (a count of rows is no unit of theirs)
    slots = linker.slots(sel, operation="value", unit=counted)
    ranked = linker.ranked(sel, operation="value", unit=counted)
    # "哪一项增长最快": each part's stated rate, or nothing
    listed = _sentence_parts(ranked, slots, linker.ranked(sel, operation="value", unit="%"), plan.rank_by == "growth") \
        if ranked and ranked[0].source == "text" else []  # the rates stated between the parts, for "增长最快"
    if not listed and ranked and ranked[0].source == "text" and plan.rank_by != "growth":
        listed = _parallel_facts(ranked, slots, with_first=not sel.item)
    if sel.level and any(m and m.group(1) != sel.level for m in (_LEVEL_MARK.search(c.label) for c in listed)):
        listed = []  # "按类来看" asks for 类 rows: 项 stated one by one are another breakdown
    coded = any(c.source == "table" and (c.subject_level or _is_class(c)) for c in ranked[:60])
    members = [] if listed else _children(sel, ranked, plan) if coded else []
    members = members or ([] if listed else _path_members(sel, ranked, plan)
                          or _parallel_tables(ranked, plan, linker.blanks(sel, operation="value", unit=None)))
    if plan.where.startswith("above"):
        return _above(listed or members, plan)
    if listed or not (coded or members):
        return _sentence_ranking(listed, plan)  # the whole the question names is a sentence's, with its parts
    slots.operation = {"rank": "max" if plan.descending else "min", "list": "list", "count": "list"}[plan.op]
    if plan.op == "rank" and plan.k and plan.k > 1:
        slots.question += f"前{plan.k}"
    cells = members
    if not cells:
        container = _CONTAINER.match(sel.item)
        if any(parent and not _is_column(parent, ranked) for parent in (sel.under, container and container.group(1))):
            return None  # "X下的各项": X is neither a coded row nor a column here; the whole table answers another question
        if not sel.item and not sel.level and plan.op in ("list", "count"):
            return None  # nothing names the set ("那4个项目分别是啥"): a table's every row answers another question
        cells = _extremes(ranked, slots, sel.excluding)
        if cells and not set_named(sel.item, cells + ranked[:1], plan.question, plan.by):
            return None  # the best table's rows are another set than the one asked ("设了哪些内设机构")
    if not cells:
        return None
    if plan.op == "count":
        level = re.search(r"(类|款|项)级", plan.question)
        rows = [c for c in cells if not level or c.subject_level == level.group(1)]
        if not rows:
            return None
        amounts = all(_money(c) is not None for c in rows)
        text = (f"{_scope_name(rows[0])}{rows[0].table}共{len(rows)}个{level.group(0) if level else ''}科目："
                + "、".join(f"{c.label}{_fmt(_money(c))}万元" if amounts else c.label for c in rows))
        extreme = re.search(r"(最大|最多|最高)|(最小|最少|最低)", plan.question)
        if extreme and amounts:  # "一共几个？哪个最大？": the count, and the member asked for after it
            end = (max if extreme.group(1) else min)(rows, key=_money)
            text += f"；{extreme.group(0)}的是{end.label}（{_fmt(_money(end))}万元）"
        return _make(text, Decimal(len(rows)), "个", rows, [])
    every = sorted(cells, key=_money, reverse=plan.descending)
    if plan.op == "rank":
        cells = ends(every) if plan.both_ends else every[: plan.k or 1]
    lines = "；".join(f"{c.label}{_fmt(_money(c))}万元" for c in cells)
    top, chosen = cells[0], len(cells)
    if plan.op == "rank" and len(every) > len(cells) and re.search(r"分别|各(项|款|类)?(是|为|花了?)?多少|都有哪些|列出|各项|"
                                                                   r"排一下|排序|排列|(从|由)(高|大|低|小)到(低|小|高|大)", plan.question) \
            and not (plan.k and plan.k > 1):
        lines += "（各项从{}：{}）".format("高到低" if plan.descending else "低到高",
                                         "；".join(f"{c.label}{_fmt(_money(c))}万元" for c in every))
        cells = cells + [c for c in every if c not in cells]
    value = convert_unit(_money(top), "万元", plan.unit)[0] if plan.op == "rank" and chosen == 1 else None
    if plan.op == "list" and members and re.search(r"合计|一共|总共|加起来|总额|共计", plan.question):
        # only members the question's set names (a 科目's children, a path, projects): a best-matching table's
        # rows may be another set altogether, and their sum no figure of the document
        total = sum((_money(c) for c in cells), Decimal(0))
        value = convert_unit(total, "万元", plan.unit)[0]
        lines += f"；合计{_fmt(total)}万元"
    lead = f"最{'高' if plan.descending else '低'}的是{top.label}（{_fmt(_money(top))}万元）。" if plan.op == "rank" else ""
    if plan.op == "rank" and plan.both_ends and len(cells) == 2:
        lead = f"最高的是{top.label}（{_fmt(_money(top))}万元），最低的是{cells[1].label}（{_fmt(_money(cells[1]))}万元）。"
    unit = plan.unit if plan.unit in ("元", "万元", "亿元") else "万元"
    whole = _total_of(top, ranked) if plan.op == "rank" and chosen == 1 and _ASKS_SHARE.search(plan.question) else None
    if whole is not None:
        # "哪一类最多？占多大比重？": the largest row's share of its column's total, as the value asked last
        value, unit = (_money(top) / _money(whole) * 100).quantize(Decimal("0.01")), "%"
        lines += f"，占{whole.label}（{_fmt(_money(whole))}万元）的{_fmt(value)}%（{_fmt(_money(top))} ÷ {_fmt(_money(whole))}）"
        cells = cells + [whole]
    return _make(f"{_scope_name(top)}{top.table}：{lead}{lines}", value, unit, cells, ranked)  # rows of amounts


_ASKS_SHARE = re.compile(r"占.{0,10}(比例|比重|多少|百分之|几成)|占比")


def _total_of(row: Cell, ranked: list[Cell]) -> Cell | None:
    """The total row (合计/总计) of ``row``'s table and column, or None."""
    key = ((row.row or {}).get("table_id"), (row.row or {}).get("column_index"))
    totals = [c for c in ranked if c.source == "table" and ((c.row or {}).get("table_id"), (c.row or {}).get("column_index")) == key
              and TOTAL_ROW.fullmatch(re.sub(r"\s|^[一二三四五六七八九十]+、", "", c.label)) and c.value is not None and _money(c) > 0]
    return totals[0] if len(totals) == 1 or totals and all(_money(t) == _money(totals[0]) for t in totals) else None


# Figures a sentence states about the whole, not members of it ("收入…，支出…，年末滚存结余603.59亿元")
_NOT_A_MEMBER = re.compile(r"^(年末|年初|当年|本年|累计)?(滚存|收支)?(结余|余额|结转)$|^(收入|支出)(合计|总计)?$|^(合计|总计|小计)$|"
                           r"增长|下降|增加|减少|完成")


def _sentence_parts(ranked: list[Cell], slots, rates: list[Cell] = (), by_rate: bool = False) -> list[Cell]:
    """The parts one sentence lists after the whole the question names
    ("转贷区级178.6亿元，包括：福田区6.8亿元、…"; "一般性转移支付346.7亿元，其中…"):
    the sentence's other figures whose context is the whole's plus a name,
    in the same unit. [] when the best-named whole lists fewer than two.
    ``rates`` are the % figures in scope (stated between the parts); with
    ``by_rate`` each part's stated growth rate is returned instead
    (:func:`_rates_of`), from the first whole whose parts all state one."""
    by_id = {c.id: c for c in list(rates) + list(ranked) if c.source == "text"}
    for whole in ranked[:8]:
        if whole.source != "text" or whole.score < MIN_SCORE or not names_subject(whole, slots):
            continue
        context = (whole.row or {}).get("context") or ""
        if " " in context and _LISTS_PARTS.match(_after_figure(whole)):
            context = context.rsplit(" ", 1)[0]  # "专项债券 转贷区级178.6亿元，包括：福田区…": 专项债券 福田区 is a part
        parts, at = [], whole.id + 1
        # the figures right after the whole, in its sentence or the next ("2. 一般性转移支付346.7亿元。
        # 主要项目为：均衡性…46.6亿元，…"), each named by the whole's context and one more name
        while at in by_id and ((by_id[at].row or {}).get("context") or "").startswith(context + " "):
            part = by_id[at]
            name = ((part.row or {}).get("context") or "")[len(context) + 1:]
            if part.unit == whole.unit and " " not in name and not _NOT_A_MEMBER.search(name):
                parts.append(part)
            at += 1
        if by_rate:
            parts = _rates_of(parts, list(rates))
        if len(parts) >= 2:
            return parts
    return []


def _parallel_facts(ranked: list[Cell], slots, with_first: bool = False) -> list[Cell]:
    """The members a report states one by one after their whole, each in its
    own clause with the whole's measure ("全市社会保险基金…年末滚存结余603.59亿元。
    分险种来看：城乡居民基本养老保险基金收入…，滚存结余63.34亿元；职工基本医疗保险
    基金…，滚存结余479.76亿元；…"): after the best-named whole, the text facts of its
    document and section, in the whole's unit, whose label is another subject with
    the same measure, each named by its subject (``row["context"]``). The scan
    stops at the whole's subject stated again (another level: 市本级社会保险基金).
    ``with_first``: the question names no whole (“做绩效自评的6个项目里”), so the
    first clause found is a member too. [] when fewer than two."""
    texts = sorted((c for c in ranked if c.source == "text"), key=lambda c: c.id)
    for whole in ranked[:8]:
        if whole.source != "text" or whole.score < MIN_SCORE or not names_subject(whole, slots):
            continue
        subject, measure = (whole.label.split() + ["", ""])[:2] if len(whole.label.split()) == 2 else ("", "")
        measure = _measure_key(measure)
        if len(measure) < 2 or len(norm(subject)) < 2:
            continue
        start = whole
        if with_first:  # the first member, stated at or before the best-named one
            start = min((c for c in texts if c.doc == whole.doc and c.section == whole.section and c.unit == whole.unit
                         and whole.id - 60 <= c.id <= whole.id and len(c.label.split()) == 2
                         and _measure_key(c.label.split()[1]) == measure), key=lambda c: c.id, default=whole)
            subject = start.label.split()[0]
        members = [replace(start, row={**(start.row or {}), "context": subject})] if with_first else []
        for c in texts:
            if c.doc != whole.doc or c.id <= start.id or c.id > start.id + 60:
                continue
            if c.section != whole.section:
                break
            parts = c.label.split()
            if len(parts) != 2 or _measure_key(parts[1]) != measure:
                continue
            if _unlevelled(parts[0]) == _unlevelled(subject):
                break  # the same whole again, of another level of government
            if c.unit == whole.unit and (c.row or {}).get("level") == (whole.row or {}).get("level") and norm(parts[0]) != norm(subject):
                members.append(replace(c, row={**(c.row or {}), "context": parts[0]}))
        if len(members) >= 2:
            return members
    return []


_BARE_MEASURE = re.compile(r"^(年末|年初|当年|本年|累计)+|(为|是|达到?|共计?)$")


def _measure_key(measure: str) -> str:
    """A measure as the members' clauses say it ("年末滚存结余", "项目全年预算数为": 滚存结余, 项目全年预算数)."""
    return _BARE_MEASURE.sub("", norm(measure))


def _unlevelled(name: str) -> str:
    return re.sub(r"^(全市|全省|全区|全县|市本级|市级|省本级|省级|区本级|区级|县本级|县级)", "", norm(name))


# what follows a whole's figure when the sentence goes on to list its parts
_LISTS_PARTS = re.compile(r"^\s*(亿元|万元|元)?\s*[，,：:]?\s*(包括|其中|主要(项目)?(为|是|有|包括))")




def _parallel_tables(ranked: list[Cell], plan: Plan, blanks: list[Cell] = ()) -> list[Cell]:
    """The same row of tables of one kind, one per project ("项目资金/年度资金总额"
    of each 项目绩效目标表), when the best cells are that row in three or more
    such tables, tied: each table's figure, named by its project. [] otherwise,
    and [] when a table of that kind has the row neither filled nor blank (a
    table read without it could hide the largest)."""
    top = next((c for c in ranked if c.source == "table"), None)
    if top is None or top.value is None:
        return []
    key = (top.doc, top.table_kind, norm(top.label), top.measure)
    tied = [c for c in ranked if c.source == "table" and c.value is not None and abs(c.score - top.score) < 1e-6
            and (c.doc, c.table_kind, norm(c.label), c.measure) == key]
    if len({c.table for c in tied}) < 3 or len({(c.row or {}).get("table_id") for c in tied}) != len(tied):
        return []
    same = [c for c in ranked if c.source == "table" and c.value is not None
            and (c.doc, c.table_kind, norm(c.label), c.measure) == key]
    if len({(c.row or {}).get("table_id") for c in same}) != len(same):
        return []  # one table holds the row twice: not one row per project
    tied = same  # every project's row, however well its table's title matches the question
    kind_tables = {(c.row or {}).get("table_id") for c in ranked if c.source == "table" and (c.doc, c.table_kind) == key[:2]}
    covered = {(c.row or {}).get("table_id") for c in list(same) + [b for b in blanks if norm(b.label) == key[2]]}
    if kind_tables - covered:
        return []

    def name(c: Cell) -> str:
        titled = re.search(r"[（(]([^（）()]{2,40})[)）]$", c.table)  # "…绩效目标填报表（公共服务设施运行经费）"
        column = ((c.row or {}).get("column_label") or "").split("/")[0]
        if titled:
            return titled.group(1)
        return column if column and not re.fullmatch(r"[（(]?20\d\d年度?[)）]?", column) else (
            re.sub(r"(项目)?绩效目标表$|表$", "", c.table) or c.table)

    shown = [replace(c, label=name(c)) for c in tied]
    return _in_order(shown, plan)


def _rates_of(parts: list[Cell], ranked: list[Cell]) -> list[Cell]:
    """Each listed part's stated growth rate (the figure right after it: "教育支出
    310.59 亿元，同比增长 3.75%"), a fall as a negative rate, named by the part;
    [] unless every part states one."""
    by_id = {c.id: c for c in ranked if c.source == "text"}
    out = []
    for part in parts:
        context = (part.row or {}).get("context") or ""
        rate = by_id.get(part.id + 1)
        said = ((rate.row or {}).get("context") or "") if rate else ""
        change = re.match(r"(同比|比上年|较上年)?(增长|下降|减少|增加)$", said[len(context) + 1:]) \
            if said.startswith(context + " ") else None
        if rate is None or rate.unit != "%" or not change or rate.value is None:
            return []
        sign = -1 if change.group(2) in ("下降", "减少") else 1
        out.append(replace(rate, value=rate.value * sign, row={**(rate.row or {}), "context": context}))
    return out


def _after_figure(cell: Cell) -> str:
    """The sentence after the cell's figure ("，包括：福田区6.8亿元…"), or ""."""
    sentence, figure = cell.cite.replace(",", ""), format(cell.value, "f") if cell.value is not None else ""
    at = sentence.find(figure) if figure else -1
    return sentence[at + len(figure):] if at >= 0 else ""


def _sentence_ranking(parts: list[Cell], plan: Plan) -> Answer | None:
    if not parts or plan.op == "count":
        return None
    name = {id(c): _member_name(c) for c in parts}
    order = sorted(parts, key=amount, reverse=plan.descending)
    chosen = (ends(order) if plan.both_ends else order[: plan.k or 1]) if plan.op == "rank" else parts
    lines = "；".join(f"{name[id(c)]}{_fmt(c.value)}{c.unit}" for c in chosen)
    value, unit = (convert_unit(amount(chosen[0]), unit_of(chosen), plan.unit or chosen[0].unit)
                   if len(chosen) == 1 and plan.op == "rank" else (None, None))  # in the unit the sentence uses
    high, low = ("增长最快", "增长最慢") if plan.rank_by == "growth" else ("最高", "最低")
    lead = f"{high if plan.descending else low}的是{name[id(chosen[0])]}。" if plan.op == "rank" else ""
    if plan.op == "rank" and plan.both_ends and len(chosen) == 2:
        lead = f"{high}的是{name[id(chosen[0])]}，{low}的是{name[id(chosen[1])]}。"
    every = "；".join(f"{name[id(c)]}{_fmt(c.value)}{c.unit}" for c in sorted(parts, key=amount, reverse=True))
    return _make(f"{_scope_name(chosen[0])}：{lead}{lines}（所列各项从高到低：{every}）", value, unit, chosen, [])


def _above(members: list[Cell], plan: Plan) -> Answer | None:
    """"有几个区分到超过20亿元": the members above the threshold, counted (op count) or listed,
    the largest first; None when no set of members was found."""
    if len(members) < 2:
        return None
    _, amount_text, unit = plan.where.split()
    threshold = Decimal(amount_text)

    def size(c: Cell) -> Decimal:
        return convert_unit(amount(c), "万元", unit)[0] if c.unit in MONEY else c.value

    name = {id(c): _member_name(c) for c in members}
    kept = sorted((c for c in members if size(c) > threshold), key=size, reverse=True)
    every = "；".join(f"{name[id(c)]}{_fmt(size(c))}{unit}" for c in sorted(members, key=size, reverse=True))
    shown = "；".join(f"{name[id(c)]}{_fmt(size(c))}{unit}" for c in kept) or "无"
    counted = plan.op == "count"
    return _make(f"{_scope_name(members[0])}：超过{_fmt(threshold)}{unit}的共{len(kept)}个：{shown}（所列各项：{every}）",
                 Decimal(len(kept)) if counted else None, "个" if counted else None, kept or members, [])


_LEVEL_MARK = re.compile(r"[（(](类|款|项)[)）]")
_TOTAL_ASKED = re.compile(r"合计|一共|总共|加起来|加在一起|加一起|共计|之和|总和")


def _member_name(c: Cell) -> str:
    """A listed member's own name: the last part of its context, without a section title's words."""
    return _TITLE_WORDS.sub("", ((c.row or {}).get("context") or c.label).rsplit(" ", 1)[-1])


# a project named by its section's title ("区域经济发展专项资金项目绩效自评综述"): the project's name alone
_TITLE_WORDS = re.compile(r"(?<=..)(项目)?(绩效自评综述|绩效自评表?|绩效目标表|经费情况说明)$")
_CONTAINER = re.compile(r"(.{2,}?)(下(?![降达拨年])|里面|里|中的|之中)")


def ends(order: list) -> list:
    """The first and the last of a ranking (both when "最多和最少" is asked).

    >>> ends([3, 2, 1]), ends([5])
    ([3, 1], [5])
    """
    return [order[0], order[-1]] if len(order) >= 2 else order[:1]


def _is_column(name: str, ranked: list[Cell]) -> bool:
    """Is ``name`` a column or side of the tables (公用经费 in the 基本支出 detail)?"""
    names = [t for t in tails(re.sub(r"[“”\"]", "", name)) if len(t) >= 2]  # 基本支出的公用经费: 公用经费
    return any(any(t in ((c.row or {}).get("side") or "") + ((c.row or {}).get("column_label") or "") for t in names)
               for c in ranked[:200] if c.source == "table")


def _children(sel: Selection, ranked: list[Cell], plan: Plan) -> list[Cell]:
    """The rows under the 科目 the question names (“卫生健康支出下的各项”,
    “对个人和家庭的补助里哪项最多”): codes that extend the parent's code, in
    the parent's table and column, at the level asked (``sel.level``), without
    the rows left out (``sel.excluding``); [] when the item names no coded row."""
    item = sel.item
    parts = [p for p in re.split(r"下(?![降达拨年])(?:[的面属设有]的?)?|里面?的?|中的?|之中|明细|各", item) if p]
    if not sel.under and len(parts) < 2 and not re.search(r"下(?![降达拨年])|各|明细|里|中的?$|之中", item):
        return []
    # "基本支出的对个人和家庭的补助里": each part, and its tails cut at 的, may name the parent row
    names = [t for p in ([sel.under] if sel.under else []) + list(reversed(parts)) for t in tails(p)]
    for part in names:
        name = re.sub(r"[（(](类|款|项)[)）]|[“”\"（）()]|(类|款|项)$|的$|^(部门|单位)?(预算|决算)(?=.{2})", "", part)
        named = [c for c in ranked if c.source == "table" and (c.row or {}).get("subject_code")
                 and re.sub(r"[“”\"（）()\s]|^[一二三四五六七八九十]+、|(类|款|项)$", "", c.label) == name]
        if named:
            break
    else:
        return []
    if sel.under or sel.level:
        level = sel.level or None
    else:
        at = plan.question.find(re.sub(r"[（(](类|款|项)[)）]", "", part)[-4:])
        found = re.search(r"(?<![一各每哪几])(类|款|项)(?!目)", re.sub(r"[（(](类|款|项)[)）]", "", plan.question[at:])) if at >= 0 else None
        level = found.group(1) if found else None
    kids: list[Cell] = []
    # the parent's total column first: the largest of its cells (a total is never below its parts); the first
    # table where it has rows under it gives them
    for parent in sorted(named, key=lambda c: (round(c.score), _money(c)), reverse=True):
        row = parent.row or {}
        code = row["subject_code"]
        kids = [c for c in ranked if c.source == "table" and (c.row or {}).get("table_id") == row.get("table_id")
                and (c.row or {}).get("column_index") == row.get("column_index")
                and ((c.row or {}).get("subject_code") or "").startswith(code) and (c.row or {}).get("subject_code") != code
                and (not level or c.subject_level == level)
                and not any(norm(x) == norm(re.sub(r"[（(](类|款|项)[)）]", "", c.label)) for x in sel.excluding)]
        if kids:
            break
    if not kids:
        return []
    if not level:  # "X下哪一个最多": X's own children, never its grandchildren beside them
        lengths = sorted({len((c.row or {}).get("subject_code") or "") for c in kids})
        nearest = [c for c in kids if len((c.row or {}).get("subject_code") or "") == lengths[0]]
        # a 类 with a single 款: that 款's 项 are the breakdown asked for
        kids = nearest if len(nearest) > 1 or len(lengths) == 1 else \
            [c for c in kids if len((c.row or {}).get("subject_code") or "") == lengths[1]]
    return _in_order(kids, plan)


def _path_members(sel: Selection, ranked: list[Cell], plan: Plan) -> list[Cell]:
    """The rows of one table whose label path ends in the item ("委托业务费拆开看":
    项目活动/活动内容/委托业务费 rows of a project's 明细测算 table), in one
    column; [] when fewer than two. Each is shown by its path without the item."""
    item = norm(re.sub(r"[“”\"]", "", sel.item))
    if len(item) < 2:
        return []
    groups: dict[tuple, list[Cell]] = {}
    for c in ranked:
        parts = c.label.split("/")
        if c.source == "table" and len(parts) >= 2 and norm(parts[-1]) == item and c.value is not None:
            groups.setdefault((c.doc, (c.row or {}).get("table_id"), (c.row or {}).get("column_label")), []).append(c)
    best = max(groups.values(), key=len, default=[])
    if len(best) < 2:
        return []
    shown = [replace(c, label="/".join(c.label.split("/")[:-1])) for c in best]
    return _in_order(shown, plan)


def _in_order(rows: list[Cell], plan: Plan) -> list[Cell]:
    """Rows as a list or count shows them (the document's order), else ranked by amount."""
    if plan.op in ("list", "count"):
        return sorted(rows, key=lambda c: c.id)
    return sorted(rows, key=_money, reverse=plan.descending)
