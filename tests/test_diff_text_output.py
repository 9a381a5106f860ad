"""The terminal layouts of a diff: side by side, inline, plain marks, header and stats."""

from __future__ import annotations

from rich.console import Console, RenderableType

from wikitui.diff import DiffRow, diff_texts
from wikitui.diff import text_output as out


def render(renderable: RenderableType, width: int = 100) -> str:
    console = Console(width=width, color_system=None, no_color=True, highlight=False)
    with console.capture() as capture:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in capture.get().splitlines())


OLD = "lead\n== History ==\nThe pear was grown in Rome.\ntail"
NEW = "lead\n== History ==\nThe pear was grown in ancient Rome.\ntail"


def test_side_by_side_plain_has_marks_numbers_and_section() -> None:
    text = render(out.side_by_side(diff_texts(OLD, NEW), 100, color=False))
    lines = text.splitlines()
    assert lines[0].split() == ["Line", "1:", "§", "History", "Line", "1:"]
    assert "The pear was grown in Rome." in text  # old side: nothing removed
    assert "The pear was grown in{+ ancient+} Rome." in text
    changed = next(line for line in lines if "{+" in line)
    assert changed.lstrip().startswith("3 -") and " 3 + " in changed


def test_inline_plain_shows_both_sides_in_place() -> None:
    old = "x\nThe cat sat.\ny"
    new = "x\nThe dog sat.\ny"
    text = render(out.inline(diff_texts(old, new), 80, color=False))
    changed = next(line for line in text.splitlines() if "cat" in line)
    assert changed.split() == ["~", "2", "2", "The", "[-cat-]{+dog+}", "sat."]
    assert "Line 1 → Line 1" in text


def test_wrapping_never_cuts_text() -> None:
    word = "Supercalifragilistic" * 4  # one 80-character word
    old = f"start {word} end"
    new = f"start {word} finish"
    text = render(out.side_by_side(diff_texts(old, new), 50, color=False), 50)
    assert all(len(line) <= 50 for line in text.splitlines())
    # Folded over several lines in both columns: every letter of it is still there.
    assert text.count("S") == 8 and text.count("c") == 8 * 2  # 2 per "Supercalifragilistic"
    single = render(out.inline(diff_texts(old, new), 40, color=False), 40)
    assert all(len(line) <= 40 for line in single.splitlines())
    # One column: the gutter of continuation lines is blank, so the word reads on whole.
    assert "~11start" + word + "[-end-]{+finish+}" in "".join(single.split())


def test_moves_and_split_halves_are_labelled() -> None:
    para = "This paragraph is long enough to be recognised when it moves elsewhere."
    result = diff_texts(f"{para}\na\nb\nc\nd", f"a\nb\nc\nd\n{para}")
    moved = render(out.side_by_side(result, 160, color=False), 160)
    assert "(moved to line 5)" in moved and "(moved from line 1)" in moved
    split = diff_texts(
        "A first sentence about pears and apples. A second sentence about plums.",
        "A first sentence about pears and apples.\n\nA second sentence about ripe plums.",
    )
    row = split.hunks[0].rows[-1]
    assert row.type == "add" and ("=", "A second sentence about") in row.spans
    assert out.side_text(row, "new", out.PLAIN, False).plain == (
        "A second sentence about{+ ripe+} plums."
    )


def test_colour_emphasises_changed_words() -> None:
    row = DiffRow("change", 1, 1, [("=", "a "), ("-", "b"), ("+", "c")])
    old = out.side_text(row, "old", out.COLOR, True)
    new = out.side_text(row, "new", out.COLOR, True)
    assert old.plain == "a b" and new.plain == "a c"
    assert [(old.plain[s.start : s.end], str(s.style)) for s in old.spans] == [
        ("a ", out.COLOR.deleted_line),
        ("b", out.COLOR.deleted_word),
    ]
    assert (new.plain[2:3], str(new.spans[-1].style)) == ("c", out.COLOR.added_word)


def test_identical_texts_say_so() -> None:
    assert render(out.side_by_side(diff_texts("a", "a"), 80, color=False)) == "(No difference)"
    assert render(out.inline(diff_texts("a", "a"), 80, color=False)) == "(No difference)"


def test_revision_header_and_intermediate_line() -> None:
    info = {
        "rev_id": 42,
        "timestamp": "2020-01-02T03:04:05Z",
        "user": "Alice",
        "minor": True,
        "comment": "fix",
        "size": 1234,
        "delta": -56,
        "tags": ["mobile edit"],
    }
    text = render(out.revision_header(None, info, between=(3, 2), color=False), 120)
    assert "(no previous revision: page created)" in text
    assert "Revision as of 2020-01-02 03:04:05 UTC  #42" in text
    assert "m (fix)" in text and "1,234 bytes (−56)" in text and "Tags: mobile edit" in text
    assert "(3 intermediate revisions by 2 users not shown)" in text
    assert out.intermediate_note(1, 1) == "(1 intermediate revision by 1 user not shown)"
    assert out.intermediate_note(0, 0) == ""
    stacked = render(
        out.revision_header({"path": "old.txt", "size": 3}, {"path": "new.txt"}, layout="inline"),
        80,
    )
    assert stacked.splitlines()[0] == "--- old.txt"
    assert "+++ new.txt" in stacked


def test_stats_line() -> None:
    stats = diff_texts("one two\nx", "one three four\ny\nz").stats
    assert render(out.stats_line(stats, out.PLAIN)) == (
        "+4 words −2 words · +9 bytes · lines: 1 changed, 2 added, 1 removed"
    )


def test_line_numbers_are_never_cut_when_the_new_side_has_more_digits() -> None:
    # 60 lines added on top, one changed at the end: the last row is old line 50, new line 110.
    old = "\n".join(f"line {n}" for n in range(1, 51))
    new = "\n".join(f"added {n}" for n in range(1, 61)) + "\n" + old.replace("line 50", "end")
    result = diff_texts(old, new)
    console = Console(width=100, color_system=None, record=True)
    for layout in (out.side_by_side, out.inline):
        console.print(layout(result, 100, color=False))
    text = console.export_text()
    assert "110" in text and "1…" not in text
