"""Families of copies on the real-news development set, against the annotated families.

    .venv/bin/python bench/families_bench.py [--texts DIR] [--edits]

For each event of ``bench/news/events/*.json`` this runs
:func:`factcheck.families.find_families` on the event's article files and
scores it against the annotated ``families``:

* **pairwise precision / recall** of "same family" over the event's article
  pairs (a pair is positive when both articles are in one family);
* **original**: whether the predicted original is the annotated one (only where
  the annotator could tell);
* **agreement counts**: for each annotated ``agreement`` fact, the number of
  files that state it against the number of independent sources among them
  (one per family), with the annotated and with the predicted families;
* the longest passage outside quotes each annotated pair shares, so a miss can
  be read (the thresholds come from ``bench/families_calibrate.py``, not from
  here).

``--edits`` also lists what :func:`factcheck.families.copy_edits` finds in each
predicted family. The texts are git-ignored; they are read from
``bench/news/texts`` or, failing that, from the main checkout beside this one.
Development figures only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.families import (  # noqa: E402
    DEFAULT_SETTINGS,
    Families,
    _doc,
    _evidence,
    _passages,
    copy_edits,
    find_families,
    independent_count,
    independent_sources,
)
from factcheck.ingest import read_all  # noqa: E402
from factcheck.schema import Article, Span  # noqa: E402

EVENTS = ROOT / "bench" / "news" / "events"
TEXT_DIRS = (ROOT / "bench" / "news" / "texts", ROOT.parent / "main" / "bench" / "news" / "texts")


def _stem(file: str) -> str:
    return file.rsplit(".", 1)[0]


def annotated(event: dict[str, Any]) -> Families:
    """The annotation's families in the stage's own form (so independent_count reads both alike)."""
    family_of = {_stem(f): fam["id"] for fam in event["families"] for f in fam["files"]}
    return Families(family_of=family_of)


def pair_counts(ids: list[str], truth: Families, pred: Families) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        same_t = truth.of(a) is not None and truth.of(a) == truth.of(b)
        same_p = pred.of(a) is not None and pred.of(a) == pred.of(b)
        tp += same_t and same_p
        fp += same_p and not same_t
        fn += same_t and not same_p
    return tp, fp, fn


def _ratio(n: int, d: int) -> str:
    return f"{n / d:.2f}" if d else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, default=None, help="folder holding <event>/ text folders")
    parser.add_argument("--edits", action="store_true", help="list the copy edits of each predicted family")
    args = parser.parse_args()
    texts = args.texts or next((d for d in TEXT_DIRS if d.is_dir()), None)
    if texts is None:
        print("no bench/news/texts: rebuild them (bench/news/README.md); nothing to score")
        return
    rows, agree_rows, pair_rows, edit_rows, credit_rows = [], [], [], [], []
    total = [0, 0, 0]
    orig_right = orig_told = 0
    agg = {
        "facts": 0,
        "files": 0,
        "ind_true": 0,
        "ind_pred": 0,
        "changed_true": 0,
        "changed_pred": 0,
        "wrong": 0,
        "ind_span": 0,
    }
    elapsed = 0.0
    for path in sorted(EVENTS.glob("*.json")):
        event = json.loads(path.read_text(encoding="utf-8"))
        name = event["event"]
        articles, _ = read_all([texts / name])
        ids = [a.id for a in articles]
        t0 = time.perf_counter()
        pred = find_families(articles)
        elapsed += time.perf_counter() - t0
        truth = annotated(event)
        tp, fp, fn = pair_counts(ids, truth, pred)
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        found = "; ".join(f"{{{', '.join(f.members)}}} orig {f.original} ({f.original_reason})" for f in pred.families)
        rows.append(
            f"| `{name}` | {event['split']} | {len(event['families'])} | {len(pred.families)} | {tp} | {fp} | {fn}"
            f" | {_ratio(tp, tp + fp)} | {_ratio(tp, tp + fn)} | {found or '-'} |"
        )
        for fam in event["families"]:
            if fam["original"] is None:
                continue
            orig_told += 1
            got = pred.of(_stem(fam["original"]))
            predicted = pred.get(got).original if got else None
            orig_right += predicted == _stem(fam["original"])
        # agreement counts: files vs independent families among the mention files
        by_id = {a.id: a for a in articles}
        for fact in event["facts"]:
            if fact["label"] != "agreement":
                continue
            files = sorted({_stem(m["file"]) for m in fact["mentions"]})
            n_t, n_p = independent_count(files, truth), independent_count(files, pred)
            n_s = independent_sources([_mention(m, by_id) for m in fact["mentions"]], pred)
            agg["ind_span"] += n_s
            agg["facts"] += 1
            agg["files"] += len(files)
            agg["ind_true"] += n_t
            agg["ind_pred"] += n_p
            agg["changed_true"] += n_t < len(files)
            agg["changed_pred"] += n_p < len(files)
            agg["wrong"] += n_t != n_p
            if n_t < len(files) or n_p < len(files) or n_s < len(files):
                agree_rows.append(
                    f"| `{name}` | {fact['id']} | {len(files)} | {n_t} | {n_p} | {n_s} |"
                    + (" **differs** |" if n_t != n_p else " |")
                )
        # every pair that is annotated or predicted: the longest passage outside quotes it shares
        for a, b in itertools.combinations(ids, 2):
            same_t = truth.of(a) is not None and truth.of(a) == truth.of(b)
            same_p = pred.of(a) is not None and pred.of(a) == pred.of(b)
            longest, crediting = _longest(by_id[a], by_id[b], pred)
            if same_t or same_p or longest >= DEFAULT_SETTINGS.credited_passage_words:
                verdict = "TP" if same_t and same_p else "FN" if same_t else "FP" if same_p else "TN"
                pair_rows.append(f"| `{name}` | {a} ~ {b} | {longest} | {crediting or '-'} | {verdict} |")
        for aid, found_credits in sorted(pred.credits.items()):
            credit_rows.append(
                f"| `{name}` | {aid} | " + ", ".join(f"{c.agency} ({c.text!r})" for c in found_credits) + " |"
            )
        if args.edits:
            for fam in pred.families:
                for e in copy_edits(fam, articles):
                    edit_rows.append(
                        f"| `{name}` | {e.copy_id} vs {e.original_id} | {e.kind} | {e.change}"
                        f" | {e.original_text[:80]!r} | {e.copy_text[:80]!r} |"
                    )
    tp, fp, fn = total
    rows.append(f"| **total** | | | | {tp} | {fp} | {fn} | **{_ratio(tp, tp + fp)}** | **{_ratio(tp, tp + fn)}** | |")
    print("## Families (pairwise, over each event's article pairs)\n")
    print("| event | split | annotated | found | TP | FP | FN | precision | recall | found families |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"\nOriginal: the annotated one in {orig_right} of {orig_told} families whose original the annotator told.")
    print(f"find_families: {elapsed * 1000:.0f} ms for all 8 events.\n")
    print("## Agreement facts: files vs independent sources\n")
    print(
        f"{agg['facts']} annotated agreement facts, {agg['files']} mention files. Independent sources:"
        f" {agg['ind_true']} with the annotated families, {agg['ind_pred']} with the found ones. Facts whose count"
        f" drops below the file count: {agg['changed_true']} (annotated), {agg['changed_pred']} (found);"
        f" facts where the two counts differ: {agg['wrong']}.\n"
    )
    print(f"Passage by passage (independent_sources on the mention quotes): {agg['ind_span']}.\n")
    print("| event | fact | files | independent (annotated) | independent (found) | by passage (found) | |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(agree_rows))
    print("\n## Pairs: longest shared passage outside quotes (words)\n")
    print("Every annotated or found pair, and every other pair sharing 8 or more words.\n")
    print("| event | pair | longest | common credit | verdict |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(pair_rows))
    print("\n## Credits read\n")
    print("| event | article | credits |")
    print("| --- | --- | --- |")
    print("\n".join(credit_rows))
    if args.edits:
        print("\n## Copy edits found\n")
        print("| event | copy vs original | kind | change | original | copy |")
        print("| --- | --- | --- | --- | --- | --- |")
        print("\n".join(edit_rows))


def _mention(m: dict[str, Any], by_id: dict[str, Article]) -> tuple[str, Span | None]:
    """An annotated mention as (article id, span of its quote); the quote occurs once in its file."""
    aid = _stem(m["file"])
    at = by_id[aid].text.find(m["quote"]) if aid in by_id else -1
    return aid, Span(start=at, end=at + len(m["quote"])) if at >= 0 else None


def _longest(a: Article, b: Article, pred: Families) -> tuple[int, str]:
    k = DEFAULT_SETTINGS.shingle
    da, db = _doc(0, a, k), _doc(1, b, k)
    best = max((_evidence(p, da, db, k)[1] for p in _passages(da, db, DEFAULT_SETTINGS)), default=0)
    return best, ", ".join(sorted(da.credits & db.credits))


if __name__ == "__main__":
    main()
