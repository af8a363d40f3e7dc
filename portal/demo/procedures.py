"""Load the demo catalogue (portal/demo/procedures_data.py) with its history of decisions."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from portal.procedures import services
from portal.procedures.models import ChangeType
from portal.units.services import get_by_code as unit_by_code

CONTENT_KEYS = ("name", "steps", "channels", "documents", "sets", "processing_days", "processing_note",
                "applicants", "result", "fee_amount", "fee_description", "conditions", "legal_basis",
                "online_level", "old_online_level")


def _content(item: dict, field_ids: dict, unit_ids: dict) -> dict:
    content = {key: item.get(key) for key in CONTENT_KEYS if key in item}
    content["field_id"] = field_ids[item["field"]]
    content["unit_id"] = unit_ids[item["unit"]] if item.get("unit") else None  # commune level: every ward
    content["level"] = item["level"]
    content["forms"] = [{"name": name} for name in item.get("forms", [])]
    content.setdefault("sets", 1)
    content.setdefault("channels", ["in_person"])
    content.setdefault("online_level", "none")
    return content


def _published_at(decision_date: str) -> datetime:
    # Demo history: each decision went public on the portal a few days after it was signed.
    return datetime.combine(date.fromisoformat(decision_date) + timedelta(days=3), time(2, 0), tzinfo=UTC)


def load_catalogue() -> str:
    from portal.demo import procedures_data as demo_data

    field_ids = {code: services.ensure_field(code, name).id for code, name in demo_data.FIELDS}
    unit_ids = {}
    for item in demo_data.PROCEDURES + list(getattr(demo_data, "ABOLISHED", []) or []):
        if not item.get("unit"):
            continue
        unit = unit_by_code(item["unit"])
        if unit is None:
            raise ValueError(f"demo unit {item['unit']} is missing; load units first")
        unit_ids[item["unit"]] = unit.id
    created = 0
    history = getattr(demo_data, "HISTORY", {}) or {}
    abolished = getattr(demo_data, "ABOLISHED", None)
    abolished_items = abolished if isinstance(abolished, list) else ([abolished] if abolished else [])
    for item in demo_data.PROCEDURES + abolished_items:
        if services.get_by_code(item["code"]):
            continue
        current = _content(item, field_ids, unit_ids)
        versions = [({**current, **_content({**item, **old}, field_ids, unit_ids)}, old["decision"])
                    for old in history.get(item["code"], [])]
        decision = dict(item["decision"])
        if decision.get("type") == "abolished":
            versions.append((current, {**decision, "type": "new", "date": decision.get("first_date", "2018-06-15"),
                                       "number": decision.get("first_number", "1425/QĐ-UBND")}))
        else:
            versions.append((current, decision))
        first_content, first_decision = versions[0]
        version = services.create_procedure(item["code"], first_content)
        procedure = version.procedure
        for index, (content, dec) in enumerate(versions):
            if index > 0:
                version = services.open_draft(procedure)
                services.update_draft(version, content, version.edit_version)
            change = ChangeType(dec.get("type", "new")) if index > 0 else ChangeType.NEW
            if index > 0 and change == ChangeType.NEW:
                change = ChangeType.AMENDED
            services.publish_version(version, decision_number=dec["number"],
                                     decision_date=date.fromisoformat(dec["date"]), change_type=change,
                                     changed_components=dec.get("changed"), now=_published_at(dec["date"]))
        if decision.get("type") == "abolished":
            services.abolish(procedure, decision_number=decision["number"],
                             decision_date=date.fromisoformat(decision["date"]), now=_published_at(decision["date"]))
        created += 1
    return f"{created} procedures loaded"
