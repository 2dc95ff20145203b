"""Cold and warm wall time (and peak memory) of `factcheck check` on a folder.

usage: .venv/bin/python bench/check_timing.py [FOLDER] [--runs N]

Cold = empty embedding cache; warm = the same sources again, cache filled.
The embedding cache's row count before and after the warm run shows that
nothing was re-embedded. Run from the repository root.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rows(cache: Path) -> int:
    db = cache / "embeddings.sqlite3"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])


def run(folder: Path, cache: Path, out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, "-m", "factcheck", "check", str(folder), "--format", "json", "--out", str(out)],
        check=True,
        cwd=cache.parent,  # no pyproject there: the default cache folder is `cache`
    )
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return time.perf_counter() - start, peak // 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="seeds")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    folder = Path(args.folder).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / ".factcheck_cache"
        cold, peak = run(folder, cache, Path(tmp) / "cold.json")
        after_cold = rows(cache)
        warm_times = []
        for _ in range(args.runs):
            t, peak2 = run(folder, cache, Path(tmp) / "warm.json")
            warm_times.append(t)
            peak = max(peak, peak2)
        same = (Path(tmp) / "cold.json").read_bytes() == (Path(tmp) / "warm.json").read_bytes()
        print(f"folder: {folder}")
        print(f"cold run: {cold:.1f} s; cache rows after: {after_cold}")
        print(f"warm runs: {', '.join(f'{t:.1f}' for t in warm_times)} s; cache rows after: {rows(cache)}")
        print(f"peak RSS of a run: {peak} MB; cold and warm reports byte-identical: {same}")


if __name__ == "__main__":
    main()
