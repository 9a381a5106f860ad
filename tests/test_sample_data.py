"""The bundled sample data, the seed reconstruction and the benchmark history generator.

Expected values were read off the seed capture's header (users, times, summary, tag), the
rendered reference list (55 references) and the copied corpus files, not from program output.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import importlib.util
import json
import random
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"
SEED_EXPORT = SAMPLE_DIR / "azerbaijan-south-korea-relations.xml"
SEED_DATA = ROOT / "tests" / "data" / "seed"
NS = "{http://www.mediawiki.org/xml/export-0.11/}"
TAGS_COMMENT = re.compile(r"<!--\s*wikitui:tags\s+(.*?)\s*-->")


def base36_sha1(data: bytes) -> str:
    """MediaWiki's SHA-1 form, written independently of the code under test."""
    number = int(hashlib.sha1(data).hexdigest(), 16)
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
    return digits.rjust(31, "0")


def test_base36_sha1_matches_a_real_dump() -> None:
    # From an enwiki export: the redirect "House Tornado (album)", revision 56586451.
    assert base36_sha1(b"#REDIRECT [[House Tornado]]") == "7wv0tmkb6o21hld1u6wveqptzh2w88d"


# --------------------------------------------------------------------------------------------
# The seed export


@pytest.fixture(scope="module")
def seed_revisions() -> list[ET.Element]:
    root = ET.parse(SEED_EXPORT).getroot()
    assert root.tag == f"{NS}mediawiki"
    assert root.get("version") == "0.11"
    pages = root.findall(f"{NS}page")
    assert len(pages) == 1
    assert pages[0].findtext(f"{NS}title") == "Azerbaijan–South Korea relations"
    assert pages[0].findtext(f"{NS}ns") == "0"
    return pages[0].findall(f"{NS}revision")


@pytest.fixture(scope="module")
def seed_raw() -> str:
    return SEED_EXPORT.read_text(encoding="utf-8")


def test_seed_export_has_the_two_revisions_of_the_seed(seed_revisions: list[ET.Element]) -> None:
    old, new = seed_revisions
    assert old.findtext(f"{NS}timestamp") == "2024-12-11T19:33:00Z"
    assert old.findtext(f"{NS}contributor/{NS}username") == "Nuritae331"
    assert old.find(f"{NS}minor") is not None
    assert old.find(f"{NS}comment") is None  # "No edit summary"
    assert new.findtext(f"{NS}timestamp") == "2024-12-24T19:14:00Z"
    assert new.findtext(f"{NS}contributor/{NS}username") == "AnomieBOT"
    assert new.findtext(f"{NS}contributor/{NS}id") == "7611264"
    assert new.find(f"{NS}minor") is not None
    assert new.findtext(f"{NS}comment") == "Dating maintenance tags: {{Cn}}"
    for revision in (old, new):
        assert revision.findtext(f"{NS}model") == "wikitext"
        assert revision.findtext(f"{NS}format") == "text/x-wiki"


def test_seed_parents_are_not_in_the_file(seed_revisions: list[ET.Element]) -> None:
    # 77 revisions came between: the new revision's parent must not be the old one.
    ids = {int(r.findtext(f"{NS}id") or 0) for r in seed_revisions}
    old, new = seed_revisions
    assert int(new.findtext(f"{NS}parentid") or 0) not in ids
    assert int(old.findtext(f"{NS}parentid") or 0) not in ids
    assert int(old.findtext(f"{NS}id") or 0) < int(new.findtext(f"{NS}id") or 0)


def test_seed_tags_comment(seed_raw: str) -> None:
    revisions = seed_raw.split("<revision>")[1:]
    assert [TAGS_COMMENT.findall(r) for r in revisions] == [['["visualeditor"]'], []]
    assert json.loads(TAGS_COMMENT.findall(revisions[0])[0]) == ["visualeditor"]


def test_seed_bytes_and_sha1_match_the_texts(seed_revisions: list[ET.Element]) -> None:
    for revision in seed_revisions:
        text_element = revision.find(f"{NS}text")
        assert text_element is not None
        raw = (text_element.text or "").encode("utf-8")
        assert int(text_element.get("bytes") or -1) == len(raw)
        assert text_element.get("sha1") == base36_sha1(raw)
        assert revision.findtext(f"{NS}sha1") == base36_sha1(raw)


def test_seed_export_texts_are_the_test_copies(seed_revisions: list[ET.Element]) -> None:
    old, new = (r.findtext(f"{NS}text") for r in seed_revisions)
    assert old == (SEED_DATA / "old.wiki").read_text(encoding="utf-8")
    assert new == (SEED_DATA / "new.wiki").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# The reconstructed texts against what the seed shows


@pytest.fixture(scope="module")
def new_text() -> str:
    return (SEED_DATA / "new.wiki").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def old_text() -> str:
    return (SEED_DATA / "old.wiki").read_text(encoding="utf-8")


def _cited_references(text: str) -> list[str]:
    """Reference bodies in the order MediaWiki numbers them (a name counts at first use)."""
    bodies: dict[str, str] = {}
    order: list[str] = []
    pattern = re.compile(r'<ref(?:\s+name="([^"]*)")?\s*(?:/>|>(.*?)</ref>)', re.S)
    for match in pattern.finditer(text):
        name, body = match.group(1), match.group(2)
        if name and body:
            bodies[name] = body
        key = f"name:{name}" if name else f"anon:{len(order)}"
        if key not in order:
            order.append(key)
        if not name:
            bodies[key] = body or ""
    return [
        bodies[key.removeprefix("name:")] if key.startswith("name:") else bodies[key]
        for key in order
    ]


def _title(reference: str) -> str:
    match = re.search(r"\|\s*title\s*=\s*(.*?)\s*(?:\|(?!\}\})|\}\}$)", reference)
    assert match, reference
    return match.group(1).replace("{{!}}", "|")


def test_seed_references_file_lists_55() -> None:
    lines = (SEED_DATA / "references.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 55
    assert lines[0].startswith('1. "20th-century international relations')
    assert lines[54] == '55. "HOME". My Site. Retrieved 2024-12-12.'
    # References cited more than once carry a caret: 7 (":0"), 19 (":1"), 41 (":2").
    assert [n for n, line in enumerate(lines, 1) if ". ^ " in line] == [7, 19, 41]


def test_latest_revision_cites_the_55_references_in_order(new_text: str) -> None:
    shown = (SEED_DATA / "references.txt").read_text(encoding="utf-8").splitlines()
    cited = _cited_references(new_text)
    assert len(cited) == 55
    for number, (body, line) in enumerate(zip(cited, shown, strict=True), 1):
        title = _title(body).rstrip(".")
        assert title.replace(" »", "\xa0»") in line, (number, title, line)


def test_latest_revision_restores_the_bracketed_titles(new_text: str) -> None:
    assert "|title=[Friends for decades] Brother nations Korea and Azerbaijan" in new_text
    assert "bright up city [PHOTO] |" in new_text


def test_latest_revision_has_no_lost_link_left(new_text: str, old_text: str) -> None:
    for text in (new_text, old_text):
        assert text.count("[[") == text.count("]]")
        # The capture's stand-in for a lost link is a "]" that does not close a "[[...]]".
        without_links = text
        for _ in range(3):
            without_links = re.sub(r"\[\[[^\[\]]*\]\]", "", without_links)
        assert "]" not in without_links.replace("[Friends for decades]", "").replace("[PHOTO]", "")


def test_latest_revision_reads_like_the_rendered_article(new_text: str) -> None:
    plain = re.sub(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", "", new_text, flags=re.S)
    for _ in range(3):
        plain = re.sub(r"\{\{[^{}]*\}\}", "", plain)
    plain = re.sub(r"\[\[File:[^\[\]|]*\|thumb\|", "", plain)
    plain = re.sub(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]", r"\1", plain)
    plain = plain.replace("'''", "").replace("''", "").replace("]]", "")
    lines = {line.strip() for line in plain.split("\n")}
    rendered = (SEED_DATA / "rendered.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(rendered) if line.startswith("Azerbaijan–South"))
    paragraphs = [line for line in rendered[start : rendered.index("See also")] if len(line) > 60]
    assert len(paragraphs) == 32  # counted by hand in rendered.txt (and the 45-char caption)
    # One paragraph ends in an image on the same line: part 3 shows the caption on its own.
    missing = [p for p in paragraphs if p not in lines]
    assert [p[:30] for p in missing] == [
        "Despite the geographic distanc",
        "President of Azerbaijan, Ilham",
    ]
    assert missing[0] + missing[1] in {line.replace("  ", " ") for line in lines}


def test_latest_revision_structure(new_text: str) -> None:
    headings = re.findall(r"^(==+) (.*?) ==+$", new_text, flags=re.M)
    assert [name for _, name in headings] == [
        "History",
        "Independence of Azerbaijan and establishment of relations",
        "Expansion of bilateral relations (2007-present)",
        "Trade and partnership",
        "Economic and diplomatic relations",
        "Infrastructure and development projects",
        "Korean car market expansion",
        "Educational cooperation",
        "Environmental cooperation",
        "Caspian Agro 2024",
        "COP29",
        "Cultural exchanges",
        "Arts and performances",
        "See also",
        "References",
    ]
    assert new_text.count("{{cn|date=December 2024}}") == 1
    assert "envoy1=[[Ramin Hasanov]]" in new_text
    assert new_text.count("[[File:") == 5  # part 3 shows five image captions
    assert new_text.endswith("[[Category:Bilateral relations of South Korea]]")


def test_old_revision_is_the_afc_draft(old_text: str) -> None:
    assert old_text.startswith("{{AfC submission|||ts=20241211192932|u=Nuritae331|ns=118}}")
    assert "=== Soviet era and Korean war period ===" in old_text
    assert "== Ecological cooperation ==" in old_text
    assert "{{cn" not in old_text
    assert "[[Category:" not in old_text


# --------------------------------------------------------------------------------------------
# The folder and the copied histories


def test_sample_folder_is_small_and_documented() -> None:
    files = [p for p in SAMPLE_DIR.iterdir() if p.is_file() and p.name != "__init__.py"]
    assert sum(p.stat().st_size for p in files) < 1_000_000
    readme = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    for path in files:
        if path.name != "README.md":
            assert f"`{path.name}`" in readme
    assert "CC BY-SA 4.0" in readme or "Attribution-ShareAlike 4.0" in readme
    assert "reconstruction" in readme


def test_copied_histories_are_intact() -> None:
    pyrus = ET.parse(SAMPLE_DIR / "pyrus.xml").getroot()
    ns = pyrus.tag.split("}")[0] + "}"
    revisions = pyrus.findall(f"{ns}page/{ns}revision")
    assert [r.findtext(f"{ns}id") for r in revisions] == [
        "104997415", "104997738", "189729426", "190346463", "238138507", "238392911",
    ]  # fmt: skip
    assert revisions[-1].findtext(f"{ns}contributor/{ns}username") == "Rkitko"
    pear = ET.parse(SAMPLE_DIR / "pear.xml").getroot()
    assert len(pear.findall(f"{ns}page/{ns}revision")) == 4
    with bz2.open(SAMPLE_DIR / "anarchism-first200.xml.bz2") as stream:
        assert stream.read().count(b"<revision>") == 200
    with gzip.open(SAMPLE_DIR / "anarchism-last25.xml.gz") as stream:
        assert stream.read().count(b"<revision>") == 25


def test_sample_folder_loads_through_open_source() -> None:
    sources = pytest.importorskip("wikitui.sources")
    source = sources.open_source(SAMPLE_DIR)
    pages = {
        (child.path.name if hasattr(child.path, "name") else str(child.path)): [
            (page.title, len(page.revisions)) for page in child.pages
        ]
        for child in source.children
    }
    assert {Path(name).name: value for name, value in pages.items()} == {
        "azerbaijan-south-korea-relations.xml": [("Azerbaijan–South Korea relations", 2)],
        "pyrus.xml": [("Pyrus", 6)],
        "pear.xml": [("Pear", 4)],
        "anarchism-first200.xml.bz2": [("Anarchism", 200)],
        "anarchism-last25.xml.gz": [("Anarchism", 25)],
    }


def test_seed_export_loads_through_open_source(new_text: str) -> None:
    sources = pytest.importorskip("wikitui.sources")
    from wikitui.model import revision_fields

    source = sources.open_source(SEED_EXPORT)
    assert source.problems == []
    (page,) = source.pages
    fields = [revision_fields(page, i) for i in range(len(page.revisions))]
    assert [(f["user"], f["timestamp"], f["minor"], f["tags"], f["comment"]) for f in fields] == [
        ("Nuritae331", "2024-12-11T19:33:00Z", True, ["visualeditor"], ""),
        ("AnomieBOT", "2024-12-24T19:14:00Z", True, [], "Dating maintenance tags: {{Cn}}"),
    ]
    # The parent of each is missing from the file, so no size change can be given.
    assert [f["delta"] for f in fields] == [None, None]
    assert fields[1]["size"] == len(new_text.encode("utf-8"))
    assert page.text(page.revisions[1]) == new_text


# --------------------------------------------------------------------------------------------
# bench/generate_history.py


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    path = ROOT / "bench" / "generate_history.py"
    spec = importlib.util.spec_from_file_location("generate_history", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_history"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_make_article_is_deterministic_and_realistic(generator: ModuleType) -> None:
    article = generator.make_article(7, 60)
    assert article == generator.make_article(7, 60)
    assert article != generator.make_article(8, 60)
    assert 55_000 < len(article.encode("utf-8")) < 90_000
    assert article.startswith("{{Short description|")
    assert "{{Infobox settlement" in article and "{{Reflist}}" in article
    assert re.search(r"^== .+ ==$", article, flags=re.M)
    assert article.count("<ref") > 20 and "{{cite web" in article
    assert '{| class="wikitable sortable"' in article or "\n* [[" in article
    assert article.rstrip().endswith("]]") and "[[Category:" in article
    # Paragraphs are long single lines.
    assert max(len(line) for line in article.split("\n")) > 1000


def test_edit_article_scatters_edits(generator: ModuleType) -> None:
    article = generator.make_article(1, 80)
    edited = generator.edit_article(article, random.Random(2), 50)
    assert edited == generator.edit_article(article, random.Random(2), 50)
    before, after = article.split("\n"), edited.split("\n")
    changed = len(set(after) - set(before))
    assert 15 <= changed <= 60  # 50 edits land on many different lines


def test_write_export_is_valid_and_deterministic(generator: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "h.xml"
    stats = generator.write_export(path, revisions=60, article_kb=12, seed=3)
    assert stats.revisions == 60 and stats.xml_bytes == path.stat().st_size
    again = tmp_path / "again.xml.gz"
    generator.write_export(again, revisions=60, article_kb=12, seed=3, compress="gz")
    with gzip.open(again) as stream:
        assert stream.read() == path.read_bytes()
    root = ET.parse(path).getroot()
    revisions = root.findall(f"{NS}page/{NS}revision")
    assert len(revisions) == 60
    previous = None
    for revision in revisions:
        text_element = revision.find(f"{NS}text")
        assert text_element is not None
        raw = (text_element.text or "").encode("utf-8")
        assert int(text_element.get("bytes") or -1) == len(raw)
        assert revision.findtext(f"{NS}sha1") == base36_sha1(raw)
        parent = revision.findtext(f"{NS}parentid")
        assert parent == previous
        previous = revision.findtext(f"{NS}id")
    raw_xml = path.read_text(encoding="utf-8")
    tags = [json.loads(t) for t in TAGS_COMMENT.findall(raw_xml)]
    assert tags and all(isinstance(t, list) and t for t in tags)
    assert any("/* " in (r.findtext(f"{NS}comment") or "") for r in revisions)
    assert any(r.find(f"{NS}contributor/{NS}ip") is not None for r in revisions)


def test_write_export_stops_at_a_size(generator: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "sized.xml"
    stats = generator.write_export(path, size_mb=0.5, article_kb=20, seed=1)
    assert 500_000 <= path.stat().st_size < 500_000 + 40_000
    assert stats.revisions > 10
    ET.parse(path)  # closed properly


@pytest.mark.parametrize("suffix", [".bz2", ".xz", ".lzma"])
def test_compressed_exports_hold_the_same_xml(
    generator: ModuleType, tmp_path: Path, suffix: str
) -> None:
    import lzma

    plain = tmp_path / "plain.xml"
    generator.write_export(plain, revisions=8, article_kb=6, seed=5)
    packed = tmp_path / f"packed.xml{suffix}"
    assert (
        generator.main(
            [str(packed), "--revisions", "8", "--article-kb", "6", "--seed", "5", "--quiet"]
        )
        == 0
    )
    if suffix == ".bz2":
        data = bz2.decompress(packed.read_bytes())
    elif suffix == ".xz":
        data = lzma.decompress(packed.read_bytes(), format=lzma.FORMAT_XZ)
    else:
        data = lzma.decompress(packed.read_bytes(), format=lzma.FORMAT_ALONE)
    assert data == plain.read_bytes()


def test_history_edits_leave_the_closing_sections_alone(generator: ModuleType) -> None:
    texts = [text for _, text in generator.iter_history(300, 30, 2)]
    final = texts[-1]
    assert final.count("== References ==") == 1 and "{{Reflist}}" in final
    assert "\n\n\n" not in final  # moved and removed paragraphs leave no double blank lines
    # Vandalism is always reverted by the next revision.
    metas = [meta for meta, _ in generator.iter_history(300, 30, 2)]
    reverted = [i for i, meta in enumerate(metas[:-1]) if "mw-reverted" in meta.tags]
    assert len(reverted) >= 5
    for index in reverted:
        follower = metas[index + 1]
        assert {"mw-rollback", "mw-undo"} & set(follower.tags)
        assert texts[index + 1] == texts[index - 1]
