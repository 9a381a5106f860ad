"""Pausing Python's cyclic garbage collector around allocation-heavy work.

A diff or a render makes hundreds of thousands of small objects and no reference cycles; the
collector would only walk them again and again (4–10% of the time). It is paused, not
stopped: whoever had it on gets it back, even when the work raises.
"""

from __future__ import annotations

import gc
from types import TracebackType


class collector_paused:
    """Context manager: the cyclic collector off for the block, then back as it was."""

    __slots__ = ("_collecting",)

    def __enter__(self) -> None:
        self._collecting = gc.isenabled()
        gc.disable()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._collecting:
            gc.enable()
