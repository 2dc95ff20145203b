"""Cross-source alignment: which claims of different articles are about the same thing.

A contradiction can only be found between two claims put side by side, so this
stage fails in two ways: it merges claims about two different events of the
same kind (two earthquakes), or it keeps apart two reports of one fact worded
differently. Plain embedding cosine is topic similarity, which does the first;
exact wording does the second. So the similarity used here is the embedding
cosine *adjusted by anchors*, what a claim carries beside its wording:

* who (people, organisations), where (places), when (years, months, weekdays)
  and numbers, extracted cheaply (:func:`anchors_for`), and with spaCy the
  claim's content verbs (what happened: "captured", "struck"), so two claims
  reporting the same kind of action are pulled together;
* the article a claim comes from: no article holds more than ``max_article_share``
  of a multi-source cluster (and optionally at most ``max_per_article`` claims),
  and a group of one article's claims is split up, so one article cannot pile
  into a cluster. A hard one-claim cap is not the default: an article states
  its main event in several sentences, and the pipeline only compares claims of
  different articles anyway;
* restatements: a claim the linkage left alone joins its closest claim of
  another article when their cosine reaches :data:`SAME_CLAIM` (the MRPC
  "same claim" cut-off);
* the story its article belongs to (:func:`group_stories`): when the inputs
  cover several unrelated stories, claims of different stories never meet.
  Two *related* stories (two events of one kind, or one story the grouping
  split) form a family: their claims may meet, but a pair across the story
  line counts ``story_penalty`` less, so only close restatements cross it;
* size: no cluster grows past :data:`MAX_CLUSTER_SHARE` of the input's claims
  (:func:`_agglomerate_guarded`), so the threshold can be low enough to join
  restatements worded far apart without one cluster swallowing the story.

How a disagreement weighs is a decision, not a fit: a shared name or place pulls
two claims together; different years or months push them apart *only when
nothing else ties them* (no shared who or where), because a different date on
the same people and place is a contradiction to report, not another event.
Different numbers never push claims apart: they are exactly what the comparator
is for. The weights in :data:`ANCHOR_WEIGHTS` were fitted as a logistic
regression on ECB+ training topics and rescaled to cosine units, so the cluster
threshold stays a (adjusted) cosine (see ``bench/RESULTS_cluster.md``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict

from factcheck.schema import Article, Claim, ClaimCluster, Member

if TYPE_CHECKING:
    from spacy.language import Language

    from factcheck.embed import Vectors

__all__ = [
    "ANCHOR_WEIGHTS",
    "MAX_CLUSTER_SHARE",
    "MIN_CLUSTER_CAP",
    "SAME_CLAIM",
    "ClaimAnchors",
    "anchor_features",
    "anchors_for",
    "claim_similarity",
    "cluster_claims",
    "group_stories",
]

FloatMatrix = NDArray[np.float64]

#: Distance given to pairs that must never merge (other story, same article).
_FAR = 4.0
#: Cosine at which two claims say the same thing (chosen on MRPC train by accuracy,
#: see ``bench/RESULTS_cluster.md``): a claim left alone by the linkage joins the
#: cluster of its closest claim of another article when they are this close.
SAME_CLAIM = 0.68
#: Most share of all the input's claims one cluster may hold (never below
#: :data:`MIN_CLUSTER_CAP` claims). A product decision, not a fit: a cluster the
#: size of a story sets every background sentence beside the main event, and
#: the comparator then judges unrelated pairs. With this guard the linkage may
#: run to a low threshold (restatements worded apart still meet) and stops
#: growing a cluster at the cap instead (see ``bench/RESULTS_cluster.md``).
MAX_CLUSTER_SHARE = 0.2
#: Floor of the cluster-size guard, so a small input (two or three short articles)
#: still gets whole clusters: a few claims per source about its main event.
MIN_CLUSTER_CAP = 6
#: Weight of shared names and years in article similarity (the rest: words and meaning).
SPECIFIC_SHARE = 0.7
#: Whether name and event matches between claims are weighted by rarity across the input's articles.
RARITY = False


class ClaimAnchors(BaseModel):
    """What a claim carries beside its embedding, normalised for set comparison.

    ``who`` and ``where`` hold lowercased names; ``when`` holds typed date parts
    (``y:2008``, ``m:jan``, ``d:5``, ``w:tue``) so that a year is only compared with a
    year; ``numbers`` holds numerals as digits (``"1200"``, ``"3.5"``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    who: tuple[str, ...] = ()
    where: tuple[str, ...] = ()
    when: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    events: tuple[str, ...] = ()


# --------------------------------------------------------------------------- anchors

_MONTHS = {
    "jan": "jan", "january": "jan", "feb": "feb", "february": "feb", "mar": "mar", "march": "mar",
    "apr": "apr", "april": "apr", "may": "may", "jun": "jun", "june": "jun", "jul": "jul", "july": "jul",
    "aug": "aug", "august": "aug", "sep": "sep", "sept": "sep", "september": "sep", "oct": "oct",
    "october": "oct", "nov": "nov", "november": "nov", "dec": "dec", "december": "dec",
}  # fmt: skip
_WEEKDAYS = {
    "monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu", "friday": "fri",
    "saturday": "sat", "sunday": "sun",
}  # fmt: skip
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_DAY = re.compile(
    r"\b(?:(?:"
    + "|".join(_MONTHS)
    + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:"
    + "|".join(_MONTHS)
    + r")\b)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[,.]\d+)*")
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
# A run of capitalised words, allowing a few lowercase joiners inside ("Bank of England").
_NAME = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|du|da|del|la|van|von|al|bin|the)\s+)?[A-Z][\w'’.-]*)*")
_PLACE_CUE = re.compile(r"\b(?:in|at|near|from|outside|across|off)\s+(?:the\s+)?$", re.IGNORECASE)
_SPACY_SLOT = {
    "PERSON": "who", "ORG": "who", "NORP": "who",
    "GPE": "where", "LOC": "where", "FAC": "where",
    "DATE": "when", "TIME": "when",
    "CARDINAL": "numbers", "QUANTITY": "numbers", "MONEY": "numbers", "PERCENT": "numbers",
}  # fmt: skip


#: Verbs that say nothing about which event a claim reports: reporting and light verbs.
_LIGHT_VERBS = frozenset({
    "say", "tell", "report", "add", "accord", "state", "claim", "note", "explain", "believe", "think", "know",
    "be", "have", "do", "make", "get", "take", "go", "come", "give", "put", "set", "seem", "become", "include",
    "expect", "want", "need", "try", "continue", "begin", "start", "use",
})  # fmt: skip


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _when_parts(text: str) -> list[str]:
    parts = [f"y:{m.group(1)}" for m in _YEAR.finditer(text)]
    for m in _MONTH_RE.finditer(text):
        word = m.group(1)
        # "may" and "march" are also ordinary words: only a capitalised form counts.
        if word.lower() in {"may", "march", "mar"} and not word[0].isupper():
            continue
        parts.append(f"m:{_MONTHS[word.lower()]}")
    parts += [f"w:{_WEEKDAYS[m.group(1).lower()]}" for m in _WEEKDAY_RE.finditer(text)]
    parts += [f"d:{int(m.group(1) or m.group(2))}" for m in _DAY.finditer(text)]
    return parts


def _numbers(text: str, years: set[str]) -> list[str]:
    days = {m.start(1) if m.group(1) else m.start(2) for m in _DAY.finditer(text)}
    out = []
    for m in _NUMBER.finditer(text):
        if m.start() in days:  # the day of a date is a date, not a quantity
            continue
        raw = m.group(0).replace(",", "")
        if raw in years:
            continue
        try:
            value = float(raw)
        except ValueError:  # "1.2.3": a version or a date, not a quantity
            continue
        out.append(f"{value:g}")
    out += [f"{_NUMBER_WORDS[m.group(1).lower()]:g}" for m in _NUMBER_WORD_RE.finditer(text)]
    return out


def _is_calendar(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in _MONTHS or low in _WEEKDAYS


def _regex_names(text: str, stop: frozenset[str]) -> tuple[list[str], list[str]]:
    """Capitalised runs as names; a run right after "in/at/near ..." is a place."""
    who: list[str] = []
    where: list[str] = []
    for m in _NAME.finditer(text):
        words = [w.strip(".'’-") for w in m.group(0).split()]
        # Drop leading sentence-initial function words ("The", "In") and calendar words.
        while words and (words[0].lower() in stop or _is_calendar(words[0])):
            words = words[1:]
        words = [w for w in words if w and not _is_calendar(w)]
        if not words or (len(words) == 1 and (words[0].lower() in stop or len(words[0]) < 2)):
            continue
        name = " ".join(words).lower()
        (where if _PLACE_CUE.search(text[: m.start()]) else who).append(name)
    return who, where


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def anchors_for(texts: Sequence[str], nlp: Language | None = None) -> list[ClaimAnchors]:
    """Extract who / where / when / numbers from each claim text.

    Without ``nlp`` this is regex only (capitalised runs, years, month and day
    names, numerals), which is fast and needs no model; people and places are
    then told apart only by a preceding "in/at/near". With a spaCy pipeline its
    entities fill the slots by label, and dates and numbers inside them are
    normalised the same way, so both modes give comparable anchors. Lowercase
    unpunctuated text yields few names either way; the embedding then decides.

    Args:
        texts: Claim texts, in claim order.
        nlp: Optional spaCy pipeline with an ``ner`` component.

    Returns:
        One :class:`ClaimAnchors` per text.
    """
    stop = _stop_words()
    if nlp is None:
        out = []
        for text in texts:
            when = _when_parts(text)
            years = {w[2:] for w in when if w.startswith("y:")}
            who, where = _regex_names(text, stop)
            out.append(
                ClaimAnchors(
                    who=_dedupe(who),
                    where=_dedupe(where),
                    when=_dedupe(when),
                    numbers=_dedupe(_numbers(text, years)),
                )
            )
        return out
    result = []
    for doc in nlp.pipe(texts):
        slots: dict[str, list[str]] = {"who": [], "where": [], "when": [], "numbers": []}
        for ent in doc.ents:
            slot = _SPACY_SLOT.get(ent.label_)
            if slot in ("who", "where"):
                words = [w for w in ent.text.split() if w.lower() not in stop]
                slots[slot].append(" ".join(words).lower())
            elif slot == "when":
                slots["when"] += _when_parts(ent.text)
            elif slot == "numbers":
                slots["numbers"] += _numbers(ent.text, set())
        # Years spaCy labels CARDINAL still count as dates; years never count as numbers.
        when = slots["when"] + _when_parts(doc.text)
        years = {w[2:] for w in when if w.startswith("y:")}
        result.append(
            ClaimAnchors(
                who=_dedupe(slots["who"]),
                where=_dedupe(slots["where"]),
                when=_dedupe(when),
                numbers=_dedupe(n for n in slots["numbers"] if n not in years),
                events=_dedupe(
                    t.lemma_.lower()
                    for t in doc
                    if t.pos_ == "VERB" and t.lemma_.lower() not in _LIGHT_VERBS and t.lemma_.isalpha()
                ),
            )
        )
    return result


# --------------------------------------------------------------------------- similarity

#: Feature names of :func:`anchor_features`, in column order.
FEATURES = (
    "who_match",
    "where_match",
    "when_match",
    "number_match",
    "who_clash",
    "where_clash",
    "when_clash_untied",
    "event_match",
)

#: Weights of the anchor features, in cosine units (added to the cosine).
#: Fitted by ``bench/cluster_bench.py fit --spacy`` (logistic regression of
#: "share a gold event" on cross-document sentence pairs of the ECB+ train
#: topics, spaCy anchors as the pipeline builds them, each coefficient divided
#: by the cosine's). ``when_clash_untied`` is a date clash between claims that
#: share no name or place; there is deliberately no number clash.
#: ``event_match`` (shared content-verb lemma) was chosen on a train-topic grid
#: through the pipeline's claims (0.10 / 0.15 / 0.20 / 0.25 / 0.30), not fitted.
ANCHOR_WEIGHTS: dict[str, float] = {
    "who_match": 0.10,
    "where_match": 0.10,
    "when_match": 0.37,
    "number_match": 0.16,
    "who_clash": -0.23,
    "where_clash": -0.13,
    "when_clash_untied": -0.13,
    "event_match": 0.2,
}


def _incidence(sets: Sequence[set[str]]) -> FloatMatrix:
    vocab: dict[str, int] = {}
    for items in sets:
        for item in items:
            vocab.setdefault(item, len(vocab))
    matrix = np.zeros((len(sets), max(len(vocab), 1)), dtype=np.float64)
    for row, items in enumerate(sets):
        for item in items:
            matrix[row, vocab[item]] = 1.0
    return matrix


def _match_clash(
    sets: Sequence[set[str]], weight: Mapping[str, float] | None = None
) -> tuple[FloatMatrix, FloatMatrix]:
    """Overlap coefficient of every pair of sets, and whether both are non-empty but disjoint.

    With ``weight`` an item counts by its weight (a name every article carries
    weighs nothing), so the overlap is a weighted share of the smaller set.
    """
    inc = _incidence(sets)
    if weight is not None:
        vocab: dict[str, int] = {}
        for items in sets:
            for item in items:
                vocab.setdefault(item, len(vocab))
        col = np.zeros(inc.shape[1])
        for item, j in vocab.items():
            col[j] = weight.get(item, 1.0)
        winc = inc * np.sqrt(col)
        inter = winc @ winc.T
        size = (inc * col).sum(axis=1)
    else:
        inter = inc @ inc.T
        size = inc.sum(axis=1)
    smaller = np.minimum.outer(size, size)
    match = np.divide(inter, smaller, out=np.zeros_like(inter), where=smaller > 0)
    clash = ((np.minimum.outer(inc.sum(axis=1), inc.sum(axis=1)) > 0) & (inc @ inc.T == 0)).astype(np.float64)
    return match, clash


def _rarity(sets: Sequence[set[str]], article_ids: Sequence[str]) -> dict[str, float]:
    """Weight of each item by how few of the input's articles carry it (IDF scaled to 0..1).

    A name every article carries says nothing about which event a claim
    reports; one that only two articles carry says much.
    """
    carriers: dict[str, set[str]] = {}
    for items, art in zip(sets, article_ids, strict=True):
        for item in items:
            carriers.setdefault(item, set()).add(art)
    n = len(set(article_ids))
    if n < 3:
        return {}
    top = np.log(n)
    return {item: float(np.log(n / len(arts)) / top) for item, arts in carriers.items()}


def _name_tokens(names: Sequence[str], stop: frozenset[str]) -> set[str]:
    # Token level, so "Reid" matches "Tara Reid" and "Obama" matches "Barack Obama".
    return {tok for name in names for tok in re.findall(r"\w+", name) if tok not in stop and len(tok) > 1}


def anchor_features(
    anchors: Sequence[ClaimAnchors], article_ids: Sequence[str] | None = None
) -> dict[str, FloatMatrix]:
    """Pairwise anchor agreement, one ``n x n`` matrix per name in :data:`FEATURES`.

    Matches are overlap coefficients (share of the smaller set found in the
    other); clashes are 1 where both claims fill a slot and share nothing. A
    date clash is typed: years against years, months against months. With
    ``article_ids`` (one per anchor) name and event matches are weighted by
    rarity across the articles (:func:`_rarity`).
    """
    stop = _stop_words()
    who_sets = [_name_tokens(a.who, stop) for a in anchors]
    where_sets = [_name_tokens(a.where, stop) for a in anchors]
    every_sets = [_name_tokens((*a.who, *a.where), stop) for a in anchors]
    event_sets = [set(a.events) for a in anchors]
    rare = _rarity(every_sets, article_ids) if article_ids is not None and RARITY else None
    rare_ev = _rarity(event_sets, article_ids) if article_ids is not None and RARITY else None
    who_m, who_c = _match_clash(who_sets, rare)
    where_m, where_c = _match_clash(where_sets, rare)
    # A place named as "who" by regex (no "in" before it) still ties two claims by place.
    every_m, _ = _match_clash(every_sets)
    when_m, _ = _match_clash([set(a.when) for a in anchors])
    clash = np.zeros_like(when_m)
    for kind in ("y:", "m:", "w:", "d:"):
        _, kind_clash = _match_clash([{w for w in a.when if w.startswith(kind)} for a in anchors])
        clash = np.maximum(clash, kind_clash)
    num_m, _ = _match_clash([set(a.numbers) for a in anchors])
    event_m, _ = _match_clash(event_sets, rare_ev)
    tied = every_m > 0
    return {
        "who_match": who_m,
        "where_match": where_m,
        "when_match": when_m,
        "number_match": num_m,
        "who_clash": who_c * (every_m == 0),
        "where_clash": where_c * (every_m == 0),
        "when_clash_untied": clash * ~tied,
        "event_match": event_m,
    }


def claim_similarity(
    vectors: Vectors,
    anchors: Sequence[ClaimAnchors] | None,
    weights: Mapping[str, float] | None = None,
    article_ids: Sequence[str] | None = None,
) -> FloatMatrix:
    """Embedding cosine plus weighted anchor agreement, in cosine units.

    Args:
        vectors: L2-normalised rows.
        anchors: One per row, or None for plain cosine.
        weights: Feature weights; default :data:`ANCHOR_WEIGHTS`.
        article_ids: Each row's article, to weight matches by rarity; None for plain overlap.

    Returns:
        A symmetric ``n x n`` matrix.
    """
    sim = np.asarray(vectors, dtype=np.float64) @ np.asarray(vectors, dtype=np.float64).T
    if anchors is None:
        return sim
    feats = anchor_features(anchors, article_ids)
    for name, weight in (ANCHOR_WEIGHTS if weights is None else weights).items():
        sim = sim + weight * feats[name]
    return sim


# --------------------------------------------------------------------------- stories


def _agglomerate(distance: FloatMatrix, threshold: float, linkage: str) -> list[int]:
    """Cluster labels from a precomputed distance; one item is its own cluster."""
    if len(distance) < 2:
        return [0] * len(distance)
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage=linkage, distance_threshold=threshold
    )
    return [int(label) for label in model.fit_predict(np.clip(distance, 0.0, None))]


def _agglomerate_guarded(distance: FloatMatrix, threshold: float, most: int) -> list[int]:
    """Average linkage that never forms a cluster of more than ``most`` items.

    The dendrogram is built in full (scipy's UPGMA, the same merge rule as
    :func:`_agglomerate`), then merges are replayed in order of distance: a merge
    below ``threshold`` is taken only when both sides are still open and the
    result holds at most ``most`` items; otherwise both sides are closed and
    every later merge that would include them is refused. So a low threshold
    can gather restatements while a story's broad topic cannot swallow it whole.
    """
    n = len(distance)
    if n < 2:
        return [0] * n
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(distance, 0.0, None)
    dist = (dist + dist.T) / 2.0
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    items: dict[int, list[int]] = {i: [i] for i in range(n)}
    open_nodes: set[int] = set(range(n))
    final: list[list[int]] = []
    for step, (left, right, height, _count) in enumerate(tree):
        a, b, node = int(left), int(right), n + step
        if height >= threshold:
            break
        if a in open_nodes and b in open_nodes and len(items[a]) + len(items[b]) <= most:
            items[node] = items.pop(a) + items.pop(b)
            open_nodes -= {a, b}
            open_nodes.add(node)
            continue
        for side in (a, b):
            if side in open_nodes:
                open_nodes.discard(side)
                final.append(items.pop(side))
    final += [items[node] for node in open_nodes]
    labels = [0] * n
    for label, group in enumerate(sorted(final, key=min)):
        for i in group:
            labels[i] = label
    return labels


def _article_similarity(
    ids: Sequence[str],
    texts: Sequence[str],
    claims: Sequence[Claim],
    vectors: Vectors,
    anchors: Sequence[ClaimAnchors] | None = None,
) -> FloatMatrix:
    """How likely two articles report the same story, from names, years, words and meaning.

    Two stories of one kind (two celebrities in rehab, two earthquakes) share
    vocabulary and meaning but not their names and years, so the similarity is
    the mean of a TF-IDF cosine over the articles' anchor names and years and a
    general one (TF-IDF over the text averaged with the cosine of mean claim
    vectors). An article with no names (lowercase text) is judged on the
    general part alone rather than being split off for lack of names.

    Args:
        ids: Article ids, one per row.
        texts: Each article's text (the full text, or its claims joined).
        claims: Claims of those articles (others are ignored).
        vectors: Claim vectors, rows aligned with ``claims``.
        anchors: One per claim; None extracts them by regex.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(ids)
    index = {a: i for i, a in enumerate(ids)}

    def tfidf_cosine(docs: Sequence[object], **kwargs: object) -> FloatMatrix:
        try:
            matrix = TfidfVectorizer(sublinear_tf=True, **kwargs).fit_transform(docs)
        except ValueError:  # every document empty
            return np.zeros((n, n))
        return np.asarray((matrix @ matrix.T).todense(), dtype=np.float64)

    lexical = tfidf_cosine(list(texts), stop_words="english")
    dim = vectors.shape[1] if len(vectors) else 0
    means = np.zeros((n, max(dim, 1)))
    for claim, row in zip(claims, vectors, strict=True):
        if claim.article_id in index:
            means[index[claim.article_id], : len(row)] += row
    norms = np.linalg.norm(means, axis=1)
    has = norms > 0
    means[has] /= norms[has, None]
    general = np.where(np.outer(has, has), (lexical + means @ means.T) / 2.0, lexical)
    if anchors is None:
        anchors = anchors_for([c.text for c in claims])
    stop = _stop_words()
    names: list[list[str]] = [[] for _ in ids]
    for claim, anchor in zip(claims, anchors, strict=True):
        if claim.article_id in index:
            names[index[claim.article_id]] += sorted(_name_tokens((*anchor.who, *anchor.where), stop))
            names[index[claim.article_id]] += [w for w in anchor.when if w.startswith("y:")]
    specific = tfidf_cosine(names, analyzer=_identity)
    named = np.array([bool(x) for x in names])
    mixed = SPECIFIC_SHARE * specific + (1.0 - SPECIFIC_SHARE) * general
    return np.where(np.outer(named, named), mixed, general)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def group_stories(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: Vectors,
    threshold: float,
    anchors: Sequence[ClaimAnchors] | None = None,
    *,
    linkage: str = "average",
) -> dict[str, str]:
    """Group articles into stories, so claims of unrelated stories never meet.

    Articles are clustered (average linkage) on :func:`_article_similarity`
    (shared names and years, words, meaning); two groups join while their mean
    similarity is at least ``threshold``.

    Args:
        articles: The inputs, in input order.
        claims: All claims of those articles.
        vectors: L2-normalised claim vectors, rows aligned with ``claims``.
        threshold: Minimum article similarity to share a story (``Config.story_threshold``).
        anchors: One per claim, as given to :func:`cluster_claims`; None extracts them by regex.
        linkage: scikit-learn linkage.

    Returns:
        ``article_id -> story id``; ids are ``story-1``, ``story-2``... in the
        order of each story's first article.
    """
    if not articles:
        return {}
    sim = _article_similarity(
        [a.id for a in articles], [a.text or (a.title or "") for a in articles], claims, vectors, anchors
    )
    labels = _agglomerate(1.0 - sim, 1.0 - threshold, linkage)
    names: dict[int, str] = {}
    for label in labels:
        names.setdefault(label, f"story-{len(names) + 1}")
    return {a.id: names[label] for a, label in zip(articles, labels, strict=True)}


# --------------------------------------------------------------------------- claims


def _limit(count_other: int, cap: int | None, share: float | None) -> int:
    """Most claims one article may hold in a cluster whose other articles hold ``count_other``.

    The share is taken against the whole cluster: ``k <= share * (k + other)``,
    so ``k <= share * other / (1 - share)``; never below one claim.
    """
    most = count_other * 10**6 + 1 if cap is None else cap
    if share is not None and share < 1.0:
        most = min(most, max(1, int(share * count_other / (1.0 - share) + 1e-9)))
    return most


def _enforce_article_cap(
    labels: list[int],
    members: list[int],
    articles: list[str],
    sim: FloatMatrix,
    threshold: float,
    cap: int | None,
    share: float | None = None,
    *,
    most: int | None = None,
) -> list[int]:
    """Keep one article from piling into a cluster; move or split off the excess.

    An article may hold at most ``cap`` claims of a cluster and, when the
    cluster has other articles, at most ``share`` of its claims (at least
    one); a cluster of a single article's claims is split up, since it has
    nothing to compare. Within a cluster, an article's claims are ranked by
    their best similarity to a claim of *another* article (a claim is worth
    its place when some other source says something close to it); the best
    stay. Each one removed
    joins the cluster where it fits the limits and its mean similarity is
    highest, if that reaches ``threshold``; otherwise it stands alone.

    ``labels`` and ``articles`` are per local position (one story); ``members``
    maps a local position to its row of ``sim``.
    """
    labels = list(labels)
    next_label = max(labels, default=-1) + 1

    def groups() -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for pos, label in enumerate(labels):
            out.setdefault(label, []).append(pos)
        return out

    evicted: list[int] = []
    for _label, positions in sorted(groups().items()):
        by_article: dict[str, list[int]] = {}
        for pos in positions:
            by_article.setdefault(articles[pos], []).append(pos)
        for art, own in by_article.items():
            others = [p for p in positions if articles[p] != art]
            keep = 1 if not others else _limit(len(others), cap, share)
            if len(own) <= keep:
                continue
            support = [
                (float(np.max(sim[members[p], [members[o] for o in others]])) if others else 0.0, -p, p) for p in own
            ]
            for _s, _neg, pos in sorted(support, reverse=True)[keep:]:
                evicted.append(pos)
                labels[pos] = -1
    for pos in sorted(evicted):
        best: tuple[float, int] | None = None
        for label, positions in sorted(groups().items()):
            if label < 0:
                continue
            held = sum(1 for p in positions if articles[p] == articles[pos])
            other = len(positions) - held
            if other == 0 or held + 1 > _limit(other, cap, share):
                continue
            if most is not None and len(positions) >= most:
                continue
            score = float(np.mean(sim[members[pos], [members[p] for p in positions]]))
            if score >= threshold and (best is None or score > best[0]):
                best = (score, label)
        if best is None:
            labels[pos] = next_label
            next_label += 1
        else:
            labels[pos] = best[1]
    return labels


def _attach_restatements(
    labels: list[int],
    members: list[int],
    articles: list[str],
    vectors: Vectors,
    same_claim: float,
    cap: int | None,
    share: float | None,
    *,
    most: int | None = None,
) -> list[int]:
    """A claim left alone joins its closest claim of another article when they say the same thing.

    Average linkage keeps a claim out of a broad cluster when it is close to
    only one member of it ("a crew of European and American astronauts
    arrived" against a cluster about the station in general); a restatement
    of one of its claims still belongs with it. Where the article is at its
    limit in that cluster, the restatement replaces the article's claim with
    the weakest tie to another source (which then stands alone), so the
    limit keeps the best-supported claims rather than the first ones.
    """
    labels = list(labels)
    next_label = max(labels, default=-1) + 1
    vecs = np.asarray(vectors, dtype=np.float64)[members]
    cos = vecs @ vecs.T
    size: dict[int, int] = {}
    for label in labels:
        size[label] = size.get(label, 0) + 1
    for pos in range(len(labels)):
        if size[labels[pos]] != 1:
            continue
        partners = [j for j in range(len(labels)) if articles[members[j]] != articles[members[pos]]]
        if not partners:
            continue
        best = max(partners, key=lambda j: (cos[pos, j], -j))
        if cos[pos, best] < same_claim:
            continue
        target = [k for k, label in enumerate(labels) if label == labels[best]]
        own = sum(1 for k in target if articles[members[k]] == articles[members[pos]])
        full = most is not None and len(target) >= most
        if full and own == 0:
            continue  # the cluster is at its size limit and there is no claim of this article to replace
        if own + 1 > _limit(len(target) - own, cap, share) or full:
            # The article is at its limit there: the newcomer takes the place of
            # its claim with the weakest tie to another source, if it is closer.
            mine = [k for k in target if articles[members[k]] == articles[members[pos]]]
            rest = [k for k in target if articles[members[k]] != articles[members[pos]]]
            weakest = min(mine, key=lambda k: (float(np.max(cos[k, rest])), -k))
            if float(np.max(cos[weakest, rest])) >= cos[pos, best]:
                continue
            labels[weakest] = next_label
            size[next_label] = 1
            next_label += 1
            size[labels[best]] -= 1
        size[labels[pos]] -= 1
        labels[pos] = labels[best]
        size[labels[pos]] += 1
    return labels


def _main_story(stories: Sequence[str | None]) -> str | None:
    """The story most members belong to (the first such), for a cluster that may span a family."""
    counts: dict[str | None, int] = {}
    for story in stories:
        counts[story] = counts.get(story, 0) + 1
    return max(counts, key=lambda story: counts[story])


def cluster_claims(
    claims: Sequence[Claim],
    vectors: Vectors,
    stories: Mapping[str, str],
    threshold: float,
    anchors: Sequence[ClaimAnchors] | None = None,
    *,
    linkage: str = "average",
    max_per_article: int | None = None,
    weights: Mapping[str, float] | None = None,
    max_article_share: float | None = 0.5,
    same_claim: float | None = SAME_CLAIM,
    max_cluster_share: float | None = MAX_CLUSTER_SHARE,
    families: Mapping[str, str] | None = None,
    story_penalty: float | None = None,
) -> list[ClaimCluster]:
    """Cluster claims across sources, within each story.

    The similarity is :func:`claim_similarity` (cosine adjusted by anchors);
    groups join (average linkage) while their mean similarity is at least
    ``threshold`` and the result stays within the size limit. Afterwards no
    article keeps more than ``max_article_share`` of a cluster (or
    ``max_per_article`` claims; with a cap of 1, claims of one article are kept
    apart during linkage too), one-article groups are split, and a claim left
    alone joins its restatement in another article.

    Args:
        claims: Claims in input order.
        vectors: L2-normalised rows aligned with ``claims`` (from embed.py).
        stories: ``article_id -> story id`` from :func:`group_stories`; an
            article missing from it forms a story of its own.
        threshold: Minimum adjusted similarity to share a cluster (``Config.cluster_threshold``).
        anchors: One per claim; None extracts them from the claim texts by regex.
        linkage: scikit-learn linkage over the precomputed distance.
        max_per_article: Most claims of one article in one cluster; None for no limit.
        max_article_share: Most share of a multi-source cluster one article may hold
            (``Config.max_article_share``); None for no limit.
        same_claim: Cosine at which a lone claim joins its closest claim of another
            article; None to skip.
        max_cluster_share: Most share of all ``claims`` one cluster may hold (at least
            :data:`MIN_CLUSTER_CAP`), kept during linkage and by the moves after it;
            None for no limit (plain scikit-learn linkage).
        weights: Anchor feature weights; default :data:`ANCHOR_WEIGHTS`, ``{}`` for plain cosine.
        families: ``article_id -> family id``: related stories (:func:`group_stories`
            at ``Config.related_threshold``, a coarser cut of the same dendrogram).
            Claims are clustered within a family; None makes each story its own family.
        story_penalty: Subtracted from the similarity of two claims of one family but
            different stories (``Config.story_penalty``); None keeps stories apart.

    Returns:
        Every claim in exactly one cluster, clusters ordered by their first
        claim's input position, ids ``cluster-001``...; each member's strength
        is its cosine to the cluster's mean vector.
    """
    if not claims:
        return []
    if len(vectors) != len(claims):
        raise ValueError(f"{len(claims)} claims but {len(vectors)} vectors")
    if anchors is None:
        anchors = anchors_for([c.text for c in claims])
    if len(anchors) != len(claims):
        raise ValueError(f"{len(claims)} claims but {len(anchors)} anchors")
    if max_per_article is not None and max_per_article < 1:
        raise ValueError(f"max_per_article must be at least 1 (None for no limit), not {max_per_article}")
    article_of = [c.article_id for c in claims]
    sim = claim_similarity(vectors, anchors, weights, article_of)
    story_of = [stories.get(a, f"\0{a}") for a in article_of]
    if families is None or story_penalty is None:
        group_of = story_of
    else:
        group_of = [families.get(a, f"\0{a}") for a in article_of]
        stories_arr = np.array(story_of, dtype=object)
        sim = sim - story_penalty * ~np.equal.outer(stories_arr, stories_arr)
    most = None if max_cluster_share is None else max(MIN_CLUSTER_CAP, int(max_cluster_share * len(claims)))

    labels = [0] * len(claims)
    next_label = 0
    for group_key in dict.fromkeys(group_of):
        members = [i for i, g in enumerate(group_of) if g == group_key]
        sub = sim[np.ix_(members, members)]
        distance = 1.0 - sub
        arts = [article_of[i] for i in members]
        same = np.equal.outer(np.array(arts, dtype=object), np.array(arts, dtype=object))
        np.fill_diagonal(same, False)
        if max_per_article == 1:
            distance[same] = _FAR
        if most is None or linkage != "average":
            local = _agglomerate(distance, 1.0 - threshold, linkage)
        else:
            local = _agglomerate_guarded(distance, 1.0 - threshold, most)
        local = _enforce_article_cap(
            local, members, arts, sim, threshold, max_per_article, max_article_share, most=most
        )
        if same_claim is not None:
            local = _attach_restatements(
                local, members, article_of, vectors, same_claim, max_per_article, max_article_share, most=most
            )
        remap: dict[int, int] = {}
        for i, label in zip(members, local, strict=True):
            if label not in remap:
                remap[label] = next_label
                next_label += 1
            labels[i] = remap[label]

    by_label: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    ordered = sorted(by_label.values(), key=lambda positions: positions[0])
    vecs = np.asarray(vectors, dtype=np.float64)
    clusters = []
    for number, positions in enumerate(ordered, start=1):
        centroid = vecs[positions].mean(axis=0)
        norm = float(np.linalg.norm(centroid))
        members_out = []
        for pos in positions:
            strength = 1.0 if len(positions) == 1 or norm == 0 else float(vecs[pos] @ centroid / norm)
            members_out.append(
                Member(
                    claim_id=claims[pos].id,
                    article_id=claims[pos].article_id,
                    strength=round(min(1.0, max(-1.0, strength)), 4),
                )
            )
        clusters.append(
            ClaimCluster(
                id=f"cluster-{number:03d}",
                claim_ids=tuple(claims[p].id for p in positions),
                members=tuple(members_out),
                story=_main_story([stories.get(claims[p].article_id) for p in positions]),
            )
        )
    return clusters
