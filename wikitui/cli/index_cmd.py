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
Only XML exports are indexed: other formats (API JSON, wikitext) are read whole, and are
listed as "not indexed". A source that cannot be read is reported in one line; the others
are still indexed and printed, and the exit status is 3.
The indexes live under $XDG_CACHE_HOME/wikitui/index/ (see 'wikitui cache').
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui index``."""
    parser.add_argument(
        "sources", metavar="SOURCE", nargs="+", help="XML exports or dumps, or folders of them"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array (see below)")


def run(args: argparse.Namespace) -> int:
    """Index each source; returns the exit status (that of the last source that failed)."""
    from wikitui.errors import SourceError

    results: list[dict[str, Any]] = []
    status = 0
    for name in args.sources:
        try:
            results.append(_index_one(name, args.json))
        except SourceError as error:  # say so, and go on with the other sources
            print(f"wikitui: {error.message}", file=sys.stderr)
            status = error.exit_code
    if args.json:
        print_json([{key: row[key] for key in row if key != "indexed"} for row in results])
        return status
    for result in results:
        if not result["indexed"]:
            print(
                f"{result['source']}: not indexed (only XML exports are; this format is read "
                f"whole): {result['pages']:,} pages, {result['revisions']:,} revisions"
            )
            continue
        state = "indexed" if result["built"] else "up to date"
        print(
            f"{result['source']}: {state}: {result['pages']:,} pages, "
            f"{result['revisions']:,} revisions, index {result['bytes'] / 1e6:,.1f} MB"
            + (f" in {result['seconds']:.1f} s" if result["built"] else "")
        )
    return status


def _index_one(name: str, quiet: bool) -> dict[str, Any]:
    """Open one source through its index (building it if need be); its JSON object, with
    ``indexed`` (popped before printing JSON) saying whether it has XML files to index.

    Raises :class:`~wikitui.errors.SourceError` when it cannot be read."""
    from wikitui import index
    from wikitui.sources import open_source

    indexed = bool(index.indexable_files(name))
    fresh_before = index.is_current(name)
    started = time.perf_counter()
    label = f"indexing {os.path.basename(name)}"
    with ProgressBar(label, sys.stderr.isatty() and not quiet, in_bytes=True) as bar:
        source = open_source(name, on_progress=bar.update)
    for problem in source.all_problems():
        warn(problem)
    if not indexed and quiet:
        warn(f"{name}: not indexed: only XML exports are (this format is read whole)")
    pages = source.all_pages()
    return {
        "source": name,
        "pages": len(pages),
        "revisions": sum(len(page.revisions) for page in pages),
        "bytes": sum(path.stat().st_size for path in index.index_files_for(name)),
        "built": indexed and not fresh_before,
        "seconds": round(time.perf_counter() - started, 3),
        "indexed": indexed,
    }
