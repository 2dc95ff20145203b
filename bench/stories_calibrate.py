"""Choose the story-block link threshold on ECB+ dev topics (``factcheck.stories``).

usage: .venv/bin/python bench/stories_calibrate.py [--lead CHARS] [--cap N]

Every ECB+ dev document is an article (title and lead, as ``article_text``
builds it); blocks are the components of the 10-nearest-neighbour graph at each
threshold, with no size cap. B-cubed precision and recall are against the
topic (a topic's two sub-topics are two events of one kind: the per-story
pipeline tells them apart, so a block only has to keep a topic together and
keep other topics out). Development figures: the topics were not held out.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

import factcheck.stories
from factcheck.embed import SentenceTransformerEmbedder
from factcheck.schema import Article
from factcheck.stories import StorySettings, article_text, partition

ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus_dev" / "docs.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lead", type=int, default=factcheck.stories.LEAD_CHARS, help="characters of text after the title"
    )
    parser.add_argument("--cap", type=int, default=10**6, help="block cap (default: none)")
    args = parser.parse_args()
    factcheck.stories.LEAD_CHARS = args.lead
    docs = [json.loads(line) for line in ECB.open(encoding="utf-8")]
    articles = [
        Article(
            id=d["doc_id"], path=d["doc_id"], title=d.get("title"), text=" ".join(s["text"] for s in d["sentences"])
        )
        for d in docs
    ]
    gold = {d["doc_id"]: d["topic"] for d in docs}
    embedder = SentenceTransformerEmbedder()
    embedder.encode(["warm up"])
    start = time.perf_counter()
    vectors = embedder.encode([article_text(a) for a in articles])
    print(
        f"lead {args.lead} characters, cap {args.cap}: {len(articles)} article vectors "
        f"in {time.perf_counter() - start:.1f} s"
    )
    print("| threshold | blocks | largest | B3 precision | B3 recall | F1 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for t in np.arange(0.30, 0.76, 0.05):
        p = partition(articles, vectors, StorySettings(threshold=float(t), max_articles=args.cap))
        of = {a: b.id for b in p.blocks for a in b.article_ids}
        size = Counter(of.values())
        topic_size = Counter(gold.values())
        both = Counter((of[a], gold[a]) for a in of)
        prec = np.mean([both[(of[a], gold[a])] / size[of[a]] for a in of])
        rec = np.mean([both[(of[a], gold[a])] / topic_size[gold[a]] for a in of])
        f1 = 2 * prec * rec / (prec + rec)
        print(f"| {t:.2f} | {len(p.blocks)} | {p.largest()} | {prec:.3f} | {rec:.3f} | {f1:.3f} |")


if __name__ == "__main__":
    main()
