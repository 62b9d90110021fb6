"""Exact number parsing: kinds kept apart, Decimal values, damaged numbers flagged."""

from decimal import Decimal

import pytest

from qa.numbers import is_amount, parse_number, repair_candidates


@pytest.mark.parametrize("text,value", [
    ("3,380.68", "3380.68"), ("1998.08", "1998.08"), ("30", "30"), ("(12.5)", "-12.5"),
    ("-12.5", "-12.5"), ("（7.00）", "-7.00"), (" 2 645.72 ", "2645.72"), ("31,214,205.80", "31214205.80"),
    ("16 010.35", "16010.35"), ("113,311.4", "113311.4"),
])
def test_numbers_exact(text, value):
    p = parse_number(text)
    assert p.kind == "number" and p.value == Decimal(value) and isinstance(p.value, Decimal)
    assert p.text == text


@pytest.mark.parametrize("text,kind", [
    ("", "blank"), (None, "blank"), ("   ", "blank"), ("—", "dash"), ("-", "dash"), ("－", "dash"),
    ("--", "dash"), ("0", "zero"), ("0.00", "zero"), ("2.432.62", "suspect"), ("1,08050", "suspect"),
    ("16.179.00", "suspect"), ("合计", "text"), ("95%", "text"),
])
def test_kinds_distinct(text, kind):
    assert parse_number(text).kind == kind


def test_blank_zero_dash_differ():
    blank, zero, dash = parse_number(""), parse_number("0.00"), parse_number("—")
    assert blank.value is None and dash.value is None and zero.value == Decimal("0")
    assert blank.flags == ("blank",) and dash.flags == ("dash",) and zero.flags == ()
    assert zero.is_value and not blank.is_value and not dash.is_value


def test_suspect_is_not_guessed():
    p = parse_number("2.432.62")
    assert p.value is None and p.flags == ("ocr-suspect",) and is_amount("2.432.62")


def test_repair_candidates():
    assert repair_candidates("2.432.62")[0] == Decimal("2432.62")
    assert repair_candidates("16.179.00")[0] == Decimal("16179.00")
    assert Decimal("108050") in repair_candidates("1,08050")
    assert repair_candidates("合计") == []
    assert repair_candidates("(2.432.62)")[0] == Decimal("-2432.62")
