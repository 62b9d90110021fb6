"""The assistant: one object to embed in other apps.

    from qa import Assistant
    bot = Assistant.open("index")
    answer = bot.ask("经信局2024年三公经费决算是多少？")
    print(answer.answer, answer.value, answer.unit, [c.doc for c in answer.citations])

    chat = bot.conversation()
    chat.ask("中小企业中心2024年住房公积金支出多少？")
    chat.ask("那2026年预算呢？")      # follow-ups use the conversation so far

Models and indexes load once; :meth:`Assistant.ask` is safe to call from
several threads (answers are computed one at a time).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .answer import answer_question
from .retrieve import Retriever
from .types import Answer

__all__ = ["Assistant", "Conversation"]


class Assistant:
    """Answers questions over one index."""

    def __init__(self, retriever: Retriever):
        self.retriever = retriever
        self._lock = threading.Lock()

    @classmethod
    def open(cls, index: str | Path = "index", threads: int = 2) -> "Assistant":
        return cls(Retriever.open(index, threads=threads))

    def ask(self, question: str, history: list[dict] | None = None) -> Answer:
        """Answer ``question``; ``history`` is the conversation so far as
        ``[{"role": "user"|"assistant", "content": "..."}]``."""
        started = time.perf_counter()
        with self._lock:
            answer = answer_question(self.retriever, question, history or [])
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        return answer

    def conversation(self) -> "Conversation":
        return Conversation(self)


@dataclass
class Conversation:
    """A chat: keeps the turns so follow-up questions resolve against them."""

    assistant: Assistant
    history: list[dict] = field(default_factory=list)

    def ask(self, question: str) -> Answer:
        answer = self.assistant.ask(question, self.history)
        self.history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
        return answer

    def reset(self) -> None:
        self.history.clear()
