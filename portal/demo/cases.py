"""A year of demo one-stop cases (2019) through the real services: codes, trails, due dates and
apologies are exactly what the portal itself would have produced. Deterministic (seeded random).

Outcome mix: ~1% withdrawn, ~1% refused after appraisal, ~4% returned for supplements; about 4% finish
late against the date promised at receipt (an apology never makes them on time): most after an apology
issued in time (NĐ 61/2018 Điều 19 k9 — impossible for same-day procedures) and finished by its new date
or even after it, some with a late apology (issued after the window, some only once the result was
ready), a few with none; the rest early or on time. Cases whose next step would fall after 31 Dec 2019
17:00 stay open, plus a few stuck past their due date (the breaches the dashboard shows); seed-demo then
finishes them in Jan–Feb 2020 and adds the recent weeks (demo_recent.py).
"""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from portal.cases import intake, services
from portal.cases.models import Case
from portal.cases.rules import Action, Timing
from portal.core.audit import AuditEvent
from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.demo.constants import (
    BONS,
    ETHNIC,
    FAMILY,
    GIVEN,
    MAIL_DOMAIN,
    MIDDLE,
    MOBILE,
    PLACES,
    STREETS,
    address_tail,
)
from portal.notify.services import no_citizen_messages
from portal.procedures.models import Procedure, PublicStatus

YEAR = 2019
TOWN_DESK = "000.01.26.H17"  # Văn phòng HĐND và UBND runs the town's one-stop desk
COMMUNE_DESK = "000.14.26.H17"  # UBND phường Nghĩa Tân: the ward desk the demo staffs
DELAY_REASONS = ["Cần xác minh thực địa thửa đất, chưa có kết quả đo đạc.",
                 "Chờ ý kiến phối hợp của cơ quan liên quan (liên thông).",
                 "Hồ sơ cần thẩm định lại nguồn gốc sử dụng đất.",
                 "Cán bộ thụ lý nghỉ ốm, đã phân công người thay."]
SLOTS = [(7 * 60 + 30, 11 * 60 + 30), (13 * 60 + 30, 17 * 60)]  # office hours, minutes after midnight
MONTH_WEIGHT = [1.3, 0.7, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.0, 1.0, 1.0, 1.2]  # busy before Tết, quiet after
# outcome: probability
OUTCOMES = [("withdraw", 0.010), ("refuse", 0.010), ("supplement", 0.040), ("apology_kept", 0.050),
            ("late", 0.004), ("apology_late", 0.010), ("late_apology", 0.010), ("stuck", 0.012), ("on_time", 0.20),
            ("early", 1.0)]


class _Demo:
    def __init__(self, rng: random.Random, cal, end: datetime, stuck_from: datetime | None = None):
        self.rng, self.cal, self.end, self.tz = rng, cal, end, local_tz()
        self.stuck_from = stuck_from  # cases received before it are never left stuck

    # ---------------------------------------------------------------- time
    def at(self, day: date, minutes: int) -> datetime:
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.tz)

    def moment(self, day: date, after: datetime | None = None, until: datetime | None = None) -> datetime | None:
        """A random office-hours moment on `day`, strictly after `after`, at the latest `until`."""
        lo = after.hour * 60 + after.minute + 1 if after and after.date() == day else 0
        hi = until.hour * 60 + until.minute if until and until.date() == day else 24 * 60
        spans = [(max(a, lo), min(b, hi)) for a, b in SLOTS if min(b, hi) >= max(a, lo)]
        if not spans:
            return None
        a, b = self.rng.choices(spans, weights=[b - a + 1 for a, b in spans])[0]
        return self.at(day, self.rng.randint(a, b))

    def later(self, t: datetime, lo: int, hi: int) -> datetime:
        """A moment `lo`..`hi` working days after `t` (same day allowed when lo = 0)."""
        k = self.rng.randint(lo, max(lo, hi))
        day = self.cal.add_working_days(t.date(), k) if k else t.date()
        found = self.moment(day, after=t) if self.cal.is_working_day(day) else None
        return found or self.moment(self.cal.next_working_day(day))

    def by(self, t: datetime, due: datetime, early: bool) -> datetime:
        """Finished after `t`: before the due day (early) or on the due day by the due moment."""
        span = self.cal.working_days_between(t.date(), due.date())
        if early and span >= 1:
            k = min(span - 1, int(span * self.rng.betavariate(3, 1.6)))
            found = self.moment(self.cal.add_working_days(t.date(), k) if k else t.date(), after=t)
            if found and found.date() < due.date():
                return found
        return self.moment(due.date(), after=t, until=due) or max(due, t + timedelta(minutes=1))

    # ---------------------------------------------------------------- people
    def applicant(self, day: date | None = None) -> dict:
        """A person of Gia Nghĩa; the address as written on `day` (the 2025 wards of Lâm Đồng from 1 Jul 2025)."""
        rng = self.rng
        sex = rng.choice("mf")
        if rng.random() < 0.12:
            name = rng.choice(ETHNIC[sex])
        else:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
        born = rng.randint(1945, 2000)
        century = (0 if born < 2000 else 2) + (sex == "f")
        place, kind = rng.choice(PLACES)
        where_now = address_tail(place, day)
        if kind == "Tổ dân phố" and rng.random() < 0.5:
            address = f"Số {rng.randint(1, 250)} đường {rng.choice(STREETS)}, {where_now}"
        else:
            where = rng.choice(BONS) if kind == "Bon" else rng.randint(1, 12)
            address = f"{kind} {where}, {where_now}"
        phone = rng.choice(MOBILE) + f"{rng.randint(0, 9_999_999):07d}"
        return {"name": name, "id_number": f"067{century}{born % 100:02d}{rng.randint(0, 999_999):06d}",
                "phone": phone, "address": address}

    def pick_outcome(self, pd: int, table=OUTCOMES) -> str:
        roll, acc = self.rng.random(), 0.0
        for name, p in table:  # noqa: B007 - the outcome picked is `name` after the break
            acc += p
            if roll < acc:
                break
        if name in ("apology_kept", "apology_late") and pd < 1:  # same-day: no working day to apologise in time
            return "late_apology" if name == "apology_late" else "early"
        if name == "supplement" and pd < 3:
            return "early"
        return name


def _staff() -> tuple[dict, dict, dict]:
    """The demo accounts by role and unit (each unit that handles cases has its handler in the seed); a
    commune desk without a desk officer is run by the commune's handler, as in small communes."""
    from portal.auth.models import StaffUser

    people: dict[str, dict] = {"handler": {}, "desk_officer": {}, "unit_head": {}, "manager": {}}
    for user in db.session.scalars(select(StaffUser).where(StaffUser.email.like(f"%@{MAIL_DOMAIN}"))
                                   .order_by(StaffUser.id)):
        for role in user.roles:
            people.setdefault(role.role, {}).setdefault(user.unit_id, user)
    signers = {**people["unit_head"], None: next(iter(people["manager"].values()), None)}
    return people["handler"], {**people["handler"], **people["desk_officer"]}, signers


def handler_of(handlers: dict, case: Case):
    """The case's own handling unit's handler: the workflow refuses a handler of another unit."""
    try:
        return handlers[case.handling_unit_id]
    except KeyError:
        raise LookupError(f"demo unit {case.handling_unit_id} handles cases but has no handler account "
                          "(portal/demo/seed.py USERS)") from None


def load_cases(count: int | None = None, seed: int = YEAR, year: int = YEAR) -> str:
    """`count` defaults to the DEMO_CASE_COUNT setting: 4,000, or none under TESTING so that tests
    which seed the demo keep their small, exact database (tests/cases/test_demo.py loads 200)."""
    if count is None:
        count = current_app.config.get("DEMO_CASE_COUNT", 0 if current_app.testing else 4000)
    if not count or db.session.scalar(select(Case.id).limit(1)) is not None:
        return "demo cases: none added"
    from portal.units.models import Unit

    by_code = {u.code: u for u in db.session.scalars(select(Unit))}
    handlers, desk_officers, signers = _staff()
    procedures = [p for p in db.session.scalars(select(Procedure).order_by(Procedure.code))
                  if p.status in (PublicStatus.ACTIVE, PublicStatus.AMENDED) and p.current_version is not None]
    weights = [_popularity(p) for p in procedures]
    with no_citizen_messages():
        cal = services.calendar_for([year, year + 1], language="vi")
        demo = _Demo(random.Random(seed), cal, datetime(year, 12, 31, 17, 0, tzinfo=local_tz()),
                     stuck_from=datetime(year, 10, 1, tzinfo=local_tz()))
        days = [date(year, 1, 1) + timedelta(days=i) for i in range(366 if year % 4 == 0 else 365)]
        days = [d for d in days if cal.is_working_day(d)]
        per_day: dict[date, int] = {}
        for d in demo.rng.choices(days, weights=[MONTH_WEIGHT[d.month - 1] for d in days], k=count):
            per_day[d] = per_day.get(d, 0) + 1
        pending = 0
        for day in sorted(per_day):
            for received in sorted(demo.moment(day) for _ in range(per_day[day])):
                procedure = demo.rng.choices(procedures, weights=weights)[0]
                _one_case(demo, procedure, received, by_code, handlers, desk_officers, signers)
            pending += per_day[day]
            if pending >= 250:  # batches keep the session small; a day's codes commit together
                db.session.commit()
                pending = 0
        db.session.commit()
    return f"{count} demo cases of {year} loaded"


def _popularity(procedure) -> float:
    pd = procedure.current_version.processing_days
    return 8.0 if pd == 0 else 4.0 if procedure.code.startswith("1.0042") else 2.5 if pd <= 5 else 1.0


def _stamp(moment: datetime) -> None:
    """Audit rows say when it happened in the story, not when the seed ran."""
    for obj in db.session.new:
        if isinstance(obj, AuditEvent) and obj.occurred_at is None:
            obj.occurred_at = moment.astimezone(UTC)


RECORDS_CHANNEL_FROM = date(2025, 7, 1)  # the centre's desk form asks since the 2025 regime (NĐ 118/2025)


def _channel(received: datetime) -> tuple[str | None, bool | None]:
    """How a recent file came in and whether its paper was scanned at intake: about a third filed on the national
    portal, a few by post, most of the paper digitised. 2019 files say nothing (not recorded then). Drawn from
    the receipt time, not demo.rng, so the rest of the story stays as it was."""
    if received.date() < RECORDS_CHANNEL_FROM:
        return None, None
    draw = random.Random(received.timestamp())
    roll = draw.random()
    if roll < 0.35:
        return "online", None
    return ("post" if roll < 0.40 else "desk"), draw.random() < 0.85


def _one_case(demo: _Demo, procedure, received: datetime, by_code, handlers, desk_officers, signers, *,
              outcome: str | None = None, regime: str | None = "2018", desk=None,
              handling_unit_id: int | None = None) -> Case:
    """`desk`: the receiving unit (default, the 2019 demo: town procedures at the town desk; commune ones, which
    every ward and commune handles, at the one ward whose desk the demo staffs, phường Nghĩa Tân, which handles
    them itself). `handling_unit_id`: another competent unit the desk receives for (intake.handling_unit_for)."""
    version = procedure.current_version
    if desk is None:
        town = str(getattr(version.level, "value", version.level)) == "town"
        desk = by_code[TOWN_DESK] if town else by_code[COMMUNE_DESK]
    rng, utc = demo.rng, UTC
    channel, digitised = _channel(received)
    case = intake.receive_case(procedure=procedure, unit=desk, applicant=demo.applicant(received.date()),
                               submitted=[d["name"] for d in version.documents or []], sets=1,
                               delivery="post" if rng.random() < 0.08 else "desk",
                               received_at=received.astimezone(utc), handling_unit_id=handling_unit_id,
                               actor=desk_officers.get(desk.id), channel=channel, digitised=digitised)
    case.created_at = received.astimezone(utc)
    if regime:
        case.regime = regime  # 2019 cases used the TT 01/2018 forms
    _stamp(received)
    handler = handler_of(handlers, case)
    outcome = outcome or demo.pick_outcome(case.processing_days)
    if outcome == "stuck" and demo.stuck_from and received < demo.stuck_from:
        outcome = "early"  # only recent cases are still stuck at the end of the year
    _story(demo, case, outcome, received, desk, handler, desk_officers, signers)
    return case


def _story(demo: _Demo, case: Case, outcome: str, received: datetime, desk, handler, desk_officers, signers) -> None:
    rng, utc = demo.rng, UTC

    def step(action, t, **kw) -> bool:
        if t > demo.end:
            return False
        services.transition(case, action, now=t.astimezone(utc), expected_version=case.version, actor=kw.pop(
            "actor", handler), **kw)
        _stamp(t)
        return True

    t = received
    desk_officer = desk_officers.get(desk.id)
    if case.processing_days > 0 and not step(Action.TRANSFER, t := demo.later(t, 0, 0), actor=desk_officer):
        return
    if not step(Action.ASSIGN, t := demo.later(t, 0, 1 if case.processing_days > 2 else 0), handler_id=handler.id):
        return
    if outcome == "withdraw":
        step(Action.WITHDRAW, demo.later(t, 0, max(0, case.processing_days // 2)), note="Công dân xin rút hồ sơ.")
        return
    if outcome == "supplement":
        if not step(Action.REQUEST_SUPPLEMENT, t := demo.later(t, 0, 2), note="Bổ sung bản sao giấy tờ còn thiếu."):
            return
        if not step(Action.SUPPLEMENT, t := demo.later(t, 2, 8)):
            return
    due = legal_due = to_local(case.original_due_at)
    if outcome in ("apology_kept", "apology_late"):
        latest = demo.cal.previous_working_day(due.date())
        span = demo.cal.working_days_between(t.date(), latest)
        issued = demo.later(t, max(0, span - 2), span) if span >= 0 else None
        if issued is None or issued.date() > latest:
            outcome = "late"
        elif issued > demo.end:
            return
        else:
            new_due = datetime.combine(demo.cal.add_working_days(due.date(), rng.randint(3, 10)), due.timetz())
            services.issue_apology(case, reason=rng.choice(DELAY_REASONS), new_due_at=new_due.astimezone(utc),
                                   now=issued.astimezone(utc), expected_version=case.version,
                                   actor=signers.get(case.handling_unit_id) or signers[None])
            _stamp(issued)
            t, due = issued, new_due
    if outcome == "stuck":
        return  # still open on 31 December, past its due date if that came before
    signer = signers.get(case.handling_unit_id) or signers[None]
    late_apology_after = outcome == "late_apology" and rng.random() < 0.5  # only once the result was ready
    if outcome == "late_apology" and not late_apology_after:  # after the window, while the case is open
        issued = demo.later(max(legal_due, t), 0, 2)
        if issued > demo.end:
            return
        new_due = datetime.combine(demo.cal.add_working_days(issued.date(), rng.randint(2, 6)), legal_due.timetz())
        services.issue_apology(case, reason=rng.choice(DELAY_REASONS), new_due_at=new_due.astimezone(utc),
                               now=issued.astimezone(utc), expected_version=case.version, actor=signer)
        _stamp(issued)
        t, due = issued, new_due
    if outcome in ("late", "apology_late", "late_apology"):
        finish = demo.later(max(due, t), 1, 5)
    elif outcome == "apology_kept" and due > legal_due:  # after the first promise, by the apology's date
        finish = demo.by(max(t, demo.at(demo.cal.next_working_day(legal_due.date()), 7 * 60 + 30)), due, early=True)
    else:
        finish = demo.by(t, due, early=outcome != "on_time")
    if outcome == "refuse":
        step(Action.REFUSE, finish, note="Không đủ điều kiện theo quy định.")
        return
    if not step(Action.FINISH, finish):
        return
    returned = demo.later(finish, 0, 0 if case.processing_days == 0 else 4)
    step(Action.RETURN, returned, actor=desk_officers.get(desk.id))
    if late_apology_after and case.timing == Timing.LATE:  # a late apology for a case finished late
        issued = demo.later(max(returned, finish), 0, 2)
        if issued <= demo.end:
            services.issue_apology(case, reason=rng.choice(DELAY_REASONS), new_due_at=None,
                                   now=issued.astimezone(utc), expected_version=case.version, actor=signer)
            _stamp(issued)
