"""The Textual app: a thin shell that wires the main screen, help, palette and fetching.

``WikituiApp(sources=[...])`` or ``WikituiApp(paths=[...])`` builds the app directly (tests do);
:func:`wikitui.cli.app_cmd.make_app` builds it from the command line.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from wikitui.fetch.request import FetchRequest, cache_dir, parse_fetch_answer
from wikitui.model import Page, Source
from wikitui.present.revision import revision_row
from wikitui.present.visible import visible
from wikitui.screens.main import MainScreen

CSS_FILE = Path(str(importlib.resources.files("wikitui.styles").joinpath("app.tcss")))


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
            "Find when text was added…",
            "Every revision of this page that added or removed a text",
            self.ask_find_text,
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
                            visible(page.title),
                            lambda page=page: main.select(page, len(page.revisions) - 1),
                            f"{len(page.revisions):,} revisions · {visible(source.label)}",
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
            label = revision_row(page, index).plain
            commands.append(
                (
                    f"r{revision.rev_id}  {label}",
                    lambda index=index: main.compare_with(index),
                    None,
                )
            )
        self.search_commands(commands, placeholder="Compare with…")

    def ask_find_text(self) -> None:
        """Ask for a text and list the revisions of the page that added or removed it."""
        from wikitui.screens.pickers import PromptScreen

        def find(answer: str | None) -> None:
            if answer:
                self.main.find_text(answer)

        self.push_screen(
            PromptScreen("Find when text was added", "a phrase of the page (case matters)"), find
        )

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
        self.main.start_fetch(request, dest or cache_dir(request.host))

    def action_refresh_history(self) -> None:
        """Pull the revisions made since a fetched page was downloaded."""
        selection = self.main.selected
        origin = self.main.fetched.get(id(selection.page)) if selection else None
        if origin is None:
            self.notify(
                "Only fetched pages can be refreshed (ctrl+p → Fetch page…).", severity="warning"
            )
            return
        request, path = origin
        self.start_fetch(request, path)
