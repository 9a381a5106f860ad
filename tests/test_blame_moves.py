"""Blame on hand-made histories: one case per way wiki text moves, asserting who owns what."""

from __future__ import annotations

from blame_helpers import blame_of, make_page, owners

from wikitui.blame import Authorship

INTRO = "Pears are fruit of the genus Pyrus. They grow in temperate regions of the world."
USES = "Pears are eaten fresh, canned, or dried. The wood is prized for furniture making."
HISTORY = "The pear was cultivated in ancient Rome. Pliny lists several dozen varieties."


def test_a_moved_paragraph_keeps_its_authors() -> None:
    page = make_page(
        ("Alice", f"{INTRO}\n\n{USES}"),
        ("Bob", f"{INTRO}\n\n{USES}\n\n{HISTORY}"),
        ("Mover", f"{HISTORY}\n\n{INTRO}\n\n{USES}"),
    )
    blame = blame_of(page)
    assert owners(page, blame, HISTORY) == {"Bob"}
    assert owners(page, blame, INTRO) == {"Alice"}
    assert owners(page, blame, USES) == {"Alice"}
    assert all(page.revisions[s.index].user != "Mover" for s in blame.spans)


def test_a_sentence_moved_to_another_paragraph_keeps_its_author() -> None:
    page = make_page(
        ("Alice", f"{INTRO}\n\n{USES}"),
        ("Mover", "Pears are fruit of the genus Pyrus.\n\n"
                  f"{USES} They grow in temperate regions of the world."),
    )  # fmt: skip
    blame = blame_of(page)
    assert owners(page, blame, "They grow in temperate regions of the world.") == {"Alice"}
    assert owners(page, blame, "The wood is prized for furniture making.") == {"Alice"}


def test_a_blanked_section_restored_goes_back_to_its_authors() -> None:
    page = make_page(
        ("Alice", f"== Intro ==\n{INTRO}\n\n== Uses ==\n{USES}"),
        ("Bob", f"== Intro ==\n{INTRO}\n\n== Uses ==\n{USES}\n\n== History ==\n{HISTORY}"),
        ("Vandal", f"== Intro ==\n{INTRO}\n\nPEARS ARE STUPID lol"),
        ("Reverter", f"== Intro ==\n{INTRO}\n\n== Uses ==\n{USES}\n\n== History ==\n{HISTORY}"),
    )
    blame = blame_of(page)
    assert owners(page, blame, USES) == {"Alice"}
    assert owners(page, blame, HISTORY) == {"Bob"}
    users = {page.revisions[s.index].user for s in blame.spans}
    assert "Reverter" not in users and "Vandal" not in users


def test_a_copy_edit_gives_only_the_changed_words_to_the_editor() -> None:
    page = make_page(
        ("Alice", f"{INTRO}\n\n{USES}"),
        ("Editor", INTRO.replace("temperate regions", "cool temperate climates") + f"\n\n{USES}"),
    )
    blame = blame_of(page)
    assert owners(page, blame, "cool") == {"Editor"}
    assert owners(page, blame, "climates") == {"Editor"}
    assert owners(page, blame, "They grow in") == {"Alice"}
    assert owners(page, blame, "of the world.") == {"Alice"}
    assert owners(page, blame, "Pears are fruit of the genus Pyrus.") == {"Alice"}


def test_text_deleted_and_added_again_later_keeps_its_first_author() -> None:
    page = make_page(
        ("Alice", f"{INTRO}\n\n{USES}"),
        ("Bob", f"{INTRO}\n\n{USES}\n\n{HISTORY}"),
        ("Deleter", f"{INTRO}\n\n{USES}"),
        ("Carol", f"{INTRO} Some grow wild.\n\n{USES}"),
        ("Restorer", f"{INTRO} Some grow wild.\n\n{USES}\n\n{HISTORY}"),
    )
    blame = blame_of(page)
    assert owners(page, blame, HISTORY) == {"Bob"}
    assert owners(page, blame, "Some grow wild.") == {"Carol"}
    assert "Restorer" not in {page.revisions[s.index].user for s in blame.spans}


def test_a_sentence_restored_inside_a_changed_paragraph_keeps_its_author() -> None:
    page = make_page(
        ("Alice", f"{INTRO} {HISTORY}"),
        ("Deleter", f"{INTRO}"),
        ("Restorer", f"{INTRO} New words here. {HISTORY}"),
    )
    blame = blame_of(page)
    assert owners(page, blame, HISTORY) == {"Alice"}
    assert owners(page, blame, "New words here.") == {"Restorer"}


def test_a_duplicated_paragraph_is_new_text_in_its_second_place() -> None:
    page = make_page(
        ("Alice", f"{INTRO}\n\n{USES}"),
        ("Copier", f"{INTRO}\n\n{USES}\n\n{INTRO}"),
    )
    blame = blame_of(page)
    first, second = blame.text.find(INTRO), blame.text.rfind(INTRO)
    assert first != second
    span_first, span_second = blame.span_at(first), blame.span_at(second)
    assert span_first is not None and span_second is not None
    assert page.revisions[span_first.index].user == "Alice"
    assert page.revisions[span_second.index].user == "Copier"


def test_case_changes_keep_the_author() -> None:
    page = make_page(("Alice", INTRO), ("Bob", INTRO.upper()))
    blame = blame_of(page)
    assert {page.revisions[s.index].user for s in blame.spans} == {"Alice"}


def test_older_revisions_are_blamed_as_they_were() -> None:
    page = make_page(
        ("Alice", INTRO),
        ("Bob", f"{INTRO}\n\n{USES}"),
        ("Carol", f"{INTRO}\n\n{USES}\n\n{HISTORY}"),
    )
    blame = blame_of(page, 2)
    assert blame.text == f"{INTRO}\n\n{USES}"
    assert owners(page, blame, USES) == {"Bob"}
    assert owners(page, blame, INTRO) == {"Alice"}


def test_a_revert_costs_no_new_units() -> None:
    restored = f"== Intro ==\n{INTRO}\n\n== Uses ==\n{USES}\n\n== History ==\n{HISTORY}"
    page = make_page(("Alice", restored), ("Vandal", "lol"), ("Reverter", restored))
    state = Authorship.of(page).state
    assert list(state.revisions.parts(2)) == list(state.revisions.parts(0))
