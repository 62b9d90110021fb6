"""Short forms of organisation names, derived by general rules.

People type 经信局, 江苏高院, 省检察院, 普陀区商务委, 万里街道, 西大; the
documents print 武汉市经济和信息化局, 江苏省高级人民法院 … Every name of the
corpus gets its short forms from the rules below; a short form that two
organisations share is dropped (it names neither), so an alias can never
cross wires between organisations.

Rules (applied together, in every combination):

- the place prefix may be dropped or kept in part: 上海市普陀区财政局 →
  普陀区财政局, 普陀财政局, 财政局 (a lone type word such as 财政局 counts only
  when one organisation has it);
- standard abbreviations of the body (:data:`ABBREVIATIONS`): 经济和信息化 →
  经信, 高级人民法院 → 高院, 人民检察院 → 检察院, 商务委员会 → 商务委,
  人民政府办公室 → 政府办, 人大常委会办公厅 → 人大, 政协办公厅 → 政协,
  规划和自然资源局 → 规划资源局 / 规资局, 人民政府X街道办事处 → X街道;
- a university: 西南大学 → 西大 (first character + 大).

At build time each document also gets the short forms it gives itself
(:func:`own_aliases`: “以下简称‘X’”, 公司简称, 学校/我校 for a university)
and those of the alias file (:func:`read_alias_file`); they are stored in
the index and :func:`remember` ed when it is opened, so :func:`alias_table`
uses them alongside the derived ones, under the same uniqueness rule.

>>> {"江苏高院", "省高院", "高院", "江苏省高院"} <= aliases_of("江苏省高级人民法院")
True
>>> "经信局" in aliases_of("武汉市经济和信息化局"), "万里街道" in aliases_of("上海市普陀区人民政府万里街道办事处")
(True, True)
>>> table = alias_table(["上海市普陀区财政局", "上海市财政局", "江苏省人民检察院"])
>>> table["普陀区财政局"], table["省检察院"], "财政局" in table
('上海市普陀区财政局', '江苏省人民检察院', False)
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

__all__ = ["aliases_of", "alias_table", "document_aliases", "own_aliases", "read_alias_file", "remember", "ABBREVIATIONS"]

# (full form in the name, short forms people use)
ABBREVIATIONS = (
    ("经济和信息化", ("经信",)),
    ("高级人民法院", ("高院", "高级法院", "法院")),  # 省法院: the province has one 高级人民法院
    ("中级人民法院", ("中院",)),
    ("人民检察院", ("检察院",)),
    ("商务委员会", ("商务委",)),
    ("人民政府办公室", ("政府办", "区政府办", "政府办公室", "府办")),  # 区府办, 市府办
    ("人民政府办公厅", ("政府办公厅",)),
    ("人大常委会办公厅", ("人大", "人大常委会", "人大办公厅")),
    ("政协办公厅", ("政协",)),
    ("规划和自然资源局", ("规划资源局", "规资局", "规土局")),
    ("科技创新和人才服务中心", ("科创人才中心", "科创中心")),
    ("中小企业发展促进中心", ("中小企业中心", "中小企业促进中心")),
    ("社会福利院", ("福利院",)),
    ("委员会办公厅", ("委办公厅",)),
    ("委办公厅", ("委办",)),  # 省委办公厅 → 省委办
)
_PLACE = re.compile(r"^((?:中共|中国共产党)?)((?:[\u4e00-\u9fff]{2,3}?(?:省|市|区|县))*)")
_LEVELS = re.compile(r"[\u4e00-\u9fff]{2,3}?(?:省|市|区|县)")


def _places(name: str) -> tuple[list[str], str]:
    """The place parts in front of the body, and the body."""
    m = _PLACE.match(name)
    places = _LEVELS.findall(m.group(2)) if m else []
    return places, name[m.end():] if m else name


def _bodies(body: str) -> set[str]:
    out = {body}
    for full, shorts in ABBREVIATIONS:
        if full in body:
            out |= {body.replace(full, s) for s in shorts}
    street = re.fullmatch(r"人民政府(.+?)街道办事处", body)
    if street:
        out |= {f"{street.group(1)}街道", f"{street.group(1)}街道办"}
    uni = re.fullmatch(r"([\u4e00-\u9fff])[\u4e00-\u9fff]{1,3}大学", body)
    if uni:
        out.add(f"{uni.group(1)}大")
    return out


def aliases_of(name: str) -> set[str]:
    """Every short form of ``name`` by the rules of the module docstring."""
    places, body = _places(name)
    bodies = _bodies(body)
    prefixes = {""}
    for i in range(len(places)):  # keep any tail of the place chain: 普陀区, 上海市普陀区
        tail = places[i:]
        prefixes.add("".join(tail))
        prefixes.add("".join(p[:-1] if j < len(tail) - 1 else p for j, p in enumerate(tail)))
        prefixes.add("".join(p[:-1] for p in tail))  # 江苏 (省 dropped), 普陀
        prefixes.add(tail[-1][-1] if tail else "")  # 省 / 市 / 区: 省高院, 市财政局
    out = {p + b for p in prefixes for b in bodies}
    out.discard(name)
    return {a for a in out if len(a) >= 2}


_REMEMBERED: dict[str, frozenset[str]] = {}


def remember(organisation: str, aliases: Iterable[str]) -> None:
    """Add stored short forms of ``organisation`` (from an index) to the
    ones :func:`alias_table` derives."""
    if organisation:
        _REMEMBERED[organisation] = _REMEMBERED.get(organisation, frozenset()) | frozenset(a for a in aliases if a)


def remembered_version() -> int:
    """Changes whenever :func:`remember` adds an alias (a cache key)."""
    return sum(len(v) for v in _REMEMBERED.values())


_SHORT_FORM = re.compile(r"(?:以下简称|下称|简称)\s*[“\"「]([^”\"」]{2,12})[”\"」]")
_COMPANY_SHORT = re.compile(r"公司(?:的中文)?简称\s*[：:]?\s*([\u4e00-\u9fffA-Za-z]{2,10})")


def own_aliases(text: str, organisation: str) -> set[str]:
    """Short forms a document gives its own organisation.

    >>> sorted(own_aliases("西南大学（以下简称“西大”）是……学校共有", "西南大学"))
    ['学校', '我校', '西大']
    >>> own_aliases("公司代码：600201 公司简称：生物股份", "金宇生物技术股份有限公司")
    {'生物股份'}
    >>> own_aliases("本单位与江苏省某某中心（以下简称“某某中心”）合作", "江苏省人民检察院")
    set()
    """
    out = set()
    if not organisation:
        return out
    core = organisation[-4:]
    for m in _SHORT_FORM.finditer(text):
        before = re.sub(r"\s+", "", text[max(0, m.start() - 40):m.start()]).rstrip("（(，,")
        if before.endswith(organisation) or before.endswith(core):
            out.add(m.group(1))
    if re.search(r"(股份)?有限(责任)?公司$", organisation):
        out |= {m.group(1) for m in _COMPANY_SHORT.finditer(text[:20000])}
    if re.search(r"(大学|学院)$", organisation):
        out |= {"学校", "我校"}
    out.discard(organisation)
    return out


def document_aliases(text: str, organisation: str) -> set[str]:
    """What a document's organisation may be called: the derived short forms
    and the document's own (the alias file comes on top, at build time).

    >>> sorted(document_aliases("西南大学（以下简称“西南”）", "西南大学"))
    ['学校', '我校', '西南', '西大']
    """
    return aliases_of(organisation) | own_aliases(text, organisation) if organisation else set()


def read_alias_file(text: str) -> dict[str, set[str]]:
    """organisation → short forms, from an alias file: one ``简称 = 全称``
    per line (several short forms may be separated by 、 or ,); ``#``
    starts a comment. Raises ValueError naming the first bad line.

    >>> {k: sorted(v) for k, v in read_alias_file("# 常用简称\\n西大、西南大 = 西南大学").items()}
    {'西南大学': ['西南大', '西大']}
    """
    out: dict[str, set[str]] = defaultdict(set)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.count("=") != 1:
            raise ValueError(f"line {number}: expected '简称 = 全称', got {raw.strip()!r}")
        shorts, full = (part.strip() for part in line.split("="))
        names = {s.strip() for s in re.split(r"[、,，]", shorts) if s.strip()}
        if not full or not names:
            raise ValueError(f"line {number}: expected '简称 = 全称', got {raw.strip()!r}")
        out[full] |= names
    return dict(out)


def alias_table(organisations: Iterable[str]) -> dict[str, str]:
    """alias → organisation, for the aliases exactly one organisation has
    (derived by rule, or stored in the index and :func:`remember` ed)."""
    owners: dict[str, set[str]] = defaultdict(set)
    names = [o for o in set(organisations) if o]
    for name in names:
        for alias in aliases_of(name) | _REMEMBERED.get(name, frozenset()):
            owners[alias].add(name)
    return {a: next(iter(o)) for a, o in owners.items() if len(o) == 1 and a not in names and a not in _TOO_GENERIC}


_TOO_GENERIC = {"法院"}  # every court is one: 南京铁路运输法院 is not the 高级人民法院 (省法院 is)
