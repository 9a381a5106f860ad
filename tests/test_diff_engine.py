"""The diff engine on small texts whose expected diffs were worked out by hand."""

from __future__ import annotations

import pytest

from wikitui.diff import DiffRow, diff_texts, diff_to_json, moves, similarity
from wikitui.diff.align import _bit_parallel_lcs, _myers, align_lines
from wikitui.diff.tokens import split_lines, tokenize


def rows(old: str, new: str, context: int | None = None) -> list[DiffRow]:
    """Every row of the diff, hunks flattened."""
    return [row for hunk in diff_texts(old, new, context).hunks for row in hunk.rows]


def changed(old: str, new: str) -> list[tuple[str, int | None, int | None]]:
    return [(r.type, r.old_line, r.new_line) for r in rows(old, new) if r.type != "context"]


# -- tokens ------------------------------------------------------------------------------------


def test_split_lines_follows_wikidiff2() -> None:
    assert split_lines("") == []
    assert split_lines("a") == ["a"]
    assert split_lines("a\n") == ["a"]
    assert split_lines("a\n\n") == ["a", ""]
    assert split_lines("a\r\nb\r\n") == ["a", "b"]
    assert split_lines("\n") == [""]


def test_words_spaces_and_punctuation_are_tokens() -> None:
    assert tokenize("Hello, wörld [[Link|x]]") == [
        "Hello",
        ",",
        " ",
        "wörld",
        " ",
        "[",
        "[",
        "Link",
        "|",
        "x",
        "]",
        "]",
    ]
    # Digits and underscores belong to words; the dot does not.
    assert tokenize("v1_2.5") == ["v1_2", ".", "5"]


def test_scripts_without_spaces_are_split_per_character() -> None:
    assert tokenize("中文字") == ["中", "文", "字"]
    assert tokenize("ไทย") == ["ไ", "ท", "ย"]
    assert tokenize("カタカナ") == ["カ", "タ", "カ", "ナ"]
    # Cyrillic uses spaces: one word.
    assert tokenize("статус") == ["статус"]


# -- alignment -----------------------------------------------------------------------------------


def test_bit_parallel_lcs_agrees_with_myers_on_length() -> None:
    a, b = "ABCBDAB" * 3, "BDCABA" * 3
    bit_a, bit_b = _bit_parallel_lcs(a, b)
    (my_a, my_b), _ = _myers(a, b, 0.0)
    assert bit_a.count(False) == my_a.count(False) == bit_b.count(False) == my_b.count(False)
    kept = [ch for ch, flag in zip(a, bit_a, strict=True) if not flag]
    assert kept == [ch for ch, flag in zip(b, bit_b, strict=True) if not flag]


def test_inserted_paragraph_takes_the_blank_line_before_it() -> None:
    # Old: A, "", B. New: A, "", X, "", B. Either blank line could be "the new one";
    # wikidiff2 marks the first, so the inserted lines are 2 ("") and 3 (X).
    alignment = align_lines(["A", "", "B"], ["A", "", "X", "", "B"])
    assert alignment.b_changed == [False, True, True, False, False]


# -- whole-text cases ------------------------------------------------------------------------------


def test_identical_texts_have_no_hunks() -> None:
    result = diff_texts("a\nb\n", "a\nb\n")
    assert result.identical
    assert result.hunks == []
    assert result.stats.bytes_delta == 0


def test_identical_texts_with_all_context_list_every_line() -> None:
    result = diff_texts("a\nb", "a\nb", None)
    assert [(r.type, r.old_line, r.new_line) for r in result.hunks[0].rows] == [
        ("context", 1, 1),
        ("context", 2, 2),
    ]


def test_page_creation_and_blanking() -> None:
    assert changed("", "a\n\nb") == [("add", None, 1), ("add", None, 2), ("add", None, 3)]
    assert changed("a\nb", "") == [("delete", 1, None), ("delete", 2, None)]
    created = diff_texts("", "one two")
    assert created.stats.words_added == 2
    assert created.stats.chars_added == 7
    assert created.stats.lines_added == 1
    assert created.hunks[0].old_line == 1 and created.hunks[0].new_line == 1


def test_crlf_and_missing_final_newline_are_not_changes() -> None:
    result = diff_texts("a\r\nb\r\n", "a\nb")
    assert result.hunks == []
    assert result.identical
    assert any("CRLF" in note for note in result.notes)
    assert any("no newline at its end" in note for note in result.notes)


def test_one_word_change_in_a_long_paragraph_marks_that_word() -> None:
    words = [f"word{k}" for k in range(400)]
    old = " ".join(words)
    words[200] = "changed"
    new = " ".join(words)
    (row,) = rows(old, new)
    assert row.type == "change"
    assert [span for span in row.spans if span[0] != "="] == [("-", "word200"), ("+", "changed")]
    assert row.old_text() == old and row.new_text() == new


def test_word_diff_matches_wikidiff2_case_001_changed_line() -> None:
    (row,) = [
        r for r in rows("x\nblah blah blah 1\n", "x\nblah blah blah 2\n") if r.type != "context"
    ]
    assert row.spans == [("=", "blah blah blah "), ("-", "1"), ("+", "2")]


def test_dissimilar_lines_are_deleted_and_added_not_changed() -> None:
    assert changed("intro\nThe cat sat.\nend", "intro\nQuantum flux!\nend") == [
        ("delete", 2, None),
        ("add", None, 2),
    ]


def test_similar_lines_pair_by_similarity_not_by_position() -> None:
    # One paragraph is edited and a new one is inserted before it: the edited paragraph
    # pairs with its new version (line 3), not with the inserted line 2.
    old = "head\nThe quick brown fox jumps over the lazy dog.\ntail"
    new = "head\nSomething else entirely!\nThe quick brown fox leaps over the lazy dog.\ntail"
    assert changed(old, new) == [("add", None, 2), ("change", 2, 3)]


def test_moved_paragraph_is_linked_both_ways() -> None:
    para = "This paragraph is long enough to be recognised when it moves elsewhere."
    old = f"{para}\na\nb\nc\nd\ne"
    new = f"a\nb\nc\nd\ne\n{para} Now edited."
    result = rows(old, new)
    move_from = next(r for r in result if r.type == "move-from")
    move_to = next(r for r in result if r.type == "move-to")
    assert (move_from.old_line, move_from.moved_to) == (1, 6)
    assert (move_to.new_line, move_to.moved_from) == (6, 1)
    # Where the insertion could sit at two places, wikidiff2 (checked with php-wikidiff2
    # 1.13.0) puts it at the earlier one: ". Now edited" + ".", not "." + " Now edited.".
    assert ("+", ". Now edited") in move_to.spans
    assert move_to.new_text() == f"{para} Now edited."
    assert move_from.old_text() == para
    assert diff_texts(old, new).stats.paragraphs_moved == 1


def test_no_moves_looked_for_past_the_cutoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(moves, "MAX_MOVED_LINES", 3)
    para = "This paragraph is long enough to be recognised when it moves elsewhere."
    old = f"{para}\na\nb\nc\nx1\nx2"
    new = f"a\nb\nc\n{para}\ny1\ny2"
    result = diff_texts(old, new, None)
    assert all(not r.type.startswith("move") for h in result.hunks for r in h.rows)
    assert any("moved paragraphs were not looked for" in note for note in result.notes)


def test_split_paragraph_keeps_the_second_half_as_unchanged_words() -> None:
    old = "A first sentence about pears and apples. A second sentence about plums."
    new = "A first sentence about pears and apples.\n\nA second sentence about ripe plums."
    result = diff_texts(old, new, None)
    flat = [r for h in result.hunks for r in h.rows]
    assert [(r.type, r.old_line, r.new_line) for r in flat] == [
        ("change", 1, 1),
        ("add", None, 2),
        ("add", None, 3),
    ]
    # (An insertion that could sit at two places goes to the earlier one, as in wikidiff2.)
    assert flat[2].spans == [
        ("=", "A second sentence about"),
        ("+", " ripe"),
        ("=", " plums."),
    ]
    # Only " ripe" (and the removed space between the sentences) counts as changed.
    assert result.stats.words_added == 1
    assert result.stats.chars_added == len(" ripe")
    assert result.stats.chars_removed == 1


def test_merged_paragraphs_mirror_the_split() -> None:
    old = "A first sentence about pears and apples.\n\nA second sentence about ripe plums."
    new = "A first sentence about pears and apples. A second sentence about plums."
    flat = rows(old, new)
    assert [(r.type, r.old_line, r.new_line) for r in flat] == [
        ("change", 1, 1),
        ("delete", 2, None),
        ("delete", 3, None),
    ]
    assert ("-", " ripe") in flat[2].spans


def test_too_complex_line_pair_falls_back_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "MAX_WORD_LEVEL_COMPLEXITY", 10)
    old = "x\none two three four five six\ny"
    new = "x\none two 3 four five 6\ny"
    (row,) = [r for r in rows(old, new) if r.type != "context"]
    assert row.type == "change"  # wikidiff2 still pairs the lines
    assert row.spans == [("-", "one two three four five six"), ("+", "one two 3 four five 6")]
    assert any("too long to compare word by word" in n for n in diff_texts(old, new).notes)


# -- hunks and sections -------------------------------------------------------------------------


def test_hunks_have_context_and_merge_when_close() -> None:
    old = "\n".join(f"line {k}" for k in range(1, 21))
    new_lines = [f"line {k}" for k in range(1, 21)]
    new_lines[4] = "line five"  # line 5
    new_lines[8] = "line nine"  # line 9: 3 unchanged lines apart -> same hunk with context 2
    new_lines[17] = "line eighteen"  # line 18: far away -> its own hunk
    result = diff_texts(old, "\n".join(new_lines), 2)
    assert [(h.old_line, h.new_line) for h in result.hunks] == [(3, 3), (16, 16)]
    assert [r.old_line for r in result.hunks[0].rows] == list(range(3, 12))
    assert [r.old_line for r in result.hunks[1].rows] == [16, 17, 18, 19, 20]
    assert len(diff_texts(old, "\n".join(new_lines), 0).hunks) == 3


def test_hunk_starting_with_an_addition_names_the_next_old_line() -> None:
    result = diff_texts("a\nb\nc", "a\nnew\nb\nc", 0)
    (hunk,) = result.hunks
    assert (hunk.old_line, hunk.new_line) == (2, 2)


def test_hunks_are_labelled_with_their_section_path() -> None:
    old = "lead\n== History ==\nintro\n=== Soviet era ===\nold text\n== Trade ==\nmore"
    new = "lead\n== History ==\nintro\n=== Soviet era ===\nnew text\n== Trade ==\nmore"
    (hunk,) = diff_texts(old, new, 0).hunks
    assert hunk.section == "History › Soviet era"
    deleted = diff_texts(old, old.replace("\n== Trade ==\nmore", ""), 0)
    assert deleted.hunks[0].section == "Trade"
    assert diff_texts("lead", "lead changed", 0).hunks[0].section is None


# -- stats and JSON ----------------------------------------------------------------------------


def test_stats_count_words_characters_bytes_and_lines() -> None:
    old = "Der Apfel ist rot.\nzwei\ndrei"
    new = "Der Apfel ist grün und süß.\ndrei\nvier"
    stats = diff_texts(old, new).stats
    # "rot" -> "grün und süß": 1 word removed, 3 added; "zwei" removed; "vier" added.
    assert (stats.words_removed, stats.words_added) == (2, 4)
    assert stats.chars_removed == len("rot") + len("zwei")
    assert stats.chars_added == len("grün und süß") + len("vier")
    assert stats.bytes_delta == len(new.encode()) - len(old.encode())
    assert (stats.lines_changed, stats.lines_removed, stats.lines_added) == (1, 1, 1)


def test_json_form_has_the_documented_keys() -> None:
    data = diff_to_json(diff_texts("a\nb", "a\nc"), {"path": "old"}, {"path": "new"})
    assert set(data) == {"from", "to", "stats", "notes", "hunks"}
    assert set(data["stats"]) == {
        "words_added",
        "words_removed",
        "chars_added",
        "chars_removed",
        "bytes_delta",
        "lines_added",
        "lines_removed",
        "lines_changed",
        "paragraphs_moved",
    }
    (hunk,) = data["hunks"]
    assert set(hunk) == {"old_line", "new_line", "section", "rows"}
    # "b" and "c" share nothing: a deleted line and an added line, not a change.
    assert hunk["rows"][1:] == [
        {"type": "delete", "old_line": 2, "new_line": None, "spans": [["-", "b"]]},
        {"type": "add", "old_line": None, "new_line": 2, "spans": [["+", "c"]]},
    ]
    moved = diff_to_json(
        diff_texts(
            "This paragraph is long enough to move.\nx\ny\nz",
            "x\ny\nz\nThis paragraph is long enough to move.",
        ),
        None,
        {"path": "new"},
    )
    move_rows = [r for h in moved["hunks"] for r in h["rows"] if r["type"].startswith("move")]
    assert {r["type"]: r.get("moved_to", r.get("moved_from")) for r in move_rows} == {
        "move-from": 4,
        "move-to": 1,
    }
    assert moved["from"] is None


# -- big inputs ----------------------------------------------------------------------------------


def test_a_megabyte_rewrite_finishes_and_keeps_every_line() -> None:
    old = "\n".join(f"Paragraph {k} says something about topic {k % 97}." for k in range(20000))
    new = "\n".join(f"Paragraph {k} tells a story about topic {k % 89}." for k in range(20000))
    assert len(old) > 900_000
    result = diff_texts(old, new, None)
    flat = [r for h in result.hunks for r in h.rows]
    assert sum(1 for r in flat if r.old_line is not None) == 20000
    assert sum(1 for r in flat if r.new_line is not None) == 20000


def test_a_very_long_single_line() -> None:
    old = " ".join(f"w{k}" for k in range(30000))
    new = old.replace("w15000 ", "w15000 inserted ")
    (row,) = rows(old, new)
    assert [span for span in row.spans if span[0] != "="] == [("+", " inserted")]


def test_chinese_and_thai_changes_mark_single_characters() -> None:
    (row,) = rows("中文字典", "中文学典")
    assert row.spans == [("=", "中文"), ("-", "字"), ("+", "学"), ("=", "典")]
    (row,) = rows("สุนัขกินข้าว", "สุนัขกินน้ำ")
    assert row.type == "change"
    assert "".join(text for op, text in row.spans if op == "=").startswith("สุนัขกิน")


def test_wikidiff2_pairing_puts_the_added_line_first() -> None:
    old, new = "intro\nThe cat sat.\nend", "intro\nQuantum flux!\nend"
    strict = diff_texts(old, new, None, pairing="wikidiff2")
    assert [(r.type, r.old_line, r.new_line) for r in strict.hunks[0].rows][1:3] == [
        ("add", None, 2),
        ("delete", 2, None),
    ]


def test_diffs_are_deterministic_for_caching() -> None:
    old = "a\n\nThe quick brown fox.\n\nb\n\nSome text moved about here.\n"
    new = "a\n\nSome text moved about here, edited.\n\nThe quick red fox.\n\nb\n"
    first, second = diff_texts(old, new), diff_texts(old, new)
    assert first == second


def test_a_line_sharing_only_punctuation_is_not_part_of_a_split() -> None:
    # From the seed article: the draft's first line lost its AfC templates and gained a
    # "Draft topics" line above. The two share only "{{", "|" and "}}": an added line, not
    # the half of a split paragraph with "=" braces in it.
    infobox = "{{Infobox bilateral relations|Azerbaijan-South Korea|Azerbaijan|South Korea}}"
    old = "{{AfC submission|||ts=20241211192932|u=Nuritae331|ns=118}}" + infobox
    new = "{{Draft topics|biography|east-asia|society}}\n" + infobox
    rows = [row for hunk in diff_texts(old, new).hunks for row in hunk.rows]
    added = next(row for row in rows if row.new_line == 1)
    assert added.type == "add"
    assert added.spans == [("+", "{{Draft topics|biography|east-asia|society}}")]
