"""The index file: an SQLite database holding one source's pages, revisions and texts.

Tables: ``meta`` (what source it describes, how texts are found, whether it is complete);
``pages``, each with its revisions (every list field and the text's ref) as one
zstd-compressed ``marshal`` blob - 15,000 revisions load in a few tens of milliseconds, where
one SQL row each took several times that; ``problems`` (what the first read reported);
``blocks`` (the zstd text store); and ``derived`` (data features compute from a page's
history, see :class:`~wikitui.model.DerivedStore`).

An index is believed only when everything checks out: SQLite's application id and schema
version, ``complete``, the source's key, and a SHA-256 digest over every page and problem row
(checked before anything is unpacked); text blocks carry zstd's own checksum. Anything else raises
:class:`IndexDamaged`; the caller rebuilds.
"""

from __future__ import annotations

import hashlib
import marshal
import sqlite3
import threading
from collections.abc import Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import zstandard

from wikitui.index.pages import IndexedPage
from wikitui.model import LoadProblem, Page, Revision, Source, normalise_title

APPLICATION_ID = 0x77746978  # "wtix"
# Older indexes are rebuilt: 2 kept parent_id NULL for the revisions of a page that names no
# parent (version 1 stored 0, a creation); 3 packed each page's revisions into one blob; 4 both.
SCHEMA_VERSION = 4

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE pages (
    ord INTEGER PRIMARY KEY, title TEXT NOT NULL, norm TEXT NOT NULL, namespace INTEGER,
    page_id INTEGER, redirect TEXT, site TEXT, revisions BLOB NOT NULL
);
CREATE INDEX pages_norm ON pages (norm);
CREATE TABLE problems (ord INTEGER PRIMARY KEY, path TEXT, message TEXT, location TEXT);
CREATE TABLE blocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE derived (
    page INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,
    PRIMARY KEY (page, kind, key)
) WITHOUT ROWID;
"""

_PAGE_COLUMNS = "ord, title, norm, namespace, page_id, redirect, site, revisions"


class IndexDamaged(Exception):
    """The index file cannot be believed (damaged, truncated, foreign or unfinished)."""


# -- rows -----------------------------------------------------------------------------------


def page_row(ord_: int, page: Page, revisions: bytes) -> tuple[Any, ...]:
    """A page as stored, with its packed revisions."""
    return (
        ord_,
        page.title,
        normalise_title(page.title),
        page.namespace,
        page.page_id,
        page.redirect,
        page.site,
        revisions,
    )


def revision_row(revision: Revision) -> tuple[Any, ...]:
    """A revision as packed (the order of :class:`Revision`'s fields)."""
    return (
        revision.rev_id,
        revision.parent_id,
        revision.timestamp.isoformat() if revision.timestamp is not None else None,
        revision.user,
        revision.user_id,
        revision.anon,
        revision.comment,
        revision.minor,
        revision.tags,
        revision.size,
        revision.sha1,
        revision.user_hidden,
        revision.comment_hidden,
        revision.text_hidden,
        revision.content_model,
        revision.content_format,
        revision.problem,
        None if revision.text_ref is None else tuple(int(part) for part in revision.text_ref),
    )


def pack_revisions(revisions: list[Revision]) -> bytes:
    """A page's revisions as one blob."""
    rows = [revision_row(revision) for revision in revisions]
    return _COMPRESSOR.compress(marshal.dumps(rows))


def unpack_revisions(blob: bytes) -> list[Revision]:
    """The revisions of a blob written by :func:`pack_revisions` (checked by the digest
    first: ``marshal`` must only see what this module wrote). Pages call it when their
    revisions are first used (see :mod:`.pages`)."""
    rows = marshal.loads(_DECOMPRESSOR.decompress(blob))
    parse = datetime.fromisoformat
    return [
        Revision(
            row[0],
            row[1],
            parse(row[2]) if row[2] is not None else None,
            *row[3:],
        )
        for row in rows
    ]


_COMPRESSOR = zstandard.ZstdCompressor(level=3)
_DECOMPRESSOR = zstandard.ZstdDecompressor()


class Digest:
    """SHA-256 over rows in order, the same whether they are written or read back."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def rows(self, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Add a table's rows."""
        self._hash.update(table.encode())
        for row in rows:
            for item in row:
                if isinstance(item, bytes):
                    self.blob(item)
                else:
                    self._hash.update(repr(item).encode("utf-8", "surrogatepass"))
                    self._hash.update(b"\x00")

    def blob(self, data: bytes) -> None:
        """Add a blob."""
        self._hash.update(len(data).to_bytes(8, "little"))
        self._hash.update(data)

    def hexdigest(self) -> str:
        """The digest so far."""
        return self._hash.hexdigest()


# -- connections ----------------------------------------------------------------------------


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection (never creates the file)."""
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, timeout=5
    )
    return connection


def create(path: Path) -> sqlite3.Connection:
    """A new, empty index file at ``path`` (a temporary name: see :mod:`.cache`)."""
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA journal_mode=OFF")  # the file is renamed into place when done
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    connection.execute("BEGIN")
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    return connection


def read_meta(connection: sqlite3.Connection) -> dict[str, str]:
    """The ``meta`` table, after checking that the file is a wikitui index of this schema."""
    try:
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise IndexDamaged(f"not an index ({error})") from None
    if application != APPLICATION_ID:
        raise IndexDamaged("not a wikitui index")
    if version != SCHEMA_VERSION:
        raise IndexDamaged(f"index schema {version}, expected {SCHEMA_VERSION}")
    try:
        return dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError as error:
        raise IndexDamaged(str(error)) from None


def meta_of(path: Path) -> dict[str, str]:
    """:func:`read_meta` of the index file at ``path``, opened read-only and closed again.

    Raises ``sqlite3.Error`` or :class:`IndexDamaged` as those do.
    """
    connection = connect_readonly(path)
    try:
        return read_meta(connection)
    finally:
        connection.close()


def load_source(
    connection: sqlite3.Connection, path: str, meta: dict[str, str]
) -> tuple[Source, list[tuple[int, Page]]]:
    """Build the Source an index describes, checking its digest; raises IndexDamaged.

    Returns the source and its pages with their ordinal in the index.
    """
    digest = Digest()
    try:
        page_rows = connection.execute(f"SELECT {_PAGE_COLUMNS} FROM pages ORDER BY ord").fetchall()
        problem_rows = connection.execute(
            "SELECT ord, path, message, location FROM problems ORDER BY ord"
        ).fetchall()
    except sqlite3.DatabaseError as error:
        raise IndexDamaged(str(error)) from None
    digest.rows("pages", page_rows)
    digest.rows("problems", problem_rows)
    if digest.hexdigest() != meta.get("digest"):
        raise IndexDamaged("its content does not match its checksum")
    source = Source(path=path, kind="xml")
    pages: list[tuple[int, Page]] = []
    label = source.label
    for ord_, title, _norm, namespace, page_id, redirect, site, blob in page_rows:
        page = IndexedPage(
            partial(unpack_revisions, blob),
            title=title,
            namespace=namespace,
            page_id=page_id,
            redirect=redirect,
            source_label=label,
            site=site,
        )
        pages.append((ord_, page))
        source.pages.append(page)
    source.problems = [
        LoadProblem(problem_path, message, location)
        for _ord, problem_path, message, location in problem_rows
    ]
    return source, pages


def write_source(
    connection: sqlite3.Connection,
    source: Source,
    meta: dict[str, str],
    lock: threading.Lock,
) -> None:
    """Write a source's pages (with their revisions) and problems, then ``meta`` with the
    digest."""
    digest = Digest()
    page_rows = [
        page_row(ord_, page, pack_revisions(page.revisions))
        for ord_, page in enumerate(source.pages)
    ]
    problem_rows = [
        (ord_, problem.path, problem.message, problem.location)
        for ord_, problem in enumerate(source.problems)
    ]
    digest.rows("pages", page_rows)
    digest.rows("problems", problem_rows)
    meta = {**meta, "digest": digest.hexdigest(), "complete": "1"}
    meta["pages"] = str(len(page_rows))
    meta["revisions"] = str(sum(len(page.revisions) for page in source.pages))
    with lock:
        connection.executemany(f"INSERT INTO pages VALUES ({_marks(8)})", page_rows)
        connection.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)", problem_rows)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.execute("COMMIT")


def _marks(count: int) -> str:
    return ", ".join("?" * count)
