"""科目 that meet a condition (qa.conditions): "有几个决算数超过了年初预算",
"100%完成年初预算的有几个", "年初预算为0的有几个" — counted from each 项's
passage in the 决算 说明 (年初预算 / 支出决算 / 完成年初预算的 %), and never
counted when the document lists fewer 科目 than the question says.

A small synthetic document, so these tests run anywhere.
"""

from __future__ import annotations

import pytest

from qa.understand import parse

ACCOUNTS = """样例中心2024年度部门决算
第一部分 部门概况
一、主要职责
样例中心负责中小企业服务。
第二部分 2024年度部门决算情况说明
一、一般公共预算财政拨款支出决算具体情况
1. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）年初预算为59.27万元，支出决算为61.15万元，完成年初预算的103.2%。
2. 卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）年初预算为46.82万元，支出决算为43.87万元，完成年初预算的93.7%。
3. 住房保障支出（类）住房改革支出（款）住房公积金（项）年初预算为64.75万元，支出决算为66.74万元，完成年初预算的103.1%。
4. 住房保障支出（类）住房改革支出（款）购房补贴（项）年
初预算为28.77万元，支出决算为28.77万元，完成年初预算的100%。
5. 一般公共服务支出（类）其他共产党事务支出（款）其他共产党事务支出（项）。年初预算为0元，支出决算为0.2万元，完成年初预算的0%。
"""

CATALOG = [("样例中心", 2024, "决算")]


@pytest.fixture(scope="module")
def centre(assistant_over):
    return assistant_over({"yangli_zhongxin_2024_bumen_juesuan.txt": ACCOUNTS})


def test_the_condition_is_read_into_the_plan():
    plan = parse("样例中心2024年的项级科目中，有几个决算数超过了年初预算？", CATALOG)
    assert plan.op == "count" and plan.where == "over_budget" and plan.wants == ("个",)
    assert parse("样例中心2024年哪些项级科目是100%完成年初预算的？", CATALOG).where == "at_budget"
    assert parse("样例中心2024年三公经费是多少？", CATALOG).where == ""


def test_counting_the_科目_over_their_budget(centre):
    answer = centre.ask("样例中心2024年的项级科目中，有几个决算数超过了年初预算？")
    assert answer.value == 3 and answer.unit == "个"  # a 0 budget spent (0.2万元) is exceeded too
    assert "住房公积金" in answer.answer and "事业单位医疗" not in answer.answer.split("共3个")[1]


def test_a_line_the_break_cut_and_an_amount_in_元_still_count(centre):
    assert centre.ask("样例中心2024年有几个项级科目是100%完成年初预算的？").value == 1  # 购房补贴, its line cut at 年|初
    assert centre.ask("样例中心2024年年初预算为0的项级科目有几个？").value == 1  # "年初预算为0元"


def test_no_count_when_the_document_lists_fewer_than_the_question_says(centre):
    answer = centre.ask("样例中心2024年决算说明里的9个项级科目中，有几个决算数超过了年初预算？")
    assert answer.value is None and "只读到5个" in answer.answer


def test_ranking_the_科目_by_how_much_of_their_budget_they_spent(centre):
    answer = centre.ask("样例中心2024年各项级科目中，完成年初预算比例最低的是哪一项？")
    assert answer.value == pytest.approx(93.7, abs=0.01) and "事业单位医疗" in answer.answer.split("。")[0]
    assert "其他共产党事务支出" in answer.answer  # a 0 budget has no rate: named, not ranked
