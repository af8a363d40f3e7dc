"""Attachments to feedback: type read from the content, images re-encoded, stored by content hash.

Nothing here touches the database; services record the returned metadata. Check every file of a
submission first (`check_attachments`) and `store` only when all passed, so a refusal leaves nothing
behind. Like portal/procedures/files.py, but citizens' photos carry EXIF (GPS position, camera
serial, time) that must never be kept or published, so JPEG and PNG are decoded and written anew.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.core import upload_safety
from portal.core.errors import DomainError

MB = 1024 * 1024
# What a citizen may attach (issue 5): detected extension -> content type stored and served.
ALLOWED = {"jpg": "image/jpeg", "png": "image/png", "pdf": "application/pdf",
           "doc": "application/msword",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "xls": "application/vnd.ms-excel",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# filetype reports an animated PNG as "apng"; only its first frame is kept.
_ALIASES = {"apng": "png"}
# Extensions the citizen's own name may keep when it matches the detected type.
_NAME_EXTENSIONS = {"jpg": ("jpg", "jpeg", "jpe"), "png": ("png",)}
_IMAGE_FORMATS = {"jpg": "JPEG", "png": "PNG"}
# For the form's <input accept>: a hint to the browser only; the content decides.
ACCEPT = ".jpg,.jpeg,.png,.pdf,.doc,.docx,.xls,.xlsx"
MAX_NAME_LENGTH = 200
FALLBACK_STEM = "tep-dinh-kem"
# Characters Windows refuses in file names; a downloaded attachment should save anywhere.
_RESERVED = re.compile(r'[<>:"|?*]')
_STORED = re.compile(r"^(?P<area>feedback|plan)/[0-9a-f]{2}/[0-9a-f]{64}$")  # the upload areas


class AttachmentError(DomainError):
    """A file (or the set of files) was refused; shown beside the attachments field."""

    def __init__(self, message):
        super().__init__(message, field="attachments")


@dataclass(frozen=True)
class Limits:
    """The defaults mirror portal/config.py (FEEDBACK_ATTACHMENT_*, FEEDBACK_IMAGE_*), which the app reads.
    The total stays under MAX_CONTENT_LENGTH (25 MB), so files just over it still get this module's
    message beside the field, the typed text kept; only a request over MAX_CONTENT_LENGTH gets a 413."""
    max_bytes: int = 10 * MB
    max_count: int = 5
    max_total: int = 20 * MB
    image_max_side: int = 4000  # larger photos are scaled down, not refused
    image_max_pixels: int = 50_000_000  # decoded size bound: more is refused before decoding

    @classmethod
    def from_config(cls, config=None) -> Limits:
        cfg = current_app.config if config is None else config
        return cls(max_bytes=cfg.get("FEEDBACK_ATTACHMENT_MAX_BYTES", cls.max_bytes),
                   max_count=cfg.get("FEEDBACK_ATTACHMENT_MAX_COUNT", cls.max_count),
                   max_total=cfg.get("FEEDBACK_ATTACHMENTS_MAX_TOTAL", cls.max_total),
                   image_max_side=cfg.get("FEEDBACK_IMAGE_MAX_SIDE", cls.image_max_side),
                   image_max_pixels=cfg.get("FEEDBACK_IMAGE_MAX_PIXELS", cls.image_max_pixels))


@dataclass(frozen=True)
class Checked:
    name: str  # safe display name, extension matching the content
    content_type: str
    data: bytes  # what will be stored: re-encoded for images, as sent otherwise
    size: int
    sha256: str


def _size(limit: int) -> str:
    if limit >= MB:
        return f"{limit / MB:g} MB"
    return f"{limit / 1024:g} KB" if limit >= 1024 else f"{limit} B"


def safe_name(filename: str | None, extension: str | None = None) -> str:
    """A display name without directories, control, bidirectional or invisible format characters
    (U+202A–U+202E, U+2066–U+2069, U+200E/F … are category Cf), NFC, ending in `extension`."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(_RESERVED.sub("_", name).split()).strip(" .")
    if extension is None:
        return name[:MAX_NAME_LENGTH] or FALLBACK_STEM
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    elif ext.lower() not in _NAME_EXTENSIONS.get(extension, (extension,)):
        ext = ""
    stem = stem.strip(" .") or FALLBACK_STEM
    ext = ext or extension
    return f"{stem[:MAX_NAME_LENGTH - len(ext) - 1].rstrip(' .')}.{ext}"


def _detect(data: bytes, shown: str) -> str:
    kind = filetype.guess(data)
    extension = _ALIASES.get(kind.extension, kind.extension) if kind else None
    if extension not in ALLOWED:
        raise AttachmentError(_l("“%(name)s” is not an accepted kind of file. Please attach JPG, PNG, PDF, "
                                 "DOC, DOCX, XLS or XLSX files.", name=shown))
    return extension


def _check_content(extension: str, data: bytes, shown: str) -> None:
    # Macros (OLE and OOXML), zip bombs and PDF actions: portal/core/upload_safety.py, shared with form files.
    try:
        upload_safety.check_content(extension, data, shown, field="attachments")
    except DomainError as err:
        raise AttachmentError(err.message) from None


def _mode_for(img: Image.Image, fmt: str) -> str:
    if fmt == "JPEG":
        return "L" if img.mode in ("1", "L") else "RGB"
    if img.mode in ("1", "L", "LA", "RGB", "RGBA"):
        return "L" if img.mode == "1" else img.mode
    transparent = img.mode in ("PA", "RGBa", "La") or "transparency" in img.info
    return "RGBA" if transparent else "RGB"


def reencode_image(data: bytes, extension: str, shown: str, limits: Limits) -> bytes:
    """Decode and write the picture anew: upright (EXIF orientation applied), at most
    `image_max_side` pixels a side, with no EXIF, XMP, comments or text chunks. The colour
    profile (ICC) is kept so colours stay right; it describes the screen, not the person."""
    fmt = _IMAGE_FORMATS[extension]
    too_big = AttachmentError(_l("“%(name)s” has too many pixels (more than %(mp)s megapixels). Please attach "
                                 "a smaller picture.", name=shown, mp=f"{limits.image_max_pixels / 1e6:g}"))
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as img:
            if img.width * img.height > limits.image_max_pixels:
                raise too_big
            icc = img.info.get("icc_profile")
            if fmt == "JPEG":  # the decoder scales by 1/2…1/8 itself: far less memory for big photos
                img.draft(img.mode, (limits.image_max_side, limits.image_max_side))
            upright = ImageOps.exif_transpose(img)
            upright.thumbnail((limits.image_max_side, limits.image_max_side), Image.Resampling.LANCZOS)
            pixels = upright.convert(_mode_for(upright, fmt))
            clean = Image.new(pixels.mode, pixels.size)  # a new image: no info, no EXIF carried over
            clean.paste(pixels)
            out = io.BytesIO()
            options = {"quality": 90} if fmt == "JPEG" else {}
            if icc:
                options["icc_profile"] = icc
            clean.save(out, fmt, **options)
            return out.getvalue()
    except Image.DecompressionBombError:
        raise too_big from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise AttachmentError(_l("“%(name)s” is damaged and could not be read as a picture. Please attach "
                                 "another copy.", name=shown)) from None


def _check_size(filename: str | None, data: bytes, limits: Limits) -> None:
    shown = safe_name(filename)
    if not data:
        raise AttachmentError(_l("“%(name)s” is empty.", name=shown))
    if len(data) > limits.max_bytes:
        raise AttachmentError(_l("“%(name)s” is larger than %(size)s. Please attach a smaller file.",
                                 name=shown, size=_size(limits.max_bytes)))


def check_attachment(filename: str | None, data: bytes, limits: Limits | None = None) -> Checked:
    """Refuse (AttachmentError) or return the file as it will be stored."""
    limits = limits or Limits.from_config()
    _check_size(filename, data, limits)
    shown = safe_name(filename)
    extension = _detect(data, shown)
    _check_content(extension, data, shown)
    if extension in _IMAGE_FORMATS:
        data = reencode_image(data, extension, shown, limits)
    return Checked(name=safe_name(filename, extension), content_type=ALLOWED[extension], data=data,
                   size=len(data), sha256=hashlib.sha256(data).hexdigest())


def check_attachments(files: list[tuple[str | None, bytes]], limits: Limits | None = None) -> list[Checked]:
    """Check a submission's files together. A field left empty (no name, no bytes) is skipped."""
    limits = limits or Limits.from_config()
    files = [(name, data) for name, data in files if name or data]
    if len(files) > limits.max_count:
        raise AttachmentError(_l("At most %(count)s files can be attached.", count=limits.max_count))
    for name, data in files:  # cheap checks first: no picture is decoded for a refused submission
        _check_size(name, data, limits)
    if sum(len(data) for _, data in files) > limits.max_total:
        raise AttachmentError(_l("The attached files together are larger than %(size)s.",
                                 size=_size(limits.max_total)))
    images = [(safe_name(name), data) for name, data in files
              if (kind := filetype.guess(data)) and _ALIASES.get(kind.extension, kind.extension) in _IMAGE_FORMATS]
    try:  # pixels of all pictures together, from their headers, before any is decoded
        upload_safety.check_total_pixels(images, field="attachments")
    except DomainError as err:
        raise AttachmentError(err.message) from None
    return [check_attachment(name, data, limits) for name, data in files]


def check_each(files: list[tuple[str | None, bytes]], limits: Limits | None = None, *, held_count: int = 0,
               held_bytes: int = 0) -> tuple[list[Checked], list]:
    """Like check_attachments, but one refused file does not refuse the others (they are held for the retry,
    feedback.held_uploads): the accepted files and the refusal messages, each naming its file. Files already
    held count towards the limits; over the count or total, every new file is refused with that one message."""
    limits = limits or Limits.from_config()
    files = [(name, data) for name, data in files if name or data]
    if held_count + len(files) > limits.max_count:
        return [], [_l("At most %(count)s files can be attached.", count=limits.max_count)]
    sized, refused = [], []
    for name, data in files:  # cheap checks first
        try:
            _check_size(name, data, limits)
            sized.append((name, data))
        except AttachmentError as err:
            refused.append(err.message)
    if held_bytes + sum(len(data) for _, data in sized) > limits.max_total:
        return [], [*refused, _l("The attached files together are larger than %(size)s.",
                                 size=_size(limits.max_total))]
    images = [(safe_name(name), data) for name, data in sized
              if (kind := filetype.guess(data)) and _ALIASES.get(kind.extension, kind.extension) in _IMAGE_FORMATS]
    try:
        upload_safety.check_total_pixels(images, field="attachments")
    except DomainError as err:
        return [], [*refused, err.message]
    accepted = []
    for name, data in sized:
        try:
            accepted.append(check_attachment(name, data, limits))
        except AttachmentError as err:
            refused.append(err.message)
    return accepted, refused


def read_uploads(storages, limits: Limits | None = None) -> list[tuple[str | None, bytes]]:
    """(filename, bytes) from werkzeug FileStorage objects, reading at most one byte over the
    limit so an oversized file is refused without holding all of it."""
    limits = limits or Limits.from_config()
    return [(s.filename, s.stream.read(limits.max_bytes + 1)) for s in storages]


def upload_root() -> Path:
    return Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads")


def store(checked: Checked, area: str = "feedback") -> str:
    """Write the bytes once under uploads/<area>/<2 hex>/<sha256>; return that relative path.
    The write goes to a unique temporary file first, so readers and concurrent writers of the
    same content never see half a file."""
    relative = f"{area}/{checked.sha256[:2]}/{checked.sha256}"
    if not _STORED.match(relative):
        raise ValueError(f"unknown upload area {area!r}")
    target = upload_root() / relative
    if target.exists():
        return relative
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(checked.data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return relative


def path_of(relative: str, area: str = "feedback") -> Path:
    """The file behind a stored relative path of `area`; anything but a path made by `store` is refused."""
    found = _STORED.match(relative or "")
    if not found or found["area"] != area:
        raise ValueError(f"not a stored {area} file: {relative!r}")
    return upload_root() / relative
