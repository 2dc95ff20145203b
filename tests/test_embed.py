from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from factcheck.embed import CachedEmbedder, HashingEmbedder, SentenceTransformerEmbedder, Vectors, length_batches


class CountingEmbedder(HashingEmbedder):
    def __init__(self, name: str = "counting") -> None:
        super().__init__()
        self._name = name
        self.seen: list[str] = []

    @property
    def name(self) -> str:
        return self._name

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return super().encode(texts)


def test_embed_hashing_is_deterministic_and_normalised() -> None:
    a = HashingEmbedder().encode(["The bridge closes.", "Something else entirely"])
    b = HashingEmbedder().encode(["The bridge closes.", "Something else entirely"])
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)


def test_embed_cache_reuses_vectors_and_only_embeds_new_texts(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    first = cached.encode(["one", "two", "one"])
    assert sorted(inner.seen) == ["one", "two"]
    inner.seen.clear()
    again = CachedEmbedder(inner, tmp_path).encode(["two", "one", "three"])
    assert inner.seen == ["three"]
    assert np.allclose(again[0], first[1]) and np.allclose(again[1], first[0])


def test_embed_cache_is_keyed_by_model_name(tmp_path: Path) -> None:
    CachedEmbedder(CountingEmbedder("m1"), tmp_path).encode(["text"])
    other = CountingEmbedder("m2")
    CachedEmbedder(other, tmp_path).encode(["text"])
    assert other.seen == ["text"]


@pytest.mark.slow
def test_embed_packaged_model_loads_offline() -> None:
    vectors = SentenceTransformerEmbedder().encode(["Russia and China plan a lunar base.", "A base on the Moon."])
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ vectors[1]) > 0.5


def test_length_batches_cover_every_text_once_shortest_first_and_near_equal() -> None:
    lengths = [70, 5, 6, 5, 40, 41, 6, 90, 5, 12]
    batches = length_batches(lengths, size=2)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len(b) <= 2 for b in batches)
    flat = [lengths[i] for b in batches for i in b]
    assert flat == sorted(flat)
    assert all(lengths[b[-1]] <= lengths[b[0]] * 1.25 + 1 for b in batches)
    assert length_batches(lengths, size=2) == batches  # a pure function of the lengths


@pytest.mark.slow
def test_embed_length_batches_give_the_vectors_of_one_plain_batch() -> None:
    texts = ["A ship.", "The container ship Ever Given blocked the Suez Canal for six days in March 2021.", "Six days."]
    model = SentenceTransformerEmbedder()
    one_by_one = np.vstack([model.encode([t]) for t in texts])
    assert np.allclose(model.encode(texts), one_by_one, atol=1e-5)
