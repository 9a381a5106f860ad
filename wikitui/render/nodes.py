"""Small helpers on mwparserfromhell's nodes shared by the builder, tables and templates."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from mwparserfromhell.nodes import Node, Tag
from mwparserfromhell.nodes import Text as TextNode
from mwparserfromhell.wikicode import Wikicode

from wikitui.render import fast_tree


def parse(text: str) -> Wikicode:
    """mwparserfromhell's parse, with templates kept unexpanded (the same tree, built by
    :mod:`wikitui.render.fast_tree` when the library is a version it was checked against)."""
    return fast_tree.parse(text)


def split_pipes(nodes: Iterable[Node]) -> list[list[Node]]:
    """Split a node list at the ``|`` characters of its top-level text nodes."""
    segments: list[list[Node]] = [[]]
    for node in nodes:
        if isinstance(node, TextNode) and "|" in node.value:
            pieces = str(node.value).split("|")
            for index, piece in enumerate(pieces):
                if index:
                    segments.append([])
                if piece:
                    segments[-1].append(TextNode(piece))
        else:
            segments[-1].append(node)
    return segments


def lstrip_nodes(nodes: Sequence[Node]) -> list[Node]:
    """Drop the leading newline a block tag's body usually starts with."""
    out = list(nodes)
    if out and isinstance(out[0], TextNode):
        stripped = str(out[0].value).lstrip("\n")
        out[0] = TextNode(stripped)
    return out


def attribute(node: Tag, name: str) -> str | None:
    """A tag attribute's value, quotes and whitespace removed; None when absent or empty.

    The last attribute of that name counts, as in ``Tag.get`` (and MediaWiki).
    """
    found = None
    for attr in node.attributes:
        if source(attr.name) == name:
            found = attr
    if found is None or found.value is None:
        return None
    text = source(found.value).strip().strip("\"'").strip()
    return text or None


def int_attribute(node: Tag, name: str) -> int | None:
    """A numeric attribute (``colspan="2"``), None when absent or not a number."""
    value = attribute(node, name)
    if value is None:
        return None
    match = re.match(r"\d+", value)
    return int(match.group()) if match else None


def decode(value: str) -> str:
    """HTML entities in literal text (``<nowiki>``, ``<pre>``) turned into characters."""
    return html.unescape(value) if "&" in value else value


def strip_tags(value: str) -> str:
    """Tags inside ``<pre>`` are not shown (MediaWiki keeps only their text)."""
    return re.sub(r"<[^>]*>", "", value) if "<" in value else value


def trimmed(value: Wikicode) -> list[Node]:
    """A parameter value without its surrounding whitespace (MediaWiki trims named values).

    Works on the parsed nodes (new text nodes at the edges) rather than parsing the value's
    text again, which would cost as much as the article's own parse.
    """
    text = only_text(value.nodes)
    if text is not None:
        # The common case (a plain value): one stripped text node, or none when blank.
        stripped = text.strip()
        return [TextNode(stripped)] if stripped else []
    nodes = list(value.nodes)
    while nodes and isinstance(nodes[0], TextNode) and not nodes[0].value.strip():
        nodes.pop(0)
    while nodes and isinstance(nodes[-1], TextNode) and not nodes[-1].value.strip():
        nodes.pop()
    if nodes and isinstance(nodes[0], TextNode):
        nodes[0] = TextNode(nodes[0].value.lstrip())
    if nodes and isinstance(nodes[-1], TextNode):
        nodes[-1] = TextNode(nodes[-1].value.rstrip())
    return nodes


def tag_name(node: Tag) -> str:
    """A tag's name in lower case (``td``, ``ref``…)."""
    return source(node.tag).strip().lower()


def children(node: Tag) -> list[Node]:
    """A tag's content nodes (none for a self-closing or empty tag)."""
    return node.contents.nodes if node.contents is not None else []


def has_text(nodes: Sequence[Node]) -> bool:
    """``str(Wikicode(nodes)).strip() != ""`` without writing the nodes out: every node but a
    text node shows some markup (``{{``, ``<``, ``[[``, ``&``...)."""
    return any(not isinstance(node, TextNode) or node.value.strip() for node in nodes)


def source(code: Wikicode) -> str:
    """``str(code)``, without joining the nodes when there is one text node (most names and
    values are)."""
    nodes = code.nodes
    if len(nodes) == 1:
        (node,) = nodes  # (only_text, inlined: this runs for every name and title)
        if type(node) is TextNode:
            return node.value
    return str(code)


def only_text(nodes: Sequence[Node]) -> str | None:
    """The text of ``nodes`` when they are one text node, else None.

    (Unpacked, not indexed: a parsed node list's ``[0]`` runs Python code, its iteration
    does not.)
    """
    if len(nodes) == 1:
        (node,) = nodes
        if type(node) is TextNode:
            return node.value
    return None
