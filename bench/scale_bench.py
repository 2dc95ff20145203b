"""Scale of a corpus run: wall time, claims/s, peak memory and stage times per corpus size.

usage: .venv/bin/python bench/scale_bench.py [--sizes 25,100,400,1000] [--jobs 1] [--engine local]
                                             [--threads 1] [--synthetic-claims M] [--out bench/RESULTS_scale.md]

For each size a corpus is built (``bench/scale_corpus.py``: ECB+ dev documents
as article files, plus the project's fixtures) under ``bench/out/scale/``, and
one subprocess per size runs ``factcheck.corpus.check_corpus`` on it with an
empty embedding cache (a cold run: everything is embedded), then, in the same
process and with the same model, embeds the same claim texts once more with no
cache (embedding-only time). Peak memory is the subprocess's peak RSS
(including pool workers when ``--jobs`` > 1). The ratio whole-check ÷
embedding-only says how much a check costs beyond embedding its claims.
``--threads`` sets ``OMP_NUM_THREADS`` (torch and BLAS) in the subprocess: both
the check and the embedding-only pass run with it (0: the libraries' default).
The load average (1 minute) is recorded before and after each size.
Development figures: ECB+ dev topics were used for tuning.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

STAGES = ("read", "partition", "load models", "segment", "facts", "embed", "cluster", "compare", "report", "render")


def one(n: int, corpus: Path, out: Path, jobs: int, engine_name: str) -> dict[str, object]:
    """Run one size in this process; returns the figures (called in a fresh subprocess per size)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from factcheck.config import Config
    from factcheck.corpus import check_corpus
    from factcheck.embed import SentenceTransformerEmbedder
    from factcheck.engine import make_engine

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as cache:
        config = Config(cache_dir=Path(cache))
        engine = make_engine(engine_name, None, jobs)
        seconds: dict[str, float] = {}
        start = time.perf_counter()
        try:
            index, _ = check_corpus([corpus], out, ("json",), config, engine, seconds=seconds)
        finally:
            engine.close()
        wall = time.perf_counter() - start
    texts = []
    for story in index.stories:
        report = json.loads((out / story.files["json"]).read_text(encoding="utf-8"))
        texts += [c["text"] for c in report["claims"]]
    embedder = SentenceTransformerEmbedder()
    embedder.encode(["warm up the model"])
    start = time.perf_counter()
    embedder.encode(texts)
    embed_only = time.perf_counter() - start
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    return {
        "articles": index.articles,
        "stories": len(index.stories),
        "largest": max(len(s.articles) for s in index.stories),
        "claims": len(texts),
        "wall": wall,
        "embed_only": embed_only,
        "peak_mb": peak_kb / 1024,
        "seconds": seconds,
        "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "threads": os.environ.get("OMP_NUM_THREADS", "default"),
        "findings": {k: sum(s.findings[k] for s in index.stories) for k in index.stories[0].findings},
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {system}"


def table(rows: list[dict[str, object]]) -> list[str]:
    out = [
        "| articles | stories (largest) | claims | wall s | claims/s | peak RSS MB | embed-only s | ratio | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        wall, claims, embed = float(r["wall"]), int(r["claims"]), float(r["embed_only"])  # type: ignore[arg-type]
        out.append(
            f"| {r['articles']} | {r['stories']} ({r['largest']}) | {claims} | {wall:.1f} | {claims / wall:.1f} | "
            f"{float(r['peak_mb']):.0f} | {embed:.1f} | {wall / embed:.2f} | "  # type: ignore[arg-type]
            + "{:.1f} → {:.1f} |".format(*r.get("load", [0.0, 0.0]))  # type: ignore[arg-type]
        )
    out += ["", "Seconds per stage (per-story stages summed over stories; `partition` includes article vectors):", ""]
    out.append("| articles | " + " | ".join(STAGES) + " |")
    out.append("|---:|" + "---:|" * len(STAGES))
    for r in rows:
        sec: dict[str, float] = r["seconds"]  # type: ignore[assignment]
        out.append(f"| {r['articles']} | " + " | ".join(f"{sec.get(s, 0.0):.1f}" for s in STAGES) + " |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,100,400,1000")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--engine", default="local")
    parser.add_argument("--synthetic-claims", type=int, default=0, help="pad each corpus to about M claims")
    parser.add_argument("--threads", type=int, default=1, help="OMP_NUM_THREADS of the run (0: library default)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS_scale.md")
    parser.add_argument("--one", nargs=3, metavar=("N", "CORPUS", "RESULT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        n, corpus, result = int(args.one[0]), Path(args.one[1]), Path(args.one[2])
        figures = one(n, corpus, corpus.parent / f"reports_{corpus.name}", args.jobs, args.engine)
        result.write_text(json.dumps(figures, indent=2), encoding="utf-8")
        return
    from scale_corpus import build

    work = ROOT / "bench" / "out" / "scale"
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        corpus = work / (f"corpus_{n}" + (f"_syn{args.synthetic_claims}" if args.synthetic_claims else ""))
        shutil.rmtree(corpus, ignore_errors=True)
        build(n, corpus, args.synthetic_claims)
        result = work / f"result_{corpus.name}.json"
        cmd = [sys.executable, __file__, "--one", str(n), str(corpus), str(result)]
        cmd += ["--jobs", str(args.jobs), "--engine", args.engine]
        print(f"{time.strftime('%H:%M:%S')} {n} articles ...", flush=True)
        env = dict(os.environ)
        if args.threads:
            env["OMP_NUM_THREADS"] = env["MKL_NUM_THREADS"] = str(args.threads)
        subprocess.run(cmd, check=True, cwd=ROOT, env=env)
        rows.append(json.loads(result.read_text(encoding="utf-8")))
        print("\n".join(table(rows[-1:])[:3]), flush=True)
        lines = [
            "# Scale: corpus runs (`check --out-dir`) by size",
            "",
            f"Machine: {machine()}. Engine: {args.engine}, jobs {args.jobs}, threads {args.threads or 'default'}. "
            "Cold runs (empty embedding cache).",
            "",
            f"Command: `.venv/bin/python bench/scale_bench.py --sizes {args.sizes} --jobs {args.jobs} "
            f"--engine {args.engine} --threads {args.threads}"
            + (f" --synthetic-claims {args.synthetic_claims}`" if args.synthetic_claims else "`"),
            "",
            *table(rows),
            "",
        ]
        args.out.write_text("\n".join(lines), encoding="utf-8")  # after every size: a cut-short run keeps its rows
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
