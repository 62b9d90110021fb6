"""Rows under a named 科目 (功能分类 类/款/项): "X下的Y", "X（款）下A、B两项合计".
A 项 name such as 行政运行 recurs under many 款; the one asked is the one under X,
and where X has no such row the answer declines. Synthetic document: runs anywhere.
"""

from __future__ import annotations

import pytest


BUDGET = """2025年度样例街道办事处部门预算
第一部分 样例街道办事处概况
一、主要职责
样例街道办事处负责辖区公共服务。
第二部分 2025年度部门预算表
2025年部门支出预算总表
单位：元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t1000\t600\t400
201\t一般公共服务支出\t300\t100\t200
20101\t人大事务\t300\t100\t200
2010101\t行政运行\t100\t100\t0
2010102\t一般行政管理事务\t200\t0\t200
212\t城乡社区支出\t700\t500\t200
21201\t城乡社区管理事务\t700\t500\t200
2120101\t行政运行\t500\t500\t0
2120104\t城管执法\t200\t0\t200
"""


@pytest.fixture(scope="module")
def street(assistant_over):
    return assistant_over({"street_2025.txt": BUDGET})


@pytest.mark.parametrize("question,value", [
    ("样例街道2025年城乡社区管理事务（款）下的行政运行预算是多少元？", 500),
    ("样例街道2025年一般公共服务支出下的行政运行预算是多少元？", 100),
    ("样例街道2025年城乡社区管理事务（款）下行政运行、城管执法两项合计多少元？", 700),
    ("样例街道2025年人大事务下面行政运行和一般行政管理事务加起来多少元？", 300),
])
def test_the_row_under_the_subject_named(street, question, value):
    answer = street.ask(question)
    assert answer.value == pytest.approx(value), answer.answer


def test_a_row_not_under_the_subject_named_is_declined(street):
    answer = street.ask("样例街道2025年一般公共服务支出下的城管执法预算是多少元？")
    assert answer.value is None and not answer.answerable, answer.answer


def test_a_count_asked_is_never_served_an_amount(street):
    """"有几个项级科目？哪个金额最大？": the number asked is the count; the largest row is a name."""
    answer = street.ask("样例街道2025年人大事务下面有几个项级科目？哪个金额最大？")
    assert answer.value in (None, 2), answer.answer
    assert answer.unit in (None, "个"), answer.answer
