"""Consistency checks at ingestion, and OCR repair only when an identity proves it.

A disclosure's tables obey identities (类 = Σ 款, 合计 = 基本支出 + 项目支出,
三公 = its parts, 总计 on both sides …, see ``docs/domain.md``) and its
narrative repeats table figures. :mod:`qa.check_rules` states them as
:class:`Identity` objects and text claims; this module evaluates them:

- :func:`run_checks` gives one :class:`CheckResult` per identity or claim;
- :func:`repair` sets the value of an ``ocr-suspect`` cell ("2.432.62") or a
  truncated total ("113,311.4") only when an identity proves one reading;
- :func:`check_document` does it all and flags the facts of failed checks
  ``check-failed`` so answers can warn.

Amounts are compared in the table's unit with a rounding tolerance: the
disclosures say "本套报表单位转换时可能存在尾数误差", so a 万元 identity may be
off by 0.01 per addend (at most 0.05); a 元 table must add up to the cent.

>>> tolerance("万元", 2), tolerance("万元", 9), tolerance("元", 9)
(Decimal('0.02'), Decimal('0.05'), Decimal('0'))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from .numbers import WAN, repair_candidates
from .table_facts import Fact, document_facts  # noqa: F401  (document_facts re-exported for callers)
from .types import Document

__all__ = ["check_tables", "CheckResult", "Identity", "tolerance", "amount", "evaluate", "repair",
           "run_checks", "check_document", "fmt"]

CENT = Decimal("0.01")
_CAP = Decimal("0.05")


@dataclass
class CheckResult:
    """The outcome of one check on one document."""

    doc: str
    name: str  # stable id, e.g. subject.class_equals_sum_of_items
    status: str  # pass | fail
    expected: Decimal | None
    actual: Decimal | None
    unit: str
    detail: str  # one human line naming table, row and column
    facts: list[Fact] = field(default_factory=list)
    cause: str = ""  # a failure's kind: "document inconsistency" / "extraction suspect" (qa.check_cause)

    @property
    def passed(self) -> bool:
        return self.status == "pass"


@dataclass
class Identity:
    """``total = Σ parts`` between facts of one or more tables."""

    name: str
    total: Fact
    parts: list[Fact]
    where: str  # "公开03表 215 资源勘探工业信息等支出 / 本年支出合计"
    what: str  # "Σ款", "基本支出 + 项目支出" …

    @property
    def facts(self) -> list[Fact]:
        return [self.total] + self.parts


def tolerance(unit: str, addends: int) -> Decimal:
    """Rounding allowance: 0.01 per addend in 万元 (capped at 0.05), none in 元."""
    if unit == "元":
        return Decimal(0)
    return min(CENT * max(addends, 1), _CAP)


def amount(fact: Fact) -> Decimal | None:
    """A fact's value in its table's unit; blank and dash count as 0, damaged cells as unknown.

    >>> from qa.checks import _fact
    >>> amount(_fact("2,106.66")), amount(_fact("")), amount(_fact("2.432.62"))
    (Decimal('2106.66'), Decimal('0'), None)
    """
    if fact.value is not None:
        return fact.value
    if "blank" in fact.flags or "dash" in fact.flags:
        return Decimal(0)
    return None


def fmt(value: Decimal | None) -> str:
    """3089.49 → '3,089.49'; None → '?'.

    >>> fmt(Decimal("3089.49")), fmt(None)
    ('3,089.49', '?')
    """
    return "?" if value is None else format(value, ",f")


def _in_unit(ident: Identity, fact: Fact) -> Decimal | None:
    """A part's amount in the total's unit (cross-table identities may mix 元 and 万元)."""
    value = amount(fact)
    if value is None or fact.unit == ident.total.unit:
        return value
    return value / WAN if fact.unit == "元" else value * WAN


def evaluate(ident: Identity, doc: str) -> CheckResult | None:
    """Check one identity; None when a cell is damaged or nothing is reported."""
    total = amount(ident.total)
    parts = [_in_unit(ident, p) for p in ident.parts]
    if total is None or any(p is None for p in parts):
        return None
    if not any(p.value is not None for p in ident.parts):
        return None  # no part reported (all blank): the breakdown is not disclosed
    expected = sum(parts, Decimal(0))
    unit = ident.total.unit
    nonzero = sum(1 for p in parts if p)
    ok = abs(total - expected) <= tolerance(unit, nonzero)
    sign = "=" if ok else "≠"
    detail = f"{ident.where}: {fmt(total)} {sign} {ident.what} {fmt(expected)}"
    return CheckResult(doc, ident.name, "pass" if ok else "fail", expected, total, unit, detail,
                       list(ident.facts))


# ---------------------------------------------------------------------------------------------
# repair


def _damaged(fact: Fact) -> bool:
    return "ocr-suspect" in fact.flags and "repaired" not in fact.flags and fact.value is None


def _truncated(fact: Fact) -> bool:
    """A one-decimal amount where the table prints two ("113,311.4")."""
    return (fact.value is not None and "repaired" not in fact.flags
            and fact.value.as_tuple().exponent == -1 and fact.text.rstrip().count(".") == 1)


def _solve(ident: Identity, unknown: Fact) -> Decimal | None:
    """The value ``unknown`` must have for the identity to hold (others all known)."""
    others = [f for f in ident.facts if f is not unknown]
    if any(amount(f) is None for f in others):
        return None
    if unknown is ident.total:
        return sum((_in_unit(ident, p) for p in ident.parts), Decimal(0))
    if unknown.unit != ident.total.unit:
        return None
    rest = sum((_in_unit(ident, p) for p in ident.parts if p is not unknown), Decimal(0))
    return amount(ident.total) - rest


def _reading(fact: Fact, target: Decimal, tol: Decimal) -> Decimal | None:
    """The one reading of a damaged or truncated cell the target proves, else None."""
    if _damaged(fact):
        close = [c for c in repair_candidates(fact.text) if abs(c - target) <= tol]
        return close[0] if len(close) == 1 else None
    exact = target.quantize(CENT)
    if exact == target and exact.quantize(Decimal("0.1"), rounding=ROUND_DOWN) == fact.value and exact != fact.value:
        return exact
    return None


def _set(fact: Fact, value: Decimal) -> None:
    fact.value = value
    fact.value_wan = value / WAN if fact.unit == "元" else value
    fact.flags = tuple(fact.flags) + ("repaired",)


def _repair_once(identities: list[Identity], doc: str) -> bool:
    for ident in identities:
        damaged = [f for f in ident.facts if _damaged(f)]
        if not damaged:
            result = evaluate(ident, doc)
            if result is None or result.passed:
                continue
            damaged = [f for f in ident.facts if _truncated(f)]
        if len(damaged) != 1:
            continue
        target = _solve(ident, damaged[0])
        if target is None:
            continue
        tol = tolerance(ident.total.unit, len(ident.parts))
        reading = _reading(damaged[0], target, tol)
        if reading is not None:
            _set(damaged[0], reading)
            return True
    return False


def repair(facts: list[Fact]) -> list[Fact]:
    """Set the value of damaged cells an identity proves; flag them ``repaired``.

    A cell flagged ``ocr-suspect`` takes the one reading of
    :func:`~qa.numbers.repair_candidates` that makes an identity hold (its
    row, its column total, its parent's Σ children …); a truncated amount
    ("113,311.4") takes the two-decimal value an identity proves. Anything
    unproven stays as it was. The facts are updated in place and returned.
    """
    from .check_rules import table_identities

    doc = facts[0].doc if facts else ""
    for _ in range(len(facts)):
        if not _repair_once(table_identities(facts), doc):
            break
    return facts


# ---------------------------------------------------------------------------------------------
# running


def run_checks(doc: Document, facts: list[Fact], tables=None) -> list[CheckResult]:
    """Every applicable check on one document (tables extracted when not given)."""
    from .check_rules import table_identities
    from .check_text import structure_checks, text_checks
    from .tables import extract_tables

    if tables is None:
        tables = extract_tables(doc)
    results = [r for r in (evaluate(i, doc.name) for i in table_identities(facts)) if r is not None]
    results += text_checks(doc, facts, tables)
    results += structure_checks(doc, tables)
    return results


def check_tables(doc: Document, tables, facts_by_table) -> list[CheckResult]:
    """Repair what identities prove, check, say why each failure failed
    (:mod:`qa.check_cause`), and flag the facts of failed checks
    (``facts_by_table`` is updated in place)."""
    from .check_cause import classify_failures

    facts = repair([f for group in facts_by_table for f in group])
    results = run_checks(doc, facts, tables)
    classify_failures(results, doc, facts)
    for result in results:
        if not result.passed:
            for fact in result.facts:
                if "check-failed" not in fact.flags:
                    fact.flags = tuple(fact.flags) + ("check-failed",)
    return results


def check_document(doc: Document) -> tuple[list[Fact], list[CheckResult]]:
    """Extract facts, repair what identities prove, check, flag facts of failed checks."""
    from .tables import extract_tables, table_facts

    tables = extract_tables(doc)
    facts_by_table = [table_facts(t, doc) for t in tables]
    results = check_tables(doc, tables, facts_by_table)
    return [f for group in facts_by_table for f in group], results


def _fact(text: str, **kw) -> Fact:
    """A synthetic fact (doctests and unit tests)."""
    from .numbers import parse_number

    parsed = parse_number(text)
    unit = kw.pop("unit", "万元")
    base = dict(doc="t", organisation="", year=None, stage="", table_code="", table_title="",
                table_kind="other", page=None, row_index=0, row_label="", subject_code="",
                code_system="", subject_level="", column_index=0, column_label="", measure="",
                basis="", side="", text=text, value=parsed.value,
                value_wan=None if parsed.value is None else (parsed.value / WAN if unit == "元" else parsed.value),
                unit=unit, flags=parsed.flags, row_text="")
    base.update(kw)
    return Fact(**base)
