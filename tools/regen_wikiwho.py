"""Regenerate WikiWho's reference authorship for the blame tests and benchmark.

WikiWho (PyPI ``WikiWho`` 1.0.3, MIT; Flöck & Acosta, WWW 2014) is the reference for
``wikitui blame``. It is a reference tool, not a dependency: install it in your own venv
(``pip install wikiwho``; it brings mwxml and mwtypes), then run::

    python tools/regen_wikiwho.py SOURCE.xml[.bz2|.gz|.lzma] OUT.json.gz

It reads the first page of the export with mwxml, runs ``Wikiwho.analyse_article_from_xml_dump``
over every revision, and writes the tokens of the page's latest revision with the revision
each came from, as code-point offsets into that revision's text (WikiWho works on the
lower-cased text; the offsets are mapped back). ``.lzma`` files are LZMA-alone streams, which
mwtypes cannot open, so they are decompressed with the standard library as they are read.

The committed outputs (tests/data/blame/) were made with::

    python tools/regen_wikiwho.py sample_data/anarchism-first200.xml.bz2 \
        tests/data/blame/wikiwho-anarchism-first200.json.gz
    python tools/regen_wikiwho.py \
        ../shared/corpus/xml/wikiwho-anarchism-full-history.xml.lzma \
        tests/data/blame/wikiwho-anarchism-full.json.gz

With ``--no-output`` it only runs WikiWho (the benchmark times it as a whole process).
Seconds and peak memory go to stderr.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import lzma
import resource
import sys
import time
from typing import IO, Any


def open_dump(path: str) -> IO[bytes]:
    """A readable byte stream of the XML, whatever the compression."""
    if path.endswith(".lzma"):
        return lzma.open(path, "rb", format=lzma.FORMAT_ALONE)
    if path.endswith(".xz"):
        return lzma.open(path, "rb")
    if path.endswith(".bz2"):
        import bz2

        return bz2.open(path, "rb")
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def lower_offsets(text: str) -> tuple[str, list[int] | None]:
    """``text.lower()`` and, when lower-casing changed lengths, each lower index's source index."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered, None
    where: list[int] = []
    for index, char in enumerate(text):
        where.extend([index] * len(char.lower()))
    where.append(len(text))
    return lowered, where


def token_spans(text: str, values: list[str]) -> tuple[list[tuple[int, int]], int]:
    """Each token's (start, end) in ``text``, and how many non-space characters were skipped."""
    lowered, where = lower_offsets(text)
    spans = []
    position = 0
    skipped = 0
    for value in values:
        start = lowered.find(value, position)
        if start < 0:
            raise SystemExit(f"regen_wikiwho: token {value!r} not found after {position}")
        skipped += sum(1 for c in lowered[position:start] if not c.isspace())
        end = start + len(value)
        position = end
        if where is not None:
            start, end = where[start], where[end]
        spans.append((start, end))
    return spans, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--no-output", action="store_true", help="only run WikiWho")
    args = parser.parse_args(argv)

    import mwxml
    from WikiWho.utils import iter_rev_tokens
    from WikiWho.wikiwho import Wikiwho

    started = time.perf_counter()
    last_text = ""
    last_id = None
    count = 0

    def remember(page: Any) -> Any:
        nonlocal last_text, last_id, count
        for revision in page:
            count += 1
            last_id = revision.id
            last_text = revision.text or ""
            yield revision

    with open_dump(args.source) as stream:
        dump = mwxml.Dump.from_file(stream)
        page = next(iter(dump))
        wikiwho = Wikiwho(page.title)
        wikiwho.analyse_article_from_xml_dump(remember(page))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"regen_wikiwho: {count} revisions in {seconds:.1f} s, peak {peak_mb:.0f} MB",
        file=sys.stderr,
    )
    if args.no_output:
        return 0
    if args.out is None:
        parser.error("OUT is needed unless --no-output")
    if last_id not in wikiwho.revisions:
        raise SystemExit(f"regen_wikiwho: WikiWho skipped the latest revision {last_id}")
    words = list(iter_rev_tokens(wikiwho.revisions[last_id]))
    spans, skipped = token_spans(last_text, [w.value for w in words])
    if skipped:
        print(f"regen_wikiwho: {skipped} non-space characters fell between tokens", file=sys.stderr)
    data = {
        "tool": "WikiWho 1.0.3 (analyse_article_from_xml_dump)",
        "source": args.source.rsplit("/", 1)[-1],
        "page": page.title,
        "revisions_read": count,
        "revisions_kept": len(wikiwho.ordered_revisions),
        "spam_ids": list(wikiwho.spam_ids),
        "rev_id": last_id,
        "text_length": len(last_text),
        "text_sha1": hashlib.sha1(last_text.encode("utf-8")).hexdigest(),
        "tokens": [
            [start, end, w.origin_rev_id] for (start, end), w in zip(spans, words, strict=True)
        ],
    }
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        json.dump(data, out, separators=(",", ":"))
    print(f"regen_wikiwho: {len(words)} tokens of {last_id} -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
