"""Case statistics: the SQL aggregates agree with counts made case by case, periods have sharp edges,
the staff page and its XLSX show the same figures, unit heads see their unit, the public page no person."""
from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from io import BytesIO
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from portal.cases import intake, services, stats
from portal.cases.rules import Action
from portal.core import stats as kernel
from portal.core.access import Role
from portal.core.db import db
from tests.factories import login, make_field, make_procedure, make_unit, make_user
from tests.printed import cut_percent

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LATER = datetime(2028, 6, 1, tzinfo=UTC)  # "now": every period below has ended
Q1 = kernel.quarter_period(2027, 1)
NAMES = ["Nguyễn Văn Thành", "Trần Thị Bích Ngọc", "Lê Quang Vinh"]
PHONE, ID_NUMBER, ADDRESS = "0912345678", "066123456789", "Tổ 3, phường Nghĩa Đức"
HEAD_NAME = "Hoàng Đức Trưởng"


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def receive(procedure, desk, at, n=0):
    submitted = [d["name"] for d in procedure.current_version.documents]
    return intake.receive_case(procedure=procedure, unit=desk, submitted=submitted, sets=1, delivery="desk",
                               applicant={"name": NAMES[n % 3], "phone": PHONE, "id_number": ID_NUMBER,
                                          "address": ADDRESS}, received_at=at)


def step(case, action, at, **kwargs):
    return services.transition(case, action, now=at, expected_version=case.version, **kwargs)


def finish(case, at, handler):
    step(case, Action.ASSIGN, case.received_at + timedelta(minutes=30), handler_id=handler.id)
    step(case, Action.FINISH, at)


@pytest.fixture()
def world(app_ctx):
    """Two units, three procedures (A handles two), ~60 cases around the first quarter of 2027."""
    unit_a = make_unit(code="000.21.26.H17", name="Phòng Tư pháp")
    unit_b = make_unit(code="000.22.26.H17", name="UBND phường Nghĩa Tân")
    field = make_field()
    procedures = [make_procedure(code=f"1.00{n}.000.00.00.H17", unit=u, field=field, processing_days=3,
                                 name=f"Thủ tục số {n}") for n, u in ((1, unit_a), (2, unit_b), (3, unit_a))]
    head = make_user(Role.UNIT_HEAD, unit=unit_a, full_name=HEAD_NAME)
    handler = make_user(Role.HANDLER, unit=unit_a, full_name="Phạm Thị Xử Lý")
    handlers = {unit_a.id: handler, unit_b.id: make_user(Role.HANDLER, unit=unit_b, full_name="Lê Văn Phường")}
    rng = random.Random(2027)
    cases = []
    outcomes = ["early", "on_time", "late", "open", "withdrawn", "apology_open", "apology_finished", "late_apology"]
    for n in range(60):
        day = date(2026, 12, 14) + timedelta(days=rng.randrange(0, 130))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        case = receive(procedures[n % 3], unit_a if n % 2 else unit_b, local(day.year, day.month, day.day, 9, n % 50), n)
        outcome = outcomes[n % len(outcomes)]
        if outcome.startswith("apology"):
            services.issue_apology(case, reason="Chờ xác minh", new_due_at=case.due_at + timedelta(days=6),
                                   now=case.received_at + timedelta(hours=1), expected_version=case.version, actor=head)
        if outcome in ("early", "apology_finished"):
            finish(case, case.due_at - timedelta(days=1), handlers[case.handling_unit_id])
        elif outcome == "on_time":
            finish(case, case.due_at - timedelta(minutes=5), handlers[case.handling_unit_id])
        elif outcome in ("late", "late_apology"):
            finish(case, case.due_at + timedelta(days=rng.choice([1, 20, 40])), handlers[case.handling_unit_id])
        if outcome == "late_apology":  # recorded after the case finished late (NĐ 61/2018 Điều 19 k9 window passed)
            services.issue_apology(case, reason="Xin lỗi muộn", new_due_at=None, now=case.finished_at + timedelta(days=2),
                                   expected_version=case.version, actor=head)
        elif outcome == "withdrawn":
            step(case, Action.WITHDRAW, case.received_at + timedelta(days=1), note="Công dân xin rút hồ sơ")
        cases.append(case)
    db.session.commit()
    return {"units": (unit_a, unit_b), "procedures": procedures, "cases": cases, "head": head, "handler": handler}


def day(moment):
    return moment.astimezone(VN).date()


def apology_figure(c, as_of) -> str:
    if c.apology is None or c.apology.issued_at >= as_of:
        return "late_without_apology"
    return "late_with_apology" if c.apology.kind == "in_time" else "late_with_late_apology"


def expected(cases, period, key, now=LATER):
    """The definitions of DOMAIN.md §3, applied case by case: judged by days against the legal due
    (original_due_at), whatever an apology promised later; late cases split by the apology seen at as_of."""
    start, after = period.moments(VN)
    as_of = min(after, now)
    rows = {}
    for c in cases:
        row = rows.setdefault(key(c), dict.fromkeys(stats.FIGURES, 0))
        row["received"] += start <= c.received_at < after
        if c.timing and c.finished_at and start <= c.finished_at < after:
            done, due = day(c.finished_at), day(c.original_due_at)
            timing = "late" if done > due else "early" if done < due else "on_time"
            assert timing == c.timing, c.code  # the stored timing is the legal one
            row[timing] += 1
            row["finished"] += 1
            if timing == "late":
                row[apology_figure(c, as_of)] += 1
        if c.received_at < as_of and (c.finished_at is None or c.finished_at >= as_of):
            overdue = day(c.original_due_at) < day(as_of)
            row["open_overdue" if overdue else "open_in_time"] += 1
            if overdue:
                row[apology_figure(c, as_of)] += 1
        if c.apology and start <= c.apology.issued_at < after:
            row["apologies"] += 1
    return {k: v for k, v in rows.items() if any(v.values())}


def computed(report):
    return {row.key: {name: getattr(row, name) for name in stats.FIGURES} for row in report.rows}


@pytest.mark.parametrize("period", [Q1, kernel.year_period(2027), kernel.month_period(2027, 2),
                                    kernel.range_period(date(2027, 1, 20), date(2027, 3, 3))])
def test_figures_agree_with_counting_case_by_case(world, period):
    by_unit = stats.case_statistics(period, now=LATER)
    assert computed(by_unit) == expected(world["cases"], period, lambda c: c.handling_unit_id)
    by_procedure = stats.case_statistics(period, now=LATER, by="procedure")
    assert computed(by_procedure) == expected(world["cases"], period, lambda c: c.procedure_id)
    total = by_unit.total
    assert total.received == sum(period.start <= c.received_at.astimezone(VN).date() <= period.end
                                 for c in world["cases"])
    assert total.early and total.on_time and total.late and total.open_overdue and total.apologies  # not vacuous
    assert total.late_with_apology and total.late_with_late_apology and total.late_without_apology
    assert total.late_cases == total.late_with_apology + total.late_with_late_apology + total.late_without_apology
    assert total.on_time_rate.value == pytest.approx((total.early + total.on_time) / total.finished)
    # No case of this world has two supplement requests: the QĐ 766 rate is (early + on time) ÷ (finished +
    # open overdue) here (tests/cases/test_indicators.py covers the supplement rule).
    assert total.on_time_rate_766.value == pytest.approx((total.early + total.on_time)
                                                         / (total.finished + total.open_overdue))


def test_filters_restrict_to_a_unit_and_a_procedure(world):
    unit_a, _unit_b = world["units"]
    p3 = world["procedures"][2]
    report = stats.case_statistics(Q1, now=LATER, by="procedure", unit_id=unit_a.id, procedure_id=p3.id)
    mine = [c for c in world["cases"] if c.procedure_id == p3.id]
    assert computed(report) == expected(mine, Q1, lambda c: c.procedure_id)
    assert [r.key for r in report.rows] == [p3.id]


def test_open_cases_are_read_at_now_while_the_period_runs(world):
    case = world["cases"][3]  # left open
    now = case.due_at - timedelta(hours=1)
    period = kernel.year_period(now.astimezone(VN).year)
    report = stats.case_statistics(period, now=now)
    assert report.as_of == now
    assert computed(report) == expected(world["cases"], period, lambda c: c.handling_unit_id, now=now)


def test_period_edges_are_local_midnights(app_ctx):
    unit = make_unit(code="000.31.26.H17")
    procedure = make_procedure(code="1.009.000.00.00.H17", unit=unit, processing_days=3)
    last_moment = receive(procedure, unit, local(2027, 3, 31, 23, 59))
    first_moment = receive(procedure, unit, local(2027, 4, 1, 0, 0))
    step(first_moment, Action.WITHDRAW, local(2027, 4, 1, 8, 0), note="Công dân xin rút hồ sơ")
    q1, q2 = stats.case_statistics(Q1, now=LATER).total, stats.case_statistics(kernel.quarter_period(2027, 2), now=LATER).total
    assert (q1.received, q2.received) == (1, 1)
    assert q1.open_in_time == 1 and q1.open_overdue == 0  # open at 31 March 24:00, due in April
    assert last_moment.due_at > local(2027, 4, 1)
    assert q2.open_overdue == 1 and q2.late_without_apology == 1  # still open, long past due, no apology


def test_parse_period_prefers_range_then_month_then_quarter():
    today = date(2027, 5, 9)
    assert kernel.parse_period({}, today) == kernel.year_period(2027)
    assert kernel.parse_period({"year": "2026", "quarter": "4"}, today) == kernel.quarter_period(2026, 4)
    assert kernel.parse_period({"year": "2026", "quarter": "4", "month": "2"}, today) == kernel.month_period(2026, 2)
    ranged = kernel.parse_period({"from": "2027-03-10", "to": "2027-02-01", "month": "2"}, today)
    assert (ranged.start, ranged.end, ranged.kind) == (date(2027, 2, 1), date(2027, 3, 10), "range")
    assert kernel.parse_period({"year": "1850", "quarter": "9", "month": "x"}, today) == kernel.year_period(2027)
    assert kernel.parse_period({"month": "2", "from": "2027-01-01", "to": "2027-01-31"}, today,
                              allow_range=False, allow_month=False) == kernel.year_period(2027)


# ---------------------------------------------------------------- pages

def _table(html: str) -> dict[str, dict[str, str]]:
    rows = {}
    for body in re.findall(r"<tr[^>]*>\s*<th scope=\"row\">(.*?)</tr>", html, flags=re.S):
        name = unescape(re.sub(r"<[^>]+>", " ", body.split("</th>")[0])).split()
        cells = dict(re.findall(r'<td data-key="(\w+)">([^<]*)', body))  # a rate's n follows on its own line
        rows[" ".join(name)] = {k: unescape(v).strip() for k, v in cells.items()}
    return rows


def _number(text: str):
    if text == "—":
        return None
    if text.endswith("%"):
        return round(float(text.rstrip(" %").replace(",", ".")), 1)
    return int(text.replace(".", "").replace(",", ""))


def test_staff_page_and_xlsx_show_the_same_figures(world, client):
    login(client, make_user(Role.MANAGER))
    query = "?year=2027&quarter=1&by=procedure"
    page = client.get("/staff/cases/statistics" + query)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<svg" in html and "<table" in html and "QĐ 766" in html
    table = _table(html)
    sheet = openpyxl.load_workbook(BytesIO(client.get("/staff/cases/statistics.xlsx" + query).data)).active
    header = [c.value for c in sheet[3]]
    keys = [k for k, _label in stats_view_columns()]
    lines = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] is not None or r[1]]
    assert len(lines) >= len(table) == 4  # three procedures and the total
    for code, name, *values in lines[:len(table)]:
        label = next(k for k in table if k.startswith(name) or k == name or k.endswith(code or "§"))
        shown = {k: _number(v) for k, v in table[label].items()}
        in_sheet = {k: (cut_percent(v * 100) if k.startswith("on_time_rate") and v is not None else v) for k, v in zip(keys, values, strict=False)}
        assert shown == in_sheet, label
    assert header[2:] == [str(label) for _k, label in stats_view_columns()]
    fragment = client.get("/staff/cases/statistics" + query, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and 'data-key="on_time_rate_766"' in fragment


def stats_view_columns():
    from portal.cases.views.stats import COLUMNS

    return COLUMNS


def test_unit_head_sees_only_their_unit(world, client):
    _unit_a, unit_b = world["units"]
    login(client, world["head"])
    html = client.get(f"/staff/cases/statistics?year=2027&quarter=1&unit={unit_b.id}").get_data(as_text=True)
    assert "Phòng Tư pháp" in html and "UBND phường Nghĩa Tân" not in html
    sheet = openpyxl.load_workbook(BytesIO(client.get(f"/staff/cases/statistics.xlsx?unit={unit_b.id}").data)).active
    assert "UBND phường Nghĩa Tân" not in [c.value for c in sheet["B"]]


def test_other_staff_are_refused(world, client):
    login(client, world["handler"])
    assert client.get("/staff/cases/statistics").status_code == 403
    assert client.get("/staff/cases/statistics.xlsx").status_code == 403


def test_public_page_shows_units_and_no_person(world, client):
    response = client.get("/ho-so/thong-ke?year=2027&quarter=1&from=2027-02-01&to=2027-02-02")
    assert response.status_code == 200
    assert response.headers.get("X-Portal-Page-Cache") == "1"  # the micro-cache may keep it (off in tests)
    html = response.get_data(as_text=True)
    table = _table(html)
    total = stats.case_statistics(Q1, now=LATER).total
    assert _number(list(table.values())[-1]["received"]) == total.received  # the quarter, not the ignored range
    assert "Phòng Tư pháp" in html and "UBND phường Nghĩa Tân" in html
    for secret in [*NAMES, PHONE, ID_NUMBER, ADDRESS, HEAD_NAME, "Phạm Thị Xử Lý", *(c.code for c in world["cases"])]:
        assert secret not in unescape(html), secret


def test_an_empty_year_offers_the_latest_year_with_cases(world, client):
    client.set_cookie("lang", "en")
    pattern = r'<a href="([^"]+)">The latest case was received in (\d{4}): show \d{4}</a>'
    public = unescape(client.get("/ho-so/thong-ke?year=2024").get_data(as_text=True))
    link = re.search(pattern, public)
    assert "No case was received, finished or open in this period." in public
    assert link and link.group(2) == "2027" and link.group(1).startswith("/ho-so/thong-ke?") and "year=2027" in link.group(1)
    assert "The latest case" not in client.get("/ho-so/thong-ke?year=2027").get_data(as_text=True)
    login(client, make_user(Role.MANAGER))
    unit_a = world["units"][0]
    staff = unescape(client.get(f"/staff/cases/statistics?year=2024&unit={unit_a.id}&by=procedure").get_data(as_text=True))
    link = re.search(pattern, staff)
    assert link and link.group(2) == "2027"
    assert link.group(1).startswith("/staff/cases/statistics?") and f"unit={unit_a.id}" in link.group(1)
    assert "by=procedure" in link.group(1)  # the link keeps the manager's filters


def test_a_year_with_only_cases_still_open_from_before_offers_the_latest_year(world, client):
    """Nothing received in 2025, but a case of June 2024 still open at its end: the table shows it, and
    the hint says that nothing was received and where the latest receipts are (2027 in this world)."""
    receive(world["procedures"][0], world["units"][0], local(2024, 6, 3, 9, 0), 99)
    db.session.commit()
    client.set_cookie("lang", "en")
    page = unescape(client.get("/ho-so/thong-ke?year=2025").get_data(as_text=True))
    assert "No case was received in this period." in page and "The latest case was received in 2027" in page
    assert "No case was received, finished or open" not in page and 'class="total"' in page  # the open one
