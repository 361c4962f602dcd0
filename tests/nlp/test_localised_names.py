"""State names from CLDR (Babel) and pycountry: coverage, the cache, and collision checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.store import KnowledgeBase
from nlp import aliases
from nlp.aliases import (
    CLDR_LANGUAGES,
    FOREIGN_SCRIPT_NAMES,
    Target,
    common_words,
    is_usable_name,
    load_cldr_names,
    localised_names,
    with_proclitics,
)
from nlp.parse import parse
from nlp.pipeline import Pipeline
from tests.conftest import TODAY

ASKED_IN = ("ar", "fa", "kk", "ky", "tr", "de", "fr", "es", "it", "pt")
ASKED_IN += ("pl", "nl", "cs", "hu", "sv", "sr", "hr", "ro", "ru", "uk")

PLACE_KINDS = {"country", "city", "territory", "demonym"}

COMMON_WORD_PLACES = {
    "usa": "Spanish and Portuguese 'uses'; the curated name of the United States, kept",
    "бишкек": "a city name that spaCy's Kyrgyz stop-word list happens to hold",
}
"""Place aliases that are in a stop-word list and are kept on purpose, with the reason."""


def test_every_language_people_ask_in_has_one_source() -> None:
    sources = [*CLDR_LANGUAGES, *FOREIGN_SCRIPT_NAMES]
    for language in ASKED_IN:
        assert sources.count(language) == 1, language
    assert set(FOREIGN_SCRIPT_NAMES) == {"ru", "uk"}  # pycountry's translations


@pytest.mark.parametrize("language", CLDR_LANGUAGES)
def test_cldr_names_cover_the_states(kb: KnowledgeBase, language: str) -> None:
    names = aliases.cldr_territory_names()[language]
    missing = [code for code in kb.states if code not in names]
    assert len(missing) <= 2, missing  # Kosovo has no ISO code; CLDR has it all the same


def test_cldr_names_are_cached_per_babel_install(tmp_path: Path) -> None:
    first = load_cldr_names(("kk", "fa"), tmp_path)
    [cache] = tmp_path.glob("cldr-territories-*.json")
    assert json.loads(cache.read_text(encoding="utf-8")) == first
    assert first["kk"]["MN"] == "Моңғолия"
    cache.write_text(json.dumps({"kk": {"MN": "from the cache"}}), encoding="utf-8")
    assert load_cldr_names(("kk", "fa"), tmp_path)["kk"]["MN"] == "from the cache"


def test_a_broken_or_unwritable_cache_falls_back_to_babel(tmp_path: Path) -> None:
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("x", encoding="utf-8")
    assert load_cldr_names(("tr",), not_a_directory)["tr"]["MN"] == "Moğolistan"
    load_cldr_names(("tr",), tmp_path)
    [cache] = tmp_path.glob("cldr-territories-*.json")
    cache.write_text("{not json", encoding="utf-8")
    assert load_cldr_names(("tr",), tmp_path)["tr"]["MN"] == "Moğolistan"


def test_a_translated_name_never_resolves_to_another_state(
    kb: KnowledgeBase, pipeline: Pipeline
) -> None:
    """The collision check: a name that curated data or another language gives a second state
    is ambiguous between them (or left to a person or a non-place phrase), never one wrong state.
    """
    table = pipeline.aliases
    wrong = []
    for phrase, codes in localised_names(kb).items():
        target = table.phrases.get(phrase)
        assert target is not None, phrase
        if target.kind in ("person", "ignore"):
            continue
        if len(codes) > 1:
            ok = target.kind == "ambiguous" and codes <= set(target.codes)
        elif target.kind == "ambiguous":
            ok = codes <= set(target.codes)
        else:
            ok = target.kind in PLACE_KINDS and {target.key} == codes
        if not ok:
            wrong.append((phrase, sorted(codes), target))
    assert wrong == []


def test_no_place_alias_is_a_common_word(pipeline: Pipeline) -> None:
    common = common_words()
    found = {
        phrase
        for phrase, target in pipeline.aliases.phrases.items()
        if target.kind in PLACE_KINDS and " " not in phrase and phrase in common
    }
    assert found == set(COMMON_WORD_PLACES)


def test_a_name_two_states_share_is_ambiguous(pipeline: Pipeline) -> None:
    # Kazakh CLDR calls the DR Congo 'Конго', pycountry's Russian the Republic of the Congo
    assert pipeline.aliases.phrases["конго"] == Target("ambiguous", "конго", codes=("CD", "CG"))
    query = parse("Конго член МУС?", today=TODAY, pipeline=pipeline)
    assert query.country_codes == []
    assert [a.ids for a in query.ambiguities] == [("CD", "CG")]
    # Oman, and Amman without its vowel marks
    query = parse("هل عمان عضو في المحكمة الجنائية الدولية؟", today=TODAY, pipeline=pipeline)
    assert query.country_codes == []
    assert [sorted(a.ids) for a in query.ambiguities] == [["JO", "OM"]]


@pytest.mark.parametrize(
    ("variant", "usable"),
    [
        ("того", False),  # Russian 'of that' (Togo)
        ("gana", False),  # Spanish 'wins' (Ghana in Portuguese, Turkish, Croatian)
        ("kina", False),  # Croatian 'cinemas' (China in Swedish, Croatian)
        ("cin", False),  # 'Çin' without its cedilla: Turkish 'jinn'
        ("çin", True),
        ("misir", False),  # Turkish 'corn' (Egypt)
        ("مالی", False),  # Persian 'financial' (Mali)
        ("چک", False),  # Persian 'cheque' (Czechia)
        ("مغولستان", True),
        ("moğolistan", True),
        ("моңғолия", True),
        ("sri lanka", True),
    ],
)
def test_common_or_short_names_are_left_out(variant: str, *, usable: bool) -> None:
    assert is_usable_name(variant, common_words()) is usable


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Putin gana las elecciones otra vez", "GH"),
        ("Путина не арестуют из-за того, что он не поедет", "TG"),
        ("Indien Poetin naar Brazilië reist, wordt hij dan gearresteerd?", "IN"),
        ("Finns det en arresteringsorder mot Putin?", "FI"),
        ("Putin merge maine in Mongolia, va fi arestat?", "US"),
        ("Putin бул жолу гана келди", "GH"),
    ],
)
def test_common_words_are_not_read_as_places(pipeline: Pipeline, text: str, country: str) -> None:
    assert country not in parse(text, today=TODAY, pipeline=pipeline).country_codes


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Czy Węgry muszą aresztować Putina?", "HU"),
        ("Je Maďarsko členem ICC?", "HU"),
        ("Tagja Tádzsikisztán a Nemzetközi Büntetőbíróságnak?", "TJ"),
        ("Är Förenade Arabemiraten medlem i ICC?", "AE"),
        ("Este Ungaria membră a CPI?", "HU"),
        ("Je li Mađarska članica MKS-a?", "HU"),
        ("Да ли је Мађарска чланица МКС?", "HU"),
        ("Is Hongarije lid van het Strafhof?", "HU"),
        ("Macaristan UCM üyesi mi?", "HU"),
        ("Tadschikistan muss Putin festnehmen?", "TJ"),
        ("O Tadjiquistão é membro do TPI?", "TJ"),
        ("O Irã é membro do TPI?", "IR"),
        ("Il Tagikistan è membro della CPI?", "TJ"),
        ("Tayikistán es miembro de la CPI?", "TJ"),
        ("Le Tadjikistan est-il membre de la CPI ?", "TJ"),
        ("هل طاجيكستان عضو في المحكمة الجنائية الدولية؟", "TJ"),
        ("آیا تاجیکستان عضو دیوان کیفری بین‌المللی است؟", "TJ"),
        ("Тәжікстан Халықаралық қылмыстық соттың мүшесі ме?", "TJ"),
        ("Тажикстан Эл аралык кылмыш сотунун мүчөсүбү?", "TJ"),
    ],
)
def test_cldr_names_in_each_language(pipeline: Pipeline, text: str, country: str) -> None:
    query = parse(text, today=TODAY, pipeline=pipeline)
    assert [(m.id, m.via) for m in query.countries] == [(country, "alias")]  # not a near miss


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Путин Қазақстанға келсе, оны ұстай ма?", "KZ"),
        ("Путин Моңғолияда тұтқындала ма?", "MN"),
        ("Путин Моңғолиядан қашан кетті?", "MN"),
        ("Путин Кыргызстандын аймагында камакка алынабы?", "KG"),
        ("Путин Тажикстанда камакка алынабы?", "TJ"),
        ("Путин Ресейге оралды ма?", "RU"),
        ("Путин Казакстанга келсе, оны ұстай ма?", "KZ"),  # typed on a Russian keyboard
        ("Putin Moğolistan'a giderse tutuklanır mı?", "MN"),
        ("Putin Macaristan'da tutuklanır mı?", "HU"),
        ("هل ستعتقل السلطات نتنياهو لو سافر لمنغوليا؟", "MN"),
        ("ماذا لو سافر بالطائرة إلى طاجيكستان وبعدها بالسودان؟", "TJ"),
    ],
)
def test_case_suffixes_and_proclitics(pipeline: Pipeline, text: str, country: str) -> None:
    assert parse(text, today=TODAY, pipeline=pipeline).country_codes[:1] == [country]


def test_arabic_proclitics_are_joined_to_the_name() -> None:
    assert with_proclitics("منغولیا") == ["ومنغولیا", "بمنغولیا", "لمنغولیا"]
    assert "للسودان" in with_proclitics("السودان")


def test_arabic_and_persian_spellings_are_one(pipeline: Pipeline) -> None:
    plain = parse("هل السعودية عضو في المحكمة الجنائية الدولية؟", today=TODAY, pipeline=pipeline)
    for variant in (
        "هل السعوديه عضو في المحكمه الجنائيه الدوليه؟",  # heh for teh marbuta
        "هل السعودیة عضو فی المحکمة الجنائیة الدولیة؟",  # Persian yeh and kaf
        "هل السعوديـــة عضوٌ في المحكمةِ الجنائيّةِ الدوليّة؟",  # kashida and vowel marks
    ):
        query = parse(variant, today=TODAY, pipeline=pipeline)
        assert (query.intent, query.country_codes) == (plain.intent, plain.country_codes)
    assert (plain.intent, plain.country_codes) == ("country_status", ["SA"])
