"""Lexical search: jieba tokens with a corpus user dictionary, Okapi BM25.

The user dictionary (organisation names, budget subject names from the
tables) keeps terms such as 公务接待费 whole.

>>> tok = Tokenizer(["公务接待费"])
>>> "公务接待费" in tok.tokens("2024年公务接待费是多少")
True
>>> bm = BM25([["公务", "接待费"], ["住房", "公积金"], ["住房", "补贴"]])
>>> [round(s, 3) > 0 for s in bm.scores(["公积金"])]
[False, True, False]
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from typing import Iterable

__all__ = ["Tokenizer", "BM25", "user_words"]

_STOP = set(
    "的 了 是 在 和 与 及 或 等 为 对 其 中 上 下 年 年度 多少 什么 哪些 怎么 为什么 如何 吗 呢 啊 "
    "我 我们 本 该 这 那 个 有 无 于 以 将 由 从 被 按 元 万元 一个 请问 请 一下".split()
)
_KEEP = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]|\d")
_CELL_WORD = re.compile(r"^[\u4e00-\u9fff（）()“”\"·、]{3,20}$")


def user_words(lines: Iterable[str]) -> set[str]:
    """Words worth keeping whole: the text cells of tab-separated table rows.

    >>> sorted(user_words(["30217\\t公务接待费\\t0.56", "合计\\t3,380.68"]))
    ['公务接待费']
    """
    words: set[str] = set()
    for line in lines:
        if "\t" not in line:
            continue
        for cell in line.split("\t"):
            cell = cell.strip()
            if _CELL_WORD.match(cell):
                words.add(re.sub(r"[（(].*?[）)]", "", cell) or cell)
    return {w for w in words if len(w) >= 3}


class Tokenizer:
    """jieba with its own dictionary instance (no global state)."""

    def __init__(self, words: Iterable[str] = ()):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        for word in words:
            self._jieba.add_word(word, freq=50000)

    def tokens(self, text: str) -> list[str]:
        out = []
        for tok in self._jieba.lcut_for_search(text):
            tok = tok.strip().lower()
            if tok and tok not in _STOP and _KEEP.search(tok):
                out.append(tok)
        return out


class BM25:
    """Okapi BM25 over pre-tokenised documents."""

    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.n = len(docs)
        self.lengths = [len(d) for d in docs]
        self.avg = (sum(self.lengths) / self.n) if self.n else 0.0
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                self.postings[term].append((i, tf))

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def scores(self, query: list[str], allowed: set[int] | None = None) -> list[float]:
        out = [0.0] * self.n
        for term in set(query):
            idf = self.idf(term)
            for i, tf in self.postings.get(term, ()):
                if allowed is not None and i not in allowed:
                    continue
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / (self.avg or 1))
                out[i] += idf * tf * (self.k1 + 1) / norm
        return out
