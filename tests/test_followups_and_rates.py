"""Follow-ups that lean on the turn before (the unit, the level, the item said
shorter, "离…还差"), and stated rates checked against the figures they round."""

from __future__ import annotations

from decimal import Decimal

from qa.cells import Cell
from qa.rates import _published_or_computed
from qa.types import Answer
from qa.understand import parse
from qa.understand.plan import Plan, Selection

CITIES = [("郑州市", 2023, "决算"), ("深圳市", 2024, "执行情况"), ("深圳市", 2025, "预算"), ("合肥市", 2024, "决算"),
          ("西南大学", 2021, "预算"), ("西南大学", 2024, "决算")]


def turn(question: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": "……"}]


def test_a_follow_up_naming_no_item_keeps_the_kind_of_number():
    plan = parse("2021年预算里写的是多少？", CITIES, turn("西大现在有多少专任教师？"))
    assert plan.unit == "人" and plan.operands[0].item == "专任教师"
    assert plan.operands[0].organisations == ("西南大学",) and plan.operands[0].years == (2021,)


def test_离_after_a_balance_is_the_limit_minus_that_balance_at_the_same_level():
    plan = parse("离省里核定的限额还有多少空间？", CITIES, turn("郑州2023年末市级政府债务余额多少？"))
    assert plan.op == "diff" and [s.item for s in plan.operands] == ["政府债务限额", "政府债务余额"]
    assert {s.scope for s in plan.operands} == {"市级"}


def test_an_item_said_shorter_is_the_item_before_with_its_new_qualifier():
    plan = parse("那2025年预算里当年的基金收入安排了多少？", CITIES, turn("深圳2024年全市政府性基金预算收入多少？"))
    assert plan.operands[0].item == "政府性基金预算当年收入" and plan.operands[0].years == (2025,)


def test_a_new_question_without_a_place_keeps_the_level_asked_before():
    plan = parse("公车购置和运维那块占了三公的多少？", CITIES, turn("合肥市本级2024年“三公”经费财政拨款支出多少？"))
    assert plan.op == "ratio" and [s.item for s in plan.operands][1] == "三公经费"
    assert {s.scope for s in plan.operands} == {"市本级"} and {s.organisations for s in plan.operands} == {("合肥市",)}


def _stated(value: str) -> Cell:
    return Cell("text", 1, "d.txt", "某中心", 2024, "决算", 3, "一般公共预算财政拨款支出 完成年初预算的", "", "",
                Decimal(value), "%", None, f"完成年初预算的{value}%。")


def _computed(value: float) -> Answer:
    return Answer(answer=f"前者完成后者的{value}%（a ÷ b）。[1]", answerable=True, value=value, unit="%")


def test_a_stated_rate_off_by_one_digit_gives_way_to_the_figures():
    plan = Plan("execution", (Selection(("某中心",), (2024,), (), "一般公共预算财政拨款支出"),), unit="%")
    answer = _published_or_computed(plan, _stated("1397.9"), lambda: _computed(3397.85))
    assert answer.value == 3397.85 and "1397.9" in answer.answer  # the slip is named, not served


def test_a_stated_rate_is_kept_when_the_figures_are_another_quantity():
    plan = Plan("execution", (Selection(("某中心",), (2024,), (), "一般公共预算财政拨款支出"),), unit="%")
    answer = _published_or_computed(plan, _stated("1397.9"), lambda: _computed(3.61))
    assert float(answer.value) == 1397.9
    rounded = _published_or_computed(plan, _stated("83"), lambda: _computed(82.46))
    assert rounded.value == 82.46 and "83" in rounded.answer  # a whole percent the document rounded


def _project_row(table_id: int, project: str, value: str | None, label: str = "项目资金（万元）/年度资金总额：") -> Cell:
    return Cell("table", table_id, "swu.pdf", "西南大学", 2024, "预算", 9, label, "", "",
                Decimal(value) if value else None, "万元", Decimal(value) if value else None, "", table=f"{project}绩效目标表",
                measure="预算数", table_kind="performance_targets", row={"table_id": table_id, "column_label": f"{project}/实施单位"},
                score=9.8)


def test_the_same_row_of_every_project_table_is_ranked_only_when_every_table_has_it():
    from qa.breakdown import _parallel_tables

    plan = Plan("rank", (Selection(("西南大学",), (2024,), (), "项目资金总额"),), k=1)
    rows = [_project_row(1, "设备购置项目", "9035"), _project_row(2, "房屋修缮项目", "3532.64"),
            _project_row(3, "基础设施改造项目", "4234.02")]
    ranked = _parallel_tables(rows, plan)
    assert [c.label for c in ranked][0] == "设备购置项目" and len(ranked) == 3
    other = _project_row(4, "教育教学改革专项", "1", label="绩效指标")  # a fourth project table read without that row
    assert _parallel_tables(rows + [other], plan) == []
