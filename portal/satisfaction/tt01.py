"""TT 01/2018/TT-VPCP scoring of rated cases and of agencies (Điều 13–15; DOMAIN.md §6), pure.

No clock, no database. The rating itself (scales, channels, the citizen's answers, who may rate) is in
rules.py; this module turns it, and the facts recorded per agency, into points, scores and grades.

Indicators (Điều 13), 0/1/2 points each, scored as Điều 14 k1–2 says: per file 1, 2, 3, 4,
6, 7; per agency (the handling unit and the desk) 5, 6, 8, 9. The clause of each scale is quoted
beside its function below; where the text leaves a case open the reading taken is written there.
Điều 15 k2 a: each per-file indicator is averaged over the files and rounded to one decimal (half
up) BEFORE the indicators are added; staff score = 1+2+3+4+7 (Điều 15 k1 a, max 10): ≥ 5 100% of
tasks, 3.5–< 5 70 to < 100%, < 3.5 under 70% (k3 a); agency score = the per-file indicators 1, 2, 3,
4, 7 of its files + its own 5, 6, 8, 9 (k1 b, max 18): ≥ 15 xuất sắc, 12–< 15 tốt, 9–< 12 khá,
6–< 9 trung bình, < 6 yếu (k3 b). An indicator without enough information to be scored is left out
of the sum (Điều 15 k4 b) — never given points by default — and the page says which.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from portal.satisfaction.rules import Agencies, Contacts

# ---------------------------------------------------------------- TT 01/2018 Điều 13: per-file indicators

def points_time(timing: str | None) -> int:
    """Indicator 1 (Điều 13 k1): "Điểm 2 khi tổng thời gian ngắn hơn so với quy định; Điểm 1 khi tổng thời
    gian bằng thời gian quy định; Điểm 0 khi tổng thời gian dài hơn so với quy định." From the case's stored
    timing (early / on time / late against the promise made at receipt); anything else 0."""
    return {"early": 2, "on_time": 1}.get(timing or "", 0)


def points_units(leg_timings: list[str], case_timing: str | None) -> int:
    """Indicator 2 (Điều 13 k2): "Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết (kể cả đơn
    vị phối hợp) so với quy định": 2 shorter, 1 equal, 0 longer. Every unit that took part counts — the
    handling unit (the case's own timing) and each consulted unit (its leg against the leg's due day); one
    number per file, so the worst of them."""
    return min(points_time(t) for t in [case_timing, *leg_timings])


def day_timing(done_on, due_on) -> str:
    """A consultation leg against its own deadline, by local calendar day (indicator 2): before the due
    day early, on it on time, after it (or never answered) late."""
    if done_on is None or done_on > due_on:
        return "late"
    return "early" if done_on < due_on else "on_time"


def contacts_from_record(supplement_requests: int) -> Contacts:
    """Indicator 3 as the case record knows it (tablet mode): each supplement request sent the citizen
    back once more to complete the file."""
    return Contacts(min(max(supplement_requests, 0), Contacts.MORE))


def points_contacts(contacts: int) -> int:
    """Indicator 3 (Điều 13 k3): "Điểm 2 khi không phải liên hệ với nơi tiếp nhận hồ sơ thủ tục hành chính lần
    nào để hoàn thiện hồ sơ; Điểm 1 khi chỉ phải một lần liên hệ ...; Điểm 0 khi phải hơn một lần liên hệ
    ..., trừ trường hợp nguyên nhân do lỗi của người nộp hồ sơ." (The exception is the citizen's to judge
    when answering; the record cannot tell whose fault a supplement request was.)"""
    return {Contacts.NONE: 2, Contacts.ONCE: 1}.get(Contacts(contacts), 0)


def agencies_from_record(supplement_requests: int) -> Agencies:
    """Indicator 4 as the case record knows it (tablet mode): a file that was never sent back needed no
    contact to complete it; one that was sent back was completed through the one-stop desk (consultations
    travel between offices, not with the citizen)."""
    return Agencies.NONE if supplement_requests <= 0 else Agencies.DESK


def points_agencies(agencies: int) -> int:
    """Indicator 4 (Điều 13 k4): "Điểm 2 khi không phải liên hệ với cơ quan, đơn vị, tổ chức nào để hoàn thiện
    hồ sơ thủ tục hành chính; Điểm 1 khi phải liên hệ với một cơ quan, đơn vị, tổ chức là Bộ phận Một cửa ...;
    Điểm 0 khi phải liên hệ với hơn một cơ quan, đơn vị, tổ chức." """
    return {Agencies.NONE: 2, Agencies.DESK: 1}.get(Agencies(agencies), 0)


def points_conduct(timing: str | None, conduct_feedback: bool) -> int:
    """Indicator 7 (Điều 13 k7), objective: "Điểm 2 khi tiếp nhận, xử lý, trả kết quả hồ sơ sớm hơn thời hạn
    quy định và không có ý kiến phản ánh, kiến nghị về hành vi, thái độ nhũng nhiễu, gây phiền hà, không thực
    hiện hoặc thực hiện không đúng quy định pháp luật; Điểm 1 khi ... đúng thời hạn quy định và không có ý kiến
    phản ánh, kiến nghị ...; Điểm 0 khi có ý kiến phản ánh, kiến nghị ... Trường hợp phản ánh, kiến nghị được
    cơ quan có thẩm quyền xác minh, kết luận là không đúng hoặc vu cáo thì không được tính vào đánh giá này."
    `conduct_feedback`: such a phản ánh about this file exists and was not concluded untrue (services decide
    which count). A late file without one meets neither a) nor b): 0 (the reading taken — the clause names
    no other score)."""
    if conduct_feedback:
        return 0
    return {"early": 2, "on_time": 1}.get(timing or "", 0)


def electronic_publication(published: bool, complete: bool) -> int:
    """Per-file indicator 6 as the portal can see it: 1 when the procedure version of the file was published
    electronically (this portal) with every mandatory component, else 0. The other form of Điều 13 k6 — the
    posting at the desk (niêm yết) — is an agency fact (Điều 14 k2): see points_publication."""
    return 1 if published and complete else 0


@dataclass(frozen=True)
class Points:
    """The per-file indicators of one rated case (Điều 14 k1): 1, 2, 3, 4, 7 on the 0/1/2 scale and 6 as
    electronic_publication (0/1). Indicators 5, 8 and 9 are scored per agency, not per file."""
    i1: int
    i2: int
    i3: int
    i4: int
    i6: int
    i7: int

    def __post_init__(self):
        for name in ("i1", "i2", "i3", "i4", "i6", "i7"):
            if getattr(self, name) not in (0, 1, 2):
                raise ValueError(f"{name} must be 0, 1 or 2")
        if self.i6 not in (0, 1):
            raise ValueError("i6 (electronic publication) must be 0 or 1")

    @property
    def officer(self) -> int:
        """The file's own 1+2+3+4+7 (shown per rating; the staff score is made of averages, staff_score)."""
        return self.i1 + self.i2 + self.i3 + self.i4 + self.i7


# ---------------------------------------------------------------- TT 01/2018 Điều 13: per-agency indicators

UNSCORED = None  # Điều 15 k4 b: "chưa có đủ thông tin chấm điểm để đánh giá thì không tính chỉ số đó"


def desk_threshold(unit_level: str) -> Decimal:
    """Indicator 5 a): the share of the listed procedures the desk itself receives, examines, appraises and
    approves (or submits) for 2 points — "tối thiểu 50%" for the district-level (town) desk, "100%" for the
    commune-level desk."""
    return Decimal(100) if unit_level == "commune" else Decimal(50)


def points_desk_model(unit_level: str, decided_pct, all_received: bool | None) -> int | None:
    """Indicator 5 (Điều 13 k5): a) 2 when the desk "tiếp nhận, xem xét, thẩm định hồ sơ, trình phê duyệt kết
    quả" for at least 50% (town) / 100% (commune) of the procedures of its list; b) 1 when "100% thủ tục hành
    chính không thuộc đối tượng quy định tại các điểm a, b khoản 5 Điều 14 Nghị định số 61/2018/NĐ-CP được
    tiếp nhận hồ sơ và trả kết quả tại Bộ phận Một cửa"; c) 0 when under 100%. Both facts are recorded by
    hand per unit and period; what is missing and needed gives None (not scored)."""
    if decided_pct is None:
        return UNSCORED  # a) cannot be ruled out
    if Decimal(str(decided_pct)) >= desk_threshold(unit_level):
        return 2
    if all_received is None:
        return UNSCORED
    return 1 if all_received else 0


def points_publication(posted: bool | None, electronic: bool | None) -> int | None:
    """Indicator 6 (Điều 13 k6): "Điểm 2 khi thủ tục hành chính ... được công khai chính xác, đầy đủ, kịp thời
    bằng cả hình thức niêm yết và điện tử ...; Điểm 1 khi ... bằng hình thức niêm yết hoặc điện tử ...; Điểm 0
    khi ... không được công khai chính xác, đầy đủ, kịp thời." `posted`: recorded by hand; `electronic`: every
    file's procedure published on the portal with all components. Either unknown: not scored."""
    if posted is None or electronic is None:
        return UNSCORED
    return int(bool(posted)) + int(bool(electronic))


def points_feedback_handling(on_time: int, in_scope: int, protracted: bool | None) -> int | None:
    """Indicator 8 (Điều 13 k8): "Điểm 2 khi không có phản ánh, kiến nghị hoặc 100% phản ánh, kiến nghị được xử
    lý đúng thời hạn theo quy định và không có phản ánh, kiến nghị kéo dài; Điểm 1 khi tối thiểu từ 90% ... được
    xử lý đúng thời hạn ... và không có phản ánh, kiến nghị kéo dài; Điểm 0 khi dưới 90% ... hoặc có phản ánh,
    kiến nghị kéo dài." `on_time` of `in_scope`: the feedback domain's own on-time count of the unit;
    `protracted`: recorded by hand (None: not recorded)."""
    if in_scope == 0:
        return 2  # "không có phản ánh, kiến nghị"
    if protracted:
        return 0
    share = Decimal(on_time) / Decimal(in_scope)
    if share < Decimal("0.9"):
        return 0
    if protracted is None:
        return UNSCORED  # 1 or 2 depends on whether a PAKN is protracted
    return 2 if on_time == in_scope else 1


def points_online_service(procedures_online: int, procedures_total: int, files_online_pct,
                          online_late: bool | None) -> int | None:
    """Indicator 9 (Điều 13 k9): "a) Điểm 2 khi tối thiểu 20% thủ tục hành chính đáp ứng yêu cầu được đưa vào
    triển khai dịch vụ công trực tuyến mức độ 3, 4; tỷ lệ hồ sơ trực tuyến trong tổng số hồ sơ đạt tối thiểu 30%;
    và không có hồ sơ trực tuyến nào không giải quyết hoặc giải quyết quá hạn; b) Điểm 1 khi có triển khai dịch vụ
    công trực tuyến mức độ 3, 4 ...; tỷ lệ hồ sơ trực tuyến ... đạt tối thiểu 15% đến dưới 30%; và không có hồ sơ
    trực tuyến không được giải quyết hoặc giải quyết quá hạn; c) Điểm 0 khi không triển khai dịch vụ công trực
    tuyến mức độ 3, 4 hoặc tỷ lệ hồ sơ trực tuyến ... dưới 15%; hoặc có hồ sơ trực tuyến không được giải quyết
    hoặc giải quyết quá hạn."
    Reading where a)–c) leave a gap: at least 15% of files online with level 3–4 deployed for fewer than 20%
    of the procedures scores 1 even at 30% or more of files (b's floor is met; a) is not)."""
    if procedures_online <= 0 or online_late:
        return 0
    if files_online_pct is None:
        return UNSCORED
    share = Decimal(str(files_online_pct))
    if share < 15:
        return 0
    if online_late is None:
        return UNSCORED  # whether an online file was left unsolved or late is not known
    if share >= 30 and procedures_total and Decimal(procedures_online) / Decimal(procedures_total) >= Decimal("0.2"):
        return 2
    return 1


# ---------------------------------------------------------------- TT 01/2018 Điều 15: sums and grades

OFFICER_MAX, AGENCY_MAX = 10, 18
FILE_INDICATORS = (1, 2, 3, 4, 7)  # Điều 15 k1 a, k2 a
AGENCY_INDICATORS = (5, 6, 8, 9)  # Điều 15 k1 b
TENTH = Decimal("0.1")


def round1(value) -> float:
    """One decimal, half up (4.25 -> 4.3), as reports are written by hand."""
    return float(Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP))


def indicator_average(total: int, files: int) -> Decimal:
    """Điều 15 k2 a: "Điểm số của Chỉ số thứ i = Tổng điểm số của các hồ sơ ... tính theo chỉ số thứ i/Tổng số hồ
    sơ ...; kết quả được làm tròn phần thập phân đến một (01) chữ số" — exact division, half up."""
    if files <= 0:
        raise ValueError("no file to average")
    return (Decimal(total) / Decimal(files)).quantize(TENTH, rounding=ROUND_HALF_UP)


def file_indicators(sums: dict, files: int) -> dict[int, Decimal]:
    """{i: rounded average} of the per-file indicators 1, 2, 3, 4, 7 from their point sums over `files`."""
    return {i: indicator_average(int(sums[i]), files) for i in FILE_INDICATORS}


def staff_score(sums: dict, files: int) -> Decimal:
    """Điều 15 k1 a + k2: the sum of the five ROUNDED averages (max 10). Twenty files with nineteen at 1 and
    one at 0 on each of 1, 2, 3, 4, 7: 5 × round(0.95) = 5 × 1.0 = 5.0, not round(5 × 0.95) = 4.8."""
    return sum(file_indicators(sums, files).values(), Decimal(0))


def agency_score(file_part: dict[int, Decimal], agency_part: dict[int, int | None]) -> Decimal:
    """Điều 15 k1 b + k2 b: the rounded per-file averages 1, 2, 3, 4, 7 plus the agency's own 5, 6, 8, 9; an
    indicator not scored (None) is not counted (k4 b)."""
    return sum(file_part.values(), Decimal(0)) + sum((Decimal(v) for v in agency_part.values() if v is not None),
                                                     Decimal(0))


class OfficerGrade(StrEnum):
    COMPLETE = "complete"  # hoàn thành 100% nhiệm vụ (≥ 5)
    PARTLY = "partly"  # hoàn thành từ 70% đến dưới 100% nhiệm vụ (3,5 – < 5)
    NOT_COMPLETE = "not_complete"  # hoàn thành dưới 70% nhiệm vụ (< 3,5)


class AgencyGrade(StrEnum):
    EXCELLENT = "excellent"  # xuất sắc
    GOOD = "good"  # tốt
    FAIR = "fair"  # khá
    AVERAGE = "average"  # trung bình
    WEAK = "weak"  # yếu


# Điều 15 k3 a (staff) and k3 b (agencies): the lower bound of each grade.
OFFICER_THRESHOLDS = ((5.0, OfficerGrade.COMPLETE), (3.5, OfficerGrade.PARTLY), (0.0, OfficerGrade.NOT_COMPLETE))
AGENCY_THRESHOLDS = ((15.0, AgencyGrade.EXCELLENT), (12.0, AgencyGrade.GOOD), (9.0, AgencyGrade.FAIR),
                     (6.0, AgencyGrade.AVERAGE), (0.0, AgencyGrade.WEAK))


def grade(score, thresholds):
    """The grade of a score (a sum of one-decimal values, so already one decimal): the first threshold it
    reaches."""
    value = Decimal(str(score)).quantize(TENTH, rounding=ROUND_HALF_UP)
    for lower, name in thresholds:
        if value >= Decimal(str(lower)):
            return name
    return thresholds[-1][1]
