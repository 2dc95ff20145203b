"""Shared fixtures: paths, and a fake embedder so most tests never load a model."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.embed import HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT / "seeds"


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    return HashingEmbedder()
