"""Runs the stages in order; the only module that knows the order.

``check`` is the library's main entry: paths in, :class:`Report` out. Heavy
backends (embedder, spaCy, comparator) come in through :class:`Backends`, so
tests hand in fakes and nothing here loads a model by itself.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from factcheck import __version__
from factcheck.baseline import Baseline
from factcheck.cluster import SAME_CLAIM, anchors_for, cluster_claims, group_stories
from factcheck.compare import Comparator, Side, load_comparator, near_miss
from factcheck.config import Config
from factcheck.embed import Embedder, Vectors, default_embedder
from factcheck.errors import InputError
from factcheck.ingest import read_all
from factcheck.schema import SEVERITY, Article, Claim, ClaimCluster, Finding, Member, Report, Verdict
from factcheck.segment import segment
from factcheck.slots import SlotExtractor, Slots

if TYPE_CHECKING:
    from spacy.language import Language

#: Called as ``on_stage(name, done, total)`` while a run progresses (the CLI draws a bar).
StageCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Backends:
    """The heavy parts of a run, built once and passed in."""

    embedder: Embedder
    comparator: Comparator
    nlp: Language | None = None


def load_backends(config: Config) -> Backends:
    """The real models named by ``config`` (spaCy, MiniLM behind the cache, the shipped scorer)."""
    from factcheck.nlp import load_spacy

    return Backends(
        embedder=default_embedder(config.model, config.cache_dir),
        comparator=load_comparator(config.scorer, config.cross_encoder),
        nlp=load_spacy(config.spacy_model),
    )


@dataclass(frozen=True)
class _Prepared:
    """Articles with their claims, slots and vectors, aligned by index."""

    articles: list[Article]
    claims: list[Claim]
    slots: list[Slots]
    vectors: Vectors


def _noop(_stage: str, _done: int, _total: int) -> None:
    return None


def _reportable(verdict: Verdict, config: Config) -> bool:
    """A verdict worth a finding: it has a kind and is sure enough (more so when it names no slot)."""
    if verdict.kind is None or verdict.confidence < config.min_confidence:
        return False
    untyped = verdict.kind != "agreement" and verdict.type in (None, "other")
    return not untyped or verdict.confidence >= config.untyped_min_confidence


def _prepare(articles: list[Article], backends: Backends, on_stage: StageCallback) -> _Prepared:
    """Segment, extract slots and embed every article's claims."""
    segmented: list[Article] = []
    claims: list[Claim] = []
    for i, article in enumerate(articles):
        on_stage("segment", i, len(articles))
        found, removed = segment(article, backends.nlp)
        if removed:
            article = article.model_copy(update={"removed": (*article.removed, *removed)})
        segmented.append(article)
        claims.extend(found)
    on_stage("segment", len(articles), len(articles))
    by_id = {a.id: a for a in segmented}
    on_stage("slots", 0, 1)
    slots = SlotExtractor(backends.nlp).extract(
        [c.text for c in claims], [by_id[c.article_id].published for c in claims]
    )
    on_stage("slots", 1, 1)
    on_stage("embed", 0, 1)
    vectors = backends.embedder.encode([c.text for c in claims]) if claims else np.zeros((0, 1), np.float32)
    on_stage("embed", 1, 1)
    return _Prepared(segmented, claims, slots, vectors)


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


def _finding(verdict: Verdict, claim_ids: Sequence[str], cluster_id: str | None) -> Finding:
    assert verdict.kind is not None
    return Finding(
        id=f"F-{_digest(verdict.kind, str(verdict.type), *claim_ids)}",
        kind=verdict.kind,
        type=verdict.type,
        claim_ids=tuple(claim_ids),
        confidence=round(verdict.confidence, 4),
        explanation=verdict.explanation,
        cluster_id=cluster_id,
    )


class _Judge:
    """Compares claims by index, with each pair judged once."""

    def __init__(self, prepared: _Prepared, comparator: Comparator) -> None:
        self.p = prepared
        self.comparator = comparator
        self.index = {c.id: i for i, c in enumerate(prepared.claims)}
        self.published = {a.id: a.published for a in prepared.articles}
        self._seen: dict[tuple[int, int], Verdict] = {}

    def side(self, i: int) -> Side:
        claim = self.p.claims[i]
        return Side(
            text=claim.text, slots=self.p.slots[i], published=self.published[claim.article_id], speaker=claim.speaker
        )

    def similarity(self, i: int, j: int) -> float:
        return float(np.clip(self.p.vectors[i] @ self.p.vectors[j], -1.0, 1.0))

    def __call__(self, i: int, j: int) -> Verdict:
        if (i, j) not in self._seen:
            self._seen[(i, j)] = self.comparator.compare(self.side(i), self.side(j), self.similarity(i, j))
        return self._seen[(i, j)]


def _agreement_groups(edges: dict[tuple[int, int], float]) -> list[list[int]]:
    """Groups in which every claim agrees with every other, built greedily from the surest pairs.

    A chain of "A agrees with B, B agrees with C" does not make A agree with
    C, so groups are cliques of the agree graph, not its connected parts.
    """
    groups: list[set[int]] = []
    member: dict[int, int] = {}
    agree = set(edges)

    def agrees(x: int, y: int) -> bool:
        return (min(x, y), max(x, y)) in agree

    for (a, b), _ in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if a not in member and b not in member:
            member[a] = member[b] = len(groups)
            groups.append({a, b})
            continue
        for new, old in ((a, b), (b, a)):
            if new not in member and old in member and all(agrees(new, x) for x in groups[member[old]]):
                member[new] = member[old]
                groups[member[old]].add(new)
    return sorted(sorted(g) for g in groups)


def _cross_findings(p: _Prepared, clusters: list[ClaimCluster], judge: _Judge, config: Config) -> list[Finding]:
    """Every cross-source pair in a cluster is judged; agreements merge per cluster."""
    findings: list[Finding] = []
    for cluster in clusters:
        idx = sorted(judge.index[c] for c in cluster.claim_ids)
        agree: dict[tuple[int, int], float] = {}
        for i, j in itertools.combinations(idx, 2):
            if p.claims[i].article_id == p.claims[j].article_id:
                continue
            verdict = judge(i, j)
            if not _reportable(verdict, config):
                continue
            if verdict.kind == "agreement":
                agree[(i, j)] = verdict.confidence
            else:
                findings.append(_finding(verdict, [p.claims[i].id, p.claims[j].id], cluster.id))
        for group in _agreement_groups(agree):
            conf = [c for (a, b), c in agree.items() if a in group and b in group]
            sources = sorted({p.claims[i].article_id for i in group})
            verdict = Verdict(
                label="agree",
                kind="agreement",
                confidence=float(np.mean(conf)),
                explanation=f"{len(sources)} sources say the same thing: {', '.join(sources)}.",
            )
            findings.append(_finding(verdict, [p.claims[i].id for i in group], cluster.id))
    return findings


def _internal_findings(p: _Prepared, judge: _Judge, config: Config) -> list[Finding]:
    """Contradictions inside one article ("to the Moon" here, "to the earth" there).

    Only claims close enough to be about the same thing are compared, and
    only contradictions are kept: agreement within one source says nothing.
    """
    findings: list[Finding] = []
    by_article: dict[str, list[int]] = {}
    for i, claim in enumerate(p.claims):
        by_article.setdefault(claim.article_id, []).append(i)
    for idx in by_article.values():
        for i, j in itertools.combinations(idx, 2):
            if judge.similarity(i, j) < config.internal_threshold:
                continue
            verdict = judge(i, j)
            if verdict.kind == "contradiction" and _reportable(verdict, config):
                note = verdict.model_copy(update={"explanation": f"Within one source: {verdict.explanation}"})
                findings.append(_finding(note, [p.claims[i].id, p.claims[j].id], None))
    return findings


def _name_words(slots: Slots) -> set[str]:
    return {w for name in (*slots.names, *slots.people, *slots.organisations) for w in name.split() if w[:1].isupper()}


def _misspelling_findings(p: _Prepared, findings: Sequence[Finding], only_in: set[str] | None = None) -> list[Finding]:
    """Names that one source spells unlike every other source ("Roscomos" where others write "Roscosmos").

    A spelling is a property of the sources, not of one pair of claims, so this
    looks across all claims, whatever their clusters; pairs the comparator
    already flagged as an entity difference are not reported twice.
    """
    spellings: dict[str, dict[str, list[int]]] = {}  # lowercase word -> article -> claim indices
    shown: dict[str, str] = {}
    for i, claim in enumerate(p.claims):
        for word in _name_words(p.slots[i]):
            spellings.setdefault(word.lower(), {}).setdefault(claim.article_id, []).append(i)
            shown.setdefault(word.lower(), word)
    flagged = {c for f in findings if f.type == "entity" for c in f.claim_ids}
    out: list[Finding] = []
    for word, where in sorted(spellings.items()):
        if len(where) != 1:
            continue
        ((article, claims_here),) = where.items()
        others = {w for w, a in spellings.items() if w != word and set(a) - {article}}
        near = near_miss(word, others)
        if near is None or any(p.claims[i].id in flagged for i in claims_here):
            continue
        sources = sorted(set(spellings[near]) - {article})
        there = spellings[near][sources[0]][0]
        verdict = Verdict(
            label="neutral",
            kind="discrepancy",
            type="entity",
            confidence=round(min(0.95, 0.6 + 0.1 * len(sources)), 4),
            explanation=f"'{shown[word]}' in {article} looks like a misspelling of '{shown[near]}', "
            + (f"as {len(sources)} other sources write it." if len(sources) > 1 else "as another source writes it."),
        )
        out.append(_finding(verdict, [p.claims[claims_here[0]].id, p.claims[there].id], None))
    return out


def _draft_findings(
    p: _Prepared, draft_ids: set[str], judge: _Judge, config: Config
) -> tuple[list[ClaimCluster], list[Finding]]:
    """Each draft claim against its closest source claims: supported, contradicted, or unsupported."""
    drafts = [i for i, c in enumerate(p.claims) if c.article_id in draft_ids]
    sources = [i for i, c in enumerate(p.claims) if c.article_id not in draft_ids]
    clusters: list[ClaimCluster] = []
    findings: list[Finding] = []
    sims = p.vectors[drafts] @ p.vectors[sources].T if drafts and sources else np.zeros((len(drafts), 0))
    rank = {"contradiction": 0, "discrepancy": 1, "time_scoped": 2, "agreement": 3}
    for row, i in enumerate(drafts):
        order = sorted(range(len(sources)), key=lambda k: (-sims[row, k], k))[: config.max_matches]
        matches = [sources[k] for k in order if sims[row, k] >= config.match_threshold]
        cluster_id = f"cluster-{len(clusters) + 1:03d}"
        members = [Member(claim_id=p.claims[i].id, article_id=p.claims[i].article_id, strength=1.0)]
        members += [
            Member(
                claim_id=p.claims[j].id, article_id=p.claims[j].article_id, strength=round(judge.similarity(i, j), 4)
            )
            for j in matches
        ]
        clusters.append(
            ClaimCluster(id=cluster_id, claim_ids=tuple(m.claim_id for m in members), members=tuple(members))
        )
        judged = [(judge(i, j), j) for j in matches]
        bearing = [(v, j) for v, j in judged if _reportable(v, config)]
        if bearing:
            best_kind = min(rank[v.kind] for v, _ in bearing if v.kind in rank)
            chosen = [(v, j) for v, j in bearing if rank.get(v.kind or "", 9) == best_kind]
            verdict = max(chosen, key=lambda vj: vj[0].confidence)[0]
            findings.append(_finding(verdict, [p.claims[i].id, *(p.claims[j].id for _, j in chosen)], cluster_id))
        else:
            near = f" (closest source claim: similarity {sims[row, order[0]]:.2f})" if order else ""
            verdict = Verdict(
                label="neutral",
                kind="unsupported",
                confidence=1.0 - (float(sims[row, order[0]]) if order else 0.0) / 2,
                explanation=f"No source covers this claim{near}.",
            )
            findings.append(_finding(verdict, [p.claims[i].id], cluster_id))
    return clusters, findings


def _settings(config: Config, embedder: Embedder, mode: str) -> dict[str, float | int | str | bool | None]:
    """The thresholds and models a run used, recorded in the report."""
    out: dict[str, float | int | str | bool | None] = {
        "embedding_model": embedder.name,
        "min_confidence": config.min_confidence,
        "untyped_min_confidence": config.untyped_min_confidence,
    }
    if mode == "cross":
        out |= {
            "cluster_threshold": config.cluster_threshold,
            "story_threshold": config.story_threshold,
            "related_threshold": config.related_threshold,
            "story_penalty": config.story_penalty,
            "max_per_article": config.max_per_article,
            "max_article_share": config.max_article_share,
            "max_cluster_share": config.max_cluster_share,
            "same_claim_threshold": SAME_CLAIM,
            "internal_threshold": config.internal_threshold,
        }
    else:
        out |= {"match_threshold": config.match_threshold, "max_matches": config.max_matches}
    return out


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
    drafts, skipped = read_all(paths, config.limits())
    sources, skipped_sources = read_all(against, config.limits()) if against else ([], [])
    on_stage("ingest", 1, 1)
    articles = drafts + sources
    if not articles:
        raise InputError("no readable article in the given paths")
    if against and not drafts:
        raise InputError("no readable draft in the given paths")
    if against and not sources:
        raise InputError("no readable source in the --against paths")
    backends = backends or load_backends(config)
    prepared = _prepare(articles, backends, on_stage)
    judge = _Judge(prepared, backends.comparator)
    on_stage("compare", 0, 1)
    if against:
        mode = "draft"
        draft_ids = {a.id for a in drafts}
        clusters, findings = _draft_findings(prepared, draft_ids, judge, config)
        findings += _misspelling_findings(prepared, findings, only_in=draft_ids)
    else:
        mode = "cross"
        anchors = anchors_for([c.text for c in prepared.claims], backends.nlp)
        stories = group_stories(
            prepared.articles, prepared.claims, prepared.vectors, config.story_threshold, anchors=anchors
        )
        families = None
        if config.story_penalty is not None:
            families = group_stories(
                prepared.articles, prepared.claims, prepared.vectors, config.related_threshold, anchors=anchors
            )
        clusters = cluster_claims(
            prepared.claims,
            prepared.vectors,
            stories,
            config.cluster_threshold,
            anchors=anchors,
            max_per_article=config.max_per_article,
            max_article_share=config.max_article_share,
            max_cluster_share=config.max_cluster_share,
            families=families,
            story_penalty=config.story_penalty,
        )
        findings = _cross_findings(prepared, clusters, judge, config) + _internal_findings(prepared, judge, config)
        findings += _misspelling_findings(prepared, findings)
    on_stage("compare", 1, 1)
    if config.baseline is not None and config.baseline.exists():
        findings = Baseline.load(config.baseline).apply(findings, {c.id: c for c in prepared.claims})
    order = {"contradiction": 0, "discrepancy": 1, "time_scoped": 2, "unsupported": 3, "agreement": 4}
    findings.sort(key=lambda f: (order[f.kind], f.claim_ids, f.id))
    return Report(
        version=__version__,
        mode=mode,
        settings=_settings(config, backends.embedder, mode),
        articles=tuple(a.meta() for a in prepared.articles),
        claims=tuple(prepared.claims),
        clusters=tuple(clusters),
        findings=tuple(findings),
        skipped=tuple(sorted([*skipped, *skipped_sources], key=lambda s: s.path)),
        drafts=tuple(a.id for a in drafts) if against else (),
    )


def failing(report: Report, level: str) -> list[Finding]:
    """Findings at or above ``level`` that no baseline accepted (what makes exit code 1)."""
    if level == "never":
        return []
    floor = SEVERITY[level]
    return [f for f in report.findings if not f.baselined and SEVERITY.get(f.kind, 0) >= floor]


__all__ = ["Backends", "check", "failing", "load_backends"]
