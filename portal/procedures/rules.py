"""Pure rules of the catalogue: validation, public status, comparison, completeness, ranking."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The catalogue's closed lists: the columns of models.py store them, the rules here decide with them.


class OnlineLevel(StrEnum):
    FULL = "full"  # toàn trình (NĐ 42/2022 Điều 11)
    PARTIAL = "partial"  # một phần
    NONE = "none"


class ChangeType(StrEnum):
    NEW = "new"  # ban hành mới
    AMENDED = "amended"  # sửa đổi, bổ sung
    REPLACED = "replaced"  # thay thế
    ABOLISHED = "abolished"  # bãi bỏ


class VersionState(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class PublicStatus(StrEnum):
    ACTIVE = "active"  # Đang công khai
    AMENDED = "amended"  # Đang công khai sửa đổi bổ sung
    ABOLISHED = "abolished"  # Bãi bỏ
    UNPUBLISHED = "unpublished"  # no published version yet

DOCUMENT_KINDS = ("original", "certified_copy", "copy", "original_or_certified")
CHANNELS = ("in_person", "post", "online")

MAX_SETS, MAX_FEE = 99, 10**12  # issue 13: an imported 10^30 is refused, not a database overflow

# The published components, in the order the public page shows them (NĐ 63/2010 Điều 8 k2).
CONTENT_FIELDS = ("name", "field_id", "level", "unit_id", "steps", "channels", "documents", "sets",
                  "processing_days", "processing_note", "applicants", "result", "fee_amount", "fee_description",
                  "conditions", "legal_basis", "online_level", "old_online_level", "forms")

# Components that must all be present for a procedure to count as fully published (QĐ 766).
MANDATORY_COMPONENTS = ("name", "steps", "channels", "documents", "processing_days", "applicants", "unit_id")

TEXT_LIMITS = {"name": 500, "steps": 20000, "processing_note": 2000, "applicants": 2000, "result": 2000,
               "fee_description": 4000, "conditions": 10000, "legal_basis": 10000, "note": 4000}


def public_status(change_type: ChangeType | None) -> PublicStatus:
    if change_type is None:
        return PublicStatus.UNPUBLISHED
    return {
        ChangeType.NEW: PublicStatus.ACTIVE,
        ChangeType.AMENDED: PublicStatus.AMENDED,
        ChangeType.REPLACED: PublicStatus.AMENDED,
        ChangeType.ABOLISHED: PublicStatus.ABOLISHED,
    }[ChangeType(change_type)]


def may_change(status: PublicStatus) -> bool:
    """An abolished procedure stays as it was, with its history: no new draft, no second abolition."""
    return PublicStatus(status) != PublicStatus.ABOLISHED


def may_abolish(status: PublicStatus, *, published: bool) -> bool:
    """Only a published procedure is abolished (bãi bỏ), and once."""
    return published and may_change(status)


def may_discard_draft(*, published: bool) -> bool:
    """A draft is discarded back to the public version; the first draft of a procedure has none to go back to."""
    return published


def may_edit(*, is_manager: bool, user_unit_id: int | None, procedure_unit_id: int | None) -> bool:
    """Managers edit every procedure; unit heads and handlers those of their own unit."""
    return is_manager or (procedure_unit_id is not None and procedure_unit_id == user_unit_id)


def _blank(value) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict)) and len(value) == 0) or (
        isinstance(value, str) and not value.strip())


def missing_components(content: dict) -> list[str]:
    """Mandatory components that are empty (processing time 0 = same day is present). The handling unit
    (cơ quan thực hiện) of a commune-level procedure is its level: every ward and commune, no unit named."""
    return [name for name in MANDATORY_COMPONENTS if _blank(content.get(name))
            and not (name == "unit_id" and is_commune_level(content.get("level")))]


# ---------------------------------------------------------------- competence (cấp thực hiện)
# A procedure's competence is its level (DOMAIN.md §2, §7a): a town-level procedure is handled by the unit
# it names; a commune-level one by every active commune-level unit, each for its own area, and it names
# none (its unit_id is empty). Under "không phụ thuộc địa giới hành chính" (NQ 27/NQ-CP 2025, as quoted in
# DOMAIN.md §7a) any desk may receive a file for one of the competent units.

COMMUNE = "commune"


def is_commune_level(level) -> bool:
    return str(getattr(level, "value", level) or "") == COMMUNE


def competent_unit_ids(level, unit_id: int | None, units: list[tuple[int, str, bool]]) -> list[int]:
    """Ids of the units competent for a procedure of `level` naming `unit_id`, among `units` given as
    (id, level, is_active): every active commune-level unit for a commune procedure, else the named unit."""
    if is_commune_level(level):
        return [uid for uid, ulevel, active in units if active and str(getattr(ulevel, "value", ulevel)) == COMMUNE]
    return [unit_id] if unit_id is not None else []


def default_handling_unit(receiving_unit_id: int, competent: list[int]) -> int | None:
    """The receiving desk's own unit when it is competent; the only competent unit when there is one (a town
    desk receiving for a town office); otherwise the desk must choose (None)."""
    if receiving_unit_id in competent:
        return receiving_unit_id
    return competent[0] if len(competent) == 1 else None


@dataclass(frozen=True)
class Problem:
    field: str
    code: str  # a key of services.PROBLEM_MESSAGES
    detail: str = ""


def check_content(content: dict) -> list[Problem]:
    """Shape and meaning of one version's content; empty list when it may be saved."""
    problems: list[Problem] = []
    for name in ("name", "field_id", "level"):
        if _blank(content.get(name)):
            problems.append(Problem(name, "required"))
    if _blank(content.get("unit_id")) and not is_commune_level(content.get("level")):
        problems.append(Problem("unit_id", "required"))  # a town-level procedure names its handling unit
    days = content.get("processing_days")
    if days is None or isinstance(days, bool) or not isinstance(days, int):
        problems.append(Problem("processing_days", "days_integer"))
    elif days < 0:
        problems.append(Problem("processing_days", "days_negative"))
    elif days > 365:
        problems.append(Problem("processing_days", "days_too_large"))
    fee = content.get("fee_amount")
    if fee is not None and (isinstance(fee, bool) or not isinstance(fee, int) or not 0 <= fee <= MAX_FEE):
        problems.append(Problem("fee_amount", "fee_invalid"))
    sets = content.get("sets", 1)
    if not isinstance(sets, int) or isinstance(sets, bool) or not 1 <= sets <= MAX_SETS:
        problems.append(Problem("sets", "sets_invalid"))
    for channel in content.get("channels") or []:
        if channel not in CHANNELS:
            problems.append(Problem("channels", "channel_unknown", str(channel)))
    for i, doc in enumerate(content.get("documents") or [], start=1):
        if _blank(doc.get("name")):
            problems.append(Problem("documents", "document_name", str(i)))
        if doc.get("kind") not in DOCUMENT_KINDS:
            problems.append(Problem("documents", "document_kind", str(i)))
        count = doc.get("count")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            problems.append(Problem("documents", "document_count", str(i)))
    online = content.get("online_level")
    if online is not None and online not in {o.value for o in OnlineLevel}:
        problems.append(Problem("online_level", "online_unknown"))
    old = content.get("old_online_level")
    if old is not None and old not in (1, 2, 3, 4):
        problems.append(Problem("old_online_level", "old_online_range"))
    for name, limit in TEXT_LIMITS.items():
        value = content.get(name)
        if isinstance(value, str) and len(value) > limit:
            problems.append(Problem(name, "too_long", str(limit)))
    return problems


def diff(old: dict, new: dict, fields=CONTENT_FIELDS) -> list[tuple[str, object, object]]:
    """Components whose value differs between two versions, in display order."""
    return [(f, old.get(f), new.get(f)) for f in fields if _norm(old.get(f)) != _norm(new.get(f))]


def _norm(value):
    if isinstance(value, str):
        return value.strip()
    if value == []:
        return None
    return value


def published_on_time(published_day, deadline_day) -> bool:
    """A version is published on time when it went public no later than its deadline day."""
    return published_day <= deadline_day
