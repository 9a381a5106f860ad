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
from collections.abc import Iterable
from operator import itemgetter

from wikitui.diff import compiled

# Letters are everything except ASCII punctuation, spaces, controls and U+0080-U+00BF: a
# negated class of a few small ranges, which compiles in well under a millisecond (start-up
# matters: ``wikitui diff`` is run once per diff by scripts). A token is one non-letter, or a
# run of letters; the single non-letter is tried first, as the more common token.
_TOKEN = re.compile("[\x00-/:-@\\[-^`{-\xbf]|.[^\x00-/:-@\\[-^`{-\xbf]*", re.DOTALL)
# Any character from the first spaceless script up: the search for one runs in C (``max``
# of a long line would compare every character in Python objects).
# (Written as a negated class: a positive class that wide takes milliseconds to compile.)
_HIGH = re.compile("[^\x00-\u0dff]")
# Scripts written without spaces between words are split one character per token. Their
# class is big to compile (about 2 ms), so it is built only when a line has one of them.
_SPACELESS_SOURCE = (
    "[\u0e00-\u0eff]"  # Thai, Lao
    "|[\u1000-\u109f]"  # Myanmar
    "|[\u1780-\u17ff]"  # Khmer
    "|[\u3000-\u9fff]"  # CJK punctuation, kana, CJK ideographs (wikidiff2's range)
    "|[\uf900-\ufaff]"  # CJK compatibility ideographs
    "|[\U00020000-\U0002a000]"  # CJK extension B (wikidiff2's range)
)
_spaceless: re.Pattern[str] | None = None


def _spaceless_pattern() -> re.Pattern[str]:
    global _spaceless
    if _spaceless is None:
        _spaceless = re.compile(_SPACELESS_SOURCE)
    return _spaceless


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


def _is_spaceless(char: str) -> bool:
    """True for a character of the scripts split per character (the ranges of _SPACELESS_SOURCE)."""
    code = ord(char)
    if code < 0x3000:
        return 0x0E00 <= code <= 0x0EFF or 0x1000 <= code <= 0x109F or 0x1780 <= code <= 0x17FF
    return code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2A000


def tokenize(line: str) -> list[str]:
    """The word-level tokens of one line; joined together they give the line back."""
    split = compiled.speedups
    tokens = _TOKEN.findall(line) if split is None else split.split_words(line)
    if line.isascii():
        return tokens
    # Characters that high are rare outside the spaceless scripts themselves (a Vietnamese
    # name, a symbol): look at them one by one before compiling the spaceless class.
    if not any(map(_is_spaceless, set(_HIGH.findall(line)))):
        return tokens
    spaceless = _spaceless_pattern()
    result: list[str] = []
    for token in tokens:
        if len(token) == 1 or spaceless.search(token) is None:
            result.append(token)
            continue
        run = ""  # letters of spaced scripts stay together between the spaceless ones
        for char in token:
            if spaceless.match(char):
                if run:
                    result.append(run)
                    run = ""
                result.append(char)
            else:
                run += char
        if run:
            result.append(run)
    return result


def count_words(tokens: Iterable[str]) -> int:
    """How many of these (non-empty) tokens count as words in the statistics: those starting
    with a letter or digit, not spaces or punctuation."""
    # Both maps are built-ins, so the loop runs in C: statistics count every changed token.
    return sum(map(str.isalnum, map(itemgetter(0), tokens)))


def utf8_size(text: str) -> int:
    """The size of a text in UTF-8 bytes, as wikidiff2 measures lines."""
    return len(text) if text.isascii() else len(text.encode("utf-8"))
