"""``wikitui list``: the human listing, --json, --limit, --page, colour and warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_main

from wikitui.present.revision import delta_label, plain_summary

DATA = Path(__file__).parent / "data" / "sources"
PYRUS = DATA / "xml" / "pywikibot-article-pyrus.xml"
PAIR = DATA / "xml" / "pywikibot-pair-0.10.xml"
JSON_KEYS = [
    "page",
    "rev_id",
    "parent_id",
    "timestamp",
    "user",
    "user_id",
    "anon",
    "minor",
    "size",
    "delta",
    "comment",
    "tags",
    "sha1",
    "text_hidden",
    "reverts",
    "reverted_by",
]


def _list(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_main(capsys, "list", *args)


def test_pyrus_listing_newest_first(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    status, out, err = _list(capsys, str(PYRUS))
    assert status == 0 and err == ""
    # Written from the file by hand: ids, UTC times, users, minor marks, sizes, changes.
    assert out.splitlines() == [
        "Pyrus  (6 revisions, en.wikipedia.org)",
        "238392911  2008-09-14 17:08  Rkitko              m   18 bytes   −23  reverts 1  "
        "Reverted edits by Cottonapple4 (talk) to last version by IceCreamAntisocial",
        "238138507  2008-09-13 12:57  Cottonapple4            41 bytes   +23  reverted   "
        "← Redirected page to Pear",
        "190346463  2008-02-10 07:21  IceCreamAntisocial  m   18 bytes  −156  reverts 1  rv",
        "189729426  2008-02-07 14:06  Jkokemueller           174 bytes  +156  reverted   "
        "Added disambiguation",
        "104997738  2007-02-02 02:41  Melburnian              18 bytes    −9             "
        "all links to ''Pyrus'' are related to the pear tree or fruit",
        "104997415  2007-02-02 02:39  Melburnian              27 bytes     ?             "
        "moved Pyrus to Pyrus (brand): all links to ''Pyrus'' are related to the pear tree "
        "or fruit",
    ]


def test_json_has_exactly_the_public_keys_newest_first(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _list(capsys, str(PYRUS), "--json")
    assert status == 0
    rows = json.loads(out)
    assert [list(row) for row in rows] == [JSON_KEYS] * 6
    assert rows[0] == {
        "page": "Pyrus",
        "rev_id": 238392911,
        "parent_id": None,
        "timestamp": "2008-09-14T17:08:56Z",
        "user": "Rkitko",
        "user_id": 536375,
        "anon": False,
        "minor": True,
        "size": 18,
        "delta": -23,
        "comment": "Reverted edits by [[Special:Contributions/Cottonapple4|Cottonapple4]] "
        "([[User talk:Cottonapple4|talk]]) to last version by IceCreamAntisocial",
        "tags": [],
        "sha1": None,
        "text_hidden": False,
        "reverts": [238138507],
        "reverted_by": None,
    }
    # Two vandal-and-revert pairs, found from the texts (schema 0.3 has no <sha1>).
    assert [(row["reverts"], row["reverted_by"]) for row in rows] == [
        ([238138507], None),
        ([], 238392911),
        ([189729426], None),
        ([], 190346463),
        ([], None),
        ([], None),
    ]
    assert [row["rev_id"] for row in rows] == [
        238392911,
        238138507,
        190346463,
        189729426,
        104997738,
        104997415,
    ]


def test_json_for_hidden_fields_and_tags(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _list(capsys, str(DATA / "edge" / "export-0.11-edge-cases.xml"), "--json")
    rows = {row["rev_id"]: row for row in json.loads(out)}
    assert rows[1003]["user"] is None and rows[1003]["comment"] is None
    assert rows[1003]["user_id"] is None and rows[1003]["text_hidden"] is True
    assert rows[1002]["tags"] == ["mobile edit", "visualeditor"]
    assert rows[1002]["anon"] is True and rows[1002]["user_id"] is None
    assert rows[1001]["parent_id"] is None and rows[1001]["delta"] == 33
    assert rows[2001]["page"] == "Talk:Edge case Ω"


def test_limit_and_page(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _list(capsys, str(PAIR), "--json", "--limit", "1")
    assert [(row["page"], row["rev_id"]) for row in json.loads(out)] == [
        ("Çullu, Agdam", 237383099),
        ("Talk:Çullu, Agdam", 237383127),
    ]
    _, out, _ = _list(capsys, str(PAIR), "--page", "talk:Çullu,_Agdam", "-n", "5")
    lines = out.splitlines()
    assert len(lines) == 2  # one page: no heading
    assert lines[0].startswith("237383127  2008-09-09 22:41  Carlossuarez46")


def test_several_pages_each_under_its_title(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _list(capsys, str(PAIR))
    lines = out.splitlines()
    assert lines[0] == "Çullu, Agdam  (2 revisions, en.wikipedia.org)"
    assert lines[3] == ""
    assert lines[4] == "Talk:Çullu, Agdam  (2 revisions, en.wikipedia.org)"
    assert "moved Çullu, Agdam to Çullu, Quzanlı: dab" in lines[2]  # &#32; shown as a space


def test_unknown_page(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _list(capsys, str(PAIR), "--page", "Nowhere")
    assert status == 4 and out == ""
    assert err.startswith("wikitui: ") and "Nowhere" in err and err.count("\n") == 1


def test_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _list(capsys, str(PYRUS), "--limit", "0")
    assert status == 2 and "--limit" in err


def test_colours_follow_the_wiki(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _list(capsys, str(DATA / "xml" / "anarchism-first200.xml.bz2"), "--color")
    lines = out.splitlines()
    # 362338: 14,620 -> 12,870 bytes, a drop of 1,750: red and bold.
    big_drop = next(line for line in lines if line.startswith("\x1b[2m   362338"))
    assert "\x1b[1;31m −1,750\x1b[0m" in big_drop
    # 362658: +147, green, not bold.
    small_gain = next(line for line in lines if line.startswith("\x1b[2m   362658"))
    assert "\x1b[32m   +147\x1b[0m" in small_gain and "\x1b[1;32m" not in small_gain
    # 362644 is a minor edit: a bold "m".
    minor = next(line for line in lines if line.startswith("\x1b[2m   362644"))
    assert "\x1b[1mm\x1b[0m" in minor


def test_no_colour_when_piped_or_no_color(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = _list(capsys, str(PYRUS))
    assert "\x1b[" not in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = _list(capsys, str(PYRUS), "--no-color")
    assert "\x1b[" not in out


def test_load_problems_are_warnings_and_the_listing_goes_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _list(capsys, str(DATA / "edge" / "malformed-revision.xml"))
    assert status == 0
    assert err.count("\n") == 2 and err.startswith("wikitui: warning: ")
    assert "(line 16)" in err and "revision 91" in err
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[2].startswith("92  ⚠ unreadable revision:")


def test_api_json_and_wikitext_folder(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _list(capsys, str(DATA / "api" / "pear-fv2-meta-only.json"), "--json")
    assert [row["delta"] for row in json.loads(out)] == [0, -18, 45, 893]
    _, out, _ = _list(capsys, str(DATA / "wikitext" / "Pyrus_history"))
    assert "Added disambiguation [disambiguation]" in out


def test_summary_formatting() -> None:
    assert plain_summary("/* History */ fix typo") == "→History: fix typo"
    assert plain_summary("/* History */") == "→History"
    assert plain_summary("fix /* History */") == "fix →History"
    assert plain_summary("see [[Pear|the pear]] and [[Apple]] &amp; more") == (
        "see the pear and Apple & more"
    )
    assert [delta_label(d) for d in (1234, -56, 0, None)] == ["+1,234", "−56", "0", "?"]


def test_a_folder_lists_every_page_with_its_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _list(capsys, str(DATA / "wikitext"))
    assert status == 0
    headings = [line for line in out.splitlines() if line and not line[0].isdigit()]
    assert headings == ["numbered  (3 revisions, numbered)", "Pyrus  (4 revisions, Pyrus_history)"]


def test_cell_widths_for_alignment() -> None:
    from wikitui.cli.list_cmd import _fit, cell_len

    assert cell_len("Zoë") == 3 and cell_len("日本語") == 6 and cell_len("e\u0301") == 1
    assert _fit("Zoë", 5) == "Zoë  "
    assert _fit("日本語の利用者", 7) == "日本語…"  # 6 cells + ellipsis
    assert cell_len(_fit("日本語の利用者", 8)) == 8
    assert _fit("A very long user name indeed", 10) == "A very lo…"
