"""Open the app on one or more sources, or on a page fetched from a wiki."""

from __future__ import annotations

import argparse

from wikitui.cli.common import add_cache_argument, parse_limit

EPILOG = """\
examples:
  wikitui                                  the bundled sample histories
  wikitui Pear.xml anarchism.xml.bz2       several sources side by side in the tree
  wikitui Pear.xml --rev latest~2          start on a revision (id, latest, oldest, X~N)
  wikitui --site en.wikipedia.org "Pear"   fetch the latest 500 revisions, then browse

keys: J/K older/newer revision, n/N next/previous change, ? all keys, ctrl+p commands."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui [SOURCE ...]``."""
    parser.add_argument(
        "sources",
        metavar="SOURCE",
        nargs="*",
        help="files or folders to open (default: the bundled sample history); with --site or"
        " --api: the title of the page to fetch",
    )
    parser.add_argument("--page", metavar="TITLE", help="start on this page")
    parser.add_argument(
        "--rev", metavar="REV", help="start on this revision (id, latest, oldest, X~N)"
    )
    add_cache_argument(parser)
    fetch = parser.add_mutually_exclusive_group()
    fetch.add_argument("--site", metavar="HOST", help="fetch the page titled SOURCE from this wiki")
    fetch.add_argument("--api", metavar="URL", help="fetch from this api.php URL")
    parser.add_argument(
        "--limit",
        metavar="N",
        type=parse_limit,
        default=500,
        help="with --site/--api: how many recent revisions to fetch (default 500, or 'all')",
    )
    # The dispatcher's own epilog lists the commands; the examples and keys follow it.
    parser.epilog = f"{parser.epilog}\n\n{EPILOG}" if parser.epilog else EPILOG


def run(args: argparse.Namespace) -> int:
    """Start the Textual app."""
    from wikitui.app import run_app

    return run_app(args)
