from __future__ import annotations

import pytest

from bot.maps.people import find_person, folded
from knowledge.store import KnowledgeBase


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("putin", "vladimir-putin"),
        ("Vladimir Putin", "vladimir-putin"),
        ("vladimir-putin", "vladimir-putin"),
        ("  PUTIN ", "vladimir-putin"),
        ("al-Bashir", "omar-al-bashir"),
        ("Omar al Bashir", "omar-al-bashir"),
        ("bibi", "benjamin-netanyahu"),
        ("Путин", "vladimir-putin"),
    ],
)
def test_people_found_by_name_or_alias(kb: KnowledgeBase, text: str, person: str) -> None:
    assert find_person(kb, text) == person


@pytest.mark.parametrize("text", ["", "   ", "nobody at all", "mongolia"])
def test_people_not_found(kb: KnowledgeBase, text: str) -> None:
    assert find_person(kb, text) is None


def test_people_folding() -> None:
    assert folded("Al-Báshir") == "al bashir"
    assert folded("Erdoğan") == "erdogan"
