"""``wikitui diff`` end to end: files and histories, text and JSON, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import PEAR_FIRST, PEAR_SWEET, pear_history, pear_revision, run_wikitui

GADGETS = """\
  <page>
    <title>MediaWiki:Gadgets.json</title><ns>8</ns><id>8</id>
    <revision>
      <id>201</id><parentid>0</parentid><timestamp>2020-01-01T10:00:00Z</timestamp>
      <contributor><username>Alice</username><id>1</id></contributor>
      <model>json</model><format>application/json</format>
      <text bytes="2">{}</text>
    </revision>
  </page>
"""
HISTORY = pear_history(
    pear_revision(101, "Alice", "create", PEAR_FIRST, user_id=1),
    pear_revision(102, "Bob", "hidden", None, user_id=2),
    pear_revision(103, "192.0.2.1", "restore", PEAR_FIRST),
    pear_revision(104, "Carol", "/* Uses */ eaten", PEAR_SWEET, user_id=3, minor=True),
    more_pages=GADGETS,
)


@pytest.fixture()
def history(tmp_path: Path) -> Path:
    path = tmp_path / "pear.xml"
    path.write_text(HISTORY, encoding="utf-8")
    return path


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.wiki", tmp_path / "new.wiki"
    old.write_text("intro\n\nThe cat sat on the mat.\n\nend\n", encoding="utf-8")
    new.write_text("intro\n\nThe cat lay on the mat.\n\nend\n", encoding="utf-8")
    return old, new


def test_two_files_plain_side_by_side(files: tuple[Path, Path]) -> None:
    old, new = files
    done = run_wikitui("diff", str(old), str(new), "--width", "80")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "\x1b[" not in out  # piped: no colour
    assert "old.wiki" in out and "new.wiki" in out  # (long paths wrap)
    assert "Line 1:" in out
    assert "The cat [-sat-] on the mat." in out
    assert "The cat {+lay+} on the mat." in out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert all(line == line.rstrip() for line in out.splitlines())


def test_inline_layout_marks_both_words_in_one_line(files: tuple[Path, Path]) -> None:
    done = run_wikitui("diff", *map(str, files), "--inline", "--width", "100")
    assert done.returncode == 0, done.stderr
    assert "The cat [-sat-]{+lay+} on the mat." in done.stdout
    assert "--- " in done.stdout and "+++ " in done.stdout


def test_forced_colour_uses_escape_codes_and_no_marks(files: tuple[Path, Path]) -> None:
    done = run_wikitui("diff", *map(str, files), "--color")
    assert done.returncode == 0
    assert "\x1b[" in done.stdout
    assert "[-sat-]" not in done.stdout


def test_long_lines_wrap_and_are_never_cut(tmp_path: Path) -> None:
    words = [f"word{k}" for k in range(120)]
    old, new = tmp_path / "a", tmp_path / "b"
    old.write_text(" ".join(words), encoding="utf-8")
    words[60] = "CHANGED"
    new.write_text(" ".join(words), encoding="utf-8")
    done = run_wikitui("diff", str(old), str(new), "--width", "60")
    assert done.returncode == 0
    flat = "".join(done.stdout.split())
    for word in words:
        assert word in flat  # wrapped onto several lines, but every word is there
    assert "{+CHANGED+}" in flat and "[-word60-]" in flat


def test_two_files_json(files: tuple[Path, Path]) -> None:
    old, new = files
    done = run_wikitui("diff", str(old), str(new), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["from"] == {"path": str(old), "size": old.stat().st_size}
    assert data["to"]["path"] == str(new)
    (hunk,) = data["hunks"]
    assert (hunk["old_line"], hunk["new_line"], hunk["section"]) == (1, 1, None)
    change = [row for row in hunk["rows"] if row["type"] == "change"]
    assert change == [
        {
            "type": "change",
            "old_line": 3,
            "new_line": 3,
            "spans": [["=", "The cat "], ["-", "sat"], ["+", "lay"], ["=", " on the mat."]],
        }
    ]
    assert data["stats"]["words_added"] == 1 and data["stats"]["bytes_delta"] == 0


def test_history_default_is_latest_against_its_parent(history: Path) -> None:
    done = run_wikitui("diff", str(history), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["from"]["rev_id"], data["to"]["rev_id"]) == (103, 104)
    assert data["to"]["user"] == "Carol" and data["to"]["minor"] is True
    assert data["from"]["anon"] is True
    sections = [hunk["section"] for hunk in data["hunks"]]
    assert sections == [None]  # the first change is in the lead
    added = [r for h in data["hunks"] for r in h["rows"] if r["type"] == "add"]
    assert added == [
        {"type": "add", "old_line": None, "new_line": 4, "spans": [["+", "Pears are eaten fresh."]]}
    ]


def test_history_text_header_and_intermediate_revisions(history: Path) -> None:
    done = run_wikitui("diff", str(history), "--from", "oldest", "--to", "latest", "--width", "120")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Revision as of 10:00, 1 January 2020" in out  # the wiki's form, as in the app
    # The summary reads as `wikitui list` shows it, not as raw wikitext.
    assert "Carol" in out and "→Uses: eaten" in out and "/* Uses */" not in out
    assert "(2 intermediate revisions by 2 users not shown)" in out
    assert "a{+ sweet+} fruit" in out  # the earlier of two equal places, as in wikidiff2


def test_page_creation_has_no_old_revision(history: Path) -> None:
    done = run_wikitui("diff", str(history), "--to", "oldest", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["from"] is None
    assert [r["type"] for h in data["hunks"] for r in h["rows"]] == ["add", "add", "add"]


def test_from_newer_than_to_shows_the_reverse_diff(history: Path) -> None:
    done = run_wikitui("diff", str(history), "--from", "104", "--to", "103", "--json")
    assert done.returncode == 0
    assert "reverse diff" in done.stderr
    data = json.loads(done.stdout)
    assert data["stats"]["lines_removed"] == 1  # the line 104 added is gone again


def test_selectors_with_tilde(history: Path) -> None:
    done = run_wikitui("diff", str(history), "--from", "latest~1", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["from"]["rev_id"] == 103


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--to", "999"], 4, "revision 999 is not in the history of 'Pear'"),
        (["--to", "102"], 5, "hidden"),
        (["--page", "MediaWiki:Gadgets.json"], 5, "not wikitext"),
        (["--page", "Apple"], 4, "no page titled 'Apple'"),
        (["--context", "lots"], 2, "--context must be a number or 'all'"),
    ],
)
def test_errors_are_one_line_without_traceback(
    history: Path, args: list[str], code: int, message: str
) -> None:
    done = run_wikitui("diff", str(history), *args)
    assert done.returncode == code
    assert message in done.stderr
    assert done.stderr.startswith("wikitui: ")
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_bad_files_are_named(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("x", encoding="utf-8")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"ok\n\xff\xfe")
    done = run_wikitui("diff", str(good), str(binary))
    assert done.returncode == 3
    assert f"{binary}: not UTF-8 text (byte 3)" in done.stderr
    missing = run_wikitui("diff", str(good), str(tmp_path / "nope.txt"))
    assert missing.returncode == 3 and "nope.txt: no such file" in missing.stderr
    mixed = run_wikitui("diff", str(good), str(good), "--from", "1")
    assert mixed.returncode == 2 and "not to two files" in mixed.stderr


def test_identical_files(tmp_path: Path) -> None:
    same = tmp_path / "same.txt"
    same.write_text("a\nb\n", encoding="utf-8")
    done = run_wikitui("diff", str(same), str(same))
    assert done.returncode == 0
    assert "(No difference)" in done.stdout


def test_json_path_imports_neither_textual_nor_rich(files: tuple[Path, Path]) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from wikitui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main(['diff', {str(files[0])!r}, {str(files[1])!r}, '--json'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})\n"
        "print(status, heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "0 []", done.stderr


def test_help_lists_the_options() -> None:
    done = run_wikitui("diff", "--help")
    assert done.returncode == 0
    for option in ("--from", "--to", "--context", "--inline", "--json", "--width", "--no-color"):
        assert option in done.stdout
    assert "moved_to" in done.stdout  # the JSON schema is documented in the help


def test_parents_missing_from_an_excerpt(tmp_path: Path) -> None:
    excerpt = tmp_path / "excerpt.xml"
    # Revision 101 claims parent 100, which the file does not hold; 103 claims 102 likewise.
    text = HISTORY.replace("<parentid>0</parentid>", "<parentid>100</parentid>")
    text = text.replace("<parentid>103</parentid>", "<parentid>99</parentid>")
    excerpt.write_text(text, encoding="utf-8")
    first = run_wikitui("diff", str(excerpt), "--to", "101")
    assert first.returncode == 4
    assert "the parent of revision 101 (revision 100) is not in" in first.stderr
    assert "choose the old side with --from" in first.stderr
    latest = run_wikitui("diff", str(excerpt), "--json")
    assert latest.returncode == 0
    assert "comparing with the previous revision there" in latest.stderr
    assert json.loads(latest.stdout)["from"]["rev_id"] == 103
