"""The pre-publication check as CI runs it: the command in a subprocess (issue 5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow

SOURCES = [str(FIXTURES / "story" / "gazette.md"), str(FIXTURES / "story" / "herald.txt")]


def _run(*args: str, cache: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cache,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=600,
    )


def _against() -> list[str]:
    out: list[str] = []
    for s in SOURCES:
        out += ["--against", s]
    return out


def test_e2e_cli_consistent_draft_passes(tmp_path: Path) -> None:
    result = _run("check", str(FIXTURES / "drafts" / "consistent.md"), *_against(), cache=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "supported" in result.stdout


def test_e2e_cli_contradicted_draft_fails_with_sarif(tmp_path: Path) -> None:
    draft = FIXTURES / "drafts" / "contradicted.md"
    result = _run("check", str(draft), *_against(), "--format", "sarif", cache=tmp_path)
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    errors = [r for r in log["runs"][0]["results"] if r["ruleId"] == "FC001"]
    assert errors, "no contradiction result in the SARIF"
    location = errors[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("contradicted.md")
    line = draft.read_text().splitlines()[location["region"]["startLine"] - 1]
    assert "$12 million" in line


def test_e2e_cli_baseline_accepts_a_known_finding(tmp_path: Path) -> None:
    draft = str(FIXTURES / "drafts" / "contradicted.md")
    baseline = tmp_path / "accepted.json"
    made = _run("baseline", draft, *_against(), "--out", str(baseline), cache=tmp_path)
    assert made.returncode == 0, made.stderr
    assert json.loads(baseline.read_text())["accepted"]
    result = _run("check", draft, *_against(), "--baseline", str(baseline), cache=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "accepted in baseline" in result.stdout


def test_e2e_cli_github_annotations_and_fail_on_never(tmp_path: Path) -> None:
    draft = str(FIXTURES / "drafts" / "contradicted.md")
    env = {"GITHUB_ACTIONS": "true"}
    result = _run("check", draft, *_against(), "--fail-on", "never", "--format", "json", cache=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "::error file=" in result.stderr and "contradicted.md,line=" in result.stderr


def test_e2e_cli_help_loads_no_model() -> None:
    code = "import sys, factcheck.cli as c; sys.argv=['factcheck','--help'];\ntry: c.main()\nexcept SystemExit: pass\n"
    code += "bad=[m for m in ('torch','spacy','sentence_transformers','sklearn') if m in sys.modules]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip().endswith("[]"), out.stdout[-300:]
