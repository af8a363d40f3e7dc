"""Demo ratings for the 2019 demo cases, through services.record_rating (points, audit and rollup as the
portal itself makes them). Seeded and idempotent: nothing is added once any rating exists.

About half of the returned cases are rated (a realistic response rate), shortly after the return:
tablet 60% (minutes after, entered at the desk), online 25% (hours to days after), paper 15%.
Two unhappy clusters for the dashboard to reveal: the busiest procedure at one ward is markedly less
satisfying (waiting, repeated visits), and one desk officer gets poor attitude marks.
"""
from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, timedelta

from flask import current_app
from sqlalchemy import select

from portal.cases.models import Case
from portal.cases.rules import CaseStatus
from portal.core.db import db
from portal.core.errors import DomainError
from portal.satisfaction import services
from portal.satisfaction.models import Rating
from portal.satisfaction.rules import Channel
from portal.units.models import Unit, UnitLevel

SHARE = 0.52
COMMENTS_GOOD = ["Cán bộ hướng dẫn tận tình, trả kết quả sớm hơn hẹn.", "Thủ tục nhanh gọn, cảm ơn Bộ phận Một cửa.",
                 "Được nhắn tin báo trước khi có kết quả, rất tiện.", ""]
COMMENTS_BAD = ["Phải đi lại nhiều lần mới đủ giấy tờ, hướng dẫn chưa rõ.", "Chờ đợi lâu, không ai giải thích lý do.",
                "Cán bộ trả lời cộc lốc, thiếu nhiệt tình.", "Trễ hẹn mà không được báo trước."]


def load_ratings(seed: int = 2019) -> str:
    if db.session.scalar(select(Rating.id).limit(1)) is not None:
        return "demo ratings: none added"
    cases = list(db.session.scalars(select(Case).where(Case.status == CaseStatus.RETURNED,
                                                       Case.returned_at.is_not(None)).order_by(Case.id)))
    if not cases:
        return "demo ratings: no returned case to rate"
    rng = random.Random(seed)
    communes = set(db.session.scalars(select(Unit.id).where(Unit.level == UnitLevel.COMMUNE)))
    pairs = Counter((c.handling_unit_id, c.procedure_id) for c in cases if c.handling_unit_id in communes)
    sore_pair = pairs.most_common(1)[0][0] if pairs else None
    officers = Counter(c.received_by_id for c in cases if c.received_by_id)
    rude_officer = officers.most_common(2)[-1][0] if officers else None
    scale = int(current_app.config.get("SATISFACTION_SCALE", 3))
    made = 0
    for case in cases:
        if rng.random() >= SHARE:
            continue
        sore = (case.handling_unit_id, case.procedure_id) == sore_pair
        answers = _answers(rng, scale, sore=sore, rude=case.received_by_id == rude_officer,
                           late=getattr(case.timing, "value", case.timing) == "late")
        channel = rng.choices((Channel.TABLET, Channel.ONLINE, Channel.PAPER), (60, 25, 15))[0]
        delay = timedelta(minutes=rng.randint(2, 15)) if channel == Channel.TABLET else (
            timedelta(hours=rng.randint(2, 72)) if channel == Channel.ONLINE else timedelta(days=rng.randint(1, 6)))
        entered_by = None
        if channel == Channel.TABLET and case.received_by is not None and case.received_by_id != case.handler_id:
            entered_by = case.received_by  # a paper slip may not be typed by the officer it rates (issue 13 p. 7)
        try:
            with db.session.begin_nested():
                services.record_rating(case, answers, channel=channel, now=case.returned_at + delay,
                                       entered_by=entered_by)
            made += 1
        except DomainError:
            continue
        if made % 250 == 0:
            db.session.commit()
    facts = _demo_facts(cases)
    db.session.commit()
    return f"{made} demo ratings of {len(cases)} returned cases loaded" + (f", TT 01 facts of {facts} units" if facts else "")


# Facts of TT 01/2018 indicators 5, 6, 8, 9 for two units of the demo year, as an administrator would record
# them from the year's report (the other units have none: the dashboard shows those indicators not scored).
DEMO_FACTS = {
    "Văn phòng HĐND và UBND": {"desk_decided_pct": "55", "desk_all_received": "yes", "posted": "yes",
                               "protracted_feedback": "no", "online_files_pct": "6.5", "online_late": "no"},
    "UBND phường Nghĩa Tân": {"desk_decided_pct": "100", "desk_all_received": "yes", "posted": "yes",
                              "protracted_feedback": "no", "online_files_pct": "3.0", "online_late": "no"},
}


def _demo_facts(cases) -> int:
    from datetime import datetime

    from portal.satisfaction import facts as fact_services

    years = {case.returned_at.year for case in cases if case.returned_at}
    if not years:
        return 0
    year, done = min(years), 0
    for unit in db.session.scalars(select(Unit)):
        values = next((v for prefix, v in DEMO_FACTS.items() if unit.name.startswith(prefix)), None)
        if values is None or fact_services.find(unit.id, year, 0) is not None:
            continue
        fact_services.record(unit, year, 0, {**values, "note": "Báo cáo kết quả thực hiện cơ chế một cửa năm "
                                                            f"{year} (số liệu minh họa)"},
                             now=datetime(year + 1, 1, 10, 2, 0, tzinfo=UTC), actor=None)
        done += 1
    return done


def _answers(rng: random.Random, scale: int, *, sore: bool, rude: bool, late: bool) -> dict:
    p_satisfied = 0.5 if sore else (0.7 if late or rude else 0.9)
    if rng.random() < p_satisfied:
        level = "very_satisfied" if rng.random() < 0.45 else "satisfied"
    elif scale == 5:
        level = rng.choices(("neutral", "not_satisfied", "very_not_satisfied"), (5, 4, 1))[0]
    else:
        level = "not_satisfied"
    attitude = rng.choices(("good", "indifferent", "harassing"), (40, 45, 15) if rude else (90, 9, 1))[0]
    contacts = rng.choices((0, 1, 2), (40, 35, 25) if sore else (85, 12, 3))[0]
    agencies = rng.choices((0, 1, 2), (50, 35, 15) if sore else (85, 13, 2))[0]  # rules.Agencies
    unhappy = level not in ("very_satisfied", "satisfied")
    comment = rng.choice(COMMENTS_BAD if unhappy else COMMENTS_GOOD) if rng.random() < 0.3 else ""
    return {"level": level, "attitude": attitude, "contacts": str(contacts), "agencies": str(agencies),
            "comment": comment}
