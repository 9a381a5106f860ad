"""Footnotes: ``<ref>`` numbering, reuse by name, and the numbered reference list.

Markers are numbered in order of first use within a group; a named reference used again keeps
its number, and the list shows it once with the wiki's back-link letters (``^ a b``). A list is
emitted where ``<references/>`` or ``{{reflist}}`` stands (taking the references cited so far,
as MediaWiki does), or at the end of the article when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from string import ascii_lowercase

from rich.console import Console
from rich.text import Text

from wikitui.render.blocks import Block, Paragraph, SegmentLine
from wikitui.render.styles import style


def _letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: the wiki's back-link and note labels."""
    label = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        label = ascii_lowercase[rest] + label
    return label


def _has_text(content: Text | None) -> bool:
    """True when a reference's content shows something (not absent, not blank)."""
    return content is not None and bool(content.plain.strip())


def _roman(number: int) -> str:
    pairs = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
    pairs += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, numeral in pairs:
        while number >= value:
            out += numeral
            number -= value
    return out


@dataclass(slots=True)
class Reference:
    """One footnote: number within its group, optional name, content, and how often cited."""

    number: int
    group: str = ""
    name: str | None = None
    content: Text | None = None
    uses: int = 1

    @property
    def label(self) -> str:
        """The marker's label: ``3``; ``a``/``A``/``iv``/``IV`` for the letter and roman
        groups of ``{{efn}}`` and friends; ``note 2`` for any other named group."""
        if self.group in ("lower-alpha", "lower-latin"):
            return _letters(self.number)
        if self.group in ("upper-alpha", "upper-latin"):
            return _letters(self.number).upper()
        if self.group == "lower-roman":
            return _roman(self.number)
        if self.group == "upper-roman":
            return _roman(self.number).upper()
        return f"{self.group} {self.number}" if self.group else str(self.number)

    @property
    def marker(self) -> str:
        """The marker as shown in the text, e.g. ``[3]``."""
        return f"[{self.label}]"

    def entry_text(self) -> Text:
        """The list entry after its number: back-links when reused, then the content."""
        out = Text()
        if self.uses > 1:
            links = " ".join(_letters(i) for i in range(1, self.uses + 1))
            out.append(f"^ {links} ", style("reflist.backlink"))
        if self.content is not None and _has_text(self.content):
            out.append_text(self.content)
        else:
            out.append("(reference without text)", style("muted"))
        return out


@dataclass(slots=True)
class ReferenceRegistry:
    """All the references of an article, and those still waiting for a list, per group."""

    references: list[Reference] = field(default_factory=list)
    _pending: dict[str, list[Reference]] = field(default_factory=dict)
    _by_name: dict[tuple[str, str], Reference] = field(default_factory=dict)
    _counters: dict[str, int] = field(default_factory=dict)

    def cite(self, group: str, name: str | None, content: Text | None) -> Reference:
        """Record one ``<ref>``: a new reference, or another use of a named one."""
        if name:
            known = self._by_name.get((group, name))
            if known is not None:
                # A second definition of the same name: the wiki keeps the first.
                if _has_text(content) and not _has_text(known.content):
                    known.content = content
                known.uses += 1
                return known
        number = self._counters.get(group, 0) + 1
        self._counters[group] = number
        reference = Reference(number, group, name or None, content)
        self.references.append(reference)
        self._pending.setdefault(group, []).append(reference)
        if name:
            self._by_name[(group, name)] = reference
        return reference

    def define(self, group: str, name: str, content: Text) -> None:
        """A list-defined reference (inside ``<references>…</references>``): fill its text."""
        known = self._by_name.get((group, name))
        if known is not None:
            if not _has_text(known.content):
                known.content = content
            return
        reference = self.cite(group, name, content)
        reference.uses = 0  # defined but never cited in the text: listed without back-links

    def take(self, group: str) -> list[Reference]:
        """The references of ``group`` cited since the last list, which a new list will show."""
        return self._pending.pop(group, [])

    def pending_groups(self) -> list[str]:
        """Groups with references not yet shown in a list."""
        return [group for group, refs in self._pending.items() if refs]


@dataclass(slots=True)
class ReferenceList(Block):
    """A numbered reference list (``<references/>``, ``{{reflist}}``, or the end of the page)."""

    references: list[Reference]

    def _items(self) -> list[Paragraph]:
        width = max((len(r.label) for r in self.references), default=1)
        items = []
        for reference in self.references:
            prefix = Text(f"{reference.label:>{width}}. ", style("list.marker"))
            items.append(Paragraph(reference.entry_text(), prefix, True, indent=self.indent + 2))
        return items

    def lines(self, console: Console, width: int) -> list[SegmentLine]:
        """One hanging-indented entry per reference."""
        out: list[SegmentLine] = []
        for item in self._items():
            out.extend(item.lines(console, width))
        return out

    def measure(self, console: Console, width: int) -> tuple[int, list[SegmentLine] | None]:
        """The entries' line counts added up (a long list is made only when read)."""
        return sum(item.measure(console, width)[0] for item in self._items()), None

    def plain(self) -> list[str]:
        """One line per reference: ``N. ^ a b text`` (back-links only for reused ones)."""
        out: list[str] = []
        for item in self._items():
            out.extend(item.plain())
        return out
