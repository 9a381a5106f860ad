"""How fast ``wikitui fetch`` turns API responses into an export, and how much memory it needs.

A fake Action API (``FakeWiki`` from ``tests/fakewiki.py``, loopback, no internet) serves a
generated history (``generate_history.py``: realistic articles and edits). ``wikitui fetch``
runs as a child process, so its wall time and peak RSS are its own. Next to it, the bare
download of the same responses with httpx shows what the network side alone costs here. Real
fetches are bound by the wiki's latency (one request per 50 revisions), not by this.

    python bench/bench_fetch.py                  # 1,500 revisions of ~100 KB
    python bench/bench_fetch.py --revisions 600 --article-kb 200
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))  # the fake wiki is test code, not in the package

from fakewiki import FakePage, FakeWiki  # noqa: E402
from generate_history import history_title, iter_history  # noqa: E402


def api_revisions(count: int, article_kb: float, seed: int) -> tuple[str, list[dict], int]:
    """A generated history as formatversion=2 revision objects, and its total text bytes."""
    revisions = []
    total = 0
    for meta, text in iter_history(count, article_kb, seed):
        data = text.encode("utf-8")
        total += len(data)
        anon = meta.user_id is None
        revisions.append(
            {
                "revid": meta.rev_id,
                "parentid": meta.parent_id or 0,
                "minor": meta.minor,
                "user": meta.user,
                **({"anon": True} if anon else {}),
                "userid": meta.user_id or 0,
                "timestamp": meta.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "size": len(data),
                "sha1": hashlib.sha1(data).hexdigest(),
                "slots": {
                    "main": {
                        "contentmodel": "wikitext",
                        "contentformat": "text/x-wiki",
                        "content": text,
                    }
                },
                "comment": meta.comment,
                "tags": list(meta.tags),
            }
        )
    return history_title(seed), revisions, total


# Peak RSS is read inside the child (VmHWM of its own address space): getrusage figures for
# a child include the parent's pages it started from (fork, or the old mm at exec).
_MEASURED = """
import sys
from wikitui.cli import main
status = 0 if sys.argv[1] == "--baseline" else main(sys.argv[1:])
if sys.argv[1] == "--baseline":
    import httpx, rich.progress, wikitui.fetch, wikitui.sources
with open("/proc/self/status") as status_file:
    peak = [line.split()[1] for line in status_file if line.startswith("VmHWM")][0]
sys.stderr.write(f"VmHWM {peak}\\n")
sys.exit(status)
"""


def run_child(args: list[str]) -> tuple[float, float, str]:
    """Run ``wikitui ARGS``; (seconds, peak RSS in MB, stdout)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    *_, last = done.stderr.splitlines() or [""]
    if done.returncode != 0 or not last.startswith("VmHWM"):
        raise SystemExit(f"wikitui {' '.join(args)} failed: {done.stderr.strip()}")
    return seconds, int(last.split()[1]) / 1024, done.stdout


def bare_download(api_url: str, limit: int) -> tuple[float, int]:
    """The same revision requests with httpx only: (seconds, requests)."""
    start = time.perf_counter()
    requests = 0
    params: dict[str, str] = {}
    fetched = 0
    with httpx.Client(timeout=60) as client:
        while fetched < limit:
            query = {
                "action": "query",
                "format": "json",
                "formatversion": "2",
                "prop": "revisions",
                "pageids": "1",
                "rvlimit": "max",
                **params,
            }
            data = client.get(api_url, params=query).json()
            requests += 1
            fetched += len(data["query"]["pages"][0]["revisions"])
            if "continue" not in data:
                break
            params = data["continue"]
    return time.perf_counter() - start, requests


def serve(args: argparse.Namespace) -> int:
    """Child mode: serve the generated history; a line on stdin adds 20 new revisions."""
    title, revisions, text_bytes = api_revisions(args.revisions, args.article_kb, args.seed)
    with FakeWiki([FakePage(title=title, page_id=1, revisions=list(revisions))]) as wiki:
        print(json.dumps([wiki.api_url, title, len(revisions), text_bytes]), flush=True)
        for number, _ in enumerate(sys.stdin):
            for extra in range(20):
                newest = dict(revisions[-1], revid=10_000_000 + 20 * number + extra)
                newest["timestamp"] = f"2099-01-01T00:{number:02d}:{extra:02d}Z"
                wiki.add_revision(title, newest)
            print("added", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=1500)
    parser.add_argument("--article-kb", type=float, default=100.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args)

    print(f"generating {args.revisions} revisions of ~{args.article_kb:g} KB ...", flush=True)
    # The fake wiki runs in its own process so that this one stays small: a child forked from
    # a parent holding the history would count the parent's pages in its peak RSS.
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", *sys.argv[1:]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    api_url, title, count, text_bytes = json.loads(server.stdout.readline())
    avg = text_bytes / count
    rows: list[tuple[str, float, str, float | None, float]] = []
    try:
        with tempfile.TemporaryDirectory(dir=HERE / "out") as tmp:
            out = Path(tmp) / "history.xml"
            base = ["fetch", title, "--api", api_url, "-o", str(out), "--json"]
            for limit in sorted({min(500, count), count}):
                out.unlink(missing_ok=True)
                seconds, rss, _ = run_child([*base, "--limit", str(limit)])
                mb = limit * avg / 1e6
                rate = f"{limit / seconds:,.0f} rev/s"
                rows.append((f"fetch --limit {limit}", seconds, rate, rss, mb))
                raw, requests = bare_download(api_url, limit)
                rows.append((f"  bare httpx download, {requests} requests", raw, "", None, mb))

            seconds, rss, _ = run_child(base)
            rows.append(("refresh, file up to date", seconds, "1 request", rss, 0.0))

            server.stdin.write("add\n")
            server.stdin.flush()
            server.stdout.readline()
            seconds, rss, _ = run_child(base)
            size = out.stat().st_size / 1e6
            name = f"refresh, 20 new (rewrites {size:,.0f} MB)"
            rows.append((name, seconds, "", rss, 20 * avg / 1e6))
    finally:
        server.stdin.close()
        server.wait()

    print(
        f"\nwikitui fetch from a loopback fake wiki, {count} revisions, "
        f"{text_bytes / 1e6:,.0f} MB of wikitext (avg {avg / 1e3:,.0f} KB)"
    )
    print(f"{'run':<44} {'seconds':>8} {'MB/s':>8} {'':>12} {'peak RSS':>9}")
    for name, took, note, peak, mb in rows:
        speed = f"{mb / took:8.1f}" if mb else f"{'':>8}"
        rss_text = f"{peak:7.0f} MB" if peak is not None else ""
        print(f"{name:<44} {took:8.2f} {speed} {note:>12} {rss_text:>9}")
    print(
        f"\n(peak RSS of the fetch process; Python with httpx, rich, wikitui.fetch and "
        f"wikitui.sources imported is {baseline_rss():.0f} MB)"
    )
    return 0


def baseline_rss() -> float:
    """Peak RSS of a Python that only imports what a fetch uses."""
    return run_child(["--baseline"])[1]


if __name__ == "__main__":
    os.makedirs(HERE / "out", exist_ok=True)
    raise SystemExit(main())
