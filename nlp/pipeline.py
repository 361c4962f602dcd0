"""The spaCy pipeline: ``spacy.blank("en")`` + an ``entity_ruler`` built from the alias tables.

No pretrained model is needed (or available): every entity the bot cares about is in the
knowledge base, so phrase matching on ``LOWER`` with an id per pattern is exact and fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from knowledge.store import KnowledgeBase
from nlp.aliases import AliasTable, Target, build_alias_table

LABELS: dict[str, str] = {
    "person": "PERSON",
    "person_ambiguous": "PERSON_AMBIG",
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

    def __call__(self, text: str) -> Doc:
        """Tokenise and set ``doc.ents`` from the ruler's phrase matcher.

        Equivalent to ``nlp(text)`` (longest match wins, then the earliest), without the
        per-call bookkeeping of ``Language.__call__`` and the ruler, which costs more than the
        matching itself on short messages.
        """
        doc = self.nlp.make_doc(text)
        matches = self.matcher(doc)
        if matches:
            spans = [
                Span(
                    doc,
                    start,
                    end,
                    label=self.match_labels[key][0],
                    span_id=self.match_labels[key][1],
                )
                for key, start, end in matches
            ]
            doc.ents = filter_spans(spans)
        return doc


def _target_id(target: Target) -> str:
    return f"{target.kind}|{target.key}|{target.note}"


def build_pipeline(kb: KnowledgeBase) -> Pipeline:
    """Build the pipeline once per process (about 0.2-0.5 s for a few thousand patterns)."""
    aliases = build_alias_table(kb)
    nlp = spacy.blank("en")
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
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    labels = {
        key: (value["label"], value["id"])
        for key, value in ruler._match_label_id_map.items()  # type: ignore[attr-defined]
    }
    return Pipeline(
        nlp=nlp,
        aliases=aliases,
        targets=targets,
        country_codes=frozenset(kb.states),
        matcher=ruler.phrase_matcher,  # type: ignore[attr-defined]
        match_labels=labels,
    )
