"""What a build reports about files that are not ordinary documents (issue 10):
copies under another name, stray bytes, scanned pages, folder notes, and the
CLI over a folder of unreadable uploads (case 15)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa import Assistant, Retriever, build, ocr
from qa.cli import cli

from .conftest import SHARED

SEED = "000_74bc31ce8dbb1072.txt"
OTHER = "002_12d88111db7f2822.txt"
# A small synthetic disclosure (fictitious body), with a table row the SQL path can answer from.
DISCLOSURE = """2024 年度武汉市样例数据服务中心
单位决算公开

第一部分 武汉市样例数据服务中心概况

一、单位主要职责

武汉市样例数据服务中心主要负责数据目录的维护。

第二部分 武汉市样例数据服务中心2024年度单位决算表

2024年度一般公共预算财政拨款基本支出决算明细表

单位：万元

经济分类科目编码\t科目名称\t决算数
301\t工资福利支出\t111.26
30101\t基本工资\t80.00
30113\t住房公积金\t31.26

第三部分 2024年度单位决算情况说明

一、差旅费支出情况说明

2024年度差旅费支出决算为6.80万元，主要用于数据质量现场核查。
"""


def _build(folder, index):
    return build([folder], index, embedder="hash")


def _cli(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# -- copies -------------------------------------------------------------------------------------------------------------

def test_a_copy_under_another_name_is_read_once_and_reported(tmp_path, small_corpus):
    shutil.copy(small_corpus / SEED, small_corpus / "000_74bc31ce8dbb1072 (1).txt")
    report = _build(small_corpus, tmp_path / "index")
    assert report.documents == 2 and report.ok
    copy, original = str(small_corpus / "000_74bc31ce8dbb1072 (1).txt"), str(small_corpus / SEED)
    assert report.duplicates == [(copy, original, "file")]
    assert (copy, f"duplicate of {SEED} (identical file, same sha256); not indexed again") in report.warnings
    hits = Retriever.open(tmp_path / "index").search("公务接待费", k=10, infer=False)
    assert hits and len({h.chunk.indexed for h in hits}) == len(hits)
    assert "000_74bc31ce8dbb1072 (1).txt" not in {h.doc for h in hits}
    manifest = json.loads((Path(report.index) / (Path(report.index) / "CURRENT").read_text() / "manifest.json").read_text())
    assert manifest["duplicates"] == [{"file": copy, "same_as": original, "same": "file"}]


def test_copies_stay_consistent_across_incremental_builds(tmp_path):
    folder, index = tmp_path / "corpus", tmp_path / "index"
    folder.mkdir()
    (folder / "shili (1).txt").write_text(DISCLOSURE, encoding="utf-8")
    first = _build(folder, index)
    assert first.read == ["shili (1).txt"] and not first.duplicates
    (folder / "shili.txt").write_text(DISCLOSURE, encoding="utf-8")  # the original name, added later
    for _ in range(2):  # the file indexed before keeps its name (and citations), on every rebuild
        again = _build(folder, index)
        assert again.reused == ["shili (1).txt"] and again.read == [] and again.embedded == 0
        assert [(Path(f).name, Path(g).name) for f, g, _ in again.duplicates] == [("shili.txt", "shili (1).txt")]
        assert again.documents == 1
    (folder / "shili (1).txt").unlink()
    last = _build(folder, index)
    assert last.read == ["shili.txt"] and not last.duplicates and last.documents == 1


def test_the_same_text_in_another_encoding_is_a_copy_too(tmp_path, small_corpus):
    text = (small_corpus / SEED).read_text(encoding="utf-8")
    (small_corpus / "zz_gbk_copy.txt").write_bytes(text.encode("gb18030"))
    report = _build(small_corpus, tmp_path / "index")
    assert report.documents == 2
    assert [(Path(f).name, how) for f, _, how in report.duplicates] == [("zz_gbk_copy.txt", "text")]
    assert any("same text" in why for f, why in report.warnings if f.endswith("zz_gbk_copy.txt"))
    again = _build(small_corpus, tmp_path / "index")  # reused: the copy is still recognised
    assert [Path(f).name for f, _, _ in again.duplicates] == ["zz_gbk_copy.txt"] and again.read == []


def test_a_copy_of_an_unreadable_file_is_skipped_with_it(tmp_path, small_corpus):
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "empty (1).txt").write_bytes(b"")
    report = _build(small_corpus, tmp_path / "index")
    skipped = {Path(f).name: why for f, why in report.skipped}
    assert skipped["empty.txt"] == "the file is empty"  # the shorter name is the one read
    assert skipped["empty (1).txt"] == "same content as empty.txt, which could not be read: the file is empty"
    assert not report.duplicates and not report.ok


# -- what readers repaired ----------------------------------------------------------------------------------------------

def test_stray_bytes_are_reported_on_every_build(tmp_path):
    folder, index = tmp_path / "corpus", tmp_path / "index"
    folder.mkdir()
    data = DISCLOSURE.encode("utf-8")
    line = data[: data.index("住房公积金".encode())].count(b"\n") + 1
    (folder / "stray.txt").write_bytes(data.replace("住房公积金".encode(), b"\xff" + "住房公积金".encode(), 1))
    note = f"1 invalid byte (not UTF-8) replaced by U+FFFD at line {line}"
    for expect_read in (True, False):
        report = _build(folder, index)
        assert (report.read == ["stray.txt"]) is expect_read and report.ok
        assert (str(folder / "stray.txt"), note) in report.warnings
    info = _cli("info", "--index", str(index))
    assert note in info.output and "武汉市样例数据服务中心" in info.output


def test_pages_read_by_ocr_are_marked_in_the_index(tmp_path, monkeypatch):
    pytest.importorskip("pypdf", reason="pypdf (the test extra) makes the test PDFs")
    from PIL import Image

    from .pdfs import image_page_pdf

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_image", lambda image, threads=2: "2024年度武汉市样例扫描中心单位决算公开\n住房公积金 31.26")
    folder = tmp_path / "corpus"
    folder.mkdir()
    image_page_pdf(folder / "scan.pdf", Image.new("RGB", (600, 800), "gray"))
    report = _build(folder, tmp_path / "index")
    assert report.read == ["scan.pdf"] and any("page 1 read by OCR" in why for _, why in report.warnings)
    data = json.loads(_cli("info", "--index", str(tmp_path / "index"), "--json").output)
    assert [(d["name"], d["organisation"], d["ocr_pages"]) for d in data["documents"]] == [("scan.pdf", "武汉市样例扫描中心", [1])]
    assert "text by OCR: page 1" in _cli("info", "--index", str(tmp_path / "index")).output


def test_a_folders_readme_is_not_a_document(tmp_path, small_corpus):
    (small_corpus / "README.md").write_text("# 示例档案服务中心2024年决算\n说明这些文件。", encoding="utf-8")
    report = _build(small_corpus, tmp_path / "index")
    assert report.documents == 2 and report.ok
    assert any(f.endswith("README.md") and "not indexed" in why for f, why in report.warnings)
    named = build([small_corpus / "README.md"], tmp_path / "other", embedder="hash")  # named as a file: read
    assert named.read == ["README.md"]


# -- the CLI over unreadable uploads (case 15) --------------------------------------------------------------------------

@pytest.fixture
def uploads(tmp_path, monkeypatch):
    """Case 15 made here: encrypted, restricted, scanned, empty and normal files (no OCR installed)."""
    pytest.importorskip("pypdf", reason="pypdf (the test extra) makes the test PDFs")
    from PIL import Image

    from .pdfs import image_page_pdf, text_pdf

    monkeypatch.setattr(ocr, "available", lambda: False)
    folder = tmp_path / "uploads"
    folder.mkdir()
    lines = ["2024年度武汉市样例统计服务中心单位决算公开", "住房公积金决算20.00万元。"]
    text_pdf(folder / "dangan_encrypted.pdf", lines, user="secret", owner="owner")
    text_pdf(folder / "tongji_restricted.pdf", lines, owner="owner")
    image_page_pdf(folder / "saomiao_scan.pdf", Image.new("RGB", (600, 800), "gray"))
    (folder / "kong_empty.txt").write_bytes(b"")
    (folder / "shili.txt").write_text(DISCLOSURE, encoding="utf-8")
    (folder / "shili (1).txt").write_text(DISCLOSURE, encoding="utf-8")
    return folder


def test_build_names_each_unreadable_upload_and_indexes_the_rest(tmp_path, uploads):
    index = str(tmp_path / "index")
    result = _cli("build", str(uploads), "--index", index, "--embedder", "hash")
    assert result.exit_code == 1
    out = result.output
    assert f"Skipped {uploads / 'dangan_encrypted.pdf'}: the PDF is encrypted (needs a password)" in out
    assert f"Skipped {uploads / 'saomiao_scan.pdf'}: image-only PDF (no text layer); install qa[ocr] to read it by OCR" in out
    assert f"Skipped {uploads / 'kong_empty.txt'}: the file is empty" in out
    assert f"Warning {uploads / 'shili (1).txt'}: duplicate of shili.txt (identical file" in out
    assert "3 file(s) skipped" in out and "Indexed 2 documents" in out
    info = json.loads(_cli("info", "--index", index, "--json").output)
    assert sorted(d["name"] for d in info["documents"]) == ["shili.txt", "tongji_restricted.pdf"]
    assert len(info["skipped"]) == 3 and any("duplicate" in w["reason"] for w in info["warnings"])


def test_a_question_about_a_skipped_files_body_is_declined(tmp_path, uploads):
    from qa import Assistant

    build([uploads], tmp_path / "index", embedder="hash")
    answer = Assistant.open(tmp_path / "index").ask("武汉市样例档案服务中心2024年住房公积金决算是多少？")
    assert answer.answerable is False and answer.value is None


def test_the_shared_case_folders_when_present(tmp_path):
    cases = SHARED / "cases"
    if not (cases / "15-unreadable-uploads").is_dir() or not (cases / "06-duplicate-document").is_dir():
        pytest.skip(f"shared case files not present ({cases})")
    result = _cli("build", str(cases / "15-unreadable-uploads"), "--index", str(tmp_path / "i15"), "--embedder", "hash")
    assert result.exit_code == 1
    for name, why in [("dangan_2024_juesuan_encrypted.pdf", "encrypted (needs a password)"),
                      ("saomiao_2024_juesuan_scan.pdf", "image-only PDF (no text layer)"), ("kong_empty.txt", "the file is empty")]:
        assert f"{name}: the" in result.output or f"{name}: image-only" in result.output
        assert why in result.output
    names = {d["name"] for d in json.loads(_cli("info", "--index", str(tmp_path / "i15"), "--json").output)["documents"]}
    assert names == {"shili_2024_juesuan.txt", "tongji_2024_juesuan_restricted.pdf"}
    report = build([cases / "06-duplicate-document"], tmp_path / "i06", embedder="hash")
    assert report.documents == 1 and [Path(f).name for f, _, _ in report.duplicates] == ["shili_2024_juesuan (1).txt"]
    hits = Retriever.open(tmp_path / "i06").search("三公经费减少的原因", k=4)
    assert len({(h.chunk.indexed) for h in hits}) == len(hits)


def test_a_failure_reading_figures_in_table_rows_keeps_the_document(tmp_path, small_corpus, monkeypatch):
    import importlib

    module = importlib.import_module("qa.build")  # the module, not the function qa exports under that name

    def boom(chunks):
        raise ValueError("odd row")

    monkeypatch.setattr(module, "table_row_facts", boom)
    report = build([small_corpus], tmp_path / "index", embedder="hash")
    assert len(report.read) == 2 and not report.skipped  # both documents indexed, sentences' figures kept
    assert any(why == "figures in table rows not extracted (ValueError: odd row)" for _, why in report.warnings)
    answer = Assistant.open(tmp_path / "index").ask("中小企业中心2024年公务接待费是多少？")
    assert answer.value == 0.56
