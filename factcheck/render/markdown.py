"""Report -> Markdown an editor can act on in two minutes.

First what to check (contradictions, discrepancies, updates), each finding
one block: the fact in a few words, one line per value with the sources that
give it (only the value marked), one plain sentence of why, and each
source's wording folded away. Then what several sources agree on, one line
per fact; what only one source says, one list per source; the sources. Every
piece of article text and every path is escaped, so nothing an article
contains becomes markup.
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck.render._escape import html_text, md_cell, md_code, md_inline
from factcheck.render.view import ICONS, Item, Source, ValueLine, View, build
from factcheck.schema import Report


def _edges(text: str, escape: Callable[[str], str]) -> str:
    """``escape(text)`` with a space kept at either edge, so a marked value stays a word of its sentence."""
    core = escape(text)
    return (" " if text[:1].isspace() and core else "") + core + (" " if text[-1:].isspace() and core else "")


def md_text(text: str) -> str:
    """Article text inside a line (escaped by :func:`~factcheck.render._escape.md_inline`, edge spaces kept)."""
    return _edges(text, lambda t: md_inline(t, line_start=False))


def md_line(text: str) -> str:
    """Text that starts a line (a leading list, quote or heading mark made literal)."""
    return md_inline(text)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _labels(labels: tuple[str, ...]) -> str:
    return ", ".join(md_text(label) for label in labels)


def _value_line(line: ValueLine) -> str:
    shown = f"**{md_text(line.value)}**" if line.value else "(the claim)"
    note = (
        f" ({md_text(line.normalized)})" if line.normalized and _squash(line.normalized) != _squash(line.value) else ""
    )
    at = f", {md_text(line.when)}" if line.when else ""
    copies = f" ({len(line.labels)} sources, {line.independent} independent)" if line.independent is not None else ""
    return f"- {shown}{note} — {_labels(line.labels)}{copies}{at}"


def _wordings(item: Item) -> str:
    """Each source's wording, the value in bold, folded into one HTML line (an HTML block, so HTML-escaped)."""
    rows = []
    for w in item.wordings:
        parts = (_edges(w.before, html_text), html_text(w.value), _edges(w.after, html_text))
        marked = f"{parts[0]}<strong>{parts[1]}</strong>{parts[2]}" if w.value else html_text(w.before)
        said = f" — <em>{html_text(w.speaker)}</em>" if w.speaker else ""
        rows.append(f"<li>{html_text(w.label)}: {' '.join(marked.split())}{said}</li>")
    return f"<details><summary>How each source puts it</summary><ul>{''.join(rows)}</ul></details>"


def _check_block(n: int, item: Item) -> list[str]:
    f = item.finding
    level = f" — confidence {f.level}" if f.level else ""
    accepted = " *(accepted in baseline)*" if f.baselined else ""
    lines = [f"### {n}. {ICONS[f.kind]} {item.title}: {md_text(item.fact or 'claim')}{level}{accepted}", ""]
    lines += [_value_line(v) for v in item.values]
    lines += ["", md_line(item.why), "", _wordings(item), ""]
    return lines


def _agreed_line(item: Item) -> str:
    f = item.finding
    sources = sorted({label for v in item.values for label in v.labels})
    if f.reason == "same_claim":
        return f"- Said alike by {_labels(tuple(sources))}: {md_text(item.fact)}"
    if f.reason == "covered":
        return f"- {md_line(item.wordings[0].before if item.wordings else item.fact)} — {_labels(tuple(sources))}"
    values = "; ".join(dict.fromkeys(md_text(v.value) for v in item.values))
    n = f.independent_sources
    copies = f" ({len(sources)} sources, {n} independent)" if n is not None and n < len(sources) else ""
    return f"- **{md_text(item.fact or 'fact')}**: {values} — {_labels(tuple(sources))}{copies}"


def _title(source: Source) -> str:
    """The title, saying so when it was not the page's own headline (then the address, or the opening words)."""
    meta = source.meta
    if meta.title is None:
        return f"*(no headline; opens:)* {md_cell(source.opening)}" if source.opening else "*(no headline)*"
    shown = md_cell(meta.title)
    return f"{shown} *(from the address)*" if meta.title_from == "url" else shown


def _copy_of(source: Source, members: dict[str, list[str]], label: dict[str, str]) -> str:
    """Which other sources carry the same text (a family of syndicated copies), or a dash."""
    fam = source.meta.family
    others = [label[m] for m in members.get(fam, []) if m != source.meta.id] if fam else []
    return md_cell(", ".join(others)) if others else "—"


def _sources(sources: tuple[Source, ...]) -> list[str]:
    lines = [
        "## Sources",
        "",
        "| | title | outlet | published | author | copy of | claims | file |",
        "|---|---|---|---|---|---|---:|---|",
    ]
    label = {s.meta.id: s.label for s in sources}
    family_members: dict[str, list[str]] = {}
    for s in sources:
        if s.meta.family:
            family_members.setdefault(s.meta.family, []).append(s.meta.id)
    for s in sources:
        m = s.meta
        when = (
            f"{m.published.isoformat()} ({m.published_from.replace('_', ' ')})"
            if m.published and m.published_from
            else (m.published.isoformat() if m.published else "unknown")
        )
        lines.append(
            f"| {md_cell(s.label)} | {_title(s)} | {md_cell(m.source or '—')} "
            f"| {md_cell(when)} | {md_cell(m.author or '—')} | {_copy_of(s, family_members, label)} | {s.claims} "
            f"| {md_code(m.path, table=True)} |"
        )
    lines.append("")
    return lines


def _summary(view: View) -> str:
    c = view.counts
    parts = [f"{len(view.sources)} sources", f"{c['claims']} claims"]
    to_check = c["contradiction"] + c["discrepancy"] + c["time_scoped"]
    kinds = [(c["contradiction"], "contradiction"), (c["discrepancy"], "discrepancy"), (c["time_scoped"], "update")]
    detail = ", ".join(f"{n} {word if n == 1 else _plural(word)}" for n, word in kinds if n)
    parts.append(f"**{to_check} to check**" + (f" ({detail})" if detail else ""))
    parts.append(f"{c['agreement']} agreed")
    return " · ".join(parts)


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _cross(view: View) -> list[str]:
    lines = ["## To check", ""]
    if not view.to_check:
        lines += ["Nothing: no fact differs between the sources.", ""]
    for n, item in enumerate(view.to_check, 1):
        lines += _check_block(n, item)
    lines += ["## Agreed by several sources", ""]
    lines += [_agreed_line(i) for i in view.agreed] or ["No fact is stated alike by two sources."]
    lines += ["", "## Only one source says", ""]
    if not view.single:
        lines += ["Every claim is shared with another source.", ""]
    for single in view.single:
        lines += [f"**{md_text(single.source.label)}**", ""]
        lines += [f"- {md_line(' '.join(c.text.split()))}" for c in single.claims]
        if single.more:
            lines.append(f"- *… and {single.more} more (`--detail` lists every one)*")
        lines.append("")
    if view.related:
        label = {s.meta.id: s.label for s in view.sources}
        lines += ["## Every cluster of claims", ""]
        for n, group in enumerate(view.related, 1):
            lines += [f"**Cluster {n}**", ""]
            lines += [f"- {md_line(label.get(c.article_id, c.article_id))}: {md_text(c.text).strip()}" for c in group]
            lines.append("")
    return lines


def _draft(view: View) -> list[str]:
    lines = ["## To check", ""]
    if not view.to_check:
        lines += ["Nothing: no draft claim differs from the sources.", ""]
    for n, item in enumerate(view.to_check, 1):
        lines += _check_block(n, item)
    lines += ["## Unsupported", ""]
    lines += [
        f"- {md_line(i.wordings[0].before if i.wordings else i.fact)} ({md_text(i.finding.explanation)})"
        for i in view.unsupported
    ] or ["Every draft claim is covered by a source."]
    lines += ["", "## Supported by the sources", ""]
    lines += [_agreed_line(i) for i in view.agreed] or ["No draft claim is supported."]
    lines.append("")
    return lines


def render_markdown(report: Report, detail: bool = False) -> str:
    """The whole report as Markdown (``detail`` adds every cluster of claims)."""
    view = build(report, detail)
    lines = [f"# {md_line(view.title)}", "", _summary(view) + f" · factcheck {md_text(report.version)}", ""]
    lines += _draft(view) if view.mode == "draft" else _cross(view)
    lines += _sources(view.sources)
    removed = [(s.label, r) for s in view.sources for r in s.meta.removed]
    if removed:
        lines += [f"<details><summary>Left out of the claims ({len(removed)})</summary>", ""]
        lines += ["| source | why | text |", "|---|---|---|"]
        for label, r in removed:
            text = " ".join(r.text.split())
            short = text[:117] + "…" if len(text) > 120 else text
            lines.append(f"| {md_cell(label)} | {md_cell(r.reason)} | {md_cell(short)} |")
        lines += ["", "</details>", ""]
    if report.skipped:
        lines += (
            ["## Skipped inputs", ""] + [f"- {md_line(s.path)}: {md_text(s.reason)}" for s in report.skipped] + [""]
        )
    settings = ", ".join(f"{k} = {v}" for k, v in report.settings.items())
    lines += ["---", "", f"Settings: {md_text(settings)}." if settings else "Settings: defaults.", ""]
    return "\n".join(lines)
