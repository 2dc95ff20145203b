"""Articles -> stories, so claims of unrelated stories never meet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from factcheck.cluster.anchors import ClaimAnchors, _name_tokens, _stop_words, anchors_for
from factcheck.cluster.features import article_features
from factcheck.cluster.linkage import _agglomerate
from factcheck.cluster.model import ClusterModel, PairModel
from factcheck.schema import Article, Claim

if TYPE_CHECKING:
    from factcheck.embed import Vectors

FloatMatrix = NDArray[np.float64]

#: Weight of shared names and years in article similarity (the rest: words and meaning).
SPECIFIC_SHARE = 0.7


def _article_similarity(
    ids: Sequence[str],
    texts: Sequence[str],
    claims: Sequence[Claim],
    vectors: Vectors,
    anchors: Sequence[ClaimAnchors] | None = None,
) -> FloatMatrix:
    """How likely two articles report the same story, from names, years, words and meaning.

    Two stories of one kind (two celebrities in rehab, two earthquakes) share
    vocabulary and meaning but not their names and years, so the similarity is
    the mean of a TF-IDF cosine over the articles' anchor names and years and a
    general one (TF-IDF over the text averaged with the cosine of mean claim
    vectors). An article with no names (lowercase text) is judged on the
    general part alone rather than being split off for lack of names.

    Args:
        ids: Article ids, one per row.
        texts: Each article's text (the full text, or its claims joined).
        claims: Claims of those articles (others are ignored).
        vectors: Claim vectors, rows aligned with ``claims``.
        anchors: One per claim; None extracts them by regex.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(ids)
    index = {a: i for i, a in enumerate(ids)}

    def tfidf_cosine(docs: Sequence[object], **kwargs: object) -> FloatMatrix:
        try:
            matrix = TfidfVectorizer(sublinear_tf=True, **kwargs).fit_transform(docs)
        except ValueError:  # every document empty
            return np.zeros((n, n))
        return np.asarray((matrix @ matrix.T).todense(), dtype=np.float64)

    lexical = tfidf_cosine(list(texts), stop_words="english")
    dim = vectors.shape[1] if len(vectors) else 0
    means = np.zeros((n, max(dim, 1)))
    for claim, row in zip(claims, vectors, strict=True):
        if claim.article_id in index:
            means[index[claim.article_id], : len(row)] += row
    norms = np.linalg.norm(means, axis=1)
    has = norms > 0
    means[has] /= norms[has, None]
    general = np.where(np.outer(has, has), (lexical + means @ means.T) / 2.0, lexical)
    if anchors is None:
        anchors = anchors_for([c.text for c in claims])
    stop = _stop_words()
    names: list[list[str]] = [[] for _ in ids]
    for claim, anchor in zip(claims, anchors, strict=True):
        if claim.article_id in index:
            names[index[claim.article_id]] += sorted(_name_tokens((*anchor.who, *anchor.where), stop))
            names[index[claim.article_id]] += [w for w in anchor.when if w.startswith("y:")]
    specific = tfidf_cosine(names, analyzer=_identity)
    named = np.array([bool(x) for x in names])
    mixed = SPECIFIC_SHARE * specific + (1.0 - SPECIFIC_SHARE) * general
    return np.where(np.outer(named, named), mixed, general)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def group_stories(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: Vectors,
    threshold: float,
    anchors: Sequence[ClaimAnchors] | None = None,
    *,
    linkage: str = "average",
) -> dict[str, str]:
    """Group articles into stories, so claims of unrelated stories never meet.

    Articles are clustered (average linkage) on :func:`_article_similarity`
    (shared names and years, words, meaning); two groups join while their mean
    similarity is at least ``threshold``.

    Args:
        articles: The inputs, in input order.
        claims: All claims of those articles.
        vectors: L2-normalised claim vectors, rows aligned with ``claims``.
        threshold: Minimum article similarity to share a story (``Config.story_threshold``).
        anchors: One per claim, as given to :func:`cluster_claims`; None extracts them by regex.
        linkage: scikit-learn linkage.

    Returns:
        ``article_id -> story id``; ids are ``story-1``, ``story-2``... in the
        order of each story's first article.
    """
    if not articles:
        return {}
    sim = _article_similarity(
        [a.id for a in articles], [a.text or (a.title or "") for a in articles], claims, vectors, anchors
    )
    labels = _agglomerate(1.0 - sim, 1.0 - threshold, linkage)
    names: dict[int, str] = {}
    for label in labels:
        names.setdefault(label, f"story-{len(names) + 1}")
    return {a.id: names[label] for a, label in zip(articles, labels, strict=True)}


@dataclass(frozen=True)
class StoryGrouping:
    """Stories and families of the input's articles, with the article-pair story probability.

    ``probability`` rows and columns follow ``article_ids``; the claim model
    reads it as a feature ("are the two claims' articles one story?").
    """

    stories: dict[str, str]
    families: dict[str, str]
    article_ids: tuple[str, ...]
    probability: FloatMatrix

    def between(self, article_of: Sequence[str]) -> FloatMatrix:
        """Story probability of every pair of claims, from their articles."""
        index = {a: i for i, a in enumerate(self.article_ids)}
        rows = np.array([index[a] for a in article_of], dtype=np.intp)
        return self.probability[np.ix_(rows, rows)]


def story_probability(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: Vectors,
    anchors: Sequence[ClaimAnchors],
    model: PairModel,
) -> FloatMatrix:
    """Probability that two articles report the same story (the learned article-pair model)."""
    index = {a.id: i for i, a in enumerate(articles)}
    keep = [k for k, c in enumerate(claims) if c.article_id in index]
    feats = article_features(
        [a.text or (a.title or "") for a in articles],
        [index[claims[k].article_id] for k in keep],
        np.asarray(vectors, dtype=np.float64)[keep] if keep else np.zeros((0, 1)),
        [anchors[k] for k in keep],
    )
    p = model.probability(feats)
    np.fill_diagonal(p, 1.0)
    return p


def _named(ids: Sequence[str], labels: Sequence[int]) -> dict[str, str]:
    names: dict[int, str] = {}
    for label in labels:
        names.setdefault(label, f"story-{len(names) + 1}")
    return {a: names[label] for a, label in zip(ids, labels, strict=True)}


def learned_stories(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: Vectors,
    anchors: Sequence[ClaimAnchors],
    model: ClusterModel,
) -> StoryGrouping:
    """Stories (average linkage on ``1 - p`` at the model's story threshold) and families (a lower cut).

    Families are a coarser cut of the same dendrogram, so the partition is
    nested: claims of one family may meet, and the claim model weighs whether
    their articles are one story; claims of different families never meet.
    """
    ids = tuple(a.id for a in articles)
    if not articles:
        return StoryGrouping({}, {}, ids, np.zeros((0, 0)))
    p = story_probability(articles, claims, vectors, anchors, model.story)
    stories = _named(ids, _agglomerate(1.0 - p, 1.0 - model.story.threshold, "average"))
    families = _named(ids, _agglomerate(1.0 - p, 1.0 - min(model.family_threshold, model.story.threshold), "average"))
    return StoryGrouping(stories, families, ids, p)
