"""Render a revision's wikitext as an article: headings, paragraphs, lists, tables, references.

Templates cannot be expanded offline: infoboxes, citations, hatnotes and the most used inline
templates are shown as the wiki shows them, maintenance banners as a muted notice, anything
else as a muted placeholder with the template's name.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any

from wikitui.cli.common import (
    add_color_arguments,
    add_rev_argument,
    add_source_arguments,
    capped_width,
    open_from_args,
    print_json,
    text_of,
    warn,
)
from wikitui.errors import UsageError
from wikitui.present.visible import Visible, visible_text

if TYPE_CHECKING:
    from wikitui.render import Article

EPILOG = """\
examples:
  wikitui render Pear.wiki                          a wikitext file
  wikitui render history.xml.bz2 --page Pear --rev latest~3
  wikitui render dump.xml --rev 638548877 --plain > pear.txt
  wikitui render dump.xml --json | jq '.sections[].title'

Output is coloured on a terminal and plain (no escape codes) when piped, with --plain or
--no-color; NO_COLOR keeps bold and underline but drops colours. Plain output without
--width keeps one paragraph per line (list items and table rows on one line each, cells
joined by " | "); with --width it is wrapped and tables are drawn.

--json prints one object: page, rev_id, title, width, sections (level, title, anchor,
source_start_line, source_end_line, line: the heading's line in "text" or null), links
(kind "internal"|"external", target, text), categories, references (number, label, group,
name, uses, text), and text (the plain rendering, at --width when given).
"""

MIN_WIDTH = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``wikitui render``."""
    add_source_arguments(parser)
    add_rev_argument(parser)
    parser.add_argument(
        "--width",
        metavar="N",
        type=int,
        help="wrap at N columns (default: the terminal's width; unwrapped when piped)",
    )
    parser.add_argument(
        "--plain", action="store_true", help="plain text: no colours, no styles, no escape codes"
    )
    parser.add_argument(
        "--json", action="store_true", help="print sections, links, references and text as JSON"
    )
    add_color_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Render the chosen revision; returns the exit status."""
    from wikitui.render import render_wikitext

    if args.width is not None and args.width < MIN_WIDTH:
        raise UsageError(f"--width must be at least {MIN_WIDTH}")
    args.width = capped_width(args.width)
    source = open_from_args(args)
    page = source.find_page(args.page)
    index = page.resolve(args.rev)
    revision = page.revisions[index]
    text = text_of(page, revision, args.source)  # its error already says what is wrong
    for problem in source.problems:
        warn(problem)
    if not revision.is_wikitext:
        print(
            f"wikitui: warning: revision {revision.rev_id} is {revision.content_model}, "
            "not wikitext; rendering it as wikitext anyway",
            file=sys.stderr,
        )
    article = render_wikitext(text, title=page.title)
    if args.json:
        print_json(_json(article, page.title, revision.rev_id, args.width))
        return 0
    tty = bool(getattr(sys.stdout, "isatty", lambda: False)())
    plain = args.plain or args.color is False or (not tty and args.color is not True)
    if plain:
        width = args.width or (_terminal_width() if tty else None)
        sys.stdout.write(visible_text(article.plain_text(width)))
        return 0
    from rich.console import Console

    no_color = bool(os.environ.get("NO_COLOR")) and args.color is not True
    width = args.width or _terminal_width()
    console = Console(
        width=width,
        force_terminal=True,
        no_color=no_color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(Visible(article), end="")
    return 0


def _terminal_width() -> int:
    return max(MIN_WIDTH, shutil.get_terminal_size((100, 24)).columns)


def _json(article: Article, title: str, rev_id: int | None, width: int | None) -> dict[str, Any]:
    """The ``--json`` document (see EPILOG)."""
    text = article.plain_text(width)
    lines = text.split("\n")
    heading_lines: dict[str, int] = {}
    if width is not None:
        heading_lines = dict(article.layout(width).section_lines)
    else:
        # Unwrapped text: find each heading's line in order.
        cursor = 0
        for section in article.sections:
            for number in range(cursor, len(lines)):
                if lines[number].strip() == section.title:
                    heading_lines[section.anchor] = number
                    cursor = number + 1
                    break
    return {
        "page": title,
        "rev_id": rev_id,
        "title": article.title,
        "width": width,
        "sections": [
            {
                "level": s.level,
                "title": s.title,
                "anchor": s.anchor,
                "source_start_line": s.source_start_line,
                "source_end_line": s.source_end_line,
                "line": heading_lines.get(s.anchor),
            }
            for s in article.sections
        ],
        "links": [{"kind": k.kind, "target": k.target, "text": k.text} for k in article.links],
        "categories": list(article.categories),
        "references": [
            {
                "number": r.number,
                "label": r.label,
                "group": r.group,
                "name": r.name,
                "uses": r.uses,
                "text": r.content.plain if r.content is not None else None,
            }
            for r in article.references
        ],
        "text": text,
    }
