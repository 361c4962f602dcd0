"""Where things go on the image: the map frame, and the world's shapes in its pixels.

Everything here depends only on the vendored shapes, never on a person, so it is computed
once per process and every render reuses it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from bot.maps.geodata import Point, world
from bot.maps.projection import X_MAX, forward

WIDTH = 1280
"""Telegram shows photos about 1280 px wide."""
MARGIN = 22
MAP_TOP = 122
"""The title and subtitle sit above the map."""
NORTH, SOUTH = 84.0, -57.0
"""Latitudes the map shows: Greenland's north coast to Tierra del Fuego (no Antarctica)."""
SUPERSAMPLE = 2
"""Shapes are drawn at twice the size and scaled down: Pillow fills without antialiasing."""
DOT_RADIUS = 5.5
SMALL_AREA = 32.0
"""A state drawn smaller than this many square pixels gets a dot as well."""


@dataclass(frozen=True)
class Frame:
    """The map's rectangle: projected Equal Earth coordinates to image pixels."""

    left: float
    top: float
    scale: float
    y_north: float
    height: float

    def pixel(self, point: Point) -> tuple[float, float]:
        return self.left + (point[0] + X_MAX) * self.scale, self.top + (
            self.y_north - point[1]
        ) * self.scale

    def of(self, lon: float, lat: float) -> tuple[float, float]:
        """The pixel (on the final image) of a longitude and latitude."""
        return self.pixel(forward(lon, lat))


@cache
def frame() -> Frame:
    scale = (WIDTH - 2 * MARGIN) / (2 * X_MAX)
    y_north, y_south = forward(0, NORTH)[1], forward(0, SOUTH)[1]
    return Frame(MARGIN, MAP_TOP, scale, y_north, (y_north - y_south) * scale)


Pixels = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class PlacedShape:
    code: str | None
    iso: str
    parts: tuple[tuple[Pixels, ...], ...]
    """Supersampled pixel rings, outer ring first."""


@dataclass(frozen=True)
class PlacedDot:
    code: str
    at: tuple[float, float]
    """Where the dot is drawn (moved apart from its neighbours), in final pixels."""
    home: tuple[float, float]
    """The state's own position; a leader line joins them when the dot had to move."""


@dataclass(frozen=True)
class Placed:
    shapes: tuple[PlacedShape, ...]
    borders: tuple[Pixels, ...]
    dots: tuple[PlacedDot, ...]
    labels: dict[str, tuple[float, float]]
    """Marker position per state (its label point, or its dot), in final pixels."""


def ring_area(ring: Pixels) -> float:
    return abs(
        sum(
            x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
        )
        / 2
    )


@cache
def placed() -> Placed:
    """The world in the frame's pixels, with dots for the states too small to see."""
    box, data = frame(), world()
    ss = SUPERSAMPLE

    def scaled(ring: tuple[Point, ...]) -> Pixels:
        return tuple((x * ss, y * ss) for x, y in map(box.pixel, ring))

    shapes = tuple(
        PlacedShape(s.code, s.iso, tuple(tuple(scaled(r) for r in part) for part in s.parts))
        for s in sorted(data.shapes, key=lambda s: not any(len(p) > 1 for p in s.parts))
    )
    area: dict[str, float] = {}
    for shape in shapes:
        if shape.code is not None:
            outer = sum(ring_area(part[0]) for part in shape.parts) / ss / ss
            area[shape.code] = area.get(shape.code, 0.0) + outer
    labels = {s.code: box.pixel(s.label) for s in data.shapes if s.code and s.iso == s.code}
    homes = [(d.code, box.pixel(d.at)) for d in data.dots]
    homes += [(code, labels[code]) for code, size in sorted(area.items()) if size < SMALL_AREA]
    dots = spread(homes)
    labels.update({dot.code: dot.at for dot in dots})
    borders = tuple(scaled(line) for line in data.borders)
    return Placed(shapes, borders, dots, labels)


def spread(homes: list[tuple[str, tuple[float, float]]]) -> tuple[PlacedDot, ...]:
    """Push overlapping dots apart (a few rounds of pairwise repulsion), keeping each close."""
    gap = 2 * DOT_RADIUS + 1.5
    at = [list(p) for _, p in homes]
    for _ in range(60):
        moved = False
        for i in range(len(at)):
            for j in range(i + 1, len(at)):
                dx, dy = at[j][0] - at[i][0], at[j][1] - at[i][1]
                distance = math.hypot(dx, dy)
                if distance >= gap:
                    continue
                if distance == 0:
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (gap - distance) / 2 + 0.01
                ux, uy = dx / distance, dy / distance
                at[i][0] -= ux * push
                at[i][1] -= uy * push
                at[j][0] += ux * push
                at[j][1] += uy * push
                moved = True
        if not moved:
            break
    return tuple(
        PlacedDot(code, (x, y), home) for (code, home), (x, y) in zip(homes, at, strict=True)
    )
