"""Blame's invariants on random histories: spans cover the text, in order, never from the
future, cut only before tokens; the tokeniser cuts texts the same whole or in parts; the
saved state is believed only for the history it was made from."""

from __future__ import annotations

from pathlib import Path

from blame_helpers import DictLoader, make_page
from histories import MemoryStore
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitui.blame import Authorship
from wikitui.blame.store import dump_state, load_state
from wikitui.blame.tokens import fold, paragraphs, sentences, token_offsets, tokens

PIECES = st.sampled_from(
    ["pear", "Apple", "the", "tree", ".", ". ", ", ", " ", "\n", "\n\n", "[[", "]]", "{{",
     "}}", "|", "{|", "|-", "|}", "<ref>", "</ref>", "<!--", "-->", "http://x.org/a", ": ",
     "İ", "é", "\t", "; ", "?"]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join)
ROOT = Path(__file__).parent.parent
HISTORIES = st.lists(TEXTS, min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_tokens_of_the_whole_are_the_tokens_of_its_parts(text: str) -> None:
    lowered = fold(text)
    parts = [t for p in paragraphs(lowered) for s in sentences(p) for t in tokens(s)]
    assert parts == [lowered[a:b] for a, b in token_offsets(text)]
    covered = "".join(text[a:b] for a, b in token_offsets(text))
    assert covered == "".join(text.split())


@settings(max_examples=80, deadline=None)
@given(HISTORIES)
def test_spans_cover_each_revision_in_order_and_never_from_its_future(texts: list[str]) -> None:
    page = make_page(*((f"user{n}", text) for n, text in enumerate(texts)))
    authorship = Authorship.of(page)
    for index, text in enumerate(texts):
        blame = authorship.blame(index)
        assert blame.text == text
        position = 0
        for span in blame.spans:
            assert span.start == position and span.end > span.start
            assert 0 <= span.index <= index
            # a span starts at a token (or at 0): whitespace went with a neighbour
            assert span.start == 0 or not text[span.start].isspace()
            position = span.end
        assert position == len(text)
        for previous, following in zip(blame.spans, blame.spans[1:], strict=False):
            assert previous.index != following.index


@settings(max_examples=40, deadline=None)
@given(HISTORIES, HISTORIES)
def test_an_extended_history_costs_only_its_new_revisions(old: list[str], new: list[str]) -> None:
    texts = old + new
    page = make_page(*((f"u{n}", text) for n, text in enumerate(texts)))
    full = [Authorship.of(page).blame(i).spans for i in range(len(texts))]

    store = MemoryStore()
    short = make_page(*((f"u{n}", text) for n, text in enumerate(old)))
    short.derived = store
    Authorship.of(short)
    page.derived = store
    loader = page.loader
    assert isinstance(loader, DictLoader)
    loader.loaded.clear()
    extended = Authorship.of(page)
    assert extended.loaded == len(old)
    # the last saved revision's text (to resume) and each new one, nothing older
    assert sorted(loader.loaded) == [len(old), *range(len(old) + 1, len(texts) + 1)]
    assert [extended.blame(i).spans for i in range(len(texts))] == full


def test_a_changed_history_is_never_believed() -> None:
    store = MemoryStore()
    first = make_page(("Alice", "Pears are fruit."), ("Bob", "Pears are sweet fruit."))
    first.derived = store
    Authorship.of(first)
    # same ids and sizes, other texts: only the checksums tell
    other = make_page(("Carol", "Beers are fruit."), ("Dan", "Pears are sweet fruit."))
    other.derived = store
    authorship = Authorship.of(other)
    assert authorship.loaded == 0
    users = {other.revisions[s.index].user for s in authorship.blame(1).spans}
    assert users == {"Carol", "Dan"}


def test_a_damaged_state_is_rebuilt() -> None:
    page = make_page(("Alice", "Pears are fruit."), ("Bob", "Pears are sweet fruit."))
    expected = Authorship.of(page).blame(1).spans
    store = MemoryStore()
    page.derived = store
    Authorship.of(page)
    good = store.values[("blame", "state")]
    for damaged in (b"", b"junk", good[: len(good) // 2], good[:-3] + b"xyz"):
        store.values[("blame", "state")] = damaged
        authorship = Authorship.of(page)
        assert authorship.loaded == 0
        assert authorship.blame(1).spans == expected
    assert load_state(store.values[("blame", "state")])[1] == 2


def test_a_saved_state_round_trips() -> None:
    page = make_page(("Alice", "Pears are fruit.\n\nThey grow."), ("Bob", "Pears are fruit."))
    authorship = Authorship.of(page)
    data = dump_state(authorship.state, 2, "x")
    state, covered, fingerprint = load_state(data)
    assert (covered, fingerprint) == (2, "x")
    assert state.values == authorship.state.values
    assert list(state.origins(1)) == list(authorship.state.origins(1))


def test_the_index_keeps_the_state_between_runs(tmp_path: Path) -> None:
    from wikitui.sources import open_source

    history = tmp_path / "excerpt.xml.bz2"
    history.write_bytes((ROOT / "sample_data" / "anarchism-first200.xml.bz2").read_bytes())
    page = open_source(history).find_page(None)
    assert page.derived is not None
    first = Authorship.of(page)
    assert first.loaded == 0
    again = open_source(history).find_page(None)
    second = Authorship.of(again)
    assert second.loaded == len(again.revisions) == 200
    assert second.blame(150).spans == first.blame(150).spans
    bypass = open_source(history, use_cache=False).find_page(None)
    assert bypass.derived is None
    assert Authorship.of(bypass).blame(150).spans == first.blame(150).spans
