"""The retriever: hybrid search (BM25 + dense, reciprocal-rank fusion) with
organisation / year / stage filters. This is the embeddable API::

    from qa import Retriever
    r = Retriever.open("index")
    for hit in r.search("经信局2024年三公经费为什么增加", k=5):
        print(hit.score, hit.doc, hit.page, hit.section, hit.text[:40])
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from . import config, store
from .aliases import remember
from .bm25 import BM25, Tokenizer
from .embed import Embedder, get_embedder
from .errors import EmbedderMismatch
from .scope import infer_filters, topic
from .types import Filters, Hit

__all__ = ["Retriever", "rrf"]

RRF_K = 60
# BM25 is the stronger ranker on these documents (benchmarks/retrieval.py): weight dense lower.
WEIGHTS = {"bm25": 1.0, "dense": 0.5}


def rrf(rankings: list[list[int]], k: int = RRF_K, weights: list[float] | None = None) -> dict[int, float]:
    """Reciprocal-rank fusion of ranked id lists.

    >>> sorted(rrf([[1, 2, 3], [3, 1]]).items(), key=lambda kv: -kv[1])[0][0]
    1
    """
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + w / (k + rank + 1)
    return fused


class Retriever:
    """Search one built index. Open with :meth:`open`; models load once.

    ``threads``: the embedder's CPU threads for batches; one query is embedded
    and searched on the setting ``query_threads`` (``QA_QUERY_THREADS``, 1)."""

    def __init__(self, build: store.Build, embedder: Embedder | None = None, threads: int = 2):
        self.build = build
        self.chunks = build.chunks
        self._threads = threads
        self._query_threads = int(config.get("query_threads"))
        self._embedder = embedder
        if embedder is not None and embedder.name != build.manifest["embedder"]:
            raise EmbedderMismatch(
                f"the index was built with embedder {build.manifest['embedder']!r}, not {embedder.name!r}; "
                "query with the same embedder or rebuild the index"
            )
        self._embed_lock = threading.Lock()
        self.tokenizer = Tokenizer(build.userwords)
        self.bm25 = BM25(build.tokens)
        # one entry per (organisation, year, stage) a document covers: a report on the
        # 2024 决算 and the 2025 预算执行情况 answers for both years
        self.catalog = [(d["organisation"], d["year"], d["stage"]) for d in build.documents]
        self.catalog += [(d["organisation"], y, s) for d in build.documents
                         for y, s in d.get("periods") or [] if (d["organisation"], y, s) not in self.catalog]
        self._periods = {d["name"]: [(y, s) for y, s in d.get("periods") or []] for d in build.documents}
        for d in build.documents:  # the short forms stored at build time (own, alias file)
            remember(d["organisation"], d.get("aliases") or [])

    @classmethod
    def open(cls, path: str | Path = "index", embedder: str | Embedder | None = None, threads: int = 2) -> "Retriever":
        """Open the index at ``path``. ``embedder`` defaults to the one the
        index was built with; another one is refused (:class:`EmbedderMismatch`)."""
        build = store.open_build(path)
        if isinstance(embedder, str):
            if embedder != build.manifest["embedder"]:
                raise EmbedderMismatch(
                    f"the index at {path} was built with embedder {build.manifest['embedder']!r}, "
                    f"not {embedder!r}; query with the same embedder or rebuild the index"
                )
            embedder = None
        return cls(build, embedder, threads)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.build.manifest["embedder"], self._threads)
        return self._embedder

    @property
    def documents(self) -> list[dict]:
        return self.build.documents

    def filters_for(self, question: str) -> Filters:
        """The filters a question implies (organisations, years, stages it names)."""
        return infer_filters(question, self.catalog)

    def allowed(self, filters: Filters | None) -> list[int]:
        if not filters:
            return list(range(len(self.chunks)))
        # a chunk of a report on the 2024 决算 and the 2025 执行情况 is searched for either year
        return [c.id for c in self.chunks if filters.accepts(c.organisation, c.year, c.stage)
                or any(filters.accepts(c.organisation, y, s) for y, s in self._periods.get(c.doc, ()))]

    def search(
        self,
        query: str,
        k: int = 5,
        filters: Filters | dict | None = None,
        mode: str = "hybrid",
        infer: bool = True,
        depth: int = 50,
    ) -> list[Hit]:
        """The ``k`` best chunks for ``query``.

        ``filters``: a :class:`Filters` (or a dict of its fields); when None
        and ``infer`` is true, the filters the question implies are used.
        ``mode``: ``hybrid`` (default), ``bm25`` or ``dense``.
        """
        if isinstance(filters, dict):
            filters = Filters(**{key: tuple(v) for key, v in filters.items()})
        if filters is None:
            filters = self.filters_for(query) if infer else Filters()
        allowed = self.allowed(filters)
        if not allowed:
            return []
        # Once the filters hold the organisation, its name is noise in every chunk.
        text = topic(query, filters.organisations) if filters.organisations else query
        rankings, ranks, weights = [], {}, []
        if mode in ("hybrid", "bm25"):
            rankings.append(self._bm25(text, allowed, depth))
            weights.append(WEIGHTS["bm25"])
            ranks["bm25"] = {c: r for r, c in enumerate(rankings[-1])}
        if mode in ("hybrid", "dense"):
            rankings.append(self._dense(query, allowed, depth))
            weights.append(WEIGHTS["dense"])
            ranks["dense"] = {c: r for r, c in enumerate(rankings[-1])}
        fused = rrf(rankings, weights=weights) if mode == "hybrid" else {c: 1.0 / (1 + r) for r, c in enumerate(rankings[0])}
        best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [
            Hit(self.chunks[i], score, ranks.get("bm25", {}).get(i), ranks.get("dense", {}).get(i))
            for i, score in best
        ]

    def _bm25(self, query: str, allowed: list[int], depth: int) -> list[int]:
        scores = self.bm25.scores(self.tokenizer.tokens(query), set(allowed) if len(allowed) < len(self.chunks) else None)
        order = sorted((i for i in allowed if scores[i] > 0), key=lambda i: (-scores[i], i))
        return order[:depth]

    def _dense(self, query: str, allowed: list[int], depth: int) -> list[int]:
        import faiss

        q = np.ascontiguousarray(self._query_vector(query)[None, :], dtype=np.float32)
        k = min(depth, len(allowed))
        params = None
        faiss.omp_set_num_threads(self._query_threads)  # per calling thread (qa.native)
        if len(allowed) < len(self.chunks):
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64)))
        _, ids = self.build.faiss_index.search(q, k, params=params)
        return [int(i) for i in ids[0] if i >= 0]

    def _query_vector(self, query: str) -> np.ndarray:
        """The query's vector, remembered for the last few hundred queries."""
        cache = self.__dict__.setdefault("_vectors", {})
        with self._embed_lock:  # embedding backends are not guaranteed thread-safe
            if query not in cache:
                if len(cache) > 512:
                    cache.clear()
                cache[query] = self.embedder.query(query)
            return cache[query]

    def dense_scores(self, query: str, ids: list[int]) -> dict[int, float]:
        """Cosine similarity of ``query`` with chunks ``ids``."""
        q = self.embedder.query(query)
        vecs = self.build.vectors(ids)
        return {i: float(v @ q) for i, v in zip(ids, vecs)}
