"""Answers with citations. For now extractive: the sentences of the best
passages that share most words with the question, each passage cited.

When the question names an organisation, year or stage the corpus does not
have, or nothing relevant is found, the answer says so (``answerable`` is
false) and points to what the corpus does disclose.
"""

from __future__ import annotations

import re

from .chat import resolve
from .chunk import split_sentences
from .numeric import answer_numeric
from .slots import parse_slots
from .retrieve import Retriever
from .scope import topic
from .types import Answer, Citation, Filters, Hit

__all__ = ["answer_question", "answer_from_passages", "extractive", "not_found"]

MIN_COVERAGE = 0.34  # share of the question's topic words the best passage must contain
CITED = 3


def _disclosed(retriever: Retriever, filters: Filters) -> str:
    docs = retriever.documents
    if filters.organisations:
        docs = [d for d in docs if d["organisation"] in filters.organisations]
    listed = sorted({f"{d['organisation']} {d['year'] or ''}年{d['stage']}" for d in docs})
    return "；".join(listed[:8])


def not_found(retriever: Retriever, filters: Filters, question: str) -> Answer:
    asked = "".join(
        [
            "、".join(filters.organisations),
            "、".join(f"{y}年" for y in filters.years),
            "、".join(filters.stages),
        ]
    )
    nearby = _disclosed(retriever, filters)
    text = f"文档未披露{asked or '该问题'}的相关信息。"
    if nearby:
        text += f"已收录的相关文件：{nearby}。"
    return Answer(answer=text, answerable=False, route="retrieval")


def _coverage(words: list[str], text: str) -> float:
    if not words:
        return 0.0
    return sum(w in text for w in set(words)) / len(set(words))


_WHY = re.compile(r"为什么|为何|原因|怎么|何故")


def _best_sentences(words: list[str], hit: Hit, limit: int = 2, why: bool = False) -> list[str]:
    sentences = []
    for line in hit.text.split("\n"):
        sentences.extend(split_sentences(line) if "\t" not in line else [line])

    def score(sentence: str) -> int:
        points = sum(len(w) for w in set(words) if w in sentence)
        return points + (8 if why and "原因" in sentence else 0)

    scored = sorted(((score(s), -i, s) for i, s in enumerate(sentences)), reverse=True)
    chosen = sorted((s for s in scored[:limit] if s[0] > 0), key=lambda s: -s[1])
    return [re.sub(r"\s*\t\s*", " ", s[2]).strip() for s in chosen] or [hit.text[:160]]


def extractive(question: str, hits: list[Hit], words: list[str]) -> Answer:
    """The answer built from ``hits`` (already known to be relevant)."""
    top = hits[0]
    body = "".join(_best_sentences(words, top, why=bool(_WHY.search(question))))
    where = f"（{top.doc}" + (f"，第{top.page}页" if top.page else "") + (f"，{top.section.split(' > ')[-1]}" if top.section else "") + "）"
    citations = [Citation(h.doc, h.page, h.section, h.text) for h in hits[:CITED]]
    return Answer(answer=f"{body}[1]{where}", answerable=True, citations=citations, route="retrieval")


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


def answer_from_passages(retriever: Retriever, question: str, history: list[dict] | None = None, k: int = 10) -> Answer:
    """The extractive answer: best sentences of the best passages, cited."""
    query, filters = resolve(question, history, retriever.catalog)
    hits = retriever.search(query, k=k, filters=filters)
    if not hits:
        return not_found(retriever, filters, question)
    words = retriever.tokenizer.tokens(topic(query, filters.organisations))
    # The first passage, in ranked order, that shares enough of the question's words.
    covered = [h for h in hits if _coverage(words, h.chunk.text + h.section) >= MIN_COVERAGE]
    if covered:
        hits = covered[:1] + [h for h in hits if h is not covered[0]]
    else:
        answer = not_found(retriever, filters, question)
        answer.answer = "未找到与问题直接相关的披露内容。" + answer.answer.split("。", 1)[-1]
        answer.citations = [Citation(h.doc, h.page, h.section, h.text) for h in hits[:1]]
        return answer
    return extractive(question, hits, words)
