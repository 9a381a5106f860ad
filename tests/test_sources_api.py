"""Action API JSON: formatversion 1 and 2, slots or legacy content, continuation, flags."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wikitui.errors import TextUnavailable
from wikitui.model import revision_fields
from wikitui.sources import open_source

API = Path(__file__).parent / "data" / "sources" / "api"

PYRUS_VARIANTS = [
    "pyrus-fv1-slots.json",
    "pyrus-fv1-noslots.json",
    "pyrus-fv2-slots.json",
    "pyrus-fv2-noslots.json",
]


@pytest.mark.parametrize("name", PYRUS_VARIANTS)
def test_pyrus_in_every_format_version(name: str) -> None:
    source = open_source(API / name)
    assert source.kind == "api-json" and source.problems == []
    page = source.find_page("Pyrus")
    assert page.page_id == 2 and page.namespace == 0
    # The API lists newest first; the page keeps the wiki's chronological order.
    assert [r.rev_id for r in page.revisions] == [2, 3, 4, 5, 6, 7]
    assert [r.parent_id for r in page.revisions] == [0, 2, 3, 4, 5, 6]
    assert [r.size for r in page.revisions] == [27, 18, 174, 18, 41, 18]
    assert [r.minor for r in page.revisions] == [False, False, False, True, False, True]
    assert [page.delta(i) for i in range(6)] == [27, -9, 156, -156, 23, -23]
    last = page.revisions[-1]
    assert (last.user, last.anon, last.user_id) == ("imported>Rkitko", True, None)
    assert last.sha1 == "22fdac790ca4e28bee54a8780080aa234cc2cdff"
    assert last.timestamp == datetime(2008, 9, 14, 17, 8, 56, tzinfo=UTC)
    assert last.content_model == "wikitext"
    assert page.text(page.revisions[4]) == "#REDIRECT [[Pear]]\n[[Category:Maloideae]]"


def test_pear_oldest_first_request() -> None:
    page = open_source(API / "pear-fv1-slots-newer.json").find_page("Pear")
    assert [r.rev_id for r in page.revisions] == [8, 9, 10, 11]
    assert page.revisions[0].user == "Conversion script"
    assert page.revisions[0].comment == "Automated conversion"
    assert page.text(page.revisions[0]).startswith("Pears are [[tree]]s")


def test_metadata_only_response_has_no_texts() -> None:
    page = open_source(API / "pear-fv2-meta-only.json").find_page("Pear")
    assert [r.size for r in page.revisions] == [893, 938, 920, 920]
    with pytest.raises(TextUnavailable, match="no content"):
        page.text(page.revisions[0])


@pytest.mark.parametrize("name", ["multi-latest-fv1-slots.json", "multi-latest-fv2-slots.json"])
def test_several_pages_and_a_missing_one(name: str) -> None:
    source = open_source(API / name)
    assert sorted(page.title for page in source.pages) == ["Pear", "Pyrus", "Talk:Çullu, Agdam"]
    assert len(source.problems) == 1
    assert "No such page xyz" in source.problems[0].message
    assert "does not exist" in source.problems[0].message
    talk = source.find_page("Talk:Çullu, Agdam")
    assert talk.namespace == 1
    assert talk.text(talk.revisions[0]) == "{{DisambigProject}}"


def _anarchism_responses() -> list[object]:
    return [json.loads((API / f"anarchism-fv2-slots-page{n}.json").read_text()) for n in (1, 2)]


def test_continuation_responses_as_a_json_array(tmp_path: Path) -> None:
    path = tmp_path / "anarchism.json"
    path.write_text(json.dumps(_anarchism_responses()))
    page = open_source(path).find_page("Anarchism")
    assert [r.rev_id for r in page.revisions] == [35, 36, 37, 38, 39, 40]
    assert page.revisions[2].user == "190.155.134.5" and page.revisions[2].anon


def test_continuation_responses_as_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "anarchism.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _anarchism_responses()) + "\n")
    page = open_source(path).find_page("Anarchism")
    assert [r.rev_id for r in page.revisions] == [35, 36, 37, 38, 39, 40]
    assert [page.delta(i) for i in range(1, 6)] == [
        page.revisions[i].size - page.revisions[i - 1].size  # type: ignore[operator]
        for i in range(1, 6)
    ]


def test_overlapping_batches_do_not_duplicate_revisions(tmp_path: Path) -> None:
    first, second = _anarchism_responses()
    path = tmp_path / "overlap.json"
    path.write_text(json.dumps([first, second, first]))
    page = open_source(path).find_page("Anarchism")
    assert len(page.revisions) == 6


def test_real_responses_from_other_wikis() -> None:
    sandbox = open_source(API / "android-app-wikitext-fv2-slots.json").find_page(None)
    assert sandbox.title == "User:Mhollo/sandbox"
    assert sandbox.text(sandbox.revisions[0]) == "\\o/\n\ntest12\n\n3"
    assert sandbox.revisions[0].size == 14  # no "size" in the response: UTF-8 length of text
    cards = open_source(API / "yugipedia-fv2-noslots-generator-10pages.json")
    assert len(cards.pages) == 10
    assert cards.find_page("Begone, Knave!").revisions[0].timestamp is not None


FV1_HIDDEN = {
    "batchcomplete": "",
    "query": {
        "pages": {
            "42": {
                "pageid": 42,
                "ns": 0,
                "title": "Hidden things",
                "revisions": [
                    {
                        "revid": 501,
                        "parentid": 500,
                        "userhidden": "",
                        "timestamp": "2020-01-02T00:00:00Z",
                        "size": 12,
                        "commenthidden": "",
                        "tags": ["mw-rollback"],
                        "slots": {"main": {"texthidden": "", "contentmodel": "wikitext"}},
                    },
                    {
                        "revid": 500,
                        "parentid": 0,
                        "user": "203.0.113.9",
                        "anon": "",
                        "userid": 0,
                        "minor": "",
                        "timestamp": "2020-01-01T00:00:00Z",
                        "size": 10,
                        "comment": "/* Intro */ start",
                        "slots": {"main": {"*": "0123456789"}},
                    },
                ],
            }
        }
    },
}


def test_hidden_fields_in_formatversion_1(tmp_path: Path) -> None:
    path = tmp_path / "hidden.json"
    path.write_text(json.dumps(FV1_HIDDEN))
    page = open_source(path).find_page("Hidden things")
    created, hidden = page.revisions
    assert (created.anon, created.minor, created.user_id) == (True, True, None)
    assert hidden.user_hidden and hidden.comment_hidden and hidden.text_hidden
    assert hidden.tags == ("mw-rollback",)
    fields = revision_fields(page, 1)
    assert (fields["user"], fields["comment"], fields["text_hidden"]) == (None, None, True)
    assert fields["delta"] == 2
    with pytest.raises(TextUnavailable):
        page.text(hidden)
    assert page.text(created) == "0123456789"


def test_hidden_fields_in_formatversion_2(tmp_path: Path) -> None:
    data = {
        "query": {
            "pages": [
                {
                    "pageid": 1,
                    "ns": 0,
                    "title": "X",
                    "revisions": [
                        {
                            "revid": 2,
                            "parentid": 1,
                            "userhidden": True,
                            "commenthidden": True,
                            "minor": False,
                            "anon": False,
                            "timestamp": "2020-01-01T00:00:00Z",
                            "texthidden": True,
                            "size": 3,
                        }
                    ],
                }
            ]
        }
    }
    path = tmp_path / "fv2.json"
    path.write_text(json.dumps(data))
    revision = open_source(path).find_page("X").revisions[0]
    assert revision.user_hidden and revision.comment_hidden and revision.text_hidden
    assert not revision.minor and not revision.anon


def test_a_broken_revision_is_a_problem_not_a_failure(tmp_path: Path) -> None:
    data = json.loads((API / "pyrus-fv2-slots.json").read_text())
    data["query"]["pages"][0]["revisions"][1]["timestamp"] = "not a time"
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(data))
    source = open_source(path)
    page = source.find_page("Pyrus")
    assert len(page.revisions) == 6
    assert sum(r.problem is not None for r in page.revisions) == 1
    assert len(source.problems) == 1 and "Pyrus" in source.problems[0].message


def test_callbacks_for_api_json() -> None:
    pages: list[str] = []
    progress: list[tuple[int, int]] = []
    open_source(
        API / "multi-latest-fv2-slots.json",
        on_page=lambda page: pages.append(page.title),
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert pages == ["Pyrus", "Pear", "Talk:Çullu, Agdam"]
    size = (API / "multi-latest-fv2-slots.json").stat().st_size
    assert progress == [(size, size)]


def test_upper_case_hex_sha1_is_read_in_every_source(tmp_path: Path) -> None:
    """A hex SHA-1 in capitals (some tools write it so) is the same checksum, in lower case."""
    import hashlib

    from wikitui.cli import main

    text = "#REDIRECT [[Pear]]"
    digest = hashlib.sha1(text.encode()).hexdigest()
    upper = digest.upper()
    api = tmp_path / "api.json"
    api.write_text(
        json.dumps(
            {
                "query": {
                    "pages": [
                        {
                            "pageid": 1,
                            "ns": 0,
                            "title": "Pyrus",
                            "revisions": [
                                {
                                    "revid": 5,
                                    "parentid": 0,
                                    "user": "A",
                                    "timestamp": "2008-02-10T07:21:12Z",
                                    "size": len(text),
                                    "sha1": upper,
                                    "slots": {"main": {"content": text}},
                                }
                            ],
                        }
                    ]
                }
            }
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "Pyrus"
    folder.mkdir()
    (folder / "1.wiki").write_text(text, encoding="utf-8")
    (folder / "revisions.json").write_text(
        json.dumps({"title": "Pyrus", "revisions": [{"file": "1.wiki", "sha1": upper}]}),
        encoding="utf-8",
    )
    xml = tmp_path / "export.xml"
    xml.write_text(
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">'
        "<page><title>Pyrus</title><ns>0</ns><id>1</id><revision><id>5</id>"
        "<timestamp>2008-02-10T07:21:12Z</timestamp><contributor><username>A</username>"
        f"<id>1</id></contributor><model>wikitext</model><format>text/x-wiki</format>"
        f'<text bytes="{len(text)}">{text}</text><sha1>{upper}</sha1></revision></page>'
        "</mediawiki>",
        encoding="utf-8",
    )
    for path in (api, folder, xml):
        revision = open_source(path).all_pages()[0].revisions[0]
        assert revision.sha1 == digest, path
        assert main(["list", str(path), "--json"]) == 0
