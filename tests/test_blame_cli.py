"""``wikitui blame``: plain and JSON output, the JSON's keys and invariants, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import PEAR_FIRST, PEAR_SWEET, pear_history, pear_revision, run_main

ROOT = Path(__file__).parent.parent
EXCERPT = ROOT / "sample_data" / "anarchism-first200.xml.bz2"
HISTORY = pear_history(
    pear_revision(101, "Alice", "create", PEAR_FIRST, user_id=1),
    pear_revision(102, "Bob", "hidden", None, user_id=2),
    pear_revision(103, "Carol", "/* Uses */ eaten", PEAR_SWEET, user_id=3),
)


@pytest.fixture
def pear(tmp_path: Path) -> Path:
    path = tmp_path / "pear.xml"
    path.write_text(HISTORY, encoding="utf-8")
    return path


def _blame(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    return run_main(capsys, "blame", *args)


def test_json_keys_and_spans(capsys: pytest.CaptureFixture[str], pear: Path) -> None:
    status, out, err = _blame(capsys, pear, "--json")
    assert status == 0, err
    data = json.loads(out)
    assert list(data) == ["page", "rev_id", "revisions", "spans"]
    assert data["page"] == "Pear" and data["rev_id"] == 103
    text = "The '''pear''' is a sweet fruit.\n\n== Uses ==\nPears are eaten fresh."
    assert data["spans"][0]["start"] == 0 and data["spans"][-1]["end"] == len(text)
    for before, after in zip(data["spans"], data["spans"][1:], strict=False):
        assert before["end"] == after["start"]
    assert all(list(span) == ["start", "end", "rev_id"] for span in data["spans"])
    assert {str(span["rev_id"]) for span in data["spans"]} == set(data["revisions"])
    assert data["revisions"]["101"] == {
        "user": "Alice",
        "timestamp": "2020-01-01T10:00:00Z",
        "comment": "create",
    }
    owner = {text[s["start"] : s["end"]].strip(): s["rev_id"] for s in data["spans"]}
    assert owner["sweet"] == 103
    assert owner["Pears are eaten fresh."] == 103
    assert 101 in owner.values()


def test_json_spans_on_a_real_history(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _blame(capsys, EXCERPT, "--rev", "latest~50", "--json")
    assert status == 0
    data = json.loads(out)
    position = 0
    for span in data["spans"]:
        assert span["start"] == position < span["end"]
        assert span["rev_id"] <= data["rev_id"]  # ids grow with time in this history
        position = span["end"]


def test_plain_output_has_a_gutter_per_line(capsys: pytest.CaptureFixture[str], pear: Path) -> None:
    status, out, _ = _blame(capsys, pear)
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 4
    assert lines[0].endswith("│ The '''pear''' is a sweet fruit.")
    assert lines[0].split()[:3] == ["101", "2020-01-01", "Alice"]  # all but "sweet"
    assert lines[2].split()[:3] == ["101", "2020-01-01", "Alice"]
    assert lines[3].split()[:3] == ["103", "2020-01-03", "Carol"]
    assert "\x1b[" not in out
    _, coloured, _ = _blame(capsys, pear, "--color")
    assert "\x1b[38;5;" in coloured


def test_hidden_text_is_a_one_line_error(capsys: pytest.CaptureFixture[str], pear: Path) -> None:
    status, out, err = _blame(capsys, pear, "--rev", "102")
    assert status == 5 and not out
    assert err == "wikitui: the text of revision 102 is hidden\n"


def test_unknown_revision_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], pear: Path
) -> None:
    status, _, err = _blame(capsys, pear, "--rev", "999")
    assert status == 4
    assert err.count("\n") == 1 and "999" in err


def test_lines_and_pieces_cover_the_text() -> None:
    from blame_helpers import blame_of, make_page

    from wikitui.present.blame import blame_lines, line_pieces

    page = make_page(
        ("Alice", "Pears are fruit.\n\nThey grow."),
        ("Bob", "Pears are sweet fruit.\n\nThey grow.\n"),
    )
    blame = blame_of(page)
    lines = blame_lines(blame)
    assert [blame.text[line.start : line.end] for line in lines] == blame.text.split("\n")
    assert [line.owner for line in lines] == [0, None, 0, None]
    assert "".join(piece for line in lines for piece, _ in line_pieces(blame, line)) == (
        blame.text.replace("\n", "")
    )
    assert [index for piece, index in line_pieces(blame, lines[0])] == [0, 1, 0]
