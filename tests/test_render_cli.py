"""``wikitui render``: plain when piped, coloured on request, JSON, clean errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wikitui.cli import main
from wikitui.render import render_wikitext

DATA = Path(__file__).parent / "data" / "render"
CONSTRUCTS = DATA / "constructs.wiki"

EXPORT = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">
  <page>
    <title>Pear</title>
    <ns>0</ns>
    <id>1</id>
    <revision>
      <id>10</id>
      <timestamp>2020-01-01T00:00:00Z</timestamp>
      <contributor><username>A</username><id>1</id></contributor>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="22" xml:space="preserve">'''Pear''' first text.</text>
    </revision>
    <revision>
      <id>11</id>
      <parentid>10</parentid>
      <timestamp>2020-01-02T00:00:00Z</timestamp>
      <contributor><username>B</username><id>2</id></contributor>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text bytes="40" xml:space="preserve">'''Pear''' second.&lt;ref&gt;Src.&lt;/ref&gt;
== Uses ==
Eaten.</text>
    </revision>
  </page>
</mediawiki>
"""


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "pear.xml"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def test_piped_output_is_the_plain_unwrapped_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(CONSTRUCTS)]) == 0
    out = capsys.readouterr().out
    expected = render_wikitext(CONSTRUCTS.read_text(encoding="utf-8")).plain_text()
    assert out == expected
    assert "\x1b" not in out


def test_width_wraps_plain_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(CONSTRUCTS), "--width", "60", "--plain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert "┌" in "".join(lines)  # tables are drawn at a width


def test_color_forced(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(CONSTRUCTS), "--width", "60", "--color"]) == 0
    assert "\x1b[" in capsys.readouterr().out


def test_history_revision_selection(export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(export), "--page", "pear", "--rev", "oldest"]) == 0
    assert capsys.readouterr().out == "Pear first text.\n"
    assert main(["render", str(export), "--rev", "latest"]) == 0
    assert capsys.readouterr().out == "Pear second.[1]\n\nUses\n\nEaten.\n\n  1. Src.\n"


def test_json_output(export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(export), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["page"] == "Pear"
    assert data["rev_id"] == 11
    assert data["sections"] == [
        {
            "level": 2,
            "title": "Uses",
            "anchor": "Uses",
            "source_start_line": 2,
            "source_end_line": 3,
            "line": 2,
        }
    ]
    assert data["references"] == [
        {"number": 1, "label": "1", "group": "", "name": None, "uses": 1, "text": "Src."}
    ]
    assert data["text"].splitlines()[2] == "Uses"


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["render", "/nonexistent/file.xml"], 3, "wikitui: /nonexistent/file.xml: no such file"),
        (["render", "{export}", "--rev", "999"], 4, "wikitui: revision 999 is not in the history"),
        (["render", "{export}", "--page", "Apple"], 4, "no page titled 'Apple'"),
        (["render", "{export}", "--width", "5"], 2, "wikitui: --width must be at least 20"),
    ],
)
def test_errors_are_one_line(
    export: Path, capsys: pytest.CaptureFixture[str], argv: list[str], status: int, message: str
) -> None:
    argv = [arg.replace("{export}", str(export)) for arg in argv]
    assert main(argv) == status
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_render_never_imports_textual() -> None:
    code = (
        "import sys; from wikitui.cli import main; "
        f"main(['render', {str(CONSTRUCTS)!r}, '--width', '80']); "
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip() == "False"


def test_terminal_output_and_no_color(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Intro.\n== History ==\nSee [[Pear]]."
    path = DATA / "constructs.wiki"  # any readable file; its text is replaced below
    monkeypatch.setattr(
        "wikitui.sources.open_source",
        lambda _path, **_options: _one_revision_source(text),
        raising=True,
    )
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(["render", str(path), "--width", "40"]) == 0
    coloured = capsys.readouterr().out
    assert "\x1b[1;4;97mHistory" in coloured  # heading: bold, underlined, bright white
    assert "\x1b[4;94mPear" in coloured  # link: underlined, bright blue
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["render", str(path), "--width", "40"]) == 0
    styled = capsys.readouterr().out
    # Bold and underline stay (headings, links); no colour codes at all.
    assert "\x1b[1;4mHistory" in styled
    assert "\x1b[4mPear" in styled
    assert not re.search(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;)", styled)


def _one_revision_source(text: str):  # type: ignore[no-untyped-def]
    from wikitui.model import Page, Revision, Source

    class Loader:
        def load_text(self, revision: Revision) -> str:
            return text

    page = Page("Test", loader=Loader())
    page.add(Revision(1))
    return Source("test.wiki", "wikitext", pages=[page])
