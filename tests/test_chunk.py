from qa.chunk import chunk_document, split_sentences
from qa.ingest import read_file

from .conftest import CORPUS


def _chunks():
    return chunk_document(read_file(CORPUS / "000_74bc31ce8dbb1072.txt"))


def test_chunks_keep_spans_and_sections():
    doc = read_file(CORPUS / "000_74bc31ce8dbb1072.txt")
    for c in chunk_document(doc):
        assert 0 <= c.start < c.end <= len(doc.pages[0].text)
        # the first characters of the chunk are where the span says
        raw = doc.pages[0].text[c.start : c.end].lstrip("#- \t")
        assert raw[:4] == c.text.strip()[:4] or "\t" in c.text


def test_no_sentence_is_split():
    # sentences of the document appear whole in one chunk
    doc = read_file(CORPUS / "000_74bc31ce8dbb1072.txt")
    joined = [c.text for c in chunk_document(doc)]
    sentence = "主要原因是单位提档升级，2024 年中小企业及创业武汉系列服务专项资金较 2023 年增加；"
    assert any(sentence in t for t in joined)
    from qa.chunk import split_sentences as split
    for para in doc.pages[0].text.split("\n"):
        if "\t" not in para and len(para) > 40 and para.rstrip()[-1] == "。":
            for s in split(para)[:-1]:
                assert any(s.strip() in t for t in joined), s


def test_section_paths_follow_headings():
    chunks = _chunks()
    duty = next(c for c in chunks if "贯彻执行中小企业和民营经济法律法规" in c.text and "主要职责" in c.section)
    assert duty.section.startswith("第一部分")
    table = next(c for c in chunks if "30229\t福利费\t28.07" in c.text)
    assert "基本支出决算明细表" in table.section


def test_indexed_text_is_prefixed_with_title_and_heading():
    c = next(c for c in _chunks() if "主要职责" in c.section)
    assert c.indexed.startswith("2024 年度武汉市中小企业发展促进中心")
    assert "主要职责" in c.indexed.split("\n")[1]
    bare = chunk_document(read_file(CORPUS / "000_74bc31ce8dbb1072.txt"), prefix=False)
    assert all(b.indexed == b.text for b in bare)


def test_split_sentences_keeps_marks():
    assert split_sentences("一。二！三") == ["一。", "二！", "三"]


# ---------------------------------------------------------------------------------------------
# joining PDF lines (issue 10, part 4)

def _pdf_doc(text: str):
    from qa.types import Document, Page

    return Document(name="t.pdf", path="t.pdf", sha256="x", kind="pdf", pages=[Page(1, text)])


def test_table_rows_keep_their_own_lines():
    text = ("2024年度基本支出决算明细表\n人员经费 公用经费\n"
            "301 工资福利支出 210.40 302 商品和服务支出 30.50\n30101 基本工资 80.00 30201 办公费 5.20\n"
            "30302 退休费 12.00\n人员经费合计 222.40 公用经费合计 30.50\n"
            "行政事业单位医疗 1,097,073.43 1,097,073.43\n210 11 01 行政单位医疗 5.00 5.00")
    joined = "\n".join(c.text for c in chunk_document(_pdf_doc(text)))
    assert "30.50\n30101" in joined and "12.00\n人员经费合计" in joined
    assert "1,097,073.43\n210 11 01" in joined
    assert not __import__("re").search(r"\d\.\d\d\d{3}|\d\.\d\d[\u4e00-\u9fff]", joined), joined


def test_wrapped_prose_joins_and_short_lines_keep_a_space():
    line1 = "本单位主要负责全市公共数据目录的日常维护、数据质量核查和数据开放平台的运行保障，承担数"
    line2 = "据共享交换的技术支撑工作，支出决算为"
    text = f"{line1}\n{line2}\n6.80 万元。\n项目 决算\n数\n单位决算公开\n第一部分 概况"
    chunks = chunk_document(_pdf_doc(text))
    joined = "\n".join(c.text for c in chunks)
    assert "承担数据共享交换" in joined  # a wrapped line of prose: no separator
    assert "支出决算为 6.80 万元。" in joined  # a number on the next line: a space
    assert "决算数" in joined  # a header word split inside its cell
    assert "单位决算公开" in joined and "公开第一部分" not in joined


def test_case20_passages_keep_rows_apart():
    from .conftest import SHARED

    pdf = SHARED / "cases" / "20-pdf-unruled-table-lines-fused" / "tongji_2024_juesuan_unruled.pdf"
    if not pdf.exists():
        import pytest

        pytest.skip(f"{pdf} is not here (../shared missing)")
    doc = read_file(pdf)
    text = "\n".join(c.text for c in chunk_document(doc))
    assert "30.5030101" not in text and "12.00人员经费合计" not in text
    assert "30302 退休费 12.00\n人员经费合计 222.40 公用经费合计 30.50" in text
    # a citation's text is what a reader finds on the page: every chunk line is on its page
    page = doc.pages[0].text
    for c in chunk_document(doc):
        for line in c.text.split("\n"):
            assert all(part in page for part in line.split(" ")), line
