"""``render_map(kb, person, on=date) -> PNG bytes``: pure, no network, cached per question.

Drawn with Pillow: the shapes at twice the size (Pillow fills without antialiasing), scaled
down, then the text at its final size so that FreeType's hinting keeps it sharp.
"""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image, ImageDraw, ImageFont

from bot.maps import text
from bot.maps.cache import RenderCache
from bot.maps.classes import COLOURS, Obligations, obligations
from bot.maps.fonts import Weight, font
from bot.maps.layout import (
    DOT_RADIUS,
    MARGIN,
    SUPERSAMPLE,
    WIDTH,
    Placed,
    frame,
    placed,
)
from knowledge.store import KnowledgeBase

RGB = tuple[int, int, int]
INK: RGB = (20, 20, 20)
GREY: RGB = (85, 85, 85)
BORDER: RGB = (255, 255, 255)
WHITE: RGB = (255, 255, 255)

TITLE = 44
SUBTITLE = 26
LEGEND = 25
FOOTER = 19
ROW = 33
SWATCH = 22

CACHE = RenderCache(limit=64)
"""Rendered maps by (knowledge base, person, date, language): a fan-out renders once."""


def render_map(kb: KnowledgeBase, person: str, *, on: dt.date, lang: str = "en") -> bytes:
    """The map of who must arrest ``person`` (a person id) on ``on``, as a PNG.

    Raises:
        KeyError: ``person`` is not in the knowledge base.
        ValueError: no map texts in ``lang``.

    """
    text.check_language(lang)
    if person not in kb.people:
        raise KeyError(person)
    return CACHE.get(kb, (person, on, lang), lambda: draw(kb, obligations(kb, person, on)))


def map_caption(kb: KnowledgeBase, person: str, *, on: dt.date, lang: str = "en") -> str:
    """The photo's caption (Telegram HTML): the count, as the answers give it, and the trips."""
    text.check_language(lang)
    return text.caption(obligations(kb, person, on), len(kb.states))


def draw(kb: KnowledgeBase, facts: Obligations) -> bytes:
    """Render ``facts`` (uncached)."""
    where = placed()
    box = frame()
    rows = _rows(facts)
    legend_top = box.top + box.height + 18
    footer = [
        line
        for paragraph in text.source_lines(kb.as_of, dots=facts.standing == "wanted")
        for line in _wrap(paragraph, font(FOOTER), WIDTH - 2 * MARGIN)
    ]
    height = int(legend_top + _rows_height(rows) + len(footer) * FOOTER * 1.3 + 24)
    big = Image.new("RGB", (WIDTH * SUPERSAMPLE, height * SUPERSAMPLE), COLOURS["sea"])
    _world(ImageDraw.Draw(big), where, facts)
    image = big.reduce(SUPERSAMPLE)
    pen = ImageDraw.Draw(image)
    _trip_labels(pen, where, facts)
    _header(pen, facts)
    y = _legend(pen, rows, legend_top)
    _footer(pen, footer, y + 6)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


def _world(pen: ImageDraw.ImageDraw, where: Placed, facts: Obligations) -> None:
    """States in their class colours, borders, bound hosts outlined, dots, trip markers."""
    ss = SUPERSAMPLE
    colour = {code: COLOURS[s.klass] for code, s in facts.states.items()}
    for shape in where.shapes:
        fill = colour.get(shape.code or "", COLOURS["no_state"])
        for part in shape.parts:
            pen.polygon(part[0], fill=fill)
            for hole in part[1:]:
                pen.polygon(hole, fill=COLOURS["sea"])
    for line in where.borders:
        pen.line(line, fill=BORDER, width=ss + 1)
    bound = {m.host for m in facts.trips if m.bound}
    for shape in where.shapes:
        if shape.code in bound:
            for part in shape.parts:
                pen.line((*part[0], part[0][0]), fill=INK, width=2 * ss, joint="curve")
    if facts.standing == "wanted":  # one colour for all: a dot would tell nothing
        _dots(pen, where, colour)
    _markers(pen, where, facts)


def _dots(pen: ImageDraw.ImageDraw, where: Placed, colour: dict[str, RGB]) -> None:
    ss, r = SUPERSAMPLE, DOT_RADIUS * SUPERSAMPLE
    for dot in where.dots:
        hx, hy = dot.home
        x, y = dot.at
        if abs(x - hx) + abs(y - hy) > DOT_RADIUS:
            pen.line(((hx * ss, hy * ss), (x * ss, y * ss)), fill=GREY, width=ss)
        fill = colour.get(dot.code, COLOURS["no_state"])
        pen.ellipse(
            (x * ss - r, y * ss - r, x * ss + r, y * ss + r), fill=fill, outline=INK, width=ss
        )


def _markers(pen: ImageDraw.ImageDraw, where: Placed, facts: Obligations) -> None:
    ss = SUPERSAMPLE
    hosts: dict[str, bool] = {}
    for mark in facts.trips:
        hosts[mark.host] = hosts.get(mark.host, False) or mark.bound
    for code, bound in sorted(hosts.items(), key=lambda item: item[1]):
        at = where.labels.get(code)
        if at is None:
            continue
        x, y = at[0] * ss, at[1] * ss
        if bound:
            _diamond(pen, x, y, 10 * ss, ss)
        else:
            r = 5.5 * ss
            pen.ellipse((x - r, y - r, x + r, y + r), fill=WHITE, outline=INK, width=2 * ss)


def _diamond(pen: ImageDraw.ImageDraw, x: float, y: float, r: float, line: int) -> None:
    pen.polygon(
        ((x, y - r), (x + r, y), (x, y + r), (x - r, y)),
        fill=COLOURS["bound_trip"],
        outline=INK,
        width=2 * line,
    )


def _trip_labels(pen: ImageDraw.ImageDraw, where: Placed, facts: Obligations) -> None:
    face = font(22, "Bold")
    taken: list[tuple[float, float, float, float]] = []
    box = frame()
    for code in dict.fromkeys(m.host for m in facts.trips if m.bound):
        at = where.labels.get(code)
        if at is None:
            continue
        label = text.trip_label(facts, code)
        width = pen.textlength(label, font=face)
        for dx, dy in ((14, -13), (-14 - width, -13), (-width / 2, -40), (-width / 2, 14)):
            rect = (at[0] + dx, at[1] + dy, at[0] + dx + width, at[1] + dy + 26)
            inside = rect[0] >= box.left and rect[2] <= WIDTH - MARGIN and rect[1] >= box.top
            if inside and not any(_overlap(rect, other) for other in taken):
                taken.append(rect)
                pen.text(
                    (rect[0], rect[1]),
                    label,
                    font=face,
                    fill=INK,
                    stroke_width=3,
                    stroke_fill=WHITE,
                )
                break


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _header(pen: ImageDraw.ImageDraw, facts: Obligations) -> None:
    width = WIDTH - 2 * MARGIN
    title, subtitle = text.title(facts), text.subtitle(facts)
    pen.text((MARGIN, 18), title, font=_fitted(title, TITLE, "Bold", width), fill=INK)
    pen.text((MARGIN, 72), subtitle, font=_fitted(subtitle, SUBTITLE, "Regular", width), fill=GREY)


def _fitted(words: str, size: int, weight: Weight, width: float) -> ImageFont.FreeTypeFont:
    """The font at ``size``, or smaller (down to two thirds) if ``words`` would not fit."""
    smallest = size * 2 // 3
    face = font(size, weight)
    while face.getlength(words) > width and size > smallest:
        size -= 1
        face = font(size, weight)
    return face


Row = tuple[str, list[str]]
"""A legend row: its key ('must', 'trip', 'bound_trip', 'no_state', '' for none) and lines."""


def _rows(facts: Obligations) -> list[Row]:
    face = font(LEGEND)
    width = WIDTH - 2 * MARGIN - SWATCH - 12
    rows: list[Row] = [(r.klass or "", _wrap(r.text, face, width)) for r in text.legend(facts)]
    free, bound = text.trip_rows(facts)
    if bound:
        rows.append(("bound_trip", _wrap(bound, face, width)))
    if free:
        rows.append(("trip", _wrap(free, face, width)))
    if facts.standing == "wanted":
        rows.append(("no_state", _wrap(text.no_state_row(), face, width)))
    summary = text.summary(facts, len(facts.states))
    if summary:
        rows.append(("", _wrap(summary, font(LEGEND, "Semibold"), WIDTH - 2 * MARGIN)))
    return rows


def _rows_height(rows: list[Row]) -> float:
    return sum(ROW + (len(lines) - 1) * (LEGEND + 4) for _, lines in rows)


def _legend(pen: ImageDraw.ImageDraw, rows: list[Row], top: float) -> float:
    y = top
    for key, lines in rows:
        x = MARGIN
        if key in ("trip", "bound_trip"):
            cx, cy = MARGIN + SWATCH / 2, y + SWATCH / 2 + 3
            if key == "bound_trip":
                _diamond(pen, cx, cy, 11, 1)
            else:
                pen.ellipse((cx - 6, cy - 6, cx + 6, cy + 6), fill=WHITE, outline=INK, width=2)
            x += SWATCH + 12
        elif key:
            fill = COLOURS.get(key, COLOURS["no_state"])
            pen.rectangle((MARGIN, y + 3, MARGIN + SWATCH, y + 3 + SWATCH), fill=fill)
            x += SWATCH + 12
        face = font(LEGEND, "Semibold") if not key else font(LEGEND)
        for index, line in enumerate(lines):
            pen.text((x, y - 2 + index * (LEGEND + 4)), line, font=face, fill=INK)
        y += ROW + (len(lines) - 1) * (LEGEND + 4)
    return y


def _footer(pen: ImageDraw.ImageDraw, lines: list[str], top: float) -> None:
    face = font(FOOTER)
    for index, line in enumerate(lines):
        pen.text((MARGIN, top + index * FOOTER * 1.3), line, font=face, fill=GREY)


def _wrap(words: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in words.split(" "):
        candidate = f"{line} {word}".strip()
        if line and face.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines
