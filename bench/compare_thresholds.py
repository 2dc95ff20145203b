"""Choose the comparator's cosine thresholds on development data (MRPC, STS-B main-news, ECB+).

    .venv/bin/python bench/compare_thresholds.py [--data ../shared/data] [--cache .factcheck_cache]

The thresholds apply to the MiniLM cosine (the packaged all-MiniLM-L6-v2; vectors cached with
CachedEmbedder) and are stored as Comparator parameters (factcheck/compare.py):

- ``agree_above`` (paraphrase agreement): MRPC train pairs are run through the comparator's typed
  checks (no slot difference, no antonym or negation mismatch, shipped scorer's P(contradict) < 0.5);
  on those, a logistic fit of P(paraphrase | cosine) gives the cosine where it reaches 0.6, rounded
  up to 0.01. Also reported: precision above it on MRPC train and test, and the mean STS-B
  main-news score of clean pairs near it. The fit's coefficients give the agreement confidence.
- ``same_event_above`` (the gate for slot differences): ECB+ pairs of annotated sentences from
  different documents of one topic; positives share a cross-document event chain, negatives come
  from the topic's other sub-topic (another event of the same kind). The lowest cosine from which
  "same event" has precision >= 0.70.
- ``related_above`` (the lower gate, for confident contradictions or a shared anchor): the ECB+
  F1-best cosine.

Development figures only.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.embed import CachedEmbedder, SentenceTransformerEmbedder
from factcheck.train import DEFAULT_DATA

csv.field_size_limit(10**7)


def detok(text: str) -> str:
    """ECB+ sentences are tokenised ("Reid 's rep ,"): undo the common cases before embedding."""
    text = re.sub(r" (['’]s|n't|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([,.;:!?%)])", r"\1", text)
    return re.sub(r"([($]) ", r"\1", text)


def mrpc(path: Path) -> tuple[list[tuple[str, str]], np.ndarray]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [(r[3], r[4]) for r in rows], np.array([int(r[0]) for r in rows])


def stsb_news(path: Path) -> tuple[list[tuple[str, str]], np.ndarray]:
    with path.open(encoding="utf-8") as handle:
        rows = [r[:7] for r in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if r[0] == "main-news"]
    return [(r[5], r[6]) for r in rows], np.array([float(r[4]) for r in rows])


def ecb_pairs(folder: Path, seed: int = 0, neg_per_topic: int = 400) -> tuple[list[tuple[str, str]], np.ndarray]:
    """Same-event (shared cross-document chain) vs other-sub-topic pairs of annotated sentences."""
    docs = [json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
    sent: dict[tuple[str, int], tuple[int, str, str]] = {}
    for d in docs:
        for s in d["sentences"]:
            if s["annotated"]:
                sent[(d["doc_id"], s["sent_id"])] = (d["topic"], d["subtopic"], detok(s["text"]))
    chains: dict[tuple[str, int], set[str]] = {}
    for line in (folder / "mentions.jsonl").open(encoding="utf-8"):
        m = json.loads(line)
        if m["mention_type"] in {"ACT", "NEG"} and not m["is_singleton"]:
            chains.setdefault((m["doc_id"], m["sent_id"]), set()).add(m["coref_chain"])
    rng = random.Random(seed)
    by_topic: dict[int, list[tuple[str, int]]] = {}
    for key, (topic, _, _) in sent.items():
        by_topic.setdefault(topic, []).append(key)
    pairs: list[tuple[str, str]] = []
    labels: list[int] = []
    for topic in sorted(by_topic):
        keys = sorted(by_topic[topic])
        pos, neg = [], []
        for a, b in itertools.combinations(keys, 2):
            if a[0] == b[0]:
                continue
            if sent[a][1] != sent[b][1]:
                neg.append((a, b))
            elif chains.get(a, set()) & chains.get(b, set()):
                pos.append((a, b))
        rng.shuffle(pos)
        rng.shuffle(neg)
        for group, label in ((pos[:neg_per_topic], 1), (neg[:neg_per_topic], 0)):
            for a, b in group:
                pairs.append((sent[a][2], sent[b][2]))
                labels.append(label)
    return pairs, np.array(labels)


def cosines(embedder: CachedEmbedder, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    va = embedder.encode([a for a, _ in pairs])
    vb = embedder.encode([b for _, b in pairs])
    return np.sum(va * vb, axis=1)


def precision_threshold(cos: np.ndarray, y: np.ndarray, target: float) -> float:
    """Lowest threshold whose pairs at or above it reach ``target`` precision (and stay there)."""
    best = 1.0
    for t in np.round(np.arange(0.99, 0.30, -0.01), 2):
        sel = cos >= t
        if sel.sum() >= 30 and y[sel].mean() >= target:
            best = float(t)
        elif sel.sum() >= 30:
            break
    return best


def at(cos: np.ndarray, y: np.ndarray, t: float) -> dict[str, float]:
    sel = cos >= t
    tp = float((sel & (y == 1)).sum())
    prec = tp / max(1, sel.sum())
    rec = tp / max(1, (y == 1).sum())
    return {
        "threshold": t,
        "precision": round(prec, 3),
        "recall": round(rec, 3),
        "f1": round(2 * prec * rec / max(1e-9, prec + rec), 3),
        "selected": int(sel.sum()),
    }


def best_f1(cos: np.ndarray, y: np.ndarray) -> float:
    grid = np.round(np.arange(0.30, 0.95, 0.01), 2)
    return float(max(grid, key=lambda t: (at(cos, y, float(t))["f1"], -t)))


def typed_clean(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """Pairs the comparator's typed checks would let through to the paraphrase rule."""
    from factcheck.facts.slots import SlotExtractor
    from factcheck.judge.scorer import feature_matrix
    from factcheck.judge.sentence import Side, diff_slots, load_comparator

    slots = SlotExtractor(None).extract([t for pair in pairs for t in pair], [None] * (2 * len(pairs)))
    diffs = [
        diff_slots(Side(text=a, slots=slots[2 * i]), Side(text=b, slots=slots[2 * i + 1]))
        for i, (a, b) in enumerate(pairs)
    ]
    p_contra = load_comparator().scorer.predict_proba(feature_matrix([d.features for d in diffs]))[:, 1]
    ok = [not d.differences and not d.features["antonym"] and not d.features["neg_mismatch"] for d in diffs]
    return np.array(ok) & (p_contra < 0.5)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path(".factcheck_cache"))
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    emb = CachedEmbedder(SentenceTransformerEmbedder(), args.cache)
    out: dict[str, Any] = {}

    train_pairs, train_y = mrpc(args.data / "mrpc_train.tsv")
    test_pairs, test_y = mrpc(args.data / "mrpc_test.tsv")
    c_train, c_test = cosines(emb, train_pairs), cosines(emb, test_pairs)
    m_train, m_test = typed_clean(train_pairs), typed_clean(test_pairs)
    lr = LogisticRegression().fit(c_train[m_train].reshape(-1, 1), train_y[m_train])
    slope, intercept = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    agree = float(np.ceil((np.log(0.6 / 0.4) - intercept) / slope * 100) / 100)
    out["agree_above"] = agree
    out["paraphrase_logistic"] = {"slope": round(slope, 3), "intercept": round(intercept, 3)}
    out["mrpc_train_clean_share"] = round(float(m_train.mean()), 3)
    out["mrpc_train_clean_at_agree"] = at(c_train[m_train], train_y[m_train], agree)
    out["mrpc_test_clean_at_agree"] = at(c_test[m_test], test_y[m_test], agree)
    out["mrpc_train_all_at_agree"] = at(c_train, train_y, agree)
    out["mrpc_base_rate"] = round(float(train_y.mean()), 3)
    sts_pairs, sts_score = stsb_news(args.data / "stsb_train.tsv")
    c_sts, m_sts = cosines(emb, sts_pairs), typed_clean(sts_pairs)
    near = m_sts & (np.abs(c_sts - agree) <= 0.03)
    out["stsb_news_train_clean_mean_score_near_agree"] = round(float(sts_score[near].mean()), 2)
    out["stsb_news_train_clean_at_agree_score>=3"] = at(c_sts[m_sts], (sts_score[m_sts] >= 3).astype(int), agree)

    ecb, ecb_y = ecb_pairs(args.data / "ecbplus_dev")
    c_ecb = cosines(emb, ecb)
    same = precision_threshold(c_ecb, ecb_y, 0.70)
    related = best_f1(c_ecb, ecb_y)
    out["ecb_pairs"] = {"positive": int(ecb_y.sum()), "negative": int((ecb_y == 0).sum())}
    out["same_event_above"] = same
    out["ecb_at_same_event"] = at(c_ecb, ecb_y, same)
    out["related_above"] = related
    out["ecb_at_related"] = at(c_ecb, ecb_y, related)
    out["mrpc_train_pairs_passing_same_event"] = round(float((c_train >= same).mean()), 3)
    json.dump(out, sys.stdout, indent=2, default=float)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
