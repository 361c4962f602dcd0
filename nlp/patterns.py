"""Regular expressions for the intent cues: compiled on first use, with a cheap pre-test.

A cue is read from nearly every message, and most messages do not contain it. Python's regular
expression engine tries a pattern that starts with a look-behind at every position of the text
(2-6 µs for a short message); comparing the starts of the text's words with the starts of the
pattern's alternatives rules most texts out in a tenth of that. Those starts are read from the
pattern's own parse tree, never typed by hand, so the pre-test cannot drift from the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple, cast


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


class WordStarts:
    """How the words of one text begin, for ``WordPattern.occurs_in``."""

    __slots__ = ("_runs", "_short", "heads")

    def __init__(self, text: str) -> None:
        self._runs: list[str] = _RUN.findall(text)
        self.heads = {run[:KEY_LENGTH] for run in self._runs}
        """The first three characters of every word (all of a shorter word)."""
        self._short: set[str] | None = None

    @property
    def short_heads(self) -> set[str]:
        """The first one and two characters of every word (only some patterns need them)."""
        if self._short is None:
            runs = self._runs
            self._short = {run[:1] for run in runs} | {run[:2] for run in runs}
        return self._short


class StartKeys(NamedTuple):
    """How every match of a pattern begins: with one of ``heads`` (the first three
    characters of its first word, or the whole word if shorter) or with a word that starts
    with one of ``open`` (one or two letters the pattern may continue with a class or group).
    """

    heads: frozenset[str]
    open: frozenset[str]

    def may_match(self, starts: WordStarts) -> bool:
        if not self.heads.isdisjoint(starts.heads):
            return True
        return bool(self.open) and not self.open.isdisjoint(starts.short_heads)


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
        self._keys: StartKeys | None = None

    def _compile(self) -> re.Pattern[str]:
        self._regex = re.compile(self.source)
        self._keys = start_keys(self.pattern)
        return self._regex

    @property
    def keys(self) -> StartKeys | None:
        """How every match begins (None: no pre-test)."""
        if self._regex is None:
            self._compile()
        return self._keys

    def search(self, text: str) -> re.Match[str] | None:
        return (self._regex or self._compile()).search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return (self._regex or self._compile()).finditer(text)

    def may_occur(self, starts: WordStarts) -> bool:
        """False if no match can begin at the starts of the text's words (the pre-test)."""
        if self._regex is None:
            self._compile()
        keys = self._keys
        return keys is None or keys.may_match(starts)

    def occurs_in(self, text: str, starts: WordStarts) -> bool:
        """Whether the pattern matches in ``text`` (``starts``: its ``WordStarts``); the same
        answer as ``search``, usually without searching.
        """
        regex = self._regex or self._compile()
        keys = self._keys
        if (
            keys is not None
            and keys.heads.isdisjoint(starts.heads)
            and (not keys.open or keys.open.isdisjoint(starts.short_heads))
        ):
            return False  # (keys.may_match, inlined: this runs a dozen times per message)
        return regex.search(text) is not None


def words(pattern: str) -> WordPattern:
    """A pattern for ``pattern`` as whole words (compiled on first use)."""
    return WordPattern(pattern)


def start_keys(pattern: str) -> StartKeys | None:
    r"""How each alternative of ``pattern`` (as whole words) begins, or None if some alternative
    can start with something else (a class, a repeat, punctuation).

    A word of three letters or more gives its first three ('arrest' -> 'arr'); a shorter word
    that the pattern closes ('be ' in 'be taken', or 'if' at the end of an alternative, where
    the word must end) is the whole word; a shorter word followed by a class or a group ('go'
    in 'go\w*') may go on, so only its start is known.
    """
    prefixes = literal_prefixes(pattern, word_end=True)
    if prefixes is None:
        return None
    heads: set[str] = set()
    open_starts: set[str] = set()
    for prefix in prefixes:
        found = _RUN.match(prefix)
        if found is None:
            return None
        word = found[0]
        if len(word) >= KEY_LENGTH or len(word) < len(prefix):
            heads.add(word[:KEY_LENGTH])
        else:
            open_starts.add(word)
    return StartKeys(frozenset(heads), frozenset(open_starts))


_WORD_END = " "
"""Stands for the end of a whole-word match in a prefix: nothing of ``[\\w-]`` follows."""


def literal_prefixes(source: str, *, word_end: bool = False) -> set[str] | None:
    """The literal strings one of which every match of ``source`` starts with, or None if the
    parse tree gives none (a match may start with a class, a repeat, or nothing at all).

    Read from the standard library's own parse of the pattern: for each alternative at the
    start, the run of literal characters it begins with. With ``word_end``, a match of
    ``source`` is known to end a word (``WordPattern`` adds the look-ahead), and a prefix that
    reaches the end of the pattern says so with a trailing space.
    """
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source)
    except (ImportError, AttributeError, re.error):  # another Python's internals
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    lead = "" if word_end else None
    prefixes = _prefixes(parsed.data, sre, (), _WORD_END if word_end else "", lead)
    return None if "" in prefixes else prefixes


_MAX_PREFIXES = 2000
"""Beyond this many, a prefix set stops growing (shorter prefixes are still true, only weaker)."""
_SMALL_CLASS = 4
"""A class of at most this many plain characters ('[sv]') is read as that many literals."""


def _prefixes(
    items: list[tuple[Any, Any]],
    sre: Any,
    follow: tuple[list[tuple[Any, Any]], ...],
    end: str,
    lead: str | None = None,
) -> set[str]:
    """The literal strings one of which starts every match of the op sequence ``items`` followed
    by the sequences ``follow``; ``end`` is added to a prefix that reaches the end of them all.

    ``lead`` (whole-word keys only) is what the prefix starts with before ``items``: once it
    holds a word's first three characters or a whole word, longer prefixes add nothing.
    """
    head: list[str] = []
    for index, (op, value) in enumerate(items):
        if op is sre.LITERAL:
            head.append(chr(value))
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: it only narrows what matches, never what a match starts with
        start = "".join(head)
        if lead is not None and _settled(lead + start):
            return {start}
        inner_lead = None if lead is None else lead + start
        after = (items[index + 1 :], *follow)
        if lead is not None and _is_space(op, value, sre):
            return {start + _WORD_END}  # white space ends the word: 'do\s+'
        if op is sre.BRANCH:
            found = set().union(
                *(_prefixes(b.data, sre, after, end, inner_lead) for b in value[1])
            )
        elif op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, pattern = value
            if add_flags & re.IGNORECASE:
                return {start}
            found = _prefixes(pattern.data, sre, after, end, inner_lead)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, body = value
            if high == 1:  # at most once: then what follows
                found = _prefixes(body.data, sre, after, end, inner_lead)
            else:  # the body, which may repeat, alone
                found = _prefixes(body.data, sre, (), "", inner_lead)
            if low == 0:  # 'a?donde': the text may go straight on to what follows
                found |= _prefixes(items[index + 1 :], sre, follow, end, inner_lead)
        elif (
            op is sre.IN and len(value) <= _SMALL_CLASS and all(o is sre.LITERAL for o, _ in value)
        ):
            found = {
                chr(char) + prefix
                for _, char in value
                for prefix in _prefixes(
                    items[index + 1 :],
                    sre,
                    follow,
                    end,
                    None if inner_lead is None else inner_lead + chr(char),
                )
            }
        else:
            return {start}
        if len(found) > _MAX_PREFIXES:
            return {start}
        return {start + prefix for prefix in found}
    text = "".join(head)
    if follow and not (lead is not None and _settled(lead + text)):
        rest = _prefixes(follow[0], sre, follow[1:], end, None if lead is None else lead + text)
        return {text + prefix for prefix in rest}
    return {text + end} if not follow else {text}


def _is_space(op: Any, value: Any, sre: Any) -> bool:
    r"""Whether ``op`` starts with white space only (``\s``, or a repeat of it)."""
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[0] >= 1 and value[2].data:
        op, value = value[2].data[0]
    return op is sre.IN and value == [(sre.CATEGORY, sre.CATEGORY_SPACE)]


def _settled(prefix: str) -> bool:
    """Whether a longer prefix would give the same start key (three characters of the first
    word are known, or where it ends).
    """
    word = _RUN.match(prefix)
    return word is not None and (len(word[0]) >= KEY_LENGTH or len(word[0]) < len(prefix))
