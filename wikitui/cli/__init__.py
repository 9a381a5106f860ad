"""The ``wikitui`` command line: ``list``, ``diff``, ``render``, ``blame``, ``fetch``,
``search``, ``index``, ``cache``, or the app.

Each command lives in its own module exposing ``add_arguments(parser)`` and ``run(args)``;
only the command that runs is imported, so ``wikitui diff`` never pays for Textual.
"""

from __future__ import annotations

import importlib
import os
import sys

from wikitui import __version__
from wikitui.errors import WikituiError

TYPE_CHECKING = False  # typing is not imported at run time: `wikitui diff` starts faster
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from types import ModuleType, SimpleNamespace

COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("wikitui.cli.list_cmd", "list a page history, newest first"),
    "diff": ("wikitui.cli.diff_cmd", "show what an edit changed, like the wiki's diff page"),
    "render": ("wikitui.cli.render_cmd", "render a revision's wikitext as an article"),
    "blame": ("wikitui.cli.blame_cmd", "show which revision wrote each part of a revision"),
    "fetch": ("wikitui.cli.fetch_cmd", "download a page history from a wiki into an XML export"),
    "search": ("wikitui.cli.search_cmd", "find the revisions that added or removed a text"),
    "index": ("wikitui.cli.index_cmd", "build the indexes of sources ahead of time"),
    "cache": ("wikitui.cli.cache_cmd", "list the indexes kept in the cache, or clear them"),
}
APP_MODULE = "wikitui.cli.app_cmd"


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name][0] if name in COMMANDS else APP_MODULE)


def build_parser(command: str | None) -> argparse.ArgumentParser:
    """The parser for one command, or for the app (``command`` None) with the commands listed."""
    import argparse  # not at the top: plain `wikitui diff` command lines do without it

    if command is not None:
        module = _command_module(command)
        parser = argparse.ArgumentParser(
            prog=f"wikitui {command}",
            description=(module.__doc__ or COMMANDS[command][1]).strip().splitlines()[0],
            epilog=getattr(module, "EPILOG", None),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(parser)
        return parser
    listing = "\n".join(f"  {name:<8} {help_}" for name, (_, help_) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="wikitui",
        description="Browse MediaWiki revision histories in the terminal.",
        epilog=(
            f"commands:\n{listing}\n\n"
            "Run 'wikitui COMMAND --help' for a command's options. With no command, wikitui\n"
            "opens the app on the given sources (no source: the bundled sample history)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"wikitui {__version__}")
    _command_module("app").add_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wikitui`` console script; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = args_list[0] if args_list and args_list[0] in COMMANDS else None
    # A plain command line is read without argparse (start-up: see wikitui.cli.quick_args).
    quick = _quick_arguments(command, args_list[1:]) if command else None
    args: argparse.Namespace | SimpleNamespace = (
        quick
        if quick is not None
        else build_parser(command).parse_args(args_list[1:] if command else args_list)
    )
    if sys.stdout is None:  # started with stdout closed (`wikitui list f >&-`)
        print("wikitui: cannot write the output: standard output is closed", file=sys.stderr)
        return 1
    try:
        status: int = _command_module(command or "app").run(args)
        sys.stdout.flush()  # a full disk is reported here, not by the interpreter at exit
        if argv is None and command == "diff" and args.new_file is not None:
            _end_process(status)
        return status
    except WikituiError as error:
        print(f"wikitui: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("wikitui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`wikitui list big.xml | head`): not an error of ours.
        _discard_stdout()
        return 0
    except OSError as error:
        if error.filename is not None or not _is_stdout_error(error):
            raise
        _discard_stdout()  # what is still buffered cannot be written either
        reason = error.strerror or str(error)
        print(f"wikitui: cannot write the output: {reason}", file=sys.stderr)
        return 1


def _quick_arguments(command: str, arguments: list[str]) -> SimpleNamespace | None:
    """A plain command line of a command that offers it (``QUICK_ARGS``, see
    :mod:`wikitui.cli.quick_args`) read without argparse; None otherwise."""
    spec = getattr(_command_module(command), "QUICK_ARGS", None)
    if spec is None:
        return None
    from wikitui.cli.quick_args import parse

    return parse(spec, arguments)


def _end_process(status: int) -> None:
    """End the process now, skipping the interpreter's teardown: for commands that are done.

    ``wikitui diff OLD NEW`` is run once per diff by scripts; tearing the interpreter down
    (freeing every module and object, a last collection) takes 2-3 ms of a 30 ms diff. A
    two-file diff has nothing to close or commit: its output is flushed here. Only when
    ``main`` is the process's entry point (``argv`` None), never when called in process.
    """
    sys.stderr.flush()
    os._exit(status)


def _is_stdout_error(error: OSError) -> bool:
    """Whether an OSError without a file name came from writing stdout (``> /dev/full``)."""
    import errno

    return error.errno in (errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, errno.EDQUOT)


def _discard_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)
