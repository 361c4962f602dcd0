"""Convert the npm package world-atlas (Natural Earth) once into bot/maps/data/world-110m.json.

Usage::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_map_data.py /tmp/package

world-atlas 2.0.2 is Natural Earth 4.1.0 (public domain) as TopoJSON, ISC-licensed by Mike
Bostock. What this script keeps, and why:

- the 1:110m country shapes as rings cut at the antimeridian (world-atlas is spherical: Russia
  and Fiji cross it), and the land borders between two different states as lines, read from
  the TopoJSON arcs (a shared arc is a border), both in hundredths of a degree, delta-encoded;
- a label point per shape (where a trip marker goes): the inside point farthest from edges;
- each shape joined to the ISO 3166-1 alpha-2 code of the state the knowledge base files its
  area under: world-atlas ids are ISO numeric codes, read with pycountry; the three shapes
  without an id by their name; dependencies to their sovereign, as knowledge/data/places.toml
  resolves them; Taiwan and Western Sahara kept with no state (the data has none for them);
- Crimea, which Natural Earth 4.1 draws as part of Russia, moved to Ukraine, as the knowledge
  base treats it (UNGA resolution 68/262; places.toml, territory "Crimea");
- a representative point for every state of the knowledge base that 1:110m leaves out
  (microstates and small islands), from the 1:10m shapes of the same package: the area
  centroid of the state's largest polygon, rounded to 0.01 degree;
- no Antarctica (no state; the map is cropped above it).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tarfile
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.maps.projection import forward, inverse  # noqa: E402
from knowledge.store import load_default  # noqa: E402

OUTPUT = ROOT / "bot" / "maps" / "data" / "world-110m.json"

Point = tuple[float, float]

NO_ID = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
"""Shapes world-atlas gives no ISO numeric id, to the code the knowledge base files them under
(Kosovo is its own entry; places.toml resolves Northern Cyprus to CY and Somaliland to SO)."""

SOVEREIGN = {"PR": "US", "FK": "GB", "GL": "DK", "NC": "FR", "TF": "FR"}
"""Dependencies drawn in 1:110m, to the state places.toml resolves them to."""

NO_STATE = {"TW", "EH"}
"""Areas the knowledge base has no state for: drawn, in the neutral colour."""

DROPPED = {"AQ"}

MOVES = (
    # (name, from, to, a point inside the polygon to move (lon, lat), why)
    ("Crimea", "RU", "UA", (34.1, 45.0), "UNGA res. 68/262; places.toml territory Crimea"),
)


def read_package(source: Path, name: str) -> dict[str, Any]:
    """A file of the unpacked package directory, or of the .tgz ``npm pack`` wrote."""
    if source.is_dir():
        data: dict[str, Any] = json.loads((source / name).read_text(encoding="utf-8"))
        return data
    with tarfile.open(source) as archive:
        member = archive.extractfile(f"package/{name}")
        assert member is not None, name
        loaded: dict[str, Any] = json.loads(member.read())
        return loaded


def package_version(source: Path) -> str:
    return str(read_package(source, "package.json")["version"])


def alpha_2(geometry: dict[str, Any]) -> str:
    numeric = geometry.get("id")
    if numeric is None:
        return NO_ID[geometry["properties"]["name"]]
    country = pycountry.countries.get(numeric=numeric)
    if country is None:
        raise SystemExit(f"no ISO 3166 country with numeric code {numeric}")
    return str(country.alpha_2)


def decoded_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Arcs in degrees (for the point-in-polygon tests and centroids here)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(arcs: list[list[Point]], ring: list[int]) -> list[Point]:
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def contains(ring: list[Point], point: Point) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring[-1:] + ring[:-1], ring, strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def area_and_centroid(ring: list[Point]) -> tuple[float, float, float]:
    """Planar (degree) area and centroid of a ring: enough for a dot on a 1:110m map."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area), cx / (6 * area), cy / (6 * area)


def distance_to_edges(point: Point, rings: list[list[Point]]) -> float:
    px, py = point
    best = math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            dx, dy = x2 - x1, y2 - y1
            length = dx * dx + dy * dy
            t = (
                0.0
                if length == 0
                else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length))
            )
            ex, ey = x1 + t * dx - px, y1 + t * dy - py
            best = min(best, ex * ex + ey * ey)
    return math.sqrt(best)


def label_point(rings: list[list[Point]]) -> Point:
    """A point deep inside a polygon (outer ring first), where a marker or label can go.

    Found on the projected map, as in Mapbox's polylabel: the inside point farthest from the
    edges, by a grid search refined three times around the best point so far.
    """
    projected = [[forward(lon, lat) for lon, lat in ring] for ring in rings]
    xs = [x for x, _ in projected[0]]
    ys = [y for _, y in projected[0]]
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    half = (max(xs) - min(xs)) / 2, (max(ys) - min(ys)) / 2
    best, best_distance = centre, -1.0
    for _ in range(4):
        for i in range(17):
            for j in range(17):
                x = centre[0] + half[0] * (i / 8 - 1)
                y = centre[1] + half[1] * (j / 8 - 1)
                inside = contains(projected[0], (x, y)) and not any(
                    contains(hole, (x, y)) for hole in projected[1:]
                )
                if inside:
                    distance = distance_to_edges((x, y), projected)
                    if distance > best_distance:
                        best, best_distance = (x, y), distance
        centre, half = best, (half[0] / 4, half[1] / 4)
    lon, lat = inverse(*best)
    return round(lon, 2), round(lat, 2)


UNIT = 100
"""Coordinates are stored as whole hundredths of a degree (about 1 km: a tenth of a pixel at
the map's scale), delta-encoded: [lon0, lat0, dlon1, dlat1, ...]."""


def encoded(points: list[Point]) -> list[int]:
    flat: list[int] = []
    last = (0, 0)
    for lon, lat in points:
        here = (round(lon * UNIT), round(lat * UNIT))
        if flat and here == last:
            continue
        flat += (here[0] - last[0], here[1] - last[1])
        last = here
    return flat


def unwrapped(ring: list[Point]) -> list[Point]:
    """The ring with continuous longitudes (a ring across the antimeridian goes past 180)."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def clipped(ring: list[Point], keep_east: bool) -> list[Point]:
    """Sutherland-Hodgman against the meridian 180 (or -180 after unwrapping westwards)."""
    edge = 180.0 if max(lon for lon, _ in ring) > 180 else -180.0

    def inside(point: Point) -> bool:
        return point[0] >= edge if keep_east else point[0] <= edge

    out: list[Point] = []
    for a, b in zip(ring[-1:] + ring[:-1], ring, strict=True):
        if inside(b):
            if not inside(a):
                out.append(crossing(a, b, edge))
            out.append(b)
        elif inside(a):
            out.append(crossing(a, b, edge))
    return out


def crossing(a: Point, b: Point, edge: float) -> Point:
    t = (edge - a[0]) / (b[0] - a[0])
    return (edge, a[1] + t * (b[1] - a[1]))


def cut_at_antimeridian(ring: list[Point]) -> list[list[Point]]:
    """A ring as drawn on a flat map: split in two where it crosses the antimeridian."""
    ring = unwrapped(ring)
    low, high = min(lon for lon, _ in ring), max(lon for lon, _ in ring)
    if low >= -180 and high <= 180:
        return [ring]
    pieces = []
    for keep_east in (False, True):
        piece = clipped(ring, keep_east)
        if len(piece) >= 3:
            shift = -360 if min(lon for lon, _ in piece) >= 180 else 0
            shift = 360 if max(lon for lon, _ in piece) <= -180 else shift
            pieces.append([(lon + shift, lat) for lon, lat in piece])
    return pieces


def label_for(arcs: list[list[Point]], parts: list[list[list[int]]]) -> Point:
    """The label point of a shape's largest piece (as drawn: cut at the antimeridian)."""
    pieces = []
    for part in parts:
        rings = [ring_points(arcs, ring) for ring in part]
        pieces += [[outer, *rings[1:]] for outer in cut_at_antimeridian(rings[0])]
    largest = max(pieces, key=lambda rings: area_and_centroid(rings[0])[0])
    return label_point(largest)


def flat_parts(arcs: list[list[Point]], parts: list[list[list[int]]]) -> list[list[list[int]]]:
    """Polygon parts as encoded rings (outer ring first), cut at the antimeridian.

    A ring that rounding leaves with fewer than three points (a sliver of North Korea's) is
    dropped.
    """
    out = []
    for part in parts:
        rings = [ring_points(arcs, ring) for ring in part]
        holes = [encoded(hole) for hole in rings[1:]]
        holes = [hole for hole in holes if len(hole) >= 8]
        for piece in cut_at_antimeridian(rings[0]):
            outer = encoded(piece)
            if len(outer) >= 8:
                out.append([outer, *holes])
    return out


def borders(arcs: list[list[Point]], shapes: list[dict[str, Any]]) -> list[list[int]]:
    """Arcs between two different states (or a state and a no-state area), as polylines.

    Coastlines and the lines between two pieces filed under one state (Crimea and mainland
    Ukraine, Northern Cyprus and Cyprus, Somaliland and Somalia) are left out.
    """
    owners: dict[int, set[str | None]] = {}
    for shape in shapes:
        for part in shape["arc_rings"]:
            for ring in part:
                for index in ring:
                    owners.setdefault(index if index >= 0 else ~index, set()).add(shape["code"])
    return [encoded(arcs[i]) for i, codes in sorted(owners.items()) if len(codes) > 1]


def shapes_110m(topology: dict[str, Any]) -> list[dict[str, Any]]:
    """Every shape but Antarctica, filed under a knowledge-base code (None: no state)."""
    arcs = decoded_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso = alpha_2(geometry)
        if iso in DROPPED:
            continue
        code = None if iso in NO_STATE else SOVEREIGN.get(iso, iso)
        parts = polygons(geometry)
        for name, origin, target, point, why in MOVES:
            if code != origin:
                continue
            moved = [p for p in parts if contains(ring_points(arcs, p[0]), point)]
            if len(moved) != 1:
                raise SystemExit(f"{name}: expected one polygon of {origin} at {point}")
            parts = [p for p in parts if p not in moved]
            shapes.append(
                {
                    "id": "",
                    "name": name,
                    "iso": target,
                    "code": target,
                    "note": why,
                    "label": label_for(arcs, moved),
                    "arc_rings": moved,
                }
            )
        shape: dict[str, Any] = {
            "id": geometry.get("id") or "",
            "name": geometry["properties"]["name"],
            "iso": iso,
            "code": code,
            "label": label_for(arcs, parts),
            "arc_rings": parts,
        }
        shapes.append(shape)
    return shapes


def dots_10m(topology: dict[str, Any], missing: set[str]) -> list[dict[str, Any]]:
    arcs = decoded_arcs(topology)
    dots = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") is None:
            continue
        iso = alpha_2(geometry)
        if iso not in missing:
            continue
        _area, lon, lat = max(
            area_and_centroid(ring_points(arcs, part[0])) for part in polygons(geometry)
        )
        dots.append(
            {
                "code": iso,
                "name": geometry["properties"]["name"],
                "lon": round(lon, 2),
                "lat": round(lat, 2),
            }
        )
    return sorted(dots, key=lambda d: d["code"])


def build(source: Path) -> dict[str, Any]:
    kb = load_default()
    small = read_package(source, "countries-110m.json")
    shapes = shapes_110m(small)
    drawn = {shape["code"] for shape in shapes}
    missing = set(kb.states) - drawn
    dots = dots_10m(read_package(source, "countries-10m.json"), missing)
    unplaced = missing - {dot["code"] for dot in dots}
    if unplaced:
        raise SystemExit(f"states neither drawn nor placed as dots: {sorted(unplaced)}")
    unknown = drawn - set(kb.states) - {None}
    if unknown:
        raise SystemExit(f"shapes filed under codes the knowledge base lacks: {sorted(unknown)}")
    arcs = decoded_arcs(small)
    lines = borders(arcs, shapes)
    for shape in shapes:
        shape["rings"] = flat_parts(arcs, shape.pop("arc_rings"))
    version = package_version(source)
    return {
        "source": (
            f"world-atlas {version} (npm; ISC, Mike Bostock): Natural Earth 4.1.0 admin-0 "
            "countries, 1:110m shapes, 1:10m for the dots (public domain)"
        ),
        "built_by": "scripts/build_map_data.py",
        "unit": UNIT,
        "shapes": shapes,
        "borders": lines,
        "dots": dots,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="world-atlas: the unpacked folder or .tgz")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = build(args.package)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(
        f"{args.output}: {len(text) // 1024} KB, {len(data['shapes'])} shapes, "
        f"{len(data['borders'])} borders, {len(data['dots'])} dots"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
