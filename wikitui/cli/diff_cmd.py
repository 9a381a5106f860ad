"""Show what an edit changed, like the wiki's diff page: side by side, inline, or JSON.

Compares two revisions of a page from a history (by default the latest revision against its
parent), or two plain text files. Lines are aligned first, then the words inside changed
lines are compared, the way Wikipedia's diff engine (wikidiff2) does; moved paragraphs are
shown as moves, and each hunk names the section it falls in.
"""

from __future__ import annotations

import os
import sys

from wikitui.cli.common import (
    add_color_arguments,
    add_source_arguments,
    capped_width,
    open_from_args,
    text_of,
    want_color,
)
from wikitui.cli.quick_args import QuickSpec
from wikitui.errors import RevisionNotFound, SourceError, TextUnavailable, UsageError
from wikitui.gc_pause import collector_paused

TYPE_CHECKING = False  # typing is not imported at run time: `wikitui diff` starts faster
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from typing import Any

    from wikitui.model import Page
    from wikitui.present.diff_header import DiffHeader

EPILOG = """\
revisions (REV): a revision id, 'latest', 'oldest', or X~N (N revisions older than X,
e.g. latest~3). Default: --to latest, --from the parent of --to. A --from newer than --to
shows the reverse diff (what undoing the edits would change) and says so on stderr.

examples:
  wikitui diff history.xml                      latest edit against its parent
  wikitui diff history.xml --from latest~5      the last five edits at once
  wikitui diff dump.xml.bz2 --page Pear --to 185408 --inline
  wikitui diff old.wiki new.wiki --context all
  wikitui diff history.xml --json | jq '.stats'

output: coloured on a terminal (not with NO_COLOR or --no-color); when piped, the same
layout in plain text with [-deleted-] and {+added+} word marks.

--json prints one object:
  {"from": REV|{"path"}|null, "to": REV|{"path"}, "stats": {...}, "notes": [...],
   "hunks": [{"old_line", "new_line", "section",
              "rows": [{"type", "old_line", "new_line", "spans": [[op, text], ...],
                        "moved_to" | "moved_from"}]}]}
  REV holds the fields of 'wikitui list --json'; "from" is null for a page creation.
  type: context, add, delete, change, move-from, move-to; op: "=" both sides, "-" old
  side only, "+" new side only. Line numbers are 1-based, null on the side a row lacks.
  stats: words_added, words_removed, chars_added, chars_removed, bytes_delta,
  lines_added, lines_removed, lines_changed, paragraphs_moved.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui diff``."""
    add_source_arguments(
        parser,
        metavar="SOURCE|OLD_FILE",
        help="XML export or dump, API JSON, wikitext file or folder; or the old text file",
    )
    parser.add_argument(
        "new_file", metavar="NEW_FILE", nargs="?", help="the new text file (compare two files)"
    )
    parser.add_argument("--from", dest="from_rev", metavar="REV", help="the old revision")
    parser.add_argument("--to", dest="to_rev", metavar="REV", help="the new revision")
    parser.add_argument(
        "--context",
        metavar="N|all",
        default="2",
        help="unchanged lines shown around changes (default 2; 'all' for the whole text)",
    )
    parser.add_argument("--inline", action="store_true", help="one column with changes in place")
    parser.add_argument("--json", action="store_true", help="print the diff as JSON (see below)")
    parser.add_argument(
        "--width", metavar="N", type=int, help="output width in columns (default: terminal)"
    )
    add_color_arguments(parser)


#: The arguments above for :mod:`wikitui.cli.quick_args`: plain command lines skip argparse
#: (``tests/test_cli_quick_args.py`` holds the two equal).
QUICK_ARGS = QuickSpec(
    positionals=("source", "new_file"),
    required=1,
    flags={
        "--no-cache": ("no_cache", True),
        "--inline": ("inline", True),
        "--json": ("json", True),
        "--color": ("color", True),
        "--no-color": ("color", False),
    },
    options={
        "--page": ("page", None),
        "--from": ("from_rev", None),
        "--to": ("to_rev", None),
        "--context": ("context", None),
        "--width": ("width", int),
    },
    defaults={
        "source": None,
        "new_file": None,
        "page": None,
        "no_cache": False,
        "from_rev": None,
        "to_rev": None,
        "context": "2",
        "inline": False,
        "json": False,
        "width": None,
        "color": None,
    },
    exclusive=(frozenset({"--color", "--no-color"}),),
)


def _context(value: str) -> int | None:
    if value.strip().lower() == "all":
        return None
    try:
        number = int(value)
    except ValueError:
        raise UsageError(f"--context must be a number or 'all', not {value!r}") from None
    if number < 0:
        raise UsageError("--context must not be negative")
    return number


def _read_file(path: str) -> str:
    """A text file's content as UTF-8, with a one-line error naming the file."""
    if _is_named_fifo_or_device(path):  # one nobody writes to would wait forever
        raise SourceError(f"{path}: a FIFO or device, not a file: not read")
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a text file") from None
    except OSError as error:
        raise SourceError(f"{path}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: not UTF-8 text (byte {error.start})") from None


def _is_named_fifo_or_device(path: str) -> bool:
    """True for a named FIFO, socket or device; a pipe from ``<(...)`` is read as a stream.

    (wikitui.sources.special says the same for sources; importing it here would cost the
    two-file diff the whole sources package at start-up.)
    """
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # the open below says why
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return False
    return not stat.S_ISFIFO(mode) or os.path.exists(os.path.realpath(path))


class _Comparison:
    """What to compare: the two texts, what the JSON says about them, and how to build the
    header (the same as the app's, from :mod:`wikitui.present.diff_text`)."""

    __slots__ = ("from_info", "header", "new", "old", "to_info")

    def __init__(
        self,
        old: str,
        new: str,
        from_info: dict[str, Any] | None,
        to_info: dict[str, Any],
        header: Callable[[], DiffHeader],
    ) -> None:
        self.old = old
        self.new = new
        self.from_info = from_info
        self.to_info = to_info
        self.header = header


def _files(args: argparse.Namespace) -> _Comparison:
    if args.page or args.from_rev or args.to_rev:
        raise UsageError("--page, --from and --to apply to a history, not to two files")
    old, new = _read_file(args.source), _read_file(args.new_file)
    old_size, new_size = len(old.encode("utf-8")), len(new.encode("utf-8"))

    def header() -> DiffHeader:
        from wikitui.present.diff_header import files_header

        return files_header((args.source, old_size), (args.new_file, new_size))

    return _Comparison(
        old,
        new,
        {"path": args.source, "size": old_size},
        {"path": args.new_file, "size": new_size},
        header,
    )


def _history(args: argparse.Namespace) -> _Comparison:
    from wikitui.model import revision_fields

    source = open_from_args(args)
    page = source.find_page(args.page)
    to_index = page.resolve(args.to_rev, "latest")
    to_revision = page.revisions[to_index]
    if to_revision.problem:
        text_of(page, to_revision, args.source)  # the error, before notes about its parent
    from_index: int | None
    if args.from_rev is not None:
        from_index = page.resolve(args.from_rev)
    else:
        from_index = _parent_index(page, to_index, args.source)
    if from_index is not None and from_index > to_index:
        sys.stderr.write(
            "wikitui: note: --from is newer than --to; showing the reverse diff"
            " (what undoing those edits would change)\n"
        )
    for index in (from_index, to_index):
        if index is None:
            continue
        revision = page.revisions[index]
        if not revision.is_wikitext:
            raise TextUnavailable(
                f"revision {revision.rev_id} of {page.title!r} is {revision.content_model},"
                " not wikitext"
            )
    to_revision = page.revisions[to_index]
    new = text_of(page, to_revision, args.source)
    old = "" if from_index is None else text_of(page, page.revisions[from_index], args.source)

    def header() -> DiffHeader:
        from wikitui.present.comparison import Comparison
        from wikitui.present.diff_header import header_for

        # A reverse diff (--from newer than --to) shows the newer revision on the old side.
        return header_for(Comparison(page, from_index, to_index))

    return _Comparison(
        old,
        new,
        None if from_index is None else revision_fields(page, from_index),
        revision_fields(page, to_index),
        header,
    )


def _parent_index(page: Page, index: int, source: str) -> int | None:
    """Index of the revision ``index`` was made from (the app's rule, see
    :func:`~wikitui.present.comparison.parent_choice`); None for a page creation.

    When the parent is not in the source (a history excerpt), the previous revision in it
    stands in, as the wiki's "previous edit" link does, and stderr says so.
    """
    from wikitui.present.comparison import parent_choice

    revision = page.revisions[index]
    choice = parent_choice(page, index)
    if choice.missing is not None:
        if choice.index is None:
            raise RevisionNotFound(
                f"the parent of revision {revision.rev_id} (revision {choice.missing}) is not"
                f" in {source}; choose the old side with --from"
            )
        missing = (
            f"revision {choice.missing}, the parent of {revision.rev_id}, is not"
            if choice.missing != revision.rev_id
            else f"revision {revision.rev_id} names itself as its parent"  # a damaged file
        )
        sys.stderr.write(
            f"wikitui: note: {missing} in {source}; comparing with the previous revision there\n"
        )
    elif choice.index is None and not page.is_creation(index) and revision.parent_id is None:
        # No revision of the page records its parent (old export schemas, some tools): the
        # first revision of the source may be the page's first or the start of an excerpt.
        # Say which comparison this is.
        sys.stderr.write(
            f"wikitui: note: revision {revision.rev_id} is the first in {source}; its whole"
            " text is shown as added\n"
        )
    return choice.index


def run(args: argparse.Namespace) -> int:
    """Diff and print; returns the exit status."""
    # A diff makes hundreds of thousands of small objects and no reference cycles: the cyclic
    # collector would only walk them again and again (about 10 ms on a 300 KB article).
    with collector_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from wikitui.diff.engine import diff_texts

    context = _context(args.context)
    if args.width is not None and args.width < 20:
        raise UsageError("--width must be at least 20")
    args.width = capped_width(args.width)
    comparison = _files(args) if args.new_file is not None else _history(args)
    result = diff_texts(comparison.old, comparison.new, context)
    if args.json:
        from wikitui.diff.json_form import diff_json_text

        # The text print_json() would write (tests hold them equal), in one piece, faster.
        text = diff_json_text(result, comparison.from_info or None, comparison.to_info)
        sys.stdout.write(text + "\n")
        return 0
    _print_text(args, comparison, result)
    return 0


def _print_text(args: argparse.Namespace, comparison: _Comparison, result: Any) -> None:
    import io
    import shutil

    from rich.console import Console
    from rich.text import Text

    from wikitui.present.cells import CellLine
    from wikitui.present.diff_text import layout_diff

    color = want_color(args)
    width = args.width or shutil.get_terminal_size((100, 24)).columns
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="auto" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    # The same lines the app's diff pane shows, with [-deleted-] and {+added+} marks when plain.
    layout = layout_diff(
        console, width, comparison.header(), result, inline=args.inline, marks=not color
    )
    texts = [line.to_text() if isinstance(line, CellLine) else line for line in layout.lines]
    if not color:
        # Lines are padded to the width; plain text for pipes should not end in spaces.
        sys.stdout.write("".join(text.plain.rstrip() + "\n" for text in texts))
        return
    # One text, printed without wrapping: every line is laid out to the width already.
    console.print(Text("\n").join(texts), soft_wrap=True)
    sys.stdout.write(console.file.getvalue())  # type: ignore[attr-defined]
