"""Checking a plan's data and building the unsaved Plan tree: the shared path of the shipped JSON and of an
imported spreadsheet (xlsx_import.py), before services.store_plan stores it.

Every way in goes through `build_plan`, which checks the whole plan first and collects every problem
(`PlanInvalid.errors`); only a plan without problems is stored, so nothing is ever half-stored.

An activity's lead unit is matched to the portal's units as leads.py says; a name that matches no unit and is
not a collective lead is one of the problems.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from portal.core.errors import DomainError
from portal.core.text import nfc
from portal.plan.leads import is_collective, match_lead
from portal.plan.models import Plan, PlanActivity, PlanField, PlanResult
from portal.plan.rules import Direction, Metric, PlanStatus, Progress

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


# --- building a plan -----------------------------------------------------------------------------

def _text(value) -> str:
    if value is None:
        return ""
    return nfc(str(value))


def block_text(value) -> str:
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
                decision_date=decision_date, status=status, stated_grand_total=grand, notes=block_text(notes))
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
        pf = PlanField(code=code, position=f_pos, title=_text(f.get("title"))[:300], goals=block_text(f.get("goals")),
                       stated_total=_int_or_error(f.get("stated_total"), errors, row, col["stated_total"], code,
                                                  allow_none=True),
                       source_note=block_text(f.get("source_note")))
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
    pr = PlanResult(code=code, position=position, title=block_text(r.get("title")),
                    indicator=block_text(r.get("indicator")),
                    target_value=target_value, target_unit=_text(target.get("unit"))[:30], direction=direction,
                    baseline=_number(r.get("baseline"), errors, row, col["baseline"], code), metric=metric,
                    stated_total=_int_or_error(r.get("stated_total"), errors, row, col["stated_total"], code,
                                               allow_none=True),
                    source_note=block_text(r.get("source_note")))
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
    name = block_text(a.get("name"))
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
        lead_unit_id = match_lead(unit_lookup, lead)
        if lead_unit_id is None:
            errors.append(PlanError(row, col["lead"], _l("No unit is named “%(name)s”. Write the unit's name exactly "
                                                         "as in the list of units, or a collective lead such as "
                                                         "“Các phòng, ban, đơn vị, UBND các xã, phường”.", name=lead),
                                    code))
    return PlanActivity(code=code, position=position, name=name, expected=block_text(a.get("expected")),
                        output=block_text(a.get("output")), budget=budget or 0, lead_unit_id=lead_unit_id,
                        lead_text=lead[:300], coordinating=block_text(a.get("coordinating")), start_month=start,
                        end_month=end, note=block_text(a.get("note")), source_note=block_text(a.get("source_note")),
                        progress=Progress.NOT_STARTED, percent=0)

