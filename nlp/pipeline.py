"""The spaCy pipeline: ``spacy.blank("en")`` + an ``entity_ruler`` built from the alias tables.

No pretrained model is needed (or available): every entity the bot cares about is in the
knowledge base, so phrase matching on ``LOWER`` with an id per pattern is exact and fast.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import spacy
from spacy import attrs
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from knowledge.store import KnowledgeBase
from nlp.aliases import AliasTable, Target, build_alias_table

LABELS: dict[str, str] = {
    "person": "PERSON",
    "person_ambiguous": "PERSON_AMBIG",
    "namesake": "PERSON_OTHER",
    "role": "ROLE",
    "country": "GPE",
    "demonym": "NORP",
    "city": "CITY",
    "territory": "TERRITORY",
    "ambiguous": "GPE_AMBIG",
    "ignore": "IGNORE",
}


@dataclass(frozen=True)
class Pipeline:
    """A built pipeline and the alias table its patterns came from."""

    nlp: Language
    aliases: AliasTable
    targets: dict[str, Target]
    country_codes: frozenset[str]
    matcher: PhraseMatcher
    match_labels: dict[int, tuple[str, str]]
    pending: PendingPatterns = field(default_factory=lambda: PendingPatterns([]))
    """Patterns not given to the ruler yet (only an on-demand pipeline has any)."""

    def __call__(self, text: str) -> Doc:
        """Tokenise and set ``doc.ents`` from the ruler's phrase matcher.

        Equivalent to ``nlp(text)`` (longest match wins, then the earliest), without the
        per-call bookkeeping of ``Language.__call__`` and the ruler, which costs more than the
        matching itself on short messages.
        """
        doc, found = self.match(text)
        if found:
            doc.ents = [
                Span(
                    doc,
                    ent.start,
                    ent.end,
                    label=self.match_labels[ent.key][0],
                    span_id=ent.target_id,
                )
                for ent in found
            ]
        return doc

    def match(self, text: str) -> tuple[Doc, list[Entity]]:
        """The tokens and the entities ``__call__`` would set, as plain tuples (the parser's
        path: building ``Span`` objects and ``doc.ents`` cost a quarter of a parse).
        """
        doc = self.nlp.make_doc(text)
        if self.pending:
            self._register_patterns_for(doc)
        matches = self.matcher(doc)
        if not matches:
            return doc, []
        # spacy.util.filter_spans: longest first, then earliest; a span is kept unless its
        # first or last token is already taken.
        ordered = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        taken: set[int] = set()
        kept: list[tuple[int, int, int]] = []
        for key, start, end in ordered:
            if start not in taken and end - 1 not in taken:
                kept.append((key, start, end))
                taken.update(range(start, end))
        kept.sort(key=lambda m: m[1])
        entities = []
        for key, start, end in kept:
            last = doc[end - 1]
            start_char = doc[start].idx
            end_char = last.idx + len(last)
            entities.append(
                Entity(
                    start,
                    end,
                    start_char,
                    end_char,
                    text[start_char:end_char],
                    self.match_labels[key][1],
                    key,
                )
            )
        return doc, entities

    def _register_patterns_for(self, doc: Doc) -> None:
        """Give the ruler every pending pattern that could match in ``doc``.

        A phrase pattern matches consecutive tokens whose lower-cased texts equal its own
        tokens', and the tokens of each space-free word of a pattern join up to that word. So
        a pattern can only match if each of its words occurs in the doc's token texts joined
        without spaces; every other pattern stays pending. The test suite checks that this
        never leaves out a pattern the full pipeline matches.
        """
        needed = self.pending.take_for(joined_lower(doc))
        if needed:
            ruler = self.nlp.get_pipe("entity_ruler")
            add_phrase_patterns(self.nlp, ruler, [p.pattern for p in needed])
            self.match_labels.update(_match_labels(ruler))


class PendingPattern(NamedTuple):
    """A ruler pattern and its lower-cased space-separated words (the on-demand filter)."""

    pattern: dict[str, Any]
    words: tuple[str, ...]

    def could_match(self, joined: str) -> bool:
        """False only if the pattern cannot match a doc whose ``joined_lower`` is ``joined``."""
        return all(word in joined for word in self.words)


class PendingPatterns:
    """Patterns waiting for a text that could contain them, grouped by their longest word."""

    def __init__(self, patterns: list[PendingPattern]) -> None:
        self._by_word: dict[str, list[PendingPattern]] = {}
        for pattern in patterns:
            self._by_word.setdefault(max(pattern.words, key=len), []).append(pattern)

    def __len__(self) -> int:
        return sum(len(group) for group in self._by_word.values())

    def __bool__(self) -> bool:  # read on every match(): no counting
        return bool(self._by_word)

    def __iter__(self) -> Iterator[PendingPattern]:
        return (pattern for group in self._by_word.values() for pattern in group)

    def take_for(self, joined: str) -> list[PendingPattern]:
        """Remove and return the patterns that could match a doc with this ``joined_lower``."""
        taken: list[PendingPattern] = []
        for word in [word for word in self._by_word if word in joined]:
            keep: list[PendingPattern] = []
            for pattern in self._by_word.pop(word):
                (taken if pattern.could_match(joined) else keep).append(pattern)
            if keep:
                self._by_word[word] = keep
        return taken


def joined_lower(doc: Doc) -> str:
    """The doc's lower-cased token texts joined without spaces."""
    return "".join([token.lower_ for token in doc])


class Entity(NamedTuple):
    """One matched alias: token and character offsets, the text, and its target id."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    target_id: str
    key: int


USED_LEXEME_ATTRIBUTES = frozenset(
    {attrs.LOWER, attrs.IS_ALPHA, attrs.IS_UPPER, attrs.IS_PUNCT, attrs.LIKE_NUM}
)
"""Lexical attributes the parser reads: LOWER for the ruler, the flags nlp.parse tests
(``is_alpha``, ``is_upper``, ``is_punct``, ``like_num``). Nothing here reads the others."""


def _keep_used_lexeme_attributes(nlp: Language) -> None:
    """Compute only the lexical attributes we read when a new word enters the vocabulary.

    Adding the ruler's patterns creates thousands of lexemes (one per match label, and the
    tokens of the phrases ``PhraseKeys`` tokenizes), and computing shape, prefix, suffix,
    stop-word and URL/e-mail flags for each was a sixth of the build time. Those
    attributes are left unset (0/empty) for new words; nothing here reads them.
    """
    getters = nlp.vocab.lex_attr_getters  # type: ignore[attr-defined]  # not in the stubs
    for attribute in [key for key in getters if key not in USED_LEXEME_ATTRIBUTES]:
        del getters[attribute]


class PhraseKeys:
    """The ``LOWER`` ids of a phrase's tokens: what the ruler's phrase matcher stores for it.

    ``SpanRuler.add_patterns`` runs the tokenizer over every phrase, which was over a third of
    the build. Most phrases are words of letters (``str.isalpha``) separated by single
    spaces, and the English tokenizer splits such a phrase at the spaces and nowhere else:

    - no prefix, suffix or infix rule matches in a string of letters: each takes a character
      that is not a letter (punctuation, symbols, quotes, hyphens, dots), or a digit before it
      (units such as 'km', currencies);
    - ``token_match`` and ``url_match`` only ever keep a word whole;
    - a special case applies to a word that is one of its keys ('cannot', 'gonna': such a
      phrase goes to the tokenizer), and the final pass that re-applies special cases across
      tokens only holds keys with an affix or a space, whose tokens include a non-letter.

    So each word is one token, whose ``LOWER`` is the vocabulary's ``LOWER`` getter of the
    word (what the lexeme would get). Every other phrase (a digit, hyphen, apostrophe or dot,
    a special-case word, doubled spaces) goes through the real tokenizer.
    tests/nlp/test_phrase_keys.py checks the two agree on every pattern of the packaged
    knowledge base and on awkward strings, and the premises above for every letter.

    The words' lexemes are not created here: the tokenizer creates them, with the same
    attributes, when a message contains them; the phrase matcher needs only the ids.
    """

    def __init__(self, nlp: Language) -> None:
        self._make_doc = nlp.make_doc
        tokenizer: Any = nlp.tokenizer
        self._special_cases: dict[str, Any] = tokenizer.rules
        self._lower = nlp.vocab.lex_attr_getters[attrs.LOWER]  # type: ignore[attr-defined]
        self._add_string = nlp.vocab.strings.add
        self._word_keys: dict[str, int] = {}

    def __call__(self, phrase: str) -> list[int]:
        keys: list[int] = []
        for word in phrase.split(" "):
            key = self._word_keys.get(word)
            if key is None:
                if not word.isalpha() or word in self._special_cases:
                    return self.tokenized(phrase)
                key = self._word_keys[word] = self._add_string(self._lower(word))
            keys.append(key)
        return keys

    def tokenized(self, phrase: str) -> list[int]:
        """The ids from the real tokenizer (what ``SpanRuler.add_patterns`` stores)."""
        return [token.lower for token in self._make_doc(phrase)]


def add_phrase_patterns(nlp: Language, ruler: Any, patterns: list[dict[str, Any]]) -> None:
    """``ruler.add_patterns(patterns)`` for phrase patterns, with the keys from ``PhraseKeys``.

    Same bookkeeping as spaCy's ``SpanRuler.add_patterns`` (the label and id of each match
    key, the pattern list), and the same phrases added to its phrase matcher in the same
    order, so ``nlp(text)`` and ``Pipeline.match`` find exactly what they found before.
    Consecutive patterns with one label (the aliases of one target) are added in one call.
    """
    keys = PhraseKeys(nlp)
    label_ids = ruler._match_label_id_map  # not in the stubs
    labels: list[str] = []
    for entry in patterns:
        label_name, target_id = entry["label"], entry.get("id", "")
        label = repr((label_name, target_id))
        label_ids[nlp.vocab.strings.as_int(label)] = {"label": label_name, "id": target_id}
        labels.append(label)
    ruler._patterns.extend(patterns)
    add = ruler.phrase_matcher.add
    for label, group in itertools.groupby(zip(labels, patterns, strict=True), key=_first):
        add(label, [keys(entry["pattern"]) for _, entry in group])


def _first(pair: tuple[str, dict[str, Any]]) -> str:
    return pair[0]


def _target_id(target: Target) -> str:
    return f"{target.kind}|{target.key}|{target.note}"


def _match_labels(ruler: Any) -> dict[int, tuple[str, str]]:
    return {
        key: (value["label"], value["id"])
        for key, value in ruler._match_label_id_map.items()  # not in the stubs
    }


def build_pipeline(kb: KnowledgeBase, *, on_demand: bool = False) -> Pipeline:
    """Build the pipeline once per process (about half a second for a few thousand patterns).

    Args:
        kb: the knowledge base whose aliases become the ruler's patterns.
        on_demand: hand a pattern to the ruler only when a text that could contain it is
            matched. Same entities for every text; for a process that parses one question
            (``warrantwatch ask``), tokenising a few thousand patterns would cost more than
            everything else after ``import spacy``.

    """
    aliases = build_alias_table(kb)
    nlp = spacy.blank("en")
    _keep_used_lexeme_attributes(nlp)
    # "future_entity_ruler" is spaCy 3's SpanRuler-based entity ruler (the entity_ruler of
    # spaCy 4): same patterns and ids, but it does not re-count every pattern on each call.
    ruler = nlp.add_pipe(
        "future_entity_ruler",
        name="entity_ruler",
        config={"phrase_matcher_attr": "LOWER", "validate": False, "overwrite_ents": True},
    )
    targets: dict[str, Target] = {}
    patterns: list[dict[str, Any]] = []
    for phrase, target in aliases.phrases.items():
        target_id = _target_id(target)
        targets[target_id] = target
        patterns.append({"label": LABELS[target.kind], "pattern": phrase, "id": target_id})
    for target in aliases.case_sensitive.values():
        targets[_target_id(target)] = target
    # Case-sensitive aliases ('US') are looked up per token in nlp.parse: a token Matcher for
    # a handful of patterns would cost more per message than the whole phrase matcher.
    pending: list[PendingPattern] = []
    if on_demand:
        pending = [PendingPattern(p, tuple(p["pattern"].lower().split())) for p in patterns]
    else:
        add_phrase_patterns(nlp, ruler, patterns)
    return Pipeline(
        nlp=nlp,
        aliases=aliases,
        targets=targets,
        country_codes=frozenset(kb.states),
        matcher=ruler.phrase_matcher,  # type: ignore[attr-defined]
        match_labels=_match_labels(ruler),
        pending=PendingPatterns(pending),
    )
