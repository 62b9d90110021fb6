"""Tables and facts in SQLite: the schema users query, its views, and the
rows written from extracted :class:`~qa.tables.Table` s and
:class:`~qa.table_facts.Fact` s. The schema is documented in docs/schema.md
and kept stable: users write SQL against it (``qa sql``).

Values are exact: ``value`` and ``value_wan`` hold the decimal text (in the
table's unit, and normalised to 万元); ``amount_wan`` is the same number as a
REAL for sorting and filtering in SQL. Answers compute with Decimal from the
text columns.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["SCHEMA", "VIEWS", "DocFacts", "doc_facts", "write", "read", "QUERYABLE"]

SCHEMA = """
CREATE TABLE tables (
    id INTEGER PRIMARY KEY, doc TEXT, code TEXT, title TEXT, kind TEXT, unit TEXT,
    page_first INTEGER, page_last INTEGER, rows INTEGER, flags TEXT
);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY, doc TEXT, organisation TEXT, year INTEGER, stage TEXT,
    table_id INTEGER REFERENCES tables(id), table_code TEXT, table_title TEXT, table_kind TEXT,
    page INTEGER, row_index INTEGER, row_label TEXT, subject_code TEXT, code_system TEXT,
    subject_level TEXT, column_index INTEGER, column_label TEXT, measure TEXT, basis TEXT,
    side TEXT, text TEXT, value TEXT, value_wan TEXT, amount_wan REAL, unit TEXT,
    flags TEXT, row_text TEXT
);
CREATE INDEX facts_scope ON facts(organisation, year, stage);
CREATE INDEX facts_label ON facts(row_label);
CREATE TABLE text_facts (
    id INTEGER PRIMARY KEY, doc TEXT, organisation TEXT, year INTEGER, stage TEXT, page INTEGER,
    section TEXT, chunk_id INTEGER, context TEXT, text TEXT, value TEXT, unit TEXT, value_wan TEXT,
    amount REAL, sentence TEXT, level TEXT
);
CREATE INDEX text_facts_scope ON text_facts(organisation, year, stage);
CREATE TABLE checks (
    id INTEGER PRIMARY KEY, doc TEXT, name TEXT, status TEXT, expected TEXT, actual TEXT,
    unit TEXT, detail TEXT, fact_ids TEXT, cause TEXT
);
"""

VIEWS = """
CREATE VIEW amounts AS
    SELECT id, doc, organisation, year, stage, table_kind, table_code, page, row_label,
           subject_code, subject_level, column_label, measure, basis, value, unit, value_wan,
           amount_wan, flags
    FROM facts WHERE value IS NOT NULL;
CREATE VIEW expenditure_by_subject AS
    SELECT doc, organisation, year, stage, table_kind, table_code, subject_code, subject_level,
           row_label, measure, value, unit, value_wan, amount_wan, page, flags
    FROM facts
    WHERE code_system = '功能分类' AND value IS NOT NULL
      AND table_kind IN ('expenditure', 'general_budget_expenditure', 'gov_fund', 'state_capital');
CREATE VIEW basic_expenditure AS
    SELECT doc, organisation, year, stage, side, subject_code, row_label, measure,
           value, unit, value_wan, amount_wan, page, flags
    FROM facts WHERE table_kind = 'basic_expenditure_detail' AND value IS NOT NULL;
CREATE VIEW three_public AS
    SELECT doc, organisation, year, stage, measure, basis, column_label, value, unit, value_wan,
           amount_wan, page, flags
    FROM facts WHERE table_kind = 'three_public' AND value IS NOT NULL;
CREATE VIEW failed_checks AS
    SELECT doc, name, expected, actual, unit, detail, cause FROM checks WHERE status = 'fail';
"""

QUERYABLE = (
    "documents", "chunks", "tables", "facts", "text_facts", "checks",
    "amounts", "expenditure_by_subject", "basic_expenditure", "three_public", "failed_checks",
)

_TABLE_COLS = ("doc", "code", "title", "kind", "unit", "page_first", "page_last", "rows", "flags")
_FACT_COLS = (
    "doc", "organisation", "year", "stage", "table_id", "table_code", "table_title", "table_kind",
    "page", "row_index", "row_label", "subject_code", "code_system", "subject_level", "column_index",
    "column_label", "measure", "basis", "side", "text", "value", "value_wan", "amount_wan", "unit",
    "flags", "row_text",
)
_TEXT_COLS = (
    "doc", "organisation", "year", "stage", "page", "section", "chunk_id", "context", "text",
    "value", "unit", "value_wan", "amount", "sentence", "level",
)
_CHECK_COLS = ("doc", "name", "status", "expected", "actual", "unit", "detail", "cause", "fact_ids")


@dataclass
class DocFacts:
    """The table rows, fact rows and check rows of one document (plain dicts;
    ``fact["table"]`` and ``check["facts"]`` are positions in these lists)."""

    tables: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    text_facts: list[dict] = field(default_factory=list)  # chunk_id: the chunk's id in its build


def _text(value) -> str | None:
    return None if value is None else format(value, "f") if isinstance(value, Decimal) else str(value)


def _fact_row(f, table_pos: int) -> dict:
    return {
        "doc": f.doc, "organisation": f.organisation, "year": f.year, "stage": f.stage,
        "table": table_pos, "table_code": f.table_code, "table_title": f.table_title,
        "table_kind": f.table_kind, "page": f.page, "row_index": f.row_index, "row_label": f.row_label,
        "subject_code": f.subject_code, "code_system": f.code_system, "subject_level": f.subject_level,
        "column_index": f.column_index, "column_label": f.column_label, "measure": f.measure,
        "basis": f.basis, "side": f.side, "text": f.text, "value": _text(f.value),
        "value_wan": _text(f.value_wan),
        "amount_wan": float(f.value_wan) if f.value_wan is not None else None,
        "unit": f.unit, "flags": ",".join(f.flags), "row_text": f.row_text,
    }


def doc_facts(doc, tables, facts_by_table, checks=()) -> DocFacts:
    """Rows for one document from its tables, their facts and check results."""
    out = DocFacts()
    position: dict[int, int] = {}
    for t_pos, (table, facts) in enumerate(zip(tables, facts_by_table)):
        pages = [p for p in table.pages if p is not None]
        out.tables.append({
            "doc": doc.name, "code": table.code, "title": table.title, "kind": table.kind,
            "unit": table.unit, "page_first": min(pages) if pages else None,
            "page_last": max(pages) if pages else None, "rows": len(table.rows),
            "flags": ",".join(table.flags),
        })
        for f in facts:
            position[id(f)] = len(out.facts)
            out.facts.append(_fact_row(f, t_pos))
    for c in checks:
        out.checks.append({
            "doc": doc.name, "name": c.name, "status": c.status, "expected": _text(c.expected),
            "actual": _text(c.actual), "unit": c.unit, "detail": c.detail, "cause": c.cause,
            "facts": [position[id(f)] for f in c.facts if id(f) in position],
        })
    return out


def text_fact_rows(doc_meta: dict, pairs) -> list[dict]:
    """Rows of ``text_facts`` from (chunk, TextFact) pairs."""
    from .textfacts import wan

    rows = []
    for chunk, f in pairs:
        in_wan = wan(f.value, f.unit)
        rows.append({
            "doc": doc_meta["name"], "organisation": doc_meta["organisation"],
            "year": f.year if f.year is not None else doc_meta["year"],
            "stage": f.stage or doc_meta["stage"], "page": chunk.page, "section": chunk.section, "chunk_id": chunk.id,
            "context": f.context, "text": f.text, "value": _text(f.value), "unit": f.unit,
            "value_wan": _text(in_wan), "amount": float(in_wan if in_wan is not None else f.value),
            "sentence": f.sentence, "level": f.level,
        })
    return rows


def write(con: sqlite3.Connection, per_doc: list[DocFacts]) -> None:
    """Insert every document's tables, facts, text facts and checks with fresh ids."""
    con.executescript(SCHEMA + VIEWS)
    table_id = fact_id = check_id = 0
    for d in per_doc:
        con.executemany(
            f"INSERT INTO text_facts ({','.join(_TEXT_COLS)}) VALUES ({','.join('?' * len(_TEXT_COLS))})",
            [[t[c] for c in _TEXT_COLS] for t in d.text_facts],
        )
        table_ids, fact_ids = [], []
        for t in d.tables:
            table_id += 1
            table_ids.append(table_id)
            con.execute(f"INSERT INTO tables VALUES (?, {','.join('?' * len(_TABLE_COLS))})",
                        [table_id] + [t[c] for c in _TABLE_COLS])
        rows = []
        for f in d.facts:
            fact_id += 1
            fact_ids.append(fact_id)
            row = {**f, "table_id": table_ids[f["table"]] if f["table"] is not None else None}
            rows.append([fact_id] + [row[c] for c in _FACT_COLS])
        con.executemany(f"INSERT INTO facts VALUES (?, {','.join('?' * len(_FACT_COLS))})", rows)
        for c in d.checks:
            check_id += 1
            ids = ",".join(str(fact_ids[i]) for i in c["facts"])
            con.execute(f"INSERT INTO checks (id, {','.join(_CHECK_COLS)}) VALUES (?, {','.join('?' * len(_CHECK_COLS))})",
                        [check_id] + [c[k] for k in _CHECK_COLS[:-1]] + [ids])


def read(con: sqlite3.Connection, doc: str) -> DocFacts:
    """One document's rows from an existing build (for incremental rebuilds)."""
    con.row_factory = sqlite3.Row
    out = DocFacts()
    table_pos: dict[int, int] = {}
    for r in con.execute("SELECT * FROM tables WHERE doc = ? ORDER BY id", (doc,)):
        table_pos[r["id"]] = len(out.tables)
        out.tables.append({c: r[c] for c in _TABLE_COLS})
    fact_pos: dict[int, int] = {}
    for r in con.execute("SELECT * FROM facts WHERE doc = ? ORDER BY id", (doc,)):
        fact_pos[r["id"]] = len(out.facts)
        row = {c: r[c] for c in _FACT_COLS if c != "table_id"}
        row["table"] = table_pos.get(r["table_id"])
        out.facts.append(row)
    for r in con.execute("SELECT * FROM text_facts WHERE doc = ? ORDER BY id", (doc,)):
        out.text_facts.append({c: r[c] for c in _TEXT_COLS})
    for r in con.execute("SELECT * FROM checks WHERE doc = ? ORDER BY id", (doc,)):
        ids = [int(i) for i in (r["fact_ids"] or "").split(",") if i]
        row = {c: (r[c] if c in r.keys() else "") for c in _CHECK_COLS[:-1]}  # builds before 'cause'
        out.checks.append({**row, "facts": [fact_pos[i] for i in ids if i in fact_pos]})
    return out
