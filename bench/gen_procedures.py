"""Add N generated procedures to the database in DATABASE_URL (bench data, not demo data).

Names are built from real procedure wording (verbs x objects), so search behaves as on a real
catalogue: many shared words, accents, long names.
    DATABASE_URL=sqlite:///... python bench/gen_procedures.py 2000
"""
from __future__ import annotations

import itertools
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

VERBS = ["Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Đăng ký", "Đăng ký lại", "Xác nhận", "Thu hồi",
         "Chứng thực", "Thẩm định", "Phê duyệt", "Công nhận", "Giải quyết", "Hỗ trợ"]
OBJECTS = ["giấy phép xây dựng nhà ở riêng lẻ", "giấy chứng nhận quyền sử dụng đất", "giấy phép kinh doanh karaoke",
           "hộ kinh doanh", "khai sinh cho trẻ em", "kết hôn có yếu tố nước ngoài", "tình trạng hôn nhân",
           "trợ cấp xã hội hàng tháng", "mai táng phí cho người có công", "chuyển trường học sinh tiểu học",
           "danh hiệu Gia đình văn hóa", "hợp đồng chuyển nhượng quyền sử dụng đất", "bản sao từ sổ gốc",
           "giấy phép khai thác nước dưới đất", "kế hoạch bảo vệ môi trường", "hồ sơ người khuyết tật",
           "nhóm trẻ độc lập tư thục", "hoạt động tín ngưỡng", "điều lệ hợp tác xã", "bản cam kết bảo vệ môi trường"]
SUFFIXES = ["", " tại cấp xã", " cho hộ gia đình, cá nhân", " (trường hợp bị mất, hỏng)", " theo yêu cầu",
            " đối với tổ chức", " có yếu tố nước ngoài"]


def main(count: int) -> None:
    from portal import create_app
    from portal.core.db import db, write_intent
    from portal.procedures import services
    from portal.units.models import Unit

    app = create_app()
    rng = random.Random(2019)
    with app.app_context(), write_intent():
        units = list(db.session.scalars(db.select(Unit)))
        fields = [services.ensure_field(f"G{i:02d}", name) for i, name in enumerate(
            ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Kinh doanh", "Bảo trợ xã hội", "Giáo dục", "Văn hóa",
             "Môi trường", "Tài nguyên nước"])]
        names = itertools.cycle(f"{v} {o}{s}" for v, o, s in itertools.product(VERBS, OBJECTS, SUFFIXES))
        start = date(2018, 1, 2)
        for n in range(count):
            name = next(names)
            unit = rng.choice(units)
            field = rng.choice(fields)
            content = {
                "name": name[0].upper() + name[1:], "field_id": field.id, "level": unit.level.value, "unit_id": unit.id,
                "steps": "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa.\nBước 2: Thẩm định hồ sơ.\nBước 3: Trả kết quả.",
                "channels": rng.sample(["in_person", "post", "online"], k=rng.randint(1, 3)),
                "documents": [{"name": f"Giấy tờ số {i + 1} theo quy định", "kind": "original", "count": 1}
                              for i in range(rng.randint(1, 6))],
                "sets": 1, "processing_days": rng.choice([0, 1, 3, 5, 7, 10, 15, 20, 30]),
                "processing_note": "", "applicants": "Cá nhân, tổ chức", "result": "Văn bản chấp thuận",
                "fee_amount": rng.choice([None, 8000, 50000, 100000]), "fee_description": "",
                "conditions": "Không", "legal_basis": "Luật Tổ chức chính quyền địa phương 2015",
                "online_level": rng.choice(["full", "partial", "none"]), "old_online_level": rng.randint(1, 4),
                "forms": [],
            }
            version = services.create_procedure(f"9.{n + 100000:06d}.000.00.00.H17", content)
            day = start + timedelta(days=n % 700)
            services.publish_version(version, decision_number=f"{n + 1}/QĐ-UBND", decision_date=day,
                                     change_type="new", changed_components=None,
                                     now=datetime(day.year, day.month, day.day, 2, tzinfo=UTC))
            if n % 200 == 199:
                db.session.commit()
        db.session.commit()
    print(f"{count} generated procedures added")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
