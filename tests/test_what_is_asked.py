"""The thing asked, read whole: a gloss in brackets ("高中教育（附中）") or a measure word ("“津贴补贴”一项")
is no part of the item; what the question leaves out ("不含运行维护") is never served; a count the
document states answers "多少个"; a stock at a year's end comes from that year's 决算 (or the next
year's 预算), never from the year's own 预算; a list of something no table lists ("内设机构",
"哪几家单位") is not answered with a table's 科目 rows; a count asked in 份/篇 is never served an amount.
Synthetic documents: these tests run anywhere.
"""

from __future__ import annotations

import pytest

BUDGET = """2024年度乙校部门预算
第一部分 乙校概况
一、主要职责
乙校负责教育事务。
二、机构设置
乙校内设机构包括：办公室、教务处、学生处、后勤处。
第二部分 2024年度部门预算表
2024年财政拨款支出预算表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t900\t600\t300
205\t教育支出\t800\t500\t300
20502\t普通教育\t500\t400\t100
2050204\t高中教育\t300\t250\t50
2050205\t高等教育\t200\t150\t50
221\t住房保障支出\t100\t100\t0
2210201\t住房公积金\t100\t100\t0
2024年一般公共预算基本支出预算表
单位：万元
科目编码\t科目名称\t合计
301\t工资福利支出\t400
30101\t基本工资\t250
30102\t津贴补贴\t150
302\t商品和服务支出\t200
30201\t办公费\t200
2024年“三公”经费预算表
单位：万元
项目\t合计
因公出国（境）费\t10
公务用车购置及运行维护费\t30
公务接待费\t5
第三部分 2024年度部门预算情况说明
一、国有资产占用情况
截至2023年12月31日，乙校共有车辆4辆。
二、财政拨款支出预算情况
2024年财政拨款支出预算900万元。其中：教育支出预算数为800万元，住房保障支出预算数为100万元。
三、其他说明
2024年推进评审前置，累计评审项目46个，审减金额2.1亿元。
全年开具电子票据12万份，涉及金额3.5亿元。
"""

FINAL = """2024年度乙校部门决算
第一部分 乙校概况
一、主要职责
乙校负责教育事务。
第三部分 2024年度部门决算情况说明
一、国有资产占用情况说明
截至2024年12月31日，乙校共有车辆5辆，其中离退休干部服务用车2辆。
二、学校基本情况
乙校现有博士生导师655人，校舍面积199万平方米。
"""

FINAL_2023 = """2023年度乙校部门决算
第一部分 乙校概况
一、学校基本情况
乙校现有博士生导师599人，校舍面积187万平方米。
"""


REPORT = """关于丁山市2024年全市和市级决算的报告
——2025年8月20日在丁山市第十七届人民代表大会常务委员会第九次会议上
一、2024年财政决算情况
（二）政府性基金预算
全市政府性基金预算收入完成300.5亿元，下降7.1%；市级政府性基金预算收入完成120.2亿元，增长12.5%。
全市教育支出完成80.2亿元，增长5.5%；全市卫生健康支出完成40.1亿元，增长9.25%。
（一）一般公共预算
全市一般公共预算收入完成400亿元，增长3%；市级一般公共预算收入完成120亿元，增长2%。
市本级行政事业单位“三公”经费支出合计0.76亿元，比预算节约0.48亿元。
“甲贷”资金池总规模3000万元，累计发放贷款3.2亿元；“乙贷”资金池总规模6970万元，累计发放贷款5.3亿元。
二、2025年1—6月预算执行情况
1—6月，全市一般公共预算收入完成210亿元。2025年“三公”经费预算安排较上年压减585万元，下降4.2%。
"""


@pytest.fixture(scope="module")
def docs(assistant_over):
    return assistant_over({"yixiao_2024_yusuan.txt": BUDGET, "yixiao_2024_juesuan.txt": FINAL, "yixiao_2023_juesuan.txt": FINAL_2023,
                           "dingshi_2024_juesuan.txt": REPORT})


def test_a_gap_between_two_growth_rates_counts_a_fall_as_negative(docs):
    a = docs.ask("2024年丁山市全市政府性基金预算收入和市级政府性基金预算收入的增速相差多少个百分点？")
    assert a.value == pytest.approx(19.6) and a.unit == "%", a.answer  # 12.5 − (−7.1), never 12.5 − 7.1
    assert "百分点" in a.answer, a.answer


def test_a_gloss_in_brackets_is_no_part_of_the_item(docs):
    a = docs.ask("乙校2024年财政拨款支出预算中，高中教育（附中）安排了多少万元？")
    assert a.value == pytest.approx(300), a.answer  # never 教育支出's 800


def test_a_measure_word_after_a_quoted_item_is_no_part_of_it(docs):
    a = docs.ask("乙校2024年基本支出预算表中，“津贴补贴”一项安排了多少万元？")
    assert a.value == pytest.approx(150), a.answer


def test_what_the_question_leaves_out_is_never_served(docs):
    a = docs.ask("乙校2024年公务用车购置费（不含运行维护）预算是多少万元？")
    assert a.value is None, a.answer  # only 购置及运行维护费 is disclosed
    assert "30" in a.answer, a.answer  # the nearest disclosed figure is named


def test_a_count_the_document_states_answers_how_many(docs):
    a = docs.ask("乙校2024年推进评审前置，累计评审了多少个项目？")
    assert a.value == pytest.approx(46) and a.unit == "个", a.answer


def test_a_count_in_copies_is_never_served_an_amount(docs):
    a = docs.ask("乙校2024年全年开具了多少万份电子票据？")
    assert a.value is None or a.unit in ("份", "万份"), a.answer  # never the 3.5亿元 beside it


def test_a_year_end_stock_is_never_the_years_own_budget(docs):
    end_2023 = docs.ask("截至2023年底，乙校一共有几辆车？")
    assert end_2023.value == pytest.approx(4), end_2023.answer  # the 2024 预算 states the end of 2023
    end_2024 = docs.ask("乙校2024年底实有车辆多少辆？")
    assert end_2024.value == pytest.approx(5), end_2024.answer  # the 2024 决算, never the 2024 预算's 4


def test_a_list_no_table_holds_is_not_a_tables_rows(docs):
    a = docs.ask("乙校2024年设了哪些内设机构？")
    assert "教务处" in a.answer or not a.answerable, a.answer
    assert "高中教育" not in a.answer, a.answer


def test_an_increase_or_decrease_asked_is_a_difference_of_the_item():
    from qa.understand import parse

    plan = parse("乙校高中教育2024年决算比2023年决算是增是减？变化多少万元？", [("乙校", 2024, "决算"), ("乙校", 2023, "决算")])
    assert plan.op == "diff" and [o.item for o in plan.operands] == ["高中教育", "高中教育"], plan.describe()


def test_a_short_university_name_before_an_item_is_the_university():
    from qa.scope import find_organisations

    assert find_organisations("西大购房补贴2024年比2021年多了多少", ["西南大学", "长沙市"]) == ["西南大学"]


def test_a_named_body_with_units_asked_is_not_the_whole_corpus():
    from qa.understand import parse

    plan = parse("乙校2024年度部门预算是由哪几个单位组成的？", [("乙校", 2024, "预算"), ("丙局", 2024, "预算")])
    assert plan.scope.organisations == ("乙校",), plan.describe()


def test_two_items_that_both_grew_are_compared_by_their_stated_rates(docs):
    a = docs.ask("丁山市2024年全市教育支出和卫生健康支出都比上年增长了，哪个增长更快？快多少个百分点？")
    assert a.value == pytest.approx(3.75) and a.unit == "%", a.answer  # 9.25 − 5.5, one year's two rates
    b = docs.ask("乙校2024年工资福利支出和商品和服务支出，哪块更大？大多少？")
    assert b.value == pytest.approx(200), b.answer


def test_decimals_asked_round_the_value():
    from qa.understand import parse

    assert parse("甲局2024年X是多少万元？（保留两位小数）", [("甲局", 2024, "预算")]).digits == 2
    assert parse("甲局2024年X是多少万元？", [("甲局", 2024, "预算")]).digits is None


def test_a_sum_asked_to_two_decimals_is_rounded_half_up(docs):
    a = docs.ask("乙校2024年基本工资和办公费加起来是多少亿元？（保留两位小数）")
    assert a.value == pytest.approx(0.05) and "0.05" in a.answer, a.answer  # 450 万元 = 0.045 亿元, half up


def test_a_bodys_own_level_reads_its_unit_document():
    from qa.understand.parse import scope_of

    assert scope_of("普陀区司法局本级2026年的政府采购") == "单位"
    assert scope_of("郑州市本级收入") == "市本级"


def test_a_part_a_sentence_states_after_its_whole_is_not_the_whole(docs):
    a = docs.ask("乙校2024年财政拨款支出预算里，基本支出占多少？")
    assert a.value == pytest.approx(66.67, abs=0.01), a.answer  # 600 ÷ 900, never ÷ the 教育支出 800 stated after it


def test_both_figures_asked_before_are_compared_by_a_follow_up():
    from qa.understand import parse

    catalog = [("甲局", 2019, "预算"), ("乙局", 2019, "预算")]
    history = [{"role": "user", "content": "甲局2019年基本支出预算是多少？"}, {"role": "assistant", "content": "21968万元。"},
               {"role": "user", "content": "乙局呢？"}, {"role": "assistant", "content": "15844.04万元。"}]
    plan = parse("两家相差多少万元？", catalog, history)
    assert plan.op == "diff" and [o.organisations for o in plan.operands] == [("甲局",), ("乙局",)], plan.describe()
    assert all(o.item == "基本支出" for o in plan.operands), plan.describe()


def test_a_narrower_level_is_the_part_of_the_whole_area(docs):
    a = docs.ask("丁山市2024年全市一般公共预算收入里，市级占了多大比例？")
    assert a.value == pytest.approx(30), a.answer  # 120 ÷ 400, never 400 ÷ 120


def test_the_original_budget_is_the_actual_plus_the_saving(docs):
    a = docs.ask("丁山市市本级2024年“三公”经费的预算原本是多少亿元？")
    assert a.value == pytest.approx(1.24), a.answer


def test_a_years_budget_stated_in_a_half_year_section_is_the_whole_years(docs):
    a = docs.ask("听说丁山市2025年又压了“三公”经费，预算比上年少安排了多少万元？")
    assert a.value == pytest.approx(585), a.answer
    half = docs.ask("丁山市2025年全市一般公共预算收入是多少亿元？")
    assert half.value is None or half.value != pytest.approx(210), half.answer  # a half year's figure is no year's


def test_the_noun_asked_after_a_list_is_what_each_figure_is_of(docs):
    a = docs.ask("丁山市2024年“甲贷”“乙贷”两个资金池一共放了多少贷款？")
    assert a.value is None or (a.value == pytest.approx(8.5) and a.unit == "亿元"), a.answer  # never the pools' 9970万元


def test_a_count_of_people_in_ten_thousands_is_people_never_money():
    from qa.understand.phrases import wanted_unit

    assert wanted_unit("惠及了多少万群众？") == "万人" and wanted_unit("补贴了多少万？") == "万元"


def test_asking_who_is_no_number():
    from qa.route import route
    from qa.understand import parse

    plan = parse("乙校2024年部门预算里写的现任党委书记和校长分别是谁？", [("乙校", 2024, "预算")])
    assert not plan.numeric and route(plan).kind == "narrative", plan.describe()


@pytest.mark.parametrize("question", ["乙校2024年三公经费比预算少花了，官方给的理由是什么？", "乙校2025年财政拨款预算比2024年多了100多万，主要多在哪儿？"])
def test_a_reason_asked_in_other_words_is_a_reason(question):
    from qa.route import route
    from qa.understand import parse

    assert route(parse(question, [("乙校", 2024, "预算"), ("乙校", 2025, "预算")])).kind in ("narrative", "both")


def test_the_item_of_a_scene_with_figures_is_what_the_figures_are_of():
    from qa.understand import parse

    plan = parse("乙校2024年住房保障支出预算100万元，比上年增加了20万元，那2023年是多少？", [("乙校", 2024, "预算"), ("乙校", 2023, "预算")])
    assert plan.operands[0].item == "住房保障支出" and plan.operands[0].years == (2023,), plan.describe()


def test_a_unit_instruction_after_a_follow_up_is_no_part_of_the_item():
    from qa.understand import parse

    history = [{"role": "user", "content": "乙校2024年政府采购预算总共多少？"}, {"role": "assistant", "content": "117万元。"}]
    plan = parse("服务类的是多少？用元来说。", [("乙校", 2024, "预算")], history)
    assert plan.unit == "元" and plan.operands[0].item == "政府采购中的服务", plan.describe()


def test_a_catch_all_row_asked_is_never_its_parent(docs):
    a = docs.ask("乙校2024年基本支出预算中“其他商品和服务支出”是多少万元？")
    assert a.value is None, a.answer  # only 商品和服务支出 (200) and its 办公费 are listed


def test_a_year_end_dated_with_jiezhi_is_a_stock_whatever_its_unit():
    from qa.understand import parse

    plan = parse("乙校截至2023年底在建工程金额是多少？", [("乙校", 2024, "预算")])
    assert plan.operands[0].as_of == "2023年12月31日", plan.describe()


def test_a_rate_of_things_counted_is_a_rate_of_counts(docs):
    a = docs.ask("乙校2024年底的车辆里，离退休干部服务用车占多大比例？")
    assert a.value == pytest.approx(40) and a.unit == "%", a.answer  # 2 of 5


def test_units_asked_for_are_never_a_tables_subject_rows(docs):
    a = docs.ask("乙校2024年部门预算包含哪几个预算单位？")
    assert "高中教育" not in a.answer, a.answer


def test_people_counted_in_ge_are_people(docs):
    a = docs.ask("乙校的博士生导师，2024年度部门决算写的人数比2023年度部门决算写的多了几个？")
    assert a.value == pytest.approx(56) and a.unit == "人", a.answer


def test_an_area_compared_across_years_is_an_area(docs):
    a = docs.ask("乙校的校舍面积，2023年部门决算里写的和2024年度部门决算里写的比，增加了多少万平方米？")
    assert abs(a.value or 0) == pytest.approx(12) and a.unit == "万平方米", a.answer
