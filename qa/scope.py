"""What a question is about: which organisations, years, stages and levels of
government (全市 / 市本级 / 市级) it names.

Organisations are matched tolerantly against the names in the corpus: a
mention is a run of the question's characters that appears, in order, in an
organisation's name (经信局 → 武汉市经济和信息化局, 中小企业中心 →
武汉市中小企业发展促进中心, 江苏高院 → 江苏省高级人民法院).

>>> orgs = ["武汉市中小企业发展促进中心", "武汉市硚口区企业服务中心", "武汉市经济和信息化局"]
>>> find_organisations("中小企业中心和硚口区企业服务中心2024年的住房公积金", orgs)
['武汉市中小企业发展促进中心', '武汉市硚口区企业服务中心']
>>> find_organisations("经信局2024年差旅费", orgs)
['武汉市经济和信息化局']
>>> find_organisations("江苏高院2017年三公经费", ["江苏省高级人民法院"]), find_organisations("普陀区财政局", ["上海市普陀区财政局", "上海市财政局"])
(['江苏省高级人民法院'], ['上海市普陀区财政局'])
>>> find_years("2026年预算比2024年实际支出多多少"), find_stages("2026年预算比2024年实际支出多多少")
((2024, 2026), ('预算',))
>>> find_stages("招商引资（项）的年初预算是多少"), find_stages("三公经费决算是多少")
((), ('决算',))
>>> find_stages("一般公共预算财政拨款支出完成了年初预算的百分之几"), find_stages("那2026年预算呢")
((), ('预算',))
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .aliases import alias_table, remembered_version
from .types import Filters

__all__ = ["LEVELS", "WHOLE_AREA", "level_of", "find_organisations", "organisation_mentions", "topic", "unknown_organisations", "find_years", "find_stages", "infer_filters", "org_core"]

_PLACE = re.compile(r"^(中共|中国共产党)?([\u4e00-\u9fff]{1,4}?(省|市|区|县|自治区))+")
_GENERIC = set("中心局院厅委会办公室处部所站队馆校市区省县人民政府")


# Levels of government a report's figures belong to, most specific first
# (市本级 before 市级: "市本级" is not "市级"; 全市 covers the districts too).
LEVELS = ("市本级", "市级", "全市", "省本级", "省级", "全省", "区本级", "区级", "全区", "县本级", "县级", "全县", "县区")
_LEVEL = re.compile("|".join(LEVELS))
# A city report's counties and districts together, however it writes them (县区, 区县, 县（市）区, 县（市、区）)
_COUNTIES = re.compile(r"区县|县[（(]市[、，,]?区?[)）]区?|县市区")


def level_text(text: str) -> str:
    """``text`` with a city's county-and-district level written one way (县区).

    >>> level_text("各县（市）区政府债务余额"), level_text("区县一般公共预算收入")
    ('各县区政府债务余额', '县区一般公共预算收入')
    """
    return _COUNTIES.sub("县区", text)
WHOLE_AREA = ("全市", "全省", "全区", "全县")  # the levels that stand for the whole area


def levels_named(text: str) -> list[str]:
    """The distinct levels of government ``text`` names, in order.

    >>> levels_named("长沙市本级收入占全市收入的比重"), levels_named("各县（市）区收入")
    (['市本级', '全市'], ['县区'])
    """
    return list(dict.fromkeys(_LEVEL.findall(level_text(text))))


def level_of(text: str, last: bool = False) -> str:
    """The first level of government ``text`` names ("" when none); with
    ``last``, the last one (the one nearest a figure that ends the text).

    >>> level_of("市本级地方一般公共预算收入 502.22 亿元"), level_of("2.市级情况：2024 年"), level_of("税收收入")
    ('市本级', '市级', '')
    >>> level_of("结合全市收入预计，预计 2025 年市本级一般公共预算收入", last=True)
    '市本级'
    """
    found = _LEVEL.findall(level_text(re.sub(r"\s+", "", text)))
    return (found[-1] if last else found[0]) if found else ""


def org_core(name: str) -> str:
    """The organisation name without its place prefix.

    >>> org_core("武汉市硚口区企业服务中心"), org_core("上海市普陀区财政局")
    ('企业服务中心', '财政局')
    """
    core = _PLACE.sub("", name)
    return core or name


def _runs(question: str, name: str) -> list[tuple[int, int, int]]:
    """(length, start, end) of the maximal runs of ``question`` that are ordered
    subsequences of ``name``, longest first."""
    runs = []
    for i in range(len(question)):
        pos, j = 0, i
        while j < len(question):
            found = name.find(question[j], pos)
            if found < 0:
                break
            pos, j = found + 1, j + 1
        if j > i and not any(s <= i and j <= e for _, s, e in runs):
            runs.append((j - i, i, j))
    return sorted(runs, key=lambda r: (-r[0], r[1]))


_TYPE_WORDS = ("街道", "中心", "局", "院", "委", "办", "部", "厅", "会", "处", "所", "站", "馆", "校", "队")


# A type character that opens a word with the next one (部门, 会议, 办理): a mention ending there ends inside a word
_WORD_AFTER = {"部": "门分署", "会": "议计", "处": "理置", "所": "得有属需", "办": "理法", "院": "校系", "局": "面部限", "站": "点", "委": "托"}


def _acceptable(mention: str, name: str, after: str = "") -> bool:
    """A mention names an organisation when it carries two distinctive
    characters and ends like an organisation: with the name's last character
    or with a type word the name contains (中心, 局, 街道 …), and does not end
    inside a word (``after``, the next character: 工作部|门 is not 工作部).

    >>> _acceptable("工作部", "中共上海市普陀区委社会工作部"), _acceptable("工作部", "中共上海市普陀区委社会工作部", "门")
    (True, False)
    >>> _acceptable("西南大", "西南大学"), _acceptable("西南", "西南大学")
    (True, False)
    """
    distinctive = [c for c in mention if c in name and c not in _GENERIC]
    if len(distinctive) < 2 or len(mention) < 3 or (after and after in _WORD_AFTER.get(mention[-1], "")):
        return False
    if name.endswith("大学") and mention.endswith("大") and name.startswith(mention):
        return True  # 西南大 (a university's name cut after 大, as people say it)
    return mention[-1] == name[-1] or any(mention.endswith(t) and t in name for t in _TYPE_WORDS)


def _unquoted(question: str) -> str:
    """Quoted names (“中小企业发展专项”) and 功能分类 items named after a body
    (政府办公厅（室）及相关机构事务) are subjects, not organisations."""
    question = re.sub(r"[“\"「《][^”\"」》]*[”\"」》]", lambda m: "□" * len(m.group(0)), question)
    return re.sub(r"[\u4e00-\u9fff]{2,4}办公厅[(（]室[)）](及相关机构事务(支出)?)?", lambda m: "□" * len(m.group(0)), question)


def find_organisations(question: str, organisations: Iterable[str]) -> list[str]:
    """Organisations the question names, in order of first mention; a mention that matches a name only
    by its generic tail, qualified otherwise (社区公共服务中心 for 硚口区企业服务中心), names another body.

    >>> find_organisations("万里街道的社区公共服务中心建在哪", ["上海市普陀区人民政府万里街道办事处", "武汉市硚口区企业服务中心"])
    ['上海市普陀区人民政府万里街道办事处']
    """
    text = _unquoted(question)
    return list(dict.fromkeys(name for name, start, end in organisation_mentions(question, organisations)
                              if not _qualifier(text, start, end, name)))


# Characters that begin a new phrase after a name (西大拿到…, 深圳各区…, 人大预算…): a two-character
# alias followed by one stands alone; followed by anything else it may be part of a word (人大事务).
_PHRASE_STARTS = "辖呢吗吧啊的在和与、及跟同比较各每拿花用有共总今去上本全收支预决近历财三两这等基项一政部单公机到多少高低现目购住离退工对商教科社卫"  # words an item opens with (财政拨款, 三公, 基本支出 …)


# a city's name without 市 (合肥, 长沙) stands alone before any word but one that makes it another place
# (长沙县, 合肥高新区, 郑州航空港实验区 are not the city's government; 长沙全市, 深圳各区, 深圳辖区 are the city's)
_SMALLER_PLACE = re.compile(r"(?![全各市本]|县区|区县|辖区)[\u4e00-\u9fff]{0,7}?(县|区|镇|乡|村|街道)(?!级)")


def organisation_mentions(question: str, organisations: Iterable[str]) -> list[tuple[str, int, int]]:
    """(organisation, start, end) for each organisation the question names.

    >>> orgs = ["合肥市", "长沙市", "江苏省人大常委会办公厅"]
    >>> [organisation_mentions(q, orgs) for q in ("合肥截至2024年末的债务余额", "长沙县的收入", "人大事务支出")]
    [[('合肥市', 0, 2)], [], []]
    >>> [organisation_mentions(q, orgs) for q in ("合肥高新区的收入", "长沙全市（含区县）收入", "合肥市区收入")]
    [[], [('长沙市', 0, 2)], [('合肥市', 0, 3)]]
    """
    question = _unquoted(question)
    organisations = tuple(sorted({o for o in organisations if o}))
    candidates = []
    for alias, name in _aliases(organisations, remembered_version()).items():  # 经信局, 江苏高院, 万里街道: derived short forms
        for found in re.finditer(re.escape(alias), question):  # every mention ("政协比省委办多多少": both again)
            start = found.start()
            after = question[start + len(alias):]
            follows, rest = after[:1], after[:3]
            city = name == alias + "市"  # 合肥 for 合肥市: stands alone unless a smaller place follows
            if city and not _SMALLER_PLACE.match(after) or not city and (
                    len(alias) >= 3 or not follows or not re.match(r"[\u4e00-\u9fff]", follows)
                    or follows in _PHRASE_STARTS or re.match(r"本级", rest) or _LEVEL.match(rest)):
                # a two-character alias (西大, 人大) stands alone, never inside a word (人大事务)
                end = start + len(alias)
                for _, s0, e0 in _runs(question, name):  # 万里街道办 + 事处: the mention runs on as the name does
                    if s0 <= start and e0 > end:
                        start, end = s0, e0
                candidates.append((len(alias) + 50, start, end, name))
    for name in organisations:
        if not name:
            continue
        if name in question:
            candidates += [(len(name) + 100, m.start(), m.end(), name) for m in re.finditer(re.escape(name), question)]
            continue
        for score, start, end in _runs(question, name):
            if score >= 3 and _acceptable(question[start:end], name, question[end:end + 1]):
                candidates.append((score + score / len(name), start, end, name))
                break
    candidates.sort(key=lambda c: (-c[0], c[1]))
    taken: list[tuple[float, int, int, str]] = []
    for cand in candidates:
        _, start, end, _ = cand
        clash = [t for t in taken if start < t[2] and t[1] < end]
        if not clash or all(abs(t[0] - cand[0]) < 1e-9 and (t[1], t[2]) == (start, end) for t in clash):
            taken.append(cand)
    return [(t[3], t[1], t[2]) for t in sorted(taken, key=lambda t: t[1])]


@lru_cache(maxsize=32)
def _aliases(organisations: tuple[str, ...], version: int = 0) -> dict[str, str]:
    return alias_table(organisations)


def topic(question: str, organisations: Iterable[str]) -> str:
    """The question without the organisation names and years it mentions:
    what is left to search for once the filters apply.

    >>> topic("经信局2024年差旅费花了多少？", ["武汉市经济和信息化局"])
    '差旅费花了多少？'
    """
    spans = [(s, e) for _, s, e in organisation_mentions(question, organisations)]
    out = "".join(ch for i, ch in enumerate(question) if not any(s <= i < e for s, e in spans))
    out = re.sub(r"(20\d\d)\s*(年度|年)?", "", out)
    return out.strip() or question


_ORG_LIKE = re.compile(  # a place (never a 功能分类 word: 城乡社区, 园区 …) then a body
    r"(?:(?:(?![年里的在和与及了是为预决算中比较给从对向跟同度])[\u4e00-\u9fff]){1,4}?(?:省|市|(?<![社小园景城地辖片])区|县))+"
    r"[\u4e00-\u9fff]{1,12}?"
    r"(?:(?<![布格结大全当出入变开终时饭骗])局|中心|委员会|办公室|办公厅|街道|法院|检察院|厅|院|委|办)"
)  # 布局, 格局 are no 局


def unknown_organisations(question: str, organisations: Iterable[str]) -> list[str]:
    """Organisation names with a place (…市/区/省 …局/中心/院) that match no
    organisation of the corpus: the documents cannot speak for them.

    >>> unknown_organisations("武汉市江汉区财政局2024年三公经费", ["武汉市经济和信息化局"])
    ['武汉市江汉区财政局']
    >>> unknown_organisations("武汉市经济和信息化局2024年三公经费", ["武汉市经济和信息化局"])
    []
    >>> unknown_organisations("江苏省人民检察院2019年预算里南京铁路运输检察院的预算", ["江苏省人民检察院"])
    ['南京铁路运输检察院']
    >>> unknown_organisations("江苏省高院的三公经费预算比省检察院多多少", ["江苏省高级人民法院", "江苏省人民检察院"])
    []
    >>> unknown_organisations("2017年江苏高院法院（款）预算里", ["江苏省高级人民法院"])
    []
    >>> unknown_organisations("省委办公厅2017年下属的两家宾馆为什么不在里面", ["中共江苏省委办公厅"])
    []
    >>> unknown_organisations("洛阳2023年为了优化城市区学校布局筹了多少钱", ["洛阳市"])
    []
    """
    organisations = list(organisations)
    known = [(s, e) for _, s, e in organisation_mentions(question, organisations)]
    out = []
    text = _unquoted(question)
    for m in [*_ORG_LIKE.finditer(text), *_BODY.finditer(text)]:
        if m.re is _ORG_LIKE and any(s < m.end() and m.start() < e for s, e in known):
            continue
        if m.re is _BODY and any(s <= m.start() and m.end() - e <= 2 for s, e in known):
            continue  # the known name itself (江苏高院法院（款）: its 法院 科目); 西南大学附属中学 is a unit of its own
        if m.re is _BODY and known and _UNITS_OF_THE_NAMED.match(m.group(0)):
            continue  # "下属的两家宾馆", "由附属中学实施的项目": units the named body's own document speaks of
        if not any(m.group(0) in o or o in m.group(0) for o in organisations) and m.group(0) not in out:
            out.append(m.group(0))
    return out


# a body the question speaks of as the named organisation's unit, not by its own name
_UNITS_OF_THE_NAMED = re.compile(r"(由|在|对|给|其|其中|下属的?|所属的?|[一二两三四五六七八九十几]+(家|所|个))|附属(中学|小学|幼儿园)$")
# Bodies that are never a line item, with or without a place in front (a sub-unit such as
# 南京铁路运输检察院 inside a consolidated department has no document of its own).
_BODY = re.compile(r"(?:(?![年里的在和与及了是为预决算中比较给从对向跟同度占加])[\u4e00-\u9fff]){2,10}(?:检察院|法院|医院|中学|小学|幼儿园|研究院|研究所|派出所|分局|俱乐部|协会|学会|基金会|出版社|报社|杂志社|宾馆|招待所)(?!议)"
                   r"(?!\s*[（(]?(?:类|款|项)[)）]?)")  # 法院（款） is a 科目


def find_years(question: str) -> tuple[int, ...]:
    """Fiscal years named with four digits; 2017到2019年 names the range; an amount is no year.

    >>> find_years("2018年是2064.25万元，2019年变成多少了？"), find_years("2017到2019年")
    ((2018, 2019), (2017, 2018, 2019))
    """
    years = {int(y) for y in re.findall(r"(?<![\d.])(20\d\d)(?![\d.]|\s*(?:万|亿|元|%|％))", question)}  # not 2064.25万元
    for a, b in re.findall(r"(20\d\d)\s*年?\s*(?:到|至|-|—|~)\s*(20\d\d)", question):
        years.update(range(int(a), int(b) + 1))
    return tuple(sorted(years))


# Words that contain 预算 without naming the budget stage: funding sources,
# 决算 table columns (年初预算, 全年预算, 预算数) and budget management.
_NOT_A_STAGE = re.compile(
    r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|预算稳定调节基金|(年初|全年|调整后?|原)预算|预算数|"
    r"预算(执行|完成|绩效|管理|批复|拨款|财政拨款|单位)|完成.{0,8}预算|超.{0,4}预算|比预算"
)


def find_stages(question: str) -> tuple[str, ...]:
    """预算 and/or 决算 when the question names the stage. Compound terms such
    as 一般公共预算 or 年初预算 (a column of 决算 tables) name no stage."""
    stages = set()
    if "决算" in question:
        stages.add("决算")
    if "预算" in _NOT_A_STAGE.sub("", question):
        stages.add("预算")
    return tuple(sorted(stages))


def infer_filters(question: str, catalog: Iterable[tuple[str, int | None, str]]) -> Filters:
    """Filters for ``question`` given the corpus's (organisation, year, stage) list."""
    catalog = list(catalog)
    orgs = find_organisations(question, [c[0] for c in catalog])
    return Filters(organisations=tuple(orgs), years=find_years(question), stages=find_stages(question))



# a place name before 省/市/区/县: two characters, none a function word ("预算比省检察院" names no place 算比省)
# two characters and 省/市/区/县 anywhere: a place named just before a mention
_NEAR_PLACE = re.compile(r"(?:(?![比和与及的是为在年了算较跟对向从给])[\u4e00-\u9fff]){2}(?:省|市|区|县)(?!级)")


def near_misses(question: str, organisations: Iterable[str]) -> list[str]:
    """Organisation mentions that match a corpus name only by its generic part,
    with another place in front (汉阳区企业服务中心 when only 硚口区's is indexed):
    a different district or city is never a near match.

    >>> orgs = ["武汉市硚口区企业服务中心", "武汉市经济和信息化局"]
    >>> near_misses("汉阳区企业服务中心2024年三公经费是多少", orgs), near_misses("武汉市江汉区企业服务中心的支出", orgs)
    (['汉阳区企业服务中心'], ['江汉区企业服务中心'])
    >>> near_misses("硚口区企业服务中心2024年三公经费", orgs), near_misses("武汉市经信局2024年", orgs)
    ([], [])
    >>> near_misses("中小企业中心和硚口区企业服务中心", orgs), near_misses("上海市经济和信息化局2024年三公经费", orgs)
    ([], ['上海市经济和信息化局'])
    >>> near_misses("长沙市芙蓉区2024年一般公共预算收入", ["长沙市"]), near_misses("长沙市本级2024年收入", ["长沙市"])
    (['长沙市芙蓉区'], [])
    >>> near_misses("长沙市各区县2024年收入", ["长沙市"]), near_misses("长沙市城区2024年收入", ["长沙市"])
    ([], [])
    >>> near_misses("截至2023年底，洛阳县区政府债务余额比市级多多少", ["洛阳市"]), near_misses("长沙市望城区2024年收入", ["长沙市"])
    ([], ['长沙市望城区'])
    >>> near_misses("西南大学附属中学现在有多少在校学生", ["西南大学"])
    ['西南大学附属中学']
    >>> near_misses("江苏省高院的三公经费预算比省检察院多多少", ["江苏省高级人民法院", "江苏省人民检察院"])
    []
    >>> o = ["上海市普陀区人民政府万里街道办事处", "武汉市硚口区企业服务中心"]
    >>> near_misses("万里街道预算里提到的社区公共服务中心建在哪", o), near_misses("万里街道社区事务受理服务中心的基本支出", o)
    ([], ['事务受理服务中心'])
    """
    organisations = [o for o in organisations if o]
    text = _unquoted(question)
    out = []
    mentions = organisation_mentions(question, organisations)
    levels = re.sub(r"县区|区县", "··", text)  # 洛阳县区: the city's counties and districts, a level, no place
    for name, start, end in mentions:
        for m in _NEAR_PLACE.finditer(levels, max(0, start - 3), min(len(text), start + 3)):
            place = m.group(0)
            if m.end() > start - 1 and m.start() < end and place not in name \
                    and not any(place in o for o in organisations):
                out.append(place + text[max(m.end(), start):end].lstrip("省市区县"))
                break
        else:
            qualifier = _qualifier(text, start, end, name)
            sub_place = _SUB_PLACE.match(text[end:].lstrip("市省")) or _SUB_BODY.match(text[end:])
            # (a unit named right after its parent, 万里街道社区事务受理服务中心, is still a body of its own)
            others = [n for n, s0, e0 in mentions if n != name and (s0 >= end or e0 <= start and not re.fullmatch(
                r"(?:(?![的里中在和与及提到说])[\u4e00-\u9fff]){0,8}", text[e0:start]))]
            project = re.match(r"(新建|改建|扩建|迁建)?(工程|项目|建设|改造|大楼|大厦)", text[end:])
            if qualifier and not others and not project:  # beside a body named in full, "社区公共服务中心" is its project
                out.append(qualifier + text[start:end])
            elif (sub_place and sub_place.group(1) not in name and not any(sub_place.group(1) in o for o in organisations)
                  and not any(s0 < end + sub_place.end() + 1 and e0 > end for _, s0, e0 in mentions)):
                out.append(text[start:end] + text[end:].lstrip("市省")[:sub_place.end()])  # 长沙市芙蓉区: a district
    return out


# a unit of a body right after its name: 西南大学附属中学, 某某大学出版社
_SUB_BODY = re.compile(r"((?:附属|下属|所属)?[\u4e00-\u9fff]{0,4}?(?:中学|小学|幼儿园|附属医院|医院|学院|研究院|研究所|分校|出版社|图书馆))")
# a district, county or town right after a body's name: 长沙市芙蓉区, 郑州金水区
_SUB_PLACE = re.compile(r"((?![各全本辖分所下地城市社园和与及或、的在比较]|县区|区县)[\u4e00-\u9fff]{1,4}?(?:区|县|镇|乡|街道))")


_STOP = set("的年和与及、在是请问那这其中之于对从向按把被给为比较跟同")


def _qualifier(text: str, start: int, end: int, name: str) -> str:
    """The words right before a mention that name another body of the same
    type: the mention matches only the tail of the name (服务中心 of
    样例数据服务中心), the name qualifies it (样例数据, its place aside) and
    the question qualifies it with two or more characters the name lacks
    (样例档案服务中心). "" when the question names the body itself.

    >>> _qualifier("武汉市样例档案服务中心2024年", 7, 11, "武汉市样例数据服务中心")
    '样例档案'
    >>> _qualifier("查一下企业服务中心", 3, 9, "武汉市硚口区企业服务中心"), _qualifier("样例数据服务中心", 4, 8, "武汉市样例数据服务中心")
    ('', '')
    """
    mention = text[start:end]
    if not name.endswith(mention) or not _PLACE.sub("", name[: -len(mention)]):
        return ""
    i = start
    while i > 0 and re.match(r"[\u4e00-\u9fff]", text[i - 1]) and text[i - 1] not in _STOP and start - i < 4:
        i -= 1
    foreign = [c for c in text[i:start] if c not in name and c not in _GENERIC]
    return text[i:start] if len(foreign) >= 2 else ""