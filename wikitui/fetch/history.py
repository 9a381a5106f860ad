"""Fetching one page's history from the Action API into an XML export file.

The first request (``prop=info`` plus ``meta=siteinfo``) resolves the title: normalisation,
redirects, a missing or invalid page, a content model other than wikitext, and the latest
revision id, so that refreshing an up-to-date file costs one small request. Then
``prop=revisions`` is paged newest first until the limit, ``--since``, the oldest revision, or
a revision already in the file. Texts are spilled into a temporary file as they arrive, so
memory does not grow with the history; the export is written oldest first at the end.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import httpx

from wikitui.errors import FetchError, WikituiError
from wikitui.fetch.client import ApiClient, RetryPolicy, api_url_for
from wikitui.fetch.export import (
    ExportRevision,
    PageInfo,
    SiteInfo,
    is_ip_address,
    write_export,
)
from wikitui.model import Revision

RVPROP = "ids|timestamp|flags|user|userid|comment|size|sha1|tags|content"
CONTENT_BATCH = 50  # the API's cap on revisions with content per request for most users

ProgressCallback = Callable[[int, int | None], None]
RevisionsCallback = Callable[[list[Revision]], None]


@dataclass(slots=True)
class FetchResult:
    """What a fetch did.

    ``title`` is the page's title on the wiki (after normalisation and redirects);
    ``requested`` is what the caller asked for. ``added`` counts revisions new to the file,
    ``total`` all revisions now in it. ``resumed`` is True when an existing file was extended
    (or found up to date).
    """

    path: Path
    title: str
    requested: str
    site: str
    added: int
    total: int
    resumed: bool
    redirected_from: str | None = None
    normalized_from: str | None = None
    page_id: int | None = None
    latest_rev_id: int | None = None
    requests: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``wikitui fetch --json`` object."""
        return {
            "path": str(self.path),
            "title": self.title,
            "requested": self.requested,
            "site": self.site,
            "page_id": self.page_id,
            "latest_rev_id": self.latest_rev_id,
            "added": self.added,
            "total": self.total,
            "resumed": self.resumed,
            "redirected_from": self.redirected_from,
            "normalized_from": self.normalized_from,
            "requests": self.requests,
            "warnings": self.warnings,
        }


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def default_output_name(title: str) -> str:
    """A file name for a page's export: ``Talk:Çullu, Agdam`` → ``Talk-Çullu,_Agdam.xml``.

    Spaces become underscores (as in the wiki's URLs); characters that are unsafe in file
    names on common systems become ``-``; very long titles are shortened on a character
    boundary to keep the name under 200 bytes.
    """
    name = _UNSAFE_NAME.sub("-", "_".join(title.split())).lstrip(".-") or "page"
    while len(name.encode("utf-8")) > 196:
        name = name[:-1]
    return name + ".xml"


def parse_since(value: str) -> str:
    """Validate ``--since`` (``YYYY-MM-DD`` or ISO 8601) and return the API's timestamp form."""
    text = value.strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise FetchError(
            f"not a timestamp: {value!r} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except OverflowError:
        raise FetchError(f"--since {value!r} is out of range") from None


@dataclass(slots=True)
class _Resolved:
    """The page found by the first request."""

    page: PageInfo
    site: SiteInfo
    latest: int | None
    normalized_from: str | None
    redirected_from: str | None


def _resolve(api: ApiClient, title: str, follow_redirects: bool) -> _Resolved:
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
    return _Resolved(
        page=PageInfo(
            title=str(shown),
            ns=_whole(page.get("ns", 0), "ns"),
            page_id=_whole(page["pageid"], "pageid"),
        ),
        site=_site_info(query),
        latest=page.get("lastrevid"),
        normalized_from=normalized_from,
        redirected_from=redirected_from,
    )


def _site_info(query: dict[str, Any]) -> SiteInfo:
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


class _TextSpill:
    """Revision texts parked in a temporary file until the export is written."""

    def __init__(self) -> None:
        # Closed by close(), called from fetch_history's finally clause.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="wikitui-fetch-")  # noqa: SIM115
        self._end = 0

    def put(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8", "surrogatepass")
        try:
            self._file.seek(self._end)
            self._file.write(data)
        except OSError as error:
            folder = tempfile.gettempdir()
            raise FetchError(
                f"cannot keep fetched texts in {folder}: {error.strerror or error}"
            ) from None
        ref = (self._end, len(data))
        self._end += len(data)
        return ref

    def get(self, ref: tuple[int, int]) -> str:
        offset, length = ref
        self._file.seek(offset)
        return self._file.read(length).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._file.close()


_API_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _whole(value: Any, name: str) -> int:
    """An id, namespace or size from the API: a whole number that fits in 64 bits."""
    if isinstance(value, bool) or not isinstance(value, int) or not -(1 << 63) <= value < 1 << 63:
        raise ValueError(f"{name} is {str(value)[:30]!r}, not a whole number")
    return value


def _api_timestamp(value: Any, rev_id: int) -> str:
    """The revision's timestamp as the API writes it (checked: it goes into the export)."""
    if isinstance(value, str) and _API_TIMESTAMP.fullmatch(value):
        try:
            datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            pass
        else:
            return value
    raise ValueError(f"revision {rev_id} has the timestamp {str(value)[:40]!r}")


def _export_revision(raw: dict[str, Any]) -> ExportRevision:
    """An API revision object (formatversion 2, ``rvslots=main``) as an export record."""
    slot = (raw.get("slots") or {}).get("main") or {}
    text_hidden = bool(raw.get("texthidden") or slot.get("texthidden") or slot.get("textmissing"))
    content = slot.get("content", raw.get("content"))
    user_hidden = bool(raw.get("userhidden"))
    rev_id = _whole(raw["revid"], "revid")
    size = raw.get("size", slot.get("size"))
    return ExportRevision(
        rev_id=rev_id,
        parent_id=_whole(raw.get("parentid") or 0, "parentid"),
        timestamp=_api_timestamp(raw.get("timestamp"), rev_id),
        user=None if user_hidden else raw.get("user"),
        user_id=0 if user_hidden else _whole(raw.get("userid") or 0, "userid"),
        user_hidden=user_hidden,
        minor=bool(raw.get("minor")),
        comment=raw.get("comment"),
        comment_hidden=bool(raw.get("commenthidden")),
        tags=tuple(str(tag) for tag in raw.get("tags") or ()),
        model=str(slot.get("contentmodel") or raw.get("contentmodel") or "wikitext"),
        format=str(slot.get("contentformat") or raw.get("contentformat") or "text/x-wiki"),
        size=None if size is None else _whole(size, "size"),
        sha1=None if raw.get("sha1hidden") else raw.get("sha1"),
        text_hidden=text_hidden or content is None,
        text=None if text_hidden else content,
    )


def _model_revision(rev: ExportRevision) -> Revision:
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


@dataclass(slots=True)
class _Item:
    """A revision on its way to the file: metadata now, text loaded when it is written."""

    rev: ExportRevision
    load: Callable[[], str] | None = None

    def complete(self) -> ExportRevision:
        """The revision with its text filled in."""
        if self.load is None:
            return self.rev
        return replace(self.rev, text=self.load())


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def _read_existing(path: Path, resolved: _Resolved) -> list[_Item]:
    """The revisions already in an export of the same page (read by :mod:`wikitui.sources`)."""
    from wikitui.fetch.existing import read_existing_page

    try:
        return [
            _Item(rev, load)
            for rev, load in read_existing_page(
                path, resolved.page.title, resolved.page.page_id, _host(resolved.site.base)
            )
        ]
    except WikituiError as error:
        raise FetchError(f"cannot add to {path}: {error.message}") from None


def fetch_history(
    title: str,
    *,
    site: str = "en.wikipedia.org",
    api: str | None = None,
    limit: int | None = 500,
    since: str | None = None,
    dest: Path,
    on_progress: ProgressCallback | None = None,
    on_revisions: RevisionsCallback | None = None,
    follow_redirects: bool = True,
    client: httpx.Client | None = None,
    retry: RetryPolicy | None = None,
    timeout: float = 30.0,
) -> FetchResult:
    """Download a page's history (newest ``limit`` revisions) into an XML export at ``dest``.

    ``dest`` is a file, or an existing folder (the file is then named by
    :func:`default_output_name` after the page's real title). When it names an existing export
    of the same page, every revision newer than those in it is fetched (``limit`` and
    ``since`` don't apply then, so the history has no gap) and the file is rewritten with
    both. ``limit`` None fetches everything; ``since`` (ISO 8601) stops at that time. A
    redirect is followed to its target unless ``follow_redirects`` is False (then the redirect
    page's own history is fetched). ``on_progress(done, wanted)`` follows each
    request (``wanted`` None when unknown); ``on_revisions(batch)`` gets each batch's
    revisions, newest first, as :class:`~wikitui.model.Revision`. An exception raised by
    either callback aborts the fetch and is re-raised; the destination is then untouched.
    ``client`` may be a caller's :class:`httpx.Client`; ``retry`` sets the back-off (tests
    make it instant).

    Raises :class:`FetchError` with a one-line message for every network, API or disk problem.
    """
    if limit is not None and limit < 1:
        raise FetchError(f"--limit must be at least 1 (got {limit})")
    since_ts = parse_since(since) if since else None
    api_url = api_url_for(site, api)
    if not title.strip():
        raise FetchError("no page title given")
    with ApiClient(api_url, client=client, retry=retry, timeout=timeout) as session:
        with _api_shape(session):
            resolved = _resolve(session, title.strip(), follow_redirects)
        path = dest / default_output_name(resolved.page.title) if dest.is_dir() else dest
        if not path.parent.is_dir():
            raise FetchError(f"cannot write {path}: folder {path.parent} does not exist")
        if path.exists() and not path.is_file():
            # A FIFO would block the read of "the existing export" forever; a device...
            raise FetchError(f"cannot write {path}: not a regular file")
        existing = _read_existing(path, resolved) if path.exists() else None
        known = {item.rev.rev_id for item in existing or []}
        result = FetchResult(
            path=path,
            title=resolved.page.title,
            requested=title,
            site=session.host,
            added=0,
            total=len(known),
            resumed=existing is not None,
            redirected_from=resolved.redirected_from,
            normalized_from=resolved.normalized_from,
            page_id=resolved.page.page_id,
            latest_rev_id=resolved.latest,
        )
        if existing is not None and resolved.latest in known:
            result.requests = session.requests
            result.warnings = list(session.warnings)
            if on_progress:
                on_progress(0, 0)
            return result  # up to date: the file is left as it is
        if existing is not None:
            # Fill the whole gap up to the file's newest revision: a limit here would leave
            # a hole in the middle of the history that no later refresh could see.
            limit, since_ts = None, None
        spill = _TextSpill()
        try:
            fetched = list(
                _fetch_revisions(
                    session, resolved, limit, since_ts, known, spill, on_progress, on_revisions
                )
            )
            result.requests = session.requests
            result.warnings = list(session.warnings)
            if not fetched:
                if existing is None:
                    after = f" since {since_ts}" if since_ts else ""
                    raise FetchError(f"{resolved.page.title!r} has no revisions{after}")
                return result
            resolved.page.redirect = _redirect_target(fetched[0])
            merged = _merge(existing or [], fetched)
            write_export(path, resolved.site, resolved.page, (item.complete() for item in merged))
            result.added = len(merged) - len(known)  # what the file gained, each id once
            result.total = len(merged)
            return result
        finally:
            spill.close()


_REDIRECT = re.compile(r"^\s*#\s*redirect\s*:?\s*\[\[([^\]|#\n]+)", re.IGNORECASE)


def _redirect_target(newest: _Item) -> str | None:
    """The page's redirect target if its latest text is a redirect (for ``<redirect>``)."""
    if newest.load is None:
        return None
    match = _REDIRECT.match(newest.load()[:1000])
    return " ".join(match.group(1).replace("_", " ").split()) if match else None


def _merge(old: list[_Item], new: list[_Item]) -> list[_Item]:
    """Old and new revisions together, oldest first, each id once (new copies win)."""
    by_id = {item.rev.rev_id: item for item in old}
    by_id.update({item.rev.rev_id: item for item in new})
    return sorted(by_id.values(), key=lambda item: (item.rev.timestamp, item.rev.rev_id))


def _fetch_revisions(
    session: ApiClient,
    resolved: _Resolved,
    limit: int | None,
    since: str | None,
    known: set[int],
    spill: _TextSpill,
    on_progress: ProgressCallback | None,
    on_revisions: RevisionsCallback | None,
) -> Iterator[_Item]:
    """Page through ``prop=revisions``, newest first; texts are parked in ``spill``."""
    done = 0
    continuation: dict[str, str] = {}
    page_id = resolved.page.page_id
    seen_ids: set[int] = set()
    seen_continuations: set[tuple[tuple[str, str], ...]] = set()
    while True:
        wanted = CONTENT_BATCH if limit is None else min(CONTENT_BATCH, limit - done)
        params: dict[str, str | int] = {
            "action": "query",
            "prop": "revisions",
            "pageids": page_id,
            "rvprop": RVPROP,
            "rvslots": "main",
            "rvlimit": "max" if wanted >= CONTENT_BATCH else wanted,
        }
        if since:
            params["rvend"] = since
        params.update(continuation)
        data = session.query(params)
        with _api_shape(session):
            revisions, next_params = _parse_batch(data, resolved, session)
        batch: list[_Item] = []
        stop = False
        fresh = [rev for rev in revisions if rev.rev_id not in seen_ids]
        for rev in fresh:
            if rev.rev_id in known:
                stop = True  # everything older is in the file already
                break
            seen_ids.add(rev.rev_id)
            batch.append(_park(rev, spill))
            if limit is not None and done + len(batch) >= limit:
                stop = True
                break
        done += len(batch)
        if on_revisions and batch:
            on_revisions([_model_revision(item.rev) for item in batch])
        if on_progress:
            on_progress(done, limit)
        yield from batch
        if stop or next_params is None or not revisions:
            return
        key = tuple(sorted(next_params.items()))
        if not fresh or key in seen_continuations:
            session.warnings.append(
                f"{session.host} kept answering 'continue' without new revisions; stopped"
                f" after {done} revision{'s' if done != 1 else ''}"
            )
            return
        seen_continuations.add(key)
        continuation = next_params


def _parse_batch(
    data: dict[str, Any], resolved: _Resolved, session: ApiClient
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
        rev = _export_revision(raw)
        slot = (raw.get("slots") or {}).get("main") or {}
        if slot.get("textmissing") or raw.get("textmissing"):
            session.warnings.append(f"the wiki has lost the text of revision {rev.rev_id}")
        revisions.append(rev)
    more = data.get("continue")
    continuation = {str(k): str(v) for k, v in more.items()} if isinstance(more, dict) else None
    return revisions, continuation


@contextlib.contextmanager
def _api_shape(session: ApiClient) -> Iterator[None]:
    """Turn a response that is JSON but not shaped like MediaWiki's into a one-line error."""
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as error:
        raise FetchError(
            f"{session.api_url} answered in a shape wikitui does not understand "
            f"({type(error).__name__}: {error}); is it a MediaWiki API?"
        ) from None


def _park(rev: ExportRevision, spill: _TextSpill) -> _Item:
    """Move a fetched revision's text to the spill file; the item loads it back on demand."""
    if rev.text is None:
        return _Item(rev)
    ref = spill.put(rev.text)
    return _Item(replace(rev, text=None), lambda: spill.get(ref))
