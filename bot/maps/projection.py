"""The Equal Earth projection (Šavrič, Patterson and Jenny 2018), forward and inverse.

An equal-area pseudocylindrical projection: a state's drawn area is proportional to its real
area, so Russia is not inflated as on Mercator. Formulas from the paper (International
Journal of Geographical Information Science 33(3), 2019, doi:10.1080/13658816.2018.1504949),
on the unit sphere; ``x`` grows east, ``y`` north.
"""

from __future__ import annotations

import math

A1 = 1.340264
A2 = -0.081106
A3 = 0.000893
A4 = 0.003796
M = math.sqrt(3) / 2

X_MAX = math.pi / (M * A1)
"""``x`` of the antimeridian on the equator: the map spans -X_MAX..X_MAX."""


def forward(lon: float, lat: float) -> tuple[float, float]:
    """Project degrees of longitude and latitude to Equal Earth ``(x, y)``."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def inverse(x: float, y: float) -> tuple[float, float]:
    """Degrees ``(lon, lat)`` of a projected point (Newton's method on ``y``)."""
    theta = y
    for _ in range(12):
        t2 = theta * theta
        t6 = t2 * t2 * t2
        fy = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)) - y
        dy = A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)
        step = fy / dy
        theta -= step
        if abs(step) < 1e-12:
            break
    t2 = theta * theta
    t6 = t2 * t2 * t2
    dy = A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)
    lam = M * x * dy / math.cos(theta)
    phi = math.asin(math.sin(theta) / M)
    return math.degrees(lam), math.degrees(phi)
