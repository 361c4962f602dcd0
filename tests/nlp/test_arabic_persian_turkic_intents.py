"""Arrest duty, membership and warrant questions in Arabic, Persian, Kazakh and Kyrgyz; chatter
in those languages that is no question; the spelling differences Arabic script has.

The knowledge base spells people in Latin and Cyrillic letters only, so the Arabic and Persian
questions about a person run on a copy of it that also knows two Arabic-script spellings.
"""

from __future__ import annotations

import dataclasses

import pytest

from knowledge.store import KnowledgeBase
from nlp.normalize import clean, fold
from nlp.parse import parse
from nlp.pipeline import Pipeline, build_pipeline
from tests.conftest import TODAY

ARABIC_SCRIPT_NAMES = {
    "vladimir-putin": ("بوتين", "پوتین"),
    "benjamin-netanyahu": ("نتنياهو", "نتانیاهو"),
}


@pytest.fixture(scope="module")
def named(kb: KnowledgeBase) -> Pipeline:
    people = dict(kb.people)
    for person_id, spellings in ARABIC_SCRIPT_NAMES.items():
        person = people[person_id]
        people[person_id] = person.model_copy(update={"aliases": (*person.aliases, *spellings)})
    return build_pipeline(dataclasses.replace(kb, people=people))


PUTIN, NETANYAHU = ["vladimir-putin"], ["benjamin-netanyahu"]


@pytest.mark.parametrize(
    ("text", "intent", "people", "countries"),
    [
        # arrest duty
        ("هل يجب على طاجيكستان اعتقال بوتين إذا زارها؟", "arrest_risk", PUTIN, ["TJ"]),
        ("هل ستعتقل المجر نتنياهو لو سافر إلى بودابست", "arrest_risk", NETANYAHU, ["HU"]),
        ("هل منغوليا ملزمة بالقبض على بوتين؟", "arrest_risk", PUTIN, ["MN"]),
        ("آیا تاجیکستان موظف است پوتین را بازداشت کند؟", "arrest_risk", PUTIN, ["TJ"]),
        ("اگر نتانیاهو به مجارستان سفر کند دستگیر می‌شود؟", "arrest_risk", NETANYAHU, ["HU"]),
        # membership
        ("هل الأردن دولة طرف في نظام روما الأساسي؟", "country_status", [], ["JO"]),
        ("هل انضمت أوكرانيا إلى المحكمة الجنائية الدولية؟", "country_status", [], ["UA"]),
        ("آیا اوکراین عضو دیوان کیفری بین‌المللی است؟", "country_status", [], ["UA"]),
        ("آیا مغولستان اساسنامه رم را تصویب کرده؟", "country_status", [], ["MN"]),
        # warrant status
        ("هل صدرت مذكرة توقيف بحق بوتين؟", "person_warrant", PUTIN, []),
        ("هل نتنياهو مطلوب للمحكمة الجنائية الدولية؟", "person_warrant", NETANYAHU, []),
        ("آیا برای پوتین حکم بازداشت صادر شده است؟", "person_warrant", PUTIN, []),
        ("آیا نتانیاهو تحت تعقیب دیوان کیفری بین‌المللی است", "person_warrant", NETANYAHU, []),
    ],
)
def test_arabic_and_persian(
    named: Pipeline, text: str, intent: str, people: list[str], countries: list[str]
) -> None:
    query = parse(text, today=TODAY, pipeline=named)
    assert (query.intent, query.person_ids, query.country_codes) == (intent, people, countries)
    assert query.is_question


@pytest.mark.parametrize(
    ("text", "intent", "people", "countries"),
    [
        # arrest duty
        ("Путин Тәжікстанға барса, оны тұтқындай ма?", "arrest_risk", PUTIN, ["TJ"]),
        ("Моңғолия Путинді ұстауға міндетті ме", "arrest_risk", PUTIN, ["MN"]),
        ("Путин Монголияга барса камакка алынабы?", "arrest_risk", PUTIN, ["MN"]),
        ("Тажикстан Путинди кармоого милдеттүүбү", "arrest_risk", PUTIN, ["TJ"]),
        # membership
        ("Моңғолия Халықаралық қылмыстық соттың мүшесі ме?", "country_status", [], ["MN"]),
        ("Украина Рим статутына қосылды ма", "country_status", [], ["UA"]),
        ("Тажикстан Эл аралык кылмыш сотунун мүчөсүбү", "country_status", [], ["TJ"]),
        ("Украина Рим статутуна кошулдубу?", "country_status", [], ["UA"]),
        # warrant status
        ("Нетаньяхуға ордер шығарылды ма?", "person_warrant", NETANYAHU, []),
        ("Путин Халықаралық қылмыстық сотта іздеуде ме", "person_warrant", PUTIN, []),
        ("Путинге ордер чыгарылганбы?", "person_warrant", PUTIN, []),
        ("Нетаньяху качан соттолот", "person_warrant", NETANYAHU, []),
    ],
)
def test_kazakh_and_kyrgyz(
    pipeline: Pipeline, text: str, intent: str, people: list[str], countries: list[str]
) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert (query.intent, query.person_ids, query.country_codes) == (intent, people, countries)
    assert query.is_question


@pytest.mark.parametrize(
    "text",
    [
        "زرت منغوليا الصيف الماضي وكانت رحلة رائعة",
        "بوتين زار منغوليا العام الماضي",
        "ما أجمل الطقس اليوم",
        "دیروز با دوستم درباره فوتبال حرف زدیم",
        "پوتین پارسال به مغولستان رفت",
        "Бүгін Астанада күн жылы болды",
        "Путин кеше Бішкекке келді",
        "Мен кечээ Бишкекте болдум",
        "Путин быйыл Монголияга барды",
    ],
)
def test_chatter_is_no_question(named: Pipeline, text: str) -> None:
    query = parse(text, today=TODAY, pipeline=named)
    assert not query.is_question
    assert not query.for_group()


@pytest.mark.parametrize(
    "text", ["السلام عليكم", "مرحبا", "سلام", "Сәлеметсіз бе!", "Саламатсызбы"]
)
def test_greetings(pipeline: Pipeline, text: str) -> None:
    assert parse(text, today=TODAY, pipeline=pipeline).intent == "greeting"


@pytest.mark.parametrize(
    ("written", "as_one"),
    [
        ("كيف", "کیف"),  # Arabic kaf and yeh, Persian keheh and yeh
        ("على", "علی"),  # alef maksura
        ("المحكمـــة", "المحکمه"),  # kashida; teh marbuta as heh
        ("الجنائيّة", "الجناییه"),  # shadda; yeh with hamza
        ("بين\u200cالمللی", "بین المللی"),  # zero-width non-joiner
        ("هل هو مطلوب؟", "هل هو مطلوب?"),  # Arabic question mark
        ("١٧ مارس ٢٠٢٣", "17 مارس 2023"),  # Arabic-Indic digits
    ],
)
def test_arabic_script_is_normalised(written: str, as_one: str) -> None:
    assert fold(clean(written).text) == fold(as_one) == as_one


def test_question_markers(pipeline: Pipeline) -> None:
    for text in ("هل منغوليا عضو في المحكمة الجنائية الدولية", "آیا مغولستان عضو است"):
        assert parse(text, today=TODAY, pipeline=pipeline).is_question, text
    for text in ("Моңғолия мүше ме", "Монголия мүчөбү", "Путин качан келет"):
        assert parse(text, today=TODAY, pipeline=pipeline).is_question, text
    assert not parse("Моңғолия мүше", today=TODAY, pipeline=pipeline).is_question
