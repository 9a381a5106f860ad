"""Snapshots of the main screen (80×24 and 160×50, side by side, inline, visual) and help.

Sources are opened before the app starts and every worker is waited for, so the pictures do
not depend on timing. Update with ``pytest --snapshot-update`` after checking the change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from app_pilot import ANARCHISM, PEAR, settle
from textual.pilot import Pilot

from wikitui.app import WikituiApp
from wikitui.model import Source
from wikitui.sources import open_source

# "Anarchism" revision 332201 (index 158): six hunks in five sections.
MANY_HUNKS = 158
# Revision 118867 (index 21) adds two paragraphs below two long context paragraphs.
FAR_DOWN = 21


@pytest.fixture(scope="module")
def anarchism() -> Source:
    return open_source(ANARCHISM)


def make_app(anarchism: Source, start: int = MANY_HUNKS) -> WikituiApp:
    pear = open_source(PEAR)
    return WikituiApp([anarchism, pear], initial=(anarchism.pages[0], start))


def keys(*pressed: str) -> Callable[[Pilot[Any]], Any]:
    """A run_before that waits for the workers, presses keys, and waits again."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run_before


CASES: Sequence[tuple[str, tuple[int, int], tuple[str, ...]]] = [
    ("main_80x24", (80, 24), ()),
    ("main_80x24_diff_focused", (80, 24), ("tab", "n")),
    ("side_by_side_160x50", (160, 50), ("n",)),
    ("inline_160x50", (160, 50), ("s", "n", "n")),
    ("visual_160x50", (160, 50), ("v",)),
    ("help_100x40", (100, 40), ("question_mark",)),
    # J onto an edit far down the article: the change is on screen, context folded.
    ("far_down_80x24", (80, 24), ("J",)),
    ("far_down_140x45", (140, 45), ("J",)),
]


@pytest.mark.parametrize(("name", "size", "pressed"), CASES, ids=[case[0] for case in CASES])
def test_screens(
    snap_compare: Any,
    anarchism: Source,
    name: str,
    size: tuple[int, int],
    pressed: tuple[str, ...],
) -> None:
    start = FAR_DOWN + 1 if name.startswith("far_down") else MANY_HUNKS
    app = make_app(anarchism, start)
    assert snap_compare(app, terminal_size=size, run_before=keys(*pressed))
