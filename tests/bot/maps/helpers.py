"""Reading rendered maps back: the colour class of the pixel at a longitude and latitude."""

from __future__ import annotations

import io

from PIL import Image

from bot.maps.classes import COLOURS
from bot.maps.layout import frame


def image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def colour_at(png: bytes, lon: float, lat: float) -> tuple[int, int, int]:
    x, y = frame().of(lon, lat)
    pixel = image(png).getpixel((round(x), round(y)))
    assert isinstance(pixel, tuple)
    return (int(pixel[0]), int(pixel[1]), int(pixel[2]))


def class_at(png: bytes, lon: float, lat: float) -> str:
    """The COLOURS key whose colour the pixel has (exactly: shapes are flat colour)."""
    found = colour_at(png, lon, lat)
    names = [name for name, colour in COLOURS.items() if colour == found]
    assert names, f"{found} at ({lon}, {lat}) is no map colour"
    return names[0]
