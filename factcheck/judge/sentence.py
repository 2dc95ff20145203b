"""Pairs of claims -> Verdict: typed slot comparison plus a learned scorer.

The slot comparison (:func:`diff_slots`) says *what* differs (a figure, a date,
a place, the people involved, a title) and turns it into features; the learned
scorer (scorer.py) says *how much* that matters (agree / contradict / neutral).
The verdict's kind then follows editorial rules the scorer cannot learn from
sentence-pair data: titles change over time (time_scoped), relative dates with
an unknown publication date cannot be checked (discrepancy), a subset of the
people involved is an omission (discrepancy), and a misspelt name is a
misspelling, not a different organisation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from factcheck.artifacts import shipped_model
from factcheck.embed import Embedder
from factcheck.errors import InputError, ModelError
from factcheck.facts.dates import resolve_dates_at
from factcheck.facts.entities import place_index, tokens
from factcheck.facts.lexicon import COUNTRY_ALIASES, DEMONYMS, TITLE_WORDS
from factcheck.facts.model import DateSlot, Quantity, Slots
from factcheck.facts.slots import SlotExtractor
from factcheck.judge.names import near_miss
from factcheck.judge.scorer import CLASSES, FEATURES, TreeScorer, feature_matrix, softmax
from factcheck.schema import DiffType, Frozen, Kind, Label, Verdict

Severity = Literal["conflict", "differs", "omission", "uncertain", "misspelling", "scoped"]

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "being",
        "by",
        "with",
        "from",
        "as",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "has",
        "have",
        "had",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "than",
        "then",
        "there",
        "not",
        "no",
    ]
)
#: Word pairs whose swap turns a statement into its opposite (used as one feature).
ANTONYMS: frozenset[frozenset[str]] = frozenset(
    frozenset(p)
    for p in (
        ("increase", "decrease"),
        ("increased", "decreased"),
        ("rise", "fall"),
        ("rose", "fell"),
        ("won", "lost"),
        ("win", "lose"),
        ("before", "after"),
        ("more", "less"),
        ("more", "fewer"),
        ("higher", "lower"),
        ("largest", "smallest"),
        ("first", "last"),
        ("man", "woman"),
        ("men", "women"),
        ("boy", "girl"),
        ("sitting", "standing"),
        ("inside", "outside"),
        ("alive", "dead"),
        ("open", "closed"),
        ("male", "female"),
        ("north", "south"),
        ("east", "west"),
        ("above", "below"),
        ("early", "late"),
        ("older", "younger"),
        ("oldest", "youngest"),
        ("best", "worst"),
        ("up", "down"),
        ("joined", "left"),
        ("accepted", "rejected"),
        ("approved", "rejected"),
        ("entered", "left"),
        ("start", "end"),
        ("started", "ended"),
        ("true", "false"),
        ("day", "night"),
        ("empty", "full"),
        ("asleep", "awake"),
        ("sleeping", "running"),
        ("indoors", "outdoors"),
        ("positive", "negative"),
        ("majority", "minority"),
        ("domestic", "international"),
        ("born", "died"),
    )
)
#: Lexical overlap (cosine of content words) above which a done-vs-planned difference is reported.
MODALITY_OVERLAP = 0.5
PRIORITY: tuple[DiffType, ...] = ("number", "date", "location", "participants", "entity", "role", "negation", "other")


_LABELS: tuple[Label, Label, Label] = ("agree", "contradict", "neutral")


class Side(Frozen):
    """One claim as the comparator sees it."""

    text: str
    slots: Slots
    published: date | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Difference:
    """One typed difference between two claims, with the values that differ."""

    type: DiffType
    severity: Severity
    a: str
    b: str
    note: str = ""


@dataclass
class SlotDiff:
    """Features for the scorer and the typed differences for the verdict."""

    features: dict[str, float]
    differences: list[Difference] = field(default_factory=list)
    shared: int = 0


# --------------------------------------------------------------------------- comparisons


@lru_cache(maxsize=65536)
def _content(text: str) -> tuple[str, ...]:
    return tuple(t for t in tokens(text) if t not in STOPWORDS)


def _ranges_overlap(a: Quantity, b: Quantity) -> bool:
    if a.tally is not None and b.tally is not None:
        return a.tally == b.tally  # "won 3-2" and "won 3-1" are two scores
    tol = 0.005 * max(abs(a.value), abs(b.value), 1e-9) if not (a.vague or b.vague) else 0.0
    return a.low - tol <= b.high and b.low - tol <= a.high


def _contained(inner: Quantity, outer: Quantity) -> bool:
    tol = 0.005 * max(abs(inner.value), 1e-9)
    return outer.low - tol <= inner.low and inner.high <= outer.high + tol


def _gap(a: Quantity, b: Quantity) -> float:
    """Relative distance between two ranges (0 when they overlap)."""
    if _ranges_overlap(a, b):
        return 0.0
    lo, hi = (a, b) if a.high < b.low else (b, a)
    top = hi.low if math.isfinite(hi.low) else lo.high * 2
    return float(min(5.0, (top - lo.high) / max(abs(top), abs(lo.high), 1e-9)))


def _candidates(q: Quantity, others: Sequence[Quantity]) -> tuple[list[Quantity], bool]:
    """Counterparts of ``q``: those counting the same thing (strong), else the nearest in size (weak)."""
    same = [o for o in others if o.dimension == q.dimension]
    if q.dimension in {"money", "time", "length", "mass", "area", "speed"}:
        return [o for o in same if o.unit == q.unit], True
    if q.dimension == "count" and q.unit:
        exact = [o for o in same if o.unit == q.unit]
        if exact:
            return exact, True
    if q.dimension == "ordinal":
        return same, True
    if not same:
        return [], False
    ref = max(abs(q.value), 1e-9) if math.isfinite(q.value) else 1e9
    nearest = min(same, key=lambda o: abs(math.log(max(abs(o.value), 1e-9) / ref)))
    return [nearest], False


def _compare_quantities(a: Slots, b: Slots, ta: str, tb: str, f: dict[str, float], out: list[Difference]) -> int:
    shared = 0
    conflicts: list[tuple[float, Quantity, Quantity]] = []
    for q in a.quantities:
        cands, strong = _candidates(q, b.quantities)
        if not cands:
            f["q_unmatched"] += 1
            continue
        if any(_ranges_overlap(q, c) for c in cands):
            f["q_match"] += 1
            f["q_match_strong"] += strong
            shared += 1
            if any(_contained(c, q) for c in cands):
                f["q_contained"] += 1
            if q.dimension == "ordinal":
                f["q_ord_match"] += 1
            continue
        best = min(cands, key=lambda c: _gap(q, c))
        conflicts.append((_gap(q, best), q, best))
        f["q_conflict"] += 1
        f["q_conflict_strong"] += strong
        if q.dimension == "ordinal":
            f["q_ord_conflict"] += 1
    if conflicts:
        gap, q, c = min(conflicts, key=lambda t: t[0])
        f["q_gap"] = gap
        out.append(Difference("number", "conflict", q.text, c.text))
    dims_a = {q.dimension for q in a.quantities}
    f["q_b_only_dim"] = float(sum(1 for q in b.quantities if q.dimension not in dims_a))
    f["q_vague_a"] = float(sum(q.vague for q in a.quantities))
    nums_a = {t for t in tokens(ta) if t[:1].isdigit()}
    nums_b = {t for t in tokens(tb) if t[:1].isdigit()}
    f["q_exact_tokens"] = float(len(nums_a & nums_b))
    f["q_missing_tokens"] = float(len(nums_a - nums_b))
    return shared


DayRange = tuple[date, date]

#: Hypothetical publication dates for reading two publication-relative expressions when the real
#: dates are unknown: every weekday, month starts and ends, a year's turn, several months.
ANCHORS: tuple[date, ...] = (
    date(2022, 1, 3),  # Monday, first days of a year
    date(2022, 2, 15),  # Tuesday
    date(2022, 3, 31),  # Thursday, a month's last day
    date(2022, 4, 6),  # Wednesday
    date(2022, 5, 13),  # Friday
    date(2022, 6, 18),  # Saturday
    date(2022, 7, 31),  # Sunday, a month's last day
    date(2022, 8, 1),  # Monday, a month's first day
    date(2022, 9, 14),  # Wednesday
    date(2022, 10, 27),  # Thursday
    date(2022, 11, 4),  # Friday
    date(2022, 12, 31),  # Saturday, a year's last day
    date(2023, 1, 1),  # Sunday, a year's first day
)


def _qualified(r: DayRange, qualifier: str | None) -> DayRange:
    """A day range opened by "before", "by", "after", "since"."""
    if qualifier == "before":
        return date.min, max(date.min, r[0] - timedelta(days=1))
    if qualifier == "by":
        return date.min, r[1]
    if qualifier == "after":
        return min(date.max, r[1] + timedelta(days=1)), date.max
    if qualifier == "since":
        return r[0], date.max
    return r


def _readings(d: DateSlot) -> list[DayRange]:
    """The day ranges a resolved date allows (one, or several for "Wednesday" / "in February")."""
    if d.start is None or d.end is None:
        return []
    return [_qualified(r, d.qualifier) for r in (d.ranges or ((d.start, d.end),))]


def _overlap(ra: Sequence[DayRange], rb: Sequence[DayRange]) -> bool:
    return any(x[0] <= y[1] and y[0] <= x[1] for x in ra for y in rb)


def _at(d: DateSlot, side: Side, anchor: date) -> DateSlot | None:
    """``d`` (a date of ``side``) read as if ``side`` had been published on ``anchor``."""
    if side.published is not None:
        return d
    return next((x for x in resolve_dates_at(side.text, anchor) if x.text == d.text), None)


DateStatus = Literal["match", "conflict", "anchored", "unknown"]


def _date_status(d: DateSlot, a: Side, x: DateSlot, b: Side) -> DateStatus:
    """How two date expressions relate, reading relative ones against publication dates.

    Both publication-relative with a publication date unknown: both are read
    against the same hypothetical publication dates (:data:`ANCHORS`, or the one
    known date); disjoint for every one of them is ``anchored`` (a conflict if the
    articles appeared at about the same time), overlapping for one is a match.
    """
    if d.resolved and x.resolved:
        return "match" if _overlap(_readings(d), _readings(x)) else "conflict"
    if d.month and x.month and d.month != x.month and not d.qualifier and not x.qualifier:
        return "conflict"  # "in March" and "last August": other months whatever the year
    if d.reference == "publication" and x.reference == "publication":
        known = a.published or b.published
        anchors = ANCHORS if known is None else (known,)
        seen = False
        for anchor in anchors:
            da, xb = _at(d, a, anchor), _at(x, b, anchor)
            if da is None or xb is None or not da.resolved or not xb.resolved:
                continue
            seen = True
            if _overlap(_readings(da), _readings(xb)):
                return "match"
        return "anchored" if seen else "unknown"
    # an absolute date against one relative to an unknown publication date: only the calendar can differ
    if d.month and d.day and x.month and x.day:
        return "match" if (d.month, d.day) == (x.month, x.day) else "conflict"
    if d.month and x.month and d.month != x.month:
        return "conflict"
    return "unknown"


def _compare_dates(a: Side, b: Side, f: dict[str, float], out: list[Difference]) -> int:
    shared = 0
    da = [d for d in a.slots.dates if d.reference != "narrative"]
    db = [d for d in b.slots.dates if d.reference != "narrative"]
    years_a = {d.year for d in da if d.year}
    years_b = {d.year for d in db if d.year}
    f["d_year_missing"] = float(len(years_a - years_b))
    if years_a and years_b and not years_a & years_b:
        f["d_year_conflict"] = 1.0
    if not db:
        return 0
    for d in da:
        status = {x.text: _date_status(d, a, x, b) for x in db}
        if "match" in status.values():
            f["d_match"] += 1
            shared += 1
        elif "conflict" in status.values():
            f["d_conflict"] += 1
            other = next(t for t, s in status.items() if s == "conflict")
            out.append(Difference("date", "conflict", d.text, other))
        elif "anchored" in status.values():
            f["d_uncertain"] += 1
            other = next(t for t, s in status.items() if s == "anchored")
            out.append(Difference("date", "uncertain", d.text, other, note="anchored"))
        else:
            f["d_uncertain"] += 1  # cannot be told apart; not worth an editor's time
    return shared


def _compatible_places(pa: set[str], pb: set[str]) -> bool:
    """True when the two place sets share a place or one contains the other (city in its country)."""
    if pa & pb:
        return True
    index = place_index()
    codes_a = {c for p in pa for c in index.get(p.lower(), ())}
    codes_b = {c for p in pb for c in index.get(p.lower(), ())}
    return bool(codes_a & codes_b)


_LOCATIVE = r"(?:in|at|on|to|from|near|into|onto|inside|outside|across|toward|towards|throughout|around|via|through)"
_CREW_NOUNS = frozenset({"astronauts", "cosmonauts", "taikonauts", "crew"})


@lru_cache(maxsize=65536)
def _locative_places(text: str, places: tuple[str, ...]) -> set[str]:
    """The places of a claim that stand where something happens ("in Moscow"), not as actors ("Russia said")."""
    out: set[str] = set()
    for place in places:
        aliases = {place} | {k for k, v in COUNTRY_ALIASES.items() if v == place and k != "us"}
        alt = "|".join(re.escape(x) for x in sorted(aliases, key=len, reverse=True))
        if re.search(rf"(?i)\b{_LOCATIVE}\s+(?:the\s+)?(?:[A-Z][\w\-]*,?\s+)?(?:{alt})\b", text):
            out.add(place)
    return out


def _group_kind(group: str) -> str:
    """What a group is made of ("American astronauts" -> crew), so only like groups are compared."""
    noun = group.split()[-1].lower()
    return "crew" if noun in _CREW_NOUNS else noun


def _last_name(person: str) -> str:
    return person.split()[-1].lower()


def _same_title(ta: str, tb: str) -> bool:
    """ "chief executive of the space agency" and "chief executive of the space agency Roscosmos" are one title.

    One title is the other with more detail at its end; "prime minister" and
    "deputy prime minister" stay different (the detail is at the front).
    """
    wa = [w for w in ta.lower().replace("-", " ").split() if w not in {"the", "a", "an"}]
    wb = [w for w in tb.lower().replace("-", " ").split() if w not in {"the", "a", "an"}]
    short, long = sorted((wa, wb), key=len)
    return long[: len(short)] == short


def _compare_entities(a: Side, b: Side, f: dict[str, float], out: list[Difference]) -> int:
    shared = 0
    sa, sb = a.slots, b.slots
    ba, bb = set(sa.bodies), set(sb.bodies)
    if ba and bb:
        if ba & bb:
            f["body_match"] = 1.0
            shared += 1
        if not ba & bb:  # "the Moon" and "Mars" differ; "the Moon" and "the Moon and Mars" only add a place
            f["body_conflict"] = 1.0
            out.append(Difference("location", "conflict", ", ".join(sorted(ba)), ", ".join(sorted(bb))))
    pa, pb = set(sa.places), set(sb.places)
    if pa and pb:
        if _compatible_places(pa, pb):
            f["place_match"] = 1.0
            shared += 1
        else:
            f["place_conflict"] = 1.0
            # only places in the same role differ: where it happened ("in Paris" / "in Moscow"), not who acted
            la, lb = _locative_places(a.text, sa.places), _locative_places(b.text, sb.places)
            if la and lb and not _compatible_places(la, lb):
                out.append(Difference("location", "differs", ", ".join(sorted(la)), ", ".join(sorted(lb))))
    ga, gb = set(sa.groups), set(sb.groups)
    if ga and gb:
        f["group_only_a"], f["group_only_b"] = float(len(ga - gb)), float(len(gb - ga))
        f["group_common"] = float(len(ga & gb))
        if ga == gb:
            shared += 1
        # groups are compared within one kind of participant: astronauts with cosmonauts, not with a government
        kinds = {_group_kind(g) for g in ga} & {_group_kind(g) for g in gb}
        ka, kb = {g for g in ga if _group_kind(g) in kinds}, {g for g in gb if _group_kind(g) in kinds}
        if ka != kb:
            severity: Severity = "omission" if ka <= kb or kb <= ka else "differs"
            out.append(Difference("participants", severity, " and ".join(sorted(ka)), " and ".join(sorted(kb))))
    # names: tokens of capitalised names on one side only, and near-misses (misspellings)
    words_b = {w.lower() for n in (*sb.names, *sb.people, *sb.organisations) for w in n.split()}
    text_b = b.text.lower()
    f["n_names_a"] = float(len(sa.names))
    for name in (*sa.names, *sa.organisations):
        for word in name.split():
            w = word.lower()
            if len(w) < 3 or w in STOPWORDS:
                continue
            if w in words_b or w in text_b:
                continue
            f["names_missing"] += 1
            near = near_miss(w, words_b)
            if near is not None:
                f["names_misspelt"] += 1
                original = next((x for n in sb.names for x in n.split() if x.lower() == near), near)
                out.append(Difference("entity", "misspelling", word, original))
    for ra in sa.roles:
        for rb in sb.roles:
            if _last_name(ra.person) == _last_name(rb.person) and not _same_title(ra.title, rb.title):
                f["role_diff"] = 1.0
                out.append(Difference("role", "scoped", ra.title, rb.title, note=ra.person))
    return shared


#: Words that carry no predicate of their own around a negation ("did not approve", "has never been").
_AUXILIARIES = frozenset(
    [
        "do",
        "does",
        "did",
        "done",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "to",
        "be",
        "been",
        "being",
        "is",
        "was",
        "are",
        "were",
        "am",
        "yet",
        "ever",
    ]
)
_NEGATION_CUES = frozenset(
    [
        "not",
        "no",
        "never",
        "n't",
        "nt",
        "cannot",
        "failed",
        "fails",
        "refused",
        "refuses",
        "declined",
        "declines",
        "denied",
        "denies",
        "deny",
    ]
)
#: Irregular past forms, so "did not say" meets "said" (the fast path has no lemmatiser).
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "went": "go",
    "made": "make",
    "took": "take",
    "gave": "give",
    "won": "win",
    "met": "meet",
    "paid": "pay",
    "sent": "send",
    "told": "tell",
    "sold": "sell",
    "left": "leave",
    "held": "hold",
    "found": "find",
    "brought": "bring",
    "built": "build",
    "began": "begin",
    "knew": "know",
    "saw": "see",
    "came": "come",
    "got": "get",
    "kept": "keep",
    "lost": "lose",
    "ran": "run",
    "spent": "spend",
    "wrote": "write",
    "thought": "think",
    "bought": "buy",
    "signed": "sign",
    "chose": "choose",
    "spoke": "speak",
    "fell": "fall",
    "rose": "rise",
    "led": "lead",
    "hit": "hit",
    "shot": "shoot",
    "struck": "strike",
}
_NEG_WORD_RE = re.compile(r"[A-Za-z]+n't|[A-Za-z][A-Za-z'\-]*|\d[\d,.]*")


def _stem(word: str) -> str:
    """A crude stem ("approved", "approves", "approve" -> "approv") for matching a predicate across tenses."""
    w = _IRREGULAR.get(word, word)
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)] + repl
    return w


def _predicate_words(text: str) -> list[str]:
    """Stems of a claim's content words in order, with negation cues kept as the marker "<not>"."""
    out: list[str] = []
    for raw in _NEG_WORD_RE.findall(text):
        w = raw.lower().replace(",", "")
        if w in _NEGATION_CUES or w.endswith("n't"):
            out.append("<not>")
        elif w not in STOPWORDS and w not in _AUXILIARIES:
            out.append(_stem(w))
    return out


def direct_negation(negated: str, stated: str) -> bool:
    """Whether ``negated`` denies exactly what ``stated`` states ("did not approve the budget" / "approved the budget").

    Every content word of the denial must be in the statement (so "X did not say Y"
    against "X said Z" is not one), the denied predicate must be there too, and
    the word after the predicate must match ("did not approve the budget" against
    "approved a plan to cut the budget" is not a denial of it). The statement may
    add a little detail ("on Tuesday": denying the whole denies that too), not a
    clause of its own.
    """
    neg, pos = _predicate_words(negated), _predicate_words(stated)
    if neg.count("<not>") != 1 or "<not>" in pos:
        return False
    at = neg.index("<not>")
    words = [w for w in neg if w != "<not>"]
    if len(words) < 2 or not set(words) <= set(pos) or at >= len(neg) - 1:
        return False
    if len(set(pos) - set(words)) > max(2, len(words) // 2):
        return False  # the statement says much more ("X is not metal" / "X is an album by a metal band")
    predicate = neg[at + 1]
    after = neg[at + 2] if at + 2 < len(neg) else None
    for i, w in enumerate(pos):
        if w == predicate and (after is None or (i + 1 < len(pos) and pos[i + 1] == after)):
            return True
    return False


def diff_slots(a: Side, b: Side, similarity: float | None = None) -> SlotDiff:
    """Compare two claims slot by slot: scorer features plus the typed differences found."""
    f: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
    out: list[Difference] = []
    ca, cb = _content(a.text), _content(b.text)
    set_a, set_b = set(ca), set(cb)
    inter = set_a & set_b
    f["lex_cos"] = len(inter) / math.sqrt(max(1, len(set_a)) * max(1, len(set_b)))
    f["cov_a"] = len(inter) / max(1, len(set_a))
    f["cov_b"] = len(inter) / max(1, len(set_b))
    f["len_a"], f["len_b"] = math.log1p(len(ca)), math.log1p(len(cb))
    f["only_a"], f["only_b"] = float(len(set_a - set_b)), float(len(set_b - set_a))
    # The scorer sees a lexical similarity only: the embedding cosine is not available in the
    # fast `pairs` path, and a feature whose source changes between training and use would drift.
    f["similarity"] = len(inter) / max(1, len(set_a | set_b))
    f["antonym"] = float(any(frozenset((x, y)) in ANTONYMS for x in set_a - set_b for y in set_b - set_a))
    sa, sb = a.slots, b.slots
    f["q_a"], f["q_b"] = float(len(sa.quantities)), float(len(sb.quantities))
    f["d_a"], f["d_b"] = float(len(sa.dates)), float(len(sb.dates))
    shared = _compare_quantities(sa, sb, a.text, b.text, f, out)
    shared += _compare_dates(a, b, f, out)
    if (sa.modality == "planned") != (sb.modality == "planned") and "asserted" in {sa.modality, sb.modality}:
        # a plan ("will meet this month") and a fact ("met last month") are two events: their dates differ anyway
        out[:] = [d for d in out if d.note != "anchored"]
    shared += _compare_entities(a, b, f, out)
    f["neg_a"], f["neg_b"] = float(sa.negations), float(sb.negations)
    f["neg_mismatch"] = float(sa.negated != sb.negated)
    if sa.negated != sb.negated and f["lex_cos"] >= 0.3:
        neg, pos = (a, b) if sa.negated else (b, a)
        if direct_negation(neg.text, pos.text):
            out.append(Difference("negation", "conflict", "denies it", "states it", note="direct"))
        else:
            out.append(Difference("negation", "conflict", "denies it", "states it", note=neg.text))
    modality = {"asserted": 0.0, "planned": 1.0, "possible": 2.0}
    f["mod_a"], f["mod_b"] = modality[sa.modality], modality[sb.modality]
    f["mod_mismatch"] = float(sa.modality != sb.modality)
    # "planned" against "possible" is not worth an editor's time; done against only planned may be
    if (sa.modality == "asserted") != (sb.modality == "asserted") and f["lex_cos"] >= MODALITY_OVERLAP:
        out.append(Difference("other", "uncertain", sa.modality, sb.modality, note="modality"))
    return SlotDiff(features=f, differences=out, shared=shared)


# --------------------------------------------------------------------------- long evidence

#: A sentence end followed by the start of another sentence: only such texts are split (pysbd is slow).
_MANY_SENTENCES = re.compile(r"[.!?][\"')\]]*\s+[\"'(]?[A-Z0-9]|<br\s*/?>")


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


@lru_cache(maxsize=65536)
def evidence_sentences(evidence: str) -> tuple[str, ...]:
    """The sentences of an evidence text (pysbd; one sentence when it has no inner sentence end)."""
    if not _MANY_SENTENCES.search(evidence):
        return (evidence,)
    parts = [p.strip() for s in _segmenter().segment(evidence) for p in re.split(r"<br\s*/?>", s)]
    return tuple(p for p in parts if p) or (evidence,)


def focus_evidence(claim: str, evidence: str, most: int = 2) -> str:
    """The evidence sentences that bear on the claim, in their original order.

    A paragraph shares many words with any claim about its subject, so compared
    whole it reads as agreement (ANLI paragraphs: accuracy below chance). The
    sentence covering most of the claim's content words is taken, then a second
    one only if it covers claim words the first lacks (a claim joining two facts).
    Single-sentence evidence is returned unchanged.
    """
    sentences = evidence_sentences(evidence)
    if len(sentences) == 1:
        return evidence
    want = set(_content(claim))
    chosen: list[int] = []
    covered: set[str] = set()
    for _ in range(most):
        gains = [len((set(_content(s)) & want) - covered) if i not in chosen else -1 for i, s in enumerate(sentences)]
        best = max(range(len(sentences)), key=lambda i: (gains[i], -i))
        if gains[best] <= 0:
            break
        chosen.append(best)
        covered |= set(_content(sentences[best])) & want
    if not chosen:
        return evidence
    return " ".join(sentences[i] for i in sorted(chosen))


# --------------------------------------------------------------------------- verdicts


def _pick(diffs: Sequence[Difference], severities: set[str]) -> Difference | None:
    ranked = sorted((d for d in diffs if d.severity in severities), key=lambda d: PRIORITY.index(d.type))
    return ranked[0] if ranked else None


def _dates_note(a: Side, b: Side) -> str:
    if a.published is None and b.published is None:
        return ""
    first = a.published.isoformat() if a.published else "on an unknown date"
    second = b.published.isoformat() if b.published else "on an unknown date"
    return f" (sources published {first} and {second})"


def explain(d: Difference, kind: Kind | None, a: Side, b: Side) -> str:
    """One sentence naming the values that differ."""
    if d.type == "number":
        tail = "the figures do not overlap" if d.severity == "conflict" else "the figures differ"
        if kind == "time_scoped":
            tail = "the sources were published at different times, so the figure may have been updated"
        return f"One claim gives '{d.a}' and the other '{d.b}'; {tail}{_dates_note(a, b)}."
    if d.type == "date":
        if d.severity == "uncertain":
            if a.published is None or b.published is None:
                unknown = (
                    "publication dates are unknown"
                    if a.published is None and b.published is None
                    else "one publication date is unknown"
                )
                return (
                    f"The event is dated '{d.a}' in one source and '{d.b}' in the other; these conflict if the two "
                    f"articles were published at about the same time ({unknown})."
                )
            return f"The event is dated '{d.a}' in one source and '{d.b}' in the other{_dates_note(a, b)}."
        return f"The date is '{d.a}' in one claim and '{d.b}' in the other, and the two do not overlap."
    if d.type == "location":
        if d.severity == "omission":
            return f"One claim names {d.a} and the other {d.b}; one leaves a place out."
        return f"The place is {d.a} in one claim and {d.b} in the other; these are not the same place."
    if d.type == "participants":
        if d.severity == "omission":
            return f"One claim has {d.a}, the other {d.b}: one leaves some participants out."
        return f"One claim has {d.a}, the other {d.b}: the groups involved differ."
    if d.type == "entity":
        return f"'{d.a}' in one claim looks like a misspelling of '{d.b}' in the other."
    if d.type == "role":
        when = _dates_note(a, b) or " (publication dates unknown)"
        return (
            f"{d.note} is called '{d.a}' in one source and '{d.b}' in the other{when}; titles change over "
            "time, so both may have been true when written."
        )
    if d.type == "negation":
        if d.note == "direct":
            return "One claim denies exactly what the other states, and nothing else in them differs."
        return (
            "One claim contains a denial the other lacks, but they do not deny and state the same thing; "
            "check whether both can be true."
        )
    if d.note == "modality":
        return (
            f"One claim is {_MODALITY_WORDS[d.a]} and the other {_MODALITY_WORDS[d.b]}; check whether it has happened."
        )
    return "The claims differ in wording that changes their meaning."


_MODALITY_WORDS = {"asserted": "stated as fact", "planned": "only planned", "possible": "only possible"}


class CrossEncoderNLI:
    """A user's NLI cross-encoder (sentence-transformers folder), loaded offline.

    Its labels are read from the model config (contradiction / entailment /
    neutral, any case) and reordered to :data:`scorer.CLASSES`.
    """

    def __init__(self, folder: str) -> None:
        import os

        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        if not Path(folder).is_dir():
            raise ModelError(f"cross-encoder folder not found: {folder}")
        from sentence_transformers import CrossEncoder

        self.model = CrossEncoder(folder, device="cpu")
        id2label = {int(k): str(v).lower() for k, v in self.model.config.id2label.items()}
        wanted = {"entailment": "agree", "contradiction": "contradict", "neutral": "neutral"}
        try:
            by_class = {wanted[name]: idx for idx, name in id2label.items()}
            self.order = [by_class[c] for c in CLASSES]
        except KeyError:
            raise ModelError(
                f"cross-encoder {folder} must label contradiction/entailment/neutral, has {sorted(id2label.values())}"
            ) from None

    def predict_proba(self, pairs: Sequence[tuple[str, str]]) -> NDArray[np.float64]:
        """Probabilities in :data:`CLASSES` order for (claim, evidence) pairs."""
        logits = np.asarray(self.model.predict(list(pairs), convert_to_numpy=True, show_progress_bar=False))
        logits = logits.reshape(len(pairs), -1)[:, self.order].astype(np.float64)
        return softmax(logits)


class Scorer(Protocol):
    """What the comparator needs from a learned scorer (tests pass a fake)."""

    def predict_proba(self, X: NDArray[np.float64]) -> NDArray[np.float64]:
        """Probabilities per row, columns in :data:`CLASSES` order."""
        ...


#: Logistic fit of P(paraphrase | MiniLM cosine) on the MRPC train pairs that pass the typed checks
#: (``bench/compare_thresholds.py``): the confidence of an agreement read from the cosine.
PARAPHRASE_SLOPE = 5.769
PARAPHRASE_INTERCEPT = -3.501

_TITLE_SET = frozenset(TITLE_WORDS.split("|")) | {"mr", "mrs", "ms", "dr", "vice-premier", "premier"}


def _anchor_words(side: Side, skip: set[str]) -> set[str]:
    """Words of the named participants of a claim: not places, titles, demonyms or the speakers."""
    index = place_index()
    out: set[str] = set()
    for name in (*side.slots.names, *side.slots.organisations, *side.slots.people):
        clean = re.sub(r"['’]s?$", "", name.strip()).lower()
        if clean in index or clean in DEMONYMS:
            continue
        for word in clean.split():
            w = re.sub(r"['’]s?$", "", word)
            if len(w) < 3 or w in STOPWORDS or w in skip or w in _TITLE_SET or w in DEMONYMS or w in index:
                continue
            out.add(w)
    return out


def shared_anchor(a: Side, b: Side, diff: SlotDiff) -> bool:
    """Whether two claims share something that pins them to one thing.

    The same counted noun behind their figures ("12 satellites", "31 satellites"),
    or a named participant other than the speakers (who are named in every claim
    of theirs, whatever the event).
    """
    if diff.features["q_match_strong"] or diff.features["q_conflict_strong"]:
        return True
    skip = {w.lower() for s in (a.speaker, b.speaker) if s for w in s.split()}
    return bool(_anchor_words(a, skip) & _anchor_words(b, skip))


def _modality_confidence(diff: SlotDiff) -> float:
    """Low by design: done against planned is a prompt to check, rarely a contradiction."""
    return 0.5 + 0.1 * min(1.0, diff.features["lex_cos"])


class Comparator:
    """Decides agree / contradict / neutral and the kind of difference for pairs of claims.

    The cosine thresholds apply when the caller passes the MiniLM cosine of the two
    claims (the pipeline does; the ``pairs`` path does not, and then no gate applies).
    They were chosen on development data by ``bench/compare_thresholds.py`` (figures in
    ``bench/RESULTS_compare.md``):

    Args:
        scorer: the learned scorer (or a fake in tests).
        cross_encoder: an optional NLI cross-encoder averaged with the scorer.
        unrelated_below: similarity under which claims with nothing in common "do not bear on each other".
        agree_above: cosine from which two claims with no typed difference (and no contradiction the scorer
            believes in) are an agreement: paraphrases the lexical scorer cannot see. 0.68: on the MRPC train
            pairs that pass the same typed checks, a logistic fit of P(paraphrase | cosine) reaches 0.6 at
            0.677; those pairs above 0.68 are paraphrases with precision 0.80 (MRPC test: 0.78), and the
            mean STS-B main-news score near 0.68 is 2.9 of 5 ("roughly equivalent" is 3).
        same_event_above: cosine from which a slot difference is reported as a contradiction or discrepancy:
            below it two claims are often about two events of one kind. 0.57: on ECB+ (annotated sentences
            of one topic from different documents), pairs above it share an event with precision 0.70.
        related_above: the lower gate, for pairs the scorer is confident contradict or that share an anchor
            (the same counted noun, a named participant other than the speakers). 0.44: the ECB+ F1-best
            threshold for "same event" (recall 0.77).
        confident_contradiction: the scorer's contradiction probability that counts as confident.
    """

    def __init__(
        self,
        scorer: Scorer,
        cross_encoder: CrossEncoderNLI | None = None,
        unrelated_below: float = 0.12,
        agree_above: float = 0.68,
        same_event_above: float = 0.57,
        related_above: float = 0.44,
        confident_contradiction: float = 0.6,
    ) -> None:
        self.scorer = scorer
        self.cross_encoder = cross_encoder
        self.unrelated_below = unrelated_below
        self.agree_above = agree_above
        self.same_event_above = same_event_above
        self.related_above = related_above
        self.confident_contradiction = confident_contradiction

    def compare(self, a: Side, b: Side, similarity: float | None) -> Verdict:
        """The verdict on one pair; ``similarity`` is the cosine of their embeddings (None: not known)."""
        return self.compare_many([(a, b, similarity)])[0]

    def compare_many(self, pairs: Sequence[tuple[Side, Side, float | None]]) -> list[Verdict]:
        """Verdicts for many pairs with one scorer call (the fast path of ``factcheck pairs``)."""
        if not pairs:
            return []
        diffs = [diff_slots(a, b, sim) for a, b, sim in pairs]
        proba = self.scorer.predict_proba(feature_matrix([d.features for d in diffs]))
        if self.cross_encoder is not None:
            ce = self.cross_encoder.predict_proba([(a.text, b.text) for a, b, _ in pairs])
            proba = (proba + ce) / 2.0
        return [self._verdict(a, b, sim, d, p) for (a, b, sim), d, p in zip(pairs, diffs, proba, strict=True)]

    def same_event(self, a: Side, b: Side, similarity: float | None, diff: SlotDiff, p_contradict: float) -> bool:
        """Whether a slot difference between the two claims is worth reporting.

        Claims only loosely related (cosine about 0.5) are usually about two events
        of one kind, whose figures and dates differ for good reason. Without a
        cosine (the ``pairs`` path) every pair is taken to be about one thing.
        """
        if similarity is None or similarity >= self.same_event_above:
            return True
        if similarity < self.related_above or not diff.differences:
            return False  # a contradiction no typed difference explains gets no lower gate
        return p_contradict >= self.confident_contradiction or shared_anchor(a, b, diff)

    def _paraphrase(self, sim: float | None, diff: SlotDiff, probs: Mapping[str, float]) -> bool:
        """High cosine, nothing typed that differs, and no contradiction the scorer believes in."""
        if sim is None or diff.differences or diff.features["antonym"] or diff.features["neg_mismatch"]:
            return False
        if probs["contradict"] >= 0.5:
            return False
        return sim >= self.agree_above

    def _verdict(self, a: Side, b: Side, sim: float | None, diff: SlotDiff, p: NDArray[np.float64]) -> Verdict:
        probs = dict(zip(CLASSES, (float(x) for x in p), strict=True))
        label = _LABELS[int(np.argmax(p))]
        diffs = diff.differences
        similarity = diff.features["lex_cos"] if sim is None else sim
        if label != "contradict" and similarity < self.unrelated_below and not diff.shared and not diffs:
            return Verdict(
                label="neutral",
                kind=None,
                confidence=round(max(probs["neutral"], 0.5), 4),
                explanation="The claims do not bear on each other.",
            )
        scoped = _pick(diffs, {"scoped"})
        if (scoped is not None and label != "agree") or (scoped and not _pick(diffs, {"conflict"})):
            assert scoped is not None
            if a.published is not None and b.published is not None and a.published == b.published:
                return self._make("neutral", "discrepancy", scoped, max(0.6, 1 - probs["agree"]), a, b)
            return self._make("neutral", "time_scoped", scoped, max(0.6, 1 - probs["agree"]), a, b)
        if self._paraphrase(sim, diff, probs):
            assert sim is not None
            conf = max(probs["agree"], 1.0 / (1.0 + math.exp(-(PARAPHRASE_SLOPE * sim + PARAPHRASE_INTERCEPT))))
            return Verdict(
                label="agree", kind="agreement", confidence=round(min(conf, 0.95), 4), explanation=self._agreement(a, b)
            )
        verdict = self._typed(a, b, diff, probs, label)
        if verdict.kind in {"contradiction", "discrepancy"} and not self.same_event(
            a, b, sim, diff, probs["contradict"]
        ):
            return Verdict(
                label="neutral",
                kind=None,
                confidence=round(max(probs["neutral"], 0.5), 4),
                explanation=(
                    "The claims differ, but they look like reports of different events "
                    f"(similarity {similarity:.2f}), so the difference is not reported."
                ),
            )
        return verdict

    def _typed(self, a: Side, b: Side, diff: SlotDiff, probs: Mapping[str, float], label: Label) -> Verdict:
        """The verdict the typed differences and the scorer's label call for."""
        diffs = diff.differences
        if label == "contradict":
            # a done-vs-planned difference never explains a contradiction the scorer sees: it only prompts a check
            typed = [d for d in diffs if d.note != "modality"]
            d = _pick(typed, {"conflict"}) or _pick(typed, {"differs", "misspelling", "uncertain", "omission"})
            if d is None:
                return Verdict(
                    label="contradict",
                    kind="contradiction",
                    type="other",
                    confidence=round(probs["contradict"], 4),
                    explanation="The claims cannot both be true, though no single figure, date or name explains why.",
                )
            if d.severity == "misspelling":
                return self._make("neutral", "discrepancy", d, probs["contradict"], a, b)
            if d.type == "negation" and d.note != "direct" and len(typed) == 1:
                # a denial of something the other claim does not state ("did not say Y" / "said Z"): the
                # wording overlaps, but nothing shows the two cannot both be true
                return self._make("neutral", "discrepancy", d, probs["contradict"], a, b)
            if d.type == "date" and d.severity == "uncertain":
                return self._make("neutral", "discrepancy", d, probs["contradict"], a, b)
            if d.type == "number" and self._updated_figure(a, b):
                return self._make("neutral", "time_scoped", d, probs["contradict"], a, b)
            return self._make("contradict", "contradiction", d, probs["contradict"], a, b)
        hard = _pick(diffs, {"conflict"})
        if hard is not None and hard.note == "direct" and len(diffs) == 1:
            # one claim denies exactly what the other states and nothing else differs: the scorer, which sees
            # mostly overlap, reads this as related wording; the two cannot both be true
            return self._make("contradict", "contradiction", hard, max(probs["contradict"], 0.6), a, b)
        if (
            hard is not None
            and hard.type in {"location", "date"}
            and hard.severity == "conflict"
            and (diff.features["body_conflict"] if hard.type == "location" else probs["contradict"] > 0.25)
        ):
            return self._make("contradict", "contradiction", hard, max(probs["contradict"], 0.6), a, b)
        soft = _pick(diffs, {"misspelling", "omission", "differs", "uncertain"}) if label == "agree" or diffs else None
        if soft is not None and soft.type in {"participants", "entity", "date", "location"}:
            conf = max(0.55, 1.0 - probs["agree"]) if label != "agree" else max(0.55, probs["agree"])
            return self._make("neutral", "discrepancy", soft, conf, a, b)
        if hard is None and soft is not None and soft.note == "modality" and label != "agree":
            return self._make("neutral", "discrepancy", soft, _modality_confidence(diff), a, b)
        if label == "agree":
            return Verdict(
                label="agree", kind="agreement", confidence=round(probs["agree"], 4), explanation=self._agreement(a, b)
            )
        if hard is not None or soft is not None:
            d2 = hard or soft
            assert d2 is not None
            return self._make("neutral", "discrepancy", d2, probs["neutral"], a, b)
        return Verdict(
            label="neutral",
            kind=None,
            confidence=round(probs["neutral"], 4),
            explanation="One claim does not settle the other.",
        )

    @staticmethod
    def _updated_figure(a: Side, b: Side) -> bool:
        """A count reported on different days (a toll, a tally) is an update, not a contradiction."""
        if a.published is None or b.published is None or a.published == b.published:
            return False
        cue = re.compile(
            r"\b(toll|total|so far|as of|tally|cases|deaths|dead|killed|injured|confirmed|now|"
            r"currently|at least|rose|risen|climbed)\b",
            re.IGNORECASE,
        )
        return bool(cue.search(a.text) or cue.search(b.text))

    @staticmethod
    def _agreement(a: Side, b: Side) -> str:
        shared_q = [q.text for q in a.slots.quantities if any(_ranges_overlap(q, o) for o in b.slots.quantities)]
        if shared_q:
            return f"Both claims give compatible figures ('{shared_q[0]}')."
        return "The claims say the same thing."

    @staticmethod
    def _make(label: Label, kind: Kind, d: Difference, conf: float, a: Side, b: Side) -> Verdict:
        return Verdict(
            label=label,
            kind=kind,
            type=d.type,
            confidence=round(min(1.0, max(0.0, conf)), 4),
            explanation=explain(d, kind, a, b),
        )


# --------------------------------------------------------------------------- loading and `pairs`


def shipped_model_path() -> Path:
    """models/comparator.safetensors in a checkout, or the copy packed into the wheel."""
    path = shipped_model("comparator.safetensors")
    if path is None:
        raise ModelError("the shipped comparator model is missing; run `python -m factcheck.train`")
    return path


def load_comparator(scorer: Path | None = None, cross_encoder: str | None = None) -> Comparator:
    """The shipped learned scorer from models/ (or the given file); a user's own cross-encoder
    (sentence-transformers CrossEncoder folder, labels contradiction/entailment/neutral) plugs in optionally."""
    path = scorer if scorer is not None else shipped_model_path()
    if not path.is_file():
        raise ModelError(f"comparator model not found: {path}")
    ce = CrossEncoderNLI(cross_encoder) if cross_encoder else None
    return Comparator(TreeScorer.load(path), ce)


def compare_pairs(
    rows: Sequence[Mapping[str, Any]], comparator: Comparator, extractor: SlotExtractor, embedder: Embedder | None
) -> list[dict[str, Any]]:
    """Rows {"id","claim","evidence",...} -> CONTRACT rows {"id","label","type","confidence","explanation"}
    (extra input keys are kept), same order. This backs `factcheck pairs`."""
    for n, row in enumerate(rows, start=1):
        if not isinstance(row.get("claim"), str) or not isinstance(row.get("evidence"), str):
            raise InputError(f"row {n}: 'claim' and 'evidence' must be strings")
    claims = [str(r["claim"]) for r in rows]
    # a paragraph of evidence is compared through its sentences that bear on the claim
    evidence = [focus_evidence(c, str(r["evidence"])) for c, r in zip(claims, rows, strict=True)]
    slots = extractor.extract([*claims, *evidence], [None] * (2 * len(rows)))
    sims: list[float | None] = [None] * len(rows)
    if embedder is not None and rows:
        va, vb = embedder.encode(claims), embedder.encode(evidence)
        sims = [float(x) for x in np.sum(va * vb, axis=1)]
    pairs = [
        (Side(text=c, slots=slots[i]), Side(text=e, slots=slots[len(rows) + i]), sims[i])
        for i, (c, e) in enumerate(zip(claims, evidence, strict=True))
    ]
    out: list[dict[str, Any]] = []
    for row, v in zip(rows, comparator.compare_many(pairs), strict=True):
        result = dict(row)
        result.update(
            {
                "id": row.get("id"),
                "label": v.label,
                "type": v.type if v.label == "contradict" else None,
                "confidence": v.confidence,
                "explanation": v.explanation,
            }
        )
        out.append(result)
    return out
