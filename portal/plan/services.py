"""The reform plan's structure: loading a plan (the shipped JSON or an imported spreadsheet), computed totals,
copying a plan into a new year, and the find/list helpers the pages use.

Every way in goes through `build_plan`, which checks the whole plan first and collects every problem
(`PlanInvalid.errors`); only a plan without problems is stored, so nothing is ever half-stored.

Lead units (Chủ trì) are matched by their exact name (NFC, case and accents folded only to compare) to the
portal's units. A collective lead — "Các phòng, ban, đơn vị, UBND các xã, phường" and the like, listed in
COLLECTIVE_LEADS — stays text-only with lead_unit_id NULL; any other name that matches no unit is refused.
The name is always kept as written in lead_text.

Metric bindings (which result's indicator the portal measures itself; DOMAIN.md §7, issue 7 §4)
---------------------------------------------------------------------------------------------------
The appendix of the 2019 plan states the measurable targets in two places:
* on three of its results: Kết quả 2.2 (TTHC controlled; its activity 2.2.2 expects "100% TTHC được niêm
  yết, công khai") → PROCEDURES_PUBLISHED, and Kết quả 3.4 ("Lựa chọn 1-2 dịch vụ công … điều tra mức độ hài
  lòng") → SERVICES_SURVEYED. See RESULT_BINDINGS.
* in the plan's section "2. Mục tiêu cụ thể năm 2019" (satisfaction 80%, cases on time ≥ 95%) and as
  expected results of activities 2.3.2 (PAKN on time > 80%) and 2.3.3 (late cases with apology 100%).
  These are not results of the appendix, so the loader adds them as the results of one extra field, code
  "MT" ("Mục tiêu cụ thể", placed first), each with a source_note saying where its text comes from.
  The field has no activities and no budget, and the transcription test compares Lĩnh vực I–VIII only.
  See TARGET_FIELD.
Kết quả 2.3 ("all PAKN received and advised on in time", 100%) stays reported by its lead unit: its
measurable part is the "> 80% on time" target of 2.3.2, bound once in MT.3 (a metric is bound once per plan).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field as dc_field
from datetime import date
from pathlib import Path
from typing import Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.core.audit import record
from portal.core.db import db
from portal.core.errors import Conflict, DomainError
from portal.core.text import fold, nfc, sort_key
from portal.plan.models import Plan, PlanActivity, PlanField, PlanResult
from portal.plan.rules import Direction, Metric, PlanStatus, Progress
from portal.units.models import Unit

DATA_DIR = Path(__file__).parent / "data"
PLAN_2019_JSON = DATA_DIR / "plan_2019.json"
PLAN_UNIT_CODE = "000.02.26.H17"  # Phòng Nội vụ: prepares the plan and follows every activity

COLLECTIVE_LEADS = (
    "Các phòng, ban, đơn vị, UBND các xã, phường",
    "Các phòng, ban, đơn vị",
    "Các cơ quan, đơn vị",
    "Các đơn vị sự nghiệp",
    "Các đơn vị sự nghiệp công lập",
    "UBND các xã, phường",
    "Các xã, phường",
)
_COLLECTIVE = {fold(p) for p in COLLECTIVE_LEADS}

RESULT_BINDINGS: dict[str, tuple[Metric, str]] = {
    "2.2": (Metric.PROCEDURES_PUBLISHED,
            "Bound by the portal: measured as procedures published with every component, the expected result "
            "of activity 2.2.2 (100% TTHC được niêm yết, công khai)."),
    "3.4": (Metric.SERVICES_SURVEYED,
            "Bound by the portal: measured as the number of services covered by a satisfaction survey."),
}

TARGET_FIELD = {
    "code": "MT",
    "title": "Mục tiêu cụ thể",
    "goals": "",
    "stated_total": None,
    "source_note": "Not a field of the appendix. The measurable targets of section 2 \"Mục tiêu cụ thể năm 2019\" "
                   "of the plan and of the expected results of activities 2.3.2 and 2.3.3, kept as results so "
                   "that the portal can measure them. No activities, no budget.",
    "results": [
        {"code": "MT.1", "title": "Sự hài lòng của người dân, doanh nghiệp về giải quyết thủ tục hành chính",
         "indicator": "80% người dân, doanh nghiệp hài lòng về giải quyết thủ tục hành chính",
         "target": {"value": 80, "unit": "%", "direction": ">="}, "metric": Metric.SATISFACTION.value,
         "stated_total": None, "activities": [],
         "source_note": "From section 2 \"Mục tiêu cụ thể năm 2019\" of the plan (cải cách thủ tục hành chính, "
                        "01 cửa, 01 cửa liên thông), not from the appendix."},
        {"code": "MT.2", "title": "Hồ sơ thủ tục hành chính được giải quyết đúng hẹn",
         "indicator": "Bộ phận tiếp nhận và trả kết quả các cấp thực hiện giải quyết hồ sơ đúng hẹn đạt từ 95% "
                      "trở lên",
         "target": {"value": 95, "unit": "%", "direction": ">="}, "metric": Metric.CASES_ON_TIME.value,
         "stated_total": None, "activities": [],
         "source_note": "From section 2 \"Mục tiêu cụ thể năm 2019\" of the plan, not from the appendix."},
        {"code": "MT.3", "title": "Phản ánh, kiến nghị được xử lý đúng thời hạn",
         "indicator": "Trên 80% phản ánh, kiến nghị được xử lý theo đúng thời hạn và quy định",
         "target": {"value": 80, "unit": "%", "direction": ">"}, "metric": Metric.FEEDBACK_ON_TIME.value,
         "stated_total": None, "activities": [],
         "source_note": "The expected result of activity 2.3.2 of the appendix, kept as a target the portal "
                        "measures."},
        {"code": "MT.4", "title": "Hồ sơ trễ hạn có văn bản xin lỗi",
         "indicator": "100% TTHC trễ hạn phải ban hành văn bản xin lỗi đúng thẩm quyền theo quy định",
         "target": {"value": 100, "unit": "%", "direction": ">="}, "metric": Metric.LATE_WITH_APOLOGY.value,
         "stated_total": None, "activities": [],
         "source_note": "The expected result of activity 2.3.3 of the appendix, kept as a target the portal "
                        "measures."},
    ],
}

DEMO_YEAR = 2026
DEMO_TITLE = "Kế hoạch cải cách hành chính năm 2026 (dữ liệu minh họa)"
DEMO_NOTES = ("Bản sao minh họa của Kế hoạch cải cách hành chính năm 2019 (Quyết định số 41/QĐ-UBND ngày "
              "09/01/2019), dùng để minh họa việc theo dõi tiến độ năm 2026 (báo cáo tiến độ, hoạt động trễ hạn). "
              "Số liệu minh họa của cổng (hồ sơ, phản ánh, kiến nghị, đánh giá, khảo sát) thuộc năm 2019, nên các "
              "chỉ số gắn với số liệu của cổng có giá trị trên Kế hoạch năm 2019. Không phải văn bản đã ban hành.")

DIRECTIONS = {d.value: d for d in Direction} | {"≥": Direction.AT_LEAST, "≤": Direction.AT_MOST}
FIELD_CODE = re.compile(r"^[IVXLC]+$|^MT$")
RESULT_CODE = re.compile(r"^(?:\d+|MT)\.\d+$")
ACTIVITY_CODE = re.compile(r"^\d+\.\d+\.\d+$")
MAX_BUDGET = 10**15  # a BigInteger far beyond any town plan: a typo, not a budget


# --- errors --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanError:
    """One problem of a plan being loaded: where (spreadsheet row and column, or the item's code) and what."""

    row: int | None
    column: str
    message: object  # lazy translatable string
    code: str = ""

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else self.code
        return f"{where} [{self.column}]: {self.message}"


class PlanInvalid(DomainError):
    """The plan has problems; `errors` lists all of them. Nothing was stored."""

    def __init__(self, errors: list[PlanError]):
        super().__init__(_l("The plan has %(num)s problem(s); nothing was stored.", num=len(errors)), field="file")
        self.errors = errors


# --- lead units ----------------------------------------------------------------------------------

def is_collective(lead: str) -> bool:
    return fold(lead) in _COLLECTIVE


def unit_lookup_from_db() -> dict[str, int]:
    """Exact unit names (folded only for case/accents typed differently) → unit id."""
    return {fold(u.name): u.id for u in db.session.scalars(select(Unit))}


def _lookup(unit_lookup, name: str) -> int | None:
    if callable(unit_lookup):
        return unit_lookup(name)
    return unit_lookup.get(fold(name), unit_lookup.get(name))


# --- building a plan -----------------------------------------------------------------------------

def _text(value) -> str:
    if value is None:
        return ""
    return nfc(str(value))


def _block(value) -> str:
    """Multi-line text (goals, indicators): NFC per line, line breaks kept."""
    if value is None:
        return ""
    lines = [nfc(line) for line in str(value).replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def _int_or_error(value, errors, row, column, code, *, allow_none: bool):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None if allow_none else 0
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        cleaned = value.strip()
        if re.fullmatch(r"\d{1,3}(?:[.,  ]\d{3})+|\d+", cleaned):
            value = int(re.sub(r"\D", "", cleaned))
    if not isinstance(value, int):
        errors.append(PlanError(row, column, _l("“%(value)s” is not an amount in VND: write a whole number, e.g. "
                                                "10000000.", value=str(value)[:60]), code))
        return None
    if value < 0:
        errors.append(PlanError(row, column, _l("An amount cannot be negative."), code))
        return None
    if value > MAX_BUDGET:
        errors.append(PlanError(row, column, _l("The amount is too large."), code))
        return None
    return value


def _month(value, errors, row, column, code):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        m = re.fullmatch(r"(?:th[áa]ng\s*)?(\d{1,2})", nfc(value), re.IGNORECASE)
        value = int(m.group(1)) if m else value
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 12:
        errors.append(PlanError(row, column, _l("“%(value)s” is not a month: write a number from 1 to 12.",
                                                value=str(value)[:30]), code))
        return None
    return value


def _number(value, errors, row, column, code):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            errors.append(PlanError(row, column, _l("“%(value)s” is not a number.", value=value[:30]), code))
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        errors.append(PlanError(row, column, _l("“%(value)s” is not a number.", value=str(value)[:30]), code))
        return None
    return float(value)


# Column names used in error messages for JSON data (the spreadsheet passes its own headers).
JSON_COLUMNS = {"code": "code", "budget": "budget", "start": "start", "end": "end", "lead": "lead",
                "direction": "direction", "metric": "metric", "target_value": "target.value",
                "stated_total": "stated_total", "baseline": "baseline", "name": "name", "title": "title"}


def build_plan(data: Mapping, *, unit_lookup, plan_unit_id: int | None = None, columns: Mapping | None = None,
               year: int | None = None, title: str | None = None, decision_number: str | None = None,
               decision_date: date | None = None, status: PlanStatus = PlanStatus.IN_FORCE) -> Plan:
    """Check `data` (the JSON shape of plan_2019.json; items may carry "_row", the spreadsheet row) and
    return an unsaved Plan, or raise PlanInvalid listing every problem."""
    col = dict(JSON_COLUMNS) | dict(columns or {})
    errors: list[PlanError] = []
    year = year if year is not None else data.get("year")
    title = _text(title if title is not None else data.get("title"))
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors.append(PlanError(None, "year", _l("The year must be between 2000 and 2100.")))
    if not title:
        errors.append(PlanError(None, "title", _l("The plan needs a title.")))
    if decision_date is None and data.get("decision_date"):
        try:
            decision_date = date.fromisoformat(str(data["decision_date"]))
        except ValueError:
            errors.append(PlanError(None, "decision_date", _l("The decision date is not a date.")))
    grand = _int_or_error(data.get("stated_grand_total"), errors, None, col["stated_total"], "", allow_none=True)
    notes = data.get("notes")
    if notes is None:
        notes = "\n".join(data.get("transcription_notes") or [])
    plan = Plan(year=year, title=title[:300], unit_id=plan_unit_id,
                decision_number=_text(decision_number if decision_number is not None else data.get("decision_number"))[:60],
                decision_date=decision_date, status=status, stated_grand_total=grand, notes=_block(notes))
    field_codes: set[str] = set()
    result_codes: set[str] = set()
    activity_codes: dict[str, int | None] = {}
    for f_pos, f in enumerate(data.get("fields") or [], start=1):
        row = f.get("_row")
        code = _text(f.get("code"))
        if not FIELD_CODE.match(code):
            errors.append(PlanError(row, col["code"], _l("“%(code)s” is not a field code (I, II, … VIII).", code=code),
                                    code))
        elif code in field_codes:
            errors.append(PlanError(row, col["code"], _l("Field %(code)s appears twice.", code=code), code))
        field_codes.add(code)
        if not _text(f.get("title")):
            errors.append(PlanError(row, col["title"], _l("The field needs a title."), code))
        pf = PlanField(code=code, position=f_pos, title=_text(f.get("title"))[:300], goals=_block(f.get("goals")),
                       stated_total=_int_or_error(f.get("stated_total"), errors, row, col["stated_total"], code,
                                                  allow_none=True),
                       source_note=_block(f.get("source_note")))
        plan.fields.append(pf)
        for r_pos, r in enumerate(f.get("results") or [], start=1):
            pf.results.append(_build_result(r, r_pos, pf, col, errors, result_codes, activity_codes, unit_lookup))
    if errors:
        raise PlanInvalid(errors)
    return plan


def _build_result(r, position, pf, col, errors, result_codes, activity_codes, unit_lookup) -> PlanResult:
    row = r.get("_row")
    code = _text(r.get("code"))
    if not RESULT_CODE.match(code) or code.split(".")[0] not in (pf.code, str(_roman(pf.code))):
        errors.append(PlanError(row, col["code"], _l("“%(code)s” is not a result code of field %(field)s (e.g. %(example)s).",
                                                     code=code, field=pf.code, example=f"{_roman(pf.code) or pf.code}.1"),
                                code))
    elif code in result_codes:
        errors.append(PlanError(row, col["code"], _l("Result %(code)s appears twice.", code=code), code))
    result_codes.add(code)
    target = r.get("target") or {}
    target_value = _number(target.get("value"), errors, row, col["target_value"], code)
    direction = target.get("direction")
    if direction in (None, ""):
        direction = None
    elif str(direction).strip() in DIRECTIONS:
        direction = DIRECTIONS[str(direction).strip()]
    else:
        errors.append(PlanError(row, col["direction"], _l("“%(value)s” is not a direction: use >=, >, <=, < or =.",
                                                          value=str(direction)[:10]), code))
        direction = None
    metric = r.get("metric")
    if metric in (None, ""):
        metric = None
    else:
        try:
            metric = Metric(str(metric).strip())
        except ValueError:
            errors.append(PlanError(row, col["metric"], _l("“%(value)s” is not a metric the portal measures.",
                                                           value=str(metric)[:40]), code))
            metric = None
    if target_value is not None and direction is None and not any(e.row == row and e.code == code for e in errors):
        errors.append(PlanError(row, col["direction"], _l("A target needs a direction (>=, >, <=, < or =)."), code))
    pr = PlanResult(code=code, position=position, title=_block(r.get("title")), indicator=_block(r.get("indicator")),
                    target_value=target_value, target_unit=_text(target.get("unit"))[:30], direction=direction,
                    baseline=_number(r.get("baseline"), errors, row, col["baseline"], code), metric=metric,
                    stated_total=_int_or_error(r.get("stated_total"), errors, row, col["stated_total"], code,
                                               allow_none=True),
                    source_note=_block(r.get("source_note")))
    for a_pos, a in enumerate(r.get("activities") or [], start=1):
        pr.activities.append(_build_activity(a, a_pos, code, col, errors, activity_codes, unit_lookup))
    return pr


def _roman(code: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if not code or any(ch not in values for ch in code):
        return None
    total = 0
    for i, ch in enumerate(code):
        v = values[ch]
        total += -v if i + 1 < len(code) and values[code[i + 1]] > v else v
    return total


def _build_activity(a, position, result_code, col, errors, activity_codes, unit_lookup) -> PlanActivity:
    row = a.get("_row")
    code = _text(a.get("code"))
    if not ACTIVITY_CODE.match(code) or code.rsplit(".", 1)[0] != result_code:
        errors.append(PlanError(row, col["code"], _l("“%(code)s” is not an activity code of result %(result)s "
                                                     "(e.g. %(example)s).", code=code, result=result_code,
                                                     example=f"{result_code}.1"), code))
    elif code in activity_codes:
        first = activity_codes[code]
        errors.append(PlanError(row, col["code"],
                                _l("Activity code %(code)s is used twice (first on row %(row)s).", code=code, row=first)
                                if first else _l("Activity code %(code)s is used twice.", code=code), code))
    else:
        activity_codes[code] = row
    name = _block(a.get("name"))
    if not name:
        errors.append(PlanError(row, col["name"], _l("The activity needs a name."), code))
    budget = _int_or_error(a.get("budget"), errors, row, col["budget"], code, allow_none=False)
    start = _month(a.get("start"), errors, row, col["start"], code)
    end = _month(a.get("end"), errors, row, col["end"], code)
    if start is not None and end is not None and end < start:
        errors.append(PlanError(row, col["end"], _l("The end month (%(end)s) is before the start month (%(start)s).",
                                                    end=end, start=start), code))
    elif (start is None) != (end is None) and not any(e.row == row and e.column in (col["start"], col["end"])
                                                      and e.code == code for e in errors):
        errors.append(PlanError(row, col["end"] if end is None else col["start"],
                                _l("Give both the start and the end month, or neither."), code))
    lead = _text(a.get("lead"))
    lead_unit_id = None
    if lead and not is_collective(lead):
        lead_unit_id = _lookup(unit_lookup, lead)
        if lead_unit_id is None:
            errors.append(PlanError(row, col["lead"], _l("No unit is named “%(name)s”. Write the unit's name exactly "
                                                         "as in the list of units, or a collective lead such as "
                                                         "“Các phòng, ban, đơn vị, UBND các xã, phường”.", name=lead),
                                    code))
    return PlanActivity(code=code, position=position, name=name, expected=_block(a.get("expected")),
                        output=_block(a.get("output")), budget=budget or 0, lead_unit_id=lead_unit_id,
                        lead_text=lead[:300], coordinating=_block(a.get("coordinating")), start_month=start,
                        end_month=end, note=_block(a.get("note")), source_note=_block(a.get("source_note")),
                        progress=Progress.NOT_STARTED, percent=0)


def _check_unique(plan: Plan) -> None:
    exists = db.session.scalar(select(Plan.id).where(Plan.year == plan.year, Plan.title == plan.title,
                                                     Plan.unit_id.is_(None) if plan.unit_id is None
                                                     else Plan.unit_id == plan.unit_id))
    if exists:
        raise Conflict(_l("A plan of %(year)s with this title already exists.", year=plan.year), field="title")


def store_plan(plan: Plan, *, actor=None, action: str = "plan.create", summary: str = "") -> Plan:
    _check_unique(plan)
    db.session.add(plan)
    db.session.flush()
    totals = plan_totals(plan)
    record(action, "plan", plan.id, actor=actor, summary=summary or plan.title,
           after={"year": plan.year, "title": plan.title, "status": plan.status,
                  "fields": len(plan.fields), "results": sum(len(f.results) for f in plan.fields),
                  "activities": sum(len(r.activities) for f in plan.fields for r in f.results),
                  "total_budget": totals.plan})
    return plan


def plan_json_with_targets(data: Mapping) -> dict:
    """The shipped JSON plus the portal's bindings: the "Mục tiêu cụ thể" field first, then the bound results."""
    data = json.loads(json.dumps(data))  # deep copy
    for f in data["fields"]:
        for r in f["results"]:
            binding = RESULT_BINDINGS.get(r["code"])
            if binding and not r.get("metric"):
                r["metric"] = binding[0].value
                r["source_note"] = "\n".join(x for x in (r.get("source_note") or "", binding[1]) if x)
    if not any(f["code"] == TARGET_FIELD["code"] for f in data["fields"]):
        data["fields"] = [json.loads(json.dumps(TARGET_FIELD))] + data["fields"]
    return data


def load_plan_json(source, *, unit_lookup=None, with_targets: bool = True, actor=None, **overrides) -> Plan:
    """Load a plan from a JSON file path or an already parsed dict, check it and store it (flushed, audited).
    `with_targets` adds the portal's metric bindings (see the module docstring)."""
    if isinstance(source, (str, Path)):
        data = json.loads(Path(source).read_text(encoding="utf-8"))
    else:
        data = source
    if with_targets:
        data = plan_json_with_targets(data)
    if unit_lookup is None:
        unit_lookup = unit_lookup_from_db()
    plan_unit = None
    if data.get("unit_code"):
        plan_unit = db.session.scalar(select(Unit).where(Unit.code == data["unit_code"]))
    plan = build_plan(data, unit_lookup=unit_lookup, plan_unit_id=plan_unit.id if plan_unit else None, **overrides)
    return store_plan(plan, actor=actor, action="plan.load", summary=f"{plan.title} (JSON)")


# --- totals --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Disagreement:
    level: str  # "result", "field" or "plan"
    code: str
    stated: int
    computed: int

    def as_tuple(self) -> tuple:
        return (self.level, self.code, self.stated, self.computed)


@dataclass
class Totals:
    results: dict[str, int] = dc_field(default_factory=dict)  # result code → VND
    fields: dict[str, int] = dc_field(default_factory=dict)  # field code → VND
    plan: int = 0
    disagreements: list[Disagreement] = dc_field(default_factory=list)

    def disagreement(self, level: str, code: str) -> Disagreement | None:
        return next((d for d in self.disagreements if d.level == level and d.code == code), None)


def plan_totals(plan: Plan) -> Totals:
    """Totals computed from the activities' budgets, with every stated "Tổng" line that disagrees."""
    totals = Totals()
    for f in plan.fields:
        field_total = 0
        for r in f.results:
            amount = sum(a.budget or 0 for a in r.activities)
            totals.results[r.code] = amount
            field_total += amount
            if r.stated_total is not None and r.stated_total != amount:
                totals.disagreements.append(Disagreement("result", r.code, r.stated_total, amount))
        totals.fields[f.code] = field_total
        totals.plan += field_total
        if f.stated_total is not None and f.stated_total != field_total:
            totals.disagreements.append(Disagreement("field", f.code, f.stated_total, field_total))
    if plan.stated_grand_total is not None and plan.stated_grand_total != totals.plan:
        totals.disagreements.append(Disagreement("plan", "", plan.stated_grand_total, totals.plan))
    return totals


# --- copy ----------------------------------------------------------------------------------------

def next_year_title(title: str, old_year: int, new_year: int) -> str:
    replaced = re.sub(rf"\b{old_year}\b", str(new_year), title)
    return replaced if replaced != title else f"{title} ({new_year})"


def copy_plan(plan: Plan, *, year: int, actor=None, title: str | None = None, status: PlanStatus = PlanStatus.DRAFT,
              notes: str | None = None) -> Plan:
    """A new plan for `year` with the same fields, results (bindings and targets kept) and activities.
    Progress starts again (not started, 0%), neither progress history nor indicator reports are copied, the
    decision is left empty (a draft is not issued yet), and the source's stated total lines are not copied
    (they belong to the old document); source notes stay with the text they explain."""
    if not 2000 <= year <= 2100:
        raise DomainError(_l("The year must be between 2000 and 2100."), field="year")
    new = Plan(year=year, title=nfc(title or next_year_title(plan.title, plan.year, year))[:300], unit_id=plan.unit_id,
               decision_number="", decision_date=None, status=status, stated_grand_total=None,
               notes=_block(notes if notes is not None
                            else f"Sao chép từ “{plan.title}” (năm {plan.year}); tiến độ đặt lại từ đầu."),
               copied_from_id=plan.id)
    for f in plan.fields:
        nf = PlanField(code=f.code, position=f.position, title=f.title, goals=f.goals, stated_total=None,
                       source_note=f.source_note)
        new.fields.append(nf)
        for r in f.results:
            nr = PlanResult(code=r.code, position=r.position, title=r.title, indicator=r.indicator,
                            target_value=r.target_value, target_unit=r.target_unit, direction=r.direction,
                            baseline=r.baseline, metric=r.metric, stated_total=None, source_note=r.source_note)
            nf.results.append(nr)
            for a in r.activities:
                nr.activities.append(PlanActivity(
                    code=a.code, position=a.position, name=a.name, expected=a.expected, output=a.output,
                    budget=a.budget, lead_unit_id=a.lead_unit_id, lead_text=a.lead_text, coordinating=a.coordinating,
                    start_month=a.start_month, end_month=a.end_month, note=a.note, source_note=a.source_note,
                    progress=Progress.NOT_STARTED, percent=0))
    _check_unique(new)
    db.session.add(new)
    db.session.flush()
    record("plan.copy", "plan", new.id, actor=actor, summary=f"{plan.title} → {new.title}",
           before={"plan_id": plan.id, "year": plan.year}, after={"year": new.year, "title": new.title,
                                                                 "status": new.status, "copied_from_id": plan.id})
    return new


# --- find / list ---------------------------------------------------------------------------------

def get_plan(plan_id: int) -> Plan | None:
    return db.session.get(Plan, plan_id)


def list_plans() -> list[Plan]:
    """Newest year first; within a year in Vietnamese order of title."""
    plans = list(db.session.scalars(select(Plan)))
    return sorted(plans, key=lambda p: (-p.year, sort_key(p.title)))


def find_plan(*, year: int, title: str | None = None) -> Plan | None:
    query = select(Plan).where(Plan.year == year)
    if title is not None:
        query = query.where(Plan.title == nfc(title))
    return db.session.scalars(query.order_by(Plan.id)).first()


def find_activity(plan: Plan, code: str) -> PlanActivity | None:
    return next((a for f in plan.fields for r in f.results for a in r.activities if a.code == code), None)


def find_result(plan: Plan, code: str) -> PlanResult | None:
    return next((r for f in plan.fields for r in f.results if r.code == code), None)


def activities(plan: Plan) -> list[PlanActivity]:
    return [a for f in plan.fields for r in f.results for a in r.activities]


def plan_unit() -> Unit | None:
    return db.session.scalar(select(Unit).where(Unit.code == PLAN_UNIT_CODE))


# --- demo ----------------------------------------------------------------------------------------

def load_demo_plans(actor=None) -> str:
    """seed-demo: the 2019 plan as transcribed, and its 2026 demo copy in force (idempotent)."""
    data = json.loads(PLAN_2019_JSON.read_text(encoding="utf-8"))
    original = find_plan(year=data["year"], title=nfc(data["title"]))
    created = []
    if original is None:
        original = load_plan_json(data, actor=actor)
        created.append(str(original.year))
    if find_plan(year=DEMO_YEAR, title=DEMO_TITLE) is None:
        copy_plan(original, year=DEMO_YEAR, title=DEMO_TITLE, status=PlanStatus.IN_FORCE, notes=DEMO_NOTES,
                  actor=actor)
        created.append(str(DEMO_YEAR))
    db.session.commit()
    if not created:
        return "reform plans already loaded"
    return f"reform plans loaded: {', '.join(created)}"
