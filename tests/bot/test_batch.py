"""--batch: the same answers in the same order whatever the number of workers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bot.batch import CHUNK, BatchAnswerer, answer_lines
from knowledge.store import KnowledgeBase

TODAY = dt.date(2026, 11, 28)
DATA = Path(__file__).parents[1] / "data" / "questions.jsonl"


def _questions(n: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in DATA.read_text(encoding="utf-8").splitlines()]
    return [texts[i % len(texts)] for i in range(n)]


def test_workers_keep_input_order_and_answers(kb: KnowledgeBase) -> None:
    lines = [q + "\n" for q in _questions(CHUNK * 3 + 17)]
    serial = list(answer_lines(lines, kb, TODAY, jobs=1))
    parallel = list(answer_lines(lines, kb, TODAY, jobs=2))
    assert parallel == serial
    assert len(parallel) == len(lines)


def test_a_repeated_question_gets_the_same_answer_from_memory(kb: KnowledgeBase) -> None:
    answerer = BatchAnswerer(kb, TODAY)
    first = answerer.line("Will Putin be arrested in Kyrgyzstan?")
    assert answerer.line("Will Putin be arrested in Kyrgyzstan?") == first
    assert len(answerer.memo) == 1
    assert json.loads(first)["verdict"] == "not_obliged"


def test_empty_input_gives_no_output(kb: KnowledgeBase) -> None:
    assert list(answer_lines([], kb, TODAY, jobs=2)) == []


def test_a_line_is_the_json_of_the_answer(kb: KnowledgeBase) -> None:
    from bot.ask import answer_question

    question = "Wird Putin in der Mongolei verhaftet? «ja» — 🇲🇳"
    line = BatchAnswerer(kb, TODAY).line(question)
    assert b"\n" not in line
    assert json.loads(line) == answer_question(question, kb, TODAY)[1]
    assert 'Mongolei verhaftet? \\"ja\\" - 🇲🇳'.encode() in line  # UTF-8 as it is, not escaped


def test_a_lone_surrogate_still_gives_valid_json() -> None:
    from bot.batch import to_json

    line = to_json({"question": "putin \udcff mongolia", "ok": True})
    assert json.loads(line) == {"question": "putin \udcff mongolia", "ok": True}
    line.decode("utf-8")  # valid UTF-8: the surrogate is escaped
