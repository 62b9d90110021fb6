"""Answer latency, warm: p50 / p95 / max per route for a question set.

    python benchmarks/latency.py [--index index] [--questions ../shared/eval/dev.jsonl] [--repeat 2]

The assistant (models, index) is opened once and warmed on the set; then each
question (with its history) is timed --repeat times. Query vectors are cached
per process, so the repeats measure the rest of the pipeline too: the first
warm pass, printed separately, includes embedding each new question.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa import Assistant  # noqa: E402


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _line(name: str, times: list[float]) -> str:
    return f"{name:14} n={len(times):4}  p50 {statistics.median(times):7.1f} ms  p95 {_pct(times, 0.95):7.1f} ms  max {max(times):7.1f} ms"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=str(ROOT / "index"))
    ap.add_argument("--questions", default=str(ROOT.parent / "shared" / "eval" / "dev.jsonl"))
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    items = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    t0 = time.perf_counter()
    bot = Assistant.open(args.index)
    print(f"opened {args.index} in {(time.perf_counter() - t0) * 1000:.0f} ms; {len(items)} questions")
    first, by_route = [], {}
    for item in items:  # first pass: every question embedded once
        t = time.perf_counter()
        bot.ask(item["question"], item.get("history") or [])
        first.append((time.perf_counter() - t) * 1000)
    for _ in range(args.repeat):
        for item in items:
            t = time.perf_counter()
            answer = bot.ask(item["question"], item.get("history") or [])
            by_route.setdefault(answer.route, []).append((time.perf_counter() - t) * 1000)
    print(_line("first pass", first))
    for route, times in sorted(by_route.items()):
        print(_line(route, times))
    print(_line("all (warm)", [t for ts in by_route.values() for t in ts]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
