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
    # The days the unit existed (inclusive; NULL = since always / still exists). A reorganisation (merge, split,
    # abolish: portal.units.lineage) sets `valid_to` of the ceased units to the day before it takes effect.
    valid_from = db.Column(db.Date)
    valid_to = db.Column(db.Date)
    version = db.Column(db.Integer, nullable=False, default=1)
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    parent = db.relationship("Unit", remote_side=[id])

    __mapper_args__ = {"version_id_col": version}

    AUDITED = ("code", "name", "level", "parent_id", "is_active", "case_code_pattern", "valid_from", "valid_to")

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


class UnitName(db.Model):
    """A unit's name over dates (portal.units.names): a rename closes the previous name the day before the new
    one starts, so documents keep the name of their date. `unit.name` stays the name in force now (the
    open-ended row). Spans of one unit do not overlap: the rename service checks it."""
    __tablename__ = "unit_name"

    id = db.Column(db.Integer, primary_key=True)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="CASCADE"), nullable=False, index=True)
    name = db.Column(db.String(200), nullable=False)
    valid_from = db.Column(db.Date, nullable=False)
    valid_to = db.Column(db.Date)  # inclusive; NULL = still in force

    __table_args__ = (
        db.UniqueConstraint("unit_id", "valid_from"),
        db.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="valid_to_after_from"),
    )


class ReorganisationKind(StrEnum):
    MERGE = "merge"      # N units -> 1 successor (new or existing)
    SPLIT = "split"      # 1 unit -> N successors; one of them takes the open work (`takes_open_work`)
    ABOLISH = "abolish"  # 1 unit ceases, its functions moved to 1 existing unit


REORGANISATION_LABELS = {ReorganisationKind.MERGE: _l("Merge"), ReorganisationKind.SPLIT: _l("Split"),
                         ReorganisationKind.ABOLISH: _l("Abolition (functions moved)")}


class Reorganisation(db.Model):
    """One recorded change of the organisation, effective from a day: the predecessors ceased the day before,
    the successors carry on from that day (portal.units.lineage)."""
    __tablename__ = "reorganisation"

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(string_enum(ReorganisationKind, "reorganisation_kind", 20), nullable=False)
    effective_on = db.Column(db.Date, nullable=False)
    legal_basis = db.Column(db.String(300), nullable=False, default="")  # e.g. Nghị quyết 1671/NQ-UBTVQH15
    note = db.Column(db.Text, nullable=False, default="")
    created_by_id = db.Column(db.Integer, db.ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    links = db.relationship("UnitSuccession", back_populates="reorganisation", cascade="all, delete-orphan",
                            order_by="UnitSuccession.id")


class UnitSuccession(db.Model):
    """predecessor -> successor, from the reorganisation's day. A merged or abolished unit has one successor; a
    split unit has several, exactly one of which `takes_open_work` (and the predecessor's figures "as is")."""
    __tablename__ = "unit_succession"

    id = db.Column(db.Integer, primary_key=True)
    reorganisation_id = db.Column(db.Integer, db.ForeignKey("reorganisation.id", ondelete="CASCADE"),
                                  nullable=False, index=True)
    predecessor_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), nullable=False, index=True)
    successor_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"), nullable=False, index=True)
    takes_open_work = db.Column(db.Boolean, nullable=False, default=True)

    reorganisation = db.relationship("Reorganisation", back_populates="links")

    __table_args__ = (
        db.UniqueConstraint("predecessor_id", "successor_id"),
        db.CheckConstraint("predecessor_id <> successor_id", name="not_itself"),
    )


class OrganisationProfile(db.Model):
    """The organisation's own name, issuer lines and address over dates (portal.units.profiles): recording a new
    one closes the previous one the day before, so documents print the names of their date. No row covering a
    day = the configured organisation (COMMITTEE_NAME …), so a fresh install prints as before."""
    __tablename__ = "organisation_profile"

    id = db.Column(db.Integer, primary_key=True)
    valid_from = db.Column(db.Date, nullable=False, unique=True)
    valid_to = db.Column(db.Date)  # inclusive; NULL = in force
    committee_name = db.Column(db.String(200), nullable=False)
    short_name = db.Column(db.String(200), nullable=False, default="")
    issuer_line = db.Column(db.String(200), nullable=False, default="")
    superior_name = db.Column(db.String(200), nullable=False, default="")
    province = db.Column(db.String(100), nullable=False, default="")
    place = db.Column(db.String(100), nullable=False, default="")
    address = db.Column(db.String(300), nullable=False, default="")
    phone = db.Column(db.String(40), nullable=False, default="")
    created_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (
        db.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="valid_to_after_from"),
    )

    AUDITED = ("valid_from", "valid_to", "committee_name", "short_name", "issuer_line", "superior_name", "province",
               "place", "address", "phone")
