"""Feeds: parsing RSS/Atom into plain-text items, and fetching them politely and safely."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from bot.trips.feeds import (
    SUMMARY_LIMIT,
    USER_AGENT,
    FeedError,
    FeedItem,
    FeedState,
    fetch_feed,
    parse_feed,
    record_error,
    record_success,
)
from tests.fakes.feed_server import ATOM_TYPE, FeedServer, atom, rss

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
PLUS_TWO = dt.timezone(dt.timedelta(hours=2))
FEED_URL = "https://news.example.org/feed.xml"

ITEMS: list[dict[str, Any]] = [
    {
        "title": "Putin to visit Mongolia &amp; Kyrgyzstan",
        "summary": "<p>The Kremlin <b>confirmed</b> the trip&nbsp;on Monday.</p>"
        "<p>Second&#8212;paragraph &lt;here&gt;</p><script>alert(1)</script>",
        "link": "https://news.example.org/a/1",
        "guid": "urn:news:1",
        "pubDate": dt.datetime(2026, 11, 28, 9, 30, tzinfo=PLUS_TWO),
    },
    {"title": "No guid", "summary": "Plain   text\n\twith  spaces", "link": "/a/2"},
    {"title": "Neither guid nor link", "summary": "<i>just</i> text"},
]


def run_fetch(state: FeedState, **kwargs: Any) -> tuple[list[FeedItem], FeedState]:
    async def go() -> tuple[list[FeedItem], FeedState]:
        async with httpx.AsyncClient(trust_env=False) as client:
            return await fetch_feed(client, state, now=kwargs.pop("now", NOW), **kwargs)

    return asyncio.run(go())


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running
        assert running.errors == []


# ---------------------------------------------------------------------------- parsing


def test_parse_rss_strips_html_unescapes_and_converts_dates_to_utc() -> None:
    first, second, third = parse_feed(FEED_URL, rss(ITEMS))
    assert first == FeedItem(
        feed_url=FEED_URL,
        guid="urn:news:1",
        title="Putin to visit Mongolia & Kyrgyzstan",
        summary="The Kremlin confirmed the trip on Monday. Second—paragraph <here>",
        link="https://news.example.org/a/1",
        published=dt.datetime(2026, 11, 28, 7, 30, tzinfo=dt.UTC),
    )
    assert first.published is not None and first.published.utcoffset() == dt.timedelta(0)
    assert second.summary == "Plain text with spaces" and second.published is None
    assert second.link == "https://news.example.org/a/2"  # relative links resolved
    assert second.guid == second.link  # no guid: the link
    assert third.link == ""
    expected = hashlib.sha1(b"Neither guid nor link\njust text", usedforsecurity=False)
    assert third.guid == expected.hexdigest()  # neither: a hash of title and summary


def test_parse_atom_like_rss() -> None:
    items = parse_feed(FEED_URL, atom(ITEMS))
    assert [item.title for item in items] == [
        item.title for item in parse_feed(FEED_URL, rss(ITEMS))
    ]
    first, second, third = items
    assert first.guid == "urn:news:1" and first.link == "https://news.example.org/a/1"
    assert first.summary == "The Kremlin confirmed the trip on Monday. Second—paragraph <here>"
    assert first.published == dt.datetime(2026, 11, 28, 7, 30, tzinfo=dt.UTC)
    assert second.guid == "https://news.example.org/a/2"
    assert len(third.guid) == 40 and third.link == ""


def test_parse_atom_content_dates_and_plain_text() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id>
<updated>2026-11-28T00:00:00Z</updated>
<entry><id>urn:1</id><title type="html">A &lt;b&gt;bold&lt;/b&gt; move</title>
<updated>2026-11-27T23:00:00-05:00</updated>
<content type="html">&lt;div&gt;Body&lt;/div&gt;&lt;div&gt;text&lt;/div&gt;</content></entry>
<entry><id>urn:2</id><title type="text">1 &lt; 2</title>
<summary type="text">a &lt;b&gt; is not a tag here</summary></entry>
</feed>"""
    first, second = parse_feed(FEED_URL, body, content_type=ATOM_TYPE)
    assert first.title == "A bold move" and first.summary == "Body text"
    assert first.published == dt.datetime(2026, 11, 28, 4, 0, tzinfo=dt.UTC)  # updated, in UTC
    assert second.title == "1 < 2" and second.summary == "a <b> is not a tag here"


def test_parse_summary_is_capped() -> None:
    words = " ".join(f"word{i}" for i in range(1_000))
    (item,) = parse_feed(FEED_URL, rss([{"title": "Long", "summary": words, "guid": "g"}]))
    assert len(item.summary) <= SUMMARY_LIMIT and item.summary.endswith("…")
    assert words.startswith(item.summary[:-1])


def test_parse_skips_repeated_guids_and_empty_entries() -> None:
    body = rss([{"guid": "a", "title": "One"}, {"guid": "a", "title": "Again"}, {"guid": "b"}])
    assert [item.title for item in parse_feed(FEED_URL, body)] == ["One"]


def test_parse_accepts_a_malformed_feed_that_still_has_entries() -> None:
    body = rss([{"title": "Fine", "guid": "1"}]).replace(b"<title>Fine", b"<title>Fish & chips")
    (item,) = parse_feed(FEED_URL, body)
    assert item.title == "Fish & chips"


def test_parse_an_empty_but_valid_feed_is_no_items() -> None:
    assert parse_feed(FEED_URL, rss([])) == []
    assert parse_feed(FEED_URL, atom([])) == []
    assert parse_feed(FEED_URL, rss([]), content_type="text/html") == []  # misconfigured host


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"this is not a feed",
        b"\x00\xff\xfe\x89PNG garbage",
        b"<html><body><p>Page moved</p></body></html>",
        b"<?xml version='1.0'?><note>XML but no feed</note>",
        b"/etc/passwd",  # feedparser opens bytes as a file name; parse_feed must not
    ],
)
def test_parse_rejects_what_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(FEED_URL, body)
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------------------- state


def test_record_success_and_error() -> None:
    state = FeedState(FEED_URL, etag='"v1"', last_modified="Sat, 28 Nov 2026 10:00:00 GMT")
    failed = record_error(state, "HTTP 500 Internal\nServer Error", NOW.astimezone(PLUS_TWO))
    assert failed.last_error == "2026-11-28 12:00 UTC: HTTP 500 Internal Server Error"
    assert failed.etag == state.etag and failed.last_success is None
    ok = record_success(failed, NOW, etag=None, last_modified=failed.last_modified)
    assert ok == FeedState(FEED_URL, None, state.last_modified, NOW, None)
    with pytest.raises(ValueError, match="timezone-aware"):
        record_success(state, NOW.replace(tzinfo=None), etag=None, last_modified=None)


# ---------------------------------------------------------------------------- fetching


def test_fetch_parses_and_keeps_the_validators(server: FeedServer) -> None:
    server.set_feed("/feed.xml", rss(ITEMS), etag='"v1"', last_modified=NOW)
    url = server.url_for("/feed.xml")
    items, state = run_fetch(FeedState(url, last_error="old"))
    assert [item.guid for item in items][:1] == ["urn:news:1"]
    assert {item.feed_url for item in items} == {url}
    assert state == FeedState(url, '"v1"', "Sat, 28 Nov 2026 12:00:00 GMT", NOW, None)
    (request,) = server.requests_to("/feed.xml")
    assert request.method == "GET" and request.headers["user-agent"] == USER_AGENT
    assert "if-none-match" not in request.headers and "if-modified-since" not in request.headers


def test_fetch_conditional_get_gets_304_and_no_items(server: FeedServer) -> None:
    server.set_feed("/feed.xml", rss(ITEMS), etag='"v1"', last_modified=NOW)
    items, state = run_fetch(FeedState(server.url_for("/feed.xml")))
    assert len(items) == 3
    later = NOW + dt.timedelta(hours=1)
    again, after = run_fetch(state, now=later)
    assert again == []
    assert after == FeedState(state.url, state.etag, state.last_modified, later, None)
    second = server.requests_to("/feed.xml")[1]
    assert second.headers["if-none-match"] == '"v1"'
    assert second.headers["if-modified-since"] == "Sat, 28 Nov 2026 12:00:00 GMT"

    server.set_feed("/feed.xml", rss(ITEMS[:1]), etag='"v2"')  # changed: a 200 again
    changed, newest = run_fetch(after)
    assert len(changed) == 1 and newest.etag == '"v2"' and newest.last_modified is None


def test_fetch_if_modified_since_alone(server: FeedServer) -> None:
    server.set_feed("/feed.xml", atom(ITEMS), content_type=ATOM_TYPE, last_modified=NOW)
    items, state = run_fetch(FeedState(server.url_for("/feed.xml")))
    assert len(items) == 3 and state.etag is None
    again, _ = run_fetch(state)
    assert again == []
    assert "if-none-match" not in server.requests_to("/feed.xml")[1].headers


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "streamed"])
def test_fetch_size_cap(server: FeedServer, chunked: bool) -> None:
    big = rss([{"title": f"Item {i}", "summary": "x" * 1_000, "guid": str(i)} for i in range(300)])
    server.set_feed("/big.xml", big, chunked=chunked)
    with pytest.raises(FeedError, match="larger than 100,000 bytes"):
        run_fetch(FeedState(server.url_for("/big.xml")), max_bytes=100_000)
    items, _ = run_fetch(FeedState(server.url_for("/big.xml")), max_bytes=len(big))
    assert len(items) == 300


def test_fetch_timeout(server: FeedServer) -> None:
    server.set_feed("/slow.xml", rss(ITEMS))
    server.set_delay("/slow.xml", 5)
    started = time.monotonic()
    with pytest.raises(FeedError, match=r"timed out after 0\.3 s"):
        run_fetch(FeedState(server.url_for("/slow.xml")), timeout=0.3)
    assert time.monotonic() - started < 3


def test_fetch_http_error_then_recovery(server: FeedServer) -> None:
    server.set_feed("/feed.xml", rss(ITEMS))
    server.fail_next("/feed.xml", status=500)
    state = FeedState(server.url_for("/feed.xml"))
    with pytest.raises(FeedError) as caught:
        run_fetch(state)
    assert str(caught.value) == "HTTP 500 Internal Server Error"
    items, _ = run_fetch(state)
    assert len(items) == 3
    with pytest.raises(FeedError, match="HTTP 404"):
        run_fetch(FeedState(server.url_for("/missing.xml")))


def test_fetch_garbage_body(server: FeedServer) -> None:
    server.set_feed("/feed.xml", b"<html><body>Oops</body></html>", content_type="text/html")
    with pytest.raises(FeedError, match="not"):
        run_fetch(FeedState(server.url_for("/feed.xml")))


def test_fetch_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FeedError, match="request failed: ConnectError"):
        run_fetch(FeedState(f"http://127.0.0.1:{port}/feed.xml"))


def test_fetch_follows_redirects(server: FeedServer) -> None:
    server.set_feed("/feed.xml", rss(ITEMS), etag='"v1"')
    server.set_redirect("/old.xml", "/feed.xml", status=301)
    old = server.url_for("/old.xml")
    items, state = run_fetch(FeedState(old))
    assert len(items) == 3 and {item.feed_url for item in items} == {old}
    assert state.url == old and state.etag == '"v1"'
    assert [request.path for request in server.requests] == ["/old.xml", "/feed.xml"]
    assert server.requests[1].headers["user-agent"] == USER_AGENT


def test_fetch_follows_at_most_three_redirects(server: FeedServer) -> None:
    server.set_feed("/feed.xml", rss(ITEMS))
    for hop in range(4):
        server.set_redirect(f"/r{hop}", f"/r{hop + 1}" if hop < 3 else "/feed.xml")
    items, _ = run_fetch(FeedState(server.url_for("/r1")))  # r1 -> r2 -> r3 -> feed
    assert len(items) == 3
    with pytest.raises(FeedError, match="too many redirects"):
        run_fetch(FeedState(server.url_for("/r0")))  # four redirects


def test_fetch_needs_an_aware_now(server: FeedServer) -> None:
    server.set_feed("/feed.xml", rss(ITEMS))
    with pytest.raises(ValueError, match="timezone-aware"):
        run_fetch(FeedState(server.url_for("/feed.xml")), now=NOW.replace(tzinfo=None))
