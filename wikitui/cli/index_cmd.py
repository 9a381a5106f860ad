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
from wikitui.cli.progress import ProgressBar

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
        label = f"indexing {os.path.basename(name)}"
        with ProgressBar(label, sys.stderr.isatty() and not args.json, in_bytes=True) as bar:
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
