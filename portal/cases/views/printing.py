"""Printed forms (Mẫu 01–07) as A5/A4 sheets and as DOCX downloads (`?format=docx`).

Each view loads, authorises (the receiving or handling unit, managers, admins), turns the records
into plain local-time data and lets `documents` (or `documents_after`) assemble the form; HTML and
DOCX render the same Form.
"""
from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

from flask import abort, current_app, render_template, request, send_file, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.cases import documents, documents_after, docx_forms, rules, services
from portal.cases.models import Case, IntakeSlip
from portal.cases.rules import Action, CaseStatus
from portal.cases.views import bp
from portal.cases.views.issued_codes import take_for_receipt
from portal.core.access import can_access_unit, staff_required
from portal.core.clock import local_tz, to_local, today_local
from portal.core.db import db
from portal.core.numbers import int_arg
from portal.procedures.sheets import qr_svg
from portal.units.models import Unit
from portal.units.organisation import profile_on
from portal.units.services import name_on, names_on

REGISTER_LIMIT = 2000  # rows per printed register; a longer period is printed in parts
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PAGE_TITLES = {"receipt": _l("Receipt and appointment slip"), "supplement": _l("Request to complete the file"),
               "refusal": _l("Refusal slip"), "apology": _l("Apology and new return date"),
               "control": _l("Case control slip"), "register": _l("Case register"),
               "withdrawal": _l("Notice of stopping the case"),
               "appraisal_refusal": _l("Refusal after appraisal")}


def _org(unit: Unit, day: date, desk: Unit | None = None) -> documents.Org:
    """The issuer of a document dated `day` (the case's receipt date, the slip's issue date, the register's
    first day): the unit's name valid that day, not today's."""
    profile = profile_on(day)  # the organisation's name, issuer line and place of that day (issue 15 point 1)
    unit_name = name_on(unit, day)
    return documents.Org(committee=documents.issuer_above(unit_name, profile), unit=unit_name, place=profile.place,
                         centre=_centre(desk or unit, day))


def _case_org(case: Case, unit: Unit) -> documents.Org:
    return _org(unit, services.receipt_day(case), desk=case.unit)


def _centre(desk: Unit, day: date) -> str:
    """The receiving desk's name on the 2025 forms: "Trung tâm Phục vụ hành chính công …" of the receiving unit
    (config SERVICE_CENTRE_NAMES by unit code, else derived from the unit's name valid on the document's `day`;
    documents.centre_name)."""
    return documents.centre_name(name_on(desk, day), current_app.config["SERVICE_CENTRE_NAMES"].get(desk.code, ""))


def receipt_case(case_id: int) -> Case:
    """The case whose printed forms (and receipt, and a new access code) this officer may have."""
    case = db.get_or_404(Case, case_id)
    if not (can_access_unit(current_user, case.unit_id) or can_access_unit(current_user, case.handling_unit_id)):
        abort(403)
    return case


def _lookup_url(code: str) -> str:
    return url_for("cases_public.lookup", code=code, _external=True)


def _case_data(case: Case, names: dict | None = None) -> dict:
    """`names`: {(unit_id, day): name} already loaded for many cases (the register); else one query."""
    return {"code": case.code, "regime": case.regime, "applicant_name": case.applicant_name,
            "applicant_id_number": case.applicant_id_number, "applicant_address": case.applicant_address,
            "applicant_phone": case.applicant_phone, "applicant_email": case.applicant_email,
            "applicant_kind": case.applicant_kind, "representative_name": case.representative_name,
            "representative_id_number": case.representative_id_number,
            "representative_basis": case.representative_basis, "authorisation_number": case.authorisation_number,
            "authorisation_date": case.authorisation_date, "procedure_name": case.procedure_version.name,
            "documents": case.documents or [], "sets": case.sets, "processing_days": case.processing_days,
            "received_at": to_local(case.received_at), "due_at": to_local(case.due_at),
            "original_due_at": to_local(case.original_due_at),
            "apology_kind": case.apology.kind.value if case.apology else None,
            "apology_new_due_at": to_local(case.apology.new_due_at) if case.apology else None,
            "returned_at": to_local(case.returned_at) if case.returned_at else None, "delivery": case.delivery,
            "handling_unit": (names or {}).get((case.handling_unit_id, services.receipt_day(case)))
            or services.case_unit_names(case)["handling_unit"],
            "received_by": case.received_by.full_name if case.received_by else "",
            # TT 01/2018 Điều 10: the book of the desk's year and the number in it, the same on Mẫu 01 and 06/07
            "register_book": str(case.register_year or ""),
            "register_number": documents.register_number(case.register_number)}


def _respond(form: documents.Form, filename_code: str, back_url: str, **extra):
    if request.args.get("format") == "docx":
        number = form.form_number.rsplit(" ", 1)[-1] if form.form_number else ""
        name = f"mau-{number}-{form.key}-{filename_code}.docx" if number else f"{form.key}-{filename_code}.docx"
        return send_file(io.BytesIO(docx_forms.render(form)), mimetype=DOCX_MIME, as_attachment=True,
                         download_name=name)
    qr = qr_svg(form.access["url"]) if form.access else None
    return render_template("cases/print/form.html", form=form, page_title=PAGE_TITLES[form.key], qr=qr,
                           access_code_text=documents.access_code_text, back_url=back_url, docx_url=url_for(request.endpoint, **request.view_args,
                                                               **{**request.args, "format": "docx"}), **extra)


def _case_back(case: Case) -> str:
    return url_for("cases.show", case_id=case.id)


@bp.route("/<int:case_id>/print/receipt")
@staff_required
def receipt(case_id: int):
    case = receipt_case(case_id)
    data = _case_data(case)
    if case.apology is not None:  # the receipt keeps its promise; the apology carries the new date
        data["due_at"] = data["original_due_at"]
    # the plaintext exists only right after intake or a new code (only the hash is stored): a reprint shows none
    access = take_for_receipt(case.id)
    data.update(lookup_url=_lookup_url(case.code), access_code=access)
    return _respond(documents.receipt(data, _case_org(case, case.unit)), case.code, _case_back(case),
                    access_just_issued=bool(access))


@bp.route("/slips/<int:slip_id>/print")
@staff_required
def slip(slip_id: int):
    slip = db.get_or_404(IntakeSlip, slip_id)
    if not can_access_unit(current_user, slip.unit_id):
        abort(403)
    # An intake slip keeps the regime of the day it was issued, like a case its receipt date (rules.regime_of).
    data = {"regime": rules.regime_of(slip.created_at).key, "kind": slip.kind, "applicant_name": slip.applicant_name,
            "applicant_address": slip.applicant_address, "applicant_phone": slip.applicant_phone,
            "applicant_email": slip.applicant_email, "procedure_name": slip.procedure.current_version.name,
            "applicant_id_number": slip.applicant_id_number, "applicant_kind": slip.applicant_kind,
            "representative_name": slip.representative_name, "representative_id_number": slip.representative_id_number,
            "representative_basis": slip.representative_basis, "authorisation_number": slip.authorisation_number,
            "authorisation_date": slip.authorisation_date,
            "items": slip.items or [], "note": slip.note, "created_at": to_local(slip.created_at),
            "contact_name": slip.created_by.full_name if slip.created_by else "",
            "contact_phone": profile_on(to_local(slip.created_at).date()).phone}
    org = _org(slip.unit, to_local(slip.created_at).date())
    return _respond(documents.slip(data, org), f"phieu-{slip.id}", url_for("site.home"))


@bp.route("/<int:case_id>/print/apology")
@staff_required
def apology_print(case_id: int):
    case = receipt_case(case_id)
    if case.apology is None:
        abort(404)
    apology = case.apology
    data = {**_case_data(case), "issued_at": to_local(apology.issued_at), "reason": apology.reason,
            "previous_due_at": to_local(apology.previous_due_at), "new_due_at": to_local(apology.new_due_at),
            "signed_by": apology.signed_by.full_name if apology.signed_by else ""}
    return _respond(documents.apology(data, _case_org(case, case.handling_unit)), case.code, _case_back(case))


@bp.route("/<int:case_id>/print/control")
@staff_required
def control_slip(case_id: int):
    case = receipt_case(case_id)
    # Each step and consultation shows its unit's name of that step's day (one query for all of them).
    names = names_on([(e.unit_id, to_local(e.at).date()) for e in case.events]
                     + [(leg.unit_id, to_local(leg.sent_at).date()) for leg in case.legs])
    events = [{"action": e.action, "at": to_local(e.at),
               "unit": names.get((e.unit_id, to_local(e.at).date()), e.unit.name) if e.unit else "",
               "actor": e.actor_name, "note": e.note, "due_at": to_local(e.due_at) if e.due_at else None}
              for e in case.events]
    legs = [{"unit": names.get((leg.unit_id, to_local(leg.sent_at).date()), leg.unit.name), "purpose": leg.purpose, "sent_at": to_local(leg.sent_at),
             "due_at": to_local(leg.due_at), "answered_at": to_local(leg.answered_at) if leg.answered_at else None,
             "answer": leg.answer, "answered_by": leg.answered_by.full_name if leg.answered_by else ""}
            for leg in case.legs]
    data = {**_case_data(case), "events": events, "legs": legs, "today": today_local()}
    return _respond(documents.control(data, _case_org(case, case.unit)), case.code, _case_back(case))


@bp.route("/<int:case_id>/print/withdrawal")
@staff_required
def withdrawal_notice(case_id: int):
    """Mẫu 05 of TT 03/2025. The 2018 set has no such form: a case filed under it answers 404."""
    case = receipt_case(case_id)
    if case.status != CaseStatus.WITHDRAWN or not documents.has_form(case.regime, "withdrawal"):
        abort(404)
    stop = next((e for e in reversed(case.events) if e.action == Action.WITHDRAW.value), None)
    data = {**_case_data(case), "stopped_at": to_local(stop.at if stop else case.finished_at),
            "reason": stop.note if stop else "", "signed_by": stop.actor_name if stop else ""}
    return _respond(documents_after.withdrawal(data, _case_org(case, case.unit)), case.code, _case_back(case))


def _supplement_requests(case: Case) -> list:
    return [e for e in case.events if e.action == Action.REQUEST_SUPPLEMENT.value]


@bp.route("/<int:case_id>/print/supplement")
@staff_required
def supplement_request(case_id: int):
    """Mẫu 02 after acceptance (NĐ 61/2018 Điều 19 k4), from the request in the trail: the last one, or
    `?n=` the n-th (imported files may hold more than one)."""
    case = receipt_case(case_id)
    requests = _supplement_requests(case)
    n = int_arg(request.args, "n") or len(requests)
    if not requests or not 1 <= n <= len(requests):
        abort(404)
    event = requests[n - 1]
    rule = rules.rule_in_force(current_app.config["CASE_SUPPLEMENT_RULES"], to_local(case.received_at).date())
    data = {**_case_data(case), "requested_at": to_local(event.at), "note": event.note,
            "contact_name": event.actor_name, "contact_phone": profile_on(to_local(event.at).date()).phone,
            "supplement_rule": rule}
    return _respond(documents_after.supplement_after_acceptance(data, _case_org(case, case.handling_unit)), case.code,
                    _case_back(case))


@bp.route("/<int:case_id>/print/refusal")
@staff_required
def appraisal_refusal(case_id: int):
    """Phiếu từ chối giải quyết hồ sơ (NĐ 61/2018 Điều 19 k8): only for a case refused after appraisal."""
    case = receipt_case(case_id)
    refusal = next((e for e in reversed(case.events) if e.action == Action.REFUSE.value), None)
    if case.status != CaseStatus.REFUSED or refusal is None:
        abort(404)
    data = {**_case_data(case), "refused_at": to_local(refusal.at), "note": refusal.note, "signed_by": ""}
    return _respond(documents_after.appraisal_refusal(data, _case_org(case, case.handling_unit)), case.code,
                    _case_back(case))


def _day_arg(name: str, default: date) -> date:
    raw = request.args.get(name)
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        abort(400)


@bp.route("/register")
@staff_required
def register():
    unit_id = int_arg(request.args, "unit") or current_user.unit_id
    if unit_id is None:  # an administrator without a unit must say which desk's register
        abort(400)
    if not can_access_unit(current_user, unit_id):
        abort(403)
    unit = db.get_or_404(Unit, unit_id)
    today = today_local()
    start, end = _day_arg("from", today.replace(day=1)), _day_arg("to", today)
    if end < start:
        abort(400)
    tz = local_tz()
    cases = services.register_cases(unit.id, datetime.combine(start, time.min, tz),
                                     datetime.combine(end + timedelta(days=1), time.min, tz), REGISTER_LIMIT + 1)
    truncated = len(cases) > REGISTER_LIMIT
    # The register is printed in the set of the regime of the period's first day (Mẫu 06 of TT 01/2018 before
    # 1 Jul 2025, Mẫu 07 of TT 03/2025 from then): ask for a period on one side of that date.
    data = {"regime": rules.regime_of(start).key, "start": start, "end": end, "today": today,
            "cases": []}
    names = names_on([(c.handling_unit_id, services.receipt_day(c)) for c in cases[:REGISTER_LIMIT]])
    data["cases"] = [_case_data(c, names) for c in cases[:REGISTER_LIMIT]]
    return _respond(documents.register(data, _org(unit, start)), f"{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}",
                    url_for("site.home"), truncated=truncated, limit=REGISTER_LIMIT, count=len(data["cases"]))
