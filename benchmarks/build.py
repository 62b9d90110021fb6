"""Build-speed benchmark: reading, chunking and embedding throughput.

    python benchmarks/build.py [PATH ...] [--embedder e5-small]

Defaults to the seed corpus. Prints files, pages, chunks, seconds for
reading+chunking and for embedding, chunks/s and characters/s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.build import collect_files  # noqa: E402
from qa.chunk import chunk_document  # noqa: E402
from qa.embed import embed_in_batches, get_embedder  # noqa: E402
from qa.errors import ReadError  # noqa: E402
from qa.ingest import read_file  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "corpus")])
    ap.add_argument("--embedder", default="e5-small")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    files, skipped = collect_files(args.paths)
    t0 = time.perf_counter()
    chunks, pages = [], 0
    for f in files:
        try:
            doc = read_file(f)
        except ReadError as e:
            skipped.append((e.path, e.reason))
            continue
        pages += len(doc.pages)
        chunks.extend(chunk_document(doc))
    read_s = time.perf_counter() - t0
    model = get_embedder(args.embedder, args.threads)
    texts = [c.indexed for c in chunks]
    t1 = time.perf_counter()
    embed_in_batches(model, texts)
    embed_s = time.perf_counter() - t1
    chars = sum(len(t) for t in texts)
    print(f"files {len(files)}  skipped {len(skipped)}  pages {pages}  chunks {len(chunks)}  chars {chars}")
    print(f"read+chunk {read_s:.1f}s ({pages / read_s:.1f} pages/s)")
    print(f"embed ({model.name}, {args.threads} threads) {embed_s:.1f}s: {len(chunks) / embed_s:.2f} chunks/s, {chars / embed_s:.0f} chars/s")
    print(f"total {read_s + embed_s:.1f}s: {len(chunks) / (read_s + embed_s):.2f} chunks/s end to end")
    for f, r in skipped:
        print(f"skipped {f}: {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
