"""Dates and periods in questions: 'in 2024', 'in October 2023', 'next week', '5 March 2025'."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number

_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"((?:19|20)\d\d)"

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+{_YEAR}\b"
)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\.?\s+(?:of\s+)?{_YEAR}\b")
_YEAR_ONLY = re.compile(
    rf"\b(?:in|during|since|by|for|of|back in|until|before|after)?\s*{_YEAR}\b"
)
_MONTH_ONLY = re.compile(
    rf"\b(?:in|during|next)\s+{_MONTH}\b(?!\s+(?:be|have|not|i|we|you|he|she|they)\b)"
)

_RELATIVE: dict[str, tuple[str, int]] = {
    "today": ("day", 0),
    "tonight": ("day", 0),
    "right now": ("day", 0),
    "tomorrow": ("day", 1),
    "yesterday": ("day", -1),
    "this week": ("week", 0),
    "next week": ("week", 1),
    "last week": ("week", -1),
    "this month": ("month", 0),
    "next month": ("month", 1),
    "last month": ("month", -1),
    "this year": ("year", 0),
    "next year": ("year", 1),
    "last year": ("year", -1),
}
_RELATIVE_RE = re.compile(r"\b(" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + r")\b")


class Period(NamedTuple):
    start: dt.date
    end: dt.date
    text: str


def _month_period(year: int, month: int, text: str) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), text)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_DIGIT = re.compile(r"\d")
_WORD_DATE_KEYS = tuple(
    dict.fromkeys([*(name[:3] for name in MONTHS), *(p.split()[-1] for p in _RELATIVE)])
)
"""Substrings without which neither a relative date nor a bare month can be named."""
_WORD_DATE = re.compile("|".join(_WORD_DATE_KEYS))


def find_period(text: str, today: dt.date) -> Period | None:
    """The first date or period mentioned in lower-case ``text``, resolved against ``today``."""
    if _DIGIT.search(text) is None:
        # every pattern with a day or a year needs a digit; most messages have none
        if _WORD_DATE.search(text) is None:
            return None
        if m := _RELATIVE_RE.search(text):
            return _relative(m[1], today)
        if m := _MONTH_ONLY.search(text):
            return _month_only(m, today)
        return None
    if m := _ISO.search(text):
        day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        if day:
            return Period(day, day, m[0])
    if m := _DAY_MONTH_YEAR.search(text):
        day = _safe_date(int(m[3]), MONTHS[m[2][:3]], int(m[1]))
        if day:
            return Period(day, day, m[0])
    if m := _MONTH_DAY_YEAR.search(text):
        day = _safe_date(int(m[3]), MONTHS[m[1][:3]], int(m[2]))
        if day:
            return Period(day, day, m[0])
    if m := _MONTH_YEAR.search(text):
        return _month_period(int(m[2]), MONTHS[m[1][:3]], m[0].strip())
    if m := _RELATIVE_RE.search(text):
        return _relative(m[1], today)
    if m := _YEAR_ONLY.search(text):
        year = int(m[1])
        if 1998 <= year <= today.year + 10:
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), m[0].strip())
    if m := _MONTH_ONLY.search(text):
        return _month_only(m, today)
    return None


def _month_only(m: re.Match[str], today: dt.date) -> Period:
    """'in October': the next such month from today (this one if we are in it)."""
    month = MONTHS[m[1][:3]]
    year = today.year if month >= today.month else today.year + 1
    return _month_period(year, month, m[0].strip())


def _relative(phrase: str, today: dt.date) -> Period:
    unit, offset = _RELATIVE[phrase]
    if unit == "day":
        day = today + dt.timedelta(days=offset)
        return Period(day, day, phrase)
    if unit == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offset)
        return Period(monday, monday + dt.timedelta(days=6), phrase)
    if unit == "month":
        index = today.year * 12 + today.month - 1 + offset
        return _month_period(index // 12, index % 12 + 1, phrase)
    year = today.year + offset
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), phrase)
