"""Turn stored values into what people read (labels, names, money) for pages and exports."""
from __future__ import annotations

from flask_babel import format_decimal, gettext as _, lazy_gettext as _l

from portal.core.db import db
from portal.procedures.competence import competent_units
from portal.procedures.forms import (
    CHANGE_LABELS,
    CHANNEL_LABELS,
    COMPONENT_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    ONLINE_LABELS,
)
from portal.procedures.models import ProcedureField, PublicStatus, VersionState
from portal.procedures.rules import is_commune_level
from portal.units.models import Unit

STATUS_LABELS = {
    PublicStatus.ACTIVE: _l("Published"),  # Đang công khai
    PublicStatus.AMENDED: _l("Published, amended"),  # Đang công khai sửa đổi bổ sung
    PublicStatus.ABOLISHED: _l("Abolished"),  # Bãi bỏ
    PublicStatus.UNPUBLISHED: _l("Not published yet"),
}


EVERY_COMMUNE = _l("Every ward and commune, for its own area")

VERSION_STATE_LABELS = {
    VersionState.DRAFT: _l("Draft"),
    VersionState.PUBLISHED: _l("In force"),
    VersionState.SUPERSEDED: _l("Superseded"),
}


def status_label(status) -> str:
    return str(STATUS_LABELS[PublicStatus(status)])


def money(amount) -> str:
    if amount is None:
        return _("No fee")
    return _("%(amount)s đồng", amount=format_decimal(amount))


def display_value(component: str, value) -> str:
    """A component's value as text, for the comparison table."""
    if component == "unit_id" and value is None:
        return str(EVERY_COMMUNE)
    if value is None or value == [] or value == "":
        return "—"
    if component == "field_id":
        field = db.session.get(ProcedureField, value)
        return field.name if field else str(value)
    if component == "unit_id":
        unit = db.session.get(Unit, value)
        return unit.name if unit else str(value)
    if component == "level":
        return str(LEVEL_LABELS.get(value, value))
    if component == "online_level":
        return str(ONLINE_LABELS.get(value, value))
    if component == "channels":
        return ", ".join(str(CHANNEL_LABELS.get(c, c)) for c in value)
    if component == "documents":
        return "\n".join(f"{d['name']} ({KIND_LABELS.get(d['kind'], d['kind'])}: {d['count']})" for d in value)
    if component == "forms":
        return "\n".join(f["name"] for f in value)
    if component == "fee_amount":
        return money(value)
    return str(value)


def helpers() -> dict:
    from portal.core.clock import local_now

    return {"status_label": status_label, "money": money, "component_labels": COMPONENT_LABELS,
            "change_labels": CHANGE_LABELS, "now_local": local_now(), "version_state_labels": VERSION_STATE_LABELS,
            "channel_labels": CHANNEL_LABELS, "kind_labels": KIND_LABELS, "level_labels": LEVEL_LABELS,
            "online_labels": ONLINE_LABELS, "display_value": display_value, "competent_units": competent_units,
            "is_commune_level": is_commune_level}
