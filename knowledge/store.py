"""Load, validate and cross-check the curated data; fail at start-up, never mid-conversation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import tomli
from pydantic import BaseModel, ValidationError

from knowledge.cases import Case, CasesFile
from knowledge.consistency import (
    check_cases,
    check_finding_steps,
    check_situations,
    situation_names,
)
from knowledge.models import (
    CERTAINTY_RANK,
    Certainty,
    Explainer,
    ExplainersFile,
    Finding,
    FindingsFile,
    Meta,
    PeopleFile,
    Person,
    PlacesFile,
    PositionsFile,
    Source,
    State,
    StatePosition,
    StatesFile,
    Trip,
    TripsFile,
    Warrant,
    WarrantsFile,
)
from knowledge.situations import Situation, SituationsFile

ModelT = TypeVar("ModelT", bound=BaseModel)

STALE_AFTER = dt.timedelta(days=90)


class KnowledgeError(Exception):
    """The data failed validation; ``errors`` holds one readable line per problem."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the knowledge data:\n" + "\n".join(errors))
        self.errors = list(errors)


def weakest(certainties: Iterable[Certainty]) -> Certainty:
    """The least certain of several certainties (``verified`` if there are none)."""
    result: Certainty = "verified"
    for certainty in certainties:
        if CERTAINTY_RANK[certainty] > CERTAINTY_RANK[result]:
            result = certainty
    return result


@dataclass(frozen=True)
class KnowledgeBase:
    """Every curated fact, indexed for the rules and the parser. Immutable once built."""

    metas: dict[str, Meta]
    states: dict[str, State]
    people: dict[str, Person]
    warrants: tuple[Warrant, ...]
    findings: tuple[Finding, ...]
    trips: tuple[Trip, ...]
    positions: tuple[StatePosition, ...]
    explainers: dict[str, Explainer]
    places: PlacesFile
    warrants_by_person: dict[str, tuple[Warrant, ...]] = field(default_factory=dict)
    cases: tuple[Case, ...] = ()
    situations: dict[str, Situation] = field(default_factory=dict)
    cases_by_person: dict[str, Case] = field(default_factory=dict)
    situations_by_name: dict[str, Situation] = field(default_factory=dict)

    @property
    def as_of(self) -> dt.date:
        """The data's as-of date: the oldest of the files' as-of dates (the conservative one)."""
        return min(meta.as_of for meta in self.metas.values())

    def state(self, code: str) -> State:
        return self.states[code]

    def state_name(self, code: str) -> str:
        state = self.states.get(code)
        return state.name if state else code

    def person(self, person_id: str) -> Person:
        return self.people[person_id]

    def warrants_for(self, person_id: str) -> tuple[Warrant, ...]:
        return self.warrants_by_person.get(person_id, ())

    def is_warrant_subject(self, person_id: str) -> bool:
        return any(w.kind == "warrant" for w in self.warrants_for(person_id))

    def findings_about_state(self, code: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.state == code)

    def findings_about_person(self, person_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.person == person_id)

    def trips_of(self, person_id: str) -> tuple[Trip, ...]:
        return tuple(
            sorted((t for t in self.trips if t.person == person_id), key=lambda t: t.start)
        )

    def trips_to(self, code: str) -> tuple[Trip, ...]:
        return tuple(sorted((t for t in self.trips if t.host == code), key=lambda t: t.start))

    def positions_of(self, code: str, person_id: str) -> tuple[StatePosition, ...]:
        return tuple(p for p in self.positions if p.state == code and p.person == person_id)

    def positions_for(self, code: str) -> tuple[StatePosition, ...]:
        """Every position the state took, about anyone, oldest first (with its reasons)."""
        return tuple(sorted((p for p in self.positions if p.state == code), key=lambda p: p.date))

    def findings_for(self, code: str) -> tuple[Finding, ...]:
        """Every finding about the state, oldest first, each with its timeline of steps."""
        return tuple(sorted(self.findings_about_state(code), key=lambda f: f.date))

    def case_for(self, person_id: str) -> Case | None:
        """The person's case and its proceedings; ``None`` if the data has none."""
        return self.cases_by_person.get(person_id)

    def situation(self, situation_id: str) -> Situation:
        return self.situations[situation_id]

    def situation_of(self, warrant: Warrant) -> Situation | None:
        """The situation a warrant (or application) belongs to, with its jurisdiction bases."""
        return self.situations_by_name.get(warrant.situation)

    def situations_in(self, code: str) -> tuple[Situation, ...]:
        """Situations about a country (e.g. ``MM`` gives Bangladesh/Myanmar)."""
        return tuple(s for s in self.situations.values() if s.country == code)

    def warrants_in(self, situation_id: str) -> tuple[Warrant, ...]:
        """Warrants and applications in a situation, in file order."""
        name = self.situations[situation_id].name
        return tuple(w for w in self.warrants if w.situation == name)


# --- loading -----------------------------------------------------------------------------

DATA_FILES: dict[str, type[BaseModel]] = {
    "states.toml": StatesFile,
    "people.toml": PeopleFile,
    "leaders.toml": PeopleFile,
    "warrants.toml": WarrantsFile,
    "findings.toml": FindingsFile,
    "trips.toml": TripsFile,
    "positions.toml": PositionsFile,
    "explainers.toml": ExplainersFile,
    "places.toml": PlacesFile,
    "situations.toml": SituationsFile,
    "cases.toml": CasesFile,
}


def default_data_dir() -> Path:
    """The data directory shipped inside the installed package."""
    return Path(str(resources.files("knowledge") / "data"))


def _format_location(file_name: str, loc: Iterable[Any]) -> str:
    return " -> ".join([file_name, *(str(part) for part in loc)])


def _read(path: Path, model: type[ModelT], errors: list[str]) -> ModelT | None:
    try:
        # tomli is the parser the standard library's tomllib was taken from, in compiled
        # wheels: a third of tomllib's time, and the data files are most of start-up's parsing.
        raw = tomli.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        errors.append(f"[{path.name}] file is missing")
        return None
    except (tomli.TOMLDecodeError, UnicodeDecodeError) as exc:
        errors.append(f"[{path.name}] not valid TOML: {exc}")
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            errors.append(f"[{_format_location(path.name, err['loc'])}] {err['msg']}")
        return None


def load(data_dir: Path | None = None, *, today: dt.date | None = None) -> KnowledgeBase:
    """Load and cross-check every data file.

    Args:
        data_dir: where the TOML files are; defaults to the package's own data.
        today: the date used to reject ``as_of`` dates in the future; ``None`` skips that check.

    Raises:
        KnowledgeError: with one ``[file -> item -> field] message`` line per problem.

    """
    directory = data_dir or default_data_dir()
    errors: list[str] = []
    parsed: dict[str, BaseModel] = {}
    for name, model in DATA_FILES.items():
        result = _read(directory / name, model, errors)
        if result is not None:
            parsed[name] = result
    if errors:
        raise KnowledgeError(errors)
    errors += _duplicate_person_ids(parsed)
    errors += situation_names(_as(parsed["situations.toml"], SituationsFile).situations)
    if errors:
        raise KnowledgeError(errors)
    kb = _build(parsed)
    problems = cross_check(kb, today=today)
    if problems:
        raise KnowledgeError(problems)
    return kb


@cache
def load_default() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process (no date checks)."""
    return load()


def _duplicate_person_ids(parsed: dict[str, BaseModel]) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for name in ("people.toml", "leaders.toml"):
        for person in _as(parsed[name], PeopleFile).people:
            if person.id in seen:
                problems.append(f"[{name} -> {person.id}] id already used in {seen[person.id]}")
            seen[person.id] = name
    return problems


def _build(parsed: dict[str, BaseModel]) -> KnowledgeBase:
    states_file = _as(parsed["states.toml"], StatesFile)
    people = (
        *_as(parsed["people.toml"], PeopleFile).people,
        *_as(parsed["leaders.toml"], PeopleFile).people,
    )
    warrants = _as(parsed["warrants.toml"], WarrantsFile).warrants
    by_person: dict[str, list[Warrant]] = defaultdict(list)
    for warrant in warrants:
        by_person[warrant.person].append(warrant)
    cases = _as(parsed["cases.toml"], CasesFile).cases
    situations = _as(parsed["situations.toml"], SituationsFile).situations
    return KnowledgeBase(
        metas={name: _meta(model) for name, model in parsed.items()},
        states={state.code: state for state in states_file.states},
        people={person.id: person for person in people},
        warrants=warrants,
        findings=_as(parsed["findings.toml"], FindingsFile).findings,
        trips=_as(parsed["trips.toml"], TripsFile).trips,
        positions=_as(parsed["positions.toml"], PositionsFile).positions,
        explainers={e.topic: e for e in _as(parsed["explainers.toml"], ExplainersFile).explainers},
        places=_as(parsed["places.toml"], PlacesFile),
        warrants_by_person={
            pid: tuple(sorted(items, key=lambda w: w.issued or dt.date.max))
            for pid, items in by_person.items()
        },
        cases=cases,
        situations={s.id: s for s in situations},
        cases_by_person={case.person: case for case in cases},
        situations_by_name={s.name: s for s in situations},
    )


def _as(model: BaseModel, kind: type[ModelT]) -> ModelT:
    assert isinstance(model, kind)
    return model


def _meta(model: BaseModel) -> Meta:
    meta = getattr(model, "meta", None)
    assert isinstance(meta, Meta)
    return meta


# --- cross-checks ------------------------------------------------------------------------

REQUIRED_NON_UN = {"PS", "VA", "CK", "NU", "XK"}


def cross_check(kb: KnowledgeBase, *, today: dt.date | None = None) -> list[str]:
    """Integrity checks across files; returns readable problem lines (empty when all is well)."""
    problems: list[str] = []
    problems += _check_counts(kb)
    problems += _check_states(kb)
    problems += _check_people_and_warrants(kb)
    problems += _check_references(kb)
    problems += _check_aliases(kb)
    problems += _check_proceedings(kb)
    if today is not None:
        problems += _check_not_future(kb, today)
    return problems


def _check_counts(kb: KnowledgeBase) -> list[str]:
    counts = {
        "states.toml": len(kb.states),
        "warrants.toml": len(kb.warrants),
        "findings.toml": len(kb.findings),
        "trips.toml": len(kb.trips),
        "positions.toml": len(kb.positions),
        "explainers.toml": len(kb.explainers),
        "places.toml": len(kb.places.countries),
        "situations.toml": len(kb.situations),
        "cases.toml": len(kb.cases),
    }
    problems = []
    for name, count in counts.items():
        expected = kb.metas[name].expected_min_count
        if count < expected:
            problems.append(
                f"[{name}] has {count} items, fewer than expected_min_count {expected}"
            )
    un_members = sum(1 for s in kb.states.values() if s.un == "member")
    if un_members != 193:
        problems.append(f"[states.toml] lists {un_members} UN member states, not 193")
    missing = REQUIRED_NON_UN - set(kb.states)
    if missing:
        problems.append(f"[states.toml] missing required non-UN entries: {sorted(missing)}")
    return problems


def _check_states(kb: KnowledgeBase) -> list[str]:
    from knowledge.rules import expected_entry_into_force  # local: rules imports this module

    problems = []
    for state in kb.states.values():
        where = f"[states.toml -> {state.code}]"
        kinds = [e.kind for e in state.events]
        joined = [e for e in state.events if e.kind in ("ratified", "acceded", "succeeded")]
        in_force = [e for e in state.events if e.kind == "entered_into_force"]
        if joined and not in_force and not any(e.kind == "succeeded" for e in joined):
            problems.append(f"{where} joined but has no entered_into_force event")
        if in_force and not joined:
            problems.append(f"{where} entered_into_force without ratification/accession")
        for deposit in (e for e in joined if e.kind in ("ratified", "acceded")):
            for eif in in_force:
                expected = expected_entry_into_force(deposit.date)
                if eif.date != expected:
                    problems.append(
                        f"{where} entry into force {eif.date} does not follow Art. 126 from "
                        f"deposit {deposit.date} (expected {expected})"
                    )
        for event in state.events:
            if event.kind == "withdrawal_notified" and event.effective is not None:
                one_year = _add_years(event.date, 1)
                if event.effective < one_year:
                    problems.append(
                        f"{where} withdrawal effective {event.effective} is earlier than one year "
                        f"after notice {event.date} (Art. 127)"
                    )
        if kinds.count("signed") > 1:
            problems.append(f"{where} has more than one signature")
        if state.code == "XK" and state.events:
            problems.append(f"{where} Kosovo cannot be a party (not a UN member)")
    return problems


def _check_people_and_warrants(kb: KnowledgeBase) -> list[str]:
    problems = []
    seen: set[str] = set()
    for warrant in kb.warrants:
        where = f"[warrants.toml -> {warrant.id}]"
        if warrant.id in seen:
            problems.append(f"{where} duplicate id")
        seen.add(warrant.id)
        if warrant.kind == "warrant" and not any(e.kind == "issued" for e in warrant.events):
            problems.append(f"{where} a warrant needs an 'issued' event in its status timeline")
        for event in warrant.events:
            if (
                warrant.issued
                and event.kind not in ("applied", "deceased")
                and event.date < warrant.issued
            ):
                problems.append(f"{where} event {event.kind} on {event.date} precedes the warrant")
    return problems


def _check_references(kb: KnowledgeBase) -> list[str]:
    problems = []
    for warrant in kb.warrants:
        if warrant.person not in kb.people:
            problems.append(
                f"[warrants.toml -> {warrant.id} -> person] unknown '{warrant.person}'"
            )
        if warrant.situation_country not in kb.states:
            problems.append(f"[warrants.toml -> {warrant.id}] unknown situation_country")
    for finding in kb.findings:
        if finding.person not in kb.people:
            problems.append(
                f"[findings.toml -> {finding.id} -> person] unknown '{finding.person}'"
            )
        if finding.state not in kb.states:
            problems.append(f"[findings.toml -> {finding.id} -> state] unknown '{finding.state}'")
    for trip in kb.trips:
        if trip.person not in kb.people:
            problems.append(f"[trips.toml -> {trip.id} -> person] unknown '{trip.person}'")
        if trip.host not in kb.states:
            problems.append(f"[trips.toml -> {trip.id} -> host] unknown '{trip.host}'")
    for position in kb.positions:
        if position.person not in kb.people or position.state not in kb.states:
            problems.append(f"[positions.toml -> {position.id}] unknown person or state")
    for person in kb.people.values():
        for code in person.nationality + tuple(r.country for r in person.roles if r.country):
            if code not in kb.states:
                problems.append(f"[people -> {person.id}] unknown country '{code}'")
    for place in kb.places.countries:
        if place.code not in kb.states:
            problems.append(f"[places.toml -> countries -> {place.code}] unknown state")
    for territory in kb.places.territories:
        if territory.code not in kb.states:
            problems.append(f"[places.toml -> territories -> {territory.name}] unknown state")
    return problems


def _check_aliases(kb: KnowledgeBase) -> list[str]:
    problems = []
    owner: dict[str, str] = {}
    for person in kb.people.values():
        for alias in person.aliases:
            key = alias.casefold()
            if key in owner and owner[key] != person.id:
                problems.append(
                    f"[people -> {person.id} -> aliases] '{alias}' also names {owner[key]}"
                )
            owner[key] = person.id
    tracked_names = set(owner) | {person.name.casefold() for person in kb.people.values()}
    for person in kb.people.values():
        for namesake in person.namesakes:
            if namesake.casefold() in tracked_names:
                problems.append(
                    f"[people -> {person.id} -> namesakes] '{namesake}' is a tracked person's name"
                )
    place_owner: dict[str, str] = {}
    for place in kb.places.countries:
        for alias in (*place.aliases, *place.demonyms, *place.cities):
            key = alias.casefold()
            if key in place_owner and place_owner[key] != place.code:
                problems.append(
                    f"[places.toml -> {place.code}] '{alias}' also names {place_owner[key]}"
                )
            place_owner[key] = place.code
    return problems


def _check_proceedings(kb: KnowledgeBase) -> list[str]:
    return [*check_situations(kb), *check_cases(kb), *check_finding_steps(kb)]


def _check_not_future(kb: KnowledgeBase, today: dt.date) -> list[str]:
    problems = []
    for name, meta in kb.metas.items():
        if meta.as_of > today:
            problems.append(f"[{name} -> meta -> as_of] {meta.as_of} is in the future")
    items: list[tuple[str, str, dt.date]] = [
        *(("states.toml", s.code, s.as_of) for s in kb.states.values()),
        *(("people", p.id, p.as_of) for p in kb.people.values()),
        *(("warrants.toml", w.id, w.as_of) for w in kb.warrants),
        *(("findings.toml", f.id, f.as_of) for f in kb.findings),
        *(("trips.toml", t.id, t.as_of) for t in kb.trips),
        *(("positions.toml", p.id, p.as_of) for p in kb.positions),
        *(("situations.toml", s.id, s.as_of) for s in kb.situations.values()),
        *(("cases.toml", c.id, c.as_of) for c in kb.cases),
    ]
    for file_name, item, as_of in items:
        if as_of > today:
            problems.append(f"[{file_name} -> {item} -> as_of] {as_of} is in the future")
    return problems


def staleness_warning(kb: KnowledgeBase, today: dt.date) -> str | None:
    """A warning line when the data is older than 90 days, else ``None``."""
    age = today - kb.as_of
    if age > STALE_AFTER:
        return f"warning: the facts are {age.days} days old (as of {kb.as_of}); review them"
    return None


def all_sources(items: Iterable[Iterable[Source]]) -> list[Source]:
    """Flatten source lists, keeping the first occurrence of each URL."""
    seen: set[str] = set()
    result: list[Source] = []
    for group in items:
        for source in group:
            if source.url not in seen:
                seen.add(source.url)
                result.append(source)
    return result


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
