"""How long ``wikitui search`` takes over a whole history, next to a brute-force scan.

On a real history (default: the corpus's 15,180-revision "Anarchism" ``.lzma``, 1.05 GB of
text), after the source is open, for a few phrases of its latest revision:

* **brute force** (the reference): every revision's text read through the page and tested,
  what a complete pickaxe must do without checksums;
* **wikitui, cold**: :func:`wikitui.history.pickaxe.search` with no SHA-1s known (schema 0.4
  has none): every text read once, SHA-1s computed on the way and kept in the page's store;
* **wikitui, warm**: the same search once the SHA-1s are stored, as with a warm index: a
  text that repeats an earlier one is not read again.

Each line also checks that the events equal the brute force's. When the page has no index
store (``page.derived`` None: the index is not in use), an in-memory store stands in for it,
and the output says so. Usage::

    python bench/bench_search.py [PATH] [--phrase TEXT ...]
"""

from __future__ import annotations

import argparse
import sys
import time

from benchlib import REAL_HISTORY, MemoryStore

from wikitui.errors import TextUnavailable
from wikitui.history.pickaxe import Query, search
from wikitui.model import Page
from wikitui.sources import open_source

PHRASES = ["Peter Kropotkin", "anarcho-capitalism", "[[Category:"]


def brute_force(page: Page, phrase: str) -> list[tuple[int, str]]:
    events, before = [], False
    for index, revision in enumerate(page.revisions):
        try:
            now = phrase in page.text(revision)
        except TextUnavailable:
            continue
        if now != before:
            events.append((index, "added" if now else "removed"))
            before = now
    return events


def timed(function, *args):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=REAL_HISTORY)
    parser.add_argument("--phrase", action="append", help="phrase to search (repeatable)")
    args = parser.parse_args()
    source, opened = timed(open_source, args.path)
    page = source.all_pages()[0]
    print(f"{page.title}: {len(page.revisions):,} revisions, opened in {opened:.1f} s")
    if page.derived is None:
        page.derived = MemoryStore()
        print("(no index store on this page: an in-memory store stands in for it)")
    print(f"{'phrase':<22} {'events':>6} {'brute force':>12} {'cold':>8} {'warm':>8}  same")
    cold_done = False
    for phrase in args.phrase or PHRASES:
        reference, brute = timed(brute_force, page, phrase)
        if not cold_done:
            events, cold = timed(search, page, Query(phrase))
            cold_text, cold_done = f"{cold:7.2f}s", True
        else:
            cold_text = "      -"
        events, warm = timed(search, page, Query(phrase))
        same = [(e.index, e.event) for e in events] == reference
        print(
            f"{phrase:<22} {len(events):>6} {brute:>11.2f}s {cold_text} {warm:>7.2f}s  "
            f"{'yes' if same else 'NO'}  ({brute / warm:.1f}x faster than brute force)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
