"""What the judge reads (:class:`Case`) and how it is set up (:class:`JudgeSettings`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from factcheck.embed import Vectors
from factcheck.facts.model import Fact
from factcheck.families import CopyEdit
from factcheck.judge.align import AlignModel
from factcheck.judge.confidence import Calibrator
from factcheck.schema import Claim, ClaimCluster


@dataclass(frozen=True)
class Case:
    """Everything the judge reads about one run, aligned by claim index.

    ``phrases`` maps each fact's attribute phrase (:func:`~factcheck.judge.features.phrase`) to its embedding,
    ``contexts`` each fact's id to the embedding of the words around its value (``Attribute.window``);
    ``family_of`` maps an article to its family of syndicated copies (:mod:`factcheck.families`) and
    ``edits`` lists where a copy's wording differs from its original's.
    """

    claims: Sequence[Claim]
    facts: Sequence[tuple[Fact, ...]]
    vectors: Vectors
    stories: Mapping[str, str]
    clusters: Sequence[ClaimCluster] = ()
    published: Mapping[str, date | None] = field(default_factory=dict)
    phrases: Mapping[str, NDArray[np.float32]] = field(default_factory=dict)
    family_of: Mapping[str, str] = field(default_factory=dict)
    edits: Sequence[CopyEdit] = ()
    contexts: Mapping[str, NDArray[np.float32]] = field(default_factory=dict)


@dataclass(frozen=True)
class JudgeSettings:
    """What the judge needs beyond the case: its models and cut-offs."""

    aligner: AlignModel = field(default_factory=AlignModel.prior)
    calibrator: Calibrator = field(default_factory=Calibrator)
    min_confidence: float = 0.0
    same_claim: float = 0.68
    match_threshold: float = 0.55
    max_matches: int = 3
