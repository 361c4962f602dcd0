"""The Rome Statute timeline and the assessment rules, checked against known facts by date."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.rules import (
    assess,
    expected_entry_into_force,
    parties_on,
    signatories_only_on,
    status_on,
)
from knowledge.store import KnowledgeBase
from tests.conftest import TODAY

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("day", "count"),
    [("2024-01-31", 123), ("2024-02-01", 124), ("2025-01-01", 125), ("2026-11-28", 125)],
)
def test_rules_party_count_by_date(kb: KnowledgeBase, day: str, count: int) -> None:
    assert len(parties_on(kb, D(day))) == count


def test_rules_signatories_not_ratified_today(kb: KnowledgeBase) -> None:
    names = {s.code for s in signatories_only_on(kb, TODAY)}
    assert len(names) == 29
    assert {"KG", "RU", "US", "IL", "AE", "UZ", "SD"} <= names
    assert "UA" not in names and "AM" not in names


@pytest.mark.parametrize(
    ("code", "day", "is_party"),
    [
        ("BI", "2017-10-26", True),
        ("BI", "2017-10-28", False),
        ("PH", "2019-03-16", True),
        ("PH", "2019-03-18", False),
        ("AM", "2024-01-31", False),
        ("AM", "2024-02-01", True),
        ("UA", "2024-12-31", False),
        ("UA", "2025-01-01", True),
        ("HU", "2026-06-03", True),
        ("BF", TODAY.isoformat(), True),
        ("ML", TODAY.isoformat(), True),
        ("NE", TODAY.isoformat(), True),
        ("VE", TODAY.isoformat(), True),
        ("MN", "2024-09-02", True),
        ("TJ", "2025-10-09", True),
    ],
)
def test_rules_status_on_dates(kb: KnowledgeBase, code: str, day: str, is_party: bool) -> None:
    assert status_on(kb.state(code), D(day)).is_party is is_party


@pytest.mark.parametrize(
    "day", ["1998-07-17", "1998-12-08", "2005-01-01", "2023-10-12", "2026-11-28"]
)
def test_rules_kyrgyzstan_is_never_a_party(kb: KnowledgeBase, day: str) -> None:
    status = status_on(kb.state("KG"), D(day))
    assert not status.is_party
    expected = "signatory" if D(day) >= D("1998-12-08") else "non_signatory"
    assert status.category == expected


def test_rules_russia_declared_no_intent_in_2016(kb: KnowledgeBase) -> None:
    before = status_on(kb.state("RU"), D("2016-01-01"))
    after = status_on(kb.state("RU"), D("2017-01-01"))
    assert before.category == "signatory"
    assert after.category == "declared_no_intent"
    assert after.no_intent is not None and after.no_intent.date.year == 2016


def test_rules_ukraine_article_12_3_declarations_before_membership(kb: KnowledgeBase) -> None:
    status = status_on(kb.state("UA"), D("2024-06-01"))
    assert status.category == "signatory"
    assert [d.date.year for d in status.declarations] == [2014, 2015]


def test_rules_hungary_withdrawal_revoked_is_only_probable(kb: KnowledgeBase) -> None:
    status = status_on(kb.state("HU"), TODAY)
    assert status.is_party
    assert status.withdrawal_state == "revoked"
    assert status.certainty == "probable"


def test_rules_sahel_withdrawals_pending_not_effective(kb: KnowledgeBase) -> None:
    for code in ("BF", "ML", "NE"):
        status = status_on(kb.state(code), TODAY)
        assert status.withdrawal_state == "pending"
        assert status.withdrawal is not None and status.withdrawal.effective is not None
        assert status.withdrawal.effective > TODAY
        assert status.withdrawal.certainty == "probable"


@pytest.mark.parametrize(
    ("deposit", "in_force"),
    [
        ("2002-04-11", "2002-07-01"),
        ("2002-07-01", "2002-09-01"),
        ("2023-11-14", "2024-02-01"),
        ("2024-10-25", "2025-01-01"),
        ("2011-08-30", "2011-11-01"),
    ],
)
def test_rules_article_126_entry_into_force(deposit: str, in_force: str) -> None:
    assert expected_entry_into_force(D(deposit)) == D(in_force)


# person, country, date -> verdict (and basis / reason where it matters)
TRIPLES = [
    ("vladimir-putin", "KG", "2026-11-28", "not_obliged", "signatory_only"),
    ("vladimir-putin", "KG", "2023-10-12", "not_obliged", "signatory_only"),
    ("vladimir-putin", "MN", "2024-09-03", "obliged", "state_party"),
    ("vladimir-putin", "TJ", "2025-10-09", "obliged", "state_party"),
    ("vladimir-putin", "ZA", "2023-08-22", "obliged", "state_party"),
    ("vladimir-putin", "BR", "2025-07-06", "obliged", "state_party"),
    ("vladimir-putin", "CN", "2025-09-01", "not_obliged", "never_signed"),
    ("vladimir-putin", "US", "2025-08-15", "not_obliged", "declared_no_intent"),
    ("vladimir-putin", "RU", "2026-11-28", "own_state", "declared_no_intent"),
    ("vladimir-putin", "MN", "2022-06-01", "no_warrant", None),
    ("vladimir-putin", "UA", "2024-06-01", "obliged", "article_12_3"),
    ("vladimir-putin", "UA", "2026-11-28", "obliged", "state_party"),
    ("vladimir-putin", "AM", "2024-01-31", "not_obliged", "not_yet_in_force"),
    ("vladimir-putin", "AM", "2023-06-01", "not_obliged", "signatory_only"),
    ("vladimir-putin", "AM", "2024-02-01", "obliged", "state_party"),
    ("vladimir-putin", "BI", "2026-11-28", "not_obliged", "withdrawn"),
    ("benjamin-netanyahu", "HU", "2025-04-03", "obliged", "state_party"),
    ("benjamin-netanyahu", "FR", "2026-11-28", "obliged_disputed", "state_party"),
    ("benjamin-netanyahu", "DE", "2026-11-28", "obliged", "state_party"),
    ("benjamin-netanyahu", "US", "2026-11-28", "not_obliged", "declared_no_intent"),
    ("benjamin-netanyahu", "IL", "2026-11-28", "own_state", "declared_no_intent"),
    ("omar-al-bashir", "SD", "2026-11-28", "obliged", "unsc_referral"),
    ("omar-al-bashir", "JO", "2017-03-29", "obliged", "state_party"),
    ("rodrigo-duterte", "NL", "2026-11-28", "in_custody", None),
    ("mohammed-deif", "QA", "2026-11-28", "deceased", None),
    ("xi-jinping", "FR", "2026-11-28", "no_warrant", None),
    ("min-aung-hlaing", "BD", "2026-11-28", "no_warrant", None),
    ("haibatullah-akhundzada", "AF", "2026-11-28", "obliged", "state_party"),
    ("joseph-kony", "UG", "2026-11-28", "obliged", "state_party"),
]


@pytest.mark.parametrize(("person", "code", "day", "verdict", "detail"), TRIPLES)
def test_rules_assess_triples(
    kb: KnowledgeBase, person: str, code: str, day: str, verdict: str, detail: str | None
) -> None:
    result = assess(kb, person, code, D(day))
    assert result.verdict == verdict
    if verdict.startswith("obliged"):
        assert result.basis == detail
    elif verdict in ("not_obliged", "own_state"):
        assert result.reason == detail
    if verdict != "unknown":
        assert result.sources, "every assessment cites at least one source"


def test_rules_assess_mongolia_precedent_and_immunity(kb: KnowledgeBase) -> None:
    result = assess(kb, "vladimir-putin", "MN", TODAY)
    assert result.verdict == "obliged"
    assert result.immunity_relevant
    kinds = {
        (p.kind, (p.trip or p.finding).host if p.trip else p.finding.state)  # type: ignore[union-attr]
        for p in result.precedents
    }
    assert ("trip", "MN") in kinds and ("finding", "MN") in kinds


def test_rules_assess_tajikistan_finding_is_probable(kb: KnowledgeBase) -> None:
    result = assess(kb, "vladimir-putin", "TJ", TODAY)
    findings = [p.finding for p in result.precedents if p.finding and p.finding.state == "TJ"]
    assert findings and findings[0].certainty == "probable"


def test_rules_assess_unknown_inputs(kb: KnowledgeBase) -> None:
    assert assess(kb, None, "FR", TODAY).verdict == "unknown"
    assert assess(kb, "vladimir-putin", None, TODAY).verdict == "unknown"
    assert assess(kb, "no-such-person", "FR", TODAY).verdict == "unknown"
