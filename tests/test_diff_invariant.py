"""The JSON invariant, on generated texts: with all context, the rows rebuild both texts.

Rows that have an ``old_line`` rebuild the old text line by line from their ``=`` and ``-``
spans, rows that have a ``new_line`` rebuild the new text from ``=`` and ``+``, every line
exactly once.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wikitui.diff import diff_texts, diff_to_json
from wikitui.diff.json_form import diff_json_text
from wikitui.diff.tokens import split_lines

# A small vocabulary makes repeated lines, shared words, moves and near-misses likely.
WORDS = st.sampled_from(
    ["the", "pear", "tree", "Pyrus", "[[", "]]", "{{cite}}", ",", ".", " ", "  ", "中文", "é", ""]
)
LINES = st.lists(WORDS, max_size=8).map(" ".join)
TEXTS = st.lists(LINES, max_size=14)


@st.composite
def text_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """An old text and a new one made from it by edits, moves, splits and joins."""
    old_lines = draw(TEXTS)
    new_lines = list(old_lines)
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["insert", "delete", "edit", "move", "split", "join"]))
        if action == "insert" or not new_lines:
            new_lines.insert(draw(st.integers(0, len(new_lines))), draw(LINES))
            continue
        k = draw(st.integers(0, len(new_lines) - 1))
        if action == "delete":
            del new_lines[k]
        elif action == "edit":
            new_lines[k] = new_lines[k] + " " + draw(LINES)
        elif action == "move":
            new_lines.insert(draw(st.integers(0, len(new_lines) - 1)), new_lines.pop(k))
        elif action == "split":
            cut = draw(st.integers(0, len(new_lines[k])))
            new_lines[k : k + 1] = [new_lines[k][:cut], "", new_lines[k][cut:]]
        elif k + 1 < len(new_lines):
            new_lines[k : k + 2] = [new_lines[k] + " " + new_lines[k + 1]]
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    old = ending.join(old_lines) + draw(st.sampled_from(["", ending]))
    new = ending.join(new_lines) + draw(st.sampled_from(["", "\n"]))
    return old, new


def rebuilt(data: dict[str, Any], side: str) -> list[tuple[int, str]]:
    """(line number, text) of every row that has a line on this side, in row order."""
    key, skip = ("old_line", "+") if side == "old" else ("new_line", "-")
    return [
        (row[key], "".join(text for op, text in row["spans"] if op != skip))
        for hunk in data["hunks"]
        for row in hunk["rows"]
        if row[key] is not None
    ]


def check_invariant(old: str, new: str, pairing: str) -> None:
    result = diff_texts(old, new, None, pairing=pairing)  # type: ignore[arg-type]
    data = diff_to_json(result, {"path": "old"}, {"path": "new"})
    for side, text in (("old", old), ("new", new)):
        lines = rebuilt(data, side)
        numbers = [number for number, _ in lines]
        # Every line exactly once...
        assert sorted(numbers) == list(range(1, len(split_lines(text)) + 1))
        # ...and each row's spans give that line's text.
        assert [t for _, t in sorted(lines)] == split_lines(text)
    for hunk in data["hunks"]:
        for row in hunk["rows"]:
            assert row["type"] in {"context", "add", "delete", "change", "move-from", "move-to"}
            assert all(op in {"=", "-", "+"} for op, _ in row["spans"])
            if row["type"] == "move-from":
                assert row["new_line"] is None and row["moved_to"] is not None
            if row["type"] == "move-to":
                assert row["old_line"] is None and row["moved_from"] is not None


@settings(max_examples=300, deadline=None)
@given(text_pairs())
def test_rows_rebuild_both_texts(pair: tuple[str, str]) -> None:
    check_invariant(*pair, "similarity")


@settings(max_examples=150, deadline=None)
@given(text_pairs())
def test_rows_rebuild_both_texts_with_wikidiff2_pairing(pair: tuple[str, str]) -> None:
    check_invariant(*pair, "wikidiff2")


@settings(max_examples=100, deadline=None)
@given(TEXTS.map("\n".join), TEXTS.map("\n".join))
def test_unrelated_texts_rebuild_too(old: str, new: str) -> None:
    check_invariant(old, new, "similarity")


@settings(max_examples=100, deadline=None)
@given(text_pairs(), st.integers(0, 3))
def test_hunks_with_context_are_consecutive_runs(pair: tuple[str, str], context: int) -> None:
    result = diff_texts(*pair, context)
    previous_end = 0
    for hunk in result.hunks:
        assert any(row.type != "context" for row in hunk.rows)
        old_numbers = [row.old_line for row in hunk.rows if row.old_line is not None]
        # A hunk's old lines are consecutive, apart from moved-away ones shown elsewhere...
        assert old_numbers == sorted(old_numbers)
        if old_numbers:
            assert hunk.old_line == old_numbers[0]
            assert old_numbers[0] > previous_end
            previous_end = old_numbers[-1]
        # ...and at most `context` unchanged rows lead or trail a hunk.
        leading = next(i for i, row in enumerate(hunk.rows) if row.type != "context")
        trailing = next(i for i, row in enumerate(reversed(hunk.rows)) if row.type != "context")
        assert leading <= context and trailing <= context


@settings(max_examples=150, deadline=None)
@given(text_pairs(), st.sampled_from([None, 0, 2]))
def test_json_text_is_the_standard_encoders_text_of_the_json_form(
    pair: tuple[str, str], context: int | None
) -> None:
    """``wikitui diff --json`` writes its text straight from the diff: the text must be what
    ``json.dumps`` makes of :func:`diff_to_json`'s dicts, whatever the diff holds."""
    result = diff_texts(*pair, context)
    from_info = {"path": "old", "size": len(pair[0])}
    to_info = {"rev_id": 3, "minor": True, "tags": ["mw-undo"], "comment": None}
    expected = json.dumps(diff_to_json(result, from_info, to_info), ensure_ascii=False, indent=1)
    assert diff_json_text(result, from_info, to_info) == expected
    assert diff_json_text(result, None, to_info) == json.dumps(
        diff_to_json(result, None, to_info), ensure_ascii=False, indent=1
    )
