"""The public feedback pages through the client: submit, receipt, bad input, honeypot, tracking."""
from __future__ import annotations

import re
from html import unescape

from flask_babel import force_locale
from sqlalchemy import func, select

from portal import create_app
from portal.config import TestConfig
from portal.core.db import db
from portal.core.text import fold
from portal.feedback import services, submission
from portal.feedback.forms import CONSENT_MISSING, CONSENT_TEXT
from portal.feedback.models import Feedback
from portal.feedback.views.public import HONEYPOT, NOT_FOUND, SATISFACTION_SAVED, SUPPLEMENT_SENT
from portal.feedback.vocabulary import Action
from portal.notify.models import OutboxMessage
from tests.factories import known_access_hash, make_unit, make_user
from tests.feedback.data import form_fields, local, valid_data

SUBMIT = "/phan-anh-kien-nghi/gui"
TRACK = "/phan-anh-kien-nghi/tra-cuu"


def vi(text) -> str:
    with force_locale("vi"):
        return str(text)


def stored() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(Feedback))


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def test_landing_links_to_submit_and_track(client):
    html = page(client.get("/phan-anh-kien-nghi/"))
    assert f'href="{SUBMIT}"' in html and f'href="{TRACK}"' in html
    assert "khiếu nại" in html.lower() and "tố cáo" in html.lower()


def test_form_shows_consent_unticked_notice_and_a_fresh_token(client):
    html = client.get(SUBMIT).get_data(as_text=True)
    consent = re.search(r'<input[^>]*name="consent"[^>]*>', html).group(0)
    assert "checked" not in consent
    # no recorded profile: the configured committee is the controller the consent names (test_consent_controller.py)
    committee = client.application.config["COMMITTEE_NAME"]
    assert unescape(html).count(vi(CONSENT_TEXT) % {"committee": committee}) == 1
    assert "tố cáo" in unescape(html)
    token = re.search(r'name="submit_token" type="hidden" value="([0-9a-f-]{36})"', html)
    assert token, "a hidden idempotency token"
    assert re.search(r'<input[^>]*name="website"[^>]*tabindex="-1"', html)


def test_valid_submission_shows_both_codes(client):
    response = client.post(SUBMIT, data=form_fields())
    assert response.status_code == 303 and response.headers["Location"].endswith("/gui/da-nhan")
    fb = db.session.scalars(select(Feedback)).one()
    receipt = page(client.get("/phan-anh-kien-nghi/gui/da-nhan"))
    access = re.search(r'<strong class="code" id="access-code">([A-Z0-9]{8})</strong>', receipt).group(1)
    assert fb.tracking_code in receipt and submission.public_lookup(fb.tracking_code, access) == fb
    assert fb.consent_given_at is not None and fb.publish_allowed is True


def test_receipt_without_a_submission_goes_to_the_form(client):
    response = client.get("/phan-anh-kien-nghi/gui/da-nhan")
    assert response.status_code == 302 and response.headers["Location"].endswith(SUBMIT)


def test_empty_content_is_refused_next_to_the_field_and_typed_data_kept(client):
    response = client.post(SUBMIT, data=form_fields(content=""))
    html = page(response)
    assert response.status_code == 422 and stored() == 0
    assert re.search(r'id="content-error"', html)
    assert 'value="Chậm trả kết quả đăng ký khai sinh"' in html and 'value="Nguyễn Thị Lan"' in html


def test_100000_character_content_is_refused_and_kept(client):
    long_text = "Đường hỏng. " * 8334  # > 100,000 characters
    response = client.post(SUBMIT, data=form_fields(content=long_text))
    html = page(response)
    assert response.status_code == 422 and stored() == 0
    error = re.search(r'<p class="error" id="content-error">([^<]*)</p>', html)
    assert error and "10000" in error.group(1).replace(".", "").replace(",", "")
    assert long_text.strip() in html


def test_consent_box_removed_by_hand_is_refused(client):
    fields = form_fields()
    del fields["consent"]
    response = client.post(SUBMIT, data=fields)
    assert response.status_code == 422 and stored() == 0
    assert vi(CONSENT_MISSING) in page(response)
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_consent_forged_in_service_data_is_still_checked(app_ctx):
    data = valid_data()
    data.pop("consent")
    try:
        submission.submit_feedback(data, now=local(2026, 11, 2, 9))
    except Exception as err:  # noqa: BLE001
        assert getattr(err, "field", None) == "consent"
    else:
        raise AssertionError("submitted without consent")


def test_html_and_htmx_attributes_are_shown_as_text(client):
    evil = '<img src=x onerror=alert(1)><button hx-post="/staff" hx-trigger="load">x</button>'
    client.post(SUBMIT, data=form_fields(title=evil[:150]))
    response = client.post(SUBMIT, data=form_fields(content=evil, submitter_name=""))
    raw = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<img src=x" not in raw and '<button hx-post="/staff"' not in raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in raw
    fb = db.session.scalars(select(Feedback)).one()
    assert fb.title.startswith("<img")  # stored as typed, escaped when shown


def test_honeypot_filled_is_refused_without_storing(client):
    response = client.post(SUBMIT, data=form_fields(website="http://spam.example"))
    assert response.status_code == 422 and stored() == 0
    assert vi(HONEYPOT) in page(response)


def test_double_submit_with_the_same_token_makes_one_record(client):
    fields = form_fields()
    first = client.post(SUBMIT, data=fields)
    second = client.post(SUBMIT, data=fields)
    assert first.status_code == second.status_code == 303
    assert stored() == 1


def test_htmx_submit_gets_only_the_form_partial(client):
    response = client.post(SUBMIT, data=form_fields(content=""), headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in html and 'id="content-error"' in html
    assert "HX-Request" in response.headers["Vary"]


def test_rate_limit_five_submissions_a_minute(tmp_path):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'rl.sqlite3'}",
                     RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    with app.app_context():
        db.create_all()
    client = app.test_client()
    codes = [client.post(SUBMIT, data=form_fields()).status_code for _ in range(7)]
    assert codes[:5] == [303] * 5 and codes[5:] == [429, 429]
    assert client.get(SUBMIT).status_code == 200  # reading the form is not limited
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Feedback)) == 5
        db.engine.dispose()


def _submitted():
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    db.session.commit()
    return fb


def test_wrong_access_code_and_unknown_code_give_the_same_answer(client):
    fb = _submitted()
    wrong = client.post(TRACK, data={"code": fb.tracking_code, "access": "AAAAAAAA"})
    unknown = client.post(TRACK, data={"code": "PA-2611-999999", "access": fb.issued_access_code})
    assert wrong.status_code == unknown.status_code == 422
    assert vi(NOT_FOUND) in page(wrong) and vi(NOT_FOUND) in page(unknown)
    hx = {"HX-Request": "true"}
    wrong = client.post(TRACK, data={"code": fb.tracking_code, "access": "AAAAAAAA"}, headers=hx)
    unknown = client.post(TRACK, data={"code": "PA-2611-999999", "access": fb.issued_access_code}, headers=hx)
    assert page(wrong) == page(unknown)


def test_tracking_shows_status_and_no_personal_data(client):
    fb = _submitted()
    response = client.post(TRACK, data={"code": fb.tracking_code, "access": fb.issued_access_code})
    html = page(response)
    assert response.status_code == 200 and fb.tracking_code in html
    assert response.headers["Cache-Control"] == "no-store"
    for personal in ("Nguyễn Thị Lan", "0912345678", "lan.nguyen@example.vn", "Tổ 3, phường Nghĩa Tân"):
        assert personal not in html


def test_submitter_marks_satisfaction_once_after_publication(client):
    fb = _submitted()
    unit = make_unit()
    head = make_user(unit=unit)
    at = local(2026, 11, 3, 9)
    for action, kwargs in [(Action.ACCEPT, {}), (Action.ASSIGN, {"unit_id": unit.id, "handler_id": head.id}),
                           (Action.DRAFT_ANSWER, {"answer": "Trả lời."}), (Action.APPROVE_ANSWER, {}),
                           (Action.PUBLISH, {"public_question": "Câu hỏi công khai", "public_answer": "Đã xử lý xong."})]:
        services.transition(fb, action, now=at, expected_version=fb.version, **kwargs)
    db.session.commit()
    codes = {"code": fb.tracking_code, "access": fb.issued_access_code}
    html = page(client.post(TRACK, data=codes))
    assert "Đã xử lý xong." in html and 'name="value"' in html
    # answered in place: a redirect would put the access code in a URL
    response = client.post(TRACK, data={**codes, "intent": "satisfaction", "value": "satisfied"})
    assert response.status_code == 200 and "Location" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    shown = page(response)
    assert vi(SATISFACTION_SAVED) in shown and 'name="value"' not in shown
    again = client.post(TRACK, data={**codes, "intent": "satisfaction", "value": "not_satisfied"})
    assert again.status_code == 422
    db.session.rollback()
    assert db.session.get(Feedback, fb.id).satisfaction.value == "satisfied"


def test_htmx_satisfaction_swaps_the_updated_result_in_place(client):
    fb = _published()
    codes = {"code": fb.tracking_code, "access": fb.issued_access_code}
    response = client.post(TRACK, data={**codes, "intent": "satisfaction", "value": "not_satisfied"},
                           headers={"HX-Request": "true"})
    html = page(response)
    assert response.status_code == 200 and "<html" not in html and 'name="value"' not in html
    assert "Bạn đã đánh giá không hài lòng với kết quả trả lời." in html


def test_satisfaction_post_needs_csrf(csrf_app):
    fb = _submitted()
    client = csrf_app.test_client()
    response = client.post(TRACK, data={"code": fb.tracking_code, "access": fb.issued_access_code,
                                        "intent": "satisfaction", "value": "satisfied"})
    assert response.status_code == 400


def test_htmx_success_redirects_the_whole_page(client):
    response = client.post(SUBMIT, data=form_fields(), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/phan-anh-kien-nghi/gui/da-nhan"
    assert stored() == 1


def _published(**changes):
    fb = submission.submit_feedback(valid_data(**changes), now=local(2026, 11, 2, 9))
    unit = make_unit()
    head = make_user(unit=unit)
    at = local(2026, 11, 3, 9)
    for action, kwargs in [(Action.ACCEPT, {}), (Action.ASSIGN, {"unit_id": unit.id, "handler_id": head.id}),
                           (Action.DRAFT_ANSWER, {"answer": "Trả lời riêng cho bà Lan."}), (Action.APPROVE_ANSWER, {}),
                           (Action.PUBLISH, {"public_question": "Đường ở tổ dân phố 3 bị hỏng nặng.",
                                             "public_answer": "Phường sẽ sửa đường trong tháng 12."})]:
        services.transition(fb, action, now=at, expected_version=fb.version, **kwargs)
    db.session.commit()
    return fb


def test_published_answers_are_searchable_without_accents_and_show_no_personal_data(client):
    fb = _published()
    submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))  # not published: never listed
    db.session.commit()
    html = page(client.get("/phan-anh-kien-nghi/tra-loi", query_string={"q": "sua duong"}))
    assert "Phường sẽ sửa đường trong tháng 12." in html and html.count("PA-2611-") == 1
    for personal in ("Nguyễn Thị Lan", "0912345678", "lan.nguyen@example.vn", "Trả lời riêng"):
        assert personal not in html
    assert fb.tracking_code not in page(client.get("/phan-anh-kien-nghi/tra-loi", query_string={"q": "khai sinh"}))
    other = page(client.get("/phan-anh-kien-nghi/tra-loi", query_string={"category": "initiative"}))
    assert fb.tracking_code not in other


def test_submitter_answers_a_supplement_request_on_the_tracking_page(client):
    fb = _submitted()
    unit = make_unit()
    head = make_user(unit=unit)
    at = local(2026, 11, 3, 9)
    for action, kwargs in [(Action.ACCEPT, {}), (Action.ASSIGN, {"unit_id": unit.id, "handler_id": head.id}),
                           (Action.REQUEST_SUPPLEMENT, {"note": "Cho biết số nhà cụ thể."})]:
        services.transition(fb, action, now=at, expected_version=fb.version, **kwargs)
    db.session.commit()
    codes = {"code": fb.tracking_code, "access": fb.issued_access_code}
    assert "Cho biết số nhà cụ thể." in page(client.post(TRACK, data=codes))
    answer = {**codes, "intent": "supplement"}
    assert client.post(TRACK, data={**answer, "supplement": ""}).status_code == 422
    wrong = client.post(TRACK, data={**answer, "access": "AAAAAAAA", "supplement": "Số 12"})
    assert wrong.status_code == 422
    response = client.post(TRACK, data={**answer, "supplement": "Số nhà 12, ngõ 4."})
    assert response.status_code == 200 and "Location" not in response.headers
    shown = page(response)
    assert vi(SUPPLEMENT_SENT) in shown and "Cho biết số nhà cụ thể." not in shown
    db.session.rollback()
    fb = db.session.get(Feedback, fb.id)
    assert fb.status.value == "supplemented" and fb.events[-1].note == "Số nhà 12, ngõ 4."


def _many_published(count: int) -> list[str]:
    """`count` published answers, one a day from 1 Nov 2026: the codes, newest first."""
    codes = []
    for n in range(count):
        at = local(2026, 11, 1 + n % 28, 9) if n < 28 else local(2026, 12, 1 + n - 28, 9)
        fb = Feedback(tracking_code=f"PA-2611-{900 + n:06d}", access_code_hash=known_access_hash(), kind="kien_nghi",
                      category="initiative", title="Đề xuất mở rộng bãi đỗ xe", content="Đề nghị xem xét.",
                      submitter_kind="individual", submitter_name="Lê Văn Tám", submitter_address="Tổ 1",
                      submitter_phone="0905000111", consent_given_at=at, consent_version="2026-01",
                      publish_allowed=True, channel="web", received_at=at, answer_due_at=at,
                      status="published", answered_at=at, published_at=at, answer="Đã tiếp thu.",
                      public_question=f"Đề xuất số {n} về bãi đỗ xe.", public_answer="Đã tiếp thu.")
        fb.public_search = fold(f"{fb.public_question} {fb.public_answer}")  # as publishing does
        db.session.add(fb)
        codes.append(fb.tracking_code)
    db.session.commit()
    return codes[::-1]


def test_published_answers_come_a_page_at_a_time_newest_first(client):
    codes = _many_published(23)
    first = page(client.get("/phan-anh-kien-nghi/tra-loi"))
    shown = re.findall(r"PA-2611-\d{6}", first)
    assert shown == codes[:20] and "23" in first  # 20 a page, the total said
    second_url = re.search(r'<a rel="next" href="([^"]+)"', first).group(1)
    second = page(client.get(second_url))
    assert re.findall(r"PA-2611-\d{6}", second) == codes[20:]  # the oldest ones are reachable
    assert 'rel="next"' not in second and 'rel="prev"' in second
    beyond = page(client.get("/phan-anh-kien-nghi/tra-loi", query_string={"page": "99"}))
    assert re.findall(r"PA-2611-\d{6}", beyond) == codes[20:]  # past the end: the last page
    filtered = page(client.get("/phan-anh-kien-nghi/tra-loi", query_string={"q": "so 17 ve bai", "page": "1"}))
    assert re.findall(r"PA-2611-\d{6}", filtered) == ["PA-2611-000917"] and 'rel="next"' not in filtered
