"""Wikitext constructs, one by one: what the reader sees (expectations written by hand)."""

from __future__ import annotations

from wikitui.render import render_wikitext


def plain(text: str, **kwargs: object) -> str:
    return render_wikitext(text, title="Test").plain_text(**kwargs)  # type: ignore[arg-type]


def test_paragraphs_join_lines_and_split_on_blank_lines() -> None:
    assert plain("one\ntwo\n\nthree") == "one two\n\nthree\n"


def test_bold_italic_and_their_styles() -> None:
    article = render_wikitext("'''b''' ''i'' '''''bi'''''")
    assert article.plain_text() == "b i bi\n"
    text = article.blocks[0].text  # type: ignore[attr-defined]
    styles = {text.plain[span.start : span.end]: span.style for span in text.spans}
    assert styles["b"].bold and not styles["b"].italic
    assert styles["i"].italic and not styles["i"].bold
    assert styles["bi"].bold and styles["bi"].italic


def test_unbalanced_quotes_leave_no_apostrophes() -> None:
    assert plain("'''unclosed bold\nnext line") == "unclosed bold next line\n"


def test_internal_links_show_their_text_and_keep_their_target() -> None:
    article = render_wikitext("[[Main Page|home]], [[apple]]s and [[Foo (bar)|]]")
    assert article.plain_text() == "home, apples and Foo\n"
    assert [(k.kind, k.target, k.text) for k in article.links] == [
        ("internal", "Main Page", "home"),
        ("internal", "apple", "apple"),
        ("internal", "Foo (bar)", "Foo"),
    ]
    spans = article.blocks[0].text.spans  # type: ignore[attr-defined]
    assert spans[0].style.meta == {"wikilink": "Main Page"}
    assert spans[0].style.underline


def test_categories_gathered_and_interlanguage_links_dropped() -> None:
    article = render_wikitext("Text.\n[[Category:Fruits|Pear]]\n[[Category:Trees]]\n[[de:Birne]]")
    assert article.categories == ["Fruits", "Trees"]
    assert article.plain_text() == "Text.\n\nCategories: Fruits | Trees\n"
    # A leading colon makes a category an ordinary link.
    assert plain("See [[:Category:Fruits]].") == "See Category:Fruits.\n"


def test_images_show_their_caption() -> None:
    text = "[[File:Pear.jpg|thumb|right|200px|A ripe [[pear]]]]\nAfter."
    assert plain(text) == "[image: A ripe pear]\n\nAfter.\n"
    assert plain("Inline [[Image:Icon.png|20px]] icon.") == "Inline [image: Icon.png] icon.\n"


def test_external_links() -> None:
    article = render_wikitext("[https://a.org/x Titled], [https://b.org] and https://c.org/y.")
    assert article.plain_text() == "Titled, [1] and https://c.org/y.\n"
    assert [(k.target, k.text) for k in article.links] == [
        ("https://a.org/x", "Titled"),
        ("https://b.org", "[1]"),
        ("https://c.org/y", "https://c.org/y"),
    ]
    span = article.blocks[0].text.spans[0]  # type: ignore[attr-defined]
    assert span.style.link == "https://a.org/x"


def test_lists_nest_and_number() -> None:
    text = "* a\n** b\n* c\n\n# one\n# two\n## two.one\n# three\n\n; term : def\n: indented"
    assert plain(text) == (
        "• a\n  • b\n• c\n\n1. one\n2. two\n  1. two.one\n3. three\n\nterm\n    def\n    indented\n"
    )


def test_numbering_restarts_after_a_paragraph() -> None:
    assert plain("# a\n# b\npara\n# c") == "1. a\n2. b\n\npara\n\n1. c\n"


def test_rules_preformatted_and_pre() -> None:
    assert plain("a\n----\nb") == "a\n\n" + "─" * 20 + "\n\nb\n"
    assert plain(" code  line\n second\nafter") == "code  line\nsecond\n\nafter\n"
    assert plain("<pre>\nx '''y'''\n  z\n</pre>") == "x '''y'''\n  z\n"


def test_inline_tags_entities_nowiki_and_comments() -> None:
    text = (
        "<small>s</small> <code>c()</code> <s>x</s> <u>u</u> <span>sp</span> "
        "&amp; &eacute; &#8212; <nowiki>[[raw]]</nowiki><!-- hidden --> "
        "m<sup>2</sup> H<sub>2</sub>O"
    )
    assert plain(text) == "s c() x u sp & é — [[raw]] m² H₂O\n"


def test_line_breaks_and_blocks() -> None:
    assert plain("a<br>b<br />c") == "a\nb\nc\n"
    assert plain("x<div>inside</div>y") == "x\n\ninside\n\ny\n"
    assert plain("<blockquote>quoted</blockquote>") == "    quoted\n"


def test_behaviour_switches_and_comment_lines_are_hidden() -> None:
    assert plain("__NOTOC__\nfirst\n<!-- note -->\nsecond __NOEDITSECTION__") == ("first second\n")


def test_headings_and_sections() -> None:
    text = "lead\n== History ==\nh\n=== Early [[era]] ===\ne\n== History ==\nagain\n"
    article = render_wikitext(text)
    assert article.plain_text() == "lead\n\nHistory\n\nh\n\nEarly era\n\ne\n\nHistory\n\nagain\n"
    sections = [(s.level, s.title, s.anchor, s.source_start_line, s.source_end_line)
                for s in article.sections]  # fmt: skip
    assert sections == [
        (2, "History", "History", 2, 5),
        (3, "Early era", "Early_era", 4, 5),
        (2, "History", "History_2", 6, 8),
    ]


def test_tables_rows_on_one_line_with_caption_and_spans() -> None:
    text = """{| class="wikitable"
|+ Caption
! A !! B !! C
|-
| 1 || 2 || 3
|-
| colspan="2" | wide || 3
|}"""
    assert plain(text) == "Caption\nA | B | C\n1 | 2 | 3\nwide | 3\n"
    drawn = render_wikitext(text).plain_text(40).splitlines()
    # Drawn as a real table, a rule between rows; the colspan leaves an empty cell.
    assert drawn[0].strip() == "Caption"
    assert drawn[1] == "┌──────┬───┬───┐"
    assert drawn[2] == "│ A    │ B │ C │"
    assert drawn[4] == "│ 1    │ 2 │ 3 │"
    assert drawn[6] == "│ wide │   │ 3 │"


def test_nested_table_inside_a_cell() -> None:
    text = "{|\n! Outer\n|-\n|\n{|\n| in1 || in2\n|}\n|}"
    assert plain(text) == "Outer\nin1 | in2\n"
    drawn = render_wikitext(text).plain_text(40)
    assert drawn.count("┌") == 2  # the inner table is drawn inside the outer one


def test_references_numbered_reused_and_listed() -> None:
    text = (
        'A.<ref name="x">First.</ref> B.<ref>Second.</ref> C.<ref name="x" />\n'
        "== Notes ==\n<references />\nAfter."
    )
    article = render_wikitext(text)
    assert article.plain_text() == (
        "A.[1] B.[2] C.[1]\n\nNotes\n\n  1. ^ a b First.\n  2. Second.\n\nAfter.\n"
    )
    assert [(r.number, r.name, r.uses) for r in article.references] == [(1, "x", 2), (2, None, 1)]


def test_references_listed_at_the_end_without_a_list() -> None:
    assert plain("Fact.<ref>Source.</ref>") == "Fact.[1]\n\n  1. Source.\n"


def test_list_defined_references() -> None:
    text = 'X.<ref name="a" />\n<references>\n<ref name="a">Defined below.</ref>\n</references>'
    assert plain(text) == "X.[1]\n\n  1. Defined below.\n"


def test_redirect() -> None:
    article = render_wikitext("#REDIRECT [[Pear]]\n[[Category:Redirects]]")
    assert article.plain_text() == "↳ Redirect to Pear\n\nCategories: Redirects\n"
    assert article.links[0].target == "Pear"


def test_rowspan_keeps_columns_in_the_drawn_table() -> None:
    text = "{|\n! A !! B\n|-\n| rowspan=2 | tall || one\n|-\n| two\n|}"
    # Plain text lists the cells each row has, as MediaWiki's text does.
    assert plain(text) == "A | B\ntall | one\ntwo\n"
    drawn = render_wikitext(text).plain_text(40).splitlines()
    # Drawn, "two" stays in column B under "one"; column A is left empty below "tall".
    assert drawn[3] == "│ tall │ one │"
    assert drawn[5] == "│      │ two │"


def test_an_unclosed_comment_hides_the_rest_of_the_page() -> None:
    assert plain("a <!-- b --> c <!-- d\n\nmore") == "a c\n"
    assert plain("a <!-- b") == "a\n"
    assert plain("x --> y <!--") == "x --> y\n"
    assert plain("<!-- <!-- --> x") == "x\n"
    assert plain("p <!-- q --> r <!-- s --> t") == "p r t\n"
