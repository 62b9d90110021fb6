"""A tiny PDF writer for tests: Chinese text at given positions, optional ruling lines.

No dependency: the text uses the standard CJK font STSong-Light (not
embedded, encoding UniGB-UCS2-H), which pdfminer maps back to Unicode.
Coordinates are pdfplumber's: x from the left, ``top`` from the top edge.
"""

from __future__ import annotations

from pathlib import Path

WIDTH, HEIGHT = 595, 842

Text = tuple[float, float, str]  # (x, top, text)
Line = tuple[float, float, float, float]  # (x0, top0, x1, top1)


def _hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def text_width(text: str, size: float = 9) -> float:
    """Width the font gives ``text`` (ASCII half width, others full width)."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text) * size


def _content(texts: list[Text], lines: list[Line], size: float) -> bytes:
    ops = []
    for x0, t0, x1, t1 in lines:
        ops.append(f"0.5 w {x0:.2f} {HEIGHT - t0:.2f} m {x1:.2f} {HEIGHT - t1:.2f} l S")
    for x, top, text in texts:
        ops.append(f"BT /F1 {size} Tf {x:.2f} {HEIGHT - top - size * 0.88:.2f} Td <{_hex(text)}> Tj ET")
    return "\n".join(ops).encode("ascii")


def write_pdf(path: Path, pages: list[tuple[list[Text], list[Line]]], size: float = 9) -> Path:
    """Write ``pages`` (each: texts and ruling lines) to ``path``."""
    n = len(pages)
    font_id = 3 + 2 * n
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        ("<< /Type /Pages /Kids [" + " ".join(f"{3 + 2 * i} 0 R" for i in range(n)) + f"] /Count {n} >>").encode(),
    ]
    for i, (texts, lines) in enumerate(pages):
        content = _content(texts, lines, size)
        objects.append((f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] "
                        f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {4 + 2 * i} 0 R >>").encode())
        objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
                   b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
                   b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
                   b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >> "
                   b"/DW 1000 /W [1 95 500] >>] >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    Path(path).write_bytes(bytes(out))
    return Path(path)


def row(x: float, top: float, cells: list[str], gap: float = 8, size: float = 9) -> list[Text]:
    """Cells of one line written left to right, ``gap`` points apart."""
    out = []
    for cell in cells:
        out.append((x, top, cell))
        x += text_width(cell, size) + gap
    return out


def grid(x: float, top: float, widths: list[float], rows: list[list[str]], height: float = 16,
         size: float = 9, rule_top: bool = True) -> tuple[list[Text], list[Line]]:
    """A ruled table: ``rows`` in cells of ``widths``; ``rule_top=False`` leaves
    out the line above the first row (as on some continuation pages)."""
    texts: list[Text] = []
    lines: list[Line] = []
    right = x + sum(widths)
    for i, cells in enumerate(rows):
        cx = x
        for w, cell in zip(widths, cells):
            if cell:
                texts.append((cx + 2, top + i * height + (height - size) / 2, cell))
            cx += w
    for i in range(0 if rule_top else 1, len(rows) + 1):
        lines.append((x, top + i * height, right, top + i * height))
    first = top if rule_top else top + height
    cx = x
    for w in [0] + widths:
        cx += w
        lines.append((cx, first, cx, top + len(rows) * height))
    return texts, lines
