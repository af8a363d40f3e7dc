"""Issue 13 point 9: hostile uploads refused on every upload path (portal/core/upload_safety.py) — macros in
legacy and OOXML Office files, PDF JavaScript/launch actions, zip bombs, too many pixels in one request —
each with a message beside the field naming the file, the typed text kept; clean files still accepted."""
from __future__ import annotations

import io
import zipfile
from html import unescape

import pytest
from docx import Document
from flask_babel import force_locale
from PIL import Image
from sqlalchemy import func, select

from portal.core.db import db
from portal.core.errors import DomainError
from portal.feedback.attachments import AttachmentError, Limits, check_attachment, check_attachments
from portal.feedback.models import Feedback
from portal.plan.evidence import EvidenceError, check_evidence
from portal.procedures.files import store_form_file
from tests.feedback.data import form_fields

SUBMIT = "/phan-anh-kien-nghi/gui"
LIMITS = Limits()
CLEAN_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction [3 0 R /Fit] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def ole(*entries: str, text: bytes = b"") -> bytes:
    """A Word 97 compound file: header, the Word marker at sector 0, directory entries at sector 1."""
    directory = b""
    for name in ("Root Entry", *entries):
        encoded = name.encode("utf-16-le") + b"\0\0"
        directory += encoded.ljust(64, b"\0") + len(encoded).to_bytes(2, "little") + bytes(62)
    sector0 = (b"\xec\xa5\xc1\x00" + text).ljust(512, b"\0")
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + sector0 + directory.ljust(512, b"\0")


def docx_bytes(extra: dict[str, bytes] | None = None, content_types: bytes | None = None) -> bytes:
    out = io.BytesIO()
    Document().save(out)
    if not extra and content_types is None:
        return out.getvalue()
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml" and content_types is not None:
                data = data.replace(b"</Types>", content_types + b"</Types>")
            target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return rebuilt.getvalue()


def xlsx_bomb() -> bytes:
    """A 'workbook' with a 60 MB member of zeros: about 60 KB packed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(60):
                member.write(chunk)
    return out.getvalue()


def png(size=(8, 6), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG")
    return out.getvalue()


def refused(filename, data) -> str:
    with pytest.raises(AttachmentError) as caught:
        check_attachment(filename, data, LIMITS)
    assert isinstance(caught.value, DomainError) and caught.value.field == "attachments"
    with force_locale("en"):
        return str(caught.value.message)


@pytest.fixture()
def uploads(app_ctx, tmp_path, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "UPLOAD_FOLDER", str(tmp_path))
    return tmp_path


# --- legacy Office (OLE) ------------------------------------------------------------------------------

@pytest.mark.parametrize("storage", ["Macros", "_VBA_PROJECT_CUR", "VBA"])
def test_a_legacy_office_file_with_a_macro_storage_is_refused(app_ctx, storage):
    message = refused("cong-van.doc", ole("WordDocument", storage))
    assert "“cong-van.doc” contains macros" in message


def test_a_legacy_office_file_without_macros_is_accepted_even_if_its_text_says_macros(app_ctx):
    data = ole("WordDocument", "1Table", text="Macros VBA".encode("utf-16-le") + b"\0\0")
    assert check_attachment("cong-van.doc", data, LIMITS).content_type == "application/msword"


# --- OOXML ------------------------------------------------------------------------------------------------

def test_a_docx_with_a_macro_project_is_refused(app_ctx):
    assert "“kien-nghi.docx” contains macros" in refused("kien-nghi.docx",
                                                        docx_bytes({"word/vbaProject.bin": b"\xcc\x61"}))


def test_a_docx_with_a_macro_enabled_content_type_is_refused(app_ctx):
    declared = b'<Override PartName="/word/x.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
    assert "contains macros" in refused("kien-nghi.docx", docx_bytes(content_types=declared))


def test_an_xlsx_zip_bomb_is_refused_without_inflating_it(app_ctx):
    data = xlsx_bomb()
    assert len(data) < 1024 * 1024
    message = refused("so-lieu.xlsx", data)
    assert "“so-lieu.xlsx” unpacks to more than 50 MB" in message


def test_a_highly_compressed_office_file_under_the_size_bound_is_refused_by_the_ratio(app_ctx, monkeypatch):
    monkeypatch.setitem(app_ctx.config, "UPLOAD_OFFICE_UNPACKED_MAX_BYTES", 100 * 1024 * 1024)
    assert "compressed suspiciously much" in refused("so-lieu.xlsx", xlsx_bomb())


# --- PDF ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("action", [b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
                                    b"/OpenAction << /S /Launch /F (cmd.exe) >>",
                                    b"/AA << /O 4 0 R >>",
                                    b"/OpenAction << /S /J#61vaScript /J#53 (x) >>"])
def test_a_pdf_with_javascript_or_launch_actions_is_refused(app_ctx, action):
    data = b"%PDF-1.4\n1 0 obj << /Type /Catalog " + action + b" >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    message = refused("don.pdf", data)
    assert "“don.pdf” contains scripts or actions" in message


def test_a_pdf_whose_binary_stream_happens_to_hold_the_bytes_of_an_action_name_is_accepted(app_ctx):
    data = (b"%PDF-1.4\n1 0 obj << /Type /XObject /Length 12 /Filter /FlateDecode >>\nstream\n\x93/JS \x00/AA\x01"
            b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    assert check_attachment("don.pdf", data, LIMITS).content_type == "application/pdf"


# --- clean files still accepted -------------------------------------------------------------------------------

@pytest.mark.parametrize("make, filename", [(lambda: CLEAN_PDF, "don.pdf"), (docx_bytes, "kien-nghi.docx"),
                                            (png, "anh.png")])
def test_clean_files_are_accepted(app_ctx, make, filename):
    assert check_attachment(filename, make(), LIMITS).name == filename


# --- pixels of one request ---------------------------------------------------------------------------------

def test_five_large_pictures_together_are_refused_before_decoding(app_ctx):
    big = png((7000, 7000), "1")
    files = [(f"anh-{i}.png", big) for i in range(5)]
    with pytest.raises(AttachmentError) as caught:
        check_attachments(files, LIMITS)
    with force_locale("en"):
        message = str(caught.value.message)
    assert "more than 60 megapixels" in message and all(f"“anh-{i}.png”" in message for i in range(5))


def test_five_large_pictures_in_one_feedback_submission_keep_the_typed_text(client, uploads):
    big = png((7000, 7000), "1")
    data = {**form_fields(), "attachments": [(io.BytesIO(big), f"anh-{i}.png") for i in range(5)]}
    response = client.post(SUBMIT, data=data, content_type="multipart/form-data")
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and 'id="attachments-error"' in html
    assert "Các ảnh “anh-0.png”, “anh-1.png”" in html and "“anh-4.png” cộng lại có quá nhiều điểm ảnh" in html
    assert 'value="Nguyễn Thị Lan"' in html  # typed text kept
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Feedback)) == 0
    assert [p for p in uploads.rglob("*") if p.is_file()] == []


def test_a_docx_with_macros_in_a_submission_is_refused_beside_the_field(client, uploads):
    data = {**form_fields(), "attachments": (io.BytesIO(docx_bytes({"word/vbaProject.bin": b"x"})), "kn.docx")}
    response = client.post(SUBMIT, data=data, content_type="multipart/form-data")
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and "“kn.docx” có chứa macro" in html and 'value="Nguyễn Thị Lan"' in html


# --- the other upload paths -----------------------------------------------------------------------------------

def test_plan_evidence_refuses_a_pdf_with_javascript(app_ctx):
    with pytest.raises(EvidenceError, match="chứa mã lệnh hoặc thao tác tự chạy khi mở"):
        check_evidence("bao-cao.pdf", b"%PDF-1.4\n1 0 obj << /JS (x) >> endobj\n%%EOF\n")


@pytest.mark.parametrize("filename, data, text", [
    ("mau.doc", ole("WordDocument", "Macros"), "contains macros"),
    ("mau.docx", docx_bytes({"word/vbaProject.bin": b"x"}), "contains macros"),
    ("mau.pdf", b"%PDF-1.4\n1 0 obj << /S /Launch /F (x) >> endobj\n%%EOF\n", "contains scripts or actions"),
])
def test_procedure_form_files_are_refused_beside_the_file_field(uploads, filename, data, text):
    with pytest.raises(DomainError) as caught:
        store_form_file(1, filename, data)
    with force_locale("en"):
        message = str(caught.value.message)
    assert caught.value.field == "file" and text in message and f"“{filename}”" in message
    assert [p for p in uploads.rglob("*") if p.is_file()] == []
