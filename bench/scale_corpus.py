"""Corpora of N article files for the scale bench, from ECB+ dev documents and the project's fixtures.

usage: .venv/bin/python bench/scale_corpus.py N OUT_DIR [--synthetic-claims M]

ECB+ (``../shared/data/ecbplus_dev/docs.jsonl``, 772 documents in 33 topics) is
written one document per ``.txt`` file (title line, then the sentences; URL lines
dropped). Past 772 articles the documents are reused with a numbered outlet
line and every number in the text shifted, so copies are not byte-identical
(they still fall in their topic's story). ``--synthetic-claims`` pads the corpus
with generated short reports until it holds about M claim-like sentences.
Nothing here is copied into the project: the files are written to OUT_DIR only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus_dev" / "docs.jsonl"
FIXTURES = ROOT / "fixtures" / "story"


def ecb_docs() -> list[tuple[str, str]]:
    """(name, text) for every ECB+ dev document, in file order."""
    docs = []
    with ECB.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            sents = [s["text"] for s in d["sentences"] if not re.match(r"^\s*(https?://|www\.)", s["text"])]
            title = (d.get("title") or "").strip()
            body = "\n".join(sents)
            docs.append((d["doc_id"], f"{title}\n\n{body}\n" if title else body + "\n"))
    return docs


def _shift(text: str, k: int) -> str:
    return re.sub(r"\b\d+\b", lambda m: str(int(m.group()) + k), text)


_PEOPLE = ["Ana Ruiz", "Tom Becker", "Lena Park", "Omar Haddad", "Mia Novak", "Raj Patel", "Ines Costa"]
_PLACES = ["Lyon", "Porto", "Tartu", "Cork", "Graz", "Turku", "Split", "Ghent", "Bergen", "Brno"]
_THINGS = ["bridge", "factory", "school", "stadium", "harbour", "library", "hospital", "station"]


def synthetic(i: int, rng: random.Random, sentences: int = 20) -> str:
    """A short made-up report of ``sentences`` claims about one local event."""
    place, thing, who = rng.choice(_PLACES), rng.choice(_THINGS), rng.choice(_PEOPLE)
    lines = [f"New {thing} opens in {place} (report {i})", ""]
    for s in range(sentences):
        n = rng.randint(2, 900)
        lines.append(
            f"{who} said on day {s + 1} that {n} people visited the {thing} in {place}, "
            f"which cost {rng.randint(1, 90)} million euros."
        )
    return "\n".join(lines) + "\n"


def build(n: int, out: Path, synthetic_claims: int = 0) -> int:
    """Write ``n`` article files (plus synthetic ones for ``synthetic_claims``) to ``out``; returns the file count."""
    out.mkdir(parents=True, exist_ok=True)
    docs = ecb_docs()
    random.Random(0).shuffle(docs)  # a day's mix: many topics at every size
    fixtures = sorted(p for p in FIXTURES.glob("*") if p.suffix in {".txt", ".md"}) if FIXTURES.is_dir() else []
    written = 0
    for p in fixtures[: max(0, n // 50)]:
        (out / f"fx_{p.name}").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
        written += 1
    rounds = 0
    while written < n:
        for name, text in docs:
            if written >= n:
                break
            body = text if rounds == 0 else _shift(text, rounds) + f"\nOutlet {rounds} contributed to this report.\n"
            (out / f"{name}_{rounds}.txt").write_text(body, encoding="utf-8")
            written += 1
        rounds += 1
    rng = random.Random(14)
    for i in range(synthetic_claims // 20):
        (out / f"syn_{i:05d}.txt").write_text(synthetic(i, rng), encoding="utf-8")
        written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--synthetic-claims", type=int, default=0)
    args = parser.parse_args()
    print(build(args.n, args.out, args.synthetic_claims))


if __name__ == "__main__":
    main()
