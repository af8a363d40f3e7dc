"""Vietnamese text: NFC normalisation, accent folding for search, and Vietnamese sort order."""
from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


def nfc(value: str | None) -> str:
    """Normalise to NFC and collapse runs of white space; None becomes ''."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def nfc_lines(value: str | None) -> str:
    """Normalise a multi-line text to NFC, keeping its lines: CR LF and CR become LF, spaces at the end of a
    line go, blank lines at either end go. For bodies of letters and messages, where `nfc` would make one
    paragraph of everything."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def fold(value: str | None) -> str:
    """Lower-case, strip every diacritic and map đ to d: 'Đăng ký' -> 'dang ky'."""
    decomposed = unicodedata.normalize("NFD", nfc(value).lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")


# Vietnamese alphabet order; letters with modifiers sort after their base letter.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
# Tone order used by dictionaries: level, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}


@functools.lru_cache(maxsize=4096)
def _split_letter(ch: str) -> tuple[str, str]:
    """Return (letter with its vowel modifier, tone mark) for one NFC character."""
    parts = unicodedata.normalize("NFD", ch)
    base = parts[0]
    modifier = "".join(p for p in parts[1:] if p in _MODIFIERS)
    tone = "".join(p for p in parts[1:] if p in _TONE_RANK)
    return unicodedata.normalize("NFC", base + modifier), tone


@functools.lru_cache(maxsize=20000)
def sort_key(value: str | None) -> tuple:
    """A key that sorts Vietnamese words in dictionary order (a < ă < â < b … d < đ)."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in nfc(value).lower():
        letter, tone = _split_letter(ch)
        rank = _LETTER_RANK.get(letter)
        letters.append(rank * 2 + 1000 if rank is not None else ord(letter[0]) * 2)
        tones.append(_TONE_RANK.get(tone, 0))
    return tuple(letters), tuple(tones)


def sort_string(value: str | None) -> str:
    """`sort_key` as plain lower-case hex, so a database sorts Vietnamese in any collation:
    two hex digits per character (letters after digits and spaces), '00', then one digit per tone."""
    letters, tones = [], []
    for ch in nfc(value).lower()[:200]:
        letter, tone = _split_letter(ch)
        rank = _LETTER_RANK.get(letter)
        if rank is not None:
            code = 0x30 + rank
        elif letter == " ":
            code = 0x10
        elif letter.isdigit():
            code = 0x11 + int(letter) if letter in "0123456789" else 0x1B
        else:
            code = 0x1C
        letters.append(f"{code:02x}")
        tones.append(str(_TONE_RANK.get(tone, 0)))
    return "".join(letters) + "00" + "".join(tones)
