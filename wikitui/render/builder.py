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

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

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

from wikitui.render.blocks import (
    Block,
    Heading,
    Lines,
    Paragraph,
    Preformatted,
    Rule,
    join_inline,
)
from wikitui.render.nodes import (
    attribute,
    children,
    decode,
    lstrip_nodes,
    parse,
    split_pipes,
    strip_tags,
    tag_name,
)
from wikitui.render.references import ReferenceList, ReferenceRegistry
from wikitui.render.styles import link_style, style
from wikitui.render.tables import build_table
from wikitui.sections import anchor_for, heading_title

_SPACES = re.compile(r"[ \t\r\f\v]+")
_QUOTES = re.compile(r"'{2,}")
_SWITCHES = re.compile(
    r"__(?:NOTOC|FORCETOC|TOC|NOEDITSECTION|NEWSECTIONLINK|NONEWSECTIONLINK|NOGALLERY|"
    r"HIDDENCAT|EXPECTUNUSEDCATEGORY|NOCONTENTCONVERT|NOCC|NOTITLECONVERT|NOTC|INDEX|NOINDEX|"
    r"STATICREDIRECT|DISAMBIG|EXPECTUNUSEDTEMPLATE|ARCHIVEDTALK|NOTALK|START|END)__"
)
_FRENCH_MARKS = re.compile(r"[»›«‹?!:;%]")
_FRENCH_SPACE = re.compile(r"(?<=\w) (?=[»›?!:;%](?:\W|$))|(?<=[«‹]) (?=\w)")
# Nesting deeper than this is shown as stripped text: malformed pages must not exhaust the stack.
MAX_DEPTH = 40

_IMAGE_NAMESPACES = {"file", "image", "media"}
_IMAGE_OPTIONS = re.compile(
    r"^(?:thumb|thumbnail|frame|framed|frameless|border|left|right|center|centre|none|upright|"
    r"baseline|middle|sub|super|text-top|text-bottom|top|bottom|\d*x?\d+\s*px|"
    r"(?:upright|alt|link|page|class|lang|thumbtime|start|end|loop|muted)\s*=.*)$",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_IMAGE = {"thumb", "thumbnail", "frame", "framed", "frameless"}
# fmt: off
# Links to other wikis that are shown as links, not dropped like interlanguage links.
_INTERWIKI = {"wikt", "wiktionary", "commons", "c", "s", "wikisource", "q", "wikiquote", "b",
              "wikibooks", "n", "wikinews", "v", "wikiversity", "voy", "wikivoyage", "d",
              "wikidata", "m", "meta", "mw", "species", "w", "wikipedia", "foundation",
              "wmf", "phab", "gerrit", "doi", "rfc", "iarchive",
              # namespace aliases that look like language codes
              "wp", "wt", "mos", "cat", "tm"}
_LANGUAGE_PREFIX = re.compile(r"^(?:[a-z]{2,3}(?:-[a-z0-9]+)*|simple)$")
_SUPERSCRIPT = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SCRIPTABLE_SUP = set("0123456789+-=()ni")
_SCRIPTABLE_SUB = set("0123456789+-=()")

_INLINE_STYLES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "cite": "italic",
    "var": "italic", "dfn": "italic", "u": "underline", "ins": "underline", "s": "strike",
    "strike": "strike", "del": "strike", "small": "small", "code": "code", "tt": "code",
    "kbd": "code", "samp": "code", "math": "code", "chem": "code", "ce": "code",
}
_HIDDEN_TAGS = {"templatestyles", "section", "indicator", "includeonly", "style", "script",
                "templatedata", "meta", "link"}
_PLACEHOLDER_TAGS = {"timeline", "imagemap", "graph", "mapframe", "maplink", "score",
                     "inputbox", "categorytree", "hiero", "charinsert", "dynamicpagelist"}
# fmt: on
_PARAGRAPH_TAGS = {"div", "center", "p", "figure", "figcaption", "caption"}


@dataclass(slots=True)
class Link:
    """A link found in the article: ``internal`` (a page title) or ``external`` (a URL)."""

    kind: str
    target: str
    text: str


#: Renders one template call into a builder, in a style.
TemplateRenderer = Callable[["Builder", Template, Style], None]


@dataclass(slots=True)
class Context:
    """What the builders of one article share: references, links, categories, counters.

    ``render_template`` renders a template call into a builder (in the article renderer:
    :func:`wikitui.render.templates.render_template`, which builds on this module).
    """

    render_template: TemplateRenderer
    title: str | None = None
    references: ReferenceRegistry = field(default_factory=ReferenceRegistry)
    links: list[Link] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    external_count: int = 0
    depth: int = 0
    infoboxes: int = 0
    # Headings as sections.find_headings sees them, matched in order so anchors agree.
    heading_titles: list[tuple[str, str]] = field(default_factory=list)
    heading_cursor: int = 0
    used_anchors: dict[str, int] = field(default_factory=dict)
    groups: int = 0

    def new_group(self) -> int:
        """A fresh list id: items of different lists are separated by a blank line."""
        self.groups += 1
        return self.groups

    def anchor(self, title: str) -> str:
        """The anchor find_headings gave this heading, or MediaWiki's rule when it missed it."""
        for index in range(self.heading_cursor, len(self.heading_titles)):
            if self.heading_titles[index][0] == title:
                self.heading_cursor = index + 1
                anchor = self.heading_titles[index][1]
                self.used_anchors[anchor] = self.used_anchors.get(anchor, 0) + 1
                return anchor
        anchor = anchor_for(title)
        count = self.used_anchors.get(anchor, 0)
        self.used_anchors[anchor] = count + 1
        return anchor if not count else f"{anchor}_{count + 1}"


class Builder:
    """Turns a node list into blocks; see the module docstring for the line model."""

    def __init__(self, context: Context, *, allow_pre: bool = True, poem: bool = False) -> None:
        self.ctx = context
        self.blocks: list[Block] = []
        self.allow_pre = allow_pre
        self.poem = poem  # inside <poem>: line breaks are kept
        self.text: Text | None = None
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
        self.ctx.depth += 1
        try:
            if self.ctx.depth > MAX_DEPTH:
                self.begin()
                self.add(Wikicode(list(nodes)).strip_code(), st)
                return
            sequence = nodes if isinstance(nodes, list) else list(nodes)
            for index, node in enumerate(sequence):
                if isinstance(node, Template):
                    following = sequence[index + 1] if index + 1 < len(sequence) else None
                    self.template_alone = (
                        self.at_line_start
                        and self.markers is None
                        and (
                            following is None
                            or (isinstance(following, TextNode) and following.value[:1] == "\n")
                        )
                    )
                self.node(node, st)
        finally:
            self.ctx.depth -= 1

    def node(self, node: Node, st: Style) -> None:
        """Dispatch one node."""
        if isinstance(node, TextNode):
            self.text_node(str(node.value), st)
        elif isinstance(node, Wikilink):
            self.begin()
            self.wikilink(node, st)
        elif isinstance(node, Tag):
            self.tag(node, st)
        elif isinstance(node, Template):
            self.begin()
            self.ctx.render_template(self, node, st)
        elif isinstance(node, ExternalLink):
            self.begin()
            self.external_link(node, st)
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
        if len(sequence) == 1 and isinstance(sequence[0], TextNode):
            # Most template values and reference texts are plain words: skip the builder.
            value = sequence[0].value
            if "\n" not in value and "''" not in value and "__" not in value:
                return Text(_SPACES.sub(" ", _tidy(value)).strip(), st or "")
        builder = Builder(self.ctx, allow_pre=False)
        return join_inline(builder.build(sequence, st), separator)

    def sub_blocks(self, nodes: Iterable[Node], *, allow_pre: bool = False) -> list[Block]:
        """Nodes rendered on their own as blocks (a table cell, a blockquote)."""
        return Builder(self.ctx, allow_pre=allow_pre).build(nodes)

    # ----------------------------------------------------------------- lines and paragraphs
    def text_node(self, value: str, st: Style) -> None:
        """Plain text: newlines drive the line model; leftover quote runs are dropped."""
        parts = _tidy(value).split("\n")
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
            self.add(part, st)

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

    def add(self, value: str, st: Style) -> None:
        """Inline text, whitespace collapsed as in HTML."""
        if self.pre is not None:
            self.pre.append(value, st)
            return
        value = _SPACES.sub(" ", value)
        if self.last_space:
            value = value.lstrip(" ")
        if not value:
            return
        if self.text is None:
            self.text = Text()
        self.text.append(value, st)
        self.last_space = value[-1] in " \n"

    def add_raw(self, value: str, st: Style) -> None:
        """Text added as is (markers, labels): no whitespace collapsing."""
        if self.pre is not None:
            self.pre.append(value, st)
            return
        if self.text is None:
            self.text = Text()
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
            self.text = Text()
        self.text.append_text(text)
        self.last_space = text.plain[-1:] in (" ", "\n")

    def line_break(self) -> None:
        """``<br>``: a new line inside the paragraph."""
        if self.pre is not None:
            self.pre.append("\n")
            return
        if self.text is None:
            self.text = Text()
        self.text.rstrip()
        self.text.append("\n")
        self.last_space = True

    def end_paragraph(self) -> None:
        """Close the paragraph or list item being filled, if it has any text."""
        text = self.text
        if text is not None:
            text.rstrip()
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
        self.text = Text()
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

    # ----------------------------------------------------------------- links
    def wikilink(self, node: Wikilink, st: Style) -> None:
        """Internal links, categories, files and interlanguage links."""
        raw = str(node.title).strip()
        target = raw
        colon = raw.startswith(":")
        if colon:
            target = raw[1:].strip()
        namespace = target.split(":", 1)[0].strip().lower() if ":" in target else ""
        if not colon and namespace == "category":
            self.ctx.categories.append(target.split(":", 1)[1].strip())
            return
        if not colon and namespace in _IMAGE_NAMESPACES:
            self.image(node, target, st)
            return
        if (
            not colon
            and namespace
            and _LANGUAGE_PREFIX.match(namespace)
            and namespace not in _INTERWIKI
        ):
            return  # interlanguage link: shown in the wiki's sidebar, not in the text
        page = target.split("#", 1)[0].strip() or (self.ctx.title or "")
        link = link_style(page.replace("_", " ")) if page else Style.null()
        shown = st + link
        if node.text is not None and str(node.text).strip():
            label = _label(node.text)
            self.nodes(node.text.nodes, shown)
        else:
            label = target
            if node.text is not None:  # the pipe trick: [[Foo (bar)|]] shows "Foo"
                label = re.sub(r"\s*\([^)]*\)\s*$", "", target.split(":", 1)[-1])
            label = label.replace("_", " ")
            self.add(label, shown)
        self.ctx.links.append(Link("internal", page.replace("_", " "), label.strip()))

    def image(self, node: Wikilink, target: str, st: Style) -> None:
        """``[[File:…|thumb|caption]]`` as ``[image: caption]``."""
        segments = split_pipes(node.text.nodes if node.text is not None else [])
        caption: list[Node] | None = None
        floating = False
        for segment in segments:
            raw = "".join(str(n) for n in segment).strip()
            if _IMAGE_OPTIONS.match(raw):
                floating = floating or raw.lower() in _BLOCK_IMAGE
                continue
            if raw:
                caption = segment
        muted = st + style("placeholder")
        if floating:
            self.end_pre()
            self.end_paragraph()
            self.begin()
        self.add_raw("[image: ", muted)
        if caption:
            self.last_space = True
            self.nodes(caption, muted)
            if self.text is not None:
                self.text.rstrip()
        else:
            self.add_raw(target.split(":", 1)[1].strip(), muted)
        self.add_raw("]", muted)
        if floating:
            self.end_paragraph()
            self.at_line_start = False

    def external_link(self, node: ExternalLink, st: Style) -> None:
        """``[url text]`` as its text, ``[url]`` numbered, bare URLs as themselves."""
        url = str(node.url).strip()
        link = st + link_style(url, external=True)
        if node.brackets and node.title is not None and str(node.title).strip():
            label = _label(node.title)
            self.nodes(node.title.nodes, link)
        elif node.brackets:
            self.ctx.external_count += 1
            label = f"[{self.ctx.external_count}]"
            self.add_raw(label, link)
        else:
            label = url
            self.add(url, link)
        self.ctx.links.append(Link("external", url, label.strip()))

    # ----------------------------------------------------------------- tags
    def tag(self, node: Tag, st: Style) -> None:
        """HTML-like tags and the wiki markup mwparserfromhell represents as tags."""
        name = tag_name(node)
        markup = node.wiki_markup
        if markup and name in ("li", "dt", "dd"):
            self.list_marker(markup[-1] if markup else "*", st)
            return
        if name == "hr":
            self.block(Rule())
            return
        if name in _HIDDEN_TAGS:
            return
        contents = children(node)
        if name in _INLINE_STYLES:
            self.begin()
            if name in ("math", "chem", "ce"):
                self.add(decode(str(node.contents or "")), st + style("code"))
            else:
                self.nodes(contents, st + style(_INLINE_STYLES[name]))
            return
        if name == "br":
            self.begin()
            self.line_break()
        elif name == "ref":
            self.begin()
            self.reference(node, st)
        elif name == "references":
            self.references(node)
        elif name == "table":
            self.block(build_table(self, node))
        elif name in ("syntaxhighlight", "source") and node.has("inline"):
            self.begin()
            self.add(decode(str(node.contents or "")), st + style("code"))
        elif name in ("pre", "syntaxhighlight", "source"):
            body = decode(strip_tags(str(node.contents or ""))).strip("\n")
            self.block(Preformatted(Text(body)))
        elif name == "nowiki":
            self.begin()
            self.add(decode(str(node.contents or "")), st)
        elif name in ("sup", "sub"):
            self.begin()
            self.script(name, contents, st)
        elif name == "blockquote":
            for block in self.sub_blocks(contents):
                block.indent += 4
                self.block(block)
        elif name == "poem":
            poem = Builder(self.ctx, allow_pre=False, poem=True)
            for block in poem.build(lstrip_nodes(contents), st):
                self.block(block)
        elif name == "gallery":
            self.gallery(str(node.contents or ""), st)
        elif name in _PARAGRAPH_TAGS:
            self.end_pre()
            self.end_paragraph()
            self.nodes(contents, st)
            self.end_pre()
            self.end_paragraph()
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = self.inline(contents, st)
            self.block(Heading(int(name[1]), text, self.ctx.anchor(text.plain.strip())))
        elif name in ("ul", "ol", "dl"):
            self.html_list(name, contents, st)
        elif name in _PLACEHOLDER_TAGS:
            self.begin()
            self.add_raw(f"[{name}]", st + style("placeholder"))
        else:  # span, font, abbr, bdi, mark, big, noinclude, onlyinclude, unknown tags
            self.begin()
            self.nodes(contents, st)

    def script(self, name: str, contents: Sequence[Node], st: Style) -> None:
        """``<sup>``/``<sub>``: Unicode super/subscripts for short numbers, else plain text."""
        raw = "".join(str(n) for n in contents)
        allowed = _SCRIPTABLE_SUP if name == "sup" else _SCRIPTABLE_SUB
        if raw and len(raw) <= 4 and set(raw) <= allowed:
            table = _SUPERSCRIPT if name == "sup" else _SUBSCRIPT
            self.add(raw.translate(table), st)
        else:
            self.nodes(contents, st)

    def html_list(self, name: str, contents: Sequence[Node], st: Style) -> None:
        """``<ul>``/``<ol>``/``<dl>`` written as HTML."""
        number = 0
        group = self.ctx.new_group()
        for child in contents:
            if not isinstance(child, Tag):
                continue
            child_name = tag_name(child)
            if child_name not in ("li", "dt", "dd"):
                continue
            number += 1
            text = self.inline(children(child), st)
            if child_name == "li":
                marker = f"{number}. " if name == "ol" else "• "
                prefix: Text | None = Text(marker, style("list.marker"))
            else:
                prefix = None
                if child_name == "dt":
                    text.stylize(style("term"))
            indent = 4 if child_name == "dd" else 0
            self.block(Paragraph(text, prefix, True, group, indent=indent))

    def gallery(self, body: str, st: Style) -> None:
        """``<gallery>``: one ``[image: caption]`` line per picture."""
        muted = st + style("placeholder")
        group = self.ctx.new_group()
        for line in body.splitlines():
            line = line.strip()
            if not line:
                continue
            name, _, caption = line.partition("|")
            label = caption.strip() or name.split(":", 1)[-1].strip()
            text = Text("[image: ", muted)
            text.append_text(self.inline(parse(label).nodes, muted))
            text.append("]", muted)
            self.block(Paragraph(text, None, True, group))

    def reference(self, node: Tag, st: Style) -> None:
        """``<ref>``: a numbered marker; its text goes to the reference list."""
        name = attribute(node, "name")
        group = attribute(node, "group") or ""
        content = None
        if not node.self_closing and node.contents is not None and str(node.contents).strip():
            content = self.inline(node.contents.nodes)
        self.cite(group, name, content, st)

    def cite(self, group: str, name: str | None, content: Text | None, st: Style) -> None:
        """Record a footnote (``<ref>``, ``{{efn}}``, ``{{sfn}}``…) and put its marker here."""
        reference = self.ctx.references.cite(group, name, content)
        self.add_raw(reference.marker, st + style("ref"))

    def references(self, node: Tag, group: str | None = None) -> None:
        """``<references/>`` (or ``{{reflist}}``): the list of the references cited so far."""
        group = group if group is not None else (attribute(node, "group") or "")
        if node.contents is not None:
            self.define_references(group, node.contents.nodes)
        self.reference_list(group)

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


def _label(code: Wikicode) -> str:
    """A link label as recorded in the article's links: its text without markup."""
    label = str(code)
    if "[" in label or "{" in label or "'" in label or "<" in label:
        return code.strip_code()
    return label


def _tidy(value: str) -> str:
    """Text as MediaWiki shows it: behaviour switches and stray quote runs gone, French
    spacing kept together."""
    if "__" in value:
        value = _SWITCHES.sub("", value)
    if "''" in value:
        # Unbalanced bold/italic markers that mwparserfromhell left as text.
        value = _QUOTES.sub(lambda m: "'" if len(m.group()) == 4 else "", value)
    if " " in value and _FRENCH_MARKS.search(value):
        # MediaWiki keeps a space before » ? ! : ; % (and after «) with its word.
        value = _FRENCH_SPACE.sub("\xa0", value)
    return value
