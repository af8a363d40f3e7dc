"""The pure parts of the search: query expansion (core.synonyms) and the relevance order (core.search)."""
from __future__ import annotations

from portal.core.search import fts5_query, relevance, split_document, tsquery
from portal.core.synonyms import Group, Words, allowed_typos, correct, edit_distance, expand, parse_table, table


def alternatives(query: str) -> list[set[str]]:
    return [{" ".join(p) for p in g.alternatives} for g in expand(query)]


def test_abbreviations_expand_and_keep_what_was_typed():
    assert alternatives("GPXD") == [{"gpxd", "giay phep xay dung"}]
    assert {"can cuoc", "cccd"} <= alternatives("cấp lại CCCD")[2]
    assert "ly lich tu phap" in alternatives("LLTP")[0]
    assert "giay chung nhan quyen su dung dat" in alternatives("GCN QSDĐ")[0]


def test_the_longest_phrase_wins_and_documents_mean_their_procedure():
    assert alternatives("giấy khai sinh") == [{"giay khai sinh", "khai sinh"}]
    assert alternatives("nhan cha con") == [{"nhan cha con", "nhan cha me con"}]


def test_i_and_y_are_one_spelling_with_or_without_a_line_in_the_file():
    assert alternatives("dang ki") == [{"dang"}, {"ki", "ky"}]
    assert alternatives("đăng ký") == [{"dang"}, {"ky", "ki"}]
    assert alternatives("chung thuc chu ki") == alternatives("chứng thực chữ ký")


def test_filler_goes_unless_nothing_else_is_left():
    assert alternatives("thủ tục xin làm giấy khai sinh") == [{"giay khai sinh", "khai sinh"}]
    assert alternatives("thủ tục") == [{"thu tuc"}]
    assert expand("%") == []


def test_the_file_is_folded_and_comments_are_ignored():
    parsed = parse_table(["# a comment = not a line", "Sổ Đỏ = giấy chứng nhận | bìa", "xin ="])
    assert parsed == {("so", "do"): (("giay", "chung", "nhan"), ("bia",)), ("xin",): ()}
    assert ("gpxd",) in table()


def test_typos_are_corrected_against_the_indexed_words_only():
    vocabulary = {"khai", "sinh", "ket", "hon", "chung", "thuc"}
    fixed = correct(expand("khai sihn"), vocabulary)
    assert ("sinh",) in fixed[1].alternatives
    assert correct(expand("ket hon"), vocabulary) == expand("ket hon")  # known words stay as they are
    assert correct(expand("kit"), vocabulary) == expand("kit")  # too short to guess
    assert edit_distance("sihn", "sinh") == 1 and edit_distance("abcd", "wxyz") == 3


def test_both_engines_receive_the_same_groups():
    groups = expand("dang ki khai si")
    assert fts5_query(groups) == '("dang") AND ("ki" OR "ky") AND ("khai") AND ("si" * OR "sy")'
    assert tsquery(groups, every=False) == "((dang)) | ((ki) | (ky)) | ((khai)) | ((si:*) | (sy))"


def test_relevance_prefers_the_name_side_by_side_and_short():
    groups = expand("dang ky khai sinh")
    plain = relevance(groups, split_document("thu tuc dang ky khai sinh|1.001193|ho tich"))
    again = relevance(groups, split_document("thu tuc dang ky lai khai sinh|1.004884|ho tich"))
    foreign = relevance(groups, split_document("thu tuc dang ky khai sinh co yeu to nuoc ngoai|2.000528|ho tich"))
    assert plain < foreign < again
    code = relevance(expand("1.001193"), split_document("x|1.001193|y"), ["1", "001193"])
    assert code < plain and Group(("x",), (("x",),)).typed == ("x",)


def test_the_trigram_filter_keeps_every_word_within_the_allowed_typos():
    """Words.near (and pg_trgm through core.search_words) may only drop words too far away: every edit that
    allowed_typos allows, at every place of words of 4 to 12 letters, keeps the word among the candidates."""
    import random

    rng = random.Random(16)
    letters = "abcdeghiklmnopqrstuvxy"
    vocabulary = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 12))) for _ in range(300)}
    near = Words(vocabulary)
    missed = []
    for word in sorted(vocabulary):
        for typed in _edits(word, allowed_typos(word), rng):
            limit = allowed_typos(typed)
            if limit and edit_distance(typed, word, limit) <= limit and word not in near.near(typed, limit):
                missed.append((typed, word))
    assert missed == []
    assert near.near("khai", 1) <= {w for w in vocabulary if abs(len(w) - 4) <= 1}


def _edits(word: str, times: int, rng) -> set[str]:
    """Words `times` random edits (swap, drop, change, insert) away from `word`, many of them."""
    found = set()
    for _ in range(40):
        typed = word
        for _ in range(times):
            i = rng.randrange(len(typed) - 1)
            kind = rng.choice("sdci")
            typed = {"s": typed[:i] + typed[i + 1] + typed[i] + typed[i + 2:], "d": typed[:i] + typed[i + 1:],
                     "c": typed[:i] + "z" + typed[i + 1:], "i": typed[:i] + "z" + typed[i:]}[kind]
        found.add(typed)
    return found
