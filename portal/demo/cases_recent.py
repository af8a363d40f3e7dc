"""The demo beside its year: the 2019 cases still open on 31 Dec 2019 are finished in January–February
2020 (so no demo case stays open for ever, nor "seven years overdue" in today's worklists), and the twelve
months before `now` at the 2025 ward centre of phường Nam Gia Nghĩa (so today's worklists and the overview
look like a working centre on any day the demo is loaded). Both through the real intake and workflow
services, with the demo accounts, dated in the story.

The 2019 figures are read at the end of 2019 (cases.stats: received and finished in the period, open at
its end), so finishing the leftovers in 2020 leaves them as they were.
"""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from sqlalchemy import select

from portal.cases import intake, services
from portal.cases.models import Case
from portal.cases.rules import OPEN, Action, CaseStatus
from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.core.errors import DomainError
from portal.demo.cases import MONTH_WEIGHT, YEAR, _Demo, _one_case, _popularity, _staff, _stamp, handler_of
from portal.notify.services import no_citizen_messages
from portal.procedures.models import Procedure, PublicStatus

RECENT_DAYS = 365


def _cutoff(year: int) -> datetime:
    """The leftovers are finished before this moment (1 March of the next year)."""
    return datetime(year + 1, 3, 1, tzinfo=local_tz())


# ---------------------------------------------------------------- the demo year's leftovers

def close_year(year: int = YEAR, seed: int = YEAR + 1) -> str:
    """Finish the cases received in `year` and still open (or waiting at the desk) at its end, in
    January–February of the next year: most returned, a few refused after appraisal or withdrawn."""
    tz, utc = local_tz(), UTC
    start, end = datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    leftovers = list(db.session.scalars(
        select(Case).where(Case.received_at >= start.astimezone(utc), Case.received_at < end.astimezone(utc),
                           Case.status.in_(sorted({*OPEN, CaseStatus.RESULT_READY})))
        .order_by(Case.received_at, Case.id)))
    if not leftovers:
        return f"demo cases of {year}: none left open"
    handlers, desk_officers, signers = _staff()
    with no_citizen_messages():
        cal = services.calendar_for([year, year + 1], language="vi")
        demo = _Demo(random.Random(seed), cal, _cutoff(year))
        for case in leftovers:
            _close(demo, case, handler_of(handlers, case),
                   desk_officers.get(case.unit_id), signers.get(case.handling_unit_id) or signers[None], end,
                   answerers=handlers)
        db.session.commit()
    return f"{len(leftovers)} demo cases of {year} left open finished in Jan–Feb {year + 1}"


def _close(demo: _Demo, case: Case, handler, desk_officer, signer, new_year: datetime, answerers=None) -> None:
    from portal.cases.legs import close_leg

    answerers = answerers or {}
    rng, utc = demo.rng, UTC
    last = max(to_local(e.at) for e in case.events)
    t = max(demo.moment(demo.cal.next_working_day(new_year.date() - timedelta(days=1))),
            last + timedelta(minutes=1))  # back at work after New Year's Day

    def step(action, at: datetime, actor=handler, **kw) -> datetime:
        services.transition(case, action, now=at.astimezone(utc), expected_version=case.version, actor=actor, **kw)
        _stamp(at)
        return at

    fate = rng.choices(["finish", "refuse", "withdraw"], weights=[92, 4, 4])[0]
    if case.status == CaseStatus.SUPPLEMENT_REQUESTED:
        # The applicant never came back with the supplement. (A supplement would move the legal due,
        # services.transition, and with it the case's place among the cases open and overdue on 31 Dec.)
        step(Action.WITHDRAW, demo.later(t, 0, 3), note="Công dân không bổ sung hồ sơ, xin rút hồ sơ.")
        return
    if case.status in (CaseStatus.RECEIVED, CaseStatus.TRANSFERRED):
        t = step(Action.ASSIGN, demo.later(t, 0, 1), handler_id=handler.id)
    if case.status == CaseStatus.IN_PROGRESS:
        for leg in case.legs:  # the consultation still awaited on 31 Dec comes back after the holiday
            if leg.is_open:
                late = " Trả lời chậm do phải kiểm tra thực địa." if t > to_local(leg.due_at) else ""
                close_leg(leg, note=f"Đã xác minh; thống nhất với nội dung hồ sơ (có văn bản trả lời kèm theo).{late}",
                          now=t.astimezone(utc), actor=answerers.get(leg.unit_id) or handler)
                _stamp(t)
    if case.status == CaseStatus.IN_PROGRESS:
        if fate == "withdraw":
            step(Action.WITHDRAW, demo.later(t, 0, 3), note="Công dân xin rút hồ sơ.")
            return
        due = min(to_local(case.due_at), datetime.combine(date(new_year.year, 2, 14), t.timetz()))
        finish = demo.by(t, due, early=rng.random() < 0.6) if due > t else demo.later(t, 0, 3)
        if fate == "refuse":
            step(Action.REFUSE, finish, note="Không đủ điều kiện theo quy định.")
            return
        t = step(Action.FINISH, finish)
    step(Action.RETURN, demo.later(t, 0, 0 if case.processing_days == 0 else 3), actor=desk_officer)


# ---------------------------------------------------------------- the last twelve months

# A working ward centre under the 2025 regime: fewer late cases than the 2019 town (~96 % on time), a few late
# without an apology or with one given too late, a few withdrawn (NĐ 118/2025 Điều 21, Mẫu 05) or refused.
RECENT_OUTCOMES = [("withdraw", 0.010), ("refuse", 0.005), ("supplement", 0.040), ("apology_kept", 0.030),
                   ("late", 0.006), ("apology_late", 0.007), ("late_apology", 0.008), ("on_time", 0.20),
                   ("early", 1.0)]
NEIGHBOURS_SHARE = 0.03  # filed at Nam Gia Nghĩa for Bắc or Đông Gia Nghĩa ("không phụ thuộc địa giới")


def load_recent_cases(count: int | None = None, now: datetime | None = None, seed: int = 766,
                      days: int = RECENT_DAYS) -> str:
    """About `count` cases received over the `days` days before `now` (given by the caller: seed-demo reads the
    clock, this does not) at the Trung tâm Phục vụ hành chính công of phường Nam Gia Nghĩa, the demo's 2025
    ward (portal/demo/reorganisation.py), under the regime of their receipt date (NĐ 118/2025 from 1 Jul 2025;
    the window never starts before). `count` defaults to DEMO_RECENT_CASE_COUNT: 2,500 (about 10 a working
    day), or none under TESTING. The centre handles the procedures its ward is competent for; a few
    commune-level files it receives for the two neighbouring wards. Loaded once: nothing is added when a case
    was received after the demo year's leftovers were closed (the series itself, or real cases)."""
    from portal.demo.reorganisation import BAC, DONG, EFFECTIVE, NAM
    from portal.procedures import rules as procedure_rules
    from portal.procedures.competence import competent_unit_ids

    if count is None:
        count = current_app.config.get("DEMO_RECENT_CASE_COUNT", 0 if current_app.testing else 2500)
    if not count or now is None:
        return "recent demo cases: none added"
    if db.session.scalar(select(Case.id).where(Case.received_at >= _cutoff(YEAR).astimezone(UTC))
                         .limit(1)) is not None:
        return "recent demo cases: none added"
    from portal.units.models import Unit

    end = to_local(now)
    by_code = {u.code: u for u in db.session.scalars(select(Unit))}
    if NAM not in by_code:
        return "recent demo cases: none added (no 2025 organisation)"
    days = min(days, (end.date() - EFFECTIVE).days)
    handlers, desk_officers, signers = _staff()
    desk = by_code[NAM]
    # The procedures the centre's ward is competent for: the commune-level ones, and those of the town's offices
    # when the reorganisation moved them to the ward (portal.reorganisation.services moves a ceasing unit's
    # catalogue to its successor).
    procedures = [p for p in db.session.scalars(select(Procedure).order_by(Procedure.code))
                  if p.status in (PublicStatus.ACTIVE, PublicStatus.AMENDED) and p.current_version is not None
                  and desk.id in competent_unit_ids(p.current_version)]
    weights = [_popularity(p) for p in procedures]
    neighbours = [by_code[c].id for c in (BAC, DONG) if by_code[c].id in handlers]
    # The centre's handlers share its files (the 2019 demo gave each unit one handler).
    team = _team(desk.id) or [handlers[desk.id]]
    with no_citizen_messages():
        cal = services.calendar_for(list(range(end.year - 2, end.year + 2)), language="vi")
        demo = _Demo(random.Random(seed), cal, end)
        demo.answerers = dict(handlers)
        plan = _plan(demo, count, days, procedures, weights)
        pending = 0
        for received, procedure, outcome in sorted(plan, key=lambda p: p[0]):  # numbered in order of receipt
            commune = procedure_rules.is_commune_level(procedure.current_version.level)
            other = (demo.rng.choice(neighbours) if commune and neighbours and demo.rng.random() < NEIGHBOURS_SHARE
                     else None)
            handlers[desk.id] = demo.rng.choice(team)
            case = _one_case(demo, procedure, received, by_code, handlers, desk_officers, signers,
                             outcome="stuck" if outcome == "waiting" else outcome, regime=None, desk=desk,
                             handling_unit_id=other, consult=outcome != "waiting")
            if outcome == "waiting":
                _ask_supplement(demo, case, case.handler or handler_of(handlers, case))
            pending += 1
            if pending >= 250:  # batches keep the session small
                db.session.commit()
                pending = 0
        _rate(demo, days)
        db.session.commit()
    return f"{len(plan)} recent demo cases of the {days} days before {end:%d/%m/%Y} loaded"


def _team(unit_id: int) -> list:
    """The demo handlers of a unit, in account order."""
    from portal.auth.models import StaffUser, UserRole
    from portal.core.access import Role
    from portal.demo.constants import MAIL_DOMAIN

    return list(db.session.scalars(
        select(StaffUser).join(UserRole).where(StaffUser.unit_id == unit_id, UserRole.role == Role.HANDLER.value,
                                               StaffUser.email.like(f"%@{MAIL_DOMAIN}")).order_by(StaffUser.id)))


def _plan(demo: _Demo, count: int, days: int, procedures, weights) -> list[tuple[datetime, object, str]]:
    """(receipt moment, procedure, outcome): RECENT_OUTCOMES at random over the working days of the window
    (busier before Tết, as in the demo year), plus a few chosen so that the worklists show each state: two
    received today, two cases stuck past their legal due, one due today or on the next working day, one waiting for a
    supplement, two finished late after an apology in time. Cases whose next step falls after `now` stay
    where their story has reached: today's and this week's work is open."""
    rng, cal, end = demo.rng, demo.cal, demo.end
    window = [end.date() - timedelta(days=i) for i in range(days, -1, -1)]
    window = [d for d in window if cal.is_working_day(d)]
    plan = []
    for day in rng.choices(window, weights=[MONTH_WEIGHT[d.month - 1] for d in window], k=count):
        moment = demo.moment(day, until=end)
        if moment is None:  # today, before the office opened
            continue
        procedure = rng.choices(procedures, weights=weights)[0]
        pd = procedure.current_version.processing_days
        outcome = demo.pick_outcome(pd, RECENT_OUTCOMES)
        plan.append((moment, procedure, "early" if pd < 1 and outcome.startswith("apology") else outcome))

    def by_days(lo: int, hi: int):
        return [p for p in procedures if lo <= p.current_version.processing_days <= hi]

    def back(n: int) -> date:
        day = end.date()
        for _ in range(n):
            day = cal.previous_working_day(day)
        return day

    def chosen(day: date, procedure, outcome: str, due_ok) -> None:
        for _ in range(20):
            moment = demo.moment(day, until=end if day == end.date() else None)
            if moment is not None:
                due = to_local(intake.promised_return(procedure.current_version, moment).due_at).date()
                if due_ok(due):
                    plan.append((moment, procedure, outcome))
                    return
            day = cal.previous_working_day(day)

    for _ in range(2):  # received today before `now`: at the step the morning has reached
        chosen(end.date(), rng.choice(by_days(3, 15)), "early", lambda due: due > end.date())
    soon_last = cal.next_working_day(end.date())
    for n in (18, 22):  # received about a month ago, due a week or more before today, still open
        chosen(back(n), rng.choice(by_days(2, 5)), "stuck", lambda due: due < back(3))
    short = rng.choice(by_days(3, 5))
    chosen(back(short.current_version.processing_days - 1), short, "stuck",
           lambda due: end.date() <= due <= soon_last)
    chosen(back(2), rng.choice(by_days(5, 15)), "waiting", lambda due: due > end.date())
    for n in (20, 24):
        chosen(back(n), rng.choice(by_days(3, 8)), "apology_kept", lambda due: due < back(6))
    return plan


def _ask_supplement(demo: _Demo, case: Case, handler) -> None:
    """NĐ 61/2018 Điều 19 k4: asked within 3 working days of receipt; the applicant has not come back yet."""
    steps = [(Action.ASSIGN, {"handler_id": handler.id})] if case.status != CaseStatus.IN_PROGRESS else []
    steps.append((Action.REQUEST_SUPPLEMENT, {"note": "Bổ sung bản sao chứng thực giấy tờ còn thiếu theo Phiếu "
                                                      "yêu cầu bổ sung, hoàn thiện hồ sơ."}))
    for action, kw in steps:
        last = max(to_local(e.at) for e in case.events)
        at = demo.later(last, 0, 0)
        if at > demo.end:
            at = demo.moment(demo.end.date(), after=last, until=demo.end) if demo.end.date() == last.date() else None
        if at is None or at <= last or at > demo.end:
            return
        services.transition(case, action, now=at.astimezone(UTC), expected_version=case.version,
                            actor=handler, **kw)
        _stamp(at)


def _rate(demo: _Demo, days: int) -> None:
    """About half of the series' returned cases are rated shortly after the return, as in the demo year
    (satisfaction.demo): at the desk's tablet or online, never after `now`."""
    from portal.demo.satisfaction import SHARE, _answers
    from portal.satisfaction import services as ratings
    from portal.satisfaction.rules import Channel

    rng, scale = demo.rng, int(current_app.config.get("SATISFACTION_SCALE", 3))
    start = (demo.end - timedelta(days=days + 1)).astimezone(UTC)
    for case in db.session.scalars(select(Case).where(Case.status == CaseStatus.RETURNED, Case.received_at >= start)
                                   .order_by(Case.id)):
        if rng.random() >= SHARE:
            continue
        tablet = rng.random() < 0.7
        at = to_local(case.returned_at) + (timedelta(minutes=rng.randint(2, 15)) if tablet
                                           else timedelta(hours=rng.randint(2, 48)))
        if at > demo.end:
            continue
        answers = _answers(rng, scale, sore=False, rude=False, late=case.timing == "late")
        entered_by = case.received_by if tablet and case.received_by_id != case.handler_id else None
        try:
            with db.session.begin_nested():
                ratings.record_rating(case, answers, channel=Channel.TABLET if tablet else Channel.ONLINE,
                                      now=at.astimezone(UTC), entered_by=entered_by)
                _stamp(at)
        except DomainError:
            continue
