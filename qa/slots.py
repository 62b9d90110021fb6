"""What the cell linker needs for one operand of a plan: :class:`Slots`.

The question is parsed once (:func:`qa.understand.parse`); for each
:class:`~qa.understand.Selection` of the plan, :func:`slots_for` derives the
linker's view: the selection's scope, the subject words to score labels
with, the target phrase and the unit wanted.

>>> from qa.understand import parse
>>> plan = parse("武汉市经济和信息化局2024年基本支出中的委托业务费是多少元？", [("武汉市经济和信息化局", 2024, "决算")])
>>> s = slots_for(plan, plan.operands[0])
>>> s.organisations, s.years, s.unit, s.target
(('武汉市经济和信息化局',), (2024,), '元', '委托业务费是多少元？')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .scope import topic
from .understand.phrases import ALL_FUNDS
from .understand.plan import Plan, Selection

__all__ = ["Slots", "slots_for", "expand_synonyms", "expand_short", "SYNONYMS", "target_of", "CONTAINER_MARK"]

# Short forms users type → the words the tables and sentences use.
SYNONYMS = {  # the first short form found is written out: the longer ones come first
    "公车购置和运维": "公务用车购置及运行维护费",
    "公车购置及运维": "公务用车购置及运行维护费",
    "公车购置和运行": "公务用车购置及运行维护费",
    "公车购置": "公务用车购置",
    "公车运行": "公务用车运行",
    "公车运维": "公务用车运行维护",
    "公车": "公务用车购置及运行维护费 公务用车",
    "三公": "三公经费合计 “三公”经费",
    "出国": "因公出国(境)费",
    "公积金": "住房公积金",
    "社保基金": "社会保险基金",
    "接待费": "公务接待费",
    "接待": "公务接待费",
    "收支总额": "收支总计 总计",
    "收支总计": "收支总计 总计",
    "盘子": "收支总计 收支总预算 总计",
    "车辆": "共有车辆 车辆 保有量",
    "科技": "科学技术",
    "人员经费": "人员经费合计",
    "公用经费": "公用经费合计",
    "养老保险": "机关事业单位基本养老保险缴费",
    "绩效自评": "绩效评价得分 自评得分",
    "得分": "得分 评价得分",
    "打了多少分": "得分",
    "服务类采购": "政府采购服务支出",
    "货物类采购": "政府采购货物支出",
    "工程类采购": "政府采购工程支出",
    "买服务": "政府采购服务支出",
    "买货物": "政府采购货物支出",
    "采购服务": "政府采购服务支出",
    "采购货物": "政府采购货物支出",
    "小微企业的合同": "授予小微企业合同金额",
    "中小企业的合同": "授予中小企业合同金额",
}


@dataclass
class Slots:
    """The linker's request for one operand (see the module docstring)."""

    question: str
    query: str
    organisations: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    stages: tuple[str, ...] = ()
    unit: str | None = None
    operation: str = "value"
    subject: str = ""  # what is asked about, without organisation and year
    target: str = ""  # the part asked for: 人员经费 in "基本支出里，人员经费是多少"
    words: list[str] = field(default_factory=list)
    numeric: bool = True
    item: str = ""  # the selection's item as parsed (住房公积金), its container phrase dropped
    scope: str = ""  # 部门 / 单位, or 全市 / 市本级 / 市级, when the question names one


def expand_synonyms(text: str) -> str:
    """Add the document's words for the short forms found in ``text``."""
    found = [k for k in SYNONYMS if k in text]
    # the longest short form speaks: 公车购置 is the 购置费, not also 公车's 购置及运行维护费
    extra = [SYNONYMS[k] for k in found if not any(k != other and k in other for other in found)]
    return text + (" " + " ".join(extra) if extra else "")


def expand_short(text: str) -> str:
    """The document's first word for each short form in ``text`` (公车 → 公务用车购置及运行维护费).

    >>> expand_short("公车运行费"), expand_short("公车"), expand_short("三公经费")
    ('公务用车运行费', '公务用车购置及运行维护费', '三公经费')
    """
    for short, long in SYNONYMS.items():
        if short in text and short not in long.split()[0] and long.split()[0] not in text:
            text = text.replace(short, long.split()[0], 1)
    return text


def slots_for(plan: Plan, sel: Selection, tokenizer=None, operation: str | None = None, unit: str | None = "plan",
              worded: bool = False) -> Slots:
    """The linker's view of operand ``sel`` of ``plan``.

    A question read on its own keeps its wording as the subject (measure
    words, 其中, 里 …); an operand whose item or measure differs from the
    question's, a follow-up, or one the caller asks to be ``worded`` from its
    selection (each side of a rate: "决算数是年初预算的百分之几" names both
    columns) is worded from the selection itself.
    """
    first = plan.operands[0] if plan.operands else Selection()
    own_words = not worded and not plan.follow_up and plan.by in ("", "organisations", "years") and plan.op != "growth" and \
        (sel.item, sel.measure) == (first.item, first.measure) and \
        not (sel.item and re.search(r"[（(]" + re.escape(sel.item) + r"[)）]", plan.question))  # a gloss names the item
    if own_words:
        subject = _LEADING_LEVEL.sub("", topic(plan.question, plan.scope.organisations))
        subject = ALL_FUNDS.sub("", re.sub(r"各单位|各家|所有单位|这几家", "", subject))
        asking = re.match(r"(.*?(?:多少|几|百分之|占比|比例).*?[？?])(.+)", subject)
        if asking and re.search(r"多少|几|百分之", asking.group(2)):
            subject = asking.group(1)  # "X是多少？其中Y多少？": the first question is the one answered
    else:
        stage = "" if sel.measure else "".join(sel.stages)
        subject = f"{sel.item}{stage}{sel.measure}"
    slots = Slots(
        question=plan.question if own_words else f"{subject} {plan.question}",  # "比上年多了多少" still asks a change
        query=plan.query,
        organisations=sel.organisations,
        years=sel.years,
        stages=sel.stages,
        unit=plan.unit if unit == "plan" else unit,
        operation=operation or ("value" if plan.op in ("value", "list", "rank", "count") else plan.op),
        subject=subject,
        target=target_of(subject),
        item=target_of(sel.item) if sel.item else "",
        scope=sel.scope,
    )
    if tokenizer is not None:
        # the item as the plan reads it scores too ("一共有多少辆车" asks about 车辆)
        extra = f" {sel.item}" if sel.item and sel.item not in subject else ""
        slots.words = tokenizer.tokens(expand_synonyms(subject + extra))
    return slots


# What is left of a level at the front once the place is taken out ("合肥市本级三公经费": 本级三公经费): the
# level is the selection's scope, not part of the item (全市 stays: sentences name it, "全市一般公共预算收入")
_LEADING_LEVEL = re.compile(r"^本级(?=[\u4e00-\u9fff]{2})")


# The words that put a part inside a whole: "X里，Y", "X中的Y", "其中Y".
CONTAINER_MARK = re.compile(r"里面的|里面|里的|里，|里,|里|中的|之中|其中|"
                            r"(?:(?<=支出)|(?<=事务)|(?<=科目)|(?<=经费)|(?<=[)）]))下(?:面的|面|的|属的?)?(?![降达拨年半])")


def target_of(subject: str) -> str:
    """The phrase asked for, after a container phrase (…里 / …中的 / 其中).

    >>> target_of("一般公共预算财政拨款基本支出里，人员经费是多少？")
    '人员经费是多少？'
    >>> target_of("福利费决算是多少")
    '福利费决算是多少'
    """
    parts = CONTAINER_MARK.split(subject)
    tail = parts[-1].strip("，,、 ")
    return tail if len(re.sub(r"[是多少的？?。\s]", "", tail)) >= 2 else subject
