"""Splitting texts into lines and lines into words, the way wikidiff2 does.

Lines are split on ``\\n`` only (as wikidiff2 does); a final newline does not start an empty
line, and a ``\\r`` before the newline (CRLF files) is not part of the line.

Words follow wikidiff2's ``TextUtil::explodeWords``: a *word* is a run of "letters", where a
letter is an ASCII letter, digit or ``_``, or any character from U+00C0 up, except for the
scripts written without spaces. Every other character (space, punctuation, ``[``, ``|``...) is
a token of its own. Where wikidiff2 splits Chinese and Japanese character by character, we do
the same, and we also split Thai, Lao, Khmer and Myanmar per character (wikidiff2 uses libthai's
dictionary for Thai, which this pure-Python engine does not have).
"""

from __future__ import annotations

import re

# Ranges of characters that are *not* letters even though they are >= U+00C0: scripts
# written without spaces between words, split one character per token.
_SPACELESS = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3000-\u9fff"  # CJK punctuation, kana, CJK ideographs (wikidiff2's range)
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0002a000"  # CJK extension B (wikidiff2's range)
)
# A letter: ASCII alphanumerics and "_", or anything from U+00C0 outside the ranges above.
_LETTER = (
    "0-9A-Za-z_"
    "\u00c0-\u0dff\u0f00-\u0fff\u10a0-\u177f\u1800-\u2fff\ua000-\uf8ff\ufb00-\uffff"
    "\U00010000-\U0001ffff\U0002a001-\U0010ffff"
)
# One token: a run of letters, or any single other character (including newlines).
_TOKEN = re.compile(f"[{_LETTER}]+|[^{_LETTER}]", re.DOTALL)
_SPACELESS_CHAR = re.compile(f"[{_SPACELESS}]")


def split_lines(text: str) -> list[str]:
    """The lines of a text without their terminators (``\\n`` or ``\\r\\n``).

    ``""`` has no lines; ``"a\\n"`` and ``"a"`` both have the single line ``"a"``;
    ``"a\\n\\n"`` has ``"a"`` and ``""``.
    """
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if "\r" in text:
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    return lines


def tokenize(line: str) -> list[str]:
    """The word-level tokens of one line; joined together they give the line back."""
    return _TOKEN.findall(line)


def is_word(token: str) -> bool:
    """True for tokens that count as words in the statistics (not spaces or punctuation)."""
    return token[:1].isalnum()


def has_spaceless_script(text: str) -> bool:
    """True when the text holds characters of scripts diffed one character at a time."""
    return _SPACELESS_CHAR.search(text) is not None
