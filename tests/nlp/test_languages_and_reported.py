"""Russian/Ukrainian/Turkish declined names, reported questions, and a few cue rules."""

from __future__ import annotations

import pytest

from nlp.aliases import cyrillic_stems
from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "intent", "people", "countries"),
    [
        ("Арестуют ли Путина в Монголии?", "arrest_risk", ["vladimir-putin"], ["MN"]),
        ("Если Шойгу поедет в Армению, его задержат?", "arrest_risk", ["sergei-shoigu"], ["AM"]),
        ("Чи заарештують Нетаньягу в Німеччині?", "arrest_risk", ["benjamin-netanyahu"], ["DE"]),
        ("Турция член МУС?", "country_status", [], ["TR"]),
        ("Куда ездил Путин после ордера?", "person_trips", ["vladimir-putin"], []),
        ("Putin Ankara'ya giderse tutuklanır mı?", "arrest_risk", ["vladimir-putin"], ["TR"]),
        # a double surname declines in both halves, which the tokenizer splits at the hyphen
        ("Арестуют ли Львову-Белову в Армении?", "arrest_risk", ["maria-lvova-belova"], ["AM"]),
        ("Які звинувачення проти Львової-Бєлової?", "person_warrant", ["maria-lvova-belova"], []),
    ],
)
def test_declined_names_and_foreign_cues(
    pipeline: Pipeline, text: str, intent: str, people: list[str], countries: list[str]
) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert (query.intent, query.person_ids, query.country_codes) == (intent, people, countries)


def test_short_names_do_not_swallow_common_words(pipeline: Pipeline) -> None:
    # 'Мали' (Mali) must not match 'мало' (little); 'Чад' only as written.
    assert "мал" not in cyrillic_stems("Мали", for_alias=True)
    assert parse("мало кто знает, правда?", today=TODAY, pipeline=pipeline).country_codes == []
    for text in ("ну всё, хана им?", "приказ дан вчера, верно?"):  # Hanoi, Denmark
        assert parse(text, today=TODAY, pipeline=pipeline).country_codes == [], text


def test_stems_ignore_case_endings(pipeline: Pipeline) -> None:
    for word in ("Монголия", "Монголии", "Монголию", "Монголії"):
        assert "монгол" in cyrillic_stems(word)
    for text in ("Путин в Ханое", "ПУТИН ПРИЗЕМЛИЛСЯ В ХАНОЕ", "Индии", "в Индию"):
        assert parse(text, today=TODAY, pipeline=pipeline).country_codes, text


@pytest.mark.parametrize(
    "reported",
    [
        "my aunt keeps asking me 'will putin be arrested in brazil' and i have no idea",
        'lol "can netanyahu fly to spain" is the question of the week apparently',
        "quick poll: would hungary arrest netanyahu? yes / no",
        "anyone here think mongolia would arrest putin?",
        "Would Mongolia arrest Putin? Vote below 👇",  # a poll that never says 'poll'
    ],
)
def test_reported_questions_are_not_answered_unprompted(pipeline: Pipeline, reported: str) -> None:
    query = parse(reported, today=TODAY, pipeline=pipeline)
    assert query.intent == "arrest_risk"  # still understood, e.g. when the bot is addressed
    assert not query.for_group()


@pytest.mark.parametrize(
    "asked",
    [
        "will putin be arrested in brazil?",
        "can netanyahu fly to spain without being arrested?",
        "would mongolia arrest putin if he visits 'next week'?",  # quoted words, not a question
    ],
)
def test_the_same_questions_asked_directly_are_answered(pipeline: Pipeline, asked: str) -> None:
    assert parse(asked, today=TODAY, pipeline=pipeline).for_group()


def test_still_at_large_with_a_country_asks_where_the_case_stands(pipeline: Pipeline) -> None:
    query = parse("is kony still at large or did uganda catch him", today=TODAY, pipeline=pipeline)
    assert (query.intent, query.person_ids) == ("person_warrant", ["joseph-kony"])


def test_former_office_resolves_to_the_former_holder(pipeline: Pipeline) -> None:
    query = parse(
        "could israel's former defence minister be arrested in spain",
        today=TODAY,
        pipeline=pipeline,
    )
    assert (query.person_ids, query.country_codes) == (["yoav-gallant"], ["ES"])


def test_capitalised_abbreviations_and_rome(pipeline: Pipeline) -> None:
    assert parse(
        "min aung hlaing in KL, arrest?", today=TODAY, pipeline=pipeline
    ).country_codes == ["MY"]
    assert parse("ok kl", today=TODAY, pipeline=pipeline).country_codes == []
    assert parse("would he be arrested in rome", today=TODAY, pipeline=pipeline).country_codes == [
        "IT"
    ]
    assert parse("what is the rome statute", today=TODAY, pipeline=pipeline).country_codes == []


@pytest.mark.parametrize("text", ["hey 👋 anyone home", "morning bot ☀️", "привет, бот"])
def test_greetings_with_emoji_and_in_russian(pipeline: Pipeline, text: str) -> None:
    assert parse(text, today=TODAY, pipeline=pipeline).intent == "greeting"


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("will sara duterte be arrested in japan", "Sara Duterte"),
        ("Sara Netanyahu lands in Paris", "Sara Netanyahu"),
        ("is there an icc warrant for yair netanyahu?", "Yair Netanyahu"),
    ],
)
def test_relatives_sharing_a_surname_are_not_the_warrant_subject(
    pipeline: Pipeline, text: str, unknown: str
) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert query.person_ids == []
    assert list(query.unknown_names) == [unknown]


def test_the_surname_alone_still_names_the_warrant_subject(pipeline: Pipeline) -> None:
    assert parse("will duterte be released?", today=TODAY, pipeline=pipeline).person_ids == [
        "rodrigo-duterte"
    ]
