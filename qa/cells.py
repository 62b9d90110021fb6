"""Cells: the numbers a question may be answered with, from a table row or
a sentence, and the name forms they are compared by (:func:`norm`,
:func:`table_subject`, :func:`common_run`).

A :class:`Cell` is built from a row of ``facts`` or ``text_facts``
(:func:`to_cell`); the linker (:mod:`qa.link`) fetches them and the scorer
(:mod:`qa.scoring`) ranks them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Cell", "to_cell", "norm", "table_subject", "common_run", "tails", "last_level", "MONEY", "TABLE_COLUMNS",
           "TEXT_COLUMNS", "CHANGE", "ASKS_CHANGE", "TOTAL_ROW", "same_unit", "count_base", "FUNDS", "FUND_NAMES",
           "CATEGORIES", "asks_change", "without_quoted_figures"]

MONEY = ("万元", "元", "亿元")


def same_unit(a: str | None, b: str | None) -> bool:
    """Units that count the same thing: 人 and 名 (2466名服务专员 answers "多少人");
    a count in 万 of its unit (惠及群众206.7万人) answers for that unit, served as stated.

    >>> same_unit("名", "人"), same_unit("人", "人次"), same_unit("万人", "人"), same_unit("万元", "元")
    (True, False, True, False)
    >>> same_unit("万家", "万家"), same_unit("家", "万家"), same_unit("万元", "万家")
    (True, True, False)
    """
    people = ("人", "名")
    a, b = count_base(a), count_base(b)
    return a == b or (a in people and b in people)


def count_base(unit: str | None) -> str | None:
    """A count's unit without its 万 (万家 → 家); money units unchanged.

    >>> count_base("万户"), count_base("万元"), count_base("辆"), count_base("台（套）")
    ('户', '万元', '辆', '台')
    """
    if unit and unit.endswith("（套）"):
        unit = unit[:-3]  # 台（套）: equipment counted in 台
    return unit[1:] if unit and unit.startswith("万") and unit != "万元" and len(unit) > 1 else unit


TABLE_COLUMNS = ("id", "table_id", "doc", "organisation", "year", "stage", "page", "table_code", "table_title", "table_kind",
                 "row_index", "column_index", "row_label", "subject_code", "subject_level", "column_label", "measure",
                 "basis", "side", "value",
                 "unit", "value_wan", "row_text", "flags")
TEXT_COLUMNS = ("id", "doc", "organisation", "year", "stage", "page", "section", "context", "value", "unit",
                "value_wan", "sentence", "level")
CHANGE = re.compile(r"增加|减少|增长|下降|较上年|比上年|较20|比20|与上年|持平|变动|增幅|降幅|[小大低高少多]于上年|比预算(节约|节省|超支|减少|增加)")
ASKS_CHANGE = re.compile(r"比上年|较上年|与上年|同比|增加了?多少|减少了?多少|增长了?多少|下降了?多少|变化|变动|涨|降了?多少|多了多少|少了多少|多了还是少了|增加还是减少")


def without_quoted_figures(question: str) -> str:
    """The question without the clauses that only quote a figure and ask nothing ("2024年预算155万元，
    实际执行了多少？"): what such a clause names (a stage, a change) is the scene, not what is asked.

    >>> without_quoted_figures("项目2024年预算155万元，实际执行了多少？")
    '实际执行了多少？'
    """
    clauses = re.split(r"(?<=[，,；;。？?])", question)
    kept = [c for c in clauses if not (re.search(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元|%)", c) and not re.search(r"多少|几|百分之", c))]
    return "".join(kept) or question


def asks_change(question: str) -> bool:
    """Does the question ask for a change (比上年多了多少), not only quote one in a clause that sets
    the scene ("收支预算总计比上年增加4016.19万元，那么上年的预算总计是多少" asks for a level)?

    >>> asks_change("比上年增加4016.19万元，那么上年的预算总计是多少？"), asks_change("比上年增加了多少？")
    (False, True)
    """
    return bool(ASKS_CHANGE.search(without_quoted_figures(question)))
_QUOTES = re.compile(r"[“”\"'‘’「」《》\s]")
_PAREN_LEVEL = re.compile(r"[（(](项|类|款|境)[)）]")


@dataclass
class Cell:
    """A number that may answer the question, from a table or a sentence."""

    source: str  # "table" or "text"
    id: int
    doc: str
    organisation: str
    year: int | None
    stage: str
    page: int | None
    label: str
    descriptor: str
    basis: str
    value: Decimal | None  # None: a blank or "—" cell
    unit: str
    value_wan: Decimal | None
    cite: str  # the row as text, or the sentence
    table: str = ""
    section: str = ""
    measure: str = ""
    table_kind: str = ""
    subject_level: str = ""
    row: dict | None = None
    score: float = 0.0


def norm(text: str) -> str:
    """A label or question phrase as compared: NFKC (（护）→ (护)), no quotes or spaces, no (项)/(类)/(款).

    >>> norm("维修（护）费"), norm("“三公”经费"), norm("住房公积金（项）")
    ('维修(护)费', '三公经费', '住房公积金')
    """
    text = unicodedata.normalize("NFKC", text or "")
    return _PAREN_LEVEL.sub(lambda m: m.group(1) if m.group(1) == "境" else "", _QUOTES.sub("", text))


def to_cell(source: str, row: dict) -> Cell:
    wan = Decimal(row["value_wan"]) if row.get("value_wan") not in (None, "") else None
    value = Decimal(row["value"]) if row.get("value") not in (None, "") else None
    if source == "table":
        # a row without a label but with a code is named later from the code (see qa.numeric.Linker)
        label = row["row_label"] or ("" if row.get("subject_code") else row["measure"] or "")
        descriptor = " | ".join((label, row["column_label"] or "", row["measure"] or "", row["table_title"] or ""))
        return Cell("table", row["id"], row["doc"], row["organisation"], row["year"], row["stage"], row["page"],
                    label, descriptor, row["basis"] or row["measure"] or "", value, row["unit"], wan,
                    row["row_text"], table=row["table_title"] or row["table_code"] or "", measure=row["measure"] or "",
                    table_kind=row["table_kind"] or "", subject_level=row["subject_level"] or "", row=row)
    basis = "年初预算" if "年初预算" in row["context"] else "全年预算" if "全年预算" in row["context"] else (
        "决算数" if re.search(r"决算|执行|实际|完成", row["context"]) else "预算数" if BUDGET_WORD.search(row["context"]) else "")
    return Cell("text", row["id"], row["doc"], row["organisation"], row["year"], row["stage"], row["page"],
                last_level(row["context"]), row["context"], basis, value, row["unit"], wan, row["sentence"],
                section=row["section"] or "", row=row)


# a budget figure or column (年初预算, 预算数, 收入预算), not a fund whose name says 预算 (一般公共预算收入 is a
# fund's income, of any stage; 一般公共预算财政拨款 a source)
# the four budgets (funds) a government keeps: 一般公共预算 names a fund, not the 预算 stage
# the categories of one breakdown: a figure of one never answers for another (服务 is not 货物)
CATEGORIES = (("货物", "工程", "服务"), ("小微企业", "中小企业"), ("一般债务", "专项债务"), ("一般债券", "专项债券"))
FUND_NAMES = ("一般公共预算", "政府性基金", "国有资本经营", "社会保险基金")  # the four budgets a government keeps
FUNDS = re.compile("|".join(f"{name}预算" if not name.endswith("预算") else name for name in FUND_NAMES) + "|预算稳定调节基金")
BUDGET_WORD = re.compile(r"(?<!一般公共)(?<!政府性基金)(?<!国有资本经营)(?<!社会保险基金)预算(?!财政拨款|拨款|稳定调节)")


def last_level(context: str) -> str:
    """A sentence's figure belongs to the last 科目 of a 类/款/项 path: the label
    keeps that one (its parents stay in the descriptor).

    >>> last_level("卫生健康支出(类)行政事业单位医疗(款)事业单位医疗(项)2026年预算数")
    '事业单位医疗(项)2026年预算数'
    >>> last_level("公务接待费 支出决算为")
    '公务接待费 支出决算为'
    """
    marks = list(re.finditer(r"[（(](类|款|项)[)）]", context or ""))
    return context[marks[-2].end():] if len(marks) >= 2 else context



def common_run(a: str, b: str) -> int:
    """Length of the longest common substring.

    >>> common_run("收入预算总计", "江苏高院收支预算总计多少")
    4
    """
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best




TOTAL_ROW = re.compile(r"合计|总计|小计|本年支出合计|本年收入合计|支出合计|收入合计")


def table_subject(text: str) -> str:
    """What a table's title says it totals, or an item worded the same way:
    no year, no 表, no 财政拨款 (a 一般公共预算 table is all 财政拨款), no stage
    word at the end, no bracketed breakdown (分功能科目).

    >>> table_subject("2024年度一般公共预算财政拨款支出决算表"), table_subject("一般公共预算支出表(分功能科目)")
    ('一般公共预算支出', '一般公共预算支出')
    >>> table_subject("一般公共预算财政拨款支出"), table_subject("支出总表"), table_subject("财政拨款收入支出决算总表")
    ('一般公共预算支出', '支出总计', '财政拨款收入支出总计')
    >>> table_subject("2026年部门一般公共预算基本支出部门预算经济分类预算表")
    '一般公共预算基本支出'
    """
    text = re.sub(r"[(（][^)）]*[)）]|20\d\d年度?|年度|财政拨款(?!收)", "", norm(text))
    text = re.sub(r"(预算|决算)?总表$", "总计", text)  # a 总表 totals in its 总计 row
    text = re.sub(r"(预算|决算)?(情况)?表?$", "", re.sub(r"表$", "", text))
    # the document's scope before it and the breakdown after it: 部门一般公共预算基本支出部门预算经济分类
    return re.sub(r"^本?(部门|单位)(?=.{4})|(部门|单位)?(预算|决算)?(经济|功能)分类(预算|决算)?$", "", text)


def totals_named_table(cell, item: str) -> bool:
    """Is ``cell`` the total row (合计/总计) of the table ``item`` names
    (一般公共预算财政拨款支出 → 一般公共预算财政拨款支出决算表 · 合计)?"""
    subject = table_subject(item) if item else ""
    return len(subject) >= 4 and bool(TOTAL_ROW.fullmatch(norm(cell.label))) and subject == table_subject(cell.table)


def tails(name: str) -> list[str]:
    """``name`` and its tails cut at each 的, longest first: the row a phrase may
    name ("基本支出的对个人和家庭的补助" names the row 对个人和家庭的补助).

    >>> tails("基本支出的对个人和家庭的补助")
    ['基本支出的对个人和家庭的补助', '对个人和家庭的补助', '补助']
    """
    return [name] + ["的".join(name.split("的")[i:]) for i in range(1, name.count("的") + 1)]
