from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app

runner = CliRunner()


def test_cli_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", ["check", "pairs", "baseline", "schema", "train"])
def test_cli_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.strip()) > 80


def test_cli_missing_path_is_exit_2_with_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "error" in result.output.lower()
    assert "Traceback" not in result.output


def test_cli_unknown_format_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Something happened.\n")
    result = runner.invoke(app, ["check", str(tmp_path / "a.txt"), "--format", "pdf"])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [('{"id": 1, "claim": "x"}\n', "missing key 'evidence'"), ("not json\n", "not valid JSON"), ("[1]\n", "object")],
)
def test_cli_pairs_rejects_bad_rows(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(body)
    result = runner.invoke(app, ["pairs", str(path)])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_schema_prints_report_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0 and '"findings"' in result.output


def test_cli_train_without_data_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "vitaminc_dev.jsonl" in result.output


def test_cli_check_uses_configured_sources_as_against(tmp_path: Path) -> None:
    from factcheck.config import load_config

    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nsources = ["sources"]\n')
    assert load_config(tmp_path).sources == (str(tmp_path / "sources"),)
