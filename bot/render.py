"""Render an Answer as plain text (CLI), Telegram HTML (escaped, <= 4096 chars) or JSON."""

from __future__ import annotations

import html
from typing import Any

from bot.answers import Answer
from bot.format import day

TELEGRAM_LIMIT = 4096
HTML_SOURCES_SHOWN = 5

CERTAINTY_NOTE = {
    "probable": "Some facts here are probable, not confirmed from a primary source.",
    "unconfirmed": "Some facts here are reported but unconfirmed.",
}


def render_text(answer: Answer) -> str:
    """Plain text for a terminal."""
    lines = [answer.headline, ""]
    lines += [f"- {point}" for point in answer.points]
    if answer.precedents:
        lines += ["", "What happened before:"]
        lines += [f"- {item}" for item in answer.precedents]
    if answer.hedges:
        lines += ["", "Caveats:"]
        lines += [f"- {hedge}" for hedge in answer.hedges]
    if answer.sources:
        lines += ["", "Sources:"]
        lines += [f"[{s.number}] {s.title} - {s.url}" for s in answer.sources]
    lines += ["", _footer(answer)]
    lines += [f"Note: {notice}" for notice in answer.notices]
    return "\n".join(_squash(lines)).strip() + "\n"


def _footer(answer: Answer) -> str:
    parts = [f"Facts as of {day(answer.as_of)}."]
    if answer.on != answer.as_of:
        parts.append(f"Answer for {day(answer.on)}.")
    if answer.certainty in CERTAINTY_NOTE:
        parts.append(CERTAINTY_NOTE[answer.certainty])
    return " ".join(parts)


def _squash(lines: list[str]) -> list[str]:
    result: list[str] = []
    for line in lines:
        if line == "" and (not result or result[-1] == ""):
            continue
        result.append(line)
    return result


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _link(title: str, url: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{_e(title)}</a>'


def render_sources_html(answer: Answer) -> str:
    """The full numbered source list (the 'Sources' button)."""
    lines = ["<b>Sources</b>"]
    lines += [f"{s.number}. {_link(s.title, s.url)}" for s in answer.sources]
    lines.append(f"<i>Facts as of {_e(day(answer.as_of))}.</i>")
    return "\n".join(lines)


def render_html(answer: Answer, *, max_sources: int = HTML_SOURCES_SHOWN) -> str:
    """One Telegram message in HTML parse mode, at most 4096 characters.

    Shortens deliberately: first fewer precedents, then fewer sources (the full list stays
    one tap away), then fewer points; the headline and the as-of line always stay.
    """
    precedents = list(answer.precedents)
    points = list(answer.points)
    sources = max_sources
    while True:
        text = _compose_html(answer, points, precedents, sources)
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


def _compose_html(
    answer: Answer, points: list[str], precedents: list[str], max_sources: int
) -> str:
    lines = [f"<b>{_e(answer.headline)}</b>"]
    if points:
        lines.append("")
        lines += [f"• {_e(point)}" for point in points]
    if precedents:
        lines += ["", "<b>What happened before</b>"]
        lines += [f"• {_e(item)}" for item in precedents]
    if answer.hedges:
        lines += ["", "<b>Caveats</b>"]
        lines += [f"• <i>{_e(hedge)}</i>" for hedge in answer.hedges]
    if answer.sources:
        shown = answer.sources[:max_sources]
        lines += ["", "<b>Sources</b>"]
        lines += [f"{s.number}. {_link(s.title, s.url)}" for s in shown]
        hidden = len(answer.sources) - len(shown)
        if hidden > 0:
            lines.append(f"<i>+{hidden} more: tap Sources.</i>")
    lines += ["", f"<i>{_e(_footer(answer))}</i>"]
    lines += [f"<i>{_e(notice)}</i>" for notice in answer.notices]
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
