"""Saving a :class:`~wikitui.blame.engine.BlameState` as bytes, and reading it back.

The state is a handful of integer arrays and the token strings: each becomes one section,
compressed with zlib on its own, behind a small JSON header. The per-revision token sequences
are not stored as such: a revision is its paragraph ids, a paragraph its sentence ids, a
sentence its token ids (a revision's 15,000 tokens cost about 200 ids; the full Anarchism
state is a few megabytes).

:func:`history_fingerprint` names the revisions a state was computed from: the state is only
believed for a history whose first revisions still have the same ids, checksums and sizes.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from array import array
from typing import Any

from wikitui.blame.engine import BlameState
from wikitui.model import Page

MAGIC = b"wikitui-blame\n"
VERSION = 1
_ARRAYS = (
    ("origin", "I"),
    ("sentences.start", "Q"),
    ("sentences.items", "I"),
    ("sentences.key", "Q"),
    ("paragraphs.start", "Q"),
    ("paragraphs.items", "I"),
    ("paragraphs.key", "Q"),
    ("revisions.start", "Q"),
    ("revisions.items", "I"),
    ("revisions.key", "Q"),
    ("rev_keys", "q"),
)


def history_fingerprint(page: Page, count: int) -> str:
    """A digest of the first ``count`` revisions' ids, checksums, sizes and visibility."""
    h = hashlib.blake2b(digest_size=16)
    for revision in page.revisions[:count]:
        h.update(
            f"{revision.rev_id}|{revision.sha1}|{revision.size}|{revision.text_hidden}|"
            f"{bool(revision.problem)}\n".encode()
        )
    return h.hexdigest()


def _attribute(state: BlameState, dotted: str) -> Any:
    target: Any = state
    for name in dotted.split("."):
        target = getattr(target, name)
    return target


def dump_state(state: BlameState, covered: int, fingerprint: str) -> bytes:
    """The state as bytes; ``covered`` revisions of the page (``fingerprint``) went into it."""
    sections: list[tuple[str, bytes]] = [
        (name, _attribute(state, name).tobytes()) for name, _ in _ARRAYS
    ]
    sections.append(("values", "\n".join(state.values).encode("utf-8", "surrogatepass")))
    blobs = [zlib.compress(raw, 1) for _, raw in sections]
    header = {
        "version": VERSION,
        "covered": covered,
        "fingerprint": fingerprint,
        "sections": [[name, len(blob)] for (name, _), blob in zip(sections, blobs, strict=True)],
    }
    head = json.dumps(header).encode()
    return b"".join([MAGIC, len(head).to_bytes(4, "little"), head, *blobs])


def load_state(data: bytes) -> tuple[BlameState, int, str]:
    """(state, covered, fingerprint) from :func:`dump_state`'s bytes.

    Raises ValueError for anything that is not a whole, consistent state of this version.
    """
    if not data.startswith(MAGIC):
        raise ValueError("not a saved blame state")
    at = len(MAGIC)
    size = int.from_bytes(data[at : at + 4], "little")
    try:
        header = json.loads(data[at + 4 : at + 4 + size])
        if header["version"] != VERSION:
            raise ValueError(f"blame state version {header['version']}, not {VERSION}")
        at += 4 + size
        raw: dict[str, bytes] = {}
        for name, length in header["sections"]:
            raw[name] = zlib.decompress(data[at : at + length])
            at += length
        state = BlameState()
        for name, typecode in _ARRAYS:
            values = array(typecode)
            values.frombytes(raw[name])
            owner, _, attr = name.rpartition(".")
            setattr(_attribute(state, owner) if owner else state, attr, values)
        text = raw["values"].decode("utf-8", "surrogatepass")
        state.values = text.split("\n") if text else []  # tokens are never empty
        covered, fingerprint = int(header["covered"]), str(header["fingerprint"])
    except (KeyError, TypeError, zlib.error, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"damaged blame state: {error}") from None
    _check(state)
    state.sentences.rebuild_index()
    state.paragraphs.rebuild_index()
    return state, covered, fingerprint


def _check(state: BlameState) -> None:
    """Raise ValueError unless every id in the state points at something that exists."""
    if len(state.values) != len(state.origin):
        raise ValueError("damaged blame state: token counts differ")
    levels = (
        (state.sentences, len(state.values)),
        (state.paragraphs, len(state.sentences)),
        (state.revisions, len(state.paragraphs)),
    )
    for units, below in levels:
        if len(units.start) != len(units.key) + 1 or units.start[-1] != len(units.items):
            raise ValueError("damaged blame state: unit tables do not add up")
        if units.items and max(units.items) >= below:
            raise ValueError("damaged blame state: an id points past its table")
    if len(state.rev_keys) != len(state.revisions):
        raise ValueError("damaged blame state: revision counts differ")
    if state.origin and max(state.origin) >= len(state.rev_keys):
        raise ValueError("damaged blame state: a token's origin is unknown")
