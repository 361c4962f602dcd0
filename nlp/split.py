"""Split a message into the questions it may ask: lines of a list, sentences, '... and also ...'.

Only where a new question plainly begins: after a question mark, at a numbered or bulleted
item, or at 'and' / ', ' followed by a question word ('..., and is Afghanistan in the ICC?').
Alternatives stay together ('in Mongolia? or Kyrgyzstan?'): the parser reads lists. Whether a
piece is a question at all is the parser's call (``bot.message`` keeps the pieces that are).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from nlp.normalize import MAX_PARSED_CHARS, fold

MAX_PIECES = 8
"""Pieces looked at in one message; what follows stays with the last one."""


class Piece(NamedTuple):
    """A piece of a message and whether it is an item of a list (numbered or bulleted)."""

    text: str
    listed: bool = False


_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-•*·–—>]|#\d{1,2})\s+")
"""A line that starts a list item: '1.', '2)', '(3)', '-', '•'."""
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?([1-9])[.)]\s+(?=\D)")
_SENTENCE_END = re.compile(r"[?؟]+[\"')\]»”]*\s+|[.!。]+[\"')\]»”]*\s+(?=[^\W\d_])")
"""After question marks, or after a full stop or an exclamation mark before a word."""
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[a-z]|\d{1,2}|mr|mrs|ms|dr|st|art|arts|no|nos|vs|etc|e\.g|i\.e|u\.s|u\.k|u\.n|"
    r"approx|para|sec|ch|vol|pp|p|jr|sr|gen|col|lt|gov|sen|rep|pres|prof|ca|cf|z\.b|bzw|"
    r"[a-z]\.[a-z])\.$",
    re.IGNORECASE,
)
"""Words whose full stop ends no sentence ('Mr. Putin', 'the U.S. and', 'am 1. Januar')."""
_ALSO = (
    r"and also|and what about|and how about|und auch|et aussi|y también|y tambien|e também|"
    r"а также|и также|и ещё|и еще|і також|а також|та також|ve ayrıca|ve ayrica|bir de|"
    r"және де|жана дагы|وأيضا|وكذلك|و همچنین|و نیز"
)
_STARTS_QUESTION = (
    # English, German, French, Spanish, Russian, Ukrainian: a question word or a verb first
    r"is|are|was|were|do|does|did|will|would|can|could|should|must|has|have|had|what|who|"
    r"which|when|where|why|how|ist|sind|war|waren|hat|hatte|gab|gibt|muss|musste|müsste|"
    r"wird|würde|kann|könnte|darf|soll|wer|wann|warum|wieso|wie|wo|welche\w*|est-ce|"
    r"qui|quand|pourquoi|comment|quel\w*|combien|qué|quién|cuándo|dónde|por qué|cómo|"
    r"cuál\w*|кто|что|когда|где|почему|зачем|как|какие|какой|сколько|должен|должна|должны|"
    r"может|будет|есть ли|чи|хто|що|коли|чому|як|які|скільки|має|мають|повинна|повинен"
)
"""Words that open a question after 'and' or a comma (Arabic 'وهل' and Persian 'و آیا' too)."""
_AND = "and|und|et|y|\u0438|\u0456|\u0442\u0430|\u0430"
"""'and' in English, German, French, Spanish; Russian and Ukrainian 'и', 'і', 'та', 'а'."""
_AND_QUESTION = re.compile(
    rf"(?:,\s*|\s+)(?=(?:{_ALSO})(?![\w'-]))|"
    rf",\s*(?=(?:(?:{_AND})\s+)?(?:(?:{_STARTS_QUESTION})(?![\w'-])|¿))|"
    rf"\s+(?=(?:{_AND})\s+(?:(?:{_STARTS_QUESTION})(?![\w'-])|¿))|"
    r"\s+(?=\u0648\s?\u0647\u0644|\u0648\s?\u0622\u06cc\u0627)",
    re.IGNORECASE,
)
"""Where 'and ...' or ', ...' opens another question ('..., does it have to arrest him')."""
_JOINS = re.compile(rf",|\s(?:{_AND})\s|\s\u0648", re.IGNORECASE)
"""What a sentence needs for ``_AND_QUESTION`` to cut it (a quick test before the slow one)."""
_ALTERNATIVE = re.compile(
    r"^(?:or|oder|ou|o|или|або|veya|yoksa|ya da|أو|او|یا|немесе|же)(?![\w'-])", re.IGNORECASE
)
"""A piece that only offers an alternative ('or Kyrgyzstan?') belongs to the one before."""
_LETTER = re.compile(r"[^\W\d_]")


def split_message(text: str) -> list[Piece]:
    """The pieces of ``text`` that may each ask a question, in order (one if it is one).

    A message longer than the parser reads is one piece: the parser cuts it and says so.
    """
    text = text.strip()
    if len(text) > MAX_PARSED_CHARS:
        return [Piece(text)]
    pieces: list[Piece] = []
    lines = _lines(text)
    for line, listed in lines:
        items = _numbered(line)
        for item in items:
            for sentence in _sentences(item):
                listed_here = listed or len(items) > 1
                parts = _AND_QUESTION.split(sentence) if _JOINS.search(sentence) else [sentence]
                pieces += [Piece(p, listed_here) for p in parts if p]
    return _joined(pieces) or [Piece(text)]


def asks_question(folded: str) -> bool:
    """Whether folded text has the form of a question: a question mark, a question word or
    verb first (after 'and', 'so'...), or a question particle ('ли', 'mı', 'هل').
    """
    if "?" in folded or "¿" in folded:
        return True
    words = _WORD.findall(folded)
    while words and words[0] in _FILLERS:
        words.pop(0)
    if words and _QUESTION_START.fullmatch(words[0]):
        return True
    return bool(_QUESTION_PARTICLE.search(folded))


def _lines(text: str) -> list[tuple[str, bool]]:
    """Lines that start a list item (True) or follow a finished sentence; others run on."""
    lines: list[tuple[str, bool]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        item = _ITEM.match(line)
        if item is not None:
            lines.append((line[item.end() :], True))
        elif lines and not re.search(r"[?؟.!:;]\W*$", lines[-1][0]):
            lines[-1] = (f"{lines[-1][0]} {line}", lines[-1][1])
        else:
            lines.append((line, False))
    return lines


def _numbered(line: str) -> list[str]:
    """A line with items numbered 1, 2, 3 ... in it ('1) is X in 2) and Y'): one per item."""
    cuts: list[re.Match[str]] = []
    for mark in _INLINE_NUMBER.finditer(line):
        if int(mark[1]) == len(cuts) + 1:
            cuts.append(mark)
    if len(cuts) < 2:
        return [line]
    ends = [cut.start() for cut in cuts[1:]] + [len(line)]
    items = [line[: cuts[0].start()]] + [
        line[c.end() : e] for c, e in zip(cuts, ends, strict=True)
    ]
    return [item.strip() for item in items if item.strip()]


def _sentences(text: str) -> list[str]:
    """Sentences, each with its closing punctuation; abbreviations do not end one."""
    sentences: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if (
            "?" not in m[0]
            and "؟" not in m[0]
            and _ABBREVIATION.search(text[start : m.start() + 1])
        ):
            continue
        sentences.append(text[start : m.end()].strip())
        start = m.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Alternatives and pieces without a letter join the piece before; at most MAX_PIECES."""
    joined: list[Piece] = []
    for text, listed in pieces:
        text = text.strip(" ,;")
        if not text:
            continue
        follows = _ALTERNATIVE.match(text) or not _LETTER.search(text)
        if joined and (follows or len(joined) == MAX_PIECES):
            joined[-1] = Piece(f"{joined[-1].text} {text}", joined[-1].listed)
        else:
            joined.append(Piece(text, listed))
    return joined


# --- the form of a question ----------------------------------------------------------------------


def _words(pattern: str) -> re.Pattern[str]:
    """Folded words or phrases, matched whole."""
    return re.compile(rf"(?<![\w'])(?:{fold(pattern)})(?![\w'])")


_QUESTION_START = _words(
    r"is|are|was|were|am|do|does|did|will|would|can|could|should|shall|must|may|might|has|have|"
    r"had|isn't|aren't|wasn't|doesn't|didn't|won't|can't|what|what's|who|whom|whose|which|when|"
    r"where|why|how|ist|sind|waren|hat|hatte|haben|hätte|gab|gibt|muss|musste|müsste|wird|"
    r"wurde|würde|kann|könnte|darf|soll|sollte|wer|wann|warum|wieso|weshalb|wie|wo|wohin|"
    r"welche\w*|ob|est-ce|qui|quand|pourquoi|comment|quel\w*|combien|es|está|son|fue|era|"
    r"tiene|hay|puede|debe|debería|qué|quién\w*|cuándo|dónde|cómo|cuál\w*|cuánt\w*|кто|что|"
    r"когда|где|почему|зачем|как|какой|какая|какие|сколько|куда|разве|неужели|должен|должна|"
    r"должны|обязан\w*|может|могут|будет|чи|хто|що|коли|де|чому|навіщо|як|який|яка|які|"
    r"скільки|куди|хіба|невже|має|мають|повинна|повинен|мусить|razve|kto|chto|kogda|gde|"
    r"pochemu|dolzh\w*|ne|neden|niye|nasıl|kim|nerede|hangi|kaç|هل|لماذا|متى|كيف|ماذا|أين|"
    r"كم|آیا|چرا|چه|کجا|چطور|چگونه|کدام|چند|неге|қашан|қайда|кім|қандай|неліктен|қанша|"
    r"эмне|эмнеге|качан|кайда|ким|кандай|канча|кантип"
)
"""Words a question opens with (after fillers such as 'and', 'so', 'но', 'peki')."""
_QUESTION_PARTICLE = _words(
    r"ли|li|(?:mi|mı|mu|mü)(?:y?(?:dı|di|du|dü)|dir|dır|sin|sın|siniz|yiz|yım|yim)?|ма|ме|ба|"
    r"бе|па|пе|هل|آیا"
)
"""Question particles anywhere in a clause (Russian 'ли', Turkish 'mı', Kazakh 'ма', 'هل')."""
_FILLERS = frozenset(
    fold(
        "and so but then ok okay well also hey lol btw и а но так і й та але und aber dann et "
        "mais donc alors y pero entonces pues ve ama peki و ثم پس اما ولی және бірақ ал жана "
        "бирок анан"
    ).split()
)
_WORD = re.compile(r"[\w']+")
