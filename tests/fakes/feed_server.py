"""A tiny HTTP server on 127.0.0.1 that serves RSS/Atom feeds to tests.

::

    with FeedServer() as server:
        server.set_feed("/feed.xml", rss([{"title": "Hello", "guid": "1"}]), etag='"v1"')
        url = server.url_for("/feed.xml")
        ...
        assert server.requests_to("/feed.xml")[0].headers["user-agent"].startswith("warrantwatch")

Conditional requests are honoured (``If-None-Match`` first, else ``If-Modified-Since``, as in
RFC 9110), faults can be injected per path (:meth:`FeedServer.fail_next`,
:meth:`FeedServer.set_delay`), and every request is recorded.  :func:`rss` and :func:`atom`
build valid documents from plain dicts.

Standard library only.  One lock guards all state; :meth:`FeedServer.stop` wakes delayed
handlers, shuts down client connections and joins every thread, so nothing leaks and no
warning is left for pytest's ``-W error``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import socket
import socketserver
import sys
import threading
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
ITEM_KEYS = frozenset({"title", "summary", "description", "link", "guid", "pubDate"})
"""Keys :func:`rss` and :func:`atom` understand (``summary`` and ``description`` are synonyms)."""


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------


def rss(
    items: Iterable[Mapping[str, Any]],
    *,
    title: str = "Test feed",
    link: str = "https://example.org/",
) -> bytes:
    """An RSS 2.0 document (UTF-8) with one ``<item>`` per dict.

    Each dict may hold ``title`` and ``summary`` (or ``description``), both HTML escaped into
    the XML as feeds do, ``link``, ``guid`` (``isPermaLink="false"``) and ``pubDate`` (an aware
    datetime).  Missing keys leave the element out.
    """
    entries = []
    for item in items:
        fields = _fields(item)
        parts = []
        if "title" in fields:
            parts.append(f"<title>{escape(fields['title'])}</title>")
        if "link" in fields:
            parts.append(f"<link>{escape(fields['link'])}</link>")
        if "summary" in fields:
            parts.append(f"<description>{escape(fields['summary'])}</description>")
        if "guid" in fields:
            parts.append(f'<guid isPermaLink="false">{escape(fields["guid"])}</guid>')
        if "pubDate" in fields:
            parts.append(f"<pubDate>{email.utils.format_datetime(fields['pubDate'])}</pubDate>")
        entries.append("    <item>" + "".join(parts) + "</item>")
    document = "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<rss version="2.0">',
            "  <channel>",
            f"    <title>{escape(title)}</title>",
            f"    <link>{escape(link)}</link>",
            f"    <description>{escape(title)}</description>",
            *entries,
            "  </channel>",
            "</rss>",
            "",
        ]
    )
    return document.encode("utf-8")


def atom(
    items: Iterable[Mapping[str, Any]],
    *,
    title: str = "Test feed",
    link: str = "https://example.org/",
    feed_id: str = "urn:warrantwatch:test-feed",
) -> bytes:
    """An Atom 1.0 document (UTF-8) with one ``<entry>`` per dict.

    The same keys as :func:`rss`: ``guid`` becomes ``<id>``, ``pubDate`` both ``<published>``
    and ``<updated>``; title and summary are HTML (``type="html"``), as RSS readers take them.
    Atom requires an id and a date per entry; leaving them out (to test fallbacks) still gives
    a document feedparser reads.
    """
    entries = []
    dates: list[dt.datetime] = []
    for item in items:
        fields = _fields(item)
        parts = []
        if "title" in fields:
            parts.append(f'<title type="html">{escape(fields["title"])}</title>')
        if "guid" in fields:
            parts.append(f"<id>{escape(fields['guid'])}</id>")
        if "link" in fields:
            parts.append(f'<link rel="alternate" href={quoteattr(fields["link"])}/>')
        if "pubDate" in fields:
            stamp = fields["pubDate"].isoformat()
            parts.append(f"<published>{stamp}</published><updated>{stamp}</updated>")
            dates.append(fields["pubDate"])
        if "summary" in fields:
            parts.append(f'<summary type="html">{escape(fields["summary"])}</summary>')
        entries.append("  <entry>" + "".join(parts) + "</entry>")
    updated = max(dates, default=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)).isoformat()
    document = "\n".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<feed xmlns="http://www.w3.org/2005/Atom">',
            f"  <title>{escape(title)}</title>",
            f"  <id>{escape(feed_id)}</id>",
            f"  <updated>{updated}</updated>",
            f'  <link rel="alternate" href={quoteattr(link)}/>',
            *entries,
            "</feed>",
            "",
        ]
    )
    return document.encode("utf-8")


def _fields(item: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(item) - ITEM_KEYS
    if unknown:
        raise ValueError(f"unknown item keys {sorted(unknown)}; known: {sorted(ITEM_KEYS)}")
    fields = {key: value for key, value in item.items() if value is not None}
    if "description" in fields:
        fields.setdefault("summary", fields.pop("description"))
    when = fields.get("pubDate")
    if when is not None and (not isinstance(when, dt.datetime) or when.utcoffset() is None):
        raise ValueError(f"pubDate must be a timezone-aware datetime, not {when!r}")
    return fields


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One request the server received.

    Attributes:
        method: ``"GET"``, ``"HEAD"``...
        path: The request target as sent (query string included).
        headers: The request headers, names lower-cased.

    """

    method: str
    path: str
    headers: dict[str, str]


@dataclass(frozen=True)
class _Feed:
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    chunked: bool


@dataclass(frozen=True)
class _Redirect:
    location: str
    status: int


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: dict[str, str]
    body: bytes = b""
    chunked: bool = False


class FeedServer:
    """Serves configured feeds on ``http://127.0.0.1:<ephemeral port>``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._conns: set[socket.socket] = set()
        self._feeds: dict[str, _Feed] = {}
        self._redirects: dict[str, _Redirect] = {}
        self._failures: dict[str, tuple[int, int]] = {}
        self._delays: dict[str, float] = {}
        self._requests: list[Request] = []
        self.errors: list[str] = []
        """Tracebacks of exceptions inside the server itself (should stay empty)."""

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> FeedServer:
        if self._httpd is not None:
            raise RuntimeError("FeedServer already started")
        self._stopping.clear()
        self._httpd = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-feed-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake delayed handlers, close connections and join all threads."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        with self._lock:
            self._stopping.set()
            conns = list(self._conns)
        httpd.shutdown()
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        httpd.server_close()  # joins the handler threads
        if thread is not None:
            thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        if self._httpd is None:
            raise RuntimeError("FeedServer is not started")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url_for(self, path: str) -> str:
        return self.url + _path(path)

    # ---------------------------------------------------------------- configuration

    def set_feed(
        self,
        path: str,
        body: bytes,
        content_type: str = RSS_TYPE,
        etag: str | None = None,
        last_modified: str | dt.datetime | None = None,
        *,
        chunked: bool = False,
    ) -> None:
        """Serve ``body`` at ``path`` (replacing what was there, redirects included).

        Args:
            path: The path, such as ``"/feed.xml"``.
            body: The bytes to serve.
            content_type: The ``Content-Type``.
            etag: An ``ETag`` to send, quotes included (``'"v1"'``); None sends none.
            last_modified: A ``Last-Modified`` (an HTTP date, or an aware datetime).
            chunked: Send ``Transfer-Encoding: chunked`` instead of ``Content-Length``.

        """
        if isinstance(last_modified, dt.datetime):
            last_modified = email.utils.format_datetime(last_modified.astimezone(dt.UTC), True)
        with self._lock:
            self._redirects.pop(_path(path), None)
            self._feeds[_path(path)] = _Feed(body, content_type, etag, last_modified, chunked)

    def set_redirect(self, path: str, location: str, status: int = 302) -> None:
        """Answer ``path`` with a redirect to ``location`` (a path or an absolute URL)."""
        with self._lock:
            self._feeds.pop(_path(path), None)
            self._redirects[_path(path)] = _Redirect(location, status)

    def remove(self, path: str) -> None:
        """Forget ``path``: it answers 404 from now on."""
        with self._lock:
            self._feeds.pop(_path(path), None)
            self._redirects.pop(_path(path), None)

    def fail_next(self, path: str, status: int = 500, times: int = 1) -> None:
        """Answer the next ``times`` requests to ``path`` with ``status`` (a short text body)."""
        with self._lock:
            self._failures[_path(path)] = (status, times)

    def set_delay(self, path: str, seconds: float) -> None:
        """Wait ``seconds`` before answering each request to ``path`` (0 to stop waiting)."""
        with self._lock:
            self._delays[_path(path)] = seconds

    # ---------------------------------------------------------------- inspection

    @property
    def requests(self) -> list[Request]:
        """Every request received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[Request]:
        """The requests whose path (query string aside) is ``path``."""
        wanted = _path(path)
        return [request for request in self.requests if _route_path(request.path) == wanted]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # ---------------------------------------------------------------- internals

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if not add:
                self._conns.discard(conn)
                return
            self._conns.add(conn)
            stopping = self._stopping.is_set()
        if stopping:  # accepted while stop() was snapshotting: do not keep it alive
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def _record_error(self, text: str) -> None:
        with self._lock:
            self.errors.append(text)

    def _handle(self, method: str, target: str, headers: Mapping[str, str]) -> _Reply | None:
        """The reply to one request, or None when the server is stopping."""
        path = _route_path(target)
        with self._lock:
            self._requests.append(Request(method, target, dict(headers)))
            delay = self._delays.get(path, 0.0)
        if delay > 0 and self._stopping.wait(delay):
            return None
        with self._lock:
            status, times = self._failures.get(path, (0, 0))
            if times > 0:
                self._failures[path] = (status, times - 1)
            feed = self._feeds.get(path)
            redirect = self._redirects.get(path)
        if times > 0:
            return _text_reply(status, "injected failure")
        if redirect is not None:
            reply = _text_reply(redirect.status, f"see {redirect.location}")
            reply.headers["Location"] = redirect.location
            return reply
        if feed is None:
            return _text_reply(404, "no feed here")
        validators = {}
        if feed.etag is not None:
            validators["ETag"] = feed.etag
        if feed.last_modified is not None:
            validators["Last-Modified"] = feed.last_modified
        if _not_modified(feed, headers):
            return _Reply(304, validators)
        return _Reply(
            200, {"Content-Type": feed.content_type, **validators}, feed.body, feed.chunked
        )


def _path(path: str) -> str:
    return path if path.startswith("/") else "/" + path


def _route_path(target: str) -> str:
    return _path(urlsplit(target).path)


def _text_reply(status: int, text: str) -> _Reply:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Status"
    body = f"{status} {phrase}: {text}\n".encode()
    return _Reply(status, {"Content-Type": "text/plain; charset=utf-8"}, body)


def _not_modified(feed: _Feed, headers: Mapping[str, str]) -> bool:
    """RFC 9110 13.1.2-13.1.3: If-None-Match wins; If-Modified-Since only without it."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        if feed.etag is None:
            return False
        wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in wanted or feed.etag.removeprefix("W/") in wanted
    if_modified_since = headers.get("if-modified-since")
    if if_modified_since is None or feed.last_modified is None:
        return False
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since)
        modified = email.utils.parsedate_to_datetime(feed.last_modified)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None or modified.tzinfo is None:
        return False
    return modified <= since


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, fake: FeedServer) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would call socket.getfqdn(), a reverse DNS lookup.
        socketserver.TCPServer.server_bind(self)
        self.server_name = "127.0.0.1"
        self.server_port = self.server_address[1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away (a timeout, a size cap): not the server's fault
        self.fake._record_error(traceback.format_exc())


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 30
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.fake._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.fake._track(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, *, head: bool) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            reply = self.server.fake._handle(self.command, self.path, headers)
        except Exception:
            self.server.fake._record_error(traceback.format_exc())
            reply = _text_reply(500, "the fake feed server crashed")
        if reply is None:
            self.close_connection = True
            return
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.status == 304:
                self.end_headers()
            elif reply.chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                if not head:
                    self._write_chunked(reply.body)
            else:
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if not head:
                    self.wfile.write(reply.body)
        except OSError:
            self.close_connection = True

    def _write_chunked(self, body: bytes, size: int = 16_384) -> None:
        for start in range(0, len(body), size):
            chunk = body[start : start + size]
            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")
