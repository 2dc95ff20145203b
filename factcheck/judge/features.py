"""The aligner's pair features, for every pair of one bucket's facts at once.

A story of a hundred articles can hold a bucket of thousands of figures, so the
features are computed as arrays over all candidate pairs (numpy, and sparse
products for the word-set overlaps) rather than pair by pair in Python: what a
fact brings to its pairs (its core words, lemmas, context stems, codes of its
concept, measure, relation and subject, its phrase and context vectors) is read
once per fact. Clock times and places, whose distance needs the comparison rules
of :mod:`.values`, are compared once per pair of distinct values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Mapping, Sequence
from datetime import date
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from factcheck._text import content_stems
from factcheck.facts.entities import HONORIFICS
from factcheck.facts.lexicon import RUNNING_CONCEPTS, TITLE_WORDS
from factcheck.facts.model import ClockTime, DateSlot, Fact, Place, Quantity
from factcheck.facts.periods import CUMULATIVE, change_period
from factcheck.facts.quantities import singular
from factcheck.judge.values import clock_gap, compare_places

FEATURES: tuple[str, ...] = (
    "core_match",
    "concept_match",
    "concept_clash",
    "measure_clash",
    "relation_match",
    "relation_clash",
    "relation_one_sided",
    "lemma_jaccard",
    "subject_match",
    "subject_clash",
    "noun_clash",
    "event_clash",
    "name_clash",
    "claim_cosine",
    "restated",
    "what_cosine",
    "context_cosine",
    "context_overlap",
    "value_distance",
    "empty_attribute",
    "mutual_best",
    "one_way_best",
    "crowding",
    "close_value",
)
#: Claims this close say the same thing (the MRPC-derived same-claim cut-off, ``cluster.SAME_CLAIM``): two facts
#: of one type in two restated claims are very likely one fact.
RESTATED = 0.68
#: Facts that hold this many days apart are about different times (an earlier quake's toll, a past deal).
YEAR = 366
#: Pairs whose vectors are gathered at once when their cosines are taken (bounds the memory of a big bucket).
_CHUNK = 65536

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def phrase(fact: Fact) -> str:
    """The words that say what a fact is about, embedded to compare attributes worded differently."""
    words = fact.what.text
    v = fact.value
    if isinstance(v, Quantity) and v.dimension == "count" and v.unit and v.unit not in words.split():
        words = f"{v.unit} {words}".strip()
    return words


@lru_cache(maxsize=65536)
def _stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _core(fact: Fact) -> frozenset[str]:
    """The words a fact is about: its noun's head, its event, what a figure counts, what it measures."""
    w = fact.what
    words = {w.noun.split()[-1] if w.noun else None, w.event, w.measure, w.concept}
    if isinstance(fact.value, Quantity) and fact.value.dimension == "count":
        words.add(fact.value.unit)
    return frozenset(singular(x.lower()) for x in words if x)


@lru_cache(maxsize=65536)
def _names(text: str) -> frozenset[str]:
    """The capitalised words of an attribute's wording (the names it holds: "from the capital Kathmandu")."""
    return frozenset(w.lower() for w in text.split() if w[:1].isupper())


def _named(subject: str | None) -> bool:
    return bool(subject) and subject[:1].isupper()  # type: ignore[index]


#: Words of a named subject that are no part of who it is ("Prince Harry", "Prince William": two princes).
_NOT_WHO = frozenset(TITLE_WORDS.split("|")) | HONORIFICS | {"prince", "princess", "duke", "duchess", "earl"}


def _who(subject: str | None) -> frozenset[str]:
    """The words that name who a named subject is, titles and forms of address left out."""
    if not _named(subject):
        return frozenset()
    return frozenset(w for w in _names(subject or "") if w.strip(".") not in _NOT_WHO and not _ROMAN.fullmatch(w))


_ROMAN = re.compile(r"[ivx]+")


def _doer(fact: Fact) -> bool:
    """Whether a fact's named subject is who did what it dates or counts, not who gives its figure: "the USGS
    measured the quake at 5.9" and "Turkey's AFAD put it at 6.1" are one reading from two sources."""
    if isinstance(fact.value, DateSlot | ClockTime):
        return True
    if not isinstance(fact.value, Quantity) or fact.source is None:
        return isinstance(fact.value, Quantity)
    return not _who(fact.source) & _who(fact.what.subject)


def _other_doers(facts: Sequence[Fact], i: IntArray, j: IntArray) -> NDArray[np.bool_]:
    """Pairs of facts of what two different named people or bodies did ("Prince Harry arrived at 7.52 pm",
    "Prince William arrived around 5 p.m."; "the Tories secured 131 seats", "the Liberal Democrats won 71
    seats"): two events, however alike their words."""
    doers = [_doer(f) for f in facts]
    if not any(doers):
        return np.zeros(len(i), dtype=bool)
    who = [_who(f.what.subject) if d else frozenset() for f, d in zip(facts, doers, strict=True)]
    shared, size_a, size_b = _shared(who, i, j)
    return np.asarray((size_a > 0) & (size_b > 0) & (shared == 0), dtype=bool)


def value_distance(a: Fact, b: Fact) -> float:
    """How far apart two values are, on one scale for every type (0 when not comparable)."""
    va, vb = a.value, b.value
    if isinstance(va, Quantity) and isinstance(vb, Quantity):
        x, y = abs(va.value), abs(vb.value)
        if not (math.isfinite(x) and math.isfinite(y)) or x == 0 or y == 0:
            return 0.0
        return min(abs(math.log10(x / y)), 3.0)
    if isinstance(va, DateSlot) and isinstance(vb, DateSlot) and va.start and vb.start:
        return min(abs((va.start - vb.start).days) / 365.0, 3.0)
    if isinstance(va, ClockTime) and isinstance(vb, ClockTime):
        return min(clock_gap(va, vb) / 360.0, 3.0)  # six hours apart count like a tenfold figure
    if isinstance(va, Place) and isinstance(vb, Place):
        return 0.0 if compare_places(va, vb).kind in {"same", "compatible"} else 1.0
    return 0.0


def other_times(facts: Sequence[Fact], i: IntArray, j: IntArray, undated: date | None = None) -> NDArray[np.bool_]:
    """Pairs of facts about different years: each holds as of a date more than a year from the other's,
    or each is a date more than a year from the other ("founded in 2005" and "crashed on Sunday").

    A fact with no date of its own (its article gives none) holds as of ``undated``, the story's date
    when known: "the 2018 Camp Fire killed at least 85" is then never set beside an undated page's 93
    dead of 2023.
    """
    fill = float(undated.toordinal()) if undated is not None else np.nan
    day = np.array([f.as_of.toordinal() if f.as_of is not None else fill for f in facts], dtype=np.float64)
    first = np.array([_date_bound(f, start=True) for f in facts], dtype=np.float64)
    last = np.array([_date_bound(f, start=False) for f in facts], dtype=np.float64)
    with np.errstate(invalid="ignore"):
        held_apart = np.abs(day[i] - day[j]) > YEAR
        dated_apart = (first[j] - last[i] > YEAR) | (first[i] - last[j] > YEAR)
        return np.asarray(held_apart | dated_apart, dtype=bool)


def _date_bound(fact: Fact, start: bool) -> float:
    """The first (or last) day a date fact's value may be, as an ordinal (NaN for other facts, open ends)."""
    v = fact.value
    if not isinstance(v, DateSlot) or v.qualifier:
        return np.nan
    day = v.start if start else v.end
    return float(day.toordinal()) if day is not None else np.nan


# --------------------------------------------------------------------------- array helpers


def _codes(keys: Sequence[Hashable | None]) -> IntArray:
    """Integer codes of hashable keys (first seen, first numbered), -1 for None."""
    seen: dict[Hashable, int] = {}
    return np.array([-1 if k is None else seen.setdefault(k, len(seen)) for k in keys], dtype=np.int64)


def _match_clash(codes: IntArray, i: IntArray, j: IntArray) -> tuple[FloatArray, FloatArray]:
    """Both known and equal; both known and different."""
    a, b = codes[i], codes[j]
    known = (a >= 0) & (b >= 0)
    return (known & (a == b)).astype(np.float64), (known & (a != b)).astype(np.float64)


def _shared(sets: Sequence[frozenset[str]], i: IntArray, j: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """For each pair: how many words the two sets share, and each set's size."""
    from scipy.sparse import csr_matrix

    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    vocab: dict[str, int] = {}
    cols = [vocab.setdefault(w, len(vocab)) for s in sets for w in sorted(s)]
    shared = np.zeros(len(i), dtype=np.int64)
    if not vocab or not len(i):
        return shared, sizes[i], sizes[j]
    ptr = np.concatenate([[0], np.cumsum(sizes)])
    m = csr_matrix((np.ones(len(cols), dtype=np.int64), cols, ptr), shape=(len(sets), len(vocab)))
    step = max(1, 4_000_000 // len(sets))  # rows of the set-by-set product held at once
    for r0 in range(0, int(i.max()) + 1, step):
        lo, hi = np.searchsorted(i, [r0, r0 + step])  # pairs come ordered by their first fact
        if lo == hi:
            continue
        block = (m[r0 : r0 + step] @ m.T).toarray()
        shared[lo:hi] = block[i[lo:hi] - r0, j[lo:hi]]
    return shared, sizes[i], sizes[j]


def _jaccard(sets: Sequence[frozenset[str]], i: IntArray, j: IntArray) -> FloatArray:
    shared, na, nb = _shared(sets, i, j)
    union = na + nb - shared
    return np.where(union > 0, shared / np.maximum(union, 1), 0.0)


def _cosines(vectors: Sequence[NDArray[np.float32] | None], i: IntArray, j: IntArray) -> FloatArray:
    """Cosine of each pair's vectors (unit vectors; 0 where either is missing), clipped to [-1, 1]."""
    out = np.zeros(len(i), dtype=np.float64)
    have = np.array([v is not None for v in vectors], dtype=bool)
    if not have.any() or not len(i):
        return out
    dim = next(len(v) for v in vectors if v is not None)
    stack = np.zeros((len(vectors), dim), dtype=np.float32)
    for k, v in enumerate(vectors):
        if v is not None:
            stack[k] = v
    both = np.flatnonzero(have[i] & have[j])
    for s in range(0, len(both), _CHUNK):
        at = both[s : s + _CHUNK]
        out[at] = np.vecdot(stack[i[at]], stack[j[at]])  # the same float32 dot as one pair's ``a @ b``
    return np.clip(out, -1.0, 1.0)


def _distances(facts: Sequence[Fact], i: IntArray, j: IntArray) -> tuple[FloatArray, NDArray[np.bool_]]:
    """:func:`value_distance` of each pair, and whether both values are of a comparable type."""
    comparable = np.array([isinstance(f.value, Quantity | DateSlot | ClockTime | Place) for f in facts], dtype=bool)
    out = np.zeros(len(i), dtype=np.float64)
    quantity = np.array([isinstance(f.value, Quantity) for f in facts], dtype=bool)
    if quantity.any():
        x = np.array([abs(f.value.value) if isinstance(f.value, Quantity) else 0.0 for f in facts])
        ok = quantity & np.isfinite(x) & (x != 0)
        at = np.flatnonzero(ok[i] & ok[j])
        ratio = (x[i[at]] / x[j[at]]).tolist()  # math.log10, as for one pair (numpy's may differ by an ulp)
        out[at] = np.minimum(np.abs(np.fromiter(map(math.log10, ratio), dtype=np.float64, count=len(ratio))), 3.0)
    day = np.array(
        [f.value.start.toordinal() if isinstance(f.value, DateSlot) and f.value.start else np.nan for f in facts]
    )
    dated = np.flatnonzero(~np.isnan(day[i]) & ~np.isnan(day[j]))
    out[dated] = np.minimum(np.abs(day[i[dated]] - day[j[dated]]) / 365.0, 3.0)
    ruled = np.array([isinstance(f.value, ClockTime | Place) for f in facts], dtype=bool)
    if ruled.any():  # clock times and places: once per pair of distinct values
        codes = _codes([f.value if r else None for f, r in zip(facts, ruled, strict=True)])
        first = {int(c): k for k, c in reversed(list(enumerate(codes))) if c >= 0}
        memo: dict[tuple[int, int], float] = {}
        for k in np.flatnonzero(ruled[i] & ruled[j]).tolist():
            key = (int(codes[i[k]]), int(codes[j[k]]))
            if key not in memo:
                memo[key] = value_distance(facts[first[key[0]]], facts[first[key[1]]])
            out[k] = memo[key]
    return out, comparable[i] & comparable[j]


def _best_matches(
    facts: Sequence[Fact], i: IntArray, j: IntArray, score: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Whether each fact is the other's closest candidate in the other's article (both ways, either way),
    and how crowded the two articles are in the bucket (log of their mean number of facts there).

    A figure in one article has at most one counterpart in another; the closest
    candidate, the more so when the choice is mutual, is the likely one. Where an
    article gives one tonnage, two tonnages of two articles are likely one fact.
    Ties go to the pair listed first.
    """
    article = _codes([f.article_id for f in facts])
    n_art = int(article.max()) + 1 if len(article) else 1
    x, y = np.concatenate([i, j]), np.concatenate([j, i])
    order = np.concatenate([2 * np.arange(len(i)), 2 * np.arange(len(i)) + 1])
    key = x * n_art + article[y]
    ranked = np.lexsort((order, -np.concatenate([score, score]), key))
    firsts = ranked[np.r_[True, key[ranked][1:] != key[ranked][:-1]]]
    best = dict(zip(key[firsts].tolist(), y[firsts].tolist(), strict=True))
    bi = np.array([best[k] for k in (i * n_art + article[j]).tolist()], dtype=np.int64) == j
    bj = np.array([best[k] for k in (j * n_art + article[i]).tolist()], dtype=np.int64) == i
    count = np.bincount(article, minlength=n_art)
    total = count[article[i]] + count[article[j]]
    logs = {int(t): math.log(t / 2) for t in np.unique(total)}
    crowding = np.array([logs[int(t)] for t in total], dtype=np.float64)
    return (bi & bj).astype(np.float64), (bi | bj).astype(np.float64), crowding


# --------------------------------------------------------------------------- the features


def bucket_pairs(
    facts: Sequence[Fact],
    claim_cosine: NDArray[np.float32],
    claim_row: Sequence[int],
    phrases: Mapping[str, NDArray[np.float32]] | None = None,
    contexts: Mapping[str, NDArray[np.float32]] | None = None,
    *,
    years_apart: bool = False,
    undated: date | None = None,
) -> tuple[IntArray, IntArray, FloatArray]:
    """The pairs of one bucket's facts that may be one fact, and their features.

    Args:
        facts: the bucket's facts, in a fixed order.
        claim_cosine: claim-by-claim embedding cosine; ``claim_row[k]`` is the row of fact ``k``'s claim.
        claim_row: row of each fact's claim in ``claim_cosine``.
        phrases: embedding of each fact's :func:`phrase`.
        contexts: embedding of the words around each fact's value, by fact id.
        years_apart: also pair facts that hold years apart (training reads them: the values tell them apart).
        undated: the date a fact with no date of its own holds as of (:func:`other_times`).

    Returns:
        ``(i, j, x)``: the pairs ``i < j`` whose facts are of different claims, of the same time and not of two
        tallies (two facts of one claim, of years apart, a count of the dead and one of the injured, or
        distances from two named places, changes over two periods are never one fact), and a row of
        :data:`FEATURES` each.
    """
    n = len(facts)
    i, j = (np.asarray(t, dtype=np.int64) for t in np.triu_indices(n, 1))
    claims = _codes([f.claim_id for f in facts])
    keep = claims[i] != claims[j]
    # two tallies of a story (the dead, the injured, the missing) are never one fact, however alike their words
    tally = _codes([f.what.concept if f.what.concept in RUNNING_CONCEPTS else None for f in facts])
    keep &= ~((tally[i] >= 0) & (tally[j] >= 0) & (tally[i] != tally[j]))
    # a distance is between two places: "500 km from Kathmandu" and "felt as far as New Delhi, 600 km away" are two
    names = [_names(f.what.text) if isinstance(f.value, Quantity) else frozenset() for f in facts]
    distance = np.array([f.what.concept == "distance" for f in facts], dtype=bool)
    shared_names, names_a, names_b = _shared(names, i, j)
    keep &= ~(distance[i] & distance[j] & (names_a > 0) & (names_b > 0) & (shared_names == 0))
    if not years_apart:
        keep &= ~other_times(facts, i, j, undated)
    keep &= ~_other_doers(facts, i, j)
    # a change over one period is not a change over another ("up 24% on Thursday", "up 108% for the year")
    periods = [change_period(f) for f in facts]
    if any(periods):
        period = _codes(periods)
        cumulative = np.array([p in CUMULATIVE for p in periods], dtype=bool)
        named_both = (period[i] >= 0) & (period[j] >= 0) & (period[i] != period[j])
        keep &= ~(named_both | (cumulative[i] & (period[j] < 0)) | (cumulative[j] & (period[i] < 0)))
    i, j = i[keep], j[keep]
    x = np.zeros((len(i), len(FEATURES)), dtype=np.float64)
    if not len(i):
        return i, j, x
    at = FEATURES.index
    what = [f.what for f in facts]
    cores = [_core(f) for f in facts]
    shared_core, core_a, core_b = _shared(cores, i, j)
    x[:, at("core_match")] = shared_core > 0
    x[:, at("concept_match")], x[:, at("concept_clash")] = _match_clash(_codes([w.concept for w in what]), i, j)
    x[:, at("measure_clash")] = _match_clash(_codes([w.measure for w in what]), i, j)[1]
    relation = _codes([w.relation for w in what])
    x[:, at("relation_match")], x[:, at("relation_clash")] = _match_clash(relation, i, j)
    x[:, at("relation_one_sided")] = (relation[i] < 0) != (relation[j] < 0)
    x[:, at("lemma_jaccard")] = _jaccard([frozenset(w.lemmas) for w in what], i, j)
    subject = _codes([w.subject for w in what])
    named = np.array([_named(w.subject) for w in what], dtype=bool)
    x[:, at("subject_match")] = (subject[i] >= 0) & (subject[i] == subject[j])
    x[:, at("subject_clash")] = named[i] & named[j] & (subject[i] != subject[j])
    heads = _codes([singular(w.noun.split()[-1].lower()) if w.noun else None for w in what])
    x[:, at("noun_clash")] = _match_clash(heads, i, j)[1]  # an aircraft's age and a crew member's
    events = _codes([w.event for w in what])
    # two events with nothing else in common: "tugboats worked Friday", "the ship ran aground on Tuesday"; as far
    # apart as their words' meanings ("bought in 2021" and "acquired in 2020" are one event told two ways)
    event_cosine = np.clip(_cosines([_vector(phrases, w.event or "") for w in what], i, j), 0.0, 1.0)
    x[:, at("event_clash")] = _match_clash(events, i, j)[1] * (shared_core == 0) * (1.0 - event_cosine)
    # two bodies or places named in what each figure is about ("deaths in Turkey", "deaths in Syria"); figures
    # only: the names around a date or a place are where the event was, which reports name differently
    shared_names, names_a, names_b = shared_names[keep], names_a[keep], names_b[keep]
    x[:, at("name_clash")] = (names_a > 0) & (names_b > 0) & (shared_names == 0)
    rows = np.asarray(claim_row, dtype=np.int64)
    cosine = np.asarray(claim_cosine[rows[i], rows[j]], dtype=np.float64)
    x[:, at("claim_cosine")] = cosine
    x[:, at("restated")] = cosine >= RESTATED
    x[:, at("what_cosine")] = _cosines([_vector(phrases, phrase(f)) for f in facts], i, j)
    x[:, at("context_cosine")] = _cosines([_vector(contexts, f.id) for f in facts], i, j)
    x[:, at("context_overlap")] = _jaccard([_stems(w.context) for w in what], i, j)
    distance, comparable = _distances(facts, i, j)
    x[:, at("value_distance")] = distance
    x[:, at("empty_attribute")] = (core_a == 0) | (core_b == 0)
    first = x[:, at("claim_cosine")] + x[:, at("context_cosine")] + 0.5 * x[:, at("what_cosine")]
    x[:, at("mutual_best")], x[:, at("one_way_best")], x[:, at("crowding")] = _best_matches(facts, i, j, first)
    x[:, at("close_value")] = (distance < 0.05) & comparable
    return i, j, x


def _vector(vectors: Mapping[str, NDArray[np.float32]] | None, key: str) -> NDArray[np.float32] | None:
    return vectors.get(key) if vectors and key else None
