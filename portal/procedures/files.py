"""Form files: the type is read from the content (never the name), stored by content hash."""
from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

import filetype
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.core import upload_safety
from portal.core.db import db
from portal.core.errors import DomainError
from portal.procedures.models import FormFile

# What a downloadable form may be (DOMAIN.md §2: mẫu đơn, tờ khai).
ALLOWED = {"pdf": "application/pdf", "doc": "application/msword",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "xls": "application/vnd.ms-excel",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def upload_root() -> Path:
    return Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads")


def path_of(stored: FormFile) -> Path:
    return upload_root() / stored.sha256[:2] / stored.sha256


def safe_name(name: str) -> str:
    """A display name without directories, control or bidirectional-override characters."""
    name = unicodedata.normalize("NFC", os.path.basename((name or "").replace("\\", "/")))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    return name.strip(" .")[:200] or "bieu-mau"


def store_form_file(procedure_id: int, filename: str, data: bytes, actor=None) -> FormFile:
    limit = current_app.config["FORM_FILE_MAX_BYTES"]
    if not data:
        raise DomainError(_l("The file is empty."), field="file")
    if len(data) > limit:
        raise DomainError(_l("The file is larger than %(mb)s MB.", mb=limit // (1024 * 1024)), field="file")
    kind = filetype.guess(data)
    if kind is None or kind.extension not in ALLOWED:
        raise DomainError(_l("Only PDF, DOC, DOCX, XLS and XLSX files are accepted."), field="file")
    upload_safety.check_content(kind.extension, data, safe_name(filename), field="file")  # macros, bombs, PDF actions
    digest = hashlib.sha256(data).hexdigest()
    target = upload_root() / digest[:2] / digest
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    name = safe_name(filename)
    if not name.lower().endswith("." + kind.extension):
        name = f"{name.rsplit('.', 1)[0]}.{kind.extension}"
    stored = FormFile(procedure_id=procedure_id, original_name=name, sha256=digest, content_type=ALLOWED[kind.extension],
                      size=len(data), uploaded_by_id=getattr(actor, "id", None))
    db.session.add(stored)
    db.session.flush()
    return stored
