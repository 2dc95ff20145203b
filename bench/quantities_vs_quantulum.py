"""Why slots.py parses quantities itself: quantulum3 against our grammar, speed and vagueness.

usage: .venv/bin/python bench/quantities_vs_quantulum.py [--data ../shared/data]
Needs `pip install quantulum3` (not a dependency of factcheck).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from factcheck.facts.quantities import extract_quantities

CASES = [
    "a spacewalk lasting 7 hours and 42 minutes",
    "a spacewalk lasting several hours",
    "nearly 200 ballots",
    "more than 50 people",
    "$4.2 million",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.data / "vitaminc_dev.jsonl").open(encoding="utf-8")][:400]
    texts = [r["claim"] for r in rows] + [r["evidence"] for r in rows]
    import quantulum3.classifier

    quantulum3.classifier.USE_CLF = False  # its bundled classifier fails with current scikit-learn
    from quantulum3 import parser as qparser

    start = time.perf_counter()
    for text in texts:
        qparser.parse(text)
    theirs = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    for text in texts:
        extract_quantities(text)
    ours = len(texts) / (time.perf_counter() - start)
    print(f"texts/s on {len(texts)} VitaminC texts: quantulum3 {theirs:.0f}, slots.extract_quantities {ours:.0f}")
    for case in CASES:
        q3 = [(q.surface, q.value, q.unit.name) for q in qparser.parse(case)]
        mine = [(q.text, q.low, q.high, q.unit) for q in extract_quantities(case)]
        print(f"{case!r}\n  quantulum3: {q3}\n  ours:       {mine}")


if __name__ == "__main__":
    main()
