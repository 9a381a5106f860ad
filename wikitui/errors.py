"""Errors the user can act on.

Each carries one line of text fit for stderr. The CLI prints ``wikitui: <message>`` and exits
with :attr:`WikituiError.exit_code`; the app shows the message as a notice. Anything else that
escapes is a bug.
"""

from __future__ import annotations


class WikituiError(Exception):
    """Base class: a problem explained in one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # one line, whatever was passed

    @property
    def message(self) -> str:
        """The one-line explanation."""
        return str(self.args[0])


class UsageError(WikituiError):
    """The command line itself is wrong."""

    exit_code = 2


class SourceError(WikituiError):
    """A file or folder could not be read as a revision history."""

    exit_code = 3


class PageNotFound(WikituiError):
    """No page with the requested title in the source."""

    exit_code = 4


class RevisionNotFound(WikituiError):
    """A revision selector names nothing in the history."""

    exit_code = 4


class TextUnavailable(WikituiError):
    """A revision's text is hidden, missing, or could not be read."""

    exit_code = 5


class FetchError(WikituiError):
    """Getting a history from a live wiki failed."""

    exit_code = 6
