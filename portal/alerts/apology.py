"""The draft of the Mẫu 04 the head's warning links to (the case page with ?draft=apology): the reason drafted from
the case's history (drafting.py) and the new date proposed from the breach forecast
(portal.forecast.services.likely_new_due) when the case has one, else the documented fallback
(drafting.fallback_new_due_day). The app factory hands draft_for to the case page (cases.services.APOLOGY_DRAFT);
the head reviews, edits and signs it there, so the form, the legal checks, the audit row and the citizen's message
stay in the cases domain."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from portal.alerts import drafting
from portal.cases.models import Case
from portal.core.clock import to_local
from portal.forecast.services import likely_new_due
from portal.workdays.services import calendar_for

# Trail rows whose note is not the handler's own remark: what was asked of other units and their answers (the legs
# say it), the citizen's supplement request (the supplement clause says it), the warnings, receipt and apology.
NOT_NOTES = frozenset({"receive", "warning", "apology", "consult", "consult_answer", "consult_closed",
                       "consult_reopened", "request_supplement", "reorganise"})


@dataclass(frozen=True)
class Draft:
    reason: str
    new_due_on: date
    new_due_time: time
    source: str  # "forecast" | "fallback"
    fallback_days: int = drafting.FALLBACK_WORKING_DAYS


def facts_of(case: Case) -> drafting.CaseFacts:
    def day(moment):
        return to_local(moment).date() if moment else None

    legs = tuple(drafting.LegFact(unit=leg.unit.name, sent_day=day(leg.sent_at), due_day=day(leg.due_at),
                                  answered_day=day(leg.answered_at)) for leg in case.legs)
    notes = tuple(e.note for e in case.events
                  if e.note and e.action not in NOT_NOTES and case.handler_id and e.actor_id == case.handler_id)
    return drafting.CaseFacts(due_day=day(case.original_due_at), legs=legs,
                              supplement_requested_day=day(case.supplement_requested_at) if case.supplement_requests
                              else None,
                              supplement_received_day=day(case.supplement_received_at), notes=notes)


def forecast_new_due(case: Case, now: datetime):
    """The forecast's proposed new return moment for the case, or None when it has no forecast."""
    return likely_new_due(case, now)


def draft_for(case: Case, now: datetime) -> Draft:
    today = to_local(now).date()
    facts = facts_of(case)
    cal = calendar_for(range(today.year - 1, today.year + 1), language="vi")
    at = to_local(case.due_at).timetz().replace(tzinfo=None)
    likely = forecast_new_due(case, now)
    if isinstance(likely, datetime):
        likely, at = to_local(likely).date(), to_local(likely).timetz().replace(tzinfo=None)
    if isinstance(likely, date) and likely > to_local(case.due_at).date():
        return Draft(drafting.draft_reason(facts, today, cal), likely, at, "forecast")
    return Draft(drafting.draft_reason(facts, today, cal), drafting.fallback_new_due_day(facts, today, cal), at,
                 "fallback")
