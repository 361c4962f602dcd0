"""Splitting a message into the questions it may ask, and the form of a question."""

from __future__ import annotations

import pytest

from nlp.normalize import fold
from nlp.split import MAX_PIECES, asks_question, split_message


def _texts(message: str) -> list[str]:
    return [piece.text for piece in split_message(message)]


@pytest.mark.parametrize(
    ("message", "pieces"),
    [
        (
            "is hungary still in the icc? and did they arrest netanyahu when he came?",
            ["is hungary still in the icc?", "and did they arrest netanyahu when he came?"],
        ),
        (
            "is there a warrant for the taliban supreme leader and is afghanistan in the icc",
            ["is there a warrant for the taliban supreme leader", "and is afghanistan in the icc"],
        ),
        (
            "is brazil a member, does it have to arrest putin, and is that why he skipped rio",
            [
                "is brazil a member",
                "does it have to arrest putin",
                "and is that why he skipped rio",
            ],
        ),
        (
            "is mongolia a member and also must it arrest putin",
            ["is mongolia a member", "and also must it arrest putin"],
        ),
        ("kushayb verdict? sentence? appeal?", ["kushayb verdict?", "sentence?", "appeal?"]),
        (
            "Является ли Казахстан членом МУС? И должен ли он арестовать Путина?",
            ["Является ли Казахстан членом МУС?", "И должен ли он арестовать Путина?"],
        ),
        ("¿Hungría es miembro? ¿Y Polonia?", ["¿Hungría es miembro?", "¿Y Polonia?"]),
        (
            "hat italien almasri freigelassen und gab es konsequenzen vom istgh?",
            ["hat italien almasri freigelassen", "und gab es konsequenzen vom istgh?"],
        ),
        (
            "فیلیپین عضو دیوان هست؟ پس چرا دوترته تو لاهه است؟",
            ["فیلیپین عضو دیوان هست؟", "پس چرا دوترته تو لاهه است؟"],
        ),
        (
            "هل المجر عضو في المحكمة وهل اعتقلت نتنياهو؟",
            ["هل المجر عضو في المحكمة", "وهل اعتقلت نتنياهو؟"],
        ),
    ],
)
def test_a_new_question_starts_a_piece(message: str, pieces: list[str]) -> None:
    assert _texts(message) == pieces


@pytest.mark.parametrize(
    "message",
    [
        "will putin be arrested in mongolia or kyrgyzstan?",
        "will putin be arrested in mongolia? or kyrgyzstan?",
        "Will Putin\nbe arrested in Mongolia?",
        "Will the U.S. arrest Mr. Putin if he lands in Alaska?",
        "Ist die Ukraine seit dem 1. Januar 2025 Mitglied?",
        "is putin wanted",
        "x" * 2000 + "? is putin wanted?",
    ],
)
def test_one_question_stays_one_piece(message: str) -> None:
    assert len(split_message(message)) == 1


def test_list_items_are_pieces_marked_as_listed() -> None:
    numbered = split_message("1. hungary icc status\n2) poland icc status\n- mongolia")
    assert [(p.text, p.listed) for p in numbered] == [
        ("hungary icc status", True),
        ("poland icc status", True),
        ("mongolia", True),
    ]
    inline = split_message("two questions: 1) is hungary in the icc 2) must mongolia arrest putin")
    assert [p.text for p in inline] == [
        "two questions:",
        "is hungary in the icc",
        "must mongolia arrest putin",
    ]
    assert not split_message("is hungary in? and poland?")[0].listed


def test_chatter_around_a_question_is_its_own_piece() -> None:
    assert _texts("hey bot, quick question: will putin be arrested in mongolia? thanks!") == [
        "hey bot, quick question: will putin be arrested in mongolia?",
        "thanks!",
    ]


def test_a_message_has_at_most_max_pieces() -> None:
    pieces = split_message(" ".join(f"is state {n} a member?" for n in range(20)))
    assert len(pieces) == MAX_PIECES
    assert pieces[-1].text.endswith("is state 19 a member?")


@pytest.mark.parametrize(
    "text",
    [
        "is it still in",
        "and what about israel",
        "so are they out now",
        "должен ли он арестовать путина",
        "kirgizistan onu tutuklamali miydi",
        "هل المجر عضو",
        "آیا مجارستان عضو است",
        "мүшесі ме",
        "wann ist die ukraine beigetreten",
        "pourquoi la hongrie est partie",
        "kushayb sentence?",
    ],
)
def test_the_form_of_a_question(text: str) -> None:
    assert asks_question(fold(text))


@pytest.mark.parametrize(
    "text",
    ["netanyahu trip to japan", "ok thanks.", "#japan #icc", "hungary quit last year"],
)
def test_statements_are_not_questions(text: str) -> None:
    assert not asks_question(fold(text))
