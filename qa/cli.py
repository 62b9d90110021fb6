"""The ``qa`` command line: a thin edge over the library.

Library errors (:class:`qa.errors.QAError`) become one-line messages and a
non-zero exit status here; nothing below this module prints to the user.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path

import click

from . import config
from .errors import QAError

INDEX_OPTION = click.option(
    "--index",
    "index",
    default=lambda: config.get("index"),
    show_default="./index or $QA_INDEX",
    type=click.Path(file_okay=False),
    help="Index directory.",
)


def friendly(func):
    """Turn QAError into 'Error: …' and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except QAError as e:
            raise click.ClickException(str(e)) from e

    return wrapper


class _Bars:
    """tqdm progress bars on stderr, one per build stage."""

    def __init__(self):
        self.bars = []

    def __call__(self, label: str, total: int):
        from tqdm import tqdm

        self.close()  # one stage at a time
        bar = tqdm(total=total, desc=f"{label:>9}", unit="file" if label == "reading" else "chunk", file=sys.stderr, leave=True)
        self.bars.append(bar)
        return bar.update

    def close(self):
        for bar in self.bars:
            bar.close()
        self.bars = []


@click.group()
@click.version_option(package_name="qa")
def cli():
    """qa — answers with citations from budget and final-account disclosures."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@INDEX_OPTION
@click.option("--embedder", default=lambda: config.get("embedder"), show_default="e5-small", help="Embedding backend.")
@click.option("--threads", default=lambda: int(config.get("threads")), type=int, show_default="2")
@click.option("--aliases", "alias_file", type=click.Path(exists=True, dir_okay=False),
              help="Alias file: lines '简称 = 全称' (an aliases.txt among PATHS is read too).")
@friendly
def build(paths, index, embedder, threads, alias_file):
    """Build the index from PATHS (files or folders; default ./corpus).

    Unchanged files are reused; unreadable ones are reported and skipped;
    copies of a file are indexed once and reported, as are repairs (stray
    bytes replaced, pages read by OCR).
    Exit status: 0 all read (warnings included); 1 some files skipped, or
    nothing built (index unchanged).
    """
    from .build import build as run_build
    from .embed import LICENCE_NOTES

    if embedder in LICENCE_NOTES:
        click.echo(f"Note: {LICENCE_NOTES[embedder]}", err=True)
    bars = _Bars()
    try:
        report = run_build(paths or [config.get("corpus")], index, embedder, threads, progress=bars, aliases=alias_file)
    finally:
        bars.close()
    rate = report.embedded / report.embed_seconds if report.embed_seconds else 0
    click.echo(
        f"Indexed {report.documents} documents, {report.chunks} chunks, {report.facts} table facts into {report.index} "
        f"({len(report.read)} read, {len(report.reused)} unchanged, {report.embedded} chunks embedded"
        + (f" at {rate:.1f}/s" if rate else "")
        + f", {report.seconds:.1f}s)."
    )
    for file, reason in report.warnings:
        click.echo(f"Warning {file}: {reason}", err=True)
    for file, reason in report.skipped:
        click.echo(f"Skipped {file}: {reason}", err=True)
    if report.skipped:
        click.echo(f"{len(report.skipped)} file(s) skipped; the rest were indexed.", err=True)
        sys.exit(1)


def _format(answer) -> str:
    lines = [answer.answer]
    for i, c in enumerate(answer.citations, 1):
        where = c.doc + (f" p.{c.page}" if c.page else "") + (f" · {c.section}" if c.section else "")
        snippet = " ".join(c.text.split())
        lines.append(f"  [{i}] {where}\n      {snippet[:160]}{'…' if len(snippet) > 160 else ''}")
    return "\n".join(lines)


@cli.command()
@click.argument("question", required=False)
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--jsonl", is_flag=True, help="Read questions as JSON lines on stdin, write answers as JSON lines.")
@click.option("-k", default=10, show_default=True, help="Passages to consider.")
@click.option("--explain", is_flag=True, help="Also print the query plan the question was parsed into.")
@friendly
def ask(question, index, as_json, jsonl, k, explain):
    """Answer QUESTION with citations (or a batch with --jsonl)."""
    from .answer import answer_question
    from .retrieve import Retriever
    from .types import Answer

    if not jsonl and not question:
        raise click.UsageError("give a QUESTION, or --jsonl with questions on stdin")
    retriever = Retriever.open(index, threads=int(config.get("threads")))
    if not jsonl:
        answer = answer_question(retriever, question, k=k)
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1) if as_json else _format(answer))
        if explain and not as_json:
            click.echo("\nplan: " + answer.plan.describe() + (f"\nroute: {answer.routing['kind']} ({answer.routing['reason']})"
                                                           if answer.routing else "") + (f"\nsql: {answer.sql}" if answer.sql else ""))
        return
    failed = []
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["question"]
        except (ValueError, KeyError, TypeError) as e:
            raise click.ClickException(f"stdin line {n}: not a question object ({e})") from e
        started = time.perf_counter()
        try:
            answer = answer_question(retriever, text, item.get("history") or [], k=k)
        except Exception as e:  # one question's failure must not lose the rest of the batch
            click.echo(f"stdin line {n}: {type(e).__name__}: {e}", err=True)
            answer = Answer(answer=f"内部错误，未能回答（{type(e).__name__}）。", answerable=False, route="none")
            failed.append(n)
        answer.id = item.get("id")
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
    if failed:  # every line was answered; the exit status still says some answers are errors
        raise click.ClickException(f"{len(failed)} question(s) failed (stdin lines {', '.join(map(str, failed))}); "
                                   "their answers say 内部错误 and the reasons are above")


@cli.command()
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print each answer as JSON.")
@friendly
def chat(index, as_json):
    """Talk to the documents: follow-up questions use the conversation so far.

    Type a question; /reset starts over, /quit (or Ctrl-D) leaves.
    """
    from .assistant import Assistant

    conversation = Assistant.open(index, threads=int(config.get("threads"))).conversation()
    click.echo("qa chat — ask about the indexed disclosures; /reset starts over, /quit leaves.")
    while True:
        try:
            question = click.prompt("你", prompt_suffix="> ", default="", show_default=False).strip()
        except (EOFError, click.Abort):
            break
        if question in ("/quit", "/exit", "/q"):
            break
        if question == "/reset":
            conversation.reset()
            click.echo("(conversation cleared)")
            continue
        if not question:
            continue
        answer = conversation.ask(question)
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1) if as_json else _format(answer))


@cli.command()
@click.argument("query")
@INDEX_OPTION
@click.option("-k", default=5, show_default=True)
@click.option("--mode", type=click.Choice(["hybrid", "bm25", "dense"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True)
@friendly
def search(query, index, k, mode, as_json):
    """Show the passages retrieved for QUERY (filters inferred from it)."""
    from .retrieve import Retriever

    retriever = Retriever.open(index)
    hits = retriever.search(query, k=k, mode=mode)
    if as_json:
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=1))
        return
    click.echo(f"filters: {retriever.filters_for(query)}")
    for h in hits:
        click.echo(f"{h.score:.4f}  {h.doc} p.{h.page} · {h.section}\n        {' '.join(h.text.split())[:160]}")


@cli.command("sql")
@click.argument("query")
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per row (column → value).")
@click.option("--timeout", default=5.0, show_default=True, help="Seconds before the query is stopped.")
@click.option("--max-rows", default=10000, show_default=True)
@friendly
def sql_command(query, index, as_json, timeout, max_rows):
    """Run one read-only SELECT against the index's tables (docs/schema.md).

    Tables: documents, chunks, tables, facts, checks; views: amounts,
    expenditure_by_subject, basic_expenditure, three_public, failed_checks.
    """
    from . import store
    from .facts import QUERYABLE
    from .sql import run

    build = store.open_build(index)
    result = run(build.sqlite_path, query, QUERYABLE, timeout_s=timeout, max_rows=max_rows)
    if as_json:
        for row in result.rows:
            click.echo(json.dumps(dict(zip(result.columns, row)), ensure_ascii=False))
    else:
        click.echo("\t".join(result.columns))
        for row in result.rows:
            click.echo("\t".join("" if v is None else str(v) for v in row))
    if result.truncated:
        click.echo(f"(stopped after {max_rows} rows)", err=True)


@cli.command()
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check.")
@click.option("--all", "show_all", is_flag=True, help="List passed checks too.")
@friendly
def check(index, as_json, show_all):
    """Consistency checks run at ingestion, per document (exit 1 if any failed).

    Each failure says its kind: "document inconsistency" (the printed figures
    disagree; a reader finds them so on the page) or "extraction suspect"
    (the disagreement may come from reading the document)."""
    from . import store

    build = store.open_build(index)
    con = store.connect_readonly(build.sqlite_path)
    try:
        columns = [r[1] for r in con.execute("PRAGMA table_info(checks)")]
        cause = "cause" if "cause" in columns else "''"  # an index built before causes were kept
        rows = con.execute(f"SELECT doc, name, status, expected, actual, unit, detail, {cause} FROM checks "
                           "ORDER BY doc, id").fetchall()
    finally:
        con.close()
    keys = ("doc", "name", "status", "expected", "actual", "unit", "detail", "cause")
    if as_json:
        for r in rows:
            click.echo(json.dumps(dict(zip(keys, r)), ensure_ascii=False))
    else:
        for d in build.documents:
            mine = [r for r in rows if r[0] == d["name"]]
            failed = [r for r in mine if r[2] == "fail"]
            kinds = {}
            for r in failed:
                kinds[r[7] or "unclassified"] = kinds.get(r[7] or "unclassified", 0) + 1
            why = f" ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})" if kinds else ""
            click.echo(f"{d['name']}  {d['organisation']} {d['year'] or '?'} {d['stage']}: "
                       f"{len(mine) - len(failed)} passed, {len(failed)} failed{why}")
            for r in mine if show_all else failed:
                status = f"FAIL [{r[7] or 'unclassified'}]" if r[2] == "fail" else "ok  "
                click.echo(f"  {status} {r[1]}: {r[6]}")
    if any(r[2] == "fail" for r in rows):
        sys.exit(1)


@cli.command()
@INDEX_OPTION
@click.option("--json", "as_json", is_flag=True)
@friendly
def info(index, as_json):
    """Documents, chunks, embedder and sizes of the index."""
    from . import store

    build = store.open_build(index)
    size = sum(f.stat().st_size for f in Path(build.path).iterdir() if f.is_file())
    counts: dict[str, int] = {}
    for c in build.chunks:
        counts[c.doc] = counts.get(c.doc, 0) + 1
    reader = build.manifest.get("reader") or {}
    data = {
        "index": str(build.path),
        "embedder": build.manifest["embedder"],
        "built": build.manifest["built"],
        "documents": [{**d, "chunks": counts.get(d["name"], 0), "ocr_pages": reader.get(d["name"], {}).get("ocr_pages", [])}
                      for d in build.documents],
        "chunks": len(build.chunks),
        "bytes": size,
        "skipped": build.manifest.get("skipped", []),
        "warnings": build.manifest.get("warnings", []),
    }
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo(f"index     {data['index']}\nembedder  {data['embedder']}\nbuilt     {data['built']}")
    click.echo(f"size      {size / 1e6:.1f} MB\nchunks    {data['chunks']}\ndocuments {len(data['documents'])}")
    for d in data["documents"]:
        click.echo(f"  {d['name']}  {d['organisation']} {d['year'] or '?'} {d['stage']} {d['scope']}"
                   f"  [{d.get('genre') or '?'}]  pages={d['pages']} chunks={d['chunks']}")
        if d.get("aliases"):
            click.echo(f"      简称: {'、'.join(d['aliases'])}")
        if d.get("ocr_pages"):
            click.echo(f"      text by OCR: page {', '.join(map(str, d['ocr_pages']))}")
    for s in data["skipped"]:
        click.echo(f"  skipped {s['file']}: {s['reason']}")
    for w in data["warnings"]:
        click.echo(f"  warning {w['file']}: {w['reason']}")


# `qa serve` is in qa/api.py (extra qa[api]); imported only when it runs, so that
# FastAPI's import time (~0.6 s) does not slow every other command.
@cli.command("serve", add_help_option=False, context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def serve(ctx):
    """Serve the HTTP API (qa serve --help; needs pip install 'qa[api]')."""
    try:
        from .api import serve_command
    except ImportError as e:
        raise click.ClickException(f"the HTTP API needs its extra: pip install 'qa[api]' ({e})") from e
    serve_command.main(ctx.args, prog_name=ctx.command_path)


def main():  # console-script entry point
    cli()


if __name__ == "__main__":
    main()
