"""The API client's small pieces: API URLs, Retry-After, the back-off policy."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime, timedelta

import pytest

from wikitui.errors import FetchError
from wikitui.fetch import USER_AGENT, RetryPolicy, api_url_for
from wikitui.fetch.client import _parse_retry_after


@pytest.mark.parametrize(
    ("site", "api", "url"),
    [
        (None, None, "https://en.wikipedia.org/w/api.php"),
        ("fr.wikipedia.org", None, "https://fr.wikipedia.org/w/api.php"),
        ("fr.wikipedia.org/", None, "https://fr.wikipedia.org/w/api.php"),
        ("http://localhost:8080", None, "http://localhost:8080/w/api.php"),
        (
            "en.wikipedia.org",
            "https://wiki.example.org/api.php",
            "https://wiki.example.org/api.php",
        ),
    ],
)
def test_api_url(site: str | None, api: str | None, url: str) -> None:
    assert api_url_for(site, api) == url


@pytest.mark.parametrize(("site", "api"), [("", "file:///etc/passwd"), ("a/b", None)])
def test_bad_api_url(site: str, api: str | None) -> None:
    with pytest.raises(FetchError):
        api_url_for(site, api)


def test_retry_after_forms() -> None:
    assert _parse_retry_after("7") == 7.0
    assert _parse_retry_after(None) is None
    assert _parse_retry_after("soon") is None
    later = datetime.now(UTC) + timedelta(seconds=120)
    seconds = _parse_retry_after(email.utils.format_datetime(later, usegmt=True))
    assert seconds is not None and 100 < seconds <= 120
    past = email.utils.format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True)
    assert _parse_retry_after(past) == 0.0


def test_backoff_policy() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=10.0)
    assert [policy.delay(n, None) for n in range(5)] == [1.0, 2.0, 4.0, 8.0, 10.0]
    assert policy.delay(0, 3.0) == 3.0
    assert policy.delay(0, 999.0) == 10.0


def test_user_agent_names_the_project() -> None:
    assert USER_AGENT.startswith("wikitui/")
    assert "(https://github.com/wikitui/wikitui)" in USER_AGENT
    assert "httpx/" in USER_AGENT
