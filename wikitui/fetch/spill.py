"""Fetched revisions on their way to the export file: texts parked in a temporary file.

A history can be far larger than memory; each text is written to the spill as it arrives and
read back only when the export is written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import IO

from wikitui.errors import FetchError
from wikitui.fetch.export import ExportRevision


class TextSpill:
    """Revision texts parked in a temporary file until the export is written."""

    def __init__(self) -> None:
        # Closed by close(), called from fetch_history's finally clause.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="wikitui-fetch-")  # noqa: SIM115
        self._end = 0

    def put(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8", "surrogatepass")
        try:
            self._file.seek(self._end)
            self._file.write(data)
        except OSError as error:
            folder = tempfile.gettempdir()
            raise FetchError(
                f"cannot keep fetched texts in {folder}: {error.strerror or error}"
            ) from None
        ref = (self._end, len(data))
        self._end += len(data)
        return ref

    def get(self, ref: tuple[int, int]) -> str:
        offset, length = ref
        self._file.seek(offset)
        return self._file.read(length).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._file.close()


@dataclass(slots=True)
class PendingRevision:
    """A revision on its way to the file: metadata now, text loaded when it is written."""

    rev: ExportRevision
    load: Callable[[], str] | None = None

    def complete(self) -> ExportRevision:
        """The revision with its text filled in."""
        if self.load is None:
            return self.rev
        return replace(self.rev, text=self.load())


def park(rev: ExportRevision, spill: TextSpill) -> PendingRevision:
    """Move a fetched revision's text to the spill file; the item loads it back on demand."""
    if rev.text is None:
        return PendingRevision(rev)
    ref = spill.put(rev.text)
    return PendingRevision(replace(rev, text=None), lambda: spill.get(ref))
