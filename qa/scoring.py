"""Scoring a candidate cell against the question (:func:`score`) and ranking
them (:func:`rank`): higher is better, ``-inf`` means the cell cannot answer.

The points come from rules about how disclosures name things, each with its
reason next to it: the item's name in the row label or the sentence (a Chinese
noun phrase ends in its head), the column asked (基本支出, 年初预算 …), the
side (收入 / 支出), the table a name stands for (一般公共预算支出 → its 合计),
a row inside a named row ("X中的Y"), terms that define a narrower figure
(三公, 会议费 …), and the stage of the document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .cells import ASKS_CHANGE, CHANGE, asks_change as _asks_change, MONEY, TOTAL_ROW, Cell, common_run, norm, same_unit, table_subject
from .containers import Container, container_of, container_points
from .slots import Slots, expand_synonyms

__all__ = ["score", "rank", "container_of", "Container", "MIN_SCORE"]

MIN_SCORE = 2.5  # the least score of a cell that may answer

_CHANGE, _ASKS_CHANGE, _TOTAL_ROW = CHANGE, ASKS_CHANGE, TOTAL_ROW


def _unit_ok(cell: Cell, unit: str | None) -> bool:
    if unit in (None, *MONEY):
        return cell.unit in MONEY  # no unit named: an amount of money, never a count or a rate
    return same_unit(cell.unit, unit)


# Verbs of a year's purchases and disposals: "安排购置车辆1辆" counts a flow, not the vehicles held
_FLOW = re.compile(r"购置|购买|更新|报废|处置|安排|新增|买")

_KEY_TERMS = ("基本支出", "项目支出", "人员经费", "公用经费", "三公", "机关运行经费", "政府采购", "年初预算")


# Terms that define a narrower figure: a row named by one answers only a question naming it.
_NARROWING = ("三公", "政府采购", "机关运行经费", "会议费", "培训费", "提前")  # 提前安排/下达: an advance part
_THREE_PUBLIC_ITEMS = ("因公出国", "公务用车", "公务接待")


def _column_points(cell: Cell, target: str, core: str, total_row: bool) -> float:
    """The asked term is a column (基本支出, 人员经费 …): the total row answers, a
    class row does not; 支出 questions are not answered from the 收入 side; a
    三公 item is the department's figure in the 三公 table."""
    if cell.source != "table":
        return 0.0
    row = cell.row or {}
    points = 0.0
    measure = norm(row.get("measure") or "")
    if len(measure) >= 3 and measure in target and core not in target and measure not in ("决算数", "预算数"):
        points += 3 if total_row else -2
    side = (row.get("side") or "") + (row.get("column_label") or "")
    if "支出" in target and "收入" not in target and "收入" in side and "支出" not in side:
        points -= 4  # a 支出 question is never answered from the 收入 side
    if "收入" in target and "支出" not in target and "支出" in side and "收入" not in side:
        points -= 4
    if cell.table_kind == "income" and "收入" not in target:
        points -= 1  # a 科目 row is asked about as spending unless 收入 is named
    if (cell.table_kind == "three_public" or "三公" in (row.get("column_label") or "") + cell.table) \
            and any(i in core for i in _THREE_PUBLIC_ITEMS + ("三公", "会议费", "培训费")):
        points += 1.5
    return points


def _measure_points(cell: Cell, q: str) -> float:
    basis = (cell.row or {}).get("basis") if cell.source == "table" else ""
    d = basis if basis else cell.descriptor + " " + cell.basis
    points = 0.0
    if "年初预算" in q:
        points += 2 if "年初预算" in d else -1.5
    elif "全年预算" in q and re.search(r"调整(后)?预算|全年预算", d) and "年初" not in d:
        points += 2  # 全年预算 is the budget as adjusted (调整预算), not the 年初 one
    elif "全年预算" in q and "年初" in d:
        points -= 1.5
    elif "全年预算" in q or re.search(r"预算数|预算安排|预算是|的预算|预算(多少|为)", q) and cell.stage == "决算":
        points += 1.5 if re.search(r"预算", cell.basis) else -1.5
    elif re.search(r"决算|实际|花了|执行|支出了", q):
        points += 1 if re.search(r"决算|执行|实际", d) or (cell.stage == "决算" and "预算" not in d) else -1.5
    elif basis and cell.stage and cell.table_kind == "three_public":
        points += 0.5 if basis.startswith(cell.stage) else 0  # no stage named: the 三公 half of the document's stage
    elif cell.stage == "决算" and re.search(r"预算", d) and not re.search(r"决算|执行|完成|实际", d):
        points -= 1.5  # a 决算 document asked plainly: its actual figure, not the budget it compares with
    return points


@lru_cache(maxsize=256)
def _question_forms(subject: str, target: str) -> tuple[str, str, str]:
    """The subject with synonyms, the target as typed, the target with synonyms (normalised)."""
    return norm(expand_synonyms(subject)), norm(target), norm(expand_synonyms(target))


_INDEX_COLUMN = re.compile(r"(^|/)(序号|编号|行次|栏次|项次)$")
_PERFORMANCE = ("performance_targets", "performance_self_eval")
_ASKS_PERFORMANCE = re.compile(r"绩效|得分|评分|分数|指标|目标|自评")


_MEASURE_LABEL = re.compile(r"(本年|上年)?(预算数|决算数|年初预算数?|全年预算数?|调整预算数?|执行数)")


def _qualifiers(title: str, question: str) -> list[str]:
    """The short bracketed words that narrow a project the question names to one of its units
    ("房屋修缮项目（小学）" when 房屋修缮 is asked); none when the question names no project of the title.

    >>> t = "236-中央高校改善基本办学条件专项-房屋修缮项目（小学）项目绩效目标表"
    >>> _qualifiers(t, "房屋修缮的年度资金"), _qualifiers(t, "哪个项目上年结转最多"), _qualifiers("236出国留学经费（项目）项目绩效目标表", "出国留学经费")
    (['小学'], [], [])
    """
    found = re.search(r"([\u4e00-\u9fff]{2,}?)(?:项目|专项)?[（(]([\u4e00-\u9fff]{1,4})[)）]", title or "")
    if not found or found.group(1)[-4:] not in question or re.fullmatch(r"项目|专项|汇总|本级|[类款项]|境", found.group(2)):
        return []
    return [found.group(2)]


def score(cell: Cell, slots: Slots, words: list[str], container: "Container | None" = None) -> float:
    """How well ``cell`` answers the question (higher is better; -inf: it cannot).
    ``container`` is what the candidates say of the X in "X中的Y" (:meth:`Container.of`)."""
    if slots.operation in ("ratio", "growth"):
        if cell.unit not in MONEY + ("%",):
            return float("-inf")
    elif not _unit_ok(cell, slots.unit):
        return float("-inf")
    row = cell.row or {}
    if cell.source == "table" and _INDEX_COLUMN.search(row.get("column_label") or ""):
        return float("-inf")  # 序号 / 行次 / 栏次: positions, not amounts
    project = norm(slots.item.rsplit("的", 1)[0]) if "的" in slots.item else ""  # "设备资料购置项目（小学）的年度资金总额"
    if cell.table_kind in _PERFORMANCE and not _ASKS_PERFORMANCE.search(slots.question) and not any(
            len(name) >= 4 and name in norm(cell.table + (row.get("column_label") or "") + cell.cite)
            for name in [norm(slots.item)] + [norm(q) for q in re.findall(r"“([^”]{4,})”", slots.question)]) and not (
            len(project) >= 6 and "项目" in project and project in norm(cell.table)):
        return float("-inf")  # a project's targets and scores answer only questions about performance or that project
    if cell.table_kind in _PERFORMANCE and any(q not in slots.question for q in _qualifiers(cell.table, slots.question)):
        return float("-inf")  # "房屋修缮项目（小学）" is the 附属小学's project, not the one asked without 小学
    q, raw_target, target = _question_forms(slots.subject, slots.target or slots.subject)
    label = norm(cell.label)
    if cell.source == "table" and (_MEASURE_LABEL.fullmatch(label) or not row.get("row_label")):
        # a transposed table (measures as rows, items as columns): the item is the column's last part,
        # or the group above a 小计 (“三公”经费/小计 is the 三公 total)
        parts = [p for p in (row.get("column_label") or "").split("/") if p]
        while len(parts) > 1 and re.fullmatch(r"小计|合计", parts[-1]):
            parts.pop()
        if parts and (len(parts) > 1 or _MEASURE_LABEL.fullmatch(label)):
            label = norm(parts[-1])
        if _MEASURE_LABEL.fullmatch(label):
            return float("-inf")  # a bare 决算数 with no item anywhere: a header fragment, not a figure
    points = 0.0
    core = re.sub(r"^(其中|一、|二、|三、|[一二三四五六七八九十]+、)|(?<=[\u4e00-\u9fff])[A-Z]$", "", label)  # 二、工程B: 工程
    total_row = bool(_TOTAL_ROW.fullmatch(core))
    item = table_subject(slots.item) if slots.item else ""
    if total_row and len(item) >= 4 and item == table_subject(cell.table) and \
            norm(row.get("measure") or "") in _TOTAL_COLUMNS + ("",):
        points += 3.5 + 0.4 * len(item)  # "一般公共预算支出是多少": the total of the table of that name
    elif total_row and len(norm(slots.item)) >= 4 and norm(slots.item) in core:
        points += 2.5 + 0.4 * len(core)  # "支出合计": the row 本年支出合计 itself, not a column of that name
    elif len(core) >= 2 and (core in raw_target or (core in target and not total_row)):
        points += 2.5 + 0.4 * len(core) + (1.0 if cell.source == "table" else 0)
    elif len(core) >= 2 and core in q and not total_row:
        points += 1 + 0.2 * len(core)
    else:
        shared = common_run(core, raw_target)
        asked = re.sub(r"[是多少的？?。，,\s]|万元|元|亿元", "", raw_target)
        short = norm(slots.item)
        if shared >= 3 and shared >= 0.5 * min(len(core), len(asked) or 1):
            points += 1 + 0.3 * shared  # 收入预算总计 for 收支预算总计
        elif len(short) == 2 and any(re.search(rf"(^|安排|全市|本级|市级|用于|、){short}(领域|方面|经费|支出|资金|收入|$)", norm(name))
                                     for name in {core, cell.label.split()[-1] if cell.label.split() else ""}):
            points += 1.9  # "教育" is the 教育领域经费 a report lists (not 高等教育, nor 教育费附加)
    if len(core) >= 4 and slots.item and core == norm(re.sub(r"[（(](项|类|款)[)）]", "", slots.item)):
        points += 2.0  # the row named exactly as the item asked (公务用车购置费, not 公务用车购置及运行维护费)
    row = cell.row or {}
    carried = label + norm(row.get("column_label") or "") + norm(row.get("measure") or "")
    for term in _KEY_TERMS:
        if term in raw_target and term not in carried:
            points -= 3  # the question names a measure this cell is not about
    bare_item = norm(slots.item)
    if len(bare_item) >= 2 and "其他" + bare_item in label and "其他" not in raw_target:
        points -= 5  # 其他社会保障和就业支出 (a catch-all 项) is never the 社会保障和就业支出 asked
    if any(t in label and t not in q and not (t == "三公" and any(i in q for i in _THREE_PUBLIC_ITEMS)) for t in _NARROWING):
        points -= 4  # 三公经费合计 is no answer to "支出是多少": the row is defined by a term not asked
    own_name = cell.label.split()[-1] if cell.label.split() else ""  # a part's own name, after its whole's
    if cell.source == "text" and len(cell.label.split()) == 2 and len(norm(own_name)) >= 4 and norm(own_name) == norm(slots.item):
        points += 1.0  # "收入总计 6.5亿元，其中：国有资本经营预算收入 4.6亿元": the part named exactly as asked
    elif cell.source == "text" and len(cell.label.split()) >= 2 and len(norm(own_name)) >= 4 \
            and norm(own_name) in target and norm(own_name) not in raw_target:
        points += 1.5  # "服务类采购" is the document's 政府采购服务支出, the part after its whole (政府采购支出总额)
    own_words = norm(cell.label.split()[-1]) if cell.label.split() else label  # a part's own name, after its whole's
    whole_words = norm("".join(cell.label.split()[:-1]))
    if cell.source == "text" and len(bare_item) >= 4 and bare_item in whole_words and bare_item not in own_words \
            and re.search(r"(?<!决算)(?<!预算)(支出|费|经费|收入|资金|项目)$", own_words):
        points -= 3  # "财政拨款支出总计 基本支出": a part of the item asked, not the item
    if cell.source == "text" and re.search(r"总计|合计", own_words) and \
            not (bare_item and re.sub(r"(总计|合计)(为|是)?$", "", own_words).endswith(bare_item)) and \
            not re.search(r"总|合计|一共|共计|全部|累计", slots.question + raw_target):
        points -= 3  # "收入总计" (with transfers) is not the 一般公共预算收入 asked: a total only for a total
    if "拨款" in norm(cell.table) and "拨款" not in re.sub(r"含非财政拨款|非财政拨款", "", q):
        points -= 0.5  # no fund source named: the all-funds table before the 财政拨款 one, other things equal
    points += _column_points(cell, raw_target, core, total_row)
    column = norm((row.get("column_label") or "") if cell.source == "table" else "")
    if len(raw_target) >= 4 and raw_target in column and raw_target not in label and not _column_points(cell, raw_target, core, total_row):
        points += 1.5 if total_row else -1.0  # a column asked with no row named (基本建设资金支出): the total row's cell
    if len(item) >= 4 and cell.source == "text":  # a table row's name is matched above, whole
        points += _head_points(norm(slots.item), label)
    elif len(item) >= 2 and cell.source == "text" and label.endswith(norm(slots.item)):
        points += 0.6 * len(item)  # a short item is a sentence's head when the subject ends in it (本部门共有车辆)
    elif len(norm(slots.item)) == 2 and cell.source == "text" and slots.unit and slots.unit not in MONEY + ("%",) \
            and same_unit(cell.unit, slots.unit) and re.match(rf"(共|累计|全年)?{re.escape(norm(slots.item))}", label):
        points += 1.5  # "一共接待了多少人次": the count whose clause opens with that verb (共接待国内来访团组 609人次)
    points += container_points(cell, container or Container.of(slots.subject, []), label)
    named = cell.label.split()[0] if cell.label.split() else ""
    function_row = cell.source == "table" and str(row.get("subject_code") or "").startswith("2") and cell.subject_level
    if slots.item and (function_row or cell.source == "text" and re.search(r"[（(](项|类|款)[)）]", named)) \
            and _bare(named) == _bare(slots.item):
        points += 3.0  # the 科目 by its exact name: 行政单位医疗(项), not 其他行政事业单位医疗支出
    points += _code_points(cell, slots.item) + _share_side_points(cell, slots.item)
    asked = re.sub(r"合计|总计|小计", "", norm(slots.item))  # the item as parsed; a total word alone names no row
    for w in set(words):
        weight = 1.0 if w in target or w in asked else 0.5
        if w in label:
            points += 0.6 * len(w) * weight
        elif w in cell.descriptor:
            points += 0.25 * len(w) * weight
    if len(slots.years) < 2:  # comparing years compares stages too: each group keeps its own
        measured = _measure_points(cell, slots.subject)
        points += measured if cell.unit in MONEY else max(measured, 0.0)  # a count or an area has no 预算 side
    if cell.unit in ("辆", "台", "套", "件") and _FLOW.search(label) and not _FLOW.search(slots.question):
        points -= 4  # "安排购置车辆1辆" is the year's purchases, not the vehicles held
    asks_change = slots.operation == "value" and _asks_change(slots.question)
    if bool(_CHANGE.search(cell.label)) != asks_change:
        points -= 5 if asks_change else 3  # a level cannot answer "how much more than last year"
    elif asks_change:
        points += 3
    years = {int(y) for y in re.findall(r"(20\d\d)", cell.label)}
    if years and slots.years and not years & set(slots.years):
        points -= 2
    if cell.source == "table":
        points += 0.3
        if "total" in cell.table_kind or cell.label.startswith("其中"):
            points -= 0.2
        measure = norm(row.get("measure") or "")
        if measure and measure not in raw_target and measure not in q and not _measure_named(measure, q):
            # no column named: the row's total column, not one of its parts (基本支出, 事业收入 …)
            points += 0.5 if measure in _TOTAL_COLUMNS else -0.7
    return points


def _bare(name: str) -> str:
    """A name as compared whole: normalised, no trailing 支出 or stage word.

    >>> _bare("行政单位医疗（项）支出"), _bare("行政单位医疗(项)")
    ('行政单位医疗', '行政单位医疗')
    """
    return re.sub(r"(支出|预算|决算|预算数|决算数)+$", "", norm(name))


def _head_points(item: str, label: str) -> float:
    """A Chinese noun phrase ends in its head (社会保险基金 | 年终滚存结余): a
    sentence naming the head answers before one naming only the modifier.

    >>> _head_points("社会保险基金年终滚存结余", "收支相抵年终滚存结余"), _head_points("社会保险基金年终滚存结余", "社会保险基金预算支出")
    (3.6, 0.0)
    """
    n = next((n for n in range(len(item), 1, -1) if item[-n:] in label), 0)
    return min(4.0, round(0.6 * n, 1)) if n else 0.0


def _share_side_points(cell: Cell, item: str) -> float:
    """A stated share "A 占 B 的 60%" is A's: a question about B's share finds
    B after 占 only, and must not take it (授予小微企业合同金额占授予中小企业合同金额的60.02%
    is not the 中小企业 share).

    >>> c = lambda label: Cell("text", 1, "d", "o", 2024, "决算", 1, label, "", "", None, "%", None, "")
    >>> _share_side_points(c("授予小微企业合同金额 占授予中小企业合同金额的"), "授予中小企业的合同")
    -8.0
    >>> _share_side_points(c("授予中小企业合同金额 占政府采购支出总额的"), "授予中小企业的合同")
    0.0
    """
    label = norm(cell.label)
    if cell.unit != "%" or "占" not in label:
        return 0.0
    numerator, denominator = label.split("占", 1)
    core = norm(re.sub(r"的|金额|支出|多少|是", "", item or ""))
    if len(core) < 4:
        return 0.0
    in_numerator = common_run(core, re.sub(r"的|金额|支出", "", numerator))
    in_denominator = common_run(core, re.sub(r"的|金额|支出", "", denominator))
    return -8.0 if in_denominator >= len(core) - 1 and in_numerator < in_denominator else 0.0


_ASKED_CODE = re.compile(r"(?<!\d)(\d{3}|\d{5}|\d{7})(?!\d)")


def _code_points(cell: Cell, item: str) -> float:
    """The 科目 code the item names (高等教育（2059802）): the row with that code
    first, a row of another code of the same classification far behind (the
    高等教育 of 2050205 is another 科目); a sentence that cites the code gains.

    >>> c = lambda code: Cell("table", 1, "d", "o", 2024, "决算", 1, "高等教育", "", "", None, "万元", None, "",
    ...                       row={"subject_code": code})
    >>> _code_points(c("2059802"), "高等教育(2059802)"), _code_points(c("2050205"), "高等教育(2059802)"), _code_points(c("2050205"), "高等教育")
    (5.0, -4.0, 0.0)
    """
    m = _ASKED_CODE.search(item or "")
    if not m:
        return 0.0
    code = m.group(1)
    own = str((cell.row or {}).get("subject_code") or "")
    if cell.source == "table" and own:
        return 5.0 if own == code else 0.0 if own.startswith(code) or code.startswith(own) else -4.0
    return 2.0 if cell.source == "text" and code in cell.cite else 0.0


# Columns that hold a row's whole figure; other columns hold a part of it.
_TOTAL_COLUMNS = ("合计", "决算数", "预算数", "小计", "金额", "总计", "全年预算", "年初预算", "调整预算", "本年支出合计",
                  "本年收入合计", "三公经费合计")


def _measure_named(measure: str, q: str) -> bool:
    """The question names the column by a part of its name (人员经费 for 人员经费合计)."""
    core = re.sub(r"合计|小计|支出|收入", "", measure)
    return len(core) >= 2 and core in q


def rank(cells: list[Cell], slots: Slots) -> list[Cell]:
    """``cells`` scored against ``slots``, best first, the ones that cannot answer dropped."""
    container = Container.of(slots.subject, cells)
    for c in cells:
        c.score = score(c, slots, slots.words, container)
    _prefer_wholes(cells, slots)
    return sorted((c for c in cells if c.score > float("-inf")), key=lambda c: (-c.score, c.source != "table", c.id))


def _without_shared(part: str, whole: str) -> str:
    """``part`` without the longest run (2+ characters) it shares with ``whole``.

    >>> _without_shared("政府采购货物支出", "经信局政府采购支出总额"), _without_shared("公务接待费", "三公经费")
    ('货物支出', '公务接待费')
    """
    best = ""
    for i in range(len(part)):
        for j in range(len(part), i + len(best), -1):
            if part[i:j] in whole:
                best = part[i:j]
                break
    return part.replace(best, "", 1) if len(best) >= 2 else part


def _prefer_wholes(cells: list[Cell], slots: Slots) -> None:
    """A sentence's part ("共有车辆28辆，其中离退休干部服务用车15辆": 共有车辆 离退休干部服务用车) answers
    only a question that names the part; otherwise the whole, stated beside it, does."""
    wholes = {(c.doc, re.sub(r"(?<=..)(合计|总计|总额)$", "", norm(c.label))) for c in cells
              if c.source == "text" and " " not in c.label.strip()}  # "X支出合计 0.76亿元。其中：X支出 A…": X
    asked = norm(expand_synonyms(f"{slots.question} {slots.subject} {slots.item}"))  # 服务类采购 names 政府采购服务支出
    for c in cells:
        parts = c.label.strip().split()
        if c.source != "text" or len(parts) != 2 or (c.doc, re.sub(r"(?<=..)(合计|总计|总额)$", "", norm(parts[0]))) not in wholes:
            continue
        part = norm(parts[1])
        if _CHANGE.search(part) or re.search(r"占|完成|预算的|达到|为$|是$", part):
            continue  # "项目支出 与上年相比增加": a change of the whole, not a part of it
        residue = re.sub(r"(支出|收入|金额|费)$", "", _without_shared(part, norm(parts[0])))  # 政府采购货物支出: 货物
        named = re.sub(r"(?<=..)(支出|收入|金额|费)$", "", part)  # "教育" names the part 教育支出
        if len(part) >= 3 and common_run(named, asked) < min(4, len(named)) or len(residue) >= 2 and residue not in asked:
            c.score -= 3
