"""Tables of a disclosure: find them, name them, split header from body, read facts.

- :mod:`qa.tables.core` — the :class:`Table` model, header/body split;
- :mod:`qa.tables.pdf` — raw tables of a PDF page (ruled tables, rows a
  ruling missed, tables laid out in columns of text without ruling lines);
- :mod:`qa.tables.assemble` — :func:`extract_tables`: tables of a document in
  reading order, titles and units read, continuations stitched;
- :mod:`qa.tables.align` — header cells aligned to the body's columns.

Facts (one per value cell) come from :func:`qa.table_facts.table_facts`,
re-exported here with :func:`~qa.table_kinds.classify`.
"""

from __future__ import annotations

from ..table_kinds import classify
from .assemble import extract_tables
from .core import Table, _is_numbering, is_numbering, split_header  # noqa: F401  (_is_numbering: old name)

__all__ = ["Table", "Fact", "extract_tables", "table_facts", "document_facts", "classify", "split_header",
           "is_numbering"]

from ..table_facts import Fact, document_facts, table_facts  # noqa: E402  (re-export; imports qa.tables)
