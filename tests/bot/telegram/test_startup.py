"""``warrantwatch run`` as deployed: every start-up failure is one line and a documented exit
code, within seconds, and never shows the token (each case runs the real command).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.telegram.exits import EXIT_BOT_API, EXIT_CONFIG, EXIT_DATABASE
from tests.fakes.bot_api import FakeBotAPI

TOKEN = "4242:START-secret-token-value"
SECRET = TOKEN.partition(":")[2]
REPO = Path(__file__).resolve().parents[3]
DEADLINE = 30.0
"""Seconds a failing start may take before the test calls it a hang (the bot needs ~1 s)."""


def run_bot(
    base_url: str, db: Path, *, extra: dict[str, str] | None = None
) -> tuple[int, str, float]:
    """Run ``warrantwatch run``; its exit code, stdout+stderr, and seconds taken."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "WARRANTWATCH_TELEGRAM_BASE_URL": base_url,
        "WARRANTWATCH_DB": str(db),
        "HOME": str(db.parent),
        **(extra or {}),
    }
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env,
        cwd=db.parent,
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr, time.monotonic() - started


def assert_one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("warrantwatch: ")
    assert "Traceback" not in output
    assert SECRET.lower() not in output.lower()
    return lines[0]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A fresh folder outside the repository (no stray .env)."""
    path = Path(tempfile.mkdtemp(prefix="ww-start-"))
    path.chmod(0o777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


def test_startup_database_path_is_a_directory(fake: FakeBotAPI, shared_dir: Path) -> None:
    folder = shared_dir / "db.sqlite3"
    folder.mkdir()
    code, output, _ = run_bot(fake.base_url, folder)
    assert code == EXIT_DATABASE
    assert "is a directory" in assert_one_line(output)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The file cannot be written, even by root (who ignores permission bits): immutable."""
    path.chmod(0o444)
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"cannot make a file read-only for root here: {made.stderr!r}")
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=False)


def test_startup_read_only_database_exits_instead_of_hanging(
    fake: FakeBotAPI, shared_dir: Path
) -> None:
    db = shared_dir / "db.sqlite3"
    with contextlib.closing(sqlite3.connect(db)) as setup:
        setup.execute("CREATE TABLE t (x)")
        setup.commit()
    with read_only(db):
        code, output, seconds = run_bot(fake.base_url, db)
    assert code == EXIT_DATABASE, output
    assert "readonly" in assert_one_line(output).replace("-", "").replace(" ", "")
    assert seconds < DEADLINE


def test_startup_locked_database(fake: FakeBotAPI, shared_dir: Path) -> None:
    db = shared_dir / "db.sqlite3"
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as locker:
        locker.execute("CREATE TABLE t (x)")
        locker.execute("BEGIN EXCLUSIVE")
        code, output, seconds = run_bot(fake.base_url, db)
        locker.execute("ROLLBACK")
    assert code == EXIT_DATABASE
    assert "locked" in assert_one_line(output)
    assert seconds < 15


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_startup_bot_api_unreachable(shared_dir: Path) -> None:
    code, output, _ = run_bot(f"http://127.0.0.1:{_closed_port()}/bot", shared_dir / "db")
    assert code == EXIT_BOT_API
    assert "cannot reach the Bot API" in assert_one_line(output)


def test_startup_bot_api_answers_500(fake: FakeBotAPI, shared_dir: Path) -> None:
    fake.fail_next("getMe", error_code=500, times=None)
    code, output, _ = run_bot(fake.base_url, shared_dir / "db")
    assert code == EXIT_BOT_API
    assert_one_line(output)


@contextlib.contextmanager
def hostile_server(respond: Callable[[BaseHTTPRequestHandler], None]) -> Iterator[str]:
    """A loopback HTTP server answering every request with ``respond``; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            respond(self)

        def do_POST(self) -> None:
            respond(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bot"
    finally:
        server.shutdown()
        server.server_close()


def _redirect_to_itself(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(302)
    handler.send_header("Location", handler.path)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def _error_page_echoing_the_path(handler: BaseHTTPRequestHandler) -> None:
    body = f"<html><body>No route for {handler.path.upper()} or {handler.path}</body></html>"
    handler.send_response(404)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(len(body.encode())))
    handler.end_headers()
    handler.wfile.write(body.encode())


def _server_error_echoing_the_path(handler: BaseHTTPRequestHandler) -> None:
    body = f"upstream failed for {handler.path.lower()}"
    handler.send_response(502)
    handler.send_header("Content-Length", str(len(body.encode())))
    handler.end_headers()
    handler.wfile.write(body.encode())


@pytest.mark.parametrize(
    ("respond", "expected"),
    [
        (_redirect_to_itself, EXIT_BOT_API),
        (_error_page_echoing_the_path, EXIT_CONFIG),  # a 404 is how Telegram rejects tokens
        (_server_error_echoing_the_path, EXIT_BOT_API),
    ],
)
def test_startup_hostile_bot_api_never_shows_the_token(
    respond: Callable[[BaseHTTPRequestHandler], None], expected: int, shared_dir: Path
) -> None:
    with hostile_server(respond) as base_url:
        code, output, _ = run_bot(base_url, shared_dir / "db", extra={"PYTHONWARNINGS": "ignore"})
    assert code == expected, output
    assert_one_line(output)


def test_startup_unparseable_base_url_is_a_config_error(shared_dir: Path) -> None:
    code, output, _ = run_bot("http://[::1/bot", shared_dir / "db")
    assert code == EXIT_CONFIG
    assert_one_line(output)
