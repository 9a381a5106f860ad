"""How long blame takes and how much memory, against WikiWho on the same histories, in one run.

    python bench/bench_blame.py [FULL_HISTORY] [--aligner difflib|rapidfuzz|both]

FULL_HISTORY is the corpus's full Anarchism history (wikiwho-anarchism-full-history.xml.lzma,
15,180 revisions); the 200-revision excerpt in sample_data/ is always measured. For each:

* **first blame, as whole processes**: ``wikitui blame HISTORY --json`` with an empty cache
  (it reads the history, builds its index, processes every revision) beside WikiWho 1.0.3
  over the same file (tools/regen_wikiwho.py, which reads it with mwxml as WikiWho's own
  example does), wall time and peak memory (RSS) of each process; then a second
  ``wikitui blame --rev latest~100`` process, which finds the state in the index;
* **agreement**: the share of the latest revision's non-space characters whose origin
  revision is the same in both (WikiWho's fresh output when it ran, else the committed one in
  tests/data/blame/);
* **any other revision**: with the state in memory, the slowest of 20 blames of random
  revisions; and from the saved state, as a second ``wikitui`` run would do: load it from a
  store, check it against the history, blame one revision.

WikiWho is a reference, not a dependency: ``pip install wikiwho`` to compare (without it the
wikitui figures are printed alone). ``--aligner`` also runs the history pass in this process
with difflib's and rapidfuzz's token diffs (see wikitui/blame/align.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from benchlib import ROOT, MemoryStore, run_child

from wikitui.blame import Authorship
from wikitui.blame.align import ALIGNERS
from wikitui.blame.engine import BlameState
from wikitui.model import Page
from wikitui.sources import open_source

EXCERPT = ROOT / "sample_data" / "anarchism-first200.xml.bz2"
REFERENCES = ROOT / "tests" / "data" / "blame"


def have_wikiwho() -> bool:
    try:
        import WikiWho  # noqa: F401
    except ImportError:
        return False
    return True


def agreement(reference: dict[str, object], page: Page, authorship: Authorship) -> float:
    """Share of the reference's non-space token characters with the same origin as ours."""
    latest = len(page.revisions) - 1
    blame = authorship.blame(latest)
    origin: list[int | None] = [None] * len(blame.text)
    for span in blame.spans:
        rev_id = page.revisions[span.index].rev_id
        origin[span.start : span.end] = [rev_id] * (span.end - span.start)
    agree = total = 0
    for start, end, rev_id in reference["tokens"]:  # type: ignore[attr-defined]
        for offset in range(start, end):
            if not blame.text[offset].isspace():
                total += 1
                agree += origin[offset] == rev_id
    return agree / total


def measure(path: Path, reference_name: str, aligners: list[str]) -> None:
    """Print every figure for one history."""
    print(f"\n== {path.name}")
    fresh = Path(tempfile.mkdtemp()) / "wikiwho.json.gz"
    wikiwho = None
    if have_wikiwho():
        command = [sys.executable, str(ROOT / "tools" / "regen_wikiwho.py"), str(path), str(fresh)]
        wikiwho = run_child(command, check=False)
    # A fresh cache: the first run reads the history, builds its index and blames; the
    # second blames another revision as a new process, through the index.
    env = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp()}
    blame = [sys.executable, "-m", "wikitui", "blame", str(path), "--json"]
    ours = run_child(blame, env=env, check=False)
    other = run_child([*blame, "--rev", "latest~100"], env=env, check=False)
    for run in (wikiwho, ours, other):
        if run is not None and run.returncode:
            sys.stderr.write(run.stderr)
    print(f"{'whole processes':<40} {'seconds':>9} {'peak MB':>9}")
    if wikiwho is not None:
        print(f"{'  WikiWho 1.0.3':<40} {wikiwho.seconds:>9.2f} {wikiwho.rss_mb:>9.0f}")
    else:
        print("  WikiWho: not installed here (pip install wikiwho)")
    for label, run in (
        ("  wikitui blame (first)", ours),
        ("  wikitui blame --rev latest~100 (next)", other),
    ):
        print(f"{label:<40} {run.seconds:>9.2f} {run.rss_mb:>9.0f}")
    if wikiwho is not None:
        print(
            f"  wikitui / WikiWho: time {ours.seconds / wikiwho.seconds:.2f}x, "
            f"memory {ours.rss_mb / wikiwho.rss_mb:.2f}x"
        )

    source = open_source(path)
    page = source.find_page(None)
    store = MemoryStore()
    page.derived = store
    start = time.perf_counter()
    authorship = Authorship.of(page)
    first = time.perf_counter() - start
    print(f"  in this process (source already open): history pass {first:.2f} s")

    reference_path = fresh if fresh.exists() else REFERENCES / reference_name
    with gzip.open(reference_path, "rt", encoding="utf-8") as stream:
        reference = json.load(stream)
    share = agreement(reference, page, authorship)
    origin = "fresh run" if reference_path == fresh else "committed output"
    print(f"agreement with WikiWho ({origin}): {share:.2%} of non-space characters")

    rng = random.Random(1)
    picks = rng.sample(range(len(page.revisions)), min(20, len(page.revisions)))
    slowest = 0.0
    for index in picks:
        start = time.perf_counter()
        try:
            authorship.blame(index)
        except Exception:  # a hidden text: not a lookup
            continue
        slowest = max(slowest, time.perf_counter() - start)
    print(f"any other revision, state in memory: slowest of {len(picks)}: {slowest * 1000:.0f} ms")
    index = picks[0]
    start = time.perf_counter()
    again = Authorship.of(page)
    again.blame(index)
    reload = time.perf_counter() - start
    size = len(store.values[("blame", "state")])
    print(
        f"any other revision, from the saved state ({size / 1e6:.1f} MB): "
        f"{reload * 1000:.0f} ms (loaded {again.loaded} revisions, recomputed "
        f"{again.covered - again.loaded})"
    )

    for name in aligners:
        state = BlameState(ALIGNERS[name])
        start = time.perf_counter()
        for position, revision in enumerate(page.revisions):
            try:
                state.add(position, page.text(revision))
            except Exception:
                continue
        seconds = time.perf_counter() - start
        probe = Authorship(page, state, len(page.revisions))
        share = agreement(reference, page, probe)
        print(f"  token diff {name:<10}: history pass {seconds:.2f} s, agreement {share:.2%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("full_history", nargs="?", type=Path)
    parser.add_argument("--aligner", choices=["none", "difflib", "rapidfuzz", "both"])
    args = parser.parse_args()
    aligners = {
        None: [],
        "none": [],
        "difflib": ["difflib"],
        "rapidfuzz": ["rapidfuzz"],
        "both": ["difflib", "rapidfuzz"],
    }[args.aligner]
    measure(EXCERPT, "wikiwho-anarchism-first200.json.gz", aligners)
    if args.full_history is not None:
        measure(args.full_history, "wikiwho-anarchism-full.json.gz", aligners)
    return 0


if __name__ == "__main__":
    sys.exit(main())
