"""Pages opened from an index, whose revisions are unpacked on first use.

A history chunk can hold millions of revisions; unpacking them all costs about two seconds per
million, while ``wikitui list --page P`` or the app's first screen needs one page. An
:class:`IndexedPage` is a :class:`~wikitui.model.Page` in every respect, except that its
revisions - and everything :meth:`Page.add` derives from them (the id lookup, whether parents
are named...) - come out of the packed blob the first time anything asks for them. The state
is built by the model's own ``add`` on a plain page and copied over, so a field the model
gains later is covered without a change here.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

from wikitui.model import Page, Revision

# What a page is given when opened; every other field is state derived from its revisions.
_HEADER = frozenset(
    {"title", "namespace", "page_id", "redirect", "loader", "source_label", "site", "derived"}
)
_STATE = tuple(field.name for field in dataclasses.fields(Page) if field.name not in _HEADER)
_SLOTS: dict[str, Any] = {name: Page.__dict__[name] for name in _STATE}
_UNPACKING = threading.Lock()


class IndexedPage(Page):
    """A page whose revisions are unpacked from its index when first used."""

    __slots__ = ("_unpack",)

    def __init__(self, unpack: Callable[[], list[Revision]], **fields: Any) -> None:
        self._unpack: Callable[[], list[Revision]] | None = None
        super().__init__(**fields)
        self._unpack = unpack

    def _ensure(self) -> None:
        """Unpack the revisions (once, whichever thread asks first)."""
        if self._unpack is None:
            return
        with _UNPACKING:
            unpack = self._unpack
            if unpack is None:
                return
            plain = Page(title=self.title)
            for revision in unpack():
                plain.add(revision)
            for slot in _SLOTS.values():
                slot.__set__(self, slot.__get__(plain, Page))
            self._unpack = None


def _lazy(name: str) -> property:
    """A property in front of the dataclass field ``name`` that unpacks first."""
    slot = _SLOTS[name]

    def get(self: IndexedPage) -> Any:
        self._ensure()
        return slot.__get__(self, type(self))

    def set_(self: IndexedPage, value: Any) -> None:
        slot.__set__(self, value)

    return property(get, set_, doc=f"``{name}`` (the revisions are unpacked first)")


for _name in _STATE:
    setattr(IndexedPage, _name, _lazy(_name))
