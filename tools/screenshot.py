"""Write the README's screenshot: the app on the bundled sample, as an SVG.

    python tools/screenshot.py [docs/screenshot.svg] [--size 140x40]

Runs the app headless (Textual's ``run_test``), waits until every pane shows the selection,
and saves Textual's SVG export.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from wikitui.app import WikituiApp
from wikitui.cli.app_cmd import SAMPLE_PAGE, sample_path
from wikitui.screens.main import MainScreen
from wikitui.sources import open_source


async def shoot(out: Path, size: tuple[int, int], keys: list[str]) -> None:
    """Open the sample, press ``keys``, save the screen to ``out``."""
    source = open_source(sample_path())
    page = source.find_page(SAMPLE_PAGE)
    app = WikituiApp([source], initial=(page, len(page.revisions) - 1))
    async with app.run_test(size=size) as pilot:

        async def settle() -> None:
            for _ in range(300):
                await app.workers.wait_for_complete()
                await pilot.pause(0.02)
                screen = app.screen_stack[0]
                if isinstance(screen, MainScreen) and screen.settled:
                    break
            await pilot.pause(0.1)

        await settle()
        for key in keys:
            await pilot.press(key)
            await settle()
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="docs/screenshot.svg", type=Path)
    parser.add_argument("--size", default="140x40", help="COLUMNSxROWS")
    parser.add_argument("--keys", default="", help="keys to press first, comma separated")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    keys = [k for k in args.keys.split(",") if k]
    asyncio.run(shoot(args.out, (columns, rows), keys))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
