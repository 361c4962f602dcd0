"""Fixed texts of the bot (HTML, escaped where interpolated) and commands-to-questions."""

from __future__ import annotations

import html

from bot.answers import EXAMPLES
from bot.format import day
from knowledge.store import KnowledgeBase

COMMANDS: tuple[tuple[str, str], ...] = (
    ("ask", "Ask a question, e.g. /ask Will Putin be arrested in Mongolia?"),
    ("status", "Rome Statute status of a country, e.g. /status Kyrgyzstan"),
    ("warrant", "ICC warrant of a person, e.g. /warrant Netanyahu"),
    ("warrants", "Public ICC arrest warrants, at large and in custody"),
    ("map", "Map: who must arrest someone, e.g. /map Putin"),
    ("sources", "Where the facts come from"),
    ("help", "What I can answer, with examples"),
    ("about", "Version, data date, how to report an error"),
    ("report", "Report a wrong fact, with a source: /report <text>"),
    ("privacy", "What I store"),
)


def start_text() -> str:
    examples = "\n".join(f"• {html.escape(e)}" for e in EXAMPLES[:4])
    return (
        "<b>Hello! I check ICC arrest warrants and who must arrest whom.</b>\n\n"
        "Ask in plain words and I answer with the legal duty, what happened before, and "
        f"sources you can check.\n\n{examples}\n\nType /help for more."
    )


def help_text() -> str:
    commands = "\n".join(f"/{name}: {html.escape(text)}" for name, text in COMMANDS)
    examples = "\n".join(f"• {html.escape(e)}" for e in EXAMPLES)
    return (
        "<b>Just send a question.</b> Follow-ups work too: after an answer about Kyrgyzstan, "
        "send <i>and Mongolia?</i>\n\n"
        f"{examples}\n\n{commands}\n\n"
        "In any chat, type <code>@</code> and my username, then a question (inline mode)."
    )


def about_text(kb: KnowledgeBase, version: str) -> str:
    return (
        f"<b>warrantwatch {html.escape(version)}</b>\n"
        f"Facts as of {html.escape(day(kb.as_of))}: {len(kb.states)} states, "
        f"{sum(1 for w in kb.warrants if w.kind == 'warrant')} public ICC warrants.\n"
        "I state legal obligations and the record; I never predict an arrest.\n"
        "Found an error? Send <code>/report</code> followed by the correct fact and a link to "
        "a source; the maintainers read every report."
    )


def privacy_text() -> str:
    return (
        "<b>What I store</b>\n"
        "• For each chat: its id and type, when it first and last wrote, and whether it is "
        "active (so I stop writing to people who blocked me).\n"
        "• Messages I could not deliver after retries: chat id, error and the answer text, "
        "so nothing is silently lost.\n"
        "• Reports you send with /report, with your user id, for the maintainers.\n"
        "• In memory only (gone on restart, at most 30 minutes): your last question, so "
        "follow-ups like 'and Mongolia?' work.\n"
        "I do not store your questions on disk, and I do not share anything."
    )


def sources_text() -> str:
    return (
        "<b>Where the facts come from</b>\n"
        '• <a href="https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&amp;'
        'mtdsg_no=XVIII-10&amp;chapter=18&amp;lang=en">UN Treaty Collection: Rome Statute '
        "status</a>\n"
        '• <a href="https://asp.icc-cpi.int/states-parties">ICC Assembly of States Parties</a>\n'
        '• <a href="https://www.icc-cpi.int/cases">ICC cases and defendants</a>\n'
        "• Reputable news outlets for trips and statements.\n"
        "Every answer lists its own numbered sources and the date the facts were checked; "
        "facts that are only probable are flagged."
    )


SLOW_DOWN = (
    "You're sending messages faster than I can answer well. Please wait a minute and try again."
)
NOT_TEXT = "I can only read text. Send me a question, for example: " + html.escape(EXAMPLES[0])
REPORT_USAGE = (
    "Send <code>/report</code> followed by the wrong fact, the correct one and a source."
)
REPORT_THANKS = "Thank you: your report was recorded for the maintainers."
ANSWER_EXPIRED = "That answer is too old to expand; please ask again."
ASK_ANOTHER_COUNTRY = "Which country? Send its name, e.g. <i>Mongolia</i>."


def command_question(command: str, argument: str) -> str:
    """Turn /status, /warrant, /ask arguments into a question the parser understands."""
    argument = argument.strip()
    if command == "status":
        return f"Is {argument} a member of the ICC?" if argument else ""
    if command == "warrant":
        return f"Is there an ICC arrest warrant for {argument}?" if argument else ""
    if command == "warrants":
        return "Who has ICC arrest warrants?"
    return argument


# --- groups ------------------------------------------------------------------------------------

ADMINS_ONLY = "Only the chat's admins can change my settings or subscriptions here."
AUTOANSWER_USAGE = (
    "Use <code>/autoanswer on</code> (answer questions about ICC warrants by myself), "
    "<code>/autoanswer mentions</code> (only when mentioned or replied to; the default) or "
    "<code>/autoanswer off</code>."
)
QUIET_USAGE = "Use <code>/quiet MINUTES</code> (0 to 1440), e.g. <code>/quiet 60</code>."

_MODE_TEXT = {
    "auto": "I will answer questions about ICC warrants in this chat by myself (few, never "
    "repeated). I need privacy mode disabled in BotFather, or admin rights, to see messages.",
    "mentions": "I will answer only when mentioned, replied to, or asked with /ask.",
    "off": "I will stay silent here except for commands.",
}


def mode_changed(mode: str) -> str:
    return f"<b>Auto-answer: {html.escape(mode)}.</b> {html.escape(_MODE_TEXT[mode])}"


def settings_text(mode: str, quiet_until: object | None) -> str:
    quiet = f"\nQuiet until {html.escape(str(quiet_until))} (UTC)." if quiet_until else ""
    return (
        f"<b>Settings for this chat</b>\nAuto-answer: {html.escape(mode)}. "
        f"{html.escape(_MODE_TEXT[mode])}{quiet}\nAdmins can change it with /autoanswer and "
        "/quiet."
    )


def quiet_text(minutes: int) -> str:
    if minutes == 0:
        return "Quiet period ended."
    return f"I will not answer by myself for {minutes} minutes."


def already_answered(link: str | None) -> str:
    if link:
        return f'I answered this a few minutes ago: <a href="{html.escape(link)}">see above</a>.'
    return "I answered this a few minutes ago; see my answer above."


def group_intro(bot_username: str) -> str:
    return (
        "<b>Hi! I answer questions about ICC arrest warrants</b> (who must arrest whom, with "
        f"sources). Mention me (@{bot_username}) or use /ask. Admins: "
        "<code>/autoanswer on</code> lets me answer such questions by myself; for that I need "
        "privacy mode disabled in BotFather, or admin rights, to see messages."
    )
