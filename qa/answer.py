"""Answers with citations: numbers from SQL over the facts (qa.numeric),
reasons, definitions and duties from passages (qa.narrative), both when the
question asks both.

When the question names an organisation, year or stage the corpus does not
have, or nothing relevant is found, the answer says so (``answerable`` is
false) and points to what the corpus does disclose.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import replace

from .compute import answer_numeric
from .narrative import answer_from_passages, filters_of, not_found
from .retrieve import Retriever
from .route import Route, route
from .scope import LEVELS, levels_named, near_misses, unknown_organisations
from .store import connect_readonly
from .types import Answer
from .understand import Plan, parse
from .understand.asks import names_ask, split_asks

__all__ = ["answer_question"]

_COUNTS = ("分", "辆", "个", "家", "人")
# a figure in a passage: a number asked for is never answered by sentences that state none
_FIGURE = re.compile(r"\d[\d,]*(\.\d+)?\s*(万元|亿元|元|%|％|辆|人次|人|名|个|家|项|次|台|套|件|平方米|亩|倍)")
MAX_QUESTION = 500  # characters; a question is a sentence or two, not a document


def clean_question(text: str) -> str:
    """Drop control characters and unpaired surrogates; collapse whitespace.

    >>> clean_question("三公\\x00经费\\ud800 是多少\\n")
    '三公经费 是多少'
    """
    text = "".join(ch for ch in text if ch.isprintable() or ch in " \t\n")
    return " ".join(text.split())


def answer_question(retriever: Retriever, question: str, history: list[dict] | None = None, k: int = 10) -> Answer:
    """Answer ``question`` (with earlier ``history`` turns) from the index:
    numbers from SQL over the facts, reasons and definitions from passages."""
    question = clean_question(question)
    history = [{**t, "content": clean_question(str(t.get("content", "")))[:MAX_QUESTION * 4]} for t in history or []
               if isinstance(t, dict)]
    if not question or len(question) > MAX_QUESTION:
        what = "问题是空的" if not question else f"问题太长（{len(question)} 字，最多 {MAX_QUESTION} 字）"
        return Answer(answer=f"{what}，请用一两句话提问。", answerable=False, route="none")
    asks = split_asks(question)
    if len(asks) == 2:
        both = _two_asks(retriever, asks, history, k)
        if both is not None:
            return both
    plan = _scoped_by_name(retriever, parse(question, retriever.catalog, history))
    decision = route(plan)
    answer = _decline_early(retriever, plan, decision) or _answer(retriever, plan, decision, k)
    answer.routing = {"kind": decision.kind, "confidence": decision.confidence, "reason": decision.reason}
    answer.plan = plan
    return answer


def _two_asks(retriever: Retriever, asks: list[str], history: list[dict], k: int) -> Answer | None:
    """A figure and its change or share asked together: each answered, the
    first ask's figure the value (the second's when the first only sets the scene); None when the first ask is not one figure
    of one organisation and year (then the question is read whole)."""
    own, then = parse(asks[0], retriever.catalog), parse(asks[1], retriever.catalog)
    if own.operands and then.operands and not own.operands[0].item and then.operands[0].item:
        return None  # "按债务类型分呢？专项债务余额有多少？": the first ask only leads in to the second
    first_plan = parse(asks[0], retriever.catalog, history)
    scope = first_plan.scope
    if first_plan.op not in ("value", "diff", "sum") or (
            first_plan.op == "value" and (len(scope.organisations) > 1 or len(scope.years) > 1)):
        return None
    first = answer_question(retriever, asks[0], history, k)
    if first.value is None:
        return None
    second = answer_question(retriever, asks[1], history + [{"role": "user", "content": asks[0]},
                                                             {"role": "assistant", "content": first.answer}], k)
    offset = len(first.citations)  # the second answer (or why it cannot be given), its [n] after the first's citations
    first.answer += " " + re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", second.answer)
    first.citations += second.citations
    if not names_ask(asks[0]) and second.answerable and second.value is not None:
        first.value, first.unit = second.value, second.unit  # "那2019年呢？比2018年多了多少？": the change is asked
    return first


def _scoped_by_name(retriever: Retriever, plan: Plan) -> Plan:
    """A question that names no organisation but quotes a name (a project's, a platform's:
    “硚口企业服务直通车”) that the documents of exactly one organisation use: that organisation's."""
    if plan.scope.organisations:
        return plan
    names = [n for n in re.findall(r"[“\"]([^”\"]{4,30})[”\"]", plan.question) if not re.search(r"三公|经费|支出|收入", n)]
    if not names:
        return plan
    try:
        with closing(connect_readonly(retriever.build.sqlite_path)) as con:
            found = {row[0] for name in names for row in con.execute(
                "SELECT DISTINCT organisation FROM chunks WHERE replace(text, ' ', '') LIKE ?", (f"%{name}%",)) if row[0]}
    except sqlite3.Error:
        return plan  # the hint is lost, not the question: it is answered (or declined) as it was asked
    if len(found) != 1:
        return plan
    org = found.pop()
    return plan.with_(operands=tuple(replace(s, organisations=(org,)) for s in plan.operands))


def _decline_early(retriever: Retriever, plan: Plan, decision: Route) -> Answer | None:
    """Questions the corpus cannot answer whatever the passages say."""
    if decision.kind == "out_of_scope":
        return Answer(answer="这个问题不在预算、决算公开文件的范围内。可以问各单位的收支、“三公”经费、基本支出、"
                      "主要职责、变动原因等。", answerable=False, route="none")
    orgs = sorted({o for o, _, _ in retriever.catalog if o})
    scope = plan.scope
    listed = "、".join(orgs[:8])
    # a place or a unit the corpus does not have is declined, even beside one it has: a sub-unit's or another
    # district's figure is never served from the documents of another
    unknown = near_misses(plan.question, orgs) or unknown_organisations(plan.question, orgs)
    if unknown:
        return Answer(answer=f"文档中没有{unknown[0]}的公开文件，无法回答。已收录的单位：{listed}。", answerable=False, route="none")
    if decision.kind in ("numeric", "both") and not scope.organisations:
        candidates = sorted({o for o, y, _ in retriever.catalog if not scope.years or y in scope.years})
        if len(candidates) > 1:
            return Answer(answer=f"请指明单位：文档中{('、'.join(str(y) for y in scope.years) + '年') if scope.years else ''}"
                          f"有{len(candidates)}家单位的数据（{'、'.join(candidates[:6])}）。", answerable=False, route="none")
    return None


def _names_item(text: str, plan: Plan) -> bool:
    """Does a passage answer name the item a value question asks for (its
    last four characters, the head of a Chinese noun phrase, will do)?

    >>> from qa.understand import Selection
    >>> p = Plan("value", (Selection(item="科学技术支出"),))
    >>> _names_item("全市卫生健康支出67.9亿元", p), _names_item("全市科学技术支出12亿元", p)
    (False, True)
    >>> _names_item("学校各项支出总计457676.75万元，占支出总额的78.61%", Plan("value", (Selection(item="政府采购支出总额"),)))
    False
    """
    item = re.sub(r"[“”\"'（）()\s]", "", plan.operands[0].item if plan.operands else "")
    core = re.sub(r"(支出|收入)?(总额|总计|合计|金额|总数|规模)$", "", item)  # 政府采购支出总额: 政府采购 is the head
    item = core if len(core) >= 2 else item
    if len(item) < 2:
        return True
    text = re.sub(r"[“”\"'（）()\s]", "", text)
    return item[-4:] in text


def _other_level(text: str, plan: Plan) -> bool:
    """The question asks one level of government (全市 …) and the passages state another's figures
    only (市本级 …): a city's 全市 is never served with its 市本级, nor the reverse.

    >>> from qa.understand import Selection
    >>> p = Plan("value", (Selection(item="三公经费", scope="全市"),))
    >>> _other_level("市本级行政事业单位“三公”经费支出合计 0.76 亿元", p), _other_level("全市“三公”经费下降 6.6%", p)
    (True, False)
    """
    asked = plan.operands[0].scope if plan.operands else ""
    if asked not in LEVELS:
        return False
    named = levels_named(text)
    return bool(named) and asked not in named


def _states_figure(text: str, unit: str | None) -> bool:
    """Does ``text`` state a figure of the kind asked (an amount when no unit is
    named: "压减5%" is no answer to "安排了多少")?"""
    units = {m.group(2).replace("％", "%") for m in _FIGURE.finditer(text)}
    if unit is None or unit in ("元", "万元", "亿元"):
        return bool(units & {"元", "万元", "亿元"})
    return unit in units


def _answer(retriever: Retriever, plan: Plan, decision: Route, k: int) -> Answer:
    numeric = None
    if decision.kind in ("numeric", "both"):
        numeric = answer_numeric(retriever.build.sqlite_path, plan, retriever.tokenizer)
        if numeric is not None and decision.kind == "numeric":
            if numeric.answerable or plan.op != "list":
                return numeric
            listed = answer_from_passages(retriever, plan, k)  # a list the tables do not give ("汇总了哪几家预算单位")
            return listed if listed.answerable and _names_item(listed.answer, plan) else numeric  # may be the prose's
    passage = answer_from_passages(retriever, plan, k)
    if numeric is not None and not numeric.answerable:
        if not passage.answerable:
            return numeric
        # "X是干什么用的？预算多少？": the passages answer the first ask; the figure is declined, and says so
        offset = len(passage.citations)
        passage.answer += " " + re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", numeric.answer)
        passage.citations += numeric.citations
        passage.route = "both"
        return passage
    if numeric is None:
        if decision.kind == "numeric" and passage.answerable and (
                plan.unit in _COUNTS or plan.op not in ("value", "list") or not _names_item(passage.answer, plan)
                or plan.op == "value" and not _states_figure(re.sub(r"\[\d+\]", "", passage.answer), plan.unit)
                or _other_level(passage.answer, plan)):
            # a computation or a count the tables cannot support, passages that never name
            # the item asked for, or that state no figure: say so rather than quote them
            return not_found(retriever, filters_of(plan), plan.question)
        return passage
    if passage.answerable:
        numeric.answer += " " + passage.answer
        numeric.citations += passage.citations
        numeric.route = "both"
    return numeric
