"""Templates, rendered without their definitions.

Offline there are no template pages to expand, so the most used templates are reproduced as the
wiki shows them (citations, hatnotes, inline maintenance marks, language and typography helpers,
infoboxes, reference lists), maintenance banners become a muted notice, metadata templates are
hidden, and anything else is a muted placeholder with the template's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode
from rich.style import Style
from rich.text import Text

from wikitui.render.blocks import Lines, Paragraph
from wikitui.render.builder import Builder, Link
from wikitui.render.citations import format_citation, language_name
from wikitui.render.infobox import render_infobox
from wikitui.render.nodes import parse, trimmed
from wikitui.render.styles import link_style, style

# ------------------------------------------------------------------ what each name does
# fmt: off
HIDDEN = {
    "short description", "draft topics", "afc topic", "afc submission", "afc comment",
    "italic title", "lowercase title", "displaytitle", "defaultsort", "toc", "toc limit",
    "toc right", "tocright", "toc left", "clear", "clear left", "clear right", "-", "clr",
    "featured article", "good article", "coord missing", "authority control", "anchor",
    "engvarb", "use dmy dates", "use mdy dates", "div col", "div col end", "col div", "colbegin",
    "colend", "col-begin", "col-end", "col-break", "col-2", "col-3", "refbegin", "refend",
    "stack begin", "stack end", "stack", "link fa", "link ga", "link fl", "wikiproject",
    "featured list", "spoken wikipedia", "external links", "good topic", "copyedited",
    "pp", "protection padlock", "sfn whitelist", "hidden begin", "hidden end", "fr icon",
    "en icon", "de icon", "es icon", "it icon", "ru icon", "in lang", "dead link-inline",
    "redirect category shell", "r from move", "talk header", "notoc", "nobots", "bots",
    "citation style", "cs1 config", "good article nominee",
}
HIDDEN_PREFIXES = ("pp-", "use ", "afc ", "draft ", "db-", "wikiproject ", "r from ", "r to ")
HIDDEN_SUFFIXES = ("-stub", " stub", " icon")

MAINTENANCE = {
    "multiple issues", "refimprove", "more citations needed", "unreferenced", "cleanup",
    "pov", "npov", "advert", "orphan", "notability", "original research", "expert needed",
    "update", "tone", "essay-like", "primary sources", "one source", "dead end", "underlinked",
    "overlinked", "copy edit", "confusing", "globalize", "peacock", "weasel", "fansite",
    "in-universe", "disputed", "factual accuracy", "blp sources", "no footnotes",
    "more footnotes", "close paraphrasing", "coi", "undisclosed paid", "recentism", "very long",
    "long plot", "lead too short", "lead too long", "technical", "current", "unbalanced",
    "coatrack", "hoax", "citation style", "cleanup rewrite", "cleanup reorganize", "merge",
    "merge to", "merge from", "split", "split section", "inline", "expand section", "empty section",
    "section stub", "more citations needed section", "unreferenced section", "contradict",
    "self-published", "third-party", "fiction", "howto", "manual", "news release", "speculation",
    "out of date", "outdated", "missing information", "verification", "citation needed lead",
    "no plot", "all plot", "cleanup bare urls", "bare urls", "linkrot", "external links cleanup",
    "refimprove section", "original research section", "sources exist", "proseline",
}

INLINE_MARKS = {
    "cn": "citation needed", "citation needed": "citation needed", "fact": "citation needed",
    "cite needed": "citation needed", "citation-needed": "citation needed",
    "needs citation": "citation needed", "cb": "citation needed", "ref needed": "citation needed",
    "when": "when?", "when?": "when?", "who": "who?", "who?": "who?", "which": "which?",
    "which?": "which?", "by whom": "by whom?", "according to whom": "according to whom?",
    "clarify": "clarification needed", "clarification needed": "clarification needed",
    "dead link": "dead link", "failed verification": "failed verification",
    "verify source": "verification needed", "verification needed": "verification needed",
    "page needed": "page needed", "page number needed": "page needed", "pn": "page needed",
    "year needed": "year needed", "vague": "vague", "dubious": "dubious – discuss",
    "dubious discuss": "dubious – discuss", "original research inline": "original research?",
    "or": "original research?", "better source": "better source needed",
    "better source needed": "better source needed", "unreliable source?": "unreliable source?",
    "self-published inline": "self-published source",
    "update inline": "needs update",
    "full citation needed": "full citation needed", "specify": "specify",
    "peacock term": "peacock prose", "weasel inline": "weasel words", "where": "where?",
    "how": "how?", "why": "why?", "definition needed": "definition needed", "nonspecific": "vague",
    "disputed inline": "disputed – discuss", "irrelevant citation": "irrelevant citation",
    "citation needed span": "citation needed", "cn span": "citation needed",
    "examples needed": "examples needed", "quantify": "quantify",
    "obsolete source": "outdated source",
}
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SPAN_MARKS = {"citation needed span", "cn span"}

LITERALS = {
    "!": "|", "=": "=", "!!": "||", "snd": " – ", "spaced ndash": " – ", "spnd": " – ",
    "sndash": " – ", "spaced en dash": " – ", "ndash": "–", "en dash": "–", "–": "–",
    "mdash": "—", "em dash": "—", "—": "—", "nbsp": "\xa0", "'": "'", "'s": "'s",
    "dot": " · ", "·": " · ", "middot": " · ", "bull": " • ", "bullet": " • ", "•": " • ",
    "shy": "", "zwsp": "", "px": "", "wbr": "", "break": "\n", "crlf": "\n", "nowrap end": "",
    "-)": ")", "(": "(", ")": ")", "colon": ":", "tilde": "~", "pipe": "|", "tick": "✓",
    "cross": "✗", "y": "Yes", "n": "No", "yes": "Yes", "no": "No", "dunno": "?", "free": "Free",
    "nonfree": "Non-free", "okay": "Neutral", "increase": "▲", "decrease": "▼",
    "steady": "▬", "cbignore": "", "bots": "",
}

PASS_THROUGH = {
    "nowrap", "nobr", "avoid wrap", "nowrap begin", "j", "larger", "big", "huge", "resize",
    "plainlist", "flatlist", "sc", "smallcaps", "small caps", "midsize", "lang", "linktext",
    "visible anchor", "vanchor", "abbr", "abbrlink", "tooltip", "text", "dts", "date",
    "center", "centre", "left", "right", "nowiki", "serif", "sans-serif", "monospace",
    "highlight", "mark", "font color", "font", "color", "colored", "ill", "interlanguage link",
    "interlanguage link multi", "illm", "transl", "transliteration", "audio", "notatypo", "typo",
    "not a typo", "proper name", "as written", "angbr", "bracket", "keypress", "key press",
    "ipa", "ipa-all", "respell", "start date", "end date", "nts", "ntsh",
}
_STYLE_TEMPLATES = {
    "small": "small", "smaller": "small", "em": "italic", "strong": "bold", "code": "code",
    "tt": "code", "kbd": "code", "var": "italic", "mvar": "italic", "math": "italic",
    "samp": "code", "strikethrough": "strike", "strike": "strike", "underline": "underline",
    "u": "underline", "bold": "bold", "b": "bold", "i": "italic", "italics": "italic",
    "sup": "", "sub": "", "sic": "", "smallsup": "",
}
HATNOTES = {
    "main": "Main article", "main article": "Main article", "see also": "See also",
    "seealso": "See also", "further": "Further information", "further information":
    "Further information", "details": "For more details on this topic, see", "also": "See also",
}
REFLISTS = {"reflist", "references", "reflist-talk", "reference list", "refs", "notelist",
            "notes", "notelist-ua", "notelist-lr", "notelist-ur", "notefoot",
            "efn list"}
FOOTNOTES = {"efn": "lower-alpha", "efn-ua": "upper-alpha", "efn-la": "lower-alpha",
             "efn-lr": "lower-roman", "efn-ur": "upper-roman", "refn": "", "notefoot": "",
             "ref": "", "r": ""}
SHORT_CITES = {"sfn", "sfnp", "sfnm", "harvnb", "harv", "harvp", "harvtxt", "harvcoltxt",
               "harvcol", "harvcolnb", "sfnref", "harvard citation no brackets",
               "citeref"}
QUOTES = {"quote", "blockquote", "quotation", "cquote", "quote box", "quotebox", "rquote",
          "pull quote", "poem quote", "centered pull quote"}
MAGIC_TITLE = {"PAGENAME", "FULLPAGENAME", "PAGENAMEE", "BASEPAGENAME", "SUBPAGENAME",
               "ARTICLEPAGENAME", "ROOTPAGENAME", "FULLPAGENAMEE"}
COUNTRIES = {
    "USA": "United States", "US": "United States", "UK": "United Kingdom", "GBR": "United Kingdom",
    "FRA": "France", "DEU": "Germany", "GER": "Germany", "ITA": "Italy", "ESP": "Spain",
    "JPN": "Japan", "CHN": "China", "IND": "India", "RUS": "Russia", "TUR": "Turkey",
    "NLD": "Netherlands", "ZAF": "South Africa", "RSA": "South Africa", "AUS": "Australia",
    "CAN": "Canada", "BRA": "Brazil", "ARG": "Argentina", "KOR": "South Korea", "AZE": "Azerbaijan",
    "MEX": "Mexico", "POL": "Poland", "SWE": "Sweden", "NOR": "Norway", "CHL": "Chile",
    "NZL": "New Zealand", "BEL": "Belgium", "PRT": "Portugal", "GRC": "Greece", "IRN": "Iran",
}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
# fmt: on


@dataclass(slots=True)
class Call:
    """A template call: its normalised name and parameters (positional as "1", "2"…)."""

    node: Template
    name: str
    params: dict[str, Wikicode]

    def positional(self) -> list[Wikicode]:
        """The unnamed parameters in order (``1``, ``2``… up to the first gap)."""
        out = []
        index = 1
        while str(index) in self.params:
            out.append(self.params[str(index)])
            index += 1
        return out

    def positional_raw(self) -> list[str]:
        """The unnamed parameters in order, each as stripped wikitext."""
        return [str(value).strip() for value in self.positional()]

    def first(self, *keys: str) -> Wikicode | None:
        """The first parameter of ``keys`` that is present and not blank."""
        for key in keys:
            value = self.params.get(key)
            if value is not None and str(value).strip():
                return value
        return None

    def raw(self, *keys: str) -> str | None:
        """The first non-empty parameter of ``keys``, as stripped wikitext."""
        value = self.first(*keys)
        return str(value).strip() if value is not None else None


def normalise_name(raw: str) -> str:
    """``Template:Cite_web`` -> ``cite web`` (lower case, spaces, no namespace)."""
    name = " ".join(raw.replace("_", " ").split()).lower()
    if name.startswith("template:"):
        name = name[9:].strip()
    return name


def call_of(node: Template) -> Call:
    """Parse a template node into a :class:`Call`."""
    params: dict[str, Wikicode] = {}
    for param in node.params:
        key = str(param.name).strip()
        params[key.lower() if param.showkey else key] = param.value
    # Comments inside the name (``{{Infobox <!-- x --> foo``) are not part of it.
    raw_name = _COMMENT.sub("", str(node.name))
    return Call(node, normalise_name(raw_name), params)


def render_template(builder: Builder, node: Template, st: Style) -> None:
    """Render one template call into the builder's flow."""
    raw_name = str(node.name).strip()
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
    handler = _HANDLERS.get(name)
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
        if name in _SPAN_MARKS:
            _value(builder, call, st, "1", "text")
        builder.add_raw(f"[{INLINE_MARKS[name]}]", st + style("citation-needed"))
        return
    if name in HIDDEN or name.startswith(HIDDEN_PREFIXES) or name.endswith(HIDDEN_SUFFIXES):
        return
    if name in MAINTENANCE or name.startswith(("cleanup", "merge", "split")):
        _maintenance(builder, call)
        return
    if name.startswith(("cite ", "vcite ")) or name in ("citation", "cite", "vcite"):
        kind = name.split(" ", 1)[1] if " " in name else "citation"
        builder.append_text(_citation(builder, call, kind, st), spaced=True)
        return
    if name.startswith(("infobox", "taxobox", "speciesbox", "automatic taxobox", "geobox")) or (
        name.endswith(" infobox")
    ):
        render_infobox(builder, call)
        return
    if name in HATNOTES:
        _hatnote(builder, HATNOTES[name], call)
        return
    if name in REFLISTS:
        _reflist(builder, call)
        return
    if name in FOOTNOTES:
        _footnote(builder, call, FOOTNOTES[name], st)
        return
    if name in SHORT_CITES:
        _short_cite(builder, call, st)
        return
    if name in QUOTES:
        _quote(builder, call)
        return
    if name.startswith("lang-") and len(name) <= 12:
        _language(builder, name[5:], call.positional()[:1], st)
        return
    if name in PASS_THROUGH:
        _pass_through(builder, call, st)
        return
    if name in _STYLE_TEMPLATES:
        extra = style(_STYLE_TEMPLATES[name]) if _STYLE_TEMPLATES[name] else Style.null()
        _value(builder, call, st + extra, "1", "text")
        if name == "sic":
            builder.add_raw(" [sic]", st + style("muted"))
        return
    _placeholder(builder, call.name, raw_name, st)


# ------------------------------------------------------------------ handlers
def _value(builder: Builder, call: Call, st: Style, *keys: str) -> bool:
    """Render the first present parameter of ``keys`` inline; False when none is."""
    value = call.first(*keys)
    if value is None:
        return False
    builder.nodes(trimmed(value), st)
    return True


def _placeholder(builder: Builder, name: str, raw_name: str, st: Style) -> None:
    """An unknown template: its name, muted; on a line of its own (a navbox, a sidebar) it
    stays on a line of its own instead of joining the next paragraph."""
    shown = " ".join(_COMMENT.sub("", raw_name).split()) or name
    if builder.template_alone:
        builder.muted_block(f"⟨{shown}⟩", "placeholder")
    else:
        builder.add_raw(f"⟨{shown}⟩", st + style("placeholder"))


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


def _maintenance(builder: Builder, call: Call) -> None:
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


def _citation(builder: Builder, call: Call, kind: str, st: Style) -> Text:
    params = {}
    for key, value in call.params.items():
        if key.isdigit():
            continue
        nodes = trimmed(value)
        if nodes:
            params[key.replace("_", "-")] = builder.inline(nodes, st)
    return format_citation(kind, params)


def _links_sentence(builder: Builder, targets: list[str], st: Style) -> Text:
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


def _hatnote(builder: Builder, label: str, call: Call) -> None:
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
    text.append_text(_links_sentence(builder, targets, base))
    if label.endswith("see"):
        text.append(".", base)
    builder.block(Lines(text, indent=2))


def _reflist(builder: Builder, call: Call) -> None:
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


def _footnote(builder: Builder, call: Call, group: str, st: Style) -> None:
    """``{{efn|…}}``, ``{{refn|…}}``: a footnote in the template's group."""
    group = call.raw("group") or group
    name = call.raw("name")
    body = call.params.get("1") or call.params.get("text")
    content = builder.inline(trimmed(body)) if body is not None and str(body).strip() else None
    builder.cite(group, name, content, st)


def _short_cite(builder: Builder, call: Call, st: Style) -> None:
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


def _quote(builder: Builder, call: Call) -> None:
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


def _language(builder: Builder, code: str, values: list[Wikicode], st: Style) -> None:
    """``{{langx|az|text}}`` / ``{{lang-az|text}}`` -> ``Azerbaijani: text``."""
    if not values:
        return
    builder.add_raw(f"{language_name(code)}: ", st)
    builder.nodes(trimmed(values[0]), st)


def _langx(builder: Builder, call: Call, st: Style) -> None:
    positional = call.positional()
    if len(positional) >= 2:
        _language(builder, str(positional[0]).strip(), positional[1:2], st)


def _pass_through(builder: Builder, call: Call, st: Style) -> None:
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
        builder.add(_date(call.positional_raw(), bool(call.raw("df"))), st)
        return
    if name in ("angbr",):
        builder.add_raw("⟨", st)
        _value(builder, call, st, "1")
        builder.add_raw("⟩", st)
        return
    if not _value(builder, call, st, "1", "text"):
        _value(builder, call, st, "2")


def _date(parts: list[str], day_first: bool) -> str:
    """``1990|5|17`` -> ``May 17, 1990`` (``17 May 1990`` with ``df=y``)."""
    try:
        year = parts[0]
        month = _MONTHS[int(parts[1]) - 1] if len(parts) > 1 and parts[1] else ""
        day = str(int(parts[2])) if len(parts) > 2 and parts[2] else ""
    except (ValueError, IndexError):
        return " ".join(parts)
    if not month:
        return year
    if not day:
        return f"{month} {year}"
    return f"{day} {month} {year}" if day_first else f"{month} {day}, {year}"


def _life_date(builder: Builder, call: Call, st: Style) -> None:
    parts = [p for p in call.positional_raw() if p]
    df = bool(call.raw("df"))  # day first ("17 May 1990") only when asked, as the template
    builder.add(_date(parts[:3], df), st)


# How {{convert}} writes the common unit codes (the rest are shown as written).
_UNITS = {
    "km2": "km²", "m2": "m²", "cm2": "cm²", "ha": "ha", "sqmi": "sq mi", "sqft": "sq ft",
    "acre": "acres", "C": "°C", "F": "°F", "K": "K", "m3": "m³", "cuft": "cu ft",
    "kmh": "km/h", "km/h": "km/h", "mph": "mph", "ft": "ft", "in": "in", "lb": "lb",
    "kg": "kg", "t": "t", "mi": "mi", "nmi": "nmi", "sqkm": "km²", "m": "m", "cm": "cm",
}  # fmt: skip


def _convert(builder: Builder, call: Call, st: Style) -> None:
    """``{{convert|10|km|mi}}`` -> ``10 km``; ranges ``10–20 km``."""
    parts = call.positional_raw()
    if not parts:
        return
    separators = {
        "-": "–",
        "–": "–",
        "to": " to ",
        "and": " and ",
        "or": " or ",
        "by": " by ",
        "x": " × ",
        "×": " × ",
        "+/-": " ± ",
        "to(-)": " to ",
    }
    if len(parts) >= 4 and parts[1] in separators:
        unit = _UNITS.get(parts[3], parts[3])
        builder.add(f"{parts[0]}{separators[parts[1]]}{parts[2]} {unit}", st)
    elif len(parts) >= 2:
        builder.add(f"{parts[0]} {_UNITS.get(parts[1], parts[1])}", st)
    else:
        builder.add(parts[0], st)


def _identifier(label: str) -> Callable[[Builder, Call, Style], None]:
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


def _frac(builder: Builder, call: Call, st: Style) -> None:
    parts = call.positional_raw()
    if len(parts) == 3:
        builder.add(f"{parts[0]} {parts[1]}⁄{parts[2]}", st)
    elif len(parts) == 2:
        builder.add(f"{parts[0]}⁄{parts[1]}", st)
    elif parts:
        builder.add(f"1⁄{parts[0]}", st)


def _as_of(builder: Builder, call: Call, st: Style) -> None:
    parts = call.positional_raw()
    if not parts:
        return
    month = ""
    if len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = _MONTHS[int(parts[1]) - 1] + " "
    prefix = "as of" if call.raw("lc") else "As of"
    builder.add(f"{prefix} {month}{parts[0]}", st)


def _prefixed(label: str) -> Callable[[Builder, Call, Style], None]:
    """A handler for ``{{circa|1900}}``-like templates: a fixed prefix, then the value."""

    def handler(builder: Builder, call: Call, st: Style) -> None:
        """Show ``label`` followed by the first parameter."""
        builder.add(label, st)
        _value(builder, call, st, "1")

    return handler


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
        text.append_text(_links_sentence(builder, parts[1:2], base))
        text.append(".", base)
    else:
        text.append("For other uses, see ", base)
        if parts or title:
            other = parts[0] if parts else f"{title} (disambiguation)"
            text.append_text(_links_sentence(builder, [other], base))
        else:
            text.append("the disambiguation page", base)
        text.append(".", base)
    builder.block(Lines(text, indent=2))


def _sister(builder: Builder, call: Call, st: Style) -> None:
    """Sister-project boxes and portals: a muted placeholder (their content is links out)."""
    _placeholder(builder, call.name, str(call.node.name), st)


def _coord(builder: Builder, call: Call, st: Style) -> None:
    """``{{coord|40|23|N|49|52|E}}`` -> ``40°23′N 49°52′E``; decimal degrees as given."""
    parts = call.positional_raw()
    parts = [p for p in parts if p and ":" not in p and "=" not in p]  # no "type:city" options
    out: list[str] = []
    current = ""
    marks = ("°", "′", "″")
    index = 0
    for part in parts:
        if part.upper() in ("N", "S", "E", "W"):
            out.append(current + part.upper())
            current, index = "", 0
        elif index < 3:
            current += part + marks[index]
            index += 1
    if not out and len(parts) >= 2:
        out = [f"{parts[0]}°N", f"{parts[1]}°E"]  # decimal, signed degrees
    if out:
        builder.add(" ".join(out), st)


def _webarchive(builder: Builder, call: Call, st: Style) -> None:
    """``{{webarchive|url=…|date=…}}`` -> ``Archived 2020-01-01 at the Wayback Machine``."""
    url = call.raw("url", "url1")
    date = call.raw("date", "date1")
    text = f"Archived {date} at the Wayback Machine" if date else "Archived at the Wayback Machine"
    builder.add(text, st + (link_style(url, external=True) if url else Style.null()))


def _rp(builder: Builder, call: Call, st: Style) -> None:
    """``{{rp|12}}``: the page of the reference just cited, as ``:12``."""
    page = call.raw("1", "page", "pages", "p", "pp", "at")
    if page:
        builder.add_raw(f":{page}", st + style("ref"))


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
    if not _value(builder, call, st, "2"):
        _value(builder, call, st, "1")


_HANDLERS: dict[str, Callable[[Builder, Call, Style], None]] = {
    "coord": _coord,
    "webarchive": _webarchive,
    "rp": _rp,
    "nihongo": _nihongo,
    "marriage": _marriage,
    "sort": _sort,
    "sortname": lambda b, c, s: b.add(" ".join(c.positional_raw()[:2]), s),
    "langx": _langx,
    "lang-x": _langx,
    "convert": _convert,
    "cvt": _convert,
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
    "frac": _frac,
    "fraction": _frac,
    "as of": _as_of,
    "circa": _prefixed("c. "),
    "c.": _prefixed("c. "),
    "floruit": _prefixed("fl. "),
    "fl.": _prefixed("fl. "),
    "url": _url,
    "official website": _url,
    "official url": _url,
    "ipac-en": _ipac,
    "ipa-en": _ipac,
    "redirect": _redirect_hatnote,
    "redirect2": _redirect_hatnote,
    "redirect-multi": _redirect_hatnote,
    "about": _redirect_hatnote,
    "other uses": _redirect_hatnote,
    "for": _redirect_hatnote,
    "otheruses": _redirect_hatnote,
    "distinguish": lambda b, c, s: b.muted_block(
        Text("Not to be confused with ", style("hatnote")).append_text(
            _links_sentence(b, c.positional_raw(), style("hatnote"))
        ),
        "hatnote",
    ),
    "birth date": _life_date,
    "death date": _life_date,
    "birth date and age": _life_date,
    "death date and age": _life_date,
    "dob": _life_date,
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
