"""A figure answers only for the item asked: a qualified part (一般债券, 新增专项债券, one fund of
four) is never answered by its whole or a sibling, a 绩效 target is never the value achieved, and a
follow-up that names only a unit (人次呢) keeps the item. Small synthetic documents, so these tests
run anywhere.
"""

from __future__ import annotations

import pytest

UNIT = """样例中心2024年部门决算
第一部分 单位概况
一、主要职责
样例中心负责企业服务。
第三部分 2024年度部门决算情况说明
一、财政拨款收入支出决算总体情况说明
2024年度财政拨款收入中，一般公共预算财政拨款收入500.00万元，比2023年度决算数减少20.00万元，减少主要原因是部分专项资金年中收回。
国有资本经营预算财政拨款收入10.00万元，比2023年度决算数减少2.33万元，减少主要原因是慰问减少。
二、“三公”经费情况说明
2024年共接待国内来访团组4个，34人次。
三、部门整体支出绩效自评表
年度目标 1:	“样例直通车”平台实现企业关注量达 7000 家以上。
年度 绩效 目标 1	一级 指标	二级指标	三级指标	年初目标值 (A)	实际完成值 (B)
	产出 指标	数量指标	直通车平台关注企业量	7000 家以上	9284 家
		质量指标	直通车平台诉求回复率	回复率 100%	回复率 100%
"""

REPORT = """关于样例市2023年全市和市本级决算的报告
一、2023年决算情况
（一）政府债务
2023年，全市地方政府债券到期本息381.2亿元，其中：到期本金284.6亿元（一般债券到期本金155.7亿元、专项债券到期本金128.9亿元）、到期利息96.6亿元。
2023年，全市发行地方政府债券978.6亿元，其中一般债券81.1亿元、专项债券897.5亿元（新增专项债券751亿元）。
"""


@pytest.fixture(scope="module")
def corpus(assistant_over):
    return assistant_over({"yangli_unit_2024.txt": UNIT, "yangli_report_2023.txt": REPORT})


def test_a_fund_is_never_answered_by_another_fund(corpus):
    a = corpus.ask("样例中心2024年一般公共预算财政拨款收入比2023年减少了多少万元？")
    assert a.value == pytest.approx(20), a.answer


def test_a_qualified_part_is_never_answered_by_its_whole_or_a_sibling(corpus):
    a = corpus.ask("样例市2023年全市地方政府一般债券到期本息是多少亿元？")
    assert a.value not in (381.2, 155.7, 81.1), a.answer  # the whole, the 本金 alone, the bonds issued


def test_a_follow_up_narrows_to_the_new_part_not_the_whole(corpus):
    history = [{"role": "user", "content": "样例市2023年全市发行了多少地方政府债券？"},
               {"role": "assistant", "content": "978.6亿元，其中一般债券81.1亿元、专项债券897.5亿元。"}]
    a = corpus.ask("这里面新增专项债券有多少亿元？", history=history)
    assert a.value != pytest.approx(897.5), a.answer
    assert a.value is None or a.value == pytest.approx(751), a.answer


def test_a_unit_alone_in_a_follow_up_keeps_the_item(corpus):
    history = [{"role": "user", "content": "样例中心2024年接待了几个国内来访团组？"},
               {"role": "assistant", "content": "4个。"}]
    a = corpus.ask("人次呢？", history=history)
    assert a.value == pytest.approx(34) and a.unit == "人次", a.answer


def test_a_target_is_never_the_value_achieved_and_a_quoted_name_finds_its_organisation(corpus):
    a = corpus.ask("“样例直通车”平台2024年关注企业量达到了多少家？")
    assert a.value == pytest.approx(9284), a.answer
    assert "样例中心" in a.answer
