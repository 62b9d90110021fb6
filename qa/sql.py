"""Validate and run a user's SQL against the index database, read-only.

Two independent layers: :func:`validate` (sqlglot) accepts one SELECT
(UNION/INTERSECT/EXCEPT, WITH … SELECT) reading only allowed tables (CTE
names count inside their statement) and calling only :data:`SAFE_FUNCTIONS`;
:func:`run` then opens the file read-only with ``PRAGMA query_only``, an
authorizer that denies anything else, capped value sizes and a time limit.
Refusals raise :class:`UnsafeQuery`; unparsable SQL and SQLite errors raise
:class:`QueryError`.

>>> validate("SELECT name FROM documents WHERE year = 2024", ["documents"]).sql()
'SELECT name FROM documents WHERE year = 2024'
>>> validate("SELECT * FROM sqlite_master", ["documents"])
Traceback (most recent call last):
qa.sql.UnsafeQuery: table 'sqlite_master' is not allowed: SQLite's internal tables are off limits
>>> validate("SELECT load_extension('x')", ["documents"])
Traceback (most recent call last):
qa.sql.UnsafeQuery: function load_extension is not allowed
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError
from sqlglot.tokens import TokenType

from .errors import IndexError_, QueryError

__all__ = ["UnsafeQuery", "Result", "validate", "run", "SAFE_FUNCTIONS"]

DIALECT = "sqlite"
MAX_SQL_CHARS = 100_000
MAX_VALUE_BYTES = 32 * 1024 * 1024  # longest string/blob a query may build
_PROGRESS_STEPS = 1000  # SQLite VM instructions between time checks

#: Functions a query may call, by their SQLite names (plus CAST/EXISTS syntax).
SAFE_FUNCTIONS = frozenset("""
    abs avg count group_concat max min sum total
    coalesce ifnull nullif iif cast exists typeof likely unlikely likelihood
    length lower upper substr substring trim ltrim rtrim replace instr
    printf format char hex quote unicode like glob
    round ceil ceiling floor trunc sign sqrt pow power exp ln log log10 log2 mod pi
    date time datetime julianday strftime unixepoch
    row_number rank dense_rank percent_rank cume_dist ntile
    lag lead first_value last_value nth_value
    json_extract -> ->>
""".split())

_START = {TokenType.SELECT, TokenType.WITH, TokenType.L_PAREN}
_QUERY_ROOTS = (exp.Select, exp.Subquery, getattr(exp, "SetOperation", exp.Union))
_WRITES = tuple(getattr(exp, name) for name in (
    "Insert Update Delete Merge Create Drop Alter AlterTable Command Pragma Attach Detach "
    "Transaction Commit Rollback Set Use Into Copy LoadData Analyze").split() if hasattr(exp, name))
_SEMICOLON = getattr(exp, "Semicolon", ())  # a trailing comment after the last ";"
_INTERNAL = re.compile(r"^sqlite_", re.I)
_CALL = re.compile(r"\s*([^\s(]+)\s*\(")


class UnsafeQuery(QueryError):
    """A query refused because it could read or change what it must not."""


@dataclass
class Result:
    """Rows of a query; ``truncated`` if more than ``max_rows`` were available."""

    columns: list[str]
    rows: list[tuple]
    truncated: bool
    sql: str


# -- validation ---------------------------------------------------------------


def validate(sql: str, allowed: Iterable[str]) -> exp.Expression:
    """The parsed query if ``sql`` is one safe SELECT over ``allowed`` tables.

    Raises :class:`UnsafeQuery` naming what was refused and why, or
    :class:`QueryError` if the text is not SQL sqlglot can parse.
    """
    names = _names(allowed)
    try:
        tree = _parse(sql)
        _check_tables(tree, names)
        _check_functions(tree)
    except RecursionError:
        raise QueryError("the query is nested too deeply") from None
    return tree


def _names(allowed: Iterable[str]) -> set[str]:
    return {name.lower() for name in allowed if not _INTERNAL.match(name)}


def _parse(sql: str) -> exp.Expression:
    if len(sql) > MAX_SQL_CHARS:
        raise UnsafeQuery(f"the query is too long ({len(sql)} characters; at most {MAX_SQL_CHARS})")
    try:
        statements = _split(sqlglot.Dialect.get_or_raise(DIALECT).tokenize(sql))
        if not statements:
            raise QueryError("empty query: type a SELECT statement")
        if len(statements) > 1:
            raise UnsafeQuery(f"only one statement at a time is allowed (found {len(statements)})")
        if statements[0][0].token_type not in _START:
            raise UnsafeQuery(f"only SELECT statements are allowed (got {statements[0][0].text.upper()[:30]})")
        trees = [t for t in sqlglot.parse(sql, read=DIALECT) if t and not isinstance(t, _SEMICOLON)]
    except SqlglotError as e:
        raise QueryError(f"cannot parse the SQL: {_describe(e)}") from None
    if len(trees) != 1 or not isinstance(trees[0], _QUERY_ROOTS):
        raise UnsafeQuery("only SELECT statements are allowed")
    for node in trees[0].walk():
        if isinstance(node, _WRITES):
            raise UnsafeQuery(f"only SELECT statements are allowed (found {node.key.upper()})")
    return trees[0]


def _split(tokens: list) -> list[list]:
    """Tokens grouped into statements at semicolons (empty statements dropped)."""
    statements: list[list] = [[]]
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            statements.append([])
        else:
            statements[-1].append(token)
    return [s for s in statements if s]


def _describe(error: SqlglotError) -> str:
    """sqlglot's first complaint, with its token and class reprs made readable."""
    details = getattr(error, "errors", None)
    if not details:
        return str(error).splitlines()[0]
    text = re.sub(r"<Token token_type: [^,]+, text: ([^,]*),[^>]*>", r"'\1'", str(details[0].get("description")))
    text = re.sub(r"<class '[\w.]*?(\w+)'>", r"\1", text)
    return f"{text} (line {details[0].get('line')}, column {details[0].get('col')})"


def _check_tables(tree: exp.Expression, names: set[str]) -> None:
    ctes = {(cte.alias_or_name.lower(), id(cte.parent.parent)) for cte in tree.find_all(exp.CTE)}
    for node in tree.walk():
        if isinstance(node, exp.Table) and node.arg_key != "indexed":
            if isinstance(node.this, exp.Func):
                continue  # a table-valued function: _check_functions refuses it
            if not isinstance(node.this, exp.Identifier):
                raise UnsafeQuery(f"unsupported table reference {node.sql(dialect=DIALECT)}")
            _check_table(node, names, ctes)
        elif isinstance(node, exp.In) and isinstance(node.args.get("field"), (exp.Column, exp.Literal)):
            # SQLite's "x IN tablename": sqlglot sees a column or a string
            _check_name(node.args["field"].name, names)


def _check_table(table: exp.Table, names: set[str], ctes: set[tuple[str, int]]) -> None:
    if table.args.get("catalog") or table.db.lower() not in ("", "main"):
        raise UnsafeQuery(f"table '{table.sql(dialect=DIALECT)}' is not allowed: "
                          "only tables of the main database can be queried")
    name = table.name.lower()
    if not table.db and any((name, id(a)) in ctes for a in _ancestors(table)):
        return  # a common table expression of an enclosing WITH
    _check_name(table.name, names)


def _check_name(name: str, names: set[str]) -> None:
    if _INTERNAL.match(name):
        raise UnsafeQuery(f"table '{name}' is not allowed: SQLite's internal tables are off limits")
    if name.lower() not in names:
        raise UnsafeQuery(f"unknown table '{name}'; tables: {', '.join(sorted(names)) or '(none)'}")


def _ancestors(node: exp.Expression):
    while node.parent is not None:
        node = node.parent
        yield node


def _check_functions(tree: exp.Expression) -> None:
    for node in tree.find_all(exp.Func):
        name = _function_name(node)
        if name is None or name in SAFE_FUNCTIONS:
            continue
        if name.startswith("pragma_"):
            raise UnsafeQuery(f"function {name} is not allowed: PRAGMA functions are refused")
        raise UnsafeQuery(f"function {name} is not allowed")


def _function_name(node: exp.Func) -> str | None:
    """The SQLite function ``node`` calls; None for operators and syntax (AND, CASE …)."""
    if isinstance(node, exp.Anonymous):
        return node.name.lower()
    try:
        text = node.sql(dialect=DIALECT, unsupported_level=ErrorLevel.IGNORE)
    except (SqlglotError, RecursionError):
        return node.sql_name().lower()
    match = _CALL.match(text)
    return match.group(1).lower() if match else None


# -- execution ----------------------------------------------------------------


def run(
    db_path: str | Path,
    sql: str,
    allowed: Iterable[str],
    params: Sequence | dict = (),
    timeout_s: float = 5.0,
    max_rows: int = 10000,
) -> Result:
    """Validate ``sql`` and run it read-only on ``db_path``; at most ``max_rows`` rows."""
    names = _names(allowed)
    tree = validate(sql, names)
    con = _connect(db_path)
    try:
        views = _views(con)
        _check_cte_names(tree, views)
        _lock_down(con, names, views)
        deadline = time.monotonic() + timeout_s
        con.set_progress_handler(lambda: time.monotonic() > deadline, _PROGRESS_STEPS)
        cursor = con.execute(sql, params)
        rows = cursor.fetchmany(max_rows + 1)
        columns = [d[0] for d in cursor.description or ()]
    except sqlite3.Error as e:
        raise _translate(e, timeout_s) from None
    finally:
        con.close()
    return Result(columns, rows[:max_rows], len(rows) > max_rows, sql.strip())


def _connect(db_path: str | Path) -> sqlite3.Connection:
    path = Path(db_path)
    if not path.is_file():
        raise IndexError_(f"no database at {path}")
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        con.execute("PRAGMA query_only = ON")
    except sqlite3.Error as e:
        raise IndexError_(f"cannot open {path} read-only: {e}") from None
    con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    return con


def _views(con: sqlite3.Connection) -> set[str]:
    return {r[0].lower() for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}


def _check_cte_names(tree: exp.Expression, views: set[str]) -> None:
    """Refuse a CTE named like a view: the authorizer trusts reads made inside views."""
    for cte in tree.find_all(exp.CTE):
        if cte.alias_or_name.lower() in views:
            raise UnsafeQuery(f"the WITH name '{cte.alias_or_name}' hides a view; choose another name")


def _lock_down(con: sqlite3.Connection, names: set[str], views: set[str]) -> None:
    """Deny all but reading allowed tables and calling safe functions.

    What a view does inside itself (``source`` names it) is trusted: the index
    defines its views, and reading a view that is not allowed is denied.
    """

    def authorize(action, arg1, arg2, _db, source):
        inside_view = (source or "").lower() in views
        if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_RECURSIVE):
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_READ and ((arg1 or "").lower() in names or inside_view):
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION and ((arg2 or "").lower() in SAFE_FUNCTIONS or inside_view):
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY

    con.set_authorizer(authorize)


def _translate(error: sqlite3.Error, timeout_s: float) -> QueryError:
    text = str(error)
    if text == "interrupted":  # the progress handler stopped the query
        return QueryError(f"query took longer than {timeout_s:g} s and was stopped")
    if "not authorized" in text or "prohibited" in text:
        return UnsafeQuery(f"the database refused the query ({text}): it reads or calls something not allowed")
    if "too big" in text:
        return QueryError(f"the query builds a value larger than {MAX_VALUE_BYTES // 2**20} MB ({text})")
    return QueryError(f"SQLite error: {text}")
