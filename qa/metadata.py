"""Document metadata read from the document itself: title, organisation,
fiscal year, stage (预算/决算), scope (部门/单位) and publication date.

>>> m = read_metadata("2024 年度武汉市中小企业发展促进中心\\n单位决算公开\\n\\n2025 年 10 月 11 日\\n目 录")
>>> m["organisation"], m["year"], m["stage"], m["scope"], m["published"]
('武汉市中小企业发展促进中心', 2024, '决算', '单位', '2025-10-11')
>>> read_metadata("上海市普陀区2025年区级部门预算\\n预算主管部门：上海市普陀区财政局")["organisation"]
'上海市普陀区财政局'
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["read_metadata", "clean_org"]

_PAGE_NO = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*$")
_YEAR = re.compile(r"(20\d\d)")
_DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# "部门：X", "单位:X", "预算主管部门：X", "编制单位：X" — X is an organisation unless it is a unit of money.
_ORG_LINE = re.compile(
    r"(?:预算主管部门|预算单位|编制单位|编制部门|主管部门|部\s*门|单\s*位)\s*[：:]\s*([^\s：:（(]{3,40})"
)
_STAGE_WORDS = ("决算", "预算")
_TITLE_NOISE = re.compile(
    r"(20\d\d\s*年度?|年度|年|区级|市级|省级|部门|单位|预算|决算|公开|文件|报表|表格|情况|说明|\s)"
)


def clean_org(name: str) -> str:
    """Normalise an organisation name taken from a label or a title.

    >>> clean_org(" 武汉市经济和信息化局 ")
    '武汉市经济和信息化局'
    >>> clean_org("万元")
    ''
    """
    name = re.sub(r"\s+", "", name or "").strip("：:，,。.（）()")
    if not name or name in ("万元", "元", "亿元", "千元") or re.fullmatch(r"[\d.,万元]+", name):
        return ""
    return name


def _head_lines(text: str, limit: int = 12) -> list[str]:
    lines = []
    for raw in text.splitlines():
        line = raw.strip().lstrip("#").strip()
        if not line or _PAGE_NO.match(line):
            continue
        lines.append(line)
        if len(lines) >= limit:
            break
    return lines


def _title(text: str) -> str:
    """The first lines up to and including the one naming 预算/决算/公开."""
    parts: list[str] = []
    for line in _head_lines(text):
        if re.match(r"^目\s*录", line) or len(line) > 60:
            break
        if _DATE.fullmatch(line):
            continue
        parts.append(line)
        joined = "".join(parts)
        if any(w in line for w in _STAGE_WORDS) and _YEAR.search(joined) or len(parts) >= 3:
            break
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _org_from_labels(text: str) -> str:
    counts = Counter(
        org for org in (clean_org(m.group(1)) for m in _ORG_LINE.finditer(text)) if org
    )
    return counts.most_common(1)[0][0] if counts else ""


def _org_from_title(title: str) -> str:
    name = _TITLE_NOISE.sub("", title)
    name = re.sub(r"\d+", "", name)
    return clean_org(name)


_ORG_SUFFIX = re.compile(r"(局|院|中心|厅|委员会|委|办公室|办事处|部|会|所|站|队|馆|校|处|署|办)$")
_ORG_MENTION = re.compile(r"[\u4e00-\u9fa5]{2,14}?(?:办公厅|委员会|办事处|人民法院|人民检察院|中心|局)")


def _organisation(head: str, title: str) -> str:
    """Title first when it names an organisation, else the most frequent
    ``部门：/单位：`` label, else the most frequent organisation-like name."""
    from_title = _org_from_title(title)
    if from_title and _ORG_SUFFIX.search(from_title):
        return from_title
    from_labels = _org_from_labels(head)
    if from_labels:
        return from_labels
    mentions = Counter(_ORG_MENTION.findall(head))
    return mentions.most_common(1)[0][0] if mentions else from_title


def _year(head: str, title: str) -> int | None:
    match = _YEAR.search(title) or re.search(r"(20\d\d)\s*年", head[:1500])
    if match:
        return int(match.group(1))
    years = Counter(re.findall(r"(20\d\d)\s*年", head))
    return int(years.most_common(1)[0][0]) if years else None


def read_metadata(text: str) -> dict:
    """Metadata found in ``text`` (the whole document, or its first pages)."""
    head = text[:20000]
    title = _title(head)
    stage = next((w for w in _STAGE_WORDS if w in title), "")
    if not stage:
        counts = {w: head.count(w) for w in _STAGE_WORDS}
        stage = max(counts, key=counts.get) if any(counts.values()) else ""
    scope = "单位" if re.search(r"单位(预算|决算)", title) else "部门" if "部门" in title else ""
    date = _DATE.search(head[:1500])
    published = f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else ""
    return {
        "title": title,
        "organisation": _organisation(head, title),
        "year": _year(head, title),
        "stage": stage,
        "scope": scope,
        "published": published,
    }
