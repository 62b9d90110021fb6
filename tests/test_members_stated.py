"""Breakdowns over the members a report states one by one (qa.breakdown),
and parts named by their short names.

- "分险种看，哪个险种结余最多": each fund's clause states the whole's measure
  (滚存结余), after a run-in "分险种来看："; the whole itself, and the same
  whole at another level of government (市本级), are no members;
- "X收入 a 亿元，支出 b 亿元，滚存结余 c 亿元": 支出 and 结余 are X's, not its 收入's;
- "有几个区分到超过20亿元": the members a sentence lists after its whole, counted above a threshold;
- "教育、科技、社保就业三块加起来": 教育 names the part 教育支出 of the whole asked;
- "预备费实际只用掉了预算安排的百分之几": the actual over the budget one sentence
  states beside it; "预算稳定调节基金还剩多少" is that fund's year-end balance
  (预算 in its name is no stage);
- "支持总部经济是多少" when a passage states it once per level (区级 …，市级 …):
  neither is "the" figure — both are listed, and "一共" sums them;
- "光公务用车购置费": a row joining two items (购置及运行维护费) is their sum, never
  one of them — the answer declines and names it.

Small synthetic documents, so these tests run anywhere.
"""

from __future__ import annotations

import pytest

from qa.textfacts import sentence_facts

REPORT = """关于样例市2024年全市和市本级决算草案的报告
——2025年6月26日在样例市第十七届人民代表大会常务委员会第十五次会议上
一、2024年全市和市本级决算情况
（一）一般公共预算
全市财政支出 1663.94 亿元，增长 2.28%。其中：教育支出 310.59 亿元，同比增长 3.75%；科学技术支出 88.79 亿元，同比增长 5.49%；社会保障和就业支出 149.34 亿元，同比增长 2.38%。
全年专项债券转贷区级 178.6 亿元，包括：甲区 37.5 亿元、乙区 31.1 亿元、丙区 19.8 亿元、丁区 90.2 亿元。
（二）社会保险基金预算
全市社会保险基金收入 368.13 亿元，支出 288.03 亿元，年末滚存结余 603.59 亿元。
分险种来看：全市城乡居民基本养老保险基金收入 42.11 亿元，支出 32.34 亿元，滚存结余 63.34 亿元；
机关事业单位基本养老保险基金收入 63.11 亿元，支出 64.21 亿元，滚存结余 8.37 亿元；
职工基本医疗保险基金收入 208.73 亿元，支出 142.01 亿元，滚存结余 479.76 亿元；
城乡居民基本医疗保险基金收入 54.18 亿元，支出 49.47 亿元，滚存结余 52.12 亿元。
（三）其他需要报告的事项
1.市本级预备费。预算安排 8 亿元，支出 4.04 亿元，主要用于灾害防治，剩余 3.96 亿元全部用于补充预算稳定调节基金。
2.市本级“三公”经费。市本级“三公”经费财政拨款支出 11731.1 万元，其中：公务用车购置及运行维护费 10593.5 万元。
3.市本级预算稳定调节基金。年初市本级预算稳定调节基金余额 20.7 亿元，当年经批准动用 19 亿元，补充 9.6 亿元，年末余额 11.3 亿元。
（四）社会保险基金预算（市本级）
市本级社会保险基金收入 280.79 亿元，支出 210.65 亿元，年末滚存结余 534.32 亿元。
分险种来看：机关事业单位基本养老保险基金收入 17.88 亿元，支出 19.17 亿元，滚存结余 2.44 亿元；
职工基本医疗保险基金收入 208.73 亿元，支出 142.01 亿元，滚存结余 479.76 亿元。
"""


BUREAU = """样例商务委员会2025年部门预算
一、主要职责
样例商务委员会负责商贸发展。
二、项目经费情况说明
贸易高质量发展专项，项目总预算 2368 万元，其中：区级支持总部经济 1106 万元，市级支持总部经济 1262 万元。
"""


@pytest.fixture(scope="module")
def bureau(assistant_over):
    return assistant_over({"yangli_shangwuwei_2025_bumen_yusuan.txt": BUREAU})


@pytest.fixture(scope="module")
def city(assistant_over):
    return assistant_over({"yangli_shi_2024_juesuan_baogao.txt": REPORT})


def test_measures_beside_a_subject_are_the_subject_s():
    facts = sentence_facts("分险种来看：职工基本医疗保险基金收入 208.73 亿元，支出 142.01 亿元，滚存结余 479.76 亿元；")
    assert [f.context for f in facts] == ["职工基本医疗保险基金收入", "职工基本医疗保险基金 支出", "职工基本医疗保险基金 滚存结余"]


def test_the_largest_of_members_stated_one_by_one(city):
    answer = city.ask("样例市2024年全市社保基金分险种看，哪个险种年末滚存结余最多？有多少？")
    assert answer.value == pytest.approx(479.76) and answer.unit == "亿元"
    assert "职工基本医疗保险基金" in answer.answer
    assert "603.59" not in answer.answer.split("（")[0]  # the whole is no member


def test_the_smallest_member_stops_at_the_whole_of_another_level(city):
    answer = city.ask("样例市2024年全市社保基金分险种看，哪个险种滚存结余最少？")
    assert answer.value == pytest.approx(8.37)  # 市本级's 2.44 belongs to another whole


def test_parts_named_by_their_short_names_add_up(city):
    answer = city.ask("样例市2024年全市财政支出里，教育、科技、社保就业三块加起来多少亿？")
    assert answer.value == pytest.approx(548.72) and answer.unit == "亿元"
    assert len(answer.citations) == 3


def test_an_execution_rate_from_the_pair_one_sentence_states(city):
    answer = city.ask("样例市市本级2024年预备费实际只用掉了预算安排的百分之几？")
    assert answer.value == pytest.approx(50.5) and answer.unit == "%"


def test_a_fund_named_with_预算_is_no_stage_and_还剩_is_its_balance(city):
    answer = city.ask("样例市市本级预算稳定调节基金到2024年末还剩多少？")
    assert answer.value == pytest.approx(11.3) and answer.unit == "亿元"


def test_one_side_of_a_joined_row_is_not_its_figure(city):
    answer = city.ask("样例市市本级2024年光公务用车购置费是多少万元？")
    assert answer.value is None and not answer.answerable
    assert "10593.5" in answer.answer  # named as the nearest disclosed figure, not served


def test_an_item_stated_per_level_is_listed_or_summed_never_one_of_them(bureau):
    answer = bureau.ask("样例商务委员会2025年支持总部经济是多少？")
    assert answer.value is None and "1106" in answer.answer and "1262" in answer.answer
    total = bureau.ask("样例商务委员会2025年贸易高质量发展专项里面支持总部经济的一共多少万元？")
    assert total.value == pytest.approx(2368) and total.unit == "万元"


def test_counting_the_members_above_an_amount(city):
    answer = city.ask("样例市2024年专项债券转贷给各区的部分，有几个区分到超过20亿元？")
    assert answer.value == 3 and answer.unit == "个" and "丙区" not in answer.answer.split("（")[0]
