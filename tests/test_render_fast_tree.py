"""The renderer's parse tree (wikitui.render.fast_tree) is mwparserfromhell's own, node for node.

Every text the render tests parse is checked by running those tests again with this module
as a pytest plugin: its autouse fixture then wraps every parse in every test, comparing the
fast tree with ``mwparserfromhell.parse``'s. Run here on its own, the fixture wraps only
this module's tests.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mwparserfromhell
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from wikitui.render import fast_tree, render_wikitext

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data" / "render"
CHECKED = {"parses": 0}
FAST_PARSE = fast_tree.parse


def shape(code: Wikicode | None) -> Any:
    """Everything the public API says of a tree, nested: node types and their properties."""
    if code is None:
        return None
    assert isinstance(code, Wikicode)
    return (str(code), [node_shape(node) for node in code.nodes])


def node_shape(node: object) -> Any:
    kind = type(node).__name__
    if isinstance(node, Text):
        return (kind, node.value)
    if isinstance(node, Template):
        params = [(shape(p.name), shape(p.value), p.showkey, str(p)) for p in node.params]
        return (kind, shape(node.name), params)
    if isinstance(node, Argument):
        return (kind, shape(node.name), shape(node.default))
    if isinstance(node, Wikilink):
        return (kind, shape(node.title), shape(node.text))
    if isinstance(node, ExternalLink):
        return (kind, shape(node.url), shape(node.title), node.brackets, node.suppress_space)
    if isinstance(node, Heading):
        return (kind, shape(node.title), node.level)
    if isinstance(node, Comment):
        return (kind, node.contents)
    if isinstance(node, HTMLEntity):
        return (kind, node.value, node.named, node.hexadecimal, node.hex_char)
    if isinstance(node, Tag):
        attributes = [
            (
                shape(a.name),
                shape(a.value),
                a.quotes,
                a.pad_first,
                a.pad_before_eq,
                a.pad_after_eq,
                str(a),
            )
            for a in node.attributes
        ]
        return (
            kind,
            shape(node.tag),
            shape(node.contents),
            attributes,
            node.wiki_markup,
            node.self_closing,
            node.invalid,
            node.implicit,
            node.padding,
            shape(node.closing_tag),
            node.closing_tag is node.tag,
            node.wiki_style_separator,
            node.closing_wiki_markup,
        )
    raise AssertionError(f"a node type the test does not know: {kind}")


def assert_same_tree(text: str) -> None:
    """The fast tree of ``text`` is the library's: by its public shape and attribute for
    attribute (fast_tree.same_objects)."""
    try:
        theirs = mwparserfromhell.parse(text, skip_style_tags=False)
    except RecursionError:
        with pytest.raises(RecursionError):
            fast_tree.build_tree(text)
        return
    mine = fast_tree.build_tree(text)
    assert shape(mine) == shape(theirs)
    assert fast_tree.same_objects(mine, theirs)


@pytest.fixture(autouse=True)
def _every_parse_compared(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Wrap the renderer's parse so each text it parses is compared with the library's."""

    def checked(text: str) -> Wikicode:
        assert_same_tree(text)
        CHECKED["parses"] += 1
        return FAST_PARSE(text)

    monkeypatch.setattr(fast_tree, "parse", checked)
    yield


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Loaded as a plugin: say how many parses the wrapper compared."""
    terminalreporter.write_line(f"fast_tree: {CHECKED['parses']} parses compared")


def test_the_fast_builder_is_used_with_this_library() -> None:
    assert fast_tree.usable()


@pytest.mark.parametrize("path", sorted(DATA.glob("*.wiki")), ids=lambda p: p.name)
def test_test_articles(path: Path) -> None:
    assert_same_tree(path.read_text(encoding="utf-8"))


def test_bench_articles() -> None:
    sys.path.insert(0, str(TESTS.parent / "bench"))
    try:
        from bench_render import grown
    finally:
        sys.path.remove(str(TESTS.parent / "bench"))
    anarchism = (DATA / "anarchism-2010.wiki").read_text(encoding="utf-8")
    assert_same_tree(grown(anarchism, 150_000))
    assert_same_tree(grown(anarchism, 410_000))


PIECES = [
    *"{}[]|=<>/'\"&#;!-*: \n\tx",
    "{{",
    "}}",
    "{{{",
    "}}}",
    "[[",
    "]]",
    "[http://e.org ",
    "http://f.org/a?b=c ",
    "<ref",
    "</ref>",
    "<ref name=",
    " group='g'",
    ' lang="a b"',
    " a=b c",
    "<br/>",
    "<br>",
    "<div style=x>",
    "</div>",
    "<nowiki>",
    "</nowiki>",
    "<!--",
    "-->",
    "''",
    "'''",
    "&amp;",
    "&#65;",
    "&#x41;",
    "\n==",
    "==\n",
    "\n{|",
    "\n|-",
    "\n|}",
    "\n! ",
    " || ",
    "\n* ",
    "\n; ",
    "\n----\n",
    "{{t|1=a|b|k = v}}",
    "[[a|b]]",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_generated_wikitext(text: str) -> None:
    assert_same_tree(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    assert_same_tree(text)


def test_every_render_test_parse(tmp_path: Path) -> None:
    """The render tests again, with this module's fixture wrapping every parse in them."""
    tests = sorted(str(p) for p in TESTS.glob("test_render_*.py") if p.name != Path(__file__).name)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", Path(__file__).stem, *tests],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=560,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
    compared = re.search(r"fast_tree: (\d+) parses compared", done.stdout)
    assert compared is not None, done.stdout[-3000:]
    assert int(compared.group(1)) > 500


@pytest.fixture
def usable_checked_again() -> Iterator[None]:
    """``fast_tree.usable`` decided afresh in the test, and again after it."""
    fast_tree.usable.cache_clear()
    yield
    fast_tree.usable.cache_clear()


@pytest.mark.usefixtures("usable_checked_again")
def test_an_unchecked_version_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mwparserfromhell, "__version__", "0.8.0")
    assert not fast_tree.usable()
    assert_fallback(monkeypatch)


@pytest.mark.usefixtures("usable_checked_again")
def test_a_changed_node_class_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library whose Wikilink keeps another attribute is not built for: the probe sees it."""
    original = Wikilink.__init__

    def init(self: Wikilink, title: Any, text: Any = None) -> None:
        original(self, title, text)
        self._anchor = None  # type: ignore[attr-defined]

    monkeypatch.setattr(Wikilink, "__init__", init)
    assert not fast_tree.usable()
    assert_fallback(monkeypatch)


def assert_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the fast builder not usable, the library parses and the page renders as before."""
    monkeypatch.setattr(fast_tree, "parse", FAST_PARSE)  # no comparing wrapper here
    calls = []
    library_parse = mwparserfromhell.parse

    def spy(text: str, **kwargs: Any) -> Wikicode:
        calls.append(text)
        return library_parse(text, **kwargs)

    monkeypatch.setattr(mwparserfromhell, "parse", spy)
    text = (DATA / "pear-2014.wiki").read_text(encoding="utf-8")
    fallen_back = render_wikitext(text, title="Pear").plain_text()
    assert text in calls
    monkeypatch.undo()
    fast_tree.usable.cache_clear()
    assert fast_tree.usable()
    assert render_wikitext(text, title="Pear").plain_text() == fallen_back
