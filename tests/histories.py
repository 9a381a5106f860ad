"""Hand-made page histories for the history analyses' tests (reverts, search, filters), and
an in-memory derived-data store to give them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wikitui.model import Page, Revision
from wikitui.sources.loaders import MemoryLoader

START = datetime(2024, 1, 1, tzinfo=UTC)


def make_page(
    texts: list[str],
    users: list[str] | None = None,
    *,
    title: str = "Hand made",
    first_id: int = 100,
    **fields: list[object],
) -> Page:
    """A page whose revision i has ``texts[i]``, id ``first_id + i``, one minute apart.

    ``users`` defaults to "U0", "U1"...; any other :class:`Revision` field can be given as a
    list, one value per revision (``minor=[False, True, ...]``, ``comment=[...]``).
    """
    page = Page(title=title, loader=MemoryLoader(title, texts), source_label="test")
    for index, text in enumerate(texts):
        values = {name: column[index] for name, column in fields.items()}
        page.add(
            Revision(
                rev_id=first_id + index,
                parent_id=first_id + index - 1 if index else 0,
                timestamp=START + timedelta(minutes=index),
                user=users[index] if users else f"U{index}",
                size=len(text.encode("utf-8")),
                text_ref=index,
                **values,  # type: ignore[arg-type]
            )
        )
    return page


class MemoryStore:
    """A :class:`~wikitui.model.DerivedStore` in a dict, as the index gives an indexed page."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], bytes] = {}

    def get(self, kind: str, key: str) -> bytes | None:
        return self.values.get((kind, key))

    def put(self, kind: str, key: str, value: bytes) -> None:
        self.values[(kind, key)] = value


class CountingLoader:
    """Texts by ``text_ref`` (an index into ``texts``); counts the reads."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.reads = 0

    def load_text(self, revision: object) -> str:
        self.reads += 1
        return self.texts[revision.text_ref]  # type: ignore[attr-defined]
