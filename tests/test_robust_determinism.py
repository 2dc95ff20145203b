"""Determinism: the same set of files gives the same report, byte for byte, whatever their order."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from factcheck.config import Config
from factcheck.embed import HashingEmbedder
from factcheck.pipeline import Backends, check
from factcheck.render import render

from .robust_support import run_cli, use_fake_models

TEXTS = {
    "zeta.txt": "Budget Vote\n\nThe council approved a budget of 12 million dollars on Monday.\n\n"
    "The mayor said the bridge will open in spring.\n",
    "alpha.md": "---\ntitle: Council Backs Budget\n---\n\n"
    "The council approved a budget of 15 million dollars on Monday.\n\n"
    "The mayor said the bridge will open in spring.\n",
    "mid.txt": "City Budget\n\nThe council approved a budget of 12 million dollars on Monday.\n\n"
    "Officials said the bridge will open in the spring.\n",
    "feed.jsonl": '{"text": "The council approved a budget of 13 million dollars on Monday."}\n'
    '{"id": "mid", "text": "The mayor said the bridge will open in spring."}\n',
}


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    out = []
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text)
        out.append(tmp_path / name)
    return out


def _run(paths: list[Path], against: list[Path], tmp_path: Path) -> dict[str, str]:
    config = Config(cache_dir=tmp_path / "cache", cluster_threshold=0.3, match_threshold=0.3)
    backends = Backends(embedder=HashingEmbedder(), nlp=None)
    report = check(paths, against, config=config, backends=backends)
    assert report.findings
    return {fmt: render(report, fmt) for fmt in ("json", "md", "sarif")}  # type: ignore[arg-type]


def test_robust_cross_check_is_the_same_in_every_argument_order(files: list[Path], tmp_path: Path) -> None:
    first = _run(files, [], tmp_path)
    for order in itertools.permutations(files):
        assert _run(list(order), [], tmp_path) == first
    assert _run([tmp_path], [], tmp_path) == first  # the folder, too


def test_robust_draft_check_is_the_same_in_every_source_order(files: list[Path], tmp_path: Path) -> None:
    draft = tmp_path / "draft" / "d.txt"
    draft.parent.mkdir()
    draft.write_text("The council approved a budget of 14 million dollars on Monday.\n")
    first = _run([draft], files, tmp_path)
    for order in itertools.permutations(files):
        assert _run([draft], list(order), tmp_path) == first


def test_robust_duplicate_ids_are_numbered_the_same_whatever_the_order(tmp_path: Path) -> None:
    for folder in ("b", "a"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"The council in {folder} approved a budget of 12 million.\n")
    one = _run([tmp_path / "b" / "story.txt", tmp_path / "a" / "story.txt", *_more(tmp_path)], [], tmp_path)
    two = _run([tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt", *_more(tmp_path)], [], tmp_path)
    assert one == two


def _more(tmp_path: Path) -> list[Path]:
    extra = tmp_path / "c.txt"
    extra.write_text("The council approved a budget of 15 million on Monday.\n")
    return [extra]


def test_robust_cli_json_is_the_same_in_every_order(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_models(monkeypatch)
    outs = set()
    for order in (files, files[::-1]):
        result = run_cli("check", *order, "--format", "json", cwd=tmp_path, monkeypatch=monkeypatch)
        assert result.exit_code == 0, result.output
        outs.add(result.stdout)
    assert len(outs) == 1
