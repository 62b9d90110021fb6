"""Small PDFs made in the tests (pypdf only): a text layer in Chinese with a
standard CJK font (STSong-Light, not embedded: pdfminer reads it by its
CMap), image-only pages, and encrypted files."""

from __future__ import annotations

from pathlib import Path


def _pypdf():
    import pypdf as module

    return module


def _font(writer):
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    def name(v):
        return NameObject(v)

    cid = DictionaryObject({
        name("/Type"): name("/Font"), name("/Subtype"): name("/CIDFontType0"), name("/BaseFont"): name("/STSong-Light"),
        name("/CIDSystemInfo"): DictionaryObject({name("/Registry"): TextStringObject("Adobe"),
                                                  name("/Ordering"): TextStringObject("GB1"),
                                                  name("/Supplement"): NumberObject(4)}),
        name("/FontDescriptor"): writer._add_object(DictionaryObject({
            name("/Type"): name("/FontDescriptor"), name("/FontName"): name("/STSong-Light"),
            name("/Flags"): NumberObject(6), name("/FontBBox"): ArrayObject([NumberObject(v) for v in (-25, -254, 1000, 880)]),
            name("/ItalicAngle"): NumberObject(0), name("/Ascent"): NumberObject(880), name("/Descent"): NumberObject(-120),
            name("/CapHeight"): NumberObject(880), name("/StemV"): NumberObject(93)})),
    })
    return writer._add_object(DictionaryObject({
        name("/Type"): name("/Font"), name("/Subtype"): name("/Type0"), name("/BaseFont"): name("/STSong-Light"),
        name("/Encoding"): name("/UniGB-UCS2-H"), name("/DescendantFonts"): ArrayObject([writer._add_object(cid)]),
    }))


def add_text_page(writer, lines: list[str], size=(595, 842)) -> None:
    """A page with ``lines`` as its text layer."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    page = writer.add_blank_page(*size)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): _font(writer)})})
    ops = ["BT", "/F1 12 Tf", "14 TL", f"40 {size[1] - 60} Td"]
    for line in lines:
        ops.append("<" + line.encode("utf-16-be").hex() + "> Tj T*")
    ops.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("ascii"))
    page[NameObject("/Contents")] = writer._add_object(stream)


def text_pdf(path: Path, lines: list[str], user: str | None = None, owner: str | None = None,
             algorithm: str = "RC4-128") -> Path:
    """A one-page PDF with ``lines`` as text; encrypted when a password is given
    (``owner`` only: opens without a password, permissions restricted)."""
    pypdf = _pypdf()
    writer = pypdf.PdfWriter()
    add_text_page(writer, lines)
    if user is not None or owner is not None:
        only_print = pypdf.constants.UserAccessPermissions.PRINT  # no copying, no editing
        writer.encrypt(user_password=user or "", owner_password=owner, algorithm=algorithm,
                       permissions_flag=only_print if user is None else pypdf.constants.UserAccessPermissions.all())
    with open(path, "wb") as f:
        writer.write(f)
    return path


def image_page_pdf(path: Path, image) -> Path:
    """A one-page PDF that is only ``image`` (a PIL image): no text layer."""
    image.convert("RGB").save(path, format="PDF", resolution=100)
    return path


def merge(path: Path, *parts: Path) -> Path:
    """The pages of ``parts`` in order, as one PDF."""
    writer = _pypdf().PdfWriter()
    for part in parts:
        writer.append(str(part))
    with open(path, "wb") as f:
        writer.write(f)
    return path
