"""Demo organisation: the units of Gia Nghĩa town in 2019 and one account per role."""
from __future__ import annotations

import time
from datetime import UTC, datetime

from flask import current_app

from portal.auth import services as accounts
from portal.core import access_codes
from portal.core.access import Role
from portal.demo.constants import DEMO_PASSWORD, MAIL_DOMAIN
from portal.units import services as units
from portal.units.models import UnitLevel

# (code, name, level). Codes follow the national document-system style used in case numbers.
UNITS = [
    ("000.01.26.H17", "Văn phòng HĐND và UBND thị xã", UnitLevel.TOWN),
    ("000.02.26.H17", "Phòng Nội vụ", UnitLevel.TOWN),
    ("000.03.26.H17", "Phòng Tư pháp", UnitLevel.TOWN),
    ("000.04.26.H17", "Phòng Tài chính – Kế hoạch", UnitLevel.TOWN),
    ("000.05.26.H17", "Phòng Văn hóa và Thông tin", UnitLevel.TOWN),
    ("000.06.26.H17", "Đài Truyền thanh thị xã", UnitLevel.TOWN),
    ("000.11.26.H17", "UBND phường Nghĩa Đức", UnitLevel.COMMUNE),
    ("000.12.26.H17", "UBND phường Nghĩa Thành", UnitLevel.COMMUNE),
    ("000.13.26.H17", "UBND phường Nghĩa Phú", UnitLevel.COMMUNE),
    ("000.14.26.H17", "UBND phường Nghĩa Tân", UnitLevel.COMMUNE),
    ("000.15.26.H17", "UBND phường Nghĩa Trung", UnitLevel.COMMUNE),
    ("000.21.26.H17", "UBND xã Đắk R'Moan", UnitLevel.COMMUNE),
    ("000.22.26.H17", "UBND xã Quảng Thành", UnitLevel.COMMUNE),
    ("000.23.26.H17", "UBND xã Đắk Nia", UnitLevel.COMMUNE),
]

# (e-mail name, full name, unit code, roles)
USERS = [
    ("quantri", "Trần Minh Tuấn", "000.01.26.H17", [Role.ADMIN]),
    ("lanhdao", "Lê Thị Hồng Nhung", "000.02.26.H17", [Role.MANAGER]),
    ("truongphong.vp", "Phạm Quốc Bảo", "000.01.26.H17", [Role.UNIT_HEAD]),
    ("chuyenvien.vp", "Vũ Thị Lan", "000.01.26.H17", [Role.HANDLER]),
    ("motcua", "Hoàng Văn Đức", "000.01.26.H17", [Role.DESK_OFFICER]),
    ("chuyenvien.tp", "Đặng Thị Thu Hà", "000.03.26.H17", [Role.HANDLER]),
    ("chuyenvien.nghiatan", "Y Sơn Niê", "000.14.26.H17", [Role.HANDLER]),
    # Every unit that handles cases has its own handler: a case is assigned only within its handling unit.
    ("chuyenvien.nv", "Nguyễn Thị Kim Oanh", "000.02.26.H17", [Role.HANDLER]),
    ("chuyenvien.tckh", "Trịnh Văn Khải", "000.04.26.H17", [Role.HANDLER]),
    ("chuyenvien.vhtt", "Lương Thị Mỹ Duyên", "000.05.26.H17", [Role.HANDLER]),
]


DEMO_YEAR_END = datetime(2019, 12, 31, 10, 0, tzinfo=UTC)  # 17:00 in Gia Nghĩa


def _timed_line(loader) -> str:
    """A loader's summary line with the seconds it took (seed-demo prints them; cheap to keep)."""
    t0 = time.perf_counter()
    line = loader()
    return f"{line} ({time.perf_counter() - t0:.1f} s)"


def load_demo(now: datetime | None = None, progress=None) -> list[str]:
    """`now`: the moment the recent series end at (seed-demo passes the clock's; tests pass their own).
    `progress(line)`: called with each stage's summary line as soon as the stage is done (seed-demo prints it:
    the whole load takes minutes)."""
    # thousands of access codes nobody is given: hashed with the demo's light argon2id cost (core.access_codes)
    with access_codes.seed_cost():
        return _load_demo(now, progress or (lambda line: None))


def _load_demo(now: datetime | None, progress) -> list[str]:
    started = time.perf_counter()

    def _timed(loader) -> str:
        line = _timed_line(loader)
        progress(line)
        return line

    if now is None:
        from portal.core.clock import utcnow

        now = utcnow()
    by_code = {}
    town_office = None
    for code, name, level in UNITS:
        unit = units.get_by_code(code) or units.create_unit(code=code, name=name, level=level)
        by_code[code] = unit
        if town_office is None:
            town_office = unit
    for unit in by_code.values():
        if unit.level == UnitLevel.COMMUNE and unit.parent_id is None:
            unit.parent_id = town_office.id
    created = 0
    for local, full_name, unit_code, roles in USERS:
        email = f"{local}@{MAIL_DOMAIN}"
        if accounts.find_by_email(email) is None:
            accounts.create_user(email=email, full_name=full_name, unit_id=by_code[unit_code].id, roles=roles,
                                 password=DEMO_PASSWORD, check_strength=False)
            created += 1
    accounts_s = time.perf_counter() - started
    progress(f"{len(by_code)} units ready, {created} demo accounts created (password: {DEMO_PASSWORD}) ({accounts_s:.1f} s)")
    from portal.demo.procedures import load_catalogue

    catalogue = _timed(load_catalogue)
    from portal.demo.cases import load_cases

    cases = _timed(load_cases)
    from portal.demo.satisfaction import load_ratings

    ratings = _timed(load_ratings)
    from portal.demo.cases_recent import close_year, load_recent_cases

    # The year's cases still open on 31 Dec 2019 are finished in Jan–Feb 2020 (the 2019 figures, read at the
    # end of 2019, are unchanged): none is "seven years overdue" in today's worklists.
    closing = _timed(close_year) if cases.split()[0].isdigit() else "demo cases of 2019: none to finish"
    from portal.demo.feedback import FATES_2025, load_feedback

    # The demo's year is 2019, as for the cases and ratings and the seed's plan: the 2019 plan's indicators
    # then all show live figures. The feedback runs through the twelve months before 31 Dec 2019, 17:00.
    feedback = _timed(lambda: load_feedback(now=DEMO_YEAR_END))
    from portal.demo.feedback_close import close_year as close_feedback_year

    # Its feedback still open on 31 Dec 2019 is handled in Jan–Feb 2020 (the 2019 figures, read at the end of
    # 2019, are unchanged), so that none is years overdue in today's views.
    feedback_closing = (_timed(close_feedback_year) if feedback.split()[0].isdigit()
                        else "demo feedback of 2019: none to handle")
    from portal.demo.reorganisation import NAM, record_2025

    # 1 Jul 2025: the town's wards and communes become three wards of Lâm Đồng, the town's offices cease and
    # the demo accounts work for phường Nam Gia Nghĩa (portal/demo/reorganisation.py). Not under TESTING unless
    # DEMO_REORGANISE is set: tests that load the 2019 cases need the 2019 staff.
    reorganise = current_app.config.get("DEMO_REORGANISE", not current_app.testing)
    reorganised = _timed(record_2025) if reorganise else "2025 reorganisation: not recorded"
    from portal.demo.organisation import record_2025_profile

    # The committee's own name, issuer line and place over the same dates (2019 town, 2020 city, 2025 ward):
    # a 2019 receipt keeps "thị xã Gia Nghĩa", today's prints "phường Nam Gia Nghĩa, tỉnh Lâm Đồng".
    profiles = (f"{record_2025_profile()} organisation profiles recorded" if reorganise
                else "organisation profiles: not recorded")
    from portal.demo.topics import load_topics

    topics = _timed(load_topics)  # after the reorganisation: a dissolved office's topics go to its successor
    # The twelve months up to `now` at the Nam Gia Nghĩa centre: today's worklists and the overview's figures
    # (none under TESTING unless DEMO_RECENT_CASE_COUNT / DEMO_RECENT_FEEDBACK_COUNT is set).
    recent_cases = _timed(lambda: load_recent_cases(now=now))
    recent_count = current_app.config.get("DEMO_RECENT_FEEDBACK_COUNT", 0 if current_app.testing else 360)
    recent = _timed(lambda: load_feedback(count=recent_count, seed=661, now=now, days=365,
                                          series="demo-feedback-recent", unit_code=NAM, fates=FATES_2025,
                                          stuck_within=120))
    from portal.demo.surveys import load_current_survey, load_survey

    survey = _timed(load_survey)
    current_survey = (_timed(lambda: load_current_survey(now))
                      if current_app.config.get("DEMO_CURRENT_SURVEY", not current_app.testing)
                      else "demo survey of this year: not loaded")
    from portal.demo.plan import load_plan_progress, load_plans

    plans = _timed(load_plans)
    plan_progress = _timed(load_plan_progress)
    return [f"{len(by_code)} units ready", f"{created} demo accounts created (password: {DEMO_PASSWORD})"
            f" ({accounts_s:.1f} s)", catalogue,
            cases, ratings, closing, feedback, feedback_closing, reorganised, profiles, recent_cases, recent, survey,
            current_survey, plans, plan_progress, topics,
            f"demo data loaded in {time.perf_counter() - started:.1f} s"]
