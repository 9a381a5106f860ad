"""Issue 14's hostile inputs opened in the app: no crash, and a notice saying what is wrong.

The same inputs as ``test_hostile_cli.py`` (built by ``hostile_inputs.py``); each opens in
the app beside a good history, which must still be browsable afterwards.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
from app_pilot import DATA, PEAR, RecordingApp, settle
from hostile_inputs import HOSTNAME, INPUTS, Builder, file, sidecar_folder, xml_export, xml_revision

from wikitui.cli import main
from wikitui.screens.main import MainScreen


def shared(name: str, severity: str | None) -> tuple[str, Builder, str | None]:
    """A case whose input the CLI tests open too (``hostile_inputs.INPUTS``)."""
    return (name, INPUTS[name], severity)


# (id, input, the severity of the notice it must raise: "error", "warning" or None)
CASES: list[tuple[str, Builder, str | None]] = [
    (
        "sidecar-absolute-path",
        sidecar_folder([{"file": "a.wiki"}, {"file": "b.wiki"}, {"file": "/etc/hostname"}]),
        "warning",
    ),
    ("sidecar-dev-zero", sidecar_folder([{"file": "a.wiki"}, {"file": "/dev/zero"}]), "warning"),
    ("sidecar-sha1-number", sidecar_folder([{"file": "a.wiki", "sha1": 5}]), "warning"),
    shared("api-naive-and-z", None),
    shared("api-revisions-number", "warning"),
    shared("api-lone-surrogate", None),
    shared("api-ns-nan", "warning"),
    shared("api-revid-infinity", "warning"),
    shared("api-5000-digit-integer", "error"),
    shared("api-deep-nesting", "error"),
    shared("xml-encoding-base64", "error"),
    ("xml-5000-digit-id", file("a.xml", xml_export(xml_revision("9" * 5000))), "warning"),
    (
        "xml-parent-is-itself",
        file("a.xml", xml_export(xml_revision("2", "0") + xml_revision("3", "3"))),
        None,
    ),
    shared("xml-year-1", "warning"),
    shared("xml-surrogate-reference", None),
    shared("render-nested-200-deep", None),
    ("render-nul-byte", file("a.wiki", "Before.\x00\n\nAfter."), None),
    ("long-line", file("a.wiki", "word " * 100_000), None),
    shared("fifo-as-the-source", "error"),
    shared("fifo-in-a-folder", "warning"),
    shared("two-symlinks-to-dot", None),
]


@pytest.mark.parametrize(("build", "severity"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_input_opens_in_the_app(
    build: Builder, severity: str | None, tmp_path: Path
) -> None:
    path = build(tmp_path)
    app = RecordingApp(paths=[str(path), str(PEAR)])

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            severities = {kind for kind, _ in app.notices}
            if severity is not None:
                assert severity in severities, app.notices
            else:
                assert not severities & {"error", "warning"}, app.notices
            for _, message in app.notices:
                assert HOSTNAME not in message.split("/etc/hostname")[-1] or not HOSTNAME
            # Step through whatever opened: every diff and article of the input, then Pear.
            for _ in range(4):
                await pilot.press("K")
                await settle(pilot)
            assert screen.selected is not None

    asyncio.run(scenario())


def test_a_pipe_opens_in_the_app(tmp_path: Path) -> None:
    """``wikitui <(cat Pear.xml)``: the app reads the pipe as a stream and browses it."""
    import threading

    read_end, write_end = os.pipe()
    data = PEAR.read_bytes()

    def feed() -> None:
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    app = RecordingApp(paths=[f"/dev/fd/{read_end}"])

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert screen.selected is not None, app.notices
            assert screen.selected.page.title == "Pear"
            await pilot.press("J")
            await settle(pilot)
            assert screen.diff.shown is not None and screen.diff.shown.result is not None

    try:
        asyncio.run(scenario())
    finally:
        writer.join(5)
        os.close(read_end)


def test_a_5000_digit_revision_is_refused_before_the_app(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--rev", "9" * 5000, str(PEAR)]) == 4
    err = capsys.readouterr().err
    assert err.startswith("wikitui: ") and err.count("\n") == 1 and "Traceback" not in err


def test_a_hostile_server_gives_a_notice_in_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fetch from the app whose server answers ids of 1e400: a notice, and the app goes on."""
    from fakewiki import FakePage, FakeWiki, Fault

    from wikitui.app import FetchRequest

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    recorded = json.loads((DATA / "api-revisions-pyrus.json").read_text(encoding="utf-8"))
    body = json.dumps(recorded).replace('"revid": 11', '"revid": 1e400').encode()
    faults = [Fault(2, "raw", body=body, sticky=True)]
    with FakeWiki([FakePage.from_response(recorded)], faults=faults) as wiki:
        app = RecordingApp(
            paths=[str(PEAR)], fetch=FetchRequest("Pyrus", "wiki.test", wiki.api_url, 500)
        )

        async def scenario() -> None:
            async with app.run_test(size=(100, 30)) as pilot:
                for _ in range(3):
                    await settle(pilot)
                assert isinstance(app.screen, MainScreen)
                errors = [message for kind, message in app.notices if kind == "error"]
                assert any("does not understand" in message for message in errors), app.notices
                assert not any("OverflowError" in message for message in errors)

        asyncio.run(scenario())
