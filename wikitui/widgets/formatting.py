"""How a revision reads on one line: time, user, size change, tags and summary.

Pure functions over the model that return rich :class:`~rich.text.Text`; shared by the revision
tree, the diff header and the command palette. No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from rich.text import Text

from wikitui.diff.text_output import intermediate_note
from wikitui.model import Page, Revision

# The wiki's history page makes a size change bold from 500 bytes on.
LARGE_DELTA = 500

_SECTION_LINK = re.compile(r"/\*\s*(.*?)\s*\*/")
_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")


def _unlink(text: str) -> str:
    """Summaries show links by their label, as on the history page."""
    return _LINK.sub(lambda match: match.group(1), text)


def format_time(timestamp: datetime | None) -> str:
    """``2024-12-24 19:14`` in UTC (the tree's compact form), or ``?`` when unknown."""
    if timestamp is None:
        return "????-??-?? ??:??"
    return timestamp.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def format_wiki_time(timestamp: datetime | None) -> str:
    """``19:14, 24 December 2024``: the wiki's own way of writing a revision's time."""
    if timestamp is None:
        return "unknown time"
    moment = timestamp.astimezone(UTC)
    return f"{moment:%H:%M}, {moment.day} {moment:%B %Y}"


def summary_text(comment: str | None, *, hidden: bool = False) -> Text:
    """An edit summary with ``/* Section */`` shown as ``→Section``, as the history page does."""
    if hidden:
        return Text("(edit summary removed)", style="dim strike")
    if not comment:
        return Text("")
    text = Text()
    position = 0
    for match in _SECTION_LINK.finditer(comment):
        text.append(_unlink(comment[position : match.start()]))
        text.append(f"→{match.group(1)}", style="italic")
        position = match.end()
    text.append(_unlink(comment[position:]))
    return text


def delta_text(delta: int | None) -> Text:
    """A signed size change coloured like the history page: green up, red down, grey zero."""
    if delta is None:
        return Text("(?)", style="dim")
    if delta > 0:
        style, label = "green", f"+{delta:,}"
    elif delta < 0:
        style, label = "red", f"−{-delta:,}"
    else:
        style, label = "dim", "0"
    if abs(delta) >= LARGE_DELTA:
        style += " bold"
    return Text(f"({label})", style=style)


def user_name(revision: Revision) -> str:
    """The author as shown in lists, respecting a hidden user."""
    if revision.user_hidden:
        return "(username removed)"
    return revision.user or "(unknown user)"


def revision_label(page: Page, index: int) -> Text:
    """One history line: time, user, minor mark, signed size change, tags and summary."""
    revision = page.revisions[index]
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(
        format_time(revision.timestamp), style="bold" if index == len(page.revisions) - 1 else ""
    )
    line.append(" ")
    line.append(user_name(revision), style="italic dim" if revision.user_hidden else "cyan")
    if revision.minor:
        line.append(" m", style="bold")
    line.append(" ")
    line.append_text(delta_text(page.delta(index)))
    if revision.tags:
        line.append(" [" + ", ".join(revision.tags) + "]", style="magenta")
    if revision.problem:
        line.append(" ⚠ malformed", style="bold red")
    summary = summary_text(revision.comment, hidden=revision.comment_hidden)
    if summary:
        line.append(" ")
        line.append_text(summary)
    return line


@dataclass(frozen=True, slots=True)
class Intermediate:
    """Revisions strictly between two compared ones: "N intermediate revisions by M users"."""

    revisions: int
    users: int

    def describe(self) -> str | None:
        """The wiki's sentence, or None when the two revisions are adjacent."""
        return intermediate_note(self.revisions, self.users) or None


def intermediate(page: Page, old_index: int | None, new_index: int) -> Intermediate:
    """Count what lies between ``old_index`` and ``new_index`` in the page's history.

    When the new revision's parent is not in the history (an excerpt, like the sample's latest
    revision whose parent was not exported), the gap is unknown and reported as zero.
    """
    if old_index is None:
        return Intermediate(0, 0)
    return Intermediate(*page.intermediate(old_index, new_index))
