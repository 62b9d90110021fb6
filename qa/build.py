"""Building the index: files → documents → chunks → vectors → a new build.

Incremental: a file whose sha256 matches a document of the live build (built
with the same embedder) is not read or embedded again. Atomic: see
:mod:`qa.store`. Bad files are reported by name and skipped. Copies (same
sha256, or the same text once read) are indexed once and reported as
duplicates of the file indexed; what a reader repaired (stray bytes, OCR) is
reported as a warning, on every build, reused or not.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from . import facts as factstore
from . import store
from .bm25 import Tokenizer, user_words
from .checks import check_tables
from .chunk import chunk_document
from .embed import Embedder, embed_in_batches, get_embedder
from .aliases import document_aliases, read_alias_file
from .errors import QAError, ReadError
from .ingest import SUFFIXES, decode, read_file, sha256_of
from .scope import org_core
from .tables import extract_tables, table_facts
from .indicators import table_row_facts
from .prose_facts import document_text_facts
from .types import Chunk, Document

__all__ = ["build", "BuildReport", "collect_files"]


@dataclass
class BuildReport:
    """What a build did."""

    index: str
    documents: int = 0
    chunks: int = 0
    read: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    embedded: int = 0
    facts: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file, what went wrong)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (file, file indexed instead, "file"|"text")
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.skipped


# A folder's notes about itself, not disclosures: not indexed when a folder is
# walked (a warning says so), indexed when named as a file.
FOLDER_NOTES = ("readme", "readme.md", "readme.txt", "sources.md", "sources.txt")


def collect_files(paths: Iterable[str | Path], notes: list[str] | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to read under ``paths`` and the ones skipped at once (with why);
    folder notes (README.md, SOURCES.md) found are appended to ``notes``."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    if f.name.lower() in FOLDER_NOTES:
                        if notes is not None:
                            notes.append(str(f))
                    elif f.suffix.lower() in SUFFIXES:
                        files.append(f)
                    else:
                        skipped.append((str(f), f"unsupported file type {f.suffix or '(none)'}"))
        elif p.is_file():
            files.append(p)
        else:
            skipped.append((str(p), "no such file or directory"))
    return files, skipped


def _previous(index_dir: Path, embedder_name: str):
    try:
        prev = store.open_build(index_dir)
    except QAError:
        return None
    return prev if prev.manifest.get("embedder") == embedder_name else None


# Bump when reading, chunking or table extraction changes what a file yields:
# unchanged files are then read again (their vectors are still reused by text).
EXTRACT_VERSION = 59


def _compatible(prev, embedder_name: str, chunk_chars: int, prefix: bool):
    if prev is None:
        return None
    same = (prev.manifest.get("embedder"), prev.manifest.get("chunk_chars"), prev.manifest.get("prefix", True),
            prev.manifest.get("extract_version"))
    return prev if same == (embedder_name, chunk_chars, prefix, EXTRACT_VERSION) else None


def _vector_cache(prev) -> dict[str, np.ndarray]:
    """Vectors of the previous build by indexed text: re-read files whose
    passages did not change are not embedded again."""
    if prev is None:
        return {}
    vectors = prev.vectors([c.id for c in prev.chunks])
    return {c.indexed: v for c, v in zip(prev.chunks, vectors)}


def _reuse(prev, name: str, digest: str):
    """(document row, chunks, vectors, DocFacts) of an unchanged document, or None."""
    if prev is None:
        return None
    row = next((d for d in prev.documents if d["name"] == name and d["sha256"] == digest), None)
    if row is None:
        return None
    chunks = [c for c in prev.chunks if c.doc == name]
    con = store.connect_readonly(prev.sqlite_path)
    try:
        old_facts = factstore.read(con, name)
    finally:
        con.close()
    return row, chunks, prev.vectors([c.id for c in chunks]), old_facts


def tables_of(doc: Document) -> factstore.DocFacts:
    """Tables, facts and consistency checks of one document."""
    tables = extract_tables(doc)
    facts_by_table = [table_facts(t, doc) for t in tables]
    checks = check_tables(doc, tables, facts_by_table)
    return factstore.doc_facts(doc, tables, facts_by_table, checks)


def build(
    paths: Iterable[str | Path],
    index_dir: str | Path = "index",
    embedder: str | Embedder = "e5-small",
    threads: int = 2,
    chunk_chars: int = 400,
    prefix: bool = True,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
    aliases: str | Path | None = None,
) -> BuildReport:
    """Build the index of ``paths`` into ``index_dir``.

    ``progress(label, total)`` may return a callback advanced by n items.
    ``aliases`` is an alias file (``简称 = 全称`` lines, see
    :func:`qa.aliases.read_alias_file`); a file named ``aliases.txt`` among
    the inputs is read as one too. Raises :class:`QAError` when no document
    at all could be read (the previous index stays live), or when the alias
    file is malformed.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    model = get_embedder(embedder, threads) if isinstance(embedder, str) else embedder
    report = BuildReport(index=str(index_dir))
    folder_notes: list[str] = []
    files, report.skipped = collect_files(paths, folder_notes)
    report.warnings += [(f, "the folder's notes (README/SOURCES), not a disclosure: not indexed") for f in folder_notes]
    alias_files = [f for f in files if f.name == ALIAS_FILE] + ([Path(aliases)] if aliases else [])
    files = [f for f in files if f.name != ALIAS_FILE]
    extra_aliases = _alias_files(alias_files)
    same_model = _previous(index_dir, model.name)
    prev = _compatible(same_model, model.name, chunk_chars, prefix)
    cache = _vector_cache(same_model) if prev is None else {}

    docs: list[dict] = []
    per_doc: list[factstore.DocFacts] = []
    chunks: list[Chunk] = []
    vectors: list[np.ndarray] = []
    fresh: list[int] = []  # positions in ``chunks`` still to embed
    names: set[str] = set()
    reader: dict[str, dict] = {}  # name → what reading it took (notes, OCR pages, text digest)
    texts: dict[str, Path] = {}  # text digest → the file indexed with that text
    hashed = _hash_files(files, report)
    keep = _keepers(hashed, same_model)
    tick = progress("reading", len(files)) if progress else None
    for path, digest in hashed:
        try:
            if keep[digest] != path:  # a byte-identical copy: read once, reported after the loop
                report.duplicates.append((str(path), str(keep[digest]), "file"))
                continue
            if path.name in names:
                raise ReadError(str(path), "another file with the same name is already in the index")
            reused = _reuse(prev, path.name, digest)
            if reused:
                read = dict((prev.manifest.get("reader") or {}).get(path.name) or {})
                if read.get("text") in texts:
                    report.duplicates.append((str(path), str(texts[read["text"]]), "text"))
                    continue
                row, old_chunks, old_vectors, old_facts = reused
                docs.append(row)  # its aliases: the document's own, set again below with the alias file's
                per_doc.append(old_facts)
                renumber = {}
                for c in old_chunks:
                    renumber[c.id] = len(chunks)
                    c.id = len(chunks)
                    chunks.append(c)
                for t in old_facts.text_facts:
                    t["chunk_id"] = renumber.get(t["chunk_id"])
                vectors.append(old_vectors)
                report.reused.append(path.name)
                report.warnings.extend((str(path), note) for note in read.get("notes", []))
            else:
                doc = read_file(path, digest)
                read = {"text": hashlib.sha256(doc.text.encode("utf-8")).hexdigest(), "ocr_pages": doc.ocr_pages}
                if read["text"] in texts:
                    report.duplicates.append((str(path), str(texts[read["text"]]), "text"))
                    continue
                new = chunk_document(doc, chunk_chars, first_id=len(chunks), prefix=prefix)
                read["aliases"] = sorted(document_aliases(doc.text, doc.organisation))
                docs.append({**doc.meta(), "pages": len(doc.pages)})
                report.warnings.extend((str(path), note) for note in doc.notes)
                before = len(report.warnings)
                per_doc.append(_safe_tables(doc, report))
                read["notes"] = doc.notes + [note for _, note in report.warnings[before:]]
                per_doc[-1].text_facts = _safe_text_facts(new, docs[-1], doc, report)
                fresh.extend(range(len(chunks), len(chunks) + len(new)))
                chunks.extend(new)
                vectors.append(np.zeros((len(new), model.dim), np.float32))
                report.read.append(path.name)
            names.add(path.name)
            reader[path.name] = read
            if read.get("text"):
                texts[read["text"]] = path
        except ReadError as e:
            report.skipped.append((e.path, e.reason))
        except OSError as e:
            report.skipped.append((str(path), f"cannot read: {e.strerror or e}"))
        finally:
            if tick:
                tick(1)
    _report_duplicates(report)
    if not docs:
        raise QAError("no document could be read; the index was not changed" + _why(report))
    for d in docs:  # a short form taken out of the alias file is gone from reused documents too
        own = (reader.get(d["name"]) or {}).get("aliases", [])
        d["aliases"] = sorted(set(own) | extra_aliases.get(d.get("organisation") or "", set()))

    matrix = np.concatenate(vectors) if vectors else np.zeros((0, model.dim), np.float32)
    t0 = time.perf_counter()
    cached = [i for i in fresh if chunks[i].indexed in cache]
    for i in cached:
        matrix[i] = cache[chunks[i].indexed]
    fresh = [i for i in fresh if chunks[i].indexed not in cache]
    if fresh:
        tick = progress("embedding", len(fresh)) if progress else None
        matrix[fresh] = embed_in_batches(model, [chunks[i].indexed for i in fresh], progress=tick)
    report.embed_seconds = time.perf_counter() - t0
    report.embedded = len(fresh)

    words = _userwords(docs, chunks)
    tokenizer = Tokenizer(words)
    tokens = [tokenizer.tokens(c.indexed) for c in chunks]
    manifest = {
        "format": store.FORMAT,
        "embedder": model.name,
        "dim": model.dim,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "documents": len(docs),
        "chunks": len(chunks),
        "chunk_chars": chunk_chars,
        "prefix": prefix,
        "extract_version": EXTRACT_VERSION,
        "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
        "warnings": [{"file": f, "reason": r} for f, r in report.warnings],
        "duplicates": [{"file": f, "same_as": first, "same": how} for f, first, how in report.duplicates],
        "reader": reader,
    }
    out = store.new_build_dir(index_dir)
    try:
        store.write_build(out, manifest, docs, chunks, tokens, matrix, sorted(words), per_doc)
    except BaseException:
        store.discard(out)
        raise
    store.publish(index_dir, out)
    report.documents, report.chunks = len(docs), len(chunks)
    report.facts = sum(len(d.facts) for d in per_doc)
    report.seconds = time.perf_counter() - started
    return report


ALIAS_FILE = "aliases.txt"


def _alias_files(paths: list[Path]) -> dict[str, set[str]]:
    """organisation → short forms, from the alias files (a bad file raises
    :class:`QAError` naming it: aliases silently lost would cross wires)."""
    out: dict[str, set[str]] = {}
    for path in paths:
        try:  # UTF-8 or GB18030, as documents are
            table = read_alias_file(decode(Path(path).read_bytes(), str(path)))
        except ReadError as e:
            raise QAError(f"alias file {path}: {e.reason}") from e
        except (OSError, ValueError) as e:
            raise QAError(f"alias file {path}: {e}") from e
        for org, names in table.items():
            out.setdefault(org, set()).update(names)
    return out


def _hash_files(files: list[Path], report: BuildReport) -> list[tuple[Path, str]]:
    """(file, sha256) of each file; one that cannot be read is skipped."""
    hashed = []
    for path in files:
        try:
            hashed.append((path, sha256_of(path)))
        except OSError as e:
            report.skipped.append((str(path), f"cannot read: {e.strerror or e}"))
    return hashed


def _keepers(hashed: list[tuple[Path, str]], previous) -> dict[str, Path]:
    """sha256 → the one file read for that content: the file the previous
    build indexed it as (rebuilds keep the name, and so the citations), else
    the shortest name ("a.txt" before "a (1).txt", "a - 副本.txt"), else the
    first in order. The other files with that content are duplicates."""
    indexed = {(d["name"], d["sha256"]) for d in previous.documents} if previous else set()
    keep: dict[str, Path] = {}
    for path, digest in hashed:
        if digest not in keep:
            keep[digest] = path
            continue
        was, now = (keep[digest].name, digest) in indexed, (path.name, digest) in indexed
        if (now and not was) or (now == was and len(path.name) < len(keep[digest].name)):
            keep[digest] = path
    return keep


def _report_duplicates(report: BuildReport) -> None:
    """Each duplicate becomes a warning naming the file indexed in its place;
    a copy of a file that could not be read is skipped along with it."""
    unread = {f: reason for f, reason in report.skipped}
    kept = []
    for file, first, how in report.duplicates:
        label = Path(first).name if Path(first).parent == Path(file).parent else first
        if first in unread:
            report.skipped.append((file, f"same content as {label}, which could not be read: {unread[first]}"))
            continue
        same = "identical file, same sha256" if how == "file" else "same text"
        report.warnings.append((file, f"duplicate of {label} ({same}); not indexed again"))
        kept.append((file, first, how))
    report.duplicates = kept


def _safe_tables(doc: Document, report: BuildReport) -> factstore.DocFacts:
    """The document's tables; a failure there keeps the text and is reported."""
    try:
        return tables_of(doc)
    except Exception as e:  # noqa: BLE001 - one odd table must not lose the document
        report.warnings.append((doc.path, f"tables not extracted ({type(e).__name__}: {e})"))
        return factstore.DocFacts()


def _safe_text_facts(chunks: list[Chunk], meta: dict, doc: Document, report: BuildReport) -> list[dict]:
    """The figures stated in the document's sentences and in its narrative tables' rows; a failure
    in either keeps the document (its passages and tables) and is reported by file name."""
    rows = []
    for what, extract in (("sentences", document_text_facts), ("table rows", lambda c, m: table_row_facts(c))):
        try:
            rows.extend(factstore.text_fact_rows(meta, extract(chunks, meta)))
        except Exception as e:  # noqa: BLE001 - one odd passage must not lose the document
            report.warnings.append((doc.path, f"figures in {what} not extracted ({type(e).__name__}: {e})"))
    return rows


def _userwords(docs: list[dict], chunks: list[Chunk]) -> set[str]:
    words = user_words(line for c in chunks for line in c.text.split("\n"))
    for d in docs:
        if d.get("organisation"):
            words.update({d["organisation"], org_core(d["organisation"])})
    return {w for w in words if len(w) >= 2}


def _why(report: BuildReport) -> str:
    if not report.skipped:
        return " (no supported files were given)"
    return ": " + "; ".join(f"{Path(f).name}: {r}" for f, r in report.skipped[:5])
