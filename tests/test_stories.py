"""Story blocks from article vectors: bounded size, unrelated stories apart, the same blocks every run."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.schema import Article
from factcheck.stories import EXACT_BELOW, StorySettings, neighbours, one_block, partition


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i:05d}", path=f"a{i:05d}.txt", text="x") for i in range(n)]


def _groups(sizes: list[int], dim: int = 32, noise: float = 0.05, seed: int = 0) -> np.ndarray:
    """Unit vectors in tight groups of ``sizes`` around random centres."""
    rng = np.random.default_rng(seed)
    rows = []
    for size in sizes:
        centre = rng.normal(size=dim)
        rows.append(centre + noise * rng.normal(size=(size, dim)))
    x = np.vstack(rows).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _labels(p, n: int) -> list[str]:
    of = {a: b.id for b in p.blocks for a in b.article_ids}
    return [of[f"a{i:05d}"] for i in range(n)]


def test_stories_partition_separates_unrelated_groups() -> None:
    sizes = [5, 3, 8, 1, 4]
    p = partition(_articles(sum(sizes)), _groups(sizes), StorySettings(threshold=0.5))
    assert [len(b.article_ids) for b in p.blocks] == sizes
    assert [b.id for b in p.blocks] == ["story-001", "story-002", "story-003", "story-004", "story-005"]


@pytest.mark.parametrize(("n", "cap"), [(60, 7), (300, 25), (EXACT_BELOW + 300, 150)])
def test_stories_partition_never_puts_more_than_cap_articles_in_a_block(n: int, cap: int) -> None:
    vectors = _groups([n], noise=0.3)  # one huge story: everything links to everything
    p = partition(_articles(n), vectors, StorySettings(threshold=0.2, max_articles=cap))
    sizes = [len(b.article_ids) for b in p.blocks]
    assert max(sizes) <= cap
    assert sorted(a for b in p.blocks for a in b.article_ids) == [a.id for a in _articles(n)]  # each exactly once
    assert p.largest() == max(sizes)


def test_stories_partition_is_the_same_every_run_on_the_approximate_index() -> None:
    n = EXACT_BELOW + 200
    vectors = _groups([n // 4] * 4, noise=0.6, seed=3)
    first = partition(_articles(n), vectors, StorySettings(threshold=0.4, max_articles=300))
    second = partition(_articles(n), vectors.copy(), StorySettings(threshold=0.4, max_articles=300))
    assert first == second


def test_stories_neighbours_are_the_nearest_others_in_order() -> None:
    x = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]], np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    idx, sims = neighbours(x, 2)
    assert idx[0].tolist() == [1, 3] and idx[2].tolist() == [3, 1]
    assert sims[0, 0] > sims[0, 1]


def test_stories_one_article_and_no_article() -> None:
    one = partition(_articles(1), _groups([1]), StorySettings())
    assert [b.article_ids for b in one.blocks] == [("a00000",)]
    assert partition([], np.zeros((0, 4), np.float32), StorySettings()).blocks == ()
    assert one_block(_articles(3), StorySettings()).blocks[0].article_ids == ("a00000", "a00001", "a00002")
