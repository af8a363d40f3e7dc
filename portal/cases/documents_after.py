"""The forms issued once a file was accepted, pure: Mẫu 02 sent back by the handling unit (NĐ 61/2018
Điều 19 k4), the refusal after appraisal (Điều 19 k8) and the notice of stopping a case (TT 03/2025 Mẫu 05).

Same conventions as documents.py (the circular's Vietnamese wording whatever the locale; plain data with
times already local in, a `documents.Form` out for the HTML sheet and the DOCX file alike).
"""
from __future__ import annotations

import re

from portal.cases.documents import (
    CENTRE,
    Form,
    Org,
    Row,
    Signature,
    addressee_rows,
    desk_name,
    new_form,
    representative_text,
    vn_date,
    vn_moment,
)
from portal.cases.rules import REGIMES

# The refusal after appraisal has no number in either circular's list of forms: NĐ 61/2018 Điều 19 k8
# names it "Phiếu từ chối giải quyết hồ sơ"; the sheet says on what it rests instead of a form number.
APPRAISAL_REFUSAL_TITLE = "Phiếu từ chối giải quyết hồ sơ"
APPRAISAL_REFUSAL_BASIS = {
    "2018": f"(Theo khoản 8 Điều 19 {REGIMES['2018'].decree})",
    "2025": f"(Theo {REGIMES['2025'].decree})",
}
SUPPLEMENT_RULE_TEXT = {
    "restart": "Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ (khoản 4 Điều 19 Nghị định số"
               " 61/2018/NĐ-CP).",
    "pause": "Thời gian chờ bổ sung hồ sơ không tính vào thời hạn giải quyết; thời hạn tiếp tục được tính khi"
             " nhận đủ hồ sơ.",
}


def note_items(note: str) -> tuple[str, ...]:
    """What the handler wrote, one item each: the trail keeps a note on one line (core.text.nfc), so items
    are told apart by line breaks when there are any, by semicolons, or by a numbering that starts at
    the beginning with 1 and counts up ("1. … 2. …"; "theo Điều 5. …" is not an item)."""
    items = []
    for chunk in re.split(r"\n|;", note or ""):
        chunk = chunk.strip()
        marks = [m for m in re.finditer(r"(?:^|\s)(\d{1,2})[.)]\s", chunk)]
        cuts, expected = [], 1
        for m in marks:
            if int(m.group(1)) == expected and (expected > 1 or m.start() == 0):
                cuts.append(m.start())
                expected += 1
        pieces = [chunk[a:b] for a, b in zip(cuts, cuts[1:] + [len(chunk)], strict=False)] if len(cuts) > 1 else [chunk]
        for piece in pieces:
            piece = re.sub(r"^\s*(?:\d{1,2}[.)]|[-–•*])\s*", "", piece).strip()
            if piece:
                items.append(piece)
    return tuple(items)


def supplement_after_acceptance(data: dict, org: Org) -> Form:
    """Mẫu 02 issued by the handling unit after acceptance and sent through the desk (NĐ 61/2018 Điều 19
    k4): within 3 working days of receipt, once, listing everything missing. `data`: the case's fields
    plus requested_at, note (the request), contact_name, contact_phone, supplement_rule."""
    regime = data["regime"]
    rows = [Row("Hồ sơ của", data["applicant_name"])]
    if regime != "2018" and data.get("representative_name"):  # the 2025 forms name the representative too
        rows.append(Row("Người đại diện", representative_text(data)))
    rows += [Row("Địa chỉ", data.get("applicant_address", "")),
            Row("Số điện thoại", data.get("applicant_phone", "")), Row("Email", data.get("applicant_email", "")),
            Row("Nội dung yêu cầu giải quyết", data["procedure_name"]),
            Row("Ngày tiếp nhận hồ sơ", vn_moment(data["received_at"])),
            Row("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau", items=note_items(data["note"]) or ("",)),
            Row("Lý do", "Hồ sơ qua thẩm tra, thẩm định chưa đủ điều kiện giải quyết")]
    rule_text = SUPPLEMENT_RULE_TEXT.get(data.get("supplement_rule"), "")
    if data["regime"] != "2018":  # the 2025 set rests on NĐ 118/2025, not on NĐ 61/2018
        rule_text = rule_text.split(" (khoản 4 Điều 19")[0].rstrip(".") + "." if rule_text else ""
    paragraphs = [f"{org.unit} trả lại hồ sơ để Ông/Bà/Tổ chức bổ sung, hoàn thiện theo các nội dung nêu trên"
                  f" và nộp lại tại {desk_name(regime, org)}.", rule_text,
                  f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với {data['contact_name']}"
                  f" ({org.unit}), số điện thoại {data['contact_phone']} để được hướng dẫn.",
                  "Xin trân trọng cảm ơn!"]
    return new_form("supplement", data["regime"], org, data["requested_at"], desk=False,
                    subtitle=f"Mã hồ sơ: {data['code']}", rows=rows, paragraphs=[p for p in paragraphs if p],
                    signatures=[Signature("NGƯỜI HƯỚNG DẪN", data["contact_name"])])


def appraisal_refusal(data: dict, org: Org) -> Form:
    """Phiếu từ chối giải quyết hồ sơ (NĐ 61/2018 Điều 19 k8): after appraisal the file does not qualify;
    the handling unit returns it with the reasons, through the desk, within the processing time.
    `data`: the case's fields plus refused_at, note (the reasons), signed_by."""
    regime = data["regime"] if data["regime"] in APPRAISAL_REFUSAL_BASIS else "2025"
    rows = addressee_rows(data, regime) + [
            Row("Mã hồ sơ", data["code"]),
            Row("Thủ tục hành chính", data["procedure_name"]),
            Row("Ngày tiếp nhận hồ sơ", vn_date(data["received_at"])),
            Row("Qua thẩm định, hồ sơ không đủ điều kiện giải quyết với lý do cụ thể như sau",
                items=note_items(data["note"]) or ("",))]
    paragraphs = [f"{org.unit} trả lại hồ sơ và thông báo để Ông/Bà/Tổ chức được biết. Kết quả được trả tại"
                  f" {desk_name(regime, org)}.", "Xin thông báo cho Ông/Bà/Tổ chức được biết./."]
    return Form(key="appraisal_refusal", regime=regime, form_number="", title=APPRAISAL_REFUSAL_TITLE.upper(),
                circular=APPRAISAL_REFUSAL_BASIS[regime], issuer=(org.committee.upper(), org.unit.upper()),
                place_date=f"{org.place}, {vn_date(data['refused_at'])}", subtitle=f"Mã hồ sơ: {data['code']}",
                rows=rows, paragraphs=paragraphs,
                signatures=[Signature("THỦ TRƯỞNG CƠ QUAN", data.get("signed_by", ""),
                                      "(Ký, ghi rõ họ tên và đóng dấu)")])


def withdrawal(data: dict, org: Org) -> Form:
    """Mẫu 05 (TT 03/2025 only): the citizen asked to stop; `stopped_at` and `reason` come from the
    withdrawal step, `signed_by` is who recorded it at the desk."""
    desk = desk_name(data["regime"], org)
    rows = addressee_rows(data, data["regime"]) + [
            Row("Mã hồ sơ", data["code"]),
            Row("Thủ tục hành chính", data["procedure_name"]),
            Row("Ngày tiếp nhận hồ sơ", vn_date(data["received_at"])),
            Row("Ngày dừng giải quyết hồ sơ", vn_date(data["stopped_at"])),
            Row("Lý do dừng giải quyết", data["reason"] or "Theo đề nghị của tổ chức, cá nhân")]
    paragraphs = [f"{vn_date(data['received_at']).capitalize()}, {desk} tiếp nhận hồ sơ của Ông/Bà/Tổ chức"
                  f" đề nghị giải quyết thủ tục {data['procedure_name']}; mã hồ sơ: {data['code']}.",
                  f"{desk} thông báo dừng giải quyết hồ sơ nêu trên kể từ {vn_date(data['stopped_at'])}"
                  " với lý do đã nêu.",
                  "Xin thông báo cho Ông/Bà/Tổ chức được biết./."]
    return new_form("withdrawal", data["regime"], org, data["stopped_at"], desk=True,
                    subtitle=f"Mã hồ sơ: {data['code']}", rows=rows, paragraphs=paragraphs,
                    signatures=[Signature(f"ĐẠI DIỆN {CENTRE.upper()}", data.get("signed_by", ""))])
