"""The clauses of a question: which one asks, which only set the scene, and what each names.

"合肥在编2025年预算时做事前绩效评估，核减了多少资金？" sets a scene and then asks; "2019年X增加了
646.57万元，那么2018年的是多少？" states figures and asks another year's; "省委办公厅2017年和省政协
办公厅2018年的X" dates each organisation apart. The functions here read those clauses for
:func:`qa.understand.parse.read`.
"""

from __future__ import annotations

import re

from ..cells import without_quoted_figures
from ..scope import find_stages, find_years, organisation_mentions
from .items import item_clause
from .phrases import measure_of

__all__ = ["SET_ORGS", "subject_of", "asked_years", "clause_stages", "asking", "scene_item", "own_years", "bracketed_parts",
           "asking_item", "asking_clause", "without_lead_in"]

SET_ORGS = re.compile(r"各单位|各个单位|各家|每家|每个单位|所有单位|全部单位|这几家|这些单位|几家单位都|(五|四|三|两|几)(份|个)(文件|文档|单位)|哪个单位|哪家单位|哪家")


def subject_of(question: str, catalog: list) -> str:
    spans = [(s, e) for _, s, e in organisation_mentions(question, [c[0] for c in catalog])]
    text = "".join(ch for i, ch in enumerate(question) if not any(s <= i < e for s, e in spans))
    return SET_ORGS.sub("", text)


def asked_years(question: str, years: tuple[int, ...]) -> tuple[int, ...]:
    """The years of the clause that asks, when earlier clauses only set the
    scene ("2019年提租补贴增加了646.57万元，那么2018年的是多少？" asks 2018).

    >>> asked_years("2019年X增加了646.57万元，那么2018年的X是多少万元？", (2018, 2019))
    (2018,)
    >>> asked_years("2018年和2019年X分别是多少？", (2018, 2019))
    (2018, 2019)
    """
    clauses, i = asking(question)
    if not i:
        return years
    own = find_years(clauses[i])
    earlier = find_years("，".join(clauses[:i]))
    return own if own and len(own) < len(years) and not set(own) & set(earlier) else years




def clause_stages(question: str, years: tuple[int, ...]) -> dict[int, tuple[tuple[str, ...], str]]:
    """The stage and column each year's own clause names, when the clauses name
    different stages: "2025年机关运行经费预算比2024年实际支出多多少" is the 2025
    预算 against the 2024 决算. Empty when they agree or a clause names none.

    >>> clause_stages("2025年机关运行经费预算比2024年实际支出多多少", (2024, 2025))
    {2025: (('预算',), '预算数'), 2024: (('决算',), '决算数')}
    >>> clause_stages("2024年预算比2021年增长了多少", (2021, 2024))
    {}
    """
    marks = sorted((m.start(), int(m.group())) for m in re.finditer(r"(?<!\d)20\d\d(?!\d)", question)
                   if int(m.group()) in years)
    found = {}
    for (start, year), (end, _) in zip(marks, marks[1:] + [(len(question), 0)]):
        clause = without_quoted_figures(question[start:end])
        measure = measure_of(clause)
        stage = find_stages(clause) or (("决算",) if measure == "决算数" else ("预算",) if measure == "预算数" else ())
        if len(stage) != 1 or year in found:
            return {}
        found[year] = (stage, measure if measure in ("决算数", "预算数") else "")
    return found if len({s for s, _ in found.values()}) == 2 else {}


def asking(question: str) -> tuple[list[str], int | None]:
    """The question's clauses, and the index of the first that asks (None: none does)."""
    clauses = [c for c in re.split(r"[，,；;。？?]", question) if c.strip()]
    return clauses, next((i for i, c in enumerate(clauses) if re.search(r"多少|几|是什么|哪", c)), None)


def scene_item(question: str) -> str:
    """What the scene before the asking clause states figures of: its first clause up to its first figure.

    >>> scene_item("2019年住房保障支出预算5686.35万元，比上年增加了2025.97万元，那2018年是多少？")
    '住房保障支出预算'
    """
    clauses, i = asking(question)
    first = re.sub(r"(?<!\d)20\d\d\s*年度?", "", clauses[0]) if i else ""
    return re.split(r"\d", first, maxsplit=1)[0]


def own_years(question: str, orgs: tuple[str, ...], years: tuple[int, ...], catalog: list) -> dict[str, tuple[int, ...]]:
    """Each organisation's own year, when the question dates each mention apart
    ("省委办公厅2017年和省政协办公厅2018年的X"); {} when it does not.

    >>> own_years("省委办公厅2017年和省政协办公厅2018年的因公出国费", ("中共江苏省委办公厅", "江苏省政协办公厅"), (2017, 2018),
    ...            [("中共江苏省委办公厅", 2017, "预算"), ("江苏省政协办公厅", 2018, "预算")])
    {'中共江苏省委办公厅': (2017,), '江苏省政协办公厅': (2018,)}
    >>> own_years("省委办公厅和省政协办公厅2017年、2018年的X", ("中共江苏省委办公厅", "江苏省政协办公厅"), (2017, 2018), [])
    {}
    """
    if len(years) != len(orgs) or len(orgs) < 2:
        return {}
    marks = [(m.start(), m.end(), int(m.group())) for m in re.finditer(r"(?<!\d)20\d\d(?!\d)", question)]
    own: dict[str, tuple[int, ...]] = {}
    for name, start, end in organisation_mentions(question, [c[0] for c in catalog] or list(orgs)):
        after = [y for s, e, y in marks if s >= end and not question[end:s].strip()]  # 省委办公厅2017年
        near = after or [y for s, e, y in marks if question.find("年", s) + 1 == start]  # 2017年省委办公厅
        if name in orgs and len(near) == 1 and name not in own:
            own[name] = (near[0],)
    return own if len(own) == len(orgs) and len({y for v in own.values() for y in v}) == len(orgs) else {}


_BRACKETED = re.compile(r"((?:(?![里中的])[\u4e00-\u9fff]){1,8})(债券|债务|支出|收入|经费|资金)[（(]([\u4e00-\u9fff]{1,4})\s*[+＋和、]\s*([\u4e00-\u9fff]{1,4})[)）]")


def bracketed_parts(subject: str) -> str:
    """A name with its parts listed in brackets, as two names ("再融资债券（一般+专项）": 再融资一般债券和再融资专项债券).

    >>> bracketed_parts("发行的地方政府债券里再融资债券（一般+专项）一共多少亿元")
    '发行的地方政府债券里再融资一般债券和再融资专项债券一共多少亿元'
    """
    return _BRACKETED.sub(lambda m: f"{m.group(1)}{m.group(3)}{m.group(2)}和{m.group(1)}{m.group(4)}{m.group(2)}", subject)


def asking_item(question: str, catalog: list) -> str:
    """The item the asking clause names on its own, when a scene clause comes before it (else "").

    >>> asking_item("合肥在编2025年预算时做事前绩效评估，核减了多少资金？", [])
    '核减资金'
    >>> asking_item("经信局2024年三公经费是多少？", []), asking_item("2024年，金额是多少？", [])
    ('', '')
    >>> asking_item("“X专项经费”这个项目，有多少钱是上年结转过来的？", [])
    ''
    """
    clauses, i = asking(question)
    if not i or re.search(r"[“”\"]|经费|资金|支出|收入|表|科目|[（(][类款项][)）]|[中里内下]$", "，".join(clauses[:i])):
        return ""  # the scene names what the item belongs to ("“X专项经费”这个项目，有多少是上年结转的"): no item of its own
    own = item_clause(subject_of(re.sub(r"^(那么?|则)", "", clauses[i]), catalog))
    return own if len(own) >= 3 and not re.fullmatch(r"(总)?(金额|资金|数额|数字|总额|合计|总计|规模)", own) else ""


def asking_clause(question: str) -> str:
    """The clause that asks, without the scene set before it."""
    clauses, i = asking(question)
    return re.sub(r"^(那么?|则)", "", clauses[i or 0]) if clauses else question


def without_lead_in(question: str, catalog: list) -> str:
    """The question after a lead-in that ends in a colon ("我在对比几个部门的采购规模：A的X比B多多少？"),
    when the part after it asks about an item of its own: the lead-in sets the scene.

    >>> without_lead_in("我在对比普陀区几个部门的采购规模：规划资源局的政府采购金额比社会工作部多多少？", [])
    '规划资源局的政府采购金额比社会工作部多多少？'
    >>> without_lead_in("经信局三公经费：2024年是多少？", [])
    '经信局三公经费：2024年是多少？'
    >>> without_lead_in("人大政府采购预算：2018年是2064.25万元，2019年变成多少了？增幅是多少（%）？", [])[:8]
    '人大政府采购预算'
    """
    lead = re.match(r"^([^：:]{2,60})[：:](.+)$", question)
    if not lead or not re.search(r"多少|几|哪|什么|百分之|占比|比例|比重", lead.group(2)):
        return question
    rest = re.sub(r"(?<!\d)20\d\d\s*年度?", "", subject_of(lead.group(2), catalog))
    return lead.group(2) if re.search(r"[\u4e00-\u9fff]{2}", item_clause(rest)) else question  # an item of its own
