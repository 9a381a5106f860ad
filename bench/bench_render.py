"""How long rendering an article takes, against mwparserfromhell's own parse of it.

    python bench/bench_render.py [--repeat N]

For each article: mwparserfromhell's parse alone (the reference), the renderer's build of the
same tree (fast_tree.parse), the full render (parse + building the blocks), the
renderer's own share (render - parse), render / parse against issue 13's target (the
410 KB article renders in at most 1.3x its parse), laying it out at width 120, and the
unwrapped plain text. Real articles come from tests/data/render; the larger ones repeat the
Anarchism article (with its headings renamed so anchors stay distinct) to the sizes named in
issue 4 (150 KB, 410 KB).
Times are the best of N runs, in milliseconds; the parse and the render are run in turns.
"""

from __future__ import annotations

import argparse
import gc
import re
import time
from collections.abc import Callable
from pathlib import Path

import mwparserfromhell

from wikitui.render import fast_tree, render_wikitext
from wikitui.render.builder import Builder
from wikitui.render.context import Context
from wikitui.render.templates import render_template

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "render"


def best(function: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def best_pair(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Best wall times of ``first`` and ``second``, run in turns so that a load on the
    machine weighs on both alike, in milliseconds."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for function, out in zip((first, second), times, strict=True):
            gc.collect()
            start = time.perf_counter()
            function()
            out.append(time.perf_counter() - start)
    return min(times[0]) * 1000, min(times[1]) * 1000


def grown(text: str, size: int) -> str:
    """``text`` repeated up to ``size`` bytes, each copy's headings suffixed with its number."""
    parts: list[str] = []
    copy = 0
    while sum(len(p.encode()) for p in parts) < size:
        copy += 1
        parts.append(re.sub(r"^(=+)(.*?)(=+)\s*$", rf"\1\2 {copy}\3", text, flags=re.M))
    return "\n".join(parts)


def measure(name: str, text: str, repeat: int) -> dict[str, float]:
    """The figures of one article (see the module docstring)."""
    tree = mwparserfromhell.parse(text)
    article = render_wikitext(text, title=name)

    def layout() -> int:
        article._layouts.clear()  # measure the layout itself, not the per-width cache
        return len(article.layout(120).lines)

    def every_line() -> int:
        article._layouts.clear()
        return len(list(article.layout(120).lines))

    def one_screen() -> int:
        article._layouts.clear()
        lines = article.layout(120).lines
        return len(lines[len(lines) // 2 : len(lines) // 2 + 50])

    parse, render = best_pair(
        lambda: mwparserfromhell.parse(text), lambda: render_wikitext(text, title=name), repeat
    )
    return {
        "kb": len(text.encode()) / 1000,
        "parse": parse,
        "render": render,
        "own": render - parse,
        "tree": best(lambda: fast_tree.parse(text), repeat),
        "build": best(
            lambda: Builder(Context(render_template, title=name)).build(tree.nodes), repeat
        ),
        "layout": best(layout, repeat),
        "screen": best(one_screen, repeat),
        "every": best(every_line, repeat),
        "plain": best(article.plain_text, repeat),
        "lines": layout(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per measure (default 7)")
    args = parser.parse_args()
    anarchism = (DATA / "anarchism-2010.wiki").read_text(encoding="utf-8")
    articles = [
        ("Pear (2014)", (DATA / "pear-2014.wiki").read_text(encoding="utf-8")),
        ("Anarchism (2010)", anarchism),
        ("Anarchism x2 (150 KB)", grown(anarchism, 150_000)),
        ("Anarchism x6 (410 KB)", grown(anarchism, 410_000)),
    ]
    header = (
        f"{'article':<24}{'KB':>6}{'parse':>9}{'render':>9}{'own':>9}{'render/parse':>14}{'tree':>7}"
        f"{'build':>8}"
        f"{'layout':>8}{'+screen':>9}{'all':>7}{'plain':>7}{'lines':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, text in articles:
        row = measure(name, text, args.repeat)
        print(
            f"{name:<24}{row['kb']:>6.0f}{row['parse']:>9.1f}{row['render']:>9.1f}"
            f"{row['own']:>9.1f}{row['render'] / row['parse']:>13.2f}x{row['tree']:>7.1f}"
            f"{row['build']:>8.1f}"
            f"{row['layout']:>8.1f}{row['screen']:>9.1f}{row['every']:>7.1f}{row['plain']:>7.1f}"
            f"{row['lines']:>7.0f}"
        )
    print("\nms, best of", args.repeat, "runs; own = render - parse; target: render/parse <= 1.3x")
    print("for the 410 KB article (issue 13); parse = mwparserfromhell.parse, the reference;")
    print("tree = the same tree as the renderer builds it (wikitui/render/fast_tree.py), gc on;")
    print("build = the block builder alone on a parsed tree, garbage collector on (render pauses")
    print("it, which also speeds up the parse inside render);")
    print("layout = laying the article out at 120 columns: line count and section lines (the")
    print("lines themselves are made on first access); +screen = that plus making 50 lines in")
    print("the middle, as a view showing one screen does; all = making every line.")


if __name__ == "__main__":
    main()
