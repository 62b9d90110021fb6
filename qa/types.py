"""The records that flow through the pipeline.

files → :class:`Document` (pages) → :class:`Chunk` → index → :class:`Hit`
→ :class:`Answer` with :class:`Citation` s.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Page", "Document", "Chunk", "Hit", "Filters", "Citation", "Answer"]


@dataclass
class Page:
    """One page of a document (text files are one page with ``number=None``).

    ``tables`` holds the raw tables a reader found on the page (rows of cell
    strings, ``None`` for an empty cell); table extraction reads them.
    ``ocr`` is true when the text was recognised from the page's image (a
    scanned page) rather than read from a text layer.
    """

    number: int | None
    text: str
    tables: list[list[list[str | None]]] = field(default_factory=list)
    ocr: bool = False


@dataclass
class Document:
    """A disclosure document as read from a file, with its metadata."""

    name: str  # file name, how citations name the document
    path: str
    sha256: str
    kind: str  # "text" or "pdf"
    pages: list[Page]
    notes: list[str] = field(default_factory=list)  # what the reader had to do (bad bytes replaced, OCR …)
    title: str = ""
    organisation: str = ""
    year: int | None = None
    stage: str = ""  # 预算 / 决算 / 执行情况 / ""
    scope: str = ""  # 部门 / 单位 for a department; 全市 / 市本级 / 市级 for a government report
    published: str = ""  # ISO date (or year-month) when the document states one
    genre: str = ""  # one of qa.metadata.GENRES
    periods: list = field(default_factory=list)  # (year, stage) the title names: a report covers two
    aliases: list = field(default_factory=list)  # short forms of the organisation (set at build time)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    @property
    def ocr_pages(self) -> list[int]:
        """Numbers of the pages whose text was recognised by OCR."""
        return [p.number for p in self.pages if p.ocr and p.number is not None]

    def meta(self) -> dict:
        """Metadata without the pages and the reader's notes."""
        d = asdict(self)
        d.pop("pages")
        d.pop("notes")
        return d


@dataclass
class Chunk:
    """A passage of a document: what is indexed and what is cited."""

    id: int
    doc: str
    page: int | None
    section: str  # heading path, " > " joined
    start: int  # character span in the page text
    end: int
    text: str  # the passage as in the document
    indexed: str  # what is embedded / tokenised: title + section + text
    organisation: str = ""
    year: int | None = None
    stage: str = ""


@dataclass
class Hit:
    """A retrieved chunk with its score (higher is better)."""

    chunk: Chunk
    score: float
    bm25_rank: int | None = None
    dense_rank: int | None = None

    # Convenience accessors so callers can write hit.text, hit.doc ...
    @property
    def text(self) -> str:
        return self.chunk.text

    @property
    def doc(self) -> str:
        return self.chunk.doc

    @property
    def page(self) -> int | None:
        return self.chunk.page

    @property
    def section(self) -> str:
        return self.chunk.section

    def to_dict(self) -> dict:
        c = self.chunk
        return {
            "doc": c.doc,
            "page": c.page,
            "section": c.section,
            "text": c.text,
            "score": round(self.score, 6),
            "organisation": c.organisation,
            "year": c.year,
            "stage": c.stage,
            "span": [c.start, c.end],
        }


@dataclass(frozen=True)
class Filters:
    """Restrict a search to some organisations, years and stages (empty = any)."""

    organisations: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    stages: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.organisations or self.years or self.stages)

    def accepts(self, organisation: str, year: int | None, stage: str) -> bool:
        if self.organisations and organisation not in self.organisations:
            return False
        if self.years and year not in self.years:
            return False
        if self.stages and stage not in self.stages:
            return False
        return True


@dataclass
class Citation:
    """Where an answer comes from: a passage (or, later, a table cell)."""

    doc: str
    page: int | None
    section: str
    text: str
    table: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    """An answer in the JSON contract of ``qa ask --jsonl``."""

    answer: str
    answerable: bool
    citations: list[Citation] = field(default_factory=list)
    value: float | None = None
    unit: str | None = None
    route: str = "retrieval"
    sql: str | None = None
    id: str | None = None
    latency_ms: float | None = None
    routing: dict | None = None  # {"kind", "confidence", "reason"} from the router
    plan: Any = None  # the parsed question (qa.understand.Plan)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "answer": self.answer,
            "answerable": self.answerable,
            "value": self.value,
            "unit": self.unit,
            "route": self.route,
            "sql": self.sql,
            "citations": [c.to_dict() for c in self.citations],
            "latency_ms": self.latency_ms,
            "routing": self.routing,
            "plan": self.plan.to_dict() if hasattr(self.plan, "to_dict") else self.plan,
        }
