"""A catalogue to search: the demo's 49 procedures (real names from the national database) and commonly
sought procedures of other sectors (real names; codes of the national database where the name is
theirs, 9.9xxxxx otherwise), published through the services so the index sees what production sees."""
from __future__ import annotations

from datetime import UTC, date, datetime

from portal.core.db import db
from portal.demo.procedures_data import FIELDS, PROCEDURES
from tests.factories import make_unit, procedure_content

EXTRA_FIELDS = [("CT2", "Cư trú"), ("CC", "Căn cước"), ("LLTP", "Lý lịch tư pháp"), ("GTVT", "Đường bộ"),
                ("BHYT", "Bảo hiểm y tế")]
EXTRA = [
    ("1.001257", "Cấp thẻ căn cước cho công dân Việt Nam từ đủ 14 tuổi trở lên", "CC"),
    ("1.001258", "Cấp đổi thẻ căn cước", "CC"),
    ("1.001259", "Cấp lại thẻ căn cước", "CC"),
    ("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", "LLTP"),
    ("1.004194", "Đăng ký thường trú", "CT2"),
    ("1.004222", "Đăng ký tạm trú", "CT2"),
    ("1.010050", "Xóa đăng ký thường trú", "CT2"),
    ("1.001941", "Khai báo tạm vắng", "CT2"),
    ("1.002804", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "GTVT"),
    ("1.004329", "Cấp lại giấy phép lái xe", "GTVT"),
    ("1.004082", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, "
                 "tặng cho, thừa kế", "DD"),
    ("1.004269", "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất", "DD"),
    ("1.004238", "Tách thửa hoặc hợp thửa đất", "DD"),
    ("1.002990", "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất", "DD"),
    ("1.004949", "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "BHYT"),
    ("2.000522", "Thủ tục cấp bản sao trích lục khai tử", "HT"),
]


def build_catalogue() -> dict[str, int]:
    """Publish every procedure; returns {short code: procedure id} (short code: '1.001193')."""
    from portal.procedures import services
    from portal.units.models import UnitLevel

    town = make_unit(name="UBND thị xã Gia Nghĩa")
    ward = make_unit(name="UBND phường Nghĩa Tân", level=UnitLevel.COMMUNE)
    fields = {code: services.ensure_field(code, name) for code, name in [*FIELDS, *EXTRA_FIELDS]}
    rows = [(p["code"].split(".000.")[0], p["name"], p["field"], p["level"]) for p in PROCEDURES]
    rows += [(code, name, field, "town") for code, name, field in EXTRA]
    ids = {}
    for short, name, field, level in rows:
        unit = ward if level == "commune" else town
        version = services.create_procedure(f"{short}.000.00.00.H17",
                                            procedure_content(unit, fields[field], name=name))
        services.publish_version(version, decision_number="1425/QĐ-UBND", decision_date=date(2019, 3, 1),
                                 change_type="new", changed_components=None,
                                 now=datetime(2019, 3, 4, 2, 0, tzinfo=UTC))
        ids[short] = version.procedure_id
    db.session.commit()
    return ids
