"""Fetching one page's history from the Action API into an XML export file.

The first request (``prop=info`` plus ``meta=siteinfo``) resolves the title: normalisation,
redirects, a missing or invalid page, a content model other than wikitext, and the latest
revision id, so that refreshing an up-to-date file costs one small request. Then
``prop=revisions`` is paged newest first until the limit, ``--since``, the oldest revision, or
a revision already in the file. Texts are spilled into a temporary file as they arrive, so
memory does not grow with the history; the export is written oldest first at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from wikitui.errors import FetchError, WikituiError
from wikitui.fetch.answers import (
    ResolvedPage,
    api_shape,
    model_revision,
    parse_batch,
    resolve_page,
)
from wikitui.fetch.client import ApiClient, RetryPolicy, api_url_for
from wikitui.fetch.export import write_export
from wikitui.fetch.spill import PendingRevision, TextSpill, park
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


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def _read_existing(path: Path, resolved: ResolvedPage, use_cache: bool) -> list[PendingRevision]:
    """The revisions already in an export of the same page (read by :mod:`wikitui.sources`)."""
    from wikitui.fetch.existing import read_existing_page

    try:
        return [
            PendingRevision(rev, load)
            for rev, load in read_existing_page(
                path,
                resolved.page.title,
                resolved.page.page_id,
                _host(resolved.site.base),
                use_cache=use_cache,
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
    use_cache: bool = True,
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
    make it instant). ``use_cache=False`` reads an existing export without its index.

    Raises :class:`FetchError` with a one-line message for every network, API or disk problem.
    """
    if limit is not None and limit < 1:
        raise FetchError(f"--limit must be at least 1 (got {limit})")
    since_ts = parse_since(since) if since else None
    api_url = api_url_for(site, api)
    if not title.strip():
        raise FetchError("no page title given")
    with ApiClient(api_url, client=client, retry=retry, timeout=timeout) as session:
        with api_shape(session):
            resolved = resolve_page(session, title.strip(), follow_redirects)
        path = dest / default_output_name(resolved.page.title) if dest.is_dir() else dest
        if not path.parent.is_dir():
            raise FetchError(f"cannot write {path}: folder {path.parent} does not exist")
        if path.exists() and not path.is_file():
            # A FIFO would block the read of "the existing export" forever; a device...
            raise FetchError(f"cannot write {path}: not a regular file")
        existing = _read_existing(path, resolved, use_cache) if path.exists() else None
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
        spill = TextSpill()
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


def _redirect_target(newest: PendingRevision) -> str | None:
    """The page's redirect target if its latest text is a redirect (for ``<redirect>``)."""
    if newest.load is None:
        return None
    match = _REDIRECT.match(newest.load()[:1000])
    return " ".join(match.group(1).replace("_", " ").split()) if match else None


def _merge(old: list[PendingRevision], new: list[PendingRevision]) -> list[PendingRevision]:
    """Old and new revisions together, oldest first, each id once (new copies win)."""
    by_id = {item.rev.rev_id: item for item in old}
    by_id.update({item.rev.rev_id: item for item in new})
    return sorted(by_id.values(), key=lambda item: (item.rev.timestamp, item.rev.rev_id))


def _fetch_revisions(
    session: ApiClient,
    resolved: ResolvedPage,
    limit: int | None,
    since: str | None,
    known: set[int],
    spill: TextSpill,
    on_progress: ProgressCallback | None,
    on_revisions: RevisionsCallback | None,
) -> Iterator[PendingRevision]:
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
        with api_shape(session):
            revisions, next_params = parse_batch(data, resolved, session)
        batch: list[PendingRevision] = []
        stop = False
        fresh = [rev for rev in revisions if rev.rev_id not in seen_ids]
        for rev in fresh:
            if rev.rev_id in known:
                stop = True  # everything older is in the file already
                break
            seen_ids.add(rev.rev_id)
            batch.append(park(rev, spill))
            if limit is not None and done + len(batch) >= limit:
                stop = True
                break
        done += len(batch)
        if on_revisions and batch:
            on_revisions([model_revision(item.rev) for item in batch])
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
