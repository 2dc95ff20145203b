"""Syndicated copies count once, and where a copy was edited is a finding of its own.

Five mastheads running one wire story are one source, not five: an agreement
whose sources are all copies of one text says nothing about whether
independent outlets agree, so it is not reported as one, and every finding
says how many independent sources stand behind its values. Where a copy's
wording differs from its original's (a figure changed, a qualifier dropped, a
sentence added), the difference is reported as an edited copy, with both
wordings: it is exactly what an editor wants to see, and it is not a
disagreement between independent sources.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from factcheck.families import CopyEdit
from factcheck.schema import Claim, FactValue, Finding, Span

#: Copy edits worth an editor's eye; a reworded sentence ("wording") is how copies are rewritten.
REPORTED_EDITS = frozenset({"number", "qualifier", "sentence"})


def independent(article_ids: Sequence[str], family_of: Mapping[str, str]) -> int:
    """How many of these articles are not copies of one another."""
    return len({family_of.get(a, a) for a in article_ids})


def with_independence(findings: Sequence[Finding], family_of: Mapping[str, str]) -> list[Finding]:
    """Each finding with its count of independent sources; an agreement only copies make is left out."""
    out = []
    for f in findings:
        arts = list(dict.fromkeys(v.article_id for v in f.values))
        n = independent(arts, family_of) if arts else None
        if f.kind == "agreement" and f.reason != "covered" and n is not None and n < 2:
            continue  # copies of one text repeating it
        update: dict[str, object] = {"independent_sources": n}
        if f.kind != "agreement" and n == 1 and len(arts) > 1 and f.reason not in {"misspelling", "within_source"}:
            update |= {"kind": "discrepancy", "reason": "edited_copy", "note": "the copies of one text differ"}
        out.append(f.model_copy(update=update))
    return out


#: A copy with more edits of its wording than this (sentences, qualifiers) was rewritten, not edited.
MAX_WORDING_EDITS = 3


def _worth_reporting(e: CopyEdit) -> bool:
    """A changed figure (numbers on both sides, a few words), or a qualifier or sentence added or dropped."""
    if e.kind not in REPORTED_EDITS or (e.kind != "number" and e.change == "replaced"):
        return False  # a sentence or a qualifier reworded is how copies are rewritten
    if e.kind == "number":
        short = len(e.original_text.split()) <= 6 and len(e.copy_text.split()) <= 6
        return short and _digits(e.original_text) and _digits(e.copy_text)  # not "Chandrayaan-3", "France 24"
    return True


def _digits(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _claim_at(claims: Sequence[Claim], article_id: str, span: Span) -> Claim | None:
    best = None
    for c in claims:
        if c.article_id == article_id and c.span.start <= max(span.start, span.end - 1) and span.start < c.span.end:
            return c
        if c.article_id == article_id and c.span.start <= span.start:
            best = c
    return best


def edited_copies(edits: Sequence[CopyEdit], claims: Sequence[Claim], findings: Sequence[Finding]) -> list[Finding]:
    """One finding per reported edit: the original's wording and the copy's, with their spans."""
    shown = [(v.article_id, v.span) for f in findings if f.kind != "agreement" for v in f.values]

    def covered(article_id: str, span: Span) -> bool:
        return any(a == article_id and s.start <= span.end and span.start <= s.end for a, s in shown)

    reported = [e for e in edits if _worth_reporting(e)]
    per_pair: dict[tuple[str, str], int] = {}
    for e in reported:
        if e.kind != "number":
            per_pair[(e.original_id, e.copy_id)] = per_pair.get((e.original_id, e.copy_id), 0) + 1
    out = []
    for e in reported:
        if e.kind != "number" and per_pair[(e.original_id, e.copy_id)] > MAX_WORDING_EDITS:
            continue  # a copy rewritten throughout: its changed figures are the news, not every sentence
        if covered(e.copy_id, e.copy_span) and covered(e.original_id, e.original_span):
            continue  # the fact-level finding already shows it
        original = _claim_at(claims, e.original_id, e.original_span)
        copy = _claim_at(claims, e.copy_id, e.copy_span)
        if original is None or copy is None:
            continue
        values = (
            FactValue(claim_id=original.id, article_id=e.original_id, value=e.original_text or "(nothing)",
                      span=e.original_span),
            FactValue(claim_id=copy.id, article_id=e.copy_id, value=e.copy_text or "(nothing)", span=e.copy_span),
        )  # fmt: skip
        what = {"number": "a figure", "qualifier": "a qualifier", "sentence": "a sentence"}[e.kind]
        change = {"replaced": "changed", "added": "added", "dropped": "dropped"}[e.change]
        digest = hashlib.sha1(f"copy\x1f{e.copy_id}\x1f{e.copy_span.start}\x1f{e.original_span.start}".encode())
        out.append(
            Finding(
                id=f"F-{digest.hexdigest()[:12]}",
                kind="discrepancy",
                type="number" if e.kind == "number" else "other",
                claim_ids=tuple(dict.fromkeys((original.id, copy.id))),
                confidence=0.9,
                explanation=(
                    f"{e.copy_id} is a copy of {e.original_id} that {change} {what}: "
                    f"'{e.original_context}' became '{e.copy_context}'."
                ),
                fact=f"{what} {change}",
                values=values,
                reason="edited_copy",
                note=f"{what} {change} in the copy",
                level="high",
                independent_sources=1,
            )
        )
    return out
