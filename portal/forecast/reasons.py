"""A forecast's reasons in words, in the request's language. Stored as keys and numbers (CaseForecast.reasons:
[{"key", "params"}], no personal data) so a change of language or wording needs no recomputation."""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l

GROUP_WORDS = {
    "procedure_unit_load": _l("this procedure at %(unit)s, with a similar open load"),
    "procedure_unit": _l("this procedure at %(unit)s"),
    "procedure": _l("this procedure (all units)"),
    "unit": _l("%(unit)s (all procedures)"),
    "point": _l("all units and procedures at the same step"),
    "days_left": _l("all cases"),
    "all": _l("all cases"),
}
STEP_WORDS = {"waiting": _l("waiting to be assigned"), "in_progress": _l("being handled"),
              "supplement": _l("waiting for a supplement")}


def _group(p: dict) -> str:
    words = str(GROUP_WORDS.get(p.get("level"), GROUP_WORDS["all"])) % {"unit": p.get("unit") or "—"}
    if p.get("step") in STEP_WORDS and p.get("level") not in ("days_left", "all"):
        words = _("%(group)s, %(step)s", group=words, step=STEP_WORDS[p["step"]])
    if p.get("level") == "all":
        return _("Few past cases to compare with: of %(n)d observations (a past case on each working day it was "
                 "open), %(late)d were of cases finished after the legal due day.", n=p.get("n", 0),
                 late=p.get("late", 0))
    if p.get("days_left") is None or p["days_left"] < 0:  # waiting for a supplement, or already overdue
        return _("Of %(n)d past cases of %(group)s, %(late)d finished after the legal due day.",
                 n=p.get("n", 0), group=words, late=p.get("late", 0))
    return _("Of %(n)d past cases of %(group)s with %(days)d working days left, %(late)d finished after the legal "
             "due day.", n=p.get("n", 0), group=words, days=p["days_left"], late=p.get("late", 0))


def _consultation(p: dict) -> str:
    if p.get("median_days") is None:
        return _("Consultation with %(unit)s open %(days)d working days.", unit=p.get("unit", ""),
                 days=p.get("open_days", 0))
    return _("Consultation with %(unit)s open %(days)d working days; this unit's median for the step is "
             "%(median)d (%(n)d answers).", unit=p.get("unit", ""), days=p.get("open_days", 0),
             median=p["median_days"], n=p.get("n", 0))


def _one(reason: dict) -> str:
    key, p = reason.get("key"), reason.get("params") or {}
    if key == "group":
        return _group(p)
    if key == "consultation":
        return _consultation(p)
    if key == "overdue":
        return _("Already %(days)d working days past the legal due day.", days=p.get("days", 0))
    if key == "supplement":
        return _("Waiting for the applicant's supplement: the legal due day will move when it comes.")
    if key == "load":
        return _("The handler has %(n)d open cases (usual: %(usual)d or fewer).", n=p.get("open_cases", 0),
                 usual=p.get("usual", 0))
    if key == "apology":
        return _("An apology has already been issued.")
    if key == "naive":
        return _("Naive rule: similar cases needed %(median)d more working days (median); %(days)d are left.",
                 median=p.get("median_days", 0), days=max(0, p.get("days_left") or 0))
    return ""


def describe(reasons: list[dict]) -> list[str]:
    """The reasons in words, most important first (as stored); unknown keys are left out."""
    return [text for text in (_one(r) for r in reasons or []) if text]
