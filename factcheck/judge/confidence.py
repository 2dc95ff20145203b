"""How sure a finding is: a probability that it is right, and the level an editor reads.

A finding's confidence is the probability, learned on the annotated real-news
development set, that an editor checking it would find it right (of findings
shown at 0.8, about eight in ten are). It is a logistic model over what the
judge knows about a finding: its kind and reason, how surely its facts belong
together (the alignment cohesion), how many sources and distinct values it
has, and the fact's type. ``bench/news_bench.py train`` fits it by
cross-validation over events and writes ``models/confidence.json`` with the
level thresholds; :data:`PRIOR` is the hand-set model used without one.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ModelError
from factcheck.schema import Kind, Level, Reason

if TYPE_CHECKING:
    from factcheck.judge.align import FactGroup

_TYPES = ("quantity", "date", "place", "people", "title", "status", "claim", "name")
FEATURES: tuple[str, ...] = (
    "kind_contradiction",
    "kind_discrepancy",
    "kind_time_scoped",
    "kind_agreement",
    "reason_attributed",
    "reason_update",
    "reason_imprecise",
    "reason_within_source",
    "reason_misspelling",
    "reason_same_claim",
    "cohesion",
    "cohesion_difference",
    "log_sources",
    "classes",
    *(f"agreement_{t}" for t in _TYPES),
    *(f"difference_{t}" for t in _TYPES),
)
#: Hand-set weights (bias under "bias"), used before a model is trained on annotated news.
PRIOR: dict[str, float] = {f: 0.0 for f in FEATURES} | {
    "kind_contradiction": -0.6,
    "kind_discrepancy": -0.9,
    "kind_time_scoped": -0.4,
    "kind_agreement": 0.2,
    "reason_imprecise": -0.3,
    "reason_within_source": -0.5,
    "reason_misspelling": 0.8,
    "cohesion": 2.6,
    "log_sources": 0.3,
    "classes": -0.2,
    "difference_date": -0.5,
    "difference_place": -0.5,
    "agreement_claim": -0.8,
    "bias": -0.6,
}


def finding_features(
    kind: Kind, reason: Reason | None, cohesion: float, sources: int, classes: int, fact_type: str | None
) -> dict[str, float]:
    """The features of one finding, by name."""
    x = {f: 0.0 for f in FEATURES}
    x[f"kind_{kind}"] = 1.0
    if reason is not None and f"reason_{reason}" in x:
        x[f"reason_{reason}"] = 1.0
    x["cohesion"] = cohesion
    x["log_sources"] = math.log(max(1, sources))
    x["classes"] = float(classes)
    t = "quantity" if fact_type == "quantity" else "date" if fact_type in {"date", "time"} else fact_type
    side = "agreement" if kind == "agreement" else "difference"
    if kind != "agreement":
        x["cohesion_difference"] = cohesion
    if f"{side}_{t}" in x:
        x[f"{side}_{t}"] = 1.0
    return x


@dataclass(frozen=True)
class Calibrator:
    """Logistic weights (bias under ``"bias"``) and the thresholds of the high and medium levels."""

    weights: dict[str, float] = field(default_factory=lambda: dict(PRIOR))
    high: float = 0.75
    medium: float = 0.5

    @classmethod
    def load(cls, path: Path | None) -> Calibrator:
        """The model in ``path`` (JSON written by ``train-confidence``), or the prior when None."""
        if path is None:
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights = {k: float(v) for k, v in data["weights"].items()}
            levels = data.get("levels", {})
            return cls(weights, float(levels.get("high", 0.75)), float(levels.get("medium", 0.5)))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"cannot read the confidence model {path}: {exc}") from None

    def probability(self, x: dict[str, float]) -> float:
        """P(right) for named features."""
        z = self.weights.get("bias", 0.0) + sum(self.weights.get(k, 0.0) * v for k, v in x.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def confidence(self, kind: Kind, reason: Reason | None, group: FactGroup, classes: int) -> float:
        """P(right) of a finding about ``group``."""
        x = finding_features(kind, reason, group.cohesion, len(group.articles), classes, group.facts[0].type)
        return self.probability(x)

    def dump(self, **extra: object) -> str:
        """The model as JSON (what :meth:`load` reads)."""
        data = {
            "features": list(FEATURES),
            "weights": self.weights,
            "levels": {"high": self.high, "medium": self.medium},
            **extra,
        }
        return json.dumps(data, indent=2) + "\n"

    def level(self, confidence: float) -> Level:
        """high / medium / low, at the calibrated thresholds."""
        return "high" if confidence >= self.high else "medium" if confidence >= self.medium else "low"
