"""Pure rules of survey campaigns: question types, conditions, answer checking, the SIPAS index,
sampling and token hashing. No Flask request, no database, no clock.

SIPAS index (QĐ 2640/QĐ-BNV 2017, DOMAIN.md §6): for each of the five factors, the share of answers
4 ("hài lòng") or 5 ("rất hài lòng") to that factor's satisfaction questions (n = those answers);
overall = the plain mean of the factor shares that have answers. A question hidden by its condition
is not asked, so it counts in no denominator.
"""
from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from enum import StrEnum

from portal.core.text import nfc


class CampaignStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


TRANSITIONS = {CampaignStatus.DRAFT: {CampaignStatus.OPEN}, CampaignStatus.OPEN: {CampaignStatus.CLOSED},
               CampaignStatus.CLOSED: {CampaignStatus.OPEN}}


def can_move(current: str, target: str) -> bool:
    return CampaignStatus(target) in TRANSITIONS[CampaignStatus(current)]


class Factor(StrEnum):
    ACCESS = "access"  # tiếp cận dịch vụ: trụ sở, trang thiết bị
    PROCEDURE = "procedure"  # thủ tục hành chính
    CIVIL_SERVANTS = "civil_servants"  # công chức giải quyết
    RESULT = "result"  # kết quả giải quyết
    FEEDBACK_HANDLING = "feedback_handling"  # tiếp nhận, xử lý góp ý, phản ánh, kiến nghị


FACTORS = tuple(Factor)


class Aspect(StrEnum):
    ASSESSMENT = "assessment"
    SATISFACTION = "satisfaction"
    EXPECTATION = "expectation"


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE5 = "scale5"
    NUMBER = "number"
    TEXT = "text"


CHOICE_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTIPLE})
NUMERIC_TYPES = frozenset({QuestionType.SCALE5, QuestionType.NUMBER})
SCALE_VALUES = ("1", "2", "3", "4", "5")
SATISFIED_VALUES = frozenset({"4", "5"})
TEXT_MAX = 2000
NUMBER_LIMIT = 1e9
OPTIONS_MAX = 20


class DistributionKind(StrEnum):
    PRINTED = "printed"
    SAMPLE = "sample"


class ConditionOp(StrEnum):
    EQUALS = "equals"
    INCLUDES = "includes"


# ---------------------------------------------------------------- questions and conditions

@dataclass(frozen=True)
class Q:
    """What the rules need of a question."""
    id: int
    kind: str
    options: tuple = ()
    required: bool = True
    condition: dict | None = None
    factor: str | None = None
    aspect: str | None = None


def check_condition(condition: dict | None, earlier: dict[int, Q]) -> str | None:
    """An error key when the condition is malformed or refers to a question that is not earlier."""
    if not condition:
        return None
    try:
        target = int(condition.get("question_id"))
        op = ConditionOp(condition.get("op"))
    except (TypeError, ValueError):
        return "malformed"
    if target not in earlier:
        return "not_earlier"
    value = str(condition.get("value", ""))
    if not value:
        return "no_value"
    source = earlier[target]
    if source.kind == QuestionType.TEXT:
        return "text_source"
    if op == ConditionOp.INCLUDES and source.kind != QuestionType.MULTIPLE:
        return "includes_needs_multiple"
    if source.kind in CHOICE_TYPES and value not in source.options:
        return "unknown_value"
    if source.kind == QuestionType.SCALE5 and value not in SCALE_VALUES:
        return "unknown_value"
    return None


def is_shown(question: Q, answers: dict[int, list[str]], shown: dict[int, bool]) -> bool:
    """Shown when it has no condition, or its source question was shown and answered as required."""
    cond = question.condition
    if not cond:
        return True
    source = int(cond["question_id"])
    if not shown.get(source, False):
        return False
    given = answers.get(source, [])
    if cond["op"] == ConditionOp.INCLUDES:
        return cond["value"] in given
    return len(given) == 1 and given[0] == cond["value"]


def _clean_number(raw: str) -> float | None:
    text = raw.strip().replace(" ", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        return None
    return value


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def check_answers(questions: list[Q], raw: dict[int, list[str]]) -> tuple[dict[int, list[str]], dict[int, str]]:
    """(kept answers, error key per question). Hidden questions are neither required nor kept;
    questions are evaluated in order, so a condition sees the cleaned answer of its source."""
    kept: dict[int, list[str]] = {}
    errors: dict[int, str] = {}
    shown: dict[int, bool] = {}
    for q in questions:
        shown[q.id] = is_shown(q, kept, shown)
        if not shown[q.id]:
            continue
        values = [nfc(v).strip() for v in raw.get(q.id, []) if v is not None and nfc(v).strip()]
        if not values:
            if q.required:
                errors[q.id] = "required"
            continue
        if q.kind == QuestionType.SINGLE or q.kind == QuestionType.SCALE5:
            allowed = q.options if q.kind == QuestionType.SINGLE else SCALE_VALUES
            if len(values) != 1 or values[0] not in allowed:
                errors[q.id] = "invalid_choice"
                continue
        elif q.kind == QuestionType.MULTIPLE:
            values = list(dict.fromkeys(values))
            if any(v not in q.options for v in values):
                errors[q.id] = "invalid_choice"
                continue
        elif q.kind == QuestionType.NUMBER:
            number = _clean_number(values[0]) if len(values) == 1 else None
            if number is None:
                errors[q.id] = "invalid_number"
                continue
            values = [format_number(number)]
        else:
            if len(values) != 1 or len(values[0]) > TEXT_MAX:
                errors[q.id] = "too_long"
                continue
        kept[q.id] = values
    return kept, errors


# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class FactorShare:
    factor: str
    k: int  # answers 4 or 5
    n: int  # answers to the factor's satisfaction questions

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None


def factor_shares(satisfaction_answers: list[tuple[str, str]]) -> list[FactorShare]:
    """(factor, value) pairs of every satisfaction answer → the share 4–5 per factor, in factor order."""
    k = {f.value: 0 for f in FACTORS}
    n = {f.value: 0 for f in FACTORS}
    for factor, value in satisfaction_answers:
        if factor not in n:
            continue
        n[factor] += 1
        k[factor] += value in SATISFIED_VALUES
    return [FactorShare(f.value, k[f.value], n[f.value]) for f in FACTORS]


def overall_index(shares: list[FactorShare]) -> float | None:
    values = [s.value for s in shares if s.value is not None]
    return sum(values) / len(values) if values else None


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


# ---------------------------------------------------------------- tokens and sampling

def hash_token(code: str) -> str:
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def looks_like_token(code: str) -> bool:
    return 16 <= len(code) <= 64 and all(c.isalnum() or c in "-_" for c in code)


def draw_sample(case_ids: list[int], size: int, seed: int) -> list[int]:
    """Reproducible draw: the same frame, size and seed give the same cases, in the same order."""
    frame = sorted(case_ids)
    return random.Random(seed).sample(frame, min(size, len(frame)))
