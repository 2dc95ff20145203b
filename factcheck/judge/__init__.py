"""The judge: from claims and their facts to findings, one per fact.

The path of one claim through this stage: its facts are aligned with the facts
of every other source of its story (:mod:`.align`), each group of aligned facts
is compared by the rules of its type (:mod:`.values`) and becomes one finding
listing every source's value (:mod:`.findings`), with a calibrated confidence
(:mod:`.confidence`). Names spelt differently across sources are found over all
name facts (:mod:`.names`). Claims that restate each other without a checkable
fact agree as claims. In draft mode (:mod:`.drafts`) each draft claim is
checked against the sources' facts and claims.

Decisions about what becomes a finding live here, not in the pipeline runner.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from factcheck.judge.align import AlignModel, FactGroup, align, story_date
from factcheck.judge.case import Case, JudgeSettings
from factcheck.judge.claims import same_claim_agreements
from factcheck.judge.confidence import Calibrator
from factcheck.judge.copies import edited_copies, with_independence
from factcheck.judge.drafts import draft_findings
from factcheck.judge.findings import group_findings
from factcheck.judge.names import misnamed, misspellings
from factcheck.schema import KIND_ORDER, ClaimCluster, Finding


def default_settings(
    aligner: Path | None = None, confidence: Path | None = None, **cutoffs: float | int
) -> JudgeSettings:
    """Settings with the shipped (or given) aligner and confidence models."""
    return JudgeSettings(aligner=AlignModel.load(aligner), calibrator=Calibrator.load(confidence), **cutoffs)  # type: ignore[arg-type]


def _story_groups(case: Case, settings: JudgeSettings) -> list[FactGroup]:
    index = {c.id: i for i, c in enumerate(case.claims)}
    by_story: dict[str, list[int]] = {}
    for i, claim in enumerate(case.claims):
        by_story.setdefault(case.stories.get(claim.article_id, "story-1"), []).append(i)
    groups: list[FactGroup] = []
    for story in sorted(by_story):
        rows = by_story[story]
        local = {case.claims[i].id: n for n, i in enumerate(rows)}
        vec = case.vectors[rows]
        cosine = np.clip(vec @ vec.T, -1.0, 1.0)
        facts = [f for i in rows for f in case.facts[i]]
        when = story_date([case.published.get(case.claims[i].article_id) for i in rows])
        groups.extend(align(facts, cosine, local, settings.aligner, case.phrases, case.contexts, when))
    groups.sort(key=lambda g: (index[g.facts[0].claim_id], g.facts[0].span.start))
    return groups


def _signature(f: Finding) -> tuple[object, ...]:
    """What a reader sees of a finding: its kind and each source's value (a repeated headline adds nothing)."""
    return (f.kind, f.reason, tuple(sorted({(v.article_id, v.value.lower()) for v in f.values})) or f.claim_ids)


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Findings in the order to check them, each shown once.

    A finding whose every value an earlier one already shows (the same words of the same sources: "All
    379 passengers" read as a count and as the whole) adds nothing and is left out.
    """
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    out: list[Finding] = []
    seen: set[tuple[object, ...]] = set()
    shown: list[frozenset[tuple[str, int, int]]] = []
    for f in sorted(findings, key=lambda f: (rank[f.kind], -f.confidence, f.claim_ids, f.id)):
        spans = frozenset((v.article_id, v.span.start, v.span.end) for v in f.values)
        if spans and any(spans <= s for s in shown):
            continue
        if _signature(f) not in seen and f.id not in {o.id for o in out}:
            seen.add(_signature(f))
            out.append(f)
            shown.append(spans)
    return out


def cross_check(case: Case, settings: JudgeSettings) -> list[Finding]:
    """Every source against every other: one finding per fact, misspellings, restated claims."""
    cluster_of = {cid: cl.id for cl in case.clusters for cid in cl.claim_ids}
    siblings = {c.id: facts for c, facts in zip(case.claims, case.facts, strict=True)}
    findings: list[Finding] = []
    for group in _story_groups(case, settings):
        for finding in group_findings(group, settings.calibrator, cluster_of, siblings):
            if finding.confidence >= settings.min_confidence:
                findings.append(finding)
    # a spelling is a property of the whole input: a name spelt two ways is worth a look even across stories
    names = [f for facts in case.facts for f in facts]
    findings.extend(f for f in misspellings(names, settings.calibrator) if f.confidence >= settings.min_confidence)
    findings.extend(f for f in misnamed(names, settings.calibrator) if f.confidence >= settings.min_confidence)
    restated = same_claim_agreements(case, findings, settings.same_claim, settings.calibrator)
    findings.extend(f for f in restated if f.confidence >= settings.min_confidence)
    findings = with_independence(findings, case.family_of)
    findings.extend(edited_copies(case.edits, case.claims, findings))
    return _ordered(findings)


def draft_check(case: Case, draft_ids: set[str], settings: JudgeSettings) -> tuple[list[ClaimCluster], list[Finding]]:
    """Each draft claim against the sources: supported, contradicted, differing, or unsupported."""
    clusters, findings = draft_findings(case, draft_ids, settings)
    return clusters, _ordered(with_independence(findings, case.family_of))


__all__ = ["Case", "JudgeSettings", "cross_check", "default_settings", "draft_check"]
