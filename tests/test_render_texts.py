"""The renderer's text runs make the same rich Texts as rich's own appends."""

from __future__ import annotations

import pytest
from rich.control import strip_control_codes
from rich.style import Style
from rich.text import Text

from wikitui.render.texts import TextRun, made_text, new_text, sanitized
from wikitui.render.tidy import tidy

BOLD = Style(bold=True)
LINK = Style(underline=True, meta={"wikilink": "Pear"})
PIECES = [
    ("Pears ", BOLD),
    ("are ", None),
    ("", BOLD),
    ("Kraków\r\x07 fruit\x0b\x0c\x08", LINK),
    ("  \n ", BOLD),
    ("carriage\rreturn", BOLD),
    ("tail  ", BOLD),
]


def _same(ours: Text, theirs: Text) -> None:
    assert ours.plain == theirs.plain
    assert ours.spans == theirs.spans
    assert len(ours) == len(theirs)
    assert ours.style == theirs.style
    assert ours.end == theirs.end and ours.justify == theirs.justify
    # Every field rich's Text has (made_text sets them itself): none missing, none different.
    for field in Text.__slots__:
        assert getattr(ours, field) == getattr(theirs, field), field


def test_sanitized_strips_exactly_what_rich_strips() -> None:
    for code in range(0x3000):
        value = f"a{chr(code)}b"
        assert sanitized(value) == strip_control_codes(value), hex(code)
    assert sanitized("plain words") == "plain words"


@pytest.mark.parametrize("value", ["", "Pear", "a\rb\x07c", "Łódź\x0c"])
def test_new_text_is_rich_text(value: str) -> None:
    _same(new_text(value, BOLD), Text(value, BOLD))
    _same(made_text(sanitized(value)), Text(value))


@pytest.mark.parametrize("rstrip", [False, True])
def test_run_makes_the_text_rich_appends_make(rstrip: bool) -> None:
    run = TextRun()
    text = Text()
    inner = Text("cited ", style=BOLD)
    inner.append("work", LINK)
    for value, style in PIECES:
        run.append(value, style)
        text.append(value, style)
        if value == "are ":
            run.append_text(inner)
            text.append_text(inner)
    run.rstrip()
    text.rstrip()
    run.append(" more \n\n", LINK)
    text.append(" more \n\n", LINK)
    if rstrip:
        text.rstrip()
    _same(run.text(rstrip=rstrip), text)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Quoi ?", "Quoi\xa0?"),
        ("Oui ! Non !", "Oui\xa0! Non\xa0!"),
        ("Note : voir ; ici", "Note\xa0: voir\xa0; ici"),
        ("50 %", "50\xa0%"),
        ("« Bonjour » et ‹ toi ›", "«\xa0Bonjour\xa0» et ‹\xa0toi\xa0›"),
        ("a ?b", "a ?b"),  # no word boundary after the mark: kept apart
        ("http://x.org/?a=1 :)", "http://x.org/?a=1\xa0:)"),
        ("no marks here", "no marks here"),
        ("?!:;% »", "?!:;% »"),  # no word before the space
    ],
)
def test_tidy_keeps_french_spacing_with_its_word(value: str, shown: str) -> None:
    assert tidy(value) == shown
