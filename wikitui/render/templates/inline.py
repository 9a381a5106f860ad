"""Templates that show (some of) their parameters in the text: languages, typography,
lists, identifiers, flags, URLs, pronunciations and names."""

from __future__ import annotations

from mwparserfromhell.wikicode import Wikicode
from rich.style import Style

from wikitui.render.blocks import Paragraph
from wikitui.render.builder import Builder
from wikitui.render.context import Link
from wikitui.render.nodes import trimmed
from wikitui.render.styles import link_style
from wikitui.render.templates.calls import Call, Handler, show_param
from wikitui.render.templates.citations import language_name
from wikitui.render.templates.dates import date_text


def language(builder: Builder, code: str, values: list[Wikicode], st: Style) -> None:
    """``{{langx|az|text}}`` / ``{{lang-az|text}}`` -> ``Azerbaijani: text``."""
    if not values:
        return
    builder.add_raw(f"{language_name(code)}: ", st)
    builder.nodes(trimmed(values[0]), st)


def _langx(builder: Builder, call: Call, st: Style) -> None:
    positional = call.positional()
    if len(positional) >= 2:
        language(builder, str(positional[0]).strip(), positional[1:2], st)


def pass_through(builder: Builder, call: Call, st: Style) -> None:
    """Templates that just show (one of) their parameters."""
    name = call.name
    positional = call.positional()
    if (
        name
        in (
            "lang",
            "transl",
            "transliteration",
            "audio",
            "resize",
            "font color",
            "color",
            "colored",
            "highlight",
            "proper name",
        )
        and len(positional) >= 2
    ):
        builder.nodes(trimmed(positional[-1] if name != "audio" else positional[1]), st)
        return
    if name in ("plainlist", "flatlist"):
        body = call.params.get("1")
        if body is not None:
            blocks = builder.sub_blocks(body.nodes)
            texts = [b.text for b in blocks if isinstance(b, Paragraph)]
            for index, text in enumerate(texts):
                if index:
                    builder.add_raw(" · ", st)
                builder.append_text(text)
        return
    if name in ("ipa", "ipa-all", "respell") and positional:
        builder.add(f"[{str(positional[0]).strip()}]", st)
        return
    if name in ("start date", "end date") and positional:
        builder.add(date_text(call.positional_raw(), bool(call.raw("df"))), st)
        return
    if name in ("angbr",):
        builder.add_raw("⟨", st)
        show_param(builder, call, st, "1")
        builder.add_raw("⟩", st)
        return
    if not show_param(builder, call, st, "1", "text"):
        show_param(builder, call, st, "2")


def _identifier(label: str) -> Handler:
    """A handler for ``{{ISBN|…}}``-like templates: the label, then the identifier."""

    def handler(builder: Builder, call: Call, st: Style) -> None:
        """Show ``label`` followed by the first parameter."""
        value = call.raw("1", "id")
        if value:
            builder.add(f"{label}{value}", st)

    return handler


def _flag(builder: Builder, call: Call, st: Style) -> None:
    value = call.raw("1")
    if value:
        builder.add(value, st + link_style(value))


def _unbulleted(builder: Builder, call: Call, st: Style) -> None:
    """``{{hlist|a|b}}``, ``{{ubl|a|b}}``: items separated by middle dots."""
    for index, value in enumerate(v for v in call.positional() if str(v).strip()):
        if index:
            builder.add_raw(" · ", st)
        builder.nodes(trimmed(value), st)


def _url(builder: Builder, call: Call, st: Style) -> None:
    url = call.raw("1", "url")
    if not url:
        return
    if "://" not in url:
        url = "https://" + url
    label = call.raw("2") or (
        "Official website" if call.name == "official website" else url.split("://", 1)[1]
    )
    builder.add(label, st + link_style(url, external=True))
    builder.ctx.links.append(Link("external", url, label))


def _ipac(builder: Builder, call: Call, st: Style) -> None:
    parts = [p for p in call.positional_raw() if p]
    parts = [p for p in parts if p not in ("lang", "pron", "local", "uk", "us", "audio")]
    if parts:
        builder.add("/" + "".join(parts).replace("_", " ") + "/", st)


def _webarchive(builder: Builder, call: Call, st: Style) -> None:
    """``{{webarchive|url=…|date=…}}`` -> ``Archived 2020-01-01 at the Wayback Machine``."""
    url = call.raw("url", "url1")
    date = call.raw("date", "date1")
    text = f"Archived {date} at the Wayback Machine" if date else "Archived at the Wayback Machine"
    builder.add(text, st + (link_style(url, external=True) if url else Style.null()))


def _nihongo(builder: Builder, call: Call, st: Style) -> None:
    """``{{nihongo|English|漢字|romaji}}`` -> ``English (漢字, romaji)``."""
    parts = call.positional_raw()[:3]
    if not parts:
        return
    english, rest = parts[0], [p for p in parts[1:] if p]
    builder.add(english + (f" ({', '.join(rest)})" if rest else ""), st)


def _marriage(builder: Builder, call: Call, st: Style) -> None:
    """``{{marriage|Name|1990|2000|end=died}}`` -> ``Name (m. 1990; died 2000)``."""
    parts = call.positional_raw()
    if not parts:
        return
    name, years = parts[0], parts[1:3]
    detail = ""
    if years:
        detail = f"m. {years[0]}"
        if len(years) > 1 and years[1]:
            detail += f"; {call.raw('end') or 'div.'} {years[1]}"
    builder.nodes(trimmed(call.params["1"]), st)
    if detail:
        builder.add(f" ({detail})" if name else detail, st)


def _sort(builder: Builder, call: Call, st: Style) -> None:
    """``{{sort|key|shown}}`` shows its second parameter (or the key when there is none)."""
    if not show_param(builder, call, st, "2"):
        show_param(builder, call, st, "1")


HANDLERS: dict[str, Handler] = {
    "webarchive": _webarchive,
    "nihongo": _nihongo,
    "marriage": _marriage,
    "sort": _sort,
    "sortname": lambda b, c, s: b.add(" ".join(c.positional_raw()[:2]), s),
    "langx": _langx,
    "lang-x": _langx,
    "isbn": _identifier("ISBN "),
    "oclc": _identifier("OCLC "),
    "doi": _identifier("doi:"),
    "issn": _identifier("ISSN "),
    "flag": _flag,
    "flagcountry": _flag,
    "flagu": _flag,
    "flag country": _flag,
    "flagicon": lambda b, c, s: None,
    "flagdeco": lambda b, c, s: None,
    "hlist": _unbulleted,
    "ubl": _unbulleted,
    "unbulleted list": _unbulleted,
    "bulleted list": _unbulleted,
    "url": _url,
    "official website": _url,
    "official url": _url,
    "ipac-en": _ipac,
    "ipa-en": _ipac,
}
