"""Development benchmark of `factcheck pairs` (compare_pairs) on VitaminC and ANLI.

    .venv/bin/python bench/pairs_bench.py [--data ../shared/data] [--folds 5] [--embed]

- VitaminC figures are honest: grouped cross-validation by page. For each fold a
  scorer is trained on the other pages + NLI + perturbations of the other pages
  (factcheck.train.fit_on), then compare_pairs runs on the held-out rows.
- ANLI figures use the shipped model (trained without ANLI or RTE).
- Speed: pairs per second through compare_pairs with the shipped model, models
  loaded, on a fresh extractor (no slot cache), fast path; with --embed also with
  MiniLM cosines.
- Baseline, same run: "similar sentences whose numbers differ are a contradiction"
  (token overlap >= 0.3 and a number of the claim missing from the evidence ->
  contradict; overlap >= 0.5 -> agree; else neutral).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from factcheck.facts.slots import SlotExtractor
from factcheck.judge.sentence import Comparator, compare_pairs, load_comparator
from factcheck.train import DEFAULT_DATA, LABELS, build_corpus, fit_on, has_number, metrics, page_folds, read_jsonl

_TOK = re.compile(r"[a-z0-9]+")


def baseline(claim: str, evidence: str) -> str:
    """The simplest number rule."""
    ta, tb = set(_TOK.findall(claim.lower())), set(_TOK.findall(evidence.lower()))
    overlap = len(ta & tb) / max(1, len(ta))
    nums_a = {t for t in ta if t.isdigit()}
    if overlap >= 0.3 and nums_a - tb:
        return "contradict"
    return "agree" if overlap >= 0.5 else "neutral"


def score(rows: list[dict[str, Any]], pred: list[str]) -> dict[str, Any]:
    gold = [LABELS[r["label"]] for r in rows]
    num = [i for i, r in enumerate(rows) if has_number(r["claim"])]
    return {
        "all": metrics(pred, gold),
        "numbers_or_dates": metrics([pred[i] for i in num], [gold[i] for i in num]),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--nli-per-source", type=int, default=3000)
    parser.add_argument("--embed", action="store_true", help="also time the path with MiniLM cosines")
    args = parser.parse_args()
    results: dict[str, Any] = {}

    vitc = [{"id": r["unique_id"], **r} for r in read_jsonl(args.data / "vitaminc_dev.jsonl")]
    anli = [{"id": r["unique_id"], **r} for r in read_jsonl(args.data / "anli.jsonl")]

    # --- VitaminC, grouped CV by page
    corpus = build_corpus(args.data, args.nli_per_source)
    pages = {e.group for e in corpus.vitc}
    shipped = load_comparator()
    pred: list[str] = [""] * len(vitc)
    for held in page_folds(corpus.vitc, args.folds):
        model = fit_on(corpus, pages - held)
        model.temperature_ = shipped.scorer.temperature_
        idx = [i for i, r in enumerate(vitc) if r["page"] in held]
        out = compare_pairs([vitc[i] for i in idx], Comparator(model), SlotExtractor(None), None)
        for i, o in zip(idx, out, strict=True):
            pred[i] = o["label"]
    results["vitaminc_cv"] = score(vitc, pred)
    results["vitaminc_baseline"] = score(vitc, [baseline(r["claim"], r["evidence"]) for r in vitc])

    # --- ANLI with the shipped model; speed with models loaded
    t0 = time.perf_counter()
    out = compare_pairs(anli, shipped, SlotExtractor(None), None)
    anli_s = time.perf_counter() - t0
    results["anli_shipped"] = score(anli, [o["label"] for o in out])
    results["anli_baseline"] = score(anli, [baseline(r["claim"], r["evidence"]) for r in anli])
    t0 = time.perf_counter()
    compare_pairs(vitc, shipped, SlotExtractor(None), None)
    vitc_s = time.perf_counter() - t0
    results["speed_pairs_per_s"] = {
        "vitaminc_fast_path": round(len(vitc) / vitc_s, 1),
        "anli_fast_path": round(len(anli) / anli_s, 1),
    }
    if args.embed:
        from factcheck.embed import SentenceTransformerEmbedder

        emb = SentenceTransformerEmbedder()
        emb.encode(["warm up"])
        first = vitc[:1000]
        t0 = time.perf_counter()
        compare_pairs(first, shipped, SlotExtractor(None), emb)
        results["speed_pairs_per_s"]["vitaminc_1000_with_minilm"] = round(len(first) / (time.perf_counter() - t0), 1)
        t0 = time.perf_counter()
        compare_pairs(first, shipped, SlotExtractor(None), None)
        results["speed_pairs_per_s"]["vitaminc_1000_fast_path"] = round(len(first) / (time.perf_counter() - t0), 1)
    json.dump(results, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
