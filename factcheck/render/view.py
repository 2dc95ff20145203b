"""Report -> what an editor reads, once, for every human format (Markdown and HTML).

The renderers only lay this out; what goes where is decided here: short
labels for sources, findings to check in the order an editor should check
them (contradictions, then discrepancies, then updates), each with its values
grouped by the sources that give them, agreements one line per fact, and
what only one source says, one list per source. A finding is shown once,
however many of its facts were found twice (a repeated headline).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from factcheck.schema import KIND_ORDER, ArticleMeta, Claim, Finding, Report

TITLES = {
    "contradiction": "Contradiction",
    "discrepancy": "Discrepancy",
    "time_scoped": "Update over time",
    "agreement": "Agreement",
    "unsupported": "Unsupported",
}
DRAFT_TITLES = {
    "contradiction": "Contradicted",
    "discrepancy": "Differs from the sources",
    "time_scoped": "Differs in time",
    "agreement": "Supported",
    "unsupported": "Unsupported",
}
ICONS = {"contradiction": "❌", "discrepancy": "⚠️", "time_scoped": "🕒", "agreement": "✅", "unsupported": "❓"}
TO_CHECK = ("contradiction", "discrepancy", "time_scoped")


@dataclass(frozen=True)
class Source:
    """One article as the sources table shows it."""

    label: str
    meta: ArticleMeta
    claims: int
    opening: str = ""


@dataclass(frozen=True)
class Wording:
    """A source's claim split around the value it gives, so only the value is marked."""

    label: str
    before: str
    value: str
    after: str
    speaker: str | None = None


@dataclass(frozen=True)
class ValueLine:
    """One value and the sources that give it ("10 minutes: c, d")."""

    value: str
    normalized: str | None
    labels: tuple[str, ...]
    when: str | None = None
    independent: int | None = None


@dataclass(frozen=True)
class Item:
    """One finding as an editor reads it."""

    finding: Finding
    title: str
    fact: str
    values: tuple[ValueLine, ...]
    wordings: tuple[Wording, ...]
    why: str = ""


def why(f: Finding, label: dict[str, str]) -> str:
    """One plain sentence of why, without the values (they are listed beside it)."""
    note = f" ({f.note})" if f.note else ""
    if f.reason == "misspelling" and f.note:
        return f.explanation  # an institution named with another word, not a spelling
    if f.reason == "misspelling":
        forms = list(dict.fromkeys(v.value for v in f.values))
        if len(forms) == 2:
            usual, odd = forms
            counts = [len({v.article_id for v in f.values if v.value == form}) for form in forms]
            if counts[0] == counts[1]:
                return f"'{usual}' and '{odd}' look like one name spelt two ways; as many sources use each."
            return f"'{odd}' looks like a misspelling of '{usual}', the spelling more sources use."
    if f.kind in {"agreement", "unsupported"} or f.reason == "misspelling":
        return f.explanation
    if f.reason == "update":
        if f.kind == "time_scoped":
            return "Reported at different times: a figure that changed as the story unfolded, not a conflict."
        return (
            "A running figure: the sources may have reported it at different times "
            "(they do not say at what hour or on what day each holds)."
        )
    if f.reason == "attributed":
        return "Each value is attributed to a different source, so they may all be reported correctly."
    if f.reason == "title_change":
        return "Titles change over time, so both may have been true when written."
    if f.reason == "within_source":
        if f.kind == "contradiction":
            return f"One source gives two values for the same thing{note}."
        return f"One source gives two values for what reads as one thing{note}: two things, or a slip in the source."
    if f.reason == "edited_copy":
        return "These are copies of one text, and a copy was edited: see what changed between them."
    if f.kind == "contradiction":
        return f"Both cannot be true of the same thing at the same time{note}."
    return f"They differ in a way an editor should check, though both may be true{note}."


#: Claims of one source shown under "Only one source says" by default: the lead, where news puts what matters.
SINGLE_SHOWN = 5


@dataclass(frozen=True)
class Single:
    """What only one source says: its first claims, and how many more ``--detail`` would list."""

    source: Source
    claims: tuple[Claim, ...]
    more: int = 0


@dataclass(frozen=True)
class View:
    """The whole report, laid out for people."""

    title: str
    mode: str
    sources: tuple[Source, ...]
    to_check: tuple[Item, ...]
    agreed: tuple[Item, ...]
    single: tuple[Single, ...]
    unsupported: tuple[Item, ...] = ()
    related: tuple[tuple[Claim, ...], ...] = ()
    counts: dict[str, int] = field(default_factory=dict)


def _stem(meta: ArticleMeta) -> str:
    return PurePath(re.sub(r":\d+$", "", meta.path)).stem


def labels(articles: Sequence[ArticleMeta]) -> dict[str, str]:
    """A short unique label per article: its outlet when known and unique, else its file name's shortest
    unique prefix (at least three characters), else its id."""
    outlets = [a.source for a in articles]
    out: dict[str, str] = {}
    for a in articles:
        if a.source and outlets.count(a.source) == 1:
            out[a.id] = a.source
    rest = [a for a in articles if a.id not in out]
    stems = {a.id: _stem(a) for a in rest}
    for a in rest:
        stem = stems[a.id]
        for n in range(3, len(stem) + 1):
            prefix = stem[:n]
            if sum(1 for s in stems.values() if s.startswith(prefix)) == 1 and prefix not in out.values():
                out[a.id] = prefix
                break
        else:
            out[a.id] = a.id
    return out


def split_value(text: str, value: str) -> tuple[str, str, str]:
    """``text`` around the first occurrence of ``value`` (case-insensitive); all of it before when absent."""
    at = text.lower().find(value.lower()) if value else -1
    if at < 0:
        return text, "", ""
    return text[:at], text[at : at + len(value)], text[at + len(value) :]


def _item(
    f: Finding, claims: dict[str, Claim], label: dict[str, str], titles: dict[str, str], family: dict[str, str]
) -> Item:
    grouped: dict[tuple[str, str | None], list[str]] = {}
    families: dict[tuple[str, str | None], set[str]] = {}
    when: dict[tuple[str, str | None], str | None] = {}
    for v in f.values:
        key = (v.value if f.reason != "same_claim" else "", v.normalized)
        same = next((k for k in grouped if k[0].lower() == key[0].lower() and k[1] == key[1]), None)
        key = same or key
        grouped.setdefault(key, [])
        if label[v.article_id] not in grouped[key]:
            grouped[key].append(label[v.article_id])
            families.setdefault(key, set()).add(family.get(v.article_id, v.article_id))
        if v.as_of is not None and f.reason == "update":
            when[key] = f"{v.as_of:%-d %b %Y}"
    lines = tuple(
        ValueLine(k[0], k[1], tuple(ls), when.get(k), len(families[k]) if len(families[k]) < len(ls) else None)
        for k, ls in grouped.items()
    )
    wordings = []
    seen: set[str] = set()
    for v in f.values:
        claim = claims.get(v.claim_id)
        if claim is None or claim.id in seen:
            continue
        seen.add(claim.id)
        value = v.value if f.reason != "same_claim" else ""
        before, shown, after = split_value(" ".join(claim.text.split()), value)
        wordings.append(Wording(label[claim.article_id], before, shown, after, claim.speaker))
    title = {"within_source": "Inconsistent within one source", "edited_copy": "Edited copy"}.get(
        f.reason or "", titles[f.kind]
    )
    return Item(f, title, f.fact or "", lines, tuple(wordings), why(f, label))


def _opening(text: str, words: int = 10) -> str:
    """The first words of an article, to name it when it has no headline."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _signature(item: Item) -> tuple[object, ...]:
    return (item.finding.kind, tuple((v.value.lower(), v.labels) for v in item.values))


def build(report: Report, detail: bool = False) -> View:
    """The report laid out for people; ``detail`` adds every cluster of claims."""
    claims = {c.id: c for c in report.claims}
    label = labels(report.articles)
    family = {a.id: a.family for a in report.articles if a.family}
    per_article: dict[str, int] = defaultdict(int)
    for c in report.claims:
        per_article[c.article_id] += 1
    first: dict[str, str] = {}
    for c in report.claims:
        first.setdefault(c.article_id, c.text)
    sources = tuple(Source(label[a.id], a, per_article[a.id], _opening(first.get(a.id, ""))) for a in report.articles)
    titles = DRAFT_TITLES if report.mode == "draft" else TITLES
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    to_check: list[Item] = []
    agreed: list[Item] = []
    unsupported: list[Item] = []
    seen: set[tuple[object, ...]] = set()
    for f in sorted(report.findings, key=lambda f: (rank[f.kind], -f.confidence, f.id)):
        item = _item(f, claims, label, titles, family)
        sig = _signature(item)
        if sig in seen and f.values:
            continue
        seen.add(sig)
        if f.kind in TO_CHECK:
            to_check.append(item)
        elif f.kind == "agreement":
            agreed.append(item)
        else:
            unsupported.append(item)
    shared: set[str] = set()
    for f in report.findings:
        if len({v.article_id for v in f.values} | {claims[c].article_id for c in f.claim_ids if c in claims}) > 1:
            shared.update(f.claim_ids)
    related: list[tuple[Claim, ...]] = []
    if detail:  # every cluster, so every claim of the input is shown somewhere
        for cluster in report.clusters:
            members = tuple(claims[c] for c in cluster.claim_ids if c in claims)
            if members:
                related.append(members)
    drafts = set(report.drafts)
    single = []
    if report.mode == "cross":
        for s in sources:
            own = tuple(c for c in report.claims if c.article_id == s.meta.id and c.id not in shared)
            shown = own if detail else own[:SINGLE_SHOWN]
            if own:
                single.append(Single(s, shown, len(own) - len(shown)))
    items = (*to_check, *agreed, *unsupported)
    counts: dict[str, int] = {k: sum(1 for i in items if i.finding.kind == k) for k in KIND_ORDER}
    counts["claims"] = len(report.claims)
    counts["drafts"] = len(drafts)
    title = "Pre-publication check" if report.mode == "draft" else "Cross-check report"
    return View(
        title, report.mode, sources, tuple(to_check), tuple(agreed), tuple(single), tuple(unsupported),
        tuple(related), counts,
    )  # fmt: skip
