"""Openings: an answer opens with Yes or No only when its question is a yes/no question, and
then with the right one.

Checked over every labelled question text in tests/data (development rows only: held-out rows
are never read), against a yes/no test written apart from the parser's, and against the blind
answer set's own 'opening' labels.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bot.answers import Answer, answer, answer_none_as_question
from knowledge.store import KnowledgeBase, load
from nlp.parse import parse
from nlp.pipeline import Pipeline, build_pipeline
from tests.conftest import DATA, TODAY

OPENING = re.compile(r"^\W*(yes|no)\b", re.IGNORECASE)
"""As the blind set's scorer reads an opening: 'No ruling is recorded' would open with 'No'."""
WORD = re.compile(r"\w[\w'-]*")
FILLERS = frozenset("so ok okay hey bot and but lol also pls please quick question btw".split())
WH_FIRST = frozenset(
    """
    what what's whats when where why how who who's whom whose which
    wann wo warum wieso wie wer welche welcher welches
    pourquoi quand où ou comment combien qui quel quelle quels quelles
    qué que cuándo cuando dónde donde cómo como cuánto cuántos cuántas quién quiénes cuál
    что когда где почему зачем как сколько кто какой какие какая за
    що коли де чому навіщо як скільки хто який які яка з
    neden niye nasıl nasil kaç kac kim hangi nerede ne
    لماذا متى أين كيف كم ماذا ما من
    چرا کی کجا چطور چگونه چند چه کدام
    неге қашан қайда қалай қанша кім қандай
    эмне эмнеге качан кайда кантип канча ким кандай
    """.split()
)
"""Words that open a question asking for a fact, in the bot's eleven languages."""
YES_NO_HINTS = frozenset(
    """
    is are was were do does did has have had can could will would should must may might
    isn't isnt aren't doesn't doesnt didn't didnt wasn't right or
    ist sind hat kann muss gibt wird oder est-ce ли li ili razve чи або или mi mı mu mü ма ме ба бе
    yes هل آیا ایا
    """.split()
)
"""Words a yes/no question may carry wherever they stand: auxiliaries, tags, particles."""
INVERTED = re.compile(
    r"^(?:\w+-(?:t-)?(?:il|elle|ils|elles|on)|m[iıuü](?:ydı|ydi|ydu|ydü|dir|sin)?)$"
)
"""A French inverted verb ('est-il') or a Turkish question particle ('miydi')."""
WHEN = frozenset("when quand cuando когда коли wenn".split())
"""'When' opens a leading clause as often as it asks."""


def dev_rows() -> list[tuple[str, dict[str, Any]]]:
    """(file name, row) for every labelled row that is not held out."""
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    if row.get("split") != "heldout":
                        rows.append((path.name, row))
    return rows


def dev_texts() -> list[str]:
    texts = []
    for _, row in dev_rows():
        texts += [row[key] for key in ("text", "question") if row.get(key)]
    return list(dict.fromkeys(texts))


def could_be_yes_no(text: str) -> bool:
    """A deliberately simple test, apart from the parser's: a text that opens with a word
    asking for a fact is not a yes/no question (unless a comma hints at a leading clause:
    'when he came, was he arrested?'), and neither is a text with no question mark and no
    auxiliary, tag or particle at all.
    """
    words = [w.lower() for w in WORD.findall(text)]
    while words and words[0] in FILLERS:
        words.pop(0)
    if not words:
        return False
    hinted = bool(set(words) & YES_NO_HINTS) or any(INVERTED.search(w) for w in words)
    first_question = text.split("?")[0]
    asks_when = len(words) > 1 and words[1] in YES_NO_HINTS  # 'when did ...'
    leading_clause = "," in first_question or (words[0] in WHEN and hinted and not asks_when)
    if words[0] in WH_FIRST and not leading_clause:
        return False
    asks = "?" in text or "¿" in text or "؟" in text
    return asks or hinted


@cache
def _kb() -> KnowledgeBase:
    return load(today=TODAY)


@cache
def _pipeline() -> Pipeline:
    return build_pipeline(_kb())


def _answer(text: str, on: Any = TODAY) -> Answer:
    query = answer_none_as_question(parse(text, today=on, pipeline=_pipeline()))
    return answer(query, _kb(), on=on)


def test_openings_the_independent_test_reads_the_obvious_cases() -> None:
    assert could_be_yes_no("Is Mongolia obliged to arrest Putin?")
    assert could_be_yes_no("kyrgyzstan has to arrest putin right")
    assert not could_be_yes_no("when did armenia join the icc")
    assert not could_be_yes_no("warum hat ungarn netanjahu nicht festgenommen")
    assert not could_be_yes_no("shoigu warrant when and for what")
    assert could_be_yes_no("when trump met putin in alaska, was the us supposed to arrest him?")


def test_openings_yes_or_no_only_for_yes_no_questions() -> None:
    wrong = []
    for text in dev_texts():
        result = _answer(text)
        if OPENING.match(result.headline) and not could_be_yes_no(text):
            wrong.append((text, result.headline[:80]))
    assert not wrong, "\n".join(f"{q} -> {a}" for q, a in wrong)


BLIND = [row for name, row in dev_rows() if name.startswith("answers_blind")]


@pytest.mark.parametrize("row", BLIND, ids=[row["id"] for row in BLIND])
def test_openings_follow_the_blind_sets_labels(row: dict[str, Any]) -> None:
    """Writers' labels: a wh-question or a forecast never gets a Yes or No, and a Yes or No
    that is given is the labelled one.
    """
    on = TODAY if row["on"] is None else type(TODAY).fromisoformat(row["on"])
    opened = OPENING.match(_answer(row["text"], on).headline)
    if row["opening"] in ("none", "hedge"):
        assert opened is None, row["text"]
    elif opened is not None:
        assert opened.group(1).lower() == row["opening"], row["text"]


def test_openings_never_for_a_forecast() -> None:
    forecasts = [
        text
        for text in dev_texts()
        if parse(text, today=TODAY, pipeline=_pipeline()).asks == "prediction"
    ]
    assert len(forecasts) > 20
    for text in forecasts:
        assert not OPENING.match(_answer(text).headline), text


def test_openings_data_is_read_without_held_out_rows() -> None:
    assert all(row.get("split") != "heldout" for _, row in dev_rows())
    assert Path(DATA / "answers_blind1.jsonl").exists()
