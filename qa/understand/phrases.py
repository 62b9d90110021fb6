"""What a phrase of a question says: the unit wanted (:func:`wanted_unit`),
the operation (:func:`operation_of`), the columns it names (:func:`measure_of`,
:func:`measures_in`), the line item (:func:`item_of`) and the breakdown asked
for (:func:`breakdown`); the items a list or a pair names are in
:mod:`qa.understand.items`. Pure functions over text, declared as rule
tables; :mod:`qa.understand.parse` assembles them into a plan.
"""

from __future__ import annotations

import re

from ..scope import LEVELS, level_text
from .names import CLASS_NAMES, HEADS, complete_pair, full_class_name

__all__ = ["UNIT_RULES", "OPERATION_RULES", "MEASURES", "wanted_unit", "operation_of", "measure_of", "measures_in",
           "item_of", "WHOLE_ITEMS", "TOTAL_WORDS", "breakdown", "ALL_FUNDS", "LEFT_OUT", "PERIOD", "period_of",
           "complete_pair", "HEADS", "full_class_name", "CLASS_NAMES", "USE_ASK"]

# the people a count is of ("惠及多少万群众", "多少名教职工")
_PEOPLE = r"(群众|居民|市民|农民|村民|学生|职工|教职工|人员|教师|老人|儿童|患者|人口|困难群众|参保人|导师|院士|教授|专家|干部|员工)"
PEOPLE = _PEOPLE
# (unit, pattern): the first rule whose pattern is in the question names the unit wanted.
UNIT_RULES = (
    ("倍", r"几倍|多少倍"),
    ("%", r"(多少|几)个?百分点|百分之|占比|比例|比重|执行率|完成率|增长率|增幅|降幅|%|几成|百分比"),
    ("亿元", r"亿元|多少亿|几亿|几个亿|多少个亿"),
    ("万", r"(?:多少|几)\s*万\s*(?=人次|人|家|户|个|辆|台|套|项|名|件|笔|亩|平方米|份|张|册|条|座|所|处)"),  # 多少万家: a count (the unit follows)
    ("万人", r"(?:多少|几)\s*万\s*(?:名|位|个)?\s*" + _PEOPLE),  # 惠及多少万群众: people, never money
    ("万元", r"万元|多少万|几万"),
    ("元", r"(多少|几)\s*元|[(（]元[)）]|元[？?]?$|少元|(换算|折算|折合|换|合)成?元|[以按用]元"),
    ("分", r"多少分|几分|得分|打了多少|评分|分数|平均分"),
    ("辆", r"几辆|多少辆|车辆数|保有量|公车数|\d+\s*辆车"),
    ("人次", r"多少人次|几人次"),
    ("平方米", r"多少平方米|几平方米|面积"),
    ("人", r"多少人(?!员)|几人|几名|多少名|(多少|几)个人|多少(位|个|名)?[\u4e00-\u9fff]{0,3}?" + _PEOPLE),
    ("年", r"(?<![近这前后过])(多少|几)\s*年(?![初度底末前后内以间])|期限(是|为|有)?(多少|几|多长)"),  # a duration (平均期限12.4年)
    ("个", r"(?<!哪)几个(?![亿万])|多少个(?![亿万])"),
    ("家次", r"几家次|多少家次"),
    ("家", r"(?<!哪)几家|多少家"),
    ("篇", r"(多少|几)篇"),
    ("份", r"(多少|几)份(?!额)"),
    ("张", r"(多少|几)张"),
    ("座", r"(多少|几)座"),
    ("处", r"(多少|几)处"),
    ("条", r"(多少|几)条"),
    ("部", r"(多少|几)部(?![门分])"),
    ("所", r"(多少|几)所(?!得)"),
    ("门", r"(多少|几)门(?!类)"),
    ("场", r"(多少|几)场(?!所|地)"),
    ("批次", r"(多少|几)批次"),
    ("台（套）", r"台\s*[（(]套[)）]"),  # as the documents count equipment
    ("台", r"(多少|几)台"),
    ("套", r"(多少|几)套"),
)
# asking for the reason of a change, or how the document explains a figure it quotes
WHY = re.compile(r"为什么|为何|为啥|原因|理由|缘由|缘故|(多|少|增|减|涨|降)在(了)?哪|怎么回事|何故|怎么.{0,4}(涨|降|多|少|增加|减少|增长|下降)|(怎么|如何|怎样|作何)(解释|说明|说)的?")
# (operation, pattern): the first rule that matches decides what to compute.
OPERATION_RULES = (
    ("execution", r"执行率|完成率|预算完成了?(百分之|多少%|几成|多大比例|多少比例)|(决算数?|实际数?)(与|和|同)(年初|全年|调整)?(部门|单位)?预算数?(之比|的比例|的比值)|完成(了)?(年初|全年|调整)?预算的|(为|相当于|达到)了?(年初|全年|调整后?)?预算数?的|决算数?(是|为|占|相当于)了?(年初|全年|调整)?(部门|单位)?预算数?的|预算执行(情况|进度)?(是|为)?(多少|百分之|几)|"
                  r"决算数?[，,]?\s*(是|为|占|相当于)了?[^，,。？?]{0,24}?预算[^，,。？?]{0,10}?的(百分之|几成|%)|"
                  r"(实际|已经?|当年)(用掉|花掉|用了|花了|支出|执行|使用|完成)了?(百分之|多少%|几成|多大比例|多少比例|多少比重)|"
                  r"(实际|已经?|当年)?[只仅才]?(用掉|花掉|用了|花了|执行|使用|完成)了?[^，,。？?]{0,8}?(预算|安排)(安排|数)?的?(百分之|多少%|几成|多大比例|多少比例)"),
    ("growth", r"(增长|下降|增加|减少|涨|降)了?多少\s*[（(](百分比|%|％)[)）]|增长率|增幅|降幅|(增长|下降|减少|增加|涨|降|上涨|下跌|变化|变动|增减)(了)?(百分之|多少%|几%|的?比例|的?幅度)|同比(增长|下降|变化)?(了)?(百分之|多少|几)"),
    ("multiple", r"几倍|多少倍"),
    ("ratio", r"在[^，,。？?]{2,30}?(中|里|之中|当中)(所)?占了?(多大|多少|几成)?的?(百分之|比例|比重|百分比|份额)|占了?(?!比|多大|多少)(.{2,30}?)的?(百分之|比例|比重|多少|几成|%|份额)|(用掉|用了|占用)了?(.{2,20}?)的(百分之|比例|多少%|几成)"),
    ("share", r"占比|所占比[例重]|占(了)?多大(的)?(比例|比重|份额)|比重(是|为)?多少|占多少|占了?(百分之|多少|几成)|的(比例|比重)(是|为|有)?(多少|几|百分之)"),
    ("diff", r"(?<![至最])[多少]几(?=[个辆家人项台套名次所]?(?:$|[？?，,]))|(?:离|距离?)(?!退|休)[^，,。？?]{1,30}?(?:还(?:差|有|剩)|差|剩)(?:多少|几|多大)|相差|差了?多少|差额|差距|多多少|少多少|[高低大快慢]多少|[高低]了多少|多了多少|少了多少|省了多少|省下了?多少|节约了?多少|节省了?多少|(?<!滚存)(?<!年终)(?<!累计)(?<!当年)结余了?多少|超支|超出多少|高出|低了多少|"
             r"(?:比|较)(?![例重率])[^？?]{1,40}(多|少|高|低|增加|减少|增长|下降)|(多|增加|增长|涨|高)了?还是(少|减少|下降|降|低)了?|是(增|升|涨|多)是(减|降|跌|少)|"
             r"^(和|与|跟|同|比|较)\s*(20\d\d\s*年度?|上年度?|去年|上一年)\s*(预算|决算)?(数)?\s*(相比|比较|比)|^(比|较)\s*(20\d\d\s*年度?|上年度?|去年)\s*(预算|决算)?数?\s*(呢|怎么样|如何)|有(什么|何|多大)?变化|变化(了)?(多少|多大|大吗)|变了多少"),
    ("rank", r"排(名|在)?第一|第一名|排(名|在)?最后|倒数第一|最后一名|最多|最高|最大|最少|最低|最小|排名|排序|排一下|从高到低|从低到高|由高到低|由低到高|前[1-9一二三四五]|哪.{0,6}最"),
    ("count", r"(?<![哪这那])(几|多少)(个|项|家)(项级|款级|类级|功能)?(科目|项目|单位|类|款|项)(?!.{0,6}(各|分别))|共有(几|多少)(个|项)?(项级|款级|类级)?(科目|项目|单位|类|款)|((项级|款级|类级)科目?|科目)(有|共有|一共有|总共有|共)(几|多少)个"),  # not "项目有几个": rows are no count of projects
    ("sum", r"连同[^，,。？?]{2,30}?(一共|总共|共计|合计|加起来|总计|共有|共)|加起来|加一起|加在一起|加到一起|相加|合计(是|为)?多少|一共|总共|共计|之和|总和|合计多少|加总|总计多少"),
    ("list", r"列出|列一下|各项|分别(是|为)?多少|分别是|各类(?![\u4e00-\u9fff]{0,4}(合计|总计|总额))|都有哪些|哪几个|哪几项|哪几家|各多少|各(是|为|有)多少"),  # not "有哪些" alone: 主要职责有哪些 asks for passages
)
MEASURES = (("年初预算", r"年初(部门|单位)?预算|(原本|原来|起初|最初)的?预算|原预算|预算(原本|原来|起初|最初)"), ("全年预算", r"全年预算|调整预算|调整后预算"), ("上年数", r"上年(决算)?数"),
             ("决算数", r"决算数|实际(支出|花|执行|使用|用|完成|发生)|执行数|支出决算|决算"), ("预算数", r"预算数|预算安排|安排数|预算"))
_QUESTION_WORDS = re.compile(
    r"是(增|升|涨|多)是(减|降|跌|少)|(增加|增长|多|涨|高|升)了?还是(减少|下降|少|降|低|跌)了?|"
    r"(哪一?[个块项类笔部]|谁)的?(增长|增速|涨|降|花|用)?(得|的)?(更|最)?(大|多|高|小|少|低|快|慢)|[大快慢]多少|都(比上年)?(有)?(增长|增加|下降|减少)了?|"
    r"(有|是|为)?(多少|几)万?(辆|个(?![亿万])|家次|家|人次|人|名|台|套|项|次|件|平方米|处|所|篇|份(?!额)|张|座|条|部(?![门分])|门(?!类)|场(?!所|地)|批次)|(有|是|为)?(多少|几)个?(亿|万)元?|(定|设定?|确定)(的是|为|了)(?=多少|几)|是多少|有多少|为多少|多少钱|多大|多少|谁(家|的)*|是几|有几|几[个项家辆名人]|分别是|分别为|分别|是什么|是啥|什么|啥|"
    r"有?哪几个?[项类家款]?|有哪些|请|列出|列一下|查一下|告诉我|一下|一共|总共|合计(?=是|为|多少|[？?]|$)|加起来|加一起|加在一起|相加|各(?=是|为|多少)|之和|总和|排一下|排名|排序|从高到低|从低到高|由高到低|由低到高|"
    r"前[1-9一二三四五]名?|最多|最高|最大|最少|最低|最小|哪一?[个项类家款块笔]|按大?类(?=分别|各|花|是|$)|相差|差额|多多少|少多少|高出|多出|超出|"
    r"所占(比例|比重)|占(了)?多大的?(比例|比重|份额)?|的?(增长|下降|变化|变动|增减)幅度|排(名|在)?(第一|最后)|第一名|最后一名|倒数第一|谁|"
    r"与?之比|由哪些|(包括|包含)哪些|(?<=[\u4e00-\u9fff])的?明细(列一下|列一列|列出来)?|增长率|增幅|降幅|同比|百分之几|百分之|百分比|比例|比重|占比|几成|几倍|执行率|完成率|完成了?|情况|金额|数额|数字|"
    r"安排了?|花了|支出了|用了|万元|亿元|年度|大概|大约|大致|左右|到底|究竟|为什么|为啥|为何|什么原因|怎么回事|[？?，,。、:：；\s]"
)
_EDGES = re.compile(r"^(的|是|为|有|比|占|和|与|及|跟|里|离(?!退|休)|距离?|本?级(?!科目)|中(?![小心央国华学]))+|(的|是|为|有|了|吗|呢|呀|元|几|比|占|差|多|少|省|高|低|倍|花|哪|年|更|各|都|快|慢|大|增长|下降|增加|减少|预计|在里|(?<!偿)还|涨|降|之间|相比|相较|对比|组成|和|与|方面|这块|那块|(?<=费)(付|拨|缴|交))+$")


# Words that ask for the total of the items named before them ("A和B加起来", "A、B、C合计")
TOTAL_WORDS = r"加起来|加一起|加在一起|相加|合计|一共|总共|之和|共计"

# "（含非财政拨款资金）": every fund's figure, so no fund is named (its words never score for 财政拨款)
ALL_FUNDS = re.compile(r"[（(]?(含|包括)非财政拨款(资金|收入|部分)?[)）]?")
# What a question leaves out: "除了行政运行", "不含附中" (not the item, and rows a breakdown skips)
LEFT_OUT = re.compile(r"(?:除了?|除去|不含|不包括|不靠|不算)([^，,、（(的]{2,12}?)(?:以外|之外|外)?(?=[，,（(的]|其余|其他|剩下|$)")


# The part of a year a flow covers: 1—6月, 1至9月份, 上半年, 前三季度, 一季度. A government report on
# one year's 决算 and the next year's 1—6月 执行情况 states both; a figure for part of a year never answers
# for the whole year, nor the reverse.
PERIOD = re.compile(r"(?<![\d.])(1|一)\s*[-—–~至到]\s*(1[01]|[2-9]|十一|十|[二三四五六七八九])\s*月份?|([上下])半年|"
                    r"前([一二三])季度|第?([一二三])季度")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11}


def period_of(text: str) -> str:
    """The part of a year ``text`` names, as months ("1-6月"), or "" for none.

    >>> period_of("2024年1—6月份财政预算执行情况"), period_of("上半年全市收入"), period_of("前三季度"), period_of("全年")
    ('1-6月', '1-6月', '1-9月', '')
    >>> period_of("一季度"), period_of("2024年1-12月"), period_of("下半年")
    ('1-3月', '', '7-12月')
    """
    m = PERIOD.search(text)
    if not m:
        return ""
    if m.group(2):
        end = int(m.group(2)) if m.group(2).isdigit() else _NUMERALS[m.group(2)]
        return f"1-{end}月" if end < 12 else ""
    if m.group(3):
        return "1-6月" if m.group(3) == "上" else "7-12月"
    quarters = _NUMERALS[m.group(4) or m.group(5)]
    return f"1-{3 * quarters}月" if m.group(4) else f"{3 * quarters - 2}-{3 * quarters}月"


# Asking what money is for ("是干什么用的", "用途是什么", "用在哪些方面"): a narrative ask beside the figure
USE_ASK = re.compile(r"(是|主要)?(用来)?(干什么|做什么|干嘛)(用)?的?|(主要)?用途(是什么|是啥)?|(主要)?用(在|于)了?(哪些?|什么)(地方|方面|领域)?|"
                     r"(是)?(怎么|如何|怎样)(分配|安排|使用)的?")


# Items that stand for a table's total: "部门收入是多少" is the income side's 合计, "预算总盘子" the 收支总计.
WHOLE_ITEMS = {"收入": "收入合计", "支出": "支出合计", "总盘子": "收支总计", "盘子": "收支总计", "总预算": "收支总计",
                "收支总预算": "收支总计", "总规模": "收支总计", "总额": "收支总计", "预算总额": "收支总计",
               "总支出": "支出合计", "支出总额": "支出合计", "总收入": "收入合计", "收入总额": "收入合计",
               "收入支出总计": "收支总计", "收入支出总额": "收支总计", "收入和支出总计": "收支总计", "收支总额": "收支总计",
               "合计数": "合计", "总计数": "总计",
               "全部支出": "支出合计", "全部收入": "收入合计", "所有支出": "支出合计", "支出总数": "支出合计"}


def wanted_unit(question: str) -> str | None:
    """The unit the answer should be in.

    >>> wanted_unit("花了多少元？"), wanted_unit("多少万元"), wanted_unit("完成了年初预算的百分之几"), wanted_unit("有几辆公车")
    ('元', '万元', '%', '辆')
    >>> wanted_unit("是硚口区的几倍"), wanted_unit("换成亿元"), wanted_unit("单价100万元以上的设备有多少台")
    ('倍', '亿元', '台')
    >>> wanted_unit("单价20万元（含）以上的设备有几台（套）")
    '台（套）'
    >>> wanted_unit("全年净增了多少万家中小企业"), wanted_unit("惠及多少万人次")
    ('万家', '万人次')
    """
    question = re.sub(r"\d+(\.\d+)?\s*(万元|亿元|元|万|亿)\s*([（(]含[)）])?\s*(及?以上|以下|以内)", "", question)  # a threshold, not the unit
    for unit, pattern in UNIT_RULES:
        found = re.search(pattern, question)
        if found and unit == "万":  # the count's own unit after 万
            return "万" + re.match(r"人次|平方米|.", question[found.end():]).group()
        if found:
            return unit
    return None


# Conditions on a 科目's 决算 against its 年初预算 ("有几个决算数超过了年初预算", "100%完成年初预算的有几个")
CONDITIONS = (
    ("zero_budget", r"年初预算(数)?(为|是)?(0|零)|年初(没有|无)预算|年初(未|没)安排(预算)?"),
    ("at_budget", r"(和|与|同|跟)年初预算(数)?(完全)?(一样|相同|相等|一致|持平)|100%完成|百分之百完成|完成率(为|是|达到)?100%|"
                  r"(是|为|达到)100%完成年初预算|100%完成年初预算|完成(了)?年初预算的100%|全额完成"),
    ("over_budget", r"(超过|超出|高于|大于|多于)了?年初预算|超(年初)?预算完成|完成率(超过|高于|大于)100%"),
    ("under_budget", r"(没|未|没有)(能)?完成年初预算|(低于|少于|小于)年初预算|完成率(低于|不到|不足)100%"),
)


_THRESHOLD = re.compile(r"(超过|高于|大于|多于|不少于|不低于|在)\s*(\d+(?:\.\d+)?)\s*(亿元|万元|元|亿|万)(以上)?")


def condition_of(question: str) -> str:
    """The condition a count or list of 科目 keeps them by, or "".

    >>> condition_of("9个项级科目中，有几个决算数超过了年初预算？"), condition_of("有几个是100%完成年初预算的？")
    ('over_budget', 'at_budget')
    >>> condition_of("年初预算为0、靠年中追加才有支出的项级科目一共有几个？"), condition_of("三公经费是多少")
    ('zero_budget', '')
    >>> condition_of("有几个区分到超过20亿元？")
    'above 20 亿元'
    """
    over = _THRESHOLD.search(question)
    if over and (over.group(1) != "在" or over.group(4)):
        unit = {"亿": "亿元", "万": "万元"}.get(over.group(3), over.group(3))
        return f"above {over.group(2)} {unit}"  # "有几个区分到超过20亿元": the members above that amount
    return next((name for name, pattern in CONDITIONS if re.search(pattern, question)), "")


def operation_of(question: str) -> str:
    """What to compute (see :data:`qa.understand.plan.OPERATIONS`).

    >>> [operation_of(q) for q in ("三公经费是多少", "决算完成了年初预算的百分之几", "比上年增长了百分之多少",
    ...     "是硚口区的几倍", "占经信局的百分之几", "占比多少", "两家相差多少", "两家合计是多少", "有几个项级科目",
    ...     "哪一项最多", "分别是多少", "本年支出决算数，是2024年部门预算中本年支出预算的百分之几")]
    ['value', 'execution', 'growth', 'multiple', 'ratio', 'share', 'diff', 'sum', 'count', 'rank', 'list', 'execution']
    """
    names_one = re.search(r"哪[一个类款项些]?.{0,12}(最多|最大|最高|最少|最小|最低)|(最多|最大|最高|最少|最小|最低)的?(是|为)?哪", question)
    if names_one and re.search(r"占.{0,10}(比例|比重|多少|百分之|几成)|占比|完成(了)?(年初)?预算(的)?(比例|比重|百分比)|完成率|执行率", question):
        return "rank"  # "哪一类最多？占多大比重？", "完成年初预算比例最低的是哪一项": a ranking that names one
    for operation, pattern in OPERATION_RULES:
        if re.search(pattern, question):
            if operation == "diff" and re.search(r"(比|较|与)(上年|去年|上一年|上年度)", question) \
                    and not re.search(r"哪一?[个块项类]|谁", question):
                return "value"  # "比上年多了多少": the change the document states (not "都比上年增长了，哪个快？")
            if operation == "rank" and re.search(r"(加起来|合计|一共|总共|共计|之和)[^，,。？?]{0,6}多少", question) \
                    and not re.search(r"(最多|最高|最大|最少|最低|最小)的?[^，,。？?]{0,8}(是)?多少", question):
                continue  # "三项加起来多少？哪项最多？": the number asked is the total; which one is largest is a name
            if operation == "sum" and re.search(r"哪几|各(是|为)?多少|分别|都有哪些|哪些", question):
                return "list"  # "下面有哪几个款，各多少，合计多少": the rows, with their total
            if operation == "sum" and not re.search(r"和|与|及|连同|\+|[两三四五六七八九十几][家个项类款笔年]|各|、|”“|加上|所有|全部|"
                                                    r"20\d\d\s*年?\s*(到|至|-|—|~)", question):
                continue  # a total of one thing is a value, not a sum of several
            return operation
    return "value"


def measure_of(text: str) -> str:
    """The column a phrase names (年初预算, 全年预算, 决算数, 预算数, 上年数) or ''.

    >>> measure_of("2024年决算"), measure_of("年初预算"), measure_of("一般公共预算财政拨款支出")
    ('决算数', '年初预算', '')
    """
    text = re.sub(r"一般公共预算|政府性基金预算|国有资本经营预算|预算稳定调节基金|预算单位|部门预算|单位预算|预算公开|预算绩效", "", text)
    return next((m for m, pattern in MEASURES if re.search(pattern, text)), "")


def measures_in(text: str) -> list[str]:
    """The columns a phrase names, in the order it names them; each stretch of
    text names one column (年初部门预算 is 年初预算, not also 预算数).

    >>> measures_in("年初部门预算安排了多少、决算实际花了多少"), measures_in("决算数比年初预算多多少")
    (['年初预算', '决算数'], ['决算数', '年初预算'])
    >>> measures_in("一般公共预算财政拨款支出")
    []
    """
    text = re.sub(r"一般公共预算|政府性基金预算|预算稳定调节基金", lambda m: "\x00" * len(m.group()), text)
    found: list[tuple[int, str]] = []
    for measure, pattern in MEASURES:
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
    >>> item_of("一般公共预算财政拨款支出完成了年初预算的百分之几"), item_of("那2018年这一项是多少？")
    ('一般公共预算财政拨款支出', '')
    >>> item_of("2025年提前批专项债，龙岗区分到多少亿？")
    '提前批专项债龙岗区'
    >>> item_of("社保基金分险种看，哪个险种年末滚存结余最多？"), item_of("专项转移支付里哪个领域钱最多")
    ('社保基金年末滚存结余', '专项转移支付')
    >>> item_of("提前批专项债转贷给区级的部分里，超过20亿元的区有几个？"), item_of("转贷区级里超过20亿元的区有几个")
    ('提前批专项债转贷', '转贷')
    >>> item_of("2019年度工会经费部门预算数是多少万元？"), item_of("“津贴补贴”一项安排了多少元？")
    ('工会经费', '津贴补贴')
    >>> item_of("国内公务接待，接待了几个来访团组？")
    '国内公务接待接待来访团组'
    >>> item_of("招商引资（项）支出是多少？"), item_of("一般公共服务（类）支出是多少")
    ('招商引资（项）', '一般公共服务（类）支出')
    >>> item_of("其中公车运行费按元算是多少？"), item_of("项目绩效自评拿了多少分")
    ('公车运行费', '项目绩效自评分')

    """
    text = re.sub(r"^(请把|请将|把|将)(?=.{2})", "", text)  # "把X和Y加在一起": the items, not the verb
    text = re.sub(r"[，,（(]?(保留|精确到)[一二两三四\d]位小数[)）]?|[，,（(]?四舍五入[)）]?", "", text)  # the precision, not the item
    text = re.sub(r"^(那么|那|其中|里面的?|里头的?|它的|它|该单位的?|他们的?|这家单位的?|换成|改成|再(?!融资|生|就业|贷款|担保)|说(?!明)|提到)", "", text)
    text = re.sub(r"^[\u4e00-\u9fff\d]{0,14}(?<!同|及|实|按|临|当)(时|的时候)[，,]", "", text)  # "编预算时，": when, not what
    text = re.sub(r"(一共|总共|共)?(出去|派出|去|派)了(?=[几多\d]|团组|批|人)", "", text)  # "去了几个团组": the 团组
    text = re.sub(r"(这|那|该|此|同)一?(项|块|个数字?|笔钱?|个科目|个项目)(?!目)|(?<=[”\"」』])\s*[一两二三四五六七八九十]?(项|栏|行|块|类)(?![目级])", "", text)  # "“津贴补贴”一项"
    text = re.sub(r"[（(]\s*(%|％|百分比|万元|亿元|元)\s*[)）]", "", text)  # "增长多少（%）": the unit, not the item
    text = re.sub(r"(多少|几)个?百分点|个?百分点$", "", text)  # "相差多少个百分点": the unit of a gap between rates
    text = re.sub(r"[（(](不含|不包含|不包括)[^（()）]{1,12}[)）]|^单独(的|列出的)?|(自己|本身|自身)的?", "", text)  # what is left out (read by the linker), not the item
    # "包含几个项级科目", "分成了几个项", "下列示的项级科目": the rows under the 科目 named
    text = re.sub(r"(?<=[\u4e00-\u9fff)）])(包含|包括|所含|分成了?|分为|下设|下列示的|列示的)(?=[几多哪]|的?(项|款|类)级|(项|款|类)[？?，,]|$)", "下", text)  # "那2018年这一项呢": the item before
    gloss = re.search(r"(?<=钱|用|支|销|分|块|笔|费)[（(]([\u4e00-\u9fff“”]{3,24}?(费|支出|经费|收入|资金|补贴|补助))[)）]", text)
    gloss = gloss if gloss and re.search(r"(钱|费用|开支|开销|花销|部分|那块|这块|那笔|这笔)$", text[: gloss.start()]) else None
    if gloss and not re.fullmatch(r"[（(](项|类|款)[)）]", gloss.group(0)):
        return item_of(gloss.group(1))  # "买公车的钱（公务用车购置费）": the document's name the user glossed
    text = re.sub(r"(市级|区级|县级|省级|全市|全省|市本级|本级)[（(][^（）()]{2,20}[)）]", r"\1", text)  # "市级（市本级加四个开发区）": the level
    text = re.sub(r"^[（(][\u4e00-\u9fff]{2,4}[区市县省][)）]的?", "", text)  # "商务委员会（普陀区）的": the body's place
    text = ALL_FUNDS.sub("", text)  # every fund's figure: no fund named
    text = re.sub(r"([（(](?:项|类|款)[)）])\s*支出(?=\s*(决算|预算))", r"\1", text)  # "招商引资（项）支出决算": 支出决算 is the column
    text = re.sub(r"([（(](?:项|款)[)）])\s*支出(?=\s*($|[是为有多花，,？?的]))", r"\1", text)  # "招商引资（项）支出是多少": the 科目's figure
    text = re.sub(r"(去年|今年|上年|前年|明年)(?=\s*[（(]?\s*20\d\d)", "", text)  # "去年（2024年）": the year says it
    text = re.sub(r"(上一年度?|去年|前一年|第二年|下一年度?|次年|后一年|^(这|那|同|当)?一年(?!度?预算|度?决算)|^(这|那|同|当)年(?!度?预算|度?决算))的?", "", text)  # a year relative to the one asked
    text = re.sub(r"钱(?=最|多少)|(最[多少高低大小]的)?[两二三四五六七八九十\d]+(项|个|类|笔|块)(是什么|是哪些|有哪些)?[？?]?$", "", text)  # "钱最多的三项"
    text = re.sub(r"(?:给|为|向)([\u4e00-\u9fff]{2,8}?)(?=安排|花|投入|拨)", r"\1", text)  # "给科技安排了多少": 科技
    text = re.sub(r"^(我?想|我要)?了解一下?.{0,12}?的?情况[，,]?|折合|约合|换算成?|(换成|改成|折算成?|转换成?)(?=元|万元|亿元)|呢(?=[？?，,。])|"
                  r"[，,。]?(请)?(按|以|用)(元|万元|亿元)(为单位)?(给我|计算?|算|表示|来算|显示|来说|说|回答|答)?[。.]?|(?<=[\u4e00-\u9fff]{2})(?:拿|打|获)了?(?=(?:多少|几)分)", "",
                  USE_ASK.sub("", text))  # "按元算", "拿了多少分": the unit and the verb, not the item
    text = re.sub(r"(多|少|涨|降|增加|减少|增长|下降)?了?[一二三四五六七八九十两几]+[十百千]?多?[万亿]多?元?|[一二三四五六七八九]成多?", "",
                  text)  # a figure quoted in words ("多了一千多万", "涨了九成")
    text = re.sub(r"[，,]?按[^，,。？?]{0,16}?(表|口径)(里|中|上)?的?[^，,。？?]{0,6}?(比较|相比|来比|比|来算|算|计算|来看|看)?(?=[，,]|$)",
                  "", text)  # "按两年部门预算表里的预算数比": the basis of the comparison, not the item
    text = re.sub(r"(有)?(分到|拿到|获得|得到)?(超过|高于|大于|多于|不少于|不低于)\s*\d+(?:\.\d+)?\s*(亿元|万元|元|亿|万)(以上)?"
                  r"(的(区|县|市|项|个|单位|部门|项目|科目))?", "", text)  # "超过20亿元的区有几个": the condition and the members
    text = re.sub(r"(安排|预算|花|用)?(总共|一共|共|合计|总计|总数)?(是|为|有)?了?\d[\d,]*(?:\.\d+)?\s*个?(?:亿元|万元|亿|万|元)(?:多|左右)?|(?:(?<=[多少涨降加减长])|(?<=[多少涨降加减长]了))\d+(?:\.\d+)?\s*[%％]|"
                  r"(实际|已经?|当年)[只仅才]?(用掉|花掉|用了|花了|支出|执行|使用|完成)了?(?=了|多少|几|百分|占|的?比例|[？?]|$)|"
                  r"[只仅才](用掉|花掉|用了|花了)了?", "", text)  # a figure the question quotes ("当年支出，" is a noun)
    text = re.sub(r"(截至|截止|截止到|到)\s*20\d\d\s*年?\s*(\d{1,2}\s*月\s*(\d{1,2}\s*日)?(底|末)?|年底|年末|底|末)|"
                  r"现在|目前|当前|名下|现有(?=.)", "", text)  # the date of a balance or a stock
    text = re.sub(r"(?<![\d.])\d+\s*辆(公务用?)?车", "车辆", text)  # "那28辆车里": the vehicles held
    text = re.sub(r"(?<=[\u4e00-\u9fff])[，,]?其中[：:，,]?(?=[\u4e00-\u9fff])", "中", text)  # "X，其中Y": Y within X
    text = re.sub(r"(?<=收入|税收)(入库|实现|完成)(?=了|多少|有|是|[？?]|$)", "", text)  # "出让收入入库了多少": the revenue
    text = re.sub(r"(提高|提升|上调|下调|降低|增加|减少|调整|达)(到|至)了?(?=多少|几|[？?]|$)", "", text)  # "补助标准提高到了多少": the level
    text = re.sub(r"怎么(会|就)?|将近|接近|差不多|(?<=[多少])快|原本|原来|起初|最初|^(听说|据说|好像|貌似|据悉)|(?<=[\u4e00-\u9fff])又(?=压|减|砍|增|涨|多|少)|(压|砍|削)了(?=[“\"\u4e00-\u9fff]{2})|(这个|该)?(项目)?[，,]?(有)?(多少|几)?钱是(从)?|(?<=结转|结余)过来的?", "", text)  # "怎么一下子多了将近400万": the ask, not the item
    text = re.sub(r"(一下子|突然|一下)?(涨|降|增加|减少|增长|下降|多|少)了?(很多|不少|好多|许多|这么多|那么多|一大截|一倍多)", "",
                  text)  # "一下子涨了很多": the user's impression, not the item
    text = re.sub(r"(有)?(分到|拿到|获得|得到)?(超过|高于|大于|多于|不少于|不低于)$", "", text)  # "有几个区分到超过": the condition
    text = re.sub(r"(?<![偿归])还了?(?=(多少|几)?[亿万]?元?(的)?(本金|本息|债务|欠款))", "偿还", text)  # "还了多少本金": 偿还本金
    text = re.sub(r"(到|截至|截止到?)?(年底|年末)的?(实际|真实)?(?=余额|结余|结转)", "年末", text)  # "到年底实际余额": 年末余额
    text = re.sub(r"(还剩|剩下了?|剩了)(?=多少|几|$|[？?])", "年末余额", text)  # "基金还剩多少": its balance at the year's end
    text = re.sub(r"(是什么|是啥)?意思|(这|那)?(是|算)?(什么|啥)钱|(这|那)笔?钱(?=[，,？?]|$)|(里|中)?有(一)?个(?=[“\"\u4e00-\u9fff])|一下子|"
                  r"(是|真的?)+(省|节约|压减)(下来)?了?吗?", "", text)  # the ask around a term, not the term
    text = PERIOD.sub("", re.sub(r"全年(?=[^预]|$)(?!度)", "", text))  # the part of the year (or the whole) asked
    text = re.sub(r"从?20\d\d\s*年?度?\s*(到|至|-|—|~)\s*20\d\d\s*年?度?|(这|近|连续)?[两三四五六七八九十]年(来|间|的)?", "", text)
    text = re.sub(r"(相比|相较|比|较|与|同|和|跟)\s*(20\d\d\s*年度?|当年|本年|同年)的?(部门|单位)?(预算|决算)?(相比|比较|比)?", "",
                  text)  # "X比2023年增长", "决算比当年部门预算多": the comparison, not the item
    text = re.sub(r"(?<!\d)(20\d\d)(?!\d)\s*(年度|年)?(底|末)?|(年初|全年|调整后?)(部门|单位)?预算(数)?|(部门|单位)?决算数|(当年)?(预算)?执行数|(部门|单位)?预算数|安排数|上年数|实际支出|实际(?=决算)", "", text)
    text = re.sub(r"怎么样|如何|有(什么|何|多大)?变化吗?|变化(了)?(多少|多大|大吗)?|(变成|变为|变到|涨到|降到|变|达到|达)了?(?=多少|$|[？?])|"
                  r"(分到|拿到|得到|收到|领到|获得|分得|争取到)了?(?=多少|几|$|[？?])|(拆开|拆分|细分|分开)(来|了)?看?|哪一?笔|"
                  r"(最多|最高|最大)的?(和|与|跟|、|以及)(最少|最低|最小)的?|哪个(区|县|市|城市|单位|部门)|"
                  r"(?:分|按)(项级|款级|类级)?(险种|领域|行业|地区|区县|科目|类别|用途|项目|来源|部分|方向)(来|分)?看?|按分(?=[哪，,]|$)|(?:按照?|分)(?:[\u4e00-\u9fff]{0,4}?)(类型|种类|类别|险种|领域|行业|地区|区县|用途|来源|级次)(?:来看|看|划分|分)?(?:呢|(?=[，,？?]|$))|哪(个|一个|一|类)(险种|领域|行业|地区|类别|方向|方面)|哪(种|一种|类|一类)(用途|类型|性质|功能)?的?|"
                  r"具体到[^，,。？?]*?(这一?级|一级|层级|级别)的?[\u4e00-\u9fff]{0,4}?(科目|项目|费用)|(这|那)一?级的?|"
                  r"(?<=[\u4e00-\u9fff])给了?(?=多少|几|$|[？?])|^(只看|单看|光看|仅看|只说)|的?时候(?=$|[？?呢])|"
                  r"[（(][^（）()]*口径[^（）()]*[)）]|[（(](含|包括|包含)[^（）()]*[)）]|(?<=[\u4e00-\u9fff)）])合(?=多少|几)|"
                  r"(?<=[\u4e00-\u9fff]{2})(相当于|等于)了?(?=$|[？?，,的]|年初|全年|调整|预算)|还?(有|剩|差)?(多少|多大|几)?的?(空间|余地|富余)|(里|中|上)?(写的|写着|说的|报的|记的|载明的?)(是)?|"
                  r"(上级|中央|省里?|省级)(给|对|下达给?|拨付给?|补助给?)的?(?=[\u4e00-\u9fff]*转移支付)|"
                  r"(?<=[\u4e00-\u9fff]{2})的?(额度|规模|数额)(?=$|[？?，,里中])|"
                  r"(?<=[\u4e00-\u9fff]{2})(里|中)的?(各?项目|各项)(中|里)?(?=$|[？?，,])|"
                  r"(?<=[局院委办厅])本部|^本部", "", text)  # "那司法局本部单位预算里的呢": the unit's own document, no item
    text = re.sub(r"(比|较|与|同|和|跟)(上年|去年|上一年|上年度)(同期)?(相比|比较|比)?|(多|少|超|增加|减少|增长|下降|压减|压缩|削减|降低|缩减)了", "", text)
    text = re.sub(r"(部门|单位)(?=预算|决算)|^(本?部门|本?单位)(?=收入|支出)", "", text)  # the document's scope, not the item
    text = re.sub(r"(这|那|以上|上述|[\u4e00-\u9fff]{2}省?(?=[两二三四五六七八九十几]+个?(省级|市级|区级)))?"
                  r"[两二三四五六七八九十几]+(家|个单位|个部门|个?城市|个?市|个区|区|所|个?(省级|市级|区级)(部门|单位))"
                  r"(单位|部门|高校)?(中(?!小)|里|之中|当中)?", "", text)  # the set asked over ("江苏五个省级部门")
    text = re.sub(r"(预算|决算)?公开(文件|材料)?(里|中|上)?的?", "", text)  # where it is published, not the item
    text = LEFT_OUT.sub("", text)  # what is left out
    # the set of projects asked over ("后附的几个项目绩效目标表里", "做绩效自评的6个一级项目里"): each project's table
    text = re.sub(r"(后附的?|附的|上了|列入)?[的那这几个\d一二三四五六七八九十级]*项目(绩效目标表|绩效自评表?|绩效目标)"
                  r"(的?[那这]?(几|\d+|[一二三四五六七八九十]+)个(一级)?项目(里|中|之中)?|[的那这几个\d一二三四五六七八九十级]*(里|中|之中))"
                  r"|(做了?|开展了?|报了?|填报了?|上了?|编了?)?(绩效自评|绩效目标)的?[那这]?(几|\d+|[一二三四五六七八九十]+)个?(一级)?项目(里|中|之中)?"
                  r"|(哪个|哪一?个)项目|的?是(哪个|哪一?个)?项目$", "", text)
    # "一般公共服务支出（类）下的行政运行": the row under the 科目 named (its part, as "X中的Y")
    text = re.sub(r"(支出|事务|科目|经费|[)）])\s*下(?:面的|面|的|属的?)?(?![降达拨年半])(?=[\u4e00-\u9fff“\"]{2})", r"\1中的", text)
    # the members of a list asked over: "列出的主要项目中哪一项", "转贷给区级的那部分，哪个区分得最多", "几个组成部分里"
    text = re.sub(r"(列出来|列出|列明|所列|点名|提到|提及)的?|(报告|文件|文中)(?=[列点提])|(的|里的?|中的?)?(主要项目|各项目|组成部分|那一?部分|各部分|(?<=[给到区县])的部分)(中|里|之中)?|"
                  r"[几多]个(?=组成)|[分花拿用]得(?=最|更|多|少|$|[？?，,])", "", text)
    quoted = re.findall(r"“[^”]{4,30}”", text)  # a name in quotes keeps its words ("“市级支持总部经济”")
    for i, name in enumerate(quoted):
        text = text.replace(name, f"\x10{i}\x10", 1)
    text = re.sub(f"各?(?:{'|'.join(LEVELS)})(?!部门)", "", level_text(text))  # the level of government, not the item
    for i, name in enumerate(quoted):
        text = text.replace(f"\x10{i}\x10", name, 1)
    text = re.sub(r"(?<!一般公共)(?<!政府性基金)(?<!国有资本经营)(?<!财政拨款)(预算|决算)(?!财政拨款|单位|稳定调节)", "", text)
    text = re.sub(r"[“”\"]|[（(][\s、，,]*[)）]", "", text)  # quotes, and brackets emptied by the steps above
    text = _EDGES.sub("", _QUESTION_WORDS.sub("", text))
    text = re.sub(r"^本部|(里|中)的?$|^(表|表格)(里|中)的?", "", text)  # "本部单位预算里的": a container with nothing named in it
    text = re.sub(r"(增长|增速|增幅|涨|下降|降幅|减少|降)得?(最快|最大|最多|最高)$", "", text)  # the ranking, not the item
    text = re.sub(r"(?<=[\u4e00-\u9fff]{2})(里|中)的?(各?项目|各项|各?科目|费用科目|费用|(重点|主要)(支出|项目))$", "", text)  # "一般性转移支付里的项目": its parts
    text = re.sub(r"给?各(区|县)(?=$|的)", r"\1级", text)  # "转贷给各区": the 区级 whole, whose parts are the districts
    text = re.sub(r"(?<=[\u4e00-\u9fff]{2})类$", "", text)  # "工程类": the 工程 category
    text = re.sub(r"^(本?部门|本?单位)(?=收入|支出)", "", text)  # also once years and lists are gone ("2023、2024年的部门收入")
    text = re.sub(r"^(光|仅仅?|只|单单)(?![伏电纤谷明荣华大辉])(?=[\u4e00-\u9fff]{3})", "", text)  # "光公务用车购置费": only that item
    text = re.sub(r"(?<=[\u4e00-\u9fff]{2})了(?!解)(?=[\u4e00-\u9fff]{2})", "", text)  # "接待了来访团组": no name says 了
    text = re.sub(r"(?<=[\u4e00-\u9fff]{2})(给|到)?的?(那一?)?部分(里|中|之中)?$", "", text)  # "转贷给区级的部分里": the whole
    return full_class_name(text)



# "X（款）下面", "“政协事务”这个款下", "X（20805）下有", "X包含", "X里各项": the row whose children are asked for
_UNDER = re.compile(r"([^，,。？?；;：:]{2,40}?)\s*(?:[（(](?:\d{3,9}|类|款|项)[)）])?\s*(?:这个|这一|该)?(?:类|款|项)?\s*"
                    r"(?:[（(](?:\d{3,9}|类|款|项)[)）])?\s*(?:下面|下属|下设|下的|(?<!一)下(?![降达拨年半])|(?<!的)(?=各[项款类](?!目))|里面|里头|里|之中|"
                    r"中(?![小心央国华学])|包含|包括|所含|分成|分为|由(?=.{0,8}组成))")
_LEVEL_ASKED = re.compile(r"(?<![一二三四五六七八九十两几哪每\d])[“\"]?(类|款|(?<!各)项)[”\"]?(?=级|科目|组成|分别|是|为|[？?，,]|$)|按[“\"]?(类|款|项)[”\"]?|"
                          r"(?<=哪个|哪一)(类|款)")  # "哪个款金额最低": the 款 rows


def breakdown(question: str) -> tuple[str, str, tuple[str, ...]]:
    """(the row whose children are asked for, the level 类/款/项 asked, rows left out) of a
    list, rank or count question over a 科目 (功能分类 类/款/项); "" where the question names none.

    >>> breakdown("司法（20406）款下哪个项级科目预算最多？")
    ('司法', '项', ())
    >>> breakdown("财政拨款支出预算表里，“政协事务”这个款下面一共有几个项级科目？各是多少？")
    ('政协事务', '项', ())
    >>> breakdown("法院（款）下面，除了行政运行，哪一项的预算最多？")
    ('法院', '', ('行政运行',))
    >>> breakdown("社会保障和就业支出包含几个项级科目？"), breakdown("一般公共预算财政拨款支出按“类”分别是多少？")
    (('社会保障和就业支出', '项', ()), ('', '类', ()))
    >>> breakdown("一般公共服务支出里面哪个款金额最低？")
    ('一般公共服务支出', '款', ())
    >>> breakdown("办公厅2019年功能科目“人大事务”款下面一共列了几个项级科目？")
    ('人大事务', '项', ())
    >>> breakdown("一般公共服务支出下面各款分别是多少？"), breakdown("金融支出由哪两个款组成？"), breakdown("商品和服务支出里前三项")
    (('一般公共服务支出', '款', ()), ('金融支出', '款', ()), ('商品和服务支出', '', ()))
    """
    unders = [m for m in _UNDER.finditer(question)
              if not re.search(r"(表|表格|预算|决算|文件|报告)$", m.group(1).strip(" “”\""))
              and not re.fullmatch(r"的?各?(项|款|类|个)?(级科目)?", m.group(1).strip(" “”\""))]  # "各项里": no row named
    under = ""
    if unders:
        under = re.sub(r"[“”\"]|^(其中|在|把|将|请?列出|列举)|^.{0,12}?(功能|经济)(分类)?(科目)?(?=.{2})", "", unders[-1].group(1)).strip()
        under = re.sub(r"[（(](?:\d{3,9}|类|款|项)[)）]|(这个|这一|该)?(类|款|项)$|20\d\d\s*年度?", "", under).strip()
        under = re.sub(r"的?各(项|款|类|个)?$|的?(项级|款级|类级)科目$|的$", "", under)  # "X的各项里": X
    rest = question[unders[-1].end():] if unders else question
    level = _LEVEL_ASKED.search(rest) or (_LEVEL_ASKED.search(unders[-1].group(1)) if unders else None)
    return under, (level.group(1) or level.group(2) or level.group(3)) if level else "", tuple(m.group(1) for m in LEFT_OUT.finditer(question))
