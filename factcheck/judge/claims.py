"""Claims that restate each other across sources, with no checkable fact between them.

Much of what sources share is said without a figure or a date ("Russia and
China plan a lunar base"). Two claims of different sources in one cluster
whose meanings are as close as restatements (embedding cosine at or above the
MRPC-derived same-claim cut-off) agree as claims, unless a fact finding
already sets them against each other. Agreement is a clique: every claim of
the group restates every other.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence

import numpy as np

from factcheck.judge.case import Case
from factcheck.judge.confidence import Calibrator, finding_features
from factcheck.schema import FactValue, Finding


def _cliques(edges: dict[tuple[int, int], float]) -> list[list[int]]:
    """Groups in which every member links to every other, built greedily from the strongest edges."""
    groups: list[set[int]] = []
    member: dict[int, int] = {}
    for (a, b), _ in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if a not in member and b not in member:
            member[a] = member[b] = len(groups)
            groups.append({a, b})
            continue
        for new, old in ((a, b), (b, a)):
            if new not in member and old in member:
                group = groups[member[old]]
                if all((min(new, x), max(new, x)) in edges for x in group):
                    member[new] = member[old]
                    group.add(new)
    return sorted(sorted(g) for g in groups)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def same_claim_agreements(
    case: Case, findings: Sequence[Finding], threshold: float, calibrator: Calibrator
) -> list[Finding]:
    """Agreements between restated claims of different sources (one per group of restatements)."""
    index = {c.id: i for i, c in enumerate(case.claims)}
    apart = {
        frozenset((a, b)) for f in findings if f.kind != "agreement" for a, b in itertools.combinations(f.claim_ids, 2)
    }
    covered = {
        frozenset((a, b)) for f in findings if f.kind == "agreement" for a, b in itertools.combinations(f.claim_ids, 2)
    }
    judged = apart | covered
    out: list[Finding] = []
    for cluster in case.clusters:
        rows = sorted(index[c] for c in cluster.claim_ids if c in index)
        sims = np.clip(case.vectors[rows] @ case.vectors[rows].T, -1.0, 1.0) if rows else np.zeros((0, 0))
        edges: dict[tuple[int, int], float] = {}
        for x, y in np.argwhere(np.triu(sims >= threshold, k=1)):  # row-major: the pairs in claim order
            i, j = rows[x], rows[y]
            a, b = case.claims[i], case.claims[j]
            if a.article_id != b.article_id and frozenset((a.id, b.id)) not in judged:
                edges[(i, j)] = float(sims[x, y])
        for group in _cliques(edges):
            sources = sorted({case.claims[i].article_id for i in group})
            if len(sources) < 2:
                continue
            inner = [c for (a, b), c in edges.items() if a in group and b in group]
            cohesion = float(np.mean(inner))
            x = finding_features("agreement", "same_claim", cohesion, len(sources), 1, "claim")
            confidence = calibrator.probability(x)
            claims = [case.claims[i] for i in group]
            values = tuple(FactValue(claim_id=c.id, article_id=c.article_id, value=c.text, span=c.span) for c in claims)
            digest = hashlib.sha1("\x1f".join(("same_claim", *(c.id for c in claims))).encode()).hexdigest()[:12]
            out.append(
                Finding(
                    id=f"F-{digest}",
                    kind="agreement",
                    type="other",
                    claim_ids=tuple(c.id for c in claims),
                    confidence=round(confidence, 4),
                    explanation=f"{len(sources)} sources say the same thing in other words.",
                    cluster_id=cluster.id,
                    fact=_short(min((c.text for c in claims), key=len)),
                    values=values,
                    reason="same_claim",
                    level=calibrator.level(confidence),
                    alignment=round(cohesion, 4),
                )
            )
    return out
