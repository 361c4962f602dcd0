"""Render an Answer as plain text (CLI), Telegram HTML (escaped, <= 4096 chars) or JSON."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from bot.answers import Answer
from bot.format import day, link_html
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


@lru_cache(maxsize=8192)
def _source_html(number: int, title: str, url: str) -> str:
    """One numbered source line; sources repeat across answers, so it is built once."""
    return f"{number}. {link_html(url, title)}"


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
    """Split Telegram HTML into parts of at most ``limit`` UTF-16 code units of raw HTML.

    A cut never falls inside a tag or an entity (``&lt;``, ``&#x27;``...); tags open at a cut
    are closed at the end of the part and opened again at the start of the next. Cuts prefer
    a line break, then a space, in the second half of a part; text without either is cut
    anywhere. Raw HTML is never shorter than the text Telegram counts, so every part fits.
    Parts with no visible text (Telegram rejects them) are left out; no other text is lost.
    A tag too long to repeat in every part is dropped (its text stays), as is a stray end tag.
    """
    if limit < MIN_SPLIT_LIMIT:
        raise ValueError(f"limit must be at least {MIN_SPLIT_LIMIT}")
    if _utf16_len(text) <= limit:
        return [text] if text else []
    units = _html_units(text)
    parts: list[str] = []
    start, stack = 0, _Stack()
    while start < len(units):
        cut = _cut(units, start, _fit_stack(stack, limit), limit)
        if not _is_blank(cut.html):
            parts.append(cut.html)
        start, stack = cut.end, cut.stack
    return parts


MIN_SPLIT_LIMIT = 64
"""Room for the longest indivisible piece of text (an entity) and a few tags around it."""

_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)(?:\s[^<>]*)?>")
_UNIT = re.compile(
    rf"{_TAG.pattern}|&(?:#[0-9]{{1,7}}|#[xX][0-9a-fA-F]{{1,6}}|[A-Za-z][A-Za-z0-9]{{1,31}});|.",
    re.DOTALL,
)
_TELEGRAM_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")


@dataclass(frozen=True, slots=True)
class _Unit:
    """An indivisible piece of HTML: a tag, an entity or one character."""

    raw: str
    size: int
    kind: Literal["text", "open", "close"]
    name: str = ""


@dataclass(frozen=True, slots=True)
class _Open:
    """A tag open at some point of the text; a hidden one is neither written nor closed."""

    name: str
    tag: str
    shown: bool = True

    @property
    def end_tag(self) -> str:
        return f"</{self.name}>" if self.shown else ""

    @property
    def overhead(self) -> int:
        """What opening and closing it costs in a part."""
        return _utf16_len(self.tag) + len(self.name) + 3 if self.shown else 0

    def hidden(self) -> _Open:
        return _Open(self.name, self.tag, shown=False)


_Stack = tuple[_Open, ...]


@dataclass(frozen=True, slots=True)
class _Cut:
    """One part: the HTML of units ``[start, end)`` and the tags still open at ``end``."""

    end: int
    html: str
    stack: _Stack


def _utf16_len(text: str) -> int:
    """Length in UTF-16 code units, Telegram's unit for the message limit."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _html_units(text: str) -> list[_Unit]:
    """``text`` as tags, entities and single characters."""
    known: dict[str, _Unit] = {}  # characters repeat: build each unit once
    units = []
    for match in _UNIT.finditer(text):
        raw = match.group()
        unit = known.get(raw)
        if unit is None:
            unit = known[raw] = _unit(raw, match.group(1), match.group(2))
        units.append(unit)
    return units


def _unit(raw: str, slash: str | None, name: str | None) -> _Unit:
    if name is None:
        return _Unit(raw, _utf16_len(raw), "text")
    return _Unit(raw, _utf16_len(raw), "close" if slash else "open", name.lower())


def _fit_stack(stack: _Stack, limit: int) -> _Stack:
    """``stack``, its longest tags hidden until the rest leave a quarter of a part for text."""
    while sum(entry.overhead for entry in stack) > limit * 3 // 4:
        longest = max(stack, key=lambda entry: entry.overhead)
        stack = tuple(entry.hidden() if entry is longest else entry for entry in stack)
    return stack


def _step(stack: _Stack, unit: _Unit, limit: int, *, plain: bool) -> tuple[_Stack, str]:
    """The open tags after ``unit``, and the HTML ``unit`` adds to the part.

    An opening tag too long to repeat in a part (any, in a ``plain`` part) is hidden; an end
    tag that closes nothing open is dropped.
    """
    if unit.kind == "text":
        return stack, unit.raw
    if unit.kind == "open":
        entry = _Open(unit.name, unit.raw)
        if plain or entry.overhead > limit // 2:
            entry = entry.hidden()
        return (*stack, entry), unit.raw if entry.shown else ""
    if stack and stack[-1].name == unit.name:
        return stack[:-1], stack[-1].end_tag
    return stack, ""


def _cut(units: list[_Unit], start: int, stack: _Stack, limit: int) -> _Cut:
    """The part that starts at ``units[start]`` with the tags of ``stack`` open.

    If no unit fits next to those tags, the part is written without any tag.
    """
    cut = _best_cut(units, start, stack, limit, plain=False)
    if cut is None:
        cut = _best_cut(units, start, tuple(e.hidden() for e in stack), limit, plain=True)
    assert cut is not None  # a plain part holds at least one unit: no text unit exceeds 34
    return cut


class _Mark(NamedTuple):
    """A place a part may end: after ``pieces`` pieces, ``size`` long, with ``stack`` open."""

    end: int
    pieces: int
    size: int
    stack: _Stack


def _best_cut(
    units: list[_Unit], start: int, stack: _Stack, limit: int, *, plain: bool
) -> _Cut | None:
    """Units from ``start`` while they fit, ended at the last line break or space.

    A line break or space is used if it lies past half the limit; None if no unit fits.
    """
    pieces = [entry.tag for entry in stack if entry.shown]
    size, closing = sum(map(_utf16_len, pieces)), _closing_size(stack)
    fit = line = space = None
    shows = False  # whether the part has text other than whitespace yet
    for index in range(start, len(units)):
        unit = units[index]
        after, piece = _step(stack, unit, limit, plain=plain)
        grown = size + (unit.size if piece is unit.raw else _utf16_len(piece))
        if grown > limit:
            break
        if after is not stack:
            stack, closing = after, _closing_size(after)
        size = grown
        pieces.append(piece)
        blank = unit.kind != "text" or unit.raw.isspace()
        shows = shows or not blank
        if (unit.kind == "open" and piece) or size + closing > limit:
            continue  # a part never ends just after an opening tag
        fit = _Mark(index + 1, len(pieces), size, stack)
        if shows and blank and unit.kind == "text":  # a line break or space after some text
            line, space = (fit, space) if unit.raw == "\n" else (line, fit)
    if fit is None:
        return None
    if fit.end < len(units):
        fit = next((m for m in (line, space) if m is not None and m.size >= limit // 2), fit)
    body = "".join(pieces[: fit.pieces]) + "".join(e.end_tag for e in reversed(fit.stack))
    return _Cut(fit.end, body, fit.stack)


def _closing_size(stack: _Stack) -> int:
    return sum(len(entry.end_tag) for entry in stack)


def _is_blank(part: str) -> bool:
    """True if Telegram would see no text in ``part`` (it strips whitespace)."""
    visible = _TAG.sub("", part)
    return not _TELEGRAM_ENTITY.sub(lambda m: html.unescape(m.group()), visible).strip()


def answer_json(answer: Answer) -> dict[str, Any]:
    """The machine-readable form used by ``warrantwatch ask --json``."""
    return _json(answer, render_text(answer), render_html(answer))


def _json(answer: Answer, text: str, markup: str) -> dict[str, Any]:
    return {
        "question": answer.question,
        "intent": answer.intent,
        "verdict": answer.verdict,
        "headline": answer.headline,
        "people": [{"id": p.id, "name": p.name} for p in answer.people],
        "countries": [{"code": c.code, "name": c.name} for c in answer.countries],
        "text": text,
        "html": markup,
        "sources": [{"title": s.title, "url": s.url} for s in answer.sources],
        "hedges": list(answer.hedges),
        "as_of": answer.as_of.isoformat(),
        "on": answer.on.isoformat(),
        "certainty": answer.certainty,
    }


# --- several answers in one reply ---------------------------------------------------------------


class AnsweredPart(NamedTuple):
    """One question of a reply: its lead line and its answer, cited with the reply's numbers."""

    lead: str
    answer: Answer


def render_parts_text(parts: Sequence[AnsweredPart], whole: Answer) -> str:
    """Plain text for several answers: each under its lead, then the sources and one footer
    (``whole`` holds the reply's sources, dates and notices).
    """
    lines: list[str] = []
    for part in parts:
        lines += ["", part.lead] if lines else [part.lead]
        lines += _body_text(part.answer)
    if whole.sources:
        lines += ["", "Sources:"]
        lines += [_source_text(s.number, s.title, s.url) for s in whole.sources]
    lines += ["", _footer(whole)]
    lines += [f"Note: {notice}" for notice in whole.notices]
    return "\n".join(lines).strip() + "\n"


def _body_text(answer: Answer) -> list[str]:
    """An answer's headline, points, precedents and caveats, as ``render_text`` writes them."""
    lines = [answer.headline] if answer.headline else []
    if answer.points:
        lines += [f"- {point}" for point in answer.points]
    if answer.precedents:
        lines += ["What happened before:"]
        lines += [f"- {item}" for item in answer.precedents]
    if answer.hedges:
        lines += ["Caveats:"]
        lines += [f"- {hedge}" for hedge in answer.hedges]
    return lines


@dataclass
class _PartHtml:
    """The escaped lines of one part, shortened in place by ``render_parts_html``."""

    lead: str
    headline: str
    points: list[str]
    precedents: list[str]
    hedges: list[str]

    def lines(self, *, brief: bool = False) -> list[str]:
        lines = [self.lead, self.headline]
        if brief:
            return lines
        lines += self.points
        if self.precedents:
            lines += ["<i>What happened before</i>", *self.precedents]
        if self.hedges:
            lines += ["<i>Caveats</i>", *self.hedges]
        return lines


def render_parts_html(
    parts: Sequence[AnsweredPart], whole: Answer, *, max_sources: int = HTML_SOURCES_SHOWN
) -> str:
    """Several answers in one Telegram message (HTML parse mode, at most 4096 characters):
    each under its lead in bold, then the sources and one footer.

    Shortens as ``render_html`` does: precedents first, then sources, then points (the
    longest part loses one first); at worst the leads and headlines only.
    """
    blocks = [
        _PartHtml(
            f"<b>{_e(part.lead)}</b>",
            _e(part.answer.headline),
            [f"• {_e(point)}" for point in part.answer.points],
            [f"• {_e(item)}" for item in part.answer.precedents],
            [f"• <i>{_e(hedge)}</i>" for hedge in part.answer.hedges],
        )
        for part in parts
    ]
    source_lines = [_source_html(s.number, s.title, s.url) for s in whole.sources]
    tail = [
        "",
        _footer_html(whole.as_of, whole.on, whole.certainty),
        *(f"<i>{_e(notice)}</i>" for notice in whole.notices),
    ]
    sources = max_sources
    while True:
        text = _join_parts_html(blocks, source_lines, sources, tail)
        if len(text) <= TELEGRAM_LIMIT:
            return text
        if _drop_one(blocks, "precedents"):
            continue
        if sources > 2:
            sources -= 1
        elif not _drop_one(blocks, "points"):
            break
    text = _join_parts_html(blocks, source_lines, 0, tail, brief=True)
    return text if len(text) <= TELEGRAM_LIMIT else split_html(text)[0]


def _drop_one(blocks: list[_PartHtml], field: Literal["points", "precedents"]) -> bool:
    """Drop the last line of ``field`` from the part with the most (keeping one of each)."""
    longest = max(blocks, key=lambda block: len(getattr(block, field)))
    lines: list[str] = getattr(longest, field)
    if len(lines) <= 1:
        return False
    lines.pop()
    return True


def _join_parts_html(
    blocks: list[_PartHtml],
    sources: list[str],
    max_sources: int,
    tail: list[str],
    *,
    brief: bool = False,
) -> str:
    lines: list[str] = []
    for block in blocks:
        lines += ["", *block.lines(brief=brief)] if lines else block.lines(brief=brief)
    shown = sources[:max_sources]
    if shown:
        lines += ["", "<b>Sources</b>", *shown]
    if len(sources) > len(shown):
        lines.append(f"<i>+{len(sources) - len(shown)} more: tap Sources.</i>")
    lines += tail
    return "\n".join(lines)


def parts_json(
    whole: Answer, text: str, markup: str, parts: Sequence[tuple[str, Answer]]
) -> dict[str, Any]:
    """The JSON of a reply to several questions: the reply's own fields (its text, HTML and
    merged sources) and ``parts``, each part's lead and JSON as if it were asked alone.
    """
    data = _json(whole, text, markup)
    data["parts"] = [{"lead": lead, **answer_json(answer)} for lead, answer in parts]
    return data
