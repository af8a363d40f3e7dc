"""Attachments through the real submission form: stored with their metadata and stripped of photo
metadata; a refused file refuses the whole submission and stores nothing (accepted files are held for the retry:
test_submit_retry.py)."""
from __future__ import annotations

import io
from html import unescape
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from portal.core.access import Role
from portal.core.db import db
from portal.feedback.models import Feedback, FeedbackAttachment
from tests.factories import login, make_user
from tests.feedback.data import form_fields

SUBMIT = "/phan-anh-kien-nghi/gui"


@pytest.fixture()
def uploads(app_ctx, tmp_path, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "UPLOAD_FOLDER", str(tmp_path))
    return tmp_path


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (12.0, 0.0, 0.0)}  # GPS IFD
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_photo_is_stored_without_gps_and_staff_can_download_it(client, uploads):
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get(0x8825)
    data = {**form_fields(), "attachments": (io.BytesIO(raw), "ổ gà.jpg")}
    response = client.post(SUBMIT, data=data, content_type="multipart/form-data")
    assert response.status_code == 303
    fb = db.session.scalars(select(Feedback)).one()
    [att] = fb.attachments
    assert att.content_type == "image/jpeg" and att.name.endswith(".jpg")
    stored = files_in(uploads)
    assert len(stored) == 1 and not Image.open(stored[0]).getexif()
    login(client, make_user(Role.DESK_OFFICER))
    download = client.get(f"/staff/feedback/{fb.id}/attachments/{att.id}")
    assert download.status_code == 200 and download.data == stored[0].read_bytes()
    assert "attachment" in download.headers["Content-Disposition"]


def test_an_exe_renamed_pdf_refuses_the_submission_and_stores_nothing(client, uploads):
    data = {**form_fields(), "attachments": [(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "don.pdf"),
                                             (io.BytesIO(jpeg_with_gps()), "anh.jpg")]}
    response = client.post(SUBMIT, data=data, content_type="multipart/form-data")
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and 'id="attachments-error"' in html
    assert 'value="Nguyễn Thị Lan"' in html  # typed data kept
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Feedback)) == 0
    assert db.session.scalar(select(func.count()).select_from(FeedbackAttachment)) == 0
    assert files_in(uploads / "feedback") == []  # the accepted photo is only held for the retry (held_uploads)
    assert "anh.jpg" in html and "don.pdf" in html


def test_a_field_the_service_refuses_stores_no_file_either(client, uploads):
    data = {**form_fields(submitter_phone="12345"), "attachments": (io.BytesIO(jpeg_with_gps()), "anh.jpg")}
    assert client.post(SUBMIT, data=data, content_type="multipart/form-data").status_code == 422
    assert files_in(uploads / "feedback") == []
    assert len(files_in(uploads / "held")) == 2  # the cleaned photo and its manifest, for the retry
