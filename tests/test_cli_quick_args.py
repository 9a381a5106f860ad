"""The quick parser of plain command lines (wikitui.cli.quick_args) against argparse.

Whatever the quick parser accepts must come out exactly as argparse makes it; whatever
argparse rejects (or answers with help) the quick parser must leave to argparse.
"""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitui.cli import build_parser
from wikitui.cli.diff_cmd import QUICK_ARGS
from wikitui.cli.quick_args import parse

# Options spelt in full, with '=', abbreviated, misspelt; values plain, empty, option-like.
WORDS = [
    "old.wiki",
    "new.wiki",
    "third",
    "history.xml",
    "",
    "-",
    "--",
    "-h",
    "--help",
    "-5",
    "--page",
    "--page=Pear",
    "--page=",
    "--pa",
    "--no-cache",
    "--no-cache=1",
    "--no",
    "--from",
    "--from=latest~2",
    "--to",
    "--to=latest",
    "latest~3",
    "101",
    "--context",
    "--context=all",
    "all",
    "0",
    "--inline",
    "--json",
    "--json=yes",
    "--js",
    "--width",
    "--width=40",
    "--width=x",
    " 12 ",
    "--color",
    "--no-color",
    "--colour",
    "a b",
    "-x y",
]


def argparse_result(arguments: list[str]) -> dict[str, object] | None:
    """What argparse makes of the arguments, or None when it exits (error or help)."""
    parser = build_parser("diff")
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            return vars(parser.parse_args(arguments))
    except SystemExit:
        return None


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=7))
def test_quick_parser_agrees_with_argparse(arguments: list[str]) -> None:
    quick = parse(QUICK_ARGS, arguments)
    if quick is None:
        return  # left to argparse: always allowed
    assert vars(quick) == argparse_result(arguments)


@pytest.mark.parametrize(
    "arguments",
    [
        ["old.wiki", "new.wiki", "--json"],
        ["--json", "old.wiki", "new.wiki"],
        ["history.xml"],
        ["history.xml", "--page", "Pear", "--from", "latest~3", "--to=101", "--no-cache"],
        ["old.wiki", "new.wiki", "--inline", "--width", "60", "--context=all", "--no-color"],
        ["old.wiki", "new.wiki", "--color", "--width= 70 "],
    ],
)
def test_plain_command_lines_skip_argparse(arguments: list[str]) -> None:
    quick = parse(QUICK_ARGS, arguments)
    assert quick is not None
    assert vars(quick) == argparse_result(arguments)


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["--help"],
        ["old.wiki", "--json", "new.wiki"],  # argparse's own rule for split positionals
        ["a", "b", "c"],
        ["old.wiki", "new.wiki", "--color", "--no-color"],
        ["old.wiki", "new.wiki", "--js"],
        ["old.wiki", "new.wiki", "--width", "wide"],
        ["old.wiki", "new.wiki", "--from", "-1"],
        ["old.wiki", "new.wiki", "--json", "--json"],
        ["--", "old.wiki"],
    ],
)
def test_other_command_lines_go_to_argparse(arguments: list[str]) -> None:
    assert parse(QUICK_ARGS, arguments) is None


def test_every_diff_option_is_known_to_the_quick_parser() -> None:
    """An option added to ``add_arguments`` must be added to ``QUICK_ARGS`` too."""
    parser = build_parser("diff")
    strings = set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", parser.format_usage()))
    assert strings - {"-h"} == set(QUICK_ARGS.flags) | set(QUICK_ARGS.options)
    assert vars(parser.parse_args(["x"])) == {**QUICK_ARGS.defaults, "source": "x"}
