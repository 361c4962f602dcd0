"""Formatting helpers: safe links for Telegram HTML, and text scrubbed of lone surrogates."""

from __future__ import annotations

import asyncio
import contextlib
import json

import pytest
from telegram import Bot
from telegram.error import TelegramError

from bot.format import MAX_URL_LENGTH, link_html, safe_link, scrub
from bot.telegram.http import AiohttpRequest, json_body
from tests.bot.telegram.harness import TOKEN
from tests.fakes.bot_api import FakeBotAPI

# --- links ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.icc-cpi.int/cases",
        "http://example.org/feed?a=1&b=2#top",
        "HTTPS://Example.org",
        "https://пример.рф/путь",
        "https://e.org:8443/x",
        "https://e.org/" + "a" * (MAX_URL_LENGTH - len("https://e.org/")),
    ],
)
def test_safe_link_keeps_web_urls(url: str) -> None:
    assert safe_link(url) == url


def test_safe_link_trims_surrounding_whitespace() -> None:
    assert safe_link("  https://e.org/a\n") == "https://e.org/a"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript://e.org/%0aalert(1)",
        "tg://resolve?domain=somebot",
        "data:text/html,<script>alert(1)</script>",
        "ftp://e.org/file",
        "mailto:a@e.org",
        "//e.org/no-scheme",
        "e.org/no-scheme",
        "https://",
        "https:///path-only",
        "https://icc-cpi.int@evil.example/",
        "https://user:pass@e.org/",
        "https://e.org:99999/",
        "https://[::1/",
        "https://e.org/a b",
        "https://e.org/a\nb",
        "https://e.org/\u202egnp.exe",
        "https://e.org/" + "a" * MAX_URL_LENGTH,
        "https://e.org/" + "a" * 20_000,
        "",
    ],
)
def test_safe_link_refuses_other_urls(url: str) -> None:
    assert safe_link(url) is None


def test_link_html_escapes_the_url_and_the_label() -> None:
    assert (
        link_html('https://e.org/?a=1&b="2"', "T <i> & 'q'")
        == "<a href=\"https://e.org/?a=1&amp;b=&quot;2&quot;\">T &lt;i&gt; &amp; 'q'</a>"
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "tg://resolve?domain=x", "x" * 20_000])
def test_link_html_of_an_unsafe_url_is_the_escaped_label_alone(url: str) -> None:
    assert link_html(url, "[1] <b>") == "[1] &lt;b&gt;"


# --- lone surrogates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("\ud800", "\ufffd"),
        ("report \udfff!", "report \ufffd!"),
        ("a\ud800\ud800b", "a\ufffd\ufffdb"),
        ("\ud83d\ude00", "😀"),  # a pair split in two code points is the character it encodes
        ("é \ud800 😀", "é \ufffd 😀"),
    ],
)
def test_scrub_replaces_lone_surrogates(text: str, clean: str) -> None:
    assert scrub(text) == clean
    clean.encode("utf-8")


@pytest.mark.parametrize("text", ["", "plain ascii", "éè 😀 🇲🇳 \ufffd"])
def test_scrub_returns_other_text_as_it_is(text: str) -> None:
    assert scrub(text) is text


def test_http_json_body_encodes_a_lone_surrogate() -> None:
    body = json_body({"chat_id": 1, "text": "a\ud800 b", "parse_mode": "HTML"})
    assert json.loads(body) == {"chat_id": 1, "text": "a\ufffd b", "parse_mode": "HTML"}


def test_http_sends_text_with_a_lone_surrogate() -> None:
    async def scenario(server: FakeBotAPI) -> None:
        request = AiohttpRequest(2, trust_env=False)
        async with Bot(TOKEN, base_url=server.base_url, request=request) as bot:
            await bot.send_message(42, "report \ud800 <b>x</b>", parse_mode="HTML")
            with contextlib.suppress(TelegramError):  # the fake may not implement the method
                await bot.send_document(42, b"file", filename="a.txt", caption="c\udc00")

    with FakeBotAPI() as server:
        asyncio.run(scenario(server))
        (message,) = server.calls("sendMessage")
        (document,) = server.calls("sendDocument")
    assert message.params["text"] == "report \ufffd <b>x</b>"
    assert document.params["caption"] == "c\ufffd"
