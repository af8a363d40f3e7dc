"""Catalogue services against the database: lifecycle, history, search, audit."""
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.procedures import queries, services
from portal.procedures.models import PublicStatus, VersionState
from portal.units.models import UnitLevel
from tests.factories import amend_procedure, make_field, make_procedure, make_unit, procedure_content

NOW = datetime(2021, 5, 4, 3, 0, tzinfo=UTC)


def test_a_new_procedure_is_a_private_draft_until_published(app_ctx):
    unit, field = make_unit(), make_field()
    version = services.create_procedure("1.001193.000.00.00.H17", procedure_content(unit, field))
    db.session.commit()
    assert version.state == VersionState.DRAFT
    assert queries.get_public("1.001193.000.00.00.H17") is None
    assert queries.search("khai sinh").total == 0
    services.publish_version(version, decision_number="1425/QĐ-UBND", decision_date=date(2019, 3, 1),
                             change_type="new", changed_components=None, now=NOW)
    db.session.commit()
    procedure = queries.get_public("1.001193.000.00.00.h17 ")
    assert procedure.status == PublicStatus.ACTIVE and procedure.current_version.number == 1
    assert queries.search("khai sinh").items == [procedure]


def test_an_amendment_keeps_the_previous_version_readable(app_ctx):
    procedure = make_procedure()
    amend_procedure(procedure, processing_days=1, fee_amount=8000)
    versions = queries.published_versions(procedure)
    assert [(v.number, v.state) for v in versions] == [(1, VersionState.SUPERSEDED), (2, VersionState.PUBLISHED)]
    assert versions[0].processing_days == 0 and versions[0].fee_amount is None
    assert procedure.status == PublicStatus.AMENDED
    assert versions[1].changed_components == ["processing_days", "fee_amount"]
    assert procedure.processing_days == 1  # the cached search fields follow the current version


def test_published_versions_cannot_be_edited(app_ctx):
    procedure = make_procedure()
    with pytest.raises(DomainError):
        services.update_draft(procedure.current_version, services.content_of(procedure.current_version),
                              procedure.current_version.edit_version)


def test_two_editors_of_one_draft_conflict_and_the_second_loses_nothing_silently(app_ctx):
    procedure = make_procedure()
    draft = services.open_draft(procedure)
    seen = draft.edit_version
    services.update_draft(draft, {**services.content_of(draft), "result": "Giấy khai sinh bản chính và bản sao"}, seen)
    db.session.commit()
    with pytest.raises(Conflict):
        services.update_draft(draft, {**services.content_of(draft), "result": "Khác"}, seen)
    assert draft.result == "Giấy khai sinh bản chính và bản sao"


def test_only_one_open_draft_per_procedure(app_ctx):
    procedure = make_procedure()
    assert services.open_draft(procedure).id == services.open_draft(procedure).id


def test_publication_type_must_fit_the_history(app_ctx):
    procedure = make_procedure()
    draft = services.open_draft(procedure)
    with pytest.raises(DomainError):
        services.publish_version(draft, decision_number="1/QĐ", decision_date=date(2020, 1, 2), change_type="new",
                                 changed_components=None, now=NOW)
    first = services.create_procedure("2.000908.000.00.00.H17", procedure_content(make_unit(), make_field(),
                                                                                  name="Chứng thực bản sao"))
    with pytest.raises(DomainError):
        services.publish_version(first, decision_number="1/QĐ", decision_date=date(2020, 1, 2), change_type="amended",
                                 changed_components=None, now=NOW)


def test_abolished_procedures_stay_visible_but_not_in_the_default_search(app_ctx):
    procedure = make_procedure()
    services.abolish(procedure, decision_number="99/QĐ-UBND", decision_date=date(2022, 1, 5), now=NOW)
    db.session.commit()
    assert procedure.status == PublicStatus.ABOLISHED
    assert queries.get_public(procedure.code) is procedure
    assert queries.search("khai sinh").total == 0
    assert queries.search("khai sinh", include_abolished=True).items == [procedure]
    with pytest.raises(DomainError):
        services.publish_version(services.open_draft(procedure), decision_number="1", decision_date=date(2022, 2, 1),
                                 change_type="amended", changed_components=None, now=NOW)


def test_duplicate_codes_are_refused(app_ctx):
    make_procedure()
    with pytest.raises(services.ContentInvalid) as err:
        services.create_procedure(" 1.001193.000.00.00.h17", procedure_content(make_unit(), make_field()))
    assert err.value.problems[0].code == "code_taken"


def test_text_is_stored_in_nfc(app_ctx):
    decomposed = "Thu\u0309 tu\u0323c đăng ky\u0301 kê\u0301t hôn"
    procedure = make_procedure(code="1.000894.000.00.00.H17", name=decomposed)
    assert procedure.name == "Thủ tục đăng ký kết hôn"


@pytest.fixture()
def catalogue(app_ctx):
    unit, field = make_unit(level=UnitLevel.COMMUNE), make_field()  # ward / commune-level procedures
    names = ["Thủ tục đăng ký lại khai sinh", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài",
             "Thủ tục đăng ký khai sinh", "Thủ tục đăng ký kết hôn", "Thủ tục đăng ký khai tử",
             "Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con"]
    codes = ["1.004884", "1.001695", "1.001193", "1.000894", "1.000656", "1.000689"]
    made = {}
    for name, code in zip(names, codes, strict=False):
        made[name] = make_procedure(code=f"{code}.000.00.00.H17", unit=unit, field=field, name=name)
    other = make_field("CT", "Chứng thực")
    make_procedure(code="2.000815.000.00.00.H17", unit=unit, field=other,
                   name="Chứng thực bản sao từ bản chính giấy tờ, văn bản")
    return made


@pytest.mark.parametrize("query", ["dang ky khai sinh", "Đăng ký khai sinh", "ĐĂNG KÝ KHAI SINH", "thu tuc dang ky khai sinh",
                                   "1.001193.000.00.00.H17", "1.001193"])
def test_birth_registration_comes_first(catalogue, query):
    assert queries.search(query).items[0].name == "Thủ tục đăng ký khai sinh"


def test_dang_ky_finds_every_registration_and_folds_d(catalogue):
    result = queries.search("DANG KY")
    assert result.total == 6
    assert queries.search("đăng").total == queries.search("dang").total == 6
    assert queries.search("chung thuc").items[0].code == "2.000815.000.00.00.H17"


def test_search_matches_the_field_name_and_filters(catalogue):
    assert queries.search("ho tich").total == 6
    field_id = catalogue["Thủ tục đăng ký kết hôn"].field_id
    assert queries.search("", field_id=field_id).total == 6
    assert queries.search("", level="town").total == 0


def test_empty_search_lists_in_vietnamese_order_and_paginates(catalogue):
    first = queries.search("", per_page=3, page=1)
    second = queries.search("", per_page=3, page=2)
    names = [p.name for p in first.items + second.items]
    assert first.total == 7 and len(second.items) == 3
    assert names[0].startswith("Chứng thực") and names[1] == "Thủ tục đăng ký kết hôn"


def test_like_wildcards_in_queries_are_literal(catalogue):
    assert queries.search("%").total == 0
    assert queries.search("_").total == 0


def test_every_step_is_audited(app_ctx):
    procedure = make_procedure()
    amend_procedure(procedure, fee_amount=5000)
    actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["procedure.create", "procedure.publish", "procedure.draft", "procedure.edit_draft",
                       "procedure.publish"]
