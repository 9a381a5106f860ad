"""A progress bar on stderr for the commands' long work, shown only on a terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class ProgressBar:
    """A rich progress bar on stderr, or nothing when stderr is not a terminal.

    Use as a context manager; :meth:`update` is shaped as the core's ``on_progress(done,
    total)`` callbacks (``total`` None or 0 while unknown). ``in_bytes`` counts bytes read
    (sizes and the time left) rather than items.
    """

    def __init__(self, label: str, enabled: bool | None = None, *, in_bytes: bool = False) -> None:
        self.label = label
        self.in_bytes = in_bytes
        if enabled is None:
            enabled = bool(getattr(sys.stderr, "isatty", lambda: False)())
        self.enabled = enabled
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                MofNCompleteColumn,
                ProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            counts: tuple[ProgressColumn, ...] = (MofNCompleteColumn(),)
            if self.in_bytes:
                counts = (DownloadColumn(), TimeRemainingColumn())
            self._bar = RichProgress(
                TextColumn(self.label),
                BarColumn(),
                *counts,
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=None)
        return self

    def update(self, done: int, total: int | None) -> None:
        """Move the bar to ``done`` of ``total``."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total or None)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
