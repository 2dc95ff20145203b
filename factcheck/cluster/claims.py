"""Claims -> clusters across sources, within each story (or family of related stories)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from factcheck.cluster.anchors import ClaimAnchors, anchors_for
from factcheck.cluster.features import claim_features
from factcheck.cluster.linkage import _agglomerate, _agglomerate_guarded
from factcheck.cluster.model import PairModel
from factcheck.cluster.similarity import claim_similarity
from factcheck.cluster.stories import StoryGrouping
from factcheck.schema import Claim, ClaimCluster, Member

if TYPE_CHECKING:
    from factcheck.embed import Vectors
    from factcheck.facts import Fact

FloatMatrix = NDArray[np.float64]

#: Distance given to pairs that must never merge (other story, same article).
_FAR = 4.0
#: Cosine at which two claims say the same thing (chosen on MRPC train by accuracy,
#: see ``bench/RESULTS_cluster.md``): a claim left alone by the linkage joins the
#: cluster of its closest claim of another article when they are this close.
SAME_CLAIM = 0.68
#: Most share of all the input's claims one cluster may hold (never below
#: :data:`MIN_CLUSTER_CAP` claims). A product decision, not a fit: a cluster the
#: size of a story sets every background sentence beside the main event, and
#: the comparator then judges unrelated pairs. With this guard the linkage may
#: run to a low threshold (restatements worded apart still meet) and stops
#: growing a cluster at the cap instead (see ``bench/RESULTS_cluster.md``).
MAX_CLUSTER_SHARE = 0.2
#: Floor of the cluster-size guard, so a small input (two or three short articles)
#: still gets whole clusters: a few claims per source about its main event.
MIN_CLUSTER_CAP = 6
#: Weight of shared names and years in article similarity (the rest: words and meaning).


def _limit(count_other: int, cap: int | None, share: float | None) -> int:
    """Most claims one article may hold in a cluster whose other articles hold ``count_other``.

    The share is taken against the whole cluster: ``k <= share * (k + other)``,
    so ``k <= share * other / (1 - share)``; never below one claim.
    """
    most = count_other * 10**6 + 1 if cap is None else cap
    if share is not None and share < 1.0:
        most = min(most, max(1, int(share * count_other / (1.0 - share) + 1e-9)))
    return most


def _enforce_article_cap(
    labels: list[int],
    members: list[int],
    articles: list[str],
    sim: FloatMatrix,
    threshold: float,
    cap: int | None,
    share: float | None = None,
    *,
    most: int | None = None,
) -> list[int]:
    """Keep one article from piling into a cluster; move or split off the excess.

    An article may hold at most ``cap`` claims of a cluster and, when the
    cluster has other articles, at most ``share`` of its claims (at least
    one); a cluster of a single article's claims is split up, since it has
    nothing to compare. Within a cluster, an article's claims are ranked by
    their best similarity to a claim of *another* article (a claim is worth
    its place when some other source says something close to it); the best
    stay. Each one removed
    joins the cluster where it fits the limits and its mean similarity is
    highest, if that reaches ``threshold``; otherwise it stands alone.

    ``labels`` and ``articles`` are per local position (one story); ``members``
    maps a local position to its row of ``sim``.
    """
    labels = list(labels)
    next_label = max(labels, default=-1) + 1

    def groups() -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for pos, label in enumerate(labels):
            out.setdefault(label, []).append(pos)
        return out

    evicted: list[int] = []
    for _label, positions in sorted(groups().items()):
        by_article: dict[str, list[int]] = {}
        for pos in positions:
            by_article.setdefault(articles[pos], []).append(pos)
        for art, own in by_article.items():
            others = [p for p in positions if articles[p] != art]
            keep = 1 if not others else _limit(len(others), cap, share)
            if len(own) <= keep:
                continue
            support = [
                (float(np.max(sim[members[p], [members[o] for o in others]])) if others else 0.0, -p, p) for p in own
            ]
            for _s, _neg, pos in sorted(support, reverse=True)[keep:]:
                evicted.append(pos)
                labels[pos] = -1
    for pos in sorted(evicted):
        best: tuple[float, int] | None = None
        for label, positions in sorted(groups().items()):
            if label < 0:
                continue
            held = sum(1 for p in positions if articles[p] == articles[pos])
            other = len(positions) - held
            if other == 0 or held + 1 > _limit(other, cap, share):
                continue
            if most is not None and len(positions) >= most:
                continue
            score = float(np.mean(sim[members[pos], [members[p] for p in positions]]))
            if score >= threshold and (best is None or score > best[0]):
                best = (score, label)
        if best is None:
            labels[pos] = next_label
            next_label += 1
        else:
            labels[pos] = best[1]
    return labels


def _attach_restatements(
    labels: list[int],
    members: list[int],
    articles: list[str],
    vectors: Vectors,
    same_claim: float,
    cap: int | None,
    share: float | None,
    *,
    most: int | None = None,
) -> list[int]:
    """A claim left alone joins its closest claim of another article when they say the same thing.

    Average linkage keeps a claim out of a broad cluster when it is close to
    only one member of it ("a crew of European and American astronauts
    arrived" against a cluster about the station in general); a restatement
    of one of its claims still belongs with it. Where the article is at its
    limit in that cluster, the restatement replaces the article's claim with
    the weakest tie to another source (which then stands alone), so the
    limit keeps the best-supported claims rather than the first ones.
    """
    labels = list(labels)
    next_label = max(labels, default=-1) + 1
    vecs = np.asarray(vectors, dtype=np.float64)[members]
    cos = vecs @ vecs.T
    size: dict[int, int] = {}
    for label in labels:
        size[label] = size.get(label, 0) + 1
    for pos in range(len(labels)):
        if size[labels[pos]] != 1:
            continue
        partners = [j for j in range(len(labels)) if articles[members[j]] != articles[members[pos]]]
        if not partners:
            continue
        best = max(partners, key=lambda j: (cos[pos, j], -j))
        if cos[pos, best] < same_claim:
            continue
        target = [k for k, label in enumerate(labels) if label == labels[best]]
        own = sum(1 for k in target if articles[members[k]] == articles[members[pos]])
        full = most is not None and len(target) >= most
        if full and own == 0:
            continue  # the cluster is at its size limit and there is no claim of this article to replace
        if own + 1 > _limit(len(target) - own, cap, share) or full:
            # The article is at its limit there: the newcomer takes the place of
            # its claim with the weakest tie to another source, if it is closer.
            mine = [k for k in target if articles[members[k]] == articles[members[pos]]]
            rest = [k for k in target if articles[members[k]] != articles[members[pos]]]
            weakest = min(mine, key=lambda k: (float(np.max(cos[k, rest])), -k))
            if float(np.max(cos[weakest, rest])) >= cos[pos, best]:
                continue
            labels[weakest] = next_label
            size[next_label] = 1
            next_label += 1
            size[labels[best]] -= 1
        size[labels[pos]] -= 1
        labels[pos] = labels[best]
        size[labels[pos]] += 1
    return labels


def _main_story(stories: Sequence[str | None]) -> str | None:
    """The story most members belong to (the first such), for a cluster that may span a family."""
    counts: dict[str | None, int] = {}
    for story in stories:
        counts[story] = counts.get(story, 0) + 1
    return max(counts, key=lambda story: counts[story])


def cluster_claims(
    claims: Sequence[Claim],
    vectors: Vectors,
    stories: Mapping[str, str],
    threshold: float,
    anchors: Sequence[ClaimAnchors] | None = None,
    *,
    linkage: str = "average",
    max_per_article: int | None = None,
    weights: Mapping[str, float] | None = None,
    max_article_share: float | None = 0.5,
    same_claim: float | None = SAME_CLAIM,
    max_cluster_share: float | None = MAX_CLUSTER_SHARE,
    families: Mapping[str, str] | None = None,
    story_penalty: float | None = None,
) -> list[ClaimCluster]:
    """Cluster claims across sources, within each story.

    The similarity is :func:`claim_similarity` (cosine adjusted by anchors);
    groups join (average linkage) while their mean similarity is at least
    ``threshold`` and the result stays within the size limit. Afterwards no
    article keeps more than ``max_article_share`` of a cluster (or
    ``max_per_article`` claims; with a cap of 1, claims of one article are kept
    apart during linkage too), one-article groups are split, and a claim left
    alone joins its restatement in another article.

    Args:
        claims: Claims in input order.
        vectors: L2-normalised rows aligned with ``claims`` (from embed.py).
        stories: ``article_id -> story id`` from :func:`group_stories`; an
            article missing from it forms a story of its own.
        threshold: Minimum adjusted similarity to share a cluster (``Config.cluster_threshold``).
        anchors: One per claim; None extracts them from the claim texts by regex.
        linkage: scikit-learn linkage over the precomputed distance.
        max_per_article: Most claims of one article in one cluster; None for no limit.
        max_article_share: Most share of a multi-source cluster one article may hold
            (``Config.max_article_share``); None for no limit.
        same_claim: Cosine at which a lone claim joins its closest claim of another
            article; None to skip.
        max_cluster_share: Most share of all ``claims`` one cluster may hold (at least
            :data:`MIN_CLUSTER_CAP`), kept during linkage and by the moves after it;
            None for no limit (plain scikit-learn linkage).
        weights: Anchor feature weights; default :data:`ANCHOR_WEIGHTS`, ``{}`` for plain cosine.
        families: ``article_id -> family id``: related stories (:func:`group_stories`
            at ``Config.related_threshold``, a coarser cut of the same dendrogram).
            Claims are clustered within a family; None makes each story its own family.
        story_penalty: Subtracted from the similarity of two claims of one family but
            different stories (``Config.story_penalty``); None keeps stories apart.

    Returns:
        Every claim in exactly one cluster, clusters ordered by their first
        claim's input position, ids ``cluster-001``...; each member's strength
        is its cosine to the cluster's mean vector.
    """
    if not claims:
        return []
    if len(vectors) != len(claims):
        raise ValueError(f"{len(claims)} claims but {len(vectors)} vectors")
    if anchors is None:
        anchors = anchors_for([c.text for c in claims])
    if len(anchors) != len(claims):
        raise ValueError(f"{len(claims)} claims but {len(anchors)} anchors")
    if max_per_article is not None and max_per_article < 1:
        raise ValueError(f"max_per_article must be at least 1 (None for no limit), not {max_per_article}")
    article_of = [c.article_id for c in claims]
    story_of = [stories.get(a, f"\0{a}") for a in article_of]
    penalised = families is not None and story_penalty is not None
    group_of = [families.get(a, f"\0{a}") for a in article_of] if penalised and families else story_of
    stories_arr = np.array(story_of, dtype=object)

    def similarity(members: list[int]) -> FloatMatrix:
        sub = claim_similarity(
            np.asarray(vectors)[members], [anchors[i] for i in members], weights, [article_of[i] for i in members]
        )
        if penalised and story_penalty is not None:
            local = stories_arr[members]
            sub = sub - story_penalty * ~np.equal.outer(local, local)
        return sub

    return _cluster_groups(
        claims,
        vectors,
        group_of,
        similarity,
        threshold,
        stories,
        linkage=linkage,
        max_per_article=max_per_article,
        max_article_share=max_article_share,
        same_claim=same_claim,
        max_cluster_share=max_cluster_share,
    )


def _cluster_groups(
    claims: Sequence[Claim],
    vectors: Vectors,
    group_of: Sequence[str],
    similarity: Callable[[list[int]], FloatMatrix],
    threshold: float,
    stories: Mapping[str, str],
    *,
    linkage: str = "average",
    max_per_article: int | None = None,
    max_article_share: float | None = 0.5,
    same_claim: float | None = SAME_CLAIM,
    max_cluster_share: float | None = MAX_CLUSTER_SHARE,
    confident: float | None = None,
    sources_cap: float | None = None,
    partition: Callable[[FloatMatrix, float], list[int]] | None = None,
) -> list[ClaimCluster]:
    """Linkage within each group (family) on ``similarity(members)``, then the article and size limits.

    The similarity is asked for one group at a time, so no matrix is larger
    than the largest group. ``confident``: similarity at or above which a merge
    may pass the size limit (None: no merge may). ``sources_cap``: the size
    limit as a multiple of the input's articles instead of a share of its
    claims. ``partition`` (benchmarks): another clustering of ``(distance,
    threshold)`` in place of the linkage.
    """
    article_of = [c.article_id for c in claims]
    most = None if max_cluster_share is None else max(MIN_CLUSTER_CAP, int(max_cluster_share * len(claims)))
    if sources_cap is not None:
        most = max(MIN_CLUSTER_CAP, int(sources_cap * len(set(article_of))))
    labels = [0] * len(claims)
    next_label = 0
    for group_key in dict.fromkeys(group_of):
        members = [i for i, g in enumerate(group_of) if g == group_key]
        sub = similarity(members)
        distance = 1.0 - sub
        arts = [article_of[i] for i in members]
        same = np.equal.outer(np.array(arts, dtype=object), np.array(arts, dtype=object))
        np.fill_diagonal(same, False)
        if max_per_article == 1:
            distance[same] = _FAR
        if partition is not None:
            local = partition(distance, 1.0 - threshold) if len(members) > 1 else [0] * len(members)
        elif most is None or linkage != "average":
            local = _agglomerate(distance, 1.0 - threshold, linkage)
        else:
            local = _agglomerate_guarded(
                distance, 1.0 - threshold, most, None if confident is None else 1.0 - confident + 1e-12
            )
        local = _enforce_article_cap(
            local, list(range(len(members))), arts, sub, threshold, max_per_article, max_article_share, most=most
        )
        if same_claim is not None:
            local = _attach_restatements(
                local, members, article_of, vectors, same_claim, max_per_article, max_article_share, most=most
            )
        remap: dict[int, int] = {}
        for i, label in zip(members, local, strict=True):
            if label not in remap:
                remap[label] = next_label
                next_label += 1
            labels[i] = remap[label]

    by_label: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    ordered = sorted(by_label.values(), key=lambda positions: positions[0])
    vecs = np.asarray(vectors, dtype=np.float64)
    clusters = []
    for number, positions in enumerate(ordered, start=1):
        centroid = vecs[positions].mean(axis=0)
        norm = float(np.linalg.norm(centroid))
        members_out = []
        for pos in positions:
            strength = 1.0 if len(positions) == 1 or norm == 0 else float(vecs[pos] @ centroid / norm)
            members_out.append(
                Member(
                    claim_id=claims[pos].id,
                    article_id=claims[pos].article_id,
                    strength=round(min(1.0, max(-1.0, strength)), 4),
                )
            )
        clusters.append(
            ClaimCluster(
                id=f"cluster-{number:03d}",
                claim_ids=tuple(claims[p].id for p in positions),
                members=tuple(members_out),
                story=_main_story([stories.get(claims[p].article_id) for p in positions]),
            )
        )
    return clusters


def cluster_claims_learned(
    claims: Sequence[Claim],
    vectors: Vectors,
    anchors: Sequence[ClaimAnchors],
    facts: Sequence[Sequence[Fact]] | None,
    grouping: StoryGrouping,
    model: PairModel,
    *,
    max_article_share: float | None = 0.5,
    same_claim: float | None = SAME_CLAIM,
    max_cluster_share: float | None = MAX_CLUSTER_SHARE,
) -> list[ClaimCluster]:
    """Cluster claims on the learned "same event" probability, within each family of related stories.

    Groups join (average linkage on ``1 - p``) while their mean probability is
    at least ``model.threshold``; the size guard, the article share limit and
    restatements work as in :func:`cluster_claims`, with the probability as
    the similarity.

    Args:
        claims: Claims in input order.
        vectors: L2-normalised rows aligned with ``claims``.
        anchors: One per claim (:func:`anchors_for`, with spaCy as the pipeline runs it).
        facts: Each claim's facts, or None.
        grouping: Stories, families and story probabilities (:func:`learned_stories`).
        model: The claim-pair model (``ClusterModel.claim``).
        max_article_share: As in :func:`cluster_claims`.
        same_claim: As in :func:`cluster_claims`.
        max_cluster_share: As in :func:`cluster_claims`.
    """
    if not claims:
        return []
    if not len(vectors) == len(anchors) == len(claims) or (facts is not None and len(facts) != len(claims)):
        raise ValueError("claims, vectors, anchors and facts must align")
    article_of = [c.article_id for c in claims]
    group_of = [grouping.families.get(a, f"\0{a}") for a in article_of]
    vecs = np.asarray(vectors, dtype=np.float64)

    def probability(members: list[int]) -> FloatMatrix:
        arts = [article_of[i] for i in members]
        feats = claim_features(
            vecs[members],
            [claims[i].text for i in members],
            [anchors[i] for i in members],
            None if facts is None else [facts[i] for i in members],
            grouping.between(arts),
        )
        return model.probability(feats)

    return _cluster_groups(
        claims,
        vectors,
        group_of,
        probability,
        model.threshold,
        grouping.stories,
        max_article_share=max_article_share,
        same_claim=same_claim,
        max_cluster_share=max_cluster_share,
    )
