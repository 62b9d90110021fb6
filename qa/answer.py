"""Answers with citations: numbers from SQL over the facts (qa.numeric),
reasons, definitions and duties from passages (qa.narrative), both when the
question asks both.

When the question names an organisation, year or stage the corpus does not
have, or nothing relevant is found, the answer says so (``answerable`` is
false) and points to what the corpus does disclose.
"""

from __future__ import annotations

import re

from .narrative import answer_from_passages, not_found
from .numeric import answer_numeric
from .retrieve import Retriever
from .slots import parse_slots
from .types import Answer

__all__ = ["answer_question"]

_WHY = re.compile(r"为什么|为何|为啥|原因|怎么.{0,4}(涨|降|多|少|增加|减少)")


_COUNTS = ("分", "辆", "个", "家", "人")


def answer_question(retriever: Retriever, question: str, history: list[dict] | None = None, k: int = 10) -> Answer:
    """Answer ``question`` (with earlier ``history`` turns) from the index:
    numbers from SQL over the facts, reasons and definitions from passages."""
    slots = parse_slots(question, retriever.catalog, history, retriever.tokenizer)
    numeric = answer_numeric(retriever.build.sqlite_path, slots) if slots.numeric else None
    if numeric is not None and (not _WHY.search(question) or not numeric.answerable):
        return numeric
    passage = answer_from_passages(retriever, question, history, k)
    if numeric is None:
        if slots.numeric and slots.unit in _COUNTS and passage.answerable:
            # a score or a count the documents never state: say so rather than quote a passage
            return not_found(retriever, retriever.filters_for(slots.query), question)
        return passage
    if passage.answerable:
        numeric.answer += " " + passage.answer
        numeric.citations += passage.citations
        numeric.route = "both"
    return numeric


