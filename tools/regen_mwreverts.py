#!/usr/bin/env python3
"""Regenerate the revert reference: mwreverts (radius 15) over the full "Anarchism" history.

A development tool, run by hand (never by the tests), in a venv with ``pip install mwreverts``
(it pulls mwxml; neither is a wikitui dependency). It streams the corpus export (LZMA alone,
1.05 GB of XML) through mwxml and mwreverts' own ``revdocs2reverts`` (the code behind its
``dump2reverts`` command, checksums from the text as that command computes them; the text is
moved to where mwreverts 0.1.5 looks for it, since mwxml 0.3 nests it in ``slots``) and writes,
under ``tests/data/reverts/``:

* ``anarchism-mwreverts.jsonl.gz``: one line per revert mwreverts found, in history order,
  ``{"reverting": id, "reverteds": [ids, newest first], "reverted_to": id}``;
* ``anarchism-texts.tsv.gz``: one line per revision, in history order, ``rev_id<TAB>text``
  where ``text`` numbers the distinct texts (0 for the first text seen, 1 for the next new
  one...), or is ``empty`` for a revision mwxml read without text although its text was not
  deleted (an empty ``<text/>``: mwreverts skips these), ``deleted`` for deleted text. Two
  revisions with the same number have the same SHA-1; this is the whole input a revert
  detector needs, in a tenth of the bytes of the 15,180 SHA-1s.

Usage: tools/regen_mwreverts.py [PATH_TO_EXPORT.xml.lzma]
"""

from __future__ import annotations

import gzip
import hashlib
import json
import lzma
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import mwxml  # type: ignore[import-not-found]
import mwxml.utilities  # type: ignore[import-not-found]
from mwreverts.utilities.revdocs2reverts import revdocs2reverts  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = Path("/work/shared/corpus/xml/wikiwho-anarchism-full-history.xml.lzma")
OUT = ROOT / "tests" / "data" / "reverts"
RADIUS = 15


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    texts: list[tuple[int, int | str]] = []
    classes: dict[bytes, int] = {}

    def recorded(docs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for doc in docs:
            # mwxml 0.3 puts the text in slots.contents.main; mwreverts 0.1.5 reads doc["text"]
            # (with an older mwxml its dump2reverts command did the same as this).
            main = (doc.get("slots") or {}).get("contents", {}).get("main") or {}
            text = main.get("text")
            if text is not None:
                doc["text"] = text
            if text is None:
                # mwxml reads an empty <text/> as no text, like deleted text; mwreverts then
                # skips the revision. Keep the two apart: an empty text is a text to MediaWiki.
                hidden = (doc.get("deleted") or {}).get("text")
                texts.append((doc["id"], "deleted" if hidden else "empty"))
            else:
                digest = hashlib.sha1(bytes(text, "utf8", "replace")).digest()
                texts.append((doc["id"], classes.setdefault(digest, len(classes))))
            if len(texts) % 1000 == 0:
                print(f"{len(texts)} revisions", file=sys.stderr)
            yield doc

    started = time.perf_counter()
    reverts = []
    with lzma.open(path, format=lzma.FORMAT_ALONE) as stream:
        dump = mwxml.Dump.from_file(stream)
        docs = recorded(mwxml.utilities.dump2revdocs(dump))
        for revert in revdocs2reverts(docs, radius=RADIUS):
            reverts.append(
                {
                    "reverting": revert["reverting"]["id"],
                    "reverteds": [doc["id"] for doc in revert["reverteds"]],
                    "reverted_to": revert["reverted_to"]["id"],
                }
            )
    OUT.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT / "anarchism-mwreverts.jsonl.gz", "wt", encoding="utf-8") as out:
        for row in reverts:
            out.write(json.dumps(row) + "\n")
    with gzip.open(OUT / "anarchism-texts.tsv.gz", "wt", encoding="utf-8") as out:
        for rev_id, number in texts:
            out.write(f"{rev_id}\t{number}\n")
    print(
        f"{len(texts)} revisions, {len(classes)} distinct texts, {len(reverts)} reverts "
        f"in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
