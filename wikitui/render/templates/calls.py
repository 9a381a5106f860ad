"""A template call as the handlers see it, and what most handlers do with one: show a
parameter, or the template's name as a muted placeholder."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode
from rich.style import Style

from wikitui.render.nodes import source, trimmed
from wikitui.render.styles import style

if TYPE_CHECKING:
    from wikitui.render.builder import Builder

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(slots=True)
class Call:
    """A template call: its normalised name and parameters (positional as "1", "2"…)."""

    node: Template
    name: str
    params: dict[str, Wikicode]

    def positional(self) -> list[Wikicode]:
        """The unnamed parameters in order (``1``, ``2``… up to the first gap)."""
        out = []
        index = 1
        while str(index) in self.params:
            out.append(self.params[str(index)])
            index += 1
        return out

    def positional_raw(self) -> list[str]:
        """The unnamed parameters in order, each as stripped wikitext."""
        return [str(value).strip() for value in self.positional()]

    def first(self, *keys: str) -> Wikicode | None:
        """The first parameter of ``keys`` that is present and not blank."""
        for key in keys:
            value = self.params.get(key)
            if value is not None and str(value).strip():
                return value
        return None

    def raw(self, *keys: str) -> str | None:
        """The first non-empty parameter of ``keys``, as stripped wikitext."""
        value = self.first(*keys)
        return str(value).strip() if value is not None else None


@lru_cache(maxsize=4096)  # (a page calls a few names many times: cite book, sfn...)
def normalise_name(raw: str) -> str:
    """``Template:Cite_web`` -> ``cite web`` (lower case, spaces, no namespace)."""
    name = " ".join(raw.replace("_", " ").split()).lower()
    if name.startswith("template:"):
        name = name[9:].strip()
    return name


def call_of(node: Template) -> Call:
    """Parse a template node into a :class:`Call`."""
    params: dict[str, Wikicode] = {}
    for param in node.params:
        key = source(param.name).strip()
        params[key.lower() if param.showkey else key] = param.value
    # Comments inside the name (``{{Infobox <!-- x --> foo``) are not part of it.
    raw_name = source(node.name)
    if "<!--" in raw_name:
        raw_name = COMMENT.sub("", raw_name)
    return Call(node, normalise_name(raw_name), params)


def show_param(builder: Builder, call: Call, st: Style, *keys: str) -> bool:
    """Render the first present parameter of ``keys`` inline; False when none is."""
    value = call.first(*keys)
    if value is None:
        return False
    builder.nodes(trimmed(value), st)
    return True


def placeholder(builder: Builder, name: str, raw_name: str, st: Style) -> None:
    """An unknown template: its name, muted; on a line of its own (a navbox, a sidebar) it
    stays on a line of its own instead of joining the next paragraph."""
    shown = " ".join(COMMENT.sub("", raw_name).split()) or name
    if builder.template_alone:
        builder.muted_block(f"⟨{shown}⟩", "placeholder")
    else:
        builder.add_raw(f"⟨{shown}⟩", st + style("placeholder"))


#: Renders one parsed template call into a builder, in a style.
Handler = Callable[["Builder", Call, Style], None]
