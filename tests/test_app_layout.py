"""Unit tests of the app's pure helpers: labels, the diff layout, grouping, sparkline, URLs."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style

from wikitui.diff.model import DiffResult, DiffRow, DiffStats, Hunk
from wikitui.model import Page, Revision
from wikitui.present.comparison import Comparison, comparison_for, heading_lines
from wikitui.present.diff_header import header_for
from wikitui.present.diff_text import layout_diff
from wikitui.present.grouping import group_ranges
from wikitui.present.revision import delta_text, intermediate, summary_text
from wikitui.present.sparkline import bucket_deltas
from wikitui.screens.main import diff_url
from wikitui.sources import open_source

DATA_API = Path(__file__).parent / "data" / "sources" / "api"


def page_of(*specs: tuple[int, int | None, str, int]) -> Page:
    """A page from (rev_id, parent_id, ISO date, size) tuples, oldest first."""
    page = Page(title="Test", site="en.wikipedia.org")
    for rev_id, parent_id, date, size in specs:
        page.add(
            Revision(
                rev_id=rev_id,
                parent_id=parent_id,
                user=f"user{rev_id}",
                timestamp=datetime.fromisoformat(date).replace(tzinfo=UTC),
                size=size,
            )
        )
    return page


def test_summary_shows_section_links_as_arrows_and_links_by_label() -> None:
    text = summary_text("/* History */ fix [[Pear|pears]] and [[apple]]")
    assert text.plain == "→History: fix pears and apple"  # as `wikitui list` reads it
    assert summary_text(None).plain == ""
    assert summary_text("x", hidden=True).plain == "(edit summary removed)"


def test_delta_colours_like_the_history_page() -> None:
    assert (delta_text(12).plain, str(delta_text(12).style)) == ("(+12)", "green")
    big = delta_text(-600)
    assert big.plain == "(−600)" and isinstance(big.style, Style)
    assert (big.style.color and big.style.color.name, big.style.bold) == ("red", True)
    assert (delta_text(0).plain, str(delta_text(0).style)) == ("(0)", "dim")
    assert delta_text(None).plain == "(?)"


def test_intermediate_counts_revisions_and_distinct_users_between() -> None:
    page = page_of(
        (1, 0, "2020-01-01", 10),
        (2, 1, "2020-01-02", 11),
        (3, 2, "2020-01-03", 12),
        (4, 3, "2020-01-04", 13),
    )
    page.revisions[2].user = page.revisions[1].user  # revisions 2 and 3 by the same user
    assert intermediate(page, 0, 3).describe() == ("(2 intermediate revisions by 1 user not shown)")
    assert intermediate(page, 2, 3).describe() is None


def test_comparison_uses_the_parent_or_a_base_older_side_first() -> None:
    page = page_of((1, 0, "2020-01-01", 10), (2, 1, "2020-01-02", 11), (3, 1, "2020-01-03", 9))
    # Revision 3's parent is revision 1 (a revert), not the previous revision.
    assert comparison_for(page, 2).old_index == 0
    assert comparison_for(page, 0).old_index is None  # a page creation
    based = comparison_for(page, 0, base=2)
    assert (based.old_index, based.new_index) == (0, 2)
    assert diff_url(comparison_for(page, 1)) == (
        "https://en.wikipedia.org/w/index.php?diff=2&oldid=1"
    )
    assert diff_url(comparison_for(page, 0)) == "https://en.wikipedia.org/w/index.php?oldid=1"


def test_header_notes_a_parent_missing_from_the_file() -> None:
    page = page_of((10, 0, "2024-12-11T19:33:00", 100), (99, 50, "2024-12-24T19:14:00", 130))
    header = header_for(comparison_for(page, 1))
    assert header.between == (
        "(intermediate revisions not in this file: the parent r50 is missing)"
    )
    assert header.new.title == "Latest revision as of 19:14, 24 December 2024"
    assert header.new.delta == 30


def test_layout_wraps_long_rows_without_losing_a_character() -> None:
    words = [f"word{n}" for n in range(60)]
    old = " ".join(words)
    new = " ".join([*words[:30], "CHANGED", *words[31:]])
    row = DiffRow(
        "change",
        1,
        1,
        [
            ("=", " ".join(words[:30]) + " "),
            ("-", "word30"),
            ("+", "CHANGED"),
            ("=", " " + " ".join(words[31:])),
        ],
    )
    result = DiffResult([Hunk(1, 1, "History", [row])], DiffStats(words_added=1, words_removed=1))
    page = page_of((1, 0, "2020-01-01", len(old)), (2, 1, "2020-01-02", len(new)))
    console = Console(width=80)
    for inline in (False, True):
        layout = layout_diff(console, 80, header_for(Comparison(page, 0, 1)), result, inline=inline)
        rows = [layout.lines[i] for i, hunk in enumerate(layout.line_hunks) if hunk == 0]
        texts = [line.plain for line in rows]
        assert all(len(text) == 80 for text in texts)  # every line fills the pane exactly
        assert texts[0].startswith("Line 1") and "§ History" in texts[0]
        body = " ".join(" ".join(t.split()) for t in texts[1:])
        for word in words:
            assert word in body  # wrapped, never cut
        assert "CHANGED" in body
        assert len(rows) > 3  # 60 words do not fit on one 80-column line


def test_group_ranges_split_a_history_by_year_and_month() -> None:
    page = page_of(
        (1, 0, "2019-12-30", 1),
        (2, 1, "2020-01-05", 1),
        (3, 2, "2020-01-20", 1),
        (4, 3, "2020-03-01", 1),
    )
    assert group_ranges(page, 0, 4, "year") == [(2019, 0, 1), (2020, 1, 4)]
    assert group_ranges(page, 1, 4, "month") == [((2020, 1), 1, 3), ((2020, 3), 3, 4)]


def test_sparkline_buckets_keep_largest_growth_and_shrinkage() -> None:
    page = page_of(
        (1, 0, "2020-01-01", 100),
        (2, 1, "2020-01-02", 150),
        (3, 2, "2020-01-03", 120),
        (4, 3, "2020-01-04", 125),
    )
    buckets = bucket_deltas(page, 2)
    # Deltas: +100 (creation), +50, −30, +5 → buckets [rev 1-2], [rev 3-4].
    assert buckets.growth == [100, 5]
    assert buckets.shrink == [0, 30]
    assert buckets.starts == [0, 2]


def test_heading_lines_find_rendered_headings_in_order_with_their_path() -> None:
    class Section:
        def __init__(self, level: int, title: str) -> None:
            self.level, self.title = level, title

    plain = "Lead\nHistory\nText\nEarly days\nMore\nSee also\nHistory"
    sections = [Section(2, "History"), Section(3, "Early days"), Section(2, "See also")]
    assert heading_lines(plain, sections) == [
        (2, "History"),
        (4, "History › Early days"),
        (6, "See also"),
    ]


@pytest.mark.parametrize(
    "module",
    [
        "wikitui.present.revision",
        "wikitui.present.comparison",
        "wikitui.present.diff_text",
        "wikitui.present.cells",
        "wikitui.present.visible",
    ],
)
def test_layout_helpers_do_not_import_textual(module: str) -> None:
    # The app's logic that is not drawing stays usable (and testable) without Textual.
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_fetch_prompt_reads_a_title_or_a_host_and_title() -> None:
    from wikitui.fetch.request import FetchRequest, parse_fetch_answer

    assert parse_fetch_answer("Pear") == FetchRequest("Pear", "en.wikipedia.org")
    birne = FetchRequest("Birne", "de.wikipedia.org")
    assert parse_fetch_answer(" de.wikipedia.org:Birne ") == birne
    assert parse_fetch_answer("Talk:Pear") == FetchRequest("Talk:Pear", "en.wikipedia.org")
    assert parse_fetch_answer("Wikipedia:Village pump") == FetchRequest(
        "Wikipedia:Village pump", "en.wikipedia.org"
    )


def test_first_revision_of_an_excerpt_is_not_called_a_creation() -> None:
    # r38 is the oldest revision in this API excerpt; its parent r37 was not exported.
    page = open_source(DATA_API / "anarchism-fv2-slots-page1.json").pages[0]
    header = header_for(comparison_for(page, 0))
    assert header.old is None
    assert page.revisions[0].parent_id == 37
    assert header.no_old == "(parent r37 is not in this file)"
