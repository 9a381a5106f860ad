"""MediaWiki Action API responses of ``action=query&prop=revisions``, saved as JSON.

Accepted: ``formatversion=1`` (``pages`` keyed by page id, flags as ``""``, content in ``"*"``)
and ``formatversion=2`` (``pages`` a list, flags as booleans, content in ``content``); the
content in ``slots.main`` or, for requests without ``rvslots``, on the revision itself; one
response, a JSON array of responses, or one response per line (JSONL) - as a script saves
continuation batches. Pages with the same title are merged and revisions de-duplicated.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wikitui.errors import SourceError
from wikitui.model import LoadProblem, Page, Revision, Source, normalise_sha1, parse_timestamp
from wikitui.sources import json_input
from wikitui.sources.loaders import MemoryLoader


def _responses(path: str, text: str) -> list[Any]:
    """The JSON documents in the file: one, an array of them, or one per line."""
    try:
        document = json_input.loads(text)
    except json_input.JsonProblem as whole_error:
        if not str(whole_error).startswith("line "):
            raise SourceError(f"{path}: {whole_error}") from None
        documents: list[Any] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                documents.append(json_input.loads(line))
            except json_input.JsonProblem:
                if documents:  # an earlier line parsed: this is a broken JSON line
                    raise SourceError(
                        f"{path}: line {number}: not valid JSON (JSON lines expected)"
                    ) from None
                raise SourceError(f"{path}: {whole_error}") from None
        return documents
    if isinstance(document, list):
        return document
    return [document]


def _flag(value: Any) -> bool:
    """formatversion 1 marks a flag by the key being present (value ``""``); 2 by ``true``."""
    return value is not None and value is not False


def _pages_of(response: Any) -> list[dict[str, Any]] | None:
    if not isinstance(response, dict):
        return None
    query = response.get("query")
    if not isinstance(query, dict) or "pages" not in query:
        return None
    pages = query["pages"]
    if isinstance(pages, dict):
        return [page for page in pages.values() if isinstance(page, dict)]
    if isinstance(pages, list):
        return [page for page in pages if isinstance(page, dict)]
    return None


def _content(revision: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """(content or None, the dict holding the content's model/format/hidden flags)."""
    slots = revision.get("slots")
    holder = revision
    if isinstance(slots, dict) and isinstance(slots.get("main"), dict):
        holder = slots["main"]
    for key in ("content", "*"):
        value = holder.get(key)
        if isinstance(value, str):
            return value, holder
    return None, holder


def _timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    return parse_timestamp(value)


def _optional_int(value: Any) -> int | None:
    """An id or size: a whole number that fits in 64 bits; ValueError for anything else."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        if not isinstance(value, str) or not value.strip().isdigit() or len(value) > 20:
            raise ValueError(f"{value!r} is not a whole number"[:80])
        value = int(value)
    if not -(1 << 63) <= value < 1 << 63:
        raise ValueError(f"{value} is out of range"[:80])
    return value


def _page_int(value: Any, name: str, title: str, path: str, source: Source) -> int | None:
    """A page's ``ns`` or ``pageid``: a bad one is a warning, and the page is kept."""
    try:
        return _optional_int(value)
    except ValueError as error:
        source.problems.append(LoadProblem(path, f"page {title!r}: '{name}' ignored: {error}"))
        return None


def load_api_json(path: str, text: str) -> Source:
    """Read saved API responses into a Source (texts kept in a :class:`MemoryLoader`)."""
    responses = _responses(path, text)
    source = Source(path=path, kind="api-json")
    texts: list[str] = []
    loader = MemoryLoader(path, texts)
    pages: dict[str, Page] = {}
    seen: dict[str, set[int]] = {}
    answered = False
    for number, response in enumerate(responses, start=1):
        where = f"response {number}" if len(responses) > 1 else None
        if isinstance(response, dict) and isinstance(response.get("error"), dict):
            error = response["error"]
            raise SourceError(
                f"{path}: the API answered with an error: "
                f"{error.get('code', '?')}: {error.get('info', '')}"
            )
        page_list = _pages_of(response)
        if page_list is None:
            continue
        answered = True
        for entry in page_list:
            title = str(entry.get("title", "")).strip()
            if _flag(entry.get("missing")) or _flag(entry.get("invalid")):
                reason = "does not exist" if _flag(entry.get("missing")) else "is not a valid title"
                source.problems.append(
                    LoadProblem(path, f"page {title or '?'!r} {reason} on the wiki", where)
                )
                continue
            if not title:
                source.problems.append(LoadProblem(path, "a page without a title skipped", where))
                continue
            page = pages.get(title)
            if page is None:
                page = Page(
                    title=title,
                    namespace=_page_int(entry.get("ns"), "ns", title, path, source),
                    page_id=_page_int(entry.get("pageid"), "pageid", title, path, source),
                    loader=loader,
                    source_label=source.label,
                )
                pages[title] = page
                seen[title] = set()
                source.pages.append(page)
            revisions = entry.get("revisions") or []
            if not isinstance(revisions, list):
                message = f"page {title!r}: 'revisions' is not a list; ignored"
                source.problems.append(LoadProblem(path, message, where))
                revisions = []
            for raw in revisions:
                revision = _revision(raw, texts, path, title, where, source)
                if revision.rev_id is not None:
                    if revision.rev_id in seen[title]:
                        continue  # the same revision in two overlapping batches
                    seen[title].add(revision.rev_id)
                page.add(revision)
    if not answered:
        raise SourceError(
            f"{path}: JSON, but not a MediaWiki API 'action=query&prop=revisions' response "
            "(no query.pages)"
        )
    for page in source.pages:
        page.sort_chronologically()
    return source


def _tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError("'tags' is not a list")
    return tuple(str(tag) for tag in value)


def _revision(
    raw: Any, texts: list[str], path: str, title: str, where: str | None, source: Source
) -> Revision:
    """One API revision object as a Revision (or one marked with its problem)."""
    try:
        if not isinstance(raw, dict):
            raise TypeError("a revision is not a JSON object")
        content, holder = _content(raw)
        revision = Revision(
            rev_id=_optional_int(raw.get("revid")),
            parent_id=_optional_int(raw.get("parentid")),
            timestamp=_timestamp(raw.get("timestamp")),
            user=raw.get("user") if isinstance(raw.get("user"), str) else None,
            user_id=_optional_int(raw.get("userid")),
            anon=_flag(raw.get("anon")),
            comment=raw.get("comment") if isinstance(raw.get("comment"), str) else None,
            minor=_flag(raw.get("minor")),
            tags=_tags(raw.get("tags")),
            size=_optional_int(raw.get("size")),
            sha1=normalise_sha1(raw["sha1"]) if isinstance(raw.get("sha1"), str) else None,
            user_hidden=_flag(raw.get("userhidden")),
            comment_hidden=_flag(raw.get("commenthidden")),
            text_hidden=_flag(raw.get("texthidden")) or _flag(holder.get("texthidden")),
            content_model=holder.get("contentmodel") or raw.get("contentmodel"),
            content_format=holder.get("contentformat") or raw.get("contentformat"),
        )
    except (TypeError, ValueError) as error:
        rev_id = raw.get("revid") if isinstance(raw, dict) else None
        rev_id = rev_id if isinstance(rev_id, int) and -(1 << 63) <= rev_id < 1 << 63 else None
        message = f"a revision of {title!r} skipped: {error}"
        source.problems.append(LoadProblem(path, message, where))
        return Revision(rev_id=rev_id, problem=str(error))
    if revision.anon:
        revision.user_id = None
    if revision.comment is None and not revision.comment_hidden:
        revision.comment = ""
    if content is not None and not revision.text_hidden:
        revision.text_ref = len(texts)
        texts.append(content)
        if revision.size is None:
            revision.size = len(content.encode("utf-8"))
    return revision
