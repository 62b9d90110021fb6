"""Files that are not ordinary documents (issue 10): encrypted and
permission-restricted PDFs, scanned pages, text with stray bytes, empty files.

Inputs are made here (pypdf, Pillow); the shared case files are used in
addition when present.
"""

from __future__ import annotations

import os

import pytest

from qa import ocr
from qa.decoding import decode_text
from qa.errors import EncryptedFile, NoTextLayer, ReadError
from qa.ingest import read_file

from .conftest import SHARED

pytest.importorskip("pypdf", reason="pypdf (the test extra) makes the test PDFs")
from .pdfs import image_page_pdf, merge, text_pdf  # noqa: E402

CASE15 = SHARED / "cases" / "15-unreadable-uploads"
LINES = ["2024年度武汉市样例测试中心单位决算公开", "一、单位主要职责", "住房公积金决算31.26万元。"]
ALGORITHMS = ["RC4-128", "AES-128", "AES-256"]


def _image(text_lines=(), size=(900, 300)):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=40)
    except (TypeError, OSError):  # Pillow without FreeType
        font = ImageFont.load_default()
    for i, line in enumerate(text_lines):
        draw.text((40, 40 + 80 * i), line, font=font, fill="black")
    if not text_lines:
        draw.rectangle((40, 40, size[0] - 40, 80), fill="gray")  # a bar, no text
    return image


@pytest.fixture
def no_ocr(monkeypatch):
    """As if the qa[ocr] extra were not installed."""
    monkeypatch.setattr(ocr, "available", lambda: False)


@pytest.fixture
def fake_ocr(monkeypatch):
    """An OCR engine that 'reads' every image as a fixed disclosure text."""
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_image", lambda image, threads=2: "2024年度武汉市样例扫描中心单位决算公开\n住房公积金 31.26")


# -- encryption ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_pdf_that_needs_a_password_says_so(tmp_path, algorithm):
    path = text_pdf(tmp_path / "locked.pdf", LINES, user="secret", owner="owner", algorithm=algorithm)
    with pytest.raises(EncryptedFile) as info:
        read_file(path)
    assert info.value.reason == "the PDF is encrypted (needs a password)"
    assert "locked.pdf" in str(info.value)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_an_owner_password_only_pdf_is_read_normally(tmp_path, algorithm):
    path = text_pdf(tmp_path / "restricted.pdf", LINES, owner="owner", algorithm=algorithm)
    doc = read_file(path)
    assert (doc.organisation, doc.year, doc.stage) == ("武汉市样例测试中心", 2024, "决算")
    assert "31.26" in doc.text and doc.notes == []


def test_the_shared_encrypted_and_restricted_cases():
    if not CASE15.is_dir():
        pytest.skip(f"shared case files not present ({CASE15})")
    with pytest.raises(EncryptedFile, match=r"encrypted \(needs a password\)"):
        read_file(CASE15 / "dangan_2024_juesuan_encrypted.pdf")
    doc = read_file(CASE15 / "tongji_2024_juesuan_restricted.pdf")
    assert doc.organisation == "武汉市示例统计服务中心" and doc.pages[0].number == 1 and "住房公积金" in doc.text


# -- empty files --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.pdf"])
def test_an_empty_file_is_the_file_is_empty(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(ReadError, match="the file is empty"):
        read_file(tmp_path / name)


def test_a_pdf_with_blank_pages_has_no_text(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    with open(tmp_path / "blank.pdf", "wb") as f:
        writer.write(f)
    with pytest.raises(ReadError, match="no text") as info:
        read_file(tmp_path / "blank.pdf")
    assert not isinstance(info.value, NoTextLayer)


# -- stray bytes --------------------------------------------------------------------------------------------------------

def test_utf8_with_one_stray_byte_is_utf8_and_the_byte_is_reported(tmp_path):
    text = "\n".join(LINES * 20)
    data = bytearray(text.encode("utf-8"))
    data.insert(data.index("住房公积金".encode()), 0xFF)  # in line 3
    (tmp_path / "stray.txt").write_bytes(bytes(data))
    doc = read_file(tmp_path / "stray.txt")
    assert doc.organisation == "武汉市样例测试中心"  # not GB18030 mojibake
    assert doc.text.count("\ufffd") == 1 and doc.text.count("住房公积金") == 20
    assert doc.notes == ["1 invalid byte (not UTF-8) replaced by U+FFFD at line 3"]


def test_gbk_and_gb18030_files_still_decode_as_gb18030(tmp_path):
    text = "\n".join(LINES * 5)
    for encoding in ("gbk", "gb18030"):
        (tmp_path / f"{encoding}.txt").write_bytes(text.encode(encoding))
        doc = read_file(tmp_path / f"{encoding}.txt")
        assert doc.text == text and doc.notes == []
    decoded = decode_text(text.encode("gbk") + b"\x80")  # GBK with a stray byte of its own
    assert decoded.encoding == "gb18030" and decoded.text.startswith(LINES[0]) and decoded.bad_bytes == 1


def test_bytes_that_are_neither_utf8_nor_gbk_are_refused(tmp_path):
    (tmp_path / "noise.txt").write_bytes("说明：".encode() + b"\x80\xff" * 200)  # invalid in both
    with pytest.raises(ReadError, match="neither UTF-8 nor GB18030"):
        read_file(tmp_path / "noise.txt")


def test_a_short_utf8_line_with_a_stray_byte():
    decoded = decode_text("预算".encode() + b"\xff")
    assert decoded.encoding == "utf-8" and decoded.text == "预算\ufffd"


# -- scanned pages ------------------------------------------------------------------------------------------------------

def test_an_image_only_pdf_without_ocr_says_install_the_extra(tmp_path, no_ocr):
    path = image_page_pdf(tmp_path / "scan.pdf", _image(["Housing fund 31.26"]))
    with pytest.raises(NoTextLayer) as info:
        read_file(path)
    assert info.value.reason == "image-only PDF (no text layer); install qa[ocr] to read it by OCR"


def test_some_scanned_pages_without_ocr_are_reported_and_the_rest_read(tmp_path, no_ocr):
    text = text_pdf(tmp_path / "text.pdf", LINES)
    scan = image_page_pdf(tmp_path / "scan.pdf", _image(["Housing fund 31.26"]))
    doc = read_file(merge(tmp_path / "mixed.pdf", text, scan, text))
    assert [p.number for p in doc.pages] == [1, 2, 3] and doc.ocr_pages == []
    assert doc.notes == ["page 2 is an image only (no text layer) and was not read; install qa[ocr] to read it by OCR"]


def test_scanned_pages_are_read_by_ocr_and_marked(tmp_path, fake_ocr):
    text = text_pdf(tmp_path / "text.pdf", LINES)
    scan = image_page_pdf(tmp_path / "scan.pdf", _image())
    doc = read_file(merge(tmp_path / "mixed.pdf", text, scan))
    assert [p.number for p in doc.pages] == [1, 2] and doc.ocr_pages == [2]
    assert doc.pages[1].ocr and not doc.pages[0].ocr and "31.26" in doc.pages[1].text
    assert doc.notes and "page 2 read by OCR" in doc.notes[0]
    only = read_file(scan)  # a PDF of scanned pages only: its metadata come from the OCR text
    assert only.organisation == "武汉市样例扫描中心" and only.ocr_pages == [1]


def test_a_failing_ocr_engine_is_reported_not_a_broken_pdf(tmp_path, monkeypatch):
    def broken(image, threads=2):
        raise ocr.OCRError("OCR failed (RuntimeError: no memory)")

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_image", broken)
    with pytest.raises(NoTextLayer, match="OCR found no text.*no memory"):
        read_file(image_page_pdf(tmp_path / "scan.pdf", _image()))


# The test extra installs the OCR extra, so under CI=1 a missing engine fails instead of skipping.
needs_ocr = pytest.mark.skipif(not ocr.available() and not os.environ.get("CI"),
                               reason="OCR extra not installed (pip install 'qa[ocr]')")


@needs_ocr
def test_real_ocr_reads_a_scanned_page(tmp_path):
    scan = image_page_pdf(tmp_path / "scan.pdf", _image(["Housing fund 31.26", "Travel 6.80"]))
    doc = read_file(merge(tmp_path / "mixed.pdf", text_pdf(tmp_path / "text.pdf", LINES), scan))
    assert doc.ocr_pages == [2] and doc.organisation == "武汉市样例测试中心"
    assert "31.26" in doc.pages[1].text and "6.80" in doc.pages[1].text
    assert doc.pages[1].text.index("31.26") < doc.pages[1].text.index("6.80")  # reading order
