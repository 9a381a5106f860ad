"""How a revision reads, everywhere: summary, size change, user, dates, the "intermediate" note.

One rule each, used by ``wikitui list``, ``wikitui diff``'s header, the revision tree, the app's
diff header and the command palette:

* the edit summary with ``/* Section */`` as ``→Section:``, links by their label and HTML
  entities decoded (:func:`summary_parts`, :func:`summary_text`);
* the signed size change and the wiki's 500-byte bold rule (:func:`delta_label`,
  :func:`delta_role`, :func:`delta_text`);
* the user, with a hidden user, an unknown one and an IP address told apart (:func:`user_label`);
* times in the wiki's own form (:func:`format_wiki_time`) and the compact form of lists;
* "N intermediate revisions by M users not shown" (:func:`intermediate_note`).

Styles are given by *role* (``"delta-up"``, ``"user-ip"``...): :data:`STYLES` maps each role to a
rich style for the app and coloured ``wikitui diff`` output, and ``wikitui list`` maps the same
roles to its ANSI codes. Every text from a source is made visible here (control characters
shown, see :mod:`wikitui.present.visible`), so callers need not remember to.

A revision's one-line row (:func:`revision_row`) takes extra :class:`RowMark` s, so views can add
their own marks (the compared-against base, a reverted edit) without a second row drawer.
"""

from __future__ import annotations

import html
import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from rich.style import Style
from rich.text import Text

from wikitui.model import Page, Revision
from wikitui.present.visible import visible

# The wiki's history page makes a size change bold from 500 bytes on.
LARGE_DELTA = 500

# Role -> rich style: the one map of how the parts of a revision look.
STYLES: dict[str, Style] = {
    "time": Style(),
    "time-latest": Style(bold=True),
    "user": Style(color="cyan"),
    "user-ip": Style(color="cyan", italic=True),
    "user-hidden": Style(italic=True, dim=True, strike=True),
    "user-unknown": Style(italic=True, dim=True),
    "minor": Style(bold=True),
    "delta-up": Style(color="green"),
    "delta-down": Style(color="red"),
    "delta-zero": Style(dim=True),
    "delta-unknown": Style(dim=True),
    "large": Style(bold=True),
    "tags": Style(color="magenta"),
    "problem": Style(color="red", bold=True),
    "section": Style(italic=True),
    "summary-hidden": Style(dim=True, strike=True),
    "summary-none": Style(dim=True, italic=True),
    "text-hidden": Style(color="yellow"),
    "rev-id": Style(dim=True),
}


def style(role: str) -> Style:
    """The rich style of a role (a null style for an unknown one)."""
    return STYLES.get(role, Style.null())


# -- the edit summary ---------------------------------------------------------------------------

_AUTOCOMMENT = re.compile(r"/\*\s*(.*?)\s*\*/")
_LINK = re.compile(r"\[\[:?([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SummaryPart:
    """A run of a summary: plain text, or a section link (``→Section:``)."""

    text: str
    section: bool = False


def summary_parts(comment: str | None) -> list[SummaryPart]:
    """An edit summary as the history page reads it, in runs.

    ``/* Section */ text`` reads ``→Section: text`` (no colon when nothing follows), ``[[Target]]``
    and ``[[Target|label]]`` read as their label, entities are decoded and runs of white space
    are one space. Control characters are made visible.
    """
    if not comment:
        return []
    text = _LINK.sub(lambda match: match[2] if match[2] else match[1], comment)
    raw: list[SummaryPart] = []
    position = 0
    for match in _AUTOCOMMENT.finditer(text):
        raw.append(SummaryPart(text[position : match.start()]))
        follows = bool(text[match.end() :].strip())
        raw.append(SummaryPart(f"→{match[1]}" + (":" if follows else ""), True))
        position = match.end()
    raw.append(SummaryPart(text[position:]))
    parts: list[SummaryPart] = []
    for part in raw:
        cleaned = _SPACES.sub(" ", html.unescape(part.text))
        if cleaned:
            parts.append(SummaryPart(cleaned, part.section))
    if parts:  # no white space at either end of the whole
        parts[0] = SummaryPart(parts[0].text.lstrip(), parts[0].section)
        parts[-1] = SummaryPart(parts[-1].text.rstrip(), parts[-1].section)
    return [SummaryPart(visible(part.text), part.section) for part in parts if part.text]


def plain_summary(comment: str | None) -> str:
    """The summary as one string (see :func:`summary_parts`)."""
    return "".join(part.text for part in summary_parts(comment))


HIDDEN_SUMMARY = "(edit summary removed)"
NO_SUMMARY = "No edit summary"


def summary_text(comment: str | None, *, hidden: bool = False) -> Text:
    """The summary as rich text: section links in the ``section`` style; empty when none."""
    if hidden:
        return Text(HIDDEN_SUMMARY, style=style("summary-hidden"))
    text = Text()
    for part in summary_parts(comment):
        text.append(part.text, style=style("section") if part.section else None)
    return text


# -- the size change ------------------------------------------------------------------------------


def delta_label(delta: int | None) -> str:
    """A signed size change as the wiki writes it: ``+1,234``, ``−56`` (a minus sign), ``0``;
    ``?`` when unknown."""
    if delta is None:
        return "?"
    if delta > 0:
        return f"+{delta:,}"
    if delta < 0:
        return f"−{-delta:,}"
    return "0"


def delta_role(delta: int | None) -> str:
    """``delta-up``, ``delta-down``, ``delta-zero`` or ``delta-unknown``."""
    if delta is None:
        return "delta-unknown"
    return "delta-up" if delta > 0 else "delta-down" if delta < 0 else "delta-zero"


def is_large(delta: int | None) -> bool:
    """The wiki's rule: a change of 500 bytes or more (either way) is shown in bold."""
    return delta is not None and abs(delta) >= LARGE_DELTA


def delta_style(delta: int | None) -> Style:
    """The colour of the change, bold when large."""
    base = style(delta_role(delta))
    return base + style("large") if is_large(delta) else base


def delta_text(delta: int | None) -> Text:
    """``(+1,234)``, coloured like the history page (green up, red down, grey zero)."""
    return Text(f"({delta_label(delta)})", style=delta_style(delta))


# -- the user -------------------------------------------------------------------------------------

UserKind = Literal["user", "ip", "hidden", "unknown"]


@dataclass(frozen=True, slots=True)
class UserLabel:
    """How the author reads: the text and which kind of author it is."""

    text: str
    kind: UserKind

    @property
    def role(self) -> str:
        """The style role: ``user``, ``user-ip``, ``user-hidden`` or ``user-unknown``."""
        return "user" if self.kind == "user" else f"user-{self.kind}"

    def to_text(self) -> Text:
        """The label in its style."""
        return Text(self.text, style=style(self.role))


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def user_label(revision: Revision) -> UserLabel:
    """The author: ``(username removed)`` when hidden, ``(unknown user)`` when the source does not
    say, an IP address (anonymous edit) or a user name."""
    if revision.user_hidden:
        return UserLabel("(username removed)", "hidden")
    if not revision.user:
        return UserLabel("(unknown user)", "unknown")
    # An address, or an anonymous edit (an export's <ip>, which old dumps cut short as
    # "15.22"); but the API flags imported names ("imported>Rkitko") anonymous too, and those
    # read as user names.
    anonymous = revision.anon and ">" not in revision.user
    kind: UserKind = "ip" if anonymous or _is_ip(revision.user) else "user"
    return UserLabel(visible(revision.user), kind)


# -- times ----------------------------------------------------------------------------------------


def format_time(timestamp: datetime | None) -> str:
    """``2024-12-24 19:14`` in UTC (the compact form of lists), or ``????-??-?? ??:??``."""
    if timestamp is None:
        return "????-??-?? ??:??"
    return timestamp.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def format_wiki_time(timestamp: datetime | None) -> str:
    """``19:14, 24 December 2024``: the wiki's own way of writing a revision's time (UTC)."""
    if timestamp is None:
        return "unknown time"
    moment = timestamp.astimezone(UTC)
    return f"{moment:%H:%M}, {moment.day} {moment:%B %Y}"


# -- tags -----------------------------------------------------------------------------------------


def tags_label(tags: Sequence[str]) -> str:
    """``[visualeditor, mobile edit]``, or empty."""
    return "[" + ", ".join(visible(tag) for tag in tags) + "]" if tags else ""


# -- between two revisions ------------------------------------------------------------------------


def intermediate_note(count: int, users: int) -> str:
    """The wiki's line for non-adjacent revisions (empty when adjacent)."""
    if count <= 0:
        return ""
    revisions = "revision" if count == 1 else "revisions"
    people = "user" if users == 1 else "users"
    return f"({count:,} intermediate {revisions} by {users:,} {people} not shown)"


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

    When there is no old side (a page creation, or a first revision whose parent was not
    exported), there is nothing between.
    """
    if old_index is None:
        return Intermediate(0, 0)
    return Intermediate(*page.intermediate(old_index, new_index))


# -- one row of a history -------------------------------------------------------------------------

MarkPlace = Literal["lead", "after-delta", "end"]


@dataclass(frozen=True, slots=True)
class RowMark:
    """Something a view adds to a revision's row: the marked base (``◆``), a revert mark...

    ``place``: before the time (``lead``), right after the size change (``after-delta``, where a
    narrow sidebar still shows it) or at the end. ``row_style`` is laid over the whole row (a
    reverted edit is dimmed and struck through).
    """

    text: str
    style: str | Style = ""
    place: MarkPlace = "after-delta"
    row_style: str | Style = ""


def revision_row(page: Page, index: int, marks: Sequence[RowMark] = ()) -> Text:
    """One history line: time, user, minor mark, signed size change, tags and summary."""
    revision = page.revisions[index]
    line = Text(no_wrap=True, overflow="ellipsis", end="")

    def add_marks(place: MarkPlace) -> None:
        for mark in marks:
            if mark.place == place:
                if place != "lead":
                    line.append(" ")
                line.append(mark.text, style=mark.style)
                if place == "lead":
                    line.append(" ")

    add_marks("lead")
    latest = index == len(page.revisions) - 1
    line.append(format_time(revision.timestamp), style=style("time-latest" if latest else "time"))
    line.append(" ")
    line.append_text(user_label(revision).to_text())
    if revision.minor:
        line.append(" m", style=style("minor"))
    line.append(" ")
    line.append_text(delta_text(page.delta(index)))
    add_marks("after-delta")
    if revision.tags:
        line.append(" " + tags_label(revision.tags), style=style("tags"))
    if revision.problem:
        line.append(" ⚠ malformed", style=style("problem"))
    summary = summary_text(revision.comment, hidden=revision.comment_hidden)
    if summary:
        line.append(" ")
        line.append_text(summary)
    add_marks("end")
    for mark in marks:
        if mark.row_style:
            line.stylize(mark.row_style)
    return line


__all__ = [
    "HIDDEN_SUMMARY",
    "LARGE_DELTA",
    "NO_SUMMARY",
    "STYLES",
    "Intermediate",
    "RowMark",
    "SummaryPart",
    "UserLabel",
    "delta_label",
    "delta_role",
    "delta_style",
    "delta_text",
    "format_time",
    "format_wiki_time",
    "intermediate",
    "intermediate_note",
    "is_large",
    "plain_summary",
    "revision_row",
    "style",
    "summary_parts",
    "summary_text",
    "tags_label",
    "user_label",
]
