"""The engine held to wikidiff2: its outputs for the upstream test cases and real revisions.

The wikidiff2 outputs were generated once with php-wikidiff2 1.13.0 by
``tools/regen_wikidiff2.sh`` and are committed beside the inputs (tests/data/wikidiff2/), so
these tests need no PHP. The floors below are the agreement actually reached (see the
README there for the figures and for the deliberate differences).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wikitui.diff import diff_texts
from wikitui.diff.wd2 import Agreement, measure, parse_table, rows_from_result

DATA = Path(__file__).parent / "data" / "wikidiff2"


@pytest.fixture(scope="module")
def similarity() -> dict[str, Agreement]:
    return measure(DATA, "similarity")


@pytest.fixture(scope="module")
def strict() -> dict[str, Agreement]:
    return measure(DATA, "wikidiff2")


def test_all_reference_data_is_there() -> None:
    assert len(list((DATA / "cases").glob("*/wd2-ctx2.html"))) == 30
    assert len(list((DATA / "real").glob("*/*.ctx1.html"))) == 62


def test_wikidiff2_pairing_agrees_with_wikidiff2(strict: dict[str, Agreement]) -> None:
    cases, real = strict["cases"], strict["real"]
    # Real revisions: the same lines, kinds, words and moves in every one of the 62 pairs.
    assert real.cases == 62
    assert real.same_lines == 62
    assert real.same_kinds == 62
    assert real.mark_f1 == 1.0
    assert real.move_f1 == 1.0
    # Upstream test cases: the same lines everywhere; in case 017 one line pair that
    # wikidiff2 shows as a move is a deleted and an added line here (wikidiff2 scores that
    # candidate with the two lines swapped, which ties differently; see the data README).
    assert cases.cases == 30
    assert cases.same_lines == 30
    assert cases.same_kinds >= 29
    assert cases.mark_f1 >= 0.999
    assert cases.word_f1 >= 0.9999
    assert cases.move_f1 >= 0.98


def test_default_pairing_stays_close_to_wikidiff2(similarity: dict[str, Agreement]) -> None:
    cases, real = similarity["cases"], similarity["real"]
    # Pairing by similarity and recognising splits changes which rows are "change",
    # "move" or whole-line, never which lines are touched.
    assert real.same_lines == 62
    assert real.same_kinds >= 57
    assert real.mark_f1 >= 0.95
    assert real.word_f1 >= 0.999
    assert cases.same_lines == 30
    assert cases.same_kinds >= 22
    assert cases.mark_f1 >= 0.99
    assert cases.word_f1 >= 0.9999


def test_default_pairing_finds_moved_paragraphs_as_wikidiff2_does(
    similarity: dict[str, Agreement],
) -> None:
    # Moves in the default mode: never one that wikidiff2 does not show, and at least the
    # share reached now (pairing by similarity turns some of wikidiff2's moves into changed
    # rows: 17 of 31 in the upstream cases, 2 of 6 in the real revisions are found).
    cases, real = similarity["cases"], similarity["real"]
    assert cases.move_fp == 0 and real.move_fp == 0
    assert cases.move_f1 >= 0.70
    assert real.move_f1 >= 0.5


def test_case_001_row_for_row() -> None:
    case = DATA / "cases" / "001"
    old = (case / "old.txt").read_text(encoding="utf-8")
    new = (case / "new.txt").read_text(encoding="utf-8")
    ours = rows_from_result([r for h in diff_texts(old, new, None).hunks for r in h.rows])
    theirs = parse_table((case / "wd2-ctx2.html").read_text(encoding="utf-8"))

    def changes(rows: list) -> list[tuple]:  # type: ignore[type-arg]
        return [
            (r.type, r.old_line, r.new_line, r.old_spans, r.new_spans, r.moved_to, r.moved_from)
            for r in rows
            if r.type != "context"
        ]

    assert changes(ours) == changes(theirs)
    # Spot-check against the hand-readable case: "blah blah blah 1" -> "... 2".
    assert ("change", 51, 47) in [(t, o, n) for t, o, n, *_ in changes(theirs)]


def test_hunk_headers_match_wikidiff2_line_numbers() -> None:
    """With 2 lines of context, our hunks start where wikidiff2's "Line N" headers say."""
    import re

    agree = total = 0
    for case in sorted((DATA / "cases").iterdir()):
        if not (case / "old.txt").exists():
            continue
        old = (case / "old.txt").read_text(encoding="utf-8")
        new = (case / "new.txt").read_text(encoding="utf-8")
        html = (case / "wd2-ctx2.html").read_text(encoding="utf-8")
        numbers = [int(n) for n in re.findall(r"<!--LINE (\d+)-->", html)]
        theirs = list(zip(numbers[::2], numbers[1::2], strict=True))
        ours = [(h.old_line, h.new_line) for h in diff_texts(old, new, 2).hunks]
        total += 1
        agree += ours == theirs
    assert total == 30
    assert agree == 30
