"""Case proceedings: each event's state on a date, where a case stands, and the model's rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from knowledge.cases import Case, CaseEvent
from knowledge.store import KnowledgeBase
from knowledge.timeline import case_stage_on, latest_day, occurrence_state, timeline_on
from tests.conftest import TODAY

D = dt.date.fromisoformat
SOURCE = {"title": "A test source", "url": "https://example.org/a"}


def _event(**fields: Any) -> CaseEvent:
    base: dict[str, Any] = {
        "kind": "status_conference",
        "date": "2026-05-27",
        "summary": "A status conference was held.",
        "sources": [SOURCE],
    }
    return CaseEvent.model_validate(base | fields)


def _case(kb: KnowledgeBase, person_id: str) -> Case:
    case = kb.case_for(person_id)
    assert case is not None, person_id
    return case


# --- event states ----------------------------------------------------------------------------


def test_cases_event_that_happened_is_happened_from_its_day_on() -> None:
    event = _event()
    assert occurrence_state(event, D("2026-05-26")) == "not_yet"
    assert occurrence_state(event, D("2026-05-27")) == "happened"
    assert occurrence_state(event, D("2030-01-01")) == "happened"


def test_cases_scheduled_event_is_never_happened() -> None:
    event = _event(kind="trial_opened", date="2026-11-30", scheduled=True, announced="2026-05-27")
    assert occurrence_state(event, D("2026-05-26")) == "not_yet"  # not announced yet
    assert occurrence_state(event, D("2026-05-27")) == "scheduled"
    assert occurrence_state(event, D("2026-11-30")) == "scheduled"  # due today
    assert occurrence_state(event, D("2026-12-01")) == "overdue"
    assert occurrence_state(event, D("2027-06-01")) == "overdue"


def test_cases_scheduled_month_is_overdue_only_after_the_month() -> None:
    event = _event(date="2026-12-01", precision="month", scheduled=True)
    assert latest_day(D("2026-12-01"), "month") == D("2026-12-31")
    assert latest_day(D("2024-02-01"), "month") == D("2024-02-29")
    assert latest_day(D("2026-03-04"), "year") == D("2026-12-31")
    assert occurrence_state(event, D("2026-12-31")) == "scheduled"
    assert occurrence_state(event, D("2027-01-01")) == "overdue"


def test_cases_timeline_leaves_out_what_was_not_known_yet(kb: KnowledgeBase) -> None:
    duterte = _case(kb, "rodrigo-duterte")
    kinds = [event.kind for event, _ in timeline_on(duterte.events, D("2025-03-13"))]
    assert kinds == ["arrested", "surrendered"]


# --- the Duterte case ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "phase", "latest"),
    [
        ("2025-03-10", "warrant", None),
        ("2025-03-11", "warrant", "arrested"),
        ("2025-03-12", "pre_trial", "surrendered"),
        ("2025-11-28", "pre_trial", "interim_release_denied"),
        ("2026-01-26", "pre_trial", "fitness_ruling"),
        ("2026-02-24", "pre_trial", "confirmation_hearing"),
        ("2026-04-23", "charges_confirmed", "confirmation_decision"),
        ("2026-11-28", "charges_confirmed", "status_conference"),
        ("2026-12-08", "charges_confirmed", "status_conference"),
    ],
)
def test_cases_duterte_stage_by_date(
    kb: KnowledgeBase, day: str, phase: str, latest: str | None
) -> None:
    stage = case_stage_on(_case(kb, "rodrigo-duterte"), D(day))
    assert stage.phase == phase
    assert (stage.latest.kind if stage.latest else None) == latest


def test_cases_duterte_trial_is_scheduled_not_opened(kb: KnowledgeBase) -> None:
    case = _case(kb, "rodrigo-duterte")
    before = case_stage_on(case, D("2026-05-26"))
    assert before.next_scheduled is None  # the date was set on 27 May 2026
    stage = case_stage_on(case, TODAY)
    assert stage.next_scheduled is not None
    assert stage.next_scheduled.kind == "trial_opened"
    assert stage.next_scheduled.date == D("2026-11-30")
    assert stage.next_scheduled.chamber == "Trial Chamber III"
    assert stage.overdue == ()
    after = case_stage_on(case, D("2026-12-08"))
    assert after.phase != "trial", "a scheduled opening is not an opening"
    assert after.next_scheduled is None
    assert [e.kind for e in after.overdue] == ["trial_opened"]
    assert any(s.url.startswith("https://mb.com.ph/2026/05/28/") for s in after.sources)


def test_cases_duterte_confirmation_fitness_and_interim_release(kb: KnowledgeBase) -> None:
    case = _case(kb, "rodrigo-duterte")
    (decision,) = case.events_of("confirmation_decision")
    assert decision.date == D("2026-04-23") and decision.outcome == "confirmed"
    assert decision.counts is not None
    assert (decision.counts.charged, decision.counts.upheld, decision.counts.rejected) == (3, 3, 0)
    assert not decision.in_absentia
    (fitness,) = case.events_of("fitness_ruling")
    assert (fitness.date, fitness.outcome) == (D("2026-01-26"), "fit")
    denials = case.events_of("interim_release_denied")
    assert [(e.date, e.chamber) for e in denials] == [
        (D("2025-10-10"), "Pre-Trial Chamber I"),
        (D("2025-11-28"), "Appeals Chamber"),
    ]
    assert not case.events_of("interim_release_granted")
    assert not case.checked("interim_release_granted"), "later requests were not checked"
    (jurisdiction,) = case.events_of("challenge_decision")
    assert (jurisdiction.date, jurisdiction.outcome) == (D("2026-04-22"), "rejected")


# --- other cases -----------------------------------------------------------------------------


def test_cases_kony_charges_confirmed_in_absentia_and_no_trial(kb: KnowledgeBase) -> None:
    case = _case(kb, "joseph-kony")
    stage = case_stage_on(case, TODAY)
    assert stage.phase == "charges_confirmed"
    assert stage.latest is not None and stage.latest.kind == "confirmation_decision"
    assert stage.latest.in_absentia and stage.latest.chamber == "Pre-Trial Chamber III"
    assert stage.latest.counts is not None and stage.latest.counts.upheld == 39
    assert stage.next_scheduled is None
    assert [e.date for e in case.events_of("in_absentia_decision")] == [
        D("2024-10-29"),
        D("2025-06-03"),
    ]


@pytest.mark.parametrize(
    ("day", "phase", "latest"),
    [
        ("2020-06-08", "warrant", None),
        ("2020-06-15", "pre_trial", "initial_appearance"),
        ("2021-07-09", "charges_confirmed", "confirmation_decision"),
        ("2022-04-05", "trial", "trial_opened"),
        ("2025-10-06", "judgment", "judgment"),
        ("2025-11-06", "appeal", "appeal_filed"),
        ("2025-12-09", "appeal", "sentence"),
    ],
)
def test_cases_kushayb_stage_by_date(
    kb: KnowledgeBase, day: str, phase: str, latest: str | None
) -> None:
    stage = case_stage_on(_case(kb, "ali-kushayb"), D(day))
    assert (stage.phase, stage.latest.kind if stage.latest else None) == (phase, latest)


def test_cases_kushayb_judgment_sentence_and_unknown_appeal(kb: KnowledgeBase) -> None:
    case = _case(kb, "ali-kushayb")
    (judgment,) = case.events_of("judgment")
    assert judgment.outcome == "convicted" and judgment.counts is not None
    assert (judgment.counts.charged, judgment.counts.upheld) == (31, 27)
    assert judgment.counts.rejected is None, "the references do not say what became of 4 counts"
    (sentence,) = case.events_of("sentence")
    assert (sentence.date, sentence.sentence_years) == (D("2025-12-09"), 20)
    assert not case.checked("appeal_judgment")
    assert case.warrants == ("ali-kushayb-2007", "ali-kushayb-2018")


def test_cases_closed_by_death(kb: KnowledgeBase) -> None:
    for person_id, closed in (("mohammed-deif", "2025-02-26"), ("muammar-gaddafi", "2011-11-22")):
        stage = case_stage_on(_case(kb, person_id), TODAY)
        assert stage.phase == "closed"
        assert stage.latest is not None and stage.latest.close_reason == "death"
        assert stage.latest.date == D(closed)


def test_cases_saif_gaddafi_closure_is_unknown_not_absent(kb: KnowledgeBase) -> None:
    case = _case(kb, "saif-al-islam-gaddafi")
    assert case.events == () and not case.checked("case_closed")
    assert case.certainty == "probable"
    assert case_stage_on(case, TODAY).phase == "warrant"


def test_cases_el_hishri_hearing_date_passed_unconfirmed(kb: KnowledgeBase) -> None:
    case = _case(kb, "khaled-el-hishri")
    assert case_stage_on(case, D("2026-05-18")).next_scheduled is not None
    stage = case_stage_on(case, TODAY)
    assert stage.phase == "pre_trial"
    assert [(e.kind, e.date) for e in stage.overdue] == [("confirmation_hearing", D("2026-05-19"))]


def test_cases_netanyahu_warrant_stays_in_force(kb: KnowledgeBase) -> None:
    case = _case(kb, "benjamin-netanyahu")
    stage = case_stage_on(case, TODAY)
    assert stage.phase == "warrant"
    assert [(e.date, e.outcome) for e in case.events_of("challenge_decision")] == [
        (D("2024-11-21"), "rejected"),
        (D("2025-04-24"), "remanded"),
        (D("2025-07-16"), "rejected"),
    ]


def test_cases_people_without_proceedings_have_no_case(kb: KnowledgeBase) -> None:
    assert kb.case_for("vladimir-putin") is None
    assert kb.case_for("xi-jinping") is None
    assert kb.case_for("no-such-person") is None


def test_cases_every_event_is_sourced(kb: KnowledgeBase) -> None:
    assert len(kb.cases) >= 11
    for case in kb.cases:
        assert case.sources
        for event in case.events:
            assert event.sources and all(s.url.startswith("https://") for s in event.sources)


# --- model rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "judgment", "outcome": "convicted", "scheduled": True}, "no outcome"),
        ({"kind": "confirmation_decision"}, "needs its 'outcome'"),
        ({"kind": "fitness_ruling", "outcome": "convicted"}, "does not fit"),
        (
            {"kind": "trial_opened", "in_absentia": True},
            "trials cannot",
        ),
        (
            {
                "kind": "confirmation_decision",
                "outcome": "confirmed",
                "counts": {"charged": 3, "upheld": 3, "rejected": 1},
            },
            "4 counts decided out of 3",
        ),
        ({"kind": "sentence"}, "sentence_years"),
        ({"kind": "case_closed"}, "close_reason"),
        ({"kind": "trial_opened", "counts": {"upheld": 1}}, "counts"),
        ({"kind": "initial_appearance", "place": "NL"}, "place"),
        ({"date": "2026-05-27", "end": "2026-05-26"}, "'end' is before"),
        ({"scheduled": True, "announced": "2026-06-01"}, "'announced' is after"),
        ({"sources": []}, "at least 1"),
    ],
)
def test_cases_event_model_rejects(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _event(**fields)


def test_cases_events_must_be_in_date_order() -> None:
    later = _event(date="2026-06-01").model_dump()
    earlier = _event(date="2026-05-01").model_dump()
    with pytest.raises(ValidationError, match="date order"):
        Case.model_validate(
            {
                "id": "x",
                "name": "The Prosecutor v. X",
                "person": "x",
                "situation": "y",
                "as_of": "2026-11-28",
                "sources": [SOURCE],
                "events": [later, earlier],
            }
        )


def test_cases_stage_certainty_follows_the_event_that_sets_the_phase(kb: KnowledgeBase) -> None:
    case = _case(kb, "ali-kushayb")
    stage = case_stage_on(case, D("2025-12-10"))
    assert stage.latest is not None and stage.latest.certainty == "verified"
    assert stage.phase == "appeal"
    assert stage.certainty == "probable", "the appeal's filing date is only probable"
    assert case_stage_on(case, D("2025-10-07")).certainty == "verified"
