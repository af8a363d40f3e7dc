"""The organisation's own name, issuer lines and address over dates: queries and commands (issue 15 point 1).

`profile_on(day)` is what every printout, e-mail and export asks: the profile in force on the document's date,
else the configured organisation (COMMITTEE_NAME, COMMITTEE_ADDRESS …), so an install without rows prints as
before. `record_profile` records a new profile from a date, closing the one in force the day before.
"""
from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core import audit
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc
from portal.units import profiles
from portal.units.models import OrganisationProfile
from portal.units.profiles import Profile

RECORD_MESSAGES = {
    "before_current": _l("The new profile must start after the start of the one in force (%(day)s)."),
}
STALE = _l("Someone recorded another profile while you were reviewing this one. Nothing was saved; review the "
           "history and try again.")


def configured() -> Profile:
    """The organisation as configured: what documents print on a day no recorded profile covers."""
    cfg = current_app.config
    name = cfg["COMMITTEE_NAME"]
    return Profile(committee_name=name, short_name=profiles.shorten(name), issuer_line=name,
                   superior_name=cfg.get("SUPERIOR_NAME", ""), province=cfg.get("PROVINCE_NAME", ""),
                   place=profiles.place_of(cfg.get("TOWN_NAME", "")), address=cfg.get("COMMITTEE_ADDRESS", ""),
                   phone=cfg.get("COMMITTEE_PHONE", ""))


def history() -> list[OrganisationProfile]:
    """The recorded profiles, oldest first (a handful in any town's life)."""
    return list(db.session.scalars(select(OrganisationProfile).order_by(OrganisationProfile.valid_from)))


def profile_on(day: date) -> Profile:
    """The profile in force on `day` (a document's date: a case's receipt date, a report's date, today for an
    e-mail); the configured organisation when no recorded profile covers the day."""
    return profiles.profile_on(history(), day, configured())


def current_start() -> date | None:
    """The start of the profile in force (the form's `expected` value), None while none is recorded."""
    now = profiles.current(history())
    return now.valid_from if now else None


def _clean(values: dict) -> dict:
    return {name: nfc((values.get(name) or "").strip()) for name in profiles.TEXT_FIELDS}


def preview_profile(values: dict, valid_from: date) -> dict:
    """What recording `values` from `valid_from` would do, nothing written: the profile in force (or the configured
    one) until the day before, the new one from the date."""
    spans = history()
    problem = profiles.record_problem(spans, valid_from)
    if problem:
        raise DomainError(RECORD_MESSAGES[problem] % {"day": profiles.current(spans).valid_from.strftime("%d/%m/%Y")},
                          field="valid_from")
    now = profiles.current(spans)
    old = profiles.profile_on([now], now.valid_from, configured()) if now else configured()
    return {"old": old, "old_until": profiles.day_before(valid_from) if valid_from > profiles.EARLIEST else None,
            "old_recorded": now is not None,
            "new": Profile(**_clean(values), valid_from=valid_from), "valid_from": valid_from}


def record_profile(values: dict, *, valid_from: date, expected: date | None) -> OrganisationProfile:
    """Record the profile `values` (Profile's text fields) from `valid_from`, past or future: the profile in force
    ends the day before (the first time, the configured organisation is recorded as the profile until then, so a
    later change of the configuration does not rewrite old documents). `expected`: the start of the profile in
    force when the form was shown (current_start), refused with Conflict when another was recorded since."""
    if current_start() != expected:
        raise Conflict(STALE)
    plan = preview_profile(values, valid_from)
    now = profiles.current(history())
    before = audit.snapshot(now, OrganisationProfile.AUDITED) if now else None
    if now is not None:
        now.valid_to = plan["old_until"]
        db.session.flush()
    elif plan["old_until"] is not None:
        old = plan["old"]
        db.session.add(OrganisationProfile(**{n: getattr(old, n) for n in profiles.TEXT_FIELDS},
                                           valid_from=profiles.EARLIEST, valid_to=plan["old_until"]))
        db.session.flush()
    row = OrganisationProfile(**_clean(values), valid_from=valid_from)
    db.session.add(row)
    db.session.flush()
    audit.record("organisation.profile", "organisation_profile", row.id,
                 before={**(before or {}), "valid_until": plan["old_until"].isoformat() if plan["old_until"] else None},
                 after=audit.snapshot(row, OrganisationProfile.AUDITED),
                 summary=f"{plan['old'].committee_name} → {row.committee_name} ({valid_from:%d/%m/%Y})")
    return row
