"""Learned "same event" models: logistic regression over pair features, stored as JSON weights.

Hand-set thresholds and weights fitted on a few topics did not carry over to
stories nobody tuned on; a model learned from labelled pairs, with its
decision threshold chosen on training topics only, is the general rule. The
weights are plain numbers in a JSON file (no pickle), so the shipped model is
safe to load and easy to read.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from factcheck.cluster.features import ARTICLE_FEATURES, CLAIM_FEATURES

FloatMatrix = NDArray[np.float64]

#: Name of the shipped model file in ``models/``.
MODEL_FILE = "cluster.json"


class PairModel(BaseModel):
    """A logistic regression over standardised pair features, and the cut-off its clustering uses.

    ``threshold`` is the probability at which two groups join (average linkage
    on ``1 - p``), chosen on training topics.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = Field(ge=0.0, le=1.0)

    @classmethod
    def fit(
        cls, x: NDArray[np.floating], y: NDArray[np.integer], features: tuple[str, ...], threshold: float = 0.5
    ) -> PairModel:
        """Fit on rows ``x`` (one column per feature) and labels ``y`` (deterministic: lbfgs, fixed C)."""
        from sklearn.linear_model import LogisticRegression

        x = np.asarray(x, dtype=np.float64)
        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale == 0] = 1.0
        lr = LogisticRegression(C=1.0, max_iter=2000)
        lr.fit((x - mean) / scale, np.asarray(y))
        return cls(
            features=features,
            mean=tuple(float(v) for v in mean),
            scale=tuple(float(v) for v in scale),
            coef=tuple(float(v) for v in lr.coef_[0]),
            intercept=float(lr.intercept_[0]),
            threshold=threshold,
        )

    def with_threshold(self, threshold: float) -> PairModel:
        """The same weights with another cut-off."""
        return self.model_copy(update={"threshold": threshold})

    def probability(self, features: FloatMatrix) -> FloatMatrix:
        """Probability for every pair, from a ``(k, m, m)`` stack of feature matrices; symmetric ``m x m``."""
        if features.shape[0] != len(self.coef):
            raise ValueError(f"{features.shape[0]} feature matrices for a model of {len(self.coef)} features")
        z = np.full(features.shape[1:], self.intercept, dtype=np.float64)
        for k, (mu, sd, w) in enumerate(zip(self.mean, self.scale, self.coef, strict=True)):
            z += w * (features[k] - mu) / sd
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))
        return (p + p.T) / 2.0

    def rows(self, x: NDArray[np.floating]) -> NDArray[np.float64]:
        """Probability for rows of features (training and tests)."""
        z = (np.asarray(x, dtype=np.float64) - np.array(self.mean)) / np.array(self.scale) @ np.array(self.coef)
        return 1.0 / (1.0 + np.exp(-np.clip(z + self.intercept, -50.0, 50.0)))


class ClusterModel(BaseModel):
    """The two learned steps: which articles report one story, which claims report one event.

    ``family_threshold`` is the story probability below which two groups of
    articles are unrelated (their claims never meet): a product rule that keeps
    unrelated inputs apart cheaply, not a fitted value.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    story: PairModel
    claim: PairModel
    family_threshold: float = Field(0.05, ge=0.0, le=1.0)
    trained_on: str = ""

    def check(self) -> ClusterModel:
        """Refuse a model whose features are not the ones this code computes."""
        if self.story.features != ARTICLE_FEATURES or self.claim.features != CLAIM_FEATURES:
            raise ValueError("cluster model features do not match this version of factcheck.cluster.features")
        return self

    @classmethod
    def load(cls, path: Path) -> ClusterModel:
        """Read a model written by :meth:`save`."""
        return cls.model_validate(json.loads(Path(path).read_text(encoding="utf-8"))).check()

    def save(self, path: Path) -> None:
        """Write the weights as indented JSON (stable key order, so a retrain diffs cleanly)."""
        Path(path).write_text(json.dumps(self.model_dump(mode="json"), indent=2) + "\n", encoding="utf-8")


def shipped_cluster_model() -> ClusterModel | None:
    """The model in ``models/cluster.json``, or None when it is not there."""
    from factcheck.artifacts import shipped_model

    path = shipped_model(MODEL_FILE)
    return None if path is None else ClusterModel.load(path)
