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

from .cells import FUNDS
from .chunk import CUT_WORD, _full_width, line_width, split_sentences
from .respectively import respectively
from .scope import level_of

__all__ = ["TextFact", "sentence_facts", "document_text_facts", "period_of", "wan", "UNITS"]

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


_SECTION_YEAR = re.compile(r"(20\d\d)\s*年")
_FUNDS = FUNDS


def period_of(section: str, sentence: str, default: tuple[int | None, str]) -> tuple[int | None, str]:
    """(year, stage) of a figure in a government report: the innermost
    section heading naming a year gives both (决算 / 执行情况 / 预算 by its
    words); a year opening the sentence overrides the year; else ``default``
    (the report's own year and stage).

    >>> period_of("三、2025 年 1-6 月预算执行情况", "全市一般公共预算收入 660 亿元", (2024, "决算"))
    (2025, '执行情况')
    >>> period_of("一、2024 年全市和市本级决算情况 > （一）一般公共预算", "…", (2024, "决算"))
    (2024, '决算')
    >>> period_of("三、2025 年财政预算安排情况", "全市一般公共预算支出安排 4460 亿元", (2025, "预算"))
    (2025, '预算')
    >>> period_of("二、预算执行效果", "2024 年全市教育支出 310.59 亿元", (2024, "决算"))
    (2024, '决算')
    >>> period_of("一、2024 年预算收支执行情况 > （一）2024 年一般公共预算收支情况", "市本级一般公共预算支出 2131.7 亿元", (2025, "预算"))
    (2024, '执行情况')
    >>> period_of("二、2024 年度落实人大审查决议情况", "2025 年预算编制中，核减资金 8.99 亿元", (2024, "决算"))
    (2025, '预算')
    """
    year, stage = default
    found_year, found_stage = None, ""
    for heading in reversed(section.split(" > ")):
        m = _SECTION_YEAR.search(heading)
        if m and found_year is None:
            found_year = int(m.group(1))
        elif m and int(m.group(1)) != found_year:
            break  # an outer heading about another year says nothing of this one's stage
        if found_year is None:
            continue
        squashed = _FUNDS.sub("", re.sub(r"\s+", "", heading))  # 一般公共预算 is a fund, not the 预算 stage
        found_stage = ("决算" if "决算" in squashed else "执行情况" if re.search(r"执行|上半年|\d+-\d+月", squashed)
                       else "预算" if re.search(r"预算|安排|草案", squashed) else "")
        if found_stage:
            break
    if found_year is not None:
        year, stage = found_year, found_stage or stage
    opening = re.match(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）.、]\s*)?(20\d\d)\s*年(?!\s*\d+\s*[-—–]\s*\d+\s*月|上半年)"
                       r"\s*(?:度\s*)?(部门|全市|市本级|市级)?\s*(预算编制|预算安排|预算|决算)?", sentence)
    if opening and int(opening.group(1)) != year:
        year = int(opening.group(1))
        if opening.group(3):  # "2025 年预算编制中，…核减资金 8.99 亿元" in a 2024 决算 report: the 2025 预算's
            stage = "决算" if opening.group(3) == "决算" else "预算"
    elif opening:
        year = int(opening.group(1))
    return year, stage


def document_text_facts(chunks, meta: dict | None = None) -> list[tuple[object, TextFact]]:
    """(chunk, fact) for the narrative chunks of a document (table rows are skipped:
    their numbers are table facts). For a government report (``meta["genre"]``
    政府预算报告 / 政府决算报告) each fact gets its own year, stage
    (:func:`period_of`) and level of government (:func:`level_of`, carried
    from sentence to sentence within a chunk)."""
    meta = meta or {}
    report = str(meta.get("genre") or "").startswith("政府")
    default = (meta.get("year"), meta.get("stage") or "")
    out = []
    level, section, thread, project, since = "", None, _Thread(), "", None
    carried, carried_chunk = "", None  # a sentence a page break cut: its head waits for its tail
    for chunk in chunks:
        if report:  # a run-in "2.市级情况：" holds until the section changes, across chunks and pages
            level = level_of(chunk.section.split(" > ")[-1]) or (level if chunk.section == section else "")
        if carried and chunk.section != section:
            out.extend(_facts_of(carried_chunk, carried, report, level, default, thread)[0])  # no tail came: as it is
            carried = ""
        if chunk.section != section:
            thread = _Thread()  # a paragraph's subject holds across lines and chunks, not into another section
        section = chunk.section
        titles = [re.sub(r"^[一二三四五六七八九十]+、", "", m.group(1))
                  for m in map(_PROJECT_TITLE.match, map(str.strip, chunk.text.split("\n"))) if m]
        if titles:
            project, since = (titles[-1] if titles[-1] != "项目" else ""), chunk.page
        elif not _PROJECT_PART.match(chunk.section) or (chunk.page or 0) - (since or 0) > 2:
            project = ""  # the project's 一、项目概述 … 七、绩效目标 are over (a description runs a page or two)
        lines = paragraphs([line for line in chunk.text.split("\n") if "\t" not in line and not _FOOTER.fullmatch(line)
                            and not _PAGE_NUMBER.fullmatch(line)])
        if carried and lines and _OPENS_HEADING.match(lines[0]):
            lines.insert(0, carried)  # "其中：" then "1、…": a list opens, no sentence was cut
        elif carried and lines:
            lines[0] = carried + lines[0]
        carried = ""
        for i, line in enumerate(lines):
            if i == len(lines) - 1:
                line = _FOOTER.sub("", line)
                cut = max(line.rfind(p) for p in "。；;！!？?")
                if line and cut < len(line) - 1 and not _OPENS_HEADING.match(line[cut + 1:]) \
                        and not _BARE_AMOUNT.fullmatch(line[cut + 1:]):
                    carried, carried_chunk, line = line[cut + 1:], chunk, line[: cut + 1]
            facts, level = _facts_of(chunk, line, report, level, default, thread)
            bare = _BARE_AMOUNT.fullmatch(line) if not facts and _PROJECT_PART.match(chunk.section) else None
            if bare:  # "六、年度预算安排" then "795万元": the figure is the heading's
                facts = [(chunk, TextFact(_PROJECT_PART.match(chunk.section).group(1), bare.group(1),
                                          Decimal(bare.group(1).replace(",", "")), bare.group(2), line.strip()))]
            for _, f in facts:
                if project and project not in f.context:
                    f.context = f"{project} {f.context}"  # "2025年度项目总预算1720.00万" is the 科技创新专项's
            out.extend(facts)
    if carried:
        out.extend(_facts_of(carried_chunk, carried, report, level, default, thread)[0])
    return out


# A project's own description (上海 部门预算: "人民调解项目经费情况说明", then 一、项目概述 … 六、年度预算安排 …)
_PROJECT_TITLE = re.compile(r"^(.{2,40}?)(?:[（(][^）)]*[）)])?经费情况说明$")
_PROJECT_PART = re.compile(r"^[一二三四五六七八]、(项目概[述况]|立项依据|实施主体|实施方案|实施周期|年度预算安排|绩效目标)")
_BARE_AMOUNT = re.compile(r"\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元)\s*。?\s*")
_ENDS_SENTENCE = ("。", "；", ";", "！", "!", "？", "?")
_OPENS_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}[、.．](?!\d))")


def paragraphs(lines: list[str]) -> list[str]:
    """Visual lines of a PDF page joined back into paragraphs: a line that runs
    to the full width without ending its sentence, or ends in a colon, goes on
    in the next one ("支出决算为1511.89万" + "元。"), unless that one opens a heading.
    Text dumps keep one paragraph per line and are left as they are.

    >>> paragraphs(["2、一般公共服务支出（类）一般行政管理事务（项）。主要用于：", "局财政业务指导与宣传等基本支出。年初预算为 10.00 万元，支出决算为10.00万",
    ...             "元。", "3、一般公共服务支出（类）信息化建设（项）。"])[:2]
    ['2、一般公共服务支出（类）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。年初预算为 10.00 万元，支出决算为10.00万元。', '3、一般公共服务支出（类）信息化建设（项）。']
    >>> paragraphs(["全市一般公共预算支出 1663.94", "亿元，增长 2.28%。"])
    ['全市一般公共预算支出 1663.94亿元，增长 2.28%。']
    >>> paragraphs(["9. 住房保障支出（类）住房改革支出（款）购房补贴（项）年", "初预算为28.77万元，支出决算为28.77万元。"])
    ['9. 住房保障支出（类）住房改革支出（款）购房补贴（项）年初预算为28.77万元，支出决算为28.77万元。']
    >>> paragraphs(["出决算为 0.39 万元，完成预算的 13.68%。2024 年度“三公”经", "费支出决算数小于预算数的主要原因：严格落实中央八项规定，",
    ...             "控制“三公”经费支出。", "2024 年度“三公”经费财政拨款支出决算数比 2023 年度减", "少 0.15 万元，下降（增长）27.78%，其中："])[-1]
    '2024 年度“三公”经费财政拨款支出决算数比 2023 年度减少 0.15 万元，下降（增长）27.78%，其中：'
    >>> paragraphs(["2024 年度本部门面向中小企业预留政府采购项目预算金额", "225.10 万元，面向小微企业预留 164.87 万元。"])
    ['2024 年度本部门面向中小企业预留政府采购项目预算金额225.10 万元，面向小微企业预留 164.87 万元。']
    """
    width = _full_width(lines)  # display width (CJK 2, digits 1) of the page's long lines, as chunk.py measures it
    out: list[str] = []
    full, previous = False, ""  # the previous visual line, and whether it ran to the full width
    for line in lines:
        stripped = line.strip()
        opens = out and (out[-1].endswith(("：", ":")) or full and not out[-1].endswith(_ENDS_SENTENCE)
                         or re.search(r"\d$", out[-1]) and re.match(r"(亿元|万元|元|%|％)", stripped)  # "支出 1663.94" + "亿元，"
                         or re.search(r"[\u4e00-\u9fff]$", out[-1]) and re.match(r"[\d,]+(\.\d+)?\s*(亿元|万元|元|%|％)", stripped)
                         or CUT_WORD.search(out[-1]) and not re.search(r"[。；;！？]", out[-1][-6:]))
        # "…购房补贴（项）年" + "初预算为28.77万元": no sentence ends in 的/为/年 …, the line break cut a word
        # "…预留政府采购项目预算金额" + "225.10 万元，…": a figure the line break cut from its subject
        if opens and stripped and not _OPENS_HEADING.match(stripped) and not _tabular(stripped) and not _tabular(previous):
            out[-1] += stripped
        else:
            out.append(stripped)
        full = width >= 40 and line_width(stripped) >= 0.85 * width
        previous = stripped
    return out


def _tabular(line: str) -> bool:
    """A table row printed as text (cells apart by spaces: "数量指标 整改面积 ≥200平方米 10"), never joined."""
    return len(re.findall(r"[\u4e00-\u9fff）)%]\s+[\u4e00-\u9fff（(≥≤=<>]", line)) >= 2


_FOOTER = re.compile(r"\s*[—\-－]\s*\d{1,3}\s*[—\-－]\s*$|\s*$")  # a page number printed as "— 1 —"
_PAGE_NUMBER = re.compile(r"\s*[—\-－]?\s*\d{1,3}\s*[—\-－]?\s*")  # a line with only a page number: "30", "- 30 -"


@dataclass
class _Thread:
    """What the prose before a sentence leaves in force: the last subject, and
    the whole a "其中" list breaks down while the list runs on (…；), across
    lines and chunks of one section."""

    subject: str = ""
    whole: str = ""


def _facts_of(chunk, line: str, report: bool, level: str, default, thread: _Thread) -> tuple[list, str]:
    """(chunk, fact) pairs of one paragraph of prose, and the level of government
    it leaves in force; ``thread`` is read and carried on."""
    out = []
    subject, whole = thread.subject, thread.whole
    listing = bool(whole)
    for sentence in split_sentences(line):
        opens = bool(_OPENS_LIST.match(sentence))
        if opens:
            whole = subject  # "X 11731.1 万元。其中：A 462.1 万元；B 675.5 万元。": A and B are parts of X
        facts = sentence_facts(sentence, subject, part_of=whole if opens or listing else "")
        if report:
            level = level_of(_CLAUSE.split(sentence, 1)[0]) or level_of(sentence[:12]) or level
            year, stage = period_of(chunk.section, sentence, default)
            for f in facts:  # the level named nearest before the figure: its clause, else its sentence so far
                if f.year is None:  # a clause dating its own figure keeps its date
                    f.year, f.stage = year, stage
                f.level = level_of(f.context, last=True) or level_of(sentence[: f.at], last=True) or level
        out.extend((chunk, f) for f in facts)
        own = _sided(_subject(_JOINED.sub(r"\1 \2", sentence)), sentence)
        runs_on = sentence.rstrip().endswith(("；", ";"))
        if runs_on and not opens and not listing and "其中" in sentence:
            whole = own if own and not _DEPENDENT.match(own) else subject  # "X 500 万元，其中：A 300 万元；B 200 万元。"
        listing = runs_on and bool(whole) and (opens or listing or "其中" in sentence)
        whole = whole if listing else ""
        subject = own if own and not _DEPENDENT.match(own) else subject
    thread.subject, thread.whole = subject, whole
    return out, level


_OPENS_LIST = re.compile(r"^\s*其中\s*[：:，,]")


def wan(value: Decimal, unit: str) -> Decimal | None:
    """``value`` in 万元 when ``unit`` is money, else None.

    >>> wan(Decimal("5600"), "元"), wan(Decimal("1.2"), "亿元"), wan(Decimal("3"), "辆")
    (Decimal('0.5600'), Decimal('12000.0'), None)
    """
    factor = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}.get(unit)
    return None if factor is None else value * factor
