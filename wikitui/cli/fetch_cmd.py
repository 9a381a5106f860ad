"""Download a page's history from a wiki into a MediaWiki XML export file."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wikitui.cli.common import add_cache_argument, parse_limit, print_json, warn
from wikitui.cli.progress import ProgressBar
from wikitui.errors import UsageError

if TYPE_CHECKING:
    from wikitui.fetch import FetchResult

EPILOG = """\
The history is written as a MediaWiki XML export (schema 0.11), oldest revision first, which
'wikitui list/diff/render', the app and other dump tools open offline; a file name ending in
.gz, .bz2 or .xz is compressed. Change tags are kept in a comment inside each <revision>
(<!-- wikitui:tags ["tag"] -->) that other readers ignore.

Fetching into an existing export of the same page adds every revision newer than those in it
(--limit and --since only shape a new file, so an updated history never has a gap). The file
is replaced atomically: an interrupted or failed fetch leaves no partial file and an existing
file as it was.

examples:
  wikitui fetch "Ada Lovelace"                      # newest 500 revisions -> Ada_Lovelace.xml
  wikitui fetch Anarchism --limit all -o hist/      # the whole history, into a folder
  wikitui fetch "Ada Lovelace" --since 2024-01-01   # revisions since a date
  wikitui fetch Paris --site fr.wikipedia.org --json
  wikitui fetch "Main Page" --api https://wiki.example.org/w/api.php

exit status: 0 on success, 2 for a bad command line, 6 when the fetch failed.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui fetch``."""
    parser.add_argument("title", metavar="TITLE", help="the page's title, as on the wiki")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--site",
        metavar="HOST",
        default="en.wikipedia.org",
        help="the wiki's host name, for wikis with /w/api.php (default: en.wikipedia.org)",
    )
    where.add_argument(
        "--api", metavar="URL", help="the wiki's api.php URL, e.g. https://host/w/api.php"
    )
    parser.add_argument(
        "--limit",
        metavar="N|all",
        type=parse_limit,
        default=500,
        help="fetch at most N revisions, newest first (default: 500; 'all': everything)",
    )
    add_cache_argument(parser)
    parser.add_argument(
        "--since",
        metavar="TIMESTAMP",
        help="only revisions made at or after this time (YYYY-MM-DD or ISO 8601, UTC)",
    )
    parser.add_argument(
        "-o",
        "--output",
        dest="output_raw",
        metavar="FILE",
        help="file to write, or a folder to write TITLE.xml in (default: the current folder;"
        " a name ending in / is a folder, made if missing)",
    )
    parser.add_argument(
        "--no-redirect",
        dest="follow_redirects",
        action="store_false",
        help="fetch a redirect page's own history instead of following it",
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        default="30",
        help="give up on a request after this long, from asking to the last byte (default: 30)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print what was done as a JSON object on stdout"
    )


def _seconds(value: str) -> float:
    """``--timeout``: a positive, finite number of seconds (else a one-line usage error)."""
    try:
        number = float(value)
    except ValueError:
        raise UsageError(f"--timeout must be a number of seconds, not {value!r}") from None
    if not 0 < number <= MAX_TIMEOUT:  # also false for NaN
        raise UsageError(f"--timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds")
    return number


MAX_TIMEOUT = 86400.0


def run(args: argparse.Namespace) -> int:
    """Fetch, showing a progress bar on a terminal, then say what was written."""
    from wikitui.fetch import fetch_history

    timeout = _seconds(args.timeout)
    output = Path(args.output_raw) if args.output_raw else Path(".")
    made = _make_folder(args.output_raw, output)
    show_progress = bool(getattr(sys.stderr, "isatty", lambda: False)())
    # A plain `kill` should clean up like ctrl+c does: no temporary file left behind.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        with ProgressBar("fetching revisions", show_progress) as progress:
            result = fetch_history(
                args.title,
                site=args.site,
                api=args.api,
                limit=args.limit,
                since=args.since,
                dest=output,
                on_progress=progress.update,
                follow_redirects=args.follow_redirects,
                timeout=timeout,
                use_cache=not args.no_cache,
            )
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                output.rmdir()  # only if still empty: a failed fetch leaves nothing behind
        raise
    for warning in result.warnings:
        warn(warning)
    if args.json:
        print_json(result.to_json())
    else:
        for line in describe(result):
            print(line)
    return 0


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _make_folder(raw: str | None, output: Path) -> bool:
    """``-o hist/`` names a folder: make it if missing (True when it was made here)."""
    from wikitui.errors import FetchError

    if not raw or not raw.endswith(("/", os.sep)) or output.exists():
        return False
    try:
        output.mkdir(parents=True)
    except OSError as error:
        raise FetchError(f"cannot create {raw}: {error.strerror or error}") from None
    return True


def describe(result: FetchResult) -> list[str]:
    """The human summary of a fetch: redirects and normalisation, then what was written."""
    lines = []
    if result.redirected_from:
        lines.append(f"{result.redirected_from!r} redirects to {result.title!r} (followed)")
    elif result.normalized_from:
        lines.append(f"{result.requested!r} is {result.title!r} on {result.site}")
    plural = "s" if result.added != 1 else ""
    if not result.resumed:
        lines.append(
            f"wrote {result.added} revision{plural} of {result.title!r} from {result.site} "
            f"to {result.path}"
        )
    elif result.added:
        lines.append(
            f"added {result.added} new revision{plural} of {result.title!r} to {result.path} "
            f"(now {result.total})"
        )
    else:
        lines.append(f"{result.path} is up to date ({result.total} revisions of {result.title!r})")
    return lines
