"""Exports without <parentid> (older tools, some third-party dumps): the previous revision in
the file stands in as the parent, as MediaWiki's diff=prev and the schema < 0.5 rule do; when
other revisions of the page carry one, a revision without one stays a page creation (and so
does the first revision of a page in a file whose other pages record their parents)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_wikitui

from wikitui.sources import open_source


def _export(pages: list[tuple[str, list[tuple[int, int | None, str]]]]) -> str:
    """A schema 0.11 export: per page, (rev id, parent id or None for none, text)."""
    out = [
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11"'
        ' xml:lang="en"><siteinfo><sitename>Test</sitename></siteinfo>'
    ]
    for number, (title, revisions) in enumerate(pages, start=1):
        out.append(f"<page><title>{title}</title><ns>0</ns><id>{number}</id>")
        for day, (rev_id, parent, text) in enumerate(revisions, start=1):
            parent_tag = f"<parentid>{parent}</parentid>" if parent is not None else ""
            out.append(
                f"<revision><id>{rev_id}</id>{parent_tag}"
                f"<timestamp>2020-01-0{day}T10:00:00Z</timestamp>"
                f"<contributor><username>U{day}</username><id>{day}</id></contributor>"
                f"<comment>edit {day}</comment><model>wikitext</model>"
                f'<format>text/x-wiki</format><text bytes="{len(text)}">{text}</text>'
                "</revision>"
            )
        out.append("</page>")
    out.append("</mediawiki>")
    return "".join(out)


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """A file in which no revision names its parent."""
    path = tmp_path / "bare.xml"
    path.write_text(
        _export([("Pear", [(11, None, "a"), (12, None, "a b"), (13, None, "a b c d")])]),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "noparents.xml"
    path.write_text(
        _export(
            [
                # No revision says its parent: each follows the one before it in the file.
                ("Pear", [(11, None, "a"), (12, None, "a b"), (13, None, "a b c d")]),
                # Some do: the one without is the page's creation.
                ("Plum", [(21, None, "x"), (22, 21, "x y"), (23, 22, "x y z")]),
            ]
        ),
        encoding="utf-8",
    )
    return path


def test_without_any_parent_id_the_previous_revision_is_the_parent(bare: Path) -> None:
    done = run_wikitui("list", str(bare), "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    # Sizes 1, 3, 7: each change is against the revision before; the first is unknown.
    assert [(row["rev_id"], row["delta"]) for row in rows] == [(13, 4), (12, 2), (11, None)]
    assert all(row["parent_id"] is None for row in rows)  # the file does not say
    diff = run_wikitui("diff", str(bare), "--json")
    assert diff.returncode == 0, diff.stderr
    data = json.loads(diff.stdout)
    assert data["from"]["rev_id"] == 12 and data["to"]["rev_id"] == 13
    assert data["stats"]["words_added"] == 2 and data["stats"]["words_removed"] == 0
    plain = run_wikitui("list", str(bare), "--no-color")
    assert "+4" in plain.stdout and "+2" in plain.stdout


def test_in_a_file_that_records_parents_a_page_without_any_starts_with_a_creation(
    export: Path,
) -> None:
    rows = json.loads(run_wikitui("list", str(export), "--page", "Pear", "--json").stdout)
    assert [(row["rev_id"], row["delta"]) for row in rows] == [(13, 4), (12, 2), (11, 1)]


def test_with_some_parent_ids_a_revision_without_one_is_a_creation(export: Path) -> None:
    done = run_wikitui("list", str(export), "--page", "Plum", "--json")
    rows = json.loads(done.stdout)
    assert [(row["rev_id"], row["delta"]) for row in rows] == [(23, 2), (22, 2), (21, 1)]
    first = run_wikitui("diff", str(export), "--page", "Plum", "--to", "21", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["from"] is None  # a page creation: nothing before it
    assert "note" not in first.stderr
    page = open_source(export).find_page("Plum")
    assert [r.parent_id for r in page.revisions] == [0, 21, 22]
    assert page.is_creation(0) and not page.is_creation(1)


def test_the_app_compares_with_the_previous_revision(bare: Path) -> None:
    from wikitui.present.comparison import comparison_for
    from wikitui.present.diff_header import header_for

    page = open_source(bare).find_page("Pear")
    comparison = comparison_for(page, 2)
    assert comparison.old_index == 1
    header = header_for(comparison)
    assert header.old is not None and header.new.delta == 4
    assert comparison_for(page, 0).old_index is None


def test_one_parent_rule_for_the_app_and_the_command_line() -> None:
    from wikitui.model import Page, Revision
    from wikitui.present.comparison import ParentChoice, parent_choice

    page = Page(title="P")
    for rev_id, parent in ((5, 4), (6, 5), (7, 7), (8, 99), (9, 0)):
        page.add(Revision(rev_id, parent))
    assert parent_choice(page, 0) == ParentChoice(None, 4)  # an excerpt's first: nothing before
    assert parent_choice(page, 1) == ParentChoice(0)
    assert parent_choice(page, 2) == ParentChoice(1, 7)  # its own parent: none, the previous
    assert parent_choice(page, 3) == ParentChoice(2, 99)  # not exported: the previous
    assert parent_choice(page, 4) == ParentChoice(None)  # a creation


def test_a_revision_naming_itself_as_parent_is_compared_with_the_previous_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "self.xml"
    path.write_text(_export([("Pear", [(11, None, "a"), (12, 12, "a b")])]), encoding="utf-8")
    done = run_wikitui("diff", str(path), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["from"]["rev_id"] == 11
    assert "Traceback" not in done.stderr and "comparing with the previous revision" in done.stderr


def test_the_parent_rule_survives_the_index(
    export: Path, bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read once (building the index), then again from the index: the same parents and deltas.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for path in (export, bare):
        first = [revision_rows(page) for page in open_source(path).all_pages()]
        again = [revision_rows(page) for page in open_source(path).all_pages()]
        assert first == again


def revision_rows(page: object) -> list[tuple[object, ...]]:
    from wikitui.model import Page

    assert isinstance(page, Page)
    return [
        (r.rev_id, r.parent_id, page.delta(i), page.is_creation(i))
        for i, r in enumerate(page.revisions)
    ]
