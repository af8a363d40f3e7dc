"""The published channels for phản ánh, kiến nghị (DOMAIN.md §5; seed, Kết quả 2.3): a public page and
the administrators' editor (their views: views/channels.py). Until an admin first saves, the page shows defaults
built from the app config, so the public GET never writes; the first save inserts the single row."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import EmailField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Regexp

from portal.core import audit
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import Conflict
from portal.core.forms import strip
from portal.core.text import nfc
from portal.feedback import deadlines as deadline_rules
from portal.feedback.channels_models import SINGLE_ROW_ID, FeedbackChannels
from portal.feedback.deadline_services import schedule
from portal.feedback.staff_forms import SUBJECT_LABELS
from portal.feedback.vocabulary import Subject

DEFAULT_EMAIL = "pakn@gianghia.daknong.gov.vn"
DEFAULT_OFFICE_HOURS = "Thứ Hai đến Thứ Sáu: sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ 00 (trừ ngày nghỉ lễ, Tết)."
DEFAULT_RULES = """\
Tiếp nhận phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính và về hành vi hành chính của cơ quan, cán bộ, công chức thị xã trong giải quyết thủ tục hành chính: quy định không phù hợp với thực tế, không đồng bộ, trái pháp luật; sự chậm trễ, gây phiền hà, không thực hiện hoặc thực hiện không đúng quy định; đề xuất phương án xử lý hoặc sáng kiến ban hành quy định mới.
Phản ánh, kiến nghị phải dùng tiếng Việt, nêu rõ nội dung; ghi rõ họ tên, địa chỉ, số điện thoại hoặc địa chỉ thư điện tử của người gửi.
Không tiếp nhận qua kênh này: khiếu nại, tố cáo (giải quyết theo Luật Khiếu nại, Luật Tố cáo — xin gửi tới Ban Tiếp công dân thị xã); phản ánh, kiến nghị nặc danh hoặc mạo danh; nội dung đã được cơ quan có thẩm quyền trả lời; yêu cầu giải đáp pháp luật."""
DEFAULT_DEADLINES = """\
Thời hạn tính theo ngày làm việc; ngày tiếp nhận không tính, thời hạn kết thúc vào cuối ngày làm việc cuối cùng.
Nghị định 20/2008/NĐ-CP chỉ quy định thời hạn chuyển phản ánh, kiến nghị không thuộc thẩm quyền tới cơ quan có thẩm quyền (không quá 05 ngày làm việc, điểm d khoản 1 Điều 9). Các thời hạn khác nêu trên là thực tiễn của hệ thống quốc gia và của tỉnh."""


# ---- services ---------------------------------------------------------------------------------

def default_channels() -> FeedbackChannels:
    """The seed values (transient, version 0): the committee's address and phone from the config."""
    cfg = current_app.config
    return FeedbackChannels(id=SINGLE_ROW_ID, address=cfg.get("COMMITTEE_ADDRESS") or "02 Võ Văn Tần, phường Nghĩa Tân",
                            hotline=cfg.get("COMMITTEE_PHONE") or "0261 3544 111", email=DEFAULT_EMAIL,
                            office_hours=DEFAULT_OFFICE_HOURS, rules=DEFAULT_RULES, deadlines=DEFAULT_DEADLINES,
                            updated_at=None, version=0)


def current_channels() -> FeedbackChannels:
    return db.session.get(FeedbackChannels, SINGLE_ROW_ID) or default_channels()


def update_channels(*, expected_version: int, **values) -> FeedbackChannels:
    """Save the channels; `expected_version` is the version the editor started from (0: the seed)."""
    stale = Conflict(_l("The feedback channels were changed by someone else while you were editing. Your changes "
                        "were not saved; review the current text and try again."))
    row = db.session.get(FeedbackChannels, SINGLE_ROW_ID)
    if (row.version if row else 0) != expected_version:
        raise stale
    before = audit.snapshot(row or default_channels(), FeedbackChannels.AUDITED)
    if row is None:
        row = FeedbackChannels(id=SINGLE_ROW_ID)
        db.session.add(row)
    for name in FeedbackChannels.AUDITED:
        setattr(row, name, nfc(values[name].strip()))
    row.updated_at = utcnow()
    row.updated_by_id = current_user.id if current_user and current_user.is_authenticated else None
    try:
        db.session.flush()
    except (StaleDataError, IntegrityError) as err:  # another save landed between our read and write
        raise stale from err
    audit.record("feedback_channels.update", "feedback_channels", row.id, before=before,
                 after=audit.snapshot(row, FeedbackChannels.AUDITED), summary=_l("Feedback channels"))
    return row


# ---- form ------------------------------------------------------------------------------------

class FeedbackChannelsForm(FlaskForm):
    address = StringField(_l("Address"), filters=[strip], validators=[
        DataRequired(_l("Enter the address where feedback is received.")), Length(max=300)])
    hotline = StringField(_l("Hotline"), filters=[strip], validators=[
        DataRequired(_l("Enter the hotline.")), Length(max=40),
        Regexp(r"^\+?[0-9][0-9 .\-]{5,}$", message=_l("Use digits, spaces, dots and hyphens only (e.g. 0261 3544 111)."))])
    email = EmailField(_l("E-mail"), filters=[strip], validators=[
        DataRequired(_l("Enter the e-mail address.")), Email(_l("Enter a valid e-mail address.")), Length(max=200)])
    office_hours = TextAreaField(_l("Office hours"), validators=[DataRequired(_l("Enter the office hours.")),
                                                                Length(max=1000)])
    rules = TextAreaField(_l("What is accepted and what is not"), validators=[
        DataRequired(_l("Enter what is accepted and what is not.")), Length(max=5000)])
    deadlines = TextAreaField(_l("Deadlines"), validators=[DataRequired(_l("Enter the deadlines.")),
                                                          Length(max=5000)])
    version = HiddenField()


def deadlines_in_force(day) -> list[dict]:
    """The deadlines for a feedback received on `day`, statutory first (deadlines.deadlines), each
    {"deadline", "by_kind": {subject label: days} where a per-kind override differs}."""
    rows = schedule()
    found = []
    for step, deadline in deadline_rules.deadlines(day, rows).items():
        by_kind = {SUBJECT_LABELS[kind]: other.days for kind in Subject
                   if (other := deadline_rules.deadline(step, day, rows, kind)) is not None
                   and other.days != deadline.days}
        found.append({"deadline": deadline, "by_kind": by_kind})
    return found
