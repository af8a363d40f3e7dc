"""Units (đơn vị): the town's offices and the ward/commune committees."""
from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum


class UnitLevel(StrEnum):
    TOWN = "town"
    COMMUNE = "commune"


UNIT_LEVEL_LABELS = {UnitLevel.TOWN: _l("Town level"), UnitLevel.COMMUNE: _l("Ward / commune level")}


class Unit(db.Model):
    __tablename__ = "unit"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(40), nullable=False, unique=True)
    name = db.Column(db.String(200), nullable=False)
    level = db.Column(string_enum(UnitLevel, "unit_level", 20), nullable=False)
    parent_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="SET NULL"))
    is_active = db.Column(db.Boolean, nullable=False, default=True)
    # The unit's own case code format (portal.units.case_codes); NULL = the format in force on the receipt date.
    case_code_pattern = db.Column(db.String(80))
    version = db.Column(db.Integer, nullable=False, default=1)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    parent = db.relationship("Unit", remote_side=[id])

    __mapper_args__ = {"version_id_col": version}

    AUDITED = ("code", "name", "level", "parent_id", "is_active", "case_code_pattern")

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"
