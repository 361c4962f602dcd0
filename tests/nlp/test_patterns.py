"""The cue patterns' pre-test may skip a search only when the search would find nothing."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import intents
from nlp.normalize import clean, fold
from nlp.patterns import StartKeys, WordPattern, WordStarts, literal_prefixes, start_keys, words
from tests.nlp.test_intents import _all_texts

WORD_PATTERNS: list[tuple[str, WordPattern]] = [
    *((name, value) for name, value in vars(intents).items() if isinstance(value, WordPattern)),
    *((f"topic {name}", pattern) for name, pattern in intents.TOPICS),
]


def test_every_cue_pattern_has_a_pre_test() -> None:
    """A pattern whose alternatives cannot all be read gets no pre-test (and stays correct);
    the cue patterns can all be read, so none of them pays for a full search on every text.
    """
    assert len(WORD_PATTERNS) > 30
    assert [name for name, pattern in WORD_PATTERNS if pattern.keys is None] == []


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        ("arrest|detain", {"arrest", "detain"}),
        (r"hand(?:ed|s)? over", {"handed over", "hands over", "hand over"}),
        (r"(?:istgh-)?haftbefehl\w*", {"istgh-haftbefehl", "haftbefehl"}),
        (r"a?donde puede", {"adonde puede", "donde puede"}),
        (r"(?:who|what) (?:is|are)", {"who is", "who are", "what is", "what are"}),
        (r"ha[sv]e? x", {"hase x", "has x", "have x", "hav x"}),
        (r"(?<![\w-])icc", {"icc"}),
        (r"x+y", {"x"}),
        (r"\w+ist", None),  # starts with a class
        (r"(?:in )?\d{4}", None),  # may start with a digit
        (r"(?i)icc", None),  # case-insensitive: literals say nothing
        (r"", None),
    ],
)
def test_literal_prefixes(pattern: str, prefixes: set[str] | None) -> None:
    assert literal_prefixes(pattern) == prefixes


def test_start_keys() -> None:
    # three letters of a longer word; a short word the literal text closes; an open short start
    assert start_keys(r"arrest\w*|i\.c\.c|hand over|be taken|if|go\w*") == StartKeys(
        heads=frozenset({"arr", "i", "han", "be", "if", "go"}),  # 'go' alone, or going on
        open=frozenset({"go"}),
    )
    # 'if' followed by \w* may be 'if' or 'iffy'; followed by white space, it is closed
    assert start_keys(r"(?:if|as)\w*") == StartKeys(
        frozenset({"if", "as"}), frozenset({"if", "as"})
    )
    assert start_keys(r"do\s+it") == StartKeys(frozenset({"do"}), frozenset())
    assert start_keys(r"\? never|arrest") is None  # a match may start with punctuation


def test_word_starts() -> None:
    starts = WordStarts("can putin-x go?")
    assert starts.heads == {"can", "put", "go"}
    assert starts.short_heads == {"c", "ca", "p", "pu", "g", "go"}
    assert WordStarts("").heads == set()


def test_an_open_start_matches_longer_words_and_a_closed_one_only_itself() -> None:
    keys = start_keys(r"if\w*|be taken")
    assert keys is not None
    assert keys.may_match(WordStarts("iffy"))  # 'if' may go on
    assert not keys.may_match(WordStarts("beta taken"))  # 'be ' is a whole word
    assert keys.may_match(WordStarts("to be taken"))


def _agree(pattern: WordPattern, text: str) -> bool:
    return pattern.occurs_in(text, WordStarts(text)) == (pattern.search(text) is not None)


@pytest.mark.parametrize(("name", "pattern"), WORD_PATTERNS, ids=[n for n, _ in WORD_PATTERNS])
def test_pre_test_agrees_with_search_on_labelled_texts(name: str, pattern: WordPattern) -> None:
    texts = _all_texts()
    assert sum(pattern.search(text) is not None for text in texts) > 0, name  # not vacuous
    assert all(_agree(pattern, text) for text in texts), name


def _fragments() -> list[str]:
    """Words and phrases cut from the cue patterns' own sources, so generated texts match."""
    pieces: set[str] = set()
    for _, pattern in WORD_PATTERNS:
        for part in pattern.pattern.split("|"):
            literal = re.sub(r"\\w\*|\\w\+|\(\?:|[()?*+\\\[\]]", "", part).strip()
            if literal:
                pieces.add(literal)
    return sorted(pieces)


FRAGMENTS = _fragments()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([" ", "-", "", "'", ", ", "?", "\n"]),
)
def test_pre_test_agrees_with_search_on_generated_texts(parts: list[str], glue: str) -> None:
    text = fold(clean(glue.join(parts)).text)
    for name, pattern in WORD_PATTERNS:
        assert _agree(pattern, text), (name, text)


def test_a_pattern_without_keys_still_searches() -> None:
    pattern = words(r"\w+ist")
    assert pattern.keys is None
    assert pattern.occurs_in("a pianist", WordStarts("a pianist"))
    assert not pattern.occurs_in("a piano", WordStarts("a piano"))


def test_whitespace_is_what_split_says_it_is() -> None:
    """``clean`` collapses whitespace with str.split(), as the regular expression \\s+ did."""
    spaces = re.compile(r"\s")
    for code in range(0x110000):
        char = chr(code)
        assert (spaces.match(char) is not None) == char.isspace(), hex(code)


def test_a_repeated_body_is_not_followed_through() -> None:
    # '(?:ab)+c' may be 'ababc': the body alone ('ab') is all that is known to come first
    assert literal_prefixes(r"(?:ab)+c") == {"ab"}
    assert literal_prefixes(r"(?:ab)?c") == {"abc", "c"}
