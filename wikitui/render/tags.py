"""HTML-like tags and the wiki markup mwparserfromhell represents as tags: inline styles,
line breaks, references, tables, preformatted text, super/subscripts, quotes, poems,
galleries, HTML lists and headings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mwparserfromhell.nodes import Node, Tag
from rich.style import Style
from rich.text import Text

from wikitui.render.blocks import Heading, Paragraph, Preformatted, Rule
from wikitui.render.nodes import (
    attribute,
    children,
    decode,
    has_text,
    lstrip_nodes,
    parse,
    strip_tags,
    tag_name,
)
from wikitui.render.styles import style
from wikitui.render.tables import build_table

if TYPE_CHECKING:
    from wikitui.render.builder import Builder

_SUPERSCRIPT = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SCRIPTABLE_SUP = set("0123456789+-=()ni")
_SCRIPTABLE_SUB = set("0123456789+-=()")

# fmt: off
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


def tag(builder: Builder, node: Tag, st: Style) -> None:
    """HTML-like tags and the wiki markup mwparserfromhell represents as tags."""
    name = tag_name(node)
    markup = node.wiki_markup
    if markup and name in ("li", "dt", "dd"):
        builder.list_marker(markup[-1] if markup else "*", st)
        return
    if name == "hr":
        builder.block(Rule())
        return
    if name in _HIDDEN_TAGS:
        return
    contents = children(node)
    if name in _INLINE_STYLES:
        builder.begin()
        if name in ("math", "chem", "ce"):
            builder.add(decode(str(node.contents or "")), st + style("code"))
        else:
            builder.nodes(contents, st + style(_INLINE_STYLES[name]))
        return
    if name == "br":
        builder.begin()
        builder.line_break()
    elif name == "ref":
        builder.begin()
        reference(builder, node, st)
    elif name == "references":
        references(builder, node)
    elif name == "table":
        builder.block(build_table(builder, node))
    elif name in ("syntaxhighlight", "source") and node.has("inline"):
        builder.begin()
        builder.add(decode(str(node.contents or "")), st + style("code"))
    elif name in ("pre", "syntaxhighlight", "source"):
        body = decode(strip_tags(str(node.contents or ""))).strip("\n")
        builder.block(Preformatted(Text(body)))
    elif name == "nowiki":
        builder.begin()
        builder.add(decode(str(node.contents or "")), st)
    elif name in ("sup", "sub"):
        builder.begin()
        script(builder, name, contents, st)
    elif name == "blockquote":
        for block in builder.sub_blocks(contents):
            block.indent += 4
            builder.block(block)
    elif name == "poem":
        poem = builder.nested(poem=True)
        for block in poem.build(lstrip_nodes(contents), st):
            builder.block(block)
    elif name == "gallery":
        gallery(builder, str(node.contents or ""), st)
    elif name in _PARAGRAPH_TAGS:
        builder.end_pre()
        builder.end_paragraph()
        builder.nodes(contents, st)
        builder.end_pre()
        builder.end_paragraph()
    elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        text = builder.inline(contents, st)
        builder.block(Heading(int(name[1]), text, builder.ctx.anchor(text.plain.strip())))
    elif name in ("ul", "ol", "dl"):
        html_list(builder, name, contents, st)
    elif name in _PLACEHOLDER_TAGS:
        builder.begin()
        builder.add_raw(f"[{name}]", st + style("placeholder"))
    else:  # span, font, abbr, bdi, mark, big, noinclude, onlyinclude, unknown tags
        builder.begin()
        builder.nodes(contents, st)


def script(builder: Builder, name: str, contents: Sequence[Node], st: Style) -> None:
    """``<sup>``/``<sub>``: Unicode super/subscripts for short numbers, else plain text."""
    raw = "".join(str(n) for n in contents)
    allowed = _SCRIPTABLE_SUP if name == "sup" else _SCRIPTABLE_SUB
    if raw and len(raw) <= 4 and set(raw) <= allowed:
        table = _SUPERSCRIPT if name == "sup" else _SUBSCRIPT
        builder.add(raw.translate(table), st)
    else:
        builder.nodes(contents, st)


def html_list(builder: Builder, name: str, contents: Sequence[Node], st: Style) -> None:
    """``<ul>``/``<ol>``/``<dl>`` written as HTML."""
    number = 0
    group = builder.ctx.new_group()
    for child in contents:
        if not isinstance(child, Tag):
            continue
        child_name = tag_name(child)
        if child_name not in ("li", "dt", "dd"):
            continue
        number += 1
        text = builder.inline(children(child), st)
        if child_name == "li":
            marker = f"{number}. " if name == "ol" else "• "
            prefix: Text | None = Text(marker, style("list.marker"))
        else:
            prefix = None
            if child_name == "dt":
                text.stylize(style("term"))
        indent = 4 if child_name == "dd" else 0
        builder.block(Paragraph(text, prefix, True, group, indent=indent))


def gallery(builder: Builder, body: str, st: Style) -> None:
    """``<gallery>``: one ``[image: caption]`` line per picture."""
    muted = st + style("placeholder")
    group = builder.ctx.new_group()
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        name, _, caption = line.partition("|")
        label = caption.strip() or name.split(":", 1)[-1].strip()
        text = Text("[image: ", muted)
        text.append_text(builder.inline(parse(label).nodes, muted))
        text.append("]", muted)
        builder.block(Paragraph(text, None, True, group))


def reference(builder: Builder, node: Tag, st: Style) -> None:
    """``<ref>``: a numbered marker; its text goes to the reference list."""
    name = attribute(node, "name")
    group = attribute(node, "group") or ""
    content = None
    if not node.self_closing and node.contents is not None and has_text(node.contents.nodes):
        content = builder.inline(node.contents.nodes)
    builder.cite(group, name, content, st)


def references(builder: Builder, node: Tag) -> None:
    """``<references/>`` (or ``{{reflist}}``): the list of the references cited so far."""
    group = attribute(node, "group") or ""
    if node.contents is not None:
        builder.define_references(group, node.contents.nodes)
    builder.reference_list(group)
