"""The published answers' search (issue 16 point 3): the full-text engine over what was published only."""
from __future__ import annotations

import re

from portal.core.db import db
from portal.feedback import services, submission
from portal.feedback.vocabulary import Action
from tests.factories import make_unit, make_user
from tests.feedback.data import local, valid_data

ANSWERS = "/phan-anh-kien-nghi/tra-loi"


def publish(question: str, answer: str, *, content: str, day: int = 3):
    fb = submission.submit_feedback(valid_data(content=content), now=local(2026, 11, 2, 9))
    unit = make_unit()
    head = make_user(unit=unit)
    at = local(2026, 11, day, 9)
    for action, kwargs in [(Action.ACCEPT, {}), (Action.ASSIGN, {"unit_id": unit.id, "handler_id": head.id}),
                           (Action.DRAFT_ANSWER, {"answer": "Trả lời riêng."}), (Action.APPROVE_ANSWER, {}),
                           (Action.PUBLISH, {"public_question": question, "public_answer": answer})]:
        services.transition(fb, action, now=at, expected_version=fb.version, **kwargs)
    db.session.commit()
    return fb


def codes(query: str) -> list[str]:
    return [f.tracking_code for f in services.published_answers(q=query).items]


def test_answers_are_found_as_people_type_and_best_first(app_ctx):
    building = publish("Phản ánh hồ sơ cấp giấy phép xây dựng nhà ở bị yêu cầu bổ sung nhiều lần.",
                       "Phòng Quản lý đô thị đã chấn chỉnh việc yêu cầu bổ sung hồ sơ.",
                       content="Tôi là Trần Văn Bình, hồ sơ xin phép ở hẻm Hoa Sữa bị trả lại ba lần.")
    birth = publish("Kiến nghị không yêu cầu bản sao giấy tờ cư trú khi đăng ký khai sinh.",
                    "Thông tin cư trú được khai thác từ cơ sở dữ liệu, người dân không phải nộp.",
                    content="Tôi đi làm giấy khai sinh cho con ở hẻm Hoa Sữa.", day=4)
    assert codes("GPXD") == [building.tracking_code]
    assert codes("dang ki khai sinh") == [birth.tracking_code]
    assert codes("giay khai sinh") == [birth.tracking_code]
    assert codes("xay dugn") == [building.tracking_code]  # a typo
    assert codes("bo sung ho so") == [building.tracking_code]
    assert sorted(codes("yeu cau")) == sorted([birth.tracking_code, building.tracking_code])
    assert codes("") == [birth.tracking_code, building.tracking_code]  # no search: newest first


def test_the_citizens_own_wording_is_never_searched(app_ctx):
    publish("Phản ánh chậm trả kết quả.", "Đã trả kết quả.", content="Hồ sơ của Trần Văn Bình ở hẻm Hoa Sữa.")
    submission.submit_feedback(valid_data(content="Đường Hoa Sữa hỏng, chưa công bố."), now=local(2026, 11, 2, 9))
    db.session.commit()
    assert codes("hoa sua") == []
    assert codes("Tran Van Binh") == []
    assert len(codes("tra ket qua")) == 1


def test_the_answers_page_keeps_its_filters_with_a_search(client):
    fb = publish("Phản ánh hồ sơ cấp giấy phép xây dựng bị chậm.", "Đã giải quyết.", content="Nội dung riêng.")
    html = client.get(ANSWERS, query_string={"q": "GPXD"}).get_data(as_text=True)
    assert fb.tracking_code in html
    filtered = client.get(ANSWERS, query_string={"q": "GPXD", "category": "initiative"}).get_data(as_text=True)
    assert fb.tracking_code not in filtered
    assert re.search(r'name="q"[^>]*value="GPXD"', html) or 'value="GPXD"' in html
