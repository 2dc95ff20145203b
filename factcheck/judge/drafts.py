"""A draft against its sources: each draft claim supported, contradicted, differing, or unsupported.

The draft's facts are aligned with the sources' facts exactly as sources are
aligned with each other; a draft value that cannot be true beside the sources'
values contradicts them. A draft claim with no fact in common with the
sources is supported when a source claim says the same thing (cosine at or
above the match threshold), and unsupported otherwise.
"""

from __future__ import annotations

import hashlib

import numpy as np

from factcheck.facts.model import Fact
from factcheck.judge.align import FactGroup, align, story_date
from factcheck.judge.case import Case, JudgeSettings
from factcheck.judge.findings import SAME_FACT, describe, diff_type, normalized
from factcheck.judge.names import misspellings
from factcheck.judge.values import SEVERITY, Relation, relate
from factcheck.schema import ClaimCluster, FactValue, Finding, Kind, Member, Reason

_KIND: dict[str, Kind] = {"conflict": "contradiction", "differs": "discrepancy"}


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


def _value(f: Fact) -> FactValue:
    return FactValue(
        claim_id=f.claim_id,
        article_id=f.article_id,
        value=f.text,
        span=f.span,
        normalized=normalized(f),
        as_of=f.as_of,
        source=f.source,
    )


def _judge_fact(fact: Fact, group: FactGroup, drafts: set[str]) -> tuple[Relation, list[Fact]]:
    """The draft fact's relation to the group's source facts: the worst one, and the sources holding it."""
    sources = [f for f in group.facts if f.article_id not in drafts]
    worst = Relation("same")
    holding: list[Fact] = []
    for other in sources:
        rel = relate(fact, other)
        if SEVERITY[rel.kind] > SEVERITY[worst.kind]:
            worst, holding = rel, [other]
        elif rel.kind == worst.kind:
            holding.append(other)
    if all(relate(fact, s).kind in {"same", "compatible"} for s in sources):
        return Relation("same"), sources
    if any(relate(fact, s).kind in {"same", "compatible"} for s in sources) and worst.kind == "conflict":
        worst = Relation("differs", "the sources themselves differ; the draft agrees with some")
    return worst, holding


def draft_findings(
    case: Case, draft_ids: set[str], settings: JudgeSettings
) -> tuple[list[ClaimCluster], list[Finding]]:
    """One finding and one cluster per draft claim."""
    claims = case.claims
    index = {c.id: i for i, c in enumerate(claims)}
    drafts = [i for i, c in enumerate(claims) if c.article_id in draft_ids]
    sources = [i for i, c in enumerate(claims) if c.article_id not in draft_ids]
    cosine = np.clip(case.vectors @ case.vectors.T, -1.0, 1.0) if len(claims) else np.zeros((0, 0), dtype=np.float32)
    all_facts = [f for facts in case.facts for f in facts]
    when = story_date([case.published.get(c.article_id) for c in claims])
    groups = align(all_facts, cosine, index, settings.aligner, case.phrases, case.contexts, when)
    by_fact = {f.id: g for g in groups for f in g.facts}
    clusters: list[ClaimCluster] = []
    findings: list[Finding] = []
    for i in drafts:
        claim = claims[i]
        order = sorted(sources, key=lambda j: (-cosine[i, j], j))[: settings.max_matches]
        matches = [j for j in order if cosine[i, j] >= settings.match_threshold]
        cluster_id = f"cluster-{len(clusters) + 1:03d}"
        members = [Member(claim_id=claim.id, article_id=claim.article_id, strength=1.0)]
        members += [
            Member(claim_id=claims[j].id, article_id=claims[j].article_id, strength=round(float(cosine[i, j]), 4))
            for j in matches
        ]
        clusters.append(
            ClaimCluster(id=cluster_id, claim_ids=tuple(m.claim_id for m in members), members=tuple(members))
        )
        judged: list[tuple[Relation, Fact, list[Fact], FactGroup]] = []
        for fact in case.facts[i]:
            group = by_fact.get(fact.id)
            if group is None or not any(f.article_id not in draft_ids for f in group.facts):
                continue
            if group.cohesion < SAME_FACT:
                continue  # more likely about another thing than about this one: nothing to compare
            rel, holding = _judge_fact(fact, group, draft_ids)
            judged.append((rel, fact, holding, group))
        findings.append(
            _claim_finding(
                claim.id,
                judged,
                matches,
                [claims[j].id for j in matches],
                cosine[i],
                order,
                claims,
                cluster_id,
                settings,
            )
        )
    facts_flat = [f for facts in case.facts for f in facts]
    findings.extend(misspellings(facts_flat, settings.calibrator, only_in=draft_ids))
    return clusters, findings


def _claim_finding(
    claim_id: str,
    judged: list[tuple[Relation, Fact, list[Fact], FactGroup]],
    matches: list[int],
    match_ids: list[str],
    sims: np.ndarray,
    order: list[int],
    claims: object,
    cluster_id: str,
    settings: JudgeSettings,
) -> Finding:
    """The draft claim's verdict: its worst fact, else a matching source claim, else unsupported."""
    differing = [j for j in judged if j[0].kind in _KIND]
    if differing:
        rel, fact, holding, group = max(differing, key=lambda j: SEVERITY[j[0].kind])
        kind = _KIND[rel.kind]
        what = describe(group.facts)
        theirs = "; ".join(f"{h.text} ({h.article_id})" for h in holding)
        note = f" ({rel.note})" if rel.note else ""
        reason: Reason = "values"
        confidence = settings.calibrator.confidence(kind, reason, group, 2)
        values = (_value(fact), *(_value(h) for h in holding))
        return Finding(
            id=f"F-{_digest(kind, claim_id, *(v.claim_id for v in values))}",
            kind=kind,
            type=diff_type(fact.type),
            claim_ids=tuple(dict.fromkeys((claim_id, *(v.claim_id for v in values)))),
            confidence=round(confidence, 4),
            explanation=f"The draft gives {what} as {fact.text}; the sources say {theirs}{note}.",
            cluster_id=cluster_id,
            fact=what,
            values=values,
            reason=reason,
            level=settings.calibrator.level(confidence),
        )
    supported = [j for j in judged if j[0].kind in {"same", "compatible"}]
    if supported or matches:
        ids = tuple(dict.fromkeys((claim_id, *(h.claim_id for j in supported for h in j[2]), *match_ids)))
        agreed_on = describe(supported[0][3].facts) if supported else None
        basis = f"the sources give the same {agreed_on}" if agreed_on else "a source says the same thing"
        confidence = max([float(sims[j]) for j in matches] + [0.8 if supported else 0.0])
        return Finding(
            id=f"F-{_digest('agreement', *ids)}",
            kind="agreement",
            type=None,
            claim_ids=ids,
            confidence=round(min(1.0, confidence), 4),
            explanation=f"Supported: {basis}.",
            cluster_id=cluster_id,
            fact=agreed_on,
            values=tuple(_value(h) for j in supported for h in (j[1], *j[2])),
            reason="covered",
            level=settings.calibrator.level(confidence),
        )
    best = float(sims[order[0]]) if order else 0.0
    near = f" (closest source claim: similarity {best:.2f})" if order else ""
    confidence = 1.0 - best / 2
    return Finding(
        id=f"F-{_digest('unsupported', claim_id)}",
        kind="unsupported",
        claim_ids=(claim_id,),
        confidence=round(confidence, 4),
        explanation=f"No source covers this claim{near}.",
        cluster_id=cluster_id,
        reason="no_source",
        level=settings.calibrator.level(confidence),
    )
