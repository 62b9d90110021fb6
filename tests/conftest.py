"""Shared fixtures: a small corpus and an index built with the hash embedder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa import build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """The five seeds indexed with the deterministic hash embedder."""
    index = tmp_path_factory.mktemp("index")
    build([CORPUS], index, embedder="hash")
    return index


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    """Two seed documents copied into a fresh folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("000_74bc31ce8dbb1072.txt", "002_12d88111db7f2822.txt"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def assistant_over(tmp_path_factory):
    """``assistant_over({"name.txt": text, …})``: an Assistant over a small
    synthetic corpus, indexed with the hash embedder."""
    from qa import Assistant

    def make(files: dict[str, str]) -> "Assistant":
        folder = tmp_path_factory.mktemp("corpus")
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        build([folder], folder / "index", embedder="hash")
        return Assistant.open(folder / "index")

    return make
