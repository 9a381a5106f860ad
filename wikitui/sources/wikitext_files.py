"""Plain wikitext files: one file is one revision; a folder of them is one page's history.

Order and metadata (see the README section "Wikitext folders"):

* Without a sidecar, the files are ordered by name, comparing digit runs as numbers
  (``rev2.wiki`` before ``rev10.wiki``); revision *n* (from 1) gets id *n*, its parent is
  revision *n - 1* (the first is a page creation), and there is no timestamp, user or summary.
  The page title is the folder's name (or the file's name without extension) with
  underscores shown as spaces.
* A sidecar ``revisions.json`` in the folder gives the title and, per file, any of
  ``rev_id``, ``parent_id``, ``timestamp`` (ISO 8601), ``user``, ``user_id``, ``anon``,
  ``comment``, ``minor``, ``tags``; its list sets the order. Files it does not list come
  after, by name, with a warning.

A file's size is the UTF-8 length of its text as MediaWiki would store it (BOM dropped, line
ends as LF), so size changes match what the wiki would show.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from typing import Any

from wikitui.errors import SourceError
from wikitui.model import LoadProblem, Page, Revision, Source, normalise_sha1, parse_timestamp
from wikitui.sources import json_input
from wikitui.sources.detect import SIDECAR_NAME, natural_key
from wikitui.sources.loaders import FileLoader, read_wikitext_file

_FIELDS = {
    "rev_id",
    "parent_id",
    "timestamp",
    "user",
    "user_id",
    "anon",
    "comment",
    "minor",
    "tags",
    "file",
    "sha1",
}


def _title_from_name(name: str) -> str:
    return name.replace("_", " ").strip() or name


def _read_sidecar(folder: str) -> dict[str, Any] | None:
    path = os.path.join(folder, SIDECAR_NAME)
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            data = json_input.loads(handle.read())
    except json_input.JsonProblem as error:
        raise SourceError(f"{path}: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"{path}: cannot read: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("revisions", []), list):
        raise SourceError(
            f"{path}: expected an object with 'title' and a 'revisions' list of objects"
        )
    return data


def _timestamp(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"timestamp {value!r} is not a string")
    return parse_timestamp(value)


def _inside(folder: str, name: str) -> str:
    """The path of a file the sidecar names, if it is a regular file inside the folder.

    A sidecar is data, not a licence to read the disk: an absolute path, ``..``, a link
    leading out of the folder, a FIFO or a device (``/dev/zero``) are refused.
    """
    path = os.path.join(folder, name)
    real_folder = os.path.realpath(folder)
    real = os.path.realpath(path)
    if os.path.isabs(name) or os.path.commonpath([real_folder, real]) != real_folder:
        raise ValueError(f"{name!r} is not a file inside the folder")
    try:
        mode = os.stat(real).st_mode
    except OSError as error:
        raise ValueError(f"{name!r}: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        raise ValueError(f"{name!r} is not a regular file")
    return path


_TYPES: dict[str, tuple[type, ...]] = {
    "rev_id": (int,),
    "parent_id": (int,),
    "user_id": (int,),
    "user": (str,),
    "comment": (str,),
    "sha1": (str,),
    "anon": (bool,),
    "minor": (bool,),
}


def _check_types(entry: dict[str, Any]) -> None:
    for name, types in _TYPES.items():
        value = entry.get(name)
        if value is None:
            continue
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            kind = "an integer" if int in types else "true or false" if bool in types else "text"
            raise ValueError(f"{name!r} must be {kind}, not {value!r}"[:200])
        if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value < 1 << 63:
            raise ValueError(f"{name!r} is out of range")


def _revision_from_entry(entry: dict[str, Any], folder: str) -> Revision:
    unknown = set(entry) - _FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    tags = entry.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError("'tags' must be a list of strings")
    _check_types(entry)
    path = _inside(folder, entry["file"])
    text = read_wikitext_file(path)
    revision = Revision(
        rev_id=entry.get("rev_id"),
        parent_id=entry.get("parent_id"),
        timestamp=_timestamp(entry.get("timestamp")),
        user=entry.get("user"),
        user_id=entry.get("user_id"),
        anon=bool(entry.get("anon", False)),
        comment=entry.get("comment", ""),
        minor=bool(entry.get("minor", False)),
        tags=tuple(str(tag) for tag in tags),
        size=len(text.encode("utf-8")),
        sha1=normalise_sha1(entry.get("sha1")),
    )
    revision.text_ref = path
    return revision


def load_wikitext_files(folder: str, files: list[str], *, label_path: str | None = None) -> Source:
    """One page from wikitext files (absolute paths) in ``folder``; see the module docstring."""
    sidecar = _read_sidecar(folder)
    source = Source(path=label_path or folder, kind="wikitext")
    sidecar_path = os.path.join(folder, SIDECAR_NAME)
    if len(files) == 1 and sidecar is None and label_path is not None:
        default_title = os.path.splitext(os.path.basename(files[0]))[0]
    else:
        default_title = os.path.basename(os.path.abspath(folder))
    title = _title_from_name(default_title)
    entries: list[dict[str, Any]] = []
    by_name = {os.path.basename(path): path for path in files}
    if sidecar is not None:
        if isinstance(sidecar.get("title"), str) and sidecar["title"].strip():
            title = sidecar["title"]
        for number, entry in enumerate(sidecar.get("revisions", []), start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
                source.problems.append(
                    LoadProblem(
                        sidecar_path, "entry without a 'file' name skipped", f"entry {number}"
                    )
                )
                continue
            if label_path is not None and entry["file"] not in by_name:
                continue  # a single file opened on its own: only its own entry counts
            entries.append(entry)
        listed = {entry["file"] for entry in entries}
        unlisted = sorted((name for name in by_name if name not in listed), key=natural_key)
        for name in unlisted:
            source.problems.append(
                LoadProblem(sidecar_path, f"{name} is not listed; added after the listed files")
            )
        entries.extend({"file": name} for name in unlisted)
    else:
        entries = [{"file": name} for name in sorted(by_name, key=natural_key)]
    page = Page(title=title, loader=FileLoader(), source_label=source.label)
    numbered = sidecar is None or not any("rev_id" in entry for entry in entries)
    for number, entry in enumerate(entries, start=1):
        path = os.path.join(folder, entry["file"])
        plain_name = os.path.basename(entry["file"]) == entry["file"] not in ("", ".", "..")
        try:
            revision = _revision_from_entry(entry, folder)
        except (ValueError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            where = path if plain_name else sidecar_path  # never echo a path outside as ours
            source.problems.append(LoadProblem(where, f"skipped: {reason}"))
            rev_id = entry.get("rev_id")
            if numbered or isinstance(rev_id, bool) or not isinstance(rev_id, int):
                rev_id = number
            revision = Revision(rev_id=rev_id)
            revision.problem = str(reason)
        if numbered:
            revision.rev_id = number
            revision.parent_id = number - 1
        page.add(revision)
    source.pages.append(page)
    return source
