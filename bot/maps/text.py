"""The words on the map and in its caption (English; other languages add a table here)."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from bot.format import day, join
from bot.maps.classes import MapClass, Obligations, TripMark
from knowledge.models import Person

LANGUAGES = ("en",)

NO_STATE_AREAS = "Taiwan, Western Sahara"
"""The areas drawn with no state (the knowledge base has none for them)."""


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"no map texts in {lang!r} (have: {', '.join(LANGUAGES)})")


def him(person: Person) -> str:
    return {"f": "her", "x": "them"}.get(person.gender, "him")


def his(person: Person) -> str:
    return {"f": "her", "x": "their"}.get(person.gender, "his")


def states(count: int) -> str:
    return f"{count} state" if count == 1 else f"{count} states"


@dataclass(frozen=True)
class LegendRow:
    klass: MapClass | None
    """Whose swatch the row shows (None: no swatch)."""
    text: str


def title(facts: Obligations) -> str:
    name = facts.person.name
    if facts.standing == "wanted":
        return f"Who must arrest {name}?"
    if facts.standing == "in_custody":
        return f"{name} is in ICC custody"
    if facts.standing == "deceased":
        return f"{name} has died"
    return f"{name}: no public ICC arrest warrant"


def subtitle(facts: Obligations) -> str:
    on = f"as of {day(facts.on)}"
    issued = facts.warrant_issued
    pronoun = him(facts.person)
    if facts.standing == "wanted" and issued is not None:
        return f"ICC arrest warrant of {day(issued)} · {on}"
    if facts.standing == "no_warrant" and issued is not None and issued > facts.on:
        applied = f"applied for on {day(facts.applied)}, " if facts.applied else ""
        warrant = f"warrant {applied}issued {day(issued)}"
        return sentence(f"{on}, no state had to arrest {pronoun} ({warrant})")
    if facts.standing == "deceased" and facts.person.died is not None:
        return sentence(f"{on}: died {day(facts.person.died)}, so no state has anyone to arrest")
    if facts.standing == "in_custody":
        return sentence(f"{on}, the Court holds {pronoun}: no state needs to arrest {pronoun}")
    return sentence(f"{on}, no state has an ICC duty to arrest {pronoun}")


def legend(facts: Obligations) -> list[LegendRow]:
    """One row per class on the map, with its count, then the trips."""
    if facts.standing != "wanted":
        return [LegendRow("not_wanted", f"No ICC duty to arrest: all {len(facts.states)} states")]
    rows = [LegendRow("must", f"Must arrest: {states(facts.count('must'))}{_bound(facts)}")]
    contested = facts.of("contested")
    if contested:
        immunity = [s.name for s in contested if s.why == "immunity"]
        leaving = [s.name for s in contested if s.why == "leaving"]
        names = "; ".join(
            part
            for part in (
                f"{join(immunity)} (claims immunity)" if immunity else "",
                f"{join(leaving)} (withdrawal pending)" if leaving else "",
            )
            if part
        )
        rows.append(
            LegendRow(
                "contested",
                f"Must arrest, but disputes immunity or is leaving the ICC: "
                f"{states(len(contested))}: {names}",
            )
        )
    rows.append(LegendRow("no_duty", f"No duty to arrest: {states(facts.count('no_duty'))}"))
    own = facts.of("own_state")
    if own:
        rows.append(
            LegendRow(
                "own_state",
                f"{his(facts.person).capitalize()} own state, no "
                f"duty: {join([s.name for s in own])}",
            )
        )
    return rows


def _bound(facts: Obligations) -> str:
    if not facts.bound_in_situation:
        return ""
    parts = []
    for status in facts.bound_in_situation:
        basis = "a Security Council referral" if status.referrals else "its Art. 12(3) declaration"
        own = f", {his(facts.person)} own state" if status.code in facts.person.nationality else ""
        parts.append(f"{status.name}{own}, bound by {basis}")
    return f", among them {join(parts)}"


def summary(facts: Obligations, total_states: int) -> str:
    """The count line, in the answers' terms: States Parties plus the situation's own states."""
    if facts.standing != "wanted":
        return ""
    extra = "".join(f" plus {s.name}" for s in facts.bound_in_situation)
    parties = "State Party" if facts.parties == 1 else "States Parties"
    return (
        f"{facts.must_arrest()} of {total_states} states must arrest {him(facts.person)}: "
        f"{facts.parties} {parties}{extra}."
    )


def trip_rows(facts: Obligations) -> tuple[str, str]:
    """The two marker rows: visits to states with no duty, and to states that had to arrest."""
    free = _hosts(facts, [t for t in facts.trips if not t.bound], years=False)
    bound = _hosts(facts, [t for t in facts.trips if t.bound], years=True)
    pronoun = him(facts.person)
    return (
        f"Visited since the warrant: {free}" if free else "",
        f"Visited although the host had to arrest {pronoun}: {bound}" if bound else "",
    )


def _hosts(facts: Obligations, marks: list[TripMark], *, years: bool) -> str:
    by_host: dict[str, list[dt.date]] = {}
    for mark in marks:
        by_host.setdefault(mark.host, []).append(mark.trip.start)
    names = {code: facts.states[code].name for code in by_host if code in facts.states}
    if not years:
        return join([names.get(code, code) for code in by_host])
    return join(
        [f"{names.get(code, code)} ({years_of(dates)})" for code, dates in by_host.items()]
    )


def years_of(dates: list[dt.date]) -> str:
    return ", ".join(str(year) for year in sorted({d.year for d in dates}))


def trip_label(facts: Obligations, code: str) -> str:
    """The label beside a marked host that had to arrest: 'Mongolia 2024'."""
    dates = [m.trip.start for m in facts.trips if m.host == code and m.bound]
    return f"{facts.states[code].name} {years_of(dates)}"


def no_state_row() -> str:
    return f"No state in the data: {NO_STATE_AREAS}"


def source_lines(data_as_of: dt.date, *, dots: bool = True) -> tuple[str, str]:
    small = " Small states are dots;" if dots else ""
    return (
        "Sources: ICC warrants, UN Treaty Collection and ASP records, in the warrantwatch "
        f"knowledge base (checked {day(data_as_of)}).",
        f"Map: Natural Earth 1:110m, Equal Earth projection.{small} Crimea is drawn with "
        "Ukraine. A duty to arrest is not a forecast.",
    )


def sentence(words: str) -> str:
    return words[:1].upper() + words[1:]


def caption(facts: Obligations, total_states: int) -> str:
    """The photo's caption in Telegram HTML (well under its 1,024 characters)."""
    head = html.escape(title(facts))
    if facts.standing != "wanted":
        return f"<b>{head}</b>\n{html.escape(subtitle(facts))}."
    lines = [
        f"<b>{head}</b>",
        html.escape(f"As of {day(facts.on)}, {summary(facts, total_states)}"),
    ]
    _, bound = trip_rows(facts)
    if bound:
        lines.append(html.escape(f"{bound}."))
    lines.append("A duty to arrest is not a forecast.")
    return "\n".join(lines)
