from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from factcheck.embed import CachedEmbedder, HashingEmbedder, SentenceTransformerEmbedder, Vectors


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
