"""Data loss: a report written with --out is replaced whole or not at all (issue: robustness, "data loss")."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck._atomic import write_text_atomic

from .robust_support import run_cli, use_fake_models, write_good

OLD = "# the good report from yesterday\n" * 100


def test_robust_atomic_write_interrupted_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.md"
    out.write_text(OLD)

    def killed(_fd: int) -> None:  # the new text is written, not yet renamed over: the moment a kill hurts
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", killed)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(out, "new " * 1_000_000)
    assert out.read_text() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]  # no temporary file left behind


def test_robust_atomic_write_sigkill_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    """A real SIGKILL while the new report is being written: the old one is still there, whole."""
    out = tmp_path / "report.md"
    out.write_text(OLD)
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from factcheck._atomic import write_text_atomic\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"write_text_atomic(Path({str(out)!r}), 'half-written ' * 1_000_000)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert result.returncode == -9
    assert out.read_text() == OLD


def test_robust_atomic_write_keeps_mode_and_writes_through_links(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text(OLD)
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_text_atomic(link, "new\n")
    assert link.is_symlink() and target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "sub" / "fresh.md"
    write_text_atomic(fresh, "x\n")
    assert stat.S_IMODE(fresh.stat().st_mode) != 0o600  # not mkstemp's private mode
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_robust_cli_out_survives_a_crash_while_rendering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    out = tmp_path / "report.md"
    out.write_text(OLD)

    def broken(*_args: object) -> str:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr("factcheck.render.render", broken)
    result = run_cli("check", tmp_path / "in", "--out", out, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 3
    assert out.read_text() == OLD


def test_robust_cli_out_replaces_the_report_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    out = tmp_path / "report.json"
    out.write_text(OLD)
    result = run_cli("check", tmp_path / "in", "--format", "json", "--out", out, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.stderr
    assert out.read_text().startswith("{") and out.read_text().endswith("}\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


@pytest.mark.parametrize(
    ("make_out", "message"),
    [
        (lambda d: d / "afile.txt" / "report.md", "is not a folder"),
        (lambda d: d, "is a folder"),
        (lambda d: d / "in" / "gazette.txt", "is one of the inputs"),
    ],
)
def test_robust_cli_bad_out_is_found_before_the_pipeline_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_out: object, message: str
) -> None:
    use_fake_models(monkeypatch)
    write_good(tmp_path / "in")
    (tmp_path / "afile.txt").write_text("x")

    def never(*_a: object, **_k: object) -> None:
        raise AssertionError("the pipeline ran before --out was checked")

    monkeypatch.setattr("factcheck.pipeline.check", never)
    out = make_out(tmp_path)  # type: ignore[operator]
    result = run_cli("check", tmp_path / "in", "--out", out, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert (tmp_path / "in" / "gazette.txt").read_text().startswith("Budget Vote")
