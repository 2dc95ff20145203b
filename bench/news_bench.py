"""Score `factcheck check` on the real-news development set against its hand annotation.

    python bench/news_bench.py [score]   # the shipped models on every event (dev and check)
    python bench/news_bench.py cv        # dev events, each judged by models fitted on the other dev events
    python bench/news_bench.py train     # cv, then fit both models on all dev events: models/aligner.json,
                                         # models/confidence.json (its "high" level from the out-of-fold findings)
    python bench/news_bench.py diagnose [--event E]  # where each annotated fact is lost

The events, their recipe and the annotation are in ``bench/news/events/*.json``
(``bench/news/README.md``); the article texts are rebuilt into the git-ignored
``bench/news/texts/`` by a session with the search tool. Without them the
benchmark says so and exits 0.

How a finding is scored. A finding's values carry character spans into the
article files; an annotated fact's mentions carry quotes that occur once in
their file. A finding *matches* a fact when values of two or more different
articles overlap mentions of that fact (the fact it matches best is taken). A
non-agreement finding is right when it matches an annotated *difference* and
the articles it covers carry at least two different annotated values; an
agreement is right when it matches a fact whose covered mentions share one
annotated value (labels agreement, precision or naming). Unmatched
non-agreement findings count as wrong (the annotation lists every fact two or
more articles state); unmatched agreements are reported apart ("unjudged")
and counted wrong in the strict agreement precision. An annotated difference
is found by a right non-agreement finding; a *precision* difference also by an
agreement covering two of its annotated values, and a *naming* variant (whose
mentions share one canonical value) by a fact's agreement that shows two of the
sources' names for it ("Kennedy Space Centre", "Kennedy Space Center"). Check events
(``split: check``) are never used to fit or choose anything.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.config import Config  # noqa: E402
from factcheck.ingest import read_all  # noqa: E402
from factcheck.judge import Case, JudgeSettings, cross_check  # noqa: E402
from factcheck.judge.align import FAMILIES, AlignModel, FamilyModel, bucket, family  # noqa: E402
from factcheck.judge.confidence import FEATURES as CONF_FEATURES  # noqa: E402
from factcheck.judge.confidence import Calibrator  # noqa: E402
from factcheck.judge.features import FEATURES as ALIGN_FEATURES  # noqa: E402
from factcheck.judge.features import bucket_pairs  # noqa: E402
from factcheck.pipeline import Backends, Prepared, build_case, check, judge_settings, load_backends  # noqa: E402
from factcheck.schema import Finding  # noqa: E402

NEWS = ROOT / "bench" / "news"
EVENTS = NEWS / "events"
TEXTS = NEWS / "texts"
MODELS = ROOT / "models"
DIFFERENCES = {"true_conflict", "precision", "update", "naming", "typo", "attribution", "characterisation"}
AGREEABLE = {"agreement", "precision", "naming"}
#: Annotated fact types each tool fact type (or finding type) can be a mention of: where a value lies in
#: the quotes of two annotated facts ("six" in "171 passengers and six crew" of the passengers and of the
#: crew; "Bethseda" in "In 2020, Microsoft acquired Bethseda" of the year and of the name), the fact of a
#: fitting type with the shortest quote is the one it belongs to.
FITS: dict[str, frozenset[str]] = {
    "quantity": frozenset({"number"}), "number": frozenset({"number"}),
    "date": frozenset({"date", "time"}), "time": frozenset({"time", "date"}),
    "place": frozenset({"place", "name"}), "location": frozenset({"place", "name"}),
    "name": frozenset({"name", "place"}), "entity": frozenset({"name", "place"}),
    "people": frozenset({"people"}), "participants": frozenset({"people"}),
    "title": frozenset({"title"}), "role": frozenset({"title"}),
    "status": frozenset({"status", "other"}), "negation": frozenset({"status", "other"}),
}  # fmt: skip
#: A family's aligner is learned only from at least this many same-fact pairs; below, it keeps the prior.
MIN_POSITIVES = 30


# --------------------------------------------------------------------------- the annotation


@dataclass
class Mention:
    file: str
    start: int
    end: int
    value: str


@dataclass
class Fact:
    id: str
    label: str
    type: str
    about: str
    mentions: list[Mention]


@dataclass
class Event:
    name: str
    split: str
    folder: Path
    facts: list[Fact]
    files: dict[str, str] = field(default_factory=dict)  # article file name -> text
    family: dict[str, str] = field(default_factory=dict)  # article file name -> annotated family of copies


def load_events() -> list[Event]:
    """Every annotated event whose texts are present (quotes located in their files)."""
    out = []
    for path in sorted(EVENTS.glob("*.json")):
        ev = json.loads(path.read_text(encoding="utf-8"))
        folder = TEXTS / ev["event"]
        if not folder.is_dir():
            continue
        files = {a["file"]: (folder / a["file"]).read_text(encoding="utf-8") for a in ev["articles"]}
        facts = []
        for f in ev["facts"]:
            mentions = []
            for m in f["mentions"]:
                at = files[m["file"]].find(m["quote"])
                mentions.append(Mention(m["file"], at, at + len(m["quote"]), str(m["value"])))
            facts.append(Fact(f["id"], f["label"], f["type"], f["about"], mentions))
        family = {a["file"]: a["family"] for a in ev["articles"] if a.get("family")}
        out.append(Event(ev["event"], ev["split"], folder, facts, files, family))
    return out


def _file_of(article_path: str) -> str:
    return Path(article_path).name


# --------------------------------------------------------------------------- matching


def _overlaps(s: int, e: int, m: Mention) -> bool:
    return s < m.end and m.start < e


def match(finding: Finding, event: Event, files: dict[str, str]) -> tuple[Fact | None, set[str], set[str]]:
    """The annotated fact a finding is about: (fact, articles covered, annotated values covered).

    The fact covering the most articles, then the most values, wins; among those, one of a type that
    fits the finding's (:data:`FITS`), then the one whose matched quotes are shortest.
    """
    best: tuple[Fact | None, set[str], set[str]] = (None, set(), set())
    best_key: tuple[int, int, bool, int] = (0, 0, False, 0)
    fits = FITS.get(finding.type or "", frozenset())
    for fact in event.facts:
        arts: set[str] = set()
        values: set[str] = set()
        quoted: dict[tuple[str, int], int] = {}
        for v in finding.values:
            name = files.get(v.article_id)
            for m in fact.mentions:
                if m.file == name and _overlaps(v.span.start, v.span.end, m):
                    arts.add(m.file)
                    values.add(m.value)
                    quoted[(m.file, m.start)] = m.end - m.start
        key = (len(arts), len(values), fact.type in fits, -sum(quoted.values()))
        if len(arts) >= 2 and key > best_key:
            best, best_key = (fact, arts, values), key
    return best


def correct(finding: Finding, fact: Fact | None, values: set[str]) -> bool | None:
    """Whether a finding is right (None: an agreement about nothing annotated)."""
    if finding.kind == "agreement":
        if fact is None:
            return None
        return len(values) == 1 or fact.label in {"precision", "naming"}
    return fact is not None and fact.label in DIFFERENCES and len(values) >= 2


# --------------------------------------------------------------------------- scoring


def _shows_variants(finding: Finding, arts: set[str], files: dict[str, str]) -> bool:
    """Whether a fact's finding shows two of the names the matched articles give (a naming variant's
    annotated values are one canonical name, so the variant shows only in the sources' own forms; a
    restated claim's values are whole sentences, not names)."""
    forms = {v.value.strip() for v in finding.values if files.get(v.article_id) in arts}
    return finding.reason != "same_claim" and len(forms) >= 2


@dataclass
class Tally:
    findings: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    false_contradictions: int = 0
    differences: int = 0
    differences_found: int = 0
    conflicts: int = 0
    conflicts_found: int = 0
    agreements: int = 0
    agreements_found: int = 0
    unjudged_agreements: int = 0
    unjudged_claims: int = 0
    copy_edits: int = 0
    reliability: list[tuple[float, bool]] = field(default_factory=list)
    found: list[str] = field(default_factory=list)  # "event/fact" of each annotated difference found

    def add(self, other: Tally) -> None:
        self.findings.update(other.findings)
        self.right.update(other.right)
        for name in (
            "false_contradictions", "differences", "differences_found", "conflicts", "conflicts_found",
            "agreements", "agreements_found", "unjudged_agreements", "unjudged_claims", "copy_edits",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reliability.extend(other.reliability)
        self.found.extend(other.found)


def score_event(
    event: Event, findings: list[Finding], article_paths: dict[str, str]
) -> tuple[Tally, list[dict[str, Any]]]:
    """Tally one event's findings against its annotation; also the per-finding rows (for training)."""
    files = {aid: _file_of(p) for aid, p in article_paths.items()}
    t = Tally()
    rows = []
    found_diff: set[str] = set()
    found_conflict: set[str] = set()
    found_agree: set[str] = set()
    for f in findings:
        if f.reason == "within_source":
            continue
        if f.reason == "edited_copy" and f.alignment is None and f.type != "number":
            t.copy_edits += 1  # a copy's wording edit (a sentence, a qualifier): not a fact of the annotation
            continue  # (a changed figure is scored like any other discrepancy, right or wrong)
        fact, arts, values = match(f, event, files)
        ok = correct(f, fact, values)
        key = "claim_agreement" if f.reason == "same_claim" else f.kind
        t.findings[key] += 1
        if ok:
            t.right[key] += 1
        if f.kind == "contradiction" and not (fact is not None and fact.label == "true_conflict" and len(values) >= 2):
            t.false_contradictions += 1
            shown = ", ".join(f"{v.value} ({v.article_id})" for v in f.values)
            t.found.append(f"{event.name}: false contradiction on {f.fact}: {shown}")
        if f.kind == "agreement" and ok is None:
            if key == "claim_agreement":
                t.unjudged_claims += 1
            else:
                t.unjudged_agreements += 1
        if ok is not None:
            t.reliability.append((f.confidence, ok))
        if fact is not None and f.kind != "agreement" and len(values) >= 2:
            found_diff.add(fact.id)
            if fact.label == "true_conflict" and f.kind in {"contradiction", "discrepancy"}:
                found_conflict.add(fact.id)
        if fact is not None and f.kind == "agreement" and ok:
            found_agree.add(fact.id)
        if fact is not None and f.kind == "agreement" and fact.label == "precision" and len(values) >= 2:
            found_diff.add(fact.id)  # compatible values at different precision, each shown with its source
        if fact is not None and f.kind == "agreement" and fact.label == "naming" and _shows_variants(f, arts, files):
            found_diff.add(fact.id)  # one entity under two names ("Kennedy Space Centre"), each shown with its source
        rows.append({"finding": f, "fact": fact.id if fact else None, "label": fact.label if fact else None, "ok": ok})
    for fact in event.facts:
        if fact.label in DIFFERENCES:
            t.differences += 1
            t.differences_found += fact.id in found_diff
            if fact.id in found_diff:
                t.found.append(f"{event.name}/{fact.id} ({fact.label})")
        if fact.label == "true_conflict":
            t.conflicts += 1
            t.conflicts_found += fact.id in found_conflict
        independent = {event.family.get(m.file, m.file) for m in fact.mentions}
        if fact.label == "agreement" and len(independent) >= 2:  # copies of one text agreeing is no agreement
            t.agreements += 1
            t.agreements_found += fact.id in found_agree
    return t, rows


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "—"


def table(results: list[tuple[Event, Tally]]) -> str:
    head = (
        "| event | split | findings (c/d/t/a) | non-agreement precision | contradiction precision "
        "| false contradictions | time-scoped precision | recall: all differences | recall: true conflicts "
        "| agreement precision (judged / strict) "
        "| agreement recall | claim agreements: precision (judged / strict) | copy edits |"
    )
    lines = [head, "|" + "---|" * 13]
    for split in ("dev", "check"):
        total = Tally()
        for ev, t in results:
            if ev.split != split:
                continue
            total.add(t)
            lines.append(_row(ev.name, split, t))
        if any(ev.split == split for ev, _ in results):
            lines.append(_row(f"**all {split}**", split, total))
    return "\n".join(lines)


def _row(name: str, split: str, t: Tally) -> str:
    kinds = ("contradiction", "discrepancy", "time_scoped")
    non = sum(t.findings[k] for k in kinds)
    non_right = sum(t.right[k] for k in kinds)
    judged_agree = t.findings["agreement"] - t.unjudged_agreements
    counts = "/".join(str(t.findings[k]) for k in (*kinds, "agreement"))
    return (
        f"| {name} | {split} | {counts} | {_ratio(non_right, non)} "
        f"| {_ratio(t.right['contradiction'], t.findings['contradiction'])} "
        f"| {t.false_contradictions} | {_ratio(t.right['time_scoped'], t.findings['time_scoped'])} "
        f"| {_ratio(t.differences_found, t.differences)} ({t.differences_found}/{t.differences}) "
        f"| {_ratio(t.conflicts_found, t.conflicts)} ({t.conflicts_found}/{t.conflicts}) "
        f"| {_ratio(t.right['agreement'], judged_agree)} / {_ratio(t.right['agreement'], t.findings['agreement'])} "
        f"| {_ratio(t.agreements_found, t.agreements)} "
        f"| {_ratio(t.right['claim_agreement'], t.findings['claim_agreement'] - t.unjudged_claims)} / "
        f"{_ratio(t.right['claim_agreement'], t.findings['claim_agreement'])} ({t.findings['claim_agreement']}) "
        f"| {t.copy_edits} |"
    )


def reliability(
    points: list[tuple[float, bool]], bins: tuple[float, ...] = (0.0, 0.3, 0.5, 0.65, 0.8, 0.9, 1.01)
) -> str:
    lines = ["| confidence | findings | right | share right |", "|---|---|---|---|"]
    for lo, hi in itertools.pairwise(bins):
        inside = [ok for c, ok in points if lo <= c < hi]
        lines.append(
            f"| {lo:.2f}–{min(hi, 1.0):.2f} | {len(inside)} | {sum(inside)} | {_ratio(sum(inside), len(inside))} |"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- runs


def _config() -> Config:
    return Config(cache_dir=ROOT / "bench" / "out" / "cache")


def run_shipped(events: list[Event]) -> list[tuple[Event, Tally]]:
    """``factcheck check`` on each event's folder, exactly as a user runs it."""
    config = _config()
    backends = load_backends(config)
    results = []
    for ev in events:
        report = check([ev.folder], config=config, backends=backends)
        paths = {a.id: a.path for a in report.articles}
        t, _ = score_event(ev, list(report.findings), paths)
        results.append((ev, t))
    return results


@dataclass
class Prepped:
    event: Event
    prepared: Prepared
    case: Case
    paths: dict[str, str]


def prep_all(events: list[Event], backends: Backends, config: Config) -> list[Prepped]:
    out = []
    for ev in events:
        articles, _ = read_all([ev.folder])
        case, p, _ = build_case(articles, backends, config)  # exactly as `check` builds it
        out.append(Prepped(ev, p, case, {a.id: a.path for a in p.articles}))
    return out


def fact_labels(pp: Prepped) -> dict[str, str]:
    """Tool fact id -> annotated fact id, by span overlap of the value with a mention's quote (of the
    overlapping quotes, one of a fitting type first, then the shortest, then the first annotated)."""
    files = {aid: _file_of(p) for aid, p in pp.paths.items()}
    out = {}
    for facts in pp.prepared.facts:
        for f in facts:
            name = files[f.article_id]
            fits = FITS.get(f.type, frozenset())
            hits = [
                (fact.type not in fits, not _same_value(m.value, f.text), m.end - m.start, n, fact.id)
                for n, fact in enumerate(pp.event.facts)
                for m in fact.mentions
                if m.file == name and _overlaps(f.span.start, f.span.end, m)
            ]
            if hits:
                out[f.id] = min(hits)[4]
    return out


def _same_value(annotated: str, text: str) -> bool:
    """Whether a tool fact's text says the annotated value: a figure of its digits, or its first word."""
    figures = re.findall(r"\d+(?:\.\d+)?", annotated.replace(",", ""))
    if figures:
        return figures[0] in re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))
    word = annotated.split()[0].lower() if annotated.split() else ""
    return bool(word) and word in text.lower()


def pair_rows(pp: Prepped) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per model family: features and labels of every cross-article fact pair of one bucket (1: same annotated fact)."""
    labels = fact_labels(pp)
    index = {c.id: i for i, c in enumerate(pp.prepared.claims)}
    cos = np.clip(pp.prepared.vectors @ pp.prepared.vectors.T, -1, 1)
    by_bucket: dict[str, list[Any]] = defaultdict(list)
    for facts in pp.prepared.facts:
        for f in facts:
            key = bucket(f)
            if key is not None:
                by_bucket[key].append(f)
    X: dict[str, list[np.ndarray]] = defaultdict(list)
    y: dict[str, list[int]] = defaultdict(list)
    for key, members in by_bucket.items():
        fam = family(key)
        rows = [index[m.claim_id] for m in members]
        i, j, x = bucket_pairs(members, cos, rows, pp.prepared.phrases, pp.prepared.contexts, years_apart=True)
        for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
            fa, fb = members[a], members[b]
            if fa.article_id == fb.article_id or not (fa.id in labels or fb.id in labels):
                continue  # same-article pairs are never trained on; of two unannotated facts nothing is known
            X[fam].append(x[k])
            y[fam].append(int(fa.id in labels and labels.get(fa.id) == labels.get(fb.id)))
    return {
        fam: (np.asarray(X[fam], dtype=np.float64).reshape(-1, len(ALIGN_FEATURES)), np.asarray(y[fam])) for fam in X
    }


def fit_aligner(data: list[dict[str, tuple[np.ndarray, np.ndarray]]], c: float = 0.3) -> AlignModel:
    """One logistic model per family, with its grouping threshold chosen on these (training) events."""
    return _fit_pairs(data, c)


def _fit_pairs(data: list[dict[str, tuple[np.ndarray, np.ndarray]]], c: float) -> AlignModel:
    from sklearn.linear_model import LogisticRegression

    fams = {}
    for fam in FAMILIES:
        parts = [d[fam] for d in data if fam in d and len(d[fam][1])]
        if not parts:
            continue
        X = np.vstack([x for x, _ in parts])
        y = np.concatenate([t for _, t in parts])
        if y.sum() < MIN_POSITIVES or y.sum() == len(y):
            continue  # too few examples to learn from: the family keeps the prior
        model = LogisticRegression(C=c, max_iter=5000)
        model.fit(X, y)
        weights = {f: float(w) for f, w in zip(ALIGN_FEATURES, model.coef_[0], strict=True)}
        weights["bias"] = float(model.intercept_[0])
        p = model.predict_proba(X)[:, 1]
        best = max((float(t) for t in np.arange(0.05, 0.7, 0.025)), key=lambda t: _f1(p >= t, y == 1))
        fams[fam] = FamilyModel(weights, round(best, 3))
    prior = AlignModel.prior()
    return AlignModel({f: fams.get(f, prior.families[f]) for f in FAMILIES})


def _f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = float(np.sum(pred & gold))
    return 2 * tp / max(1.0, float(np.sum(pred)) + float(np.sum(gold)))


def _judge(pp: Prepped, settings: JudgeSettings) -> list[Finding]:
    return cross_check(pp.case, settings)


def _settings(base: JudgeSettings, aligner: AlignModel, calibrator: Calibrator, min_confidence: float) -> JudgeSettings:
    return JudgeSettings(aligner, calibrator, min_confidence, base.same_claim, base.match_threshold, base.max_matches)


def confidence_rows(pp: Prepped, findings: list[Finding]) -> list[tuple[dict[str, float], bool]]:
    """The calibrator's features for each judged finding, with whether it was right."""
    from factcheck.judge.confidence import finding_features

    _, rows = score_event(pp.event, findings, pp.paths)
    out = []
    for row in rows:
        f: Finding = row["finding"]
        if row["ok"] is None:
            continue
        cohesion = f.alignment if f.alignment is not None else 1.0
        x = finding_features(
            f.kind, f.reason, cohesion, len({v.article_id for v in f.values}), _classes(f), _fact_type(f)
        )
        out.append((x, bool(row["ok"])))
    return out


def _fact_type(f: Finding) -> str:
    return {"number": "quantity", "date": "date", "location": "place", "participants": "people", "role": "title",
            "entity": "name"}.get(f.type or "", "claim" if f.reason == "same_claim" else "status")  # fmt: skip


def _classes(f: Finding) -> int:
    return max(1, len({v.normalized or v.value for v in f.values})) if f.kind != "agreement" else 1


def fit_calibrator(preps: list[Prepped], settings: JudgeSettings) -> Calibrator:
    """A logistic model of "this finding is right" over the findings the given settings make on ``preps``."""
    from sklearn.linear_model import LogisticRegression

    rows = []
    for pp in preps:
        rows.extend(confidence_rows(pp, _judge(pp, settings)))
    X = np.array([[x[f] for f in CONF_FEATURES] for x, _ in rows])
    y = np.array([int(ok) for _, ok in rows])
    model = LogisticRegression(C=0.3, max_iter=5000)
    model.fit(X, y)
    weights = {f: float(w) for f, w in zip(CONF_FEATURES, model.coef_[0], strict=True)}
    weights["bias"] = float(model.intercept_[0])
    return Calibrator(weights)


def with_levels(calibrator: Calibrator, points: list[tuple[float, bool]], target: float = 0.8) -> Calibrator:
    """The "high" level: the lowest confidence from which at least ``target`` of these findings are right."""
    ranked = sorted(points, key=lambda p: -p[0])
    high = 1.0
    right = 0
    for n, (conf, ok) in enumerate(ranked, 1):
        right += ok
        if right / n >= target and n >= 10:
            high = conf
    return Calibrator(calibrator.weights, round(max(high, calibrator.medium), 3), calibrator.medium)


def cross_validate(preps: list[Prepped], base: JudgeSettings) -> list[tuple[Prepped, list[Finding]]]:
    """Each dev event judged with an aligner and a calibrator fitted on the other dev events only."""
    pairs = {pp.event.name: pair_rows(pp) for pp in preps}
    out = []
    for pp in preps:
        others = [q for q in preps if q is not pp]
        aligner = fit_aligner([pairs[q.event.name] for q in others])
        calibrator = fit_calibrator(others, _settings(base, aligner, base.calibrator, 0.0))
        out.append((pp, _judge(pp, _settings(base, aligner, calibrator, base.min_confidence))))
    return out


def train(preps: list[Prepped], base: JudgeSettings, oof: list[tuple[Prepped, list[Finding]]]) -> None:
    """Fit both models on every dev event and write them to models/ (levels from the out-of-fold findings)."""
    aligner = fit_aligner([pair_rows(pp) for pp in preps])
    calibrator = fit_calibrator(preps, _settings(base, aligner, base.calibrator, 0.0))
    points = [p for pp, fs in oof for p in score_event(pp.event, fs, pp.paths)[0].reliability]
    calibrator = with_levels(calibrator, points)
    names = [pp.event.name for pp in preps]
    (MODELS / "aligner.json").write_text(aligner.dump(trained_on=names), encoding="utf-8")
    (MODELS / "confidence.json").write_text(calibrator.dump(trained_on=names), encoding="utf-8")
    print(f"\nwrote {MODELS / 'aligner.json'} and {MODELS / 'confidence.json'} (high from {calibrator.high})")


def diagnose(pp: Prepped, settings: JudgeSettings) -> None:
    """Where each annotated difference is lost: no tool fact, facts not aligned, or judged wrong."""
    from factcheck.judge import _story_groups

    labels = fact_labels(pp)
    tool_by_fact: dict[str, list[Any]] = defaultdict(list)
    for facts in pp.prepared.facts:
        for f in facts:
            if f.id in labels:
                tool_by_fact[labels[f.id]].append(f)
    groups = _story_groups(pp.case, settings)
    group_of = {f.id: n for n, g in enumerate(groups) for f in g.facts}
    findings = _judge(pp, settings)
    _, rows = score_event(pp.event, findings, pp.paths)
    print(f"\n===== {pp.event.name}")
    for fact in pp.event.facts:
        tool = tool_by_fact.get(fact.id, [])
        arts = {f.article_id for f in tool}
        ann_arts = {m.file for m in fact.mentions}
        gs = Counter(group_of.get(f.id) for f in tool)
        hit = [r for r in rows if r["fact"] == fact.id]
        verdict = ", ".join(f"{r['finding'].kind}{'+' if r['ok'] else '-'}" for r in hit) or "no finding"
        print(
            f"[{fact.label:15}] {fact.id:28} mentions {len(ann_arts)} tool-facts {len(tool)} "
            f"in {len(arts)} arts; groups {dict(gs)}; {verdict}"
        )
        for f in tool:
            print(f"      {f.article_id[:18]:18} {f.type:8} {f.text!r:30} what={f.what.text!r} g={group_of.get(f.id)}")
    wrong = [r for r in rows if r["ok"] is False or (r["ok"] is None)]
    for r in wrong:
        f = r["finding"]
        print(f"  WRONG/UNJUDGED {f.kind} {f.fact!r} -> {r['fact']} ({r['label']}): {f.explanation[:160]}")


# --------------------------------------------------------------------------- commands


def _print_results(title: str, results: list[tuple[Event, Tally]]) -> None:
    print(f"\n## {title}\n")
    print(table(results))
    for split in ("dev", "check"):
        pts = [p for ev, t in results if ev.split == split for p in t.reliability]
        if pts:
            print(f"\nReliability ({split}):\n")
            print(reliability(pts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="score", choices=["score", "cv", "train", "diagnose"])
    parser.add_argument("--event", action="append", help="diagnose: only these events")
    parser.add_argument("--found", action="store_true", help="score, cv: also list the annotated differences found")
    args = parser.parse_args(argv)
    events = load_events()
    if not events:
        print(
            f"news_bench: no article texts under {TEXTS}; rebuild them from bench/news/events "
            "(see bench/news/README.md). Skipped."
        )
        return 0
    if args.command == "diagnose":
        config = _config()
        backends = load_backends(config)
        chosen = [e for e in events if e.split == "dev" and (not args.event or e.name in args.event)]
        for pp in prep_all(chosen, backends, config):
            diagnose(pp, judge_settings(config))
        return 0
    if args.command == "score":
        shipped = run_shipped(events)
        _print_results("Shipped models (`factcheck check` on each event)", shipped)
        if args.found:
            print("\nFound:", *sorted(x for _, t in shipped for x in t.found), sep="\n- ")
        return 0
    config = _config()
    backends = load_backends(config)
    base = judge_settings(config)
    dev = [e for e in events if e.split == "dev"]
    preps = prep_all(dev, backends, config)
    oof = cross_validate(preps, base)
    results = [(pp.event, score_event(pp.event, fs, pp.paths)[0]) for pp, fs in oof]
    _print_results("Dev events, each judged by models fitted on the other dev events", results)
    if args.found:
        print("\nFound:", *sorted(x for _, t in results for x in t.found), sep="\n- ")
    if args.command == "train":
        train(preps, base, oof)
    return 0


if __name__ == "__main__":
    sys.exit(main())
