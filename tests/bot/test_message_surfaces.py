"""Every surface answers the whole message: the CLI (text, --json, --batch, chat) and inline."""

from __future__ import annotations

import json
import subprocess
import sys

import orjson

from bot.ask import answer_question
from bot.batch import answer_lines
from bot.inline import inline_answers
from knowledge.store import KnowledgeBase
from nlp.pipeline import Pipeline
from tests.bot.test_cli import ENV, run
from tests.conftest import TODAY

TWO = "is the us in the icc? and what about israel"


def test_cli_answers_several_questions_in_one_reply() -> None:
    result = run("ask", TWO, "--on", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.split("\n\n2. “and what about israel”\n")
    assert first.startswith("1. “is the us in the icc?”\n")
    assert "United States is not a State Party" in first.splitlines()[1]
    assert "Israel is not a State Party" in second.splitlines()[0]
    assert result.stdout.count("Facts as of") == 1


def test_cli_json_has_the_parts() -> None:
    result = run("ask", TWO, "--json", "--on", TODAY.isoformat())
    data = json.loads(result.stdout)
    assert [c["code"] for c in data["countries"]] == ["US", "IL"]
    assert [(p["lead"], p["countries"][0]["code"]) for p in data["parts"]] == [
        ("is the us in the icc?", "US"),
        ("and what about israel", "IL"),
    ]
    assert data["on"] == TODAY.isoformat()


def test_cli_chat_follows_up_on_the_last_question() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--on", TODAY.isoformat()],
        input="is hungary in the icc? and does it have to arrest putin?\nand netanyahu?\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=ENV,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    second = done.stdout.split("2. “and does it have to arrest putin?”\n")[1]
    assert "Hungary is obliged to arrest Vladimir Putin" in second.splitlines()[0]
    assert "Hungary is obliged to arrest Benjamin Netanyahu" in done.stdout


def test_ask_returns_the_last_question_for_follow_ups(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    last, data = answer_question(TWO, kb, TODAY, pipeline=pipeline)
    assert last.country_codes == ["IL"] and "parts" in data


def test_batch_lines_answer_every_question_of_a_line(kb: KnowledgeBase) -> None:
    lines = list(answer_lines([TWO + "\n", "is mongolia in the icc\n"], kb, TODAY))
    several, one = (orjson.loads(line) for line in lines)
    assert len(several["parts"]) == 2 and "parts" not in one


def test_inline_gives_one_result_per_question(kb: KnowledgeBase, pipeline: Pipeline) -> None:
    results = inline_answers(TWO, kb, pipeline, TODAY)
    assert [r.countries[0].code for r in results[:2]] == ["US", "IL"]
    assert len({r.headline for r in results}) == len(results)


def test_inline_says_it_cannot_predict_a_future_date(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    results = inline_answers("putin in mongolia next year", kb, pipeline, TODAY)
    assert results[0].on == TODAY
    assert any("I can't predict" in point for point in results[0].points)
