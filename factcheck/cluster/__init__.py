"""Cross-source alignment: which claims of different articles are about the same thing.

A contradiction can only be found between two claims put side by side, so this
stage fails in two ways: it merges claims about two different events of the
same kind (two earthquakes), or it keeps apart two reports of one fact worded
differently. Plain embedding cosine is topic similarity, which does the first;
exact wording does the second.

By default (``models/cluster.json``) both decisions are learned from labelled
news (ECB+), with thresholds chosen on topics the models were not fitted on:
:func:`learned_stories` groups articles on the probability that two report one
story (words, names, places, years), and :func:`cluster_claims_learned` groups
claims on the probability that two report one event (wording, meaning, who /
where / when / numbers, facts, and their articles' story probability); see
``models/cluster.md``. The modules: ``anchors`` (what a claim names),
``features`` (pair features), ``model`` (the logistic regressions, JSON
weights), ``linkage``, ``stories``, ``claims``.

The release-5 hand-set path (``Config.hand_tuned_clusters``) remains: there the
similarity is the embedding cosine *adjusted by anchors*, what a claim carries
beside its wording:

* who (people, organisations), where (places), when (years, months, weekdays)
  and numbers, extracted cheaply (:func:`anchors_for`), and with spaCy the
  claim's content verbs (what happened: "captured", "struck"), so two claims
  reporting the same kind of action are pulled together;
* the article a claim comes from: no article holds more than ``max_article_share``
  of a multi-source cluster (and optionally at most ``max_per_article`` claims),
  and a group of one article's claims is split up, so one article cannot pile
  into a cluster. A hard one-claim cap is not the default: an article states
  its main event in several sentences, and the pipeline only compares claims of
  different articles anyway;
* restatements: a claim the linkage left alone joins its closest claim of
  another article when their cosine reaches :data:`SAME_CLAIM` (the MRPC
  "same claim" cut-off);
* the story its article belongs to (:func:`group_stories`): when the inputs
  cover several unrelated stories, claims of different stories never meet.
  Two *related* stories (two events of one kind, or one story the grouping
  split) form a family: their claims may meet, but a pair across the story
  line counts ``story_penalty`` less, so only close restatements cross it;
* size: no cluster grows past :data:`MAX_CLUSTER_SHARE` of the input's claims
  (:func:`_agglomerate_guarded`), so the threshold can be low enough to join
  restatements worded far apart without one cluster swallowing the story.

How a disagreement weighs is a decision, not a fit: a shared name or place pulls
two claims together; different years or months push them apart *only when
nothing else ties them* (no shared who or where), because a different date on
the same people and place is a contradiction to report, not another event.
Different numbers never push claims apart: they are exactly what the comparator
is for. The weights in :data:`ANCHOR_WEIGHTS` were fitted as a logistic
regression on ECB+ training topics and rescaled to cosine units, so the cluster
threshold stays a (adjusted) cosine (see ``bench/RESULTS_cluster.md``).
"""

from factcheck.cluster.anchors import ClaimAnchors, anchors_for, anchors_from_parses
from factcheck.cluster.claims import (
    MAX_CLUSTER_SHARE,
    MIN_CLUSTER_CAP,
    SAME_CLAIM,
    cluster_claims,
    cluster_claims_learned,
)
from factcheck.cluster.features import ARTICLE_FEATURES, CLAIM_FEATURES, article_features, claim_features
from factcheck.cluster.model import ClusterModel, PairModel, shipped_cluster_model
from factcheck.cluster.similarity import ANCHOR_WEIGHTS, FEATURES, anchor_features, claim_similarity
from factcheck.cluster.stories import StoryGrouping, group_stories, learned_stories, story_probability

__all__ = [
    "ANCHOR_WEIGHTS",
    "ARTICLE_FEATURES",
    "CLAIM_FEATURES",
    "FEATURES",
    "MAX_CLUSTER_SHARE",
    "MIN_CLUSTER_CAP",
    "SAME_CLAIM",
    "ClaimAnchors",
    "ClusterModel",
    "PairModel",
    "StoryGrouping",
    "anchor_features",
    "anchors_for",
    "anchors_from_parses",
    "article_features",
    "claim_features",
    "claim_similarity",
    "cluster_claims",
    "cluster_claims_learned",
    "group_stories",
    "learned_stories",
    "shipped_cluster_model",
    "story_probability",
]
