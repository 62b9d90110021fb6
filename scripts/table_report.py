"""Print the tables found per document: code, kind, unit, pages, facts.

    python scripts/table_report.py                 # seeds + budget PDFs + defects PDF
    python scripts/table_report.py a.pdf b.txt     # given files
    python scripts/table_report.py --facts 公开09表 x.pdf   # also list a table's facts
"""

from __future__ import annotations

import argparse
import glob
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.errors import ReadError  # noqa: E402
from qa.ingest import read_file  # noqa: E402
from qa.checks import check_document  # noqa: E402
from qa.tables import extract_tables, table_facts  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"  # the shared material beside the repository


def default_paths() -> list[str]:
    seeds = sorted(glob.glob(str(CORPUS / "seeds" / "*.txt"))) or sorted(glob.glob(str(ROOT / "corpus" / "*.txt")))
    pdfs = sorted(glob.glob(str(CORPUS / "pdf" / "budget" / "*.pdf")))
    defects = sorted(glob.glob(str(CORPUS / "pdf" / "defects" / "*.pdf")))
    return seeds + pdfs + defects


def _pages(pages) -> str:
    nums = [p for p in pages if p is not None]
    if not nums:
        return "-"
    return str(nums[0]) if len(nums) == 1 else f"{nums[0]}-{nums[-1]}"


def report(path: str, show: str | None, totals: Counter, checks: bool = False) -> None:
    try:
        doc = read_file(path)
    except ReadError as e:
        print(f"== {path}: {e}")
        return
    tables = extract_tables(doc)
    print(f"== {doc.name}  [{doc.organisation} {doc.year} {doc.stage} {doc.scope}]")
    n_facts = 0
    for t in tables:
        facts = table_facts(t, doc)
        n_facts += len(facts)
        if t.kind == "other" and not show:
            continue
        flags = Counter(f for fact in facts for f in fact.flags if f != "blank")
        extra = " ".join(f"{k}={v}" for k, v in sorted(flags.items()))
        print(f"  {t.code or '-':10} {t.kind:28} {t.unit:3} p{_pages(t.pages):7} facts={len(facts):4} "
              f"{t.title[:28]} {extra}")
        if show and show in (t.code, t.kind):
            for f in facts:
                if "blank" not in f.flags:
                    print(f"      r{f.row_index} p{f.page} {f.side}|{f.row_label}|{f.subject_code} "
                          f"[{f.column_label}] {f.measure}/{f.basis} = {f.text} ({f.value_wan} 万元) {f.flags}")
    standard = [t for t in tables if t.kind != "other"]
    others = len(tables) - len(standard)
    print(f"  -- {len(standard)} standard tables, {others} other, {n_facts} facts")
    if checks:
        _, results = check_document(doc)
        failed = [r for r in results if not r.passed]
        print(f"  -- checks: {len(results) - len(failed)} passed, {len(failed)} failed")
        for r in failed:
            print(f"     FAIL [{r.cause}] {r.name}: {r.detail}")
            totals["cause: " + r.cause] += 1
        totals["checks"] += len(results)
        totals["failed"] += len(failed)
    totals["docs"] += 1
    totals["standard"] += len(standard)
    totals["other"] += others
    totals["facts"] += n_facts
    totals.update(t.kind for t in standard)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--facts", help="list the facts of tables with this code or kind")
    parser.add_argument("--checks", action="store_true", help="also run the consistency checks and list failures")
    args = parser.parse_args(argv)
    totals: Counter = Counter()
    for path in args.paths or default_paths():
        report(path, args.facts, totals, args.checks)
    kinds = ", ".join(f"{k}={v}" for k, v in sorted(totals.items())
                      if k not in ("docs", "standard", "other", "facts", "checks", "failed") and not k.startswith("cause"))
    print(f"\nTOTAL {totals['docs']} documents, {totals['standard']} standard tables "
          f"({totals['other']} other), {totals['facts']} facts\n  {kinds}")
    if args.checks:
        causes = ", ".join(f"{k[7:]}={v}" for k, v in sorted(totals.items()) if k.startswith("cause: "))
        print(f"  checks: {totals['checks'] - totals['failed']} passed, {totals['failed']} failed ({causes})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
