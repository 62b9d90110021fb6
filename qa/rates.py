"""Rates of a plan: growth (同比), execution (决算 ÷ 预算), share of a parent
total (占比), and a change against a year no document covers.

A narrative's stated percentage about the item (“完成年初预算的112.4%”,
“增长12.3%”, “占2%”) is preferred: it is the figure the document publishes;
otherwise the rate is computed from the cells, rounded half-up to 0.01.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from .link import _CHANGE, Cell, Linker, norm
from .cells import BUDGET_WORD
from .naming import names_subject, other_category, own_part
from .numeric import MIN_SCORE, _make, _same_subject, _scope_name, _single, _fmt
from .agreement import typo_apart
from .operands import best_cell, from_cells, operand_cells, published_budget
from .types import Answer
from .understand.plan import Plan, Selection

# What a stated percentage is, read from the words just before it: in "收入955亿元，完成预算的101.4%，
# 增长2.7%" the 101.4% follows 完成预算的, the 2.7% 增长; "非税收入完成…，增长17.61%" is a growth.
RATE_KINDS = (
    ("growth", r"(增长|下降|增加|减少|增幅|降幅|上升|回落|提高|降低|增速)(了|为|是|达到?)?(约|近|超过?)?$"),
    ("execution", r"(完成|执行|为|相当于|达到|占)了?[^，,；;。]{0,10}?(预算|计划|任务|目标)数?[（）()]*的?$|(完成|执行)了?$|"
                  r"(执行|完成)(率|进度)(为|是|达到?)?$"),
    ("share", r"占[^，,；;。]{0,30}?的?(比重|比例)?(为|是|达到?)?$|(比重|占比)(为|是|达到?)?$"),
)


def rate_kind(label: str) -> str:
    """growth, execution or share: what the words before a stated % say it is ("" for none).

    >>> rate_kind("市本级地方一般公共预算收入 为预算的"), rate_kind("非税收入完成 增长"), rate_kind("公务接待费 占“三公”经费的")
    ('execution', 'growth', 'share')
    >>> rate_kind("一般公共预算财政拨款支出 完成年初预算的"), rate_kind("收入完成")
    ('execution', 'execution')
    """
    tail = re.sub(r"[\s“”\"]", "", label)
    return next((kind for kind, pattern in RATE_KINDS if re.search(pattern, tail)), "")


def stated_rate(linker: Linker, plan: Plan, sel: Selection, kind: str) -> Cell | None:
    """A percentage the narrative states about the item, of ``kind`` (:func:`rate_kind`)."""
    slots = linker.slots(sel)
    ranked = [c for c in linker.ranked(sel, operation="ratio", unit="%")
              if c.unit == "%" and rate_kind(c.label) == kind and names_subject(c, slots)
              and not _other_budget(plan.question, c.label) and (kind != "share" or _same_head(sel.item, c.label))]
    item = norm(sel.item)
    # the rate whose own words open with the item ("税收占一般公共预算收入比重65.7%"), however it scores
    own = [c for c in ranked if len(item) >= 2 and norm(re.split(r"占|为|完成|增长|下降|比", c.label.split()[-1])[0]) == item]
    good = [c for c in ranked[:12] if c.score >= MIN_SCORE]
    # a rate of a narrower category than asked ("货物采购授予中小企业合同金额占…") only when no other is stated
    plain = [c for c in good if not other_category(sel.item + plan.question, c.label)]
    return next(iter(own or plain or good), None)


def rate_subject(label: str) -> str:
    """What a stated share is of: the words before 占 ("税收占一般公共预算收入比": 税收), or the part
    before a clause that opens with 占 ("授予中小企业合同金额 占政府采购支出总额的")."""
    return re.sub(r"[（(](类|款|项)[)）]|(?<=..)(完成|实现|为)$", "", re.split(r"占", own_part(label))[0])


def _same_head(item: str, label: str) -> bool:
    """Is a stated share about the item: one's head noun (its last two characters) in the other?

    >>> _same_head("支持中小企业发展和管理支出", "授予中小企业合同金额 占政府采购支出总额的")
    False
    >>> _same_head("公务接待费", "公务接待费支出 占三公经费的"), _same_head("税收", "全市一般公共预算收入 税收占一般公共预算收入比")
    (True, True)
    """
    item, subject = norm(re.sub(r"[（(](类|款|项)[)）]", "", item)), rate_subject(label)
    if len(item) < 2 or len(subject) < 2:
        return True  # nothing to tell them apart by
    return item[-2:] in subject or subject[-2:] in item


def _other_budget(question: str, label: str) -> bool:
    """The rate is against another budget than the one asked: "相当于年初预算的百分之几" is never
    answered with "为调整预算的101.5%", nor the reverse.

    >>> _other_budget("相当于年初预算的百分之几", "一般公共预算收入 为调整预算的"), _other_budget("完成预算的多少", "为调整预算的")
    (True, False)
    >>> _other_budget("决算占全年预算的比例", "一般公共预算财政拨款支出 完成年初预算的")
    False
    """
    if "年初" not in question:
        return False  # "全年预算" is said loosely of the budget a 决算 is measured against
    return "年初" not in label and bool(re.search(r"调整|全年预算", label))


def stated_answer(plan: Plan, cell: Cell) -> Answer:
    text = f"{_scope_name(cell)}：{cell.label.strip()}{_fmt(cell.value)}%"
    return _make(text, cell.value, "%", [cell], [])


def _published_or_computed(plan: Plan, stated: Cell | None, compute) -> Answer | None:
    """The rate the document states; but when it states a whole percent (83%) and
    the figures it rounds give a rate within a point of it (82.46%: 5.5 ÷ 6.67),
    that one, with the stated one named: the reader asked for a rate, the
    document rounded it (not always to the nearest). A stated rate with decimals
    that the figures contradict by a slip of one digit gives way to the figures."""
    if stated is None:
        return compute()
    if stated.value != stated.value.to_integral_value():
        computed = compute()
        if computed is not None and computed.value is not None:
            exact = Decimal(str(computed.value))
            shown = exact.quantize(Decimal(1).scaleb(stated.value.as_tuple().exponent), rounding=ROUND_HALF_UP)
            if shown != stated.value and typo_apart(shown, stated.value) \
                    and abs(shown - stated.value) >= Decimal("0.05") * abs(stated.value):  # a slip of a leading digit,
                # not a last digit that another base (another 一般公共预算收入) would explain
                # "完成年初预算的1397.9%" beside figures that give 3397.85%: a slip of the narrative, whose
                # tables are held to identities — the figures' rate, the stated one named
                computed.answer = computed.answer.replace(
                    "。[", f"（文字说明为{_fmt(stated.value)}%，与表中数字不符，以表中数字计算）。[", 1)
                computed.citations.append(stated_answer(plan, stated).citations[0])
                return computed
        return stated_answer(plan, stated)
    computed = compute()
    if computed is None or computed.value is None or abs(Decimal(str(computed.value)) - stated.value) >= Decimal("1"):
        return stated_answer(plan, stated)  # the figures found do not give the stated rate: the document's word
    computed.answer = computed.answer.replace("。[", f"（文中写为{_fmt(stated.value)}%）。[", 1)
    computed.citations.append(stated_answer(plan, stated).citations[0])
    return computed


def growth(linker: Linker, plan: Plan) -> Answer | None:
    sel = plan.operands[0]
    if len(plan.operands) >= 2:
        cells = operand_cells(linker, plan)
        return from_cells(plan, cells, []) if cells else None
    stated = stated_rate(linker, plan, sel, "growth")
    return _published_or_computed(plan, stated, lambda: _growth_of(linker, plan, sel))


def _growth_of(linker: Linker, plan: Plan, sel: Selection) -> Answer | None:
    this, _ = best_cell(linker, sel, operation="sum", unit=None)
    if this is None or not sel.years:
        return None
    last = replace(sel, organisations=sel.organisations or (this.organisation,), years=(sel.years[0] - 1,), stages=())
    before, _ = best_cell(linker, last, operation="sum", unit=None)
    if before is None or not _same_subject(this, before):
        return None
    return from_cells(plan, [this, before], [])


def execution(linker: Linker, plan: Plan) -> Answer | None:
    sel = plan.operands[0]
    stated = stated_rate(linker, plan, sel, "execution")  # "完成预算的101.4%", "为预算的90.67%"
    return _published_or_computed(plan, stated, lambda: _execution_of(linker, plan, sel))


def _execution_of(linker: Linker, plan: Plan, sel: Selection) -> Answer | None:
    budget_word = "全年预算" if re.search(r"全年预算|调整预算", plan.question) else "年初预算"
    kw = {"operation": "sum", "unit": None, "worded": True}
    ranked = linker.ranked(replace(sel, measure="决算数"), **kw)  # the level of government and the rest kept
    actual = next((c for c in ranked if c.score >= MIN_SCORE and c.stage != "预算" and not BUDGET_WORD.search(c.basis + c.descriptor)
                   and not re.search(r"(剩余|结余|结转|余额)$", c.label)  # what was left is not what was spent
                   and names_subject(c, linker.slots(sel, **kw))), None)
    if actual is None:
        return None
    budget, _ = best_cell(linker, replace(sel, measure=budget_word), **kw)
    if budget is not None and actual.doc == budget.doc and budget_word in budget.descriptor + budget.basis:
        return from_cells(plan, [actual, budget], ranked)
    if budget_word == "年初预算" and actual.source == "text":
        # "市本级预备费。预算安排8亿元，支出4.04亿元": the budget stated beside the actual, of the same subject
        stated = next((c for c in ranked if c.source == "text" and c.doc == actual.doc and c is not actual
                       and c.label.split()[0] == actual.label.split()[0] and re.search(r"(年初)?预算(安排|数)?(为|是)?$", c.label)), None)
        if stated is not None:
            return from_cells(plan, [actual, stated], ranked)
    if budget_word == "年初预算":  # none beside the actual: the year's published 预算
        budget = published_budget(linker, sel, actual, worded=True)
        if budget is not None:
            return from_cells(plan, [actual, budget], ranked)
    return None


def stated_ratio(linker: Linker, plan: Plan, compute) -> Answer | None:
    """"X占Y的比例": the share the narrative states of X in Y itself ("税收占一般公共预算收入比重65.7%"),
    with the figures' ratio beside it (:func:`_published_or_computed`); else the figures' ratio."""
    part, whole = plan.operands[0], plan.operands[1]
    stated = stated_rate(linker, plan, part, "share")
    subject = rate_subject(stated.label) if stated is not None else ""  # "税收收入完成 占…的": 税收收入
    item = norm(part.item)
    named = stated is not None and len(norm(whole.item)) >= 2 and norm(whole.item) in norm(stated.label.split()[-1]) \
        and len(item) >= 2 and (item in subject or subject.endswith(item) or len(subject) >= 2 and subject in item
                                or all(len(p) >= 2 and p in subject for p in item.split("中的")))  # 货物采购中的授予中小企业
    return _published_or_computed(plan, stated if named else None, compute)


def share(linker: Linker, plan: Plan) -> Answer | None:
    sel = plan.operands[0]
    stated = stated_rate(linker, plan, sel, "share")
    if stated is not None:
        return stated_answer(plan, stated)
    whole = re.match(r"(.{2,}?)(?:中的|里的|中|里)(.{1,})$", sel.item)
    if whole:  # "政府采购中的服务" (…占比呢): the part over the whole the item names, not over a parent 科目
        pair = plan.with_(op="ratio", operands=(sel, replace(sel, item=whole.group(1))), by="items")
        cells = operand_cells(linker, pair)
        if cells:
            return from_cells(pair, cells, [])
    first, ranked = best_cell(linker, sel, operation="sum", unit=None)
    if first is None:
        return None
    slots = linker.slots(sel, operation="sum", unit=None)
    parts = [c for c in ranked if c.source == "table" and c.score >= MIN_SCORE and c.value_wan == first.value_wan
             and names_subject(c, slots)]
    for part in parts[:10]:  # the item's row in a table whose parent row is there too
        total = _parent(part, ranked)
        if total is not None:
            return from_cells(plan.with_(op="ratio"), [part, total], ranked)
    return None


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


def change_stated(linker: Linker, plan: Plan, sel: Selection) -> Answer | None:
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
        return growth(fresh, one)
    slots = fresh.slots(sel)
    ranked = fresh.ranked(sel)
    changes = [c for c in ranked if c.score >= MIN_SCORE and _CHANGE.search(c.label) and names_subject(c, slots)]
    if not changes:
        return None  # the document states no change for the item: never serve its level as the difference
    value, unit, text, used = _single(changes[0], slots, ranked)
    return _make(text, value, unit, used, ranked)
