"""Figures a question quotes ("比上年多了两千六百多万，原因是什么？", "降了45.44%，为什么？").

A reason is asked about a change the question states; the passage that states the same figure
is the one about that change, whatever else shares its words. Each quoted figure becomes a
range of values in 万元 (or %): exact to its printed digits, or up to the next step of its last
digit when it is said with 多 ("两千六百多万": 2600 to 2700 万元). Chinese numerals are read
with :mod:`cn2an` (through :func:`qa.understand.normalize.chinese_number`).

>>> quoted_figures("住房保障支出比上年多了两千六百多万，原因是什么？")
((Decimal('2600'), Decimal('2700'), '万元'),)
>>> quoted_figures("项目支出预算为什么比上年少了1237.7万元？"), quoted_figures("降了45.44%，为什么？")
(((Decimal('1237.65'), Decimal('1237.75'), '万元'),), ((Decimal('45.435'), Decimal('45.445'), '%'),))
>>> states("与上年相比增加2,627.95万元，增长12.3%。", quoted_figures("多了两千六百多万")[0])
True
>>> states("比上年增加481.1万元。", quoted_figures("多了两千六百多万")[0]), quoted_figures("2024年三公经费是多少")
(False, ())
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..textfacts import wan
from .normalize import chinese_number

__all__ = ["quoted_figures", "states", "stated_values"]

Figure = tuple[Decimal, Decimal, str]  # (low, high, unit): a quoted figure's range, in 万元 or %

_MONEY = {"万": "万元", "亿": "亿元"}  # "两千六百多万": 万元
_ARABIC = re.compile(r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(多|余)?\s*(万元|亿元|元|万|亿|%)")
_CHINESE = re.compile(r"([零〇一二两三四五六七八九十百千]+(?:万[零〇一二两三四五六七八九十百千]*)?)(多|余)?(万元|亿元|元|万|亿)")


def _range(value: Decimal, rough: bool, unit: str) -> Figure:
    factor = wan(Decimal(1), _MONEY.get(unit, unit)) or Decimal(1)  # 万元 (or % as it stands)
    if rough:  # "两千六百多万": from the figure to the next step of its last non-zero digit
        digits = value.normalize().as_tuple()
        step = Decimal(1).scaleb(digits.exponent)
        low, high = value, value + step
    else:  # as printed: half of its last digit either way
        half = Decimal(5).scaleb(value.as_tuple().exponent - 1)
        low, high = value - half, value + half
    return low * factor, high * factor, "%" if unit == "%" else "万元"


def quoted_figures(question: str) -> tuple[Figure, ...]:
    """The figures of money or percent the question states (not the ones it asks for)."""
    out: list[Figure] = []
    for m in _ARABIC.finditer(question):
        try:
            out.append(_range(Decimal(m.group(1).replace(",", "")), bool(m.group(2)), m.group(3)))
        except InvalidOperation:
            continue
    for m in _CHINESE.finditer(question):
        digits = chinese_number(m.group(1))
        if digits.isdigit():
            out.append(_range(Decimal(digits), bool(m.group(2)) or m.group(1).endswith(("十", "百", "千")), m.group(3)))
    return tuple(out)


def states(text: str, figure: Figure) -> bool:
    """Does ``text`` state a figure within ``figure``'s range (in the same kind of unit)?"""
    return bool(stated_values(text, figure))


def stated_values(text: str, figure: Figure) -> set[Decimal]:
    """The figures ``text`` states within ``figure``'s range (in 万元 or %)."""
    low, high, unit = figure
    found = set()
    for m in _ARABIC.finditer(text):
        if (m.group(3) == "%") != (unit == "%"):
            continue
        try:
            value = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            continue
        value = value if unit == "%" else wan(value, _MONEY.get(m.group(3), m.group(3)))
        if low <= value <= high:
            found.add(value)
    return found
