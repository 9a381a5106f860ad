"""Build or refresh the indexes of sources, so that later opens are immediate.

Every command that opens a source builds its index on the first read anyway; this command
does it ahead of time (for example right after downloading a dump), with a progress bar on a
terminal. An index that is up to date is left as it is.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from wikitui.cli.common import print_json, warn

EPILOG = """\
examples:
  wikitui index enwiki-pages-meta-history1.xml-p1p812.7z
  wikitui index dumps/ --json

--json prints one JSON array; each object has the keys
  source, pages, revisions, bytes (the index files' size), built (false when the index was
  already up to date), seconds
The indexes live under $XDG_CACHE_HOME/wikitui/index/ (see 'wikitui cache').
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui index``."""
    parser.add_argument(
        "sources", metavar="SOURCE", nargs="+", help="XML exports or dumps, or folders of them"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array (see below)")


def run(args: argparse.Namespace) -> int:
    """Index each source; returns the exit status."""
    from wikitui import index
    from wikitui.sources import open_source

    results: list[dict[str, Any]] = []
    for name in args.sources:
        fresh_before = index.is_current(name)
        started = time.perf_counter()
        with _Bar(sys.stderr.isatty() and not args.json, os.path.basename(name)) as bar:
            source = open_source(name, on_progress=bar.update)
        for problem in source.all_problems():
            warn(problem)
        pages = source.all_pages()
        results.append(
            {
                "source": name,
                "pages": len(pages),
                "revisions": sum(len(page.revisions) for page in pages),
                "bytes": sum(path.stat().st_size for path in index.index_files_for(name)),
                "built": not fresh_before,
                "seconds": round(time.perf_counter() - started, 3),
            }
        )
    if args.json:
        print_json(results)
        return 0
    for result in results:
        state = "indexed" if result["built"] else "up to date"
        print(
            f"{result['source']}: {state}: {result['pages']:,} pages, "
            f"{result['revisions']:,} revisions, index {result['bytes'] / 1e6:,.1f} MB"
            + (f" in {result['seconds']:.1f} s" if result["built"] else "")
        )
    return 0


class _Bar:
    """A rich progress bar on stderr over the bytes of the file read, or nothing."""

    def __init__(self, enabled: bool, label: str) -> None:
        self.enabled = enabled
        self.label = label
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _Bar:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn(f"indexing {self.label}"),
                BarColumn(),
                DownloadColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("index", total=None)
        return self

    def update(self, done: int, total: int) -> None:
        """``on_progress`` of :func:`~wikitui.sources.open_source`."""
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total or None)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
