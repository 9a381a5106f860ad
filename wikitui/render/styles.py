"""The renderer's named styles.

Segments handed to the app must carry concrete :class:`rich.style.Style` objects (a Strip cannot
resolve theme names), so the palette is a plain mapping from names to styles. Every style that
matters has a non-colour attribute too (bold, underline, italic, dim), so the article still
reads with NO_COLOR, where only the colours are dropped.
"""

from __future__ import annotations

from rich.style import Style

STYLES: dict[str, Style] = {
    "heading.1": Style(bold=True, underline=True, color="bright_white"),
    "heading.2": Style(bold=True, underline=True, color="bright_white"),
    "heading.3": Style(bold=True, color="bright_white"),
    "heading.4": Style(bold=True, italic=True),
    "heading.5": Style(bold=True, italic=True, dim=True),
    "heading.6": Style(italic=True, dim=True),
    "heading.rule": Style(dim=True),
    "bold": Style(bold=True),
    "italic": Style(italic=True),
    "underline": Style(underline=True),
    "strike": Style(strike=True),
    "small": Style(dim=True),
    "code": Style(color="bright_magenta", bgcolor="grey15"),
    "pre": Style(color="bright_cyan"),
    "link": Style(color="bright_blue", underline=True),
    "link.external": Style(color="cyan", underline=True),
    "muted": Style(dim=True),
    "placeholder": Style(dim=True, italic=True),
    "notice": Style(dim=True, italic=True),
    "hatnote": Style(italic=True),
    "ref": Style(color="bright_blue", dim=True),
    "citation-needed": Style(color="yellow", italic=True),
    "rule": Style(dim=True),
    "table.header": Style(bold=True),
    "table.caption": Style(bold=True, italic=True),
    "table.border": Style(dim=True),
    "infobox.title": Style(bold=True),
    "infobox.label": Style(bold=True),
    "infobox.border": Style(color="bright_black"),
    "list.marker": Style(color="bright_black", bold=True),
    "reflist.backlink": Style(color="bright_blue", dim=True),
    "category": Style(dim=True),
    "term": Style(bold=True),
}


_WIKILINKS: dict[str, Style] = {}
_EXTERNAL_LINKS: dict[str, Style] = {}


def style(name: str) -> Style:
    """The style called ``name`` (an empty style for unknown names, never an error)."""
    return STYLES.get(name, Style.null())


def link_style(target: str, *, external: bool = False) -> Style:
    """A link's style with its target attached.

    External links carry the URL as a terminal hyperlink (OSC 8, where the terminal supports
    it); internal links keep their page title in the style's meta under ``wikilink``, where the
    app can find it on hover or click.
    """
    if external:
        # (A citation's URL shows twice: as its title's link and as the value's own.)
        cached = _EXTERNAL_LINKS.get(target)
        if cached is None:
            if len(_EXTERNAL_LINKS) >= 4096:
                _EXTERNAL_LINKS.clear()
            cached = _EXTERNAL_LINKS[target] = STYLES["link.external"] + Style(link=target)
        return cached
    cached = _WIKILINKS.get(target)
    if cached is None:
        if len(_WIKILINKS) >= 4096:  # an app renders many revisions: keep the cache small
            _WIKILINKS.clear()
        # rich's own cache of style sums already gives every link to one page one style
        # (its hash leaves out the link id); this skips making the meta and the sum again.
        cached = _WIKILINKS[target] = STYLES["link"] + Style.from_meta({"wikilink": target})
    return cached
