"""The router: numeric, narrative, both, or out of scope — rule-based, with a
confidence and the reason, from the parsed :class:`~qa.understand.Plan`.

>>> from qa.understand import parse
>>> def r(q): return route(parse(q, [("武汉市经济和信息化局", 2024, "决算")])).kind
>>> r("经信局2024年三公经费是多少？"), r("经信局三公经费为什么增加？")
('numeric', 'narrative')
>>> r("经信局三公经费减少了多少？为什么？"), r("今天天气怎么样？")
('both', 'out_of_scope')
>>> r("经信局2024年的“机关运行经费”是什么意思？花了多少？")
'both'

"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .understand.phrases import USE_ASK, WHY
from .understand.plan import Plan

__all__ = ["Route", "route", "WHY"]

_NARRATIVE = re.compile(
    r"为什么|为何|为啥|原因|解释|职责|职能|如何|怎样|措施|是什么|什么意思|定义|含义|指什么|哪些|问题|成效|工作|组成|性质|介绍|情况|用在|用于"
)
# asking what a term means: "“单位预留机动经费”是什么意思？安排了多少？" wants the definition beside the figure
_DEFINE = re.compile(r"什么意思|是什么钱|是啥钱|是什么(费用|经费|资金|支出|收入)|指的?是?什么|是指什么|什么叫|何为|含义|定义|真(的)?(省|节约|压减)")
# asking how something was done, or what it came to: words, beside any figure
_HOW = re.compile(r"(怎么|如何|怎样)(做|开展|推进|运作|实施|操作|分配|安排|使用|规定)|什么(程度|结构|措施|办法|方式|样的)|"
                  r"(哪些|什么)(措施|举措|做法|问题|成效)")
_DOMAIN = re.compile(
    r"预算|决算|经费|支出|收入|资金|拨款|采购|三公|绩效|职责|职能|单位|部门|机构|中心|局|万元|元|公车|车辆|资产|项目|"
    r"财政|结转|结余|公积金|工资|补贴|机关|运行|招商|专项|科目|名词|公开"
)


@dataclass(frozen=True)
class Route:
    kind: str  # numeric | narrative | both | out_of_scope
    confidence: float
    reason: str


def route(plan: Plan) -> Route:
    """Where the question of ``plan`` should be answered."""
    q = plan.question
    scope = plan.scope
    why = bool(WHY.search(q))
    if not (scope.organisations or scope.years or _DOMAIN.search(plan.query)):
        return Route("out_of_scope", 0.9, "no organisation, year or budget term in the question")
    if plan.op == "narrative":
        return Route("narrative", 0.85, "a follow-up asking for an explanation")
    if plan.numeric and why:
        return Route("both", 0.85, "asks for a number (多少/占比 …) and for a reason (为什么/原因)")
    if plan.numeric and USE_ASK.search(q):
        return Route("both", 0.8, "asks for a number and what the money is for (干什么用/用途)")
    if plan.numeric and _DEFINE.search(q):
        return Route("both", 0.8, "asks for a number and what the term means (是什么意思/指什么)")
    if plan.numeric and _HOW.search(q):
        return Route("both", 0.8, "asks for a number and how something was done (怎么做/什么程度/哪些措施)")
    if plan.numeric:
        strong = plan.unit is not None or plan.op != "value" or bool(re.search(r"多少|几", q))
        return Route("numeric", 0.9 if strong else 0.7, f"asks for a number (operation {plan.op}, unit {plan.unit or 'as tabled'})")
    match = _NARRATIVE.search(q)
    if match:
        return Route("narrative", 0.85, f"asks for an explanation ({match.group(0)})")
    return Route("narrative", 0.6, "no number asked for: answered from passages")
