"""A large input's articles -> story blocks, before the per-story pipeline runs.

The cluster stage compares every claim with every other claim of its input
(memory grows with the square of the claims), so a day of coverage is first
cut into blocks of articles about one story, and the existing flow runs once
per block: memory is then bounded by the largest block, not the corpus.

Each article is one vector (its title and lead, embedded with the claims'
model). Its nearest neighbours come from an approximate index (faiss HNSW;
an exact flat index below :data:`EXACT_BELOW` articles, where it is as fast),
never from an all-pairs matrix. Two articles are linked when one is among the
other's ``neighbours`` nearest and their cosine reaches ``threshold``; blocks
are the connected components of that bounded-degree graph. A component over
``max_articles`` is cut again at a higher similarity, and what is still too
big is cut into runs of a breadth-first walk of its strongest links, so no
block ever holds more than ``max_articles`` articles. Everything is
deterministic: one thread builds the index, ties break by article order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import Field

from factcheck.schema import Article, Frozen

#: Below this many articles the neighbour index is exact (faiss flat): a few
#: thousand rows take milliseconds, and exact neighbours are easier to reason about.
EXACT_BELOW = 2000
#: Characters of an article's text that go into its vector after the title.
LEAD_CHARS = 400
#: How much the link threshold rises at each re-cut of an oversized component.
RECUT_STEP = 0.05


class StorySettings(Frozen):
    """How articles are linked into story blocks.

    Attributes:
        neighbours: links looked at per article (the graph's degree bound).
        threshold: least cosine of two article vectors to link them (see
            ``bench/RESULTS_scale.md`` for how it was chosen on ECB+ dev topics).
        max_articles: most articles in one block; memory and time of a block grow with
            the square of its claims, so this bounds a run's peak memory.
    """

    neighbours: int = Field(default=10, ge=1, le=100)
    threshold: float = Field(default=0.5, ge=-1.0, le=1.0)
    max_articles: int = Field(default=100, ge=1)


class Block(Frozen):
    """Articles that the per-story pipeline checks together."""

    id: str
    article_ids: tuple[str, ...]


class Partition(Frozen):
    """The blocks of one input, in the order of each block's first article."""

    settings: StorySettings
    blocks: tuple[Block, ...]

    def largest(self) -> int:
        """Articles in the largest block (what bounds memory)."""
        return max((len(b.article_ids) for b in self.blocks), default=0)


def article_text(article: Article) -> str:
    """What an article's vector is made of: the title and the lead (where a story shows).

    The lead is read from the content blocks (no markup, no front matter); an
    article without blocks falls back to its text.
    """
    title = (article.title or "").strip()
    parts: list[str] = []
    size = 0
    for block in article.blocks:
        if block.kind == "title" or size >= LEAD_CHARS:
            continue
        parts.append(block.text)
        size += len(block.text) + 1
    body = " ".join(parts) if parts else article.text
    lead = " ".join(body[:LEAD_CHARS].split())
    return f"{title}. {lead}" if title else lead


def neighbours(vectors: NDArray[np.float32], k: int) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """The ``k`` nearest other rows of each row by inner product: ``(indices, similarities)``, -1 where none."""
    import faiss

    n = len(vectors)
    k = min(k, n - 1)
    if k <= 0:
        return np.full((n, 0), -1, np.int64), np.zeros((n, 0), np.float32)
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)  # one thread: the same graph every run
    try:
        index: Any
        if n < EXACT_BELOW:
            index = faiss.IndexFlatIP(x.shape[1])
        else:
            index = faiss.IndexHNSWFlat(x.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = max(64, 4 * k)
        index.add(x)
        sims, idx = index.search(x, k + 1)
    finally:
        faiss.omp_set_num_threads(threads)
    out_i = np.full((n, k), -1, np.int64)
    out_s = np.zeros((n, k), np.float32)
    for row in range(n):
        found = [(int(j), float(s)) for j, s in zip(idx[row], sims[row], strict=True) if j >= 0 and j != row]
        found.sort(key=lambda t: (-round(t[1], 6), t[0]))  # ties by article order, not by index internals
        for col, (j, s) in enumerate(found[:k]):
            out_i[row, col], out_s[row, col] = j, s
    return out_i, out_s


def _edges(idx: NDArray[np.int64], sims: NDArray[np.float32], threshold: float) -> dict[tuple[int, int], float]:
    """Undirected links ``(i, j) -> cosine`` with ``i < j`` at or above ``threshold``."""
    edges: dict[tuple[int, int], float] = {}
    for i in range(idx.shape[0]):
        for j, s in zip(idx[i], sims[i], strict=True):
            if j < 0 or s < threshold:
                continue
            key = (min(i, int(j)), max(i, int(j)))
            edges[key] = max(edges.get(key, -2.0), float(s))
    return edges


def _components(members: Sequence[int], edges: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Connected components of ``members`` over links at or above ``threshold``, each sorted, by first member."""
    parent = {m: m for m in members}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), s in edges.items():
        if s >= threshold and i in parent and j in parent:
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for m in sorted(members):
        groups.setdefault(root(m), []).append(m)
    return sorted(groups.values(), key=lambda g: g[0])


def _walk_chunks(members: list[int], edges: dict[tuple[int, int], float], cap: int) -> list[list[int]]:
    """``members`` cut into runs of at most ``cap`` along a breadth-first walk of the strongest links."""
    inside = set(members)
    links: dict[int, list[tuple[float, int]]] = {m: [] for m in members}
    for (i, j), s in edges.items():
        if i in inside and j in inside:
            links[i].append((s, j))
            links[j].append((s, i))
    order: list[int] = []
    seen: set[int] = set()
    for start in members:
        if start in seen:
            continue
        queue, seen = [start], seen | {start}
        while queue:
            node = queue.pop(0)
            order.append(node)
            for _s, nxt in sorted(links[node], key=lambda t: (-t[0], t[1])):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
    return [sorted(order[k : k + cap]) for k in range(0, len(order), cap)]


def _split(members: list[int], edges: dict[tuple[int, int], float], threshold: float, cap: int) -> list[list[int]]:
    """A component cut until no part is over ``cap``: first at rising similarity, then along a walk."""
    if len(members) <= cap:
        return [members]
    higher = threshold + RECUT_STEP
    if higher > 1.0:
        return _walk_chunks(members, edges, cap)
    parts = _components(members, edges, higher)
    if len(parts) == 1:
        return _split(members, edges, higher, cap)
    return [piece for part in parts for piece in _split(part, edges, higher, cap)]


def partition(articles: Sequence[Article], vectors: NDArray[np.float32], settings: StorySettings) -> Partition:
    """Articles -> blocks of at most ``settings.max_articles``, linked by their nearest neighbours.

    Args:
        articles: the input's articles, in canonical (ingest) order.
        vectors: one L2-normalised row per article (of :func:`article_text`).
        settings: degree bound, link threshold and block cap.

    Returns:
        Blocks named ``story-001``, ``story-002``... in the order of each block's first article.
    """
    n = len(articles)
    if n == 0:
        return Partition(settings=settings, blocks=())
    if len(vectors) != n:
        raise ValueError(f"{len(vectors)} vectors for {n} articles")
    idx, sims = neighbours(vectors, settings.neighbours)
    edges = _edges(idx, sims, settings.threshold)
    parts = [
        piece
        for comp in _components(range(n), edges, settings.threshold)
        for piece in _split(comp, edges, settings.threshold, settings.max_articles)
    ]
    parts.sort(key=lambda p: p[0])
    width = max(3, len(str(len(parts))))
    blocks = tuple(
        Block(id=f"story-{k + 1:0{width}d}", article_ids=tuple(articles[i].id for i in part))
        for k, part in enumerate(parts)
    )
    return Partition(settings=settings, blocks=blocks)


def one_block(articles: Sequence[Article], settings: StorySettings) -> Partition:
    """Every article in one block (an input no larger than a block runs as one, exactly as before)."""
    ids = tuple(a.id for a in articles)
    return Partition(settings=settings, blocks=(Block(id="story-001", article_ids=ids),) if ids else ())


__all__ = ["Block", "Partition", "StorySettings", "article_text", "neighbours", "one_block", "partition"]
