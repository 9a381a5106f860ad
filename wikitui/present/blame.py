"""How a blame reads: a colour per revision, the main author of each line, the gutter.

Shared by ``wikitui blame`` and the app's blame view. Every text from the source (the blamed
wikitext, user names, summaries) leaves this module with its control characters made visible
(:mod:`wikitui.present.visible`), one character for one, so offsets into the blamed text (spans,
tokens, the cursor) still point at the same characters of what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from wikitui.blame import Blame
from wikitui.model import Page, Revision
from wikitui.present.visible import visible, visible_text

# 256-colour foregrounds that read on dark and light backgrounds, in an order where
# neighbours differ; a revision's colour is fixed by its id.
PALETTE = (33, 166, 35, 163, 136, 31, 125, 64, 98, 130, 37, 161, 100, 62, 172, 29, 133, 94)
USER_WIDTH = 16
GUTTER_WIDTH = 10 + 1 + 10 + 1 + USER_WIDTH


@dataclass(frozen=True, slots=True)
class BlameLine:
    """One line of a blamed text: ``text[start:end]``, mostly written by revision ``owner``."""

    start: int
    end: int
    owner: int | None  # index in the page; None for an empty line


def revision_colour(page: Page, index: int) -> int:
    """The 256-colour number of a revision's text (stable: it follows the revision id)."""
    rev_id = page.revisions[index].rev_id
    return PALETTE[(rev_id if rev_id is not None else index) % len(PALETTE)]


def blame_lines(blame: Blame) -> list[BlameLine]:
    """The text's lines, each with the revision that wrote most of its non-space characters."""
    text = blame.text
    lines: list[BlameLine] = []
    start = 0
    while True:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        counts: dict[int, int] = {}
        for span in blame.spans_between(start, end):
            piece = text[max(span.start, start) : min(span.end, end)]
            weight = len(piece) - piece.count(" ") - piece.count("\t")
            if weight:
                counts[span.index] = counts.get(span.index, 0) + weight
        owner = max(counts, key=counts.__getitem__) if counts else None
        lines.append(BlameLine(start, end, owner))
        if end == len(text):
            return lines
        start = end + 1


def line_text(blame: Blame, line: BlameLine | BlameRow) -> str:
    """The text of a line (or row) as drawn: its control characters made visible."""
    return visible_text(blame.text[line.start : line.end])


def line_pieces(blame: Blame, line: BlameLine | BlameRow) -> list[tuple[str, int]]:
    """A line (or row) cut at revision changes: (piece of text as drawn, index of the revision
    that added it). The pieces hold one character for each of ``text[line.start:line.end]``."""
    text = blame.text
    return [
        (visible_text(text[max(span.start, line.start) : min(span.end, line.end)]), span.index)
        for span in blame.spans_between(line.start, line.end)
    ]


def _user(revision: Revision) -> str:
    return "(hidden)" if revision.user_hidden else visible(revision.user or "?")


def origin_status(page: Page, index: int) -> str:
    """``r<rev_id> user date time summary`` of the revision that added a token (status line)."""
    revision = page.revisions[index]
    when = revision.timestamp.strftime("%Y-%m-%d %H:%M") if revision.timestamp else "?"
    summary = "" if revision.comment_hidden else visible(revision.comment or "")
    return f"r{revision.rev_id} {_user(revision)} {when} {summary}"


def gutter(page: Page, index: int | None) -> str:
    """``rev_id date user`` of a revision, padded to :data:`GUTTER_WIDTH` (blank for None)."""
    if index is None:
        return " " * GUTTER_WIDTH
    revision = page.revisions[index]
    rev_id = "" if revision.rev_id is None else str(revision.rev_id)
    date = revision.timestamp.strftime("%Y-%m-%d") if revision.timestamp else "?"
    user = _user(revision)
    if len(user) > USER_WIDTH:
        user = user[: USER_WIDTH - 1] + "…"
    return f"{rev_id:>10} {date:<10} {user:<{USER_WIDTH}}"


@dataclass(frozen=True, slots=True)
class BlameRow:
    """One row of a blame laid out at a width: ``text[start:end]``, and the gutter's owner
    (None on a wrapped line's continuation rows, and on empty lines)."""

    start: int
    end: int
    owner: int | None
    first: bool  # the first row of its line


def blame_rows(blame: Blame, width: int) -> list[BlameRow]:
    """The blamed text's lines wrapped to ``width`` characters, at spaces where possible."""
    width = max(width, 8)
    text = blame.text
    rows: list[BlameRow] = []
    for line in blame_lines(blame):
        start, first = line.start, True
        while True:
            end = line.end
            if end - start > width:
                cut = text.rfind(" ", start + 1, start + width + 1)
                end = cut + 1 if cut > start else start + width
            rows.append(BlameRow(start, end, line.owner if first else None, first))
            if end >= line.end:
                break
            start, first = end, False
    return rows


def short_gutter(page: Page, index: int | None, width: int = 22) -> str:
    """``user date`` of a revision in ``width`` cells, for a narrow pane (blank for None)."""
    if index is None:
        return " " * width
    revision = page.revisions[index]
    date = revision.timestamp.strftime("%Y-%m-%d") if revision.timestamp else "?"
    user = _user(revision)
    room = width - len(date) - 1
    if len(user) > room:
        user = user[: room - 1] + "…"
    return f"{user:<{room}} {date}"
