"""List the indexes kept in the cache, or remove them (``wikitui cache clear``).

Each source wikitui opens gets an index (pages, revisions, where each text lives) under
``$XDG_CACHE_HOME/wikitui/index/`` (default ``~/.cache/wikitui/index/``), so that it opens at
once the next time. The cache is bounded: past ``WIKITUI_CACHE_MAX`` (default 2G; also
``500M``, ``0``...) the least recently used indexes are dropped.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime

from wikitui.cli.common import print_json
from wikitui.errors import UsageError

EPILOG = """\
examples:
  wikitui cache                        the indexes, most recently used first
  wikitui cache --json                 [{"source", "pages", "revisions", "bytes", "last_used"}]
  wikitui cache clear                  remove every index
  wikitui cache clear dump.xml.bz2     remove the index of one source

--json: one JSON array of objects with exactly the keys source, pages, revisions, bytes
(size of the index file) and last_used (ISO 8601 UTC). With 'clear', the array lists the
sources whose index was removed.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui cache``."""
    parser.add_argument(
        "action", nargs="?", metavar="clear", help="'clear': remove indexes (all, or of SOURCE)"
    )
    parser.add_argument("sources", metavar="SOURCE", nargs="*", help="sources to forget")
    parser.add_argument("--json", action="store_true", help="print one JSON array (see below)")


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def run(args: argparse.Namespace) -> int:
    """List or clear; returns the exit status."""
    from wikitui import index
    from wikitui.index import cache

    if args.action not in (None, "clear"):
        raise UsageError(f"unknown action {args.action!r} (use 'wikitui cache clear')")
    if args.action is None and args.sources:
        raise UsageError("sources are only given to 'wikitui cache clear'")
    if args.action == "clear":
        before = {entry.index: entry.source for entry in index.entries()}
        removed = index.clear(args.sources or None)
        names = [before.get(path, str(path)) for path in removed]
        if args.json:
            print_json(names)
        else:
            print(f"removed {len(removed)} index{'es' if len(removed) != 1 else ''}")
        return 0
    entries = index.entries()
    if args.json:
        print_json(
            [
                {
                    "source": entry.source,
                    "pages": entry.pages,
                    "revisions": entry.revisions,
                    "bytes": entry.bytes,
                    "last_used": _iso(entry.last_used),
                }
                for entry in entries
            ]
        )
        return 0
    out = sys.stdout
    for entry in entries:
        missing = "" if os.path.exists(entry.source) else "  (source gone)"
        out.write(
            f"{_iso(entry.last_used)}  {entry.pages:>7,} pages  {entry.revisions:>9,} revs  "
            f"{entry.bytes / 1e6:>8,.1f} MB  {entry.source}{missing}\n"
        )
    total = sum(entry.bytes for entry in entries)
    out.write(
        f"{len(entries)} index{'es' if len(entries) != 1 else ''}, {total / 1e6:,.1f} MB "
        f"of {cache.cache_limit() / 1e6:,.0f} MB allowed, in {cache.cache_dir()}\n"
    )
    return 0
