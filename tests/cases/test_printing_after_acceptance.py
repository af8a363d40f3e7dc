"""Forms after acceptance, both form sets, HTML A5 and DOCX: Mẫu 02 when the handling unit asks for
supplements (NĐ 61/2018 Điều 19 k4) and the Phiếu từ chối giải quyết hồ sơ after appraisal (Điều 19 k8);
linked from the case page only when they apply, 404 otherwise."""
from __future__ import annotations

import pytest

from portal.cases import documents_after, services
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.db import db
from tests.cases.test_printing import NATIONAL, assert_all, docx_text, flat, local, new_case, page, world  # noqa: F401
from tests.factories import login, make_user

# As typed in the case page's note (the trail keeps it on one line): items by semicolons or numbering.
REQUEST = "Bản sao giấy chứng nhận kết hôn; Sơ đồ vị trí thửa đất"
REASONS = "1. Thửa đất đang có tranh chấp\n2. Không phù hợp quy hoạch"


def handled(world, regime):
    case = new_case(world, regime)  # received Monday 1 March 2027, 09:05
    handler = make_user(Role.HANDLER, unit=world["handling"], full_name="Y Sơn Niê")
    services.transition(case, Action.ASSIGN, now=local(2027, 3, 1, 10, 0), expected_version=case.version,
                        handler_id=handler.id)
    db.session.commit()
    return case, handler


def act(case, action, at, actor, note=""):
    services.transition(case, action, now=at, expected_version=case.version, actor=actor, note=note)
    db.session.commit()


@pytest.mark.parametrize("regime", ["2018", "2025"])
def test_supplement_request_after_acceptance_prints_mau_02(world, client, regime):
    case, handler = handled(world, regime)
    act(case, Action.REQUEST_SUPPLEMENT, local(2027, 3, 3, 14, 0), handler, REQUEST)
    login(client, handler)
    url = f"/staff/cases/{case.id}/print/supplement"
    assert url in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)  # linked from the case page
    raw = page(client, url)
    expected = [*NATIONAL, "Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                "01/2018/TT-VPCP" if regime == "2018" else "03/2025/TT-VPCP", "UBND PHƯỜNG NGHĨA TÂN",
                f"Mã hồ sơ: {case.code}", "Hồ sơ của: Trần Thị Hoa", "Ngày tiếp nhận hồ sơ: 09 giờ 05 phút, ngày 01",
                "Bản sao giấy chứng nhận kết hôn", "Sơ đồ vị trí thửa đất",
                "Lý do: Hồ sơ qua thẩm tra, thẩm định chưa đủ điều kiện giải quyết",
                "Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ", "NGƯỜI HƯỚNG DẪN", "Y Sơn Niê",
                "ngày 03 tháng 03 năm 2027"]
    assert_all(flat(raw), expected)
    assert ("khoản 4 Điều 19 Nghị định số 61/2018/NĐ-CP" in flat(raw)) == (regime == "2018")  # 2025: NĐ 118
    assert "print-page a5" in raw and raw.count('class="sheet form-sheet"') == 1
    assert "<li>Bản sao giấy chứng nhận kết hôn</li><li>Sơ đồ vị trí thửa đất</li>" in raw  # one item each
    assert_all(docx_text(client, url, case.code), expected)


@pytest.mark.parametrize("regime, basis", [("2018", "khoản 8 Điều 19 Nghị định số 61/2018/NĐ-CP"),
                                           ("2025", "Nghị định số 118/2025/NĐ-CP")])
def test_refusal_after_appraisal_prints_its_slip(world, client, regime, basis):
    case, handler = handled(world, regime)
    act(case, Action.REFUSE, local(2027, 3, 3, 15, 0), handler, REASONS)
    login(client, handler)
    url = f"/staff/cases/{case.id}/print/refusal"
    assert url in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    raw = page(client, url)
    expected = [*NATIONAL, "PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ", basis, "UBND PHƯỜNG NGHĨA TÂN",
                f"Mã hồ sơ: {case.code}", "Kính gửi: Trần Thị Hoa", "Ngày tiếp nhận hồ sơ: ngày 01 tháng 03 năm 2027",
                "Qua thẩm định, hồ sơ không đủ điều kiện giải quyết", "Thửa đất đang có tranh chấp",
                "Không phù hợp quy hoạch", "THỦ TRƯỞNG CƠ QUAN", "ngày 03 tháng 03 năm 2027"]
    assert_all(flat(raw), expected)
    assert "TIẾP NHẬN GIẢI QUYẾT" not in raw  # not the intake refusal (Mẫu 03)
    assert "print-page a5" in raw
    assert "<li>Thửa đất đang có tranh chấp</li><li>Không phù hợp quy hoạch</li>" in raw  # one reason each
    assert_all(docx_text(client, url, case.code), expected)


def test_neither_form_applies_to_a_case_without_the_step(world, client):
    case, handler = handled(world, "2025")
    login(client, handler)
    body = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "/print/supplement" not in body and "/print/refusal" not in body
    assert client.get(f"/staff/cases/{case.id}/print/supplement").status_code == 404
    assert client.get(f"/staff/cases/{case.id}/print/refusal").status_code == 404
    act(case, Action.REQUEST_SUPPLEMENT, local(2027, 3, 2, 9, 0), handler, REQUEST)
    assert client.get(f"/staff/cases/{case.id}/print/supplement?n=2").status_code == 404  # only one request


@pytest.mark.parametrize("note, items", [
    ("1. Thửa đất đang có tranh chấp 2. Không phù hợp quy hoạch", ("Thửa đất đang có tranh chấp", "Không phù hợp quy hoạch")),
    ("Bản sao giấy chứng nhận kết hôn; Sơ đồ vị trí thửa đất", ("Bản sao giấy chứng nhận kết hôn", "Sơ đồ vị trí thửa đất")),
    ("Tờ khai\n- Giấy chứng sinh", ("Tờ khai", "Giấy chứng sinh")),
    ("Bổ sung theo Điều 5. Hết hạn", ("Bổ sung theo Điều 5. Hết hạn",)),  # not a numbering from 1
    ("Nộp 2 bản sao", ("Nộp 2 bản sao",)),
    ("", ()),
])
def test_items_are_told_apart_without_their_numbering(note, items):
    assert documents_after.note_items(note) == items
