#!/usr/bin/env python3
"""Build the diff engine's reference data: real revision pairs and wikidiff2's outputs.

    tools/regen_wikidiff2.py extract CORPUS_XML_DIR   # (once) copy revision texts into
                                                     # tests/data/wikidiff2/real/
    tools/regen_wikidiff2.py jobs                    # print the wikidiff2 jobs (used by
                                                     # tools/regen_wikidiff2.sh)
    tools/regen_wikidiff2.py agreement               # how closely wikitui's engine agrees
                                                     # with the stored wikidiff2 outputs

``extract`` reads the corpus XML exports (see tests/data/wikidiff2/README.md for which
revisions) and writes one ``<rev_id>.txt`` per revision plus ``pairs.txt`` (consecutive
revision pairs) per page. ``jobs`` lists ``OLD NEW CONTEXT OUTPUT`` lines for every case and
pair; ``regen_wikidiff2.sh`` feeds them to wikidiff2 under PHP.
"""

from __future__ import annotations

import bz2
import gzip
import itertools
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import IO

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "wikidiff2"

# (folder, export file, revision positions to keep: consecutive runs give consecutive pairs)
SELECTION: list[tuple[str, str, list[range]]] = [
    ("pyrus", "pywikibot-article-pyrus.xml", [range(0, 6)]),
    ("pear", "pywikibot-article-pear.xml", [range(0, 4)]),
    ("cullu-agdam", "pywikibot-pair-0.10.xml", [range(0, 2)]),
    ("talk-cullu-agdam", "pywikibot-pair-0.10.xml", [range(2, 4)]),
    (
        "anarchism-first200",
        "anarchism-first200.xml.bz2",
        [range(0, 16), range(95, 111), range(185, 200)],
    ),
    ("anarchism-last25", "anarchism-last25.xml.gz", [range(16, 25)]),
]


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".bz2":
        return bz2.open(path)
    if path.suffix == ".gz":
        return gzip.open(path)
    return path.open("rb")


def _revisions(path: Path) -> list[tuple[str, str]]:
    """(revision id, text) of every revision in the export, in file order, pages chained."""
    result: list[tuple[str, str]] = []
    with _open(path) as stream:
        for _, element in ET.iterparse(stream):
            if element.tag.rsplit("}", 1)[-1] != "revision":
                continue
            rev_id = element.findtext("{*}id") or ""
            text = element.find("{*}text")
            result.append((rev_id, (text.text or "") if text is not None else ""))
            element.clear()
    return result


def extract(corpus: Path) -> None:
    """Write the selected revisions and their consecutive pairs under ``real/``."""
    for folder, export, runs in SELECTION:
        revisions = _revisions(corpus / export)
        target = DATA / "real" / folder
        target.mkdir(parents=True, exist_ok=True)
        pairs = []
        for run in runs:
            kept = [revisions[i] for i in run]
            for rev_id, text in kept:
                (target / f"{rev_id}.txt").write_bytes(text.encode("utf-8"))
            pairs += [(a[0], b[0]) for a, b in itertools.pairwise(kept)]
        (target / "pairs.txt").write_text("".join(f"{a} {b}\n" for a, b in pairs))
        print(f"{folder}: {len(pairs)} pairs", file=sys.stderr)


def jobs() -> list[str]:
    """``OLD NEW CONTEXT OUTPUT`` lines for every reference output to (re)generate."""
    lines = []
    for case in sorted((DATA / "cases").iterdir()):
        if not (case / "old.txt").exists():
            continue
        lines.append(f"{case / 'old.txt'} {case / 'new.txt'} 2 {case / 'wd2-ctx2.html'}")
    for page in sorted((DATA / "real").iterdir()):
        for pair in (page / "pairs.txt").read_text().split("\n"):
            if not pair.strip():
                continue
            old, new = pair.split()
            old_path, new_path = page / f"{old}.txt", page / f"{new}.txt"
            lines.append(f"{old_path} {new_path} 1 {page / f'{old}_{new}.ctx1.html'}")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "extract":
        extract(Path(argv[1]))
        return 0
    if argv == ["jobs"]:
        print("\n".join(jobs()))
        return 0
    if argv == ["agreement"]:
        from wikitui.diff.wd2 import measure

        for pairing in ("similarity", "wikidiff2"):
            for group, agreement in measure(DATA, pairing).items():
                print(f"== {group}, pairing={pairing}\n{agreement.summary()}")
                if agreement.differing:
                    print("other lines in: " + ", ".join(agreement.differing))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
