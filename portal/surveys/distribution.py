"""Handing out one-use codes: printed batches of slips, and a random sample of citizens whose cases
were returned in the campaign's period, sent the link through the notification outbox.

Only the SHA-256 of a code is stored. The printed codes exist in the response to the request that
made them (the page to print) and nowhere else. For a sample, the draw's parameters are kept (it is
reproducible from the seed) but not the cases drawn nor which case got which code; the outbox row that
carries the link is the only place a person and a code meet, and a response is never linked to its
code, so answers cannot be traced back to a person even from the outbox.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import force_locale, lazy_gettext as _l
from sqlalchemy import func, select

from portal.cases.models import Case
from portal.cases.rules import CaseStatus
from portal.core.audit import record
from portal.core.clock import local_tz, to_local
from portal.core.db import db
from portal.core.errors import DomainError
from portal.notify import services as outbox
from portal.notify.messages import LOCALE
from portal.notify.models import OutboxMessage
from portal.notify.rules import Channel, can_receive_sms
from portal.surveys import rules
from portal.surveys.models import Campaign, Distribution, Token
from portal.units.organisation import profile_on

BATCH_MAX = 500
SAMPLE_MAX = 5000
TAKE_PATH = "/khao-sat/"
SUBJECT = _l("Survey: how satisfied were you with %(office)s?")
BODY = _l("%(office)s invites you to answer a short anonymous survey about the service you used (%(title)s). "
          "Your answers are not linked to your name. Open: %(url)s")


def new_code() -> str:
    return secrets.token_urlsafe(16)


def survey_url(code: str) -> str:
    return current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/") + TAKE_PATH + code


def _issue(campaign: Campaign, distribution: Distribution, count: int) -> list[str]:
    codes = [new_code() for _ in range(count)]
    db.session.add_all(Token(campaign_id=campaign.id, distribution_id=distribution.id, token_hash=rules.hash_token(c))
                       for c in codes)
    distribution.tokens += count
    db.session.flush()
    return codes


def _require_usable(campaign: Campaign) -> None:
    if campaign.status == rules.CampaignStatus.CLOSED:
        raise DomainError(_l("This campaign is closed; open it again before handing out codes."))
    if not campaign.questions:
        raise DomainError(_l("Add at least one question before handing out codes."))


def issue_printed_batch(campaign: Campaign, label: str, count: int, *, actor, now: datetime) -> list[str]:
    """N one-use codes for printed slips; the plain codes are returned once, to print, and not kept."""
    _require_usable(campaign)
    if not 1 <= count <= BATCH_MAX:
        raise DomainError(_l("Between 1 and 500 slips per batch."), field="count")
    distribution = Distribution(campaign_id=campaign.id, kind=rules.DistributionKind.PRINTED, label=label.strip(),
                                requested=count, created_by_id=actor.id, created_at=now)
    db.session.add(distribution)
    db.session.flush()
    codes = _issue(campaign, distribution, count)
    record("survey.print_batch", "survey_campaign", campaign.id, after={"batch": distribution.label, "tokens": count},
           summary=campaign.title, actor=actor)
    return codes


def _utc_bounds(start: date, end: date):
    tz = local_tz()
    return (datetime.combine(start, time.min, tz), datetime.combine(end + timedelta(days=1), time.min, tz))


def sample_frame(campaign: Campaign) -> list[int]:
    """Ids of the cases returned in the campaign's period for its procedures that can be reached."""
    low, high = _utc_bounds(campaign.period_start, campaign.period_end)
    rows = db.session.execute(
        select(Case.id, Case.applicant_email, Case.applicant_phone)
        .where(Case.status == CaseStatus.RETURNED, Case.returned_at >= low, Case.returned_at < high,
               Case.procedure_id.in_([p.id for p in campaign.procedures])).order_by(Case.id))
    return [cid for cid, email, phone in rows if (email or "").strip() or can_receive_sms(phone)]


def send_sample(campaign: Campaign, size: int, seed: int, *, actor, now: datetime) -> Distribution:
    """Draw `size` cases with `seed`, give each a code and queue the link to its e-mail and/or phone.
    All in the caller's transaction: a failure queues nothing, and the outbox worker delivers later
    (and resumes after a restart); the page shows how many messages are queued and sent."""
    _require_usable(campaign)
    if not 1 <= size <= SAMPLE_MAX:
        raise DomainError(_l("The sample size must be between 1 and 5,000."), field="size")
    frame = sample_frame(campaign)
    if not frame:
        raise DomainError(_l("No returned case in the period for these services has an e-mail address or a "
                             "mobile number."), field="size")
    drawn = rules.draw_sample(frame, size, seed)
    distribution = Distribution(campaign_id=campaign.id, kind=rules.DistributionKind.SAMPLE,
                                label=f"Mẫu ngẫu nhiên {len(drawn)} hồ sơ (hạt giống {seed})", requested=size,
                                seed=seed, eligible=len(frame), created_by_id=actor.id, created_at=now)
    db.session.add(distribution)
    db.session.flush()
    codes = _issue(campaign, distribution, len(drawn))
    contacts = dict(((cid, (email, phone)) for cid, email, phone in db.session.execute(
        select(Case.id, Case.applicant_email, Case.applicant_phone).where(Case.id.in_(drawn)))))
    office = profile_on(to_local(now).date()).committee_name  # the committee in office when the e-mails are sent
    with force_locale(LOCALE):
        subject = str(SUBJECT % {"office": office})
        template = str(BODY)
    queued = 0
    for number, (case_id, code) in enumerate(zip(drawn, codes, strict=False), start=1):
        email, phone = contacts[case_id]
        body = template % {"office": office, "title": campaign.title, "url": survey_url(code)}
        targets = []
        if (email or "").strip():
            targets.append((Channel.EMAIL, email.strip(), subject))
        if can_receive_sms(phone):
            targets.append((Channel.SMS, phone, ""))
        for channel, recipient, subj in targets:
            # The key names the draw and the place in it, not the case.
            outbox.enqueue(channel=channel, recipient=recipient, subject=subj, body=body, now=now,
                           dedupe_key=f"survey:{campaign.id}:{distribution.id}:{number}:{channel.value}")
            queued += 1
    distribution.queued = queued
    db.session.flush()
    record("survey.send_sample", "survey_campaign", campaign.id,
           after={"size": size, "seed": seed, "eligible": len(frame), "drawn": len(drawn), "queued": queued},
           summary=campaign.title, actor=actor)
    return distribution


@dataclass(frozen=True)
class Progress:
    queued: int
    sent: int
    waiting: int  # not yet sent, or failed and due for another try
    dead: int  # given up by the outbox

    @property
    def done(self) -> bool:
        return self.waiting == 0


def progress(distribution: Distribution) -> Progress:
    prefix = f"survey:{distribution.campaign_id}:{distribution.id}:"
    rows = dict(db.session.execute(select(OutboxMessage.status, func.count())
                                   .where(OutboxMessage.dedupe_key.startswith(prefix, autoescape=True))
                                   .group_by(OutboxMessage.status)).all())
    counts = {str(getattr(k, "value", k)): v for k, v in rows.items()}
    return Progress(queued=sum(counts.values()), sent=counts.get("sent", 0),
                    waiting=counts.get("pending", 0) + counts.get("failed", 0), dead=counts.get("dead", 0))


def distributions(campaign: Campaign) -> list[Distribution]:
    return list(db.session.scalars(select(Distribution).where(Distribution.campaign_id == campaign.id)
                                   .order_by(Distribution.id)))


def tokens_issued(campaign_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Token).where(Token.campaign_id == campaign_id))


def tokens_used(campaign_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Token)
                             .where(Token.campaign_id == campaign_id, Token.used_on.is_not(None)))
