"""Open the app on one or more sources."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui [SOURCE ...]``."""
    parser.add_argument(
        "sources",
        metavar="SOURCE",
        nargs="*",
        help="files or folders to open (default: the bundled sample history)",
    )


def run(args: argparse.Namespace) -> int:
    """Start the Textual app."""
    from wikitui.app import run_app

    return run_app(args)
