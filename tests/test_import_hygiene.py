"""The core must not import Textual: it is used by the CLI, scripts and tests on its own.

Every module of the package is checked except the app's own layers (the App class, its
screens, widgets and workers), so a new core module is covered without being listed here.
"""

import pkgutil
import subprocess
import sys

import pytest

import wikitui

UI_PREFIXES = ("wikitui.app", "wikitui.screens", "wikitui.widgets", "wikitui.workers")


def core_modules() -> list[str]:
    """Every wikitui module outside the app's own layers."""
    names = ["wikitui"]
    for info in pkgutil.walk_packages(wikitui.__path__, prefix="wikitui."):
        if not info.name.startswith(UI_PREFIXES) and not info.name.endswith("__main__"):
            names.append(info.name)
    return sorted(names)


def test_the_core_is_found() -> None:
    modules = core_modules()
    for expected in ("wikitui.model", "wikitui.diff", "wikitui.render", "wikitui.cli.diff_cmd"):
        assert expected in modules


def test_core_modules_do_not_import_textual() -> None:
    modules = core_modules()
    imports = "; ".join(f"import {name}" for name in modules)
    code = f"import sys; {imports}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False", f"one of {modules} imports textual"


@pytest.mark.parametrize("module", ["wikitui.model", "wikitui.sources", "wikitui.diff"])
def test_each_core_package_alone_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
