"""Small text helpers shared by ingest and segment (no heavy imports).

Both stages need the same two things: a cheap notion of "what an article is
about" (to tell a pasted promo headline from the story) and a way to map words
of extracted text back to offsets in the raw file (HTML entities and tags make
the two differ). Keeping them here stops the stages importing each other.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

#: Function words that say nothing about a topic. A short fixed list keeps
#: ``factcheck --help`` free of scikit-learn's import time.
_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just like may me might more most must my myself
no nor not now of off on once only or other our ours ourselves out over own said same says she should so some
such than that the their theirs them themselves then there these they this those through to too under until up
upon very was we were what when where which while who whom why will with would yet you your yours yourself
yourselves one two new year years time first last s t re ve ll d m
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A crude suffix-stripping stem: enough to match "sanctions"/"sanction" cheaply."""
    w = word.lower().replace("’", "'")
    w = w.split("'")[0]
    for suffix in _SUFFIXES:
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stopwords and short words dropped)."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) >= 3 and word not in STOPWORDS:
            out.append(stem(word))
    return out


class TopicModel:
    """Bag of content-word stems of a whole article, to score how on-topic a passage is.

    A passage is on-topic when its content words also occur *elsewhere* in the
    article; the passage's own words are subtracted first, so a list of
    unrelated headlines scores low even though it is part of the text.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        self.counts: Counter[str] = Counter()
        for text in texts:
            self.counts.update(content_stems(text))

    def overlap(self, passage: str, exclude: str | None = None) -> float | None:
        """Share of the passage's content words found elsewhere; None when it has none.

        Args:
            passage: the text to score.
            exclude: text whose words are not counted as "elsewhere" (defaults to
                ``passage``; pass a whole candidate run to exclude all of it).
        """
        words = content_stems(passage)
        if not words:
            return None
        own = Counter(content_stems(exclude if exclude is not None else passage))
        hits = sum(1 for w in words if self.counts[w] - own[w] > 0)
        return hits / len(words)


@dataclass(frozen=True)
class Word:
    """A whitespace-delimited word and where it stands in some text."""

    text: str
    start: int
    end: int


_TAG = re.compile(r"<!--.*?-->|<(script|style|noscript|template)\b.*?</\1\s*>|<[^>]*>", re.DOTALL | re.IGNORECASE)


def words(text: str, base: int = 0) -> list[Word]:
    """Whitespace-delimited words of plain text, with offsets shifted by ``base``."""
    return [Word(m.group(), base + m.start(), base + m.end()) for m in re.finditer(r"\S+", text)]


def html_words(raw: str, base: int = 0) -> list[Word]:
    """Visible words of an HTML fragment (tags dropped, entities decoded) with raw offsets.

    A word split by an inline tag (``Ro<b>go</b>zin``) comes out as pieces; the
    aligner below tolerates that.
    """
    out: list[Word] = []
    pos = 0
    for tag in [*_TAG.finditer(raw), None]:
        stop = tag.start() if tag else len(raw)
        for m in re.finditer(r"\S+", raw[pos:stop]):
            out.append(Word(html.unescape(m.group()), base + pos + m.start(), base + pos + m.end()))
        if tag is None:
            break
        pos = tag.end()
    return out


def _norm(token: str) -> str:
    return re.sub(r"[\W_]+", "", token.lower())


def align(needles: list[Word], hay: list[Word], window: int = 40) -> list[Word | None]:
    """Map each needle word to the hay word it came from, in order.

    Greedy and monotonic: each needle is looked for in the next ``window`` hay
    words (exact text first, then letters and digits only, then as a prefix of a
    hay word split by markup). Unmatched needles map to None.
    """
    out: list[Word | None] = []
    i = 0
    for needle in needles:
        found = None
        key = _norm(needle.text)
        for j in range(i, min(i + window, len(hay))):
            cand = hay[j]
            if cand.text == needle.text or (key and _norm(cand.text) == key):
                found = j
                break
        if found is None and key:
            for j in range(i, min(i + window, len(hay))):
                hk = _norm(hay[j].text)
                if hk and key.startswith(hk):
                    # a word broken by inline tags: take the run of pieces that spells it
                    k, acc = j, ""
                    while k < len(hay) and len(acc) < len(key):
                        acc += _norm(hay[k].text)
                        k += 1
                    if acc == key:
                        out.append(Word(needle.text, hay[j].start, hay[k - 1].end))
                        i = k
                        found = -1
                    break
            if found == -1:
                continue
        if found is None:
            out.append(None)
            continue
        out.append(hay[found])
        i = found + 1
    return out
