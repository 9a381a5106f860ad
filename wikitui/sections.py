"""Section headings of a wikitext, by line: shared by the diff's hunk headers and the renderer.

MediaWiki treats a line as a heading when it starts and ends with runs of ``=``; the level is
the shorter run (``== A ===`` is a level-2 heading titled ``A =``). Comments may follow.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_HEADING = re.compile(r"^(?P<open>={1,6})(?P<title>.+?)(?P<close>={1,6})\s*(?:<!--.*?-->\s*)*$")
_MARKUP = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]|'{2,}|<[^>]+>")


class Heading:
    """A heading line: its 1-based line number, level (1-6), title as plain text, anchor.

    (A plain class, not a dataclass or a NamedTuple: ``wikitui diff`` labels hunks with it,
    and importing ``dataclasses`` or ``typing`` costs 2-6 ms at every start.)
    """

    __slots__ = ("anchor", "level", "line", "title")

    def __init__(self, line: int, level: int, title: str, anchor: str) -> None:
        self.line = line
        self.level = level
        self.title = title
        self.anchor = anchor

    def __repr__(self) -> str:
        return f"Heading({self.line!r}, {self.level!r}, {self.title!r}, {self.anchor!r})"


def heading_title(raw: str) -> str:
    """A heading's text as a reader sees it: links by their label, no bold/italic or tags."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", raw)
    return " ".join(text.split())


def anchor_for(title: str) -> str:
    """The fragment MediaWiki gives a heading (spaces to underscores)."""
    return title.replace(" ", "_")


def parse_heading(line: str) -> tuple[int, str] | None:
    """(level, title) when this wikitext line is a heading, else None."""
    match = _HEADING.match(line)
    if match is None:
        return None
    opening, closing = len(match["open"]), len(match["close"])
    level = min(opening, closing)
    raw = "=" * (opening - level) + match["title"] + "=" * (closing - level)
    title = heading_title(raw)
    return (level, title) if title else None


def find_headings(text: str) -> list[Heading]:
    """Every heading of the text, in order (a line scan: headings inside ``<pre>`` count too)."""
    headings: list[Heading] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("="):
            continue
        parsed = parse_heading(line)
        if parsed is None:
            continue
        level, title = parsed
        anchor = anchor_for(title)
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        if count:
            anchor = f"{anchor}_{count + 1}"  # MediaWiki's suffix for repeated headings
        headings.append(Heading(number, level, title, anchor))
    return headings


class SectionIndex:
    """Answers "which section is line N in?" as a heading path, e.g. ``History › Soviet era``."""

    def __init__(self, text: str) -> None:
        self.headings = find_headings(text)
        self._lines = [h.line for h in self.headings]
        self._paths: list[tuple[str, ...]] = []
        stack: list[Heading] = []
        for heading in self.headings:
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
            self._paths.append(tuple(h.title for h in stack))

    def path_at(self, line: int) -> tuple[str, ...]:
        """Titles of the headings that enclose 1-based ``line`` (empty before the first)."""
        position = bisect_right(self._lines, line) - 1
        return self._paths[position] if position >= 0 else ()

    def label_at(self, line: int, separator: str = " › ") -> str | None:
        """The section path at ``line`` joined for display, or None in the lead."""
        path = self.path_at(line)
        return separator.join(path) if path else None
