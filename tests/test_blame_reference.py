"""Blame against WikiWho's committed output (tests/data/blame/, see its README)."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from wikitui.blame import Authorship
from wikitui.sources import open_source

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "blame"
FLOOR = 0.95  # share of non-space characters whose origin agrees with WikiWho's


def load(name: str) -> dict[str, object]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as stream:
        data: dict[str, object] = json.load(stream)
    return data


def agreement(reference: dict[str, object], text: str, origins: list[int | None]) -> float:
    """Share of the reference tokens' non-space characters that have the same origin."""
    agree = total = 0
    for start, end, rev_id in reference["tokens"]:  # type: ignore[attr-defined]
        for offset in range(start, end):
            if not text[offset].isspace():
                total += 1
                agree += origins[offset] == rev_id
    return agree / total


def char_origins(page, blame) -> list[int | None]:  # type: ignore[no-untyped-def]
    origins: list[int | None] = [None] * len(blame.text)
    for span in blame.spans:
        origins[span.start : span.end] = [page.revisions[span.index].rev_id] * (
            span.end - span.start
        )
    return origins


def test_agreement_with_wikiwho_on_the_first_200_revisions_of_anarchism() -> None:
    reference = load("wikiwho-anarchism-first200.json.gz")
    page = open_source(ROOT / "sample_data" / "anarchism-first200.xml.bz2").find_page(None)
    latest = len(page.revisions) - 1
    assert page.revisions[latest].rev_id == reference["rev_id"]
    blame = Authorship.of(page).blame(latest)
    assert hashlib.sha1(blame.text.encode()).hexdigest() == reference["text_sha1"]
    assert agreement(reference, blame.text, char_origins(page, blame)) >= FLOOR


def test_the_full_history_reference_is_whole() -> None:
    # The full history is not in the repository (bench/bench_blame.py measures agreement on
    # it); here: the reference covers its latest revision's text, in order, without overlap.
    reference = load("wikiwho-anarchism-full.json.gz")
    assert reference["revisions_read"] == 15180
    position = 0
    for start, end, rev_id in reference["tokens"]:
        assert position <= start < end <= reference["text_length"]
        assert isinstance(rev_id, int) and rev_id <= reference["rev_id"]
        position = end
