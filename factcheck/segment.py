"""Article -> atomic claims, each tied to the passage of the file it came from.

The steps, per paragraph block:

1. A *view* of the block: the text segmentation reads, the same length as the
   block so offsets carry over (Markdown markup is blanked out, an all-lowercase
   unpunctuated run is recased), plus a map back to file offsets (identity for
   text and Markdown, word alignment for HTML, whose block text is extracted).
2. Sentences (pysbd, robust to "Dr." and "U.S."). A block with hardly any
   sentence punctuation is a *run*: the parser finds clause starts instead.
3. With spaCy, each sentence is cut into atomic claims: two clauses joined by
   "and"/"but"/"while"/"as"/"whereas" become two claims only when each has its
   own subject and verb. Quotes keep their speaker; a claim that opens with
   he/she/it/they names the entity instead when the previous claims make it
   clear. Without spaCy (cheap tests) sentences stay whole.
4. No claim is longer than ``MAX_CLAIM_CHARS``: long ones are cut at clause
   starts, commas, or, failing those, the word nearest the middle.
5. In runs, a promo cue ("top stories", "most popular"...) starts a stretch of
   pasted headlines that lasts while the clauses stay off the article's topic;
   it is returned as ``Removed`` instead of claims.

The claim's ``text`` is for display (recased, resolved, whitespace collapsed);
its ``span`` always points at the original, non-empty passage of the file.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from factcheck._text import STOPWORDS, TopicModel, Word, align, chunks, content_stems, html_words, words
from factcheck.errors import note_file
from factcheck.facts.lexicon import clock_goes_on
from factcheck.limits import MAX_ARTICLE_CLAIMS, MAX_RUN_CHARS
from factcheck.parse import Parsed
from factcheck.schema import Article, Block, Claim, Removed, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

#: Longest claim text in characters; longer passages are cut at clause boundaries.
MAX_CLAIM_CHARS = 300
#: A cut never leaves a side shorter than this (characters).
MIN_PIECE_CHARS = 25
#: A block is a run (no usable sentence punctuation) below this many sentence ends per word.
RUN_PUNCT_RATE = 1 / 60
#: Without a parser, unpunctuated runs are cut into pieces of this many words.
PLAIN_RUN_WORDS = 10
#: Clauses after a promo cue scoring below this topic overlap are taken as pasted headlines.
OFF_TOPIC = 0.3

_VERBAL = {"VERB", "AUX"}
_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}
_SPLIT_CC = {"and", "but", "while", "whereas", "yet"}
_SPLIT_MARK = {"while", "as", "whereas"}
#: Marks of simultaneity: both clauses happen at the time either one states.
_SAME_TIME = {"while", "as", "when"}
_DURATION = re.compile(r"\b(?:hours?|minutes?|seconds?)\b", re.I)
_SAY = {
    "say", "tell", "add", "state", "note", "explain", "announce", "claim", "declare", "insist", "write", "warn",
    "argue", "report", "confirm", "deny", "admit", "reveal", "caution", "stress", "emphasize", "emphasise",
    "comment", "remark", "acknowledge", "assert", "suggest", "predict", "estimate", "believe", "tweet", "reply",
    "measure", "record", "put", "calculate", "count",
}  # fmt: skip
#: Verbs that report speech whatever the subject ("the fire service said"); the rest of _SAY need a name.
_SAY_CORE = {"say", "tell", "add", "state", "announce", "report", "confirm", "deny", "warn", "write", "claim", "note"}
_PRONOUNS = {"he", "she", "they", "it"}
_POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it"}
_QUOTES = '"“”'
_CUE = re.compile(
    r"\b(?:top (?:stories|headlines|news)|related (?:news|articles|stories|posts)|most (?:popular|read|viewed|shared)"
    r"|(?:articles )?you (?:may|might) (?:also )?like|recommended (?:for you|stories|reading)|read more|also read"
    r"|trending (?:now|stories)|more (?:stories|headlines) from|editor'?s picks|don'?t miss)\b",
    re.I,
)
_ACRONYMS = {"us": "US", "uk": "UK", "un": "UN", "eu": "EU", "nasa": "NASA", "fbi": "FBI", "cia": "CIA",
             "doj": "DOJ", "usa": "USA", "nato": "NATO", "covid": "COVID", "who": "who", "cnsa": "CNSA",
             "iss": "ISS", "tass": "TASS", "ceo": "CEO", "gdp": "GDP"}  # fmt: skip


# --------------------------------------------------------------------------- views


@dataclass
class _View:
    """One paragraph block as segmentation reads it, and the way back to file offsets."""

    block: Block
    text: str
    to_file: Callable[[int, int], Span]
    run: bool = False
    headline: bool = False


@dataclass
class _Piece:
    """A claim in the making: view-local character range plus what the NLP found."""

    view: int
    start: int
    end: int
    doc: Doc | None = None
    tok: tuple[int, int] | None = None  # token range in ``doc``
    speaker: str | None = None
    subject: tuple[str, str, bool] | None = None  # (text, kind PERSON/OTHER/PRON, plural)
    drop: frozenset[int] = field(default_factory=frozenset)  # token ids to leave out of the text
    sentence: int = 0
    text: str | None = None
    context: str | None = None  # a time expression inherited from the clause it was split from
    context_span: tuple[int, int] | None = None  # where that expression stands in ``doc.text``
    base: int = 0  # view offset of ``doc``'s first character


def _mask_markdown(text: str) -> str:
    """Blank Markdown markup with spaces so offsets stay those of the file."""

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group())

    def keep_group(m: re.Match[str]) -> str:
        whole, inner = m.group(), m.group(1)
        at = whole.index(inner, 1)
        return " " * at + inner + " " * (len(whole) - at - len(inner))

    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", blank, text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", keep_group, text)
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", keep_group, text)
    text = re.sub(r"<[^>\n]+>", blank, text)
    text = re.sub(r"(?m)^\s{0,3}(?:#{1,6}\s|>\s?|[-*+]\s|\d{1,3}[.)]\s)", blank, text)
    text = re.sub(r"(?m)^\s{0,3}(?:=+|-+)\s*$", blank, text)
    text = re.sub(r"(?<![\w*_])(?:\*\*|__|\*|_|~~)(?=\S)|(?<=\S)(?:\*\*|__|\*|_|~~)(?![\w*_])|`+", blank, text)
    return text


def _views(article: Article) -> list[_View]:
    blocks = [b for b in article.blocks if b.kind in ("title", "paragraph")]
    if not article.blocks:  # a hand-made Article: the whole text is one block
        stripped = article.text.strip()
        if stripped:
            start = article.text.index(stripped)
            blocks = [Block(span=Span(start=start, end=start + len(stripped)), text=stripped)]
    file_path = re.sub(r":\d+$", "", article.path)  # JSON lines articles are "FILE:LINE"
    markdown = PurePath(file_path).suffix.lower() in (".md", ".markdown")
    out = []
    for block in blocks:
        raw = article.text[block.span.start : block.span.end]
        if raw == block.text:
            base = block.span.start
            text = _mask_markdown(block.text) if markdown else block.text

            to_file: Callable[[int, int], Span] = _identity_map(text, base)
        else:
            to_file = _aligned(block, article.text)
            text = block.text
        n_words = len(text.split())
        ends = len(re.findall(r"[.!?](?=[\"'”’)\]]*(?:\s|$))", text))
        run = n_words >= 30 and ends < n_words * RUN_PUNCT_RATE
        out.append(_View(block, text, to_file, run, headline=block.kind == "title"))
    return out


def _identity_map(text: str, base: int) -> Callable[[int, int], Span]:
    """View offsets are file offsets shifted by the block start (text and Markdown)."""

    def to_file(s: int, e: int) -> Span:
        return _trim_span(text, s, e, base)

    return to_file


def _trim_span(text: str, s: int, e: int, base: int) -> Span:
    """Local range -> file span, shrunk to non-blank text (never empty if the range holds any)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s:
        e = min(s + 1, len(text))
    return Span(start=base + s, end=base + e)


def _aligned(block: Block, file_text: str) -> Callable[[int, int], Span]:
    """Map extracted block text back to the raw HTML it came from, word by word."""
    needles = words(block.text)
    hay = html_words(file_text[block.span.start : block.span.end], base=block.span.start)
    mapped: list[Word | None] = align(needles, hay, window=200)

    def to_file(s: int, e: int) -> Span:
        hits = [m for n, m in zip(needles, mapped, strict=True) if m is not None and n.end > s and n.start < e]
        if hits:
            return Span(start=hits[0].start, end=hits[-1].end)
        return block.span

    return to_file


# --------------------------------------------------------------------------- sentences


@lru_cache(maxsize=1)
def _segmenter() -> object:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of ``text`` (pysbd), found by position so repeats map right."""
    out = []
    pos = 0
    for sent in _segmenter().segment(text):  # type: ignore[attr-defined]
        stripped = sent.strip()
        if not stripped:
            continue
        at = text.find(stripped, pos)
        if at < 0:
            continue
        out.append((at, at + len(stripped)))
        pos = at + len(stripped)
    # a sentence that is only a closing quote or bracket belongs to the previous one
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and (len(text[s:e].strip(_QUOTES + "’')] ")) == 0 or _clock_goes_on(text, *merged[-1], s)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


_AM_PM_END = re.compile(r"\b[ap]\.\s?m\.$", re.IGNORECASE)


_BARE_TIME = re.compile(
    r"(?:(?:at|by|from|until|about|around|shortly\s+(?:after|before)|just\s+(?:after|before))\s+)?"
    r"\d{1,2}(?:[:.]\d\d)?\s*[ap]\.\s?m\.",
    re.IGNORECASE,
)


def _clock_goes_on(text: str, begin: int, end: int, start: int) -> bool:
    """A split after "a.m." or "p.m." that cut a time from its zone, day or sentence.

    "9:02 a.m. | PT on ...", "About 7:45 a.m. | Tuesday, as winds raged": a zone, a weekday or a month
    after the time, or a piece that is only the time, means the sentence goes on.
    """
    if not _AM_PM_END.search(text[max(0, end - 6) : end]):
        return False
    first = text[start:].split(maxsplit=1)[0] if text[start:].strip() else ""
    if not first.strip(",.;:()"):
        return False
    return clock_goes_on(first) or _BARE_TIME.fullmatch(text[begin:end].strip()) is not None


# --------------------------------------------------------------------------- public entry


@dataclass(frozen=True)
class Segmented:
    """One article's claims, each with its parse, and what segmentation kept out of them."""

    claims: tuple[Claim, ...]
    parses: tuple[Parsed, ...]
    removed: tuple[Removed, ...]


def segment(article: Article, nlp: Language | None = None) -> tuple[tuple[Claim, ...], tuple[Removed, ...]]:
    """Article -> atomic claims (in text order) plus text removed at this stage (see :func:`segment_article`)."""
    done = segment_article(article, nlp)
    return done.claims, done.removed


def segment_article(article: Article, nlp: Language | None = None) -> Segmented:
    """Article -> atomic claims (in text order) with their parses, plus text removed here, with reasons.

    Args:
        article: an ingested article; only its paragraph blocks are read (the
            title is a headline, not a claim of the body).
        nlp: a loaded spaCy pipeline (``factcheck.nlp.load_spacy()``); with None,
            a model-free path (pysbd sentences, regex speakers, length caps) runs.

    Returns:
        The claims in text order with their parses (:class:`~factcheck.parse.Parsed`, the
        one parse every later stage reads), and the stretches dropped here (pasted
        promo headlines found only inside unpunctuated runs).
    """
    return segment_articles([article], nlp)[0]


def segment_articles(
    articles: Sequence[Article], nlp: Language | None = None, on_done: Callable[[int], None] | None = None
) -> list[Segmented]:
    """:func:`segment_article` of each article, their sentences parsed in one ``nlp.pipe`` stream.

    The parser works in batches; an article's dozen sentences are a small one, so
    the sentences of all the articles go through one stream (100 ECB+ articles: 4.1 s
    of parsing instead of 4.9 s, parses identical), and each article is cut into
    claims as soon as its last sentence is parsed. ``on_done(i)`` is called when
    article ``i`` is done.
    """
    plans = []
    for article in articles:
        try:
            plans.append(_plan(article, nlp))
        except Exception as exc:
            note_file(exc, article.path)  # so a crash report can name the file, not just the stage
            raise
    docs: Iterator[Doc] = iter(())
    if nlp is not None:
        texts = (plan.views[vi].text[a:b] for plan in plans for vi, a, b in plan.where)
        docs = nlp.pipe(texts, batch_size=64)
    out = []
    for i, (article, plan) in enumerate(zip(articles, plans, strict=True)):
        try:
            mine = list(itertools.islice(docs, len(plan.where)))
            out.append(_bounded(_finish(article, plan, mine, nlp)))
        except Exception as exc:
            note_file(exc, article.path)
            raise
        if on_done is not None:
            on_done(i)
    return out


@dataclass
class _Plan:
    """An article read into views, with the ranges of them that go to the parser."""

    views: list[_View]
    where: list[tuple[int, int, int]] = field(default_factory=list)


def _plan(article: Article, nlp: Language | None) -> _Plan:
    views = _views(article)
    if not views or nlp is None:
        return _Plan(views)
    _recase_runs(views, nlp)
    return _Plan(views, _parse_ranges(views, nlp))


def _bounded(done: Segmented) -> Segmented:
    """At most MAX_ARTICLE_CLAIMS claims: later stages compare an article's claims pairwise."""
    claims, parses, removed = done.claims, done.parses, done.removed
    if len(claims) > MAX_ARTICLE_CLAIMS:
        claims, parses, removed = _drop_repeats(claims, parses, removed)  # repeats go first, then the tail
    if len(claims) > MAX_ARTICLE_CLAIMS:
        rest = claims[MAX_ARTICLE_CLAIMS:]
        span = Span(start=rest[0].span.start, end=max(c.span.end for c in rest))
        why = f"over {MAX_ARTICLE_CLAIMS} claims in one article (factcheck.limits): not checked"
        text = " ".join(" ".join(c.text for c in rest[:5]).split())
        removed = (*removed, Removed(span=span, reason=why, text=text[:199] + "…" if len(text) > 200 else text))
        claims, parses = claims[:MAX_ARTICLE_CLAIMS], parses[:MAX_ARTICLE_CLAIMS]
    return Segmented(claims, parses, removed)


def _finish(article: Article, plan: _Plan, docs: list[Doc], nlp: Language | None) -> Segmented:
    views = plan.views
    if not views:
        return Segmented((), (), ())
    pieces = _pieces_nlp(views, plan.where, docs) if nlp is not None else _pieces_plain(views)
    pieces = [q for p in pieces for q in _cap(p, views[p.view].text)]
    pieces, removed = _drop_promo_runs(pieces, views, article)
    if nlp is not None:
        _resolve_pronouns(pieces, views)
    found = _claims(article, views, pieces)
    stub = [not headline and _fragment(c, p) for c, p, headline in found]  # a headline was checked for a verb
    kept = [(c, p) for (c, p, _), cut in zip(found, stub, strict=True) if not cut]
    removed += [
        Removed(span=c.span, reason="fragment that states nothing", text=c.text)
        for (c, _, _), cut in zip(found, stub, strict=True)
        if cut
    ]
    return Segmented(tuple(c for c, _ in kept), tuple(p for _, p in kept), tuple(removed))


def _drop_repeats(
    claims: tuple[Claim, ...], parses: tuple[Parsed, ...], removed: tuple[Removed, ...]
) -> tuple[tuple[Claim, ...], tuple[Parsed, ...], tuple[Removed, ...]]:
    """An article's claims without word-for-word repeats of an earlier one, each repeated text listed once.

    Used only on an article over MAX_ARTICLE_CLAIMS: a repeat says nothing new
    and cannot contradict its first occurrence, and a page that repeats one
    sentence hundreds of times would otherwise fill the cap with it.
    """
    first: dict[str, Claim] = {}
    repeats: dict[str, list[Claim]] = {}
    kept = []
    for claim, parsed in zip(claims, parses, strict=True):
        key = " ".join(claim.text.lower().split())
        if key in first:
            repeats.setdefault(key, []).append(claim)
        else:
            first[key] = claim
            kept.append((claim, parsed))
    if not repeats:
        return claims, parses, removed
    listed = [
        Removed(
            span=again[0].span,
            reason=f"repeats an earlier claim of this article ({len(again)} time{'s' if len(again) > 1 else ''})",
            text=again[0].text[:200],
        )
        for again in repeats.values()
    ]
    return tuple(c for c, _ in kept), tuple(p for _, p in kept), (*removed, *listed)


# --------------------------------------------------------------------------- recasing


def _recase_runs(views: list[_View], nlp: Language) -> None:
    """Give all-lowercase runs capitals where the tagger sees proper nouns, so NER works.

    Recasing keeps the length (one letter for one letter), so view offsets
    still equal file offsets.
    """
    todo = [v for v in views if v.run and sum(c.isupper() for c in v.text) < 0.01 * max(1, len(v.text))]
    if not todo:
        return
    # a run is parsed in chunks no longer than MAX_RUN_CHARS: spaCy refuses texts past nlp.max_length (E088)
    parts = [(view, s, e) for view in todo for s, e in chunks(view.text, 0, len(view.text), MAX_RUN_CHARS)]
    by_view: dict[int, list[tuple[int, Doc]]] = {}
    for (view, s, _e), doc in zip(parts, nlp.pipe(view.text[s:e] for view, s, e in parts), strict=True):
        by_view.setdefault(id(view), []).append((s, doc))
    for view in todo:
        _recase_view(view, by_view[id(view)])


def _recase_view(view: _View, docs: list[tuple[int, Doc]]) -> None:
    """Recase one run from the parses of its chunks (each chunk's doc with its offset in the view)."""
    chars = list(view.text)
    for base, doc in docs:
        ent_tokens = {
            t.i for e in doc.ents if e.label_ in {"PERSON", "GPE", "NORP", "LOC", "ORG", "FAC", "EVENT"} for t in e
        }
        for tok in doc:
            low = tok.text.lower()
            if low in _ACRONYMS and (tok.pos_ == "PROPN" or tok.i in ent_tokens or low in {"doj", "nasa", "covid"}):
                repl = _ACRONYMS[low]
            elif low == "i" and tok.pos_ == "PRON":
                repl = "I"
            elif (
                (tok.pos_ == "PROPN" or (tok.i in ent_tokens and tok.pos_ in {"PROPN", "ADJ", "NOUN"}))
                and tok.is_alpha
                and len(tok.text) > 1
            ):
                repl = tok.text[:1].upper() + tok.text[1:]
            else:
                continue
            if len(repl) == len(tok.text):
                at = base + tok.idx
                chars[at : at + len(tok.text)] = repl
    # "u s" -> "U S" (the United States written without dots)
    text = re.sub(r"\bu s\b", "U S", "".join(chars))
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    view.text = text


# --------------------------------------------------------------------------- pieces without a model


_SAY_WORDS = r"(?:said|says|added|adds|stated|noted|explained|told\s+\w+|wrote|announced|warned)"
_NAME = r"((?:[A-Z][\w.'’-]+\s+){0,3}[A-Z][\w'’-]+)"
_SPEAKER_AFTER = re.compile(rf"[”\"]\s*,?\s*{_SAY_WORDS}\s+{_NAME}|[”\"]\s*,?\s*{_NAME}\s+{_SAY_WORDS}")
_SPEAKER_BEFORE = re.compile(rf"{_NAME}\s*,?\s+{_SAY_WORDS}\b")
_SPEAKER_ACCORDING = re.compile(rf"\baccording to\s+{_NAME}")
_PLAIN_SPLIT = re.compile(r",\s+(?:and|but|while|whereas)\s+(?=(?:he|she|they|it|we|I|[Tt]he|[A-Z][\w'’-]+)\s+[a-z])")


def _word_windows(text: str, size: int) -> list[tuple[int, int]]:
    """Consecutive runs of ``size`` words: the model-free stand-in for clauses in unpunctuated text."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    return [(spans[i][0], spans[min(i + size, len(spans)) - 1][1]) for i in range(0, len(spans), size)]


def _pieces_plain(views: list[_View]) -> list[_Piece]:
    pieces: list[_Piece] = []
    n_sent = 0
    for vi, view in enumerate(views):
        if view.headline:  # without a parser a headline's verb cannot be told from its nouns
            continue
        ranges = _word_windows(view.text, PLAIN_RUN_WORDS) if view.run else _sentences(view.text)
        for s, e in ranges:
            n_sent += 1
            sent = view.text[s:e]
            m = _SPEAKER_AFTER.search(sent) or _SPEAKER_BEFORE.search(sent) or _SPEAKER_ACCORDING.search(sent)
            speaker = next((g for g in m.groups() if g), None) if m else None
            if speaker and speaker.split()[0].lower() in {"the", "it", "this", "that", "he", "she", "they", "we"}:
                speaker = None
            cuts = [] if view.run or speaker else list(_PLAIN_SPLIT.finditer(sent))
            start = s
            for c in cuts:
                left = sent[start - s : c.start()]
                if len(left.split()) >= 4 and len(sent[c.end() :].split()) >= 4:
                    pieces.append(_Piece(vi, start, s + c.start(), speaker=speaker, sentence=n_sent))
                    start = s + c.end()
            pieces.append(_Piece(vi, start, e, speaker=speaker, sentence=n_sent))
    return pieces


# --------------------------------------------------------------------------- pieces with spaCy


def _parse_ranges(views: list[_View], nlp: Language) -> list[tuple[int, int, int]]:
    """``(view, start, end)`` of every sentence (or run, or headline that states something) to parse."""
    where: list[tuple[int, int, int]] = []
    for vi, view in enumerate(views):
        if view.headline and not _states_something(view.text, nlp):
            continue
        ranges = [(0, len(view.text))] if view.run or view.headline else _sentences(view.text)
        # no text past MAX_RUN_CHARS reaches spaCy in one call (E088 at nlp.max_length; memory grows with length)
        where.extend((vi, a, b) for s, e in ranges for a, b in chunks(view.text, s, e, MAX_RUN_CHARS))
    return where


def _pieces_nlp(views: list[_View], where: list[tuple[int, int, int]], docs: list[Doc]) -> list[_Piece]:
    """Cut each parsed sentence of the article (``docs``, one per range of ``where``) into pieces."""
    names = _person_names(docs)
    pieces: list[_Piece] = []
    for n, ((vi, s, _e), doc) in enumerate(zip(where, docs, strict=True)):
        run = views[vi].run
        speaker = None if run else _speaker(doc, names)
        bounds, drop = _clause_bounds(doc) if run else _atomic_bounds(doc)
        edges = [0, *sorted(bounds), len(doc)]
        segs = [(a, b) for a, b in itertools.pairwise(edges) if b > a]
        if run:
            segs = _merge_run_clauses(doc, segs)
        sentence_pieces = []
        for a, b in segs:
            piece = _token_piece(vi, s, doc, a, b, drop, n, names)
            if piece is not None:
                piece.speaker = _speaker(doc, names, a, b) if run else speaker
                sentence_pieces.append(piece)
        if not run:
            _share_time(doc, drop, sentence_pieces)
        pieces.extend(sentence_pieces)
    _inherit_speakers(pieces, views)
    return pieces


def _dates_of(doc: Doc, verb: Token) -> list[tuple[str, int, int]]:
    """Points in time that modify ``verb`` directly or through a preposition ("on Tuesday").

    TIME entities that are durations ("7 hours and 42 minutes") say how long,
    not when, so they are left out.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"} or (ent.label_ == "TIME" and _DURATION.search(ent.text)):
            continue
        head = ent.root.head
        if head == verb:
            out.append((ent.text, ent.start_char, ent.end_char))
        elif head.dep_ == "prep" and head.head == verb:
            phrase = doc[head.i : ent.end]
            out.append((phrase.text, phrase.start_char, phrase.end_char))
    return out


def _share_time(doc: Doc, drop: frozenset[int], pieces: list[_Piece]) -> None:
    """Give a clause split off at "as"/"while"/"when" the time its partner states.

    "The crew arrived earlier this week as cosmonauts conducted a spacewalk"
    yields "Cosmonauts conducted a spacewalk (earlier this week)", so the second
    claim can still be compared on its date.
    """
    if len(pieces) < 2:
        return
    for i in drop:
        mark = doc[i]
        if mark.lower_ not in _SAME_TIME or mark.dep_ != "mark":
            continue
        sub, main = mark.head, mark.head.head
        for here, there in ((sub, main), (main, sub)):
            piece = next((p for p in pieces if p.tok and p.tok[0] <= here.i < p.tok[1]), None)
            if piece is None or _dates_of(doc, here) or (piece.tok and piece.tok[0] <= there.i < piece.tok[1]):
                continue
            theirs = _dates_of(doc, there)
            if len(theirs) == 1:
                piece.context = theirs[0][0]
                piece.context_span = theirs[0][1:]


_NOMINAL = frozenset({"NOUN", "PROPN"})


def _states_something(headline: str, nlp: Language) -> bool:
    """Whether a headline makes a claim: it has a verb ("Council votes to close bridge", "X to host Y").

    Headline case makes spaCy read most words as proper nouns, so the headline
    is also parsed in sentence case; "Name to <verb>" is headline grammar for
    the future and "Noun <participle> in/by/with ..." for the passive ("Woman
    killed in crash", "Suspect charged with murder"). A label ("Old Mill Bridge closing") or a caption of names has
    no verb and is not a claim.
    """
    finite = {"VBD", "VBZ", "VBP", "MD"}
    headline = headline[:MAX_RUN_CHARS]  # a "headline" longer than that is judged by its start
    words = headline.split()
    if not words:
        return False  # a rule of asterisks above the text ("****"): nothing said
    small = " ".join([words[0]] + [w.lower() if w.lower() in STOPWORDS else w for w in words[1:]])
    as_is, lowered = nlp(small), nlp(headline[:1] + headline[1:].lower())

    def stated(t: Token) -> bool:  # a verb with its own subject: "Council votes", not "Report on ..."
        verbal = t.tag_ in finite or (t.dep_ == "ROOT" and t.pos_ == "VERB")
        # headline parses often miss the subject ("Council" read as a compound of "votes")
        return verbal and any(
            c.dep_ in _SUBJ or c.dep_ in {"xcomp", "dobj", "advcl", "ccomp"} or (c.dep_ == "compound" and c.i < t.i)
            for c in t.children
        )

    def future(doc: Doc) -> bool:  # "Ellen DeGeneres to host Oscars"
        return any(
            t.tag_ == "TO"
            and 0 < t.i < len(doc) - 1
            and doc[t.i - 1].pos_ in _NOMINAL
            and (doc[t.i + 1].tag_ == "VB" or (t.dep_ == "aux" and doc[t.i + 1].dep_ in {"acl", "xcomp", "advcl"}))
            for t in doc
        )

    def passive(doc: Doc) -> bool:  # "Woman killed in hit-and-run", "Pirate attack foiled off Aden"
        return any(
            t.tag_ == "VBN"
            and t.dep_ in {"ROOT", "acl"}
            and t.i > 0
            and doc[t.i - 1].pos_ in _NOMINAL
            and any(c.dep_ in {"prep", "agent"} for c in t.children)
            for t in doc
        )

    return (
        any(stated(t) for t in as_is)
        or any(stated(t) for t in lowered)
        or any(future(doc) or passive(doc) for doc in (as_is, lowered))
    )


def _merge_run_clauses(doc: Doc, segs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue attribution-only and tiny clauses of a run to the clause they belong to.

    "... exploration of the moon mr rogozin said" keeps its "mr rogozin said"
    (merged backwards); "mr rogozin said he and wang discussed ..." keeps it
    too (merged forwards, since what was said follows).
    """
    out: list[list[int]] = []
    forward = False
    for a, b in segs:
        say = _attribution_verb(doc, a, b)
        if forward and out:
            out[-1][1] = b
            forward = False
        elif say is not None and any(c.i >= b and c.dep_ in {"ccomp", "xcomp"} for c in say.children):
            out.append([a, b])
            forward = True
        elif out and (say is not None or b - a < 4):
            out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _attribution_verb(doc: Doc, a: int, b: int) -> Token | None:
    """The speech verb of a short clause that only says who spoke ("Rogozin told reporters Wednesday")."""
    span = doc[a:b]
    if len(span) > 10 or any(t.dep_ in {"ccomp", "xcomp"} and t.head.i >= a and t.i < b for t in span):
        return None
    for t in span:
        if t.lemma_ in _SAY and any(c.dep_ == "nsubj" and a <= c.i < b for c in t.children):
            return t
    return None


def _token_piece(
    vi: int, base: int, doc: Doc, a: int, b: int, drop: frozenset[int], sentence: int, names: dict[str, str]
) -> _Piece | None:
    """Tokens a..b of a sentence as a piece, without dropped conjunctions and edge punctuation."""
    toks = [t for t in doc[a:b] if t.i not in drop]
    while toks and ((toks[0].is_punct and toks[0].text not in _QUOTES + "“‘(") or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].text in {",", ";", ":", "-", "–", "—"} or toks[-1].is_space):
        toks.pop()
    if not toks or not any(t.is_alpha or t.like_num for t in toks):
        return None
    piece = _Piece(
        vi,
        base + toks[0].idx,
        base + toks[-1].idx + len(toks[-1].text),
        doc=doc,
        tok=(a, b),
        sentence=sentence,
        base=base,
    )
    piece.drop = drop
    piece.subject = _subject(doc[a:b], names)
    return piece


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in _SUBJ for c in tok.children)


def _atomic_bounds(doc: Doc) -> tuple[set[int], frozenset[int]]:
    """Token indices where a new atomic claim starts, and conjunctions to leave out.

    Only clauses that each carry a subject and a verb are separated, so
    "Russia built and launched the rocket" stays one claim.
    """
    bounds: set[int] = set()
    drop: set[int] = set()
    for sent in list(doc.sents)[1:]:
        before = doc[sent.start - 1].text if sent.start > 0 else ""
        if before in {".", "!", "?"} and len(sent) >= 4 and sent.start >= 4:
            bounds.add(sent.start)
    for tok in doc:
        if tok.pos_ not in _VERBAL or not _has_subject(tok) or tok.head.pos_ not in _VERBAL:
            continue
        head = tok.head
        main_clause = head.dep_ in {"ROOT", "conj", "advcl"}
        # "As winds raged and a sandstorm hid the bank, the ship ran aground": splitting the conjuncts of a
        # clause before its main verb would leave the main clause with the second conjunct only
        leading = head.dep_ == "advcl" and head.head.i > tok.i
        if tok.dep_ == "conj" and main_clause and not leading and _has_subject(head) and head.i < tok.i:
            cc = [c for c in head.children if c.dep_ == "cc" and head.i < c.i < tok.left_edge.i]
            if cc and cc[-1].lower_ in _SPLIT_CC and not _inside_quote(doc, cc[-1].i):
                bounds.add(cc[-1].i)
                drop.add(cc[-1].i)
        elif tok.dep_ == "advcl" and main_clause and _has_subject(head):
            marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ in _SPLIT_MARK]
            if not marks or marks[0].i != tok.left_edge.i or _inside_quote(doc, marks[0].i):
                continue
            if tok.left_edge.i > head.i:
                bounds.add(marks[0].i)
                drop.add(marks[0].i)
            elif tok.left_edge.i <= 1 and tok.right_edge.i + 1 < head.i:
                bounds.add(tok.right_edge.i + 1)
                drop.add(marks[0].i)
    return bounds, frozenset(drop)


def _clause_bounds(doc: Doc) -> tuple[set[int], frozenset[int]]:
    """Clause starts in an unpunctuated run: the left edge of each subject of a verb.

    Subjects of relative clauses and of clausal complements stay with their
    main clause ("X said [he will go]"), so that claims keep their attribution.
    """
    bounds: set[int] = set()
    for tok in doc:
        if (
            tok.dep_ in {"nsubj", "nsubjpass"}
            and tok.head.pos_ in _VERBAL
            and tok.head.dep_ not in {"relcl", "acl"}
            and tok.left_edge.i > 0
        ):
            bounds.add(tok.left_edge.i)
    return bounds, frozenset()


def _inside_quote(doc: Doc, i: int) -> bool:
    """Whether token ``i`` stands inside a quotation (an odd number of quote marks before it)."""
    return sum(1 for t in doc[:i] if t.text in _QUOTES or t.text in {"``", "''"}) % 2 == 1


def _subject(span: SpacySpan, names: dict[str, str]) -> tuple[str, str, bool] | None:
    """The main subject of a piece: (text, PERSON/OTHER/PRON, plural)."""
    for tok in span:
        if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.i < span.start or tok.head.i >= span.end:
            continue
        if tok.head.dep_ not in {"ROOT", "conj", "advcl", "ccomp"}:
            continue
        if tok.pos_ == "PRON":
            return tok.lower_, "PRON", tok.lower_ in {"they", "we"}
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        plural = tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in tok.children)
        if ent is not None and ent.label_ == "PERSON" and not plural:
            return _bare_name(ent.text), "PERSON", False
        if tok.pos_ == "PROPN" and tok.lower_ in names and not plural:
            return tok.text, "PERSON", False
        phrase = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
        if len(phrase) > 6 or any(t.dep_ in {"relcl", "acl", "appos"} for t in phrase):
            keep = [t for t in tok.subtree if t.dep_ in {"det", "compound", "amod", "poss", "cc", "conj"} or t == tok]
            keep = [t for t in keep if t.i <= tok.i or t.dep_ in {"cc", "conj"}]
            if len(keep) > 6:
                return None
            text = " ".join(t.text for t in keep)
        else:
            text = phrase.text
        if text.lower().split()[0] in {"this", "that", "these", "those", "which", "who"}:
            return None
        return text, "OTHER", plural
    return None


# --------------------------------------------------------------------------- speakers


def _person_names(docs: list[Doc]) -> dict[str, str]:
    """Surname -> the fullest name the article uses for that person."""
    names: dict[str, str] = {}
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            full = _bare_name(ent.text)
            parts = full.split()
            if not parts:
                continue
            last = parts[-1].lower()
            if len(full) > len(names.get(last, "")):
                names[last] = full
    return names


def _speaker(doc: Doc, names: dict[str, str], a: int = 0, b: int | None = None) -> str | None:
    """Who a sentence (tokens a..b) reports, if attributed: 'X said', '"...," said X', 'according to X'."""
    best: str | None = None
    for tok in doc[a:b]:
        cand: Token | None = None
        if tok.lemma_ in _SAY and tok.pos_ == "VERB":
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if subj and (
                any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children)
                or any(t.text in _QUOTES for t in doc[a:b])
                or tok.i == (len(doc) if b is None else b) - 1
                or tok.dep_ == "ROOT"
            ):
                cand = subj[0]
            elif not subj and any(c.dep_ == "nsubjpass" for c in tok.children):
                cand = _by_agent(tok)  # "three deaths were reported by the fire service"
        elif tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            cand = objs[0] if objs else None
        if cand is not None and cand.dep_ == "nsubj" and (agent := _by_agent(tok)) is not None:
            cand = agent  # "the earthquake, first reported as 6.1 by the institute": the institute reports
        if cand is None:
            continue
        phrase = cand.doc[cand.left_edge.i : cand.right_edge.i + 1]
        named = any(t.pos_ == "PROPN" or t.ent_type_ for t in phrase)
        if cand.pos_ != "PRON" and not named and (tok.lemma_ not in _SAY_CORE or cand.dep_ == "pobj"):
            continue  # "experts believe", "its orbit suggests": no one to name
        name = _name_of(cand, names)
        if name is None:
            continue
        if best is None or (cand.ent_type_ == "PERSON"):
            best = name
            if cand.ent_type_ == "PERSON":
                break
    return best


def _by_agent(verb: Token) -> Token | None:
    """The named "by" phrase of a reporting verb or of its object ("reported as 6.1 by the institute"), not
    of a clause it reports ("officials said the town was destroyed by Hurricane Ian")."""
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp", "advcl", "conj", "relcl", "parataxis", "acl"}:
            continue
        for by in (child, *child.children):
            if by.lower_ == "by" and by.dep_ in {"agent", "prep"}:
                obj = next((g for g in by.children if g.dep_ == "pobj"), None)
                if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_):
                    return obj
    return None


def _bare_name(text: str) -> str:
    """A name without honorific or possessive: "Mr. Rogozin's" -> "Rogozin"."""
    text = re.sub(r"^(?:mr|mrs|ms|dr|prof)\.?\s+", "", text.strip(), flags=re.I)
    return re.sub(r"(?:['’]s?|\s+s)$", "", text).strip()


def _name_of(tok: Token, names: dict[str, str]) -> str | None:
    """The name to show for a speaker token: a person named in its phrase, else the phrase's head words."""
    if tok.pos_ == "PRON":
        return tok.lower_ if tok.lower_ in {"he", "she", "they"} else None
    phrase = range(tok.left_edge.i, tok.right_edge.i + 1)
    people = [e for e in tok.doc.ents if e.label_ == "PERSON" and e.start in phrase]
    own = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    ent = own if own is not None and own.label_ == "PERSON" else (people[0] if people else own)
    if tok.pos_ == "PROPN" and tok.lower_ in names and (ent is None or ent.label_ != "PERSON"):
        return names[tok.lower_]
    if ent is not None and ent.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
        text = _bare_name(ent.text)
        return names.get(text.split()[-1].lower(), text) if ent.label_ == "PERSON" and text else text or None
    words_ = [t for t in tok.subtree if t.dep_ in {"compound", "det", "amod"} or t == tok]
    words_ = [t for t in words_ if t.i <= tok.i]
    text = " ".join(t.text for t in words_)
    return text if 0 < len(words_) <= 5 else None


def _inherit_speakers(pieces: list[_Piece], views: list[_View]) -> None:
    """Sentences inside one quotation share its speaker; a quote paragraph continues the last one.

    Quotation runs are found per block by pairing quote marks; a sentence of a
    run with no attribution takes the attribution found anywhere in the run,
    and a block that opens with a quote and names nobody keeps the previous
    block's speaker (the news convention for a quote going on).
    """
    last_speaker: str | None = None
    for vi, view in enumerate(views):
        mine = [p for p in pieces if p.view == vi]
        if not mine:
            continue
        regions = _quote_regions(view.text)
        for a, b in regions:
            inside = [p for p in mine if p.start < b and p.end > a]
            found = next((p.speaker for p in inside if p.speaker and p.speaker not in _PRONOUNS), None)
            found = found or next((p.speaker for p in inside if p.speaker), None)
            if found:
                for p in inside:
                    if p.speaker is None:
                        p.speaker = found
        opens_quote = view.text.lstrip()[:1] in _QUOTES
        if opens_quote and not any(p.speaker for p in mine) and last_speaker:
            for p in mine:
                if regions and p.start < regions[0][1]:
                    p.speaker = last_speaker
        quoted = [p.speaker for p in mine if p.speaker and any(p.start < b and p.end > a for a, b in regions)]
        last_speaker = quoted[-1] if quoted else None


def _quote_regions(text: str) -> list[tuple[int, int]]:
    regions = []
    for m in re.finditer(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)", text, flags=re.S):
        if m.end() - m.start() > 2:
            regions.append((m.start(), m.end()))
    return regions


# --------------------------------------------------------------------------- length cap


def _cap(piece: _Piece, text: str) -> list[_Piece]:
    """Cut a piece longer than MAX_CLAIM_CHARS at its best inner boundary, recursively."""
    if piece.end - piece.start <= MAX_CLAIM_CHARS:
        return [piece]
    cands: list[tuple[int, int, int]] = []  # (priority, cut_at, resume_at) in view offsets
    if piece.doc is not None and piece.tok is not None:
        base = piece.start - _tok_start(piece)
        for tok in piece.doc[piece.tok[0] : piece.tok[1]]:
            at = base + tok.idx
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.pos_ in _VERBAL and tok.left_edge.i == tok.i:
                cands.append((0, at, at))
            elif tok.dep_ == "cc" and tok.head.pos_ in _VERBAL:
                cands.append((1, at, at + len(tok.text_with_ws)))
            elif tok.dep_ == "mark" or tok.tag_ in {"WDT", "WP"}:
                cands.append((2, at, at))
    for m in re.finditer(r"[,;:]\s+", text[piece.start : piece.end]):
        cands.append((2, piece.start + m.start(), piece.start + m.end()))
    for m in re.finditer(r"\s+", text[piece.start : piece.end]):
        cands.append((3, piece.start + m.start(), piece.start + m.end()))
    mid = (piece.start + piece.end) / 2
    ok = [c for c in cands if c[1] - piece.start >= MIN_PIECE_CHARS and piece.end - c[2] >= MIN_PIECE_CHARS]
    if not ok:
        return [piece]
    best = min(ok, key=lambda c: (c[0], abs(c[1] - mid)) if abs(c[1] - mid) < (piece.end - piece.start) / 3 else (9, 0))
    if best[0] == 9:
        best = min(ok, key=lambda c: abs(c[1] - mid))
    left = replace(piece, end=best[1])
    right = replace(piece, start=best[2], subject=_re_subject(piece, best[2]))
    return [*_cap(left, text), *_cap(right, text)]


def _tok_start(piece: _Piece) -> int:
    assert piece.doc is not None and piece.tok is not None
    toks = [t for t in piece.doc[piece.tok[0] : piece.tok[1]] if t.i not in piece.drop and not t.is_space]
    return toks[0].idx if toks else 0


def _re_subject(piece: _Piece, at: int) -> tuple[str, str, bool] | None:
    if piece.doc is None or piece.tok is None:
        return None
    base = piece.start - _tok_start(piece)
    toks = [t.i for t in piece.doc[piece.tok[0] : piece.tok[1]] if base + t.idx >= at]
    return _subject(piece.doc[toks[0] : toks[-1] + 1], {}) if toks else None


# --------------------------------------------------------------------------- promo runs


def _drop_promo_runs(pieces: list[_Piece], views: list[_View], article: Article) -> tuple[list[_Piece], list[Removed]]:
    """In unpunctuated runs, cut out pasted headline lists that start at a promo cue.

    The stretch starts at the cue and lasts while the following clauses share
    few content words with the rest of the article; the first clause back on
    topic ends it.
    """
    removed: list[Removed] = []
    if not any(v.run for v in views):
        return pieces, removed
    topic = TopicModel(v.text for v in views)
    out: list[_Piece] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        view = views[piece.view]
        cue = _CUE.search(view.text, piece.start, piece.end) if view.run else None
        if cue is None:
            out.append(piece)
            i += 1
            continue
        before = view.text[piece.start : cue.start()]
        if len(before.split()) < 5 and out and out[-1].view == piece.view:
            # "... mr rogozin said [top stories ...]": the stub belongs to the claim before
            out[-1] = replace(out[-1], end=cue.start(), speaker=piece.speaker or out[-1].speaker, text=None)
        elif before.strip():
            out.append(replace(piece, end=cue.start(), text=None))
        j = i + 1
        run_end = piece.end
        while j < len(pieces) and pieces[j].view == piece.view:
            passage = view.text[pieces[j].start : pieces[j].end]
            score = topic.overlap(passage, exclude=view.text[cue.start() : run_end] + " " + passage)
            if score is not None and score >= OFF_TOPIC:
                break
            run_end = pieces[j].end
            j += 1
        if j < len(pieces) and pieces[j].view == piece.view:
            # the clause that ends the run may still open with the last headline's tail
            back = pieces[j]
            run = view.text[cue.start() : run_end] + " " + view.text[back.start : back.end]
            cut = _back_on_topic(view.text, back.start, back.end, topic, run)
            if cut > back.start:
                run_end = cut
                pieces[j] = replace(back, start=cut, text=None)
        span = view.to_file(cue.start(), run_end)
        passage = " ".join(article.text[span.start : span.end].split())
        removed.append(Removed(span=span, reason="promo headlines in text", text=passage))
        i = j
    return out, removed


def _back_on_topic(text: str, start: int, end: int, topic: TopicModel, run: str) -> int:
    """Where the article's topic resumes inside ``text[start:end]``: before the first on-topic word.

    Function words just before that word ("the") go with it; if the first
    content word is already on topic, nothing is cut.
    """
    tokens = list(re.finditer(r"\S+", text[start:end]))
    keep_from = 0
    for n, m in enumerate(tokens):
        word = m.group().lower()
        stems = content_stems(word)
        if not stems:
            continue
        if topic.overlap(word, exclude=run) == 1.0:
            keep_from = n
            while keep_from > 0 and not content_stems(tokens[keep_from - 1].group()):
                keep_from -= 1
                if tokens[keep_from].group().lower() in {"the", "a", "an"}:
                    break
            break
    else:
        return start
    return start + tokens[keep_from].start() if keep_from > 0 else start


# --------------------------------------------------------------------------- pronouns


def _resolve_pronouns(pieces: list[_Piece], views: list[_View]) -> None:
    """Replace a claim-initial he/she/it/they with its referent when the context makes it clear.

    The referent is the subject of one of the two previous claims that agrees
    in kind (a person for he/she; a singular non-person for it; a plural for
    they). Expletive "it" ("it appears that") is left alone.
    """
    history: list[tuple[str, str, bool]] = []
    for piece in pieces:
        text = " ".join(views[piece.view].text[piece.start : piece.end].split())
        first = re.match(r"[\"“]?(\w+)\b", text)
        word = first.group(1).lower() if first else ""
        pron = _POSSESSIVES.get(word, word)
        subject = piece.subject
        if pron in _PRONOUNS and not _expletive(piece, word):
            ref = _referent(pron, history, piece)
            if ref is not None:
                assert first is not None
                # the source's own word stays, the referent is shown beside it: "He [Rogozin] said"
                piece.text = text[: first.end(1)] + f" [{ref}]" + text[first.end(1) :]
                if subject is None or subject[1] == "PRON":
                    subject = (ref, "PERSON" if pron in {"he", "she"} else "OTHER", pron == "they")
        if piece.speaker in {"he", "she"}:
            piece.speaker = _referent(piece.speaker, history, piece)
        if subject is not None and subject[1] != "PRON":
            history.append(subject)
        history = history[-3:]


def _expletive(piece: _Piece, word: str) -> bool:
    if word != "it" or piece.doc is None or piece.tok is None:
        return False
    toks = [t for t in piece.doc[piece.tok[0] : piece.tok[1]] if t.lower_ == "it"]
    if not toks:
        return False
    it = toks[0]
    if it.dep_ == "expl":
        return True
    head = it.head
    return head.lemma_ in {"appear", "seem", "be", "remain", "become", "take", "rain"} and any(
        c.dep_ in {"ccomp", "xcomp", "csubj", "acomp"} for c in head.children
    )


def _referent(pron: str, history: list[tuple[str, str, bool]], piece: _Piece) -> str | None:
    for text, kind, plural in reversed(history[-2:]):
        if pron in {"he", "she"} and kind == "PERSON":
            return text
        if pron == "it" and kind == "OTHER" and not plural:
            return text[:1].upper() + text[1:]
        if pron == "they" and plural and kind != "PRON":
            return text[:1].upper() + text[1:]
        if pron in {"he", "she"}:
            continue
    return None


# --------------------------------------------------------------------------- claims


def _display(text: str) -> str:
    """Whitespace collapsed, unbalanced quote marks at the edges dropped, first letter up."""
    text = " ".join(text.split())
    if text.count('"') % 2 == 1:
        text = text.strip('"') if text.startswith('"') or text.endswith('"') else text
    if text.count("“") > text.count("”") and text.startswith("“"):
        text = text[1:]
    if text.count("”") > text.count("“") and text.endswith("”"):
        text = text[:-1]
    text = text.strip(" ,;:")
    return text[:1].upper() + text[1:] if text else text


#: A claim of fewer words than this states nothing; nor does one without a verb (or cut off by a truncated
#: page) of fewer than :data:`FRAGMENT_WORDS`.
MIN_CLAIM_WORDS = 2
FRAGMENT_WORDS = 8


def _fragment(claim: Claim, parsed: Parsed) -> bool:
    """A stub left by a cut or a truncated page ("The the bomber is Exp", "Wang Yang and Dmitry Rogozin")."""
    n_words = len(re.findall(r"[\w'’]+", claim.text))
    if n_words < MIN_CLAIM_WORDS:
        return True
    if claim.truncated and n_words < FRAGMENT_WORDS:
        return True
    span = parsed.span()
    return span is not None and n_words < FRAGMENT_WORDS and not any(t.pos_ in _VERBAL for t in span)


def _parsed(view: _View, piece: _Piece) -> Parsed:
    """The claim's own words, its parse, and the way from its offsets to the file."""
    start, end = piece.start, piece.end

    def to_file(s: int, e: int) -> Span:
        return view.to_file(start + s, start + max(s, e))

    shared = piece.context_span if piece.doc is not None else None
    return Parsed(
        text=view.text[start:end],
        to_file=to_file,
        doc=piece.doc,
        doc_start=start - piece.base if piece.doc is not None else 0,
        shared_time=shared,
    )


def _claims(article: Article, views: list[_View], pieces: list[_Piece]) -> list[tuple[Claim, Parsed, bool]]:
    """Each piece as a claim, with its parse and whether it is the headline."""
    claims: list[tuple[Claim, Parsed, bool]] = []
    used: set[str] = set()
    first_view = next((i for i, v in enumerate(views) if not v.headline), 0)
    last_view = len(views) - 1
    starts_cut = views[first_view].text.lstrip()[:1].islower() or (
        views[first_view].run and not article.text[views[first_view].block.span.start :][:1].isupper()
    )
    tail = article.text[: views[last_view].block.span.end].rstrip()
    ends_cut = not re.search(r"[.!?…][\"'”’)\]]*$|[\"”]$", tail)
    pieces = [p for p in pieces if p.end > p.start]
    for n, piece in enumerate(pieces):
        view = views[piece.view]
        span = view.to_file(piece.start, piece.end)
        if span.end <= span.start:
            continue
        text = _display(piece.text if piece.text is not None else view.text[piece.start : piece.end])
        if not text:
            continue
        if piece.context:
            body = text.rstrip(".!?")
            text = f"{body} [{piece.context}]{text[len(body) :]}"
        truncated = (n == 0 and piece.view == first_view and starts_cut) or (
            n == len(pieces) - 1 and piece.view == last_view and ends_cut
        )
        claim_id = f"{article.id}:{span.start}-{span.end}"
        k = 1
        while claim_id in used:
            k += 1
            claim_id = f"{article.id}:{span.start}-{span.end}~{k}"
        used.add(claim_id)
        speaker = piece.speaker if piece.speaker not in _PRONOUNS else None
        claim = Claim(id=claim_id, article_id=article.id, text=text, span=span, speaker=speaker, truncated=truncated)
        claims.append((claim, _parsed(view, piece), view.headline))
    return claims
