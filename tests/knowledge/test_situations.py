"""Situations and jurisdiction bases, linked from warrants and checked against states.toml."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from knowledge.situations import Situation
from knowledge.store import KnowledgeBase, KnowledgeError, default_data_dir, load
from knowledge.timeline import bases_covering

D = dt.date.fromisoformat


def _kinds(situation: Situation, crime_day: str) -> list[tuple[str, str]]:
    return [(b.kind, b.state) for b in bases_covering(situation, D(crime_day))]


def test_situations_every_warrant_has_one(kb: KnowledgeBase) -> None:
    for warrant in kb.warrants:
        situation = kb.situation_of(warrant)
        assert situation is not None, warrant.id
        assert situation.country == warrant.situation_country


def test_situations_cover_the_references(kb: KnowledgeBase) -> None:
    expected = {
        "ukraine",
        "palestine",
        "bangladesh-myanmar",
        "georgia",
        "darfur",
        "libya",
        "philippines",
        "burundi",
        "afghanistan",
        "uganda",
    }
    assert expected <= set(kb.situations)


def test_situations_putin_warrant_is_in_ukraine(kb: KnowledgeBase) -> None:
    (warrant,) = kb.warrants_for("vladimir-putin")
    situation = kb.situation_of(warrant)
    assert situation is not None and situation.id == "ukraine"
    assert situation.icc_number == "ICC-01/22"


@pytest.mark.parametrize(
    ("crime_day", "bases"),
    [
        ("2013-11-20", []),
        ("2014-01-01", [("article_12_3_declaration", "UA")]),
        ("2014-02-21", [("article_12_3_declaration", "UA"), ("article_12_3_declaration", "UA")]),
        ("2023-03-01", [("article_12_3_declaration", "UA")]),
        ("2025-06-01", [("article_12_3_declaration", "UA"), ("state_party_territory", "UA")]),
    ],
)
def test_situations_ukraine_declarations_then_membership(
    kb: KnowledgeBase, crime_day: str, bases: list[tuple[str, str]]
) -> None:
    assert _kinds(kb.situation("ukraine"), crime_day) == bases


def test_situations_palestine_accepted_from_13_june_2014(kb: KnowledgeBase) -> None:
    palestine = kb.situation("palestine")
    assert _kinds(palestine, "2014-06-12") == []
    assert _kinds(palestine, "2014-06-13") == [("article_12_3_declaration", "PS")]
    party = [b for b in palestine.bases if b.kind == "state_party_territory"]
    assert [(b.instrument_date, b.start) for b in party] == [(D("2015-01-02"), D("2015-04-01"))]
    nationality = [b for b in palestine.bases if b.kind == "state_party_nationality"]
    assert [b.certainty for b in nationality] == ["probable"], "inferred, not stated"


def test_situations_philippines_and_burundi_article_127_2(kb: KnowledgeBase) -> None:
    (philippines,) = kb.situation("philippines").bases
    assert (philippines.start, philippines.end) == (D("2011-11-01"), D("2019-03-16"))
    assert philippines.covers(D("2016-07-01")) and not philippines.covers(D("2019-03-17"))
    (burundi,) = kb.situation("burundi").bases
    assert burundi.end == D("2017-10-26")
    assert burundi.certainty == "probable"


def test_situations_security_council_referrals(kb: KnowledgeBase) -> None:
    (darfur,) = kb.situation("darfur").bases
    assert (darfur.kind, darfur.instrument_date, darfur.start) == (
        "unsc_referral",
        D("2005-03-31"),
        D("2002-07-01"),
    )
    assert "1593" in darfur.instrument
    libya = {b.kind: b for b in kb.situation("libya").bases}
    assert "1970" in libya["unsc_referral"].instrument
    assert libya["unsc_referral"].start == D("2011-02-15")
    assert libya["article_12_3_declaration"].end == D("2027-12-31")


def test_situations_bangladesh_myanmar_rests_on_bangladesh(kb: KnowledgeBase) -> None:
    (situation,) = kb.situations_in("MM")
    assert [(b.kind, b.state) for b in situation.bases] == [("state_party_territory", "BD")]
    (application,) = kb.warrants_for("min-aung-hlaing")
    assert kb.situation_of(application) is situation


def test_situations_warrants_in_darfur(kb: KnowledgeBase) -> None:
    ids = {w.id for w in kb.warrants_in("darfur")}
    assert {
        "omar-al-bashir-2009",
        "omar-al-bashir-2010",
        "ali-kushayb-2007",
        "ali-kushayb-2018",
        "ahmad-harun-2007",
    } == ids


# --- cross-checks against states.toml and warrants.toml --------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def _errors_after_edit(data: Path, name: str, old: str, new: str) -> list[str]:
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load(data)
    return list(caught.value.errors)


def test_situations_basis_start_must_match_entry_into_force(data_copy: Path) -> None:
    errors = _errors_after_edit(
        data_copy,
        "situations.toml",
        "instrument_date = 2011-08-30, start = 2011-11-01",
        "instrument_date = 2011-08-30, start = 2011-10-01",
    )
    assert any("philippines" in e and "entered into force on 2011-11-01" in e for e in errors)


def test_situations_basis_end_must_follow_article_127(data_copy: Path) -> None:
    errors = _errors_after_edit(
        data_copy, "situations.toml", "end = 2019-03-16", "end = 2019-03-17"
    )
    assert any("Art. 127(2) gives 2019-03-16" in e for e in errors)


def test_situations_declaration_must_exist_in_states(data_copy: Path) -> None:
    errors = _errors_after_edit(
        data_copy,
        "situations.toml",
        "instrument_date = 2015-09-08",
        "instrument_date = 2015-09-09",
    )
    assert any("no article_12_3_declaration on 2015-09-09" in e for e in errors)


def test_situations_unknown_warrant_situation_is_reported(data_copy: Path) -> None:
    errors = _errors_after_edit(
        data_copy,
        "warrants.toml",
        'situation = "Situation in Uganda"',
        'situation = "Situation in Ugnada"',
    )
    assert any("'Situation in Ugnada' is not in situations.toml" in e for e in errors)


def test_situations_case_with_a_foreign_warrant_is_reported(data_copy: Path) -> None:
    errors = _errors_after_edit(
        data_copy,
        "cases.toml",
        'warrants = ["joseph-kony-2005"]',
        'warrants = ["vladimir-putin-2023"]',
    )
    assert any("[cases.toml -> kony]" in e and "not a warrant for the person" in e for e in errors)
