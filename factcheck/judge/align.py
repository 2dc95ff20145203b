"""Facts of all sources of a story -> groups of facts about the same attribute of the same thing.

Only facts that are about the same thing may be compared: a ship's length with
a ship's length, not with its weight; this quake's toll with this quake's
toll, not with an earlier one's. Each pair of facts of one type (a quantity of
one dimension, a date, a clock time, a place, a group of people, a person's
title, a status) is scored by a logistic model over what the parse says each
is about (:class:`~factcheck.facts.model.Attribute`: concept, noun, event,
measure, relation, subject), the meaning of their claims (embedding cosine)
and how far apart their values are; facts are then grouped by average linkage
on that probability. Claims that clustered apart still meet here through their
facts, and a fact with no counterpart says nothing.

The model's weights are learned from the annotated real-news development set
(``bench/news_bench.py train``) and shipped as ``models/aligner.json``;
:data:`PRIOR` is the hand-set starting point used when no model file is given.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from factcheck._text import content_stems
from factcheck.errors import ModelError
from factcheck.facts.lexicon import PART_RELATIONS
from factcheck.facts.model import ClockTime, DateSlot, Fact, People, Place, Quantity, Role, Status
from factcheck.facts.quantities import singular
from factcheck.judge.values import _group_kind, clock_gap, compare_places

FEATURES: tuple[str, ...] = (
    "core_match",
    "concept_match",
    "measure_clash",
    "relation_match",
    "relation_clash",
    "relation_one_sided",
    "lemma_jaccard",
    "subject_match",
    "subject_clash",
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
#: Facts of these families are aligned by a model of their own: what makes two dates one fact
#: (the same event) is not what makes two figures one (the same measure of the same thing).
FAMILIES: tuple[str, ...] = ("quantity", "date", "time", "place", "other")
#: Hand-set weights (bias last), the starting point before a model is trained on annotated news.
PRIOR: dict[str, float] = {
    "core_match": 2.0,
    "concept_match": 2.0,
    "measure_clash": -2.5,
    "relation_match": 1.0,
    "relation_clash": -1.5,
    "relation_one_sided": -0.5,
    "lemma_jaccard": 1.0,
    "subject_match": 0.7,
    "subject_clash": -1.0,
    "claim_cosine": 3.0,
    "restated": 1.0,
    "what_cosine": 1.5,
    "context_cosine": 1.0,
    "context_overlap": 1.0,
    "value_distance": -0.6,
    "empty_attribute": -1.0,
    "mutual_best": 1.0,
    "one_way_best": 0.5,
    "crowding": -0.5,
    "close_value": 0.5,
    "bias": -4.0,
}
#: Claims this close say the same thing (the MRPC-derived same-claim cut-off, ``cluster.SAME_CLAIM``): two facts
#: of one type in two restated claims are very likely one fact.
RESTATED = 0.68
#: Facts join a group when their mean pair probability is at least this.
GROUP_THRESHOLD = 0.5


@dataclass(frozen=True)
class FamilyModel:
    """Logistic weights over :data:`FEATURES` plus a bias, and the grouping threshold, for one family."""

    weights: dict[str, float]
    threshold: float = GROUP_THRESHOLD

    def probability(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """P(same fact) for rows of features in :data:`FEATURES` order."""
        w = np.array([self.weights.get(f, 0.0) for f in FEATURES])
        z = x @ w + self.weights.get("bias", 0.0)
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def family(bucket_key: str) -> str:
    """The model family of a bucket ("q:length" -> quantity, "body" -> place)."""
    if bucket_key.startswith("q:"):
        return "quantity"
    if bucket_key in {"date", "time"}:
        return bucket_key
    if bucket_key in {"place", "body"}:
        return "place"
    return "other"


@dataclass(frozen=True)
class AlignModel:
    """One :class:`FamilyModel` per family of facts; the prior for a family with none."""

    families: dict[str, FamilyModel]

    @classmethod
    def prior(cls) -> AlignModel:
        """The hand-set model (used when no trained model file is given)."""
        return cls({f: FamilyModel(dict(PRIOR)) for f in FAMILIES})

    @classmethod
    def load(cls, path: Path | None) -> AlignModel:
        """The model in ``path`` (JSON written by ``train-aligner``), or the prior when None."""
        if path is None:
            return cls.prior()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            fams = {
                name: FamilyModel({k: float(v) for k, v in m["weights"].items()}, float(m["threshold"]))
                for name, m in data["families"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"cannot read the aligner model {path}: {exc}") from None
        for name, m in fams.items():
            missing = [f for f in (*FEATURES, "bias") if f not in m.weights]
            if missing:
                raise ModelError(f"aligner model {path} ({name}) lacks weights for {', '.join(missing)}")
        return cls({f: fams.get(f, FamilyModel(dict(PRIOR))) for f in FAMILIES})

    def dump(self, **extra: object) -> str:
        """The model as JSON (what :meth:`load` reads)."""
        data = {
            "features": list(FEATURES),
            "families": {n: {"weights": m.weights, "threshold": m.threshold} for n, m in self.families.items()},
            **extra,
        }
        return json.dumps(data, indent=2) + "\n"

    def of(self, bucket_key: str) -> FamilyModel:
        """The model for facts of one bucket."""
        return self.families[family(bucket_key)]


def bucket(fact: Fact) -> str | None:
    """Facts are only compared within a bucket: one type, one dimension, one person, one kind of group."""
    v = fact.value
    if isinstance(v, Quantity):
        if v.dimension == "ordinal":
            return None
        part = part_of(fact)
        return f"q:{v.dimension}" + (f":{part}" if part else "")
    if isinstance(v, DateSlot):
        return None if v.reference == "narrative" else "date"
    if isinstance(v, ClockTime):
        return "time"
    if isinstance(v, Place):
        return "body" if v.body else "place"
    if isinstance(v, People):
        return "people:" + ",".join(sorted({_group_kind(m) for m in v.members}))
    if isinstance(v, Role):
        return "title:" + v.person.split()[-1].lower()
    if isinstance(v, Status):
        return "status"
    return None


_PART_ORDER = {words: i for i, words in enumerate(PART_RELATIONS)}
_PARTS = list(PART_RELATIONS.values())


def part_of(fact: Fact) -> str | None:
    """Which part of a whole a figure gives (the whole, the cash part, a rate per share), when it says so."""
    relation = (fact.what.relation or "").lower()
    if relation:
        words = relation.split(" ")
        matches = [_PART_ORDER[p] for n in range(1, len(words) + 1) if (p := " ".join(words[:n])) in _PART_ORDER]
        if matches:  # the relation or its first words name a part; the earliest listed part wins
            return _PARTS[min(matches)]
    if isinstance(fact.value, Quantity) and fact.value.dimension == "money":
        lemmas = set(fact.what.lemmas) | set((fact.what.noun or "").split())
        for word, part in (("stock", "stock"), ("share", "stock"), ("cash", "cash")):
            if word in lemmas:
                return part  # "Harborline shares worth $900 million": the stock part
    return None


def _head(noun: str | None) -> str | None:
    return noun.split()[-1] if noun else None


def _match(a: str | None, b: str | None) -> tuple[float, float]:
    if a is None or b is None:
        return 0.0, 0.0
    return (1.0, 0.0) if a == b else (0.0, 1.0)


def _comparable_values(a: Fact, b: Fact) -> bool:
    kinds = Quantity | DateSlot | ClockTime | Place
    return isinstance(a.value, kinds) and isinstance(b.value, kinds)


def _value_distance(a: Fact, b: Fact) -> float:
    va, vb = a.value, b.value
    if isinstance(va, Quantity) and isinstance(vb, Quantity):
        x, y = abs(va.value), abs(vb.value)
        if not (math.isfinite(x) and math.isfinite(y)) or x == 0 or y == 0:
            return 0.0
        return min(abs(math.log10(x / y)), 3.0)
    if isinstance(va, DateSlot) and isinstance(vb, DateSlot) and va.start and vb.start:
        return min(abs((va.start - vb.start).days) / 365.0, 3.0)
    if isinstance(va, ClockTime) and isinstance(vb, ClockTime):
        return clock_gap(va, vb) / 360.0  # six hours apart count like a tenfold figure
    if isinstance(va, Place) and isinstance(vb, Place):
        return 0.0 if compare_places(va, vb).kind in {"same", "compatible"} else 1.0
    return 0.0


def phrase(fact: Fact) -> str:
    """The words that say what a fact is about, embedded to compare attributes worded differently."""
    words = fact.what.text
    v = fact.value
    if isinstance(v, Quantity) and v.dimension == "count" and v.unit and v.unit not in words.split():
        words = f"{v.unit} {words}".strip()
    return words


def _same_actor_in_one_source(a: Fact, b: Fact) -> bool:
    return a.article_id == b.article_id and a.what.subject is not None and a.what.subject == b.what.subject


def _named(subject: str | None) -> bool:
    return bool(subject) and subject[:1].isupper()  # type: ignore[index]


@lru_cache(maxsize=65536)
def _stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _core(fact: Fact) -> set[str]:
    """The words a fact is about: its noun's head, its event, what a figure counts, what it measures."""
    w = fact.what
    words = {_head(w.noun), w.event, w.measure, w.concept}
    if isinstance(fact.value, Quantity) and fact.value.dimension == "count":
        words.add(fact.value.unit)
    return {singular(x.lower()) for x in words if x}


def pair_features(
    a: Fact, b: Fact, cosine: float, what_cosine: float = 0.0, context_cosine: float = 0.0
) -> list[float]:
    """The features of one pair of facts of one bucket, in :data:`FEATURES` order (the last two zero)."""
    wa, wb = a.what, b.what
    concept = _match(wa.concept, wb.concept)
    measure = _match(wa.measure, wb.measure)
    relation = _match(wa.relation, wb.relation)
    la, lb = set(wa.lemmas), set(wb.lemmas)
    jaccard = len(la & lb) / len(la | lb) if la | lb else 0.0
    ca, cb = _core(a), _core(b)
    sa, sb = _stems(wa.context), _stems(wb.context)
    overlap = len(sa & sb) / len(sa | sb) if sa | sb else 0.0
    return [
        float(bool(ca & cb)),
        concept[0],
        measure[1],
        relation[0],
        relation[1],
        float((wa.relation is None) != (wb.relation is None)),
        jaccard,
        float(wa.subject is not None and wa.subject == wb.subject),
        float(_named(wa.subject) and _named(wb.subject) and wa.subject != wb.subject),
        cosine,
        float(cosine >= RESTATED),
        what_cosine,
        context_cosine,
        overlap,
        _value_distance(a, b),
        float(not ca or not cb),
        0.0,  # mutual_best, one_way_best and crowding need the whole bucket: filled in by align()
        0.0,
        0.0,
        float(_value_distance(a, b) < 0.05 and _comparable_values(a, b)),
    ]


def _cosine(ta: str, tb: str, phrases: Mapping[str, NDArray[np.float32]] | None) -> float:
    if not phrases or not ta or not tb:
        return 0.0
    va, vb = phrases.get(ta), phrases.get(tb)
    return 0.0 if va is None or vb is None else _unit(float(va @ vb))


def _unit(x: float) -> float:
    """``x`` within [-1, 1] (a cosine of unit vectors, off by rounding); scalar, so no numpy call per pair."""
    return -1.0 if x < -1.0 else 1.0 if x > 1.0 else x


def what_cosine(a: Fact, b: Fact, phrases: Mapping[str, NDArray[np.float32]] | None) -> float:
    """Cosine of the two facts' attribute phrases (0 when either is empty or not embedded)."""
    return _cosine(phrase(a), phrase(b), phrases)


def context_cosine(a: Fact, b: Fact, contexts: Mapping[str, NDArray[np.float32]] | None) -> float:
    """Cosine of the words around the two values, by fact id (0 when not embedded)."""
    if not contexts:
        return 0.0
    va, vb = contexts.get(a.id), contexts.get(b.id)
    return 0.0 if va is None or vb is None else _unit(float(va @ vb))


def _first_stage(x: list[float]) -> float:
    """A plain similarity to rank candidates by (claims, contexts and attributes alike)."""
    at = FEATURES.index
    return x[at("claim_cosine")] + x[at("context_cosine")] + 0.5 * x[at("what_cosine")]


def _with_best(rows: list[list[float]], pairs: list[tuple[int, int]], members: Sequence[Fact]) -> list[list[float]]:
    """Fill in whether each fact is the other's closest candidate in the other's article (and mutually).

    A figure in one article has at most one counterpart in another; the closest
    candidate, the more so when the choice is mutual, is the likely one. Crowding
    is how many facts of the bucket each article has (log): where an article
    gives one tonnage, two tonnages of two articles are likely one fact.
    """
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for row, (i, j) in zip(rows, pairs, strict=True):
        score = _first_stage(row)
        for x, y in ((i, j), (j, i)):
            key = (x, members[y].article_id)
            if score > best.get(key, (-9.0, -1))[0]:
                best[key] = (score, y)
    per_article: dict[str, int] = {}
    for m in members:
        per_article[m.article_id] = per_article.get(m.article_id, 0) + 1
    at_mutual, at_one, at_crowd = (
        FEATURES.index("mutual_best"),
        FEATURES.index("one_way_best"),
        FEATURES.index("crowding"),
    )
    out = []
    for row, (i, j) in zip(rows, pairs, strict=True):
        bi = best[(i, members[j].article_id)][1] == j
        bj = best[(j, members[i].article_id)][1] == i
        row = list(row)
        row[at_mutual], row[at_one] = float(bi and bj), float(bi or bj)
        row[at_crowd] = math.log((per_article[members[i].article_id] + per_article[members[j].article_id]) / 2)
        out.append(row)
    return out


#: Pair "probability" of two facts that must never share a group (distance 2 in the linkage).
APART = -1.0
#: Facts that hold this many days apart are about different times (an earlier quake's toll, a past deal).
YEAR = 366


def _other_times(a: Fact, b: Fact) -> bool:
    """Facts about different years: each holds as of a date more than a year from the other's."""
    return a.as_of is not None and b.as_of is not None and abs((a.as_of - b.as_of).days) > YEAR


def _agglomerate(prob: NDArray[np.float64], threshold: float) -> list[int]:
    """Average-linkage groups on 1 - probability, cut where mean probability falls below ``threshold``."""
    n = len(prob)
    if n == 1:
        return [0]
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
    )
    return [int(x) for x in model.fit_predict(1.0 - prob)]


@dataclass(frozen=True)
class FactGroup:
    """Facts about one attribute of one thing, with how surely they belong together.

    ``cohesion`` is the mean pair probability between facts of different
    articles (of one article when the group has only one): the aligner's
    probability that they are one fact; ``links`` holds that probability for
    each pair of facts.
    """

    facts: tuple[Fact, ...]
    cohesion: float
    links: Mapping[frozenset[str], float] = field(default_factory=dict)

    def link(self, a: Fact, b: Fact) -> float:
        """The aligner's probability that two facts of the group are one fact."""
        return self.links.get(frozenset((a.id, b.id)), self.cohesion)

    @property
    def articles(self) -> list[str]:
        """The articles that state this fact, in first-mention order."""
        return list(dict.fromkeys(f.article_id for f in self.facts))


def align(
    facts: Sequence[Fact],
    claim_cosine: NDArray[np.float32],
    claim_index: dict[str, int],
    model: AlignModel,
    phrases: Mapping[str, NDArray[np.float32]] | None = None,
    contexts: Mapping[str, NDArray[np.float32]] | None = None,
) -> list[FactGroup]:
    """Groups of facts about the same thing, in a stable order (each group sorted by claim order).

    Args:
        facts: the facts of one story, all sources together.
        claim_cosine: the story's claim-by-claim embedding cosine (rows as ``claim_index``).
        claim_index: claim id -> row of ``claim_cosine``.
        model: the pair model and grouping threshold.
        phrases: embedding of each fact's :func:`phrase` (missing phrases count as unrelated).
        contexts: embedding of the words around each fact's value, by fact id.

    Two facts of one claim never share a group: a claim states each fact once.
    Groups of one article are kept (a source may contradict itself); groups of
    one fact are not.
    """
    buckets: dict[str, list[Fact]] = {}
    for fact in facts:
        key = bucket(fact)
        if key is not None:
            buckets.setdefault(key, []).append(fact)
    groups: list[FactGroup] = []
    for key in sorted(buckets):
        members = sorted(buckets[key], key=lambda f: (claim_index[f.claim_id], f.span.start, f.id))
        n = len(members)
        if n < 2:
            continue
        prob = np.eye(n)
        rows, pairs = [], []
        for i in range(n):
            for j in range(i + 1, n):
                if members[i].claim_id == members[j].claim_id or _other_times(members[i], members[j]):
                    prob[i, j] = prob[j, i] = APART  # one claim states each fact once; other years, other facts
                    continue
                cos = float(claim_cosine[claim_index[members[i].claim_id], claim_index[members[j].claim_id]])
                a, b = members[i], members[j]
                rows.append(pair_features(a, b, cos, what_cosine(a, b, phrases), context_cosine(a, b, contexts)))
                pairs.append((i, j))
        fam = model.of(key)
        rows = _with_best(rows, pairs, members)
        if rows:
            p = fam.probability(np.asarray(rows, dtype=np.float64))
            if key.startswith("title:"):
                p = np.maximum(p, 0.9)  # one person's title is one fact, however the claims differ
            if key == "body":  # one source naming two bodies as where the same actor goes: one fact, told twice
                same_actor = np.array([_same_actor_in_one_source(members[i], members[j]) for i, j in pairs], dtype=bool)
                p = np.where(same_actor, np.maximum(p, 0.75), p)
            for (i, j), pij in zip(pairs, p, strict=True):
                prob[i, j] = prob[j, i] = pij
        labels = _agglomerate(prob, fam.threshold)
        by_label: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            by_label.setdefault(label, []).append(i)
        for idx in by_label.values():
            if len(idx) < 2:
                continue
            cross = [prob[i, j] for i in idx for j in idx if i < j and members[i].article_id != members[j].article_id]
            inner = [prob[i, j] for i in idx for j in idx if i < j]
            cohesion = float(np.clip(np.mean(cross or inner), 0.0, 1.0))
            links = {
                frozenset((members[i].id, members[j].id)): round(float(max(prob[i, j], 0.0)), 4)
                for i in idx
                for j in idx
                if i < j
            }
            groups.append(FactGroup(tuple(members[i] for i in idx), round(cohesion, 4), links))
    groups.sort(key=lambda g: (claim_index[g.facts[0].claim_id], g.facts[0].span.start, g.facts[0].id))
    return groups
