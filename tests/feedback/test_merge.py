"""Possible duplicates and merging: the similarity rule, the candidates, the guards, the trail, the messages,
the tracking page of a merged feedback, and the unit filter of the published answers page."""
from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.clock import utcnow
from portal.core.db import db
from portal.core.errors import DomainError
from portal.feedback import rules, services, submission
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Action, FeedbackStatus
from portal.notify.models import OutboxMessage
from tests.factories import login, make_unit, make_user
from tests.feedback.data import local, valid_data

BASE = "/staff/feedback"
TRACK = "/phan-anh-kien-nghi/tra-cuu"
ANSWERS = "/phan-anh-kien-nghi/tra-loi"

FLOOD = {"category": "unsuitable", "title": "Đường Lê Duẩn ngập nước sau mưa",
         "content": "Đoạn đường Lê Duẩn trước chợ Nghĩa Tân bị ngập nước mỗi khi mưa lớn, xe máy không đi được, "
                    "đề nghị thị xã nạo vét cống thoát nước.",
         "place": "Chợ Nghĩa Tân"}
FLOOD_AGAIN = {"category": "unsuitable", "title": "Duong Le Duan ngap nuoc",
               "content": "Moi lan mua lon doan duong Le Duan gan cho Nghia Tan ngap sau, cong thoat nuoc bi tac, "
                          "nguoi dan di lai rat kho khan.",
               "place": "cho Nghia Tan", "submitter_name": "Trần Văn Bình",
               "submitter_email": "binh.tran@example.vn", "submitter_phone": "0987 654 321"}
BIRTH = {"category": "unsuitable", "title": "Chậm trả kết quả đăng ký khai sinh",
         "content": "Tôi nộp hồ sơ đăng ký khai sinh cho con tại bộ phận một cửa phường Nghĩa Tân nhưng đã quá hẹn "
                    "mà chưa nhận được kết quả."}


def vi(text) -> str:
    with force_locale("vi"):
        return str(text)


def page(response) -> str:
    return unescape(response.get_data(as_text=True))


def _new(at=None, **changes) -> Feedback:
    fb = submission.submit_feedback(valid_data(**changes), now=at or local(2026, 11, 2, 9))
    db.session.commit()
    return fb


def _publish(fb, unit, *, question="Đường Lê Duẩn ngập khi mưa.", answer="Thị xã đã nạo vét cống ngày 20/11."):
    head, handler = make_user(Role.UNIT_HEAD, unit=unit), make_user(Role.HANDLER, unit=unit)
    at = fb.received_at + timedelta(days=1)
    for action, kwargs in [(Action.ACCEPT, {"unit_id": unit.id}),
                           (Action.ASSIGN, {"unit_id": unit.id, "handler_id": handler.id}),
                           (Action.DRAFT_ANSWER, {"answer": answer}), (Action.APPROVE_ANSWER, {}),
                           (Action.PUBLISH, {"public_question": question, "public_answer": answer})]:
        services.transition(fb, action, now=at, expected_version=fb.version, actor=head, **kwargs)
    db.session.commit()
    return fb


def _merge(source, primary, actor=None, at=None):
    return services.transition(source, Action.MERGE, now=at or local(2026, 11, 4, 9), expected_version=source.version,
                               actor=actor, primary_code=primary.tracking_code, note="Cùng vụ ngập đường Lê Duẩn.")


# ---------------------------------------------------------------- rules

def test_similarity_ignores_diacritics_and_stop_words():
    with_marks = {"title": "Đường ngập nước", "content": "Đoạn đường trước chợ bị ngập nước khi mưa lớn."}
    without = {"title": "Duong ngap nuoc", "content": "doan duong truoc cho bi ngap nuoc khi mua lon"}
    assert rules.shingles("Đường ngập nước") == rules.shingles("DUONG  ngap nuoc")
    assert rules.similarity(with_marks, without)[0] == 1.0
    assert rules.words("Tôi xin phản ánh về việc đường ngập") == ["duong", "ngap"]


def test_near_duplicates_score_above_the_threshold_and_unrelated_texts_below():
    threshold = 0.25  # the default of FEEDBACK_DUPLICATE_THRESHOLD
    same, reasons = rules.similarity(FLOOD, FLOOD_AGAIN)
    assert same >= threshold and reasons == ["text", "place"]
    assert rules.similarity(FLOOD, BIRTH)[0] < threshold / 2
    assert rules.similarity(FLOOD, {"title": "", "content": ""}) == (0.0, [])


def test_same_case_code_adds_an_explained_bonus():
    a = {"title": "Chậm trả kết quả", "content": "Hồ sơ quá hẹn.", "case_code": "000.00.17.H17-261102-0001"}
    b = {**a, "content": "Chưa nhận được giấy tờ.", "case_code": "000.00.17.h17-261102-0001"}
    plain, _ = rules.similarity({**a, "case_code": ""}, b)
    score, reasons = rules.similarity(a, b)
    assert "case_code" in reasons and score == pytest.approx(min(plain + rules.CASE_BONUS, 1.0))


def test_merge_is_possible_before_the_answer_is_written_and_is_terminal():
    before_answer = {FeedbackStatus.NEW, FeedbackStatus.ACCEPTED, FeedbackStatus.ASSIGNED,
                     FeedbackStatus.SUPPLEMENT_REQUESTED, FeedbackStatus.SUPPLEMENTED}
    for status in FeedbackStatus:
        expected = FeedbackStatus.MERGED if status in before_answer else None
        assert rules.next_status(status, Action.MERGE) == expected
    assert rules.allowed_actions(FeedbackStatus.MERGED) == []
    assert not rules.is_counted(FeedbackStatus.MERGED) and rules.is_counted(FeedbackStatus.PUBLISHED)
    assert FeedbackStatus.MERGED not in rules.COUNTED_STATUSES


def test_merge_problem_refuses_self_cycles_and_dead_ends():
    ok = {"source_id": 1, "target_id": 2, "target_answered": False, "target_chain": []}
    assert rules.merge_problem(**ok, target_status=FeedbackStatus.ASSIGNED) is None
    assert rules.merge_problem(**{**ok, "target_answered": True}, target_status=FeedbackStatus.CLOSED) is None
    assert rules.merge_problem(**{**ok, "target_id": 1}, target_status=FeedbackStatus.NEW) == "self"
    assert rules.merge_problem(**{**ok, "target_chain": [3, 1]}, target_status=FeedbackStatus.NEW) == "cycle"
    for status in (FeedbackStatus.MERGED, FeedbackStatus.REJECTED, FeedbackStatus.TRANSFERRED,
                   FeedbackStatus.CLOSED):
        assert rules.merge_problem(**ok, target_status=status) == "status"


def test_who_may_merge():
    kw = {"user_id": 7, "user_unit_id": 1, "unit_id": 1, "handler_id": 7}
    assert rules.may_act(Action.MERGE, roles={"desk_officer"}, status=FeedbackStatus.NEW, **kw)
    assert not rules.may_act(Action.MERGE, roles={"desk_officer"}, status=FeedbackStatus.ASSIGNED, **kw)
    assert rules.may_act(Action.MERGE, roles={"unit_head"}, status=FeedbackStatus.ASSIGNED, **kw)
    assert not rules.may_act(Action.MERGE, roles={"unit_head"}, status=FeedbackStatus.ASSIGNED,
                             **{**kw, "user_unit_id": 2})
    assert not rules.may_act(Action.MERGE, roles={"handler"}, status=FeedbackStatus.ASSIGNED, **kw)
    assert rules.may_act(Action.MERGE, roles={"manager"}, status=FeedbackStatus.ACCEPTED, **{**kw, "unit_id": None})


# ---------------------------------------------------------------- services

def test_candidates_are_similar_recent_and_mergeable(app_ctx):
    now = local(2026, 11, 10, 9)
    primary = _new(**FLOOD)
    other = _new(**BIRTH)
    old = _new(at=local(2026, 1, 5, 9), **FLOOD)  # older than the 6 months looked at
    rejected = _new(**FLOOD)
    services.transition(rejected, Action.REJECT, now=local(2026, 11, 3, 9), expected_version=rejected.version,
                        rejection_code="already_answered")
    db.session.commit()
    source = _new(at=local(2026, 11, 9, 9), **FLOOD_AGAIN)
    found = services.duplicate_candidates(source, now=now)
    assert [d["tracking_code"] for d in found] == [primary.tracking_code]
    assert found[0]["reasons"] == ["text", "place"] and found[0]["score"] >= 0.25
    assert other.id and old.id
    app_ctx.config["FEEDBACK_DUPLICATE_MONTHS"] = 12
    try:
        assert {d["id"] for d in services.duplicate_candidates(source, now=now)} == {primary.id, old.id}
    finally:
        app_ctx.config.pop("FEEDBACK_DUPLICATE_MONTHS")


def test_merge_sets_status_trail_audit_and_tells_the_merged_submitter(app_ctx):
    desk = make_user(Role.DESK_OFFICER, full_name="Lê Thị Hoa")
    primary = _new(**FLOOD)
    source = _new(**FLOOD_AGAIN)
    primary_version = primary.version
    _merge(source, primary, actor=desk)
    db.session.commit()
    db.session.refresh(primary)
    assert source.status == FeedbackStatus.MERGED and source.merged_into_id == primary.id
    assert source.closed_at is not None and rules.allowed_actions(source.status) == []
    assert primary.status == FeedbackStatus.NEW and primary.version == primary_version + 1
    assert source.events[-1].action == "merge" and source.events[-1].actor_name == "Lê Thị Hoa"
    assert primary.events[-1].action == "merged_in" and source.tracking_code in primary.events[-1].note
    audits = {(a.action, str(a.object_id)) for a in db.session.scalars(select(AuditEvent))}
    assert ("feedback.merge", str(source.id)) in audits and ("feedback.merged_in", str(primary.id)) in audits
    messages = list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key.like(
        f"feedback:{source.id}:merged:%"))))
    assert {m.recipient for m in messages} == {"binh.tran@example.vn", "0987654321"}
    assert all(primary.tracking_code in m.body for m in messages)


@pytest.mark.parametrize("blocker", ["self", "merged", "rejected", "transferred", "unknown"])
def test_merge_guards(app_ctx, blocker):
    primary = _new(**FLOOD)
    source = _new(**FLOOD_AGAIN)
    target = primary
    if blocker == "self":
        target = source
    elif blocker == "merged":
        _merge(primary, _new(**FLOOD))
    elif blocker == "rejected":
        services.transition(primary, Action.REJECT, now=local(2026, 11, 3, 9), expected_version=primary.version,
                            rejection_code="unclear")
    elif blocker == "transferred":
        services.transition(primary, Action.TRANSFER, now=local(2026, 11, 3, 9), expected_version=primary.version,
                            note="Sở Giao thông vận tải")
    db.session.commit()
    code = "PA-2611-999999" if blocker == "unknown" else target.tracking_code
    with pytest.raises(DomainError) as err:
        services.transition(source, Action.MERGE, now=local(2026, 11, 4, 9), expected_version=source.version,
                            primary_code=code)
    assert err.value.field == "primary_code"
    db.session.rollback()
    assert db.session.get(Feedback, source.id).status == FeedbackStatus.NEW


def test_a_cycle_is_refused_even_if_the_data_points_back(app_ctx):
    a, b = _new(**FLOOD), _new(**FLOOD_AGAIN)
    a.merged_into_id = b.id  # inconsistent on purpose: a still open but pointing at b
    db.session.commit()
    with pytest.raises(DomainError) as err:
        services.transition(b, Action.MERGE, now=local(2026, 11, 4, 9), expected_version=b.version,
                            primary_code=a.tracking_code)
    assert err.value.field == "primary_code"


def test_a_unit_head_cannot_merge_into_feedback_of_another_unit(app_ctx):
    unit, other_unit = make_unit(), make_unit()
    head = make_user(Role.UNIT_HEAD, unit=unit)
    primary = _new(**FLOOD)
    primary.unit_id = other_unit.id
    db.session.commit()
    source = _new(**FLOOD_AGAIN)
    with pytest.raises(DomainError):
        _merge(source, primary, actor=head)


# ---------------------------------------------------------------- screens

def test_staff_page_suggests_duplicates_and_merges_with_one_button(client):
    now = utcnow()
    primary = _new(at=now - timedelta(days=3), **FLOOD)
    unrelated = _new(at=now - timedelta(days=2), **BIRTH)
    source = _new(at=now - timedelta(days=1), **FLOOD_AGAIN)
    login(client, make_user(Role.DESK_OFFICER))
    html = page(client.get(f"{BASE}/{source.id}"))
    assert 'id="dup-title"' in html  # the "possible duplicates" panel
    section = html[html.index('id="dup-title"'):]
    assert primary.tracking_code in section and unrelated.tracking_code not in section.split("</section>")[0]
    forms = re.findall(rf'<form method="post" action="/staff/feedback/{source.id}/merge".*?</form>', html, re.S)
    assert any(primary.tracking_code in f and 'name="merge-csrf_token"' in f for f in forms)
    response = client.post(f"{BASE}/{source.id}/merge", data={"merge-version": source.version,
                                                              "merge-primary_code": primary.tracking_code})
    assert response.status_code == 303
    db.session.refresh(source)
    assert source.status == FeedbackStatus.MERGED
    html = page(client.get(f"{BASE}/{primary.id}"))
    assert source.tracking_code in html  # "merged into this feedback"


def test_stale_merge_is_refused_with_409(client):
    primary, source = _new(**FLOOD), _new(**FLOOD_AGAIN)
    login(client, make_user(Role.MANAGER))  # accepted without a unit: the manager's step
    old = source.version
    services.transition(source, Action.ACCEPT, now=local(2026, 11, 3, 9), expected_version=old)
    db.session.commit()
    response = client.post(f"{BASE}/{source.id}/merge", data={"merge-version": old,
                                                              "merge-primary_code": primary.tracking_code})
    assert response.status_code == 409
    db.session.rollback()
    assert db.session.get(Feedback, source.id).status == FeedbackStatus.ACCEPTED


def test_merge_form_error_is_shown_next_to_the_code(client):
    primary, source = _new(**FLOOD), _new(**FLOOD_AGAIN)
    login(client, make_user(Role.DESK_OFFICER))
    response = client.post(f"{BASE}/{source.id}/merge", data={"merge-version": source.version,
                                                              "merge-primary_code": source.tracking_code})
    html = page(response)
    assert response.status_code == 422 and re.search(r'id="merge-primary_code-error"', html)
    assert primary.id


def test_a_handler_cannot_merge(client):
    unit = make_unit()
    handler = make_user(Role.HANDLER, unit=unit)
    primary, source = _new(**FLOOD), _new(**FLOOD_AGAIN)
    source.unit_id = unit.id
    db.session.commit()
    login(client, handler)
    response = client.post(f"{BASE}/{source.id}/merge", data={"merge-version": source.version,
                                                              "merge-primary_code": primary.tracking_code})
    assert response.status_code == 403


def test_track_page_of_a_merged_feedback_shows_the_primary_and_then_its_public_answer(client):
    unit = make_unit(name="UBND phường Nghĩa Tân")
    primary, source = _new(**FLOOD), _new(**FLOOD_AGAIN)
    _merge(source, primary)
    db.session.commit()
    codes = {"code": source.tracking_code, "access": source.issued_access_code}
    html = page(client.post(TRACK, data=codes))
    assert re.search(rf'<dd class="mono">{primary.tracking_code}</dd>', html)  # "merged into PA-…"
    assert "Thị xã đã nạo vét cống" not in html
    _publish(primary, unit)
    html = page(client.post(TRACK, data=codes))
    assert "Đường Lê Duẩn ngập khi mưa." in html and "Thị xã đã nạo vét cống ngày 20/11." in html
    for personal in (primary.submitter_name, primary.submitter_email, primary.submitter_address,
                     source.submitter_name, "0987654321", primary.content):
        assert personal not in html
    # the merged submitter is told the answer is out, with their own tracking code
    told = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.dedupe_key == f"feedback:{source.id}:answer_published:email")).one()
    assert source.tracking_code in told.body


def test_answers_page_filters_by_unit_with_and_without_htmx(client):
    ward = make_unit(name="UBND phường Nghĩa Tân")
    office = make_unit(name="Văn phòng HĐND và UBND")
    commune = make_unit(name="UBND xã Đắk Nia")
    idle = make_unit(name="Phòng Tư pháp")  # no published answer: not offered
    _publish(_new(**FLOOD), ward, question="Ngập đường Lê Duẩn.", answer="Đã nạo vét cống.")
    _publish(_new(**BIRTH), office, question="Chậm khai sinh.", answer="Đã trả kết quả và xin lỗi.")
    _publish(_new(**BIRTH), commune, question="Hỏi về khai sinh ở xã.", answer="Xã đã trả kết quả.")
    html = page(client.get(ANSWERS))
    select_html = re.search(r'<select id="unit" name="unit">(.*?)</select>', html, re.S).group(1)
    names = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select_html)
    assert names == ["UBND phường Nghĩa Tân", "UBND xã Đắk Nia", "Văn phòng HĐND và UBND"]  # Vietnamese order
    assert idle.name not in select_html
    html = page(client.get(ANSWERS, query_string={"unit": office.id}))
    assert "Chậm khai sinh." in html and "Ngập đường Lê Duẩn." not in html
    assert re.search(rf'<option value="{office.id}" selected>', html)
    fragment = page(client.get(ANSWERS, query_string={"unit": ward.id, "q": "nao vet"},
                               headers={"HX-Request": "true"}))
    assert "<html" not in fragment and "Ngập đường Lê Duẩn." in fragment and "Chậm khai sinh." not in fragment
    html = page(client.get(ANSWERS, query_string={"unit": "abc"}))  # nonsense is ignored, not an error
    assert "Chậm khai sinh." in html and "Ngập đường Lê Duẩn." in html
    form = re.search(r'<form[^>]*hx-get[^>]*>', html).group(0)
    assert "change from:#unit" in form
