"""Pickaxe: every revision in which a text appeared or disappeared, in history order.

Like ``git log -S``, but over a page history and complete (WikiBlame bisects and can miss a
phrase that came and went). A revision *adds* the text when the text is in it and was not in
the revision before it in the history, and *removes* it in the opposite case; the first
revision adds it when it holds it. Revisions whose text is unavailable (hidden, a stub dump)
are passed over: they neither add nor remove.

Each distinct text is searched once: when the SHA-1s are known without reading texts (from
the source, or cached in the index, see :mod:`wikitui.history.reverts`), a text seen before
is not read again. Otherwise the SHA-1s are computed on the way and cached for next time.

Reading a text from an XML export means resolving its entities (``&lt;``, ``&quot;``...),
which costs more than the search. When the loader can give the text as the export holds it
(``load_escaped``) and the query is a plain literal that cannot meet an entity (see
:func:`escaped_needle`), the escaped bytes are searched as they are: a match there is a match
in the text and the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from wikitui.errors import TextUnavailable, UsageError
from wikitui.history.reverts import known_checksums, store_checksums, text_sha1
from wikitui.model import Page
from wikitui.sources.loaders import xml_text

EventKind = Literal["added", "removed"]
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Event:
    """Revision ``index`` of the page added or removed the searched text."""

    index: int
    event: EventKind


class Query:
    """What to look for: a literal text or a regular expression, with or without case."""

    def __init__(self, text: str, *, regex: bool = False, ignore_case: bool = False) -> None:
        if not text:
            raise UsageError("the search text is empty")
        self.text = text
        self.regex = regex
        self.ignore_case = ignore_case
        self._pattern: re.Pattern[str] | None = None
        if regex or ignore_case:
            try:
                pattern = text if regex else re.escape(text)
                self._pattern = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
            except re.error as error:
                raise UsageError(f"not a regular expression: {text!r} ({error})") from None

    def found_in(self, text: str) -> bool:
        """True when the text holds a match."""
        if self._pattern is None:
            return self.text in text
        return self._pattern.search(text) is not None


# Names of the entities an export's text can hold; a needle inside one of them could match
# where the text has "<" or "&".
_ENTITY_NAMES = ("lt", "gt", "amp", "quot", "apos")
_ENTITY_CHARS = frozenset("&<>\"';#\r\n\ufffd")


def escaped_needle(query: Query) -> bytes | None:
    """The bytes to look for in an export's escaped text, or None when only the resolved
    text will do.

    For a literal, case-sensitive query with none of ``& < > " ' ; #``, no line end and no
    U+FFFD, and which is not part of an entity's name: every occurrence in the escaped bytes
    lies outside entities (it holds no ``&`` or ``;``), where the bytes are the text's own,
    and each occurrence in the text is such a stretch - provided the text has no character
    reference (``&#...;``), which the caller checks per text.
    """
    text = query.text
    if query.regex or query.ignore_case:
        return None
    if any(char in _ENTITY_CHARS for char in text) or any(text in n for n in _ENTITY_NAMES):
        return None
    return text.encode("utf-8")


class Cancelled(Exception):
    """Raised by :func:`search` when its ``cancelled`` callback says so."""


def search(
    page: Page,
    query: Query,
    *,
    on_progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Event]:
    """The revisions of ``page`` that added or removed a match of ``query``, oldest first.

    ``on_progress(done, total)`` follows the scan; ``cancelled()`` is asked between revisions
    (a worker moving on) and stops the scan with :class:`Cancelled`.
    """
    revisions = list(page.revisions)
    known = known_checksums(page)
    # Without known checksums, compute them on the way when there is somewhere to keep them.
    computed: list[bytes | None] | None = None
    if known is None and page.derived is not None:
        computed = [None] * len(revisions)
    seen: dict[bytes, bool] = {}
    escaped = getattr(page.loader, "load_escaped", None)
    needle = escaped_needle(query) if escaped is not None and computed is None else None
    events: list[Event] = []
    previous = False
    total = len(revisions)
    for index, revision in enumerate(revisions):
        if cancelled is not None and cancelled():
            raise Cancelled
        if on_progress is not None and index % 256 == 0:
            on_progress(index, total)
        if revision.text_hidden or revision.problem:
            continue
        checksum = known[index] if known is not None else None
        present = seen.get(checksum) if checksum is not None else None
        if present is None and needle is not None:
            try:
                raw: bytes = escaped(revision)  # type: ignore[misc]
            except TextUnavailable:
                continue
            # A character reference can stand for anything: then resolve this text.
            present = query.found_in(xml_text(raw)) if b"&#" in raw else needle in raw
            if checksum is not None:
                seen[checksum] = present
        elif present is None:
            try:
                text = page.text(revision)
            except TextUnavailable:
                continue
            present = query.found_in(text)
            if computed is not None:
                sha1 = revision.sha1
                computed[index] = text_sha1(text) if sha1 is None else bytes.fromhex(sha1)
            if checksum is not None:
                seen[checksum] = present
        if present != previous:
            events.append(Event(index, "added" if present else "removed"))
            previous = present
    if computed is not None:
        store_checksums(page, computed)
    if on_progress is not None:
        on_progress(total, total)
    return events
