"""Linking a question to the cells that answer it.

Candidates are the table facts and text facts of the organisations, years and
stages the question names, fetched with SQL built by sqlglot; each is scored
against the question's subject words, the measure words (年初预算, 决算 …) and
the unit wanted. The best cells then define a precise SELECT (see
:func:`cell_query`) whose result is where the answer's numbers come from.
"""

from __future__ import annotations

import re
from copy import copy
from pathlib import Path

from sqlglot import exp, select

from .cells import (ASKS_CHANGE, CHANGE, MONEY, TABLE_COLUMNS, TEXT_COLUMNS, Cell, common_run, last_level, norm,
                    table_subject, to_cell)
from .scope import LEVELS, WHOLE_AREA
from .naming import names_subject
from .scoring import MIN_SCORE, rank, score
from .slots import Slots, slots_for
from .sql import run
from .understand.phrases import period_of
from .understand.plan import Plan, Selection

__all__ = ["Cell", "Linker", "candidate_query", "cell_query", "score", "to_cell", "norm", "common_run", "table_subject",
           "last_level", "MONEY"]

_CHANGE, _ASKS_CHANGE = CHANGE, ASKS_CHANGE  # kept for the modules that import them from here


def _scope(query: exp.Select, slots: Slots, blank: bool = False) -> exp.Select:
    if slots.organisations:
        query = query.where(exp.column("organisation").isin(*[exp.Literal.string(o) for o in slots.organisations]), copy=False)
    if slots.years:
        query = query.where(exp.column("year").isin(*[exp.Literal.number(y) for y in slots.years]), copy=False)
    if slots.stages:
        # a report on a year's budget execution (执行情况) states that year's actuals: a 决算 question may read it
        # and one on the next year's (…预算执行情况) states that year's budget as adopted: a 预算 question may read it
        stages = [*slots.stages, *(("执行情况",) if {"决算", "预算"} & set(slots.stages) and "执行情况" not in slots.stages else ())]
        query = query.where(exp.column("stage").isin(*[exp.Literal.string(s) for s in stages]), copy=False)
    if blank:  # blank and "—" cells: the row is there, the figure is not
        return query.where(exp.column("value").is_(exp.null()), copy=False).where(
            "flags LIKE '%blank%' OR flags LIKE '%dash%'", copy=False)
    return query.where(exp.column("value").is_(exp.null()).not_(), copy=False)


_SUB_PLACE = re.compile(r"(?=((?:(?!全|各)[\u4e00-\u9fff]){2}(?:区|县))(?!级|本级))")  # 龙岗区 (overlapping), not 全市区级


def _at_level(cell: Cell, slots: Slots) -> bool:
    """The cell is of the level of government asked (:func:`_level_ok`), or is
    the figure of a district the item names ("转贷给龙岗区的": 转贷区级 龙岗区)."""
    row = cell.row or {}
    if _level_ok(row.get("level") or "", slots.scope):
        return True
    if not slots.scope and row.get("level") and row["level"] in (slots.item or ""):
        return True  # the item names the level ("转贷区级"): its figures are that level's
    return cell.source == "text" and any(p in (row.get("context") or "") for p in _SUB_PLACE.findall(slots.item or ""))


def _level_ok(level: str, asked: str) -> bool:
    """A level asked for is met by that level; the whole area (全市) also by a
    figure stated without one ("我市政府债务限额"), as when none is asked."""
    if asked in WHOLE_AREA:
        return level in ("", asked)
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
        fetched = self._fetch(slots, False)
        ranked = self._ranked([c for c in fetched if _at_level(c, slots)], sel, slots)
        if slots.scope or slots.operation != "value" or _names_item(ranked, slots):
            return ranked  # (a figure computed with others keeps to the level asked)
        # no level asked and the whole area's figures never name the item: a figure the report states for
        # one level only ("2025 年预算编制中…核减资金 8.99 亿元", 市本级) answers, its level named in the answer
        levelled = self._ranked([c for c in fetched if not _at_level(c, slots)], sel, slots)
        return levelled if _names_item(levelled, slots) else ranked

    def _ranked(self, cells: list[Cell], sel: Selection, slots: Slots) -> list[Cell]:
        if sel.as_of:
            # a stock at a date: the figures stated at that date, and undated ones of a document of that
            # year or the next (a 预算 reports its assets at the end of the year before); never another date's
            year = int(sel.as_of[:4])
            year_end = sel.as_of.endswith("12月31日")
            cells = [c for c in cells if _as_of(c, sel.as_of) or (
                c.year in (year, year + 1) and not re.search(r"(截至|截止)\s*20\d\d|20\d\d\s*年\s*(年\s*)?(底|末)", c.cite)
                # undated: a year's 决算 holds its end; a 预算 the end of the year before its own
                and not (year_end and (c.year, c.stage) in ((year, "预算"), (year + 1, "决算"))))]
            if sel.as_of.endswith("12月31日") and any(c.year == year and c.stage == "决算" and names_subject(c, slots)
                                                     for c in cells):
                # the year's 决算 states the stock at its end; the next year's 预算 an earlier date's
                cells = [c for c in cells if not (c.year == year + 1 and c.stage == "预算")]
        # a figure for part of a year (1—6月) answers only a question for that part, and the reverse
        cells = [c for c in cells if _period(c) == sel.period]
        if "预算" in slots.stages and "决算" not in slots.stages:  # a 预算 asked: from an 执行情况 report, its budget only
            cells = [c for c in cells if c.stage != "执行情况" or (
                re.search(r"预算安排|年初预算|预算数", c.label) and not re.search(r"执行|完成|实际", c.label))]
        if sel.table:
            cells = in_named_table(cells, sel.table)
        return rank([copy(c) for c in cells], slots)

    def in_scope(self, sel: Selection, **kw) -> list[Cell]:
        """Every cell of the selection's organisations, years, stages and level, unranked (document order)."""
        slots = self.slots(sel, **kw)
        return sorted((c for c in self._fetch(slots, False) if _at_level(c, slots)), key=lambda c: (c.source, c.id))

    def blanks(self, sel: Selection, **kw) -> list[Cell]:
        slots = self.slots(sel, **kw)
        cells = [c for c in self._fetch(slots, True) if _at_level(c, slots)]
        return rank([copy(c) for c in (in_named_table(cells, sel.table) if sel.table else cells)], slots)


def _names_item(ranked: list[Cell], slots: Slots) -> bool:
    """Does one of the best cells score enough and name the item asked?"""
    return any(c.score >= MIN_SCORE and names_subject(c, slots) for c in ranked[:40])


def _title_words(title: str) -> str:
    return re.sub(r"20\d\d\s*年度?|预算|决算|[“”\"、，,（）()\s]|公开\d*|^[一二三四五六七八九十\d]+[、.．]", "", title or "")


def in_named_table(cells: list[Cell], named: str) -> list[Cell]:
    """The cells of the table a question names ("收支预算总表里的X", "财政拨款支出预算表中的X"):
    those whose title holds the name (years, 预算/决算 and punctuation aside), else those of a
    table of the same kind (:func:`qa.table_kinds.classify`), and those of a table whose title was
    lost (a continuation page); never a sentence's figure.

    >>> c = lambda title, kind: Cell("table", 1, "d", "o", 2017, "预算", 1, "X", "", "", None, "万元", None, "", table=title, table_kind=kind)
    >>> cells = [c("收支预算总表", "income_expenditure_summary"), c("财政拨款支出预算表", "general_budget_expenditure"),
    ...          c("一般公共预算支出预算表", "general_budget_expenditure")]
    >>> [x.table for x in in_named_table(cells, "财政拨款支出表")], [x.table for x in in_named_table(cells, "收支总表")]
    (['财政拨款支出预算表'], ['收支预算总表'])
    """
    from .table_kinds import classify

    tables = [c for c in cells if c.source == "table"]
    untitled = [c for c in tables if not c.table]  # a continuation page whose title was not carried over
    want = _title_words(named)
    titled = [c for c in tables if want and want in _title_words(c.table)]
    if titled:
        return titled + untitled
    kind = classify(named)
    return [c for c in tables if kind != "other" and c.table_kind == kind] + untitled


def _period(cell: Cell) -> str:
    """The part of the year a cell's figure covers: its label's, else its section's or table's — but a
    year's budget stated in a half-year section ("1—6月执行情况": "三公经费预算安排较上年压减585万元")
    is the whole year's."""
    own = period_of(cell.label or "")
    if own or re.search(r"预算安排|全年|年度预算|年初预算", cell.label or ""):
        return own
    return period_of(f"{cell.section or ''}{cell.table or ''}{cell.label or ''}")


def _as_of(cell: Cell, date: str) -> bool:
    """Is ``cell`` stated at ``date`` (its sentence, or its table's title, names it)? True with no date asked."""
    text = re.sub(r"\s+", "", cell.cite + cell.table + cell.section)
    if date.endswith("12月31日") and re.search(date[:5] + r"年?(底|末)", text):
        return True  # "2023年末", "截至2023年底": the year's end
    return not date or date in text


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

