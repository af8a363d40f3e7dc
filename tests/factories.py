"""Plain factory functions that build realistic records."""
from __future__ import annotations

import functools
import itertools
from datetime import UTC

from argon2 import PasswordHasher, profiles

from portal.auth.models import StaffUser, UserRole
from portal.core.access import Role
from portal.core.access_codes import hash_code
from portal.core.db import db
from portal.units.models import Unit, UnitLevel

PASSWORD = "Mat-khau-an-toan-2026"
_HASH = PasswordHasher.from_parameters(profiles.CHEAPEST).hash(PASSWORD)  # as TestConfig hashes
_seq = itertools.count(1)

UNIT_NAMES = ["Phòng Tư pháp", "Phòng Nội vụ", "UBND phường Nghĩa Tân", "UBND xã Đắk Nia", "Phòng Văn hóa và Thông tin"]
PEOPLE = ["Nguyễn Thị Mai", "Trần Văn Hùng", "Lê Hoàng Nam", "Phạm Thu Trang", "Đỗ Minh Khoa", "H'Hương Byă"]


KNOWN_ACCESS_CODE = "ABCD2345"  # for rows built directly (statistics worlds): only its hash is stored


@functools.cache
def known_access_hash() -> str:
    """One argon2 hash for every such row (each hash costs ~10 ms)."""
    return hash_code(KNOWN_ACCESS_CODE)


def make_unit(code: str | None = None, name: str | None = None, level: UnitLevel = UnitLevel.TOWN) -> Unit:
    n = next(_seq)
    unit = Unit(code=code or f"900.{n:03d}.26.H17", name=name or f"{UNIT_NAMES[n % len(UNIT_NAMES)]} {n}", level=level)
    db.session.add(unit)
    db.session.commit()
    return unit


def make_user(*roles: Role, unit: Unit | None = None, email: str | None = None, full_name: str | None = None,
              active: bool = True) -> StaffUser:
    n = next(_seq)
    if unit is None and Role.ADMIN not in roles:
        unit = make_unit()
    user = StaffUser(email=email or f"canbo{n}@gianghia.gov.vn", full_name=full_name or PEOPLE[n % len(PEOPLE)],
                     unit_id=unit.id if unit else None, password_hash=_HASH, is_active_account=active)
    user.roles = [UserRole(role=Role(r).value) for r in (roles or (Role.HANDLER,))]
    db.session.add(user)
    db.session.commit()
    return user


def login(client, user: StaffUser, password: str = PASSWORD):
    return client.post("/auth/login", data={"email": user.email, "password": password})


def page_as(client, user: StaffUser | None, url: str, *, lang: str | None = None) -> str:
    """The HTML of `url` as `user` sees it (None: anonymous), in `lang` when given; the page must answer 200."""
    client.post("/auth/logout")
    if user is not None:
        login(client, user)
    if lang:
        client.get(f"/language/{lang}")
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def make_field(code: str = "HT", name: str = "Hộ tịch"):
    from portal.procedures import services

    field = services.ensure_field(code, name)
    db.session.commit()
    return field


def procedure_content(unit, field, **changes) -> dict:
    content = {
        # Competence by level: a ward / commune unit stands for the commune level (every ward, no unit named),
        # any other unit is the handling unit of a town-level procedure.
        "name": "Thủ tục đăng ký khai sinh", "field_id": field.id,
        "level": "commune" if unit.level == UnitLevel.COMMUNE else "town", "unit_id": unit.id,
        "steps": "Bước 1: Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa.\nBước 2: Công chức tư pháp – hộ tịch kiểm tra.",
        "channels": ["in_person", "online"],
        "documents": [{"name": "Tờ khai đăng ký khai sinh theo mẫu", "kind": "original", "count": 1},
                      {"name": "Giấy chứng sinh", "kind": "original", "count": 1}],
        "sets": 1, "processing_days": 0, "processing_note": "Ngay trong ngày tiếp nhận hồ sơ",
        "applicants": "Cá nhân", "result": "Giấy khai sinh (bản chính)", "fee_amount": None,
        "fee_description": "Miễn lệ phí đăng ký khai sinh đúng hạn", "conditions": "Không",
        "legal_basis": "Luật Hộ tịch năm 2014; Nghị định 123/2015/NĐ-CP", "online_level": "partial",
        "old_online_level": 3, "forms": [{"name": "Tờ khai đăng ký khai sinh"}],
    }
    content.update(changes)
    return content


def make_procedure(code: str = "1.001193.000.00.00.H17", unit=None, field=None, published: bool = True,
                   decision_date=None, published_at=None, **changes):
    """A procedure with a first version, published by decision unless `published` is False."""
    from datetime import date, datetime

    from portal.procedures import services

    unit = unit or make_unit(name="UBND phường Nghĩa Tân", level=UnitLevel.COMMUNE)
    field = field or make_field()
    version = services.create_procedure(code, procedure_content(unit, field, **changes))
    if published:
        services.publish_version(version, decision_number="1425/QĐ-UBND", decision_date=decision_date or date(2019, 3, 1),
                                 change_type="new", changed_components=None,
                                 now=published_at or datetime(2019, 3, 4, 2, 0, tzinfo=UTC))
    db.session.commit()
    return version.procedure


def amend_procedure(procedure, decision_date=None, published_at=None, **changes):
    from datetime import date, datetime

    from portal.procedures import services

    draft = services.open_draft(procedure)
    services.update_draft(draft, {**services.content_of(draft), **changes}, draft.edit_version)
    services.publish_version(draft, decision_number="2150/QĐ-UBND", decision_date=decision_date or date(2020, 6, 10),
                             change_type="amended", changed_components=None,
                             now=published_at or datetime(2020, 6, 12, 2, 0, tzinfo=UTC))
    db.session.commit()
    return draft
