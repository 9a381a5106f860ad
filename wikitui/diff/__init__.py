"""The diff engine: lines aligned first, words inside paired lines, moves detected.

Pure Python, no Textual. ``diff_texts(old, new, context=2)`` returns a
:class:`~wikitui.diff.model.DiffResult`; ``context=None`` keeps every line.
"""

from wikitui.diff.model import DiffResult, DiffRow, DiffStats, Hunk, RowType, Span, SpanOp

__all__ = ["DiffResult", "DiffRow", "DiffStats", "Hunk", "RowType", "Span", "SpanOp"]
