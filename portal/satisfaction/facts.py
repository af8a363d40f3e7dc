"""Facts of TT 01/2018 indicators 5, 6, 8 and 9 that the portal cannot know, recorded by an administrator per
unit and period (a year, or one quarter of it): the desk model (Điều 13 k5), posting at the desk (k6),
protracted phản ánh, kiến nghị (k8), the share of files received online and late online files (k9).
Flush and audit; the view commits. A field left empty is "not recorded" (NULL): the indicator needing it is
then not scored (Điều 15 k4 b)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core import audit
from portal.core.db import db
from portal.core.errors import DomainError
from portal.satisfaction.models import AgencyFact

PCT_INVALID = _l("Enter a percentage from 0 to 100 (one decimal at most), or leave it empty if not known.")
STALE = _l("Someone else changed these facts meanwhile. Reload the page and enter them again.")
BAD_PERIOD = _l("Choose a year and a quarter (or the whole year).")


def find(unit_id: int, year: int, quarter: int) -> AgencyFact | None:
    return db.session.scalar(select(AgencyFact).where(AgencyFact.unit_id == unit_id, AgencyFact.year == year,
                                                      AgencyFact.quarter == quarter))


def of_period(year: int, quarter: int) -> dict[int, AgencyFact]:
    return {f.unit_id: f for f in db.session.scalars(select(AgencyFact).where(AgencyFact.year == year,
                                                                             AgencyFact.quarter == quarter))}


def parse_pct(raw, field: str) -> Decimal | None:
    text = (raw or "").strip().replace(",", ".").rstrip("%").strip() if isinstance(raw, str) else raw
    if text in ("", None):
        return None
    try:
        value = Decimal(str(text))
    except InvalidOperation:
        raise DomainError(PCT_INVALID, field=field) from None
    if not value.is_finite() or value < 0 or value > 100 or value != value.quantize(Decimal("0.1")):
        raise DomainError(PCT_INVALID, field=field)
    return value.quantize(Decimal("0.1"))


def parse_flag(raw) -> bool | None:
    return {"yes": True, "no": False}.get((raw or "").strip() if isinstance(raw, str) else raw)


def _plain(fact: AgencyFact) -> dict:
    out = {}
    for name in AgencyFact.FIELDS:
        value = getattr(fact, name)
        out[name] = str(value) if isinstance(value, Decimal) else value
    out["note"] = fact.note
    return out


def record(unit, year: int, quarter: int, values: dict, *, now: datetime, actor, expected_version: int | None = None
           ) -> AgencyFact:
    """Create or replace the facts of `unit` for (year, quarter); quarter 0 = the whole year. `values` holds
    the raw form answers: pct fields as text, flags as "yes" / "no" / "" (not recorded)."""
    if not (2000 <= int(year) <= 2100 and 0 <= int(quarter) <= 4):
        raise DomainError(BAD_PERIOD)
    parsed = {"desk_decided_pct": parse_pct(values.get("desk_decided_pct"), "desk_decided_pct"),
              "online_files_pct": parse_pct(values.get("online_files_pct"), "online_files_pct"),
              **{name: parse_flag(values.get(name)) for name in ("desk_all_received", "posted",
                                                                 "protracted_feedback", "online_late")}}
    note = (values.get("note") or "").strip()[:2000]
    fact = find(unit.id, year, quarter)
    before = None
    if fact is None:
        fact = AgencyFact(unit_id=unit.id, year=year, quarter=quarter, note="", version=0)
        db.session.add(fact)
    else:
        if expected_version is not None and fact.version != expected_version:
            raise DomainError(STALE)
        before = _plain(fact)
    for name, value in parsed.items():
        setattr(fact, name, value)
    fact.note = note
    fact.recorded_by_id = getattr(actor, "id", None)
    fact.recorded_at = now
    fact.version = (fact.version or 0) + 1
    db.session.flush()
    period = f"{quarter}/{year}" if quarter else str(year)
    audit.record("tt01_fact.record", "tt01_agency_fact", fact.id, before=before, after=_plain(fact),
                 summary=f"{unit.code} {period}", actor=actor)
    return fact
