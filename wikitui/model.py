"""The revision model: pages, revisions and the selectors users type to name them.

Everything here is plain data. Loaders in :mod:`wikitui.sources` fill it; the diff engine,
the renderer, the CLI and the app read it. Wikitext is never stored on a :class:`Revision`:
a page fetches it on demand through its :class:`TextLoader`, so a history of 15,000
revisions costs only its metadata in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from wikitui.errors import PageNotFound, RevisionNotFound, TextUnavailable


@dataclass(slots=True)
class Revision:
    """One revision's metadata, as a history page lists it.

    ``size`` is the text's length in UTF-8 bytes (MediaWiki's ``rev_len``). ``text_ref`` is an
    opaque handle the page's loader understands (a byte range, an index into a spill file...).
    ``problem`` is set when the revision was malformed in its source: it is then listed, marked,
    and its text is unavailable.
    """

    rev_id: int | None
    parent_id: int | None = None
    timestamp: datetime | None = None
    user: str | None = None
    user_id: int | None = None
    anon: bool = False
    comment: str | None = None
    minor: bool = False
    tags: tuple[str, ...] = ()
    size: int | None = None
    sha1: str | None = None
    user_hidden: bool = False
    comment_hidden: bool = False
    text_hidden: bool = False
    content_model: str | None = None
    content_format: str | None = None
    problem: str | None = None
    text_ref: Any = field(default=None, repr=False, compare=False)

    @property
    def is_wikitext(self) -> bool:
        """True unless the source says the content model is something other than wikitext."""
        return self.content_model in (None, "", "wikitext")

    def timestamp_iso(self) -> str | None:
        """The timestamp as ISO 8601 in UTC with a trailing ``Z`` (the list JSON form)."""
        if self.timestamp is None:
            return None
        return self.timestamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(value: str) -> datetime:
    """An ISO 8601 timestamp from a source, in UTC (one without a zone is taken as UTC).

    Raises ValueError for text that is not a timestamp or a time that cannot be expressed in
    UTC (``0001-01-01T00:00:00+05:00`` is before the year 1 there).
    """
    stamp = datetime.fromisoformat(value.strip())
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=UTC)
    try:
        return stamp.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"timestamp {value.strip()!r} is out of range") from None


class TextLoader(Protocol):
    """Fetches a revision's wikitext on demand (see :meth:`Page.text`)."""

    def load_text(self, revision: Revision) -> str:  # pragma: no cover - protocol
        """Return the revision's wikitext; raise :class:`TextUnavailable` when it can't."""
        ...


class DerivedStore(Protocol):
    """Where data computed from a page's history is kept between runs (blame state, sha1s...).

    The persistent index gives each indexed page one (see :mod:`wikitui.index`); a page read
    without an index has none (``Page.derived`` is None) and its users compute afresh.
    ``kind`` names the feature ("blame", "sha1", ...); ``key`` what inside it. A store may
    forget anything at any time (a rebuilt index is empty): readers must treat a miss, or a
    value they cannot decode, as "not computed yet".
    """

    def get(self, kind: str, key: str) -> bytes | None:  # pragma: no cover - protocol
        """The value stored under (kind, key), or None."""
        ...

    def put(self, kind: str, key: str, value: bytes) -> None:  # pragma: no cover - protocol
        """Store a value under (kind, key), replacing any older one."""
        ...


@dataclass(slots=True)
class Page:
    """A page and its revisions, kept in the order of the source (normally oldest first).

    ``revisions`` can grow while a source is still being read; views index into it.
    """

    title: str
    namespace: int | None = None
    page_id: int | None = None
    redirect: str | None = None
    revisions: list[Revision] = field(default_factory=list)
    loader: TextLoader | None = field(default=None, repr=False, compare=False)
    source_label: str = ""
    site: str | None = None
    derived: DerivedStore | None = field(default=None, repr=False, compare=False)
    _by_id: dict[int, int] = field(default_factory=dict, repr=False, compare=False)
    _parent_ids: bool = field(default=False, repr=False, compare=False)

    def add(self, revision: Revision) -> None:
        """Append a revision read from the source."""
        if revision.rev_id is not None:
            self._by_id[revision.rev_id] = len(self.revisions)
        if revision.parent_id:  # names a parent (0, a creation, says nothing of the others)
            self._parent_ids = True
        self.revisions.append(revision)

    @property
    def has_parent_ids(self) -> bool:
        """True when the source names the parent of at least one revision of this page."""
        return self._parent_ids

    def sort_chronologically(self) -> None:
        """Order revisions by timestamp (then id), as the wiki's history does.

        Exports are almost always in order already; API responses arrive newest first.
        """
        self.revisions.sort(
            key=lambda r: (
                r.timestamp or datetime.min.replace(tzinfo=UTC),
                r.rev_id if r.rev_id is not None else -1,
            )
        )
        self._by_id = {r.rev_id: i for i, r in enumerate(self.revisions) if r.rev_id is not None}

    def index_of(self, rev_id: int) -> int:
        """Index of the revision with this id; :class:`RevisionNotFound` if it is not here."""
        try:
            return self._by_id[rev_id]
        except KeyError:
            raise RevisionNotFound(
                f"revision {rev_id} is not in the history of {self.title!r}"
            ) from None

    def get(self, rev_id: int) -> Revision | None:
        """The revision with this id, or None."""
        index = self._by_id.get(rev_id)
        return None if index is None else self.revisions[index]

    def parent_of(self, index: int) -> Revision | None:
        """The revision this one was made from, when the history holds it.

        ``parent_id`` follows the API's convention: a positive id names the parent, ``0`` marks
        a page creation, and None means the source does not say. When no revision of the page
        has a parent id (export schemas before 0.5, older tools, some third-party dumps), the
        previous revision in the history stands in, as MediaWiki's ``diff=prev`` does; when
        others have one, a revision without one is a page creation (exports omit
        ``<parentid>`` only there).
        """
        revision = self.revisions[index]
        if revision.parent_id is None:
            if self._parent_ids:
                return None
            return self.revisions[index - 1] if index > 0 else None
        if revision.parent_id == 0:
            return None
        return self.get(revision.parent_id)

    def settle_parents(self, *, first_is_creation: bool = False) -> None:
        """Once the whole page is read: when some of its revisions name their parent, those
        that name none are page creations (``parent_id`` 0, the API's convention).

        ``first_is_creation``: when none does, the first revision is a creation all the same
        (the source records parents elsewhere, so it would have named this one's); the others
        still follow the revision before them.
        """
        if self._parent_ids:
            for revision in self.revisions:
                if revision.parent_id is None:
                    revision.parent_id = 0
        elif first_is_creation and self.revisions and self.revisions[0].parent_id is None:
            self.revisions[0].parent_id = 0  # (the page still has no parent ids of its own)

    def is_creation(self, index: int) -> bool:
        """True when revision ``index`` created the page (as far as the source says)."""
        parent_id = self.revisions[index].parent_id
        return parent_id == 0 or (parent_id is None and self._parent_ids)

    def delta(self, index: int) -> int | None:
        """Size change against the parent, in bytes; None when the parent is unknown.

        A page creation counts its whole size as added, as the wiki does.
        """
        revision = self.revisions[index]
        if revision.size is None:
            return None
        if self.is_creation(index):
            return revision.size
        parent = self.parent_of(index)
        if parent is None or parent.size is None:
            return None
        return revision.size - parent.size

    def intermediate(self, old_index: int, new_index: int) -> tuple[int, int]:
        """Revisions strictly between two, and their distinct users, as the wiki counts them.

        Users whose name was hidden are left out of the count, as MediaWiki leaves them out.
        """
        low, high = sorted((old_index, new_index))
        between = self.revisions[low + 1 : high]
        return len(between), len({r.user for r in between if not r.user_hidden})

    def text(self, revision: Revision) -> str:
        """The wikitext of one of this page's revisions, loaded on demand."""
        if revision.text_hidden:
            raise TextUnavailable(f"the text of revision {revision.rev_id} is hidden")
        if revision.problem:
            raise TextUnavailable(f"revision {revision.rev_id} is malformed: {revision.problem}")
        if self.loader is None:
            raise TextUnavailable(f"no text is available for {self.title!r}")
        return self.loader.load_text(revision)

    def newest_first(self) -> Iterator[tuple[int, Revision]]:
        """(index, revision) pairs from the latest revision back to the first."""
        for index in range(len(self.revisions) - 1, -1, -1):
            yield index, self.revisions[index]

    def resolve(self, selector: str | int | None, default: str = "latest") -> int:
        """Index of the revision a user named: see :func:`resolve_revision`."""
        return resolve_revision(self, selector if selector is not None else default)


_SELECTOR = re.compile(r"^(?P<base>latest|oldest|\d{1,19})(?:~(?P<back>\d{1,19}))?$")


def resolve_revision(page: Page, selector: str | int) -> int:
    """Turn a revision selector into an index into ``page.revisions``.

    Selectors: a revision id, ``latest``, ``oldest``, or ``X~N`` (N revisions older than X,
    counted along the history as listed, like ``git``'s ``~``).
    """
    if not page.revisions:
        raise RevisionNotFound(f"{page.title!r} has no revisions")
    match = _SELECTOR.match(str(selector).strip())
    if match is None:
        shown = str(selector) if len(str(selector)) <= 40 else f"{str(selector)[:30]}…"
        raise RevisionNotFound(
            f"not a revision: {shown!r} (use an id, 'latest', 'oldest' or 'X~N')"
        )
    base = match["base"]
    if base == "latest":
        index = len(page.revisions) - 1
    elif base == "oldest":
        index = 0
    else:
        index = page.index_of(int(base))
    back = int(match["back"] or 0)
    if back > index:
        raise RevisionNotFound(
            f"{selector!r} goes back {back} revisions but only {index} are older"
        )
    return index - back


@dataclass(slots=True)
class LoadProblem:
    """Something wrong in a source that did not stop the rest from loading."""

    path: str
    message: str
    location: str | None = None  # "line 12", "byte 40960", "revision 1234"

    def __str__(self) -> str:
        where = f" ({self.location})" if self.location else ""
        return f"{self.path}{where}: {self.message}"


@dataclass(slots=True)
class Source:
    """A file or folder that was opened: its pages and the problems met while reading it."""

    path: str
    kind: str  # "xml", "api-json", "wikitext", "folder"
    pages: list[Page] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    children: list[Source] = field(default_factory=list)  # for folders

    @property
    def label(self) -> str:
        """A short name for the tree and messages."""
        return self.path.rstrip("/").rsplit("/", 1)[-1] or self.path

    def all_pages(self) -> list[Page]:
        """This source's pages followed by those of its children, depth first."""
        pages = list(self.pages)
        for child in self.children:
            pages.extend(child.all_pages())
        return pages

    def all_problems(self) -> list[LoadProblem]:
        """This source's problems followed by those of its children, depth first."""
        problems = list(self.problems)
        for child in self.children:
            problems.extend(child.all_problems())
        return problems

    def find_page(self, title: str | None) -> Page:
        """The page with this title (first page when None); case of the first letter ignored."""
        pages = self.all_pages()
        if not pages:
            raise PageNotFound(f"{self.path}: no pages")
        if title is None:
            return pages[0]
        wanted = normalise_title(title)
        for page in pages:
            if normalise_title(page.title) == wanted:
                return page
        titles = ", ".join(repr(p.title) for p in pages[:5])
        more = "" if len(pages) <= 5 else f" and {len(pages) - 5} more"
        raise PageNotFound(f"{self.path}: no page titled {title!r} (pages: {titles}{more})")


def normalise_title(title: str) -> str:
    """MediaWiki's title normalisation as far as it can be done offline.

    Underscores become spaces, runs of spaces collapse, and the first letter is upper-cased
    (as on Wikipedia, where titles are case-sensitive except for their first character).
    """
    title = re.sub(r"[_\s]+", " ", title).strip()
    if ":" in title:
        prefix, rest = title.split(":", 1)
        rest = rest.strip()
        if prefix and rest:
            return prefix[:1].upper() + prefix[1:] + ":" + rest[:1].upper() + rest[1:]
    return title[:1].upper() + title[1:]


_HEX_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_BASE36_SHA1 = re.compile(r"^[0-9a-zA-Z]{1,31}$")


def normalise_sha1(value: str | None) -> str | None:
    """A text checksum in one form whatever the source: 40 lower-case hex digits.

    The API gives SHA-1 in hex; XML dumps write it in base 36 (31 digits, MediaWiki's
    ``rev_sha1``). None for an empty or unrecognisable value.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if _HEX_SHA1.match(value):
        return value.lower()
    if _BASE36_SHA1.match(value):
        number = int(value, 36)
        if number < 1 << 160:
            return format(number, "040x")
    return None


def revision_fields(page: Page, index: int) -> dict[str, Any]:
    """The public JSON form of one revision, shared by ``list --json`` and ``diff --json``.

    ``parent_id`` is null for a page creation as well as when unknown. Keys, exactly: page,
    rev_id, parent_id, timestamp, user, user_id, anon, minor, size, delta, comment, tags, sha1,
    text_hidden.
    """
    revision = page.revisions[index]
    return {
        "page": page.title,
        "rev_id": revision.rev_id,
        "parent_id": revision.parent_id or None,
        "timestamp": revision.timestamp_iso(),
        "user": None if revision.user_hidden else revision.user,
        "user_id": None if (revision.anon or revision.user_hidden) else revision.user_id,
        "anon": revision.anon,
        "minor": revision.minor,
        "size": revision.size,
        "delta": page.delta(index),
        "comment": None if revision.comment_hidden else revision.comment,
        "tags": list(revision.tags),
        "sha1": revision.sha1,
        "text_hidden": revision.text_hidden,
    }


def pages_in(sources: Sequence[Source]) -> list[Page]:
    """Every page of these sources, in order."""
    return [page for source in sources for page in source.all_pages()]
