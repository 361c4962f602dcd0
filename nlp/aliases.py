"""Alias tables built from the knowledge base: every phrase that names a person, role or place.

Country names come from ISO 3166 (pycountry), the CLDR territory names Babel ships for the
languages people ask in, and the knowledge base's curated extras; each phrase maps to exactly
one target, and phrases naming several states are kept as ambiguous.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import hashlib
import importlib.util
import itertools
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from knowledge.models import Role
from knowledge.store import KnowledgeBase
from nlp.normalize import clean, fold

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
    {"us", "it", "in", "me", "my", "ok", "la", "sa", "ca", "de", "id", "so", "kl", "car", "abd"}
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
    "lahey",
    "لاهای",
    "لاهه",
    *(f"roma statüsü'{ending}" for ending in ("ne", "nü", "nün", "nde", "nden")),
    *(f"рим статут{ending}" for ending in ("ы", "ына", "ын", "ында", "ынан", "ының")),
    *(f"рим статут{ending}" for ending in ("у", "уна", "ун", "унда", "унан", "унун")),
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
    ('Путин', 'Путина', 'Путину'), Kazakh and Kyrgyz ones take case suffixes ('Путинге'), and
    the phrase patterns hold only the dictionary form."""
    transliterated: dict[str, Target] = field(default_factory=dict)
    """Cyrillic spelling of a one-word Latin person alias -> the person ('lukashenko' ->
    'лукашенко'): indexed as whole-word stems only, never as phrase patterns."""

    def index_stems(self) -> None:
        """Index the stems of one-word Cyrillic aliases and the Cyrillic spellings of Latin
        person aliases; a stem two targets share is dropped.
        """
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
        common = common_words()
        for spelling, target in self.transliterated.items():
            if spelling in common or self.phrases.get(spelling, target) != target:
                continue
            if self.stems.get(spelling, target) != target:
                clashes.add(spelling)
            self.stems[spelling] = target
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
        for variant in phrase_forms(stripped):
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


_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


def phrase_forms(phrase: str) -> set[str]:
    """The lower-cased phrase as written, as ``clean`` leaves it (one Arabic-script spelling),
    and accent-free: the texts a message can hold it in.
    """
    lowered = phrase.lower()
    if lowered.isascii():
        return {lowered, fold(phrase)}
    if _ARABIC_LETTER.search(lowered):
        return {fold(phrase)}  # ``clean`` spells Arabic script as ``fold`` does
    return {lowered, fold(phrase), clean(lowered, limit=len(lowered) + 1).text}


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
_TURKIC_SUFFIXES = sorted(
    """
    ға ге қа ке на не да де та те нда нде дан ден тан тен нан нен ндан нден ның нің дың дің
    тың тің ны ні ды ді ты ті мен бен пен менен дағы дегі тағы тегі ндағы ндегі
    га го гө ка ко кө но нө до дө то тө ндо ндө дон дөн тон төн нон нөн нын нин нун нүн дын
    дин дун дүн тын тин тун түн ни ну нү ди ду дү ти ту тү дагы деги догу дөгү тагы теги
    """.split(),
    key=len,
    reverse=True,
)
"""Kazakh and Kyrgyz case suffixes (dative, locative, ablative, genitive, accusative,
instrumental, and the locative adjective '-дағы'), in every vowel-harmony form: they follow the
dictionary form whole ('Қазақстанға', 'Моңғолияда', 'Путинди')."""
_KAZAKH_KYRGYZ = re.compile("[әғқңөұүһ]")
"""Letters only Kazakh and Kyrgyz have (not 'і', which Ukrainian shares)."""
_PLAIN_CYRILLIC = str.maketrans("әғқңөұүһі", "агкноуухи")
"""Kazakh and Kyrgyz letters as a Russian keyboard types them ('Қазақстан' -> 'Казакстан')."""
_TURKIC_BASE = 4
"""Letters a name must keep when a Kazakh or Kyrgyz suffix comes off it."""


def cyrillic_stems(word: str, *, for_alias: bool = False) -> list[str]:
    """The folded word without each case ending it may have, longest stem first:
    'Ханое' -> ['ханое', 'хано']; an alias keeps only stems that can stand for it.

    Endings overlap ('Ханой' folds to 'ханои': 'хан' + 'ои' or 'хано' + 'и'), so an alias is
    indexed under every stem and a word is looked up under each of its own. A stem must keep
    four letters, or three when a two-letter ending went ('Индия' -> 'инд', 'Индии' -> 'инд'),
    so that short names ('Мали') do not swallow common words ('мало', 'хана').

    An alias is also indexed whole, and a word is also looked up without a Kazakh or Kyrgyz
    case suffix ('Моңғолияда' -> 'моңғолия'): those follow the whole dictionary form, so
    the rest must be an alias as it stands.
    """
    folded = fold(word)
    stems = _stems(folded, for_alias=for_alias)
    if not for_alias and _KAZAKH_KYRGYZ.search(folded):
        stems += _stems(folded.translate(_PLAIN_CYRILLIC), for_alias=False)  # 'Тоқаев'
    if "-" in folded:
        # both halves of a double surname decline: 'Львової-Бєлової' is 'Львова-Бєлова'
        halves = [_stems(half, for_alias=True) for half in folded.split("-")]
        if all(halves):
            stems += ["-".join(combination) for combination in itertools.product(*halves)]
    return sorted(dict.fromkeys(stems), key=len, reverse=True)


def _stems(folded: str, *, for_alias: bool) -> list[str]:
    stems = [folded] if len(folded) >= 4 else []  # 'Путин' is its own stem
    for ending in _CYRILLIC_ENDINGS:
        if folded.endswith(ending) and len(folded) > len(ending):
            stem = folded[: -len(ending)]
            if len(stem) >= 4 or (len(stem) == 3 and len(ending) >= 2):
                stems.append(stem)
    if not for_alias:
        stems += [
            folded[: -len(suffix)]
            for suffix in _TURKIC_SUFFIXES
            if folded.endswith(suffix) and len(folded) - len(suffix) >= _TURKIC_BASE
        ]
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
CLDR_LANGUAGES = (
    *("ar", "fa", "kk", "ky", "tr", "de", "fr", "es", "it", "pt"),
    *("pl", "nl", "cs", "hu", "sv", "sr", "sr_Latn", "hr", "ro"),
)
"""Languages whose CLDR territory names (as Babel ships them) are aliases: one source per
language, so Russian and Ukrainian stay with pycountry; Serbian in both of its scripts."""
COMMON_WORD_LANGUAGES = ("en", *FOREIGN_SCRIPT_NAMES, *(c for c in CLDR_LANGUAGES if "_" not in c))
"""Languages whose common words (spaCy's stop-word lists, where spaCy has one) no translated
name may be: 'того' is Russian for 'of that' and Togo, 'indien' Dutch for 'if'."""
COMMON_WORD_NAMES = (
    *("mısır", "مالي", "بنين", "кина", "island", "chili", "indie", "columbia", "dania"),
    *("barma", "malte", "maurice", "dominique", "dominika", "salvador"),
)
"""Translated names that are ordinary words or first names no stop-word list holds: Turkish
'corn' (Egypt), Persian and Arabic 'financial' (Mali), Arabic 'boys' (Benin), Russian 'of the
film' (the Serbian name of China); English 'island' (Iceland in German, Swedish and Czech),
'chili' (Chile in French and Dutch), 'indie' (India in Polish), 'Columbia' (Colombia in
Romanian; British Columbia, Columbia University); Polish 'dishes' (Denmark), Hungarian 'cattle'
(Burma); the first names Malte, Maurice, Dominique, Dominika, Salvador (Malta, Mauritius,
Dominica, El Salvador)."""
_PLACE_KINDS = frozenset({"country", "city", "territory", "demonym", "ambiguous"})
_PARENTHESISED = re.compile(r"^(.+?)\s*\((.+)\)$")
"""'Мьянма (Бирма)': two names of one state."""
_MIN_LATIN_NAME = 5
"""A one-word translated name in plain Latin letters needs this many, or an accent: the short
ones are words elsewhere ('Gana' is Spanish for 'wins', 'Kina' Croatian for 'cinemas')."""
_MIN_ARABIC_NAME = 3
"""A one-word Arabic-script name needs this many letters ('چک', Czechia, is 'cheque')."""


def _add_people(kb: KnowledgeBase, table: AliasTable) -> None:
    surnames: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, set[str]] = defaultdict(set)
    for person in kb.people.values():
        target = Target("person", person.id)
        for phrase in (person.name, person.full_name, *person.aliases):
            if phrase:
                table.add(phrase, target)
        for alias in person.aliases:
            for spelling in cyrillic_spellings(fold(alias)):
                spellings[spelling].add(person.id)
        for namesake in person.namesakes:
            for spelling in (namesake, *_cyrillic_phrases(fold(namesake))):
                table.add(spelling, Target("namesake", namesake))
        surname = fold(person.name.split()[-1])
        if len(surname) >= 4:
            surnames[surname].add(person.id)
        for role in person.roles:
            for title in role.titles:
                table.roles.setdefault(fold(title), []).append((person.id, role))
    for spelling, ids in spellings.items():
        if len(ids) == 1:
            table.transliterated[spelling] = Target("person", next(iter(ids)))
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
    _add_boss_titles(table)
    for title in list(table.roles):
        for phrase in (title, f"the {title}"):
            if phrase not in table.phrases:
                table.add(phrase, Target("role", title))


def _add_boss_titles(table: AliasTable) -> None:
    """'taliban boss', 'kremlin boss': what people call the holder of a '... leader' or
    '... chief' title (the same holders; 'the taliban chief justice' ends otherwise).
    """
    for title, holders in list(table.roles.items()):
        head, _, last = title.rpartition(" ")
        if head and last in ("leader", "chief"):
            entries = table.roles.setdefault(f"{head} boss", [])
            entries += [holder for holder in holders if holder not in entries]


_TO_CYRILLIC: dict[str, str | tuple[str, ...]] = {
    **dict(zip("abcdefghiklmnopqrstuvwyz", "абкдефгхиклмнопкрстуввиз", strict=True)),
    "j": ("дж", "ж"),
    "x": "кс",
    "shch": "щ",
    "zh": "ж",
    "kh": "х",
    "ch": "ч",
    "sh": "ш",
    "ts": "ц",
    "tz": "ц",
    "ph": "ф",
    "ck": "к",
    "yo": "е",  # 'ё', which ``fold`` makes 'е'
    "ye": "е",
    "ya": "я",
    "yu": "ю",
}
"""How Russian names are written in Latin letters, read backwards (folded Cyrillic)."""
_VOWELS = frozenset("aeiouy")
_MIN_TRANSLITERATED = 6
"""Latin letters a name needs to be looked for in Cyrillic ('milei' is 'милей', 'miles')."""


def _cyrillic_phrases(latin: str) -> list[str]:
    """Cyrillic spellings of a name of several words ('lyudmila putina' -> 'людмила путина'),
    a phrase no common word can be; a handful at most.
    """
    words = latin.split()
    if len(words) < 2:
        return []
    spelled = [sorted(cyrillic_spellings(word, shortest=3)) for word in words]
    phrases = [" ".join(combination) for combination in itertools.product(*spelled)]
    return phrases if 0 < len(phrases) <= _MAX_PHRASE_SPELLINGS else []


_MAX_PHRASE_SPELLINGS = 8


def cyrillic_spellings(latin: str, *, shortest: int = _MIN_TRANSLITERATED) -> set[str]:
    """Folded Cyrillic spellings of a one-word Latin name: 'lukashenko' -> {'лукашенко'},
    'netanyahu' -> {'нетаняху', 'нетаньяху'}, 'japarov' -> {'джапаров', 'жапаров'}.

    Empty for anything but ``shortest`` (six) or more plain letters: shorter names are too
    often words.
    """
    if len(latin) < shortest or not (latin.isascii() and latin.isalpha()):
        return set()
    spellings = [""]
    i = 0
    while i < len(latin):
        chunk = next(latin[i : i + n] for n in (4, 3, 2, 1) if latin[i : i + n] in _TO_CYRILLIC)
        spellings = [s + letters for s in spellings for letters in _cyrillic(latin, i, chunk)]
        i += len(chunk)
    return {fold(spelling) for spelling in spellings}


def _cyrillic(latin: str, i: int, chunk: str) -> tuple[str, ...]:
    """The Cyrillic letters for ``chunk`` at ``latin[i]``, where the neighbours decide."""
    after_vowel = i > 0 and latin[i - 1] in _VOWELS
    last = i + len(chunk) == len(latin)
    if chunk == "e" and i == 0:
        return ("э",)
    if chunk == "y":
        return ("й",) if after_vowel else ("ий", "и") if last else ("ы", "и")
    if chunk in ("ya", "yu", "ye") and i > 0 and not after_vowel:
        plain = str(_TO_CYRILLIC[chunk])
        return (plain, "ь" + plain)  # 'netanyahu': 'Нетаньяху'
    value = _TO_CYRILLIC[chunk]
    return (value,) if isinstance(value, str) else value


@functools.cache
def common_words() -> frozenset[str]:
    """Folded stop words of ``COMMON_WORD_LANGUAGES`` (spaCy's lists, read without importing
    each language's package, which costs seconds), plus ``COMMON_WORD_NAMES``.
    """
    words: set[str] = set()
    for language in COMMON_WORD_LANGUAGES:
        words.update(fold(word) for word in _stop_words(language))
    for name in COMMON_WORD_NAMES:
        words.update(phrase_forms(name))
    return frozenset(words)


def _stop_words(language: str) -> set[str]:
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return set()
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    if not path.is_file():
        return set()  # no list for that language (Kazakh)
    source = importlib.util.spec_from_file_location(f"_stop_words_{language}", path)
    if source is None or source.loader is None:
        return set()
    module = importlib.util.module_from_spec(source)
    source.loader.exec_module(module)
    return set(getattr(module, "STOP_WORDS", ()))


@functools.cache
def cldr_territory_names(languages: tuple[str, ...] = CLDR_LANGUAGES) -> dict[str, dict[str, str]]:
    """Language -> ISO code -> CLDR territory name, as the installed Babel has them.

    Babel unpickles a locale's whole data to give its territory names (about 6 ms a language):
    the names are kept in a cache file per Babel installation, read in a few milliseconds.
    """
    return load_cldr_names(languages, cache_dir())


def cache_dir() -> Path | None:
    """Where cached data goes: ``$XDG_CACHE_HOME/warrantwatch`` or ``~/.cache/warrantwatch``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return None if base.startswith("~") else Path(base) / "warrantwatch"


def load_cldr_names(
    languages: tuple[str, ...], directory: Path | None
) -> dict[str, dict[str, str]]:
    """``cldr_territory_names`` without the process cache: from ``directory``'s cache file if it
    is there for this Babel, else from Babel (and the file written, if it can be).
    """
    key = _babel_key(languages)
    path = directory / f"cldr-territories-{key}.json" if directory and key else None
    if path is not None:
        cached = _read_json(path)
        if cached is not None:
            return cached
    names = _babel_names(languages)
    if path is not None:
        _write_json(path, names)
    return names


def _babel_key(languages: tuple[str, ...]) -> str | None:
    """Names the installed Babel's data (its files' sizes and times) and the languages."""
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    try:
        stamps = [
            (f.stat().st_size, f.stat().st_mtime_ns)
            for f in (Path(spec.origin), package / "global.dat")
        ]
    except OSError:
        return None
    text = json.dumps([str(package), stamps, languages])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _babel_names(languages: tuple[str, ...]) -> dict[str, dict[str, str]]:
    from babel import Locale  # here: importing it is a tenth of a build, and a cache hit skips it

    return {
        language: {
            code: name
            for code, name in Locale.parse(language).territories.items()
            if len(code) == 2 and code.isalpha()
        }
        for language in languages
    }


def _read_json(path: Path) -> dict[str, dict[str, str]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return None
    return data


def _write_json(path: Path, data: dict[str, dict[str, str]]) -> None:
    """Write ``data`` to ``path`` atomically; a directory that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(handle.name, path)
    except OSError:
        return


def localised_names(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Every form of every translated state name (pycountry for Russian and Ukrainian, CLDR
    for the others) -> the states it names; common words and too-short names left out.
    """
    names: dict[str, set[str]] = defaultdict(set)
    common = common_words()
    seen: set[tuple[str, str, bool]] = set()
    for language, code, name in _translated(kb):
        turkic = language in _TURKIC_LANGUAGES
        if (code, name, turkic) in seen:
            continue  # 'Mongolia' in five languages
        seen.add((code, name, turkic))
        for form in _name_forms(name, turkic=turkic):
            for variant in phrase_forms(form):
                if is_usable_name(variant, common):
                    names[variant].add(code)
    return dict(names)


def is_usable_name(variant: str, common: frozenset[str]) -> bool:
    """Whether a translated name's form may be an alias: not a common word, long enough."""
    if " " in variant or "-" in variant:
        return True  # a phrase or a double name is no common word
    if variant in common:
        return False
    if _ARABIC_LETTER.search(variant):
        return len(variant) >= _MIN_ARABIC_NAME
    return not variant.isascii() or len(variant) >= _MIN_LATIN_NAME


def _translated(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    """(language, code, name) for each state and translated name."""
    translations = {language: _translations(language) for language in FOREIGN_SCRIPT_NAMES}
    cldr = cldr_territory_names()
    for code in kb.states:
        iso = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "common_name"):  # 'Федеративная Республика Германия' is not typed
            value = getattr(iso, attr, None) if iso is not None else None
            for language, translation in translations.items():
                translated = translation.gettext(value) if value else ""
                if translated and translated != value:
                    yield language, code, translated
        for language in CLDR_LANGUAGES:
            name = cldr.get(language, {}).get(code)
            if name:
                yield language, code, name


_TURKIC_LANGUAGES = frozenset({"kk", "ky"})


def _name_forms(name: str, *, turkic: bool) -> list[str]:
    """The names in one translated name ('Мьянма (Бирма)'), and (``turkic``: Kazakh, Kyrgyz)
    as typed on a Russian keyboard; none with a comma ('Корея, Республика' is a catalogue entry).
    """
    if "," in name:
        return []
    parts = _PARENTHESISED.match(name.strip())
    forms = [parts[1], parts[2]] if parts else [name.strip()]
    if turkic:
        forms += [form.translate(_PLAIN_CYRILLIC) for form in forms]
    return forms


def _add_localised(kb: KnowledgeBase, table: AliasTable) -> None:
    """Translated names, after the curated ones: a name that curated data gives another state,
    or that several states' translations share, becomes ambiguous between them.
    """
    for phrase, codes in localised_names(kb).items():
        existing = table.phrases.get(phrase)
        if existing is None:
            table.phrases[phrase] = _place(phrase, codes)
        elif existing.kind not in _PLACE_KINDS:
            continue  # a person ('Putin'), or a phrase that names no place
        elif existing.kind == "ambiguous":
            if not codes <= set(existing.codes):
                table.phrases[phrase] = _place(existing.key, codes | set(existing.codes))
        elif codes == {existing.key}:
            # the state's own name outranks a city or demonym of that state
            table._put(table.phrases, phrase, Target("country", existing.key))
        else:
            table.phrases[phrase] = _place(phrase, codes | {existing.key})


def _place(key: str, codes: set[str]) -> Target:
    """The state ``codes`` holds, or an ambiguity between them."""
    if len(codes) == 1:
        return Target("country", next(iter(codes)))
    return Target("ambiguous", key, codes=tuple(sorted(codes)))


_ARABIC_PROCLITICS = ("و", "ب", "ل")
"""'and', 'in', 'to': Arabic writes them joined to the next word ('لمنغوليا', 'to Mongolia')."""
_PROCLITIC_KINDS = frozenset({"country", "city", "territory"})


def _add_proclitics(table: AliasTable) -> None:
    """Arabic-script place names with 'and', 'in' or 'to' joined on, where no alias has that
    spelling; one that two places would share is left out.
    """
    derived: dict[str, Target | None] = {}
    for phrase, target in table.phrases.items():
        if target.kind not in _PROCLITIC_KINDS or not _ARABIC_LETTER.match(phrase):
            continue
        for form in with_proclitics(phrase):
            if form not in table.phrases:
                derived[form] = target if derived.get(form, target) == target else None
    for form, owner in derived.items():
        if owner is not None:
            table.phrases[form] = owner


def with_proclitics(name: str) -> list[str]:
    """'منغولیا' -> 'ومنغولیا', 'بمنغولیا', 'لمنغولیا', ...; 'ال' + 'ل' is 'لل'."""
    forms = [proclitic + name for proclitic in _ARABIC_PROCLITICS]
    if name.startswith("ال"):
        forms = [form.replace("لال", "لل", 1) for form in forms]
    return forms


def _add_places(kb: KnowledgeBase, table: AliasTable) -> None:
    for code, state in kb.states.items():
        target = Target("country", code)
        table.add(state.name, target)
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, None)
                if value:
                    table.add(value, target)
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
    _add_localised(kb, table)
    _add_proclitics(table)


def resolve_role(table: AliasTable, title: str, on: dt.date) -> list[str]:
    """People holding the role named by ``title`` on ``on`` (usually one)."""
    holders = [pid for pid, role in table.roles.get(title, []) if role.holds_on(on)]
    return list(dict.fromkeys(holders))
