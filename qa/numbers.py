"""Exact number parsing for table cells and narrative figures.

Every value is a :class:`decimal.Decimal` (never a float) and the cell's text
is kept as printed. A cell is one of:

- ``number``: a well-formed amount ("3,380.68", "1998.08", "(12.5)", "-12.5");
- ``zero``: a well-formed zero ("0", "0.00");
- ``blank``: empty or missing — *not reported*;
- ``dash``: "—", "-", "－", "--" — *explicitly nothing*;
- ``suspect``: digits that do not form a valid amount ("2.432.62",
  "1,08050"): probably damaged by OCR or a text dump; no value is guessed,
  :func:`repair_candidates` lists readings a consistency check may accept;
- ``text``: anything else (words, percentages, dates).

>>> parse_number("3,380.68").value
Decimal('3380.68')
>>> parse_number("(12.5)").value
Decimal('-12.5')
>>> [parse_number(t).kind for t in ("", None, "—", "0.00", "2.432.62", "95%")]
['blank', 'blank', 'dash', 'zero', 'suspect', 'text']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Parsed", "parse_number", "repair_candidates", "is_amount", "WAN"]

WAN = Decimal(10000)  # 元 per 万元

_DASHES = {"-", "--", "—", "——", "－", "–", "─", "/", "－－"}
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_VALID = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$")
_DIGITY = re.compile(r"^[\d.,]+$")


@dataclass(frozen=True)
class Parsed:
    """A parsed cell: its exact text, its kind and (for numbers) its value."""

    text: str
    kind: str  # number | zero | blank | dash | suspect | text
    value: Decimal | None = None

    @property
    def is_value(self) -> bool:
        """True for ``number`` and ``zero`` (a reported amount)."""
        return self.kind in ("number", "zero")

    @property
    def flags(self) -> tuple[str, ...]:
        """Flags for a fact: ``('blank',)``, ``('dash',)``, ``('ocr-suspect',)`` or ``()``.

        >>> parse_number("1,08050").flags
        ('ocr-suspect',)
        """
        return {"blank": ("blank",), "dash": ("dash",), "suspect": ("ocr-suspect",)}.get(self.kind, ())


def _unsign(s: str) -> tuple[str, bool]:
    """Strip a sign or accounting parentheses; return (body, negative)."""
    if len(s) > 2 and s[0] in "(（" and s[-1] in ")）":
        return s[1:-1], True
    if len(s) > 1 and s[0] in "-－−" and s[1] != "-":
        return s[1:], True
    if s.startswith("+"):
        return s[1:], False
    return s, False


def parse_number(text: str | None) -> Parsed:
    """Parse a cell exactly; see the module doc for the kinds.

    >>> parse_number(" 1 998.08 ")
    Parsed(text=' 1 998.08 ', kind='number', value=Decimal('1998.08'))
    >>> parse_number("-12.5").value, parse_number("30").value
    (Decimal('-12.5'), Decimal('30'))
    >>> parse_number("－").kind, parse_number("0").kind, parse_number("0").value
    ('dash', 'zero', Decimal('0'))
    >>> parse_number("113,311.4").value
    Decimal('113311.4')
    """
    if text is None:
        return Parsed("", "blank")
    s = _SPACES.sub("", text).replace("，", ",").replace("．", ".")
    if not s:
        return Parsed(text, "blank")
    if s in _DASHES:
        return Parsed(text, "dash")
    body, negative = _unsign(s)
    if _VALID.match(body):
        try:
            value = Decimal(body.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex guards this
            return Parsed(text, "suspect")
        value = -value if negative else value
        return Parsed(text, "zero" if value == 0 else "number", value)
    if _DIGITY.match(body) and any(c.isdigit() for c in body):
        return Parsed(text, "suspect")
    return Parsed(text, "text")


def is_amount(text: str | None) -> bool:
    """True when a cell holds a number, a zero or a suspect number.

    >>> is_amount("2,106.66"), is_amount("2.432.62"), is_amount("合计"), is_amount("")
    (True, True, False, False)
    """
    return parse_number(text).kind in ("number", "zero", "suspect")


def _grouped(digits: str, decimals: str) -> Decimal:
    return Decimal(digits + ("." + decimals if decimals else ""))


def repair_candidates(text: str) -> list[Decimal]:
    """Readings of a damaged number, most plausible first (no guess is chosen).

    Separators are reinterpreted: each dot or comma may be a decimal point
    or a misread thousands separator; only one decimal point is kept.
    A later identity check (a total, a sum of parts) picks the reading it proves.

    >>> repair_candidates("2.432.62")
    [Decimal('2432.62'), Decimal('243262'), Decimal('2.43262')]
    >>> repair_candidates("1,08050")
    [Decimal('108050'), Decimal('1.08050')]
    >>> repair_candidates("3,380.68")
    [Decimal('3380.68')]
    """
    s = _SPACES.sub("", text or "").replace("，", ",")
    body, negative = _unsign(s)
    if not _DIGITY.match(body) or not any(c.isdigit() for c in body):
        return []
    parts = re.split(r"[.,]", body)
    seps = [i for i, c in enumerate(body) if c in ".,"]
    candidates: list[Decimal] = []
    # no decimal point at all, then the decimal point at each separator, last first
    options = [None] + list(range(len(seps) - 1, -1, -1))
    for point in options:
        if point is None:
            value = Decimal("".join(parts))
        else:
            value = _grouped("".join(parts[: point + 1]), "".join(parts[point + 1 :]))
        value = -value if negative else value
        if value not in candidates:
            candidates.append(value)
    valid = parse_number(text)
    if valid.is_value:
        return [valid.value]
    # prefer a reading whose decimals look like money (two places)
    ranked = sorted(enumerate(candidates), key=lambda iv: (-iv[1].as_tuple().exponent != 2, iv[0]))
    return [v for _, v in ranked]
