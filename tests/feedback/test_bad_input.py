"""The issue's bad inputs on the public feedback form, through HTTP: each is refused or handled with a
clear message in the visitor's language, the typed text kept, and nothing half-stored.

Covered elsewhere and not repeated here: the JPEG with GPS EXIF through the form
(test_submit_attachments.py), the decoder-level checks of every file kind and name (test_attachments.py),
the honeypot and htmx variants (test_public_views.py)."""
from __future__ import annotations

import io
import re
import sqlite3
import threading
import time
import uuid
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask_babel import force_locale
from sqlalchemy import create_engine, event, func, make_url, select, text
from sqlalchemy.exc import OperationalError

from portal import create_app
from portal.config import Config, TestConfig
from portal.core.access import Role
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import ERROR_HINTS, ERROR_TITLES
from portal.feedback import services, submission
from portal.feedback.attachments import Limits
from portal.feedback.forms import CONSENT_MISSING, REQUIRED
from portal.feedback.models import Feedback, FeedbackAttachment, FeedbackEvent
from portal.feedback.views.public import NOT_FOUND
from portal.feedback.vocabulary import Action
from portal.notify.models import OutboxMessage
from tests.factories import login, make_unit, make_user
from tests.feedback.data import form_fields, local, valid_data

SUBMIT = "/phan-anh-kien-nghi/gui"
RECEIPT = "/phan-anh-kien-nghi/gui/da-nhan"
TRACK = "/phan-anh-kien-nghi/tra-cuu"
ANSWERS = "/phan-anh-kien-nghi/tra-loi"
MB = 1024 * 1024
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EVIL = ('<img src=x onerror="alert(1)"><div hx-get="/staff/feedback/" hx-trigger="load" '
        'hx-target="body">Đường hỏng</div>')
TITLE = "Chậm trả kết quả đăng ký khai sinh"


def say(text, lang: str) -> str:
    with force_locale(lang):
        return str(text)


def html_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def error_of(response, field: str) -> str:
    found = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', response.get_data(as_text=True))
    assert found, f"no message next to {field}"
    return unescape(found.group(1))


def nothing_stored(uploads: Path | None = None) -> bool:
    db.session.rollback()
    counts = [db.session.scalar(select(func.count()).select_from(model))
              for model in (Feedback, FeedbackAttachment, FeedbackEvent, OutboxMessage)]
    return counts == [0, 0, 0, 0] and (uploads is None or not [p for p in uploads.rglob("*") if p.is_file()])


@pytest.fixture()
def uploads(app_ctx, tmp_path, monkeypatch):
    root = tmp_path / "uploads"
    monkeypatch.setitem(app_ctx.config, "UPLOAD_FOLDER", str(root))
    return root


def post(client, lang="vi", files=None, **changes):
    client.set_cookie("lang", lang)
    data = form_fields(**changes)
    if files is not None:
        data["attachments"] = [(io.BytesIO(content), name) for name, content in files]
        return client.post(SUBMIT, data=data, content_type="multipart/form-data")
    return client.post(SUBMIT, data=data)


def pdf_of(size: int) -> bytes:
    return PDF + bytes(size - len(PDF))


# --- content --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_blank_content_gets_the_required_message_in_the_visitors_language(client, lang):
    response = post(client, lang, content="  \r\n\t  ")
    assert response.status_code == 422 and nothing_stored()
    assert error_of(response, "content") == say(REQUIRED, lang)
    assert f'value="{TITLE}"' in html_of(response)


def test_100000_characters_are_refused_in_english_with_the_limit_and_the_text_kept(client):
    text = "Mặt đường tổ dân phố 3 bị sụt lún. " * 2858  # 100,030 characters
    response = post(client, "en", content=text)
    assert response.status_code == 422 and nothing_stored()
    message = error_of(response, "content")
    assert "10000" in message.replace(",", "").replace(".", "") and "characters" in message
    assert text.strip() in html_of(response)


def test_content_of_exactly_the_limit_with_browser_line_breaks_is_accepted(client):
    """Browsers send line breaks as CR LF; the limit counts the text as stored, with LF."""
    line = "Đường ở tổ 3 bị sụt lún nặng.\r\n"  # 31 characters, 30 once stored
    text = line * 333 + "x" * 10  # 10,333 characters sent, 10,000 stored
    response = post(client, content=text)
    assert response.status_code == 303
    db.session.rollback()
    assert len(db.session.scalars(select(Feedback)).one().content) == 10000


def test_control_characters_are_dropped_not_a_server_error(client):
    """PostgreSQL refuses NUL in text: a pasted NUL must not turn into a 500 (or a half-stored row)."""
    response = post(client, title="Đường\x00 hỏng\x07", content="Ổ gà\x00 giữa đường\x1b.\nTổ 3.")
    assert response.status_code == 303
    db.session.rollback()
    fb = db.session.scalars(select(Feedback)).one()
    assert (fb.title, fb.content) == ("Đường hỏng", "Ổ gà giữa đường.\nTổ 3.")


# --- files ----------------------------------------------------------------------------------------

def test_the_limits_are_coherent_with_the_request_size_limit(app):
    limits = Limits.from_config(app.config)
    assert limits == Limits()  # the dataclass defaults mirror the configuration
    assert limits.max_bytes <= limits.max_total < Config.MAX_CONTENT_LENGTH
    assert Config.MAX_CONTENT_LENGTH - limits.max_total >= 4 * MB  # room for the form and multipart overhead


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_30_mb_file_gets_the_413_page_in_the_visitors_language_and_stores_nothing(client, uploads, lang):
    response = post(client, lang, files=[("ban-ve.pdf", pdf_of(30 * MB))])
    html = html_of(response)
    assert response.status_code == 413 and nothing_stored(uploads)
    assert say(ERROR_TITLES[413], lang) in html and say(ERROR_HINTS[413], lang) in html
    assert f'<html lang="{lang}"' in response.get_data(as_text=True)


def test_a_file_over_the_per_file_limit_gets_a_message_next_to_the_field_and_the_text_kept(client, uploads):
    response = post(client, files=[("ban-ve.pdf", pdf_of(12 * MB))])
    assert response.status_code == 422 and nothing_stored(uploads)
    message = error_of(response, "attachments")
    assert "ban-ve.pdf" in message and "10 MB" in message and "lớn hơn" in message
    assert f'value="{TITLE}"' in html_of(response)


def test_files_over_the_total_but_under_the_request_limit_get_a_message_in_english(client, uploads):
    response = post(client, "en", files=[(f"trang-{i}.pdf", pdf_of(7 * MB)) for i in range(3)])  # 21 MB
    assert response.status_code == 422 and nothing_stored(uploads)
    assert error_of(response, "attachments") == "The attached files together are larger than 20 MB."
    assert f'value="{TITLE}"' in html_of(response)


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
HTML = b"<!DOCTYPE html><html><body><script>fetch('/staff')</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(400)


@pytest.mark.parametrize(("name", "content", "lang", "words"), [
    ("don-khieu-nai.pdf", EXE, "vi", "không thuộc loại được chấp nhận"),
    ("don-khieu-nai.pdf", EXE, "en", "is not an accepted kind of file"),
    ("so-do.svg", SVG, "vi", "không thuộc loại được chấp nhận"),
    ("so-do.png", SVG, "vi", "không thuộc loại được chấp nhận"),
    ("trang.html", HTML, "vi", "không thuộc loại được chấp nhận"),
    ("trang.pdf", HTML, "en", "is not an accepted kind of file"),
])
def test_executables_svg_and_html_are_refused_whatever_their_name(client, uploads, name, content, lang, words):
    response = post(client, lang, files=[("anh-hien-truong.pdf", PDF), (name, content)])
    assert response.status_code == 422 and nothing_stored(uploads / "feedback")
    message = error_of(response, "attachments")
    assert name in message and words in message and "anh-hien-truong.pdf" not in message
    assert "anh-hien-truong.pdf" in html_of(response)  # the accepted file is held for the retry (held_uploads)
    assert 'value="Nguyễn Thị Lan"' in html_of(response)


def test_names_with_dot_dot_and_right_to_left_override_are_stored_and_shown_safely(client, uploads):
    response = post(client, files=[("../../../etc/passwd", PDF), ("..\\..\\bao-cao\u202efdp.exe", PDF),
                                   ("anh\u202egnp.exe.pdf", PDF)])
    assert response.status_code == 303
    db.session.rollback()
    names = sorted(a.name for a in db.session.scalars(select(FeedbackAttachment)))
    assert names == ["anhgnp.exe.pdf", "bao-caofdp.pdf", "passwd.pdf"]
    for name in names:
        assert "/" not in name and "\\" not in name and "\u202e" not in name and not name.startswith(".")
    stored = [p for p in uploads.rglob("*") if p.is_file()]
    assert stored and all(p.resolve().is_relative_to(uploads.resolve() / "feedback") for p in stored)
    fb = db.session.scalars(select(Feedback)).one()
    login(client, make_user(Role.DESK_OFFICER))
    page = client.get(f"/staff/feedback/{fb.id}").get_data(as_text=True)
    assert "\u202e" not in page and "anhgnp.exe.pdf" in page
    attachment = db.session.scalars(select(FeedbackAttachment).where(FeedbackAttachment.name == "passwd.pdf")).one()
    download = client.get(f"/staff/feedback/{fb.id}/attachments/{attachment.id}")
    assert download.status_code == 200 and "passwd.pdf" in download.headers["Content-Disposition"]
    assert "/" not in download.headers["Content-Disposition"]


# --- markup in the text ---------------------------------------------------------------------------

class _Elements(HTMLParser):
    def __init__(self, raw: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(raw)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _no_markup(raw: str) -> None:
    """The injected text is shown, escaped; it makes no element (no img, no onerror, no hx-* of its own)."""
    for tag, attrs in _Elements(raw).found:
        assert "onerror" not in attrs and attrs.get("src") != "x", (tag, attrs)
        hx = {k.removeprefix("data-"): v for k, v in attrs.items() if k.removeprefix("data-").startswith("hx-")}
        assert hx.get("hx-trigger") != "load" and hx.get("hx-target") != "body", (tag, attrs)
        assert "/staff/" not in (hx.get("hx-get") or ""), (tag, attrs)
    assert "&lt;img src=x onerror=" in raw and "&lt;div hx-get=" in raw


def test_html_and_htmx_attributes_are_text_on_the_staff_track_and_answers_pages(client):
    assert post(client, title=EVIL[:150], content=EVIL, publish_allowed=True).status_code == 303
    db.session.rollback()
    fb = db.session.scalars(select(Feedback)).one()
    assert fb.content == EVIL  # kept as typed; escaped wherever it is shown
    unit = make_unit()
    head = make_user(unit=unit)
    at = utcnow()
    for action, kwargs in [(Action.ACCEPT, {}), (Action.ASSIGN, {"unit_id": unit.id, "handler_id": head.id}),
                           (Action.DRAFT_ANSWER, {"answer": EVIL}), (Action.APPROVE_ANSWER, {}),
                           (Action.PUBLISH, {"public_question": EVIL, "public_answer": "Đã sửa. " + EVIL})]:
        services.transition(fb, action, now=at, expected_version=fb.version, **kwargs)
    access = submission.reissue_access_code(fb, now=at, actor=None)  # read back from the web: only the hash is kept
    db.session.commit()
    codes = {"code": fb.tracking_code, "access": access}
    pages = {"track": client.post(TRACK, data=codes), "answers": client.get(ANSWERS)}
    login(client, make_user(Role.DESK_OFFICER))
    pages["staff"] = client.get(f"/staff/feedback/{fb.id}")
    for name, response in pages.items():
        assert response.status_code == 200, name
        _no_markup(response.get_data(as_text=True))
    assert pages["staff"].get_data(as_text=True).count("&lt;img src=x") >= 3  # title, content, answer


def test_markup_in_a_supplement_request_is_text_on_the_track_page(client):
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    unit = make_unit()
    head = make_user(unit=unit)
    at = local(2026, 11, 3, 9)
    for action, kwargs in [(Action.ACCEPT, {}), (Action.ASSIGN, {"unit_id": unit.id, "handler_id": head.id}),
                           (Action.REQUEST_SUPPLEMENT, {"note": EVIL})]:
        services.transition(fb, action, now=at, expected_version=fb.version, **kwargs)
    db.session.commit()
    response = client.post(TRACK, data={"code": fb.tracking_code, "access": fb.issued_access_code})
    assert response.status_code == 200
    _no_markup(response.get_data(as_text=True))


# --- tracking codes -------------------------------------------------------------------------------

def _statements(app):
    seen: list[str] = []

    def listen(_conn, _cursor, statement, _params, _context, _many):
        seen.append(statement)
    event.listen(db.engine, "before_cursor_execute", listen)
    return seen, lambda: event.remove(db.engine, "before_cursor_execute", listen)


def _without_csrf(body: bytes) -> bytes:
    return re.sub(rb'name="csrf_token" value="[^"]*"', b'name="csrf_token" value=""', body)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_wrong_access_code_looks_exactly_like_an_unknown_code(client, app_ctx, lang):
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    db.session.commit()
    code = fb.tracking_code
    client.set_cookie("lang", lang)
    seen, stop = _statements(app_ctx)
    try:
        wrong = client.post(TRACK, data={"code": code, "access": "AAAAAAAA"})
        wrong_sql = list(seen)
        db.session.delete(fb)  # the same code, now unknown
        db.session.commit()
        seen.clear()
        unknown = client.post(TRACK, data={"code": code, "access": "AAAAAAAA"})
        unknown_sql = list(seen)
    finally:
        stop()
    assert wrong.status_code == unknown.status_code == 422
    # The same page byte for byte, but for the form's CSRF token (signed with the second it was made in).
    assert _without_csrf(wrong.get_data()) == _without_csrf(unknown.get_data())
    assert say(NOT_FOUND, lang) in html_of(wrong)
    assert wrong_sql == unknown_sql and len(wrong_sql) >= 1  # the same queries: no shortcut for either


# --- flooding, double clicks, forged forms --------------------------------------------------------

def test_twenty_submissions_a_minute_from_one_address_are_limited_with_a_message(tmp_path):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'flood.sqlite3'}",
                     RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    with app.app_context():
        db.create_all()
    client = app.test_client()
    responses = [client.post(SUBMIT, data=form_fields(), environ_base={"REMOTE_ADDR": "203.113.10.7"})
                 for _ in range(20)]
    codes = [r.status_code for r in responses]
    assert codes == [303] * 5 + [429] * 15
    with app.test_request_context():
        assert say(ERROR_HINTS[429], "vi") in html_of(responses[-1])
        assert say(ERROR_TITLES[429], "vi") in html_of(responses[-1])
    other = client.post(SUBMIT, data=form_fields(), environ_base={"REMOTE_ADDR": "203.113.10.8"})
    assert other.status_code == 303  # another address is not punished
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Feedback)) == 6
        db.session.remove()
        db.engine.dispose()


def test_double_clicking_submit_makes_one_record_and_both_lead_to_its_receipt(client):
    fields = form_fields(submit_token=str(uuid.uuid4()))
    first = client.post(SUBMIT, data=fields)
    first_receipt = html_of(client.get(RECEIPT))
    notices = db.session.scalar(select(func.count()).select_from(OutboxMessage))
    second = client.post(SUBMIT, data=fields)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"] == RECEIPT
    second_receipt = html_of(client.get(RECEIPT))
    db.session.rollback()
    fb = db.session.scalars(select(Feedback)).one()
    # the code was shown on the first receipt; the second submit made no new record, so no new code
    assert fb.tracking_code in first_receipt and 'id="access-code"' in first_receipt
    assert fb.tracking_code in second_receipt and 'id="access-code"' not in second_receipt
    assert 'id="access-shown-once"' in second_receipt
    assert notices and db.session.scalar(select(func.count()).select_from(OutboxMessage)) == notices  # not resent


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_consent_box_removed_by_hand_is_refused_next_to_it_with_the_input_kept(client, lang):
    fields = form_fields(content="Đèn đường ở tổ 5 hỏng đã hai tuần.")
    del fields["consent"]
    client.set_cookie("lang", lang)
    response = client.post(SUBMIT, data=fields)
    assert response.status_code == 422 and nothing_stored()
    assert error_of(response, "consent") == say(CONSENT_MISSING, lang)
    html = html_of(response)
    assert "Đèn đường ở tổ 5 hỏng đã hai tuần." in html and 'value="Nguyễn Thị Lan"' in html
    assert re.search(r'<input[^>]*name="submit_token"[^>]*value="' + fields["submit_token"], html)


# --- the faster submission path keeps its guarantees ----------------------------------------------

def test_deadlines_follow_a_day_off_added_between_two_submissions(app_ctx):
    """The calendar is kept between submissions (bench/README.md): a new exception must still count."""
    from datetime import date

    from portal.workdays.models import WorkdayException
    from portal.workdays.rules import ExceptionKind

    now = local(2026, 11, 2, 9)  # a Monday
    before = submission.submit_feedback(valid_data(), now=now)
    db.session.add(WorkdayException(on=date(2026, 11, 3), kind=ExceptionKind.DAY_OFF, reason="Nghỉ bù"))
    db.session.flush()
    after = submission.submit_feedback(valid_data(), now=now)
    assert after.step_due_at > before.step_due_at and after.answer_due_at > before.answer_due_at
    assert submission.allocate_number("2611") == 3  # two submissions took 1 and 2 from the same counter


# --- a database that is briefly locked, or locked for too long -------------------------------------

def _hold_write_lock(url: str, seconds: float):
    """Another process's writer: holds the write lock on the feedback tables for `seconds`, then lets go.
    Returns the thread and an event set once the lock is held."""
    held = threading.Event()

    def hold():
        if url.startswith("sqlite"):
            con = sqlite3.connect(make_url(url).database, isolation_level=None)
            con.execute("BEGIN IMMEDIATE")
            held.set()
            time.sleep(seconds)
            con.execute("COMMIT")
            con.close()
        else:
            engine = create_engine(url)
            with engine.connect() as conn:
                conn.execute(text("LOCK TABLE feedback_counter IN ACCESS EXCLUSIVE MODE"))
                held.set()
                time.sleep(seconds)
                conn.commit()
            engine.dispose()

    thread = threading.Thread(target=hold, name="other-writer")
    thread.start()
    return thread, held


def test_a_submission_waits_for_a_briefly_locked_database_and_is_stored(client, app_ctx):
    thread, held = _hold_write_lock(app_ctx.config["SQLALCHEMY_DATABASE_URI"], 0.6)
    assert held.wait(5)
    started = time.monotonic()
    response = client.post(SUBMIT, data=form_fields(submit_token=str(uuid.uuid4())))
    waited = time.monotonic() - started
    thread.join(5)
    assert response.status_code == 303 and response.headers["Location"] == RECEIPT
    assert waited >= 0.3  # it really waited for the other writer (not a timing target: an outcome check)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Feedback)) == 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_database_locked_for_too_long_answers_503_with_advice_and_stores_nothing(client, monkeypatch, lang):
    real_submit = submission.submit_feedback

    def stuck(*args, **kwargs):
        real_submit(*args, **kwargs)  # the rows are flushed, then the lock wait gives up
        raise OperationalError("INSERT INTO feedback_event ...", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(submission, "submit_feedback", stuck)
    client.set_cookie("lang", lang)
    response = client.post(SUBMIT, data=form_fields(submit_token=str(uuid.uuid4())))
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    page = html_of(response)
    assert say(ERROR_TITLES[503], lang) in page and say(ERROR_HINTS[503], lang) in page
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Feedback)) == 0  # rolled back whole
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
