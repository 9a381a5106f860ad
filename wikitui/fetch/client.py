"""A polite Action API client: one request at a time, retries with back-off, clear errors.

Wikimedia's API etiquette asks for a descriptive User-Agent with contact details, sequential
requests, ``maxlag`` and honouring ``Retry-After``. Every failure the user can meet (no network,
DNS, timeouts, HTML error pages, API ``error`` objects) becomes a one-line
:class:`~wikitui.errors.FetchError`.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from wikitui import PROJECT_URL, __version__
from wikitui.errors import FetchError

USER_AGENT = f"wikitui/{__version__} ({PROJECT_URL}) httpx/{httpx.__version__}"
DEFAULT_TIMEOUT = 30.0
MAXLAG = 5

# Transient conditions worth waiting for. 5xx gateways happen when a Wikimedia backend is
# restarted; 429 and 503 are the rate limiter and overload answers.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_API_CODES = frozenset({"maxlag", "ratelimited", "internal_api_error_DBQueryTimeoutError"})


@dataclass(slots=True)
class RetryPolicy:
    """How often and how long to wait before giving up on a transient failure.

    The n-th retry waits ``Retry-After`` when the server sent one, else ``base_delay * 2**n``;
    either is capped at ``max_delay``. ``sleep`` is injectable so tests don't wait.
    """

    attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, retry: int, retry_after: float | None) -> float:
        """Seconds to wait before retry number ``retry`` (0-based)."""
        wanted = retry_after if retry_after is not None else self.base_delay * (2**retry)
        return max(0.0, min(wanted, self.max_delay))


MAX_RESPONSE_BYTES = 64 << 20  # MediaWiki caps a result at 8 MB ($wgAPIMaxResultSize)


class _TooLarge(Exception):
    """The answer grew past MAX_RESPONSE_BYTES (a gzip bomb, or not an API at all)."""


@dataclass(slots=True)
class _Answer:
    """What is kept of an HTTP response once its body is read."""

    status_code: int
    reason_phrase: str
    headers: httpx.Headers
    content: bytes


def api_url_for(site: str | None, api: str | None) -> str:
    """The ``api.php`` URL for ``--site HOST`` or ``--api URL`` (an explicit API wins)."""
    if api:
        try:
            parts = urlsplit(api)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError as error:
            raise FetchError(f"not a usable URL: {api!r} ({error})") from None
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(f"not an http(s) URL: {api!r} (expected like https://host/w/api.php)")
        return api
    host = (site or "en.wikipedia.org").strip()
    if "://" in host:
        try:
            parts = urlsplit(host)
        except ValueError as error:
            raise FetchError(f"not a wiki host: {site!r} ({error})") from None
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(f"not a wiki host: {site!r} (expected like en.wikipedia.org)")
        return f"{parts.scheme}://{parts.netloc}/w/api.php"
    host = host.rstrip("/")
    if not host or "/" in host or " " in host:
        raise FetchError(f"not a wiki host: {site!r} (expected like en.wikipedia.org)")
    return f"https://{host}/w/api.php"


def _parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class ApiClient:
    """Sends Action API GET requests for :func:`~wikitui.fetch.fetch_history`.

    ``client`` may be a caller's :class:`httpx.Client` (it is not closed here); otherwise one
    is made with gzip, a timeout and wikitui's User-Agent.
    """

    def __init__(
        self,
        api_url: str,
        *,
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.api_url = api_url
        self.host = urlsplit(api_url).netloc
        self.retry = retry or RetryPolicy()
        self.timeout = timeout
        self.requests = 0
        self.warnings: list[str] = []
        self._own_client = client is None
        self._client = client or self._new_client()
        # A caller's client keeps its own User-Agent unless it is httpx's anonymous default.
        agent = self._client.headers.get("User-Agent", "")
        self._headers = {"User-Agent": USER_AGENT} if agent.startswith("python-httpx") else {}
        self._headers["Accept-Encoding"] = "gzip"

    def _new_client(self) -> httpx.Client:
        return httpx.Client(
            timeout=httpx.Timeout(self.timeout),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"},
            follow_redirects=True,
        )

    def close(self) -> None:
        """Close the HTTP client if this object made it."""
        if self._own_client:
            self._client.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, params: Mapping[str, str | int]) -> dict[str, Any]:
        """One API request (``format=json&formatversion=2&maxlag=5`` added), retried if needed.

        Returns the decoded response; raises :class:`FetchError` for anything else.
        """
        full = {"format": "json", "formatversion": "2", "maxlag": str(MAXLAG)}
        full.update({key: str(value) for key, value in params.items()})
        retry = 0
        while True:
            outcome = self._attempt(full)
            if isinstance(outcome, dict):
                return outcome
            message, retry_after = outcome
            if retry >= self.retry.attempts:
                tries = retry + 1
                raise FetchError(
                    f"{message} (gave up after {tries} attempt{'s' if tries > 1 else ''})"
                )
            self.retry.sleep(self.retry.delay(retry, retry_after))
            retry += 1

    def _attempt(self, params: dict[str, str]) -> dict[str, Any] | tuple[str, float | None]:
        """One try: the decoded JSON, or (why, Retry-After) for a failure worth retrying."""
        self.requests += 1
        try:
            response = self._get_within_deadline(params)
        except _TooLarge:
            raise FetchError(
                f"{self.host} sent more than {MAX_RESPONSE_BYTES >> 20} MB for one request"
                " (after decompression): too large for an API answer"
            ) from None
        except httpx.TimeoutException:
            return f"{self.host} did not answer within {self.timeout:g} s", None
        except httpx.ConnectError as error:
            raise FetchError(self._connect_message(error)) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
            return f"the connection to {self.host} broke off ({_reason(error)})", None
        except httpx.HTTPError as error:
            raise FetchError(f"request to {self.api_url} failed: {_reason(error)}") from None
        if response is None:
            return f"{self.host} did not answer within {self.timeout:g} s", None
        retry_after = _parse_retry_after(response.headers.get("Retry-After"))
        if response.status_code in RETRY_STATUSES:
            return f"{self.host} answered HTTP {response.status_code}", retry_after
        data = self._decode(response)
        problem = data.get("error")
        if isinstance(problem, dict):
            code = str(problem.get("code", "unknown"))
            info = str(problem.get("info", "") or problem.get("*", "")).strip()
            if code in RETRY_API_CODES:
                return f"{self.host} is busy ({code}: {info})", retry_after
            raise FetchError(f"the wiki refused the request: {code}: {info}")
        self._note_warnings(data.get("warnings"))
        return data

    def _get_within_deadline(self, params: dict[str, str]) -> _Answer | None:
        """One GET, read whole within ``timeout`` seconds; None when the deadline passed.

        httpx's timeouts bound each network read, so a server sending a byte every half
        second would never time out; here the request runs in a thread and is abandoned
        (its connection closed) once the deadline passes, whatever the server does.
        """
        cancelled = threading.Event()
        outcome: list[_Answer | BaseException] = []

        def work() -> None:
            try:
                outcome.append(self._get(params, cancelled))
            except BaseException as error:  # handed to the waiting thread below
                outcome.append(error)

        worker = threading.Thread(target=work, name="wikitui-api-request", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            cancelled.set()
            if self._own_client:  # drop the stuck connection; retries get a fresh client
                stuck, self._client = self._client, self._new_client()
                threading.Thread(target=stuck.close, daemon=True).start()
            return None
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    def _get(self, params: dict[str, str], cancelled: threading.Event) -> _Answer:
        """Send the request and read the (decompressed) body, at most MAX_RESPONSE_BYTES."""
        with self._client.stream(
            "GET", self.api_url, params=params, headers=self._headers, timeout=self.timeout
        ) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                if cancelled.is_set():
                    raise httpx.ReadTimeout("abandoned after the deadline")
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise _TooLarge
                chunks.append(chunk)
            return _Answer(
                response.status_code, response.reason_phrase, response.headers, b"".join(chunks)
            )

    def _note_warnings(self, warnings: Any) -> None:
        """Keep the API's warnings (deprecations, truncated results), each once."""
        if not isinstance(warnings, dict):
            return
        for module, body in warnings.items():
            text = body.get("warnings", body.get("*")) if isinstance(body, dict) else body
            for line in str(text or "").splitlines():
                message = f"{module}: {line.strip()}"
                if "result was truncated" in line:
                    continue  # the API's size cap on one response; continuation fetches the rest
                if line.strip() and message not in self.warnings:
                    self.warnings.append(message)

    def _decode(self, response: _Answer) -> dict[str, Any]:
        kind = response.headers.get("Content-Type", "").split(";")[0].strip() or "no type"
        status = response.status_code
        what = f"{self.api_url} answered HTTP {status} {response.reason_phrase}".rstrip()
        try:
            data = json.loads(response.content)
        except (ValueError, UnicodeDecodeError, RecursionError):
            hint = "is it a MediaWiki api.php URL?"
            if status >= 400:
                raise FetchError(f"{what} with {kind}, not API JSON ({hint})") from None
            raise FetchError(
                f"{self.api_url} did not answer with JSON (got {kind}; {hint})"
            ) from None
        if not isinstance(data, dict):
            raise FetchError(f"{self.api_url} answered JSON that is not an API response")
        if status >= 400 and "error" not in data:
            raise FetchError(f"{what}")
        return data

    def _connect_message(self, error: httpx.ConnectError) -> str:
        reason = _reason(error)
        lowered = reason.lower()
        if any(
            marker in lowered
            for marker in (
                "name or service not known",
                "temporary failure in name resolution",
                "nodename nor servname",
                "no address associated",
                "getaddrinfo failed",
                "name resolution",
            )
        ):
            return f"cannot resolve host {self.host} (no network, or no such host): {reason}"
        if "refused" in lowered:
            return f"cannot connect to {self.host}: connection refused"
        if "unreachable" in lowered:
            return f"cannot reach {self.host}: network is unreachable (no network?)"
        return f"cannot connect to {self.host}: {reason}"


def _reason(error: Exception) -> str:
    """The innermost readable reason of an httpx/OS error, on one line."""
    text = str(error) or type(error).__name__
    cause = error.__cause__ or error.__context__
    while cause is not None and not str(error):
        text = str(cause) or text
        cause = cause.__cause__ or cause.__context__
    # "[Errno -2] Name or service not known" reads fine; strip wrapping brackets only.
    return " ".join(text.split())
