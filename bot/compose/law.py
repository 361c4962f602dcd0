"""The rules of the Rome Statute the answers cite, each one sentence, and helpers to read the
record's notes (only their public sentences go into an answer).
"""

from __future__ import annotations

import re

from knowledge.models import Source

ROME_STATUTE = Source(
    title="Rome Statute of the International Criminal Court (official text)",
    url="https://www.icc-cpi.int/sites/default/files/RS-Eng.pdf",
)
NO_TRIAL_IN_ABSENTIA = (
    "The ICC does not hold trials in absentia: the accused must be present at trial (Art. 63)."
)
CONFIRMATION_IN_ABSENTIA = (
    "Charges can be confirmed without the suspect when he cannot be found (Art. 61(2)(b)), "
    "as Joseph Kony's were on 6 November 2025; a trial still needs him in court."
)
NO_POLICE = (
    "The ICC has no police of its own: an arrest depends on the states a suspect is in, and "
    "only States Parties (or states bound by a Security Council referral or their own "
    "Art. 12(3) declaration) must arrest."
)
PRESUMED_INNOCENT = (
    "Everyone is presumed innocent until proved guilty (Art. 66(1)); a conviction needs proof "
    "beyond reasonable doubt (Art. 66(3))."
)
TERRITORIAL = (
    "The ICC can try anyone, whatever their nationality, for crimes committed on the territory "
    "of a State Party (Art. 12(2)(a)) or of a state that accepted its jurisdiction by an "
    "Art. 12(3) declaration; and crimes by a State Party's nationals anywhere (Art. 12(2)(b))."
)
REFERRAL = (
    "The UN Security Council can refer a situation in any state, party or not (Art. 13(b)); "
    "its referral binds the state concerned (UN Charter, Art. 25)."
)
WITHDRAWAL = (
    "A withdrawal takes effect one year after the UN Secretary-General receives the notice "
    "(Art. 127(1)), and it does not end the Court's jurisdiction over crimes committed while "
    "the state was a party (Art. 127(2))."
)
DECLARATION = (
    "An Art. 12(3) declaration is how a state that is not a party accepts the ICC's "
    "jurisdiction over crimes on its territory for a period, with the duty to cooperate."
)
AGGRESSION = (
    "For the crime of aggression the Court cannot act against nationals of a state that is "
    "not a party, or on its territory, unless the Security Council refers the situation "
    "(Art. 15 bis(5), added by the Kampala amendments)."
)
OFFICIAL_CAPACITY = (
    "Official capacity is no bar: a head of state or government can be tried like anyone "
    "else (Art. 27)."
)

_SENTENCE = re.compile(r"(?<!e\.g\.)(?<!i\.e\.)(?<=[.!?])\s+(?=[A-Z])")
_REVIEWER = re.compile(
    r"toml|\bdata\b|source|reference|sheet|memory|modelled|recorded here|not seen|checked|"
    r"\[V\d\]|\bcited\b",
    re.IGNORECASE,
)
_FILE_NOTE = re.compile(r"\s*\([^()]*toml[^()]*\)")


def public_sentences(note: str) -> list[str]:
    """The sentences of a reviewer's note that state the record, not how it was compiled."""
    note = _FILE_NOTE.sub("", note)
    return [s for s in _SENTENCE.split(note.strip()) if s and not _REVIEWER.search(s)]
