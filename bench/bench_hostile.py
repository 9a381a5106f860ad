#!/usr/bin/env python3
"""Hostile inputs that used to hang (issue 14), timed as a user feels them, beside a reference.

* **Long single lines**: ``wikitui diff OLD NEW`` (the text layout a terminal user sees) and
  ``--json`` on texts that are one line of 1.6 MB, 6.4 MB and 50 MB with one word changed,
  next to wikidiff2 (a ``php`` process running ``wikidiff2_do_diff`` on the same files; needs
  php with the wikidiff2 extension, else only wikitui's figures are printed). Before the cap
  (wikitui.diff.limits) the layout took 1.4 s, 13.7 s and more than 90 s.
* **A dripping server**: ``wikitui fetch --timeout T`` against a fake wiki that sends one byte
  every 0.5 s, with retries off: the time until wikitui gives up, next to T itself (before,
  each byte reset httpx's read timeout and the fetch ran for as long as the server dripped).

Whole processes, one after the other in each round, medians of the rounds; the machine may
be shared, so read the ratios rather than the absolute figures.

    python bench/bench_hostile.py [--repeat 3] [--sizes 1.6,6.4,50]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

UNCAPPED_UP_TO = 1.6  # MB: larger texts take minutes without the cap
UNCAPPED = (
    "import sys, wikitui.diff.limits as limits\n"
    "limits.MAX_LINE_CHARS = 10**12\n"
    "from wikitui.cli import main\n"
    "sys.exit(main(sys.argv[1:] + ['--no-color']))\n"
)
PHP = "[$_, $a, $b] = $argv; wikidiff2_do_diff(file_get_contents($a), file_get_contents($b), 2);"


def timed(command: list[str], timeout: float = 300) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"},
        check=False,
    )
    return time.perf_counter() - start


def have_wikidiff2() -> bool:
    php = shutil.which("php")
    if php is None:
        return False
    modules = subprocess.run([php, "-m"], capture_output=True, text=True, check=False).stdout
    return "wikidiff2" in modules


def long_lines(sizes: list[float], repeat: int) -> None:
    reference = have_wikidiff2()
    print("one-line texts, one word changed (median seconds of whole processes)")
    header = f"{'size':>8}  {'wikitui diff':>13}  {'diff --json':>12}"
    print(header + (f"  {'wikidiff2':>10}  {'ratio':>6}" if reference else ""))
    with tempfile.TemporaryDirectory(prefix="wikitui-bench-") as tmp:
        for size in sizes:
            chars = int(size * 1_000_000)
            words = " ".join(f"word{k % 997}" for k in range(chars // 7 + 1))[:chars]
            old, new = Path(tmp) / "old.txt", Path(tmp) / "new.txt"
            old.write_text(words, encoding="utf-8")
            middle = len(words) // 2
            new.write_text(words[:middle] + " CHANGED " + words[middle:], encoding="utf-8")
            wikitui = [sys.executable, "-m", "wikitui", "diff", str(old), str(new)]
            text_times, json_times, php_times, uncapped = [], [], [], []
            for _ in range(repeat):
                if size <= UNCAPPED_UP_TO:
                    uncapped.append(timed([sys.executable, "-c", UNCAPPED, *wikitui[3:]]))
                text_times.append(timed([*wikitui, "--no-color"]))
                json_times.append(timed([*wikitui, "--json"]))
                if reference:
                    php_times.append(timed(["php", "-r", PHP, "--", str(old), str(new)]))
            line = (
                f"{size:>6} MB  {statistics.median(text_times):>12.2f}s"
                f"  {statistics.median(json_times):>11.2f}s"
            )
            if reference:
                php_median = statistics.median(php_times)
                ratio = statistics.median(text_times) / php_median
                line += f"  {php_median:>9.2f}s  {ratio:>5.1f}x"
            if uncapped:
                line += f"  (without the cap: {statistics.median(uncapped):.2f}s)"
            print(line, flush=True)


def dripping_server(timeouts: list[float]) -> None:
    import json

    from fakewiki import FakePage, FakeWiki, Fault

    data = ROOT / "tests" / "data" / "fetch"
    page = FakePage.from_response(json.loads((data / "revisions-pyrus.json").read_text()))
    siteinfo = json.loads((data / "info-normalized.json").read_text())["query"]
    print("\na server dripping one byte every 0.5 s, retries off (seconds until wikitui gives up)")
    print(f"{'--timeout':>10}  {'wikitui fetch':>14}  {'ratio':>6}")
    for timeout in timeouts:
        faults = [Fault(1, "drip", delay=0.5, sticky=True)]
        with (
            FakeWiki([page], siteinfo=siteinfo, faults=faults) as wiki,
            tempfile.TemporaryDirectory() as tmp,
        ):
            code = (
                "import sys, wikitui.fetch.client as c\n"
                "Policy = c.RetryPolicy\n"
                "c.RetryPolicy = lambda: Policy(attempts=0, sleep=lambda s: None)\n"
                "from wikitui.cli import main\n"
                f"sys.exit(main(['fetch', 'Pyrus', '--api', {wiki.api_url!r}, '--timeout',"
                f" {str(timeout)!r}, '-o', {tmp!r}]))\n"
            )
            seconds = timed([sys.executable, "-c", code], timeout=timeout + 120)
        print(f"{timeout:>9g}s  {seconds:>13.2f}s  {seconds / timeout:>5.2f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="1.6,6.4,50")
    parser.add_argument("--timeouts", default="1,3")
    args = parser.parse_args()
    long_lines([float(size) for size in args.sizes.split(",")], args.repeat)
    dripping_server([float(value) for value in args.timeouts.split(",")])


if __name__ == "__main__":
    main()
