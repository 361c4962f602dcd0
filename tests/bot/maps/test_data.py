"""The vendored shapes: every state of the knowledge base drawn, areas filed as it files them."""

from __future__ import annotations

from importlib import resources

import pycountry

from bot.maps.geodata import DATA_FILE, Point, Ring, world
from bot.maps.projection import forward
from knowledge.store import KnowledgeBase


def inside(point: Point, ring: Ring) -> bool:
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring[-1:] + ring[:-1], ring, strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def code_at(lon: float, lat: float) -> set[str | None]:
    point = forward(lon, lat)
    return {
        shape.code
        for shape in world().shapes
        for part in shape.parts
        if inside(point, part[0]) and not any(inside(point, hole) for hole in part[1:])
    }


def test_data_every_state_is_drawn_or_a_dot(kb: KnowledgeBase) -> None:
    assert set(kb.states) <= world().codes()
    assert world().codes() <= set(kb.states)


def test_data_each_state_has_a_marker_place(kb: KnowledgeBase) -> None:
    assert all(world().label_of(code) is not None for code in kb.states)


def test_data_dots_are_the_states_110m_leaves_out() -> None:
    drawn = {s.code for s in world().shapes}
    dots = {d.code for d in world().dots}
    assert not dots & drawn
    assert {"VA", "MC", "SM", "LI", "AD", "MT", "NR", "TV", "SG", "BH"} <= dots


def test_data_shapes_join_to_iso_3166() -> None:
    for shape in world().shapes:
        if shape.iso == "XK":  # Kosovo: a user-assigned code, not in ISO 3166-1
            continue
        assert pycountry.countries.get(alpha_2=shape.iso) is not None, shape.name


def test_data_crimea_is_drawn_with_ukraine() -> None:
    assert code_at(34.1, 45.0) == {"UA"}  # Natural Earth 4.1 draws it with Russia
    assert code_at(33.5, 44.6) == {"UA"}  # Sevastopol
    assert code_at(37.6, 55.75) == {"RU"}  # Moscow


def test_data_disputed_and_unrecognised_areas(kb: KnowledgeBase) -> None:
    assert code_at(21.0, 42.6) == {"XK"}  # Kosovo, its own entry
    assert code_at(33.5, 35.3) == {"CY"}  # Northern Cyprus: places.toml files it under CY
    assert code_at(45.0, 9.5) == {"SO"}  # Somaliland: under Somalia
    assert code_at(35.25, 32.0) == {"PS"}  # the West Bank
    assert code_at(121.0, 23.7) == {None}  # Taiwan: no state in the data
    assert code_at(-13.0, 24.0) == {None}  # Western Sahara
    assert "TW" not in kb.states and "EH" not in kb.states


def test_data_dependencies_go_to_the_sovereign_places_toml_names(kb: KnowledgeBase) -> None:
    """Greenland, Puerto Rico, the Falklands, New Caledonia: as the parser resolves them."""
    places = {}
    for territory in kb.places.territories:
        for name in (territory.name, *territory.aliases):
            places[name.casefold()] = territory.code
    checks = {"greenland": "GL", "puerto rico": "PR", "falkland islands": "FK"}
    checks |= {"new caledonia": "NC", "french southern territories": "TF"}
    for name, iso in checks.items():
        (shape,) = [s for s in world().shapes if s.iso == iso]
        assert shape.code == places[name], name


def test_data_file_is_small() -> None:
    size = len((resources.files("bot.maps") / "data" / DATA_FILE).read_bytes())
    assert size < 300_000


def test_data_has_a_licence_note() -> None:
    notes = resources.files("bot.maps") / "data"
    assert "Natural Earth" in (notes / "README.md").read_text(encoding="utf-8")
    assert "ISC" in (notes / "LICENSE").read_text(encoding="utf-8")
