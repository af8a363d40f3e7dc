"""The case workflow: one transition table, timing buckets, supplements, apologies, conflicts."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale

from portal.cases import intake, rules, services
from portal.cases.rules import Action, CaseStatus, Timing
from portal.core.access import Role
from portal.core.errors import Conflict, DomainError
from tests.factories import make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def case(app_ctx):
    unit = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân")
    procedure = make_procedure(unit=unit, processing_days=3)
    submitted = [d["name"] for d in procedure.current_version.documents]
    return intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Trần Thị Hoa"},
                               submitted=submitted, sets=1, delivery="desk", received_at=local(2027, 3, 1, 9, 0))


def step(case, action, at, **kwargs):
    return services.transition(case, action, now=at, expected_version=case.version, **kwargs)


def test_the_happy_path_ends_returned_and_on_time(case):
    handler = make_user(Role.HANDLER, unit=case.handling_unit)
    assert case.due_at.astimezone(VN).date().isoformat() == "2027-03-04"
    step(case, Action.TRANSFER, local(2027, 3, 1, 10, 0))
    step(case, Action.ASSIGN, local(2027, 3, 1, 14, 0), handler_id=handler.id)
    step(case, Action.FINISH, local(2027, 3, 4, 8, 0))
    step(case, Action.RETURN, local(2027, 3, 4, 10, 0))
    assert case.status == CaseStatus.RETURNED and case.timing == Timing.ON_TIME
    assert [e.action for e in case.events] == ["receive", "transfer", "assign", "finish", "return"]


def test_impossible_steps_are_refused(case):
    with pytest.raises(DomainError):
        step(case, Action.RETURN, local(2027, 3, 1, 10, 0))
    with pytest.raises(DomainError):
        step(case, Action.ASSIGN, local(2027, 3, 1, 10, 0))  # no handler chosen


def test_a_case_is_assigned_only_to_a_handler_of_its_handling_unit(case):
    other_unit = make_unit(code="000.03.26.H17", name="Phòng Tư pháp")
    outsider = make_user(Role.HANDLER, unit=other_unit)
    step(case, Action.TRANSFER, local(2027, 3, 1, 10, 0))
    version = case.version
    with pytest.raises(DomainError) as refused, force_locale("en"):
        step(case, Action.ASSIGN, local(2027, 3, 1, 14, 0), handler_id=outsider.id)
    with force_locale("en"):
        assert (refused.value.field, refused.value.message) == ("handler_id", "Choose a handler of the handling unit.")
    assert (case.status, case.handler_id, case.version) == (CaseStatus.TRANSFERRED, None, version)
    inactive = make_user(Role.HANDLER, unit=case.handling_unit, active=False)
    with pytest.raises(DomainError):  # a closed account of the unit is not a handler either
        step(case, Action.ASSIGN, local(2027, 3, 1, 14, 0), handler_id=inactive.id)
    head = make_user(Role.UNIT_HEAD, unit=case.handling_unit)  # the unit head may keep the file
    step(case, Action.ASSIGN, local(2027, 3, 1, 14, 0), handler_id=head.id)
    assert (case.status, case.handler_id) == (CaseStatus.IN_PROGRESS, head.id)


def test_two_officers_at_once_one_wins(case):
    seen = case.version
    services.transition(case, Action.TRANSFER, now=local(2027, 3, 1, 10, 0), expected_version=seen)
    with pytest.raises(Conflict):
        services.transition(case, Action.WITHDRAW, now=local(2027, 3, 1, 10, 1), expected_version=seen)
    assert case.status == CaseStatus.TRANSFERRED


def test_finished_late_is_late(case):
    step(case, Action.ASSIGN, local(2027, 3, 1, 10, 0), handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
    step(case, Action.FINISH, local(2027, 3, 5, 9, 0))
    assert case.timing == Timing.LATE


def test_supplement_restarts_the_processing_time(case, app_ctx):
    app_ctx.config["CASE_SUPPLEMENT_RULES"] = (("2018-06-21", "restart"),)
    step(case, Action.ASSIGN, local(2027, 3, 1, 10, 0), handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
    step(case, Action.REQUEST_SUPPLEMENT, local(2027, 3, 2, 9, 0), note="Bổ sung giấy tờ.")
    step(case, Action.SUPPLEMENT, local(2027, 3, 8, 9, 0))
    assert case.supplement_requested_at and case.supplement_received_at  # both moments are kept
    assert case.due_at.astimezone(VN).date().isoformat() == "2027-03-11"  # 3 working days from Monday 8 March
    assert case.original_due_at == case.due_at  # the legal due moves with the supplement (NĐ 61 Điều 19 k4)


def test_supplement_pauses_the_clock_under_the_766_rule(case, app_ctx):
    app_ctx.config["CASE_SUPPLEMENT_RULES"] = (("2018-06-21", "restart"), ("2027-01-01", "pause"))
    try:
        step(case, Action.ASSIGN, local(2027, 3, 1, 10, 0), handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
        step(case, Action.REQUEST_SUPPLEMENT, local(2027, 3, 2, 9, 0), note="Bổ sung giấy tờ.")
        step(case, Action.SUPPLEMENT, local(2027, 3, 4, 9, 0))  # waited 2 working days (3 and 4 March)
        assert case.due_at.astimezone(VN).date().isoformat() == "2027-03-08"
    finally:
        app_ctx.config["CASE_SUPPLEMENT_RULES"] = (("2018-06-21", "restart"),)


def test_the_supplement_rule_is_the_one_in_force_when_the_case_was_received(case, app_ctx):
    """Each case keeps the regime of its receipt date (DOMAIN.md §7a): a 'pause' rule that takes effect after
    the case was received (1 March) but before its supplement arrives does not apply to it."""
    app_ctx.config["CASE_SUPPLEMENT_RULES"] = (("2018-06-21", "restart"), ("2027-03-03", "pause"))
    try:
        step(case, Action.ASSIGN, local(2027, 3, 1, 10, 0), handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
        step(case, Action.REQUEST_SUPPLEMENT, local(2027, 3, 2, 9, 0), note="Bổ sung giấy tờ.")
        step(case, Action.SUPPLEMENT, local(2027, 3, 8, 9, 0))
        assert case.original_due_at.astimezone(VN).date().isoformat() == "2027-03-11"  # restarted, not paused
    finally:
        app_ctx.config["CASE_SUPPLEMENT_RULES"] = (("2018-06-21", "restart"),)


def test_apology_moves_the_date_once(case):
    head = make_user(Role.UNIT_HEAD)
    new_due = local(2027, 3, 10, 9, 0)
    services.issue_apology(case, reason="Chờ ý kiến của Phòng Tài nguyên và Môi trường", new_due_at=new_due,
                           now=local(2027, 3, 2, 9, 0), expected_version=case.version, actor=head)
    assert case.due_at == new_due and case.apology.previous_due_at < new_due
    with pytest.raises(DomainError) as err:
        services.issue_apology(case, reason="Lần hai", new_due_at=new_due + timedelta(days=3),
                               now=local(2027, 3, 3, 9, 0), expected_version=case.version, actor=head)
    assert "once" in str(err.value.message) or "một lần" in str(err.value.message)


def test_apology_on_the_due_day_is_recorded_as_a_late_apology(case):
    """NĐ 61/2018 Điều 19 k9: in time means at the latest 1 working day before the due date (here 3 March)."""
    apology = services.issue_apology(case, reason="Trễ", new_due_at=local(2027, 3, 12, 9, 0),
                                     now=local(2027, 3, 4, 8, 0), expected_version=case.version)
    assert apology.kind == rules.ApologyKind.LATE
    assert case.due_at == local(2027, 3, 12, 9, 0) and case.original_due_at == local(2027, 3, 4, 9, 0)


def test_finished_after_the_first_promise_is_late_even_with_an_apology(case):
    """TT 01/2018 Điều 13 chỉ số 1: judged against the legal time, not the apology's new date."""
    services.issue_apology(case, reason="Chờ xác minh", new_due_at=local(2027, 3, 12, 9, 0),
                           now=local(2027, 3, 2, 9, 0), expected_version=case.version)
    assert case.apology.kind == rules.ApologyKind.IN_TIME
    step(case, Action.ASSIGN, local(2027, 3, 2, 10, 0), handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
    step(case, Action.FINISH, local(2027, 3, 8, 9, 0))  # before the new date, after the first promise
    assert case.timing == Timing.LATE
    assert services.lateness_of(case, case.timing) == rules.Lateness.APOLOGISED


def test_a_case_finished_late_can_still_be_apologised_for_late(case):
    head = make_user(Role.UNIT_HEAD)
    step(case, Action.ASSIGN, local(2027, 3, 1, 10, 0), handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
    step(case, Action.FINISH, local(2027, 3, 5, 9, 0))
    assert services.late_without_apology_count(case.handling_unit_id, local(2027, 3, 5, 10, 0)) == 1
    apology = services.issue_apology(case, reason="Chậm do thiếu cán bộ", new_due_at=None,
                                     now=local(2027, 3, 5, 10, 0), expected_version=case.version, actor=head)
    assert (apology.kind, apology.new_due_at, case.timing) == (rules.ApologyKind.LATE, case.finished_at, Timing.LATE)
    assert services.lateness_of(case, case.timing) == rules.Lateness.LATE_APOLOGY
    assert services.late_without_apology_count(case.handling_unit_id, local(2027, 3, 5, 10, 0)) == 0


def test_a_lost_file_apology_is_its_own_kind(case):
    apology = services.issue_apology(case, reason="Hồ sơ bị thất lạc khi chuyển", new_due_at=local(2027, 3, 15, 9, 0),
                                     now=local(2027, 3, 2, 9, 0), expected_version=case.version, lost_file=True)
    assert apology.kind == rules.ApologyKind.LOST_FILE  # NĐ 61/2018 Điều 21 k2; counted with the late ones


def test_an_on_time_case_cannot_be_apologised_for_after_it_finished(case):
    step(case, Action.ASSIGN, local(2027, 3, 1, 10, 0), handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
    step(case, Action.FINISH, local(2027, 3, 4, 16, 59))
    assert case.timing == Timing.ON_TIME  # on the due day after the printed 09:00 (BLDS 2015 Điều 148 k6)
    with pytest.raises(DomainError):
        services.issue_apology(case, reason="Không cần", new_due_at=None, now=local(2027, 3, 5, 9, 0),
                               expected_version=case.version)


def test_late_cases_without_apology_are_counted(case):
    assert services.late_without_apology_count(case.handling_unit_id, local(2027, 3, 3, 9, 0)) == 0
    assert services.late_without_apology_count(case.handling_unit_id, local(2027, 3, 4, 16, 59)) == 0  # the due day
    assert services.late_without_apology_count(case.handling_unit_id, local(2027, 3, 5, 9, 0)) == 1


@pytest.mark.parametrize("finished, due, expected", [
    ((2027, 3, 3, 16, 0), (2027, 3, 4, 9, 0), Timing.EARLY),
    ((2027, 3, 4, 8, 59), (2027, 3, 4, 9, 0), Timing.ON_TIME),
    ((2027, 3, 4, 16, 59), (2027, 3, 4, 9, 0), Timing.ON_TIME),  # on the due day at any hour (BLDS Điều 148)
    ((2027, 3, 5, 0, 0), (2027, 3, 4, 9, 0), Timing.LATE),
])
def test_timing_buckets(finished, due, expected):
    assert rules.finished_timing(datetime(*finished), datetime(*due)) == expected


@pytest.mark.parametrize("raw, normal", [(" 000.14.26.h17 - 270301 - 0001 ", "000.14.26.H17-270301-0001"),
                                         ("000.14.26.H17–270301–0001", "000.14.26.H17-270301-0001")])
def test_case_codes_typed_by_citizens_are_normalised(raw, normal):
    assert rules.normalize_code(raw) == normal and rules.is_case_code(raw)


def test_the_supplement_rule_in_force_depends_on_the_date():
    schedule = (("2018-06-21", "restart"), ("2025-07-01", "pause"))
    from datetime import date
    assert rules.rule_in_force(schedule, date(2019, 1, 9)) == "restart"
    assert rules.rule_in_force(schedule, date(2025, 7, 1)) == "pause"
    with pytest.raises(ValueError):
        rules.rule_in_force(schedule, date(2018, 1, 1))


# Issue 14 point 3: the service refuses what the desk screen refuses (not only the view).

@pytest.mark.parametrize("action", [Action.REFUSE, Action.REQUEST_SUPPLEMENT])
def test_the_service_refuses_a_refusal_or_supplement_request_without_a_note(case, action):
    """The applicant must be told why or what is missing (NĐ 61/2018 Điều 19 k4, Mẫu 02/03)."""
    step(case, Action.ASSIGN, local(2027, 3, 1, 10, 0), handler_id=make_user(Role.HANDLER, unit=case.handling_unit).id)
    with pytest.raises(DomainError) as refused:
        step(case, action, local(2027, 3, 1, 11, 0), note="   ")
    assert refused.value.field == "note"
    with force_locale("en"):
        assert str(refused.value.message) == "Say what is needed or why, for the applicant."
    assert case.status == CaseStatus.IN_PROGRESS and case.finished_at is None and not case.supplement_requests
