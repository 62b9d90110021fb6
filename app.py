"""The web chat: ``python app.py [--index DIR] [--port N] [--host H]``.

Opens the chat on ``./index`` (or $QA_INDEX). When there is no index yet it is
built first from ``./corpus`` with ``qa build`` (a few minutes with the default
embedder). Serves on http://127.0.0.1:7860 unless told otherwise; needs
``pip install -e '.[web]'``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from qa import config  # noqa: E402
from qa.store import current_build_dir  # noqa: E402


def ensure_index(index: str, corpus: str) -> None:
    """Build ``index`` from ``corpus`` with ``qa build`` when it has no build."""
    if current_build_dir(index) is not None:
        return
    print(f"No index at {index}: building it from {corpus} with `qa build` "
          f"(embedder {config.get('embedder')}; unchanged files are reused next time)…", flush=True)
    cmd = [sys.executable, "-m", "qa.cli", "build", corpus, "--index", index]
    status = subprocess.call(cmd)
    if status not in (0, 1):  # 1: some files skipped, the rest indexed
        sys.exit(f"qa build failed (exit status {status}); see the messages above.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The qa web chat (Gradio).")
    parser.add_argument("--index", default=config.get("index"), help="index directory (default ./index or $QA_INDEX)")
    parser.add_argument("--corpus", default=config.get("corpus"), help="what to index when there is no index yet")
    parser.add_argument("--port", type=int, default=int(os.environ.get("QA_PORT", 7860)))
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    args = parser.parse_args(argv)

    ensure_index(args.index, args.corpus)
    try:
        from qa.web import build_ui, launch
    except ImportError as e:
        sys.exit(f"The web chat needs its extra: pip install -e '.[web]' ({e})")
    from qa.errors import QAError

    print(f"Opening the index at {args.index}…", flush=True)
    try:
        demo = build_ui(args.index)
    except QAError as e:
        sys.exit(f"Error: {e}")
    print(f"Serving the chat on http://{args.host}:{args.port} (Ctrl+C to stop)", flush=True)
    launch(demo, host=args.host, port=args.port, quiet=True)


if __name__ == "__main__":
    main()
