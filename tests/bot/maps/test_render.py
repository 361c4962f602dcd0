"""Rendered maps read back: known states' colour classes, markers, dots, size, the cache."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.maps import render_map
from bot.maps.classes import obligations
from bot.maps.geodata import world
from bot.maps.layout import WIDTH, placed
from bot.maps.render import CACHE, draw
from knowledge.store import KnowledgeBase
from tests.bot.maps.helpers import class_at, colour_at, image

TODAY = dt.date(2026, 12, 8)
PUTIN, BASHIR, NETANYAHU = "vladimir-putin", "omar-al-bashir", "benjamin-netanyahu"

# (lon, lat) inside each state, away from its trip marker
MONGOLIA, KYRGYZSTAN, BRAZIL, SUDAN = (93.5, 48.0), (78.0, 42.0), (-55.0, -10.0), (30.0, 14.0)
CRIMEA, RUSSIA = (34.1, 45.2), (60.0, 60.0)


@pytest.fixture(scope="module")
def putin(kb: KnowledgeBase) -> bytes:
    return render_map(kb, PUTIN, on=TODAY)


@pytest.fixture(scope="module")
def bashir(kb: KnowledgeBase) -> bytes:
    return render_map(kb, BASHIR, on=TODAY)


def test_render_known_states_for_putin(putin: bytes) -> None:
    assert class_at(putin, *MONGOLIA) == "must"
    assert class_at(putin, *KYRGYZSTAN) == "no_duty"
    assert class_at(putin, *BRAZIL) == "must"
    assert class_at(putin, *SUDAN) == "no_duty"
    assert class_at(putin, *RUSSIA) == "own_state"
    assert class_at(putin, *CRIMEA) == "must"  # drawn with Ukraine, a State Party since 2025
    assert class_at(putin, 121.0, 23.7) == "no_state"  # Taiwan
    assert class_at(putin, 19.5, 47.0) == "must"  # Hungary revoked its withdrawal in the data


def test_render_known_states_for_al_bashir(bashir: bytes) -> None:
    assert class_at(bashir, *SUDAN) == "must"  # bound by the Security Council's referral
    assert class_at(bashir, *MONGOLIA) == "must"
    assert class_at(bashir, *KYRGYZSTAN) == "no_duty"
    assert class_at(bashir, *RUSSIA) == "no_duty"


def test_render_contested_states_have_their_own_shade(kb: KnowledgeBase) -> None:
    png = render_map(kb, NETANYAHU, on=TODAY)
    assert class_at(png, 2.5, 46.5) == "contested"  # France claims he has immunity
    assert class_at(png, -1.5, 12.5) == "contested"  # Burkina Faso: withdrawal pending
    assert class_at(png, 10.0, 51.0) == "must"  # Germany
    x, y = {dot.code: dot.at for dot in placed().dots}["IL"]  # too small but for its dot
    assert image(png).getpixel((round(x), round(y))) == colour_of("own_state")


def test_render_on_an_earlier_date(kb: KnowledgeBase) -> None:
    png = render_map(kb, PUTIN, on=dt.date(2024, 9, 2))
    assert class_at(png, *CRIMEA) == "must"  # Ukraine: its Art. 12(3) declaration
    assert class_at(png, 19.5, 47.0) == "must"  # Hungary
    assert class_at(png, -1.5, 12.5) == "must"  # Burkina Faso had not yet given notice


def test_render_trips_marked_bound_hosts_highlighted(kb: KnowledgeBase, putin: bytes) -> None:
    where = placed()
    for code in ("MN", "TJ"):
        x, y = where.labels[code]
        assert image(putin).getpixel((round(x), round(y))) == (240, 228, 66)  # yellow diamond
    x, y = where.labels["KG"]
    assert image(putin).getpixel((round(x), round(y))) == (255, 255, 255)  # a visit, no duty
    before = render_map(kb, PUTIN, on=dt.date(2024, 9, 1))
    x, y = where.labels["MN"]
    assert image(before).getpixel((round(x), round(y))) != (240, 228, 66)


def test_render_small_states_as_dots(putin: bytes, bashir: bytes) -> None:
    where = placed()
    dots = {dot.code: dot.at for dot in where.dots}
    assert {d.code for d in world().dots} <= set(dots)
    assert {"LU", "PS", "LB", "IL"} <= set(dots)  # drawn, but too small to see
    expected = (("SM", putin, "must"), ("MC", putin, "no_duty"), ("VA", putin, "no_duty"))
    for code, png, klass in (*expected, ("SG", bashir, "no_duty"), ("MT", bashir, "must")):
        x, y = dots[code]
        found = image(png).getpixel((round(x), round(y)))
        assert found == colour_of(klass), code


def colour_of(klass: str) -> tuple[int, int, int]:
    from bot.maps.classes import COLOURS

    return COLOURS[klass]


def test_render_dots_do_not_overlap() -> None:
    dots = placed().dots
    for i, a in enumerate(dots):
        for b in dots[i + 1 :]:
            assert abs(a.at[0] - b.at[0]) + abs(a.at[1] - b.at[1]) > 10, (a.code, b.code)


def test_render_no_warrant_is_one_neutral_colour(kb: KnowledgeBase) -> None:
    png = render_map(kb, NETANYAHU, on=dt.date(2024, 9, 2))
    assert {class_at(png, *p) for p in (MONGOLIA, BRAZIL, SUDAN, RUSSIA, (-100.0, 55.0))} == {
        "not_wanted"
    }


def test_render_size_for_a_phone(putin: bytes) -> None:
    shown = image(putin)
    assert putin.startswith(b"\x89PNG\r\n\x1a\n")
    assert shown.width == WIDTH
    assert 800 < shown.height < 1280
    assert len(putin) <= 300 * 1024


def test_render_title_area_is_not_empty(putin: bytes) -> None:
    top = image(putin).crop((0, 0, WIDTH, 110)).convert("L")
    dark = sum(top.histogram()[:80])
    assert dark > 2000  # the title and subtitle are there


def test_render_cached_once_per_question(kb: KnowledgeBase) -> None:
    on = dt.date(2025, 3, 1)
    renders = CACHE.renders
    results: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: results.append(render_map(kb, PUTIN, on=on)))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert CACHE.renders == renders + 1
    assert len(set(results)) == 1
    assert render_map(kb, PUTIN, on=on) is results[0]
    render_map(kb, PUTIN, on=dt.date(2025, 3, 2))
    assert CACHE.renders == renders + 2


def test_render_is_pure(kb: KnowledgeBase) -> None:
    facts = obligations(kb, BASHIR, TODAY)
    assert draw(kb, facts) == draw(kb, facts)


def test_render_rejects_unknown_people_and_languages(kb: KnowledgeBase) -> None:
    with pytest.raises(KeyError):
        render_map(kb, "nobody", on=TODAY)
    with pytest.raises(ValueError, match="no map texts"):
        render_map(kb, PUTIN, on=TODAY, lang="xx")


def test_render_uses_sharp_colours(putin: bytes) -> None:
    """Antialiasing only at edges: the sea and the big states are exact colours."""
    assert colour_at(putin, -30.0, 0.0) == (244, 246, 248)
