"""The diff layout's line breaks, found on plain text, are rich's own (present/diff_wrap.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.console import Console
from rich.style import Style
from rich.text import Text

from wikitui.present.diff_wrap import CHANGE_META, SideText, wrap_offsets

CONSOLE = Console(width=80)
# Words, runs of spaces, accented and wide letters, long words: the cases that break lines.
PIECES = st.sampled_from(["a", "bc", " ", "  ", "   ", "xyzxyzxyz", "é", "—", "ł", "東", "Ab"])
TEXTS = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=3000, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=30))
def test_line_breaks_are_richs(text: str, width: int) -> None:
    assert wrap_offsets(text, width) == divide_line(text, width, fold=True)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(TEXTS, st.booleans()), max_size=6), st.integers(1, 30))
def test_pieces_and_changed_lines_are_richs(chunks: list[tuple[str, bool]], width: int) -> None:
    side = SideText.build("diff--context", [(text, None, changed) for text, changed in chunks])
    styles = lambda role: Style.null()  # noqa: E731
    expected = side.text(styles).wrap(CONSOLE, width, overflow="fold", tab_size=4)
    if not side.plain:
        expected = [Text("")]
    breaks = side.breaks(width)
    pieces = side.pieces(styles, width, breaks)
    assert [p.plain for p in pieces] == [p.plain for p in expected]
    flags = [any(s.style == CHANGE_META for s in p.spans) for p in expected]
    assert side.changed_lines(width, breaks, len(pieces)) == flags


def test_the_one_cell_shortcut_holds_only_printable_one_cell_characters() -> None:
    """``_one_cell_each`` answers at C speed for the scripts most wikitext is written in: each
    character it lets through must be printable and one cell wide for rich."""
    from rich.cells import get_character_cell_size

    from wikitui.present.diff_wrap import _ONE_CELL_RUN, _one_cell_each

    passed = [chr(c) for c in range(0x110000) if _ONE_CELL_RUN.fullmatch(chr(c))]
    assert len(passed) > 1000  # ASCII, Latin, Greek and Cyrillic at least
    wrong = [
        char for char in passed if not (char.isprintable() and get_character_cell_size(char) == 1)
    ]
    assert wrong == []
    assert _one_cell_each("Kraków, Łódź, Αθήνα, Москва")
    assert not any(map(_one_cell_each, ["東京", "a\u0301", "\xad"]))
