"""What people type, turned into what the catalogue says (issue 16 point 3). Pure: no Flask, no database.

A query is folded (core.text.fold) and cut into words; the longest phrase of the synonym file
(synonyms.txt, loaded once) at each place becomes a group of alternative phrases, any other word a group of
its spellings (đăng kí / đăng ký). A result must match every group (or, when nothing does, as many as
possible). Typos are corrected against the words the index holds (`correct`), only when nothing matched.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from portal.core.text import fold

SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")
_WORD = re.compile(r"[a-z0-9]+")
_MAX_WORDS = 12
# A word ending in i / y after a consonant is spelled both ways (kí/ký, lí/lý, mĩ/mỹ, quí/quý).
_IY = re.compile(r"^(k|l|m|s|t|h|n|v|d|qu|ph|th)([iy])$")

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """One place of the query: the phrases it may stand for, the words typed first."""
    typed: Phrase
    alternatives: tuple[Phrase, ...]


def words(text: str) -> list[str]:
    """The words the index holds for `text`: runs of letters and digits of its folded form."""
    return _WORD.findall(fold(text))


def parse_table(lines) -> dict[Phrase, tuple[Phrase, ...]]:
    table: dict[Phrase, tuple[Phrase, ...]] = {}
    for raw in lines:
        line = raw.split("#", 1)[0] if raw.lstrip().startswith("#") else raw
        if "=" not in line:
            continue
        left, right = line.split("=", 1)
        key = tuple(words(left))
        if key:
            table[key] = tuple(tuple(words(alt)) for alt in right.split("|") if words(alt))
    return table


@functools.cache
def table() -> dict[Phrase, tuple[Phrase, ...]]:
    return parse_table(SYNONYMS_FILE.read_text(encoding="utf-8").splitlines())


def spellings(word: str) -> tuple[str, ...]:
    match = _IY.match(word)
    if not match:
        return (word,)
    other = "y" if match.group(2) == "i" else "i"
    return (word, match.group(1) + other)


def _dedupe(phrases) -> tuple[Phrase, ...]:
    return tuple(dict.fromkeys(p for p in phrases if p))


def _with_spellings(phrase: Phrase) -> list[Phrase]:
    variants: list[Phrase] = [()]
    for word in phrase:
        variants = [v + (s,) for v in variants for s in spellings(word)]
    return variants


def expand(query: str, synonyms: dict | None = None) -> list[Group]:
    """The groups of `query`; filler words dropped unless nothing else is left."""
    synonyms = table() if synonyms is None else synonyms
    typed = words(query)[:_MAX_WORDS]
    longest = max((len(k) for k in synonyms), default=1)
    groups: list[Group] = []
    fillers: list[Group] = []
    i = 0
    while i < len(typed):
        for size in range(min(longest, len(typed) - i), 0, -1):
            phrase = tuple(typed[i:i + size])
            # the table is keyed by one spelling; a typed kí finds a ký line and the other way round
            key = next((v for v in _with_spellings(phrase) if v in synonyms), None)
            if key is not None:
                meanings = synonyms[key]
                group = Group(phrase, _dedupe([*_with_spellings(phrase), *(m for alt in meanings
                                                                         for m in _with_spellings(alt))]))
                (groups if meanings else fillers).append(group)
                i += size
                break
        else:
            groups.append(Group((typed[i],), _dedupe(_with_spellings((typed[i],)))))
            i += 1
    return groups or fillers


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau–Levenshtein distance (adjacent swaps count one), or limit + 1 once it is over `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    """Short words are too easy to turn into another real word: none under 4 letters, one up to 7, then two."""
    if len(word) < 4 or word.isdigit():
        return 0
    return 1 if len(word) < 8 else 2


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: two spaces before it, one after."""
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class Words:
    """A vocabulary that finds the words near a mistyped one without measuring every word.

    A word of n letters has n + 1 trigrams (`trigrams`); one edit changes at most 4 of them (a swap of
    neighbours; a change, an insertion or a deletion 3), so with `allowed_typos` (one edit from 4 letters, two
    from 8) n + 1 - 4 * limit >= 1 trigram is left: every word within the allowed edits shares a trigram with
    the typed one. `near` returns the words of about its length sharing one, a superset for `correct` to measure.
    PostgreSQL asks the same of pg_trgm (core.search_words.TrigramWords)."""

    def __init__(self, vocabulary: Iterable[str]):
        self.words = frozenset(vocabulary)
        self._by_trigram: dict[str, set[str]] = defaultdict(set)
        for word in self.words:
            for trigram in trigrams(word):
                self._by_trigram[trigram].add(word)

    def known(self, candidates: Iterable[str]) -> set[str]:
        return {word for word in candidates if word in self.words}

    def near(self, word: str, limit: int) -> set[str]:
        found = set().union(*(self._by_trigram.get(t, ()) for t in trigrams(word)))
        return {known for known in found if abs(len(known) - len(word)) <= limit}


def correct(groups: list[Group], vocabulary) -> list[Group]:
    """Each typed word the index does not hold also stands for the indexed words a typo or two away.
    `vocabulary`: a set of words, or anything with `known` and `near` as `Words` has (their superset is enough:
    the edits are measured here, so every engine corrects alike)."""
    if not hasattr(vocabulary, "near"):
        vocabulary = Words(vocabulary)
    guessable = list(dict.fromkeys(alternative[0] for group in groups for alternative in group.alternatives
                                   if len(alternative) == 1 and allowed_typos(alternative[0])))
    known = vocabulary.known(guessable) if guessable else set()
    corrected = []
    for group in groups:
        extra: list[Phrase] = []
        for alternative in group.alternatives:
            if len(alternative) != 1 or alternative[0] in known or not allowed_typos(alternative[0]):
                continue
            word = alternative[0]
            limit = allowed_typos(word)
            near = sorted((edit_distance(word, candidate, limit), candidate)
                          for candidate in vocabulary.near(word, limit))
            extra.extend((candidate,) for distance, candidate in near if distance <= limit)
        corrected.append(Group(group.typed, _dedupe([*group.alternatives, *extra])) if extra else group)
    return corrected
