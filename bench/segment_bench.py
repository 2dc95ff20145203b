"""Score ingest + segmentation on the hand-written gold set, and sanity-check it on ECB+.

Gold set: ``fixtures/segment/<name>.<ext>`` with ``<name>.expected.json``. Each
expected claim is given as ``passage``, an exact substring of the article text
(``occurrence``: which one, from 0, when the passage appears more than once)
(for ``.jsonl``, of the line's ``text`` value), so its gold span is where the
passage stands.

Matching: a predicted claim matches a gold claim when their spans overlap with
IoU >= 0.5 (intersection over union of character ranges); matching is
one-to-one, greedy by IoU. Claim precision = matched / predicted, recall =
matched / gold, summed over all fixtures (micro-average). Side checks: speaker
(case-insensitive equality on matched claims whose gold has ``speaker``),
pronoun resolution (``text_starts``), truncation flags, words that must not
appear in any claim (``not_in_claims``), removal reasons and metadata.

ECB+ (``--ecb``): each document's sentences are joined with spaces into one
plain-text file and run through ingest + segment; reported are claims per
sentence, claim length, and how many claim spans fail to map back (empty, out
of range, or whose passage's words, bar the first, are not the claim's last words).

Usage::

    .venv/bin/python bench/segment_bench.py                 # gold set, with and without spaCy
    .venv/bin/python bench/segment_bench.py --ecb [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from factcheck.ingest import read_articles
from factcheck.schema import Article, Claim
from factcheck.segment import segment

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "fixtures" / "segment"
ECB = ROOT.parent / "shared" / "data" / "ecbplus_dev" / "docs.jsonl"
IOU = 0.5


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def match(pred: list[Claim], gold: list[tuple[int, int]]) -> dict[int, int]:
    """gold index -> predicted index, one-to-one, greedy by IoU, IoU >= 0.5."""
    pairs = sorted(
        ((iou((c.span.start, c.span.end), g), gi, pi) for gi, g in enumerate(gold) for pi, c in enumerate(pred)),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for score, gi, pi in pairs:
        if score < IOU:
            break
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def gold_cases() -> list[tuple[Path, dict[str, object], Article, list[Claim] | None]]:
    cases: list[tuple[Path, dict[str, object], Article, list[Claim] | None]] = []
    for exp in sorted(GOLD.glob("*.expected.json")):
        name = exp.name.removesuffix(".expected.json")
        source = next(p for p in GOLD.glob(name + ".*") if not p.name.endswith(".expected.json"))
        spec = json.loads(exp.read_text(encoding="utf-8"))
        articles = read_articles(source)
        specs = spec.get("articles", [spec])
        assert isinstance(specs, list)
        for article, one in zip(articles, specs, strict=True):
            cases.append((source, one, article, None))
    return cases


def score_gold(nlp: object | None) -> dict[str, float]:
    totals = dict.fromkeys(
        ["gold", "pred", "matched", "spk", "spk_ok", "res", "res_ok", "trunc", "trunc_ok", "leak", "meta", "meta_ok"],
        0,
    )
    totals.update(removed=0, removed_ok=0, over_cap=0)
    rows = []
    for source, spec, article, _ in gold_cases():
        claims, removed_here = segment(article, nlp)  # type: ignore[arg-type]
        gold_items = spec["claims"]
        assert isinstance(gold_items, list)
        gold_spans = []
        for item in gold_items:
            at = -1
            for _ in range(int(item.get("occurrence", 0)) + 1):  # e.g. the <h1> after the <title>
                at = article.text.find(item["passage"], at + 1)
            assert at >= 0, f"{source}: gold passage not in text: {item['passage'][:40]}"
            gold_spans.append((at, at + len(item["passage"])))
        m = match(list(claims), gold_spans)
        totals["gold"] += len(gold_spans)
        totals["pred"] += len(claims)
        totals["matched"] += len(m)
        for gi, item in enumerate(gold_items):
            pred = claims[m[gi]] if gi in m else None
            if "speaker" in item:
                totals["spk"] += 1
                totals["spk_ok"] += bool(pred and (pred.speaker or "").lower() == item["speaker"].lower())
            if "text_starts" in item:
                totals["res"] += 1
                # the source's own pronoun with the resolved name beside it ("She [Anna Kowalski] said")
                want = item["text_starts"]
                totals["res_ok"] += bool(pred and (pred.text.startswith(want) or f"[{want}]" in pred.text[:80]))
            if "truncated" in item:
                totals["trunc"] += 1
                totals["trunc_ok"] += bool(pred and pred.truncated == item["truncated"])
        for word in spec.get("not_in_claims", []):  # type: ignore[attr-defined]
            totals["leak"] += any(word.lower() in c.text.lower() for c in claims)
        reasons = {r.reason for r in (*article.removed, *removed_here)}
        for reason in spec.get("removed_reasons", []):  # type: ignore[attr-defined]
            totals["removed"] += 1
            totals["removed_ok"] += reason in reasons
        for key in ("title", "source", "published", "published_from"):
            if key in spec:
                totals["meta"] += 1
                got = getattr(article, key)
                totals["meta_ok"] += str(got) == str(spec[key])
        totals["over_cap"] += sum(len(c.text) > 300 for c in claims)
        rows.append(
            f"{source.name:24s} {article.id:22s} gold {len(gold_spans):2d} pred {len(claims):2d} match {len(m):2d}"
        )
    p = totals["matched"] / max(1, totals["pred"])
    r = totals["matched"] / max(1, totals["gold"])
    print("\n".join(rows))
    result = {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        **totals,
    }
    return result


def ecb(nlp: object | None, limit: int | None) -> dict[str, float]:
    docs = [json.loads(line) for line in ECB.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        docs = docs[:limit]
    n_sent = n_claims = n_fail = n_docs = n_trunc = 0
    lengths: list[int] = []
    failures: list[tuple[str, str]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            path = Path(tmp) / f"{doc['doc_id']}.txt"
            path.write_text(" ".join(s["text"] for s in doc["sentences"]), encoding="utf-8")
            (article,) = read_articles(path)
            claims, _ = segment(article, nlp)  # type: ignore[arg-type]
            text = path.read_text(encoding="utf-8")
            n_docs += 1
            n_sent += len(doc["sentences"])
            n_claims += len(claims)
            n_trunc += sum(c.truncated for c in claims)
            for c in claims:
                lengths.append(len(c.text))
                passage = text[c.span.start : c.span.end]
                ok = 0 <= c.span.start < c.span.end <= len(text) and passage.strip() == passage
                # the claim text ends with the passage's words (its first word may be a resolved pronoun)
                # and a time inherited from a partner clause may follow in brackets
                tail = re.findall(r"\w+", passage.lower())[1:]
                context = re.search(r" (\([^()]*\))[.!?]*$", c.text)
                shown = (
                    c.text if context is None or context.group(1) in passage else c.text.replace(context.group(0), "")
                )
                have = re.findall(r"\w+", shown.lower())
                ok = ok and have[len(have) - len(tail) :] == tail
                if not ok and len(failures) < 5:
                    failures.append((c.text, passage))
                n_fail += not ok
    elapsed = time.perf_counter() - started
    for shown_text, passage in failures:
        print(f"span check failed: {shown_text!r} <- {passage!r}", file=sys.stderr)
    lengths.sort()
    return {
        "docs": n_docs,
        "sentences": n_sent,
        "claims": n_claims,
        "claims_per_sentence": n_claims / max(1, n_sent),
        "median_claim_chars": lengths[len(lengths) // 2] if lengths else 0,
        "max_claim_chars": lengths[-1] if lengths else 0,
        "truncated": n_trunc,
        "span_failures": n_fail,
        "seconds": elapsed,
        "sentences_per_second": n_sent / elapsed if elapsed else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ecb", action="store_true", help="run the ECB+ statistics instead of the gold set")
    parser.add_argument("--limit", type=int, default=None, help="ECB+: first N documents only")
    parser.add_argument("--no-spacy", action="store_true", help="only the model-free path")
    args = parser.parse_args()
    modes: list[tuple[str, object | None]] = [("model-free", None)]
    if not args.no_spacy:
        from factcheck.nlp import load_spacy

        modes.append(("spacy", load_spacy()))
    for name, nlp in modes:
        print(f"## {name}")
        result = ecb(nlp, args.limit) if args.ecb else score_gold(nlp)
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
