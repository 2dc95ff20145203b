"""Engines change how fast a corpus run is, never its bytes: Dask (in-process cluster) vs this process."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.corpus import check_corpus
from factcheck.engine import LocalEngine, in_order, make_engine
from factcheck.errors import ConfigError

from .corpus_support import corpus_config, fake_backends, write_corpus


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _square(x: int) -> int:
    return x * x


def test_engine_local_runs_every_item_and_in_order_restores_positions() -> None:
    engine = LocalEngine()
    assert in_order(engine.run(_square, [3, 1, 2]), 3) == [9, 1, 4]


def test_engine_unknown_name_and_bad_jobs_are_config_errors() -> None:
    with pytest.raises(ConfigError):
        make_engine("spark")
    with pytest.raises(ConfigError):
        LocalEngine(0)


def test_engine_dask_reports_are_byte_identical_to_the_local_engine(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from factcheck.engine import DaskEngine

    corpus = write_corpus(tmp_path / "in")
    config = corpus_config(tmp_path)
    check_corpus([corpus], tmp_path / "local", ("md", "json", "sarif"), config, backends=fake_backends())
    engine = DaskEngine(workers=2, processes=False)
    try:
        index, _ = check_corpus(
            [corpus], tmp_path / "dask", ("md", "json", "sarif"), config, engine=engine, backends=fake_backends()
        )
    finally:
        engine.close()
    assert len(index.stories) == 3
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_engine_dask_joins_a_running_scheduler_by_address() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        engine = make_engine("dask", cluster.scheduler_address, 1)
        try:
            assert in_order(engine.run(_square, [2, 3, 4]), 3) == [4, 9, 16]
        finally:
            engine.close()
        assert cluster.status.name == "running"  # joining a cluster leaves it running


def test_engine_dask_unreachable_scheduler_is_a_clear_error() -> None:
    pytest.importorskip("distributed")
    from factcheck.engine import DaskEngine
    from factcheck.errors import FactcheckError

    with pytest.raises(FactcheckError, match="cannot reach the Dask scheduler"):
        DaskEngine("tcp://127.0.0.1:9", timeout="2s")
