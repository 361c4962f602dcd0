"""Explanations and small talk: explainers, the guide, out-of-scope and unknown questions."""

from __future__ import annotations

from bot.compose.sheet import Draft, Sheet, memo_part
from bot.format import join
from knowledge.rules import (
    parties_on,
)

EXAMPLES = (
    "Will Vladimir Putin be arrested in Kyrgyzstan?",
    "Is Mongolia a member of the ICC?",
    "Does Netanyahu have an ICC warrant?",
    "Which countries must arrest Putin?",
    "How many states are in the ICC?",
    "What is head-of-state immunity?",
)


def explain(draft: Draft) -> None:
    topic = draft.query.topic or "icc"
    draft.merge(memo_part(draft.kb, draft.on, _compose_explain, topic))


def _compose_explain(draft: Sheet, topic: str) -> None:
    explainer = draft.kb.explainers.get(topic) or draft.kb.explainers["icc"]
    draft.verdict = "info"
    draft.headline = explainer.headline
    draft.points.extend(explainer.points)
    if topic == "icc":
        draft.points.append(f"{len(parties_on(draft.kb, draft.on))} states are parties today.")
    draft.cite(explainer.sources)
    draft.certainties.append(explainer.certainty)
    draft.followups += [
        "Who has ICC arrest warrants?",
        "Will Vladimir Putin be arrested in Kyrgyzstan?",
    ]


def greeting(draft: Draft) -> None:
    draft.verdict = "info"
    draft.headline = (
        "Hello! I answer questions about ICC arrest warrants and which states must arrest whom, "
        "with sources."
    )
    draft.points.append("Try: " + " / ".join(EXAMPLES[:3]))
    draft.followups += list(EXAMPLES[:3])


def help_guide(draft: Draft) -> None:
    draft.verdict = "info"
    draft.headline = (
        "Ask me whether a state must arrest someone wanted by the International Criminal Court, "
        "whether a country is an ICC member, or who has a warrant. Every answer on the facts "
        "cites its sources."
    )
    draft.points.extend(f"Example: {example}" for example in EXAMPLES)
    draft.followups += list(EXAMPLES[:3])


def out_of_scope(draft: Draft) -> None:
    draft.verdict = "out_of_scope"
    cricket = any(w in draft.query.text.lower() for w in ("cricket", "t20", "odi", "wicket"))
    draft.headline = (
        "That sounds like the International Cricket Council; I only know about the International "
        "Criminal Court."
        if cricket
        else "I can't answer that: I only know about ICC arrest warrants and Rome Statute "
        "membership."
    )
    draft.points.extend(f"You can ask: {example}" for example in EXAMPLES[:4])


def unknown(draft: Draft) -> None:
    draft.verdict = "unknown"
    query = draft.query
    if query.suggestions:
        names = [
            draft.kb.people[s.id].name if s.kind == "person" else draft.kb.state_name(s.id)
            for s in query.suggestions
        ]
        draft.headline = f"Did you mean {join(list(dict.fromkeys(names)), 'or')}?"
    elif not query.text:
        draft.headline = "Please send a question, for example: " + EXAMPLES[0]
    else:
        draft.headline = (
            "I'm not sure what you're asking. I answer questions about ICC arrest warrants and "
            "Rome Statute membership."
        )
    draft.points.extend(f"You can ask: {example}" for example in EXAMPLES[:4])


def clarify(draft: Draft) -> None:
    ambiguity = draft.query.ambiguities[0]
    if ambiguity.kind == "country":
        names = [draft.kb.state_name(code) for code in ambiguity.ids]
    else:
        names = [draft.kb.people[pid].name for pid in ambiguity.ids if pid in draft.kb.people]
    draft.verdict = "clarify"
    draft.headline = f"'{ambiguity.text}' could mean {join(names, 'or')}: which one?"
    draft.followups += [f"{draft.query.text} ({name})" for name in names[:3]]
