"""The learned part of the comparator: slot-comparison features -> agree / contradict / neutral.

A gradient-boosted tree ensemble (scikit-learn's HistGradientBoostingClassifier)
is fitted, then its trees are copied into plain arrays and evaluated by our own
vectorised traversal. That lets the shipped model live in a safetensors file
(arrays) with JSON metadata, with no pickle, and be rebuilt exactly on load.
Probabilities are calibrated by one temperature fitted on held-out predictions.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from factcheck.errors import ModelError

CLASSES: tuple[str, str, str] = ("agree", "contradict", "neutral")

#: Feature order of the model; compare.diff_slots fills these keys.
FEATURES: tuple[str, ...] = (
    "lex_cos",
    "cov_a",
    "cov_b",
    "len_a",
    "len_b",
    "only_a",
    "only_b",
    "similarity",
    "q_a",
    "q_b",
    "q_match",
    "q_match_strong",
    "q_conflict_strong",
    "q_contained",
    "q_conflict",
    "q_unmatched",
    "q_gap",
    "q_exact_tokens",
    "q_missing_tokens",
    "q_vague_a",
    "q_ord_conflict",
    "q_ord_match",
    "q_b_only_dim",
    "d_a",
    "d_b",
    "d_match",
    "d_conflict",
    "d_uncertain",
    "d_year_missing",
    "d_year_conflict",
    "n_names_a",
    "names_missing",
    "names_misspelt",
    "body_conflict",
    "body_match",
    "place_conflict",
    "place_match",
    "group_only_a",
    "group_only_b",
    "group_common",
    "role_diff",
    "neg_a",
    "neg_b",
    "neg_mismatch",
    "mod_a",
    "mod_b",
    "mod_mismatch",
    "antonym",
)

FORMAT = "factcheck-gbt-v1"


def feature_matrix(rows: Sequence[Mapping[str, float]]) -> NDArray[np.float64]:
    """Stack feature dicts into the model's column order (missing keys are 0)."""
    out = np.zeros((len(rows), len(FEATURES)), dtype=np.float64)
    for i, row in enumerate(rows):
        for j, name in enumerate(FEATURES):
            out[i, j] = row.get(name, 0.0)
    return out


class TreeScorer:
    """Gradient-boosted trees over comparison features, with temperature calibration.

    Follows scikit-learn's estimator conventions: parameters in ``__init__``,
    ``fit`` learns, learned attributes end in ``_``.
    """

    metadata_: dict[str, Any]

    def __init__(
        self,
        max_iter: int = 250,
        learning_rate: float = 0.08,
        max_leaf_nodes: int = 15,
        min_samples_leaf: int = 20,
        l2_regularization: float = 1.0,
        random_state: int = 0,
    ) -> None:
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization
        self.random_state = random_state

    # ------------------------------------------------------------------ fit

    def fit(
        self, X: NDArray[np.float64], y: Sequence[str], sample_weight: NDArray[np.float64] | None = None
    ) -> TreeScorer:
        """Fit the ensemble and export its trees to arrays (temperature starts at 1)."""
        from sklearn.ensemble import HistGradientBoostingClassifier

        labels = np.array([CLASSES.index(v) for v in y])
        model = HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=self.min_samples_leaf,
            l2_regularization=self.l2_regularization,
            early_stopping=False,
            random_state=self.random_state,
        )
        model.fit(X, labels, sample_weight=sample_weight)
        if list(model.classes_) != [0, 1, 2]:
            raise ValueError("training data must contain all three labels")
        self._export(model)
        self.temperature_ = 1.0
        self.sklearn_model_ = model  # kept in memory only, for checking the export
        return self

    def _export(self, model: Any) -> None:
        feats, thr, left, right, leaf, value, miss = [], [], [], [], [], [], []
        roots: list[list[int]] = []
        offset = 0
        for iteration in model._predictors:
            row = []
            for predictor in iteration:
                nodes = predictor.nodes
                row.append(offset)
                feats.append(nodes["feature_idx"].astype(np.int32))
                thr.append(nodes["num_threshold"].astype(np.float64))
                left.append(nodes["left"].astype(np.int32) + offset)
                right.append(nodes["right"].astype(np.int32) + offset)
                leaf.append(nodes["is_leaf"].astype(np.uint8))
                value.append(nodes["value"].astype(np.float64))
                miss.append(nodes["missing_go_to_left"].astype(np.uint8))
                offset += len(nodes)
            roots.append(row)
        self.feature_ = np.concatenate(feats)
        self.threshold_ = np.concatenate(thr)
        self.left_ = np.concatenate(left)
        self.right_ = np.concatenate(right)
        self.is_leaf_ = np.concatenate(leaf)
        self.value_ = np.concatenate(value)
        self.missing_left_ = np.concatenate(miss)
        self.roots_ = np.asarray(roots, dtype=np.int32)  # (n_iter, n_classes)
        self.baseline_ = np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1)
        self.n_features_in_ = int(model.n_features_in_)

    # ------------------------------------------------------------------ predict

    def decision_function(self, X: NDArray[np.float64]) -> NDArray[np.float64]:
        """Raw class scores (before softmax), by walking every tree at once."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != self.n_features_in_:
            raise ValueError(f"expected {self.n_features_in_} features, got shape {X.shape}")
        n = X.shape[0]
        n_iter, n_cls = self.roots_.shape
        roots = self.roots_.reshape(-1)  # tree t = iteration * n_cls + class
        idx = np.broadcast_to(roots[:, None], (roots.size, n)).copy()
        rows = np.broadcast_to(np.arange(n)[None, :], idx.shape)
        while True:
            active = self.is_leaf_[idx] == 0
            if not active.any():
                break
            f = self.feature_[idx]
            x = X[rows, f]
            go_left = np.where(np.isnan(x), self.missing_left_[idx] == 1, x <= self.threshold_[idx])
            nxt = np.where(go_left, self.left_[idx], self.right_[idx])
            idx = np.where(active, nxt, idx)
        leaf_values = self.value_[idx].reshape(n_iter, n_cls, n).sum(axis=0).T
        return np.asarray(leaf_values + self.baseline_[None, :], dtype=np.float64)

    def predict_proba(self, X: NDArray[np.float64]) -> NDArray[np.float64]:
        """Calibrated probabilities, columns in :data:`CLASSES` order."""
        return softmax(self.decision_function(X) / self.temperature_)

    def calibrate(self, X: NDArray[np.float64], y: Sequence[str]) -> TreeScorer:
        """Fit the temperature on held-out rows (minimum log-loss over a grid)."""
        self.temperature_ = fit_temperature(self.decision_function(X), y)
        return self

    # ------------------------------------------------------------------ save / load

    def save(self, path: Path, metadata: Mapping[str, Any] | None = None) -> None:
        """Write arrays as safetensors and parameters as JSON metadata (no pickle)."""
        from safetensors.numpy import save_file

        meta = {
            "format": FORMAT,
            "classes": list(CLASSES),
            "features": list(FEATURES),
            "temperature": self.temperature_,
            "n_features_in": self.n_features_in_,
            "params": {
                k: getattr(self, k)
                for k in (
                    "max_iter",
                    "learning_rate",
                    "max_leaf_nodes",
                    "min_samples_leaf",
                    "l2_regularization",
                    "random_state",
                )
            },
            **(dict(metadata) if metadata else {}),
        }
        arrays = {
            "feature": self.feature_,
            "threshold": self.threshold_,
            "left": self.left_,
            "right": self.right_,
            "is_leaf": self.is_leaf_,
            "value": self.value_,
            "missing_left": self.missing_left_,
            "roots": self.roots_,
            "baseline": self.baseline_,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        save_file(
            {k: np.ascontiguousarray(v) for k, v in arrays.items()},
            str(path),
            metadata={"factcheck": json.dumps(meta, sort_keys=True)},
        )

    @classmethod
    def load(cls, path: Path) -> TreeScorer:
        """Rebuild a saved scorer exactly; refuses files of another format or feature set."""
        from safetensors import SafetensorError, safe_open
        from safetensors.numpy import load_file

        try:
            with safe_open(str(path), framework="numpy") as handle:
                meta = json.loads((handle.metadata() or {}).get("factcheck", "{}"))
            arrays = load_file(str(path))
        except (OSError, ValueError, SafetensorError) as exc:
            raise ModelError(f"cannot read the comparator model {path}: {exc}") from None
        if meta.get("format") != FORMAT or tuple(meta.get("features", ())) != FEATURES:
            raise ModelError(f"{path} is not a comparator model of this version; retrain with `factcheck train`")
        scorer = cls(**meta["params"])
        scorer.feature_ = arrays["feature"]
        scorer.threshold_ = arrays["threshold"]
        scorer.left_ = arrays["left"]
        scorer.right_ = arrays["right"]
        scorer.is_leaf_ = arrays["is_leaf"]
        scorer.value_ = arrays["value"]
        scorer.missing_left_ = arrays["missing_left"]
        scorer.roots_ = arrays["roots"]
        scorer.baseline_ = arrays["baseline"]
        scorer.n_features_in_ = int(meta["n_features_in"])
        scorer.temperature_ = float(meta["temperature"])
        scorer.metadata_ = meta
        return scorer


def softmax(z: NDArray[np.float64]) -> NDArray[np.float64]:
    """Row-wise softmax, stable for large scores."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


def fit_temperature(scores: NDArray[np.float64], y: Sequence[str]) -> float:
    """The temperature that minimises log-loss of ``softmax(scores / T)`` on ``y``."""
    labels = np.array([CLASSES.index(v) for v in y])
    best_t, best_loss = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.3), np.log(5.0), 120)):
        p = softmax(scores / t)
        loss = float(-np.mean(np.log(np.clip(p[np.arange(len(labels)), labels], 1e-12, None))))
        if loss < best_loss:
            best_t, best_loss = float(t), loss
    return best_t


def expected_calibration_error(proba: NDArray[np.float64], y: Sequence[str], bins: int = 15) -> float:
    """Top-label ECE: mean |accuracy - confidence| over equal-width confidence bins."""
    labels = np.array([CLASSES.index(v) for v in y])
    conf = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == labels).astype(float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    ece = 0.0
    for lo, hi in itertools.pairwise(edges):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def brier_score(proba: NDArray[np.float64], y: Sequence[str]) -> float:
    """Multi-class Brier score (mean squared error against one-hot labels)."""
    labels = np.array([CLASSES.index(v) for v in y])
    onehot = np.eye(len(CLASSES))[labels]
    return float(np.mean(np.sum((proba - onehot) ** 2, axis=1)))
