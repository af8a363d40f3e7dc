"""Staff side: editors draft, managers publish and abolish; bad input stays on the form."""
import re

from sqlalchemy import select

from portal.core.access import Role
from portal.core.db import db
from portal.procedures import services
from portal.procedures.models import Procedure, PublicStatus, VersionState
from portal.units.models import UnitLevel
from tests.factories import login, make_field, make_procedure, make_unit, make_user


def text(response) -> str:
    return response.get_data(as_text=True)


def form_data(unit, field, **changes) -> dict:
    """A town-level procedure of `unit`; None: a ward / commune-level one (every ward, no unit named)."""
    data = {"code": "1.000894.000.00.00.H17", "name": "Thủ tục đăng ký kết hôn", "field_id": str(field.id),
            "level": "town" if unit is not None else "commune", "unit_id": str(unit.id) if unit else "0", "steps": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
            "channels": ["in_person"], "sets": "1", "processing_days": "3",
            "documents": "Tờ khai đăng ký kết hôn; bản chính; 1\nGiấy xác nhận tình trạng hôn nhân; bản chính; 2",
            "applicants": "Công dân Việt Nam", "result": "Giấy chứng nhận kết hôn", "fee_amount": "",
            "online_level": "partial", "old_online_level": "3", "forms": "Tờ khai đăng ký kết hôn"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_handler_drafts_a_procedure_of_their_unit(client):
    unit, field = make_unit(), make_field()
    handler = make_user(Role.HANDLER, unit=unit)
    login(client, handler)
    response = client.post("/staff/procedures/new", data=form_data(unit, field))
    assert response.status_code == 302
    procedure = db.session.scalar(select(Procedure).where(Procedure.code == "1.000894.000.00.00.H17"))
    draft = procedure.versions[0]
    assert draft.state == VersionState.DRAFT and draft.created_by_id == handler.id
    assert draft.documents == [{"name": "Tờ khai đăng ký kết hôn", "kind": "original", "count": 1},
                               {"name": "Giấy xác nhận tình trạng hôn nhân", "kind": "original", "count": 2}]
    assert draft.fee_amount is None and draft.processing_days == 3


def test_a_commune_level_procedure_names_no_unit_and_only_a_manager_adds_it(client):
    """Competence by level: every ward handles a commune-level procedure, so no ward's staff own it."""
    ward, field = make_unit(name="UBND phường Nghĩa Đức", level=UnitLevel.COMMUNE), make_field()
    login(client, make_user(Role.HANDLER, unit=ward))
    refused = client.post("/staff/procedures/new", data=form_data(ward, field, level="commune"))
    assert refused.status_code == 422 and 'id="unit_id-error"' in text(refused)
    assert db.session.scalar(select(Procedure)) is None
    client.post("/auth/logout")
    login(client, make_user(Role.MANAGER))
    created = client.post("/staff/procedures/new", data=form_data(ward, field, level="commune"))
    assert created.status_code == 302, re.findall(r'-error">([^<]*)', text(created))
    draft = db.session.scalar(select(Procedure)).versions[0]
    assert (draft.level, draft.unit_id) == ("commune", None)


def test_a_town_level_procedure_must_name_its_unit(client):
    field = make_field()
    login(client, make_user(Role.MANAGER))
    response = client.post("/staff/procedures/new", data=form_data(make_unit(), field, unit_id="0"))
    assert response.status_code == 422 and re.search(r'id="unit_id-error">[^<]+', text(response))


def test_bad_input_is_shown_beside_each_field_and_kept(client):
    unit, field = make_unit(), make_field()
    login(client, make_user(Role.HANDLER, unit=unit))
    response = client.post("/staff/procedures/new", data=form_data(
        unit, field, processing_days="-2", documents="Tờ khai; bản photo công chứng xịn; 1\nGiấy tờ khác; bản chính; hai",
        fee_amount="-5"))
    body = text(response)
    assert response.status_code == 422
    assert re.search(r'id="processing_days-error">[^<]*0', body)
    assert re.search(r'id="documents-error">[^<]*2', body)
    assert 'id="fee_amount-error"' in body
    assert "Giấy tờ khác; bản chính; hai" in body  # what was typed is kept
    assert db.session.scalar(select(Procedure)) is None


def test_non_integer_processing_time_and_duplicate_code(client):
    unit, field = make_unit(), make_field()
    make_procedure(code="1.000894.000.00.00.H17", unit=unit, field=field)
    login(client, make_user(Role.MANAGER, unit=unit))
    response = client.post("/staff/procedures/new", data=form_data(unit, field, processing_days="2,5"))
    assert response.status_code == 422 and 'id="processing_days-error"' in text(response)
    response = client.post("/staff/procedures/new", data=form_data(unit, field))
    assert response.status_code == 422 and re.search(r'id="code-error">[^<]+', text(response))


def test_handlers_cannot_touch_other_units_procedures(client):
    procedure = make_procedure()
    login(client, make_user(Role.HANDLER))  # a handler of another unit
    assert client.get(f"/staff/procedures/{procedure.id}/draft").status_code == 403
    response = client.post("/staff/procedures/new", data=form_data(make_unit(), make_field()))
    assert response.status_code == 422 and 'id="unit_id-error"' in text(response)


def test_manager_publishes_a_draft_with_its_decision(client):
    procedure = make_procedure()
    manager = make_user(Role.MANAGER)
    login(client, manager)
    edit = client.get(f"/staff/procedures/{procedure.id}/draft")
    version_field = re.search(r'name="edit_version" type="hidden" value="(\d+)"', text(edit)).group(1)
    data = form_data(procedure.unit, procedure.field, processing_days="1", edit_version=version_field,
                     name="Thủ tục đăng ký khai sinh")
    assert client.post(f"/staff/procedures/{procedure.id}/draft", data=data).status_code == 302
    show = text(client.get(f"/staff/procedures/{procedure.id}"))
    assert "<del>" in show  # the differences from the public version are shown before publishing
    response = client.post(f"/staff/procedures/{procedure.id}/publish", data={
        "decision_number": "512/QĐ-UBND", "decision_date": "2020-04-02", "change_type": "amended"})
    assert response.status_code == 302
    db.session.refresh(procedure)
    assert procedure.status == PublicStatus.AMENDED and procedure.current_version.number == 2
    assert procedure.current_version.published_by_id == manager.id
    assert "processing_days" in procedure.current_version.changed_components


def test_handlers_cannot_publish(client):
    procedure = make_procedure()
    login(client, make_user(Role.HANDLER, unit=procedure.unit))
    client.get(f"/staff/procedures/{procedure.id}/draft")
    response = client.post(f"/staff/procedures/{procedure.id}/publish", data={
        "decision_number": "1/QĐ", "decision_date": "2020-04-02", "change_type": "amended"})
    assert response.status_code == 403
    assert procedure.current_version.number == 1


def test_simultaneous_edits_of_one_draft_conflict(client):
    procedure = make_procedure()
    login(client, make_user(Role.MANAGER))
    client.get(f"/staff/procedures/{procedure.id}/draft")
    draft = services.open_draft(procedure)
    stale = str(draft.edit_version)
    ok = form_data(procedure.unit, procedure.field, edit_version=stale, result="Bản chính Giấy khai sinh")
    assert client.post(f"/staff/procedures/{procedure.id}/draft", data=ok).status_code == 302
    late = form_data(procedure.unit, procedure.field, edit_version=stale, result="Giấy khai sinh điện tử")
    response = client.post(f"/staff/procedures/{procedure.id}/draft", data=late)
    assert response.status_code == 409 and "Giấy khai sinh điện tử" in text(response)
    db.session.refresh(draft)
    assert draft.result == "Bản chính Giấy khai sinh"


def test_manager_abolishes_and_the_page_says_so(client):
    procedure = make_procedure()
    login(client, make_user(Role.MANAGER))
    response = client.post(f"/staff/procedures/{procedure.id}/abolish", data={
        "abolish-decision_number": "77/QĐ-UBND", "abolish-decision_date": "2023-02-01"})
    assert response.status_code == 302
    db.session.refresh(procedure)
    assert procedure.status == PublicStatus.ABOLISHED
    assert "77/QĐ-UBND" in text(client.get(f"/thu-tuc/{procedure.code}"))


def test_discarding_a_draft_keeps_the_public_version(client):
    procedure = make_procedure()
    login(client, make_user(Role.MANAGER))
    client.get(f"/staff/procedures/{procedure.id}/draft")
    assert client.post(f"/staff/procedures/{procedure.id}/draft/discard", data={}).status_code == 302
    db.session.refresh(procedure)
    assert [v.state for v in procedure.versions] == [VersionState.PUBLISHED]


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _upload(client, procedure, name, data, title="Tờ khai đăng ký khai sinh (mẫu TP/HT-2020-KS.1)"):
    from io import BytesIO

    return client.post(f"/staff/procedures/{procedure.id}/forms", data={
        "formfile-title": title, "formfile-file": (BytesIO(data), name)}, content_type="multipart/form-data")


def test_a_pdf_form_is_attached_and_downloadable_after_publication(client, tmp_path):
    client.application.config["UPLOAD_FOLDER"] = str(tmp_path)
    procedure = make_procedure()
    login(client, make_user(Role.MANAGER))
    assert _upload(client, procedure, "../../to khai\u202e.pdf", PDF).status_code == 302
    draft = services.open_draft(procedure)
    form_entry = next(f for f in draft.forms if f.get("form_file_id"))
    client.post(f"/staff/procedures/{procedure.id}/publish", data={
        "decision_number": "600/QĐ-UBND", "decision_date": "2021-05-04", "change_type": "amended"})
    page = text(client.get(f"/thu-tuc/{procedure.code}"))
    link = re.search(r'href="(/thu-tuc/bieu-mau/\d+/[^"]+)"', page).group(1)
    download = client.get(link)
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert "\u202e" not in download.headers["Content-Disposition"] and ".." not in download.headers["Content-Disposition"]
    assert form_entry["name"].startswith("Tờ khai")


def test_wrong_type_and_oversized_form_files_are_refused(client, tmp_path):
    client.application.config["UPLOAD_FOLDER"] = str(tmp_path)
    procedure = make_procedure()
    login(client, make_user(Role.MANAGER))
    response = _upload(client, procedure, "mau-don.pdf", b"MZ\x90\x00" + b"\x00" * 200)  # an .exe renamed .pdf
    assert response.status_code == 302
    assert "PDF, DOC, DOCX, XLS" in text(client.get(response.headers["Location"]))
    client.application.config["FORM_FILE_MAX_BYTES"] = 1024 * 1024
    try:
        response = _upload(client, procedure, "lon.pdf", PDF + b"0" * 1024 * 1024)
        assert "1 MB" in text(client.get(response.headers["Location"]))
    finally:
        client.application.config["FORM_FILE_MAX_BYTES"] = 10 * 1024 * 1024
    assert list(tmp_path.rglob("*")) == [] or all(p.is_dir() for p in tmp_path.rglob("*"))
