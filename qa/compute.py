"""The numeric path: a :class:`~qa.understand.Plan` → cells by SQL → the answer.

Each operand of the plan is linked to its cells (:class:`qa.link.Linker`,
SQL built with sqlglot over ``facts`` and ``text_facts``); the operation
combines them with Decimal arithmetic (:mod:`qa.operands`, :mod:`qa.rates`);
the answer states the operands, the formula and the result, and cites every
cell used. This module dispatches on the plan's operation; breakdowns (rank,
top-k, list, count) are :mod:`qa.breakdown`'s. When an operand has no cell that
names its item with enough confidence the answer declines and names the
nearest disclosed figure: a wrong number is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .breakdown import breakdown
from .cells import ASKS_CHANGE, MONEY, count_base, same_unit
from .conditions import answer_condition, rank_by_execution
from .derived import budget_level, covered, growth_on_previous, previous_level
from .link import Linker, norm
from .numeric import _budget_vs_actual
from .operands import answer_value, from_cells, operand_cells
from .rates import change_stated, execution, growth, share, stated_answer, stated_rate, stated_ratio
from .types import Answer
from .understand.plan import Plan

__all__ = ["answer_numeric"]

# an item that still holds several names of one kind ("…设备资料购置项目房屋修缮项目基础设施改造项目")
_ENUMERATED = re.compile(r"(项目|专项|支出|经费)(?:(?!中|里|的|和|与|及)[\u4e00-\u9fff]){2,}?\1")


_RATE_UNITS = {"%": ("%",), "倍": ("倍",)}
_GROWTH_ASKED = re.compile(r"增长|增速|增幅|降幅|下降|涨|降(?!低)")
_GROWTH_ITEM = re.compile(r"的?(增速|增幅|增长率|增长幅度|同比增长|增长|降幅|下降幅度)$")


def answer_numeric(db: Path, plan: Plan, tokenizer=None) -> Answer | None:
    """A numeric answer to ``plan``, a decline naming the nearest disclosed
    figure, or None when no cell answers with enough confidence (the
    narrative path may try). A rate or a multiple is never answered with an
    amount, nor an amount with a count (type agreement)."""
    answer = _answer_numeric(db, plan, tokenizer)
    if answer is None or answer.value is None or not answer.answerable:
        return answer
    if plan.digits is not None:  # "保留两位小数": the value rounded half up, said after the exact one
        rounded = Decimal(str(answer.value)).quantize(Decimal(1).scaleb(-plan.digits), ROUND_HALF_UP)
        answer.answer += f" 保留{plan.digits}位小数为{rounded}{answer.unit or ''}。"
        answer.value = float(rounded)
    if plan.unit in _RATE_UNITS and answer.unit not in _RATE_UNITS[plan.unit]:
        return decline_type(plan, answer)
    if count_base(plan.unit) in _COUNT_UNITS and not same_unit(answer.unit, plan.unit):
        return decline_type(plan, answer)  # "多少辆车" is never answered with a count of 科目 or an amount
    if plan.wants and not any(_fits(answer.unit, want) for want in plan.wants):
        return decline_type(plan, answer, plan.wants[0])  # "有几个科目？哪个最大？" asks a count, not the largest amount
    if plan.unit in ("人", "名") and answer.unit in ("人", "名") and re.search(rf"(多少|几)\s*{plan.unit}", plan.question):
        answer.unit = plan.unit  # "有多少人" is answered in 人 when the document counts 名 (the same people)
    return answer


def _change_as_rate(linker: Linker, plan: Plan) -> Answer | None:
    """"涨了多少" when the document states the change only as a rate ("楼宇经济税收增长18.3%"):
    that stated rate, never one computed from other figures; None when no rate is stated."""
    if plan.unit is not None or not ASKS_CHANGE.search(plan.question):
        return None
    cell = stated_rate(linker, plan, plan.operands[0], "growth")
    item = norm(plan.operands[0].item)
    subject = norm(re.sub(r"(完成|实现)?\s*(同比)?(增长|下降|增加|减少)?$", "", cell.label.split()[0])) if cell is not None else ""
    if cell is None or len(item) < 2 or not (subject.endswith(item) or len(subject) >= 4 and item.endswith(subject)):
        return None  # only a rate stated of the item itself (非税收入's growth is no answer about 税收收入)
    return stated_answer(plan, cell)


_LAST_YEAR = re.compile(r"(比|较|与|同|和|跟)(上年|去年|上一年|上年度)")


def _change_from_levels(linker: Linker, plan: Plan) -> Answer | None:
    """"比上年少了多少" when the document states no change: the year's level against the
    year before's, each disclosed in its own document of the same stage; None otherwise."""
    sel = plan.operands[0]
    if len(sel.years) != 1 or plan.unit in ("%", "倍") or not (_LAST_YEAR.search(plan.question)
                                                                and ASKS_CHANGE.search(plan.question)):
        return None
    yearly = plan.with_(op="diff", operands=(sel, replace(sel, years=(sel.years[0] - 1,))), by="years")
    cells = operand_cells(linker, yearly)
    return from_cells(yearly, cells, []) if cells else None


def _fits(unit: str | None, want: str) -> bool:
    """Does a figure in ``unit`` answer an ask for ``want`` (:func:`qa.understand.asks.wanted_kinds`)?"""
    if want == "money":
        return unit in MONEY
    if want == "amount":
        return unit not in ("%", "倍")
    return same_unit(unit, want)


_COUNT_UNITS = ("辆", "人", "人次", "台", "套", "件", "家", "家次", "户", "分", "平方米", "亩", "年", "篇", "份", "张", "座",
                "处", "条", "所", "部", "门", "场", "批次")  # never served a count of rows or an amount


def decline_type(plan: Plan, answer: Answer, want: str | None = None) -> Answer:
    """The figure found is of another kind than the one asked (an amount for
    a %, a count of rows for a number of vehicles)."""
    want = want or plan.unit or ""
    what = {"%": "比例", "倍": "倍数", "money": "金额", "amount": "差额"}.get(want, f"数量（{want}）")
    found = "金额" if answer.unit in ("元", "万元", "亿元") else f"以“{answer.unit}”计的数"
    return Answer(answer=f"未能找到所问的{what}：找到的是{found}（{answer.answer.split('[')[0]}），不是{what}。",
                  answerable=False, route="sql", citations=answer.citations)


def _answer_numeric(db: Path, plan: Plan, tokenizer=None) -> Answer | None:
    scope = plan.scope
    if not scope.organisations and not scope.years:
        return None
    linker = Linker(db, plan, tokenizer)
    op = plan.op
    if op == "sum" and len(plan.operands) < 2 and _ENUMERATED.search(plan.operands[0].item if plan.operands else ""):
        # "A、B、C加起来" read as one item: its parts were not told apart, and no one cell is their sum
        return Answer(answer=f"未能分清“{plan.operands[0].item}”列举的各项，没有计算合计；请逐项询问，或用“、”分隔各项名称。",
                      answerable=False, route="sql")
    if op == "value" or (op in ("sum", "ratio", "multiple") and len(plan.operands) < 2):
        sel = plan.operands[0]
        uncovered = op == "value" and sel.years and not covered(linker, sel)
        if uncovered:
            answer = previous_level(linker, plan, sel)  # "2023年的X" from the 2024 document's "比上年增加…"
        else:
            answer = answer_value(linker, plan.with_(op="value") if op != "value" else plan)
        for reading in plan.readings if op == "value" and (answer is None or not answer.answerable) else ():
            # the item the asking clause names alone, when the whole question's item links to nothing
            other = answer_value(linker, plan.with_(operands=reading, readings=()))
            if other is not None and other.answerable:
                return other
        if uncovered:
            return answer
        if sel.measure == "年初预算" and (answer is None or not answer.answerable):
            return budget_level(linker, plan, sel) or answer  # "比年初预算数减少87.99万元": the budget it implies
        if op == "value" and (answer is None or not answer.answerable):
            return _change_from_levels(linker, plan) or _change_as_rate(linker, plan) or answer
        return answer
    two_budgets = plan.by == "measures" and all(o.measure in ("年初预算", "全年预算", "预算数") for o in plan.operands)
    if op == "diff" and (len(plan.operands) < 2 or plan.by == "measures") and not two_budgets:
        # 决算 vs 预算 of one item: the pair as one document states it, in the order asked
        one = plan.with_(operands=plan.operands[:1], by="")
        slots = linker.slots(one.operands[0], operation="diff")
        ranked = linker.ranked(one.operands[0], operation="diff")
        cells = _budget_vs_actual(ranked, slots)
        if cells:
            return from_cells(plan, cells, ranked)
        if len(plan.operands) < 2:
            # a difference of one thing is a change the document states (比上年增加…), never a level
            stated = answer_value(linker, plan.with_(op="value"), changes_only=True)
            return stated if stated is not None and stated.answerable else (_change_as_rate(linker, plan) or stated)
        stated = answer_value(linker, one.with_(op="value"), changes_only=True)
        if stated is not None and stated.answerable and stated.value is not None \
                and re.search(r"(比|较)[^，,；;。]{0,6}预算[^，,；;。]{0,4}(减少|增加|节约|节省|超支|下降|增长)", stated.answer):
            return stated  # "决算比年初预算少了多少": the document states the change against its budget
    if op in ("diff", "growth") and plan.by == "years":
        absent = [s for s in plan.operands if not linker.ranked(s, operation="sum", unit=None)]
        present = [s for s in plan.operands if s not in absent]
        if absent and len(present) == 1:
            stated = change_stated(linker, plan, present[0])
            if stated is None or not stated.answerable:
                return growth_on_previous(linker, plan, present[0]) or stated  # from the stated level and change
            return stated
    if op == "diff" and plan.unit == "%" and len(plan.operands) == 2 and plan.by != "years" and (
            all(_GROWTH_ITEM.search(o.item) for o in plan.operands) or _GROWTH_ASKED.search(plan.question)):
        # "两者的增速相差几个百分点", "都增长了，哪个快？快几个百分点": each one's stated growth rate, with its sign
        cells = [stated_rate(linker, plan, replace(o, item=_GROWTH_ITEM.sub("", o.item)), "growth") for o in plan.operands]
        if all(c is not None for c in cells):
            return from_cells(plan, cells, [])
        if all(_GROWTH_ITEM.search(o.item) for o in plan.operands):
            return None
    if op == "ratio" and len(plan.operands) == 2 and plan.by in ("", "items"):
        cells = operand_cells(linker, plan)
        return stated_ratio(linker, plan, lambda: from_cells(plan, cells, []) if cells else None)
    if op in ("sum", "diff", "ratio", "multiple"):
        cells = operand_cells(linker, plan)
        return from_cells(plan, cells, []) if cells else None
    if op == "growth":
        return growth(linker, plan)
    if op == "execution":
        return execution(linker, plan)
    if op == "share":
        return share(linker, plan)
    if plan.where and op in ("list", "count") and not plan.where.startswith("above"):
        return answer_condition(linker, plan)
    if op == "rank" and plan.rank_by == "execution":
        return rank_by_execution(linker, plan)
    if op == "count":
        # "累计评审了多少个项目": a count the document states is the answer; rows are counted only without one
        stated = answer_value(linker, plan.with_(op="value"))
        if stated is not None and stated.answerable and stated.value is not None and same_unit(stated.unit, plan.unit or "个"):
            return stated
    if op in ("rank", "list", "count"):
        return breakdown(linker, plan)
    return None
