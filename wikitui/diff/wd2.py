"""Reading wikidiff2's table output back into rows, to hold our engine to the reference.

``wikidiff2_do_diff`` (the two-column diff of Wikipedia's diff pages) prints ``<tr>`` rows:
line-number headers, context rows, deleted/added lines, word-level changes with ``<del>`` and
``<ins>`` marks, and moved paragraphs linked by ``movedpara_*`` anchors. :func:`parse_table`
turns that into :class:`RefRow` records with 1-based line numbers on each side, so tests can
compare which lines changed, which words inside them, and which paragraphs moved. Used by
the tests and ``tools/regen_wikidiff2.sh``'s agreement report; not needed at run time.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_LINENO = re.compile(r"<!--LINE (\d+)-->")
_CELL = re.compile(r'<td(?: colspan="2")? class="([^"]*)"[^>]*>(.*?)</td>', re.DOTALL)
_ANCHOR_NAME = re.compile(r'<a name="([^"]+)"></a>')
_ANCHOR_HREF = re.compile(r'href="#([^"]+)"')
_MARK = re.compile(r'<(del|ins) class="diffchange diffchange-inline">(.*?)</\1>', re.DOTALL)


@dataclass(slots=True)
class RefRow:
    """One row of wikidiff2's table: like our ``DiffRow`` but with each side's spans apart."""

    type: str  # context, add, delete, change, move-from, move-to
    old_line: int | None
    new_line: int | None
    old_spans: list[tuple[str, str]] = field(default_factory=list)  # ops "=" and "-"
    new_spans: list[tuple[str, str]] = field(default_factory=list)  # ops "=" and "+"
    anchor: str | None = None
    link: str | None = None
    moved_to: int | None = None
    moved_from: int | None = None


def _side_spans(cell: str, changed_op: str) -> list[tuple[str, str]]:
    """Spans of one side's cell: text outside marks is "=", inside marks ``changed_op``."""
    cell = _ANCHOR_NAME.sub("", cell)
    if cell.strip() == "<br />":
        return []
    if cell.startswith("<div>") and cell.endswith("</div>"):
        cell = cell[5:-6]
    spans: list[tuple[str, str]] = []
    position = 0
    for match in _MARK.finditer(cell):
        if match.start() > position:
            spans.append(("=", html.unescape(cell[position : match.start()])))
        spans.append((changed_op, html.unescape(match.group(2))))
        position = match.end()
    if position < len(cell):
        spans.append(("=", html.unescape(cell[position:])))
    return [span for span in spans if span[1]]


def parse_table(text: str) -> list[RefRow]:
    """The rows of a ``wikidiff2_do_diff`` output, with line numbers worked out."""
    rows: list[RefRow] = []
    old_next = new_next = 1
    for row_match in _ROW.finditer(text):
        body = row_match.group(1)
        numbers = _LINENO.findall(body)
        if len(numbers) == 2:
            old_next, new_next = int(numbers[0]), int(numbers[1])
            continue
        cells = _CELL.findall(body)
        left = [(cls, content) for cls, content in cells if "diff-side-deleted" in cls]
        right = [(cls, content) for cls, content in cells if "diff-side-added" in cls]
        markers = [content for cls, content in cells if cls == "diff-marker"]
        left_cls, left_content = left[0] if left else ("", "")
        right_cls, right_content = right[0] if right else ("", "")
        names = _ANCHOR_NAME.findall(body)
        hrefs = _ANCHOR_HREF.findall("".join(markers))
        anchor = names[0] if names else None
        link = hrefs[0] if hrefs else None
        if "diff-context" in left_cls:
            rows.append(
                RefRow(
                    "context",
                    old_next,
                    new_next,
                    _side_spans(left_content, "-"),
                    _side_spans(right_content, "+"),
                )
            )
            old_next += 1
            new_next += 1
        elif "diff-deletedline" in left_cls and "diff-addedline" in right_cls:
            rows.append(
                RefRow(
                    "change",
                    old_next,
                    new_next,
                    _side_spans(left_content, "-"),
                    _side_spans(right_content, "+"),
                )
            )
            old_next += 1
            new_next += 1
        elif "diff-deletedline" in left_cls:
            kind = "move-from" if link else "delete"
            spans = _side_spans(left_content, "-")
            if kind == "delete" and not _MARK.search(left_content):
                spans = [("-", text) for _, text in spans]
            rows.append(RefRow(kind, old_next, None, spans, [], anchor, link))
            old_next += 1
        elif "diff-addedline" in right_cls:
            kind = "move-to" if link else "add"
            spans = _side_spans(right_content, "+")
            if kind == "add" and not _MARK.search(right_content):
                spans = [("+", text) for _, text in spans]
            rows.append(RefRow(kind, None, new_next, [], spans, anchor, link))
            new_next += 1
    # Resolve move partners through the anchors.
    by_anchor = {row.anchor: row for row in rows if row.anchor}
    for row in rows:
        partner = by_anchor.get(row.link) if row.link else None
        if partner is None:
            continue
        if row.type == "move-from":
            row.moved_to = partner.new_line
        elif row.type == "move-to":
            row.moved_from = partner.old_line
    return rows


@dataclass(slots=True)
class Agreement:
    """How closely a set of our diffs matches wikidiff2's, accumulated over cases."""

    cases: int = 0
    same_lines: int = 0  # cases where exactly the same lines are touched on both sides
    same_kinds: int = 0  # ... and each touched line is of the same kind (change/line/move)
    mark_tp: int = 0  # characters marked changed by both
    mark_fp: int = 0  # marked by us only
    mark_fn: int = 0  # marked by wikidiff2 only
    word_tp: int = 0  # the same, inside lines both show as a word-level change
    word_fp: int = 0
    word_fn: int = 0
    move_tp: int = 0  # (old line, new line) move pairs found by both
    move_fp: int = 0
    move_fn: int = 0
    differing: list[str] = field(default_factory=list)  # names of cases with other lines

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> float:
        return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)

    @property
    def line_rate(self) -> float:
        """Share of cases with identical changed-line sets."""
        return self.same_lines / self.cases if self.cases else 1.0

    @property
    def kind_rate(self) -> float:
        """Share of cases with identical changed lines and identical kinds of change."""
        return self.same_kinds / self.cases if self.cases else 1.0

    @property
    def mark_f1(self) -> float:
        """F1 of the characters marked as removed/added, over whole diffs."""
        return self._f1(self.mark_tp, self.mark_fp, self.mark_fn)

    @property
    def word_f1(self) -> float:
        """F1 of the characters marked inside lines both engines show as changed."""
        return self._f1(self.word_tp, self.word_fp, self.word_fn)

    @property
    def move_f1(self) -> float:
        """F1 of the moved-paragraph pairs."""
        return self._f1(self.move_tp, self.move_fp, self.move_fn)

    def summary(self) -> str:
        """One line per figure, for reports."""
        return (
            f"cases: {self.cases}\n"
            f"identical changed-line sets: {self.same_lines}/{self.cases}"
            f" ({100 * self.line_rate:.1f}%)\n"
            f"identical lines and kinds: {self.same_kinds}/{self.cases}"
            f" ({100 * self.kind_rate:.1f}%)\n"
            f"changed-character F1 (whole diffs): {self.mark_f1:.4f}\n"
            f"word-level F1 (lines changed in both): {self.word_f1:.4f}\n"
            f"move F1: {self.move_f1:.4f} (both {self.move_tp}, ours only {self.move_fp},"
            f" wikidiff2 only {self.move_fn})"
        )


_KIND = {
    "change": "change",
    "delete": "line",
    "add": "line",
    "move-from": "move",
    "move-to": "move",
}


def _marks(spans: list[tuple[str, str]], op: str, line: int, side: set[tuple[int, int]]) -> None:
    """Add (line, offset) for each character of ``op`` spans (offsets along that side)."""
    offset = 0
    for span_op, text in spans:
        if span_op not in ("=", op):
            continue
        if span_op == op:
            side.update((line, offset + k) for k in range(len(text)))
        offset += len(text)


def _profile(
    rows: list[RefRow],
) -> tuple[dict[int, str], dict[int, str], set[tuple[int, int]], set[tuple[int, int]]]:
    """Touched lines by kind on each side, and the marked characters of each side."""
    old_kinds: dict[int, str] = {}
    new_kinds: dict[int, str] = {}
    old_marks: set[tuple[int, int]] = set()
    new_marks: set[tuple[int, int]] = set()
    for row in rows:
        kind = _KIND.get(row.type)
        if kind is None:
            continue
        if row.old_line is not None and row.type != "move-to":
            old_kinds[row.old_line] = kind
            _marks(row.old_spans, "-", row.old_line, old_marks)
        if row.new_line is not None and row.type != "move-from":
            new_kinds[row.new_line] = kind
            _marks(row.new_spans, "+", row.new_line, new_marks)
    return old_kinds, new_kinds, old_marks, new_marks


def rows_from_result(rows: list[object]) -> list[RefRow]:
    """Our :class:`~wikitui.diff.model.DiffRow` objects in the reference's shape."""
    from wikitui.diff.model import DiffRow

    result: list[RefRow] = []
    for row in rows:
        assert isinstance(row, DiffRow)
        old_spans: list[tuple[str, str]] = [(op, text) for op, text in row.spans if op != "+"]
        new_spans: list[tuple[str, str]] = [(op, text) for op, text in row.spans if op != "-"]
        result.append(
            RefRow(
                row.type,
                row.old_line,
                row.new_line,
                old_spans if row.old_line is not None else [],
                new_spans if row.new_line is not None else [],
                moved_to=row.moved_to,
                moved_from=row.moved_from,
            )
        )
    return result


def compare(name: str, ours: list[RefRow], reference: list[RefRow], into: Agreement) -> None:
    """Add one case's comparison to ``into``."""
    ours_old, ours_new, ours_old_marks, ours_new_marks = _profile(ours)
    ref_old, ref_new, ref_old_marks, ref_new_marks = _profile(reference)
    into.cases += 1
    if ours_old.keys() == ref_old.keys() and ours_new.keys() == ref_new.keys():
        into.same_lines += 1
        if ours_old == ref_old and ours_new == ref_new:
            into.same_kinds += 1
    else:
        into.differing.append(name)
    for ours_marks, ref_marks in ((ours_old_marks, ref_old_marks), (ours_new_marks, ref_new_marks)):
        into.mark_tp += len(ours_marks & ref_marks)
        into.mark_fp += len(ours_marks - ref_marks)
        into.mark_fn += len(ref_marks - ours_marks)
    # Word level: only lines that both show as a change of the same line pair.
    ours_pairs = {(r.old_line, r.new_line) for r in ours if r.type == "change"}
    ref_pairs = {(r.old_line, r.new_line) for r in reference if r.type == "change"}
    both = ours_pairs & ref_pairs
    old_lines = {old for old, _ in both}
    new_lines = {new for _, new in both}
    for ours_marks, ref_marks, lines in (
        (ours_old_marks, ref_old_marks, old_lines),
        (ours_new_marks, ref_new_marks, new_lines),
    ):
        mine = {mark for mark in ours_marks if mark[0] in lines}
        theirs = {mark for mark in ref_marks if mark[0] in lines}
        into.word_tp += len(mine & theirs)
        into.word_fp += len(mine - theirs)
        into.word_fn += len(theirs - mine)
    ours_moves = {(r.old_line, r.moved_to) for r in ours if r.type == "move-from"}
    ref_moves = {(r.old_line, r.moved_to) for r in reference if r.type == "move-from"}
    into.move_tp += len(ours_moves & ref_moves)
    into.move_fp += len(ours_moves - ref_moves)
    into.move_fn += len(ref_moves - ours_moves)


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def reference_pairs(data: Path) -> list[tuple[str, Path, Path, Path]]:
    """(name, old text, new text, wikidiff2 table) for every case and real pair under ``data``.

    ``data`` is laid out as ``tests/data/wikidiff2``: ``cases/<id>/{old,new}.txt`` with
    ``wd2-ctx2.html``, and ``real/<page>/<rev>.txt`` with ``pairs.txt`` and
    ``<old>_<new>.ctx1.html``.
    """
    found: list[tuple[str, Path, Path, Path]] = []
    for case in sorted((data / "cases").iterdir()):
        if (case / "old.txt").exists():
            found.append(
                (f"cases/{case.name}", case / "old.txt", case / "new.txt", case / "wd2-ctx2.html")
            )
    for page in sorted((data / "real").iterdir()):
        for pair in (page / "pairs.txt").read_text().split("\n"):
            if pair.strip():
                old, new = pair.split()
                found.append(
                    (
                        f"real/{page.name}/{old}_{new}",
                        page / f"{old}.txt",
                        page / f"{new}.txt",
                        page / f"{old}_{new}.ctx1.html",
                    )
                )
    return found


def measure(data: Path, pairing: str = "similarity") -> dict[str, Agreement]:
    """Our engine against the stored wikidiff2 outputs: one :class:`Agreement` per group."""
    from wikitui.diff.engine import diff_texts

    groups: dict[str, Agreement] = {}
    for name, old, new, table in reference_pairs(data):
        result = diff_texts(_read(old), _read(new), None, pairing=pairing)  # type: ignore[arg-type]
        ours = rows_from_result([row for hunk in result.hunks for row in hunk.rows])
        compare(
            name,
            ours,
            parse_table(_read(table)),
            groups.setdefault(name.split("/")[0], Agreement()),
        )
    return groups
