"""Dutch, Czech, Hungarian, Turkish, Swedish, Serbian/Croatian and Romanian wording, and a few
cue rules from the ninth dev set (tested here with other phrasings than its rows)."""

from __future__ import annotations

import pytest

from nlp.intents import read_cues
from nlp.normalize import fold
from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "intent", "countries"),
    [
        # the court's name, and 'member', in each language
        ("Je Slovensko členem Mezinárodního trestního soudu?", "country_status", ["SK"]),
        ("Tagja Mongólia a Nemzetközi Büntetőbíróságnak?", "country_status", ["MN"]),
        ("Är Mongoliet medlem i Internationella brottmålsdomstolen?", "country_status", ["MN"]),
        ("Da li je Crna Gora članica MKS-a?", "country_status", ["ME"]),
        ("Este Ucraina membră a Curții Penale Internaționale?", "country_status", ["UA"]),
        # 'suda' is the court's genitive in Croatian, not a misspelt Sudan
        ("Je li Hrvatska članica Međunarodnog kaznenog suda?", "country_status", ["HR"]),
        # the Rome Statute named in Romanian is the treaty, not a trip to Rome
        ("Ce spune Statutul de la Roma despre imunitate?", "explain", []),
        ("Cumhurbaşkanlarının dokunulmazlığı var mı?", "explain", []),
    ],
)
def test_more_languages(pipeline: Pipeline, text: str, intent: str, countries: list[str]) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert (query.intent, query.country_codes) == (intent, countries)


@pytest.mark.parametrize(
    "text",
    [
        "Zatkli by ho v Polsku?",
        "Skulle Putin gripas i Mongoliet?",
        "Letartóztatnák Putyint?",
        "Wordt hij gearresteerd als hij naar Brazilië gaat?",
        "Bi li ga uhapsili u Mongoliji?",
        "Путин Бишкекке келсе камакка алынабы?",
    ],
)
def test_arrest_in_other_languages(text: str) -> None:
    assert read_cues(fold(text)).arrest


def test_letters_without_a_decomposition_are_folded() -> None:
    assert fold("Członkiem") == "czlonkiem"
    assert fold("Međunarodni") == "medunarodni"
    assert fold("Søren") == "soren"
    assert fold("Uluslararası") == "uluslararasi"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("who got warrants issued against them in 2025?", "warrant_list"),
        ("was portugal on board from the start?", "country_status"),
    ],
)
def test_english_wording(pipeline: Pipeline, text: str, intent: str) -> None:
    assert parse(text, today=TODAY, pipeline=pipeline).intent == intent


def test_where_a_case_stands_is_asked_about_the_case() -> None:
    assert read_cues("so where does his case stand now").still_wanted
    assert not read_cues("where does he stand on the war").still_wanted


@pytest.mark.parametrize(
    "text",
    [
        "quiz: which country left the icc first?",
        "trivia time - who was the first head of state with an icc warrant?",
        "putin in mongolia again? sure, why not",
    ],
)
def test_quizzes_and_shrugs_are_not_answered_unprompted(pipeline: Pipeline, text: str) -> None:
    assert not parse(text, today=TODAY, pipeline=pipeline).for_group()
