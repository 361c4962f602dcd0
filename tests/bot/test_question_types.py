"""The question types that refine an intent: where a case stands, jurisdiction, why a state did
not arrest someone, and forecasts (never given). Facts asserted, false claims asserted absent.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.answers import Answer, answer, answer_none_as_question
from bot.render import render_text
from knowledge.store import KnowledgeBase
from nlp.parse import parse
from nlp.pipeline import Pipeline

ASKED = dt.date(2026, 12, 8)
"""After the Duterte trial's scheduled opening (30 Nov 2026), which no source confirms."""


def ask(text: str, kb: KnowledgeBase, pipeline: Pipeline, on: dt.date = ASKED) -> Answer:
    query = answer_none_as_question(parse(text, today=on, pipeline=pipeline))
    return answer(query, kb, on=on)


def body(result: Answer) -> str:
    """The answer a reader sees, without its source titles."""
    return render_text(result).split("\nSources:\n", 1)[0]


# --- where a case stands -------------------------------------------------------------------


def test_types_a_scheduled_trial_that_passed_unconfirmed(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    result = ask("did the duterte trial start already?", kb, pipeline)
    text = body(result)
    assert result.headline.startswith("Rodrigo Duterte's trial was scheduled to open on 30")
    assert "(not confirmed that it did)" in result.headline
    assert "Trial Chamber III" in text
    for claim in ("trial opened", "was convicted", "has been convicted", "Yes"):
        assert claim not in result.headline


def test_types_a_trial_before_its_date_is_only_scheduled(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    before = ask("when does duterte's trial start?", kb, pipeline, dt.date(2026, 11, 28))
    assert "is scheduled to open on 30 November 2026" in before.headline
    assert "not confirmed" not in before.headline
    unset = ask("when does duterte's trial start?", kb, pipeline, dt.date(2026, 5, 1))
    assert "30 November 2026" not in body(unset)  # the date was set on 27 May 2026


def test_types_not_convicted_while_the_trial_is_unconfirmed(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    result = ask("was duterte convicted?", kb, pipeline)
    assert result.headline.startswith("No: Rodrigo Duterte has not been convicted")
    assert "30 November 2026" in result.headline
    assert "Duterte was convicted" not in body(result)


def test_types_confirmation_by_count_and_in_absentia(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    kony = ask("how many counts were confirmed against kony", kb, pipeline)
    assert kony.headline.startswith("39 counts: on 6 November 2025")
    assert "in absentia" in kony.headline
    duterte = ask("were the charges against duterte confirmed", kb, pipeline)
    assert duterte.headline.startswith("Yes: on 23 April 2026, Pre-Trial Chamber I confirmed")
    assert "murder" in duterte.headline


def test_types_no_trial_in_absentia(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("can the icc put kony on trial without him being there", kb, pipeline)
    text = body(result)
    assert result.headline.startswith("No: the ICC cannot try Joseph Kony in his absence")
    assert "Art. 63" in text and "Art. 61(2)(b)" in text
    assert "will be tried in absentia" not in text


def test_types_fitness_polarity(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    unfit = ask("was duterte found unfit to stand trial?", kb, pipeline)
    assert unfit.headline.startswith("No: on 26 January 2026, Pre-Trial Chamber I found")
    assert "fit to take part" in unfit.headline
    fit = ask("was duterte found fit to stand trial?", kb, pipeline)
    assert fit.headline.startswith("Yes: ")


def test_types_custody_and_what_keeps_him_away(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    bashir = ask("is bashir in the hague yet", kb, pipeline)
    assert bashir.headline.startswith("No: Omar al-Bashir is not in ICC custody")
    assert "Sudanese military" in body(bashir)
    assert "is in ICC custody" not in bashir.headline
    njeem = ask("is njeem in icc custody now?", kb, pipeline)
    assert njeem.headline.startswith("No: ")
    assert "5 November 2025" in njeem.headline


def test_types_verdict_sentence_and_an_unknown_appeal(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    result = ask("kushayb verdict? sentence? appeal?", kb, pipeline)
    text = body(result)
    assert "convicted on 6 October 2025" in result.headline
    assert "20 years" in text and "9 December 2025" in text
    assert "The outcome of the appeal is not known" in text
    for claim in ("acquitted", "upheld on appeal", "the conviction was upheld"):
        assert claim not in text


def test_types_a_case_closed_by_death(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    deif = ask("was deif's case closed?", kb, pipeline)
    assert deif.headline.startswith("Yes: the case against Mohammed Deif was closed on 26")
    saif = ask("what happened to the saif gaddafi case at the icc", kb, pipeline)
    assert "whether the Court has closed the case is not known" in saif.headline
    assert "3 February 2026" in saif.headline
    assert "in ICC custody" not in body(saif)


def test_types_nobody_convicted_in_a_situation(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("has anyone been convicted in the ukraine situation?", kb, pipeline)
    assert result.headline.startswith("No: nobody has been convicted in the Situation in Ukraine")
    assert "at large" in result.headline


# --- jurisdiction ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        (
            "how can the icc go after netanyahu if israel never joined?",
            ["rests on Palestine, not Israel", "1 April 2015", "13 June 2014", "12(2)(a)"],
        ),
        (
            "how can the icc even go after putin if russia never joined",
            ["rests on Ukraine, not Russia", "12(3)", "1 January 2025"],
        ),
        (
            "philippines left in 2019 so how come duterte is being tried",
            ["Art. 127(2)", "1 November 2011 to 16 March 2019", "22 Apr 2026"],
        ),
        (
            "how does the icc have jurisdiction in darfur if sudan is not a member?",
            ["Security Council referral", "1593", "Art. 13(b)"],
        ),
        (
            "on what basis does the icc act in libya, libya never ratified",
            ["Resolution 1970", "12 May 2025", "31 December 2027"],
        ),
        (
            "why does the icc have jurisdiction over myanmar when it is not a member?",
            ["Bangladesh", "deportation"],
        ),
    ],
)
def test_types_jurisdiction_rests_on_the_situation(
    question: str, facts: list[str], kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    result = ask(question, kb, pipeline)
    text = body(result)
    assert result.verdict == "info"
    for fact in facts:
        assert fact in text, fact
    for claim in ("own state", "no ICC duty to arrest", "is a State Party to the Rome Statute:"):
        assert claim not in result.headline


def test_types_leaving_does_not_end_jurisdiction(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    dodge = ask(
        "can a country dodge an icc case by quitting right before the warrant", kb, pipeline
    )
    assert dodge.headline.startswith("No: leaving the ICC does not get a state off the hook")
    assert "one year" in dodge.headline and "Art. 127(2)" in dodge.headline
    negative = ask("burundi left so its off the hook for everything?", kb, pipeline)
    assert not negative.headline.startswith(("Yes", "No"))  # asked in the negative
    assert "27 October 2017" in negative.headline


def test_types_aggression_needs_a_referral(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("can the icc charge putin with aggression too?", kb, pipeline)
    assert result.headline.startswith("No: the ICC cannot prosecute Vladimir Putin for the crime")
    assert "15 bis(5)" in result.headline
    assert "Putin is charged with aggression" not in body(result)


# --- why a state did not arrest -----------------------------------------------------------


def test_types_why_italy_released_almasri(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("why did italy release almasri?", kb, pipeline)
    text = body(result)
    assert result.headline.startswith("Italy cited a procedural defect")
    for fact in ("21 January 2025", "17 October 2025", "January 2026", "Assembly of States"):
        assert fact in text, fact
    assert "December 2026: scheduled" in text
    assert "is not known" in text
    for claim in ("Italy is not obliged", "Italy is not a State Party", "was sanctioned"):
        assert claim not in text


def test_types_why_mongolia_did_not_arrest_putin(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("why didn't mongolia arrest putin?", kb, pipeline)
    text = body(result)
    assert result.verdict == "obliged"
    assert result.headline.startswith("Mongolia cited its energy dependence")
    assert "On 24 October 2024 Pre-Trial Chamber II found that Mongolia failed" in text
    assert "Assembly of States Parties" in text
    assert "did about it, if anything, is not known" in text
    assert "Mongolia was not obliged" not in text


def test_types_a_state_with_no_duty_is_told_apart(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("why didnt the us arrest putin in anchorage", kb, pipeline)
    assert result.headline.startswith("The United States had no duty to arrest Vladimir Putin")
    assert "the US was obliged" not in body(result)


def test_types_a_finding_is_no_sanction(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    trouble = ask("did mongolia get in trouble for hosting putin in 2024?", kb, pipeline)
    assert trouble.headline.startswith("Yes: on 24 October 2024")
    punished = ask("was mongolia punished for not arresting putin?", kb, pipeline)
    assert not punished.headline.startswith(("Yes", "No"))
    assert "no sanctions of its own" in body(punished)


# --- forecasts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "will putin ever be arrested",
        "арестуют ли путина до 2030 года",
        "Wird Putin jemals verhaftet?",
        "will kony ever be caught",
    ],
)
def test_types_no_forecast_only_the_record_and_the_law(
    question: str, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    result = ask(question, kb, pipeline)
    text = body(result)
    assert result.headline.startswith("I can't predict")
    assert "Art. 63" in text and "Art. 61(2)(b)" in text
    for claim in ("will be arrested", "will never", "likely", "probably"):
        assert claim not in text


def test_types_no_verdict_forecast(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    result = ask("will the court convict duterte next year?", kb, pipeline)
    text = body(result)
    assert result.headline.startswith("I can't predict whether the ICC might convict")
    assert "30 November 2026" in text and "presumed innocent" in text


def test_types_a_forecast_about_someone_with_no_warrant_says_so(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    result = ask("any chance mbs gets arrested in paris?", kb, pipeline)
    assert "no known ICC arrest warrant" in result.headline


# --- openings that could read the wrong way --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("can brazil arrest putin?", "Yes: Brazil is obliged to arrest Vladimir Putin"),
        ("could putin be arrested in brazil?", "Yes: Brazil is obliged"),
        ("is mongolia obliged to arrest putin?", "Yes: Mongolia is obliged"),
        ("does kazakhstan have to arrest putin?", "No: Kazakhstan is not obliged"),
        ("is russia a member of the icc?", "No: Russia is not a State Party"),
        ("has the putin warrant been suspended?", "No: the ICC's arrest warrant for Vladimir"),
        ("is bashir wanted for genocide?", "Yes: Omar al-Bashir is wanted by the ICC"),
        ("was netanyahu arrested in hungary?", "No: Hungary did not arrest Benjamin Netanyahu"),
        ("did the icc issue a warrant for trump?", "No: there is no known ICC arrest warrant"),
    ],
)
def test_types_openings_with_the_right_word(
    question: str, opening: str, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    assert ask(question, kb, pipeline).headline.startswith(opening)


@pytest.mark.parametrize(
    "question",
    [
        "can putin go to brazil?",  # a Yes would read 'he can go'
        "puede putin viajar a brasil?",
        "can bibi travel to france without being arrested?",
        "can putin dodge arrest in brazil?",
        "is brazil allowed to refuse to arrest putin?",
        "would the uk arrest gallant if he landed at heathrow",  # a forecast
        "Will Vladimir Putin be arrested in Kyrgyzstan?",
        "will kony ever stand trial",
        "when was the putin warrant issued?",
        "why didn't mongolia arrest putin?",
        "is hungary still in the icc?",  # its revocation of the withdrawal is probable only
        "was mongolia punished for not arresting putin?",
    ],
)
def test_types_no_yes_or_no_where_it_would_mislead(
    question: str, kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    assert not ask(question, kb, pipeline).headline.startswith(("Yes", "No"))
