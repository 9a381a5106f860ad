"""Lines set apart from the text: hatnotes (``{{main}}``, ``{{about}}``, ``{{distinguish}}``),
maintenance banners, quotations and sister-project boxes."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from wikitui.render.blocks import Lines
from wikitui.render.builder import Builder
from wikitui.render.context import Link
from wikitui.render.nodes import parse, trimmed
from wikitui.render.styles import link_style, style
from wikitui.render.templates.calls import Call, Handler, normalise_name, placeholder


def maintenance(builder: Builder, call: Call) -> None:
    """A maintenance banner: one muted line naming the issue (and the date when given)."""
    if call.name == "multiple issues":
        body = call.params.get("1")
        issues = []
        if body is not None:
            for child in body.filter_templates(recursive=False):
                issues.append(normalise_name(str(child.name)))
        label = "Multiple issues: " + ", ".join(issues) if issues else "Multiple issues"
    else:
        label = call.name[:1].upper() + call.name[1:]
    date = call.raw("date")
    text = Text(f"⚑ {label}" + (f" ({date})" if date else ""), style("notice"))
    builder.block(Lines(text))


def links_sentence(builder: Builder, targets: list[str], st: Style) -> Text:
    """``A``, ``A and B``, ``A, B and C`` as links."""
    out = Text()
    for index, target in enumerate(targets):
        if index:
            out.append(" and " if index == len(targets) - 1 else ", ", st)
        page = target.split("|", 1)[0].strip()
        shown = page.replace("#", " § ", 1) if "#" in page else page
        out.append(shown, st + link_style(page))
        builder.ctx.links.append(_link(page, shown))
    return out


def _link(page: str, shown: str) -> Link:
    return Link("internal", page.split("#", 1)[0], shown)


def hatnote(builder: Builder, label: str, call: Call) -> None:
    """``{{main|X}}``, ``{{see also|X|Y}}``: an italic line above the section text."""
    targets = [p for p in call.positional_raw() if p]
    if not targets:
        return
    base = style("hatnote")
    text = Text()
    plural = label == "Main article" and len(targets) > 1
    text.append(
        ("Main articles" if plural else label) + (" " if label.endswith("see") else ": "), base
    )
    text.append_text(links_sentence(builder, targets, base))
    if label.endswith("see"):
        text.append(".", base)
    builder.block(Lines(text, indent=2))


def quote(builder: Builder, call: Call) -> None:
    """``{{quote|text|author|source}}``: an indented block with its attribution."""
    text = call.params.get("text") or call.params.get("quote") or call.params.get("1")
    if text is None:
        return
    blocks = builder.sub_blocks(trimmed(text))
    who = call.raw("author", "sign", "2")
    source = call.raw("source", "title", "3")
    for block in blocks:
        block.indent += 4
        builder.block(block)
    if who or source:
        line = Text("— ", style("italic"))
        line.append_text(builder.inline(parse(", ".join(p for p in (who, source) if p)).nodes))
        builder.block(Lines(line, indent=6))


def _redirect_hatnote(builder: Builder, call: Call, st: Style) -> None:
    del st
    parts = [p for p in call.positional_raw() if p]
    title = builder.ctx.title or ""
    base = style("hatnote")
    text = Text(style=base)
    if call.name in ("redirect", "redirect2", "redirect-multi") and parts:
        text.append(f'"{parts[0]}" redirects here. ', base)
        parts = parts[1:]
    elif call.name == "about" and parts:
        text.append(f"This article is about {parts[0]}. ", base)
        parts = parts[1:]
    if len(parts) >= 2:
        text.append(f"For {parts[0]}, see ", base)
        text.append_text(links_sentence(builder, parts[1:2], base))
        text.append(".", base)
    else:
        text.append("For other uses, see ", base)
        if parts or title:
            other = parts[0] if parts else f"{title} (disambiguation)"
            text.append_text(links_sentence(builder, [other], base))
        else:
            text.append("the disambiguation page", base)
        text.append(".", base)
    builder.block(Lines(text, indent=2))


def _sister(builder: Builder, call: Call, st: Style) -> None:
    """Sister-project boxes and portals: a muted placeholder (their content is links out)."""
    placeholder(builder, call.name, str(call.node.name), st)


HANDLERS: dict[str, Handler] = {
    "redirect": _redirect_hatnote,
    "redirect2": _redirect_hatnote,
    "redirect-multi": _redirect_hatnote,
    "about": _redirect_hatnote,
    "other uses": _redirect_hatnote,
    "for": _redirect_hatnote,
    "otheruses": _redirect_hatnote,
    "distinguish": lambda b, c, s: b.muted_block(
        Text("Not to be confused with ", style("hatnote")).append_text(
            links_sentence(b, c.positional_raw(), style("hatnote"))
        ),
        "hatnote",
    ),
    "sister project links": _sister,
    "sisterlinks": _sister,
    "commons category": _sister,
    "commons": _sister,
    "wikiquote": _sister,
    "wiktionary": _sister,
    "portal": _sister,
    "portalbox": _sister,
    "portal bar": _sister,
    "cookbook": _sister,
}
