"""What the catalogue pages ask before they offer a change (core.permissions.can): the endpoint's role
and the catalogue's rules (rules.may_edit, may_change, may_abolish), the same the views and services apply."""
from __future__ import annotations

from portal.core.access import Role
from portal.core.permissions import endpoint_allows
from portal.procedures import rules
from portal.procedures.models import VersionState


def may_edit(user, unit_id: int | None) -> bool:
    return getattr(user, "is_authenticated", False) and rules.may_edit(
        is_manager=user.has_role(Role.MANAGER), user_unit_id=user.unit_id, procedure_unit_id=unit_id)


def unit_of(procedure) -> int | None:
    """The procedure's unit, or its first draft's while it was never published."""
    draft = next((v for v in procedure.versions if v.state == VersionState.DRAFT), None)
    return procedure.unit_id or (draft.unit_id if draft is not None else None)


def may_see_drafts(user) -> bool:
    """Staff who may open the catalogue editor see its drafts, and download a draft's form files."""
    return endpoint_allows(user, "procedures_staff.show")


def may_start_change(user, procedure) -> bool:
    """"Start a change (new draft)": an editor of the procedure's unit, unless it is abolished."""
    return (endpoint_allows(user, "procedures_staff.edit_draft") and may_edit(user, unit_of(procedure))
            and rules.may_change(procedure.status))


def may_abolish(user, procedure) -> bool:
    return endpoint_allows(user, "procedures_staff.abolish") and rules.may_abolish(
        procedure.status, published=procedure.current_version is not None)


def may_discard_draft(user, procedure) -> bool:
    return (endpoint_allows(user, "procedures_staff.discard") and may_edit(user, procedure.unit_id)
            and rules.may_discard_draft(published=procedure.current_version is not None))


CHECKS = {"procedures_staff.edit_draft": may_start_change, "procedures_staff.abolish": may_abolish,
          "procedures_staff.discard": may_discard_draft}
