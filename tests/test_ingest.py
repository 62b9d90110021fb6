from pathlib import Path

import pytest

from qa.errors import ReadError, UnsupportedFile
from qa.ingest import read_file

from .conftest import CORPUS, SHARED


def test_seed_metadata():
    doc = read_file(CORPUS / "000_74bc31ce8dbb1072.txt")
    assert (doc.organisation, doc.year, doc.stage, doc.scope) == ("武汉市中小企业发展促进中心", 2024, "决算", "单位")
    assert doc.published == "2025-10-11"
    assert doc.pages[0].number is None
    budget = read_file(CORPUS / "001_22ce73ebe3650ec1.txt")
    assert (budget.year, budget.stage) == (2026, "预算")


def test_markdown_and_html_cleanup_keep_table_rows():
    doc = read_file(CORPUS / "000_74bc31ce8dbb1072.txt")
    assert "30229\t福利费\t28.07" in doc.text
    assert "<p>" not in doc.text and "<input" not in doc.text


def test_gb18030_text_is_detected(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("2024 年度武汉市测试中心部门决算公开\n一、部门主要职责\n负责测试。".encode("gb18030"))
    doc = read_file(path)
    assert doc.organisation == "武汉市测试中心" and doc.stage == "决算"


def test_markdown_pipe_table(tmp_path):
    path = tmp_path / "t.md"
    path.write_text("# 2025年某局部门预算\n\n| 科目 | 金额 |\n|---|---|\n| 公务接待费 | 1.00 |\n", encoding="utf-8")
    assert "公务接待费\t1.00" in read_file(path).text


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x00\x01\x02garbage", "binary"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
        ("notpdf.pdf", b"hello", "not a readable PDF"),
    ],
)
def test_bad_files_raise_read_error_naming_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_file(path)
    assert name in str(info.value) and reason in str(info.value)


def test_unsupported_type(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFile, match="unsupported file type .docx"):
        read_file(path)


def test_encrypted_pdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    with pytest.raises(ReadError, match="encrypted"):
        read_file(path)


def test_pdf_pages_are_numbered():
    pdf = SHARED / "corpus" / "pdf" / "budget" / "js_shengwei_2019_bumen_yusuan_wenjian.pdf"
    if not pdf.exists():
        pytest.skip("shared PDFs not present")
    doc = read_file(pdf)
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    assert doc.year == 2019 and doc.stage == "预算"
    assert isinstance(doc.pages[0].tables, list)


def test_figures_set_lower_than_their_sentence_stay_in_it(tmp_path):
    """Putuo's 决算 set figures in another font whose tops sit ~5 pt below the
    Chinese text (here 3.6 pt of a 9 pt font); they must stay inside their sentence, not trail after it."""
    from .pdfgen import text_width, write_pdf

    x, parts = 40.0, []
    for text, drop in (("机关运行经费支出", 0), ("184.65", 3.6), ("万元，比上年增加", 0), ("2.55", 3.6), ("万元。", 0),
                       ("“", 3.6), ("三公", 0), ("”", 3.6), ("经费持平。", 0)):
        parts.append((x, 100 + drop, text))
        x += text_width(text)
    parts.append((40.0, 116, "主要原因是更换了照明设施。"))  # the next line stays a line of its own
    doc = read_file(write_pdf(tmp_path / "lowered.pdf", [(parts, [])]))
    lines = doc.pages[0].text.split("\n")
    assert lines[:2] == ["机关运行经费支出184.65万元，比上年增加2.55万元。“三公”经费持平。", "主要原因是更换了照明设施。"]
