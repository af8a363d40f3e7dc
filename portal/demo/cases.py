"""A year of demo one-stop cases (2019) through the real services: codes, trails, due dates and
apologies are exactly what the portal itself would have produced. Deterministic (seeded random).

Outcome mix: ~1% withdrawn, ~1% refused after appraisal, ~4% returned for supplements; about 4% finish
late against the date promised at receipt (an apology never makes them on time): most after an apology
issued in time (NĐ 61/2018 Điều 19 k9 — impossible for same-day procedures) and finished by its new date
or even after it, some with a late apology (issued after the window, some only once the result was
ready), a few with none; the rest early or on time. Cases whose next step would fall after 31 Dec 2019
17:00 stay open, plus a few stuck past their due date (the breaches the dashboard shows); seed-demo then
finishes them in Jan–Feb 2020 and adds the recent weeks (demo_recent.py).

Late files carry their cause in the trail before the last apology day, as at a real centre: most cases that end
late or with an apology wait on a consultation (lấy ý kiến, NĐ 61/2018 Điều 19 k5) opened early in handling with
a slow unit — the ward or commune where the land or the person is, for the town's land, building, social and
complaint files; the town's office for a ward's land files — that answers after the leg's own deadline, close to
or after the case's due day; the apology then names it. A few files that end on time (more for long procedures)
consult a quick unit (Phòng Tư pháp where it fits) answered in time. These draws come from a generator of their
own per case (_LegPlan), so the outcomes and every other draw of the seeded story are as before.
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
# The reason of a file that is not about land and waits on no consultation (the drawn one would not fit it).
CHECK_REASON = "Hồ sơ cần thẩm tra, xác minh thêm trước khi trình cấp có thẩm quyền quyết định."
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
        self.answerers: dict = {}  # unit id -> the demo account that answers that unit's consultations

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
        demo.answerers = dict(handlers)
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
              handling_unit_id: int | None = None, consult: bool = True) -> Case:
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
    legs = _LegPlan.draw(demo, case, outcome, by_code) if consult else None
    _story(demo, case, outcome, received, desk, handler, desk_officers, signers, legs)
    return case


# ---------------------------------------------------------------- consultations (the causes of late files)

# NĐ 61/2018 Điều 19 k5 (docs/law/nd61-2018-tt01-2018.md): the handling unit asks the units concerned in writing,
# with the question and a deadline; they must answer by it (k5 b), and when they do not, the desk head is told.
LATE_OUTCOMES = ("late", "apology_late", "apology_kept", "late_apology", "stuck")
LATE_LEG_SHARE = 0.85  # of the late files that can wait on a consultation (at least 2 working days to process)
LAND_FIELDS = ("DD", "XD", "MT")
# What the handling unit asks, by the procedure's field ({parcel}, {sheet}: a land parcel and its map sheet).
PURPOSES = {
    "DD": "Đề nghị cho ý kiến về nguồn gốc, thời điểm sử dụng đất và tình trạng tranh chấp của thửa đất số {parcel}, "
          "tờ bản đồ số {sheet}.",
    "XD": "Đề nghị xác minh hiện trạng, ranh giới công trình xây dựng tại thửa đất số {parcel}, tờ bản đồ số {sheet}.",
    "MT": "Đề nghị cho ý kiến về vị trí, hiện trạng môi trường khu vực cơ sở tại thửa đất số {parcel}, "
          "tờ bản đồ số {sheet}.",
    "CT": "Đề nghị cung cấp thông tin địa chính của thửa đất số {parcel}, tờ bản đồ số {sheet} phục vụ chứng thực "
          "hợp đồng.",
    "HT": "Đề nghị xác minh thông tin đăng ký hộ tịch và nơi cư trú trước đây của người yêu cầu.",
    "BTXH": "Đề nghị xác minh hoàn cảnh, điều kiện hưởng chính sách của đối tượng tại địa phương.",
    "NCC": "Đề nghị xác minh, xác nhận thông tin thân nhân liệt sĩ của người đề nghị.",
    "KN": "Đề nghị cung cấp hồ sơ, tài liệu và báo cáo nội dung liên quan đến đơn khiếu nại.",
    "KD": "Đề nghị xác nhận địa điểm kinh doanh đăng ký tại địa phương.",
    "HTX": "Đề nghị cho ý kiến về trụ sở và phương án sản xuất, kinh doanh của hợp tác xã.",
    "GD": "Đề nghị cho ý kiến về điều kiện cơ sở vật chất và đội ngũ của cơ sở giáo dục.",
    "VH": "Đề nghị xác minh, cho ý kiến về điều kiện an ninh, trật tự và thành tích của đối tượng đề nghị.",
    "TG": "Đề nghị cho ý kiến về việc đăng ký hoạt động tín ngưỡng, sinh hoạt tôn giáo tập trung tại địa phương.",
    "TDKT": "Đề nghị xác nhận thành tích của tập thể, cá nhân được đề nghị khen thưởng.",
    "HGCS": "Đề nghị cho ý kiến về việc công nhận, cho thôi làm hòa giải viên ở cơ sở.",
}
ANSWERS = {
    "DD": "Thửa đất sử dụng ổn định từ năm {year}, không có tranh chấp, phù hợp quy hoạch sử dụng đất.",
    "XD": "Đã kiểm tra thực địa: hiện trạng phù hợp hồ sơ, không lấn chiếm hành lang, không tranh chấp ranh giới.",
    "MT": "Đã kiểm tra thực địa: vị trí phù hợp quy hoạch, không có phản ánh về ô nhiễm môi trường.",
}
ANSWER = "Đã xác minh; thống nhất với nội dung hồ sơ (có văn bản trả lời kèm theo)."
LATE_ANSWER_NOTE = " Trả lời chậm do phải kiểm tra thực địa, đối chiếu hồ sơ lưu trữ."
JUSTICE, HOME, CULTURE = "000.03.26.H17", "000.02.26.H17", "000.05.26.H17"  # the quick town offices
# The 2019 ward's own files that ask the town: the office that, in the demo, handles the town's land, social and
# education files (portal/demo/procedures_data.py) answers slowly, as do home affairs (religion) and culture;
# other slow questions go to another ward (where the person was registered before). Phòng Tư pháp answers quickly.
WARD_ASKS_SLOW = {"DD": TOWN_DESK, "CT": TOWN_DESK, "BTXH": TOWN_DESK, "GD": TOWN_DESK, "NCC": TOWN_DESK,
                  "TG": HOME, "VH": CULTURE}
WARD_ASKS_QUICK = {"HT": JUSTICE, "HGCS": JUSTICE, "CT": JUSTICE, "TG": HOME, "VH": CULTURE}


def _on_time_leg_share(pd: int) -> float:
    """A file that ends on time consults another unit now and then, longer procedures more often (5–14 %)."""
    return 0.0 if pd < 3 else min(0.14, 0.05 + 0.002 * pd)


class _LegPlan:
    """One consultation the story opens after the assignment: to whom, what, with which deadline, and whether it
    comes back late (the cause of a late file) or in time. Its own generator, seeded by the case's code, so that
    the story's draws from demo.rng are exactly those of a demo without consultations."""

    def __init__(self, demo: _Demo, rng: random.Random, unit, purpose: str, answer: str, due_days: int, slow: bool):
        self.side = _Demo(rng, demo.cal, demo.end)
        self.unit, self.purpose, self.answer, self.due_days, self.slow = unit, purpose, answer, due_days, slow
        self.leg = None

    @classmethod
    def draw(cls, demo: _Demo, case: Case, outcome: str, by_code: dict) -> _LegPlan | None:
        rng = random.Random(f"consultation {case.code}")
        pd = case.processing_days
        slow = outcome in LATE_OUTCOMES
        if slow and (pd < 2 or rng.random() >= LATE_LEG_SHARE):
            return None
        if not slow and (outcome not in ("on_time", "early") or rng.random() >= _on_time_leg_share(pd)):
            return None
        field = case.procedure.field.code if case.procedure.field else ""
        unit = _consulted(case, field, slow, by_code, rng)
        if unit is None:
            return None
        purpose = PURPOSES.get(field, "Đề nghị cho ý kiến về nội dung hồ sơ theo chức năng, nhiệm vụ của đơn vị.")
        purpose = purpose.format(parcel=rng.randint(12, 980), sheet=rng.randint(1, 48))
        answer = ANSWERS.get(field, ANSWER).format(year=rng.randint(1986, 2004))
        if slow and rng.random() < 0.5:
            answer += LATE_ANSWER_NOTE
        return cls(demo, rng, unit, purpose, answer, max(1, min(10, pd * 3 // 10)), slow)

    @property
    def reason(self) -> str:
        """The apology's reason (Mẫu 04) while this consultation keeps the file waiting."""
        return f"Chờ ý kiến phối hợp của {self.unit.name} (liên thông)."

    def open(self, case: Case, handler, assigned: datetime, before: datetime) -> None:
        """Sent within a working day of the assignment, before the story's next step at `before`."""
        if self.leg is not None:
            return
        sent = self.side.later(assigned, 0, 1)
        if sent >= before:
            sent = _between(self.side, assigned, before)
        if sent is None or sent > self.side.end or (not self.slow and before - sent < timedelta(hours=2)):
            return  # too late in the story, or a quick question with no room before the result: not asked
        from portal.cases.legs import open_leg

        self.leg = open_leg(case, unit_id=self.unit.id, purpose=self.purpose, due_days=self.due_days,
                            now=sent.astimezone(UTC), expected_version=case.version, actor=handler)
        _stamp(sent)

    def close(self, case: Case, handler, answerers: dict, legal_due: datetime, after: datetime,
              finish: datetime) -> None:
        """The answer, before the result at `finish`: a slow unit after the leg's own deadline, near or after the
        case's legal due day (but after any apology that named it, `after`); a quick one within its deadline."""
        if self.leg is None or not self.leg.is_open:
            return
        sent, leg_due = to_local(self.leg.sent_at), to_local(self.leg.due_at)
        cal = self.side.cal
        if self.slow:
            day = max(cal.next_working_day(leg_due.date()), cal.previous_working_day(legal_due.date()))
            lo = max(self.side.at(day, 0), after, sent)
            answered = _between(self.side, lo, finish) or _between(self.side, max(after, sent), finish)
        else:
            answered = _between(self.side, sent, min(leg_due, finish))
        if answered is None or answered > self.side.end:
            return
        from portal.cases.legs import close_leg

        close_leg(self.leg, note=self.answer, now=answered.astimezone(UTC),
                  actor=answerers.get(self.unit.id) or handler)
        _stamp(answered)


def _consulted(case: Case, field: str, slow: bool, by_code: dict, rng: random.Random):
    """The unit a file consults: the ward or commune where the land or the person is (from the applicant's address;
    another one when that is the handling unit), for the town's files and the 2025 ward's; Phòng Tư pháp for a quick
    answer where it fits; for the 2019 ward's own files the town office of the field. Active units only."""
    handling = case.handling_unit_id
    units = [u for u in by_code.values() if u.is_active and u.id != handling]
    own = next((u for u in by_code.values() if u.id == handling), None)
    wards = sorted((u for u in units if str(getattr(u.level, "value", u.level)) == "commune"), key=lambda u: u.code)
    if own is not None and own.code == COMMUNE_DESK:  # the 2019 ward's own files ask the town
        unit = by_code.get((WARD_ASKS_SLOW if slow else WARD_ASKS_QUICK).get(field) or WARD_ASKS_SLOW.get(field, ""))
        if unit is not None and unit.is_active and unit.id != handling:
            return unit
        return rng.choice(wards) if wards else None
    justice = by_code.get(JUSTICE)
    if not slow and justice is not None and justice in units and field in ("DD", "KN", "HT", "TDKT", "HTX"):
        return justice
    address = (case.applicant_address or "").casefold()
    home = [u for u in wards if u.name.removeprefix("UBND ").casefold() in address]
    return home[0] if home else (rng.choice(wards) if wards else None)


def _between(side: _Demo, lo: datetime, hi: datetime) -> datetime | None:
    """An office-hours moment strictly between `lo` and `hi` on a working day (None when there is none)."""
    if hi - lo < timedelta(minutes=2):
        return None
    days, day = [], lo.date()
    while day <= hi.date() and len(days) < 90:
        if side.cal.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    side.rng.shuffle(days)
    for day in days:
        found = side.moment(day, after=lo if day == lo.date() else None,
                            until=hi - timedelta(minutes=1) if day == hi.date() else None)
        if found is not None and lo < found < hi:
            return found
    return None


def _reason(drawn: str, field: str, legs: _LegPlan | None) -> str:
    """The apology's reason: the consultation when one keeps the file waiting; otherwise the drawn one, never a
    consultation the trail does not show (a field check for land files, the handler's absence for the others)."""
    if legs is not None and legs.leg is not None and legs.slow:
        return legs.reason
    if drawn != DELAY_REASONS[1]:
        return drawn if field in LAND_FIELDS or drawn == DELAY_REASONS[3] else CHECK_REASON
    return DELAY_REASONS[0] if field in LAND_FIELDS else CHECK_REASON


def _story(demo: _Demo, case: Case, outcome: str, received: datetime, desk, handler, desk_officers, signers,
           legs: _LegPlan | None = None) -> None:
    rng, utc = demo.rng, UTC
    field = case.procedure.field.code if case.procedure.field else ""

    def step(action, t, **kw) -> bool:
        if t > demo.end:
            return False
        services.transition(case, action, now=t.astimezone(utc), expected_version=case.version, actor=kw.pop(
            "actor", handler), **kw)
        _stamp(t)
        return True

    def consult(before: datetime) -> None:  # the consultation goes out before the story's next step
        if legs is not None:
            legs.open(case, handler, assigned, min(before, demo.end + timedelta(minutes=1)))

    t = received
    desk_officer = desk_officers.get(desk.id)
    if case.processing_days > 0 and not step(Action.TRANSFER, t := demo.later(t, 0, 0), actor=desk_officer):
        return
    if not step(Action.ASSIGN, t := demo.later(t, 0, 1 if case.processing_days > 2 else 0), handler_id=handler.id):
        return
    assigned = t
    if outcome == "withdraw":
        step(Action.WITHDRAW, demo.later(t, 0, max(0, case.processing_days // 2)), note="Công dân xin rút hồ sơ.")
        return
    if outcome == "supplement":
        if not step(Action.REQUEST_SUPPLEMENT, t := demo.later(t, 0, 2), note="Bổ sung bản sao giấy tờ còn thiếu."):
            return
        if not step(Action.SUPPLEMENT, t := demo.later(t, 2, 8)):
            return
    due = legal_due = to_local(case.original_due_at)
    apologised = assigned
    if outcome in ("apology_kept", "apology_late"):
        latest = demo.cal.previous_working_day(due.date())
        span = demo.cal.working_days_between(t.date(), latest)
        issued = demo.later(t, max(0, span - 2), span) if span >= 0 else None
        if issued is not None:
            consult(issued)
        if issued is None or issued.date() > latest:
            outcome = "late"
        elif issued > demo.end:
            return
        else:
            new_due = datetime.combine(demo.cal.add_working_days(due.date(), rng.randint(3, 10)), due.timetz())
            services.issue_apology(case, reason=_reason(rng.choice(DELAY_REASONS), field, legs),
                                   new_due_at=new_due.astimezone(utc), now=issued.astimezone(utc),
                                   expected_version=case.version,
                                   actor=signers.get(case.handling_unit_id) or signers[None])
            _stamp(issued)
            t, due, apologised = issued, new_due, issued
    if outcome == "stuck":
        consult(demo.end)
        return  # still open on 31 December, past its due date if that came before
    signer = signers.get(case.handling_unit_id) or signers[None]
    late_apology_after = outcome == "late_apology" and rng.random() < 0.5  # only once the result was ready
    if outcome == "late_apology" and not late_apology_after:  # after the window, while the case is open
        issued = demo.later(max(legal_due, t), 0, 2)
        consult(issued)
        if issued > demo.end:
            return
        new_due = datetime.combine(demo.cal.add_working_days(issued.date(), rng.randint(2, 6)), legal_due.timetz())
        services.issue_apology(case, reason=_reason(rng.choice(DELAY_REASONS), field, legs),
                               new_due_at=new_due.astimezone(utc), now=issued.astimezone(utc),
                               expected_version=case.version, actor=signer)
        _stamp(issued)
        t, due, apologised = issued, new_due, issued
    if outcome in ("late", "apology_late", "late_apology"):
        finish = demo.later(max(due, t), 1, 5)
    elif outcome == "apology_kept" and due > legal_due:  # after the first promise, by the apology's date
        finish = demo.by(max(t, demo.at(demo.cal.next_working_day(legal_due.date()), 7 * 60 + 30)), due, early=True)
    else:
        finish = demo.by(t, due, early=outcome != "on_time")
    if legs is not None and outcome != "refuse":
        consult(finish)
        legs.close(case, handler, demo.answerers, legal_due, apologised, finish)
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
            services.issue_apology(case, reason=_reason(rng.choice(DELAY_REASONS), field, legs), new_due_at=None,
                                   now=issued.astimezone(utc), expected_version=case.version, actor=signer)
            _stamp(issued)
