"""Loaders: turn files and folders into :class:`~wikitui.model.Source` objects.

:func:`open_source` recognises a file by its content (see :mod:`wikitui.sources.detect`):

* MediaWiki XML exports and dumps, schema 0.3-0.11, plain or bzip2/gzip/xz/LZMA-compressed,
  in any XML encoding (:mod:`wikitui.sources.xml_export`);
* Action API ``prop=revisions`` JSON, one response, an array or JSON lines
  (:mod:`wikitui.sources.api_json`);
* plain wikitext files, one revision each (:mod:`wikitui.sources.wikitext_files`);
* folders: one child source per supported file, and the wikitext files of a folder together
  as one page's history.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import closing

from wikitui.errors import SourceError
from wikitui.model import LoadProblem, Page, Source
from wikitui.sources import detect, special

__all__ = ["open_source", "open_sources"]


def open_source(
    path: str | os.PathLike[str],
    *,
    on_progress: Callable[[int, int], None] | None = None,
    on_page: Callable[[Page], None] | None = None,
    texts: bool = True,
    use_cache: bool = True,
) -> Source:
    """Open a file or folder as a revision history.

    ``on_progress(bytes_done, bytes_total)`` is called while a file is scanned (bytes of the
    file as stored, compressed or not); ``on_page(page)`` when a page starts - its
    ``revisions`` then keep growing until this function returns, so a thread can show them
    as they arrive. ``texts=False`` opens compressed exports for their metadata only (faster;
    ``page.text`` then raises :class:`~wikitui.errors.TextUnavailable`) when no index is used.

    XML exports that are regular files go through the persistent index
    (:mod:`wikitui.index`): the first open builds it while reading, later opens answer from
    it, with every text available. ``use_cache=False`` neither reads nor writes an index.

    Raises :class:`~wikitui.errors.SourceError` with a one-line message when the path cannot
    be read as a history. Damage inside an otherwise good file does not raise: the revision
    is kept with ``problem`` set and a :class:`~wikitui.model.LoadProblem` is added to
    ``source.problems``.
    """
    name = os.fspath(path)
    if not os.path.exists(name):
        raise SourceError(f"{name}: no such file or directory")
    kind = special.special_kind(name)
    if kind == "an anonymous pipe":
        return special.open_piped(
            name,
            # A pipe's copy is a temporary file: nothing worth indexing.
            lambda copy: _open_file(
                copy, on_progress=on_progress, on_page=on_page, texts=texts, use_cache=False
            ),
        )
    if kind is not None:
        raise special.refuse(name, kind)
    if os.path.isdir(name):
        progress = _FolderProgress(name, on_progress) if on_progress is not None else None
        source = _open_folder(
            name, progress=progress, on_page=on_page, texts=texts, use_cache=use_cache, seen=set()
        )
        if progress is not None:
            progress.complete()
        if not source.all_pages():
            problems = source.all_problems()
            if not problems:
                raise SourceError(f"{name}: no revision histories in this folder")
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            raise SourceError(f"{name}: nothing readable in this folder: {problems[0]}{more}")
        return source
    return _open_file(
        name, on_progress=on_progress, on_page=on_page, texts=texts, use_cache=use_cache
    )


def open_sources(paths: Iterable[str | os.PathLike[str]]) -> list[Source]:
    """Open several sources in order; the first failure raises."""
    return [open_source(path) for path in paths]


def _open_file(
    path: str,
    *,
    on_progress: Callable[[int, int], None] | None,
    on_page: Callable[[Page], None] | None,
    texts: bool,
    use_cache: bool,
) -> Source:
    sniffed = detect.sniff(path)
    if sniffed.kind == "xml":
        from wikitui.sources.xml_export import load_xml_export

        notes: list[LoadProblem] = []
        if use_cache:
            from wikitui.index import open_indexed

            try:
                indexed, notes = open_indexed(
                    path, sniffed, on_progress=on_progress, on_page=on_page
                )
            except SourceError:
                indexed = None  # read again without the index, for the reader's own message
            if indexed is not None:
                return indexed
        source = load_xml_export(
            path, sniffed, texts=texts, on_progress=on_progress, on_page=on_page
        )
        source.problems[:0] = notes
        return source
    if sniffed.kind == "json":
        return _announce(_open_json(path, sniffed), path, on_progress, on_page)
    if sniffed.kind == "wikitext":
        if sniffed.compression is not None:
            raise SourceError(f"{path}: compressed wikitext files are not supported")
        from wikitui.sources.wikitext_files import load_wikitext_files

        folder = os.path.dirname(os.path.abspath(path))
        source = load_wikitext_files(folder, [os.path.abspath(path)], label_path=path)
        return _announce(source, path, on_progress, on_page)
    raise SourceError(
        f"{path}: unsupported file: not a MediaWiki XML export, API JSON response or wikitext "
        f"file ({', '.join(detect.WIKITEXT_EXTENSIONS)})"
    )


def _announce(
    source: Source,
    path: str,
    on_progress: Callable[[int, int], None] | None,
    on_page: Callable[[Page], None] | None,
) -> Source:
    """Report the pages and the progress of a source read in one go (JSON, wikitext)."""
    if on_page is not None:
        for page in source.pages:
            on_page(page)
    if on_progress is not None:
        size = detect.file_size(path)
        on_progress(size, size)
    return source


def _open_json(path: str, sniffed: detect.Sniffed) -> Source:
    from wikitui.sources.api_json import load_api_json

    with detect.open_raw(path) as raw:
        try:
            with closing(detect.decompressor(raw, sniffed.compression)) as stream:
                data = stream.read()
        except detect.DECOMPRESSION_ERRORS as error:
            raise SourceError(
                detect.describe_decompression_error(path, sniffed.compression or "", error)
            ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: byte {error.start}: JSON that is not UTF-8") from None
    return load_api_json(path, text)


class _FolderProgress:
    """Turns each file's progress into progress over all the files under a folder."""

    def __init__(self, folder: str, callback: Callable[[int, int], None]) -> None:
        self._callback = callback
        self.total = 0
        for root, dirs, files in os.walk(folder):
            dirs[:] = [name for name in dirs if not detect.is_hidden(name)]
            self.total += sum(
                detect.file_size(os.path.join(root, name))
                for name in files
                if not detect.is_hidden(name)
            )
        self._done = 0

    def file(self, path: str) -> Callable[[int, int], None]:
        """The callback for one file's scan."""
        base = self._done

        def report(done: int, total: int) -> None:
            self._callback(min(base + done, self.total), self.total)

        return report

    def complete(self) -> None:
        """Everything is read."""
        self._callback(self.total, self.total)

    def finished(self, path: str) -> None:
        """A file is done (read, skipped or failed)."""
        self._done = min(self._done + detect.file_size(path), self.total)
        self._callback(self._done, self.total)


def _open_folder(
    folder: str,
    *,
    progress: _FolderProgress | None,
    on_page: Callable[[Page], None] | None,
    texts: bool,
    use_cache: bool,
    seen: set[tuple[int, int]],
) -> Source:
    """A folder: its files and sub-folders as children; its wikitext files as one page.

    ``seen`` holds the (device, inode) of the folders already read, so a symbolic link back
    to a folder above (``ln -s . again``) is followed once, not forever."""
    source = Source(path=folder, kind="folder")
    try:
        names = sorted(os.listdir(folder), key=detect.natural_key)
        info = os.stat(folder)
    except OSError as error:
        raise SourceError(f"{folder}: cannot list: {error.strerror}") from None
    seen.add((info.st_dev, info.st_ino))
    wikitext: list[str] = []
    for name in names:
        if detect.is_hidden(name) or name == detect.SIDECAR_NAME:
            continue
        path = os.path.join(folder, name)
        kind = special.special_kind(path)
        if kind is not None:
            source.problems.append(LoadProblem(path, f"skipped: {kind}, not a file"))
            continue
        if os.path.isdir(path):
            try:
                info = os.stat(path)
            except OSError as error:
                source.problems.append(LoadProblem(path, f"cannot list: {error.strerror}"))
                continue
            if (info.st_dev, info.st_ino) in seen:
                continue  # a link to a folder already read (or being read)
            try:
                child = _open_folder(
                    path,
                    progress=progress,
                    on_page=on_page,
                    texts=texts,
                    use_cache=use_cache,
                    seen=seen,
                )
            except SourceError as error:
                source.problems.append(_problem(path, error))
                continue
            if child.children or child.pages or child.problems:
                source.children.append(child)
            continue
        entry: Source | str | None = None
        try:
            entry = _open_folder_file(
                path, progress=progress, on_page=on_page, texts=texts, use_cache=use_cache
            )
        except SourceError as error:
            source.problems.append(_problem(path, error))
        finally:
            if progress is not None:
                progress.finished(path)
        if entry == "wikitext":
            wikitext.append(path)
        elif isinstance(entry, Source):
            source.children.append(entry)
    if wikitext:
        from wikitui.sources.wikitext_files import load_wikitext_files

        try:
            pages_source = load_wikitext_files(folder, wikitext)
        except SourceError as error:
            source.problems.append(_problem(folder, error))
        else:
            if on_page is not None:
                for page in pages_source.pages:
                    on_page(page)
            if not source.children:
                # Only wikitext here: the folder *is* that page's history.
                pages_source.problems[:0] = source.problems
                return pages_source
            source.children.insert(0, pages_source)
    return source


def _open_folder_file(
    path: str,
    *,
    progress: _FolderProgress | None,
    on_page: Callable[[Page], None] | None,
    texts: bool,
    use_cache: bool,
) -> Source | str | None:
    """A file inside a folder: its Source, ``"wikitext"`` (read with its siblings later), or
    None when it is not a source at all (README.md, images...: not worth a warning)."""
    name = os.path.basename(path)
    try:
        sniffed = detect.sniff(path)
    except SourceError:
        if name.lower().endswith(
            (*detect.WIKITEXT_EXTENSIONS, ".xml", ".json", ".bz2", ".gz", ".xz", ".lzma")
        ):
            raise  # looks like a source: say why it cannot be read
        return None
    if sniffed.kind is None:
        return None
    if sniffed.kind == "wikitext" and sniffed.compression is None:
        return "wikitext"
    on_progress = progress.file(path) if progress is not None else None
    return _open_file(
        path, on_progress=on_progress, on_page=on_page, texts=texts, use_cache=use_cache
    )


def _problem(path: str, error: SourceError) -> LoadProblem:
    """A failed file inside a folder as a problem of the folder (its path said once)."""
    named, _, rest = error.message.partition(": ")
    if rest and named.startswith(path):
        return LoadProblem(named, rest)  # the message names the file (or one inside ``path``)
    return LoadProblem(path, error.message)
