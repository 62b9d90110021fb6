"""Retrieval benchmark: Recall@1, Recall@5 and MRR for bm25, dense and hybrid.

    python benchmarks/retrieval.py [--index DIR] [--queries FILE] [--build] [--no-prefix]

A hit is relevant when it comes from the query's document and covers ≥ 60%
of the character pairs of the answering passage (the eval scorer's rule).
With --build the seeds are indexed first into a temporary directory (add
--no-prefix to index bare passages, without the title/section prefix).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa import Retriever, build  # noqa: E402


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def _pairs(text: str) -> set[str]:
    t = _norm(text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def relevant(hit, item) -> bool:
    want = _pairs(item["passage"])
    return hit.doc == item["doc"] and len(want & _pairs(hit.text)) >= 0.6 * len(want)


def evaluate(retriever: Retriever, items: list[dict], mode: str, k: int = 10) -> dict:
    ranks, times = [], []
    for item in items:
        t0 = time.perf_counter()
        hits = retriever.search(item["query"], k=k, mode=mode)
        times.append((time.perf_counter() - t0) * 1000)
        rank = next((i + 1 for i, h in enumerate(hits) if relevant(h, item)), None)
        ranks.append(rank)
    n = len(items)
    return {
        "mode": mode,
        "n": n,
        "recall@1": sum(r == 1 for r in ranks) / n,
        "recall@5": sum(r is not None and r <= 5 for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "p50_ms": statistics.median(times),
        "misses": [items[i]["query"] for i, r in enumerate(ranks) if not r or r > 5],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default="index")
    ap.add_argument("--queries", default=str(ROOT / "benchmarks" / "retrieval_queries.jsonl"))
    ap.add_argument("--build", action="store_true", help="index corpus/ into a temporary directory first")
    ap.add_argument("--no-prefix", action="store_true", help="with --build: index bare passages")
    ap.add_argument("--embedder", default="e5-small")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    items = [json.loads(line) for line in open(args.queries, encoding="utf-8") if line.strip()]
    index = args.index
    if args.build:
        index = tempfile.mkdtemp(prefix="qa-bench-")
        t0 = time.perf_counter()
        report = build([ROOT / "corpus"], index, args.embedder, prefix=not args.no_prefix)
        took = time.perf_counter() - t0
        print(f"built {report.chunks} chunks in {took:.1f}s ({report.chunks / took:.2f} chunks/s), prefix={not args.no_prefix}")
    retriever = Retriever.open(index)
    print(f"{len(items)} queries, index {index} ({retriever.build.manifest['embedder']})")
    print(f"{'mode':8} {'R@1':>6} {'R@5':>6} {'MRR':>6} {'p50 ms':>7}")
    for mode in ("bm25", "dense", "hybrid"):
        r = evaluate(retriever, items, mode)
        print(f"{mode:8} {r['recall@1']:6.3f} {r['recall@5']:6.3f} {r['mrr']:6.3f} {r['p50_ms']:7.1f}")
        if args.show_misses:
            for q in r["misses"]:
                print(f"   miss: {q}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
