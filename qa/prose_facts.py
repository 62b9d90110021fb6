"""A document's prose read for figures (:func:`document_text_facts`): a PDF's visual lines joined
back into paragraphs (:func:`paragraphs`), a sentence a page break cut joined to its tail, a "其中"
list kept across sentences, and — in a government report — each figure's own year, stage
(:func:`period_of`) and level of government. Each sentence is read by :func:`qa.textfacts.sentence_facts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .cells import FUNDS
from .chunk import CUT_WORD, _full_width, line_width, split_sentences
from .scope import level_of
from .textfacts import _CLAUSE, _DEPENDENT, _JOINED, TextFact, _sided, _subject, _tabular, sentence_facts

__all__ = ["document_text_facts", "paragraphs", "period_of"]


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
