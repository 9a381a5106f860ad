"""Hostile inputs of issue 14, written into a folder: shared by the CLI, app and fuzz tests.

Each builder takes a folder and returns the path to open. The texts are small and made here
(an API response, an export, a wikitext folder with a ``revisions.json`` sidecar) so that the
one thing wrong with each is plain to see.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

Builder = Callable[[Path], Path]


def api_revision(revid: Any = 2, timestamp: str = "2020-01-02T00:00:00Z", **more: Any) -> dict:
    """One formatversion=2 revision object."""
    return {
        "revid": revid,
        "parentid": 0,
        "timestamp": timestamp,
        "user": "U",
        "comment": "c",
        "slots": {"main": {"content": "text"}},
        **more,
    }


def api_response(revisions: Any, **page: Any) -> str:
    """A ``prop=revisions`` response with one page, as JSON text."""
    entry: dict[str, Any] = {"pageid": 1, "ns": 0, "title": "T", "revisions": revisions}
    entry.update(page)
    return json.dumps({"query": {"pages": [entry]}})


def xml_revision(
    rev_id: str = "2",
    parent: str = "0",
    timestamp: str = "2020-01-02T00:00:00Z",
    text: str = "text",
    extra: str = "",
) -> str:
    """One ``<revision>`` of an export (schema 0.10)."""
    return (
        f"<revision><id>{rev_id}</id><parentid>{parent}</parentid>"
        f"<timestamp>{timestamp}</timestamp>"
        "<contributor><username>U</username><id>1</id></contributor><comment>c</comment>"
        f"{extra}<model>wikitext</model><format>text/x-wiki</format>"
        f'<text bytes="{len(text.encode())}" xml:space="preserve">{text}</text></revision>'
    )


def xml_export(revisions: str, *, declaration: str = "", page_id: str = "1") -> str:
    """An export of the page "T" holding ``revisions``."""
    return (
        f'{declaration}<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" '
        f'version="0.10"><page><title>T</title><ns>0</ns><id>{page_id}</id>'
        f"{revisions}</page></mediawiki>"
    )


def file(name: str, content: str | bytes) -> Builder:
    """A builder writing one file."""

    def build(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return build


def sidecar_folder(entries: list[Any], title: Any = "P") -> Builder:
    """A wikitext folder (a.wiki, b.wiki) whose sidecar lists ``entries``."""

    def build(folder: Path) -> Path:
        page = folder / "page"
        page.mkdir()
        (page / "a.wiki").write_text("first", encoding="utf-8")
        (page / "b.wiki").write_text("second", encoding="utf-8")
        sidecar = {"title": title, "revisions": entries}
        (page / "revisions.json").write_text(json.dumps(sidecar), encoding="utf-8")
        return page

    return build


def fifo(name: str) -> Builder:
    """A FIFO that nobody writes to."""

    def build(folder: Path) -> Path:
        os.mkfifo(folder / name)
        return folder / name

    return build


def folder_with_fifo(folder: Path) -> Path:
    """A wikitext folder with a FIFO among its files."""
    page = folder / "page"
    page.mkdir()
    (page / "a.wiki").write_text("first", encoding="utf-8")
    os.mkfifo(page / "b.wiki")
    return page


def folder_with_symlink_loops(folder: Path) -> Path:
    """A folder holding two symbolic links to itself."""
    page = folder / "loop"
    page.mkdir()
    (page / "a.wiki").write_text("first", encoding="utf-8")
    os.symlink(".", page / "x")
    os.symlink(".", page / "y")
    return page


def with_surrogate(text: str) -> str:
    """JSON text whose ``\\\\ud800`` (escaped twice by json.dumps) becomes a lone surrogate."""
    return text.replace("\\\\ud800", "\\ud800")


def replaced(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


NAIVE_AND_Z = api_response(
    [api_revision(2, "2020-01-02T00:00:00Z"), api_revision(3, "2020-01-03T00:00:00")]
)
REVID_77 = api_response([api_revision(77)])
WITH_NS_1 = api_response([api_revision()], ns=1)
YEAR_1 = xml_export(xml_revision(timestamp="0001-01-01T00:00:00+05:00"))
SURROGATE_REF = xml_export(xml_revision(text="a&#xD800;b"))


def folder_with_link_out(folder: Path) -> Path:
    """A wikitext folder whose sidecar names a link, inside it, to a file outside it."""
    page = sidecar_folder([{"file": "a.wiki"}, {"file": "b.wiki"}, {"file": "c.wiki"}])(folder)
    secret = folder / "secret.txt"
    secret.write_text("SECRET OUTSIDE THE FOLDER", encoding="utf-8")
    os.symlink(secret, page / "c.wiki")
    return page


# The machine's name: a sidecar that names /etc/hostname must not show it.
HOSTNAME = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""

# The inputs that the CLI and the app tests both open, by the id of their case; each test
# says what it expects of them.
INPUTS: dict[str, Builder] = {
    "api-naive-and-z": file("a.json", NAIVE_AND_Z),
    "api-revisions-number": file("a.json", api_response(5)),
    "api-lone-surrogate": file(
        "a.json", with_surrogate(api_response([api_revision(comment="x\ud800y")]))
    ),
    "api-ns-nan": file("a.json", replaced(WITH_NS_1, '"ns": 1', '"ns": NaN')),
    "api-revid-infinity": file("a.json", replaced(REVID_77, '"revid": 77', '"revid": Infinity')),
    "api-5000-digit-integer": file(
        "a.json", replaced(REVID_77, '"revid": 77', '"revid": ' + "9" * 5000)
    ),
    "api-deep-nesting": file("a.json", "[" * 100_000 + "]" * 100_000),
    "xml-encoding-base64": file(
        "a.xml", xml_export(xml_revision(), declaration='<?xml version="1.0" encoding="base64"?>')
    ),
    "xml-year-1": file("a.xml", YEAR_1),
    "xml-surrogate-reference": file("a.xml", SURROGATE_REF),
    "render-nested-200-deep": file("a.wiki", "{{{" * 200 + "}}}" * 200),
    "fifo-as-the-source": fifo("p.xml"),
    "fifo-in-a-folder": folder_with_fifo,
    "two-symlinks-to-dot": folder_with_symlink_loops,
}
