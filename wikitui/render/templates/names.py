"""What each template name does, for the names that need no handler of their own: hidden,
a maintenance banner, an inline mark, a literal, a pass-through, a family of handlers."""

from __future__ import annotations

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
SPAN_MARKS = {"citation needed span", "cn span"}

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
STYLE_TEMPLATES = {
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
# fmt: on
