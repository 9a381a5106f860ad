"""One template call rendered: parser functions, magic words, then the template by its name
(a handler of one of the families, a name table, or a placeholder)."""

from __future__ import annotations

from mwparserfromhell.nodes import Template
from rich.style import Style

from wikitui.render.builder import Builder
from wikitui.render.nodes import source, trimmed
from wikitui.render.styles import style
from wikitui.render.templates import dates, footnotes, hatnotes, inline
from wikitui.render.templates.calls import Handler, call_of, placeholder, show_param
from wikitui.render.templates.footnotes import citation, footnote, reflist, short_cite
from wikitui.render.templates.hatnotes import hatnote, maintenance, quote
from wikitui.render.templates.infobox import render_infobox
from wikitui.render.templates.inline import language, pass_through
from wikitui.render.templates.names import (
    COUNTRIES,
    FOOTNOTES,
    HATNOTES,
    HIDDEN,
    HIDDEN_PREFIXES,
    HIDDEN_SUFFIXES,
    INLINE_MARKS,
    LITERALS,
    MAGIC_TITLE,
    MAINTENANCE,
    PASS_THROUGH,
    QUOTES,
    REFLISTS,
    SHORT_CITES,
    SPAN_MARKS,
    STYLE_TEMPLATES,
)

HANDLERS: dict[str, Handler] = {
    **dates.HANDLERS,
    **footnotes.HANDLERS,
    **hatnotes.HANDLERS,
    **inline.HANDLERS,
}


def render_template(builder: Builder, node: Template, st: Style) -> None:
    """Render one template call into the builder's flow."""
    raw_name = source(node.name).strip()
    if raw_name.startswith("#"):
        _parser_function(builder, node, raw_name, st)
        return
    if ":" in raw_name:
        head, _, rest = raw_name.partition(":")
        if head.strip().isupper() or head.strip().lower() in ("defaultsort", "displaytitle"):
            _magic_word(builder, head.strip(), rest, st)
            return
    if raw_name in MAGIC_TITLE:
        builder.add(builder.ctx.title or raw_name, st)
        return
    if raw_name.isupper() and raw_name in COUNTRIES:
        builder.add(COUNTRIES[raw_name], st)
        return
    call = call_of(node)
    name = call.name
    handler = HANDLERS.get(name)
    if handler is not None:
        handler(builder, call, st)
        return
    if name in LITERALS:
        value = LITERALS[name]
        if value == "\n":
            builder.line_break()
        elif value:
            builder.add_raw(value, st)
        return
    if name in INLINE_MARKS:
        if name in SPAN_MARKS:
            show_param(builder, call, st, "1", "text")
        builder.add_raw(f"[{INLINE_MARKS[name]}]", st + style("citation-needed"))
        return
    if name in HIDDEN or name.startswith(HIDDEN_PREFIXES) or name.endswith(HIDDEN_SUFFIXES):
        return
    if name in MAINTENANCE or name.startswith(("cleanup", "merge", "split")):
        maintenance(builder, call)
        return
    if name.startswith(("cite ", "vcite ")) or name in ("citation", "cite", "vcite"):
        kind = name.split(" ", 1)[1] if " " in name else "citation"
        builder.append_text(citation(builder, call, kind, st), spaced=True)
        return
    if name.startswith(("infobox", "taxobox", "speciesbox", "automatic taxobox", "geobox")) or (
        name.endswith(" infobox")
    ):
        render_infobox(builder, call)
        return
    if name in HATNOTES:
        hatnote(builder, HATNOTES[name], call)
        return
    if name in REFLISTS:
        reflist(builder, call)
        return
    if name in FOOTNOTES:
        footnote(builder, call, FOOTNOTES[name], st)
        return
    if name in SHORT_CITES:
        short_cite(builder, call, st)
        return
    if name in QUOTES:
        quote(builder, call)
        return
    if name.startswith("lang-") and len(name) <= 12:
        language(builder, name[5:], call.positional()[:1], st)
        return
    if name in PASS_THROUGH:
        pass_through(builder, call, st)
        return
    if name in STYLE_TEMPLATES:
        extra = style(STYLE_TEMPLATES[name]) if STYLE_TEMPLATES[name] else Style.null()
        show_param(builder, call, st + extra, "1", "text")
        if name == "sic":
            builder.add_raw(" [sic]", st + style("muted"))
        return
    placeholder(builder, call.name, raw_name, st)


def _parser_function(builder: Builder, node: Template, raw_name: str, st: Style) -> None:
    function, _, first = raw_name.partition(":")
    function = function.strip().lower()
    if function == "#tag" and first.strip().lower() == "ref":
        params = {str(p.name).strip().lower(): p.value for p in node.params if p.showkey}
        body = next((p.value for p in node.params if not p.showkey), None)
        name = str(params["name"]).strip().strip("\"'") if "name" in params else None
        group = str(params["group"]).strip().strip("\"'") if "group" in params else ""
        content = builder.inline(trimmed(body)) if body is not None else None
        builder.cite(group, name, content, st)
        return
    if function in ("#if", "#ifeq", "#ifexist", "#iferror", "#switch", "#expr", "#ifexpr"):
        # Branches depend on a template's arguments we do not have: show nothing.
        return
    builder.add_raw(f"⟨{function}⟩", st + style("placeholder"))


def _magic_word(builder: Builder, head: str, rest: str, st: Style) -> None:
    word = head.upper()
    if word in ("DEFAULTSORT", "DISPLAYTITLE", "DEFAULTSORTKEY", "DEFAULTCATEGORYSORT"):
        return
    if word in ("LC", "UC", "LCFIRST", "UCFIRST", "FORMATNUM", "PADLEFT", "PADRIGHT"):
        value = rest.split("|", 1)[0].strip()
        if word == "LC":
            value = value.lower()
        elif word == "UC":
            value = value.upper()
        elif word == "UCFIRST":
            value = value[:1].upper() + value[1:]
        elif word == "LCFIRST":
            value = value[:1].lower() + value[1:]
        builder.add(value, st)
        return
    if word in ("URLENCODE", "ANCHORENCODE", "PLURAL", "GRAMMAR", "GENDER", "INT", "NS"):
        builder.add(rest.split("|", 1)[0].strip(), st)
        return
    builder.add_raw(f"⟨{head}⟩", st + style("placeholder"))
