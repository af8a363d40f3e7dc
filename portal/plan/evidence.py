"""Evidence files attached to progress reports and indicator reports of the reform plan (issue 7 §4–5).

One file per report, PDF, DOCX, XLSX, JPG or PNG, the type read from the content; checked by
feedback/attachments.py (macros refused, photos re-encoded without EXIF) under PLAN_EVIDENCE_MAX_BYTES (config,
20 MB by default, below MAX_CONTENT_LENGTH so a file just over the limit gets the message beside the field);
stored under the upload folder as plan/<2 hex>/<sha256>.
"""
from __future__ import annotations

from pathlib import Path

import filetype
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.core.errors import DomainError
from portal.feedback import attachments

MB = 1024 * 1024
EVIDENCE_TYPES = ("pdf", "docx", "xlsx", "jpg", "png")
EVIDENCE_ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
DEFAULT_EVIDENCE_MAX_BYTES = 20 * MB


class EvidenceError(DomainError):
    def __init__(self, message):
        super().__init__(message, field="evidence")


def evidence_limits() -> attachments.Limits:
    base = attachments.Limits.from_config()
    size = current_app.config.get("PLAN_EVIDENCE_MAX_BYTES", DEFAULT_EVIDENCE_MAX_BYTES)
    return attachments.Limits(max_bytes=size, max_count=1, max_total=size, image_max_side=base.image_max_side,
                              image_max_pixels=base.image_max_pixels)


def read_evidence(storage) -> tuple[str | None, bytes] | None:
    """(name, bytes) of an uploaded file, at most one byte over the limit; None when no file was chosen."""
    if storage is None or not storage.filename:
        return None
    return storage.filename, storage.stream.read(evidence_limits().max_bytes + 1)


def check_evidence(filename: str | None, data: bytes) -> attachments.Checked:
    """Refuse (EvidenceError, shown beside the evidence field) or return the file as it will be stored."""
    limits = evidence_limits()
    shown = attachments.safe_name(filename)
    if not data:
        raise EvidenceError(_l("“%(name)s” is empty.", name=shown))
    if len(data) > limits.max_bytes:
        raise EvidenceError(_l("The evidence file “%(name)s” is larger than %(size)s MB. Please attach a smaller "
                               "file (for example a scan at a lower resolution).",
                               name=shown, size=f"{limits.max_bytes / MB:g}"))
    kind = filetype.guess(data)
    extension = {"apng": "png"}.get(kind.extension, kind.extension) if kind else None
    if extension not in EVIDENCE_TYPES:
        raise EvidenceError(_l("“%(name)s” is not an accepted kind of file. Please attach a PDF, DOCX, XLSX, JPG or "
                               "PNG file.", name=shown))
    try:
        return attachments.check_attachment(filename, data, limits)
    except attachments.AttachmentError as err:
        raise EvidenceError(err.message) from None


def store_evidence(checked: attachments.Checked) -> str:
    """Write once under uploads/plan/<2 hex>/<sha256>; return the relative path."""
    return attachments.store(checked, area="plan")


def evidence_path(relative: str) -> Path:
    return attachments.path_of(relative, area="plan")


def evidence_columns(checked) -> dict:
    """The evidence columns of a report row for `checked` (stored now), or none without a file."""
    if checked is None:
        return {}
    return {"evidence_name": checked.name, "evidence_type": checked.content_type, "evidence_size": checked.size,
            "evidence_sha256": checked.sha256, "evidence_path": store_evidence(checked)}
