"""Files that are not ordinary documents (issue 10): encrypted and
permission-restricted PDFs, scanned pages, text with stray bytes, empty files.

Inputs are made here (pypdf, Pillow); the shared case files are used in
addition when present.
"""

from __future__ import annotations

import pytest

from qa.decoding import decode_text
from qa.errors import ReadError
from qa.ingest import read_file

LINES = ["2024年度武汉市样例测试中心单位决算公开", "一、单位主要职责", "住房公积金决算31.26万元。"]


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
