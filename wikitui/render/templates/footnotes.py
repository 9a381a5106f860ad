"""Footnotes and citations: ``{{cite …}}``, ``{{reflist}}``, ``{{efn}}``, ``{{sfn}}``,
``{{rp}}``."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

from wikitui.render.builder import Builder
from wikitui.render.nodes import trimmed
from wikitui.render.styles import style
from wikitui.render.templates.calls import Call, Handler
from wikitui.render.templates.citations import format_citation


def citation(builder: Builder, call: Call, kind: str, st: Style) -> Text:
    """``{{cite web|…}}`` and friends: the named parameters rendered, then formatted."""
    params = {}
    for key, value in call.params.items():
        if key.isdigit():
            continue
        shown = builder.inline_value(value, st)
        if shown is not None:
            params[key.replace("_", "-")] = shown
    return format_citation(kind, params)


def reflist(builder: Builder, call: Call) -> None:
    """``{{reflist}}``, ``{{notelist}}``: the group's list (with any list-defined refs)."""
    group = call.raw("group") or ""
    if call.name.startswith("notelist") or call.name in ("notes", "efn list"):
        group = call.raw("group") or {
            "notelist-ua": "upper-alpha",
            "notelist-lr": "lower-roman",
            "notelist-ur": "upper-roman",
        }.get(call.name, "lower-alpha")
    refs = call.params.get("refs")
    if refs is not None:
        builder.define_references(group, refs.nodes)
    builder.reference_list(group)


def footnote(builder: Builder, call: Call, group: str, st: Style) -> None:
    """``{{efn|…}}``, ``{{refn|…}}``: a footnote in the template's group."""
    group = call.raw("group") or group
    name = call.raw("name")
    body = call.params.get("1") or call.params.get("text")
    content = builder.inline(trimmed(body)) if body is not None and str(body).strip() else None
    builder.cite(group, name, content, st)


def short_cite(builder: Builder, call: Call, st: Style) -> None:
    """``{{sfn|Smith|2001|p=12}}`` -> a footnote "Smith 2001, p. 12."; harv* inline."""
    positional = [p for p in call.positional_raw() if p]
    names = [p for p in positional if not re.match(r"^(?:c\. )?\d{3,4}[a-z]?$|^n\.d\.$", p)]
    years = [p for p in positional if p not in names]
    who = names[0] if len(names) == 1 else ""
    if len(names) == 2:
        who = f"{names[0]} & {names[1]}"
    elif len(names) > 2:
        who = f"{names[0]} et al."
    year = years[0] if years else ""
    locator = ""
    if call.raw("pp"):
        locator = f", pp. {call.raw('pp')}"
    elif call.raw("p"):
        locator = f", p. {call.raw('p')}"
    elif call.raw("loc"):
        locator = f", {call.raw('loc')}"
    if call.name in ("harvtxt", "harvcoltxt"):
        builder.add(f"{who} ({year}{locator})", st)
        return
    short = f"{who} {year}{locator}".strip()
    if call.name.startswith("sfn"):
        key = "sfn:" + short
        builder.cite("", key, Text(short + "."), st)
    elif call.name in ("harv", "harvp"):
        builder.add(f"({short})", st)
    else:
        builder.add(short, st)


def _rp(builder: Builder, call: Call, st: Style) -> None:
    """``{{rp|12}}``: the page of the reference just cited, as ``:12``."""
    page = call.raw("1", "page", "pages", "p", "pp", "at")
    if page:
        builder.add_raw(f":{page}", st + style("ref"))


HANDLERS: dict[str, Handler] = {
    "rp": _rp,
}
