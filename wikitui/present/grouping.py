"""How a long history is grouped in the revision tree: by year, then by month (no Textual)."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.text import Text

from wikitui.model import Page

# A page with more revisions than this is grouped by year, a year with more than
# MONTH_THRESHOLD by month: a reader can scan ~100 lines, and the tree stays cheap to build.
YEAR_THRESHOLD = 120
MONTH_THRESHOLD = 60


def _year(page: Page, index: int) -> int:
    stamp = page.revisions[index].timestamp
    return stamp.astimezone(UTC).year if stamp else 0


def _month(page: Page, index: int) -> tuple[int, int]:
    stamp = page.revisions[index].timestamp
    if stamp is None:
        return (0, 0)
    moment = stamp.astimezone(UTC)
    return (moment.year, moment.month)


def group_ranges(page: Page, start: int, stop: int, key: str) -> list[tuple[object, int, int]]:
    """Contiguous runs of revisions in ``[start, stop)`` sharing a year (``key`` "year") or a
    month ("month"), oldest first, as (value, start, stop)."""
    groups: list[tuple[object, int, int]] = []
    keyfunc = _year if key == "year" else _month
    run_start = start
    current: object = None
    for index in range(start, stop):
        value = keyfunc(page, index)
        if index == start:
            current = value
        elif value != current:
            groups.append((current, run_start, index))
            run_start, current = index, value
    if stop > start:
        groups.append((current, run_start, stop))
    return groups


def group_label(key: str, value: object, count: int) -> Text:
    """The heading of a year ("2024") or month ("March 2024") group, with its size."""
    if key == "year":
        name = str(value) if value else "undated"
    else:
        assert isinstance(value, tuple)
        year, month = value
        name = datetime(year, month, 1).strftime("%B %Y") if year else "undated"
    label = Text(name, style="bold")
    label.append(f"  {count:,}", style="dim")
    return label
