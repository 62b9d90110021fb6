"""Figures a document implies or states outside its money tables, and the
pairs and parts a question names.

- the level a stated change was measured against (2023's figure from the 2024
  决算's "比上年增加…"; the 年初预算 from "比年初预算数减少…");
- performance indicators (年初目标值 / 实际完成值) and sentences inside table rows;
- a project's own 年度预算安排 under its 经费情况说明;
- counts in 万 of their unit (万家) and equipment in 台（套）;
- 决算 vs 年初预算 of one item, never a revenue against an expenditure;
- "A和B的C" (each fund's C), "X（含Y）" (never Y's figure), 小微 vs 中小企业.

Small synthetic documents, so these tests run anywhere.
"""

from __future__ import annotations

import pytest

from qa.indicators import table_row_facts
from qa.understand import parse

UNIT = """样例中心2024年度部门决算
第一部分 部门概况
一、主要职责
样例中心负责中小企业服务。
第二部分 2024年度部门决算情况说明
一、收入支出决算总体情况说明
2024年度收、支总计均为365.17万元。与2023年度相比，收、支总计增加52.16万元，增长16.7%，主要原因是人员经费政策性增长。
二、财政拨款收入支出决算总体情况说明
2024年度财政拨款收入中，一般公共预算财政拨款收入96,752.93万元，比2023年度决算数减少14,331.34万元，减少主要原因是部分专项资金年中财政收回。
三、机关运行经费支出说明
2024年度样例中心机关运行经费支出997.64万元，比年初预算数减少87.99万元，下降8.1%。
四、政府采购支出说明
2024年度样例中心政府采购支出总额427.54万元，其中：政府采购货物支出5.48万元、政府采购服务支出422.06万元。授予中小企业合同金额427.54万元，占政府采购支出总额的100%，其中：授予小微企业合同金额400.00万元，占授予中小企业合同金额的93.6%。
五、国有资产占用情况说明
截至2024年12月31日，单价20万元（含）以上的设备6台（套）。
六、重点工作完成情况
全年净增中小企业16.1万家。
七、预算绩效情况说明
整体支出绩效自评表
一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分
产出指标\t数量指标\t工业投资增速(2分)\t5%\t15.10%\t2.00
\t\t市级投资技改补助项目数(2分)\t120个左右\t172个\t2.00
重点工作完成情况表
序号\t工作任务\t年度目标\t完成情况
1\t促进中小企业发展\t完成市下达目标任务(新设服务工作站6家)\t2024年新设中小企业服务工作站12家，服务企业1035家。
2\t楼宇经济\t楼宇经济税收增长10%\t2024年楼宇经济税收增长18.3%
"""

PROJECTS = """样例局2026年部门预算
一、主要职责
样例局负责调解工作。
二、项目经费情况说明
人民调解项目经费情况说明
一、项目概述
推行以政府购买服务为主渠道的人民调解经费保障体系。
六、年度预算安排
795万元
七、绩效目标
完善人民调解经费保障体系。
"""

REPORT = """关于样例市2023年市级决算草案的报告
一、2023年市级决算情况
（一）一般公共预算
2023年市级一般公共预算收入年初预算为567.1亿元，全年完成610.2亿元。
2023年市级一般公共预算支出年初预算为801.5亿元，全年实际支出871.4亿元，增长6%。
全市纳入一般公共预算管理的非税收入完成300.5亿元，增长17.61%。
（二）政府债务
2023年市级一般公共预算债务还本支出21.65亿元，政府性基金预算债务还本支出193.18亿元。
二、2024年预算安排
2024年相应安排市级一般公共预算支出（含预备费）为900.5亿元。
"""


@pytest.fixture(scope="module")
def unit(assistant_over):
    return assistant_over({"yangli_zhongxin_2024_juesuan.txt": UNIT, "yangli_ju_2026_yusuan.txt": PROJECTS})


@pytest.fixture(scope="module")
def city(assistant_over):
    return assistant_over({"yangli_shi_2023_juesuan_baogao.txt": REPORT})


def test_the_year_before_is_derived_from_the_stated_change(unit):
    answer = unit.ask("样例中心2023年的收支总计是多少？")
    assert answer.value == pytest.approx(313.01) and answer.unit == "万元"
    assert "推算" in answer.answer and len(answer.citations) == 2  # both figures it rests on


def test_a_fund_named_预算_is_no_stage_of_the_derived_base(unit):
    answer = unit.ask("用2024年的决算倒推，样例中心2023年一般公共预算财政拨款收入决算数是多少？")
    assert answer.value == pytest.approx(111084.27) and "决算" in answer.answer


def test_a_fall_on_a_year_no_document_covers_is_computed_from_the_stated_change(unit):
    answer = unit.ask("样例中心2024年一般公共预算财政拨款收入比2023年下降了百分之几？")
    assert answer.value == pytest.approx(12.9)  # 14331.34 ÷ (96752.93 + 14331.34)


def test_a_follow_up_against_a_named_year_is_the_stated_change(unit):
    history = [{"role": "user", "content": "样例中心2024年一般公共预算财政拨款收入多少？"},
               {"role": "assistant", "content": "96752.93万元"}]
    answer = unit.ask("那跟2023年比呢？", history=history)
    assert answer.value == pytest.approx(14331.34)


def test_the_budget_an_actual_was_compared_with_is_derived(unit):
    answer = unit.ask("样例中心2024年机关运行经费的年初预算是多少？")
    assert answer.value == pytest.approx(1085.63)


def test_a_category_is_never_answered_with_its_sibling(unit):
    small = unit.ask("样例中心2024年政府采购里，给小微企业的合同金额有多少？")
    assert small.value == pytest.approx(400.0)
    services = unit.ask("样例中心2024年政府采购里买服务花了多少钱？")
    assert services.value == pytest.approx(422.06)


def test_counts_keep_their_own_unit(unit):
    firms = unit.ask("样例中心2024年全年净增了多少万家中小企业？")
    assert firms.value == pytest.approx(16.1) and firms.unit == "万家"
    kit = unit.ask("样例中心2024年单价20万元以上的设备有多少台（套）？")
    assert kit.value == 6 and kit.unit == "台（套）"


def test_an_indicator_s_result_is_read_from_its_row(unit):
    answer = unit.ask("样例中心2024年绩效自评里工业投资增速实际完成了多少？")
    assert answer.value == pytest.approx(15.1) and answer.unit == "%"


def test_a_sentence_in_a_table_cell_is_a_fact_and_a_target_is_not(unit):
    answer = unit.ask("样例中心2024年新设了几家中小企业服务工作站？")
    assert answer.value == 12 and answer.unit == "家"


def test_a_change_stated_only_as_a_rate_answers_how_much_it_rose(unit):
    answer = unit.ask("样例中心说2024年楼宇经济税收涨了多少？")
    assert answer.value == pytest.approx(18.3) and answer.unit == "%"  # the result, never the 10% target


def test_a_project_s_年度预算安排_is_that_project_s(unit):
    answer = unit.ask("样例局2026年人民调解项目的年度预算安排是多少？")
    assert answer.value == pytest.approx(795.0) and answer.unit == "万元"


def test_an_actual_against_its_budget_is_one_item_never_revenue_against_expenditure(city):
    answer = city.ask("样例市市级2023年一般公共预算实际支出比年初预算多花了多少亿元？")
    assert answer.value == pytest.approx(69.9)


def test_a_rate_stated_of_another_item_never_answers(city):
    answer = city.ask("样例市2023年全市税收收入同比涨了多少？")
    assert answer.value != pytest.approx(17.61)  # the 非税收入's growth is no answer about 税收收入


def test_a_modifier_said_for_two_funds_applies_to_each(city):
    answer = city.ask("样例市市级2023年一般公共预算和政府性基金预算的债务还本支出加起来是多少？")
    assert answer.value == pytest.approx(214.83)


def test_a_whole_that_includes_an_item_is_not_that_item_s_figure(city):
    answer = city.ask("样例市2024年市级预算里预备费具体安排了多少？")
    assert answer.value is None


def test_the_derived_base_needs_both_figures():
    """Rows under a performance header give target and result; a row with a weight only gives none."""
    class Chunk:
        section, text = "七、预算绩效情况说明", "三级指标\t年初目标值(A)\t实际完成值(B)\t得分\n工业投资增速(2分)\t5%\t15.10%\t2.00\n"

    facts = {f.context: f.value for _, f in table_row_facts([Chunk()])}
    assert set(facts) == {"工业投资增速 年初目标值", "工业投资增速 实际完成值"}


def test_plans_read_these_shapes_once():
    catalog = [("样例市", 2023, "决算")]
    plan = parse("样例市市级2023年一般公共预算和政府性基金预算的债务还本支出加起来是多少？", catalog)
    assert [s.item for s in plan.operands] == ["一般公共预算的债务还本支出", "政府性基金预算的债务还本支出"]
    assert parse("样例市2023年净增了多少万家企业？", catalog).unit == "万家"
