"""Fetching page histories from a live wiki's Action API.

:func:`fetch_history` downloads a page's revisions (newest first, up to a limit) and writes
them as a MediaWiki XML export (schema 0.11) that every wikitui command and other dump tools
can open offline; fetching into an existing export of the same page adds only the newer
revisions. Pure core: no Textual here.
"""

from wikitui.fetch.client import USER_AGENT, RetryPolicy, api_url_for
from wikitui.fetch.history import FetchResult, default_output_name, fetch_history, parse_since

__all__ = [
    "USER_AGENT",
    "FetchResult",
    "RetryPolicy",
    "api_url_for",
    "default_output_name",
    "fetch_history",
    "parse_since",
]
