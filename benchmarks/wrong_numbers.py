"""The share of answers that serve a wrong number.

    python benchmarks/wrong_numbers.py GOLD.jsonl ANSWERS.jsonl [--show]

An answer *serves a number* when it is answerable with a non-null value. It
is wrong when the gold is unanswerable (a figure the documents do not
disclose), or when the gold has a value and the served one, converted to the
gold's unit (元/万元/亿元), is outside the tolerance. A number served where
the gold has no single value (a list, a reason) is not counted either way.
Uses the scorer's own conversion (../shared/eval/score.py).
Target (issue 9): at most 1% of all answers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold")
    parser.add_argument("answers")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(SCORER))
    from score import value_ok  # the scorer's conversion and tolerance

    gold = {g["id"]: g for g in map(json.loads, open(args.gold, encoding="utf-8"))}
    answers = [json.loads(line) for line in open(args.answers, encoding="utf-8") if line.strip()]
    served = wrong = 0
    for a in answers:
        g = gold.get(a.get("id"))
        if g is None or not a.get("answerable") or a.get("value") is None:
            continue
        served += 1
        bad = g["kind"] == "unanswerable" or (g.get("value") is not None and not value_ok(g, a))
        if bad:
            wrong += 1
            if args.show:
                print(f"- {g['id']} [{g['kind']}] {g['question']}\n    gold {g.get('value')} {g.get('unit') or ''}"
                      f" | served {a['value']} {a.get('unit') or ''}: {a['answer'][:100]}")
    n = len(answers)
    print(f"answers {n}  serving a number {served}  wrong {wrong}  "
          f"wrong/all {wrong / max(n, 1):.1%}  wrong/served {wrong / max(served, 1):.1%}")


if __name__ == "__main__":
    main()
