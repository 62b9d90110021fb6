"""Latency of the numeric path: Assistant.ask end to end, and answer_numeric alone.

    python benchmarks/numeric.py [--index DIR | --build-hash [--with-pdfs]] [--rounds N] [--json]

Questions: the numeric / compare / aggregate items of the eval set
(``../shared/eval/dev.jsonl``) plus the golden questions of
``tests/golden/parse.tsv`` whose documents are all in the index. Every
question is asked once to warm up, then timed ``--rounds`` times; the report
gives count, p50, p95 and max in ms. ``answer_numeric`` is timed on the slots
parsed beforehand (qa.understand.parse is reported on its own line).

--build-hash indexes the seeds (corpus/) with the hash embedder into a
temporary directory; --with-pdfs adds the PDFs the golden file names.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa import build  # noqa: E402
from qa.assistant import Assistant  # noqa: E402
from qa.compute import answer_numeric  # noqa: E402
from qa.understand import parse  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "dev.jsonl"
GOLDEN = ROOT / "tests" / "golden" / "parse.tsv"
PDF_DIR = ROOT.parent / "shared" / "corpus" / "pdf" / "budget"
KINDS = ("numeric", "compare", "aggregate")


def eval_questions(path: Path) -> list[tuple[str, list]]:
    if not path.is_file():
        return []
    items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [(i["question"], i.get("history") or []) for i in items if i.get("kind") in KINDS]


def golden_rows(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    lines = [line for line in path.open(encoding="utf-8") if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def stats(times: list[float]) -> dict:
    if not times:
        return {"count": 0, "p50_ms": math.nan, "p95_ms": math.nan, "max_ms": math.nan}
    return {"count": len(times), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "max_ms": max(times)}


def measure(bot: Assistant, questions: list[tuple[str, list]], rounds: int) -> dict:
    r = bot.retriever
    db = r.build.sqlite_path
    for q, h in questions:  # warm-up: models, tokenizer, SQLite page cache
        bot.ask(q, h)
    ask, parsing, numeric = [], [], []
    for _ in range(rounds):
        for q, h in questions:
            t0 = time.perf_counter()
            bot.ask(q, h)
            ask.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            plan = parse(q, r.catalog, h)
            parsing.append((time.perf_counter() - t0) * 1000)
            if plan.numeric:
                t0 = time.perf_counter()
                answer_numeric(db, plan, r.tokenizer)
                numeric.append((time.perf_counter() - t0) * 1000)
    return {"Assistant.ask": stats(ask), "answer_numeric": stats(numeric), "parse": stats(parsing)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default="index")
    ap.add_argument("--build-hash", action="store_true", help="index the seeds with the hash embedder first")
    ap.add_argument("--with-pdfs", action="store_true", help="with --build-hash: add the golden file's PDFs")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    tmp = None
    index = Path(args.index)
    if args.build_hash:
        tmp = tempfile.TemporaryDirectory(prefix="qa-bench-")
        index = Path(tmp.name) / "index"
        paths = [ROOT / "corpus"]
        if args.with_pdfs:
            names = {d for row in golden_rows(GOLDEN) for d in row["docs"].split(",") if d.endswith(".pdf")}
            paths += [PDF_DIR / n for n in sorted(names) if (PDF_DIR / n).is_file()]
        t0 = time.perf_counter()
        built = build(paths, index, embedder="hash")
        print(f"built {built.documents} documents with the hash embedder in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
    bot = Assistant.open(index)
    present = {d["name"] for d in bot.retriever.documents}
    dev = eval_questions(EVAL)
    golden = [(r["question"], []) for r in golden_rows(GOLDEN)
              if r["docs"] and set(r["docs"].split(",")) <= present]
    report = {"index": str(index), "documents": len(present), "dev_questions": len(dev),
              "golden_questions": len(golden), "rounds": args.rounds,
              **measure(bot, dev + golden, args.rounds)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"index {report['index']} ({report['documents']} documents); {len(dev)} dev + {len(golden)} golden "
              f"questions, {args.rounds} warm rounds")
        print(f"{'':16}{'count':>7}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
        for name in ("Assistant.ask", "answer_numeric", "parse"):
            s = report[name]
            print(f"{name:16}{s['count']:>7}{s['p50_ms']:>10.1f}{s['p95_ms']:>10.1f}{s['max_ms']:>10.1f}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
