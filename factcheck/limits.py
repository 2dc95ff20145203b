"""How much of one input factcheck reads, so that one file can never stall or crash a run.

A news article is a few thousand characters; a file far past that is a page
dump, a log or an attack, and its cost would land on every later stage
(parsing, embedding, pairwise comparison). Each limit below says what happens
past it; none drops anything silently: a skipped file is listed with its reason
in the report and on stderr, and cut text is listed under "Left out of the
claims" with the limit that cut it.

Settings (``[tool.factcheck]`` keys, also :class:`factcheck.config.Config` fields):

=====================  ==========  ====================================================================
key                    default     past it
=====================  ==========  ====================================================================
``max-file-bytes``     10,000,000  the file is skipped (size read before opening, so nothing is loaded)
``max-article-chars``  40,000      the article's text past it is cut at a word boundary and listed as
                                   removed (for JSON lines: each line's ``text``)
``max-file-chars``     1,000,000   article text read from one file in all; binds JSON-lines files, whose
                                   lines after the budget is spent are skipped, each range with its reason
``max-file-articles``  500         lines of a JSON-lines file after the first 500 articles are skipped
``max-pair-chars``     20,000      a ``factcheck pairs`` claim or evidence is cut, with a warning naming
                                   the row
=====================  ==========  ====================================================================

Fixed limits (not settings: no user needs to move them, and they keep the
work linear):

* :data:`MAX_RUN_CHARS`: the text handed to spaCy in one call. Longer runs
  (one unpunctuated line, one endless sentence) are parsed in word-boundary
  chunks of at most this many characters, so spaCy's ``max_length`` (E088) is
  never reached and the parser's memory stays flat.
* :data:`MAX_ARTICLE_CLAIMS`: claims of one article past this many (in text
  order) are not checked, and listed as removed; in such an article,
  word-for-word repeats of an earlier claim are dropped first (listed once,
  with the count). Later stages compare the claims of an article pairwise, so a page of
  near-identical sentences costs the square of its claims: 300 such claims take
  about 30 s with the shipped comparator, 500 over 80 s.
* :data:`MAX_FIELD_CHARS`: a title, source, URL or author longer than this is
  cut (with "…"); :data:`MAX_DATE_CHARS`: a ``published`` value longer than
  this is not parsed as a date.
* :data:`MAX_FRONT_MATTER_CHARS`: bigger front matter is ignored, with the
  reason. YAML aliases (``&a`` / ``*a``) are refused outright: a few hundred
  bytes of nested aliases expand to gigabytes ("billion laughs").

Only regular files are read: a FIFO, a device or a socket named on the
command line or found in a folder is skipped with its reason, never opened.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_RUN_CHARS = 10_000
MAX_ARTICLE_CLAIMS = 300
MAX_FIELD_CHARS = 500
MAX_DATE_CHARS = 100
MAX_FRONT_MATTER_CHARS = 65_536


@dataclass(frozen=True)
class Limits:
    """The per-file limits a run applies (see the module docstring for what each does)."""

    max_file_bytes: int = 10_000_000
    max_article_chars: int = 40_000
    max_file_chars: int = 1_000_000
    max_file_articles: int = 500
    max_pair_chars: int = 20_000


DEFAULT = Limits()


def human_bytes(n: int) -> str:
    """``12,345,678`` -> ``"12.3 MB"`` (decimal units, as file managers show them)."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"
