"""The Textual app: a thin shell that wires the main screen, help, palette and fetching.

``WikituiApp(sources=[...])`` or ``WikituiApp(paths=[...])`` builds the app directly (tests do);
:func:`run_app` is what ``wikitui [SOURCE ...]`` calls.
"""

from __future__ import annotations

import argparse
import importlib.resources
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from wikitui.errors import PageNotFound, UsageError
from wikitui.model import Page, Source
from wikitui.screens.main import MainScreen
from wikitui.widgets.formatting import revision_label

CSS_FILE = Path(str(importlib.resources.files("wikitui.styles").joinpath("app.tcss")))


# The bundled sample opens on the article of the seed diff (a reconstruction, see its README).
SAMPLE_PAGE = "Azerbaijan–South Korea relations"


def sample_path() -> str:
    """The folder of bundled sample histories (installed as package data)."""
    return str(importlib.resources.files("wikitui.sample_data"))


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """A page to fetch from a live wiki into the cache and open."""

    title: str
    site: str = "en.wikipedia.org"
    api: str | None = None
    limit: int | None = 500


def parse_fetch_answer(answer: str, default_site: str = "en.wikipedia.org") -> FetchRequest:
    """``Title`` or ``host:Title`` (``de.wikipedia.org:Birne``) as typed in the fetch prompt.

    A prefix counts as a host only when it has a dot and no space, so namespaced titles such
    as ``Talk:Pear`` or ``Wikipedia:Village pump`` stay titles.
    """
    head, _, rest = answer.strip().partition(":")
    if rest.strip() and "." in head and " " not in head:
        return FetchRequest(rest.strip(), head)
    return FetchRequest(answer.strip(), default_site)


def cache_dir(site: str) -> Path:
    """Where fetched histories are kept: ``$XDG_CACHE_HOME/wikitui/<site>/``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    safe = "".join(c if c.isalnum() or c in ".-_" else "_" for c in site) or "wiki"
    return Path(base) / "wikitui" / safe


class WikituiApp(App[None]):
    """Browse MediaWiki revision histories."""

    TITLE = "wikitui"
    CSS_PATH = CSS_FILE
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding(
            "question_mark",
            "help",
            "Help",
            tooltip="This list of keys",
            key_display="?",
            id="help",
        ),
        Binding(
            "r",
            "refresh_history",
            "Refresh",
            tooltip="Pull newer revisions of a fetched page from its wiki",
            show=False,
            id="refresh",
        ),
    ]

    def __init__(
        self,
        sources: Sequence[Source] = (),
        paths: Sequence[str] = (),
        *,
        fetch: FetchRequest | None = None,
        initial: tuple[Page, int] | None = None,
        start_title: str | None = None,
        use_cache: bool = True,
    ) -> None:
        super().__init__()
        self.use_cache = use_cache  # False: --no-cache, sources are read without their index
        self.start_title = start_title
        self.initial_sources = list(sources)
        self.paths = [str(path) for path in paths]
        self.fetch_request = fetch
        self.initial = initial
        self.fetched: dict[int, tuple[FetchRequest, Path]] = {}  # id(page) -> origin

    def get_default_screen(self) -> Screen[None]:
        """The main screen, on the sources given."""
        return MainScreen(
            self.initial_sources, self.paths, initial=self.initial, start_title=self.start_title
        )

    @property
    def main(self) -> MainScreen:
        """The main screen (the bottom of the stack)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        """Start a fetch asked for on the command line."""
        if self.fetch_request is not None:
            self.call_after_refresh(self.start_fetch, self.fetch_request)

    # -- help and palette ---------------------------------------------------------------------

    def help_rows(self) -> list[tuple[str, str, str]]:
        """(group, keys, description) for every live binding of the main screen and its panes."""
        from wikitui.screens.help import binding_rows

        return binding_rows(self, self.main)

    def action_help(self) -> None:
        """Show the keys."""
        from wikitui.screens.help import HelpScreen

        if isinstance(self.screen, MainScreen):
            self.push_screen(HelpScreen(self.help_rows()))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action of the main screen, plus opening pages and comparing revisions."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MainScreen):
            return
        yield SystemCommand("Open page…", "Pick a page of the open sources", self.pick_page)
        yield SystemCommand(
            "Compare with…", "Pick a revision of this page as the base", self.pick_base
        )
        yield SystemCommand(
            "Fetch page from a wiki…", "Download a page's history and open it", self.ask_fetch
        )
        yield SystemCommand(
            "Refresh history", "Pull newer revisions of a fetched page", self.action_refresh_history
        )
        seen = set()
        for binding in screen.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip or binding.description} ({key})",
                lambda action=binding.action: self.run_action(action, screen),
            )

    def pick_page(self) -> None:
        """A palette of every page of the open sources."""
        main = self.main
        commands = []
        for source in main.sources:
            for page in source.all_pages():
                if page.revisions:
                    commands.append(
                        (
                            page.title,
                            lambda page=page: main.select(page, len(page.revisions) - 1),
                            f"{len(page.revisions):,} revisions · {source.label}",
                        )
                    )
        self.search_commands(commands, placeholder="Open page…")

    def pick_base(self) -> None:
        """A palette of this page's revisions (newest first) to compare with."""
        main = self.main
        selection = main.selected
        if selection is None:
            self.notify("Select a page first.", severity="warning")
            return
        page = selection.page
        commands = []
        # The fuzzy matcher runs per keystroke over every item: the latest 2,000 are plenty.
        for index, revision in list(page.newest_first())[:2000]:
            label = revision_label(page, index).plain
            commands.append(
                (
                    f"r{revision.rev_id}  {label}",
                    lambda index=index: main.compare_with(index),
                    None,
                )
            )
        self.search_commands(commands, placeholder="Compare with…")

    # -- fetching -----------------------------------------------------------------------------

    def ask_fetch(self) -> None:
        """Ask for a title (``Title`` or ``site:Title``) and fetch its history."""
        from wikitui.screens.pickers import PromptScreen

        def fetch(answer: str | None) -> None:
            if answer:
                self.start_fetch(parse_fetch_answer(answer))

        self.push_screen(
            PromptScreen(
                "Fetch a page's history", "Title, or site:Title (e.g. de.wikipedia.org:Birne)"
            ),
            fetch,
        )

    def start_fetch(self, request: FetchRequest, dest: Path | None = None) -> None:
        """Fetch a page's history in a worker; the tree fills as revisions arrive."""
        from wikitui.screens.fetching import FetchTask

        host = urlsplit(request.api).netloc if request.api else request.site
        folder = dest or cache_dir(host)
        FetchTask(self, self.main, request, folder).start()

    def action_refresh_history(self) -> None:
        """Pull the revisions made since a fetched page was downloaded."""
        selection = self.main.selected
        origin = self.fetched.get(id(selection.page)) if selection else None
        if origin is None:
            self.notify(
                "Only fetched pages can be refreshed (ctrl+p → Fetch page…).", severity="warning"
            )
            return
        request, path = origin
        self.start_fetch(request, path)


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


def run_app(args: argparse.Namespace) -> int:
    """Run the app for ``wikitui [SOURCE ...]``; problems the user can fix raise
    :class:`~wikitui.errors.WikituiError` before the screen is taken over."""
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
    app = WikituiApp(
        sources, paths, fetch=fetch, initial=initial, start_title=start_title, use_cache=use_cache
    )
    app.run()
    return app.return_code or 0
