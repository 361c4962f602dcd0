"""Alias tables built from the knowledge base: every phrase that names a person, role or place.

Country names come from ISO 3166 (pycountry) plus the knowledge base's curated extras; each
phrase maps to exactly one target, and phrases naming several states are kept as ambiguous.
"""

from __future__ import annotations

import datetime as dt
import gettext
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from knowledge.models import Role
from knowledge.store import KnowledgeBase
from nlp.normalize import fold

TargetKind = Literal[
    "person",
    "person_ambiguous",
    "namesake",
    "role",
    "country",
    "demonym",
    "city",
    "territory",
    "ambiguous",
    "ignore",
]

RISKY_WORDS = frozenset(
    {"us", "it", "in", "me", "my", "ok", "la", "sa", "ca", "de", "id", "so", "kl", "car"}
)
"""Aliases that are also English words only match in capitals ('US', not 'us')."""

NOT_PLACES = (
    "the hague",
    "hague",
    "sent to the hague",
    "geneva convention",
    "geneva conventions",
    "kampala amendments",
    "kampala amendment",
    "rome statute",
    "rome treaty",
    "statut de rome",
    "statuto di roma",
    "estatuto de roma",
    "statutul de la roma",
    "statuut van rome",
    "roma statüsü",
    "rimski statut",
    "rimskog statuta",
    "römisches statut",
    "römischen statut",
    "römischen statuts",
    "vienna convention",
    "nuremberg trials",
    "nuremberg principles",
    "washington post",
    "new york times",
    "paris agreement",
    "paris club",
    "the states parties",
    "states parties",
    "state party",
)
"""Phrases that contain a place name but do not name a place (longest match wins)."""


@dataclass(frozen=True)
class Target:
    """What an alias points to. ``key`` is a person id, ISO code, or role/alias key."""

    kind: TargetKind
    key: str
    codes: tuple[str, ...] = ()
    """For ambiguous places: the candidate codes; for ambiguous people: the person ids."""
    note: str = ""


@dataclass
class AliasTable:
    """Phrase -> target, plus the role index and fuzzy-matching vocabularies."""

    phrases: dict[str, Target] = field(default_factory=dict)
    case_sensitive: dict[str, Target] = field(default_factory=dict)
    roles: dict[str, list[tuple[str, Role]]] = field(default_factory=dict)
    fuzzy_people: dict[str, str] = field(default_factory=dict)
    fuzzy_countries: dict[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    fuzzy_index: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    """First two letters -> (alias, kind, id): near misses must share their first two letters."""
    fuzzy_choices: dict[str, list[str]] = field(default_factory=dict)
    """First two letters -> the aliases of ``fuzzy_index``, same order (rapidfuzz's input)."""
    fuzzy_memo: dict[str, tuple[str, str, str, float] | None] = field(default_factory=dict)
    fuzzy_words: dict[str, str] = field(default_factory=dict)
    """Token text -> its folded form if a near miss is worth looking for (else "")."""
    """Word -> its closest alias (kind, id, alias, score), filled by the parser: the same
    unknown words ('arrested', 'visit') come back in message after message."""
    stems: dict[str, Target] = field(default_factory=dict)
    """Stem of a one-word Cyrillic alias -> target: Russian and Ukrainian names decline
    ('Путин', 'Путина', 'Путину'), and the phrase patterns hold only the dictionary form."""

    def index_stems(self) -> None:
        """Index the stems of one-word Cyrillic aliases; a stem two targets share is dropped."""
        self.stems.clear()
        clashes: set[str] = set()
        for phrase, target in self.phrases.items():
            if (
                target.kind not in _STEMMED_KINDS
                or " " in phrase
                or phrase.isascii()
                or not is_cyrillic(phrase)
            ):
                continue
            for stem in cyrillic_stems(phrase, for_alias=True):
                if self.stems.get(stem, target) != target:
                    clashes.add(stem)
                self.stems[stem] = target
        for stem in clashes:
            del self.stems[stem]

    def index_fuzzy(self) -> None:
        """Group the fuzzy vocabularies by first two letters (a near miss keeps them)."""
        self.fuzzy_index.clear()
        for kind, vocabulary in (("person", self.fuzzy_people), ("country", self.fuzzy_countries)):
            for alias, target_id in vocabulary.items():
                self.fuzzy_index.setdefault(alias[:2], []).append((alias, kind, target_id))
        self.fuzzy_choices = {
            prefix: [alias for alias, _, _ in entries]
            for prefix, entries in self.fuzzy_index.items()
        }

    def add(self, phrase: str, target: Target) -> None:
        """Register ``phrase`` (and its accent-free form) for ``target``; record conflicts."""
        stripped = phrase.strip()
        for variant in {stripped.lower(), fold(stripped)}:
            if not variant:
                continue
            if variant in RISKY_WORDS or variant in STOP_WORDS:
                self._put(self.case_sensitive, variant.upper(), target)
                continue
            self._put(self.phrases, variant, target)
            if "." in variant and _DOTTED.search(variant):
                # 'u.s.' as a pattern splits into 'u.s' + '.', but 'U.S.' in a message is one
                # token: register the capitalised spelling too, whose tokens match on LOWER.
                self._put(self.phrases, _upper_dotted(variant), target)

    def _put(self, table: dict[str, Target], phrase: str, target: Target) -> None:
        existing = table.get(phrase)
        if existing is None or (existing != target and _rank(target) < _rank(existing)):
            table[phrase] = target
        elif existing != target and _rank(target) == _rank(existing):
            self.conflicts.append(f"'{phrase}' names both {existing.key} and {target.key}")


_DOTTED = re.compile(r"(?<![\w.])(?:\w\.){2,}")
"""A dotted abbreviation: 'u.s.', 'u.k.', 'u.s.a.'."""


def _upper_dotted(phrase: str) -> str:
    return _DOTTED.sub(lambda match: match[0].upper(), phrase)


_RANK: dict[TargetKind, int] = {
    "ignore": -1,
    "person": 0,
    "person_ambiguous": 0,
    "namesake": 0,
    "role": 1,
    "ambiguous": 2,
    "country": 3,
    "territory": 4,
    "city": 5,
    "demonym": 6,
}


def _rank(target: Target) -> int:
    return _RANK[target.kind]


def build_alias_table(kb: KnowledgeBase) -> AliasTable:
    """Collect every alias of every person, role title and place in the knowledge base."""
    table = AliasTable()
    _add_people(kb, table)
    _add_places(kb, table)
    table.index_fuzzy()
    table.index_stems()
    return table


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_STEMMED_KINDS = frozenset({"person", "country", "city", "demonym", "territory"})
_CYRILLIC_ENDINGS = sorted(
    """
    иями ями ами ием ией ого его ому ему ыми ими ами ові еві ах ях ам ям ов ев ом ем ои еи ою ею
    ии ия ию ие ые ая яя ую юю ым им ых их ів іі ію ія оі еі а я у ю е и ы о ь і
    """.split(),
    key=len,
    reverse=True,
)
"""Case endings of Russian and Ukrainian nouns, after ``fold`` ('й' -> 'и', 'ї' -> 'і')."""


def cyrillic_stems(word: str, *, for_alias: bool = False) -> list[str]:
    """The folded word without each case ending it may have, longest stem first:
    'Ханое' -> ['ханое', 'хано']; an alias keeps only stems that can stand for it.

    Endings overlap ('Ханой' folds to 'ханои': 'хан' + 'ои' or 'хано' + 'и'), so an alias is
    indexed under every stem and a word is looked up under each of its own. A stem must keep
    four letters, or three when a two-letter ending went ('Индия' -> 'инд', 'Индии' -> 'инд'),
    so that short names ('Мали') do not swallow common words ('мало', 'хана').
    """
    folded = fold(word)
    stems = _stems(folded, for_alias=for_alias)
    if "-" in folded:
        # both halves of a double surname decline: 'Львової-Бєлової' is 'Львова-Бєлова'
        halves = [_stems(half, for_alias=True) for half in folded.split("-")]
        if all(halves):
            stems += ["-".join(combination) for combination in itertools.product(*halves)]
    return sorted(dict.fromkeys(stems), key=len, reverse=True)


def _stems(folded: str, *, for_alias: bool) -> list[str]:
    stems = [folded] if not for_alias and len(folded) >= 4 else []
    for ending in _CYRILLIC_ENDINGS:
        if folded.endswith(ending) and len(folded) > len(ending):
            stem = folded[: -len(ending)]
            if len(stem) >= 4 or (len(stem) == 3 and len(ending) >= 2):
                stems.append(stem)
    if for_alias and not stems and len(folded) >= 4:
        stems.append(folded)  # no case ending ('Путин'): the word is its own stem
    return stems


def is_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def _translations(language: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:  # a pycountry build without that locale: English names only
        return gettext.NullTranslations()


FOREIGN_SCRIPT_NAMES = ("ru", "uk")
"""Languages whose ISO 3166 country names (pycountry's translations) are aliases: Russian and
Ukrainian, which many of the bot's Telegram users write in and which no English word resembles."""


def _add_people(kb: KnowledgeBase, table: AliasTable) -> None:
    surnames: dict[str, set[str]] = defaultdict(set)
    for person in kb.people.values():
        target = Target("person", person.id)
        for phrase in (person.name, person.full_name, *person.aliases):
            if phrase:
                table.add(phrase, target)
        for namesake in person.namesakes:
            table.add(namesake, Target("namesake", namesake))
        surname = fold(person.name.split()[-1])
        if len(surname) >= 4:
            surnames[surname].add(person.id)
        for role in person.roles:
            for title in role.titles:
                table.roles.setdefault(fold(title), []).append((person.id, role))
    for surname, ids in surnames.items():
        # Surnames are aliases only where the data says so; a surname shared by several
        # people ('gaddafi') that nobody claims becomes a question back to the user.
        if len(ids) > 1 and surname not in table.phrases:
            table.add(surname, Target("person_ambiguous", surname, codes=tuple(sorted(ids))))
    for person in kb.people.values():
        for alias in person.aliases:
            folded = fold(alias)
            if " " not in folded and len(folded) >= 5:
                table.fuzzy_people.setdefault(folded, person.id)
    for title in list(table.roles):
        for phrase in (title, f"the {title}"):
            if phrase not in table.phrases:
                table.add(phrase, Target("role", title))


def _add_places(kb: KnowledgeBase, table: AliasTable) -> None:
    translations = [_translations(language) for language in FOREIGN_SCRIPT_NAMES]
    for code, state in kb.states.items():
        target = Target("country", code)
        table.add(state.name, target)
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, None)
                if value:
                    table.add(value, target)
                    if attr == "official_name":
                        continue  # 'Федеративная Республика Германия' is not typed in chats
                    for translation in translations:
                        translated = translation.gettext(value)
                        if translated != value and "," not in translated:
                            table.add(translated, target)
        folded = fold(state.name)
        if " " not in folded and len(folded) >= 5:
            table.fuzzy_countries.setdefault(folded, code)
    for place in kb.places.countries:
        for alias in place.aliases:
            table.add(alias, Target("country", place.code))
            folded = fold(alias)
            if " " not in folded and len(folded) >= 6:
                table.fuzzy_countries.setdefault(folded, place.code)
        for demonym in place.demonyms:
            table.add(demonym, Target("demonym", place.code))
        for city in place.cities:
            table.add(city, Target("city", place.code))
    for territory in kb.places.territories:
        target = Target("territory", territory.code, note=territory.name)
        for alias in (territory.name, *territory.aliases):
            table.add(alias, target)
    for ambiguous in kb.places.ambiguous:
        key = fold(ambiguous.alias)
        table.add(ambiguous.alias, Target("ambiguous", key, codes=ambiguous.codes))
    for phrase in NOT_PLACES:
        table.add(phrase, Target("ignore", phrase))


def resolve_role(table: AliasTable, title: str, on: dt.date) -> list[str]:
    """People holding the role named by ``title`` on ``on`` (usually one)."""
    holders = [pid for pid, role in table.roles.get(title, []) if role.holds_on(on)]
    return list(dict.fromkeys(holders))
