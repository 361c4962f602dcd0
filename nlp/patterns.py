"""Regular expressions for the intent cues: compiled on first use, with a cheap pre-test.

A cue is read from nearly every message, and most messages do not contain it. Python's regular
expression engine tries a pattern that starts with a look-behind at every position of the text
(2-6 µs for a short message); comparing the starts of the text's words with the starts of the
pattern's alternatives rules most texts out in a tenth of that. Those starts are read from the
pattern's own parse tree, never typed by hand, so the pre-test cannot drift from the pattern.
"""

from __future__ import annotations

import re
from typing import Any, cast


class LazyPattern:
    """A regular expression compiled the first time it is used.

    One question reads about half of the cues, and compiling every pattern at import was a
    third of the parser's import time (``warrantwatch ask`` imports it once per question).
    After the first use, ``search`` and friends are the compiled pattern's own methods.
    """

    def __init__(self, source: str) -> None:
        self._source = source

    def __getattr__(self, name: str) -> Any:  # only while the attribute is still missing
        compiled = re.compile(self._source)
        for attribute in ("search", "match", "fullmatch", "finditer", "findall", "sub", "pattern"):
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


def lazy(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, deferred to the first use."""
    return cast("re.Pattern[str]", LazyPattern(source))


_RUN = re.compile(r"[\w-]+")
"""What a word is to ``WordPattern``: a run of word characters and hyphens."""
KEY_LENGTH = 3


def word_starts(text: str) -> set[str]:
    """The first one, two and three characters of every word of ``text``."""
    starts: set[str] = set()
    for run in _RUN.findall(text):
        starts.update((run[:1], run[:2], run[:3]))
    return starts


class WordPattern:
    r"""Whole words or phrases (``pattern`` not inside a longer word), searched in folded text.

    A match begins where a word begins (nothing of ``[\w-]`` before it), and it begins with the
    literal characters of one of the pattern's alternatives. So unless one of those words of
    the text starts with the first characters of an alternative, there is no match, and
    ``occurs_in`` answers without running the regular expression (three times out of four).
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.source = rf"(?<![\w-])(?:{pattern})(?![\w-])"
        self._regex: re.Pattern[str] | None = None
        self._keys: frozenset[str] | None = None

    def _compile(self) -> re.Pattern[str]:
        self._regex = re.compile(self.source)
        self._keys = start_keys(self.pattern)
        return self._regex

    @property
    def keys(self) -> frozenset[str] | None:
        """The word starts one of which every match begins with (None: no pre-test)."""
        if self._regex is None:
            self._compile()
        return self._keys

    def search(self, text: str) -> re.Match[str] | None:
        return (self._regex or self._compile()).search(text)

    def occurs_in(self, text: str, starts: set[str]) -> bool:
        """Whether the pattern matches in ``text`` (``starts``: its ``word_starts``); the same
        answer as ``search``, usually without searching.
        """
        regex = self._regex or self._compile()
        keys = self._keys
        if keys is not None and keys.isdisjoint(starts):
            return False
        return regex.search(text) is not None


def words(pattern: str) -> WordPattern:
    """A pattern for ``pattern`` as whole words (compiled on first use)."""
    return WordPattern(pattern)


def start_keys(pattern: str) -> frozenset[str] | None:
    """The first (up to three) word characters of each alternative of ``pattern``, or None if
    some alternative can start with something else (a class, a repeat, punctuation).
    """
    prefixes = literal_prefixes(pattern)
    if prefixes is None:
        return None
    keys = set()
    for prefix in prefixes:
        word = _RUN.match(prefix)
        if word is None:
            return None
        keys.add(word[0][:KEY_LENGTH])
    return frozenset(keys)


def literal_prefixes(source: str) -> set[str] | None:
    """The literal strings one of which every match of ``source`` starts with, or None if the
    parse tree gives none (a match may start with a class, a repeat, or nothing at all).

    Read from the standard library's own parse of the pattern: for each alternative at the
    start, the run of literal characters it begins with.
    """
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source)
    except (ImportError, AttributeError, re.error):  # another Python's internals
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    prefixes = _prefixes(parsed.data, sre)
    return None if "" in prefixes else prefixes


def _prefixes(items: list[tuple[Any, Any]], sre: Any) -> set[str]:
    """The literal strings one of which starts every match of the op sequence ``items``."""
    head: list[str] = []
    for index, (op, value) in enumerate(items):
        if op is sre.LITERAL:
            head.append(chr(value))
            continue
        if not head and op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width, before the first character
        start = "".join(head)
        if op is sre.BRANCH:
            branches = value[1]
            return {
                start + prefix for branch in branches for prefix in _prefixes(branch.data, sre)
            }
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, pattern = value
            if add_flags & re.IGNORECASE:
                return {start}
            return {start + prefix for prefix in _prefixes(pattern.data, sre)}
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, body = value
            found = _prefixes(body.data, sre)
            if low == 0:  # 'a?donde': the text may go straight on to what follows
                found |= _prefixes(items[index + 1 :], sre)
            return {start + prefix for prefix in found}
        return {start}
    return {"".join(head)}
