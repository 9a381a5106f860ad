"""Open the app on one or more sources, or on a page fetched from a wiki."""

from __future__ import annotations

import argparse
import importlib.resources
import os
from typing import TYPE_CHECKING

from wikitui.cli.common import add_cache_argument, parse_limit
from wikitui.errors import PageNotFound, UsageError
from wikitui.fetch.request import FetchRequest
from wikitui.model import Page, Source

if TYPE_CHECKING:
    from wikitui.app import WikituiApp

# The bundled sample opens on the article of the seed diff (a reconstruction, see its README).
SAMPLE_PAGE = "Azerbaijan–South Korea relations"


def sample_path() -> str:
    """The folder of bundled sample histories (installed as package data)."""
    return str(importlib.resources.files("wikitui.sample_data"))


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


def _initial_selection(
    sources: list[Source], title: str | None, rev: str | None
) -> tuple[Page, int] | None:
    """Resolve ``--page``/``--rev`` against loaded sources; raise before the app starts."""
    if title is None and rev is None:
        return None
    if title is not None:
        errors = []
        for source in sources:
            try:
                page = source.find_page(title)
                break
            except PageNotFound as error:
                errors.append(error.message)
        else:
            raise PageNotFound(
                errors[0] if len(errors) == 1 else f"no page titled {title!r} in the sources given"
            )
    else:
        pages = [p for s in sources for p in s.all_pages() if p.revisions]
        if not pages:
            raise PageNotFound("the sources hold no revisions")
        page = pages[0]
    return page, page.resolve(rev)


def make_app(args: argparse.Namespace) -> WikituiApp:
    """The app for ``wikitui [SOURCE ...]``; problems the user can fix raise
    :class:`~wikitui.errors.WikituiError` before the screen is taken over."""
    from wikitui.app import WikituiApp

    sources_given: list[str] = list(getattr(args, "sources", []) or [])
    site = getattr(args, "site", None)
    api = getattr(args, "api", None)
    fetch = None
    use_cache = not getattr(args, "no_cache", False)
    paths: list[str] = []
    sources: list[Source] = []
    initial = None
    start_title = None
    if site or api:
        if len(sources_given) != 1:
            raise UsageError("with --site or --api give exactly one page title")
        fetch = FetchRequest(
            sources_given[0], site or "en.wikipedia.org", api, getattr(args, "limit", 500)
        )
    else:
        paths = sources_given or [sample_path()]
        start_title = None if sources_given else SAMPLE_PAGE
        for path in paths:
            if not os.path.exists(path):
                raise UsageError(f"{path}: no such file or directory")
        if getattr(args, "page", None) or getattr(args, "rev", None):
            # Naming a page or revision means it must exist: read the sources first, so a
            # typo is an error on the command line instead of an empty screen.
            from wikitui.sources import open_source

            sources = [open_source(path, use_cache=use_cache) for path in paths]
            paths = []
            initial = _initial_selection(sources, args.page, args.rev)
    return WikituiApp(
        sources, paths, fetch=fetch, initial=initial, start_title=start_title, use_cache=use_cache
    )


def run(args: argparse.Namespace) -> int:
    """Start the Textual app; returns its exit status."""
    app = make_app(args)
    app.run()
    return app.return_code or 0
