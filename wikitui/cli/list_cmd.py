"""List a page history, newest first, like the wiki's history page.

Each line: revision id, timestamp (UTC), user, ``m`` for a minor edit, size in bytes, the
signed size change against the parent (green when the page grew, red when it shrank, grey
when unchanged, bold from 500 bytes on, as on the wiki), ``reverted`` / ``reverts N`` marks
(identity reverts, see :mod:`wikitui.history.reverts`), tags, and the edit summary with
``/* Section */`` shown as ``→Section:``. Each reads as in the app and ``wikitui diff``'s header
(:mod:`wikitui.present.revision`, :mod:`wikitui.present.history`), control characters made
visible. Only metadata is read when the source gives each revision's SHA-1 or its index holds
them; otherwise the texts are read once to compute them.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata

from wikitui.cli.common import (
    add_color_arguments,
    add_source_arguments,
    open_from_args,
    print_json,
    want_color,
)
from wikitui.cli.progress import ProgressBar
from wikitui.errors import UsageError
from wikitui.history.reverts import Reverts, find_reverts, needs_texts
from wikitui.model import Page, Source, revision_fields
from wikitui.present.history import revert_marks
from wikitui.present.revision import (
    HIDDEN_SUMMARY,
    delta_label,
    delta_role,
    format_time,
    is_large,
    summary_parts,
    tags_label,
    user_label,
)
from wikitui.present.visible import visible
from wikitui.sources.loaders import has_texts

EPILOG = """\
examples:
  wikitui list history.xml.bz2                     every page, newest revision first
  wikitui list dump.xml --page "Talk:Pear" -n 20   the 20 latest revisions of one page
  wikitui list api.json --json | jq '.[0]'         machine-readable
  wikitui list my-page/                            a folder of .wiki files (see README)

--json prints one JSON array; each object has exactly the keys
  page, rev_id, parent_id, timestamp, user, user_id, anon, minor, size, delta,
  comment, tags, sha1, text_hidden, reverts, reverted_by
(reverts: ids of the revisions this one reverted, [] if none; reverted_by: id of the
revision that reverted this one, or null; see README "Reverts"; timestamp: ISO 8601 UTC
ending in Z; user/comment null when hidden; user_id null for IPs and hidden users;
parent_id null for a page creation or when unknown; delta null when the parent's size is
unknown). Load problems are reported on stderr as warnings; the exit
status is non-zero only when the source itself cannot be read.
"""

USER_WIDTH = 24

_RESET = "\x1b[0m"
# The roles of wikitui.present.revision (and a few of the listing's own), as ANSI codes.
_STYLES = {
    "dim": "\x1b[2m",
    "bold": "\x1b[1m",
    "title": "\x1b[1;4m",
    "user": "\x1b[34m",
    "user-ip": "\x1b[3;34m",
    "user-hidden": "\x1b[2;3m",
    "user-unknown": "\x1b[2;3m",
    "delta-up": "\x1b[32m",
    "delta-down": "\x1b[31m",
    "delta-zero": "\x1b[90m",
    "delta-unknown": "\x1b[90m",
    "tags": "\x1b[35m",
    "section": "\x1b[90m",
    "warn": "\x1b[33m",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui list``."""
    add_source_arguments(parser)
    parser.add_argument(
        "-n",
        "--limit",
        metavar="N",
        type=int,
        help="show only the N latest revisions of each page",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON array of revisions (see below)"
    )
    add_color_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """List the history; returns the exit status."""
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    # A pipe can be read only once: keep its texts in case the SHA-1s must be computed.
    rereadable = os.path.isfile(args.source) or os.path.isdir(args.source)
    source = open_from_args(args, texts=not rereadable)
    pages = [source.find_page(args.page)] if args.page else source.all_pages()
    if not pages:
        source.find_page(None)  # raises PageNotFound with the source's name
    if any(needs_texts(page) and not has_texts(page) for page in pages):
        # SHA-1s to compute and no texts (opened without an index): read the texts too.
        source = open_from_args(args)
        pages = [source.find_page(args.page)] if args.page else source.all_pages()
    _warn_problems(source, want_color(args, sys.stderr))
    with ProgressBar("finding reverts") as progress:
        reverts = [find_reverts(page, on_progress=progress.update) for page in pages]
    if args.json:
        print_json(
            [
                _json_row(page, index, found)
                for page, found in zip(pages, reverts, strict=True)
                for index in _newest_indexes(page, args.limit)
            ]
        )
        return 0
    styler = _Styler(want_color(args))
    out: list[str] = []
    for number, (page, found) in enumerate(zip(pages, reverts, strict=True)):
        if args.page is None:  # with --page there is one page, and the command named it
            if number:
                out.append("")
            out.append(_page_heading(page, styler, show_file=source.kind == "folder"))
        out.extend(format_rows(page, _newest_indexes(page, args.limit), styler, found))
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _json_row(page: Page, index: int, reverts: Reverts) -> dict[str, object]:
    """``revision_fields`` plus the two revert keys."""
    revert = reverts.made_by(index)
    reverter = reverts.reverted_by(index)
    revisions = page.revisions
    return revision_fields(page, index) | {
        "reverts": [] if revert is None else [revisions[i].rev_id for i in revert.reverted],
        "reverted_by": None if reverter is None else revisions[reverter].rev_id,
    }


def _newest_indexes(page: Page, limit: int | None) -> list[int]:
    indexes = [index for index, _ in page.newest_first()]
    return indexes if limit is None else indexes[:limit]


def _warn_problems(source: Source, color: bool) -> None:
    styler = _Styler(color)
    for problem in source.all_problems():
        sys.stderr.write(styler("warn", f"wikitui: warning: {visible(str(problem))}") + "\n")


class _Styler:
    """Wraps text in ANSI styles, or not at all when colour is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"{_STYLES[style]}{text}{_RESET}"

    def delta(self, delta: int | None, text: str) -> str:
        """A size change in its colour, bold when large (the wiki's 500-byte rule)."""
        if not self.enabled or not text:
            return text
        code = _STYLES[delta_role(delta)]
        if is_large(delta):
            code = code.replace("\x1b[", "\x1b[1;")
        return f"{code}{text}{_RESET}"


def _page_heading(page: Page, styler: _Styler, *, show_file: bool) -> str:
    count = len(page.revisions)
    details = f"{count:,} revision{'s' if count != 1 else ''}"
    if page.site:
        details += f", {visible(page.site)}"
    if show_file and page.source_label:
        details += f", {visible(page.source_label)}"
    return f"{styler('title', visible(page.title))}  {styler('dim', f'({details})')}"


def _cells(char: str) -> int:
    """Terminal cells a character takes: 2 for wide East Asian ones, 0 for combining marks."""
    if char.isascii():
        return 1
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """Width of ``text`` in terminal cells."""
    return len(text) if text.isascii() else sum(_cells(char) for char in text)


def _fit(text: str, width: int) -> str:
    """Pad or cut (with an ellipsis) to ``width`` terminal cells."""
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    out, used = [], 0
    for char in text:
        if used + _cells(char) > width - 1:
            break
        out.append(char)
        used += _cells(char)
    return "".join(out) + "…" + " " * (width - 1 - used)


def format_rows(
    page: Page, indexes: list[int], styler: _Styler, reverts: Reverts | None = None
) -> list[str]:
    """One aligned line per revision (in the order given)."""
    if not indexes:
        return ["  (no revisions)"]
    revisions = [page.revisions[index] for index in indexes]
    id_width = max(len(str(r.rev_id)) if r.rev_id is not None else 1 for r in revisions)
    users = [user_label(r) for r in revisions]
    user_width = min(USER_WIDTH, max(cell_len(user.text) for user in users))
    sizes = [f"{r.size:,}" if r.size is not None else "?" for r in revisions]
    size_width = max(len(size) for size in sizes)
    deltas = [page.delta(index) for index in indexes]
    delta_width = max(len(delta_label(delta)) for delta in deltas)
    marks_width = max(len(revert_marks(reverts, index)) for index in indexes)
    lines = []
    rows = zip(indexes, revisions, users, sizes, deltas, strict=True)
    for index, revision, user, size, delta in rows:
        rev_id = str(revision.rev_id) if revision.rev_id is not None else "?"
        cells = [styler("dim", rev_id.rjust(id_width))]
        if revision.problem:
            problem = visible(revision.problem)
            cells.append(styler("warn", f"⚠ unreadable revision: {problem}"))
            lines.append("  ".join(cells))
            continue
        cells.append(format_time(revision.timestamp))
        cells.append(styler(user.role, _fit(user.text, user_width)))
        cells.append(styler("bold", "m") if revision.minor else " ")
        cells.append(f"{size.rjust(size_width)} bytes")
        cells.append(styler.delta(delta, delta_label(delta).rjust(delta_width)))
        if marks_width:
            cells.append(styler("warn", revert_marks(reverts, index).ljust(marks_width)))
        extra = []
        if revision.comment_hidden:
            extra.append(styler("dim", HIDDEN_SUMMARY))
        elif revision.comment:
            summary = "".join(
                styler("section", part.text) if part.section else part.text
                for part in summary_parts(revision.comment)
            )
            if summary:
                extra.append(summary)
        if revision.tags:
            extra.append(styler("tags", tags_label(revision.tags)))
        if revision.text_hidden:
            extra.append(styler("dim", "(text hidden)"))
        line = "  ".join(cells)
        if extra:
            line += "  " + " ".join(extra)
        lines.append(line.rstrip())
    return lines
