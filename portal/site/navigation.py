"""Which sections each role sees. Later issues add their sections here."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.core.access import Role


@dataclass(frozen=True)
class Section:
    endpoint: str
    title: object
    description: object
    roles: frozenset  # empty: every staff member
    icon: str = "folder"


STAFF_SECTIONS = (
    Section("cases.intake", _l("One-stop desk: receive a case"),
            _l("Check the documents, register the case and print the receipt, or issue a supplement or refusal slip."),
            frozenset({Role.DESK_OFFICER}), "inbox"),
    Section("cases.worklist", _l("Cases"),
            _l("My cases and my unit's cases, by due date, with what is due soon or overdue."),
            frozenset({Role.HANDLER, Role.UNIT_HEAD, Role.DESK_OFFICER, Role.MANAGER}), "folder"),
    Section("feedback_staff.index", _l("Feedback and petitions"),
            _l("Register, route, answer and publish phản ánh, kiến nghị within their deadlines."),
            frozenset({Role.DESK_OFFICER, Role.HANDLER, Role.UNIT_HEAD, Role.MANAGER}), "inbox"),
    Section("workdays.calendar", _l("Working-day calendar"),
            _l("Holidays, make-up working days and local exceptions used for every deadline."),
            frozenset(), "calendar"),
    Section("procedures_staff.index", _l("Procedure catalogue"),
            _l("Draft changes to administrative procedures; managers publish them with the decision."),
            frozenset({Role.MANAGER, Role.UNIT_HEAD, Role.HANDLER}), "book"),
    Section("cases.statistics", _l("Case statistics"),
            _l("Cases received, returned early, on time and late, overdue and apologised, by unit and procedure."),
            frozenset({Role.MANAGER, Role.UNIT_HEAD}), "chart"),
    Section("units.index", _l("Units"), _l("Offices, wards and communes of the town."),
            frozenset({Role.MANAGER}), "building"),
    Section("users.index", _l("Staff accounts"), _l("Create accounts, assign roles, reset passwords."),
            frozenset({Role.ADMIN}), "users"),
    Section("feedback_staff.channels_edit", _l("Feedback channels"),
            _l("Address, hotline, e-mail and rules published for citizens."), frozenset({Role.ADMIN}), "phone"),
    Section("audit.index", _l("Audit log"), _l("Who changed what, and when."),
            frozenset({Role.ADMIN}), "log"),
)


def staff_sections(user) -> list[Section]:
    held = user.role_set
    return [s for s in STAFF_SECTIONS if not s.roles or Role.ADMIN in held or held & s.roles]



@dataclass(frozen=True)
class PublicLink:
    endpoint: str
    title: object


# Public sections in menu order; each appears once its feature is installed.
PUBLIC_LINKS = (
    PublicLink("procedures.index", _l("Procedures")),
    PublicLink("cases_public.lookup", _l("Look up a case")),
    PublicLink("feedback.index", _l("Feedback")),
    PublicLink("surveys.public", _l("Satisfaction")),
    PublicLink("cases_public.statistics", _l("Statistics")),
)


def public_links(view_functions) -> list[PublicLink]:
    return [link for link in PUBLIC_LINKS if link.endpoint in view_functions]
