"""Measure cross-source clustering on ECB+ and the "same claim" cut-off on MRPC.

Development figures only (``/work/shared/data``); only ``train``'s model ships.

Modes (run from the repository root, ``HF_HUB_OFFLINE=1``):

* ``cv`` (the default, no mode given): 5-fold cross-validation by topic over
  all ECB+ dev topics; the learned models beside TF-IDF and MiniLM average
  linkage baselines, every threshold chosen on the training folds
  (``cluster_cv.py``; preparation cached in ``bench/out/cv-v2/``).
* ``train``: fit the shipped ``models/cluster.json`` on all topics (deterministic).
* ``guards``: readability guards and graph clusterings of the learned model through the
  same CV folds (``guard_cv.py``; ``--set 1`` or ``2``).
* ``sweep``: one claim per sentence, MiniLM vectors (cached). Thresholds and
  variants are chosen by pairwise F1 on the ECB+ *train* topics, then the
  chosen setting is reported on the usual *dev* topics (2 5 12 18 21 23 34 35).
* ``eval``: train and dev scores at fixed settings.
* ``fit``: fit the anchor weights (logistic regression on train-topic pairs).
* ``mrpc``: accuracy of ``cosine >= t`` with ``t`` chosen on mrpc_train.
* ``pipeline``: run ``factcheck check --format json`` on each dev topic's
  documents written as .txt files, map claims back to sentences by span.

Scores are over the annotated sentences of each topic, cross-document pairs
only: a pair is gold-positive when the two sentences share a gold event chain,
predicted-positive when some claim of one shares a cluster with some claim of
the other. B-cubed uses the same relations (each sentence's predicted and
gold partner sets, itself included).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import pickle
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from factcheck import embed
from factcheck.cluster import (
    ANCHOR_WEIGHTS,
    FEATURES,
    ClaimAnchors,
    anchor_features,
    anchors_for,
    cluster_claims,
    group_stories,
)
from factcheck.config import Config
from factcheck.schema import Article, Claim, ClaimCluster, Span

DATA = Path("/work/shared/data")
ECB = DATA / "ecbplus_dev"
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
DEFAULTS = Config()

Key = tuple[str, int]  # (doc_id, sent_id)


def detok(text: str) -> str:
    """Undo the ECB+ parse's tokenisation ("Reid 's rep ." -> "Reid's rep.") so text reads like news."""
    t = re.sub(r"\s+([,.;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b|'m\b|'')", r"\1", text)
    t = re.sub(r"([(\[{$]|``)\s+", r"\1", t)
    return t.replace("``", '"').replace("''", '"').strip()


@dataclass
class Topic:
    """One ECB+ topic as the pipeline would see it: articles, one claim per sentence."""

    number: int
    articles: list[Article]
    claims: list[Claim]
    sentence_of: list[Key]  # claim index -> sentence
    subtopic: dict[str, str]  # doc_id -> gold subtopic
    annotated: list[Key]
    chains: dict[Key, set[str]] = field(default_factory=dict)
    published: dict[str, str] = field(default_factory=dict)  # doc_id -> date_publish, where known


def load_topics() -> list[Topic]:
    """Read docs and gold cross-document chains; text is detokenised, one sentence per line."""
    chains: dict[Key, set[str]] = defaultdict(set)
    with (ECB / "event_clusters_crossdoc.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            for m in row["members"]:
                chains[(m["doc_id"], m["sent_id"])].add(row["coref_chain"])
    topics: dict[int, Topic] = {}
    with (ECB / "docs.jsonl").open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            topic = topics.setdefault(doc["topic"], Topic(doc["topic"], [], [], [], {}, []))
            text, spans = "", []
            for sent in doc["sentences"]:
                s = detok(sent["text"])
                spans.append((len(text), len(text) + len(s), sent))
                text += s + "\n"
            topic.articles.append(Article(id=doc["doc_id"], path=f"{doc['doc_id']}.txt", text=text))
            topic.subtopic[doc["doc_id"]] = doc["subtopic"]
            if doc.get("date_publish"):
                topic.published[doc["doc_id"]] = str(doc["date_publish"])[:10]
            for start, end, sent in spans:
                key = (doc["doc_id"], sent["sent_id"])
                if start == end:
                    continue
                topic.claims.append(
                    Claim(
                        id=f"{doc['doc_id']}#{sent['sent_id']}",
                        article_id=doc["doc_id"],
                        text=text[start:end],
                        span=Span(start=start, end=end),
                    )
                )
                topic.sentence_of.append(key)
                if sent["annotated"]:
                    topic.annotated.append(key)
                    topic.chains[key] = chains.get(key, set())
    return [topics[k] for k in sorted(topics)]


# --------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    """Pairwise and B-cubed tallies, summed over topics (micro average)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    b3_p: float = 0.0
    b3_r: float = 0.0
    n: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.b3_p += other.b3_p
        self.b3_r += other.b3_r
        self.n += other.n

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        bp, br = (self.b3_p / self.n, self.b3_r / self.n) if self.n else (0.0, 0.0)
        return {
            "P": p,
            "R": r,
            "F1": 2 * p * r / (p + r) if p + r else 0.0,
            "B3_P": bp,
            "B3_R": br,
            "B3_F1": 2 * bp * br / (bp + br) if bp + br else 0.0,
        }


def score(topic: Topic, claim_clusters: Iterable[Iterable[Key]]) -> Counts:
    """Score predicted groups of sentences (a sentence may sit in several) against gold chains."""
    annotated = set(topic.annotated)
    partners: dict[Key, set[Key]] = defaultdict(set)
    for group in claim_clusters:
        inside = {k for k in group if k in annotated}
        for a, b in itertools.permutations(inside, 2):
            if a[0] != b[0]:
                partners[a].add(b)
    counts = Counts()
    keys = sorted(annotated)
    for a, b in itertools.combinations(keys, 2):
        if a[0] == b[0]:
            continue
        gold = bool(topic.chains[a] & topic.chains[b])
        pred = b in partners[a]
        counts.tp += gold and pred
        counts.fp += pred and not gold
        counts.fn += gold and not pred
    for a in keys:
        gold_set = {b for b in keys if b[0] != a[0] and topic.chains[a] & topic.chains[b]} | {a}
        pred_set = partners[a] | {a}
        both = len(gold_set & pred_set)
        counts.b3_p += both / len(pred_set)
        counts.b3_r += both / len(gold_set)
        counts.n += 1
    return counts


# --------------------------------------------------------------------------- direct mode


def embedder() -> embed.Embedder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return embed.CachedEmbedder(embed.SentenceTransformerEmbedder(), Path(".factcheck_cache"))


@dataclass
class Prepared:
    topic: Topic
    vectors: embed.Vectors
    anchors: list[ClaimAnchors]


def prepare(topics: Sequence[Topic], nlp_anchors: bool = False) -> list[Prepared]:
    emb = embedder()
    nlp = None
    if nlp_anchors:
        from factcheck.nlp import load_spacy

        nlp = load_spacy()
    out = []
    for t in topics:
        texts = [c.text for c in t.claims]
        out.append(Prepared(t, emb.encode(texts), anchors_for(texts, nlp)))
    return out


def run_topic(
    p: Prepared,
    story_t: float | None,
    cluster_t: float,
    weights: dict[str, float],
    cap: int | None,
    linkage: str = "average",
) -> tuple[Counts, dict[str, str]]:
    """Cluster one topic; ``story_t`` None puts every article in one story."""
    t = p.topic
    if story_t is None:
        stories = {a.id: "story-1" for a in t.articles}
    else:
        stories = group_stories(t.articles, t.claims, p.vectors, story_t, p.anchors)
    clusters = cluster_claims(
        t.claims, p.vectors, stories, cluster_t, p.anchors, linkage=linkage, max_per_article=cap, weights=weights
    )
    index = {c.id: i for i, c in enumerate(t.claims)}
    groups = [[t.sentence_of[index[cid]] for cid in c.claim_ids] for c in clusters]
    return score(t, groups), stories


def evaluate(
    prepared: Sequence[Prepared],
    story_t: float | None,
    cluster_t: float,
    weights: dict[str, float],
    cap: int | None,
    linkage: str = "average",
) -> dict[str, float]:
    total = Counts()
    for p in prepared:
        counts, _ = run_topic(p, story_t, cluster_t, weights, cap, linkage)
        total.add(counts)
    return total.scores()


def story_quality(prepared: Sequence[Prepared], story_t: float) -> dict[str, float]:
    """Adjusted Rand index of article stories against gold subtopics (mean over topics)."""
    from sklearn.metrics import adjusted_rand_score

    aris, counts = [], []
    for p in prepared:
        stories = group_stories(p.topic.articles, p.topic.claims, p.vectors, story_t, p.anchors)
        ids = [a.id for a in p.topic.articles]
        aris.append(adjusted_rand_score([p.topic.subtopic[i] for i in ids], [stories[i] for i in ids]))
        counts.append(len(set(stories.values())))
    return {"ARI": float(np.mean(aris)), "stories_per_topic": float(np.mean(counts))}


def fmt(scores: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.3f}" for k, v in scores.items())


def cmd_fit(args: argparse.Namespace) -> None:
    """Logistic regression of "shares a gold chain" on cosine + anchor features, train topics."""
    from sklearn.linear_model import LogisticRegression

    topics = [t for t in load_topics() if t.number not in DEV_TOPICS]
    prepared = prepare(topics, args.spacy)
    xs, ys = [], []
    for p in prepared:
        t = p.topic
        sim = p.vectors.astype(np.float64) @ p.vectors.T.astype(np.float64)
        feats = anchor_features(p.anchors)
        pos = {k: i for i, k in enumerate(t.sentence_of)}
        ann = [pos[k] for k in t.annotated]
        for i, j in itertools.combinations(ann, 2):
            a, b = t.sentence_of[i], t.sentence_of[j]
            if a[0] == b[0] or (args.within and t.subtopic[a[0]] != t.subtopic[b[0]]):
                continue
            xs.append([sim[i, j], *(feats[f][i, j] for f in FEATURES)])
            ys.append(int(bool(t.chains[a] & t.chains[b])))
    x, y = np.array(xs), np.array(ys)
    model = LogisticRegression(max_iter=1000).fit(x, y)
    coef = model.coef_[0]
    print(f"pairs={len(y)} positive={y.mean():.3f}")
    print(f"cosine coef={coef[0]:.3f} intercept={model.intercept_[0]:.3f}")
    print(
        "weights in cosine units:", {f: round(float(c / coef[0]), 3) for f, c in zip(FEATURES, coef[1:], strict=True)}
    )


def cmd_sweep(args: argparse.Namespace) -> None:
    topics = load_topics()
    t0 = time.time()
    prepared = prepare(topics, args.spacy)
    print(f"prepared {sum(len(p.topic.claims) for p in prepared)} claims in {time.time() - t0:.0f}s", flush=True)
    train = [p for p in prepared if p.topic.number not in DEV_TOPICS]
    dev = [p for p in prepared if p.topic.number in DEV_TOPICS]

    print("\n## story grouping (ARI vs gold subtopics)")
    for st in args.story:
        q_train, q_dev = story_quality(train, st), story_quality(dev, st)
        print(f"story_t={st:.2f} train {fmt(q_train)} | dev {fmt(q_dev)}", flush=True)
    print("\n## claim clustering: story and cluster thresholds chosen on train pairwise F1, then dev")

    zero = {f: 0.0 for f in FEATURES}
    results = []
    for anchored, cap in itertools.product((False, True), args.caps):
        weights = dict(ANCHOR_WEIGHTS) if anchored else zero
        cap_v = None if cap == 0 else cap
        best: tuple[float, float | None, float, dict[str, float]] | None = None
        for st, ct in itertools.product([None, *args.story_grid], args.cluster):
            s = evaluate(train, st, ct, weights, cap_v, args.linkage)
            if best is None or s["F1"] > best[0]:
                best = (s["F1"], st, ct, s)
        assert best is not None
        _, st, ct, s_train = best
        s_dev = evaluate(dev, st, ct, weights, cap_v, args.linkage)
        name = f"{'cosine+anchors' if anchored else 'cosine'}, max_per_article={cap_v}"
        print(f"{name}: story_t={st} cluster_t={ct:.2f}\n  train {fmt(s_train)}\n  dev   {fmt(s_dev)}", flush=True)
        results.append({"variant": name, "story_t": st, "cluster_t": ct, "train": s_train, "dev": s_dev})
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1), encoding="utf-8")


def cmd_eval(args: argparse.Namespace) -> None:
    """Train and dev scores at fixed settings (no tuning)."""
    prepared = prepare(load_topics(), args.spacy)
    weights = {f: 0.0 for f in FEATURES} if args.cosine else dict(ANCHOR_WEIGHTS)
    cap = None if args.cap == 0 else args.cap
    for part, chosen in (("train", False), ("dev", True)):
        subset = [p for p in prepared if (p.topic.number in DEV_TOPICS) == chosen]
        for ct in args.cluster:
            print(f"{part} story_t={args.story} cluster_t={ct} {fmt(evaluate(subset, args.story, ct, weights, cap))}")


# --------------------------------------------------------------------------- MRPC


def read_mrpc(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [r[3] for r in rows], [r[4] for r in rows], np.array([int(r[0]) for r in rows])


def cmd_mrpc(args: argparse.Namespace) -> None:
    from factcheck.cluster import claim_similarity

    emb = embedder()
    results = {}
    for split in ("train", "test"):
        a, b, y = read_mrpc(DATA / f"mrpc_{split}.tsv")
        va, vb = emb.encode(a), emb.encode(b)
        cos = np.sum(va.astype(np.float64) * vb, axis=1)
        adjusted = np.array(
            [claim_similarity(np.stack([va[i], vb[i]]), anchors_for([a[i], b[i]]))[0, 1] for i in range(len(a))]
        )
        results[split] = (cos, adjusted, y)

    def best_threshold(s: np.ndarray, y: np.ndarray) -> float:
        grid = np.round(np.arange(0.30, 1.0, 0.01), 2)
        return float(max(grid, key=lambda t: (np.mean((s >= t) == y), -t)))

    for name, col in (("cosine", 0), ("cosine + anchors", 1)):
        t = best_threshold(results["train"][col], results["train"][2])
        s_test, y_test = results["test"][col], results["test"][2]
        acc = np.mean((s_test >= t) == y_test)
        pred = s_test >= t
        p = np.mean(y_test[pred]) if pred.any() else 0.0
        r = np.mean(pred[y_test == 1])
        print(
            f"{name}: threshold {t:.2f} (train acc {np.mean((results['train'][col] >= t) == results['train'][2]):.3f})"
            f" -> test acc {acc:.3f} P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f}"
            f" (majority {np.mean(y_test):.3f})"
        )


# --------------------------------------------------------------------------- through the pipeline

# Bump the suffix when ClaimAnchors or segmentation change: cached anchors are pickled models.
PIPE_CACHE = Path("bench/out/pipe-v3")


@dataclass
class PipeTopic:
    """One topic after the pipeline's own ingest, segment, slots and embed (as ``check`` runs them)."""

    topic: Topic
    articles: list[Article]
    claims: list[Claim]
    vectors: embed.Vectors
    anchors: list[ClaimAnchors]
    sentences: list[list[Key]]  # claim index -> the sentences its span overlaps
    removed: dict[Key, list[str]]  # annotated sentence -> reasons it was removed (ingest/segment)


def write_topic(t: Topic, folder: Path, dated: bool) -> dict[str, list[tuple[int, int, Key]]]:
    """Write each document as a file (``.md`` with a ``date:`` front matter when ``dated`` and known).

    Returns ``article stem -> [(start, end, sentence)]`` in file offsets.
    """
    spans: dict[str, list[tuple[int, int, Key]]] = defaultdict(list)
    for c, key in zip(t.claims, t.sentence_of, strict=True):
        spans[c.article_id].append((c.span.start, c.span.end, key))
    for a in t.articles:
        day = t.published.get(a.id) if dated else None
        if day:
            head = f"---\ndate: {day}\n---\n"
            (folder / f"{a.id}.md").write_text(head + a.text, encoding="utf-8")
            spans[a.id] = [(s + len(head), e + len(head), k) for s, e, k in spans[a.id]]
        else:
            (folder / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
    return spans


def sentences_of(claim: Claim, spans: Sequence[tuple[int, int, Key]]) -> list[Key]:
    """Sentences a claim's span overlaps (a claim may run over two lines, a line may give several claims)."""
    s, e = claim.span.start, claim.span.end
    return [k for a, b, k in spans if a < e and s < b]


def headline_claims(
    articles: Sequence[Article], claims: Sequence[Claim], spans: dict[str, list[tuple[int, int, Key]]]
) -> list[Claim]:
    """What-if: the lines ingest kept out as a title or a subheading, as claims of their own."""
    out = []
    for a in articles:
        stem = Path(a.path).stem
        taken = [(c.span.start, c.span.end) for c in claims if c.article_id == a.id]
        kept_out = [(r.span.start, r.span.end) for r in a.removed if r.reason == "caption or subheading"]
        kept_out += [(b.span.start, b.span.end) for b in a.blocks if b.kind == "title"]
        for s, e, key in spans[stem]:
            if any(x < e and s < y for x, y in taken) or not any(x < e and s < y for x, y in kept_out):
                continue
            text = a.text[s:e].strip()
            if text:
                out.append(Claim(id=f"{a.id}-h{key[1]}", article_id=a.id, text=text, span=Span(start=s, end=e)))
    return out


def pipe_prepare(topics: Sequence[Topic], dated: bool, fresh: bool = False, headlines: bool = False) -> list[PipeTopic]:
    """Run ingest -> segment -> slots -> embed exactly as ``pipeline.check`` does; cached per topic.

    ``headlines`` is a what-if, not the pipeline: lines that became no claim
    because ingest took them for a title or a subheading are added as claims.
    """
    from factcheck import pipeline
    from factcheck.config import Config
    from factcheck.ingest import read_all

    PIPE_CACHE.mkdir(parents=True, exist_ok=True)
    backends = None
    out = []
    for t in topics:
        cache = PIPE_CACHE / f"{t.number}{'-dated' if dated else ''}{'-headlines' if headlines else ''}.pkl"
        if cache.exists() and not fresh:
            out.append(PipeTopic(topic=t, **pickle.loads(cache.read_bytes())))
            continue
        if backends is None:
            backends = pipeline.load_backends(Config(cache_dir=Path(".factcheck_cache").resolve()))
        with tempfile.TemporaryDirectory() as tmp:
            spans = write_topic(t, Path(tmp), dated)
            articles, _ = read_all([Path(tmp)])
            prepared = pipeline.prepare(articles, backends)
        claims = list(prepared.claims)
        vectors = prepared.vectors
        if headlines:
            extra = headline_claims(prepared.articles, claims, spans)
            claims += extra
            vectors = np.vstack([vectors, backends.embedder.encode([c.text for c in extra])]) if extra else vectors
        anchors = anchors_for([c.text for c in claims], backends.nlp)
        removed: dict[Key, list[str]] = defaultdict(list)
        for a in prepared.articles:
            for r in a.removed:
                for s, e, k in spans[Path(a.path).stem]:
                    if s < r.span.end and r.span.start < e:
                        removed[k].append(r.reason)
        stem = {a.id: Path(a.path).stem for a in prepared.articles}
        pt = PipeTopic(
            t,
            prepared.articles,
            claims,
            vectors,
            anchors,
            [sentences_of(c, spans[stem[c.article_id]]) for c in claims],
            dict(removed),
        )
        cache.write_bytes(pickle.dumps({k: v for k, v in vars(pt).items() if k != "topic"}))
        out.append(pt)
        print(f"prepared topic {t.number}: {len(pt.claims)} claims", flush=True)
    return out


def pipe_groups(pt: PipeTopic, clusters: Sequence[ClaimCluster]) -> list[list[Key]]:
    """Clusters as groups of sentences (each claim contributes every sentence it overlaps)."""
    index = {c.id: i for i, c in enumerate(pt.claims)}
    return [[k for cid in cl.claim_ids for k in pt.sentences[index[cid]]] for cl in clusters]


def pipe_run(
    pt: PipeTopic,
    story_t: float | None,
    cluster_t: float,
    cap: int | None,
    *,
    penalty: float | None = DEFAULTS.story_penalty,
    related_t: float = DEFAULTS.related_threshold,
    **kwargs: object,
) -> tuple[Counts, dict[str, str], list[ClaimCluster]]:
    """Stories and clusters for one prepared topic, as ``check`` computes them, scored."""
    families = None
    if story_t is None:
        stories = {a.id: "story-1" for a in pt.articles}
    else:
        stories = group_stories(pt.articles, pt.claims, pt.vectors, story_t, anchors=pt.anchors)
        if penalty is not None:
            families = group_stories(pt.articles, pt.claims, pt.vectors, related_t, anchors=pt.anchors)
    clusters = cluster_claims(
        pt.claims,
        pt.vectors,
        stories,
        cluster_t,
        anchors=pt.anchors,
        max_per_article=cap,
        families=families,
        story_penalty=penalty,
        **kwargs,  # type: ignore[arg-type]
    )
    return score(pt.topic, pipe_groups(pt, clusters)), stories, clusters


def cmd_diagnose(args: argparse.Namespace) -> None:
    """Why the pipeline scores below one-claim-per-sentence: lost, split and scattered sentences."""
    from sklearn.metrics import adjusted_rand_score

    topics = [t for t in load_topics() if t.number in (args.topics or DEV_TOPICS)]
    pts = pipe_prepare(topics, args.dated)
    tot: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for pt in pts:
        t = pt.topic
        ann = set(t.annotated)
        gold_linked = {k for k in ann if any(t.chains[k] & t.chains[o] for o in ann if o[0] != k[0])}
        claims_of: dict[Key, list[int]] = defaultdict(list)
        for i, keys in enumerate(pt.sentences):
            for k in keys:
                claims_of[k].append(i)
        lost = [k for k in ann if not claims_of.get(k)]
        tot["annotated"] += len(ann)
        tot["gold_linked"] += len(gold_linked)
        tot["no_claim"] += len(lost)
        tot["no_claim_linked"] += sum(k in gold_linked for k in lost)
        tot["no_claim_sent0"] += sum(k[1] == 0 for k in lost)
        for k in lost:
            reasons[",".join(sorted(set(pt.removed.get(k, [])))) or ("sentence 0 (title?)" if k[1] == 0 else "?")] += 1
        tot["multi_claim"] += sum(len(claims_of.get(k, [])) > 1 for k in ann)
        tot["claims"] += len(pt.claims)
        tot["sentences"] += len(t.claims)
        tot["claims_multi_sentence"] += sum(len(s) > 1 for s in pt.sentences)
        for story_t in (args.story,):
            counts, stories, clusters = pipe_run(pt, story_t, args.cluster, args.cap or None)
            ids = [a.id for a in pt.articles]
            stem = {a.id: Path(a.path).stem for a in pt.articles}
            ari = adjusted_rand_score([t.subtopic[stem[i]] for i in ids], [stories[i] for i in ids])
            cl_of = {cid: n for n, cl in enumerate(clusters) for cid in cl.claim_ids}
            scattered = sum(len({cl_of[pt.claims[i].id] for i in claims_of.get(k, [])}) > 1 for k in ann)
            tot["scattered"] += scattered
            print(
                f"topic {t.number}: docs={len(ids)} claims={len(pt.claims)} clusters={len(clusters)}"
                f" stories={len(set(stories.values()))} ARI={ari:.2f} lost={len(lost)} {fmt(counts.scores())}",
                flush=True,
            )
    print(dict(tot))
    print("why annotated sentences have no claim:", dict(reasons.most_common()))


def cmd_ptune(args: argparse.Namespace) -> None:
    """Choose settings on train topics through the pipeline's own claims; report dev."""
    topics = load_topics()
    pts = pipe_prepare(topics, args.dated, headlines=args.headlines)
    train = [p for p in pts if p.topic.number not in DEV_TOPICS]
    dev = [p for p in pts if p.topic.number in DEV_TOPICS]
    extra = json.loads(args.extra) if args.extra else {}

    def total(
        part: Sequence[PipeTopic], st: float | None, ct: float, cap: int | None, pen: float | None
    ) -> dict[str, float]:
        c = Counts()
        for pt in part:
            c.add(pipe_run(pt, st, ct, cap, penalty=pen, related_t=args.related, **extra)[0])
        return c.scores()

    best: tuple[float, float | None, float, int | None, float | None, dict[str, float]] | None = None
    for st, ct, cap, pen in itertools.product(
        [None if s < 0 else s for s in args.story],
        args.cluster,
        [None if c == 0 else c for c in args.caps],
        [None if p < 0 else p for p in args.penalty],
    ):
        s = total(train, st, ct, cap, pen)
        print(f"train story_t={st} cluster_t={ct} cap={cap} penalty={pen} {fmt(s)}", flush=True)
        if best is None or s["F1"] > best[0]:
            best = (s["F1"], st, ct, cap, pen, s)
    assert best is not None
    _, st, ct, cap, pen, s_train = best
    print(
        f"chosen on train: story_t={st} cluster_t={ct} cap={cap} penalty={pen} related_t={args.related}"
        f" extra={extra}\n  train {fmt(s_train)}"
    )
    if not args.no_dev:
        print(f"  dev   {fmt(total(dev, st, ct, cap, pen))}")


# --------------------------------------------------------------------------- pipeline mode


def cmd_pipeline(args: argparse.Namespace) -> None:
    """Run ``pipeline.check`` (the code path of ``factcheck check``) on each topic; map claims to sentences."""
    from factcheck import pipeline
    from factcheck.config import Config

    topics = [t for t in load_topics() if t.number in (args.topics or DEV_TOPICS)]
    overrides = {k.replace("-", "_"): json.loads(v) for k, v in (kv.split("=", 1) for kv in args.setting or [])}
    config = Config(cache_dir=Path(".factcheck_cache").resolve()).model_copy(update=overrides)
    backends = pipeline.load_backends(config)
    total = Counts()
    for t in topics:
        with tempfile.TemporaryDirectory() as tmp:
            spans = write_topic(t, Path(tmp), args.dated)
            started = time.time()
            report = pipeline.check([Path(tmp)], config=config, backends=backends)
        stem = {a.id: Path(a.path).stem for a in report.articles}
        keys = {c.id: sentences_of(c, spans[stem[c.article_id]]) for c in report.claims}
        groups = [[k for cid in cl.claim_ids for k in keys[cid]] for cl in report.clusters]
        counts = score(t, groups)
        total.add(counts)
        print(
            f"topic {t.number}: {len(report.claims)} claims, {len(report.clusters)} clusters,"
            f" {time.time() - started:.0f}s  {fmt(counts.scores())}",
            flush=True,
        )
    print("settings:", {k: v for k, v in report.settings.items() if "threshold" in k or "article" in k})
    print("total:", fmt(total.scores()))


def cmd_cv(args: argparse.Namespace) -> None:
    """Five folds by topic over all dev topics: learned model, TF-IDF and MiniLM baselines (``cluster_cv``)."""
    import cluster_cv

    started = time.time()
    data = cluster_cv.load_all(fresh=args.fresh)
    print(f"{len(data)} topics prepared and featurised ({time.time() - started:.0f}s)", flush=True)
    results = cluster_cv.cv(data, log=lambda line: print(line, flush=True))
    print(cluster_cv.table(results))
    cluster_cv.save_results(results, Path(args.out))
    print(f"wall {time.time() - started:.0f}s; per-fold results in {args.out}")


def cmd_guards(args: argparse.Namespace) -> None:
    """Readability guards and graph clusterings of the learned model through the CV folds (``guard_cv``)."""
    import cluster_cv
    import guard_cv

    started = time.time()
    data = cluster_cv.load_all()
    results = guard_cv.run(data, args.set, log=lambda line: print(line, flush=True))
    print(guard_cv.table(results))
    guard_cv.save(results, Path(args.out))
    print(f"wall {time.time() - started:.0f}s; per-fold results in {args.out}")


def cmd_train(args: argparse.Namespace) -> None:
    """The shipped model: both steps fitted on all topics, thresholds chosen on out-of-fold probabilities."""
    import cluster_cv

    started = time.time()
    data = cluster_cv.load_all()
    folds = cluster_cv.folds_of(data)
    model = cluster_cv.train_model(data, folds, log=lambda line: print(line, flush=True))
    topics = " ".join(str(d.topic.number) for d in sorted(data, key=lambda d: d.topic.number))
    model = model.model_copy(update={"trained_on": f"ECB+ topics {topics} (bench/cluster_bench.py train)"})
    model.save(Path(args.out))
    print(f"wrote {args.out} ({time.time() - started:.0f}s)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode")
    cvp = sub.add_parser("cv", help="default: 5-fold cross-validation by topic, learned model beside baselines")
    cvp.add_argument("--fresh", action="store_true", help="re-run the pipeline's preparation (ignore the cache)")
    cvp.add_argument("--out", default="bench/out/cv_results.json")
    gd = sub.add_parser("guards", help="readability guards and graph clusterings through the same CV folds")
    gd.add_argument("--out", default="bench/out/guards.json")
    gd.add_argument("--set", type=int, default=1, help="which set of variants (guard_cv.VARIANT_SETS)")
    tr = sub.add_parser("train", help="train the shipped clustering model on all topics (models/cluster.json)")
    tr.add_argument("--out", default="models/cluster.json")
    sweep = sub.add_parser("sweep")
    sweep.add_argument("--story", type=float, nargs="+", default=[0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40])
    sweep.add_argument("--cluster", type=float, nargs="+", default=[0.35, 0.40, 0.45, 0.50, 0.55])
    sweep.add_argument("--story-grid", type=float, nargs="*", default=[0.25, 0.30])
    sweep.add_argument("--caps", type=int, nargs="+", default=[1, 2, 0], help="max claims per article (0: none)")
    sweep.add_argument("--out", help="write the chosen settings and scores as JSON")
    sweep.add_argument("--linkage", default="average")
    sweep.add_argument("--spacy", action="store_true", help="anchors from spaCy entities instead of regex")
    fit = sub.add_parser("fit")
    fit.add_argument("--spacy", action="store_true")
    fit.add_argument("--within", action="store_true", help="only pairs within one gold subtopic")
    ev = sub.add_parser("eval")
    ev.add_argument("--story", type=float, default=None, help="story threshold (default: one story)")
    ev.add_argument("--cluster", type=float, nargs="+", required=True)
    ev.add_argument("--cap", type=int, default=1, help="max claims per article (0: none)")
    ev.add_argument("--cosine", action="store_true", help="plain cosine, no anchor weights")
    ev.add_argument("--spacy", action="store_true")
    sub.add_parser("mrpc")
    pipe = sub.add_parser("pipeline")
    pipe.add_argument("--topics", type=int, nargs="*")
    pipe.add_argument("--setting", nargs="*", help="Config overrides as JSON values, e.g. cluster-threshold=0.5")
    pipe.add_argument("--dated", action="store_true")
    diag = sub.add_parser("diagnose")
    diag.add_argument("--topics", type=int, nargs="*")
    diag.add_argument("--story", type=float, default=0.30)
    diag.add_argument("--cluster", type=float, default=0.40)
    diag.add_argument("--cap", type=int, default=1)
    diag.add_argument("--dated", action="store_true", help="give documents their date_publish as front matter")
    pt = sub.add_parser("ptune")
    pt.add_argument("--story", type=float, nargs="+", default=[0.30], help="-1: one story")
    pt.add_argument("--cluster", type=float, nargs="+", default=[0.30, 0.35, 0.40])
    pt.add_argument("--caps", type=int, nargs="+", default=[1, 2, 0])
    pt.add_argument(
        "--penalty", type=float, nargs="+", default=[DEFAULTS.story_penalty or -1], help="story penalty (-1: none)"
    )
    pt.add_argument("--related", type=float, default=DEFAULTS.related_threshold, help="related-stories threshold")
    pt.add_argument("--extra", help="JSON of extra cluster_claims keywords")
    pt.add_argument("--dated", action="store_true")
    pt.add_argument("--no-dev", action="store_true")
    pt.add_argument("--headlines", action="store_true", help="what-if: titles and subheadings as claims")
    args = parser.parse_args(argv)
    if args.mode is None:
        args = parser.parse_args(["cv", *(argv or [])])
    handlers: dict[str, Callable[[argparse.Namespace], None]] = {
        "sweep": cmd_sweep,
        "fit": cmd_fit,
        "eval": cmd_eval,
        "mrpc": cmd_mrpc,
        "pipeline": cmd_pipeline,
        "diagnose": cmd_diagnose,
        "ptune": cmd_ptune,
        "cv": cmd_cv,
        "train": cmd_train,
        "guards": cmd_guards,
    }
    handlers[args.mode](args)


if __name__ == "__main__":
    main()
