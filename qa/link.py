"""Linking a question to the cells that answer it.

Candidates are the table facts and text facts of the organisations, years and
stages the question names, fetched with SQL built by sqlglot; each is scored
against the question's subject words, the measure words (年初预算, 决算 …) and
the unit wanted. The best cells then define a precise SELECT (see
:func:`cell_query`) whose result is where the answer's numbers come from.
"""

from __future__ import annotations

import re
import unicodedata
from copy import copy
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from pathlib import Path

from sqlglot import exp, select

from .scope import LEVELS, WHOLE_AREA
from .slots import Slots, expand_synonyms, slots_for
from .sql import run
from .understand.plan import Plan, Selection

__all__ = ["Cell", "Linker", "candidate_query", "cell_query", "score", "to_cell", "MONEY"]

MONEY = ("万元", "元", "亿元")
TABLE_COLUMNS = ("id", "table_id", "doc", "organisation", "year", "stage", "page", "table_code", "table_title", "table_kind",
                 "row_index", "column_index", "row_label", "subject_code", "subject_level", "column_label", "measure",
                 "basis", "side", "value",
                 "unit", "value_wan", "row_text", "flags")
TEXT_COLUMNS = ("id", "doc", "organisation", "year", "stage", "page", "section", "context", "value", "unit",
                "value_wan", "sentence", "level")
_CHANGE = re.compile(r"增加|减少|增长|下降|较上年|比上年|较20|比20|与上年|持平|变动|增幅|降幅|[小大低高少多]于上年")
_ASKS_CHANGE = re.compile(r"比上年|较上年|与上年|同比|增加了?多少|减少了?多少|增长了?多少|下降了?多少|变化|变动|涨|降了?多少|多了多少|少了多少")
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


def _scope(query: exp.Select, slots: Slots, blank: bool = False) -> exp.Select:
    if slots.organisations:
        query = query.where(exp.column("organisation").isin(*[exp.Literal.string(o) for o in slots.organisations]), copy=False)
    if slots.years:
        query = query.where(exp.column("year").isin(*[exp.Literal.number(y) for y in slots.years]), copy=False)
    if slots.stages:
        query = query.where(exp.column("stage").isin(*[exp.Literal.string(s) for s in slots.stages]), copy=False)
    if blank:  # blank and "—" cells: the row is there, the figure is not
        return query.where(exp.column("value").is_(exp.null()), copy=False).where(
            "flags LIKE '%blank%' OR flags LIKE '%dash%'", copy=False)
    return query.where(exp.column("value").is_(exp.null()).not_(), copy=False)


def _level_ok(level: str, asked: str) -> bool:
    if asked in LEVELS:
        return level == asked
    return level in ("",) + WHOLE_AREA


def candidate_query(slots: Slots, source: str, blank: bool = False) -> str:
    """SQL (sqlglot-built) selecting the candidate cells in the question's scope
    (with ``blank``: the blank and "—" table cells instead)."""
    table, columns = ("facts", TABLE_COLUMNS) if source == "table" else ("text_facts", TEXT_COLUMNS)
    return _scope(select(*columns).from_(table), slots, blank).sql(dialect="sqlite")


def cell_query(cells: list[Cell]) -> str:
    """A precise SELECT of the cells used, by their provenance (not by id)."""
    parts = []
    for source in ("table", "text"):
        mine = [c for c in cells if c.source == source]
        if not mine:
            continue
        if source == "table":
            cols = ("organisation", "year", "stage", "table_code", "table_title", "row_label", "column_label", "value", "unit", "page")
            conds = [
                exp.and_(
                    exp.column("doc").eq(exp.Literal.string(c.doc)),
                    exp.column("table_id").eq(exp.Literal.number((c.row or {}).get("table_id", 0))),
                    exp.column("row_index").eq(exp.Literal.number((c.row or {}).get("row_index", 0))),
                    exp.column("column_index").eq(exp.Literal.number((c.row or {}).get("column_index", 0))),
                    copy=False,
                )
                for c in mine
            ]
            parts.append(select(*cols).from_("facts").where(exp.or_(*conds, copy=False), copy=False))
        else:
            cols = ("organisation", "year", "stage", "context", "value", "unit", "page", "sentence")
            conds = [
                exp.and_(exp.column("doc").eq(exp.Literal.string(c.doc)), exp.column("context").eq(exp.Literal.string((c.row or {}).get("context", c.label))),
                         exp.column("value").eq(exp.Literal.string(format(c.value, "f"))), copy=False)
                for c in mine
            ]
            parts.append(select(*cols).from_("text_facts").where(exp.or_(*conds, copy=False), copy=False))
    return ";\n".join(p.sql(dialect="sqlite") for p in parts)


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
        "决算数" if re.search(r"决算|执行|实际", row["context"]) else "预算数" if "预算" in row["context"] else "")
    return Cell("text", row["id"], row["doc"], row["organisation"], row["year"], row["stage"], row["page"],
                last_level(row["context"]), row["context"], basis, value, row["unit"], wan, row["sentence"],
                section=row["section"] or "", row=row)


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


def _unit_ok(cell: Cell, unit: str | None) -> bool:
    if unit in (None, *MONEY):
        return cell.unit in MONEY  # no unit named: an amount of money, never a count or a rate
    return cell.unit == unit


_KEY_TERMS = ("基本支出", "项目支出", "人员经费", "公用经费", "三公", "机关运行经费", "政府采购", "年初预算")


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


# Terms that define a narrower figure: a row named by one answers only a question naming it.
_NARROWING = ("三公", "政府采购", "机关运行经费", "会议费", "培训费")
_TOTAL_ROW = re.compile(r"合计|总计|小计|本年支出合计|本年收入合计|支出合计|收入合计")
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


def table_subject(text: str) -> str:
    """What a table's title says it totals, or an item worded the same way:
    no year, no 表, no 财政拨款 (a 一般公共预算 table is all 财政拨款), no stage
    word at the end, no bracketed breakdown (分功能科目).

    >>> table_subject("2024年度一般公共预算财政拨款支出决算表"), table_subject("一般公共预算支出表(分功能科目)")
    ('一般公共预算支出', '一般公共预算支出')
    >>> table_subject("一般公共预算财政拨款支出"), table_subject("支出总表")
    ('一般公共预算支出', '支出总')
    """
    text = re.sub(r"[(（][^)）]*[)）]|20\d\d年度?|年度|财政拨款(?!收)", "", norm(text))
    return re.sub(r"(预算|决算)?(情况)?表?$", "", re.sub(r"表$", "", text))
_MEASURE_LABEL = re.compile(r"(本年|上年)?(预算数|决算数|年初预算数?|全年预算数?|调整预算数?|执行数)")


def score(cell: Cell, slots: Slots, words: list[str]) -> float:
    """How well ``cell`` answers the question (higher is better; -inf: it cannot)."""
    if slots.operation in ("ratio", "growth"):
        if cell.unit not in MONEY + ("%",):
            return float("-inf")
    elif not _unit_ok(cell, slots.unit):
        return float("-inf")
    row = cell.row or {}
    if cell.source == "table" and _INDEX_COLUMN.search(row.get("column_label") or ""):
        return float("-inf")  # 序号 / 行次 / 栏次: positions, not amounts
    if cell.table_kind in _PERFORMANCE and not _ASKS_PERFORMANCE.search(slots.question) and not (
            len(slots.item) >= 4 and norm(slots.item) in norm(cell.table + (row.get("column_label") or "") + cell.cite)):
        return float("-inf")  # a project's targets and scores answer only questions about performance or that project
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
    core = re.sub(r"^(其中|一、|二、|三、|[一二三四五六七八九十]+、)", "", label)
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
        if shared >= 3 and shared >= 0.5 * min(len(core), len(asked) or 1):
            points += 1 + 0.3 * shared  # 收入预算总计 for 收支预算总计
    row = cell.row or {}
    carried = label + norm(row.get("column_label") or "") + norm(row.get("measure") or "")
    for term in _KEY_TERMS:
        if term in raw_target and term not in carried:
            points -= 3  # the question names a measure this cell is not about
    if any(t in label and t not in q and not (t == "三公" and any(i in q for i in _THREE_PUBLIC_ITEMS)) for t in _NARROWING):
        points -= 4  # 三公经费合计 is no answer to "支出是多少": the row is defined by a term not asked
    if cell.source == "text" and re.search(r"总计|合计|总额|总量", label) and \
            not re.search(r"总|合计|一共|共计|全部|累计", slots.question + raw_target):
        points -= 3  # "收入总计" (with transfers) is not the 一般公共预算收入 asked: a total only for a total
    if "拨款" in norm(cell.table) and "拨款" not in q:
        points -= 0.5  # no fund source named: the all-funds table before the 财政拨款 one, other things equal
    points += _column_points(cell, raw_target, core, total_row)
    if len(item) >= 4 and cell.source == "text":  # a table row's name is matched above, whole
        points += _head_points(norm(slots.item), label)
    points += _container_points(cell, slots, label)
    named = cell.label.split()[0] if cell.label.split() else ""
    function_row = cell.source == "table" and str(row.get("subject_code") or "").startswith("2") and cell.subject_level
    if slots.item and (function_row or cell.source == "text" and re.search(r"[（(](项|类|款)[)）]", named)) \
            and _bare(named) == _bare(slots.item):
        points += 3.0  # the 科目 by its exact name: 行政单位医疗(项), not 其他行政事业单位医疗支出
    for w in set(words):
        weight = 1.0 if w in target else 0.5
        if w in label:
            points += 0.6 * len(w) * weight
        elif w in cell.descriptor:
            points += 0.25 * len(w) * weight
    if len(slots.years) < 2:  # comparing years compares stages too: each group keeps its own
        points += _measure_points(cell, slots.subject)
    asks_change = slots.operation == "value" and bool(_ASKS_CHANGE.search(slots.question))
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


_CONTAINER_SPLIT = re.compile(r"里面的|里的|里，|里,|里|中的|之中|其中")


def _container_points(cell: Cell, slots: Slots, label: str) -> float:
    """"X中的Y" / "X里，Y": the part Y of the row X. A cell on row X (by name
    or 科目 code) beats one whose table, column or section is X's; a cell
    outside X (the same column of another row or of the total) cannot answer.

    >>> from qa.slots import Slots
    >>> c = lambda label, code="": Cell("table", 1, "d", "o", 2021, "预算", 1, label, "", "", None, "万元", None, "",
    ...                                row={"subject_code": code})
    >>> s = Slots("", "", subject="高等教育(2050205)的支出中的项目支出", container_is_row=True)
    >>> _container_points(c("高等教育", "2050205"), s, "高等教育"), _container_points(c("合计"), s, "合计")
    (3.0, -inf)
    """
    code, core = container_of(slots.subject)
    core = slots.container_core or core
    if not code and len(core) < 2:
        return 0.0
    row = cell.row or {}
    own = str(row.get("subject_code") or "")
    if (code and own == code) or (len(core) >= 2 and core in label) or \
            any(own.startswith(c) and len(own) > len(c) for c in slots.container_codes):
        return 3.0  # the row itself, or a 科目 under it (事业运行 2011350 under 商贸事务 20113)
    if len(core) >= 2 and common_run(core, norm((row.get("column_label") or "") + cell.table + cell.section)) >= min(4, len(core)):
        return 1.0
    if cell.source == "text" and len(core) >= 2 and core in norm(cell.cite):
        return 1.0  # the sentence is about X ("到期利息96.6亿元，其中一般债券44.2亿元")
    if cell.source == "text" and slots.container_in_text:
        return float("-inf")  # sentences name X elsewhere: this one, about something else, cannot answer
    # another row's part (基本支出 in total is not 一般公共服务支出's 基本支出) — when X is a row here at all
    return float("-inf") if slots.container_is_row else 0.0


def container_of(subject: str) -> tuple[str, str]:
    """(科目 code, name core) of the X in "X中的Y" / "X里，Y", or ("", "").

    >>> container_of("高等教育(2050205)的支出中的项目支出"), container_of("2026年单位预算的基本支出里，退休费")
    (('2050205', '高等教育'), ('', '基本'))
    """
    parts = _CONTAINER_SPLIT.split(norm(subject))
    if len(parts) < 2 or not parts[-2]:
        return "", ""
    container = re.sub(r"^.*?(预算|决算)的|20\d\d年度?|^截至.*?底|(本?部门|本?单位)(预算|决算)?$", "", parts[-2])
    code = re.search(r"\d{3,7}", container)
    core = re.sub(r"[(]?\d{3,7}[)]?|(的|支出|收入|预算|决算|项目|明细|表|情况|科目|(类|款|项)级?)*$", "", re.sub(r"(?<=支出)(预算|决算)", "", container))
    return (code.group(0) if code else ""), core


# Columns that hold a row's whole figure; other columns hold a part of it.
_TOTAL_COLUMNS = ("合计", "决算数", "预算数", "小计", "金额", "总计", "全年预算", "年初预算", "调整预算", "本年支出合计",
                  "本年收入合计", "三公经费合计")


def _measure_named(measure: str, q: str) -> bool:
    """The question names the column by a part of its name (人员经费 for 人员经费合计)."""
    core = re.sub(r"合计|小计|支出|收入", "", measure)
    return len(core) >= 2 and core in q


class Linker:
    """Ranked candidate cells for the operands of one plan, fetched once per scope.

    ``ranked(sel)`` gives the cells with a value, best first (see
    :func:`qa.link.score`); ``blanks(sel)`` the blank and "—" cells of the
    same scope, scored the same way.
    """

    def __init__(self, db: Path, plan: Plan, tokenizer=None):
        self.db, self.plan, self.tokenizer = db, plan, tokenizer
        self._rows: dict = {}
        self._scopes: dict | None = None

    def slots(self, sel: Selection, **kw) -> Slots:
        return slots_for(self.plan, sel, self.tokenizer, **kw)

    def _fetch(self, slots: Slots, blank: bool) -> list[Cell]:
        key = (slots.organisations, slots.years, slots.stages, slots.scope, blank)
        if key not in self._rows:
            cells = []
            for source in ("table", "text") if not blank else ("table",):
                result = run(self.db, candidate_query(slots, source, blank), ("facts", "text_facts"), max_rows=200000)
                cells.extend(to_cell(source, dict(zip(result.columns, row))) for row in result.rows)
            self._rows[key] = self._one_scope(_named_by_code(cells), slots.scope)
        return self._rows[key]

    def _one_scope(self, cells: list[Cell], asked: str) -> list[Cell]:
        """Where one organisation publishes a 部门 and a 单位 document for the
        same year and stage, keep the one asked for, else the 部门 one (the
        consolidated figure a 部门 name stands for). A government report's
        figures each belong to a level (全市 / 市本级 / 市级): a question naming
        a level gets that level's figures only; one naming none gets the
        whole area's (全市, or a figure without a level), never a part's."""
        cells = [c for c in cells if _level_ok((c.row or {}).get("level") or "", asked)]
        if self._scopes is None:
            result = run(self.db, "SELECT name, organisation, year, stage, scope FROM documents", ("documents",))
            self._scopes = {r[0]: (r[1], r[2], r[3], r[4] or "") for r in result.rows}
        kinds: dict[tuple, set[str]] = {}
        for name, (org, year, stage, scope) in self._scopes.items():
            kinds.setdefault((org, year, stage), set()).add(scope)

        def keep(cell: Cell) -> bool:
            org, year, stage, scope = self._scopes.get(cell.doc, ("", None, "", ""))
            present = kinds.get((org, year, stage), set())
            if asked and asked in present:
                return scope == asked
            return not ({"部门", "单位"} <= present) or scope == "部门"

        return [c for c in cells if keep(c)]

    def ranked(self, sel: Selection, **kw) -> list[Cell]:
        slots = self.slots(sel, **kw)
        return _ranked([copy(c) for c in self._fetch(slots, False)], slots)

    def blanks(self, sel: Selection, **kw) -> list[Cell]:
        slots = self.slots(sel, **kw)
        return _ranked([copy(c) for c in self._fetch(slots, True)], slots)


def _named_by_code(cells: list[Cell]) -> list[Cell]:
    """Rows whose label was lost (a text dump keeps only the code 208) take the
    name the same document gives that code in another table; rows still
    unnamed are dropped: a figure with no item cannot answer for one."""
    names = {(c.doc, (c.row or {}).get("subject_code")): c.label for c in cells
             if c.source == "table" and c.label and (c.row or {}).get("subject_code")}
    out = []
    for c in cells:
        if c.source == "table" and not c.label:
            name = names.get((c.doc, (c.row or {}).get("subject_code")))
            if not name:
                continue
            c.label = name
            c.descriptor = name + c.descriptor
        out.append(c)
    return out


def _ranked(cells: list[Cell], slots: Slots) -> list[Cell]:
    code, core = container_of(slots.subject)
    labels = [norm(c.label) for c in cells if c.source == "table"]
    # "基本支出的对个人和家庭的补助里": the longest tail (cut at 的) that is a row here names the container
    tails = [core] + ["的".join(core.split("的")[i:]) for i in range(1, core.count("的") + 1)]
    core = next((t for t in tails if len(t) >= 2 and any(t in label for label in labels)), core)
    slots.container_core = core
    rows = [c for c in cells if c.source == "table" and (
        (code and (c.row or {}).get("subject_code") == code) or (len(core) >= 2 and core in norm(c.label)))]
    slots.container_is_row = bool(code or core) and bool(rows)
    slots.container_in_text = len(core) >= 2 and any(core in norm(c.cite) for c in cells if c.source == "text")
    slots.container_codes = tuple({str((c.row or {}).get("subject_code")) for c in rows if (c.row or {}).get("subject_code")})
    for c in cells:
        c.score = score(c, slots, slots.words)
    return sorted((c for c in cells if c.score > float("-inf")), key=lambda c: (-c.score, c.source != "table", c.id))
