"""Where indexes live, what identifies a source, and keeping the cache bounded.

One SQLite file per source under ``$XDG_CACHE_HOME/wikitui/index/`` (default
``~/.cache/wikitui/index/``), named after a hash of the source's resolved path. A build is
written to a temporary file beside it and renamed into place when complete, so a file with
the final name is always a finished index (or damage, which :mod:`wikitui.index.db` detects).
The file's modification time is its "last used" time: every open touches it, and eviction
drops the oldest first once the cache is past ``WIKITUI_CACHE_MAX`` (default 2 GiB).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

INDEX_SUFFIX = ".sqlite"
BUILDING_MARK = ".building-"
EDGE_SIZE = 64 << 10  # bytes hashed at each end of a source
DEFAULT_MAX = 2 << 30
_WARNED: set[str] = set()  # the bad WIKITUI_CACHE_MAX values already reported
_log = logging.getLogger("wikitui.index")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.I)


def cache_dir() -> Path:
    """The folder holding the indexes (not created here)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wikitui" / "index"


def cache_limit() -> int:
    """The cache's size limit in bytes: ``WIKITUI_CACHE_MAX`` (``500M``, ``2G``, ``0``...);
    a value that is not a size is reported once (one warning line) and the default used."""
    value = os.environ.get("WIKITUI_CACHE_MAX")
    if not value:
        return DEFAULT_MAX
    match = _SIZE.match(value)
    if match is None:
        if value not in _WARNED:
            _WARNED.add(value)
            _log.warning(
                "wikitui: warning: WIKITUI_CACHE_MAX=%s is not a size (like 500M or 2G): "
                "the default 2 GiB is used",
                ascii(value),
            )
        return DEFAULT_MAX
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}[match[2].lower()]
    return int(float(match[1]) * scale)


def resolved(path: str | os.PathLike[str]) -> str:
    """A source's identity on disk: its absolute path with symbolic links resolved."""
    return os.path.realpath(os.fspath(path))


def index_path(source: str | os.PathLike[str]) -> Path:
    """The index file of a source (whether or not it exists)."""
    digest = hashlib.sha256(resolved(source).encode("utf-8", "surrogateescape")).hexdigest()
    return cache_dir() / f"{digest[:32]}{INDEX_SUFFIX}"


@dataclass(frozen=True, slots=True)
class SourceKey:
    """What must be unchanged for an index to describe a source."""

    path: str
    size: int
    mtime_ns: int
    edges: str  # sha256 of the first and last 64 KiB

    def as_text(self) -> str:
        """The key as stored in an index."""
        return f"{self.size}:{self.mtime_ns}:{self.edges}"


def source_key(path: str) -> SourceKey | None:
    """The key of a regular file, or None for anything that must not be indexed (pipes...)."""
    real = resolved(path)
    try:
        info = os.stat(real)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    digest = hashlib.sha256()
    try:
        with open(real, "rb", buffering=0) as handle:
            digest.update(handle.read(EDGE_SIZE))
            if info.st_size > EDGE_SIZE:
                handle.seek(max(EDGE_SIZE, info.st_size - EDGE_SIZE))
                digest.update(handle.read(EDGE_SIZE))
    except OSError:
        return None
    return SourceKey(real, info.st_size, info.st_mtime_ns, digest.hexdigest())


def touch(path: Path) -> None:
    """Mark an index as just used (its mtime is the "last used" time)."""
    with contextlib.suppress(OSError):  # a read-only cache still answers
        os.utime(path)


def index_files() -> list[Path]:
    """Every finished index file in the cache."""
    folder = cache_dir()
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(folder / name for name in names if name.endswith(INDEX_SUFFIX))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def remove_index(path: Path) -> int:
    """Delete an index file and its SQLite side files; returns the bytes freed."""
    freed = 0
    for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            size = candidate.stat().st_size
            candidate.unlink()
            freed += size
        except OSError:
            pass
    return freed


def sweep_abandoned() -> None:
    """Remove temporary build files whose process is gone (an interrupted build)."""
    folder = cache_dir()
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if BUILDING_MARK not in name:
            continue
        pid_text = name.rsplit(BUILDING_MARK, 1)[1].split(".", 1)[0].split("-", 1)[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            remove_index(folder / name)


def evict(keep: Path | None = None, limit: int | None = None) -> list[Path]:
    """Drop the least recently used indexes until the cache fits its limit.

    ``keep`` (the index just used) is never dropped. Returns the files removed.
    """
    limit = cache_limit() if limit is None else limit
    sweep_abandoned()
    entries: list[tuple[float, int, Path]] = []
    total = 0
    for path in index_files():
        try:
            info = path.stat()
        except OSError:
            continue
        total += info.st_size
        entries.append((info.st_mtime, info.st_size, path))
    removed: list[Path] = []
    for _mtime, size, path in sorted(entries):
        if total <= limit:
            break
        if keep is not None and path == keep:
            continue
        remove_index(path)
        total -= size
        removed.append(path)
    return removed
