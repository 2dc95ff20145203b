"""Cross-validation by topic of the learned clustering, beside two baselines, on all ECB+ dev topics.

Development figures only (``/work/shared/data``). Five folds by topic (topic
numbers in order, fold ``k`` holds every fifth from the ``k``-th): every model
weight and every threshold is chosen on the four training folds, the fifth is
scored. Inside the training folds the thresholds are chosen on out-of-fold
probabilities (each training fold predicted by a model fitted on the other
three), so a threshold never sees probabilities of the topics it was fit on.

Baselines through the same folds, one story per topic, plain average linkage
(no guards) on cosine distance, the threshold chosen on the training folds:
TF-IDF over the claim texts (fitted per topic) and MiniLM vectors.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from cluster_bench import Counts, Key, Topic, fmt, load_topics, score
from cv_cache import CachedTopic, prepare_topics

from factcheck.cluster import (
    ARTICLE_FEATURES,
    CLAIM_FEATURES,
    ClusterModel,
    PairModel,
    StoryGrouping,
    claim_features,
    cluster_claims,
    cluster_claims_learned,
    group_stories,
    learned_stories,
    story_probability,
)
from factcheck.cluster.claims import _cluster_groups
from factcheck.cluster.features import article_features, tfidf_cosine
from factcheck.cluster.linkage import _agglomerate
from factcheck.schema import ClaimCluster

N_FOLDS = 5
CLAIM_GRID = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4)
STORY_GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
BASELINE_GRID = (0.01, 0.02, 0.03, *(round(x, 2) for x in np.arange(0.05, 0.86, 0.05)))
FAMILY_THRESHOLD = 0.05
#: Out-of-fold F1 differences below this are noise (fold-to-fold spread is about 0.1).
F1_TIE = 0.01


@dataclass
class TopicData:
    """One topic with its model-independent pair features and gold labels."""

    topic: Topic
    ct: CachedTopic
    stems: list[str]  # article row -> doc id
    art_feats: np.ndarray  # (len(ARTICLE_FEATURES), n, n)
    same_story: np.ndarray  # n x n gold: same subtopic
    claim_feats: np.ndarray  # (len(CLAIM_FEATURES) - 1, m, m), float32, without the story column
    claim_rows: np.ndarray  # claim -> article row
    pair_mask: np.ndarray  # m x m: both claims on annotated sentences, different articles, i < j
    same_event: np.ndarray  # m x m gold: some annotated sentences share a chain


def topic_data(topic: Topic, ct: CachedTopic) -> TopicData:
    """Features that do not depend on any learned weight, computed once per topic."""
    stems = [Path(a.path).stem for a in ct.articles]
    row = {a.id: i for i, a in enumerate(ct.articles)}
    claim_rows = np.array([row[c.article_id] for c in ct.claims], dtype=np.intp)
    art = article_features([a.text or "" for a in ct.articles], list(claim_rows), ct.vectors, ct.anchors)
    sub = np.array([topic.subtopic[s] for s in stems], dtype=object)
    m = len(ct.claims)
    base = claim_features(
        ct.vectors,
        [c.text for c in ct.claims],
        ct.anchors,
        ct.facts,
        np.zeros((m, m)),
    )[:-1].astype(np.float32)
    annotated = set(topic.annotated)
    ann = [[k for k in keys if k in annotated] for keys in ct.sentences]
    chains = [set().union(*(topic.chains[k] for k in keys)) if keys else set() for keys in ann]
    has = np.array([bool(keys) for keys in ann])
    same_event = np.zeros((m, m), dtype=bool)
    idx = np.flatnonzero(has)
    for a, b in itertools.combinations(idx, 2):
        if chains[a] & chains[b]:
            same_event[a, b] = same_event[b, a] = True
    other = ~np.equal.outer(claim_rows, claim_rows)
    mask = np.triu(np.outer(has, has) & other, 1)  # pairs of different articles, as the comparator sees them
    return TopicData(topic, ct, stems, art, np.equal.outer(sub, sub), base, claim_rows, mask, same_event)


def load_all(fresh: bool = False) -> list[TopicData]:
    """Every ECB+ dev topic, prepared through the pipeline (cached) and featurised."""
    topics = load_topics()
    cached = prepare_topics(topics, fresh=fresh)
    return [topic_data(t, ct) for t, ct in zip(topics, cached, strict=True)]


def folds_of(data: Sequence[TopicData]) -> list[list[int]]:
    """Topic indices of each fold: topics in number order, every fifth."""
    order = sorted(range(len(data)), key=lambda i: data[i].topic.number)
    return [order[k::N_FOLDS] for k in range(N_FOLDS)]


# --------------------------------------------------------------------------- stories


def story_rows(data: Sequence[TopicData]) -> tuple[np.ndarray, np.ndarray]:
    """Article-pair training rows (within each topic: same sub-topic or not)."""
    xs, ys = [], []
    for d in data:
        iu = np.triu_indices(len(d.stems), 1)
        xs.append(d.art_feats[:, iu[0], iu[1]].T)
        ys.append(d.same_story[iu])
    return np.vstack(xs), np.concatenate(ys).astype(int)


def fit_story(data: Sequence[TopicData]) -> PairModel:
    x, y = story_rows(data)
    return PairModel.fit(x, y, ARTICLE_FEATURES)


def story_p(model: PairModel, d: TopicData) -> np.ndarray:
    p = model.probability(d.art_feats)
    np.fill_diagonal(p, 1.0)
    return p


def ari_at(p: np.ndarray, d: TopicData, threshold: float) -> float:
    from sklearn.metrics import adjusted_rand_score

    labels = _agglomerate(1.0 - p, 1.0 - threshold, "average")
    return float(adjusted_rand_score([d.topic.subtopic[s] for s in d.stems], labels))


def oof(data: Sequence[TopicData], inner: Sequence[Sequence[int]], fit: Callable[[list[TopicData]], PairModel]):  # type: ignore[no-untyped-def]
    """For each inner fold, the model fitted on the other inner folds (topic index -> model)."""
    out: dict[int, PairModel] = {}
    for fold in inner:
        rest = [data[i] for f in inner if f is not fold for i in f]
        model = fit(rest)
        for i in fold:
            out[i] = model
    return out


# --------------------------------------------------------------------------- claims


def claim_stack(d: TopicData, sp: np.ndarray) -> np.ndarray:
    """The full claim feature stack, the story column filled from story probabilities ``sp``."""
    story = sp[np.ix_(d.claim_rows, d.claim_rows)].astype(np.float32)
    return np.concatenate([d.claim_feats, story[None]], axis=0)


def claim_rows_of(d: TopicData, sp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ii, jj = np.nonzero(d.pair_mask)
    stack = claim_stack(d, sp)
    return stack[:, ii, jj].T, d.same_event[ii, jj].astype(int)


def families_of(sp: np.ndarray, family_t: float) -> list[int]:
    return _agglomerate(1.0 - sp, 1.0 - family_t, "average")


def best_baseline_threshold(
    base: dict[int, dict[str, dict[float, Counts]]], train_idx: Iterable[int], name: str
) -> float:
    """The baseline's linkage threshold with the best pairwise F1 over the training topics."""
    tr = {t: Counts() for t in BASELINE_GRID}
    for i in train_idx:
        for t in BASELINE_GRID:
            tr[t].add(base[i][name][t])
    return max(BASELINE_GRID, key=lambda t: (tr[t].scores()["F1"], t))


def run_claims(
    d: TopicData,
    p: np.ndarray,
    sp: np.ndarray,
    threshold: float,
    story_t: float,
    guard: bool = True,
    **options: object,
) -> Counts:
    """Cluster one topic's claims on probabilities ``p`` as the pipeline does (guards included); score.

    ``options`` go to ``_cluster_groups`` (a clustering variant); ``guard=False`` turns the size guard off.
    """
    return score(d.topic, groups(d, cluster_on(d, p, sp, threshold, story_t, guard, **options)))


def cluster_on(
    d: TopicData,
    p: np.ndarray,
    sp: np.ndarray,
    threshold: float,
    story_t: float,
    guard: bool = True,
    **options: object,
) -> list[ClaimCluster]:
    """The clusters :func:`run_claims` scores."""
    fam = families_of(sp, min(FAMILY_THRESHOLD, story_t))
    group_of = [str(fam[r]) for r in d.claim_rows]
    stories = {a.id: "s" for a in d.ct.articles}

    def similarity(members: list[int]) -> np.ndarray:
        return p[np.ix_(members, members)]

    free: dict[str, object] = {} if guard else {"max_cluster_share": None}
    return _cluster_groups(d.ct.claims, d.ct.vectors, group_of, similarity, threshold, stories, **free, **options)  # type: ignore[arg-type]


def groups(d: TopicData, clusters: Sequence[ClaimCluster]) -> list[list[Key]]:
    index = {c.id: i for i, c in enumerate(d.ct.claims)}
    return [[k for cid in cl.claim_ids for k in d.ct.sentences[index[cid]]] for cl in clusters]


# --------------------------------------------------------------------------- one fold


@dataclass
class FoldResult:
    fold: int
    topics: list[int]
    learned: Counts
    unguarded: Counts
    release5: Counts
    tfidf: Counts
    minilm: Counts
    chosen: dict[str, float]
    story_ari: float
    single_story_kept: float


@dataclass
class OutOfFold:
    """What the thresholds are chosen on: out-of-fold story and claim probabilities inside training folds."""

    story_t: float
    story: dict[int, np.ndarray]  # topic index -> story probabilities of its articles
    claim: dict[int, np.ndarray]  # topic index -> claim probabilities
    fit_claim: Callable[[list[TopicData]], PairModel]


def out_of_fold(data: Sequence[TopicData], inner: Sequence[Sequence[int]], log: Callable[[str], None]) -> OutOfFold:
    """Story threshold (best out-of-fold ARI) and out-of-fold claim probabilities of every topic of ``data``."""
    index = list(range(len(data)))
    inner = [list(f) for f in inner]
    assert sorted(i for f in inner for i in f) == index
    story_models = oof(data, inner, fit_story)
    sp_oof = {i: story_p(story_models[i], data[i]) for i in index}
    aris = {t: float(np.mean([ari_at(sp_oof[i], data[i], t) for i in index])) for t in STORY_GRID}
    story_t = max(STORY_GRID, key=lambda t: (aris[t], -t))
    log(f"  story threshold {story_t} (out-of-fold ARI {aris[story_t]:.3f}; grid {fmt_grid(aris)})")

    rows = {i: claim_rows_of(data[i], sp_oof[i]) for i in index}

    where = {id(d): i for i, d in enumerate(data)}

    def fit_claim(part: list[TopicData]) -> PairModel:
        ids = [where[id(d)] for d in part]
        return PairModel.fit(
            np.vstack([rows[i][0] for i in ids]), np.concatenate([rows[i][1] for i in ids]), CLAIM_FEATURES
        )

    claim_models = oof(data, inner, fit_claim)
    p_oof = {i: claim_models[i].probability(claim_stack(data[i], sp_oof[i]).astype(np.float64)) for i in index}
    return OutOfFold(story_t, sp_oof, p_oof, fit_claim)


def train_model(
    data: Sequence[TopicData],
    inner: Sequence[Sequence[int]],
    log: Callable[[str], None],
    unguarded: list[float] | None = None,
    state: list[OutOfFold] | None = None,
) -> ClusterModel:
    """Fit both models on ``data`` and choose both thresholds on out-of-fold probabilities within it.

    With ``unguarded`` (a list), the threshold best without the cluster-size guard is also chosen
    and appended to it (a diagnostic of what the guard costs, not shipped). With ``state`` (a list),
    the out-of-fold probabilities are appended to it (for variants chosen on the same folds).
    """
    o = out_of_fold(data, inner, log)
    if state is not None:
        state.append(o)
    index = list(range(len(data)))
    totals = {(t, g): Counts() for t in CLAIM_GRID for g in (True, False) if g or unguarded}
    for i in index:
        for t, g in totals:
            totals[(t, g)].add(run_claims(data[i], o.claim[i], o.story[i], t, o.story_t, guard=g))
    f1 = {t: totals[(t, True)].scores()["F1"] for t in CLAIM_GRID}
    claim_t = conservative(f1)
    log(f"  claim threshold {claim_t} (out-of-fold F1 {f1[claim_t]:.3f}; grid {fmt_grid(f1)})")
    if unguarded is not None:
        f1_free = {t: totals[(t, False)].scores()["F1"] for t in CLAIM_GRID}
        free_t = conservative(f1_free)
        unguarded.append(free_t)
        log(f"  without the size guard: threshold {free_t} (out-of-fold F1 {f1_free[free_t]:.3f})")

    story = fit_story(list(data)).with_threshold(o.story_t)
    claim = o.fit_claim(list(data)).with_threshold(claim_t)
    return ClusterModel(story=story, claim=claim, family_threshold=FAMILY_THRESHOLD)


def conservative(f1: dict[float, float]) -> float:
    """The highest threshold whose out-of-fold F1 is within :data:`F1_TIE` of the best.

    Under the size guard F1 is nearly flat over low thresholds (the guard, not the
    threshold, stops the clusters); a lower cut then only makes small inputs, where
    the guard's floor is loose, merge more. Among ties the stricter cut is the safer rule.
    """
    best = max(f1.values())
    return max(t for t, v in f1.items() if v >= best - F1_TIE)


def fmt_grid(values: dict[float, float]) -> str:
    return " ".join(f"{t}:{v:.3f}" for t, v in values.items())


def apply_model(d: TopicData, model: ClusterModel, free: PairModel | None = None) -> tuple[Counts, StoryGrouping]:
    """The product code path on one topic: learned stories, then learned claim clusters.

    With ``free`` (the claim model at its unguarded threshold) the size guard is off: a diagnostic.
    """
    ct = d.ct
    grouping = learned_stories(ct.articles, ct.claims, ct.vectors, ct.anchors, model)
    if free is None:
        clusters = cluster_claims_learned(ct.claims, ct.vectors, ct.anchors, ct.facts, grouping, model.claim)
    else:
        clusters = cluster_claims_learned(
            ct.claims, ct.vectors, ct.anchors, ct.facts, grouping, free, max_cluster_share=None
        )
    return score(d.topic, groups(d, clusters)), grouping


def single_story_kept(d: TopicData, model: ClusterModel) -> tuple[int, int]:
    """Each gold sub-topic fed alone: article pairs kept in one story, out of all pairs."""
    kept = total = 0
    for sub in sorted(set(d.topic.subtopic[s] for s in d.stems)):
        rows = [i for i, s in enumerate(d.stems) if d.topic.subtopic[s] == sub]
        arts = [d.ct.articles[i] for i in rows]
        ids = {a.id for a in arts}
        keep = [k for k, c in enumerate(d.ct.claims) if c.article_id in ids]
        p = story_probability(
            arts, [d.ct.claims[k] for k in keep], d.ct.vectors[keep], [d.ct.anchors[k] for k in keep], model.story
        )
        labels = _agglomerate(1.0 - p, 1.0 - model.story.threshold, "average")
        for a, b in itertools.combinations(range(len(rows)), 2):
            total += 1
            kept += labels[a] == labels[b]
    return kept, total


def release5_counts(d: TopicData) -> Counts:
    """Release 5's hand-set path (``Config(hand_tuned_clusters=True)``) on the same prepared claims.

    Not a cross-validated figure: its settings were chosen on ECB+ train topics that lie in these folds.
    """
    from factcheck.config import Config

    ct, config = d.ct, Config()
    stories = group_stories(ct.articles, ct.claims, ct.vectors, config.story_threshold, anchors=ct.anchors)
    families = group_stories(ct.articles, ct.claims, ct.vectors, config.related_threshold, anchors=ct.anchors)
    clusters = cluster_claims(
        ct.claims,
        ct.vectors,
        stories,
        config.cluster_threshold,
        anchors=ct.anchors,
        max_article_share=config.max_article_share,
        max_cluster_share=config.max_cluster_share,
        families=families,
        story_penalty=config.story_penalty,
    )
    return score(d.topic, groups(d, clusters))


def baseline_matrices(d: TopicData) -> dict[str, np.ndarray]:
    vecs = np.asarray(d.ct.vectors, dtype=np.float64)
    return {"tfidf": tfidf_cosine([c.text for c in d.ct.claims]), "minilm": vecs @ vecs.T}


def baseline_counts(d: TopicData, sim: np.ndarray, grid: Sequence[float]) -> dict[float, Counts]:
    """Plain average linkage on ``1 - sim``, one dendrogram cut at every threshold of ``grid``."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - sim, 0.0, None)
    dist = (dist + dist.T) / 2.0
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    out = {}
    for t in grid:
        labels = fcluster(tree, t=1.0 - t, criterion="distance")
        by: dict[int, list[Key]] = {}
        for i, label in enumerate(labels):
            by.setdefault(int(label), []).extend(d.ct.sentences[i])
        out[t] = score(d.topic, by.values())
    return out


_DATA: list[TopicData] = []


def cv(data: Sequence[TopicData], log: Callable[[str], None] = print, workers: int = 2) -> list[FoldResult]:
    """Five folds by topic: train on four, score the fifth; baselines through the same folds.

    Folds run in ``workers`` forked processes (the features are shared, not copied); each fold's
    log is printed when it ends, in fold order, so the output does not depend on scheduling.
    """
    import multiprocessing

    _DATA[:] = list(data)
    _baselines()
    folds = folds_of(data)
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(_fold, range(len(folds)))
    else:
        done = [_fold(k) for k in range(len(folds))]
    for lines, _ in done:
        for line in lines:
            log(line)
    return [res for _, res in done]


def _fold(k: int) -> tuple[list[str], FoldResult]:
    data = _DATA
    lines: list[str] = []
    log = lines.append
    folds = folds_of(data)
    test = folds[k]
    started = time.time()
    train_folds = [f for j, f in enumerate(folds) if j != k]
    base = _baselines()
    train_idx = [i for f in train_folds for i in f]
    pos = {i: n for n, i in enumerate(train_idx)}
    log(f"fold {k + 1}: test topics {sorted(data[i].topic.number for i in test)}")
    free_t: list[float] = [0.0]
    model = train_model([data[i] for i in train_idx], [[pos[i] for i in f] for f in train_folds], log, free_t)
    free_model = model.claim.with_threshold(free_t[-1])
    learned, unguarded, release5 = Counts(), Counts(), Counts()
    aris = []
    kept = total = 0
    for i in test:
        counts, grouping = apply_model(data[i], model)
        learned.add(counts)
        unguarded.add(apply_model(data[i], model, free_model)[0])
        release5.add(release5_counts(data[i]))
        from sklearn.metrics import adjusted_rand_score

        d = data[i]
        aris.append(
            adjusted_rand_score([d.topic.subtopic[s] for s in d.stems], [grouping.stories[a.id] for a in d.ct.articles])
        )
        a, b = single_story_kept(d, model)
        kept, total = kept + a, total + b
    chosen = {
        "story_threshold": model.story.threshold,
        "claim_threshold": model.claim.threshold,
        "unguarded_threshold": free_t[-1],
    }
    scored: dict[str, Counts] = {}
    for name in ("tfidf", "minilm"):
        best = best_baseline_threshold(base, train_idx, name)
        chosen[f"{name}_threshold"] = best
        c = Counts()
        for i in test:
            c.add(base[i][name][best])
        scored[name] = c
    res = FoldResult(
        k + 1,
        sorted(data[i].topic.number for i in test),
        learned,
        unguarded,
        release5,
        scored["tfidf"],
        scored["minilm"],
        chosen,
        float(np.mean(aris)),
        kept / total if total else 1.0,
    )
    log(
        f"  learned {fmt(learned.scores())}\n  no guard {fmt(unguarded.scores())}"
        f"\n  release5 {fmt(release5.scores())}"
        f"\n  tfidf   {fmt(res.tfidf.scores())}"
        f"\n  minilm  {fmt(res.minilm.scores())}"
        f"\n  chosen {chosen}; story ARI {res.story_ari:.3f}; single-story pairs kept {res.single_story_kept:.3f}"
        f" ({time.time() - started:.0f}s)"
    )
    return lines, res


_BASE: dict[int, dict[str, dict[float, Counts]]] = {}


def _baselines() -> dict[int, dict[str, dict[float, Counts]]]:
    """Baseline scores of every topic at every grid threshold (computed once per process)."""
    if not _BASE:
        for i, d in enumerate(_DATA):
            _BASE[i] = {name: baseline_counts(d, m, BASELINE_GRID) for name, m in baseline_matrices(d).items()}
    return _BASE


def table(results: Sequence[FoldResult]) -> str:
    """Markdown table: per fold and mean ± sd of pairwise P/R/F1 and B-cubed F1 for the three methods."""
    lines = [
        "| fold | test topics | learned P | R | **F1** | B³ F1 | no-guard F1 | B³ F1 | release-5 F1 | B³ F1"
        " | TF-IDF F1 | B³ F1 | MiniLM F1 | B³ F1 | story ARI | single story kept |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    cols: dict[str, list[float]] = {}
    for r in results:
        s, t, m, u = r.learned.scores(), r.tfidf.scores(), r.minilm.scores(), r.unguarded.scores()
        r5 = r.release5.scores()
        vals = {
            "P": s["P"], "R": s["R"], "F1": s["F1"], "B3": s["B3_F1"], "uF1": u["F1"], "uB3": u["B3_F1"],
            "rF1": r5["F1"], "rB3": r5["B3_F1"],
            "tF1": t["F1"], "tB3": t["B3_F1"],
            "mF1": m["F1"], "mB3": m["B3_F1"], "ari": r.story_ari, "kept": r.single_story_kept,
        }  # fmt: skip
        for key, v in vals.items():
            cols.setdefault(key, []).append(v)
        lines.append(
            f"| {r.fold} | {' '.join(map(str, r.topics))} | "
            + " | ".join(f"**{v:.3f}**" if key == "F1" else f"{v:.3f}" for key, v in vals.items())
            + " |"
        )
    lines.append(
        "| mean ± sd | | " + " | ".join(f"{np.mean(v):.3f} ± {np.std(v, ddof=1):.3f}" for v in cols.values()) + " |"
    )
    return "\n".join(lines)


def save_results(results: Sequence[FoldResult], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        {
            "fold": r.fold,
            "topics": r.topics,
            "learned": r.learned.scores(),
            "unguarded": r.unguarded.scores(),
            "release5": r.release5.scores(),
            "tfidf": r.tfidf.scores(),
            "minilm": r.minilm.scores(),
            "chosen": r.chosen,
            "story_ari": r.story_ari,
            "single_story_kept": r.single_story_kept,
        }
        for r in results
    ]
    path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
