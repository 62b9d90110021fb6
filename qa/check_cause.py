"""Why a consistency check failed: the document, or the reading of it.

A failed check is either

- ``document inconsistency`` — the figures as printed disagree (a 合计 that
  is not the sum of its rows, a narrative figure that is not the table's, a
  percentage that does not follow from the sentence's own numbers, a table the
  contents list but the document does not print): a reader finds the same
  numbers on the page; or
- ``extraction suspect`` — the disagreement may come from reading the
  document: a damaged or repaired cell, a guessed unit or column layout, a
  blank total over printed parts, a row that adds up once one of its cells
  is taken from the neighbouring column, a narrative figure printed
  in another column of the same row, or a table that is printed but was not
  found (its title is printed with table rows below it).

:func:`failure_cause` decides from the check and the document's facts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .checks import CheckResult, amount, tolerance
from .table_facts import Fact
from .table_kinds import squash
from .types import Document

__all__ = ["DOCUMENT", "EXTRACTION", "failure_cause", "classify_failures"]

DOCUMENT = "document inconsistency"
EXTRACTION = "extraction suspect"

_SUSPECT_FLAGS = ("ocr-suspect", "suspect", "code-suspect", "code-ocr", "repaired", "template-columns",
                  "unit-assumed", "text")
_LISTED = re.compile(r"目录列出\s*(\S+)")
_TITLE_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|表\d+(?:-\d+)?[.．、:：]?|公开\d+表|\d{4}年度?)+")


def _neighbours(fact: Fact, facts: list[Fact]) -> list[Fact]:
    """Facts of the same table row in the columns just left and right of ``fact``."""
    return [f for f in facts if f.doc == fact.doc and f.table_code == fact.table_code
            and f.table_title == fact.table_title and f.row_index == fact.row_index
            and abs(f.column_index - fact.column_index) == 1 and f.value is not None]


def _holds_with_neighbour(result: CheckResult, facts: list[Fact]) -> bool:
    """The identity holds once one of its facts is read from the next column."""
    if len(result.facts) < 2:
        return False
    total, parts = result.facts[0], result.facts[1:]
    values = [amount(f) for f in result.facts]
    if any(v is None for v in values):
        return False
    tol = tolerance(result.unit, len(parts))
    for k, fact in enumerate(result.facts):
        for other in _neighbours(fact, facts):
            trial = list(values)
            trial[k] = other.value
            if abs(trial[0] - sum(trial[1:], Decimal(0))) <= tol:
                return True
    del total
    return False


def _printed_elsewhere(doc: Document, title: str) -> bool:
    """The title is printed as a line with table rows right below it (not a list of contents)."""
    from .tables.pdf import row_like

    key = squash(title)
    lines = [ln for ln in doc.text.split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        s = _TITLE_PREFIX.sub("", squash(line))
        if "\t" in line or s != key:
            continue
        for nxt in lines[i + 1:i + 8]:
            if "\t" in nxt or row_like(nxt):
                return True
            if squash(nxt).endswith("表"):
                break  # the next title of a list of contents
    return False


def failure_cause(result: CheckResult, doc: Document | None = None, facts: list[Fact] | None = None) -> str:
    """:data:`DOCUMENT` or :data:`EXTRACTION` for a failed check ("" when it passed)."""
    if result.passed:
        return ""
    facts = facts or []
    if any(flag in _SUSPECT_FLAGS for f in result.facts for flag in f.flags):
        return EXTRACTION
    if result.name.startswith("structure.listed_table"):
        m = _LISTED.search(result.detail)
        return EXTRACTION if doc is not None and m and _printed_elsewhere(doc, m.group(1)) else DOCUMENT
    if result.name == "text.vs_table":
        said = result.actual
        table = result.facts[0] if result.facts else None
        if table is not None and said is not None and any(
                f.value_wan is not None and abs(f.value_wan - said) <= Decimal("0.01")
                for f in facts if f.row_index == table.row_index and f.table_code == table.table_code
                and f.table_title == table.table_title and f is not table):
            return EXTRACTION  # the narrative figure is printed in another column of that row
        return DOCUMENT
    if result.facts and len(result.facts) > 1:
        total, parts = result.facts[0], result.facts[1:]
        if "blank" in total.flags and any(p.value for p in parts):
            return EXTRACTION  # nothing printed where the total should be
        if result.name.startswith(("row.", "basic.", "three_public.")) and _holds_with_neighbour(result, facts):
            return EXTRACTION  # one cell of the row may have been read from the next column
    return DOCUMENT


def classify_failures(results: list[CheckResult], doc: Document | None, facts: list[Fact]) -> None:
    """Set ``cause`` on every failed result (in place)."""
    for r in results:
        r.cause = failure_cause(r, doc, facts)
