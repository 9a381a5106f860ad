"""The core must not import Textual: it is used by the CLI, scripts and tests on its own."""

import subprocess
import sys

import pytest

CORE_MODULES = [
    "wikitui.model",
    "wikitui.sections",
    "wikitui.errors",
    "wikitui.diff",
    "wikitui.render",
    "wikitui.sources",
    "wikitui.fetch",
    "wikitui.cli",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
