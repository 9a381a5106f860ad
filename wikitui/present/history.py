"""How the history analyses read: revert marks, revert notes, search events.

One wording for ``wikitui list``, the revision tree, the diff header and the status line:

* a reverted edit is marked ``reverted``, a reverting one ``reverts N`` (:func:`revert_marks`);
  in the tree a reverted row is dimmed and struck, with the word right after its size change
  where a narrow sidebar still shows it (:func:`revert_row_marks`);
* the diff header and the status line say "reverted by rX (user)" and "reverts N edits"
  (:func:`revert_header_marks`, :func:`revert_note`);
* a pickaxe event reads as one line: time, ``added``/``removed``, user, id
  (:func:`search_event_row`).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from wikitui.history.pickaxe import Event
from wikitui.history.reverts import Reverts
from wikitui.model import Page
from wikitui.present.revision import RowMark, format_time, user_label

REVERTED_ROW = Style(dim=True, strike=True)
REVERTED_MARK = Style(color="yellow")
REVERTING_MARK = Style(color="yellow", bold=True)


def revert_marks(reverts: Reverts | None, index: int) -> str:
    """``reverted``, ``reverts N`` or both (a reverted revert), or "" for neither."""
    if reverts is None:
        return ""
    marks = []
    if reverts.reverted_by(index) is not None:
        marks.append("reverted")
    revert = reverts.made_by(index)
    if revert is not None:
        marks.append(f"reverts {len(revert.reverted)}")
    return ", ".join(marks)


def revert_row_marks(reverts: Reverts | None, index: int) -> list[RowMark]:
    """The tree's marks: a reverted row dimmed and struck with ``reverted``; ``↺ reverts N``."""
    if reverts is None:
        return []
    marks = []
    if reverts.reverted_by(index) is not None:
        marks.append(RowMark("reverted", REVERTED_MARK, row_style=REVERTED_ROW))
    revert = reverts.made_by(index)
    if revert is not None:
        marks.append(RowMark(f"↺ reverts {len(revert.reverted)}", REVERTING_MARK))
    return marks


def revert_notes(page: Page, reverts: Reverts | None, index: int) -> list[str]:
    """The header's and status line's words: "reverted by r123 (User)", "reverts 2 edits"."""
    if reverts is None:
        return []
    notes = []
    by = reverts.reverted_by(index)
    if by is not None:
        reverter = page.revisions[by]
        notes.append(f"reverted by r{reverter.rev_id} ({user_label(reverter).text})")
    revert = reverts.made_by(index)
    if revert is not None:
        count = len(revert.reverted)
        notes.append(f"reverts {count} edit{'s' if count != 1 else ''}")
    return notes


def revert_note(page: Page, reverts: Reverts | None, index: int) -> str:
    """The notes of :func:`revert_notes` joined by " · " ("" for none): the status line's."""
    return " · ".join(revert_notes(page, reverts, index))


def revert_header_marks(page: Page, reverts: Reverts | None, index: int) -> list[RowMark]:
    """The notes as marks on a revision's side of the diff header."""
    return [RowMark(note, REVERTING_MARK) for note in revert_notes(page, reverts, index)]


def search_event_row(page: Page, event: Event) -> Text:
    """``2002-10-02 19:23  added    Quercusrobur  r331787``."""
    revision = page.revisions[event.index]
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append(format_time(revision.timestamp))
    line.append("  ")
    added = event.event == "added"
    line.append(f"{event.event:<7}", style="green" if added else "red")
    line.append("  ")
    line.append_text(user_label(revision).to_text())
    line.append(f"  r{revision.rev_id}", style="dim")
    return line
