"""The catalogue's full-text index (core.fulltext; migration 0033 made it, its DDL written out there).

SQLite: `procedure_fts` (`name` = the folded name, `other` = folded code and field) filled from
`procedure.search_text` ('name|code|field') by triggers; a draft (empty search_text) is not indexed and an
abolished procedure is filtered out by its status at query time. PostgreSQL: `ix_procedure_search_tsv`.
"""
from __future__ import annotations

from portal.core.fulltext import Index

PROCEDURES = Index(
    table="procedure", source="search_text", columns=("name", "other"),
    values=("CASE WHEN instr({s}, '|') > 0 THEN substr({s}, 1, instr({s}, '|') - 1) ELSE {s} END",
            "CASE WHEN instr({s}, '|') > 0 THEN replace(substr({s}, instr({s}, '|') + 1), '|', ' ') ELSE '' END"),
    weights="10.0, 1.0")
