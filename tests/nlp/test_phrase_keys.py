"""The ruler's phrase matcher gets what spaCy's own ``SpanRuler.add_patterns`` would give it.

``PhraseKeys`` skips the tokenizer for phrases of letter-only words; these tests fail if that
shortcut ever yields other tokens than the real tokenizer (a spaCy upgrade with new affix
rules or special cases, a new kind of alias in the knowledge base).
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from nlp.pipeline import PhraseKeys, Pipeline, _keep_used_lexeme_attributes
from tests.conftest import labelled_texts

RULER_CONFIG = {"phrase_matcher_attr": "LOWER", "validate": False, "overwrite_ents": True}


class _CountingKeys(PhraseKeys):
    """Counts the phrases that went through the real tokenizer."""

    def __init__(self, nlp: Language) -> None:
        super().__init__(nlp)
        self.tokenized_phrases = 0

    def tokenized(self, phrase: str) -> list[int]:
        self.tokenized_phrases += 1
        return super().tokenized(phrase)


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    _keep_used_lexeme_attributes(nlp)
    return nlp


def _tokenizer_lowers(nlp: Language, phrase: str) -> list[str]:
    return [token.lower_ for token in nlp.tokenizer(phrase)]


def _assert_same_tokens(nlp: Language, keys: PhraseKeys, phrase: str) -> None:
    ids = keys(phrase)
    assert [nlp.vocab.strings[key] for key in ids] == _tokenizer_lowers(nlp, phrase), phrase
    assert ids == [token.lower for token in nlp.tokenizer(phrase)], phrase


def test_every_pattern_of_the_packaged_knowledge_base_gets_the_tokenizers_tokens(
    nlp: Language, pipeline: Pipeline
) -> None:
    ruler: Any = pipeline.nlp.get_pipe("entity_ruler")
    phrases = [entry["pattern"] for entry in ruler.patterns]
    assert len(phrases) > 5000
    keys = _CountingKeys(nlp)
    for phrase in phrases:
        _assert_same_tokens(nlp, keys, phrase)
    # the shortcut is what most phrases take (else this test would prove little)
    assert keys.tokenized_phrases < len(phrases) // 5


AWKWARD = [
    "",
    " ",
    "  ",
    " leading space",
    "trailing space ",
    "two  spaces",
    "tab\tseparated",
    "line\nbreak",
    "no\xa0break",
    "thin\u2009space",
    "côte d'ivoire",
    "côte d’ivoire",
    "cote dʼivoire",  # U+02BC, a modifier letter: str.isalpha() is true
    "guinea-bissau",
    "timor-leste",
    "al-bashir",
    "аль-башир",
    "a--b",
    "a—b",
    "a–b",
    "a~b",
    "x/y",
    "a,b",
    "a.b",
    "A.B",
    "a:b",
    "u.s.",
    "U.S.",
    "u.s.a.",
    "st. kitts",
    "st kitts",
    "v. putin",
    "mr putin",
    "Mr. Putin",
    "Dr",
    "e.g.",
    "a.m.",
    "...",
    "hello...",
    "putin's",
    "PUTIN'S",
    "putin’s",
    "the president's plane",
    "o'neill",
    "'s",
    "n't",
    "cannot",
    "Cannot",
    "CANNOT",
    "gonna",
    "Gonna go",
    "we gotta",
    "Im",
    "im",
    "Ill",
    "ill",
    "Its",
    "its",
    "Id",
    "id",
    "Hes",
    "whats up",
    "won't",
    "can't",
    "don't",
    "y'all",
    "ma'am",
    "o'clock",
    "'cause",
    "1st",
    "g7",
    "g 20",
    "g-20",
    "1960s",
    "1990's",
    "'90s",
    "5km",
    "km",
    "5 km",
    "µm",
    "5µm",
    "10%",
    "US",
    "US$",
    "US$5",
    "C$",
    "$5",
    "№5",
    "ICC",
    "I.C.C.",
    "email@example.com",
    "http://example.com",
    "www.icc-cpi.int",
    "icc-cpi.int",
    "#icc",
    "@user",
    "(hague)",
    "[icc]",
    "“quoted”",
    '"quoted"',
    "«Путин»",
    ":)",
    ":-)",
    "<3",
    "^_^",
    "-_-",
    "o.O",
    "xD",
    "🇲🇳 mongolia",
    "mongolia🇲🇳",
    "São Tomé and Príncipe",
    "são tomé",
    "e\u0301tat",  # a combining accent: not a letter
    "İstanbul",
    "ıstanbul",
    "straße",
    "ǅemal",
    "ΕΛΛΑΔΑ",
    "Ελλάδα",
    "россия",
    "Кот-д’Ивуар",
    "Республика Корея",
    "україна",
    "Україна",
    "ქართული",
    "Հայաստան",
    "العراق",
    "ישראל",
    "中华人民共和国",
    "日本",
    "한국",
    "ひらがな カタカナ",
    "भारत",
    "ไทย",
    "ªb",
    "ºc",
    "ⅻ",
    "Ⅻ",
    "ǈǋ",
    "ᴬᴮ",
    "ﬁnland",
    "ｆｕｌｌｗｉｄｔｈ",
    "the hague",
    "the states parties",
]


@pytest.mark.parametrize("phrase", AWKWARD)
def test_awkward_phrases_get_the_tokenizers_tokens(nlp: Language, phrase: str) -> None:
    _assert_same_tokens(nlp, PhraseKeys(nlp), phrase)


def test_every_special_case_of_the_tokenizer_gets_the_tokenizers_tokens(nlp: Language) -> None:
    keys = PhraseKeys(nlp)
    tokenizer: Any = nlp.tokenizer
    rules: dict[str, Any] = tokenizer.rules
    assert len(rules) > 1000
    for key in rules:
        for phrase in (key, f"putin {key}", f"{key} mongolia", f"will {key} arrest {key}"):
            _assert_same_tokens(nlp, keys, phrase)


def test_the_shortcuts_premises_hold_for_every_letter(nlp: Language) -> None:
    """``PhraseKeys`` relies on these: no affix rule matches in a string of letters, and the
    special cases that apply across tokens have keys that are not all letters."""
    tokenizer: Any = nlp.tokenizer
    letters = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isalpha()]
    assert len(letters) > 100_000
    for letter in letters:
        assert tokenizer.prefix_search(letter) is None, hex(ord(letter))
        assert tokenizer.suffix_search(letter) is None, hex(ord(letter))
        assert next(tokenizer.infix_finditer(letter), None) is None, hex(ord(letter))
    everything = "".join(letters)
    assert tokenizer.prefix_search(everything) is None
    assert tokenizer.suffix_search(everything) is None
    assert next(tokenizer.infix_finditer(everything), None) is None
    for key in tokenizer.rules:
        if key.isalpha():
            assert not tokenizer.find_prefix(key), key
            assert not tokenizer.find_suffix(key), key
            assert not tokenizer.find_infix(key), key
        if any(ch.isspace() for ch in key):
            assert not any(ch.isalpha() for ch in key), key


_LETTERS = st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"])
_WORDS = st.one_of(
    st.text(_LETTERS, min_size=1, max_size=8),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCZ'-.’ʼ"), min_size=1, max_size=8),
    st.sampled_from(["cannot", "Gonna", "Im", "ill", "Its", "us", "U.S.", "putin's", "d'ivoire"]),
)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, min_size=1, max_size=4))
def test_letter_words_get_the_tokenizers_tokens(nlp: Language, words: list[str]) -> None:
    _assert_same_tokens(nlp, PhraseKeys(nlp), " ".join(words))


def test_the_ruler_holds_what_spacys_add_patterns_gives_it(pipeline: Pipeline) -> None:
    ruler: Any = pipeline.nlp.get_pipe("entity_ruler")
    reference = spacy.blank("en")
    _keep_used_lexeme_attributes(reference)
    reference_ruler: Any = reference.add_pipe(
        "future_entity_ruler", name="entity_ruler", config=RULER_CONFIG
    )
    reference_ruler.add_patterns(ruler.patterns)

    assert ruler.patterns == reference_ruler.patterns
    assert ruler._match_label_id_map == reference_ruler._match_label_id_map
    assert len(ruler.phrase_matcher) == len(reference_ruler.phrase_matcher)
    # the phrases of each match key, as LOWER ids (PhraseMatcher pickles them)
    phrases = ruler.phrase_matcher.__reduce__()[1][1]
    assert phrases == reference_ruler.phrase_matcher.__reduce__()[1][1]
    assert len(phrases) > 1000

    for text in labelled_texts()[::3]:
        expected = [(e.start, e.end, e.label_, e.id_) for e in reference(text).ents]
        assert [(e.start, e.end, e.label_, e.id_) for e in pipeline.nlp(text).ents] == expected
        assert [(e.start, e.end, e.label_, e.id_) for e in pipeline(text).ents] == expected
