"""The Article API the app and the CLI use: layout per width, section lines, rich rendering."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.segment import Segment

from wikitui.render import ArticleSection, render_wikitext

DATA = Path(__file__).parent / "data" / "render"
TEXT = """Lead paragraph with enough words to wrap at a narrow width of forty columns.

== First ==
Body one.

=== Inner ===
Body two.

== Second ==
* item
"""


def test_layout_lines_are_segments_without_newlines() -> None:
    layout = render_wikitext(TEXT).layout(40)
    assert layout.width == 40
    for line in layout.lines:
        assert all(isinstance(segment, Segment) for segment in line)
        assert all("\n" not in segment.text for segment in line)
        assert sum(segment.cell_length for segment in line) <= 40


def test_layout_wraps_and_places_sections() -> None:
    layout = render_wikitext(TEXT).layout(40)
    lines = layout.plain_lines()
    assert lines[:2] == [
        "Lead paragraph with enough words to wrap",
        "at a narrow width of forty columns.",
    ]
    # Level-2 headings get a rule under them; a blank line separates blocks.
    assert lines[3] == "First"
    assert lines[4] == "─" * 40
    assert layout.section_lines == {"First": 3, "Inner": 8, "Second": 12}
    assert lines[8] == "Inner"
    assert lines[12] == "Second"
    assert lines[15] == "• item"


def test_layout_is_cached_per_width() -> None:
    article = render_wikitext(TEXT)
    assert article.layout(50) is article.layout(50)
    assert article.layout(60) is not article.layout(50)


def test_sections_carry_their_wikitext_line_ranges() -> None:
    article = render_wikitext(TEXT)
    assert article.sections == [
        ArticleSection(2, "First", "First", 3, 8),
        ArticleSection(3, "Inner", "Inner", 6, 8),
        ArticleSection(2, "Second", "Second", 9, 11),
    ]


def test_heading_styles_survive_without_colour() -> None:
    layout = render_wikitext(TEXT).layout(40)
    heading = layout.lines[3]
    assert all(segment.style is not None and segment.style.bold for segment in heading)
    assert all(segment.style is not None and segment.style.underline for segment in heading)


def test_article_is_a_rich_renderable() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=40, color_system=None, legacy_windows=False)
    console.print(render_wikitext(TEXT))
    printed = buffer.getvalue().splitlines()
    assert printed[0] == "Lead paragraph with enough words to wrap"
    assert printed[3] == "First"


def test_plain_text_without_width_keeps_paragraphs_whole() -> None:
    plain = render_wikitext(TEXT).plain_text()
    assert plain.splitlines()[0] == (
        "Lead paragraph with enough words to wrap at a narrow width of forty columns."
    )
    assert "\x1b" not in plain


def test_real_article_layout_is_consistent() -> None:
    text = (DATA / "anarchism-2010.wiki").read_text(encoding="utf-8")
    article = render_wikitext(text, title="Anarchism")
    layout = article.layout(120)
    lines = layout.plain_lines()
    for section in article.sections:
        line = layout.section_lines[section.anchor]
        assert lines[line] == section.title
    assert max(sum(s.cell_length for s in line) for line in layout.lines) <= 120


def test_narrow_wrap_breaks_like_a_greedy_word_wrap() -> None:
    from wikitui.render.blocks import narrow_breaks

    text = "the quick brown fox jumps"
    # width 10: "the quick " | "brown fox " | "jumps" (a word that does not fit moves down)
    assert narrow_breaks(text, 10) == [10, 20]
    # a word longer than the width is folded
    assert narrow_breaks("abcdefghij kl", 4) == [4, 8, 11]
    assert narrow_breaks("short", 80) == []


@pytest.mark.parametrize("width", [20, 47, 80, 120])
def test_lazy_layout_matches_laying_out_every_block(width: int) -> None:
    from rich.console import Console as RichConsole

    from wikitui.render.blocks import Block

    for name in ("anarchism-2010.wiki", "pear-2014.wiki", "constructs.wiki", "templates.wiki"):
        article = render_wikitext((DATA / name).read_text(encoding="utf-8"), title="T")
        layout = article.layout(width)
        console = RichConsole(width=width, force_terminal=True, color_system="truecolor")
        eager: list[list[Segment]] = []
        previous: Block | None = None
        for block in article.blocks:
            if previous is not None and not block.joins(previous):
                eager.append([])
            eager.extend(block.lines(console, width))
            previous = block
        assert len(layout.lines) == len(eager), name
        # Read from the end first: blocks are made in any order, on demand.
        for index in range(len(eager) - 1, -1, -1):
            assert "".join(s.text for s in layout.lines[index]) == "".join(
                s.text for s in eager[index]
            ), (name, index)


def test_lazy_layout_makes_only_what_is_read() -> None:
    text = (DATA / "anarchism-2010.wiki").read_text(encoding="utf-8")
    layout = render_wikitext(text).layout(100)
    made_before = len(layout.lines._made)  # type: ignore[attr-defined]
    window = layout.lines[200:240]
    assert len(window) == 40
    made_after = len(layout.lines._made)  # type: ignore[attr-defined]
    assert made_after - made_before <= 40  # at most the blocks of those 40 lines
    assert layout.lines[-1] == layout.lines[len(layout.lines) - 1]
    with pytest.raises(IndexError):
        layout.lines[len(layout.lines)]


def test_narrow_characters_are_one_cell_for_rich() -> None:
    from rich.cells import cell_len

    from wikitui.render.blocks import NARROW, one_cell_each

    checked = 0
    for code in range(0x10000):
        if NARROW.fullmatch(chr(code)):
            assert cell_len(chr(code)) == 1, hex(code)
            checked += 1
    assert checked > 2000
    assert one_cell_each("Azərbaycan – «Ελλάδα» — Россия")
    assert not one_cell_each("아제르바이잔")  # two cells each
    assert not one_cell_each("line\nbreak")
