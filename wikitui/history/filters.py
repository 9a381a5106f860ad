"""Reviewers' filters over a history: the wiki's history filters, Huggle's and RevisionSlider's.

A :class:`RevisionFilter` is plain data (what the filter bar shows); :meth:`~RevisionFilter.
matches` is the predicate and :func:`filtered_indexes` applies it to a page. Revert filters
need the page's :class:`~wikitui.history.reverts.Reverts`; without them they match nothing.
:func:`same_user_edit` steps to the next or previous edit by the same user.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, fields

from wikitui.history.reverts import Reverts
from wikitui.model import Page, Revision, normalise_title


def is_bot(revision: Revision) -> bool:
    """A bot's edit, as far as a history tells: a user name ending in "bot" (any case).

    Exports and ``prop=revisions`` carry no bot flag (only recent changes do), so the name is
    what there is: "AnomieBOT", "SmackBot" and "Cydebot" count, "ClueBot NG" does not.
    """
    if revision.user_hidden or not revision.user:
        return False
    return revision.user.rstrip().lower().endswith("bot")


def same_user(a: Revision, b: Revision) -> bool:
    """Two edits by one user (names compared as MediaWiki does: first letter, underscores)."""
    if a.user_hidden or b.user_hidden or not a.user or not b.user:
        return False
    return normalise_title(a.user) == normalise_title(b.user)


@dataclass(frozen=True, slots=True)
class RevisionFilter:
    """Which revisions to show. The default shows every revision.

    ``user`` is an exact user name, or a prefix when ``user_prefix`` (case ignored);
    ``summary`` a text the edit summary must hold (case ignored).
    """

    user: str = ""
    user_prefix: bool = False
    hide_minor: bool = False
    hide_bots: bool = False
    only_reverted: bool = False
    only_reverting: bool = False
    summary: str = ""

    @property
    def active(self) -> bool:
        """True when the filter hides anything at all."""
        return self != RevisionFilter()

    def matches(self, page: Page, index: int, reverts: Reverts | None = None) -> bool:
        """True when revision ``index`` of ``page`` passes every part of the filter."""
        revision = page.revisions[index]
        if self.user and not self._user_matches(revision):
            return False
        if self.hide_minor and revision.minor:
            return False
        if self.hide_bots and is_bot(revision):
            return False
        if self.only_reverted and (reverts is None or reverts.reverted_by(index) is None):
            return False
        if self.only_reverting and (reverts is None or reverts.made_by(index) is None):
            return False
        if self.summary:
            comment = "" if revision.comment_hidden else (revision.comment or "")
            if self.summary.casefold() not in comment.casefold():
                return False
        return True

    def _user_matches(self, revision: Revision) -> bool:
        if revision.user_hidden or not revision.user:
            return False
        if self.user_prefix:
            return revision.user.casefold().startswith(self.user.casefold())
        return normalise_title(revision.user) == normalise_title(self.user)

    def describe(self) -> str:
        """The filter in a few words for the status line ("" when inactive)."""
        parts = []
        if self.user:
            parts.append(f"user {self.user}{'*' if self.user_prefix else ''}")
        labels = {
            "hide_minor": "no minor",
            "hide_bots": "no bots",
            "only_reverted": "reverted",
            "only_reverting": "reverting",
        }
        parts.extend(label for name, label in labels.items() if getattr(self, name))
        if self.summary:
            parts.append(f"summary “{self.summary}”")
        return ", ".join(parts)

    @classmethod
    def field_names(cls) -> list[str]:
        """The filter's parts, in the order the filter bar shows them."""
        return [f.name for f in fields(cls)]


FILTER_SYNTAX = "user:NAME  user:PREFIX*  -minor  -bots  reverted  reverting  summary:TEXT"


def parse_filter(text: str) -> RevisionFilter:
    """The filter bar's words as a filter (see :data:`FILTER_SYNTAX`); "" is no filter.

    ``user:NAME`` (exact) or ``user:PREFIX*``; ``-minor`` and ``-bots`` hide; ``reverted`` and
    ``reverting`` keep only those; ``summary:TEXT`` (or any other word) must be in the summary.
    A name or text with spaces is quoted: ``user:"Jimmy Wales"``. Raises ValueError for an
    empty ``user:``.
    """
    import shlex

    try:
        words = shlex.split(text)
    except ValueError as error:
        raise ValueError(f"unbalanced quotes in {text!r}") from error
    user, prefix, summary = "", False, []
    flags = {"hide_minor": False, "hide_bots": False, "only_reverted": False}
    flags["only_reverting"] = False
    for word in words:
        lowered = word.lower()
        if lowered.startswith("user:"):
            user = word[5:].strip()
            prefix = user.endswith("*")
            user = user.rstrip("*").strip()
            if not user:
                raise ValueError("user: needs a name (or a prefix followed by *)")
        elif lowered in ("-minor", "-bots", "-bot"):
            flags["hide_minor" if lowered == "-minor" else "hide_bots"] = True
        elif lowered in ("reverted", "reverting"):
            flags[f"only_{lowered}"] = True
        elif lowered.startswith("summary:"):
            summary.append(word[8:])
        else:
            summary.append(word)
    return RevisionFilter(
        user=user, user_prefix=prefix, summary=" ".join(s for s in summary if s), **flags
    )


def filtered_indexes(
    page: Page, revision_filter: RevisionFilter, reverts: Reverts | None = None
) -> list[int]:
    """Indexes of the revisions that pass, in history order (oldest first)."""
    if not revision_filter.active:
        return list(range(len(page.revisions)))
    return [
        index
        for index in range(len(page.revisions))
        if revision_filter.matches(page, index, reverts)
    ]


def step_within(indexes: Sequence[int], index: int, step: int) -> int | None:
    """The revision ``step`` places newer (+) or older (-) than ``index`` among ``indexes``
    (sorted, oldest first); ``index`` itself need not be among them. None past either end."""
    position = bisect.bisect_left(indexes, index)
    if step > 0:
        if position < len(indexes) and indexes[position] == index:
            position += 1
        target = position + step - 1
    else:
        target = position + step
    return indexes[target] if 0 <= target < len(indexes) else None


def count_note(shown: int, total: int) -> str:
    """ "12 of 80 revisions" (the status line's count while a filter is on)."""
    return f"{shown:,} of {total:,} revision{'s' if total != 1 else ''}"


def same_user_edit(
    page: Page, index: int, step: int, among: Sequence[int] | None = None
) -> int | None:
    """The nearest edit by the user of revision ``index``: ``step`` +1 newer, -1 older.

    ``among`` limits the answer to those indexes (a filtered list, in history order).
    """
    if step not in (1, -1):
        raise ValueError("step is 1 (newer) or -1 (older)")
    this = page.revisions[index]
    allowed = None if among is None else set(among)
    position = index + step
    while 0 <= position < len(page.revisions):
        if (allowed is None or position in allowed) and same_user(this, page.revisions[position]):
            return position
        position += step
    return None
