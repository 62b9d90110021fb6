"""Conversation state: a follow-up question inherits what earlier turns named.

"其中公务接待费多少？" after "中小企业中心2024年三公经费花了多少？" is about the
same organisation and year; "那2026年预算呢？" keeps the organisation and the
subject but changes the year and stage; "为什么？" asks about the last subject.

>>> catalog = [("武汉市中小企业发展促进中心", 2024, "决算"), ("武汉市中小企业发展促进中心", 2026, "预算")]
>>> history = [{"role": "user", "content": "中小企业中心2024年住房公积金支出多少？"}]
>>> query, f = resolve("那2026年预算呢？", history, catalog)
>>> f.organisations, f.years, f.stages
(('武汉市中小企业发展促进中心',), (2026,), ('预算',))
>>> "住房公积金" in query
True
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from .scope import infer_filters, topic
from .types import Filters

__all__ = ["resolve", "is_follow_up"]

_FOLLOW_UP = re.compile(r"^(那|那么|其中|它|他们|该|这|此|比上年|与上年|为什么|为何|原因|怎么|呢)")


def is_follow_up(question: str, filters: Filters) -> bool:
    """Does the question lean on an earlier turn for its subject?

    >>> is_follow_up("为什么？", Filters()), is_follow_up("经信局的主要职责是什么？", Filters(organisations=("x",)))
    (True, False)
    """
    q = question.strip()
    short = len(re.sub(r"[\\W\\d年]", "", q)) <= 8
    return bool(_FOLLOW_UP.match(q)) or (short and not filters.organisations) or q.endswith("呢？") or q.endswith("呢")


def _user_turns(history: Iterable[dict] | None) -> list[str]:
    return [t.get("content", "") for t in (history or []) if t.get("role") == "user" and t.get("content")]


def resolve(question: str, history: Iterable[dict] | None, catalog: list) -> tuple[str, Filters]:
    """The search text and filters for ``question`` given earlier turns."""
    filters = infer_filters(question, catalog)
    turns = _user_turns(history)
    follow_up = is_follow_up(question, filters)
    if not turns or (filters.organisations and not follow_up):
        return question, filters
    carried = filters
    for turn in reversed(turns):
        earlier = infer_filters(turn, catalog)
        carried = replace(
            carried,
            organisations=carried.organisations or earlier.organisations,
            years=carried.years or earlier.years,
            stages=carried.stages or (earlier.stages if not filters.years else ()),
        )
    if not follow_up:
        return question, carried
    orgs = [o for o, _, _ in catalog]
    return f"{topic(turns[-1], orgs)} {question}", carried
