"""The vendored world shapes (data/world-110m.json), decoded and projected once per process.

Built by scripts/build_map_data.py from the npm package world-atlas (Natural Earth 1:110m,
public domain); data/README.md says what it holds and how each area is filed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import orjson

from bot.maps.projection import forward

Point = tuple[float, float]
Ring = tuple[Point, ...]
DATA_FILE = "world-110m.json"


@dataclass(frozen=True)
class Shape:
    """One drawn area, filed under a knowledge-base state (``code``; None: no state)."""

    name: str
    iso: str
    """The area's own ISO 3166-1 alpha-2 code (GL for Greenland, filed under DK)."""
    code: str | None
    label: Point
    """Projected point deep inside the shape's largest piece (for markers)."""
    parts: tuple[tuple[Ring, ...], ...]
    """Projected polygons: outer ring first, then holes."""


@dataclass(frozen=True)
class Dot:
    """A state too small for 1:110m, drawn as a dot at a representative point."""

    code: str
    name: str
    lon: float
    lat: float
    at: Point


@dataclass(frozen=True)
class World:
    source: str
    shapes: tuple[Shape, ...]
    borders: tuple[Ring, ...]
    dots: tuple[Dot, ...]

    def codes(self) -> frozenset[str]:
        """Every state drawn as a shape or a dot."""
        return frozenset(s.code for s in self.shapes if s.code) | {d.code for d in self.dots}

    def label_of(self, code: str) -> Point | None:
        """Where a marker for ``code`` goes: its own shape's label point, or its dot."""
        own = [s for s in self.shapes if s.code == code and s.iso == code]
        if own:
            return own[0].label
        return next((d.at for d in self.dots if d.code == code), None)


def decoded(flat: list[int], unit: float) -> Ring:
    """A delta-encoded line of whole hundredths of a degree, projected."""
    points = []
    lon = lat = 0
    for index in range(0, len(flat), 2):
        lon += flat[index]
        lat += flat[index + 1]
        points.append(forward(lon / unit, lat / unit))
    return tuple(points)


@cache
def world() -> World:
    """The packaged shapes, projected with Equal Earth (read and projected once)."""
    raw = orjson.loads((resources.files("bot.maps") / "data" / DATA_FILE).read_bytes())
    unit = float(raw["unit"])
    shapes = tuple(
        Shape(
            name=item["name"],
            iso=item["iso"],
            code=item["code"],
            label=forward(*item["label"]),
            parts=tuple(tuple(decoded(ring, unit) for ring in part) for part in item["rings"]),
        )
        for item in raw["shapes"]
    )
    dots = tuple(
        Dot(d["code"], d["name"], d["lon"], d["lat"], forward(d["lon"], d["lat"]))
        for d in raw["dots"]
    )
    borders = tuple(decoded(line, unit) for line in raw["borders"])
    return World(source=raw["source"], shapes=shapes, borders=borders, dots=dots)
