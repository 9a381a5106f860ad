"""Show who wrote each part of a revision's wikitext: the revision that first added each token.

The whole history is processed once, oldest to newest (WikiWho's paragraph, sentence and
token matching); a page opened from the index keeps the result, so the next blame of any of
its revisions is a lookup.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from wikitui.cli.common import (
    add_color_arguments,
    add_rev_argument,
    add_source_arguments,
    open_from_args,
    print_json,
    want_color,
    warn,
)
from wikitui.cli.progress import ProgressBar

if TYPE_CHECKING:
    from wikitui.blame import Blame
    from wikitui.model import Page

EPILOG = """\
examples:
  wikitui blame history.xml.bz2                     the latest revision
  wikitui blame dump.xml --page Anarchism --rev latest~10
  wikitui blame history.xml --json | jq '.spans[] | select(.rev_id == 12345)'

Plain output is the wikitext with a gutter naming, for each line, the revision that wrote
most of it (id, date, user); on a terminal each revision's text also has its own colour.

--json prints one object: page, rev_id, revisions ({"<rev_id>": {user, timestamp, comment}}
for every revision the spans name) and spans ([{start, end, rev_id}]: contiguous, in order,
covering the text exactly, offsets in code points; whitespace goes with the token before it).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui blame``."""
    add_source_arguments(parser)
    add_rev_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the spans as JSON")
    add_color_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Blame the chosen revision; returns the exit status."""
    from wikitui.blame import Authorship

    source = open_from_args(args)
    for problem in source.problems:
        warn(problem)
    page = source.find_page(args.page)
    index = page.resolve(args.rev)
    page.text(page.revisions[index])  # a hidden text is an error before the long pass
    with ProgressBar("blaming revisions") as progress:
        authorship = Authorship.of(page, on_progress=progress.update)
    blame = authorship.blame(index)
    if args.json:
        print_json(blame_json(page, blame))
    else:
        sys.stdout.write(blame_text(page, blame, color=want_color(args)))
    return 0


def blame_json(page: Page, blame: Blame) -> dict[str, Any]:
    """The ``--json`` document (see EPILOG)."""
    revisions: dict[str, dict[str, Any]] = {}
    spans = []
    for span in blame.spans:
        revision = page.revisions[span.index]
        spans.append({"start": span.start, "end": span.end, "rev_id": revision.rev_id})
        key = str(revision.rev_id)
        if key not in revisions:
            revisions[key] = {
                "user": None if revision.user_hidden else revision.user,
                "timestamp": revision.timestamp_iso(),
                "comment": None if revision.comment_hidden else revision.comment,
            }
    return {
        "page": page.title,
        "rev_id": page.revisions[blame.index].rev_id,
        "revisions": revisions,
        "spans": spans,
    }


def blame_text(page: Page, blame: Blame, *, color: bool) -> str:
    """The wikitext with a gutter (revision, date, user of each line's main author); every text
    from the source with its control characters made visible."""
    from wikitui.present.blame import (
        blame_lines,
        gutter,
        line_pieces,
        line_text,
        revision_colour,
    )

    out: list[str] = []
    for line in blame_lines(blame):
        margin = gutter(page, line.owner)
        if not color:
            out.append(f"{margin} │ {line_text(blame, line)}\n")
            continue
        if line.owner is not None:
            margin = f"\x1b[38;5;{revision_colour(page, line.owner)}m{margin}\x1b[0m"
        pieces = "".join(
            f"\x1b[38;5;{revision_colour(page, index)}m{piece}\x1b[0m"
            for piece, index in line_pieces(blame, line)
        )
        out.append(f"{margin} │ {pieces}\n")
    return "".join(out)
