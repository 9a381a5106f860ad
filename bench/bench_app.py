"""How fast the app feels: launch to first full screen, and ``J`` to the next diff painted.

Runs the app headless (``App.run_test``) on a generated history of ~300 KB articles and prints
the figures a user notices. Targets (issue 5): first screen < 1 s, a step < 150 ms.

It also times ``J`` onto the far pair of ``bench/bench_diff.py`` (a 300 KB article against
itself after 300 rounds of edits, the heaviest diff a step usually meets), in a fresh app
each run: target (issue 13) 100 ms or less from the key to the diff painted (the end of the
first paint of its lines; also shown: until the app is idle after it, as ``pilot.pause()``
sees it, at least one 20 ms idle window later).

    python bench/bench_app.py                     # generates bench/out/app-300k.xml first
    python bench/bench_app.py --steps 15 --size 160x50 FILE.xml
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual.strip import Strip

HERE = Path(__file__).parent
ARTICLE_SETTLE = 1.5  # seconds: long enough for a 300 KB article to render after each step


def ensure_history(path: Path, revisions: int, article_kb: int) -> None:
    """Generate the benchmark history with bench/generate_history.py when it is missing."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            str(HERE / "generate_history.py"),
            str(path),
            "--revisions",
            str(revisions),
            "--article-kb",
            str(article_kb),
            "--quiet",
        ],
        check=True,
    )


async def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.002)


async def measure(path: Path, steps: int, size: tuple[int, int]) -> dict[str, object]:
    from textual import events

    from wikitui.app import WikituiApp
    from wikitui.screens.main import MainScreen

    started = time.perf_counter()
    app = WikituiApp(paths=[str(path)])
    figures: dict[str, object] = {}
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)

        def diff_done() -> bool:
            shown = screen.diff.shown
            return (
                shown is not None
                and not screen.diff.busy
                and (shown.result is not None or shown.message is not None)
            )

        await wait_until(diff_done)
        await pilot.pause()  # one more refresh: the diff is on screen
        figures["first screen (tree + diff painted)"] = time.perf_counter() - started
        if screen.article_visible:
            await wait_until(
                lambda: not screen.article.busy and screen.article.rendered is not None
            )
            await pilot.pause()
            figures["first screen incl. rendered article"] = time.perf_counter() - started
        selected = screen.selected
        assert selected is not None
        figures["revisions"] = len(selected.page.revisions)
        figures["article KB"] = len(selected.page.text(selected.page.revisions[-1])) // 1024
        timings = []
        for _ in range(min(steps, selected.index)):
            target = screen.selected.index - 1 if screen.selected else 0
            t0 = time.perf_counter()
            # Post the key instead of pilot.press, which waits for the whole app to go idle
            # (the article rendering after the diff included): we time the diff only.
            app.post_message(events.Key("J", "J"))
            await wait_until(
                lambda target=target: (
                    diff_done()
                    and screen.diff.shown is not None
                    and screen.diff.shown.comparison.new_index == target
                )
            )
            await pilot.pause()
            timings.append(time.perf_counter() - t0)
            # A reader pauses on each diff: let the article pane catch up before the next key.
            await asyncio.sleep(ARTICLE_SETTLE)
        back = []
        for _ in range(min(3, len(timings))):  # K returns to diffs already in the cache
            target = screen.selected.index + 1 if screen.selected else 0
            t0 = time.perf_counter()
            app.post_message(events.Key("K", "K"))
            await wait_until(
                lambda target=target: (
                    diff_done()
                    and screen.diff.shown is not None
                    and screen.diff.shown.comparison.new_index == target
                )
            )
            await pilot.pause()
            back.append(time.perf_counter() - t0)
            await asyncio.sleep(ARTICLE_SETTLE)
        if timings:
            figures["J to new diff painted: median"] = statistics.median(timings)
            figures["J to new diff painted: max"] = max(timings)
        if back:
            figures["K to a cached diff painted: median"] = statistics.median(back)
    return figures


def write_far_pair(path: Path) -> None:
    """A three-revision history whose middle revision, against its parent, is bench_diff's
    far pair; the app opens on the last one, so one ``J`` lands on the far pair."""
    import random
    from datetime import UTC, datetime, timedelta

    sys.path.insert(0, str(HERE))
    from generate_history import (
        RevisionMeta,
        edit_article,
        export_header,
        make_article,
        page_start,
        revision_xml,
    )

    seed = 7  # bench_diff.py's defaults: the same article and rounds of edits
    base = make_article(seed, 300)
    far = base
    rounds = random.Random(seed + 2)
    for _ in range(300):
        far = edit_article(far, rounds, 1)
    last = edit_article(far, random.Random(seed + 3), 1)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(export_header().encode() + b"\n" + page_start("Far pair", 1).encode())
        for number, text in enumerate((base, far, last), start=1):
            meta = RevisionMeta(
                number, number - 1, start + timedelta(days=number), "Bench", 1, False, "edit"
            )
            out.write(revision_xml(meta, text))
        out.write(b"  </page>\n</mediawiki>\n")


async def measure_far_pair(path: Path, size: tuple[int, int]) -> tuple[float, float]:
    """Seconds from ``J`` (onto the far pair) to its diff painted, in a fresh app: to the end
    of the first paint of its lines, and to the app idle after it (``pilot.pause()``, which
    waits at least one 20 ms window of idle time after the paint, so it is an upper bound)."""
    from textual import events

    from wikitui.app import WikituiApp
    from wikitui.screens.main import MainScreen

    app = WikituiApp(paths=[str(path)])
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)

        def shown(index: int) -> bool:
            diff = screen.diff.shown
            return (
                diff is not None
                and not screen.diff.busy
                and (diff.result is not None or diff.message is not None)
                and diff.comparison.new_index == index
            )

        await wait_until(lambda: shown(2))
        await pilot.pause()
        await asyncio.sleep(ARTICLE_SETTLE)  # the article pane renders first, as a reader waits
        # When the diff pane draws the lines of the far pair's diff (the paint; the terminal
        # write follows in the same refresh).
        painted: list[float] = []
        draw = screen.diff.render_line

        def render_line(y: int) -> Strip:
            strip = draw(y)
            if shown(1):
                painted.append(time.perf_counter())
            return strip

        screen.diff.render_line = render_line  # type: ignore[method-assign]
        t0 = time.perf_counter()
        app.post_message(events.Key("J", "J"))
        await wait_until(lambda: shown(1))
        await pilot.pause()
        idle = time.perf_counter() - t0
        end = painted[0]
        for moment in painted[1:]:  # the first paint: lines drawn one after another
            if moment - end > 0.005:
                break
            end = moment
        return end - t0, idle


async def measure_huge(count: int, size: tuple[int, int]) -> float:
    """Seconds from launch to the first diff painted on a page of ``count`` revisions."""
    from datetime import UTC, datetime, timedelta

    from wikitui.app import WikituiApp
    from wikitui.model import Page, Revision, Source

    class Loader:
        def load_text(self, revision: Revision) -> str:
            return f"Revision {revision.rev_id}\n"

    page = Page(title="Huge", loader=Loader())
    start = datetime(2001, 1, 15, tzinfo=UTC)
    for number in range(count):
        page.add(
            Revision(
                rev_id=number + 1,
                parent_id=number,
                user=f"U{number % 7}",
                timestamp=start + timedelta(minutes=90 * number),
                size=number % 50,
            )
        )
    began = time.perf_counter()
    app = WikituiApp([Source(path="huge", kind="xml", pages=[page])])
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await wait_until(
            lambda: (
                getattr(screen, "diff", None) is not None
                and screen.diff.shown is not None
                and not screen.diff.busy
            )
        )
        await pilot.pause()
        return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=HERE / "out" / "app-300k.xml")
    parser.add_argument("--steps", type=int, default=10, help="how many J presses to time")
    parser.add_argument("--size", default="160x50", help="terminal size, e.g. 80x24")
    parser.add_argument("--revisions", type=int, default=30, help="for the generated history")
    parser.add_argument("--article-kb", type=int, default=300, help="for the generated history")
    parser.add_argument(
        "--far-runs", type=int, default=3, help="fresh apps timing J onto the far pair"
    )
    args = parser.parse_args()
    ensure_history(args.file, args.revisions, args.article_kb)
    width, height = (int(part) for part in args.size.split("x"))
    t0 = time.perf_counter()
    import wikitui.app  # noqa: F401  (the import is part of what a user waits for)

    imported = time.perf_counter() - t0
    figures = asyncio.run(measure(args.file, args.steps, (width, height)))
    print(
        f"wikitui app on {args.file} ({args.file.stat().st_size / 1e6:.1f} MB), "
        f"{width}x{height}, headless"
    )
    print(f"  {'import wikitui.app (textual, rich, the app)':<44} {imported * 1000:8.0f} ms")
    figures["first screen, 50,000-revision page (in memory)"] = asyncio.run(
        measure_huge(50_000, (width, height))
    )
    far_path = HERE / "out" / "app-far-pair.xml"
    if not far_path.exists():
        write_far_pair(far_path)
    far_runs = [
        asyncio.run(measure_far_pair(far_path, (width, height))) for _ in range(args.far_runs)
    ]
    if far_runs:
        painted = [paint for paint, _ in far_runs]
        figures["J onto the far pair, diff painted: median"] = statistics.median(painted)
        figures["J onto the far pair, diff painted: max"] = max(painted)
        figures["... and the app idle after (pilot.pause)"] = statistics.median(
            idle for _, idle in far_runs
        )
    for name, value in figures.items():
        if isinstance(value, float):
            print(f"  {name:<44} {value * 1000:8.0f} ms")
        else:
            print(f"  {name:<44} {value!s:>8}")


if __name__ == "__main__":
    main()
