"""What the demo loaders share: the demo accounts' mail domain and password, and the people and places of
Gia Nghĩa the applicants and submitters are drawn from. A leaf: it imports nothing, so every loader (and
seed, which runs them) reads it without importing another loader."""
from __future__ import annotations

from datetime import date

# Deliberately weak and published (demo only): the password rules refuse it (the town's name with a year), so
# seed-demo creates its accounts with create_user(..., check_strength=False). Never use it on a real install.
DEMO_PASSWORD = "GiaNghia@2019"
MAIL_DOMAIN = "gianghia.daknong.gov.vn"

FAMILY = ["Nguyễn"] * 8 + ["Trần"] * 3 + ["Lê"] * 3 + ["Phạm"] * 2 + ["Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
                                                                    "Ngô", "Dương", "Lý", "Huỳnh", "Phan", "Võ"]
MIDDLE = {"m": ["Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Công", "Thanh"],
          "f": ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng"]}
GIVEN = {"m": ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quang", "Sơn",
               "Thắng", "Tuấn", "Việt", "Hiếu", "Trung", "Lộc", "Tài", "Phúc"],
         "f": ["Anh", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung", "Oanh", "Phương",
               "Thảo", "Trang", "Tuyết", "Vân", "Yến", "Hằng", "Loan", "Dung"]}
ETHNIC = {"m": ["Y Sơn Niê", "Y Bhin Byă", "Y Thuân Mlô", "K'Bình", "K'Dũng", "Điểu Sơn", "Điểu Khánh", "Y Kông Êban"],
          "f": ["H'Hương Byă", "H'Nguyên Niê", "H'Bia Mlô", "Thị Hoa K'Sor", "Thị Lý Điểu", "H'Yên Êban"]}
PLACES = [("phường Nghĩa Đức", "Tổ dân phố"), ("phường Nghĩa Thành", "Tổ dân phố"), ("phường Nghĩa Phú", "Tổ dân phố"),
          ("phường Nghĩa Tân", "Tổ dân phố"), ("phường Nghĩa Trung", "Tổ dân phố"), ("xã Đắk R'Moan", "Thôn"),
          ("xã Quảng Thành", "Thôn"), ("xã Đắk Nia", "Thôn"), ("xã Đắk Nia", "Bon")]
BONS = ["N'Jriêng", "Bu Sốp"]  # M'nông villages (bon) are named, not numbered
MOBILE = ["032", "033", "034", "035", "036", "037", "038", "039", "090", "091", "093", "094", "096", "097", "098"]
STREETS = ["Lê Duẩn", "Hùng Vương", "Trần Hưng Đạo", "Lê Thánh Tông", "Quang Trung", "23 tháng 3", "Tôn Đức Thắng",
           "Huỳnh Thúc Kháng", "Chu Văn An", "Nguyễn Tất Thành"]

# From 1 Jul 2025 the town's wards and communes are three wards of tỉnh Lâm Đồng (DOMAIN.md §7a; the demo's
# reorganisation: portal/demo/reorganisation.py). Addresses written since then name the new ward and province.
TWO_LEVEL_FROM = date(2025, 7, 1)
WARD_2025 = {"phường Nghĩa Đức": "phường Bắc Gia Nghĩa", "phường Nghĩa Thành": "phường Bắc Gia Nghĩa",
             "xã Quảng Thành": "phường Bắc Gia Nghĩa", "phường Nghĩa Phú": "phường Nam Gia Nghĩa",
             "phường Nghĩa Tân": "phường Nam Gia Nghĩa", "xã Đắk R'Moan": "phường Nam Gia Nghĩa",
             "phường Nghĩa Trung": "phường Đông Gia Nghĩa", "xã Đắk Nia": "phường Đông Gia Nghĩa"}


def place_on(place: str, day: date | None) -> str:
    """The ward or commune of a 2019 place as named on `day` (None: as in 2019)."""
    return WARD_2025.get(place, place) if day is not None and day >= TWO_LEVEL_FROM else place


def address_tail(place: str, day: date | None) -> str:
    """"<ward>, <town>, <province>" as written on `day`: the 2019 town of Đắk Nông, or the 2025 ward of Lâm Đồng."""
    if day is not None and day >= TWO_LEVEL_FROM:
        return f"{place_on(place, day)}, tỉnh Lâm Đồng"
    return f"{place}, thị xã Gia Nghĩa, tỉnh Đắk Nông"
