"""The content of the one-stop forms (TT 01/2018/TT-VPCP Điều 9; TT 03/2025/TT-VPCP Phụ lục I), pure.

The wording printed on a form is the circular's, in Vietnamese, whatever the reader's locale: the
paper is handed to citizens and filed, and its text is set by law (as the national database's
column headers are, procedures/columns.py). Page chrome around it is translated by the views.
Callers pass plain data with times already in local time; the HTML sheet and the DOCX file both
render the `Form` returned here, so they cannot drift apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from portal.cases.rules import REGIMES, Lateness, Timing, finished_timing, lateness

NATIONAL_HEADING = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
DESK = "Bộ phận Tiếp nhận và Trả kết quả"  # the receiving desk of NĐ 61/2018 (the 2018 set)
# From 1 Jul 2025 the commune-level desk is the "Trung tâm Phục vụ hành chính công <xã/phường …>" (NĐ 118/2025
# as DOMAIN.md §7a reports it; no primary text held). Its name comes from the unit (views.printing._org:
# config SERVICE_CENTRE_NAMES per unit code, else this prefix and the unit's own name).
CENTRE = "Trung tâm Phục vụ hành chính công"
# Which set a case prints is the regime of its receipt date (rules.regime_of, stored on the case at intake).
CIRCULARS = {key: regime.circular for key, regime in REGIMES.items()}

# (form number, title) per regime; the 2025 set inserts Mẫu 05 (dừng giải quyết) and renumbers.
FORMS = {
    "2018": {"receipt": ("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
             "supplement": ("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
             "refusal": ("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
             "apology": ("04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
             "control": ("05", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
             "register": ("06", "Sổ theo dõi hồ sơ")},
    "2025": {"receipt": ("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
             "supplement": ("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
             "refusal": ("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
             # TT 03/2025 Mẫu 04 (DOMAIN.md §3's table: "… và đề nghị gia hạn thời gian giải quyết")
             "apology": ("04", "Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết"),
             "withdrawal": ("05", "Thông báo dừng giải quyết hồ sơ"),
             "control": ("06", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
             "register": ("07", "Sổ theo dõi hồ sơ")},
}

KIND_TEXT = {"original": "bản chính", "certified_copy": "bản sao chứng thực", "copy": "bản sao",
             "original_or_certified": "bản chính hoặc bản sao chứng thực"}
DELIVERY_TEXT = {"desk": "Trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả", "post": "Qua dịch vụ bưu chính công ích"}
# On what a representative acts (TT 03/2025 Mẫu 01, per DOMAIN.md §3's receipt fields; rules.REPRESENTATIVE_BASES).
LEGAL_REPRESENTATIVE = "Đại diện theo pháp luật"
TIMING_TEXT = {Timing.EARLY: "Trước hạn", Timing.ON_TIME: "Đúng hạn", Timing.LATE: "Quá hạn"}
# A late case stays late; the apology only says which kind of late case it is (NĐ 61/2018 Điều 19 k9, Điều 21).
LATENESS_TEXT = {Lateness.APOLOGISED: "Quá hạn — đã xin lỗi", Lateness.LATE_APOLOGY: "Quá hạn — xin lỗi muộn",
                 Lateness.NO_APOLOGY: "Quá hạn — chưa xin lỗi"}
ACTION_TEXT = {"receive": "Tiếp nhận hồ sơ", "transfer": "Chuyển hồ sơ đến cơ quan giải quyết",
               "assign": "Giao chuyên viên xử lý", "request_supplement": "Yêu cầu bổ sung hồ sơ",
               "supplement": "Nhận hồ sơ bổ sung", "finish": "Chuyển kết quả về Bộ phận Tiếp nhận và Trả kết quả",
               "return": "Trả kết quả cho tổ chức, cá nhân", "refuse": "Từ chối giải quyết hồ sơ",
               "withdraw": "Dừng giải quyết hồ sơ", "apology": "Xin lỗi, hẹn lại ngày trả kết quả"}
HANDOVERS = frozenset({"receive", "transfer", "assign", "supplement", "finish", "return", "refuse"})
REGISTER_HEADERS = ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên cá nhân, tổ chức", "Địa chỉ, số điện thoại",
                    "Cơ quan chủ trì giải quyết", "Ngày nhận hồ sơ", "Ngày hẹn trả kết quả", "Ngày trả kết quả",
                    "Phương thức trả kết quả", "Ký nhận"]
CONTROL_HEADERS = ["Tên cơ quan", "Thời gian giao, nhận hồ sơ",
                   "Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)", "Ghi chú"]


@dataclass(frozen=True)
class Row:
    label: str
    value: str = ""
    items: tuple[str, ...] = ()  # a numbered list under the label


@dataclass(frozen=True)
class Signature:
    title: str
    name: str = ""
    hint: str = "(Ký và ghi rõ họ tên)"


@dataclass
class Form:
    key: str
    regime: str
    form_number: str  # "Mẫu số 01"
    title: str
    circular: str
    issuer: tuple[str, ...]  # the issuing body, top-left, top to bottom
    place_date: str
    subtitle: str = ""
    rows: list[Row] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    copies: tuple[str, ...] = ("",)  # one sheet per label ("Liên 1 …")
    paper: str = "a5"  # a5 | a4 | a4-landscape
    access: dict = field(default_factory=dict)  # receipt only: lookup url and access code


@dataclass(frozen=True)
class Org:
    committee: str  # the body above the issuing unit
    unit: str
    place: str  # the town, for "Gia Nghĩa, ngày … tháng … năm …"
    centre: str = ""  # the 2025 receiving desk: "Trung tâm Phục vụ hành chính công <xã/phường …>"


def issuer_above(unit_name: str, profile) -> str:
    """The first line of the issuer block above `unit_name`, from the organisation profile of the document's date
    (portal.units.profiles.Profile): its issuer line (the town committee above its offices and wards in 2019, the
    province committee above the wards from 1 Jul 2025); the committee's own superior when the issuing unit is
    the committee itself (no "UBND phường X" above "UBND phường X")."""
    own = {_folded(profile.committee_name), _folded(profile.short)}
    if profile.superior_name and _folded(unit_name) in own:
        return profile.superior_name
    return profile.issuer


def _folded(name: str) -> str:
    return re.sub(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", "", (name or "").strip(), flags=re.I).casefold()


def centre_name(unit_name: str, configured: str = "") -> str:
    """The centre of a commune-level unit: the configured name, else "Trung tâm Phục vụ hành chính công" and the
    unit's name without its "UBND"/"Ủy ban nhân dân" ("UBND phường Nam Gia Nghĩa" → "… phường Nam Gia Nghĩa")."""
    if configured.strip():
        return configured.strip()
    place = re.sub(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", "", (unit_name or "").strip(), flags=re.I)
    return f"{CENTRE} {place}".strip()


def desk_name(regime: str, org: Org) -> str:
    """The receiving desk as the regime's forms name it: the 2018 "Bộ phận Tiếp nhận và Trả kết quả", the 2025
    centre of the receiving unit."""
    return DESK if regime == "2018" or not org.centre else org.centre


def delivery_text(delivery: str, regime: str, org: Org) -> str:
    if delivery == "desk" and regime != "2018" and org.centre:
        return f"Trực tiếp tại {CENTRE}"  # named in full in the receipt's first row
    return DELIVERY_TEXT.get(delivery, delivery)


def representative_text(data: dict) -> str:
    """The representative line of a 2025 form: name, ID number and what the representative acts on."""
    name = data.get("representative_name") or ""
    if not name:
        return ""
    parts = [name]
    if data.get("representative_id_number"):
        parts.append(f"số định danh cá nhân: {data['representative_id_number']}")
    basis = authority_text(data)
    if basis:
        parts.append(basis)
    return "; ".join(parts)


def authority_text(data: dict) -> str:
    if data.get("representative_basis") == "legal":
        return LEGAL_REPRESENTATIVE
    if data.get("representative_basis") == "authorisation":
        text = f"Giấy ủy quyền số {data.get('authorisation_number') or ''}"
        if data.get("authorisation_date"):
            text += f" {vn_date(data['authorisation_date'])}"
        return text
    return ""


def addressee_rows(data: dict, regime: str) -> list[Row]:
    """Kính gửi the applicant; on a 2025 form also the representative through whom the file was filed."""
    rows = [Row("Kính gửi", data["applicant_name"])]
    if regime != "2018" and data.get("representative_name"):
        rows.append(Row("Người đại diện", representative_text(data)))
    return rows


def has_form(regime: str, key: str) -> bool:
    """Whether the regime's set has the form (the 2018 set has no notice of stopping a case)."""
    return key in FORMS.get(regime, {})


def vn_date(day: date | datetime | None) -> str:
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}" if day else ""


def vn_moment(moment: datetime | None) -> str:
    return f"{moment:%H} giờ {moment:%M} phút, {vn_date(moment)}" if moment else ""


def short_date(day: date | datetime | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def register_number(number: int | None) -> str:
    """The running number of the Sổ theo dõi hồ sơ as written in it: 01, 02, … (TT 01/2018 Điều 10)."""
    return f"{number:02d}" if number else ""


def new_form(key: str, regime: str, org: Org, day, *, desk: bool, **kwargs) -> Form:
    """A form of the regime's set with its heading filled in (number, title, circular, issuer, place and date)."""
    regime = regime if regime in FORMS else "2025"
    number, title = FORMS[regime][key]
    # The 2025 desk under its unit: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" below "UBND PHƯỜNG …" (the rows name it in full).
    desk_line = DESK if regime == "2018" or not org.centre else CENTRE
    issuer = (org.committee.upper(), org.unit.upper()) + ((desk_line.upper(),) if desk else ())
    return Form(key=key, regime=regime, form_number=f"Mẫu số {number}", title=title.upper(),
                circular=f"(Ban hành kèm theo {CIRCULARS[regime]})", issuer=issuer,
                place_date=f"{org.place}, {vn_date(day)}", **kwargs)


ID_LABEL_2025 = "Số định danh cá nhân/Mã số định danh của tổ chức"
ORGANISATION_ID_LABEL = "Mã số doanh nghiệp/Mã số định danh của tổ chức"


def _applicant_rows(data: dict, regime: str, *, with_id: bool) -> list[Row]:
    rows = [Row("Tiếp nhận hồ sơ của", data["applicant_name"])]
    if with_id and regime == "2025":
        label = ORGANISATION_ID_LABEL if data.get("applicant_kind") == "organisation" else ID_LABEL_2025
        rows.append(Row(label, data.get("applicant_id_number", "")))
    rows += [Row("Địa chỉ", data.get("applicant_address", "")), Row("Số điện thoại", data.get("applicant_phone", "")),
             Row("Email", data.get("applicant_email", ""))]
    return rows


# A reprint: only a hash of the access code is kept, so the code exists on the receipt printed when it was issued
# (at intake, or with a new code) and nowhere else (issue 13 point 11).
ACCESS_WITHHELD = "in trên phiếu hẹn đã giao (mất phiếu: đề nghị cấp mã tra cứu mới)"
# The desk's own copy (Liên 2, filed) never carries the code: it is the applicant's secret, not the archive's.
ACCESS_APPLICANT_COPY_ONLY = "chỉ in trên liên giao người nộp hồ sơ"


def access_code_text(form: Form, copy: str) -> str:
    """What the receipt prints beside "Mã tra cứu" on `copy`: the code on the applicant's copy when it was just
    issued, else where it was printed."""
    if not form.access.get("code"):
        return form.access.get("withheld", "")
    return form.access["code"] if copy == form.copies[0] else ACCESS_APPLICANT_COPY_ONLY


def receipt(case: dict, org: Org) -> Form:
    """Mẫu 01, two copies: `case` holds code, regime, applicant_*, representative_name, procedure_name,
    documents [{name, kind, count}], sets, processing_days, received_at, due_at, delivery, register_book,
    register_number, lookup_url, access_code (the plaintext when just issued, else empty: ACCESS_WITHHELD)."""
    docs = tuple(f"{d['name']} ({KIND_TEXT.get(d.get('kind'), d.get('kind') or '')}: {d.get('count', 1)})"
                 for d in case["documents"])
    regime = case["regime"]
    if regime == "2018":  # TT 01/2018 Mẫu 01, unchanged
        rows = [Row(DESK, org.unit)] + _applicant_rows(case, regime, with_id=True)
        rows.append(Row("Người đại diện (nếu có)", case.get("representative_name") or ""))
    else:  # TT 03/2025 Mẫu 01: the centre; the principal, the representative and the authorisation (DOMAIN.md §3)
        rows = [Row("Nơi tiếp nhận hồ sơ", desk_name(regime, org))] + _applicant_rows(case, regime, with_id=True)
        if case.get("representative_name"):
            rows[1] = Row("Tiếp nhận hồ sơ của (người được đại diện)", case["applicant_name"])
        # one line (name; ID number; authorisation or legal representation), so the copy still fits its A5 page
        rows.append(Row("Người đại diện (nếu có)", representative_text(case)))
    rows += [Row("Nội dung yêu cầu giải quyết", case["procedure_name"]),
             Row("1. Thành phần hồ sơ nộp gồm", items=docs),
             Row("2. Số lượng hồ sơ", f"{case['sets']} (bộ)"),
             Row("3. Thời gian giải quyết hồ sơ theo quy định", f"{case['processing_days']} ngày làm việc"),
             Row("4. Thời gian nhận hồ sơ", vn_moment(case["received_at"])),
             Row("5. Thời gian trả kết quả giải quyết hồ sơ", vn_moment(case["due_at"])),
             Row("6. Đăng ký nhận kết quả tại", delivery_text(case["delivery"], regime, org)),
             Row("Vào Sổ theo dõi hồ sơ", f"Quyển số: {case['register_book']}, Số thứ tự: {case['register_number']}")]
    return new_form("receipt", case["regime"], org, case["received_at"], desk=True,
                    subtitle=f"Mã hồ sơ: {case['code']}", rows=rows,
                    signatures=[Signature("NGƯỜI NỘP HỒ SƠ", case["applicant_name"]),
                                Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", case.get("received_by", ""))],
                    copies=("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu tại " + (DESK if regime == "2018" else CENTRE)),
                    access={"url": case["lookup_url"], "code": case.get("access_code") or "",
                            "withheld": ACCESS_WITHHELD, "case_code": case["code"],
                            "text": "Tra cứu tình trạng hồ sơ: quét mã QR hoặc nhập mã hồ sơ và mã tra cứu"})


def slip(data: dict, org: Org) -> Form:
    """Mẫu 02 (kind "supplement": every missing item at once) or Mẫu 03 (kind "refusal")."""
    regime, kind = data["regime"], data["kind"]
    # The 2025 slips identify the applicant like the receipt when the desk typed the number (DOMAIN.md §3's
    # 2025 ID field; the TT 03/2025 annex itself is not held).
    rows = _applicant_rows(data, regime, with_id=bool(data.get("applicant_id_number")))
    rows[0] = Row("Hồ sơ của" if kind == "supplement" else "Tiếp nhận hồ sơ của", data["applicant_name"])
    if regime != "2018" and data.get("representative_name"):  # the 2025 slips name the representative too
        rows.insert(1, Row("Người đại diện", representative_text(data)))
    rows.append(Row("Nội dung yêu cầu giải quyết", data["procedure_name"]))
    items = tuple(data["items"])
    if kind == "supplement":
        rows.append(Row("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau", items=items))
        rows.append(Row("Lý do", data.get("note") or "Hồ sơ chưa đầy đủ, hợp lệ theo quy định"))
        paragraphs = [f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với {data['contact_name']}"
                      f" ({org.unit}), số điện thoại {data['contact_phone']} để được hướng dẫn.",
                      "Xin trân trọng cảm ơn!"]
        signature = Signature("NGƯỜI HƯỚNG DẪN", data["contact_name"])
    else:
        rows.append(Row(f"Qua xem xét, {desk_name(regime, org)} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể"
                        " như sau", items=items))
        if data.get("note"):
            rows.append(Row("Ghi chú", data["note"]))
        paragraphs = ["Xin thông báo cho Ông/Bà được biết và thực hiện./."]
        signature = Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", data["contact_name"])
    return new_form(kind, regime, org, data["created_at"], desk=True, rows=rows, paragraphs=paragraphs,
                    signatures=[signature])


def apology(data: dict, org: Org) -> Form:
    """Mẫu 04: the unit that is late apologises and sets the new return date (once). Under TT 03/2025 the form is
    the *Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết* (DOMAIN.md §3, §7a; no primary text held): the
    unit apologises and asks the applicant for an extension to the new date; the ≥ 1 working day lead and the
    once-only rule are the service's (services.issue_apology), as before."""
    if data["regime"] != "2018":
        return _apology_2025(data, org)
    rows = [Row("Kính gửi", data["applicant_name"]),
            Row("Mã hồ sơ", data["code"]),
            Row("Thủ tục hành chính", data["procedure_name"]),
            Row("Ngày tiếp nhận hồ sơ", vn_date(data["received_at"])),
            Row("Thời hẹn trả kết quả giải quyết hồ sơ", vn_moment(data["previous_due_at"])),
            Row("Lý do", data["reason"]),
            Row("Ngày hẹn trả kết quả mới", vn_moment(data["new_due_at"]))]
    paragraphs = [f"{org.unit} xin lỗi Ông/Bà/Tổ chức về việc hồ sơ giải quyết quá hạn.",
                  f"{vn_date(data['received_at']).capitalize()}, {org.unit} tiếp nhận giải quyết hồ sơ của"
                  f" Ông/Bà/Tổ chức đề nghị giải quyết thủ tục {data['procedure_name']}; mã hồ sơ: {data['code']}."
                  " Tuy nhiên đến nay chưa trả được kết quả giải quyết hồ sơ.",
                  f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà/Tổ chức. {org.unit} xin lỗi Ông/Bà/Tổ chức và sẽ trả"
                  f" kết quả giải quyết hồ sơ vào {vn_moment(data['new_due_at'])}.",
                  "Xin trân trọng cảm ơn./."]
    return new_form("apology", data["regime"], org, data["issued_at"], desk=False,
                    subtitle=f"Mã hồ sơ: {data['code']}", rows=rows, paragraphs=paragraphs,
                    signatures=[Signature("THỦ TRƯỞNG CƠ QUAN", data["signed_by"], "(Ký, ghi rõ họ tên và đóng dấu)")])


def _apology_2025(data: dict, org: Org) -> Form:
    new_due = vn_moment(data["new_due_at"])
    rows = addressee_rows(data, data["regime"]) + [
        Row("Mã hồ sơ", data["code"]),
        Row("Thủ tục hành chính", data["procedure_name"]),
        Row("Ngày tiếp nhận hồ sơ", vn_date(data["received_at"])),
        Row("Thời hẹn trả kết quả giải quyết hồ sơ", vn_moment(data["previous_due_at"])),
        Row("Lý do chậm giải quyết", data["reason"]),
        Row("Đề nghị gia hạn thời gian giải quyết đến", new_due)]
    paragraphs = [f"{vn_date(data['received_at']).capitalize()}, {org.unit} tiếp nhận giải quyết hồ sơ của"
                  f" Ông/Bà/Tổ chức đề nghị giải quyết thủ tục {data['procedure_name']}; mã hồ sơ: {data['code']}."
                  f" Thời hạn trả kết quả theo quy định là {vn_moment(data['previous_due_at'])}.",
                  f"Hồ sơ chưa được giải quyết đúng thời hạn (lý do: {data['reason']}). {org.unit} xin lỗi"
                  " Ông/Bà/Tổ chức vì sự chậm trễ này.",
                  f"{org.unit} đề nghị Ông/Bà/Tổ chức đồng ý gia hạn thời gian giải quyết hồ sơ và hẹn trả kết quả"
                  f" vào {new_due}.",
                  "Xin trân trọng cảm ơn./."]
    return new_form("apology", data["regime"], org, data["issued_at"], desk=False,
                    subtitle=f"Mã hồ sơ: {data['code']}", rows=rows, paragraphs=paragraphs,
                    signatures=[Signature("THỦ TRƯỞNG CƠ QUAN", data["signed_by"], "(Ký, ghi rõ họ tên và đóng dấu)")])


def leg_row(leg: dict, today: date | None) -> list[str]:
    """A consultation or liên thông leg: sent and answered, judged against the leg's own deadline."""
    times = f"Giao: {vn_moment(leg['sent_at'])}"
    if leg["answered_at"]:
        times += f"\nNhận lại: {vn_moment(leg['answered_at'])}"
        result = TIMING_TEXT[finished_timing(leg["answered_at"], leg["due_at"])]
    else:
        overdue = today is not None and today > leg["due_at"].date()
        result = "Quá hạn (chưa trả lời)" if overdue else "Chưa trả lời"
    parts = [f"Xin ý kiến/phối hợp: {leg['purpose']}", f"Hạn trả lời: {vn_moment(leg['due_at'])}"]
    if leg.get("answer"):
        parts.append(f"Trả lời: {leg['answer']}")
    if leg.get("answered_by"):
        parts.append(f"Người trả lời: {leg['answered_by']}")
    return [leg["unit"], times, result, "; ".join(parts)]


def control_rows(events: list[dict], original_due_at: datetime, legs: list[dict] = (),
                 today: date | None = None, apology_kind: str | None = None) -> list[list[str]]:
    """One row per hand-over, judged by days against the LEGAL due (`original_due_at`: an apology's new
    date never makes a step on time; TT 01/2018 Điều 13 chỉ số 1); a late step says whether the case
    was apologised for (`apology_kind`). The receiving row has none. Consultations get their own rows,
    in the order they were sent, judged against their own deadline."""
    rows, due, previous_unit = [], original_due_at, None
    pending = sorted(legs, key=lambda leg: leg["sent_at"])
    for event in events:
        while pending and pending[0]["sent_at"] <= event["at"]:
            rows.append(leg_row(pending.pop(0), today))
        if event["action"] == "apology":
            rows.append([event["unit"], vn_moment(event["at"]), "", _note(event)])
            continue
        if event["action"] not in HANDOVERS and event["action"] != "withdraw":
            continue
        unit = event["unit"]
        name = unit if previous_unit in (None, unit) else f"Giao: {previous_unit}\nNhận: {unit}"
        result = "" if event["action"] in ("receive", "withdraw") else _result(finished_timing(event["at"], due),
                                                                                apology_kind)
        rows.append([name, vn_moment(event["at"]), result, _note(event)])
        previous_unit = unit
    rows += [leg_row(leg, today) for leg in pending]
    return rows


def _result(timing: Timing, apology_kind: str | None) -> str:
    return LATENESS_TEXT[lateness(apology_kind)] if timing == Timing.LATE else TIMING_TEXT[timing]


def register_due(case: dict) -> str:
    """The register's promised date is the receipt's legal promise; an apology's new date is written beside it."""
    text = short_date(case.get("original_due_at") or case["due_at"])
    if case.get("apology_new_due_at"):
        text += f"\n(hẹn lại: {short_date(case['apology_new_due_at'])})"
    return text


def _note(event: dict) -> str:
    parts = [ACTION_TEXT.get(event["action"], event["action"])]
    if event.get("actor"):
        parts.append(f"Người thực hiện: {event['actor']}")
    if event.get("note"):
        parts.append(event["note"])
    return "; ".join(parts)


def control(data: dict, org: Org) -> Form:
    """Mẫu 05 (2018) / Mẫu 06 (2025), kept with the file: `events` are dicts with action, at, unit,
    actor, note, due_at."""
    rows = [Row("Kèm theo hồ sơ của", data["applicant_name"]), Row("Mã hồ sơ", data["code"]),
            Row("Thủ tục hành chính", data["procedure_name"]),
            Row("Cơ quan chủ trì giải quyết", data["handling_unit"]),
            Row("Thời gian trả kết quả giải quyết hồ sơ", vn_moment(data["original_due_at"]))]
    if data.get("apology_new_due_at"):
        rows.append(Row("Hẹn lại ngày trả kết quả (Phiếu xin lỗi)", vn_moment(data["apology_new_due_at"])))
    table = control_rows(data["events"], data["original_due_at"], data.get("legs", ()), data["today"],
                         data.get("apology_kind"))
    if data["regime"] != "2018" and org.centre:  # "Chuyển kết quả về …" the 2025 desk, the centre
        table = [[cell.replace(DESK, CENTRE) for cell in row] for row in table]
    return new_form("control", data["regime"], org, data["today"], desk=True, rows=rows,
                    headers=list(CONTROL_HEADERS), table=table, paper="a4")


def register(data: dict, org: Org) -> Form:
    """Mẫu 06 (2018) / Mẫu 07 (2025), A4 landscape: `cases` are dicts, in received order. The first column
    is the case's number in the book (TT 01/2018 Điều 10), the one its receipt prints."""
    table = [[c.get("register_number") or str(n), c["code"], c["procedure_name"], c["applicant_name"],
              ", ".join(p for p in (c["applicant_address"], c["applicant_phone"]) if p), c["handling_unit"],
              short_date(c["received_at"]), register_due(c), short_date(c["returned_at"]),
              delivery_text(c["delivery"], data["regime"], org), ""] for n, c in enumerate(data["cases"], 1)]
    subtitle = f"Từ ngày {short_date(data['start'])} đến ngày {short_date(data['end'])}"
    return new_form("register", data["regime"], org, data["today"], desk=True, subtitle=subtitle,
                    headers=list(REGISTER_HEADERS), table=table, paper="a4-landscape")
