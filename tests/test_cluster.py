"""Tests of cross-source clustering: anchors, cannot-link, stories, ids, strengths."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from factcheck.cluster import (
    ARTICLE_FEATURES,
    CLAIM_FEATURES,
    MIN_CLUSTER_CAP,
    ClaimAnchors,
    ClusterModel,
    PairModel,
    anchor_features,
    anchors_for,
    claim_similarity,
    cluster_claims,
    cluster_claims_learned,
    group_stories,
    learned_stories,
    shipped_cluster_model,
)
from factcheck.cluster.claims import _attach_restatements, _cluster_groups, _enforce_article_cap
from factcheck.cluster.linkage import _agglomerate, _agglomerate_guarded
from factcheck.embed import HashingEmbedder
from factcheck.schema import Article, Claim, ClaimCluster, Span


def _claim(cid: str, article: str, text: str = "x") -> Claim:
    return Claim(id=cid, article_id=article, text=text, span=Span(start=0, end=len(text)))


def _with_cosines(n: int, pairs: dict[tuple[int, int], float], dim: int = 16) -> np.ndarray:
    """Unit rows: row j of each (i, j) pair is set to have cosine c with row i; other rows orthogonal."""
    rows = np.eye(n, dim, dtype=np.float64)
    for (i, j), c in pairs.items():
        rows[j] = c * rows[i] + np.sqrt(1 - c * c) * np.eye(n, dim)[j]
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


NO_ANCHORS: dict[str, float] = {}


@pytest.mark.parametrize(
    ("text", "slot", "expected"),
    [
        ("Tara Reid entered a clinic in Malibu on Tuesday.", "who", ("tara reid",)),
        ("Tara Reid entered a clinic in Malibu on Tuesday.", "where", ("malibu",)),
        ("Tara Reid entered a clinic in Malibu on Tuesday.", "when", ("w:tue",)),
        ("The quake in March 2009 killed 1,200 people.", "when", ("y:2009", "m:mar")),
        ("The quake in March 2009 killed 1,200 people.", "numbers", ("1200",)),
        ("It happened on May 5, 2008.", "when", ("y:2008", "m:may", "d:5")),
        ("It happened on May 5, 2008.", "numbers", ()),
        ("Three people died.", "numbers", ("3",)),
        ("it may be that the march went on", "when", ()),
        ("the minister resigned", "who", ()),
    ],
)
def test_cluster_anchors_regex(text: str, slot: str, expected: tuple[str, ...]) -> None:
    (anchors,) = anchors_for([text])
    assert getattr(anchors, slot) == expected


def test_cluster_anchor_features_match_and_clash() -> None:
    anchors = [
        ClaimAnchors(who=("tara reid",), when=("y:2008",)),
        ClaimAnchors(who=("reid",), when=("y:2009",)),
        ClaimAnchors(who=("lindsay lohan",), when=("y:2009",)),
    ]
    feats = anchor_features(anchors)
    assert feats["who_match"][0, 1] == 1.0  # "Reid" is part of "Tara Reid"
    assert feats["who_clash"][0, 2] == 1.0
    # Same person, other year: one event with a disputed date, not another event.
    assert feats["when_clash_untied"][0, 1] == 0.0
    assert feats["when_clash_untied"][0, 2] == 1.0
    assert feats["when_match"][1, 2] == 1.0


def test_cluster_reworded_same_event_meets_via_anchors() -> None:
    claims = [_claim("a1", "A"), _claim("b1", "B")]
    vectors = _with_cosines(2, {(0, 1): 0.45})
    anchors = [
        ClaimAnchors(who=("tara reid",), where=("malibu",), when=("w:tue",)),
        ClaimAnchors(who=("reid",), where=("malibu",), when=("w:tue",)),
    ]
    stories = {"A": "story-1", "B": "story-1"}
    apart = cluster_claims(claims, vectors, stories, 0.5, anchors, weights=NO_ANCHORS)
    together = cluster_claims(claims, vectors, stories, 0.5, anchors)
    assert len(apart) == 2
    assert [c.claim_ids for c in together] == [("a1", "b1")]


def test_cluster_same_kind_other_event_stays_apart() -> None:
    claims = [_claim("a1", "A"), _claim("b1", "B")]
    vectors = _with_cosines(2, {(0, 1): 0.55})
    anchors = [
        ClaimAnchors(who=("tara reid",), when=("y:2008",)),
        ClaimAnchors(who=("lindsay lohan",), when=("y:2010",)),
    ]
    stories = {"A": "story-1", "B": "story-1"}
    assert len(cluster_claims(claims, vectors, stories, 0.5, anchors, weights=NO_ANCHORS)) == 1
    assert len(cluster_claims(claims, vectors, stories, 0.5, anchors)) == 2


def test_cluster_number_disagreement_does_not_split() -> None:
    anchors = [
        ClaimAnchors(where=("sumatra",), numbers=("12",)),
        ClaimAnchors(where=("sumatra",), numbers=("15",)),
    ]
    vectors = _with_cosines(2, {(0, 1): 0.6})
    sim = claim_similarity(vectors, anchors)
    assert sim[0, 1] >= 0.6  # a different death toll is a contradiction to find, not another event


def test_cluster_one_claim_per_article_per_cluster() -> None:
    claims = [_claim("a1", "A"), _claim("a2", "A"), _claim("a3", "A"), _claim("b1", "B")]
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (4, 1))  # all identical
    clusters = cluster_claims(claims, vectors, {"A": "s", "B": "s"}, 0.5, weights=NO_ANCHORS, max_per_article=1)
    for cluster in clusters:
        articles = [m.article_id for m in cluster.members]
        assert len(articles) == len(set(articles))
    assert clusters[0].claim_ids == ("a1", "b1")
    unlimited = cluster_claims(
        claims, vectors, {"A": "s", "B": "s"}, 0.5, weights=NO_ANCHORS, max_per_article=None, max_article_share=None
    )
    assert [c.claim_ids for c in unlimited] == [("a1", "a2", "a3", "b1")]


def test_cluster_article_share_keeps_one_source_from_piling_up() -> None:
    claims = [_claim(f"a{i}", "A") for i in range(1, 4)] + [_claim("b1", "B"), _claim("b2", "B")]
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (5, 1))  # all identical
    stories = {"A": "s", "B": "s"}
    halves = cluster_claims(claims, vectors, stories, 0.5, weights=NO_ANCHORS, max_article_share=0.5)
    # A may hold at most half of a cluster: two claims beside B's two; the third stands alone.
    assert [c.claim_ids for c in halves] == [("a1", "a2", "b1", "b2"), ("a3",)]
    loose = cluster_claims(claims, vectors, stories, 0.5, weights=NO_ANCHORS, max_article_share=0.6)
    assert [c.claim_ids for c in loose] == [("a1", "a2", "a3", "b1", "b2")]


def test_cluster_single_article_group_is_split() -> None:
    claims = [_claim("a1", "A"), _claim("a2", "A")]
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (2, 1))
    clusters = cluster_claims(claims, vectors, {"A": "s"}, 0.5, weights=NO_ANCHORS)
    assert [c.claim_ids for c in clusters] == [("a1",), ("a2",)]  # nothing to compare across sources


def test_cluster_restatement_left_alone_joins_its_partner() -> None:
    # b1 restates a1 (cosine 0.8) but is less close to c1 (0.72), so average linkage
    # at 0.78 leaves it out of {a1, c1}; the same-claim pass brings it in.
    base = np.eye(3, 8)
    rows = np.stack([base[0], 0.8 * base[0] + 0.6 * base[1], 0.9 * base[0] + np.sqrt(1 - 0.81) * base[2]])
    vectors = rows.astype(np.float32)
    claims = [_claim("a1", "A"), _claim("b1", "B"), _claim("c1", "C")]
    stories = dict.fromkeys("ABC", "s")
    apart = cluster_claims(claims, vectors, stories, 0.78, weights=NO_ANCHORS, same_claim=None)
    assert [c.claim_ids for c in apart] == [("a1", "c1"), ("b1",)]
    together = cluster_claims(claims, vectors, stories, 0.78, weights=NO_ANCHORS, same_claim=0.68)
    assert any({"a1", "b1"} <= set(c.claim_ids) for c in together)


def test_cluster_evicted_claim_joins_its_best_other_cluster() -> None:
    # a1 and a2 both resemble b1; a2 also resembles c1, which a1 does not.
    claims = [_claim("a1", "A"), _claim("a2", "A"), _claim("b1", "B"), _claim("c1", "C")]
    base = np.eye(4, 8)
    rows = np.stack([base[0], 0.8 * base[0] + 0.6 * base[1], base[0] * 0.95 + base[2] * 0.31, base[1]])
    vectors = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    clusters = cluster_claims(claims, vectors, dict.fromkeys("ABC", "s"), 0.55, weights=NO_ANCHORS, max_per_article=1)
    ids = {c.claim_ids for c in clusters}
    assert ("a1", "b1") in ids
    assert ("a2", "c1") in ids


def test_cluster_cap_moves_weaker_claim_of_an_article() -> None:
    # One cluster holds a1, a2 (same article) and b1; a1 is the better match for b1,
    # so a2 leaves and joins c1's cluster, where its article is not yet present.
    sim = np.array(
        [
            [1.0, 0.5, 0.9, 0.1],
            [0.5, 1.0, 0.6, 0.7],
            [0.9, 0.6, 1.0, 0.2],
            [0.1, 0.7, 0.2, 1.0],
        ]
    )
    articles = ["A", "A", "B", "C"]
    labels = _enforce_article_cap([0, 0, 0, 1], [0, 1, 2, 3], articles, sim, 0.5, cap=1)
    assert labels == [0, 1, 0, 1]
    alone = _enforce_article_cap([0, 0, 0, 1], [0, 1, 2, 3], articles, sim, 0.8, cap=1)
    assert alone[0] == alone[2] and len(set(alone)) == 3
    assert _enforce_article_cap([0, 0, 0, 1], [0, 1, 2, 3], articles, sim, 0.5, cap=2) == [0, 0, 0, 1]


def test_cluster_every_claim_once_ordered_ids() -> None:
    texts = [
        ("A", "The central bank raised rates to 5 percent on Monday."),
        ("A", "Shares fell sharply in Tokyo."),
        ("B", "On Monday the central bank lifted its rate to 5 percent."),
        ("B", "A storm closed schools in Ohio."),
        ("C", "Tokyo shares fell sharply after the decision."),
    ]
    claims = [_claim(f"c{i}", art, text) for i, (art, text) in enumerate(texts)]
    vectors = HashingEmbedder().encode([c.text for c in claims])
    stories = dict.fromkeys("ABC", "story-1")
    clusters = cluster_claims(claims, vectors, stories, 0.4)
    seen = [cid for c in clusters for cid in c.claim_ids]
    assert sorted(seen) == sorted(c.id for c in claims)
    assert [c.id for c in clusters] == [f"cluster-{i:03d}" for i in range(1, len(clusters) + 1)]
    firsts = [[c.id for c in claims].index(cl.claim_ids[0]) for cl in clusters]
    assert firsts == sorted(firsts)
    assert ("c0", "c2") in {cl.claim_ids for cl in clusters}
    assert all(cl.story == "story-1" for cl in clusters)
    assert clusters == cluster_claims(claims, vectors, stories, 0.4)


def test_cluster_member_strength_is_cosine_to_centroid() -> None:
    claims = [_claim("a1", "A"), _claim("b1", "B"), _claim("c1", "C")]
    vectors = _with_cosines(3, {(0, 1): 0.9, (0, 2): 0.1})
    clusters = cluster_claims(claims, vectors, dict.fromkeys("ABC", "s"), 0.5, weights=NO_ANCHORS)
    pair, single = clusters
    assert [m.claim_id for m in pair.members] == ["a1", "b1"]
    expected = float(np.sqrt((1 + 0.9) / 2))  # cosine of each of two unit vectors to their mean
    assert [m.strength for m in pair.members] == pytest.approx([expected, expected], abs=1e-3)
    assert single.members[0].strength == 1.0


def test_cluster_claims_of_other_stories_never_meet() -> None:
    claims = [_claim("a1", "A"), _claim("b1", "B")]
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (2, 1))
    clusters = cluster_claims(claims, vectors, {"A": "story-1", "B": "story-2"}, 0.1)
    assert [c.claim_ids for c in clusters] == [("a1",), ("b1",)]
    assert [c.story for c in clusters] == ["story-1", "story-2"]


def test_cluster_related_stories_meet_only_above_the_penalty() -> None:
    # a1/b1 say the same thing (cosine 0.9), a2/b2 only loosely (cosine 0.3); A and B are two stories of one family.
    claims = [_claim("a1", "A"), _claim("a2", "A"), _claim("b1", "B"), _claim("b2", "B")]
    vectors = _with_cosines(4, {(0, 2): 0.9, (1, 3): 0.3})
    stories = {"A": "story-1", "B": "story-2"}
    family = {"A": "family-1", "B": "family-1"}
    kw = {"weights": NO_ANCHORS, "same_claim": None}
    joined = cluster_claims(claims, vectors, stories, 0.2, families=family, story_penalty=0.2, **kw)
    assert sorted(c.claim_ids for c in joined) == [("a1", "b1"), ("a2",), ("b2",)]
    # the same pairs in one story: the loose pair joins too (no penalty)
    one = cluster_claims(claims, vectors, {"A": "s", "B": "s"}, 0.2, **kw)
    assert sorted(c.claim_ids for c in one) == [("a1", "b1"), ("a2", "b2")]
    # without a penalty, or across families, stories never meet
    for families, penalty in ((family, None), ({"A": "family-1", "B": "family-2"}, 0.2), (None, 0.2)):
        apart = cluster_claims(claims, vectors, stories, 0.2, families=families, story_penalty=penalty, **kw)
        assert all(len(c.claim_ids) == 1 for c in apart)


def test_cluster_story_of_a_cluster_across_stories_is_the_majority_one() -> None:
    claims = [_claim("a1", "A"), _claim("b1", "B"), _claim("c1", "C")]
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (3, 1))
    stories = {"A": "story-2", "B": "story-1", "C": "story-1"}
    (cluster,) = cluster_claims(
        claims, vectors, stories, 0.2, families=dict.fromkeys("ABC", "f"), story_penalty=0.2, max_article_share=None
    )
    assert cluster.story == "story-1"


def test_cluster_rejects_a_cap_below_one() -> None:
    with pytest.raises(ValueError, match="max_per_article"):
        cluster_claims([_claim("a1", "A")], np.ones((1, 4), dtype=np.float32), {}, 0.5, max_per_article=0)


def test_cluster_empty_and_misaligned_inputs() -> None:
    assert cluster_claims([], np.zeros((0, 0), dtype=np.float32), {}, 0.5) == []
    with pytest.raises(ValueError, match="vectors"):
        cluster_claims([_claim("a1", "A")], np.zeros((2, 4), dtype=np.float32), {}, 0.5)


def _article(aid: str, text: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", text=text)


def test_cluster_group_stories_separates_two_events() -> None:
    quake = "A magnitude 6.1 earthquake struck Sumatra, Indonesia, killing 12 villagers near Padang."
    quake2 = "Twelve villagers died near Padang when an earthquake of magnitude 6.1 hit Sumatra in Indonesia."
    rehab = "Actress Tara Reid checked into Promises rehab clinic in Malibu, her publicist told People."
    rehab2 = "Tara Reid has entered the Promises clinic in Malibu, her publicist said."
    articles = [_article("q1", quake), _article("r1", rehab), _article("q2", quake2), _article("r2", rehab2)]
    claims = [_claim(f"{a.id}-c", a.id, a.text) for a in articles]
    vectors = HashingEmbedder().encode([c.text for c in claims])
    stories = group_stories(articles, claims, vectors, 0.2)
    assert stories == {"q1": "story-1", "r1": "story-2", "q2": "story-1", "r2": "story-2"}
    assert set(group_stories(articles, claims, vectors, 0.0).values()) == {"story-1"}
    assert group_stories([], [], np.zeros((0, 0), dtype=np.float32), 0.2) == {}
    assert group_stories(articles[:1], claims[:1], vectors[:1], 0.2) == {"q1": "story-1"}


@pytest.mark.slow
def test_cluster_anchors_from_spacy_entities() -> None:
    from factcheck.nlp import load_spacy

    (anchors,) = anchors_for(["Barack Obama met Angela Merkel in Berlin on 5 March 2009."], load_spacy())
    assert "barack obama" in anchors.who
    assert "berlin" in anchors.where
    assert {"y:2009", "m:mar"} <= set(anchors.when)
    assert "2009" not in anchors.numbers


def test_cluster_cap_holds_in_every_story() -> None:
    # The share rule must look up each claim's own article inside the second story too.
    claims = [_claim("x1", "X"), _claim("a1", "A"), _claim("a2", "A"), _claim("a3", "A"), _claim("b1", "B")]
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (5, 1))
    stories = {"X": "other", "A": "s", "B": "s"}
    clusters = cluster_claims(claims, vectors, stories, 0.5, weights=NO_ANCHORS, max_article_share=0.5)
    assert [c.claim_ids for c in clusters] == [("x1",), ("a1", "b1"), ("a2",), ("a3",)]


def test_cluster_anchor_features_event_match() -> None:
    anchors = [
        ClaimAnchors(events=("capture",)),
        ClaimAnchors(events=("capture", "free")),
        ClaimAnchors(events=("sink",)),
        ClaimAnchors(),
    ]
    feats = anchor_features(anchors)
    assert feats["event_match"][0, 1] == 1.0
    assert feats["event_match"][0, 2] == 0.0
    assert feats["event_match"][0, 3] == 0.0  # no verb: no evidence either way


@pytest.mark.slow
def test_cluster_event_lemmas_skip_reporting_verbs() -> None:
    from factcheck.nlp import load_spacy

    (anchors,) = anchors_for(["Police arrested the suspects on Monday, officials said."], load_spacy())
    assert "arrest" in anchors.events
    assert "say" not in anchors.events


def test_cluster_restatement_replaces_weakest_claim_at_limit() -> None:
    # a1 sits with b1 (cosine 0.7); a2 restates b1 (0.9) but stands alone. A may hold
    # only half of {a1, b1}, so a2 takes a1's place and a1 stands alone.
    base = np.eye(3, 8)
    b1 = base[0]
    a1 = 0.7 * base[0] + np.sqrt(1 - 0.49) * base[1]
    a2 = 0.9 * base[0] + np.sqrt(1 - 0.81) * base[2]
    vectors = np.stack([a1, b1, a2]).astype(np.float32)
    labels = _attach_restatements([0, 0, 1], [0, 1, 2], ["A", "B", "A"], vectors, 0.68, None, 0.5)
    assert labels[2] == labels[1]
    assert labels[0] not in (labels[1], labels[2])
    kept = _attach_restatements([0, 0, 1], [0, 1, 2], ["A", "B", "A"], vectors, 0.95, None, 0.5)
    assert kept == [0, 0, 1]


def test_cluster_guarded_linkage_matches_sklearn_when_the_limit_is_loose() -> None:
    rng = np.random.default_rng(0)
    points = rng.normal(size=(30, 8))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    distance = 1.0 - points @ points.T
    for threshold in (0.6, 0.9, 1.1):
        free = _agglomerate(distance, threshold, "average")
        guarded = _agglomerate_guarded(distance, threshold, 30)
        # Same partition (label numbers may differ).
        assert len({(a, b) for a, b in zip(free, guarded, strict=True)}) == len(set(free)) == len(set(guarded))


def test_cluster_size_guard_stops_a_story_wide_cluster() -> None:
    # Forty claims of ten articles, all alike: without the guard one cluster takes them all.
    claims = [_claim(f"{art}{i}", art) for art in "ABCDEFGHIJ" for i in range(4)]
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (40, 1))
    stories = dict.fromkeys("ABCDEFGHIJ", "s")
    free = cluster_claims(claims, vectors, stories, 0.2, weights=NO_ANCHORS, max_cluster_share=None)
    assert [len(c.claim_ids) for c in free] == [40]
    guarded = cluster_claims(claims, vectors, stories, 0.2, weights=NO_ANCHORS, max_cluster_share=0.2)
    assert max(len(c.claim_ids) for c in guarded) == 8  # 20 % of 40
    few = [_claim(f"{art}0", art) for art in "ABCDEFGH"]
    tiny = cluster_claims(few, vectors[:8], stories, 0.2, weights=NO_ANCHORS, max_cluster_share=0.2)
    assert max(len(c.claim_ids) for c in tiny) == MIN_CLUSTER_CAP  # 20 % of 8 is below the floor
    assert sorted(cid for c in guarded for cid in c.claim_ids) == sorted(c.id for c in claims)


def test_cluster_size_guard_keeps_restatements_out_of_a_full_cluster() -> None:
    vectors = _with_cosines(3, {(0, 1): 0.9, (0, 2): 0.9})
    labels = _attach_restatements([0, 0, 1], [0, 1, 2], ["A", "B", "C"], vectors, 0.68, None, None, most=2)
    assert labels == [0, 0, 1]  # C restates A's claim, but that cluster is full
    assert _attach_restatements([0, 0, 1], [0, 1, 2], ["A", "B", "C"], vectors, 0.68, None, None) == [0, 0, 0]


def test_cluster_guard_lets_only_confident_merges_past_the_limit() -> None:
    # Ten items close together (distance 0.1) and two loosely tied to them (0.7).
    distance = np.full((12, 12), 0.7)
    distance[:10, :10] = 0.1
    np.fill_diagonal(distance, 0.0)
    capped = _agglomerate_guarded(distance, 0.9, 4)
    assert max(capped.count(label) for label in set(capped)) <= 4
    confident = _agglomerate_guarded(distance, 0.9, 4, confident=0.5)
    assert [confident.count(label) for label in sorted(set(confident), key=confident.index)] == [10, 1, 1]
    assert _agglomerate_guarded(distance, 0.9, 4, confident=0.05) == capped


def test_cluster_size_limit_per_source_and_another_partition() -> None:
    claims = [_claim(f"{art}{i}", art) for art in "ABCDEFGHIJ" for i in range(4)]
    vectors = np.tile(np.eye(1, 8, dtype=np.float32), (40, 1))
    stories = dict.fromkeys("ABCDEFGHIJ", "s")

    def similarity(members: list[int]) -> np.ndarray:
        return np.ones((len(members), len(members)))

    groups = ["g"] * 40
    by_source = _cluster_groups(claims, vectors, groups, similarity, 0.2, stories, sources_cap=1.0)
    assert max(len(c.claim_ids) for c in by_source) == 10  # one claim per source on average
    seen: list[int] = []

    def halves(distance: np.ndarray, cut: float) -> list[int]:
        seen.append(len(distance))
        return [i * 2 // len(distance) for i in range(len(distance))]

    split = _cluster_groups(claims, vectors, groups, similarity, 0.2, stories, max_cluster_share=None, partition=halves)
    assert seen == [40] and sorted(len(c.claim_ids) for c in split) == [20, 20]


# --------------------------------------------------------------------------- learned models

_QUAKES = {
    "chile-1": (
        "2010-02-27",
        "A magnitude 8.8 earthquake struck central Chile on Saturday, killing at least 300 people. "
        "President Michelle Bachelet declared a state of catastrophe in Concepcion and Maule. "
        "The quake toppled buildings in Concepcion and cut power to Santiago.",
    ),
    "chile-2": (
        "2010-02-28",
        "Rescuers in Concepcion searched collapsed buildings after the Chile earthquake. "
        "Bachelet said the death toll in Chile had risen to 700. "
        "The Maule region near Concepcion was hit hardest by Saturday's quake.",
    ),
    "chile-3": (
        "2010-02-28",
        "Chile's President Michelle Bachelet toured Concepcion, where the earthquake destroyed homes. "
        "Officials in Santiago said aid would reach Maule on Sunday.",
    ),
    "haiti-1": (
        "2010-01-13",
        "A magnitude 7.0 earthquake struck Haiti on Tuesday, devastating Port-au-Prince. "
        "President Rene Preval said the presidential palace in Port-au-Prince had collapsed. "
        "Thousands were feared dead in Haiti.",
    ),
    "haiti-2": (
        "2010-01-14",
        "Aid began to reach Port-au-Prince after the Haiti earthquake. "
        "Preval said Haiti needed doctors; the quake killed thousands in Port-au-Prince and Leogane.",
    ),
}


def _articles_and_claims(ids: list[str]) -> tuple[list[Article], list[Claim]]:
    from datetime import date

    from factcheck.segment import segment_article

    articles = [
        Article(id=i, path=f"{i}.txt", text=_QUAKES[i][1], published=date.fromisoformat(_QUAKES[i][0])) for i in ids
    ]
    claims = [c for a in articles for c in segment_article(a, None).claims]
    return articles, claims


def _shipped() -> ClusterModel:
    model = shipped_cluster_model()
    assert model is not None, "models/cluster.json is missing: run bench/cluster_bench.py train"
    return model


def test_cluster_model_loads_and_gives_probabilities() -> None:
    model = _shipped()
    assert model.claim.features == CLAIM_FEATURES and model.story.features == ARTICLE_FEATURES
    rng = np.random.default_rng(0)
    feats = rng.uniform(0.0, 1.0, size=(len(CLAIM_FEATURES), 7, 7))
    feats = (feats + feats.transpose(0, 2, 1)) / 2
    p = model.claim.probability(feats)
    assert p.shape == (7, 7) and np.all((p >= 0) & (p <= 1)) and np.allclose(p, p.T)
    assert 0.0 < model.claim.threshold < 1.0 and 0.0 < model.story.threshold < 1.0


def test_cluster_model_refuses_other_features(tmp_path: Path) -> None:
    model = _shipped()
    bad = model.model_copy(update={"claim": model.claim.model_copy(update={"features": ("cosine",)})})
    bad.save(tmp_path / "bad.json")
    with pytest.raises(ValueError, match="features"):
        ClusterModel.load(tmp_path / "bad.json")


def test_cluster_pair_model_fit_is_deterministic() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(200, 3))
    y = (x[:, 0] + 0.3 * rng.normal(size=200) > 0).astype(int)
    names = ("a", "b", "c")
    first, second = PairModel.fit(x, y, names), PairModel.fit(x, y, names)
    assert first == second
    assert first.coef[0] > 1.0 and abs(first.coef[1]) < first.coef[0]
    assert np.all((first.rows(x) >= 0) & (first.rows(x) <= 1))


def test_cluster_learned_stories_split_two_earthquakes() -> None:
    ids = ["chile-1", "haiti-1", "chile-2", "haiti-2", "chile-3"]
    articles, claims = _articles_and_claims(ids)
    vectors = HashingEmbedder().encode([c.text for c in claims])
    grouping = learned_stories(articles, claims, vectors, anchors_for([c.text for c in claims]), _shipped())
    stories = grouping.stories
    assert len(set(stories.values())) == 2
    assert stories["chile-1"] == stories["chile-2"] == stories["chile-3"]
    assert stories["haiti-1"] == stories["haiti-2"] != stories["chile-1"]


@pytest.mark.parametrize("ids", [["chile-1", "chile-2", "chile-3"], ["haiti-1", "haiti-2"]])
def test_cluster_learned_stories_keep_one_event_together(ids: list[str]) -> None:
    articles, claims = _articles_and_claims(ids)
    vectors = HashingEmbedder().encode([c.text for c in claims])
    grouping = learned_stories(articles, claims, vectors, anchors_for([c.text for c in claims]), _shipped())
    assert set(grouping.stories.values()) == {"story-1"}


def test_cluster_learned_claims_deterministic_and_complete() -> None:
    ids = ["chile-1", "haiti-1", "chile-2", "haiti-2", "chile-3"]
    articles, claims = _articles_and_claims(ids)
    vectors = HashingEmbedder().encode([c.text for c in claims])
    anchors = anchors_for([c.text for c in claims])
    model = _shipped()

    def run() -> list[ClaimCluster]:
        grouping = learned_stories(articles, claims, vectors, anchors, model)
        return cluster_claims_learned(claims, vectors, anchors, None, grouping, model.claim)

    clusters = run()
    assert sorted(cid for c in clusters for cid in c.claim_ids) == sorted(c.id for c in claims)
    assert clusters == run()
    by_id = {c.id: c.article_id for c in claims}
    for cluster in clusters:  # a cluster never mixes the two earthquakes
        assert len({by_id[cid].split("-")[0] for cid in cluster.claim_ids}) == 1
