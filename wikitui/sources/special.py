"""Paths that are not regular files: pipes read as streams, FIFOs and devices refused.

A source given as ``<(gzip -c f)`` is an anonymous pipe: it can be read once, front to back,
and never sought. It is copied as it comes (still compressed, if it was) into a temporary
file, which is then opened like any other file; messages keep naming the path the user gave.
A named FIFO, a socket or a device is never opened: reading one can block forever (a FIFO
nobody writes to) or never end (``/dev/zero``).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable

from wikitui.errors import SourceError
from wikitui.model import Source

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_kind(path: str) -> str | None:
    """What a non-regular file is ("a FIFO (named pipe)", "an anonymous pipe"...), None for a
    regular file, a folder, or a path that does not exist (the caller reports that)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode) and not os.path.exists(os.path.realpath(path)):
        return "an anonymous pipe"  # /dev/fd/63 of `<(...)` or `cmd | wikitui list /dev/stdin`
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def refuse(path: str, kind: str) -> SourceError:
    """The one-line error for a FIFO, socket or device given where a file is read."""
    return SourceError(f"{path}: {kind}, not a file: not read")


def open_piped(path: str, open_file: Callable[[str], Source]) -> Source:
    """Read an anonymous pipe into a temporary file, open that, and name ``path`` throughout."""
    spooled = _spool(path)
    try:
        source = open_file(spooled)
    except SourceError as error:
        raise SourceError(error.message.replace(spooled, path)) from None
    source.path = path
    for problem in source.all_problems():
        problem.path = problem.path.replace(spooled, path)
        problem.message = problem.message.replace(spooled, path)
    for page in source.all_pages():
        page.source_label = source.label
    return source


def _spool(path: str) -> str:
    # Texts are loaded from the copy later (``wikitui diff``, the app): it lives until exit.
    handle, spooled = tempfile.mkstemp(prefix="wikitui-pipe-")
    atexit.register(_remove, spooled)
    try:
        with open(path, "rb") as pipe, os.fdopen(handle, "wb") as copy:
            shutil.copyfileobj(pipe, copy, 1 << 20)
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None
    return spooled


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
