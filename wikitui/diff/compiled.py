"""The diff engine's hot loops compiled (wikitui/diff/_speedups.c), when the build had them.

``speedups`` is None when the package was built without a C compiler, or when the
environment sets ``WIKITUI_PURE_PYTHON=1`` (to test the fallback): the callers then run the
same algorithms in Python, with the same results (the tests hold the two equal), slower.
"""

from __future__ import annotations

import os
from types import ModuleType

speedups: ModuleType | None = None
if not os.environ.get("WIKITUI_PURE_PYTHON"):
    try:
        from wikitui.diff import _speedups as speedups
    except ImportError:  # pragma: no cover - depends on the build
        speedups = None
