"""Answering a whole message: one question as before, several in one reply, and dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

import bot.message
from bot.answers import Answer, SourceRef, answer, answer_none_as_question
from bot.message import MAX_PARTS, answer_message
from bot.render import TELEGRAM_LIMIT, answer_json, render_text
from knowledge.store import KnowledgeBase
from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY

TWO = "is hungary still in the icc? and did they arrest netanyahu when he came?"


def _ask(
    text: str, kb: KnowledgeBase, pipeline: Pipeline, **kwargs: Any
) -> bot.message.MessageAnswer:
    return answer_message(text, kb, today=TODAY, pipeline=pipeline, **kwargs)


def _old_path(text: str, kb: KnowledgeBase, pipeline: Pipeline) -> Answer:
    query = answer_none_as_question(parse(text, today=TODAY, pipeline=pipeline))
    return answer(query, kb, on=TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "Will Vladimir Putin be arrested in Kyrgyzstan?",
        "will putin be arrested in mongolia or kyrgyzstan?",
        "hey bot, quick question: will putin be arrested in mongolia? thanks!",
        "netanyahu trip to japan, would tokyo arrest him",
        "Putin is going to Mongolia. Will he be arrested?",
        "is the ICC dead lol",
    ],
)
def test_one_question_is_answered_as_before(
    kb: KnowledgeBase, pipeline: Pipeline, text: str
) -> None:
    reply = _ask(text, kb, pipeline)
    assert len(reply.parts) == 1
    assert reply.text() == render_text(_old_path(text, kb, pipeline))
    assert reply.json() == answer_json(_old_path(text, kb, pipeline))


def test_several_questions_get_one_reply_with_a_lead_each(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    reply = _ask(TWO, kb, pipeline)
    assert [part.lead for part in reply.parts] == [
        "is hungary still in the icc?",
        "and did they arrest netanyahu when he came?",
    ]
    text = reply.text()
    first = text.index("1. “is hungary still in the icc?”")
    second = text.index("2. “and did they arrest netanyahu when he came?”")
    assert first == 0 and second > first
    assert text.count("\nSources:\n") == 1 and text.count("Facts as of") == 1
    assert text.index("Facts as of") > text.index("\nSources:\n") > second
    html = reply.html()
    assert "<b>1. “is hungary still in the icc?”</b>" in html and len(html) <= TELEGRAM_LIMIT


def test_a_later_question_reads_the_earlier_one_as_a_follow_up(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    later = _ask(TWO, kb, pipeline).parts[1].query
    assert later.person_ids == ["benjamin-netanyahu"] and later.country_codes == ["HU"]


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("¿Argentina es miembro de la CPI? ¿Y Polonia?", [["AR"], ["PL"]]),
        ("Ist Ungarn Mitglied des IStGH? Und Polen?", [["HU"], ["PL"]]),
        ("Является ли Казахстан членом МУС? А Монголия?", [["KZ"], ["MN"]]),
        ("Macaristan UCM üyesi mi? Peki Polonya?", [["HU"], ["PL"]]),
        (
            "1. is hungary in the icc\n2. is poland\n3. what about mongolia",
            [["HU"], ["PL"], ["MN"]],
        ),
        ("is mongolia a member and also is kyrgyzstan", [["MN"], ["KG"]]),
    ],
)
def test_several_questions_in_several_languages(
    kb: KnowledgeBase, pipeline: Pipeline, text: str, countries: list[list[str]]
) -> None:
    reply = _ask(text, kb, pipeline)
    assert [part.query.country_codes for part in reply.parts] == countries


def test_sources_are_merged_and_numbered_once(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    reply = _ask(TWO, kb, pipeline)
    merged = reply.answer.sources
    assert [s.number for s in merged] == list(range(1, len(merged) + 1))
    assert len({s.url for s in merged}) == len(merged)
    by_url = {s.url: s.number for s in merged}
    for shown in reply.shown:
        assert all(by_url[s.url] == s.number for s in shown.answer.sources)
    both = [s.url for part in reply.parts for s in part.answer.sources]
    assert len(merged) == len(set(both)) < len(both)  # the parts share sources
    assert reply.text().count(f"[1] {merged[0].title}") == 1


def test_citations_in_the_parts_are_renumbered(
    kb: KnowledgeBase, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = SourceRef(number=1, title="A", url="https://a.example")
    b = SourceRef(number=1, title="B", url="https://b.example")
    shared = SourceRef(number=2, title="A", url="https://a.example")

    def fake(query: Any, kb: KnowledgeBase, *, on: dt.date) -> Answer:
        first = "PL" not in query.country_codes
        return Answer(
            question=query.text,
            intent=query.intent,
            verdict="info",
            headline="First [1]." if first else "Second [1], also [2].",
            sources=(a,) if first else (b, shared),
            as_of=on,
            on=on,
        )

    monkeypatch.setattr(bot.message, "answer", fake)
    reply = _ask("is hungary in the icc? and is poland?", kb, pipeline)
    assert [s.url for s in reply.answer.sources] == ["https://a.example", "https://b.example"]
    assert [p.answer.headline for p in reply.shown] == ["First [1].", "Second [2], also [1]."]
    assert [p.answer.headline for p in reply.parts] == ["First [1].", "Second [1], also [2]."]


def test_at_most_three_questions_and_the_reply_says_so(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    reply = _ask("is mongolia a member? is kyrgyzstan? is kazakhstan? is armenia?", kb, pipeline)
    assert len(reply.parts) == MAX_PARTS == 3
    assert "first 3 questions" in reply.text()


def test_chatter_borrowing_the_chats_question_is_not_a_question(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    before = parse("will putin be arrested in mongolia?", today=TODAY, pipeline=pipeline)
    reply = _ask("ok thanks. and what about kyrgyzstan?", kb, pipeline, context=before)
    assert [(p.query.person_ids, p.query.country_codes) for p in reply.parts] == [
        (["vladimir-putin"], ["KG"])
    ]


def test_a_comment_between_questions_does_not_become_their_subject(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    reply = _ask(
        "netanjahu in berlin festnehmen? merz sagt nein, was gilt denn jetzt", kb, pipeline
    )
    assert len(reply.parts) == 1 and reply.parts[0].query.person_ids[0] == "benjamin-netanyahu"


def test_a_statement_before_the_first_question_is_its_premise(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    reply = _ask("Hungary quit the ICC last year. Is it still in? And Poland?", kb, pipeline)
    assert [p.query.country_codes for p in reply.parts] == [["HU"], ["PL"]]
    assert [p.lead for p in reply.parts] == ["Is it still in?", "And Poland?"]
    assert reply.answer.on == TODAY


def test_json_keeps_its_keys_and_adds_parts_for_several(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    one = _ask("is hungary in the icc?", kb, pipeline).json()
    several = _ask(TWO, kb, pipeline)
    data = several.json()
    assert "parts" not in one and list(data)[:-1] == list(one) and list(data)[-1] == "parts"
    assert data["text"] == several.text() and data["html"] == several.html()
    assert [p["lead"] for p in data["parts"]] == [p.lead for p in several.parts]
    assert data["parts"][1]["people"] == [
        {"id": "benjamin-netanyahu", "name": "Benjamin Netanyahu"}
    ]
    assert data["parts"][0] == {
        "lead": several.parts[0].lead,
        **answer_json(several.parts[0].answer),
    }


def test_a_long_reply_fits_one_telegram_message(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    reply = _ask(
        "will putin be arrested in mongolia? and netanyahu in hungary? and bashir in kenya?",
        kb,
        pipeline,
    )
    html = reply.html()
    assert len(reply.parts) == 3 and len(html) <= TELEGRAM_LIMIT
    assert html.count("<b>") >= 3 and "Facts as of" in html


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "will putin be arrested before 2030?",
        "арестуют ли путина до 2030 года",
        "wird putin nächstes jahr in der mongolei verhaftet?",
        "condenaran a duterte en 2027?",
        "is mongolia still going to be in the icc next year?",
        "will hungary be a member in 2028?",
    ],
)
def test_a_future_date_gives_todays_facts_and_says_it_cannot_predict(
    kb: KnowledgeBase, pipeline: Pipeline, text: str
) -> None:
    reply = _ask(text, kb, pipeline)
    said = reply.text()
    assert reply.answer.on == TODAY
    assert "I can't predict" in said
    assert not re.search(r"Answer for \d+ \w+ 20(27|30)", said)


def test_the_date_of_an_event_gives_todays_answer_with_a_pending_withdrawal(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    for text in (
        "mali quit the icc last year, is it still in?",
        "Mali a quitté la CPI l'année dernière, est-elle encore membre ?",
    ):
        reply = _ask(text, kb, pipeline)
        assert reply.answer.on == TODAY
        assert "24 June 2027" in reply.text()  # notified in 2026: unknown on 31 December 2025


def test_a_consequence_of_a_dated_event_is_answered_as_of_today(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    assert (
        _ask("did Mongolia get in trouble for hosting putin in 2024?", kb, pipeline).answer.on
        == TODAY
    )


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("as of March 2024, was Hungary a member?", "31 March 2024"),
        ("in 2019 would they have had to arrest putin in hungary?", "31 December 2019"),
        ("¿En 2019 Hungría era miembro de la CPI?", "31 December 2019"),
    ],
)
def test_a_date_that_dates_the_question_sets_the_answer_date(
    kb: KnowledgeBase, pipeline: Pipeline, text: str, day: str
) -> None:
    assert f"Answer for {day}." in _ask(text, kb, pipeline).text()


def test_a_follow_up_does_not_inherit_the_date_of_an_event(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    first = _ask("hungary quit the icc last year, is it still in?", kb, pipeline)
    assert _ask("and poland?", kb, pipeline, context=first.context).answer.on == TODAY
    asked = _ask("was hungary a member in 2019?", kb, pipeline)
    later = _ask("and poland?", kb, pipeline, context=asked.context)
    assert later.answer.on == dt.date(2019, 12, 31)


def test_parts_answered_for_other_dates_say_so_in_their_lead(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    reply = _ask("is hungary in the icc? and was it a member in 2019?", kb, pipeline)
    assert [p.answer.on for p in reply.parts] == [TODAY, dt.date(2019, 12, 31)]
    assert "2. “and was it a member in 2019?” (answer for 31 December 2019)" in reply.text()


@pytest.mark.parametrize(
    ("text", "people", "countries"),
    [
        (
            "Является ли Казахстан членом МУС? И должен ли он арестовать Путина?",
            ["vladimir-putin"],
            ["KZ"],
        ),
        ("Ist Ungarn Mitglied? Muss es Putin festnehmen?", ["vladimir-putin"], ["HU"]),
        (
            "¿Putin tiene orden de arresto? ¿Y Mongolia debe arrestarlo?",
            ["vladimir-putin"],
            ["MN"],
        ),
    ],
)
def test_a_later_question_about_an_arrest_takes_what_it_lacks_from_the_one_before(
    kb: KnowledgeBase, pipeline: Pipeline, text: str, people: list[str], countries: list[str]
) -> None:
    later = _ask(text, kb, pipeline).parts[1].query
    assert (later.intent, later.person_ids, later.country_codes) == (
        "arrest_risk",
        people,
        countries,
    )


def test_a_later_question_about_someone_else_keeps_to_itself(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    later = _ask("is hungary a member? does netanyahu have a warrant?", kb, pipeline).parts[1]
    assert later.query.country_codes == [] and later.query.intent == "person_warrant"


def test_two_questions_with_one_answer_get_it_once(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    for text in (
        "is hungary a member? what is hungary's status in the icc?",
        "¿Es Hungría miembro? ¿Cuál es el estatus de Hungría en la CPI?",
    ):
        assert len(_ask(text, kb, pipeline).parts) == 1
