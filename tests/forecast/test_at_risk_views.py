"""The "at risk" tab (issue 18 point 4): open cases with their breach forecast, ordered by the forecast or by the last
day an apology is still in time (NĐ 61/2018 Điều 19 k9: one working day before the legal due day); a unit head sees
the cases their unit handles, managers every unit or one, nobody else; when the model does not beat the naive rule
the page says so and shows the naive rule's verdict, not a probability. Forecast rows are made by hand here."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from portal.cases import services
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.db import db
from portal.forecast.models import CaseForecast, ForecastModel
from tests.cases.test_desk_views import new_case, office, sign_in  # noqa: F401  (fixture)
from tests.conftest import FIXED_NOW
from tests.factories import make_procedure, make_unit, make_user

pytestmark = pytest.mark.usefixtures("fixed_clock")  # the page marks last apology days passed or today

VN = ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/staff/forecast/at-risk"
METRICS = {"n": 412, "n_late": 37, "start": "2026-01-01", "end": "2026-12-31",
           "model": {"precision": 0.5, "recall": 0.4324}, "naive": {"precision": 0.5, "recall": 0.5135}}


def due_on(day: date):
    return datetime(day.year, day.month, day.day, 17, 0, tzinfo=VN).astimezone(UTC)


def case_due(office, day: date, *, unit=None, procedure=None):
    case = new_case(office)
    if unit is not None:
        case.unit_id = case.handling_unit_id = unit.id
        case.procedure_id = procedure.id
    case.due_at = case.original_due_at = due_on(day)
    db.session.commit()
    return case


def model(beats: bool) -> ForecastModel:
    row = ForecastModel(trained_at=FIXED_NOW - timedelta(days=1), trained_on_until=date(2027, 3, 9),
                        method="model" if beats else "naive", params={}, metrics=METRICS, beats_naive=beats, n_cases=900)
    db.session.add(row)
    db.session.flush()
    return row


def forecast(case, p: float, fitted: ForecastModel, *, reasons=(), method: str | None = None):
    db.session.add(CaseForecast(case_id=case.id, computed_at=FIXED_NOW, p_late=p, likely_finish_day=date(2027, 3, 25),
                                late_bound_day=date(2027, 3, 30), reasons=list(reasons), method=method or fitted.method,
                                model_id=fitted.id))
    db.session.commit()


def codes(html: str) -> list[str]:
    return re.findall(r'<tr data-case="([^"]+)">', html)


def page(client, url: str = URL, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


@pytest.fixture()
def cases(office):
    """Unit A (the office's): four open cases and one finished; another unit: one open case. All forecast by a model
    that beats the naive rule except one case of A, not yet forecast."""
    other = make_unit(code="000.41.26.H17", name="Phòng Tài nguyên và Môi trường")
    other_procedure = make_procedure(code="1.004227.000.00.00.H17", unit=other)
    fitted = model(beats=True)
    made = {"late": case_due(office, date(2027, 3, 22)), "mild": case_due(office, date(2027, 3, 15)),
            "unknown": case_due(office, date(2027, 3, 11)), "mid": case_due(office, date(2027, 3, 18)),
            "finished": case_due(office, date(2027, 3, 12)),
            "other": case_due(office, date(2027, 3, 16), unit=other, procedure=other_procedure)}
    for key, p in (("late", 0.91), ("mild", 0.2), ("mid", 0.6), ("finished", 0.99), ("other", 0.95)):
        forecast(made[key], p, fitted, reasons=[{"key": "overdue", "params": {"days": 2}}] if key == "late" else [])
    done = made["finished"]
    services.transition(done, Action.ASSIGN, now=FIXED_NOW, expected_version=done.version, handler_id=office.handler.id)
    services.transition(done, Action.FINISH, now=FIXED_NOW, expected_version=done.version)
    db.session.commit()
    made["other_unit"] = other
    return made


def test_head_sees_own_units_open_cases_by_forecast_and_by_apology_deadline(client, office, cases):
    sign_in(client, office.head)
    client.get("/language/en")
    html = page(client)
    order = [cases[k].code for k in ("late", "mid", "mild", "unknown")]  # p 0.91, 0.6, 0.2, then no forecast
    assert codes(html) == order
    assert codes(page(client, URL + "?sort=forecast")) == order
    by_apology = page(client, URL + "?sort=apology")
    # legal due days 11, 15, 18, 22 March 2027; last apology days the working day before each
    assert codes(by_apology) == [cases[k].code for k in ("unknown", "mild", "mid", "late")]
    row = re.search(rf'<tr data-case="{cases["mild"].code}">.*?</tr>', by_apology, re.S).group(0)
    assert "15 Mar 2027" in row and "12 Mar 2027" in row  # due Monday 15 March: last apology day Friday 12 March
    unknown = re.search(rf'<tr data-case="{cases["unknown"].code}">.*?</tr>', by_apology, re.S).group(0)
    assert "10 Mar 2027" in unknown and "Today" in unknown and "No forecast yet" in unknown
    late = re.search(rf'<tr data-case="{cases["late"].code}">.*?</tr>', html, re.S).group(0)
    assert "91 %" in late and "Already 2 working days past the legal due day." in late
    assert f'href="/staff/cases/{cases["late"].id}"' in late
    assert cases["other"].code not in html and cases["finished"].code not in html
    assert 'data-col="unit"' not in html  # one unit: not named on every row


def test_manager_sees_every_unit_and_filters_one(client, office, cases):
    sign_in(client, make_user(Role.MANAGER, unit=office.unit))
    client.get("/language/en")
    html = page(client)
    assert codes(html) == [cases[k].code for k in ("other", "late", "mid", "mild", "unknown")]
    assert re.search(r'data-col="unit">Phòng Tài nguyên và Môi trường<', html)
    only = page(client, f"{URL}?unit={cases['other_unit'].id}&sort=apology")
    assert codes(only) == [cases["other"].code]
    sign_in(client, make_user(Role.ADMIN))
    assert len(codes(page(client))) == 5


@pytest.mark.parametrize("role", [Role.HANDLER, Role.DESK_OFFICER])
def test_other_staff_are_refused(client, office, cases, role):
    sign_in(client, make_user(role, unit=office.unit))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, office):
    assert client.get(URL).status_code in (302, 401)


def test_a_model_that_does_not_beat_the_naive_rule_is_not_shown_as_a_probability(client, office):
    naive = model(beats=False)
    called_late, called_in_time = case_due(office, date(2027, 3, 12)), case_due(office, date(2027, 3, 19))
    forecast(called_late, 1.0, naive, reasons=[{"key": "naive", "params": {"median_days": 6, "days_left": 2}}])
    forecast(called_in_time, 0.0, naive)
    sign_in(client, office.head)
    client.get("/language/en")
    html = page(client)
    assert "The forecast model does not do better than the naive rule." in html
    verdicts = re.findall(r'<td data-col="forecast">\s*<span class="badge [^"]+">([^<]+)</span>', html)
    assert verdicts == ["Late", "In time"] and "Forecast (naive rule)</th>" in html
    assert "Naive rule: similar cases needed 6 more working days (median); 2 are left." in html
    assert "100 %" not in html and not re.search(r'data-col="p"', html)
    assert "412 forecasts" in html and "43.2 %" in html and "51.3 %" in html  # model and naive recall, backtest n


def test_with_no_model_yet_the_cases_are_listed_without_a_forecast(client, office):
    case = case_due(office, date(2027, 3, 12))
    sign_in(client, office.head)
    client.get("/language/en")
    html = page(client)
    assert "No forecast model has been trained yet" in html and codes(html) == [case.code]


def test_htmx_gets_the_results_only_and_the_page_is_paged(app, client, office, cases):
    sign_in(client, office.head)
    partial = page(client, URL + "?sort=apology", **{"HX-Request": "true"})
    assert "<html" not in partial and codes(partial)[0] == cases["unknown"].code
    app.config["PAGE_SIZE"] = 3
    try:
        first, second = page(client), page(client, URL + "?page=2")
    finally:
        app.config["PAGE_SIZE"] = 25
    assert codes(first) + codes(second) == [cases[k].code for k in ("late", "mid", "mild", "unknown")]
    assert 'href="/staff/forecast/at-risk?page=2"' in first


def test_one_query_for_the_rows_however_many_cases(client, office, cases):
    sign_in(client, make_user(Role.MANAGER, unit=office.unit))
    counted = []

    def count(*_args):
        counted[-1] += 1

    def queries() -> int:
        counted.append(0)
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            page(client)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return counted[-1]

    few = queries()
    fitted = db.session.scalars(db.select(ForecastModel)).first()
    for i in range(8):
        forecast(case_due(office, date(2027, 3, 23) + timedelta(days=i)), 0.3, fitted,
                 reasons=[{"key": "overdue", "params": {"days": 1}}])
    assert queries() == few
