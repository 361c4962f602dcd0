"""``parse(text) -> Query``: who, where, when and what is asked. Pure, never raises on input."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from knowledge.store import KnowledgeBase, load_default
from nlp.aliases import Target, cyrillic_stems, is_cyrillic, resolve_role
from nlp.dates import find_period
from nlp.intents import (
    GOOD,
    IntentDecision,
    asks_the_future,
    aspects_of,
    decide,
    question_form,
    question_type,
    read_cues,
)
from nlp.normalize import clean, fold
from nlp.pipeline import Entity, Pipeline, build_pipeline
from nlp.query import IN_SCOPE_INTENTS, Ambiguity, Mention, Query, Suggestion

FUZZY_ACCEPT = 88.0
"""Score (0-100, rapidfuzz ratio) at or above which a near miss is taken as the name."""
FUZZY_SUGGEST = 78.0
"""Score at or above which a near miss becomes a 'Did you mean ...?' suggestion."""

COMMON_WORDS = frozenset(
    """
    seria sera suda sudu
    hungry hunger woman women human humans putting puting button mutiny muting pushing
    pudding modest model modem trumpet trumps crumb grump stump number numbers lumber murder
    india's nigger chili chilly sedan sudden cuban canada's japanese jordan's french friends
    friend german germs poland polish greek greed turkey turkeys china's chinese russian
    russians mongol mongols monday money mongrel merit merits macro micro meloni melon
    melons arrest arrested arresting arrests warrant warrants wanted travel travels visit
    visits summit summits member members country countries states state party parties prime
    minister president leader leaders court courts crime crimes trial trials report reports
    peace police policy policies people person world would should could where there their
    these those which while whole whose though through today tomorrow yesterday really
    actually maybe anyone someone everyone nobody somebody going coming gonna wanna gotta
    about after again against always around because before being between britain's europe
    european africa african asian america's americans american africans latin arab arabs
    arabic muslim jewish israeli's islamic christian army armed armies military missile
    missiles nuclear border borders capital capitals killer killers killed kills dead death
    deaths alive prison prisons judge judges jury justice lawyer lawyers legal illegal
    treaty treaties statute statutes rome roman hague dutch swiss nordic baltic gulf west
    east north south western eastern northern southern central middle minister ministers
    ministry government governments kremlin white house palace embassy embassies airport
    airports flight flights plane planes miles sandy sands stubs assay
    """.split()
)


class _Found(NamedTuple):
    people: list[Mention]
    countries: list[Mention]
    ambiguities: list[Ambiguity]
    unknown: list[str]
    suggestions: list[Suggestion]
    covered: set[int]
    person_token_ends: list[tuple[int, int, str]]


@cache
def default_pipeline() -> Pipeline:
    """The pipeline for the packaged knowledge base, built once per process."""
    return build_pipeline(load_default())


@cache
def one_question_pipeline() -> Pipeline:
    """The packaged pipeline with patterns registered on demand, for a process that parses
    one question (``warrantwatch ask``): same entities, a third less start-up.
    """
    return build_pipeline(load_default(), on_demand=True)


def parse(
    text: str,
    *,
    context: Query | None = None,
    today: dt.date | None = None,
    pipeline: Pipeline | None = None,
) -> Query:
    """Understand one message.

    Args:
        text: the raw message (any size, any Unicode).
        context: the previous Query in the same conversation, for follow-ups ("and Mongolia?").
        today: the date the question is asked on (relative dates and role titles use it).
        pipeline: a built pipeline; defaults to the packaged knowledge base's.

    """
    today = today or dt.date.today()
    pipe = pipeline or default_pipeline()
    cleaned = clean(text if isinstance(text, str) else "")
    if not cleaned.text:
        return Query(text="", intent="none", truncated=cleaned.truncated)
    folded = fold(cleaned.text)
    period = find_period(folded, today)
    on = period.end if period and period.end < today else (period.start if period else today)
    doc, ents = pipe.match(cleaned.text)
    found = _entities(ents, pipe, on)
    _case_sensitive(doc, cleaned.text, pipe, found)
    _flags(cleaned.text, pipe, found)
    _elisions(doc, cleaned.text, pipe, found)
    _declined(doc, cleaned.text, pipe, found)
    _fuzzy(doc, pipe, found)
    cues = read_cues(folded)
    _unknown_names(doc, ents, cleaned.text, found, about_arrest=cues.arrest or cues.warrant)
    _drop_attribute_demonyms(ents, found)
    _drop_language_names(cleaned.text, found)
    people = _unique(found.people)
    countries = _unique(found.countries)
    decision = decide(
        cues,
        people=len(people),
        countries=len(countries),
        has_unknown_person=bool(found.unknown),
    )
    if (
        decision.intent == "arrest_risk"
        and decision.strength < GOOD
        and people
        and countries
        and _keyword_only(doc, ents, found, BARE_WORDS)
    ):
        # 'netanyahu germany', 'putin kazakstan': a bare name and place asks about arrest.
        decision = IntentDecision("arrest_risk", None, GOOD)
    asked = question_form(folded)
    aspects = aspects_of(folded, asked, cues.word_starts())
    query = Query(
        text=cleaned.text,
        intent=decision.intent,
        topic=decision.topic,
        people=tuple(people),
        countries=tuple(countries),
        ambiguities=tuple(found.ambiguities),
        unknown_names=tuple(dict.fromkeys(found.unknown)),
        suggestions=tuple(found.suggestions),
        date_from=period.start if period else None,
        date_to=period.end if period else None,
        date_text=period.text if period else "",
        is_question=cues.question or _keyword_query(doc, ents, found, decision),
        confidence=_confidence(decision, people, countries, found),
        truncated=cleaned.truncated,
        asks=question_type(cues, aspects, people=len(people), countries=len(countries)),
        form=asked.form,
        aspects=aspects,
        negated=asked.negated,
        forecast=asked.form == "yes_no" and asks_the_future(cues, asked),
    )
    if context is not None:
        query = _complete_followup(query, context, decision, folded)
    return query


QUERY_WORDS = frozenset(
    """
    icc warrant warrants status member membership party charges charged charge trips trip
    travel travels visits visit options list wanted arrest arrested risk safe countries
    country history details info pls please plz rn now yes no or since foreign abroad
    the a of for in to and state states parties rome statute ratified signed signatory
    withdrawal count number total case custody trial cases all members suspects detention
    gimme give me every open outstanding current active jan feb mar apr jun jul aug sep sept oct
    nov dec
    """.split()
)
"""Words a keyword query ('netanyahu warrant status') is made of, besides names and places."""


def _keyword_query(doc: Doc, ents: list[Entity], found: _Found, decision: IntentDecision) -> bool:
    """A short run of names and query words is a request, even without a question mark."""
    if decision.intent not in IN_SCOPE_INTENTS or decision.strength < GOOD:
        return False
    return _keyword_only(doc, ents, found, QUERY_WORDS)


BARE_WORDS = frozenset({"arrest", "arrested", "risk", "safe", "icc", "warrant", "now", "rn"})
"""Words a bare 'name place' arrest query may add ('putin mongolia arrest'); not 'visits'."""


def _keyword_only(doc: Doc, ents: list[Entity], found: _Found, words: frozenset[str]) -> bool:
    """Whether the text is a short run of names, places and the given words only."""
    if len(doc) > 8:
        return False
    named = set(found.covered)
    for ent in ents:
        named.update(range(ent.start, ent.end))
    return all(
        token.i in named or token.is_punct or token.like_num or fold(token.text) in words
        for token in doc
    )


def parse_many(
    texts: list[str], *, today: dt.date | None = None, kb: KnowledgeBase | None = None
) -> list[Query]:
    """Parse a batch with one pipeline (the CLI's ``--batch``)."""
    pipe = build_pipeline(kb) if kb is not None else default_pipeline()
    return [parse(text, today=today, pipeline=pipe) for text in texts]


def _entities(ents: list[Entity], pipe: Pipeline, on: dt.date) -> _Found:
    found = _Found([], [], [], [], [], set(), [])
    for ent in ents:
        target = pipe.targets.get(ent.target_id)
        if target is None:
            continue
        found.covered.update(range(ent.start, ent.end))
        text = ent.text
        if target.kind == "ignore":
            continue
        if target.kind == "person":
            found.people.append(Mention(id=target.key, text=text, start=ent.start_char))
            found.person_token_ends.append((ent.start, ent.end, target.key))
        elif target.kind == "namesake":
            found.unknown.append(_title_case(text))  # 'sara duterte': no warrant known for her
        elif target.kind == "person_ambiguous":
            found.ambiguities.append(Ambiguity(text=text, kind="person", ids=target.codes))
        elif target.kind == "role":
            holders = resolve_role(pipe.aliases, target.key, on)
            if len(holders) == 1:
                found.people.append(
                    Mention(id=holders[0], text=text, via="role", start=ent.start_char)
                )
                found.person_token_ends.append((ent.start, ent.end, holders[0]))
            elif holders:
                found.ambiguities.append(Ambiguity(text=text, kind="person", ids=tuple(holders)))
            else:
                found.unknown.append(text)
        elif target.kind == "ambiguous":
            found.ambiguities.append(Ambiguity(text=text, kind="country", ids=target.codes))
        elif target.kind == "country":
            found.countries.append(Mention(id=target.key, text=text, start=ent.start_char))
        else:  # demonym, city, territory
            via = target.kind
            found.countries.append(
                Mention(id=target.key, text=text, via=via, note=target.note, start=ent.start_char)
            )
    return found


def _title_case(name: str) -> str:
    return name if any(ch.isupper() for ch in name) else name.title()


def _case_sensitive(doc: Doc, text: str, pipe: Pipeline, found: _Found) -> None:
    """Aliases that are also English words match only as written in capitals ('US')."""
    table = pipe.aliases.case_sensitive
    if not any(alias in text for alias in table):
        return
    for token in doc:
        target = table.get(token.text) if token.is_upper else None
        if target is None or token.i in found.covered:
            continue
        found.covered.add(token.i)
        if target.kind == "person":
            found.people.append(Mention(id=target.key, text=token.text, start=token.idx))
            found.person_token_ends.append((token.i, token.i + 1, target.key))
        elif target.kind in ("country", "territory", "city", "demonym"):
            found.countries.append(Mention(id=target.key, text=token.text, start=token.idx))


_ELISION = re.compile(r"^(?:l|d|j|qu|dell|all|nell|dall|sull)['’](?=\w)", re.IGNORECASE)
"""French and Italian elided articles glued to a name: l'Italie, d'Ukraine, dell'Ungheria."""


def _elisions(doc: Doc, text: str, pipe: Pipeline, found: _Found) -> None:
    """A place or person behind an elided article, which the tokenizer keeps in one token."""
    if "'" not in text and "’" not in text:
        return
    for token in doc:
        if token.i in found.covered:
            continue
        elided = _ELISION.match(token.text)
        if elided is None:
            continue
        rest = token.text[elided.end() :]
        target = _phrase_target(pipe, rest)
        if target is None:
            continue
        _record_one_token(found, target, rest, token.idx + elided.end(), token.i)


def _phrase_target(pipe: Pipeline, name: str) -> Target | None:
    """The alias ``name`` is, as typed or without accents."""
    return pipe.aliases.phrases.get(name.lower()) or pipe.aliases.phrases.get(fold(name))


def _record_one_token(found: _Found, target: Target, name: str, start: int, index: int) -> None:
    """Record (and cover) a person or place that one token names; other targets are skipped."""
    if target.kind == "person":
        found.people.append(Mention(id=target.key, text=name, start=start))
        found.person_token_ends.append((index, index + 1, target.key))
    elif target.kind in ("country", "territory", "city", "demonym"):
        via = "alias" if target.kind == "country" else target.kind
        found.countries.append(
            Mention(id=target.key, text=name, via=via, note=target.note, start=start)
        )
    else:
        return
    found.covered.add(index)


_SUFFIXED = re.compile(r"^(\w{3,})['’](\w{1,4})$")
"""A name with a case suffix after an apostrophe, as Turkish writes them: Nairobi'ye."""


def _declined(doc: Doc, text: str, pipe: Pipeline, found: _Found) -> None:
    """Names in another grammatical case than the alias: 'Путина', 'в Монголии', 'Nairobi'ye'."""
    if text.isascii() and "'" not in text:
        return
    stems = pipe.aliases.stems
    for token in doc:
        if token.i in found.covered or token.is_punct:
            continue
        suffixed = _SUFFIXED.match(token.text)
        if suffixed is not None:
            name = suffixed[1]
            target = _phrase_target(pipe, name)
        elif is_cyrillic(token.text):
            name = _double_name(doc, token.i) or token.text
            found_stem = next((s for s in cyrillic_stems(name) if s in stems), None)
            target = stems[found_stem] if found_stem else None
        else:
            continue
        if target is None:
            continue
        found.covered.add(token.i)  # a suffixed or declined name of anything: not a typo
        _record_one_token(found, target, name, token.idx, token.i)
        if "-" in name:  # the hyphen and the second half are part of it
            found.covered.update((token.i + 1, token.i + 2))


def _double_name(doc: Doc, i: int) -> str | None:
    """'Львової-Бєлової': the tokenizer splits a double name at its hyphen; joined again."""
    if i + 2 >= len(doc) or doc[i].whitespace_ or doc[i + 1].text != "-" or doc[i + 1].whitespace_:
        return None
    second = doc[i + 2].text
    return f"{doc[i].text}-{second}" if is_cyrillic(second) else None


_REGIONAL_A = 0x1F1E6


def _flags(text: str, pipe: Pipeline, found: _Found) -> None:
    """Flag emoji are two regional-indicator letters spelling the ISO code: 🇲🇳 -> MN."""
    if text.isascii():
        return
    letters = [(i, ch) for i, ch in enumerate(text) if _REGIONAL_A <= ord(ch) <= _REGIONAL_A + 25]
    for (start, first), (_, second) in zip(letters[::2], letters[1::2], strict=False):
        code = chr(ord(first) - _REGIONAL_A + 65) + chr(ord(second) - _REGIONAL_A + 65)
        if code in pipe.country_codes:
            found.countries.append(Mention(id=code, text=first + second, start=start))


def _fuzzy(doc: Doc, pipe: Pipeline, found: _Found) -> None:
    """Near misses for tokens nothing else matched ('putn', 'netanyahoo', 'mongolai')."""
    words = pipe.aliases.fuzzy_words
    for token in doc:
        text = token.text
        word = words.get(text)
        if word is None:
            if len(words) >= _FUZZY_MEMO_SIZE:
                words.clear()
            word = words[text] = _fuzzy_word(text)
        if not word or token.i in found.covered:
            continue
        best = _best_match(word, pipe)
        if best is None:
            continue
        kind, target_id, alias, score = best
        if _close_enough(word, alias, score, person=kind == "person"):
            found.covered.add(token.i)
            mention = Mention(
                id=target_id, text=token.text, via="fuzzy", note=alias, start=token.idx
            )
            if kind == "person":
                found.people.append(mention)
                found.person_token_ends.append((token.i, token.i + 1, target_id))
            else:
                found.countries.append(mention)
        elif score >= FUZZY_SUGGEST:
            found.suggestions.append(
                Suggestion(
                    text=token.text,
                    kind="person" if kind == "person" else "country",
                    id=target_id,
                    score=round(score, 1),
                )
            )


def _fuzzy_word(text: str) -> str:
    """The folded word a token is matched by, if it may be a misspelt name at all (letters
    only, four or more, not a common English word); else "".
    """
    if len(text) < 4 or not text.isalpha():  # what spaCy's is_alpha says, too
        return ""
    word = fold(text)
    return "" if word in STOP_WORDS or word in COMMON_WORDS else word


def _close_enough(word: str, alias: str, score: float, *, person: bool) -> bool:
    """Accept a near miss: a high ratio, or one edit (or swap) from a name of 6+ letters, or
    one changed or swapped letter after the first three of a 5-letter person's name ('putim',
    'putni'; English words one letter away, 'miles' from 'milei', are in COMMON_WORDS).
    """
    if score >= FUZZY_ACCEPT:
        return True
    if len(alias) == 5:
        return (
            person and len(word) == 5 and word[:3] == alias[:3] and OSA.distance(word, alias) <= 1
        )
    return len(alias) >= 6 and OSA.distance(word, alias) <= 1


_Best = tuple[str, str, str, float] | None
_FUZZY_MEMO_SIZE = 50_000
_UNSEEN = object()


def _best_match(word: str, pipe: Pipeline) -> _Best:
    memo = pipe.aliases.fuzzy_memo
    remembered = memo.get(word, _UNSEEN)
    if remembered is not _UNSEEN:
        return remembered  # type: ignore[return-value]  # _UNSEEN is excluded above
    if len(memo) >= _FUZZY_MEMO_SIZE:
        memo.clear()
    best = memo[word] = _closest(word, pipe)
    return best


def _closest(word: str, pipe: Pipeline) -> _Best:
    prefix = word[:2]
    choices = pipe.aliases.fuzzy_choices.get(prefix)
    if not choices:
        return None
    hit = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_SUGGEST)
    if hit is None:
        return None
    alias, kind, target_id = pipe.aliases.fuzzy_index[prefix][hit[2]]
    return kind, target_id, alias, float(hit[1])


_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'’-]+"
_TITLE_CASE_NAME = re.compile(
    rf"\b({_NAME_WORD}(?:\s+(?:al-|bin |el-|de |van |von )?{_NAME_WORD}){{1,2}})\b"
)
_CAPITAL = re.compile(r"[A-ZÀ-Ý]")
"""What every title-case name starts with (four messages in five have none: one quick scan)."""
_ASKED_ABOUT = re.compile(
    r"\b(?:will|would|can|could|might|is|does|did|should)\s+"
    r"([a-z][a-z'.-]+(?:\s+[a-z][a-z'.-]+){0,2})\s+"
    r"(?:ever\s+|still\s+|safely\s+)?(?:be|get|have|travel|go|visit|fly|face|land|wanted|charged|"
    r"indicted|safe|attend|come|enter|set\s+foot|show\s+up|turn\s+up)\b"
)
_NAME_AT_PLACE = re.compile(
    r"^([A-Za-z][a-z'-]{3,}(?:\s+[A-Za-z][a-z'-]{3,})?)\s+(?:is\s+|was\s+)?(?:in|to|at|"
    r"(?:goes|going|went|flies|flying|flew|travels|travelling|traveling|comes|coming|heads|"
    r"heading)\s+to|visits?|visiting|lands?\s+in|landing\s+in)\s"
)
"""'Peskov in Paris — arrest?', 'kadyrov in dubai ...': a name opening an arrest question."""
_WARRANT_FOR = re.compile(
    r"\b(?:warrants?|charges?|case)\s+(?:out\s+)?(?:for|on|against)\s+"
    r"([a-z][a-z'.-]+(?:\s+[a-z][a-z'.-]+){0,2}?)(?=\s*(?:[^\w\s]|$|\s+(?:too|yet|now|or|and)\b))"
)
_NOT_NAMES = frozenset(
    """
    he she they it this that there someone anyone somebody anybody everyone the a an i we
    you his her their my our your icc court country state states government police him them
    putin's leader president minister prime pm who what which people person man woman
    """.split()
)
_NAME_STOP = frozenset(
    """
    Guten Tag Welche Welcher Römischen Statuts Statut Vertragsstaat Besuch Bonjour Hola
    Will Would Can Could Is Does Did Why What Where Which Who How Has Have Are Should The
    International Criminal Court Rome Statute ICC Hague United Nations Security Council
    Prime Minister President Supreme Leader Chancellor King Queen Mr Mrs Ms Dr Sir Assembly
    States Parties Appeals Chamber Pre-Trial Trial Article Breaking News Update Cricket
    World Cup Telegram Bot Hi Hello Hey Thanks Thank Please Also And But So Lol Ok
    Internationale Internationaler Internationalen Strafgerichtshof Gerichtshof Cour Pénale
    Penale Corte Penal Internacional Tribunal Statut Estatuto Roma
    """.split()
)


def _unknown_names(
    doc: Doc, ents: list[Entity], text: str, found: _Found, *, about_arrest: bool
) -> None:
    """Person-like names that matched nothing ('Elon Musk', 'John Smith')."""
    spans: list[tuple[int, int]] | None = None

    def covered(start: int, end: int) -> bool:
        nonlocal spans
        if spans is None:
            spans = [(ent.start_char, ent.end_char) for ent in ents]
            spans += [(doc[i].idx, doc[i].idx + len(doc[i].text)) for i in found.covered]
        return any(left < end and start < right for left, right in spans)

    names = _TITLE_CASE_NAME.finditer(text) if _CAPITAL.search(text) else ()
    for match in names:
        words = match[1].split()
        if any(w.strip("'’") in _NAME_STOP for w in words) or covered(*match.span(1)):
            continue
        found.unknown.append(match[1])
    if found.people or found.unknown:
        return
    lowered = text.lower()
    matches = [*_ASKED_ABOUT.finditer(lowered), *_WARRANT_FOR.finditer(lowered)]
    if about_arrest and found.countries:
        at_place = _NAME_AT_PLACE.match(text)
        if at_place is not None:
            matches.append(at_place)
    for match in matches:
        words = match[1].lower().split()
        if any(w in _NOT_NAMES or w in STOP_WORDS or w in COMMON_WORDS for w in words) or covered(
            *match.span(1)
        ):
            continue
        found.unknown.append(text[match.start(1) : match.end(1)])


def _drop_attribute_demonyms(ents: list[Entity], found: _Found) -> None:
    """'the Russian president Putin in Mongolia': 'Russian' describes Putin, it is not a place."""
    if len(found.countries) < 2 or not found.person_token_ends:
        return
    kept = []
    for mention in found.countries:
        if mention.via == "demonym" and _describes_person(ents, mention, found):
            continue
        kept.append(mention)
    found.countries[:] = kept


_IN_BEFORE = re.compile(r"(?<![\w-])(?:in|into)\s+$", re.IGNORECASE)
_POLITE_END = re.compile(r"(?:please|pls|plz|thanks|thank you)\W*$", re.IGNORECASE)


def _drop_language_names(text: str, found: _Found) -> None:
    """'how do you say it in russian?': a demonym after 'in' that ends the sentence is a
    language ('in russian airspace' still names the place).
    """
    kept = []
    for mention in found.countries:
        if mention.via == "demonym" and _IN_BEFORE.search(
            text[max(0, mention.start - 8) : mention.start]
        ):
            rest = text[mention.start + len(mention.text) :].lstrip(" '\"")
            if not rest or not (rest[0].isalnum() or rest[0] == "-") or _POLITE_END.match(rest):
                continue
        kept.append(mention)
    found.countries[:] = kept


def _describes_person(ents: list[Entity], mention: Mention, found: _Found) -> bool:
    positions = [ent.start for ent in ents if ent.text == mention.text]
    for start in positions:
        for person_start, _end, _pid in found.person_token_ends:
            if 0 < person_start - start <= 3:
                return True
    return False


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    result = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.id not in seen:
            seen.add(mention.id)
            result.append(mention)
    return result


def _confidence(
    decision: IntentDecision, people: list[Mention], countries: list[Mention], found: _Found
) -> float:
    score = decision.strength
    for mention in people + countries:
        if mention.via == "fuzzy":
            score *= 0.85
            break
    if found.ambiguities:
        score *= 0.8
    return round(score, 3)


_FOLLOWUP_START = re.compile(
    r"^(?:and|&|what about|how about|what of|same for|same question for|and what about|ok and|"
    r"also|then|or|and in|what if (?:he|she) goes to|and if (?:he|she) goes to|now|just)\b"
)
_REFERS_BACK = re.compile(
    r"(?<![\w-])(?:he|she|they|it|him|her|them|his|those|that|there|these)"
    r"(?![\w-])"
)
_KEEP_CONTEXT_INTENT = frozenset({"warrant_list", "member_count"})


def _complete_followup(
    query: Query, context: Query, decision: IntentDecision, folded: str
) -> Query:
    """Complete a short follow-up ('and Mongolia?', 'what about Netanyahu?') from the context."""
    if context.intent not in IN_SCOPE_INTENTS:
        return query
    words = len(folded.split())
    looks_like_followup = bool(_FOLLOWUP_START.match(folded)) or (
        words <= 8 and (decision.strength < 0.9 or bool(_REFERS_BACK.search(folded)))
    )
    if not looks_like_followup or (query.people and query.countries):
        return query
    people = query.people or tuple(m.model_copy(update={"via": "context"}) for m in context.people)
    countries = query.countries or tuple(
        m.model_copy(update={"via": "context"}) for m in context.countries
    )
    cues = read_cues(folded)
    merged = decide(
        cues,
        people=len(people),
        countries=len(countries),
        has_unknown_person=bool(query.unknown_names),
    )
    intent = merged.intent
    if merged.strength < 0.8 or intent in ("out_of_scope", "none", "greeting", "help"):
        intent = context.intent
    if context.intent in _KEEP_CONTEXT_INTENT and not query.people:
        intent = context.intent
    return query.model_copy(
        update={
            "intent": intent,
            "topic": merged.topic if intent == "explain" else None,
            "people": people,
            "countries": countries,
            "date_from": query.date_from or context.date_from,
            "date_to": query.date_to or context.date_to,
            "date_text": query.date_text or context.date_text,
            "is_question": True,
            "confidence": max(query.confidence, min(context.confidence, 0.8)),
            "followup": True,
            # 'and Tajikistan?' after 'why didn't Mongolia arrest Putin?' asks the same
            "asks": query.asks or (context.asks if intent == context.intent else None),
            "form": context.form if query.form == "other" else query.form,
            "aspects": query.aspects or context.aspects,
            "negated": query.negated if query.form != "other" else context.negated,
            "forecast": query.forecast if query.form != "other" else context.forecast,
        }
    )
