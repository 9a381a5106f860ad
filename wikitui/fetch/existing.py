"""Reading back an export that a fetch is about to extend.

The file is read with :func:`wikitui.sources.open_source`, the same reader ``wikitui list`` and
the app use, and each revision is turned back into an :class:`ExportRevision` whose text is
loaded only when the new file is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wikitui.errors import FetchError
from wikitui.fetch.export import ExportRevision
from wikitui.model import Page, Revision, normalise_sha1, normalise_title


def _export_revision(
    page: Page, revision: Revision
) -> tuple[ExportRevision, Callable[[], str] | None]:
    rev = ExportRevision(
        rev_id=int(revision.rev_id or 0),
        parent_id=int(revision.parent_id or 0),
        timestamp=revision.timestamp_iso() or "",
        user=revision.user,
        user_id=int(revision.user_id or 0),
        user_hidden=revision.user_hidden,
        minor=revision.minor,
        comment=revision.comment,
        comment_hidden=revision.comment_hidden,
        tags=tuple(revision.tags),
        model=revision.content_model or "wikitext",
        format=revision.content_format or "text/x-wiki",
        size=revision.size,
        sha1=normalise_sha1(revision.sha1),
        text_hidden=revision.text_hidden,
    )
    if revision.text_hidden:
        return rev, None
    return rev, lambda: page.text(revision)


def read_existing_page(
    path: Path, title: str, page_id: int | None, site: str | None = None, *, use_cache: bool = True
) -> list[tuple[ExportRevision, Callable[[], str] | None]]:
    """The revisions of ``title`` in the export at ``path``, oldest first, texts on demand.

    ``site`` is the wiki's host name; a file whose ``<siteinfo>`` names another wiki is
    refused, as the ids would not match. Raises :class:`FetchError` when the file can't be
    read, holds another page, or has a malformed revision (rewriting it would lose data).
    """
    from wikitui.sources import open_source

    source = open_source(str(path), use_cache=use_cache)
    pages = source.all_pages()
    wanted = normalise_title(title)
    page = next(
        (
            p
            for p in pages
            if (page_id is not None and p.page_id == page_id) or normalise_title(p.title) == wanted
        ),
        None,
    )
    if page is None:
        held = ", ".join(repr(p.title) for p in pages[:3]) or "no page"
        raise FetchError(f"{path} holds {held}, not {title!r}: choose another output file with -o")
    if site and page.site and page.site != site:
        raise FetchError(
            f"{path} holds {page.title!r} from {page.site}, not from {site}: "
            "choose another output file with -o"
        )
    if len(pages) > 1:
        raise FetchError(
            f"{path} holds {len(pages)} pages; wikitui fetch only updates one-page exports"
        )
    bad = [rev for rev in page.revisions if rev.problem or rev.rev_id is None]
    if bad:
        raise FetchError(
            f"{path} has {len(bad)} malformed revision(s) (first: {bad[0].problem}); "
            "not rewriting it, use another output file with -o"
        )
    page.sort_chronologically()
    return [_export_revision(page, revision) for revision in page.revisions]
