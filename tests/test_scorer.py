"""The learned scorer: its exported trees match scikit-learn, save/load is exact and pickle-free."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from factcheck.errors import ModelError
from factcheck.judge.scorer import (
    CLASSES,
    FEATURES,
    TreeScorer,
    brier_score,
    expected_calibration_error,
    feature_matrix,
    fit_temperature,
)


def _toy(n: int = 300, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(FEATURES)))
    X[rng.random(size=X.shape) < 0.05] = np.nan  # missing values take the learned branch
    y = [CLASSES[0] if a > 0.5 else CLASSES[1] if a < -0.5 else CLASSES[2] for a in np.nan_to_num(X[:, 0])]
    return X, y


def test_scorer_export_matches_sklearn() -> None:
    X, y = _toy()
    scorer = TreeScorer(max_iter=20).fit(X, y)
    ours = scorer.predict_proba(X)
    theirs = scorer.sklearn_model_.predict_proba(X)
    np.testing.assert_allclose(ours, theirs, atol=1e-9)


def test_scorer_save_load_roundtrip(tmp_path: Path) -> None:
    X, y = _toy()
    scorer = TreeScorer(max_iter=15).fit(X, y)
    scorer.temperature_ = 1.7
    path = tmp_path / "m.safetensors"
    scorer.save(path, metadata={"note": "toy"})
    loaded = TreeScorer.load(path)
    np.testing.assert_array_equal(loaded.predict_proba(X), scorer.predict_proba(X))
    assert loaded.metadata_["note"] == "toy"
    assert b"pickle" not in path.read_bytes()[:200]


def test_scorer_load_rejects_foreign_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError):
        TreeScorer.load(bad)


def test_scorer_feature_matrix_fills_missing_with_zero() -> None:
    X = feature_matrix([{"lex_cos": 0.5}])
    assert X.shape == (1, len(FEATURES))
    assert X[0, FEATURES.index("lex_cos")] == 0.5
    assert X.sum() == 0.5


def test_scorer_temperature_and_calibration_metrics() -> None:
    y = ["agree", "contradict", "neutral"] * 50
    # over-confident scores: right 2/3 of the time with huge margins
    scores = np.zeros((len(y), 3))
    for i, label in enumerate(y):
        scores[i, CLASSES.index(label) if i % 3 else (CLASSES.index(label) + 1) % 3] = 10.0
    t = fit_temperature(scores, y)
    assert t > 1.0
    hot = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    cool = np.exp(scores / t) / np.exp(scores / t).sum(axis=1, keepdims=True)
    assert expected_calibration_error(cool, y) < expected_calibration_error(hot, y)
    assert brier_score(cool, y) < brier_score(hot, y)


def test_scorer_rejects_wrong_width() -> None:
    X, y = _toy()
    scorer = TreeScorer(max_iter=5).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        scorer.predict_proba(X[:, :3])
