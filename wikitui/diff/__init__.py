"""The diff engine: lines aligned first, words inside paired lines, moves detected.

Pure Python, no Textual. ``diff_texts(old, new, context=2)`` returns a
:class:`~wikitui.diff.model.DiffResult`; ``context=None`` keeps every line.
``diff_to_json(result, from_info, to_info)`` gives the public ``--json`` form.
"""

from wikitui.diff.engine import diff_texts
from wikitui.diff.json_form import diff_to_json
from wikitui.diff.model import DiffResult, DiffRow, DiffStats, Hunk, RowType, Span, SpanOp

__all__ = [
    "DiffResult",
    "DiffRow",
    "DiffStats",
    "Hunk",
    "RowType",
    "Span",
    "SpanOp",
    "diff_texts",
    "diff_to_json",
]
