"""Questions that ask two things at once ("多了多少万元？增幅多少？",
"收入完成多少？同比增长多少？"): :func:`split_asks` cuts them into the
first ask (with the words that set the scene) and the second, which reads
as a follow-up of the first. The answer gives both; its single ``value`` is
the first ask's.

>>> split_asks("西南大学2024年决算的财政拨款收入比2023年多了多少万元？增幅大概多少？")
['西南大学2024年决算的财政拨款收入比2023年多了多少万元？', '增幅大概多少？']
>>> split_asks("长沙市2024年全市地方一般公共预算收入是多少？同比增长多少？")
['长沙市2024年全市地方一般公共预算收入是多少？', '同比增长多少？']
>>> split_asks("经信局2024年三公经费是多少？")
['经信局2024年三公经费是多少？']
>>> split_asks("那这一项的年初预算是多少？执行率呢？只要执行率。")
['那这一项的年初预算是多少？执行率呢？只要执行率。']
"""

from __future__ import annotations

import re

__all__ = ["split_asks"]

_ASK = re.compile(r"多少|几|百分之|比例|比重|增幅|降幅|增长率|执行率|完成率")
# the second ask is a rate or a change of the first figure
_SECOND = re.compile(r"^(那么?|其中|它|同比|比|较|增幅|降幅|增长|下降|占|执行率|完成率|比例|比重|是.{0,6}的几倍)")


def split_asks(question: str) -> list[str]:
    """[question] or [first ask, second ask] (see the module docstring)."""
    if re.search(r"只要|只问|仅需", question):
        return [question]  # the user said which one they want
    parts = [p for p in re.split(r"(?<=[？?])", question) if p.strip()]
    if len(parts) != 2:
        parts = [p for p in re.split(r"(?<=[，,；;])(?=同比|比上年|较上年|增幅|降幅|占)", question) if p.strip()]
    if len(parts) != 2 or not all(_ASK.search(p) for p in parts):
        return [question]
    first, second = parts[0].strip(), parts[1].strip()
    if not _SECOND.match(second) or re.search(r"各|分别", first):
        return [question]
    return [first, second]
