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

The pair features are computed for a whole bucket at once (:mod:`.features`).
The model's weights are learned from the annotated real-news development set
(``bench/news_bench.py train``) and shipped as ``models/aligner.json``;
:data:`PRIOR` is the hand-set starting point used when no model file is given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from factcheck.errors import ModelError
from factcheck.facts.lexicon import LEVEL_VERBS, PART_RELATIONS, RUNNING_CONCEPTS
from factcheck.facts.model import ClockTime, DateSlot, Fact, People, Place, Quantity, Role, Status
from factcheck.judge.features import FEATURES, bucket_pairs
from factcheck.judge.values import _group_kind

#: Facts of these families are aligned by a model of their own: what makes two dates one fact
#: (the same event) is not what makes two figures one (the same measure of the same thing).
FAMILIES: tuple[str, ...] = ("quantity", "date", "time", "place", "other")
#: Hand-set weights (bias last), the starting point before a model is trained on annotated news.
PRIOR: dict[str, float] = {
    "core_match": 2.0,
    "concept_match": 2.0,
    "concept_clash": -1.0,
    "measure_clash": -2.5,
    "relation_match": 1.0,
    "relation_clash": -1.5,
    "relation_one_sided": -0.5,
    "lemma_jaccard": 1.0,
    "subject_match": 0.7,
    "subject_clash": -1.0,
    "noun_clash": -0.5,
    "event_clash": -1.0,
    "name_clash": -1.0,
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
        if fact.what.measure == "age" and fact.what.noun is None:
            return None  # "the 23-year-old took the first kick": an epithet for someone named elsewhere
        part = part_of(fact)
        if part == "added":
            return None  # "50 other people were injured", "dozens more trapped": added to a count the parse cannot see
        return f"q:{v.dimension}" + (f":{part}" if part else "")
    if isinstance(v, DateSlot):
        if v.reference == "narrative" or _reading_time(fact) or _speaking_time(fact):
            return None
        return "date"
    if isinstance(v, ClockTime):
        return None if _speaking_time(fact) else "time"
    if isinstance(v, Place):
        return "body" if v.body else "place"
    if isinstance(v, People):
        return "people:" + ",".join(sorted({_group_kind(m) for m in v.members}))
    if isinstance(v, Role):
        return "title:" + v.person.split()[-1].lower()
    if isinstance(v, Status):
        return "status"
    return None


#: Occasions of speaking: a source quoting "a Thursday briefing" and another "a Wednesday evening briefing"
#: name two briefings, not one told two ways (officials speak again and again).
SPEECH_NOUNS = frozenset(
    {"briefing", "conference", "interview", "statement", "remarks", "speech", "address", "tweet", "post", "bulletin"}
)


#: Verbs of speaking whose date is when someone spoke ("officials said on Thursday"), not when anything happened.
SPEECH_VERBS = frozenset({"say", "tell", "add", "note", "state", "explain", "speak", "write", "tweet"})


def _one_person_one_bucket(buckets: dict[str, list[Fact]]) -> dict[str, list[Fact]]:
    """Titles of one person under two spellings of the name ("Phil Spencer", "Phil Spenser") in one bucket.

    A title's bucket is its person's surname; a surname that looks like a misspelling of another of the
    story (:func:`~factcheck.judge.names.near_miss`) joins that one's bucket, the spelling more articles use.
    """
    from factcheck.judge.names import near_miss

    titles = {k: len({f.article_id for f in v}) for k, v in buckets.items() if k.startswith("title:")}
    out: dict[str, list[Fact]] = {k: v for k, v in buckets.items() if k not in titles}
    for key in sorted(titles, key=lambda k: (-titles[k], k)):
        known = [k.removeprefix("title:") for k in titles if k != key and titles[k] >= titles[key] and k in out]
        near = near_miss(key.removeprefix("title:"), known)
        target = f"title:{near}" if near is not None else key
        out.setdefault(target, []).extend(buckets[key])
    return out


def _speaking_time(fact: Fact) -> bool:
    """A date or time of an occasion of speaking ("said in a Thursday briefing", "told reporters on Monday"),
    not of the story's events: sources quote officials who speak again and again."""
    noun = fact.what.noun
    if noun is not None and noun.lower().split()[-1] in SPEECH_NOUNS:
        return True
    return fact.what.event in SPEECH_VERBS


def _reading_time(fact: Fact) -> bool:
    """A date that says when a running count was read ("the toll rose to 41 on Monday", "as of Sunday"): the
    count's own time (its figure holds as of it), not the date of an event to set against another's."""
    what = fact.what
    running = what.concept in RUNNING_CONCEPTS and what.event in LEVEL_VERBS
    return running or fact.text.lower().startswith("as of")


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
        if (fact.what.subject or "").lower().split()[-1:] in (["share"], ["shares"], ["stock"]):
            return None  # "shares of Activision were up to $65.39": the shares' price, not a deal's stock part
        lemmas = set(fact.what.lemmas) | set((fact.what.noun or "").split())
        for word, part in (("stock", "stock"), ("share", "stock"), ("cash", "cash")):
            if word in lemmas:
                return part  # "Harborline shares worth $900 million": the stock part
    return None


def _same_actor_in_one_source(a: Fact, b: Fact) -> bool:
    return a.article_id == b.article_id and a.what.subject is not None and a.what.subject == b.what.subject


#: Pair "probability" of two facts that must never share a group (distance 2 in the linkage).
APART = -1.0


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


def story_date(published: Sequence[date | None]) -> date | None:
    """The story's date: the median publication date of its claims' articles (None when none is dated)."""
    days = sorted(d for d in published if d is not None)
    return days[len(days) // 2] if days else None


def align(
    facts: Sequence[Fact],
    claim_cosine: NDArray[np.float32],
    claim_index: dict[str, int],
    model: AlignModel,
    phrases: Mapping[str, NDArray[np.float32]] | None = None,
    contexts: Mapping[str, NDArray[np.float32]] | None = None,
    undated: date | None = None,
) -> list[FactGroup]:
    """Groups of facts about the same thing, in a stable order (each group sorted by claim order).

    Args:
        facts: the facts of one story, all sources together.
        claim_cosine: the story's claim-by-claim embedding cosine (rows as ``claim_index``).
        claim_index: claim id -> row of ``claim_cosine``.
        model: the pair model and grouping threshold.
        phrases: embedding of each fact's :func:`phrase` (missing phrases count as unrelated).
        contexts: embedding of the words around each fact's value, by fact id.
        undated: the story's date, which a fact with no date of its own holds as of (two facts held
            more than a year apart are never one fact).

    Two facts of one claim never share a group: a claim states each fact once.
    Groups of one article are kept (a source may contradict itself); groups of
    one fact are not.
    """
    buckets: dict[str, list[Fact]] = {}
    for fact in facts:
        key = bucket(fact)
        if key is not None:
            buckets.setdefault(key, []).append(fact)
    buckets = _one_person_one_bucket(buckets)
    groups: list[FactGroup] = []
    for key in sorted(buckets):
        members = sorted(buckets[key], key=lambda f: (claim_index[f.claim_id], f.span.start, f.id))
        n = len(members)
        if n < 2:
            continue
        # two facts of one claim, or of years apart, are never one fact: they keep APART
        prob = np.full((n, n), APART)
        np.fill_diagonal(prob, 1.0)
        rows = [claim_index[m.claim_id] for m in members]
        i, j, x = bucket_pairs(members, claim_cosine, rows, phrases, contexts, undated=undated)
        fam = model.of(key)
        if len(i):
            p = fam.probability(x)
            if key.startswith("title:"):
                p = np.maximum(p, 0.9)  # one person's title is one fact, however the claims differ
            if key == "body":  # one source naming two bodies as where the same actor goes: one fact, told twice
                same = np.array([_same_actor_in_one_source(members[a], members[b]) for a, b in zip(i, j, strict=True)])
                p = np.where(same, np.maximum(p, 0.75), p)
            prob[i, j] = p
            prob[j, i] = p
        labels = _agglomerate(prob, fam.threshold)
        by_label: dict[int, list[int]] = {}
        for k, label in enumerate(labels):
            by_label.setdefault(label, []).append(k)
        for idx in by_label.values():
            if len(idx) < 2:
                continue
            cross = [prob[a, b] for a in idx for b in idx if a < b and members[a].article_id != members[b].article_id]
            inner = [prob[a, b] for a in idx for b in idx if a < b]
            cohesion = float(np.clip(np.mean(cross or inner), 0.0, 1.0))
            links = {
                frozenset((members[a].id, members[b].id)): round(float(max(prob[a, b], 0.0)), 4)
                for a in idx
                for b in idx
                if a < b
            }
            groups.append(FactGroup(tuple(members[k] for k in idx), round(cohesion, 4), links))
    groups.sort(key=lambda g: (claim_index[g.facts[0].claim_id], g.facts[0].span.start, g.facts[0].id))
    return groups
