"""Feedback attachments: the issue's bad inputs, the accepted kinds, limits and storage."""
from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

import openpyxl
import pytest
from docx import Document
from PIL import ExifTags, Image, PngImagePlugin

from portal.core.errors import DomainError
from portal.feedback.attachments import (
    ALLOWED,
    AttachmentError,
    Limits,
    check_attachment,
    check_attachments,
    path_of,
    read_uploads,
    safe_name,
    store,
)

MB = 1024 * 1024
LIMITS = Limits()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_of(size: int) -> bytes:
    return PDF + bytes(size - len(PDF))


def refused(filename, data, limits=LIMITS) -> str:
    with pytest.raises(AttachmentError) as caught:
        check_attachment(filename, data, limits)
    assert isinstance(caught.value, DomainError) and caught.value.field == "attachments"
    return str(caught.value.message)


def gps_jpeg(size=(64, 32), orientation=6) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    img.paste((20, 20, 220), (0, 0, size[0] // 2, size[1]))  # left half blue: shows the rotation
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 1.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 51.0, 12.0)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, comment=b"home of Nguyen Van A")
    return out.getvalue()


def png_bytes(img: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG", **options)
    return out.getvalue()


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Kiến nghị về lịch tiếp công dân")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Thôn", "Số hộ"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the bad inputs ---------------------------------------------------------------------

def test_a_30_mb_file_is_refused_for_its_size_before_anything_else():
    message = refused("ho-so.pdf", pdf_of(30 * MB))
    assert "ho-so.pdf" in message and "10 MB" in message
    with pytest.raises(AttachmentError, match="larger than 10 MB"):  # per file, not "together"
        check_attachments([("a.pdf", PDF), ("ho-so.pdf", pdf_of(30 * MB))], LIMITS)


def test_a_file_of_exactly_the_limit_is_accepted():
    assert check_attachment("vua.pdf", pdf_of(10 * MB), LIMITS).size == 10 * MB


def test_an_exe_renamed_pdf_is_refused():
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200) + b"PE\x00\x00"
    assert "not an accepted kind of file" in refused("don-thu.pdf", exe)


@pytest.mark.parametrize("filename", ["ban-do.svg", "ban-do.png", "ban-do.pdf"])
def test_an_svg_is_refused_whatever_its_name(filename):
    svg = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
           b"<script>alert(document.cookie)</script></svg>")
    assert "not an accepted kind of file" in refused(filename, svg)


@pytest.mark.parametrize("filename", ["trang.html", "trang.pdf", "trang.docx"])
def test_an_html_file_is_refused_whatever_its_name(filename):
    html = b"<!DOCTYPE html><html><body hx-get='/x'><script>alert(1)</script></body></html>"
    assert "not an accepted kind of file" in refused(filename, html)


def test_a_jpeg_with_gps_is_stored_without_exif_or_comment_and_upright(app, tmp_path, monkeypatch):
    original = gps_jpeg()
    with Image.open(io.BytesIO(original)) as img:  # the fixture really carries what must go
        assert img.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
        assert img.info["comment"] == b"home of Nguyen Van A"
    checked = check_attachment("IMG_0001.JPG", original, LIMITS)
    assert checked.content_type == "image/jpeg" and checked.name == "IMG_0001.JPG"
    for marker in (b"Exif", b"SecretCam", b"Nguyen Van A"):
        assert marker not in checked.data
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))
    with app.app_context():
        stored = path_of(store(checked)).read_bytes()
    assert stored == checked.data
    with Image.open(io.BytesIO(stored)) as img:
        assert img.format == "JPEG" and "exif" not in img.info and "comment" not in img.info
        assert not img.getexif() and not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert img.size == (32, 64)  # orientation 6 applied: the picture was turned upright
        assert img.convert("RGB").getpixel((16, 2))[2] > 150  # the blue half is now on top


def test_a_png_text_chunk_and_exif_are_stripped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "nha so 12 ngo 3")
    info.add_itxt("Author", "Trần Thị B")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    original = png_bytes(Image.new("RGBA", (20, 10), (0, 128, 0, 128)), pnginfo=info, exif=exif)
    with Image.open(io.BytesIO(original)) as img:
        assert img.text["Comment"] == "nha so 12 ngo 3"
    checked = check_attachment("anh.png", original, LIMITS)
    assert b"nha so 12" not in checked.data and b"SecretCam" not in checked.data
    with Image.open(io.BytesIO(checked.data)) as img:
        assert img.text == {} and "exif" not in img.info
        assert img.mode == "RGBA" and img.getpixel((5, 5)) == (0, 128, 0, 128)


@pytest.mark.parametrize("filename, expected", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\Windows\\system32\\don.pdf", "don.pdf"),
    ("/var/www/../..", "tep-dinh-kem.pdf"),
    ("hoa-don\u202efdp.exe", "hoa-donfdp.pdf"),  # shown as "hoa-donexe.pdf" by the override
    ("\u2067anh\u2069 \u202ahien\u202c truong.pdf", "anh hien truong.pdf"),
    ("to\u0300 khai\x00\r\n.pdf", "tò khai.pdf"),  # NFC, control characters gone
    ("  .hidden.pdf  ", "hidden.pdf"),
    ('a<b>:"c|?*.pdf', "a_b___c___.pdf"),
    ("bao-cao", "bao-cao.pdf"),
    ("bao-cao.PDF", "bao-cao.PDF"),
    ("", "tep-dinh-kem.pdf"),
    (None, "tep-dinh-kem.pdf"),
])
def test_safe_names(filename, expected):
    name = safe_name(filename, "pdf")
    assert name == expected
    assert not any(ch in name for ch in "/\\\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_a_long_name_is_cut_but_keeps_its_extension():
    name = safe_name("đơn " * 100 + ".docx", "docx")
    assert len(name) <= 200 and name.endswith("đơn.docx")


def test_dangerous_names_become_safe_names_of_the_detected_kind():
    assert check_attachment("../../etc/passwd.pdf", PDF, LIMITS).name == "passwd.pdf"
    assert check_attachment("anh\u202egnp.exe", gps_jpeg(), LIMITS).name == "anhgnp.jpg"
    assert check_attachment("scan.pdf", png_bytes(Image.new("L", (4, 4))), LIMITS).name == "scan.png"


# --- what is accepted ---------------------------------------------------------------------------

@pytest.mark.parametrize("make, filename, content_type", [
    (lambda: PDF, "don.pdf", "application/pdf"),
    (docx_bytes, "kien-nghi.docx", ALLOWED["docx"]),
    (xlsx_bytes, "so-lieu.xlsx", ALLOWED["xlsx"]),
])
def test_documents_are_accepted_unchanged(make, filename, content_type):
    data = make()
    checked = check_attachment(filename, data, LIMITS)
    assert (checked.name, checked.content_type, checked.data, checked.size) == (filename, content_type, data, len(data))
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("marker, extension", [(b"\xec\xa5\xc1\x00", "doc"), (b"\xfd\xff\xff\xff\x00\x00\x00", "xls")])
def test_legacy_office_files_are_recognised_by_their_content(marker, extension):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + marker + bytes(600)
    checked = check_attachment("tai-lieu.bin", ole, LIMITS)
    assert checked.name == f"tai-lieu.{extension}" and checked.content_type == ALLOWED[extension]


def test_a_docx_with_macros_is_refused():
    data = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(data, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"Attribute VB_Name")
    assert "macros" in refused("kien-nghi.docx", data.getvalue())


@pytest.mark.parametrize("mode, fmt", [("RGB", "PNG"), ("L", "PNG"), ("LA", "PNG"), ("P", "PNG"), ("1", "PNG"),
                                       ("L", "JPEG"), ("CMYK", "JPEG")])
def test_images_of_any_mode_are_reencoded(mode, fmt):
    out = io.BytesIO()
    Image.new(mode, (8, 6)).save(out, fmt)
    checked = check_attachment("x", out.getvalue(), LIMITS)
    with Image.open(io.BytesIO(checked.data)) as img:
        assert img.format == fmt and img.size == (8, 6)


def test_big_photos_are_scaled_down_not_refused():
    checked = check_attachment("rong.png", png_bytes(Image.new("RGB", (5000, 100))), LIMITS)
    with Image.open(io.BytesIO(checked.data)) as img:
        assert img.size == (4000, 80)
    small = Limits(image_max_side=100)
    with Image.open(io.BytesIO(check_attachment("a.jpg", gps_jpeg((400, 300)), small).data)) as img:
        assert max(img.size) == 100


# --- broken and oversized pictures --------------------------------------------------------------

def test_a_broken_picture_is_refused_with_its_own_message():
    jpeg = gps_jpeg()
    assert "could not be read as a picture" in refused("anh.jpg", jpeg[:300])
    png = png_bytes(Image.new("RGB", (50, 50), (1, 2, 3)))
    assert "could not be read as a picture" in refused("anh.png", png[:60])


def _png_header_claiming(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
            + struct.pack(">I", 0) + b"IDAT" + struct.pack(">I", zlib.crc32(b"IDAT")))


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("width, height", [(10_000, 10_000), (100_000, 100_000)])
def test_a_decompression_bomb_is_refused_before_decoding(width, height):
    message = refused("bom.png", _png_header_claiming(width, height))
    assert "too many pixels" in message and "50 megapixels" in message


def test_the_pixel_limit_is_a_setting():
    assert "too many pixels" in refused("a.png", png_bytes(Image.new("RGB", (40, 30))), Limits(image_max_pixels=1000))


def test_an_empty_file_is_refused():
    assert "is empty" in refused("rong.pdf", b"")


# --- count and total ----------------------------------------------------------------------------

def test_at_most_five_files():
    assert len(check_attachments([(f"{i}.pdf", PDF) for i in range(5)], LIMITS)) == 5
    with pytest.raises(AttachmentError, match="At most 5 files") as caught:
        check_attachments([(f"{i}.pdf", PDF) for i in range(6)], LIMITS)
    assert caught.value.field == "attachments"


def test_the_total_size_is_limited():
    assert len(check_attachments([("a.pdf", pdf_of(9 * MB)), ("b.pdf", pdf_of(9 * MB))], LIMITS)) == 2
    with pytest.raises(AttachmentError, match="together are larger than 20 MB"):
        check_attachments([("a.pdf", pdf_of(9 * MB)), ("b.pdf", pdf_of(9 * MB)), ("c.pdf", pdf_of(8 * MB))], LIMITS)


def test_one_bad_file_refuses_the_whole_set():
    with pytest.raises(AttachmentError, match="trang.html"):
        check_attachments([("a.pdf", PDF), ("trang.html", b"<html></html>")], LIMITS)


def test_empty_file_fields_are_skipped_but_a_named_empty_file_is_not():
    assert check_attachments([("", b""), (None, b""), ("a.pdf", PDF)], LIMITS)[0].name == "a.pdf"
    with pytest.raises(AttachmentError, match="is empty"):
        check_attachments([("a.pdf", b"")], LIMITS)


def test_limits_come_from_the_app_config(app, monkeypatch):
    monkeypatch.setitem(app.config, "FEEDBACK_ATTACHMENT_MAX_COUNT", 1)
    monkeypatch.setitem(app.config, "FEEDBACK_ATTACHMENT_MAX_BYTES", 100)
    monkeypatch.setitem(app.config, "FEEDBACK_ATTACHMENTS_MAX_TOTAL", 150)
    with app.app_context():
        assert Limits.from_config() == Limits(max_bytes=100, max_count=1, max_total=150)
        with pytest.raises(AttachmentError, match="At most 1 files|tối đa 1 tệp"):
            check_attachments([("a.pdf", PDF), ("b.pdf", PDF)])
        with pytest.raises(AttachmentError, match="larger than 100 B|lớn hơn 100 B"):
            check_attachment("a.pdf", pdf_of(101))


def test_read_uploads_reads_no_more_than_one_byte_over_the_limit():
    from werkzeug.datastructures import FileStorage
    files = [FileStorage(io.BytesIO(pdf_of(2000)), filename="lon.pdf"), FileStorage(io.BytesIO(PDF), filename="a.pdf")]
    read = read_uploads(files, Limits(max_bytes=1000))
    assert [(name, len(data)) for name, data in read] == [("lon.pdf", 1001), ("a.pdf", len(PDF))]


# --- storage ------------------------------------------------------------------------------------

def test_store_is_content_addressed_and_leaves_no_temporary_file(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))
    checked = check_attachment("don.pdf", PDF, LIMITS)
    with app.app_context():
        relative = store(checked)
        assert relative == f"feedback/{checked.sha256[:2]}/{checked.sha256}"
        assert store(check_attachment("ban-sao.pdf", PDF, LIMITS)) == relative  # same bytes, one file
        assert path_of(relative) == tmp_path / relative and path_of(relative).read_bytes() == PDF
    assert [p.name for p in (tmp_path / "feedback").rglob("*") if p.is_file()] == [checked.sha256]


@pytest.mark.parametrize("relative", ["../../etc/passwd", "feedback/../../x", "feedback/ab/" + "g" * 64, "",
                                      "plan/ab/" + "a" * 64])  # another area's file is not an attachment
def test_path_of_refuses_anything_store_did_not_make(relative):
    with pytest.raises(ValueError):
        path_of(relative)
