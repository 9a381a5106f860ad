"""Control characters from a source never reach the terminal raw (list, diff, render, the app).

A title, user name, edit summary or text can hold ESC, OSC, CSI (C0 and C1) or CR/LF: API JSON
carries them as ``\\u001b``. Written raw, they would clear the screen, retitle the window, or
forge a line of output. Each is shown as a visible stand-in (``␛`` U+241B, ``␊``, ``�`` for C1)
by the one rule of :mod:`wikitui.present.visible`.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from cli_helpers import run_wikitui

from wikitui.present.visible import visible, visible_text

CLEAR = "\x1b[2J"  # CSI: clear the screen
RETITLE = "\x1b]0;pwned\x07"  # OSC: set the window title
C1_CSI = "\x9b31m"  # the one-byte CSI of C1
HOSTILE = (CLEAR, RETITLE, C1_CSI, "\x1b[31m")
FORGED_USER = "Mallory\r\n999  2020-01-05 00:00  Admin"


def _revision(revid: int, parent: int, day: int, user: str, comment: str, text: str) -> object:
    return {
        "revid": revid,
        "parentid": parent,
        "user": user,
        "timestamp": f"2020-01-0{day}T10:00:00Z",
        "size": len(text.encode()),
        "comment": comment,
        "slots": {"main": {"contentmodel": "wikitext", "content": text}},
    }


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    old = "The pear is a fruit.\n\n== Uses ==\nEaten fresh."
    new = f"The pear is a {CLEAR}sweet{RETITLE} fruit.\n\n== Uses {C1_CSI}==\nEaten fresh."
    response = {
        "batchcomplete": True,
        "query": {
            "pages": [
                {
                    "pageid": 7,
                    "ns": 0,
                    "title": f"Pear{RETITLE}",
                    "revisions": [
                        _revision(102, 101, 2, FORGED_USER, f"/* Uses */ {CLEAR}red\x1b[0m", new),
                        _revision(101, 0, 1, f"Eve{C1_CSI}", f"create{RETITLE}", old),
                    ],
                }
            ]
        },
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(response), encoding="utf-8")
    return path


def assert_safe(output: str, *, coloured: bool) -> None:
    """No sequence from the source is in the output; with colour, only our own SGR codes."""
    for sequence in HOSTILE:
        assert sequence not in output, repr(sequence)
    assert "\x9b" not in output and "\x07" not in output and "\r" not in output
    if not coloured:
        assert "\x1b" not in output
    else:  # every ESC that is left starts a colour (SGR) code wikitui wrote itself
        for piece in output.split("\x1b")[1:]:
            assert piece.startswith("[") and piece[1 : piece.index("m")].replace(";", "").isdigit()


def test_the_rule_shows_every_control_one_character_for_one() -> None:
    assert visible(FORGED_USER) == "Mallory␍␊999  2020-01-05 00:00  Admin"
    assert visible(RETITLE) == "␛]0;pwned␇"
    assert visible(C1_CSI) == "\ufffd31m"
    assert visible("a\u2028b") == "a␤b" and visible("tab\there") == "tab␉here"
    assert visible_text("line\n\tindented\r\n") == "line\n\tindented␍\n"
    assert visible("Zoë 日本 plain") == "Zoë 日本 plain"  # printable text is left alone
    for text in (FORGED_USER, RETITLE, C1_CSI, "x\x00y\x7f"):
        assert len(visible(text)) == len(text)  # offsets into the text stay right


@pytest.mark.parametrize("color", ["--no-color", "--color"])
def test_list_shows_controls_visibly_and_a_user_name_forges_no_line(
    hostile: Path, color: str
) -> None:
    done = run_wikitui("list", str(hostile), color)
    assert done.returncode == 0, done.stderr
    assert_safe(done.stdout, coloured=color == "--color")
    lines = done.stdout.splitlines()
    assert len(lines) == 3  # the page's heading and one line per revision
    assert "Pear␛]0;pwned␇" in lines[0]
    assert "Mallory␍␊999" in lines[1] and "Eve\ufffd31m" in lines[2]
    assert "␛[2Jred␛[0m" in lines[1] and "create␛]0;pwned␇" in lines[2]


@pytest.mark.parametrize(
    "options", [("--no-color",), ("--color",), ("--no-color", "--inline"), ("--color", "--inline")]
)
def test_diff_shows_controls_visibly(hostile: Path, options: tuple[str, ...]) -> None:
    done = run_wikitui("diff", str(hostile), "--width", "200", *options)
    assert done.returncode == 0, done.stderr
    assert_safe(done.stdout, coloured="--color" in options)
    flat = " ".join(done.stdout.split())
    assert "Mallory␍␊999" in flat and "Eve\ufffd31m" in flat  # the header's users
    assert "␛[2Jred␛[0m" in flat  # the summary
    assert "␛[2J" in flat and "sweet␛]0;pwned␇" in flat  # the text's rows


def test_diff_of_two_files_shows_controls_visibly(tmp_path: Path) -> None:
    old, new = tmp_path / "old.wiki", tmp_path / "new.wiki"
    old.write_text("a fruit\n", encoding="utf-8")
    new.write_text(f"a {CLEAR}fruit{RETITLE}\n", encoding="utf-8")
    done = run_wikitui("diff", str(old), str(new), "--no-color")
    assert done.returncode == 0, done.stderr
    assert_safe(done.stdout, coloured=False)
    assert "␛[2J" in done.stdout


@pytest.mark.parametrize("options", [("--plain",), ("--plain", "--width", "60"), ("--color",)])
def test_render_shows_controls_visibly(hostile: Path, options: tuple[str, ...]) -> None:
    done = run_wikitui("render", str(hostile), *options)
    assert done.returncode == 0, done.stderr
    assert_safe(done.stdout, coloured="--color" in options)
    assert "␛[2J" in done.stdout and "␛]0;pwned" in done.stdout  # (the parser drops the BEL)


def test_the_app_shows_controls_visibly(hostile: Path) -> None:
    from wikitui.app import WikituiApp
    from wikitui.screens.main import MainScreen
    from wikitui.sources import open_source

    source = open_source(hostile)
    page = source.pages[0]
    app = WikituiApp([source], initial=(page, 1))

    async def scenario() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            for _ in range(60):
                await app.workers.wait_for_complete()
                await pilot.pause(0.02)
                screen = app.screen
                assert isinstance(screen, MainScreen)
                if screen.settled and screen.article.rendered is not None:
                    break
            screen = app.screen
            assert isinstance(screen, MainScreen)
            texts: list[str] = []
            stack = [screen.revision_tree.root]
            while stack:
                node = stack.pop()
                texts.append(node.label.plain)
                stack.extend(node.children)
            tree = "\n".join(texts)
            assert "Mallory␍␊999" in tree and "Pear␛]0;pwned␇" in tree
            status = screen.status.render()
            assert "Pear␛]0;pwned␇" in str(getattr(status, "plain", status))
            diff = "\n".join(screen.diff.line_text(n).plain for n in range(len(screen.diff.lines)))
            assert "Mallory␍␊999" in diff and "sweet␛]0;pwned␇" in diff
            article = "\n".join(
                screen.article.line_text(n).plain for n in range(len(screen.article.lines))
            )
            assert "␛[2J" in article
            for text in (tree, diff, article):
                assert "\x1b" not in text and "\x9b" not in text and "\r" not in text

    asyncio.run(scenario())


EVIL_USER = "Ev\x1b[31mil\r\nFAKE LINE"
EVIL_TEXT = "a\x1b[31mred\x9b31m text"
SECOND_LINE = f"second\r line {CLEAR}by Bob"


@pytest.fixture
def blamed(tmp_path: Path) -> Path:
    """Two revisions whose user, summary and text carry controls (ESC, CSI, C1 CSI, CR/LF)."""
    response = {
        "query": {
            "pages": [
                {
                    "pageid": 8,
                    "ns": 0,
                    "title": "Apple",
                    "revisions": [
                        _revision(
                            202, 201, 2, "Bob", f"more{RETITLE}", f"{EVIL_TEXT}\n{SECOND_LINE}"
                        ),
                        _revision(201, 0, 1, EVIL_USER, f"start {CLEAR}here", EVIL_TEXT),
                    ],
                }
            ]
        }
    }
    path = tmp_path / "blamed.json"
    path.write_text(json.dumps(response), encoding="utf-8")
    return path


@pytest.mark.parametrize("color", ["--no-color", "--color"])
def test_blame_shows_controls_visibly_and_a_user_name_forges_no_line(
    blamed: Path, color: str
) -> None:
    for rev in ("201", "latest"):
        done = run_wikitui("blame", str(blamed), "--rev", rev, color)
        assert done.returncode == 0, done.stderr
        assert_safe(done.stdout, coloured=color == "--color")
        lines = re.sub("\x1b\\[[0-9;]*m", "", done.stdout).splitlines()  # (our colours only)
        # one line per line of the text: neither the user's CR/LF nor the text's CR adds one
        assert len(lines) == (1 if rev == "201" else 2)
        assert "Ev␛[31mil␍␊FAKE…" in lines[0]  # the gutter's user, cut to its width
        assert lines[0].endswith("│ a␛[31mred\ufffd31m text")
    assert lines[1].endswith("│ second␍ line ␛[2Jby Bob") and "Bob" in lines[1].split("│")[0]


def test_blame_json_keeps_the_source_text_and_its_offsets(blamed: Path) -> None:
    done = run_wikitui("blame", str(blamed), "--json")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\r" not in done.stdout  # JSON escapes them
    blame = json.loads(done.stdout)
    assert blame["revisions"]["201"]["user"] == EVIL_USER
    text = f"{EVIL_TEXT}\n{SECOND_LINE}"
    # offsets in code points of the text as stored (the line feed goes with the token before)
    assert blame["spans"] == [
        {"start": 0, "end": len(EVIL_TEXT) + 1, "rev_id": 201},
        {"start": len(EVIL_TEXT) + 1, "end": len(text), "rev_id": 202},
    ]


@pytest.mark.parametrize("no_color", [False, True], ids=["color", "NO_COLOR"])
def test_the_app_blame_view_shows_controls_visibly(
    blamed: Path, no_color: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.cells import cell_len

    from wikitui.app import WikituiApp
    from wikitui.screens.main import MainScreen
    from wikitui.sources import open_source

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    source = open_source(blamed)
    page = source.pages[0]
    app = WikituiApp([source], initial=(page, 1))

    async def scenario() -> None:
        async with app.run_test(size=(160, 50)) as pilot:
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await pilot.press("w")
            view = screen.blame_view
            for _ in range(100):
                await app.workers.wait_for_complete()
                await pilot.pause(0.02)
                if view.blame is not None:
                    break
            blame = view.blame
            assert blame is not None and blame.text == f"{EVIL_TEXT}\n{SECOND_LINE}"
            rows = [view.row_text(n) for n in range(len(view.rows))]
            assert len(rows) == 2
            assert rows[0].plain.endswith("a␛[31mred\ufffd31m text")
            assert rows[1].plain.endswith("second␍ line ␛[2Jby Bob")
            if no_color:
                assert rows[0].plain.startswith("Ev␛[31mil␍… 2020-01-01 │")  # the gutter
            for row in rows:
                assert "\x1b" not in row.plain and "\x9b" not in row.plain
                assert "\r" not in row.plain and "\n" not in row.plain
                assert cell_len(row.plain) == len(row.plain)  # one cell per character
            # The cursor, in offsets of the source text, lights exactly its token on screen.
            for number, (start, end, origin) in enumerate(blame.tokens):
                view.move_cursor(number)
                row = next(n for n, r in enumerate(view.rows) if r.start <= start < r.end)
                drawn = view.row_text(row)
                lit = drawn.spans[-1]
                assert drawn.plain[lit.start : lit.end] == visible_text(blame.text[start:end])
                await pilot.pause()
                activity = screen.status.status.activity or ""
                if origin == 0:
                    assert "Ev␛[31mil␍␊FAKE LINE" in activity and "start ␛[2Jhere" in activity
                else:
                    assert "Bob" in activity and "more␛]0;pwned␇" in activity
                assert "\x1b" not in activity and "\r" not in activity and "\n" not in activity

    asyncio.run(scenario())
