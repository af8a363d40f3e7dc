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
    Section("forecast.at_risk", _l("At risk of being late"),
            _l("Open cases by their chance of missing the legal due day, or by the last day an apology is still in "
               "time, with the reasons."),
            frozenset({Role.UNIT_HEAD, Role.MANAGER}), "calendar"),
    Section("feedback_staff.index", _l("Feedback and petitions"),
            _l("Register, route, answer and publish phản ánh, kiến nghị within their deadlines."),
            frozenset({Role.DESK_OFFICER, Role.HANDLER, Role.UNIT_HEAD, Role.MANAGER}), "inbox"),
    Section("satisfaction.tablet", _l("Rating tablet"),
            _l("Hand the tablet to the citizen after returning a result: a rating in three taps."),
            frozenset({Role.DESK_OFFICER}), "chart"),
    Section("satisfaction.paper", _l("Paper rating slips"),
            _l("Type in the satisfaction slips citizens filled in on paper."),
            frozenset({Role.DESK_OFFICER, Role.UNIT_HEAD, Role.MANAGER}), "inbox"),
    Section("workdays.calendar", _l("Working-day calendar"),
            _l("Holidays, make-up working days and local exceptions used for every deadline."),
            frozenset(), "calendar"),
    Section("procedures_staff.index", _l("Procedure catalogue"),
            _l("Draft changes to administrative procedures; managers publish them with the decision."),
            frozenset({Role.MANAGER, Role.UNIT_HEAD, Role.HANDLER}), "book"),
    Section("cases.statistics", _l("Case statistics"),
            _l("Cases received, returned early, on time and late, overdue and apologised, by unit and procedure."),
            frozenset({Role.MANAGER, Role.UNIT_HEAD}), "chart"),
    Section("feedback_staff.statistics", _l("Feedback statistics"),
            _l("Feedback received by channel and category, handled on time or late, overdue, and satisfaction."),
            frozenset({Role.MANAGER, Role.UNIT_HEAD}), "chart"),
    Section("satisfaction_dashboard.dashboard", _l("Satisfaction dashboard"),
            _l("Per-case ratings: share satisfied with n and interval, response rate, trend, TT 01/2018 scores."),
            frozenset({Role.MANAGER, Role.UNIT_HEAD}), "chart"),
    Section("surveys_staff.index", _l("Satisfaction surveys"),
            _l("Survey campaigns (SIPAS): questions, printed slips and samples, results and reports."),
            frozenset({Role.MANAGER}), "chart"),
    Section("plan.index", _l("Reform plan"),
            _l("The annual administrative-reform plan: fields, results and activities with budget, lead unit and months; import and export as XLSX."),
            frozenset({Role.MANAGER, Role.UNIT_HEAD}), "book"),
    Section("plan.my_activities", _l("My plan activities"),
            _l("The reform-plan activities your unit leads, late ones first: report progress with evidence."),
            frozenset({Role.UNIT_HEAD, Role.HANDLER}), "calendar"),
    Section("plan.overview", _l("Manager overview"),
            _l("The QĐ 766 figures for a period and unit, with formulas and trends, and live: late cases without an "
               "apology (target 0), apologies issued in time, warnings sent and acted on."),
            frozenset({Role.MANAGER}), "chart"),
    Section("units.index", _l("Units"), _l("Offices, departments and ward or commune committees, with their names over time."),
            frozenset({Role.MANAGER}), "building"),
    Section("organisation.index", _l("Organisation name and address"),
            _l("The committee's name, issuer lines and address over time, as documents print them."),
            frozenset({Role.ADMIN}), "building"),
    Section("users.index", _l("Staff accounts"), _l("Create accounts, assign roles, reset passwords."),
            frozenset({Role.ADMIN}), "users"),
    Section("feedback_staff.channels_edit", _l("Feedback channels"),
            _l("Address, hotline, e-mail and rules published for citizens."), frozenset({Role.ADMIN}), "phone"),
    Section("feedback_staff.topics_index", _l("Feedback topics"),
            _l("Everyday topics citizens pick, each with its category and handling unit."),
            frozenset({Role.ADMIN}), "phone"),
    Section("open311_staff.keys", _l("Open311 API keys"),
            _l("Issue and revoke the keys partner applications use to send feedback."), frozenset({Role.ADMIN}), "key"),
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


# Public sections in menu order (every blueprint is always registered: tests/core/test_public_nav.py).
PUBLIC_LINKS = (
    PublicLink("procedures.index", _l("Procedures")),
    PublicLink("cases_public.lookup", _l("Look up a case")),
    PublicLink("feedback.index", _l("Feedback")),
    PublicLink("satisfaction_public.figures", _l("Satisfaction")),
    PublicLink("cases_public.statistics", _l("Statistics")),
)
