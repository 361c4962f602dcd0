"""Render an Answer as plain text (CLI), Telegram HTML (escaped, <= 4096 chars) or JSON."""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache
from typing import Any

from bot.answers import Answer
from bot.format import day
from knowledge.models import Certainty

TELEGRAM_LIMIT = 4096
HTML_SOURCES_SHOWN = 5

CERTAINTY_NOTE = {
    "probable": "Some facts here are probable, not confirmed from a primary source.",
    "unconfirmed": "Some facts here are reported but unconfirmed.",
}


def render_text(answer: Answer) -> str:
    """Plain text for a terminal.

    Sections are separated by one blank line; an empty headline or section leaves no gap.
    """
    lines = [answer.headline] if answer.headline else []
    if answer.points:
        if lines:
            lines.append("")
        lines += [f"- {point}" for point in answer.points]
    if answer.precedents:
        lines += ["", "What happened before:"] if lines else ["What happened before:"]
        lines += [f"- {item}" for item in answer.precedents]
    if answer.hedges:
        lines += ["", "Caveats:"] if lines else ["Caveats:"]
        lines += [f"- {hedge}" for hedge in answer.hedges]
    if answer.sources:
        lines += ["", "Sources:"] if lines else ["Sources:"]
        lines += [_source_text(s.number, s.title, s.url) for s in answer.sources]
    if lines:
        lines.append("")
    lines.append(_footer(answer))
    lines += [f"Note: {notice}" for notice in answer.notices]
    return "\n".join(lines).strip() + "\n"


@lru_cache(maxsize=8192)
def _source_text(number: int, title: str, url: str) -> str:
    return f"[{number}] {title} - {url}"


def _footer(answer: Answer) -> str:
    return _footer_for(answer.as_of, answer.on, answer.certainty)


@lru_cache(maxsize=4096)
def _footer_for(as_of: dt.date, on: dt.date, certainty: Certainty) -> str:
    parts = [f"Facts as of {day(as_of)}."]
    if on != as_of:
        parts.append(f"Answer for {day(on)}.")
    if certainty in CERTAINTY_NOTE:
        parts.append(CERTAINTY_NOTE[certainty])
    return " ".join(parts)


@lru_cache(maxsize=4096)
def _footer_html(as_of: dt.date, on: dt.date, certainty: Certainty) -> str:
    return f"<i>{_e(_footer_for(as_of, on, certainty))}</i>"


def _e(text: str) -> str:
    # html.escape(text, quote=False), without its extra call
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link(title: str, url: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{_e(title)}</a>'


@lru_cache(maxsize=8192)
def _source_html(number: int, title: str, url: str) -> str:
    """One numbered source line; sources repeat across answers, so it is built once."""
    return f"{number}. {_link(title, url)}"


def render_sources_html(answer: Answer) -> str:
    """The full numbered source list (the 'Sources' button)."""
    lines = ["<b>Sources</b>"]
    lines += [_source_html(s.number, s.title, s.url) for s in answer.sources]
    lines.append(f"<i>Facts as of {_e(day(answer.as_of))}.</i>")
    return "\n".join(lines)


def render_html(answer: Answer, *, max_sources: int = HTML_SOURCES_SHOWN) -> str:
    """One Telegram message in HTML parse mode, at most 4096 characters.

    Shortens deliberately: first fewer precedents, then fewer sources (the full list stays
    one tap away), then fewer points; the headline and the as-of line always stay.
    """
    # Escape every line once; shortening then only drops lines and joins again.
    points = [f"• {_e(point)}" for point in answer.points]
    precedents = [f"• {_e(item)}" for item in answer.precedents]
    hedges = [f"• <i>{_e(hedge)}</i>" for hedge in answer.hedges]
    source_lines = [_source_html(s.number, s.title, s.url) for s in answer.sources]
    tail = [
        "",
        _footer_html(answer.as_of, answer.on, answer.certainty),
        *(f"<i>{_e(notice)}</i>" for notice in answer.notices),
    ]
    head = f"<b>{_e(answer.headline)}</b>"
    sources = max_sources
    while True:
        text = _join_html(head, points, precedents, hedges, source_lines, sources, tail)
        if len(text) <= TELEGRAM_LIMIT:
            return text
        if len(precedents) > 1:
            precedents.pop()
        elif sources > 2:
            sources -= 1
        elif len(points) > 1:
            points.pop()
        else:
            return _headline_only(answer)


def _headline_only(answer: Answer) -> str:
    footer = f"\n\n<i>{_e(_footer(answer))}</i>"
    room = TELEGRAM_LIMIT - len(footer) - len("<b></b>")
    headline = _e(answer.headline)
    if len(headline) > room:
        headline = _e(answer.headline[: room // 6]) + "…"
    return f"<b>{headline}</b>{footer}"


def _join_html(
    head: str,
    points: list[str],
    precedents: list[str],
    hedges: list[str],
    sources: list[str],
    max_sources: int,
    tail: list[str],
) -> str:
    """Join already-escaped lines: headline, points, precedents, caveats, sources, footer."""
    lines = [head]
    if points:
        lines.append("")
        lines += points
    if precedents:
        lines += ["", "<b>What happened before</b>"]
        lines += precedents
    if hedges:
        lines += ["", "<b>Caveats</b>"]
        lines += hedges
    if sources:
        shown = sources[:max_sources]
        lines += ["", "<b>Sources</b>"]
        lines += shown
        hidden = len(sources) - len(shown)
        if hidden > 0:
            lines.append(f"<i>+{hidden} more: tap Sources.</i>")
    lines += tail
    return "\n".join(lines)


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split HTML made by this module at line breaks so every part fits ``limit``.

    Lines never contain an unclosed tag, so cutting between lines keeps each part well-formed.
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        current = line if len(line) <= limit else line[: limit - 1] + "…"
    if current:
        parts.append(current)
    return parts


def answer_json(answer: Answer) -> dict[str, Any]:
    """The machine-readable form used by ``warrantwatch ask --json``."""
    return {
        "question": answer.question,
        "intent": answer.intent,
        "verdict": answer.verdict,
        "headline": answer.headline,
        "people": [{"id": p.id, "name": p.name} for p in answer.people],
        "countries": [{"code": c.code, "name": c.name} for c in answer.countries],
        "text": render_text(answer),
        "html": render_html(answer),
        "sources": [{"title": s.title, "url": s.url} for s in answer.sources],
        "hedges": list(answer.hedges),
        "as_of": answer.as_of.isoformat(),
        "on": answer.on.isoformat(),
        "certainty": answer.certainty,
    }
