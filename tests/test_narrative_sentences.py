"""The sentences a narrative answer quotes are whole and say something:

- a numbered heading standing alone ("（八）外事科。") brings the lines under it;
- a PDF's visual lines are joined back into sentences before they are split;
- a term asked "是什么意思" beside "安排了多少" gets its definition and its figure.

Small synthetic documents, so these tests run anywhere.
"""

from __future__ import annotations

import pytest

from qa.narrative import _lines

OFFICE = """上海市普陀区样例办公室2025年部门预算
第一部分 部门概况
一、主要职责
（一）综合科。
负责机关日常运转，承担文电、会务、机要、档案等工作。
（八）外事科。
审核本区各部门报请区政府审批的外事文件，办理本区干部因公临时出国（境）的报批手续。
负责本区与国外友好城市交往活动的组织工作。
第二部分 2025年部门预算情况说明
一、收支预算总体情况
2025年收入预算总计1,000.00万元，支出预算总计1,000.00万元。
三、单位预留机动经费
2025年单位预留机动经费预算数为50.00万元。
七、名词解释
单位预留机动经费：指预算单位年初预留用于年度执行中增人、增资等不可预见支出的经费。
"""


@pytest.fixture(scope="module")
def office(assistant_over):
    return assistant_over({"yangli_bangongshi_2025_bumen_yusuan.txt": OFFICE})


def test_visual_lines_are_joined_back_into_sentences():
    text = "单位预留机动经费：指预算单位年初预留用于年度执行中增人、增" + " " * 0 + "\n资等不可预见支出的经费。\n科目编码\t科目名称\t金额"
    lines = _lines(text)
    assert lines[0].endswith("增人、增资等不可预见支出的经费。") and lines[-1].startswith("科目编码\t")


def test_a_heading_brings_the_lines_under_it(office):
    answer = office.ask("样例办公室的外事科主要负责什么？")
    assert answer.answerable and "审核本区各部门" in answer.answer


def test_a_definition_asked_beside_a_figure_gets_both(office):
    answer = office.ask("样例办公室2025年的“单位预留机动经费”是什么意思？安排了多少？")
    assert answer.value == pytest.approx(50) and answer.unit == "万元"
    assert "不可预见支出" in answer.answer and answer.route == "both"
