"""The public JSON form of a diff (``wikitui diff --json``): plain dicts and lists.

Schema::

    {"from": {...}, "to": {...},
     "stats": {"words_added", "words_removed", "chars_added", "chars_removed", "bytes_delta",
               "lines_added", "lines_removed", "lines_changed", "paragraphs_moved"},
     "notes": ["..."],
     "hunks": [{"old_line", "new_line", "section",
                "rows": [{"type", "old_line", "new_line", "spans": [[op, text], ...],
                          "moved_to" (move-from rows) | "moved_from" (move-to rows)}]}]}

``from``/``to`` are the revisions' ``wikitui list --json`` fields, or ``{"path": ...}`` for
plain files. Kept free of heavy imports: the CLI's ``--json`` path loads only this.
"""

from __future__ import annotations

from wikitui.diff.model import DiffResult, DiffRow

try:  # the C string encoder json.encoder uses, without importing json's decoder at start-up
    from _json import encode_basestring as _string
except ImportError:  # pragma: no cover - Pythons without the C accelerator
    from json.encoder import py_encode_basestring as _string

TYPE_CHECKING = False  # typing is not imported at run time (see wikitui.diff.model)
if TYPE_CHECKING:
    from typing import Any


def row_to_json(row: DiffRow) -> dict[str, Any]:
    """One row: type, 1-based line numbers (or null), spans as ``[op, text]`` pairs."""
    data: dict[str, Any] = {
        "type": row.type,
        "old_line": row.old_line,
        "new_line": row.new_line,
        "spans": [[op, text] for op, text in row.spans],
    }
    if row.type == "move-from":
        data["moved_to"] = row.moved_to
    elif row.type == "move-to":
        data["moved_from"] = row.moved_from
    return data


def diff_to_json(
    result: DiffResult, from_info: dict[str, Any] | None, to_info: dict[str, Any]
) -> dict[str, Any]:
    """The whole diff in the documented schema, ready for ``json.dump``.

    ``from_info`` is None (JSON null) when there is no old revision: a page creation.
    """
    return {
        "from": from_info,
        "to": to_info,
        "stats": result.stats.as_dict(),
        "notes": list(result.notes),
        "hunks": [
            {
                "old_line": hunk.old_line,
                "new_line": hunk.new_line,
                "section": hunk.section,
                "rows": [row_to_json(row) for row in hunk.rows],
            }
            for hunk in result.hunks
        ],
    }


def diff_json_text(
    result: DiffResult, from_info: dict[str, Any] | None, to_info: dict[str, Any]
) -> str:
    """``json.dumps(diff_to_json(...), ensure_ascii=False, indent=1)``: the same text, written
    straight from the diff (what ``wikitui diff --json`` prints, less its final newline).

    The hunks are most of the text and always have the same shape, so they are written as
    pieces of fixed templates (the indents set by their depth), joined once, instead of
    being turned into dicts and walked; the head goes through :func:`dumps_indented`.
    """
    head = dumps_indented(
        {
            "from": from_info,
            "to": to_info,
            "stats": result.stats.as_dict(),
            "notes": list(result.notes),
        }
    )[:-2]  # without its closing "\n}"
    if not result.hunks:
        return head + ',\n "hunks": []\n}'
    string, number = _string, _number
    pieces = [head, ',\n "hunks": [']
    add = pieces.append
    hunk_separator = "\n  "
    for hunk in result.hunks:
        section = "null" if hunk.section is None else string(hunk.section)
        add(
            f'{hunk_separator}{{\n   "old_line": {number(hunk.old_line)},'
            f'\n   "new_line": {number(hunk.new_line)},\n   "section": {section},\n   "rows": '
        )
        hunk_separator = ",\n  "
        if not hunk.rows:
            add("[]\n  }")
            continue
        row_separator = "[\n    "
        for row in hunk.rows:
            kind = row.type
            add(
                f'{row_separator}{{\n     "type": {string(kind)},'
                f'\n     "old_line": {number(row.old_line)},'
                f'\n     "new_line": {number(row.new_line)},\n     "spans": '
            )
            row_separator = ",\n    "
            if row.spans:
                span_separator = "[\n      "
                for op, text in row.spans:
                    add(span_separator)
                    add(_SPAN_OPENINGS.get(op) or f"[\n       {string(op)},\n       ")
                    add(string(text))
                    span_separator = "\n      ],\n      "
                add("\n      ]\n     ]")
            else:
                add("[]")
            if kind == "move-from":
                add(',\n     "moved_to": ' + number(row.moved_to))
            elif kind == "move-to":
                add(',\n     "moved_from": ' + number(row.moved_from))
            add("\n    }")
        add("\n   ]\n  }")
    add("\n ]\n}")
    return "".join(pieces)


#: A span's opening up to its text, by operation, as it stands in the whole diff.
_SPAN_OPENINGS = {op: f'[\n       "{op}",\n       ' for op in ("=", "-", "+")}


def _number(value: int | None) -> str:
    """A line number as JSON: ``null`` or the integer (what ``json.dumps`` writes)."""
    return "null" if value is None else int.__repr__(value)


def dumps_indented(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=1)``, the same text, in half the time.

    The standard encoder writes indented JSON with its pure-Python generator, one small
    piece per value; a big diff has tens of thousands. Here strings go through the C string
    encoder and the pieces are joined once; ints, None and booleans are written directly.
    Other values are left to ``json.dumps`` (floats; anything else raises ``TypeError``).
    """
    pieces: list[str] = []
    add = pieces.append

    def key_text(key: Any) -> str:
        # json turns None, booleans and numbers used as keys into their JSON text.
        return _string(key if isinstance(key, str) else _other(key))

    def encode(value: Any, pad: str) -> None:
        if isinstance(value, str):
            add(_string(value))
        elif type(value) is int:  # line numbers and counts: what json.dumps writes for them
            add(int.__repr__(value))
        elif value is None:
            add("null")
        elif isinstance(value, dict):
            if not value:
                add("{}")
                return
            inner = pad + " "
            separator = "{\n" + inner
            for key, item in value.items():
                add(separator + key_text(key) + ": ")
                separator = ",\n" + inner
                encode(item, inner)
            add("\n" + pad + "}")
        elif isinstance(value, list | tuple):
            if not value:
                add("[]")
                return
            inner = pad + " "
            separator = "[\n" + inner
            for item in value:
                add(separator)
                separator = ",\n" + inner
                encode(item, inner)
            add("\n" + pad + "]")
        else:
            add(_other(value))

    encode(data, "")
    return "".join(pieces)


def _other(value: Any) -> str:
    """What ``json.dumps`` writes for a value that is not a string, int, None or container."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    import json  # (floats and the unexpected: json.dumps says, or raises TypeError)

    return json.dumps(value)
