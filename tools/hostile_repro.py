"""Run every class of hostile input from issue 14 through the CLI and say which still fail.

Each case builds its input in a temporary folder, runs ``python -m wikitui ...`` with a time
limit, and checks what a user would see: the documented exit status, at most one line on
stderr, no traceback, no hang, and (for some) what stdout must or must not hold. Fetch cases
use the fake wiki of ``tests/fakewiki.py`` on the loopback interface.

    python tools/hostile_repro.py            # every case
    python tools/hostile_repro.py sidecar    # the cases whose name contains "sidecar"
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakewiki import FakePage, FakeWiki, Fault  # noqa: E402

FETCH_DATA = ROOT / "tests" / "data" / "fetch"
PYRUS = ROOT / "tests" / "data" / "sources" / "xml" / "pywikibot-article-pyrus.xml"


@dataclass
class Outcome:
    status: int | None  # None: killed after the time limit
    out: str
    err: str
    seconds: float


@dataclass
class Case:
    name: str
    run: Callable[[Path], Outcome]
    statuses: tuple[int, ...]
    stdout_must_not: tuple[str, ...] = ()
    stdout_must: tuple[str, ...] = ()
    stderr_must: tuple[str, ...] = ()
    max_err_lines: int = 1
    notes: list[str] = field(default_factory=list)


def wikitui(
    *args: str, timeout: float = 30, stdin: int | None = None, shell: str | None = None
) -> Outcome:
    start = time.perf_counter()
    command = shell if shell is not None else [sys.executable, "-m", "wikitui", *args]
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            command,
            capture_output=shell is None or ">" not in shell,
            text=True,
            timeout=timeout,
            env=env,
            stdin=stdin,
            shell=shell is not None,
            executable="/bin/bash" if shell is not None else None,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired as expired:
        out = expired.stdout.decode(errors="replace") if isinstance(expired.stdout, bytes) else ""
        err = expired.stderr.decode(errors="replace") if isinstance(expired.stderr, bytes) else ""
        return Outcome(None, out or "", err or "", time.perf_counter() - start)
    return Outcome(
        done.returncode, done.stdout or "", done.stderr or "", time.perf_counter() - start
    )


# -- inputs --------------------------------------------------------------------------------


def api_json(revisions: object, page: dict[str, object] | None = None) -> str:
    entry: dict[str, object] = {"pageid": 1, "ns": 0, "title": "T", "revisions": revisions}
    entry.update(page or {})
    return json.dumps({"query": {"pages": [entry]}})


def rev(revid: object = 2, timestamp: str = "2020-01-02T00:00:00Z", **more: object) -> dict:
    return {
        "revid": revid,
        "parentid": 0,
        "timestamp": timestamp,
        "user": "U",
        "comment": "c",
        "slots": {"main": {"content": "text"}},
        **more,
    }


def xml_export(revisions: str, declaration: str = "", title: str = "T", page_id: str = "1") -> str:
    return (
        f'{declaration}<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" '
        f'version="0.10"><page><title>{title}</title><ns>0</ns><id>{page_id}</id>'
        f"{revisions}</page></mediawiki>"
    )


def xml_rev(
    rev_id: str = "2",
    parent: str | None = "0",
    timestamp: str = "2020-01-02T00:00:00Z",
    text: str = "text",
    extra: str = "",
) -> str:
    parent_xml = f"<parentid>{parent}</parentid>" if parent is not None else ""
    return (
        f"<revision><id>{rev_id}</id>{parent_xml}<timestamp>{timestamp}</timestamp>"
        f"<contributor><username>U</username><id>1</id></contributor><comment>c</comment>"
        f"{extra}<model>wikitext</model><format>text/x-wiki</format>"
        f'<text bytes="{len(text.encode())}" xml:space="preserve">{text}</text></revision>'
    )


def write(tmp: Path, name: str, text: str | bytes) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def on_file(name: str, text: str | bytes, *command: str) -> Callable[[Path], Outcome]:
    """Run ``wikitui COMMAND FILE ...`` on a file written into the temporary folder."""

    def run(tmp: Path) -> Outcome:
        path = write(tmp, name, text)
        verb, *rest = command
        return wikitui(verb, str(path), *rest)

    return run


def sidecar_folder(entries: list[dict[str, object]], *command: str) -> Callable[[Path], Outcome]:
    def run(tmp: Path) -> Outcome:
        folder = tmp / "page"
        write(folder, "a.wiki", "first")
        write(folder, "revisions.json", json.dumps({"title": "P", "revisions": entries}))
        verb, *rest = command
        return wikitui(verb, str(folder), *rest, timeout=15)

    return run


def fifo_folder(tmp: Path) -> Outcome:
    folder = tmp / "f"
    write(folder, "a.wiki", "first")
    os.mkfifo(folder / "b.wiki")
    return wikitui("list", str(folder), timeout=10)


def fifo_source(tmp: Path) -> Outcome:
    os.mkfifo(tmp / "p.xml")
    return wikitui("list", str(tmp / "p.xml"), timeout=10)


def symlink_loop(tmp: Path) -> Outcome:
    folder = tmp / "loop"
    write(folder, "a.wiki", "first")
    os.symlink(".", folder / "x")
    os.symlink(".", folder / "y")
    return wikitui("list", str(folder), timeout=15)


def pipe_source(tmp: Path) -> Outcome:
    gz = tmp / "p.xml.gz"
    gz.write_bytes(gzip.compress(PYRUS.read_bytes()))
    return wikitui(shell=f"{sys.executable} -m wikitui list <(cat {gz})")


def pipe_diff(tmp: Path) -> Outcome:
    return wikitui(shell=f"{sys.executable} -m wikitui diff <(cat {PYRUS})")


def to_dev_full(tmp: Path) -> Outcome:
    done = subprocess.run(
        f"{sys.executable} -m wikitui list {PYRUS} > /dev/full",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return Outcome(done.returncode, "", done.stderr, 0)


def to_closed_stdout(tmp: Path) -> Outcome:
    done = subprocess.run(
        f"{sys.executable} -m wikitui list {PYRUS} >&-",
        shell=True,
        stderr=subprocess.PIPE,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return Outcome(done.returncode, "", done.stderr, 0)


def long_line_diff(size: int, *extra: str) -> Callable[[Path], Outcome]:
    def run(tmp: Path) -> Outcome:
        words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur"]
        old = " ".join(words[k % len(words)] + str(k % 97) for k in range(size // 8))
        new = old.replace("dolor5 ", "DOLOR5 ")
        a = write(tmp, "old.txt", old)
        b = write(tmp, "new.txt", new)
        return wikitui("diff", str(a), str(b), "--no-color", *extra, timeout=60)

    return run


def pages() -> list[FakePage]:
    data = json.loads((FETCH_DATA / "revisions-pyrus.json").read_text(encoding="utf-8"))
    return [FakePage.from_response(data)]


def siteinfo() -> dict[str, object]:
    data = json.loads((FETCH_DATA / "info-normalized.json").read_text(encoding="utf-8"))
    query: dict[str, object] = data["query"]
    return query


def fetch_case(
    *extra: str, faults: tuple[Fault, ...] = (), timeout: float = 60, output: str | None = None
) -> Callable[[Path], Outcome]:
    def run(tmp: Path) -> Outcome:
        with FakeWiki(pages(), siteinfo=siteinfo(), faults=faults) as wiki:
            out = output if output is not None else str(tmp)
            if out.startswith("fifo:"):
                os.mkfifo(tmp / out[5:])
                out = str(tmp / out[5:])
            return wikitui(
                "fetch", "Pyrus", "--api", wiki.api_url, "-o", out, *extra, timeout=timeout
            )

    return run


def bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1 << 20)
    parts = [packer.compress(b'{"query": {"pages": [{"x": "')]
    parts += [packer.compress(chunk) for _ in range(400)]
    parts.append(packer.flush())
    return b"".join(parts)


def continue_forever() -> bytes:
    body = {
        "continue": {"rvcontinue": "20070202024152|1", "continue": "||"},
        "query": {
            "pages": [
                {
                    "pageid": 3,
                    "ns": 0,
                    "title": "Pyrus",
                    "revisions": [
                        {
                            "revid": 1,
                            "parentid": 0,
                            "timestamp": "2007-02-02T02:39:52Z",
                            "user": "U",
                            "userid": 1,
                            "size": 4,
                            "comment": "c",
                            "sha1": "0" * 40,
                            "slots": {"main": {"content": "text", "contentmodel": "wikitext"}},
                        }
                    ],
                }
            ]
        },
    }
    return json.dumps(body).encode()


def hostile_revids(value: str) -> bytes:
    text = continue_forever().decode().replace('"revid": 1', f'"revid": {value}')
    return text.replace(
        '"continue": {"rvcontinue": "20070202024152|1", "continue": "||"}, ', ""
    ).encode()


def hostile_pageid(tmp: Path) -> Outcome:
    info = (FETCH_DATA / "info-normalized.json").read_text(encoding="utf-8")
    body = json.loads(info)
    text = json.dumps(body).replace(
        '"pageid": ' + str(body["query"]["pages"][0]["pageid"]), '"pageid": 1e400'
    )
    return fetch_case(faults=(Fault(1, "raw", body=text.encode()),))(tmp)


def bad_timestamps_server(tmp: Path) -> Outcome:
    body = hostile_revids("1").decode().replace("2007-02-02T02:39:52Z", "yesterday")
    return fetch_case(faults=(Fault(2, "raw", body=body.encode()),))(tmp)


def duplicate_batches(tmp: Path) -> Outcome:
    """The server answers the same revisions page after page, then stops: "wrote N" must count
    what the file holds."""
    return fetch_case(
        "--limit", "all", faults=(Fault(2, "raw", body=continue_forever(), sticky=True),)
    )(tmp)


def render_huge_width(tmp: Path) -> Outcome:
    path = write(tmp, "a.wiki", "Hello '''world'''.")
    return wikitui("render", str(path), "--width", "99999999999999999999")


CASES: list[Case] = [
    # security
    Case(
        "sidecar /etc/hostname",
        sidecar_folder([{"file": "a.wiki"}, {"file": "/etc/hostname"}], "render", "--rev", "2"),
        (5,),
        stdout_must_not=(Path("/etc/hostname").read_text().strip(),),
        max_err_lines=2,
    ),
    Case(
        "sidecar ../../etc/passwd",
        sidecar_folder(
            [{"file": "a.wiki"}, {"file": "../../../../../../etc/passwd"}], "render", "--rev", "2"
        ),
        (5,),
        stdout_must_not=("root:",),
        max_err_lines=2,
    ),
    Case(
        "sidecar /dev/zero",
        sidecar_folder([{"file": "a.wiki"}, {"file": "/dev/zero"}], "list"),
        (0,),
    ),
    # API JSON
    Case(
        "api naive+Z timestamps",
        on_file(
            "a.json",
            api_json([rev(2, "2020-01-02T00:00:00Z"), rev(3, "2020-01-03T00:00:00")]),
            "list",
        ),
        (0,),
    ),
    Case("api revisions: 5", on_file("a.json", api_json(5), "list"), (0,)),
    Case(
        "api lone surrogate",
        on_file(
            "a.json",
            api_json([rev(2, comment="x\\ud800y")]).replace("\\\\ud800", "\\ud800"),
            "list",
        ),
        (0,),
    ),
    Case(
        "api lone surrogate diff",
        on_file(
            "a.json",
            api_json([rev(2, slots={"main": {"content": "a\\udc00b"}})]).replace(
                "\\\\udc00", "\\udc00"
            ),
            "diff",
        ),
        (0,),
    ),
    Case("api ns abc", on_file("a.json", api_json([rev()], {"ns": "abc"}), "list"), (0,)),
    Case(
        "api ns NaN",
        on_file("a.json", api_json([rev()], {"ns": 1}).replace('"ns": 1', '"ns": NaN'), "list"),
        (0,),
    ),
    Case(
        "api ns Infinity",
        on_file(
            "a.json", api_json([rev()], {"ns": 1}).replace('"ns": 1', '"ns": Infinity'), "list"
        ),
        (0,),
    ),
    Case(
        "api revid Infinity",
        on_file("a.json", api_json([rev(77)]).replace('"revid": 77', '"revid": Infinity'), "list"),
        (0,),
    ),
    Case(
        "api 5000-digit int",
        on_file(
            "a.json", api_json([rev(77)]).replace('"revid": 77', '"revid": ' + "9" * 5000), "list"
        ),
        (0, 3),
    ),
    Case("api deep nesting", on_file("a.json", "[" * 100000 + "]" * 100000, "list"), (3,)),
    # XML
    Case(
        "xml encoding base64",
        on_file("a.xml", xml_export(xml_rev(), '<?xml version="1.0" encoding="base64"?>'), "list"),
        (3,),
    ),
    Case(
        "xml encoding rot13",
        on_file("a.xml", xml_export(xml_rev(), '<?xml version="1.0" encoding="rot13"?>'), "list"),
        (3,),
    ),
    Case(
        "xml 5000-digit revision id",
        on_file("a.xml", xml_export(xml_rev("9" * 5000)), "list"),
        (0,),
    ),
    Case(
        "xml 5000-digit page id",
        on_file("a.xml", xml_export(xml_rev(), page_id="9" * 5000), "list"),
        (0, 3),
    ),
    Case(
        "xml parent = own id (diff)",
        on_file("a.xml", xml_export(xml_rev("2", "1") + xml_rev("3", "3")), "diff"),
        (0,),
        max_err_lines=1,
    ),
    Case(
        "xml duplicate ids (diff)",
        on_file(
            "a.xml", xml_export(xml_rev("2", "0") + xml_rev("3", "2") + xml_rev("2", "3")), "diff"
        ),
        (0,),
        max_err_lines=2,
    ),
    Case(
        "xml year-1 timestamp (diff)",
        on_file("a.xml", xml_export(xml_rev(timestamp="0001-01-01T00:00:00+05:00")), "diff"),
        (5,),
        max_err_lines=2,
    ),
    Case(
        "xml year-1 timestamp (list --json)",
        on_file(
            "a.xml", xml_export(xml_rev(timestamp="0001-01-01T00:00:00+05:00")), "list", "--json"
        ),
        (0,),
    ),
    Case(
        "xml &#xD800; (diff)",
        on_file("a.xml", xml_export(xml_rev(text="a&#xD800;b")), "diff"),
        (0,),
    ),
    Case(
        "xml &#xD800; (render)",
        on_file("a.xml", xml_export(xml_rev(text="a&#xD800;b")), "render"),
        (0,),
    ),
    Case(
        "xml huge tags comment",
        on_file(
            "a.xml",
            xml_export(xml_rev(extra="<!-- wikitui:tags " + "[" * 200000 + " -->")),
            "list",
        ),
        (0,),
    ),
    # sidecar
    Case("sidecar sha1: 5", sidecar_folder([{"file": "a.wiki", "sha1": 5}], "list"), (0,)),
    # render
    Case("render {{{ x200", on_file("a.wiki", "{{{" * 200 + "}}}" * 200, "render"), (0,)),
    Case("render --width 1e20", render_huge_width, (0, 2)),
    # selectors
    Case("--rev 5000 digits", lambda tmp: wikitui("render", str(PYRUS), "--rev", "9" * 5000), (4,)),
    Case("--from 5000 digits", lambda tmp: wikitui("diff", str(PYRUS), "--from", "9" * 5000), (4,)),
    Case("--to 5000 digits", lambda tmp: wikitui("diff", str(PYRUS), "--to", "9" * 5000), (4,)),
    # pipes and output
    Case("pipe <(gzip -c f) list", pipe_source, (0,), stdout_must=("Pyrus",)),
    Case("pipe <(cat f) diff", pipe_diff, (0,)),
    Case("output /dev/full", to_dev_full, (1,)),
    Case("output closed stdout", to_closed_stdout, (1,)),
    # fetch
    Case(
        "fetch --api http://[::1", lambda tmp: wikitui("fetch", "X", "--api", "http://[::1"), (2, 6)
    ),
    Case("fetch --timeout inf", fetch_case("--timeout", "inf"), (0, 2)),
    Case("fetch --timeout -1", fetch_case("--timeout", "-1"), (2,)),
    Case("fetch --timeout nan", fetch_case("--timeout", "nan"), (2,)),
    Case("fetch --since year 1", fetch_case("--since", "0001-01-01T00:00:00+05:00"), (2, 6)),
    Case("fetch pageid 1e400", hostile_pageid, (6,)),
    Case(
        "fetch revid 1e400",
        fetch_case(faults=(Fault(2, "raw", body=hostile_revids("1e400")),)),
        (6,),
    ),
    Case(
        "fetch gzip bomb",
        fetch_case(faults=(Fault(2, "raw", body=bomb(), encoding="gzip", sticky=True),)),
        (6,),
        stderr_must=("too large",),
    ),
    # hangs
    Case("FIFO as the source", fifo_source, (3,)),
    Case("FIFO in a folder", fifo_folder, (0,)),
    Case("two symlinks to . in a folder", symlink_loop, (0,)),
    Case(
        "fetch dripping server --timeout 1",
        fetch_case(
            "--timeout", "1", faults=(Fault(2, "drip", delay=0.5, sticky=True),), timeout=90
        ),
        (6,),
    ),
    Case(
        "fetch never-ending continue",
        fetch_case(
            "--limit", "all", faults=(Fault(2, "raw", body=continue_forever(), sticky=True),)
        ),
        (0,),
        stdout_must=("wrote 1 revision",),
        max_err_lines=1,
    ),
    Case("fetch -o FIFO", fetch_case(output="fifo:out.xml", timeout=15), (6,)),
    Case("diff 6.4 MB single line", long_line_diff(6_400_000), (0,)),
    Case("diff 50 MB single line", long_line_diff(50_000_000), (0,)),
    Case(
        "diff --width 10000000",
        long_line_diff(20_000, "--width", "10000000"),
        (0,),
        max_err_lines=1,
    ),
    # wrong output
    Case(
        "render unclosed <!--",
        on_file("a.wiki", "Visible.\n\n<!-- hidden\n\nHidden too.", "render"),
        (0,),
        stdout_must_not=("Hidden too",),
    ),
    Case(
        "render NUL byte",
        on_file("a.wiki", "Before.\x00\n\nAfter the NUL.", "render"),
        (0,),
        stdout_must=("After the NUL",),
    ),
    Case(
        "list shows UTC",
        on_file("a.xml", xml_export(xml_rev(timestamp="2020-01-02T03:04:05+05:00")), "list"),
        (0,),
        stdout_must=("2020-01-01 22:04",),
    ),
    Case("fetch bad timestamps from server", bad_timestamps_server, (6,)),
    Case(
        "fetch reports revisions actually written",
        duplicate_batches,
        (0,),
        stdout_must=("wrote 1 revision",),
    ),
    Case(
        "diff damaged revision names the file",
        on_file("a.xml", xml_export(xml_rev("2", "0", timestamp="garbage")), "diff"),
        (5,),
        stderr_must=("a.xml",),
        max_err_lines=2,
    ),
    Case(
        "render damaged revision names the file",
        on_file("a.xml", xml_export(xml_rev("2", "0", timestamp="garbage")), "render"),
        (5,),
        stderr_must=("a.xml",),
        max_err_lines=2,
    ),
]


def verdict(case: Case, outcome: Outcome) -> list[str]:
    problems = []
    if outcome.status is None:
        problems.append(f"HANG (> {outcome.seconds:.0f} s)")
    elif outcome.status not in case.statuses:
        problems.append(f"exit {outcome.status}, want {case.statuses}")
    if "Traceback" in outcome.err or "Exception ignored" in outcome.err:
        last = outcome.err.strip().splitlines()[-1] if outcome.err.strip() else ""
        problems.append(f"traceback: {last[:100]}")
    elif outcome.err.count("\n") > case.max_err_lines:
        problems.append(f"{outcome.err.count(chr(10))} stderr lines")
    for text in case.stdout_must_not:
        if text in outcome.out:
            problems.append(f"stdout shows {text[:30]!r}")
    for text in case.stdout_must:
        if text not in outcome.out:
            problems.append(f"stdout lacks {text!r}")
    for text in case.stderr_must:
        if text not in outcome.err:
            problems.append(f"stderr lacks {text!r}")
    return problems


def main() -> int:
    wanted = sys.argv[1:]
    failed = 0
    for case in CASES:
        if wanted and not any(word.lower() in case.name.lower() for word in wanted):
            continue
        with tempfile.TemporaryDirectory(prefix="wikitui-hostile-") as tmp:
            outcome = case.run(Path(tmp))
        problems = verdict(case, outcome)
        failed += bool(problems)
        mark = "FAIL" if problems else "ok  "
        detail = "; ".join(problems) if problems else outcome.err.strip().splitlines()[-1:] or ""
        if not problems:
            detail = (detail[0] if detail else "")[:90]
        print(f"{mark} {case.name:<42} {outcome.seconds:5.1f}s  {detail}", flush=True)
    print(f"{failed} failing")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
