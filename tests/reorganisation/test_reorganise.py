"""Issue 15 point 1: merge, split and abolish in one audited operation that moves the ceased units' open work
(cases, feedback, consultation legs), staff accounts and procedures to the successor; closed work stays; the dry
run writes nothing; refusals beside their field; a stale preview conflicts; a moved case is worked to its end."""
from __future__ import annotations

from datetime import UTC, date, datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from portal.cases import intake, legs, services as case_services
from portal.cases.models import Case
from portal.cases.rules import Action, CaseStatus
from portal.core.access import Role
from portal.core.audit import AuditEvent
from portal.core.db import db
from portal.core.errors import Conflict
from portal.feedback.models import Feedback
from portal.feedback.vocabulary import Category, Channel, FeedbackKind, FeedbackStatus
from portal.procedures.models import Procedure
from portal.reorganisation import services
from portal.reorganisation.services import NewUnit, Refused
from portal.units import services as units
from portal.units.models import Reorganisation, ReorganisationKind, Unit, UnitLevel, UnitSuccession
from tests.factories import known_access_hash, login, make_procedure, make_unit, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MERGE, SPLIT, ABOLISH = ReorganisationKind.MERGE, ReorganisationKind.SPLIT, ReorganisationKind.ABOLISH
JULY_1 = date(2025, 7, 1)
TABLES = ("reorganisation", "unit_succession", "audit_event", "case_event", "unit")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def step(case, action, at, actor=None, **kwargs):
    case = case_services.transition(case, action, now=at, expected_version=case.version, actor=actor, **kwargs)
    db.session.commit()
    return case


def feedback(unit, status, n):
    received = local(2025, 6, 10, 9, 0)
    fb = Feedback(tracking_code=f"PA-2506-{n:06d}", access_code_hash=known_access_hash(), kind=FeedbackKind.REFLECTION,
                  category=Category.OBSTRUCTION, title=f"Chậm giải quyết hồ sơ {n}", content="Đề nghị xem xét.",
                  submitter_kind="individual", submitter_name="Nguyễn Văn Hùng", submitter_address="Tổ 2, Nghĩa Phú", submitter_phone="0905123456",
                  consent_given_at=received, consent_version="2025-01", channel=Channel.WEB, unit_id=unit.id,
                  received_at=received, answer_due_at=local(2025, 7, 10, 17, 0), status=status)
    db.session.add(fb)
    db.session.commit()
    return fb


@pytest.fixture()
def town(app_ctx, fixed_clock):
    """Three wards about to merge (each with its desk, handler and head), a fourth ward, an open and a closed case
    of Nghĩa Phú, an open case of Nghĩa Tân, a consultation Nghĩa Trung asks of Đắk R'Moan, feedback, a procedure."""
    phu = make_unit(code="000.15.26.H17", name="UBND phường Nghĩa Phú", level=UnitLevel.COMMUNE)
    tan = make_unit(code="000.14.26.H17", name="UBND phường Nghĩa Tân", level=UnitLevel.COMMUNE)
    rmoan = make_unit(code="000.18.26.H17", name="UBND xã Đắk R'Moan", level=UnitLevel.COMMUNE)
    trung = make_unit(code="000.16.26.H17", name="UBND phường Nghĩa Trung", level=UnitLevel.COMMUNE)
    for u in (phu, tan, rmoan, trung):
        u.valid_from = date(2000, 1, 1)
    db.session.commit()
    staff = {u.id: {"desk": make_user(Role.DESK_OFFICER, unit=u), "handler": make_user(Role.HANDLER, unit=u),
                    "head": make_user(Role.UNIT_HEAD, unit=u)} for u in (phu, tan, rmoan, trung)}
    procedure = make_procedure(unit=phu, processing_days=10)  # commune level: every ward handles it
    owned = make_procedure(code="1.000001.000.00.00.H17", unit=phu, level="town", name="Thủ tục của Nghĩa Phú")

    def receive(unit, when):
        case = intake.receive_case(procedure=procedure, unit=unit, applicant={"name": "Trần Thị Hoa"},
                                   submitted=[d["name"] for d in procedure.current_version.documents], sets=1,
                                   delivery="desk", received_at=local(*when), actor=staff[unit.id]["desk"])
        db.session.commit()
        return case

    def in_progress(case, when):
        crew = staff[case.handling_unit_id]
        step(case, Action.TRANSFER, local(*when), crew["desk"])
        return step(case, Action.ASSIGN, local(*when), crew["head"], handler_id=crew["handler"].id)

    old = receive(phu, (2019, 3, 4, 9, 0))
    in_progress(old, (2019, 3, 4, 10, 0))
    step(old, Action.FINISH, local(2019, 3, 6, 9, 0), staff[phu.id]["handler"])
    step(old, Action.RETURN, local(2019, 3, 6, 10, 0), staff[phu.id]["desk"])
    open_phu = in_progress(receive(phu, (2025, 6, 20, 9, 0)), (2025, 6, 20, 10, 0))
    open_tan = receive(tan, (2025, 6, 25, 9, 0))
    asking = in_progress(receive(trung, (2025, 6, 23, 9, 0)), (2025, 6, 23, 10, 0))
    leg = legs.open_leg(asking, unit_id=rmoan.id, purpose="Xác minh nơi cư trú", due_days=3,
                        now=local(2025, 6, 23, 11, 0), expected_version=asking.version)
    db.session.commit()
    fb_open, fb_closed = feedback(phu, FeedbackStatus.ASSIGNED, 1), feedback(tan, FeedbackStatus.CLOSED, 2)
    return {"phu": phu, "tan": tan, "rmoan": rmoan, "trung": trung, "staff": staff, "old": old,
            "open_phu": open_phu, "open_tan": open_tan, "asking": asking, "leg": leg, "fb_open": fb_open,
            "fb_closed": fb_closed, "procedure": procedure, "owned": owned}


def wards(t):
    return [t["phu"].id, t["tan"].id, t["rmoan"].id]


def merge(t, apply=True, **kwargs):
    args = {"open_work_to": services.NEW, "effective_on": JULY_1, "legal_basis": "Nghị quyết 1671/NQ-UBTVQH15",
            "new_unit": NewUnit("000.40.26.H17", "UBND phường Nam Gia Nghĩa", "commune"), **kwargs}
    result = services.reorganise(MERGE, wards(t), [], apply=apply, **args)
    db.session.commit()
    return result


def row_counts():
    return {t: db.session.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES} | {
        "moved_cases": db.session.execute(text("SELECT count(*) FROM case_file WHERE handling_unit_id IN "
                                               "(SELECT id FROM unit WHERE is_active = false)")).scalar()}


def test_the_dry_run_lists_what_moves_and_writes_nothing(town):
    before = row_counts()
    versions = {u.id: u.version for u in (town["phu"], town["tan"], town["rmoan"])}
    result = merge(town, apply=False)
    assert result.reorganisation is None
    assert {k: [m.id for m in v] for k, v in result.moves.items()} == {
        "cases": [town["open_phu"].id, town["open_tan"].id], "feedback": [town["fb_open"].id],
        "legs": [town["leg"].id], "staff": sorted(u.id for w in wards(town) for u in town["staff"][w].values()),
        "procedures": [town["owned"].id]}
    assert result.counts == {"cases": 2, "feedback": 1, "legs": 1, "staff": 9, "procedures": 1}
    assert {m.to_unit for v in result.moves.values() for m in v} == {"UBND phường Nam Gia Nghĩa"}
    assert result.moves["cases"][0].from_unit == "UBND phường Nghĩa Phú"
    assert result.staying == {"closed_cases": 1, "desk_cases": 2}
    assert [c[2] for c in result.ceasing] == [date(2025, 6, 30)] * 3
    db.session.expire_all()
    assert row_counts() == before
    assert {u.id: u.version for u in (town["phu"], town["tan"], town["rmoan"])} == versions
    assert units.get_by_code("000.40.26.H17") is None


def test_a_merge_of_three_wards_moves_open_work_and_leaves_closed_work(town, client):
    result = merge(town)
    db.session.expire_all()
    new = units.get_by_code("000.40.26.H17")
    assert result.reorganisation is not None and new.valid_from == JULY_1 and new.is_active
    for w in wards(town):
        unit = db.session.get(Unit, w)
        assert (unit.valid_to, unit.is_active) == (date(2025, 6, 30), False)
    links = db.session.scalars(select(UnitSuccession)).all()
    assert sorted((k.predecessor_id, k.successor_id, k.takes_open_work) for k in links) == sorted(
        (w, new.id, True) for w in wards(town))
    assert town["open_phu"].handling_unit_id == new.id and town["open_tan"].handling_unit_id == new.id
    assert town["open_phu"].unit_id == town["phu"].id  # the receipt's desk, book and number stay
    assert town["old"].handling_unit_id == town["phu"].id  # closed work stays
    assert town["leg"].unit_id == new.id and town["asking"].handling_unit_id == town["trung"].id
    assert town["fb_open"].unit_id == new.id and town["fb_closed"].unit_id == town["tan"].id
    assert all(u.unit_id == new.id for w in wards(town) for u in town["staff"][w].values())
    assert town["staff"][town["trung"].id]["handler"].unit_id == town["trung"].id
    owned = db.session.get(Procedure, town["owned"].id)
    assert owned.unit_id == new.id and owned.current_version.unit_id == new.id
    assert db.session.get(Procedure, town["procedure"].id).unit_id is None  # commune level: nothing to move
    trail = [e for e in town["open_phu"].events if e.action == services.CASE_EVENT]
    assert len(trail) == 1 and trail[0].unit_id == new.id
    assert "UBND phường Nghĩa Phú" in trail[0].note and "UBND phường Nam Gia Nghĩa" in trail[0].note
    assert not [e for e in town["old"].events if e.action == services.CASE_EVENT]
    moved = [e for e in town["fb_open"].events if e.action == services.CASE_EVENT]  # the PAKN's trail says so too
    assert len(moved) == 1 and "UBND phường Nghĩa Phú" in moved[0].note and "Nam Gia Nghĩa" in moved[0].note
    assert not [e for e in town["fb_closed"].events if e.action == services.CASE_EVENT]
    # one audit row for the operation, listing counts and ids
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "unit.reorganise")).all()
    assert event.object_id == str(result.reorganisation.id)
    assert event.after["counts"] == {"cases": 2, "feedback": 1, "legs": 1, "staff": 9, "procedures": 1}
    assert event.after["moved"]["cases"] == [town["open_phu"].id, town["open_tan"].id]
    assert "UBND phường Nam Gia Nghĩa" in event.summary and "01/07/2025" in event.summary
    # the 2019 documents still name the ward as it was
    assert units.name_on(town["phu"], date(2019, 3, 4)) == "UBND phường Nghĩa Phú"
    assert units.rolled_into(new.id) == {new.id, *wards(town)}


def test_the_successor_works_a_moved_case_to_its_end(town, client):
    merge(town)
    db.session.expire_all()
    new = units.get_by_code("000.40.26.H17")
    crew = town["staff"][town["phu"].id]  # the ward's staff now belong to the successor
    case = town["open_phu"]
    assert crew["head"].unit_id == new.id
    step(case, Action.ASSIGN, local(2025, 7, 2, 9, 0), crew["head"], handler_id=crew["handler"].id)
    step(case, Action.FINISH, local(2025, 7, 2, 10, 0), crew["handler"])
    # the desk that returns it is the successor's: its worklist "ready to return" shows it and it may return it
    login(client, crew["desk"])
    client.set_cookie("lang", "en")
    assert case.code in client.get("/staff/cases/?scope=ready").get_data(as_text=True)
    page = client.get(f"/staff/cases/{case.id}")
    assert page.status_code == 200
    assert "Moved to the successor unit (reorganisation)" in unescape(page.get_data(as_text=True))
    form = client.post(f"/staff/cases/{case.id}/steps/return", data={"return-version": str(case.version)})
    assert form.status_code in (302, 303)
    db.session.expire_all()
    assert case.status == CaseStatus.RETURNED


def test_a_split_moves_open_work_only_to_the_marked_successor(town):
    trung = town["trung"]
    bac = make_unit(code="000.41.26.H17", name="UBND phường Bắc Gia Nghĩa", level=UnitLevel.COMMUNE)
    services.reorganise(SPLIT, [town["tan"].id], [bac.id], open_work_to=services.NEW, effective_on=JULY_1,
                        new_unit=NewUnit("000.40.26.H17", "UBND phường Nam Gia Nghĩa"), apply=True)
    db.session.commit()
    db.session.expire_all()
    new = units.get_by_code("000.40.26.H17")
    links = {(k.successor_id, k.takes_open_work) for k in db.session.scalars(select(UnitSuccession))}
    assert links == {(bac.id, False), (new.id, True)}
    assert town["open_tan"].handling_unit_id == new.id
    assert all(u.unit_id == new.id for u in town["staff"][town["tan"].id].values())
    assert db.session.scalar(select(Case.id).where(Case.handling_unit_id == bac.id)) is None
    assert town["open_phu"].handling_unit_id == town["phu"].id and trung.is_active
    assert units.carried_by(town["tan"].id) == new.id


def test_abolish_moves_functions_to_an_existing_unit(town):
    result = services.reorganise(ABOLISH, [town["rmoan"].id], [town["trung"].id], open_work_to=None,
                                 effective_on=JULY_1, legal_basis="NQ 1671", apply=True)
    db.session.commit()
    db.session.expire_all()
    assert result.reorganisation.kind == ABOLISH and result.open_work_to == town["trung"].id
    assert town["leg"].unit_id == town["trung"].id  # Nghĩa Trung now answers the consultation it asked of Đắk R'Moan
    assert town["rmoan"].valid_to == date(2025, 6, 30) and town["trung"].valid_to is None
    assert all(u.unit_id == town["trung"].id for u in town["staff"][town["rmoan"].id].values())


@pytest.mark.parametrize("case, field, key", [
    ("ceased_successor", "successor_ids", "successor_ceased"),
    ("itself", "successor_ids", "itself"),
    ("no_predecessor", "predecessor_ids", "no_predecessor"),
    ("split_one", "successor_ids", "two_successors"),
    ("early", "effective_on", "before_start"),
])
def test_refusals_name_their_field_and_write_nothing(town, case, field, key):
    gone = make_unit(code="000.99.26.H17", name="UBND xã cũ", level=UnitLevel.COMMUNE)
    gone.is_active, gone.valid_to = False, date(2020, 1, 1)
    db.session.commit()
    before = row_counts()
    phu, trung = town["phu"].id, town["trung"].id
    kind, preds, succs, day = {"ceased_successor": (MERGE, [phu], [gone.id], JULY_1),
                               "itself": (MERGE, [phu, trung], [trung], JULY_1),
                               "no_predecessor": (MERGE, [], [trung], JULY_1),
                               "split_one": (SPLIT, [phu], [trung], JULY_1),
                               "early": (MERGE, [phu], [trung], date(2000, 1, 1))}[case]
    with pytest.raises(Refused) as refused:
        services.reorganise(kind, preds, succs, open_work_to=succs[0], effective_on=day, apply=True)
    assert (field, services.MESSAGES[key]) in refused.value.problems
    db.session.rollback()
    assert row_counts() == before


def test_a_predecessor_changed_since_the_preview_is_a_conflict(town):
    seen = {u.id: u.version for u in (town["phu"], town["tan"], town["rmoan"])}
    units.rename_unit(town["tan"], new_name="UBND phường Nghĩa Tân mới", valid_from=date(2024, 1, 1),
                      expected_version=town["tan"].version)
    db.session.commit()
    with pytest.raises(Conflict):
        merge(town, expected_versions=seen)
    db.session.rollback()
    assert db.session.scalar(select(Reorganisation.id)) is None


# ---------------------------------------------------------------- the screens


def admin(client, lang="en"):
    login(client, make_user(Role.ADMIN, full_name="Trần Minh Tuấn"))
    client.set_cookie("lang", lang)
    return client


def form_data(t, action, **changes):
    data = {"kind": "merge", "predecessor_ids": wards(t), "new_code": "000.40.26.H17",
            "new_name": "UBND phường Nam Gia Nghĩa", "new_level": "commune", "open_work_to": "-1",
            "effective_on": "2025-07-01", "legal_basis": "Nghị quyết 1671/NQ-UBTVQH15", "note": "", "action": action}
    data.update(changes)
    return data


def test_the_screens_preview_then_apply_then_show(town, client):
    admin(client)
    assert "Record a reorganisation" in client.get("/staff/units/").get_data(as_text=True)
    assert client.get("/staff/units/reorganise").status_code == 200
    preview = client.post("/staff/units/reorganise", data=form_data(town, "preview"))
    html = unescape(preview.get_data(as_text=True))
    assert preview.status_code == 200
    assert town["open_phu"].code in html and "UBND phường Nam Gia Nghĩa" in html and 'value="apply"' in html
    assert "Ceases after 30/06/2025" in html and "1 closed case stays" in html
    assert db.session.scalar(select(Reorganisation.id)) is None
    versions = ",".join(f"{u.id}:{u.version}" for u in (town["phu"], town["tan"], town["rmoan"]))
    assert f'value="{versions}"' in html
    applied = client.post("/staff/units/reorganise", data=form_data(town, "apply", versions=versions))
    assert applied.status_code == 302
    reorg = db.session.scalar(select(Reorganisation))
    assert applied.headers["Location"].endswith(f"/staff/units/reorganisations/{reorg.id}")
    show = unescape(client.get(applied.headers["Location"]).get_data(as_text=True))
    assert "UBND phường Nghĩa Phú" in show and "UBND phường Nam Gia Nghĩa" in show and "Trần Minh Tuấn" in show
    assert "01/07/2025" in unescape(client.get("/staff/units/reorganisations").get_data(as_text=True))
    ward = unescape(client.get(f"/staff/units/{town['phu'].id}").get_data(as_text=True))
    assert "Successors" in ward and "UBND phường Nam Gia Nghĩa" in ward
    new = units.get_by_code("000.40.26.H17")
    assert "Predecessors" in unescape(client.get(f"/staff/units/{new.id}").get_data(as_text=True))


@pytest.mark.parametrize("lang, changes, field_id, message", [
    ("en", {"new_code": "", "new_name": "", "successor_ids": "__gone__"}, "successor_ids-error",
     "A unit that has ceased cannot be a successor."),
    ("vi", {"new_code": "", "new_name": "", "successor_ids": "__phu__"}, "successor_ids-error",
     "Một đơn vị không thể kế thừa chính nó."),
    ("en", {"predecessor_ids": []}, "predecessor_ids-error", "Choose the unit or units that cease."),
])
def test_refusals_on_the_form_are_beside_the_field_with_what_was_typed(town, client, lang, changes, field_id, message):
    gone = make_unit(code="000.99.26.H17", name="UBND xã cũ", level=UnitLevel.COMMUNE)
    gone.is_active = False
    db.session.commit()
    admin(client, lang)
    if changes.get("successor_ids") == "__gone__":
        changes["successor_ids"] = [gone.id]
    elif changes.get("successor_ids") == "__phu__":
        changes["successor_ids"] = [town["phu"].id]
    response = client.post("/staff/units/reorganise", data=form_data(town, "preview", legal_basis="NQ 1671", **changes))
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert f'id="{field_id}">{message}' in html
    assert 'value="NQ 1671"' in html  # what was typed is kept


def test_a_stale_apply_is_a_409_and_nothing_moves(town, client):
    admin(client)
    stale = ",".join(f"{u.id}:{u.version - 1 if u is town['tan'] else u.version}"
                     for u in (town["phu"], town["tan"], town["rmoan"]))
    response = client.post("/staff/units/reorganise", data=form_data(town, "apply", versions=stale))
    assert response.status_code == 409
    db.session.expire_all()
    assert town["open_phu"].handling_unit_id == town["phu"].id and town["phu"].is_active
    assert db.session.scalar(select(Reorganisation.id)) is None
    assert town["staff"][town["phu"].id]["desk"].unit_id == town["phu"].id


def test_only_administrators_reach_the_screens(town, client):
    login(client, town["staff"][town["phu"].id]["head"])
    assert client.get("/staff/units/reorganise").status_code == 403
    assert client.get("/staff/units/reorganisations").status_code == 403
