"""Figures stated in the narrative: 'text facts'.

Many numbers users ask about are only in sentences (绩效自评得分 92.9 分,
公务用车保有量 2 辆, 完成年初预算的 112.4%, 政府采购服务支出 2,777.43 万元).
Each number with a unit becomes a row with the clause that introduces it, so
the numeric path can find it by SQL and cite the sentence.

>>> [(f.context, f.text, f.unit) for f in sentence_facts("公务接待费全年预算为0.56万元,支出决算为0.56万元。")]
[('公务接待费全年预算为', '0.56', '万元'), ('公务接待费 支出决算为', '0.56', '万元')]
>>> [(f.context, f.value, f.unit) for f in sentence_facts("整体资金绩效评价得分 92.9 分，评价等级为优。")]
[('整体资金绩效评价得分', Decimal('92.9'), '分')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .respectively import respectively

__all__ = ["TextFact", "sentence_facts", "wan", "UNITS"]

_COUNTS = ("辆", "个", "家次", "家", "人次", "人", "台（套）", "台(套)", "台", "套", "项", "次", "件", "篇", "期", "场", "箱", "名", "户", "笔", "平方米", "亩", "份", "张", "座", "所", "处", "条")
# a count in 万 of its unit ("净增中小企业16.1万家") is that count, never 万元
UNITS = ("万元", "亿元", "元", "%", "％", "分", *(f"万{c}" for c in _COUNTS), *_COUNTS)
_NUMBER = re.compile(
    r"(?<![\d.])(?<!\d,)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(" + "|".join(map(re.escape, UNITS)) + r"|万(?=[，,。；;、）)\s]|$))"
)  # "项目总预算1170.00万，其中…": 万 alone is 万元
_CLAUSE = re.compile(r"[，,；;：:。、]")
_LEAD = re.compile(
    r"^[\s\-—·、.]*(?:\d{1,2}\s*[.、．]\s*|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)]\s*|[一二三四五六七八九十]{1,3}\s*、\s*)?"
    r"((20\d\d\s*年度?|(截至|截止|到)\s*20\d\d\s*年?.*?(日|年底|年末|底|末))\s*[，,]?\s*)?"
    r"((目前|当前|同时|此外|另外|截至目前)\s*[，,]\s*)?"  # a time or linking word opening the sentence is no subject
    r"((?<![\u4e00-\u9fff])[一二三四五六七八九十]是\s*)?"  # "二是境外发债实现新突破": an enumeration, no subject
)
# a run-in heading and an opening year: "1.全市情况：2024 年，"
_RUN_IN = re.compile(
    r"^[\s\d.、．（()）一二三四五六七八九十]*[^，。：:；;\d]{1,12}?(?:情况|方面|来看|看)\s*[：:]\s*(?:20\d\d\s*年度?\s*[，,]\s*)?"
)  # "分险种来看：" opens a list, it names no subject
_YEARISH = re.compile(r"^20\d\d$")


@dataclass
class TextFact:
    """A number stated in a sentence, with the words that introduce it."""

    context: str  # the clause before the number (with the sentence's subject when the clause lacks one)
    text: str  # the number as printed
    value: Decimal
    unit: str
    sentence: str
    year: int | None = None  # set for a government report, whose sections cover several years
    stage: str = ""
    level: str = ""  # 全市 / 市本级 / 市级 … in a government report
    at: int = 0  # where the number stands in the sentence


# an opening comparison is no subject: "与 2023 年度相比，收、支总计增加 52.16 万元" is about 收支总计
_OPENING_COMPARISON = re.compile(r"^\s*(?:与|和|同|较|比)\s*(?:20\d\d\s*年度?|上年度?|上一年度?|去年)\s*(?:的?(?:部门|单位)?(?:预算|决算)数?)?"
                                 r"\s*(?:相比|比较)?\s*[，,]\s*")
# 收、支总计: one noun phrase, not a list (the 、 is kept in the sentence, read as a space)
_JOINED = re.compile(r"(收)\s*、\s*(支)")


def _head(sentence: str) -> str:
    """The sentence's first clause, after its numbering, opening year and opening comparison.

    >>> _head("与 2023 年度相比，收 支总计增加 52.16 万元，增长 16.7%")
    '收 支总计增加 52.16 万元'
    >>> _head("与上年部门预算相比，2021 年收支总预算增加 2,780.98 万元")
    '2021 年收支总预算增加 2'

    """
    return _CLAUSE.split(_OPENING_COMPARISON.sub("", _LEAD.sub("", _RUN_IN.sub("", sentence))), 1)[0]


def _opens_parts(sentence: str) -> bool:
    """"…“三公”经费预算支出中，因公出国（境）费支出180万元": a container, each clause names its part."""
    return bool(re.search(r"(中|里|之中|其中)\s*$", _head(sentence)))


def _subject(sentence: str) -> str:
    """The sentence's leading clause up to its first measure word (为/是/数)."""
    head = re.sub(r"20\d\d\s*年度?", "", _head(sentence))  # a year inside the subject is not its figure
    head = _CODE.sub(r"（\1）", head)  # "司法（06款）": a code, not a figure
    if _opens_parts(sentence):
        return ""
    return re.split(r"全年预算|年初预算|预算数|决算数|支出决算|为|是|共计|合计|\d", head, 1)[0].strip(" 。；;，,")


def _sided(subject: str, sentence: str) -> str:
    """A fund's figure said without its side takes the one side the sentence names.

    >>> _sided("市级一般公共预算完成", "市级一般公共预算完成77.3亿元，加上上级补助等收入，收入总计646.8亿元；")
    '市级一般公共预算收入完成'
    >>> _sided("一般公共预算", "一般公共预算收入91.4亿元，支出80亿元。")
    '一般公共预算'
    """
    m = re.fullmatch(r"(.*?(?:一般公共预算|政府性基金预算?|国有资本经营预算|社会保险基金预算?))(完成|执行)?", subject)
    sides = set(re.findall(r"收入|支出", sentence)) if m else set()
    return f"{m.group(1)}{sides.pop()}{m.group(2) or ''}" if len(sides) == 1 else subject


_RELATIVE = re.compile(r"^占")

_CODE = re.compile(r"[（(]\s*\d{1,7}\s*([类款项])\s*[)）]")  # a 科目 code beside its level: （204类）
_COUNTS = ("项", "个", "次", "件", "类", "款")
# a clause dating its own figure: "2025年当年预算执行数为", "2023年度决算数" (not "比2025年预算执行数增加")
_DATED = re.compile(r"^(?:[^，,；;比较与和同]*?[，,]\s*)?(20\d\d)\s*年度?\s*(?:当年|全年)?\s*(预算执行数|执行数|决算数|实际支出|预算数|预算安排)\s*(?:为|是)?\s*$")
# a clause opening with one of these names no subject of its own: it continues the previous one
# ("1.市本级预备费。预算安排 8 亿元，支出 4.04 亿元")
_DEPENDENT = re.compile(r"^(较|比|与|其中|同比|环比|拟|(当年|本年)?预算执行数|增长|减少|下降|增加|占|主要|预算安排|预算数|安排|实际|执行|完成|支出\s*\d|决算数)")


def sentence_facts(sentence: str, carried: str = "", part_of: str = "") -> list[TextFact]:
    """Every number-with-unit of one sentence; ``carried`` is the previous
    sentence's subject, used when this one has none (较上年增加 31.9 万元).
    ``part_of`` is the whole a "其中" list breaks down, when the sentence is
    (in) that list: each item is its own, under the whole ("三公经费 公务接待费").

    >>> [(f.context, f.text) for f in sentence_facts("公务接待费 675.5 万元，较预算减少 51.8%，公务用车运行维护费 105 万元。",
    ...                                               part_of="三公经费")]
    [('三公经费 公务接待费', '675.5'), ('三公经费 公务接待费 较预算减少', '51.8'), ('三公经费 公务用车运行维护费', '105')]

    >>> [(f.context, f.text) for f in sentence_facts("成本指标 修缮项目成本控制有效性 有效 20 数量指标 整改面积 ≥200平方米 10")]
    [('整改面积 ≥', '200')]
    >>> [(f.context, f.text, f.unit) for f in sentence_facts("列明公务接待 2 批次、26 人次，其中：接待外宾 0 批次、0 人次。")]
    [('列明公务接待', '26', '人次'), ('列明公务接待 接待外宾', '0', '人次')]
    >>> [(f.context, f.text, f.unit) for f in sentence_facts("2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万。")]
    [('项目总预算', '1170.00', '万元'), ('项目总预算 支持企业规模化发展', '870.00', '万元')]
    >>> [(f.context, f.text, f.unit) for f in sentence_facts("2024年共接待国内来访团组 43 个,609 人次(不包括陪同人员)。")]
    [('共接待国内来访团组', '43', '个'), ('共接待国内来访团组', '609', '人次')]
    >>> [(f.context, f.text) for f in sentence_facts("分险种来看：职工基本医疗保险基金收入 208.73 亿元，支出 142.01 亿元，滚存结余 479.76 亿元；")]
    [('职工基本医疗保险基金收入', '208.73'), ('职工基本医疗保险基金 支出', '142.01'), ('职工基本医疗保险基金 滚存结余', '479.76')]
    >>> [(f.context, f.text) for f in sentence_facts("一般公共预算收入 91.4 亿元，增长 5%，支出 80 亿元。")]
    [('一般公共预算收入', '91.4'), ('一般公共预算收入 增长', '5'), ('一般公共预算 支出', '80')]
    >>> [(f.context, f.text) for f in sentence_facts("支出完成666.6亿元，为调整预算的87.2%。", carried="全市一般公共预算收入完成")]
    [('全市一般公共预算 支出完成', '666.6'), ('全市一般公共预算 支出完成 为调整预算的', '87.2')]
    >>> [(f.context, f.text) for f in sentence_facts("市级一般公共预算完成77.3亿元，同比增长2%，加上上级补助等收入，收入总计646.8亿元；")][:2]
    [('市级一般公共预算收入完成', '77.3'), ('市级一般公共预算收入完成 同比增长', '2')]
    >>> [(f.context, f.text) for f in sentence_facts("与 2023 年度相比，收、支总计增加 52.16 万元，增长 16.7%。")]
    [('收 支总计增加', '52.16'), ('收 支总计增加 增长', '16.7')]
    >>> [(f.text, f.year, f.stage) for f in sentence_facts("信息化建设（13项）227.88万元。2025年当年预算执行数为60.41万元，"
    ...                                                     "2026年预算安排227.88万元，比2025年预算执行数增加277.22%。")]
    [('227.88', None, ''), ('60.41', 2025, '执行情况'), ('227.88', 2026, '预算'), ('277.22', None, '')]
    """
    facts = []
    original, sentence = sentence, _JOINED.sub(r"\1 \2", sentence)
    said = _subject(sentence)
    subject = _sided(said, sentence)
    borrowed = bool(carried and (not subject or _DEPENDENT.match(subject)) and not _opens_parts(sentence))
    if borrowed:
        subject = carried
    # "X收入完成404.3亿元…；支出完成666.6亿元": the other side of X, the subject said once for both
    stem = re.match(r"(.{2,}?)(收入|支出)(完成|执行)?$", carried) if re.fullmatch(r"(收入|支出)(完成|执行)?", subject) else None
    lead = f"{stem.group(1)} " if stem and stem.group(2) != subject[:2] else ""
    previous_end = 0
    measured = ""  # the clause before the previous number: what a 占/较 clause is about
    for m in _NUMBER.finditer(sentence):
        number, unit = m.group(1), m.group(2).replace("％", "%").replace("(套)", "（套）")
        unit = "万元" if unit == "万" else unit
        if _YEARISH.match(number) and unit in ("年",):
            continue
        if unit in _COUNTS and re.search(r"[（(]\s*$", sentence[: m.start()]) and re.match(r"\s*[)）]", sentence[m.end():]):
            continue  # "信息化建设（13项）": a 科目 code, not a count
        start = max([x.end() for x in _CLAUSE.finditer(sentence, 0, m.start())] + [previous_end])
        previous_end = m.end()
        dated = _DATED.match(sentence[start : m.start()].strip())
        clause = _LEAD.sub("", sentence[start : m.start()]).strip()
        if _tabular(clause):
            clause = " ".join(clause.split()[-2:])  # a table row printed as text: the cells just before the figure
        if not clause and start > 0 and (sentence[start - 1] == "、" or sentence[start - 1] in ",，" and re.search(
                r"\d\s*[个批次项家]\s*$", sentence[:start - 1])):  # "接待团组 43 个,609 人次": one list of counts
            # "接待 2 批次、26 人次": a list of counts shares the words before its first figure
            before = sentence[max([x.end() for x in _CLAUSE.finditer(sentence, 0, start - 1)] + [0]): start - 1]
            clause = _LEAD.sub("", re.sub(r"\s*\d[\d.,]*\s*[\u4e00-\u9fff]{0,2}$", "", before)).strip()
        if not clause:
            continue
        own = (subject and subject in _CODE.sub(r"（\1）", clause)) or (start == 0 and not borrowed)
        clause = re.sub(r"^其中\s*[：:]?\s*(?=.)", "", clause)  # "其中支持…870万": the part is named after 其中
        if part_of:  # an item of a "其中" list: a clause names the item, a dependent one (较预算减少) its change
            dependent = bool(_DEPENDENT.match(clause) or _RELATIVE.match(clause))
            context = f"{measured} {clause}".strip() if dependent else clause
            context = context if part_of in context else f"{part_of} {context}"
        elif _RELATIVE.match(clause) and measured:
            context = f"{measured} {clause}"  # 占…的 92.8% is a share of what came just before
        elif not own and _PARALLEL.fullmatch(clause) and re.search(r"..(收入|支出)$", subject):
            # "X基金收入 42.11 亿元，支出 32.34 亿元，滚存结余 63.34 亿元": X基金's 支出 and 结余, not its 收入's
            context = f"{subject[:-2]} {clause}"
        else:
            context = clause if own else f"{subject} {clause}".strip()
        context = lead + context if lead and not context.startswith(lead.strip()) else context
        if subject != said and said and context.startswith(said):
            context = subject + context[len(said):]  # the side the sentence names (…一般公共预算收入完成)
        # what a later 占/较 clause is about: the last figure that was a level, not a rate ("增长8.6%，占…的67.5%")
        measured = clause if not (_RELATIVE.match(clause) or part_of and _DEPENDENT.match(clause) or unit in ("%", "％")) \
            else measured
        try:
            value = Decimal(number.replace(",", ""))
        except InvalidOperation:
            continue
        named = _NAMED_AFTER.match(sentence, m.end())
        if named and not _NOT_A_NOUN.match(named.group(1)) and named.group(1) not in context:
            context = f"{context} {named.group(1)}"  # "发行 70 亿元离岸人民币地方政府债券": what the figure is of
        fact = TextFact(context, number, value, unit, original.strip(), at=m.start())
        if dated:  # "2025年当年预算执行数为60.41万元" in the 2026 预算: the figure of 2025, as executed
            word = dated.group(2)
            fact.year = int(dated.group(1))
            fact.stage = "执行情况" if "执行" in word else "决算" if "决算" in word or "实际" in word else "预算"
        facts.append(fact)
    if "分别" in sentence:  # "A、B分别增长 x、y": each figure its own item's
        paired = respectively(sentence, [(m.start(), m.end()) for m in _NUMBER.finditer(sentence)])
        for fact in facts:
            fact.context = paired.get(fact.at, fact.context)
    return facts


# the noun a figure is followed by, to the end of its clause ("发行 70 亿元离岸人民币地方政府债券")
_NAMED_AFTER = re.compile(r"\s*([\u4e00-\u9fff“”]{2,14})(?=[，,。；;、]|$)")
# words that continue the clause rather than name the figure (70 亿元主要用于…, 5 亿元以上, 3 个百分点)
_NOT_A_NOUN = re.compile(r"(主要|用于|其中|比|较|同比|环比|增长|下降|增加|减少|占|是|为|左右|以上|以下|以内|多|余|的|和|及|与|等|次|用|到|至|后|前|内|中|"
                         r"按|分|共|合计|全部|全年|均|百分点|万|亿|元|人次|已|将|并|已经|同期|完成|达|实现|预算|决算|执行|支出$|收入$)")


# a measure standing beside the subject's own (收入 … ，支出 … ，滚存结余 …): the subject's, not the first measure's
_PARALLEL = re.compile(r"(本年|当年)?(总)?(收入|支出)(合计|总计)?|(年末|年初|当年|本年)?(累计)?(滚存)?(结余|结转)|(年末)?余额")


def _tabular(line: str) -> bool:
    """A table row printed as text (cells apart by spaces: "数量指标 整改面积 ≥200平方米 10"), never joined."""
    return len(re.findall(r"[\u4e00-\u9fff）)%]\s+[\u4e00-\u9fff（(≥≤=<>]", line)) >= 2


def wan(value: Decimal, unit: str) -> Decimal | None:
    """``value`` in 万元 when ``unit`` is money, else None.

    >>> wan(Decimal("5600"), "元"), wan(Decimal("1.2"), "亿元"), wan(Decimal("3"), "辆")
    (Decimal('0.5600'), Decimal('12000.0'), None)
    """
    factor = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}.get(unit)
    return None if factor is None else value * factor
