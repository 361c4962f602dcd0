"""Fetch RSS and Atom feeds politely and turn their entries into plain-text items.

Politeness: every request carries a ``User-Agent`` and the validators of the last successful
fetch (``If-None-Match`` / ``If-Modified-Since``), so an unchanged feed costs a 304 and no body.
Safety: the whole fetch (redirects included) has one deadline, at most
:data:`MAX_REDIRECTS` redirects are followed, the body is read as a stream and abandoned
beyond ``max_bytes`` (after content decoding, so a gzip bomb stops early too), and the bytes
are handed to feedparser as a stream, never as a string it might take for a file name or URL.

Failures of any kind surface as :class:`FeedError` with one readable line; the caller keeps it
with :func:`record_error`.  Nothing here knows about Telegram.
"""

from __future__ import annotations

import asyncio
import calendar
import datetime as dt
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any, TypeGuard

import feedparser  # type: ignore[import-untyped]
import httpx

USER_AGENT = "warrantwatch/0.1 (+feeds)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
MAX_REDIRECTS = 3
SUMMARY_LIMIT = 2_000
"""Characters of plain text kept from an entry's summary (longer ones end with "…")."""
TITLE_LIMIT = 500
"""Characters kept from an entry's title; titles are meant to be one line."""
ERROR_LIMIT = 300
"""Characters kept from an error message."""

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_PLAIN_TYPES = frozenset({"text/plain"})
_BENIGN_BOZO = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
"""Complaints about the HTTP headers, not the document: an empty RSS/Atom feed is still fine."""


class FeedError(Exception):
    """A feed could not be fetched or parsed; ``str(error)`` is one readable line."""

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message, ERROR_LIMIT) or "feed error")


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, as plain text.

    Attributes:
        feed_url: The URL of the feed as subscribed (not where redirects ended).
        guid: The entry's id, else its link, else the SHA-1 (hex) of title and summary.
        title: Plain text, one line.
        summary: Plain text, one line, at most :data:`SUMMARY_LIMIT` characters.
        link: Absolute URL of the entry, or ``""``.
        published: When the entry was published (else updated), timezone-aware UTC, or None.

    """

    feed_url: str
    guid: str
    title: str
    summary: str
    link: str
    published: dt.datetime | None


@dataclass(frozen=True)
class FeedState:
    """What is remembered about a feed between fetches.

    Attributes:
        url: The feed's URL.
        etag: The ``ETag`` of the last 200 (sent back as ``If-None-Match``).
        last_modified: The ``Last-Modified`` of the last 200 (sent back as
            ``If-Modified-Since``).
        last_success: When a fetch last succeeded (200 or 304).
        last_error: The latest failure, stamped with its time, or None when the latest fetch
            succeeded.

    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_success: dt.datetime | None = None
    last_error: str | None = None


def record_success(
    state: FeedState,
    now: dt.datetime,
    *,
    etag: str | None,
    last_modified: str | None,
) -> FeedState:
    """Return ``state`` after a successful fetch at ``now`` with the given validators.

    Args:
        state: The state before the fetch.
        now: When the fetch happened (timezone-aware).
        etag: The validator to send next time (pass ``state.etag`` to keep it).
        last_modified: Likewise for ``Last-Modified``.

    Returns:
        A new state with ``last_success=now`` (in UTC) and no ``last_error``.

    """
    return replace(
        state,
        etag=etag,
        last_modified=last_modified,
        last_success=_utc(now),
        last_error=None,
    )


def record_error(state: FeedState, error: str, now: dt.datetime) -> FeedState:
    """Return ``state`` with ``last_error`` set to ``error``, stamped with ``now`` in UTC.

    The validators and ``last_success`` are kept: a failure does not change what the feed
    last looked like.  Example value: ``"2026-11-28 10:00 UTC: HTTP 500 Internal Server Error"``.
    """
    stamp = _utc(now).strftime("%Y-%m-%d %H:%M UTC")
    return replace(state, last_error=f"{stamp}: {_one_line(error, ERROR_LIMIT)}")


async def fetch_feed(
    client: httpx.AsyncClient,
    state: FeedState,
    *,
    now: dt.datetime,
    timeout: float = 10.0,
    max_bytes: int = 2_000_000,
) -> tuple[list[FeedItem], FeedState]:
    """GET the feed with If-None-Match / If-Modified-Since from ``state``.

    A 304 gives ``([], state with last_success=now)``; a 200 gives the parsed items and a state
    with the new ``ETag`` / ``Last-Modified``.  The body is read as a stream and the fetch stops
    beyond ``max_bytes``.  At most :data:`MAX_REDIRECTS` redirects are followed (whatever the
    client's own setting); every request sends ``User-Agent: warrantwatch/0.1 (+feeds)``.

    Args:
        client: The HTTP client (its connection pool is reused across feeds).
        state: What is known about the feed; ``state.url`` is fetched.
        now: The current time (timezone-aware); stamped into the returned state.
        timeout: Seconds for the whole fetch, redirects and body included.
        max_bytes: The largest (decoded) body accepted.

    Returns:
        The feed's items, in feed order, and the state to keep.

    Raises:
        FeedError: On a timeout, a connection error, HTTP >= 400, too many redirects, a body
            beyond ``max_bytes``, or a body that is not a feed.  The caller records it with
            :func:`record_error`.
        ValueError: When ``now`` is naive.

    """
    now = _utc(now)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if _header_safe(state.etag):
        headers["If-None-Match"] = state.etag
    if _header_safe(state.last_modified):
        headers["If-Modified-Since"] = state.last_modified
    try:
        async with asyncio.timeout(timeout):
            response = await _get(client, state.url, headers, timeout, max_bytes)
    except (TimeoutError, httpx.TimeoutException):
        raise FeedError(f"timed out after {timeout:g} s") from None
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
        raise FeedError(f"request failed: {_describe(exc)}") from exc
    if response.status == 304:
        return [], record_success(
            state,
            now,
            etag=response.etag or state.etag,
            last_modified=response.last_modified or state.last_modified,
        )
    # feedparser is synchronous and a 2 MB feed takes a noticeable while: keep the loop free.
    items = await asyncio.to_thread(
        parse_feed,
        state.url,
        response.body,
        content_type=response.content_type,
        base_url=response.url,
    )
    new_state = record_success(
        state, now, etag=response.etag, last_modified=response.last_modified
    )
    return items, new_state


def parse_feed(
    url: str,
    body: bytes,
    *,
    content_type: str | None = None,
    base_url: str | None = None,
) -> list[FeedItem]:
    """Parse an RSS or Atom document into items. Pure: no I/O.

    Feeds that feedparser flags as malformed ("bozo") are accepted when it still found
    entries; without entries they are errors, unless the only complaint is about the served
    Content-Type or charset of an otherwise recognised RSS/Atom feed.  Entries with neither
    title, summary nor link are skipped, and so are later entries repeating an earlier
    ``guid``.

    Args:
        url: The feed's URL, stored in each item's ``feed_url``.
        body: The raw bytes served.
        content_type: The ``Content-Type`` served, if known (helps to find the charset).
        base_url: The URL relative links are resolved against (default ``url``).

    Returns:
        The items, in feed order.

    Raises:
        FeedError: When the body is not a feed (malformed without entries, or no RSS/Atom).

    """
    response_headers = {
        "content-location": base_url or url,
        # Unknown: let the XML declaration and BOM speak, not "no Content-Type" bozo noise.
        "content-type": content_type or "application/xml",
    }
    try:
        # A stream, never bytes or str: feedparser would try a bytes/str as a file name.
        parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers)
    except Exception as exc:  # feedparser on untrusted input: any crash means "not a feed"
        raise FeedError(f"not a feed: {_describe(exc)}") from exc
    entries: list[Mapping[str, Any]] = list(parsed.get("entries") or [])
    if not entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        benign = isinstance(problem, _BENIGN_BOZO) and bool(parsed.get("version"))
        if problem is not None and not benign:
            raise FeedError(f"not a feed: {_describe(problem)}")
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in entries:
        item = _item(url, entry)
        if item is None or item.guid in seen:
            continue
        seen.add(item.guid)
        items.append(item)
    return items


def html_to_text(markup: str) -> str:
    """Strip tags (and script/style contents), unescape entities, collapse whitespace."""
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    return " ".join("".join(extractor.parts).split())


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Response:
    status: int
    url: str
    content_type: str | None
    etag: str | None
    last_modified: str | None
    body: bytes


async def _get(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    timeout: float,
    max_bytes: int,
) -> _Response:
    """GET ``url``, following up to MAX_REDIRECTS redirects; 200 (with body) or 304."""
    target = httpx.URL(url)
    for _hop in range(MAX_REDIRECTS + 1):
        async with client.stream(
            "GET", target, headers=headers, timeout=timeout, follow_redirects=False
        ) as response:
            status = response.status_code
            if status in _REDIRECT_STATUSES:
                location = response.headers.get("Location")
                if not location:
                    raise FeedError(f"HTTP {status} redirect without a Location")
                target = response.url.join(location)
                if target.scheme not in ("http", "https"):
                    raise FeedError(f"redirect to a non-HTTP URL ({target.scheme}:)")
                continue
            if status >= 400:
                raise FeedError(f"HTTP {status} {response.reason_phrase}".rstrip())
            if status != 304 and not 200 <= status < 300:
                raise FeedError(f"unexpected HTTP {status} {response.reason_phrase}".rstrip())
            body = b"" if status == 304 else await _read_capped(response, max_bytes)
            return _Response(
                status=status,
                url=str(response.url),
                content_type=response.headers.get("Content-Type"),
                etag=_validator(response.headers.get("ETag")),
                last_modified=_validator(response.headers.get("Last-Modified")),
                body=body,
            )
    raise FeedError(f"too many redirects (more than {MAX_REDIRECTS})")


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    too_big = f"feed larger than {max_bytes:,} bytes"
    declared = response.headers.get("Content-Length", "")
    encoded = response.headers.get("Content-Encoding", "identity").lower() != "identity"
    if not encoded and declared.isdigit() and int(declared) > max_bytes:
        raise FeedError(too_big)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FeedError(too_big)
        chunks.append(chunk)
    return b"".join(chunks)


def _header_safe(value: str | None) -> TypeGuard[str]:
    """True for a validator that can go back into a request header as is."""
    return bool(value) and value is not None and value.isascii() and value.isprintable()


def _validator(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if _header_safe(value) else None


# --------------------------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------------------------


def _item(feed_url: str, entry: Mapping[str, Any]) -> FeedItem | None:
    title = _truncate(_text(entry.get("title"), entry.get("title_detail")), TITLE_LIMIT)
    summary = _entry_summary(entry)
    link = _clean_str(entry.get("link"))
    if not (title or summary or link):
        return None
    guid = _clean_str(entry.get("id")) or link
    if not guid:
        guid = hashlib.sha1(f"{title}\n{summary}".encode(), usedforsecurity=False).hexdigest()
    return FeedItem(
        feed_url=feed_url,
        guid=guid,
        title=title,
        summary=summary,
        link=link,
        published=_published(entry),
    )


def _entry_summary(entry: Mapping[str, Any]) -> str:
    text = _text(entry.get("summary"), entry.get("summary_detail"))
    if not text:
        for content in entry.get("content") or []:
            if isinstance(content, Mapping):
                text = _text(content.get("value"), content)
                if text:
                    break
    return _truncate(text, SUMMARY_LIMIT)


def _text(value: object, detail: object) -> str:
    """Plain text of a feedparser text construct (HTML unless it says text/plain)."""
    if not isinstance(value, str):
        return ""
    kind = detail.get("type") if isinstance(detail, Mapping) else None
    if kind in _PLAIN_TYPES:
        return " ".join(value.split())
    return html_to_text(value)


def _published(entry: Mapping[str, Any]) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed is None:
            continue
        try:  # feedparser gives a struct_time already converted to UTC
            return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            continue
    return None


def _clean_str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary when one is near."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
_BREAKING_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6"
    " header hr img li main nav ol p pre section table td th tr ul".split()
)
"""Tags that separate words: "<p>a</p><p>b</p>" reads "a b", not "ab"."""


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BREAKING_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKING_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BREAKING_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required")
    return moment.astimezone(dt.UTC)


def _one_line(text: str, limit: int) -> str:
    return _truncate(" ".join(str(text).split()), limit)


def _describe(exc: object) -> str:
    """``"ConnectError: [Errno 111] Connection refused"``; the class name when it says nothing."""
    name = type(exc).__name__
    message = " ".join(str(exc).split())
    return f"{name}: {message}" if message else name
