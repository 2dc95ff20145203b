"""The ``factcheck`` command: parse arguments, call the library, write the result.

Nothing here decides anything about claims; every command is a thin call into
the library. Errors the library raises on purpose become one line on stderr
and exit code 2; findings at or above ``--fail-on`` give exit code 1. Any other
exception is a bug: one line naming the stage (and the file being read) and
exit code 3, so that CI never reads a crash as "findings found"
(``FACTCHECK_DEBUG=1`` adds the traceback). Every line written to stderr has
its control characters escaped, so no path or article text can start a line
of its own in a CI log. ``--out`` and ``--baseline`` are checked before any
work is done, and reports are written atomically (temporary file, rename).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from factcheck import __version__
from factcheck._atomic import writable_problem, write_text_atomic
from factcheck.config import Config, FailOn, load_config
from factcheck.errors import EXIT_INTERNAL, FactcheckError, FactcheckWarning, InputError, file_of
from factcheck.render._escape import terminal_line

app = typer.Typer(
    name="factcheck",
    help="Cross-check news articles claim by claim: where sources agree, contradict, or stand alone.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Cross-check news articles claim by claim."""


def _say(line: str) -> None:
    """One line on stderr, control characters escaped (a newline in a path cannot start a CI command)."""
    typer.echo(terminal_line(line), err=True)


def _fail(message: str) -> typer.Exit:
    _say(f"factcheck: error: {message}")
    return typer.Exit(code=2)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        write_text_atomic(out, text)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from None


def _check_out(out: Path | None, inputs: list[Path] | None = None) -> None:
    """A ``--out`` that cannot be written, or that names an input, is an error before any work is done."""
    if out is None:
        return
    problem = writable_problem(out)
    if problem:
        raise InputError(f"cannot write --out {out}: {problem}")
    if not out.is_file():
        return
    from factcheck.ingest import SUFFIXES

    target = out.resolve()
    for path in inputs or ():
        if not path.exists():
            continue
        named = path.is_file() and os.path.samefile(path, out)
        inside = path.is_dir() and target.is_relative_to(path.resolve()) and target.suffix.lower() in SUFFIXES
        if named or inside:
            raise InputError(f"--out {out} is one of the inputs; it would be overwritten")


class _Stage:
    """The stage a command is in, as the pipeline reports it through ``on_stage``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def wrap(self, inner: Callable[[str, int, int], None] | None) -> Callable[[str, int, int], None]:
        def on_stage(stage: str, done: int, total: int) -> None:
            # past a stage's last step the next one (loading models, say) has not announced itself yet
            self.name = stage if done < total else f"the step after {stage}"
            if inner is not None:
                inner(stage, done, total)

        return on_stage


def _show_warning(
    message: Warning | str, category: type[Warning], filename: str, lineno: int, file: Any = None, line: Any = None
) -> None:
    if issubclass(category, FactcheckWarning):
        _say(f"factcheck: warning: {message}")
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


@contextmanager
def _guard(stage: _Stage, reading: str | None = None) -> Iterator[None]:
    """Every way a command can stop, as an exit code and at most one line of stderr.

    ``FactcheckError`` -> 2 (the message); an unexpected exception -> 3, naming
    the stage and the file; Ctrl-C -> 130. Library warnings meant for the user
    (:class:`FactcheckWarning`) print as ``factcheck: warning: ...`` lines.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("always", FactcheckWarning)
        warnings.showwarning = _show_warning
        try:
            yield
        except (typer.Exit, typer.Abort):
            raise
        except FactcheckError as exc:
            raise _fail(str(exc)) from None
        except KeyboardInterrupt:
            _say("factcheck: interrupted")
            raise typer.Exit(code=130) from None
        except Exception as exc:
            debug = os.environ.get("FACTCHECK_DEBUG") == "1"
            if debug:
                traceback.print_exc()
            file = file_of(exc) or reading
            where = f" while reading {file}" if file else ""
            detail = " ".join(str(exc).split())
            detail = detail if len(detail) <= 300 else detail[:299] + "…"
            hint = "" if debug else " (FACTCHECK_DEBUG=1 shows the traceback)"
            _say(f"factcheck: internal error in {stage.name}{where}: {type(exc).__name__}: {detail}{hint}")
            raise typer.Exit(code=EXIT_INTERNAL) from None


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    """A rich progress display on a terminal's stderr: stage, done of total, rate, ETA; nothing when piped.

    One line per stage; a stage counted in articles or files (a corpus run's
    ``read``, ``article vectors``, ``stories``) shows how many are done, how
    many a second, and the time left at that rate.
    """
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:>10}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        tasks: dict[str, Any] = {}

        def on_stage(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1), rate="")
            task = bar.tasks[tasks[stage]] if tasks[stage] < len(bar.tasks) else None
            speed = task.speed if task is not None else None
            rate = f"{speed:.1f}/s" if speed and total > 1 else ""
            bar.update(tasks[stage], completed=done, total=max(total, 1), rate=rate)

        yield on_stage


def _config(config_file: Path | None, **overrides: object) -> Config:
    base = load_config(pyproject=config_file) if config_file else load_config()
    return base.merged(**overrides)


ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="pyproject.toml to read [tool.factcheck] from (default: nearest).")
]


def _formats(given: list[str] | None) -> list[str]:
    """``--format`` values: repeated, or comma-separated; each one once, in the order given."""
    names = [n.strip() for value in (given or ["md"]) for n in value.split(",") if n.strip()]
    for name in names:
        if name not in ("md", "json", "sarif", "html"):
            raise _fail(f"unknown format {name!r}; use md, json, sarif or html")
    return list(dict.fromkeys(names)) or ["md"]


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Articles: files or folders (.txt .md .html .jsonl).")],
    against: Annotated[
        list[Path] | None,
        typer.Option("--against", help="Sources to check the PATH drafts against (repeat for several)."),
    ] = None,
    fmt: Annotated[
        list[str] | None,
        typer.Option(
            "--format", help="Output format: md, json, sarif or html (repeat or comma-separate with --out-dir)."
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write the report here (default: stdout).")] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", help="Many stories: one report per story plus index.md and index.json here."),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 on findings at or above this level (default: never; contradiction with --against).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Accepted findings (from `factcheck baseline`).")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="sentence-transformers model folder.")] = None,
    detail: Annotated[bool, typer.Option("--detail", help="Also show every cluster of claims (md, html).")] = False,
    engine: Annotated[
        str, typer.Option("--engine", help="With --out-dir: run here (local) or on Dask (dask; factcheck[dask]).")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="With --engine dask: address of a running scheduler.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", help="With --out-dir: processes (local) or workers (dask); default: cores, up to 4."
        ),
    ] = None,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal).")
    ] = None,
    config_file: ConfigOpt = None,
) -> None:
    """Cross-check articles, or check drafts against sources (pre-publication check)."""
    formats = _formats(fmt)
    if len(formats) > 1 and out_dir is None:
        raise _fail("several --format values need --out-dir (one file per format)")
    if out_dir is not None and out is not None:
        raise _fail("--out and --out-dir cannot be used together")
    if out_dir is None and (engine != "local" or scheduler or jobs is not None):
        raise _fail("--engine, --scheduler and --jobs need --out-dir")
    stage = _Stage("setup")
    with _guard(stage):
        config = _config(config_file, fail_on=fail_on, baseline=baseline, model=model, progress=progress)
        config = _checked_baseline(config, given=baseline is not None)
        sources = list(against) if against else [Path(p) for p in config.sources]
        show = config.progress if config.progress is not None else sys.stderr.isatty()
        if out_dir is not None:
            if against:
                raise InputError("--out-dir checks a corpus of sources; a draft check (--against) writes one --out")
            _check_corpus(paths, out_dir, formats, config, engine, scheduler, jobs, detail, show, stage)
            return
        _check_out(out, [*paths, *sources])
        from factcheck.corpus import check_report as run_check
        from factcheck.pipeline import failing
        from factcheck.render import render
        from factcheck.render.sarif import github_annotations

        level = config.fail_on or ("contradiction" if sources else "never")
        with _progress(show) as on_stage:
            report = run_check(paths, sources, config, on_stage=stage.wrap(on_stage))
        stage.name = "render"
        _write(render(report, formats[0], detail), out)  # type: ignore[arg-type]
        for skipped in report.skipped:
            _say(f"factcheck: skipped {skipped.path}: {skipped.reason}")
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for line in github_annotations(report):
                typer.echo(line, err=True)  # already escaped by the workflow-command rules
        fails = bool(failing(report, level))
    if fails:
        raise typer.Exit(code=1)


def _check_corpus(
    paths: list[Path],
    out_dir: Path,
    formats: list[str],
    config: Config,
    engine_name: str,
    scheduler: str | None,
    jobs: int | None,
    detail: bool,
    show: bool,
    stage: _Stage,
) -> None:
    """``check --out-dir``: one report per story and an index; exit 1 when a story has failing findings."""
    from factcheck.corpus import check_corpus, default_jobs, engine_for, out_dir_problem

    problem = out_dir_problem(out_dir, paths)
    if problem:  # before a cluster is started or a model loaded
        raise InputError(f"cannot write --out-dir {out_dir}: {problem}")
    level = config.fail_on or "never"
    # every core by default: stories are judged in parallel (400 articles on a quiet 2-core machine: 192.6 s
    # with one process, 120.5 s with two; bench/RESULTS_scale.md); a corpus of one story runs in this process
    workers = jobs if jobs is not None else default_jobs()
    engine = engine_for(engine_name, scheduler, workers)
    try:
        with _progress(show) as on_stage:
            index, fails = check_corpus(
                paths, out_dir, formats, config, engine, detail, level, on_stage=stage.wrap(on_stage)  # type: ignore[arg-type]
            )
    finally:
        engine.close()
    for skipped in index.skipped:
        _say(f"factcheck: skipped {skipped.path}: {skipped.reason}")
    stories = f"{len(index.stories)} {'story' if len(index.stories) == 1 else 'stories'}"
    _say(f"factcheck: {stories} from {index.articles} articles written to {out_dir} (index.md, index.json)")
    if fails:
        raise typer.Exit(code=1)


def _checked_baseline(config: Config, given: bool) -> Config:
    """The baseline is read before any work: a named one that is missing or bad is an error.

    A baseline set only in ``[tool.factcheck]`` that does not exist (yet) is a
    warning and the run goes on without it; one that exists but cannot be read
    is an error either way.
    """
    from factcheck.baseline import Baseline

    if config.baseline is None:
        return config
    if not given and not config.baseline.exists():
        warnings.warn(
            FactcheckWarning(f"baseline {config.baseline} (from the config) not found; checking without it"),
            stacklevel=2,
        )
        return config.model_copy(update={"baseline": None})
    Baseline.load(config.baseline)
    return config


@app.command()
def baseline(
    paths: Annotated[list[Path], typer.Argument(help="The same inputs as for `check`.")],
    against: Annotated[list[Path] | None, typer.Option("--against", help="Sources, as for `check`.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Baseline file to write.")] = Path(".factcheck-baseline.json"),
    config_file: ConfigOpt = None,
) -> None:
    """Accept every current finding: write them to a baseline file that `check --baseline` honours."""
    stage = _Stage("setup")
    with _guard(stage):
        from factcheck.baseline import Baseline
        from factcheck.pipeline import check as run_check

        config = _config(config_file).model_copy(update={"baseline": None})
        sources = list(against) if against else [Path(p) for p in config.sources]
        _check_out(out, [*paths, *sources])
        report = run_check(paths, sources, config, on_stage=stage.wrap(None))
        accepted = Baseline.from_findings(report.findings, {c.id: c for c in report.claims})
        stage.name = "write"
        _write(accepted.dump(), out)
        for skipped in report.skipped:
            _say(f"factcheck: skipped {skipped.path}: {skipped.reason}")
    _say(f"factcheck: {len(accepted.accepted)} findings accepted in {out}")


@app.command()
def pairs(
    infile: Annotated[Path, typer.Argument(help="JSON lines: {id, claim, evidence} per line.", metavar="IN.jsonl")],
    out: Annotated[Path | None, typer.Option("--out", help="Write JSON lines here (default: stdout).")] = None,
    config_file: ConfigOpt = None,
) -> None:
    """Judge claim/evidence pairs: agree, contradict or neutral, with the type of difference."""
    stage = _Stage("setup")
    with _guard(stage, reading=str(infile)):
        config = _config(config_file)
        _check_out(out, [infile])
        from factcheck.ingest import read_pairs

        stage.name = "ingest"
        rows, originals = read_pairs(infile, config.limits())
        from factcheck.facts.slots import SlotExtractor
        from factcheck.judge.sentence import compare_pairs, load_comparator

        stage.name = "compare"
        comparator = load_comparator(config.scorer, config.cross_encoder)
        results = compare_pairs(rows, comparator, SlotExtractor(None), None)
        for result, original in zip(results, originals, strict=True):
            result.update(original)  # the output carries the input as it was, not as it was cut for judging
        stage.name = "write"
        _write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results), out)


@app.command()
def train(
    data: Annotated[Path, typer.Option("--data", help="Folder with vitaminc_dev.jsonl and the NLI sets.")] = Path(
        "../shared/data"
    ),
    out: Annotated[Path | None, typer.Option("--out", help="Model file to write (default: the shipped one).")] = None,
    folds: Annotated[int, typer.Option("--folds", help="Grouped cross-validation folds over VitaminC pages.")] = 5,
) -> None:
    """Train the comparator's learned scorer on labelled pairs and save it (safetensors + JSON)."""
    if not (data / "vitaminc_dev.jsonl").is_file():
        raise _fail(f"no vitaminc_dev.jsonl in {data}; pass --data with the labelled data folder")
    with _guard(_Stage("train")):
        _check_out(out)
        from factcheck.train import main as train_main

        argv = ["--data", str(data), "--folds", str(folds), *(["--out", str(out)] if out else [])]
        code = train_main(argv)
    raise typer.Exit(code=code)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the `--format json` report."""
    with _guard(_Stage("schema")):
        from factcheck.render.json import report_schema

        sys.stdout.write(report_schema())


def main() -> None:
    """Console-script entry point."""
    app()
