"""Average-linkage clustering over a precomputed distance, with an optional size guard."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatMatrix = NDArray[np.float64]


def _agglomerate(distance: FloatMatrix, threshold: float, linkage: str) -> list[int]:
    """Cluster labels from a precomputed distance; one item is its own cluster."""
    if len(distance) < 2:
        return [0] * len(distance)
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage=linkage, distance_threshold=threshold
    )
    return [int(label) for label in model.fit_predict(np.clip(distance, 0.0, None))]


def _agglomerate_guarded(
    distance: FloatMatrix, threshold: float, most: int, confident: float | None = None
) -> list[int]:
    """Average linkage that forms a cluster of more than ``most`` items only through confident merges.

    The dendrogram is built in full (scipy's UPGMA, the same merge rule as
    :func:`_agglomerate`), then merges are replayed in order of distance: a merge
    below ``threshold`` is taken only when both sides are still open and the
    result holds at most ``most`` items, or when its distance is below
    ``confident`` (None: never); otherwise both sides are closed and every later
    merge that would include them is refused. So a low threshold can gather
    restatements while a story's broad topic cannot swallow it whole, and a
    large cluster forms only where its two sides are close on average (an
    event many sources report), not by loose merges at the bottom of the tree.
    """
    n = len(distance)
    if n < 2:
        return [0] * n
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(distance, 0.0, None)
    dist = (dist + dist.T) / 2.0
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    items: dict[int, list[int]] = {i: [i] for i in range(n)}
    open_nodes: set[int] = set(range(n))
    final: list[list[int]] = []
    for step, (left, right, height, _count) in enumerate(tree):
        a, b, node = int(left), int(right), n + step
        if height >= threshold:
            break
        both_open = a in open_nodes and b in open_nodes
        if both_open and (len(items[a]) + len(items[b]) <= most or (confident is not None and height < confident)):
            items[node] = items.pop(a) + items.pop(b)
            open_nodes -= {a, b}
            open_nodes.add(node)
            continue
        for side in (a, b):
            if side in open_nodes:
                open_nodes.discard(side)
                final.append(items.pop(side))
    final += [items[node] for node in open_nodes]
    labels = [0] * n
    for label, group in enumerate(sorted(final, key=min)):
        for i in group:
            labels[i] = label
    return labels
