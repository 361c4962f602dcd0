"""Dates in questions: finding them in eleven languages, and what they date (the question itself,
or an event it mentions), as ``Query.answer_date`` reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.dates import dates_the_question, find_period
from nlp.normalize import clean, fold
from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY


def _folded(text: str) -> str:
    return fold(clean(text).text)


def _period(text: str) -> tuple[str, str, str] | None:
    found = find_period(_folded(text), TODAY)
    return (found.start.isoformat(), found.end.isoformat(), found.text) if found else None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("putin ezdil v tadzhikistan v oktyabre 2025", "2025-10-01", "2025-10-31"),
        ("В марте 2024 года Венгрия была членом МУС?", "2024-03-01", "2024-03-31"),
        ("5 марта 2025", "2025-03-05", "2025-03-05"),
        ("Станом на березень 2024 року", "2024-03-01", "2024-03-31"),
        ("War Ungarn im März 2024 Mitglied?", "2024-03-01", "2024-03-31"),
        ("am 05.03.2025", "2025-03-05", "2025-03-05"),
        ("le 5 mars 2025", "2025-03-05", "2025-03-05"),
        ("el 5 de marzo de 2025", "2025-03-05", "2025-03-05"),
        ("putin ekim 2023te kirgizistana gitti", "2023-10-01", "2023-10-31"),
        ("Kırgızistan 2023'te", "2023-01-01", "2023-12-31"),
        ("آیا مجارستان در سال ۲۰۱۹ عضو دیوان بود؟", "2019-01-01", "2019-12-31"),
        ("هل كانت المجر عضوا في مارس 2024؟", "2024-03-01", "2024-03-31"),
        ("Моңғолия 2024 жылы", "2024-01-01", "2024-12-31"),
        ("el hishri was handed over last december", "2025-12-01", "2025-12-31"),
        ("Венгрия вышла из МУС в прошлом году", "2025-01-01", "2025-12-31"),
        ("Ungarn ist letztes Jahr ausgetreten", "2025-01-01", "2025-12-31"),
        ("la Hongrie a quitté la CPI l'année dernière", "2025-01-01", "2025-12-31"),
        ("Hungría dejó la CPI el año pasado", "2025-01-01", "2025-12-31"),
        ("Macaristan geçen yıl çekildi", "2025-01-01", "2025-12-31"),
        ("انسحبت المجر العام الماضي", "2025-01-01", "2025-12-31"),
        ("مجارستان پارسال خارج شد", "2025-01-01", "2025-12-31"),
        ("putin haftaya moğolistan'da", "2026-11-30", "2026-12-06"),
        ("was netanyahu in washington in february?", "2026-02-01", "2026-02-28"),
        ("will putin go to mongolia in february?", "2027-02-01", "2027-02-28"),
    ],
)
def test_dates_are_found_in_many_languages(text: str, start: str, end: str) -> None:
    found = _period(text)
    assert found is not None and found[:2] == (start, end)


@pytest.mark.parametrize(
    "text", ["ist putin hier?", "may i ask about putin", "in mongolia", "putin 5000 troops"]
)
def test_words_that_only_look_like_dates_are_not_dates(text: str) -> None:
    assert _period(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # English
        "in 2019 would they have had to arrest him?",
        "as of March 2024, was Hungary a member?",
        "was hungary a member in 2024?",
        "Did Mongolia have to arrest Putin when he visited in 2024?",
        "when trump met putin in alaska in august 2025, was the us supposed to arrest him?",
        "if netanyahu had visited ireland last year, would he have been detained?",
        # other languages
        "В 2019 году должна ли была Монголия арестовать Путина?",
        "По состоянию на март 2024 года Венгрия была членом МУС?",
        "Станом на березень 2024 року Угорщина була членом МКС?",
        "Stand März 2024: war Ungarn Mitglied?",
        "En 2019, la Hongrie était-elle membre ?",
        "¿En 2019 Hungría era miembro de la CPI?",
        "2019'da Moğolistan onu tutuklamak zorunda mıydı?",
        "Mart 2024 itibarıyla Macaristan üye miydi?",
        "هل كانت المجر عضوا في المحكمة في عام 2019؟",
        "آیا مجارستان در سال ۲۰۱۹ عضو دیوان بود؟",
        "2019 жылы Венгрия МҚС мүшесі болды ма?",
    ],
)
def test_a_date_that_frames_the_question_dates_it(text: str) -> None:
    folded = _folded(text)
    found = find_period(folded, TODAY)
    assert found is not None and dates_the_question(folded, found.text)


@pytest.mark.parametrize(
    "text",
    [
        # a statement beside the question
        "hungary quit the icc last year, is it still in?",
        "hungary quit the icc last year is it still in",
        "the sahel juntas left the icc back in september 2025 so are they out now",
        "ukraine joined in 2025, does that make the 2023 putin warrant invalid",
        "el hishri was handed over last december, has he had his confirmation hearing",
        "Путин ездил в Монголию в 2024 году, Монголия разве не член МУС?",
        "Угорщина вийшла з МКС минулого року, чи вона досі член?",
        "putin war 2024 in der mongolei – ist die mongolei überhaupt vertragsstaat?",
        "La Hongrie a quitté la CPI l'année dernière, est-elle encore membre ?",
        "Hungría dejó la CPI el año pasado, ¿sigue siendo miembro?",
        "putin ekim 2023te kirgizistana gitti, kirgizistan onu tutuklamali miydi",
        "انسحبت المجر العام الماضي، هل ما زالت عضوا؟",
        "مجارستان پارسال از دیوان خارج شد، آیا هنوز عضو است؟",
        # an event that led to what is asked
        "did Mongolia get in trouble for hosting him in 2024?",
        "Наказали ли Монголию за то, что она приняла Путина в 2024 году?",
        "Wurde die Mongolei bestraft, weil sie Putin 2024 empfangen hat?",
        "La Mongolie a-t-elle été sanctionnée pour avoir accueilli Poutine en 2024 ?",
        "¿Sancionaron a Mongolia por recibir a Putin en 2024?",
        "Moğolistan 2024'te Putin'i ağırladığı için ceza aldı mı?",
        "هل عوقبت منغوليا بسبب استضافتها لبوتين في 2024؟",
        "آیا مغولستان به خاطر میزبانی پوتین در سال ۲۰۲۴ مجازات شد؟",
        "Моңғолия 2024 жылы Путинді қабылдағаны үшін жазаланды ма?",
        # a period up to now, a question in the present
        "has putin been wanted since 2023?",
        "с 2024 года путин был за границей?",
        "bashir went to south africa in 2015, could the same happen to putin now?",
    ],
)
def test_a_date_of_an_event_does_not_date_the_question(text: str) -> None:
    folded = _folded(text)
    found = find_period(folded, TODAY)
    assert found is not None and not dates_the_question(folded, found.text)


def test_an_inherited_date_keeps_its_meaning_unless_the_text_says_now() -> None:
    assert dates_the_question("and poland?", "in 2019")
    assert not dates_the_question("and now?", "in 2019")


def _parse(text: str, pipeline: Pipeline, **kwargs: object):  # type: ignore[no-untyped-def]
    return parse(text, today=TODAY, pipeline=pipeline, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("in 2019 would they have had to arrest putin in hungary?", "2019-12-31"),
        ("as of March 2024, was Hungary a member?", "2024-03-31"),
        ("War Ungarn im März 2024 Mitglied des IStGH?", "2024-03-31"),
        ("¿En 2019 Hungría era miembro de la CPI?", "2019-12-31"),
        ("hungary quit the icc last year, is it still in?", TODAY.isoformat()),
        ("did Mongolia get in trouble for hosting putin in 2024?", TODAY.isoformat()),
        (
            "La Hongrie a quitté la CPI l'année dernière, est-elle encore membre ?",
            TODAY.isoformat(),
        ),
        ("Hungría dejó la CPI el año pasado, ¿sigue siendo miembro?", TODAY.isoformat()),
    ],
)
def test_answer_date_is_the_asked_date_or_today(pipeline: Pipeline, text: str, day: str) -> None:
    query = _parse(text, pipeline)
    assert query.date_from is not None
    assert query.answer_date(TODAY) == dt.date.fromisoformat(day)


@pytest.mark.parametrize(
    "text",
    [
        "will putin be arrested before 2030?",
        "арестуют ли путина до 2030 года",
        "condenaran a duterte en 2027?",
        "will putin be arrested in mongolia next year?",
        "wird netanjahu nächstes jahr in deutschland verhaftet?",
    ],
)
def test_a_future_date_gives_todays_facts(pipeline: Pipeline, text: str) -> None:
    query = _parse(text, pipeline)
    assert query.asks_about_future(TODAY)
    assert query.answer_date(TODAY) == TODAY


def test_a_past_or_current_date_is_not_the_future(pipeline: Pipeline) -> None:
    assert not _parse("was hungary a member in 2024?", pipeline).asks_about_future(TODAY)
    assert not _parse("is hungary a member this year?", pipeline).asks_about_future(TODAY)
