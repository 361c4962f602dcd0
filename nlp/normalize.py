"""Clean user text before parsing: Unicode, quotes, invisible characters, Arabic script, size."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

MAX_PARSED_CHARS = 1000
"""Questions longer than this are cut before parsing (the answer says so)."""

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": " - ",
        "\u2012": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_ARABIC_SCRIPT: dict[str, str | None] = {
    # one spelling for letters Arabic and Persian write differently (Persian forms kept)
    "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
    "\u0649": "\u06cc",  # alef maksura -> Persian yeh
    "\u0626": "\u06cc",  # yeh with hamza -> yeh
    "\u0643": "\u06a9",  # Arabic kaf -> keheh
    "\u0629": "\u0647",  # teh marbuta -> heh, as chats often write it
    "\u06c0": "\u0647",  # heh with yeh above (Persian ezafe) -> heh
    "\u06d5": "\u0647",  # ae -> heh
    "\u0623": "\u0627",  # alef with hamza above -> alef
    "\u0625": "\u0627",  # alef with hamza below -> alef
    "\u0622": "\u0627",  # alef with madda -> alef
    "\u0671": "\u0627",  # alef wasla -> alef
    "\u0624": "\u0648",  # waw with hamza -> waw
    "\u0640": None,  # tatweel (kashida), a stretching stroke
    "\u061f": "?",  # Arabic question mark
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",  # Arabic semicolon
    **{chr(code): None for code in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE))},
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # Persian digits
}
"""Arabic-script spellings that vary between writers, keyboards and the two languages, mapped
to one (diacritics, the kashida and the hamza seat dropped), so that a name or a cue word
written either way is the same text."""
_CLEANED: dict[int, str | None] = {**_QUOTES, **{ord(k): v for k, v in _ARABIC_SCRIPT.items()}}
"""What ``clean`` translates: quotes and dashes, and the Arabic script."""
_ZWNJ = "\u200c"
"""Persian's zero-width non-joiner joins a word to its suffix ('بین‌المللی'): a space."""
_ASCII_QUOTE = "`"
"""The one ASCII character ``_CLEANED`` maps (translating an ASCII text through a dict is a
sixth of a short question's parse)."""


class CleanText(NamedTuple):
    text: str
    truncated: bool
    original_length: int


def _keep(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category in ("Cs", "Co", "Cn"):  # lone surrogates, private use, unassigned
        return False
    if category == "Cc":
        return ch in "\n\t"
    # format characters: bidi controls, zero-width joiners... (keep the emoji joiner out too)
    return category != "Cf"


def clean(text: str, *, limit: int = MAX_PARSED_CHARS) -> CleanText:
    """Normalise ``text`` (NFKC, plain quotes, no control/bidi characters) and cap its length."""
    original_length = len(text)
    head = text[: limit * 4]
    if head.isascii() and head.isprintable():
        kept = head  # the common case: nothing invisible to remove
    else:
        # one test per distinct character, not per character: emoji and accents are common
        dropped = {
            ord(ch): " " if ch == _ZWNJ else None
            for ch in set(head)
            if not (ch.isascii() and ch.isprintable()) and not _keep(ch)
        }
        kept = head.translate(dropped) if dropped else head
    if kept.isascii():
        normalised = kept.replace(_ASCII_QUOTE, "'") if _ASCII_QUOTE in kept else kept
    else:
        normalised = unicodedata.normalize("NFKC", kept).translate(_CLEANED)
    # str.split() and the regular expression \s+ agree on what whitespace is (both use
    # Py_UNICODE_ISSPACE); split-and-join is four times faster than re.sub
    normalised = " ".join(normalised.split())
    truncated = len(normalised) > limit or original_length > limit * 4
    if len(normalised) > limit:
        cut = normalised[:limit]
        space = cut.rfind(" ")
        normalised = cut[:space] if space > limit // 2 else cut
    return CleanText(normalised, truncated, original_length)


def fold(text: str) -> str:
    """Lower-case and strip accents: 'Brasília' -> 'brasilia', 'Erdoğan' -> 'erdogan'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_UNMARKED)


_UNMARKED = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", _ZWNJ: " ", **_ARABIC_SCRIPT})
"""Letters that NFKD does not split into a base letter and an accent: Turkish dotless i,
Polish ł ('członkiem'), Croatian and Serbian đ ('Međunarodni'), Danish and Norwegian ø; and
the Arabic-script spellings ``clean`` makes one, for names and words not passed through it."""
