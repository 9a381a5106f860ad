"""How a diff looks: the roles of its parts and their default styles, the gutter markers, the
move note and the rule for which words are emphasised.

One table of each, shared by ``wikitui diff`` and the app (which overrides the styles with its
theme's component classes). Pure rich + model code (no Textual).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rich.style import Style

from wikitui.diff.model import DiffRow

# Component classes of the diff pane (the roles of its parts), in the order themes care about.
DIFF_ROLES = (
    "diff--header",
    "diff--header-title",
    "diff--intermediate",
    "diff--hunk-header",
    "diff--hunk-current",
    "diff--line-number",
    "diff--context",
    "diff--deleted",
    "diff--added",
    "diff--deleted-word",
    "diff--added-word",
    "diff--moved",
    "diff--move-link",
    "diff--fold",
    "diff--note",
)

StyleLookup = Callable[[str], Style]

DEFAULT_STYLES: Mapping[str, Style] = {
    "diff--header-title": Style(bold=True),
    "diff--intermediate": Style(italic=True, dim=True),
    "diff--hunk-header": Style(bold=True, reverse=True),
    "diff--hunk-current": Style(bold=True, color="black", bgcolor="yellow"),
    "diff--line-number": Style(dim=True),
    "diff--deleted": Style(bgcolor="#3a2a10"),
    "diff--added": Style(bgcolor="#10263a"),
    "diff--deleted-word": Style(bold=True, strike=True, bgcolor="#7a5410"),
    "diff--added-word": Style(bold=True, underline=True, bgcolor="#104e7a"),
    "diff--moved": Style(italic=True),
    "diff--move-link": Style(dim=True, italic=True),
    "diff--fold": Style(dim=True, italic=True),
    "diff--note": Style(dim=True, italic=True),
}


def default_styles(role: str) -> Style:
    """The styles outside the app (``wikitui diff``, tests, benches): the wiki's colours."""
    return DEFAULT_STYLES.get(role, Style.null())


@dataclass(frozen=True, slots=True)
class Marker:
    """The gutter marks of a row type: in one column (inline), and on each side."""

    inline: str
    old: str
    new: str


# Gutter markers keep changes readable without colour (NO_COLOR, monochrome terminals, pipes).
MARKERS: Mapping[str, Marker] = {
    "context": Marker(" ", " ", " "),
    "add": Marker("+", " ", "+"),
    "delete": Marker("−", "−", " "),
    "change": Marker("±", "−", "+"),
    "move-from": Marker("»", "»", " "),
    "move-to": Marker("«", " ", "«"),
}

# The role of a whole row's text, per row type and side (``-`` old, ``+`` new).
LINE_ROLES: Mapping[str, tuple[str, str]] = {
    "context": ("diff--context", "diff--context"),
    "add": ("diff--added", "diff--added"),
    "delete": ("diff--deleted", "diff--deleted"),
    "change": ("diff--deleted", "diff--added"),
    "move-from": ("diff--moved", "diff--moved"),
    "move-to": ("diff--moved", "diff--moved"),
}


def marker_style(styles: StyleLookup, row_type: str) -> Style:
    """The style of a row's gutter marker."""
    if row_type in ("add", "move-to"):
        return styles("diff--added") + Style(bold=True)
    if row_type in ("delete", "move-from"):
        return styles("diff--deleted") + Style(bold=True)
    if row_type == "change":
        return Style(bold=True)
    return Style.null()


def move_note(row: DiffRow) -> str | None:
    """Where a moved paragraph went, or came from."""
    if row.type == "move-from" and row.moved_to is not None:
        return f"⤷ moved to line {row.moved_to:,}"
    if row.type == "move-to" and row.moved_from is not None:
        return f"⤶ moved from line {row.moved_from:,}"
    return None


def emphasises_words(row: DiffRow) -> bool:
    """True when a row's changed words stand out from its line.

    A whole added or deleted paragraph is new (or gone) as a whole. A changed row, a moved one
    with edits, and an added or deleted row holding ``=`` spans (one half of a paragraph that
    was split or merged) mark only the words that really changed.
    """
    if row.type in ("add", "delete"):
        return any(op == "=" for op, _ in row.spans)
    return True


__all__ = [
    "DEFAULT_STYLES",
    "DIFF_ROLES",
    "LINE_ROLES",
    "MARKERS",
    "Marker",
    "StyleLookup",
    "default_styles",
    "emphasises_words",
    "marker_style",
    "move_note",
]
