"""Transcript and trainee text renders literally: no image, link, HTML or emphasis can be injected.

markdown-it-py (a CommonMark implementation, installed with rich) is the oracle: what it renders from the
escaped text must contain no element other than paragraphs/line breaks, and its text must be the input.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ui.safe_text import escape_markdown
from ui.widgets import highlight

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
_TAGS = re.compile(r"<(?!/?(p|br)\b)[a-zA-Z/][^>]*>")


def _rendered(text: str) -> str:
    return MD.render(escape_markdown(text))


@pytest.mark.parametrize(
    "attack",
    [
        "![b](http://host/x.png)",
        "[click](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "**bold** _it_ `code` # heading",
        "<http://host/x>",
        "see http://host/x.png now",
        "1. first\n2) second\n# head\n> q\n---\n===",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "> quote\n- item\n1. one",
    ],
)
def test_attacks_render_as_plain_text(attack: str) -> None:
    out = _rendered(attack)
    assert not _TAGS.search(out), out
    assert "<img" not in out and "<a " not in out


@pytest.mark.parametrize("directive", [":red[alarm]", ":material/warning:", "$x^2$", ":smile:"])
def test_streamlit_directives_are_escaped(directive: str) -> None:
    escaped = escape_markdown(directive)
    assert not re.search(r"(?<!\\):[\w/]+(:|\[)", escaped), escaped
    assert not re.search(r"(?<!\\)\$", escaped), escaped


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80))
def test_any_text_renders_to_itself_without_elements(text: str) -> None:
    out = _rendered(text)
    assert not _TAGS.search(out), out
    visible = html.unescape(re.sub(r"</?(p|br)\s*/?>", "", out))
    assert re.sub(r"\s", "", visible) == re.sub(r"\s", "", text)  # Markdown trims and folds whitespace only


def test_highlight_marks_quotes_inside_escaped_text() -> None:
    out = highlight("I'm sorry! ![x](http://h/i.png)", ["I'm sorry!"])
    assert out.startswith("<mark>") and "!\\[x\\]" in out
