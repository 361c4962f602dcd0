"""Findings as timelines (finding -> referral -> what the ASP or UNSC did) and state positions
with the reasons states gave."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from knowledge.models import Finding, FindingStep, StatePosition
from knowledge.store import KnowledgeBase, KnowledgeError, default_data_dir, load
from knowledge.timeline import finding_timeline, referrals_standing
from tests.conftest import TODAY

D = dt.date.fromisoformat
SOURCE = {"title": "A test source", "url": "https://example.org/a"}


def _finding(kb: KnowledgeBase, finding_id: str) -> Finding:
    return next(f for f in kb.findings if f.id == finding_id)


def test_findings_every_finding_has_a_timeline(kb: KnowledgeBase) -> None:
    for finding in kb.findings:
        kinds = [step.kind for step in finding.steps]
        assert kinds.count("finding") == 1, finding.id
        assert all(step.sources for step in finding.steps)


def test_findings_italy_was_referred_after_the_deferral(kb: KnowledgeBase) -> None:
    (italy,) = kb.findings_for("IT")
    assert italy.date == D("2025-10-17")
    assert italy.referred_to == ("ASP",)
    assert referrals_standing(italy, D("2025-12-31")) == ()
    assert referrals_standing(italy, D("2026-02-01")) == ("ASP",)
    referral = next(s for s in italy.steps if s.kind == "referred")
    assert (referral.date, referral.precision) == (D("2026-01-01"), "month")
    assert "REFERRED Italy to the Assembly of States Parties" in italy.outcome
    assert "action" in italy.unchecked


def test_findings_italy_asp_session_is_scheduled_then_overdue(kb: KnowledgeBase) -> None:
    italy = _finding(kb, "italy-2025-njeem")
    states = {step.kind: state for step, state in finding_timeline(italy, TODAY)}
    assert states["considered"] == "scheduled"
    assert states["referred"] == "happened"
    later = {step.kind: state for step, state in finding_timeline(italy, D("2027-01-01"))}
    assert later["considered"] == "overdue"


def test_findings_jordan_referral_reversed_on_appeal(kb: KnowledgeBase) -> None:
    jordan = _finding(kb, "jordan-2017-al-bashir")
    assert referrals_standing(jordan, D("2018-01-01")) == ("ASP", "UNSC")
    assert referrals_standing(jordan, D("2019-05-06")) == ()


def test_findings_south_africa_not_referred(kb: KnowledgeBase) -> None:
    (south_africa,) = kb.findings_for("ZA")
    assert [s.kind for s in south_africa.steps] == ["finding", "not_referred"]
    assert referrals_standing(south_africa, TODAY) == ()
    assert "13-15 Jun 2015" in south_africa.visit


def test_findings_mongolia_asp_debate_and_unknown_action(kb: KnowledgeBase) -> None:
    mongolia = _finding(kb, "mongolia-2024-putin")
    kinds = [(s.kind, s.body, s.date) for s in mongolia.steps]
    assert ("referred", "ASP", D("2024-10-24")) in kinds
    assert ("state_response", None, D("2024-11-15")) in kinds
    considered = next(s for s in mongolia.steps if s.kind == "considered")
    assert considered.date == D("2025-12-03") and considered.certainty == "probable"
    assert "action" in mongolia.unchecked


def test_findings_tajikistan_stays_probable(kb: KnowledgeBase) -> None:
    (tajikistan,) = kb.findings_for("TJ")
    assert tajikistan.certainty == "probable"
    assert {s.certainty for s in tajikistan.steps} == {"probable"}


def test_findings_for_orders_by_date(kb: KnowledgeBase) -> None:
    chad = kb.findings_for("TD")
    assert [f.date for f in chad] == [D("2011-12-13"), D("2013-03-26")]
    assert kb.findings_for("FR") == ()


def test_findings_step_needs_a_body_where_one_acts() -> None:
    base = {"date": "2026-01-01", "summary": "Something happened.", "sources": [SOURCE]}
    with pytest.raises(ValidationError, match="needs a 'body'"):
        FindingStep.model_validate(base | {"kind": "referred"})
    with pytest.raises(ValidationError, match="takes no 'body'"):
        FindingStep.model_validate(base | {"kind": "finding", "body": "ASP"})


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def _load_errors(data: Path, name: str, old: str, new: str) -> list[str]:
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load(data)
    return list(caught.value.errors)


def test_findings_referral_needs_a_step(data_copy: Path) -> None:
    errors = _load_errors(
        data_copy, "findings.toml", 'referred_to = ["ASP"]\n', 'referred_to = ["ASP", "UNSC"]\n'
    )
    assert any("differs from the 'referred' steps" in e for e in errors)


def test_findings_unknown_aftermath_must_be_declared(data_copy: Path) -> None:
    errors = _load_errors(data_copy, "findings.toml", 'unchecked = ["action"]\n', "\n")
    assert any("with no recorded action: list 'action' in unchecked" in e for e in errors)


# --- positions ---------------------------------------------------------------------------------


def _position(kb: KnowledgeBase, position_id: str) -> StatePosition:
    return next(p for p in kb.positions if p.id == position_id)


@pytest.mark.parametrize(
    ("position_id", "kind", "reasons"),
    [
        ("mn-putin-2024-09-03", "justification", ("energy_dependence", "neutrality")),
        ("tj-putin-2025-10-08", "no_explanation", ("none_given",)),
        ("it-njeem-2025-02-05", "justification", ("procedural_defect", "national_security")),
        ("it-njeem-2025-12-03", "justification", ("no_formal_referral",)),
        (
            "za-al-bashir-2015-06",
            "justification",
            ("head_of_state_immunity", "summit_host_immunity"),
        ),
        ("jo-al-bashir-2017-03", "justification", ("head_of_state_immunity",)),
        (
            "hu-netanyahu-2025-07-24",
            "justification",
            ("no_implementing_law", "non_party_official_immunity"),
        ),
        ("fr-netanyahu-2024-11-27", "immunity_claimed", ("non_party_official_immunity",)),
        ("pl-netanyahu-2025-01-09", "will_not_arrest", ("safe_passage",)),
        ("ch-netanyahu-2026-01-21", "will_arrest", ("treaty_obligation",)),
    ],
)
def test_findings_positions_carry_reasons(
    kb: KnowledgeBase, position_id: str, kind: str, reasons: tuple[str, ...]
) -> None:
    position = _position(kb, position_id)
    assert (position.kind, position.reasons) == (kind, reasons)
    assert position.reason and position.sources


def test_findings_tajikistan_silence_is_only_probable(kb: KnowledgeBase) -> None:
    assert _position(kb, "tj-putin-2025-10-08").certainty == "probable"


def test_findings_positions_for_a_state_oldest_first(kb: KnowledgeBase) -> None:
    italy = kb.positions_for("IT")
    assert [p.date for p in italy] == [D("2025-02-05"), D("2025-12-03")]
    hungary = kb.positions_for("HU")
    assert [p.id for p in hungary] == ["hu-netanyahu-2024-11-22", "hu-netanyahu-2025-07-24"]


def test_findings_justifications_do_not_change_the_verdict(kb: KnowledgeBase) -> None:
    from knowledge.rules import assess

    assert assess(kb, "vladimir-putin", "MN", TODAY).verdict == "obliged"
    assert assess(kb, "omar-al-bashir", "ZA", TODAY).verdict == "obliged"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "justification"}, "needs 'reasons'"),
        ({"kind": "no_explanation", "reasons": ["neutrality"], "reason": "x"}, "none_given"),
        ({"kind": "will_arrest", "reasons": ["treaty_obligation"]}, "in words"),
    ],
)
def test_findings_position_model_rejects(fields: dict[str, object], message: str) -> None:
    base = {
        "id": "xx-test",
        "state": "FR",
        "person": "vladimir-putin",
        "date": "2026-01-01",
        "summary": "A position was taken.",
        "as_of": "2026-11-28",
        "sources": [SOURCE],
    }
    with pytest.raises(ValidationError, match=message):
        StatePosition.model_validate(base | fields)
