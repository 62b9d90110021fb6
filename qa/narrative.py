"""Narrative answers: the sentences that answer, from the passages of the
organisations, years and stages asked about, each cited.

The kind of question steers the choice: reasons (为什么 → sentences with
原因), definitions (是什么/指什么 → 名词解释, sentences with 是指), duties
(主要职责 → the duties section), lists (哪些 → a sentence ending in ：
brings the items after it). Near-identical boilerplate sentences are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .chunk import split_sentences
from .retrieve import Retriever
from .scope import topic
from .prose_facts import paragraphs
from .types import Answer, Citation, Filters, Hit
from .understand.figures import stated_values, states
from .understand.phrases import period_of
from .understand.plan import Plan

__all__ = ["answer_from_passages", "not_found", "question_kind", "content_words", "filters_of"]

MIN_COVERAGE = 0.34  # share of the question's content words the best sentence's passage must hold
_COLLOQUIAL = set("为啥 为什么 为何 怎么 怎样 如何 什么 哪些 哪个 哪家 是否 有没有 这么 那么 多少 几 呢 吗 啊 了 的 是 主要 情况 一下 请问 具体 都 给 说说 介绍 "
                  "怎么回事 回事 啥 咋 比 比多 比少 上年 去年 上一年 同比".split())  # the comparison, not the subject
# a figure the question quotes ("多了一千多万", "增长100%", "涨了九成"): the passage's own figure may differ in form
_QUOTED_FIGURE = re.compile(r"^(?=.*[\d%％千百万亿多余成倍])[\d.,%％零一二三四五六七八九十百千万亿两几多余成倍]+$")
_ALIASES = {"涨": "增加 增长", "降": "减少 下降", "花": "支出", "钱": "资金 经费", "干": "职责 负责", "负责": "职责"}
_KINDS = (
    ("reason", re.compile(r"为什么|为何|为啥|原因|理由|缘由|怎么回事|怎么.{0,4}(涨|降|多|少|增加|减少)|何故|(怎么|如何|怎样|作何)解释")),
    ("definition", re.compile(r"是什么意思|什么意思|指什么|怎么定义|如何定义|定义|含义|是指|指的是")),
    ("duties", re.compile(r"主要职责|职责|负责哪些|干哪些|做什么|主要干|职能|性质")),
    ("measures", re.compile(r"措施|改进|整改|下一步|问题|不足")),
    ("list", re.compile(r"哪些|哪几|哪[一二三四五六七八九十两]|组成|包括|包含|有什么")),
)


# the words a sentence gives a reason with ("主要原因是…", "下降主要是…落实过紧日子要求", "由于…", "受…影响")
_REASON = re.compile(r"原因|主要是(?!用于)|主要由于|由于|得益于|因为|受[^，,。；;]{1,16}影响")


@dataclass
class _Sentence:
    text: str
    hit: Hit
    order: int
    score: float = 0.0
    stated: bool = False  # it states a figure the question quotes
    under: str = ""  # the numbered item it is told under ("9、城乡社区支出（类）…（项）。"), when not itself


def question_kind(question: str) -> str:
    """reason, definition, duties, measures, list or general.

    >>> question_kind("三公经费为什么减少？"), question_kind("“三公”经费是怎么定义的？"), question_kind("主要职责是什么？")
    ('reason', 'definition', 'duties')
    """
    return next((kind for kind, pattern in _KINDS if pattern.search(question)), "general")


def content_words(retriever: Retriever, text: str) -> list[str]:
    """The words that carry the question's meaning (colloquial words dropped, 涨 → 增加 …)."""
    extra = " ".join(v for k, v in _ALIASES.items() if k in text)
    words = [w for w in retriever.tokenizer.tokens(text + " " + extra) if w not in _COLLOQUIAL and not _QUOTED_FIGURE.match(w)]
    return list(dict.fromkeys(words))


def _disclosed(retriever: Retriever, filters: Filters) -> str:
    docs = retriever.documents
    if filters.organisations:
        docs = [d for d in docs if d["organisation"] in filters.organisations]
    listed = sorted({f"{d['organisation']} {d['year'] or ''}年{d['stage']}" for d in docs})
    return "；".join(listed[:8])


def not_found(retriever: Retriever, filters: Filters, question: str, weak: bool = False) -> Answer:
    """A decline that names what the corpus does disclose nearby."""
    asked = "".join(["、".join(filters.organisations), "、".join(f"{y}年" for y in filters.years), "、".join(filters.stages)])
    text = "未找到与问题直接相关的披露内容。" if weak else f"文档未披露{asked or '该问题'}的相关信息。"
    nearby = _disclosed(retriever, filters)
    if nearby:
        text += f"已收录的相关文件：{nearby}。"
    return Answer(answer=text, answerable=False, route="retrieval")


# a table-of-contents entry: a title, dot leaders, a page number ("（63）2023年…明细表…… 80")
_CONTENTS_ENTRY = re.compile(r"(…{2,}|\.{4,}|·{4,}|-{6,})\s*[-—]?\s*\d{1,4}")


def _lines(text: str) -> list[str]:
    """A passage's lines, a PDF's visual lines joined back into paragraphs (tab-separated table rows kept)."""
    out: list[str] = []
    prose: list[str] = []
    for line in text.split("\n") + ["\t"]:
        if "\t" in line:
            out += paragraphs(prose) + ([line] if line != "\t" else [])
            prose = []
        elif line.strip():
            prose.append(line)
    return out


# a numbered item of an explanation ("9、城乡社区支出（类）城乡社区规划与管理（项）。主要用于：…"): what follows is about it
_ITEM_HEAD = re.compile(r"^\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．]|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[)）])\s*(?=[^\d\s])")


def _is_item_head(line: str) -> bool:
    """A numbered line naming a 科目 by its level ("9、城乡社区支出（类）…规划与管理（项）。")."""
    return "\t" not in line and bool(_ITEM_HEAD.match(line)) and bool(re.search(r"[（(][类款项][)）]", line[:80]))


def _last_item_head(text: str) -> str:
    """The last numbered item opened in ``text`` (its first 80 characters), or ""."""
    heads = [line.strip()[:80] for line in _lines(text) if _is_item_head(line)]
    return heads[-1] if heads else ""


def _sentences(hits: list[Hit], retriever: Retriever | None = None) -> list[_Sentence]:
    """The sentences of the hits, in order, each with the numbered item it is told under (carried
    from the passage before when a passage opens inside an item: "年初预算为 3110.14 万元…原因…"
    belongs to the item the passage before opened); table-of-contents entries answer nothing."""
    out = []
    for hit in hits:
        before = retriever.chunks[hit.chunk.id - 1] if retriever is not None and hit.chunk.id > 0 else None
        under = _last_item_head(before.text) if before is not None and before.doc == hit.doc else ""
        for line in _lines(hit.text):
            if _is_item_head(line):
                under = line.strip()[:80]
            elif "\t" not in line and _ITEM_HEAD.match(line):
                under = ""  # another numbered heading: what follows is no longer the item's
            parts = [line] if "\t" in line else split_sentences(line)
            out.extend(_Sentence(re.sub(r"\s*\t\s*", " ", p).strip(), hit, len(out), under=under) for p in parts
                       if p.strip() and not _CONTENTS_ENTRY.search(p))
    return out


def _with_continuations(retriever: Retriever, hits: list[Hit]) -> list[Hit]:
    """Hits, each followed by the next passage of its section when it ends by
    introducing a list (…包括：); a hit that ends mid-sentence gets the
    sentence's tail from the next passage."""
    out = []
    for hit in hits:
        nxt = hit.chunk.id + 1
        ahead = retriever.chunks[nxt] if nxt < len(retriever.chunks) else None
        if ahead is not None and ahead.doc == hit.doc and "\t" not in hit.text.rstrip().rsplit("\n", 1)[-1] \
                and not re.search(r"[。；;！!？?：:]\s*$", hit.text):
            # a sentence the passage boundary cut ("…用于年度执行中" | "增人、增资等…的经费。"): its tail
            tail = re.match(r"[^。；;！!？?\n\t]{0,120}[。；;！!？?]", ahead.text.lstrip())
            if tail:
                hit = replace(hit, chunk=replace(hit.chunk, text=hit.text.rstrip() + tail.group(0)))
        out.append(hit)
        if hit.text.rstrip().endswith(("：", ":")) and nxt < len(retriever.chunks):
            chunk = retriever.chunks[nxt]
            if chunk.doc == hit.doc and chunk.section == hit.section and all(h.chunk.id != nxt for h in hits):
                out.append(Hit(chunk, hit.score))
    return out


def _other_period(section: str, years: tuple[int, ...], period: str) -> bool:
    """Does a section heading name a year, or a part of a year, other than the ones asked?
    A report on the 2024 决算 and the 2025 1—6月 执行情况 has a section for each.

    >>> _other_period("三、2024年1—6月份财政预算执行情况 > （一）一般公共预算", (2023,), "")
    True
    >>> _other_period("三、2024年1—6月份财政预算执行情况", (2024,), "1-6月"), _other_period("一、收支总体情况", (2024,), "")
    (False, False)
    """
    named = {int(y) for y in re.findall(r"(?<!\d)(20\d\d)\s*年", section)}
    if not named:
        return False
    return bool(years) and not named & set(years) or period_of(section) != period


def _score(s: _Sentence, words: list[str], kind: str, must: list[str], years: tuple[int, ...] = (),
           period: str = "", quoted: tuple = ()) -> float:
    text, section = s.text, s.hit.section
    if _other_period(section, years, period):
        return -30.0  # a section about another year or another part of it
    points = sum(len(w) for w in words if w in text) + 0.3 * sum(len(w) for w in words if w in section) \
        + 0.8 * sum(len(w) for w in words if w in s.under and w not in text)  # the item it is told under
    if any(states(text, figure) for figure in quoted):
        s.stated = True
        points += 20  # the sentence states the figure the question quotes: it is about that change
    if kind == "reason" and _REASON.search(text):
        points += 6
    if kind == "definition" and (re.search(r"是指|：指|:指|指[^标]", text) or "名词解释" in section):
        points += 6 + (3 if "名词解释" in section else 0)
    if kind == "duties" and re.search(r"职责|职能|负责|承担", section + text):
        points += 6
    if kind == "measures" and re.search(r"改进|措施|问题|下一步", text):
        points += 4
    if must and not all(m in text or m in section or m in s.under for m in must):
        points -= 20
    return points - 0.002 * s.order  # earlier passages win ties


def _similar(a: str, b: str) -> bool:
    pa = {a[i : i + 2] for i in range(len(a) - 1)}
    pb = {b[i : i + 2] for i in range(len(b) - 1)}
    return bool(pa and pb) and len(pa & pb) / min(len(pa), len(pb)) > 0.8


def _pick(sentences: list[_Sentence], kind: str, question: str = "") -> list[_Sentence]:
    ranked = sorted(sentences, key=lambda s: -s.score)
    if ranked[0].stated:  # the change the question quotes, and what the document says of it: nothing beside
        ranked = [s for s in ranked if s.stated]
    top = ranked[0]
    chosen = [top]
    limit = 4 if kind in ("duties", "list", "measures") else 2
    for s in ranked[1:]:
        if len(chosen) >= limit or s.score < 0.5 * top.score or s.score <= 0:
            break
        if not any(_similar(s.text, c.text) for c in chosen):
            chosen.append(s)
    for lead in list(chosen):
        before = [s for s in sentences if s.hit is lead.hit and s.order == lead.order - 1]
        if before and re.match(r"\s*(与|和|同|比|较)(上年|上一年|去年|20\d\d)", lead.text) and before[0] not in chosen:
            chosen.append(before[0])  # "与上年相比增加2627.95万元": its subject is the sentence before
        # the sentences after it, in whichever passage holds it (overlapping passages may end on it)
        same = [o for o in sentences if o is lead or o.text == lead.text or lead.stated and o.stated and o.hit is not lead.hit]
        follow = [s for o in same for s in sentences if s.hit is o.hit and s.order > o.order]
        if kind in ("list", "measures", "general") and re.search(r"[：:]", lead.text) and lead.text.rstrip().endswith(("；", ";")):
            # "…主要是：A；" B；C。: the list runs on to the end of its sentence, and is the answer
            extra = []
            for s in follow[:6]:
                extra.append(s)
                if not s.text.rstrip().endswith(("；", ";")):
                    break
            if lead is top:
                chosen = [top]
        elif lead.text.rstrip().endswith(("：", ":")) or (kind in ("duties", "list") and lead is top):
            extra = follow[:6]
        elif _HEADING.match(lead.text):
            extra = follow[:2]  # "（八）外事科。": a heading says nothing itself, the lines under it do
        elif kind == "reason" and not _REASON.search(lead.text):
            reasons = [s for s in follow[:5 if lead.stated else 2] if _REASON.search(s.text)]
            # the reason for the change asked (比上年增加的原因), not one for another comparison (决算小于预算的原因)
            against = re.search(r"上年|去年|上一年", question) is not None
            fitting = [s for s in reasons if not against or not re.search(r"预算数?的?(主要)?原因", s.text)
                       or re.search(r"上年|去年", s.text)]
            extra = (fitting or reasons)[:1]
        else:
            extra = []
        chosen += [s for s in extra if s not in chosen and not any(_similar(s.text, c.text) for c in chosen)]
    if kind == "reason" and not any(_REASON.search(c.text) for c in chosen):
        # a heading or a figure chosen, its reason told a sentence or two on ("…减少71.89%。主要原因是…口径有所变动")
        last = max(chosen, key=lambda c: c.order)
        reason = next((s for s in sentences if s.hit is last.hit and last.order < s.order <= last.order + 3
                       and _REASON.search(s.text)), None)
        chosen += [reason] if reason is not None else []
    for first in [c for c in chosen if "一是" in c.text]:  # "主要原因一是…；" the 二是, 三是 after it too
        chosen += [s for s in sentences if s.hit is first.hit and first.order < s.order <= first.order + 4
                   and re.match(r"\s*[二三四五]是", s.text) and s not in chosen]
    return sorted(chosen, key=lambda s: s.order)


# a numbered heading standing alone ("（八）外事科。", "（三）住房保障支出（类）")
_HEADING = re.compile(r"^\s*([（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*、|\d{1,2}\s*[.、．])\s*[^，,；;。]{1,30}[。.]?\s*$")


# Words a passage that answers each kind of question usually carries.
_KIND_QUERY = {"definition": "名词解释 是指", "duties": "主要职责", "reason": "主要原因", "measures": "改进措施"}


def _one_scope(retriever: Retriever, question: str, query: str, filters: Filters, k: int, period: str = "",
               quoted: tuple = ()) -> Answer:
    if question_kind(question) != "reason":
        quoted = ()  # a figure quoted in a why-question is the change asked about; elsewhere it only sets the scene
    hint = _KIND_QUERY.get(question_kind(question), "")
    if filters.stages and not retriever.allowed(filters) and _stage_only_in_terms(question):
        # "零基预算改革", "预算绩效" name no stage of a document: the organisation's documents of the year asked
        filters = replace(filters, stages=())
    hits = retriever.search(f"{query} {hint}".strip(), k=k, filters=filters)
    if quoted and hits and filters.organisations:
        # the passages of the organisation asked that state the figure the question quotes, wherever they rank
        stating = [Hit(retriever.chunks[i], 0.0) for i in retriever.allowed(filters)
                   if any(states(retriever.chunks[i].text, f) for f in quoted)]
        values = {v for h in stating for f in quoted for v in stated_values(h.text, f)}
        if len(values) > 1:
            quoted = ()  # several figures fit what the question quotes ("一千多万"): it points at none of them
        elif 0 < len(stating) <= 3:
            hits = stating + [h for h in hits if all(h.chunk.id != x.chunk.id for x in stating)]
    if not hits:
        return not_found(retriever, filters, question)
    words = content_words(retriever, topic(query, filters.organisations))
    kind = question_kind(question)
    must = re.findall(r"[“\"「]([^”\"」]{2,20})[”\"」]", question)
    sentences = _sentences(_with_continuations(retriever, hits[:6]), retriever)
    for s in sentences:
        s.score = _score(s, words, kind, must, filters.years, period, quoted)
    chosen = _pick(sentences, kind, question)
    if quoted and kind == "reason" and not any(_REASON.search(c.text) for c in chosen):
        for s in sentences:  # the change is stated with no reason beside it: the reason is told elsewhere
            s.stated, s.score = False, _score(s, words, kind, must, filters.years, period)
        chosen = _pick(sentences, kind, question)
    best_hit = chosen[0].hit
    coverage = sum(w in best_hit.text + best_hit.section for w in words) / max(len(words), 1)
    if coverage < MIN_COVERAGE or chosen[0].score <= 0:
        answer = not_found(retriever, filters, question, weak=True)
        answer.citations = [Citation(best_hit.doc, best_hit.page, best_hit.section, best_hit.text)]
        return answer
    used: list[Hit] = []
    for s in chosen:
        if s.hit not in used:
            used.append(s.hit)
    body = "".join(f"{s.text}[{used.index(s.hit) + 1}]" for s in chosen)
    return Answer(answer=body, answerable=True, citations=[Citation(h.doc, h.page, h.section, h.text) for h in used],
                  route="retrieval")


def _stage_only_in_terms(question: str) -> bool:
    """Is every 预算/决算 of the question part of a term ("零基预算改革", "预算绩效") rather than a document's stage?

    >>> _stage_only_in_terms("长沙在推零基预算改革时怎么做的"), _stage_only_in_terms("高院2019年公务接待费实际决算支出了多少")
    (True, False)
    """
    found = list(re.finditer(r"预算|决算", question))
    return bool(found) and all(re.match(r"(改革|绩效|管理|制度|一体化|审查|评审|约束|编制)", question[m.end():])
                               or re.search(r"(零基|绩效|全口径|参与式)$", question[:m.start()]) for m in found)


def filters_of(plan: Plan) -> Filters:
    """The retrieval filters of a plan: its organisations, years and stages."""
    scope = plan.scope
    return Filters(organisations=scope.organisations, years=scope.years, stages=scope.stages)


def answer_from_passages(retriever: Retriever, plan: Plan, k: int = 10) -> Answer:
    """The extractive answer: the sentences that answer, cited; one part per
    organisation when the question compares several."""
    question, query, filters = plan.question, plan.query, filters_of(plan)
    period = plan.operands[0].period if plan.operands else ""
    if len(filters.organisations) < 2:
        return _one_scope(retriever, question, query, filters, k, period, plan.quoted)
    parts = [_one_scope(retriever, question, query, replace(filters, organisations=(o,)), k, period, plan.quoted)
             for o in filters.organisations]
    if not any(p.answerable for p in parts):
        return not_found(retriever, filters, question)
    citations: list[Citation] = []
    texts = []
    for org, part in zip(filters.organisations, parts):
        offset = len(citations)
        texts.append(f"{org}：" + re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", part.answer))
        citations += part.citations
    return Answer(answer=" ".join(texts), answerable=True, citations=citations, route="retrieval")
