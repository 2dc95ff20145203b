"""Escaping of article text and paths for every place a report puts them.

Everything an article brings (claim text, titles, authors, sources, removed
text, speakers, explanations that quote it) and every path is untrusted: a
report is read by reviewers in a Markdown renderer, by code-scanning tools, and
by the CI log that gates publishing. Each function below names the rule it
defeats; the renderers call them at the last moment, on the exact string that
goes out, and never build markup out of unescaped input.

Tested by rendering whole hostile reports with markdown-it-py
(tests/test_robust_injection.py) and by property tests on arbitrary text
(tests/test_robust_properties.py).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

# --------------------------------------------------------------------------- visible text

#: C0 controls other than tab/newline/CR, DEL, C1 controls, and the invisible characters that reorder
#: or hide text (bidirectional overrides and isolates, the BOM) — "Trojan source" in a report.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def _picture(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 CONTROL PICTURES: NUL shows as ␀, ESC as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str) -> str:
    """Control and invisible reordering characters as visible stand-ins (NUL as ␀, ESC as ␛, others as �).

    Defeats: NUL bytes that make tools treat a report as binary (CommonMark
    turns NUL into U+FFFD, but the raw file still carries it), ANSI escape
    sequences that rewrite a terminal showing the report, and bidirectional
    overrides that make a reviewer read a claim in a different order than the
    tools do.
    """
    return _CONTROL.sub(_picture, text)


def one_line(text: str) -> str:
    """Visible text on one line: every run of whitespace (newlines included) becomes one space."""
    return " ".join(visible(text).split())


# --------------------------------------------------------------------------- Markdown

#: ASCII punctuation that opens or closes an inline construct anywhere in a line: backslash escapes,
#: code spans, emphasis, links and images, raw HTML and autolinks, entity references, GFM tables and
#: strikethrough, ATX closing sequences.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
#: What makes a line a block of its own when it starts one: lists, thematic breaks, setext underlines,
#: block quotes, headings, fences, HTML blocks, ordered list markers ("1." / "1)").
_MD_BLOCK_START = re.compile(r"^(?:[-+=>]|\d{1,9}(?=[.)]))")


def md_inline(text: str, line_start: bool = True) -> str:
    r"""Article text as literal inline Markdown, on one line.

    Defeats (CommonMark 0.31 / GFM): raw HTML (section 6.6: ``<script>``,
    ``<img onerror>``, ``</details>``) and autolinks (6.5) by escaping ``<``;
    links and images (6.3, 6.4) by escaping ``[`` and ``]``; emphasis (6.2),
    code spans (6.1) and GFM strikethrough by escaping ``*``, ``_``, a backtick
    and ``~``; entity and numeric character references (2.5) by escaping
    ``&``; backslash escapes and hard line breaks (2.4, 6.7) by escaping ``\``
    and folding newlines; a closing ``#`` run of a heading (4.2) by escaping
    ``#``; a table cell's end (GFM 4.10) by escaping ``|``; and block
    structure (lists, quotes, breaks, setext underlines: section 4-5) by
    escaping the first character when the text would open a block (unless
    ``line_start`` is False: the text follows other text on its line). Every
    escape is a backslash before ASCII punctuation (2.4), so a renderer shows
    exactly the original characters.
    """
    flat = one_line(text)
    out = _MD_INLINE.sub(r"\\\1", flat)
    m = _MD_BLOCK_START.match(out) if line_start else None
    if m:
        if m.group()[0].isdigit():  # "1. text" / "1) text": escape the list marker's punctuation
            end = m.end()
            out = out[:end] + "\\" + out[end:]
        else:
            out = "\\" + out
    return out


def md_cell(text: str) -> str:
    r"""Article text for a GFM table cell: :func:`md_inline`, whose ``\|`` keeps a ``|`` from ending the cell.

    Defeats: the table extension splitting a row at an unescaped ``|``
    (GFM 4.10, applied before inline parsing) and a newline ending the row.
    """
    return md_inline(text)


def md_code(text: str, table: bool = False) -> str:
    r"""A path or id as a Markdown code span that no character of it can close.

    Defeats: a backtick in a file name ending the code span early (CommonMark
    6.1: a span closes at a backtick run of the same length, so the fence is
    one longer than the longest run inside, with a space pad when the content
    starts or ends with a backtick or would lose its edge spaces), a newline in a name breaking
    the line (shown as ␊), and, with ``table=True``, a ``|`` ending a table
    cell (GFM 4.10: ``\|`` is honoured inside code spans in tables; outside
    tables it would show literally, so it is only used there).
    """
    content = visible(text).replace("\n", "\u240a").replace("\r", "\u240d").replace("\t", " ")
    if table:
        content = content.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    if not content:
        return "` `"  # an empty code span is not one: two backticks would show as text
    edge_tick = content[0] == "`" or content[-1] == "`"
    stripped_by_renderer = content[0] == " " and content[-1] == " " and content.strip(" ")
    if edge_tick or stripped_by_renderer:
        content = f" {content} "
    return f"{fence}{content}{fence}"


# --------------------------------------------------------------------------- HTML


def html_text(text: str) -> str:
    """Text for the content of an HTML element (e.g. inside ``<summary>`` in a Markdown report).

    Defeats: markup inside an HTML block (CommonMark 4.6), where Markdown
    escapes do not apply and ``<``, ``>`` and ``&`` must be character
    references instead.
    """
    return html.escape(one_line(text), quote=False)


def html_attr(text: str) -> str:
    """Text for a quoted HTML attribute value: also escapes both quote characters.

    Defeats: an attribute value closing its quotes and adding attributes of its
    own (``" onmouseover="...``).
    """
    return html.escape(one_line(text), quote=True)


# --------------------------------------------------------------------------- CI logs and URIs


def workflow_data(text: str) -> str:
    """The message part of a GitHub Actions workflow command (after ``::``).

    Defeats: a newline starting a command of the attacker's own
    (``\\n::set-output ...``), per the runner's escaping rules for command data:
    ``%`` -> ``%25``, CR -> ``%0D``, LF -> ``%0A``.
    """
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a workflow command (``file=``, ``title=``).

    Defeats: ``,line=999`` spoofing the location and ``::`` ending the
    properties early, by the runner's rules for properties: the data escapes
    plus ``:`` -> ``%3A`` and ``,`` -> ``%2C``.
    """
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_line(text: str) -> str:
    r"""A message for one line of stderr: every control character written as an escape (``\n``, ``\x1b``).

    Defeats: a path or reason with a newline starting a line of its own in a CI
    log (where ``::command`` lines are obeyed), and terminal escape sequences.
    """

    def esc(m: re.Match[str]) -> str:
        ch = m.group()
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or f"\\u{ord(ch):04x}"

    return _TERMINAL.sub(esc, text)


#: Characters a URI path keeps as they are (RFC 3986 unreserved, and "/" between segments).
_URI_SAFE = "/-._~"


def uri_reference(path: str) -> str:
    """A file path as a percent-encoded URI reference (RFC 3986), for SARIF ``artifactLocation.uri``.

    Relative paths stay relative (``a b.md`` -> ``a%20b.md``); absolute ones
    become ``file://`` URIs. Everything but unreserved characters and ``/`` is
    encoded, so ``#``, ``?``, ``%``, ``:`` (which would read as a scheme),
    spaces, backticks and newlines cannot change what the URI points at.
    """
    posix = path.replace("\\", "/") if re.match(r"^[A-Za-z]:\\", path) else path
    encoded = quote(posix, safe=_URI_SAFE)
    if posix.startswith("/"):
        return "file://" + encoded
    if re.match(r"^[A-Za-z]:/", posix):  # a Windows drive path
        return "file:///" + posix[:2] + quote(posix[2:], safe=_URI_SAFE)
    return encoded
