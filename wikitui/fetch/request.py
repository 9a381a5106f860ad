"""What the app is asked to fetch, and where fetched histories are kept.

:class:`FetchRequest` is built from the command line (``wikitui --site HOST TITLE``) or from the
palette's fetch prompt (:func:`parse_fetch_answer`), and carried to the fetching worker.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """A page to fetch from a live wiki into the cache and open."""

    title: str
    site: str = "en.wikipedia.org"
    api: str | None = None
    limit: int | None = 500

    @property
    def host(self) -> str:
        """The wiki's host name: the API URL's when given, else the site."""
        return urlsplit(self.api).netloc if self.api else self.site


def parse_fetch_answer(answer: str, default_site: str = "en.wikipedia.org") -> FetchRequest:
    """``Title`` or ``host:Title`` (``de.wikipedia.org:Birne``) as typed in the fetch prompt.

    A prefix counts as a host only when it has a dot and no space, so namespaced titles such
    as ``Talk:Pear`` or ``Wikipedia:Village pump`` stay titles.
    """
    head, _, rest = answer.strip().partition(":")
    if rest.strip() and "." in head and " " not in head:
        return FetchRequest(rest.strip(), head)
    return FetchRequest(answer.strip(), default_site)


def cache_dir(site: str) -> Path:
    """Where fetched histories are kept: ``$XDG_CACHE_HOME/wikitui/<site>/``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    safe = "".join(c if c.isalnum() or c in ".-_" else "_" for c in site) or "wiki"
    return Path(base) / "wikitui" / safe


__all__ = ["FetchRequest", "cache_dir", "parse_fetch_answer"]
