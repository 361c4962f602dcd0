"""Intent cues and the decision between them: one test per rule, on phrasings not in the data."""

from __future__ import annotations

import pytest

from nlp.intents import decide, read_cues
from nlp.normalize import fold
from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY, labelled_texts


def _intent(text: str, people: int = 0, countries: int = 0) -> tuple[str, str | None]:
    decision = decide(
        read_cues(fold(text)), people=people, countries=countries, has_unknown_person=False
    )
    return decision.intent, decision.topic


@pytest.mark.parametrize(
    ("text", "people", "countries", "intent", "topic"),
    [
        # another court, or a comparison with one
        ("what did the european court of human rights rule on turkey", 0, 1, "out_of_scope", None),
        ("echr judgment on poland", 0, 1, "out_of_scope", None),
        ("difference between the icc and the icj?", 0, 0, "explain", "icc"),
        ("icc versus world court", 0, 0, "explain", "icc"),
        ("what's the difference between icc v2 and v4 profiles", 0, 0, "out_of_scope", None),
        # personal and general facts about a country are not its ICC status
        ("who is the president of ghana", 0, 1, "out_of_scope", None),
        ("who runs hungary now", 0, 1, "out_of_scope", None),
        # a named legal topic beats a relative 'who are' that looks like a list request
        ("why can't the court try suspects who are not present", 0, 0, "explain", "in_absentia"),
        ("can someone be convicted in their absence", 0, 0, "explain", "in_absentia"),
        ("how long before a withdrawal takes effect", 0, 0, "explain", "withdrawal"),
        (
            "if a state refuses to hand someone over does anything happen",
            0,
            0,
            "explain",
            "non_compliance",
        ),
        # list requests
        ("all libyan warrant subjects", 0, 1, "warrant_list", None),
        ("liste der IStGH-Haftbefehle", 0, 0, "warrant_list", None),
        ("who are the judges of the icc", 0, 0, "explain", "icc"),
        # trips against counts and against arrest
        ("how many countries has he visited since the warrant", 1, 0, "person_trips", None),
        ("when did putin last leave russia", 1, 1, "person_trips", None),
        ("netanyahu flew to washington via france, did he", 1, 2, "person_trips", None),
        ("can putin still go to brazil after the warrant", 1, 1, "arrest_risk", None),
        ("shoigu flew to pyongyang, is he at risk there", 1, 1, "arrest_risk", None),
        # French inversions, 'get him', other languages
        ("Où Poutine peut-il aller sans risque ?", 1, 0, "travel_options", None),
        ("la france l'arrêterait-elle ?", 1, 1, "arrest_risk", None),
        ("can the icc get him in dubai", 1, 1, "arrest_risk", None),
        ("il y est vraiment allé ?", 1, 1, "person_trips", None),
        # greetings with a word after them
        ("hola amigos", 0, 0, "greeting", None),
        ("hey folks!", 0, 0, "greeting", None),
    ],
)
def test_decide(text: str, people: int, countries: int, intent: str, topic: str | None) -> None:
    assert _intent(text, people, countries) == (intent, topic)


@pytest.mark.parametrize(
    "text",
    [
        "the uk would never arrest him, let's be real",
        "ghana would not hand anyone over",
        "he talked for an hour about leaving the icc, would not let it go",
        "did you see netanyahu landed in rome",
        "would love to see him arrested in brazil",
        "would be hilarious if he got arrested in paris",
    ],
)
def test_statements_are_not_questions(text: str) -> None:
    assert not read_cues(fold(text)).question


@pytest.mark.parametrize(
    "text",
    [
        "why not arrest him in brazil",
        "why didnt kenya arrest bashir",
        "would brazil arrest putin",
        "so, would they arrest him",
        "did putin go to brazil",
    ],
)
def test_questions_stay_questions(text: str) -> None:
    assert read_cues(fold(text)).question


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("the uk would never arrest netanyahu, let's be real", "arrest_risk"),
        ("kenya would never arrest anyone lol", "country_status"),
        ("did you guys see netanyahu landed in budapest", "arrest_risk"),
    ],
)
def test_chatter_is_not_auto_answered(pipeline: Pipeline, text: str, intent: str) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert query.intent == intent  # what it would be about, were it asked
    assert not query.for_group()


@pytest.mark.parametrize(
    ("text", "intent", "topic"),
    [
        ("who is the prime minister of kenya", "out_of_scope", None),
        ("how many countries has netanyahu visited since the warrant", "person_trips", None),
        ("how long until the withdrawal becomes effective", "explain", "withdrawal"),
        ("all russian warrant subjects pls", "warrant_list", None),
    ],
)
def test_parse_new_rules(pipeline: Pipeline, text: str, intent: str, topic: str | None) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert (query.intent, query.topic) == (intent, topic)


def _all_texts() -> list[str]:
    from nlp.normalize import clean, fold

    return [fold(clean(text).text) for text in labelled_texts()]
