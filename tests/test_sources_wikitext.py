"""Plain wikitext files and folders (with and without a revisions.json sidecar)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wikitui.sources import open_source

DATA = Path(__file__).parent / "data" / "sources"
WIKITEXT = DATA / "wikitext"


def test_folder_with_sidecar_is_one_page_history() -> None:
    source = open_source(WIKITEXT / "Pyrus_history")
    assert source.kind == "wikitext" and source.problems == []
    page = source.find_page("Pyrus")
    assert [r.rev_id for r in page.revisions] == [104997415, 104997738, 189729426, 190346463]
    assert [r.user for r in page.revisions] == [
        "Melburnian",
        "Melburnian",
        "Jkokemueller",
        "IceCreamAntisocial",
    ]
    # 4-revert.txt holds "#REDIRECT [[Pear]]\r\n": stored as MediaWiki would, 18 bytes.
    assert [r.size for r in page.revisions] == [27, 18, 174, 18]
    assert [page.delta(i) for i in range(4)] == [27, -9, 156, -156]
    assert page.revisions[3].minor and page.revisions[2].tags == ("disambiguation",)
    assert page.revisions[0].timestamp == datetime(2007, 2, 2, 2, 39, 52, tzinfo=UTC)
    assert page.text(page.revisions[3]) == "#REDIRECT [[Pear]]"
    assert page.text(page.revisions[2]).startswith("'''Pyrus''' may refer to:")


def test_folder_without_sidecar_orders_by_number_in_name() -> None:
    source = open_source(WIKITEXT / "numbered")
    page = source.find_page(None)
    assert page.title == "numbered"
    # rev10 comes after rev2 (digit runs compare as numbers); notes.md is not wikitext.
    assert [page.text(r) for r in page.revisions] == ["one", "one two", "one two three ten"]
    assert [r.rev_id for r in page.revisions] == [1, 2, 3]
    assert [r.parent_id for r in page.revisions] == [0, 1, 2]
    assert [page.delta(i) for i in range(3)] == [3, 4, 10]
    assert page.revisions[0].timestamp is None and page.revisions[0].user is None


def test_single_file_is_a_one_revision_page() -> None:
    source = open_source(WIKITEXT / "numbered" / "rev2.wiki")
    page = source.find_page(None)
    assert (page.title, len(page.revisions)) == ("rev2", 1)
    assert page.text(page.revisions[0]) == "one two"


def test_single_file_takes_its_metadata_from_the_sidecar_beside_it() -> None:
    source = open_source(WIKITEXT / "Pyrus_history" / "3-disambiguation.wiki")
    assert source.problems == []
    page = source.find_page("Pyrus")
    (revision,) = page.revisions
    assert (revision.rev_id, revision.user, revision.size) == (189729426, "Jkokemueller", 174)


def test_sidecar_lists_order_and_unlisted_files_come_last(tmp_path: Path) -> None:
    (tmp_path / "b.wiki").write_text("bee")
    (tmp_path / "a.wiki").write_text("a")
    (tmp_path / "c.wiki").write_text("sea!")
    (tmp_path / "revisions.json").write_text(
        json.dumps(
            {
                "title": "Letters",
                "revisions": [
                    {"file": "b.wiki", "rev_id": 20, "user": "X"},
                    {"file": "a.wiki", "rev_id": 30, "parent_id": 20},
                ],
            }
        )
    )
    source = open_source(tmp_path)
    page = source.find_page("Letters")
    assert [page.text(r) for r in page.revisions] == ["bee", "a", "sea!"]
    assert [r.rev_id for r in page.revisions] == [20, 30, None]
    assert len(source.problems) == 1 and "c.wiki" in source.problems[0].message


def test_sidecar_with_a_bad_entry_marks_that_revision(tmp_path: Path) -> None:
    (tmp_path / "a.wiki").write_text("a")
    (tmp_path / "revisions.json").write_text(
        json.dumps(
            {
                "revisions": [
                    {"file": "a.wiki", "rev_id": 1, "timestamp": "soon"},
                    {"file": "missing.wiki", "rev_id": 2},
                ]
            }
        )
    )
    source = open_source(tmp_path)
    page = source.find_page(None)
    assert [r.problem is not None for r in page.revisions] == [True, True]
    assert len(source.problems) == 2


def test_a_folder_of_mixed_sources_has_one_child_each() -> None:
    source = open_source(DATA)
    assert source.kind == "folder"
    kinds = {child.label: child.kind for child in source.children}
    assert kinds["xml"] == "folder" and kinds["api"] == "folder"
    assert kinds["wikitext"] == "folder"
    wikitext = next(child for child in source.children if child.label == "wikitext")
    assert sorted(child.label for child in wikitext.children) == ["Pyrus_history", "numbered"]
    xml_folder = next(child for child in source.children if child.label == "xml")
    assert all(child.kind == "xml" for child in xml_folder.children)
    assert len(xml_folder.children) == len(list((DATA / "xml").iterdir()))
    # The broken files under bad/ are reported, not fatal.
    bad = next(child for child in source.children if child.label == "bad")
    assert len(bad.problems) >= 4


@pytest.mark.parametrize("ext", [".wiki", ".wikitext", ".mediawiki", ".txt"])
def test_every_wikitext_extension(ext: str, tmp_path: Path) -> None:
    path = tmp_path / f"Some_page{ext}"
    path.write_text("{{Infobox}}\n'''Some page''' is.\n")
    page = open_source(path).find_page(None)
    assert page.title == "Some page"
    assert page.text(page.revisions[0]) == "{{Infobox}}\n'''Some page''' is."


def test_folder_progress_covers_every_file() -> None:
    reports: list[tuple[int, int]] = []
    pages: list[str] = []
    open_source(
        DATA / "xml",
        on_progress=lambda done, total: reports.append((done, total)),
        on_page=lambda page: pages.append(page.title),
    )
    total = sum(path.stat().st_size for path in (DATA / "xml").iterdir())
    assert reports[-1] == (total, total)
    assert all(t == total for _, t in reports)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)
    assert len(pages) == 11  # one per page of the ten files (the pair file has two)
