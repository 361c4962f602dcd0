"""Where one intent ends and another begins: regions as destinations, indirect and foreign
questions, questions outside the court, retold questions and remarks.

The phrasings differ from the labelled sets on purpose: each case checks a rule, not a row.
"""

from __future__ import annotations

import pytest

from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "intent", "people", "countries"),
    [
        # a region or bloc, or 'any state that would', asks where the person may go
        ("which nato states would detain netanyahu", "travel_options", ["benjamin-netanyahu"], []),
        (
            "is there a single african country that would arrest bashir",
            "travel_options",
            ["omar-al-bashir"],
            [],
        ),
        (
            "which of israel's allies would hand gallant over",
            "travel_options",
            ["yoav-gallant"],
            ["IL"],
        ),
        ("in europe, where could shoigu get arrested", "travel_options", ["sergei-shoigu"], []),
        ("quels pays arrêteraient poutine", "travel_options", ["vladimir-putin"], []),
        # a whole question about a country, with nothing of the court in it
        ("what is the tallest mountain in armenia", "out_of_scope", [], ["AM"]),
        ("bot where should i eat in tbilisi tonight", "out_of_scope", [], ["GE"]),
        # counting the court's own people is not counting its members
        ("how many prosecutors work at the icc", "explain", [], []),
        ("how many countries are in the icc", "member_count", [], []),
        # warrants: the court wanting someone, accusing in Spanish, facing the judges
        ("which georgians does the court want", "warrant_list", [], ["GE"]),
        ("de qué acusan a Netanyahu", "person_warrant", ["benjamin-netanyahu"], []),
        ("will kony ever face trial", "person_warrant", ["joseph-kony"], []),
        # arrest in other words: a name between 'hand' and 'over', enforcing a warrant
        ("would brazil hand netanyahu over", "arrest_risk", ["benjamin-netanyahu"], ["BR"]),
        (
            "could the putin warrant be enforced in chile",
            "arrest_risk",
            ["vladimir-putin"],
            ["CL"],
        ),
        (
            "what would happen to shoigu if he landed in vienna",
            "arrest_risk",
            ["sergei-shoigu"],
            ["AT"],
        ),
        # trips: travel history, 'has X left', Russian past tense
        ("gallant travel history 2025", "person_trips", ["yoav-gallant"], []),
        ("has duterte left the netherlands", "person_trips", ["rodrigo-duterte"], ["NL"]),
        ("куда летал Шойгу в этом году", "person_trips", ["sergei-shoigu"], []),
        # greetings and help in other words
        ("what's up bot", "greeting", [], []),
        ("salut le bot", "greeting", [], []),
        ("how am i meant to use you", "help", [], []),
        ("wie funktioniert das hier", "help", [], []),
        # the Rome Statute in German is a treaty, not a question about a German city
        ("was steht im römischen statut über immunität", "explain", [], []),
        # Italian, Portuguese and Polish
        (
            "se Netanyahu viene a Milano lo arrestano?",
            "arrest_risk",
            ["benjamin-netanyahu"],
            ["IT"],
        ),
        ("Putin seria preso em Lisboa?", "arrest_risk", ["vladimir-putin"], ["PT"]),
        ("czy Polska aresztuje Putina?", "arrest_risk", ["vladimir-putin"], ["PL"]),
        ("a Grécia é membro do TPI?", "country_status", [], ["GR"]),
        ("la Spagna fa parte della corte penale internazionale?", "country_status", [], ["ES"]),
        ("quanti paesi aderiscono alla CPI?", "member_count", [], []),
        ("ile państw należy do MTK?", "member_count", [], []),
        (
            "dove può andare Netanyahu senza essere arrestato?",
            "travel_options",
            ["benjamin-netanyahu"],
            [],
        ),
        ("para onde o Putin pode viajar?", "travel_options", ["vladimir-putin"], []),
        ("chi sono i ricercati della CPI per il Sudan?", "warrant_list", [], ["SD"]),
        ("kto ma nakaz aresztowania z MTK?", "warrant_list", [], []),
        ("o Netanyahu já visitou a Argentina?", "person_trips", ["benjamin-netanyahu"], ["AR"]),
        ("quanti anni ha Erdogan?", "out_of_scope", ["recep-tayyip-erdogan"], []),
        ("co potrafisz?", "help", [], []),
        ("bom dia bot", "greeting", [], []),
        # counting a treaty's articles is about the treaty, not its members
        ("how many articles are in the rome statute", "explain", [], []),
        (
            "did bashir ever leave khartoum after the coup",
            "person_trips",
            ["omar-al-bashir"],
            ["SD"],
        ),
        (
            "where in asia could min aung hlaing travel safely",
            "travel_options",
            ["min-aung-hlaing"],
            [],
        ),
    ],
)
def test_intent_boundaries(
    pipeline: Pipeline, text: str, intent: str, people: list[str], countries: list[str]
) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert (query.intent, query.person_ids, query.country_codes) == (intent, people, countries)


@pytest.mark.parametrize(
    "asked",
    [
        "ich frage mich, ob putin in österreich verhaftet würde",
        "I was wondering if Gallant could visit Canada",
        "i'm asking whether japan would arrest putin",
        "¿detendría España a Netanyahu?",
        "сколько стран входят в мус",
        "чи заарештує польща путіна",
        "could medinsky attend talks in sofia",
        "mongolia is a member so how come putin walked out free",
        "smotrich in paris next month, anything he should worry about",
        "shoigu suspects list",
        "para onde o Gallant pode ir sem ser preso",
        "count of asian states in the icc",
    ],
)
def test_indirect_and_foreign_questions_are_questions(pipeline: Pipeline, asked: str) -> None:
    query = parse(asked, today=TODAY, pipeline=pipeline)
    assert query.for_group(), (query.intent, query.is_question, query.confidence)


@pytest.mark.parametrize(
    "remark",
    [
        "my boss asked me whether brazil would arrest putin and i just shrugged",
        "the bot says netanyahu is safe in hungary, great",
        "so the bot told us kazakhstan isn't a member? huh",
        "why would putin even want to fly to chile lol",
        "what chance does the court have with shoigu anyway",
        "kosovo recognised the court and nobody noticed?",
        "netanyahu is going to argentina, should be fun",
        "my dad keeps asking whether putin could be arrested in peru, told him to ask the bot",
        "kazakh plov tonight anyone?",
        "Ja, Putin ist heute in der Mongolei",  # 'ja' (yes) is not a question word
    ],
)
def test_retold_questions_and_remarks_are_not_answered_unprompted(
    pipeline: Pipeline, remark: str
) -> None:
    assert not parse(remark, today=TODAY, pipeline=pipeline).for_group()


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("could putin land in LA for the olympics", ["US"]),
        ("la russie arrêterait-elle netanyahou", ["RU"]),  # the French article is not LA
        ("would the CAR hand kony over", ["CF"]),
        ("my car is in kyrgyzstan", ["KG"]),  # the word is not the Central African Republic
        ("l'italie a-t-elle ratifié le statut de rome", ["IT"]),
        ("hat österreich das römische statut ratifiziert", ["AT"]),
        ("est-ce que la russie a ratifié le statut de rome", ["RU"]),  # Rome: the treaty
        ("how do you say 'arrest warrant' in russian?", []),  # a language
        ("translate this into ukrainian pls", []),
        ("is putin safe in russian airspace", ["RU"]),  # a place again
    ],
)
def test_places_and_what_only_looks_like_one(
    pipeline: Pipeline, text: str, countries: list[str]
) -> None:
    assert parse(text, today=TODAY, pipeline=pipeline).country_codes == countries
