"""Figures a report states in sentences, each read as its own: a list paired with its figures by
分别; the noun after a figure ("发行 70 亿元离岸人民币债券"); a sentence dated "2025 年预算编制中"
in a 决算 report is that year's 预算; a figure a report gives for one level only answers when the whole area has none, its level named.
Synthetic documents: these tests run anywhere.
"""

from __future__ import annotations

import pytest

from qa.respectively import respectively
from qa.textfacts import sentence_facts

REPORT = """关于丙江市2024年市级决算和2025年上半年预算执行情况的报告
——2025年8月26日在丙江市第十六届人民代表大会常务委员会第二十次会议上
一、2024年市级决算情况
全市一般公共预算收入完成500亿元，增长3%。
城乡居民基本养老保险、城乡居民基本医疗保险补助标准分别提高至 296 元/人/月、670 元/人/年。
卫生健康、社保和就业、城乡社区等支出分别增长8.5%、10.2%、12.3%。
二是境外发债实现新突破，成功在香港发行 70 亿元离岸人民币地方政府债券，平均发行利率 2.3%。
全市发行地方政府债券 978.6 亿元。
全市社会保险基金预算收入 340.9 亿元，增长 2.3%。社会保险基金预算支出 256.2 亿元，增长 6.6%。
全市 PPP（政府与社会资本合作）项目政府付费 16.6 亿元。
截至2024年底，全市地方政府债务余额3449.8亿元，其中：一般债务余额150.1亿元，专项债务余额3299.7亿元。
二、落实人大审查决议情况
市本级一般性支出压减 8.6%。2025 年预算编制中，对 78 个项目开展事前绩效评估，取消项目 21 个，核减资金 8.99 亿元、核减率 24.8%。
"""

@pytest.fixture(scope="module")
def city(assistant_over):
    return assistant_over({"bingjiang_2024_juesuan_baogao.txt": REPORT})


def _spans(sentence: str, pattern: str) -> list[tuple[int, int]]:
    import re

    return [(m.start(), m.end()) for m in re.finditer(pattern, sentence)]


def test_figures_stated_respectively_pair_with_their_own_items():
    s = "卫生健康、社保和就业、城乡社区等支出分别增长8.5%、10.2%、12.3%。"
    assert list(respectively(s, _spans(s, r"[\d.]+%")).values()) == ["卫生健康支出 增长", "社保和就业支出 增长", "城乡社区支出 增长"]
    s = "分别新增数字化产线、标杆智能工厂 103 条、10 家;"
    assert list(respectively(s, _spans(s, r"\d+\s*[条家]")).values()) == ["新增数字化产线", "新增标杆智能工厂"]


def test_items_and_figures_that_do_not_pair_one_to_one_are_left_alone():
    s = "两项分别增长 5%、6%、7%。"
    assert respectively(s, _spans(s, r"\d%")) == {}


def test_the_noun_after_a_figure_names_it():
    facts = sentence_facts("成功在香港发行 70 亿元离岸人民币地方政府债券，平均发行利率 2.3%。")
    assert "离岸人民币地方政府债券" in facts[0].context
    assert [f.context for f in sentence_facts("全年支出 4.04 亿元主要用于偿还债务。")] == ["全年支出"]  # a clause, no noun


def test_each_item_of_a_respectively_list_is_answered_with_its_own_figure(city):
    assert city.ask("丙江市2024年城乡居民基本医疗保险的补助标准提高到了多少元？").value == pytest.approx(670)
    assert city.ask("丙江市2024年城乡居民基本养老保险的补助标准提高到了多少元？").value == pytest.approx(296)


def test_a_narrower_item_named_after_its_figure_is_not_the_whole(city):
    a = city.ask("丙江2024年在香港发了多少离岸人民币地方政府债券？")
    assert a.value == pytest.approx(70), a.answer  # never the 978.6 of all bonds issued


def test_a_figure_of_next_years_budget_in_a_final_account_report(city):
    a = city.ask("丙江市在编2025年预算时做事前绩效评估，核减了多少资金？")
    assert a.value == pytest.approx(8.99) and a.unit == "亿元", a.answer
    assert "市本级" in a.answer, a.answer  # the level the report gives it for is named


def test_a_share_asked_after_a_whole_is_of_that_whole(city):
    history = [{"role": "user", "content": "丙江截至2024年底地方政府债务余额多少？"}, {"role": "assistant", "content": "3449.8亿元。"}]
    a = city.ask("专项债务占比多少？", history)
    assert a.value == pytest.approx(95.65, abs=0.01) and a.unit == "%", a.answer


def test_one_figure_minus_another_named_by_its_side(city):
    a = city.ask("丙江2024年全市社会保险基金当年收入减去支出，结余了多少亿元？")
    assert a.value == pytest.approx(84.7) and a.unit == "亿元", a.answer


def test_a_gloss_in_brackets_is_one_name_never_two_items(city):
    a = city.ask("丙江2024年全市PPP（政府与社会资本合作）项目政府付费一共付了多少亿元？")
    assert a.value == pytest.approx(16.6), a.answer
