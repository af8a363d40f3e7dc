"""Demo everyday feedback topics (issue 16 point 2), each with its NĐ 20/2008 category (Điều 5) and unit.

DEMO MAPPING, not a legal fact: the 2019 demo town has no urban-management office (Phòng Quản lý đô thị), so
street, drainage and greenery topics go to the Văn phòng HĐND và UBND (which forwards) or to Phòng Tài chính –
Kế hoạch (public investment). Most everyday topics are "other" in NĐ 20's categories: they are about services,
not about a regulation or an official's conduct; slow or obstructive procedures are "obstruction". A topic whose
unit was dissolved by the 2025 reorganisation goes to that unit's successor (phường Nam Gia Nghĩa)."""
from __future__ import annotations

from sqlalchemy import select

from portal.core.db import db
from portal.feedback.topics_models import FeedbackTopic
from portal.feedback.vocabulary import Category
from portal.units.models import Unit

SUCCESSOR = "000.32.26.H17"  # phường Nam Gia Nghĩa (portal/demo/reorganisation.py NAM)
TOPICS = [  # (name vi, name en, category, unit code in 2019)
    ("Đèn đường hỏng", "Broken street light", Category.OTHER, "000.01.26.H17"),
    ("Rác thải, vệ sinh môi trường", "Rubbish and sanitation", Category.OTHER, "000.01.26.H17"),
    ("Đường hư hỏng", "Damaged road", Category.OTHER, "000.04.26.H17"),
    ("Cống thoát nước, ngập úng", "Drains and flooding", Category.OTHER, "000.04.26.H17"),
    ("Lấn chiếm vỉa hè, lòng đường", "Pavement or road encroached", Category.OTHER, "000.01.26.H17"),
    ("Tiếng ồn", "Noise", Category.OTHER, "000.05.26.H17"),
    ("Cây xanh gãy đổ", "Fallen or dangerous tree", Category.OTHER, "000.01.26.H17"),
    ("An ninh trật tự", "Public order and safety", Category.OTHER, "000.01.26.H17"),
    ("Thủ tục hành chính chậm, gây phiền hà", "Slow or obstructive administrative procedure",
     Category.OBSTRUCTION, "000.02.26.H17"),
    ("Quy định không phù hợp thực tế", "Regulation unsuited to reality", Category.UNSUITABLE, "000.03.26.H17"),
    ("Sáng kiến, đề xuất", "Initiative or proposal", Category.INITIATIVE, "000.02.26.H17"),
]


def load_topics() -> str:
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    existing = set(db.session.scalars(select(FeedbackTopic.name_vi)))
    added = 0
    for order, (name_vi, name_en, category, code) in enumerate(TOPICS, start=1):
        if name_vi in existing:
            continue
        unit = units.get(code)
        if unit is None or not unit.is_active:
            unit = units.get(SUCCESSOR)
        db.session.add(FeedbackTopic(name_vi=name_vi, name_en=name_en, category=category, sort_order=order * 10,
                                     unit_id=unit.id if unit is not None and unit.is_active else None))
        added += 1
    db.session.flush()
    return f"{added} feedback topics"
