"""The Action API's JSON answers read into wikitui's records.

The first answer (``prop=info`` with ``meta=siteinfo``) names the page a title resolves to
and the site; each ``prop=revisions`` answer holds a batch of revisions. Anything that is
JSON but not shaped like MediaWiki's becomes a one-line :class:`FetchError`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from wikitui.errors import FetchError
from wikitui.fetch.client import ApiClient
from wikitui.fetch.export import ExportRevision, PageInfo, SiteInfo, is_ip_address
from wikitui.model import Revision


@contextlib.contextmanager
def api_shape(session: ApiClient) -> Iterator[None]:
    """Turn a response that is JSON but not shaped like MediaWiki's into a one-line error."""
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as error:
        raise FetchError(
            f"{session.api_url} answered in a shape wikitui does not understand "
            f"({type(error).__name__}: {error}); is it a MediaWiki API?"
        ) from None


@dataclass(slots=True)
class ResolvedPage:
    """The page found by the first request."""

    page: PageInfo
    site: SiteInfo
    latest: int | None
    normalized_from: str | None
    redirected_from: str | None


def resolve_page(api: ApiClient, title: str, follow_redirects: bool) -> ResolvedPage:
    """First request: the page's identity, its model and latest revision, the site's info."""
    params = {
        "action": "query",
        "prop": "info",
        "titles": title,
        "meta": "siteinfo",
        "siprop": "general|namespaces",
    }
    if follow_redirects:
        params["redirects"] = "1"
    data = api.query(params)
    query = data.get("query")
    if not isinstance(query, dict):
        raise FetchError(f"{api.api_url} answered without a 'query' object: is it a MediaWiki API?")
    normalized_from = None
    current = title
    for item in query.get("normalized", []):
        if item.get("from") == current:
            normalized_from, current = current, str(item.get("to"))
    redirected_from = None
    for item in query.get("redirects", []):
        if item.get("from") == current:
            redirected_from, current = current, str(item.get("to"))
    interwiki = query.get("interwiki") or []
    if interwiki:
        prefix = interwiki[0].get("iw", "?")
        raise FetchError(
            f"{title!r} is an interwiki link (prefix {prefix!r}), not a page on {api.host}; "
            "use --site or --api for that wiki"
        )
    pages = query.get("pages") or []
    if not pages:
        raise FetchError(f"{api.host} returned no page for {title!r}")
    page = pages[0]
    shown = page.get("title", current)
    if page.get("invalid"):
        reason = page.get("invalidreason", "invalid title")
        raise FetchError(f"bad title {title!r}: {reason}")
    if page.get("special") or page.get("ns", 0) < 0:
        raise FetchError(f"{shown!r} is a special page on {api.host}: it has no history")
    if page.get("missing"):
        via = f" (redirected from {redirected_from!r})" if redirected_from else ""
        raise FetchError(f"no page titled {shown!r} on {api.host}{via}")
    model = page.get("contentmodel", "wikitext")
    if model != "wikitext":
        raise FetchError(
            f"{shown!r} on {api.host} is not wikitext (content model {model!r}); "
            "wikitui only reads wikitext pages"
        )
    return ResolvedPage(
        page=PageInfo(
            title=str(shown),
            ns=whole_number(page.get("ns", 0), "ns"),
            page_id=whole_number(page["pageid"], "pageid"),
        ),
        site=site_info(query),
        latest=page.get("lastrevid"),
        normalized_from=normalized_from,
        redirected_from=redirected_from,
    )


def site_info(query: dict[str, Any]) -> SiteInfo:
    general = query.get("general") or {}
    namespaces = []
    for key, ns in sorted((query.get("namespaces") or {}).items(), key=lambda item: int(item[0])):
        namespaces.append((int(key), str(ns.get("case", "first-letter")), str(ns.get("name", ""))))
    return SiteInfo(
        sitename=general.get("sitename"),
        dbname=general.get("wikiid"),
        base=general.get("base"),
        generator=general.get("generator"),
        case=general.get("case"),
        lang=general.get("lang") or "en",
        namespaces=namespaces,
    )


_API_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def whole_number(value: Any, name: str) -> int:
    """An id, namespace or size from the API: a whole number that fits in 64 bits."""
    if isinstance(value, bool) or not isinstance(value, int) or not -(1 << 63) <= value < 1 << 63:
        raise ValueError(f"{name} is {str(value)[:30]!r}, not a whole number")
    return value


def api_timestamp(value: Any, rev_id: int) -> str:
    """The revision's timestamp as the API writes it (checked: it goes into the export)."""
    if isinstance(value, str) and _API_TIMESTAMP.fullmatch(value):
        try:
            datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            pass
        else:
            return value
    raise ValueError(f"revision {rev_id} has the timestamp {str(value)[:40]!r}")


def export_revision(raw: dict[str, Any]) -> ExportRevision:
    """An API revision object (formatversion 2, ``rvslots=main``) as an export record."""
    slot = (raw.get("slots") or {}).get("main") or {}
    text_hidden = bool(raw.get("texthidden") or slot.get("texthidden") or slot.get("textmissing"))
    content = slot.get("content", raw.get("content"))
    user_hidden = bool(raw.get("userhidden"))
    rev_id = whole_number(raw["revid"], "revid")
    size = raw.get("size", slot.get("size"))
    return ExportRevision(
        rev_id=rev_id,
        parent_id=whole_number(raw.get("parentid") or 0, "parentid"),
        timestamp=api_timestamp(raw.get("timestamp"), rev_id),
        user=None if user_hidden else raw.get("user"),
        user_id=0 if user_hidden else whole_number(raw.get("userid") or 0, "userid"),
        user_hidden=user_hidden,
        minor=bool(raw.get("minor")),
        comment=raw.get("comment"),
        comment_hidden=bool(raw.get("commenthidden")),
        tags=tuple(str(tag) for tag in raw.get("tags") or ()),
        model=str(slot.get("contentmodel") or raw.get("contentmodel") or "wikitext"),
        format=str(slot.get("contentformat") or raw.get("contentformat") or "text/x-wiki"),
        size=None if size is None else whole_number(size, "size"),
        sha1=None if raw.get("sha1hidden") else raw.get("sha1"),
        text_hidden=text_hidden or content is None,
        text=None if text_hidden else content,
    )


def model_revision(rev: ExportRevision) -> Revision:
    """The same revision as :class:`wikitui.model.Revision` (for ``on_revisions``)."""
    anon = not rev.user_hidden and rev.user_id == 0 and is_ip_address(rev.user or "")
    return Revision(
        rev_id=rev.rev_id,
        parent_id=rev.parent_id,
        timestamp=datetime.strptime(rev.timestamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        if rev.timestamp
        else None,
        user=rev.user,
        user_id=None if anon or rev.user_hidden else rev.user_id,
        anon=anon,
        comment=rev.comment,
        minor=rev.minor,
        tags=rev.tags,
        size=rev.size,
        sha1=rev.sha1,
        user_hidden=rev.user_hidden,
        comment_hidden=rev.comment_hidden,
        text_hidden=rev.text_hidden,
        content_model=rev.model,
        content_format=rev.format,
    )


def parse_batch(
    data: dict[str, Any], resolved: ResolvedPage, session: ApiClient
) -> tuple[list[ExportRevision], dict[str, str] | None]:
    """One ``prop=revisions`` response: its revisions (newest first) and the continuation."""
    page_id = resolved.page.page_id
    pages = (data.get("query") or {}).get("pages") or []
    page = next((p for p in pages if p.get("pageid") == page_id), None)
    if page is None or page.get("missing"):
        raise FetchError(
            f"{resolved.page.title!r} disappeared from {session.host} while fetching "
            "(deleted or moved?)"
        )
    revisions = []
    for raw in page.get("revisions") or []:
        rev = export_revision(raw)
        slot = (raw.get("slots") or {}).get("main") or {}
        if slot.get("textmissing") or raw.get("textmissing"):
            session.warnings.append(f"the wiki has lost the text of revision {rev.rev_id}")
        revisions.append(rev)
    more = data.get("continue")
    continuation = {str(k): str(v) for k, v in more.items()} if isinstance(more, dict) else None
    return revisions, continuation
