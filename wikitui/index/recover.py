"""Answering from the source itself when a text block of its index turns out damaged.

Every block of the text store carries zstd's checksum, so damage is seen when a text is read,
long after the index was opened and believed. The index is then dropped (the next open
rebuilds it) and the command goes on: the source is read once more without an index, and
the revision's text comes from that read - after checking that the source is unchanged since
the index was opened and that the page and revision found there are the same ones.
"""

from __future__ import annotations

import logging
import threading

from wikitui.errors import SourceError, TextUnavailable
from wikitui.index import cache, texts
from wikitui.model import Page, Revision, Source

_log = logging.getLogger("wikitui.index")


class Recovery:
    """The fresh read of one source, made the first time one of its text blocks is damaged."""

    def __init__(self, path: str, key: cache.SourceKey, store: texts.TextStore) -> None:
        self.path = path
        self.key = key
        self.store = store
        self._lock = threading.Lock()
        self._fresh: Source | None = None
        self._failed: str | None = None

    def _source(self) -> Source:
        """The source read without its index (once; lock held)."""
        if self._fresh is not None:
            return self._fresh
        if self._failed is None:
            self._failed = self._read()
        if self._fresh is None:
            raise TextUnavailable(self._failed)
        return self._fresh

    def _read(self) -> str:
        """Read the source afresh; the reason it cannot be, or ""."""
        _log.warning(
            "wikitui: warning: %s: a text block of the index is damaged: read from the source "
            "instead (the index is rebuilt when the source is next opened)",
            self.path,
        )
        gone = f"{self.path}: a text block of the index is damaged"
        if cache.source_key(self.path) != self.key:
            return f"{gone}, and the source changed since it was opened: open it again"
        from wikitui.sources import detect
        from wikitui.sources.xml_export import load_xml_export

        try:
            self._fresh = load_xml_export(self.path, detect.sniff(self.path))
        except SourceError as error:
            return f"{gone}, and the source cannot be read again: {error.message}"
        return ""

    def revision(self, ord_: int, page: Page, revision: Revision) -> tuple[Page, Revision]:
        """The page and revision of the fresh read that match ``revision`` of ``page``."""
        with self._lock:
            fresh = self._source()
        position = next((n for n, known in enumerate(page.revisions) if known is revision), None)
        if position is None:
            position = next(
                (n for n, known in enumerate(page.revisions) if known.rev_id == revision.rev_id),
                -1,
            )
        if 0 <= ord_ < len(fresh.pages) and 0 <= position < len(fresh.pages[ord_].revisions):
            twin = fresh.pages[ord_]
            again = twin.revisions[position]
            if twin.title == page.title and (again.rev_id, again.sha1) == (
                revision.rev_id,
                revision.sha1,
            ):
                return twin, again
        raise TextUnavailable(
            f"{self.path}: a text block of the index is damaged, and the source no longer "
            f"holds revision {revision.rev_id} of {page.title}"
        )


class PageTexts:
    """One page's text loader: the index's text store, or the fresh read once it fails."""

    __slots__ = ("_ord", "_page", "_recovery")

    def __init__(self, recovery: Recovery, ord_: int, page: Page) -> None:
        self._recovery = recovery
        self._ord = ord_
        self._page = page

    def load_text(self, revision: Revision) -> str:
        """The revision's wikitext."""
        try:
            return self._recovery.store.load_text(revision)
        except texts.BlockDamaged:
            page, again = self._recovery.revision(self._ord, self._page, revision)
            return page.text(again)

    def load_escaped(self, revision: Revision) -> bytes:
        """The text as the export holds it (for the pickaxe)."""
        try:
            return self._recovery.store.load_escaped(revision)
        except texts.BlockDamaged:
            page, again = self._recovery.revision(self._ord, self._page, revision)
            escaped = getattr(page.loader, "load_escaped", None)
            if escaped is None:  # pragma: no cover - a fresh XML read always has it
                raise
            data: bytes = escaped(again)
            return data
