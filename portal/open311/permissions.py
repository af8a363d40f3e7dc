"""What the API keys page asks (core.permissions.can): an active key may be revoked, once, by an administrator
(the endpoint's rule); services.revoke_key refuses the rest."""
from __future__ import annotations

from portal.core.permissions import endpoint_allows


def may_revoke(user, key) -> bool:
    return endpoint_allows(user, "open311_staff.revoke") and key.is_active


CHECKS = {"open311_staff.revoke": may_revoke}
