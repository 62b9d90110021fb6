"""A why-question that quotes the change ("比上年多了两千六百多万，原因是什么？") is answered with the
passage that states that change and the reason given for it, not with another item's reason that
shares its words; when several figures fit the quote, or the figure has no reason beside it, the
passages are read as before. Synthetic documents: these tests run anywhere.
"""

from __future__ import annotations

import pytest

BUDGET = """2019年度戊院部门预算
第一部分 戊院概况
一、主要职责
戊院负责审判事务。
第三部分 2019年度部门预算情况说明
一、支出预算情况
（三）住房保障支出（类）
1．住房改革支出（款）住房公积金（项）支出1879.36万元，与上年相比增加481.1万元，增长34.41%。主要原因是调整了住房公积金标准增加的支出。
2．住房保障（类）支出7344.46万元，主要用于提租补贴、住房公积金支出。与上年相比增加2627.95万元，增长55.72%。主要原因是调整了提租补贴、住房公积金标准。
三、困难和挑战
2019年预算执行总体平稳，但也面临一些困难和挑战，主要是：收支矛盾突出，平衡难度较大；预算编制不够细化；部分项目执行进度偏慢。
二、项目支出情况
项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少13.22%。主要原因一是贯彻厉行节约规定，压减一般性支出；二是取消了700万元培训费收入。
"""


@pytest.fixture(scope="module")
def docs(assistant_over):
    return assistant_over({"wuyuan_2019_yusuan.txt": BUDGET})


def test_the_passage_stating_the_quoted_change_gives_the_reason(docs):
    a = docs.ask("戊院2019年住房保障支出比上年多了两千六百多万，原因是什么？")
    assert "提租补贴、住房公积金标准" in a.answer, a.answer
    assert "481.1" not in a.answer, a.answer  # the 项's change and reason are another item's


def test_a_reason_in_parts_is_given_whole(docs):
    a = docs.ask("戊院2019年项目支出预算为什么比上年少了1237.7万元？")
    assert "厉行节约" in a.answer and "700万元培训费" in a.answer, a.answer


def test_quoted_figures_are_read_as_ranges():
    from decimal import Decimal

    from qa.understand.figures import quoted_figures, states

    (rough,) = quoted_figures("比上年多了两千六百多万")
    assert rough == (Decimal(2600), Decimal(2700), "万元")
    assert states("增加2,627.95万元", rough) and not states("增加481.1万元", rough)
    assert quoted_figures("三公经费是多少？") == ()


def test_a_list_a_sentence_opens_is_given_to_its_end(docs):
    a = docs.ask("戊院2019年预算执行面临哪些困难和挑战？")
    assert "收支矛盾突出" in a.answer and "预算编制不够细化" in a.answer and "执行进度偏慢" in a.answer, a.answer
