"""The ``factcheck`` command: parse arguments, call the library, write the result.

Nothing here decides anything about claims; every command is a thin call into
the library. Errors the library raises on purpose become one line on stderr
and exit code 2; findings at or above ``--fail-on`` give exit code 1.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from factcheck import __version__
from factcheck.config import Config, FailOn, load_config
from factcheck.errors import FactcheckError, InputError

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


def _fail(message: str) -> typer.Exit:
    typer.echo(f"factcheck: error: {message}", err=True)
    return typer.Exit(code=2)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from None


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    """A rich progress bar on a terminal's stderr; a no-op callback when piped or disabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as bar:
        tasks: dict[str, Any] = {}

        def on_stage(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield on_stage


def _config(config_file: Path | None, **overrides: object) -> Config:
    base = load_config(pyproject=config_file) if config_file else load_config()
    return base.merged(**overrides)


ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="pyproject.toml to read [tool.factcheck] from (default: nearest).")
]


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Articles: files or folders (.txt .md .html .jsonl).")],
    against: Annotated[
        list[Path] | None,
        typer.Option("--against", help="Sources to check the PATH drafts against (repeat for several)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format: md, json or sarif.")] = "md",
    out: Annotated[Path | None, typer.Option("--out", help="Write the report here (default: stdout).")] = None,
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
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal).")
    ] = None,
    config_file: ConfigOpt = None,
) -> None:
    """Cross-check articles, or check drafts against sources (pre-publication check)."""
    if fmt not in ("md", "json", "sarif"):
        raise _fail(f"unknown format {fmt!r}; use md, json or sarif")
    from factcheck.pipeline import check as run_check
    from factcheck.pipeline import failing
    from factcheck.render import render
    from factcheck.render.sarif import github_annotations

    try:
        config = _config(config_file, fail_on=fail_on, baseline=baseline, model=model, progress=progress)
        sources = list(against) if against else [Path(p) for p in config.sources]
        level = config.fail_on or ("contradiction" if sources else "never")
        show = config.progress if config.progress is not None else sys.stderr.isatty()
        with _progress(show) as on_stage:
            report = run_check(paths, sources, config, on_stage=on_stage)
        _write(render(report, fmt), out)  # type: ignore[arg-type]
    except FactcheckError as exc:
        raise _fail(str(exc)) from None
    for skipped in report.skipped:
        typer.echo(f"factcheck: skipped {skipped.path}: {skipped.reason}", err=True)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(report):
            typer.echo(line, err=True)
    if failing(report, level):
        raise typer.Exit(code=1)


@app.command()
def baseline(
    paths: Annotated[list[Path], typer.Argument(help="The same inputs as for `check`.")],
    against: Annotated[list[Path] | None, typer.Option("--against", help="Sources, as for `check`.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Baseline file to write.")] = Path(".factcheck-baseline.json"),
    config_file: ConfigOpt = None,
) -> None:
    """Accept every current finding: write them to a baseline file that `check --baseline` honours."""
    from factcheck.baseline import Baseline
    from factcheck.pipeline import check as run_check

    try:
        config = _config(config_file).model_copy(update={"baseline": None})
        sources = list(against) if against else [Path(p) for p in config.sources]
        report = run_check(paths, sources, config)
        accepted = Baseline.from_findings(report.findings, {c.id: c for c in report.claims})
        _write(accepted.dump(), out)
    except FactcheckError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"factcheck: {len(accepted.accepted)} findings accepted in {out}", err=True)


@app.command()
def pairs(
    infile: Annotated[Path, typer.Argument(help="JSON lines: {id, claim, evidence} per line.", metavar="IN.jsonl")],
    out: Annotated[Path | None, typer.Option("--out", help="Write JSON lines here (default: stdout).")] = None,
    config_file: ConfigOpt = None,
) -> None:
    """Judge claim/evidence pairs: agree, contradict or neutral, with the type of difference."""
    try:
        config = _config(config_file)
        from factcheck.ingest import read_pairs

        rows = read_pairs(infile)
        from factcheck.judge.sentence import compare_pairs, load_comparator
        from factcheck.facts.slots import SlotExtractor

        comparator = load_comparator(config.scorer, config.cross_encoder)
        results = compare_pairs(rows, comparator, SlotExtractor(None), None)
        _write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results), out)
    except FactcheckError as exc:
        raise _fail(str(exc)) from None


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
    from factcheck.train import main as train_main

    argv = ["--data", str(data), "--folds", str(folds), *(["--out", str(out)] if out else [])]
    raise typer.Exit(code=train_main(argv))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the `--format json` report."""
    from factcheck.render.json import report_schema

    sys.stdout.write(report_schema())


def main() -> None:
    """Console-script entry point."""
    app()
