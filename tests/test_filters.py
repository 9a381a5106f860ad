"""Reviewer filters and same-user stepping on a hand-made history."""

from __future__ import annotations

import pytest

from tests.histories import make_page
from wikitui.history.filters import (
    RevisionFilter,
    count_note,
    filtered_indexes,
    is_bot,
    parse_filter,
    same_user_edit,
    step_within,
)
from wikitui.history.reverts import find_reverts
from wikitui.model import Page

USERS = ["Ann", "AnomieBOT", "Vandal", "Ann", "annabel", "Cydebot", "Bob", "Ann"]
TEXTS = ["a", "a b", "junk", "a b", "a b c", "a b c d", "x", "a b c d"]
COMMENTS = ["new", "fix refs", "", "Reverted edits by Vandal", "copyedit", "cat", "cc", "rv Bob"]
MINOR = [False, True, False, True, False, True, False, False]


@pytest.fixture
def page() -> Page:
    page = make_page(TEXTS, USERS, comment=COMMENTS, minor=MINOR)
    page.revisions[6].comment_hidden = True
    return page


def _shown(page: Page, revision_filter: RevisionFilter) -> list[int]:
    return filtered_indexes(page, revision_filter, find_reverts(page))


def test_no_filter_shows_everything(page: Page) -> None:
    assert not RevisionFilter().active and RevisionFilter().describe() == ""
    assert _shown(page, RevisionFilter()) == list(range(8))


def test_user_exact_and_prefix(page: Page) -> None:
    assert _shown(page, RevisionFilter(user="Ann")) == [0, 3, 7]
    assert _shown(page, RevisionFilter(user="ann")) == [0, 3, 7]  # first letter as the wiki
    assert _shown(page, RevisionFilter(user="Ann", user_prefix=True)) == [0, 3, 4, 7]
    assert _shown(page, RevisionFilter(user="an", user_prefix=True)) == [0, 1, 3, 4, 7]
    assert RevisionFilter(user="Ann", user_prefix=True).describe() == "user Ann*"


def test_hide_minor(page: Page) -> None:
    assert _shown(page, RevisionFilter(hide_minor=True)) == [0, 2, 4, 6, 7]


def test_hide_bots_by_name(page: Page) -> None:
    assert [is_bot(r) for r in page.revisions] == [
        False, True, False, False, False, True, False, False
    ]  # fmt: skip
    assert _shown(page, RevisionFilter(hide_bots=True)) == [0, 2, 3, 4, 6, 7]


def test_only_reverted_and_only_reverting(page: Page) -> None:
    # 3 reverts Vandal's 2; 7 reverts Bob's 6.
    assert _shown(page, RevisionFilter(only_reverted=True)) == [2, 6]
    assert _shown(page, RevisionFilter(only_reverting=True)) == [3, 7]
    assert filtered_indexes(page, RevisionFilter(only_reverted=True)) == []  # no reverts known


def test_text_in_summary(page: Page) -> None:
    assert _shown(page, RevisionFilter(summary="REVERT")) == [3]
    assert _shown(page, RevisionFilter(summary="rv")) == [7]
    assert _shown(page, RevisionFilter(summary="c")) == [4, 5]  # "copyedit", "cat"; 6 hidden


def test_parts_combine(page: Page) -> None:
    both = RevisionFilter(user="Ann", hide_minor=True)
    assert _shown(page, both) == [0, 7]
    assert both.describe() == "user Ann, no minor"


def test_next_and_previous_edit_by_the_same_user(page: Page) -> None:
    assert same_user_edit(page, 0, 1) == 3
    assert same_user_edit(page, 3, 1) == 7
    assert same_user_edit(page, 7, 1) is None
    assert same_user_edit(page, 7, -1) == 3
    assert same_user_edit(page, 0, -1) is None
    assert same_user_edit(page, 4, 1) is None  # "annabel" is nobody else
    assert same_user_edit(page, 0, 1, among=[0, 7]) == 7


def test_the_filter_bar_words() -> None:
    assert parse_filter("") == RevisionFilter()
    assert parse_filter("user:Ann -minor") == RevisionFilter(user="Ann", hide_minor=True)
    assert parse_filter('user:"Jimmy W*" -bots reverted') == RevisionFilter(
        user="Jimmy W", user_prefix=True, hide_bots=True, only_reverted=True
    )
    assert parse_filter("reverting summary:rv") == RevisionFilter(only_reverting=True, summary="rv")
    assert parse_filter('"typo fix"') == RevisionFilter(summary="typo fix")
    with pytest.raises(ValueError):
        parse_filter("user:")
    with pytest.raises(ValueError):
        parse_filter('user:"Ann')


def test_stepping_within_a_filtered_list() -> None:
    shown = [2, 5, 9]
    assert step_within(shown, 5, 1) == 9 and step_within(shown, 5, -1) == 2
    assert step_within(shown, 9, 1) is None and step_within(shown, 2, -1) is None
    assert step_within(shown, 3, 1) == 5 and step_within(shown, 3, -1) == 2  # from a hidden one
    assert step_within(shown, 0, -1) is None and step_within(shown, 10, -1) == 9
    assert step_within([], 0, 1) is None
    assert count_note(3, 80) == "3 of 80 revisions"
