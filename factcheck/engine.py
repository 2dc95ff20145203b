"""Where a corpus run's tasks execute: this process, a local process pool, or a Dask cluster.

The same task functions (pure functions of their batch, see
:mod:`factcheck.corpus`) run on every engine, so an engine changes how fast a
run is, never what it finds: results come back tagged with their position and
the caller puts them in order. An engine knows nothing about claims.

Dask is optional (``pip install factcheck[dask]``): ``DaskEngine`` joins an
existing scheduler by address, or starts a :class:`distributed.LocalCluster`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from typing import Any, Protocol, TypeVar

from factcheck.errors import ConfigError, FactcheckError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")


class Engine(Protocol):
    """Runs one function over many items; yields ``(position, result)`` as results arrive."""

    @property
    def name(self) -> str:
        """``local`` or ``dask`` (recorded nowhere in a report: engines never change one)."""
        ...

    def run(self, fn: Callable[[T], R], items: Sequence[T], heavy: bool = True) -> Iterator[tuple[int, R]]:
        """Apply ``fn`` to every item; results in any order, each with its item's position.

        ``heavy=False`` marks tasks too light to be worth another process (a local pool runs them here).
        """
        ...

    def close(self) -> None:
        """Release workers (a joined cluster is left running)."""
        ...


def _single_threaded_worker() -> None:
    """A pool worker uses one core for torch and BLAS: the pool itself is what uses the others."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:  # pragma: no cover - torch is a dependency
        pass


class LocalEngine:
    """Tasks in this process (``jobs=1``), or in a pool of ``jobs`` spawned processes.

    A pool pays off when there are several story blocks: each process loads
    the models once (a few seconds) and then judges whole stories on its own
    core. A pool is started on first use and kept for the engine's life.
    """

    def __init__(self, jobs: int = 1) -> None:
        if jobs < 1:
            raise ConfigError(f"--jobs must be at least 1, not {jobs}")
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    @property
    def name(self) -> str:
        return "local"

    def run(self, fn: Callable[[T], R], items: Sequence[T], heavy: bool = True) -> Iterator[tuple[int, R]]:
        if self.jobs == 1 or len(items) <= 1 or not heavy:
            for i, item in enumerate(items):
                yield i, fn(item)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=get_context("spawn"), initializer=_single_threaded_worker
            )
        futures = {self._pool.submit(fn, item): i for i, item in enumerate(items)}
        for future in as_completed(futures):
            yield futures[future], future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskEngine:
    """Tasks on a Dask cluster: the one at ``scheduler``, or a local one of ``workers`` processes.

    Each worker keeps the models it loaded (module-level, per process), so a
    model is loaded once per worker, not once per task. ``processes=False``
    runs the workers as threads of this process (tests; no pickling of models).
    """

    def __init__(
        self, scheduler: str | None = None, workers: int = 2, processes: bool = True, timeout: str = "20s"
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise FactcheckError("--engine dask needs Dask: pip install 'factcheck[dask]'") from None
        self._cluster: Any = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout=timeout)
            except OSError as exc:
                raise FactcheckError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        else:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
                silence_logs=40,  # errors only: the CLI owns stderr
            )
            self._client = Client(self._cluster)

    @property
    def name(self) -> str:
        return "dask"

    def run(self, fn: Callable[[T], R], items: Sequence[T], heavy: bool = True) -> Iterator[tuple[int, R]]:
        from distributed import as_completed as dask_completed

        if not items:
            return
        futures = self._client.map(fn, list(items), pure=False)
        position = {f.key: i for i, f in enumerate(futures)}
        for future, result in dask_completed(futures, with_results=True):
            yield position[future.key], result

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str, scheduler: str | None = None, jobs: int = 1) -> Engine:
    """The engine a command line asks for.

    Raises:
        FactcheckError: an unknown engine, ``--scheduler`` without Dask, or Dask not installed.
    """
    if name not in ENGINES:
        raise ConfigError(f"unknown engine {name!r}; use local or dask")
    if name == "local":
        if scheduler:
            raise ConfigError("--scheduler needs --engine dask")
        return LocalEngine(jobs)
    return DaskEngine(scheduler, workers=jobs)


def in_order(results: Iterator[tuple[int, R]], count: int, on_done: Callable[[int], None] | None = None) -> list[R]:
    """Results of :meth:`Engine.run` in item order (``on_done(position)`` as each arrives)."""
    out: list[R | None] = [None] * count
    for i, result in results:
        out[i] = result
        if on_done is not None:
            on_done(i)
    return out  # type: ignore[return-value]


__all__ = ["ENGINES", "DaskEngine", "Engine", "LocalEngine", "in_order", "make_engine"]
