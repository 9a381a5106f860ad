"""The index file: an SQLite database holding one source's pages, revisions and texts.

Tables: ``meta`` (what source it describes, how texts are found, whether it is complete),
``pages``, ``revisions`` (every list field and the text's ref), ``problems`` (what the first
read reported), ``blocks`` (the zstd text store), ``seek`` (a decompressor's saved index)
and ``derived`` (data features compute from a page's history, see
:class:`~wikitui.model.DerivedStore`).

An index is believed only when everything checks out: SQLite's application id and schema
version, ``complete``, the source's key, and a SHA-256 digest over every page, revision and
problem row and the saved seek data. Anything else raises :class:`IndexDamaged`; the caller
rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from wikitui.model import LoadProblem, Page, Revision, Source, normalise_title

APPLICATION_ID = 0x77746978  # "wtix"
# 2: revisions of a page that names no parent keep parent_id NULL (the previous revision
# stands in), where version 1 stored 0 (a creation) for every missing <parentid>.
SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE pages (
    ord INTEGER PRIMARY KEY, title TEXT NOT NULL, norm TEXT NOT NULL, namespace INTEGER,
    page_id INTEGER, redirect TEXT, site TEXT
);
CREATE INDEX pages_norm ON pages (norm);
CREATE TABLE revisions (
    page INTEGER NOT NULL, ord INTEGER NOT NULL, rev_id INTEGER, parent_id INTEGER,
    timestamp TEXT, user TEXT, user_id INTEGER, anon INTEGER, comment TEXT, minor INTEGER,
    tags TEXT, size INTEGER, sha1 TEXT, hidden INTEGER, content_model TEXT,
    content_format TEXT, problem TEXT, ref TEXT,
    PRIMARY KEY (page, ord)
) WITHOUT ROWID;
CREATE TABLE problems (ord INTEGER PRIMARY KEY, path TEXT, message TEXT, location TEXT);
CREATE TABLE blocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE seek (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE derived (
    page INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,
    PRIMARY KEY (page, kind, key)
) WITHOUT ROWID;
"""

_PAGE_COLUMNS = "ord, title, norm, namespace, page_id, redirect, site"
_REVISION_COLUMNS = (
    "page, ord, rev_id, parent_id, timestamp, user, user_id, anon, comment, minor, tags, size,"
    " sha1, hidden, content_model, content_format, problem, ref"
)


class IndexDamaged(Exception):
    """The index file cannot be believed (damaged, truncated, foreign or unfinished)."""


# -- rows -----------------------------------------------------------------------------------


def _ref_text(ref: Any) -> str | None:
    if ref is None:
        return None
    return ",".join(str(int(part)) for part in ref)


def _ref_value(text: str | None) -> tuple[int, ...] | None:
    if text is None:
        return None
    if not text:
        return ()
    return tuple(int(part) for part in text.split(","))


def page_row(ord_: int, page: Page) -> tuple[Any, ...]:
    """A page as stored."""
    return (
        ord_,
        page.title,
        normalise_title(page.title),
        page.namespace,
        page.page_id,
        page.redirect,
        page.site,
    )


def revision_row(page_ord: int, ord_: int, revision: Revision) -> tuple[Any, ...]:
    """A revision as stored (booleans as integers, so that the digest of what is written and
    of what is read back agree)."""
    hidden = (
        int(revision.user_hidden)
        | int(revision.comment_hidden) << 1
        | int(revision.text_hidden) << 2
    )
    return (
        page_ord,
        ord_,
        revision.rev_id,
        revision.parent_id,
        revision.timestamp.isoformat() if revision.timestamp is not None else None,
        revision.user,
        revision.user_id,
        int(revision.anon),
        revision.comment,
        int(revision.minor),
        json.dumps(list(revision.tags), ensure_ascii=False) if revision.tags else None,
        revision.size,
        revision.sha1,
        hidden,
        revision.content_model,
        revision.content_format,
        revision.problem,
        _ref_text(revision.text_ref),
    )


def revision_from_row(row: tuple[Any, ...]) -> Revision:
    """A stored revision back as a :class:`Revision`."""
    (
        _page,
        _ord,
        rev_id,
        parent_id,
        timestamp,
        user,
        user_id,
        anon,
        comment,
        minor,
        tags,
        size,
        sha1,
        hidden,
        content_model,
        content_format,
        problem,
        ref,
    ) = row
    return Revision(
        rev_id=rev_id,
        parent_id=parent_id,
        timestamp=datetime.fromisoformat(timestamp) if timestamp is not None else None,
        user=user,
        user_id=user_id,
        anon=bool(anon),
        comment=comment,
        minor=bool(minor),
        tags=tuple(json.loads(tags)) if tags else (),
        size=size,
        sha1=sha1,
        user_hidden=bool(hidden & 1),
        comment_hidden=bool(hidden & 2),
        text_hidden=bool(hidden & 4),
        content_model=content_model,
        content_format=content_format,
        problem=problem,
        text_ref=_ref_value(ref),
    )


class Digest:
    """SHA-256 over rows in order, the same whether they are written or read back."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def rows(self, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Add a table's rows."""
        self._hash.update(table.encode())
        for row in rows:
            self._hash.update(repr(row).encode("utf-8", "surrogatepass"))

    def blob(self, data: bytes) -> None:
        """Add a blob (saved seek data)."""
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


def read_seek(connection: sqlite3.Connection) -> bytes | None:
    """The decompressor's saved seek data, if any."""
    row = connection.execute("SELECT data FROM seek WHERE id = 0").fetchone()
    return None if row is None else bytes(row[0])


def load_source(
    connection: sqlite3.Connection, path: str, meta: dict[str, str], seek: bytes | None
) -> tuple[Source, list[tuple[int, Page]]]:
    """Build the Source an index describes, checking its digest; raises IndexDamaged.

    Returns the source and its pages with their ordinal in the index.
    """
    digest = Digest()
    try:
        page_rows = connection.execute(f"SELECT {_PAGE_COLUMNS} FROM pages ORDER BY ord").fetchall()
        revision_rows = connection.execute(
            f"SELECT {_REVISION_COLUMNS} FROM revisions ORDER BY page, ord"
        ).fetchall()
        problem_rows = connection.execute(
            "SELECT ord, path, message, location FROM problems ORDER BY ord"
        ).fetchall()
    except sqlite3.DatabaseError as error:
        raise IndexDamaged(str(error)) from None
    digest.rows("pages", page_rows)
    digest.rows("revisions", revision_rows)
    digest.rows("problems", problem_rows)
    if seek is not None:
        digest.blob(seek)
    if digest.hexdigest() != meta.get("digest"):
        raise IndexDamaged("its content does not match its checksum")
    source = Source(path=path, kind="xml")
    pages: list[tuple[int, Page]] = []
    by_ord: dict[int, Page] = {}
    label = source.label
    for ord_, title, _norm, namespace, page_id, redirect, site in page_rows:
        page = Page(
            title=title,
            namespace=namespace,
            page_id=page_id,
            redirect=redirect,
            source_label=label,
            site=site,
        )
        by_ord[ord_] = page
        pages.append((ord_, page))
        source.pages.append(page)
    try:
        for row in revision_rows:
            by_ord[row[0]].add(revision_from_row(row))
    except (KeyError, ValueError, TypeError) as error:
        raise IndexDamaged(f"a bad revision row ({error})") from None
    source.problems = [
        LoadProblem(problem_path, message, location)
        for _ord, problem_path, message, location in problem_rows
    ]
    return source, pages


def write_source(
    connection: sqlite3.Connection,
    source: Source,
    meta: dict[str, str],
    seek: bytes | None,
    lock: threading.Lock,
) -> None:
    """Write a source's pages, revisions and problems, then ``meta`` with the digest."""
    digest = Digest()
    page_rows = [page_row(ord_, page) for ord_, page in enumerate(source.pages)]
    revision_rows = [
        revision_row(page_ord, ord_, revision)
        for page_ord, page in enumerate(source.pages)
        for ord_, revision in enumerate(page.revisions)
    ]
    problem_rows = [
        (ord_, problem.path, problem.message, problem.location)
        for ord_, problem in enumerate(source.problems)
    ]
    digest.rows("pages", page_rows)
    digest.rows("revisions", revision_rows)
    digest.rows("problems", problem_rows)
    if seek is not None:
        digest.blob(seek)
    meta = {**meta, "digest": digest.hexdigest(), "complete": "1"}
    meta["pages"] = str(len(page_rows))
    meta["revisions"] = str(len(revision_rows))
    with lock:
        connection.executemany(f"INSERT INTO pages VALUES ({_marks(7)})", page_rows)
        connection.executemany(f"INSERT INTO revisions VALUES ({_marks(18)})", revision_rows)
        connection.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)", problem_rows)
        if seek is not None:
            connection.execute("INSERT INTO seek VALUES (0, ?)", (seek,))
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.execute("COMMIT")


def _marks(count: int) -> str:
    return ", ".join("?" * count)
