"""Access codes of feedback (issue 13 point 11): stored as an argon2id hash only, shown on the first display of the
receipt only (and in the acknowledgement e-mail built when it was issued), taken by POST only, and replaced by
staff on request, audited."""
from __future__ import annotations

import re
from html import unescape

from flask_babel import force_locale
from sqlalchemy import select, text

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.feedback import submission
from portal.feedback.models import Feedback
from portal.feedback.views.public import TYPE_ACCESS
from portal.notify.models import OutboxMessage
from tests.factories import login, make_user
from tests.feedback.data import form_fields, local, valid_data

SUBMIT = "/phan-anh-kien-nghi/gui"
RECEIPT = "/phan-anh-kien-nghi/gui/da-nhan"
TRACK = "/phan-anh-kien-nghi/tra-cuu"
SHOWN = re.compile(r'id="access-code">([A-Z0-9]{8})<')


def html(response) -> str:
    return unescape(response.get_data(as_text=True))


def submitted(client) -> tuple[Feedback, str]:
    assert client.post(SUBMIT, data=form_fields()).status_code == 303
    receipt = html(client.get(RECEIPT))
    return db.session.scalars(select(Feedback)).one(), SHOWN.search(receipt).group(1)


def test_the_database_holds_only_a_hash_and_the_e_mail_was_built_with_the_code(client):
    fb, access = submitted(client)
    row = db.session.execute(text("SELECT * FROM feedback WHERE id = :id"), {"id": fb.id}).mappings().one()
    assert "access_code" not in row and row["access_code_hash"].startswith("$argon2id$")
    assert not [name for name, value in row.items() if isinstance(value, str) and access in value]
    assert submission.public_lookup(fb.tracking_code, access.lower()) == fb
    mail = db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "email")).one()
    assert access in mail.body  # the acknowledgement, built in the request that issued the code


def test_the_receipt_shows_the_access_code_on_its_first_display_only(client):
    fb, access = submitted(client)
    again = client.get(RECEIPT)
    page = html(again)
    assert again.status_code == 200 and again.headers["Cache-Control"] == "no-store"
    assert fb.tracking_code in page and access not in page and not SHOWN.search(page)
    assert 'id="access-shown-once"' in page
    with force_locale("vi"):
        assert "Mã cũng đã được gửi đến địa chỉ thư điện tử của bạn." in page  # an e-mail address was given


def test_tracking_takes_the_access_code_by_post_only(client):
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    access = fb.issued_access_code
    db.session.commit()
    found = client.post(TRACK, data={"code": fb.tracking_code, "access": access})
    assert found.status_code == 200 and found.headers["Cache-Control"] == "no-store"
    assert fb.title in html(found) and fb.tracking_code in html(found)  # the code's holder sees the title (16.1)
    old = client.get(TRACK, query_string={"code": fb.tracking_code, "access": access})  # an old bookmark
    assert old.status_code == 303 and "access" not in old.location and fb.tracking_code in old.location
    page = html(client.get(old.location))
    assert access not in page and f'value="{fb.tracking_code}"' in page and "Tiếp nhận" not in page
    assert fb.title not in page  # the tracking code alone shows nothing
    with force_locale("vi"):
        assert str(TYPE_ACCESS) in page
    assert 'method="post"' in page and 'hx-post="/phan-anh-kien-nghi/tra-cuu"' in page


def test_a_desk_officer_issues_a_new_code_once_and_it_is_audited(client):
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    old = fb.issued_access_code
    db.session.commit()
    desk = make_user(Role.DESK_OFFICER)
    login(client, desk)
    assert f"/staff/feedback/{fb.id}/access-code" in html(client.get(f"/staff/feedback/{fb.id}"))
    response = client.post(f"/staff/feedback/{fb.id}/access-code")
    assert response.status_code == 303 and response.location.endswith(f"/staff/feedback/{fb.id}")
    page = html(client.get(response.location))
    new = re.search(rf"kiến nghị {re.escape(fb.tracking_code)}: ([A-Z0-9]{{8}})", page).group(1)
    assert new not in html(client.get(response.location))  # a flash: shown once
    assert submission.public_lookup(fb.tracking_code, new) is not None
    assert submission.public_lookup(fb.tracking_code, old) is None  # the old code stops working
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "feedback.access_code_reissued"))
    assert (event.object_id, event.actor_id) == (str(fb.id), desk.id) and new not in (event.after_json or "")


def test_a_handler_may_not_issue_a_new_code(client):
    fb = submission.submit_feedback(valid_data(), now=local(2026, 11, 2, 9))
    old = fb.issued_access_code
    db.session.commit()
    login(client, make_user(Role.HANDLER))
    assert client.post(f"/staff/feedback/{fb.id}/access-code").status_code == 403
    db.session.expire_all()
    assert submission.public_lookup(fb.tracking_code, old) is not None
    assert not db.session.scalars(select(AuditEvent).where(AuditEvent.action == "feedback.access_code_reissued")).all()
