"""Names people use: nicknames, capitals and landmarks, titles, and Cyrillic spellings of names
the knowledge base holds in Latin letters."""

from __future__ import annotations

import pytest

from nlp.aliases import cyrillic_spellings
from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY


@pytest.mark.parametrize(
    "text",
    [
        "can DC arrest netanyahu when he visits",
        "would Washington DC arrest netanyahu",
        "would the feds arrest netanyahu if he lands in new york",
        "will the feds grab netanyahu",
    ],
)
def test_united_states_nicknames(pipeline: Pipeline, text: str) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert (query.intent, query.person_ids, query.country_codes) == (
        "arrest_risk",
        ["benjamin-netanyahu"],
        ["US"],
    )


@pytest.mark.parametrize(
    "text",
    [
        "is there a warrant out for the taliban boss",
        "is the taliban leader wanted by the icc",
        "does the icc want the taliban chief",
        "taliban boss warrant?",
    ],
)
def test_the_taliban_leader(pipeline: Pipeline, text: str) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert (query.intent, query.person_ids) == ("person_warrant", ["haibatullah-akhundzada"])


def test_boss_is_only_said_of_leaders_and_chiefs(pipeline: Pipeline) -> None:
    # 'chief justice' is another role, held by another man: no 'boss justice', no mix-up
    query = parse("is the taliban chief justice wanted?", today=TODAY, pipeline=pipeline)
    assert query.person_ids == ["abdul-hakim-haqqani"]
    query = parse("would mongolia arrest the kremlin boss?", today=TODAY, pipeline=pipeline)
    assert (query.person_ids, query.country_codes) == (["vladimir-putin"], ["MN"])


@pytest.mark.parametrize(
    "text",
    [
        "почему путина не арестовали на аляске",
        "Аляска обязана была арестовать Путина?",
        "Путин Аляскада неге ұсталмады?",
    ],
)
def test_alaska_is_the_united_states_with_its_caveat(pipeline: Pipeline, text: str) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert query.person_ids == ["vladimir-putin"]
    [place] = query.countries
    assert (place.id, place.via, place.note) == ("US", "territory", "Alaska")


@pytest.mark.parametrize(
    "text",
    [
        "Лукашенко арестуют в Польше?",
        "Чи заарештують Лукашенка в Польщі?",
        "will Lukashenko be arrested in Poland",
        "can poland arrest lukashenka",
    ],
)
def test_lukashenko(pipeline: Pipeline, text: str) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert (query.intent, query.person_ids, query.country_codes) == (
        "arrest_risk",
        ["alexander-lukashenko"],
        ["PL"],
    )


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("can hungary arrest bibi", "benjamin-netanyahu"),
        ("Эрдоган может приехать в Монголию, его арестуют?", "recep-tayyip-erdogan"),
        ("Нетаньяху арестуют в Германии?", "benjamin-netanyahu"),
        ("Тоқаев Монголияға барса ұстала ма?", "kassym-jomart-tokayev"),
        ("Жапаровду Монголияда кармашабы?", "sadyr-japarov"),
        ("Дутерте в Гааге?", "rodrigo-duterte"),
    ],
)
def test_names_people_use(pipeline: Pipeline, text: str, person: str) -> None:
    assert parse(text, today=TODAY, pipeline=pipeline).person_ids == [person]


def test_capitals_name_their_state_as_cities() -> None:
    # the existing design: a capital is a city of its state ('via city'); 'the Kremlin' is the
    # speaker of a sentence more often than a destination, and stays no place
    query = parse("will putin be arrested in Мәскеу?", today=TODAY)
    assert [(m.id, m.via) for m in query.countries] == [("RU", "city")]
    query = parse("the kremlin says putin will visit mongolia, will he be arrested?", today=TODAY)
    assert query.country_codes == ["MN"]


def test_cyrillic_spellings_of_latin_names() -> None:
    assert cyrillic_spellings("lukashenko") == {"лукашенко"}
    assert cyrillic_spellings("netanyahu") == {"нетаняху", "нетаньяху"}
    assert cyrillic_spellings("japarov") == {"джапаров", "жапаров"}
    assert cyrillic_spellings("erdogan") == {"эрдоган"}
    assert cyrillic_spellings("milei") == set()  # 'милей' is 'miles'
    assert cyrillic_spellings("bibi") == set()


@pytest.mark.parametrize(
    "text",
    [
        "до границы 100 милей, успеем?",  # 'miles', not Milei
        "Людмила Путина приедет в Монголию?",  # his former wife, no warrant
    ],
)
def test_transliteration_makes_no_namesakes(pipeline: Pipeline, text: str) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert "javier-milei" not in query.person_ids
    assert "vladimir-putin" not in query.person_ids
