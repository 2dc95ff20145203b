"""Pair features for the learned "same event" models: claim pairs and article pairs.

Every feature is a symmetric ``m x m`` matrix over one group of items (one
family of related stories for claims, one input for articles), so the cost is
bounded by the largest group, never by the whole corpus. The features are
deliberately plain (cosines, overlap coefficients, a date gap) so that a
linear model over them reads as "what ties two reports to one event", and so
that what was learned on ECB+ news carries to other news. There is no
"same article" feature: the models learn from pairs of different articles (the
only pairs the comparator judges); a pair within one article is scored as two
reports of one story (``story`` = 1), so one article's background sentences do
not glue together before the linkage sees other sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from factcheck.cluster.anchors import ClaimAnchors, _name_tokens, _stop_words
from factcheck.cluster.similarity import FEATURES as ANCHOR_FEATURES
from factcheck.cluster.similarity import _match_clash, anchor_features

if TYPE_CHECKING:
    from factcheck.facts import Fact

FloatMatrix = NDArray[np.float64]

#: Claim-pair features, in model column order.
CLAIM_FEATURES = ("cosine", "tfidf", *ANCHOR_FEATURES, "fact_event", "fact_attribute", "story")

#: Article-pair features, in model column order.
ARTICLE_FEATURES = (
    "text_tfidf",
    "meaning",
    "names_tfidf",
    "both_named",
    "who_match",
    "where_match",
    "year_match",
    "year_clash",
    "event_tfidf",
)


def tfidf_cosine(docs: Sequence[str] | Sequence[list[str]], *, tokens: bool = False) -> FloatMatrix:
    """Cosine of sublinear TF-IDF vectors fitted on ``docs`` themselves (English stop words dropped)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(docs)
    if tokens:
        vectorizer = TfidfVectorizer(sublinear_tf=True, analyzer=_identity)
    else:
        vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # every document empty
        return np.zeros((n, n))
    return np.asarray((matrix @ matrix.T).todense(), dtype=np.float64)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _fact_sets(facts: Sequence[Sequence[Fact]]) -> tuple[list[set[str]], list[set[str]]]:
    """Per claim: the events its facts hang on, and (type, event, what) attributes of those facts."""
    events: list[set[str]] = []
    attributes: list[set[str]] = []
    for group in facts:
        ev: set[str] = set()
        at: set[str] = set()
        for f in group:
            if f.what.event:
                ev.add(f.what.event)
            thing = f.what.concept or f.what.noun
            if f.what.event or thing:
                at.add(f"{f.type}|{f.what.event or ''}|{thing or ''}")
        events.append(ev)
        attributes.append(at)
    return events, attributes


def claim_features(
    vectors: NDArray[np.floating],
    texts: Sequence[str],
    anchors: Sequence[ClaimAnchors],
    facts: Sequence[Sequence[Fact]] | None,
    story: FloatMatrix,
) -> FloatMatrix:
    """All :data:`CLAIM_FEATURES` for one group of claims, shape ``(len(CLAIM_FEATURES), m, m)``.

    Args:
        vectors: L2-normalised claim vectors of the group.
        texts: The claims' texts (TF-IDF is fitted on the group, so a word all its claims use weighs little).
        anchors: One per claim (:func:`factcheck.cluster.anchors_for`).
        facts: Each claim's facts (from :mod:`factcheck.facts`); None when facts were not extracted.
        story: ``m x m`` probability that the two claims' articles report the same story.
    """
    m = len(texts)
    vecs = np.asarray(vectors, dtype=np.float64)
    anchor = anchor_features(anchors)
    if facts is None:
        fact_event = fact_attribute = np.zeros((m, m))
    else:
        events, attributes = _fact_sets(facts)
        fact_event, _ = _match_clash(events)
        fact_attribute, _ = _match_clash(attributes)
    columns = {
        "cosine": vecs @ vecs.T,
        "tfidf": tfidf_cosine(texts),
        **anchor,
        "fact_event": fact_event,
        "fact_attribute": fact_attribute,
        "story": story,
    }
    return np.stack([columns[name] for name in CLAIM_FEATURES])


def article_features(
    texts: Sequence[str],
    claim_article: Sequence[int],
    vectors: NDArray[np.floating],
    anchors: Sequence[ClaimAnchors],
) -> FloatMatrix:
    """All :data:`ARTICLE_FEATURES` for the input's articles, shape ``(len(ARTICLE_FEATURES), n, n)``.

    Two events of one kind share vocabulary and meaning; what tells them apart
    is who, where and when: names (TF-IDF over name tokens, so a name every
    article carries weighs little), people and places separately, and years
    named in the text. Publication dates are not a feature: in ECB+ only one
    sub-topic of each topic carries them, so a date feature learns which half a
    document came from, not whether two events differ (``models/cluster.md``).

    Args:
        texts: Each article's text.
        claim_article: For each claim, the row of its article.
        vectors: Claim vectors, rows aligned with ``claim_article``.
        anchors: One per claim.
    """
    n = len(texts)
    stop = _stop_words()
    dim = vectors.shape[1] if len(vectors) else 1
    means = np.zeros((n, dim))
    names: list[list[str]] = [[] for _ in range(n)]
    who: list[set[str]] = [set() for _ in range(n)]
    where: list[set[str]] = [set() for _ in range(n)]
    years: list[set[str]] = [set() for _ in range(n)]
    events: list[list[str]] = [[] for _ in range(n)]
    for row, vec, anchor in zip(claim_article, vectors, anchors, strict=True):
        means[row] += vec
        people = _name_tokens(anchor.who, stop)
        places = _name_tokens(anchor.where, stop)
        who[row] |= people
        where[row] |= places
        names[row] += sorted(people | places)
        years[row] |= {w for w in anchor.when if w.startswith("y:")}
        events[row] += list(anchor.events)
    norms = np.linalg.norm(means, axis=1)
    has = norms > 0
    means[has] /= norms[has, None]
    named = np.array([bool(x) for x in names])
    year_m, year_c = _match_clash(years)
    who_m, _ = _match_clash(who)
    where_m, _ = _match_clash(where)
    columns = {
        "text_tfidf": tfidf_cosine(list(texts)),
        "meaning": means @ means.T,
        "names_tfidf": tfidf_cosine(names, tokens=True),
        "both_named": np.outer(named, named).astype(np.float64),
        "who_match": who_m,
        "where_match": where_m,
        "year_match": year_m,
        "year_clash": year_c,
        "event_tfidf": tfidf_cosine(events, tokens=True),
    }
    return np.stack([columns[name] for name in ARTICLE_FEATURES])
