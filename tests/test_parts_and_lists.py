"""Parts of a whole, as documents state them and as people ask for them.

A "其中：A …；B …" list that runs over several lines and sentences; a whole
followed by "包括：" and its members; a project's 明细测算 table printed inside
another table; thresholds (单价20万元以上); counts in 万人 and amounts in a bare
万. Small synthetic documents, so these tests run anywhere.
"""

from __future__ import annotations

import pytest

from qa.prose_facts import document_text_facts
from qa.understand import parse

REPORT = """关于样例市2024年全市和市本级决算草案的报告
一、2024年全市和市本级决算情况
（一）一般公共预算
全市一般公共预算支出1100.40亿元。
（二）政府债务
省财政厅核定我市2024年政府债务限额2100.00亿元。全市政府债务余额2050.60亿元。
（三）其他需要说明的情况
1.“三公”经费情况。2024 年，市本级“三公”经费财政拨款支出 11731.1 万元，较预算减少 16.3%。其中：因公出国（境）费
支出 462.1 万元，较预算减少 12.7%；
公务接待费 675.5 万元，较预算减少 51.8%；公务用车购置及运行维护费 10593.5 万元，较预算减少 12.3%。
（四）民生和转贷
1.民生实事。2024年，通过惠民惠农“一卡通”发放补贴33.6亿元，惠及群众206.7万人。
2.转贷情况。转贷区级178.6亿元，包括：甲区6.8亿元、乙区13亿元、丙区37.5亿元、丁区0.9亿元。
（六）重点支出
支出决算有关具体情况：全市一般公共预算支出 1663.94
亿元，增长 2.28%。其中：教育支出 310.59 亿元，同比增长 3.75%；
科学技术支出 88.79 亿元，同比增长 5.49%；交通运输支出 36.73 亿元，同比下降 1.2%。
（五）专项资金
专项资金项目总预算1170.00万，其中支持企业规模化发展870.00万，支持企业协同化发展300.00万。
"""

UNIT = """样例中心2026年单位预算
第一部分 单位概况
一、主要职责
样例中心负责中小企业服务。
第二部分 2026年单位预算表
一般公共预算基本支出表
单位：万元
科目编码\t科目名称\t合计\t人员经费\t公用经费
\t合计\t100.00\t80.00\t20.00
30201\t办公费\t12.00\t\t12.00
30211\t差旅费\t\t\t
项目支出表
单位：万元
\t来源项目\t\t金额\t
\t合计\t\t45.8\t
项目当年资金来源\t1. 一般公共预算财政拨款\t\t45.8\t
\t项目支出明细测算\t\t\t
项目活动\t活动内容表述\t支出经济分类\t金额\t测算依据及说明
园区保障\t园区物业管理服务\t物业管理费\t8.3\t根据往年协议测算。
\t学习、考察、调研等\t差旅费\t1.5\t学习考察。
服务体系建设\t平台运营\t委托业务费\t15\t平台运营服务。
\t政策研究\t委托业务费\t10\t研究。
\t品牌宣传\t委托业务费\t11\t宣传。
第三部分 情况说明
单价20万元（含）以上的设备6台（套）。
"""


@pytest.fixture(scope="module")
def city(assistant_over):
    return assistant_over({"yangli_report.txt": REPORT})


@pytest.fixture(scope="module")
def unit(assistant_over):
    return assistant_over({"yangli_unit_2026.txt": UNIT})


def test_a_list_that_opens_with_其中_names_each_part_under_the_whole():
    class Chunk:
        section, text = "（三）其他需要说明的情况", REPORT.split("（三）其他需要说明的情况\n")[1].split("（四）")[0]

    labels = {f.context: f.value for _, f in document_text_facts([Chunk()], {"genre": "政府决算报告", "year": 2024})}
    whole = "市本级“三公”经费财政拨款支出"
    assert str(labels[f"{whole} 公务接待费"]) == "675.5"  # after a "；" and a line break, still a part
    assert str(labels[f"{whole} 公务接待费 较预算减少"]) == "51.8"  # its change is the part's, not the whole's
    assert str(labels[whole]) == "11731.1"


def test_a_part_is_answered_and_the_whole_is_not_a_part(city):
    part = city.ask("样例市市本级2024年三公经费中的公务接待费是多少？")
    assert part.value == pytest.approx(675.5) and part.unit == "万元", part.answer
    whole = city.ask("样例市市本级2024年三公经费是多少万元？")
    assert whole.value == pytest.approx(11731.1), whole.answer
    share = city.ask("样例市市本级2024年公车购置和运维占三公的多少？")
    assert share.value == pytest.approx(90.3, abs=0.01), share.answer


def test_the_whole_area_asked_is_met_by_a_figure_stated_for_我市(city):
    answer = city.ask("样例市2024年底全市政府债务余额离省里核定的限额还差多少？")
    assert answer.value == pytest.approx(49.4) and answer.unit == "亿元", answer.answer


def test_a_count_of_people_is_never_served_as_money(city):
    answer = city.ask("样例市2024年惠民惠农一卡通惠及了多少群众？")
    assert answer.value == pytest.approx(206.7) and answer.unit == "万人", answer.answer


def test_a_bare_万_is_万元(city):
    answer = city.ask("样例市2024年专项资金里支持企业规模化发展有多少万元？")
    assert answer.value == pytest.approx(870) and answer.unit == "万元", answer.answer


def test_members_listed_after_包括_rank_both_ends(city):
    answer = city.ask("样例市2024年转贷给各区的额度，最多和最少的分别是哪个区？")
    assert answer.value is None and "最高的是丙区" in answer.answer and "最低的是丁区" in answer.answer, answer.answer
    top = city.ask("样例市2024年转贷给各区的额度里，哪个区分得最多？")
    assert top.value == pytest.approx(37.5), top.answer


def test_both_ends_is_part_of_the_plan():
    plan = parse("2024年转贷给各区的额度，最多和最少的分别是哪个区？", [("样例市", 2024, "决算")])
    assert plan.op == "rank" and plan.both_ends and "both" in plan.describe()


def test_a_titled_table_inside_a_table_is_read_as_its_own(unit):
    answer = unit.ask("样例中心2026年的委托业务费拆开看，哪一笔最大？")
    assert answer.value == pytest.approx(15) and "平台运营" in answer.answer, answer.answer
    park = unit.ask("样例中心2026年预算里，园区的物业管理费安排了多少？")
    assert park.value == pytest.approx(8.3), park.answer


def test_one_activity_s_line_is_not_the_unit_s_figure(unit):
    travel = unit.ask("样例中心2026年差旅费预算是多少？")  # the unit's row is blank; one activity's 差旅费 is 1.5
    assert travel.value is None and travel.answerable is False, travel.answer
    funds = unit.ask("样例中心2026年一般公共预算财政拨款支出预算是多少？")
    assert funds.value != pytest.approx(45.8), funds.answer  # a project's fund source is not the unit's total


def test_a_threshold_asked_is_the_threshold_stated(unit):
    other = unit.ask("样例中心单价100万元以上的设备有多少台？")
    assert other.value is None, other.answer
    same = unit.ask("样例中心单价20万元以上的设备有多少台？")
    assert same.value == pytest.approx(6) and same.unit == "台（套）", same.answer  # as the document counts equipment


def test_listed_parts_rank_by_their_stated_growth(city):
    fastest = city.ask("样例市2024年全市一般公共预算支出中，报告点名的几项重点支出哪一项增长最快？")
    assert "增长最快的是科学技术支出" in fastest.answer, fastest.answer
    falls = city.ask("样例市2024年全市一般公共预算支出中，点名的几项重点支出哪一项下降最多？")
    assert "交通运输支出" in falls.answer.split("。")[0], falls.answer


def test_two_items_joined_by_和_share_a_modifier_said_once():
    from qa.understand.items import item_splits

    assert item_splits("公务用车购置和运行维护一共多少", "sum")[0] == ("公务用车购置", "公务用车运行维护")
    assert item_splits("因公出国（境）费和接待费合计多少", "sum")[0] == ("因公出国（境）费", "接待费")  # an item of its own


def test_a_list_not_told_apart_is_declined_with_a_reason(unit):
    answer = unit.ask("样例中心2026年项目绩效目标表中，中央专项——设备购置项目、房屋修缮项目、基础设施改造项目，年度资金总额加起来多少？")
    assert answer.value is None and not answer.answerable
    assert "未能分清" in answer.answer and "逐项" in answer.answer, answer.answer  # never one cell served as the sum
