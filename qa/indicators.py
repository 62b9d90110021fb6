"""Figures inside the rows of narrative tables: performance indicators
(绩效目标表 / 绩效自评表) and cells that hold sentences.

A 绩效自评表 row "工业投资增速(2分) | 5% | 15.10% | 2.00" under the header
"三级指标 | 年初目标值(A) | 实际完成值(B) | 得分" states the indicator's target
and its result; the money tables' extractor reads neither (they are not
amounts of a classification). A cell such as "2024 年新设中小企业服务工作站
12 家" is a sentence like any other. Both become text facts:
``工业投资增速 实际完成值`` = 15.10 %, ``工业投资增速 年初目标值`` = 5 %, and
the cell's sentences as :func:`qa.textfacts.sentence_facts` reads them.
A sentence stating a target (目标/不少于/力争 …) is left out: its figure is no
result; an indicator's weight ("(2分)") is no figure. Rows are tab-separated lines (text dumps, table text of PDFs).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .chunk import split_sentences
from .textfacts import TextFact, sentence_facts

__all__ = ["indicator_columns", "row_facts", "table_row_facts"]

_TARGET = re.compile(r"(年初|年度|全年|项目)?(\(/项目\))?(目标值|指标值|预期目标|计划值|目标)")
_RESULT = re.compile(r"实际完成值|实际完成|完成值|实际值|全年实际值|完成情况")
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])\s*(%|％|家次|人次|个|家|次|篇|人|项|万元|亿元|元|场|件|户|辆|台|套|期|天|小时|平方米|亩)?"
                     r"(?!\s*[余多])")
_PROSE = re.compile(r"[\u4e00-\u9fff]")
_AIM = re.compile(r"目标|计划|预期|不少于|不低于|不超过|力争|≥|≤")
_AIM_ROW = re.compile(r"(年度|绩效|总体|项目)?(绩效)?目标\s*\d*\s*[:：]?$")  # a row headed 年度目标 1:
_LOOSE_WEIGHT = re.compile(r"[（(]\s*\d+(\.\d+)?\s*分\s*[)）]?")  # "(2分)", or "( 2 分" cut by a wrapped cell
_NAME_WEIGHT = re.compile(r"[（(]?\s*\d+(\.\d+)?\s*分\s*[)）]?\s*$")  # an indicator name's weight, however cut


def indicator_columns(cells: list[str]) -> tuple[int, int] | None:
    """(target, result) positions, counted from the end of the row's non-empty
    cells, when ``cells`` is a performance table's header; else None.

    >>> indicator_columns(["一级 指标", "二级 指标", "三级 指标", "年初目标值(A)", "实际完成值(B)", "得分"])
    (-3, -2)
    >>> indicator_columns(["项目", "金额"]) is None
    True
    >>> indicator_columns(["年度 绩效 目标 1", "一级 指标", "二级指标", "三级指标", "年初目标值 (A)", "实际完成值 (B)"])
    (-2, -1)
    """
    cells = [c.strip() for c in cells if c.strip()]
    result = next((i for i, c in enumerate(cells) if _RESULT.search(c)), None)
    target = result - 1 if result else None  # the target column stands just before the result's
    if target is None or not _TARGET.search(cells[target]) or _RESULT.search(cells[target]):
        return None
    return target - len(cells), result - len(cells)


def _figure(cell: str, unit_hint: str = "") -> tuple[str, Decimal, str] | None:
    """The one figure a short indicator cell states ("15.10%", "172个", "472 次"), or None."""
    found = _FIGURE.findall(re.sub(r"20\d\d\s*年度?", "", cell))  # "2024 年…增长 18.3%": one figure
    if len(found) != 1 or len(cell) > 30:
        return None
    number, unit = found[0]
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    unit = (unit or unit_hint).replace("％", "%")
    return (number, value, unit) if unit else None


def row_facts(cells: list[str], columns: tuple[int, int] | None) -> list[TextFact]:
    """The facts of one table row: its indicator's target and result (under a
    header of :func:`indicator_columns`), and the sentences of its prose cells.

    >>> [(f.context, f.value, f.unit) for f in row_facts(["", "工业投资增速(2分)", "5%", "15.10%", "2.00"], (-3, -2))]
    [('工业投资增速 年初目标值', Decimal('5'), '%'), ('工业投资增速 实际完成值', Decimal('15.10'), '%')]
    >>> [(f.context, f.value, f.unit) for f in row_facts(["1", "促进发展", "完成市下达目标任务(新设工作站 6 家)",
    ...                                                    "2024 年新设中小企业服务工作站 12 家"], None)]
    [('新设中小企业服务工作站', Decimal('12'), '家')]
    >>> row_facts(["年度目标 1:", "“直通车”平台实现企业关注量达 7000 家以上; 企业诉求回复率 100%"], None)
    []
    """
    filled = [c.strip() for c in cells if c.strip()]
    row = " | ".join(filled)
    out: list[TextFact] = []
    name = ""
    if columns and len(filled) >= 1 - min(columns):
        target, result = filled[columns[0]], filled[columns[1]]
        name = _NAME_WEIGHT.sub("", filled[columns[0] - 1]).strip(" （()）")
        goal = _figure(target)
        done = _figure(result, goal[2] if goal else "")
        if name and _PROSE.search(name) and not _FIGURE.fullmatch(name):
            for word, figure in (("年初目标值", goal), ("实际完成值", done)):
                if figure is not None:
                    out.append(TextFact(f"{name} {word}", figure[0], figure[1], figure[2], row))
    aim, result = ((filled[c] if len(filled) >= -c else None) for c in (columns or (0, 0))) if columns else (None, None)
    if filled and _AIM_ROW.match(filled[0]):
        return out  # "年度目标 1: …平台实现企业关注量达 7000 家以上": the row states aims, its figures are no results
    for cell in filled:
        if cell is aim or out and name and cell.startswith(name):
            continue  # the target column states aims, the name column the indicator
        if len(_PROSE.findall(cell)) >= (4 if cell is result else 12):  # a result cell may be short ("增长18.3%")
            for sentence in split_sentences(_LOOSE_WEIGHT.sub("", cell)):
                if not _AIM.search(sentence):  # a target stated in prose is no result
                    out.extend(sentence_facts(sentence))
    return out


def table_row_facts(chunks) -> list[tuple[object, TextFact]]:
    """(chunk, fact) for the tab-separated rows of a document's chunks; a
    performance table's header holds for the rows after it, across chunks,
    until a line that is no table row."""
    out = []
    columns = None
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            if "\t" not in line:
                if line.strip():
                    columns = None
                continue
            cells = line.split("\t")
            header = indicator_columns(cells)
            if header is not None:
                columns = header
                continue
            out.extend((chunk, fact) for fact in row_facts(cells, columns))
    return out
