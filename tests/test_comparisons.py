"""Two figures compared, or several added: each operand is the figure the question names, or no
number is served. A range compares its ends; a scene-setting "那2019年呢？" leaves the value to the
change asked after it; rows that share a label are added (or listed), never one of them served;
two rows of one frame (…职业年金缴费 / …基本养老保险缴费) never stand in for each other; a
comparison follows the order of its own clause; "X下" ranks X's children, not its grandchildren; a
table the question names ("收支总表里的X") is the one read, for every operand it sets the scene for.
Synthetic documents: these tests run anywhere.
"""

from __future__ import annotations

import pytest


def _budget(year: int, goods: int, retired: int, meetings: int) -> str:
    return f"""{year}年度样例厅部门预算
第一部分 样例厅概况
一、主要职责
样例厅负责样例事务。
第二部分 {year}年度部门预算表
{year}年部门支出预算总表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t{1050 + retired}\t{650 + retired}\t400
201\t一般公共服务支出\t600\t300\t300
20101\t人大事务\t600\t300\t300
2010101\t行政运行\t250\t250\t0
2010102\t一般行政管理事务\t350\t50\t300
208\t社会保障和就业支出\t{450 + retired}\t{350 + retired}\t100
20805\t行政事业单位养老支出\t{400 + retired}\t{300 + retired}\t100
2080501\t行政单位离退休\t{retired}\t{retired}\t0
2080505\t机关事业单位基本养老保险缴费支出\t400\t300\t100
20808\t抚恤\t50\t50\t0
2080801\t死亡抚恤\t30\t30\t0
2080802\t伤残抚恤\t20\t20\t0
{year}年财政拨款支出预算表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
201\t一般公共服务支出\t590\t300\t290
{year}年基本支出预算表
单位：万元
科目编码\t科目名称\t合计
301\t工资福利支出\t300
30101\t基本工资\t200
30102\t津贴补贴\t100
302\t商品和服务支出\t{meetings + 100}
30201\t办公费\t40
30215\t会议费\t{meetings}
30216\t培训费\t60
303\t对个人和家庭的补助\t{retired}
30302\t退休费\t{retired}
{year}年政府采购预算表
单位：万元
项目名称\t采购品目\t采购方式\t合计
合计\t\t\t{goods + 100}
一、货物\t\t\t{goods}
专项会议\t住宿服务\t分散自行组织\t60
业务培训\t住宿服务\t分散自行组织\t40
"""


OTHER = """2019年度另一局部门预算
第一部分 另一局概况
一、主要职责
另一局负责另一事务。
第二部分 2019年度部门预算表
2019年基本支出预算表
单位：万元
科目编码\t科目名称\t合计
302\t商品和服务支出\t90
30215\t会议费\t70
30216\t培训费\t20
"""

REPORT = """关于样例市2023年全市和市本级决算草案的报告
——2024年8月28日在样例市第十六届人民代表大会常务委员会第十次会议上
一、2023年财政决算情况
（一）一般公共预算
全市一般公共预算收入完成404.3亿元，同比增长1.5%，加上上级补助等收入，收入总计997.8亿元；支出完成666.6亿元，同比增长6%，支出总计997.8亿元。
市级一般公共预算完成77.3亿元，同比增长2%，加上上级补助、债务转贷等收入，收入总计646.8亿元；支出完成169.1亿元，同比增长10.8%，支出总计646.8亿元。
"""


ASSETS_FINAL = """2019年度甲局部门决算
第一部分 甲局概况
一、主要职责
甲局负责甲事务。
第三部分 2019年度部门决算情况说明
一、国有资产占用情况说明
截至2019年12月31日，甲局共有车辆3辆，单价100万元（含）以上设备（不含车辆）2台（套）。
"""

ASSETS_BUDGET = """2020年度甲局部门预算
第一部分 甲局概况
一、主要职责
甲局负责甲事务。
第三部分 2020年度部门预算情况说明
一、国有资产占用情况
截至2019年8月31日，甲局共有车辆3辆。单价100万元（含）以上设备（不含车辆）0台（套）。
"""


@pytest.fixture(scope="module")
def docs(assistant_over):
    return assistant_over({
        "yangli_2017.txt": _budget(2017, 500, 700, 90),
        "yangli_2018.txt": _budget(2018, 90, 708, 80),
        "yangli_2019.txt": _budget(2019, 84, 865, 100),
        "lingyi_2019.txt": OTHER,
        "yangli_report_2023.txt": REPORT,
        "jiaju_2019_juesuan.txt": ASSETS_FINAL,
        "jiaju_2020_yusuan.txt": ASSETS_BUDGET,
    })


def test_a_range_compares_its_ends(docs):
    a = docs.ask("样例厅的政府采购预算里，货物类从2017年到二〇一九年减少了多少万元？")
    assert a.value == pytest.approx(416), a.answer  # 500 − 84, never 90 − 84 (the first two of three years)


def test_a_scene_setting_follow_up_serves_the_change_asked_after_it(docs):
    history = [{"role": "user", "content": "样例厅2018年退休费预算是多少？"},
               {"role": "assistant", "content": "2018年退休费预算708万元。"}]
    a = docs.ask("那2019年呢？比2018年多了多少？", history=history)
    assert a.value == pytest.approx(157), a.answer


def test_a_change_on_last_year_from_the_two_levels_when_none_is_stated(docs):
    a = docs.ask("样例厅2019年会议费预算比上年多了多少万元？")
    assert a.value == pytest.approx(20), a.answer


def test_rows_sharing_a_label_are_added_or_listed_never_one_served(docs):
    total = docs.ask("样例厅2019年政府采购预算里，各项“住宿服务”加起来一共多少万元？")
    assert total.value == pytest.approx(100), total.answer
    one = docs.ask("样例厅2019年政府采购预算里住宿服务是多少万元？")
    assert one.value is None, one.answer
    assert "60" in one.answer and "40" in one.answer, one.answer


def test_a_row_of_the_same_frame_never_stands_in(docs):
    a = docs.ask("样例厅2019年机关事业单位职业年金缴费支出预算是多少万元？")
    assert a.value is None, a.answer  # only …基本养老保险缴费支出 (400) is disclosed


def test_a_comparison_follows_its_own_clause(docs):
    a = docs.ask("2019年样例厅和另一局的会议费预算，另一局比样例厅少多少万元？")
    assert a.value == pytest.approx(30), a.answer
    assert a.answer.index("另一局") < a.answer.index("样例厅"), a.answer


def test_the_children_of_the_subject_named_not_its_grandchildren(docs):
    a = docs.ask("样例厅2019年社会保障和就业支出下，金额排最后的是哪个？")
    assert a.value == pytest.approx(50), a.answer  # 抚恤 (款), never 伤残抚恤 (20), a 项 under it
    b = docs.ask("样例厅2019年一般公共服务支出下，金额排最后的是哪个？")
    assert b.value in (None, 250), b.answer  # 人大事务 is its only 款: its 项 are the breakdown


def test_a_fund_said_without_its_side_takes_the_side_its_sentence_names(docs):
    a = docs.ask("样例市2023年市级一般公共预算支出是多少亿元？")
    assert a.value == pytest.approx(169.1), a.answer
    share = docs.ask("样例市2023年市级一般公共预算支出占全市一般公共预算支出的比重是多少？")
    assert share.value is None or share.value == pytest.approx(25.37, abs=0.01), share.answer


def test_the_table_named_is_the_table_read(docs):
    a = docs.ask("样例厅2019年部门支出预算总表里的一般公共服务支出，和财政拨款支出预算表里的一般公共服务支出，差了多少万元？")
    assert a.value == pytest.approx(10), a.answer  # 600 − 590: one row in two tables, never "两者相同"
    b = docs.ask("样例厅2019年财政拨款支出预算表里的一般公共服务支出是多少万元？")
    assert b.value == pytest.approx(590), b.answer


def test_two_rows_compared_read_one_column(docs):
    a = docs.ask("样例厅2019年社会保障和就业支出比一般公共服务支出多多少万元？")
    assert a.value == pytest.approx(715), a.answer  # 1315 − 600, both 合计


def test_a_column_asked_alone_is_the_total_rows(docs):
    a = docs.ask("样例厅2019年部门支出预算总表里的项目支出是多少万元？")
    assert a.value in (None, 400), a.answer  # the 合计 row's 项目支出, never a 科目's (300, 100)


def test_a_share_of_two_parts_added_over_the_whole_named(docs):
    a = docs.ask("样例厅2019年基本支出里的商品和服务支出，会议费占了百分之几？")
    assert a.value == pytest.approx(50), a.answer  # 100 ÷ 200
    b = docs.ask("样例厅2019年基本支出里的商品和服务支出中，会议费和培训费合计占多少比例？")
    assert b.value in (None, 80) or b.value == pytest.approx(80), b.answer  # (100 + 60) ÷ 200, never 50 or 30


def test_a_year_end_stock_is_the_years_final_accounts(docs):
    a = docs.ask("截至2019年12月31日，甲局单价100万元（含）以上的设备（不含车辆）有几台（套）？")
    assert a.value == pytest.approx(2), a.answer  # the 2019 决算's, never the 2020 预算's earlier count (0)
