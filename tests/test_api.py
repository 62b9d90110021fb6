"""The HTTP API (qa/api.py) against the seeds indexed with the hash embedder."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from click.testing import CliRunner  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from qa import Assistant  # noqa: E402
from qa.api import create_app  # noqa: E402
from qa.cli import cli  # noqa: E402

RECEPTION = "武汉市中小企业发展促进中心2024年公务接待费花了多少元？"
FUND = "中小企业中心2024年住房公积金支出多少？"
LEAKS = ("Traceback", 'File "', "sqlite3.", "qa/", "Error:")


@pytest.fixture(scope="module")
def client(seed_index):
    with TestClient(create_app(seed_index)) as c:  # `with` runs the startup (lifespan)
        yield c


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    assert not any(leak in response.text for leak in LEAKS), response.text
    return body["error"]


# -- happy paths ----------------------------------------------------------------------------


def test_health(client):
    body = client.get("/health").json()
    assert body == {"status": "ok", "documents": 5, "chunks": body["chunks"], "embedder": "hash-256"}
    assert body["chunks"] > 100


def test_ask_numeric_answer_contract(client):
    r = client.post("/ask", json={"question": RECEPTION, "id": "q1"})
    assert r.status_code == 200, r.text
    a = r.json()
    assert set(a) == {"id", "answer", "answerable", "value", "unit", "route", "sql", "citations", "latency_ms", "routing", "plan"}
    assert a["id"] == "q1" and a["answerable"] is True
    assert a["routing"]["kind"] == "numeric" and a["routing"]["reason"]
    assert a["value"] == 5600 and a["unit"] == "元" and a["route"] == "sql" and "SELECT" in a["sql"]
    assert a["citations"] and set(a["citations"][0]) == {"doc", "page", "section", "table", "text"}
    assert a["latency_ms"] >= 0


def test_ask_matches_the_library_contract(client, seed_index):
    library = Assistant.open(seed_index).ask(FUND).to_dict()
    served = client.post("/ask", json={"question": FUND}).json()
    assert {**served, "latency_ms": None} == json.loads(json.dumps({**library, "latency_ms": None}))


def test_ask_follow_up_uses_history(client):
    first = client.post("/ask", json={"question": FUND}).json()
    assert first["value"] == 66.74
    history = [{"role": "user", "content": FUND}, {"role": "assistant", "content": first["answer"]}]
    follow = client.post("/ask", json={"question": "那2026年预算呢？", "history": history}).json()
    assert follow["value"] == 73.31 and follow["citations"][0]["doc"] == "001_22ce73ebe3650ec1.txt"
    assert follow["id"] is None


def test_ask_narrative_and_unanswerable(client):
    duties = client.post("/ask", json={"question": "经信局的部门主要职责有哪些？"}).json()
    assert duties["answerable"] is True and duties["citations"]
    missing = client.post("/ask", json={"question": "武昌区科创人才中心2025年度决算支出总额是多少？"}).json()
    assert missing["answerable"] is False and missing["value"] is None


def test_search_get_and_post(client):
    r = client.get("/search", params={"q": "经信局2024年机关运行经费", "k": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["filters"]["organisations"] == ["武汉市经济和信息化局"] and len(body["hits"]) == 3
    assert all(h["organisation"] == "武汉市经济和信息化局" for h in body["hits"])
    assert {"doc", "page", "section", "text", "score", "year", "stage", "span"} <= set(body["hits"][0])
    posted = client.post("/search", json={"q": "经信局2024年机关运行经费", "k": 3}).json()
    assert [h["text"] for h in posted["hits"]] == [h["text"] for h in body["hits"]]


def test_search_explicit_filters_and_modes(client):
    r = client.get("/search", params={"q": "住房公积金", "organisation": "中小企业中心", "year": 2026, "stage": "预算", "mode": "bm25"})
    body = r.json()
    assert body["filters"] == {"organisations": ["武汉市中小企业发展促进中心"], "years": [2026], "stages": ["预算"]}
    assert body["hits"] and all(h["doc"] == "001_22ce73ebe3650ec1.txt" for h in body["hits"])
    dense = client.post("/search", json={"q": "住房公积金", "mode": "dense", "k": 50, "infer": False}).json()
    assert len(dense["hits"]) == 50 and dense["filters"] == {"organisations": [], "years": [], "stages": []}


def test_sql(client):
    r = client.post("/sql", json={"query": "SELECT name, year, stage FROM documents ORDER BY name", "max_rows": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["name", "year", "stage"] and body["truncated"] is True
    assert body["rows"][0] == ["000_74bc31ce8dbb1072.txt", 2024, "决算"] and len(body["rows"]) == 2
    all_rows = client.post("/sql", json={"query": "SELECT count(*) FROM documents"}).json()
    assert all_rows == {"columns": ["count(*)"], "rows": [[5]], "truncated": False}
    odd = client.post("/sql", json={"query": "SELECT 1e999, -1e999, x'00ff'"}).json()
    assert odd["rows"] == [["inf", "-inf", "00ff"]]  # JSON has no infinity or bytes


def test_documents(client):
    docs = client.get("/documents").json()
    assert len(docs) == 5
    first = docs[0]
    assert first["name"] == "000_74bc31ce8dbb1072.txt" and first["organisation"] == "武汉市中小企业发展促进中心"
    assert first["year"] == 2024 and first["stage"] == "决算" and first["scope"] == "单位" and first["pages"] == 1


def test_openapi_lists_every_endpoint(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert set(paths) >= {"/ask", "/search", "/sql", "/documents", "/health"}
    assert set(paths["/search"]) == {"get", "post"} and "post" in paths["/ask"] and "post" in paths["/sql"]
    assert {"AskRequest", "AnswerOut", "SearchOut", "SQLRequest", "SQLOut", "ErrorOut"} <= set(schema["components"]["schemas"])
    assert client.get("/docs").status_code == 200


# -- bad requests ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, payload, status, says",
    [
        ("/ask", {}, 422, "question"),
        ("/ask", {"question": ""}, 422, "question"),
        ("/ask", {"question": "   "}, 422, "empty"),
        ("/ask", {"question": "经信局？", "history": [{"role": "robot", "content": "x"}]}, 422, "role"),
        ("/ask", {"question": 42}, 422, "question"),
        ("/search", {"q": "x", "k": 0}, 422, "k"),
        ("/search", {"q": "x", "mode": "bogus"}, 422, "mode"),
        ("/search", {"q": ""}, 422, "q"),
        ("/sql", {"query": "DROP TABLE documents"}, 400, "only SELECT"),
        ("/sql", {"query": "SELECT * FROM sqlite_master"}, 400, "not allowed"),
        ("/sql", {"query": "SELECT nope FROM documents"}, 400, "no such column"),
        ("/sql", {"query": "SELECT 1", "max_rows": 0}, 422, "max_rows"),
    ],
)
def test_bad_requests_are_clear_json_errors(client, path, payload, status, says):
    assert says in _error(client.post(path, json=payload), status)


def test_bad_query_parameters(client):
    assert "k" in _error(client.get("/search", params={"q": "x", "k": 0}), 422)
    assert "mode" in _error(client.get("/search", params={"q": "x", "mode": "bogus"}), 422)
    assert "q" in _error(client.get("/search"), 422)


def test_malformed_json_and_unknown_routes(client):
    r = client.post("/ask", content=b'{"question": "x",', headers={"content-type": "application/json"})
    assert "malformed JSON" in _error(r, 400)
    r = client.post("/ask", content='{"question": "经信局三公经费"}'.encode(), headers={"content-type": "text/plain"})
    assert "Content-Type: application/json" in _error(r, 422)
    assert "object" in _error(client.post("/ask", json=["经信局三公经费"]), 422)
    _error(client.get("/nowhere"), 404)
    _error(client.get("/ask"), 405)


def test_slow_sql_is_stopped(client, monkeypatch):
    monkeypatch.setattr("qa.api.SQL_TIMEOUT_S", 0.2)
    r = client.post("/sql", json={"query": "SELECT count(*) FROM chunks a, chunks b, chunks c"})
    assert "stopped" in _error(r, 400)


def test_unexpected_errors_are_500_without_details(seed_index, caplog):
    class Broken(Assistant):
        def ask(self, question, history=None):
            raise RuntimeError("secret internals /tmp/x.py")

    app = create_app(assistant=Broken.open(seed_index))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/ask", json={"question": "经信局三公经费？"})
        assert r.status_code == 500 and r.json() == {"error": "internal error"}
        assert any(rec.exc_info and "secret internals" in str(rec.exc_info[1]) for rec in caplog.records)
        assert c.get("/health").json()["status"] == "ok"


def test_missing_index_starts_and_reports_503(tmp_path):
    with TestClient(create_app(tmp_path / "none")) as c:
        r = c.get("/health")
        assert r.status_code == 503 and r.json()["status"] == "unavailable"
        assert "no index" in r.json()["error"]
        assert "no index" in _error(c.post("/ask", json={"question": "经信局三公经费？"}), 503)
        assert "no index" in _error(c.get("/documents"), 503)
        assert c.get("/openapi.json").status_code == 200


def test_picks_up_an_index_built_after_startup(tmp_path, small_corpus):
    from qa import build

    index = tmp_path / "index"
    with TestClient(create_app(index)) as c:
        assert c.get("/health").status_code == 503
        build([small_corpus], index, embedder="hash")
        c.app.state.qa.tried = -1e9  # skip the retry pause
        assert c.get("/health").json()["documents"] == 2


# -- concurrency ----------------------------------------------------------------------------


def test_concurrent_requests_agree(client):
    def one(i: int):
        if i % 2:
            r = client.get("/search", params={"q": "经信局2024年机关运行经费", "k": 5})
            return "search", r.status_code, [h["text"] for h in r.json()["hits"]]
        r = client.post("/ask", json={"question": RECEPTION})
        return "ask", r.status_code, (r.json()["value"], r.json()["unit"], len(r.json()["citations"]))

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, range(32)))
    assert all(status == 200 for _, status, _ in results)
    for kind in ("ask", "search"):
        outcomes = [json.dumps(out, ensure_ascii=False) for k, _, out in results if k == kind]
        assert len(set(outcomes)) == 1, kind
    assert json.loads([json.dumps(o) for k, _, o in results if k == "ask"][0])[:2] == [5600, "元"]


# -- the command ----------------------------------------------------------------------------


def test_serve_command_help_and_bad_option():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.output and "--index" in result.output
    result = CliRunner().invoke(cli, ["serve", "--port", "99999"])
    assert result.exit_code == 2 and "99999" in result.output


def test_cli_does_not_import_fastapi_until_serve_runs():
    import subprocess
    import sys

    code = "import sys, qa.cli; print('fastapi' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_serve_without_the_extra_says_how_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "qa.api", None)  # as if fastapi were missing
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 1 and "pip install 'qa[api]'" in result.output
