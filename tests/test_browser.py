"""The web chat in a real browser: app.py in a subprocess, Debian's Chromium
driven by Playwright (never `playwright install`: its download is not used).

Screenshots go to a temporary folder and, when $QA_SCREENSHOTS names a
folder, there too. Skipped only when /usr/bin/chromium is missing outside CI.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
STARTUP_S = 60
ANSWER_MS = 30_000


def _require(ok: bool, why: str) -> None:
    if not ok:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(why)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_serving(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"app.py exited with status {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"app.py did not serve {url} within {STARTUP_S}s:\n{log.read_text(errors='replace')[-3000:]}")


def _sync_playwright():
    """Playwright's sync API, or a skip (outside CI) / failure (in CI) saying what is missing."""
    _require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install -y chromium)")
    try:
        import gradio  # noqa: F401
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        _require(False, f"the browser test needs gradio and playwright: pip install -e '.[test]' ({e})")
    return sync_playwright


@pytest.fixture(scope="module")
def app_url(seed_index, tmp_path_factory):
    """app.py serving a copy of the hash-embedder seed index on a free local port."""
    _sync_playwright()
    port, folder = _free_port(), tmp_path_factory.mktemp("app")
    index, log = folder / "index", folder / "app.log"
    shutil.copytree(seed_index, index)  # uploads rebuild it
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"}
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--index", str(index), "--port", str(port)],
                                cwd=log.parent, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_serving(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def page(app_url):
    with _sync_playwright()() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.offsite, tab.errors = [], []
        tab.on("request", lambda r: tab.offsite.append(r.url) if not r.url.startswith((app_url, "data:", "blob:")) else None)
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        tab.goto(app_url, timeout=STARTUP_S * 1000)
        tab.wait_for_selector("#question textarea", timeout=STARTUP_S * 1000)
        yield tab
        browser.close()


def _ask(page, question: str, cited_doc: str) -> str:
    """Ask, wait until the citations name ``cited_doc``; the chat's text."""
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_function("doc => document.querySelector('#citations').innerText.includes(doc)",
                           arg=cited_doc, timeout=ANSWER_MS)
    page.wait_for_timeout(300)
    return page.inner_text("#chat")


def _screenshot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    if os.environ.get("QA_SCREENSHOTS"):
        folder = Path(os.environ["QA_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / name)


def test_numeric_then_narrative_question_in_the_browser(page, tmp_path):
    started = time.monotonic()
    chat = _ask(page, "武汉市中小企业发展促进中心2024年公务接待费花了多少元？", "000_74bc31ce8dbb1072.txt")
    assert "5600" in chat and "元" in chat
    assert "公务接待费" in page.inner_text("#citations")
    _screenshot(page, tmp_path, "browser-numeric.png")

    chat = _ask(page, "经信局的部门主要职责有哪些？", "004_dffd60e37681229a.txt")
    assert "经信局的部门主要职责有哪些？" in chat and "工业和信息化" in chat.split("经信局的部门主要职责有哪些？")[-1]
    assert "部门主要职责" in page.inner_text("#citations")
    _screenshot(page, tmp_path, "browser-narrative.png")

    assert not page.errors, page.errors
    assert not page.offsite, f"the page reached beyond the app: {page.offsite[:5]}"
    assert time.monotonic() - started < 60


def test_an_uploaded_document_is_indexed_and_answered(page, tmp_path):
    doc = tmp_path / "upload_demo.txt"
    doc.write_text("武汉市样例服务中心2024年度部门决算\n第一部分 武汉市样例服务中心概况\n一、部门主要职责\n"
                   "武汉市样例服务中心负责样例检验和标准宣贯。\n", encoding="utf-8")
    page.click("#upload-block button")
    page.set_input_files("#upload input[type=file]", str(doc))
    page.wait_for_selector("#upload :text('upload_demo.txt')", timeout=ANSWER_MS)
    page.click("#add")
    page.wait_for_function("() => document.querySelector('#upload-status').innerText.includes('索引现有 6 个文档')",
                           timeout=90_000)
    assert "upload_demo.txt" in page.inner_text("#upload-status")
    chat = _ask(page, "样例服务中心的主要职责是什么？", "upload_demo.txt")
    assert "样例检验和标准宣贯" in chat
    _screenshot(page, tmp_path, "browser-upload.png")
