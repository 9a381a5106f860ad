#!/usr/bin/env python3
"""How fast is the diff engine next to wikidiff2? Side by side, in one run.

Two generated article pairs (``bench/generate_history.py``: ~300 KB of wikitext, paragraphs as
long single lines, as on Wikipedia):

* **near**: the article against itself after 50 scattered edits (one revision's worth);
* **far**: the article against itself after 300 rounds of edits.

For each pair it times

* wikidiff2 **in-process** (a PHP loop over ``wikidiff2_do_diff``, the cost per diff) and
  the wikitui **engine** alone (``diff_texts`` in this process): target engine <= 1.2x
  (issue 13);
* wikidiff2 as a **whole** ``php`` process and ``wikitui diff OLD NEW --json`` as a whole
  process: target wikitui <= 1.5x.

The engine's hot loops run compiled when the package was built with a C compiler
(``wikitui.diff._speedups``); the header says which, and ``--pure-python`` times the
engine without them (the fallback, same results).

Figures are medians (and minima) of several rounds. The machine may be shared, so each round
times every contender once, one after the other (wikidiff2 in-process: the median of three
diffs in one php run), and the ratios are the medians of the per-round ratios: a burst of
load elsewhere then hits both sides of a ratio alike. Whole-process runs use compiled
bytecode, as an installed wikitui would (``PYTHONDONTWRITEBYTECODE`` is lifted and a private
``PYTHONPYCACHEPREFIX`` is warmed first). Start-up is shown on its own, and the command is
also timed under ``python -S`` (no site hooks: a development "editable" install adds an
import hook that costs tens of milliseconds at every start). wikidiff2 needs ``php`` with
the wikidiff2 extension; without it only wikitui's figures are printed.

    python bench/bench_diff.py [--size-kb 300] [--repeat 7] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate_history import edit_article, make_article  # noqa: E402

from wikitui.diff import diff_texts  # noqa: E402

PHP_LOOP = r"""
[$_, $a, $b, $n] = $argv;
$x = file_get_contents($a); $y = file_get_contents($b);
wikidiff2_do_diff($x, $y, 2);
$times = [];
for ($i = 0; $i < (int)$n; $i++) {
    $t = hrtime(true); wikidiff2_do_diff($x, $y, 2); $times[] = (hrtime(true) - $t) / 1e6;
}
echo implode(" ", $times);
"""
PHP_ONCE = r"""
[$_, $a, $b] = $argv;
echo wikidiff2_do_diff(file_get_contents($a), file_get_contents($b), 2);
"""


def have_wikidiff2() -> bool:
    """True when php with the wikidiff2 extension is installed."""
    if shutil.which("php") is None:
        return False
    check = 'exit(function_exists("wikidiff2_do_diff") ? 0 : 1);'
    return subprocess.run(["php", "-r", check], capture_output=True).returncode == 0


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def run_process(command: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)


def wikitui_command() -> list[str]:
    """The installed console script if there is one next to this Python, else ``-m``."""
    script = Path(sys.executable).with_name("wikitui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wikitui"]


def summary(times: list[float]) -> str:
    return f"{statistics.median(times):8.1f} ms (min {min(times):7.1f})"


def ratio(ours: list[float], theirs: list[float] | None, target: float) -> str:
    """Median of the per-round ratios (the lists are in round order), against ``target``."""
    if not theirs:
        return ""
    value = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
    verdict = "ok" if value <= target else f"OVER {target}x"
    return f"{value:5.2f}x  {verdict}"


ENGINE_TARGET = 1.2  # engine in process against wikidiff2 in process (issue 13)
PROCESS_TARGET = 1.5  # whole processes (issue 13)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-kb", type=float, default=300, help="article size (300)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (7)")
    parser.add_argument("--seed", type=int, default=7, help="article seed (7)")
    parser.add_argument(
        "--pure-python",
        action="store_true",
        help="time the engine in process without its compiled loops (the fallback)",
    )
    args = parser.parse_args(argv)
    from wikitui.diff import compiled

    built = compiled.speedups is not None
    if args.pure_python:
        compiled.speedups = None

    base = make_article(args.seed, args.size_kb)
    near = edit_article(base, random.Random(args.seed + 1), 50)
    far = base
    rounds = random.Random(args.seed + 2)
    for _ in range(300):
        far = edit_article(far, rounds, 1)
    php = have_wikidiff2()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    with tempfile.TemporaryDirectory(prefix="wikitui-bench-") as tmp:
        folder = Path(tmp)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        paths = {}
        for name, text in (("base", base), ("near", near), ("far", far)):
            paths[name] = folder / f"{name}.wiki"
            paths[name].write_text(text, encoding="utf-8")
        print(
            f"article: {len(base.encode()) / 1024:.0f} KB, {base.count(chr(10)) + 1} lines; "
            f"near: 50 edits; far: 300 rounds of edits; median of {args.repeat} runs"
        )
        print(
            "compiled loops (wikitui.diff._speedups): "
            + ("built" if built else "not built (pure Python)")
            + ("; engine timed without them (--pure-python)" if args.pure_python and built else "")
        )
        if not php:
            print("wikidiff2: php-wikidiff2 not installed, its columns are left empty")
        command = wikitui_command()
        run_process([*command, "diff", str(paths["base"]), str(paths["near"]), "--json"], env)
        # The same command without site's start-up hooks (an editable install adds an import
        # hook that costs tens of milliseconds): what a regular installation sees.
        site_packages = [p for p in sys.path if p.endswith("site-packages")]
        lean_env = {**env, "PYTHONPATH": os.pathsep.join([str(HERE.parent), *site_packages])}
        lean = [sys.executable, "-S", "-m", "wikitui"]
        tiny = folder / "tiny.wiki"
        tiny.write_text("x\n", encoding="utf-8")
        startup = timed(
            lambda: run_process([*command, "diff", str(tiny), str(tiny), "--json"], env),
            args.repeat,
        )
        lean_startup = timed(
            lambda: run_process([*lean, "diff", str(tiny), str(tiny), "--json"], lean_env),
            args.repeat,
        )
        print(
            f"start-up (two one-line files): wikitui diff --json {summary(startup)}; "
            f"without site hooks (python -S) {summary(lean_startup)}"
        )
        for name in ("near", "far"):
            other = paths[name]
            result = diff_texts(base, other.read_text(encoding="utf-8"))
            stats = result.stats
            print(
                f"\n{name}: {stats.lines_changed} lines changed, {stats.lines_added} added, "
                f"{stats.lines_removed} removed, {stats.paragraphs_moved} moved; "
                f"+{stats.words_added}/-{stats.words_removed} words"
                + (f"; notes: {'; '.join(result.notes)}" if result.notes else "")
            )
            new_text = other.read_text(encoding="utf-8")
            wd2_inproc: list[float] = []
            wd2_process: list[float] = []
            engine: list[float] = []
            cli: list[float] = []
            cli_lean: list[float] = []
            for _ in range(args.repeat):  # one of each per round (see the module docstring)
                if php:
                    loop = subprocess.run(
                        ["php", "-r", PHP_LOOP, str(paths["base"]), str(other), "3"],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    wd2_inproc.append(statistics.median(map(float, loop.stdout.split())))
                    wd2_process += timed(
                        lambda other=other: run_process(
                            ["php", "-r", PHP_ONCE, str(paths["base"]), str(other)]
                        ),
                        1,
                    )
                engine += timed(lambda new_text=new_text: diff_texts(base, new_text), 1)
                cli += timed(
                    lambda other=other: run_process(
                        [*command, "diff", str(paths["base"]), str(other), "--json"], env
                    ),
                    1,
                )
                cli_lean += timed(
                    lambda other=other: run_process(
                        [*lean, "diff", str(paths["base"]), str(other), "--json"], lean_env
                    ),
                    1,
                )
            engine_ratio = ratio(engine, wd2_inproc, ENGINE_TARGET)
            cli_ratio = ratio(cli, wd2_process, PROCESS_TARGET)
            lean_ratio = ratio(cli_lean, wd2_process, PROCESS_TARGET)
            if wd2_inproc:
                print(f"  wikidiff2 in-process      {summary(wd2_inproc)}")
            print(f"  wikitui engine            {summary(engine)}   {engine_ratio}")
            if wd2_process:
                print(f"  wikidiff2 whole php       {summary(wd2_process)}")
            print(f"  wikitui diff --json       {summary(cli)}   {cli_ratio}")
            print(f"  ... without site hooks    {summary(cli_lean)}   {lean_ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
