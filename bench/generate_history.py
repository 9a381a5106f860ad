#!/usr/bin/env python3
"""Generate large, realistic MediaWiki page histories for wikitui's benchmarks.

Everything is deterministic: the same seed and sizes give byte-identical output, so benchmark
figures from different runs and machines describe the same file.

Python API (import this file from the other bench scripts)::

    make_article(seed, size_kb) -> str                 # one realistic article of about size_kb KB
    edit_article(text, rng, n_edits) -> str            # the article after n scattered edits
    write_export(path, revisions=..., article_kb=..., seed=..., compress=None|"bz2"|"gz"|"xz")
    iter_history(revisions, article_kb, seed)          # (RevisionMeta, text) pairs, oldest first

Command line::

    python bench/generate_history.py bench/out/history.xml --size-mb 1200
    python bench/generate_history.py bench/out/small.xml.bz2 --revisions 200 --article-kb 150

The articles read like Wikipedia wikitext: a short description, an infobox template, a bold
lead, ``== sections ==`` with paragraphs on one long line each, ``<ref>{{cite web ...}}</ref>``
citations (named and reused), wiki links, lists, a wikitable, navboxes and categories. The
history mixes the edits real articles get: typo and word fixes, added and removed sentences,
new and deleted paragraphs, moved paragraphs, section renames, large expansions, bot edits,
vandalism (blanking, junk) with its revert, and good-faith edits undone, with plausible
metadata: registered users, IPv4/IPv6 editors, bots, minor flags, ``/* Section */`` summaries
and change tags (written as the ``<!-- wikitui:tags [...] -->`` comment wikitui reads).

The export is written revision by revision (schema 0.11, namespaced); the whole file is never
held in memory. Each revision is the previous one with a few edits applied to its list of
lines, so the cost per revision is a join, an escape and a SHA-1 of the text.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import hashlib
import json
import lzma
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO


def _split(words: str, sep: str | None = None) -> tuple[str, ...]:
    """A word list kept as one readable string in the source."""
    return tuple(words.split(sep))


# --------------------------------------------------------------------------------------------
# Vocabulary. Plain English words with a realistic frequency profile (function words repeated),
# plus names used as link targets. A few non-ASCII names keep the UTF-8 paths honest.

_FUNCTION_WORDS = _split(
    "the the the the the of of of of and and and in in in to to a a a is was was for on "
    "with by as at from that that which its their it were has had been also after during "
    "between into over under while both more most other some such this these than"
)

_CONTENT_WORDS = _split(
    "city region river valley population government council province district century war "
    "treaty trade economy industry agriculture harbour railway bridge church cathedral castle "
    "university school museum library festival music theatre dance literature language dialect "
    "culture tradition heritage architecture monument square market station airport highway "
    "border mountain forest lake coast island climate winter summer rainfall temperature "
    "species habitat conservation park reserve election parliament minister president mayor "
    "party reform constitution independence revolution empire kingdom dynasty settlement "
    "colony migration census growth decline development investment company factory production "
    "export import energy oil gas coal steel textile shipbuilding tourism hotel restaurant "
    "cuisine wine bread cheese football stadium club league championship team season record "
    "history period era decade origin name etymology survey excavation archaeology site "
    "inscription manuscript chronicle source account scholar historian author poet painter "
    "composer architect engineer scientist physician teacher student graduate research "
    "institute academy society association foundation organisation agency committee commission "
    "agreement cooperation relations embassy delegation visit summit conference declaration "
    "network service transport bus tram ferry canal port terminal road route line system "
    "area territory municipality village town suburb neighbourhood quarter street avenue "
    "building tower hall palace garden cemetery memorial statue fountain gallery exhibition "
    "collection award prize honour title office post role position status rights law court "
    "police army navy battle siege fleet regiment campaign victory defeat peace alliance "
    "crisis flood fire earthquake famine epidemic recovery reconstruction restoration renewal"
)

_VERBS = _split(
    "built founded established expanded described recorded restored opened closed renamed "
    "destroyed rebuilt acquired produced exported imported hosted organised attended signed "
    "ratified elected appointed replaced succeeded introduced adopted abolished reformed "
    "surveyed excavated discovered documented published translated performed celebrated "
    "connected linked served supported financed developed designed completed extended "
    "improved reduced increased doubled declined recovered remained became reached"
)

_ADJECTIVES = _split(
    "large small major minor northern southern eastern western central ancient medieval modern "
    "early late former current local regional national international historic important "
    "significant notable popular traditional industrial rural urban coastal mountainous "
    "fertile dry wet cold warm new old first second third main principal official public "
    "private religious cultural economic political military commercial agricultural"
)

_NAMES = _split(
    "Vienna Prague Budapest Kraków Łódź Gdańsk Zürich Geneva Lyon Marseille Seville Valencia "
    "Porto Lisbon Naples Florence Venice Trieste Ljubljana Zagreb Belgrade Sofia Bucharest "
    "Odesa Tbilisi Baku Yerevan Ankara İzmir Thessaloniki Athens Valletta Dublin Cork Glasgow "
    "Edinburgh Cardiff Bristol Leeds Bergen Tromsø Gothenburg Malmö Turku Tallinn Riga Vilnius "
    "Montréal Québec Toronto Halifax Boston Chicago Denver Oaxaca Mérida Bogotá Quito Lima "
    "Cusco Valparaíso Montevideo Asunción Recife Salvador Curitiba Dakar Accra Lagos Nairobi "
    "Kampala Mombasa Zanzibar Durban Windhoek Seoul Busan Incheon Daegu Osaka Kyoto Sapporo "
    "Hanoi Huế Bangkok Chiang Mai Yangon Dhaka Kolkata Chennai Lahore Kabul Samarkand Bukhara"
)

_LINK_TOPICS = _split(
    (
        "Industrial Revolution|World War I|World War II|Cold War|European Union|United Nations|"
        "Ottoman Empire|Habsburg monarchy|Soviet Union|Hanseatic League|Byzantine Empire|"
        "Roman Empire|Holy Roman Empire|Renaissance|Baroque architecture|Gothic architecture|"
        "Art Nouveau|Modernism|Romanticism|Enlightenment|Reformation|Counter-Reformation|"
        "Napoleonic Wars|Thirty Years' War|Great Depression|Marshall Plan|NATO|UNESCO|"
        "World Heritage Site|Köppen climate classification|humid continental climate|"
        "Mediterranean climate|oceanic climate|population density|gross domestic product|"
        "public transport|light rail|rapid transit|port|shipbuilding|textile industry|"
        "steel industry|tourism|viticulture|folk music|opera|symphony orchestra|football|"
        "ice hockey|basketball|Catholic Church|Eastern Orthodox Church|Lutheranism|Islam|Judaism|"
        "parliamentary republic|constitutional monarchy|local government|census|dialect|"
        "official language|minority language|literacy|higher education|research university"
    ),
    "|",
)

_SECTION_NAMES = _split(
    (
        "History|Etymology|Geography|Climate|Demographics|Economy|Industry|Transport|Culture|"
        "Architecture|Religion|Education|Sport|Politics|Government|Media|Cuisine|Tourism|"
        "Infrastructure|Environment|Notable people|International relations|Military|Health|"
        "Science and technology|Arts|Literature|Music|Festivals|Parks and gardens|Landmarks|"
        "Administrative divisions|Law and justice|Energy|Agriculture|Trade"
    ),
    "|",
)

_SUBSECTION_NAMES = _split(
    (
        "Early history|Middle Ages|Early modern period|19th century|20th century|"
        "21st century|Prehistory|Foundation|Interwar period|Post-war period|Recent developments|"
        "Urban area|Neighbourhoods|Rivers and lakes|Flora and fauna|Population|Ethnic groups|"
        "Languages|Primary sector|Services|Rail|Roads|Air|Public transport|Museums|Theatre|"
        "Cinema|Universities|Schools|Football|Other sports|Local government|Elections"
    ),
    "|",
)

_WEBSITES = _split(
    (
        "The Guardian|BBC News|Reuters|Associated Press|Le Monde|Der Spiegel|The New York Times|"
        "Financial Times|Al Jazeera|Deutsche Welle|Euronews|The Korea Herald|Nikkei Asia|"
        "National Geographic|Encyclopædia Britannica|Statistics Office|Ministry of Culture|"
        "City Council|UNESCO World Heritage Centre|World Bank"
    ),
    "|",
)

_FIRST_NAMES = _split(
    "Anna Maria Elena Sofia Laura Marta Eva Clara Julia Irene Nora Hana Min-ji Yuki Aiko "
    "Fatima Leila Amara Zainab Olga Ingrid Astrid Johan Lars Erik Pieter Jan Tomasz Piotr "
    "Marco Luca Pablo Diego João Rui Ahmed Omar Yusuf Kenji Hiroshi Jae-won Seung-ho Rahul "
    "Arjun David Daniel Michael Thomas Robert James Peter Paul"
)

_LAST_NAMES = _split(
    "Novak Horvat Kowalski Nowak Müller Schmidt Fischer Weber Rossi Russo Bianchi García "
    "Fernández López Silva Santos Costa Dubois Martin Bernard Jensen Nielsen Hansen Johansson "
    "Lindqvist Virtanen Kim Lee Park Choi Tanaka Sato Suzuki Nguyen Tran Hassan Haddad Kaya "
    "Yılmaz Öztürk Ivanov Petrov Smith Jones Taylor Brown Wilson Evans"
)

_SUMMARY_SMALL = _split(
    (
        "copyedit|typo|fix typo|grammar|spelling|wording|clarify|minor fixes|punctuation|"
        "tweak|rm unnecessary words|style fixes per [[MOS:NUM]]|capitalisation per [[MOS:CAPS]]|"
        "fixed grammar|removed redundancy|c/e|link|wikilink|update"
    ),
    "|",
)

_SUMMARY_ADD = _split(
    (
        "added info|expanded|adding sourced content|add reference|added citation|+ref|"
        "added details with source|expand section|new information|updated figures|"
        "added recent developments|sourced statement"
    ),
    "|",
)

_SUMMARY_REMOVE = _split(
    (
        "removed unsourced claim|rm unsourced|trim|removed promotional wording|"
        "rm trivia per [[WP:TRIVIA]]|removed duplicate paragraph|cut irrelevant detail|"
        "[[WP:UNDUE]]|rm original research"
    ),
    "|",
)

_VANDAL_JUNK = _split(
    (
        "lol|hi mom|jake is the best!!!|this page is stupid|asdfghjkl|POOP|I LOVE PIZZA|"
        "my teacher is a loser|who reads this|cool|xD xD xD|ur mum|pineapple"
    ),
    "|",
)

# Change tags as Wikipedia names them (ctd_name), with how often a plain edit carries them.
_EDITOR_TAGS: tuple[tuple[tuple[str, ...], float], ...] = (
    ((), 0.42),
    (("visualeditor",), 0.2),
    (("wikieditor",), 0.12),
    (("mobile edit", "mobile web edit"), 0.1),
    (("mobile edit", "mobile app edit", "android app edit"), 0.03),
    (("visualeditor", "mobile edit", "mobile web edit"), 0.04),
    (("2017 wikitext editor",), 0.03),
    (("visualeditor-wikitext",), 0.03),
    (("AWB",), 0.03),
)

_SITE_BASE = "https://en.wikipedia.org/wiki/Main_Page"
_EXPORT_NS = "http://www.mediawiki.org/xml/export-0.11/"
_NAMESPACES = (
    (-2, "Media"),
    (-1, "Special"),
    (0, ""),
    (1, "Talk"),
    (2, "User"),
    (3, "User talk"),
    (4, "Wikipedia"),
    (5, "Wikipedia talk"),
    (6, "File"),
    (7, "File talk"),
    (10, "Template"),
    (11, "Template talk"),
    (14, "Category"),
    (15, "Category talk"),
)

# Lines that are not prose paragraphs: headings, templates, tables, lists, categories, blanks.
_STRUCTURAL_STARTS = ("=", "{", "|", "}", "!", "*", "#", ":", "[[Category:", "[[File:", "<")


# --------------------------------------------------------------------------------------------
# Article text


def _month_date(rng: random.Random, first_year: int = 2004, last_year: int = 2024) -> str:
    """A date as cite templates write it (ISO form)."""
    return f"{rng.randint(first_year, last_year)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


class _TextMaker:
    """Makes sentences, paragraphs and sections for one article (all from one RNG)."""

    def __init__(self, rng: random.Random, title: str) -> None:
        self.rng = rng
        self.title = title
        self.ref_names: list[str] = []
        self.ref_serial = 0

    def word(self) -> str:
        """One plain word, weighted toward function words as real prose is."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.38:
            return rng.choice(_FUNCTION_WORDS)
        if roll < 0.72:
            return rng.choice(_CONTENT_WORDS)
        if roll < 0.84:
            return rng.choice(_ADJECTIVES)
        if roll < 0.94:
            return rng.choice(_VERBS)
        if roll < 0.97:
            return rng.choice(_NAMES)
        return str(rng.randint(1200, 2024))

    def link(self) -> str:
        """A wiki link, piped about a third of the time, as in real articles."""
        rng = self.rng
        target = rng.choice(_LINK_TOPICS) if rng.random() < 0.7 else rng.choice(_NAMES)
        roll = rng.random()
        if roll < 0.3:
            return f"[[{target}|{rng.choice(_ADJECTIVES)} {target.lower()}]]"
        if roll < 0.4 and target[:1].islower():
            return f"[[{target}]]s"
        return f"[[{target}]]"

    def citation(self) -> str:
        """A ``<ref>`` with a cite template; sometimes named, sometimes a reuse of a named one."""
        rng = self.rng
        if self.ref_names and rng.random() < 0.18:
            return f'<ref name="{rng.choice(self.ref_names)}" />'
        self.ref_serial += 1
        words = " ".join(self.word() for _ in range(rng.randint(4, 9)))
        site = rng.choice(_WEBSITES)
        slug = "-".join(words.lower().split()[:6])
        parts = [
            "{{cite web",
            f"|url=https://www.{site.lower().replace(' ', '').replace('æ', 'ae')}.example/"
            f"{rng.randint(2005, 2024)}/{slug}-{self.ref_serial}",
            f"|title={words[:1].upper()}{words[1:]}",
        ]
        if rng.random() < 0.6:
            parts.append(f"|last={rng.choice(_LAST_NAMES)} |first={rng.choice(_FIRST_NAMES)}")
        if rng.random() < 0.8:
            parts.append(f"|date={_month_date(rng)}")
        parts.append(f"|website={site} |access-date={_month_date(rng, 2015, 2024)}")
        if rng.random() < 0.15:
            parts.append(f"|archive-url=https://web.archive.org/web/2019/{slug} |url-status=dead")
        body = " ".join(parts) + "}}"
        if rng.random() < 0.25:
            name = f"{slug.split('-')[0]}{self.ref_serial}"
            self.ref_names.append(name)
            return f'<ref name="{name}">{body}</ref>'
        return f"<ref>{body}</ref>"

    def sentence(self) -> str:
        """One sentence of 10-30 words with links, the odd emphasis and sometimes a citation."""
        rng = self.rng
        count = rng.randint(10, 30)
        out: list[str] = []
        for position in range(count):
            roll = rng.random()
            if roll < 0.07:
                out.append(self.link())
            elif roll < 0.075:
                out.append(f"''{self.word()} {self.word()}''")
            else:
                out.append(self.word())
            if position and position < count - 2 and rng.random() < 0.06:
                out[-1] += ","
        first = out[0]
        out[0] = first[:1].upper() + first[1:] if not first.startswith("[[") else first
        text = " ".join(out) + "."
        roll = rng.random()
        if roll < 0.3:
            text += self.citation()
        elif roll < 0.32:
            text += "{{citation needed|date=" + rng.choice(("March", "June", "October")) + " 2021}}"
        return text

    def paragraph(self, min_sentences: int = 4, max_sentences: int = 12) -> str:
        """A prose paragraph: one long line, as MediaWiki editors write them."""
        return " ".join(
            self.sentence() for _ in range(self.rng.randint(min_sentences, max_sentences))
        )

    def infobox(self) -> list[str]:
        """An infobox template, one ``| field = value`` per line."""
        rng = self.rng
        lines = ["{{Infobox settlement", f"| name = {self.title}"]
        fields = [
            ("native_name", rng.choice(_NAMES)),
            ("settlement_type", rng.choice(("City", "Town", "Municipality", "Region"))),
            ("image_skyline", f"{self.title} panorama {rng.randint(2010, 2023)}.jpg"),
            ("image_caption", self.sentence().rstrip(".")[:80]),
            ("subdivision_type", "Country"),
            ("subdivision_name", f"[[{rng.choice(_NAMES)}]]"),
            ("established_title", "Founded"),
            ("established_date", str(rng.randint(900, 1700))),
            ("leader_title", "Mayor"),
            ("leader_name", f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"),
            ("area_total_km2", f"{rng.uniform(20, 900):.1f}"),
            ("elevation_m", str(rng.randint(0, 1800))),
            ("population_total", f"{rng.randint(10_000, 3_000_000):,}"),
            ("population_as_of", str(rng.randint(2011, 2023))),
            ("population_density_km2", "auto"),
            ("timezone", rng.choice(("CET", "EET", "KST", "UTC", "WET"))),
            ("postal_code", str(rng.randint(10000, 99999))),
            ("website", f"{{{{URL|www.{self.title.split()[0].lower()}.example}}}}"),
        ]
        for key, value in fields:
            lines.append(f"| {key} = {value}")
        lines.append("}}")
        return lines

    def table(self) -> list[str]:
        """A sortable wikitable of yearly figures."""
        rng = self.rng
        lines = [
            '{| class="wikitable sortable"',
            f"|+ {rng.choice(_CONTENT_WORDS).capitalize()} by year",
            "! Year !! Population !! Change !! Notes",
        ]
        population = rng.randint(10_000, 500_000)
        for year in range(rng.randint(1900, 1950), 2021, 10):
            change = rng.uniform(-4, 12)
            population = int(population * (1 + change / 100))
            lines.append("|-")
            lines.append(f"| {year} || {population:,} || {change:+.1f}% || {self.word()}")
        lines.append("|}")
        return lines

    def bullet_list(self) -> list[str]:
        """A bullet list of short linked items."""
        return [
            f"* {self.link()} – {' '.join(self.word() for _ in range(self.rng.randint(3, 9)))}"
            for _ in range(self.rng.randint(4, 12))
        ]

    def section(self, name: str) -> list[str]:
        """A level-2 section with paragraphs, perhaps subsections, a list or a table."""
        rng = self.rng
        lines = [f"== {name} =="]
        if rng.random() < 0.2:
            lines.append(f"{{{{Main|{name} of {self.title}}}}}")
        for _ in range(rng.randint(1, 4)):
            lines.append(self.paragraph())
            lines.append("")
        if rng.random() < 0.15:
            lines.append(
                f"[[File:{self.title} {name.lower()} {rng.randint(1, 99)}.jpg|thumb|"
                f"{self.sentence().rstrip('.')}]]"
            )
        for _ in range(rng.choice((0, 0, 1, 2, 3))):
            lines.append(f"=== {rng.choice(_SUBSECTION_NAMES)} ===")
            for _ in range(rng.randint(1, 3)):
                lines.append(self.paragraph())
                lines.append("")
        roll = rng.random()
        if roll < 0.15:
            lines.extend(self.bullet_list())
            lines.append("")
        elif roll < 0.22:
            lines.extend(self.table())
            lines.append("")
        return lines


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _article_title(rng: random.Random) -> str:
    return f"{rng.choice(_NAMES)} {rng.choice(('Province', 'District', 'County', 'Region'))}"


def _article_lines(rng: random.Random, size_kb: float, title: str) -> tuple[list[str], _TextMaker]:
    maker = _TextMaker(rng, title)
    target = int(size_kb * 1024)
    head = [
        f"{{{{Short description|{rng.choice(_ADJECTIVES).capitalize()} region of "
        f"{rng.choice(_NAMES)}}}}}",
        f"{{{{Use dmy dates|date={rng.choice(('January', 'May', 'September'))} 2023}}}}",
        *maker.infobox(),
        f"'''{title}''' ({{{{lang|de|{rng.choice(_NAMES)}}}}}) " + maker.paragraph(3, 6),
        "",
        maker.paragraph(3, 8),
        "",
    ]
    tail = [
        "== See also ==",
        *maker.bullet_list(),
        "",
        "== References ==",
        "{{Reflist}}",
        "",
        "== External links ==",
        "{{Commons category}}",
        f"* [https://www.{title.split()[0].lower()}.example Official website]",
        "",
        f"{{{{{rng.choice(_NAMES)} topics}}}}",
        "{{Authority control}}",
        "",
        *(
            f"[[Category:{_capitalise(rng.choice(_LINK_TOPICS))}]]"
            for _ in range(rng.randint(3, 7))
        ),
    ]
    body: list[str] = []
    size = sum(len(line) + 1 for line in head + tail)
    names = list(_SECTION_NAMES)
    rng.shuffle(names)
    index = 0
    while size < target:
        name = names[index % len(names)]
        if index >= len(names):
            name = f"{name} ({index // len(names) + 1})"
        section = maker.section(name)
        body.extend(section)
        size += sum(len(line) + 1 for line in section)
        index += 1
    return head + body + tail, maker


def make_article(seed: int, size_kb: float) -> str:
    """Return a realistic wikitext article of about ``size_kb`` KB, the same for the same seed.

    The text has a short description, an infobox, a lead, ``== sections ==`` with long
    single-line paragraphs, cite-web references (some named and reused), links, lists, a table,
    navboxes and categories. Its size is ``size_kb`` KB give or take one section.
    """
    rng = random.Random(seed)
    lines, _ = _article_lines(rng, size_kb, _article_title(rng))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Edits


def _is_prose(line: str) -> bool:
    return len(line) > 40 and not line.startswith(_STRUCTURAL_STARTS)


def _prose_indexes(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if _is_prose(line)]


def _section_of(lines: list[str], index: int) -> str | None:
    """The heading above line ``index`` (what an edit summary's ``/* ... */`` names)."""
    for i in range(min(index, len(lines) - 1), -1, -1):
        line = lines[i]
        if line.startswith("==") and line.endswith("=="):
            return line.strip("= ")
    return None


def _heading_indexes(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.startswith("==") and line.endswith("==")]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word + rng.choice("aest")
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap two letters
    return word[:i] + rng.choice("aeionrst") + word[i + 1 :]


def _replace_word(line: str, rng: random.Random, maker: _TextMaker, typo: bool) -> str:
    """Change one plain word (not inside markup) of a prose line."""
    words = line.split(" ")
    for _ in range(8):
        i = rng.randrange(len(words))
        word = words[i]
        if word.isalpha():
            words[i] = _typo(word, rng) if typo else maker.word()
            return " ".join(words)
    return line


def _sentence_bounds(line: str) -> list[int]:
    """Offsets just after each sentence end (". " followed by a capital or a link)."""
    out: list[int] = []
    start = 0
    while True:
        i = line.find(". ", start)
        if i < 0:
            return out
        nxt = line[i + 2 : i + 3]
        if nxt.isupper() or nxt == "[":
            out.append(i + 1)
        start = i + 2


_FIXED_HEADINGS = frozenset(("== See also ==", "== References ==", "== External links =="))
# Figures worth updating: counts with thousands separators and measures with decimals (not
# years or postal codes).
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+\.\d+")

# Edit kinds: (name, weight). Weights follow what article histories are mostly made of.
_EDIT_KINDS = (
    ("typo", 18),
    ("word", 18),
    ("add_sentence", 16),
    ("remove_sentence", 7),
    ("add_citation", 8),
    ("add_paragraph", 6),
    ("remove_paragraph", 3),
    ("move_paragraph", 3),
    ("rename_section", 2),
    ("infobox", 5),
    ("list_item", 3),
)
_SHRINK = {
    "add_sentence": "remove_sentence",
    "add_paragraph": "remove_paragraph",
    "add_citation": "remove_sentence",
}
_EDIT_NAMES = [name for name, _ in _EDIT_KINDS]
_EDIT_WEIGHTS = [weight for _, weight in _EDIT_KINDS]


def _apply_edit(lines: list[str], rng: random.Random, maker: _TextMaker, kind: str) -> int | None:
    """Apply one edit of ``kind`` to ``lines`` in place; return the line it touched (or None)."""
    prose = _prose_indexes(lines)
    if not prose:
        lines.append(maker.paragraph())
        return len(lines) - 1
    i = rng.choice(prose)
    line = lines[i]
    if kind in ("typo", "word"):
        lines[i] = _replace_word(line, rng, maker, typo=kind == "typo")
    elif kind == "add_sentence":
        bounds = _sentence_bounds(line)
        cut = rng.choice(bounds) if bounds and rng.random() < 0.7 else len(line)
        lines[i] = line[:cut] + " " + maker.sentence() + line[cut:]
    elif kind == "remove_sentence":
        bounds = _sentence_bounds(line)
        if len(bounds) >= 2:
            k = rng.randrange(len(bounds) - 1)
            lines[i] = line[: bounds[k]] + line[bounds[k + 1] :]
        else:
            lines[i] = _replace_word(line, rng, maker, typo=False)
    elif kind == "add_citation":
        bounds = _sentence_bounds(line) or [len(line)]
        cut = rng.choice(bounds)
        lines[i] = line[:cut] + maker.citation() + line[cut:]
    elif kind == "add_paragraph":
        lines[i + 1 : i + 1] = ["", maker.paragraph()]
        return i + 2
    elif kind == "remove_paragraph":
        if len(prose) > 8:
            end = i + 2 if i + 1 < len(lines) and lines[i + 1] == "" else i + 1
            del lines[i:end]
        else:
            lines[i] = _replace_word(line, rng, maker, typo=False)
    elif kind == "move_paragraph":
        j = rng.choice(prose)
        if j != i:
            # Take the paragraph with the blank line after it, so no double blank is left.
            end = i + 2 if i + 1 < len(lines) and lines[i + 1] == "" else i + 1
            moved = lines[i:end]
            del lines[i:end]
            j = j if j < i else j - (end - i)
            lines[j + 1 : j + 1] = ["", moved[0]]
            return j + 2
    elif kind == "rename_section":
        # The closing sections (See also, References, External links) keep their names.
        headings = [h for h in _heading_indexes(lines) if lines[h] not in _FIXED_HEADINGS]
        if headings:
            h = rng.choice(headings)
            level = "===" if lines[h].startswith("===") else "=="
            name = rng.choice(_SUBSECTION_NAMES if level == "===" else _SECTION_NAMES)
            lines[h] = f"{level} {name} {level}"
            return h
    elif kind == "infobox":
        # Figures change (population, area, elevation); names and links stay.
        fields = [
            k
            for k, text in enumerate(lines[:60])
            if text.startswith("| ") and _FIGURE.fullmatch(text.split(" = ", 1)[-1])
        ]
        if fields:
            f = rng.choice(fields)
            key, value = lines[f].split(" = ", 1)
            number = float(value.replace(",", "")) * rng.uniform(0.9, 1.15)
            lines[f] = f"{key} = " + (f"{number:.1f}" if "." in value else f"{int(number):,}")
            return f
    elif kind == "list_item":
        items = [k for k, text in enumerate(lines) if text.startswith("* ")]
        if items:
            k = rng.choice(items)
            lines.insert(k + 1, f"* {maker.link()} – {maker.word()} {maker.word()}")
            return k + 1
    return i


def edit_article(text: str, rng: random.Random, n_edits: int) -> str:
    """Return ``text`` after ``n_edits`` edits of mixed kinds at scattered places.

    Kinds: typos, word changes, added and removed sentences, added citations, new, removed and
    moved paragraphs, section renames, infobox field changes, list items. Uses only ``rng``, so
    a seeded ``random.Random`` gives the same result every time.
    """
    lines = text.split("\n")
    maker = _TextMaker(rng, "Article")
    for kind in rng.choices(_EDIT_NAMES, weights=_EDIT_WEIGHTS, k=n_edits):
        _apply_edit(lines, rng, maker, kind)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# History


@dataclass(slots=True)
class RevisionMeta:
    """One generated revision's metadata (what ``<revision>`` carries besides the text)."""

    rev_id: int
    parent_id: int | None
    timestamp: datetime
    user: str
    user_id: int | None  # None for IP editors
    minor: bool
    comment: str
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Editor:
    name: str
    user_id: int | None
    bot: bool = False


def _make_editors(rng: random.Random) -> tuple[list[_Editor], list[_Editor], list[_Editor]]:
    """Registered users, IP editors and bots, drawn once per history."""
    syllables = _split("ka ri to na mo el an ser vin dra lo mi tar quin bel os fen gar hul ix")
    users = []
    for _ in range(160):
        style = rng.random()
        if style < 0.4:
            name = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()
            name += str(rng.randint(1, 999)) if rng.random() < 0.5 else ""
        elif style < 0.7:
            name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        else:
            name = (
                f"{rng.choice(_ADJECTIVES).capitalize()}{rng.choice(_CONTENT_WORDS).capitalize()}"
            )
        users.append(_Editor(name, rng.randint(10_000, 48_000_000)))
    ips = []
    for _ in range(120):
        if rng.random() < 0.75:
            ip = ".".join(str(rng.randint(1, 254)) for _ in range(4))
        else:
            ip = "2001:" + ":".join(f"{rng.randint(0, 0xFFFF):X}" for _ in range(7))
        ips.append(_Editor(ip, None))
    bots = [
        _Editor("AnomieBOT", 7611264, True),
        _Editor("InternetArchiveBot", 27823944, True),
        _Editor("ClueBot NG", 13286072, True),
        _Editor("Citation bot", 7903804, True),
        _Editor("Monkbot", 20483999, True),
    ]
    return users, ips, bots


def _user_link(editor: _Editor) -> str:
    """How revert summaries name an editor (a contributions link and a talk link)."""
    name = editor.name
    return f"[[Special:Contributions/{name}|{name}]] ([[User talk:{name}|talk]])"


class _History:
    """The state of one generated page history: its lines, editors, clock and revision ids."""

    def __init__(self, article_kb: float, seed: int) -> None:
        rng = self.rng = random.Random(seed)
        self.title = _article_title(rng)
        self.lines, self.maker = _article_lines(rng, article_kb, self.title)
        self.users, self.ips, self.bots = _make_editors(rng)
        self.regulars = self.users[:12]  # a few editors make most edits, as on real articles
        self.target = int(article_kb * 1024)
        self.size = sum(len(line) + 1 for line in self.lines)
        self.rev_id = 150_000_000 + rng.randint(0, 9_999_999)
        self.parent: int | None = None
        start = datetime(2006, 3, 1, 12, tzinfo=UTC)
        self.when = start + timedelta(seconds=rng.randint(0, 10**6))
        self.editor = rng.choice(self.users)
        # What the next revision must do: restore these lines (a revert of vandalism or an
        # undo of a good-faith edit). Line lists share their strings, so copies are cheap.
        self.restore: list[str] | None = None
        self.restore_kind = ""
        self.reverted_editor: _Editor | None = None
        self.reverted_id = 0
        self.last_good_editor: _Editor = self.editor

    def next_revision(self, first: bool) -> RevisionMeta:
        """Change the lines for one more revision and return its metadata."""
        if first:
            comment = "Created page with \"'''" + self.title + "'''\""
            return self._meta(self.editor, False, comment, [])
        if self.restore is not None:
            return self._revert()
        roll = self.rng.random()
        if roll < 0.045:
            return self._vandalise()
        if roll < 0.075:
            return self._bot_edit()
        return self._ordinary_edit()

    def advance(self, text_size: int) -> None:
        """Move ids and the clock on after a revision of ``text_size`` characters."""
        rng = self.rng
        self.size = text_size
        self.parent = self.rev_id
        self.rev_id += rng.randint(1, 400_000)
        # Edits come in bursts: minutes apart within a session (and reverts come quickly),
        # about a day and a half apart on average otherwise.
        if self.restore is not None or rng.random() < 0.3:
            self.when += timedelta(seconds=rng.randint(20, 900))
        else:
            self.when += timedelta(seconds=int(rng.expovariate(1 / 120_000)) + 60)

    def _meta(self, editor: _Editor, minor: bool, comment: str, tags: list[str]) -> RevisionMeta:
        self.editor = editor
        return RevisionMeta(
            rev_id=self.rev_id,
            parent_id=self.parent,
            timestamp=self.when,
            user=editor.name,
            user_id=editor.user_id,
            minor=minor and editor.user_id is not None,  # IPs can't mark edits minor
            comment=comment,
            tags=tags,
        )

    def _pick_editor(self) -> _Editor:
        rng = self.rng
        if not self.editor.bot and rng.random() < 0.35:
            return self.editor  # the same person again: edits come in runs
        pick = rng.random()
        if pick < 0.55:
            return rng.choice(self.regulars)
        if pick < 0.8:
            return rng.choice(self.users)
        return rng.choice(self.ips)

    def _editor_tags(self) -> list[str]:
        choice = self.rng.choices(
            [tags for tags, _ in _EDITOR_TAGS], weights=[w for _, w in _EDITOR_TAGS]
        )[0]
        return list(choice)

    def _revert(self) -> RevisionMeta:
        rng = self.rng
        assert self.restore is not None and self.reverted_editor is not None
        self.lines, self.restore = self.restore, None
        bad = self.reverted_editor
        if self.restore_kind == "undo":
            comment = f"Undid revision {self.reverted_id} by {_user_link(bad)}" + rng.choice(
                ("", " unsourced", " not an improvement", " per talk page")
            )
            return self._meta(rng.choice(self.regulars), False, comment, ["mw-undo"])
        good = self.last_good_editor.name
        if rng.random() < 0.5:
            comment = (
                f"Reverting possible vandalism by {_user_link(bad)} to version by {good}. "
                "Report [[WP:CBFP|False Positive]]? Thanks, [[WP:CBNG|ClueBot NG]]. "
                f"({rng.randint(10**6, 4 * 10**6)}) (Bot)"
            )
            return self._meta(self.bots[2], False, comment, ["mw-rollback"])
        comment = f"Reverted edits by {_user_link(bad)} to last version by {good}"
        return self._meta(rng.choice(self.regulars), True, comment, ["mw-rollback"])

    def _vandalise(self) -> RevisionMeta:
        rng = self.rng
        self.last_good_editor = self.editor
        vandal = rng.choice(self.ips) if rng.random() < 0.8 else rng.choice(self.users)
        self.restore, self.restore_kind = list(self.lines), "vandalism"
        self.reverted_editor, self.reverted_id = vandal, self.rev_id
        junk = rng.choice(_VANDAL_JUNK)
        tags = ["mw-reverted"]
        style = rng.random()
        if style < 0.25:  # blank the page, or replace it with junk
            self.lines = [""] if rng.random() < 0.3 else [junk]
            tags.append("mw-blank" if self.lines == [""] else "mw-replace")
        elif style < 0.5:  # cut a chunk out
            start = rng.randrange(len(self.lines))
            del self.lines[start : start + rng.randint(5, 40)]
            if rng.random() < 0.5:
                tags.append("references removed")
        else:  # junk into a paragraph
            prose = _prose_indexes(self.lines)
            if prose:
                k = rng.choice(prose)
                line = self.lines[k]
                self.lines[k] = line[: rng.randrange(len(line))] + " " + junk.upper()
            if rng.random() < 0.4:
                tags.append("possible vandalism")
        tags.append(rng.choice(("mobile edit", "mobile web edit", "visualeditor", "wikieditor")))
        comment = rng.choice(("", "", "", "fixed", "update", "lol"))
        return self._meta(vandal, False, comment, tags)

    def _bot_edit(self) -> RevisionMeta:
        rng = self.rng
        bot = rng.choice((self.bots[0], self.bots[1], self.bots[3], self.bots[4]))
        for _ in range(rng.randint(1, 4)):
            _apply_edit(self.lines, rng, self.maker, "word")
        tags: list[str] = []
        if bot is self.bots[0]:
            comment = "Dating maintenance tags: {{Citation needed}}"
        elif bot is self.bots[1]:
            rescued = rng.randint(1, 9)
            comment = f"Rescuing {rescued} sources and tagging 0 as dead.) #IABot (v2.0.9.5)"
            tags = ["IABot"]
        elif bot is self.bots[3]:
            comment = "Alter: title, url. Add: doi. | [[WP:UCB|Use this bot]]."
        else:
            comment = "[[User:Monkbot/task 20|Task 20]]: replace {lang-??} templates"
        return self._meta(bot, True, comment, tags)

    def _ordinary_edit(self) -> RevisionMeta:
        rng = self.rng
        editor = self._pick_editor()
        ratio = self.size / self.target
        if ratio > 1.3:
            kinds = ["remove_paragraph", "remove_sentence", "typo"]
        elif ratio < 0.75 or (ratio < 1 and rng.random() < 0.015):
            kinds = ["add_paragraph"] * rng.randint(3, 12)  # a large expansion
        else:
            kinds = rng.choices(_EDIT_NAMES, weights=_EDIT_WEIGHTS, k=rng.randint(1, 3))
            # Additions outweigh removals in real edits; lean the other way the further the
            # article grows past its target so the history stays near the requested size.
            lean = (ratio - 1) * 4
            kinds = [_SHRINK.get(kind, kind) if rng.random() < lean else kind for kind in kinds]
        undone = editor.user_id is not None and rng.random() < 0.03
        if undone:
            # A good-faith edit that someone undoes in the next revision.
            self.restore, self.restore_kind = list(self.lines), "undo"
            self.reverted_editor, self.reverted_id = editor, self.rev_id
        touched = None
        for kind in kinds:
            touched = _apply_edit(self.lines, rng, self.maker, kind)
        section = _section_of(self.lines, touched) if touched is not None else None
        first = kinds[0]
        minor = False
        if first in ("typo", "word"):
            summary = rng.choice(_SUMMARY_SMALL)
            minor = rng.random() < 0.6
        elif first in ("remove_sentence", "remove_paragraph"):
            summary = rng.choice(_SUMMARY_REMOVE)
        elif first == "move_paragraph":
            summary = "moved paragraph"
        elif first == "rename_section":
            summary = "rename section"
        else:
            summary = rng.choice(_SUMMARY_ADD)
        if rng.random() < 0.2:
            summary = ""
        comment = f"/* {section} */ {summary}".rstrip() if section else summary
        tags = self._editor_tags()
        if undone:
            tags.insert(0, "mw-reverted")
        return self._meta(editor, minor, comment, tags)


def iter_history(
    revisions: int | None, article_kb: float, seed: int
) -> Iterator[tuple[RevisionMeta, str]]:
    """Yield ``(metadata, text)`` for each revision of a generated history, oldest first.

    ``revisions=None`` yields forever (the caller stops, e.g. at a byte budget). The article
    starts near ``article_kb`` KB and stays between about 0.75x and 1.3x of it.
    """
    history = _History(article_kb, seed)
    count = 0
    while revisions is None or count < revisions:
        meta = history.next_revision(first=count == 0)
        text = "\n".join(history.lines)
        yield meta, text
        history.advance(len(text))
        count += 1


def history_title(seed: int) -> str:
    """The page title :func:`iter_history` and :func:`write_export` use for ``seed``."""
    return _article_title(random.Random(seed))


def history_page_id(seed: int) -> int:
    """The page id :func:`write_export` gives the history of ``seed``."""
    return 1_000_000 + random.Random(seed).randint(0, 60_000_000)


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def iter_revision_xml(revisions: int | None, article_kb: float, seed: int) -> Iterator[bytes]:
    """The ``<revision>`` elements of :func:`iter_history`, as the export holds them."""
    for meta, text in iter_history(revisions, article_kb, seed):
        yield revision_xml(meta, text)


# --------------------------------------------------------------------------------------------
# Export writing

_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36_sha1(data: bytes) -> str:
    """SHA-1 in MediaWiki's form: base 36, lower case, zero-padded to 31 digits."""
    number = int.from_bytes(hashlib.sha1(data).digest(), "big")
    digits = []
    while number:
        number, rest = divmod(number, 36)
        digits.append(_BASE36[rest])
    return "".join(reversed(digits)).rjust(31, "0")


def xml_escape(text: str) -> str:
    """Escape text for element content or a double-quoted attribute, as MediaWiki does."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def tags_comment(tags: list[str]) -> str:
    """The ``<!-- wikitui:tags [...] -->`` comment (``--`` can't appear inside an XML comment)."""
    return (
        "<!-- wikitui:tags "
        + json.dumps(tags, ensure_ascii=False, separators=(",", ":")).replace("--", "-\\u002d")
        + " -->"
    )


def export_header(
    sitename: str = "Wikipedia",
    dbname: str = "enwiki",
    lang: str = "en",
    generator: str = "wikitui bench/generate_history.py (synthetic history)",
) -> str:
    """The ``<mediawiki>`` start tag and ``<siteinfo>`` of a schema 0.11 export.

    ``generator`` says what wrote the file (MediaWiki puts its version there).
    """
    out = [
        f'<mediawiki xmlns="{_EXPORT_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{_EXPORT_NS} http://www.mediawiki.org/xml/export-0.11.xsd" '
        f'version="0.11" xml:lang="{lang}">',
        "  <siteinfo>",
        f"    <sitename>{xml_escape(sitename)}</sitename>",
        f"    <dbname>{dbname}</dbname>",
        f"    <base>{_SITE_BASE}</base>",
        f"    <generator>{xml_escape(generator)}</generator>",
        "    <case>first-letter</case>",
        "    <namespaces>",
    ]
    for key, name in _NAMESPACES:
        if name:
            out.append(f'      <namespace key="{key}" case="first-letter">{name}</namespace>')
        else:
            out.append(f'      <namespace key="{key}" case="first-letter" />')
    out += ["    </namespaces>", "  </siteinfo>", ""]
    return "\n".join(out)


def page_start(title: str, page_id: int, ns: int = 0) -> str:
    """``<page>`` up to its first revision."""
    return (
        f"  <page>\n    <title>{xml_escape(title)}</title>\n    <ns>{ns}</ns>\n"
        f"    <id>{page_id}</id>\n"
    )


def revision_xml(meta: RevisionMeta, text: str) -> bytes:
    """One ``<revision>`` element (UTF-8), with ``bytes`` and ``sha1`` computed from ``text``."""
    raw = text.encode("utf-8")
    sha1 = base36_sha1(raw)
    if meta.user_id is None:
        contributor = f"        <ip>{xml_escape(meta.user)}</ip>\n"
    else:
        contributor = (
            f"        <username>{xml_escape(meta.user)}</username>\n"
            f"        <id>{meta.user_id}</id>\n"
        )
    parts = [
        "    <revision>\n",
        f"      <id>{meta.rev_id}</id>\n",
        f"      <parentid>{meta.parent_id}</parentid>\n" if meta.parent_id is not None else "",
        f"      <timestamp>{meta.timestamp.strftime('%Y-%m-%dT%H:%M:%SZ')}</timestamp>\n",
        f"      <contributor>\n{contributor}      </contributor>\n",
        "      <minor />\n" if meta.minor else "",
        f"      <comment>{xml_escape(meta.comment)}</comment>\n" if meta.comment else "",
        f"      {tags_comment(meta.tags)}\n" if meta.tags else "",
        f"      <origin>{meta.rev_id}</origin>\n",
        "      <model>wikitext</model>\n",
        "      <format>text/x-wiki</format>\n",
        f'      <text bytes="{len(raw)}" sha1="{sha1}" xml:space="preserve">',
    ]
    head = "".join(parts).encode("utf-8")
    body = xml_escape(text).encode("utf-8") if text else b""
    tail = f"</text>\n      <sha1>{sha1}</sha1>\n    </revision>\n".encode()
    return head + body + tail


def _open_output(path: Path, compress: str | None, level: int | None) -> BinaryIO:
    if compress is None:
        return open(path, "wb", buffering=1 << 20)  # closed by the caller
    if compress == "bz2":
        return bz2.open(path, "wb", compresslevel=level or 9)  # type: ignore[return-value]
    if compress == "gz":
        return gzip.open(path, "wb", compresslevel=6 if level is None else level)  # type: ignore[return-value]
    if compress == "xz":
        return lzma.open(path, "wb", preset=6 if level is None else level)  # type: ignore[return-value]
    if compress == "lzma":
        return lzma.open(  # type: ignore[return-value]
            path, "wb", format=lzma.FORMAT_ALONE, preset=6 if level is None else level
        )
    raise ValueError(f"unknown compression {compress!r} (use bz2, gz, xz or lzma)")


@dataclass(slots=True)
class ExportStats:
    """What :func:`write_export` wrote."""

    path: Path
    revisions: int
    xml_bytes: int  # uncompressed size of the export
    file_bytes: int  # size on disk
    seconds: float
    title: str


def write_export(
    path: str | Path,
    *,
    revisions: int | None = None,
    article_kb: float = 240,
    seed: int = 1,
    compress: str | None = None,
    size_mb: float | None = None,
    level: int | None = None,
    progress: bool = False,
) -> ExportStats:
    """Write a generated page history as a MediaWiki XML export (schema 0.11), streaming.

    Give ``revisions``, or ``size_mb`` to stop once the uncompressed export reaches that many
    MB (10**6 bytes), or both (whichever comes first). ``compress`` is None, "bz2", "gz", "xz"
    or "lzma" (LZMA alone, like the corpus's ``.lzma``). Memory stays flat: one revision's text
    at a time. The output is byte-identical for the same arguments.
    """
    if revisions is None and size_mb is None:
        raise ValueError("give revisions or size_mb")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    budget = None if size_mb is None else int(size_mb * 1_000_000)
    started = time.perf_counter()
    title = history_title(seed)
    page_id = history_page_id(seed)
    written = 0
    count = 0
    footer = b"  </page>\n</mediawiki>\n"
    with _open_output(path, compress, level) as out:
        head = (XML_DECLARATION + export_header() + page_start(title, page_id)).encode("utf-8")
        out.write(head)
        written += len(head)
        for chunk in iter_revision_xml(revisions, article_kb, seed):
            out.write(chunk)
            written += len(chunk)
            count += 1
            if progress and count % 100 == 0:
                rate = written / 1e6 / (time.perf_counter() - started)
                print(
                    f"\r{count} revisions, {written / 1e6:,.0f} MB, {rate:,.0f} MB/s",
                    end="",
                    file=sys.stderr,
                    flush=True,
                )
            if budget is not None and written + len(footer) >= budget:
                break
        out.write(footer)
        written += len(footer)
    if progress:
        print(file=sys.stderr)
    return ExportStats(
        path=path,
        revisions=count,
        xml_bytes=written,
        file_bytes=path.stat().st_size,
        seconds=time.perf_counter() - started,
        title=title,
    )


# --------------------------------------------------------------------------------------------
# Command line


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="generate_history.py",
        description="Write a large, realistic, deterministic MediaWiki page history "
        "(XML export, schema 0.11) for benchmarks.",
        epilog="Examples:\n"
        "  python bench/generate_history.py bench/out/history.xml --size-mb 1200\n"
        "  python bench/generate_history.py bench/out/small.xml.bz2 --revisions 200\n"
        "Compression follows the file name (.bz2, .gz, .xz, .lzma) unless --compress is given.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("output", type=Path, help="file to write (e.g. bench/out/history.xml)")
    parser.add_argument(
        "--revisions", type=int, help="number of revisions (default 5000 unless --size-mb is given)"
    )
    parser.add_argument(
        "--size-mb", type=float, help="stop when the uncompressed export reaches this many MB"
    )
    parser.add_argument(
        "--article-kb",
        type=float,
        default=240,
        help="article size in KB (the history drifts between 0.75x and 1.3x of it; default 240)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--compress",
        choices=("none", "bz2", "gz", "xz", "lzma"),
        help="compression (default: from the file name)",
    )
    parser.add_argument("--level", type=int, help="compression level / preset")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser.parse_args(argv)


def _compression_for(path: Path, choice: str | None) -> str | None:
    if choice is not None:
        return None if choice == "none" else choice
    suffix = path.suffix.lower()
    return {".bz2": "bz2", ".gz": "gz", ".xz": "xz", ".lzma": "lzma"}.get(suffix)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = _parse_args(argv)
    revisions = args.revisions
    if revisions is None and args.size_mb is None:
        revisions = 5000
    stats = write_export(
        args.output,
        revisions=revisions,
        article_kb=args.article_kb,
        seed=args.seed,
        compress=_compression_for(args.output, args.compress),
        size_mb=args.size_mb,
        level=args.level,
        progress=not args.quiet,
    )
    print(
        f"{stats.path}: {stats.revisions:,} revisions of {stats.title!r}, "
        f"{stats.xml_bytes / 1e6:,.1f} MB of XML ({stats.file_bytes / 1e6:,.1f} MB on disk) "
        f"in {stats.seconds:.1f} s ({stats.xml_bytes / 1e6 / stats.seconds:,.0f} MB/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
