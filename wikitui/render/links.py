"""Links in the text: wiki links (with categories, files and interlanguage links among them)
and external links, each shown in a link style and recorded in the article's links."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mwparserfromhell.nodes import ExternalLink, Node, Wikilink
from mwparserfromhell.wikicode import Wikicode
from rich.style import Style

from wikitui.render.context import MAX_DEPTH, Link
from wikitui.render.nodes import only_text, source, split_pipes
from wikitui.render.styles import link_style, style

if TYPE_CHECKING:
    from wikitui.render.builder import Builder

_NULL = Style.null()
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
# fmt: on


def wikilink(builder: Builder, node: Wikilink, st: Style) -> None:
    """Internal links, categories, files and interlanguage links."""
    raw = source(node.title).strip()
    target = raw
    colon = raw.startswith(":")
    if colon:
        target = raw[1:].strip()
    elif ":" in target:
        namespace = target.split(":", 1)[0].strip().lower()
        if namespace == "category":
            builder.ctx.categories.append(target.split(":", 1)[1].strip())
            return
        if namespace in _IMAGE_NAMESPACES:
            image(builder, node, target, st)
            return
        if namespace and _LANGUAGE_PREFIX.match(namespace) and namespace not in _INTERWIKI:
            return  # interlanguage link: shown in the wiki's sidebar, not in the text
    page = target.split("#", 1)[0].strip() if "#" in target else target
    page = page or (builder.ctx.title or "")
    if "_" in page:
        page = page.replace("_", " ")
    link = link_style(page) if page else _NULL
    # (The null style, the commonest, plus a style without a URL is that style.)
    shown = link if st is _NULL else st + link
    text = node.text
    written = source(text) if text is not None else ""
    if text is not None and written.strip():
        label = _label(text, written)
        nodes = text.nodes
        if builder.ctx.depth < MAX_DEPTH and only_text(nodes) is not None:
            builder.text_node(written, shown)  # (what builder.nodes does with one text node)
        else:
            builder.nodes(nodes, shown)
    else:
        label = target
        if node.text is not None:  # the pipe trick: [[Foo (bar)|]] shows "Foo"
            label = re.sub(r"\s*\([^)]*\)\s*$", "", target.split(":", 1)[-1])
        label = label.replace("_", " ")
        builder.add(label, shown)
    builder.ctx.links.append(Link("internal", page, label.strip()))


def image(builder: Builder, node: Wikilink, target: str, st: Style) -> None:
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
        builder.end_pre()
        builder.end_paragraph()
        builder.begin()
    builder.add_raw("[image: ", muted)
    if caption:
        builder.last_space = True
        builder.nodes(caption, muted)
        if builder.text is not None:
            builder.text.rstrip()
    else:
        builder.add_raw(target.split(":", 1)[1].strip(), muted)
    builder.add_raw("]", muted)
    if floating:
        builder.end_paragraph()
        builder.at_line_start = False


def external_link(builder: Builder, node: ExternalLink, st: Style) -> None:
    """``[url text]`` as its text, ``[url]`` numbered, bare URLs as themselves."""
    url = source(node.url).strip()
    link = link_style(url, external=True)
    if st is not _NULL:
        link = st + link
    title = node.title
    written = source(title) if title is not None else ""
    if node.brackets and title is not None and written.strip():
        label = _label(title, written)
        builder.nodes(title.nodes, link)
    elif node.brackets:
        builder.ctx.external_count += 1
        label = f"[{builder.ctx.external_count}]"
        builder.add_raw(label, link)
    else:
        label = url
        builder.add(url, link)
    builder.ctx.links.append(Link("external", url, label.strip()))


def _label(code: Wikicode, label: str) -> str:
    """A link label as recorded in the article's links: its text (``label``, the code
    written out) without markup."""
    if "[" in label or "{" in label or "'" in label or "<" in label:
        return code.strip_code()
    return label
