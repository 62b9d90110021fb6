"""The index on disk: SQLite (documents, chunks) + FAISS (chunk vectors).

Layout of an index directory::

    index/
      CURRENT              name of the live build, replaced atomically
      build-<stamp>/       one complete build
        manifest.json      format, embedder, counts, skipped files
        qa.sqlite          documents, chunks, tables, facts, checks (docs/schema.md)
        chunks.faiss       inner-product index over normalised vectors
        userdict.txt       words kept whole by the tokenizer

A build is written into a fresh ``build-*`` folder and published by
replacing ``CURRENT`` (``os.replace``), so a failed or interrupted build
leaves the previous one usable; older builds are removed after the swap.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import IndexError_
from .types import Chunk, Document

__all__ = ["Build", "open_build", "new_build_dir", "publish", "write_build", "FORMAT"]

FORMAT = 3
SCHEMA = """
CREATE TABLE documents (
    name TEXT PRIMARY KEY, path TEXT, sha256 TEXT, kind TEXT, title TEXT,
    organisation TEXT, year INTEGER, stage TEXT, scope TEXT, published TEXT,
    genre TEXT, periods TEXT, aliases TEXT, pages INTEGER
);
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY, doc TEXT REFERENCES documents(name), page INTEGER,
    section TEXT, start INTEGER, "end" INTEGER, text TEXT, indexed TEXT,
    organisation TEXT, year INTEGER, stage TEXT, tokens TEXT
);
CREATE INDEX chunks_doc ON chunks(doc);
"""
_DOC_COLS = ("name", "path", "sha256", "kind", "title", "organisation", "year", "stage", "scope", "published",
             "genre", "periods", "aliases")
_JSON_COLS = ("periods", "aliases")  # stored as JSON text
_CHUNK_COLS = ("id", "doc", "page", "section", "start", "end", "text", "indexed", "organisation", "year", "stage")


@dataclass
class Build:
    """A loaded build: what the retriever and the incremental builder need."""

    path: Path
    manifest: dict
    documents: list[dict]
    chunks: list[Chunk]
    tokens: list[list[str]]
    userwords: list[str]
    faiss_index: object = field(repr=False)

    def vectors(self, ids: list[int]) -> np.ndarray:
        """Stored vectors of chunks ``ids`` (for incremental rebuilds)."""
        if not ids:
            return np.zeros((0, self.manifest["dim"]), np.float32)
        return np.stack([self.faiss_index.reconstruct(int(i)) for i in ids])

    @property
    def sqlite_path(self) -> Path:
        return self.path / "qa.sqlite"


def current_build_dir(index_dir: Path) -> Path | None:
    pointer = Path(index_dir) / "CURRENT"
    if not pointer.is_file():
        return None
    build = Path(index_dir) / pointer.read_text(encoding="utf-8").strip()
    return build if (build / "manifest.json").is_file() else None


def new_build_dir(index_dir: Path) -> Path:
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = index_dir / f"build-{stamp}-{os.getpid()}-{time.monotonic_ns() % 100000}"
    path.mkdir()
    return path


def write_build(
    path: Path,
    manifest: dict,
    documents: list[Document] | list[dict],
    chunks: list[Chunk],
    tokens: list[list[str]],
    vectors: np.ndarray,
    userwords: list[str],
    tables: list | None = None,
) -> None:
    """Write one complete build into ``path`` (not yet published); ``tables``
    holds each document's :class:`qa.facts.DocFacts`."""
    import faiss

    from . import facts as factstore

    con = sqlite3.connect(path / "qa.sqlite")
    try:
        con.executescript(SCHEMA)
        rows = []
        for d in documents:
            meta = d if isinstance(d, dict) else {**d.meta(), "pages": len(d.pages)}
            rows.append([json.dumps(meta.get(c) or [], ensure_ascii=False) if c in _JSON_COLS else meta.get(c)
                         for c in _DOC_COLS] + [meta.get("pages")])
        con.executemany(f"INSERT INTO documents VALUES ({','.join('?' * (len(_DOC_COLS) + 1))})", rows)
        con.executemany(
            f"INSERT INTO chunks VALUES ({','.join('?' * (len(_CHUNK_COLS) + 1))})",
            [[getattr(c, col) for col in _CHUNK_COLS] + [" ".join(t)] for c, t in zip(chunks, tokens)],
        )
        factstore.write(con, tables or [])
        con.commit()
    finally:
        con.close()
    index = faiss.IndexFlatIP(manifest["dim"])
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(path / "chunks.faiss"))
    (path / "userdict.txt").write_text("\n".join(sorted(userwords)), encoding="utf-8")
    (path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def publish(index_dir: Path, build: Path) -> None:
    """Make ``build`` the live build (atomic), then remove older builds."""
    index_dir = Path(index_dir)
    tmp = index_dir / f"CURRENT.tmp-{os.getpid()}"
    tmp.write_text(build.name, encoding="utf-8")
    os.replace(tmp, index_dir / "CURRENT")
    for old in index_dir.glob("build-*"):
        if old.name != build.name and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def discard(build: Path) -> None:
    shutil.rmtree(build, ignore_errors=True)


def connect_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def open_build(index_dir: str | Path) -> Build:
    """Load the live build of ``index_dir``; :class:`IndexError_` if none."""
    import faiss

    index_dir = Path(index_dir)
    path = current_build_dir(index_dir)
    if path is None:
        raise IndexError_(f"no index at {index_dir}: run `qa build` first (or pass --index DIR)")
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise IndexError_(f"the index at {index_dir} has format {manifest.get('format')}; rebuild it with `qa build`")
    con = connect_readonly(path / "qa.sqlite")
    con.row_factory = sqlite3.Row
    try:
        documents = [dict(r) for r in con.execute("SELECT * FROM documents ORDER BY name")]
        for d in documents:
            for col in _JSON_COLS:
                d[col] = json.loads(d[col] or "[]")
        chunks, tokens = [], []
        for r in con.execute("SELECT * FROM chunks ORDER BY id"):
            chunks.append(Chunk(**{c: r[c] for c in _CHUNK_COLS}))
            tokens.append(r["tokens"].split())
    finally:
        con.close()
    userwords = (path / "userdict.txt").read_text(encoding="utf-8").split("\n")
    index = faiss.read_index(str(path / "chunks.faiss"))
    return Build(path, manifest, documents, chunks, tokens, [w for w in userwords if w], index)
