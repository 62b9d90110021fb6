"""Tables and facts reach SQLite, survive incremental builds, and `qa sql` reads them."""

import json
import sqlite3

from click.testing import CliRunner

from qa import build, store
from qa.cli import cli


def _db(index):
    return sqlite3.connect(store.current_build_dir(index) / "qa.sqlite")


def test_facts_are_stored_with_provenance(seed_index):
    con = _db(seed_index)
    row = con.execute(
        "SELECT organisation, year, stage, table_code, table_kind, value, value_wan, amount_wan, unit, row_text "
        "FROM facts WHERE doc = '000_74bc31ce8dbb1072.txt' AND row_label = '福利费'"
    ).fetchone()
    assert row[:9] == ("武汉市中小企业发展促进中心", 2024, "决算", "公开06表", "basic_expenditure_detail", "28.07", "28.07", 28.07, "万元")
    assert "30229\t福利费\t28.07" in row[9]
    kinds = {k for (k,) in con.execute("SELECT kind FROM tables WHERE doc = '000_74bc31ce8dbb1072.txt'")}
    assert {"income_expenditure_summary", "expenditure", "three_public", "basic_expenditure_detail"} <= kinds
    # every fact points at its table
    assert con.execute("SELECT count(*) FROM facts WHERE table_id NOT IN (SELECT id FROM tables)").fetchone()[0] == 0


def test_views_answer_common_questions_in_one_line(seed_index):
    con = _db(seed_index)
    rows = con.execute(
        "SELECT basis, value_wan FROM three_public WHERE doc = '004_dffd60e37681229a.txt' AND measure = '三公经费合计' ORDER BY basis"
    ).fetchall()
    assert rows == [("决算数", "69.55"), ("预算数", "70.07")]


def test_incremental_build_keeps_facts(tmp_path, small_corpus):
    index = tmp_path / "index"
    build([small_corpus], index, embedder="hash")
    before = _db(index).execute("SELECT doc, row_label, column_label, value FROM facts ORDER BY doc, id").fetchall()
    again = build([small_corpus], index, embedder="hash")
    assert again.read == [] and again.facts == len(before) > 100
    after = _db(index).execute("SELECT doc, row_label, column_label, value FROM facts ORDER BY doc, id").fetchall()
    assert after == before


def test_qa_sql_json_rows(seed_index):
    result = CliRunner().invoke(
        cli, ["sql", "SELECT organisation, value FROM basic_expenditure WHERE row_label = '差旅费' ORDER BY amount_wan DESC", "--json", "--index", str(seed_index)]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows[0] == {"organisation": "武汉市经济和信息化局", "value": "103.21"}


def test_qa_sql_refuses_writes_with_a_message(seed_index):
    result = CliRunner().invoke(cli, ["sql", "DELETE FROM facts", "--index", str(seed_index)])
    assert result.exit_code == 1 and "only SELECT" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["sql", "SELECT * FROM sqlite_master", "--index", str(seed_index)])
    assert result.exit_code == 1 and "sqlite_master" in result.output
