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

from typing import Any

from wikitui.diff.model import DiffResult, DiffRow


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


def dumps_indented(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=1)``, the same text, in half the time.

    The standard encoder writes indented JSON with its pure-Python generator, one small
    piece per value; a big diff has tens of thousands. Here strings go through the C string
    encoder and the pieces are joined once; ints and None are written directly. Other values
    are left to ``json.dumps`` (floats, booleans; anything else raises ``TypeError``).
    """
    import json
    from json.encoder import encode_basestring

    pieces: list[str] = []
    add = pieces.append

    def key_text(key: Any) -> str:
        # json turns None, booleans and numbers used as keys into their JSON text.
        return encode_basestring(key if isinstance(key, str) else json.dumps(key))

    def encode(value: Any, pad: str) -> None:
        if isinstance(value, str):
            add(encode_basestring(value))
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
            add(json.dumps(value))

    encode(data, "")
    return "".join(pieces)
