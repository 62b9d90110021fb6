"""The web chat (``pip install 'qa[web]'``; ``python app.py``)::

    from qa.web import build_ui, launch
    launch(build_ui("index"), port=7860)

The helpers (filters, examples, citations, number tables) are plain functions,
tested without a browser; :func:`build_ui` wires them to Gradio components.
"""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # never phone home

import re
import shutil
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import config
from .assistant import Assistant
from .build import BuildReport, build
from .errors import EmbedderMismatch, IndexError_, QAError
from .retrieve import Retriever
from .scope import find_stages, find_years, infer_filters
from .store import current_build_dir
from .types import Answer

__all__ = ["build_ui", "launch", "scoped_question", "example_questions", "filter_choices",
           "format_citations", "breakdown", "stream_steps", "existing_paths", "friendly_error"]

ANY = "（全部）"
UPLOAD_TYPES = [".txt", ".md", ".pdf"]
CSS = "#citations {max-height: 460px; overflow-y: auto} footer {display: none !important}"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
_AMOUNT = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")
_NOT_AN_ITEM = re.compile(r"^(前者|后者|合计|共计|总计|增长|减少|最高的是|最低的是)")
_TO_WAN = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}


def _set(value) -> str:
    """A dropdown's value, or "" when no filter is chosen."""
    return "" if value in (None, "", ANY) else str(value)


def scoped_question(question: str, organisation=None, year=None, stage=None, catalog: Iterable = ()) -> str:
    """``question`` with the chosen filters prepended, unless it names them.

    >>> scoped_question("“三公”经费是多少？", "武汉市经济和信息化局", 2024, "决算")
    '武汉市经济和信息化局 2024年 决算 “三公”经费是多少？'
    >>> scoped_question("经信局2026年预算是多少？", "武汉市经济和信息化局", "2024", "决算",
    ...                 [("武汉市经济和信息化局", 2024, "决算")])
    '经信局2026年预算是多少？'
    """
    organisation, year, stage = _set(organisation), _set(year), _set(stage)
    catalog = list(catalog)
    names_org = infer_filters(question, catalog).organisations if catalog else ()
    parts = []
    if organisation and organisation not in question and not names_org:
        parts.append(organisation)
    if year and not find_years(question):
        parts.append(f"{year}年")
    if stage and not find_stages(question):
        parts.append(stage)
    return " ".join(parts + [question]) if parts else question


def filter_choices(documents: Iterable[dict]) -> tuple[list[str], list[str], list[str]]:
    """Dropdown choices (organisations, years, stages), each led by :data:`ANY`."""
    documents = list(documents)
    orgs = sorted({d["organisation"] for d in documents if d.get("organisation")})
    years = sorted({str(d["year"]) for d in documents if d.get("year")}, reverse=True)
    stages = sorted({d["stage"] for d in documents if d.get("stage")})
    return [ANY] + orgs, [ANY] + years, [ANY] + stages


_TEMPLATES = (
    "{org}{year}年“三公”经费{stage}是多少？",
    "{org}的主要职责是什么？",
    "{org}{year}年基本支出中人员经费是多少？",
    "列出{org}{year}年一般公共预算财政拨款支出的各类支出及金额。",
)


def example_questions(documents: Iterable[dict], limit: int = 6) -> list[str]:
    """Questions about the indexed documents, one template per document in turn."""
    docs = [d for d in documents if d.get("organisation") and d.get("year")]
    out: list[str] = []
    for i in range(len(docs) * len(_TEMPLATES)):
        d = docs[i % len(docs)]
        q = _TEMPLATES[i % len(_TEMPLATES)].format(org=d["organisation"], year=d["year"], stage=d.get("stage") or "")
        out += [q] if q not in out else []
    return out[:limit]


def _md(text: str) -> str:
    """Text safe inside Markdown (no accidental emphasis, links, lists or HTML)."""
    text = re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", text)
    return re.sub(r"^(\s*)([-+]|\d+[.)])", r"\1\\\2", text, flags=re.M)


def _quote(text: str, limit: int = 360) -> str:
    if "\t" in text:  # a table row: show its cells
        text = " │ ".join(c.strip() for c in text.split("\t") if c.strip())
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def format_citations(answer: Answer) -> str:
    """The citations as Markdown: document, page, table or section, quoted passage."""
    if not answer.citations:
        return "_本回答没有引用。_"
    blocks = []
    for i, c in enumerate(answer.citations, 1):
        where = [f"**[{i}] {_md(c.doc)}**"]
        if c.page:
            where.append(f"第{c.page}页")
        where.append(f"表：{_md(c.table)}" if c.table else _md(c.section or ""))
        blocks.append(" · ".join(w for w in where if w) + "\n\n> " + _md(_quote(c.text)))
    return "\n\n".join(blocks)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _text_items(text: str) -> list[tuple[str, float, str]]:
    """"label number万元" items of an answer, one per clause with one amount."""
    text = re.sub(r"\[\d+\]", "", text)
    text = re.sub(r"（[^（）]*(\d|注意)[^（）]*）", "", text)  # (表中为0.56万元), (注意：…)
    items = []
    for clause in re.split(r"[；;。\n]", text):
        clause = re.split(r"[：:]", clause)[-1].strip(" ，,、")
        amounts = list(_AMOUNT.finditer(clause))
        if len(amounts) != 1 or _NOT_AN_ITEM.match(clause):
            continue
        label = re.split(r"[，,]", clause[: amounts[0].start()])[-1].strip(" 为是:：")
        label = re.sub(r"^(\d+[.、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])\s*", "", label)
        if _CJK.search(label) and len(label) <= 40:
            items.append((label, _number(amounts[0].group(1)), amounts[0].group(2)))
    return items


def _row_item(row: str) -> tuple[str, float] | None:
    """(label, first number after it) of a table row."""
    cells = [c.strip() for c in row.split("\t") if c.strip()]
    for i, cell in enumerate(cells):
        if _CJK.search(cell):
            number = next((c for c in cells[i + 1:] if _NUMBER.fullmatch(c) or _CJK.search(c)), "")
            return (cell, _number(number)) if _NUMBER.fullmatch(number) else None
    return None


def _citation_items(answer: Answer) -> list[tuple[str, float, str]]:
    """Items from the table rows cited, when several rows of one table are."""
    by_table: dict[str, list] = {}
    for c in answer.citations:
        item = _row_item(c.text) if c.table else None
        if item:
            by_table.setdefault(c.table, []).append((*item, ""))
    return max(by_table.values(), key=len, default=[])


def _distinct(items: list) -> list:
    first: dict = {}
    return [first.setdefault(item[0], item) for item in items if item[0] not in first]


def _shorten(items: list) -> list:
    """Drop the label prefix all items share (e.g. the organisation)."""
    prefix = os.path.commonprefix([label for label, _, _ in items])
    prefix = prefix.rstrip("0123456789")
    if not prefix or any(len(label) <= len(prefix) for label, _, _ in items):
        return items
    return [(label[len(prefix):], v, u) for label, v, u in items]


def breakdown(answer: Answer) -> list[tuple[str, float, str]]:
    """(label, value, unit) when the answer is a list, ranking or comparison
    of amounts (two or more); [] otherwise. Mixed units become 万元."""
    items = _distinct(_text_items(answer.answer))
    if len(items) < 2:
        items = _distinct(_citation_items(answer))
    if len(items) < 2:
        return []
    if len({u for _, _, u in items}) > 1 and all(u in _TO_WAN for _, _, u in items):
        items = [(label, round(v * _TO_WAN[u], 6), "万元") for label, v, u in items]
    return _shorten(items)


def breakdown_rows(items: list) -> list[list]:
    """Rows for the numbers table: 项目, 金额, 单位."""
    return [[label, value, unit or "见原表"] for label, value, unit in items]


def stream_steps(text: str, steps: int = 12) -> Iterator[str]:
    """Progressively longer prefixes of ``text``, ending with all of it."""
    size = max(1, -(-len(text) // steps))
    for end in range(size, len(text) + size, size):
        yield text[: min(end, len(text))]


def friendly_error(exc: BaseException) -> str:
    """A message for people; tracebacks go to the server log only."""
    if isinstance(exc, QAError):
        return f"抱歉，这个问题没能回答：{exc}"
    return f"抱歉，处理时出错了（{type(exc).__name__}）。请换个问法或稍后再试。"


def existing_paths(documents: Iterable[dict], index_dir: str | Path) -> tuple[list[Path], list[str]]:
    """Files of the indexed documents and the names not found. Relative paths
    are tried against the working directory and beside the index; then the
    name in the default corpus and in the index's uploads."""
    found, missing = [], []
    for d in documents:
        path = Path(d.get("path") or d["name"])
        tries = [path] if path.is_absolute() else [path, Path(index_dir).resolve().parent / path]
        tries += [Path(config.get("corpus")) / d["name"], Path(index_dir) / "uploads" / d["name"]]
        hit = next((p for p in tries if p.is_file()), None)
        (found.append(hit.resolve()) if hit else missing.append(d["name"]))
    return found, missing


def build_summary(report: BuildReport) -> str:
    lines = [f"索引现有 {report.documents} 个文档、{report.chunks} 个段落。"]
    if report.read:
        lines.append("新读入：" + "、".join(report.read))
    lines += [f"跳过 {Path(f).name}：{why}" for f, why in report.skipped]
    lines += [f"注意 {Path(f).name}：{why}" for f, why in report.warnings]
    return "\n\n".join(lines)


class _Service:
    """The assistant behind every session; reopened after the index changes."""

    def __init__(self, assistant: Assistant, index_dir: Path):
        self.assistant, self.index_dir = assistant, Path(index_dir)
        self._building = threading.Lock()

    @classmethod
    def of(cls, assistant_or_index) -> "_Service":
        if isinstance(assistant_or_index, Assistant):
            return cls(assistant_or_index, assistant_or_index.retriever.build.path.parent)
        return cls(Assistant.open(assistant_or_index), Path(assistant_or_index))

    @property
    def documents(self) -> list[dict]:
        return self.assistant.retriever.documents

    def ask(self, question: str, history: list[dict]) -> Answer:
        live = current_build_dir(self.index_dir)
        if live is not None and live.resolve() != self.assistant.retriever.build.path.resolve():
            self.reopen()  # rebuilt elsewhere (qa build) since we opened it
        try:
            return self.assistant.ask(question, history)
        except IndexError_:  # swapped while we were answering: reopen once
            self.reopen()
            return self.assistant.ask(question, history)

    def reopen(self, model=None) -> None:
        try:
            retriever = Retriever.open(self.index_dir, embedder=model)
        except EmbedderMismatch:
            retriever = Retriever.open(self.index_dir)
        self.assistant = Assistant(retriever)

    def add(self, uploads: list[str], progress: Callable | None = None) -> BuildReport:
        """Index the uploads with the documents already indexed (unchanged ones are reused)."""
        with self._building:
            found, missing = existing_paths(self.documents, self.index_dir)
            if missing:
                raise QAError("找不到已索引文档的原文件（" + "、".join(missing) + "），为免把它们移出索引，未重建。")
            folder = self.index_dir / "uploads"
            folder.mkdir(parents=True, exist_ok=True)
            saved = [Path(shutil.copy(u, folder / Path(u).name)).resolve() for u in uploads]
            model = self.assistant.retriever.embedder
            report = build(list(dict.fromkeys(found + saved)), self.index_dir, embedder=model, progress=progress)
            self.reopen(model)
            return report


def _progress_callback(progress) -> Callable[[str, int], Callable[[int], None]]:
    """Adapt build's ``progress(label, total) -> advance(n)`` to gr.Progress."""
    def start(label: str, total: int):
        done, desc = [0], {"reading": "读取文件", "embedding": "向量化段落"}.get(label, label)
        progress((0, total), desc=desc)

        def advance(n: int) -> None:
            done[0] += n
            progress((done[0], total), desc=desc)

        return advance

    return start


def _panels(gr, answer: Answer | None) -> list:
    """Citations, SQL, numbers table and chart for one answer."""
    hidden = [gr.update(visible=False)] * 2
    if answer is None:
        return ["_正在检索…_", "", *hidden]
    text, sql, items = format_citations(answer), answer.sql or "-- 本回答来自文本检索，没有执行 SQL", breakdown(answer)
    if not items:
        return [text, sql, *hidden]
    import pandas as pd

    table = pd.DataFrame(breakdown_rows(items), columns=["项目", "金额", "单位"])
    chart = gr.update(value=table.nlargest(20, "金额"), visible=True, y_title=f"金额（{items[0][2] or '见原表'}）")
    return [text, sql, gr.update(value=table, visible=True), chart]


def _respond(service: _Service, gr, question, chat, history, org, year, stage):
    """Stream one answer into the chat, then fill the panels."""
    question = (question or "").strip()
    if not question:
        gr.Warning("请输入问题。")
        yield chat, "", history, *[gr.skip()] * 4
        return
    asked = scoped_question(question, org, year, stage, service.assistant.retriever.catalog)
    chat = chat + [{"role": "user", "content": asked}, {"role": "assistant", "content": "…"}]
    yield chat, "", history, *_panels(gr, None)
    try:
        answer = service.ask(asked, history)
    except Exception as e:  # noqa: BLE001 - the edge: people get a message, the log a traceback
        traceback.print_exc(file=sys.stderr)
        chat[-1] = {"role": "assistant", "content": friendly_error(e)}
        yield chat, "", history, "", "", *_panels(gr, None)[2:]
        return
    for part in stream_steps(_md(answer.answer)):
        chat[-1] = {"role": "assistant", "content": part}
        yield chat, "", history, *[gr.skip()] * 4
        time.sleep(0.02)
    history = history + [{"role": "user", "content": asked}, {"role": "assistant", "content": answer.answer}]
    yield chat, "", history, *_panels(gr, answer)


def _add_documents(service: _Service, gr, files, progress):
    """Upload handler: rebuild with the new files, then refresh the filters."""
    choices = [gr.skip()] * 3
    if not files:
        gr.Warning("请先选择要加入的文件（.txt / .md / .pdf）。")
        return "", *choices, gr.skip()
    paths = [f if isinstance(f, str) else getattr(f, "name", str(f)) for f in files]
    try:
        report = service.add(paths, _progress_callback(progress))
    except Exception as e:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
        gr.Warning(friendly_error(e))
        return friendly_error(e), *choices, gr.skip()
    (gr.Warning if report.skipped else gr.Info)(f"索引已更新：{report.documents} 个文档。")
    orgs, years, stages = filter_choices(service.documents)
    choices = [gr.update(choices=orgs), gr.update(choices=years), gr.update(choices=stages)]
    return build_summary(report), *choices, None


def build_ui(assistant_or_index) -> "gr.Blocks":
    """The chat over an :class:`Assistant` or an index directory."""
    import gradio as gr

    service = _Service.of(assistant_or_index)
    orgs, years, stages = filter_choices(service.documents)
    with gr.Blocks(title="预决算公开问答", analytics_enabled=False) as demo:
        gr.Markdown("## 预决算公开问答\n回答附出处：文档、页码、章节或表格。数字来自表格时给出所执行的 SQL。")
        history = gr.State([])
        with gr.Row():
            org = gr.Dropdown(orgs, value=ANY, label="单位", elem_id="filter-org", scale=3)
            year = gr.Dropdown(years, value=ANY, label="年度", elem_id="filter-year", scale=1)
            stage = gr.Dropdown(stages, value=ANY, label="预算/决算", elem_id="filter-stage", scale=1)
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="对话", elem_id="chat", height=460)
                with gr.Row():
                    question = gr.Textbox(placeholder="例如：经信局2024年因公出国（境）费为什么增加？",
                                          show_label=False, scale=5, elem_id="question")
                    send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
                new_chat = gr.Button("新对话", size="sm", elem_id="new-chat")
                gr.Examples([[q] for q in example_questions(service.documents)], inputs=[question], label="示例问题")
            with gr.Column(scale=2):
                gr.Markdown("#### 引用")
                cites = gr.Markdown("_提问后，这里列出回答所依据的原文。_", elem_id="citations")
                with gr.Accordion("SQL", open=False, elem_id="sql-block"):
                    sql = gr.Code(language="sql", interactive=False, wrap_lines=True, lines=3, max_lines=14, elem_id="sql")
                table = gr.Dataframe(visible=False, interactive=False, label="数字", elem_id="numbers")
                chart = gr.BarPlot(x="项目", y="金额", sort="-y", x_label_angle=-35, visible=False,
                                   label="图表", elem_id="chart", height=320)
        with gr.Accordion("添加文档（.txt / .md / .pdf）", open=False, elem_id="upload-block"):
            files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, label="上传文件", elem_id="upload")
            add = gr.Button("加入索引", elem_id="add")
            status = gr.Markdown(elem_id="upload-status")

        def respond(q, c, h, o, y, s):
            yield from _respond(service, gr, q, c, h, o, y, s)

        def add_documents(f, progress=gr.Progress()):
            return _add_documents(service, gr, f, progress)

        outputs = [chat, question, history, cites, sql, table, chart]
        inputs = [question, chat, history, org, year, stage]
        send.click(respond, inputs, outputs)
        question.submit(respond, inputs, outputs)
        new_chat.click(lambda: ([], [], "", "_提问后，这里列出回答所依据的原文。_"), None, [chat, history, question, cites])
        add.click(add_documents, [files], [status, org, year, stage, files])
    return demo


def launch(demo, host: str = "127.0.0.1", port: int = 7860, **kwargs):
    """Serve ``demo`` locally: no share link, no server-side rendering, no analytics."""
    return demo.launch(server_name=host, server_port=port, share=False, ssr_mode=False,
                       show_error=False, css=CSS, footer_links=[], **kwargs)
