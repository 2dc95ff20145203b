"""On-disk cache of the pipeline's per-topic preparation for the clustering CV (no pickle).

``pipeline.prepare`` (segment, facts, embed) and spaCy anchors are the slow part
of a clustering run; they do not depend on any clustering setting, so each
ECB+ topic is prepared once and stored as JSON + ``.npy`` under
``bench/out/cv-v2/``. Bump the folder when ingest, segmentation, facts or
anchors change.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factcheck.cluster import ClaimAnchors
from factcheck.facts import Fact
from factcheck.schema import Article, Claim

CV_CACHE = Path("bench/out/cv-v2")

Key = tuple[str, int]


@dataclass
class CachedTopic:
    """One topic as ``check`` prepares it: articles, claims, facts, vectors, anchors, claim -> sentences."""

    number: int
    articles: list[Article]
    claims: list[Claim]
    facts: list[tuple[Fact, ...]]
    vectors: np.ndarray
    anchors: list[ClaimAnchors]
    sentences: list[list[Key]]


def _paths(number: int) -> tuple[Path, Path]:
    return CV_CACHE / f"{number}.json", CV_CACHE / f"{number}.npy"


def load(number: int) -> CachedTopic | None:
    """The cached topic, or None when it was never prepared."""
    js, npy = _paths(number)
    if not (js.exists() and npy.exists()):
        return None
    raw = json.loads(js.read_text(encoding="utf-8"))
    return CachedTopic(
        number=number,
        articles=[Article.model_validate(a) for a in raw["articles"]],
        claims=[Claim.model_validate(c) for c in raw["claims"]],
        facts=[tuple(Fact.model_validate(f) for f in group) for group in raw["facts"]],
        vectors=np.load(npy),
        anchors=[ClaimAnchors.model_validate(a) for a in raw["anchors"]],
        sentences=[[(k[0], int(k[1])) for k in keys] for keys in raw["sentences"]],
    )


def store(t: CachedTopic) -> None:
    """Write one prepared topic (JSON for the models, ``.npy`` for the vectors)."""
    CV_CACHE.mkdir(parents=True, exist_ok=True)
    js, npy = _paths(t.number)
    raw = {
        "articles": [a.model_dump(mode="json") for a in t.articles],
        "claims": [c.model_dump(mode="json") for c in t.claims],
        "facts": [[f.model_dump(mode="json") for f in group] for group in t.facts],
        "anchors": [a.model_dump(mode="json") for a in t.anchors],
        "sentences": [[list(k) for k in keys] for keys in t.sentences],
    }
    js.write_text(json.dumps(raw), encoding="utf-8")
    np.save(npy, np.asarray(t.vectors, dtype=np.float32))


def prepare_topics(topics: Sequence[object], fresh: bool = False) -> list[CachedTopic]:
    """Prepare (or load) every topic exactly as ``pipeline.check`` would, documents dated where ECB+ knows."""
    from cluster_bench import sentences_of, write_topic

    from factcheck import pipeline
    from factcheck.cluster import anchors_from_parses
    from factcheck.config import Config
    from factcheck.ingest import read_all

    backends = None
    out = []
    for t in topics:
        number = t.number  # type: ignore[attr-defined]
        cached = None if fresh else load(number)
        if cached is not None:
            out.append(cached)
            continue
        if backends is None:
            backends = pipeline.load_backends(Config(cache_dir=Path(".factcheck_cache").resolve()))
        with tempfile.TemporaryDirectory() as tmp:
            spans = write_topic(t, Path(tmp), True)  # type: ignore[arg-type]
            articles, _ = read_all([Path(tmp)])
            prepared = pipeline.prepare(articles, backends)
        stem = {a.id: Path(a.path).stem for a in prepared.articles}
        claims = list(prepared.claims)
        keys: dict[str, list[tuple[int, int, Key]]] = defaultdict(list, spans)
        ct = CachedTopic(
            number=number,
            articles=list(prepared.articles),
            claims=claims,
            facts=list(prepared.facts),
            vectors=np.asarray(prepared.vectors, dtype=np.float32),
            anchors=anchors_from_parses(prepared.parses, backends.nlp),
            sentences=[sentences_of(c, keys[stem[c.article_id]]) for c in claims],
        )
        store(ct)
        out.append(ct)
        print(f"prepared topic {number}: {len(claims)} claims", flush=True)
    return out
