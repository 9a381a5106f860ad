"""Citation templates (``cite web``, ``cite book``…) formatted like Wikipedia's reference list.

The wiki's Citation Style 1 modules are not available offline; this reproduces their common
shape: ``Last, First (Date). "Title". Work. Location: Publisher. p. 12. ISBN …. Retrieved
access-date.`` When there is no author, the date moves after the publisher, as CS1 does.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from rich.style import Style
from rich.text import Span, Text

from wikitui.render.styles import link_style, style
from wikitui.render.texts import TextRun

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
# A name as cited: the surname (or the whole name) and the given name, when there is one.
Name = tuple[Text, Text | None]


def language_name(code: str) -> str:
    """``az`` -> ``Azerbaijani``, ``en-US`` -> ``English``; unknown codes come back as given."""
    code = code.strip()
    return LANGUAGES.get(code.lower(), LANGUAGES.get(code.lower().split("-", 1)[0], code))


def _present(params: Params) -> dict[str, Text]:
    """The parameters that show something (a blank value counts as absent, as in CS1)."""
    return {key: value for key, value in params.items() if value.plain.strip()}


def _get(params: Mapping[str, Text], *keys: str) -> Text | None:
    """The first of ``keys`` among ``params`` (present ones: see :func:`_present`)."""
    for key in keys:
        value = params.get(key)
        if value is not None:
            return value
    return None


def _names(
    params: Mapping[str, Text],
    keys: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
    plural: tuple[str, ...],
) -> list[Name]:
    """``(last, first)`` for each numbered name in ``keys`` until one is missing; else the
    plural parameter as one name."""
    names: list[Name] = []
    if params.keys().isdisjoint(_every_key(keys, plural)):
        return names  # (most citations name no editor: one test instead of some twenty)
    for last_keys, first_keys in keys:
        last = _get(params, *last_keys)
        if last is None:
            break
        names.append((last, _get(params, *first_keys)))
    if not names:
        value = _get(params, *plural)
        if value is not None:
            names.append((value, None))
    return names


@cache
def _every_key(
    keys: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...], plural: tuple[str, ...]
) -> frozenset[str]:
    """Every parameter :func:`_names` may read for ``keys`` and ``plural``."""
    return frozenset([key for pair in keys for spellings in pair for key in spellings] + [*plural])


def _numbered(
    count: int, last: tuple[str, ...], first: tuple[str, ...]
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """For names 1 to ``count``: the keys of the surname and of the given name, each
    spelling (a ``{n}`` template) tried with the suffix ``""`` then ``"1"`` for the first."""
    out = []
    for index in range(1, count + 1):
        suffixes = [str(index)] if index > 1 else ["", "1"]
        out.append(
            (
                tuple(key.format(n=sfx) for sfx in suffixes for key in last),
                tuple(key.format(n=sfx) for sfx in suffixes for key in first),
            )
        )
    return tuple(out)


_AUTHOR_KEYS = _numbered(
    14,
    ("last{n}", "surname{n}", "author{n}", "author-last{n}"),
    ("first{n}", "given{n}", "author-first{n}"),
)
_EDITOR_KEYS = _numbered(
    9,
    ("editor{n}-last", "editor-last{n}", "editor{n}", "editor{n}-surname", "editor-surname{n}"),
    ("editor{n}-first", "editor-first{n}", "editor{n}-given", "editor-given{n}"),
)


class _Citation(TextRun):
    """The citation being written: a text run that knows where its sentences end."""

    __slots__ = ()

    def write(self, value: str) -> None:
        """Unstyled punctuation or a label (they hold no control codes)."""
        self.append_clean(value)

    def last_shown(self) -> str:
        """The last character that is not whitespace ("" when there is none)."""
        for part in reversed(self.parts):
            stripped = part.rstrip()
            if stripped:
                return stripped[-1]
        return ""

    def sentence(self) -> None:
        """Start the next sentence (``. `` after the last one, no doubled full stop)."""
        last = self.last_shown()
        if last:
            if last != ".":
                self.write(".")
            self.write(" ")

    def names(self, names: list[Name], separator: str) -> None:
        """``names`` joined by ``separator``, each as ``Last, First``."""
        for index, (last, first) in enumerate(names):
            if index:
                self.write(separator)
            if first is None:
                self.append_text(last)
            elif last.style:  # (a styled surname's style runs on over its given name)
                name = last.copy()
                name.append(", ")
                name.append_text(first)
                self.append_text(name)
            else:
                self.append_text(last)
                self.write(", ")
                self.append_text(first)

    def styled(self, start: int, st: Style) -> None:
        """Style what was written since ``start`` (as ``Text.stylize`` on that piece)."""
        if start < self.length:
            self.spans.append(Span(start, self.length, st))

    def italic(self, text: Text) -> None:
        """``text`` in italics."""
        start = self.length
        self.append_text(text)
        self.styled(start, style("italic"))


def format_citation(kind: str, params: Params) -> Text:
    """A citation template's parameters as the wiki's reference list shows them.

    ``kind`` is what follows ``cite`` in the template's name (``web``, ``book``…; ``citation``
    for ``{{citation}}``); ``params`` maps parameter names (lower case, ``_`` as ``-``) to their
    rendered values.
    """
    params = _present(params)
    out = _Citation()
    authors = _names(params, _AUTHOR_KEYS, ("authors", "people", "host"))
    editors = _names(params, _EDITOR_KEYS, ("editors",))
    eds_label = " (eds.)" if len(editors) > 1 else " (ed.)"
    date = _get(params, "date", "year", "publication-date", "air-date")
    chapter = _get(params, "chapter", "contribution", "entry", "article")
    if not authors and editors and chapter is None:
        # An edited volume cited as a whole: its editors stand where the authors would.
        authors = editors
        out.names(editors, "; ")
        out.write(", eds." if len(editors) > 1 else ", ed.")
        editors = []
    elif authors:
        out.names(authors, "; ")
    if authors:
        if date is not None:
            out.write(" (")
            out.append_text(date)
            out.write(")")
        out.write(".")
    title = _get(params, "title", "script-title", "trans-title", "chapter")
    if chapter is not None and title is not None and chapter is not title:
        out.sentence()
        out.write('"')
        out.append_text(chapter)
        out.write('"')
        out.sentence()
        out.write("In ")
        if editors:
            out.names(editors, "; ")
            out.write(eds_label)
            out.write(". ")
        out.italic(title)
        title = None
    elif editors:
        out.sentence()
        out.names(editors, "; ")
        out.write(eds_label)
    if title is not None:
        url = _get(params, "url", "chapter-url")
        shown = title
        if title.plain.endswith(".") and not title.plain.endswith(".."):
            shown = title[: len(title) - 1]  # CS1 drops a title's own full stop
        if url is not None:
            if shown is title:
                shown = title.copy()  # the value may stand elsewhere too: not restyled
            shown.stylize(link_style(url.plain.strip(), external=True))
        out.sentence()
        if kind in _QUOTED_KINDS:
            out.write('"')
            out.append_text(shown)
            out.write('"')
        else:
            out.italic(shown)
    edition = params.get("edition")
    if edition is not None:
        out.write(" (")
        out.append_text(edition)
        out.write(" ed.)")
    work = _get(params, *_WORK_KEYS)
    if work is not None:
        out.sentence()
        out.italic(work)
    volume, issue = params.get("volume"), _get(params, "issue", "number")
    pages = params.get("pages")
    page = _get(params, "page", "p", "at", "loc")
    if volume is not None or issue is not None:
        # Periodicals: "Journal. 12 (3): 45–67." - the pages follow the volume directly.
        out.sentence()
        if volume is not None:
            start = out.length
            out.append_text(volume)
            out.styled(start, style("bold"))
        if issue is not None:
            out.write(" (" if volume is not None else "(")
            out.append_text(issue)
            out.write(")")
        if pages is not None or page is not None:
            out.write(": ")
            out.append_text(pages or page)  # type: ignore[arg-type]
            pages = page = None
    language = _get(params, "language", "lang")
    if language is not None:
        names = [language_name(code) for code in language.plain.split(",")]
        names = [name for name in names if name and name != "English"]
        if names:
            out.write(f" (in {' and '.join(names)})")
    location = _get(params, "location", "place", "publication-place")
    publisher = _get(params, "publisher", "institution")
    if publisher is not None or location is not None:
        out.sentence()
        if location is not None:
            out.append_text(location)
            if publisher is not None:
                out.write(": ")
        if publisher is not None:
            out.append_text(publisher)
    if date is not None and not authors:
        out.sentence()
        out.append_text(date)
    if pages is not None:
        out.sentence()
        out.write("pp. ")
        out.append_text(pages)
    elif page is not None:
        out.sentence()
        out.write("p. ")
        out.append_text(page)
    for key, label in (("isbn", "ISBN "), ("doi", "doi:"), ("issn", "ISSN "), ("oclc", "OCLC ")):
        value = params.get(key)
        if value is not None:
            out.sentence()
            out.write(label)
            out.append_text(value)
    archive = _get(params, "archive-date", "archivedate")
    if archive is not None and _get(params, "archive-url", "archiveurl") is not None:
        out.sentence()
        out.write("Archived from the original on ")
        out.append_text(archive)
    accessed = _get(params, "access-date", "accessdate")
    if accessed is not None:
        out.sentence()
        out.write("Retrieved ")
        out.append_text(accessed)
    last = out.last_shown()
    if last and last not in ".!?":
        out.write(".")
    quote = params.get("quote")
    if quote is not None:
        out.write(' "')
        out.append_text(quote)
        out.write('"')
    return out.text()
