"""Printed forms Mẫu 01–07 (TT 01/2018, TT 03/2025): every field of DOMAIN.md §3, per regime, in
HTML and DOCX, and who may print them."""
from __future__ import annotations

import html
import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document

from portal.cases import documents, intake, services
from portal.cases.rules import Action
from portal.cases.views import printing
from portal.cases.views.issued_codes import PENDING_KEY
from portal.core.access import Role
from portal.core.db import db
from tests.factories import login, make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
APPLICANT = {"name": "Trần Thị Hoa", "id_number": "066190001234", "phone": "0912345678",
             "email": "hoa.tran@example.vn", "address": "12 Lê Duẩn, phường Nghĩa Tân",
             "representative": "Nguyễn Văn Bình", "representative_id_number": "066085004321",
             "representative_basis": "authorisation", "authorisation_number": "15/2027/GUQ",
             "authorisation_date": date(2025, 6, 2)}
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def world(app_ctx):
    desk = make_unit(code="000.00.12.H17", name="Văn phòng HĐND và UBND thị xã")
    handling = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    procedure = make_procedure(unit=handling, processing_days=3)
    officer = make_user(Role.DESK_OFFICER, unit=desk, full_name="Lê Hoàng Nam")
    return {"desk": desk, "handling": handling, "procedure": procedure, "officer": officer, "app": app_ctx}


def new_case(world, regime: str | None = None, received=(2027, 3, 1, 9, 5)):
    """A case received at `received` (local). Intake gives it the set of its receipt date (rules.regime_of; the
    boundary is tested in test_regime.py); `regime` stores another set on it, so that these tests of the forms'
    fields print both sets from the same dates — the printing follows the set stored on the case."""
    procedure = world["procedure"]
    case = intake.receive_case(procedure=procedure, unit=world["desk"], applicant=APPLICANT,
                               submitted=[d["name"] for d in procedure.current_version.documents], sets=2,
                               delivery="post", received_at=local(*received), actor=world["officer"])
    if regime is not None:
        case.regime = regime
    db.session.commit()
    return case


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.get_data(as_text=True))


def docx_text(client, url: str, code: str) -> str:
    response = client.get(url + ("&" if "?" in url else "?") + "format=docx")
    assert response.status_code == 200
    assert response.mimetype == printing.DOCX_MIME
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and code in disposition
    document = Document(io.BytesIO(response.data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def assert_all(text: str, expected) -> None:
    missing = [e for e in expected if e not in text]
    assert not missing, missing


def just_issued(client, case) -> None:
    """As after intake (or a new code): the plaintext waits in the officer's session for the first print."""
    with client.session_transaction() as session:
        session[PENDING_KEY] = {str(case.id): case.issued_access_code}


def receipt_expected(case, world, regime):
    docs = world["procedure"].current_version.documents
    return [*NATIONAL, "Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "01/2018/TT-VPCP" if regime == "2018" else "03/2025/TT-VPCP",
            *(RECEIPT_2018 if regime == "2018" else RECEIPT_2025),
            f"Mã hồ sơ: {case.code}", "Địa chỉ: 12 Lê Duẩn, phường Nghĩa Tân",
            "Số điện thoại: 0912345678", "Email: hoa.tran@example.vn", "Người đại diện (nếu có): Nguyễn Văn Bình",
            f"Nội dung yêu cầu giải quyết: {world['procedure'].current_version.name}",
            "1. Thành phần hồ sơ nộp gồm", f"{docs[0]['name']} (bản chính: 1)", f"{docs[1]['name']} (bản chính: 1)",
            "2. Số lượng hồ sơ: 2 (bộ)", "3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 01 tháng 03 năm 2027",
            "5. Thời gian trả kết quả giải quyết hồ sơ: ", "ngày 04 tháng 03 năm 2027",
            "6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích",
            "Vào Sổ theo dõi hồ sơ: Quyển số: 2027, Số thứ tự: 01",  # the first case in the book (TT 01/2018 Điều 10)
            "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Lê Hoàng Nam", "Gia Nghĩa, ngày 01 tháng 03 năm 2027",
            "Liên 1: Giao người nộp hồ sơ", case.issued_access_code, "/ho-so/tra-cuu"]


# DOMAIN.md §3 "Receipt fields": the receiving desk, the applicant (2025: the principal and the ID number), the
# representative if any. The 2018 sheet is the one the earlier tests pinned, unchanged.
RECEIPT_2018 = ("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "Bộ phận Tiếp nhận và Trả kết quả: Văn phòng HĐND và UBND thị xã",
                "Tiếp nhận hồ sơ của: Trần Thị Hoa", "Liên 2: Lưu tại Bộ phận Tiếp nhận và Trả kết quả")
# The 2025 sheet: the centre of the receiving unit (DOMAIN.md §7a; config SERVICE_CENTRE_NAMES or derived from the
# unit's name), the principal, the representative's ID number and the authorisation (DOMAIN.md §3, no primary text).
CENTRE = "Trung tâm Phục vụ hành chính công Văn phòng HĐND và UBND thị xã"
RECEIPT_2025 = ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", f"Nơi tiếp nhận hồ sơ: {CENTRE}",
                "Tiếp nhận hồ sơ của (người được đại diện): Trần Thị Hoa",
                "Người đại diện (nếu có): Nguyễn Văn Bình; số định danh cá nhân: 066085004321; Giấy ủy quyền số"
                " 15/2027/GUQ ngày 02 tháng 06 năm 2025", "Liên 2: Lưu tại Trung tâm Phục vụ hành chính công")


def flat(text: str) -> str:
    """HTML puts a label and its value in separate elements; compare on one line of text."""
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).replace(" :", ":").replace(" )", ")")


@pytest.mark.parametrize("regime", ["2018", "2025"])
def test_receipt_prints_every_field_twice_with_qr_and_access_code(world, client, regime):
    case = new_case(world, regime)
    login(client, world["officer"])
    just_issued(client, case)
    raw = page(client, f"/staff/cases/{case.id}/print/receipt")
    text = flat(raw)
    assert_all(text, receipt_expected(case, world, regime))
    id_label = "Số định danh cá nhân/Mã số định danh của tổ chức: 066190001234"
    assert (id_label in text) == (regime == "2025")
    assert raw.count('class="sheet form-sheet"') == 2 and "print-page a5" in raw
    assert raw.count("<svg") >= 2 and raw.count(case.issued_access_code) == 1  # the applicant's copy only
    assert documents.ACCESS_APPLICANT_COPY_ONLY in raw  # the desk's filed copy
    just_issued(client, case)
    docx = docx_text(client, f"/staff/cases/{case.id}/print/receipt", case.code)
    assert_all(docx, receipt_expected(case, world, regime))
    assert (id_label in docx) == (regime == "2025")
    word = Document(io.BytesIO(client.get(f"/staff/cases/{case.id}/print/receipt?format=docx").data))
    assert len(word.inline_shapes) == 2  # one QR code on each copy (the same image, stored once)
    [picture] = [r for r in word.part.rels.values() if "image" in r.reltype]
    from PIL import Image
    assert Image.open(io.BytesIO(picture.target_part.blob)).format == "PNG"


@pytest.mark.parametrize("kind, number, title", [
    ("supplement", "Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    ("refusal", "Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
])
def test_intake_slips_list_every_item_and_reason(world, client, kind, number, title):
    slip = intake.issue_intake_slip(kind=kind, procedure=world["procedure"], unit=world["desk"],
                                    applicant={"name": "Phạm Thu Trang", "phone": "0987654321",
                                               "address": "Thôn 3, xã Đắk Nia", "email": "trang@example.vn"},
                                    items=["Giấy chứng sinh (bản chính)", "Tờ khai chưa có chữ ký"],
                                    note="Thiếu giấy tờ bắt buộc", actor=world["officer"])
    db.session.commit()
    login(client, world["officer"])
    url = f"/staff/cases/slips/{slip.id}/print"
    expected = [*NATIONAL, number, title, "Phạm Thu Trang", "Địa chỉ: Thôn 3, xã Đắk Nia",
                "Số điện thoại: 0987654321", "Email: trang@example.vn",
                f"Nội dung yêu cầu giải quyết: {world['procedure'].current_version.name}",
                "Giấy chứng sinh (bản chính)", "Tờ khai chưa có chữ ký", "Lê Hoàng Nam"]
    if kind == "supplement":
        expected += ["Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau", "Lý do: Thiếu giấy tờ bắt buộc",
                     "liên hệ với Lê Hoàng Nam", "NGƯỜI HƯỚNG DẪN"]
    else:
        expected += ["thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể", "NGƯỜI TIẾP NHẬN HỒ SƠ"]
    assert_all(flat(page(client, url)), expected)
    assert_all(docx_text(client, url, f"phieu-{slip.id}"), expected)


@pytest.mark.parametrize("regime, title", [
    ("2018", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
    ("2025", "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"),  # TT 03/2025 Mẫu 04 (DOMAIN.md §3)
])
def test_apology_letter_has_every_field_and_the_new_date(world, client, regime, title):
    case = new_case(world, regime)
    head = make_user(Role.UNIT_HEAD, unit=world["handling"], full_name="Đỗ Minh Khoa")
    services.issue_apology(case, reason="Chờ ý kiến của Phòng Tài nguyên và Môi trường",
                           new_due_at=local(2027, 3, 10, 9, 0), now=local(2027, 3, 2, 9, 0),
                           expected_version=case.version, actor=head)
    db.session.commit()
    login(client, head)
    url = f"/staff/cases/{case.id}/print/apology"
    expected = [*NATIONAL, "Mẫu số 04", title, "Kính gửi: Trần Thị Hoa", f"Mã hồ sơ: {case.code}",
                f"Thủ tục hành chính: {world['procedure'].current_version.name}",
                "Ngày tiếp nhận hồ sơ: ngày 01 tháng 03 năm 2027",
                "Thời hẹn trả kết quả giải quyết hồ sơ: ", "ngày 04 tháng 03 năm 2027",
                "xin lỗi Ông/Bà/Tổ chức",
                "THỦ TRƯỞNG CƠ QUAN", "Đỗ Minh Khoa", "UBND PHƯỜNG NGHĨA TÂN", "Gia Nghĩa, ngày 02 tháng 03 năm 2027"]
    if regime == "2018":  # the 2018 letter, as before
        expected += ["Lý do: Chờ ý kiến của Phòng Tài nguyên và Môi trường",
                     "Ngày hẹn trả kết quả mới: 09 giờ 00 phút, ngày 10 tháng 03 năm 2027",
                     "sẽ trả kết quả giải quyết hồ sơ vào 09 giờ 00 phút, ngày 10 tháng 03 năm 2027"]
    else:  # 2025: an apology AND a request for extension to the new date (DOMAIN.md §3 apology fields, §7a)
        expected += ["Người đại diện: Nguyễn Văn Bình; số định danh cá nhân: 066085004321; Giấy ủy quyền số"
                     " 15/2027/GUQ ngày 02 tháng 06 năm 2025",
                     "Lý do chậm giải quyết: Chờ ý kiến của Phòng Tài nguyên và Môi trường",
                     "Đề nghị gia hạn thời gian giải quyết đến: 09 giờ 00 phút, ngày 10 tháng 03 năm 2027",
                     "đề nghị Ông/Bà/Tổ chức đồng ý gia hạn thời gian giải quyết hồ sơ và hẹn trả kết quả vào"
                     " 09 giờ 00 phút, ngày 10 tháng 03 năm 2027"]
    text = flat(page(client, url))
    assert_all(text, expected)
    other = ("ĐỀ NGHỊ GIA HẠN", "gia hạn", "Người đại diện") if regime == "2018" else (
        "HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Ngày hẹn trả kết quả mới", "sẽ trả kết quả")
    assert not [o for o in other if o in text]
    assert_all(docx_text(client, url, case.code), expected)


def test_apology_print_without_apology_is_404(world, client):
    case = new_case(world, "2025")
    login(client, world["officer"])
    assert client.get(f"/staff/cases/{case.id}/print/apology").status_code == 404
    assert client.get(f"/staff/cases/{case.id}/print/apology?format=docx").status_code == 404


@pytest.mark.parametrize("regime, number", [("2018", "Mẫu số 05"), ("2025", "Mẫu số 06")])
def test_control_slip_has_one_row_per_hand_over_with_its_result(world, client, regime, number):
    case = new_case(world, regime)
    handler = make_user(Role.HANDLER, unit=world["handling"], full_name="Phạm Thu Trang")
    for action, at, extra in [(Action.TRANSFER, local(2027, 3, 1, 10, 0), {}),
                              (Action.ASSIGN, local(2027, 3, 1, 14, 0), {"handler_id": handler.id}),
                              (Action.FINISH, local(2027, 3, 5, 9, 0), {"note": "Đã ký kết quả"})]:
        services.transition(case, action, now=at, expected_version=case.version, actor=handler, **extra)
    db.session.commit()
    login(client, handler)  # the handling unit's staff may print too
    url = f"/staff/cases/{case.id}/print/control"
    expected = [*NATIONAL, number, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", *documents.CONTROL_HEADERS,
                "Kèm theo hồ sơ của: Trần Thị Hoa", f"Mã hồ sơ: {case.code}",
                "Giao: Văn phòng HĐND và UBND thị xã", "Nhận: UBND phường Nghĩa Tân",
                "Giao: UBND phường Nghĩa Tân", "10 giờ 00 phút, ngày 01 tháng 03 năm 2027",
                "09 giờ 00 phút, ngày 05 tháng 03 năm 2027", "Trước hạn", "Quá hạn",
                "Chuyển hồ sơ đến cơ quan giải quyết", "Người thực hiện: Phạm Thu Trang", "Đã ký kết quả"]
    text = flat(page(client, url))
    assert_all(text, expected)
    assert ("Mẫu số 06" in text) == (regime == "2025")
    # the result goes back to the 2018 desk, or to the 2025 centre (DOMAIN.md §7a)
    desk = "Bộ phận Tiếp nhận và Trả kết quả" if regime == "2018" else "Trung tâm Phục vụ hành chính công"
    assert f"Chuyển kết quả về {desk}" in text
    docx = docx_text(client, url, case.code)
    assert_all(docx, expected)


def test_control_rows_judge_the_legal_due_and_say_how_a_late_case_was_apologised_for():
    """TT 01/2018 Điều 13 chỉ số 1: against the legal due, never the apology's new date (NĐ 61 Điều 19 k9)."""
    due = datetime(2027, 3, 4, 9, 0)
    events = [{"action": "receive", "at": datetime(2027, 3, 1, 9, 0), "unit": "Một cửa"},
              {"action": "transfer", "at": datetime(2027, 3, 1, 10, 0), "unit": "Phường"},
              {"action": "apology", "at": datetime(2027, 3, 2, 9, 0), "unit": "Phường",
               "due_at": datetime(2027, 3, 10, 9, 0)},
              {"action": "finish", "at": datetime(2027, 3, 10, 8, 0), "unit": "Một cửa"},
              {"action": "return", "at": datetime(2027, 3, 11, 8, 0), "unit": "Một cửa"}]
    rows = documents.control_rows(events, due, apology_kind="in_time")
    assert [r[2] for r in rows] == ["", "Trước hạn", "", "Quá hạn — đã xin lỗi", "Quá hạn — đã xin lỗi"]
    assert documents.control_rows(events, due, apology_kind="late")[3][2] == "Quá hạn — xin lỗi muộn"
    assert documents.control_rows(events, due)[3][2] == "Quá hạn — chưa xin lỗi"
    on_the_day = [events[0], {"action": "finish", "at": datetime(2027, 3, 4, 16, 59), "unit": "Một cửa"}]
    assert documents.control_rows(on_the_day, due)[1][2] == "Đúng hạn"  # BLDS 2015 Điều 148: the whole due day
    assert rows[1][0] == "Giao: Một cửa\nNhận: Phường" and rows[4][0] == "Một cửa"


def test_register_lists_the_period_in_landscape(world, client):
    """Mẫu 07 of TT 03/2025 for a period from 1 Jul 2025; Mẫu 06 of TT 01/2018 before (test_regime.py)."""
    number = "Mẫu số 07"
    inside = new_case(world)
    outside = new_case(world, received=(2027, 4, 1, 9, 0))
    handler = make_user(Role.HANDLER, unit=world["handling"])
    services.transition(inside, Action.ASSIGN, now=local(2027, 3, 1, 10, 0), expected_version=inside.version,
                        handler_id=handler.id)
    services.transition(inside, Action.FINISH, now=local(2027, 3, 3, 10, 0), expected_version=inside.version)
    services.transition(inside, Action.RETURN, now=local(2027, 3, 3, 15, 0), expected_version=inside.version)
    db.session.commit()
    login(client, world["officer"])
    url = f"/staff/cases/register?unit={world['desk'].id}&from=2027-03-01&to=2027-03-31"
    raw = page(client, url)
    expected = [*NATIONAL, number, "SỔ THEO DÕI HỒ SƠ", *documents.REGISTER_HEADERS, inside.code,
                world["procedure"].current_version.name, "Trần Thị Hoa", "12 Lê Duẩn, phường Nghĩa Tân, 0912345678",
                "UBND phường Nghĩa Tân", "01/03/2027", "04/03/2027", "03/03/2027",
                "Qua dịch vụ bưu chính công ích", "Từ ngày 01/03/2027 đến ngày 31/03/2027"]
    assert_all(flat(raw), expected)
    assert outside.code not in raw and "print-page a4-landscape" in raw
    assert_all(docx_text(client, url, world["desk"].code), expected)


def test_register_says_when_it_is_cut(world, client, monkeypatch):
    first, second = new_case(world, "2025"), new_case(world, "2025", received=(2027, 3, 2, 9, 0))
    monkeypatch.setattr(printing, "REGISTER_LIMIT", 1)
    login(client, world["officer"])
    raw = page(client, "/staff/cases/register?from=2027-03-01&to=2027-03-31")  # own unit by default
    assert first.code in raw and second.code not in raw
    assert 'class="alert alert-warn' in raw
    assert client.get("/staff/cases/register?from=2027-03-31&to=2027-03-01").status_code == 400
    assert client.get("/staff/cases/register?from=31/03/2027").status_code == 400


def test_other_units_staff_are_refused_and_managers_may_print(world, client):
    case = new_case(world, "2025")
    slip = intake.issue_intake_slip(kind="refusal", procedure=world["procedure"], unit=world["desk"],
                                    applicant={"name": "Lê Văn Tám"}, items=["Không thuộc thẩm quyền"], note="")
    services.issue_apology(case, reason="Chờ xác minh", new_due_at=local(2027, 3, 10, 9, 0),
                           now=local(2027, 3, 2, 9, 0), expected_version=case.version)
    db.session.commit()
    urls = [f"/staff/cases/{case.id}/print/receipt", f"/staff/cases/{case.id}/print/apology",
            f"/staff/cases/{case.id}/print/control", f"/staff/cases/slips/{slip.id}/print",
            f"/staff/cases/register?unit={world['desk'].id}"]
    login(client, make_user(Role.UNIT_HEAD, unit=make_unit(name="Phòng Tư pháp")))
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.get(url + ("&" if "?" in url else "?") + "format=docx").status_code == 403, url
    client.post("/auth/logout")
    login(client, make_user(Role.MANAGER))
    for url in urls:
        assert client.get(url).status_code == 200, url
    client.post("/auth/logout")
    login(client, make_user(Role.ADMIN))
    assert client.get("/staff/cases/register").status_code == 400  # no unit of their own: name one
