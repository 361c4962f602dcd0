"""Renderers: escaped, well-formed Telegram HTML within 4096 characters; JSON shape."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from bot.answers import Answer, SourceRef
from bot.render import TELEGRAM_LIMIT, answer_json, render_html, render_sources_html, split_html

ALLOWED_TAGS = {"b", "i", "a"}


class _TagChecker(HTMLParser):
    """Checks that tags are Telegram's, balanced, and that links are https."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag {tag}")
        if tag == "a" and not dict(attrs).get("href", "").startswith("https://"):  # type: ignore[union-attr]
            self.problems.append("non-https link")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced {tag}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(html_text: str) -> str:
    checker = _TagChecker()
    checker.feed(html_text)
    checker.close()
    assert not checker.problems, checker.problems
    assert not checker.stack, checker.stack
    assert len(html_text) <= TELEGRAM_LIMIT
    return "".join(checker.text)


def make_answer(**overrides: object) -> Answer:
    fields: dict[str, object] = {
        "question": "q",
        "intent": "arrest_risk",
        "verdict": "not_obliged",
        "headline": "Headline <b>&</b> 'quotes'",
        "points": ("a < b > c & d",),
        "precedents": ("<script>alert(1)</script>",),
        "hedges": ("hedge & more",),
        "sources": (SourceRef(number=1, title="T <i>", url='https://example.org/?a=1&b="2"'),),
        "as_of": dt.date(2026, 11, 28),
        "on": dt.date(2026, 11, 28),
    }
    fields.update(overrides)
    return Answer.model_validate(fields)


def test_render_html_escapes_every_value() -> None:
    html_text = render_html(make_answer())
    text = check_html(html_text)
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "Headline <b>&</b> 'quotes'" in text  # shown literally to the reader
    assert 'href="https://example.org/?a=1&amp;b=&quot;2&quot;"' in html_text


def test_render_html_shortens_deliberately_to_fit() -> None:
    long_answer = make_answer(
        points=tuple(f"point {i} " + "x" * 300 for i in range(20)),
        precedents=tuple(f"precedent {i} " + "y" * 300 for i in range(20)),
        sources=tuple(
            SourceRef(number=i, title=f"source {i}", url=f"https://e.org/{i}")
            for i in range(1, 30)
        ),
    )
    html_text = render_html(long_answer)
    check_html(html_text)
    assert html_text.startswith("<b>Headline")
    assert "Facts as of 28 November 2026" in html_text
    assert "tap Sources" in html_text


def test_render_html_huge_headline_still_fits() -> None:
    check_html(render_html(make_answer(headline="<" * 10_000)))


def test_render_sources_lists_all_and_splits_cleanly() -> None:
    many = make_answer(
        sources=tuple(
            SourceRef(number=i, title="t" * 200, url=f"https://e.org/{i}") for i in range(1, 60)
        )
    )
    parts = split_html(render_sources_html(many))
    assert len(parts) > 1
    for part in parts:
        check_html(part)


def test_render_json_has_the_documented_keys() -> None:
    data = answer_json(make_answer())
    for key in (
        "question",
        "intent",
        "verdict",
        "people",
        "countries",
        "text",
        "html",
        "sources",
        "as_of",
        "certainty",
    ):
        assert key in data
    assert data["sources"] == [{"title": "T <i>", "url": 'https://example.org/?a=1&b="2"'}]
    assert data["as_of"] == "2026-11-28"


@pytest.mark.parametrize("certainty", ["probable", "unconfirmed"])
def test_render_footer_flags_uncertain_answers(certainty: str) -> None:
    html_text = render_html(make_answer(certainty=certainty))
    assert certainty in html_text
