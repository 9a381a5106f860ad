"""Helpers shared by the commands: opening sources, colour decisions, JSON output."""

from __future__ import annotations

import os
import sys

from wikitui.errors import TextUnavailable

TYPE_CHECKING = False  # typing is not imported at run time: `wikitui diff` starts faster
if TYPE_CHECKING:
    import argparse
    from typing import IO, Any

    from wikitui.model import Page, Revision, Source


def add_source_arguments(
    parser: argparse.ArgumentParser,
    metavar: str = "SOURCE",
    help: str = "XML export or dump, API JSON, wikitext file, or folder",
) -> None:
    """The ``SOURCE [--page TITLE] [--no-cache]`` most commands take."""
    parser.add_argument("source", metavar=metavar, help=help)
    parser.add_argument(
        "--page", metavar="TITLE", help="the page to use when the source has several"
    )
    add_cache_argument(parser)


def add_rev_argument(parser: argparse.ArgumentParser) -> None:
    """``--rev REV``: the one revision a command works on, the latest by default."""
    parser.add_argument(
        "--rev",
        metavar="REV",
        default="latest",
        help="the revision: an id, 'latest' (default), 'oldest', or X~N (N older than X)",
    )


def add_cache_argument(parser: argparse.ArgumentParser) -> None:
    """``--no-cache``: read the source without using or writing its index."""
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read the source without using or writing its index in the cache",
    )


def open_from_args(args: argparse.Namespace, texts: bool = True) -> Source:
    """Open ``args.source`` as the command line asked (through its index unless
    ``--no-cache``); ``texts=False`` when only the list fields are needed."""
    from wikitui.sources import open_source

    return open_source(args.source, texts=texts, use_cache=not getattr(args, "no_cache", False))


def add_color_arguments(parser: argparse.ArgumentParser) -> None:
    """``--color/--no-color``; by default colour is on for a terminal without NO_COLOR."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--color", dest="color", action="store_true", default=None, help="force colour"
    )
    group.add_argument("--no-color", dest="color", action="store_false", help="never use colour")


def parse_limit(value: str) -> int | None:
    """``--limit N|all`` for argparse: a positive count, or None for ``all``."""
    import argparse  # (only the commands that take --limit build a parser that uses this)

    if value.strip().lower() == "all":
        return None
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number or 'all': {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


MAX_WIDTH = 1000


def capped_width(width: int | None) -> int | None:
    """``--width`` as given, or :data:`MAX_WIDTH` (with a note) when it is wider than that.

    A table padded to ten million columns per row is no use to anyone and takes minutes to
    build, so very wide layouts are capped, as over-long lines are (see wikitui.diff.limits).
    """
    if width is None or width <= MAX_WIDTH:
        return width
    shown = f"{width:,}" if width < 10**30 else "huge"
    print(f"wikitui: note: --width {shown} capped at {MAX_WIDTH:,} columns", file=sys.stderr)
    return MAX_WIDTH


def want_color(args: argparse.Namespace, stream: IO[str] | None = None) -> bool:
    """Colour only on a TTY, never with NO_COLOR set, unless ``--color`` forces it."""
    forced = getattr(args, "color", None)
    if forced is not None:
        return bool(forced)
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def warn(message: object) -> None:
    """``wikitui: warning: ...`` on stderr, its control characters made visible."""
    from wikitui.present.visible import visible

    print(f"wikitui: warning: {visible(str(message))}", file=sys.stderr)


def print_json(data: Any) -> None:
    """Machine output: UTF-8 JSON on stdout, non-ASCII kept as is."""
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def text_of(page: Page, revision: Revision, source: str) -> str:
    """A revision's text; a one-line error that names the source file when it cannot be had."""
    try:
        return page.text(revision)
    except TextUnavailable as error:
        if error.message.startswith(source):
            raise
        raise TextUnavailable(f"{source}: {error.message}") from None
