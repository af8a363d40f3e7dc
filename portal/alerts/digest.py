"""The words of the warnings: the morning digest e-mail in its recipient's language, and the note the case's trail
keeps (in Vietnamese, the language of the record, like the other trail notes). Links are absolute (the e-mail leaves
the site): the case page, or for the head's warning the pre-filled apology (Mẫu 04)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale, format_date, lazy_gettext as _l, ngettext

from portal.alerts.rules import WarningKind
from portal.core.i18n import DATE_FORMATS
from portal.core.text import nfc
from portal.core.urls import absolute_url_for
from portal.notify.messages import GREETING

TRAIL_LOCALE = "vi"

ROLE_NAMES = {
    WarningKind.HANDLER_DUE: _l("handler"),
    WarningKind.HEAD_APOLOGY: _l("head of the handling unit"),
    WarningKind.LEG_OVERDUE: _l("head of the receiving desk"),
    WarningKind.MANAGER_NO_APOLOGY: _l("manager"),
}
TRAIL_NOTES = {
    WarningKind.HANDLER_DUE: _l("Warning sent to %(name)s (%(role)s): the case is due on %(due)s; working days "
                                "left: %(left)s."),
    WarningKind.HEAD_APOLOGY: _l("Warning sent to %(name)s (%(role)s): %(last)s is the last day to issue the apology "
                                 "in time (due on %(due)s)."),
    WarningKind.LEG_OVERDUE: _l("Warning sent to %(name)s (%(role)s): the consultation with %(unit)s was due on "
                                "%(leg_due)s and has no answer (NĐ 61/2018 Điều 19 k5)."),
    WarningKind.MANAGER_NO_APOLOGY: _l("Warning sent to %(name)s (%(role)s): the case was due on %(due)s and has no "
                                       "apology."),
}
HEADINGS = {
    WarningKind.HEAD_APOLOGY: _l("Today is the last day to apologise in time. Review, correct and sign the drafted "
                                 "apology (Mẫu 04):"),
    WarningKind.HANDLER_DUE: _l("Due soon. Finish the case, or ask your unit head for an apology in time:"),
    WarningKind.LEG_OVERDUE: _l("Consultations past their deadline. Contact the consulted unit to settle the delay "
                                "(NĐ 61/2018 Điều 19 k5):"),
    WarningKind.MANAGER_NO_APOLOGY: _l("Past the legal due date without an apology. See that the handling unit "
                                       "apologises and finishes the case:"),
}
ORDER = (WarningKind.HEAD_APOLOGY, WarningKind.HANDLER_DUE, WarningKind.LEG_OVERDUE, WarningKind.MANAGER_NO_APOLOGY)
LINE = _l("%(code)s · %(procedure)s · due on %(due)s")
LEG_LINE = _l("%(code)s · %(procedure)s · consultation with %(unit)s due on %(leg_due)s")
INTRO = _l("These cases need your attention today, %(date)s.")
FOOTER = _l("You receive these warnings once a morning, on working days. Your settings: %(url)s")


@dataclass(frozen=True)
class Item:
    """One new warning as the digest and the trail tell it."""

    warning_id: int
    kind: WarningKind
    case_id: int
    code: str
    procedure: str
    due_day: date
    last_day: date | None = None  # the last day of an apology in time (head_apology)
    left: int = 0  # working days left (handler_due)
    leg_unit: str = ""
    leg_due_day: date | None = None


def link(item: Item) -> str:
    if item.kind == WarningKind.HEAD_APOLOGY:
        # The case page with its apology form pre-filled (cases.services.APOLOGY_DRAFT), scrolled to the form.
        return absolute_url_for("cases.show", case_id=item.case_id, draft="apology") + "#apology"
    return absolute_url_for("cases.show", case_id=item.case_id)


def _day(day: date | None, locale: str) -> str:
    return format_date(day, DATE_FORMATS[locale]) if day else ""


def _values(item: Item, locale: str) -> dict:
    return {"code": item.code, "procedure": item.procedure, "due": _day(item.due_day, locale),
            "last": _day(item.last_day, locale), "left": item.left, "unit": item.leg_unit,
            "leg_due": _day(item.leg_due_day, locale)}


def trail_note(item: Item, recipient_name: str) -> str:
    with force_locale(TRAIL_LOCALE):
        values = {**_values(item, TRAIL_LOCALE), "name": recipient_name, "role": str(ROLE_NAMES[item.kind])}
        return nfc(str(TRAIL_NOTES[item.kind] % values))


def digest(items: list[Item], *, name: str, today: date, locale: str) -> tuple[str, str]:
    """(subject, body) of one person's morning e-mail, in `locale` ("vi" or "en")."""
    with force_locale(locale):
        cases = len({i.case_id for i in items})
        subject = ngettext("Warnings for %(date)s: %(num)s case", "Warnings for %(date)s: %(num)s cases", cases,
                           date=_day(today, locale))
        lines = [str(GREETING % {"name": name}), "", str(INTRO % {"date": _day(today, locale)})]
        for kind in ORDER:
            group = sorted((i for i in items if i.kind == kind), key=lambda i: (i.due_day, i.code))
            if not group:
                continue
            lines += ["", str(HEADINGS[kind])]
            for item in group:
                text = LEG_LINE if kind == WarningKind.LEG_OVERDUE else LINE
                lines += [f"- {text % _values(item, locale)}", f"  {link(item)}"]
        lines += ["", str(FOOTER % {"url": absolute_url_for("alerts.settings")})]
        return nfc(str(subject)), nfc("\n".join(lines) + "\n")
