"""How blame cuts wikitext: paragraphs, then sentences, then tokens.

Authorship is decided on the lower-cased text (:func:`fold`: a change of case keeps the
author, as in WikiWho), in three levels of units:

* **paragraphs** are separated by empty lines, and each table opens, closes and changes row
  on a line of its own (``{|``, ``|}``, ``|-``);
* **sentences** end at a line break, after ``.``/``;``/``?``/``!``/``:`` followed by a
  space, and around comments, ``<ref>`` tags and URLs;
* **tokens** are runs of letters and digits, or one other character, with ``[[``, ``]]``,
  ``{{``, ``}}``, ``<!--`` and ``-->`` kept whole. Whitespace is never part of a token.

Every cut falls on whitespace or between two tokens, so tokenising a text whole gives exactly
the tokens of its paragraphs' sentences in order: the history pass tokenises only what
changed, and a blame re-tokenises one revision with offsets and finds the same sequence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

TOKEN = re.compile(r"\[\[|\]\]|\{\{|\}\}|<!--|-->|[^\W_]+|\S")
TABLE_BREAK = re.compile(r"\n(?=[ \t]*(?:\{\||\|[-}]))|(?<=\|\})[ \t\r]*\n")
SENTENCE_BREAK = re.compile(
    r"(?<=\n)"  # every line
    r"|(?<=[^\s.=]{3}\.)(?=[ \t])"  # a full stop after a word of three or more
    r"|(?<=[;?!:])(?=[ \t])"
    r"|(?=<!--)|(?<=-->)"  # comments
    r"|(?=<ref[\s>/])|(?<=</ref>)"  # references
)
# A URL is a sentence of its own, up to a space, "|", "<" or ">" (and never cutting "-->").
URL = re.compile(r"(?<![^\W_])https?://(?:(?!-->)[^\s|<>])*")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text, stripped, empty ones dropped.

    (``str.split`` on blank lines, then a regular expression only where a table may be: a
    regular expression over the whole text costs a millisecond per revision.)
    """
    found: list[str] = []
    for part in text.split("\n\n"):
        if "{|" in part or "|-" in part or "|}" in part:
            found.extend(p for p in (piece.strip() for piece in TABLE_BREAK.split(part)) if p)
        else:
            part = part.strip()
            if part:
                found.append(part)
    return found


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, stripped, empty ones dropped."""
    if "http" not in paragraph:
        return _sentences(paragraph)
    found: list[str] = []
    position = 0
    for url in URL.finditer(paragraph):
        found.extend(_sentences(paragraph[position : url.start()]))
        found.append(url.group())
        position = url.end()
    found.extend(_sentences(paragraph[position:]))
    return found


def _sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in SENTENCE_BREAK.split(text)) if s]


def tokens(sentence: str) -> list[str]:
    """The tokens of a piece of text."""
    return TOKEN.findall(sentence)


def digest(unit: str) -> int:
    """A 64-bit hash of a paragraph or a sentence that stays the same across runs.

    (Python's ``hash`` of a string changes with every process, and the state is saved.)
    """
    return int.from_bytes(hashlib.blake2b(unit.encode("utf-8"), digest_size=8).digest(), "little")


def sentence_key(words: list[str]) -> int:
    """The digest of a sentence as its tokens (whitespace inside it does not count)."""
    return digest(" ".join(words))


def fold(text: str) -> str:
    """``text.lower()``, except that characters whose lower case is longer stay as they are.

    (``"İ".lower()`` is two code points; keeping every length lets offsets into the folded
    text be offsets into the text itself.)
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def token_offsets(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each token of a text, in code points (tokens cut from its fold)."""
    for match in TOKEN.finditer(fold(text)):
        yield match.span()
