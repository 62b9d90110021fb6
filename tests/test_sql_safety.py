"""qa.sql: hostile SQL is refused or stopped, and the database never changes."""

from __future__ import annotations

import hashlib
import sqlite3
import time

import pytest
import sqlglot

from qa import sql as qsql
from qa.errors import QAError, QueryError
from qa.sql import UnsafeQuery, run, validate

ALLOWED = ["documents", "facts", "doc_totals"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("sql") / "qa.sqlite"
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE documents (name TEXT PRIMARY KEY, organisation TEXT, year INTEGER);
        CREATE TABLE facts (doc TEXT, row_label TEXT, value REAL);
        CREATE TABLE secrets (x TEXT);
        CREATE VIEW doc_totals AS SELECT doc, SUM(value) AS total FROM facts GROUP BY doc;
        CREATE VIEW hidden AS SELECT x FROM secrets;
        INSERT INTO secrets VALUES ('s3cret');
        """
    )
    docs = [(f"d{i}", "财政局" if i % 2 else "教育局", 2022 + i % 3) for i in range(5)]
    con.executemany("INSERT INTO documents VALUES (?, ?, ?)", docs)
    facts = [(f"d{i % 5}", f"项目{i}", float(i)) for i in range(60)]
    con.executemany("INSERT INTO facts VALUES (?, ?, ?)", facts)
    con.commit()
    con.close()
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


HOSTILE = [
    # more than one statement, however hidden
    "SELECT 1; DROP TABLE facts",
    "SELECT 1 /* */; DELETE FROM facts",
    "SELECT 1 -- \n; DROP TABLE facts",
    "SELECT * FROM facts; SELECT * FROM secrets",
    "BEGIN; DELETE FROM facts; COMMIT",
    # writes and schema changes
    "DROP TABLE facts",
    "DROP VIEW doc_totals",
    "DELETE FROM facts",
    "UPDATE facts SET value = 0",
    "INSERT INTO facts VALUES ('x', 'y', 1)",
    "INSERT INTO facts SELECT * FROM facts",
    "REPLACE INTO facts VALUES ('x', 'y', 1)",
    "INSERT OR REPLACE INTO facts VALUES ('x', 'y', 1)",
    "CREATE TABLE t (x)",
    "CREATE TEMP TABLE t AS SELECT * FROM facts",
    "CREATE TRIGGER t AFTER INSERT ON facts BEGIN DELETE FROM facts; END",
    "ALTER TABLE facts RENAME TO f2",
    "WITH x AS (SELECT 1) DELETE FROM facts",
    # database-level commands
    "ATTACH DATABASE '/tmp/x' AS x",
    "ATTACH ':memory:' AS m",
    "DETACH DATABASE main",
    "VACUUM",
    "VACUUM INTO '/tmp/x.db'",
    "REINDEX",
    "ANALYZE",
    "BEGIN",
    "COMMIT",
    "SAVEPOINT s",
    "PRAGMA writable_schema = 1",
    "PRAGMA query_only = OFF",
    "PRAGMA table_info(facts)",
    "SELECT * FROM pragma_table_info('facts')",
    "SELECT name FROM facts, pragma_database_list",
    # internal and forbidden tables, however spelled or hidden
    "SELECT * FROM sqlite_master",
    "SELECT * FROM sqlite_schema",
    "SELECT * FROM sqlite_temp_master",
    "SELECT * FROM main.sqlite_master",
    "sElEcT * FrOm SQLITE_MASTER",
    "SELECT * FROM \"sqlite_master\"",
    "SELECT * FROM 'sqlite_master'",
    "SELECT * FROM secrets",
    "SELECT * FROM [secrets]",
    "SELECT * FROM `SECRETS`",
    "SELECT * FROM hidden",
    "SELECT * FROM temp.facts",
    "SELECT * FROM x.facts",
    "SELECT * FROM ｓｅｃｒｅｔｓ",
    "SELECT (SELECT x FROM secrets) FROM facts",
    "SELECT * FROM facts WHERE row_label IN (SELECT x FROM secrets)",
    "SELECT 1 WHERE 's3cret' IN secrets",
    "SELECT doc, row_label, value FROM facts UNION SELECT x, x, x FROM secrets",
    "WITH t AS (SELECT * FROM secrets) SELECT * FROM t",
    "WITH facts AS (SELECT * FROM secrets) SELECT * FROM facts",
    "SELECT * FROM (WITH secrets AS (SELECT 1) SELECT * FROM secrets), secrets",
    "SELECT (SELECT group_concat(sql) FROM sqlite_master)",
    # dangerous or unknown functions
    "SELECT load_extension('x')",
    "SELECT LOAD_EXTENSION('x', 'y')",
    "SELECT readfile('/etc/passwd')",
    "SELECT writefile('/tmp/x', 'y')",
    "SELECT edit('x')",
    "SELECT randomblob(1e9)",
    "SELECT zeroblob(1000000000)",
    "SELECT fts3_tokenizer('simple')",
    "SELECT sqlite_version()",
    "SELECT sqlite_compileoption_get(0)",
    "SELECT total_changes()",
    "SELECT no_such_function(1)",
    "SELECT json_each.value FROM json_each('[1]')",
    "SELECT match('a', 'b')",
    # not a (single) SELECT at all
    "",
    "   \n\t ",
    "-- only a comment",
    ";",
    "hello world",
    "给我看看2024年的预算",
    "VALUES (1)",
    "SELECT 'unterminated",
    "SELECT FROM WHERE",
    "SELECT " + "(" * 3000 + "1" + ")" * 3000,
    "SELECT 1 " + "+ 1 " * 60000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_statement_is_refused(db, query):
    with pytest.raises(QueryError) as info:
        run(db, query, ALLOWED)
    assert str(info.value) and "Traceback" not in str(info.value)


@pytest.mark.parametrize(
    "query, message",
    [
        ("DROP TABLE facts", "only SELECT statements are allowed (got DROP)"),
        ("SELECT 1; DROP TABLE facts", "only one statement at a time"),
        ("SELECT * FROM secrets", "unknown table 'secrets'; tables: doc_totals, documents, facts"),
        ("SELECT * FROM sqlite_master", "SQLite's internal tables"),
        ("SELECT load_extension('x')", "function load_extension is not allowed"),
        ("SELECT * FROM pragma_table_info('facts')", "PRAGMA functions are refused"),
        ("", "empty query"),
        ("SELECT 'x", "cannot parse the SQL"),
    ],
)
def test_refusals_say_what_and_why(query, message):
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate(query, ALLOWED)


def test_policy_refusals_are_unsafe_query_and_qa_errors():
    with pytest.raises(UnsafeQuery) as info:
        validate("DELETE FROM facts", ALLOWED)
    assert isinstance(info.value, QAError)


RUNAWAY = [
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c",
    "SELECT count(*) FROM facts a, facts b, facts c, facts d, facts e, facts f",
]


@pytest.mark.parametrize("query", RUNAWAY)
def test_runaway_query_is_stopped_by_the_time_limit(db, query):
    start = time.monotonic()
    with pytest.raises(QueryError, match="took longer than 0.3 s"):
        run(db, query, ALLOWED, timeout_s=0.3)
    assert time.monotonic() - start < 3


def test_huge_values_are_capped(db):
    with pytest.raises(QueryError, match="larger than"):
        run(db, "SELECT length(replace(printf('%.*c', 1000000, 'x'), 'x', printf('%.*c', 100, 'y')))", ALLOWED)


def test_authorizer_backs_up_validation(db, monkeypatch):
    """Even if validation let something through, SQLite itself refuses it."""
    monkeypatch.setattr(qsql, "validate", lambda sql, allowed: sqlglot.parse_one("SELECT 1"))
    for query in (
        "SELECT * FROM secrets",
        "SELECT * FROM sqlite_master",
        "SELECT * FROM hidden",
        "SELECT load_extension('x')",
        "SELECT randomblob(10)",
        "SELECT * FROM pragma_table_info('facts')",
    ):
        with pytest.raises(UnsafeQuery, match="refused"):
            run(db, query, ALLOWED)
    with pytest.raises(QueryError):  # read-only connection + query_only
        run(db, "DELETE FROM facts", ALLOWED)


def test_cte_may_not_hide_a_view(db):
    with pytest.raises(UnsafeQuery, match="hides a view"):
        run(db, "WITH hidden AS (SELECT 1) SELECT * FROM hidden", ALLOWED)


def test_full_width_semicolon_is_refused_or_harmless(db):
    before = digest(db)
    try:
        run(db, "SELECT 1；DROP TABLE facts", ALLOWED)
    except QueryError:
        pass
    assert digest(db) == before


def test_database_is_unchanged_after_every_attack(db):
    before = digest(db)
    for query in HOSTILE + RUNAWAY:
        with pytest.raises(QueryError):
            run(db, query, ALLOWED, timeout_s=0.2)
    assert digest(db) == before
    assert run(db, "SELECT count(*) FROM facts", ALLOWED).rows == [(60,)]
    assert run(db, "SELECT count(*) FROM documents", ALLOWED).rows == [(5,)]


# -- allowed queries ------------------------------------------------------------


def test_trailing_semicolon_is_a_single_statement(db):
    assert len(run(db, "SELECT * FROM facts; ", ALLOWED).rows) == 60
    assert len(run(db, "SELECT * FROM facts; -- done", ALLOWED).rows) == 60


def test_where_group_by_order_by_limit(db):
    result = run(
        db,
        "SELECT doc, count(*) AS n, round(sum(value), 1) AS s FROM facts "
        "WHERE value >= 10 GROUP BY doc HAVING n > 1 ORDER BY s DESC LIMIT 2",
        ALLOWED,
    )
    assert result.columns == ["doc", "n", "s"]
    assert result.rows == [("d4", 10, 365.0), ("d3", 10, 355.0)]
    assert not result.truncated


def test_join_of_documents_and_facts(db):
    result = run(
        db,
        "SELECT d.organisation, total(f.value) FROM documents d JOIN facts f ON f.doc = d.name "
        "GROUP BY d.organisation ORDER BY 1",
        ALLOWED,
    )
    assert result.rows == [("教育局", 1062.0), ("财政局", 708.0)]


def test_view(db):
    result = run(db, "SELECT doc, total FROM doc_totals WHERE doc = 'd0'", ALLOWED)
    assert result.rows == [("d0", 330.0)]


def test_cte_and_set_operations(db):
    query = (
        "WITH big AS (SELECT doc, value FROM facts WHERE value > 55) "
        "SELECT doc FROM big UNION SELECT name FROM documents WHERE year = 2022 ORDER BY 1"
    )
    assert run(db, query, ALLOWED).rows == [("d0",), ("d1",), ("d2",), ("d3",), ("d4",)]
    recursive = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) SELECT sum(x) FROM n"
    assert run(db, recursive, ALLOWED).rows == [(15,)]


def test_common_functions_are_allowed(db):
    query = (
        "SELECT upper(substr(doc, 1, 1)), ifnull(NULL, 'a'), coalesce(NULL, 2), nullif(1, 1), "
        "iif(value > 1, 'big', 'small'), CASE WHEN value > 1 THEN 1 ELSE 0 END, CAST(value AS INTEGER), "
        "typeof(value), printf('%.2f', value), instr(row_label, '项'), length(row_label), "
        "replace(row_label, '项目', 'p'), trim(' x '), abs(-value), min(value, 5), "
        "row_label LIKE '项%', row_label GLOB '*1', group_concat(doc, ',') OVER () IS NOT NULL "
        "FROM facts WHERE value = 3"
    )
    row = run(db, query, ALLOWED).rows[0]
    assert row[:5] == ("D", "a", 2, None, "big")
    assert row[8] == "3.00" and row[11] == "p3"


def test_parameters(db):
    result = run(db, "SELECT value FROM facts WHERE doc = ? AND value < ?", ALLOWED, params=("d1", 20))
    assert result.rows == [(1.0,), (6.0,), (11.0,), (16.0,)]
    named = run(db, "SELECT name FROM documents WHERE year = :year ORDER BY name", ALLOWED, params={"year": 2023})
    assert named.rows == [("d1",), ("d4",)]


def test_max_rows_truncates(db):
    result = run(db, "SELECT * FROM facts", ALLOWED, max_rows=7)
    assert len(result.rows) == 7 and result.truncated
    assert not run(db, "SELECT * FROM facts", ALLOWED, max_rows=60).truncated


def test_allowed_names_are_case_insensitive(db):
    assert run(db, "SELECT count(*) FROM FACTS", ["Facts"]).rows == [(60,)]


def test_sqlite_errors_are_query_errors(db):
    with pytest.raises(QueryError, match="no such column"):
        run(db, "SELECT nope FROM facts", ALLOWED)
    with pytest.raises(QueryError):
        run(db, "SELECT * FROM facts WHERE doc = ?", ALLOWED, params=())


def test_missing_database(tmp_path):
    with pytest.raises(QAError, match="no database"):
        run(tmp_path / "absent.sqlite", "SELECT 1", ALLOWED)
