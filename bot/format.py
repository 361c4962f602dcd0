"""Small formatting helpers shared by answers and renderers (dates, lists, names, links, text)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from knowledge.models import DatePrecision


@lru_cache(maxsize=4096)
def day(value: dt.date, precision: DatePrecision = "day") -> str:
    """'17 March 2023', 'September 2024' or '2024' depending on precision."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


@lru_cache(maxsize=4096)
def span(start: dt.date, end: dt.date | None, precision: DatePrecision = "day") -> str:
    """'2–3 September 2024', '31 August – 3 September 2025', or a single date."""
    if end is None or end == start or precision != "day":
        return day(start, precision)
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{day(end)}"
    if start.year == end.year:
        return f"{start.day} {start.strftime('%B')} – {day(end)}"
    return f"{day(start)} – {day(end)}"


def join(items: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def with_article(country_name: str) -> str:
    """'the United States', 'the Philippines', but 'Mongolia'."""
    needs_the = country_name.startswith(
        ("United ", "Republic of", "Central African", "Dominican")
    ) or country_name in {
        "Philippines",
        "Netherlands",
        "Bahamas",
        "Gambia",
        "Comoros",
        "Maldives",
        "Marshall Islands",
        "Solomon Islands",
        "Cook Islands",
        "Holy See",
        "Czech Republic",
        "Seychelles",
    }
    return f"the {country_name}" if needs_the else country_name


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


MAX_URL_LENGTH = 2048
"""Longer URLs are not linked: no real source needs one, and they eat the message limit."""


def safe_link(url: str) -> str | None:
    """``url`` (trimmed) if it may go into an ``<a href>``, else None.

    Safe means: http or https, a host, no user name before it (``https://icc-cpi.int@evil``), at
    most :data:`MAX_URL_LENGTH` characters, no spaces or control/format characters.
    """
    url = url.strip()
    if len(url) > MAX_URL_LENGTH or not url.isprintable() or " " in url:
        return None
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    return url


def link_html(url: str, label: str) -> str:
    """Telegram HTML for a link: ``<a href="url">label</a>``, escaped.

    An unsafe URL (see :func:`safe_link`) gives the escaped label alone.
    """
    text = html.escape(label, quote=False)
    href = safe_link(url)
    if href is None:
        return text
    return f'<a href="{html.escape(href, quote=True)}">{text}</a>'


def scrub(text: str) -> str:
    r"""``text`` with every lone surrogate replaced by U+FFFD, so that it encodes as UTF-8.

    Telegram's JSON may carry one (``"\ud800"``), which sqlite3 and UTF-8 encoders reject. A
    split surrogate pair becomes the character it stands for. Other text is returned as is.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text
