"""Train the comparator's learned scorer: ``python -m factcheck.train [--data DIR] [--out FILE]``.

Training data (development data only, never shipped):

- ``vitaminc_dev.jsonl``: real claim/evidence pairs from Wikipedia revisions,
  rich in figures and dates (the in-domain set; weighted up);
- NLI sets (MNLI, SNLI, SICK, CAD-SNLI), sampled: general agree / contradict /
  neutral wording. ANLI and RTE are left out so ANLI stays an honest check
  (ANLI's ``rte`` slice reuses RTE premises);
- contrastive examples made by perturbing supported claims: a number, year,
  month, place or body swapped, or a negation added (-> contradict); a figure
  made vague around its value (-> agree).

Figures are measured by cross-validation grouped by VitaminC page: each fold's
model never sees the held-out pages, nor perturbations of them. The temperature
is fitted on those out-of-fold scores; the shipped model is then fitted on all
rows. Everything is seeded, so a rerun writes the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from factcheck.facts.lexicon import BODIES, DEMONYMS, MONTHS
from factcheck.facts.slots import SlotExtractor
from factcheck.judge.scorer import (
    CLASSES,
    TreeScorer,
    brier_score,
    expected_calibration_error,
    feature_matrix,
    fit_temperature,
    softmax,
)
from factcheck.judge.sentence import Side, diff_slots, focus_evidence

#: The shared development data beside the checkout (``../shared/data`` from the repository root).
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "models" / "comparator.safetensors"
LABELS = {"SUPPORTS": "agree", "REFUTES": "contradict", "NOT ENOUGH INFO": "neutral"}
NLI_FILES = ("mnli_dev_matched.jsonl", "snli_dev.jsonl", "snli_test.jsonl", "sick.jsonl", "cad_snli.jsonl")


@dataclass(frozen=True)
class Example:
    """One training pair; ``group`` is the VitaminC page (or the NLI source) for fold splits."""

    claim: str
    evidence: str
    label: str
    group: str
    source: str
    weight: float = 1.0


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON-lines file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def vitaminc(data: Path, weight: float = 3.0) -> list[Example]:
    """VitaminC pairs, grouped by page."""
    return [
        Example(r["claim"], r["evidence"], LABELS[r["label"]], r["page"], "vitaminc", weight)
        for r in read_jsonl(data / "vitaminc_dev.jsonl")
    ]


def nli(data: Path, per_source: int, seed: int = 0) -> list[Example]:
    """A seeded sample of each NLI set; SICK uses its A->B judgement (does the evidence contradict the claim?)."""
    rng = random.Random(seed)
    out: list[Example] = []
    for name in NLI_FILES:
        rows = read_jsonl(data / name)
        rng.shuffle(rows)
        for r in rows[:per_source]:
            label = LABELS.get(r["label"])
            if name == "sick.jsonl":
                ab = str(r.get("entailment_AB", ""))
                label = "contradict" if "contradicts" in ab else "agree" if "entails" in ab else "neutral"
            if label is not None:
                out.append(Example(r["claim"], r["evidence"], label, name, name))
    return out


_NUM_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w,])")
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20[0-2]\d)\b")
_MONTH_RE = re.compile(r"\b(January|February|March|April|June|July|August|September|October|November|December)\b")
_NEG_RE = re.compile(r"\b(is|was|are|were|has|have|had|will|can|did|does)\b")
_PLACES = sorted({*DEMONYMS.values()} - {"the West", "Arab world"})
_BODY_NAMES = sorted(set(BODIES.values()))


def _swap_number(text: str, rng: random.Random) -> str | None:
    nums = [m for m in _NUM_RE.finditer(text) if not _YEAR_RE.fullmatch(m.group(0))]
    if not nums:
        return None
    m = rng.choice(nums)
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    factor = rng.choice((0.5, 0.7, 0.8, 1.25, 1.5, 2.0, 3.0))
    new = value * factor if value > 10 else value + rng.choice((1, 2, 3, 5))
    if new == value:
        return None
    shown = f"{new:,.0f}" if "," in m.group(1) else f"{new:.{len(m.group(2)) - 1}f}" if m.group(2) else f"{new:.0f}"
    return text[: m.start()] + shown + text[m.end() :]


def _vague_number(text: str, rng: random.Random) -> str | None:
    nums = [m for m in _NUM_RE.finditer(text) if not _YEAR_RE.fullmatch(m.group(0))]
    if not nums:
        return None
    m = rng.choice(nums)
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    if value < 20:
        return None
    lower = f"{int(value * 0.9):,}" if "," in m.group(1) else str(int(value * 0.9))
    phrase = rng.choice((f"more than {lower}", f"about {m.group(0)}", f"over {lower}"))
    before = text[: m.start()]
    if re.search(r"(more than|over|about|less than|under|nearly|around)\s*$", before, re.IGNORECASE):
        return None
    return before + phrase + text[m.end() :]


def _swap_year(text: str, rng: random.Random) -> str | None:
    years = list(_YEAR_RE.finditer(text))
    if not years:
        return None
    m = rng.choice(years)
    return text[: m.start()] + str(int(m.group(0)) + rng.choice((-3, -2, -1, 1, 2, 3))) + text[m.end() :]


def _swap_month(text: str, rng: random.Random) -> str | None:
    months = list(_MONTH_RE.finditer(text))
    if not months:
        return None
    m = rng.choice(months)
    names = [n.capitalize() for n in MONTHS if len(n) > 3 and n != m.group(0).lower() and n != "sept"]
    return text[: m.start()] + rng.choice(names) + text[m.end() :]


def _swap_place(text: str, rng: random.Random) -> str | None:
    for pool in (_BODY_NAMES, _PLACES):
        found = [p for p in pool if re.search(rf"\b{re.escape(p)}\b", text)]
        if found:
            old = rng.choice(found)
            new = rng.choice([p for p in pool if p != old])
            return re.sub(rf"\b{re.escape(old)}\b", new, text, count=1)
    return None


def _negate(text: str, rng: random.Random) -> str | None:
    if re.search(r"\b(not|never|n't|no)\b", text):
        return None
    m = _NEG_RE.search(text)
    if not m:
        return None
    return text[: m.end()] + " not" + text[m.end() :]


PERTURBATIONS = (
    (_swap_number, "contradict"),
    (_swap_year, "contradict"),
    (_swap_month, "contradict"),
    (_swap_place, "contradict"),
    (_negate, "contradict"),
    (_vague_number, "agree"),
)


def perturb(examples: Sequence[Example], seed: int = 0, per_example: int = 2) -> list[Example]:
    """Contrastive pairs from supported claims: minimal edits with a known label."""
    rng = random.Random(seed)
    out: list[Example] = []
    for ex in examples:
        if ex.label != "agree":
            continue
        made = 0
        for func, label in rng.sample(PERTURBATIONS, len(PERTURBATIONS)):
            new = func(ex.claim, rng)
            if new and new != ex.claim:
                out.append(Example(new, ex.evidence, label, ex.group, f"perturbed:{func.__name__}", 1.0))
                made += 1
                if made >= per_example:
                    break
    return out


def featurize(examples: Sequence[Example], extractor: SlotExtractor | None = None) -> NDArray[np.float64]:
    """The scorer's feature matrix, computed exactly as the comparator does at run time."""
    extractor = extractor or SlotExtractor(None)
    claims = [e.claim for e in examples]
    evidence = [focus_evidence(e.claim, e.evidence) for e in examples]
    slots = extractor.extract([*claims, *evidence], [None] * (2 * len(examples)))
    n = len(examples)
    rows = [
        diff_slots(Side(text=claims[i], slots=slots[i]), Side(text=evidence[i], slots=slots[n + i])).features
        for i in range(n)
    ]
    return feature_matrix(rows)


def has_number(text: str) -> bool:
    """The bench's "pairs with numbers or dates" subset: the claim contains a digit."""
    return any(ch.isdigit() for ch in text)


@dataclass
class Corpus:
    """All training examples with their features, built once."""

    vitc: list[Example]
    vitc_X: NDArray[np.float64]
    nli: list[Example]
    nli_X: NDArray[np.float64]
    pert: list[Example]
    pert_X: NDArray[np.float64]


def build_corpus(data: Path = DEFAULT_DATA, nli_per_source: int = 3000, seed: int = 0) -> Corpus:
    """Load, perturb and featurize everything (perturbations keep their source page as group)."""
    extractor = SlotExtractor(None)
    vitc = vitaminc(data)
    nli_rows = nli(data, nli_per_source, seed)
    pert = perturb(vitc, seed) + perturb([e for e in nli_rows if any(c.isdigit() for c in e.claim)], seed + 1, 1)
    return Corpus(
        vitc, featurize(vitc, extractor), nli_rows, featurize(nli_rows, extractor), pert, featurize(pert, extractor)
    )


def fit_on(corpus: Corpus, train_pages: set[str] | None, scorer: TreeScorer | None = None) -> TreeScorer:
    """Fit on NLI + VitaminC pages in ``train_pages`` (all when None) + their perturbations."""
    keep_v = [i for i, e in enumerate(corpus.vitc) if train_pages is None or e.group in train_pages]
    keep_p = [
        i
        for i, e in enumerate(corpus.pert)
        if train_pages is None or e.group in train_pages or e.group.endswith(".jsonl")
    ]
    X = np.vstack([corpus.vitc_X[keep_v], corpus.nli_X, corpus.pert_X[keep_p]])
    y = [corpus.vitc[i].label for i in keep_v] + [e.label for e in corpus.nli] + [corpus.pert[i].label for i in keep_p]
    w = np.array(
        [corpus.vitc[i].weight for i in keep_v]
        + [e.weight for e in corpus.nli]
        + [corpus.pert[i].weight for i in keep_p]
    )
    return (scorer or TreeScorer()).fit(X, y, sample_weight=w)


def page_folds(examples: Sequence[Example], folds: int) -> list[set[str]]:
    """Held-out page sets: GroupKFold over VitaminC pages (deterministic)."""
    from sklearn.model_selection import GroupKFold

    groups = np.array([e.group for e in examples])
    out = []
    for _, test in GroupKFold(n_splits=folds).split(np.zeros(len(groups)), groups=groups):
        out.append(set(groups[test].tolist()))
    return out


def cross_validate(corpus: Corpus, folds: int = 5) -> tuple[NDArray[np.float64], list[set[str]]]:
    """Out-of-fold raw scores for every VitaminC row (model trained without that row's page)."""
    scores = np.zeros((len(corpus.vitc), len(CLASSES)))
    held = page_folds(corpus.vitc, folds)
    pages = {e.group for e in corpus.vitc}
    for test_pages in held:
        model = fit_on(corpus, pages - test_pages)
        idx = [i for i, e in enumerate(corpus.vitc) if e.group in test_pages]
        scores[idx] = model.decision_function(corpus.vitc_X[idx])
    return scores, held


def metrics(pred: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro-F1 and contradiction precision / recall / F1."""
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    p, r, f, _ = precision_recall_fscore_support(gold, pred, labels=["contradict"], zero_division=0)
    return {
        "n": len(gold),
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
        "macro_f1": round(float(f1_score(gold, pred, labels=list(CLASSES), average="macro", zero_division=0)), 4),
        "contradict_precision": round(float(p[0]), 4),
        "contradict_recall": round(float(r[0]), 4),
        "contradict_f1": round(float(f[0]), 4),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Cross-validate, calibrate, fit on everything and save the shipped scorer."""
    parser = argparse.ArgumentParser(prog="python -m factcheck.train", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with vitaminc_dev.jsonl and NLI sets")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the model")
    parser.add_argument("--folds", type=int, default=5, help="grouped CV folds over VitaminC pages")
    parser.add_argument("--nli-per-source", type=int, default=3000, help="rows sampled from each NLI set")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpus = build_corpus(args.data, args.nli_per_source)
    print(
        f"examples: vitaminc {len(corpus.vitc)}, nli {len(corpus.nli)}, perturbed {len(corpus.pert)}", file=sys.stderr
    )
    scores, _ = cross_validate(corpus, args.folds)
    gold = [e.label for e in corpus.vitc]
    temperature = fit_temperature(scores, gold)
    raw, cal = softmax(scores), softmax(scores / temperature)
    pred = [CLASSES[i] for i in cal.argmax(axis=1)]
    num = [i for i, e in enumerate(corpus.vitc) if has_number(e.claim)]
    report = {
        "cv_folds": args.folds,
        "vitaminc_oof": metrics(pred, gold),
        "vitaminc_oof_numbers": metrics([pred[i] for i in num], [gold[i] for i in num]),
        "temperature": round(temperature, 4),
        "ece_raw": round(expected_calibration_error(raw, gold), 4),
        "ece_calibrated": round(expected_calibration_error(cal, gold), 4),
        "brier_raw": round(brier_score(raw, gold), 4),
        "brier_calibrated": round(brier_score(cal, gold), 4),
        "train_rows": {"vitaminc": len(corpus.vitc), "nli": len(corpus.nli), "perturbed": len(corpus.pert)},
    }
    final = fit_on(corpus, None)
    final.temperature_ = temperature
    final.save(args.out, metadata={"cv": report})
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["size_bytes"] = args.out.stat().st_size
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
