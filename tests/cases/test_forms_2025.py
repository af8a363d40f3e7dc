"""Issue 15 point 3, the forms: the TT 03/2025 sheets carry the centre's name, the principal, the representative
and the authorisation, the organisation's number; Mẫu 04 asks for an extension; the case page cites the rules of
the case's regime. Fields compared with DOMAIN.md §3 ("Receipt fields", "Apology fields") and §7a, for a 2025
case and an unchanged 2018 case. No primary text of TT 03/2025 or NĐ 118/2025 is held: these rest on DOMAIN.md."""
from __future__ import annotations

import html
from datetime import date

import pytest

from portal.cases import documents, intake, rules, services
from portal.cases.models import Case
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.db import db
from portal.core.errors import DomainError
from tests.cases.test_printing import assert_all, docx_text, flat, local, page, world  # noqa: F401
from tests.factories import login, make_user, page_as

ORGANISATION = {"name": "Công ty TNHH Cà phê Đắk Nông", "kind": "organisation", "id_number": "6400123456",
                "address": "KCN Nhân Cơ", "phone": "0261 3544 222", "representative": "Lê Văn Tâm",
                "representative_id_number": "066080001111", "representative_basis": "legal"}


def receive(world, applicant: dict, received=(2025, 7, 1, 8, 0), delivery="desk") -> Case:
    procedure = world["procedure"]
    case = intake.receive_case(procedure=procedure, unit=world["desk"], applicant=applicant,
                               submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                               delivery=delivery, received_at=local(*received), actor=world["officer"])
    db.session.commit()
    return case


# ---------------------------------------------------------------- receipt (Mẫu 01)

def test_a_2025_receipt_names_the_organisation_its_number_and_its_legal_representative(world, client, monkeypatch):
    from flask import current_app

    monkeypatch.setitem(current_app.config, "SERVICE_CENTRE_NAMES",
                        {"000.00.12.H17": "Trung tâm Phục vụ hành chính công phường Nam Gia Nghĩa"})
    case = receive(world, ORGANISATION)
    assert case.regime == "2025"  # received 1 Jul 2025 08:00 local
    login(client, world["officer"])
    url = f"/staff/cases/{case.id}/print/receipt"
    centre = "Trung tâm Phục vụ hành chính công phường Nam Gia Nghĩa"
    # the issuer: the unit, then its centre; the rows name the centre in full
    expected = ["Mẫu số 01", "03/2025/TT-VPCP", "VĂN PHÒNG HĐND VÀ UBND THỊ XÃ", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
                f"Nơi tiếp nhận hồ sơ: {centre}", f"Mã hồ sơ: {case.code}",
                "Tiếp nhận hồ sơ của (người được đại diện): Công ty TNHH Cà phê Đắk Nông",
                "Mã số doanh nghiệp/Mã số định danh của tổ chức: 6400123456",
                "Người đại diện (nếu có): Lê Văn Tâm; số định danh cá nhân: 066080001111; Đại diện theo pháp luật",
                "6. Đăng ký nhận kết quả tại: Trực tiếp tại Trung tâm Phục vụ hành chính công",
                "Liên 2: Lưu tại Trung tâm Phục vụ hành chính công"]
    text = flat(page(client, url))
    assert_all(text, expected)
    assert "VĂN PHÒNG HĐND VÀ UBND THỊ XÃ TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG CỘNG HÒA" in text  # its third line
    assert "Bộ phận Tiếp nhận" not in text and "BỘ PHẬN TIẾP NHẬN" not in text
    assert_all(docx_text(client, url, case.code), expected)


def test_a_2025_receipt_without_a_representative_leaves_those_lines_empty(world, client):
    case = receive(world, {"name": "Trần Thị Hoa", "id_number": "066190001234"})
    login(client, world["officer"])
    text = flat(page(client, f"/staff/cases/{case.id}/print/receipt"))
    # No "principal" wording when nobody represents the applicant; the centre derived from the unit's name.
    assert_all(text, ["Tiếp nhận hồ sơ của: Trần Thị Hoa", "Số định danh cá nhân/Mã số định danh của tổ chức:"
                      " 066190001234", "Nơi tiếp nhận hồ sơ: Trung tâm Phục vụ hành chính công Văn phòng HĐND và"
                      " UBND thị xã", "Người đại diện (nếu có): Nội dung yêu cầu giải quyết"])
    assert "người được đại diện" not in text and "Giấy ủy quyền số" not in text


def test_a_2018_receipt_is_unchanged_by_the_representatives_details(world, client):
    applicant = {"name": "Trần Thị Hoa", "representative": "Nguyễn Văn Bình", "representative_id_number": "066085004321",
                 "representative_basis": "authorisation", "authorisation_number": "7/GUQ",
                 "authorisation_date": date(2025, 6, 20)}
    case = receive(world, applicant, received=(2025, 6, 30, 16, 0))
    assert case.regime == "2018"
    login(client, world["officer"])
    text = flat(page(client, f"/staff/cases/{case.id}/print/receipt"))
    assert_all(text, ["BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "Bộ phận Tiếp nhận và Trả kết quả: Văn phòng HĐND và UBND thị xã",
                      "Tiếp nhận hồ sơ của: Trần Thị Hoa", "Người đại diện (nếu có): Nguyễn Văn Bình",
                      "Trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả",
                      "Liên 2: Lưu tại Bộ phận Tiếp nhận và Trả kết quả"])
    for absent in ("Trung tâm Phục vụ", "066085004321", "Giấy ủy quyền", "người được đại diện", "Số định danh"):
        assert absent not in text, absent
    # what the desk typed is kept on the case all the same
    assert (case.representative_basis, case.authorisation_number) == ("authorisation", "7/GUQ")


def test_the_2025_receipt_still_fits_two_a5_sheets(world, client):
    """Three more lines on the 2025 sheet: it stays one A5 sheet per copy (the print CSS pages by .sheet)."""
    case = receive(world, ORGANISATION)
    login(client, world["officer"])
    raw = page(client, f"/staff/cases/{case.id}/print/receipt")
    assert raw.count('class="sheet form-sheet"') == 2 and "print-page a5" in raw


# ---------------------------------------------------------------- Mẫu 02 / 03 / 04 / 05: the addressee

def test_the_2025_apology_asks_for_an_extension_and_names_the_representative(world, client):
    case = receive(world, ORGANISATION)
    head = make_user(Role.UNIT_HEAD, unit=world["handling"], full_name="Đỗ Minh Khoa")
    services.issue_apology(case, reason="Chờ ý kiến của Sở Nông nghiệp và Môi trường",
                           new_due_at=local(2025, 7, 15, 9, 0), now=local(2025, 7, 3, 9, 0),
                           expected_version=case.version, actor=head)
    db.session.commit()
    login(client, head)
    url = f"/staff/cases/{case.id}/print/apology"
    # DOMAIN.md §3 apology fields: addressee, case code, procedure, date received, originally promised date,
    # reason, apology, new return date, signature of the unit head.
    expected = ["PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "Kính gửi: Công ty TNHH Cà phê Đắk Nông",
                "Người đại diện: Lê Văn Tâm; số định danh cá nhân: 066080001111; Đại diện theo pháp luật",
                f"Mã hồ sơ: {case.code}", f"Thủ tục hành chính: {world['procedure'].current_version.name}",
                "Ngày tiếp nhận hồ sơ: ngày 01 tháng 07 năm 2025", "Thời hẹn trả kết quả giải quyết hồ sơ: ",
                "Lý do chậm giải quyết: Chờ ý kiến của Sở Nông nghiệp và Môi trường",
                "xin lỗi Ông/Bà/Tổ chức vì sự chậm trễ này",
                "Đề nghị gia hạn thời gian giải quyết đến: 09 giờ 00 phút, ngày 15 tháng 07 năm 2025",
                "đề nghị Ông/Bà/Tổ chức đồng ý gia hạn thời gian giải quyết hồ sơ và hẹn trả kết quả vào 09 giờ 00"
                " phút, ngày 15 tháng 07 năm 2025", "THỦ TRƯỞNG CƠ QUAN", "Đỗ Minh Khoa"]
    assert_all(flat(page(client, url)), expected)
    assert_all(docx_text(client, url, case.code), expected)


def test_the_once_only_rule_holds_for_the_2025_extension(world):
    case = receive(world, ORGANISATION)
    head = make_user(Role.UNIT_HEAD, unit=world["handling"])
    services.issue_apology(case, reason="Chờ xác minh", new_due_at=local(2025, 7, 15, 9, 0),
                           now=local(2025, 7, 3, 9, 0), expected_version=case.version, actor=head)
    db.session.commit()
    with pytest.raises(DomainError):
        services.issue_apology(case, reason="Lần hai", new_due_at=local(2025, 7, 25, 9, 0),
                               now=local(2025, 7, 4, 9, 0), expected_version=case.version, actor=head)


def test_the_2025_supplement_request_names_the_representative_and_sends_back_to_the_centre(world, client):
    case = receive(world, ORGANISATION)
    handler = make_user(Role.HANDLER, unit=world["handling"], full_name="Y Sơn Niê")
    services.transition(case, Action.TRANSFER, now=local(2025, 7, 1, 9, 0), expected_version=case.version)
    services.transition(case, Action.ASSIGN, now=local(2025, 7, 1, 10, 0), expected_version=case.version,
                        handler_id=handler.id)
    services.transition(case, Action.REQUEST_SUPPLEMENT, now=local(2025, 7, 2, 9, 0), expected_version=case.version,
                        note="Bản sao điều lệ công ty", actor=handler)
    db.session.commit()
    login(client, handler)
    text = flat(page(client, f"/staff/cases/{case.id}/print/supplement"))
    assert_all(text, ["Hồ sơ của: Công ty TNHH Cà phê Đắk Nông",
                      "Người đại diện: Lê Văn Tâm; số định danh cá nhân: 066080001111; Đại diện theo pháp luật",
                      "nộp lại tại Trung tâm Phục vụ hành chính công Văn phòng HĐND và UBND thị xã"])
    assert "Bộ phận Tiếp nhận" not in text


# ---------------------------------------------------------------- intake: the representative, beside the field

def _intake(world, **changes) -> dict:
    procedure = world["procedure"]
    return {"procedure": procedure.code, "documents": [d["name"] for d in procedure.current_version.documents],
            "applicant_name": "Trần Thị Hoa", "sets": "1", "delivery": "desk", "channel": "desk",
            "action": "accept", **changes}


def _error_of(body: str, name: str) -> str:
    marker = f'id="{name}-error"'
    assert marker in body, name
    return body.split(marker)[1][:400]


@pytest.mark.parametrize("lang, message", [
    ("vi", "Người đại diện làm theo giấy ủy quyền hoặc là đại diện theo pháp luật: hãy chọn."),
    ("en", "A representative acts on an authorisation or as legal representative: choose which."),
])
def test_a_representative_without_a_basis_is_refused_beside_the_field_with_the_typing_kept(world, client, lang,
                                                                                             message):
    login(client, world["officer"])
    client.get(f"/language/{lang}")
    response = client.post("/staff/cases/new", data=_intake(world, representative_name="Nguyễn Văn Bình",
                                                            representative_id_number="066085004321"))
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert message in _error_of(body, "representative_basis")
    assert 'value="Nguyễn Văn Bình"' in body and 'value="066085004321"' in body
    assert db.session.query(Case).count() == 0


@pytest.mark.parametrize("changes, field, en", [
    ({"representative_basis": "authorisation", "authorisation_date": "2025-06-01"}, "authorisation_number",
     "Enter the number of the authorisation."),
    ({"representative_basis": "authorisation", "authorisation_number": "15/GUQ"}, "authorisation_date",
     "Enter the date of the authorisation."),
    ({"representative_basis": "authorisation", "authorisation_number": "15/GUQ", "authorisation_date": "2999-01-01"},
     "authorisation_date", "The authorisation cannot be dated after the day the file is received."),
    ({"representative_basis": "legal", "representative_id_number": "12345"}, "representative_id_number",
     "The ID number must have 12 digits"),
    ({"representative_name": "", "representative_basis": "legal"}, "representative_name",
     "Enter the representative's name"),
    ({"applicant_kind": "organisation", "applicant_id_number": "066190001234", "representative_basis": "legal"},
     "applicant_id_number", "An organisation's number (mã số doanh nghiệp) has 10 digits"),
])
def test_each_representative_error_is_beside_its_field(world, client, changes, field, en):
    login(client, world["officer"])
    client.get("/language/en")
    data = _intake(world, **{"representative_name": "Nguyễn Văn Bình", **changes})
    response = client.post("/staff/cases/new", data=data)
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert en in _error_of(body, field)
    assert db.session.query(Case).count() == 0


def test_the_desk_form_stores_an_authorisation(world, client):
    login(client, world["officer"])
    response = client.post("/staff/cases/new", data=_intake(
        world, representative_name="Nguyễn Văn Bình", representative_id_number="066085004321",
        representative_basis="authorisation", authorisation_number="15/2025/GUQ", authorisation_date="2025-06-01"))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    case = db.session.query(Case).one()
    assert (case.representative_name, case.representative_id_number, case.representative_basis,
            case.authorisation_number, case.authorisation_date) == (
        "Nguyễn Văn Bình", "066085004321", "authorisation", "15/2025/GUQ", date(2025, 6, 1))


def test_legal_representation_stores_no_authorisation_number(world):
    case = receive(world, {**ORGANISATION, "authorisation_number": "left over", "authorisation_date": date(2025, 1, 1)})
    assert (case.representative_basis, case.authorisation_number, case.authorisation_date) == ("legal", "", None)


# ---------------------------------------------------------------- the case page cites the case's regime

def _case_page_world(world, received):
    case = receive(world, {"name": "Trần Thị Hoa"}, received=received)
    handler = make_user(Role.HANDLER, unit=world["handling"])
    services.transition(case, Action.TRANSFER, now=local(*received), expected_version=case.version)
    services.transition(case, Action.ASSIGN, now=local(*received), expected_version=case.version,
                        handler_id=handler.id)
    db.session.commit()
    return case, handler


@pytest.mark.parametrize("lang, once, lost", [
    ("vi", "Một lần, chậm nhất ngày", "Hồ sơ bị mất, thất lạc hoặc hư hỏng"),
    ("en", "Once, until", "The file was lost or damaged"),
])
@pytest.mark.parametrize("received, regime", [((2025, 7, 1, 8, 0), "2025"), ((2025, 6, 30, 16, 0), "2018")])
def test_the_case_page_cites_the_rules_of_the_cases_regime(world, client, time_machine, received, regime, lang,
                                                           once, lost):
    case, handler = _case_page_world(world, received)
    assert case.regime == regime
    time_machine.move_to(local(*received[:3], 10, 0))
    body = html.unescape(page_as(client, handler, f"/staff/cases/{case.id}", lang=lang))
    supplement = "NĐ 118/2025/NĐ-CP" if regime == "2025" else "NĐ 61/2018 Điều 19 k4"
    assert once in body and f"({supplement})" in body
    head = make_user(Role.UNIT_HEAD, unit=world["handling"])
    body = html.unescape(page_as(client, head, f"/staff/cases/{case.id}", lang=lang))
    lost_basis = "NĐ 118/2025/NĐ-CP" if regime == "2025" else "NĐ 61/2018 Điều 21"
    assert f"{lost} ({lost_basis})" in body
    if regime == "2025":
        assert "61/2018" not in body.split('id="steps-head"')[1]


def test_the_citation_table():
    assert rules.citation("2018", "supplement") == "NĐ 61/2018 Điều 19 k4"
    assert rules.citation("2025", "supplement") == "NĐ 118/2025/NĐ-CP"  # no article: no primary text held
    assert rules.citation("2025", "withdrawal") == "NĐ 118/2025 Điều 21"  # DOMAIN.md §7a names it
    assert rules.citation("2025", "unknown topic") == "NĐ 118/2025/NĐ-CP"


def test_centre_names_and_organisation_numbers():
    assert documents.centre_name("UBND phường Nam Gia Nghĩa") == "Trung tâm Phục vụ hành chính công phường Nam Gia Nghĩa"
    assert documents.centre_name("Ủy ban nhân dân xã Đắk Ha") == "Trung tâm Phục vụ hành chính công xã Đắk Ha"
    assert documents.centre_name("UBND phường Bắc Gia Nghĩa", " Trung tâm X ") == "Trung tâm X"
    org = documents.Org(committee="C", unit="U", place="P", centre="Trung tâm Y")
    assert documents.desk_name("2018", org) == "Bộ phận Tiếp nhận và Trả kết quả"
    assert documents.desk_name("2025", org) == "Trung tâm Y"
    assert rules.is_valid_enterprise_code("6400123456") and rules.is_valid_enterprise_code("6400123456-001")
    assert not rules.is_valid_enterprise_code("066190001234") and not rules.is_valid_enterprise_code("640012345")


@pytest.mark.parametrize("lang, number, basis", [
    ("vi", "Mã số doanh nghiệp", "Đại diện theo pháp luật"),
    ("en", "Organisation number (mã số doanh nghiệp)", "Legal representative (đại diện theo pháp luật)"),
])
def test_the_case_page_shows_the_organisation_number_and_the_representative(world, client, lang, number, basis):
    case = receive(world, ORGANISATION)
    body = html.unescape(page_as(client, world["officer"], f"/staff/cases/{case.id}", lang=lang))
    assert f"<dt>{number}</dt>" in body and "6400123456" in body
    assert "Lê Văn Tâm" in body and "066080001111" in body and basis in body


@pytest.mark.parametrize("kind, number", [("supplement", "Mẫu số 02"), ("refusal", "Mẫu số 03")])
def test_the_desk_slips_name_the_representative_under_the_2025_set_only(world, client, kind, number):
    applicant = {"name": "Trần Thị Hoa", "representative": "Nguyễn Văn Bình", "representative_id_number": "066085004321",
                 "representative_basis": "authorisation", "authorisation_number": "15/GUQ",
                 "authorisation_date": date(2025, 6, 2)}
    slips = {}
    for regime, created in (("2025", local(2025, 7, 1, 9, 0)), ("2018", local(2019, 3, 1, 9, 0))):
        slip = intake.issue_intake_slip(kind=kind, procedure=world["procedure"], unit=world["desk"],
                                        applicant=applicant, items=["Giấy ủy quyền có chứng thực"], note="",
                                        actor=world["officer"])
        slip.created_at = created
        slips[regime] = slip
    db.session.commit()
    login(client, world["officer"])
    line = ("Người đại diện: Nguyễn Văn Bình; số định danh cá nhân: 066085004321; Giấy ủy quyền số 15/GUQ ngày 02"
            " tháng 06 năm 2025")
    new = flat(page(client, f"/staff/cases/slips/{slips['2025'].id}/print"))
    assert_all(new, [number, "03/2025/TT-VPCP", line])
    old = flat(page(client, f"/staff/cases/slips/{slips['2018'].id}/print"))
    assert number in old and "01/2018/TT-VPCP" in old and "Người đại diện" not in old
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in old and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in new


def test_a_slip_keeps_a_representative_without_a_basis_as_typed(world):
    slip = intake.issue_intake_slip(kind="supplement", procedure=world["procedure"], unit=world["desk"],
                                    applicant={"name": "Trần Thị Hoa", "representative": "Nguyễn Văn Bình",
                                               "representative_basis": "bogus"},
                                    items=["Giấy ủy quyền"], note="", actor=world["officer"])
    assert (slip.representative_name, slip.representative_basis) == ("Nguyễn Văn Bình", "")
