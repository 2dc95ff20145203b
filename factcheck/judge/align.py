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
(``bench/news_bench.py train-aligner``) and shipped as ``models/aligner.json``;
:data:`PRIOR` is the hand-set starting point used when no model file is given.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from factcheck.errors import ModelError
from factcheck.facts.model import ClockTime, DateSlot, Fact, People, Place, Quantity, Role, Status
from factcheck.judge.values import _group_kind

FEATURES: tuple[str, ...] = (
    "concept_match",
    "concept_clash",
    "noun_match",
    "event_match",
    "measure_match",
    "measure_clash",
    "relation_match",
    "relation_clash",
    "lemma_jaccard",
    "subject_match",
    "unit_match",
    "claim_cosine",
    "value_distance",
    "empty_attribute",
    "same_article",
)
#: Hand-set weights (bias last), the starting point before a model is trained on annotated news.
PRIOR: dict[str, float] = {
    "concept_match": 2.5,
    "concept_clash": -3.0,
    "noun_match": 2.0,
    "event_match": 1.2,
    "measure_match": 1.0,
    "measure_clash": -2.5,
    "relation_match": 1.0,
    "relation_clash": -1.5,
    "lemma_jaccard": 1.5,
    "subject_match": 0.7,
    "unit_match": 1.0,
    "claim_cosine": 3.0,
    "value_distance": -0.6,
    "empty_attribute": -1.0,
    "same_article": 0.0,
    "bias": -3.6,
}
#: Facts join a group when their mean pair probability is at least this.
GROUP_THRESHOLD = 0.5


@dataclass(frozen=True)
class AlignModel:
    """Logistic weights over :data:`FEATURES` plus a bias, and the grouping threshold."""

    weights: dict[str, float]
    threshold: float = GROUP_THRESHOLD

    @classmethod
    def load(cls, path: Path | None) -> AlignModel:
        """The model in ``path`` (JSON written by ``train-aligner``), or the prior when None."""
        if path is None:
            return cls(dict(PRIOR))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights = {k: float(v) for k, v in data["weights"].items()}
            threshold = float(data.get("threshold", GROUP_THRESHOLD))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot read the aligner model {path}: {exc}") from None
        missing = [f for f in (*FEATURES, "bias") if f not in weights]
        if missing:
            raise ModelError(f"aligner model {path} lacks weights for {', '.join(missing)}")
        return cls(weights, threshold)

    def probability(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """P(same fact) for rows of features in :data:`FEATURES` order."""
        w = np.array([self.weights[f] for f in FEATURES])
        z = x @ w + self.weights["bias"]
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def bucket(fact: Fact) -> str | None:
    """Facts are only compared within a bucket: one type, one dimension, one person, one kind of group."""
    v = fact.value
    if isinstance(v, Quantity):
        return None if v.dimension == "ordinal" else f"q:{v.dimension}"
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


def _head(noun: str | None) -> str | None:
    return noun.split()[-1] if noun else None


def _match(a: str | None, b: str | None) -> tuple[float, float]:
    if a is None or b is None:
        return 0.0, 0.0
    return (1.0, 0.0) if a == b else (0.0, 1.0)


def _value_distance(a: Fact, b: Fact) -> float:
    va, vb = a.value, b.value
    if isinstance(va, Quantity) and isinstance(vb, Quantity):
        x, y = abs(va.value), abs(vb.value)
        if not (math.isfinite(x) and math.isfinite(y)) or x == 0 or y == 0:
            return 0.0
        return min(abs(math.log10(x / y)), 3.0)
    if isinstance(va, DateSlot) and isinstance(vb, DateSlot) and va.start and vb.start:
        return min(abs((va.start - vb.start).days) / 365.0, 3.0)
    return 0.0


def pair_features(a: Fact, b: Fact, cosine: float) -> list[float]:
    """The features of one pair of facts of one bucket, in :data:`FEATURES` order."""
    wa, wb = a.what, b.what
    concept = _match(wa.concept, wb.concept)
    measure = _match(wa.measure, wb.measure)
    relation = _match(wa.relation, wb.relation)
    la, lb = set(wa.lemmas), set(wb.lemmas)
    jaccard = len(la & lb) / len(la | lb) if la | lb else 0.0
    ua = a.value.unit if isinstance(a.value, Quantity) and a.value.dimension == "count" else None
    ub = b.value.unit if isinstance(b.value, Quantity) and b.value.dimension == "count" else None
    return [
        concept[0],
        concept[1],
        float(_head(wa.noun) is not None and _head(wa.noun) == _head(wb.noun)),
        float(wa.event is not None and wa.event == wb.event),
        measure[0],
        measure[1],
        relation[0],
        relation[1],
        jaccard,
        float(wa.subject is not None and wa.subject == wb.subject),
        float(ua is not None and ua == ub),
        cosine,
        _value_distance(a, b),
        float(not la or not lb),
        float(a.article_id == b.article_id),
    ]


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
    articles (of one article when the group has only one).
    """

    facts: tuple[Fact, ...]
    cohesion: float

    @property
    def articles(self) -> list[str]:
        """The articles that state this fact, in first-mention order."""
        return list(dict.fromkeys(f.article_id for f in self.facts))


def align(
    facts: Sequence[Fact],
    claim_cosine: NDArray[np.float32],
    claim_index: dict[str, int],
    model: AlignModel,
) -> list[FactGroup]:
    """Groups of facts about the same thing, in a stable order (each group sorted by claim order).

    Args:
        facts: the facts of one story, all sources together.
        claim_cosine: the story's claim-by-claim embedding cosine (rows as ``claim_index``).
        claim_index: claim id -> row of ``claim_cosine``.
        model: the pair model and grouping threshold.

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
                if members[i].claim_id == members[j].claim_id:
                    continue
                cos = float(claim_cosine[claim_index[members[i].claim_id], claim_index[members[j].claim_id]])
                rows.append(pair_features(members[i], members[j], cos))
                pairs.append((i, j))
        if rows:
            p = model.probability(np.asarray(rows, dtype=np.float64))
            if key.startswith("title:"):
                p = np.maximum(p, 0.9)  # one person's title is one fact, however the claims differ
            if key == "body":  # a body named as where the same actor goes: never interchangeable
                same_actor = np.array([members[i].what.subject is not None and members[i].what.subject == members[j].what.subject for i, j in pairs])
                p = np.where(same_actor, np.maximum(p, 0.75), p)
            for (i, j), pij in zip(pairs, p, strict=True):
                prob[i, j] = prob[j, i] = pij
        labels = _agglomerate(prob, model.threshold)
        by_label: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            by_label.setdefault(label, []).append(i)
        for idx in by_label.values():
            if len(idx) < 2:
                continue
            cross = [prob[i, j] for i in idx for j in idx if i < j and members[i].article_id != members[j].article_id]
            inner = [prob[i, j] for i in idx for j in idx if i < j]
            cohesion = float(np.mean(cross or inner))
            groups.append(FactGroup(tuple(members[i] for i in idx), round(cohesion, 4)))
    groups.sort(key=lambda g: (claim_index[g.facts[0].claim_id], g.facts[0].span.start, g.facts[0].id))
    return groups
