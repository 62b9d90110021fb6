"""The semantic parser: a question → slots, no LLM.

Slots: organisations, years, stages (from :mod:`qa.scope` and the
conversation), the unit wanted (元/万元/亿元/%/分/辆 …), the operation
(value, sum, diff, ratio, growth, max, min, list) and the subject words.

>>> s = parse_slots("武汉市经济和信息化局2024年基本支出中的委托业务费是多少元？", [("武汉市经济和信息化局", 2024, "决算")])
>>> s.organisations, s.years, s.unit, s.operation
(('武汉市经济和信息化局',), (2024,), '元', 'value')
>>> parse_slots("两家单位的住房公积金支出合计是多少？", []).operation
'sum'
>>> parse_slots("经信局2024年三公经费决算比预算省了多少？", []).operation
'diff'
>>> parse_slots("中小企业中心的三公经费占经信局的百分之几？", []).unit
'%'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chat import resolve
from .scope import topic

__all__ = ["Slots", "parse_slots", "wanted_unit", "operation_of", "expand_synonyms", "SYNONYMS"]

# Short forms users type → the words the tables and sentences use.
SYNONYMS = {
    "公车": "公务用车购置及运行维护费 公务用车",
    "三公": "三公经费合计 “三公”经费",
    "出国": "因公出国(境)费",
    "公积金": "住房公积金",
    "接待费": "公务接待费",
    "收支总额": "收支总计 总计",
    "收支总计": "收支总计 总计",
    "人员经费": "人员经费合计",
    "公用经费": "公用经费合计",
    "养老保险": "机关事业单位基本养老保险缴费",
    "绩效自评": "绩效评价得分 自评得分",
    "得分": "得分 评价得分",
    "打了多少分": "得分",
    "服务类采购": "政府采购服务支出",
    "货物类采购": "政府采购货物支出",
}


# (unit, pattern): the first rule whose pattern is in the question names the unit wanted.
_UNIT_RULES = (
    ("%", r"百分之|占比|比例|比重|执行率|完成率|增长率|增幅|降幅|%|％|几成"),
    ("亿元", r"亿元"),
    ("万元", r"万元"),
    ("元", r"(多少|几)\s*元|[(（]元[)）]|元？|少元"),
    ("分", r"多少分|几分|得分|打了多少|评分|分数"),
    ("辆", r"几辆|多少辆|车辆数|保有量"),
    ("个", r"几个|多少个"),
    ("家", r"几家|多少家"),
    ("人", r"多少人|几人"),
)
# (operation, pattern): the first rule that matches decides what to compute.
_OPERATION_RULES = (
    ("growth", r"增长率|增幅|增长了百分之|增长百分之|下降了百分之"),
    ("ratio", r"占.{0,30}(百分之|比例|比重|多少)|占比"),
    ("diff", r"相差|差多少|差额|多多少|少多少|多了多少|少了多少|省了多少|节约了多少|超支|超出多少|高出|低了多少|比.{1,40}(多|少|高|低)"),
    ("sum", r"加起来|合计是多少|一共|总共|共计|之和|总和|合计多少"),
    ("max", r"最多|最高|最大|哪类最|哪项最|哪个最|排名第一|最主要"),
    ("min", r"最少|最低|最小"),
    ("list", r"列出|各项|分别是|各类|都有哪些"),
)


@dataclass
class Slots:
    question: str
    query: str  # the question with earlier turns folded in (follow-ups)
    organisations: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    stages: tuple[str, ...] = ()
    unit: str | None = None
    operation: str = "value"
    subject: str = ""  # the question without organisation and year: what is asked about
    target: str = ""  # the part asked for: 人员经费 in "基本支出里，人员经费是多少"
    words: list[str] = field(default_factory=list)
    numeric: bool = False  # does the question (or the turn it follows) ask for a number


def wanted_unit(question: str) -> str | None:
    """The unit the answer should be in.

    >>> wanted_unit("花了多少元？"), wanted_unit("多少万元"), wanted_unit("完成了年初预算的百分之几"), wanted_unit("有几辆公车")
    ('元', '万元', '%', '辆')
    """
    for unit, pattern in _UNIT_RULES:
        if re.search(pattern, question):
            return unit
    return None


def operation_of(question: str) -> str:
    """What to compute: value, sum, diff, ratio, growth, max, min or list."""
    for operation, pattern in _OPERATION_RULES:
        if re.search(pattern, question):
            if operation == "diff" and re.search(r"(比|较|与)(上年|去年|上一年)", question):
                return "value"  # "比上年多了多少" asks for the change the document states
            if operation == "sum" and not re.search(r"和|与|及|\+|两家|两个|各", question):
                continue  # a total of one thing is a value, not a sum of several
            return operation
    return "value"


def expand_synonyms(text: str) -> str:
    """Add the document's words for the short forms found in ``text``."""
    extra = [v for k, v in SYNONYMS.items() if k in text]
    return text + (" " + " ".join(extra) if extra else "")


def parse_slots(question: str, catalog: list, history: list[dict] | None = None, tokenizer=None) -> Slots:
    """Slots of ``question`` against the corpus ``catalog`` of (organisation, year, stage)."""
    query, filters = resolve(question, history, catalog)
    subject = topic(query, filters.organisations)
    slots = Slots(
        question=question,
        query=query,
        organisations=filters.organisations,
        years=filters.years,
        stages=filters.stages,
        unit=wanted_unit(question),
        operation=operation_of(question),
        subject=subject,
    )
    if len(slots.years) >= 2:
        slots.stages = ()  # "2026年预算比2024年实际支出" compares stages too
    slots.target = target_of(subject)
    slots.numeric = bool(slots.unit or NUMERIC_CUE.search(question) or (
        query != question and NUMERIC_CUE.search(query)))
    if tokenizer is not None:
        slots.words = tokenizer.tokens(expand_synonyms(subject))
    return slots


NUMERIC_CUE = re.compile(r"多少|几|百分之|占比|比例|金额|总额|合计|最多|最高|最少|最低|哪类|哪项|列出|各项|分别|得分")


def target_of(subject: str) -> str:
    """The phrase asked for, after a container phrase (…里 / …中的 / 其中).

    >>> target_of("一般公共预算财政拨款基本支出里，人员经费是多少？")
    '人员经费是多少？'
    >>> target_of("福利费决算是多少")
    '福利费决算是多少'
    """
    parts = re.split(r"里面的|里的|里，|里,|里|中的|之中|其中", subject)
    tail = parts[-1].strip("，,、 ")
    return tail if len(re.sub(r"[是多少的？?。\s]", "", tail)) >= 2 else subject
