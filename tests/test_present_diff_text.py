"""The one drawer of diffs (wikitui.present.diff_text): side by side, inline, plain marks,
header and stats, as `wikitui diff` prints them and the app's diff pane shows them."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.console import Console

from wikitui.diff import DiffResult, DiffRow, diff_texts
from wikitui.model import Page, Revision
from wikitui.present import diff_header as hdr
from wikitui.present import diff_text as out
from wikitui.present.comparison import Comparison
from wikitui.present.revision import intermediate_note

CONSOLE = Console(width=200, color_system=None, no_color=True, highlight=False)


def lines(
    result: DiffResult | None,
    width: int = 100,
    *,
    inline: bool = False,
    header: hdr.DiffHeader | None = None,
    marks: bool = True,
) -> list[str]:
    header = header or hdr.files_header(("old.txt", None), ("new.txt", None))
    layout = out.layout_diff(CONSOLE, width, header, result, inline=inline, marks=marks)
    return [line.rstrip() for line in layout.plain_lines()]


def rows(result: DiffResult, width: int = 100, *, inline: bool = False) -> list[str]:
    """The lines below the header."""
    header = hdr.files_header(("old.txt", None), ("new.txt", None))
    layout = out.layout_diff(CONSOLE, width, header, result, inline=inline, marks=True)
    return [line.rstrip() for line in layout.plain_lines()[layout.header_lines :]]


OLD = "lead\n== History ==\nThe pear was grown in Rome.\ntail"
NEW = "lead\n== History ==\nThe pear was grown in ancient Rome.\ntail"


def test_side_by_side_plain_has_marks_numbers_and_section() -> None:
    text = rows(diff_texts(OLD, NEW))
    assert text[0].split() == ["Line", "1:", "Line", "1:", "§", "History"]
    assert "The pear was grown in Rome." in "\n".join(text)  # old side: nothing removed
    changed = next(line for line in text if "{+" in line)
    assert "The pear was grown in{+ ancient+} Rome." in changed
    assert changed.lstrip().startswith("3 − ") and " 3 + " in changed


def test_inline_plain_shows_both_sides_in_place() -> None:
    text = rows(diff_texts("x\nThe cat sat.\ny", "x\nThe dog sat.\ny"), 80, inline=True)
    changed = next(line for line in text if "cat" in line)
    assert changed.split() == ["2", "2", "±", "The", "[-cat-]{+dog+}", "sat."]
    assert text[0] == "Line 1 → Line 1"


def test_one_marker_table_for_both_layouts() -> None:
    # Every row type has one mark per place, and the sides agree with the single column.
    for kind, marker in out.MARKERS.items():
        assert marker.inline.strip() in {marker.old.strip(), marker.new.strip()} | (
            {"±"} if kind == "change" else set()
        )
    middle = "\n".join("cdefghij")
    result = diff_texts(f"a\nb is here\n{middle}", f"a\n{middle}\nxyz")
    side = "\n".join(rows(result))
    single = "\n".join(rows(result, inline=True))
    assert " − b is here" in side and " + xyz" in side
    assert " − b is here" in single and " + xyz" in single


def test_wrapping_never_cuts_text() -> None:
    word = "Supercalifragilistic" * 4  # one 80-character word
    result = diff_texts(f"start {word} end", f"start {word} finish")
    text = rows(result, 50)
    assert all(len(line) <= 50 for line in text)
    # Folded over several lines in both columns: every letter of it is still there.
    joined = "".join(text)
    assert joined.count("S") == 8 and joined.count("c") == 8 * 2  # 2 per word
    single = rows(result, 40, inline=True)
    assert all(len(line) <= 40 for line in single)
    # One column: the gutter of continuation lines is blank, so the word reads on whole.
    assert "11±start" + word + "[-end-]{+finish+}" in "".join("".join(single[1:]).split())


def test_moves_and_split_halves_are_labelled() -> None:
    para = "This paragraph is long enough to be recognised when it moves elsewhere."
    result = diff_texts(f"{para}\na\nb\nc\nd", f"a\nb\nc\nd\n{para}")
    moved = "\n".join(rows(result, 160))
    assert "⤷ moved to line 5" in moved and "⤶ moved from line 1" in moved
    assert "\n".join(rows(result, 160, inline=True)).count("moved") == 2
    split = diff_texts(
        "A first sentence about pears and apples. A second sentence about plums.",
        "A first sentence about pears and apples.\n\nA second sentence about ripe plums.",
    )
    row = split.hunks[0].rows[-1]
    assert row.type == "add" and ("=", "A second sentence about") in row.spans
    builder = out.DiffLayoutBuilder(CONSOLE, 100, inline=False, marks=True)
    # The same emphasis on a split (or merge) half in both layouts: only the new words.
    assert builder.side_text(row, "+").plain == "A second sentence about{+ ripe+} plums."
    builder.inline = True
    assert builder.inline_text(row).plain == "A second sentence about{+ ripe+} plums."
    assert out.emphasises_words(row)
    assert not out.emphasises_words(DiffRow("add", None, 1, [("+", "all new")]))


def test_colour_emphasises_changed_words() -> None:
    row = DiffRow("change", 1, 1, [("=", "a "), ("-", "b"), ("+", "c")])
    builder = out.DiffLayoutBuilder(CONSOLE, 100, inline=False)
    old, new = builder.side_text(row, "-"), builder.side_text(row, "+")
    assert old.plain == "a b" and new.plain == "a c"
    assert old.style == out.DEFAULT_STYLES["diff--deleted"]
    word = [span for span in old.spans if old.plain[span.start : span.end] == "b"]
    assert word and word[0].style.strike  # type: ignore[union-attr]
    added = [span for span in new.spans if new.plain[span.start : span.end] == "c"]
    assert added and added[0].style.underline  # type: ignore[union-attr]


def test_identical_texts_say_so() -> None:
    for inline in (False, True):
        shown = lines(diff_texts("a", "a"), 80, inline=inline)
        assert shown[-1].strip() == "(No difference)"


def _page() -> Page:
    page = Page(title="Pear")
    stamps = ["2020-01-02T03:04:05", "2020-01-03T03:04:05", "2020-01-04T03:04:05"]
    for number, stamp in enumerate(stamps, start=40):
        page.add(
            Revision(
                number,
                number - 1 if number > 40 else 0,
                datetime.fromisoformat(stamp).replace(tzinfo=UTC),
                user="Alice" if number < 42 else "Bob",
                size=1234 + 10 * number,
                minor=number == 42,
                comment="/* Uses */ fix [[Pear|pears]] &amp; more" if number == 42 else "",
                tags=("mobile edit",) if number == 42 else (),
            )
        )
    return page


def test_revision_header_and_intermediate_line() -> None:
    header = hdr.header_for(Comparison(_page(), 0, 2))
    text = "\n".join(lines(None, 120, header=header))
    assert "Revision as of 03:04, 2 January 2020" in text
    assert "Latest revision as of 03:04, 4 January 2020" in text
    assert "Bob m · r42" in text and "→Uses: fix pears & more" in text
    assert "Tag: mobile edit" in text and "1,654 bytes (+20)" in text
    assert "(1 intermediate revision by 1 user not shown)" in text
    assert intermediate_note(3, 2) == "(3 intermediate revisions by 2 users not shown)"
    assert intermediate_note(0, 0) == ""
    created = hdr.header_for(Comparison(_page(), None, 0))
    assert "(page created)" in "\n".join(lines(None, 120, header=created))
    stacked = lines(None, 80, inline=True)
    assert stacked[0] == "--- old.txt" and "+++ new.txt" in stacked


def test_compact_header_is_two_rows_with_time_user_and_size_change() -> None:
    header = hdr.header_for(Comparison(_page(), 1, 2))
    layout = out.layout_diff(CONSOLE, 50, header, diff_texts("a", "b"), inline=True, compact=True)
    assert layout.header_lines == 2
    old, new = layout.plain_lines()[:2]
    assert old.startswith("--- 2020-01-03 03:04 (+10) Alice No edit summary")
    assert new.startswith("+++ 2020-01-04 03:04 (+10) Bob m →Uses: fix")
    assert new.endswith("…")  # the summary cut to fit
    assert all(len(line) == 50 for line in (old, new))


def test_stats_line() -> None:
    stats = diff_texts("one two\nx", "one three four\ny\nz").stats
    assert hdr.stats_line(stats) == (
        "+4 words −2 words · +9 bytes · lines: 1 changed, 2 added, 1 removed"
    )


def test_line_numbers_are_never_cut_when_the_new_side_has_more_digits() -> None:
    # 60 lines added on top, one changed at the end: the last row is old line 50, new line 110.
    old = "\n".join(f"line {n}" for n in range(1, 51))
    new = "\n".join(f"added {n}" for n in range(1, 61)) + "\n" + old.replace("line 50", "end")
    result = diff_texts(old, new)
    for inline in (False, True):
        text = "\n".join(rows(result, 100, inline=inline))
        assert "110" in text and "1…" not in text


def test_tall_context_folds_to_the_rows_nearest_the_change() -> None:
    long = " ".join(f"context{n}" for n in range(200))
    result = diff_texts(f"{long}\nold line\n{long}", f"{long}\nnew line\n{long}", context=1)
    header = hdr.files_header(("a", None), ("b", None))
    whole = out.layout_diff(CONSOLE, 80, header, result, inline=True)
    folded = out.layout_diff(CONSOLE, 80, header, result, inline=True, fold=True)
    plain = folded.plain_lines()
    assert len(folded.lines) < len(whole.lines) // 3
    folds = [plain[line] for line in folded.folds]
    assert len(folds) == 2 and all("more lines" in fold for fold in folds)
    # Above the change, the paragraph's last rows stay; below it, its first rows.
    change = folded.change_lines[0]
    assert "new line" in plain[change] or "old line" in plain[change]
    assert "context199" in plain[change - 1] and "context0 " in plain[change + 1]
    assert folded.folds[change - 1 - out.FOLD_KEEP] == (0, 0)
    # Expanded, the paragraph is whole again.
    opened = out.layout_diff(
        CONSOLE, 80, header, result, inline=True, fold=True, expanded=folded.folds.values()
    )
    assert opened.plain_lines() == whole.plain_lines()


def test_change_line_points_at_the_changed_words_of_a_long_paragraph() -> None:
    words = [f"word{n}" for n in range(120)]
    old = " ".join(words)
    new = " ".join([*words[:100], "CHANGED", *words[101:]])
    header = hdr.files_header(("a", None), ("b", None))
    layout = out.layout_diff(CONSOLE, 60, header, diff_texts(old, new), inline=True)
    text = layout.lines[layout.change_lines[0]].plain
    assert "CHANGED" in text or "word100" in text
    assert layout.change_lines[0] > layout.hunk_lines[0] + 5


def test_marks_a_view_puts_on_a_revision_show_in_the_header() -> None:
    from wikitui.present.revision import RowMark

    def marks(page: Page, index: int) -> list[RowMark]:
        if index == 1:
            return [RowMark("◆", place="lead"), RowMark("reverted by r42 (Bob)", "italic")]
        return []

    header = hdr.header_for(Comparison(_page(), 1, 2), marks)
    full = "\n".join(lines(None, 120, header=header))
    assert "reverted by r42 (Bob)" in full and "◆" not in full
    layout = out.layout_diff(CONSOLE, 120, header, None, inline=True, compact=True)
    assert "(+10) reverted by r42 (Bob) Alice" in layout.plain_lines()[0]
