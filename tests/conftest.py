"""Every test runs with its own cache folder, so no test reads or writes ~/.cache."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point $XDG_CACHE_HOME at a fresh folder (the index and fetched copies go there)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("WIKITUI_CACHE_MAX", raising=False)
    return folder
