"""How an answer opens: 'Yes' or 'No' only for a yes/no question, about the claim it asked.

Composers state facts and, when the data settles the claim the question asks about, set
``sheet.claim``; this module alone turns that into an opening word, so that a wh-question
("when", "why", "how many") never gets one, nor does a question asked in the negative.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.compose.sheet import Draft
from nlp.query import Aspect, Query

_LOWER_AFTER_COLON = frozenset(
    "The There It Its A An This That No On In At Since After Before Under Only Nobody Leaving "
    "Charges Everyone Official".split()
)
"""Sentence openers that are not names: lower-cased after 'Yes:' or 'No:'."""


def first_aspect(query: Query, family: Collection[str]) -> Aspect | None:
    """The first aspect the question asks about that belongs to ``family`` (None: none)."""
    return next((aspect for aspect in query.aspects if aspect in family), None)


def asks_yes_or_no(query: Query) -> bool:
    """Whether a Yes or a No may open the answer: a yes/no question, not asked in the negative,
    and not about the future unless it asks about a duty ('will Hungary have to arrest him?').
    """
    if query.form != "yes_no" or query.negated:
        return False
    return not query.forecast or "obligation" in query.aspects


def open_answer(draft: Draft) -> None:
    """Open with 'Yes: ' or 'No: ' when the question was yes/no and its claim is settled; else
    the headline, which states the fact, stands alone. Applied once per answer.
    """
    if draft.opened:
        return
    draft.opened = True
    if draft.claim is None or not draft.headline or not asks_yes_or_no(draft.query):
        return
    word = "Yes" if draft.claim else "No"
    draft.headline = f"{word}: {after_colon(draft.headline)}"


def after_colon(sentence: str) -> str:
    """A sentence to follow a colon: 'The ICC issued ...' -> 'the ICC issued ...' (names keep
    their capital).
    """
    first, _, rest = sentence.partition(" ")
    if first in _LOWER_AFTER_COLON:
        return f"{first.lower()} {rest}"
    return sentence
