"""The items a question names together: a pair around an operation word
(:func:`item_splits`, :func:`split_items`: X占Y, X比Y多, X和Y合计), a list
(:func:`enumerated`: A、B、C), and the clause that names the item
(:func:`item_clause`). Standard names that contain 和/与/及 are never split
(:data:`COMPOUNDS`). Pure functions over text; :mod:`qa.understand.parse`
uses them.
"""

from __future__ import annotations

import os
import re

from .names import HEADS, complete_pair
from .phrases import TOTAL_WORDS, item_of

__all__ = ["COMPOUNDS", "mask", "unmask", "item_clause", "item_splits", "common_suffix", "HEADROOM", "enumerated",
           "shares", "split_items"]

# Standard names (功能分类, 经济分类, common bodies) that contain 和/与/及: never split there.
COMPOUNDS = ("商品和服务", "社会保障和就业", "文化旅游体育与传媒", "文化体育与传媒", "医疗卫生与计划生育", "灾害防治及应急管理",
             "对个人和家庭", "经济和信息化", "规划和自然资源", "科技创新和人才", "住房和城乡建设", "人力资源和社会保障",
             "文化和旅游", "城乡社区规划与管理", "发展与改革", "工商和市场监管", "林业和草原", "市场监督管理", "及相关机构",
             "新闻出版电影", "广播电视", "科学技术", "教育和科学", "结转和结余", "结转与结余", "购置及运行维护费")
_CONNECTORS = str.maketrans({"和": "\x01", "与": "\x02", "及": "\x03"})
_RESTORE = str.maketrans({"\x01": "和", "\x02": "与", "\x03": "及"})


def mask(text: str) -> str:
    """``text`` with the 和/与/及 inside standard names hidden, so no split falls there."""
    for name in COMPOUNDS:
        text = text.replace(name, name.translate(_CONNECTORS))
    # a gloss in brackets ("PPP（政府与社会资本合作）") is one name, whatever its words
    return re.sub(r"[（(][^（）()]{2,20}[)）]", lambda m: m.group(0).translate(_CONNECTORS), text)


def unmask(text: str) -> str:
    return text.translate(_RESTORE)


def item_clause(subject: str) -> str:
    """The item of the clauses up to the first that asks (多少/几/百分之 …):
    "X各是多少？A比B多多少？" asks about X; later clauses only reuse it."""
    clauses = [c for c in re.split(r"[？?。；;！!]", subject) if c.strip()]
    asking = [c for c in clauses if not re.search(r"为什么|为何|为啥|原因|怎么回事|怎么.{0,4}(涨|降|多|少|增加|减少)", c)]
    if asking and len(asking) < len(clauses):
        clauses = asking  # "X呢？为什么？": the reason clause names no item
    for i, clause in enumerate(clauses):
        if re.search(r"多少|几|百分之|占比|比例", clause):
            asked = item_of("".join(clauses[: i + 1]))
            return asked if len(asked) >= 2 else item_of("".join(clauses))
    return item_of("".join(clauses))


def item_splits(subject: str, op: str) -> list[tuple[str, str]]:
    """Every reading of two items around the operation word (X占Y, X是Y的几倍,
    X比Y多, X和Y合计), best first: the first never splits a standard name
    (商品和服务支出); the others split at each other 和/与/及, for names no
    list knows (公诉和审判监督).

    >>> item_splits("商品和服务支出和资本性支出合计是多少", "sum")[0]
    ('商品和服务支出', '资本性支出')
    >>> item_splits("全市政府债务余额距离债务限额还有多少空间", "diff")[0]
    ('债务限额', '政府债务余额')
    >>> item_splits("财政拨款支出里，小学教育和高中教育两项合计多少", "sum")[0]
    ('财政拨款支出里小学教育', '财政拨款支出里高中教育')
    >>> item_splits("一般公共预算和政府性基金预算的债务还本支出加起来是多少", "sum")[0]
    ('一般公共预算的债务还本支出', '政府性基金预算的债务还本支出')
    >>> item_splits("全市PPP（政府与社会资本合作）项目政府付费一共付了多少", "sum")
    []
    >>> item_splits("公诉和审判监督和社会保障和就业支出合计", "sum")
    [('公诉', '审判监督和社会保障和就业支出'), ('公诉和审判监督', '社会保障和就业支出')]
    """
    patterns = {"ratio": r"(.+?)(?:在(.+?)(?:之中|当中|中|里)所?占|(?:占了?|用掉了?|用了|占用了?)(.+?)的?(?:百分之|比例|比重|多少|几成|%|份额))",
                "multiple": r"(.+?)(?:(?:和|与|跟|同)(.+?)相?比[，,]?\s*(?:是|为|相当于)(?:它|其|后者)|(?:是|相当于|约为|约是|大约是|为|等于)(.+?))的(?:几|多少)倍",
                "diff": r"(.+?)(?:比|和|与|跟|同)(.+?)(?:之间|相比|相较|比较|对比)?[，,]?\s*(?:的)?(?:相差|差距|差额|差|多|少|高|低)"
                        r"|(.+?)(?:减去|减掉|扣除|扣掉|去掉)(.+?)(?:[，,]|以?后|之后|剩|结余|还剩|$)",
                "sum": rf"(.+?)(?:和|与|及|以及|连同|加(?!起来|一起|在一起)上?|\+)(.+?)(?:{TOTAL_WORDS}|总共|共有)"}
    if op not in patterns:
        return []
    masked = mask(subject)
    out: list[tuple[str, str]] = []

    def add(a: str, b: str) -> None:
        a, b = item_of(unmask(a)), item_of(unmask(b))
        shared = next((m for m in _MODIFIERS if m in a), "")
        if shared and b and len(b) <= 4 and not re.search(r"(费|支出|收入|经费|资金)$", b) and not a.endswith(shared):
            b = shared + b  # "公务用车购置和运行维护": 运行维护 is the 公务用车's too (接待费 is an item of its own)
        within = re.match(r"(.{2,}?)(?:里面的|里的|里|之中|中的|中(?![小心央国华学医职期]))", a) if op in ("sum", "diff") else None
        if within and not b.startswith(within.group(1)) and "里" not in b and "中的" not in b \
                and b not in ("总额", "总数", "合计", "总计", "总量"):
            b = a[: within.end()] + b  # "财政拨款支出里，小学教育和高中教育": both within 财政拨款支出
        whole, _, part = b.partition("的")
        if part and "的" not in a and len(a) >= 4 and common_suffix(a, whole) >= 2:
            a = f"{a}的{part}"  # "一般公共预算和政府性基金预算的债务还本支出": each fund's 债务还本支出
        if a and b and (a, b) not in out:
            out.append((a, b))  # a == b: one item on both sides ("X比它的X"), for the caller to read

    room = re.search(HEADROOM, masked) if op == "diff" else None
    if room:  # "余额离限额还差多少": the limit minus the figure
        add(room.group(2), room.group(1))
    m = re.search(patterns[op], masked)
    if m and op == "ratio" and m.group(2) is not None:
        whole = item_of(unmask(m.group(2)))
        part = item_of(unmask(m.group(1)))
        if len(whole) >= 2 and whole not in part and "中的" not in part:
            add(f"{whole}中的{part}", m.group(2))  # "X在Y里占多少": X as Y counts it (三公经费中的公务接待费)
    if m:
        found = [g for g in m.groups() if g is not None]
        add(found[0], found[1])
    if op in ("sum", "diff"):  # every other connector outside the standard names
        ends = {"sum": TOTAL_WORDS, "diff": r"相差|差额|差多少|差距|(?:多|少|高|低)(?:了|出)?多少"}
        end = re.search(ends[op], masked)
        body = masked[: end.start()] if end else masked
        for cut in re.finditer(r"和|与|及|比|跟", body):
            add(body[: cut.start()], body[cut.end():])
    return out


def common_suffix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` end with in common (预算, 基金 …)."""
    return len(os.path.commonprefix([a[::-1], b[::-1]]))


# "余额离（距）限额还差（还有）多少": how far a figure is from a limit or target, i.e. the limit minus it
HEADROOM = r"(.+?)(?:离|距离?)(?!退|休)(.+?)(?:还(?:差|有|剩)|差|剩)(?:多少|几|多大)"


def enumerated(subject: str) -> list[str]:
    """Items listed with 、 (“人大会议、人大立法、人大监督三项”), or [].

    >>> enumerated("城乡社区管理事务（款）下行政运行、城管执法两项合计多少")
    ['城乡社区管理事务中的行政运行', '城乡社区管理事务中的城管执法']
    >>> enumerated("预算里两个专项（科技创新、生命健康）加起来多少")
    ['科技创新专项', '生命健康专项']
    >>> enumerated("政府采购里货物、工程、服务三块，哪一块最多")
    ['政府采购中的货物', '政府采购中的工程', '政府采购中的服务']
    """
    listed = re.search(r"[两二三四五六七八九十\d]+\s*[个项类笔]([^（(，,。？?]{0,12}?)[（(]([^）)]+、[^）)]+)[）)]", subject)
    if listed and re.search(r"[和与、]", subject[: listed.start()]):
        listed = None  # "小学教育和高中教育两项支出（附小、附中那块）": the brackets gloss the items named before
    if listed:  # "四个政策资金专项（科技创新、生命健康…）": the brackets hold the members, the words before their head
        head = next((h for h in ("专项", "项目", "支出", "经费", "资金", "收入") if listed.group(1).endswith(h)), "")
        parts = [item_of(p) for p in re.split(r"、", listed.group(2))]
        parts = [p if not head or p.endswith(head) else p + head for p in parts]
        if len(parts) >= 2 and all(len(p) >= 2 for p in parts):
            return parts
    masked = mask(re.sub(r"[”\"]\s*[“\"]", "、", subject))  # “成长贷”“科技贷”: a list too
    masked = re.sub(r"[（(][^）)]*[）)]", "", masked)  # a gloss in brackets ("（附小、附中）") names the same items
    m = re.search(r"([^，,。？?]+?(?:、[^，,。？?、]+?)+)(?:[两一二三四五六七八九十\d]+[项个类款块部分笔]|" + TOTAL_WORDS + r"|分别|各|$)",
                  masked)
    if not m or "、" not in m.group(1):
        return []
    raw = re.split(r"、|和|与|及", m.group(1))
    said = re.match(r"\s*(?:这|那)?([两二三四五六七八九十])\s*[项个类款块笔]", masked[m.end(1):])
    listed = m.group(1).split("、")
    if said and len(listed) == " 一两三四五六七八九十".index(said.group(1).replace("二", "两")):
        raw = listed  # "A和B、C两项": the count the question says splits at 、 only (A和B is one name)
    # "X（款）下A、B、C三项": each member is X's (the rows under X, not same-named rows elsewhere)
    under = re.match(r"(.{2,}?)(?:下面的|下面|下的|下(?![降达拨年半])|里面的|里面|里的|里|中的|之中)(.{2,})$", raw[0])
    if under:
        raw[0] = under.group(2)
    parts = [re.sub(r"这$", "", item_of(unmask(p))) for p in raw]
    # "教育、卫生健康、社保就业这三类支出": the head after the list belongs to every member
    head = re.match(r"\s*(?:这|那|等)?[两三四五六七八九十\d]*(?:类|项|个|块|大类)?(支出|收入)", masked[m.end(1):])
    if head:
        parts = [p if p.endswith(HEADS) else p + head.group(1) for p in parts]
    whole = item_of(unmask(under.group(1))) if under else ""
    if len(whole) >= 2:
        parts = [f"{whole}中的{p}" for p in parts]
    return [p for p in parts if len(p) >= 2] if all(len(p) >= 2 for p in parts) else []


def shares(a: str, b: str, n: int = 2) -> bool:
    return any(a[i : i + n] in b for i in range(len(a) - n + 1))


# Modifiers that two items joined by 和 share when the second is said bare ("公务用车购置和运行维护")
_MODIFIERS = ("公务用车", "因公出国（境）", "一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金")


def split_items(subject: str, op: str) -> tuple[str, str] | None:
    """The first reading of two items in ``subject`` (:func:`item_splits`), or None."""
    splits = item_splits(subject, op)
    return complete_pair(*splits[0]) if splits else None
