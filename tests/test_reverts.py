"""Identity reverts: hand-made histories, the sha1 cache, MediaWiki's tags, and mwreverts'
output on the full "Anarchism" history (tests/data/reverts, see its README)."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from histories import CountingLoader, MemoryStore, make_page

from wikitui.history import reverts as reverts_module
from wikitui.history.reverts import Revert, compare_with_tags, detect, find_reverts
from wikitui.model import Page
from wikitui.sources import open_source

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "reverts"


# --- hand-made histories ----------------------------------------------------------------


def test_a_revert_within_the_radius() -> None:
    # 16 revisions back is the farthest mwreverts looks (radius 15: up to 15 reverted).
    texts = ["good", *(f"edit {i}" for i in range(15)), "good"]
    found = find_reverts(make_page(texts))
    assert found.reverts == [Revert(16, tuple(range(1, 16)), 0)]
    assert found.reverted_by(1) == 16 and found.reverted_by(15) == 16
    assert found.reverted_by(0) is None and found.reverted_by(16) is None


def test_a_revert_beyond_the_radius_is_none() -> None:
    texts = ["good", *(f"edit {i}" for i in range(16)), "good"]
    found = find_reverts(make_page(texts))
    assert found.reverts == []
    assert detect(texts, radius=16).reverts == [Revert(17, tuple(range(1, 17)), 0)]


def test_a_self_revert() -> None:
    page = make_page(["a", "a b", "a"], users=["Ann", "Bob", "Bob"])
    found = find_reverts(page)
    assert found.reverts == [Revert(2, (1,), 0)]
    assert page.revisions[found.reverted_by(1) or 0].user == "Bob"


def test_a_revert_of_a_revert() -> None:
    # Bob reverts Vandal; Vandal puts the text back, reverting Bob's revert; Ann reverts that.
    texts = ["clean", "junk", "clean", "junk", "clean"]
    found = find_reverts(make_page(texts))
    assert found.reverts == [
        Revert(2, (1,), 0),
        Revert(3, (2,), 1),
        Revert(4, (3,), 2),
    ]
    assert [found.reverted_by(i) for i in range(5)] == [None, 2, 3, 4, None]
    assert found.made_by(3) == Revert(3, (2,), 1)


def test_a_revert_reaching_past_an_earlier_revert_keeps_the_first_reverter() -> None:
    texts = ["a", "b", "c", "b", "a"]
    found = find_reverts(make_page(texts))
    assert found.reverts == [Revert(3, (2,), 1), Revert(4, (1, 2, 3), 0)]
    assert found.reverted_by(2) == 3 and found.reverted_by(1) == 4


def test_a_null_edit_is_no_revert() -> None:
    texts = ["a", "a", "b", "b", "a"]
    found = find_reverts(make_page(texts))
    # Revision 1 (null edit) reverts nothing; revision 4 reverts 2 and 3 back to 1.
    assert found.reverts == [Revert(4, (2, 3), 1)]
    assert found.made_by(1) is None and found.made_by(3) is None


def test_hidden_text_takes_a_place_but_matches_nothing() -> None:
    page = make_page(["a", "b", "c", "a"], text_hidden=[True, False, False, False])
    assert find_reverts(page).reverts == []
    page = make_page(["a", "x", "a"], text_hidden=[False, True, False])
    assert find_reverts(page).reverts == [Revert(2, (1,), 0)]


def test_the_source_sha1_is_used_without_reading_texts() -> None:
    page = make_page(["a", "b", "a"])
    for revision in page.revisions:
        revision.sha1 = hashlib.sha1(b"x" if revision.rev_id != 101 else b"y").hexdigest()
    page.loader = None  # any text read would raise
    assert find_reverts(page).reverts == [Revert(2, (1,), 0)]


# --- the sha1 cache ------------------------------------------------------------------------


def _cached_page(texts: list[str], store: MemoryStore) -> tuple[Page, CountingLoader]:
    page = make_page(texts)
    loader = CountingLoader(texts)
    page.loader = loader
    page.derived = store
    return page, loader


def test_computed_sha1s_are_cached_and_reused() -> None:
    store = MemoryStore()
    texts = ["a", "b", "a"]
    page, loader = _cached_page(texts, store)
    first = find_reverts(page)
    assert loader.reads == 3 and len(store.values) == 1
    page, loader = _cached_page(texts, store)
    assert find_reverts(page).reverts == first.reverts
    assert loader.reads == 0


def test_a_changed_history_is_not_given_old_sha1s() -> None:
    store = MemoryStore()
    page, _ = _cached_page(["a", "b", "a"], store)
    find_reverts(page)
    # Same length and ids, but one size differs: the cached checksums must not be believed.
    page, loader = _cached_page(["a", "bb", "c"], store)
    assert find_reverts(page).reverts == []
    assert loader.reads == 3


def test_a_damaged_cache_value_is_recomputed() -> None:
    store = MemoryStore()
    page, _ = _cached_page(["a", "b", "a"], store)
    find_reverts(page)
    for key, value in store.values.items():
        damaged = bytearray(value)
        damaged[12] ^= 0xFF  # inside the first checksum
        store.values[key] = bytes(damaged)
    page, loader = _cached_page(["a", "b", "a"], store)
    assert find_reverts(page).reverts == [Revert(2, (1,), 0)]
    assert loader.reads == 3
    for key in store.values:
        store.values[key] = b"short"
    page, loader = _cached_page(["a", "b", "a"], store)
    assert find_reverts(page).reverts == [Revert(2, (1,), 0)]
    assert loader.reads == 3


# --- mwreverts on the full Anarchism history --------------------------------------------------


def _reference() -> tuple[list[tuple[int, str]], list[dict[str, object]]]:
    with gzip.open(REFERENCE / "anarchism-texts.tsv.gz", "rt", encoding="utf-8") as lines:
        texts = [(int(a), b) for a, b in (line.rstrip("\n").split("\t") for line in lines)]
    with gzip.open(REFERENCE / "anarchism-mwreverts.jsonl.gz", "rt", encoding="utf-8") as lines:
        found = [json.loads(line) for line in lines]
    return texts, found


def _as_mwreverts(ids: list[int], found: reverts_module.Reverts) -> list[dict[str, object]]:
    return [
        {
            "reverting": ids[r.reverting],
            "reverteds": [ids[i] for i in reversed(r.reverted)],
            "reverted_to": ids[r.reverted_to],
        }
        for r in found.reverts
    ]


def precision_recall(found: set[int], reference: set[int]) -> tuple[float, float]:
    hits = len(found & reference)
    return hits / len(found), hits / len(reference)


def test_same_input_as_mwreverts_gives_exactly_its_reverts() -> None:
    texts, reference = _reference()
    # mwreverts (through mwxml) skips the revisions with an empty <text/>: do the same.
    kept = [(rev_id, text) for rev_id, text in texts if text != "empty"]
    found = detect([text for _, text in kept])
    assert _as_mwreverts([rev_id for rev_id, _ in kept], found) == reference


def test_precision_and_recall_against_mwreverts_on_the_full_history() -> None:
    texts, reference = _reference()
    assert len(texts) == 15_180
    # wikitui, like MediaWiki, compares an empty text as a text (SHA-1 da39a3ee...).
    ids = [rev_id for rev_id, _ in texts]
    found = detect([text for _, text in texts])
    ref_reverting = {r["reverting"] for r in reference}
    ref_reverted = {i for r in reference for i in r["reverteds"]}  # type: ignore[attr-defined]
    reverting = {ids[i] for i in found.reverting()}
    reverted = {ids[i] for i in found.reverted()}
    for measured in (
        precision_recall(reverting, ref_reverting),
        precision_recall(reverted, ref_reverted),
    ):
        assert min(measured) >= 0.98, measured
    # Every revert mwreverts does not see undoes or restores a blanked page.
    empty = {rev_id for rev_id, text in texts if text == "empty"}
    for revert in found.reverts:
        if ids[revert.reverting] not in ref_reverting:
            touched = {ids[i] for i in (*revert.reverted, revert.reverted_to, revert.reverting)}
            assert touched & empty


def test_sha1s_computed_from_the_texts_find_mwreverts_reverts() -> None:
    """The first 200 revisions, read and hashed by wikitui, against the reference's start."""
    page = open_source(DATA / "sources" / "xml" / "anarchism-first200.xml.bz2").all_pages()[0]
    assert all(r.sha1 is None for r in page.revisions)  # schema 0.4: computed here
    texts, reference = _reference()
    ids = [r.rev_id for r in page.revisions]
    assert ids == [rev_id for rev_id, _ in texts[:200]]
    first = set(ids)
    expected = [r for r in reference if r["reverting"] in first]
    assert len(expected) >= 10
    found = _as_mwreverts(ids, find_reverts(page))  # type: ignore[arg-type]
    empty = {rev_id for rev_id, text in texts[:200] if text == "empty"}
    assert not empty  # so the two ways agree exactly on this stretch
    assert found == expected


# --- MediaWiki's tags ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generator() -> object:
    path = Path(__file__).parent.parent / "bench" / "generate_history.py"
    spec = importlib.util.spec_from_file_location("generate_history", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_history"] = module
    spec.loader.exec_module(module)
    return module


def test_reverts_agree_with_the_generated_histories_tags(generator: object, tmp_path: Path) -> None:
    path = tmp_path / "history.xml"
    generator.write_export(path, revisions=300, article_kb=20, seed=3)  # type: ignore[attr-defined]
    page = open_source(path).all_pages()[0]
    found = find_reverts(page)
    comparison = compare_with_tags(page, found)
    assert comparison.tagged and found.reverts
    # The generator tags vandalism mw-reverted as it writes it; when the history stops right
    # after, the revert is not in it.
    assert set(comparison.tagged_not_reverted) <= {len(page.revisions) - 1}
    assert comparison.tagged_not_reverting == ()
    assert comparison.reverted_untagged == ()
    assert comparison.reverting_untagged == ()
