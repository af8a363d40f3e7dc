"""Answering a survey with a one-use code: check the answers, spend the code atomically, store the
response without any link to the code, the person, the time of day or the device."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from portal.core.db import db
from portal.core.errors import DomainError
from portal.surveys import rules
from portal.surveys.models import Answer, Campaign, Response, Token
from portal.surveys.services import as_rule

INVALID = _l("This survey link is not valid. Please check that you copied the whole link or code.")
USED = _l("This link has already been used. Each link can be used to answer once; thank you for taking part.")
CLOSED = _l("This survey is not open for answers.")


class TokenRefused(DomainError):
    status_code = 410

    def __init__(self, message, reason: str):
        super().__init__(message)
        self.reason = reason


class AnswersInvalid(DomainError):
    def __init__(self, errors: dict[int, str], kept: dict[int, list[str]]):
        super().__init__(_l("Please correct the answers marked below."))
        self.errors, self.kept = errors, kept


def find(code: str) -> tuple[Token, Campaign]:
    """The campaign behind a code; unknown and forged codes get the same message."""
    code = (code or "").strip()
    token = None
    if rules.looks_like_token(code):
        token = db.session.scalar(select(Token).where(Token.token_hash == rules.hash_token(code)))
    if token is None:
        raise TokenRefused(INVALID, "invalid")
    if token.used_on is not None:
        raise TokenRefused(USED, "used")
    campaign = db.session.get(Campaign, token.campaign_id)
    if campaign.status != rules.CampaignStatus.OPEN:
        raise TokenRefused(CLOSED, "closed")
    return token, campaign


def submit(code: str, raw: dict[int, list[str]], *, today: date) -> Response:
    token, campaign = find(code)
    questions = [as_rule(q) for q in campaign.questions]
    kept, errors = rules.check_answers(questions, raw)
    if errors:
        raise AnswersInvalid(errors, kept)
    # Spend the code first: of two submissions racing with one code, exactly one updates the row.
    spent = db.session.execute(update(Token).where(Token.id == token.id, Token.used_on.is_(None))
                               .values(used_on=today).execution_options(synchronize_session=False))
    if spent.rowcount != 1:
        raise TokenRefused(USED, "used")
    by_id = {q.id: q for q in questions}
    response = Response(campaign_id=campaign.id, submitted_on=today)
    for question_id, values in kept.items():
        numeric = by_id[question_id].kind in rules.NUMERIC_TYPES
        for value in values:
            response.answers.append(Answer(question_id=question_id, value=value,
                                           number=float(value) if numeric else None))
    db.session.add(response)
    db.session.flush()
    return response


def raw_answers(form, questions) -> dict[int, list[str]]:
    """The posted values per question id (fields are named q<id>)."""
    return {q.id: form.getlist(f"q{q.id}") for q in questions}
