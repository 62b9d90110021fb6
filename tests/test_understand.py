"""Question understanding: normalisation, the typed plan, follow-up edits,
near-miss organisations and blank cells (issue 9, ../shared/cases 10, 11, 19)."""

from __future__ import annotations

import json

import pytest

from qa import Assistant
from qa.scope import near_misses, organisation_mentions, unknown_organisations
from qa.understand import normalize, parse

from .test_route import CATALOG

ORGS = sorted({o for o, _, _ in CATALOG})


@pytest.mark.parametrize("typed,read", [
    ("中小企业中心２０２６年住房公积金是多少？", "中小企业中心2026年住房公积金是多少？"),
    ("中小企业中心二〇二六年住房公积金是多少？", "中小企业中心2026年住房公积金是多少？"),
    ("中小企业中心二零二五年住房公积金支出多少？", "中小企业中心2025年住房公积金支出多少？"),
    ("26年的三公经费", "2026年的三公经费"),
    ("请问一下，经信局三公经费大概是多少", "经信局三公经费是多少"),
    ("预算有两千万元吗", "预算有20000000元吗"),
    ("占百分之十二点五", "占12.5%"),
    ("三公经费前三项", "三公经费前三项"),  # numerals inside terms stay
])
def test_normalisation(typed, read):
    assert normalize(typed) == read


@pytest.mark.parametrize("question,op,n,by", [
    ("经信局2024年三公经费是多少？", "value", 1, ""),
    ("中小企业中心2024年三公经费决算比预算省了多少？", "diff", 2, "measures"),
    ("中小企业中心和硚口区企业服务中心2024年住房公积金合计是多少？", "sum", 2, "organisations"),
    ("中小企业中心2024年的三公经费是硚口区企业服务中心的几倍？", "multiple", 2, "organisations"),
    ("中小企业中心的三公经费占经信局的百分之几？", "ratio", 2, "organisations"),
    ("中小企业中心2024年住房公积金占比多少？", "share", 1, ""),
    ("经信局2024年一般公共预算财政拨款支出完成了年初预算的百分之几？", "execution", 1, ""),
    ("中小企业中心住房公积金2026年比2024年增长了百分之多少？", "growth", 2, "years"),
    ("各单位2024年三公经费从高到低排一下", "rank", 4, "organisations"),
    ("经信局2024年基本支出里哪一项最多？", "rank", 1, "items"),
    ("经信局2024年支出表有几个项级科目？", "count", 1, "items"),
])
def test_operations(question, op, n, by):
    plan = parse(question, CATALOG)
    assert (plan.op, len(plan.operands), plan.by) == (op, n, by), plan.describe()


def test_rank_reads_k_and_order():
    plan = parse("经信局2024年基本支出最低的三项是哪些？", CATALOG)
    assert (plan.op, plan.k, plan.descending) == ("rank", 3, False)


def _user(*turns):
    return [{"role": "user", "content": t} for t in turns]


def test_follow_up_edits_carry_over_three_turns():
    history = _user("中小企业中心2024年住房公积金支出多少？", "那2026年呢？", "换成元")
    plan = parse("那硚口区企业服务中心呢？", CATALOG, history)
    sel = plan.operands[0]
    assert plan.follow_up and sel.organisations == ("武汉市硚口区企业服务中心",)
    assert "住房公积金" in sel.item and plan.unit == "元"


@pytest.mark.parametrize("history,question,check", [
    (_user("中小企业中心2024年三公经费花了多少？"), "其中公务接待费呢？", lambda p: p.operands[0].item == "三公经费中的公务接待费"),
    (_user("中小企业中心2024年住房公积金支出多少？"), "占比呢？", lambda p: p.op == "share" and p.unit == "%"),
    (_user("中小企业中心2024年住房公积金支出多少？"), "换成亿元", lambda p: p.op == "value" and p.unit == "亿元"),
    (_user("中小企业中心2026年住房公积金预算多少？"), "比2024年多了多少？",
     lambda p: p.op == "diff" and [s.years for s in p.operands] == [(2026,), (2024,)]),
    (_user("中小企业中心2024年三公经费花了多少？"), "为什么？", lambda p: p.op == "narrative" and "三公" in p.query),
])
def test_follow_up_edits(history, question, check):
    plan = parse(question, CATALOG, history)
    assert check(plan), plan.describe()


CITIES = [("合肥市", 2024, "决算"), ("长沙市", 2024, "决算"), ("西南大学", 2024, "预算"), ("江苏省政协办公厅", 2018, "预算"),
          ("江苏省政协办公厅", 2019, "预算"), *CATALOG]


@pytest.mark.parametrize("history,question,check", [
    # a two-character place alone before 呢 is the organisation
    (_user("合肥2024年全市一般公共预算收入是多少？"), "那长沙呢？",
     lambda p: p.operands[0].organisations == ("长沙市",) and p.operands[0].item == "一般公共预算收入"),
    # "这一项", "这个数" point back at the item
    (_user("江苏省政协办公厅2019年政协会议（项）预算多少？"), "那2018年这一项是多少？",
     lambda p: p.operands[0].years == (2018,) and "政协会议" in p.operands[0].item),
    (_user("中小企业中心2024年住房公积金支出多少？"), "2026年这个数变成多少了？",
     lambda p: p.operands[0].years == (2026,) and p.operands[0].item == "住房公积金支出"),
    # a source of funds is a column of the item, not a part of it
    (_user("西南大学2024年预算住房公积金是多少？"), "其中财政拨款安排的呢？",
     lambda p: p.operands[0].item == "财政拨款的住房公积金"),
    # two years named in the turn: both operands, the item carried
    (_user("中小企业中心2024年住房公积金支出多少？"), "2026年是2024年的几倍？",
     lambda p: p.op == "multiple" and [s.years for s in p.operands] == [(2026,), (2024,)]
     and all(s.item == "住房公积金支出" for s in p.operands)),
    # a rate after "那2026年呢": the year asked last against the one before it
    (_user("中小企业中心2024年基本支出决算多少？", "那2026年预算呢？"), "增长了百分之几？",
     lambda p: p.op == "growth" and [s.years for s in p.operands] == [(2026,), (2024,)]),
    # "和2025年比呢": a difference by years; "跟上年比呢": the stated change
    (_user("中小企业中心2026年三公经费预算是多少？"), "和2025年比呢？",
     lambda p: p.op == "diff" and [s.years for s in p.operands] == [(2026,), (2025,)]),
    (_user("中小企业中心2026年三公经费预算是多少？"), "跟上年比呢？", lambda p: p.op == "diff" and len(p.operands) == 1),
    # the actual after a budget question: the 决算 side, the stage not carried
    (_user("中小企业中心2024年“创业创新运行保障支出”项目预算是多少？"), "实际执行了多少？",
     lambda p: p.operands[0].measure == "决算数" and p.operands[0].stages == ()),
])
def test_follow_up_edits_over_any_document(history, question, check):
    plan = parse(question, CITIES, history)
    assert check(plan), plan.describe()


@pytest.mark.parametrize("question,miss", [
    ("汉阳区企业服务中心2024年三公经费是多少", "汉阳区企业服务中心"),
    ("武汉市江汉区企业服务中心2024年决算支出是多少", "江汉区企业服务中心"),
    ("上海市经济和信息化局2024年三公经费", "上海市经济和信息化局"),
])
def test_near_miss_organisations(question, miss):
    assert near_misses(question, ORGS) == [miss]


@pytest.mark.parametrize("question", [
    "江苏省人大常委会办公厅2019年代表工作部门预算是多少？",  # 工作部|门: a mention never ends inside a word
    "上海市普陀区规划和自然资源局2024年决算城乡社区规划与管理和委托业务费合计是多少？",  # 城乡社区 is no place
    "请问江苏省政协办公厅2019年度政协会议部门预算数是多少万元？",  # 政协会议 names no 协会
])
def test_item_words_are_not_unknown_organisations(question):
    orgs = ["江苏省人大常委会办公厅", "上海市普陀区规划和自然资源局", "江苏省政协办公厅", "中共上海市普陀区委社会工作部"]
    assert near_misses(question, orgs) == [] and unknown_organisations(question, orgs) == []
    assert len(organisation_mentions(question, orgs)) == 1


def test_known_organisations_are_not_near_misses():
    assert near_misses("中小企业中心和硚口区企业服务中心2024年的住房公积金", ORGS) == []
    assert near_misses("武汉市经信局2024年三公经费", ORGS) == []


@pytest.fixture(scope="module")
def bot(seed_index):
    return Assistant.open(seed_index)


@pytest.mark.parametrize("question,value", [
    ("中小企业中心２０２６年住房公积金是多少？", 73.31),  # case 10
    ("中小企业中心二〇二六年住房公积金是多少？", 73.31),  # case 11
    ("中小企业中心二零二六年住房公积金是多少？", 73.31),
])
def test_normalised_years_pick_the_right_document(bot, question, value):
    answer = bot.ask(question)
    assert answer.value == value and answer.citations[0].doc == "001_22ce73ebe3650ec1.txt"


@pytest.mark.parametrize("question", ["中小企业中心２０２５年住房公积金支出多少？", "中小企业中心二〇二五年住房公积金支出多少？"])
def test_a_year_no_document_covers_is_read_from_the_next_year_s_stated_change(bot, question):
    """No 2025 document: the 2026 预算 states 73.31万元, 比2025年预算增加2.01万元 — the 2025 预算, labelled as derived."""
    answer = bot.ask(question)
    assert answer.value == pytest.approx(71.3) and "2025年" in answer.answer and "预算" in answer.answer
    assert "推算" in answer.answer and len(answer.citations) == 2
    actual = bot.ask("中小企业中心2025年住房公积金实际支出（决算）多少？")
    assert actual.value is None  # the 2025 budget is never served as its 决算


@pytest.mark.parametrize("question", [
    "汉阳区企业服务中心2024年三公经费是多少？",  # another district's centre
    "中小企业中心2024年政府性基金预算财政拨款收入是多少？",  # a blank cell (case 19a)
    "中小企业中心2024年公务用车购置费是多少？",  # blank; its parent row has a figure (19c)
    "中小企业中心2026年差旅费预算是多少？",  # blank in the 2026 table (19d)
])
def test_never_a_wrong_number(bot, question):
    answer = bot.ask(question)
    assert answer.answerable is False and answer.value is None, answer.answer


def test_blank_cell_with_a_stated_zero(bot):
    answer = bot.ask("中小企业中心2024年因公出国（境）费决算是多少？")  # blank in the table, 0 in the text (19b)
    assert answer.value == 0 and "空白" in answer.answer and len(answer.citations) == 2


def test_operations_answer_with_operands_and_citations(bot):
    total = bot.ask("中小企业中心和硚口区企业服务中心2024年住房公积金合计是多少？")
    assert total.value == pytest.approx(98.5) and len(total.citations) >= 2 and "+" in total.answer
    times = bot.ask("中小企业中心2024年的住房公积金是硚口区企业服务中心的几倍？")
    assert times.unit == "倍" and times.value == pytest.approx(2.1, abs=0.01) and "÷" in times.answer


def test_plan_is_in_the_json(bot):
    data = json.loads(json.dumps(bot.ask("经信局2024年三公经费是多少？").to_dict(), ensure_ascii=False))
    assert data["plan"]["op"] == "value" and data["plan"]["operands"][0]["organisations"] == ["武汉市经济和信息化局"]


@pytest.mark.parametrize("typed,name", [
    ("经信局", "武汉市经济和信息化局"),
    ("江苏高院", "江苏省高级人民法院"),
    ("省检察院", "江苏省人民检察院"),
    ("普陀区商务委", "上海市普陀区商务委员会"),
    ("万里街道", "上海市普陀区人民政府万里街道办事处"),
    ("西大", "西南大学"),
])
def test_aliases_derived_by_rule(typed, name):
    from qa.scope import find_organisations

    orgs = [name, "上海市财政局", "武汉市中小企业发展促进中心"]
    assert find_organisations(f"{typed}2024年三公经费是多少", orgs) == [name]


def test_two_character_alias_never_inside_a_word():
    from qa.scope import find_organisations

    orgs = ["江苏省人大常委会办公厅", "江苏省高级人民法院"]
    assert find_organisations("江苏高院2017年人大事务支出", orgs) == ["江苏省高级人民法院"]


def test_other_readings_of_two_items():
    plan = parse("中小企业中心2024年公诉和审判监督和社会保障和就业支出合计是多少？", CATALOG)
    readings = [tuple(s.item for s in r) for r in (plan.operands, *plan.readings)]
    assert ("公诉和审判监督", "社会保障和就业支出") in readings


def test_scope_word_selects_the_document_scope():
    plan = parse("中小企业中心2026年单位预算的住房公积金是多少？", CATALOG)
    assert plan.operands[0].scope == "单位" and plan.operands[0].item == "住房公积金"


def test_rank_over_the_children_of_a_named_subject(bot):
    answer = bot.ask("中小企业中心2024年社会保障和就业支出下的各项中哪一项最多？")
    assert answer.value is not None and "社会保障和就业支出" not in answer.answer.split("最高的是")[1][:12]
    count = bot.ask("中小企业中心2024年社会保障和就业支出下有几个项级科目？")
    assert count.unit == "个" and 1 <= count.value <= 6


def test_a_named_parent_not_in_the_tables_declines(bot):
    answer = bot.ask("中小企业中心2024年不存在的科目下的各项中哪一项最多？")
    assert answer.value is None


def test_follow_up_change_is_never_a_level(bot):
    chat = bot.conversation()
    chat.ask("中小企业中心2026年公务接待费预算是多少？")
    answer = chat.ask("比2025年少了多少？")  # the 2026 document says 与上年持平: no stated change figure
    assert answer.value != 1.0


def test_table_and_narrative_disagreeing_is_said_not_served():
    from decimal import Decimal

    from qa.link import Cell
    from qa.agreement import conflict
    from qa.slots import Slots

    def cell(source, label, value, table="支出表", flags=""):
        row = {"flags": flags, "table_id": 1 if table else None}
        return Cell(source, 1, "d", "o", 2024, "决算", 1, label, label, "决算数", Decimal(value), "万元", Decimal(value),
                    label, table=table, row=row, score=9.0)

    slots = Slots("", "", item="基本支出", target="基本支出", subject="基本支出")
    shifted = cell("table", "基本支出", "16010.35")
    said = cell("text", "基本支出", "407.62", table="")
    assert conflict(shifted, [shifted, said], slots) is said
    rounded = cell("text", "基本支出", "16010.4", table="")  # a rounding, not a disagreement
    assert conflict(shifted, [shifted, rounded], slots) is None
    backed = cell("table", "基本支出", "16010.35", table="另一张表")
    assert conflict(shifted, [shifted, said, backed], slots) is None


def test_a_long_conversation_is_read_turn_by_turn():
    history = [{"role": "user", "content": "中小企业中心2024年住房公积金支出多少？"}] * 1500  # no recursion limit
    assert parse("那差旅费呢？", CATALOG, history).operands[0].item == "差旅费"


def test_a_project_table_answers_only_for_its_project(bot):
    # 项目支出绩效目标表 repeats fund-source labels (1.一般公共预算财政拨款 36) per project: the unit's
    # 一般公共预算 total is the 合计 of the table of that name
    answer = bot.ask("中小企业发展促进中心2026年一般公共预算财政拨款支出预算是多少？")
    assert answer.value == pytest.approx(1998.08) and "合计" in answer.answer


def test_a_part_of_a_named_row_is_that_row_s_cell_or_nothing(bot):
    history = [{"role": "user", "content": "中小企业中心2026年社会保障和就业支出预算是多少？"}]
    plan = parse("其中项目支出是多少？", [("武汉市中小企业发展促进中心", 2026, "预算")], history)
    assert plan.operands[0].item == "社会保障和就业支出中的项目支出"
    answer = bot.ask("其中项目支出是多少？", history=history)  # the row's 项目支出 cell is blank
    assert answer.value != pytest.approx(248.81), answer.answer  # the row's total is not its 项目支出


def test_a_range_of_years_is_every_year_in_it():
    catalog = [("江苏省高级人民法院", y, "预算") for y in (2017, 2018, 2019)]
    total = parse("江苏省高院2017到2019三年“三公”经费预算合计多少？", catalog)
    assert total.op == "sum" and sorted(s.years[0] for s in total.operands) == [2017, 2018, 2019]
    assert {s.item for s in total.operands} == {"三公经费"} and {s.stages for s in total.operands} == {("预算",)}
    each = parse("江苏省高院2017至2019年公务接待费预算是多少？", catalog)
    assert each.op == "list" and len(each.operands) == 3  # never one year's figure for three


def test_quoted_names_in_a_row_are_a_list():
    plan = parse("洛阳的“成长贷”“科技贷”“知识产权贷”三个资金池总规模加起来有多少亿元？", [("洛阳市", 2023, "决算")])
    assert plan.op == "sum" and [s.item for s in plan.operands] == ["成长贷", "科技贷", "知识产权贷"]


def test_one_stage_named_holds_for_each_year_that_has_it():
    both = [("西南大学", 2021, "预算"), ("西南大学", 2024, "预算"), ("西南大学", 2024, "决算")]
    plan = parse("西南大学2024年财政拨款收入预算比2021年增长了百分之多少？", both)
    assert [s.stages for s in plan.operands] == [("预算",), ("预算",)]
    only_2026 = [("武汉市中小企业发展促进中心", 2024, "决算"), ("武汉市中小企业发展促进中心", 2026, "预算")]
    plan = parse("中小企业中心2026年预算比2024年多多少？", only_2026)
    assert [s.stages for s in plan.operands] == [(), ()]  # 2024 has no 预算: its figure comes from the 决算
    both_final = both + [("西南大学", 2023, "决算")]
    plan = parse("西南大学2024年财政拨款支出比2023年多了多少万元？", both_final)  # no stage named: like with like
    assert [s.stages for s in plan.operands] == [("决算",), ("决算",)]


@pytest.mark.parametrize("history,question,value", [
    ("中小企业中心2024年三公经费决算是多少？", "其中公务接待费占了多大比例？", 25.11),  # 0.56 ÷ 2.23, the whole from before
    ("经信局2024年一般公共预算财政拨款收入是多少？", "那支出呢？", 97001.61),  # the other side of the same item
])
def test_follow_up_parts_and_sides(bot, history, question, value):
    answer = bot.ask(question, history=[{"role": "user", "content": history}, {"role": "assistant", "content": "…"}])
    assert answer.value == pytest.approx(value), answer.answer


@pytest.mark.parametrize("question,value", [
    ("经信局2024年支出是多少？", 113311.47),  # 本年支出合计 of the all-funds table, not 三公经费合计 nor a column
    ("硚口区企业服务中心2024年部门收入是多少？", 365.17),
])
def test_a_bare_side_is_the_unit_s_total(bot, question, value):
    assert bot.ask(question).value == pytest.approx(value)


def test_the_largest_under_a_row_named_after_its_table(bot):
    # "基本支出的商品和服务支出里": the parent is the row 商品和服务支出 (302), the 基本支出 is its table
    answer = bot.ask("经信局2024年基本支出的商品和服务支出里，哪一项最多？")
    assert answer.value == pytest.approx(262.24) and "其他商品和服务支出" in answer.answer


def test_a_quoted_figure_and_a_spent_share_read_as_execution():
    plan = parse("示例市本级预备费2024年预算安排了8个亿，实际用掉了百分之多少？", [("示例市", 2024, "决算")])
    assert plan.op == "execution" and plan.operands[0].item == "预备费" and plan.operands[0].stages == ()


def test_the_clause_that_asks_gives_the_year():
    catalog = [("江苏省政协办公厅", 2018, "预算"), ("江苏省政协办公厅", 2019, "预算")]
    plan = parse("江苏省政协办公厅2019年提租补贴预算增加了646.57万元，那么2018年的提租补贴是多少万元？", catalog)
    assert plan.op == "value" and plan.operands[0].years == (2018,) and plan.operands[0].item == "提租补贴"


def test_two_columns_of_one_item_are_not_two_items():
    plan = parse("西南大学2024年财政拨款支出，决算数比年初部门预算多了多少万元？", [("西南大学", 2024, "决算")])
    assert plan.by == "measures" and [s.measure for s in plan.operands] == ["决算数", "年初预算"]
    assert {s.item for s in plan.operands} == {"财政拨款支出"}


@pytest.mark.parametrize("question,organisation", [
    ("2024年西大拿到的超长期特别国债资金有多少？", "西南大学"),  # a 2-character alias before a verb
    ("到2024年底，深圳各区的政府债务余额是多少？", "深圳市"),
])
def test_short_names_before_a_new_phrase(question, organisation):
    from qa.scope import find_organisations
    assert find_organisations(question, ["西南大学", "深圳市", "江苏省人大常委会办公厅"]) == [organisation]


def test_a_fund_source_named_is_never_the_all_funds_sentence():
    from qa.link import Cell
    from qa.naming import names_subject
    from qa.slots import Slots

    sentence = Cell("text", 1, "d", "o", 2018, "预算", 8, "一般公共服务（类）支出", "一般公共服务（类）支出", "", None,
                    "万元", None, "")
    assert not names_subject(sentence, Slots("", "", item="财政拨款的一般公共服务支出(类)"))
    assert names_subject(sentence, Slots("", "", item="一般公共服务支出(类)"))


def test_the_rows_of_a_level_under_a_named_class(bot):
    # "X（类）下面有哪几个款": the 款 rows coded under X, with their total when asked
    answer = bot.ask("经信局2024年社会保障和就业支出（类）下面有哪几个款，各多少，合计多少？")
    assert all(name in answer.answer for name in ("行政事业单位养老支出", "抚恤", "其他社会保障和就业支出"))
    assert answer.value == pytest.approx(1583.60)  # 1,084.80 + 454.71 + 44.09


def test_two_asks_give_both_and_the_first_figure(bot):
    answer = bot.ask("经信局2024年三公经费决算是多少？比全年预算少了多少？")
    assert answer.value == pytest.approx(69.55) and "0.52" in answer.answer, answer.answer  # 70.07 − 69.55


def test_a_city_s_counties_and_districts_are_one_level():
    from qa.scope import level_of
    plan = parse("截至2023年底，洛阳各县区的政府债务余额一共是多少？", [("洛阳市", 2023, "决算")])
    assert plan.operands[0].scope == "县区" and plan.operands[0].item == "政府债务余额"
    assert level_of("县（市）区政府债务余额") == level_of("区县政府债务余额") == "县区"


def test_a_part_s_share_of_the_whole_it_is_named_in(bot):
    # "X里，Y占多大比例": Y over X, both read from the tables (1.67 ÷ 2.23)
    answer = bot.ask("中小企业中心2024年三公经费里，公务用车运行维护费占多大比例？")
    assert (answer.value, answer.unit) == (pytest.approx(74.89), "%") and "2.23" in answer.answer


def test_spoken_units_and_savings():
    from qa.understand.parse import operation_of, wanted_unit
    assert wanted_unit("安排了几个亿？") == "亿元" and wanted_unit("有几个项目？") == "个"
    assert operation_of("比年初预算省下了多少钱？") == "diff"


def test_a_clause_quoting_a_figure_names_no_stage():
    catalog = [("武汉市中小企业发展促进中心", 2024, "决算"), ("武汉市中小企业发展促进中心", 2026, "预算")]
    plan = parse("中小企业中心的创业创新运行保障支出，2024年预算155万元，实际执行了多少？", catalog)
    assert plan.operands[0].stages == () and plan.operands[0].years == (2024,)


def test_each_year_s_clause_names_its_own_stage():
    plan = parse("中小企业中心2026年预算总盘子比2024年实际决算少了多少万元？", CATALOG)
    got = [(s.years, s.stages, s.measure, s.item) for s in plan.operands]
    assert (plan.op, plan.by) == ("diff", "years")
    assert got == [((2026,), ("预算",), "预算数", "收支总计"), ((2024,), ("决算",), "决算数", "收支总计")]


def test_who_and_comparatives_are_not_the_item():
    plan = parse("2024年中小企业中心和经信局，谁的三公经费更高？高多少？", CATALOG)
    assert (plan.op, plan.by) == ("diff", "organisations") and {s.item for s in plan.operands} == {"三公经费"}


@pytest.mark.parametrize("question,measures", [
    ("中小企业中心2024年的基本支出，年初预算安排了多少、决算实际花了多少？差额是多少？", ["年初预算", "决算数"]),
    ("中小企业中心2024年基本支出决算比年初部门预算多出多少？", ["决算数", "年初预算"]),
])
def test_two_columns_in_the_order_named(question, measures):
    plan = parse(question, CATALOG)
    assert (plan.by, [s.measure for s in plan.operands]) == ("measures", measures), plan.describe()
    assert plan.operands[[s.measure for s in plan.operands].index("决算数")].stages == ("决算",)


_BUDGET = """2024年度武汉市样例数据服务中心单位预算公开
第一部分 武汉市样例数据服务中心概况
一、单位主要职责
武汉市样例数据服务中心主要负责数据目录的维护。
第二部分 2024年度单位预算表
2024年度一般公共预算支出表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t500.00\t400.00\t100.00
201\t一般公共服务支出\t500.00\t400.00\t100.00
"""
_ACTUAL = """2024年度武汉市样例数据服务中心单位决算公开
第一部分 武汉市样例数据服务中心概况
一、单位主要职责
武汉市样例数据服务中心主要负责数据目录的维护。
第二部分 2024年度单位决算表
2024年度一般公共预算财政拨款支出决算表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t550.00\t420.00\t130.00
201\t一般公共服务支出\t550.00\t420.00\t130.00
"""


@pytest.fixture(scope="module")
def pair(assistant_over):
    """A unit's 2024 预算 and 2024 决算, the 决算 without a 年初预算 column."""
    return assistant_over({"yusuan.txt": _BUDGET, "juesuan.txt": _ACTUAL})


@pytest.mark.parametrize("question,value,unit", [
    ("样例数据服务中心2024年基本支出决算是年初预算的百分之多少？", 105, "%"),  # 420 ÷ 400
    ("样例数据服务中心2024年项目支出，决算比年初预算多了多少万元？", 30, "万元"),  # 130 − 100
])
def test_the_published_budget_is_the_year_s_initial_budget(pair, question, value, unit):
    answer = pair.ask(question)
    assert (answer.value, answer.unit) == (pytest.approx(value), unit), answer.answer
    assert {c.doc for c in answer.citations} >= {"yusuan.txt", "juesuan.txt"}


def test_a_change_over_a_range_is_its_end_against_its_start():
    plan = parse("中小企业中心住房公积金从2024年到2026年增加了多少？", CATALOG)
    assert (plan.op, plan.by, [s.years for s in plan.operands]) == ("diff", "years", [(2026,), (2024,)])
    assert plan.operands[0].item == "住房公积金"
    listing = parse("中小企业中心2024到2026年住房公积金分别是多少？", CATALOG)
    assert (listing.op, [s.years for s in listing.operands]) == ("list", [(2024,), (2025,), (2026,)])


def test_how_many_vehicles_is_the_unit_s_vehicles_not_a_count_of_rows():
    plan = parse("经信局2024年一共有多少辆车？", CATALOG)
    assert (plan.op, plan.unit, plan.operands[0].item) == ("value", "辆", "车辆")


@pytest.mark.parametrize("question,items", [
    ("经信局2024年三公经费预算，出国、公车、接待三块加起来是多少？", ["出国", "公车", "接待"]),
    ("经信局2024年人员经费（工资、津贴）、公用经费、项目支出三项合计多少？", ["人员经费", "公用经费", "项目支出"]),
])
def test_a_list_with_a_counter_or_a_gloss_is_its_items(question, items):
    plan = parse(question, CATALOG)
    assert (plan.op, plan.by, [s.item for s in plan.operands]) == ("sum", "items", items), plan.describe()


def test_what_is_left_out_and_a_list_joined_by_plus():
    left = parse("中小企业中心2024年除了基本支出，其余的项目支出和其他支出加起来多少？", CATALOG)
    assert "基本支出" not in " ".join(s.item for s in left.operands), left.describe()
    plus = parse("中小企业中心2024年人员经费加公用经费一共多少？", CATALOG)
    assert (plus.op, [s.item for s in plus.operands]) == ("sum", ["人员经费", "公用经费"]), plus.describe()


def test_a_saving_against_the_budget_is_a_change_not_a_level():
    from qa.cells import CHANGE
    assert CHANGE.search("市本级行政事业单位“三公”经费支出 比预算节约") and not CHANGE.search("“三公”经费支出合计")


def test_a_科目_is_never_compared_with_an_item_of_the_same_name():
    """2017's "公务接待费（款）支出 16万元" (a 功能分类 科目) is not 2019's 三公 公务接待费 397.5."""
    from qa.cells import to_cell
    from qa.numeric import _same_subject

    def text(context, value, year):
        return to_cell("text", {"id": year, "doc": f"{year}.pdf", "organisation": "江苏省政协办公厅", "year": year,
                                "stage": "预算", "page": 1, "section": "", "context": context, "value": value,
                                "unit": "万元", "value_wan": value, "sentence": context + value + "万元。", "level": ""})

    subject = text("公务接待费（款）支出", "16", 2017)
    item = text("公务接待费预算支出", "443.50", 2017)
    later = text("公务接待费支出", "397.5", 2019)
    assert not _same_subject(subject, later) and _same_subject(item, later)


@pytest.mark.parametrize("question,item,unit", [
    ("经信局二〇二四年三公经费是多少个亿？", "三公经费", "亿元"),
    ("经信局去年（2024年）三公经费花了多少万元？", "三公经费", "万元"),
    ("经信局2024年给三公经费安排了多少钱？", "三公经费", None),
])
def test_spoken_amounts_and_relative_years_are_not_the_item(question, item, unit):
    plan = parse(question, CATALOG)
    assert (plan.operands[0].item, plan.unit, plan.operands[0].years) == (item, unit, (2024,)), plan.describe()


def test_a_two_character_name_before_a_comparison_is_the_organisation():
    from qa.scope import organisation_mentions
    found = organisation_mentions("2023年郑州全市一般公共预算收入比洛阳多多少亿元？", ["郑州市", "洛阳市"])
    assert [name for name, _, _ in found] == ["郑州市", "洛阳市"]


def test_the_k_largest_under_a_row_keep_the_row_as_their_container():
    plan = parse("经信局2024年基本支出的商品和服务支出里，钱最多的三项是什么？", CATALOG)
    assert (plan.op, plan.k) == ("rank", 3) and plan.operands[0].under.endswith("商品和服务支出"), plan.describe()


def test_adding_up_is_not_a_list_word():
    plan = parse("中小企业中心2024年公用经费与邮电费加起来一共多少万元？", CATALOG)
    assert [s.item for s in plan.operands] == ["公用经费", "邮电费"], plan.describe()


def test_a_class_is_never_answered_by_its_catch_all_item(bot):
    """"其他社会保障和就业支出（项）5.33" is not the 社会保障和就业支出 (类) 248.81 asked."""
    answer = bot.ask("中小企业中心2026年社会保障和就业支出预算数是多少万元？")
    assert (answer.value, answer.unit) == (248.81, "万元"), answer.answer


def test_tables_that_agree_outweigh_a_sentence_that_differs(bot):
    """Seed 001's narrative says 事业单位离退休 141.6, its two tables 136.60 (which add up to 行政事业单位养老支出
    238.48): the tables' figure is served, the sentence's named as disagreeing."""
    answer = bot.ask("中小企业中心2026年度事业单位离退休预算数是多少万元？")
    assert (answer.value, answer.unit) == (136.6, "万元") and "141.6" in answer.answer, answer.answer


@pytest.mark.parametrize("question,under,level,excluding", [
    ("江苏高院2018年法院（款）下面，除了行政运行，哪一项的预算最多？", "法院", "", ("行政运行",)),
    ("普陀区财政局2024年决算中，行政事业单位养老支出（20805）下有几个项级科目？", "行政事业单位养老支出", "项", ()),
    ("江苏省政协办公厅2018年财政拨款支出预算表里，“政协事务”这个款下面一共有几个项级科目？", "政协事务", "项", ()),
    ("万里街道2025年一般公共服务支出下面各款分别是多少？", "一般公共服务支出", "款", ()),
])
def test_a_breakdown_names_its_parent_row_level_and_exclusions(question, under, level, excluding):
    cat = [("江苏省高级人民法院", 2018, "预算"), ("上海市普陀区财政局", 2024, "决算"), ("江苏省政协办公厅", 2018, "预算"),
           ("上海市普陀区人民政府万里街道办事处", 2025, "预算")]
    sel = parse(question, cat).operands[0]
    assert (sel.under, sel.level, sel.excluding) == (under, level, excluding), sel


def test_a_part_s_share_of_the_whole_named_before_it():
    """"基本支出中，人员经费占比多少": 人员经费 (within 基本支出) over 基本支出, not over the parent total."""
    plan = parse("普陀区财政局2024年一般公共预算财政拨款基本支出中，人员经费占比多少？", [("上海市普陀区财政局", 2024, "决算")])
    assert plan.op == "ratio" and [s.item for s in plan.operands] == [
        "一般公共预算财政拨款基本支出中的人员经费", "一般公共预算财政拨款基本支出"], plan.describe()


def test_a_year_s_executed_figure_is_the_actual_side():
    plan = parse("司法局2026年信息化建设（项）预算比2025年预算执行数增长了百分之多少？", [("上海市普陀区司法局", 2026, "预算")])
    assert [(s.years, s.stages, s.item) for s in plan.operands] == [
        ((2026,), ("预算",), "信息化建设(项)"), ((2025,), ("决算",), "信息化建设(项)")], plan.describe()


def test_a_stock_at_a_date_is_not_the_fiscal_year():
    """"截至2024年8月31日" is stated in the 2025 预算: the date selects the figure, not the year's document."""
    sel = parse("截至2024年8月31日，万里街道（部门）共有多少辆车？",
                [("上海市普陀区人民政府万里街道办事处", y, "预算") for y in (2024, 2025)]).operands[0]
    assert (sel.years, sel.as_of, sel.item) == ((), "2024年8月31日", "车辆"), sel


@pytest.mark.parametrize("question,op,years", [
    ("江苏高院的“三公”经费预算，从2017年到2019年一共压减了多少万元？", "diff", [(2019,), (2017,)]),
    ("江苏省高院部门预算收支总计从2017年到2019年一共增长了百分之多少？", "growth", [(2019,), (2017,)]),
])
def test_a_change_over_a_range_is_its_end_against_its_start_whatever_the_word(question, op, years):
    plan = parse(question, [("江苏省高级人民法院", y, "预算") for y in (2017, 2018, 2019)])
    assert plan.op == op and [s.years for s in plan.operands] == years, plan.describe()


@pytest.mark.parametrize("question,item", [
    ("万里街道办事处2024年预算里买公车的钱（公务用车购置费）是多少元？", "公务用车购置费"),  # a gloss names the item
    ("普陀区财政局2024年度的财政拨款收入支出总计到底是多少万元？", "财政拨款收入支出总计"),
    ("武昌区科创人才中心2024年招商引资（项）支出决算是多少万元？", "招商引资(项)"),
    ("三公经费里，公车（购置及运行维护费）占了百分之多少？", "公车(购置及运行维护费)"),  # a bracket completing a word is no gloss
])
def test_question_words_and_glosses_around_the_item(question, item):
    cat = [("上海市普陀区人民政府万里街道办事处", 2024, "预算"), ("上海市普陀区财政局", 2024, "决算"),
           ("武昌区科技创新和人才服务中心", 2024, "决算")]
    assert item in parse(question, cat).operands[0].item


def test_a_balance_is_never_a_flow():
    from qa.cells import Cell
    from qa.naming import names_subject
    from qa.slots import Slots
    flow = Cell("text", 1, "d", "郑州市", 2023, "决算", 1, "市级社会保险基金预算支出 实际支出", "", "", None, "亿元", None,
                "市级社会保险基金预算支出预算，实际支出306.4亿元。")
    assert not names_subject(flow, Slots("", "", item="社会保险基金年末滚存结余"))


def test_the_rest_of_a_total_is_declined_with_the_reason(bot):
    """No cell states "不是财政拨款安排的" (a total minus its listed part): the answer says so, cites the nearest."""
    answer = bot.ask("中小企业中心2024年支出里，有多少万元不是财政拨款安排的？")
    assert answer.value is None and not answer.answerable and "没有单列" in answer.answer, answer.answer


def test_a_stated_change_against_the_budget_is_not_a_budget(bot):
    """"机关运行经费支出997.64万元，比年初预算数减少87.99万元": 87.99 is the change, never the 年初预算."""
    answer = bot.ask("武汉市经信局2024年机关运行经费决算比年初预算少了多少万元？")
    assert (answer.value, answer.unit) == (pytest.approx(87.99), "万元"), answer.answer


@pytest.mark.parametrize("question,value", [
    ("经信局2024年公务用车有多少辆？", 28),  # the whole the sentence states, not its part 离退休干部服务用车
    ("经信局2024年离退休干部服务用车有几辆？", 15),  # the part, when named
])
def test_a_sentence_s_part_answers_only_when_named(bot, question, value):
    assert bot.ask(question).value == value


@pytest.mark.parametrize("question,kinds", [
    ("有几个项级科目？哪个金额最大？", ("个",)), ("分哪几块？一般性转移支付占了百分之几？", ("%",)),
    ("决算比年初预算少了多少？", ("amount",)), ("三公经费是多少？", ()), ("是职业年金的几倍？", ("倍",)),
])
def test_the_kind_of_number_each_ask_requests(question, kinds):
    from qa.understand.asks import wanted_kinds

    assert wanted_kinds(question) == kinds


_YEARS = [("江苏省高级人民法院", 2017, "预算"), ("江苏省高级人民法院", 2018, "预算"), ("江苏省高级人民法院", 2019, "预算")]


@pytest.mark.parametrize("turn,years,op", [
    ("那上一年呢？", [(2018,)], "value"), ("那去年的预算是多少？", [(2018,)], "value"),
    ("那第二年呢？", [(2020,)], "value"),  # the year after the one asked
    ("跟上一年的预算比多了多少？", [(2019,), (2018,)], "diff"),
    ("比上年增加了多少？", [(2019,)], "value"),  # the change the document states, not the year before
])
def test_a_year_named_relative_to_the_one_asked_before(turn, years, op):
    history = [{"role": "user", "content": "江苏省高院2019年三公经费预算是多少？"}, {"role": "assistant", "content": "…"}]
    plan = parse(turn, _YEARS, history)
    assert (plan.op, [s.years for s in plan.operands]) == (op, years), plan.describe()
    assert all(s.item == "三公经费" for s in plan.operands), plan.describe()


def test_a_range_asked_as_a_percentage_is_the_growth_from_start_to_end():
    catalog = [("西南大学", 2021, "预算"), ("西南大学", 2024, "预算")]
    plan = parse("西南大学本年支出预算，从2021年到2024年增长了多少（百分比）？", catalog)
    assert (plan.op, [s.years for s in plan.operands]) == ("growth", [(2024,), (2021,)]), plan.describe()


def test_a_fund_named_item_keeps_its_name_beside_a_class():
    """"彩票公益金安排的支出和科学技术支出": the first is the 彩票公益金 row, never a bare 支出."""
    from qa.understand.names import complete_pair

    assert complete_pair("彩票公益金安排的支出", "科学技术支出") == ("彩票公益金安排的支出", "科学技术支出")
    assert complete_pair("省里核定的限额", "政府债务余额") == ("政府债务限额", "政府债务余额")
