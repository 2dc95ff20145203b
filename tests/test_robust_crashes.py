"""Crashes: odd inputs and broken settings end in one line and exit 2 (or a warning), bugs in exit 3, never 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from factcheck.embed import CachedEmbedder, HashingEmbedder

from .robust_support import run_cli, use_fake_models, write_good


def _one_line_error(result: object, code: int = 2) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)  # type: ignore[attr-defined]
    err = result.stderr.strip()  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    lines = [line for line in err.splitlines() if not line.startswith("factcheck: skipped")]
    assert len(lines) == 1, err
    return lines[0]


def test_robust_one_megabyte_unpunctuated_line_does_not_abort_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_models(monkeypatch)
    good = write_good(tmp_path / "in")
    words = "the council approved the budget on monday after a long debate with members of the public "
    (tmp_path / "in" / "line.txt").write_text((words * 13_000)[:1_100_000] + "\n")
    result = run_cli("check", tmp_path / "in", "--format", "json", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.stdout)
    assert {a["id"] for a in report["articles"]} == {p.stem for p in good} | {"line"}
    line = next(a for a in report["articles"] if a["id"] == "line")
    assert any("max-article-chars" in r["reason"] for r in line["removed"])


@pytest.mark.slow
def test_robust_segment_never_hands_spacy_more_than_its_max_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """E088: a run longer than nlp.max_length is parsed in chunks, whatever the ingest limits."""
    from factcheck import segment as seg
    from factcheck.nlp import load_spacy
    from factcheck.schema import Article

    nlp = load_spacy()
    words = "the council approved the budget on monday after a long debate with members of the public "
    text = (words * 60)[:5000].strip()
    title = "# " + " ".join(["Council"] * 700)
    article = Article(id="a", path="a.txt", text=text)
    monkeypatch.setattr(seg, "MAX_RUN_CHARS", 1000)
    old = nlp.max_length
    nlp.max_length = 1200
    try:
        claims, _ = seg.segment(article, nlp)
        headline = Article(id="h", path="h.md", text=f"{title}\n\n{text}\n")
        seg.segment(headline, nlp)
    finally:
        nlp.max_length = old
    assert claims and all(text[c.span.start : c.span.end].strip() for c in claims)
    covered = sum(c.span.end - c.span.start for c in claims)
    assert covered > 0.8 * len(text)  # chunked, not truncated


@pytest.mark.parametrize("kind", ["corrupt", "file", "readonly"])
def test_robust_broken_cache_is_a_warning_and_a_run_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    cache = tmp_path / "cache"
    if kind == "corrupt":
        cache.mkdir()
        (cache / "embeddings.sqlite3").write_bytes(b"this is not a database at all" * 100)
    elif kind == "file":
        cache.write_text("not a folder")
    else:
        real_connect = sqlite3.connect

        class ReadOnly(sqlite3.Connection):
            def executemany(self, *_a: object, **_k: object) -> sqlite3.Cursor:  # type: ignore[override]
                raise sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **k, factory=ReadOnly))
    embedder = CachedEmbedder(HashingEmbedder(), cache)
    with pytest.warns(UserWarning, match="embedding cache .* running without it"):
        vectors = embedder.encode(["The council met.", "The vote was close."])
    assert np.allclose(vectors, HashingEmbedder().encode(["The council met.", "The vote was close."]))
    again = embedder.encode(["The council met."])  # later calls: no new warning, still right
    assert again.shape == (1, 256)


def test_robust_corrupt_cache_via_cli_warns_and_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    (tmp_path / ".factcheck_cache").mkdir()
    (tmp_path / ".factcheck_cache" / "embeddings.sqlite3").write_bytes(b"\x00garbage" * 500)
    result = run_cli("check", tmp_path / "in", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "factcheck: warning: embedding cache" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        (b"tool = 5\n", "'tool' in"),
        (b"[tool]\nfactcheck = 5\n", "is not a table"),
        (b"[tool.factcheck]\ntitle = \xff\xfe\n", "not UTF-8"),
        (b"[tool.factcheck\n", "cannot read"),
        (b"[tool.factcheck]\nmax-file-bytes = 5\n", "max-file-bytes"),
        (b'[tool.factcheck]\ncache-dir = ["a"]\n', "cache-dir"),
    ],
)
def test_robust_bad_pyproject_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pyproject: bytes, message: str
) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    (tmp_path / "pyproject.toml").write_bytes(pyproject)
    line = _one_line_error(run_cli("check", tmp_path / "in", cwd=tmp_path, monkeypatch=monkeypatch))
    assert line.startswith("factcheck: error:") and message in line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe{not utf-8}", "not UTF-8"),
        (b"{ not json", "cannot read baseline"),
        (b'{"format": 1, "accepted": [{"kind": 5}]}', "cannot read baseline"),
        (b"[1, 2]", "cannot read baseline"),
    ],
)
def test_robust_bad_baseline_is_one_line_exit_2_before_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes, message: str
) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    (tmp_path / "base.json").write_bytes(content)

    def never(*_a: object, **_k: object) -> None:
        raise AssertionError("the pipeline ran before the baseline was read")

    monkeypatch.setattr("factcheck.pipeline.check", never)
    args = ("check", tmp_path / "in", "--baseline", tmp_path / "base.json")
    line = _one_line_error(run_cli(*args, cwd=tmp_path, monkeypatch=monkeypatch))
    assert message in line


def test_robust_unexpected_exception_names_stage_and_file_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    import factcheck.segment as seg

    real = seg._finish

    def flaky(article: object, *rest: object) -> object:
        if str(article.path).endswith("herald.txt"):  # type: ignore[attr-defined]
            raise ZeroDivisionError("a bug")
        return real(article, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(seg, "_finish", flaky)
    line = _one_line_error(run_cli("check", tmp_path / "in", cwd=tmp_path, monkeypatch=monkeypatch), code=3)
    assert line.startswith("factcheck: internal error in segment while reading ")
    assert "herald.txt" in line and "ZeroDivisionError: a bug" in line


def test_robust_unexpected_exception_in_ingest_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")

    def boom(*_a: object, **_k: object) -> None:
        raise KeyError("odd")

    monkeypatch.setattr("factcheck.ingest._split_units", boom)
    line = _one_line_error(run_cli("check", tmp_path / "in", cwd=tmp_path, monkeypatch=monkeypatch), code=3)
    assert line.startswith("factcheck: internal error in ingest while reading ") and "courier.txt" in line


def test_robust_unexpected_exception_in_compare_exit_3_and_debug_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")

    def boom(*_a: object, **_k: object) -> None:
        raise ValueError("comparator\nbug")

    monkeypatch.setattr("factcheck.pipeline.cross_check", boom)
    line = _one_line_error(run_cli("check", tmp_path / "in", cwd=tmp_path, monkeypatch=monkeypatch), code=3)
    assert line.startswith("factcheck: internal error in compare") and "ValueError: comparator bug" in line
    monkeypatch.setenv("FACTCHECK_DEBUG", "1")
    result = run_cli("check", tmp_path / "in", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 3 and "Traceback" in result.stderr


def test_robust_pairs_internal_error_is_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    infile = tmp_path / "in.jsonl"
    infile.write_text('{"id": 1, "claim": "It rose 5%.", "evidence": "It rose 7%."}\n')

    def boom(*_a: object, **_k: object) -> None:
        raise TypeError("pairs bug")

    monkeypatch.setattr("factcheck.judge.sentence.compare_pairs", boom)
    line = _one_line_error(run_cli("pairs", infile, cwd=tmp_path, monkeypatch=monkeypatch), code=3)
    assert "internal error in compare while reading" in line and "in.jsonl" in line
