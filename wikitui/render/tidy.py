"""Plain wikitext as MediaWiki shows it: behaviour switches and stray quote runs dropped,
French spacing kept together, runs of whitespace collapsed."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\r\f\v]+")
_QUOTES = re.compile(r"'{2,}")
_SWITCHES = re.compile(
    r"__(?:NOTOC|FORCETOC|TOC|NOEDITSECTION|NEWSECTIONLINK|NONEWSECTIONLINK|NOGALLERY|"
    r"HIDDENCAT|EXPECTUNUSEDCATEGORY|NOCONTENTCONVERT|NOCC|NOTITLECONVERT|NOTC|INDEX|NOINDEX|"
    r"STATICREDIRECT|DISAMBIG|EXPECTUNUSEDTEMPLATE|ARCHIVEDTALK|NOTALK|START|END)__"
)
_FRENCH_SPACE = re.compile(r"(?<=\w) (?=[»›?!:;%](?:\W|$))|(?<=[«‹]) (?=\w)")


def collapsed(value: str) -> str:
    """Runs of whitespace as one space, as HTML shows them (most texts have none: the
    substring tests are some ten times faster than the regular expression's scan)."""
    if "  " in value or "\t" in value or "\r" in value or "\f" in value or "\v" in value:
        return _SPACES.sub(" ", value)
    return value


def tidy(value: str) -> str:
    """Text as MediaWiki shows it: behaviour switches and stray quote runs gone, French
    spacing kept together."""
    if "__" in value:
        value = _SWITCHES.sub("", value)
    if "''" in value:
        # Unbalanced bold/italic markers that mwparserfromhell left as text.
        value = _QUOTES.sub(lambda m: "'" if len(m.group()) == 4 else "", value)
    if (
        " ?" in value
        or " :" in value
        or " ;" in value
        or " !" in value
        or " %" in value
        or " »" in value
        or " ›" in value
        or "« " in value
        or "‹ " in value
    ):
        # MediaWiki keeps a space before » ? ! : ; % (and after «) with its word. (The pairs
        # _FRENCH_SPACE can act on: substring tests scan long texts many times faster.)
        value = _FRENCH_SPACE.sub("\xa0", value)
    return value
