"""The schema 0.11 writer: sha1 in base 36, escaping, the tags comment, atomic replacement."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import IO

import pytest

from wikitui.errors import FetchError
from wikitui.fetch.export import (
    ExportRevision,
    PageInfo,
    SiteInfo,
    revision_xml,
    sha1_hex_to_base36,
    tags_comment,
    write_atomically,
    write_export,
)
from wikitui.model import normalise_sha1
from wikitui.sources import open_source

NS = "{http://www.mediawiki.org/xml/export-0.11/}"

# (API hex, MediaWiki export base 36) pairs for the same revisions of the test wiki, read
# from the API response and from dumpBackup.php's output (tests/data/fetch/).
SHA1_PAIRS = [
    ("0ac40764639c175837a43f3048d39d3918797df2", "199smzf0037us8vth9q0basobzkt81e"),
    ("5f9690af121b99cc0708a05ce4c8de31fb6678ab", "b5ytrwfmqo6b13el2hspc552x3mh2gb"),
    ("df6551e4c214893e9851c8271ed10e13ab8ae78d", "q3f9vod8nhqdt9o46dbuog86h5nezrh"),
    ("ebb19048ef10539f5ec5a14bcfbcbde56f61528a", "rj50bbpcepgcg6k5qeg0qfikkzgevey"),
]


@pytest.mark.parametrize(("hex_digest", "base36"), SHA1_PAIRS)
def test_sha1_base36_as_mediawiki_writes_it(hex_digest: str, base36: str) -> None:
    assert sha1_hex_to_base36(hex_digest) == base36
    assert normalise_sha1(base36) == hex_digest
    assert normalise_sha1(hex_digest) == hex_digest


def test_sha1_base36_is_zero_padded() -> None:
    assert sha1_hex_to_base36("0" * 39 + "1") == "0" * 30 + "1"
    assert sha1_hex_to_base36("0" * 40) == "0" * 31
    assert normalise_sha1("not base36!") is None


def _comment_payload(comment: str) -> list[str]:
    assert comment.startswith("<!-- wikitui:tags ") and comment.endswith(" -->")
    body = comment[len("<!-- ") : -len(" -->")]
    assert "--" not in body  # XML forbids it inside a comment
    result: list[str] = json.loads(body.removeprefix("wikitui:tags "))
    return result


@pytest.mark.parametrize(
    "tags",
    [
        ["mw-reverted"],
        ["dash--tag", "---", "-"],
        ["visualeditor", "Éditeur visuel", 'quote"d', "back\\slash"],
    ],
)
def test_tags_comment_round_trips(tags: list[str]) -> None:
    assert _comment_payload(tags_comment(tags)) == tags


def _revision(**changes: object) -> ExportRevision:
    fields: dict[str, object] = {
        "rev_id": 10,
        "parent_id": 9,
        "timestamp": "2024-05-01T12:00:00Z",
        "user": "Ann",
        "user_id": 7,
        "comment": "c",
        "sha1": "0ac40764639c175837a43f3048d39d3918797df2",
        "text": "x",
    }
    fields.update(changes)
    return ExportRevision(**fields)  # type: ignore[arg-type]


def _parse_revision(xml: str) -> ET.Element:
    root = ET.fromstring(
        f'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">{xml}</mediawiki>'
    )
    element = root.find(f"{NS}revision")
    assert element is not None
    return element


def test_text_keeps_every_character() -> None:
    text = "a < b && c > d\r\nline two\ttab ]]> \"q\" 'a' 🍐 \x07bell"
    element = _parse_revision(revision_xml(_revision(text=text)))
    # Carriage returns survive (as &#13;); a control character XML can't hold becomes U+FFFD.
    assert element.findtext(f"{NS}text") == text.replace("\x07", "\ufffd")


def test_characters_xml_cannot_hold_become_replacement_characters() -> None:
    # Hangul shares UTF-8's lead byte 0xED with the surrogates, and must survive as it is.
    text = "한국어 힣 \ufffe \uffff \ud800 lone \x00 \x1f end"
    element = _parse_revision(revision_xml(_revision(text=text)))
    assert element.findtext(f"{NS}text") == "한국어 힣 \ufffd \ufffd \ufffd lone \ufffd \ufffd end"
    text_element = element.find(f"{NS}text")
    assert text_element is not None
    # bytes and sha1 describe the text as the wiki sent it (as MediaWiki's own dumps do).
    assert text_element.get("bytes") == str(len(text.encode("utf-8", "surrogatepass")))


def test_contributor_forms() -> None:
    ip = _parse_revision(revision_xml(_revision(user="2001:db8::1", user_id=0)))
    assert ip.findtext(f"{NS}contributor/{NS}ip") == "2001:db8::1"
    assert ip.find(f"{NS}contributor/{NS}username") is None
    imported = _parse_revision(revision_xml(_revision(user="imported>Old", user_id=0)))
    assert imported.findtext(f"{NS}contributor/{NS}username") == "imported>Old"
    assert imported.findtext(f"{NS}contributor/{NS}id") == "0"
    hidden = _parse_revision(revision_xml(_revision(user=None, user_hidden=True)))
    contributor = hidden.find(f"{NS}contributor")
    assert contributor is not None and contributor.get("deleted") == "deleted"
    assert list(contributor) == []


def test_page_creation_has_no_parentid_and_empty_comment_is_left_out() -> None:
    element = _parse_revision(revision_xml(_revision(parent_id=0, comment="")))
    assert element.find(f"{NS}parentid") is None
    assert element.find(f"{NS}comment") is None


def test_hidden_text_keeps_its_size() -> None:
    element = _parse_revision(revision_xml(_revision(text=None, text_hidden=True, size=1234)))
    text = element.find(f"{NS}text")
    assert text is not None
    assert text.attrib == {"bytes": "1234", "deleted": "deleted"}
    assert element.findtext(f"{NS}sha1") == ""  # <sha1/>: empty, as MediaWiki writes it


def _export(path: Path, revisions: list[ExportRevision]) -> None:
    site = SiteInfo(sitename="Test", dbname="testwiki", case="first-letter")
    write_export(path, site, PageInfo('Ünï <&> "title"', 0, 42, redirect="Target"), revisions)


def test_written_file_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "t.xml"
    _export(path, [_revision(rev_id=1, parent_id=0, text="one"), _revision(rev_id=2, parent_id=1)])
    page = open_source(str(path)).pages[0]
    assert page.title == 'Ünï <&> "title"'
    assert page.redirect == "Target"
    assert [r.rev_id for r in page.revisions] == [1, 2]
    assert page.text(page.revisions[0]) == "one"


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "t.xml"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)

    def fail(handle: IO[bytes]) -> None:
        handle.write(b"partial")
        raise OSError(28, "No space left on device")

    with pytest.raises(FetchError, match=r"^cannot write .*t\.xml: No space left on device$"):
        write_atomically(path, fail)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xml"]

    write_atomically(path, lambda handle: handle.write(b"new") and None)
    assert path.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o777 == 0o640  # the user's permissions are kept


def test_atomic_write_into_a_missing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    with pytest.raises(FetchError, match=r"^cannot write in .*gone: No such file or directory$"):
        write_atomically(folder / "x.xml", lambda handle: None)
    assert not folder.exists()


def test_null_revision_shares_its_parents_origin(tmp_path: Path) -> None:
    """A revision with its parent's exact content (a page move, a protection) points
    ``<origin>`` at the revision that introduced the content, as MediaWiki's dumps do."""
    path = tmp_path / "t.xml"
    same = "0ac40764639c175837a43f3048d39d3918797df2"
    other = "5f9690af121b99cc0708a05ce4c8de31fb6678ab"
    _export(
        path,
        [
            _revision(rev_id=1, parent_id=0, sha1=same),
            _revision(rev_id=2, parent_id=1, sha1=same),  # null revision
            _revision(rev_id=3, parent_id=2, sha1=same),  # and another
            _revision(rev_id=4, parent_id=3, sha1=other),
            _revision(rev_id=5, parent_id=99, sha1=other),  # parent not in the file
        ],
    )
    root = ET.parse(path).getroot()
    origins = [r.findtext(f"{NS}origin") for r in root.iter(f"{NS}revision")]
    assert origins == ["1", "1", "1", "4", "5"]
