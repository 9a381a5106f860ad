"""Walks mwparserfromhell's node tree and builds the article's blocks.

Wikitext's block structure is line based (a list item or a preformatted line is decided by the
first characters of a line, a blank line ends a paragraph) while mwparserfromhell gives a tree of
inline nodes. The :class:`Builder` keeps the line state while it walks: whether the walk is at the
start of a wikitext line, the paragraph being filled, the list prefix (``*#:``) in force, and a
preformatted block being collected. Pieces that stand on their own (reference texts, table cells,
template parameters) are built by a nested builder sharing the same :class:`Context`, so
references and links are numbered across the whole article.
"""

from __future__ import annotations

from collections.abc import Iterable

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Wikilink,
)
from mwparserfromhell.nodes import (
    Heading as HeadingNode,
)
from mwparserfromhell.nodes import (
    Text as TextNode,
)
from mwparserfromhell.wikicode import Wikicode
from rich.style import Style
from rich.text import Text

from wikitui.render.blocks import Block, Heading, Lines, Paragraph, Preformatted, join_inline
from wikitui.render.context import MAX_DEPTH, Context, Link
from wikitui.render.links import external_link, wikilink
from wikitui.render.nodes import attribute, only_text, source, tag_name, trimmed
from wikitui.render.references import ReferenceList
from wikitui.render.styles import link_style, style
from wikitui.render.tags import tag
from wikitui.render.texts import TextRun, has_control_codes, made_text, new_text
from wikitui.render.tidy import collapsed, tidy
from wikitui.sections import heading_title

_NULL = Style.null()


class Builder:
    """Turns a node list into blocks; see the module docstring for the line model."""

    def __init__(self, context: Context, *, allow_pre: bool = True, poem: bool = False) -> None:
        self.ctx = context
        self.blocks: list[Block] = []
        self.allow_pre = allow_pre
        self.poem = poem  # inside <poem>: line breaks are kept
        self.text: TextRun | None = None
        self.prefix: Text | None = None
        self.item = False
        self.term = False
        self.indent = 0
        self.last_space = True  # the paragraph is empty or ends in whitespace
        self.at_line_start = True
        self.swallow_newline = False
        self.pre: Text | None = None
        self.markers: str | None = None  # list markers being collected at a line start
        self.list_prefix = ""
        self.counters: list[int] = []
        self.group = 0  # the list the current items belong to
        self.template_alone = False  # the template being rendered has a line to itself

    # ----------------------------------------------------------------- driving the walk
    def build(self, nodes: Iterable[Node], base: Style | None = None) -> list[Block]:
        """Walk ``nodes`` and return the finished blocks."""
        self.nodes(nodes, base or Style.null())
        self.finish()
        return self.blocks

    def nodes(self, nodes: Iterable[Node], st: Style) -> None:
        """Walk a sequence of nodes in the current style."""
        ctx = self.ctx
        sequence = nodes if isinstance(nodes, list) else list(nodes)
        if ctx.depth < MAX_DEPTH:
            text = only_text(sequence)
            if text is not None:
                # A link's or a value's one text node: it recurses no deeper.
                self.text_node(text, st)
                return
        ctx.depth += 1
        try:
            if ctx.depth > MAX_DEPTH:
                self.begin()
                self.add(Wikicode(list(sequence)).strip_code(), st)
                return
            text_node = self.text_node
            for index, node in enumerate(sequence):
                kind = type(node)
                # The commonest nodes first, dispatched here (as node() would).
                if kind is TextNode:
                    text_node(node.value, st)
                elif kind is Wikilink:
                    self.begin()
                    wikilink(self, node, st)
                elif kind is Tag:
                    tag(self, node, st)
                else:
                    if kind is Template:
                        following = sequence[index + 1] if index + 1 < len(sequence) else None
                        self.template_alone = (
                            self.at_line_start
                            and self.markers is None
                            and (
                                following is None
                                or (type(following) is TextNode and following.value[:1] == "\n")
                            )
                        )
                    self.node(node, st)
        finally:
            ctx.depth -= 1

    def node(self, node: Node, st: Style) -> None:
        """Dispatch one node."""
        if isinstance(node, TextNode):
            self.text_node(str(node.value), st)
        elif isinstance(node, Wikilink):
            self.begin()
            wikilink(self, node, st)
        elif isinstance(node, Tag):
            tag(self, node, st)
        elif isinstance(node, Template):
            self.begin()
            self.ctx.render_template(self, node, st)
        elif isinstance(node, ExternalLink):
            self.begin()
            external_link(self, node, st)
        elif isinstance(node, HTMLEntity):
            self.begin()
            try:
                self.add(node.normalize(), st)
            except (ValueError, KeyError, OverflowError):
                self.add(str(node), st)
        elif isinstance(node, HeadingNode):
            self.heading(node, st)
        elif isinstance(node, Comment):
            if self.at_line_start:
                self.swallow_newline = True  # a line holding only a comment is no line at all
        elif isinstance(node, Argument):
            self.begin()
            if node.default is not None:
                self.nodes(node.default.nodes, st)
            else:
                self.add(str(node), st)
        else:  # pragma: no cover - mwparserfromhell has no other node types
            self.begin()
            self.add(str(node), st)

    def inline(self, nodes: Iterable[Node], st: Style | None = None, separator: str = " ") -> Text:
        """Nodes rendered on their own (a reference, a cell, a template value) as one text."""
        sequence = nodes if isinstance(nodes, list) else list(nodes)
        value = only_text(sequence)
        if value is not None:
            plain = _plain_inline(value, st, self.ctx.source_clean)
            if plain is not None:
                return plain
        elif len(sequence) == 1 and type(sequence[0]) is ExternalLink:
            url = self._bare_url(sequence[0], st)
            if url is not None:
                return url
        blocks = Builder(self.ctx, allow_pre=False).build(sequence, st)
        if len(blocks) == 1:
            (block,) = blocks
            if type(block) is Paragraph and block.prefix is None and not block.text.style:
                # One paragraph (a reference's text, most often), from a builder that is
                # gone: its text is the joined text (join_inline would copy it).
                text = block.text
                return text if text.plain.strip() else Text()
        return join_inline(blocks, separator)

    def _bare_url(self, node: ExternalLink, st: Style | None) -> Text | None:
        """A bare URL (a citation's ``url=``, most often) rendered on its own, as a nested
        builder would render it (recorded in the links); None when it needs that builder."""
        ctx = self.ctx
        if node.brackets or ctx.depth >= MAX_DEPTH:
            return None
        url = source(node.url).strip()
        if not url or "\n" in url or has_control_codes(url):
            return None
        link = link_style(url, external=True)
        run = TextRun()
        run.append_clean(collapsed(url), link if st is None else st + link)
        ctx.links.append(Link("external", url, url))
        return run.text()

    def inline_value(self, value: Wikicode, st: Style | None = None) -> Text | None:
        """A template parameter's value, trimmed (as MediaWiki trims named values), rendered
        inline; None when it is blank. (``inline(trimmed(value))`` for values with text.)"""
        text = only_text(value.nodes)
        if text is None:
            nodes = trimmed(value)
            return self.inline(nodes, st) if nodes else None
        text = text.strip()
        if not text:
            return None
        plain = _plain_inline(text, st, self.ctx.source_clean)
        return plain if plain is not None else self.inline([TextNode(text)], st)

    def sub_blocks(self, nodes: Iterable[Node], *, allow_pre: bool = False) -> list[Block]:
        """Nodes rendered on their own as blocks (a table cell, a blockquote)."""
        return Builder(self.ctx, allow_pre=allow_pre).build(nodes)

    def nested(self, *, poem: bool = False) -> Builder:
        """A builder for a piece that stands on its own (``<poem>``), sharing the context."""
        return Builder(self.ctx, allow_pre=False, poem=poem)

    # ----------------------------------------------------------------- lines and paragraphs
    def text_node(self, value: str, st: Style) -> None:
        """Plain text: newlines drive the line model; leftover quote runs are dropped."""
        value = tidy(value)
        if "\n" not in value:
            # Most text nodes (between links, references...) are part of one line.
            if not value:
                return
            if self.markers is None and not self.at_line_start:
                self.swallow_newline = False  # all that begin() does inside a line
            elif self.markers is None and self.allow_pre and value[0] == " " and value.strip():
                self.pre_line(value[1:], st)
                return
            else:
                self.begin()
            self.add(value, st, self.ctx.source_clean)
            return
        parts = value.split("\n")
        for index, part in enumerate(parts):
            if index:
                self.newline()
            if not part:
                continue
            if self.at_line_start and self.markers is None:
                if self.allow_pre and part[0] == " " and part.strip():
                    self.pre_line(part[1:], st)
                    continue
                if not part.strip() and index < len(parts) - 1:
                    continue  # a whitespace-only line counts as blank
            self.begin()
            self.add(part, st, self.ctx.source_clean)

    def pre_line(self, part: str, st: Style) -> None:
        """A line starting with a space: preformatted text."""
        if self.pre is None:
            self.end_paragraph()
            self.reset_lists()
            self.pre = Text()
        self.at_line_start = False
        self.swallow_newline = False
        self.pre.append(part, st)

    def newline(self) -> None:
        """The end of a wikitext line."""
        if self.swallow_newline:
            self.swallow_newline = False
            return
        if self.markers is not None:
            self.start_item()
        if self.pre is not None:
            if self.at_line_start:
                self.end_pre()
            else:
                self.pre.append("\n")
        elif self.item:
            self.end_paragraph()
        elif self.at_line_start:
            self.end_paragraph()
            self.reset_lists()
        elif self.poem and self.text is not None:
            self.text.append("\n")
            self.last_space = True
        elif self.text is not None and not self.last_space:
            self.text.append(" ")
            self.last_space = True
        self.at_line_start = True

    def begin(self) -> None:
        """Content is about to be added at the current position."""
        self.swallow_newline = False
        if self.markers is not None:
            self.start_item()
            return
        if self.at_line_start:
            self.at_line_start = False
            if self.pre is not None:
                self.end_pre()
            if self.list_prefix:
                self.reset_lists()

    def add(self, value: str, st: Style, clean: bool = False) -> None:
        """Inline text, whitespace collapsed as in HTML; ``clean``: known to hold no control
        codes (see ``Context.source_clean``)."""
        if self.pre is not None:
            self.pre.append(value, st)
            return
        value = collapsed(value)
        if self.last_space:
            value = value.lstrip(" ")
        if not value:
            return
        if self.text is None:
            self.text = TextRun()
        if clean:
            self.text.append_clean(value, st)
        else:
            self.text.append(value, st)
        self.last_space = value[-1] in " \n"

    def add_raw(self, value: str, st: Style) -> None:
        """Text added as is (markers, labels): no whitespace collapsing."""
        if self.pre is not None:
            self.pre.append(value, st)
            return
        if self.text is None:
            self.text = TextRun()
        self.text.append(value, st)
        self.last_space = value[-1:] in (" ", "\n")

    def append_text(self, text: Text, *, spaced: bool = False) -> None:
        """Text rendered elsewhere (a citation, a list item) added as is; ``spaced`` puts a
        space before it unless there is one already."""
        if not text:
            return
        if spaced and not self.last_space:
            self.add_raw(" ", Style.null())
        if self.pre is not None:
            self.pre.append_text(text)
            return
        if self.text is None:
            self.text = TextRun()
        self.text.append_text(text)
        self.last_space = text.plain[-1:] in (" ", "\n")

    def line_break(self) -> None:
        """``<br>``: a new line inside the paragraph."""
        if self.pre is not None:
            self.pre.append("\n")
            return
        if self.text is None:
            self.text = TextRun()
        self.text.rstrip()
        self.text.append("\n")
        self.last_space = True

    def end_paragraph(self) -> None:
        """Close the paragraph or list item being filled, if it has any text."""
        run = self.text
        if run is not None:
            text = run.text(rstrip=True)
            while text.plain.startswith("\n"):
                text = text[1:]
            if text.plain.strip() or (self.item and self.prefix is not None):
                if self.term:
                    text.stylize(style("term"))
                self.blocks.append(
                    Paragraph(text, self.prefix, self.item, self.group, indent=self.indent)
                )
        self.text = None
        self.prefix = None
        self.item = self.term = False
        self.indent = 0
        self.last_space = True

    def end_pre(self) -> None:
        """Close a preformatted block."""
        if self.pre is not None:
            self.pre.rstrip()
            if self.pre.plain.strip():
                self.blocks.append(Preformatted(self.pre))
            self.pre = None

    def block(self, block: Block) -> None:
        """A block that stands on its own in the flow (a table, a rule, a notice)."""
        self.swallow_newline = False
        if self.markers is not None:
            self.start_item()
        self.end_pre()
        self.end_paragraph()
        self.at_line_start = False
        self.blocks.append(block)

    def finish(self) -> None:
        """Close whatever is open at the end of the walk."""
        if self.markers is not None:
            self.start_item()
        self.end_pre()
        self.end_paragraph()

    # ----------------------------------------------------------------- lists
    def reset_lists(self) -> None:
        """A line that is not a list item ends the list (numbering restarts)."""
        self.list_prefix = ""
        self.counters = []

    def list_marker(self, char: str, st: Style) -> None:
        """One of ``*#:;`` at a line start (or ``:`` after a ``;`` term on the same line)."""
        if self.markers is not None:
            self.markers += char
            return
        if self.at_line_start:
            self.end_pre()
            self.end_paragraph()
            self.at_line_start = False
            self.swallow_newline = False
            self.markers = char
            return
        if char == ":" and self.term:
            # "; term : definition" on one line
            prefix = self.list_prefix[:-1] + ":"
            self.end_paragraph()
            self.markers = prefix
            self.start_item()
            return
        self.begin()
        self.add(char, st)

    def start_item(self) -> None:
        """Open a list item for the collected markers."""
        prefix = self.markers or "*"
        self.markers = None
        self.end_paragraph()
        if not self.list_prefix:
            self.group = self.ctx.new_group()
        common = 0
        for old, new in zip(self.list_prefix, prefix, strict=False):
            if old != new:
                break
            common += 1
        self.counters = self.counters[:common] + [0] * (len(prefix) - common)
        self.counters = self.counters[: len(prefix)]
        last = prefix[-1]
        if last == "#":
            self.counters[-1] += 1
        self.list_prefix = prefix
        # Outer levels indent by their marker's width: 2 for "• "/"1. ", 4 for a definition.
        indent = sum(2 if char in "*#" else 4 for char in prefix[:-1] if char != ";")
        marker: str | None
        if last == "*":
            marker = "• "
        elif last == "#":
            marker = f"{self.counters[-1]}. "
        elif last == ":":
            marker = None
            indent += 4
        else:
            marker = None
        self.text = TextRun()
        self.prefix = Text(marker, style("list.marker")) if marker else None
        self.item = True
        self.term = last == ";"
        self.indent = indent
        self.last_space = True

    # ----------------------------------------------------------------- headings
    def heading(self, node: HeadingNode, st: Style) -> None:
        """A section heading: its own block, anchored like sections.find_headings does."""
        self.markers = None
        title_text = self.inline(node.title.nodes, st)
        title = heading_title(str(node.title))
        level = max(1, min(int(node.level), 6))
        anchor = self.ctx.anchor(title or title_text.plain.strip())
        self.reset_lists()
        self.block(Heading(level, title_text, anchor))

    # ----------------------------------------------------------------- footnotes
    def cite(self, group: str, name: str | None, content: Text | None, st: Style) -> None:
        """Record a footnote (``<ref>``, ``{{efn}}``, ``{{sfn}}``…) and put its marker here."""
        reference = self.ctx.references.cite(group, name, content)
        marker = style("ref")
        self.add_raw(reference.marker, marker if st is _NULL else st + marker)

    def define_references(self, group: str, nodes: Iterable[Node]) -> None:
        """The named ``<ref>`` tags among ``nodes`` give their references' texts (list-defined
        references, in ``<references>…</references>`` or ``{{reflist|refs=…}}``)."""
        for child in nodes:
            if isinstance(child, Tag) and tag_name(child) == "ref":
                name = attribute(child, "name")
                if name and child.contents is not None:
                    content = self.inline(child.contents.nodes)
                    self.ctx.references.define(group, name, content)

    def reference_list(self, group: str) -> None:
        """Emit the pending references of ``group`` as a list (nothing when none are pending)."""
        pending = self.ctx.references.take(group)
        if pending:
            self.block(ReferenceList(pending))

    # ----------------------------------------------------------------- helpers for templates
    def muted_block(self, text: str | Text, name: str = "notice") -> None:
        """A muted notice on its own line."""
        shown = Text(text, style(name)) if isinstance(text, str) else text
        self.block(Lines(shown))


def _plain_inline(value: str, st: Style | None, clean: bool) -> Text | None:
    """A lone text node's value as inline text, when it needs no builder (no line breaks,
    no quote runs or switches): most template values and reference texts are plain words.
    ``clean``: the value holds no control codes (``Context.source_clean``)."""
    if "\n" in value or "''" in value or "__" in value:
        return None
    value = collapsed(tidy(value)).strip()
    return made_text(value, None, st or "") if clean else new_text(value, st or "")
