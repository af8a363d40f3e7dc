"""The forecast's services against the database (both engines): the history read into plain records, `train`
(one row per cut-off, run twice), `refresh_open` (open cases only, run twice, closed cases' rows removed; the
model's or the naive rule's figures as the stored method says), the reasons in words, the apology's proposed new
date, and `flask forecast backtest`. Unit 2 always finishes 3 working days late, unit 1 a day early."""
from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from portal.cases.models import Apology, Case, CaseEvent, CaseLeg
from portal.cases.rules import ApologyKind, CaseStatus, Timing
from portal.core.access import Role
from portal.core.db import db
from portal.forecast import features, services
from portal.forecast.models import CaseForecast, ForecastModel
from portal.workdays.services import calendar_for
from tests.factories import known_access_hash, make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 08:00 on Tuesday 1 December 2026, local
FIRST = date(2026, 9, 7)  # a Monday, after National Day


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=VN).astimezone(UTC)


@pytest.fixture()
def world(app_ctx):
    cal = calendar_for([2026, 2027], language="vi")
    fast_unit = make_unit(name="Phòng Tư pháp")
    slow_unit = make_unit(name="Phòng Tài nguyên và Môi trường")
    fast = make_procedure("1.000001.000.00.00.H17", unit=fast_unit, processing_days=5)
    slow = make_procedure("1.000002.000.00.00.H17", unit=slow_unit, processing_days=5)
    handlers = {fast_unit.id: make_user(Role.HANDLER, unit=fast_unit), slow_unit.id: make_user(Role.HANDLER,
                                                                                                unit=slow_unit)}
    n = iter(range(1, 10_000))

    def add(procedure, received: date, extra: int | None, status=None) -> Case:
        unit_id = procedure.current_version.unit_id
        due = cal.add_working_days(received, 5)
        case = Case(code=f"H1-{next(n):05d}", access_code_hash=known_access_hash(), unit_id=unit_id,
                    handling_unit_id=unit_id, procedure_id=procedure.id,
                    procedure_version_id=procedure.current_version.id, applicant_name="Nguyễn Văn An",
                    processing_days=5, received_at=at(received, 8), counting_from_at=at(received, 8),
                    original_due_at=at(due, 16), due_at=at(due, 16), status=CaseStatus.IN_PROGRESS,
                    handler_id=handlers[unit_id].id, created_at=at(received, 8))
        db.session.add(case)
        events = [("receive", None, "received", received), ("assign", "received", "in_progress", received)]
        if extra is not None:
            finish = cal.add_working_days(due, extra) if extra >= 0 else cal.previous_working_day(due)
            case.finished_at, case.status = at(finish, 10), status or CaseStatus.RESULT_READY
            case.timing = Timing.LATE if finish > due else Timing.EARLY
            events.append(("finish", "in_progress", "result_ready", finish))
        for action, before, after, day in events:
            db.session.add(CaseEvent(case=case, at=at(day, 8 if action != "finish" else 10), action=action,
                                     from_status=before, to_status=after))
        return case

    day = FIRST
    for _ in range(25):
        add(fast, day, -1)
        add(slow, day, 3)
        day = cal.next_working_day(day)
    open_fast = add(fast, date(2026, 11, 26), None)  # Thu 26 Nov: due Thu 3 Dec
    open_slow = add(slow, date(2026, 11, 26), None)
    db.session.commit()
    return {"cal": cal, "fast": open_fast, "slow": open_slow, "fast_unit": fast_unit, "slow_unit": slow_unit,
            "add": add, "fast_procedure": fast}


def test_records_read_days_legs_apologies_and_withdrawals(world):
    case = world["add"](world["fast_procedure"], date(2026, 11, 2), None)
    db.session.flush()
    db.session.add(CaseLeg(case=case, unit_id=world["slow_unit"].id, purpose="Xác minh", sent_at=at(date(2026, 11, 3)),
                           due_at=at(date(2026, 11, 6)), answered_at=at(date(2026, 11, 9), 23)))
    db.session.add(Apology(case=case, issued_at=at(date(2026, 11, 5)), kind=ApologyKind.IN_TIME, reason="Chờ",
                           previous_due_at=case.due_at, new_due_at=at(date(2026, 11, 20))))
    case.status, case.finished_at = CaseStatus.WITHDRAWN, at(date(2026, 11, 10))
    db.session.commit()
    record = features.load_records({case.id})[0]
    assert record.received_day == date(2026, 11, 2) and record.due_day == date(2026, 11, 9)
    assert (record.finish_day, record.withdrawn_day) == (None, date(2026, 11, 10))  # stopped: neither late nor not
    assert record.apology_day == date(2026, 11, 5) and record.assigned_day == date(2026, 11, 2)
    leg = record.legs[0]
    # 23:00 local on 9 November is still 9 November (16:00 UTC), not the UTC date of another day
    assert (leg.unit_name, leg.sent_day, leg.answered_day) == ("Phòng Tài nguyên và Môi trường", date(2026, 11, 3),
                                                               date(2026, 11, 9))
    assert features.in_time_apologies() == {case.id}
    assert record.unit_name == "Phòng Tư pháp"


def test_train_and_refresh_are_idempotent_and_find_the_slow_unit(world):
    first = services.train(date(2026, 12, 1), NOW)
    again = services.train(date(2026, 12, 1), NOW)
    db.session.commit()
    assert first.id == again.id and db.session.scalar(select(func.count(ForecastModel.id))) == 1
    assert again.beats_naive == bool(again.metrics["beats_naive"])
    assert again.method == ("model" if again.beats_naive else "naive")
    assert again.n_cases == 50  # the 52 cases less the two still open and not yet due
    assert services.current_model().id == again.id

    again.method = "model"  # the model's own figures, whatever the backtest said
    assert services.refresh_open(NOW) == 2
    assert services.refresh_open(NOW) == 2
    db.session.commit()
    assert db.session.scalar(select(func.count(CaseForecast.case_id))) == 2
    slow, fast = services.forecast_of(world["slow"].id), services.forecast_of(world["fast"].id)
    assert slow.p_late == 1.0 and fast.p_late == 0.0 and slow.method == "model" and slow.model_id == again.id
    # on Tue 1 Dec, 2 working days before the due day Thu 3; unit 2's past cases took 5 more: Tue 8 Dec
    assert slow.likely_finish_day == date(2026, 12, 8) and fast.likely_finish_day == date(2026, 12, 2)
    with force_locale("en"):
        words = services.describe(slow.reasons)
    assert "Phòng Tài nguyên và Môi trường" in words[0] and "25 past cases" in words[0] and "25 finished" in words[0]
    with force_locale("vi"):
        vi = services.describe(slow.reasons)[0]
    assert "Phòng Tài nguyên và Môi trường" in vi and "hoàn thành sau ngày hẹn trả theo quy định" in vi

    world["fast"].status, world["fast"].finished_at = CaseStatus.RESULT_READY, NOW
    assert services.refresh_open(NOW) == 1
    assert services.forecast_of(world["fast"].id) is None


def test_the_naive_rule_is_stored_when_the_model_does_not_beat_it(world):
    row = services.train(date(2026, 12, 1), NOW)
    row.method, row.beats_naive = "naive", False
    services.refresh_open(NOW)
    slow, fast = services.forecast_of(world["slow"].id), services.forecast_of(world["fast"].id)
    # the naive rule by hand: 2 working days left; this procedure's past cases still needed 5 (slow) or 1 (fast)
    assert (slow.method, slow.p_late, fast.p_late) == ("naive", 1.0, 0.0)
    assert slow.reasons[0] == {"key": "naive", "params": {"median_days": 5, "days_left": 2}}
    assert slow.likely_finish_day == date(2026, 12, 8)


def test_no_personal_data_in_the_stored_forecast(world):
    services.train(date(2026, 12, 1), NOW).method = "model"
    services.refresh_open(NOW)
    stored = json.dumps([f.reasons for f in db.session.scalars(select(CaseForecast))], ensure_ascii=False)
    handler = db.session.get(Case, world["slow"].id).handler
    assert "Nguyễn Văn An" not in stored and handler.full_name not in stored and handler.email not in stored
    assert "Phòng Tài nguyên và Môi trường" in stored  # a unit's name is not personal data


def test_an_overdue_case_says_so_first(world):
    late = world["add"](world["fast_procedure"], date(2026, 11, 16), None)  # due Mon 23 Nov, still open
    db.session.commit()
    services.train(date(2026, 12, 1), NOW).method = "model"
    services.refresh_open(NOW)
    forecast = services.forecast_of(late.id)
    assert forecast.p_late == 1.0
    with force_locale("en"):
        words = services.describe(forecast.reasons)
    # overdue on Wed 25, Thu 26, Fri 27, Mon 30 Nov and Tue 1 Dec: 5 working days (Tue 24 Nov, Ngày Văn hóa Việt
    # Nam, is a day off)
    assert words[0] == "Already 5 working days past the legal due day."
    assert "working days left" not in " ".join(words)


def test_the_proposed_new_date_is_the_late_bound_at_the_due_time(world):
    services.train(date(2026, 12, 1), NOW).method = "model"
    services.refresh_open(NOW)
    case = world["slow"]
    proposed = services.likely_new_due(case, NOW).astimezone(VN)
    bound = services.forecast_of(case.id).late_bound_day
    assert proposed.date() == bound >= date(2026, 12, 4)  # never before the working day after the due day
    assert proposed.time() == case.due_at.astimezone(VN).time()
    db.session.delete(services.forecast_of(case.id))
    db.session.flush()
    assert services.likely_new_due(case, NOW) is None


def test_refresh_without_a_model_writes_nothing(world):
    assert services.current_model() is None and services.refresh_open(NOW) == 0


def test_the_backtest_command_prints_its_figures(world, app):
    result = app.test_cli_runner().invoke(args=["forecast", "backtest", "--start", "2026-10-01", "--end",
                                                "2026-11-30"])
    assert result.exit_code == 0, result.output
    assert "precision = TP/(TP+FP)" in result.output and "warnings' replay" in result.output
    figures = services.run_backtest(date(2026, 10, 1), date(2026, 11, 30))
    assert f"n = {figures['n']} cases" in result.output
    # by hand: the forecast day is 3 working days after receipt (due after 5, minus 2); it falls on or after
    # Thu 1 Oct for the cases received Mon 28 Sep – Fri 9 Oct: 10 working days × 2 units; unit 2's 10 are late
    assert (figures["n"], figures["n_late"]) == (20, 10)
    model = figures["model"]
    assert model["tp"] + model["fp"] + model["fn"] + model["tn"] == 20


def test_train_and_refresh_commands_run_twice(world, app, fixed_clock):
    runner = app.test_cli_runner()
    assert "no model yet" in runner.invoke(args=["forecast", "refresh"]).output
    for _ in range(2):
        result = runner.invoke(args=["forecast", "train", "--until", "2026-12-01"])
        assert result.exit_code == 0, result.output
        assert "history before 2026-12-01, 50 cases" in result.output and "2 open cases refreshed" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count(ForecastModel.id))) == 1
    assert db.session.scalar(select(func.count(CaseForecast.case_id))) == 2
    result = runner.invoke(args=["forecast", "refresh"])
    assert result.exit_code == 0 and "2 open cases' forecasts refreshed" in result.output
    stamps = {f.computed_at for f in db.session.scalars(select(CaseForecast))}
    assert len(stamps) == 1 and fixed_clock <= stamps.pop() < fixed_clock + timedelta(minutes=1)  # one run, now


def test_two_refreshes_at_once_take_turns(world, app):
    """The nightly refresh and one run by hand at the same moment: both finish, one forecast per open case (on
    PostgreSQL an advisory lock, on SQLite BEGIN IMMEDIATE, as the commands run it)."""
    from portal.core.db import write_intent
    from tests.concurrency import at_once

    model = services.train(date(2026, 12, 1), NOW)
    model.method = "model"
    db.session.commit()

    def refresh():
        with write_intent():
            written = services.refresh_open(NOW)
            db.session.commit()
        return written

    assert at_once(app, refresh) == [2, 2]
    assert db.session.scalar(select(func.count(CaseForecast.case_id))) == 2
