"""A city's report to its People's Congress on one year's 决算 and the next year's
1—6月 执行情况 (the genre of ../shared/corpus/pdf/heldout): figures of two
periods in one document, stated rates, debt limits, a table of contents with
dot leaders. The document is a small synthetic one, so these tests run anywhere.
"""

from __future__ import annotations

import pytest

from qa.chunk import without_contents
from qa.metadata import read_metadata
from qa.rates import rate_kind
from qa.understand.items import enumerated
from qa.understand.phrases import complete_pair, period_of

REPORT = """关于样例市2024年全市和市本级决算草案与2025年1-6月全市和市本级预算执行情况的报告
——2025年8月26日在样例市第十七届人民代表大会常务委员会第二十次会议上
样例市财政局局长 张三
目 录
一、2024年全市和市本级决算情况…………………………1
二、2025年1-6月预算执行情况…………………………6
一、2024年全市和市本级决算情况
（一）一般公共预算
全市地方一般公共预算收入800.50亿元，为预算的98.20%，增长3.10%。其中税收收入520.30亿元，下降2.40%。
全市一般公共预算支出1100.40亿元，完成调整预算的95.60%。其中教育支出210.20亿元，社会保障和就业支出130.10亿元，卫生健康支出90.30亿元。
市本级地方一般公共预算收入300.20亿元，为预算的92.50%。
（二）政府债务
2024年末，全市政府债务限额2100.00亿元，全市政府债务余额2050.60亿元。
二、2025年1-6月预算执行情况
全市地方一般公共预算收入430.70亿元，为年初预算的52.30%，同比增长1.80%。
全市一般公共预算支出520.90亿元，同比下降4.20%，主要是上年同期拨付重大项目资金基数较高。
"""


@pytest.fixture(scope="module")
def city(assistant_over):
    return assistant_over({"yangli_report.txt": REPORT})


def test_a_report_title_on_one_line_gives_both_periods():
    meta = read_metadata([REPORT], "yangli_report.txt")
    assert (meta["organisation"], meta["year"], meta["stage"]) == ("样例市", 2024, "决算")
    assert meta["periods"] == [(2024, "决算"), (2025, "执行情况")]


def test_contents_entries_with_dot_leaders_leave_the_body_headings():
    lines = without_contents(REPORT).split("\n")
    assert "一、2024年全市和市本级决算情况" in lines and "（一）一般公共预算" in lines
    assert not any("……" in line for line in lines)


@pytest.mark.parametrize("text,period", [("2025年1-6月预算执行情况", "1-6月"), ("上半年", "1-6月"), ("前三季度", "1-9月"),
                                         ("2024年全年", ""), ("1—12月", "")])
def test_the_part_of_a_year_is_read_once(text, period):
    assert period_of(text) == period


@pytest.mark.parametrize("question,value", [
    ("样例市2025年上半年全市地方一般公共预算收入是多少亿元？", 430.7),
    ("样例市2025年1至6月全市地方一般公共预算收入是多少亿元？", 430.7),
    ("样例市2024年全市地方一般公共预算收入是多少亿元？", 800.5),
])
def test_a_figure_answers_for_its_own_period(city, question, value):
    answer = city.ask(question)
    assert answer.value == pytest.approx(value), answer.answer


def test_a_half_year_figure_never_answers_for_the_whole_year(city):
    answer = city.ask("样例市2025年全年全市地方一般公共预算收入是多少亿元？")
    assert answer.value is None, answer.answer
    assert "800.5" not in answer.answer.replace("800.50", "800.5"), answer.answer  # nor the other year's sentence


def test_a_reason_comes_from_the_section_of_the_period_asked(city):
    answer = city.ask("样例市2025年1-6月全市一般公共预算支出为什么下降？")
    assert "基数较高" in answer.answer and "1100.40" not in answer.answer, answer.answer


@pytest.mark.parametrize("question,history", [
    ("样例市2024年全市政府债务余额离限额还差多少亿元？", []),
    ("样例市2024年全市政府债务余额距离债务限额还有多少空间？", []),
    ("离限额还有多少？", [{"role": "user", "content": "样例市2024年全市政府债务余额是多少？"},
                      {"role": "assistant", "content": "2050.60亿元。"}]),
])
def test_headroom_is_the_limit_minus_the_figure(city, question, history):
    answer = city.ask(question, history=history)
    assert (answer.value, answer.unit) == (pytest.approx(49.4), "亿元"), answer.answer


@pytest.mark.parametrize("label,kind", [("全市地方一般公共预算收入 为预算的", "execution"), ("非税收入完成 增长", "growth"),
                                        ("案件执行（项）支出 减少", "growth"), ("公务接待费 占“三公”经费的", "share"),
                                        ("全市一般公共预算支出 完成调整预算的", "execution")])
def test_a_stated_rate_is_what_the_words_just_before_it_say(label, kind):
    assert rate_kind(label) == kind


def test_stated_execution_rates(city):
    assert city.ask("样例市2024年市本级地方一般公共预算收入执行率是多少？").value == pytest.approx(92.5)
    assert city.ask("样例市2024年全市一般公共预算支出为调整预算的百分之几？").value == pytest.approx(95.6)


def test_a_rate_of_another_subject_in_the_sentence_is_not_served(city):
    """"收入800.50亿元，…增长3.10%。其中税收收入520.30亿元，下降2.40%": 3.10% is the total's."""
    answer = city.ask("样例市2024年全市税收收入增长了百分之几？")
    assert answer.value != pytest.approx(3.1), answer.answer


def test_class_names_as_people_shorten_them(city):
    assert enumerated("教育、社保就业、卫生健康三类支出合计") == ["教育支出", "社会保障和就业支出", "卫生健康支出"]
    assert complete_pair("卫生健康", "社会保障和就业支出") == ("卫生健康支出", "社会保障和就业支出")
    answer = city.ask("样例市2024年全市教育、社保就业、卫生健康三类支出合计多少亿元？")
    assert answer.value == pytest.approx(430.6), answer.answer


@pytest.mark.parametrize("question,op", [
    ("余额离限额还差多少", "diff"), ("距离目标还有多少空间", "diff"),
    ("离退休干部服务用车有几辆", "value"),  # 离退休 is a word, not "how far from"
    ("教育、卫生健康、社保就业三项支出加起来多少亿元？哪项最多？", "sum"),  # the number asked is the total
    ("哪项支出最多？是多少？", "rank"),
])
def test_the_operation_is_the_number_asked(question, op):
    from qa.understand.phrases import operation_of

    assert operation_of(question) == op
