"""Where a deal or process stands: proposed, agreed, pending, approved, completed, blocked, abandoned.

"Microsoft completes the takeover" and "Microsoft agreed to buy Activision,
subject to regulators' approval" disagree on one fact, the status of the deal,
though no figure differs. A status is read from the parse: a verb of a stage
(``lexicon.STATUS_STAGES``) whose object or infinitive is a process ("the
takeover", "to buy"), or "subject to" / "pending" an approval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.facts.lexicon import STATUS_OF
from factcheck.facts.model import Attribute, Status
from factcheck.parse import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Nouns and verbs that name a process whose status can be reported.
PROCESS_NOUNS = frozenset(
    ["deal", "acquisition", "takeover", "merger", "purchase", "sale", "bid", "offer", "transaction", "buyout"]
)
PROCESS_VERBS = frozenset(["buy", "acquire", "purchase", "merge", "sell", "take"])


def _process(verb: Token) -> Token | None:
    """The process a status verb is about: its object, its passive subject or its infinitive."""
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass", "nsubj", "pobj"} and child.lemma_.lower() in PROCESS_NOUNS:
            return child
        if child.dep_ == "xcomp" and child.lemma_.lower() in PROCESS_VERBS:
            return child
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in PROCESS_NOUNS:
                    return obj
    return None


def find_statuses(parsed: Parsed) -> list[tuple[Status, int, int]]:
    """Status values in a claim, with spans of the words that state them (local to ``parsed.text``)."""
    span = parsed.span()
    if span is None:
        return []
    out: list[tuple[Status, int, int]] = []
    base = parsed.doc_start
    for tok in span:
        lemma = tok.lemma_.lower()
        stage: str | None = None
        if tok.pos_ in {"VERB", "AUX"} and lemma in STATUS_OF and _process(tok) is not None:
            stage = STATUS_OF[lemma]
        elif (
            tok.lower_ in {"subject", "pending"}
            and any(
                c.dep_ in {"prep", "pobj", "dobj"} and any("approv" in w.lower_ for w in c.subtree)
                for c in tok.children
            )
        ) or (tok.lower_ == "pending" and tok.dep_ in {"amod", "acomp", "prep"}):
            stage = "pending"
        if stage is None:
            continue
        s, e = tok.idx - base, tok.idx + len(tok.text) - base
        if s >= 0 and e <= len(parsed.text):
            out.append((Status(stage=stage, lemma=lemma), s, e))
    return out


def status_attribute(parsed: Parsed, start: int, end: int) -> Attribute:
    """What a status is about: the process ("deal" for an acquisition, a merger, "to buy") and who runs it."""
    doc = parsed.doc
    span = doc.char_span(parsed.doc_start + start, parsed.doc_start + end, alignment_mode="expand") if doc else None
    if span is None:
        return Attribute(text="status", noun="deal", concept="deal", lemmas=("deal",))
    verb = span.root
    if verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    process = _process(verb)
    subject = next((c.text for c in verb.subtree if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    if subject is None and verb.dep_ in {"xcomp", "conj"}:
        subject = next((c.text for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    target = None
    if process is not None:
        target = next((c.text for c in process.subtree if c.pos_ == "PROPN" and c.dep_ in {"dobj", "pobj"}), None)
    words = [w for w in (subject, "deal", target) if w]
    return Attribute(
        text="status of the " + " ".join(words[1:] if subject else words) if words else "status",
        noun="deal",
        subject=subject,
        relation=target,
        concept="deal",
        lemmas=("deal",),
    )
