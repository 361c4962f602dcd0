from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from bot.maps.projection import X_MAX, forward, inverse


def test_projection_centre_and_edges() -> None:
    assert forward(0, 0) == (0.0, 0.0)
    assert math.isclose(forward(180, 0)[0], X_MAX)
    assert math.isclose(forward(-180, 0)[0], -X_MAX)
    # the paper's figures for the unit sphere: the map is 2.0548 times as wide as it is tall
    assert math.isclose(2 * X_MAX / (2 * forward(0, 90)[1]), 2.0548, rel_tol=1e-3)


def test_projection_is_symmetric() -> None:
    x, y = forward(37.5, 55.7)
    assert forward(-37.5, -55.7) == (-x, -y)


@given(
    st.floats(min_value=-179.9, max_value=179.9),
    st.floats(min_value=-89.0, max_value=89.0),
)
def test_projection_inverse_undoes_forward(lon: float, lat: float) -> None:
    back = inverse(*forward(lon, lat))
    assert math.isclose(back[0], lon, abs_tol=1e-7)
    assert math.isclose(back[1], lat, abs_tol=1e-7)


def test_projection_is_equal_area() -> None:
    """A one-degree cell covers the same map area per unit of true area at every latitude."""

    def ratio(lat: float) -> float:
        (x0, y0), (x1, _), (_, y1) = forward(0, lat), forward(1, lat), forward(0, lat + 1)
        true = math.radians(1) * (math.sin(math.radians(lat + 1)) - math.sin(math.radians(lat)))
        return abs((x1 - x0) * (y1 - y0)) / true

    ratios = [ratio(lat) for lat in (0, 20, 40, 60, 80)]
    assert max(ratios) / min(ratios) < 1.01
