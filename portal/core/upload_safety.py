"""Content checks shared by every upload path (issue 13 point 9): feedback attachments, plan evidence
(both through portal/feedback/attachments.py) and procedure form files (portal/procedures/files.py).

- Legacy Office (OLE compound file, .doc/.xls) with a macro storage: the directory entries are read from the
  raw bytes (128-byte entries, UTF-16LE name + its length field), no parser dependency; names "Macros",
  "_VBA_PROJECT_CUR", "_VBA_PROJECT", "VBA" refuse the file.
- OOXML (.docx/.xlsx) with a macro project (vbaProject.bin) or a macro-enabled content type; the unpacked size
  (sum of ZipInfo.file_size) bounded and the compression ratio bounded (zip bombs). Only [Content_Types].xml
  is inflated, after the size checks.
- PDF with JavaScript or actions: a conservative scan of the raw bytes for the name tokens /JS, /JavaScript,
  /Launch, /AA (also written with #xx escapes), outside stream bodies. LIMITATION: names inside streams —
  object streams (/ObjStm, PDF 1.5+), compressed or not — are not seen; a PDF that hides its actions there
  passes this scan. A full PDF parser (or re-rendering the PDF) would be needed to close that gap.
- Pictures: the pixels of all pictures of one request summed from their headers (nothing decoded).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

from portal.core.errors import DomainError

MB = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_MACRO_NAMES = ("Macros", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "VBA")
_PDF_ACTIONS = {b"JS", b"JavaScript", b"Launch", b"AA"}
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM_BODY = re.compile(rb"\bstream\r?\n.*?\bendstream\b", re.S)


@dataclass(frozen=True)
class UploadLimits:
    """Defaults mirror portal/config.py (UPLOAD_*)."""
    office_unpacked_max: int = 50 * MB
    office_max_ratio: int = 200  # unpacked / packed, checked once the unpacked size passes 1 MB
    images_max_total_pixels: int = 60_000_000  # all pictures of one request

    @classmethod
    def from_config(cls, config=None) -> UploadLimits:
        if config is None and not has_app_context():
            return cls()  # checks run outside a request (tests, scripts): the defaults
        cfg = current_app.config if config is None else config
        return cls(office_unpacked_max=cfg.get("UPLOAD_OFFICE_UNPACKED_MAX_BYTES", cls.office_unpacked_max),
                   office_max_ratio=cfg.get("UPLOAD_OFFICE_MAX_RATIO", cls.office_max_ratio),
                   images_max_total_pixels=cfg.get("UPLOAD_IMAGES_MAX_TOTAL_PIXELS", cls.images_max_total_pixels))


def _macros(shown):
    return _l("“%(name)s” contains macros. Please save it without macros and attach it again.", name=shown)


def _ole_has_macros(data: bytes) -> bool:
    for name in _OLE_MACRO_NAMES:
        encoded = name.encode("utf-16-le") + b"\0\0"
        length = len(encoded).to_bytes(2, "little")
        start = data.find(encoded)
        while start != -1:
            if start % 128 == 0 and data[start + 64:start + 66] == length:  # a directory entry's name
                return True
            start = data.find(encoded, start + 1)
    return False


def _check_ooxml(data: bytes, shown: str, limits: UploadLimits, field: str) -> None:
    damaged = DomainError(_l("“%(name)s” is damaged and could not be read. Please attach another copy.",
                             name=shown), field=field)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise damaged from None
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.office_unpacked_max or (
            unpacked > MB and unpacked > limits.office_max_ratio * max(len(data), 1)):
        raise DomainError(_l("“%(name)s” unpacks to more than %(size)s MB or is compressed suspiciously much. "
                             "Please attach another copy.", name=shown,
                             size=f"{limits.office_unpacked_max / MB:g}"), field=field)
    names = [m.filename.lower() for m in members]
    if any(n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") for n in names):
        raise DomainError(_macros(shown), field=field)
    try:
        types = archive.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    # zipfile raises NotImplementedError for a compression method it cannot read, KeyError for a member the
    # directory names in another case: both mean the file cannot be checked, so it is refused as damaged.
    except (zipfile.BadZipFile, ValueError, OSError, KeyError, NotImplementedError):
        raise damaged from None
    if b"macroenabled" in types.lower() or b"vbaproject" in types.lower():
        raise DomainError(_macros(shown), field=field)


def _pdf_has_actions(data: bytes) -> bool:
    # Stream bodies (page content, compressed pictures) are left out: random binary data holds "/JS " or
    # "/AA " often enough in a 10 MB scan to refuse honest files.
    for match in _PDF_NAME.finditer(_STREAM_BODY.sub(b"", data)):
        name = _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        if name in _PDF_ACTIONS:
            return True
    return False


def check_content(extension: str, data: bytes, shown: str, field: str, limits: UploadLimits | None = None) -> None:
    """Refuse (DomainError on `field`) an upload whose detected `extension` carries active content."""
    limits = limits or UploadLimits.from_config()
    if extension in ("doc", "xls") and data.startswith(_OLE_MAGIC) and _ole_has_macros(data):
        raise DomainError(_macros(shown), field=field)
    if extension in ("docx", "xlsx"):
        _check_ooxml(data, shown, limits, field)
    if extension == "pdf" and _pdf_has_actions(data):
        raise DomainError(_l("“%(name)s” contains scripts or actions that run when it is opened (JavaScript, "
                             "launching a program). Please attach a plain PDF, for example printed to PDF again.",
                             name=shown), field=field)


def image_pixels(data: bytes) -> int:
    """Width × height read from the header (nothing decoded); 0 when it is not a readable picture."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        return 0
    return width * height


def check_total_pixels(images: list[tuple[str, bytes]], field: str, limits: UploadLimits | None = None) -> None:
    """Refuse the request's pictures together when their pixels add up to more than the configured total."""
    limits = limits or UploadLimits.from_config()
    if len(images) < 2:
        return  # one picture is bounded by its own per-picture limit
    if sum(image_pixels(data) for _, data in images) > limits.images_max_total_pixels:
        names = ", ".join(f"“{shown}”" for shown, _ in images)
        raise DomainError(_l("The pictures %(names)s together have too many pixels (more than %(mp)s megapixels). "
                             "Please attach fewer or smaller pictures.", names=names,
                             mp=f"{limits.images_max_total_pixels / 1e6:g}"), field=field)
