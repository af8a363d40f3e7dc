"""The fonts of a PDF that Chromium printed, and the characters each one draws (read from its /ToUnicode map).

What it is for: the posting sheet once printed "Quyết định số" as "Quyêt́ định sô´". The line was set in DejaVu Sans
Mono, which has "ê" and a combining acute accent but not "ế"; the shaper then draws "ê" + U+0301 (an advancing mark in
a monospace font) instead of falling back to a font that has the letter. In the PDF this shows as a font whose glyphs
stand for combining marks, and as a fixed-pitch font drawing Vietnamese letters: both are read here.

Chromium (Skia) writes a classic cross-reference table, font dictionaries as plain objects and the /ToUnicode maps
as Flate streams with a direct /Length."""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

FIXED_PITCH = 1  # bit 1 of a font descriptor's /Flags (PDF 32000-1, 9.8.2)


@dataclass(frozen=True)
class PdfFont:
    name: str
    fixed_pitch: bool
    chars: frozenset[str]


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Object number → (its dictionary, its decoded stream or None), through the cross-reference table."""
    start = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    head = re.match(rb"xref\s+(\d+)\s+(\d+)\s*\n", pdf[start:])
    first, count, table = int(head.group(1)), int(head.group(2)), start + head.end()
    objects = {}
    for i in range(count):
        offset, _generation, kind = pdf[table + 20 * i: table + 20 * (i + 1)].split()
        if kind != b"n":
            continue
        at = int(offset)
        ends = [pos for pos in (pdf.find(b"stream", at), pdf.find(b"endobj", at)) if pos >= 0]
        end = min(ends)
        body, data = pdf[at:end], None
        if pdf.startswith(b"stream", end):
            length = int(re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", body).group(1))
            begin = end + len(b"stream") + (2 if pdf.startswith(b"\r\n", end + 6) else 1)
            data = pdf[begin:begin + length]
            if b"/FlateDecode" in body:
                data = zlib.decompress(data)
        objects[first + i] = (body, data)
    return objects


def _ref(body: bytes, key: bytes) -> int | None:
    found = re.search(rb"/" + key + rb"\s*\[?\s*(\d+)\s+0\s+R", body)
    return int(found.group(1)) if found else None


def _unicode(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode()).decode("utf-16-be")


def _mapped_chars(cmap: bytes) -> set[str]:
    """Every text a glyph stands for in a ToUnicode CMap (bfchar pairs and bfrange runs)."""
    chars: set[str] = set()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for _glyph, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            chars.update(_unicode(text))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])",
                                            block):
            if target.startswith(b"["):
                for text in re.findall(rb"<([0-9A-Fa-f]+)>", target):
                    chars.update(_unicode(text))
                continue
            first = ord(_unicode(target[1:-1])[-1])
            chars.update(chr(first + n) for n in range(int(high, 16) - int(low, 16) + 1))
    return chars


def pdf_fonts(pdf: bytes) -> list[PdfFont]:
    """Each font the PDF draws text with: its name, whether it is fixed-pitch, and what its glyphs stand for."""
    objects = _objects(pdf)
    fonts = []
    for body, _data in objects.values():
        if not re.search(rb"/Type\s*/Font\b", body) or _ref(body, b"ToUnicode") is None:
            continue
        descriptor = _ref(body, b"FontDescriptor")
        if descriptor is None and (descendant := _ref(body, b"DescendantFonts")) is not None:
            descriptor = _ref(objects[descendant][0], b"FontDescriptor")
        flags = re.search(rb"/Flags\s+(\d+)", objects[descriptor][0]) if descriptor is not None else None
        name = re.search(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", body)
        fonts.append(PdfFont(name=name.group(1).decode() if name else "?",
                             fixed_pitch=bool(flags and int(flags.group(1)) & FIXED_PITCH),
                             chars=frozenset(_mapped_chars(objects[_ref(body, b"ToUnicode")][1] or b""))))
    return fonts
