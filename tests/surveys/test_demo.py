"""The demo campaign: about 300 anonymous responses, one factor noticeably weaker, loaded once."""
from __future__ import annotations

from sqlalchemy import func, select

from portal.core.db import db
from portal.demo.seed import load_demo
from portal.demo.surveys import RESPONSES, TITLE, load_survey
from portal.surveys import results
from portal.surveys.models import Campaign, Response


def test_demo_campaign_is_realistic_and_idempotent(app_ctx):
    load_demo()
    db.session.commit()
    campaign = db.session.scalar(select(Campaign).where(Campaign.title == TITLE))
    assert campaign.status == "closed" and len(campaign.procedures) == 2
    assert db.session.scalar(select(func.count()).select_from(Response)) == RESPONSES
    computed = results.compute(campaign)
    shares = {f.factor: f.rate.value for f in computed.factors}
    assert min(shares, key=shares.get) == "procedure"
    assert shares["procedure"] < 0.7 < min(v for k, v in shares.items() if k != "procedure")
    assert 0 < computed.factors[-1].rate.denominator < RESPONSES  # feedback handling: only those who sent feedback
    assert any(q.texts for q in computed.questions)
    assert computed.response_rate.value == RESPONSES / 410
    assert load_survey() == "demo survey: already present"
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 1
