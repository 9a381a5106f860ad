"""The header over a diff, as data: both sides (revisions or files) and what lies between.

:func:`header_for` reads it from a page's metadata (no texts needed), :func:`files_header` for
two plain files; :mod:`wikitui.present.diff_text` draws it, in full or in two rows, for
``wikitui diff`` and the app alike. Views add their marks to a revision (a revert mark) through
a :data:`MarkSource`, the same they give the revision tree's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text

from wikitui.diff.model import DiffStats
from wikitui.model import Page, Revision
from wikitui.present.comparison import Comparison
from wikitui.present.revision import (
    RowMark,
    delta_label,
    format_time,
    format_wiki_time,
    intermediate,
    summary_text,
    user_label,
)
from wikitui.present.visible import visible


def stats_line(stats: DiffStats) -> str:
    """What changed, counted, on one line."""
    text = f"+{stats.words_added:,} words −{stats.words_removed:,} words"
    text += f" · {delta_label(stats.bytes_delta)} bytes"
    parts = []
    if stats.lines_changed:
        parts.append(f"{stats.lines_changed:,} changed")
    if stats.lines_added:
        parts.append(f"{stats.lines_added:,} added")
    if stats.lines_removed:
        parts.append(f"{stats.lines_removed:,} removed")
    if stats.paragraphs_moved:
        parts.append(f"{stats.paragraphs_moved:,} moved")
    if parts:
        text += " · lines: " + ", ".join(parts)
    return text


@dataclass(slots=True)
class SideInfo:
    """One side of a diff as its header shows it: a revision, or a file."""

    title: str  # "Revision as of 19:14, 24 December 2024", or a file's path
    when: str = ""  # the time in short ("2024-12-24 19:14"), for the compact header
    user: Text | None = None
    minor: bool = False
    rev_id: int | None = None
    summary: Text | None = None  # None for a file
    tags: tuple[str, ...] = ()
    size: int | None = None
    delta: int | None = None
    has_delta: bool = False
    text_hidden: bool = False
    marks: tuple[RowMark, ...] = ()  # what a view adds (e.g. "reverted by r123 (Bob)")


@dataclass(slots=True)
class DiffHeader:
    """The wiki's header over a diff: both sides and what lies between them."""

    old: SideInfo | None
    new: SideInfo
    between: str | None = None
    no_old: str = "(page created)"  # what stands on the old side when there is none


# What a view adds to a revision wherever it is shown: its tree row and its side of the header.
MarkSource = Callable[[Page, int], Sequence[RowMark]]


def revision_side(
    revision: Revision, title: str, delta: int | None, marks: Sequence[RowMark] = ()
) -> SideInfo:
    """A revision as one side of the header (with its marks, except the tree's ``lead`` ones,
    such as the base's ``◆``)."""
    return SideInfo(
        marks=tuple(mark for mark in marks if mark.place != "lead"),
        title=f"{title} {format_wiki_time(revision.timestamp)}",
        when=format_time(revision.timestamp),
        user=user_label(revision).to_text(),
        minor=revision.minor,
        rev_id=revision.rev_id,
        summary=summary_text(revision.comment, hidden=revision.comment_hidden),
        tags=revision.tags,
        size=revision.size,
        delta=delta,
        has_delta=True,
        text_hidden=revision.text_hidden,
    )


def file_side(path: str, size: int | None) -> SideInfo:
    """A plain text file as one side of the header."""
    return SideInfo(title=visible(path), when=visible(path), size=size)


def header_for(comparison: Comparison, marks: MarkSource | None = None) -> DiffHeader:
    """The header of a comparison, from the page's metadata (no texts needed).

    ``marks`` gives the marks a view puts on a revision (the same as on its tree row); each
    side shows its own.
    """
    page = comparison.page
    latest = comparison.new_index == len(page.revisions) - 1
    old = None
    old_rev = comparison.old
    if old_rev is not None and comparison.old_index is not None:
        old = revision_side(
            old_rev,
            "Revision as of",
            page.delta(comparison.old_index),
            marks(page, comparison.old_index) if marks else (),
        )
    new_delta: int | None
    if old_rev is not None and old_rev.size is not None and comparison.new.size is not None:
        new_delta = comparison.new.size - old_rev.size
    else:
        new_delta = page.delta(comparison.new_index)
    new = revision_side(
        comparison.new,
        "Latest revision as of" if latest else "Revision as of",
        new_delta,
        marks(page, comparison.new_index) if marks else (),
    )
    between = intermediate(page, comparison.old_index, comparison.new_index).describe()
    parent_id = comparison.new.parent_id
    if between is None and parent_id and page.get(parent_id) is None and old_rev is not None:
        # An excerpt of a history: the real parent was not exported, so an unknown number of
        # revisions lies between the two shown.
        between = f"(intermediate revisions not in this file: the parent r{parent_id} is missing)"
    if old is None and parent_id and page.get(parent_id) is None:
        # The first revision of an excerpt: not a creation, its parent just wasn't exported.
        return DiffHeader(old, new, between, f"(parent r{parent_id} is not in this file)")
    return DiffHeader(old, new, between)


def files_header(old: tuple[str, int | None], new: tuple[str, int | None]) -> DiffHeader:
    """The header of a comparison of two files: (path, size in bytes) each."""
    return DiffHeader(file_side(*old), file_side(*new))


__all__ = [
    "DiffHeader",
    "MarkSource",
    "SideInfo",
    "file_side",
    "files_header",
    "header_for",
    "revision_side",
    "stats_line",
]
