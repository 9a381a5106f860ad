"""Identity reverts: a revision whose text equals one of the 15 before it undoes the edits between.

This is how MediaWiki tags a "manual revert" and how mwreverts (radius 15) finds reverts: a
revision whose text checksum equals that of one of the ``radius + 1`` revisions before it
reverts every revision after the latest such match. A revision whose text equals its direct
predecessor's (a null edit) reverts nothing. A revision may be reverted more than once (a
revert of a revert can reach back past the first revert); its ``reverted_by`` is the first.

The checksum is the text's SHA-1: the source's own where it gives one (exports from schema
0.6, the API), else computed from the text. Computed SHA-1s are cached through
``page.derived`` (see :class:`~wikitui.model.DerivedStore`) under a key that fingerprints the
history's metadata, so a history that changed (grew, was reordered, was re-exported) is never
given old checksums, and a damaged value is recomputed.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from wikitui.errors import TextUnavailable
from wikitui.model import Page, Revision

RADIUS = 15
CACHE_KIND = "sha1"
_MAGIC = b"WTSHA1\x01"
_DIGEST = 20
_CHECK = 16

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Revert:
    """One revert, by indexes into ``page.revisions``: ``reverted`` oldest first."""

    reverting: int
    reverted: tuple[int, ...]
    reverted_to: int


@dataclass(slots=True)
class Reverts:
    """The reverts of one history, in history order, with look-ups by revision index."""

    reverts: list[Revert] = field(default_factory=list)
    _by_reverting: dict[int, Revert] = field(default_factory=dict, repr=False)
    _reverted_by: dict[int, int] = field(default_factory=dict, repr=False)

    def add(self, revert: Revert) -> None:
        """Record a revert found after all those already recorded."""
        self.reverts.append(revert)
        self._by_reverting[revert.reverting] = revert
        for index in revert.reverted:
            self._reverted_by.setdefault(index, revert.reverting)

    def made_by(self, index: int) -> Revert | None:
        """The revert this revision made, or None when it reverted nothing."""
        return self._by_reverting.get(index)

    def reverted_by(self, index: int) -> int | None:
        """Index of the first revision that reverted this one, or None."""
        return self._reverted_by.get(index)

    def reverting(self) -> set[int]:
        """Indexes of every revision that reverted something."""
        return set(self._by_reverting)

    def reverted(self) -> set[int]:
        """Indexes of every revision that was reverted."""
        return set(self._reverted_by)


def detect(checksums: Sequence[Hashable | None], radius: int = RADIUS) -> Reverts:
    """Identity reverts in a sequence of text checksums, oldest first.

    None stands for a text that cannot be compared (hidden, unavailable): it takes its place in
    the window but matches nothing.
    """
    if radius < 1:
        raise ValueError(f"radius must be at least 1, not {radius}")
    found = Reverts()
    latest: dict[Hashable, int] = {}
    for index, checksum in enumerate(checksums):
        if checksum is None:
            continue
        before = latest.get(checksum)
        if before is not None and 1 < index - before <= radius + 1:
            found.add(Revert(index, tuple(range(before + 1, index)), before))
        latest[checksum] = index
    return found


def find_reverts(
    page: Page, radius: int = RADIUS, on_progress: ProgressCallback | None = None
) -> Reverts:
    """The identity reverts of a page's history (see :func:`detect`)."""
    return detect(text_checksums(page, on_progress), radius)


def needs_texts(page: Page) -> bool:
    """True when some revision's SHA-1 must be computed from its text (the source lacks it)."""
    return any(_needs_text(r) for r in page.revisions)


def text_checksums(page: Page, on_progress: ProgressCallback | None = None) -> list[bytes | None]:
    """Each revision's text SHA-1 as 20 bytes, or None where it cannot be known.

    The source's SHA-1 is used where it has one; the rest are computed from the texts (read
    once each), or taken from ``page.derived`` when an earlier run stored them for this very
    history. ``on_progress(done, total)`` follows the computation.
    """
    known = known_checksums(page)
    if known is not None:
        return known
    revisions = list(page.revisions)
    checksums = _given(revisions)
    missing = [i for i, r in enumerate(revisions) if _needs_text(r)]
    for done, index in enumerate(missing, 1):
        try:
            text = page.text(revisions[index])
        except TextUnavailable:  # the loader has no text for it: it stays unknown
            pass
        else:
            checksums[index] = text_sha1(text)
        if on_progress is not None and (done % 256 == 0 or done == len(missing)):
            on_progress(done, len(missing))
    store_checksums(page, checksums)
    return checksums


def text_sha1(text: str) -> bytes:
    """The SHA-1 MediaWiki keeps for a text (of its UTF-8 bytes), as 20 bytes."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


def known_checksums(page: Page) -> list[bytes | None] | None:
    """The checksums when they need no text: all given by the source, or cached; else None."""
    revisions = list(page.revisions)
    checksums = _given(revisions)
    if not any(_needs_text(r) for r in revisions):
        return checksums
    if page.derived is None:
        return None
    return _decode(page.derived.get(CACHE_KIND, _cache_key(revisions)), len(revisions))


def store_checksums(page: Page, checksums: Sequence[bytes | None]) -> None:
    """Keep computed checksums in ``page.derived`` (if any) for the history as it is now."""
    if page.derived is not None and len(checksums) == len(page.revisions):
        page.derived.put(CACHE_KIND, _cache_key(list(page.revisions)), _encode(checksums))


def _needs_text(revision: Revision) -> bool:
    return revision.sha1 is None and not revision.text_hidden and not revision.problem


def _given(revisions: Sequence[Revision]) -> list[bytes | None]:
    return [None if r.sha1 is None else bytes.fromhex(r.sha1) for r in revisions]


def _cache_key(revisions: Sequence[Revision]) -> str:
    """A fingerprint of everything about the history that the checksums depend on."""
    digest = hashlib.blake2b(digest_size=16)
    for revision in revisions:
        digest.update(
            repr(
                (
                    revision.rev_id,
                    revision.parent_id,
                    revision.timestamp_iso(),
                    revision.size,
                    revision.sha1,
                    revision.text_hidden,
                    revision.problem is not None,
                )
            ).encode("utf-8", "surrogatepass")
        )
    return f"{len(revisions)}:{digest.hexdigest()}"


def _encode(checksums: Sequence[bytes | None]) -> bytes:
    body = b"".join(b"\x00" * (_DIGEST + 1) if c is None else b"\x01" + c for c in checksums)
    head = _MAGIC + struct.pack("<I", len(checksums))
    return head + body + hashlib.blake2b(head + body, digest_size=_CHECK).digest()


def _decode(value: bytes | None, count: int) -> list[bytes | None] | None:
    """The checksums stored by :func:`_encode`, or None for a miss or a damaged value."""
    head = len(_MAGIC) + 4
    if value is None or len(value) != head + count * (_DIGEST + 1) + _CHECK:
        return None
    data, check = value[:-_CHECK], value[-_CHECK:]
    if not value.startswith(_MAGIC) or struct.unpack("<I", value[len(_MAGIC) : head])[0] != count:
        return None
    if hashlib.blake2b(data, digest_size=_CHECK).digest() != check:
        return None
    checksums: list[bytes | None] = []
    for offset in range(head, len(data), _DIGEST + 1):
        flag = data[offset]
        if flag not in (0, 1):
            return None
        checksums.append(data[offset + 1 : offset + 1 + _DIGEST] if flag else None)
    return checksums


REVERTED_TAG = "mw-reverted"
REVERTING_TAGS = frozenset({"mw-rollback", "mw-undo", "mw-manual-revert"})


@dataclass(frozen=True, slots=True)
class TagComparison:
    """Where identity reverts and MediaWiki's own revert tags disagree (revision indexes).

    MediaWiki tags ``mw-undo`` on an undo even when later edits make the text new (no
    identity revert), and ``mw-reverted`` only when the revert was made within the wiki's
    time and edit limits; a history exported before 1.36 (2020) has none of these tags.
    """

    tagged: bool
    reverted_untagged: tuple[int, ...]
    tagged_not_reverted: tuple[int, ...]
    reverting_untagged: tuple[int, ...]
    tagged_not_reverting: tuple[int, ...]


def compare_with_tags(page: Page, reverts: Reverts) -> TagComparison:
    """Compare found reverts with the ``mw-reverted`` / rollback, undo, manual-revert tags."""
    revisions = page.revisions
    tagged_reverted = {i for i, r in enumerate(revisions) if REVERTED_TAG in r.tags}
    tagged_reverting = {i for i, r in enumerate(revisions) if REVERTING_TAGS & set(r.tags)}
    reverted, reverting = reverts.reverted(), reverts.reverting()
    return TagComparison(
        tagged=bool(tagged_reverted or tagged_reverting),
        reverted_untagged=tuple(sorted(reverted - tagged_reverted)),
        tagged_not_reverted=tuple(sorted(tagged_reverted - reverted)),
        reverting_untagged=tuple(sorted(reverting - tagged_reverting)),
        tagged_not_reverting=tuple(sorted(tagged_reverting - reverting)),
    )
