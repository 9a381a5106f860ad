"""How fast ``wikitui list`` reads histories, next to reference readers on the same files.

Prints, for ``wikitui list --json``:

1. a large uncompressed export (default 1.2 GB, made by ``generate_history.py`` into
   ``bench/out/``): MB/s and peak RSS, beside a plain read, ElementTree ``iterparse`` and
   mwxml (when installed) in the same run;
2. the same kind of history, smaller, compressed as .bz2/.gz/.xz: ``wikitui list`` beside
   the bare decompressor;
3. a real history (``--real PATH``, e.g. the 15,180-revision "Anarchism" ``.lzma``): list
   time and RSS, opening it with texts kept (spilled) and loading one late revision's text;
4. the large export opened with texts: the time to load one late revision's text.

Every measurement runs in a child process (peak RSS from ``wait4``), after a warm-up read so
the page cache holds the file. Usage::

    python bench/bench_list.py                       # 1.2 GB, takes a few minutes
    python bench/bench_list.py --size-mb 300 --compressed-mb 50
    python bench/bench_list.py --real /path/to/wikiwho-anarchism-full-history.xml.lzma
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from benchlib import REAL_HISTORY, run_child

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

PLAIN_READ = """
import sys
with open(sys.argv[1], "rb", buffering=0) as f:
    while f.read(4 << 20):
        pass
"""

ITERPARSE = """
import sys, xml.etree.ElementTree as ET
count = 0
for event, elem in ET.iterparse(sys.argv[1]):
    if elem.tag.endswith("}revision"):
        count += 1
        elem.clear()
    elif elem.tag.endswith("}page"):
        elem.clear()
print(count, file=sys.stderr)
"""

MWXML = """
import sys, mwxml
count = 0
dump = mwxml.Dump.from_file(open(sys.argv[1], "rb"))
for page in dump:
    for revision in page:
        count += 1
print(count, file=sys.stderr)
"""

DECOMPRESS = """
import sys, bz2, gzip, lzma
path = sys.argv[1]
openers = {
    "bz2": bz2.open,
    "gz": gzip.open,
    "xz": lzma.open,
    "lzma": lambda p: lzma.open(p, format=lzma.FORMAT_ALONE),
}
opener = openers[path.rsplit(".", 1)[1]]
total = 0
with opener(path) as f:
    while chunk := f.read(4 << 20):
        total += len(chunk)
print(total)
"""

OPEN_WITH_TEXTS = """
import json, sys, time
from wikitui.sources import open_source
start = time.perf_counter()
source = open_source(sys.argv[1], use_cache=False)
opened = time.perf_counter() - start
page = source.all_pages()[0]
index = len(page.revisions) - 10
start = time.perf_counter()
text = page.text(page.revisions[index])
first_load = time.perf_counter() - start
start = time.perf_counter()
for i in range(0, len(page.revisions), max(1, len(page.revisions) // 50)):
    r = page.revisions[i]
    if not r.text_hidden and r.problem is None:
        page.text(r)
loads = time.perf_counter() - start
spilled = getattr(page.loader, "spilled_bytes", 0)
print(json.dumps({"open_s": opened, "late_text_ms": first_load * 1000, "text_chars": len(text),
                  "avg_text_ms": loads * 1000 / 51, "revisions": len(page.revisions),
                  "spilled_mb": spilled / 1e6}))
"""


REPEAT = 2


LAST_CPU = 0.0  # user + system seconds of the best run, for the report


def measure(argv: list[str], *, capture: bool = False) -> tuple[float, float, str]:
    """Best of REPEAT runs of a child process: (wall seconds, peak RSS in MB, stdout).

    The CPU time (user + system, all threads) of that run is left in LAST_CPU: on a shared
    machine it says more than the wall time.
    """
    global LAST_CPU
    runs = [run_child(argv, capture=capture) for _ in range(REPEAT)]
    best = min(runs, key=lambda run: run.seconds)
    LAST_CPU = best.cpu_seconds
    return best.seconds, best.rss_mb, best.stdout


def wikitui_list(path: Path) -> list[str]:
    return [sys.executable, "-m", "wikitui", "list", str(path), "--json", "--no-cache"]


def python_code(code: str, path: Path) -> list[str]:
    return [sys.executable, "-c", code, str(path)]


def have_mwxml() -> bool:
    probe = subprocess.run([sys.executable, "-c", "import mwxml"], capture_output=True)
    return probe.returncode == 0


def generate(path: Path, size_mb: float) -> None:
    if path.exists():
        return
    OUT.mkdir(exist_ok=True)
    print(f"generating {path.name} ({size_mb:g} MB)...", file=sys.stderr)
    subprocess.run(
        [sys.executable, str(HERE / "generate_history.py"), str(path), "--size-mb", str(size_mb)],
        check=True,
    )


def warm(path: Path) -> None:
    with open(path, "rb", buffering=0) as handle:
        while handle.read(8 << 20):
            pass


def row(label: str, seconds: float, rss: float, megabytes: float, note: str = "") -> None:
    speed = megabytes / seconds if seconds else float("inf")
    print(
        f"  {label:<34} {seconds:7.2f} s {speed:7.0f} MB/s  cpu {LAST_CPU:6.2f} s"
        f"  {rss:5.0f} MB RSS  {note}"
    )


def generated(size_mb: float) -> tuple[Path, float]:
    """The generated export of about ``size_mb`` MB (made on first use) and its size in MB."""
    path = OUT / f"history-{size_mb:g}mb.xml"
    generate(path, size_mb)
    return path, path.stat().st_size / 1e6


def bench_plain(size_mb: float) -> None:
    path, megabytes = generated(size_mb)
    warm(path)
    print(f"\n1. uncompressed export: {path.name}, {megabytes:,.0f} MB")
    seconds, rss, _ = measure(python_code(PLAIN_READ, path))
    row("plain read (4 MiB chunks)", seconds, rss, megabytes)
    seconds, rss, _ = measure(wikitui_list(path))
    row("wikitui list --json", seconds, rss, megabytes, "target >= 300 MB/s, < 200 MB")
    seconds, rss, _ = measure(python_code(ITERPARSE, path))
    row("ElementTree iterparse", seconds, rss, megabytes)
    if have_mwxml():
        seconds, rss, _ = measure(python_code(MWXML, path))
        row("mwxml", seconds, rss, megabytes)
    else:
        print("  mwxml                              not installed (pip install mwxml)")
    seconds, rss, output = measure(python_code(OPEN_WITH_TEXTS, path), capture=True)
    figures = json.loads(output)
    print(
        f"  open_source with texts: {figures['open_s']:.2f} s, {rss:.0f} MB RSS; "
        f"a late revision's text ({figures['text_chars']:,} chars) in "
        f"{figures['late_text_ms']:.1f} ms, 51 spread-out texts "
        f"{figures['avg_text_ms']:.1f} ms each"
    )


def bench_compressed(size_mb: float) -> None:
    base, megabytes = generated(size_mb)
    print(f"\n2. compressed exports of {base.name} ({megabytes:,.0f} MB uncompressed)")
    for suffix, tool in (
        ("bz2", ["bzip2", "-k", "-1"]),
        ("gz", ["gzip", "-k", "-6"]),
        ("xz", ["xz", "-k", "-1", "-T2"]),
    ):
        path = base.with_name(base.name + "." + suffix)
        if not path.exists():
            print(f"  compressing to .{suffix}...", file=sys.stderr)
            subprocess.run([*tool, str(base)], check=True)
        warm(path)
        packed = path.stat().st_size / 1e6
        print(f"  .{suffix} ({packed:,.0f} MB):")
        decomp_s, decomp_rss, _ = measure(python_code(DECOMPRESS, path))
        row(f"  bare {suffix} decompression", decomp_s, decomp_rss, megabytes)
        list_s, list_rss, _ = measure(wikitui_list(path))
        row(
            f"  wikitui list --json (.{suffix})",
            list_s,
            list_rss,
            megabytes,
            f"{decomp_s / list_s:.0%} of the decompressor's speed",
        )


def bench_real(path: Path) -> None:
    if not path.exists():
        print(f"\n3. real history: {path} not found, skipped (pass --real PATH)")
        return
    warm(path)
    print(f"\n3. real history: {path.name} ({path.stat().st_size / 1e6:.1f} MB on disk)")
    decomp_s, decomp_rss, total = measure(python_code(DECOMPRESS, path), capture=True)
    megabytes = int(total) / 1e6
    print(f"  {megabytes:,.0f} MB uncompressed")
    row("bare decompression", decomp_s, decomp_rss, megabytes)
    seconds, rss, output = measure(wikitui_list(path), capture=True)
    count = len(json.loads(output))
    row("wikitui list --json", seconds, rss, megabytes, f"{count:,} revisions")
    seconds, rss, output = measure(python_code(OPEN_WITH_TEXTS, path), capture=True)
    figures = json.loads(output)
    row(
        "open_source, texts spilled",
        figures["open_s"],
        rss,
        megabytes,
        f"temporary file {figures['spilled_mb']:.1f} MB",
    )
    print(
        f"  late revision's text ({figures['text_chars']:,} chars): "
        f"{figures['late_text_ms']:.1f} ms; 51 spread-out texts: "
        f"{figures['avg_text_ms']:.1f} ms each"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1200, help="large export size (1200)")
    parser.add_argument(
        "--compressed-mb", type=float, default=100, help="size before compression (100)"
    )
    parser.add_argument("--real", default=REAL_HISTORY, help="a real (compressed) history")
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["plain", "compressed", "real"],
        help="parts to skip",
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure, best kept (2)")
    args = parser.parse_args()
    global REPEAT
    REPEAT = max(1, args.repeat)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    if "plain" not in args.skip:
        bench_plain(args.size_mb)
    if "compressed" not in args.skip:
        bench_compressed(args.compressed_mb)
    if "real" not in args.skip:
        bench_real(Path(args.real))


if __name__ == "__main__":
    main()
