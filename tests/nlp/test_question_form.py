"""What a question asks, beyond its intent: its form (yes/no, wh-, neither), what it is about
(aspects), whether it asks to confirm a negative claim, and its type. In the bot's languages.
"""

from __future__ import annotations

import pytest

from nlp.intents import question_form
from nlp.normalize import clean, fold
from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY


def form_of(text: str) -> str:
    return question_form(fold(clean(text).text)).form


@pytest.mark.parametrize(
    "text",
    [
        "Is Mongolia obliged to arrest Putin?",
        "kyrgyzstan has to arrest putin right?? he keeps going to bishkek",
        "if the taliban leader flew to doha would qatar have to hand him over",
        "south africa is an icc country isnt it, so would SA need to arrest putin",
        "Является ли Казахстан членом МУС?",
        "byl li bibi arestovan v vengrii ili net",
        "чи зобовязана україна заарештувати путіна",
        "Muss Österreich Putin festnehmen, wenn er nach Wien reist?",
        "la france doit elle arrêter netanyahou s'il vient à paris ?",
        "españa tendria que detener a putin si pisa madrid?",
        "türkiye ucm üyesi mi",
        "هل فلسطين عضو في المحكمة الجنائية الدولية؟",
        "آیا ایران عضو دیوان کیفری بین‌المللی است؟",
        "Путин Қазақстанға келсе, Қазақстан оны ұстауға міндетті ме?",
        "when trump met putin in alaska in august 2025, was the us supposed to arrest him?",
    ],
)
def test_question_form_yes_no(text: str) -> None:
    assert form_of(text) == "yes_no"


@pytest.mark.parametrize(
    "text",
    [
        "when did armenia join the icc",
        "why didnt mongolia arrest putin",
        "ali kushayb how many years did he get",
        "shoigu warrant when and for what",
        "south africa let bashir walk out in 2015 why",
        "за что мус выдал ордер на арест путина",
        "коли путіна нарешті заарештують",
        "warum hat ungarn netanjahu nicht festgenommen",
        "pourquoi la jordanie n'a pas arrêté el-béchir en 2017",
        "cuantos cargos tiene duterte y de que lo acusan",
        "israil üye değilken ucm nasıl netanyahu hakkında karar verebildi",
        "لماذا لم تعتقل منغوليا بوتين؟",
        "چرا دیوان کیفری بین‌المللی درباره میانمار صلاحیت دارد؟",
        "Кушайб қанша жылға сотталды?",
        "do you know when ukraine joined the icc?",
    ],
)
def test_question_form_wh(text: str) -> None:
    assert form_of(text) == "wh"


@pytest.mark.parametrize(
    "text", ["kushayb verdict? sentence? appeal?", "putin mongolia", "netanyahu warrant status"]
)
def test_question_form_neither(text: str) -> None:
    assert form_of(text) == "other"


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("doesnt head of state immunity mean mongolia never actually had to arrest putin", True),
        ("can putin travel to france without being arrested?", True),
        ("¿puede netanyahu viajar a españa sin que lo detengan?", True),
        ("isn't mongolia obliged to arrest putin?", False),
        ("is the bashir warrant still valid now that hes not president anymore", False),
        ("kirgiziya vhodit v mezhdunarodnyj ugolovnyj sud ili net", False),
        ("tadzhikistan razve ne chlen mus?", False),
    ],
)
def test_question_form_negated_claims(text: str, negated: bool) -> None:
    assert question_form(fold(clean(text).text)).negated is negated


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("did the duterte trial start already or not??", "case_stage"),
        ("Wurde Duterte schon verurteilt?", "case_stage"),
        ("is bashir in the hague yet", "case_stage"),
        ("how can the icc even go after putin if russia never joined", "jurisdiction"),
        ("philippines left in 2019 so how come duterte is being tried lol", "jurisdiction"),
        ("why did italy release almasri??", "why_not_arrested"),
        ("pochemu mongoliya ne arestovala putina kogda on priezzhal", "why_not_arrested"),
        ("did mongolia get in trouble for hosting him in 2024?", "why_not_arrested"),
        ("will putin ever be arrested", "prediction"),
        ("condenaran a duterte en 2027?", "prediction"),
        ("is hungary gonna arrest bibi next time now that magyar is in charge", "prediction"),
    ],
)
def test_question_types(text: str, asks: str, pipeline: Pipeline) -> None:
    assert parse(text, today=TODAY, pipeline=pipeline).asks == asks


@pytest.mark.parametrize(
    "text",
    [
        "Will Vladimir Putin be arrested in Kyrgyzstan?",  # the duty answers it, as always
        "would mongolia have to arrest putin if he came again",
        "Is Mongolia a member of the ICC?",
        "netanyahu corruption trial day 300 or something",
        "Kremlin confirms Putin trip to Mongolia",
        "putin to visit malaysia next month, will he be detained there",
    ],
)
def test_question_types_leave_other_questions_alone(text: str, pipeline: Pipeline) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert query.asks is None, query.asks


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("has the netanyahu warrant been suspended?", "warrant"),
        ("is putin's warrant for genocide?", "warrant"),
        ("was duterte found unfit to stand trial?", "fitness"),
        (
            "when duterte got arrested in march 2025 was the philippines still an icc member",
            "member",
        ),
        ("israel signed the rome statute didnt it so its a member?", "member"),
    ],
)
def test_question_aspects_come_from_the_main_clause(
    text: str, first: str, pipeline: Pipeline
) -> None:
    assert parse(text, today=TODAY, pipeline=pipeline).aspects[0] == first


def test_question_followups_keep_the_question_type(pipeline: Pipeline) -> None:
    first = parse("why didn't mongolia arrest putin?", today=TODAY, pipeline=pipeline)
    second = parse("and tajikistan?", context=first, today=TODAY, pipeline=pipeline)
    assert second.asks == "why_not_arrested"
    assert second.country_codes == ["TJ"]
