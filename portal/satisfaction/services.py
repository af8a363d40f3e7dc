"""Per-case ratings: record one (tablet, QR/online, paper), and the queries behind the pages.
Services flush and audit; views commit.

Where each per-file TT 01/2018 indicator comes from (Điều 14 k1; tt01.py gives the points):
(1) the case's stored timing (judged by the cases domain against the promise made at receipt — not
recomputed here); (2) the handling unit (that same timing) and each consultation leg, answered day vs
due day (local dates): the worst; (3) and (4) the citizen's answers on the online form and the paper
slip — on the desk tablet they are taken from the case record instead (contacts = supplement requests;
agencies: none when the file was never sent back, else the one-stop desk only), so the tablet needs only
three taps; (6) the electronic half of publication: the procedure version the case was filed under is
published with every mandatory component (procedures.rules.MANDATORY_COMPONENTS); (7) objective: the
case's timing, and 0 when a phản ánh about conduct names the case (conduct_feedback) or the citizen
answered "caused trouble or asked for money". Indicators 5, 8, 9 and the posted half of 6 are scored
per agency (Điều 14 k2): scores.py.
"""
from __future__ import annotations

import unicodedata
from datetime import date, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import case as sa_case, extract, func, select
from sqlalchemy.exc import IntegrityError

from portal.cases.models import Case, CaseEvent
from portal.cases.rules import Action, CaseStatus
from portal.core import audit
from portal.core.clock import to_local
from portal.core.db import db
from portal.core.errors import DomainError, NotAllowed
from portal.core.stats import quarter_of
from portal.satisfaction import rules, tt01
from portal.satisfaction.models import Rating
from portal.satisfaction.rules import Channel

NOT_RETURNED = _l("The result of this case has not been returned yet: it can be rated once the result is handed over.")
ALREADY_RATED = _l("This case has already been rated. Each case can be rated only once.")
HANDLER_REFUSED = _l("This account handled the case: it cannot enter or open a rating of this case.")
OWN_SLIP = _l("This account received the case at the desk: its rating sets this account's score, so it may not "
              "enter the slip. Ask a colleague to type it.")
STAFF_ONLINE = _l("You are signed in as staff. The online rating is for citizens only: staff may not rate cases "
                  "here. Sign out, or type a paper slip in the staff pages (not for your own cases).")
CHOOSE = _l("Choose one answer.")


def scale() -> int:
    return int(current_app.config.get("SATISFACTION_SCALE", 3))


def is_rated(case_id: int) -> bool:
    return db.session.scalar(select(Rating.id).where(Rating.case_id == case_id)) is not None


def check_may_open(case: Case, user) -> None:
    """The tablet or the paper form for this case: refused unless returned, unrated, and not the handler."""
    if user is not None and case.handler_id is not None and getattr(user, "id", None) == case.handler_id:
        raise DomainError(HANDLER_REFUSED, field="code")
    if case.status != CaseStatus.RETURNED:
        raise DomainError(NOT_RETURNED)
    if is_rated(case.id):
        raise DomainError(ALREADY_RATED)


def check_not_rated_officer(case: Case, user) -> None:
    """A paper slip is typed by staff: refused to the officer whose score it sets (the desk officer who
    received the case, Rating.officer_id) as to its handler (check_may_open). On the desk tablet the citizen
    answers in the receiving officer's session by design: only the handler is refused there."""
    if user is not None and case.received_by_id is not None and getattr(user, "id", None) == case.received_by_id:
        raise DomainError(OWN_SLIP, field="code")


def record_rating(case: Case, answers: dict, *, channel: Channel, now: datetime, actor=None,
                  entered_by=None) -> Rating:
    """Check, score and store the one rating of a returned case. `actor`: whoever is signed in (online);
    `entered_by`: the staff member who typed the paper slip or opened the tablet."""
    channel = Channel(channel)
    if channel == Channel.ONLINE and getattr(actor, "is_authenticated", False):
        raise NotAllowed(STAFF_ONLINE)
    check_may_open(case, entered_by)
    if actor is not None and actor is not entered_by:
        check_may_open(case, actor)
    if channel == Channel.PAPER:
        check_not_rated_officer(case, entered_by)
        if actor is not None and actor is not entered_by:
            check_not_rated_officer(case, actor)
    answers = _checked_answers(case, answers, channel)
    points = compute_points(case, answers, now)
    rating = Rating(case_id=case.id, channel=channel, scale=answers["scale"], level=answers["level"],
                    satisfied=rules.is_satisfied(answers["level"]), contacts=answers["contacts"],
                    agencies=answers["agencies"], attitude=answers["attitude"], comment=answers["comment"],
                    rated_at=now, rated_on=to_local(now).date(),
                    entered_by_id=getattr(entered_by, "id", None) if channel != Channel.ONLINE else None,
                    unit_id=case.handling_unit_id, procedure_id=case.procedure_id, officer_id=case.received_by_id,
                    handler_id=case.handler_id, officer_score=points.officer, agency_score=None,
                    **_columns(points))
    try:
        with db.session.begin_nested():  # a parallel second rating loses on the unique case_id
            db.session.add(rating)
            db.session.flush()
    except IntegrityError:
        raise DomainError(ALREADY_RATED) from None
    _audit(rating, case, channel, entered_by)
    _after_store(rating)
    return rating


def _audit(rating: Rating, case: Case, channel: Channel, entered_by) -> None:
    after = {"case": case.code, "channel": channel.value, "level": rating.level.value,
             "officer_score": rating.officer_score}
    if channel == Channel.ONLINE:  # nobody to name: no actor, no address, no comment
        event = audit.record("rating.online", "case_rating", rating.id, after=after, summary=case.code,
                             actor=_Anonymous())
        event.ip_address = None
        return
    audit.record(f"rating.{channel.value}", "case_rating", rating.id, after=after, summary=case.code, actor=entered_by)


class _Anonymous:
    id = None
    full_name = "public"


def _after_store(rating: Rating) -> None:
    """Hook called once a rating is stored, inside the same transaction (before the view commits).
    The monthly rollup behind the manager dashboard is updated here."""
    from portal.satisfaction import rollup

    rollup.add(rating)


def _checked_answers(case: Case, answers: dict, channel: Channel) -> dict:
    current_scale = scale()
    level = (answers.get("level") or "").strip()
    if not rules.valid_level(current_scale, level):
        raise DomainError(CHOOSE, field="level")
    if channel == Channel.TABLET:
        contacts, agencies = record_contacts(case), record_agencies(case)
    else:
        contacts = _int_in(answers.get("contacts"), rules.Contacts, "contacts")
        agencies = _int_in(answers.get("agencies"), rules.Agencies, "agencies")
    attitude = (answers.get("attitude") or "").strip()
    if attitude not in {a.value for a in rules.Attitude}:
        raise DomainError(CHOOSE, field="attitude")
    comment = unicodedata.normalize("NFC", (answers.get("comment") or "").replace("\r\n", "\n").replace("\r", "\n"))
    comment = comment.strip()
    if len(comment) > rules.COMMENT_MAX:
        raise DomainError(_l("The comment may have at most %(n)s characters.", n=rules.COMMENT_MAX), field="comment")
    return {"scale": current_scale, "level": rules.Level(level), "contacts": int(contacts),
            "agencies": int(agencies), "attitude": rules.Attitude(attitude), "comment": comment}


def _int_in(value, enum_cls, field: str) -> int:
    try:
        return enum_cls(int(value)).value
    except (TypeError, ValueError):
        raise DomainError(CHOOSE, field=field) from None


def _supplement_requests(case: Case) -> int:
    return db.session.scalar(select(func.count(CaseEvent.id)).where(
        CaseEvent.case_id == case.id, CaseEvent.action == Action.REQUEST_SUPPLEMENT.value)) or 0


def record_contacts(case: Case) -> int:
    """Indicator 3 from the record: how many times the file was sent back for supplements."""
    return int(tt01.contacts_from_record(_supplement_requests(case)))


def record_agencies(case: Case) -> int:
    """Indicator 4 from the record (tablet): none when never sent back, else the one-stop desk only."""
    return int(tt01.agencies_from_record(_supplement_requests(case)))


def _columns(points: tt01.Points) -> dict:
    return {"i1": points.i1, "i2": points.i2, "i3": points.i3, "i4": points.i4, "i5": None, "i6": points.i6,
            "i7": points.i7, "i8": None, "i9": None}


def compute_points(case: Case, answers: dict, now: datetime | None = None) -> tt01.Points:
    """The per-file indicators of a returned case (Điều 14 k1). `now` is not used: kept for callers."""
    from portal.procedures.rules import missing_components
    from portal.procedures.services import content_of

    timing = getattr(case.timing, "value", case.timing)
    legs = [tt01.day_timing(to_local(leg.answered_at).date() if leg.answered_at else None, to_local(leg.due_at).date())
            for leg in case.legs]
    version = case.procedure_version
    published = version is not None and version.published_at is not None
    complete = published and not missing_components(content_of(version))
    conduct = rules.Attitude(answers["attitude"]) == rules.Attitude.HARASSING or conduct_feedback(case)
    return tt01.Points(i1=tt01.points_time(timing), i2=tt01.points_units(legs, timing),
                        i3=tt01.points_contacts(answers["contacts"]), i4=tt01.points_agencies(answers["agencies"]),
                        i6=tt01.electronic_publication(published, complete),
                        i7=tt01.points_conduct(timing, conduct))


def conduct_feedback(case: Case) -> bool:
    """Is there a phản ánh, kiến nghị about conduct naming this case (TT 01/2018 Điều 13 k7 c): category
    "obstruction" (delay, harassment, non- or wrong implementation — the clause's own list) or classified
    by staff as about behaviour; merged duplicates, those not accepted and those sent to another body left
    out. The portal records no conclusion that a phản ánh was untrue or slander (the clause's exception):
    such a one is closed by staff as not accepted, or it counts."""
    from portal.feedback.models import Feedback
    from portal.feedback.vocabulary import Category, FeedbackStatus, Subject

    stmt = select(Feedback.id).where(
        Feedback.case_code == case.code, Feedback.merged_into_id.is_(None),
        Feedback.status.not_in([FeedbackStatus.REJECTED, FeedbackStatus.TRANSFERRED]),
        (Feedback.subject == Subject.BEHAVIOUR) | (Feedback.category == Category.OBSTRUCTION)).limit(1)
    return db.session.scalar(stmt) is not None


def rescore(first: date | None = None, last: date | None = None) -> int:
    """Recompute the stored per-file points of the ratings given from `first` to `last` (local dates,
    inclusive; None: open) from the case records as they are now — after case timings were corrected or a
    phản ánh about conduct arrived — and rebuild the rollups of those months. Returns how many changed."""
    from portal.satisfaction import rollup

    stmt = select(Rating).order_by(Rating.id)
    if first:
        stmt = stmt.where(Rating.rated_on >= first)
    if last:
        stmt = stmt.where(Rating.rated_on <= last)
    changed = 0
    for rating in db.session.scalars(stmt):
        answers = {"contacts": rating.contacts, "attitude": rating.attitude,
                   "agencies": record_agencies(rating.case) if rating.channel == Channel.TABLET else rating.agencies}
        points = compute_points(rating.case, answers)
        columns = {**_columns(points), "agencies": answers["agencies"], "officer_score": points.officer,
                   "agency_score": None}
        if any(getattr(rating, k) != v for k, v in columns.items()):
            for k, v in columns.items():
                setattr(rating, k, v)
            changed += 1
    db.session.flush()
    rollup.rebuild(first.year * 100 + first.month if first else None, last.year * 100 + last.month if last else None)
    return changed


# ---------------------------------------------------------------- queries for the pages

def find_case(code: str) -> Case | None:
    from portal.cases.services import find_by_code

    return find_by_code(code)


def returned_unrated(unit_ids: list[int] | None, since: datetime, limit: int = 30) -> list[Case]:
    """Cases returned since `since` and not yet rated, latest first (the tablet's waiting screen);
    `unit_ids` None: every unit."""
    stmt = (select(Case).outerjoin(Rating, Rating.case_id == Case.id)
            .where(Case.status == CaseStatus.RETURNED, Case.returned_at >= since, Rating.id.is_(None))
            .order_by(Case.returned_at.desc(), Case.id.desc()).limit(limit))
    if unit_ids is not None:
        stmt = stmt.where(Case.unit_id.in_(unit_ids) | Case.handling_unit_id.in_(unit_ids))
    return list(db.session.scalars(stmt))


def quarterly_by_unit(year: int) -> dict[tuple[int, int], tuple[int, int]]:
    """{(unit_id, quarter): (satisfied, ratings)} for ratings given in `year` (local dates)."""
    month = extract("month", Rating.rated_on)
    stmt = (select(Rating.unit_id, month, func.sum(sa_case((Rating.satisfied, 1), else_=0)), func.count(Rating.id))
            .where(Rating.rated_on >= date(year, 1, 1), Rating.rated_on <= date(year, 12, 31))
            .group_by(Rating.unit_id, month))
    result: dict[tuple[int, int], tuple[int, int]] = {}
    for unit_id, m, k, n in db.session.execute(stmt):
        key = (unit_id, quarter_of(year * 100 + int(m)))
        old_k, old_n = result.get(key, (0, 0))
        result[key] = (old_k + int(k or 0), old_n + int(n))
    return result


def rating_years() -> list[int]:
    first, last = db.session.execute(select(func.min(Rating.rated_on), func.max(Rating.rated_on))).one()
    if first is None:
        return []
    return list(range(last.year, first.year - 1, -1))
