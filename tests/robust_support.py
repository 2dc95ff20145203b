"""Helpers shared by the tests/test_robust_*.py modules: the CLI run with fake models, hostile inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.config import Config
from factcheck.embed import default_embedder
from factcheck.pipeline import Backends

#: Three short sources that agree and disagree on numbers, so a cross-check has findings.
GOOD = {
    "gazette.txt": "Budget Vote\n\nThe council approved a budget of 12 million dollars on Monday.\n\n"
    "The mayor said the new bridge will open in spring.\n",
    "herald.txt": "Council Backs Budget\n\nThe council approved a budget of 15 million dollars on Monday.\n\n"
    "The mayor said the new bridge will open in spring.\n",
    "courier.txt": "City Budget Passes\n\nThe council approved a budget of 12 million dollars on Monday.\n\n"
    "Officials said the bridge will open in spring next year.\n",
}


def write_good(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
        out.append(folder / name)
    return out


def fake_backends(config: Config) -> Backends:
    """No model: hashing embedder behind the real on-disk cache, no spaCy."""
    return Backends(embedder=default_embedder("hashing", config.cache_dir), nlp=None)


def use_fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the CLI's pipeline load the fakes above instead of the real models."""
    monkeypatch.setattr("factcheck.pipeline.load_backends", fake_backends)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)


def run_cli(*args: str | Path, cwd: Path | None = None, monkeypatch: pytest.MonkeyPatch | None = None):  # type: ignore[no-untyped-def]
    """The CLI in-process, stderr apart from stdout; ``cwd`` (with no pyproject.toml) keeps the cache local."""
    from factcheck.cli import app

    if cwd is not None and monkeypatch is not None:
        monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
