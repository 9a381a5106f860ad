"""Reverts on a real history beside mwreverts, and beside MediaWiki's own tags.

1. The corpus's full "Anarchism" history (15,180 revisions, no ``<sha1>``): wikitui's
   :func:`~wikitui.history.reverts.find_reverts` (texts read, SHA-1s computed) against the
   committed mwreverts reference (``tests/data/reverts``): precision and recall of the sets of
   reverting and reverted revisions, and the time, beside mwreverts itself when it is
   installed (``pip install mwreverts``: it is no wikitui dependency), on the same file in
   the same run.
2. A generated history whose revisions carry ``mw-reverted`` / ``mw-rollback`` / ``mw-undo``
   tags (``generate_history.py``): how many tagged revisions are found, and the rest.

Usage::

    python bench/bench_reverts.py [PATH_TO_ANARCHISM.xml.lzma] [--generated N]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import REAL_HISTORY, ROOT
from generate_history import write_export

from wikitui.history.reverts import compare_with_tags, find_reverts
from wikitui.sources import open_source

REFERENCE = ROOT / "tests" / "data" / "reverts" / "anarchism-mwreverts.jsonl.gz"


def precision_recall(found: set[int], reference: set[int]) -> str:
    hits = len(found & reference)
    return (
        f"found {len(found):,}, mwreverts {len(reference):,}: "
        f"precision {hits / len(found):.4f}, recall {hits / len(reference):.4f}"
    )


def real(path: str) -> None:
    started = time.perf_counter()
    page = open_source(path).all_pages()[0]
    opened = time.perf_counter() - started
    started = time.perf_counter()
    found = find_reverts(page)
    detected = time.perf_counter() - started
    ids = [r.rev_id for r in page.revisions]
    with gzip.open(REFERENCE, "rt", encoding="utf-8") as lines:
        reference = [json.loads(line) for line in lines]
    print(f"{page.title}: {len(ids):,} revisions")
    print(
        "  reverting:",
        precision_recall({ids[i] for i in found.reverting()}, {r["reverting"] for r in reference}),
    )
    print(
        "  reverted: ",
        precision_recall(
            {ids[i] for i in found.reverted()}, {i for r in reference for i in r["reverteds"]}
        ),
    )
    print(f"  wikitui: open {opened:.1f} s + SHA-1s and reverts {detected:.1f} s")
    if importlib.util.find_spec("mwreverts") is None:
        print("  mwreverts: not installed (pip install mwreverts) - no timing beside it")
        return
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", MWREVERTS, path], check=True)
    seconds = time.perf_counter() - started
    print(f"  mwreverts (mwxml + dump2reverts' loop, same file, all in): {seconds:.1f} s")


MWREVERTS = """
import hashlib, lzma, sys
import mwxml, mwreverts
detector = mwreverts.Detector(15)
count = 0
with lzma.open(sys.argv[1], format=lzma.FORMAT_ALONE) as stream:
    for page in mwxml.Dump.from_file(stream):
        for revision in page:
            main = revision.slots.contents.get("main") if revision.slots else None
            text = main.text if main is not None else None
            if text is None:
                continue
            if detector.process(hashlib.sha1(bytes(text, "utf8", "replace")).digest(), revision.id):
                count += 1
print(f"  mwreverts found {count:,} reverts", file=sys.stderr)
"""


def generated(revisions: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tagged.xml"
        write_export(path, revisions=revisions, article_kb=40, seed=5)
        page = open_source(path).all_pages()[0]
        found = find_reverts(page)
        comparison = compare_with_tags(page, found)
    tagged_reverted = sum("mw-reverted" in r.tags for r in page.revisions)
    print(f"generated history, {revisions:,} revisions with MediaWiki's tags:")
    print(
        f"  mw-reverted: {tagged_reverted:,} tagged, {len(found.reverted()):,} found; "
        f"tagged not found {len(comparison.tagged_not_reverted)}, "
        f"found untagged {len(comparison.reverted_untagged)}"
    )
    print(
        f"  rollback/undo/manual-revert: {len(found.reverting()):,} found; "
        f"tagged not found {len(comparison.tagged_not_reverting)}, "
        f"found untagged {len(comparison.reverting_untagged)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=REAL_HISTORY)
    parser.add_argument("--generated", type=int, default=3000, metavar="N")
    args = parser.parse_args()
    real(args.path)
    generated(args.generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
