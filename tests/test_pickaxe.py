"""Pickaxe search: hand-made histories, a brute-force scan of every revision, and the CLI."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from histories import CountingLoader, MemoryStore, make_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wikitui.cli import main
from wikitui.errors import TextUnavailable
from wikitui.history.pickaxe import Cancelled, Event, Query, escaped_needle, search
from wikitui.model import Page
from wikitui.sources import open_source
from wikitui.sources.loaders import xml_text

SAMPLE = Path(__file__).parent / "data" / "sources" / "xml" / "anarchism-first200.xml.bz2"


def brute_force(page: Page, text: str, *, regex: bool = False, ignore_case: bool = False):
    """Every revision read and tested, one after the other: the definition of the events."""
    flags = re.IGNORECASE if ignore_case else 0
    events, before = [], False
    for index, revision in enumerate(page.revisions):
        try:
            body = page.text(revision)
        except TextUnavailable:
            continue
        if regex or ignore_case:
            now = re.search(text if regex else re.escape(text), body, flags) is not None
        else:
            now = text in body
        if now != before:
            events.append((index, "added" if now else "removed"))
            before = now
    return events


def _pairs(events: list[Event]) -> list[tuple[int, str]]:
    return [(event.index, event.event) for event in events]


def test_a_phrase_added_removed_and_re_added() -> None:
    page = make_page(
        [
            "Pears grow on trees.",
            "Pears grow on trees. They are sweet.",
            "Pears grow on trees. They are sweet!",  # still there: no event
            "Pears grow on trees.",
            "Pears grow on trees.",
            "Pears grow on trees. They are sweet.",
        ]
    )
    assert _pairs(search(page, Query("They are sweet"))) == [
        (1, "added"),
        (3, "removed"),
        (5, "added"),
    ]
    assert _pairs(search(page, Query("pears", ignore_case=True))) == [(0, "added")]
    assert _pairs(search(page, Query(r"sweet[.!]", regex=True))) == [
        (1, "added"),
        (3, "removed"),
        (5, "added"),
    ]
    assert search(page, Query("apples")) == []


def test_hidden_texts_are_passed_over() -> None:
    page = make_page(["a x", "a", "a x"], text_hidden=[False, True, False])
    assert _pairs(search(page, Query("x"))) == [(0, "added")]


def test_bad_queries_are_usage_errors() -> None:
    from wikitui.errors import UsageError

    with pytest.raises(UsageError):
        Query("")
    with pytest.raises(UsageError):
        Query("(", regex=True)


def test_cancelling_stops_the_scan() -> None:
    page = make_page(["a", "b"])
    with pytest.raises(Cancelled):
        search(page, Query("a"), cancelled=lambda: True)


def test_repeated_texts_are_read_once_when_their_sha1_is_known() -> None:
    texts = ["one", "one two", "one", "one two", "three"]
    page = make_page(texts)
    loader = CountingLoader(texts)
    page.loader = loader
    for revision, text in zip(page.revisions, texts, strict=True):
        revision.sha1 = hashlib.sha1(text.encode()).hexdigest()
    events = _pairs(search(page, Query("two")))
    assert loader.reads == 3  # three distinct texts
    assert events == brute_force(page, "two")


def test_sha1s_computed_by_a_search_serve_the_next_one() -> None:
    texts = ["one", "one two", "one", "one two", "three"]
    page = make_page(texts)
    loader = CountingLoader(texts)
    page.loader, page.derived = loader, MemoryStore()
    first = search(page, Query("two"))
    assert loader.reads == 5
    assert search(page, Query("two")) == first
    assert loader.reads == 5 + 3


@pytest.fixture(scope="module")
def anarchism() -> tuple[Page, str]:
    page = open_source(SAMPLE).all_pages()[0]
    return page, page.text(page.revisions[-1])


@pytest.mark.parametrize(
    "phrase", ["anarcho-capitalism", "Proudhon", "[[England]]", "== ", "the state"]
)
def test_events_equal_a_brute_force_scan_on_real_history(
    anarchism: tuple[Page, str], phrase: str
) -> None:
    page, latest = anarchism
    assert phrase in latest
    expected = brute_force(page, phrase)
    assert expected  # something to compare
    assert _pairs(search(page, Query(phrase))) == expected
    assert _pairs(search(page, Query(phrase, ignore_case=True))) == brute_force(
        page, phrase, ignore_case=True
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_phrase_of_the_latest_revision_matches_brute_force(
    anarchism: tuple[Page, str], data: st.DataObject
) -> None:
    page, latest = anarchism
    start = data.draw(st.integers(0, len(latest) - 1))
    length = data.draw(st.integers(1, 40))
    phrase = latest[start : start + length]
    ignore_case = data.draw(st.booleans())
    assert _pairs(search(page, Query(phrase, ignore_case=ignore_case))) == brute_force(
        page, phrase, ignore_case=ignore_case
    )


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.text("ab ", max_size=6), min_size=1, max_size=12),
    hidden=st.lists(st.booleans(), min_size=12, max_size=12),
    with_sha1=st.booleans(),
    phrase=st.text("ab", min_size=1, max_size=3),
)
def test_random_histories_match_brute_force(
    texts: list[str], hidden: list[bool], with_sha1: bool, phrase: str
) -> None:
    page = make_page(texts, text_hidden=hidden[: len(texts)])
    if with_sha1:
        for revision, text in zip(page.revisions, texts, strict=True):
            revision.sha1 = hashlib.sha1(text.encode()).hexdigest()
    assert _pairs(search(page, Query(phrase))) == brute_force(page, phrase)


# --- the command ----------------------------------------------------------------------------


def test_search_json_has_exactly_the_public_keys(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["search", str(SAMPLE), "Proudhon", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert list(out) == ["page", "query", "events"]
    assert out["page"] == "Anarchism" and out["query"] == "Proudhon"
    assert out["events"]
    for event in out["events"]:
        assert list(event) == ["rev_id", "timestamp", "user", "event"]
        assert event["event"] in ("added", "removed")
    assert out["events"][0]["event"] == "added"


def test_search_plain_lines(capsys: pytest.CaptureFixture[str]) -> None:
    page = open_source(SAMPLE).all_pages()[0]
    expected = brute_force(page, "Proudhon")
    assert main(["search", str(SAMPLE), "Proudhon"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(expected)
    first = page.revisions[expected[0][0]]
    assert lines[0].split()[0] == str(first.rev_id) and "added" in lines[0]


def test_search_bad_pattern_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", str(SAMPLE), "([", "--regex"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wikitui: not a regular expression") and err.count("\n") == 1


# --- searching escaped export text --------------------------------------------------------------

_ESCAPES = {
    "&": ["&amp;", "&#38;"],
    "<": ["&lt;", "&#60;"],
    ">": ["&gt;", ">", "&#x3E;"],
    '"': ["&quot;", '"'],
    "'": ["&apos;", "'"],
    "\n": ["\n", "\r\n"],
    "é": ["é", "&#233;"],
}
_ALPHABET = "ablgtmpquosé&<>\"'\n;#"


@st.composite
def escaped_texts(draw: st.DrawFn) -> bytes:
    """Raw export bytes: characters escaped in each of the ways an export may write them."""
    text = draw(st.text(_ALPHABET, max_size=30))
    return "".join(draw(st.sampled_from(_ESCAPES.get(c, [c]))) for c in text).encode()


@settings(max_examples=1000, deadline=None)
@given(raw=escaped_texts(), phrase=st.text(_ALPHABET, min_size=1, max_size=4))
def test_escaped_search_agrees_with_the_resolved_text(raw: bytes, phrase: str) -> None:
    needle = escaped_needle(Query(phrase))
    if needle is None or b"&#" in raw:
        return  # the resolved text is searched instead
    assert (needle in raw) == (phrase in xml_text(raw))


def test_only_plain_literals_search_escaped_text() -> None:
    assert escaped_needle(Query("Kropotkin")) == b"Kropotkin"
    for phrase in ("a&b", "<ref", "l", "quo", "x;", "#1", "a\nb", '"q"', "it's"):
        assert escaped_needle(Query(phrase)) is None, phrase
    assert escaped_needle(Query("Kropotkin", ignore_case=True)) is None
    assert escaped_needle(Query("Kropotkin", regex=True)) is None
    # Why character references send a text to the slow path: é written &#233;.
    assert escaped_needle(Query("é")) == "é".encode()
    assert "é" in xml_text(b"caf&#233;") and "é".encode() not in b"caf&#233;"


def test_a_spilled_export_is_searched_escaped_and_agrees(anarchism: tuple[Page, str]) -> None:
    page, _ = anarchism
    assert hasattr(page.loader, "load_escaped")
    for phrase in ("Proudhon", "anarcho-capitalism", "the state", "Chomsky"):
        assert escaped_needle(Query(phrase)) is not None
        assert _pairs(search(page, Query(phrase))) == brute_force(page, phrase)


def test_search_picks_the_page_and_reads_without_the_index(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pair = Path(__file__).parent / "data" / "sources" / "xml" / "pywikibot-pair-0.10.xml"
    args = ["search", str(pair), "Agdam", "--page", "Talk:Çullu, Agdam", "--json", "--no-cache"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["page"] == "Talk:Çullu, Agdam"
    assert main(["search", str(pair), "x", "--page", "Nope"]) == 4
    assert capsys.readouterr().err.count("\n") == 1
