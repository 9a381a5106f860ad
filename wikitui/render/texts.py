"""Rich texts built from plain pieces and spans: each paragraph's Text made once.

``rich.text.Text`` strips terminal control codes (BEL, BS, VT, FF, CR) from every string it is
given, with ``str.translate`` over a deletion table. That costs about 65 ns a character on any
text that is not pure ASCII (most Wikipedia articles), and the builder hands rich each piece of
a paragraph, then the paragraph again when it trims it: on a 410 KB article the stripping alone
was a sixth of the renderer's time (bench/bench_render.py). Here a piece is searched for the five
codes first (five substring scans, well under a nanosecond a character) and translated only when
it has one; a paragraph is collected as pieces and spans (:class:`TextRun`) and made into one
Text by :func:`made_text`, which does not strip what was stripped already.

The Text made is the one ``Text.append`` would have made from the same pieces (the same plain
string and spans; tests/test_render_texts.py holds this against rich's own methods).
"""

from __future__ import annotations

from rich.control import strip_control_codes
from rich.style import Style
from rich.text import Span, Text

_NULL = Style.null()


def has_control_codes(value: str) -> bool:
    """Whether ``value`` holds a terminal control code that rich would strip (the codes
    rich.control.strip_control_codes deletes; tests check the two agree).

    Five substring tests (each a fast memchr-like scan) take about a fiftieth of a regular
    expression's character class on a 400 KB page, and a third on a short piece.
    """
    return "\x07" in value or "\x08" in value or "\x0b" in value or "\x0c" in value or "\r" in value


def sanitized(value: str) -> str:
    """``value`` without terminal control codes, as rich strips them (fast when it has none)."""
    return strip_control_codes(value) if has_control_codes(value) else value


# The fields Text.__init__ sets; made_text sets them itself only while rich has these.
_TEXT_FIELDS = {"_text", "style", "justify", "overflow", "no_wrap", "end", "tab_size", "_spans"}
_FIELDS_KNOWN = set(Text.__slots__) == _TEXT_FIELDS | {"_length"}
_new_text = Text.__new__


def made_text(plain: str, spans: list[Span] | None = None, style: str | Style = "") -> Text:
    """``Text(plain, style, spans=spans)`` for a ``plain`` already stripped of control codes.

    Sets the fields ``Text.__init__`` would, without having it translate ``plain`` again
    (a renderer makes some twenty thousand texts per 400 KB page: the call counts).
    """
    if not _FIELDS_KNOWN:  # pragma: no cover - a rich whose Text has other fields
        text = Text(style=style, spans=spans)
        text._text = [plain]
        text._length = len(plain)
        return text
    text = _new_text(Text)
    text._text = [plain]
    text.style = style
    text.justify = None
    text.overflow = None
    text.no_wrap = None
    text.end = "\n"
    text.tab_size = None
    text._spans = spans or []
    text._length = len(plain)
    return text


def new_text(value: str, style: str | Style = "") -> Text:
    """``Text(value, style)``, stripping control codes only when there are any."""
    return made_text(sanitized(value), None, style)


class TextRun:
    """A text being collected: plain pieces and style spans, made into a Text at the end.

    ``append`` and ``append_text`` record what ``Text.append`` and ``Text.append_text`` would
    add; :meth:`text` makes the Text once.
    """

    __slots__ = ("length", "parts", "spans")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0

    def append(self, value: str, style: Style | None = None) -> None:
        """``Text.append(value, style)``."""
        if value:
            if (
                "\x07" in value
                or "\x08" in value
                or "\x0b" in value
                or "\x0c" in value
                or "\r" in value
            ):
                # (has_control_codes, inlined: this runs for most pieces of a page)
                value = strip_control_codes(value)
            length = self.length
            self.parts.append(value)
            self.length = end = length + len(value)
            if style is not _NULL and style:  # (the null style, most pieces', tested first)
                self.spans.append(Span(length, end, style))

    def append_clean(self, value: str, style: Style | None = None) -> None:
        """``Text.append(value, style)`` for a ``value`` known to hold no control codes (a
        piece of a page that has none, punctuation): the search for them is skipped."""
        if value:
            length = self.length
            self.parts.append(value)
            self.length = end = length + len(value)
            if style is not _NULL and style:
                self.spans.append(Span(length, end, style))

    def append_text(self, text: Text) -> None:
        """``Text.append_text(text)``."""
        length = self.length
        size = len(text)
        if text.style:
            self.spans.append(Span(length, length + size, text.style))
        self.parts.append(text.plain)
        spans = text.spans
        if not length:
            self.spans.extend(spans)  # (spans are tuples: the same ones serve)
        elif spans:
            self.spans.extend(
                Span(start + length, end + length, style) for start, end, style in spans
            )
        self.length = length + size

    def rstrip(self) -> None:
        """``Text.rstrip()``: trailing whitespace gone, spans cut at the new end."""
        plain = "".join(self.parts)
        stripped = plain.rstrip()
        self.parts = [stripped]
        if len(stripped) < len(plain):
            self.spans = _cut(self.spans, len(stripped))
            self.length = len(stripped)

    def text(self, *, rstrip: bool = False) -> Text:
        """The collected text as one Text (with ``rstrip``: as ``Text.rstrip()`` leaves it)."""
        plain = "".join(self.parts)
        spans = self.spans
        if rstrip:
            stripped = plain.rstrip()
            if len(stripped) < len(plain):
                plain = stripped
                spans = _cut(spans, len(plain))
        return made_text(plain, spans)


def _cut(spans: list[Span], end: int) -> list[Span]:
    """Spans of a text cut to ``end`` characters, as ``Text`` trims them when it shrinks."""
    return [
        span if span.end < end else Span(span.start, min(end, span.end), span.style)
        for span in spans
        if span.start < end
    ]
