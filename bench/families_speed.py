"""How long ``find_families`` takes on a day's worth of synthetic wire copy.

    .venv/bin/python bench/families_speed.py [--n 2000] [--seed 1]

Half the corpus is copies of the hand-written fixtures (``fixtures/families``)
with random edits: a random subset of paragraphs in random order, cut short,
about one word in twenty-five replaced, dropped or doubled, sometimes a
paragraph added. The other half is filler text (random sentences drawn from the
fixtures' vocabulary, Zipf-weighted), so posting lists look like a real mix.
Expected families: the copies of the original story and of its three reprints
are one family, the copies of the paraphrase another, of the independent
report a third; filler articles are independent. Prints the time and the
pairwise precision / recall of "same family" against that expectation
(counted over the copies, filler pairs are all negatives).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.families import find_families  # noqa: E402
from factcheck.ingest import read_all  # noqa: E402
from factcheck.schema import Article, Block, Span  # noqa: E402

GROUP = {
    "original": "wire",
    "copy_gazette": "wire",
    "copy_reordered": "wire",
    "copy_figure": "wire",
    "paraphrase": "paraphrase",
    "independent": "independent",
}


def _article(aid: str, paragraphs: list[str]) -> Article:
    text, blocks = "", []
    for p in paragraphs:
        blocks.append(Block(span=Span(start=len(text), end=len(text) + len(p)), text=p))
        text += p + "\n\n"
    return Article(id=aid, path=f"{aid}.txt", text=text, blocks=tuple(blocks))


def _edit(paragraph: str, rng: random.Random, vocab: list[str]) -> str:
    words = paragraph.split()
    out = []
    for w in words:
        r = rng.random()
        if r < 0.015:
            out.append(rng.choice(vocab))  # replaced
        elif r < 0.03:
            continue  # dropped
        elif r < 0.04:
            out.extend([w, rng.choice(vocab)])  # a word added
        else:
            out.append(w)
    return " ".join(out)


def corpus(n: int, seed: int) -> tuple[list[Article], dict[str, str]]:
    rng = random.Random(seed)
    fixtures, _ = read_all([ROOT / "fixtures" / "families"])
    paras = {a.id: [b.text for b in a.blocks if b.kind == "paragraph"] for a in fixtures}
    counts = Counter(w for ps in paras.values() for p in ps for w in re.findall(r"\w+", p.lower()))
    vocab = list(counts)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    vocab = [w for w, _ in counts.most_common()]
    articles, truth = [], {}
    for i in range(n):
        aid = f"a{i:05d}"
        if i % 2 == 0:
            seed_id = rng.choice(list(paras))
            source = paras[seed_id]
            kept = rng.sample(source, k=rng.randint(min(3, len(source)), len(source)))
            if rng.random() < 0.5:
                kept.sort(key=source.index)
            body = [_edit(p, rng, vocab) for p in kept]
            if rng.random() < 0.3:
                body.insert(rng.randrange(len(body) + 1), " ".join(rng.choices(vocab, weights, k=25)) + ".")
            articles.append(_article(aid, body))
            truth[aid] = GROUP[seed_id]
        else:
            body = [
                " ".join(rng.choices(vocab, weights, k=rng.randint(15, 35))) + "." for _ in range(rng.randint(5, 9))
            ]
            articles.append(_article(aid, body))
    return articles, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    articles, truth = corpus(args.n, args.seed)
    words = sum(len(a.text.split()) for a in articles)
    t0 = time.perf_counter()
    result = find_families(articles)
    elapsed = time.perf_counter() - t0
    # pairwise precision / recall, counted per family label (fast: group sizes, not pairs)
    pred = {a.id: result.of(a.id) for a in articles}
    both: Counter[tuple[str | None, str | None]] = Counter((truth.get(a), pred[a]) for a in pred)
    tp = sum(c * (c - 1) // 2 for (t, p), c in both.items() if t and p)
    in_pred = Counter(p for p in pred.values() if p)
    in_true = Counter(truth.values())
    pred_pairs = sum(c * (c - 1) // 2 for c in in_pred.values())
    true_pairs = sum(c * (c - 1) // 2 for c in in_true.values())
    print(
        f"{args.n} articles, {words} words: find_families {elapsed:.2f} s"
        f" ({elapsed / args.n * 1000:.2f} ms per article); {len(result.families)} families found"
        f" (expected 3); pairwise precision {tp / max(pred_pairs, 1):.4f}, recall {tp / max(true_pairs, 1):.4f}"
    )


if __name__ == "__main__":
    main()
