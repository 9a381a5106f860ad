"""Find every revision in which a text appeared or disappeared (a pickaxe over the history).

Each line: revision id, timestamp (UTC), user and ``added`` or ``removed``, oldest first.
Every revision is examined (texts that repeat an earlier one are not read twice), so the
answer is complete, not bisected.
"""

from __future__ import annotations

import argparse
import sys

from wikitui.cli.common import (
    add_color_arguments,
    add_source_arguments,
    open_from_args,
    print_json,
    want_color,
)
from wikitui.cli.progress import ProgressBar
from wikitui.history.pickaxe import Event, Query, search
from wikitui.model import Page

EPILOG = """\
examples:
  wikitui search history.xml.bz2 "Peter Kropotkin"          when the phrase came and went
  wikitui search dump.xml "colou?r" --regex -i --page Pear  a case-blind regular expression
  wikitui search api.json "{{Infobox" --json | jq '.events[0]'

A revision "added" TEXT when it holds it and the revision before it in the history did not;
"removed" is the opposite; the first revision adds TEXT when it holds it. Revisions whose
text is hidden or unavailable are passed over. With --regex TEXT is a Python regular
expression; -i ignores case.

--json prints one object with exactly the keys page, query and events; events is a list of
{"rev_id", "timestamp", "user", "event"} with event "added" or "removed", oldest first.
Exit status 0 whether or not anything was found; 2 for a bad pattern or argument.
"""

_GREEN, _RED, _DIM, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[0m"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui search``."""
    add_source_arguments(parser)
    parser.add_argument("text", metavar="TEXT", help="the text (or with --regex, the pattern)")
    parser.add_argument("--regex", action="store_true", help="TEXT is a regular expression")
    parser.add_argument("-i", dest="ignore_case", action="store_true", help="ignore case")
    parser.add_argument("--json", action="store_true", help="print one JSON object (see below)")
    add_color_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Search the history; returns the exit status."""

    query = Query(args.text, regex=args.regex, ignore_case=args.ignore_case)
    page = open_from_args(args).find_page(args.page)
    with ProgressBar("searching revisions") as progress:
        events = search(page, query, on_progress=progress.update)
    if args.json:
        print_json({"page": page.title, "query": args.text, "events": event_rows(page, events)})
        return 0
    color = want_color(args)
    lines = [format_event(page, event, color) for event in events]
    if not lines:
        lines = [f"{args.text!r} is in no revision of {page.title!r}"]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def event_rows(page: Page, events: list[Event]) -> list[dict[str, object]]:
    """The JSON form of the events: rev_id, timestamp, user, event."""
    rows: list[dict[str, object]] = []
    for event in events:
        revision = page.revisions[event.index]
        rows.append(
            {
                "rev_id": revision.rev_id,
                "timestamp": revision.timestamp_iso(),
                "user": None if revision.user_hidden else revision.user,
                "event": event.event,
            }
        )
    return rows


def format_event(page: Page, event: Event, color: bool) -> str:
    """One line: id, time, user, added/removed."""
    revision = page.revisions[event.index]
    stamp = revision.timestamp.strftime("%Y-%m-%d %H:%M") if revision.timestamp else "—"
    user = "(username removed)" if revision.user_hidden else (revision.user or "—")
    word = f"{event.event:<7}"
    if color:
        word = f"{_GREEN if event.event == 'added' else _RED}{word}{_RESET}"
        return f"{_DIM}{revision.rev_id}{_RESET}  {stamp}  {word}  {user}"
    return f"{revision.rev_id}  {stamp}  {word}  {user}"
