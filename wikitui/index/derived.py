"""A page's :class:`~wikitui.model.DerivedStore`, kept in the ``derived`` table of its index.

Blame state, revert marks and the like are computed once and kept beside the history they
come from: a rebuilt index (the source changed) starts empty, so nothing stale survives. Any
failure (a read-only or vanished cache, a locked database) turns the store into one that
remembers nothing, after one logged warning: its users compute afresh.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from pathlib import Path

_log = logging.getLogger("wikitui.index")


class DerivedTable:
    """The ``derived`` table of one index file, shared by the pages of its source."""

    def __init__(self, path: Path, key_text: str) -> None:
        self.path = path
        self.key_text = key_text
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self.broken: str | None = None

    def _connect(self) -> sqlite3.Connection | None:
        """The connection (lock held), checking it is still this source's index."""
        if self.broken is not None:
            return None
        if self._connection is None:
            connection = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=rw",
                uri=True,
                check_same_thread=False,
                timeout=2,
                isolation_level=None,
            )
            row = connection.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
            if row is None or row[0] != self.key_text:
                connection.close()
                raise sqlite3.OperationalError("the index was rebuilt for a changed source")
            self._connection = connection
        return self._connection

    def _fail(self, error: Exception) -> None:
        self.broken = str(error)
        _log.warning("wikitui: warning: %s: derived data not kept (%s)", self.path, error)
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    def get(self, page: int, kind: str, key: str) -> bytes | None:
        """The value stored for a page under (kind, key), or None."""
        with self._lock:
            try:
                connection = self._connect()
                if connection is None:
                    return None
                row = connection.execute(
                    "SELECT value FROM derived WHERE page = ? AND kind = ? AND key = ?",
                    (page, kind, key),
                ).fetchone()
            except (sqlite3.Error, OSError) as error:
                self._fail(error)
                return None
        return None if row is None else bytes(row[0])

    def put(self, page: int, kind: str, key: str, value: bytes) -> None:
        """Store a value for a page (replacing an older one); failures are only logged.

        Another process opening the same source at once may have renamed its own, equally
        valid, build over the file this connection holds: SQLite then refuses to write to the
        moved file (``SQLITE_READONLY_DBMOVED``), and the write goes to the file now in place
        - after the usual check that it still describes this source.
        """
        row = (page, kind, key, sqlite3.Binary(value))
        with self._lock:
            for attempt in range(2):
                try:
                    connection = self._connect()
                    if connection is None:
                        return
                    connection.execute("INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?)", row)
                    return
                except sqlite3.Error as error:
                    if attempt == 0 and _moved(error):
                        self._reconnect()
                        continue
                    self._fail(error)
                    return
                except OSError as error:
                    self._fail(error)
                    return

    def _reconnect(self) -> None:
        """Drop the connection to a file that was replaced (lock held)."""
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    def close(self) -> None:
        """Release the connection."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


def _moved(error: sqlite3.Error) -> bool:
    """Whether SQLite refused a write because the file was renamed or replaced under it."""
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_READONLY_DBMOVED


class PageDerived:
    """The :class:`~wikitui.model.DerivedStore` of one page of an indexed source."""

    def __init__(self, table: DerivedTable, page: int) -> None:
        self._table = table
        self._page = page

    def get(self, kind: str, key: str) -> bytes | None:
        """The value stored under (kind, key), or None."""
        return self._table.get(self._page, kind, key)

    def put(self, kind: str, key: str, value: bytes) -> None:
        """Store a value under (kind, key), replacing any older one."""
        self._table.put(self._page, kind, key, value)
