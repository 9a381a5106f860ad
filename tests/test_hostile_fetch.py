"""Issue 14's hostile servers and fetch options through ``wikitui fetch``, as a user meets them.

The fake wiki (``tests/fakewiki.py``, loopback only) answers with what a broken or hostile
server might send: ids of 1e400, timestamps that are not timestamps, a gzip bomb, a
``continue`` that never ends, one byte every half second. Each case checks the exit status,
at most one line on stderr and no traceback (``check`` of ``test_hostile_cli.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from fakewiki import FakePage, FakeWiki, Fault
from hostile_inputs import fifo, replaced
from test_hostile_cli import ROOT, Hostile, check, run_cli

from wikitui.cli import main

FETCH = Path(__file__).parent / "data" / "fetch"


def _pyrus() -> FakePage:
    return FakePage.from_response(json.loads((FETCH / "revisions-pyrus.json").read_text()))


def _siteinfo() -> dict[str, object]:
    info: dict[str, object] = json.loads((FETCH / "info-normalized.json").read_text())["query"]
    return info


def _batch(
    revid: str = "11",
    timestamp: str = '"2008-09-14T17:08:56Z"',
    more: bool = False,
    twice: bool = False,
) -> bytes:
    """A revisions answer with one revision (``twice``: listed twice), written by hand so
    any value can be put in."""
    revision = (
        f'{{"revid": {revid}, "parentid": 0, "timestamp": {timestamp}, "user": "U",'
        ' "userid": 1, "size": 4, "comment": "c", "sha1": "' + "0" * 40 + '",'
        ' "slots": {"main": {"content": "text", "contentmodel": "wikitext"}}}'
    )
    revisions = f"{revision}, {revision}" if twice else revision
    body = (
        '{"query": {"pages": [{"pageid": 3, "ns": 0, "title": "Pyrus", "revisions": ['
        f"{revisions}]}}]}}}}"
    )
    if more:
        body = '{"continue": {"rvcontinue": "20080914170856|11", "continue": "||"}, ' + body[1:]
    return body.encode()


def _info_with_pageid(value: str) -> bytes:
    text = (FETCH / "info-normalized.json").read_text()
    page_id = json.loads(text)["query"]["pages"][0]["pageid"]
    return replaced(
        json.dumps(json.loads(text)), f'"pageid": {page_id}', f'"pageid": {value}'
    ).encode()


def _bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b'{"query": {"pages": [{"x": "')]
    parts += [packer.compress(b" " * (1 << 20)) for _ in range(200)]
    return b"".join([*parts, packer.flush()])


@dataclass(frozen=True)
class FetchCase:
    id: str
    args: tuple[str, ...]
    status: int
    faults: tuple[Fault, ...] = ()
    out_has: tuple[str, ...] = ()
    err_has: tuple[str, ...] = ()


FETCH_CASES = [
    FetchCase("api-url-bad-ipv6", ("--api", "http://[::1"), 6, err_has=("not a usable URL",)),
    FetchCase("timeout-inf", ("--timeout", "inf"), 2, err_has=("--timeout must be",)),
    FetchCase("timeout-negative", ("--timeout", "-1"), 2, err_has=("--timeout must be",)),
    FetchCase("timeout-nan", ("--timeout", "nan"), 2, err_has=("--timeout must be",)),
    FetchCase(
        "since-year-1", ("--since", "0001-01-01T00:00:00+05:00"), 6, err_has=("out of range",)
    ),
    FetchCase(
        "pageid-1e400",
        (),
        6,
        (Fault(1, "raw", body=_info_with_pageid("1e400")),),
        err_has=("does not understand",),
    ),
    FetchCase(
        "revid-1e400",
        (),
        6,
        (Fault(2, "raw", body=_batch("1e400")),),
        err_has=("does not understand",),
    ),
    FetchCase(
        "timestamp-not-a-timestamp",
        (),
        6,
        (Fault(2, "raw", body=_batch(timestamp='"yesterday"')),),
        err_has=("'yesterday'",),
    ),
    FetchCase(
        "gzip-bomb",
        (),
        6,
        (Fault(2, "raw", body=_bomb(), encoding="gzip"),),
        err_has=("more than 64 MB",),
    ),
    FetchCase(
        "same-revision-twice-in-a-batch",
        (),
        0,
        (Fault(2, "raw", body=_batch(twice=True)),),
        out_has=("wrote 1 revision of 'Pyrus'",),
    ),
    FetchCase(
        "continue-never-ends",
        ("--limit", "all"),
        0,
        (Fault(2, "raw", body=_batch(more=True), sticky=True),),
        out_has=("wrote 1 revision of 'Pyrus'",),
        err_has=("kept answering 'continue'",),
    ),
]


@pytest.mark.parametrize("case", FETCH_CASES, ids=[case.id for case in FETCH_CASES])
def test_hostile_fetch(case: FetchCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeWiki([_pyrus()], siteinfo=_siteinfo(), faults=case.faults) as wiki:
        args = case.args if "--api" in case.args else ("--api", wiki.api_url, *case.args)
        status = main(["fetch", "Pyrus", *args, "-o", str(tmp_path)])
    captured = capsys.readouterr()
    hostile = Hostile(case.id, fifo(""), (), case.status, (), case.out_has, case.err_has)
    check(status, captured.out, captured.err, hostile)
    if status == 0:
        written = (tmp_path / "Pyrus.xml").read_text(encoding="utf-8")
        assert written.count("<revision>") == 1


def test_fetch_into_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "out.xml")
    with FakeWiki([_pyrus()], siteinfo=_siteinfo()) as wiki:
        status, out, err = run_cli(
            "fetch", "Pyrus", "--api", wiki.api_url, "-o", str(tmp_path / "out.xml"), timeout=30
        )
    check(status, out, err, Hostile("fifo", fifo(""), (), 6, err_has=("not a regular file",)))


def test_a_dripping_server_is_bounded_by_the_timeout(tmp_path: Path) -> None:
    """One byte every half second: --timeout 1 gives up on the whole request after 1 s."""
    with FakeWiki(
        [_pyrus()], siteinfo=_siteinfo(), faults=[Fault(1, "drip", delay=0.5, sticky=True)]
    ) as wiki:
        code = (
            "import wikitui.fetch.client as c, sys\n"
            "Policy = c.RetryPolicy\n"
            "c.RetryPolicy = lambda: Policy(attempts=1, sleep=lambda s: None)\n"
            "from wikitui.cli import main\n"
            f"sys.exit(main(['fetch', 'Pyrus', '--api', {wiki.api_url!r}, '--timeout', '1',"
            f" '-o', {str(tmp_path)!r}]))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    hostile = Hostile("drip", fifo(""), (), 6, err_has=("did not answer within 1 s",))
    check(done.returncode, done.stdout, done.stderr, hostile)
