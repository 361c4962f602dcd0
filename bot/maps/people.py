"""Which person a command names: ``/map putin``, ``warrantwatch map "Omar al-Bashir"``.

A quick look-up of the knowledge base's ids, names and aliases (no language model), so that
``warrantwatch map`` starts fast; callers fall back to the parser for anything else.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.store import KnowledgeBase

_SEPARATORS = re.compile(r"[\s\-‐‑–—_.'’]+")


def folded(text: str) -> str:
    """Lower case, no accents, hyphens and dots as spaces: 'Al-Báshir' -> 'al bashir'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", bare).strip()


def find_person(kb: KnowledgeBase, text: str) -> str | None:
    """The id of the person ``text`` names exactly (id, name, full name or alias), if any."""
    wanted = folded(text)
    if not wanted:
        return None
    for person in kb.people.values():
        names = (person.id, person.name, person.full_name, *person.aliases)
        if any(folded(name) == wanted for name in names if name):
            return person.id
    return None
