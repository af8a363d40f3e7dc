"""Pure catalogue rules: validation, status, comparison, completeness and ranking."""
import pytest

from portal.procedures import rules
from portal.procedures.models import ChangeType, PublicStatus

VALID = {"name": "Cấp giấy phép xây dựng nhà ở riêng lẻ", "field_id": 3, "level": "town", "unit_id": 1,
         "steps": "Bước 1", "channels": ["in_person"], "documents": [{"name": "Đơn đề nghị", "kind": "original", "count": 1}],
         "sets": 1, "processing_days": 15, "applicants": "Hộ gia đình, cá nhân", "fee_amount": 75000,
         "online_level": "partial", "old_online_level": 3}


def codes(content):
    return [(p.field, p.code) for p in rules.check_content(content)]


def test_valid_content_has_no_problem():
    assert codes(VALID) == []


@pytest.mark.parametrize("change, expected", [
    ({"processing_days": -1}, ("processing_days", "days_negative")),
    ({"processing_days": 2.5}, ("processing_days", "days_integer")),
    ({"processing_days": "5"}, ("processing_days", "days_integer")),
    ({"processing_days": None}, ("processing_days", "days_integer")),
    ({"processing_days": True}, ("processing_days", "days_integer")),
    ({"processing_days": 400}, ("processing_days", "days_too_large")),
    ({"fee_amount": -2000}, ("fee_amount", "fee_invalid")),
    ({"sets": 0}, ("sets", "sets_invalid")),
    ({"name": "  "}, ("name", "required")),
    ({"unit_id": None}, ("unit_id", "required")),
    ({"channels": ["fax"]}, ("channels", "channel_unknown")),
    ({"documents": [{"name": "", "kind": "original", "count": 1}]}, ("documents", "document_name")),
    ({"documents": [{"name": "Đơn", "kind": "photocopy", "count": 1}]}, ("documents", "document_kind")),
    ({"documents": [{"name": "Đơn", "kind": "copy", "count": 0}]}, ("documents", "document_count")),
    ({"online_level": "level4"}, ("online_level", "online_unknown")),
    ({"old_online_level": 5}, ("old_online_level", "old_online_range")),
    ({"name": "x" * 501}, ("name", "too_long")),
])
def test_bad_content_is_named_by_field(change, expected):
    assert expected in codes({**VALID, **change})


def test_zero_days_is_a_valid_same_day_procedure():
    assert codes({**VALID, "processing_days": 0}) == []
    assert rules.missing_components({**VALID, "processing_days": 0}) == []


@pytest.mark.parametrize("change_type, status", [
    (None, PublicStatus.UNPUBLISHED), (ChangeType.NEW, PublicStatus.ACTIVE), (ChangeType.AMENDED, PublicStatus.AMENDED),
    (ChangeType.REPLACED, PublicStatus.AMENDED), (ChangeType.ABOLISHED, PublicStatus.ABOLISHED)])
def test_public_status_follows_the_last_decision(change_type, status):
    assert rules.public_status(change_type) == status


def test_missing_components_lists_each_empty_mandatory_one():
    content = {**VALID, "steps": "", "documents": [], "applicants": None}
    assert rules.missing_components(content) == ["steps", "documents", "applicants"]


def test_diff_reports_changed_components_in_display_order():
    new = {**VALID, "fee_amount": 100000, "processing_days": 12, "steps": "Bước 1 "}
    assert [name for name, _o, _n in rules.diff(VALID, new)] == ["processing_days", "fee_amount"]
    assert rules.diff(VALID, dict(VALID)) == []


def test_published_on_time_compares_days():
    from datetime import date
    assert rules.published_on_time(date(2019, 3, 8), date(2019, 3, 8))
    assert not rules.published_on_time(date(2019, 3, 9), date(2019, 3, 8))


@pytest.mark.parametrize("typed, kind", [("bản sao có chứng thực", "certified_copy"), ("bản sao chứng thực", "certified_copy"),
                                         ("Bản chính hoặc bản sao có chứng thực", "original_or_certified"),
                                         ("bản sao", "copy"), ("bản chính", "original")])
def test_document_kinds_read_back_as_labelled(typed, kind):
    from portal.procedures.forms import parse_documents

    assert parse_documents(f"Giấy chứng nhận; {typed}; 2")[0] == [{"name": "Giấy chứng nhận", "kind": kind, "count": 2}]
