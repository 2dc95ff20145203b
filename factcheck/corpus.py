"""A day of coverage: many stories in, one report per story and an index out.

The per-input flow of :mod:`factcheck.pipeline` compares every claim with
every other, so memory grows with the square of the input's claims. A corpus
run therefore goes: read the files (per batch of files) -> one vector per
article (per batch) -> story blocks (:mod:`factcheck.stories`, nearest
neighbours, a capped block size) -> the existing check on each block (segment,
facts, embed, cluster, judge, render: per story). Peak memory is that of the
largest block. Each step is a pure function of its batch, run by an
:class:`~factcheck.engine.Engine`, so a Dask cluster gives the same bytes as
this process. Segmentation stays inside the story task because a claim's
spaCy parse never leaves the process that made it (:mod:`factcheck.parse`).

Models are loaded once per worker process (:func:`worker_backends`) and a
task holds a per-process lock while it uses them, so threads of one worker
never share a spaCy pipeline at the same moment.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from factcheck import __version__
from factcheck._atomic import writable_problem, write_text_atomic
from factcheck.config import Config
from factcheck.embed import Embedder, default_embedder
from factcheck.engine import Engine, LocalEngine, in_order
from factcheck.errors import ConfigError, InputError
from factcheck.ingest import discover_all, read_files, unique_ids
from factcheck.limits import Limits
from factcheck.pipeline import Backends, StageCallback, check_articles, failing, load_backends, read_inputs
from factcheck.render import Format, render
from factcheck.render.index import render_index_json, render_index_md
from factcheck.schema import KIND_ORDER, Article, Frozen, Report, Skipped
from factcheck.stories import Partition, article_text, partition

#: File name ending of each report format in an ``--out-dir``.
EXTENSIONS: dict[str, str] = {"md": "md", "json": "json", "sarif": "sarif", "html": "html"}
#: Files read per ingest task, and article vectors embedded per task.
READ_BATCH = 32
VECTOR_BATCH = 256
_OURS = re.compile(r"^story-\d+\.(md|json|sarif|html)$")

#: What runs after a pipeline stage reports itself done, until the next one starts.
_AFTER = {"embed": "cluster", "compare": "report"}

_BACKENDS: dict[str, Backends] = {}
_EMBEDDERS: dict[str, Embedder] = {}
_LOCK = threading.Lock()


class StorySummary(Frozen):
    """One story of the index: what it is about, who reports it, what an editor must look at."""

    id: str
    headline: str | None = None
    articles: tuple[str, ...]
    sources: tuple[str, ...]
    claims: int
    findings: dict[str, int]
    files: dict[str, str]


class CorpusIndex(Frozen):
    """The index of a corpus run (``index.json``): stories in the order an editor should read them."""

    version: str
    settings: dict[str, float | int | str | bool | None]
    articles: int
    stories: tuple[StorySummary, ...]
    skipped: tuple[Skipped, ...] = ()


@dataclass(frozen=True)
class StoryOutput:
    """What a story task sends back: the summary, each rendered report, how many findings fail the run,
    and the seconds each stage took (for benchmarks; never written into a report)."""

    summary: StorySummary
    texts: dict[str, str]
    failing: int
    seconds: dict[str, float]


class _Clock:
    """Seconds per stage of one story, from the pipeline's ``on_stage`` calls (the gap after embed is clustering)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.label = "setup"
        self.seconds: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.lap()
        self.label = stage if done < total else _AFTER.get(stage, stage)

    def lap(self, label: str | None = None) -> None:
        now = time.perf_counter()
        key = label or self.label
        self.seconds[key] = self.seconds.get(key, 0.0) + now - self.last
        self.last = now


def worker_backends(config: Config) -> Backends:
    """This process's models for ``config``, loaded on first use (once per worker, not per task)."""
    key = config.model_dump_json()
    if key not in _BACKENDS:
        _BACKENDS[key] = load_backends(config)
    return _BACKENDS[key]


def worker_embedder(config: Config) -> Embedder:
    """This process's embedder for ``config``: the one of its backends if loaded, else only the embedder."""
    key = config.model_dump_json()
    if key in _BACKENDS:
        return _BACKENDS[key].embedder
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = default_embedder(config.model, config.cache_dir)
    return _EMBEDDERS[key]


def use_backends(config: Config, backends: Backends) -> None:
    """Make in-process workers use ``backends`` for ``config`` (tests hand in fakes; threads share them)."""
    _BACKENDS[config.model_dump_json()] = backends


def read_task(limits: Limits, files: Sequence[Path]) -> tuple[list[Article], list[Skipped]]:
    """Task: a batch of files -> their articles (ids not yet unique) and what was skipped."""
    return read_files(files, limits)


def vector_task(config: Config, texts: Sequence[str]) -> np.ndarray:
    """Task: a batch of article texts -> their vectors, with the worker's embedder."""
    with _LOCK:
        return np.asarray(worker_embedder(config).encode(list(texts)), dtype=np.float32)


def summarise(story_id: str, report: Report, files: dict[str, str]) -> StorySummary:
    """A story's line in the index, read off its report."""
    counts = dict.fromkeys(KIND_ORDER, 0)
    for f in report.findings:
        counts[f.kind] += 1
    sources = tuple(dict.fromkeys(a.source or a.id for a in report.articles))
    headline = next((a.title for a in report.articles if a.title), None)
    return StorySummary(
        id=story_id,
        headline=headline,
        articles=tuple(a.id for a in report.articles),
        sources=sources,
        claims=len(report.claims),
        findings=counts,
        files=files,
    )


def story_task(
    config: Config, formats: Sequence[Format], detail: bool, level: str, block: tuple[str, tuple[Article, ...]]
) -> StoryOutput:
    """Task: one story block -> its reports in every format asked for (the per-story stages)."""
    story_id, articles = block
    clock = _Clock()
    with _LOCK:
        backends = worker_backends(config)
        clock.lap("load models")
        report = check_articles(articles, config=config, backends=backends, on_stage=clock)
        clock.lap()
    texts: dict[str, str] = {fmt: render(report, fmt, detail) for fmt in formats}
    files: dict[str, str] = {fmt: f"{story_id}.{EXTENSIONS[fmt]}" for fmt in formats}
    clock.lap("render")
    return StoryOutput(summarise(story_id, report, files), texts, len(failing(report, level)), clock.seconds)


def editor_order(stories: Sequence[StorySummary]) -> list[StorySummary]:
    """Stories that most need an editor first: contradictions, then discrepancies, updates, size; then id."""
    return sorted(
        stories,
        key=lambda s: (*(-s.findings.get(k, 0) for k in KIND_ORDER if k != "agreement"), -len(s.articles), s.id),
    )


def out_dir_problem(out_dir: Path, inputs: Sequence[Path]) -> str | None:
    """Why ``out_dir`` cannot take the reports (None when it can), checked before any work is done."""
    if out_dir.exists() and not out_dir.is_dir():
        return "is not a folder"
    problem = writable_problem(out_dir / "index.json")
    if problem:
        return problem
    target = out_dir.resolve()
    for path in inputs:
        if path.is_dir() and target.is_relative_to(path.resolve()):
            return f"is inside the input folder {path}; its reports would be read as articles next time"
    return None


def _read(
    paths: Sequence[Path], config: Config, engine: Engine, on_stage: StageCallback
) -> tuple[list[Article], list[Skipped]]:
    files, skipped = discover_all(paths)
    batches = [files[i : i + READ_BATCH] for i in range(0, len(files), READ_BATCH)]
    done = [0]

    def tick(i: int) -> None:
        done[0] += len(batches[i])
        on_stage("read", done[0], len(files))

    on_stage("read", 0, len(files))
    results = in_order(engine.run(partial(read_task, config.limits()), batches, heavy=False), len(batches), tick)
    articles = unique_ids([a for found, _ in results for a in found])
    skipped.extend(s for _, bad in results for s in bad)
    if not articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        raise InputError("no readable article in the given paths" + (f": {reasons}" if reasons else ""))
    return articles, sorted(skipped, key=lambda s: s.path)


def plan(articles: Sequence[Article], config: Config, engine: Engine, on_stage: StageCallback) -> Partition:
    """Story blocks of ``articles``: one vector each (batched on the engine), then nearest-neighbour blocks."""
    texts = [article_text(a) for a in articles]
    batches = [texts[i : i + VECTOR_BATCH] for i in range(0, len(texts), VECTOR_BATCH)]
    done = [0]

    def tick(i: int) -> None:
        done[0] += len(batches[i])
        on_stage("article vectors", done[0], len(texts))

    on_stage("article vectors", 0, len(texts))
    parts = in_order(engine.run(partial(vector_task, config), batches, heavy=False), len(batches), tick)
    vectors = np.vstack(parts) if parts else np.zeros((0, 1), np.float32)
    return partition(articles, vectors, config.stories())


def _noop(_stage: str, _done: int, _total: int) -> None:
    return None


def check_corpus(
    paths: Sequence[Path],
    out_dir: Path,
    formats: Sequence[Format] = ("md",),
    config: Config | None = None,
    engine: Engine | None = None,
    detail: bool = False,
    fail_on: str = "never",
    backends: Backends | None = None,
    on_stage: StageCallback | None = None,
    seconds: dict[str, float] | None = None,
) -> tuple[CorpusIndex, int]:
    """Check a corpus story by story; write ``story-NNN.<fmt>`` per story, ``index.md`` and ``index.json``.

    Every file is written atomically as its story finishes; report files of an
    earlier run that this run did not write (``story-NNN.*``) are removed, so
    the folder always describes one run. The same inputs give the same bytes
    in every file, whichever engine ran them.

    ``seconds``, when given, is filled with the seconds each stage took
    (per-story stages summed over the stories), for benchmarks.

    Returns:
        The index, and how many findings are at or above ``fail_on`` in all stories.

    Raises:
        ConfigError: ``out_dir`` cannot hold the reports.
        InputError: nothing could be read.
    """
    config = config or Config()
    on_stage = on_stage or _noop
    engine = engine or LocalEngine()
    problem = out_dir_problem(out_dir, paths)
    if problem:
        raise ConfigError(f"cannot write --out-dir {out_dir}: {problem}")
    if backends is not None:
        use_backends(config, backends)
    seconds = seconds if seconds is not None else {}
    start = time.perf_counter()
    articles, skipped = _read(paths, config, engine, on_stage)
    seconds["read"] = time.perf_counter() - start
    start = time.perf_counter()
    blocks = plan(articles, config, engine, on_stage)
    seconds["partition"] = time.perf_counter() - start
    by_id = {a.id: a for a in articles}
    items = [(b.id, tuple(by_id[i] for i in b.article_ids)) for b in blocks.blocks]
    # biggest stories first, so a pool is not left waiting on one large story at the end
    order = sorted(range(len(items)), key=lambda k: (-len(items[k][1]), k))
    summaries: list[StorySummary] = []
    written: set[str] = set()
    fails, done = 0, 0
    on_stage("stories", 0, len(articles))
    task = partial(story_task, config, tuple(formats), detail, fail_on)
    for k, output in engine.run(task, [items[k] for k in order]):
        for fmt, text in output.texts.items():
            name = output.summary.files[fmt]
            _write(out_dir / name, text)
            written.add(name)
        summaries.append(output.summary)
        fails += output.failing
        for stage, took in output.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + took
        done += len(items[order[k]][1])
        on_stage("stories", done, len(articles))
    for stale in sorted(out_dir.iterdir()):
        if _OURS.match(stale.name) and stale.name not in written and stale.is_file():
            stale.unlink()
    index = CorpusIndex(
        version=__version__,
        settings={"embedding_model": config.model, **blocks.settings.model_dump(), "largest_block": blocks.largest()},
        articles=len(articles),
        stories=tuple(editor_order(summaries)),
        skipped=tuple(skipped),
    )
    _write(out_dir / "index.json", render_index_json(index))
    _write(out_dir / "index.md", render_index_md(index))
    return index, fails


def merge_reports(
    parts: Sequence[tuple[str, Report]], skipped: Sequence[Skipped] = (), order: Sequence[str] = ()
) -> Report:
    """Reports of story blocks as one report; cluster and story ids get their block's id in front.

    Articles come in ``order`` (article ids; the input's order), claims with
    their article, findings in the order an editor checks them (as
    :mod:`factcheck.judge` orders them within one report).
    """
    if len(parts) == 1:
        return parts[0][1].model_copy(update={"skipped": tuple(skipped)})
    first = parts[0][1]
    clusters = []
    findings = []
    for block_id, report in parts:
        clusters += [
            c.model_copy(update={"id": f"{block_id}-{c.id}", "story": f"{block_id}-{c.story}" if c.story else None})
            for c in report.clusters
        ]
        findings += [
            f.model_copy(update={"cluster_id": f"{block_id}-{f.cluster_id}"}) if f.cluster_id else f
            for f in report.findings
        ]
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    findings.sort(key=lambda f: (rank[f.kind], -f.confidence, f.claim_ids, f.id))
    rank_of = {a: i for i, a in enumerate(order)}
    articles = sorted((a for _, r in parts for a in r.articles), key=lambda a: rank_of.get(a.id, len(rank_of)))
    at = {a.id: i for i, a in enumerate(articles)}
    claims = sorted((c for _, r in parts for c in r.claims), key=lambda c: at[c.article_id])
    return Report(
        version=first.version,
        mode=first.mode,
        settings=first.settings,
        articles=tuple(articles),
        claims=tuple(claims),
        clusters=tuple(clusters),
        findings=tuple(findings),
        skipped=tuple(skipped),
        drafts=(),
        families=tuple(f for _, r in parts for f in r.families),
    )


def check_report(
    paths: Sequence[Path],
    against: Sequence[Path] = (),
    config: Config | None = None,
    backends: Backends | None = None,
    on_stage: StageCallback | None = None,
) -> Report:
    """:func:`factcheck.pipeline.check`, in story blocks when the input is bigger than one block.

    An input of at most ``block_max_articles`` articles, or a draft check, is
    checked exactly as :func:`~factcheck.pipeline.check` does; a larger one is
    cut into story blocks first, so memory is that of the largest block, and
    the blocks' reports are merged (:func:`merge_reports`). Names spelt two ways
    are then only found within a block.
    """
    config = config or Config()
    on_stage = on_stage or _noop
    on_stage("ingest", 0, 1)
    drafts, sources, skipped = read_inputs(paths, against, config)
    on_stage("ingest", 1, 1)
    if sources or len(drafts) <= config.block_max_articles:
        return check_articles(drafts, sources, skipped, config, backends, on_stage)
    backends = backends or load_backends(config)
    vectors = backends.embedder.encode([article_text(a) for a in drafts])
    blocks = partition(drafts, np.asarray(vectors, dtype=np.float32), config.stories())
    by_id = {a.id: a for a in drafts}
    parts = []
    done = 0
    for block in blocks.blocks:
        on_stage("stories", done, len(drafts))
        articles = [by_id[i] for i in block.article_ids]
        parts.append((block.id, check_articles(articles, config=config, backends=backends)))
        done += len(articles)
    on_stage("stories", done, len(drafts))
    return merge_reports(parts, skipped, [a.id for a in drafts])


def _write(path: Path, text: str) -> None:
    try:
        write_text_atomic(path, text)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


def engine_for(name: str, scheduler: str | None, jobs: int) -> Engine:
    """The engine a command line names (see :func:`factcheck.engine.make_engine`)."""
    from factcheck.engine import make_engine

    return make_engine(name, scheduler, jobs)


def default_jobs() -> int:
    """Processes a local corpus run uses: every core, up to four (each holds its own models)."""
    return max(1, min(4, os.cpu_count() or 1))


__all__ = [
    "CorpusIndex",
    "StoryOutput",
    "StorySummary",
    "check_corpus",
    "check_report",
    "default_jobs",
    "editor_order",
    "engine_for",
    "merge_reports",
    "out_dir_problem",
    "plan",
    "read_task",
    "story_task",
    "summarise",
    "use_backends",
    "vector_task",
    "worker_backends",
    "worker_embedder",
]
