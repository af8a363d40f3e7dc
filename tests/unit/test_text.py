"""Vietnamese text helpers: NFC normalisation, accent folding and dictionary sort order."""
from __future__ import annotations

import random
import unicodedata

import pytest

from portal.core.text import fold, nfc, sort_key


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


# --- nfc ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["Nguyễn", "Đắk R'Moan", "Nghĩa Tân", "hồ sơ", "ỨNG"])
def test_nfc_turns_decomposed_input_into_composed_text(word):
    decomposed = nfd(word)
    assert decomposed != word  # the input really is decomposed
    result = nfc(decomposed)
    assert result == word
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(("raw", "expected"), [
    ("  Nguyễn \t Thị\n\nMai  ", "Nguyễn Thị Mai"),
    ("Phòng\u00a0Tư   pháp", "Phòng Tư pháp"),  # no-break space from copy-paste
    ("a", "a"),
    ("", ""),
    (None, ""),
    ("   ", ""),
])
def test_nfc_collapses_and_strips_white_space(raw, expected):
    assert nfc(raw) == expected


# --- fold ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("Đăng ký khai sinh", "dang ky khai sinh"),
    ("đ", "d"),
    ("Đ", "d"),
    ("ĐỖ MINH KHOA", "do minh khoa"),
    ("Chứng thực bản sao", "chung thuc ban sao"),
    ("Ưu tiên người cao tuổi", "uu tien nguoi cao tuoi"),
    ("UBND xã Đắk R'Moan", "ubnd xa dak r'moan"),
    ("  Nghĩa   Tân ", "nghia tan"),
    (None, ""),
])
def test_fold(raw, expected):
    assert fold(raw) == expected


def test_fold_treats_decomposed_and_composed_input_alike():
    assert fold(nfd("Giấy phép xây dựng")) == fold("Giấy phép xây dựng") == "giay phep xay dung"


def test_fold_finds_a_needle_typed_without_accents():
    assert fold("khai sinh") in fold("Thủ tục Đăng ký KHAI SINH")
    assert fold("dat dai") in fold("Lĩnh vực Đất đai")


# --- sort_key -----------------------------------------------------------------------------------

def shuffled(items: list[str]) -> list[str]:
    copy = list(items)
    random.Random(4).shuffle(copy)
    assert copy != items
    return copy


@pytest.mark.parametrize("ordered", [
    ["a", "ă", "â", "b"],
    ["d", "đ", "e"],
    ["e", "ê", "g"],
    ["o", "ô", "ơ", "p"],
    ["u", "ư", "v"],
    ["an", "ăn", "ân", "ba"],
    ["dao", "đao", "eo"],
])
def test_letters_follow_the_vietnamese_alphabet(ordered):
    assert sorted(shuffled(ordered), key=sort_key) == ordered


@pytest.mark.parametrize("ordered", [
    # level < huyền < hỏi < ngã < sắc < nặng
    ["ma", "mà", "mả", "mã", "má", "mạ"],
    ["â", "ầ", "ẩ", "ẫ", "ấ", "ậ"],
    ["ư", "ừ", "ử", "ữ", "ứ", "ự"],
    ["yên", "yền", "yển", "yễn", "yến", "yện"],
])
def test_tones_follow_dictionary_order(ordered):
    assert sorted(shuffled(ordered), key=sort_key) == ordered


@pytest.mark.parametrize("ordered", [
    ["ba", "bà", "bác", "bạc", "bách"],  # the tone only breaks ties between the same letters
    ["mạ", "mác", "mai"],
    ["hoà", "hóa", "hoan"],  # a tone never outranks a following letter
])
def test_letters_decide_before_tones(ordered):
    assert sorted(shuffled(ordered), key=sort_key) == ordered


def test_bac_before_bac_nang_and_both_after_ba():
    assert sort_key("ba") < sort_key("bà") < sort_key("bác") < sort_key("bạc")


NAMES = [
    "Anh Tuấn",
    "Ăn Văn Cường",
    "Ân Văn Bình",
    "Âu Thị Hà",
    "Bùi Thị Hoa",
    "Dương Văn An",
    "Đinh Thị Yến",
    "Đỗ Minh Khoa",
    "Eban Mai",
    "Êban Y Rơ",
    "H'Hương Byă",
    "Hoàng Văn Đức",
    "Lã Văn Dũng",
    "Lê Văn Lợi",
    "Lý Thị Ba",
    "Ngô Bảo Châu",
    "Nguyễn Thị Mai",
    "Ơn Văn Tâm",
    "Phạm Quốc Bảo",
    "Tạ Thu Thâu",
    "Trần Hưng Đạo",
    "Ưng Hoàng Phúc",
    "Vũ Thị Lan",
    "Y Sơn Niê",
]


def test_names_sort_in_vietnamese_order():
    assert sorted(shuffled(NAMES), key=sort_key) == NAMES


def test_plain_code_point_order_would_be_wrong():
    # Python's default order puts Đ (U+0110) and accented capitals after Z; the key must not.
    assert sorted(NAMES) != NAMES


def test_sort_key_ignores_case_and_normalisation():
    assert sort_key("ĐỖ MINH KHOA") == sort_key("đỗ minh khoa") == sort_key(nfd("Đỗ Minh Khoa"))
    assert sort_key("Nguyễn  Thị   Mai") == sort_key("Nguyễn Thị Mai")
    assert sort_key(None) == sort_key("")


def test_digits_and_spaces_sort_before_letters():
    ordered = ["", "12 Hùng Vương", "a", "An", "An Bình", "Anh"]
    assert sorted(shuffled(ordered), key=sort_key) == ordered
