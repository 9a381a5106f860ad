"""How fast ``wikitui fetch`` turns API responses into an export, and how much memory it needs.

A fake Action API (:class:`wikitui.fetch.fakewiki.FakeWiki`, loopback, no internet) serves a
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
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_history import history_title, iter_history  # noqa: E402

from wikitui.fetch.fakewiki import FakePage, FakeWiki  # noqa: E402


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


def run_child(argv: list[str]) -> tuple[float, float, str]:
    """Run a command; (seconds, peak RSS in MB of that very child, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed: {err.read().decode().strip()}")
        return seconds, usage.ru_maxrss / 1024, out.read().decode()


def bare_download(wiki: FakeWiki, page_id: int, limit: int) -> tuple[float, int]:
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
                "pageids": str(page_id),
                "rvlimit": "max",
                **params,
            }
            data = client.get(wiki.api_url, params=query).json()
            requests += 1
            fetched += len(data["query"]["pages"][0]["revisions"])
            if "continue" not in data:
                break
            params = data["continue"]
    return time.perf_counter() - start, requests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=1500)
    parser.add_argument("--article-kb", type=float, default=100.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print(f"generating {args.revisions} revisions of ~{args.article_kb:g} KB ...", flush=True)
    title, revisions, text_bytes = api_revisions(args.revisions, args.article_kb, args.seed)
    page = FakePage(title=title, page_id=1, revisions=list(revisions))
    wikitui = [sys.executable, "-m", "wikitui"]
    rows: list[tuple[str, float, str, float | None, float]] = []
    with FakeWiki([page]) as wiki, tempfile.TemporaryDirectory(dir=HERE / "out") as tmp:
        out = Path(tmp) / "history.xml"
        base = [*wikitui, "fetch", title, "--api", wiki.api_url, "-o", str(out), "--json"]
        avg = text_bytes / len(revisions)

        for limit in sorted({min(500, len(revisions)), len(revisions)}):
            out.unlink(missing_ok=True)
            seconds, rss, _ = run_child([*base, "--limit", str(limit)])
            mb = limit * avg / 1e6
            rows.append(
                (f"fetch --limit {limit}", seconds, f"{limit / seconds:,.0f} rev/s", rss, mb)
            )
            raw, requests = bare_download(wiki, 1, limit)
            rows.append((f"  bare httpx download, {requests} requests", raw, "", None, mb))

        seconds, rss, _ = run_child(base)
        rows.append(("refresh, file up to date", seconds, "1 request", rss, 0.0))

        for number in range(20):
            newest = dict(revisions[-1], revid=10_000_000 + number, parentid=0)
            newest["timestamp"] = f"2099-01-01T00:00:{number:02d}Z"
            wiki.add_revision(title, newest)
        seconds, rss, _ = run_child(base)
        size = out.stat().st_size / 1e6
        rows.append(
            (f"refresh, 20 new (rewrites {size:,.0f} MB)", seconds, "", rss, 20 * avg / 1e6)
        )

    print(
        f"\nwikitui fetch from a loopback fake wiki, {len(revisions)} revisions, "
        f"{text_bytes / 1e6:,.0f} MB of wikitext (avg {avg / 1e3:,.0f} KB)"
    )
    print(f"{'run':<44} {'seconds':>8} {'MB/s':>8} {'':>12} {'peak RSS':>9}")
    for name, took, note, peak, mb in rows:
        speed = f"{mb / took:8.1f}" if mb else f"{'':>8}"
        rss_text = f"{peak:7.0f} MB" if peak is not None else ""
        print(f"{name:<44} {took:8.2f} {speed} {note:>12} {rss_text:>9}")
    print(
        f"\n(the fetch child's RSS includes Python + httpx + rich: "
        f"`python -c 'import httpx, rich'` alone is ~{baseline_rss():.0f} MB)"
    )
    return 0


def baseline_rss() -> float:
    code = "import httpx, rich.progress, wikitui.fetch"
    _, rss, _ = run_child([sys.executable, "-c", code])
    return rss


if __name__ == "__main__":
    os.makedirs(HERE / "out", exist_ok=True)
    raise SystemExit(main())
