"""Readers: files → :class:`~qa.types.Document`.

Text and Markdown dumps (UTF-8 or GB18030/GBK, detected by
:mod:`qa.decoding`; a few stray invalid bytes are replaced and noted) keep
tables as tab-separated lines: Markdown pipe tables and HTML ``<table>`` s
are turned into that form and stray HTML (``<p>``, ``<sup>``, checkboxes) is
cleaned. PDFs are read by :mod:`qa.pdf`.

What a reader had to repair is on :attr:`Document.notes`. Every failure is a
:class:`~qa.errors.ReadError` naming the file.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from .decoding import decode_text
from .errors import ReadError, UnsupportedFile
from .metadata import read_metadata
from .types import Document, Page

__all__ = ["read_file", "read_text", "decode", "clean_text", "TEXT_SUFFIXES", "PDF_SUFFIXES", "SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode text that may be UTF-8 (with or without BOM), UTF-16 or GB18030
    (stray invalid bytes become U+FFFD; :func:`qa.decoding.decode_text` also
    says which). Raises :class:`ReadError` for binary or undecodable data.

    >>> decode("预算".encode("gbk"))
    '预算'
    >>> decode("\\ufeff决算".encode("utf-8"))
    '决算'
    """
    return decode_text(data, name).text


_CHECKED = re.compile(r"<input[^>]*checked[^>]*>", re.I)
_INPUT = re.compile(r"<input[^>]*>", re.I)
_PARA = re.compile(r"</?p\s*>", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^>\n]*>")
_HTML_TABLE = re.compile(r"<table.*?</table>", re.I | re.S)
_ROW = re.compile(r"<tr.*?</tr>", re.I | re.S)
_CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.I | re.S)
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _html_table_to_tsv(match: re.Match) -> str:
    rows = []
    for row in _ROW.findall(match.group(0)):
        cells = [re.sub(r"\s+", " ", _TAG.sub("", c)).strip() for c in _CELL.findall(row)]
        rows.append("\t".join(cells))
    return "\n" + "\n".join(rows) + "\n"


def _pipe_row_to_tsv(line: str) -> str | None:
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.count("|") >= 2):
        return None
    if _PIPE_SEP.match(stripped):
        return ""
    return "\t".join(c.strip() for c in stripped.strip("|").split("|"))


def clean_text(text: str) -> str:
    """Normalise a text dump: tables to tab-separated lines, HTML removed.

    >>> clean_text("| 项目 | 金额 |\\n|---|---|\\n| 办公费 | 2.05 |")
    '项目\\t金额\\n办公费\\t2.05'
    >>> clean_text("原因<sup>1</sup>：<p>一是</p> <p>二是</p>")
    '原因1：一是 二是'
    >>> clean_text("项目类别 1、持续性 <input checked type=\\"checkbox\\"/> 2、新增 <input type=\\"checkbox\\"/>")
    '项目类别 1、持续性 ☑ 2、新增 ☐'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    text = _HTML_TABLE.sub(_html_table_to_tsv, text)
    text = _CHECKED.sub("☑", text)
    text = _INPUT.sub("☐", text)
    text = _BREAK.sub(" ", text)
    text = _PARA.sub("", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    lines = []
    for line in text.split("\n"):
        tsv = _pipe_row_to_tsv(line)
        if tsv == "":
            continue  # a |---|---| separator row
        lines.append(tsv if tsv is not None else line.rstrip())
    return "\n".join(lines).strip("\n")


def metadata_pages(pages: list) -> list:
    """The pages metadata is read from: the first eight and the last two
    (title block, contents, labels; a closing year or 编制单位)."""
    return pages[:8] + pages[8:][-2:]


def _document(path: Path, kind: str, pages: list[Page], digest: str) -> Document:
    if not any(p.text.strip() for p in pages):
        what = "no extractable text (a scanned image?)" if kind == "pdf" else "the file is empty"
        raise ReadError(str(path), what)
    doc = Document(name=path.name, path=str(path), sha256=digest, kind=kind, pages=pages)
    meta = read_metadata([p.text for p in metadata_pages(pages)], path.name)
    for key in ("title", "organisation", "year", "stage", "scope", "published", "genre", "periods"):
        setattr(doc, key, meta[key])
    return doc


def read_text(path: Path, digest: str | None = None) -> Document:
    """Read a text or Markdown dump. Raises :class:`ReadError` (empty,
    binary or undecodable file)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(str(path), f"cannot read: {e.strerror or e}") from e
    decoded = decode_text(data, str(path))
    doc = _document(path, "text", [Page(None, clean_text(decoded.text))], digest or hashlib.sha256(data).hexdigest())
    if decoded.bad:
        doc.notes.append(decoded.note())
    return doc


def read_file(path: str | Path, digest: str | None = None) -> Document:
    """Read any supported file.

    Raises :class:`ReadError` naming it otherwise: :class:`UnsupportedFile`
    for another type, :class:`~qa.errors.EncryptedFile` for a PDF that needs
    a password, :class:`~qa.errors.NoTextLayer` for a scanned PDF that OCR
    cannot read (or is not installed to read).
    """
    path = Path(path)
    if not path.is_file():
        raise ReadError(str(path), "no such file")
    suffix = path.suffix.lower()
    if suffix in SUFFIXES and path.stat().st_size == 0:
        raise ReadError(str(path), "the file is empty")
    if suffix in TEXT_SUFFIXES:
        return read_text(path, digest)
    if suffix in PDF_SUFFIXES:
        from .pdf import read_pdf

        return read_pdf(path, digest)
    raise UnsupportedFile(str(path), f"unsupported file type {suffix or '(none)'}; qa reads {', '.join(SUFFIXES)}")
