"""Runs the stages in order; the only module that knows the order.

``check`` is the library's main entry: paths in, :class:`Report` out. The path
of a claim: ingest -> segment (one spaCy parse per sentence, kept with the
claim) -> facts (read from that parse) -> embed -> stories and clusters ->
judge (align facts, compare by type, one finding per fact). Heavy backends
(embedder, spaCy) come in through :class:`Backends`, so tests hand in fakes
and nothing here loads a model by itself. Decisions about findings live in
:mod:`factcheck.judge`, not here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from factcheck import __version__
from factcheck.artifacts import shipped_model
from factcheck.baseline import Baseline
from factcheck.cluster import (
    SAME_CLAIM,
    ClusterModel,
    anchors_from_parses,
    cluster_claims,
    cluster_claims_learned,
    group_stories,
    learned_stories,
)
from factcheck.cluster.model import MODEL_FILE
from factcheck.config import Config
from factcheck.embed import Embedder, Vectors, default_embedder, encode_with_windows
from factcheck.errors import InputError
from factcheck.facts import Fact, FactExtractor
from factcheck.families import Families, copy_edits, find_families
from factcheck.ingest import consistent_dates, read_all, unique_ids
from factcheck.judge import Case, JudgeSettings, cross_check, default_settings, draft_check
from factcheck.judge.features import phrase
from factcheck.parse import Parsed
from factcheck.schema import SEVERITY, Article, Claim, ClaimCluster, Finding, Report, Skipped
from factcheck.segment import segment_articles

if TYPE_CHECKING:
    from spacy.language import Language

#: Called as ``on_stage(name, done, total)`` while a run progresses (the CLI draws a bar).
StageCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Backends:
    """The heavy parts of a run, built once and passed in."""

    embedder: Embedder
    nlp: Language | None = None
    judge: JudgeSettings | None = None


def judge_settings(config: Config) -> JudgeSettings:
    """The judge's models and cut-offs for ``config`` (the shipped aligner and confidence models)."""
    return default_settings(
        aligner=config.aligner or shipped_model("aligner.json"),
        confidence=config.confidence_model or shipped_model("confidence.json"),
        min_confidence=config.min_confidence,
        same_claim=SAME_CLAIM,
        match_threshold=config.match_threshold,
        max_matches=config.max_matches,
    )


def load_backends(config: Config) -> Backends:
    """The real models named by ``config`` (spaCy, MiniLM behind the cache, the shipped judge models)."""
    from factcheck.nlp import load_spacy

    return Backends(
        embedder=default_embedder(config.model, config.cache_dir),
        nlp=load_spacy(config.spacy_model),
        judge=judge_settings(config),
    )


@dataclass(frozen=True)
class Prepared:
    """Articles with their claims, parses, facts and vectors, aligned by claim index."""

    articles: list[Article]
    claims: list[Claim]
    parses: list[Parsed]
    facts: list[tuple[Fact, ...]]
    vectors: Vectors
    phrases: dict[str, np.ndarray]
    contexts: dict[str, np.ndarray]


def _noop(_stage: str, _done: int, _total: int) -> None:
    return None


def _windowed_text(claim: Claim, parsed: Parsed) -> str:
    """The text a claim's fact windows index: the parsed sentence, which is the claim's own text unless
    the claim was rewritten to stand alone ("It [The quake] was centred ..."); case alone does not count."""
    same = len(parsed.text) == len(claim.text) and parsed.text.lower() == claim.text.lower()
    return claim.text if same else parsed.text


def prepare(articles: Sequence[Article], backends: Backends, on_stage: StageCallback = _noop) -> Prepared:
    """Segment every article (one parse per sentence), read each claim's facts from it, embed the claims."""
    segmented: list[Article] = []
    claims: list[Claim] = []
    parses: list[Parsed] = []
    dated = consistent_dates(articles)
    on_stage("segment", 0, len(articles))
    done_all = segment_articles(dated, backends.nlp, lambda i: on_stage("segment", i + 1, len(articles)))
    for article, done in zip(dated, done_all, strict=True):
        if done.removed:
            article = article.model_copy(update={"removed": (*article.removed, *done.removed)})
        segmented.append(article)
        claims.extend(done.claims)
        parses.extend(done.parses)
    published = {a.id: a.published for a in segmented}
    on_stage("facts", 0, 1)
    facts = FactExtractor().extract(claims, parses, [published[c.article_id] for c in claims])
    on_stage("facts", 1, 1)
    on_stage("embed", 0, 1)
    # claims and phrases in one call: one set of length batches, and a phrase that is a claim's text embedded once;
    # the words around each value are read from their claim's own pass (a window), not embedded again
    # each fact's attribute phrase, and its event's lemma alone (two events may be one: "bought", "acquired")
    wanted = sorted({t for group in facts for f in group for t in (phrase(f), f.what.event) if t})
    read_in = [_windowed_text(c, p) for c, p in zip(claims, parses, strict=True)]
    texts = sorted({c.text for c in claims} | set(wanted) | set(read_in))
    row = {t: i for i, t in enumerate(texts)}
    pairs = [(t, f) for t, fs in zip(read_in, facts, strict=True) for f in fs if f.what.window]
    windowed = [(f.id, (row[t], f.what.window)) for t, f in pairs]
    text_vectors, window_vectors = encode_with_windows(backends.embedder, texts, [w for _, w in windowed])
    by_text = dict(zip(texts, text_vectors, strict=True)) if texts else {}
    vectors = np.stack([by_text[c.text] for c in claims]) if claims else np.zeros((0, 1), np.float32)
    phrases = {t: by_text[t] for t in wanted}
    contexts = {fid: window_vectors[k] for k, (fid, _) in enumerate(windowed)}
    on_stage("embed", 1, 1)
    return Prepared(segmented, claims, parses, facts, vectors, phrases, contexts)


def cluster_model(config: Config) -> ClusterModel | None:
    """The learned story and same-event models ``config`` names (the shipped one by default), or None."""
    if config.hand_tuned_clusters:
        return None
    path = config.cluster_model or shipped_model(MODEL_FILE)
    return None if path is None else ClusterModel.load(path)


def _clusters(p: Prepared, config: Config, nlp: Language | None) -> tuple[dict[str, str], list[ClaimCluster]]:
    """Stories of articles, then clusters of claims across sources within them."""
    anchors = anchors_from_parses(p.parses, nlp)  # the segmentation parse, not a second one
    model = cluster_model(config)
    if model is not None:
        grouping = learned_stories(p.articles, p.claims, p.vectors, anchors, model)
        clusters = cluster_claims_learned(
            p.claims,
            p.vectors,
            anchors,
            p.facts,
            grouping,
            model.claim,
            max_article_share=config.max_article_share,
            max_cluster_share=config.max_cluster_share,
        )
        return grouping.stories, clusters
    stories = group_stories(p.articles, p.claims, p.vectors, config.story_threshold, anchors=anchors)
    families = None
    if config.story_penalty is not None:
        families = group_stories(p.articles, p.claims, p.vectors, config.related_threshold, anchors=anchors)
    clusters = cluster_claims(
        p.claims,
        p.vectors,
        stories,
        config.cluster_threshold,
        anchors=anchors,
        max_per_article=config.max_per_article,
        max_article_share=config.max_article_share,
        max_cluster_share=config.max_cluster_share,
        families=families,
        story_penalty=config.story_penalty,
    )
    return stories, clusters


def build_case(
    articles: Sequence[Article],
    backends: Backends,
    config: Config,
    cross: bool = True,
    on_stage: StageCallback = _noop,
) -> tuple[Case, Prepared, Families]:
    """Everything the judge reads about some articles: copies, claims, facts, vectors, stories and clusters."""
    copies = find_families(articles)
    articles = [a.model_copy(update={"family": copies.of(a.id)}) for a in articles]
    edits = [e for family in copies.families for e in copy_edits(family, articles)]
    prepared = prepare(articles, backends, on_stage)
    stories, clusters = _clusters(prepared, config, backends.nlp) if cross else ({}, [])
    case = Case(
        prepared.claims,
        prepared.facts,
        prepared.vectors,
        stories,
        clusters,
        {a.id: a.published for a in prepared.articles},
        prepared.phrases,
        copies.family_of,
        edits,
        prepared.contexts,
    )
    return case, prepared, copies


def _settings(config: Config, embedder: Embedder, mode: str) -> dict[str, float | int | str | bool | None]:
    """The thresholds and models a run used, recorded in the report."""
    out: dict[str, float | int | str | bool | None] = {
        "embedding_model": embedder.name,
        "min_confidence": config.min_confidence,
    }
    if mode == "cross" and not config.hand_tuned_clusters and (model := cluster_model(config)) is not None:
        out |= {
            "cluster_model": model.trained_on or "custom",
            "story_threshold": model.story.threshold,
            "cluster_threshold": model.claim.threshold,
            "max_article_share": config.max_article_share,
            "max_cluster_share": config.max_cluster_share,
            "same_claim_threshold": SAME_CLAIM,
        }
    elif mode == "cross":
        out |= {
            "cluster_threshold": config.cluster_threshold,
            "story_threshold": config.story_threshold,
            "related_threshold": config.related_threshold,
            "story_penalty": config.story_penalty,
            "max_per_article": config.max_per_article,
            "max_article_share": config.max_article_share,
            "max_cluster_share": config.max_cluster_share,
            "same_claim_threshold": SAME_CLAIM,
        }
    else:
        out |= {"match_threshold": config.match_threshold, "max_matches": config.max_matches}
    return out


def read_inputs(
    paths: Sequence[Path], against: Sequence[Path], config: Config
) -> tuple[list[Article], list[Article], list[Skipped]]:
    """Drafts (or sources, without ``against``), sources, and what could not be read.

    Raises:
        InputError: nothing at all could be read, or one side of a draft check is empty.
    """
    drafts, skipped = read_all(paths, config.limits())
    sources, skipped_sources = read_all(against, config.limits()) if against else ([], [])
    if not drafts and not sources:
        raise InputError("no readable article in the given paths")
    if against and not drafts:
        raise InputError("no readable draft in the given paths")
    if against and not sources:
        raise InputError("no readable source in the --against paths")
    if against:
        sources = unique_ids(sources, taken={a.id for a in drafts})
    return drafts, sources, sorted([*skipped, *skipped_sources], key=lambda s: s.path)


def check(
    paths: Sequence[Path],
    against: Sequence[Path] = (),
    config: Config | None = None,
    backends: Backends | None = None,
    on_stage: StageCallback | None = None,
) -> Report:
    """Cross-check ``paths`` with each other, or, given ``against``, check them as drafts.

    Unreadable files are listed in ``Report.skipped``; the run fails only when
    nothing at all could be read.
    """
    config = config or Config()
    on_stage = on_stage or _noop
    on_stage("ingest", 0, 1)
    drafts, sources, skipped = read_inputs(paths, against, config)
    on_stage("ingest", 1, 1)
    return check_articles(drafts, sources, skipped, config, backends, on_stage)


def check_articles(
    drafts: Sequence[Article],
    sources: Sequence[Article] = (),
    skipped: Sequence[Skipped] = (),
    config: Config | None = None,
    backends: Backends | None = None,
    on_stage: StageCallback | None = None,
) -> Report:
    """The report on articles already read: the per-input (and per-story) unit of a run.

    Without ``sources`` every article of ``drafts`` is a source cross-checked
    with the others; with them, ``drafts`` are checked against ``sources``.
    """
    config = config or Config()
    on_stage = on_stage or _noop
    against = bool(sources)
    articles = [*drafts, *sources]
    if not articles:
        raise InputError("no readable article in the given paths")
    backends = backends or load_backends(config)
    settings = backends.judge or judge_settings(config)
    case, prepared, copies = build_case(articles, backends, config, cross=not against, on_stage=on_stage)
    on_stage("compare", 0, 1)
    findings: list[Finding]
    clusters: list[ClaimCluster]
    if against:
        mode = "draft"
        clusters, findings = draft_check(case, {a.id for a in drafts}, settings)
    else:
        mode = "cross"
        clusters, findings = list(case.clusters), cross_check(case, settings)
    on_stage("compare", 1, 1)
    if config.baseline is not None and config.baseline.exists():
        findings = Baseline.load(config.baseline).apply(findings, {c.id: c for c in prepared.claims})
    return Report(
        version=__version__,
        mode=mode,
        settings=_settings(config, backends.embedder, mode),
        articles=tuple(a.meta() for a in prepared.articles),
        claims=tuple(prepared.claims),
        clusters=tuple(clusters),
        findings=tuple(findings),
        skipped=tuple(skipped),
        drafts=tuple(a.id for a in drafts) if against else (),
        families=copies.families,
    )


def failing(report: Report, level: str) -> list[Finding]:
    """Findings at or above ``level`` that no baseline accepted (what makes exit code 1)."""
    if level == "never":
        return []
    floor = SEVERITY[level]
    return [f for f in report.findings if not f.baselined and SEVERITY.get(f.kind, 0) >= floor]


__all__ = [
    "Backends",
    "Prepared",
    "build_case",
    "check",
    "check_articles",
    "failing",
    "judge_settings",
    "load_backends",
    "prepare",
    "read_inputs",
]
