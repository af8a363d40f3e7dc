"""Pure rules: conditions, answer checking, the SIPAS index against hand arithmetic, sampling."""
from __future__ import annotations

import pytest

from portal.surveys import rules
from portal.surveys.rules import Q, QuestionType
from portal.surveys.template import standard_questions

SCALE = Q(1, QuestionType.SCALE5, factor="access", aspect="satisfaction")
GATE = Q(2, QuestionType.SINGLE, options=("Có", "Không"))
FOLLOW = Q(3, QuestionType.SCALE5, condition={"question_id": 2, "op": "equals", "value": "Có"})
MULTI = Q(4, QuestionType.MULTIPLE, options=("Trực tuyến", "Bưu điện", "Tại quầy"), required=False)
INCL = Q(5, QuestionType.TEXT, condition={"question_id": 4, "op": "includes", "value": "Bưu điện"})
NUM = Q(6, QuestionType.NUMBER, required=False)
ALL = [SCALE, GATE, FOLLOW, MULTI, INCL, NUM]


def test_conditional_question_is_required_only_when_shown():
    kept, errors = rules.check_answers(ALL, {1: ["4"], 2: ["Có"]})
    assert errors == {3: "required"}
    kept, errors = rules.check_answers(ALL, {1: ["4"], 2: ["Không"], 3: ["1"]})
    assert errors == {}
    assert 3 not in kept  # hidden: its answer is discarded


def test_includes_condition_on_multiple_choice():
    _, errors = rules.check_answers(ALL, {1: ["5"], 2: ["Không"], 4: ["Bưu điện", "Tại quầy"]})
    assert errors == {5: "required"}
    kept, errors = rules.check_answers(ALL, {1: ["5"], 2: ["Không"], 4: ["Tại quầy"], 5: ["ghi chú"]})
    assert errors == {} and 5 not in kept and kept[4] == ["Tại quầy"]


def test_chained_condition_hides_when_source_hidden():
    chained = Q(7, QuestionType.TEXT, condition={"question_id": 3, "op": "equals", "value": "1"})
    kept, errors = rules.check_answers([GATE, FOLLOW, chained], {2: ["Không"], 3: ["1"], 7: ["x"]})
    assert errors == {} and kept == {2: ["Không"]}


@pytest.mark.parametrize("raw, error", [
    ({1: ["6"]}, "invalid_choice"), ({1: ["4", "5"]}, "invalid_choice"), ({1: ["có"]}, "invalid_choice"),
])
def test_bad_scale_answers(raw, error):
    _, errors = rules.check_answers([SCALE], raw)
    assert errors == {1: error}


def test_numbers_accept_a_decimal_comma_and_refuse_words():
    kept, errors = rules.check_answers([NUM], {6: ["1,5"]})
    assert kept == {6: ["1.5"]} and not errors
    _, errors = rules.check_answers([NUM], {6: ["hai"]})
    assert errors == {6: "invalid_number"}
    _, errors = rules.check_answers([NUM], {6: ["nan"]})
    assert errors == {6: "invalid_number"}


def test_free_text_is_nfc_and_limited():
    decomposed = "Ca\u0301n bo\u0323\u0302"
    kept, _ = rules.check_answers([Q(8, QuestionType.TEXT)], {8: [decomposed]})
    assert kept[8] == ["Cán bộ"]
    _, errors = rules.check_answers([Q(8, QuestionType.TEXT)], {8: ["a" * 2001]})
    assert errors == {8: "too_long"}


def test_condition_checks():
    earlier = {q.id: q for q in (SCALE, GATE, MULTI)}
    assert rules.check_condition({"question_id": 2, "op": "equals", "value": "Có"}, earlier) is None
    assert rules.check_condition({"question_id": 9, "op": "equals", "value": "Có"}, earlier) == "not_earlier"
    assert rules.check_condition({"question_id": 2, "op": "includes", "value": "Có"}, earlier) == "includes_needs_multiple"
    assert rules.check_condition({"question_id": 2, "op": "equals", "value": "Có lẽ"}, earlier) == "unknown_value"
    assert rules.check_condition({"question_id": 1, "op": "equals", "value": "7"}, earlier) == "unknown_value"
    assert rules.check_condition({"question_id": "x", "op": "equals", "value": "1"}, earlier) == "malformed"


def test_factor_index_matches_hand_arithmetic():
    answers = ([("access", "5")] * 3 + [("access", "4")] * 5 + [("access", "3")] * 2 +
               [("procedure", "2")] * 3 + [("procedure", "4")] * 1 +
               [("result", "5")] * 4 + [("civil_servants", "1")] * 2 + [("civil_servants", "5")] * 2)
    shares = {s.factor: s for s in rules.factor_shares(answers)}
    assert (shares["access"].k, shares["access"].n) == (8, 10)
    assert (shares["procedure"].k, shares["procedure"].n) == (1, 4)
    assert shares["feedback_handling"].n == 0 and shares["feedback_handling"].value is None
    # Mean of the four factors with answers: (0.8 + 0.25 + 0.5 + 1.0) / 4
    assert rules.overall_index(list(shares.values())) == pytest.approx((0.8 + 0.25 + 0.5 + 1.0) / 4)


def test_sampling_is_reproducible_and_seed_dependent():
    frame = list(range(100, 400))
    first = rules.draw_sample(list(reversed(frame)), 40, seed=7)
    assert first == rules.draw_sample(frame, 40, seed=7)  # frame order does not matter
    assert first != rules.draw_sample(frame, 40, seed=8)
    assert len(set(first)) == 40
    assert rules.draw_sample([1, 2], 10, seed=1) in ([1, 2], [2, 1])


def test_token_hash_is_sha256_hex():
    assert rules.hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert not rules.looks_like_token("abc'; drop")


def test_standard_questionnaire_covers_five_factors_three_aspects():
    specs = standard_questions(["Thủ tục đăng ký khai sinh"])
    pairs = {(s["factor"], s["aspect"]) for s in specs if s["factor"]}
    assert len(pairs) == 15
    gated = [s for s in specs if s.get("condition_ref")]
    assert {s["factor"] for s in gated} == {"feedback_handling"}
    assert any("UBND thị xã Gia Nghĩa" in s["text"] for s in specs if s["factor"] == "access")


def test_transitions():
    assert rules.can_move("draft", "open") and rules.can_move("open", "closed")
    assert not rules.can_move("draft", "closed")
