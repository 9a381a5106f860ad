"""What ``wikitui fetch`` writes, the XML loader reads back exactly (texts, tags, hidden flags).

Also: other encodings and compressions of the same export give the same history.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wikitui.fetch.export import ExportRevision, PageInfo, SiteInfo, write_export
from wikitui.model import revision_fields
from wikitui.sources import open_source, stream
from wikitui.sources.detect import ChunkDecompressor

SITE = SiteInfo(sitename="Wikipedia", base="https://en.wikipedia.org/wiki/Main_Page")

# Characters XML 1.0 can carry (the writer replaces the others), including CR, which it
# writes as &#13; so that it survives line-end normalisation.
xml_chars = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff",
)
texts = st.text(xml_chars, max_size=300)


def _revisions() -> list[ExportRevision]:
    return [
        ExportRevision(
            rev_id=10,
            parent_id=0,
            timestamp="2020-01-01T00:00:00Z",
            user="Alice",
            user_id=5,
            comment="new <page> & such",
            text="line one\r\nline <two> & 'three' \"four\" 😀\n",
            tags=("visualeditor", "odd--tag-"),
        ),
        ExportRevision(
            rev_id=11,
            parent_id=10,
            timestamp="2020-01-02T00:00:00Z",
            user="2001:db8::1",
            minor=True,
            comment="/* Intro */ ip edit",
            text="",
        ),
        ExportRevision(
            rev_id=12,
            parent_id=11,
            timestamp="2020-01-03T00:00:00Z",
            user_hidden=True,
            comment_hidden=True,
            text_hidden=True,
            size=77,
        ),
    ]


def test_fetch_writer_output_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    write_export(path, SITE, PageInfo("Round trip", 0, 3), _revisions())
    page = open_source(path).find_page("Round trip")
    first, ip_edit, hidden = page.revisions
    assert page.text(first) == "line one\r\nline <two> & 'three' \"four\" 😀\n"
    assert first.size == len(page.text(first).encode("utf-8"))
    assert first.tags == ("visualeditor", "odd--tag-")
    assert first.comment == "new <page> & such"
    assert first.parent_id == 0 and first.timestamp == datetime(2020, 1, 1, tzinfo=UTC)
    assert (ip_edit.user, ip_edit.anon, ip_edit.minor) == ("2001:db8::1", True, True)
    assert page.text(ip_edit) == "" and ip_edit.size == 0
    assert hidden.user_hidden and hidden.comment_hidden and hidden.text_hidden
    assert hidden.size == 77
    assert revision_fields(page, 2)["delta"] == 77


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    bodies=st.lists(texts, min_size=1, max_size=4),
    comment=texts,
    tags=st.lists(st.text(xml_chars, min_size=1, max_size=12), max_size=3),
    chunk=st.sampled_from([1, 5, 64, 4 << 20]),
)
def test_any_text_round_trips(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    bodies: list[str],
    comment: str,
    tags: list[str],
    chunk: int,
) -> None:
    monkeypatch.setattr(stream, "CHUNK_SIZE", chunk)
    revisions = [
        ExportRevision(
            rev_id=100 + i,
            parent_id=99 + i if i else 0,
            timestamp=f"2021-03-0{i + 1}T12:00:00Z",
            user="Bob",
            user_id=1,
            comment=comment,
            text=body,
            tags=tuple(tags),
        )
        for i, body in enumerate(bodies)
    ]
    path = tmp_path / "any.xml"
    write_export(path, SITE, PageInfo("Any", 0, 1), revisions)
    for candidate in (path, _compressed(path, "bz2")):
        page = open_source(candidate).find_page("Any")
        for revision, body in zip(page.revisions, bodies, strict=True):
            clean = xml_export_clean(body)
            assert page.text(revision) == clean
            assert revision.size == len(clean.encode("utf-8"))
            assert revision.tags == tuple(xml_export_clean(tag) for tag in tags)
            assert revision.comment == (xml_export_clean(comment) if comment else "")


def xml_export_clean(text: str) -> str:
    """What the writer keeps of a string (it replaces characters XML cannot hold)."""
    from wikitui.fetch.export import _clean

    return _clean(text)


def _compressed(path: Path, kind: str, folder: Path | None = None) -> Path:
    data = path.read_bytes()
    target = (folder or path.parent) / (path.name + "." + kind)
    packers = {
        "bz2": bz2.compress,
        "gz": gzip.compress,
        "xz": lzma.compress,
        "lzma": lambda raw: lzma.compress(raw, format=lzma.FORMAT_ALONE),
    }
    target.write_bytes(packers[kind](data))
    return target


PYRUS = Path(__file__).parent / "data" / "sources" / "xml" / "pywikibot-article-pyrus.xml"


def _pyrus_history(path: Path) -> list[tuple[object, ...]]:
    page = open_source(path).find_page("Pyrus")
    return [(r.rev_id, r.size, r.user, r.comment, page.text(r)) for r in page.revisions]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")],
)
def test_other_encodings_with_a_byte_order_mark(encoding: str, bom: bytes, tmp_path: Path) -> None:
    text = PYRUS.read_text("utf-8")
    path = tmp_path / "pyrus.xml"
    path.write_bytes(bom + text.encode(encoding))
    assert _pyrus_history(path) == _pyrus_history(PYRUS)


def test_latin_1_declared_encoding(tmp_path: Path) -> None:
    text = PYRUS.read_text("utf-8").replace("←", "&#8592;")  # not in Latin-1
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + text.replace("Rkitko", "Rkitkö")
    path = tmp_path / "latin1.xml"
    path.write_bytes(text.encode("latin-1"))
    page = open_source(path).find_page("Pyrus")
    assert page.revisions[-1].user == "Rkitkö"
    assert page.revisions[4].comment == "[[WP:AES|←]] Redirected page to [[Pear]]"
    assert page.text(page.revisions[2]).startswith("'''Pyrus''' may refer to:")


@pytest.mark.parametrize("kind", ["bz2", "gz", "xz", "lzma"])
def test_every_compression_by_content_not_name(kind: str, tmp_path: Path) -> None:
    packed = _compressed(PYRUS, kind, tmp_path)
    renamed = tmp_path / f"no-extension-{kind}"
    packed.rename(renamed)
    assert _pyrus_history(renamed) == _pyrus_history(PYRUS)


def test_compressed_api_json(tmp_path: Path) -> None:
    api = Path(__file__).parent / "data" / "sources" / "api" / "pyrus-fv2-slots.json"
    path = tmp_path / "pyrus.json.gz"
    path.write_bytes(gzip.compress(api.read_bytes()))
    page = open_source(path).find_page("Pyrus")
    assert [r.rev_id for r in page.revisions] == [2, 3, 4, 5, 6, 7]


def test_windows_line_ends_read_as_the_wiki_stores_them(tmp_path: Path) -> None:
    path = tmp_path / "crlf.xml"
    path.write_bytes(PYRUS.read_bytes().replace(b"\n", b"\r\n"))
    assert _pyrus_history(path) == _pyrus_history(PYRUS)


def test_compressed_utf16(tmp_path: Path) -> None:
    utf16 = Path(__file__).parent / "data" / "sources" / "xml" / "pywikibot-article-pyrus-utf16.xml"
    path = _compressed(utf16, "gz", tmp_path)
    assert _pyrus_history(path) == _pyrus_history(PYRUS)


@pytest.mark.parametrize(
    ("kind", "pack"),
    [
        ("bz2", bz2.compress),
        ("gzip", gzip.compress),
        ("xz", lzma.compress),
    ],
)
def test_concatenated_streams_are_read_whole(kind: str, pack: Callable[[bytes], bytes]) -> None:
    """Multistream bzip2 dumps, gzip members and xz streams follow one another."""
    data = PYRUS.read_bytes()
    half = len(data) // 2
    packed = pack(data[:half]) + pack(data[half:])
    stream = ChunkDecompressor(io.BytesIO(packed), kind)
    pieces = iter(lambda: stream.read(100), b"")
    assert b"".join(pieces) == data


@pytest.mark.parametrize("kind", ["bz2", "gzip", "xz", "lzma"])
def test_truncated_and_trailing_bytes(kind: str) -> None:
    packers = {
        "bz2": bz2.compress,
        "gzip": gzip.compress,
        "xz": lzma.compress,
        "lzma": lambda raw: lzma.compress(raw, format=lzma.FORMAT_ALONE),
    }
    data = PYRUS.read_bytes()
    packed = packers[kind](data)
    with pytest.raises(EOFError):
        ChunkDecompressor(io.BytesIO(packed[:-30]), kind).read()
    if kind != "lzma":  # the "alone" format has no end marker to stop at
        tolerant = ChunkDecompressor(io.BytesIO(packed + b"\0\0junk"), kind)
        assert tolerant.read() == data
    assert ChunkDecompressor(io.BytesIO(packed), kind).read(0) == b""
