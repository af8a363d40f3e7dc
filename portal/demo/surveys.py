"""A finished demo campaign (2019) with about 300 responses given through one-use printed codes, so
the results page and the reports have realistic figures. Deterministic (seeded random), idempotent.
The procedure factor is noticeably weaker (many documents, long waits), as town surveys often find."""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from portal.auth.models import StaffUser, UserRole
from portal.core.access import Role
from portal.core.db import db
from portal.procedures.models import Procedure
from portal.surveys import distribution, responses, services
from portal.surveys.models import Campaign
from portal.surveys.rules import Aspect, CampaignStatus, Factor, QuestionType

TITLE = ("Khảo sát mức độ hài lòng về dịch vụ cấp giấy chứng nhận quyền sử dụng đất và đăng ký khai sinh "
         "năm 2019")
DESCRIPTION = ("Ủy ban nhân dân thị xã Gia Nghĩa khảo sát ý kiến người dân đã thực hiện thủ tục cấp Giấy chứng nhận "
               "quyền sử dụng đất và đăng ký khai sinh từ tháng 3 đến tháng 10 năm 2019, để cải thiện chất lượng "
               "phục vụ. Phiếu khảo sát không ghi tên, không gắn với hồ sơ.")
START, END = date(2019, 3, 1), date(2019, 10, 31)
RESPONSES = 300
# Share of answers 5, 4, 3, 2, 1 per factor (satisfaction questions; assessments follow closely).
PROFILE = {
    Factor.ACCESS: (0.38, 0.47, 0.11, 0.03, 0.01),
    Factor.PROCEDURE: (0.18, 0.40, 0.27, 0.11, 0.04),
    Factor.CIVIL_SERVANTS: (0.45, 0.42, 0.09, 0.03, 0.01),
    Factor.RESULT: (0.41, 0.45, 0.10, 0.03, 0.01),
    Factor.FEEDBACK_HANDLING: (0.35, 0.46, 0.12, 0.05, 0.02),
}
COMMENTS = [
    "Thành phần hồ sơ cấp giấy chứng nhận còn nhiều, phải đi lại bổ sung hai lần.",
    "Cán bộ Bộ phận Một cửa hướng dẫn tận tình, dễ hiểu.",
    "Đề nghị bố trí thêm ghế ngồi chờ và quạt mát vào buổi chiều.",
    "Thời gian chờ đo đạc thửa đất quá lâu, mong được rút ngắn.",
    "Làm khai sinh cho cháu rất nhanh, nhận kết quả ngay trong ngày.",
    "Nên cho nộp hồ sơ đất đai trực tuyến để đỡ đi lại.",
    "Mong có thêm chỗ để xe máy trước trụ sở.",
    "Phí đo đạc, trích lục nên được niêm yết rõ hơn.",
    "Đã phản ánh qua đường dây nóng và được trả lời sau một tuần, rất cảm ơn.",
    "Bản đồ địa chính chưa cập nhật nên phải xác minh lại, mất thêm thời gian.",
    "Hài lòng với thái độ phục vụ của công chức tư pháp phường Nghĩa Tân.",
    "Máy lấy số thứ tự hay bị hỏng, đề nghị sửa chữa.",
]


def _level(rng: random.Random, weights) -> str:
    return rng.choices(["5", "4", "3", "2", "1"], weights=weights)[0]


def _answers(rng: random.Random, campaign: Campaign) -> dict[int, list[str]]:
    raw: dict[int, list[str]] = {}
    gate_yes = rng.random() < 0.22  # about one in five sent a comment or complaint
    for q in campaign.questions:
        if q.factor is None and q.kind == QuestionType.SINGLE and q.options == ["Có", "Không"]:
            raw[q.id] = ["Có" if gate_yes else "Không"]
        elif q.factor is None and q.kind == QuestionType.SINGLE:
            raw[q.id] = [rng.choices(q.options, weights=[0.45, 0.55][:len(q.options)] or None)[0]]
        elif q.kind == QuestionType.SCALE5:
            weights = PROFILE[Factor(q.factor)]
            if q.aspect == Aspect.ASSESSMENT:
                weights = tuple(w + 0.02 for w in weights)
            raw[q.id] = [_level(rng, weights)]
        elif q.kind == QuestionType.SINGLE and rng.random() < 0.85:
            raw[q.id] = [rng.choice(q.options)]
        elif q.kind == QuestionType.TEXT and rng.random() < 0.16:
            raw[q.id] = [rng.choice(COMMENTS)]
    return raw


def load_survey(seed: int = 2026) -> str:
    if db.session.scalar(select(Campaign.id).where(Campaign.title == TITLE)) is not None:
        return "demo survey: already present"
    wanted = ["Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất", "Thủ tục đăng ký khai sinh"]
    procedures = []
    for prefix in wanted:
        found = db.session.scalar(select(Procedure).where(Procedure.name.startswith(prefix))
                                  .order_by(Procedure.id).limit(1))
        if found is not None:
            procedures.append(found)
    manager = db.session.scalar(select(StaffUser).join(UserRole).where(UserRole.role == Role.MANAGER.value)
                                .order_by(StaffUser.id).limit(1))
    if not procedures or manager is None:
        return "demo survey: no procedures or manager"
    rng = random.Random(seed)
    now = datetime(2019, 2, 20, 2, 0, tzinfo=UTC)
    campaign = services.create_campaign({"title": TITLE, "description": DESCRIPTION, "period_start": START,
                                         "period_end": END, "procedure_ids": [p.id for p in procedures]},
                                        actor=manager, now=now)
    services.set_status(campaign, CampaignStatus.OPEN, version=None, actor=manager, now=now)
    codes = []
    for month, count in ((3, 90), (5, 110), (7, 100), (9, 110)):
        codes += distribution.issue_printed_batch(campaign, f"Bộ phận Một cửa – tháng {month}/2019", count,
                                                  actor=manager, now=now.replace(month=month))
    rng.shuffle(codes)
    span = (END - START).days
    for code in codes[:RESPONSES]:
        responses.submit(code, _answers(rng, campaign), today=START + timedelta(days=rng.randrange(span)))
    services.set_status(campaign, CampaignStatus.CLOSED, version=None, actor=manager,
                        now=datetime(2019, 11, 2, 2, 0, tzinfo=UTC))
    db.session.commit()
    return f"demo survey: {RESPONSES} responses to “{TITLE}”"


# ---------------------------------------------------------------- this year's campaign at the 2025 ward centre

CURRENT_TITLE = "Khảo sát mức độ hài lòng về dịch vụ đăng ký khai sinh và chứng thực năm {year}"
CURRENT_DESCRIPTION = ("Trung tâm Phục vụ hành chính công phường Nam Gia Nghĩa khảo sát ý kiến người dân đã thực hiện "
                       "thủ tục đăng ký khai sinh và chứng thực chữ ký trong năm {year}, để cải thiện chất lượng phục "
                       "vụ. Phiếu khảo sát không ghi tên, không gắn với hồ sơ.")
CURRENT_PROCEDURES = ["Thủ tục đăng ký khai sinh", "Chứng thực chữ ký trong các giấy tờ"]


def load_current_survey(now: datetime, seed: int = 2027) -> str:
    """A campaign of `now`'s year at the 2025 ward centre (commune-level procedures, which the ward handles),
    still open: printed slips handed out month by month since it opened, about three in four answered, dated
    up to `now`'s day. Loaded once per year (by title)."""
    from portal.core.clock import to_local

    today = to_local(now).date()
    title = CURRENT_TITLE.format(year=today.year)
    if db.session.scalar(select(Campaign.id).where(Campaign.title == title)) is not None:
        return "demo survey of this year: already present"
    procedures = [p for prefix in CURRENT_PROCEDURES
                  if (p := db.session.scalar(select(Procedure).where(Procedure.name.startswith(prefix))
                                             .order_by(Procedure.id).limit(1))) is not None]
    manager = db.session.scalar(select(StaffUser).join(UserRole).where(UserRole.role == Role.MANAGER.value)
                                .order_by(StaffUser.id).limit(1))
    if not procedures or manager is None:
        return "demo survey of this year: no procedures or manager"
    rng = random.Random(seed)
    start = max(date(today.year, 1, 2), today - timedelta(days=300))
    start = min(start, today - timedelta(days=20))  # early January: the campaign began last year
    opened = datetime.combine(start - timedelta(days=5), datetime.min.time(), tzinfo=UTC).replace(hour=2)
    campaign = services.create_campaign({"title": title, "description": CURRENT_DESCRIPTION.format(year=today.year),
                                         "period_start": start, "period_end": date(today.year, 12, 31),
                                         "procedure_ids": [p.id for p in procedures]}, actor=manager, now=opened)
    services.set_status(campaign, CampaignStatus.OPEN, version=None, actor=manager, now=opened)
    span = (today - start).days
    answered = 0
    for month in range(0, span, 30):  # a batch of slips every month, most answered in the following weeks
        issued = start + timedelta(days=month)
        codes = distribution.issue_printed_batch(
            campaign, f"Trung tâm Phục vụ hành chính công – {issued:%m/%Y}", 40, actor=manager,
            now=datetime.combine(issued, datetime.min.time(), tzinfo=UTC).replace(hour=2))
        for code in codes:
            day = issued + timedelta(days=rng.randrange(30))
            if day <= today and rng.random() < 0.75:
                responses.submit(code, _answers(rng, campaign), today=day)
                answered += 1
    db.session.commit()
    return f"demo survey of this year: {answered} responses to “{title}”"
