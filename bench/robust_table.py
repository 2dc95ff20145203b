"""The table of hostile inputs tried against the CLI: exit code, first stderr line, good files kept.

Each case puts bad inputs beside the five seed articles and runs ``factcheck`` in
this process with the real models (loaded once), with a 120 s alarm per case.
Run it against any checkout by putting that checkout first on the path::

    python bench/robust_table.py after > /tmp/after.tsv         # or: ... after "CASE NAME" ...
    PYTHONPATH=/path/to/old/checkout python bench/robust_table.py before > /tmp/before.tsv

It writes one tab-separated row per case; bench/RESULTS_robust.md has both runs side by side.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
WORDS = "the council approved the budget on monday after a long debate with members of the public "
BOMB = (
    "---\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\ntitle: *g\n---\n\nThe council met.\n"
)
HOSTILE_HTML = (
    "<html><head><title>&lt;img src=x onerror=alert(1)&gt;</title></head><body><article>"
    "<p>Officials said &lt;script&gt;alert(1)&lt;/script&gt; the rocket &lt;/details&gt; launched on Monday "
    "&lt;iframe src=&quot;javascript:alert(2)&quot;&gt;&lt;/iframe&gt; from the coast.</p>"
    "<p>The launch was delayed twice this year, a spokesman for the agency said on Tuesday.</p>"
    "</article></body></html>"
)


class Case:
    def __init__(self, name: str, setup: Callable[[Path], list[str]], env: dict[str, str] | None = None) -> None:
        self.name, self.setup, self.env = name, setup, env or {}


def _seeds(d: Path) -> Path:
    folder = d / "seeds"
    folder.mkdir(exist_ok=True)
    for s in SEEDS:
        shutil.copy(s, folder / s.name)
    return folder


def _with(name: str, content: bytes | str) -> Callable[[Path], list[str]]:
    def setup(d: Path) -> list[str]:
        folder = _seeds(d)
        path = folder / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return ["check", str(folder)]

    return setup


def _pyproject(body: bytes) -> Callable[[Path], list[str]]:
    def setup(d: Path) -> list[str]:
        (d / "pyproject.toml").write_bytes(body)
        return ["check", str(_seeds(d))]

    return setup


def _fifo_arg(d: Path) -> list[str]:
    os.mkfifo(d / "pipe.txt")
    return ["check", str(d / "pipe.txt"), str(_seeds(d))]


def _fifo_in_folder(d: Path) -> list[str]:
    folder = _seeds(d)
    os.mkfifo(folder / "pipe.txt")
    return ["check", str(folder)]


def _links(d: Path) -> list[str]:
    folder = _seeds(d)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "up").symlink_to(folder)
    return ["check", str(folder)]


def _only_bad(d: Path) -> list[str]:
    (d / "bad").mkdir()
    (d / "bad" / "empty.txt").write_text("")
    (d / "bad" / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    return ["check", str(d / "bad")]


def _corrupt_cache(d: Path) -> list[str]:
    (d / ".factcheck_cache").mkdir()
    (d / ".factcheck_cache" / "embeddings.sqlite3").write_bytes(b"not a database" * 100)
    return ["check", str(_seeds(d))]


def _cache_file(d: Path) -> list[str]:
    (d / "cachefile").write_text("x")
    (d / "pyproject.toml").write_text('[tool.factcheck]\ncache-dir = "cachefile"\n')
    return ["check", str(_seeds(d))]


def _baseline(content: bytes | None, flag: bool = True) -> Callable[[Path], list[str]]:
    def setup(d: Path) -> list[str]:
        if content is not None:
            (d / "base.json").write_bytes(content)
        if not flag:
            (d / "pyproject.toml").write_text('[tool.factcheck]\nbaseline = "base.json"\n')
            return ["check", str(_seeds(d))]
        return ["check", str(_seeds(d)), "--baseline", str(d / "base.json")]

    return setup


def _hostile_name(d: Path) -> list[str]:
    folder = _seeds(d)
    (folder / "x\n::set-output name=pwned::1\n.txt").write_text("")
    (folder / "y,line=999::z.txt").write_text("")
    return ["check", str(folder)]


def _out_under_file(d: Path) -> list[str]:
    (d / "file.txt").write_text("x")
    return ["check", str(_seeds(d)), "--out", str(d / "file.txt" / "report.md")]


def _out_is_input(d: Path) -> list[str]:
    folder = _seeds(d)
    return ["check", str(folder), "--out", str(folder / SEEDS[0].name)]


def _pairs(body: str) -> Callable[[Path], list[str]]:
    def setup(d: Path) -> list[str]:
        (d / "in.jsonl").write_text(body)
        return ["pairs", str(d / "in.jsonl")]

    return setup


PAIR = '{"id": 1, "claim": "It rose 5%.", "evidence": "It rose 7%.", "label": "SUPPORTS", "confidence": "x"}\n'
CASES = [
    Case("1.1 MB unpunctuated line", _with("line.txt", (WORDS * 13_000)[:1_100_000])),
    Case("corrupt cache database", _corrupt_cache),
    Case("cache-dir is a file", _cache_file),
    Case("pyproject: tool = 5", _pyproject(b"tool = 5\n")),
    Case("pyproject not UTF-8", _pyproject(b"[tool.factcheck]\nx = '\xff'\n")),
    Case("--baseline not UTF-8", _baseline(b"\xff\xfe{}")),
    Case("--baseline missing", _baseline(None)),
    Case("config baseline missing", _baseline(None, flag=False)),
    Case("YAML alias bomb (500 B)", _with("bomb.md", BOMB)),
    Case("front matter is a list", _with("list.md", "---\n- a\n- b\n---\n\nThe council met on Monday.\n")),
    Case("published: not-a-date", _with("d.md", "---\npublished: not-a-date\n---\n\nThe council met on Monday.\n")),
    Case("TOML front matter", _with("t.md", '+++\ntitle = "Toml Title"\n+++\n\nThe council met on Monday.\n')),
    Case("UTF-8 BOM before the title", _with("bom.txt", "\ufeffBudget Vote\n\nThe council met on Monday.\n")),
    Case("NUL bytes in text", _with("nul.txt", "Title\n\nThe council\x00 met on Monday after a vote.\n")),
    Case("JSONL with one bad line", _with("feed.jsonl", '{"text": "The council met."}\n{bad\n{"text": "Rain."}\n')),
    Case("FIFO on the command line", _fifo_arg),
    Case("FIFO in a folder", _fifo_in_folder),
    Case("dangling link, link loop, folder link", _links),
    Case("folder of bad files only", _only_bad),
    Case("file names with newline / ,line=", _hostile_name, env={"GITHUB_ACTIONS": "true"}),
    Case("hostile HTML article (md report)", _with("hostile.html", HOSTILE_HTML)),
    Case("--out under a file", _out_under_file),
    Case("--out names an input", _out_is_input),
    Case("pairs: input has label/confidence", _pairs(PAIR)),
    Case("pairs: empty file", _pairs("")),
    Case("pairs: one bad line", _pairs(PAIR + "{bad\n")),
]


class _Alarm(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Alarm


def run(case: Case, work: Path) -> tuple[str, str, str, str]:
    from factcheck.cli import app

    d = work / case.name.replace(" ", "_").replace("/", "_")
    d.mkdir()
    args = case.setup(d)
    out = d / "report.json"
    if args[0] == "check" and "--out" not in args:
        args += ["--format", "json", "--out", str(out)]
        if "hostile" in case.name:
            args[args.index("json")] = "md"
            out = d / "report.md"
            args[-1] = str(out)
    old_cwd, old_env = os.getcwd(), dict(os.environ)
    os.chdir(d)
    os.environ.update(case.env)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(120)
    started = time.perf_counter()
    try:
        result = CliRunner().invoke(app, args)
        code = str(result.exit_code)
        err = (result.stderr or "").strip().splitlines()
        if isinstance(result.exception, _Alarm):
            code, err = "hang (stopped at 120 s)", []
        elif result.exception is not None and not isinstance(result.exception, SystemExit):
            err = [*err, f"Traceback ... {type(result.exception).__name__}: {str(result.exception)[:80]}"]
    except _Alarm:
        code, err = "hang (killed at 120 s)", []
    finally:
        signal.alarm(0)
        os.chdir(old_cwd)
        os.environ.clear()
        os.environ.update(old_env)
    elapsed = time.perf_counter() - started
    shown = next((line for line in err if not line.startswith("factcheck: skipped")), err[0] if err else "")
    if case.env.get("GITHUB_ACTIONS"):
        commands = [line for line in err if line.startswith("::")]
        injected = [line for line in commands if not re.match(r"::(error|warning|notice) file=", line)]
        spoofed = [line for line in commands if ",line=999" in line]
        shown = f"{len(injected)} injected workflow command(s), {len(spoofed)} spoofed location(s)"
    skipped = [line for line in err if line.startswith("factcheck: skipped")]
    if skipped and shown == skipped[0] and len(skipped) > 1:
        shown = f"{shown} (+{len(skipped) - 1} skipped lines)"
    kept = ""
    if out.exists() and out.suffix == ".json":
        try:
            report = json.loads(out.read_text())
            names = {s.name for s in SEEDS}
            seeds = sum(1 for a in report["articles"] if Path(a["path"]).name in names)
            extra = len(report["articles"]) - seeds
            kept = f"{seeds}/5" + (f" + {extra} from the odd file" if extra else "")
            odd = [a for a in report["articles"] if Path(re.sub(r":\d+$", "", a["path"])).name not in names]
            for a in odd[:1]:
                title = a.get("title") or ""
                shown_title = repr(title[:24] + ("…" if len(title) > 24 else ""))
                reasons = [r["reason"] for r in a.get("removed", [])]
                notes = [r for r in reasons if "ignored" in r or "limit" in r]
                kept += f"; its title {shown_title} ({len(title):,} chars)" + (f"; listed: {notes[0]}" if notes else "")
        except (ValueError, KeyError):
            kept = "unreadable report"
    elif out.exists():
        from html.parser import HTMLParser

        from markdown_it import MarkdownIt

        found: list[str] = []

        class Tags(HTMLParser):
            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                if tag in ("script", "iframe", "img") or any(k.startswith("on") for k, _ in attrs):
                    found.append(tag)

        Tags().feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(out.read_text()))
        raw = len(found)
        kept = f"5/5; elements from the article once rendered (markdown-it): {raw}"
    elif args[0] == "check":
        kept = "no report"
        if "--out" in args and Path(args[args.index("--out") + 1]).name in {s.name for s in SEEDS}:
            overwritten = Path(args[args.index("--out") + 1]).read_text() != SEEDS[0].read_text()
            kept += "; the input was overwritten" if overwritten else "; the input is intact"
    elif args[0] == "pairs" and result.stdout.strip():
        row = json.loads(result.stdout.splitlines()[0])
        kept = f"output keys: {', '.join(sorted(row))}"
    return code, " ".join(shown.split())[:160], kept, f"{elapsed:.1f}"


def main() -> None:
    label = sys.argv[1] if len(sys.argv) > 1 else "run"
    import factcheck

    print(f"# {label}: factcheck from {Path(factcheck.__file__).parent}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        for case in [c for c in CASES if len(sys.argv) < 3 or c.name in sys.argv[2:]]:
            code, message, kept, secs = run(case, Path(tmp))
            print("\t".join([case.name, code, message, kept, secs]), flush=True)
    _ = sqlite3  # the cache cases rely on sqlite3 being importable


if __name__ == "__main__":
    main()
