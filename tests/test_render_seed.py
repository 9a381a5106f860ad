"""The seed: the sample revision, rendered, reads as Wikipedia showed it.

tests/data/seed/ (made by engineer E from the seed capture) holds the reconstructed wikitext
of the latest revision of "Azerbaijan–South Korea relations" (new.wiki), Wikipedia's own
rendering of it as captured (rendered.txt) and its 55 references (references.txt). The capture
lost reference marks, the "[citation needed]" superscript and links, and ran the infobox's
cells together; everything else must read the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wikitui.render import Article, render_wikitext

SEED = Path(__file__).parent / "data" / "seed"
TITLE = "Azerbaijan–South Korea relations"


@pytest.fixture(scope="module")
def article() -> Article:
    return render_wikitext((SEED / "new.wiki").read_text(encoding="utf-8"), title=TITLE)


def seed_body() -> list[str]:
    """The capture's lines before its reference list (infobox, paragraphs, captions, headings)."""
    lines = (SEED / "rendered.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[: lines.index("References")] if line.strip()]


def test_paragraphs_headings_and_captions_read_the_same(article: Article) -> None:
    # Our reference marks and inline notes are what the capture lost; images are marked.
    plain = re.sub(r"\[(?:\d+|citation needed)\]", "", article.plain_text())
    ours = {line.strip() for line in plain.splitlines()}
    ours |= {line[len("[image: ") : -1] for line in ours if line.startswith("[image: ")}
    missing = [line for line in seed_body() if line not in ours]
    # Only the infobox lines the capture ran together ("…SeoulEmbassy of…") differ.
    assert missing == [
        "Azerbaijan",
        "South Korea",
        "Embassy of Azerbaijan, SeoulEmbassy of South Korea, Baku",
        "Ambassador of Azerbaijan to South Korea Ramin HasanovAmbassador of South Korea to "
        "Azerbaijan Lee Eun-yong",
    ]
    assert len(seed_body()) == 56


def test_infobox_fields(article: Article) -> None:
    plain = article.plain_text()
    for line in (
        "Azerbaijan-South Korea relations",
        "Bilateral relations",
        "[image: Map indicating locations of Azerbaijan and South Korea]",
        "Diplomatic mission",
        "Azerbaijan: Embassy of Azerbaijan, Seoul",
        "South Korea: Embassy of South Korea, Baku",
        "Envoy",
        "Azerbaijan: Ambassador of Azerbaijan to South Korea Ramin Hasanov",
        "South Korea: Ambassador of South Korea to Azerbaijan Lee Eun-yong",
    ):
        assert line in plain.splitlines()
    # The infobox comes first, before the lead paragraph, as on the wiki.
    assert plain.index("Diplomatic mission") < plain.index("are bilateral relations")


def test_the_55_references_are_formatted_like_the_wiki(article: Article) -> None:
    expected = (SEED / "references.txt").read_text(encoding="utf-8").splitlines()
    assert len(expected) == 55
    ours = [
        line.strip()
        for line in article.plain_text().splitlines()
        if re.match(r"^\s*\d+\. ", line) and line.strip()[0].isdigit()
    ]
    assert len(ours) == 55
    for mine, theirs in zip(ours, expected, strict=True):
        # The capture kept one caret of a reused reference's back-links ("^ a b" -> "^").
        assert re.sub(r"^(\d+\. )\^ [a-z]( [a-z])* ", r"\1^ ", mine) == theirs


def test_citation_needed_marks(article: Article) -> None:
    plain = article.plain_text()
    # new.wiki has one {{cn|date=December 2024}}, after "one of the first countries".
    assert plain.count("[citation needed]") == 1
    assert "one of the first countries[citation needed] to recognize" in plain


def test_metadata_templates_do_not_show(article: Article) -> None:
    plain = article.plain_text()
    for hidden in ("Short description", "Draft topics", "AfC", "Important, do not remove"):
        assert hidden not in plain


def test_the_bundled_sample_renders_from_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    from wikitui.cli import main

    sample = Path(__file__).parent.parent / "sample_data" / "azerbaijan-south-korea-relations.xml"
    assert main(["render", str(sample)]) == 0
    out = capsys.readouterr().out
    expected = render_wikitext((SEED / "new.wiki").read_text(encoding="utf-8"), title=TITLE)
    assert out == expected.plain_text()
    assert '55. "HOME". My Site. Retrieved 2024-12-12.' in out
