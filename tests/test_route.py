"""Routing golden file (tests/golden/routes.tsv), follow-up resolution and declines."""

from pathlib import Path

import pytest

from qa import Assistant
from qa.route import route
from qa.understand import parse

GOLDEN = Path(__file__).parent / "golden" / "routes.tsv"
CATALOG = [
    ("武汉市中小企业发展促进中心", 2024, "决算"),
    ("武汉市中小企业发展促进中心", 2026, "预算"),
    ("武汉市硚口区企业服务中心", 2024, "决算"),
    ("武昌区科技创新和人才服务中心", 2024, "决算"),
    ("武汉市经济和信息化局", 2024, "决算"),
]


def _rows():
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            question, kind = line.rsplit("\t", 1)
            yield pytest.param(question, kind, id=question[:16])


@pytest.mark.parametrize("question,kind", list(_rows()))
def test_route_golden(question, kind):
    decision = route(parse(question, CATALOG))
    assert decision.kind == kind, decision.reason
    assert 0 < decision.confidence <= 1 and decision.reason


def _user(*turns):
    return [{"role": "user", "content": t} for t in turns]


@pytest.mark.parametrize(
    "history,question,orgs,years,stages,must",
    [
        (_user("中小企业中心2024年住房公积金支出多少？"), "那2026年预算呢？", ("武汉市中小企业发展促进中心",), (2026,), ("预算",), "住房公积金"),
        (_user("武汉市中小企业发展促进中心2024年三公经费花了多少？"), "其中公务接待费多少？", ("武汉市中小企业发展促进中心",), (2024,), (), "公务接待费"),
        (_user("经信局2024年政府采购一共花了多少？"), "其中授予中小企业的占比多少？", ("武汉市经济和信息化局",), (2024,), (), "政府采购"),
        (_user("中小企业中心2024年三公经费和2023年比怎么样？"), "为什么？", ("武汉市中小企业发展促进中心",), (2023, 2024), (), "三公"),
        (_user("经信局2024年机关运行经费是多少？"), "那武昌区科创人才中心的呢？", ("武昌区科技创新和人才服务中心",), (2024,), (), "机关运行经费"),
        (_user("经信局2024年机关运行经费是多少？"), "硚口区企业服务中心的主要职责是什么？", ("武汉市硚口区企业服务中心",), (), (), "主要职责"),
    ],
)
def test_follow_ups_carry_context(history, question, orgs, years, stages, must):
    plan = parse(question, CATALOG, history)
    scope = plan.scope
    assert (scope.organisations, scope.years, scope.stages) == (orgs, years, stages)
    assert must in plan.query + scope.item


def test_follow_up_answers_in_a_conversation(seed_index):
    chat = Assistant.open(seed_index).conversation()
    assert chat.ask("武汉市中小企业发展促进中心2024年三公经费花了多少？").value == 2.23
    answer = chat.ask("其中公务接待费多少？")
    assert answer.value == 0.56 and answer.citations[0].doc == "000_74bc31ce8dbb1072.txt"


@pytest.mark.parametrize(
    "question,says",
    [
        ("武汉市中小企业发展促进中心2025年三公经费决算是多少？", "2024"),  # another year: points to what exists
        ("武昌区科创人才中心2025年度决算支出总额是多少？", "武昌区科技创新和人才服务中心"),
        ("武汉市江汉区财政局2024年三公经费是多少？", "江汉区财政局"),  # an organisation not in the corpus
        ("2024年公务接待费是多少？", "请指明单位"),  # no organisation: never guess one
        ("经信局2024年会议费的年初预算是多少？", "年初预算"),  # a figure the documents do not disclose
        ("今天天气怎么样？", "范围"),
    ],
)
def test_honest_declines(seed_index, question, says):
    answer = Assistant.open(seed_index).ask(question)
    assert answer.answerable is False and answer.value is None
    assert says in answer.answer
