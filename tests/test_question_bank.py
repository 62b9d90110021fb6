"""The generated question bank (benchmarks/question_bank.py) on a sample:
every operation of the query plan, in several phrasings, over the seeds,
with golds computed from the facts. The full bank over ../shared/corpus
runs as a benchmark."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from question_bank import PHRASINGS, correct, evaluate, generate  # noqa: E402


@pytest.fixture(scope="module")
def bank(seed_index):
    return generate(seed_index, per_doc=2, seed=1)


def test_bank_covers_the_operations(bank):
    ops = Counter(q.op for q in bank)
    assert {"value", "sum", "diff", "multiple", "ratio", "share", "max", "min", "count", "list"} <= set(ops)
    assert ops["value"] >= 6 * 5  # six phrasings for each item drawn
    assert all(len(PHRASINGS[op]) >= 6 for op in PHRASINGS)  # issue 9: six phrasings or more per operation
    assert {q.phrasing for q in bank if q.op == "value"} == set(range(len(PHRASINGS["value"])))
    assert all(q.value is not None or q.key_facts for q in bank)


def test_bank_golds_check_themselves(bank):
    for q in bank[:40]:
        fake = {"answerable": True, "value": q.value, "unit": q.unit, "answer": " ".join(q.key_facts)}
        assert correct(q, fake)
        if q.value:
            assert not correct(q, {**fake, "value": q.value * 1.5 + 1})


def test_bank_sample_accuracy(seed_index, bank):
    result, misses = evaluate(seed_index, bank)
    answers = [ok for v in result["per_op"].values() for ok in v]
    shown = "\n".join(f"{q.op} {q.question} gold {q.value}{q.unit or ''} got {a.get('value')}{a.get('unit') or ''}"
                      for q, a in misses[:10])
    assert sum(answers) / len(answers) >= 0.97, shown
    assert result["wrong_numbers"] <= len(answers) // 100, shown
