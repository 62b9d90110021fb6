"""Decoding text files: UTF-8 (with or without BOM), UTF-16 (with BOM) or
GB18030/GBK, telling a UTF-8 file with a few stray bytes from a GBK file.

The rule: a file that decodes as UTF-8 except for a few bytes (at most
:data:`STRAY_SHARE` of its non-ASCII bytes) is UTF-8 with stray bytes — the
bad bytes are replaced by U+FFFD and reported (:meth:`Decoded.note`), instead
of reading the whole file as GB18030 mojibake. A file where UTF-8 fails all
over (GBK text fails on most characters) is GB18030. When neither reads
cleanly, the reading with fewer bad bytes is kept if they are still few;
otherwise the file is refused.

>>> decode_text("预算".encode("gbk")).encoding
'gb18030'
>>> d = decode_text("一、部门预算\\n二、收支总表".encode() + b"\\xff" + "单位：万元\\n".encode())
>>> d.encoding, d.text.splitlines()[1], d.note()
('utf-8', '二、收支总表\\ufffd单位：万元', '1 invalid byte (not UTF-8) replaced by U+FFFD at line 2')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import ReadError

__all__ = ["Decoded", "decode_text", "STRAY_SHARE"]

# At most this share of the non-ASCII bytes may be invalid for a file to be
# read as UTF-8 with stray bytes. GBK text read as UTF-8 fails on a quarter
# to a half of its non-ASCII bytes; a damaged UTF-8 file on a handful.
STRAY_SHARE = 0.05
_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes kept by errors="surrogateescape"


@dataclass
class Decoded:
    """A decoded text, its encoding and the bad bytes that were replaced."""

    text: str
    encoding: str  # "utf-8", "utf-16" or "gb18030"
    bad: list[tuple[int, int]] = field(default_factory=list)  # (line, bytes) per replaced run

    @property
    def bad_bytes(self) -> int:
        return sum(n for _, n in self.bad)

    def note(self) -> str | None:
        """What was replaced, for the build report (None when nothing was).

        >>> Decoded("x", "utf-8", [(3, 1), (7, 2), (7, 1)]).note()
        '4 invalid bytes (not UTF-8) replaced by U+FFFD at lines 3, 7'
        """
        if not self.bad:
            return None
        n = self.bad_bytes
        lines = sorted({line for line, _ in self.bad})
        where = f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines[:10]))
        more = f" and {len(lines) - 10} more" if len(lines) > 10 else ""
        label = "UTF-8" if self.encoding == "utf-8" else "GB18030"
        return f"{n} invalid byte{'s' if n != 1 else ''} (not {label}) replaced by U+FFFD at {where}{more}"


def _scan(data: bytes, encoding: str) -> Decoded | None:
    """``data`` decoded with each run of invalid bytes replaced by U+FFFD
    (None when the codec cannot say which bytes were bad)."""
    try:
        raw = data.decode(encoding, errors="surrogateescape")
    except UnicodeDecodeError:  # an invalid sequence of ASCII bytes: not text in this encoding
        return None
    bad: list[tuple[int, int]] = []
    parts: list[str] = []
    last = 0
    line, counted = 1, 0
    for m in _ESCAPED.finditer(raw):
        line += raw.count("\n", counted, m.start())
        counted = m.start()
        bad.append((line, m.end() - m.start()))
        parts += [raw[last:m.start()], "\ufffd"]
        last = m.end()
    return Decoded("".join(parts) + raw[last:], encoding, bad)


def decode_text(data: bytes, name: str = "<bytes>") -> Decoded:
    """Decode a text file's bytes (see the module docstring for the rule).

    Raises :class:`ReadError` naming ``name`` for binary data (NUL bytes)
    and for bytes that are neither UTF-8 nor GB18030 beyond a few stray ones.

    >>> decode_text("\\ufeff决算".encode("utf-8")).text
    '决算'
    >>> decode_text("部门决算公开，单位：万元".encode("gbk") + b"\\x80").encoding
    'gb18030'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as e:
            raise ReadError(name, f"invalid UTF-16 text ({e.reason} at byte {e.start})") from e
    if b"\x00" in data[:4096]:
        raise ReadError(name, "binary data (contains NUL bytes), not a text file")
    bom = data.startswith(b"\xef\xbb\xbf")
    utf8 = _scan(data[3:] if bom else data, "utf-8")
    assert utf8 is not None  # every byte >= 0x80 can be escaped in UTF-8
    if not utf8.bad or bom:
        return utf8
    non_ascii = sum(b >= 0x80 for b in data) or 1
    if utf8.bad_bytes <= STRAY_SHARE * non_ascii:
        return utf8  # UTF-8 with a few stray bytes, not GBK
    try:
        return Decoded(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        pass
    gb = _scan(data, "gb18030")
    best = utf8 if gb is None or utf8.bad_bytes <= gb.bad_bytes else gb
    if best.bad_bytes <= max(2, STRAY_SHARE * non_ascii):
        return best
    raise ReadError(
        name,
        f"text is neither UTF-8 nor GB18030/GBK ({utf8.bad_bytes} of {non_ascii} non-ASCII bytes are invalid "
        f"as UTF-8, {'?' if gb is None else gb.bad_bytes} as GB18030)",
    )
