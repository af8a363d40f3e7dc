"""The public catalogue through the client: search page and fragment, detail, history, print, feed."""
import re
import xml.etree.ElementTree as ET

from tests.factories import amend_procedure, make_field, make_procedure, make_unit


def text(response) -> str:
    return response.get_data(as_text=True)


def test_catalogue_page_and_live_search_fragment_share_one_partial(client):
    make_procedure()
    page = client.get("/thu-tuc/?q=dang+ky+khai+sinh")
    assert page.status_code == 200 and "<html" in text(page) and "Thủ tục đăng ký khai sinh" in text(page)
    assert 'hx-get="/thu-tuc/"' in text(page) and 'name="q"' in text(page)  # a real GET form that htmx enhances
    fragment = client.get("/thu-tuc/?q=dang+ky+khai+sinh", headers={"HX-Request": "true"})
    assert "<html" not in text(fragment) and "Thủ tục đăng ký khai sinh" in text(fragment)
    assert "HX-Request" in fragment.headers["Vary"]


def test_no_result_with_filters_suggests_removing_them(client):
    procedure = make_procedure()
    response = client.get(f"/thu-tuc/?q=khai+sinh&level=town&field={procedure.field_id}")
    body = text(response)
    assert "0" in re.search(r'class="result-count">([^<]*)<', body).group(1)
    assert 'href="/thu-tuc/?q=khai+sinh"' in body  # the same search without filters
    assert "Thủ tục đăng ký khai sinh" not in re.sub(r"<select.*?</select>", "", body, flags=re.S)


def test_bad_filter_values_are_ignored_not_crashing(client):
    make_procedure()
    response = client.get("/thu-tuc/?level=<script>&field=abc&unit=-1&online=x&page=zz")
    assert response.status_code == 200 and "<script>" not in text(response)


def test_detail_shows_every_published_component(client):
    procedure = make_procedure(fee_amount=8000)
    body = text(client.get(f"/thu-tuc/{procedure.code}"))
    for part in ("Hộ tịch", "UBND phường Nghĩa Tân", "Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh",
                 "Bước 2: Công chức tư pháp", "Cá nhân", "Giấy khai sinh (bản chính)", "8.000",
                 "Luật Hộ tịch năm 2014", "1425/QĐ-UBND", "Đang công khai"):
        assert part in body, part


def test_amended_procedure_history_old_version_and_diff(client):
    procedure = make_procedure()
    amend_procedure(procedure, processing_days=3, processing_note="03 ngày làm việc")
    current = text(client.get(f"/thu-tuc/{procedure.code}"))
    assert "Đang công khai sửa đổi bổ sung" in current and "2150/QĐ-UBND" in current
    old = text(client.get(f"/thu-tuc/{procedure.code}/phien-ban/1"))
    assert "Ngay trong ngày tiếp nhận hồ sơ" in old and "không còn hiệu lực" in old.lower()
    diff = text(client.get(f"/thu-tuc/{procedure.code}/so-sanh?from=1&to=2"))
    assert re.search(r"<del>\s*Ngay trong ngày tiếp nhận hồ sơ\s*</del>", diff)
    assert re.search(r"<ins>\s*03 ngày làm việc\s*</ins>", diff)
    assert client.get(f"/thu-tuc/{procedure.code}/phien-ban/9").status_code == 404


def test_recent_changes_and_atom_feed_show_the_amendment(client):
    procedure = make_procedure()
    amend_procedure(procedure, fee_amount=5000)
    recent = text(client.get("/thu-tuc/moi-cap-nhat"))
    assert recent.index("/phien-ban/2") < recent.index("/phien-ban/1")
    feed = client.get("/thu-tuc/feed.atom")
    assert feed.headers["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 2
    assert entries[0].find("a:id", ns).text.endswith(f"/thu-tuc/{procedure.code}/phien-ban/2")
    assert "2150/QĐ-UBND" in entries[0].find("a:summary", ns).text


def test_printable_checklist_and_posting_sheet_with_qr(client):
    procedure = make_procedure()
    checklist = text(client.get(f"/thu-tuc/{procedure.code}/ho-so-can-chuan-bi"))
    assert checklist.count("☐") == 2 and "Giấy chứng sinh" in checklist
    sheet = text(client.get(f"/thu-tuc/{procedure.code}/niem-yet"))
    assert "<svg" in sheet and "<path" in sheet and f"/thu-tuc/{procedure.code}" in sheet


def test_unit_board_lists_the_units_procedures(client):
    unit, field = make_unit(name="UBND xã Đắk Nia"), make_field()
    make_procedure(code="1.001193.000.00.00.H17", unit=unit, field=field)
    make_procedure(code="1.000894.000.00.00.H17", unit=unit, field=field, name="Thủ tục đăng ký kết hôn")
    body = text(client.get(f"/thu-tuc/don-vi/{unit.id}/niem-yet"))
    assert body.index("Thủ tục đăng ký khai sinh") > body.index("Thủ tục đăng ký kết hôn")  # Vietnamese order


def test_drafts_are_not_public(client):
    procedure = make_procedure(published=False)
    assert client.get(f"/thu-tuc/{procedure.code}").status_code == 404
    assert client.get(f"/thu-tuc/{procedure.code}/niem-yet").status_code == 404


def test_anonymous_users_cannot_change_the_catalogue(client):
    procedure = make_procedure()
    for url in ("/staff/procedures/", "/staff/procedures/new", f"/staff/procedures/{procedure.id}/draft"):
        assert client.get(url).status_code == 302
    response = client.post(f"/staff/procedures/{procedure.id}/publish", data={})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_english_page(client):
    procedure = make_procedure()
    client.set_cookie("lang", "en")
    body = text(client.get(f"/thu-tuc/{procedure.code}"))
    assert "Documents to bring" in body and "Same day" in body


def test_filtering_by_unit_offers_its_printable_board(client):
    office = make_unit(name="Phòng Tư pháp")
    make_procedure(unit=office)
    body = text(client.get(f"/thu-tuc/?unit={office.id}"))
    assert f'href="/thu-tuc/don-vi/{office.id}/niem-yet"' in body
    assert "/niem-yet\"" not in text(client.get("/thu-tuc/")).split('class="result-count"')[1].split("</p>")[0]


def test_the_atom_feed_names_its_author(client):
    make_procedure()
    root = ET.fromstring(client.get("/thu-tuc/feed.atom").data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    author = root.find("a:author", ns)
    assert author is not None and author.find("a:name", ns).text.startswith("Ủy ban nhân dân")
    assert author.find("a:uri", ns).text.startswith("http")
