"""The engine's speed-ups change nothing: records, codes, tokens, bounds and counts by hand."""

from __future__ import annotations

import json
import re
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitui.diff import align, boundaries, compiled, diff_texts, diff_to_json, moves
from wikitui.diff.align import Encoder, _bit_parallel_lcs, lcs_length
from wikitui.diff.json_form import diff_json_text, dumps_indented
from wikitui.diff.model import DiffRow, DiffStats, Hunk
from wikitui.diff.similarity import Lines, shared_weight
from wikitui.diff.spans import span_counts, spans_from_flags, spans_similarity
from wikitui.diff.tokens import _SPACELESS_SOURCE, _TOKEN, _is_spaceless, tokenize

# -- records -----------------------------------------------------------------------------------


def test_records_compare_by_value_and_keep_their_field_order() -> None:
    assert DiffStats(words_added=1) == DiffStats(words_added=1)
    assert DiffStats(words_added=1) != DiffStats()
    assert DiffRow("add", None, 3, [("+", "x")]) == DiffRow("add", None, 3, [("+", "x")])
    assert DiffRow("add", None, 3, [("+", "x")]) != DiffRow("add", None, 4, [("+", "x")])
    assert Hunk(1, 1, None).rows == []
    assert repr(Hunk(1, 2, "History")) == (
        "Hunk(old_line=1, new_line=2, section='History', rows=[])"
    )
    # The JSON "stats" object lists its keys in this order.
    assert list(DiffStats(bytes_delta=-4).as_dict().items()) == [
        ("words_added", 0),
        ("words_removed", 0),
        ("chars_added", 0),
        ("chars_removed", 0),
        ("bytes_delta", -4),
        ("lines_added", 0),
        ("lines_removed", 0),
        ("lines_changed", 0),
        ("paragraphs_moved", 0),
    ]
    with pytest.raises(TypeError):
        hash(DiffStats())  # mutable: compared by value, so not hashable


# -- codes and tokens --------------------------------------------------------------------------


@pytest.mark.parametrize("built", [True, False], ids=["compiled", "python"])
def test_encoder_numbers_codes_by_first_sight_and_skips_surrogates(
    built: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if built and compiled.speedups is None:
        pytest.skip("wikitui.diff._speedups was not built")
    if not built:
        monkeypatch.setattr(compiled, "speedups", None)
    encoder = Encoder()
    assert encoder.encode(["b", "a", "b"]) == "\x01\x02\x01"
    assert encoder.encode(["a", "c"]) == "\x02\x03"
    # Fill the table up to just below the surrogate block: the next codes jump over it.
    encoder.codes.update((("filler", n), chr(n)) for n in range(4, 0xD800))
    assert len(encoder.codes) == 0xD7FF
    assert encoder.encode(["x", "y"]) == "\U0000e000\U0000e001"
    assert encoder.encode(["y", "x", "b"]) == "\U0000e001\U0000e000\x01"


def test_spaceless_check_agrees_with_the_spaceless_class() -> None:
    pattern = re.compile(_SPACELESS_SOURCE)
    for code in range(0x80, 0x30000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        assert _is_spaceless(char) == bool(pattern.match(char)), hex(code)


@pytest.mark.skipif(compiled.speedups is None, reason="wikitui.diff._speedups was not built")
def test_compiled_spaceless_check_agrees_with_the_python_one() -> None:
    speedups = compiled.speedups
    assert speedups is not None
    for code in range(0x80, 0x30000):
        if 0xD800 <= code < 0xE000:
            continue
        line = f"a {chr(code)}é"
        assert speedups.has_spaceless(line) == any(map(_is_spaceless, line)), hex(code)
    assert not speedups.has_spaceless("Kraków Łódź") and not speedups.has_spaceless("")


def test_high_characters_of_spaced_scripts_keep_words_whole() -> None:
    # ế (U+1EBF) is above Thai but Vietnamese is written with spaces.
    assert tokenize("Thành phố Huế, 中文") == [
        "Thành",
        " ",
        "phố",
        " ",
        "Huế",
        ",",
        " ",
        "中",
        "文",
    ]


def test_words_mixing_cjk_and_latin_letters_split_at_each_cjk_character() -> None:
    # As wikidiff2's explodeWords: each CJK character is a word, and the Latin letters on
    # either side of one stay a word of their own.
    assert tokenize("東京Tower") == ["東", "京", "Tower"]
    assert tokenize("Tower東京") == ["Tower", "東", "京"]
    assert tokenize("abc東def京ghi") == ["abc", "東", "def", "京", "ghi"]
    assert tokenize("新宿2024年") == ["新", "宿", "2024", "年"]
    # In a diff only the changed word is marked, not the whole run of letters.
    row = diff_texts("Visit 東京Tower today", "Visit 東京Bridge today").hunks[0].rows[0]
    assert row.type == "change"
    assert [(op, text) for op, text in row.spans if op != "="] == [("-", "Tower"), ("+", "Bridge")]
    row = diff_texts("Visit 東京Tower today", "Visit 京都Tower today").hunks[0].rows[0]
    changed = "".join(text for op, text in row.spans if op != "=")
    assert "Tower" not in changed and "東" in changed and "都" in changed


# -- similarity, counts, LCS lengths -----------------------------------------------------------


def test_similarity_is_kept_bytes_over_kept_plus_longer_replaced_sides() -> None:
    # Kept: "ab " (3 bytes) and " é" (3 bytes); replaced: "cd" (2) by "xyz" (3).
    spans = [("=", "ab "), ("-", "cd"), ("+", "xyz"), ("=", " é")]
    assert spans_similarity(spans) == 6 / 9  # type: ignore[arg-type]
    # A removal at the end counts too; nothing kept is 0.
    assert spans_similarity([("=", "a"), ("-", "bb")]) == 1 / 3
    assert spans_similarity([("-", "a"), ("+", "b")]) == 0.0
    assert spans_similarity([]) == 0.0


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("_a b1 über 2nd", "_a b2 unter 2nd x_y"),
        ("中文字 abc", "中字 abd, 文"),
        ("Łódź [[Kraków]] is", "Lodz [[Krakow|Kraków]] was"),
    ],
)
def test_word_counts_from_tokens_equal_counts_from_span_text(old: str, new: str) -> None:
    diff = Lines(old, new).word_diff(0, 0)
    assert diff.source is not None
    assert diff.counts() == span_counts(diff.spans)


def test_lcs_length_is_symmetric_and_matches_the_alignment() -> None:
    a, b = "ABCBDAB" * 5 + "XYZ", "BDCABA" * 5 + "QZ"
    a_changed, b_changed = _bit_parallel_lcs(a, b)
    kept = a_changed.count(False)
    assert kept == b_changed.count(False)
    assert lcs_length(a, b) == lcs_length(b, a) == kept
    assert lcs_length("abc", "xyz") == 0


# -- the compiled LCS is the Python one, faster ------------------------------------------------

_codes = st.text(alphabet=st.sampled_from("ab\x01\x02\u0100\U00010000"), max_size=150)


@pytest.mark.skipif(compiled.speedups is None, reason="wikitui.diff._speedups was not built")
@settings(max_examples=400, deadline=None)
@given(_codes, _codes)
def test_compiled_lcs_gives_the_python_flags_and_lengths(a: str, b: str) -> None:
    speedups = compiled.speedups
    assert speedups is not None
    # Lengths around 64 and 128 cross the word boundaries of the compiled bit vectors.
    a, b = a * (1 + len(a) % 3), b * (1 + len(b) % 2)
    try:
        compiled.speedups = None
        python_flags = align._bit_parallel_lcs_leftmost(a, b) if a and b else None
        python_length = align.lcs_length(a, b) if a else 0
    finally:
        compiled.speedups = speedups
    if python_flags is not None:
        assert speedups.leftmost_flags(a, b) == python_flags
    assert speedups.lcs_length(a, b) == python_length


@pytest.mark.skipif(compiled.speedups is None, reason="wikitui.diff._speedups was not built")
def test_diff_is_the_same_without_the_compiled_lcs(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = Path(__file__).parent / "data" / "wikidiff2" / "real" / "anarchism-first200"
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))[:12]]
    pairs = list(pairwise(texts))
    with_compiled = [diff_to_json(diff_texts(old, new), None, {}) for old, new in pairs]
    monkeypatch.setattr(compiled, "speedups", None)
    assert [diff_to_json(diff_texts(old, new), None, {}) for old, new in pairs] == with_compiled


# -- the work done never changes the result ----------------------------------------------------


def _paragraph(subject: str, words: list[str]) -> str:
    """A paragraph long enough (over 200 bytes) for the engine to bound before diffing."""
    return " ".join(
        f"The {subject} {word} in {1900 + k} along the coast." for k, word in enumerate(words)
    )


MOVED = (
    "\n\n".join(
        [
            "Intro line that stays.",
            _paragraph(
                "harbour", ["was rebuilt", "lost its piers", "grew", "was dredged", "closed"]
            ),
            _paragraph("trade", ["began", "boomed", "shrank", "recovered", "moved inland"]),
            _paragraph("fishing fleet", ["sailed", "sank", "returned", "doubled", "was sold"]),
        ]
    )
    + "\n"
)


def test_move_search_shortcut_does_not_change_the_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = MOVED.split("\n")
    # Move the harbour paragraph to the end, with an edit; edit another in place.
    moved = lines[2].replace("1902", "1903")
    new = "\n".join([*lines[:2], lines[4].replace("boomed", "thrived"), *lines[5:7], "", moved])
    assert len(moved) > 200
    results = []
    for bound in (0.0, 2.0):  # every candidate diffed at once / every one bounded first
        monkeypatch.setattr(moves, "LIKELY_MOVE_BOUND", bound)
        results.append(diff_to_json(diff_texts(MOVED, new, None), None, {}))
    assert results[0] == results[1]
    rows = [row for hunk in results[0]["hunks"] for row in hunk["rows"]]
    assert [row["type"] for row in rows if row["type"].startswith("move")] == [
        "move-from",
        "move-to",
    ]


def test_diff_json_command_does_not_import_dataclasses(tmp_path: Path) -> None:
    # Checked in a fresh interpreter: importing dataclasses costs ~8 ms at every start.
    import subprocess

    old, new = tmp_path / "old.wiki", tmp_path / "new.wiki"
    old.write_text("== A ==\none two three\n", encoding="utf-8")
    new.write_text("== A ==\none two four\n", encoding="utf-8")
    code = (
        "import sys, io, contextlib\n"
        "from wikitui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    main(['diff', {str(old)!r}, {str(new)!r}, '--json'])\n"
        'assert \'"section": "A"\' in out.getvalue()\n'
        "print(sorted({'dataclasses', 'inspect'} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


# -- JSON text -----------------------------------------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(_json_values)
def test_indented_json_is_the_standard_encoders_text(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_diff_json_text_is_the_standard_encoders_text() -> None:
    old = '== Ünïcode ==\n"quoted" \\ back\tslash\nline three\n\nmoved paragraph here\n'
    new = '== Ünïcode ==\n"quoted" / back\tslash\u2028\nline 3\n\nmoved paragraph here\n'
    data = diff_to_json(
        diff_texts(old, new, None),
        {"rev_id": 7, "minor": True, "tags": ["mw-undo"], "comment": None, "size": 1.5},
        {"path": "new.txt", "extra": (1, 2), 3: "int key", None: {}, "empty": []},
    )
    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=1)
    for context in (None, 0):  # sections, moves, rows without spans (an empty line added)
        result = diff_texts(old + "\n\nx", "moved paragraph here\n\n" + new, context)
        direct = diff_json_text(result, {"minor": False, "size": 1.5}, {"path": "b"})
        data = diff_to_json(result, {"minor": False, "size": 1.5}, {"path": "b"})
        assert direct == json.dumps(data, ensure_ascii=False, indent=1)
    same = diff_texts(old, old)  # no hunks
    assert diff_json_text(same, None, {}) == json.dumps(
        diff_to_json(same, None, {}), ensure_ascii=False, indent=1
    )


def test_collector_is_paused_during_work_and_restored_as_it_was() -> None:
    import gc

    from wikitui.gc_pause import collector_paused

    was = gc.isenabled()
    try:
        gc.enable()
        with pytest.raises(ValueError), collector_paused():
            assert not gc.isenabled()
            raise ValueError
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.skipif(compiled.speedups is None, reason="wikitui.diff._speedups was not built")
@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ab_9 ,.\n\t[|'\x7f\x80\xa0\xbf\xc0éΩ東京\U00020000\u0e01/:@`{~")
    )
)
def test_compiled_word_split_is_the_regular_expressions(line: str) -> None:
    assert compiled.speedups is not None
    assert compiled.speedups.split_words(line) == _TOKEN.findall(line)


_weights = st.dictionaries(
    st.sampled_from(["a", "b", " ", "[[", "東京", "x" * 9]), st.integers(0, 10**6)
)


@pytest.mark.skipif(compiled.speedups is None, reason="wikitui.diff._speedups was not built")
@settings(max_examples=300, deadline=None)
@given(_weights, _weights)
def test_compiled_shared_weight_is_the_python_sum(a: dict[str, int], b: dict[str, int]) -> None:
    speedups = compiled.speedups
    assert speedups is not None
    try:
        compiled.speedups = None
        expected = shared_weight(a, b)
    finally:
        compiled.speedups = speedups
    assert expected == sum(min(a[key], b[key]) for key in a.keys() & b.keys())
    assert speedups.shared_weight(a, b) == speedups.shared_weight(b, a) == expected


@pytest.mark.skipif(compiled.speedups is None, reason="wikitui.diff._speedups was not built")
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ,[|\x7f\xa0éΩ東京\U00020000\u0e01")))
def test_compiled_token_weights_are_the_python_weights(line: str) -> None:
    speedups = compiled.speedups
    assert speedups is not None
    lines = Lines(line, "")
    try:
        compiled.speedups = None
        expected = Lines(line, "").weights("-", 0) if line else {}
    finally:
        compiled.speedups = speedups
    weights = lines.weights("-", 0) if line else {}
    assert weights == expected
    assert list(weights) == list(expected)  # the same order of first sight
    tokens = tokenize(line)
    assert speedups.token_weights(tokens)[1] == {t: tokens.count(t) for t in tokens}


@st.composite
def _flagged_pair(draw: st.DrawFn) -> tuple[list[str], list[str], list[bool], list[bool]]:
    """Two token lists with change flags that keep as many tokens on each side."""
    tokens_a: list[str] = []
    tokens_b: list[str] = []
    a_changed: list[bool] = []
    b_changed: list[bool] = []
    words = st.sampled_from(["a", "b", " ", "東京", "[["])
    for op in draw(st.lists(st.sampled_from("=-+"), max_size=30)):
        word = draw(words)
        if op in "=-":
            tokens_a.append(word)
            a_changed.append(op == "-")
        if op in "=+":
            tokens_b.append(word)
            b_changed.append(op == "+")
    return tokens_a, tokens_b, a_changed, b_changed


@pytest.mark.skipif(compiled.speedups is None, reason="wikitui.diff._speedups was not built")
@settings(max_examples=300, deadline=None)
@given(_flagged_pair())
def test_compiled_spans_are_the_python_spans(
    pair: tuple[list[str], list[str], list[bool], list[bool]],
) -> None:
    speedups = compiled.speedups
    assert speedups is not None
    try:
        compiled.speedups = None
        expected = spans_from_flags(*pair)
    finally:
        compiled.speedups = speedups
    assert speedups.spans_from_flags(*pair) == expected


@pytest.mark.skipif(compiled.speedups is None, reason="wikitui.diff._speedups was not built")
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab ", max_size=40), st.text(alphabet="ab ", max_size=40))
def test_compiled_boundary_shift_is_the_python_one(a: str, b: str) -> None:
    # Runs of repeated items ("a a a") are where changes can slide.
    speedups = compiled.speedups
    assert speedups is not None
    a_changed, b_changed = align._bit_parallel_lcs_leftmost(a, b) if a and b else ([], [])
    if not (a and b):
        a_changed, b_changed = [True] * len(a), [True] * len(b)
    expected_a, expected_b = list(a_changed), list(b_changed)
    try:
        compiled.speedups = None
        boundaries.shift_boundaries(a, expected_a, expected_b)
        boundaries.shift_boundaries(b, expected_b, expected_a)
    finally:
        compiled.speedups = speedups
    speedups.shift_boundaries(a, a_changed, b_changed)
    speedups.shift_boundaries(b, b_changed, a_changed)
    assert (a_changed, b_changed) == (expected_a, expected_b)


@pytest.mark.skipif(compiled.speedups is None, reason="wikitui.diff._speedups was not built")
@settings(max_examples=300, deadline=None)
@given(_flagged_pair())
def test_compiled_span_similarity_is_the_python_one(
    pair: tuple[list[str], list[str], list[bool], list[bool]],
) -> None:
    speedups = compiled.speedups
    assert speedups is not None
    spans = spans_from_flags(*pair)
    try:
        compiled.speedups = None
        expected = spans_similarity(spans)
    finally:
        compiled.speedups = speedups
    assert speedups.spans_similarity(spans) == expected
