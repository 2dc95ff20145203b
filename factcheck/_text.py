"""Small text helpers shared by ingest, segment, facts and embed (no heavy imports).

Both stages need the same two things: a cheap notion of "what an article is
about" (to tell a pasted promo headline from the story) and a way to map words
of extracted text back to offsets in the raw file (HTML entities and tags make
the two differ). Keeping them here stops the stages importing each other.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
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


_RAW_OPEN = re.compile(r"<(script|style|noscript|template)\b", re.IGNORECASE)
_RAW_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "noscript", "template")}


class _Finder:
    """The first match of a pattern at or after a position, remembered so that rising positions cost linear time.

    Scanning a page for "the next ``>``" from every ``<`` is quadratic when the
    answer is far away (or absent); asking again from a later position reuses
    the last answer while it still lies ahead.
    """

    def __init__(self, text: str, pattern: str | re.Pattern[str]) -> None:
        self.text = text
        self.pattern = pattern
        self._from = -1
        self._hit: tuple[int, int] | None = None

    def find(self, pos: int) -> tuple[int, int] | None:
        if self._from >= 0 and pos >= self._from and (self._hit is None or self._hit[0] >= pos):
            return self._hit
        if isinstance(self.pattern, str):
            at = self.text.find(self.pattern, pos)
            self._hit = None if at < 0 else (at, at + len(self.pattern))
        else:
            m = self.pattern.search(self.text, pos)
            self._hit = None if m is None else (m.start(), m.end())
        self._from = pos
        return self._hit


def _tag_spans(raw: str) -> list[tuple[int, int]]:
    """Comments, script/style/noscript/template elements and tags of ``raw``, left to right, in linear time.

    The same matches as a regex trying, at each ``<``, a comment, then a raw-text element up to its
    closing tag, then ``<`` up to the next ``>`` (tests/test_robust_limits.py keeps that regex as the
    reference), without its quadratic worst case on unclosed comments, unclosed scripts, or a page
    full of ``<`` and no ``>``.
    """
    spans: list[tuple[int, int]] = []
    comment_end = _Finder(raw, "-->")
    tag_end = _Finder(raw, ">")
    closers = {name: _Finder(raw, pattern) for name, pattern in _RAW_CLOSE.items()}
    pos = 0
    while (p := raw.find("<", pos)) >= 0:
        end: int | None = None
        if raw.startswith("<!--", p) and (hit := comment_end.find(p + 4)):
            end = hit[1]
        if end is None and (m := _RAW_OPEN.match(raw, p)) and (hit := closers[m.group(1).lower()].find(m.end())):
            end = hit[1]
        if end is None:
            hit = tag_end.find(p + 1)
            if hit is None:
                break  # no ">" after here: no later "<" can start a tag, comment or element either
            end = hit[1]
        spans.append((p, end))
        pos = end
    return spans


def words(text: str, base: int = 0) -> list[Word]:
    """Whitespace-delimited words of plain text, with offsets shifted by ``base``."""
    return [Word(m.group(), base + m.start(), base + m.end()) for m in re.finditer(r"\S+", text)]


def html_words(raw: str, base: int = 0) -> list[Word]:
    """Visible words of an HTML fragment (tags dropped, entities decoded) with raw offsets.

    A word split by an inline tag (``Ro<b>go</b>zin``) comes out as pieces; the
    aligner below tolerates that. Linear in the size of ``raw``.
    """
    out: list[Word] = []
    pos = 0
    for start, stop in [*_tag_spans(raw), (len(raw), len(raw))]:
        for m in _NONSPACE.finditer(raw, pos, start):
            out.append(Word(html.unescape(m.group()), base + m.start(), base + m.end()))
        pos = stop
    return out


_NONSPACE = re.compile(r"\S+")
_NOT_ALNUM = re.compile(r"[\W_]+")
#: Needle keys up to this long look up their prefixes in the index; longer ones scan the window.
_PREFIX_LOOKUP_CHARS = 200


def _norm(token: str) -> str:
    return _NOT_ALNUM.sub("", token.lower())


class HayIndex:
    """Positions of each hay word by its letters-and-digits key, so alignment never rescans the hay.

    Build it once for a page and pass it to every :func:`align` call on that page.
    """

    def __init__(self, hay: list[Word]) -> None:
        self.hay = hay
        self.keys = [_norm(w.text) for w in hay]
        self.ends = [w.end for w in hay]
        self.by_key: dict[str, list[int]] = {}
        self.by_text: dict[str, list[int]] = {}  # only words with an empty key ("—", "&")
        for j, (word, key) in enumerate(zip(hay, self.keys, strict=True)):
            if key:
                self.by_key.setdefault(key, []).append(j)
            else:
                self.by_text.setdefault(word.text, []).append(j)

    @staticmethod
    def _first(positions: list[int] | None, lo: int, hi: int) -> int | None:
        """The first of ``positions`` (sorted) in ``[lo, hi)``."""
        if not positions:
            return None
        k = bisect.bisect_left(positions, lo)
        return positions[k] if k < len(positions) and positions[k] < hi else None

    def exact(self, needle: Word, key: str, lo: int, hi: int) -> int | None:
        """First hay word in ``[lo, hi)`` with the needle's text, or (for a non-empty key) its key."""
        if key:
            return self._first(self.by_key.get(key), lo, hi)
        return self._first(self.by_text.get(needle.text), lo, hi)

    def prefix(self, key: str, lo: int, hi: int) -> int | None:
        """First hay word in ``[lo, hi)`` whose non-empty key starts ``key`` (a word broken by markup)."""
        if len(key) > _PREFIX_LOOKUP_CHARS:
            return next((j for j in range(lo, hi) if self.keys[j] and key.startswith(self.keys[j])), None)
        found = [self._first(self.by_key.get(key[:n]), lo, hi) for n in range(1, len(key) + 1)]
        hits = [j for j in found if j is not None]
        return min(hits) if hits else None

    def index_of_end(self, end: int) -> int:
        """Index of the hay word that ends at ``end`` (ends rise strictly)."""
        return bisect.bisect_left(self.ends, end)


def align(
    needles: list[Word], hay: list[Word], window: int = 40, start: int = 0, index: HayIndex | None = None
) -> list[Word | None]:
    """Map each needle word to the hay word it came from, in order.

    Greedy and monotonic: each needle is looked for in the next ``window`` hay
    words (exact text first, then letters and digits only, then as a prefix of a
    hay word split by markup). Unmatched needles map to None. The search starts
    at hay word ``start``; pass a prebuilt ``index`` when aligning many
    paragraphs against one page, so each call costs the needles, not the page.
    """
    idx = index if index is not None and index.hay is hay else HayIndex(hay)
    out: list[Word | None] = []
    i = start
    n = len(hay)
    for needle in needles:
        key = _norm(needle.text)
        hi = min(i + window, n)
        found = idx.exact(needle, key, i, hi)
        if found is not None:
            out.append(hay[found])
            i = found + 1
            continue
        j = idx.prefix(key, i, hi) if key else None
        if j is None:
            out.append(None)
            continue
        # a word broken by inline tags: take the run of pieces that spells it
        k, acc = j, ""
        while k < n and k < j + window and len(acc) < len(key):
            acc += idx.keys[k]
            k += 1
        if acc == key:
            out.append(Word(needle.text, hay[j].start, hay[k - 1].end))
            i = k
        else:
            out.append(None)
    return out


def chunks(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as consecutive ranges of at most ``size`` characters, cut at whitespace where possible.

    How a long run reaches a parser with a length limit (spaCy's ``max_length``)
    without losing a character: each range ends at the last whitespace of its
    window (or at the window's end when one "word" fills it), and the ranges
    together cover ``[start, end)`` exactly.
    """
    out: list[tuple[int, int]] = []
    while end - start > size:
        window = text[start : start + size]
        cut = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
        stop = start + (cut + 1 if cut > 0 else size)
        out.append((start, stop))
        start = stop
    if end > start:
        out.append((start, end))
    return out


def window_text(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """The words of some character ranges of ``text`` on their own ("left … right"), spaces collapsed."""
    return " ".join(" … ".join(text[a:b] for a, b in ranges).split())
