"""Offline by construction: a full check with the real models runs with the network made unavailable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS

pytestmark = pytest.mark.slow

#: Run before factcheck: every way out of the machine raises, and each attempt is written down.
NO_NETWORK = r"""
import socket, sys
_log = open(sys.argv.pop(1), "a")

def _refuse(*args, **kwargs):
    _log.write(repr(args[:2]) + "\n"); _log.flush()
    raise OSError("network disabled by test_robust_offline")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.socket.sendto = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
socket.gethostbyname = _refuse
from factcheck.cli import main
sys.argv[0] = "factcheck"
main()
"""


def test_robust_full_check_runs_with_the_network_unavailable(tmp_path: Path) -> None:
    attempts = tmp_path / "attempts.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_", "GITHUB_ACTIONS"))}
    env |= {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "xdg")}  # no model cached in a home folder
    result = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, str(attempts), "check", str(SEEDS), "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert len(report["articles"]) == 5 and report["claims"] and report["findings"]
    tried = attempts.read_text() if attempts.exists() else ""
    assert tried == "", f"network calls attempted: {tried[:500]}"
