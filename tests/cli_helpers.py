"""Running ``wikitui`` in the command tests, and the small "Pear" history several of them read.

:func:`run_main` calls the command line in this process (captured by pytest's ``capsys``);
:func:`run_wikitui` runs it as a user would, in a child process whose stdout is a pipe.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wikitui.cli import main

PEAR_FIRST = "The '''pear''' is a fruit.\n\n== Uses =="
PEAR_SWEET = "The '''pear''' is a sweet fruit.\n\n== Uses ==\nPears are eaten fresh."


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """``wikitui ARGS`` in this process: (exit status, stdout, stderr)."""
    status = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_wikitui(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m wikitui ARGS`` in a child process, NO_COLOR unset unless ``env`` sets it."""
    environment = {name: value for name, value in os.environ.items() if name != "NO_COLOR"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "wikitui", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=timeout,
        check=False,
    )


def pear_revision(
    rev_id: int,
    user: str,
    comment: str,
    text: str | None,
    *,
    user_id: int | None = None,
    minor: bool = False,
) -> str:
    """A revision of the Pear history: made on day ``rev_id - 100`` of 2020, its parent the
    id before (none for 101); ``user_id`` None makes ``user`` an IP, ``text`` None hides it."""
    parent = rev_id - 1 if rev_id > 101 else 0
    who = (
        f"<ip>{user}</ip>" if user_id is None else f"<username>{user}</username><id>{user_id}</id>"
    )
    body = (
        '<text bytes="40" deleted="deleted" />'
        if text is None
        else f'<text bytes="{len(text.encode())}">{text}</text>'
    )
    return (
        "    <revision>\n"
        f"      <id>{rev_id}</id><parentid>{parent}</parentid>"
        f"<timestamp>2020-01-{rev_id - 100:02d}T10:00:00Z</timestamp>\n"
        f"      <contributor>{who}</contributor>\n"
        + ("      <minor />\n" if minor else "")
        + f"      <comment>{comment}</comment><model>wikitext</model><format>text/x-wiki</format>\n"
        f"      {body}\n"
        "    </revision>\n"
    )


def pear_history(*revisions: str, more_pages: str = "") -> str:
    """An export (schema 0.11) of the page Pear holding ``revisions``, then ``more_pages``."""
    return (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" '
        'xml:lang="en">\n'
        "  <siteinfo><sitename>Test</sitename><dbname>testwiki</dbname></siteinfo>\n"
        "  <page>\n"
        "    <title>Pear</title><ns>0</ns><id>7</id>\n"
        + "".join(revisions)
        + "  </page>\n"
        + more_pages
        + "</mediawiki>\n"
    )
