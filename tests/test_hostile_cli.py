"""Issue 14's hostile inputs through the command line, as a user meets them.

Every case checks what the user sees: the documented exit status, at most one line on stderr
(``wikitui: ...``, never a traceback), and what stdout must or must not show. Cases that used
to hang (FIFOs, symbolic link loops, a dripping server) run in a subprocess with a time limit,
so a regression fails instead of stopping the suite. The fetch classes are in
``test_hostile_fetch.py``; ``bench/bench_hostile.py`` times the largest of them.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_inputs import (
    HOSTNAME,
    INPUTS,
    WITH_NS_1,
    Builder,
    api_response,
    api_revision,
    fifo,
    file,
    folder_with_link_out,
    replaced,
    sidecar_folder,
    xml_export,
    xml_revision,
)

from wikitui.cli import main

ROOT = Path(__file__).resolve().parent.parent
PYRUS = Path(__file__).parent / "data" / "sources" / "xml" / "pywikibot-article-pyrus.xml"


@dataclass(frozen=True)
class Hostile:
    """One hostile input and what ``wikitui ARGV`` must do with it ({path}: the input)."""

    id: str
    build: Builder
    argv: tuple[str, ...]
    status: int
    out_lacks: tuple[str, ...] = ()
    out_has: tuple[str, ...] = ()
    err_has: tuple[str, ...] = ()


def _xml(revisions: str, **kw: str) -> Builder:
    return file("a.xml", xml_export(revisions, **kw))


def _json(text: str) -> Builder:
    return file("a.json", text)


CASES = [
    # -- security: a sidecar names only regular files inside its folder
    Hostile(
        "sidecar-absolute-path",
        sidecar_folder([{"file": "a.wiki"}, {"file": "/etc/hostname"}]),
        ("render", "{path}", "--rev", "2"),
        5,
        out_lacks=(HOSTNAME,) if HOSTNAME else (),
        err_has=("page: revision 2", "not a file inside the folder"),
    ),
    Hostile(
        "sidecar-dotdot-path",
        sidecar_folder([{"file": "a.wiki"}, {"file": "../../../../../../../../etc/passwd"}]),
        ("diff", "{path}", "--to", "2", "--from", "1"),
        5,
        out_lacks=("root:",),
        err_has=("not a file inside the folder",),
    ),
    Hostile(
        "sidecar-link-leading-out",
        folder_with_link_out,
        ("render", "{path}", "--rev", "3"),
        5,
        out_lacks=("SECRET",),
        err_has=("'c.wiki' is not a file inside the folder",),
    ),
    Hostile(
        "diff-two-files-one-a-fifo",
        fifo("new.txt"),
        ("diff", str(PYRUS), "{path}"),
        3,
        err_has=("new.txt: a FIFO or device, not a file",),
    ),
    Hostile(
        "sidecar-dev-zero",
        sidecar_folder([{"file": "a.wiki"}, {"file": "/dev/zero"}, {"file": "b.wiki"}]),
        ("list", "{path}"),
        0,
        err_has=("warning", "revisions.json", "/dev/zero"),
    ),
    Hostile(
        "sidecar-sha1-number",
        sidecar_folder([{"file": "a.wiki", "sha1": 5}, {"file": "b.wiki"}]),
        ("list", "{path}"),
        0,
        err_has=("a.wiki", "'sha1' must be text"),
    ),
    # -- API JSON
    Hostile(
        "api-naive-and-z", INPUTS["api-naive-and-z"], ("list", "{path}"), 0, out_has=("2020-01-03",)
    ),
    Hostile(
        "api-revisions-number",
        INPUTS["api-revisions-number"],
        ("list", "{path}"),
        0,
        err_has=("a.json", "'revisions' is not a list"),
    ),
    Hostile(
        "api-lone-surrogate",
        INPUTS["api-lone-surrogate"],
        ("list", "{path}"),
        0,
        out_has=("x\ufffdy",),
    ),
    Hostile(
        "api-lone-surrogate-in-a-text",
        _json(api_response([api_revision(slots={"main": {"content": "a\ud800b"}})])),
        ("diff", "{path}"),
        0,
        out_has=("a\ufffdb",),
    ),
    Hostile(
        "api-ns-abc",
        _json(api_response([api_revision()], ns="abc")),
        ("list", "{path}"),
        0,
        err_has=("a.json", "'ns' ignored"),
    ),
    Hostile(
        "api-ns-nan",
        INPUTS["api-ns-nan"],
        ("list", "{path}"),
        0,
        err_has=("'ns' ignored",),
    ),
    Hostile(
        "api-ns-infinity",
        _json(replaced(WITH_NS_1, '"ns": 1', '"ns": Infinity')),
        ("list", "{path}"),
        0,
        err_has=("'ns' ignored",),
    ),
    Hostile(
        "api-revid-infinity",
        INPUTS["api-revid-infinity"],
        ("list", "{path}"),
        0,
        err_has=("a.json", "skipped"),
    ),
    Hostile(
        "api-5000-digit-integer",
        INPUTS["api-5000-digit-integer"],
        ("list", "{path}"),
        3,
        err_has=("a.json", "4300 digits"),
    ),
    Hostile(
        "api-deep-nesting",
        INPUTS["api-deep-nesting"],
        ("list", "{path}"),
        3,
        err_has=("a.json", "nested too deeply"),
    ),
    # -- XML
    Hostile(
        "xml-encoding-base64",
        INPUTS["xml-encoding-base64"],
        ("list", "{path}"),
        3,
        err_has=("a.xml", "unknown XML encoding 'base64'"),
    ),
    Hostile(
        "xml-encoding-rot13",
        _xml(xml_revision(), declaration='<?xml version="1.0" encoding="rot13"?>'),
        ("list", "{path}"),
        3,
        err_has=("a.xml", "unknown XML encoding 'rot13'"),
    ),
    Hostile(
        "xml-5000-digit-id",
        _xml(xml_revision("9" * 5000) + xml_revision("3", "2")),
        ("list", "{path}"),
        0,
        err_has=("a.xml", "a revision of 'T' skipped"),
    ),
    Hostile(
        "xml-5000-digit-page-id",
        _xml(xml_revision(), page_id="9" * 5000),
        ("list", "{path}"),
        3,
        err_has=("a.xml", "the page 'T' has a non-numeric <id>"),
    ),
    Hostile(
        "xml-parent-is-itself",
        _xml(xml_revision("2", "0") + xml_revision("3", "3", text="new text")),
        ("diff", "{path}", "--json"),
        0,
        out_has=('"rev_id": 3',),
        err_has=("names itself as its parent",),
    ),
    Hostile(
        "xml-duplicate-ids",
        _xml(xml_revision("2", "0") + xml_revision("3", "2") + xml_revision("2", "3", text="x")),
        ("diff", "{path}", "--to", "3", "--json"),
        0,
        err_has=("comparing with the previous revision",),
    ),
    Hostile(
        "xml-year-1-diff",
        _xml(xml_revision("2", "0") + xml_revision("3", "2", "0001-01-01T00:00:00+05:00")),
        ("diff", "{path}"),
        5,
        err_has=("a.xml: revision 3 is malformed", "out of range"),
    ),
    Hostile(
        "xml-year-1-list-json",
        INPUTS["xml-year-1"],
        ("list", "{path}", "--json"),
        0,
        err_has=("warning", "out of range"),
    ),
    Hostile(
        "xml-surrogate-reference-diff",
        INPUTS["xml-surrogate-reference"],
        ("diff", "{path}"),
        0,
        out_has=("a\ufffdb",),
    ),
    Hostile(
        "xml-surrogate-reference-render",
        INPUTS["xml-surrogate-reference"],
        ("render", "{path}"),
        0,
        out_has=("a\ufffdb",),
    ),
    Hostile(
        "xml-huge-tags-comment",
        _xml(xml_revision(extra="<!-- wikitui:tags " + "[" * 200_000 + " -->")),
        ("list", "{path}"),
        0,
        err_has=("wikitui:tags",),
    ),
    # -- render
    Hostile(
        "render-nested-200-deep",
        INPUTS["render-nested-200-deep"],
        ("render", "{path}"),
        0,
        out_has=("nested too deeply",),
    ),
    Hostile(
        "render-huge-width",
        file("a.wiki", "Hello '''world'''."),
        ("render", "{path}", "--width", "99999999999999999999"),
        0,
        out_has=("Hello world.",),
        err_has=("capped at 1,000 columns",),
    ),
    # -- selectors
    Hostile("rev-5000-digits", file("a.xml", ""), ("render", str(PYRUS), "--rev", "9" * 5000), 4),
    Hostile("from-5000-digits", file("a.xml", ""), ("diff", str(PYRUS), "--from", "9" * 5000), 4),
    Hostile("to-5000-digits", file("a.xml", ""), ("diff", str(PYRUS), "--to", "9" * 5000), 4),
    # -- wrong output
    Hostile(
        "render-unclosed-comment",
        file("a.wiki", "Visible.\n\n<!-- hidden\n\nHidden too."),
        ("render", "{path}"),
        0,
        out_has=("Visible.",),
        out_lacks=("Hidden too",),
    ),
    Hostile(
        "render-nul-byte",
        file("a.wiki", "Before.\x00\n\nAfter the NUL."),
        ("render", "{path}"),
        0,
        out_has=("After the NUL.",),
    ),
    Hostile(
        "list-in-utc",
        _xml(xml_revision(timestamp="2020-01-02T03:04:05+05:00")),
        ("list", "{path}"),
        0,
        out_has=("2020-01-01 22:04",),
    ),
    Hostile(
        "diff-damaged-revision-names-the-file",
        _xml(xml_revision(timestamp="garbage")),
        ("diff", "{path}"),
        5,
        err_has=("a.xml: revision 2 is malformed",),
    ),
    Hostile(
        "render-damaged-revision-names-the-file",
        _xml(xml_revision(timestamp="garbage")),
        ("render", "{path}"),
        5,
        err_has=("a.xml: revision 2 is malformed",),
    ),
    Hostile(
        "diff-width-ten-million",
        file("a.txt", "some old text\n"),
        ("diff", "{path}", "{path}", "--width", "10000000"),
        0,
        err_has=("capped at 1,000 columns",),
    ),
]


def check(status: int, out: str, err: str, case: Hostile) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert err.count("\n") <= 1, err
    assert not err or err.startswith("wikitui: "), err
    assert status == case.status, err
    for text in case.out_lacks:
        assert text not in out
    for text in case.out_has:
        assert text in out, out[:2000]
    for text in case.err_has:
        assert text in err


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_through_the_cli(
    case: Hostile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = case.build(tmp_path)
    status = main([arg.replace("{path}", str(path)) for arg in case.argv])
    captured = capsys.readouterr()
    check(status, captured.out, captured.err, case)


def run_cli(*args: str, shell: str | None = None, timeout: float = 60) -> tuple[int, str, str]:
    """``python -m wikitui ARGS`` (or a bash command line) with a time limit."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    command: list[str] = (
        ["/bin/bash", "-c", shell] if shell else [sys.executable, "-m", "wikitui", *args]
    )
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    return done.returncode, done.stdout, done.stderr


HANGS = [
    Hostile(
        "fifo-as-the-source",
        INPUTS["fifo-as-the-source"],
        ("list", "{path}"),
        3,
        err_has=("p.xml: a FIFO (named pipe), not a file",),
    ),
    Hostile(
        "fifo-in-a-folder",
        INPUTS["fifo-in-a-folder"],
        ("list", "{path}"),
        0,
        out_has=("1 revision",),
        err_has=("b.wiki: skipped: a FIFO",),
    ),
    Hostile(
        "two-symlinks-to-dot",
        INPUTS["two-symlinks-to-dot"],
        ("list", "{path}"),
        0,
        out_has=("loop  (1 revision)",),
    ),
]


@pytest.mark.parametrize("case", HANGS, ids=[case.id for case in HANGS])
def test_inputs_that_used_to_hang(case: Hostile, tmp_path: Path) -> None:
    path = case.build(tmp_path)
    status, out, err = run_cli(*(arg.replace("{path}", str(path)) for arg in case.argv))
    check(status, out, err, case)


def test_a_source_read_through_a_pipe(tmp_path: Path) -> None:
    packed = tmp_path / "pyrus.xml.gz"
    packed.write_bytes(gzip.compress(PYRUS.read_bytes()))
    python = sys.executable
    status, out, err = run_cli(shell=f"'{python}' -m wikitui list <(cat '{packed}')")
    check(status, out, err, Hostile("pipe", fifo(""), (), 0, out_has=("Pyrus",)))
    status, out, err = run_cli(shell=f"gzip -dc '{packed}' | '{python}' -m wikitui diff /dev/stdin")
    check(status, out, err, Hostile("stdin", fifo(""), (), 0, out_has=("Revision as of",)))


@pytest.mark.parametrize("redirect", ["> /dev/full", ">&-"], ids=["dev-full", "closed-stdout"])
def test_output_that_cannot_be_written(redirect: str) -> None:
    if redirect == "> /dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    status, out, err = run_cli(shell=f"'{sys.executable}' -m wikitui list '{PYRUS}' {redirect}")
    check(status, out, err, Hostile("out", fifo(""), (), 1, err_has=("cannot write the output",)))


def test_a_diff_of_a_50_mb_single_line(tmp_path: Path) -> None:
    words = " ".join(f"word{k % 997}" for k in range(6_000_000))[:50_000_000]
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(words, encoding="utf-8")
    new.write_text("changed " + words, encoding="utf-8")
    status, out, err = run_cli("diff", str(old), str(new), "--no-color", timeout=120)
    check(status, out, err, Hostile("50mb", fifo(""), (), 0, out_has=("too long",)))
    assert len(out) < 3_000_000  # the cut line, not 50 MB twice over
