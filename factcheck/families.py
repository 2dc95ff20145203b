"""Articles -> families of copies: wire copy and reprints told apart from independent reports.

Five mastheads running one agency story are one source, not five. This stage
finds the passages articles share word for word and groups the articles that
share enough into families (an original and its copies, or several cuts of one
unseen wire text), so agreements can count independent sources and a copy that
changes its original (a figure, a dropped qualifier, an added sentence) can be
shown as an edit.

How a copy is told (why these rules, not fitted values):

* **Words, not meaning.** Text is cut into word 5-grams ("shingles") after
  folding case, punctuation and quote marks. A reprint keeps long runs of them;
  a paraphrase or a translation keeps almost none, because changing one word in
  five breaks every 5-gram, which is exactly the line between a copy and a
  rewrite the issue asks for.
* **Passages, not documents.** Matching shingles are chained into passages in
  order in both articles, with holes of a few words allowed (a light edit), so
  reordered paragraphs, a different headline or byline, an added paragraph or a
  cut after three paragraphs all leave the shared passages intact. Headlines
  (title blocks) and what ingest removed (bylines, captions) are not read.
* **One long passage is enough.** Two articles are copies when they share one
  passage of at least ``min_passage_words`` words outside quotation marks (15).
  Independent reports of one event share names ("the Francis Scott Key
  Bridge"), stock phrases ("leaving the scene of an accident resulting in
  death") and quotes of the same speaker; fifteen identical words of narrative
  in a row is a copy, or a common source, which for counting sources is the same
  thing. The rule behind the figure: the shortest length that no pair of
  reports of *different* events of one ECB+ topic reaches (such reports cannot
  copy each other; 0.09% of them reach 12 words). The measurement is
  ``bench/families_calibrate.py``, its table in ``bench/RESULTS_families.md``.
* **Credits lower the bar, never make a family.** Two articles that credit the
  same agency ("(AP)", "Reuters contributed", "according to Xinhua", a dateline
  followed by an agency name) need only a ``credited_passage_words`` passage
  (8 words, which 1.6% of the different-event pairs reach by chance, before the
  credits must also agree). A credit alone only marks the article's agency.
* **Near-linear cost.** Candidates come from an inverted index of winnowed
  shingle fingerprints (window chosen so every shared run of
  ``credited_passage_words`` words has one), with short posting lists; only the
  few best candidates of each article are aligned word by word.

A family is a connected set of copy links, so two cuts of one wire story that
share nothing with each other still join through a third copy that shares with
both. The original is the member on the credited agency's own site, else the
one the others credit, else the unique earliest dated one (all dated), else the
member sharing the most text with the rest (the closest to the common text).
"""

from __future__ import annotations

import difflib
import itertools
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlparse

from pydantic import Field

from factcheck._text import align, html_words, words
from factcheck.schema import Article, Family, Frozen, OriginalReason, SharedPassage, Span

# --------------------------------------------------------------------------- settings and results


class FamilySettings(Frozen):
    """The few numbers the stage uses; the module docstring says why each is what it is."""

    shingle: int = Field(5, ge=2, le=10, description="words per shingle")
    min_passage_words: int = Field(15, ge=2, description="one shared passage this long (outside quotes) is a copy")
    credited_passage_words: int = Field(8, ge=2, description="enough when both articles credit the same agency")
    report_passage_words: int = Field(8, ge=1, description="shared passages shorter than this are not reported")
    max_gap: int = Field(8, ge=1, description="most words between two matched shingles of one passage")
    max_skew: int = Field(4, ge=0, description="most words one side may add or drop inside a passage")
    max_postings: int = Field(8, ge=1, description="articles remembered per fingerprint (cost cap)")
    max_checks: int = Field(12, ge=1, description="candidates aligned word by word per article (cost cap)")
    max_links: int = Field(3, ge=1, description="copies linked per article before its other candidates are skipped")


DEFAULT_SETTINGS = FamilySettings()


class Credit(Frozen):
    """An agency an article credits, and where it says so."""

    agency: str
    span: Span
    text: str


class Families(Frozen):
    """The families among a set of articles.

    ``family_of`` holds only articles that belong to a family (the others are
    independent); ``credits`` holds only articles that credit an agency.
    """

    families: tuple[Family, ...] = ()
    family_of: dict[str, str] = Field(default_factory=dict)
    credits: dict[str, tuple[Credit, ...]] = Field(default_factory=dict)

    def of(self, article_id: str) -> str | None:
        """The family id of an article, None when it is independent."""
        return self.family_of.get(article_id)

    def get(self, family_id: str) -> Family:
        """The family with this id (KeyError when there is none)."""
        for family in self.families:
            if family.id == family_id:
                return family
        raise KeyError(family_id)


def independent_count(article_ids: Iterable[str], families: Families) -> int:
    """How many independent sources stand behind these articles: one per family, one per independent article."""
    return len({families.of(a) or f"article:{a}" for a in article_ids})


def independent_sources(mentions: Iterable[tuple[str, Span | None]], families: Families) -> int:
    """How many independent sources stand behind these mentions of one value, passage by passage.

    Finer than :func:`independent_count`: two mentions stand on one source only
    when their articles share a passage that holds both (a mention without a
    span: any passage the two articles share). An article that merges two wire
    stories is then one source with each of them for what it copied from it,
    while the two wires stay two sources; one article's own mentions are one source.
    """
    items = list(mentions)
    pairs: dict[tuple[str, str], list[SharedPassage]] = defaultdict(list)
    for family in families.families:
        for p in family.passages:
            pairs[(p.article_id, p.other_id)].append(p)
    parent = list(range(len(items)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in itertools.combinations(range(len(items)), 2):
        (a, sa), (b, sb) = items[x], items[y]
        same = (
            a == b
            or any(_holds(p, sa, sb) for p in pairs.get((a, b), ()))
            or any(_holds(p, sb, sa) for p in pairs.get((b, a), ()))
        )
        if same:
            parent[root(x)] = root(y)
    return len({root(x) for x in range(len(items))})


def _holds(p: SharedPassage, mine: Span | None, theirs: Span | None) -> bool:
    def inside(outer: Span, span: Span | None) -> bool:
        return span is None or (span.start < outer.end and outer.start < span.end)

    return inside(p.span, mine) and inside(p.other_span, theirs)


EditKind = Literal["number", "qualifier", "sentence", "wording"]
EditChange = Literal["replaced", "added", "dropped"]


class CopyEdit(Frozen):
    """One place where a copy's wording differs from its original's.

    ``original_text``/``copy_text`` are the differing words as the files have
    them (empty on the side that has none); the spans point at them (an empty
    span marks where the missing words would stand). ``original_context`` and
    ``copy_context`` are a few words either side, for showing the edit.
    """

    family: str
    original_id: str
    copy_id: str
    kind: EditKind
    change: EditChange
    original_text: str
    copy_text: str
    original_span: Span
    copy_span: Span
    original_context: str
    copy_context: str


# --------------------------------------------------------------------------- credits

_AGENCY_NAMES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Xinhua": ("Xinhua", "XINHUA"),
    "Bloomberg": ("Bloomberg",),
    "UPI": ("UPI", "United Press International"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "PTI": ("PTI", "Press Trust of India"),
    "ANI": ("ANI",),
    "IANS": ("IANS",),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo",),
    "Yonhap": ("Yonhap",),
    "TASS": ("TASS",),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
    "PA": ("PA Media", "Press Association"),
}
#: The agencies' own sites: a member published there is the family's original.
AGENCY_HOSTS: dict[str, tuple[str, ...]] = {
    "AP": ("apnews.com", "ap.org"),
    "Reuters": ("reuters.com",),
    "AFP": ("afp.com",),
    "Xinhua": ("xinhuanet.com", "news.cn"),
    "Bloomberg": ("bloomberg.com",),
    "UPI": ("upi.com",),
    "PTI": ("ptinews.com",),
    "Kyodo": ("kyodonews.net",),
    "Yonhap": ("yna.co.kr",),
    "TASS": ("tass.com",),
    "Anadolu": ("aa.com.tr",),
}
_NAME_TO_AGENCY = {name: agency for agency, names in _AGENCY_NAMES.items() for name in names}
_AG = "|".join(sorted((re.escape(n) for n in _NAME_TO_AGENCY), key=len, reverse=True))
_AGENCY_RE = rf"(?P<agency>{_AG})"
_CAP = r"[A-Z][\w.'’-]*"
#: Credit patterns; each names the agency in the group ``agency`` (None: the pattern implies Reuters).
_CREDITS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\((?:The\s+)?{_AGENCY_RE}\)"),  # WASHINGTON (AP) -, (Reuters)
    re.compile(
        rf"(?m)^[ \t]*[A-Z][A-Z .'’-]{{2,40}},?(?:[ \t]+[A-Z][\w.]*\.?[ \t]+\d{{1,2}})?[ \t]*[—–-]{{1,2}}[ \t]*"
        rf"(?:The\s+)?{_AGENCY_RE}\b"
    ),  # a dateline then the agency: BEIJING, Aug. 23 — Xinhua
    re.compile(rf"(?m)[—–][ \t]*(?:The\s+)?{_AGENCY_RE}[ \t]*\.?[ \t]*$"),  # a closing "— AP"
    re.compile(
        rf"(?:The\s+)?{_AGENCY_RE}(?:\s+(?:[Ss]taff\s+)?(?:writers?|reporters?|correspondents?|staff))?(?:\s+{_CAP}){{0,8}}(?:\s*,\s*{_CAP}(?:\s+{_CAP})*)*(?:\s+and(?:\s+{_CAP})+)?"
        rf"(?:\s+in(?:\s+{_CAP})+)?\s+contributed"
    ),  # The Associated Press contributed; AP writers X and Y
    re.compile(rf"\baccording to (?:the\s+)?(?:official\s+)?(?:news agency\s+)?{_AGENCY_RE}\b"),
    re.compile(rf"(?:Copyright|©)\s*(?:\d{{4}}\s*)?(?:The\s+)?{_AGENCY_RE}\b"),
    re.compile(rf"(?m)^[ \t]*By\s+[^\n]{{1,60}}?,\s*(?:The\s+)?{_AGENCY_RE}[ \t]*$"),  # By JANE DOE, Associated Press
    re.compile(rf"\b{_AGENCY_RE}\s+(?:[A-Z][a-z]+\s+)?(?:Writer|Correspondent|Reporter)s?\b"),  # AP Science Writer
    re.compile(r"\((?:Additional\s+)?[Rr]eporting by [^)\n]{2,200}\)|\b[Rr]eporting by [^;\n]{2,120};\s*[Ee]diting by"),
)
#: Removed text whose agency names credit a picture, not the words.
_PICTURE_REASONS = ("photo caption or credit",)


def find_credits(article: Article) -> tuple[Credit, ...]:
    """The agencies an article credits for its text, read from the whole file (bylines included, captions not)."""
    text = article.text
    pictures = [r.span for r in article.removed if r.reason in _PICTURE_REASONS]
    out: dict[tuple[str, int], Credit] = {}
    for pattern in _CREDITS:
        for m in pattern.finditer(text):
            if any(s.start <= m.start() < s.end for s in pictures):
                continue
            if text[m.end() : m.end() + 1] == "/" or text[m.end() : m.end() + 6] == " Photo":
                continue  # "AFP/JOHN DOE", "AP Photo": a picture credit
            name = m.groupdict().get("agency")
            agency = _NAME_TO_AGENCY[name] if name else "Reuters"
            start = m.start("agency") if name else m.start()
            end = m.end("agency") if name else m.end()
            out.setdefault(
                (agency, start), Credit(agency=agency, span=Span(start=start, end=end), text=text[start:end])
            )
    return tuple(sorted(out.values(), key=lambda c: c.span.start))


# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*")
_OPEN_QUOTES = "“«„"
_CLOSE_QUOTES = "”»"


@dataclass
class _Doc:
    """An article as the matcher reads it: normalised words with file offsets."""

    index: int
    article: Article
    norms: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    quoted: list[bool] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    keys: list[tuple[int, ...]] = field(default_factory=list)
    positions: dict[tuple[int, ...], list[int]] = field(default_factory=dict)
    credits: frozenset[str] = frozenset()
    found_credits: tuple[Credit, ...] = ()


def _normalise(token: str) -> str:
    token = token.lower().replace("’", "'")
    if token[0].isdigit():
        token = re.sub(r"(?<=\d),(?=\d{3})", "", token)  # 16,420 == 16420
    return token


def _quote_mask(text: str) -> list[bool]:
    """Per character of a block: inside quotation marks? (Reset at the block's end, as news quotes are.)"""
    mask = [False] * len(text)
    inside = False
    for i, ch in enumerate(text):
        if ch in _OPEN_QUOTES or (ch == '"' and not inside):
            inside = True
        elif ch in _CLOSE_QUOTES or ch == '"':
            inside = False
        else:
            mask[i] = inside
    return mask


def _block_tokens(article: Article, block_text: str, raw_start: int, raw_end: int) -> list[tuple[str, int, int, bool]]:
    """(token, start, end, quoted) of one block, offsets into the article file."""
    raw = article.text[raw_start:raw_end]
    mask = _quote_mask(block_text)
    found = [(m.group(), m.start(), m.end(), mask[m.start()]) for m in _TOKEN.finditer(block_text)]
    if raw == block_text:
        return [(t, raw_start + s, raw_start + e, q) for t, s, e, q in found]
    # HTML: block text is extracted; map each whitespace word back to the raw file (as segment does)
    needles = words(block_text)
    mapped = align(needles, html_words(raw, base=raw_start), window=200)
    out = []
    w = 0
    for t, s, _e, q in found:
        while w < len(needles) and needles[w].end <= s:
            w += 1
        hit = mapped[w] if w < len(needles) else None
        if hit is not None:
            out.append((t, hit.start, hit.end, q))
    return out


def _doc(index: int, article: Article, k: int) -> _Doc:
    doc = _Doc(index=index, article=article)
    blocks = [b for b in article.blocks if b.kind != "title"]
    units = [(b.text, b.span.start, b.span.end) for b in blocks] or [(article.text, 0, len(article.text))]
    for n, (block_text, start, end) in enumerate(units):
        for token, s, e, q in _block_tokens(article, block_text, start, end):
            doc.norms.append(_normalise(token))
            doc.starts.append(s)
            doc.ends.append(e)
            doc.quoted.append(q)
            doc.blocks.append(n)
    ids = [zlib.crc32(t.encode()) for t in doc.norms]
    doc.keys = [tuple(ids[i : i + k]) for i in range(len(ids) - k + 1)]
    for i, key in enumerate(doc.keys):
        doc.positions.setdefault(key, []).append(i)
    doc.found_credits = find_credits(article)
    doc.credits = frozenset(c.agency for c in doc.found_credits)
    return doc


def _fingerprints(keys: list[tuple[int, ...]], window: int) -> set[int]:
    """Winnowing (Schleimer et al. 2003): the least hash of every ``window`` shingles.

    Any run of ``window`` shingles two documents share yields a common fingerprint.
    """
    hashes = [hash(key) for key in keys]
    if len(hashes) <= window:
        return set(hashes)
    return {min(hashes[i : i + window]) for i in range(len(hashes) - window + 1)}


# --------------------------------------------------------------------------- alignment


@dataclass
class _Passage:
    a0: int  # first shingle in A
    b0: int
    a1: int  # last shingle in A
    b1: int
    pairs: list[tuple[int, int]]

    def length(self, k: int) -> int:
        """Words of A covered by the passage's matched shingles."""
        n = k
        for (i, _), (nxt, _) in itertools.pairwise(self.pairs):
            n += min(k, nxt - i)
        return n

    def covered(self, k: int) -> tuple[set[int], set[int]]:
        a: set[int] = set()
        b: set[int] = set()
        for i, j in self.pairs:
            a.update(range(i, i + k))
            b.update(range(j, j + k))
        return a, b


def _passages(a: _Doc, b: _Doc, settings: FamilySettings) -> list[_Passage]:
    """Shared passages of two documents: chains of matching shingles in order in both, non-overlapping."""
    matches = []
    for i, key in enumerate(a.keys):
        for j in b.positions.get(key, ())[:4]:
            matches.append((i, j))
    open_chains: list[_Passage] = []
    done: list[_Passage] = []
    for i, j in matches:  # sorted by i, then j
        best: _Passage | None = None
        best_skew = settings.max_skew + 1
        keep = []
        for chain in open_chains:
            if i - chain.a1 > settings.max_gap:
                done.append(chain)
                continue
            keep.append(chain)
            di, dj = i - chain.a1, j - chain.b1
            if 0 < di <= settings.max_gap and 0 < dj <= settings.max_gap and abs(di - dj) < best_skew:
                best, best_skew = chain, abs(di - dj)
        open_chains = keep
        if best is None:
            open_chains.append(_Passage(i, j, i, j, [(i, j)]))
        else:
            best.a1, best.b1 = i, j
            best.pairs.append((i, j))
    done.extend(open_chains)
    k = settings.shingle
    if len(done) > 1:
        done.sort(key=lambda p: (-p.length(k), p.a0, p.b0))
    taken_a: list[tuple[int, int]] = []
    taken_b: list[tuple[int, int]] = []
    out = []
    for p in done:
        # a chain that runs into a longer one (a shingle over the seam of two passages) loses the overlap
        pairs = p.pairs
        lo_b, hi_b = min(j for _, j in pairs), max(j for _, j in pairs) + k
        if any(p.a0 < e and s < p.a1 + k for s, e in taken_a) or any(lo_b < e and s < hi_b for s, e in taken_b):
            pairs = [
                (i, j)
                for i, j in pairs
                if not any(i < e and s < i + k for s, e in taken_a) and not any(j < e and s < j + k for s, e in taken_b)
            ]
        if not pairs:
            continue
        p = _Passage(pairs[0][0], min(j for _, j in pairs), pairs[-1][0], max(j for _, j in pairs), pairs)
        ra, rb = (p.a0, p.a1 + k), (p.b0, p.b1 + k)
        taken_a.append(ra)
        taken_b.append(rb)
        out.append(p)
    out.sort(key=lambda p: p.a0)
    return out


def _evidence(p: _Passage, a: _Doc, b: _Doc, k: int) -> tuple[int, int]:
    """(matched words, matched words outside quotation marks on both sides) of one passage."""
    ca, cb = p.covered(k)
    return len(ca), min(sum(1 for t in ca if not a.quoted[t]), sum(1 for t in cb if not b.quoted[t]))


def _shared(a: _Doc, b: _Doc, settings: FamilySettings) -> tuple[bool, list[SharedPassage]]:
    """Whether a and b are copies, and the passages they share (a's side first)."""
    k = settings.shingle
    need = settings.credited_passage_words if a.credits & b.credits else settings.min_passage_words
    linked = False
    out = []
    for p in _passages(a, b, settings):
        matched, unquoted = _evidence(p, a, b, k)
        linked = linked or unquoted >= need
        if matched < settings.report_passage_words:
            continue
        out.append(
            SharedPassage(
                article_id=a.article.id,
                span=Span(start=a.starts[p.a0], end=a.ends[p.a1 + k - 1]),
                other_id=b.article.id,
                other_span=Span(start=b.starts[p.b0], end=b.ends[p.b1 + k - 1]),
                words=matched,
                quoted=unquoted * 2 < matched,
            )
        )
    return linked, out


# --------------------------------------------------------------------------- families


def find_families(articles: Sequence[Article], settings: FamilySettings | None = None) -> Families:
    """Group articles that are copies of one text into families (a pure function of the articles).

    Args:
        articles: the articles of a run, in input order (ids unique).
        settings: thresholds and cost caps; the defaults are explained in the module docstring.
    """
    settings = settings or DEFAULT_SETTINGS
    k = settings.shingle
    docs = [_doc(i, a, k) for i, a in enumerate(articles)]
    window = max(1, settings.credited_passage_words - k + 1)
    postings: dict[int, list[int]] = defaultdict(list)
    links: dict[tuple[int, int], list[SharedPassage]] = {}
    parent = list(range(len(docs)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc in docs:
        prints = _fingerprints(doc.keys, window)
        hits: dict[int, int] = defaultdict(int)
        for fp in prints:
            for other in postings.get(fp, ()):
                hits[other] += 1
        found = 0
        ranked = [o for o in hits if hits[o] >= 2 or docs[o].credits & doc.credits]
        for other in sorted(ranked, key=lambda o: (-hits[o], o))[: settings.max_checks]:
            if found >= settings.max_links and root(other) == root(doc.index):
                continue  # placed already: more pairs inside its family add nothing; another family still may
            linked, passages = _shared(docs[other], doc, settings)
            if linked:
                links[(other, doc.index)] = passages
                found += 1
                ra, rb = root(other), root(doc.index)
                parent[max(ra, rb)] = min(ra, rb)
        for fp in prints:
            posting = postings[fp]
            if len(posting) < settings.max_postings:
                posting.append(doc.index)

    groups: dict[int, list[int]] = defaultdict(list)
    for doc in docs:
        groups[root(doc.index)].append(doc.index)

    families = []
    family_of: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        member_set = set(members)
        passages = [p for (a, b), ps in links.items() if a in member_set for p in ps]
        original, reason = _original([docs[m] for m in members], passages)
        credits = sorted({c for m in members for c in docs[m].credits})
        family = Family(
            id=f"family-{original}",
            members=tuple(articles[m].id for m in members),
            original=original,
            original_reason=reason,
            credits=tuple(credits),
            passages=tuple(passages),
        )
        families.append(family)
        for m in members:
            family_of[articles[m].id] = family.id
    credits_of = {d.article.id: d.found_credits for d in docs if d.found_credits}
    return Families(families=tuple(families), family_of=family_of, credits=credits_of)


def _host(article: Article) -> str:
    url = article.url or ""
    host = urlparse(url).netloc.lower() if "//" in url else ""
    return host or (article.source or "").lower()


def _original(members: list[_Doc], passages: list[SharedPassage]) -> tuple[str, OriginalReason]:
    """The member the others copy, and how it was told (see the module docstring for the order)."""
    credited = {c for m in members for c in m.credits}
    on_site = [
        m
        for m in members
        if any(_host(m.article).endswith(h) for agency in credited for h in AGENCY_HOSTS.get(agency, ()))
    ]
    if len(on_site) == 1:
        return on_site[0].article.id, "agency"
    said = _first_published(members)
    named = [m for m in members if any(_names(m, who) for who, by in said if by is not m)]
    if len(named) == 1:
        return named[0].article.id, "credited"
    dates = [m.article.published for m in members]
    if all(d is not None for d in dates):
        first = min(d for d in dates if d is not None)
        earliest = [m for m in members if m.article.published == first]
        if len(earliest) == 1:
            return earliest[0].article.id, "earliest"
    shared: dict[str, int] = defaultdict(int)
    for p in passages:
        shared[p.article_id] += p.words
        shared[p.other_id] += p.words
    top = max(shared.get(m.article.id, 0) for m in members)
    central = [m for m in members if shared.get(m.article.id, 0) == top]
    if len(central) == 1:
        return central[0].article.id, "central"
    longest = max(central, key=lambda m: (len(m.norms), -m.index))
    return longest.article.id, "longest"


_FIRST_PUBLISHED = re.compile(
    r"(?:first|originally)\s+(?:appeared|published|ran)\s+(?:in|on|by|at)\s+(?:the\s+)?([A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})"
)


def _first_published(members: list[_Doc]) -> list[tuple[str, _Doc]]:
    """Mastheads members say first published the text ("This article first appeared in X"), normalised."""
    return [
        (re.sub(r"[^a-z0-9]", "", m.group(1).lower()), doc)
        for doc in members
        for m in _FIRST_PUBLISHED.finditer(doc.article.text)
    ]


def _names(doc: _Doc, said: str) -> bool:
    """Whether ``said`` names this member's masthead (its source or host)."""
    names = {n for n in (doc.article.source, _host(doc.article)) if n}
    keys = {re.sub(r"^www\.|\.(?:com|org|net|co\.uk|ie|ae)$|[^a-z0-9]", "", n.lower()) for n in names} - {""}
    return bool(said) and any(said.startswith(key) or key.startswith(said) for key in keys)


# --------------------------------------------------------------------------- copy edits

#: Words that hedge, bound or negate a statement: dropping one changes what a copy claims.
QUALIFIERS = frozenset(
    [
        "about",
        "around",
        "approximately",
        "nearly",
        "almost",
        "roughly",
        "some",
        "more",
        "less",
        "fewer",
        "than",
        "over",
        "under",
        "least",
        "most",
        "up",
        "to",
        "only",
        "just",
        "reportedly",
        "allegedly",
        "apparently",
        "possibly",
        "probably",
        "likely",
        "may",
        "might",
        "could",
        "would",
        "not",
        "no",
        "never",
        "estimated",
        "unconfirmed",
        "preliminary",
        "initially",
        "suspected",
        "believed",
        "expected",
        "feared",
        "presumed",
        "thought",
        "said",
        "claimed",
        "officially",
        "unofficially",
        "partly",
        "partially",
        "mostly",
        "largely",
    ]
)
_NUMBER = re.compile(r"\d")
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "half",
        "third",
        "quarter",
    ]
)
#: An inserted or deleted run this long (words) inside a passage is a sentence or clause, not a word.
SENTENCE_WORDS = 6


def copy_edits(family: Family, articles: Sequence[Article], settings: FamilySettings | None = None) -> list[CopyEdit]:
    """Where each copy's wording differs from the family's original, word by word on aligned passages.

    Each member is compared with the original (or, when it shares no passage
    with the original, with the member it shares most with). Within an aligned
    passage, a word-level diff (difflib) gives replaced, added and dropped words;
    between two passages that follow each other in both articles, the text in
    between is a replaced, added or dropped stretch. Text before the first and
    after the last shared passage is not reported: a copy that is a cut of its
    original drops the rest by design. Punctuation, case and quote marks are not
    edits.
    """
    settings = settings or DEFAULT_SETTINGS
    by_id = {a.id: a for a in articles}
    members = [m for m in family.members if m in by_id]
    if family.original not in by_id:
        return []
    docs = {m: _doc(i, by_id[m], settings.shingle) for i, m in enumerate(members)}
    out: list[CopyEdit] = []
    for member in members:
        if member == family.original:
            continue
        ref = family.original
        passages = _passages(docs[ref], docs[member], settings)
        if not any(
            _evidence(p, docs[ref], docs[member], settings.shingle)[0] >= settings.report_passage_words
            for p in passages
        ):
            shared: dict[str, int] = defaultdict(int)
            for p in family.passages:
                if member in (p.article_id, p.other_id):
                    shared[p.other_id if p.article_id == member else p.article_id] += p.words
            if not shared:
                continue
            ref = max(sorted(shared), key=lambda m: shared[m])
            passages = _passages(docs[ref], docs[member], settings)
        passages = [
            p
            for p in passages
            if _evidence(p, docs[ref], docs[member], settings.shingle)[0] >= settings.report_passage_words
        ]
        out.extend(_edits(family.id, docs[ref], docs[member], passages, settings.shingle))
    return out


def _edits(family_id: str, a: _Doc, b: _Doc, passages: list[_Passage], k: int) -> list[CopyEdit]:
    """Word-level diff of each region of passages that follow each other in both articles."""
    ranges = sorted(((p.a0, p.a1 + k, p.b0, p.b1 + k) for p in passages), key=lambda r: r[2])
    regions: list[list[int]] = []
    for a0, a1, b0, b1 in ranges:
        if regions:
            cur = regions[-1]
            between = any(cur[1] <= r[0] < a0 for r in ranges)
            if a0 >= cur[1] and not between:  # next in both orders: one region, the text in between is an edit
                cur[1], cur[3] = a1, b1
                continue
        regions.append([a0, a1, b0, b1])
    out: list[CopyEdit] = []
    for a0, a1, b0, b1 in regions:
        sm = difflib.SequenceMatcher(None, a.norms[a0:a1], b.norms[b0:b1], autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            i1, i2, j1, j2 = a0 + i1, a0 + i2, b0 + j1, b0 + j2
            if tag == "insert":
                s1, s2 = _slide(b, j1, j2)
                i1 = i2 = i1 - (j1 - s1)
                j1, j2 = s1, s2
            elif tag == "delete":
                s1, s2 = _slide(a, i1, i2)
                j1 = j2 = j1 - (i1 - s1)
                i1, i2 = s1, s2
            if tag == "replace":
                out.extend(_edit(family_id, a, b, *piece) for piece in _split(a, b, i1, i2, j1, j2))
            elif tag != "equal":
                out.append(_edit(family_id, a, b, i1, i2, j1, j2))
    return out


def _split(a: _Doc, b: _Doc, i1: int, i2: int, j1: int, j2: int) -> list[tuple[int, int, int, int]]:
    """A replaced stretch over paragraph breaks, cut where the paragraphs are.

    The words in the paragraph of the last shared word before (or the first
    after) are the edited start (or end) of a shared sentence ("More than 400"
    / "Around 600" firefighters took part...); what lies wholly in other
    paragraphs is a dropped or added stretch of its own.
    """
    if a.blocks[i1] == a.blocks[i2 - 1] and b.blocks[j1] == b.blocks[j2 - 1]:
        return [(i1, i2, j1, j2)]
    ha, hb = i1, j1
    if i1 > 0 and j1 > 0:
        while ha < i2 and a.blocks[ha] == a.blocks[i1 - 1]:
            ha += 1
        while hb < j2 and b.blocks[hb] == b.blocks[j1 - 1]:
            hb += 1
    ta, tb = i2, j2
    if i2 < len(a.norms) and j2 < len(b.norms):
        while ta > ha and a.blocks[ta - 1] == a.blocks[i2]:
            ta -= 1
        while tb > hb and b.blocks[tb - 1] == b.blocks[j2]:
            tb -= 1
    pieces = [(i1, ha, j1, hb), (ha, ta, hb, tb), (ta, i2, tb, j2)]
    return [p for p in pieces if p[1] > p[0] or p[3] > p[2]]


def _slide(doc: _Doc, i1: int, i2: int) -> tuple[int, int]:
    """An added or dropped run moved to start at a paragraph's start when the words allow it.

    "shelter. The Valley ... morning. The railway" against "shelter. The railway"
    diffs as "Valley ... morning. The" added; sliding one word left gives the
    sentence as written.
    """
    start, end = i1, i2
    while start > 0 and doc.norms[start - 1] == doc.norms[end - 1]:
        start, end = start - 1, end - 1
        if start == 0 or doc.blocks[start] != doc.blocks[start - 1]:
            return start, end
    return i1, i2


def _edit(family_id: str, a: _Doc, b: _Doc, i1: int, i2: int, j1: int, j2: int) -> CopyEdit:
    old, new = a.norms[i1:i2], b.norms[j1:j2]
    change: EditChange = "replaced" if old and new else ("dropped" if old else "added")
    changed = set(old) ^ set(new) if change == "replaced" else set(old or new)
    kind: EditKind
    if change != "replaced" and len(old or new) >= SENTENCE_WORDS:
        kind = "sentence"
    elif any(_NUMBER.search(w) or w in _NUMBER_WORDS for w in changed):
        kind = "number"
    elif _qualifier(change, old, new, changed):
        kind = "qualifier"
    elif max(len(old), len(new)) >= SENTENCE_WORDS:
        kind = "sentence"
    else:
        kind = "wording"
    return CopyEdit(
        family=family_id,
        original_id=a.article.id,
        copy_id=b.article.id,
        kind=kind,
        change=change,
        original_text=_wording(a, i1, i2),
        copy_text=_wording(b, j1, j2),
        original_span=_span(a, i1, i2),
        copy_span=_span(b, j1, j2),
        original_context=_wording(a, max(0, i1 - 5), min(len(a.norms), i2 + 5)),
        copy_context=_wording(b, max(0, j1 - 5), min(len(b.norms), j2 + 5)),
    )


def _qualifier(change: EditChange, old: list[str], new: list[str], changed: set[str]) -> bool:
    """A hedge, bound or negation word added, dropped or swapped ("more than", "nearly", "not")."""
    if change != "replaced":
        return len(old or new) <= 3 and any(w in QUALIFIERS or w.endswith("ly") for w in changed)
    return bool(changed & QUALIFIERS) and len(old) + len(new) <= 6


def _span(doc: _Doc, i1: int, i2: int) -> Span:
    if i2 > i1:
        return Span(start=doc.starts[i1], end=doc.ends[i2 - 1])
    at = doc.ends[i1 - 1] if i1 > 0 else (doc.starts[0] if doc.starts else 0)
    return Span(start=at, end=at)


def _wording(doc: _Doc, i1: int, i2: int) -> str:
    """Words i1..i2 as the file has them, block by block (removed furniture in between is left out)."""
    if i2 <= i1:
        return ""
    parts = []
    start = i1
    for t in range(i1 + 1, i2 + 1):
        if t == i2 or doc.blocks[t] != doc.blocks[start]:
            parts.append(" ".join(doc.article.text[doc.starts[start] : doc.ends[t - 1]].split()))
            start = t
    return " / ".join(parts)


__all__ = [
    "AGENCY_HOSTS",
    "DEFAULT_SETTINGS",
    "QUALIFIERS",
    "CopyEdit",
    "Credit",
    "EditChange",
    "EditKind",
    "Families",
    "Family",
    "FamilySettings",
    "SharedPassage",
    "copy_edits",
    "find_credits",
    "find_families",
    "independent_count",
    "independent_sources",
]
