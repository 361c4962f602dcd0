"""The warrantwatch command, run as a real process: output, JSON, batch, chat and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
        check=False,
    )


def test_cli_ask_prints_the_seed_answer() -> None:
    result = run("ask", "Will Vladimir Putin be arrested in Kyrgyzstan?", "--on", "2026-11-28")
    assert result.returncode == 0, result.stderr
    first_line = result.stdout.splitlines()[0]
    assert first_line.startswith("Kyrgyzstan is not obliged to arrest Vladimir Putin")
    assert "Sources:" in result.stdout and "Facts as of" in result.stdout
    assert "Kyrgyzstan is a State Party" not in result.stdout


def test_cli_ask_json_has_the_documented_fields() -> None:
    result = run("ask", "Will Putin be arrested in Mongolia?", "--json", "--on", "2026-11-28")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "obliged"
    assert data["people"] == [{"id": "vladimir-putin", "name": "Vladimir Putin"}]
    assert data["countries"] == [{"code": "MN", "name": "Mongolia"}]
    assert data["sources"] and all(s["url"].startswith("https://") for s in data["sources"])
    assert data["html"].startswith("<b>") and data["text"].endswith("\n")
    assert data["as_of"] == "2026-11-28" and data["certainty"] in ("verified", "probable")


def test_cli_on_changes_the_answer() -> None:
    before = json.loads(
        run("ask", "Is Armenia in the ICC?", "--json", "--on", "2024-01-15").stdout
    )
    after = json.loads(run("ask", "Is Armenia in the ICC?", "--json", "--on", "2024-02-15").stdout)
    assert (before["verdict"], after["verdict"]) == ("not_party", "state_party")


def test_cli_batch_keeps_order_and_count(tmp_path: Path) -> None:
    questions = ["Is Mongolia in the ICC?", "", "Will Putin be arrested in China?", "hello <b>&"]
    source = tmp_path / "questions.txt"
    source.write_text("\n".join(questions) + "\n", encoding="utf-8")
    result = run("ask", "--batch", str(source), "--on", "2026-11-28")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["question"] for row in rows] == [
        "Is Mongolia in the ICC?",
        "",
        "Will Putin be arrested in China?",
        "hello <b>&",
    ]
    assert rows[0]["verdict"] == "state_party" and rows[2]["verdict"] == "not_obliged"


def test_cli_batch_from_stdin() -> None:
    result = run("ask", "--batch", "-", stdin="Is Kyrgyzstan in the ICC?\nand Mongolia?\n")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 2


def test_cli_chat_follow_up_and_clean_exit() -> None:
    result = run(
        "chat",
        "--on",
        "2026-11-28",
        stdin="Will Putin be arrested in Kyrgyzstan?\nand Mongolia?\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Mongolia is obliged to arrest Vladimir Putin" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ask",), "ask needs a question"),
        (("ask", "   "), "ask needs a question"),
        (("ask", "x", "--on", "28/11/2026"), "not a date"),
        (("ask", "--batch", "/no/such/file"), "cannot read"),
        (("frobnicate",), "invalid choice"),
        (("knowledge",), "knowledge needs an action"),
    ],
)
def test_cli_user_errors_are_one_clear_line(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_cli_knowledge_check_prints_counts() -> None:
    result = run("knowledge", "check", "--today", "2026-11-28")
    assert result.returncode == 0, result.stderr
    assert "States Parties on 2026-11-28: 125" in result.stdout
    assert "Signatories that have not ratified: 29" in result.stdout
    assert result.stdout.strip().endswith("OK")


def test_cli_knowledge_check_warns_when_stale() -> None:
    result = run("knowledge", "check", "--today", "2027-06-01")
    assert result.returncode == 0
    assert "days old" in result.stderr


def test_cli_knowledge_check_fails_on_bad_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "states.toml").write_text("this is = not [valid", encoding="utf-8")
    result = run("knowledge", "check", "--data", str(data))
    assert result.returncode == 1
    assert "[states.toml] not valid TOML" in result.stderr
    assert "[people.toml] file is missing" in result.stderr


def test_cli_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("warrantwatch ")
