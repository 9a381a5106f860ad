"""Control characters from a source, made visible before they reach a terminal.

A title, user name, edit summary or wikitext comes from a file or a server that wikitui does not
trust. Written raw, ``ESC [`` or ``ESC ]`` starts a terminal escape sequence (colours, cursor
moves, a window title, a clipboard write over OSC 52), and a CR or LF in a user name forges a
line of output. This module is the one place that rule lives: every text from a source passes
through :func:`visible` (one-line fields) or :func:`visible_text` (texts whose line breaks and
tabs are meant) on its way to the screen, in the command line and the app alike.

Every control becomes one printable character, so offsets into a text (diff spans, styles,
search hits) stay right: C0 controls and DEL are shown as their Unicode control pictures (``ESC``
as ``␛``, U+241B; ``LF`` in a one-line field as ``␊``); C1 controls (U+0080–U+009F, among them
the one-byte CSI U+009B, which have no picture) as ``�`` (U+FFFD); in a one-line field the
Unicode line and paragraph separators as ``␤``.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment

REPLACEMENT = "\ufffd"
_PICTURES = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}
_C1 = dict.fromkeys(range(0x80, 0xA0), REPLACEMENT)
# One-line fields (titles, users, summaries, tags, file names): every control, line breaks too.
_ONE_LINE = str.maketrans(_PICTURES | _C1 | {0x2028: 0x2424, 0x2029: 0x2424})
# Texts shown over several lines (wikitext, a rendered article): line feeds and tabs stay.
_MULTI_LINE = str.maketrans(
    {code: picture for code, picture in _PICTURES.items() if code not in (0x09, 0x0A)} | _C1
)


def visible(text: str) -> str:
    """A one-line field (title, user, summary, tag, file name) with every control made visible,
    line breaks included; one character for one."""
    if text.isprintable():  # the common case: nothing to replace (and fast)
        return text
    return text.translate(_ONE_LINE)


def visible_text(text: str) -> str:
    """A text shown over several lines (wikitext, a rendered article): line feeds and tabs stay,
    every other control is made visible (a CR too: it would overwrite the line)."""
    if text.isprintable():
        return text
    return text.translate(_MULTI_LINE)


class Visible:
    """A rich renderable drawn with the control characters of its text made visible.

    Wraps what another module renders (the rendered article) without that module knowing:
    the text of each segment passes through :func:`visible_text`; control segments that rich
    itself makes (cursor moves of live displays) are kept.
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(visible_text(segment.text), segment.style)


__all__ = ["REPLACEMENT", "Visible", "visible", "visible_text"]
