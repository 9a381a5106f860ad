"""``fetch_history`` and ``wikitui fetch`` against a real HTTP server on the loopback interface.

The server (``FakeWiki`` from ``tests/fakewiki.py``) answers from revision objects recorded from a
real MediaWiki 1.39 (``tests/data/fetch/``, see its README). Expected values below were
read off those recorded files and off MediaWiki's own ``dumpBackup.php`` export of the same page.
"""

from __future__ import annotations

import errno
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fakewiki import FakePage, FakeWiki, Fault

from wikitui import PROJECT_URL
from wikitui.cli import main
from wikitui.errors import FetchError
from wikitui.fetch import FetchResult, RetryPolicy, default_output_name, fetch_history
from wikitui.model import Page
from wikitui.sources import open_source

DATA = Path(__file__).parent / "data" / "fetch"
NS = "{http://www.mediawiki.org/xml/export-0.11/}"


def recorded(name: str) -> dict[str, Any]:
    """A response recorded from MediaWiki 1.39."""
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def fake_page(name: str) -> FakePage:
    return FakePage.from_response(recorded(f"revisions-{name}.json"))


SITEINFO = recorded("info-normalized.json")["query"]


class Sleeps(list[float]):
    """Stands in for time.sleep: records the delays asked for, waits for none."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_wiki() -> Iterator[Callable[..., FakeWiki]]:
    started: list[FakeWiki] = []

    def make(**kwargs: Any) -> FakeWiki:
        pages = kwargs.pop("pages", [fake_page("pear"), fake_page("pyrus"), fake_page("ca-et-la")])
        wiki = FakeWiki(pages, siteinfo=SITEINFO, **kwargs).start()
        started.append(wiki)
        return wiki

    yield make
    for wiki in started:
        wiki.stop()


def fetch(
    wiki: FakeWiki, title: str, dest: Path, sleeps: Sleeps | None = None, **kw: Any
) -> FetchResult:
    """fetch_history from the fake wiki, with retries that record their delays instead."""
    sleep = sleeps if sleeps is not None else Sleeps()
    retry = RetryPolicy(attempts=3, base_delay=0.5, max_delay=30.0, sleep=sleep)
    return fetch_history(title, api=wiki.api_url, dest=dest, retry=retry, **kw)


def load(path: Path) -> Page:
    source = open_source(str(path))
    assert source.problems == []
    assert len(source.pages) == 1
    return source.pages[0]


def leftovers(folder: Path) -> list[str]:
    """Temporary files a fetch may have left behind (there must be none)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# -- the written file, revision by revision ---------------------------------------------------


def test_non_ascii_title_hidden_revision_tags_and_ip_edit(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    result = fetch(wiki, "Çà_et_là", tmp_path)
    assert result.title == "Çà et là"
    assert result.normalized_from == "Çà_et_là"
    assert result.redirected_from is None
    assert result.path == tmp_path / "Çà_et_là.xml"
    assert (result.added, result.total, result.resumed) == (5, 5, False)
    assert result.latest_rev_id == 46

    page = load(result.path)
    assert (page.title, page.page_id, page.namespace) == ("Çà et là", 7, 0)
    revs = page.revisions
    assert [r.rev_id for r in revs] == [41, 42, 43, 44, 46]
    assert [r.parent_id for r in revs] == [0, 41, 42, 43, 44]
    assert [r.timestamp_iso() for r in revs] == [
        "2026-11-28T00:49:06Z",
        "2026-11-28T00:49:07Z",
        "2026-11-28T00:49:07Z",
        "2026-11-28T00:49:07Z",
        "2026-11-28T00:49:47Z",
    ]
    assert [r.size for r in revs] == [19, 22, 20, 20, 74]
    assert [r.minor for r in revs] == [False, True, False, False, False]
    assert [r.tags for r in revs] == [(), ("wikitui-test", "dash--tag"), (), ("wikitui-test",), ()]
    assert [r.comment for r in revs] == [
        "création ✓",
        "/* Section */ retouche",
        None,
        "after hidden",
        "anonymous edit <with> & stuff",
    ]
    assert (revs[0].user, revs[0].user_id, revs[0].anon) == ("Zoë Ünicode", 3, False)
    assert (revs[3].user, revs[3].user_id) == ("RefAdmin", 1)
    assert (revs[4].user, revs[4].anon) == ("192.0.2.7", True)
    hidden = revs[2]
    assert hidden.text_hidden and hidden.user_hidden and hidden.comment_hidden
    assert page.text(revs[0]) == "Première révision"
    assert page.text(revs[1]) == "Deuxième -- révision"
    assert page.text(revs[4]) == (
        "Cinquième & <b>dernière</b> révision 🍐\n\n== Notes ==\n* a <ref>x</ref>"
    )
    for rev in revs:
        if not rev.text_hidden:
            assert len(page.text(rev).encode("utf-8")) == rev.size


def test_file_matches_mediawikis_own_export(make_wiki, tmp_path: Path) -> None:
    """Apart from the XML declaration and the tags comments, the file is what MediaWiki's
    ``dumpBackup.php --full --schema-version 0.11`` writes for the same page, except that the
    API hides the sha1 of a hidden text, which the dump shows."""
    wiki = make_wiki()
    path = fetch(wiki, "Çà et là", tmp_path).path
    ours = path.read_text(encoding="utf-8").splitlines()
    theirs = (DATA / "mediawiki-dumpbackup-ca-et-la.xml").read_text(encoding="utf-8").splitlines()
    ours = [line for line in ours if "wikitui:tags" not in line and not line.startswith("<?xml")]
    differing = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
    assert differing == [
        (
            '      <text bytes="20" deleted="deleted" />',
            '      <text bytes="20" sha1="qqoyem6ldzmd91ndfhv0jmfvzcdnfxn" deleted="deleted" />',
        )
    ]


def test_file_is_well_formed_schema_0_11(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    path = fetch(wiki, "Çà et là", tmp_path).path
    root = ET.parse(path).getroot()
    assert root.tag == f"{NS}mediawiki"
    assert root.get("version") == "0.11"
    assert root.findtext(f"{NS}siteinfo/{NS}sitename") == "WikiTUI Reference"
    assert root.findtext(f"{NS}siteinfo/{NS}dbname") == "wikidb"
    revision = root.find(f"{NS}page/{NS}revision")
    assert revision is not None
    order = [child.tag.removeprefix(NS) for child in revision]
    assert order == [
        "id", "timestamp", "contributor", "comment", "origin", "model", "format", "text", "sha1"
    ]  # fmt: skip
    text = revision.find(f"{NS}text")
    assert text is not None
    assert text.get("bytes") == "19"
    # Both sha1 values as MediaWiki's own dump writes them (base 36).
    assert text.get("sha1") == "199smzf0037us8vth9q0basobzkt81e"
    assert revision.findtext(f"{NS}sha1") == "199smzf0037us8vth9q0basobzkt81e"


def test_continuation_over_several_requests(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki(max_batch=2)
    result = fetch(wiki, "Pyrus", tmp_path, follow_redirects=False)
    assert result.added == 6
    page = load(result.path)
    assert [r.rev_id for r in page.revisions] == [6, 7, 8, 9, 10, 11]
    assert page.text(page.revisions[3]) == "#REDIRECT [[Pear]]"
    assert page.text(page.revisions[2]).startswith("'''Pyrus''' may refer to:\n\n* [[Pear]]")
    assert page.redirect == "Pear"  # the latest text is a redirect
    assert [r.params.get("rvcontinue") for r in wiki.requests] == [
        None,
        None,
        "20080210072112|9",
        "20070202024124|7",
    ]
    assert result.requests == 4


def test_every_request_is_polite(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki(max_batch=2)
    fetch(wiki, "Pyrus", tmp_path, follow_redirects=False)
    for request in wiki.requests:
        assert request.path == "/w/api.php"
        assert request.headers["User-Agent"].startswith("wikitui/")
        assert PROJECT_URL in request.headers["User-Agent"]
        assert "gzip" in request.headers["Accept-Encoding"]
        assert request.params["maxlag"] == "5"
        assert request.params["format"] == "json"
        assert request.params["formatversion"] == "2"
    info, *revisions = wiki.requests
    assert info.params["prop"] == "info"
    assert info.params["meta"] == "siteinfo"
    for request in revisions:
        assert request.params["prop"] == "revisions"
        assert request.params["rvslots"] == "main"
        assert request.params["rvlimit"] == "max"
        assert set(request.params["rvprop"].split("|")) == {
            "ids", "timestamp", "flags", "user", "userid", "comment", "size", "sha1", "tags",
            "content",
        }  # fmt: skip


def test_limit_takes_the_newest(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki(max_batch=2)
    result = fetch(wiki, "Pyrus", tmp_path, limit=3, follow_redirects=False)
    assert [r.rev_id for r in load(result.path).revisions] == [9, 10, 11]
    # Never more asked for than needed: 3 (the fake caps it at 2), then the 1 missing.
    assert [r.params.get("rvlimit") for r in wiki.requests[1:]] == ["3", "1"]


def test_since(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    result = fetch(wiki, "Pyrus", tmp_path, since="2008-02-01", follow_redirects=False)
    assert [r.rev_id for r in load(result.path).revisions] == [8, 9, 10, 11]
    assert wiki.requests[1].params["rvend"] == "2008-02-01T00:00:00Z"


def test_on_revisions_and_progress(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki(max_batch=4)
    batches: list[list[int | None]] = []
    progress: list[tuple[int, int | None]] = []
    fetch(
        wiki,
        "Pyrus",
        tmp_path,
        follow_redirects=False,
        on_revisions=lambda revs: batches.append([r.rev_id for r in revs]),
        on_progress=lambda done, wanted: progress.append((done, wanted)),
    )
    assert batches == [[11, 10, 9, 8], [7, 6]]
    assert progress == [(4, 500), (6, 500)]


# -- redirects, missing pages, bad titles -----------------------------------------------------


def test_redirect_followed_and_reported(make_wiki, tmp_path: Path, capsys) -> None:
    wiki = make_wiki(redirects={"Pyrus": "Pear"})
    status = main(["fetch", "pyrus", "--api", wiki.api_url, "-o", str(tmp_path)])
    out = capsys.readouterr()
    assert status == 0
    assert out.err == ""
    assert out.out.splitlines() == [
        "'Pyrus' redirects to 'Pear' (followed)",
        f"wrote 4 revisions of 'Pear' from {wiki.api_url.split('/')[2]} to {tmp_path}/Pear.xml",
    ]
    page = load(tmp_path / "Pear.xml")
    assert [r.rev_id for r in page.revisions] == [2, 3, 4, 5]
    assert [r.size for r in page.revisions] == [893, 938, 920, 920]
    assert page.revisions[0].user == "Conversion script"
    assert page.revisions[0].comment == "Automated conversion"
    assert page.revisions[3].user == "imported>PierreAbbat"
    assert page.redirect is None


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("No_such_page", "no page titled 'No such page' on {host}"),
        (
            "<bad>",
            """bad title '<bad>': The requested page title contains invalid characters: "<".""",
        ),
        ("Special:Foo", "'Special:Foo' is a special page on {host}: it has no history"),
    ],
)
def test_page_problems(make_wiki, tmp_path: Path, title: str, message: str) -> None:
    wiki = make_wiki()
    host = wiki.api_url.split("/")[2]
    with pytest.raises(FetchError) as caught:
        fetch(wiki, title, tmp_path)
    assert caught.value.message == message.format(host=host)
    assert list(tmp_path.iterdir()) == []
    assert len(wiki.requests) == 1


def test_not_wikitext(make_wiki, tmp_path: Path) -> None:
    data = FakePage("User:RefAdmin/data.json", 8, ns=2, content_model="json")
    wiki = make_wiki(pages=[data])
    with pytest.raises(FetchError, match=r"is not wikitext \(content model 'json'\)"):
        fetch(wiki, "User:RefAdmin/data.json", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_not_wikitext_recorded_answer(make_wiki, tmp_path: Path) -> None:
    """MediaWiki's own answer for a JSON page, served as it was recorded."""
    wiki = make_wiki(faults=[Fault(at=1, kind="api-error", body=recorded("info-json-model.json"))])
    with pytest.raises(FetchError) as caught:
        fetch(wiki, "User:RefAdmin/data.json", tmp_path)
    host = wiki.api_url.split("/")[2]
    assert caught.value.message == (
        f"'User:RefAdmin/data.json' on {host} is not wikitext (content model 'json'); "
        "wikitui only reads wikitext pages"
    )


def test_fake_wiki_answers_like_mediawiki(make_wiki) -> None:
    """The stand-in gives what the real MediaWiki 1.39 gave for the same requests."""
    wiki = make_wiki(redirects={"Pyrus": "Pear"})
    base = {"action": "query", "format": "json", "formatversion": "2", "prop": "info"}
    cases = {
        "info-redirect.json": {"titles": "Pyrus", "redirects": "1"},
        "info-missing.json": {"titles": "No_such_page", "redirects": "1"},
        "info-invalid.json": {"titles": "<bad>", "redirects": "1"},
        "info-special.json": {"titles": "Special:Foo", "redirects": "1"},
    }
    for name, params in cases.items():
        assert wiki.answer(base | params) == recorded(name), name
    page1 = wiki.answer(
        {
            "action": "query",
            "format": "json",
            "formatversion": "2",
            "prop": "revisions",
            "pageids": "2",
            "rvlimit": "2",
        }
    )
    assert page1 == recorded("revisions-pear-page1.json")  # continuation as MediaWiki's


# -- retries and faults -----------------------------------------------------------------------


def test_429_with_retry_after_is_retried_once(make_wiki, tmp_path: Path, sleeps: Sleeps) -> None:
    wiki = make_wiki(faults=[Fault(at=2, kind="status", status=429, retry_after="2")])
    result = fetch(wiki, "Pear", tmp_path, sleeps)
    assert sleeps == [2.0]
    assert result.added == 4
    assert len(wiki.requests) == 3  # info, the 429, the same request again
    assert wiki.requests[1].params == wiki.requests[2].params


def test_maxlag_and_503_back_off(make_wiki, tmp_path: Path, sleeps: Sleeps) -> None:
    wiki = make_wiki(
        faults=[Fault(at=1, kind="maxlag", retry_after="5"), Fault(at=3, kind="status", status=503)]
    )
    result = fetch(wiki, "Pear", tmp_path, sleeps)
    assert result.added == 4
    # maxlag: the server's Retry-After; 503 without one: the policy's first back-off step.
    assert sleeps == [5.0, 0.5]


def test_retries_are_bounded(make_wiki, tmp_path: Path, sleeps: Sleeps) -> None:
    wiki = make_wiki(faults=[Fault(at=2, kind="html", status=503, sticky=True)])
    with pytest.raises(FetchError) as caught:
        fetch(wiki, "Pear", tmp_path, sleeps)
    host = wiki.api_url.split("/")[2]
    assert caught.value.message == f"{host} answered HTTP 503 (gave up after 4 attempts)"
    assert sleeps == [0.5, 1.0, 2.0]  # exponential back-off
    assert len(wiki.requests) == 5
    assert list(tmp_path.iterdir()) == []


def test_retry_after_is_capped(make_wiki, tmp_path: Path, sleeps: Sleeps) -> None:
    wiki = make_wiki(faults=[Fault(at=1, kind="status", status=429, retry_after="3600")])
    retry = RetryPolicy(attempts=1, max_delay=60.0, sleep=sleeps)
    fetch_history("Pear", api=wiki.api_url, dest=tmp_path, retry=retry)
    assert sleeps == [60.0]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("error-invalidtitle.json", 'invalidtitle: Bad title "<>".'),
        (
            "error-badinteger.json",
            'badinteger: Invalid value "abc" for integer parameter "rvlimit".',
        ),
    ],
)
def test_api_error_object(make_wiki, tmp_path: Path, name: str, message: str) -> None:
    wiki = make_wiki(faults=[Fault(at=2, kind="api-error", body=recorded(name))])
    with pytest.raises(FetchError) as caught:
        fetch(wiki, "Pear", tmp_path)
    assert caught.value.message == f"the wiki refused the request: {message}"
    assert list(tmp_path.iterdir()) == []


def test_badtitle_error_via_cli(make_wiki, tmp_path: Path, capsys) -> None:
    error = {"error": {"code": "badtitle", "info": 'Bad title "[[x]]".'}, "servedby": "mw1"}
    wiki = make_wiki(faults=[Fault(at=1, kind="api-error", body=error)])
    status = main(["fetch", "[[x]]", "--api", wiki.api_url, "-o", str(tmp_path)])
    out = capsys.readouterr()
    assert status == 6
    assert out.out == ""
    assert out.err == 'wikitui: the wiki refused the request: badtitle: Bad title "[[x]]".\n'


def test_html_page_instead_of_json(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki(faults=[Fault(at=1, kind="html", status=200)])
    with pytest.raises(FetchError) as caught:
        fetch(wiki, "Pear", tmp_path)
    assert caught.value.message == (
        f"{wiki.api_url} did not answer with JSON (got text/html; is it a MediaWiki api.php URL?)"
    )


def test_wrong_api_path(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    url = wiki.api_url.replace("/w/api.php", "/wiki/Pear")
    with pytest.raises(FetchError) as caught:
        fetch_history("Pear", api=url, dest=tmp_path)
    assert caught.value.message == (
        f"{url} answered HTTP 404 Not Found with text/html, not API JSON "
        "(is it a MediaWiki api.php URL?)"
    )


def test_connection_dropped_midway_leaves_no_file(make_wiki, tmp_path: Path, sleeps) -> None:
    # The first revision batch arrives; from the second on, the body breaks off half-way.
    wiki = make_wiki(max_batch=2, faults=[Fault(at=3, kind="truncate", sticky=True)])
    with pytest.raises(FetchError, match=r"the connection to .* broke off .*gave up after 4"):
        fetch(wiki, "Pyrus", tmp_path, sleeps, follow_redirects=False)
    assert list(tmp_path.iterdir()) == []


def test_timeout(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki(faults=[Fault(at=1, kind="slow", delay=1.0)])
    retry = RetryPolicy(attempts=0)
    with pytest.raises(FetchError) as caught:
        fetch_history("Pear", api=wiki.api_url, dest=tmp_path, retry=retry, timeout=0.1)
    host = wiki.api_url.split("/")[2]
    assert caught.value.message == f"{host} did not answer within 0.1 s (gave up after 1 attempt)"


def test_connection_refused(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    url = wiki.api_url
    wiki.stop()
    with pytest.raises(FetchError) as caught:
        fetch_history("Pear", api=url, dest=tmp_path)
    assert caught.value.message == f"cannot connect to {url.split('/')[2]}: connection refused"


def test_dns_failure(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    client = httpx.Client(transport=httpx.MockTransport(refuse))
    with pytest.raises(FetchError) as caught:
        fetch_history("Pear", site="no-such-wiki.invalid", dest=tmp_path, client=client)
    assert caught.value.message == (
        "cannot resolve host no-such-wiki.invalid (no network, or no such host): "
        "[Errno -2] Name or service not known"
    )


def test_disk_full_leaves_no_file(make_wiki, tmp_path: Path, monkeypatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("wikitui.fetch.export.os.fsync", full)
    wiki = make_wiki()
    with pytest.raises(FetchError) as caught:
        fetch(wiki, "Pear", tmp_path)
    assert caught.value.message == f"cannot write {tmp_path}/Pear.xml: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_interrupt_from_a_callback_leaves_no_file(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki(max_batch=2)

    def interrupt(done: int, wanted: int | None) -> None:
        if done >= 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fetch(wiki, "Pyrus", tmp_path, follow_redirects=False, on_progress=interrupt)
    assert list(tmp_path.iterdir()) == []


# -- resume -----------------------------------------------------------------------------------

NEW_EDIT = {
    "revid": 47,
    "parentid": 46,
    "minor": False,
    "user": "Zoë Ünicode",
    "userid": 3,
    "timestamp": "2026-11-29T10:00:00Z",
    "size": 18,
    "sha1": "1262883187b3c3acbb43afb79be6bfafa749c663",
    "slots": {
        "main": {
            "contentmodel": "wikitext",
            "contentformat": "text/x-wiki",
            "content": "Sixième révision",
        }
    },
    "comment": "encore",
    "tags": ["mw-manual-revert"],
}


def test_resume_adds_only_newer_revisions(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    first = fetch(wiki, "Çà et là", tmp_path)
    wiki.add_revision("Çà et là", NEW_EDIT)
    wiki.requests.clear()
    second = fetch(wiki, "Çà et là", tmp_path)
    assert (second.path, second.added, second.total, second.resumed) == (first.path, 1, 6, True)
    page = load(second.path)
    assert [r.rev_id for r in page.revisions] == [41, 42, 43, 44, 46, 47]
    assert page.text(page.revisions[-1]) == "Sixième révision"
    assert page.revisions[-1].tags == ("mw-manual-revert",)
    assert page.text(page.revisions[0]) == "Première révision"  # old texts carried over
    assert page.revisions[2].text_hidden and page.revisions[2].user_hidden
    assert page.revisions[1].tags == ("wikitui-test", "dash--tag")
    # One info request, one revisions request that stopped at the known revision 46.
    assert [r.params["prop"] for r in wiki.requests] == ["info", "revisions"]


def test_up_to_date_file_is_left_alone(make_wiki, tmp_path: Path, capsys) -> None:
    wiki = make_wiki()
    path = fetch(wiki, "Pear", tmp_path).path
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    wiki.requests.clear()
    status = main(["fetch", "Pear", "--api", wiki.api_url, "-o", str(path)])
    assert status == 0
    assert capsys.readouterr().out == f"{path} is up to date (4 revisions of 'Pear')\n"
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert len(wiki.requests) == 1  # only the cheap info request


def test_interrupted_resume_keeps_the_existing_file(make_wiki, tmp_path: Path, sleeps) -> None:
    wiki = make_wiki()
    path = fetch(wiki, "Çà et là", tmp_path).path
    before = path.read_bytes()
    wiki.add_revision("Çà et là", NEW_EDIT)
    wiki.faults.append(Fault(at=len(wiki.requests) + 2, kind="truncate", sticky=True))
    with pytest.raises(FetchError, match="broke off"):
        fetch(wiki, "Çà et là", tmp_path, sleeps)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_resume_into_a_file_of_another_page_is_refused(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    pear = fetch(wiki, "Pear", tmp_path).path
    before = pear.read_bytes()
    with pytest.raises(FetchError) as caught:
        fetch(wiki, "Çà et là", pear)
    assert caught.value.message == (
        f"cannot add to {pear}: {pear} holds 'Pear', not 'Çà et là': "
        "choose another output file with -o"
    )
    assert pear.read_bytes() == before


def test_resume_into_a_broken_file_is_refused(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    broken = tmp_path / "Pear.xml"
    broken.write_text("<mediawiki><page><title>Pear</title>", encoding="utf-8")
    with pytest.raises(FetchError, match=rf"^cannot add to {broken}: "):
        fetch(wiki, "Pear", tmp_path)
    assert broken.read_text(encoding="utf-8") == "<mediawiki><page><title>Pear</title>"


# -- the command line -------------------------------------------------------------------------


def test_cli_json(make_wiki, tmp_path: Path, capsys) -> None:
    wiki = make_wiki()
    out_file = tmp_path / "out.xml"
    status = main(["fetch", "Pear", "--api", wiki.api_url, "-o", str(out_file), "--json"])
    assert status == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "path": str(out_file),
        "title": "Pear",
        "requested": "Pear",
        "site": wiki.api_url.split("/")[2],
        "page_id": 2,
        "latest_rev_id": 5,
        "added": 4,
        "total": 4,
        "resumed": False,
        "redirected_from": None,
        "normalized_from": None,
        "requests": 2,
        "warnings": [],
    }
    assert [r.rev_id for r in load(out_file).revisions] == [2, 3, 4, 5]


def test_cli_errors_are_one_line(make_wiki, tmp_path: Path, capsys) -> None:
    wiki = make_wiki()
    status = main(["fetch", "Nope", "--api", wiki.api_url, "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 6
    assert err == f"wikitui: no page titled 'Nope' on {wiki.api_url.split('/')[2]}\n"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--limit", "0"], "must be at least 1"),
        (["--limit", "many"], "not a number or 'all'"),
        (["--site", "a", "--api", "http://b/w/api.php"], "not allowed with argument"),
    ],
)
def test_cli_usage_errors(argv: list[str], fragment: str, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["fetch", "Pear", *argv])
    assert caught.value.code == 2
    assert fragment in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--since", "yesterday"],
            "not a timestamp: 'yesterday' (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)",
        ),
        (
            ["--api", "ftp://x/api.php"],
            "not an http(s) URL: 'ftp://x/api.php' (expected like https://host/w/api.php)",
        ),
        (["--site", "a b"], "not a wiki host: 'a b' (expected like en.wikipedia.org)"),
    ],
)
def test_cli_bad_values(argv: list[str], message: str, capsys) -> None:
    status = main(["fetch", "Pear", *argv])
    assert status == 6
    assert capsys.readouterr().err == f"wikitui: {message}\n"


def test_cli_output_folder_missing(make_wiki, tmp_path: Path, capsys) -> None:
    wiki = make_wiki()
    target = tmp_path / "no-such-folder" / "x.xml"
    status = main(["fetch", "Pear", "--api", wiki.api_url, "-o", str(target)])
    assert status == 6
    assert capsys.readouterr().err == (
        f"wikitui: cannot write {target}: folder {target.parent} does not exist\n"
    )


def test_cli_help() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["fetch", "--help"])
    assert caught.value.code == 0


def test_default_output_name() -> None:
    assert default_output_name("Talk:Çullu, Agdam") == "Talk-Çullu,_Agdam.xml"
    assert default_output_name("AC/DC") == "AC-DC.xml"
    assert default_output_name("..") == "page.xml"
    assert default_output_name("  Ada   Lovelace ") == "Ada_Lovelace.xml"
    long = default_output_name("é" * 300)
    assert len(long.encode("utf-8")) <= 200 and long.endswith(".xml")


MEDIAWIKI_XSD = Path(__file__).parent / "data" / "fetch" / "export-0.11.xsd"


def test_file_validates_against_mediawikis_schema(make_wiki, tmp_path: Path) -> None:
    """MediaWiki's own ``export-0.11.xsd`` (a copy in tests/data/fetch) accepts the files:
    the tags comments, hidden revisions and IP edits keep them valid."""
    import xmlschema

    schema = xmlschema.XMLSchema(str(MEDIAWIKI_XSD))
    wiki = make_wiki(pages=[fake_page("ca-et-la"), fake_page("talk-cullu-agdam")])
    out = tmp_path / "out"
    out.mkdir()
    for title in ("Çà et là", "Talk:Çullu, Agdam"):
        path = fetch(wiki, title, out).path
        assert [str(error) for error in schema.iter_errors(str(path))] == []


def test_output_folder_is_made_and_removed_again_on_failure(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    folder = tmp_path / "hist"
    assert main(["fetch", "Pear", "--api", wiki.api_url, "-o", f"{folder}/"]) == 0
    assert [p.name for p in folder.iterdir()] == ["Pear.xml"]
    other = tmp_path / "other"
    assert main(["fetch", "Nope", "--api", wiki.api_url, "-o", f"{other}/"]) == 6
    assert not other.exists()


def test_resume_from_another_wiki_is_refused(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki()
    path = fetch(wiki, "Pear", tmp_path).path  # <base> of the test wiki: http://localhost/...
    before = path.read_bytes()
    elsewhere = dict(SITEINFO, general=dict(SITEINFO["general"], base="https://fr.example.org/"))
    other = make_wiki(pages=[fake_page("pear")])
    other.siteinfo = elsewhere
    with pytest.raises(FetchError) as caught:
        fetch(other, "Pear", path)
    assert caught.value.message == (
        f"cannot add to {path}: {path} holds 'Pear' from localhost, not from fr.example.org: "
        "choose another output file with -o"
    )
    assert path.read_bytes() == before


def test_api_warnings_and_lost_texts_are_reported(make_wiki, tmp_path: Path, capsys) -> None:
    lost = dict(NEW_EDIT, revid=99, parentid=0, timestamp="2001-01-01T00:00:00Z")
    lost["slots"] = {"main": {"contentmodel": "wikitext", "textmissing": True}}
    wiki = make_wiki(pages=[FakePage("Lost", 5, revisions=[lost])])
    response = wiki.answer
    wiki.answer = lambda params: (
        response(params)
        | {  # type: ignore[method-assign]
            "warnings": {
                "main": {"warnings": 'Unrecognized parameter: "x".'},
                "result": {
                    "warnings": "This result was truncated because it would otherwise be larger "
                    "than the limit of 12,582,912 bytes."
                },
            }
        }
    )
    status = main(["fetch", "Lost", "--api", wiki.api_url, "-o", str(tmp_path)])
    captured = capsys.readouterr()
    assert status == 0
    assert captured.err.splitlines() == [
        'wikitui: warning: main: Unrecognized parameter: "x".',
        "wikitui: warning: the wiki has lost the text of revision 99",
    ]
    page = load(tmp_path / "Lost.xml")
    assert page.revisions[0].text_hidden


@pytest.mark.parametrize(
    ("suffix", "magic"), [(".bz2", b"BZh"), (".gz", b"\x1f\x8b"), (".xz", b"\xfd7zXZ")]
)
def test_compressed_output_and_resume_into_it(make_wiki, tmp_path: Path, suffix, magic) -> None:
    wiki = make_wiki()
    path = tmp_path / f"history.xml{suffix}"
    fetch(wiki, "Çà et là", path)
    assert path.read_bytes().startswith(magic)
    wiki.add_revision("Çà et là", NEW_EDIT)
    result = fetch(wiki, "Çà et là", path)
    assert (result.added, result.total) == (1, 6)
    assert path.read_bytes().startswith(magic)
    page = load(path)
    assert [r.rev_id for r in page.revisions] == [41, 42, 43, 44, 46, 47]
    assert page.text(page.revisions[-1]) == "Sixième révision"


def test_resume_fills_the_whole_gap_whatever_the_limit(make_wiki, tmp_path: Path) -> None:
    wiki = make_wiki(max_batch=2)
    path = fetch(wiki, "Pyrus", tmp_path, limit=2, follow_redirects=False).path
    assert [r.rev_id for r in load(path).revisions] == [10, 11]
    for number in range(3):
        wiki.add_revision(
            "Pyrus",
            dict(NEW_EDIT, revid=20 + number, timestamp=f"2009-01-0{number + 1}T00:00:00Z"),
        )
    result = fetch(wiki, "Pyrus", path, limit=1, follow_redirects=False)
    assert result.added == 3
    assert [r.rev_id for r in load(path).revisions] == [10, 11, 20, 21, 22]


@pytest.mark.parametrize(
    ("at", "body"),
    [
        (1, {"query": {"pages": [{"title": "Pear", "ns": 0}]}}),  # no pageid
        (1, {"query": {"pages": "Pear"}}),
        (2, {"query": {"pages": [{"pageid": 2, "revisions": [{"user": "no revid"}]}]}}),
    ],
)
def test_json_of_another_shape(make_wiki, tmp_path: Path, at: int, body: Any) -> None:
    wiki = make_wiki(faults=[Fault(at=at, kind="api-error", body=body)])
    with pytest.raises(FetchError) as caught:
        fetch(wiki, "Pear", tmp_path)
    assert caught.value.message.startswith(
        f"{wiki.api_url} answered in a shape wikitui does not understand ("
    )
    assert caught.value.message.endswith("); is it a MediaWiki API?")
    assert list(tmp_path.iterdir()) == []
