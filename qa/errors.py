"""The exceptions ``qa`` raises.

Every error the library raises on purpose is a :class:`QAError`; the edges
(CLI, web, HTTP) turn them into messages for people. The tree::

    QAError
    ├── ReadError            a file could not be read (names the file and why)
    │   ├── UnsupportedFile  a file type qa does not read
    │   ├── EncryptedFile    a PDF that needs a password to open
    │   └── NoTextLayer      an image-only PDF (scanned) with no OCR to read it
    ├── IndexError_          an index is missing, incomplete or incompatible
    │   └── EmbedderMismatch the index was built with another embedder
    ├── EmbedderError        an embedding backend is missing or failed to load
    └── QueryError           a question or query cannot be handled
"""

from __future__ import annotations

__all__ = [
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


class QAError(Exception):
    """Base class of every error raised by qa on purpose."""


class ReadError(QAError):
    """A file could not be read; ``path`` names it and ``reason`` says why."""

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnsupportedFile(ReadError):
    """A file of a type qa does not read."""


class EncryptedFile(ReadError):
    """A PDF that cannot be opened without a password (or whose encryption
    qa cannot undo). Owner-password-only PDFs open and are read normally."""


class NoTextLayer(ReadError):
    """A PDF whose pages are images only, and no OCR could read them (the
    ``qa[ocr]`` extra is missing, or OCR found no text)."""


class IndexError_(QAError):  # noqa: N801 - avoid shadowing the builtin IndexError
    """The index is missing, incomplete or incompatible."""


class EmbedderMismatch(IndexError_):
    """The index was built with a different embedder than the one asked for."""


class EmbedderError(QAError):
    """An embedding backend is not installed or failed to load."""


class QueryError(QAError):
    """A question or query that cannot be handled."""
