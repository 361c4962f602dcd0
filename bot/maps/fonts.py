"""Source Sans Pro, from the PyPI package font-source-sans-pro (SIL OFL 1.1).

Pillow's built-in bitmap font is too small to read on a phone; Source Sans Pro has Latin,
Greek and Cyrillic, and its TTFs come in a 2 MB wheel with no dependencies.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

from PIL import ImageFont

Weight = Literal["Regular", "Semibold", "Bold"]


def font_file(weight: Weight) -> str:
    return str(resources.files("font_source_sans_pro") / "files" / f"SourceSansPro-{weight}.ttf")


@cache
def font(size: int, weight: Weight = "Regular") -> ImageFont.FreeTypeFont:
    """The font at ``size`` pixels (loaded once per size and weight)."""
    return ImageFont.truetype(font_file(weight), size)
