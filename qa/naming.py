"""Does a cell name what the question asks? The rules that keep another
row's, side's or part's figure from answering.

- the item's head must stand in the cell's label, column or measure
  (:func:`names_subject`), or the label must be the item itself
  (:func:`covers`, for blank cells);
- a question naming one side (…收入 / …支出) never takes a cell naming only
  the other (:func:`_other_side`);
- a term that defines an item (三公, 政府采购, 人员经费 …) must be carried by
  the cell's label, table or column (:data:`_DEFINING`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .cells import CATEGORIES, FUND_NAMES, Cell, common_run, norm, totals_named_table
from .row_names import (excluded, other_filler, other_marked_row, other_row_named, other_row_of_column, part_stated_after,
                        without_body)
from .slots import Slots, expand_short

__all__ = ["covers", "names_subject"]


_MEASURE_WORDS = re.compile(r"年初预算|全年预算|调整预算|预算|决算|支出|多少|是|的|万元|元|安排了?|[（）()？?，,。\s]|类(?=支出|采购|$)|(?<!拨)款(?=支出|$)")


# the rest of a total ("不是财政拨款安排的", "X以外的"): no cell states it, the document lists the parts
COMPLEMENT = re.compile(r"不是|不属于|并非|以外的|之外的")  # 非财政拨款 is a fund's name, not a rest


def names_subject(cell: Cell, slots: Slots) -> bool:
    """Does the cell's label name what the question asks about (not only the measure)?

    The item's head — its last three characters once measure and question
    words are dropped — must stand in the label, column or measure; the item
    is read with the documents' words for its short forms (公车, 科技), or as typed
    ("科技贷" is a loan's name, not 科学技术). A long name is its head's: the figure of
    a name that shares its other words but not its head answers for another thing.

    >>> c = lambda label: Cell("text", 1, "d", "o", 2023, "决算", 1, label, "", "", None, "亿元", None, "")
    >>> ask = Slots("", "", item="全市地方政府一般债券到期本息")
    >>> names_subject(c("全市争取到地方政府债券 一般债券"), ask), names_subject(c("全市地方政府债券到期本息"), ask)
    (False, False)
    >>> names_subject(c("一般债券到期本息"), ask)
    True
    >>> names_subject(c("主要原因是减少“汉企通”平台升级改造政府采购项目"), Slots("", "", item="汉企通平台运维资源包"))
    False
    """
    typed = slots.item or slots.target or slots.subject
    if COMPLEMENT.search(typed):
        return False  # "不是财政拨款安排的": the rest of a total, which no cell states
    if _one_line_of_a_breakdown(cell, slots) or _other_threshold(cell, slots.question):
        return False
    if part_stated_after(cell, typed):
        return False  # "财政拨款支出预算 教育支出 207796.18": the 教育支出 part, not the 财政拨款支出 asked
    if excluded(cell.label, slots.question):
        return False  # "购置费（不含运行维护）" is never the 购置及运行维护费 row
    if _catch_all_asked(cell.label, typed):
        return False  # 其他商品和服务支出 (a catch-all row) is never answered by 商品和服务支出, its parent
    if _TARGET.search(cell.label) and not _TARGET.search(slots.question + typed):
        return False  # a 绩效 target (年初目标值 7000家) is never what was achieved (实际完成值 9284家)
    return _names(cell, slots, expand_short(typed)) or (expand_short(typed) != typed and _names(cell, slots, typed))


_TARGET = re.compile(r"目标|指标值|预期|计划(?!单列)")


def _catch_all_asked(label: str, typed: str) -> bool:
    """The item asked is a catch-all row ("其他X": what is left of X once its listed parts are
    taken) and the label is X itself, or another row without 其他: never the same figure.

    >>> _catch_all_asked("商品和服务支出", "基本支出中其他商品和服务支出"), _catch_all_asked("其他商品和服务支出", "其他商品和服务支出")
    (True, False)
    >>> _catch_all_asked("行政运行", "人大事务中的行政运行")
    False
    """
    asked = re.search(r"其他([\u4e00-\u9fff]{2,})", norm(typed))
    return bool(asked) and "其他" not in norm(label) and norm(label).endswith(asked.group(1)[-3:])
_THRESHOLD = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|万|元)\s*[（(]?含?[)）]?\s*(及?以上|以下|以内)")


def _other_threshold(cell: Cell, question: str) -> bool:
    """The question names a threshold (单价100万元以上) and the cell is stated
    for another one (单价20万元（含）以上的设备63台): another set of things.

    >>> c = Cell("text", 1, "d", "o", 2019, "预算", 1, "单价以上的设备", "", "", None, "台", None, "单价20万元（含）以上的设备63台。")
    >>> _other_threshold(c, "单价100万元以上的设备有多少台"), _other_threshold(c, "单价20万元以上的设备有多少台")
    (True, False)
    """
    asked = {(Decimal(m.group(1)) / (10000 if m.group(2) == "元" else 1), m.group(3)[-2:]) for m in _THRESHOLD.finditer(question)}
    if not asked:
        return False
    stated = {(Decimal(m.group(1)) / (10000 if m.group(2) == "元" else 1), m.group(3)[-2:])
              for m in _THRESHOLD.finditer(cell.cite + " " + cell.label)}
    return bool(stated) and not asked & stated


def _one_line_of_a_breakdown(cell: Cell, slots: Slots) -> bool:
    """A row "项目活动/活动内容/差旅费" of a project's 明细测算 is that activity's
    差旅费, not the unit's: it answers only a question naming the activity."""
    def bare(name: str) -> str:  # "1. 一般公共预算财政拨款" and "一般公共预算财政拨款支出" are one name
        return re.sub(r"^[\d.、．\s]+|(支出|收入)$", "", norm(name))

    parts = [norm(p) for p in cell.label.split("/")] if cell.source == "table" else []
    if len(parts) < 2 or bare(parts[-1]) != bare(expand_short(slots.item or "")):
        return False
    asked = norm(slots.question)
    return not any(len(p) >= 2 and (p in asked or common_run(p, asked) >= 4) for p in parts[:-1])


def _names(cell: Cell, slots: Slots, item: str) -> bool:
    if other_marked_row(item, cell.label):
        return False  # "检察（款）财政拨款预算": the 检察 row, never the 财政拨款 total (nor 省检察院's)
    asked = re.sub(r"[(]?\d{5,}[)]?", "", norm(item))  # 会议费(30215)
    asked = re.sub(r"(?<=..)[(（](?![类款项][)）])[\u4e00-\u9fff]{1,6}[)）]$", "", asked)  # 高中教育（附中）: a gloss
    core = re.sub(r"^本?(部门|单位)(?=.)", "", norm(_MEASURE_WORDS.sub("", _TOTAL.sub("总计", asked))))  # the document's scope
    label = cell.label + " " + ((cell.row or {}).get("column_label") or "") + " " + ((cell.row or {}).get("measure") or "")
    label = _INCLUDED.sub("", label)  # "支出（含预备费）" is the whole's figure, never the 预备费's
    if _other_side(re.sub(r"(是|为)?多少.*$", "", asked), norm(label)):
        return False  # 一般公共预算支出 is never answered with 一般公共预算收入
    if _sibling(asked, own_part(cell.label)) or _sibling(asked, cell.label, _WHOLE_OR_PROJECTS):
        return False  # 小微企业's contracts are not the 中小企业 total; 服务 is not 货物; the projects' average is no 整体 score
    if any(w in asked for group in CATEGORIES[:1] for w in group) and _TOTAL.search(norm(own_part(cell.label))) \
            and not any(w in cell.label for w in CATEGORIES[0]):
        return False  # "买货物花了多少" is never the 政府采购 总额: a category's figure, not its breakdown's total
    if cell.source == "table" and other_filler(core, _MEASURE_WORDS.sub("", own_part(cell.label))):
        return False  # 职业年金缴费支出 is not 基本养老保险缴费支出: one frame, another row
    if _broader(asked, cell.label + " " + (cell.table or "") + " " + (
            (cell.row or {}).get("column_label") or "") + " " + (cell.section if cell.source == "text" else "")):
        return False  # 一般债券 is not all 地方政府债券; 新增专项债券 is not all 专项债券: the whole is not its part
    if totals_named_table(cell, slots.item):
        return True  # the total row of the table the item names (一般公共预算财政拨款支出决算表 · 合计)
    if re.search(r"当年|本年", asked) and re.search(r"总计", norm(own_part(cell.label))) and "总计" not in asked:
        return False  # "当年支出" is never the 支出总计 (上解、结转 included)
    if other_row_of_column(cell, core, slots.question):
        return False  # "基本建设资金" (a column): the table's total row, or the row the question names
    if _one_side_of(core, norm(cell.label.split()[-1]) if cell.label.split() else ""):
        return False  # 公务用车购置费 is not 公务用车购置及运行维护费: the row adds another item to it
    if len(core) < 2:
        return True
    stock = re.search(r"(结余|余额|结转|限额)$", core)
    if stock and stock.group(1) not in norm(label + (cell.cite if cell.source == "text" else "")):
        return False  # a balance (滚存结余, 债务余额) is never a flow (支出, 收入) of the same fund
    label = _MEASURE_WORDS.sub("", _TOTAL.sub("总计", norm(label)))
    if not core.replace("总计", ""):
        # a total (收支总计, 支出总额): which total is the linker's choice — but a total, never a part (基本支出)
        row = norm(own_part(cell.label)) if cell.source == "table" else label
        return "总" in row or "合计" in row  # the row's own words: a 合计 column of 公共安全支出 is no total
    where = label + norm(cell.table or "") + norm(cell.descriptor or "") + (
        norm(cell.cite + cell.section) if cell.source == "text" else "")  # a sentence: its words and its section's
    part = _PART.split(core)
    if len(part) > 1 and len(part[-1]) >= 2:
        # "X中Y": a part of X is asked; Y's head (Chinese noun phrases end in their head) must be in the label,
        # and what defines X (财政拨款 in 财政拨款支出中的项目支出) where the cell is
        whole = _NOT_APPROPRIATED.sub("", _PART.split(asked)[0])
        if any(term in whole and not any(t in where for t in alts) for term, alts in _DEFINING):
            return False
        tail = re.sub(r"(?<=..)类$", "", part[-1])  # 工程类: the 工程 category
        label = without_body(label, norm(cell.organisation or ""))  # 人才服务中心's 服务 is no 服务类
        if other_row_named(cell, _PART.split(core)[0], tail):
            return False  # "高等教育支出中的基本支出": the 高等教育 row's column, never 教育支出's
        if residual(norm(cell.label), tail):
            return False  # 其他留学教育支出 is not the 教育支出 of 财政拨款支出中的教育支出
        if re.fullmatch(r"(一般公共预算|政府性基金预算?)?财政拨款(安排)?", tail):
            return "财政拨款" in where  # "住房公积金中财政拨款": the row in a 财政拨款 table (or column)
        return (tail if len(tail) <= 6 else tail[-3:]) in label  # 地方级收入 is not 中央级收入
    if any(term in _NOT_APPROPRIATED.sub("", asked) and not any(t in where for t in alts) for term, alts in _DEFINING):
        return False  # "三公经费财政拨款支出" is not the 财政拨款支出 total: the defining term is missing
    if "的" in asked:
        # "X的Y" (财政拨款的房屋修缮项目): the phrase's head Y must be where the cell is; X alone (财政拨款) is not Y
        head = _MEASURE_WORDS.sub("", re.sub(r"[(（][^)）]*[)）]$", "", asked.rsplit("的", 1)[1]))  # 项目(本级): 项目
        if len(head) >= 2 and not _MEASURE_HEAD.fullmatch(head):
            if head[-1] not in where or common_run(head, where) < 2:
                return False
            if head in norm(cell.label):
                return True  # the row is the head's ("用超长期特别国债的教育支出": 高等教育 under that row)
    n = 3 if len(core) >= 3 else 2
    raw = norm(_MEASURE_WORDS.sub("", slots.item or slots.target or slots.subject))  # as typed, no synonyms
    if len(raw) >= 6 and not any(w[-2:] in label + norm(cell.table or "") or common_run(w, label) >= 4 for w in (raw, core)):
        return False  # a long name's head (…科研业务费专项) must be there: 学校基本支出 shares only "校基本"
    head = norm(_MEASURE_WORDS.sub("", re.sub(r"[（(][^）)]*[)）]|\d{5,}", "", item)))  # as the documents word it
    head = re.sub(r"(?<=..)(当年|本年|全年|年度)$", "", head)  # "社会保险基金当年支出": 当年 is the year's, no head
    if len(head) >= 6 and not _GENERIC_HEAD.search(head) and head[-2:] not in label + where:
        return False  # a long name is its head's (Chinese noun phrases end in it): …一般债券到期本息 is not
        # …一般债券, 汉企通平台运维资源包 not 汉企通平台升级改造项目, however much of the rest they share
    # "(不含会议费培训费)" is a gloss, 财政拨款 / 基本支出 a fund or a column: the name is the rest
    bare = _MEASURE_WORDS.sub("", re.sub(r"[(（][^)）]*[)）]|(一般公共预算|政府性基金预算?|国有资本经营预算|社会保险基金预算?)?"
                                         r"财政拨款|基本支出|项目支出", "", asked))
    pairs = [bare[i:i + 2] for i in range(len(bare) - 1)]
    if len(bare) >= 8 and sum(p in label for p in pairs) * 3 < len(pairs):
        return False  # a long name shares more than a word or two with its row (…职业年金缴费 is not 行政事业单位养老)
    own = norm(cell.label)
    if len(core) == 4 and core[:2] in own and core[2:] in own:
        return True  # 工程采购 is 政府采购工程支出: a two-word name in either order, within the row's own label
    label = without_body(label, norm(cell.organisation or ""))
    return any(core[i : i + n] in label for i in range(len(core) - n + 1))


def own_part(label: str) -> str:
    """The part of a text fact's label that names what its figure is: the last
    part, unless that is a clause about it (占…的, 较上年增长, 完成…), then the one before.

    >>> own_part("本部门面向中小企业预留政府采购项目预算金额 面向小微企业预留政府采购项目预算金额")
    '面向小微企业预留政府采购项目预算金额'
    >>> own_part("授予中小企业合同金额 占政府采购支出总额的")
    '授予中小企业合同金额'
    """
    parts = [norm(p) for p in label.split()]
    while len(parts) > 1 and re.match(r"(占|较|比|与|同比|增长|下降|增加|减少|完成|为|是)", parts[-1]):
        parts.pop()
    return parts[-1] if parts else ""


def _one_side_of(core: str, own: str) -> bool:
    """The item is one side of a label that joins two ("公务用车购置及运行维护费"
    = 公务用车购置费 + 公务用车运行维护费): the label's figure is their sum, not the item's.

    >>> _one_side_of("公务用车购置费", "公务用车购置及运行维护费"), _one_side_of("公务用车运行维护费", "公务用车购置及运行维护费")
    (True, True)
    >>> _one_side_of("公务用车购置及运行维护费", "公务用车购置及运行维护费"), _one_side_of("因公出国费", "因公出国（境）费")
    (False, False)
    """
    joined = re.fullmatch(r"(.{2,}?)(及|和|与)(.{2,})", own)
    if not joined or re.search(r"及|和|与", core) or core == own:
        return False
    left, right = joined.group(1), joined.group(3)
    stem = re.sub(r"(费用?|支出|经费|资金)$", "", core)
    return stem == left or (len(right) >= 3 and core.endswith(right) and core != right and not core.startswith(left))


_INCLUDED = re.compile(r"[（(](?:含|包含|包括)[^)）]*[)）]")


def _other_side(core: str, label: str) -> bool:
    """The item is one side (…收入 / …支出) and the label only names the other.

    >>> _other_side("一般公共预算支出", "市级一般公共预算收入"), _other_side("一般公共预算收入", "一般公共预算收入完成")
    (True, False)
    >>> _other_side("市本级一般公共预算收入预计", "相应安排市本级一般公共预算支出(含预备费)")
    True
    """
    sides = [(core.rfind(s), s) for s in ("收入", "支出") if s in core]
    if not sides:
        return False
    side = max(sides)[1]  # the last one named: "…预算收入预计" asks 收入
    other = "支出" if side == "收入" else "收入"
    return other in label and side not in label


# Categories of one breakdown: a cell naming one never answers for another.
_SIBLINGS = CATEGORIES + (FUND_NAMES, ("本金", "利息", "本息"))  # 本息 is 本金 + 利息: neither part is it

# Breakdowns whose parts a question names as a qualifier of the whole ("一般债券到期本息", "新增专项债券"):
# (parts, what the whole is about); a figure naming none of the parts is the whole's, not the part's.
_QUALIFIERS = ((("一般债务", "专项债务"), ""), (("一般债券", "专项债券"), ""), (("新增", "再融资"), "债"),
               (("小微企业", "中小企业"), ""))


def _broader(asked: str, where: str) -> bool:
    """Does the question name one part of a breakdown (一般债券, 新增…债券, 一般公共预算 …)
    that the cell's label, table, column and section do not name, nor any other part of it: the cell
    is the whole's figure (全市地方政府债券到期本息 for 一般债券到期本息).

    >>> _broader("全市地方政府一般债券到期本息", "全市地方政府债券到期本息"), _broader("新增专项债券", "发行地方政府债券 专项债券")
    (True, True)
    >>> _broader("一般债券到期本金", "一般债券到期本金"), _broader("新增专项债券", "新增专项债券"), _broader("专项债券", "专项债券")
    (False, False, False)
    """
    where = norm(where)
    for parts, about in _QUALIFIERS:
        named = [w for w in parts if w in asked]
        if len(named) == 1 and (not about or about in asked) and not any(w in where for w in parts):
            return True
    return False


_WHOLE_OR_PROJECTS = (("整体", "项目"),)  # a 部门整体 figure vs the projects' (绩效自评: 整体 score vs 项目 average)


def _sibling(asked: str, own: str, groups: tuple = _SIBLINGS) -> bool:
    """Does the cell's own label (its last part) name another category of a
    breakdown than the one asked, and not the one asked?

    >>> _sibling("政府采购里给小微企业的合同金额", "授予中小企业合同金额"), _sibling("授予小微企业合同金额", "授予小微企业合同金额")
    (True, False)
    >>> _sibling("买服务花了多少", "政府采购货物支出"), _sibling("政府采购总额", "政府采购货物支出")
    (True, False)
    >>> _sibling("部门整体支出绩效自评得了多少分", "绩效自评的项目 平均得分", _WHOLE_OR_PROJECTS)
    True
    >>> _sibling("一般公共预算财政拨款收入", "国有资本经营预算财政拨款收入"), _sibling("一般债券到期本息", "一般债券到期本金")
    (True, True)
    """
    for group in groups:
        named = [w for w in group if w in asked]
        if len(named) == 1 and named[0] not in own and any(w in own for w in group if w != named[0]):
            return True
    return False


def other_category(asked: str, label: str) -> bool:
    """Does ``label`` name a category of a breakdown (货物/工程/服务 …) when ``asked`` names none of it?

    >>> other_category("授予中小企业的合同金额占了多大比例", "货物采购授予中小企业合同金额占货物支出金额的")
    True
    >>> other_category("授予中小企业的合同金额占了多大比例", "授予中小企业合同金额 占政府采购支出总额的")
    False
    """
    kinds = _SIBLINGS[0]  # the categories of 政府采购
    named = [k for k in kinds if re.search(rf"{k}(采购|支出|类)|采购{k}", label)]
    return bool(named) and not any(k in asked for k in kinds)


# Terms that define an item whatever words follow them: a cell answering a question
# that names one must carry it (or a part of it) in its label, table or column.
_DEFINING = (
    ("三公", ("三公", "因公出国", "公务接待", "公务用车")),
    ("因公出国", ("因公出国",)),
    ("公务接待", ("公务接待", "接待")),  # "共接待国内来访团组 43 个": the 公务接待 counted
    ("公务用车", ("公务用车",)),
    ("会议费", ("会议费",)),
    ("培训费", ("培训费",)),
    ("机关运行经费", ("机关运行经费", "运行经费")),
    ("政府采购", ("政府采购", "采购")),
    ("人员经费", ("人员经费", "工资福利", "对个人和家庭")),
    ("公用经费", ("公用经费", "商品和服务")),
    ("资本性支出", ("资本性支出",)),
    ("基本支出", ("基本支出", "基本")),  # a 基本支出 figure is never the whole budget's
    ("项目支出", ("项目支出", "项目")),
    ("政府性基金", ("政府性基金",)),
    ("财政拨款", ("财政拨款", "一般公共预算")),  # a 财政拨款 figure is never the all-funds one (一般公共预算 is all 财政拨款)
    ("国有资本经营", ("国有资本经营",)),
    ("地方级", ("地方级", "地方一般公共预算")),  # 地方级收入 is not 来源于辖区的收入 (which includes the central share)
    ("中央级", ("中央级", "中央")),
    ("社会保险基金", ("社会保险基金",)),
)


# heads a document words in many ways (经费/支出/拨款 …) or says with a unit or a verb (人数, 完成率, 比重):
# a long name ending in one is matched by its other words
_GENERIC_HEAD = re.compile(r"(经费|费用|拨款|资金|金额|数额|收入|支出|情况|总额|合计|总计|项目|预算|决算|部分|规模|数量|资产|"
                           r"补助|补贴|得分|人数|人次|次数|个数|户数|面积|比例|比重|占比|增速|增幅|降幅|[费款金额数分率度])$")


# heads that name a column or a kind of figure, not a line item ("一般公共预算收入的预计数")
_MEASURE_HEAD = re.compile(r"(预计|执行|完成|实际|调整|年初|全年)?(数|金额|总额|规模|额度|部分|情况|比例|比重|占比|增幅|增长|下降|变化|"
                           r"费用|钱|开支|花费|支出)")


_NOT_APPROPRIATED = re.compile(r"含?非财政拨款(资金|收入)?")  # 非财政拨款 (使用非财政拨款结余, 含非财政拨款资金) requires no 财政拨款
_TOTAL = re.compile(r"(收支|收入|支出|收)?(总额|总计|合计|总数)|(全部|总)(支出|收入)(预算)?")
_PART = re.compile(r"(?<=..)(?:(?<![高初附集其空城途适命折居])中(?!小|心|央|国|华|学|医|职|期|等|专)|里面|里|下面|下属|其中)")  # 高中 is no part


_COVER_WORDS = re.compile(r"年初预算|全年预算|调整预算|预算数|决算数|预算|决算|是|的|多少|万元|亿元|元|安排了?|"
                          r"[（(](项|类|款)[)）]|^[一二三四五六七八九十]+、|[“”\"（）()？?，,。\s]")


def covers(cell: Cell, slots) -> bool:
    """Does the cell's label name the item itself (not a sibling or parent)?

    The item, without measure and question words, must stand in the label,
    or the label (4+ characters) in the item.

    >>> from qa.slots import Slots
    >>> c = lambda label: Cell("table", 1, "d", "o", 2024, "决算", 1, label, "", "", None, "万元", None, "")
    >>> covers(c("公务用车购置费"), Slots("", "", item="公务用车购置费")), covers(c("项目"), Slots("", "", item="项目支出"))
    (True, False)
    >>> covers(c("公务用车购置及运行维护费"), Slots("", "", item="公务用车购置费"))
    False
    >>> covers(c("5.其他留学教育支出（ 决算数为"), Slots("", "", item="教育支出"))
    False
    >>> covers(c("委托业务费预算支出合计"), Slots("", "", item="支出合计")), covers(c("2026年本年支出合计"), Slots("", "", item="支出合计"))
    (False, True)
    """
    core = _COVER_WORDS.sub("", slots.item or slots.target or slots.subject)
    label = _COVER_WORDS.sub("", cell.label)
    if residual(label, core):
        return False
    if re.fullmatch(r"(支出|收入|收支)?(合计|总计|总额)", core) and core in label:
        before = re.sub(r"本年|全年|年度|预算|决算|部门|单位|\d|[年\s]", "", label[:label.find(core)])
        if len(before) >= 2:
            return False  # "委托业务费预算支出合计" is that item's total, not the 支出合计
    return bool(core) and (core in label or (len(label) >= 4 and label in core))


def residual(label: str, item: str) -> bool:
    """Is the label a residual line ("其他X": 其他教育支出, 其他留学教育支出) under
    the item, not the item itself? A classification's 其他 line (功能分类 类/款/项
    end in "其他…支出") holds what the named lines do not.

    >>> residual("其他留学教育支出", "教育支出"), residual("教育支出", "教育支出"), residual("其他教育支出", "其他教育支出")
    (True, False, False)
    """
    at = label.find(item) if item else -1
    return at > 0 and "其他" in label[:at] and "其他" not in item

