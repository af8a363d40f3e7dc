"""Pure rules of issue 15 point 3: the regime of a receipt date, withdrawal and its reopening, the channel of a
file and the 766 online and digitisation shares. No app, no database."""
from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.cases import indicators
from portal.cases.rules import (
    CONFIRMED,
    Action,
    CaseStatus,
    IntakeChannel,
    allowed_actions,
    digitised_value,
    may_act,
    next_status,
    note_missing,
    regime_of,
    reopened_status,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


# DOMAIN.md §7a: "a case received on 30 Jun 2025 stays under NĐ 61/2018 to its end"; NĐ 118/2025 is in force
# from 1 Jul 2025 (DOMAIN.md §7a; no primary text in docs/law). NĐ 61/2018 in force from 21/06/2018
# (docs/law/nd61-2018-tt01-2018.md, "có hiệu lực thi hành kể từ ngày 21/06/2018").
@pytest.mark.parametrize("moment, key, decree", [
    (datetime(2025, 6, 30, 23, 59, tzinfo=VN), "2018", "61/2018/NĐ-CP"),
    (datetime(2025, 6, 30, 16, 59, tzinfo=UTC), "2018", "61/2018/NĐ-CP"),  # = 23:59 in Vietnam
    (datetime(2025, 7, 1, 0, 0, tzinfo=VN), "2025", "118/2025/NĐ-CP"),
    (datetime(2025, 6, 30, 17, 0, tzinfo=UTC), "2025", "118/2025/NĐ-CP"),  # = 1 Jul 00:00 in Vietnam
    (datetime(2025, 6, 30, 23, 59), "2018", "61/2018/NĐ-CP"),  # naive: taken as local
    (date(2025, 7, 1), "2025", "118/2025/NĐ-CP"),
    (datetime(2019, 1, 9, 8, 0, tzinfo=VN), "2018", "61/2018/NĐ-CP"),
    (datetime(2017, 5, 2, 8, 0, tzinfo=VN), "2018", "61/2018/NĐ-CP"),  # older than the first row: the oldest set
])
def test_the_regime_is_that_of_the_local_receipt_day(moment, key, decree):
    regime = regime_of(moment)
    assert regime.key == key and decree in regime.decree
    assert ("01/2018/TT-VPCP" if key == "2018" else "03/2025/TT-VPCP") in regime.circular


def test_withdrawal_needs_a_reason_and_a_confirmation_and_only_a_manager_undoes_it():
    assert CONFIRMED == {Action.WITHDRAW, Action.REOPEN}
    assert note_missing(Action.WITHDRAW, "  ") and note_missing(Action.REOPEN, "")
    assert not note_missing(Action.WITHDRAW, "Công dân xin rút hồ sơ")
    for status in (CaseStatus.RECEIVED, CaseStatus.TRANSFERRED, CaseStatus.IN_PROGRESS,
                   CaseStatus.SUPPLEMENT_REQUESTED):
        assert next_status(status, Action.WITHDRAW) == CaseStatus.WITHDRAWN
    assert next_status(CaseStatus.RETURNED, Action.WITHDRAW) is None  # a finished case cannot be withdrawn
    assert allowed_actions(CaseStatus.WITHDRAWN) == [Action.REOPEN]
    assert next_status(CaseStatus.RETURNED, Action.REOPEN) is None  # only a withdrawal is undone
    common = {"user_id": 1, "user_unit_id": 5, "case_unit_id": 5, "handling_unit_id": 5, "handler_id": 1}
    assert may_act(Action.WITHDRAW, roles={"desk_officer"}, **common)
    assert not may_act(Action.WITHDRAW, roles={"manager"}, **common)
    assert may_act(Action.REOPEN, roles={"manager"}, **common) and may_act(Action.REOPEN, roles={"admin"}, **common)
    for role in ("desk_officer", "unit_head", "handler"):
        assert not may_act(Action.REOPEN, roles={role}, **common), role


@pytest.mark.parametrize("before, after", [
    ("in_progress", CaseStatus.IN_PROGRESS), ("supplement_requested", CaseStatus.SUPPLEMENT_REQUESTED),
    ("transferred", CaseStatus.TRANSFERRED), (None, CaseStatus.RECEIVED), ("returned", CaseStatus.RECEIVED),
    ("nonsense", CaseStatus.RECEIVED)])
def test_a_reopened_case_goes_back_to_the_open_status_it_was_withdrawn_from(before, after):
    assert reopened_status(before) == after


def test_digitised_is_asked_of_paper_files_only():
    """NĐ 118/2025 Điều 17 k1 c (per DOMAIN.md §7a): paper files are digitised at intake; an online file is
    electronic already. NĐ 61/2018 Điều 16 (docs/law): desk, post, online."""
    assert digitised_value(IntakeChannel.DESK, True) is True and digitised_value("post", False) is False
    assert digitised_value("post", None) is None  # not recorded: unknown, not "no"
    assert digitised_value(IntakeChannel.ONLINE, True) is None and digitised_value(None, True) is None


def test_the_shares_are_rates_with_their_n_and_interval():
    online = indicators.online_share(3, 12)
    assert online.value == 0.25 and online.denominator == 12 and online.interval is not None
    assert indicators.digitisation_share(0, 0).value is None  # nothing known: no figure, not 0 %
