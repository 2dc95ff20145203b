"""What the judge reads (:class:`Case`) and how it is set up (:class:`JudgeSettings`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from factcheck.embed import Vectors
from factcheck.facts.model import Fact
from factcheck.judge.align import AlignModel
from factcheck.judge.confidence import Calibrator
from factcheck.schema import Claim, ClaimCluster


@dataclass(frozen=True)
class Case:
    """Everything the judge reads about one run, aligned by claim index."""

    claims: Sequence[Claim]
    facts: Sequence[tuple[Fact, ...]]
    vectors: Vectors
    stories: Mapping[str, str]
    clusters: Sequence[ClaimCluster] = ()
    published: Mapping[str, date | None] = field(default_factory=dict)


@dataclass(frozen=True)
class JudgeSettings:
    """What the judge needs beyond the case: its models and cut-offs."""

    aligner: AlignModel = field(default_factory=lambda: AlignModel.load(None))
    calibrator: Calibrator = field(default_factory=Calibrator)
    min_confidence: float = 0.0
    same_claim: float = 0.68
    match_threshold: float = 0.55
    max_matches: int = 3
