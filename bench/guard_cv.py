"""Readability guards and clustering methods for the learned claim model, cross-validated by topic (issue 12).

Development figures only. The size guard (no cluster above a fifth of the
input's claims) keeps reports readable but cuts ECB+'s main event chains. Each
variant here is a different readability rule (or a graph clustering) on the
same learned probabilities, through the same five topic folds as
``cluster_cv``: the models are fitted on the four training folds, each
variant's claim threshold (and any setting of its own) is chosen on the
out-of-fold probabilities inside them, and the fifth fold is scored. Beside
pairwise and B-cubed F1, each variant reports how readable its clusters are
on the test topics: the largest cluster's share of a topic's claims and the
cross-source claim pairs inside clusters (what the comparator must judge).

Run: ``HF_HUB_OFFLINE=1 .venv/bin/python bench/cluster_bench.py guards``.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from cluster_bench import Counts, fmt, score
from cluster_cv import (
    CLAIM_GRID,
    F1_TIE,
    TopicData,
    _baselines,
    best_baseline_threshold,
    claim_stack,
    cluster_on,
    folds_of,
    groups,
    story_p,
    train_model,
)

from factcheck.schema import ClaimCluster

Partition = Callable[[np.ndarray, float], list[int]]
#: Edge cuts for Louvain in set 2 (the low cuts of ``CLAIM_GRID`` make dense graphs and slow runs).
LOUVAIN_GRID = (0.2, 0.3, 0.4, 0.5)


def louvain(resolution: float = 1.0) -> Partition:
    """Louvain communities (networkx, fixed seed) of the graph of pairs closer than the cut, weighted by ``1 - d``."""

    def run(distance: np.ndarray, cut: float) -> list[int]:
        import networkx as nx

        n = len(distance)
        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        ii, jj = np.nonzero(np.triu(distance < cut, 1))
        graph.add_weighted_edges_from(
            (int(a), int(b), float(1.0 - distance[a, b])) for a, b in zip(ii, jj, strict=True)
        )
        communities = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=0)
        labels = [0] * n
        for label, members in enumerate(sorted(communities, key=min)):
            for i in members:
                labels[i] = label
        return labels

    return run


def mutual_knn(k: int) -> Partition:
    """Connected components of the mutual k-nearest-neighbour graph, pairs closer than the cut only."""

    def run(distance: np.ndarray, cut: float) -> list[int]:
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import connected_components

        n = len(distance)
        d = distance.copy()
        np.fill_diagonal(d, np.inf)
        order = np.argsort(d, axis=1, kind="stable")[:, : min(k, n - 1)]
        near = np.zeros((n, n), dtype=bool)
        near[np.repeat(np.arange(n), order.shape[1]), order.ravel()] = True
        edges = near & near.T & (d < cut)
        _, labels = connected_components(csr_matrix(edges), directed=False)
        return [int(x) for x in labels]

    return run


#: Variant name -> its settings (label, ``_cluster_groups`` options); with several settings, the setting is
#: chosen with the threshold on the training folds' out-of-fold F1. Round 8 ran the first set (``--set 1``),
#: then the per-article caps (``--set 2``).
VARIANT_SETS: dict[int, dict[str, list[tuple[str, dict[str, object]]]]] = {
    1: {
        "share 0.2 (shipped)": [("", {})],
        "no guard": [("", {"max_cluster_share": None})],
        "share 0.2, merges at p >= 0.5 unlimited": [("", {"confident": 0.5})],
        "share 0.2, merges at p >= 0.4 unlimited": [("", {"confident": 0.4})],
        "share 0.2, merges at p >= 0.3 unlimited": [("", {"confident": 0.3})],
        "2 claims per source": [("", {"sources_cap": 2.0})],
        "3 claims per source": [("", {"sources_cap": 3.0})],
        "one claim per article, no size guard": [("", {"max_per_article": 1, "max_cluster_share": None})],
        "Louvain (resolution 1)": [("", {"partition": louvain(1.0), "max_cluster_share": None})],
        "mutual kNN components (k in-fold)": [
            (f"k={k}", {"partition": mutual_knn(k), "max_cluster_share": None}) for k in (3, 5, 10)
        ],
    },
    2: {
        "share 0.2 (shipped)": [("", {})],
        "no guard": [("", {"max_cluster_share": None})],
        "2 claims per article, no size guard": [("", {"max_per_article": 2, "max_cluster_share": None})],
        "3 claims per article, no size guard": [("", {"max_per_article": 3, "max_cluster_share": None})],
        "Louvain + 2 claims per article": [
            ("", {"partition": louvain(1.0), "max_per_article": 2, "max_cluster_share": None, "grid": LOUVAIN_GRID})
        ],
    },
}
VARIANTS: dict[str, list[tuple[str, dict[str, object]]]] = dict(VARIANT_SETS[1])


@dataclass
class Readable:
    """How readable a variant's clusters are on the test topics."""

    largest: list[float] = field(default_factory=list)  # per topic: largest cluster / claims
    judged: int = 0  # cross-source claim pairs inside clusters
    claims: int = 0

    def add(self, clusters: Sequence[ClaimCluster], n_claims: int) -> None:
        self.largest.append(max(len(c.claim_ids) for c in clusters) / n_claims)
        for c in clusters:
            arts = [m.article_id for m in c.members]
            self.judged += sum(a != b for a, b in itertools.combinations(arts, 2))
        self.claims += n_claims


@dataclass
class VariantResult:
    counts: Counts
    readable: Readable
    chosen: str


def choose(f1: dict[tuple[int, float], float]) -> tuple[int, float]:
    """Setting and threshold: the highest threshold within :data:`F1_TIE` of the best, then the first setting."""
    best = max(f1.values())
    ties = [key for key, v in f1.items() if v >= best - F1_TIE]
    return max(ties, key=lambda key: (key[1], -key[0]))


_DATA: list[TopicData] = []


def _fold(k: int) -> tuple[list[str], dict[str, object]]:
    data = _DATA
    lines: list[str] = []
    log = lines.append
    started = time.time()
    folds = folds_of(data)
    test = folds[k]
    train_folds = [f for j, f in enumerate(folds) if j != k]
    train_idx = [i for f in train_folds for i in f]
    pos = {i: n for n, i in enumerate(train_idx)}
    train = [data[i] for i in train_idx]
    log(f"fold {k + 1}: test topics {sorted(data[i].topic.number for i in test)}")
    state: list = []
    model = train_model(train, [[pos[i] for i in f] for f in train_folds], log, None, state)
    o = state[0]
    story_t = model.story.threshold
    test_p = {}
    for i in test:
        sp = story_p(model.story, data[i])
        test_p[i] = (sp, model.claim.probability(claim_stack(data[i], sp).astype(np.float64)))
    out: dict[str, object] = {"fold": k + 1, "topics": sorted(data[i].topic.number for i in test)}
    for name, settings in VARIANTS.items():
        t0 = time.time()
        options = [{k: v for k, v in opt.items() if k != "grid"} for _, opt in settings]
        grids = [opt.get("grid", CLAIM_GRID) for _, opt in settings]
        totals = {(s, t): Counts() for s in range(len(settings)) for t in grids[s]}  # type: ignore[attr-defined]
        for j in range(len(train)):
            for s, t in totals:
                clusters = cluster_on(train[j], o.claim[j], o.story[j], t, o.story_t, **options[s])
                totals[(s, t)].add(score(train[j].topic, groups(train[j], clusters)))
        f1 = {key: c.scores()["F1"] for key, c in totals.items()}
        s, t = choose(f1)
        counts, readable = Counts(), Readable()
        for i in test:
            sp, p = test_p[i]
            clusters = cluster_on(data[i], p, sp, t, story_t, **options[s])
            counts.add(score(data[i].topic, groups(data[i], clusters)))
            readable.add(clusters, len(data[i].ct.claims))
        label = f"{settings[s][0]} t={t}".strip()
        out[name] = VariantResult(counts, readable, label)
        log(
            f"  {name}: {label} (oof F1 {f1[(s, t)]:.3f}) test {fmt(counts.scores())}"
            f" largest {np.mean(readable.largest):.3f} judged/claim {readable.judged / readable.claims:.1f}"
            f" ({time.time() - t0:.0f}s)"
        )
    base = _baselines()
    for name in ("tfidf", "minilm"):
        best = best_baseline_threshold(base, train_idx, name)
        c = Counts()
        for i in test:
            c.add(base[i][name][best])
        out[name] = VariantResult(c, Readable(), f"t={best}")
        log(f"  {name}: t={best} test {fmt(c.scores())}")
    log(f"  ({time.time() - started:.0f}s)")
    return lines, out


def run(
    data: Sequence[TopicData], variant_set: int = 1, log: Callable[[str], None] = print, workers: int = 2
) -> list[dict[str, object]]:
    """Every variant of one set through the five folds (folds in ``workers`` forked processes, logs in fold order)."""
    import multiprocessing

    import cluster_cv

    VARIANTS.clear()
    VARIANTS.update(VARIANT_SETS[variant_set])
    _DATA[:] = list(data)
    cluster_cv._DATA[:] = list(data)
    _baselines()
    n = len(folds_of(data))
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(_fold, range(n))
    else:
        done = [_fold(k) for k in range(n)]
    for lines, _ in done:
        for line in lines:
            log(line)
    return [res for _, res in done]


def table(results: Sequence[dict[str, object]]) -> str:
    """Markdown: one row per variant, pairwise F1 per fold, mean ± sd, B³ F1, folds over TF-IDF, readability."""
    names = [k for k in results[0] if k not in ("fold", "topics")]
    head = " | ".join(f"fold {r['fold']}" for r in results)
    lines = [
        f"| variant | {head} | **mean ± sd** | B³ F1 | folds ≥ 0.60 | folds ≥ TF-IDF"
        " | largest cluster (mean / max share) | cross-source pairs per claim | chosen per fold |",
        "|---|" + "---|" * (len(results) + 7),
    ]
    for name in names:
        vr = [r[name] for r in results]
        f1 = [v.counts.scores()["F1"] for v in vr]  # type: ignore[attr-defined]
        b3 = [v.counts.scores()["B3_F1"] for v in vr]  # type: ignore[attr-defined]
        tf = [r["tfidf"].counts.scores()["F1"] for r in results]  # type: ignore[attr-defined]
        largest = [x for v in vr for x in v.readable.largest]  # type: ignore[attr-defined]
        judged = sum(v.readable.judged for v in vr)  # type: ignore[attr-defined]
        claims = sum(v.readable.claims for v in vr)  # type: ignore[attr-defined]
        read = f"{np.mean(largest):.3f} / {np.max(largest):.3f}" if largest else "–"
        per = f"{judged / claims:.1f}" if claims else "–"
        lines.append(
            f"| {name} | "
            + " | ".join(f"{x:.3f}" for x in f1)
            + f" | **{np.mean(f1):.3f} ± {np.std(f1, ddof=1):.3f}** | {np.mean(b3):.3f} ± {np.std(b3, ddof=1):.3f}"
            + f" | {sum(x >= 0.60 for x in f1)} | {sum(a >= b for a, b in zip(f1, tf, strict=True))} | {read} | {per}"
            + " | "
            + " / ".join(v.chosen for v in vr)
            + " |"  # type: ignore[attr-defined]
        )
    return "\n".join(lines)


def save(results: Sequence[dict[str, object]], path: Path) -> None:
    rows = []
    for r in results:
        row: dict[str, object] = {"fold": r["fold"], "topics": r["topics"]}
        for name in [k for k in r if k not in ("fold", "topics")]:
            v = r[name]
            row[name] = {
                "scores": v.counts.scores(),  # type: ignore[attr-defined]
                "chosen": v.chosen,  # type: ignore[attr-defined]
                "largest": v.readable.largest,  # type: ignore[attr-defined]
                "judged": v.readable.judged,  # type: ignore[attr-defined]
                "claims": v.readable.claims,  # type: ignore[attr-defined]
            }
        rows.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
