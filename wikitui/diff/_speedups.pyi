"""Types of the diff engine's compiled loops (wikitui/diff/_speedups.c)."""

from collections.abc import Hashable, Sequence

def leftmost_flags(a: str, b: str, /) -> tuple[list[bool], list[bool]]:
    """Change flags of a longest common subsequence preferring the earliest matches."""

def lcs_length(a: str, b: str, /) -> int:
    """Length of a longest common subsequence of two code strings."""

def split_words(line: str, /) -> list[str]:
    """The runs of letters and the single other characters of a line (tokens._TOKEN)."""

def shared_weight(a: dict[str, int], b: dict[str, int], /) -> int:
    """The sum, over the keys both dicts have, of the smaller of their two values."""

def encode(items: Sequence[Hashable], codes: dict[Hashable, str], /) -> str:
    """One character per item; new items get the next code (as align._Codes numbers them)."""

def spans_from_flags(
    tokens_a: list[str], tokens_b: list[str], a_changed: list[bool], b_changed: list[bool], /
) -> list[tuple[str, str]]:
    """Spans of a line pair from its per-token change flags (spans.spans_from_flags)."""

def spans_similarity(spans: list[tuple[str, str]], /) -> float:
    """wikidiff2's similarity of a line pair from its spans (spans.spans_similarity)."""

def shift_boundaries(items: str, changed: list[bool], other_changed: list[bool], /) -> None:
    """Slide runs of changes over identical neighbours, in place (boundaries.shift_boundaries)."""
