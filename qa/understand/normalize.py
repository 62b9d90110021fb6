"""Normalise a question before anything reads it.

One pass, applied once, so every later stage sees the same text:

- Unicode NFKC: full-width digits, letters and punctuation become ASCII
  (２０２６ → 2026, ％ → %, （） → ()), except that Chinese sentence punctuation
  the parsers key on (，。？：；“”) is kept as typed;
- Chinese numerals in years (二〇二六年, 二零二五年度), in amounts with a unit
  (两千万元, 三点五亿元) and in percentages (百分之十二点五) become Arabic digits,
  with :mod:`cn2an` (a library, not home-made rules); numerals inside terms
  (三公经费, 前三项, 第一季度) are left alone;
- two-digit years (26年, 24年度) become 2026, 2024 when they stand alone;
- spoken fillers that carry no meaning (请问, 帮我查一下, 麻烦, 大概, 左右 …)
  are dropped; the question mark is kept.

>>> normalize("中小企业中心２０２６年住房公积金是多少？")
'中小企业中心2026年住房公积金是多少？'
>>> normalize("请问一下，经信局二〇二四年度三公经费大概是多少")
'经信局2024年度三公经费是多少'
>>> normalize("二零二五年的预算有两千万元吗"), normalize("26年的差旅费")
('2025年的预算有20000000元吗', '2026年的差旅费')
>>> normalize("占百分之十二点五"), normalize("前三项是什么"), normalize("1.6亿多")
('占12.5%', '前三项是什么', '1.6亿')
"""

from __future__ import annotations

import re
import unicodedata
import warnings

__all__ = ["normalize", "chinese_number"]

# Punctuation that NFKC would turn into ASCII but that the parsers read as typed.
_KEEP = {"，": "，", "。": "。", "？": "？", "：": "：", "；": "；", "！": "！", "、": "、"}
_DIGIT = "〇零一二三四五六七八九"
_YEAR = re.compile(rf"(?<![\d{_DIGIT}十百千万])([{_DIGIT}]{{4}})(?=年)")
_AMOUNT = re.compile(r"(?<![\u4e00-\u9fff\d])([零〇一二两三四五六七八九十百千万亿点]{2,})(?=(万元|亿元|元|万|亿))")
_AMOUNT_AFTER = re.compile(r"(?<=[有为是达约近超过])([零〇一二两三四五六七八九十百千万亿点]{2,})(?=(万元|亿元|元))")
_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+)")
_SHORT_YEAR = re.compile(r"(?<![\d.])([12]\d)(?=年(?!代|来|内|前|后|间|以))")
_FILLERS = re.compile(
    r"^(请问一下|请问|麻烦问一下|麻烦你?|帮我查一下|帮我查查|帮忙查一下|帮我看看|我想知道|我想问一下|我想问|想问一下|想问|问一下|你好|您好)[，,\s]*"
    r"|(?<=[\u4e00-\u9fff])(的?那一?(个|项|笔|家|张))(?=[)）])"  # "（学校本级那个）": a pointer, not a name
    r"|(大概|大约|大致)(?=是|有|为|花|多少)|(左右|上下)(?=[？?]?$)|(?<=\d亿)多(?!少)|(?<=\d万)多(?!少)|(?<=[？?])[呀啊]$"
)


def chinese_number(text: str) -> str:
    """Arabic digits for a Chinese numeral (``cn2an``), or ``text`` unchanged.

    >>> chinese_number("二〇二六"), chinese_number("两千万"), chinese_number("十二点五"), chinese_number("三公")
    ('2026', '20000000', '12.5', '三公')
    """
    import cn2an

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if re.fullmatch(f"[{_DIGIT}]+", text):
                return "".join(str(max(_DIGIT.index(c) - 1, 0)) for c in text)
            value = cn2an.cn2an(text, "smart")
        except (ValueError, KeyError, IndexError):
            return text
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _nfkc(text: str) -> str:
    return "".join(_KEEP.get(ch) or unicodedata.normalize("NFKC", ch) for ch in text)


def normalize(question: str) -> str:
    """The question in the form every parser reads (see the module docstring)."""
    text = _nfkc(question)
    text = _YEAR.sub(lambda m: chinese_number(m.group(1)), text)
    text = _PERCENT.sub(lambda m: chinese_number(m.group(1)) + "%", text)
    text = _AMOUNT.sub(lambda m: chinese_number(m.group(1)), text)
    text = _AMOUNT_AFTER.sub(lambda m: chinese_number(m.group(1)), text)
    text = _SHORT_YEAR.sub(lambda m: "20" + m.group(1), text)
    text = _FILLERS.sub("", text)
    return text.strip()
