"""Reading PDFs: text per page with pdfplumber (1-based page numbers kept,
ruled tables on :attr:`Page.tables`), scanned pages by OCR.

A page with (almost) no text layer whose images cover a good part of it is a
scanned page. With the ``qa[ocr]`` extra installed (:mod:`qa.ocr`) its image
is recognised and the page keeps its number with ``Page.ocr`` set; without
it, a PDF of scanned pages only is refused with :class:`NoTextLayer`
("install qa[ocr]"), and a PDF with some scanned pages is read without them,
which :attr:`Document.notes` says.

Encryption: an owner-password-only PDF (opens without a password, copying
restricted) is read normally; one that needs a user password is refused with
:class:`EncryptedFile`. pdfplumber wraps pdfminer's errors in its own
``PdfminerException``, so the wrapped chain is inspected, not the outer name.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import config
from . import ocr as ocr_engine
from .errors import EncryptedFile, NoTextLayer, ReadError
from .ingest import _document, metadata_pages, sha256_of
from .metadata import read_metadata
from .types import Document, Page

__all__ = ["read_pdf", "read_pdf_metadata", "pdf_error", "is_scanned"]

FEW_CHARS = 10  # a page with fewer non-space characters has no real text layer
IMAGE_SHARE = 0.3  # ... and is a scan when its images cover at least this share of it
LINE_TOLERANCE = 3.0  # pt: characters whose tops differ by at most this are on one line (pdfplumber's default)
OCR_DPI = 200
OCR_MAX_SIDE = 2000  # pixels; the OCR engine scales larger images down anyway


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and every exception it wraps (args, ``__cause__``, ``__context__``)."""
    seen: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        e = todo.pop(0)
        if not isinstance(e, BaseException) or any(e is s for s in seen):
            continue
        seen.append(e)
        todo.extend(a for a in e.args if isinstance(a, BaseException))
        todo.extend((e.__cause__, e.__context__))
    return seen


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    text = text if len(text) <= 120 else text[:117] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def pdf_error(path: str | Path, exc: BaseException) -> ReadError:
    """The :class:`ReadError` for an exception raised while reading a PDF.

    >>> from pdfplumber.utils.exceptions import PdfminerException
    >>> from pdfminer.pdfdocument import PDFPasswordIncorrect
    >>> pdf_error("a.pdf", PdfminerException(PDFPasswordIncorrect())).reason
    'the PDF is encrypted (needs a password)'
    >>> pdf_error("b.pdf", PdfminerException(ValueError("bad xref"))).reason
    'not a readable PDF (ValueError: bad xref)'
    """
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    chain = _chain(exc)
    if any(isinstance(e, PDFPasswordIncorrect) for e in chain):
        return EncryptedFile(str(path), "the PDF is encrypted (needs a password)")
    locked = next((e for e in chain if isinstance(e, PDFEncryptionError)), None)
    if locked is not None:
        return EncryptedFile(str(path), f"the PDF is encrypted in a way qa cannot decrypt ({_describe(locked)})")
    inner = next((e for e in reversed(chain) if str(e).strip()), chain[-1])
    return ReadError(str(path), f"not a readable PDF ({_describe(inner)})")


def is_scanned(page, text: str) -> bool:
    """Whether a pdfplumber ``page`` with text layer ``text`` is a scanned image."""
    if len("".join(text.split())) >= FEW_CHARS or not page.images:
        return False
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for im in page.images:
        w = min(im["x1"], page.width) - max(im["x0"], 0)
        h = min(im["bottom"], page.height) - max(im["top"], 0)
        covered += max(w, 0) * max(h, 0)
    return covered / area >= IMAGE_SHARE


def _ocr(page, number: int, failures: list[str]) -> str:
    """The OCR text of a pdfplumber ``page`` ("" when none; failures noted)."""
    resolution = min(OCR_DPI, OCR_MAX_SIDE * 72 / max(float(page.width), float(page.height), 1.0))
    try:
        image = page.to_image(resolution=resolution).original
    except Exception as e:  # noqa: BLE001 - the renderer's own error types
        failures.append(f"page {number} could not be rendered for OCR ({_describe(e)})")
        return ""
    try:
        return ocr_engine.ocr_image(image, threads=int(config.get("threads")))
    except ocr_engine.OCRError as e:
        failures.append(f"page {number}: {e}")
        return ""


_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def _bands(chars: list[dict]) -> list[tuple[float, float]]:
    """The (top, bottom) of each line of Chinese characters."""
    tops = sorted((c["top"], c["bottom"]) for c in chars if _IDEOGRAPH.match(c["text"]))
    bands: list[list[float]] = []
    for top, bottom in tops:
        if bands and top - bands[-1][0] <= LINE_TOLERANCE:
            bands[-1][1] = max(bands[-1][1], bottom)
        else:
            bands.append([top, bottom])
    return [(a, b) for a, b in bands]


def _snapped(chars: list[dict]) -> list[dict]:
    """Characters with each one that is not a Chinese character (digits, Latin,
    quotes) moved onto the line of Chinese characters it sits on when the fonts'
    baselines differ by more than the line tolerance: in "机关运行经费支出184.65万元"
    set in FangSong and Times New Roman the figures' tops are 4.9 pt lower, and
    pdfplumber's default reading puts them on a line of their own after the
    sentence ("支出 万元 … 184.65"); the quotes of “三公” likewise.
    A character moves only when at least half its height lies inside one CJK
    line, so separate lines (and table headers in one font) are never joined."""
    bands = _bands(chars)
    if not bands:
        return chars
    out = []
    for c in chars:
        if not _IDEOGRAPH.match(c["text"]) and not any(abs(c["top"] - top) <= LINE_TOLERANCE for top, _ in bands):
            height = max(c["bottom"] - c["top"], 0.1)
            top, bottom = max(bands, key=lambda b: min(b[1], c["bottom"]) - max(b[0], c["top"]))
            if min(bottom, c["bottom"]) - max(top, c["top"]) >= height / 2:
                shift = top - c["top"]
                c = {**c, "top": top, "bottom": c["bottom"] + shift, "doctop": c["doctop"] + shift,
                     "y0": c["y0"] - shift, "y1": c["y1"] - shift}
        out.append(c)
    return out


# Variant characters some PDF fonts map standard ones to (合肥's 公务用车购臵费 is 购置): read as the standard one
VARIANTS = str.maketrans({"臵": "置"})


def page_text(page) -> str:
    """A page's text in reading order (pdfplumber's simple layout), with
    figures set in another font kept on their line (:func:`_snapped`)."""
    from pdfplumber.utils import chars_to_textmap

    return chars_to_textmap(_snapped(page.chars), layout_bbox=page.bbox, layout_width=page.width,
                            layout_height=page.height).as_string


_PAGE_NUMBER_LINE = re.compile(r"\n[ \t]*[—\-－]?[ \t]*\d{1,3}[ \t]*[—\-－]?[ \t]*\s*$")


def without_page_number(text: str) -> str:
    r"""The page's text without the page number printed at its foot, which
    would otherwise run into a sentence cut at the page break ("比上年预算减少" +
    "30" + next page "30.8 万元").

    >>> without_page_number("比上年预算减少\n30"), without_page_number("合计 30\n— 7 —\n"), without_page_number("共 3")
    ('比上年预算减少', '合计 30', '共 3')
    """
    return _PAGE_NUMBER_LINE.sub("", text)


def _pages(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(map(str, numbers))


def read_pdf(path: Path, digest: str | None = None, tables: bool = True, ocr: bool | None = None) -> Document:
    """Read a PDF: text per page, 1-based page numbers, raw tables (ruled, or
    laid out in columns of text: :func:`qa.tables.pdf.page_tables`);
    scanned pages by OCR when ``ocr`` (default: when ``qa[ocr]`` is installed).

    Raises :class:`EncryptedFile` (needs a password), :class:`NoTextLayer`
    (scanned pages only, and no OCR read them) or :class:`ReadError` (not a
    readable PDF, or no text at all).
    """
    import pdfplumber  # imported here: text-only users never pay for it

    from .tables.pdf import page_tables

    path = Path(path)
    use_ocr = ocr_engine.available() if ocr is None else ocr
    pages: list[Page] = []
    scanned: list[int] = []
    failures: list[str] = []
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                text = without_page_number((page_text(page) or "").translate(VARIANTS))
                if is_scanned(page, text):
                    scanned.append(number)
                    found = _ocr(page, number, failures) if use_ocr else ""
                    pages.append(Page(number, found, ocr=True) if found.strip() else Page(number, text))
                    continue
                found_tables = page_tables(page, text) if tables and text.strip() else []
                found_tables = [[[c.translate(VARIANTS) if c else c for c in row] for row in t] for t in found_tables]
                pages.append(Page(number, text, found_tables))
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on bad input
        raise pdf_error(path, exc) from exc
    read_by_ocr = [p.number for p in pages if p.ocr]
    unread = [n for n in scanned if n not in read_by_ocr]
    if not any(p.text.strip() for p in pages):
        if not scanned:
            raise ReadError(str(path), "the PDF has no text (blank pages, or text drawn as shapes)")
        if not use_ocr:
            raise NoTextLayer(str(path), f"image-only PDF (no text layer); {ocr_engine.INSTALL_HINT}")
        raise NoTextLayer(str(path), "image-only PDF (no text layer), and OCR found no text in it"
                          + (f" ({'; '.join(failures)})" if failures else ""))
    notes = []
    if read_by_ocr:
        notes.append(f"{_pages(read_by_ocr)} read by OCR ({ocr_engine.ENGINE}); recognised text may contain errors")
    if unread:
        one = len(unread) == 1
        why = "OCR found no text there" if use_ocr else ocr_engine.INSTALL_HINT.replace(" it ", " it " if one else " them ")
        notes.append(f"{_pages(unread)} {'is an image' if one else 'are images'} only (no text layer) "
                     f"and {'was' if one else 'were'} not read; {why}")
    notes.extend(failures)
    doc = _document(path, "pdf", pages, digest or sha256_of(path))  # the metadata, as for text files
    doc.notes.extend(notes)
    return doc


def read_pdf_metadata(path: str | Path) -> dict:
    """:func:`qa.metadata.read_metadata` of a PDF, reading only the pages it
    needs (:func:`qa.ingest.metadata_pages`; no tables, no OCR); raises
    :class:`ReadError` like :func:`read_pdf`."""
    import pdfplumber

    path = Path(path)
    try:
        with pdfplumber.open(path) as pdf:
            texts = [p.extract_text() or "" for p in metadata_pages(list(pdf.pages))]
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types
        raise pdf_error(path, exc) from exc
    return read_metadata(texts, path.name)
