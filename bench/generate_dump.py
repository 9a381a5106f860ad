#!/usr/bin/env python3
"""Generate a multi-page history dump like a chunk of Wikimedia's ``pages-meta-history``.

Pages are the generated histories of :mod:`generate_history` (one seed per page), one after
the other in one export, as the dumps order them. Then the XML is compressed the way
Wikimedia publishes it: a single-stream ``.bz2`` (``bzip2 -9``) and a ``.7z`` (``7z a``,
LZMA). The same arguments always give byte-identical XML.

    python bench/generate_dump.py bench/out/dump.xml                # 60 x 150 x ~80 KB
    python bench/generate_dump.py bench/out/dump.xml --pages 5 --revisions 20 --formats bz2

Writes ``dump.xml`` and, next to it, ``dump.xml.bz2`` and ``dump.xml.7z`` (needs the
``bzip2`` and ``7z`` commands; ``apt install bzip2 p7zip-full``). Existing outputs are kept
unless ``--force``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate_history import (
    XML_DECLARATION,
    export_header,
    history_page_id,
    history_title,
    iter_revision_xml,
    page_start,
)


def write_dump(path: Path, pages: int, revisions: int, article_kb: float) -> tuple[int, str]:
    """Write the XML; returns its size and the last page's title."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    last = ""
    titles: set[str] = set()
    with open(path, "wb", buffering=1 << 20) as out:
        head = (XML_DECLARATION + export_header()).encode()
        out.write(head)
        written += len(head)
        for number in range(pages):
            seed = 1000 + number
            last = history_title(seed)
            if last in titles:  # titles must be distinct, or two <page>s make one page
                last = f"{last} ({number})"
            titles.add(last)
            start = page_start(last, history_page_id(seed)).encode()
            out.write(start)
            written += len(start)
            for chunk in iter_revision_xml(revisions, article_kb, seed):
                out.write(chunk)
                written += len(chunk)
            out.write(b"  </page>\n")
            written += 10
            print(f"\rpage {number + 1}/{pages}, {written / 1e6:,.0f} MB", end="", file=sys.stderr)
        out.write(b"</mediawiki>\n")
        written += 13
    print(file=sys.stderr)
    return written, last


def compress(xml: Path, kind: str, force: bool) -> Path:
    """``xml`` compressed as Wikimedia does (bz2: one stream; 7z: LZMA)."""
    target = xml.with_name(f"{xml.name}.{kind}")
    if target.exists() and not force:
        return target
    if shutil.which("bzip2" if kind == "bz2" else "7z") is None:
        raise SystemExit(f"{kind}: the command is missing (apt install bzip2 p7zip-full)")
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    if kind == "bz2":
        with open(target, "wb") as out:
            subprocess.run(["bzip2", "-9", "-c", str(xml)], stdout=out, check=True)
    else:
        subprocess.run(
            ["7z", "a", "-t7z", "-m0=lzma", "-mx=3", "-bd", "-bso0", str(target), str(xml)],
            check=True,
        )
    elapsed = time.perf_counter() - started
    print(f"{target}: {target.stat().st_size / 1e6:,.1f} MB in {elapsed:.0f} s", file=sys.stderr)
    return target


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("output", type=Path, help="the XML to write (e.g. bench/out/dump.xml)")
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--revisions", type=int, default=150, help="per page (default 150)")
    parser.add_argument("--article-kb", type=float, default=80)
    parser.add_argument("--formats", default="bz2,7z", help="compressed copies (default bz2,7z)")
    parser.add_argument("--force", action="store_true", help="rewrite existing outputs")
    args = parser.parse_args(argv)
    if args.force or not args.output.exists():
        size, last = write_dump(args.output, args.pages, args.revisions, args.article_kb)
        print(f"{args.output}: {size / 1e6:,.1f} MB of XML; last page {last!r}")
    for kind in filter(None, args.formats.split(",")):
        compress(args.output, kind, args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
