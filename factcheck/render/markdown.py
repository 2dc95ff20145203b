"""Report -> Markdown for editors.

Order follows what an editor needs first: the summary and the source-by-source
table, then every cluster that more than one source speaks to (conflicts
first) with each source's wording side by side and the words that differ in
bold, then what only one source says.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from factcheck._text import STOPWORDS
from factcheck.render._escape import md_cell, md_code, md_inline
from factcheck.render._locate import file_text, line_col
from factcheck.schema import ArticleMeta, Claim, ClaimCluster, Finding, Report

VERDICT = {
    "contradiction": "Contradiction",
    "discrepancy": "Discrepancy",
    "time_scoped": "Differs in time",
    "agreement": "Agreement",
    "unsupported": "Unsupported",
}
DRAFT_VERDICT = {
    "contradiction": "contradicted",
    "discrepancy": "discrepancy",
    "time_scoped": "differs in time",
    "agreement": "supported",
    "unsupported": "unsupported",
}
ICON = {"contradiction": "❌", "discrepancy": "⚠️", "time_scoped": "🕒", "agreement": "✅", "unsupported": "❓"}
ORDER = ("contradiction", "discrepancy", "time_scoped", "unsupported", "agreement")


def _cell(text: str) -> str:
    """Article text safe inside a Markdown table cell (escaped: nothing of it becomes markup)."""
    return md_cell(text)


_EDGES = re.compile(r"^([\"“‘'(\[]*)(.*?)([.,;:!?\"”’')\]]*)$")


def _core(token: str) -> tuple[str, str, str]:
    """Split a whitespace token into leading punctuation, the word, trailing punctuation."""
    match = _EDGES.match(token)
    assert match is not None  # the pattern matches any string
    return match.group(1), match.group(2), match.group(3)


def mark_differences(text: str, others: Iterable[str]) -> str:
    """Bold the content words of ``text`` that none of ``others`` contains (case-insensitive).

    Function words are never marked: "the" versus "a" is not what an editor checks.
    The result is Markdown for one line or table cell: every piece of the text
    is escaped, only the ``**`` are markup.
    """
    seen = {_core(t)[1].lower() for other in others for t in other.split()}
    out = []
    for token in text.split():
        lead, word, trail = _core(token)
        key = word.lower()
        differs = key and key not in seen and key not in STOPWORDS and any(ch.isalnum() for ch in key)
        out.append(f"{md_cell(lead)}**{md_cell(word)}**{md_cell(trail)}" if differs else md_cell(token))
    return " ".join(out)


def _label(article: ArticleMeta) -> str:
    return article.source or article.id


def _summary(report: Report, claims: dict[str, Claim], clusters: Sequence[ClaimCluster]) -> list[str]:
    kinds = Counter(f.kind for f in report.findings)
    shared = [c for c in clusters if len({claims[i].article_id for i in c.claim_ids}) > 1]
    lines = [
        "## Summary",
        "",
        "| sources | claims | clusters | shared by 2+ sources "
        "| agreements | contradictions | discrepancies | differ in time |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {len(report.articles)} | {len(report.claims)} | {len(clusters)} | {len(shared)} | "
        f"{kinds['agreement']} | {kinds['contradiction']} | {kinds['discrepancy']} | {kinds['time_scoped']} |",
        "",
        "| source | title | published | claims |",
        "|---|---|---|---:|",
    ]
    per_article = Counter(c.article_id for c in report.claims)
    for a in report.articles:
        published = (
            f"{a.published}" + (f" ({a.published_from})" if a.published_from else "") if a.published else "unknown"
        )
        title = _cell(a.title or "(untitled)") + (_cell(f" — {a.author}") if a.author else "")
        lines.append(f"| {md_code(a.id, table=True)} | {title} | {published} | {per_article[a.id]} |")
    return [*lines, ""]


def _pair_table(report: Report, claims: dict[str, Claim]) -> list[str]:
    """How often each pair of sources agrees (✅) or conflicts (❌ contradiction, ⚠️ discrepancy)."""
    ids = [a.id for a in report.articles]
    cells: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for f in report.findings:
        arts = sorted({claims[c].article_id for c in f.claim_ids})
        for i, a in enumerate(arts):
            for b in arts[i + 1 :]:
                cells[(a, b)][f.kind] += 1
                cells[(b, a)][f.kind] += 1
    lines = [
        "### Source by source",
        "",
        "Findings each pair of sources shares: ✅ agree · ❌ contradict · ⚠️ discrepancy · 🕒 differ in time.",
        "",
        "| | " + " | ".join(md_code(i, table=True) for i in ids) + " |",
        "|---|" + "---|" * len(ids),
    ]
    for a in ids:
        row = []
        for b in ids:
            if a == b:
                row.append("—")
                continue
            c = cells[(a, b)]
            parts = [f"{ICON[k]} {c[k]}" for k in ("agreement", "contradiction", "discrepancy", "time_scoped") if c[k]]
            row.append(" ".join(parts) or "·")
        lines.append(f"| {md_code(a, table=True)} | " + " | ".join(row) + " |")
    return [*lines, ""]


def _quote(claim: Claim) -> str:
    who = f" — *{md_inline(claim.speaker)}*" if claim.speaker else ""
    cut = " *(truncated)*" if claim.truncated else ""
    return who + cut


def _wording_table(members: Sequence[Claim]) -> list[str]:
    """Each source's wording side by side, words the others lack in bold."""
    lines = ["| source | wording |", "|---|---|"]
    for claim in members:
        others = [c.text for c in members if c.id != claim.id]
        lines.append(
            f"| {md_code(claim.article_id, table=True)} | {mark_differences(claim.text, others)}{_quote(claim)} |"
        )
    return [*lines, ""]


def _cluster_section(n: int, cluster: ClaimCluster, findings: list[Finding], claims: dict[str, Claim]) -> list[str]:
    """One cluster: per finding, the wordings it compares, the verdict and why; the rest folded away."""
    ranked = sorted(findings, key=lambda f: (ORDER.index(f.kind), -f.confidence, f.id))
    worst = ranked[0]
    lines = [
        f"### {n}. {ICON[worst.kind]} {VERDICT[worst.kind]}: {md_inline(_short(claims[worst.claim_ids[0]].text))}",
        "",
    ]
    shown: set[str] = set()
    for f in ranked:
        what = f" ({f.type})" if f.type else ""
        accepted = " — *accepted in baseline*" if f.baselined else ""
        why = md_inline(f.explanation)
        lines += [f"**{ICON[f.kind]} {VERDICT[f.kind]}{what}**, confidence {f.confidence:.2f}: {why}{accepted}"]
        lines += ["", *_wording_table([claims[c] for c in f.claim_ids])]
        shown.update(f.claim_ids)
    rest = [claims[c] for c in cluster.claim_ids if c not in shown]
    if rest:
        lines += ["<details>", f"<summary>{len(rest)} more related claims</summary>", ""]
        lines += [f"- {md_code(c.article_id)}: {_cell(c.text)}" for c in rest]
        lines += ["", "</details>", ""]
    return lines


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _cross(report: Report) -> list[str]:
    claims = {c.id: c for c in report.claims}
    by_cluster: dict[str | None, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_cluster[f.cluster_id].append(f)
    clusters = list(report.clusters)
    lines = _summary(report, claims, clusters) + _pair_table(report, claims)
    shared = [c for c in clusters if len({claims[i].article_id for i in c.claim_ids}) > 1]
    rank = {c.id: min((ORDER.index(f.kind) for f in by_cluster[c.id]), default=len(ORDER)) for c in shared}
    shared.sort(key=lambda c: (rank[c.id], clusters.index(c)))
    lines += ["## What the sources say together", ""]
    judged = [c for c in shared if by_cluster[c.id]]
    if not judged:
        lines += ["No claim is judged alike or different across sources.", ""]
    for n, cluster in enumerate(judged, 1):
        lines += _cluster_section(n, cluster, by_cluster[cluster.id], claims)
    unjudged = [c for c in shared if not by_cluster[c.id]]
    if unjudged:
        lines += [
            "<details>",
            f"<summary>{len(unjudged)} more groups of related claims where no source settles the other</summary>",
            "",
        ]
        for cluster in unjudged:
            wordings = (f"{md_code(claims[i].article_id)}: {_cell(claims[i].text)}" for i in cluster.claim_ids)
            lines.append("- " + " / ".join(wordings))
        lines += ["", "</details>", ""]
    loose = [
        f for f in report.findings if f.cluster_id is None and len({claims[c].article_id for c in f.claim_ids}) > 1
    ]
    if loose:
        lines += ["## Names spelt differently across sources", ""]
        for f in loose:
            verdict = f"**{ICON[f.kind]} {VERDICT[f.kind]} ({f.type})**, confidence {f.confidence:.2f}"
            lines += [f"{verdict}: {md_inline(f.explanation)}", "", *_wording_table([claims[c] for c in f.claim_ids])]
    internal = [f for f in report.findings if len({claims[c].article_id for c in f.claim_ids}) == 1]
    if internal:
        lines += ["## Inconsistent within one source", ""]
        for f in internal:
            first, second = (claims[c] for c in f.claim_ids[:2])
            lines += [
                f"- {md_code(first.article_id)}, {VERDICT[f.kind].lower()} ({f.type}), confidence {f.confidence:.2f}: "
                f"{md_inline(f.explanation)}",
                f"  - {mark_differences(first.text, [second.text])}",
                f"  - {mark_differences(second.text, [first.text])}",
            ]
        lines.append("")
    lines += ["## What only one source says", ""]
    alone = [c for c in clusters if len({claims[i].article_id for i in c.claim_ids}) == 1]
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for cluster in alone:
        for cid in cluster.claim_ids:
            by_article[claims[cid].article_id].append(claims[cid])
    for a in report.articles:
        own = sorted(by_article.get(a.id, []), key=lambda c: c.span.start)
        if not own:
            continue
        lines += [f"### {md_code(a.id)}" + (f" — {md_inline(a.title)}" if a.title else ""), ""]
        lines += [f"- {md_inline(c.text)}{_quote(c)}" for c in own]
        lines.append("")
    return lines


def _draft(report: Report) -> list[str]:
    claims = {c.id: c for c in report.claims}
    drafts = set(report.drafts)
    verdicts: dict[str, Finding] = {}
    for finding in report.findings:
        verdicts.setdefault(finding.claim_ids[0], finding)
    draft_claims = [c for c in report.claims if c.article_id in drafts]
    counts = Counter(verdicts[c.id].kind for c in draft_claims if c.id in verdicts)
    lines = [
        "## Summary",
        "",
        "| draft claims | supported | contradicted | discrepancies | differ in time | unsupported |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {len(draft_claims)} | {counts['agreement']} | {counts['contradiction']} | {counts['discrepancy']} | "
        f"{counts['time_scoped']} | {counts['unsupported']} |",
        "",
        "Sources: " + ", ".join(md_code(a.id) for a in report.articles if a.id not in drafts),
        "",
        "## Claim by claim",
        "",
    ]
    ranked = sorted(
        draft_claims,
        key=lambda c: (ORDER.index(verdicts[c.id].kind) if c.id in verdicts else 9, c.article_id, c.span.start),
    )
    paths = {a.id: a.path for a in report.articles}
    for n, claim in enumerate(ranked, 1):
        f = verdicts.get(claim.id)
        kind = f.kind if f else "unsupported"
        what = f" ({f.type})" if f and f.type else ""
        line, _ = line_col(file_text(paths[claim.article_id]), claim.span.start)
        lines.append(
            f"### {n}. {ICON[kind]} {DRAFT_VERDICT[kind]}{what}: {md_code(paths[claim.article_id])} line {line}"
        )
        lines += ["", f"> {md_inline(claim.text)}{_quote(claim)}", ""]
        if f:
            accepted = " *(accepted in baseline)*" if f.baselined else ""
            lines += [f"{md_inline(f.explanation)} Confidence {f.confidence:.2f}.{accepted}", ""]
            sources = [claims[c] for c in f.claim_ids[1:]]
            if sources:
                lines += ["| source | wording |", "|---|---|"]
                lines += [
                    f"| {md_code(s.article_id, table=True)} | {mark_differences(s.text, [claim.text])} |"
                    for s in sources
                ]
                lines.append("")
    return lines


def render_markdown(report: Report) -> str:
    """The whole report as Markdown."""
    title = "Pre-publication check" if report.mode == "draft" else "Cross-check report"
    lines = [f"# {title}", "", f"*factcheck {report.version}*", ""]
    lines += _draft(report) if report.mode == "draft" else _cross(report)
    removed = [(a.id, r) for a in report.articles for r in a.removed]
    if removed:
        lines += ["## Left out of the claims", "", "| source | why | text |", "|---|---|---|"]
        for aid, r in removed:
            text = " ".join(r.text.split())
            text = text[:117] + "…" if len(text) > 120 else text
            lines.append(f"| {md_code(aid, table=True)} | {_cell(r.reason)} | {_cell(text)} |")
        lines.append("")
    if report.skipped:
        lines += ["## Skipped inputs", ""] + [f"- {md_code(s.path)}: {md_inline(s.reason)}" for s in report.skipped]
        lines += [""]
    settings = md_inline(", ".join(f"{k} = {v}" for k, v in report.settings.items()))
    lines += ["---", "", f"Settings: {settings}.", ""]
    return "\n".join(lines)
