"""Golden questions (tests/golden/parse.tsv): slots, candidate SQL and answers.

Each row is a question checked by hand against the documents: the slots the
parser must find, the value (within 0.005 in the expected unit) and the
documents the answer must cite. ``xfail_slots`` / ``xfail_answer`` hold why the
current system gets that part wrong (``xfail_sql``: the answer's SQL does not
re-select its cells). Fixed rows show up as XPASS (``pytest -rX``; or make
them fail with ``-o xfail_strict=true``): then delete the reason from the file.

One index (the seeds + the PDFs the file names, hash embedder) is built per
session; the PDFs are parsed in two processes first (about a third faster).
"""

from __future__ import annotations

import csv
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
import sqlglot
from sqlglot import exp

from qa import build
from qa.assistant import Assistant
from qa.ingest import read_file
from qa.link import candidate_query
from qa.slots import slots_for
from qa.understand import parse
from qa.sql import run, validate

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"
PDF_DIR = HERE.parent.parent / "shared" / "corpus" / "pdf" / "budget"
GOLDEN = HERE / "golden" / "parse.tsv"
ALLOWED = ("facts", "text_facts")
FACTOR = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
TOLERANCE = Decimal("0.005")


def _split(text: str) -> list[str]:
    return [part for part in text.split(",") if part]


def load(path: Path = GOLDEN) -> list[dict]:
    """The golden rows: tab-separated, a header line, ``#`` comments."""
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = load()
PDFS = sorted({d for row in ROWS for d in _split(row["docs"]) if d.endswith(".pdf")})


def _params(part: str | None = None) -> list:
    """One param per row, xfail when the row gives a reason for ``part``."""
    reasons = [row[f"xfail_{part}"] if part else "" for row in ROWS]
    return [pytest.param(row, id=row["id"], marks=[pytest.mark.xfail(reason=why)] if why else [])
            for row, why in zip(ROWS, reasons)]


def _read_all(paths: list[Path]) -> dict[Path, object]:
    # spawn, not fork: the test process may already run native threads (FAISS, BLAS)
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(zip(paths, pool.map(read_file, paths)))


@pytest.fixture(scope="session")
def golden_index(tmp_path_factory) -> Path:
    pdfs = [PDF_DIR / name for name in PDFS if (PDF_DIR / name).is_file()]
    parsed = _read_all(pdfs) if pdfs else {}

    def cached(path, digest=None):
        return parsed.get(Path(path)) or read_file(path, digest)

    index = tmp_path_factory.mktemp("golden-index")
    with mock.patch("qa.build.read_file", cached):
        report = build([CORPUS, *pdfs], index, embedder="hash")
    assert not report.skipped, report.skipped
    return index


@pytest.fixture(scope="session")
def assistant(golden_index) -> Assistant:
    return Assistant.open(golden_index)


def _need_documents(row: dict, assistant: Assistant | None = None) -> None:
    missing = [d for d in _split(row["docs"]) if d.endswith(".pdf") and not (PDF_DIR / d).is_file()]
    if missing:
        pytest.skip(f"shared corpus not found: {', '.join(missing)}")
    if assistant is not None and not PDF_DIR.is_dir():  # a row about a body only the shared PDFs bring in
        indexed = {o for o, _, _ in assistant.retriever.catalog}
        absent = [o for o in _split(row["organisations"]) if o not in indexed]
        if absent:
            pytest.skip(f"shared corpus not found: {', '.join(absent)} is indexed only from {PDF_DIR}")


# The golden file's operation names: the plan's finer operations map onto them.
LEGACY = {"share": "ratio", "execution": "ratio", "multiple": "ratio", "count": "list"}


def _slots(assistant: Assistant, question: str):
    """The plan's scope and operation, as the linker sees the whole question."""
    r = assistant.retriever
    plan = parse(question, r.catalog)
    op = ("max" if plan.descending else "min") if plan.op == "rank" else LEGACY.get(plan.op, plan.op)
    return slots_for(plan, plan.scope, r.tokenizer, operation=op)


def _expected_slots(row: dict) -> tuple:
    return (tuple(_split(row["organisations"])), tuple(int(y) for y in _split(row["years"])),
            tuple(_split(row["stages"])), row["unit"] or None, row["operation"])


def test_golden_file_is_well_formed():
    assert len(ROWS) >= 60
    assert len({r["id"] for r in ROWS}) == len(ROWS), "duplicate ids"
    for row in ROWS:
        assert None not in row.values() and None not in row, f"{row.get('id')}: wrong number of columns"
        assert row["operation"] in ("value", "sum", "diff", "ratio", "growth", "max", "min", "list"), row["id"]
        assert bool(row["value"]) == bool(row["value_unit"]) == bool(row["docs"]), row["id"]


@pytest.mark.parametrize("row", _params("slots"))
def test_slots(row, assistant):
    _need_documents(row, assistant)
    s = _slots(assistant, row["question"])
    assert (s.organisations, s.years, s.stages, s.unit, s.operation) == _expected_slots(row)


def _in_filters(tree: exp.Expression) -> dict[str, set]:
    """column → literal values of the ``column IN (...)`` conditions of the WHERE."""
    found: dict[str, set] = {}
    for node in tree.args["where"].find_all(exp.In):
        values = {e.this if e.is_string else int(e.this) for e in node.expressions}
        found.setdefault(node.this.name, set()).update(values)
    return found


@pytest.mark.parametrize("row", _params())
def test_candidate_sql(row, assistant):
    """The candidate SQL parses, passes validation and filters on the question's scope."""
    _need_documents(row, assistant)
    s = _slots(assistant, row["question"])
    for source, table in (("table", "facts"), ("text", "text_facts")):
        sql = candidate_query(s, source)
        tree = sqlglot.parse_one(sql, read="sqlite")
        validate(sql, ALLOWED)
        assert {t.name for t in tree.find_all(exp.Table)} == {table}
        filters = _in_filters(tree)
        assert filters.get("organisation", set()) == set(s.organisations)
        assert filters.get("year", set()) == set(s.years)
        # a report on a year's execution states its actuals, and the budget it executes
        executed = {"执行情况"} if {"决算", "预算"} & set(s.stages) else set()
        assert filters.get("stage", set()) == set(s.stages) | executed
        if not row["xfail_slots"]:
            orgs, years, *_ = _expected_slots(row)
            assert filters.get("organisation", set()) == set(orgs) and filters.get("year", set()) == set(years)


def _in_unit(value: float, unit: str, wanted: str) -> Decimal:
    if unit == wanted:
        return Decimal(str(value))
    assert unit in FACTOR and wanted in FACTOR, f"answer in {unit}, expected {wanted}"
    return Decimal(str(value)) * FACTOR[unit] / FACTOR[wanted]


@pytest.fixture(scope="session")
def ask(assistant):
    """Assistant.ask, once per question."""
    answers = {}

    def cached(question: str):
        if question not in answers:
            answers[question] = assistant.ask(question)
        return answers[question]

    return cached


@pytest.mark.parametrize("row", _params("answer"))
def test_answer(row, ask):
    _need_documents(row)
    answer = ask(row["question"])
    if not row["value"]:
        assert not answer.answerable and answer.value is None, answer.answer
        return
    assert answer.answerable, answer.answer
    assert answer.value is not None and answer.unit, answer.answer
    got = _in_unit(answer.value, answer.unit, row["value_unit"])
    assert abs(got - Decimal(row["value"])) <= TOLERANCE, f"{got}{row['value_unit']}: {answer.answer}"
    cited = {c.doc for c in answer.citations}
    assert set(_split(row["docs"])) <= cited, f"cited {sorted(cited)}"
    assert all(c.text for c in answer.citations)


@pytest.mark.parametrize("row", _params("sql"))
def test_answer_sql(row, ask, assistant):
    """Numbers come from SQL a user can re-run: each statement is a safe SELECT returning the cells."""
    _need_documents(row)
    answer = ask(row["question"])
    if not row["value"]:
        assert answer.sql is None or answer.answerable is False
        return
    assert answer.sql, f"no SQL behind the number: {answer.answer}"
    db = assistant.retriever.build.sqlite_path
    for statement in sqlglot.parse(answer.sql, read="sqlite"):
        sql = statement.sql(dialect="sqlite")
        validate(sql, ALLOWED)
        assert run(db, sql, ALLOWED).rows, f"selects nothing: {sql}"
