"""`warrantwatch knowledge check`: the 'to verify' list, with injected dates."""

from __future__ import annotations

import datetime as dt

from knowledge.check import run_check
from knowledge.store import KnowledgeBase
from knowledge.verify import to_verify
from tests.conftest import TODAY

D = dt.date.fromisoformat


def _where(kb: KnowledgeBase, day: str, kind: str) -> list[str]:
    return [item.where for item in to_verify(kb, D(day)) if item.kind == kind]


def test_check_scheduled_dates_listed_only_once_passed(kb: KnowledgeBase) -> None:
    assert _where(kb, "2026-11-28", "overdue_event") == ["cases.toml -> el-hishri"]
    assert _where(kb, "2026-11-30", "overdue_event") == ["cases.toml -> el-hishri"]
    assert _where(kb, "2026-12-01", "overdue_event") == [
        "cases.toml -> el-hishri",
        "cases.toml -> duterte",
    ]
    assert _where(kb, "2026-05-19", "overdue_event") == []


def test_check_month_scheduled_step_waits_for_the_month_to_end(kb: KnowledgeBase) -> None:
    assert _where(kb, "2026-12-31", "overdue_step") == []
    assert _where(kb, "2027-01-01", "overdue_step") == ["findings.toml -> italy-2025-njeem"]


def test_check_announced_trips_after_their_dates(kb: KnowledgeBase) -> None:
    assert _where(kb, "2026-05-19", "overdue_trip") == []
    assert _where(kb, "2026-05-20", "overdue_trip") == ["trips.toml -> vladimir-putin-cn-2026-05"]
    assert _where(kb, "2026-12-08", "overdue_trip") == [
        "trips.toml -> vladimir-putin-cn-2026-05",
        "trips.toml -> vladimir-putin-in-2026-09",
        "trips.toml -> vladimir-putin-cn-2026-11",
    ]


def test_check_unverified_withdrawals_within_180_days(kb: KnowledgeBase) -> None:
    assert _where(kb, "2026-12-08", "withdrawal_due") == []
    # Niger's notice takes effect on 18 Jun 2027: 180 days after 20 Dec 2026, 178 after 22 Dec
    assert _where(kb, "2026-12-20", "withdrawal_due") == []
    assert _where(kb, "2026-12-22", "withdrawal_due") == ["states.toml -> NE"]
    assert _where(kb, "2027-01-01", "withdrawal_due") == [
        "states.toml -> NE",
        "states.toml -> BF",
        "states.toml -> ML",
    ]
    # Venezuela (probable, 24 Jul 2027) and Chad (unconfirmed, 27 Jul 2027) join later
    assert _where(kb, "2027-02-01", "withdrawal_due")[-2:] == [
        "states.toml -> VE",
        "states.toml -> TD",
    ]


def test_check_withdrawal_already_in_effect_stays_listed(kb: KnowledgeBase) -> None:
    (niger,) = [i for i in to_verify(kb, D("2027-07-01")) if i.where == "states.toml -> NE"]
    assert "took effect on 2027-06-18 (13 days ago)" in niger.text
    assert "probable" in niger.text


def test_check_verified_or_revoked_withdrawals_are_never_listed(kb: KnowledgeBase) -> None:
    listed = set(_where(kb, "2017-10-01", "withdrawal_due")) | set(
        _where(kb, "2026-05-01", "withdrawal_due")
    )
    # Burundi and the Philippines were verified; South Africa's probable 2016 notice and
    # Hungary's 2025 notice were revoked before taking effect.
    assert not listed & {
        "states.toml -> BI",
        "states.toml -> PH",
        "states.toml -> ZA",
        "states.toml -> HU",
    }


def test_check_report_lists_to_verify_after_the_counts() -> None:
    report = run_check(D("2026-12-08"))
    assert report.ok, report.errors
    assert report.lines[-len(report.to_verify) - 1] == f"To verify: {len(report.to_verify)}"
    assert any(
        "[cases.toml -> duterte] Trial opened: scheduled for 2026-11-30" in line
        for line in report.to_verify
    )
    assert any(line.startswith("Cases: ") for line in report.lines)


def test_check_report_on_the_data_date_lists_only_older_items() -> None:
    report = run_check(TODAY)
    assert report.ok
    assert not any("duterte" in line for line in report.to_verify)
    assert any("el-hishri" in line for line in report.to_verify)
