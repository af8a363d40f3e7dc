"""Staff side of one-stop cases: the case page with its next steps (intake at the desk: intake.py)."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import format_datetime, gettext as _, lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from portal.cases import documents, queries, rules, services
from portal.cases.forms import (
    ACTION_LABELS,
    CHANNEL_LABELS,
    DELIVERY_LABELS,
    EVENT_LABELS,
    LATENESS_LABELS,
    SCOPE_LABELS,
    STATUS_LABELS,
    TIMING_BADGES,
    TIMING_LABELS,
    ApologyForm,
    LegAnswerForm,
    LegForm,
    StepForm,
)
from portal.cases.legs import leg_timing
from portal.cases.models import Case, CaseLeg
from portal.cases.rules import Action, CaseStatus
from portal.cases.views import bp
from portal.core.access import Role, can_access_unit, roles_required
from portal.core.clock import local_tz, to_local, utcnow
from portal.core.db import db
from portal.core.errors import DomainError
from portal.core.htmx import render
from portal.core.numbers import parse_int
from portal.core.transaction import save
from portal.units.services import carried_by, unit_choices
from portal.workdays.services import calendar_for

CASE_STAFF = (Role.DESK_OFFICER, Role.HANDLER, Role.UNIT_HEAD, Role.MANAGER)
WORKLIST_SCOPE_LABELS = {**SCOPE_LABELS, "consulted": _l("Consultations waiting for my unit"),
                         "forwarded": _l("Received for other units")}
LEG_EVENT_LABELS = {"consult": _l("Consultation sent to another unit"),
                    "consult_answer": _l("Consultation answered"),
                    "consult_closed": _l("Consultation closed (case stopped)")}


CONFLICT = _l("Someone else changed this case a moment ago. Nothing was saved; the case is shown as it is now.")


@bp.context_processor
def _labels():
    return {"status_labels": STATUS_LABELS, "timing_labels": TIMING_LABELS, "timing_badges": TIMING_BADGES,
            "action_labels": ACTION_LABELS, "event_labels": {**EVENT_LABELS, **LEG_EVENT_LABELS},
            "delivery_labels": DELIVERY_LABELS, "lateness_labels": LATENESS_LABELS}


def _calendar(now: datetime):
    year = to_local(now).year
    return calendar_for(range(year - 1, year + 2), language="vi")


def _print_link(path: str) -> str | None:
    """Printed forms belong to another module: link to them only once their route exists."""
    try:
        current_app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:
        return None
    return request.script_root + path


# ---------------------------------------------------------------- the case page and its steps

def _is_case_unit(case: Case) -> bool:
    return (can_access_unit(current_user, case.unit_id) or can_access_unit(current_user, case.handling_unit_id)
            or can_access_unit(current_user, carried_by(case.unit_id)))  # a ceased desk's successor (reorganisation)


def _case_or_404(case_id: int) -> Case:
    """The receiving and handling units see the case; so does a unit consulted on it (it answers there,
    and `_may` still refuses it every other step)."""
    case = db.get_or_404(Case, case_id)
    if not (_is_case_unit(case) or any(current_user.unit_id == leg.unit_id for leg in case.legs
                                       if current_user.unit_id is not None)):
        abort(403)
    return case


def _may_consult(case: Case) -> bool:
    return rules.may_consult(roles=current_user.role_set, user_id=current_user.id, user_unit_id=current_user.unit_id,
                             handling_unit_id=case.handling_unit_id, handler_id=case.handler_id)


def _may_answer(case: Case, leg: CaseLeg) -> bool:
    return rules.may_answer_leg(roles=current_user.role_set, user_id=current_user.id,
                                user_unit_id=current_user.unit_id, leg_unit_id=leg.unit_id,
                                handling_unit_id=case.handling_unit_id, handler_id=case.handler_id)


def _may(case: Case, action: Action) -> bool:
    return rules.may_act(action, roles=current_user.role_set, user_id=current_user.id,
                         user_unit_id=current_user.unit_id, case_unit_id=carried_by(case.unit_id),
                         handling_unit_id=case.handling_unit_id, handler_id=case.handler_id)


def _may_apologise(case: Case) -> bool:
    return rules.may_apologise(roles=current_user.role_set, user_unit_id=current_user.unit_id,
                               handling_unit_id=case.handling_unit_id)


def _case_page(case: Case, status: int = 200, *, failed: tuple | None = None, apology_form=None, error=None,
               leg_form=None, answer_forms=None, draft: bool = False):
    """The page as the case is now; a failed form keeps what was typed, with the current version."""
    now = utcnow()
    cal = _calendar(now)
    step_forms = {}
    for action in rules.allowed_actions(case.status):
        if not _may(case, action):
            continue
        form = failed[1] if failed and failed[0] == action else StepForm(formdata=None, prefix=action.value)
        form.version.data = str(case.version)
        if action == Action.ASSIGN:
            form.handler_id.choices = [(h.id, h.full_name) for h in queries.handlers_of(case.handling_unit_id)]
            if not failed or failed[0] != action:  # a reassignment starts from who holds the file now
                form.handler_id.data = case.handler_id
        _label_reason(form, action)
        step_forms[action] = form
    may_be_late = case.status in rules.OPEN or case.timing == rules.Timing.LATE  # a late apology after the finish too
    if _may_apologise(case) and may_be_late and case.apology is None:
        apology_draft = _apology_draft(case, now) if draft and apology_form is None else None
        apology_form = apology_form or ApologyForm(formdata=None, prefix="apology")
        apology_form.version.data = str(case.version)
        if apology_draft is not None:
            apology_form.reason.data = apology_draft.reason
            apology_form.new_due_on.data = apology_draft.new_due_on
            apology_form.new_due_time.data = apology_draft.new_due_time
    else:
        apology_form = apology_draft = None
    if case.status == CaseStatus.IN_PROGRESS and _may_consult(case):
        leg_form = leg_form or LegForm(formdata=None, prefix="leg")
        leg_form.version.data = str(case.version)
        leg_form.unit_id.choices = [(0, _("Choose a unit"))] + [(i, name) for i, name in unit_choices()
                                                                 if i != case.handling_unit_id]
    else:
        leg_form = None
    answer_forms = answer_forms or {}
    legs = [(leg, leg_timing(leg, now, cal),
             (answer_forms.get(leg.id) or LegAnswerForm(formdata=None, prefix=f"answer-{leg.id}"))
             if leg.is_open and _may_answer(case, leg) else None) for leg in case.legs]
    own = _is_case_unit(case)  # a consulted unit sees the case, not its printed forms
    withdrawal = case.status == CaseStatus.WITHDRAWN and documents.has_form(case.regime, "withdrawal")
    timing = services.timing_of(case, to_local(now), cal)
    return render("cases/case.html", "cases/_partials/case_body.html", status, case=case,
                  unit_names=services.case_unit_names(case),  # the names valid on the receipt date
                  regime=rules.REGIMES.get(case.regime), channel_labels=CHANNEL_LABELS,
                  timing=timing, lateness=services.lateness_of(case, timing),
                  apology_window=services.apology_window(case, now) if apology_form else None,
                  apology_asks_date=case.status in rules.OPEN,  # a finished case keeps its finish date (issue_apology)
                  supplement_window=services.supplement_check(case, now)
                  if Action.REQUEST_SUPPLEMENT in step_forms else None,
                  step_forms=step_forms, apology_form=apology_form, apology_draft=apology_draft, error=error, leg_form=leg_form, legs=legs,
                  receipt_print=own and _print_link(f"/staff/cases/{case.id}/print/receipt"),
                  control_print=own and _print_link(f"/staff/cases/{case.id}/print/control"),
                  apology_print=own and case.apology and _print_link(f"/staff/cases/{case.id}/print/apology"),
                  withdrawal_print=own and withdrawal and _print_link(f"/staff/cases/{case.id}/print/withdrawal"),
                  # NĐ 61/2018 Điều 19 k4 (Mẫu 02 after acceptance) and k8 (refusal after appraisal)
                  supplement_print=own and case.supplement_requests
                  and _print_link(f"/staff/cases/{case.id}/print/supplement"),
                  refusal_print=own and case.status == CaseStatus.REFUSED
                  and _print_link(f"/staff/cases/{case.id}/print/refusal"))


@bp.route("/<int:case_id>")
@roles_required(*CASE_STAFF)
def show(case_id: int):
    """?draft=apology (the link of the unit head's warning): the apology form pre-filled (APOLOGY_DRAFT)."""
    return _case_page(_case_or_404(case_id), draft=request.args.get("draft") == "apology")


def _apology_draft(case: Case, now):
    drafter = current_app.extensions.get(services.APOLOGY_DRAFT)
    return drafter(case, now) if drafter is not None else None


def _expected_version(form) -> int:
    value = parse_int(form.version.data)
    if value is None:
        abort(400)
    return value


@bp.route("/<int:case_id>/steps/<action>", methods=["POST"])
@roles_required(*CASE_STAFF)
def step(case_id: int, action: str):
    case = _case_or_404(case_id)
    try:
        action = Action(action)
    except ValueError:
        abort(404)
    if not _may(case, action):
        abort(403)
    form = StepForm(prefix=action.value)
    if action in rules.CONFIRMED and request.form.get(f"{action.value}-confirmed") != "1":
        return _confirm_step(case, action, form)
    outcome = save(form, lambda: services.transition(
        case, action, now=utcnow(), expected_version=_expected_version(form), actor=current_user,
        note=form.note.data or "", handler_id=form.handler_id.data if action == Action.ASSIGN else None),
        attach=_beside_its_field, conflict=CONFLICT)
    if outcome.ok:
        flash(_("Done: %(step)s. The case is now “%(status)s”.", step=ACTION_LABELS[action],
                status=STATUS_LABELS[case.status]), "success")
        return redirect(url_for("cases.show", case_id=case.id))
    return _case_page(case, outcome.status, failed=(action, form), error=outcome.message)


REASON_LABELS = {Action.WITHDRAW: _l("The applicant's reason for withdrawing"),
                 Action.REOPEN: _l("Why the withdrawal is undone")}


def _label_reason(form, action: Action) -> None:
    if action in REASON_LABELS:
        form.note.label.text = REASON_LABELS[action]


def _confirm_step(case: Case, action: Action, form):
    """A withdrawal or a reopening is confirmed on a second page that says what will happen. The reason is
    checked first (beside its field on the case page, what was typed kept); "Back" returns there with it."""
    _label_reason(form, action)
    back = request.form.get("back") == "1"
    if not form.validate_on_submit() or back or rules.note_missing(action, form.note.data):
        if not back and rules.note_missing(action, form.note.data):
            form.note.errors = [services.NOTE_MESSAGES[action]]
        failed = form.errors and not back
        return _case_page(case, 422 if failed else 200, failed=(action, form),
                          error=services.NOTE_MESSAGES[action] if failed else None)
    if _expected_version(form) != case.version:  # changed since the officer looked: say so now, not after
        return _case_page(case, 409, failed=(action, form), error=CONFLICT)
    legs = [leg.unit.name for leg in case.legs if leg.is_open]
    return render("cases/confirm_step.html", "cases/_partials/confirm_step.html", case=case, action=action,
                  form=form, open_legs=legs, regime=rules.REGIMES.get(case.regime),
                  notice=documents.has_form(case.regime, "withdrawal"),
                  reopened_to=STATUS_LABELS[rules.reopened_status(services.status_before_withdrawal(case))]
                  if action == Action.REOPEN else None)


def _beside_its_field(form, err: DomainError) -> None:
    """The reason beside the field it refuses (the page's banner says it too); nothing for the form as a whole."""
    name = "new_due_on" if err.field == "new_due_at" else err.field  # the apology form asks for the date alone
    if name and getattr(form, name, None) is not None:
        getattr(form, name).errors = [err.message]


@bp.route("/<int:case_id>/apology", methods=["POST"])
@roles_required(Role.UNIT_HEAD)
def apologise(case_id: int):
    case = _case_or_404(case_id)
    if not _may_apologise(case):
        abort(403)
    form = ApologyForm(prefix="apology")

    def issue():
        at = form.new_due_time.data or to_local(case.due_at).timetz().replace(tzinfo=None)
        new_due = (datetime.combine(form.new_due_on.data, at, local_tz()).astimezone(UTC)
                   if form.new_due_on.data else None)
        return services.issue_apology(case, reason=form.reason.data, new_due_at=new_due, now=utcnow(),
                                      expected_version=_expected_version(form), actor=current_user,
                                      lost_file=form.lost_file.data)

    outcome = save(form, issue, attach=_beside_its_field, conflict=CONFLICT)
    if not outcome.ok:
        return _case_page(case, outcome.status, apology_form=form, error=outcome.message)
    apology = outcome.value
    flash(_("Apology issued; the new return date is %(due)s. The desk informs the applicant.",
            due=format_datetime(apology.new_due_at)), "success")
    if apology.kind != rules.ApologyKind.IN_TIME:
        flash(_("It is recorded as a late apology: the case stays late against the date promised at receipt."),
              "info")
    return redirect(url_for("cases.show", case_id=case.id))
