"""What the campaign page asks before it offers a status change (core.permissions.can): the endpoint's role
and the campaign transition table (rules.can_move), the checks services.set_status applies."""
from __future__ import annotations

from portal.core.permissions import endpoint_allows
from portal.surveys import rules


def _may_move(target: rules.CampaignStatus):
    def check(user, campaign) -> bool:
        return endpoint_allows(user, "surveys_staff.set_status") and rules.can_move(campaign.status, target)

    return check


CHECKS = {f"surveys.set_status.{target}": _may_move(target) for target in rules.CampaignStatus}
