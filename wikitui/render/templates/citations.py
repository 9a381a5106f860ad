"""Citation templates (``cite web``, ``cite book``…) formatted like Wikipedia's reference list.

The wiki's Citation Style 1 modules are not available offline; this reproduces their common
shape: ``Last, First (Date). "Title". Work. Location: Publisher. p. 12. ISBN …. Retrieved
access-date.`` When there is no author, the date moves after the publisher, as CS1 does.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from wikitui.render.styles import link_style, style

# Language codes CS1 turns into "(in Azerbaijani)"; English is never announced.
# fmt: off
LANGUAGES: dict[str, str] = {
    "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian", "ca": "Catalan",
    "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "la": "Latin", "lt": "Lithuanian",
    "lv": "Latvian", "mn": "Mongolian", "ms": "Malay", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "th": "Thai",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "zh": "Chinese", "grc": "Ancient Greek", "ota": "Ottoman Turkish", "yi": "Yiddish",
}

# Where each citation kind keeps the name of the work the cited item is part of.
_WORK_KEYS = (
    "website", "work", "newspaper", "journal", "magazine", "periodical", "encyclopedia",
    "encyclopaedia", "dictionary", "series", "agency", "via",
)
_QUOTED_KINDS = {"web", "news", "journal", "magazine", "report", "press release", "conference",
                 "encyclopedia", "episode", "interview", "podcast", "speech", "thesis"}
# fmt: on

Params = Mapping[str, Text]


def language_name(code: str) -> str:
    """``az`` -> ``Azerbaijani``, ``en-US`` -> ``English``; unknown codes come back as given."""
    code = code.strip()
    return LANGUAGES.get(code.lower(), LANGUAGES.get(code.lower().split("-", 1)[0], code))


def _get(params: Params, *keys: str) -> Text | None:
    for key in keys:
        value = params.get(key)
        if value is not None and value.plain.strip():
            return value
    return None


def _authors(params: Params) -> list[Text]:
    names: list[Text] = []
    for index in range(1, 15):
        suffixes = [str(index)] if index > 1 else ["", "1"]
        last = first = None
        for suffix in suffixes:
            last = last or _get(params, f"last{suffix}", f"surname{suffix}", f"author{suffix}")
            last = last or _get(params, f"author-last{suffix}")
            first = first or _get(params, f"first{suffix}", f"given{suffix}")
            first = first or _get(params, f"author-first{suffix}")
        if last is None:
            break
        name = last.copy()
        if first is not None:
            name.append(", ")
            name.append_text(first)
        names.append(name)
    if not names:
        plural = _get(params, "authors", "people", "host")
        if plural is not None:
            names.append(plural)
    return names


def _editors(params: Params) -> list[Text]:
    names: list[Text] = []
    for index in range(1, 10):
        suffixes = [str(index)] if index > 1 else ["", "1"]
        last = first = None
        for sfx in suffixes:
            last = last or _get(params, f"editor{sfx}-last", f"editor-last{sfx}", f"editor{sfx}")
            last = last or _get(params, f"editor{sfx}-surname", f"editor-surname{sfx}")
            first = first or _get(params, f"editor{sfx}-first", f"editor-first{sfx}")
            first = first or _get(params, f"editor{sfx}-given", f"editor-given{sfx}")
        if last is None:
            break
        name = last.copy()
        if first is not None:
            name.append(", ")
            name.append_text(first)
        names.append(name)
    if not names:
        plural = _get(params, "editors")
        if plural is not None:
            names.append(plural)
    return names


def _join(parts: list[Text], separator: str) -> Text:
    out = Text()
    for index, part in enumerate(parts):
        if index:
            out.append(separator)
        out.append_text(part)
    return out


def _sentence(out: Text, piece: Text) -> None:
    """Append ``piece`` as the next sentence of a citation (``. `` between, no doubled dots)."""
    plain = out.plain.rstrip()
    if plain:
        if plain[-1] != ".":
            out.append(".")
        out.append(" ")
    out.append_text(piece)


def format_citation(kind: str, params: Params) -> Text:
    """A citation template's parameters as the wiki's reference list shows them.

    ``kind`` is what follows ``cite`` in the template's name (``web``, ``book``…; ``citation``
    for ``{{citation}}``); ``params`` maps parameter names (lower case, ``_`` as ``-``) to their
    rendered values.
    """
    out = Text()
    authors = _authors(params)
    editors = _editors(params)
    eds = Text.assemble(_join(editors, "; "), " (eds.)" if len(editors) > 1 else " (ed.)")
    date = _get(params, "date", "year", "publication-date", "air-date")
    chapter = _get(params, "chapter", "contribution", "entry", "article")
    if not authors and editors and chapter is None:
        # An edited volume cited as a whole: its editors stand where the authors would.
        authors = [Text.assemble(_join(editors, "; "), ", eds." if len(editors) > 1 else ", ed.")]
        editors = []
    if authors:
        out.append_text(_join(authors, "; "))
        if date is not None:
            out.append(" (")
            out.append_text(date)
            out.append(")")
        out.append(".")
    title = _get(params, "title", "script-title", "trans-title", "chapter")
    if chapter is not None and title is not None and chapter is not title:
        piece = Text('"')
        piece.append_text(chapter)
        piece.append('"')
        _sentence(out, piece)
        head = Text("In ")
        if editors:
            head.append_text(eds)
            head.append(". ")
        head.append_text(_italic(title))
        _sentence(out, head)
        title = None
    elif editors:
        _sentence(out, eds)
    if title is not None:
        url = _get(params, "url", "chapter-url")
        shown = title.copy()
        if shown.plain.endswith(".") and not shown.plain.endswith(".."):
            shown = shown[: len(shown) - 1]  # CS1 drops a title's own full stop
        if url is not None:
            shown.stylize(link_style(url.plain.strip(), external=True))
        _sentence(out, Text.assemble('"', shown, '"') if kind in _QUOTED_KINDS else _italic(shown))
    edition = _get(params, "edition")
    if edition is not None:
        piece = Text(" (")
        piece.append_text(edition)
        piece.append(" ed.)")
        out.append_text(piece)
    work = _get(params, *_WORK_KEYS)
    if work is not None:
        _sentence(out, _italic(work))
    volume, issue = _get(params, "volume"), _get(params, "issue", "number")
    pages = _get(params, "pages")
    page = _get(params, "page", "p", "at", "loc")
    if volume is not None or issue is not None:
        # Periodicals: "Journal. 12 (3): 45–67." - the pages follow the volume directly.
        piece = Text()
        if volume is not None:
            piece.append_text(volume)
            piece.stylize(style("bold"))
        if issue is not None:
            piece.append(" (" if volume is not None else "(")
            piece.append_text(issue)
            piece.append(")")
        if pages is not None or page is not None:
            piece.append(": ")
            piece.append_text(pages or page)  # type: ignore[arg-type]
            pages = page = None
        _sentence(out, piece)
    language = _get(params, "language", "lang")
    if language is not None:
        names = [language_name(code) for code in language.plain.split(",")]
        names = [name for name in names if name and name != "English"]
        if names:
            out.append(f" (in {' and '.join(names)})")
    location = _get(params, "location", "place", "publication-place")
    publisher = _get(params, "publisher", "institution")
    if publisher is not None or location is not None:
        piece = Text()
        if location is not None:
            piece.append_text(location)
            if publisher is not None:
                piece.append(": ")
        if publisher is not None:
            piece.append_text(publisher)
        _sentence(out, piece)
    if date is not None and not authors:
        _sentence(out, date.copy())
    if pages is not None:
        _sentence(out, Text.assemble("pp. ", pages))
    elif page is not None:
        _sentence(out, Text.assemble("p. ", page))
    for key, label in (("isbn", "ISBN "), ("doi", "doi:"), ("issn", "ISSN "), ("oclc", "OCLC ")):
        value = _get(params, key)
        if value is not None:
            _sentence(out, Text.assemble(label, value))
    archive = _get(params, "archive-date", "archivedate")
    if archive is not None and _get(params, "archive-url", "archiveurl") is not None:
        _sentence(out, Text.assemble("Archived from the original on ", archive))
    accessed = _get(params, "access-date", "accessdate")
    if accessed is not None:
        _sentence(out, Text.assemble("Retrieved ", accessed))
    if out.plain.strip():
        plain = out.plain.rstrip()
        if plain and plain[-1] not in ".!?":
            out.append(".")
    quote = _get(params, "quote")
    if quote is not None:
        out.append(' "')
        out.append_text(quote)
        out.append('"')
    return out


def _italic(text: Text) -> Text:
    shown = text.copy()
    shown.stylize(style("italic"))
    return shown
