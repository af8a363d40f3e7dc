"""The indexed words behind the typo try of the search (core.search_words, issue 16 point 3): pg_trgm on
PostgreSQL, the FTS5 vocabulary kept per process on SQLite; current after every change; the same corrections
on both engines as reading every searched row gave."""
from __future__ import annotations

from sqlalchemy import text

from portal.core import search_words
from portal.core.db import db
from portal.core.synonyms import correct, expand, words
from portal.procedures import queries
from tests.conftest import is_postgres
from tests.factories import amend_procedure, make_procedure
from tests.procedures.search_catalogue import build_catalogue


def fixes(typed: str, table: str = "procedure") -> set[str]:
    """The words a one-word query is corrected to."""
    groups = expand(typed)
    fixed = correct(groups, search_words.vocabulary(table))
    return {a[0] for a in fixed[0].alternatives} - {a[0] for a in groups[0].alternatives}


def found(query: str) -> list[str]:
    return [p.code for p in queries.search(query).items]


def test_a_new_procedures_word_is_corrected_to_as_soon_as_it_is_saved(app_ctx):
    make_procedure(name="Thủ tục đăng ký khai sinh")
    assert fixes("karaokw") == set()
    karaoke = make_procedure(code="1.001029.000.00.00.H17", name="Cấp giấy phép kinh doanh dịch vụ karaoke")
    assert fixes("karaokw") == {"karaoke"}
    assert found("karaokw") == [karaoke.code]


def test_a_renamed_or_deleted_procedures_word_is_no_longer_suggested(app_ctx):
    make_procedure(name="Thủ tục đăng ký khai sinh")
    guardian = make_procedure(code="1.004837.000.00.00.H17", name="Thủ tục đăng ký giám hộ")
    karaoke = make_procedure(code="1.001029.000.00.00.H17", name="Cấp giấy phép kinh doanh dịch vụ karaoke")
    assert fixes("giamm") == {"giam"} and fixes("karaokw") == {"karaoke"}
    amend_procedure(guardian, name="Thủ tục đăng ký nhận cha con")
    assert fixes("giamm") == set()  # 'giam' went with the old name
    assert fixes("nhann") == {"nhan"}  # the new name's words came
    db.session.execute(text("UPDATE procedure SET current_version_id = NULL WHERE id = :id"), {"id": karaoke.id})
    db.session.execute(text("DELETE FROM procedure WHERE id = :id"), {"id": karaoke.id})
    db.session.commit()
    assert fixes("karaokw") == set()
    assert found("karaokw") == []


def test_a_word_many_rows_hold_stays_until_the_last_one_goes(app_ctx):
    first = make_procedure(code="1.000001.000.00.00.H17", name="Đăng ký hộ kinh doanh")
    make_procedure(code="1.000002.000.00.00.H17", name="Tạm ngừng kinh doanh")
    amend_procedure(first, name="Đăng ký hộ tịch")
    assert fixes("doanhh") == {"doanh"}
    assert fixes("tichh") == {"tich"}


def test_the_corrections_are_those_of_every_searched_word(app_ctx):
    """Against the whole vocabulary read row by row (what the typo try did before): the same corrections, on
    both engines, for a typo of every catalogue word long enough to guess (a swap, a letter dropped, one
    changed, and two swaps for the long words)."""
    build_catalogue()
    every = {w for value in db.session.scalars(text("SELECT search_text FROM procedure")) for w in words(value)}
    typos = set()
    for word in sorted(every):
        if len(word) >= 4 and not word.isdigit():
            typos |= {word[1] + word[0] + word[2:], word[:-1], word[:2] + "x" + word[3:]}
            if len(word) >= 8:
                typos.add(word[1] + word[0] + word[2:5] + word[6] + word[5] + word[7:])
    vocabulary = search_words.vocabulary("procedure")
    differences = [t for t in sorted(typos) if correct(expand(t), vocabulary) != correct(expand(t), every)]
    assert differences == []
    assert len(typos) > 250


def test_sqlite_keeps_the_words_until_the_text_changes(app, app_ctx):
    make_procedure(name="Thủ tục đăng ký khai sinh")
    first = search_words.vocabulary("procedure")
    assert search_words.vocabulary("procedure") is first or is_postgres(app)
    make_procedure(code="1.004837.000.00.00.H17", name="Thủ tục đăng ký giám hộ")
    assert search_words.vocabulary("procedure") is not first
    assert "giam" in search_words.vocabulary("procedure").known(["giam", "giamm"])


def test_an_answer_is_corrected_to_once_published(app_ctx):
    from tests.feedback.test_answer_search import codes, publish

    assert fixes("chinhh", table="feedback") == set()
    fb = publish("Phản ánh đèn đường hỏng.", "Đã chấn chỉnh việc sửa đèn.", content="Nội dung riêng.")
    assert fixes("chinhh", table="feedback") == {"chinh"}
    assert codes("chan chinhh") == [fb.tracking_code]


def test_the_words_are_indexed_by_trigram_after_create_all(app, app_ctx):
    build_catalogue()
    if is_postgres(app):
        assert db.session.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")) == 1
        indexes = dict(db.session.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'ix_%_fts_words_trgm'")).all())
        assert set(indexes) == {"ix_procedure_fts_words_trgm", "ix_feedback_fts_words_trgm"}
        assert all("USING gin (word gin_trgm_ops) WITH (fastupdate=off)" in d for d in indexes.values())
        plan = _candidates_plan()
        assert "ix_procedure_fts_words_trgm" in plan
    else:
        names = set(db.session.scalars(text("SELECT name FROM sqlite_master")))
        assert {"procedure_fts_vocab", "procedure_fts_state", "procedure_fts_state_update",
                "feedback_fts_vocab", "feedback_fts_state_insert"} <= names


def _candidates_plan() -> str:
    """The candidates' query can use the trigram index (a table this small is cheaper to read whole, so the
    planner is told not to; VACUUM gives it the GIN index's statistics, as autovacuum does in production)."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE procedure_fts_words"))
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    db.session.execute(text("SET LOCAL enable_indexonlyscan = off"))
    rows = db.session.execute(text("EXPLAIN SELECT word FROM procedure_fts_words WHERE word % 'karaokw'")).scalars()
    plan = "\n".join(rows)
    db.session.rollback()
    return plan


def test_a_truncated_table_leaves_no_words(app, app_ctx):
    make_procedure(name="Thủ tục đăng ký khai sinh")
    assert fixes("sinhh") == {"sinh"}
    if is_postgres(app):
        db.session.execute(text("TRUNCATE procedure CASCADE"))
    else:
        db.session.execute(text("PRAGMA defer_foreign_keys=ON"))
        db.session.execute(text("DELETE FROM procedure"))
    db.session.commit()
    assert fixes("sinhh") == set()


def test_reindex_rebuilds_the_words(app, app_ctx):
    make_procedure(name="Thủ tục đăng ký khai sinh")
    if is_postgres(app):
        db.session.execute(text("DELETE FROM procedure_fts_words"))
    else:
        db.session.execute(text("DELETE FROM procedure_fts"))
        db.session.execute(text("UPDATE procedure_fts_state SET tag = random()"))
    db.session.commit()
    assert fixes("sinhh") == set()
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert fixes("sinhh") == {"sinh"}
