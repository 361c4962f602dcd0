"""Maps of who must arrest a person on ICC warrant (pure: no Telegram, no network)."""

from bot.maps.people import find_person
from bot.maps.render import map_caption, render_map

__all__ = ["find_person", "map_caption", "render_map"]
