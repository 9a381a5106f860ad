"""Pages opened from an index, whose revisions are unpacked on first use.

A history chunk can hold millions of revisions; unpacking them all costs about two seconds per
million, while ``wikitui list --page P`` or the app's first screen needs one page. An
:class:`IndexedPage` is a :class:`~wikitui.model.Page` in every respect, except that its
``revisions`` (and the id lookup behind ``index_of``/``get``) come out of the packed blob
the first time anything asks for them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from wikitui.model import Page, Revision

# The storage of the dataclass fields the properties below stand in front of.
_REVISIONS: Any = Page.__dict__["revisions"]
_BY_ID: Any = Page.__dict__["_by_id"]
_UNPACKING = threading.Lock()


class IndexedPage(Page):
    """A page whose revisions are unpacked from its index when first used."""

    __slots__ = ("_unpack",)

    def __init__(self, unpack: Callable[[], list[Revision]], **fields: Any) -> None:
        self._unpack: Callable[[], list[Revision]] | None = None
        super().__init__(**fields)
        self._unpack = unpack

    def _ensure(self) -> None:
        if self._unpack is None:
            return
        with _UNPACKING:
            unpack = self._unpack
            if unpack is None:
                return
            revisions = unpack()
            _REVISIONS.__set__(self, revisions)
            _BY_ID.__set__(
                self, {r.rev_id: i for i, r in enumerate(revisions) if r.rev_id is not None}
            )
            self._unpack = None

    @property
    def revisions(self) -> list[Revision]:
        """The revisions, oldest first (unpacked now if need be)."""
        self._ensure()
        value: list[Revision] = _REVISIONS.__get__(self, type(self))
        return value

    @revisions.setter
    def revisions(self, value: list[Revision]) -> None:
        _REVISIONS.__set__(self, value)

    @property
    def _by_id(self) -> dict[int, int]:
        self._ensure()
        value: dict[int, int] = _BY_ID.__get__(self, type(self))
        return value

    @_by_id.setter
    def _by_id(self, value: dict[int, int]) -> None:
        _BY_ID.__set__(self, value)
