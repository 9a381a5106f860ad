"""XML exports: real corpus files in every compression and encoding, and hand-made edge cases.

Expected values were read off the files by hand; the oracle test re-reads every file with a
full ElementTree parse (an independent implementation) and compares field by field.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import lzma
import os
import re
import tracemalloc
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitui.errors import TextUnavailable
from wikitui.model import Page, Revision, revision_fields
from wikitui.sources import open_source, stream
from wikitui.sources.detect import ChunkDecompressor
from wikitui.sources.loaders import (
    FileRangeLoader,
    MetadataOnlyLoader,
    SpillLoader,
    unescaped_size,
    xml_text,
)

DATA = Path(__file__).parent / "data" / "sources"
XML = DATA / "xml"
EDGE = DATA / "edge"

PYRUS_FILES = [
    "pywikibot-article-pyrus.xml",
    "pywikibot-article-pyrus.xml.bz2",
    "pywikibot-article-pyrus.xml.gz",
    "pywikibot-article-pyrus.xml.xz",
    "pywikibot-article-pyrus-utf16.xml",
]
ALL_XML = [
    *sorted(p.name for p in XML.iterdir()),
    "../edge/export-0.11-edge-cases.xml",
    "../edge/export-0.4-no-bytes.xml",
]


def _stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _reference(path: Path) -> list[tuple[str, list[dict[str, object]]]]:
    """Pages and revisions read with a full ElementTree parse, the independent oracle."""
    raw = path.read_bytes()
    if raw[:3] == b"BZh":
        raw = bz2.decompress(raw)
    elif raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    elif raw[:6] == b"\xfd7zXZ\x00":
        raw = lzma.decompress(raw)
    elif raw[:1] == b"\x5d":
        raw = lzma.decompress(raw, format=lzma.FORMAT_ALONE)
    if raw[:2] == b"\x00<":  # UTF-16 BE without BOM: ElementTree needs the BOM
        raw = b"\xfe\xff" + raw
    root = ET.fromstring(raw)
    pages = []
    for page in root:
        if not page.tag.endswith("}page"):
            continue
        title = next(c.text for c in page if c.tag.endswith("}title"))
        revisions = []
        for rev in page:
            if not rev.tag.endswith("}revision"):
                continue
            fields = {c.tag.rsplit("}", 1)[1]: c for c in rev}
            contributor = fields["contributor"]
            names = {c.tag.rsplit("}", 1)[1]: c.text for c in contributor}
            text_el = fields["text"]
            text = text_el.text or ""
            comment = fields.get("comment")
            revisions.append(
                {
                    "rev_id": int(fields["id"].text or 0),
                    "timestamp": _stamp(fields["timestamp"].text or ""),
                    "user": names.get("username", names.get("ip")),
                    "anon": "ip" in names,
                    "minor": "minor" in fields,
                    "comment": None if comment is None else (comment.text or ""),
                    "text": None if text_el.get("deleted") else text,
                    "size": int(text_el.get("bytes", len(text.encode("utf-8")))),
                }
            )
        pages.append((title or "", revisions))
    return pages


@pytest.mark.parametrize("name", ALL_XML)
def test_matches_a_full_elementtree_parse(name: str) -> None:
    path = XML / name
    source = open_source(path)
    assert source.kind == "xml"
    assert source.problems == []
    expected = _reference(path)
    assert [page.title for page in source.pages] == [title for title, _ in expected]
    for page, (_, revisions) in zip(source.pages, expected, strict=True):
        assert len(page.revisions) == len(revisions)
        for revision, want in zip(page.revisions, revisions, strict=True):
            assert revision.rev_id == want["rev_id"]
            assert revision.timestamp == want["timestamp"]
            if not revision.user_hidden:
                assert revision.user == want["user"]
            assert revision.anon == want["anon"]
            assert revision.minor == want["minor"]
            if not revision.comment_hidden:
                assert revision.comment == (want["comment"] or "")
            assert revision.size == want["size"]
            if want["text"] is None:
                assert revision.text_hidden
            else:
                assert page.text(revision) == want["text"]


@pytest.mark.parametrize("name", PYRUS_FILES)
def test_pyrus_reads_the_same_in_every_compression_and_encoding(name: str) -> None:
    source = open_source(XML / name)
    page = source.find_page("Pyrus")
    assert page.page_id == 9261472
    assert page.site == "en.wikipedia.org"
    assert [r.rev_id for r in page.revisions] == [
        104997415,
        104997738,
        189729426,
        190346463,
        238138507,
        238392911,
    ]
    assert [r.size for r in page.revisions] == [27, 18, 174, 18, 41, 18]
    assert [r.minor for r in page.revisions] == [False, False, False, True, False, True]
    assert [r.user for r in page.revisions] == [
        "Melburnian",
        "Melburnian",
        "Jkokemueller",
        "IceCreamAntisocial",
        "Cottonapple4",
        "Rkitko",
    ]
    # Schema 0.3 has no <parentid>: unknown, so the previous revision stands in for it.
    assert all(r.parent_id is None for r in page.revisions)
    assert [page.delta(i) for i in range(6)] == [None, -9, 156, -156, 23, -23]
    assert page.text(page.revisions[4]) == "#REDIRECT [[Pear]]\n[[Category:Maloideae]]"
    assert page.revisions[0].timestamp == datetime(2007, 2, 2, 2, 39, 52, tzinfo=UTC)


def test_pear_export_0_3_conversion_script_is_an_ip_and_missing_comments_are_empty() -> None:
    page = open_source(XML / "pywikibot-article-pear.xml").find_page("Pear")
    first = page.revisions[0]
    assert (first.user, first.anon, first.user_id) == ("Conversion script", True, None)
    assert first.comment == "Automated conversion"
    assert page.revisions[1].comment == ""
    assert [r.size for r in page.revisions] == [893, 938, 920, 920]
    assert [page.delta(i) for i in range(4)] == [None, 45, -18, 0]
    # Entities in the text come back as characters.
    assert page.text(first).startswith("Pears are [[tree]]s of the [[genus]] <em>Pyrus</em>")


def test_pear_export_0_10_fields() -> None:
    page = open_source(XML / "pywikibot-article-pear-0.10.xml").find_page("Pear")
    (revision,) = page.revisions
    assert revision.rev_id == 638548877
    assert revision.parent_id == 638548865
    assert page.delta(0) is None  # the parent is not in the file
    # base 36 in the file (1ywwm7o751gkr3fj9l7rqpl0s8o87b1), hex like the API's: the text's SHA-1
    assert revision.sha1 == "10dd08b7f0357663d984ccea2dc293081860cefd"
    assert hashlib.sha1(page.text(revision).encode()).hexdigest() == revision.sha1
    assert (revision.content_model, revision.content_format) == ("wikitext", "text/x-wiki")
    assert revision.minor and revision.user == "ClueBot NG" and revision.user_id == 13286072
    assert revision.size == 25986
    assert len(page.text(revision).encode("utf-8")) == 25986


def test_two_pages_with_non_ascii_titles_and_creations_without_parentid() -> None:
    source = open_source(XML / "pywikibot-pair-0.10.xml")
    assert [(p.title, p.namespace, p.page_id) for p in source.pages] == [
        ("Çullu, Agdam", 0, 19252820),
        ("Talk:Çullu, Agdam", 1, 19252824),
    ]
    page = source.pages[0]
    # Schema >= 0.5 omits <parentid> only for a page creation: parent 0, delta = whole size.
    assert page.revisions[0].parent_id == 0
    assert page.delta(0) == 30
    assert page.revisions[1].parent_id == 237382899
    assert page.delta(1) == 305 - 30
    # "&amp;#32;" in the file is the literal text "&#32;" in the summary.
    assert page.revisions[0].comment == "moved [[Çullu, Agdam]] to [[Çullu, Quzanlı]]:&#32;dab"
    assert page.text(page.revisions[0]) == "#REDIRECT [[Çullu, Quzanlı]]"


def test_lzma_alone_file() -> None:
    page = open_source(XML / "wikiwho-talk-pilsbury-block.xml.lzma").find_page(None)
    assert page.title == "Talk:Pilsbury Block"
    (revision,) = page.revisions
    assert revision.sha1 == "d3d38399accd1955ac1186c076a5232b92a10db9"
    assert page.text(revision).endswith("{{reqphoto|in=Maine}}")


def test_anarchism_first_200_revisions_from_bz2() -> None:
    page = open_source(XML / "anarchism-first200.xml.bz2", use_cache=False).find_page("anarchism")
    assert len(page.revisions) == 200
    assert page.revisions[0].rev_id == 233194
    assert page.revisions[0].timestamp == datetime(2001, 10, 11, 20, 18, 47, tzinfo=UTC)
    assert page.revisions[-1].rev_id == 362658
    assert sum(r.anon for r in page.revisions) == 50  # 50 <ip> contributors in the file
    assert sum(r.minor for r in page.revisions) == 54
    assert isinstance(page.loader, SpillLoader)
    assert page.text(page.revisions[-1]).startswith("[[eo:Anarkismo]]")


def test_export_0_11_edge_cases() -> None:
    source = open_source(EDGE / "export-0.11-edge-cases.xml")
    assert source.problems == []
    page, talk = source.pages
    assert page.title == "Edge case Ω" and page.site == "test.example.org"
    created, ip_edit, hidden, blanked, two_slots = page.revisions

    assert created.parent_id == 0 and page.delta(0) == 33
    assert created.comment == "Created page with '''bold''' & <tag>"
    assert page.text(created) == "Hello <b>wörld</b> & 日本 😀"
    assert created.sha1 == "0" * 39 + "1"  # base 36 "000…01" in the file

    assert (ip_edit.user, ip_edit.anon, ip_edit.user_id, ip_edit.minor) == (
        "192.0.2.7",
        True,
        None,
        True,
    )
    assert ip_edit.tags == ("mobile edit", "visualeditor")
    assert page.text(ip_edit) == "Hello <b>wörld</b> & 日本 😀\nmore"
    assert page.delta(1) == 5

    assert hidden.user_hidden and hidden.comment_hidden and hidden.text_hidden
    assert hidden.size == 40 and page.delta(2) == 2
    with pytest.raises(TextUnavailable):
        page.text(hidden)
    fields = revision_fields(page, 2)
    assert (fields["user"], fields["user_id"], fields["comment"]) == (None, None, None)
    assert fields["text_hidden"] is True

    assert blanked.comment == "" and blanked.size == 0 and page.text(blanked) == ""
    assert page.delta(3) == -40

    # The main slot's text, not the secondary <content> slot's.
    assert page.text(two_slots) == "Main text"
    assert two_slots.tags == ("odd--tag",)
    assert two_slots.user == "Zoë"

    assert talk.redirect == "Edge case Ω" and talk.namespace == 1
    assert talk.revisions[0].parent_id == 0


def test_export_0_4_without_bytes_attribute_computes_sizes_from_unescaped_text() -> None:
    page = open_source(EDGE / "export-0.4-no-bytes.xml").find_page("Entities")
    # 'a <b> & é 😀 "q"' is 19 bytes of UTF-8; the empty text 0; "plain" 5.
    assert [r.size for r in page.revisions] == [19, 0, 5]
    assert page.text(page.revisions[0]) == 'a <b> & é 😀 "q"'
    assert page.text(page.revisions[1]) == ""
    assert [page.delta(i) for i in range(3)] == [None, -19, 5]
    assert all(r.parent_id is None for r in page.revisions)  # 0.4: no <parentid> at all


def test_malformed_revisions_are_marked_and_the_rest_loads() -> None:
    source = open_source(EDGE / "malformed-revision.xml")
    page = source.find_page("Damaged")
    assert [r.rev_id for r in page.revisions] == [90, 91, 92, 93]
    assert [r.problem is not None for r in page.revisions] == [False, True, True, False]
    assert [(p.location, "revision" in p.message) for p in source.problems] == [
        ("line 16", True),
        ("line 24", True),
    ]
    assert "91" in source.problems[0].message and "92" in source.problems[1].message
    assert page.text(page.revisions[3]) == "fourth text"
    with pytest.raises(TextUnavailable):
        page.text(page.revisions[1])


@pytest.mark.parametrize("chunk", [1, 7, 64, 4096])
@pytest.mark.parametrize(
    "name",
    [
        "xml/pywikibot-article-pyrus.xml",
        "xml/pywikibot-article-pyrus-utf16.xml",
        "xml/pywikibot-pair-0.10.xml",
        "edge/export-0.11-edge-cases.xml",
        "edge/export-0.4-no-bytes.xml",
        "edge/malformed-revision.xml",
    ],
)
def test_tiny_read_chunks_give_identical_results(
    name: str, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every element boundary falls across a chunk boundary somewhere."""
    path = DATA / name
    normal = open_source(path)
    monkeypatch.setattr(stream, "CHUNK_SIZE", chunk)
    small = open_source(path)
    assert [str(p) for p in small.problems] == [str(p) for p in normal.problems]
    for page_a, page_b in zip(normal.pages, small.pages, strict=True):
        assert page_a.revisions == page_b.revisions
        for revision in page_b.revisions:
            if not revision.text_hidden and not revision.problem:
                assert page_b.text(revision) == _text_or_none(page_a, revision.rev_id)


def _text_or_none(page: Page, rev_id: int | None) -> str | None:
    assert rev_id is not None
    revision = page.get(rev_id)
    assert revision is not None
    return page.text(revision)


def test_plain_files_read_texts_by_byte_range_on_demand(tmp_path: Path) -> None:
    copy = tmp_path / "pyrus.xml"
    copy.write_bytes((XML / "pywikibot-article-pyrus.xml").read_bytes())
    page = open_source(copy).find_page("Pyrus")
    assert isinstance(page.loader, FileRangeLoader)
    offset, length = page.revisions[0].text_ref
    assert copy.read_bytes()[offset : offset + length] == b"#REDIRECT [[Pyrus (brand)]]"
    assert not hasattr(page.revisions[0], "text")  # texts are never stored on revisions
    assert page.text(page.revisions[0]) == "#REDIRECT [[Pyrus (brand)]]"


def test_compressed_files_spill_texts_and_release_them() -> None:
    page = open_source(XML / "pywikibot-article-pyrus.xml.bz2", use_cache=False).find_page("Pyrus")
    loader = page.loader
    assert isinstance(loader, SpillLoader)
    assert loader.spilled_bytes > 0
    assert page.text(page.revisions[2]).startswith("'''Pyrus''' may refer to:")
    loader.close()
    with pytest.raises(TextUnavailable):
        page.text(page.revisions[2])


def test_metadata_only_opening_of_compressed_files() -> None:
    page = open_source(
        XML / "pywikibot-article-pyrus.xml.gz", texts=False, use_cache=False
    ).find_page(None)
    assert isinstance(page.loader, MetadataOnlyLoader)
    assert [r.size for r in page.revisions] == [27, 18, 174, 18, 41, 18]
    with pytest.raises(TextUnavailable, match="metadata only"):
        page.text(page.revisions[0])


def test_memory_does_not_hold_the_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """About 9 MB of text goes through; Python-side memory stays a fraction of that."""
    body = (XML / "pywikibot-article-pear-0.10.xml").read_text("utf-8")
    text = body[body.index("<text") : body.index("</text>")].split(">", 1)[1]  # 25 KB escaped
    revisions = "".join(
        f"<revision><id>{n}</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
        f"<contributor><ip>192.0.2.1</ip></contributor>"
        f'<text xml:space="preserve">{n} {text[n:]}</text></revision>\n'
        for n in range(360)
    )
    export = (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">'
        f"<page><title>Big</title>{revisions}</page></mediawiki>"
    )
    path = tmp_path / "big.xml.gz"
    path.write_bytes(gzip.compress(export.encode("utf-8"), 1))
    monkeypatch.setattr(stream, "CHUNK_SIZE", 64 * 1024)
    monkeypatch.setattr(SpillLoader, "BLOCK_SIZE", 64 * 1024)
    monkeypatch.setattr(ChunkDecompressor, "INPUT_SIZE", 64 * 1024)
    tracemalloc.start()
    try:
        source = open_source(path, use_cache=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    page = source.pages[0]
    assert len(page.revisions) == 360 and len(export) > 8_000_000
    assert peak < 3_000_000
    assert page.text(page.revisions[200]).startswith("200 ")


def test_callbacks_report_pages_as_they_start_and_progress_to_the_end() -> None:
    seen: list[tuple[str, int]] = []
    progress: list[tuple[int, int]] = []
    source = open_source(
        XML / "pywikibot-pair-0.10.xml",
        on_page=lambda page: seen.append((page.title, len(page.revisions))),
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert seen == [("Çullu, Agdam", 0), ("Talk:Çullu, Agdam", 0)]
    size = os.path.getsize(XML / "pywikibot-pair-0.10.xml")
    assert progress[-1] == (size, size)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    assert len(source.pages[1].revisions) == 2


def test_inputs_are_never_modified() -> None:
    def snapshot() -> dict[str, tuple[str, int]]:
        return {
            str(path): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in sorted(DATA.rglob("*"))
            if path.is_file()
        }

    before = snapshot()
    source = open_source(DATA)
    for page in source.all_pages():
        for revision in page.revisions:
            if not revision.text_hidden and not revision.problem and revision.text_ref is not None:
                page.text(revision)
    assert snapshot() == before


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_unescaped_size_matches_the_resolved_text(text: str) -> None:
    """The shortcut size of an escaped body equals the UTF-8 length of the resolved text."""
    raw = escape(text, {'"': "&quot;", "'": "&apos;", "\r": "&#13;"})
    raw = re.sub("[\U00010000-\U0010ffff]", lambda m: f"&#x{ord(m[0]):X};", raw)
    data = raw.encode("utf-8", errors="surrogatepass")
    resolved = xml_text(data)
    assert resolved == text
    assert unescaped_size(data) == len(text.encode("utf-8", errors="surrogatepass"))


def test_stub_dump_revisions_have_sizes_but_no_text(tmp_path: Path) -> None:
    """Metadata-only ("stub") dumps write <text bytes="N" id="..." /> without the text."""
    data = (EDGE / "export-0.11-edge-cases.xml").read_text("utf-8")
    data = data.replace(
        '<text bytes="9" sha1="0000000000000000000000000000005" xml:space="preserve">'
        "Main text</text>",
        '<text bytes="9" id="77" />',
    )
    path = tmp_path / "stub.xml"
    path.write_text(data, "utf-8")
    page = open_source(path).find_page("Edge case Ω")
    stub = page.revisions[4]
    assert stub.size == 9 and not stub.text_hidden
    with pytest.raises(TextUnavailable, match="no text"):
        page.text(stub)
    assert page.text(page.revisions[3]) == ""  # a real empty text: bytes="0"


def test_spilled_texts_in_many_blocks_equal_the_plain_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "anarchism.xml"
    plain.write_bytes(bz2.decompress((XML / "anarchism-first200.xml.bz2").read_bytes()))
    monkeypatch.setattr(SpillLoader, "BLOCK_SIZE", 50_000)
    spilled = open_source(XML / "anarchism-first200.xml.bz2", use_cache=False).pages[0]
    direct = open_source(plain).pages[0]
    loader = spilled.loader
    assert isinstance(loader, SpillLoader)
    assert len({r.text_ref[0] for r in spilled.revisions if r.text_ref}) > 20  # many blocks
    # Backwards, so most loads miss the two-block cache.
    for a, b in zip(reversed(spilled.revisions), reversed(direct.revisions), strict=True):
        assert spilled.text(a) == direct.text(b)
    # Consecutive revisions are nearly the same: LZMA blocks keep the spill far smaller.
    assert loader.spilled_bytes < plain.stat().st_size / 10


def test_spill_switches_to_zlib_for_unrelated_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    monkeypatch.setattr(SpillLoader, "BLOCK_SIZE", 10_000)
    rng = random.Random(4)
    texts = ["".join(rng.choice("abcdefghij &;") for _ in range(3000)) for _ in range(30)]
    loader = SpillLoader("test")
    revisions = []
    for number, text in enumerate(texts):
        revision = Revision(rev_id=number)
        revision.text_ref = loader.store(text.replace("&", "&amp;").encode())
        revisions.append(revision)
    revision = Revision(rev_id=99)
    revision.text_ref = loader.store(b"")
    loader.finish()
    assert loader.load_text(revision) == ""
    assert {codec for _, _, codec in loader._blocks} == {"lzma", "zlib"}
    for revision, text in zip(revisions, texts, strict=False):
        assert loader.load_text(revision) == text
    loader.close()


def test_unknown_elements_in_a_page_are_stepped_over(tmp_path: Path) -> None:
    data = (XML / "pywikibot-pair-0.10.xml").read_text("utf-8")
    upload = (
        '<upload><timestamp>2008-01-01T00:00:00Z</timestamp><contents encoding="base64">'
        + "QUJD" * 5000
        + "</contents></upload>\n  </page>"
    )
    data = data.replace("</page>", upload, 1)
    path = tmp_path / "upload.xml"
    path.write_text(data, "utf-8")
    source = open_source(path)
    assert [len(page.revisions) for page in source.pages] == [2, 2]
    assert source.problems == []
