import json
import shutil
from pathlib import Path

import pytest

from qa import QAError, Retriever, build
from qa import store
from qa.embed import HashEmbedder


def test_build_then_search_finds_the_passage(seed_index):
    r = Retriever.open(seed_index)
    hits = r.search("武汉市中小企业发展促进中心2024年公务接待费", k=5)
    assert hits and all(h.doc == "000_74bc31ce8dbb1072.txt" for h in hits)
    assert any("公务接待费" in h.text for h in hits)
    h = hits[0]
    assert h.section and h.page is None and h.score > 0


def test_filters_keep_organisations_apart(seed_index):
    r = Retriever.open(seed_index)
    for q, doc in [
        ("经信局2024年机关运行经费", "004_dffd60e37681229a.txt"),
        ("硚口区企业服务中心2024年机关运行经费", "002_12d88111db7f2822.txt"),
        ("中小企业中心2026年委托业务费预算", "001_22ce73ebe3650ec1.txt"),
    ]:
        assert {h.doc for h in r.search(q, k=5)} == {doc}


def test_explicit_filters_and_modes(seed_index):
    r = Retriever.open(seed_index)
    hits = r.search("机关运行经费", k=3, filters={"years": [2026]}, mode="bm25")
    assert hits and {h.chunk.year for h in hits} == {2026}
    assert r.search("机关运行经费", filters={"years": [2031]}) == []


def test_incremental_build_reuses_unchanged_files(tmp_path, small_corpus):
    index = tmp_path / "index"
    first = build([small_corpus], index, embedder="hash")
    assert sorted(first.read) == sorted(p.name for p in small_corpus.iterdir())
    second = build([small_corpus], index, embedder="hash")
    assert second.read == [] and sorted(second.reused) == sorted(first.read)
    assert second.embedded == 0 and second.chunks == first.chunks
    # same search results from the reused vectors
    a = Retriever.open(index).search("公务接待费", k=3, infer=False)
    assert a and all(h.chunk.id < second.chunks for h in a)
    changed = small_corpus / "000_74bc31ce8dbb1072.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附注：新增一句。", encoding="utf-8")
    third = build([small_corpus], index, embedder="hash")
    assert third.read == ["000_74bc31ce8dbb1072.txt"] and third.reused == ["002_12d88111db7f2822.txt"]


def test_bad_files_are_skipped_and_reported(tmp_path, small_corpus):
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (small_corpus / "notes.docx").write_bytes(b"PK")
    report = build([small_corpus], tmp_path / "index", embedder="hash")
    skipped = {Path(f).name: reason for f, reason in report.skipped}
    assert set(skipped) == {"empty.txt", "broken.pdf", "notes.docx"}
    assert "empty" in skipped["empty.txt"] and "unsupported" in skipped["notes.docx"]
    assert report.documents == 2 and not report.ok
    manifest = json.loads((store.current_build_dir(tmp_path / "index") / "manifest.json").read_text())
    assert len(manifest["skipped"]) == 3


def test_failed_build_leaves_previous_index_usable(tmp_path, small_corpus, monkeypatch):
    index = tmp_path / "index"
    build([small_corpus], index, embedder="hash")
    before = store.current_build_dir(index)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "write_build", boom)
    (small_corpus / "000_74bc31ce8dbb1072.txt").write_text("2025年度某中心单位决算公开\n新内容。", encoding="utf-8")
    with pytest.raises(RuntimeError):
        build([small_corpus], index, embedder="hash")
    assert store.current_build_dir(index) == before
    assert len(list(index.glob("build-*"))) == 1  # the half-written build was removed
    assert Retriever.open(index).search("公务接待费", k=1, infer=False)


def test_nothing_readable_raises_and_keeps_index(tmp_path, small_corpus):
    index = tmp_path / "index"
    build([small_corpus], index, embedder="hash")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    with pytest.raises(QAError, match="empty.txt"):
        build([bad], index, embedder="hash")
    assert Retriever.open(index).documents


def test_querying_with_another_embedder_is_refused(seed_index):
    from qa.errors import EmbedderMismatch

    with pytest.raises(EmbedderMismatch, match="hash-256"):
        Retriever.open(seed_index, embedder="e5-small")
    with pytest.raises(EmbedderMismatch):
        Retriever(store.open_build(seed_index), embedder=HashEmbedder(dim=64))


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(QAError, match="qa build"):
        Retriever.open(tmp_path / "nowhere")


def test_new_extraction_version_rereads_but_reuses_vectors(tmp_path, small_corpus, monkeypatch):
    import importlib

    module = importlib.import_module("qa.build")
    index = tmp_path / "index"
    first = build([small_corpus], index, embedder="hash")
    monkeypatch.setattr(module, "EXTRACT_VERSION", 999)
    again = build([small_corpus], index, embedder="hash")
    assert sorted(again.read) == sorted(first.read) and again.reused == []
    assert again.embedded == 0 and again.chunks == first.chunks
