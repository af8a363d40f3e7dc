"""Everyday topics of feedback (issue 16 point 2): the list citizens pick from, each mapped to its NĐ 20/2008
category (Điều 5) and the unit that handles it; the administrators' services and form (views: views/topics.py).
A picked topic gives the feedback its category; its unit is the one proposed on the desk's accept step."""
from __future__ import annotations

from flask_babel import get_locale, lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.core import audit
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.forms import strip
from portal.core.text import nfc
from portal.feedback.labels import CATEGORY_LABELS
from portal.feedback.topics_models import FeedbackTopic
from portal.feedback.vocabulary import Category

STALE = _l("This topic was changed by someone else while you were editing. Nothing was saved; it is shown as it "
           "is now.")
TAKEN = _l("A topic with this name exists already.")


def all_topics() -> list[FeedbackTopic]:
    return list(db.session.scalars(select(FeedbackTopic).order_by(FeedbackTopic.sort_order, FeedbackTopic.name_vi)))


def active_topics() -> list[FeedbackTopic]:
    return [t for t in all_topics() if t.is_active]


def topic_choices() -> list[tuple[int, str]]:
    """The active topics for the citizen's form, in the page's language; 0 = none picked."""
    locale = str(get_locale() or "vi")
    return [(0, _l("— none of these —"))] + [(t.id, t.name_in(locale)) for t in active_topics()]


def chosen_topic(topic_id) -> FeedbackTopic | None:
    """The active topic a submission names, None when none; a stale or forged id is refused beside the field."""
    if not topic_id:
        return None
    topic = db.session.get(FeedbackTopic, int(topic_id))
    if topic is None or not topic.is_active:
        raise DomainError(_l("This topic is no longer offered. Choose another one or none."), field="topic_id")
    return topic


def _apply(topic: FeedbackTopic, values: dict) -> None:
    topic.name_vi, topic.name_en = nfc(values["name_vi"].strip()), nfc((values.get("name_en") or "").strip())
    topic.category = Category(values["category"])
    topic.unit_id = values.get("unit_id") or None
    topic.is_active = bool(values.get("is_active", True))
    topic.sort_order = int(values.get("sort_order") or 0)
    topic.updated_at = utcnow()


def _flush(topic: FeedbackTopic) -> None:
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as err:
        raise DomainError(TAKEN, field="name_vi") from err
    except StaleDataError as err:  # another save landed between our read and write
        raise Conflict(STALE) from err


def create_topic(values: dict) -> FeedbackTopic:
    topic = FeedbackTopic()
    _apply(topic, values)
    db.session.add(topic)
    _flush(topic)
    audit.record("feedback_topic.create", "feedback_topic", topic.id,
                 after=audit.snapshot(topic, FeedbackTopic.AUDITED), summary=topic.name_vi)
    return topic


def update_topic(topic: FeedbackTopic, *, expected_version: int, values: dict) -> FeedbackTopic:
    """Save an edit made from `expected_version`; someone else's save in between is a 409."""
    if topic.version != expected_version:
        raise Conflict(STALE)
    before = audit.snapshot(topic, FeedbackTopic.AUDITED)
    _apply(topic, values)
    _flush(topic)
    audit.record("feedback_topic.update", "feedback_topic", topic.id, before=before,
                 after=audit.snapshot(topic, FeedbackTopic.AUDITED), summary=topic.name_vi)
    return topic


class FeedbackTopicForm(FlaskForm):
    name_vi = StringField(_l("Name (Vietnamese)"), filters=[strip],
                          validators=[DataRequired(_l("Enter the topic's name.")), Length(max=120)])
    name_en = StringField(_l("Name (English, optional)"), filters=[strip], validators=[Length(max=120)])
    category = SelectField(_l("Category (NĐ 20/2008/NĐ-CP Điều 5)"),
                           choices=[(c.value, label) for c, label in CATEGORY_LABELS.items()],
                           validators=[DataRequired()])
    unit_id = SelectField(_l("Handling unit"), coerce=int, choices=[], validators=[Optional()])
    sort_order = IntegerField(_l("Position in the list"), default=0, validators=[Optional(), NumberRange(0, 9999)])
    is_active = BooleanField(_l("Offered on the feedback form"), default=True)
    version = HiddenField()

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in ("name_vi", "name_en", "category", "unit_id",
                                                            "sort_order", "is_active")}
