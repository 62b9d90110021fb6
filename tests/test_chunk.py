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
