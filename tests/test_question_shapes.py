"""How questions are read into plans: shapes people use that name a stage,
a year, a level or a part without saying so outright. Parse-level, no index."""

from __future__ import annotations

from qa.understand import edit, parse
from qa.understand.asks import wanted_kinds
from qa.understand.phrases import item_of, operation_of, wanted_unit

CATALOG = [("西南大学", 2023, "决算"), ("西南大学", 2024, "预算"), ("西南大学", 2024, "决算"),
           ("江苏省高级人民法院", 2019, "预算"), ("江苏省人民检察院", 2019, "预算"),
           ("上海市普陀区商务委员会", 2025, "预算"), ("深圳市", 2025, "预算")]


def test_安排_of_a_year_with_both_documents_is_the_预算():
    plan = parse("西南大学2024年高等教育（项）这一块，财政拨款安排了多少？", CATALOG)
    assert plan.operands[0].stages == ("预算",)
    assert parse("西南大学2024年高等教育实际支出了多少？", CATALOG).operands[0].stages != ("预算",)


def test_现在_is_the_latest_year_published():
    assert parse("请问西南大学现在有多少名专任教师？", CATALOG).operands[0].years == (2024,)


def test_a_part_占_a_share_of_the_whole():
    assert operation_of("其中因公出国（境）费占了多少？") == "share" and operation_of("其中税收占多少？") == "share"


def test_organisations_of_a_level_are_no_level_of_government():
    plan = parse("江苏两个省级部门（省法院、省检察院）2019年预算公开里，哪家车辆最多？", CATALOG)
    assert {s.scope for s in plan.operands} == {""} and {s.item for s in plan.operands} == {"车辆"}


def test_a_quoted_name_keeps_its_level_word():
    plan = parse("普陀商务委2025年贸易高质量发展专项里，“市级支持总部经济”给了多少？", CATALOG)
    assert "市级支持总部经济" in plan.operands[0].item and plan.operands[0].scope == ""


def test_an_execution_rate_s_item_is_named_before_the_rate():
    plan = parse("西南大学2024年本年支出决算数，是当年部门预算中本年支出预算的百分之多少？", CATALOG)
    assert plan.op == "execution" and plan.operands[0].item == "本年支出"


def test_a_rate_named_by_its_item_is_asked_in_percent():
    assert parse("西南大学2024年教育事业收入增长率是多少？", CATALOG).unit == "%"


def test_counts_in_their_own_units():
    assert wanted_unit("帮代办业务做了多少家次？") == "家次" and wanted_kinds("做了多少家次？") == ("家次",)
    assert wanted_unit("多了几个人？") == "人" and wanted_unit("有几台（套）") == "台（套）"


def test_a_demonstrative_year_is_no_item():
    assert "年" not in item_of("那一年还了多少本金？") and "本金" in item_of("那一年还了多少本金？")


def test_a_document_total_asked_without_naming_it():
    assert parse("西南大学2024年预算总共多少钱？", CATALOG).operands[0].item == "收支总计"


def test_the_set_of_projects_asked_over_is_no_item_but_a_self_evaluation_is():
    assert item_of("后附的几个项目绩效目标表里，资金总额最大的是哪个项目？") == "资金总额"
    assert "绩效自评" in item_of("单位整体支出绩效自评得了多少分？") and "绩效自评" in item_of("项目绩效自评的平均分是多少？")
    assert item_of("上了项目绩效目标表的那几个项目，资金加起来一共多少万元？") == "资金"


def test_a_share_with_no_whole_named_is_of_the_item_asked_before():
    history = [{"role": "user", "content": "西南大学2024年政府采购一共多少钱？"}, {"role": "assistant", "content": "15346.4万元"}]
    plan = parse("授予中小企业的合同金额占了多大比例？", CATALOG, history)
    assert plan.op == "ratio" and [s.item for s in plan.operands][1] == "政府采购"


def test_two_organisations_asked_one_figure_each_never_one_of_them():
    plan = parse("江苏省高级人民法院和江苏省人民检察院2019年的三公经费预算是多少？", CATALOG)
    assert plan.op == "list" and plan.by == "organisations" and len(plan.operands) == 2
    assert parse("江苏省高级人民法院和江苏省人民检察院2019年的三公经费预算差了多少万元？", CATALOG).op == "diff"


def test_a_category_follow_up_is_the_same_whole_s_category():
    first = parse("上海市普陀区商务委员会2025年政府采购预算是多少？", CATALOG)
    assert edit(first, parse("服务类的呢？", CATALOG)).operands[0].item == "政府采购中的服务"
    goods = parse("上海市普陀区商务委员会2025年政府采购货物预算是多少？", CATALOG)
    assert edit(goods, parse("那工程呢？", CATALOG)).operands[0].item == "政府采购工程"


def test_a_dimension_to_group_by_is_no_part_of_the_item():
    assert item_of("社保基金分险种看，哪个险种年末滚存结余最多？") == "社保基金年末滚存结余"
    assert item_of("一般公共预算财政拨款的项目支出，按项级科目看哪一项最多？") == "一般公共预算财政拨款的项目支出"
