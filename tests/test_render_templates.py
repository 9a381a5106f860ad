"""Templates without their definitions: shown as the wiki shows them (expectations by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wikitui.render import render_wikitext

DATA = Path(__file__).parent / "data" / "render"


def plain(text: str, title: str | None = "Test") -> str:
    return render_wikitext(text, title=title).plain_text()


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        # Citation Style 1, as in the seed's reference list.
        (
            "{{Cite web |title=Political cooperation |url=https://x.az |website=seoul.mfa.gov.az"
            " |access-date=2024-12-11}}",
            '"Political cooperation". seoul.mfa.gov.az. Retrieved 2024-12-11.',
        ),
        (
            "{{cite web |last=Kumar |first=Sanjay |date=2024-09-03 |title=Green energy"
            " |work=The Korea Herald |access-date=2024-12-19}}",
            'Kumar, Sanjay (2024-09-03). "Green energy". The Korea Herald. Retrieved 2024-12-19.',
        ),
        (
            "{{cite web |title=XİN |website=mfa.gov.az |language=az |access-date=2024-12-19}}",
            '"XİN". mfa.gov.az (in Azerbaijani). Retrieved 2024-12-19.',
        ),
        (
            "{{cite news |title=Socar awards |publisher=2B1st Consulting |date=2013-09-16"
            " |access-date=2024-12-11}}",
            '"Socar awards". 2B1st Consulting. 2013-09-16. Retrieved 2024-12-11.',
        ),
        (
            "{{cite book |last=Smith |first=Jane |title=A History |publisher=Test Press"
            " |location=Baku |year=2001 |page=12 |isbn=978-0-00-000000-0}}",
            "Smith, Jane (2001). A History. Baku: Test Press. p. 12. ISBN 978-0-00-000000-0.",
        ),
        (
            "{{cite journal |last1=Gibson |first1=AR |last2=Clancy |first2=RL |year=1978"
            " |title=An exclusion diet |journal=Med J |volume=1 |issue=5 |pages=7–9}}",
            'Gibson, AR; Clancy, RL (1978). "An exclusion diet". Med J. 1 (5): 7–9.',
        ),
        ("{{cn|date=December 2024}}", "[citation needed]"),
        ("{{Citation needed|date=May 2020}}", "[citation needed]"),
        ("x{{who?}}", "x[who?]"),
        ("{{langx|az|Azərbaycan}}", "Azerbaijani: Azərbaycan"),
        ("{{Lang-de|Birne}}", "German: Birne"),
        ("{{lang|ko|아제르바이잔}}", "아제르바이잔"),
        ("{{nowrap|10 km}}", "10 km"),
        ("a{{!}}b", "a|b"),
        ("1990{{ndash}}1995", "1990–1995"),
        ("{{convert|10|km|mi}}", "10 km"),
        ("{{convert|10|-|20|km}}", "10–20 km"),
        ("{{convert|1200|km2|sqmi}}", "1200 km²"),
        ("{{convert|−25|C|F}}", "−25 °C"),
        ("{{circa|1900}}", "c. 1900"),
        ("{{sic|tets}}", "tets [sic]"),
        ("{{hlist|a|b|c}}", "a · b · c"),
        ("{{start date|2001|5|17}}", "May 17, 2001"),
        ("{{ISBN|0-00-000000-0}}", "ISBN 0-00-000000-0"),
        ("{{frac|1|2}}", "1⁄2"),
        ("{{PAGENAME}}", "Test"),
        ("{{coord|40|23|N|49|52|E|display=title}}", "40°23′N 49°52′E"),
        (
            "{{webarchive|url=https://web.archive.org/x|date=2020-01-01}}",
            "Archived 2020-01-01 at the Wayback Machine",
        ),
        ("Fact.<ref>X</ref>{{rp|12}}", "Fact.[1]:12\n\n  1. X"),
        ("{{nihongo|Tokyo|東京|Tōkyō}}", "Tokyo (東京, Tōkyō)"),
        ("{{marriage|Jane Doe|1990|2000}}", "Jane Doe (m. 1990; div. 2000)"),
        ("{{sort|b|Beta}}", "Beta"),
        ("{{increase}} 5%", "▲ 5%"),
    ],
)
def test_inline_templates(wikitext: str, expected: str) -> None:
    assert plain(wikitext) == expected + "\n"


def test_hatnotes() -> None:
    assert plain("{{Main|History of Testland}}") == "  Main article: History of Testland\n"
    assert plain("{{See also|A|B|C}}") == "  See also: A, B and C\n"
    assert plain("{{Other uses}}", title="Pear") == (
        "  For other uses, see Pear (disambiguation).\n"
    )


def test_metadata_templates_are_hidden() -> None:
    text = (
        "{{Short description|none}}\n{{Draft topics|biography}}\n{{AfC topic|other}}\n"
        "{{AfC submission|||ts=1|u=X|ns=118}}\n{{Use dmy dates|date=May 2020}}\n"
        "{{pp-move-indef}}\n{{DEFAULTSORT:Test}}\nText."
    )
    assert plain(text) == "Text.\n"


def test_maintenance_banner_is_a_muted_notice() -> None:
    article = render_wikitext("{{More citations needed|date=December 2024}}\nText.")
    assert article.plain_text() == "⚑ More citations needed (December 2024)\n\nText.\n"
    assert article.blocks[0].text.style.dim  # type: ignore[attr-defined]


def test_unknown_templates_are_muted_placeholders() -> None:
    article = render_wikitext("Known for {{Unknown thing|x=1}} festivals.\n{{Navbox testland}}")
    assert article.plain_text() == "Known for ⟨Unknown thing⟩ festivals.\n\n⟨Navbox testland⟩\n"


def test_footnote_templates() -> None:
    text = "A.{{efn|A note.}} B.{{sfn|Smith|2001|p=4}} C.{{sfn|Smith|2001|p=4}}\n{{notelist}}"
    assert plain(text) == "A.[a] B.[1] C.[1]\n\n  a. A note.\n\n  1. ^ a b Smith 2001, p. 4.\n"


def test_reflist_template_places_the_list() -> None:
    text = "A.<ref>One.</ref>\n== References ==\n{{Reflist}}\n[[Category:X]]"
    assert plain(text) == "A.[1]\n\nReferences\n\n  1. One.\n\nCategories: X\n"


def test_infobox_is_a_boxed_table_of_its_parameters() -> None:
    text = (
        "{{Infobox country\n| name = Testland\n| image_flag = Flag.svg\n| capital = [[Testville]]"
        "\n| population_estimate = 1,234,567\n| image_size = 200px\n}}\nTestland is a country."
    )
    article = render_wikitext(text)
    assert article.plain_text() == (
        "Testland\nCountry\n[image: Flag.svg]\nCapital: Testville\n"
        "Population estimate: 1,234,567\n\nTestland is a country.\n"
    )
    box = article.plain_text(60).splitlines()
    # Labels take the longest label's width (19), then two spaces, then the values: the
    # widest row is 19 + 2 + 9 = 30 columns inside "│ … │", so the box is 34 wide.
    assert box[0] == "╭" + "─" * 32 + "╮"
    assert box[1] == "│ " + " " * 11 + "Testland" + " " * 11 + " │"
    assert box[2] == "├" + "─" * 32 + "┤"
    assert box[3] == "│ " + "Country".ljust(30) + " │"
    assert box[5] == "│ " + "Capital".ljust(19) + "  " + "Testville" + " │"
    assert box[6] == "│ " + "Population estimate" + "  " + "1,234,567" + " │"
    assert box[7] == "╰" + "─" * 32 + "╯"


def test_template_showcase_reads_right() -> None:
    text = (DATA / "templates.wiki").read_text(encoding="utf-8")
    out = plain(text, title="Testland")
    assert "Testland (Azerbaijani: Test ölkəsi; 테스트) is a country.[citation needed]" in out
    assert "  2. ^ a b Smith, Jane (2001). A History of Testland. Baku: Test Press. p. 12." in out
    assert '"Testland facts | Atlas". example.org (in Azerbaijani). Retrieved 2024-12-19.' in out
    assert "    Testing is the root of all knowledge.\n\n      — A. Tester" in out
    assert "Short description" not in out and "AfC" not in out


def test_generic_infobox_pairs_labels_with_data() -> None:
    text = (
        "{{Infobox\n| title = Example\n| header1 = General\n| label2 = Founded | data2 = 1900"
        "\n| label3 = Location | data3 = [[Baku]]\n| data4 = A spanning row\n| below = Footer\n}}"
    )
    assert plain(text) == (
        "Example\nGeneral\nFounded: 1900\nLocation: Baku\nA spanning row\nFooter\n"
    )
