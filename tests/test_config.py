from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import Config, load_config
from factcheck.errors import ConfigError


def test_config_reads_tool_table_with_hyphenated_keys(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factcheck]\nfail-on = "discrepancy"\ncluster_threshold = 0.7\nbaseline = "accepted.json"\n'
    )
    config = load_config(tmp_path)
    assert config.fail_on == "discrepancy"
    assert config.cluster_threshold == 0.7
    assert config.baseline == tmp_path / "accepted.json"


def test_config_defaults_without_pyproject(tmp_path: Path) -> None:
    assert load_config(start=tmp_path) == Config()
    assert Config().fail_on is None


@pytest.mark.parametrize("body", ['[tool.factcheck]\nfail-on = "sometimes"\n', "[tool.factcheck]\nbogus = 1\n"])
def test_config_rejects_bad_values_with_one_line(tmp_path: Path, body: str) -> None:
    (tmp_path / "pyproject.toml").write_text(body)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "\n" not in str(info.value)


def test_config_flags_override_file() -> None:
    config = Config(fail_on="never").merged(fail_on="contradiction", model=None)
    assert config.fail_on == "contradiction"
    assert config.model == Config().model
