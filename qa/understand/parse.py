"""One question → :class:`~qa.understand.plan.Plan` (:func:`read`), the
conversation aside (that is :mod:`qa.understand.context`).

The pipeline is a few small pure steps over the normalised text:

1. scope: organisations (:mod:`qa.scope`, aliases included), set words
   (各单位, 这几家 …) over the corpus catalog, years, stages, 部门/单位;
2. the operation and the unit wanted (rule tables below, first match wins);
3. the item: what is left once organisation, year, stage, operation and
   question words are taken out (of the clauses up to the one that asks);
4. operands: one selection per organisation, year, measure or item the
   operation runs over, with the other readings of two items kept.

>>> cat = [("武汉市经济和信息化局", 2024, "决算"), ("武汉市中小企业发展促进中心", 2024, "决算"),
...        ("武汉市中小企业发展促进中心", 2026, "预算")]
>>> p = read("经信局2024年三公经费决算比预算省了多少？", cat)
>>> p.op, [s.measure for s in p.operands], p.operands[0].years
('diff', ['决算数', '预算数'], (2024,))
>>> read("各单位2024年三公经费从高到低排一下", cat).op
'rank'
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..scope import LEVELS, find_organisations, find_stages, find_years, level_of, level_text, organisation_mentions
from .normalize import normalize
from .plan import Plan, Selection

__all__ = ["read", "item_of", "item_splits", "operation_of", "wanted_unit", "measure_of"]

# (unit, pattern): the first rule whose pattern is in the question names the unit wanted.
UNIT_RULES = (
    ("倍", r"几倍|多少倍"),
    ("%", r"百分之|占比|比例|比重|执行率|完成率|增长率|增幅|降幅|%|几成|百分比"),
    ("亿元", r"亿元|多少亿|几亿|几个亿|多少个亿"),
    ("万元", r"万元|多少万|几万"),
    ("元", r"(多少|几)\s*元|[(（]元[)）]|元[？?]?$|少元|换成元|以元"),
    ("分", r"多少分|几分|得分|打了多少|评分|分数"),
    ("辆", r"几辆|多少辆|车辆数|保有量|公车数"),
    ("人次", r"多少人次|几人次"),
    ("平方米", r"多少平方米|几平方米|面积"),
    ("人", r"多少人|几人|几名|多少名"),
    ("个", r"(?<!哪)几个(?![亿万])|多少个(?![亿万])"),
    ("家", r"几家|多少家"),
)
# (operation, pattern): the first rule that matches decides what to compute.
OPERATION_RULES = (
    ("execution", r"执行率|完成率|完成(了)?(年初|全年|调整)?预算的|决算数?(是|为|占|相当于)了?(年初|全年|调整)?(部门|单位)?预算数?的|预算执行(情况|进度)?(是|为)?(多少|百分之|几)|"
                  r"(实际|已经?|当年)(用掉|花掉|用了|花了|支出|执行|使用|完成)了?(百分之|多少%|几成|多大比例|多少比例|多少比重)"),
    ("growth", r"增长率|增幅|降幅|(增长|下降|减少|增加)(了)?(百分之|多少%|几%|的?比例|的?幅度)|同比(增长|下降|变化)?(了)?(百分之|多少|几)"),
    ("multiple", r"几倍|多少倍"),
    ("ratio", r"占(?!比)(.{2,30}?)的?(百分之|比例|比重|多少|几成|%|份额)"),
    ("share", r"占比|所占比[例重]|比重(是|为)?多少|占多少|占了?(百分之|多少|几成)"),
    ("diff", r"相差|差多少|差额|差距|多多少|少多少|[高低]多少|[高低]了多少|多了多少|少了多少|省了多少|省下了?多少|节约了?多少|节省了?多少|结余了?多少|超支|超出多少|高出|低了多少|"
             r"比.{1,40}(多|少|高|低|增加|减少|增长|下降)"),
    ("rank", r"最多|最高|最大|最少|最低|最小|排名|排序|排一下|从高到低|从低到高|由高到低|由低到高|前[1-9一二三四五]|哪.{0,6}最"),
    ("count", r"(?<![哪这那])(几|多少)(个|项|家)(项级|款级|类级|功能)?(科目|项目|单位|类|款|项)(?!.{0,6}(各|分别))|共有(几|多少)(个|项)?(项级|款级|类级)?(科目|项目|单位|类|款)"),
    ("sum", r"加起来|合计(是|为)?多少|一共|总共|共计|之和|总和|合计多少|加总|总计多少"),
    ("list", r"列出|列一下|各项|分别(是|为)?多少|分别是|各类|都有哪些|哪几个|哪几项|各多少"),
)
_ASCENDING = re.compile(r"最少|最低|最小|从低到高|由低到高|升序")
_TOP = re.compile(r"(?:前|(?:最高|最多|最大|最低|最少|最小)的)\s*([1-9]|[一二三四五六七八九十])\s*(名|位|项|个|类|家|款)")
_SET_ORGS = re.compile(r"各单位|各个单位|各家|每家|每个单位|所有单位|全部单位|这几家|这些单位|几家单位都|(五|四|三|两|几)(份|个)(文件|文档|单位)|哪个单位|哪家单位|哪家")
_SET_YEARS = re.compile(r"各年|历年|每年|逐年|这几年")
_MEASURES = (("年初预算", r"年初(部门|单位)?预算"), ("全年预算", r"全年预算|调整预算|调整后预算"), ("上年数", r"上年(决算)?数"),
             ("决算数", r"决算数|实际支出|实际花|支出决算|决算"), ("预算数", r"预算数|预算安排|预算"))
_QUESTION_WORDS = re.compile(
    r"(有|是|为)?(多少|几)(辆|个|家次|家|人次|人|名|台|套|项|次|件|平方米|处|所)|是多少|有多少|为多少|多少钱|多大|多少|谁(家|的)*|是几|有几|几[个项家辆名人]|分别是|分别为|分别|是什么|是啥|什么|"
    r"有?哪几个?[项类家款]?|有哪些|请|列出|列一下|查一下|告诉我|一下|一共|总共|合计(?=是|为|多少|[？?]|$)|加起来|各(?=是|为|多少)|之和|总和|排一下|排名|排序|从高到低|从低到高|由高到低|由低到高|"
    r"前[1-9一二三四五]名?|最多|最高|最大|最少|最低|最小|哪一?[个项类家款]|相差|差额|多多少|少多少|高出|多出|超出|"
    r"增长率|增幅|降幅|同比|百分之几|百分之|百分比|比例|比重|占比|几成|几倍|执行率|完成率|完成了?|情况|金额|数额|数字|"
    r"安排了?|花了|支出了|用了|万元|亿元|年度|[？?，,。、:：；\s]"
)
_EDGES = re.compile(r"^(的|是|为|有|比|占|和|与|及|跟|里|本?级(?!科目)|中(?![小心央国华学]))+|(的|是|为|有|了|吗|呢|呀|元|几|比|占|差|多|少|省|高|低|倍|花|哪|年|更|各|里|中|增长|下降|增加|减少|预计|在里)+$")


# Items that stand for a table's total: "部门收入是多少" is the income side's 合计, "预算总盘子" the 收支总计.
_WHOLE_ITEMS = {"收入": "收入合计", "支出": "支出合计", "总盘子": "收支总计", "盘子": "收支总计", "总预算": "收支总计",
                "收支总预算": "收支总计", "总规模": "收支总计"}


def wanted_unit(question: str) -> str | None:
    """The unit the answer should be in.

    >>> wanted_unit("花了多少元？"), wanted_unit("多少万元"), wanted_unit("完成了年初预算的百分之几"), wanted_unit("有几辆公车")
    ('元', '万元', '%', '辆')
    >>> wanted_unit("是硚口区的几倍"), wanted_unit("换成亿元")
    ('倍', '亿元')
    """
    return next((unit for unit, pattern in UNIT_RULES if re.search(pattern, question)), None)


def operation_of(question: str) -> str:
    """What to compute (see :data:`qa.understand.plan.OPERATIONS`).

    >>> [operation_of(q) for q in ("三公经费是多少", "决算完成了年初预算的百分之几", "比上年增长了百分之多少",
    ...     "是硚口区的几倍", "占经信局的百分之几", "占比多少", "两家相差多少", "两家合计是多少", "有几个项级科目",
    ...     "哪一项最多", "分别是多少")]
    ['value', 'execution', 'growth', 'multiple', 'ratio', 'share', 'diff', 'sum', 'count', 'rank', 'list']
    """
    for operation, pattern in OPERATION_RULES:
        if re.search(pattern, question):
            if operation == "diff" and re.search(r"(比|较|与)(上年|去年|上一年|上年度)", question):
                return "value"  # "比上年多了多少": the change the document states
            if operation == "sum" and re.search(r"哪几|各(是|为)?多少|分别|都有哪些|哪些", question):
                return "list"  # "下面有哪几个款，各多少，合计多少": the rows, with their total
            if operation == "sum" and not re.search(r"和|与|及|\+|[两三四五六七八九十几][家个项类款笔年]|各|、|”“|加上|所有|全部|"
                                                    r"20\d\d\s*年?\s*(到|至|-|—|~)", question):
                continue  # a total of one thing is a value, not a sum of several
            return operation
    return "value"


def measure_of(text: str) -> str:
    """The column a phrase names (年初预算, 全年预算, 决算数, 预算数, 上年数) or ''.

    >>> measure_of("2024年决算"), measure_of("年初预算"), measure_of("一般公共预算财政拨款支出")
    ('决算数', '年初预算', '')
    """
    text = re.sub(r"一般公共预算|政府性基金预算|国有资本经营预算|预算单位|部门预算|单位预算|预算公开|预算绩效", "", text)
    return next((m for m, pattern in _MEASURES if re.search(pattern, text)), "")


def measures_in(text: str) -> list[str]:
    """The columns a phrase names, in the order it names them; each stretch of
    text names one column (年初部门预算 is 年初预算, not also 预算数).

    >>> measures_in("年初部门预算安排了多少、决算实际花了多少"), measures_in("决算数比年初预算多多少")
    (['年初预算', '决算数'], ['决算数', '年初预算'])
    >>> measures_in("一般公共预算财政拨款支出")
    []
    """
    text = re.sub(r"一般公共预算|政府性基金预算", lambda m: "\x00" * len(m.group()), text)
    found: list[tuple[int, str]] = []
    for measure, pattern in _MEASURES:
        for m in re.finditer(pattern, text):
            if "\x00" not in m.group():
                found.append((m.start(), measure))
                text = text[:m.start()] + "\x00" * len(m.group()) + text[m.end():]
                break
    return [measure for _, measure in sorted(found)]


def item_of(text: str) -> str:
    """The line item a phrase asks about: question words, units, years and
    stage words taken out.

    >>> item_of("2024年三公经费决算是多少？"), item_of("那2026年呢？"), item_of("其中公务接待费多少元？")
    ('三公经费', '', '公务接待费')
    >>> item_of("一般公共预算财政拨款支出完成了年初预算的百分之几")
    '一般公共预算财政拨款支出'
    """
    text = re.sub(r"^(那么|那|其中|它的|它|该单位的?|他们的?|这家单位的?|换成|改成|再)", "", text)
    text = re.sub(r"^(我?想|我要)?了解一下?.{0,12}?的?情况[，,]?|折合|约合|换算成?", "", text)
    text = re.sub(r"(安排|预算|花|用)?了?\d+(?:\.\d+)?\s*个?(?:亿元|万元|亿|万|元)(?:多|左右)?|"
                  r"(实际|已经?|当年)(用掉|花掉|用了|花了|支出|执行|使用|完成)了?", "", text)  # a figure the question quotes
    text = re.sub(r"(截至|截止|截止到|到)\s*20\d\d\s*年?\s*(年底|年末|底|末)", "", text)  # the date of a balance
    text = re.sub(r"从?20\d\d\s*年?度?\s*(到|至|-|—|~)\s*20\d\d\s*年?度?|(这|近|连续)?[两三四五六七八九十]年(来|间|的)?", "", text)
    text = re.sub(r"(比|较|与|同|和|跟)\s*20\d\d\s*年度?(预算|决算)?(相比|比较|比)?", "", text)  # "X比2023年增长": the comparison, not the item
    text = re.sub(r"(?<!\d)(20\d\d)(?!\d)\s*(年度|年)?|(年初|全年|调整后?)(部门|单位)?预算(数)?|决算数|预算数|上年数|实际支出|实际(?=决算)", "", text)
    text = re.sub(r"(比|较|与|同)(上年|去年|上一年|上年度)(同期)?|(多|少|增加|减少|增长|下降)了", "", text)
    text = re.sub(r"(部门|单位)(?=预算|决算)|^(本?部门|本?单位)(?=收入|支出)", "", text)  # the document's scope, not the item
    text = re.sub(r"(这|那|以上|上述)?[两二三四五六七八九十几]+(家|个单位|个部门)(单位|部门)?(中|里|之中|当中)?", "", text)  # the set asked over
    text = re.sub(r"(除了?|除去|不含|不包括|不靠)[^，,、（(的]{2,12}?(以外|之外|外)?(?=[，,（(的]|其余|其他|剩下)", "", text)  # what is left out
    # the members of a list asked over: "列出的主要项目中哪一项", "转贷给区级的那部分，哪个区分得最多", "几个组成部分里"
    text = re.sub(r"(列出|列明|所列|报告列出)的?|(的|里的?|中的?)?(主要项目|各项目|组成部分|那一?部分|各部分)(中|里|之中)?|"
                  r"[几多]个(?=组成)|[分花拿用]得(?=最|$|[？?，,])", "", text)
    text = re.sub(f"各?(?:{'|'.join(LEVELS)})(?!部门)", "", level_text(text))  # the level of government, not the item
    text = re.sub(r"(?<!一般公共)(?<!政府性基金)(?<!国有资本经营)(?<!财政拨款)(预算|决算)(?!财政拨款|单位)", "", text)
    text = re.sub(r"[“”\"]|[（(]\s*[)）]", "", text)  # quotes, and brackets emptied by the steps above
    text = _EDGES.sub("", _QUESTION_WORDS.sub("", text))
    return re.sub(r"^(本?部门|本?单位)(?=收入|支出)", "", text)  # also once years and lists are gone ("2023、2024年的部门收入")




def _years_of(question: str) -> tuple[int, ...]:
    years = find_years(question)
    if re.search(r"上年|去年|上一年", question) and len(years) == 1 and operation_of(question) == "diff":
        years = (years[0] - 1, years[0])
    return years


# Standard names (功能分类, 经济分类, common bodies) that contain 和/与/及: never split there.
COMPOUNDS = ("商品和服务", "社会保障和就业", "文化旅游体育与传媒", "文化体育与传媒", "医疗卫生与计划生育", "灾害防治及应急管理",
             "对个人和家庭", "经济和信息化", "规划和自然资源", "科技创新和人才", "住房和城乡建设", "人力资源和社会保障",
             "文化和旅游", "城乡社区规划与管理", "发展与改革", "工商和市场监管", "林业和草原", "市场监督管理", "及相关机构",
             "新闻出版电影", "广播电视", "科学技术", "教育和科学")
_CONNECTORS = str.maketrans({"和": "\x01", "与": "\x02", "及": "\x03"})
_RESTORE = str.maketrans({"\x01": "和", "\x02": "与", "\x03": "及"})


def _mask(text: str) -> str:
    """``text`` with the 和/与/及 inside standard names hidden, so no split falls there."""
    for name in COMPOUNDS:
        text = text.replace(name, name.translate(_CONNECTORS))
    return text


def _unmask(text: str) -> str:
    return text.translate(_RESTORE)


def _item_clause(subject: str) -> str:
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
    >>> item_splits("公诉和审判监督和社会保障和就业支出合计", "sum")
    [('公诉', '审判监督和社会保障和就业支出'), ('公诉和审判监督', '社会保障和就业支出')]
    """
    patterns = {"ratio": r"(.+?)占(.+?)的?(百分之|比例|比重|多少|几成|%|份额)", "multiple": r"(.+?)是(.+?)的(几|多少)倍",
                "diff": r"(.+?)(?:比|和|与|跟)(.+?)(?:相差|差|多|少|高|低)",
                "sum": r"(.+?)(?:和|与|及|加上?|\+)(.+?)(?:加起来|合计|一共|总共|之和|共计)"}
    if op not in patterns:
        return []
    masked = _mask(subject)
    out: list[tuple[str, str]] = []

    def add(a: str, b: str) -> None:
        a, b = item_of(_unmask(a)), item_of(_unmask(b))
        if a and b and (a, b) not in out:
            out.append((a, b))  # a == b: one item on both sides ("X比它的X"), for the caller to read

    m = re.search(patterns[op], masked)
    if m:
        add(m.group(1), m.group(2))
    if op in ("sum", "diff"):  # every other connector outside the standard names
        ends = {"sum": r"加起来|合计|一共|总共|之和|共计", "diff": r"相差|差额|差多少|差距|(?:多|少|高|低)(?:了|出)?多少"}
        end = re.search(ends[op], masked)
        body = masked[: end.start()] if end else masked
        for cut in re.finditer(r"和|与|及|比|跟", body):
            add(body[: cut.start()], body[cut.end():])
    return out


def _enumerated(subject: str) -> list[str]:
    """Items listed with 、 (“人大会议、人大立法、人大监督三项”), or []."""
    masked = _mask(re.sub(r"[”\"]\s*[“\"]", "、", subject))  # “成长贷”“科技贷”: a list too
    masked = re.sub(r"[（(][^）)]*[）)]", "", masked)  # a gloss in brackets ("（附小、附中）") names the same items
    m = re.search(r"([^，,。？?]+?(?:、[^，,。？?、]+?)+)(?:[两一二三四五六七八九十\d]+[项个类款块部分笔]|加起来|合计|一共|总共|之和|共计|分别|各|$)",
                  masked)
    if not m or "、" not in m.group(1):
        return []
    parts = [item_of(_unmask(p)) for p in re.split(r"、|和|与|及", m.group(1))]
    return [p for p in parts if len(p) >= 2] if all(len(p) >= 2 for p in parts) else []


def _shares(a: str, b: str, n: int = 2) -> bool:
    return any(a[i : i + n] in b for i in range(len(a) - n + 1))


def scope_of(question: str) -> str:
    """The document scope (部门 / 单位) or level of government (全市, 市本级,
    市级 …) the question names, "" when none.

    >>> scope_of("硚口区企业服务中心2024年部门决算的基本支出"), scope_of("郑州市级2023年税收收入"), scope_of("长沙全市债务余额")
    ('部门', '市级', '全市')
    """
    scope = re.search(r"(部门|单位)(?=预算|决算)", question)
    return scope.group(1) if scope else level_of(question)


def levels_in(question: str) -> list[str]:
    """The distinct levels of government a question names, in order.

    >>> levels_in("长沙市本级收入占全市收入的比重"), levels_in("合肥市级比市本级多多少"), levels_in("全市收入")
    (['市本级', '全市'], ['市级', '市本级'], ['全市'])
    """
    found: list[str] = []
    for m in re.finditer("|".join(LEVELS), level_text(question)):
        if m.group(0) not in found:
            found.append(m.group(0))
    return found


def _split_items(subject: str, op: str) -> tuple[str, str] | None:
    splits = item_splits(subject, op)
    return splits[0] if splits else None


def _scope(question: str, catalog: list) -> tuple[tuple[str, ...], str]:
    orgs = find_organisations(question, [c[0] for c in catalog])
    set_word = ""
    m = _SET_ORGS.search(question)
    if m and len(orgs) < 2:
        years = set(find_years(question))
        orgs = sorted({o for o, y, _ in catalog if o and (not years or y in years)})
        set_word = m.group(0)
    return tuple(orgs), set_word


def _subject(question: str, catalog: list) -> str:
    spans = [(s, e) for _, s, e in organisation_mentions(question, [c[0] for c in catalog])]
    text = "".join(ch for i, ch in enumerate(question) if not any(s <= i < e for s, e in spans))
    return _SET_ORGS.sub("", text)


def _asked_years(question: str, years: tuple[int, ...]) -> tuple[int, ...]:
    """The years of the clause that asks, when earlier clauses only set the
    scene ("2019年提租补贴增加了646.57万元，那么2018年的是多少？" asks 2018).

    >>> _asked_years("2019年X增加了646.57万元，那么2018年的X是多少万元？", (2018, 2019))
    (2018,)
    >>> _asked_years("2018年和2019年X分别是多少？", (2018, 2019))
    (2018, 2019)
    """
    clauses, i = _asking(question)
    if not i:
        return years
    own = find_years(clauses[i])
    earlier = find_years("，".join(clauses[:i]))
    return own if own and len(own) < len(years) and not set(own) & set(earlier) else years


_CHANGE_OVER = re.compile(r"(增加|减少|增长|下降|变化|多|少)了?多少(?!倍)(?!.*百分)")


def _clause_stages(question: str, years: tuple[int, ...]) -> dict[int, tuple[tuple[str, ...], str]]:
    """The stage and column each year's own clause names, when the clauses name
    different stages: "2025年机关运行经费预算比2024年实际支出多多少" is the 2025
    预算 against the 2024 决算. Empty when they agree or a clause names none.

    >>> _clause_stages("2025年机关运行经费预算比2024年实际支出多多少", (2024, 2025))
    {2025: (('预算',), '预算数'), 2024: (('决算',), '决算数')}
    >>> _clause_stages("2024年预算比2021年增长了多少", (2021, 2024))
    {}
    """
    marks = sorted((m.start(), int(m.group())) for m in re.finditer(r"(?<!\d)20\d\d(?!\d)", question)
                   if int(m.group()) in years)
    found = {}
    for (start, year), (end, _) in zip(marks, marks[1:] + [(len(question), 0)]):
        clause = _without_quoted_figures(question[start:end])
        measure = measure_of(clause)
        stage = find_stages(clause) or (("决算",) if measure == "决算数" else ())
        if len(stage) != 1 or year in found:
            return {}
        found[year] = (stage, measure if measure in ("决算数", "预算数") else "")
    return found if len({s for s, _ in found.values()}) == 2 else {}


def _without_quoted_figures(question: str) -> str:
    """The question without the clauses that only quote a figure ("2024年预算155万元，实际执行了多少？"):
    the stage such a clause names is the scene, not the stage asked.

    >>> _without_quoted_figures("项目2024年预算155万元，实际执行了多少？")
    '实际执行了多少？'
    """
    clauses = re.split(r"(?<=[，,；;。])", question)
    kept = [c for c in clauses if not (re.search(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元|%)", c)
                                       and not re.search(r"多少|几|百分之", c))]
    return "".join(kept) if kept else question


def _asking(question: str) -> tuple[list[str], int | None]:
    """The question's clauses, and the index of the first that asks (None: none does)."""
    clauses = [c for c in re.split(r"[，,；;。？?]", question) if c.strip()]
    return clauses, next((i for i, c in enumerate(clauses) if re.search(r"多少|几|是什么|哪", c)), None)


def _asking_clause(question: str) -> str:
    """The clause that asks, without the scene set before it."""
    clauses, i = _asking(question)
    return re.sub(r"^(那么?|则)", "", clauses[i or 0]) if clauses else question


def read(question: str, catalog: list) -> Plan:
    """The plan of a (normalised) question read on its own, without the conversation."""
    orgs, set_word = _scope(question, catalog)
    years, stages = _years_of(question), find_stages(_without_quoted_figures(question))
    op, unit = operation_of(question), wanted_unit(question)
    scene = False
    if op == "value" and len(years) >= 2:
        asked = _asked_years(question, years)
        scene, years = asked != years, asked
    if op == "execution":
        stages = ()  # 决算 ÷ 预算: both figures, wherever the document of either stage states them
    subject = _subject(_asking_clause(question) if scene else question, catalog)
    if op in ("sum", "value"):
        subject = re.sub(r"(?<=[入出费金])加上?(?=[\u4e00-\u9fff]{2})", "和", subject)  # "事业收入加其他收入": a list
        op = "sum" if op == "value" and re.search(r"[入出费金]和[\u4e00-\u9fff]{2}.{0,12}(一共|总共|合计|加起来|共计)", subject) else op
    item, measure = _item_clause(subject), measure_of(subject)
    item = _WHOLE_ITEMS.get(item, item)
    if unit == "辆" and item in ("车", "公车", "公务用车", "汽车"):
        item = "车辆"  # "一共有多少辆车": the vehicles the unit holds (国有资产占用)
    base = Selection(orgs, years, stages, item, measure, scope_of(question))
    operands: tuple[Selection, ...] = (base,)
    by = ""
    readings: tuple = ()
    two_measures = measures_in(subject)
    split = _split_items(subject, op) if op in ("ratio", "multiple", "diff", "sum") else None
    many = len(orgs) >= 2 or len(years) >= 2
    if split and len(two_measures) >= 2 and (len(split[1]) <= 2 or len(split[0]) <= 2):
        split = None  # "X，决算数比年初预算多多少": two columns of one item, not two items
    if split and (split[0] == split[1] or (many and len(split[0]) >= 2 and _shares(split[0], split[1]))):
        if many:
            base = replace(base, item=split[0])  # "A的收支总额比B的收支总计": one item, named on both sides
        split = None
    if len(orgs) >= 2 and op in ("sum", "diff", "ratio", "multiple", "rank", "list", "count"):
        operands, by = tuple(replace(base, organisations=(o,)) for o in orgs), "organisations"
        if op == "list":
            op = "rank" if not set_word else "list"
    elif len(years) >= 2 and op in ("value", "sum", "diff", "ratio", "multiple", "growth", "rank", "list"):
        ranged = any(str(y) not in question for y in years)
        if op == "value" and ranged and _CHANGE_OVER.search(question):
            op, years = "diff", (max(years), min(years))  # "从2017年到2019年增加了多少": the end against the start
        op = "list" if op == "value" else op  # "2017到2019年X是多少": each year's figure, never one of them
        order = sorted(years, key=lambda y: question.find(str(y)) if str(y) in question else 10**6)
        if op in ("growth", "diff") and ranged:
            order = sorted(years, reverse=True)  # the later year against the earlier
        elif op == "growth" or ranged:
            order = sorted(years, reverse=op == "growth")  # growth: (later − earlier) ÷ earlier; a range: in order
        # one stage named, and a document of that stage for every year: each year's figure is of that stage
        # ("2024年预算比2021年增长"); none named: the stage every year has (决算 first); else a year's figure
        # may come from another stage's document
        have = [{cs for co, cy, cs in catalog if cy == y and (not orgs or co in orgs)} for y in years]
        common = set.intersection(*have) if have else set()
        if len(stages) == 1:
            chosen = stages if stages[0] in common else ()
        else:  # no stage named: like with like, the 决算 of each year when every year has one
            chosen = ("决算",) if "决算" in common else tuple(common) if len(common) == 1 else ()
        clauses = _clause_stages(question, years)  # "2025年预算比2024年实际支出": each year its own stage
        operands = tuple(replace(base, years=(y,), stages=clauses[y][0], measure=clauses[y][1] or base.measure)
                         if y in clauses else replace(base, years=(y,), stages=chosen) for y in order)
        by = "years"
    elif op in ("sum", "list", "rank") and len(_enumerated(subject)) >= 3:
        operands, by = tuple(replace(base, item=i) for i in _enumerated(subject)), "items"
        op = "sum" if op == "sum" else op
    elif split:
        operands, by = (replace(base, item=split[0]), replace(base, item=split[1])), "items"
        readings = tuple((replace(base, item=a), replace(base, item=b)) for a, b in item_splits(subject, op)[1:] if a != b)
    elif op in ("diff", "ratio", "multiple") and len(two_measures) >= 2:
        # a 决算数 is read from the 决算 document; a 预算 beside it may come from either
        operands = tuple(replace(base, measure=m, stages=("决算",) if m == "决算数" and "决算" in (base.stages or ("决算",))
                                 else base.stages) for m in two_measures[:2])
        by = "measures"
    elif op in ("rank", "list", "count"):
        by = "items"
    scopes = list(dict.fromkeys(m.group(1) for m in re.finditer(r"(部门|单位)(?=预算|决算)", question)))
    if len(scopes) == 2 and op in ("diff", "ratio", "multiple", "sum") and by in ("", "items") and len(operands) <= 2:
        # "部门预算和单位预算的机关运行经费相差多少": one operand per document scope
        operands, by = tuple(replace(operands[0], scope=sc) for sc in scopes), "scopes"
    part_of = re.match(r"(.{2,}?)(?:里面的|里的|里|中的|之中|中(?![小心央国华学]))(.{2,})$", operands[0].item) \
        if op == "ratio" and len(operands) == 1 else None  # a bare 占比 keeps the item's parent total (share)
    if part_of:
        # "三公经费里，因公出国（境）费占多大比例": the part over the whole the question names
        operands, by, op = (replace(base, item=part_of.group(2)), replace(base, item=part_of.group(1))), "items", "ratio"
    levels = levels_in(question)
    if len(levels) == 2 and op in ("diff", "ratio", "multiple", "share") and by in ("", "items") and len(operands) <= 2:
        # "市本级收入占全市收入的比重", "市级比市本级多多少": one operand per level of government
        operands = operands if len(operands) == 2 else (operands[0], operands[0])
        operands, by = tuple(replace(o, scope=level) for o, level in zip(operands, levels)), by or "levels"
    if op in ("rank",) and by == "organisations" and _SET_YEARS.search(question):
        by = "organisations"
    k = None
    top = _TOP.search(question)
    if top:
        k = int(normalize(top.group(1))) if top.group(1).isdigit() else "一二三四五六七八九十".index(top.group(1)) + 1
    elif op == "rank" and re.search(r"最多|最高|最大|最少|最低|最小|哪.{0,6}最", question):
        k = 1
    why = re.search(r"为什么|为何|为啥|原因|怎么回事", question)
    asks = bool(re.search(r"多少|几|金额|总额|数额|数字|预算数|决算数|百分之|占比|排|列出|分别", question))
    # "为什么涨了17%多？" quotes a figure to ask about its reason: a unit alone is no ask then
    cue = asks or (bool(unit) and not why)
    numeric = cue or (op != "value" and not why)
    if op in ("rank", "list") and unit in ("个", "家", "人"):
        unit = None  # "几个项里哪个最多": the rows are counted in the question, the answer is an amount
    return Plan(op, operands, unit=unit, k=k, descending=not _ASCENDING.search(question), by=by,
                question=question, query=question, numeric=numeric, set_word=set_word, readings=readings)
