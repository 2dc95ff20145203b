"""Escaping article text and paths for every human format, so an article can never become markup.

Article text is hostile input: a page may contain ``<script>``, an
``<img onerror=...>``, ``</details>`` that would close a report section, a
backtick that would open a code span, ``|`` that would split a table cell, or
a newline and ``#`` that would start a heading. Each function here defeats a
named CommonMark or HTML rule; the renderers put nothing from an article into
their output without one of them.
"""

from __future__ import annotations

import html
import re

#: Characters CommonMark treats as inline markup; a backslash before any ASCII punctuation makes it literal.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()!#|~{}+])")
#: Starts of a line that would open a block (heading, list, quote, setext underline, thematic break).
_MD_BLOCK_START = re.compile(r"^(\s*)([-+>=]|\d+[.)])")


def md_text(text: str) -> str:
    """Text shown literally inside a Markdown paragraph or list item, after other text on its line.

    Runs of whitespace become one space (no newline can start a block; a
    space at either edge is kept, so marked values stay words), ``&``, ``<``
    and ``>`` become entities (CommonMark passes raw HTML and autolinks
    through, entities it does not), and every inline-markup character is
    backslash-escaped (emphasis, code spans, links, images, tables).
    """
    text = re.sub(r"\s+", " ", text.replace("\x00", ""))
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_line(text: str) -> str:
    """Text that starts a line: :func:`md_text`, and a leading list, quote or heading mark made literal."""
    return _MD_BLOCK_START.sub(r"\1\\\2", md_text(text).strip())


def md_cell(text: str) -> str:
    """Text inside a Markdown table cell (``|`` is escaped by :func:`md_text` already)."""
    return md_text(text) or " "


def html_text(text: str) -> str:
    """Text inside an HTML element: ``&``, ``<``, ``>`` and quotes become entities; NUL is dropped."""
    return html.escape(text.replace("\x00", ""), quote=True)


def html_attr(text: str) -> str:
    """A value for a quoted HTML attribute (the same entities, and no newline)."""
    return html_text(" ".join(text.split()))
