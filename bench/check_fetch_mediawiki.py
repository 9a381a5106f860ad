"""Check ``wikitui fetch`` against a real MediaWiki, offline.

Needs Debian's ``mediawiki`` and ``php-cli``/``php-sqlite3`` packages (``apt-get install
mediawiki php-cli php-sqlite3 php-mbstring php-xml php-intl``); optional ``xmlschema`` for the
schema check. Nothing leaves the machine:

1. installs a scratch wiki (SQLite, in a temporary folder), imports the repository's sample
   histories (Pear, Pyrus, Azerbaijan–South Korea relations, Anarchism's last 25 revisions,
   Talk:Çullu, Agdam) and adds a page with a non-ASCII title, tags, an IP edit and a hidden
   revision;
2. serves it with PHP's built-in web server on 127.0.0.1 and runs ``wikitui fetch --limit all``
   for every page, through the real ``api.php``;
3. compares each fetched file with MediaWiki's own export of the page
   (``dumpBackup.php --full --schema-version 0.11``), line by line and revision by revision,
   and validates it against ``export-0.11.xsd``;
4. installs a second scratch wiki and imports the fetched files with ``importDump.php``, then
   compares what that wiki exports with the fetched files (other dump tools can read them).

    python bench/check_fetch_mediawiki.py
"""

from __future__ import annotations

import gzip
import html
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from wikitui.model import Page
from wikitui.sources import open_source

ROOT = Path(__file__).resolve().parent.parent
MW = Path("/usr/share/mediawiki")
XSD = Path("/usr/share/doc/mediawiki/docs/export-0.11.xsd.gz")
IMPORTS = [
    ROOT / "sample_data" / "pear.xml",
    ROOT / "sample_data" / "pyrus.xml",
    ROOT / "sample_data" / "azerbaijan-south-korea-relations.xml",
    ROOT / "sample_data" / "anarchism-last25.xml.gz",
    ROOT / "tests" / "data" / "sources" / "xml" / "pywikibot-pair-0.10.xml",
]
EXTRA_PAGE = "Çà et là"
# One line each: maintenance/eval.php runs line by line.
EXTRA_EDITS = r"""
$svc = \MediaWiki\MediaWikiServices::getInstance(); $title = Title::newFromText( "Çà et là" ); $page = $svc->getWikiPageFactory()->newFromTitle( $title ); $admin = User::newFromName( 'RefAdmin' ); $ids = [];
foreach ( [ [ "Première révision", "création ✓", 0 ], [ "Deuxième -- révision", "/* Section */ retouche", EDIT_MINOR ], [ "Troisième révision", "secret summary", 0 ], [ "Quatrième révision", "after hidden", 0 ] ] as [ $text, $summary, $flags ] ) { $status = $page->doUserEditContent( ContentHandler::makeContent( $text, $title ), $admin, $summary, $flags ); $ids[] = $page->getLatest(); $page->clear(); }
$anon = $svc->getUserFactory()->newAnonymous( '192.0.2.7' ); $page->doUserEditContent( ContentHandler::makeContent( "Cinquième & <b>dernière</b> révision 🍐\n\n== Notes ==\n* a <ref>x</ref>", $title ), $anon, "anonymous edit <with> & stuff", 0 );
ChangeTags::defineTag( 'wikitui-test' ); ChangeTags::defineTag( 'dash--tag' ); ChangeTags::addTags( [ 'wikitui-test', 'dash--tag' ], null, $ids[1] ); ChangeTags::addTags( [ 'wikitui-test' ], null, $ids[3] );
$ctx = RequestContext::getMain(); $ctx->setUser( $admin ); $list = RevisionDeleter::createList( 'revision', $ctx, $title, [ $ids[2] ] ); $list->setVisibility( [ 'value' => [ \MediaWiki\Revision\RevisionRecord::DELETED_TEXT => 1, \MediaWiki\Revision\RevisionRecord::DELETED_COMMENT => 1, \MediaWiki\Revision\RevisionRecord::DELETED_USER => 1 ], 'comment' => 'hide', 'perItemStatus' => false, 'tags' => [] ] );
"""  # noqa: E501


def titles_in(path: Path) -> list[str]:
    """Page titles of an export (read directly: only the names are needed here)."""
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return [html.unescape(t) for t in re.findall(r"<title>(.*?)</title>", data.decode("utf-8"))]


def php(home: Path, *args: str, stdin: str | None = None) -> str:
    """Run a MediaWiki maintenance script against the scratch wiki in ``home``."""
    env = dict(os.environ, MW_CONFIG_FILE=str(home / "conf" / "LocalSettings.php"))
    done = subprocess.run(
        ["php", *args], cwd=MW, env=env, input=stdin, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"php {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def install(home: Path) -> None:
    """A fresh wiki (SQLite) whose settings live in ``home``, never in /etc or /usr."""
    (home / "db").mkdir(parents=True)
    (home / "conf").mkdir()
    subprocess.run(
        [
            "php", "maintenance/install.php", "--quiet", "--dbtype", "sqlite",
            "--dbpath", str(home / "db"), "--dbname", "wikidb", "--confpath", str(home / "conf"),
            "--server", "http://localhost", "--scriptpath", "/w", "--lang", "en",
            "--pass", secrets.token_urlsafe(16), "WikiTUI Check", "RefAdmin",
        ],
        cwd=MW, capture_output=True, text=True, check=True,
    )  # fmt: skip


def import_file(home: Path, path: Path, scratch: Path) -> None:
    if path.suffix == ".gz":
        plain = scratch / path.stem
        plain.write_bytes(gzip.decompress(path.read_bytes()))
        path = plain
    php(home, "maintenance/importDump.php", "--quiet", str(path))


def dump(home: Path, titles: list[str], out: Path) -> Path:
    pagelist = out.with_suffix(".list")
    pagelist.write_text("".join(f"{t}\n" for t in titles), encoding="utf-8")
    xml = php(
        home, "maintenance/dumpBackup.php", "--full", "--quiet", "--schema-version", "0.11",
        f"--pagelist={pagelist}",
    )  # fmt: skip
    out.write_text(xml, encoding="utf-8")
    return out


def serve(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    """PHP's built-in server for the wiki on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, MW_CONFIG_FILE=str(home / "conf" / "LocalSettings.php"))
    server = subprocess.Popen(
        ["php", "-S", f"127.0.0.1:{port}", "-t", str(MW)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    api = f"http://127.0.0.1:{port}/api.php"
    for _ in range(100):
        try:
            httpx.get(api, params={"action": "query", "format": "json"}, timeout=2)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    return server, api


def fields(page: Page, index: int, *, ids: bool = True) -> tuple[object, ...]:
    rev = page.revisions[index]
    text = None if rev.text_hidden else page.text(rev)
    user = (rev.user or "").removeprefix("imported>")
    head = (rev.rev_id, rev.parent_id) if ids else ()
    return (*head, rev.timestamp, user, rev.minor, rev.comment, rev.size, rev.sha1,
            rev.text_hidden, rev.user_hidden, rev.comment_hidden, text)  # fmt: skip


def compare(ours: Page, theirs: Page, *, ids: bool) -> tuple[int, list[str]]:
    same = 0
    notes = []
    if len(ours.revisions) != len(theirs.revisions):
        return 0, [f"{ours.title}: {len(ours.revisions)} vs {len(theirs.revisions)} revisions"]
    for index in range(len(ours.revisions)):
        a, b = fields(ours, index, ids=ids), fields(theirs, index, ids=ids)
        if a == b:
            same += 1
        else:
            diff = [f"{x!r:.40} vs {y!r:.40}" for x, y in zip(a, b, strict=True) if x != y]
            notes.append(f"{ours.title} r{ours.revisions[index].rev_id}: {'; '.join(diff)}")
    return same, notes


def compare_all(
    ours: dict[str, Page], theirs: dict[str, Page], *, ids: bool
) -> tuple[int, int, list[str]]:
    """:func:`compare` for every fetched page: identical revisions, all revisions, notes."""
    same = total = 0
    notes: list[str] = []
    for title, page in sorted(ours.items()):
        ok, why = compare(page, theirs[title], ids=ids)
        same += ok
        total += len(page.revisions)
        notes += why
    return same, total, notes


def main() -> int:
    if shutil.which("php") is None or not (MW / "maintenance" / "install.php").exists():
        print("needs Debian's mediawiki and php-cli packages; skipped")
        return 0
    with tempfile.TemporaryDirectory(prefix="wikitui-fetchcheck-") as tmp:
        scratch = Path(tmp)
        first, second, fetched = scratch / "a", scratch / "b", scratch / "fetched"
        fetched.mkdir()
        print("installing a scratch MediaWiki and importing the sample histories ...", flush=True)
        install(first)
        for path in IMPORTS:
            import_file(first, path, scratch)
        php(first, "maintenance/eval.php", stdin=EXTRA_EDITS)
        titles = [title for path in IMPORTS for title in titles_in(path)] + [EXTRA_PAGE]
        server, api = serve(first)
        try:
            start = time.perf_counter()
            for title in titles:
                subprocess.run(
                    [sys.executable, "-m", "wikitui", "fetch", title, "--api", api,
                     "--limit", "all", "--no-redirect", "-o", f"{fetched}/", "--json"],
                    check=True, capture_output=True,
                )  # fmt: skip
            took = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait()
        files: dict[str, Path] = {}
        pages: dict[str, Page] = {}
        for path in fetched.iterdir():
            for page in open_source(str(path)).pages:
                files[page.title] = path
                pages[page.title] = page
        print(f"fetched {len(files)} pages through api.php in {took:.1f} s")

        reference = dump(first, titles, scratch / "reference.xml")
        theirs = {p.title: p for p in open_source(str(reference)).pages}
        same, total, notes = compare_all(pages, theirs, ids=True)
        lines_total = lines_same = 0
        ours_lines = [
            line
            for path in sorted(files.values())
            for line in path.read_text(encoding="utf-8").splitlines()
        ]
        theirs_lines = set(reference.read_text(encoding="utf-8").splitlines())
        for line in ours_lines:
            if line.startswith("<?xml") or "wikitui:tags" in line:
                continue
            lines_total += 1
            if line in theirs_lines:
                lines_same += 1
            else:
                notes.append(f"line not in MediaWiki's export: {line.strip()[:90]}")
        print(
            f"against dumpBackup.php of the same wiki: {same}/{total} revisions identical "
            "(ids, parents, time, user, flags, summary, size, sha1, hidden flags, text); "
            f"{lines_same}/{lines_total} XML lines found verbatim in MediaWiki's export"
        )
        for note in notes:
            print("  ", note)

        try:
            import xmlschema
        except ImportError:
            print("schema check skipped (pip install xmlschema)")
        else:
            xsd = scratch / "export-0.11.xsd"
            xsd.write_bytes(gzip.decompress(XSD.read_bytes()))
            schema = xmlschema.XMLSchema(str(xsd))
            invalid = [p.name for p in files.values() if not schema.is_valid(str(p))]
            print(
                f"export-0.11.xsd: {len(files) - len(invalid)}/{len(files)} files valid {invalid}"
            )

        print("importing the fetched files into a second scratch wiki ...", flush=True)
        install(second)
        for path in files.values():
            php(second, "maintenance/importDump.php", "--quiet", str(path))
        again = dump(second, list(files), scratch / "again.xml")
        imported = {p.title: p for p in open_source(str(again)).pages}
        same, total, notes = compare_all(pages, imported, ids=False)
        print(f"importDump.php + dumpBackup.php round trip: {same}/{total} revisions identical "
              "(ids aside: the importer renumbers; 'imported>' prefixes aside)")  # fmt: skip
        for note in notes:
            print("  ", note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
