"""The installed command in corpus mode, with the real models: per-story files, and the same bytes as a plain check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES
from .corpus_support import write_corpus

pytestmark = pytest.mark.slow


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def test_e2e_corpus_one_story_matches_the_plain_report(tmp_path: Path) -> None:
    plain = _run("check", str(FIXTURES / "story"), "--format", "json", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    done = _run("check", str(FIXTURES / "story"), "--out-dir", "out", "--format", "json,md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "index.json",
        "index.md",
        "story-001.json",
        "story-001.md",
    ]
    assert (tmp_path / "out" / "story-001.json").read_text(encoding="utf-8") == plain.stdout
    failed = _run("check", str(FIXTURES / "story"), "--out-dir", "out2", "--fail-on", "contradiction", cwd=tmp_path)
    assert failed.returncode == 1, failed.stderr  # the bridge's cost differs between sources


def test_e2e_corpus_two_processes_give_the_same_bytes_as_one(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    one = _run("check", str(corpus), "--out-dir", "one", "--format", "md,json", "--jobs", "1", cwd=tmp_path)
    two = _run("check", str(corpus), "--out-dir", "two", "--format", "md,json", "--jobs", "2", cwd=tmp_path)
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    files = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "two").iterdir()) and len(files) > 3
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
