"""Everyday topics a citizen picks from ('đèn đường hỏng', 'rác thải' …), each mapped to its NĐ 20/2008
content category (Điều 5) and to the unit that handles it (issue 16 point 2). Administrators keep the list."""
from __future__ import annotations

from portal.core.clock import utcnow
from portal.core.db import UTCDateTime, db, string_enum
from portal.feedback.vocabulary import Category


class FeedbackTopic(db.Model):
    __tablename__ = "feedback_topic"

    id = db.Column(db.Integer, primary_key=True)
    name_vi = db.Column(db.String(120), nullable=False, unique=True)
    name_en = db.Column(db.String(120), nullable=False, default="")
    category = db.Column(string_enum(Category, "feedback_topic_category", 30), nullable=False)
    unit_id = db.Column(db.Integer, db.ForeignKey("unit.id", ondelete="RESTRICT"))  # None: the desk decides
    is_active = db.Column(db.Boolean, nullable=False, default=True)
    sort_order = db.Column(db.Integer, nullable=False, default=0)
    updated_at = db.Column(UTCDateTime(), nullable=False, default=utcnow)
    version = db.Column(db.Integer, nullable=False, default=1)

    unit = db.relationship("Unit")

    __mapper_args__ = {"version_id_col": version}

    AUDITED = ("name_vi", "name_en", "category", "unit_id", "is_active", "sort_order")

    def name_in(self, locale: str) -> str:
        return self.name_en if locale == "en" and self.name_en else self.name_vi
