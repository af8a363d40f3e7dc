"""Issue 16 point 5: every printed page fits its paper, as Chromium prints it (page.pdf with the print CSS).

Each form is filled with long, realistic content (a long procedure name, ten documents, a long address, an
organisation with its representative) and must come out on the expected number of pages of its size: Mẫu 01
on two A5 pages (one per copy), the other slips on one A5 page, the control slip on one A4 page, the register
on A4 landscape, the posting sheets on A4, the survey slips ten to an A4 sheet. Seen on a phone (390 px) before
printing, no print page scrolls sideways, nor does its sheet (only the register's wide table scrolls inside it). The
text is NFC and no font of the PDF draws a decomposed letter or Vietnamese in a fixed-pitch font ("Quyêt́ định" on the
posting sheet; tests/e2e/pdf_fonts.py). The list of cases is checked against the app's print endpoints and the
templates that extend the print layout, so a new printed page needs a case.

No server: Chromium's requests are answered by the Flask test client of the ordinary fixtures."""
from __future__ import annotations

import inspect
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from portal.cases import intake, services
from portal.cases.rules import Action
from portal.core.access import Role
from portal.core.db import db
from tests.cases.test_printing import just_issued, local
from tests.e2e.pdf_fonts import pdf_fonts
from tests.factories import login, make_field, make_procedure, make_unit, make_user
from tests.surveys.helpers import make_campaign

pytestmark = pytest.mark.e2e

# Sizes in PostScript points, as Chromium writes them in each page's /MediaBox.
A5, A4, A4_LANDSCAPE = (419.5, 595.3), (595.3, 841.9), (841.9, 595.3)
PROCEDURE_NAME = ("Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với"
                  " đất lần đầu cho hộ gia đình, cá nhân, cộng đồng dân cư đang sử dụng đất có nguồn gốc do được"
                  " Nhà nước giao đất không đúng thẩm quyền")
DOCUMENTS = [
    ("Đơn đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất"
     " theo Mẫu số 04a/ĐK", "original"),
    ("Một trong các loại giấy tờ về quyền sử dụng đất quy định tại Điều 137 của Luật Đất đai năm 2024", "certified_copy"),
    ("Giấy tờ về quyền sở hữu nhà ở, công trình xây dựng gắn liền với đất", "certified_copy"),
    ("Sơ đồ nhà ở, công trình xây dựng (trừ trường hợp giấy tờ về quyền sở hữu đã có sơ đồ phù hợp với hiện trạng)",
     "original"),
    ("Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ về miễn, giảm nghĩa vụ tài chính về đất đai", "copy"),
    ("Tờ khai lệ phí trước bạ nhà, đất theo Mẫu số 01/LPTB", "original"),
    ("Tờ khai thuế sử dụng đất phi nông nghiệp theo Mẫu số 01/TK-SDDPNN", "original"),
    ("Văn bản ủy quyền nộp hồ sơ hoặc nhận Giấy chứng nhận (nếu có)", "original_or_certified"),
    ("Trích lục bản đồ địa chính hoặc trích đo bản đồ địa chính thửa đất", "original"),
    ("Biên bản xác minh hiện trạng sử dụng đất của Ủy ban nhân dân cấp xã nơi có đất", "original"),
]
APPLICANT = {"name": "Công ty Cổ phần Đầu tư Xây dựng và Thương mại Cà phê Tây Nguyên Đắk Nông", "kind": "organisation",
             "id_number": "6400123456", "phone": "0261 3544 222", "email": "phaply.congty@caphetaynguyen.example.vn",
             "address": "Lô B12-B14, đường số 5, Khu công nghiệp Nhân Cơ, thôn 4, xã Nhân Cơ, tỉnh Lâm Đồng",
             "representative": "Nguyễn Thị Phương Thảo", "representative_id_number": "066185004321",
             "representative_basis": "authorisation", "authorisation_number": "158/2025/GUQ-CPTN",
             "authorisation_date": date(2025, 6, 20)}
LEGAL_BASIS = ("Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024\n"
               "Nghị định số 101/2024/NĐ-CP ngày 29 tháng 7 năm 2024 của Chính phủ quy định về điều tra cơ bản đất đai;"
               " đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất\n"
               "Quyết định số 1085/QĐ-UBND ngày 12 tháng 8 năm 2024 của Ủy ban nhân dân tỉnh công bố danh mục thủ tục"
               " hành chính lĩnh vực đất đai")
SLIPS = 40  # the batch form's default: four A4 sheets of ten
SLIP_LABEL = "Bộ phận Tiếp nhận và Trả kết quả thị xã Gia Nghĩa – quầy số 3, tháng 6/2027"
NOTE = ("Bản sao giấy chứng nhận kết hôn có chứng thực; Sơ đồ vị trí thửa đất có xác nhận của Ủy ban nhân dân xã;"
        " Biên bản họp gia đình về việc thống nhất người đứng tên trên Giấy chứng nhận")


@dataclass(frozen=True)
class Printed:
    endpoint: str
    pages: int
    size: tuple[float, float]
    scrolls_in_sheet: bool = False  # on a phone, a table wider than the screen scrolls inside its sheet


@dataclass(frozen=True)
class Posted:
    """A page answered to a POST: the survey slips, whose codes are shown once and never stored."""
    path: str
    data: dict


# case name → (endpoint, pages, paper). Long content runs over pages where the paper allows it: the register of a
# month of 30 long rows (6 landscape pages), the posting sheet of a long land procedure (2), its checklist of ten
# long documents (2), 40 survey slips with a long label (4 sheets of 2 × 5); the one-stop slips never do.
CASES = {
    "receipt-2018": Printed("cases.receipt", 2, A5), "receipt-2025": Printed("cases.receipt", 2, A5),
    "receipt-2025-reprint": Printed("cases.receipt", 2, A5),
    "intake-supplement": Printed("cases.slip", 1, A5), "intake-refusal": Printed("cases.slip", 1, A5),
    "apology-2018": Printed("cases.apology_print", 1, A5), "apology-2025": Printed("cases.apology_print", 1, A5),
    "control": Printed("cases.control_slip", 1, A4), "withdrawal": Printed("cases.withdrawal_notice", 1, A5),
    "supplement-after": Printed("cases.supplement_request", 1, A5),
    "refusal-after": Printed("cases.appraisal_refusal", 1, A5),
    "register": Printed("cases.register", 6, A4_LANDSCAPE, scrolls_in_sheet=True),
    "posting-sheet": Printed("procedures.posting_sheet", 2, A4), "checklist": Printed("procedures.checklist", 2, A4),
    "unit-board": Printed("procedures.unit_board", 1, A4), "survey-slips": Printed("surveys_staff.batch", 4, A4),
}
PRINT_LAYOUT = "layouts/print.html"


@pytest.fixture()
def forms(app_ctx):
    """Every printed form of one long, realistic file; returns {case name: url} and the officer to print them."""
    desk = make_unit(code="000.00.12.H17", name="Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã Gia Nghĩa")
    handling = make_unit(code="000.14.26.H17", name="Phòng Nông nghiệp và Môi trường thị xã Gia Nghĩa")
    procedure = make_procedure(code="1.012766.000.00.00.H17", unit=handling, field=make_field("DD", "Đất đai"),
                               name=PROCEDURE_NAME, processing_days=20, legal_basis=LEGAL_BASIS,
                               documents=[{"name": n, "kind": k, "count": 1} for n, k in DOCUMENTS])
    officer = make_user(Role.DESK_OFFICER, Role.MANAGER, unit=desk, full_name="Tôn Nữ Thị Phương Thảo")
    handler = make_user(Role.HANDLER, unit=handling, full_name="Y Sơn Niê")

    def case(received, regime=None):
        made = intake.receive_case(procedure=procedure, unit=desk, applicant=APPLICANT, sets=2, delivery="post",
                                   submitted=[n for n, _ in DOCUMENTS], received_at=local(*received), actor=officer)
        if regime:
            made.regime = regime
        db.session.commit()
        return made

    def step(made, action, at, **extra):
        services.transition(made, action, now=local(*at), expected_version=made.version, actor=handler, **extra)
        db.session.commit()

    old, new = case((2025, 6, 30, 16, 0)), case((2027, 3, 1, 9, 5))
    for n in range(28):  # a busy month in the register
        case((2027, 3, 2 + n % 26, 8 + n % 8, 0))
    step(new, Action.TRANSFER, (2027, 3, 1, 10, 0))
    step(new, Action.ASSIGN, (2027, 3, 1, 14, 0), handler_id=handler.id)
    step(new, Action.REQUEST_SUPPLEMENT, (2027, 3, 3, 14, 0), note=NOTE)
    for made, when in ((old, (2025, 7, 2, 9, 0)), (new, (2027, 3, 4, 9, 0))):
        services.issue_apology(made, reason="Chờ kết quả đo đạc, xác minh nguồn gốc sử dụng đất của Ủy ban nhân dân xã"
                               " và ý kiến của Chi nhánh Văn phòng đăng ký đất đai", new_due_at=local(2027, 4, 20, 9, 0),
                               now=local(*when), expected_version=made.version, actor=handler)
    refused, withdrawn = case((2027, 3, 5, 9, 0)), case((2027, 3, 5, 10, 0))
    step(refused, Action.ASSIGN, (2027, 3, 5, 14, 0), handler_id=handler.id)
    step(refused, Action.REFUSE, (2027, 3, 8, 9, 0), note="1. Thửa đất đang có tranh chấp\n2. Không phù hợp quy hoạch")
    step(withdrawn, Action.WITHDRAW, (2027, 3, 6, 9, 0), note="Người nộp hồ sơ đề nghị rút hồ sơ để bổ sung giấy tờ")
    campaign, _manager, _procedure = make_campaign(officer)
    slips = {kind: intake.issue_intake_slip(kind=kind, procedure=procedure, unit=desk, applicant=APPLICANT,
                                            items=[n for n, _ in DOCUMENTS[:6]], note="Hồ sơ chưa đầy đủ", actor=officer)
             for kind in ("supplement", "refusal")}
    db.session.commit()
    base = "/staff/cases"
    urls = {"receipt-2018": f"{base}/{old.id}/print/receipt", "receipt-2025": f"{base}/{new.id}/print/receipt",
            "receipt-2025-reprint": f"{base}/{new.id}/print/receipt",
            "intake-supplement": f"{base}/slips/{slips['supplement'].id}/print",
            "intake-refusal": f"{base}/slips/{slips['refusal'].id}/print",
            "apology-2018": f"{base}/{old.id}/print/apology", "apology-2025": f"{base}/{new.id}/print/apology",
            "control": f"{base}/{new.id}/print/control", "withdrawal": f"{base}/{withdrawn.id}/print/withdrawal",
            "supplement-after": f"{base}/{new.id}/print/supplement",
            "refusal-after": f"{base}/{refused.id}/print/refusal",
            "register": f"{base}/register?unit={desk.id}&from=2027-03-01&to=2027-03-31",
            "posting-sheet": f"/thu-tuc/{procedure.code}/niem-yet", "checklist": f"/thu-tuc/{procedure.code}/ho-so-can-chuan-bi",
            "unit-board": f"/thu-tuc/don-vi/{handling.id}/niem-yet",
            "survey-slips": Posted(f"/staff/surveys/{campaign.id}/batches", {"label": SLIP_LABEL, "count": SLIPS})}
    return {"urls": urls, "officer": officer, "new": new}


def _answering(client, posted: Posted | None):
    def answer(route):
        path = route.request.url.replace("http://localhost", "")
        if posted is not None and route.request.resource_type == "document":
            response = client.post(posted.path, data=posted.data)  # a new batch of codes for each view
        else:
            response = client.get(path)
        route.fulfill(status=response.status_code, body=response.data, headers={"content-type": response.content_type})
    return answer


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of each page of Chromium's PDF: its page objects (`/Type /Page`, not `/Pages`) and their MediaBox.
    Chromium (Skia) writes them uncompressed; the count must agree with the page tree's /Count."""
    sizes = [(float(w), float(h)) for w, h in re.findall(
        rb"/Type\s*/Page\b(?!s).*?/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf, re.S)]
    counts = {int(n) for n in re.findall(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", pdf, re.S)}
    assert max(counts) == len(sizes), (counts, len(sizes))
    return sizes


def _open(browser, client, url: str | Posted, viewport: dict):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    posted = url if isinstance(url, Posted) else None
    page.route("**/*", _answering(client, posted))
    response = page.goto(f"http://localhost{posted.path if posted else url}")
    assert response.status == 200, url
    return context, page


def _print(browser, client, url: str | Posted, artifacts_dir, name: str):
    """Printed from the desk's computer (1280 px; first, as a just-issued access code shows once), then seen on a
    phone (390 px): the widths of the page and of its sheet, each against the room it has."""
    context, page = _open(browser, client, url, {"width": 1280, "height": 800})
    try:
        text = page.locator("body").inner_text()
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True)
    finally:
        context.close()
    context, page = _open(browser, client, url, {"width": 390, "height": 844})
    try:
        widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth,"
                               " document.querySelector('.sheet').scrollWidth, document.querySelector('.sheet').clientWidth]")
        page.screenshot(path=str(artifacts_dir / f"print-{name}-phone.png"), full_page=True)
    finally:
        context.close()
    (artifacts_dir / f"print-{name}.pdf").write_bytes(pdf)
    return pdf, widths, text


def _vietnamese(chars) -> str:
    return "".join(sorted(c for c in chars if c.isalpha() and not c.isascii()))


@pytest.mark.parametrize("name", list(CASES))
def test_each_printed_form_fits_its_paper_and_a_phone(forms, client, browser, artifacts_dir, name):
    expected = CASES[name]
    login(client, forms["officer"])
    if name == "receipt-2025":
        just_issued(client, forms["new"])  # the first print after intake, with the access code on Liên 1
    pdf, (scroll_width, inner_width, sheet_scroll, sheet_width), text = _print(
        browser, client, forms["urls"][name], artifacts_dir, name)
    sizes = pdf_pages(pdf)
    assert len(sizes) == expected.pages, f"{name}: {len(sizes)} pages, expected {expected.pages}"
    assert all(abs(w - expected.size[0]) < 2 and abs(h - expected.size[1]) < 2 for w, h in sizes), sizes
    assert scroll_width <= inner_width, f"{name} scrolls sideways on a phone: {scroll_width} > {inner_width}"
    assert expected.scrolls_in_sheet or sheet_scroll <= sheet_width, f"{name}: cut on a phone ({sheet_scroll} px)"
    assert unicodedata.is_normalized("NFC", text)
    fonts = pdf_fonts(pdf)
    assert any(_vietnamese(f.chars) for f in fonts), [f.name for f in fonts]  # the fonts were read
    marks = {f.name: drawn for f in fonts if (drawn := "".join(sorted(c for c in f.chars if unicodedata.combining(c))))}
    assert not marks, f"{name}: letters drawn as letter + mark (a font without them): {marks}"
    fixed = {f.name: letters for f in fonts if f.fixed_pitch and (letters := _vietnamese(f.chars))}
    assert not fixed, f"{name}: Vietnamese set in a monospace font: {fixed}"


def _print_templates(folder: Path) -> set[str]:
    """The templates that extend the print layout, directly or through another template."""
    parents = {}
    for path in folder.rglob("*.html"):
        if found := re.search(r"{%-?\s*extends\s+[\"']([^\"']+)[\"']", path.read_text(encoding="utf-8")):
            parents[path.relative_to(folder).as_posix()] = found.group(1)

    def prints(name: str) -> bool:
        seen = set()
        while name in parents and name not in seen:
            seen.add(name)
            name = parents[name]
            if name == PRINT_LAYOUT:
                return True
        return False
    return {name for name in parents if prints(name)}


def test_every_print_endpoint_has_a_case(app_ctx):
    """A print endpoint is one of the forms' module (they render through one helper) or a view that names a
    template extending the print layout; and every such template is named by some view module."""
    from flask import current_app

    templates = _print_templates(Path(current_app.root_path, current_app.template_folder))
    assert {"procedures/posting_sheet.html", "surveys/staff/slips.html", "cases/print/form.html"} <= templates
    views = {rule.endpoint: current_app.view_functions[rule.endpoint] for rule in current_app.url_map.iter_rules()}
    printing = {endpoint for endpoint, view in views.items()
                if view.__module__ == "portal.cases.views.printing"
                or any(f'"{t}"' in inspect.getsource(view) for t in templates)}
    assert {p.endpoint for p in CASES.values()} == printing
    modules = "".join(inspect.getsource(inspect.getmodule(view)) for view in set(views.values()))
    assert {t for t in templates if f'"{t}"' not in modules} == set()
