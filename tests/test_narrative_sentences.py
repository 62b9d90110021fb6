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


def _chunks(*texts: str):
    from qa.types import Chunk

    return [Chunk(i, "d.txt", 1, "五、支出决算具体情况", 0, 0, t, t) for i, t in enumerate(texts)]


def test_a_passage_opening_inside_an_item_is_read_under_that_item():
    from types import SimpleNamespace

    from qa.narrative import _sentences
    from qa.types import Hit

    chunks = _chunks("9、城乡社区支出（类）城乡社区规划与管理（项）。主要用于：规划编制。",
                     "年初预算为 3110.14 万元，支出决算为 2739.56 万元。决算数小于预算数的主要原因：政府采购流程未及时完毕。\n"
                     "（三）其他说明。\n本年无其他事项。")
    sentences = _sentences([Hit(chunks[1], 1.0)], SimpleNamespace(chunks=chunks))
    assert all("城乡社区规划与管理" in s.under for s in sentences[:2]), [(s.text, s.under) for s in sentences]
    assert sentences[-1].under == "", sentences[-1]  # another numbered heading closes the item


REASONS = """上海市普陀区样例局2024年部门决算
第三部分 2024年度部门决算情况说明
十一、机关运行经费支出情况说明
本表反映部门年度一般公共预算机关运行经费支出情况。
2024年本部门一般公共预算机关运行经费支出 1579.38 万元，与上年相比减少4039.93万元，减少71.89 %。主要原因是此项支出口径有所变动，不再包含项目支出中的运行经费。
十二、绩效管理工作开展情况
样例局全面推开零基预算改革，将公共项目从原来的 56 项整合为 6 大专项、17 个子项。
"""


@pytest.fixture(scope="module")
def bureau(assistant_over):
    return assistant_over({"yangliju_2024_bumen_juesuan.txt": REASONS})


def test_a_figure_asked_why_brings_the_reason_told_after_it(bureau):
    answer = bureau.ask("样例局2024年机关运行经费比上年少了七成多，是怎么回事？")
    assert "口径有所变动" in answer.answer, answer.answer


def test_a_budget_word_in_a_term_is_no_stage(bureau):
    answer = bureau.ask("样例局在推零基预算改革时，把原来的公共项目整合成了什么样的结构？")
    assert answer.answerable and "17 个子项" in answer.answer, answer.answer  # 零基预算 asks no 预算 document
