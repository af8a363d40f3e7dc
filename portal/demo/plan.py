"""seed-demo: the demo plans (load_plans: the 2019 plan and its 2026 copy) and their progress reports
(load_plan_progress).

The 2026 demo plan is reported as of mid-November 2026: most early activities done, the year-long ones in
progress, three late (end month passed, not done: 2.4.1, 5.1.2, 5.2.1), one cancelled with its reason (4.2.6) and
the December ones not started. The 2019 plan is over: every activity done, two cancelled. Deterministic (fixed
dates and texts), idempotent (nothing is added to a plan that already has a report). Reports go through
tracking.report_progress, so they are audited; audit rows are dated in the story, not when the seed ran.
"""
from __future__ import annotations

import json
from datetime import UTC, date, datetime, time

from sqlalchemy import select

from portal.core.audit import AuditEvent
from portal.core.clock import local_tz
from portal.core.db import db
from portal.core.text import nfc
from portal.demo.constants import MAIL_DOMAIN
from portal.plan import services, tracking
from portal.plan.models import ActivityUpdate, PlanActivity, PlanField, PlanResult
from portal.plan.rules import PlanStatus, Progress

DEMO_YEAR = 2026
DEMO_TITLE = "Kế hoạch cải cách hành chính năm 2026 (dữ liệu minh họa)"
DEMO_NOTES = ("Bản sao minh họa của Kế hoạch cải cách hành chính năm 2019 (Quyết định số 41/QĐ-UBND ngày "
              "09/01/2019), dùng để minh họa việc theo dõi tiến độ năm 2026 (báo cáo tiến độ, hoạt động trễ hạn). "
              "Số liệu minh họa của cổng (hồ sơ, phản ánh, kiến nghị, đánh giá, khảo sát) thuộc năm 2019, nên các "
              "chỉ số gắn với số liệu của cổng có giá trị trên Kế hoạch năm 2019. Không phải văn bản đã ban hành.")

IP, DONE, CANCELLED = Progress.IN_PROGRESS, Progress.DONE, Progress.CANCELLED

# code -> reports of the 2026 demo plan: (month, day, progress, percent, comment)
PROGRESS_2026 = {
    "1.2.1": [(6, 30, IP, 45, "Đã ban hành 03 văn bản QPPL (Quyết định số 12/2026/QĐ-UBND, 15/2026/QĐ-UBND, "
                                 "18/2026/QĐ-UBND) đúng quy trình, có thẩm định của Phòng Tư pháp."),
              (10, 28, IP, 85, "Lũy kế 10 tháng ban hành 05 văn bản QPPL; đang thẩm định dự thảo quy định quản lý "
                               "trật tự đô thị.")],
    "1.2.2": [(3, 16, DONE, 100, "Đã ban hành Kế hoạch số 25/KH-UBND ngày 15/3/2026 về rà soát, hệ thống hóa văn "
                                 "bản QPPL năm 2026.")],
    "1.2.3": [(6, 20, IP, 50, "Đã rà soát 41/78 văn bản; đề xuất bãi bỏ 02 quyết định hết hiệu lực."),
              (10, 27, DONE, 100, "Hoàn thành rà soát 78 văn bản; UBND thị xã đã ban hành Quyết định số 1745/QĐ-UBND "
                                  "ngày 20/10/2026 công bố danh mục văn bản hết hiệu lực.")],
    "1.2.4": [(11, 10, IP, 50, "Đang tổng hợp số liệu, dự thảo báo cáo gửi Sở Tư pháp trước ngày 30/11/2026.")],
    "1.3.1": [(3, 25, DONE, 100, "Đã ban hành Kế hoạch số 31/KH-UBND ngày 22/3/2026 kiểm tra tình hình thi hành "
                                 "văn bản QPPL tại 04 cơ quan, 03 xã, phường.")],
    "1.3.2": [(7, 15, IP, 60, "Đoàn kiểm tra đã làm việc tại 04/07 đơn vị."),
              (10, 20, DONE, 100, "Hoàn thành kiểm tra 07/07 đơn vị theo kế hoạch; đã có biên bản kiểm tra.")],
    "1.3.3": [(11, 12, IP, 40, "Đang dự thảo báo cáo kết quả kiểm tra, trình lãnh đạo UBND thị xã cho ý kiến.")],
    "2.1.1": [(4, 10, IP, 40, "Đã ban hành Kế hoạch kiểm soát TTHC năm 2026 và Công văn số 412/UBND-VP đôn đốc "
                              "công tác kiểm soát TTHC."),
              (10, 30, IP, 90, "Đã ban hành 06 văn bản chỉ đạo, điều hành; còn báo cáo tổng kết cuối năm.")],
    "2.1.2": [(3, 10, DONE, 100, "Đã ban hành Kế hoạch số 18/KH-UBND ngày 05/3/2026 rà soát quy định, TTHC năm "
                                 "2026.")],
    "2.1.3": [(6, 25, IP, 45, "Đã rà soát 56/120 TTHC thuộc thẩm quyền; đề xuất đơn giản hóa 04 thủ tục."),
              (10, 29, IP, 75, "Đã rà soát 98/120 TTHC; đang tổng hợp phương án đơn giản hóa gửi Sở Tư pháp.")],
    "2.2.1": [(9, 30, IP, 85, "Đã đánh giá tác động 07 TTHC ban hành mới; 01 thủ tục đang chờ ý kiến sở, ngành.")],
    "2.2.2": [(5, 15, IP, 50, "Đã niêm yết 100% TTHC mới công bố theo Quyết định số 420/QĐ-UBND của UBND tỉnh "
                              "tại Bộ phận Một cửa."),
              (10, 31, IP, 80, "Cập nhật đầy đủ TTHC sửa đổi, bổ sung lên Cổng dịch vụ công; tiếp tục duy trì đến "
                               "cuối năm.")],
    "2.3.1": [(2, 28, IP, 60, "Đã công khai địa chỉ, số điện thoại tiếp nhận phản ánh, kiến nghị tại trụ sở và trên "
                              "Cổng thông tin điện tử thị xã."),
              (10, 15, IP, 85, "Duy trì công khai; đã cập nhật đường dây nóng mới trên Cổng thông tin.")],
    "2.3.2": [(6, 30, IP, 50, "6 tháng đầu năm tiếp nhận 112 phản ánh, kiến nghị; giải quyết đúng hạn 103 trường "
                              "hợp."),
              (10, 31, IP, 80, "Lũy kế 10 tháng tiếp nhận 187 phản ánh, kiến nghị; đang giải quyết 9 trường hợp.")],
    "2.3.3": [(10, 31, IP, 85, "Đã gửi thư xin lỗi đối với 100% hồ sơ trễ hạn phát sinh (14 hồ sơ) trong 10 tháng.")],
    "2.4.1": [(5, 20, IP, 50, "11/18 cơ quan, đơn vị đã ban hành quy trình nội bộ giải quyết TTHC."),
              (9, 25, IP, 80, "15/18 cơ quan, đơn vị đã ban hành quy trình; còn 03 xã đang hoàn thiện, đã có văn bản "
                              "đôn đốc.")],
    "2.5.1": [(4, 28, DONE, 100, "Đã kiện toàn Bộ phận Một cửa tại 08/08 xã, phường theo Quyết định số 1120/QĐ-UBND "
                                 "ngày 20/4/2026.")],
    "2.5.2": [(6, 30, IP, 50, "Duy trì cơ chế một cửa, một cửa liên thông tại thị xã và 08 xã, phường."),
              (10, 31, IP, 80, "Tiếp tục duy trì; tỷ lệ hồ sơ giải quyết đúng hạn 10 tháng đạt trên 96%.")],
    "2.5.3": [(10, 10, IP, 75, "Đã gửi báo cáo thống kê quý I, II, III đúng thời hạn; còn báo cáo năm.")],
    "3.2.1": [(9, 30, IP, 75, "Sử dụng biên chế hành chính trong số được giao; đã báo cáo Sở Nội vụ 9 tháng.")],
    "3.2.2": [(9, 30, IP, 75, "Các đơn vị sự nghiệp sử dụng số người làm việc trong phạm vi được giao.")],
    "3.3.1": [(9, 30, IP, 70, "Đã triển khai các quy định phân cấp quản lý mới của UBND tỉnh đến các phòng, xã, "
                              "phường.")],
    "3.4.1": [(7, 10, IP, 40, "Đã chọn 02 dịch vụ: cấp giấy phép xây dựng nhà ở riêng lẻ và chứng thực."),
              (10, 30, IP, 80, "Đã phát và thu 420 phiếu khảo sát; đang tổng hợp kết quả.")],
    "4.1.1": [(10, 15, IP, 80, "Đã ban hành các văn bản điều hành ngân sách năm 2026 và hướng dẫn lập dự toán 2027.")],
    "4.2.1": [(9, 30, IP, 60, "Đang dự thảo quy định quản lý dịch vụ sự nghiệp công, lấy ý kiến các đơn vị.")],
    "4.2.2": [(8, 31, IP, 40, "Đã rà soát mạng lưới đơn vị sự nghiệp giáo dục; các lĩnh vực khác đang thực hiện.")],
    "4.2.3": [(9, 30, IP, 50, "Đã xây dựng dự thảo bộ tiêu chí chất lượng dịch vụ sự nghiệp công lĩnh vực giáo dục.")],
    "4.2.4": [(9, 30, IP, 50, "Đang phối hợp Sở Tài chính hướng dẫn tính giá dịch vụ sự nghiệp công.")],
    "4.2.5": [(10, 20, IP, 70, "Đã trình UBND thị xã dự thảo quy định trình tự thành lập đơn vị sự nghiệp công lập.")],
    "4.2.6": [(4, 15, IP, 10, "Đang xin ý kiến Sở Tài chính về thẩm quyền."),
              (6, 12, CANCELLED, 10, "Theo Công văn số 1520/STC-QLNS ngày 05/6/2026 của Sở Tài chính, việc chuyển đổi "
                                     "đơn vị sự nghiệp công lập do UBND tỉnh quy định; thị xã không ban hành quy định "
                                     "riêng.")],
    "4.3.1": [(9, 30, IP, 80, "15/15 cơ quan hành chính thực hiện cơ chế tự chủ; đang tổng hợp báo cáo năm.")],
    "4.4.1": [(9, 30, IP, 70, "Trung tâm Ứng dụng khoa học và công nghệ đang xây dựng phương án tự chủ.")],
    "5.1.1": [(5, 30, IP, 50, "Đã tổ chức lớp bồi dưỡng cho 32 công chức Bộ phận Một cửa cấp xã."),
              (9, 20, DONE, 100, "Hoàn thành 02 lớp bồi dưỡng với 61 học viên; có danh sách học viên kèm theo.")],
    "5.1.2": [(7, 30, IP, 30, "Đã xây dựng chương trình bồi dưỡng; lớp dự kiến tháng 9 phải hoãn do trùng lịch "
                              "họp HĐND."),
              (10, 5, IP, 70, "Đã mời giảng viên, chốt danh sách 08 Chủ tịch UBND xã, phường; lớp dời sang tháng "
                              "12/2026.")],
    "5.2.1": [(4, 30, IP, 30, "Đã gửi văn bản đề nghị các cơ quan, đơn vị báo cáo số lượng CBCCVC."),
              (8, 15, IP, 60, "Đã nhận báo cáo của 14/18 cơ quan, đơn vị; còn 04 đơn vị chưa gửi.")],
    "5.3.1": [(10, 25, IP, 85, "Đã tổ chức tuyển dụng 12 viên chức giáo dục đúng quy định; đang hoàn thiện hồ sơ.")],
    "5.4.1": [(10, 25, IP, 80, "Đã bổ nhiệm 06, bổ nhiệm lại 04 lãnh đạo cấp phòng theo đúng quy trình.")],
    "5.5.1": [(10, 25, IP, 75, "Đã cử 46 lượt CBCCVC tham gia đào tạo, bồi dưỡng theo kế hoạch.")],
    "6.2.1": [(9, 30, IP, 60, "Đã triển khai hệ thống quản lý văn bản liên thông 4 cấp; đang tích hợp chữ ký số.")],
    "6.3.1": [(10, 31, IP, 85, "Trang thông tin điện tử và phần mềm một cửa điện tử vận hành ổn định; đăng 214 "
                               "tin, bài.")],
    "6.4.1": [(10, 31, IP, 90, "96% văn bản đi được gửi dưới dạng điện tử có chữ ký số.")],
    "6.5.1": [(4, 25, DONE, 100, "Đã tuyên truyền dịch vụ công trực tuyến trên Đài Truyền thanh, Cổng thông tin và "
                                 "tại Bộ phận Một cửa; phát 2.000 tờ rơi.")],
    "6.6.1": [(10, 20, IP, 80, "Đã đánh giá nội bộ ISO 9001:2015 tại 06 phòng; đang khắc phục 05 điểm không phù hợp.")],
    "7.1.1": [(10, 30, IP, 85, "Đã phát sóng 40 chuyên mục CCHC trên Đài Truyền thanh thị xã.")],
    "8.3.1": [(3, 10, IP, 30, "Đã ban hành Kế hoạch kiểm tra CCHC số 20/KH-UBND ngày 08/3/2026."),
              (10, 28, DONE, 100, "Đã kiểm tra 06 cơ quan, 04 xã, phường; báo cáo kết quả kiểm tra đã trình UBND thị "
                                  "xã.")],
}
CANCELLED_2019 = {
    "4.2.5": "UBND tỉnh ban hành quy định chung về thành lập đơn vị sự nghiệp công lập; thị xã không ban hành riêng.",
    "4.2.6": "Thẩm quyền chuyển đổi đơn vị sự nghiệp công lập thuộc UBND tỉnh; thị xã không thực hiện.",
}


def _moment(year: int, month: int, day: int) -> datetime:
    return datetime.combine(date(year, month, day), time(9, 30), tzinfo=local_tz()).astimezone(UTC)


def _reporters() -> tuple[dict, object]:
    """Per unit the demo account that reports (a head before a handler), and the manager for the others."""
    from portal.auth.models import StaffUser
    from portal.core.access import Role

    by_unit, manager = {}, None
    for user in db.session.scalars(select(StaffUser).where(StaffUser.email.like(f"%@{MAIL_DOMAIN}"))
                                   .order_by(StaffUser.id)):
        roles = user.role_set
        if Role.MANAGER in roles and manager is None:
            manager = user
        if Role.UNIT_HEAD in roles and Role.UNIT_HEAD not in getattr(by_unit.get(user.unit_id), "role_set", ()):
            by_unit[user.unit_id] = user
        elif Role.HANDLER in roles:
            by_unit.setdefault(user.unit_id, user)
    return by_unit, manager


def _report(activity: PlanActivity, actor, at: datetime, progress, percent: int, comment: str) -> None:
    tracking.report_progress(activity, progress=progress, percent=percent, comment=comment, actor=actor, now=at,
                             expected_version=activity.version)
    for obj in db.session.new:
        if isinstance(obj, AuditEvent):
            obj.occurred_at = at


def _has_reports(plan) -> bool:
    return db.session.scalar(select(ActivityUpdate.id).join(PlanActivity).join(PlanResult).join(PlanField)
                             .where(PlanField.plan_id == plan.id).limit(1)) is not None


def load_plans(actor=None) -> str:
    """The 2019 plan as transcribed (plan.services.PLAN_2019_JSON), and its 2026 demo copy in force
    (idempotent)."""
    data = json.loads(services.PLAN_2019_JSON.read_text(encoding="utf-8"))
    original = services.find_plan(year=data["year"], title=nfc(data["title"]))
    created = []
    if original is None:
        original = services.load_plan_json(data, actor=actor)
        created.append(str(original.year))
    if services.find_plan(year=DEMO_YEAR, title=DEMO_TITLE) is None:
        services.copy_plan(original, year=DEMO_YEAR, title=DEMO_TITLE, status=PlanStatus.IN_FORCE, notes=DEMO_NOTES,
                  actor=actor)
        created.append(str(DEMO_YEAR))
    db.session.commit()
    if not created:
        return "reform plans already loaded"
    return f"reform plans loaded: {', '.join(created)}"



def load_plan_progress() -> str:
    by_unit, manager = _reporters()
    if manager is None:
        return "plan progress: no demo manager, nothing added"
    added = 0
    demo = services.find_plan(year=DEMO_YEAR, title=DEMO_TITLE)
    if demo is not None and not _has_reports(demo):
        for activity in services.activities(demo):
            actor = by_unit.get(activity.lead_unit_id, manager)
            for month, day, progress, percent, comment in PROGRESS_2026.get(activity.code, ()):
                _report(activity, actor, _moment(demo.year, month, day), progress, percent, comment)
                added += 1
    original = next((p for p in services.list_plans() if p.year == 2019), None)
    if original is not None and not _has_reports(original):
        for activity in services.activities(original):
            actor = by_unit.get(activity.lead_unit_id, manager)
            month = activity.end_month or 12
            if activity.code in CANCELLED_2019:
                _report(activity, actor, _moment(2019, month, 20), CANCELLED, 0, CANCELLED_2019[activity.code])
            else:
                output = activity.output.rstrip(". ")
                comment = f"Đã hoàn thành. Sản phẩm: {output}." if output else "Đã hoàn thành theo kế hoạch."
                _report(activity, actor, _moment(2019, month, 20), DONE, 100, comment)
            added += 1
    db.session.commit()
    return f"plan progress: {added} reports added" if added else "plan progress already loaded"
