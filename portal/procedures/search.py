"""The catalogue search (issue 16 point 3): core.fulltext over the procedure index, the code typed in full
first, then best matches, then Vietnamese order."""
from __future__ import annotations

from portal.core import fulltext
from portal.core.search import split_document
from portal.core.synonyms import words
from portal.procedures.models import Procedure
from portal.procedures.search_index import PROCEDURES


def ranked_ids(query: str, base) -> list[int] | None:
    """Ids of the procedures of `base` (a select of Procedure.id, filters applied) matching `query`, best
    first; None for a blank query."""
    return fulltext.ranked(PROCEDURES, query, base, Procedure.id, Procedure.search_text,
                           tie_breaks=(Procedure.sort_name,), split=_split)


def _split(search_text: str):
    parts = search_text.split("|")
    return split_document(search_text), words(parts[1]) if len(parts) > 1 else []
