"""Pure rules of one-stop cases (NĐ 61/2018, TT 01/2018; DOMAIN.md §3). No clock, no database."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from portal.core.dated import rule_in_force  # noqa: F401  (cases.rules.rule_in_force: the schedules' lookup)
from portal.units import case_codes

MAX_LEG_DAYS = 60  # the longest consultation deadline, in working days


class CaseStatus(StrEnum):
    RECEIVED = "received"  # registered at the desk, code issued
    TRANSFERRED = "transferred"  # sent to the handling unit
    IN_PROGRESS = "in_progress"  # a handler works on it
    SUPPLEMENT_REQUESTED = "supplement_requested"  # returned to the citizen for supplements
    RESULT_READY = "result_ready"  # result at the desk
    RETURNED = "returned"  # result handed over
    REFUSED = "refused"  # refused after appraisal
    WITHDRAWN = "withdrawn"  # the citizen stopped the case (dừng giải quyết)


class Action(StrEnum):
    TRANSFER = "transfer"
    ASSIGN = "assign"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT = "supplement"
    FINISH = "finish"
    RETURN = "return"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    REOPEN = "reopen"  # a manager undoes a withdrawal recorded in error (audited, reason required)


OPEN = frozenset({CaseStatus.RECEIVED, CaseStatus.TRANSFERRED, CaseStatus.IN_PROGRESS,
                  CaseStatus.SUPPLEMENT_REQUESTED})
FINISHED = frozenset({CaseStatus.RESULT_READY, CaseStatus.RETURNED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN})

# The applicant must be told what is missing or why the case is refused (NĐ 61/2018 Điều 19 k4 and Điều 20:
# Mẫu 02 phiếu yêu cầu bổ sung, Mẫu 03 phiếu từ chối), so these steps need a note. A withdrawal needs the
# applicant's reason (it is printed on Mẫu 05 of TT 03/2025, "Lý do dừng giải quyết" — DOMAIN.md §3, §7a: no
# primary text of NĐ 118/2025 Điều 21 in docs/law), and a reopening the manager's reason (it is audited).
NOTE_REQUIRED = frozenset({Action.REQUEST_SUPPLEMENT, Action.REFUSE, Action.WITHDRAW, Action.REOPEN})
# Steps that change a case for good and are taken only after a confirmation page says what will happen.
CONFIRMED = frozenset({Action.WITHDRAW, Action.REOPEN})


def note_missing(action: Action, note: str | None) -> bool:
    """True when `action` needs a note for the applicant and `note` is empty or blank."""
    return Action(action) in NOTE_REQUIRED and not (note or "").strip()


# The one transition table: (from, action) -> to.
TRANSITIONS: dict[tuple[CaseStatus, Action], CaseStatus] = {
    (CaseStatus.RECEIVED, Action.TRANSFER): CaseStatus.TRANSFERRED,
    (CaseStatus.RECEIVED, Action.ASSIGN): CaseStatus.IN_PROGRESS,
    (CaseStatus.TRANSFERRED, Action.ASSIGN): CaseStatus.IN_PROGRESS,
    (CaseStatus.IN_PROGRESS, Action.ASSIGN): CaseStatus.IN_PROGRESS,  # reassignment
    (CaseStatus.IN_PROGRESS, Action.REQUEST_SUPPLEMENT): CaseStatus.SUPPLEMENT_REQUESTED,
    (CaseStatus.SUPPLEMENT_REQUESTED, Action.SUPPLEMENT): CaseStatus.IN_PROGRESS,
    (CaseStatus.IN_PROGRESS, Action.FINISH): CaseStatus.RESULT_READY,
    (CaseStatus.RESULT_READY, Action.RETURN): CaseStatus.RETURNED,
    (CaseStatus.IN_PROGRESS, Action.REFUSE): CaseStatus.REFUSED,
    (CaseStatus.RECEIVED, Action.WITHDRAW): CaseStatus.WITHDRAWN,
    (CaseStatus.TRANSFERRED, Action.WITHDRAW): CaseStatus.WITHDRAWN,
    (CaseStatus.IN_PROGRESS, Action.WITHDRAW): CaseStatus.WITHDRAWN,
    (CaseStatus.SUPPLEMENT_REQUESTED, Action.WITHDRAW): CaseStatus.WITHDRAWN,
    # Undone only by an audited reopening: back to the status the case had when it was withdrawn
    # (reopened_status, from the trail); RECEIVED is the status when the trail does not say (imported data).
    (CaseStatus.WITHDRAWN, Action.REOPEN): CaseStatus.RECEIVED,
}


def reopened_status(before_withdrawal: str | None) -> CaseStatus:
    """Where a reopened case goes: the open status it was withdrawn from, else RECEIVED."""
    try:
        status = CaseStatus(before_withdrawal)
    except ValueError:
        return CaseStatus.RECEIVED
    return status if status in OPEN else CaseStatus.RECEIVED


def next_status(current: CaseStatus, action: Action) -> CaseStatus | None:
    return TRANSITIONS.get((CaseStatus(current), Action(action)))


def allowed_actions(current: CaseStatus) -> list[Action]:
    return [action for (status, action) in TRANSITIONS if status == CaseStatus(current)]


# ---------------------------------------------------------------- the regime of a case's receipt date

LEGAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")  # the texts' dates are Vietnamese dates, whatever the server's zone


@dataclass(frozen=True)
class Regime:
    key: str  # the form set: "2018" (TT 01/2018, Mẫu 01–06) or "2025" (TT 03/2025, Mẫu 01–07)
    starts: date  # the first local day of receipt it governs
    decree: str
    circular: str
    short: str  # as the case page names it


# Dated, like CASE_COUNTING_RULES: a case is governed to its end by the row in force on its local receipt day
# (DOMAIN.md §7a: "a case received on 30 Jun 2025 stays under NĐ 61/2018 to its end"; NĐ 61/2018 in force
# 21/06/2018 — docs/law/nd61-2018-tt01-2018.md, Điều 15 ff. "có hiệu lực thi hành kể từ ngày 21/06/2018";
# NĐ 118/2025 in force 1 Jul 2025 replacing it, and TT 03/2025's forms: DOMAIN.md §3, §7a only, no primary
# text in docs/law). The portal knows no older set: a receipt before the first row is read under it.
CASE_REGIMES = (
    Regime("2018", date(2018, 6, 21), "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
           "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ",
           "NĐ 61/2018/NĐ-CP, TT 01/2018/TT-VPCP"),
    Regime("2025", date(2025, 7, 1), "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ",
           "Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 của Văn phòng Chính phủ",
           "NĐ 118/2025/NĐ-CP, TT 03/2025/TT-VPCP"),
)
REGIMES = {r.key: r for r in CASE_REGIMES}

# What the case page cites for a rule, by the case's regime. NĐ 61/2018's articles are in docs/law
# (nd61-2018-tt01-2018.md). For NĐ 118/2025 we hold no primary text: an article is cited only where DOMAIN.md
# §7a names it (Điều 21 withdrawal, Điều 17 k1 c digitisation); otherwise the decree alone, without an article.
REGIME_CITATIONS = {
    "2018": {"supplement": "NĐ 61/2018 Điều 19 k4", "lost_file": "NĐ 61/2018 Điều 21"},
    "2025": {"supplement": "NĐ 118/2025/NĐ-CP", "lost_file": "NĐ 118/2025/NĐ-CP",
             "withdrawal": "NĐ 118/2025 Điều 21", "digitisation": "NĐ 118/2025 Điều 17 k1 c"},
}


def citation(regime: str, topic: str) -> str:
    """The legal basis of `topic` under the regime (REGIME_CITATIONS); the decree's number when no article is held."""
    cited = REGIME_CITATIONS.get(regime) or REGIME_CITATIONS["2025"]
    return cited.get(topic) or REGIMES.get(regime, REGIMES["2025"]).short.split(",")[0]


def regime_of(received_at: datetime | date) -> Regime:
    """The regime of a receipt: an aware moment is read on the Vietnamese calendar (30 Jun 2025 23:59 +07 is
    still NĐ 61/2018, 1 Jul 2025 00:00 +07 is NĐ 118/2025); a naive moment or a date is taken as local."""
    if isinstance(received_at, datetime):
        day = (received_at.astimezone(LEGAL_TZ) if received_at.tzinfo else received_at).date()
    else:
        day = received_at
    current = CASE_REGIMES[0]
    for regime in CASE_REGIMES:
        if regime.starts <= day:
            current = regime
    return current


# ---------------------------------------------------------------- how a file came in (NĐ 61/2018 Điều 16)

class IntakeChannel(StrEnum):
    """NĐ 61/2018 Điều 16 (docs/law): in person at the desk, through the postal service, online; from 1 Jul
    2025 online filing is on the national public service portal (DOMAIN.md §7a)."""
    DESK = "desk"
    POST = "post"
    ONLINE = "online"  # the national public service portal (dichvucong.gov.vn)


PAPER_CHANNELS = frozenset({IntakeChannel.DESK, IntakeChannel.POST})  # a paper file that may be digitised


def digitised_value(channel: str | None, digitised: bool | None) -> bool | None:
    """What is stored for "digitised at intake" (NĐ 118/2025 Điều 17 k1 c, per DOMAIN.md §7a): a paper file
    was or was not, or None when not recorded; a file filed online is electronic already (None: the question
    does not apply)."""
    if channel is None or IntakeChannel(channel) not in PAPER_CHANNELS or digitised is None:
        return None
    return bool(digitised)


# ---------------------------------------------------------------- codes (TT 01/2018 Điều 19, TT 03/2025 Điều 13,
# TT 04/2025): the dated formats and the unit's own pattern are in portal.units.case_codes (pure).

def case_code(unit_code: str, day: date, number: int, unit_pattern: str | None = None) -> str:
    """The code of the `number`-th case a unit receives on `day`: its own pattern, else the format in force on
    that receipt date; the daily number has at least 4 digits and grows past 9,999."""
    return case_codes.case_code(unit_code, day, number, unit_pattern)


def normalize_code(text: str) -> str:
    """What a citizen typed: spaces removed, upper case, en dashes as hyphens."""
    return re.sub(r"\s+", "", (text or "")).replace("–", "-").replace("—", "-").upper()


def is_case_code(text: str) -> bool:
    """Every format in use and the old ones (codes already issued never change), national codes included."""
    return case_codes.is_case_code(normalize_code(text))


# ---------------------------------------------------------------- applicant data

_PHONE = re.compile(r"^(?:\+?84|0)(?:3|5|7|8|9)\d{8}$")
_LANDLINE = re.compile(r"^(?:\+?84|0)2\d{9}$")


def normalize_phone(text: str) -> str:
    return re.sub(r"[\s.\-()]", "", text or "")


def is_valid_phone(text: str) -> bool:
    """Vietnamese mobile (10 digits, 03/05/07/08/09) or landline (11 digits, 02x)."""
    phone = normalize_phone(text)
    return bool(_PHONE.match(phone) or _LANDLINE.match(phone))


def is_valid_id_number(text: str) -> bool:
    """Căn cước / CCCD (12 digits) or the old CMND (9 digits)."""
    value = (text or "").strip()
    return value.isdigit() and len(value) in (9, 12)


def is_valid_enterprise_code(text: str) -> bool:
    """An organisation's mã số doanh nghiệp / mã số thuế: 10 digits, or 10 digits, a hyphen and 3 digits for a
    branch (the 2025 Mẫu 01 asks for the organisation's number where a person's gives the số định danh)."""
    return bool(re.fullmatch(r"\d{10}(-\d{3})?", (text or "").strip()))


# On what a representative acts for the applicant (the principal) on the TT 03/2025 Mẫu 01 (DOMAIN.md §3):
# a giấy ủy quyền (number and date) or as legal representative (đại diện theo pháp luật).
REPRESENTATIVE_BASES = ("authorisation", "legal")


# ---------------------------------------------------------------- timing (TT 01/2018 Điều 13)

class Timing(StrEnum):
    EARLY = "early"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn
    IN_TIME = "in_time"  # open, not yet due
    DUE_SOON = "due_soon"  # open, due within the warning window
    OVERDUE = "overdue"  # open, past its due moment


def finished_timing(finished_at: datetime, due_at: datetime) -> Timing:
    """Judged by days against the LEGAL due (Case.original_due_at, never an apology's new date: TT 01/2018
    Điều 13 chỉ số 1 compares with the time allowed by law). A limit in days ends at the end of its
    last day (BLDS 2015 Điều 148 k1, k6): before the due day = early, on it at any hour = on time, after
    = late. Give local times: the buckets compare calendar days."""
    if finished_at.date() > due_at.date():
        return Timing.LATE
    if finished_at.date() < due_at.date():
        return Timing.EARLY
    return Timing.ON_TIME


def open_timing(now: datetime, due_at: datetime, due_soon_from: date) -> Timing:
    """Open cases against the legal due (local times): overdue only from the day after the due day
    (BLDS 2015 Điều 148 k6); `due_soon_from`: the first day of the warning window (from the calendar)."""
    if now.date() > due_at.date():
        return Timing.OVERDUE
    if now.date() >= due_soon_from:
        return Timing.DUE_SOON
    return Timing.IN_TIME


class ApologyKind(StrEnum):
    IN_TIME = "in_time"  # NĐ 61/2018 Điều 19 k9: at the latest 1 working day before the due date
    LATE = "late"  # after that window, or for a case already finished late
    LOST_FILE = "lost_file"  # NĐ 61/2018 Điều 21 k2: the file was lost, mislaid or damaged


class Lateness(StrEnum):
    """How a late case stands: what the case page, the control slip and the statistics show."""
    APOLOGISED = "apologised"  # quá hạn — đã xin lỗi (an apology in time)
    LATE_APOLOGY = "late_apology"  # quá hạn — xin lỗi muộn (after the window, or a lost file)
    NO_APOLOGY = "no_apology"  # quá hạn — chưa xin lỗi


def lateness(apology_kind: str | None) -> Lateness:
    """An apology does not make a late case on time; it only says which kind of late case it is (DOMAIN.md §3)."""
    if apology_kind is None:
        return Lateness.NO_APOLOGY
    return Lateness.APOLOGISED if ApologyKind(apology_kind) == ApologyKind.IN_TIME else Lateness.LATE_APOLOGY


@dataclass(frozen=True)
class ApologyCheck:
    allowed: bool
    reason: str = ""  # a key of services.APOLOGY_MESSAGES
    kind: ApologyKind | None = None


def last_apology_day(due_day: date, cal) -> date:
    """The last day an apology (Mẫu 04) is in time: at the latest one working day before the legal due day
    (NĐ 61/2018 Điều 19 k9; NĐ 118/2025 keeps the lead, DOMAIN.md §7a). `cal`: a workdays WorkCalendar."""
    return cal.previous_working_day(due_day)


def check_apology(*, today: date, latest_day: date, apologies_so_far: int, new_due: datetime | None,
                  due_at: datetime, is_open: bool, finished_late: bool = False, lost_file: bool = False) -> ApologyCheck:
    """Mẫu 04, once per case. In time when issued at the latest one working day before the legal due date
    (`latest_day`, from the calendar; NĐ 61/2018 Điều 19 k9); later, or for a case already finished late,
    it is still recorded, as a late apology; an apology for a lost or damaged file (Điều 21 k2) is its
    own kind, counted with the late ones. An open case gets a new return date after the current one."""
    if not is_open and not finished_late:
        return ApologyCheck(False, "closed")
    if apologies_so_far >= 1:
        return ApologyCheck(False, "second_reschedule")
    if is_open and (new_due is None or new_due <= due_at):
        return ApologyCheck(False, "new_date_not_later")
    if lost_file:
        return ApologyCheck(True, kind=ApologyKind.LOST_FILE)
    if not is_open or today > latest_day:
        return ApologyCheck(True, kind=ApologyKind.LATE)
    return ApologyCheck(True, kind=ApologyKind.IN_TIME)


def restart_or_pause_due(original_due: datetime, requested_at: datetime, supplemented_at: datetime,
                         processing_days: int, rule: str, add_working_days, working_days_between) -> datetime:
    """The new LEGAL due after a supplement: NĐ 61 Điều 19 k4 restarts the full processing time from the
    supplement (its day not counted, BLDS 2015 Điều 147 k3); the 766 statistics pause the clock (the
    waiting working days are added to the old legal due date)."""
    if rule == "restart":
        due_day = add_working_days(supplemented_at.date(), processing_days)
        return datetime.combine(due_day, supplemented_at.timetz())
    waited = max(0, working_days_between(requested_at.date(), supplemented_at.date()))
    return datetime.combine(add_working_days(original_due.date(), waited), original_due.timetz())


# ---------------------------------------------------------------- who may take a step (staff side)

DESK_ACTIONS = frozenset({Action.TRANSFER, Action.WITHDRAW, Action.RETURN})  # the receiving desk
MANAGER_ACTIONS = frozenset({Action.REOPEN})  # a manager (or an administrator) undoes a withdrawal
HANDLING_ACTIONS = frozenset({Action.REQUEST_SUPPLEMENT, Action.SUPPLEMENT, Action.FINISH, Action.REFUSE})


def may_act(action: Action, *, roles, user_id: int | None, user_unit_id: int | None, case_unit_id: int,
            handling_unit_id: int, handler_id: int | None) -> bool:
    """The desk of the receiving unit transfers, returns and records withdrawals; a manager reopens a
    withdrawn case; the head of the handling unit assigns; the assigned handler (or that unit head) works the file. `roles`: role values."""
    roles = {str(r) for r in roles}
    if "admin" in roles:
        return True
    if action in MANAGER_ACTIONS:
        return "manager" in roles
    head_of_handling_unit = "unit_head" in roles and user_unit_id is not None and user_unit_id == handling_unit_id
    if action in DESK_ACTIONS:
        return "desk_officer" in roles and user_unit_id is not None and user_unit_id == case_unit_id
    if action == Action.ASSIGN:
        return head_of_handling_unit
    return head_of_handling_unit or (user_id is not None and user_id == handler_id)


def may_apologise(*, roles, user_unit_id: int | None, handling_unit_id: int) -> bool:
    """Mẫu 04 is signed by the head of the handling unit."""
    roles = {str(r) for r in roles}
    return "admin" in roles or ("unit_head" in roles and user_unit_id is not None and user_unit_id == handling_unit_id)


# ---------------------------------------------------------------- consultations (liên thông legs)

def may_consult(*, roles, user_id: int | None, user_unit_id: int | None, handling_unit_id: int,
                handler_id: int | None) -> bool:
    """Whoever works the file (its handler, or the head of the handling unit) asks other units."""
    return may_act(Action.FINISH, roles=roles, user_id=user_id, user_unit_id=user_unit_id, case_unit_id=-1,
                   handling_unit_id=handling_unit_id, handler_id=handler_id)


def may_answer_leg(*, roles, user_id: int | None, user_unit_id: int | None, leg_unit_id: int,
                   handling_unit_id: int, handler_id: int | None) -> bool:
    """Staff of the consulted unit answer; the file's handler or unit head may record an answer received
    on paper."""
    if user_unit_id is not None and user_unit_id == leg_unit_id:
        return True
    return may_consult(roles=roles, user_id=user_id, user_unit_id=user_unit_id, handling_unit_id=handling_unit_id,
                       handler_id=handler_id)


def leg_timing(*, now: datetime, due_at: datetime, answered_at: datetime | None, due_soon_from: date) -> Timing:
    """Answered: early / on time / late against the leg's own deadline; open: in time / due soon / overdue.
    Give local times: the buckets compare calendar days."""
    if answered_at is not None:
        return finished_timing(answered_at, due_at)
    return open_timing(now, due_at, due_soon_from)


# ---------------------------------------------------------------- QĐ 766: supplements and lateness

def counts_late_under_766(timing, supplement_requests: int) -> bool:
    """QĐ 766/QĐ-TTg (DOMAIN.md §3 item 4, §7): a case counts as late when it was finished late or is
    open past its due moment, and also — whatever its timing — when supplements were requested more
    than once (NĐ 61/2018 Điều 19 k4 allows one request). `timing`: a Timing or None (not judged)."""
    if (supplement_requests or 0) > 1:
        return True
    return timing is not None and Timing(timing) in (Timing.LATE, Timing.OVERDUE)
