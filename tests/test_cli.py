import json

from click.testing import CliRunner

from qa.cli import cli

from .conftest import ROOT


def _run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_ask_json_contract(seed_index):
    result = _run("ask", "中小企业中心2024年决算中“三公”经费是指什么？", "--index", str(seed_index), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"answer", "answerable", "value", "unit", "route", "sql", "citations"}
    assert data["answerable"] is True and data["citations"]
    assert all(c["doc"] == "000_74bc31ce8dbb1072.txt" for c in data["citations"])


def test_ask_jsonl_batch_keeps_order_and_ids(seed_index):
    questions = [
        {"id": "x1", "question": "经信局的部门主要职责有哪些？"},
        {"id": "x2", "question": "武昌区科创人才中心2025年度决算支出总额是多少？", "history": []},
    ]
    stdin = "\n".join(json.dumps(q, ensure_ascii=False) for q in questions) + "\n"
    result = _run("ask", "--jsonl", "--index", str(seed_index), input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["x1", "x2"]
    assert out[0]["answerable"] is True and out[0]["latency_ms"] >= 0
    # 2025 决算 of that organisation is not in the corpus: an honest decline
    assert out[1]["answerable"] is False and out[1]["value"] is None
    assert "2024" in out[1]["answer"]  # points to what is disclosed


def test_info_lists_documents(seed_index):
    result = _run("info", "--index", str(seed_index), "--json")
    data = json.loads(result.output)
    assert data["embedder"] == "hash-256" and len(data["documents"]) == 5 and data["chunks"] > 100


def test_build_exit_status_reports_skipped(tmp_path, small_corpus):
    (small_corpus / "bad.pdf").write_bytes(b"nope")
    result = CliRunner().invoke(cli, ["build", str(small_corpus), "--index", str(tmp_path / "i"), "--embedder", "hash"])
    assert result.exit_code == 1
    assert "bad.pdf" in result.output and "Indexed 2 documents" in result.output


def test_errors_are_messages_not_tracebacks(tmp_path):
    result = CliRunner().invoke(cli, ["ask", "什么？", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1 and "Error: no index" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "missing"), "--index", str(tmp_path / "i"), "--embedder", "hash"])
    assert result.exit_code == 1 and "missing" in result.output


def test_chat_repl_keeps_the_conversation(seed_index):
    session = "中小企业中心2024年住房公积金支出多少？\n那2026年预算呢？\n/reset\n那2026年预算呢？\n/quit\n"
    result = CliRunner().invoke(cli, ["chat", "--index", str(seed_index)], input=session)
    assert result.exit_code == 0, result.output
    assert "66.74" in result.output and "73.31" in result.output
    assert "conversation cleared" in result.output
    # after /reset the bare follow-up has no earlier subject to lean on
    assert "住房公积金为73.31" not in result.output.split("conversation cleared")[1]


def test_ask_jsonl_one_failing_question_loses_nothing(seed_index, monkeypatch):
    import qa.answer

    real = qa.answer.answer_question

    def flaky(retriever, question, history=None, k=10):
        if "炸" in question:
            raise RuntimeError("boom")
        return real(retriever, question, history, k)

    monkeypatch.setattr(qa.answer, "answer_question", flaky)
    lines = [{"id": "a", "question": "经信局2024年三公经费是多少？"}, {"id": "b", "question": "炸"},
             {"id": "c", "question": "中小企业中心2024年住房公积金支出多少？"}]
    stdin = "\n".join(json.dumps(q, ensure_ascii=False) for q in lines) + "\n"
    result = CliRunner().invoke(cli, ["ask", "--jsonl", "--index", str(seed_index)], input=stdin)
    answers = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [a["id"] for a in answers] == ["a", "b", "c"]
    assert answers[1]["answerable"] is False and "内部错误" in answers[1]["answer"] and answers[2]["value"] == 66.74
    assert result.exit_code == 1 and "stdin line 2" in result.stderr
