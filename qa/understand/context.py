"""A question in its conversation: each turn read on its own, then applied
to the plan of the turn before it (:func:`edit`), so context carries over any
number of turns.

>>> cat = [("武汉市经济和信息化局", 2024, "决算"), ("武汉市中小企业发展促进中心", 2024, "决算"),
...        ("武汉市中小企业发展促进中心", 2026, "预算")]
>>> p = parse("那2026年呢？", cat, [{"role": "user", "content": "中小企业中心2024年住房公积金支出多少？"}])
>>> p.op, p.operands[0].organisations, p.operands[0].years, p.operands[0].item, p.follow_up
('value', ('武汉市中小企业发展促进中心',), (2026,), '住房公积金支出', True)
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from ..cells import CATEGORIES
from ..scope import find_years
from .normalize import normalize
from .parse import NOW, item_of, latest_year, read
from .items import split_items
from .phrases import WHOLE_ITEMS, complete_pair
from .plan import Plan, Selection

__all__ = ["parse", "edit", "is_follow_up"]

_FOLLOW_UP = re.compile(r"^(那|那么|其中|这里面|里面|这当中|当中|还?离|还?距离?|它|他们|该|这|此|比上年|与上年|同期|为什么|为何|原因|怎么|呢|换成|换算|用|按|改成|占|再|同比|增幅|增长率)")


# a source of funds: "其中财政拨款安排的" asks for the item as the source funds it (a column), not for a part
_FUND = re.compile(r"^(财政拨款|一般公共预算(?:财政)?拨款|政府性基金(?:预算)?(?:财政拨款)?|国有资本经营预算(?:财政拨款)?)"
                   r"(?:安排|资金|拨款|部分)?的?$")


# A year named relative to the one asked before: 上一年/去年/前一年 (before), 第二年/下一年/次年 (after)
_RELATIVE_YEAR = re.compile(r"(上一年度?|去年|前一年)|(第二年|下一年度?|次年|后一年)")
_AGAINST_LAST_YEAR = re.compile(r"^(?:那|那么)?\s*(和|与|跟|同|比|较)\s*(上年|去年|上一年|上年度|20\d\d\s*年度?)(同期)?\s*(相比|比较|比)?\s*(呢|怎么样|如何|有(什么|何)?变化)")


def is_follow_up(question: str, names_org: bool) -> bool:
    """Does the question lean on an earlier turn?

    >>> is_follow_up("为什么？", False), is_follow_up("经信局的主要职责是什么？", True), is_follow_up("换成亿元", False)
    (True, False, True)
    """
    q = question.strip()
    short = len(item_of(q)) <= 3
    return bool(_FOLLOW_UP.match(q)) or (short and not names_org) or q.rstrip("？?").endswith("呢")


# An item read with a fund (财政拨款的X, 财政拨款支出中X): a sibling asked next is read with the same fund
_BASIS = re.compile(r"^(.*?(?:财政拨款|一般公共预算|政府性基金预算?)[^中的里]{0,4}(?:中的|中|的|里的|里))(.+)$")


# measures of one thing asked in turn: the second replaces the first in the item asked before
_MEASURE_PAIRS = (("限额", "余额"), ("本金", "利息"), ("基本支出", "项目支出"), ("人员经费", "公用经费"))


def _restates(short: str, full: str) -> bool:
    """Is ``short`` the item ``full`` said with words left out (基金收入 for
    政府性基金预算收入: its characters, three or more, in order)?

    >>> _restates("当年的基金收入", "政府性基金预算收入"), _restates("公务接待费", "三公经费"), _restates("购置费", "公务用车购置及运行费")
    (True, False, False)
    """
    short = re.sub(r"^(当年|本年|全年)的?|的", "", short)
    if len(short) < 3 or short == full or short[-2:] != full[-2:]:
        return False  # the same head (…收入): 购置费 is not 公务用车购置及运行费 said shorter
    rest = iter(full)
    return all(ch in rest for ch in short)


_BOTH = re.compile(r"两家|两者|二者|这两|两个单位|两单位|两边|两年|两个年度")


def edit(previous: Plan, turn: Plan, earlier: Plan | None = None) -> Plan:
    """``turn`` (a follow-up read on its own) applied to the ``previous`` plan:
    the slots the turn names replace the previous ones, the rest carry over.

    - "那X呢": X replaces the organisation, year, stage or item it is;
    - "其中Y": the item narrows to Y within the previous one ("X中的Y": row X's column Y, or X's part Y);
    - "占比呢": a share of the previous selection; "换成亿元": the unit only;
    - "比2025年少了多少": a difference against the previous selection with the year changed;
    - "两家相差多少": the two selections asked last (organisations or years), compared;
    - "增长了百分之几" after "那2026年呢": the year asked last against the one asked before it (``earlier``);
    - "跟上年比呢": the change the document states;
    - "为什么/用在哪": the narrative about the same subject.
    """
    prev = previous.operands[0] if previous.operands else Selection()
    new = turn.operands[0] if turn.operands else Selection()
    orgs = new.organisations or prev.organisations
    years = new.years or prev.years
    stages = new.stages or (() if new.years and new.years != prev.years else prev.stages)
    item = new.item or prev.item
    side = new.item.removesuffix("合计")
    if side in ("收入", "支出") and prev.item and re.search("收入|支出", prev.item) and side not in prev.item:
        # "那支出呢": the other side of the same item (社会保险基金预算收入 → …支出)
        at = prev.item.rfind("收入" if side == "支出" else "支出")
        item = prev.item[:at] + side + prev.item[at + 2:]
    elif side in ("收入", "支出") and prev.item.endswith(side):
        item = prev.item  # "市本级的收入呢" after 社会保险基金收入: the same item, at another level or year
    bare = re.sub(r"^(年末|年初|当年|本年|实际)+", "", new.item)
    for a, b in _MEASURE_PAIRS + tuple((b, a) for a, b in _MEASURE_PAIRS):
        if bare == b and a in prev.item and b not in prev.item:
            item = prev.item.replace(a, b)  # "那到年底实际余额是多少" after 政府债务限额: 政府债务余额
            break
    basis = _BASIS.match(prev.item)
    if basis and new.item and item == new.item and not _BASIS.match(new.item) and not turn.question.startswith("其中") \
            and basis.group(2) != new.item:
        item = basis.group(1) + new.item  # "财政拨款的住房保障支出" then "那社会保障和就业支出呢": also 财政拨款's
    if new.item and prev.item and item == new.item and not turn.question.startswith("其中") \
            and _restates(new.item, prev.item):
        item = prev.item  # "那2025年当年的基金收入呢" after 政府性基金预算收入: the same item, said shorter
        when = re.match(r"(当年|本年)", new.item)
        if when and re.search(r"(收入|支出)$", item):
            item = item[:-2] + when.group(1) + item[-2:]  # …预算当年收入: this year's own, without transfers
    category = re.sub(r"类$", "", new.item)
    group = next((g for g in CATEGORIES if category in g), ()) if new.item and prev.item and item == new.item else ()
    if group and category not in prev.item:
        other = next((w for w in group if w in prev.item), "")
        # "服务类的呢" after 政府采购货物支出 (or 政府采购): the same whole's 服务 part
        item = prev.item.replace(other, category, 1) if other else f"{prev.item}中的{category}"
    fund = _FUND.match(new.item)
    if turn.question.startswith("其中") and fund and prev.item:
        item = f"{fund.group(1)}的{prev.item}"  # "其中财政拨款安排的呢": the item as that source funds it
    elif turn.question.startswith("其中") and new.item and prev.item and prev.item not in new.item:
        item = f"{prev.item}中的{new.item}"  # "其中项目支出": that part of the item asked before, not the unit's total
    measure = new.measure or (prev.measure if not (new.years or new.stages) else "")
    if turn.op == "execution" or (new.measure and not new.stages):
        stages = ()  # "实际执行了多少/完成率呢" after "…预算是多少": the 决算 side too, not the 预算 document only
    # "那上半年呢" changes the part of the year; a new year alone asks for the whole of it
    period = new.period or (prev.period if not new.years else "")
    shift = _RELATIVE_YEAR.search(turn.question) if not new.years and len(prev.years) == 1 else None
    compared = bool(shift) and re.search(r"[比较与跟和同]\s*$", turn.question[:shift.start()]) is not None
    if shift and turn.op == "value" and not compared and not _AGAINST_LAST_YEAR.match(turn.question):
        years = (prev.years[0] + (1 if shift.group(2) else -1),)  # "那上一年呢", "那第二年呢": the year before or after
        stages = prev.stages
    base = Selection(orgs, years, stages, item, measure, new.scope or prev.scope, period=period, table=new.table,
                     as_of=new.as_of or (prev.as_of if not new.years else ""))
    op, unit, operands, by = turn.op, turn.unit, None, ""
    if unit is None and not new.item and turn.op == previous.op:
        unit = previous.unit  # "2021年预算里写的是多少？" after "有多少专任教师": still a number of people
    against = op == "value" and _AGAINST_LAST_YEAR.match(turn.question) and not new.item
    if against:
        op = "diff"  # "跟上年比呢": the change the document states for the same item
    then = earlier.operands[0] if earlier is not None and earlier.operands else None
    if against and new.years and new.years != prev.years:
        # "那跟2023年比呢": the year asked before against the year named
        operands, by = (replace(base, years=prev.years, stages=prev.stages), replace(base, stages=())), "years"
    elif turn.op == "value" and not turn.numeric and not new.item:
        op, unit = previous.op, turn.unit or previous.unit  # "那2026年呢？": the same question, one slot changed
        by_years = previous.by == "years"
        operands = tuple(replace(s, years=s.years if by_years else years, stages=s.stages if by_years else stages,
                                 item=new.item or s.item, measure=s.measure if previous.by == "measures" else measure)
                         for s in previous.operands) if len(previous.operands) > 1 else None
        if new.organisations and previous.by == "organisations":
            operands = None  # "那A和B呢": the new organisations are the operands
    elif turn.op in ("diff", "growth") and len(turn.operands) < 2 and new.years and new.years != prev.years:
        operands = (replace(base, years=prev.years, stages=prev.stages), replace(base, stages=()))
        by = "years"
    elif turn.op in ("diff", "growth") and len(turn.operands) < 2 and shift and not shift.group(2) \
            and not _AGAINST_LAST_YEAR.match(turn.question):
        # "跟上一年的预算比多了多少": the year asked against the one before it (a stated change when that is missing)
        operands = (replace(base, stages=prev.stages), replace(base, years=(prev.years[0] - 1,), stages=prev.stages))
        by = "years"
    elif (turn.op in ("diff", "growth", "multiple") and len(turn.operands) < 2 and not new.years and not new.item
          and previous.follow_up and then is not None and then.years and then.years != prev.years
          and then.item == prev.item and then.organisations == prev.organisations):
        # "那2026年预算呢？" then "增长了百分之几": the year asked last against the one asked before it
        operands = (base, replace(base, years=then.years, stages=then.stages, measure=then.measure))
        by = "years"
    elif turn.op == "diff" and re.match(r"(还)?(离|距)", turn.question) and new.item and prev.item:
        op, by = "diff", "items"  # "离限额还差多少": the limit named minus the figure asked before
        limit, figure = complete_pair(new.item, prev.item)
        operands = (replace(base, item=limit), replace(base, item=figure))
    elif turn.op == "share" and not new.item:
        unit = "%"
    elif turn.op in ("ratio", "share") and re.match(r"(它|其(?!中)|该|这|占)", turn.question):
        # "它占基本支出的百分之几": the previous figure over the one named
        denominator = re.search(r"占了?(.+?)的?(百分之|比例|比重|多少|几成|%|份额)", turn.question)
        named = item_of(denominator.group(1)) if denominator else ""
        if named:
            op, unit, by = "ratio", "%", "items"
            operands = (replace(base, item=prev.item), replace(base, item=named))
    elif turn.op in ("ratio", "share") and new.item and prev.item and new.item != prev.item and len(turn.operands) < 2 \
            and (turn.question.startswith("其中") or not re.search(r"占[^，,。？?]{2,}的", turn.question)):
        # "其中公务接待费占多少比例", "税收占了多大比例", "专项债务占比多少": the part over the previous whole, or over
        # the whole it names
        op, unit, by = "ratio", "%", "items"
        split = split_items(turn.question, "ratio")
        part, whole = split if split else (item if item != prev.item else new.item, prev.item)  # "服务类": 政府采购中的服务
        stock = re.search(r"(余额|限额|结余)$", whole)
        if stock and not re.search(r"(余额|限额|结余)$", part):
            part += stock.group(1)  # "专项债务" of a 债务余额: its 余额
        operands = (replace(base, item=re.sub(r"^其中", "", part)), replace(base, item=whole))
    elif turn.op in ("diff", "sum", "ratio", "multiple") and _BOTH.search(turn.question) and then is not None \
            and not new.organisations and not new.years and then.item == prev.item \
            and (then.organisations, then.years) != (prev.organisations, prev.years):
        # "两家相差多少" after "A的X是多少" and "B呢": the two figures asked, A's against B's
        by = "organisations" if then.organisations != prev.organisations else "years"
        operands = (replace(base, organisations=then.organisations or orgs, years=then.years or years,
                            stages=then.stages or stages), base)
    elif turn.op == "value" and unit and not new.item and not turn.operands[0].years:
        op = previous.op  # "换成亿元": only the unit changes
        operands = previous.operands
    if operands is None:
        operands = tuple(replace(base, organisations=(o,)) for o in orgs) if turn.by == "organisations" and len(orgs) > 1 \
            else (turn.operands if len(turn.operands) > 1 else (base,))
        if len(operands) > 1 and turn.by != "organisations":
            # "2025年是2024年的几倍": the operands the turn names, each with the slots it leaves out carried
            operands = tuple(replace(s, organisations=s.organisations or orgs, years=s.years or years, item=s.item or item,
                                     measure=s.measure or (measure if not s.years else ""),
                                     scope=s.scope or base.scope) for s in operands)
    why = re.search(r"为什么|为何|为啥|原因|怎么回事|用在|用于|干什么|做什么", turn.question)
    asks_figure = bool(new.item) and previous.numeric and bool(re.match(r"(其中|那|那么)", turn.question))
    if why and not turn.numeric and not asks_figure:
        op = "narrative"  # "为什么？": the reason for the same subject
    elif asks_figure and not turn.numeric:
        turn = turn.with_(numeric=True)  # "其中X呢？为什么？": X's figure, and its reason
    operands = tuple(replace(o, item=WHOLE_ITEMS.get(o.item, o.item)) for o in operands)  # "它的支出": its 支出合计
    narrows = op == "narrative" or not new.item or turn.question.startswith(("其中", "那", "它", "该"))
    query = f"{previous.query} {turn.question}" if narrows else turn.question
    return Plan(op, operands, unit=unit, k=turn.k or (previous.k if op == previous.op else None),
                descending=turn.descending, by=by or turn.by or (previous.by if op == previous.op else ""),
                aspect=turn.aspect, question=turn.question, query=query,
                numeric=op != "narrative" and (turn.numeric or previous.numeric), follow_up=True,
                set_word=turn.set_word or previous.set_word, wants=turn.wants)


def _user_turns(history: Iterable[dict] | None) -> list[str]:
    return [str(t.get("content", "")) for t in (history or [])
            if isinstance(t, dict) and t.get("role") == "user" and t.get("content")]


def parse(question: str, catalog: list, history: Iterable[dict] | None = None) -> Plan:
    """The plan of ``question`` given earlier ``history`` turns and the corpus
    ``catalog`` of (organisation, year, stage): the user turns are read in
    order, each in the context of the plan before it."""
    catalog = list(catalog)
    plans: list[Plan] = []
    for turn in [*_user_turns(history), question]:
        plans.append(_in_context(normalize(turn), catalog, plans[-1] if plans else None,
                                 plans[-2] if len(plans) > 1 else None))
    return plans[-1]


def _in_context(question: str, catalog: list, previous: Plan | None, earlier: Plan | None = None) -> Plan:
    plan = read(question, catalog)
    if previous is None:
        return plan
    names_org = bool(plan.operands and plan.operands[0].organisations)
    follow_up = is_follow_up(question, names_org)
    if names_org and not follow_up and plan.operands[0].item:
        return plan
    # "X占了多大比例", "专项债务占比多少": of the item asked before
    wholeless = plan.op in ("ratio", "share") and len(plan.operands) < 2 and not re.search(r"占[^，,。？?]{2,}的", question)
    if not follow_up and plan.operands[0].item and not wholeless:
        # a new question that names no organisation: scope carries, the rest is its own
        def carry(s):
            return replace(s, organisations=s.organisations or previous.scope.organisations,
                           years=s.years or previous.scope.years,
                           scope=s.scope or (previous.scope.scope if not s.organisations else ""))
        # the other readings of the operands too: a reading never runs over the whole corpus
        return plan.with_(operands=tuple(map(carry, plan.operands)), follow_up=True,
                          readings=tuple(tuple(map(carry, r)) for r in plan.readings))
    edited = edit(previous, plan, earlier)
    if names_org and not find_years(question) and NOW.search(previous.question) and not find_years(previous.question):
        # "现在有多少…" then "那X呢": X's latest year, not the year that was the latest of the one before
        edited = edited.with_(operands=tuple(replace(s, years=latest_year(s.organisations, catalog) or s.years)
                                             for s in edited.operands))
    return edited
