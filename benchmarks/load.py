"""Load check of the HTTP API: N concurrent clients for S seconds on 127.0.0.1.

    python benchmarks/load.py [--index DIR | --build-hash] [--clients 20] [--seconds 60]

Starts `qa serve` in a subprocess on a free loopback port, waits until /health
answers, then runs the clients (threads, one keep-alive connection each), each
sending a mix of /ask (numeric and narrative questions, one a follow-up with
history), /search and /health until the time is up. Prints requests, errors
(target 0), throughput and latency percentiles per endpoint, then stops the
server. An error is a failed request, a status other than 200, or an answer
that differs from the first answer to the same question. --build-hash indexes
the seeds with the hash embedder into a temporary folder (no model needed).
Exit status 1 if there were errors, 2 if the server did not come up.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FUND = "中小企业中心2024年住房公积金支出多少？"
NUMERIC = [
    {"question": "武汉市中小企业发展促进中心2024年公务接待费花了多少元？"},
    {"question": FUND},
    {"question": "那2026年预算呢？", "history": [{"role": "user", "content": FUND}]},
    {"question": "经信局2024年“三公”经费决算是多少？"},
    {"question": "硚口区企业服务中心2024年一般公共预算财政拨款支出是多少万元？"},
]
NARRATIVE = [
    {"question": "经信局2024年因公出国（境）费为什么增加？"},
    {"question": "经信局的部门主要职责有哪些？"},
    {"question": "中小企业中心2024年决算中“三公”经费是指什么？"},
    {"question": "武昌区科创人才中心的主要职责是什么？"},
]
SEARCHES = ["经信局2024年机关运行经费", "武昌区科创人才中心 主要职责", "住房公积金", "硚口区企业服务中心 政府采购"]
# endpoint, share of requests
MIX = [("ask numeric", 0.35), ("ask narrative", 0.35), ("search", 0.2), ("health", 0.1)]
MAX_CLIENTS, MAX_SECONDS, MAX_REQUESTS = 64, 600, 200_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: str, port: int, log) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    cmd = [sys.executable, "-m", "qa.cli", "serve", "--index", index, "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 180) -> dict | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            r = httpx.get(f"{base}/health", timeout=5)
            if r.status_code == 200:
                return r.json()
            if r.status_code == 503:
                return None  # up, but without an index: the body says why
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    return None


def request(client: httpx.Client, endpoint: str, rng: random.Random) -> tuple[str, object]:
    """Send one request; the key and the part of the response that must not change."""
    if endpoint == "health":
        r = client.get("/health")
        r.raise_for_status()
        return "health", r.json()["status"]
    if endpoint == "search":
        q = rng.choice(SEARCHES)
        r = client.get("/search", params={"q": q, "k": 5})
        r.raise_for_status()
        return q, [(h["doc"], h["span"]) for h in r.json()["hits"]]
    body = rng.choice(NUMERIC if endpoint == "ask numeric" else NARRATIVE)
    r = client.post("/ask", json=body)
    r.raise_for_status()
    a = r.json()
    return json.dumps(body, ensure_ascii=False), [a["answer"], a["value"], a["unit"], [c["doc"] for c in a["citations"]]]


def client_loop(n: int, base: str, deadline: float, results: list, first: dict, lock: threading.Lock, budget: list):
    rng = random.Random(n)
    names, weights = zip(*MIX)
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            endpoint = rng.choices(names, weights)[0]
            started = time.perf_counter()
            error = None
            try:
                key, outcome = request(client, endpoint, rng)
                with lock:
                    if first.setdefault(key, outcome) != outcome:
                        error = f"inconsistent answer for {key}"
            except (httpx.HTTPError, KeyError, ValueError) as e:
                detail = e.response.text[:200] if isinstance(e, httpx.HTTPStatusError) else ""
                error = f"{type(e).__name__}: {e} {detail}".strip()
            results.append((endpoint, (time.perf_counter() - started) * 1000, error))


def percentile(sorted_ms: list[float], p: float) -> float:
    return sorted_ms[max(0, math.ceil(p / 100 * len(sorted_ms)) - 1)] if sorted_ms else float("nan")


def report(results: list, seconds: float) -> int:
    by: dict[str, list] = defaultdict(list)
    for endpoint, ms, error in results:
        by[endpoint].append((ms, error))
        by["all"].append((ms, error))
    print(f"{'endpoint':<14}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50':>8}{'p90':>8}{'p95':>8}{'p99':>8}{'max':>8}  (ms)")
    for endpoint in [name for name, _ in MIX] + ["all"]:
        rows = by.get(endpoint, [])
        ms = sorted(m for m, _ in rows)
        errors = sum(1 for _, e in rows if e)
        figures = "".join(f"{percentile(ms, p):>8.0f}" for p in (50, 90, 95, 99)) + f"{(ms[-1] if ms else 0):>8.0f}"
        print(f"{endpoint:<14}{len(rows):>9}{errors:>7}{len(rows) / seconds:>8.1f}{figures}")
    errors = [e for _, _, e in results if e]
    for message, count in sorted(((m, errors.count(m)) for m in set(errors)), key=lambda x: -x[1])[:10]:
        print(f"  {count} × {message}")
    return len(errors)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=str(ROOT / "index"))
    ap.add_argument("--build-hash", action="store_true", help="Index the seeds with the hash embedder first.")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--max-requests", type=int, default=MAX_REQUESTS)
    args = ap.parse_args()
    clients, seconds = min(max(args.clients, 1), MAX_CLIENTS), min(max(args.seconds, 1), MAX_SECONDS)
    with tempfile.TemporaryDirectory(prefix="qa-load-") as tmp:
        index = args.index
        if args.build_hash:
            from qa import build

            index = str(Path(tmp) / "index")
            build([ROOT / "corpus"], index, embedder="hash")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log_path = Path(tmp) / "server.log"
        with open(log_path, "wb") as log:
            server = start_server(index, port, log)
            try:
                started = time.monotonic()
                health = wait_ready(base, server)
                if health is None:
                    print(f"the server did not come up; its log:\n{log_path.read_text(errors='replace')[-3000:]}")
                    return 2
                print(f"server ready in {time.monotonic() - started:.1f}s on {base}: {health}")
                print(f"{clients} clients for {seconds:g}s …", flush=True)
                results, first, lock, budget = [], {}, threading.Lock(), [args.max_requests]
                deadline = time.monotonic() + seconds
                t0 = time.monotonic()
                threads = [threading.Thread(target=client_loop, args=(n, base, deadline, results, first, lock, budget))
                           for n in range(clients)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                errors = report(results, time.monotonic() - t0)
            finally:
                server.terminate()
                try:
                    server.wait(15)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
        log_text = log_path.read_text(errors="replace")
        if "Traceback" in log_text:
            print(f"the server logged a traceback:\n{log_text[-3000:]}")
            errors += 1
    print(f"errors: {errors} (target 0)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
