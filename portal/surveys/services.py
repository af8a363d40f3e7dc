"""Campaign and question commands. They flush and record an audit row; the view commits."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.core.audit import record, snapshot
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import nfc, sort_key
from portal.procedures.models import Procedure
from portal.surveys import rules
from portal.surveys.labels import CONDITION_ERRORS
from portal.surveys.models import Campaign, Question, Response
from portal.surveys.template import standard_questions
from portal.units.organisation import profile_on

CAMPAIGN_FIELDS = ("title", "description", "period_start", "period_end", "status")
QUESTION_FIELDS = ("position", "factor", "aspect", "kind", "text", "options", "required", "condition")
LOCKED = _l("This campaign already has responses, so its questions are locked. Duplicate it as a new campaign "
            "to change the questions.")
STALE = _l("Someone else changed this campaign a moment ago. Nothing was saved; reload and try again.")


def campaigns() -> list[Campaign]:
    return list(db.session.scalars(select(Campaign).order_by(Campaign.period_start.desc(), Campaign.id.desc())))


def open_campaigns() -> list[Campaign]:
    rows = db.session.scalars(select(Campaign).where(Campaign.status == rules.CampaignStatus.OPEN))
    return sorted(rows, key=lambda c: sort_key(c.title))


def response_count(campaign_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Response).where(Response.campaign_id == campaign_id))


def is_locked(campaign: Campaign) -> bool:
    return response_count(campaign.id) > 0


def procedure_choices() -> list[Procedure]:
    return list(db.session.scalars(select(Procedure).where(Procedure.current_version_id.is_not(None))
                                   .order_by(Procedure.sort_name)))


def _procedures(ids: list[int]) -> list[Procedure]:
    ids = list(dict.fromkeys(int(i) for i in ids))
    if not 1 <= len(ids) <= 2:
        raise DomainError(_l("Choose one or two services to survey."), field="procedure_ids")
    found = list(db.session.scalars(select(Procedure).where(Procedure.id.in_(ids))))
    if len(found) != len(ids):
        raise DomainError(_l("Choose services from the catalogue."), field="procedure_ids")
    return found


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise DomainError(_l("The end of the period must not be before its start."), field="period_end")


def create_campaign(data: dict, *, actor, now: datetime, with_template: bool = True) -> Campaign:
    _check_period(data["period_start"], data["period_end"])
    procedures = _procedures(data["procedure_ids"])
    campaign = Campaign(title=nfc(data["title"]).strip(), description=nfc(data.get("description") or "").strip(),
                        period_start=data["period_start"], period_end=data["period_end"], created_by_id=actor.id,
                        created_at=now, updated_at=now, procedures=procedures)
    db.session.add(campaign)
    db.session.flush()
    if with_template:
        add_template(campaign, [p.name for p in procedures])
    record("survey.create", "survey_campaign", campaign.id, after=snapshot(campaign, CAMPAIGN_FIELDS),
           summary=campaign.title, actor=actor)
    return campaign


def add_template(campaign: Campaign, service_names: list[str]) -> None:
    created: list[Question] = []
    start = len(campaign.questions)
    office = profile_on(campaign.period_start).short  # the committee of the surveyed period (issue 15 point 1)
    for index, spec in enumerate(standard_questions(service_names, office)):
        ref = spec.get("condition_ref")
        condition = None
        if ref:
            condition = {"question_id": created[ref["ref"]].id, "op": ref["op"], "value": ref["value"]}
        question = Question(campaign=campaign, position=start + index + 1, factor=spec["factor"],
                            aspect=spec["aspect"], kind=spec["kind"], text=nfc(spec["text"]),
                            options=[nfc(o) for o in spec["options"]], required=spec["required"], condition=condition)
        db.session.add(question)
        db.session.flush()
        created.append(question)


def _check_version(campaign: Campaign, version) -> None:
    if version is not None and str(version) != str(campaign.version):
        raise Conflict(STALE)


def update_campaign(campaign: Campaign, data: dict, *, version, actor, now: datetime) -> Campaign:
    _check_version(campaign, version)
    _check_period(data["period_start"], data["period_end"])
    before = snapshot(campaign, CAMPAIGN_FIELDS) | {"procedures": [p.id for p in campaign.procedures]}
    procedures = _procedures(data["procedure_ids"])
    if is_locked(campaign) and {p.id for p in procedures} != {p.id for p in campaign.procedures}:
        raise DomainError(LOCKED, field="procedure_ids")
    campaign.title = nfc(data["title"]).strip()
    campaign.description = nfc(data.get("description") or "").strip()
    campaign.period_start, campaign.period_end = data["period_start"], data["period_end"]
    campaign.procedures = procedures
    campaign.updated_at = now
    db.session.flush()
    record("survey.update", "survey_campaign", campaign.id, before=before,
           after=snapshot(campaign, CAMPAIGN_FIELDS) | {"procedures": [p.id for p in procedures]},
           summary=campaign.title, actor=actor)
    return campaign


def set_status(campaign: Campaign, target: str, *, version, actor, now: datetime) -> Campaign:
    _check_version(campaign, version)
    if target not in {s.value for s in rules.CampaignStatus} or not rules.can_move(campaign.status, target):
        raise DomainError(_l("This campaign cannot move to that status."))
    if target == rules.CampaignStatus.OPEN and not campaign.questions:
        raise DomainError(_l("Add at least one question before opening the campaign."))
    before = campaign.status
    campaign.status = rules.CampaignStatus(target)
    campaign.updated_at = now
    db.session.flush()
    record(f"survey.{target}", "survey_campaign", campaign.id, before={"status": before},
           after={"status": campaign.status}, summary=campaign.title, actor=actor)
    return campaign


def duplicate_campaign(source: Campaign, *, actor, now: datetime) -> Campaign:
    copy = Campaign(title=nfc(f"{source.title} (bản sao)")[:300], description=source.description,
                    period_start=source.period_start, period_end=source.period_end, created_by_id=actor.id,
                    created_at=now, updated_at=now, procedures=list(source.procedures))
    db.session.add(copy)
    db.session.flush()
    id_map: dict[int, int] = {}
    for q in source.questions:
        condition = dict(q.condition) if q.condition else None
        if condition:
            condition["question_id"] = id_map.get(int(condition["question_id"]))
        new = Question(campaign=copy, position=q.position, factor=q.factor, aspect=q.aspect, kind=q.kind,
                       text=q.text, options=list(q.options or []), required=q.required, condition=condition)
        db.session.add(new)
        db.session.flush()
        id_map[q.id] = new.id
    record("survey.duplicate", "survey_campaign", copy.id, after={"from": source.id, "title": copy.title},
           summary=copy.title, actor=actor)
    return copy


# ---------------------------------------------------------------- questions

def as_rule(q: Question) -> rules.Q:
    return rules.Q(id=q.id, kind=q.kind, options=tuple(q.options or ()), required=q.required,
                   condition=q.condition, factor=q.factor, aspect=q.aspect)


def _ensure_editable(campaign: Campaign) -> None:
    if is_locked(campaign):
        raise DomainError(LOCKED)


def _clean_question(campaign: Campaign, data: dict, question: Question | None) -> dict:
    kind = rules.QuestionType(data["kind"])
    options = [nfc(o).strip() for o in data.get("options", []) if nfc(o).strip()]
    options = list(dict.fromkeys(options))
    if kind in rules.CHOICE_TYPES and len(options) < 2:
        raise DomainError(_l("A choice question needs at least two options, one per line."), field="options")
    if len(options) > rules.OPTIONS_MAX:
        raise DomainError(_l("At most 20 options."), field="options")
    if kind not in rules.CHOICE_TYPES:
        options = []
    condition = data.get("condition")
    if condition:
        position = question.position if question else len(campaign.questions) + 1
        earlier = {q.id: as_rule(q) for q in campaign.questions if q.position < position}
        error = rules.check_condition(condition, earlier)
        if error:
            raise DomainError(CONDITION_ERRORS[error], field="condition_value")
        condition = {"question_id": int(condition["question_id"]), "op": condition["op"],
                     "value": nfc(str(condition["value"])).strip()}
    factor = data.get("factor") or None
    aspect = data.get("aspect") or None
    if aspect and not factor:
        raise DomainError(_l("Choose the factor this aspect belongs to."), field="factor")
    return {"kind": kind, "text": nfc(data["text"]).strip(), "options": options, "required": bool(data.get("required")),
            "condition": condition or None, "factor": factor, "aspect": aspect}


def add_question(campaign: Campaign, data: dict, *, actor) -> Question:
    _ensure_editable(campaign)
    values = _clean_question(campaign, data, None)
    question = Question(campaign=campaign, position=len(campaign.questions) + 1, **values)
    db.session.add(question)
    db.session.flush()
    record("survey.question_add", "survey_question", question.id, after=snapshot(question, QUESTION_FIELDS),
           summary=campaign.title, actor=actor)
    return question


def update_question(question: Question, data: dict, *, actor) -> Question:
    _ensure_editable(question.campaign)
    before = snapshot(question, QUESTION_FIELDS)
    for key, value in _clean_question(question.campaign, data, question).items():
        setattr(question, key, value)
    db.session.flush()
    record("survey.question_update", "survey_question", question.id, before=before,
           after=snapshot(question, QUESTION_FIELDS), summary=question.campaign.title, actor=actor)
    return question


def _dependants(question: Question) -> list[Question]:
    return [q for q in question.campaign.questions if q.condition and int(q.condition["question_id"]) == question.id]


def move_question(question: Question, direction: int, *, actor) -> None:
    campaign = question.campaign
    _ensure_editable(campaign)
    ordered = list(campaign.questions)
    index = ordered.index(question)
    other_index = index + (1 if direction > 0 else -1)
    if not 0 <= other_index < len(ordered):
        return
    other = ordered[other_index]
    first, second = (question, other) if other_index > index else (other, question)
    # A question never moves above the one its condition reads.
    if second.condition and int(second.condition["question_id"]) == first.id:
        raise DomainError(_l("A question cannot move above the question its condition refers to."))
    question.position, other.position = other.position, question.position
    db.session.flush()
    campaign.questions.sort(key=lambda q: q.position)
    record("survey.question_move", "survey_question", question.id, before={"position": other.position},
           after={"position": question.position}, summary=campaign.title, actor=actor)


def delete_question(question: Question, *, actor) -> None:
    campaign = question.campaign
    _ensure_editable(campaign)
    if _dependants(question):
        raise DomainError(_l("Another question's condition refers to this question; change that condition first."))
    before, question_id = snapshot(question, QUESTION_FIELDS), question.id
    campaign.questions.remove(question)
    db.session.delete(question)
    for position, q in enumerate(campaign.questions, start=1):
        q.position = position
    db.session.flush()
    record("survey.question_delete", "survey_question", question_id, before=before, summary=campaign.title,
           actor=actor)
