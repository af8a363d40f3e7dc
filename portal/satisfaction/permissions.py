"""What the case pages ask before they offer a rating (core.permissions.can): the same checks the tablet
and the online form apply when they are opened."""
from __future__ import annotations

from portal.core.access import can_access_unit
from portal.core.errors import DomainError
from portal.core.permissions import endpoint_allows
from portal.satisfaction import services


def may_open(case, user) -> bool:
    """services.check_may_open as a question: returned, not yet rated, and `user` did not handle it."""
    try:
        services.check_may_open(case, user)
    except DomainError:
        return False
    return True


def may_see_case(user, case) -> bool:
    """The tablet and the paper slip: staff of the receiving or the handling unit (managers, admins)."""
    return case is not None and (can_access_unit(user, case.unit_id) or can_access_unit(user, case.handling_unit_id))


def may_rate_on_tablet(user, case) -> bool:
    return (endpoint_allows(user, "satisfaction.tablet_rate") and may_see_case(user, case)
            and may_open(case, user))


def may_rate_online(user, case) -> bool:
    """The citizen's link from the public lookup: never offered to a browser signed in as staff
    (services.STAFF_ONLINE)."""
    if getattr(user, "is_authenticated", False):
        return False
    return case is not None and may_open(case, None)


CHECKS = {"satisfaction.tablet_rate": may_rate_on_tablet, "satisfaction.rate_online": may_rate_online}
