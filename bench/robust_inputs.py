"""Write the big and hostile inputs of the robustness issue into a folder, for timing by hand.

Usage::

    python bench/robust_inputs.py OUT_DIR
    time factcheck check OUT_DIR/line_1mb.txt seeds --format json --out /tmp/r.json
    time factcheck pairs OUT_DIR/pairs_1mb.jsonl --out /tmp/p.jsonl

Every file is built from the seed articles, so the words are real news words.
The measured timings (before and after the limits) are in bench/RESULTS_robust.md.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _seed_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def _repeat(text: str, size: int) -> str:
    out = (text * (size // max(1, len(text)) + 1))[:size]
    return out.rsplit(" ", 1)[0]


def write_all(out: Path) -> dict[str, Path]:
    """Every input of the issue's "no limits" list, named by what it is."""
    out.mkdir(parents=True, exist_ok=True)
    seeds = _seed_text()
    plain_words = " ".join(re.findall(r"[a-z]+", seeds.lower()))
    paragraphs = [p.strip() for p in seeds.split("\n\n") if len(p.strip()) > 80]
    files: dict[str, Path] = {}

    files["line_1mb"] = out / "line_1mb.txt"
    files["line_1mb"].write_text(_repeat(plain_words + " ", 1_100_000) + "\n", encoding="utf-8")

    files["text_20mb"] = out / "text_20mb.txt"
    files["text_20mb"].write_text(_repeat(seeds + "\n\n", 20_000_000), encoding="utf-8")

    html_paras = "".join(f"<p>{p.replace('&', '&amp;').replace('<', '&lt;')}</p>\n" for p in paragraphs)
    body = _repeat(html_paras, 5_000_000)
    files["html_5mb"] = out / "page_5mb.html"
    files["html_5mb"].write_text(
        f"<html><head><title>Big page</title></head><body><article>{body}</article></body></html>\n", encoding="utf-8"
    )
    for size in (125_000, 250_000, 500_000):
        key = f"html_{size // 1000}kb"
        files[key] = out / f"page_{size // 1000}kb.html"
        files[key].write_text(
            f"<html><head><title>Page</title></head><body><article>{_repeat(html_paras, size)}</article>"
            "</body></html>\n",
            encoding="utf-8",
        )

    files["jsonl_10k"] = out / "feed_10k.jsonl"
    with files["jsonl_10k"].open("w", encoding="utf-8") as fh:
        for i in range(10_000):
            fh.write(json.dumps({"id": f"a{i}", "title": f"Story {i}", "text": paragraphs[i % len(paragraphs)]}) + "\n")

    files["pairs_1mb"] = out / "pairs_1mb.jsonl"
    evidence = _repeat(seeds.replace("\n", " ") + " ", 1_000_000)
    with files["pairs_1mb"].open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": 1, "claim": paragraphs[0].split(".")[0] + ".", "evidence": evidence}) + "\n")
        fh.write(json.dumps({"id": 2, "claim": "The rocket launched on Monday.", "evidence": "It launched."}) + "\n")
    return files


if __name__ == "__main__":
    for name, path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/factcheck-robust")).items():
        print(f"{name}\t{path}\t{path.stat().st_size:,} bytes")
