"""Anchor-adjusted cosine: embedding cosine plus weighted agreement of who, where, when and numbers.

The hand-set similarity of release 5, kept as the fallback when no learned
pair model is shipped and for the benchmark's comparison; the learned model
(:mod:`factcheck.cluster.model`) uses the same anchor features as inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from factcheck.cluster.anchors import ClaimAnchors, _name_tokens, _stop_words

if TYPE_CHECKING:
    from factcheck.embed import Vectors

FloatMatrix = NDArray[np.float64]

#: Whether name and event matches between claims are weighted by rarity across the input's articles.
RARITY = False

#: Feature names of :func:`anchor_features`, in column order.
FEATURES = (
    "who_match",
    "where_match",
    "when_match",
    "number_match",
    "who_clash",
    "where_clash",
    "when_clash_untied",
    "event_match",
)

#: Weights of the anchor features, in cosine units (added to the cosine).
#: Fitted by ``bench/cluster_bench.py fit --spacy`` (logistic regression of
#: "share a gold event" on cross-document sentence pairs of the ECB+ train
#: topics, spaCy anchors as the pipeline builds them, each coefficient divided
#: by the cosine's). ``when_clash_untied`` is a date clash between claims that
#: share no name or place; there is deliberately no number clash.
#: ``event_match`` (shared content-verb lemma) was chosen on a train-topic grid
#: through the pipeline's claims (0.10 / 0.15 / 0.20 / 0.25 / 0.30), not fitted.
ANCHOR_WEIGHTS: dict[str, float] = {
    "who_match": 0.10,
    "where_match": 0.10,
    "when_match": 0.37,
    "number_match": 0.16,
    "who_clash": -0.23,
    "where_clash": -0.13,
    "when_clash_untied": -0.13,
    "event_match": 0.2,
}


def _incidence(sets: Sequence[set[str]]) -> FloatMatrix:
    vocab: dict[str, int] = {}
    for items in sets:
        for item in items:
            vocab.setdefault(item, len(vocab))
    matrix = np.zeros((len(sets), max(len(vocab), 1)), dtype=np.float64)
    for row, items in enumerate(sets):
        for item in items:
            matrix[row, vocab[item]] = 1.0
    return matrix


def _match_clash(
    sets: Sequence[set[str]], weight: Mapping[str, float] | None = None
) -> tuple[FloatMatrix, FloatMatrix]:
    """Overlap coefficient of every pair of sets, and whether both are non-empty but disjoint.

    With ``weight`` an item counts by its weight (a name every article carries
    weighs nothing), so the overlap is a weighted share of the smaller set.
    """
    inc = _incidence(sets)
    if weight is not None:
        vocab: dict[str, int] = {}
        for items in sets:
            for item in items:
                vocab.setdefault(item, len(vocab))
        col = np.zeros(inc.shape[1])
        for item, j in vocab.items():
            col[j] = weight.get(item, 1.0)
        winc = inc * np.sqrt(col)
        inter = winc @ winc.T
        size = (inc * col).sum(axis=1)
    else:
        inter = inc @ inc.T
        size = inc.sum(axis=1)
    smaller = np.minimum.outer(size, size)
    match = np.divide(inter, smaller, out=np.zeros_like(inter), where=smaller > 0)
    clash = ((np.minimum.outer(inc.sum(axis=1), inc.sum(axis=1)) > 0) & (inc @ inc.T == 0)).astype(np.float64)
    return match, clash


def _rarity(sets: Sequence[set[str]], article_ids: Sequence[str]) -> dict[str, float]:
    """Weight of each item by how few of the input's articles carry it (IDF scaled to 0..1).

    A name every article carries says nothing about which event a claim
    reports; one that only two articles carry says much.
    """
    carriers: dict[str, set[str]] = {}
    for items, art in zip(sets, article_ids, strict=True):
        for item in items:
            carriers.setdefault(item, set()).add(art)
    n = len(set(article_ids))
    if n < 3:
        return {}
    top = np.log(n)
    return {item: float(np.log(n / len(arts)) / top) for item, arts in carriers.items()}


def anchor_features(
    anchors: Sequence[ClaimAnchors], article_ids: Sequence[str] | None = None
) -> dict[str, FloatMatrix]:
    """Pairwise anchor agreement, one ``n x n`` matrix per name in :data:`FEATURES`.

    Matches are overlap coefficients (share of the smaller set found in the
    other); clashes are 1 where both claims fill a slot and share nothing. A
    date clash is typed: years against years, months against months. With
    ``article_ids`` (one per anchor) name and event matches are weighted by
    rarity across the articles (:func:`_rarity`).
    """
    stop = _stop_words()
    who_sets = [_name_tokens(a.who, stop) for a in anchors]
    where_sets = [_name_tokens(a.where, stop) for a in anchors]
    every_sets = [_name_tokens((*a.who, *a.where), stop) for a in anchors]
    event_sets = [set(a.events) for a in anchors]
    rare = _rarity(every_sets, article_ids) if article_ids is not None and RARITY else None
    rare_ev = _rarity(event_sets, article_ids) if article_ids is not None and RARITY else None
    who_m, who_c = _match_clash(who_sets, rare)
    where_m, where_c = _match_clash(where_sets, rare)
    # A place named as "who" by regex (no "in" before it) still ties two claims by place.
    every_m, _ = _match_clash(every_sets)
    when_m, _ = _match_clash([set(a.when) for a in anchors])
    clash = np.zeros_like(when_m)
    for kind in ("y:", "m:", "w:", "d:"):
        _, kind_clash = _match_clash([{w for w in a.when if w.startswith(kind)} for a in anchors])
        clash = np.maximum(clash, kind_clash)
    num_m, _ = _match_clash([set(a.numbers) for a in anchors])
    event_m, _ = _match_clash(event_sets, rare_ev)
    tied = every_m > 0
    return {
        "who_match": who_m,
        "where_match": where_m,
        "when_match": when_m,
        "number_match": num_m,
        "who_clash": who_c * (every_m == 0),
        "where_clash": where_c * (every_m == 0),
        "when_clash_untied": clash * ~tied,
        "event_match": event_m,
    }


def claim_similarity(
    vectors: Vectors,
    anchors: Sequence[ClaimAnchors] | None,
    weights: Mapping[str, float] | None = None,
    article_ids: Sequence[str] | None = None,
) -> FloatMatrix:
    """Embedding cosine plus weighted anchor agreement, in cosine units.

    Args:
        vectors: L2-normalised rows.
        anchors: One per row, or None for plain cosine.
        weights: Feature weights; default :data:`ANCHOR_WEIGHTS`.
        article_ids: Each row's article, to weight matches by rarity; None for plain overlap.

    Returns:
        A symmetric ``n x n`` matrix.
    """
    sim = np.asarray(vectors, dtype=np.float64) @ np.asarray(vectors, dtype=np.float64).T
    if anchors is None:
        return sim
    feats = anchor_features(anchors, article_ids)
    for name, weight in (ANCHOR_WEIGHTS if weights is None else weights).items():
        sim = sim + weight * feats[name]
    return sim
