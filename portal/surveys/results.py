"""Results of a campaign, computed once and used by the page, the CSV/XLSX exports and the DOCX report,
so they cannot disagree."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from portal.core.db import db
from portal.core.stats import Rate
from portal.surveys import rules
from portal.surveys.distribution import tokens_issued
from portal.surveys.labels import FACTOR_LABELS, scale_labels
from portal.surveys.models import Answer, Campaign, Response

MIN_N = 30  # under this, a share is marked as a small sample


@dataclass
class QuestionResult:
    question: object
    answered: int = 0  # responses that answered it
    counts: list = field(default_factory=list)  # [(value, label, count, share of answered)]
    mean: float | None = None
    texts: list = field(default_factory=list)


@dataclass
class FactorResult:
    factor: str
    label: object
    rate: Rate


@dataclass
class Results:
    campaign: Campaign
    responses: int
    tokens: int
    response_rate: Rate
    questions: list
    factors: list
    overall: float | None
    rows: list  # [(number, day, {question_id: "a; b"})] for exports


def compute(campaign: Campaign) -> Results:
    questions = list(campaign.questions)
    responses = list(db.session.scalars(select(Response).where(Response.campaign_id == campaign.id)
                                        .order_by(Response.id)))
    answers = list(db.session.execute(select(Answer.response_id, Answer.question_id, Answer.value, Answer.number)
                                      .join(Response, Response.id == Answer.response_id)
                                      .where(Response.campaign_id == campaign.id).order_by(Answer.id)))
    by_question: dict[int, list] = {q.id: [] for q in questions}
    per_response: dict[int, dict[int, list[str]]] = {r.id: {} for r in responses}
    for response_id, question_id, value, number in answers:
        by_question.setdefault(question_id, []).append((response_id, value, number))
        per_response[response_id].setdefault(question_id, []).append(value)
    results = [_question(q, by_question[q.id]) for q in questions]
    kinds = {q.id: q for q in questions}
    pairs = [(kinds[qid].factor, value) for _, qid, value, _ in answers
             if qid in kinds and kinds[qid].aspect == rules.Aspect.SATISFACTION and kinds[qid].factor
             and kinds[qid].kind == rules.QuestionType.SCALE5]
    shares = rules.factor_shares([(str(f), v) for f, v in pairs])
    factors = [FactorResult(s.factor, FACTOR_LABELS[rules.Factor(s.factor)], Rate(s.k, s.n, MIN_N)) for s in shares]
    issued = tokens_issued(campaign.id)
    rows = [(number, r.submitted_on, {qid: "; ".join(vs) for qid, vs in per_response[r.id].items()})
            for number, r in enumerate(responses, start=1)]
    return Results(campaign=campaign, responses=len(responses), tokens=issued,
                   response_rate=Rate(min(len(responses), issued), issued, 1),
                   questions=results, factors=factors, overall=rules.overall_index(shares), rows=rows)


def _question(question, given: list) -> QuestionResult:
    result = QuestionResult(question=question)
    result.answered = len({response_id for response_id, _, _ in given})
    if question.kind == rules.QuestionType.TEXT:
        result.texts = [value for _, value, _ in given]
        return result
    if question.kind == rules.QuestionType.NUMBER:
        result.mean = rules.mean([n for _, _, n in given if n is not None])
        return result
    tally: dict[str, int] = {}
    for _, value, _ in given:
        tally[value] = tally.get(value, 0) + 1
    if question.kind == rules.QuestionType.SCALE5:
        labels = scale_labels(question.aspect)
        values = [(v, f"{v} – {labels[v]}") for v in rules.SCALE_VALUES]
        result.mean = rules.mean([n for _, _, n in given if n is not None])
    else:
        values = [(o, o) for o in question.options or []]
    result.counts = [(v, label, tally.get(v, 0), tally.get(v, 0) / result.answered if result.answered else None)
                     for v, label in values]
    return result
