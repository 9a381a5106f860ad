#!/usr/bin/env python3
"""Rebuild the seed article's two revisions as wikitext and write the sample export.

A development tool, run by hand (never by the tests): it reads the seed capture in
``/work/shared/seed/`` and writes

* ``sample_data/azerbaijan-south-korea-relations.xml`` (the two revisions, schema 0.11),
* ``tests/data/seed/old.wiki`` and ``tests/data/seed/new.wiki`` (the texts, for tests),
* ``tests/data/seed/rendered.txt`` (part 3 of the capture: the latest revision as rendered),
* ``tests/data/seed/references.txt`` (its 55 references, one per line).

How the capture is read (see ``sample_data/README.md`` for the user-facing account):

* Part 2 is Wikipedia's two-column diff flattened to text. A row with text on both sides
  became one line "OLD NEW"; a row with one side became that side alone; a blank line shown on
  both sides (wikidiff2 writes ``<br />`` in each cell) became two empty lines, a blank line on
  one side a single empty line. The diff has one hunk starting at line 1, so together the rows
  hold every line of both revisions. Which side a one-sided row belongs to, and where a
  two-sided row splits, is decided by hand in ``ROWS`` below by checking each row against
  part 3 (the latest revision rendered): rows whose text part 3 shows are the new side.
* The capture replaced every ``[[...]]`` (innermost brackets first) by a bare ``]``, and dropped
  text in single brackets (``[PHOTO]``). Links are put back by matching each line, with its
  references and templates stripped, against the rendered article: the text a ``]`` stands
  for is the rendered text between its neighbours. Old-only lines are matched against the new
  revision's wikitext where they share a sentence. What neither can tell (file names of
  images, the See also entries, the categories, a few link targets) is filled in by hand in
  ``LINK_OVERRIDES`` and ``FILE_LINKS`` and listed in the README as guesses.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/seed/000_7f43d8f7f335c2eb.txt")
sys.path.insert(0, str(ROOT / "bench"))

# --------------------------------------------------------------------------------------------
# The rows of part 2 (1-based line numbers of the capture) and the side each belongs to.
# "old" / "new": a one-sided row; "both": a context row ("X X"); ("pair", s): a changed row
# whose new half starts at the string s (the first match after the row's start).
# Blank lines not listed here come in twos and are one context blank line.

FIRST_ROW, LAST_ROW = 10, 149

ROWS: dict[int, str | tuple[str, str]] = {
    10: "new",  # {{Short description|none}}
    11: "new",  # {{Draft topics|...}}
    12: "new",  # the infobox, now on its own line
    13: "new",  # {{AfC topic|other}}
    14: "new",  # the new lead ("are bilateral relations ..."), part 3 shows it
    15: "old",  # AfC submission + infobox + AfC submission on one line (ts=...19:29, Nuritae331)
    16: "old",  # blank after it
    17: "old",  # the old lead with {{Langx}}
    20: "both",
    21: "new",  # History paragraph with references (part 3)
    22: "old",  # "The history of Azerbaijani-Korean relations is relatively recent"
    23: "old",
    24: "old",  # === Soviet era and Korean war period ===
    25: "old",
    28: "both",
    29: ("pair", "Following the declaration of independence"),
    32: ("pair", "Despite the geographic distance"),
    35: "both",
    36: "new",  # "... including the participation of both countries at ..." (part 3)
    37: "old",  # image: credentials of Choi Suk-inn (part 3 has no such caption)
    38: "old",
    41: "new",
    42: "old",
    45: "both",
    46: ("pair", "The Republic of Azerbaijan and the Republic of Korea enjoy"),
    49: "new",  # === Economic and diplomatic relations ===
    50: "old",  # New Northern Policy, without the "82 Korean companies" sentence
    51: "new",
    52: "new",  # image: delegation led by Park Byeong-seug
    53: "new",
    56: "new",
    57: "old",  # Samsung, with the "feather in the cap" sentences
    60: ("pair", "=== Infrastructure and development projects ==="),
    61: "new",
    62: "old",  # Hyundai and Kia, "reliability, affordability ..."
    63: "new",  # image: Crescent Development
    64: "new",
    67: "new",
    68: "old",  # "For instance, Kia has enjoyed ..."
    71: "new",  # === Korean car market expansion ===
    72: "old",  # == Ecological cooperation ==
    73: "new",
    76: "new",  # == Educational cooperation ==
    77: "old",  # === Caspian Agro 2024 === (under Ecological cooperation in the old text)
    78: "new",  # image: Hankuk University of Foreign Studies
    79: "old",
    80: "new",
    83: "new",
    84: "old",
    87: "new",
    88: "old",
    91: "new",  # == Environmental cooperation ==
    92: "old",
    95: "new",  # === Caspian Agro 2024 ===
    96: "old",
    97: "new",
    98: "new",
    99: "new",
    102: "both",
    103: ("pair", "The 29th United"),  # both halves start with a link; see below
    104: "both",  # image: COP29 summit
    105: ("pair", "On November 10, 2024"),
    108: ("pair", "The following day, on November 11"),
    111: ("pair", "Among the guests Ambassador Lee"),
    114: ("pair", "Later, on November 20, 2024"),
    117: ("pair", "The ] delegation, headed by"),
    120: "both",
    121: ("pair", "]s between South Korea and Azerbaijan have flourished"),
    124: "new",  # === Arts and performances ===
    125: "old",
    126: "new",
    129: "new",
    130: "old",
    133: "new",  # == See also ==
    134: "old",
    135: "new",
    136: "new",
    139: "both",
    140: "old",
    141: "old",  # the AfC skeleton's comment
    142: "both",
    143: "new",
    144: "new",
    145: "new",
    146: "new",
    147: "new",  # categories
    148: "new",
    149: "new",
}

# Where a pair's new half starts when its first words are a lost link (searched as the
# literal capture text, from the second character on).
PAIR_LITERAL = {103: "], COP29, held in Azerbaijan", 117: "The ] delegation, headed by"}

# --------------------------------------------------------------------------------------------
# Hand-made pieces: what the capture lost and part 3 can't tell.
# (row, side, n) -> wikitext for the n-th "]" (0-based) of that row's side.

LINK_OVERRIDES: dict[tuple[int, str, int], str] = {
    # Inside the infobox (part 3: "Embassy of Azerbaijan, Seoul", "... Baku", "Ramin Hasanov").
    (12, "new", 0): "[[Seoul]]",
    (12, "new", 1): "[[Baku]]",
    (12, "new", 2): "[[Ramin Hasanov]]",
    (15, "old", 0): "[[Seoul]]",
    (15, "old", 1): "[[Baku]]",
    # "The 29th United Nations ... Change, COP29": the whole phrase is the link.
    # "in the 20th and 21st centuries": the display words alone are not article titles.
    (14, "new", 6): "[[20th century|20th]]",
    (14, "new", 7): "[[21st century|21st]]",
    (14, "new", 8): "[[century|centuries]]",
    # Two links side by side: "such as Minister of Agriculture Majnun Mammadov, Chairman of
    # the Food Safety Agency Goshgar Tahmazli".
    (96, "old", 0): "[[Ministry of Agriculture (Azerbaijan)|Minister of Agriculture]]",
    (96, "old", 1): "[[Majnun Mammadov]]",
    (96, "old", 2): "[[Food Safety Agency (Azerbaijan)|Food Safety Agency]]",
    (96, "old", 3): "[[Goshgar Tahmazli]]",
    (97, "new", 2): "[[Ministry of Agriculture (Azerbaijan)|Minister of Agriculture]]",
    (97, "new", 3): "[[Majnun Mammadov]]",
    (97, "new", 4): "[[Food Safety Agency (Azerbaijan)|Food Safety Agency]]",
    (97, "new", 5): "[[Goshgar Tahmazli]]",
    # Old-only wording that no later text repeats: plausible links, guessed.
    (17, "old", 1): "[[South Korea|Republic of Korea]]",  # as the new lead has it
    (42, "old", 1): "[[Korean Peninsula|Korean peninsula]]",  # as the new line has it
    (22, "old", 0): "[[Soviet Union]]",
    (22, "old", 1): "[[History of South Korea|post-war periods]]",
    (57, "old", 0): "[[fertilizer plant]]",
    (57, "old", 1): "[[Sumgayit]]",
    (57, "old", 3): "[[urea]]",
    (57, "old", 4): "[[Caspian Sea|the Caspian region]]",
    (62, "old", 1): "[[Kia]]",
    (68, "old", 0): "[[Kia Rio|Rio]]",
    (68, "old", 1): "[[Hyundai Accent|Accent]]",
    (68, "old", 2): "[[Hyundai Elantra|Elantra]]",
    (108, "old", 0): "[[climate change|climate]]",
    (121, "old", 0): "[[Cultural exchange|Cultural exchanges]]",
    (121, "old", 1): "[[cultural heritage|heritages]]",
    (125, "old", 0): "[[cultural diplomacy]]",
    (125, "old", 1): "[[Buchaechum|Fan Dance]]",
    (125, "old", 2): "[[Ganggangsullae]]",
    (130, "old", 0): "[[Lezginka]]",
    (130, "old", 2): "[[Kamancheh|kamancha]]",
    (134, "old", 0): "[[Festival|festivals]]",
    (134, "old", 1): "[[Performing arts|performances]]",
    (134, "old", 2): "[[Cuisine|cuisine]]",
    (134, "old", 3): "[[music]]",
    (134, "old", 4): "[[folklore]]",
    (134, "old", 5): "[[K-pop|Korean pop music]]",
    (134, "old", 6): "[[BTS]]",
    (134, "old", 7): "[[Blackpink]]",
    (134, "old", 8): "[[Stray Kids]]",
    # See also (part 3 lost the list) and the categories (the capture has no category line).
    (135, "new", 0): "[[Foreign relations of Azerbaijan]]",
    (136, "new", 0): "[[Foreign relations of South Korea]]",
    (147, "new", 0): "[[Category:Azerbaijan–South Korea relations| ]]",
    (148, "new", 0): "[[Category:Bilateral relations of Azerbaijan]]",
    (149, "new", 0): "[[Category:Bilateral relations of South Korea]]",
}

# Display texts whose article is plainly another title (the capture keeps only the display).
TARGETS = {
    "Republic of Azerbaijan": "Azerbaijan",
    "Republic of Korea": "South Korea",
    "Japanese colonial rule": "Korea under Japanese rule",
    "post-Soviet era": "Post-Soviet states",
    "foreign relations": "Foreign relations of Azerbaijan",
    "foreign relation": "Foreign relations of Azerbaijan",
    "South Cauacsus region": "South Caucasus",
    "Korean peninsula": "Korean Peninsula",
    "Government of the Republic of Azerbaijan": "Cabinet of Azerbaijan",
    "Government of the Republic of Korea": "Government of South Korea",
    "Digital Development and Transport of Azerbaijan": "Ministry of Digital Development and "
    "Transport (Azerbaijan)",
    "Minister of Trade, Industry and Energy of South Korea": "Ministry of Trade, Industry and "
    "Energy",
    "Korean International Cooperation Agency": "Korea International Cooperation Agency",
    "The 29th United Nations Conference of the Parties on Climate Change": "2024 United Nations "
    "Climate Change Conference",
    "Minister of Environment of South Korea": "Ministry of Environment (South Korea)",
    "South Korean National Assembly": "National Assembly (South Korea)",
    "Fan Dance": "Buchaechum",
    "tar": "Tar (lute)",
    "kamancha": "Kamancheh",
    "Korean universities": "List of universities and colleges in South Korea",
}

# Images: the capture kept only the caption text after the first inner link, so each image
# line is (what the capture shows at the end of the line, the wikitext put in its place). File
# names are made up (the seed never shows them); captions and inner links come from part 3.
FILE_LINKS: dict[tuple[int, str], tuple[str, str]] = {
    (32, "new"): (
        "], ], receiving a delegation led by the former ], ].]]",
        "[[File:Ilham Aliyev received delegation led by former Prime Minister of South Korea"
        " Chung Hong-won.jpg|thumb|[[President of Azerbaijan]], [[Ilham Aliyev]], receiving a"
        " delegation led by the former [[Prime Minister of South Korea]], [[Chung Hong-won]].]]",
    ),
    (37, "old"): (
        "] accepting the credentials of former ambassador South Korea to Azerbaijan, Choi"
        " Suk-inn.]]",
        "[[File:Ilham Aliyev accepted credentials of Ambassador of South Korea Choi"
        " Suk-inn.jpg|thumb|[[Ilham Aliyev]] accepting the credentials of former ambassador South"
        " Korea to Azerbaijan, Choi Suk-inn.]]",
    ),
    (52, "new"): (
        "], ], in Azerbaijan.]]",
        "[[File:Park Byeong-seug delegation in Azerbaijan 2021.jpg|thumb|Delegation led by the"
        " [[Speaker of the National Assembly of the Republic of Korea]], [[Park Byeong-seug]], in"
        " Azerbaijan.]]",
    ),
    (63, "new"): (
        "], in which the Korean architectural services company ''\"Heerim Architects &"
        " Planners\"'' helped with the design of the complex.]]",
        "[[File:Crescent Development project, Baku.jpg|thumb|[[Crescent Development project]], in"
        " which the Korean architectural services company ''\"Heerim Architects & Planners\"''"
        " helped with the design of the complex.]]",
    ),
    (78, "new"): (
        "]",
        "[[File:Hankuk University of Foreign Studies.jpg|thumb|Hankuk University of Foreign"
        " Studies, where Azerbaijani language is taught.]]",
    ),
    (104, "old"): (
        "]",
        "[[File:World Leaders Climate Action Summit COP29.jpg|thumb|World leaders climate action"
        " summit at COP29.]]",
    ),
    (104, "new"): (
        "]",
        "[[File:World Leaders Climate Action Summit COP29.jpg|thumb|World leaders climate action"
        " summit at COP29.]]",
    ),
}

# Reference titles whose bracketed words the capture dropped (restored from part 3's list).
TITLE_FIXES = {
    "|title= Brother nations Korea and Azerbaijan": "|title=[Friends for decades] Brother "
    "nations Korea and Azerbaijan",
    "|title=Colorful Korean Culture Festival bright up city |": "|title=Colorful Korean Culture"
    " Festival bright up city [PHOTO] |",
}


# The export's metadata. From the seed's header: times (to the minute), users, minor flags,
# summaries, the "Visual edit" tag. Not in the seed, so made up (and said so in the README):
# the seconds (:00), page and revision ids, the parents' ids (absent from the file, because
# 77 revisions came between), Nuritae331's user id. AnomieBOT's user id is its real one.
@dataclass(frozen=True)
class RevisionInfo:
    """One revision's metadata for the export."""

    rev_id: int
    parent_id: int
    timestamp: str
    user: str
    user_id: int
    minor: bool
    comment: str
    tags: list[str]


TITLE = "Azerbaijan–South Korea relations"
PAGE_ID = 78_634_211
OLD_REV = RevisionInfo(
    rev_id=1_262_461_803,
    parent_id=1_262_460_977,
    timestamp="2024-12-11T19:33:00Z",
    user="Nuritae331",
    user_id=48_712_306,
    minor=True,
    comment="",
    tags=["visualeditor"],
)
NEW_REV = RevisionInfo(
    rev_id=1_265_043_117,
    parent_id=1_265_040_552,
    timestamp="2024-12-24T19:14:00Z",
    user="AnomieBOT",
    user_id=7_611_264,
    minor=True,
    comment="Dating maintenance tags: {{Cn}}",
    tags=[],
)
SAMPLE = ROOT / "sample_data" / "azerbaijan-south-korea-relations.xml"

# --------------------------------------------------------------------------------------------


@dataclass
class Line:
    """One line of one side, with the capture row it came from."""

    row: int
    side: str
    text: str


UNRESOLVED: list[str] = []


def read_capture() -> list[str]:
    """The seed capture's lines."""
    return SEED.read_text(encoding="utf-8").split("\n")


def split_rows(lines: list[str]) -> tuple[list[Line], list[Line]]:
    """Both revisions' lines (still with bare ``]``), following ``ROWS``."""
    old: list[Line] = []
    new: list[Line] = []
    row = FIRST_ROW
    while row <= LAST_ROW:
        text = lines[row - 1]
        rule = ROWS.get(row)
        if rule is None:
            if text:
                raise SystemExit(f"row {row} has text but no rule: {text[:60]!r}")
            if row + 1 > LAST_ROW or lines[row] or row + 1 in ROWS:
                raise SystemExit(f"row {row}: a lone blank line needs a rule")
            old.append(Line(row, "old", ""))
            new.append(Line(row, "new", ""))
            row += 2
            continue
        if rule == "old":
            old.append(Line(row, "old", text))
        elif rule == "new":
            new.append(Line(row, "new", text))
        elif rule == "both":
            half = (len(text) - 1) // 2
            if text[:half] != text[half + 1 :] or text[half] != " ":
                raise SystemExit(f"row {row} is not a context row")
            old.append(Line(row, "old", text[:half]))
            new.append(Line(row, "new", text[:half]))
        else:
            start = PAIR_LITERAL.get(row, rule[1])
            cut = text.find(" " + start, 1)
            if cut < 0:
                raise SystemExit(f"row {row}: new half {start!r} not found")
            old.append(Line(row, "old", text[:cut]))
            new.append(Line(row, "new", text[cut + 1 :]))
        row += 1
    return old, new


_REF = re.compile(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.S)
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")


def plain(text: str) -> str:
    """A wikitext line as part 3 shows it, links still bare ``]``: no refs, templates, quotes."""
    text = _REF.sub("", text)
    for _ in range(3):
        text = _TEMPLATE.sub("", text)
    return text.replace("'''", "").replace("''", "").replace("<nowiki/>", "")


def link_texts(pattern_text: str, haystack: str) -> list[str] | None:
    """The texts the bare ``]`` of ``pattern_text`` stand for in ``haystack``, if it matches."""
    parts = pattern_text.split("]")
    if len(parts) == 1:
        return []
    regex = "(.+?)".join(re.escape(part) for part in parts)
    match = re.search(regex, haystack)
    if match is None:
        return None
    return list(match.groups())


def as_link(text: str) -> str:
    """Wikitext for a link whose display text is ``text`` (target from ``TARGETS`` if known)."""
    if text.startswith("[["):
        return text
    target = TARGETS.get(text)
    return f"[[{target}|{text}]]" if target else f"[[{text}]]"


def restore_links(line: Line, texts: list[tuple[str, str]], report: list[str]) -> str:
    """``line`` with each bare ``]`` replaced by a link (see the module docstring).

    ``texts`` are where to look for the links' display texts, in order of trust.
    """
    text = line.text
    image = FILE_LINKS.get((line.row, line.side))
    if image is not None:
        captured, wikitext = image
        if not text.endswith(captured):
            raise SystemExit(f"row {line.row}: image capture {captured!r} not found")
        head = text[: len(text) - len(captured)]
        report.append(f"{line.row} {line.side}: image {wikitext[:70]}...  (by hand)")
        return _restore(Line(line.row, line.side, head), texts, report) + wikitext
    return _restore(line, texts, report)


def _restore(line: Line, texts: list[tuple[str, str]], report: list[str]) -> str:
    text = line.text
    count = text.count("]")
    if count == 0:
        return text
    stripped = plain(text)
    found: list[str] | None = None
    source = ""
    if stripped.count("]") == count:  # otherwise links sit inside templates: overrides only
        for name, haystack in texts:
            candidate = link_texts(stripped, haystack)
            if candidate is not None and all("\n" not in t and len(t) < 100 for t in candidate):
                found, source = candidate, name
                break
    links: list[str] = []
    segments = stripped.split("]")
    for index in range(count):
        override = LINK_OVERRIDES.get((line.row, line.side, index))
        if override is not None:
            links.append(override)
            report.append(f"{line.row} {line.side} #{index}: {override}  (by hand)")
            continue
        if found is not None:
            links.append(as_link(found[index]))
            report.append(f"{line.row} {line.side} #{index}: {links[-1]}  ({source})")
            continue
        # The line as a whole matches nowhere (its wording changed): use the words around
        # this one link.
        local = _near(segments[index], segments[index + 1], texts)
        if local is None:
            UNRESOLVED.append(
                f"({line.row}, {line.side!r}, {index}): "
                f"...{segments[index][-50:]!r} ] {segments[index + 1][:40]!r}..."
            )
            links.append("[[?]]")
            continue
        links.append(as_link(local[0]))
        report.append(f"{line.row} {line.side} #{index}: {links[-1]}  ({local[1]}, near words)")
    pieces = text.split("]")
    out = pieces[0]
    for link, piece in zip(links, pieces[1:], strict=True):
        out += link + piece
    return out


def _near(before: str, after: str, texts: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The text between ``before``'s last words and ``after``'s first words in ``texts``."""
    for width in (40, 25, 15):
        left = before[-width:]
        right = after[:width]
        # A short context matches too much: want some words on the left, at least a
        # punctuation mark on the right.
        if len(left.strip()) < 8 or not right.strip():
            continue
        # The link is a whole [[...]] of the other text or a short run of plain words.
        regex = re.escape(left) + r"(\[\[[^\[\]]*\]\]|[^\[\]\n]{1,90}?)" + re.escape(right)
        for name, haystack in texts:
            match = re.search(regex, haystack)
            if match:
                return match.group(1), name
    return None


def fix_titles(text: str) -> str:
    """Put back the bracketed words the capture dropped from reference titles."""
    for wrong, right in TITLE_FIXES.items():
        text = text.replace(wrong, right)
    return text


def rendered_part(lines: list[str]) -> list[str]:
    """Part 3: from "Latest revision as of" to the end, as captured."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Latest revision as of"))
    out = lines[start + 1 :]
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return out


_REFERENCE_ITEM = re.compile(r"^\s+(\d+)\.\s(.*)$")


def references(rendered: list[str]) -> list[str]:
    """Part 3's numbered references as shown ("N. text"; "N. ^ text" for one cited twice)."""
    out: list[str] = []
    for line in rendered:
        match = _REFERENCE_ITEM.match(line)
        if match:
            if int(match.group(1)) != len(out) + 1:
                raise SystemExit(f"reference numbering breaks at {line!r}")
            out.append(line.strip())
    return out


def build(lines: list[str], report: list[str]) -> tuple[str, str]:
    """The old and the new revision's wikitext."""
    old_lines, new_lines = split_rows(lines)
    rendered = "\n".join(rendered_part(lines))
    new_text = "\n".join(
        restore_links(line, [("rendered", rendered)], report) for line in new_lines
    )
    new_text = fix_titles(new_text)
    reference = plain(new_text)
    old_text = "\n".join(
        restore_links(line, [("new text", reference), ("rendered", rendered)], report)
        for line in old_lines
    )
    return fix_titles(old_text), new_text


def write_export(path: Path, old_text: str, new_text: str) -> None:
    """The two revisions as a MediaWiki export, schema 0.11 (writer shared with the bench)."""
    from datetime import UTC, datetime

    from generate_history import RevisionMeta, export_header, page_start, revision_xml

    chunks = [
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            + export_header(generator="wikitui tools/reconstruct_seed.py (a reconstruction)")
            + page_start(TITLE, PAGE_ID)
        ).encode("utf-8")
    ]
    for info, text in ((OLD_REV, old_text), (NEW_REV, new_text)):
        stamp = datetime.strptime(info.timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        revision = RevisionMeta(
            rev_id=info.rev_id,
            parent_id=info.parent_id,
            timestamp=stamp,
            user=info.user,
            user_id=info.user_id,
            minor=info.minor,
            comment=info.comment,
            tags=info.tags,
        )
        chunks.append(revision_xml(revision, text))
    chunks.append(b"  </page>\n</mediawiki>\n")
    path.write_bytes(b"".join(chunks))


def capture_like(text: str) -> str:
    """``text`` as the seed's capture would show it: links and bracketed words lost."""
    text = re.sub(r"(?<!\[)\[[^\[\]]*\](?!\])", "", text)  # [PHOTO], [Friends for decades]
    return re.sub(r"\[\[.*?\]\]", "]", text)  # leftmost "[[" to the first "]]"


def check_with_wikidiff2(lines: list[str], old_text: str, new_text: str) -> None:
    """Diff the rebuilt texts with wikidiff2 and compare its rows with the capture's.

    Needs PHP with wikidiff2 (``/work/shared/tools/wd2_diff.sh`` installs it).
    """
    import difflib
    import html
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, text in (("old", old_text), ("new", new_text)):
            path = Path(tmp) / f"{name}.txt"
            path.write_text(capture_like(text), encoding="utf-8")
            paths.append(str(path))
        table = subprocess.run(
            ["bash", "/work/shared/tools/wd2_diff.sh", *paths, "table", "2"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    # Flatten the table as the capture did: a row's cells joined by a space; a cell holding
    # only <br /> (an empty line) is one empty line of its own.
    rows: list[str] = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = []
        blank_cells = 0
        for cls, cell in re.findall(r'<td[^>]*class="([^"]*)"[^>]*>(.*?)</td>', row, re.S):
            if "diff-marker" in cls:
                continue
            if cell.strip() == "<br />":
                blank_cells += 1
                continue
            cell = re.sub(r"<!--LINE (\d+)-->", r"Line \1:", cell)
            cell = re.sub(r"<a class=\"mw-diff-movedpara[^>]*>.*?</a>", "", cell)
            cell = html.unescape(re.sub(r"<[^>]+>", "", cell))
            if cell.strip():
                cells.append(cell)
        rows.extend([" ".join(cells)] if cells else [""] * blank_cells)
    seed_rows = lines[FIRST_ROW - 2 : LAST_ROW]
    matcher = difflib.SequenceMatcher(None, seed_rows, rows, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    print(
        f"wikidiff2 on the rebuilt texts: {len(rows)} lines, capture: {len(seed_rows)};"
        f" {same} identical and in the same order"
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            print(
                f"  {op}: capture {[r[:50] for r in seed_rows[a1:a2]]}"
                f" / wikidiff2 {[r[:50] for r in rows[b1:b2]]}"
            )


def check_with_mediawiki(lines: list[str], new_text: str) -> None:
    """Render the rebuilt latest revision with MediaWiki's parser and compare with part 3.

    Uses ``/work/shared/tools/mw_render.sh --text`` (a scratch MediaWiki without templates, so
    templates show as red links and the lead line differs by them).
    """
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "new.wiki"
        path.write_text(new_text, encoding="utf-8")
        text = subprocess.run(
            ["bash", "/work/shared/tools/mw_render.sh", "--text", str(path), TITLE],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    rendered_lines = [re.sub(r"\[\d+\]", "", line).strip() for line in text.split("\n")]
    part3 = rendered_part(lines)
    start = next(i for i, line in enumerate(part3) if line.startswith("Azerbaijan–South Korea"))
    blocks = [line for line in part3[start : part3.index("References")] if len(line) > 2]
    found = [block for block in blocks if any(block in line for line in rendered_lines)]
    references = [line for line in rendered_lines if re.match(r"^\d+\. ↑", line)]
    print(
        f"MediaWiki render of the rebuilt latest revision: {len(found)} of {len(blocks)} "
        f"headings/paragraphs/captions of part 3 verbatim; {len(references)} references"
    )
    for block in blocks:
        if block not in found:
            print(f"  not verbatim: {block[:70]}")


def main(argv: list[str] | None = None) -> int:
    """Rebuild the texts and write the sample export and the test data."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--report", action="store_true", help="print how each link was restored")
    parser.add_argument(
        "--check",
        action="store_true",
        help="re-diff the texts with wikidiff2 and render the new one with MediaWiki (needs PHP)",
    )
    args = parser.parse_args(argv)
    lines = read_capture()
    report: list[str] = []
    old_text, new_text = build(lines, report)
    if args.report:
        print("\n".join(report))
    if UNRESOLVED:
        raise SystemExit("unresolved links:\n" + "\n".join(UNRESOLVED))
    seed_dir = ROOT / "tests" / "data" / "seed"
    seed_dir.mkdir(parents=True, exist_ok=True)
    (seed_dir / "old.wiki").write_text(old_text, encoding="utf-8")
    (seed_dir / "new.wiki").write_text(new_text, encoding="utf-8")
    rendered = rendered_part(lines)
    (seed_dir / "rendered.txt").write_text("\n".join(rendered) + "\n", encoding="utf-8")
    refs = references(rendered)
    (seed_dir / "references.txt").write_text("\n".join(refs) + "\n", encoding="utf-8")
    write_export(SAMPLE, old_text, new_text)
    if args.check:
        check_with_wikidiff2(lines, old_text, new_text)
        check_with_mediawiki(lines, new_text)
    print(
        f"old {len(old_text.encode())} bytes, new {len(new_text.encode())} bytes, "
        f"{len(refs)} references"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
