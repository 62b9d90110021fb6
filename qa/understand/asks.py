"""Questions that ask two things at once ("多了多少万元？增幅多少？",
"收入完成多少？同比增长多少？", "那2025年呢？为啥变了？"): :func:`split_asks`
cuts them into the first ask (with the words that set the scene) and the
second — a change, a share, a reason or another figure about the first —
which reads as a follow-up of the first. The answer gives both; its single ``value`` is
the first ask's, unless the first only sets the scene ("那2019年呢？比2018年多了多少？": the
second's).

>>> split_asks("西南大学2024年决算的财政拨款收入比2023年多了多少万元？增幅大概多少？")
['西南大学2024年决算的财政拨款收入比2023年多了多少万元？', '增幅大概多少？']
>>> split_asks("长沙市2024年全市地方一般公共预算收入是多少？同比增长多少？")
['长沙市2024年全市地方一般公共预算收入是多少？', '同比增长多少？']
>>> split_asks("经信局2024年三公经费是多少？")
['经信局2024年三公经费是多少？']
>>> split_asks("那这一项的年初预算是多少？执行率呢？只要执行率。")
['那这一项的年初预算是多少？执行率呢？只要执行率。']
>>> split_asks("那２０２５年呢？为啥变了？"), split_asks("其中因公出国（境）费呢？出去了几个团组？")
(['那２０２５年呢？', '为啥变了？'], ['其中因公出国（境）费呢？', '出去了几个团组？'])
>>> split_asks("为什么涨了？"), split_asks("其中税收有多少？占比呢？")
(['为什么涨了？'], ['其中税收有多少？', '占比呢？'])
"""

from __future__ import annotations

import re

from .phrases import wanted_unit

__all__ = ["split_asks", "wanted_kinds", "names_ask"]

_ASK = re.compile(r"多少|几|百分之|比例|比重|占比|增幅|降幅|增长率|执行率|完成率|有(什么|何)?变化|变化吗|有没有变化|是否(有)?变化|持平吗")
# the second ask is a rate or a change of the first figure
_SECOND = re.compile(r"^(那么?|其中|它|同比|比|较|和|与|跟|增幅|降幅|增长|下降|占|执行率|完成率|比例|比重|是.{0,6}的几倍)")


_WHY = re.compile(r"为什么|为啥|为何|什么原因|原因是|怎么(会|回事)?|咋")


def names_ask(question: str) -> bool:
    """Whether the text asks for a figure in words of its own ("多少", "占比"…), not only "那2019年呢".

    >>> names_ask("那2019年呢？"), names_ask("比2018年多了多少？")
    (False, True)
    """
    return bool(_ASK.search(question))


def split_asks(question: str) -> list[str]:
    """[question] or [first ask, second ask] (see the module docstring)."""
    if re.search(r"只要|只问|仅需", question):
        return [question]  # the user said which one they want
    parts = [p for p in re.split(r"(?<=[？?])", question) if p.strip()]
    if len(parts) != 2:
        parts = [p for p in re.split(r"(?<=[，,；;])(?=同比|比上年|较上年|增幅|降幅|占)", question) if p.strip()]
    if len(parts) != 2:
        return [question]
    first, second = parts[0].strip(), parts[1].strip()
    elliptic = bool(re.search(r"呢[？?]$", first))  # "那2025年呢？": a follow-up asking the same figure
    if not (_ASK.search(first) or elliptic) or re.search(r"各|分别", first):
        return [question]  # the first part asks for no one figure
    if re.search(r"差额|相差|差多少|合计|一共|加起来|总共|共计|之和|分别", second):
        return [question]  # the second ask computes over the first's figures: one question
    if _WHY.search(second) or _ASK.search(second) and (_SECOND.match(second) or _ASK.search(first) or elliptic):
        return [first, second]  # a figure, then its reason, its change, or another figure about it
    return [question]


_NUMBER_ASK = re.compile(r"多少|几|百分之|比例|比重|占比|增幅|降幅|增长率|执行率|完成率")
_NAME_ASK = re.compile(r"哪(个|一|些|几|家|项|类|款|块|位|方面|部分)|谁")
_RATE = re.compile(r"百分点|百分之|比例|比重|占比|增幅|降幅|增长率|执行率|完成率|几成|%|占[^，,。？?]{0,24}?(多少|几)")
_COUNTED = {"辆": r"几辆|多少辆", "人次": r"多少人次|几人次", "人": r"多少人|几人|几名|多少名|(?:多少|几)个人",
            "个": r"(?<!哪)(?:几|多少)(?:个(?!百分点)|项(?!目(?:资金|经费|预算|支出|金额))|类|款)(?![亿万人])", "家次": r"(?:几|多少)家次", "家": r"(?<!哪)(?:几|多少)家(?!次)", "分": r"多少分|几分|得分"}
# "几个项里，哪个最多": the set asked over, not a count asked for
_SET_OVER = re.compile(r"(?<=[的这那])(?:几|多少)(?:个|项|类|款|家)[^，,。？?]{0,8}|"
                       r"(?:几|多少)(?:个|项|类|款|家)[^，,。？?]{0,8}?(?:里|中|之中|当中)")


def wanted_kinds(question: str) -> tuple[str, ...]:
    """The kinds of number the question's asks request, one per asking clause:
    "%", "倍", a counted unit (辆, 人, 个 …), "money" (多少钱/万元/金额), "amount"
    (a difference: 多/少/差多少, never a rate) — or () when some ask is a bare
    多少 that any kind may answer. Clauses that ask for a name (哪个最多, 谁) ask
    for no number.

    >>> wanted_kinds("有几个项级科目？哪个金额最大？"), wanted_kinds("分哪几块？一般性转移支付占了百分之几？")
    (('个',), ('%',))
    >>> wanted_kinds("决算比年初预算少了多少？"), wanted_kinds("三公经费是多少？"), wanted_kinds("是职业年金的几倍？")
    (('amount',), (), ('倍',))
    >>> wanted_kinds("司法（款）下面几个项里，哪个预算最多？"), wanted_kinds("一共接待了多少人次？")
    ((), ('人次',))
    >>> wanted_kinds("卫生健康支出下的几个项，哪个花得最多？"), wanted_kinds("下面有几个项级科目？")
    ((), ('个',))
    """
    kinds: list[str] = []
    for clause in re.split(r"[，,；;。？?！!]", question):
        clause = _SET_OVER.sub("", clause)
        if not _NUMBER_ASK.search(clause):
            continue
        if _NAME_ASK.search(clause) and not re.search(r"多少|百分之|(?<!哪)几(?!块|项|个|类|款|家)", clause):
            continue  # "哪几块", "哪个最多": a name
        if re.search(r"几倍|多少倍", clause):
            kind = "倍"
        elif _RATE.search(clause):
            kind = "%"
        elif next((u for u, pattern in _COUNTED.items() if re.search(pattern, clause)), None):
            kind = next(u for u, pattern in _COUNTED.items() if re.search(pattern, clause))
        elif (wan := wanted_unit(clause)) and wan.startswith("万") and wan != "万元":
            kind = wan  # "多少万家": a count in 万 of its unit, not money
        elif re.search(r"多少钱|多少(万|亿)?元|金额|几(万|亿)|多少(万|亿)", clause):
            kind = "money"
        elif re.search(r"(多|少|差|高|低|增加|减少|节约|节省|超支|超出)了?(多少|几)", clause):
            kind = "amount"
        else:
            return ()  # a bare 多少: any kind of figure may answer
        kinds.append(kind)
    return tuple(dict.fromkeys(kinds))
