"""Small formatting helpers shared by answers and renderers (dates, lists, names)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

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
