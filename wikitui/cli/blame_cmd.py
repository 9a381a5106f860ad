"""Show who wrote each part of a revision's wikitext: the revision that first added each token.

The whole history is processed once, oldest to newest (WikiWho's paragraph, sentence and
token matching); a page opened from the index keeps the result, so the next blame of any of
its revisions is a lookup.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from wikitui.cli.common import add_color_arguments, add_source_arguments, print_json, want_color

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

# 256-colour foregrounds that read on dark and light backgrounds, in an order where
# neighbours differ; a revision's colour is fixed by its id.
PALETTE = (33, 166, 35, 163, 136, 31, 125, 64, 98, 130, 37, 161, 100, 62, 172, 29, 133, 94)
USER_WIDTH = 16


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui blame``."""
    add_source_arguments(parser)
    parser.add_argument(
        "--rev",
        metavar="REV",
        default="latest",
        help="the revision: an id, 'latest' (default), 'oldest', or X~N (N older than X)",
    )
    parser.add_argument("--json", action="store_true", help="print the spans as JSON")
    add_color_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Blame the chosen revision; returns the exit status."""
    from wikitui.blame import Authorship
    from wikitui.sources import open_source

    source = open_source(args.source)
    for problem in source.problems:
        print(f"wikitui: warning: {problem}", file=sys.stderr)
    page = source.find_page(args.page)
    index = page.resolve(args.rev)
    page.text(page.revisions[index])  # a hidden text is an error before the long pass
    with _Progress() as progress:
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


def line_owners(blame: Blame) -> list[tuple[int, int, int | None]]:
    """(start, end, index) per line of the text: the revision with most non-space characters."""
    text = blame.text
    owners: list[tuple[int, int, int | None]] = []
    spans = blame.spans
    cursor = 0
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        counts: dict[int, int] = {}
        while cursor < len(spans) and spans[cursor].end <= start:
            cursor += 1
        probe = cursor
        while probe < len(spans) and spans[probe].start < end:
            span = spans[probe]
            piece = text[max(span.start, start) : min(span.end, end)]
            weight = len(piece) - sum(piece.count(c) for c in " \t")
            if weight:
                counts[span.index] = counts.get(span.index, 0) + weight
            probe += 1
        owners.append((start, end, max(counts, key=counts.__getitem__) if counts else None))
        if end == len(text):
            break
        start = end + 1
    return owners


def blame_text(page: Page, blame: Blame, *, color: bool) -> str:
    """The wikitext with a gutter (revision, date, user of each line's main author)."""
    text = blame.text
    out: list[str] = []
    spans = blame.spans
    cursor = 0
    for start, end, owner in line_owners(blame):
        gutter = _gutter(page, owner)
        if not color:
            out.append(f"{gutter} │ {text[start:end]}\n")
            continue
        colour = _colour(page, owner)
        pieces = [f"\x1b[38;5;{colour}m{gutter}\x1b[0m │ " if colour else f"{gutter} │ "]
        while cursor < len(spans) and spans[cursor].end <= start:
            cursor += 1
        probe = cursor
        while probe < len(spans) and spans[probe].start < end:
            span = spans[probe]
            piece = text[max(span.start, start) : min(span.end, end)]
            pieces.append(f"\x1b[38;5;{_colour(page, span.index)}m{piece}\x1b[0m")
            probe += 1
        out.append("".join(pieces) + "\n")
    return "".join(out)


def _gutter(page: Page, index: int | None) -> str:
    if index is None:
        return " " * (10 + 1 + 10 + 1 + USER_WIDTH)
    revision = page.revisions[index]
    rev_id = "" if revision.rev_id is None else str(revision.rev_id)
    date = revision.timestamp.strftime("%Y-%m-%d") if revision.timestamp else "?"
    user = "(hidden)" if revision.user_hidden else (revision.user or "?")
    if len(user) > USER_WIDTH:
        user = user[: USER_WIDTH - 1] + "…"
    return f"{rev_id:>10} {date:<10} {user:<{USER_WIDTH}}"


def _colour(page: Page, index: int | None) -> int:
    if index is None:
        return 0
    rev_id = page.revisions[index].rev_id
    return PALETTE[(rev_id if rev_id is not None else index) % len(PALETTE)]


class _Progress:
    """``revisions N/M`` on stderr while the history is processed, on a terminal only."""

    def __init__(self) -> None:
        self.shown = False
        self.tty = bool(getattr(sys.stderr, "isatty", lambda: False)())

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()

    def update(self, done: int, total: int) -> None:
        """``on_progress`` callback of :meth:`~wikitui.blame.Authorship.of`."""
        if self.tty and total:
            self.shown = True
            sys.stderr.write(f"\rblame: revision {done:,}/{total:,} ({done * 100 // total}%)")
            sys.stderr.flush()
