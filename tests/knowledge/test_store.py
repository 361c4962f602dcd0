"""Integrity of the curated data, and readable errors when it is broken."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from knowledge.models import Source
from knowledge.store import KnowledgeBase, KnowledgeError, cross_check, default_data_dir, load
from tests.conftest import TODAY


def _all_sources(kb: KnowledgeBase) -> list[Source]:
    sources: list[Source] = []
    for state in kb.states.values():
        sources += state.sources
        for event in state.events:
            sources += event.sources
    for person in kb.people.values():
        sources += person.sources
        for role in person.roles:
            sources += role.sources
    for item in (*kb.warrants, *kb.findings, *kb.trips, *kb.positions):
        sources += item.sources
    for warrant in kb.warrants:
        for event in warrant.events:
            sources += event.sources
    return sources


def test_store_loads_without_problems(kb: KnowledgeBase) -> None:
    assert cross_check(kb, today=TODAY) == []


def test_store_every_required_state_is_present(kb: KnowledgeBase) -> None:
    assert sum(1 for s in kb.states.values() if s.un == "member") == 193
    assert {"PS", "VA", "CK", "NU", "XK"} <= set(kb.states)
    assert len(kb.states) == 198


def test_store_every_source_is_https_with_a_title(kb: KnowledgeBase) -> None:
    sources = _all_sources(kb)
    assert len(sources) > 300
    for source in sources:
        assert source.url.startswith("https://"), source
        assert len(source.title) >= 3


def test_store_no_as_of_in_the_future(kb: KnowledgeBase) -> None:
    items = [*kb.states.values(), *kb.people.values(), *kb.warrants, *kb.findings, *kb.trips]
    assert all(item.as_of <= TODAY for item in items)
    assert all(meta.as_of <= TODAY for meta in kb.metas.values())


def test_store_required_warrant_subjects_have_sourced_status(kb: KnowledgeBase) -> None:
    required = [
        "vladimir-putin",
        "maria-lvova-belova",
        "sergei-kobylash",
        "viktor-sokolov",
        "sergei-shoigu",
        "valery-gerasimov",
        "benjamin-netanyahu",
        "yoav-gallant",
        "mohammed-deif",
        "omar-al-bashir",
        "muammar-gaddafi",
        "saif-al-islam-gaddafi",
        "rodrigo-duterte",
        "haibatullah-akhundzada",
        "abdul-hakim-haqqani",
        "joseph-kony",
        "ali-kushayb",
        "osama-elmasry-njeem",
        "khaled-el-hishri",
    ]
    for person_id in required:
        warrants = [w for w in kb.warrants_for(person_id) if w.kind == "warrant"]
        assert warrants, person_id
        for warrant in warrants:
            assert warrant.sources and warrant.issued is not None
            assert any(e.kind == "issued" for e in warrant.events), warrant.id


def test_store_applications_are_not_warrants(kb: KnowledgeBase) -> None:
    for person_id in ("min-aung-hlaing", "bezalel-smotrich"):
        kinds = {w.kind for w in kb.warrants_for(person_id)}
        assert kinds == {"application"}, person_id


def test_store_leaders_without_warrants_are_known(kb: KnowledgeBase) -> None:
    for person_id in (
        "xi-jinping",
        "donald-trump",
        "narendra-modi",
        "volodymyr-zelensky",
        "emmanuel-macron",
        "kassym-jomart-tokayev",
        "isaac-herzog",
    ):
        person = kb.person(person_id)
        assert person.roles and not kb.warrants_for(person_id)


def test_store_data_ships_inside_the_package() -> None:
    directory = default_data_dir()
    for name in ("states.toml", "people.toml", "warrants.toml", "places.toml"):
        assert (directory / name).is_file()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def _errors_after_edit(data: Path, name: str, old: str, new: str, count: int = 1) -> list[str]:
    """Replace ``old`` by ``new`` in one data file; the errors ``load`` then raises."""
    path = data / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, count), "utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load(data)
    return list(caught.value.errors)


def test_store_bad_field_reports_file_item_and_field(data_copy: Path) -> None:
    errors = _errors_after_edit(
        data_copy, "states.toml", "as_of = 2026-11-28", 'as_of = "not a date"', 5
    )
    assert any(
        line.startswith("[states.toml -> states -> ") and "as_of]" in line for line in errors
    ), errors


def test_store_future_as_of_is_rejected(data_copy: Path) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load(data_copy, today=dt.date(2020, 1, 1))
    assert any("in the future" in line for line in caught.value.errors)


def test_store_http_source_is_rejected(data_copy: Path) -> None:
    errors = _errors_after_edit(data_copy, "findings.toml", 'url = "https://', 'url = "http://')
    assert any("https://" in line for line in errors)


def test_store_alias_shared_by_two_people_is_rejected(data_copy: Path) -> None:
    errors = _errors_after_edit(data_copy, "leaders.toml", 'aliases = ["', 'aliases = ["putin", "')
    assert any("'putin' also names" in line for line in errors)


def test_store_namesake_that_names_a_tracked_person_is_rejected(data_copy: Path) -> None:
    errors = _errors_after_edit(
        data_copy, "people.toml", 'namesakes = ["', 'namesakes = ["shoigu", "'
    )
    assert any("'shoigu' is a tracked person's name" in line for line in errors)
