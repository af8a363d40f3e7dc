"""Full-text search, the parts both engines share (issue 16 point 3). Pure: no Flask, no database.

`fts5_query` and `tsquery` write the groups of core.synonyms as an SQLite FTS5 MATCH expression and a
PostgreSQL tsquery; both engines only find the candidates. `relevance` orders them the same way on both, so
a query gives the same results whatever the engine: more of the query matched first, in the name before
elsewhere, the query's words side by side, then the shorter (more specific) name.
"""
from __future__ import annotations

from portal.core.synonyms import Group, Phrase, words

Document = tuple[list[str], list[str]]  # (words of the name, words of everything else: code, field …)


def fts5_query(groups: list[Group], *, every: bool = True) -> str:
    """`("dang ky" OR "dang ki") AND "khai sinh"*`: words are [a-z0-9]+, safe inside quotes."""
    parts = []
    for n, group in enumerate(groups):
        last = n == len(groups) - 1
        phrases = [f'"{" ".join(p)}"' + (" *" if last and _prefix(group, p) else "") for p in group.alternatives]
        parts.append("(" + " OR ".join(phrases) + ")")
    return (" AND " if every else " OR ").join(parts)


def tsquery(groups: list[Group], *, every: bool = True) -> str:
    """The same as a tsquery of the 'simple' configuration: `(dang <-> ky | dang <-> ki) & (khai <-> sinh:*)`."""
    parts = []
    for n, group in enumerate(groups):
        last = n == len(groups) - 1
        phrases = ["(" + " <-> ".join(p) + (":*" if last and _prefix(group, p) else "") + ")"
                   for p in group.alternatives]
        parts.append("(" + " | ".join(phrases) + ")")
    return (" & " if every else " | ").join(parts)


def _prefix(group: Group, phrase: Phrase) -> bool:
    """The last word typed may be unfinished (search as you type); a synonym's meaning is whole."""
    return phrase == group.typed


def _spans(phrase: Phrase, tokens: list[str], prefix: bool) -> list[tuple[int, int]]:
    size = len(phrase)
    spans = []
    for start in range(len(tokens) - size + 1):
        window = tokens[start:start + size]
        if window[:-1] == list(phrase[:-1]) and (
                window[-1] == phrase[-1] or (prefix and window[-1].startswith(phrase[-1]))):
            spans.append((start, start + size))
    return spans


def relevance(groups: list[Group], document: Document, code: list[str] | None = None) -> tuple:
    """Sort key, smaller first. `code`: the words of the procedure's code (a code typed in full comes first)."""
    name, other = document
    in_name, in_other, adjacent = 0, 0, 0
    previous_ends: set[int] = set()
    for n, group in enumerate(groups):
        last = n == len(groups) - 1
        spans = [s for p in group.alternatives for s in _spans(p, name, last and _prefix(group, p))]
        if spans:
            in_name += 1
            adjacent += any(start in previous_ends for start, _ in spans)
            previous_ends = {end for _, end in spans}
        else:
            previous_ends = set()
            in_other += any(_spans(p, other, last and _prefix(group, p)) for p in group.alternatives)
    typed = [w for g in groups for w in g.typed]
    exact_code = bool(code) and typed == code
    return (not exact_code, -(in_name + in_other), -in_name, -adjacent, len(name))


def split_document(search_text: str) -> Document:
    """`procedure.search_text` is 'name|code|field', folded."""
    name, _, rest = search_text.partition("|")
    return words(name), words(rest)
