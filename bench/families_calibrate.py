"""Why a copy needs a 12-word shared passage: how long the passages independent reports share are.

ECB+ (``../shared/data/ecbplus_dev``) holds, per sub-topic, several outlets'
reports of one event: the closest thing on hand to "independent reports of the
same event". For every pair of documents of one sub-topic (and, as a looser
control, of the two sub-topics of one topic) this prints how often the longest
shared passage (matched words outside quotation marks, as
:func:`factcheck.families.find_families` counts them) reaches each length, and
lists the pairs at or above the threshold so they can be read: above it, a
pair should be a copy, a common source, or a shared boilerplate line.

Development figures only; the real-news set is not read here.

    .venv/bin/python bench/families_calibrate.py [--show 12]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from collections import defaultdict
from pathlib import Path

from factcheck.families import DEFAULT_SETTINGS, _doc, _evidence, _passages
from factcheck.schema import Article, Block, Span

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus_dev" / "docs.jsonl"
LENGTHS = (5, 6, 8, 10, 12, 15, 20, 30)


def ecb_articles(path: Path) -> list[tuple[str, str, Article]]:
    """(topic, sub-topic, article) per ECB+ document; PTB quote marks made plain, URL lines dropped."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        sentences = [s["text"] for s in d["sentences"] if not re.match(r"^\s*https?\s*:", s["text"])]
        text, blocks, pos = "", [], 0
        for s in sentences:
            s = s.replace("``", '"').replace("''", '"')
            blocks.append(Block(span=Span(start=pos, end=pos + len(s)), text=s))
            text += s + "\n\n"
            pos = len(text)
        if blocks:
            art = Article(id=d["doc_id"], path=d["doc_id"], text=text, blocks=tuple(blocks))
            out.append((str(d["topic"]), d["subtopic"], art))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=DEFAULT_SETTINGS.min_passage_words, help="list pairs at/above")
    args = parser.parse_args()
    items = ecb_articles(DATA)
    k = DEFAULT_SETTINGS.shingle
    docs = {a.id: _doc(i, a, k) for i, (_, _, a) in enumerate(items)}
    by_sub: dict[str, list[str]] = defaultdict(list)
    by_topic: dict[str, list[str]] = defaultdict(list)
    sub_of = {}
    for topic, sub, art in items:
        by_sub[sub].append(art.id)
        by_topic[topic].append(art.id)
        sub_of[art.id] = sub
    rows: dict[str, list[tuple[int, int, str, str]]] = {"same event": [], "same topic, other event": []}
    for ids in by_topic.values():
        for x, y in itertools.combinations(ids, 2):
            a, b = docs[x], docs[y]
            ev = [_evidence(p, a, b, k) for p in _passages(a, b, DEFAULT_SETTINGS)]
            longest = max((u for _, u in ev), default=0)
            longest_all = max((m for m, _ in ev), default=0)
            group = "same event" if sub_of[x] == sub_of[y] else "same topic, other event"
            rows[group].append((longest, longest_all, x, y))
    print(f"ECB+ dev (topics 1-35): {len(items)} documents\n")
    print("| pairs | n | " + " | ".join(f">= {n} words" for n in LENGTHS) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in LENGTHS) + " |")
    for group, found in rows.items():
        cells = [f"{sum(1 for u, *_ in found if u >= n) / len(found):.2%}" for n in LENGTHS]
        print(f"| {group} (outside quotes) | {len(found)} | " + " | ".join(cells) + " |")
        cells = [f"{sum(1 for _, m, *_ in found if m >= n) / len(found):.2%}" for n in LENGTHS]
        print(f"| {group} (quotes counted) | {len(found)} | " + " | ".join(cells) + " |")
    print(f"\nPairs sharing a passage of >= {args.show} words outside quotes:\n")
    for group, found in rows.items():
        for u, _m, x, y in sorted(found, reverse=True):
            if u < args.show:
                break
            a, b = docs[x], docs[y]
            best = max(_passages(a, b, DEFAULT_SETTINGS), key=lambda p: _evidence(p, a, b, k)[1])
            words = " ".join(a.norms[best.a0 : best.a1 + k])
            print(f"- {group}: {x} ~ {y}: {u} words: {words[:160]}")


if __name__ == "__main__":
    main()
