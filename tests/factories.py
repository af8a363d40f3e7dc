"""Plain factory functions that build realistic records."""
from __future__ import annotations

import itertools

from argon2 import PasswordHasher, profiles

from portal.auth.models import StaffUser, UserRole
from portal.core.access import Role
from portal.core.db import db
from portal.units.models import Unit, UnitLevel

PASSWORD = "Mat-khau-an-toan-2026"
_HASH = PasswordHasher.from_parameters(profiles.CHEAPEST).hash(PASSWORD)  # as TestConfig hashes
_seq = itertools.count(1)

UNIT_NAMES = ["Phòng Tư pháp", "Phòng Nội vụ", "UBND phường Nghĩa Tân", "UBND xã Đắk Nia", "Phòng Văn hóa và Thông tin"]
PEOPLE = ["Nguyễn Thị Mai", "Trần Văn Hùng", "Lê Hoàng Nam", "Phạm Thu Trang", "Đỗ Minh Khoa", "H'Hương Byă"]


def make_unit(code: str | None = None, name: str | None = None, level: UnitLevel = UnitLevel.TOWN) -> Unit:
    n = next(_seq)
    unit = Unit(code=code or f"000.{n:02d}.26.H17", name=name or f"{UNIT_NAMES[n % len(UNIT_NAMES)]} {n}", level=level)
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
