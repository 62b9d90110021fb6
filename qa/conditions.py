"""科目 that meet a condition: "有几个决算数超过了年初预算", "100%完成年初预算的有几个",
"年初预算为0的项级科目一共有几个".

A 决算's 说明 states each 项 in one passage: "X（项）年初预算为A万元，支出决算为B万元，
完成年初预算的C%". Each 项 becomes a :class:`Line` with the figures its clauses state
(:func:`lines_of`); the plan's ``where`` (:data:`qa.understand.phrases.CONDITIONS`)
keeps the lines that meet it (:func:`meets`), and the answer counts or lists them,
each with its figures, citing the sentences. A line whose figures do not settle the
condition (no 年初预算 stated, say) is left out and the answer says how many were
read, so a count is never more certain than the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .cells import MONEY, norm
from .link import Cell, Linker
from .numeric import _fmt, _make, _money, _scope_name
from .types import Answer
from .understand.plan import Plan

__all__ = ["answer_condition", "rank_by_execution", "lines_of", "meets", "Line"]

# a 科目 named with its level: "…（款）行政运行（项）" → 行政运行（项）
_SUBJECT = re.compile(r"([^（）()\s]{2,40}?)[（(](项|款|类)[)）]\s*$")
_MEASURES = (("budget", re.compile(r"^(年初预算|年初预算数)(为|是)?$")),
             ("actual", re.compile(r"^(支出决算|决算数?|决算支出|实际支出)(数)?(为|是)?$")),
             ("rate", re.compile(r"^完成(了)?年初预算的?$")))


@dataclass
class Line:
    """One 科目 as its passage states it: 年初预算 and 决算 in 万元, 完成率 in %."""

    name: str
    level: str
    figures: dict = field(default_factory=dict)  # budget / actual / rate → Decimal
    cells: list = field(default_factory=list)


def lines_of(cells: list[Cell], level: str = "项") -> list[Line]:
    """The 科目 lines of one document's sentences, in the document's order.

    >>> from qa.cells import Cell
    >>> def text(i, label, value, unit="万元"):
    ...     return Cell("text", i, "d", "o", 2024, "决算", 1, label, label, "", Decimal(value), unit, None, "")
    >>> [(l.name, l.figures) for l in lines_of([text(1, "一般公共服务支出（类）行政运行（项） 年初预算为", "10"),
    ...     text(2, "一般公共服务支出（类）行政运行（项） 支出决算为", "12"), text(3, "行政运行（项） 完成年初预算的", "120", "%")])]
    [('行政运行', {'budget': Decimal('10'), 'actual': Decimal('12'), 'rate': Decimal('120')})]
    """
    out: dict[str, Line] = {}
    for c in sorted(cells, key=lambda c: c.id):
        parts = c.label.split()
        joined = re.match(r"(.*[（(](?:项|款|类)[)）])\s*(\S+)$", c.label.strip())
        if len(parts) < 2 and joined:  # "…住房公积金（项）年初预算为": the measure right after the 科目
            parts = [joined.group(1), joined.group(2)]
        if c.source != "text" or len(parts) < 2 or c.value is None:
            continue
        subject = _SUBJECT.search(re.sub(r"[“”\"]", "", parts[0]))
        if not subject or subject.group(2) != level:
            continue
        kind = next((k for k, pattern in _MEASURES if pattern.match(norm(parts[-1]))), "")
        if not kind or (c.unit != "%" if kind == "rate" else c.unit not in MONEY):
            continue
        line = out.setdefault(subject.group(1), Line(subject.group(1), level))
        if kind not in line.figures:
            line.figures[kind] = c.value if kind == "rate" else _money(c)  # amounts in 万元 ("年初预算为0元")
            line.cells.append(c)
    return list(out.values())


def meets(line: Line, where: str) -> bool | None:
    """Does ``line`` meet the condition? None when its figures do not say.

    >>> meets(Line("a", "项", {"budget": Decimal("59.27"), "actual": Decimal("61.15")}), "over_budget")
    True
    >>> meets(Line("b", "项", {"rate": Decimal("100.00")}), "at_budget"), meets(Line("c", "项", {}), "zero_budget")
    (True, None)
    """
    budget, actual, rate = (line.figures.get(k) for k in ("budget", "actual", "rate"))
    if where == "zero_budget":
        return None if budget is None else budget == 0
    if budget is not None and actual is not None:
        diff = actual - budget
    elif rate is not None:
        diff = rate - 100
    else:
        return None
    return {"over_budget": diff > 0, "at_budget": diff == 0, "under_budget": diff < 0}.get(where)


_SAID = {"over_budget": "决算数超过年初预算", "at_budget": "决算数与年初预算相同（完成100%）",
         "under_budget": "未完成年初预算", "zero_budget": "年初预算为0"}


def answer_condition(linker: Linker, plan: Plan) -> Answer | None:
    """The 科目 of the plan's document that meet ``plan.where``, counted (op count)
    or listed; None when the document states no 科目 lines."""
    lines = _document_lines(linker, plan)
    level = lines[0].level if lines else "项"
    if len(lines) < 2:
        return None
    stated = re.search(r"(\d+)\s*个\s*(项级|款级|类级)?(科目|项目)", plan.question)
    short = bool(stated) and int(stated.group(1)) > len(lines)  # "9个项级科目中": the document lists more than were read
    verdicts = [(line, meets(line, plan.where)) for line in lines]
    kept = [line for line, ok in verdicts if ok]
    unsure = [line for line, ok in verdicts if ok is None]
    shown = "；".join(f"{line.name}（{_figures(line)}）" for line in kept) or "无"
    head = f"{_scope_name(lines[0].cells[0])}决算说明逐项列出的{len(lines)}个{level}级科目中，{_SAID[plan.where]}的共{len(kept)}个"
    note = f"（另有{len(unsure)}个科目文中未列出判断所需的数字：{'、'.join(l.name for l in unsure)}）" if unsure else ""
    used = [c for line in kept for c in line.cells] or lines[0].cells
    if short:
        note += f"（问题说有{stated.group(1)}个科目，文中只读到{len(lines)}个，计数可能不全）"
    sure = plan.op == "count" and not unsure and not short
    return _make(f"{head}：{shown}{note}", Decimal(len(kept)) if sure else None, "个" if sure else None, used, [])


def _document_lines(linker: Linker, plan: Plan) -> list[Line]:
    """The 科目 lines of the document in scope that states the most of them."""
    sel = plan.operands[0]
    level = sel.level or next((m.group(1) for m in [re.search(r"(类|款|项)级", plan.question)] if m), "项")
    cells = [c for c in linker.in_scope(sel) if c.source == "text"]
    by_doc = {doc: lines_of([c for c in cells if c.doc == doc], level) for doc in dict.fromkeys(c.doc for c in cells)}
    doc = max(by_doc, key=lambda d: len(by_doc[d]), default=None)
    return by_doc.get(doc, []) if doc else []


def rank_by_execution(linker: Linker, plan: Plan) -> Answer | None:
    """"完成年初预算比例最低的是哪一项": the 科目 ranked by 决算 ÷ 年初预算 (the stated 完成率 where
    the figures are not both stated), the value that rate; None when fewer than two lines
    state one, or a line states none (the ranking could miss it)."""
    lines = _document_lines(linker, plan)
    unbudgeted = [line for line in lines if line.figures.get("budget") == 0]  # no 年初预算: no rate to rank
    rated = [(line, _rate(line)) for line in lines if line not in unbudgeted]
    if len(rated) < 2 or any(rate is None for _, rate in rated):
        return None
    order = sorted(rated, key=lambda lr: lr[1], reverse=plan.descending)
    top, rate = order[0]
    every = "；".join(f"{line.name}{_fmt(r)}%" for line, r in order)
    if unbudgeted:
        every += f"（年初预算为0、无完成率的：{'、'.join(line.name for line in unbudgeted)}）"
    word = "最高" if plan.descending else "最低"
    return _make(f"{_scope_name(top.cells[0])}决算说明逐项列出的{len(lines)}个科目中，完成年初预算比例{word}的是{top.name}"
                 f"（{_figures(top)}，{_fmt(rate)}%）。各科目从{'高到低' if plan.descending else '低到高'}：{every}",
                 rate, "%", top.cells, [])


def _rate(line: Line) -> Decimal | None:
    budget, actual, rate = (line.figures.get(k) for k in ("budget", "actual", "rate"))
    if budget and actual is not None:
        return (actual / budget * 100).quantize(Decimal("0.01"))
    return rate


def _figures(line: Line) -> str:
    words = {"budget": "年初预算{}万元", "actual": "支出决算{}万元", "rate": "完成{}%"}
    return "，".join(words[k].format(_fmt(v)) for k, v in line.figures.items())
