"""Corpus mode: one report per story, an index in the order an editor reads it, the same bytes every run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.corpus import StorySummary, check_corpus, check_report, editor_order
from factcheck.engine import LocalEngine
from factcheck.errors import ConfigError
from factcheck.pipeline import check
from factcheck.render import render

from .conftest import FIXTURES
from .corpus_support import corpus_config, fake_backends, write_corpus


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_corpus_writes_one_report_per_story_and_an_index(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    index, fails = check_corpus([corpus], out, ("md", "json"), corpus_config(tmp_path), backends=fake_backends())
    assert len(index.stories) == 3 and index.articles == 8 and fails == 0
    names = sorted(p.name for p in out.iterdir())
    stories = sorted(s.id for s in index.stories)
    assert names == sorted(["index.json", "index.md", *(f"{s}.{e}" for s in stories for e in ("md", "json"))])
    groups = {frozenset(s.articles) for s in index.stories}
    assert groups == {
        frozenset({"courier", "gazette", "herald"}),
        frozenset({"fares_0", "fares_1", "fares_2"}),
        frozenset({"flood_0", "flood_1"}),
    }
    doc = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in doc["stories"]] == [s.id for s in index.stories]
    for story in index.stories:
        report = json.loads((out / story.files["json"]).read_text(encoding="utf-8"))
        assert sorted(a["id"] for a in report["articles"]) == sorted(story.articles)
        assert len(report["claims"]) == story.claims
        assert story.files["md"] in (out / "index.md").read_text(encoding="utf-8")


def test_corpus_index_puts_the_story_with_a_contradiction_first(tmp_path: Path) -> None:
    index, _ = check_corpus(
        [write_corpus(tmp_path / "in")], tmp_path / "out", ("md",), corpus_config(tmp_path), backends=fake_backends()
    )
    first = index.stories[0]
    assert first.findings["contradiction"] >= 1
    assert set(first.articles) == {"courier", "gazette", "herald"}  # the bridge costs $9 million or $4.2 million
    md = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert md.index(first.id) < min(md.index(s.id) for s in index.stories[1:])


def test_corpus_editor_order_contradictions_then_discrepancies_then_size() -> None:
    def story(sid: str, n: int, **counts: int) -> StorySummary:
        findings = {"contradiction": 0, "discrepancy": 0, "time_scoped": 0, "unsupported": 0, "agreement": 0} | counts
        return StorySummary(
            id=sid, articles=tuple(f"a{i}" for i in range(n)), sources=(), claims=1, findings=findings, files={}
        )

    stories = [
        story("story-1", 9, agreement=40),
        story("story-2", 2, discrepancy=1),
        story("story-3", 2, contradiction=1),
        story("story-4", 3, discrepancy=1),
        story("story-5", 2, contradiction=1, discrepancy=5),
    ]
    assert [s.id for s in editor_order(stories)] == ["story-5", "story-3", "story-4", "story-2", "story-1"]


def test_corpus_one_block_gives_the_report_of_a_plain_check(tmp_path: Path) -> None:
    config = corpus_config(tmp_path)
    index, _ = check_corpus(
        [FIXTURES / "story"], tmp_path / "out", ("md", "json", "sarif", "html"), config, backends=fake_backends()
    )
    assert len(index.stories) == 1
    plain = check([FIXTURES / "story"], config=config, backends=fake_backends())
    for fmt in ("md", "json", "sarif", "html"):
        assert (tmp_path / "out" / f"story-001.{fmt}").read_text(encoding="utf-8") == render(plain, fmt)  # type: ignore[arg-type]


def test_corpus_is_byte_identical_across_runs_and_drops_stale_reports(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    config = corpus_config(tmp_path)
    check_corpus([corpus], tmp_path / "a", ("md", "json"), config, backends=fake_backends())
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "story-099.md").write_text("old", encoding="utf-8")
    (tmp_path / "b" / "notes.txt").write_text("mine", encoding="utf-8")
    check_corpus([corpus], tmp_path / "b", ("md", "json"), config, engine=LocalEngine(1), backends=fake_backends())
    b = _files(tmp_path / "b")
    assert b.pop("notes.txt") == b"mine"  # only the run's own kind of file is removed
    assert b == _files(tmp_path / "a")


def test_corpus_block_cap_splits_a_story(tmp_path: Path) -> None:
    config = corpus_config(tmp_path, block_max_articles=2)
    index, _ = check_corpus(
        [write_corpus(tmp_path / "in")], tmp_path / "out", ("json",), config, backends=fake_backends()
    )
    assert max(len(s.articles) for s in index.stories) <= 2
    assert sum(len(s.articles) for s in index.stories) == 8


def test_corpus_out_dir_inside_an_input_folder_is_refused(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    with pytest.raises(ConfigError, match="inside the input folder"):
        check_corpus([corpus], corpus / "reports", ("md",), corpus_config(tmp_path), backends=fake_backends())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "md,json"], "need --out-dir"),
        (["--format", "md", "--format", "pdf", "--out-dir", "o"], "unknown format 'pdf'"),
        (["--out-dir", "o", "--out", "r.md"], "cannot be used together"),
        (["--engine", "dask"], "need --out-dir"),
        (["--out-dir", "o", "--against", "seeds"], "--against"),
        (["--out-dir", "o", "--engine", "spark"], "unknown engine"),
        (["--out-dir", "o", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    ],
)
def test_corpus_cli_bad_options_are_one_line_exit_2(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("A claim.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "seeds", *args])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0]


def test_corpus_cli_out_dir_that_is_a_file_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "in")
    (tmp_path / "o").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "in", "--out-dir", "o", "--no-progress"])
    assert result.exit_code == 2 and "is not a folder" in result.output


def test_corpus_check_report_small_input_is_the_plain_check(tmp_path: Path) -> None:
    config = corpus_config(tmp_path)
    corpus = write_corpus(tmp_path / "in")
    plain = check([corpus], config=config, backends=fake_backends())
    assert check_report([corpus], config=config, backends=fake_backends()) == plain


def test_corpus_check_report_large_input_runs_in_blocks_and_merges(tmp_path: Path) -> None:
    config = corpus_config(tmp_path, block_max_articles=3)
    corpus = write_corpus(tmp_path / "in")
    report = check_report([corpus], config=config, backends=fake_backends())
    plain = check([corpus], config=config, backends=fake_backends())
    assert [a.id for a in report.articles] == [a.id for a in plain.articles]
    assert sorted(c.id for c in report.claims) == sorted(c.id for c in plain.claims)
    assert len({c.id for c in report.clusters}) == len(report.clusters)  # ids stay unique across blocks
    cluster_ids = {c.id for c in report.clusters}
    assert all(f.cluster_id in cluster_ids for f in report.findings if f.cluster_id)
    assert any(f.kind == "contradiction" for f in report.findings)
    for fmt in ("md", "json", "sarif", "html"):
        assert render(report, fmt)  # type: ignore[arg-type]
