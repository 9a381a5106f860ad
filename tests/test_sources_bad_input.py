"""Bad input: one line on stderr naming the file (and line/byte), a non-zero exit, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wikitui.cli import main
from wikitui.errors import SourceError
from wikitui.sources import open_source

DATA = Path(__file__).parent / "data" / "sources"
BAD = DATA / "bad"
PYRUS = DATA / "xml" / "pywikibot-article-pyrus.xml"


def _run_list(path: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["list", str(path)])
    captured = capsys.readouterr()
    assert captured.out == ""
    return status, captured.err


def _assert_one_line(err: str, *fragments: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("wikitui: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, (fragment, err)


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, err = _run_list(tmp_path / "nope.xml", capsys)
    assert status == 3
    _assert_one_line(err, "nope.xml", "no such file or directory")


def test_empty_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run_list(BAD / "empty.xml", capsys)
    assert status == 3
    _assert_one_line(err, "empty.xml", "empty file")


def test_empty_compressed_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import bz2

    path = tmp_path / "nothing.xml.bz2"
    path.write_bytes(bz2.compress(b""))
    status, err = _run_list(path, capsys)
    assert status == 3
    _assert_one_line(err, "nothing.xml.bz2", "empty file")


def test_unsupported_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run_list(BAD / "unsupported.png", capsys)
    assert status == 3
    _assert_one_line(err, "unsupported.png", "unsupported file")


def test_xml_that_is_not_an_export(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run_list(BAD / "not-an-export.xml", capsys)
    assert status == 3
    _assert_one_line(err, "not-an-export.xml", "not a MediaWiki XML export")


def test_malformed_structure_names_the_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run_list(BAD / "malformed-structure.xml", capsys)
    assert status == 3
    # "</pag>" is on line 15 of the file.
    _assert_one_line(err, "malformed-structure.xml", "line 15", "unexpected end tag")


def test_malformed_header_names_the_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run_list(BAD / "malformed-header.xml", capsys)
    assert status == 3
    _assert_one_line(err, "malformed-header.xml", "line 3", "mismatched tag")


@pytest.mark.parametrize(
    ("cut_after", "context"),
    [
        (b"<text xml:space=\"preserve\">'''Pyrus", "inside a text"),
        (b"<username>Jkokemu", "inside a revision"),
        (b"</page>", "before </mediawiki>"),
    ],
)
def test_truncated_xml(
    cut_after: bytes, context: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = PYRUS.read_bytes()
    cut = data.index(cut_after) + len(cut_after)
    path = tmp_path / "truncated.xml"
    path.write_bytes(data[:cut])
    status, err = _run_list(path, capsys)
    assert status == 3
    _assert_one_line(err, "truncated.xml", "truncated", context, f"byte {cut}")


def test_truncated_bz2_early(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "cut.xml.bz2"
    path.write_bytes((DATA / "xml" / "pywikibot-article-pyrus.xml.bz2").read_bytes()[:600])
    status, err = _run_list(path, capsys)
    assert status == 3
    _assert_one_line(err, "cut.xml.bz2", "truncated bz2 file")


def test_truncated_bz2_after_many_revisions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The first blocks decompress fine; the end of the data is missing."""
    data = (DATA / "xml" / "anarchism-first200.xml.bz2").read_bytes()
    path = tmp_path / "half.xml.bz2"
    path.write_bytes(data[: len(data) // 2])
    status, err = _run_list(path, capsys)
    assert status == 3
    _assert_one_line(err, "half.xml.bz2", "truncated bz2 file")


@pytest.mark.parametrize("suffix", ["gz", "xz"])
def test_truncated_gzip_and_xz(
    suffix: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = (DATA / "xml" / f"pywikibot-article-pyrus.xml.{suffix}").read_bytes()
    path = tmp_path / f"cut.xml.{suffix}"
    path.write_bytes(data[: len(data) - 100])
    status, err = _run_list(path, capsys)
    assert status == 3
    _assert_one_line(err, f"cut.xml.{suffix}", "truncated")


def test_json_that_is_not_an_api_response(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run_list(BAD / "not-api.json", capsys)
    assert status == 3
    _assert_one_line(err, "not-api.json", "not a MediaWiki API")


def test_invalid_json_names_line_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"query": {"pages": [\n  {"title": "X",}\n]}}\n')
    status, err = _run_list(path, capsys)
    assert status == 3
    _assert_one_line(err, "broken.json", "line 2", "not valid JSON")


def test_api_error_response(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "error.json"
    path.write_text('{"error": {"code": "badvalue", "info": "Unrecognized value."}}')
    status, err = _run_list(path, capsys)
    assert status == 3
    _assert_one_line(err, "error.json", "badvalue")


def test_folder_without_histories(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# nothing here\n")
    status, err = _run_list(tmp_path, capsys)
    assert status == 3
    _assert_one_line(err, "no revision histories")


def test_bad_files_inside_a_folder_are_problems_not_failures(tmp_path: Path) -> None:
    (tmp_path / "good.xml").write_bytes(PYRUS.read_bytes())
    (tmp_path / "bad.xml").write_bytes(PYRUS.read_bytes()[:500])
    source = open_source(tmp_path)
    assert [page.title for page in source.all_pages()] == ["Pyrus"]
    assert len(source.problems) == 1
    assert "bad.xml" in str(source.problems[0]) and "truncated" in str(source.problems[0])


def test_source_error_is_raised_by_the_api() -> None:
    with pytest.raises(SourceError, match="empty file"):
        open_source(BAD / "empty.xml")


def test_real_process_prints_no_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wikitui", "list", str(BAD / "malformed-structure.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_no_worker_thread_is_left_behind_after_an_error(tmp_path: Path) -> None:
    import bz2
    import threading

    path = tmp_path / "broken.xml.bz2"
    path.write_bytes(bz2.compress((BAD / "malformed-structure.xml").read_bytes()))
    before = threading.active_count()
    with pytest.raises(SourceError, match="line 15"):
        open_source(path)
    assert threading.active_count() == before
    assert not any(t.name.startswith("wikitui-") for t in threading.enumerate())


def test_folder_where_nothing_is_readable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.wiki").write_text("text")
    (tmp_path / "revisions.json").write_text("{not json")
    status, err = _run_list(tmp_path, capsys)
    assert status == 3
    _assert_one_line(err, "nothing readable", "revisions.json", "not valid JSON")
