"""A stand-in for a wiki's Action API on the loopback interface, for tests and demos.

:class:`FakeWiki` runs a real HTTP server (``ThreadingHTTPServer`` on 127.0.0.1, a free port)
in a thread and answers the requests :func:`wikitui.fetch.fetch_history` makes
(``prop=info`` + ``meta=siteinfo``, then ``prop=revisions`` with continuation) the way
MediaWiki does, from revision objects recorded from a real MediaWiki. Faults can be scheduled
(HTTP 429 with ``Retry-After``, ``maxlag``, HTML error pages, API errors, a connection that
breaks off mid-body) so every error path can be tested without touching the internet.

Test code, kept out of the installed package: the fetch and app tests and
``bench/bench_fetch.py`` use it.
"""

from __future__ import annotations

import copy
import gzip
import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from wikitui.model import normalise_title

_INVALID_CHARS = "<>[]{}|#"


@dataclass(slots=True)
class FakePage:
    """A page of the fake wiki; ``revisions`` are API revision objects, kept newest first."""

    title: str
    page_id: int
    ns: int = 0
    revisions: list[dict[str, Any]] = field(default_factory=list)
    content_model: str = "wikitext"

    def __post_init__(self) -> None:
        self.revisions.sort(key=lambda r: (r.get("timestamp", ""), r["revid"]), reverse=True)

    @classmethod
    def from_response(cls, response: dict[str, Any]) -> FakePage:
        """The (first) page of a recorded ``prop=revisions`` response."""
        page = response["query"]["pages"][0]
        return cls(
            title=page["title"],
            page_id=page["pageid"],
            ns=page.get("ns", 0),
            revisions=copy.deepcopy(page.get("revisions", [])),
        )


@dataclass(slots=True)
class Fault:
    """A misbehaviour for request number ``at`` (1-based), and every later one if ``sticky``.

    Kinds: ``status`` (HTTP ``status`` with ``body`` and ``retry_after``), ``maxlag`` (the
    API's maxlag error with a ``Retry-After`` header), ``api-error`` (``body`` is the JSON
    error response), ``html`` (an HTML page with HTTP ``status``), ``truncate`` (the right
    headers, then half the body and a closed connection), ``slow`` (wait ``delay`` seconds
    before answering normally), ``drip`` (the normal answer, status line and headers included,
    one byte every ``delay`` seconds), ``raw`` (``body`` as bytes, sent as they are with
    ``Content-Encoding: encoding`` when ``encoding`` is set: hostile JSON, a gzip bomb).
    """

    at: int
    kind: str
    status: int = 200
    body: Any = None
    retry_after: str | None = None
    sticky: bool = False
    delay: float = 0.0
    encoding: str | None = None


@dataclass(slots=True)
class RecordedRequest:
    """One request the fake wiki received."""

    path: str
    params: dict[str, str]
    headers: dict[str, str]


class FakeWiki:
    """A fake MediaWiki Action API served on ``self.api_url`` while running.

    Use as a context manager. ``siteinfo`` is a recorded ``query`` object holding ``general``
    and ``namespaces``; ``redirects`` maps titles to the titles they redirect to;
    ``max_batch`` is the most revisions with content one request returns (50 on Wikipedia).
    """

    def __init__(
        self,
        pages: Iterable[FakePage] = (),
        *,
        siteinfo: dict[str, Any] | None = None,
        redirects: dict[str, str] | None = None,
        max_batch: int = 50,
        faults: Iterable[Fault] = (),
    ) -> None:
        self.pages = {page.title: page for page in pages}
        self.siteinfo = siteinfo or {}
        self.redirects = dict(redirects or {})
        self.max_batch = max_batch
        self.faults = list(faults)
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- running -------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """``http://127.0.0.1:PORT/w/api.php``."""
        assert self._server is not None, "FakeWiki is not running"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/w/api.php"

    def start(self) -> FakeWiki:
        """Start serving in a daemon thread."""
        wiki = self

        class Handler(_Handler):
            fake = wiki

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeWiki:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def add_revision(self, title: str, revision: dict[str, Any]) -> None:
        """A new edit arrives on the wiki (for refresh/resume tests)."""
        with self._lock:
            page = self.pages[title]
            page.revisions.insert(0, revision)

    # -- answering -----------------------------------------------------------------------

    def fault_for(self, number: int) -> Fault | None:
        """The fault scheduled for request ``number``, if any."""
        for fault in self.faults:
            if fault.at == number or (fault.sticky and number >= fault.at):
                return fault
        return None

    def answer(self, params: dict[str, str]) -> dict[str, Any]:
        """The JSON response for one API request."""
        if params.get("format") != "json":
            return _error("badvalue", "wikitui's fake wiki only speaks format=json")
        if params.get("action") != "query":
            return _error("badvalue", f'Unrecognized value for parameter "action": {params}')
        with self._lock:
            if "pageids" in params:
                return self._revisions(params)
            return self._info(params)

    def _info(self, params: dict[str, str]) -> dict[str, Any]:
        query: dict[str, Any] = {}
        title = params.get("titles", "")
        result: dict[str, Any] = {"batchcomplete": True, "query": query}
        if any(char in title for char in _INVALID_CHARS) or not title.strip():
            bad = next((char for char in title if char in _INVALID_CHARS), "")
            query["pages"] = [
                {
                    "title": title,
                    "invalidreason": "The requested page title contains invalid characters: "
                    f'"{bad}".',
                    "invalid": True,
                }
            ]
            return result
        normal = normalise_title(title)
        if normal != title:
            query["normalized"] = [{"fromencoded": False, "from": title, "to": normal}]
        if params.get("redirects") and normal in self.redirects:
            query["redirects"] = [{"from": normal, "to": self.redirects[normal]}]
            normal = self.redirects[normal]
        page = self.pages.get(normal)
        if normal.startswith("Special:"):
            query["pages"] = [{"ns": -1, "title": normal, "special": True, "missing": True}]
        elif page is None:
            query["pages"] = [
                {
                    "ns": 0,
                    "title": normal,
                    "missing": True,
                    "contentmodel": "wikitext",
                    "pagelanguage": "en",
                    "pagelanguagehtmlcode": "en",
                    "pagelanguagedir": "ltr",
                }
            ]
        else:
            latest = page.revisions[0] if page.revisions else {}
            info = {
                "pageid": page.page_id,
                "ns": page.ns,
                "title": page.title,
                "contentmodel": page.content_model,
                "pagelanguage": "en",
                "pagelanguagehtmlcode": "en",
                "pagelanguagedir": "ltr",
                "touched": latest.get("timestamp"),
                "lastrevid": latest.get("revid"),
                "length": latest.get("size"),
            }
            query["pages"] = [info]
        if params.get("meta") == "siteinfo":
            for part in params.get("siprop", "general").split("|"):
                if part in self.siteinfo:
                    query[part] = copy.deepcopy(self.siteinfo[part])
        return result

    def _revisions(self, params: dict[str, str]) -> dict[str, Any]:
        page = next((p for p in self.pages.values() if str(p.page_id) == params["pageids"]), None)
        if page is None:
            return {
                "batchcomplete": True,
                "query": {"pages": [{"pageid": int(params["pageids"]), "missing": True}]},
            }
        limit_param = params.get("rvlimit", "10")
        limit = self.max_batch if limit_param == "max" else min(int(limit_param), self.max_batch)
        revisions = page.revisions
        if "rvcontinue" in params:
            stamp, _, rev_id = params["rvcontinue"].partition("|")
            key = (stamp, int(rev_id))
            revisions = [r for r in revisions if (_compact(r["timestamp"]), r["revid"]) <= key]
        if "rvend" in params:
            revisions = [r for r in revisions if r["timestamp"] >= params["rvend"]]
        batch, rest = revisions[:limit], revisions[limit:]
        result: dict[str, Any] = {}
        if rest:
            nxt = rest[0]
            result["continue"] = {
                "rvcontinue": f"{_compact(nxt['timestamp'])}|{nxt['revid']}",
                "continue": "||",
            }
        else:
            result["batchcomplete"] = True
        result["query"] = {
            "pages": [
                {
                    "pageid": page.page_id,
                    "ns": page.ns,
                    "title": page.title,
                    "revisions": copy.deepcopy(batch),
                }
            ]
        }
        if limit_param == "max":
            result["limits"] = {"revisions": self.max_batch}
        return result


def _compact(timestamp: str) -> str:
    """``2002-08-31T05:53:10Z`` → ``20020831055310`` (the form in ``rvcontinue``)."""
    return "".join(char for char in timestamp if char.isdigit())


def _error(code: str, info: str) -> dict[str, Any]:
    return {"error": {"code": code, "info": info, "docref": "See /w/api.php for API usage."}}


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up early (timeouts, aborted fetches) are expected, not news."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing about a client that went away."""


class _Handler(BaseHTTPRequestHandler):
    """HTTP side of :class:`FakeWiki` (the subclass made in ``start`` sets ``fake``)."""

    fake: FakeWiki
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read ``FakeWiki.requests`` instead of a log."""

    def do_GET(self) -> None:
        """Answer one API request, or misbehave as scheduled."""
        parts = urlsplit(self.path)
        params = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        with self.fake._lock:
            self.fake.requests.append(
                RecordedRequest(parts.path, params, {k: v for k, v in self.headers.items()})
            )
            number = len(self.fake.requests)
        fault = self.fake.fault_for(number)
        if parts.path != "/w/api.php":
            self._send(404, b"<html><body><h1>Not Found</h1></body></html>", "text/html")
            return
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)
            fault = None
        if fault is None:
            body = json.dumps(self.fake.answer(params), ensure_ascii=False).encode("utf-8")
            self._send(200, body, "application/json; charset=utf-8")
        elif fault.kind == "status":
            body = json.dumps(fault.body or {}).encode() if fault.body is not None else b""
            self._send(fault.status, body, "application/json", fault.retry_after)
        elif fault.kind == "maxlag":
            body = json.dumps(
                {
                    "error": {
                        "code": "maxlag",
                        "info": "Waiting for 10.64.0.1: 7 seconds lagged.",
                        "host": "10.64.0.1",
                        "lag": 7,
                        "type": "db",
                    },
                    "servedby": "fake",
                }
            ).encode()
            self._send(200, body, "application/json", fault.retry_after or "5")
        elif fault.kind == "api-error":
            self._send(200, json.dumps(fault.body).encode(), "application/json")
        elif fault.kind == "html":
            page = b"<!DOCTYPE html><html><head><title>Wikimedia Error</title></head>"
            page += b"<body><h1>Our servers are currently under maintenance</h1></body></html>"
            self._send(fault.status, page, "text/html; charset=utf-8")
        elif fault.kind == "raw":
            self.send_response(fault.status)
            self.send_header("Content-Type", "application/json")
            if fault.encoding:
                self.send_header("Content-Encoding", fault.encoding)
            self.send_header("Content-Length", str(len(fault.body)))
            self.end_headers()
            self.wfile.write(fault.body)
        elif fault.kind == "drip":
            body = json.dumps(self.fake.answer(params)).encode("utf-8")
            head = (
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode("ascii")
            try:
                for byte in head + body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(fault.delay)
            except OSError:
                pass  # the client gave up, as it should
            self.close_connection = True
        elif fault.kind == "truncate":
            body = json.dumps(self.fake.answer(params)).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
        else:  # pragma: no cover - a typo in a test
            raise ValueError(f"unknown fault kind {fault.kind!r}")

    def _send(self, status: int, body: bytes, kind: str, retry_after: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if body and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=5, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.end_headers()
        self.wfile.write(body)
