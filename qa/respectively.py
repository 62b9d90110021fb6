"""Figures stated 'respectively' (分别): each figure is its own item's.

Reports list several items and then their figures in the same order:
"卫生健康、社保和就业、城乡社区等支出分别增长8.5%、10.2%、12.3%" (the items before 分别),
"分别新增数字化产线、智能示范车间 103 条、20 家" (the items after it). Read clause by clause,
every figure would carry the whole list as its subject; :func:`respectively` pairs them,
and gives nothing when the items and the figures do not pair one to one.
"""

from __future__ import annotations

import re

__all__ = ["respectively"]

# the clause the list stands in: a list never runs across these
_BOUND = re.compile(r"[，,；;：:。]")
# between two figures of one run: a per-unit tail (元/人/月), 个百分点, and the separator
_GAP = re.compile(r"^\s*(?:/[\u4e00-\u9fff]{1,2})*\s*(?:个百分点)?\s*(?:[、，,]|和|及|与)\s*(?:和|及|与)?\s*$")
# the verb a figure follows (增长8.5%, 提高至296元, 为…)
_VERB = re.compile(r"^(提高至|提高到|提高|增长|下降|增加|减少|新增|高于|低于|达到|达|为|是|占|完成|实现|提升至|提升|降至|降低|压减|累计)")
# the shared head noun a list ends in ("养老保险、医疗保险补助标准": 补助标准 is both items')
_HEAD = re.compile(r"(补助标准|标准|支出|收入|资金|经费|投入|余额|规模|金额|人数|数量|面积|增速|增幅|占比|比重)$")


def _run(sentence: str, spans: list[tuple[int, int]], after: int) -> list[tuple[int, int]]:
    """The figures that follow ``after`` one after another (only separators between them)."""
    following = [s for s in spans if s[0] >= after]
    if not following or _BOUND.search(sentence[after:following[0][0]]):
        return []
    run = [following[0]]
    for span in following[1:]:
        if not _GAP.match(sentence[run[-1][1]:span[0]]):
            break
        run.append(span)
    return run


def _items(text: str, count: int) -> list[str]:
    """``text`` split into ``count`` items at 、 (or at 和/及/与 when two items have no 、), or []."""
    parts = [p.strip() for p in text.split("、")]
    if len(parts) == 1 and count == 2:
        parts = [p.strip() for p in re.split(r"和|及|与", text, maxsplit=1)]
    if len(parts) == count - 1 and re.search(r"和|及|与", parts[-1]):
        parts = parts[:-1] + [p.strip() for p in re.split(r"和|及|与", parts[-1], maxsplit=1)]
    if len(parts) != count or not all(parts):
        return []
    # a short item takes the words it shares with the first ("一般公共预算收入和支出": 一般公共预算支出)
    first = parts[0]
    return [first] + [p if len(p) > 2 or len(first) <= len(p) else first[: -len(p)] + p for p in parts[1:]]


def respectively(sentence: str, spans: list[tuple[int, int]]) -> dict[int, str]:
    """{start of a figure: the context naming its own item} for the figures a
    分别 pairs with a list of items; ``spans`` are the (start, end) of the
    sentence's figures with their units. Figures no 分别 pairs are left out.

    >>> s = "城乡居民基本养老保险、城乡居民基本医疗保险补助标准分别提高至 296 元/人/月、670 元/人/年。"
    >>> sorted(respectively(s, [(m.start(), m.end()) for m in re.finditer(r"\\d+\\s*元", s)]).values())
    ['城乡居民基本养老保险补助标准 提高至', '城乡居民基本医疗保险补助标准 提高至']
    >>> s = "卫生健康、社保和就业、城乡社区、交通运输等支出分别增长8.5%、10.2%、12.3%、22.8%。"
    >>> list(respectively(s, [(m.start(), m.end()) for m in re.finditer(r"[\\d.]+%", s)]).values())
    ['卫生健康支出 增长', '社保和就业支出 增长', '城乡社区支出 增长', '交通运输支出 增长']
    >>> s = "分别新增数字化产线、智能示范车间、标杆智能工厂 103 条、20 家、10 家;"
    >>> list(respectively(s, [(m.start(), m.end()) for m in re.finditer(r"\\d+\\s*[条家]", s)]).values())
    ['新增数字化产线', '新增智能示范车间', '新增标杆智能工厂']
    >>> s = "全市一般公共预算收入和支出分别为 91.4 亿元、80 亿元。"
    >>> list(respectively(s, [(m.start(), m.end()) for m in re.finditer(r"[\\d.]+\\s*亿元", s)]).values())
    ['全市一般公共预算收入 为', '全市一般公共预算支出 为']
    >>> respectively("两项分别增长 5%、6%、7%。", [(7, 9), (10, 12), (13, 15)])
    {}
    """
    out: dict[int, str] = {}
    for word in re.finditer(r"分别", sentence):
        run = _run(sentence, spans, word.end())
        if len(run) < 2:
            continue
        start = max([b.end() for b in _BOUND.finditer(sentence, 0, word.start())] + [0])
        before = sentence[start:word.start()].strip()
        between = sentence[word.end():run[0][0]].strip()
        verb = _VERB.match(between)
        listed_after = "、" in between or (not re.search(r"、|和|及|与", before) and verb and len(between) > len(verb.group(0)))
        if listed_after:  # "分别新增A、B、C 103 条、20 家、10 家"
            lead = verb.group(0) if verb else ""
            items = _items(between[len(lead):], len(run))
            contexts = [f"{before} {lead}{item}".strip() for item in items]
        else:  # "A、B等支出分别增长 x、y"
            head = ""
            if "等" in before:
                before, head = before.rsplit("等", 1)
            elif (found := _HEAD.search(before)) and "、" in before:
                head = found.group(0)
                before = before[: found.start()]
            items = _items(before, len(run))
            contexts = [f"{item}{head} {between}".strip() for item in items]
        if items:
            out.update({span[0]: context for span, context in zip(run, contexts)})
    return out
