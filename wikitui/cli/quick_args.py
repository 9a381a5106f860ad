"""The plain command lines of a command, parsed without argparse: a start-up shortcut.

``wikitui diff OLD NEW --json`` is run once per diff by scripts, so its start-up counts.
Importing argparse (with gettext, locale and shutil, which its help formatter pulls in) and
building the parser costs about 5 ms, an eighth of a whole diff of a 300 KB article. A
command can describe its options as a :class:`QuickSpec`; :func:`parse` then reads the
command lines that need no judgement (known options spelt in full, values that do not start
with ``-``, positionals in one run) into the namespace argparse would give, and answers
None for anything else: ``--help``, abbreviations, errors, ``--``, repeats, values that look
like options. The caller hands those to argparse, so help, errors and edge cases stay
argparse's own. ``tests/test_cli_quick_args.py`` holds the two parsers equal.
"""

from __future__ import annotations

from types import SimpleNamespace

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any


class QuickSpec:
    """What :func:`parse` needs to know of a command's arguments.

    ``positionals``: the destinations of the positional arguments in order, the first
    ``required`` of them required, the rest optional (``nargs="?"``, default None).
    ``flags``: option -> (destination, value stored); ``options``: option taking one value ->
    (destination, conversion, like argparse's ``type``); ``exclusive``: groups of options
    that may not be given together; ``defaults``: every destination's default, as argparse
    sets it.
    """

    __slots__ = ("defaults", "exclusive", "flags", "options", "positionals", "required")

    def __init__(
        self,
        positionals: Sequence[str],
        required: int,
        flags: dict[str, tuple[str, object]],
        options: dict[str, tuple[str, Callable[[str], Any] | None]],
        defaults: dict[str, object],
        exclusive: Sequence[frozenset[str]] = (),
    ) -> None:
        self.positionals = tuple(positionals)
        self.required = required
        self.flags = flags
        self.options = options
        self.defaults = defaults
        self.exclusive = tuple(exclusive)


def parse(spec: QuickSpec, arguments: Sequence[str]) -> SimpleNamespace | None:
    """The namespace argparse would make of ``arguments``, or None to leave them to argparse.

    None never means an error: it means "not a plain command line", and argparse decides.
    """
    values = dict(spec.defaults)
    seen: set[str] = set()
    positionals: list[str] = []
    run_ended = False  # positionals must come in one run (argparse's rule is subtler)
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        index += 1
        if not argument.startswith("-"):
            if run_ended:
                return None
            positionals.append(argument)
            continue
        if positionals:
            run_ended = True
        name, equals, explicit = argument.partition("=")
        if name in seen:
            return None
        seen.add(name)
        if name in spec.flags and not equals:
            destination, stored = spec.flags[name]
            values[destination] = stored
            continue
        if name not in spec.options:
            return None  # --help, --, an abbreviation, a typo, a negative number...
        if equals:
            value = explicit
        elif index < len(arguments):
            value = arguments[index]
            index += 1
        else:
            return None
        if not value or value.startswith("-"):
            return None
        destination, convert = spec.options[name]
        if convert is not None:
            try:
                converted = convert(value)
            except (TypeError, ValueError):
                return None
            values[destination] = converted
        else:
            values[destination] = value
    if not spec.required <= len(positionals) <= len(spec.positionals):
        return None
    if any(len(group & seen) > 1 for group in spec.exclusive):
        return None
    for destination, value in zip(spec.positionals, positionals, strict=False):
        values[destination] = value
    return SimpleNamespace(**values)
