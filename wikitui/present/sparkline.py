"""A page's size over time, as the sidebar's sparkline plots it (no Textual).

The history is split into as many buckets as there are columns; each bucket holds the largest
growth and the largest shrinkage among its revisions, drawn on a square-root scale so small
edits stay visible beside one huge one.
"""

from __future__ import annotations

from dataclasses import dataclass

from wikitui.model import Page

UP_BARS = " ▁▂▃▄▅▆▇█"
DOWN_BARS = " ▔▔▀▀▀██"


@dataclass(frozen=True, slots=True)
class Buckets:
    """Per column: the largest growth and shrinkage (bytes, >= 0) and the revisions it holds."""

    growth: list[int]
    shrink: list[int]
    starts: list[int]


def bucket_deltas(page: Page, columns: int) -> Buckets:
    """Split the history into ``columns`` buckets of consecutive revisions."""
    count = len(page.revisions)
    columns = max(1, min(columns, count))
    growth = [0] * columns
    shrink = [0] * columns
    starts = [count * column // columns for column in range(columns)]
    for column in range(columns):
        stop = count * (column + 1) // columns
        for index in range(starts[column], stop):
            delta = page.delta(index) or 0
            if delta > growth[column]:
                growth[column] = delta
            elif -delta > shrink[column]:
                shrink[column] = -delta
    return Buckets(growth, shrink, starts)


def bar(value: int, scale: int, bars: str) -> str:
    """The bar for ``value`` on a scale up to ``scale``, from ``bars`` (low to high)."""
    if value <= 0 or scale <= 0:
        return " "
    # A square-root scale keeps small edits visible next to one huge one.
    level = round((value / scale) ** 0.5 * (len(bars) - 1))
    return bars[max(1, min(level, len(bars) - 1))]
