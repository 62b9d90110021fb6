"""qa — question answering over public budget and final-account disclosures.

Python API::

    from qa import Assistant, Retriever, build
    build(["corpus"], "index")            # files → index (incremental, atomic)
    r = Retriever.open("index")
    hits = r.search("经信局2024年三公经费", k=5)
    answer = Assistant(r).ask("经信局2024年三公经费决算是多少？")
"""

from .answer import answer_question
from .assistant import Assistant, Conversation
from .build import BuildReport, build
from .errors import (EmbedderError, EmbedderMismatch, EncryptedFile, IndexError_, NoTextLayer, QAError, QueryError, ReadError,
                     UnsupportedFile)
from .retrieve import Retriever
from .types import Answer, Chunk, Citation, Document, Filters, Hit

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
