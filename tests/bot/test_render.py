"""Renderers: escaped, well-formed Telegram HTML within 4096 characters; JSON shape."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answers import Answer, SourceRef
from bot.render import TELEGRAM_LIMIT, answer_json, render_html, render_sources_html, split_html
from tests.fakes.bot_api import format_text, parse_html, utf16_len

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


def test_render_links_a_source_only_if_its_url_is_safe() -> None:
    sources = (
        SourceRef(number=1, title="Evil <t>", url="javascript:alert(1)"),
        SourceRef(number=2, title="Bot", url="tg://resolve?domain=somebot"),
        SourceRef(number=3, title="Long", url="https://e.org/" + "a" * 20_000),
        SourceRef(number=4, title="ICC", url="https://www.icc-cpi.int/cases"),
    )
    answer = make_answer(sources=sources)
    for html_text in (render_html(answer), render_sources_html(answer)):
        check_html(html_text)
        assert "1. Evil &lt;t&gt;\n2. Bot\n3. Long\n" in html_text
        assert '4. <a href="https://www.icc-cpi.int/cases">ICC</a>' in html_text


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


# --- splitting --------------------------------------------------------------------------------

ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|quot);")
Styled = list[tuple[str, tuple[tuple[str, str], ...]]]


class _Styles(HTMLParser):
    """Each visible character with the tags around it (name and href, outermost first)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.chars: Styled = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append((tag, dict(attrs).get("href") or ""))

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.chars += [(char, tuple(self.stack)) for char in data]


def styled(html_text: str) -> Styled:
    parser = _Styles()
    parser.feed(html_text)
    parser.close()
    return parser.chars


def drops_only_whitespace(full: Styled, kept: Styled) -> bool:
    """True if ``kept`` is ``full`` with some whitespace characters left out."""
    position = 0
    for char, style in full:
        if position < len(kept) and kept[position] == (char, style):
            position += 1
        elif not char.isspace():
            return False
    return position == len(kept)


def check_parts(text: str, parts: list[str], limit: int) -> Styled:
    """Every part is valid Telegram HTML within ``limit``, with whole entities and some text;
    returns the styled text of all parts."""
    assert parts
    for part in parts:
        assert utf16_len(part) <= limit
        check_html(part)
        plain, _entities = format_text(part, "HTML")  # the fake server's strict parser
        assert plain.strip()
        for amp in re.finditer("&", part):
            assert ENTITY.match(part, amp.start()), part[amp.start() : amp.start() + 10]
    return [char for part in parts for char in styled(part)]


def test_split_never_cuts_an_entity_of_a_long_report() -> None:
    text = f"<b>Report</b> from chat 1001:\n{html.escape('<' * 3500)}"
    parts = split_html(text)
    assert len(parts) == 4
    assert check_parts(text, parts, TELEGRAM_LIMIT) == styled(text)  # not a character lost


def test_split_cuts_text_without_any_whitespace() -> None:
    text = "x" * 10_000
    parts = split_html(text)
    assert [len(part) for part in parts] == [4096, 4096, 1808]
    assert "".join(parts) == text


def test_split_closes_and_reopens_the_tags_open_at_a_cut() -> None:
    link = '<a href="https://e.org/?a=1&amp;b=2">'
    text = f"<b>{link}" + "<i>word</i> " * 1000 + "</a></b>"
    parts = split_html(text, limit=500)
    assert len(parts) > 20
    for part in parts:
        assert part.startswith(f"<b>{link}") and part.endswith("</a></b>")
        assert part.count("<i>") == part.count("</i>")
    assert check_parts(text, parts, 500) == styled(text)


def test_split_prefers_line_breaks_then_spaces() -> None:
    lines = [f"line {i} " + "y" * 30 for i in range(60)]
    parts = split_html("\n".join(lines), limit=400)
    assert all(part.endswith("\n") or part == parts[-1] for part in parts)
    words = split_html("word " * 200, limit=100)
    assert all(part.endswith(" ") for part in words[:-1]) and len(words) == 10


def test_split_leaves_out_parts_with_nothing_to_show() -> None:
    text = "a" + " " * 300 + "b"
    parts = split_html(text, limit=100)
    assert [part.strip() for part in parts] == ["a", "b"]
    check_parts(text, parts, 100)


def test_split_drops_a_tag_too_long_to_repeat_but_keeps_its_text() -> None:
    text = f'<a href="https://e.org/{"p" * 300}">' + "z " * 200 + "</a>"
    parts = split_html(text, limit=200)
    assert "".join(parse_html(part)[0] for part in parts).split() == ["z"] * 200
    check_parts(text, parts, 200)


def test_split_counts_utf16_code_units() -> None:
    text = "😀" * 3000  # 6,000 UTF-16 code units in 3,000 characters
    parts = split_html(text)
    assert len(parts) == 2 and "".join(parts) == text
    assert all(utf16_len(part) <= TELEGRAM_LIMIT for part in parts)


def test_split_keeps_a_short_text_as_it_is() -> None:
    assert split_html("<b>a &amp; b</b>") == ["<b>a &amp; b</b>"]
    assert split_html("") == []


_RAW = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(["<", ">", "&", '"', "'", "\n", " ", "🇲🇳", "e\u0301", "&lt;", "x" * 50]),
)
_LEAF = st.builds(html.escape, _RAW, st.booleans())
_HREF = st.text("ab/?=&\"'<é", max_size=12).map(lambda path: f"https://e.org/{path}")


def _link(href: str, inner: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{inner}</a>'


_HTML = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=8).map("".join),
        st.builds(lambda tag, body: f"<{tag}>{body}</{tag}>", st.sampled_from("bi"), inner),
        st.builds(_link, _HREF, inner),
    ),
    max_leaves=60,
)


@settings(max_examples=400, deadline=None)
@given(text=_HTML, limit=st.integers(64, 600))
def test_split_any_escaped_html_gives_valid_parts_with_the_same_text(
    text: str, limit: int
) -> None:
    parts = split_html(text, limit)
    if not parse_html(text)[0].strip():
        assert all(not parse_html(part)[0].strip() for part in parts)  # nothing to show
        return
    kept = check_parts(text, parts, limit)
    full = styled(text)
    if _deepest_tags(text) <= limit // 2:
        assert drops_only_whitespace(full, kept)  # same text, same formatting
    else:  # some formatting may go, the text stays
        assert drops_only_whitespace([(c, ()) for c, _ in full], [(c, ()) for c, _ in kept])


def _deepest_tags(text: str) -> int:
    """The most UTF-16 code units that tags open at one point cost to re-open and close."""
    deepest, stack = 0, [0]
    for match in re.finditer(r"<(/?)(\w+)[^>]*>", text):
        if match.group(1):
            stack.pop()
        else:
            stack.append(stack[-1] + utf16_len(match.group()) + len(match.group(2)) + 3)
            deepest = max(deepest, stack[-1])
    return deepest


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.sampled_from("<>/&;#x0ab i\n😀"), max_size=400), limit=st.integers(64, 120))
def test_split_any_string_even_broken_html_fits_the_limit(text: str, limit: int) -> None:
    for part in split_html(text, limit):
        assert utf16_len(part) <= limit
