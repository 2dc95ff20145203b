from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from factcheck.embed import (
    CachedEmbedder,
    HashingEmbedder,
    SentenceTransformerEmbedder,
    Vectors,
    encode_with_windows,
    length_batches,
)


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


def test_windows_without_a_pooling_embedder_embed_the_window_words() -> None:
    text = "The bridge collapsed at 1:28 a.m. on Tuesday, killing six workers."
    window = ((0, 24), (34, 45))
    vectors, windows = encode_with_windows(HashingEmbedder(), [text], [(0, window)])
    assert np.allclose(vectors, HashingEmbedder().encode([text]))
    assert np.allclose(windows, HashingEmbedder().encode(["The bridge collapsed at … on Tuesday,"]))


def test_embed_cache_keeps_windows_and_reencodes_a_text_only_for_a_new_window(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    texts = ["Six workers died when the bridge fell.", "The bridge opened in 1977."]
    first = CachedEmbedder(inner, tmp_path).encode_windows(texts, [(0, ((0, 11),)), (1, ((0, 10),))])
    inner.seen.clear()
    again = CachedEmbedder(inner, tmp_path).encode_windows(texts, [(1, ((0, 10),)), (0, ((0, 11),))])
    assert inner.seen == []
    assert np.allclose(again[0], first[0]) and np.allclose(again[1][::-1], first[1])
    CachedEmbedder(inner, tmp_path).encode_windows(texts, [(1, ((11, 25),))])
    assert texts[0] not in inner.seen and texts[1] in inner.seen  # only the text with a new window is encoded


@pytest.mark.slow
def test_embed_pooled_windows_come_from_the_claims_own_pass() -> None:
    texts = [
        "On Tuesday the bridge collapsed, killing six construction workers who were filling potholes.",
        "Six construction workers were killed on the bridge, which opened to traffic in 1977.",
    ]
    model = SentenceTransformerEmbedder()
    vectors, windows = model.encode_windows(texts, [(0, ((33, 65),)), (1, ((0, 36),)), (1, ((52, 84),))])
    assert np.allclose(vectors, np.vstack([model.encode([t]) for t in texts]), atol=1e-5)
    assert np.allclose(np.linalg.norm(windows, axis=1), 1.0, atol=1e-5)
    killed, killed_again, opened = windows
    assert float(killed @ killed_again) > float(killed @ opened)  # the same words in two claims meet


@pytest.mark.slow
def test_embed_a_window_past_the_models_limit_is_a_zero_vector() -> None:
    text = "word " * 400 + "the bridge fell"
    _, windows = SentenceTransformerEmbedder().encode_windows([text], [(0, ((len(text) - 15, len(text)),))])
    assert not windows.any()  # nothing of it was read: unrelated to everything, not a stray direction
