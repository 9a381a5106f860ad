"""Hand-made histories for the blame tests: pages whose texts live in a dict."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from wikitui.blame import Authorship, Blame
from wikitui.model import Page, Revision


class DictLoader:
    """Texts by revision id; counts what it was asked for."""

    def __init__(self, texts: dict[int, str]) -> None:
        self.texts = texts
        self.loaded: list[int] = []

    def load_text(self, revision: Revision) -> str:
        assert revision.rev_id is not None
        self.loaded.append(revision.rev_id)
        return self.texts[revision.rev_id]


def make_page(*edits: tuple[str, str], title: str = "Test") -> Page:
    """A page with one revision per (user, text); ids 1, 2, 3... one day apart."""
    texts: dict[int, str] = {}
    page = Page(title=title, loader=DictLoader(texts))
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for number, (user, text) in enumerate(edits, start=1):
        texts[number] = text
        page.add(
            Revision(
                rev_id=number,
                parent_id=number - 1,
                timestamp=start + timedelta(days=number),
                user=user,
                comment=f"edit {number}",
                size=len(text.encode()),
                sha1=f"{hash(text) & 0xFFFFFFFF:040x}",
            )
        )
    return page


def blame_of(page: Page, rev: int | None = None) -> Blame:
    """The blame of revision id ``rev`` (default: the latest)."""
    index = len(page.revisions) - 1 if rev is None else page.index_of(rev)
    return Authorship.of(page).blame(index)


def owners(page: Page, blame: Blame, phrase: str) -> set[str]:
    """The users who added the words of ``phrase`` (its first occurrence) in a blame."""
    at = blame.text.find(phrase)
    assert at >= 0, f"{phrase!r} is not in the text"
    found = set()
    for match in re.finditer(r"\S+", phrase):
        span = blame.span_at(at + match.start())
        assert span is not None
        found.add(page.revisions[span.index].user or "")
    return found
