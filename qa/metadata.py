"""Document metadata read from the document's structure: title block,
organisation, fiscal year(s), stage, scope, genre and publication date.

The title block is the run of lines at the top of the first page with text,
up to the first line of body (a date, the contents, the speech line
"——2025 年 8 月 28 日在…会议上", a salutation, a long sentence). Each field
is read from the most reliable place that has it, in this order:

- **organisation** — a company annual report: the company (…股份有限公司);
  a report to the People's Congress (政府预算/决算报告): the place it is
  about (关于深圳市… → 深圳市; "在长沙市第十六届人民代表大会" → 长沙市), never
  the 常务委员会 it is addressed to nor the 财政局 that drafts it; otherwise
  the title's name when it names a body (西南大学, …局, …中心), else the most
  frequent "部门：/单位：/预算单位：" label of the whole document, else the
  title's name, else the most frequent body named in the first pages;
- **year / stage** — a report on "2024 年决算 … 2025 年预算执行情况" is the
  2024 决算; one on "2024 年预算执行情况和 2025 年预算草案" is the 2025 预算;
  ``periods`` keeps every (year, stage) the title names. Otherwise the
  title's year, then the first "20XX 年度…预算/决算" of the first pages, then
  the most frequent year of the document, then a year in the file name;
- **genre** — 部门·单位公开, 预算公开表 / 决算公开表 (tables only),
  政府预算报告 / 政府决算报告, 年度报告 (listed company);
- **scope** — 部门 / 单位 for a department's disclosure; for a government
  report the levels its title names (全市, 市本级, 市级).

``sources`` says where each of organisation and year came from.

>>> m = read_metadata("2024 年度武汉市中小企业发展促进中心\\n单位决算公开\\n\\n2025 年 10 月 11 日\\n目 录")
>>> m["organisation"], m["year"], m["stage"], m["scope"], m["published"], m["genre"]
('武汉市中小企业发展促进中心', 2024, '决算', '单位', '2025-10-11', '部门·单位公开')
>>> read_metadata("上海市普陀区2025年区级部门预算\\n预算主管部门：上海市普陀区财政局")["organisation"]
'上海市普陀区财政局'
>>> m = read_metadata(["关于深圳市 2024 年预算执行情况\\n和 2025 年预算草案的报告\\n——2025 年 2 月 25 日在深圳市第七届\\n人民代表大会第六次会议上"])
>>> m["organisation"], m["year"], m["stage"], m["genre"], m["periods"]
('深圳市', 2025, '预算', '政府预算报告', [(2024, '执行情况'), (2025, '预算')])
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

__all__ = ["read_metadata", "clean_org", "GENRES"]

GENRES = ("部门·单位公开", "预算公开表", "决算公开表", "政府预算报告", "政府决算报告", "年度报告")

_PAGE_NO = re.compile(r"^[-—–\s]*\d{1,3}[-—–\s]*$|^\d{1,3}\s*/\s*\d{1,4}$")
_CN_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789"))
_DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_CN_DATE = re.compile(r"二[〇零]([〇零一二三四五六七八九]{2})年([一二三四五六七八九十]{1,3})月")
_YEAR_STAGE = re.compile(
    r"(20\d\d)\s*年\s*(?:度)?\s*(?:(?!20\d\d)[^，。,]){0,16}?(决算|预算执行情况|执行情况|预算)(草案)?"
)
_ORG_LINE = re.compile(
    r"(?:预算主管部门|预算单位|编制单位|编制部门|主管部门|部\s*门|单\s*位(?:名称)?)\s*[：:]\s*([^\s：:（(，,]{3,40})"
)
_TITLE_NOISE = re.compile(
    r"(20\d\d\s*年度?|年度|年|区级|市级|省级|部门|单位|预算|决算|公开|文件|报表|表格|情况|说明|\s)"
)
_BODY_END = re.compile(
    r"(局|院|中心|厅|委员会|委|办公室|办事处|部|会|所|站|队|馆|校|处|署|办|大学|学院|学校|医院|集团|公司|俱乐部)$"
)
_BARE_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,4}?(省|市|区|县|自治区))+$")
_BODY_MENTION = re.compile(r"[\u4e00-\u9fa5]{2,14}?(?:办公厅|委员会|办事处|人民法院|人民检察院|中心|局)")
_PLACED_BODY = re.compile(
    r"(?<![\u4e00-\u9fff])(?:中共)?[\u4e00-\u9fff]{2,3}?(?:省|市|区|县)[\u4e00-\u9fff]{1,12}?(?:办公厅|委员会|办事处|人民法院|人民检察院|中心|局|大学)"
)
_CITY = (
    re.compile(r"^([\u4e00-\u9fff]{2,3}[市省])(?=20\d\d|关于)"),
    re.compile(r"关于\s*([\u4e00-\u9fff]{2,3}[市省])"),
    re.compile(r"在?([\u4e00-\u9fff]{2,3}[市省])第[一二三四五六七八九十]+届"),
    re.compile(r"([\u4e00-\u9fff]{2,3}[市省])人民代表大会"),
    re.compile(r"([\u4e00-\u9fff]{2,3}[市省])(?:财政局|人民政府)"),
)
_REPORT = re.compile(r"人民代表大会|人大常委会|各位代表|各位委员|决算草案|预算草案")
_TABLE_TITLE = re.compile(r"^(公开\s*\d*\s*表|表[一二三四五六七八九十\d]+|[\u4e00-\u9fff]{2,16}(预算|决算)总?表)")
_STAGE_WORDS = ("决算", "预算")


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
    return standard_name(name)


def standard_name(name: str) -> str:
    """A party body under its standard short name, however a document spells it
    (中国共产党 → 中共; a place's 委员会办公厅 → 委办公厅; 江苏省委办公厅 is 中共江苏省委办公厅),
    so one organisation's documents share one name.

    >>> standard_name("中国共产党江苏省委员会办公厅"), standard_name("江苏省委办公厅"), standard_name("中共江苏省委办公厅")
    ('中共江苏省委办公厅', '中共江苏省委办公厅', '中共江苏省委办公厅')
    >>> standard_name("江苏省人民代表大会常务委员会办公厅"), standard_name("江苏省人大常委会办公厅")
    ('江苏省人民代表大会常务委员会办公厅', '江苏省人大常委会办公厅')
    """
    name = re.sub(r"^中国共产党", "中共", name)
    name = re.sub(r"^((?:中共)?[\u4e00-\u9fff]{2,8}?[省市区县])委员会(?=办公厅|办公室|[\u4e00-\u9fff]{1,6}部$)", r"\1委", name)
    if not name.startswith("中共") and re.fullmatch(r"[\u4e00-\u9fff]{2,8}?[省市区县]委(办公厅|办公室|[\u4e00-\u9fff]{1,6}部)", name):
        name = "中共" + name  # a 省委/市委/区委 body is the party's
    return name


def _lines(page: str) -> list[str]:
    out = []
    for raw in page.splitlines():
        line = raw.strip().lstrip("#").strip()
        if line and not _PAGE_NO.match(line):
            out.append(line)
    return out


def _is_body(line: str) -> bool:
    """A line that ends the title block."""
    squashed = re.sub(r"\s+", "", line)
    return bool(
        re.match(r"^目录", squashed)
        or _DATE.fullmatch(squashed) or _CN_DATE.fullmatch(squashed)
        or squashed.startswith(("——", "--"))
        or squashed.endswith(("：", ":")) and not _ORG_LINE.search(line)
        or len(squashed) > 40 and not re.fullmatch(r"关于.{4,80}的(报告|说明)", squashed)  # a report's title on one line
    )


def _title_block(pages: list[str]) -> list[str]:
    """The lines of the title: the first page with text, up to its body
    (none when that page is already body, e.g. a cover that is an image)."""
    for page in pages[:3]:
        lines = _lines(page)
        if not lines:
            continue
        block = []
        for line in lines[:8]:
            if _is_body(line):
                break
            block.append(line)
        return block
    return []


def _title(block: list[str]) -> str:
    """The title: the block's lines up to the one naming the stage and year
    (labels such as 预算单位：… and 公司代码 lines are left out)."""
    parts: list[str] = []
    for line in block:
        if _ORG_LINE.search(line):
            if parts:
                break  # a table's 部门：… line: the title is above it
            continue
        if line.startswith("公司代码"):
            continue
        parts.append(line)
        squashed = re.sub(r"\s+", "", line)
        ends = re.search(r"(预算|决算|公开|报告|草案|报表|总表)$", squashed)
        if ends and re.search(r"20\d\d", "".join(parts)) or len(parts) >= 4:
            break
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _genre(title: str, first: str, pages: list[str]) -> str:
    head = "\n".join(pages[:2])
    if "年度报告" in title and re.search(r"公司代码|股份有限公司|有限公司", head):
        return "年度报告"
    if _REPORT.search(title + "\n" + first[:400]) and re.search(r"报\s*告|草\s*案", title + first[:200]):
        return "政府决算报告" if "决算" in title else "政府预算报告"
    first_lines = _lines(first)
    if first_lines and _TABLE_TITLE.match(re.sub(r"\s+", "", first_lines[0])) or "公开报表" in title:
        return "决算公开表" if "决算" in first[:300] else "预算公开表"
    return "部门·单位公开"


def _periods(title: str) -> list[tuple[int, str]]:
    """(year, stage) for each year the title names with a stage.

    >>> _periods("关于 2024 年全市和市本级决算草案与 2025 年 1-6 月全市和市本级预算执行情况的报告")
    [(2024, '决算'), (2025, '执行情况')]
    """
    squashed = re.sub(r"\s+", "", title)
    out = []
    for m in _YEAR_STAGE.finditer(squashed):
        stage = "执行情况" if "执行情况" in m.group(2) else m.group(2)
        out.append((int(m.group(1)), stage))
    return out


def _org_from_labels(text: str) -> str:
    counts = Counter(org for org in (clean_org(m.group(1)) for m in _ORG_LINE.finditer(text)) if org)
    return counts.most_common(1)[0][0] if counts else ""


def _org_from_title(title: str) -> str:
    name = re.sub(r"\d+", "", _TITLE_NOISE.sub("", title))
    return clean_org(name)


def _company(block: list[str]) -> str:
    for line in block:
        m = re.search(r"([\u4e00-\u9fff（）()]{2,30}(?:股份有限公司|有限责任公司|有限公司))", line)
        if m:
            return m.group(1)
    return ""


def _city(title: str, head: str) -> str:
    squashed = re.sub(r"[ \t]+", "", title + "\n" + head[:600])
    for pattern in _CITY:
        m = pattern.search(squashed)
        if m:
            return m.group(1)
    return ""


def _organisation(genre: str, block: list[str], title: str, pages: list[str]) -> tuple[str, str]:
    """(organisation, where it came from)."""
    head = "\n".join(pages[:4])
    if genre == "年度报告":
        company = _company(block)
        if company:
            return company, "title"
    if genre.startswith("政府"):
        city = _city(title, "\n".join(pages[:1]))
        if city:
            return city, "title"
    from_title = _org_from_title(title)
    if from_title and _BODY_END.search(from_title) and not _BARE_PLACE.match(from_title):
        return from_title, "title"
    from_labels = _org_from_labels("\n".join(block) + "\n" + head) or _org_from_labels("\n".join(pages))
    if from_labels:
        return from_labels, "label"
    if from_title and not _BARE_PLACE.match(from_title):
        return from_title, "title"
    mentions = Counter(_PLACED_BODY.findall("\n".join(pages))) or Counter(_BODY_MENTION.findall(head))
    if mentions:
        return mentions.most_common(1)[0][0], "text"
    return from_title, "title" if from_title else ""


def _year_stage(genre: str, title: str, pages: list[str], name: str) -> tuple[int | None, str, str, list]:
    """(year, stage, where the year came from, periods)."""
    periods = _periods(title)
    if genre.startswith("政府") and periods:
        final = [p for p in periods if p[1] == "决算"]
        budget = [p for p in periods if p[1] == "预算"]
        year, stage = (final or budget or periods)[0]
        return year, stage, "title", periods
    stage = next((w for w in _STAGE_WORDS if w in title), "")
    head = "\n".join(pages[:4])
    if not stage:
        counts = {w: head.count(w) for w in _STAGE_WORDS}
        stage = max(counts, key=counts.get) if any(counts.values()) else ""
    squashed_title = re.sub(r"\s+", "", title)
    found = re.search(r"(20\d\d)", squashed_title)
    if found:
        return int(found.group(1)), stage, "title", periods
    in_head = _YEAR_STAGE.search(re.sub(r"[ \t]+", "", head))
    if in_head:
        return int(in_head.group(1)), stage, "text", periods
    years = Counter(re.findall(r"(20\d\d)\s*年", "\n".join(pages)))
    if years:
        return int(years.most_common(1)[0][0]), stage, "text", periods
    in_name = re.search(r"(?<!\d)(20\d\d)(?!\d)", name)
    if in_name:
        return int(in_name.group(1)), stage, "file name", periods
    return None, stage, "", periods


def _scope(genre: str, title: str, head: str) -> str:
    squashed = re.sub(r"\s+", "", title)
    if not squashed and genre == "部门·单位公开":
        kinds = Counter(re.findall(r"(部门|单位)(?:预算|决算)", re.sub(r"\s+", "", head)))
        return kinds.most_common(1)[0][0] if kinds else ""
    if genre.startswith("政府"):
        levels = [w for w in ("全市", "市本级", "市级") if w in squashed]
        return "、".join(levels) or "全市"
    if re.search(r"单位(预算|决算)", squashed):
        return "单位"
    if "部门" in squashed or genre.endswith("公开表") or genre != "年度报告" and "预算公开" in squashed:
        return "部门"
    return ""


def _published(pages: list[str]) -> str:
    head = "\n".join(pages[:2])[:2500]
    date = _DATE.search(head)
    if date:
        day = f"-{int(date.group(3)):02d}" if date.group(3) else ""
        return f"{date.group(1)}-{int(date.group(2)):02d}{day}"
    cn = _CN_DATE.search(head)
    if cn:
        year = "20" + "".join(_CN_DIGITS[c] for c in cn.group(1))
        month = cn.group(2)
        number = (10 if month.startswith("十") else 0) + int(_CN_DIGITS.get(month[-1], "0")) if "十" in month else int(_CN_DIGITS[month])
        return f"{year}-{number:02d}"
    return ""


def read_metadata(pages: str | Iterable[str], name: str = "") -> dict:
    """Metadata of a document given its pages' text (or all of it as one
    string) and its file name (used only for a year nothing else states).

    Returns a dict: ``title, organisation, year, stage, scope, published,
    genre, periods, sources`` — ``year`` an int or None, ``stage`` 预算 /
    决算 / 执行情况 / "", ``periods`` a list of (year, stage), ``sources``
    ``{"title": …, "organisation": …, "year": …}`` naming where each came
    from: title / label / text / file name / derived (a title composed from
    the other fields when the cover has no text).
    """
    pages = [pages] if isinstance(pages, str) else list(pages)
    pages = [p for p in pages if p is not None]
    block = _title_block(pages)
    title = _title(block)
    first = next((p for p in pages if _lines(p)), "")
    genre = _genre(title, first, pages)
    organisation, org_source = _organisation(genre, block, title, pages)
    year, stage, year_source, periods = _year_stage(genre, title, pages, name)
    if genre == "年度报告":
        stage = ""
    scope = _scope(genre, title, "\n".join(pages[:4]))
    title_source = "title"
    if not title and organisation:  # a cover without text: say what the document is
        title, title_source = f"{organisation} {year or ''}年度{scope}{stage}".replace(" 年度", " "), "derived"
    return {
        "title": title,
        "organisation": organisation,
        "year": year,
        "stage": stage,
        "scope": scope,
        "published": _published(pages),
        "genre": genre,
        "periods": periods,
        "sources": {"title": title_source, "organisation": org_source, "year": year_source},
    }
