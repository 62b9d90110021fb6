"""One question → :class:`~qa.understand.plan.Plan` (:func:`read`), the
conversation aside (that is :mod:`qa.understand.context`).

The pipeline is a few small pure steps over the normalised text:

1. scope: organisations (:mod:`qa.scope`, aliases included), set words
   (各单位, 这几家 …) over the corpus catalog, years, stages, 部门/单位;
2. the operation and the unit wanted (the rule tables of
   :mod:`qa.understand.phrases`, first match wins);
3. the item: what is left once organisation, year, stage, operation and
   question words are taken out (of the clauses up to the one that asks;
   :func:`qa.understand.phrases.item_of`);
4. operands: one selection per organisation, year, measure or item the
   operation runs over, with the other readings of two items kept.

>>> cat = [("武汉市经济和信息化局", 2024, "决算"), ("武汉市中小企业发展促进中心", 2024, "决算"),
...        ("武汉市中小企业发展促进中心", 2026, "预算")]
>>> p = read("经信局2024年三公经费决算比预算省了多少？", cat)
>>> p.op, [s.measure for s in p.operands], p.operands[0].years
('diff', ['决算数', '预算数'], (2024,))
>>> read("各单位2024年三公经费从高到低排一下", cat).op
'rank'
>>> read("经信局2024年人大事务款下面一共列了几个项级科目？哪个最大？", cat).op, read("经信局2024年司法款下面几个项里，哪个最多？", cat).op
('count', 'rank')
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..cells import without_quoted_figures
from ..scope import find_organisations, find_stages, find_years, level_of, levels_named, organisation_mentions, WHOLE_AREA
from .asks import wanted_kinds
from .clauses import (SET_ORGS, asked_years, asking_clause, asking_item, bracketed_parts, clause_stages, own_years,
                      scene_item, subject_of, without_lead_in)
from .normalize import normalize
from .items import enumerated, item_clause, item_splits, mask, shares, split_items, unmask
from .figures import quoted_figures
from .phrases import OPERATION_RULES, WHOLE_ITEMS, breakdown, condition_of, item_of, measure_of, measures_in, operation_of, period_of, wanted_unit, PEOPLE, WHY
from .plan import Plan, Selection

__all__ = ["read", "item_of", "item_splits", "operation_of", "wanted_unit", "measure_of"]

_ASCENDING = re.compile(r"最少|最低|最小|从低到高|由低到高|从小到大|由小到大|升序|排(名|在)?最后|倒数|最后一名|末位")
_DESCENDING = re.compile(r"最多|最高|最大")
_FASTEST_GROWTH = re.compile(r"(增长|增速|增幅|涨)得?(最快|最大|最多|最高)")
_BY_EXECUTION = re.compile(r"完成(了)?(年初)?预算(的)?(比例|比重|百分比|程度)|(预算)?完成率|执行率")
_FASTEST_FALL = re.compile(r"(下降|降幅|减少|降)得?(最快|最大|最多)")
_TOP = re.compile(r"(?:前|(?:最高|最多|最大|最低|最少|最小)的)\s*([1-9]|[一二三四五六七八九十])\s*(名|位|项|个|类|家|款|的|(?=[，,。？?]|$))")
_EXECUTION_OF = re.compile(r"(决算数?|实际支出|实际数)?\s*[，,]?\s*(是|为|占|相当于)了?[^，,。？?]{0,30}?预算[^，,。？?]{0,12}?的")
NOW = re.compile(r"现在|目前|当前|最新|如今")


def latest_year(orgs: tuple[str, ...], catalog: list) -> tuple[int, ...]:
    """The latest year any document of ``orgs`` covers, as a one-year tuple (() when none)."""
    years = [cy for co, cy, cs in catalog if co in orgs and cy]
    return (max(years),) if years else ()

_ARRANGED = re.compile(r"安排了?(多少|几)")
_SPENT = re.compile(r"决算|实际|花|执行|完成|支出了|用了|使用")
_RATE_ITEM = re.compile(r"(?<!费)(率|增速|增幅|降幅|比重|占比|满意度)$")
_SET_YEARS = re.compile(r"各年|历年|每年|逐年|这几年")


def _years_of(question: str) -> tuple[int, ...]:
    years = find_years(question)
    if re.search(r"上年|去年|上一年", question) and len(years) == 1 and operation_of(question) == "diff" \
            and not re.search(r"哪一?[个块项类]|谁", question):  # "都比上年增长了，哪个快": two items' changes, one year
        years = (years[0] - 1, years[0])
    return years


# "五个省级部门": organisations of that level, each with its own document, not a level's figures
_BODIES_OF_A_LEVEL = re.compile(r"(省|市|区|县)级(?=(预算)?(部门|单位|机关))|“[^”]{4,30}”")  # and quoted names


def scope_of(question: str) -> str:
    """The document scope (部门 / 单位) or level of government (全市, 市本级,
    市级 …) the question names, "" when none.

    >>> scope_of("硚口区企业服务中心2024年部门决算的基本支出"), scope_of("郑州市级2023年税收收入"), scope_of("长沙全市债务余额")
    ('部门', '市级', '全市')
    >>> scope_of("江苏五个省级部门2019年哪家车辆最多"), scope_of("普陀区司法局本级2026年的政府采购"), scope_of("郑州市本级收入")
    ('', '单位', '市本级')

    """
    scope = re.search(r"(部门|单位)(?=预算|决算)", question)
    if not scope and re.search(r"(?<=[局院厅部委会办处室校心所站馆学])本级", question):
        return "单位"  # "司法局本级": the body's own (单位) budget, not its 部门's with the units under it
    return scope.group(1) if scope else level_of(_BODIES_OF_A_LEVEL.sub("", question))


def levels_in(question: str) -> list[str]:
    """The distinct levels of government a question names, in order.

    >>> levels_in("长沙市本级收入占全市收入的比重"), levels_in("合肥市级比市本级多多少"), levels_in("全市收入")
    (['市本级', '全市'], ['市级', '市本级'], ['全市'])
    """
    return levels_named(_BODIES_OF_A_LEVEL.sub("", question))


def _scope(question: str, catalog: list) -> tuple[tuple[str, ...], str]:
    orgs = list(dict.fromkeys(find_organisations(question, [c[0] for c in catalog])))  # 西南大学…学校本级: one
    set_word = ""
    m = SET_ORGS.search(question)
    if m and not orgs:  # "西南大学由哪几个单位组成", "经信局下属各单位": the named body's own units, not the corpus
        years = set(find_years(question))
        orgs = sorted({o for o, y, _ in catalog if o and (not years or y in years)})
        set_word = m.group(0)
    return tuple(orgs), set_word


# a stock's date: 截至2024年8月31日 (stated in whichever document gives it)
_CHANGE_OVER = re.compile(r"(增加|减少|增长|下降|变化|压减|压缩|削减|降低|缩减|多|少)了?多少(?!倍)(?!.*百分)")
# the size of a change over a range of years: "从2017年到2019年一共压减了多少", "一共增长了百分之多少"
_RANGE_CHANGE = re.compile(r"(增加|减少|增长|下降|压减|压缩|削减|降低|缩减|涨|降)了?(多少|百分之|几)")


_STOCK_UNITS = ("辆", "台", "套", "台（套）", "个", "人", "名", "平方米", "亩", "户", "家")  # things held at a date, counted
_AS_OF = re.compile(r"(?:截至|截止到?|到)\s*(20\d\d)\s*年\s*(0?[1-9]|1[012])\s*月\s*(\d{1,2})\s*日")
# "截至2023年底", "2019年末实有": the stock at the year's end (its 决算, or the next year's 预算, states it)
_YEAR_END = re.compile(r"(20\d\d)\s*年\s*(?:年\s*)?(?:底|末)(?!预算|决算)")


# the 预算 document itself, not a budget figure: "部门预算里", "预算公开", "预算报告"
_NAMES_BUDGET_DOCUMENT = re.compile(r"(部门|单位)预算|预算(公开|报告|草案|文件|表|书)")


_IN_TABLE = re.compile(r"(?:列在|放在|记在|在)?(.{2,40}?表)(?:里面的|里面|里的|里|中的|中|上的|上|内的)(.{2,})$")


def in_table(sel: Selection) -> Selection:
    """An item said inside a table ("收支总表里的公共安全支出"): the table, and the item in it.

    >>> s = in_table(Selection(item="收支总表里的公共安全支出")); (s.table, s.item)
    ('收支总表', '公共安全支出')
    >>> in_table(Selection(item="政府采购里货物")).table
    ''
    """
    m = _IN_TABLE.match(sel.item)
    return replace(sel, table=m.group(1), item=m.group(2)) if m else sel


def _part_and_whole(subject: str, op: str, by: str, base: Selection, operands: tuple, readings: tuple):
    """A share read as a part over its whole: "X中，Y占比多少" (Y over X), "X里的Y，Z占了百分之几"
    (Z over Y), and "A和B合计占…的比例" (A + B over the whole: three operands).
    Returns (op, by, operands, readings), unchanged when the question is no such share."""
    scene = re.search(r"^(.{2,}?)[，,]\s*([^，,。？?]{2,20}?)(?:所)?占了?(?:多大|多少|百分之|几成|的?比)", subject) \
        if op in ("ratio", "share") and len(operands) == 1 else None
    if scene and re.search(r"里|之中|中的", scene.group(1)) and item_of(scene.group(1)) and item_of(scene.group(2)):
        # "基本支出里的对个人和家庭的补助，离休费占了百分之几": the clause before the comma is the whole
        whole, part = item_of(scene.group(1)), item_of(scene.group(2))
        operands, by, op = (replace(base, item=f"{whole}中的{part}"), replace(base, item=whole)), "items", "ratio"
        readings = ((replace(base, item=part), replace(base, item=whole)),)
    part_of = re.match(r"(.{2,}?)(?:里面的|里的|里|中的|之中|中(?![小心央国华学]))(.{2,})$", operands[0].item) \
        if op in ("ratio", "share") and len(operands) == 1 else None  # "X中，Y占比多少": Y over the X named
    if part_of:
        # "三公经费里，因公出国（境）费占多大比例": the part over the whole the question names
        whole, part = WHOLE_ITEMS.get(part_of.group(1), part_of.group(1)), part_of.group(2)
        operands, by, op = (replace(base, item=f"{whole}中的{part}"), replace(base, item=whole)), "items", "ratio"
        readings = ((replace(base, item=part), replace(base, item=whole)),)  # the part as named alone
    if op == "ratio" and by == "items" and len(operands) == 2 and "中的" in operands[0].item \
            and re.search(r"合计|加起来|加在一起|一共|总共|之和|共同", subject):
        whole, part = operands[0].item.rsplit("中的", 1)
        two = [p for p in re.split(r"和|与|及|、", mask(re.sub(r"[（(][^）)]*[)）]", "", part))) if p]  # never inside brackets
        if len(two) == 2 and all(len(item_of(unmask(p))) >= 2 for p in two):
            # "离休费和退休费合计占多少比例": the two parts added, over the whole
            operands = tuple(replace(base, item=f"{whole}中的{item_of(unmask(p))}") for p in two) + (operands[1],)
            readings = ()
    return op, by, operands, readings


_WHO = re.compile(r"是谁|叫什么|哪位|姓名|名字|由谁")


def read(question: str, catalog: list) -> Plan:
    """The plan of a (normalised) question read on its own, without the conversation."""
    orgs, set_word = _scope(question, catalog)
    years, stages = _years_of(question), find_stages(without_quoted_figures(question))
    op, unit = operation_of(question), wanted_unit(question)
    counted = re.search(r"(一共|总共|共|有|列了?|包括|包含)[^，,。？?]{0,6}?(几|多少)(个|项|家)[^，,。？?里中]{0,8}?(?=[？?，,]|$)",
                        question) if op == "rank" else None  # "下面几个项里，哪个最多" names the set, asks no count
    if counted and counted.start() < re.search(dict(OPERATION_RULES)["rank"], question).start():
        op, unit = "count", "个"  # "一共列了几个项级科目？哪个最大？": the count asked first (the largest beside it)
    if not years and orgs and NOW.search(question):
        years = latest_year(orgs, catalog) or years  # "现在有多少专任教师": the latest document's figure
    scene = False
    if op == "value" and len(years) >= 2:
        asked = asked_years(question, years)
        scene, years = asked != years, asked
    if op == "execution":
        stages = ()  # 决算 ÷ 预算: both figures, wherever the document of either stage states them
    elif not stages and len(years) == 1 and _ARRANGED.search(question) and not _SPENT.search(question):
        both = {cs for co, cy, cs in catalog if cy == years[0] and (not orgs or co in orgs)}
        if {"预算", "决算"} <= both:
            stages = ("预算",)  # "财政拨款安排了多少" of a year with a 预算 and a 决算: what the 预算 arranged
    elif stages == ("预算",) and len(years) == 1 and not _NAMES_BUDGET_DOCUMENT.search(question):
        have = {cs for co, cy, cs in catalog if cy == years[0] and (not orgs or co in orgs)}
        if have and "预算" not in have:
            stages = ()  # "预算最大的项目" with only the year's 决算: its budget column (预算数), not a missing 预算
    ask_part = without_lead_in(question, catalog)
    subject = subject_of(asking_clause(question) if scene else ask_part, catalog)
    if scene and not item_clause(subject):  # "2019年X预算5686.35万元，比上年增加了…，那2018年是多少": X
        subject = subject_of(scene_item(question), catalog) + subject
    rate_of = _EXECUTION_OF.search(subject) if op == "execution" else None
    if rate_of and len(re.sub(r"20\d\d\s*年度?", "", subject[: rate_of.start()])) >= 2:
        subject = subject[: rate_of.start()]  # "X决算数，是当年部门预算中X预算的百分之几": X, said before the rate
    if op in ("sum", "value"):
        subject = re.sub(r"(?<=[入出费金])加上?(?!起来|总|在一起)(?=[\u4e00-\u9fff]{2})", "和", subject)  # "事业收入加其他收入": a list
        op = "sum" if op == "value" and re.search(r"[入出费金]和[\u4e00-\u9fff]{2}.{0,12}(一共|总共|合计|加起来|加一起|加在一起|相加|共计)", subject) else op
    item, measure = item_clause(subject), measure_of(subject)
    doubled = re.fullmatch(r"(.{2,})\1", item)
    item = doubled.group(1) if doubled else item  # "预算总额比2024年决算总额": one item named on both sides
    item = WHOLE_ITEMS.get(item, item)
    count = re.fullmatch(r"(人次|人数|批次|家次|人|个|辆|家|台|套|项|次|名|户)(数)?", item)
    if count and op == "value":
        item, unit = "", unit or count.group(1)  # "人次呢？": the same item, counted in another unit
    if not item and op in ("value", "diff", "growth") and unit in (None, "元", "万元", "亿元") \
            and re.search(r"总共|一共|总额|总计|合计|全部|总盘子", subject):
        item = "支出合计" if re.search(r"花|支出|用", subject) else "收支总计"  # "预算总共多少钱": the document's total
    if unit is None and op == "value" and _RATE_ITEM.search(item):
        unit = "%"  # "工业投资增速实际完成了多少": a rate by its name, never an amount
    if unit == "个" and re.search(PEOPLE + r"(人数|数)?$", item):
        unit = "人"  # "博士生导师多了几个": people, counted as the documents count them
    if unit == "辆":
        item = re.sub(r"(?<=车)(辆)?(总数|数量|数)$", r"\1", item)  # 车辆数: the vehicles
    if unit == "辆" and (item in ("车", "公车", "公务用车", "汽车") or re.fullmatch(r"[\u4e00-\u9fff()]{0,8}(?<!用)车", item)):
        item = "车辆"  # "一共有多少辆车": the vehicles the unit holds (国有资产占用)
    as_of = _AS_OF.search(question)
    # a stock at a year's end: things counted, or any figure the question dates with 截至 ("截至2022年底在建工程金额")
    year_end = _YEAR_END.search(question) if not as_of and (unit in _STOCK_UNITS or re.search(
        r"(截至|截止到?)\s*20\d\d\s*年\s*(年\s*)?(底|末)", question)) else None
    dated = as_of or year_end
    if dated:  # "截至2024年8月31日": a date, not the fiscal year (the next year's 预算 states it)
        years = tuple(y for y in years if y != int(dated.group(1)) or len(re.findall(dated.group(1), question)) > 1)
    date = f"{as_of.group(1)}年{int(as_of.group(2))}月{int(as_of.group(3))}日" if as_of else \
        f"{year_end.group(1)}年12月31日" if year_end else ""
    base = Selection(orgs, years, stages, item, measure, scope_of(question), as_of=date, period=period_of(question))
    operands: tuple[Selection, ...] = (base,)
    by = ""
    readings: tuple = ()
    two_measures = measures_in(subject)
    split = split_items(bracketed_parts(subject), op) if op in ("ratio", "multiple", "diff", "sum") else None
    many = len(orgs) >= 2 or len(years) >= 2
    if split and len(two_measures) >= 2 and (len(split[1]) <= 2 or len(split[0]) <= 2):
        split = None  # "X，决算数比年初预算多多少": two columns of one item, not two items
    if split and (split[0] == split[1] or (many and len(split[0]) >= 2 and shares(split[0], split[1]))):
        if many:
            base = replace(base, item=split[0])  # "A的收支总额比B的收支总计": one item, named on both sides
        split = None
    if len(orgs) == 2 and op in ("diff", "ratio", "multiple"):
        # "A和B的X，B比A多多少": the order of the comparison, said last
        last = {name: start for name, start, _ in organisation_mentions(question, [c[0] for c in catalog])}
        orgs = tuple(sorted(orgs, key=lambda o: last.get(o, -1)))
    if len(orgs) >= 2 and (op in ("sum", "diff", "ratio", "multiple", "rank", "list", "count")
                           or op == "value" and not set_word and not re.search(r"哪家|哪个单位|谁", question)):
        each_year = own_years(question, orgs, years, catalog)  # "A 2017年和B 2018年的X": each its own year
        operands, by = tuple(replace(base, organisations=(o,), years=each_year.get(o, base.years)) for o in orgs), "organisations"
        if op == "value":
            op = "list"  # "A和B的X是多少": each one's figure, never one of them
        elif op == "list":
            op = "rank" if not set_word else "list"
    elif len(years) >= 2 and op in ("value", "sum", "diff", "ratio", "multiple", "growth", "rank", "list"):
        ranged = any(str(y) not in question for y in years)
        if op in ("value", "sum") and ranged and _CHANGE_OVER.search(question):
            op, years = "diff", (max(years), min(years))  # "从2017年到2019年增加了多少": the end against the start
        elif (op in ("sum", "growth") or op == "value" and unit == "%") and ranged and _RANGE_CHANGE.search(question):
            # "从2021年到2024年增长了多少（百分比）": the end against the start, as a rate
            op, years = ("growth" if unit == "%" else "diff"), (max(years), min(years))  # the end against the start
        elif op in ("diff", "growth", "ratio", "multiple") and ranged and len(years) > 2:
            years = (max(years), min(years))  # "货物类从2017年到2019年减少了多少": the end against the start
        op = "list" if op == "value" else op  # "2017到2019年X是多少": each year's figure, never one of them
        order = sorted(years, key=lambda y: question.find(str(y)) if str(y) in question else 10**6)
        if op in ("growth", "diff") and ranged:
            order = sorted(years, reverse=True)  # the later year against the earlier
        elif op == "growth" or ranged:
            order = sorted(years, reverse=op == "growth")  # growth: (later − earlier) ÷ earlier; a range: in order
        # one stage named, and a document of that stage for every year: each year's figure is of that stage
        # ("2024年预算比2021年增长"); none named: the stage every year has (决算 first); else a year's figure
        # may come from another stage's document
        have = [{cs for co, cy, cs in catalog if cy == y and (not orgs or co in orgs)} for y in years]
        common = set.intersection(*have) if have else set()
        if len(stages) == 1:
            chosen = stages if stages[0] in common else ()
        else:  # no stage named: like with like, the 决算 of each year when every year has one
            chosen = ("决算",) if "决算" in common else tuple(common) if len(common) == 1 else ()
        clauses = clause_stages(question, years)  # "2025年预算比2024年实际支出": each year its own stage
        operands = tuple(replace(base, years=(y,), stages=clauses[y][0], measure=clauses[y][1] or base.measure)
                         if y in clauses else replace(base, years=(y,), stages=chosen) for y in order)
        by = "years"
    elif op in ("sum", "list", "rank") and len(enumerated(subject)) >= (2 if op == "sum" else 3):
        # "A、B、C三个资金池一共放了多少贷款": the noun asked after the list is what each one's figure is of
        asked = re.search(r"(?:多少|几)(?:亿元|万元|元|亿|万)?([\u4e00-\u9fff]{2,4}?)[？?]?$", question)
        noun = asked.group(1) if asked and not re.search(r"支出|收入|经费|资金|金额|预算|决算|钱|合计|总额|是|呢|[元亿万%]", asked.group(1)) else ""
        operands, by = tuple(replace(base, item=i if not noun or noun in i else i + noun) for i in enumerated(subject)), "items"
        op = "sum" if op == "sum" else op
    elif split:
        operands, by = (replace(base, item=split[0]), replace(base, item=split[1])), "items"
        readings = tuple((replace(base, item=a), replace(base, item=b)) for a, b in item_splits(subject, op)[1:] if a != b)
    elif op in ("diff", "ratio", "multiple") and len(two_measures) >= 2:
        # a 决算数 is read from the 决算 document; a 预算 beside it may come from either
        operands = tuple(replace(base, measure=m, stages=("决算",) if m == "决算数" and "决算" in (base.stages or ("决算",))
                                 else tuple(st for st in base.stages if st != "决算")) for m in two_measures[:2])
        by = "measures"
    elif op in ("rank", "list", "count"):
        by = "items"
        under, level, excluding = breakdown(subject)
        operands = (replace(base, under=under, level=level, excluding=excluding),)
    whole = re.match(r"(.{2,}?)(?:里面的|里的|里|中的)", operands[0].item) if len(operands) == 2 else None
    if whole and op in ("ratio", "diff", "multiple") and operands[1].item in ("总额", "总数", "合计", "总计", "总量"):
        # "政府采购里工程采购占了总额的百分之几": the total of the whole named (政府采购总额)
        operands = (operands[0], replace(operands[1], item=whole.group(1) + "总额"))
    operands = tuple(replace(o, item=WHOLE_ITEMS.get(o.item, o.item)) for o in operands)  # "总盘子": the 收支总计
    operands = tuple(in_table(o) for o in operands)  # "收支预算总表里的公共安全支出": that table's row
    tables = {o.table for o in operands if o.table}
    flat = re.sub(r"[“”\"、\s]|预算|决算", "", question)
    if len(tables) == 1 and re.search(re.escape(next(iter(tables))) + r"(里面|里|中|内|上)[，,]", flat):
        # "…支出预算表里，培训费占合计数的百分之几": the table sets the scene for every operand
        operands = tuple(replace(o, table=o.table or next(iter(tables))) for o in operands)
    scopes = list(dict.fromkeys(m.group(1) for m in re.finditer(r"(部门|单位)(?=预算|决算)", question)))
    if len(scopes) == 2 and op in ("diff", "ratio", "multiple", "sum") and by in ("", "items") and len(operands) <= 2:
        # "部门预算和单位预算的机关运行经费相差多少": one operand per document scope
        item = "收支总计" if operands[0].item in ("总额", "总数") else operands[0].item  # "部门预算总额比单位预算多多少"
        operands, by = tuple(replace(operands[0], scope=sc, item=item) for sc in scopes), "scopes"
    op, by, operands, readings = _part_and_whole(subject, op, by, base, operands, readings)
    if op == "value" and len(operands) == 1 and not readings and not scene:
        # "合肥在编2025年预算时做事前绩效评估，核减了多少资金": the scene, then the item the asking clause names
        own = asking_item(question, catalog)
        if own and own != item:
            readings = ((replace(base, item=own),),)
    # "市级（含市本级和新区）", "市级（市本级加四个开发区）": one level, its gloss in brackets
    levels = levels_in(re.sub(r"[（(](含|包括|包含)[^）)]*[)）]|(?<=级)[（(][^）)]*[)）]", "", question))
    if len(levels) == 2 and op in ("diff", "ratio", "multiple", "share") and by in ("", "items") and len(operands) <= 2:
        # "市本级收入占全市收入的比重", "市级比市本级多多少": one operand per level of government
        operands = operands if len(operands) == 2 else (operands[0], operands[0])
        # "全市X和市级X的增速": one item, named once per level
        operands = tuple(replace(o, item=re.sub(r"^(.{2,}?)(?:和|与|跟|同)\1的?", r"\1", o.item)) for o in operands)
        if op in ("ratio", "share"):  # "全市收入里，市级占多大比例": the narrower level is the part, the whole area the whole
            levels = sorted(levels, key=lambda lv: (lv in WHOLE_AREA, lv.endswith("级") and not lv.endswith("本级")))
        operands, by = tuple(replace(o, scope=level) for o, level in zip(operands, levels)), by or "levels"
    if op in ("rank",) and by == "organisations" and _SET_YEARS.search(question):
        by = "organisations"
    k = None
    top = _TOP.search(question)
    if top:
        k = int(normalize(top.group(1))) if top.group(1).isdigit() else "一二三四五六七八九十".index(top.group(1)) + 1
    elif op == "rank" and re.search(r"最多|最高|最大|最少|最低|最小|哪.{0,6}最", question):
        k = 1
    why = WHY.search(question)
    asks = bool(re.search(r"多少|几|金额|总额|数额|数字|预算数|决算数|百分之|占比|排|列出|分别", question))
    # "为什么涨了17%多？" quotes a figure to ask about its reason: a unit alone is no ask then
    cue = asks or (bool(unit) and not why)
    numeric = cue or (op != "value" and not why)
    if _WHO.search(question) and not re.search(r"多少|几", question):
        numeric = False  # "现任党委书记和校长分别是谁": people, not figures

    if op in ("rank", "list") and unit in ("个", "家", "人"):
        unit = None  # "几个项里哪个最多": the rows are counted in the question, the answer is an amount
    both = op == "rank" and k == 1 and bool(_ASCENDING.search(question)) and bool(_DESCENDING.search(question))
    falls = _FASTEST_FALL.search(question)
    rank_by = "growth" if op == "rank" and (falls or _FASTEST_GROWTH.search(question)) else ""
    if op == "rank" and _BY_EXECUTION.search(question):
        rank_by = "execution"  # "完成年初预算比例最低的是哪一项": each 科目's 决算 over its 年初预算
    where = condition_of(question) if re.search(r"几个|多少个|哪些|哪几|有几|分别是|列出", question) else ""
    if where:  # "有几个决算数超过了年初预算": the 科目 that meet it, counted or listed
        op, unit, k = ("count" if re.search(r"几个|多少个|有几", question) else "list"), (
            "个" if re.search(r"几个|多少个|有几", question) else None), None
    digits = re.search(r"(?:保留|精确到)\s*([一二两三四\d])\s*位小数", question)
    return Plan(op, operands, unit=unit, k=k, quoted=quoted_figures(question), digits="0一两三四".find(digits.group(1).replace("二", "两")) if digits and not digits.group(1).isdigit()
                else int(digits.group(1)) if digits else None, descending=both or not (_ASCENDING.search(question) or falls), where=where,
                both_ends=both, rank_by=rank_by, by=by,
                question=question, query=question, numeric=numeric, set_word=set_word, readings=readings,
                wants=("个",) if where and op == "count" else () if where else
                tuple(unit if w == "个" and unit == "人" else w for w in wanted_kinds(ask_part)))  # 几个导师: people
