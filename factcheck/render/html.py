"""Report -> one self-contained HTML page: the Markdown report's content, sources side by side.

No network asset, no script: the styles are inline and the filter by kind is
radio buttons and CSS (``:checked ~``), so the page works offline and nothing
in it runs. Every piece of article text and every path goes through
:func:`~factcheck.render._escape.html_text` or ``html_attr``; the only markup
is the page's own.
"""

from __future__ import annotations

from factcheck.render._escape import html_attr, html_text
from factcheck.render.view import ICONS, Item, Source, View, build
from factcheck.schema import Report

_KINDS = (("all", "All"), ("contradiction", "Contradictions"), ("discrepancy", "Discrepancies"),
          ("time_scoped", "Updates"), ("agreement", "Agreed"))  # fmt: skip

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;
color:#1d2327;background:#fff}
h1{margin:.2em 0}.summary{color:#555}
.filters{margin:1em 0;position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd}
body>input[type=radio]{display:none}.filters label{display:inline-block;padding:.25em .8em;margin-right:.4em;
border:1px solid #bbb;border-radius:1em;cursor:pointer}
#k-all:checked~.filters label[for=k-all],#k-contradiction:checked~.filters label[for=k-contradiction],
#k-discrepancy:checked~.filters label[for=k-discrepancy],#k-time_scoped:checked~.filters label[for=k-time_scoped],
#k-agreement:checked~.filters label[for=k-agreement]{background:#1d2327;color:#fff}
#k-contradiction:checked~main .finding:not(.contradiction),#k-discrepancy:checked~main .finding:not(.discrepancy),
#k-time_scoped:checked~main .finding:not(.time_scoped),#k-agreement:checked~main .finding:not(.agreement){display:none}
.finding{border:1px solid #ddd;border-left:6px solid #999;border-radius:4px;margin:1em 0;padding:.6em 1em}
.contradiction{border-left-color:#c62828}.discrepancy{border-left-color:#ef6c00}.time_scoped{border-left-color:#1565c0}
.agreement{border-left-color:#2e7d32}.finding h3{margin:.2em 0 .4em}.why{color:#333}
.level{font-size:.8em;padding:.1em .5em;border-radius:.8em;background:#eee;margin-left:.5em}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.6em;margin-top:.6em}
.side{background:#f7f7f7;border-radius:4px;padding:.5em}.side .who{font-weight:600;font-size:.85em;color:#555}
mark{background:#ffe082;padding:0 .15em}.values li{margin:.15em 0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3em .5em;text-align:left;
vertical-align:top}.path{font-family:ui-monospace,monospace;font-size:.85em}
"""


def _edges(text: str) -> str:
    """Escaped text with a space kept at either edge, so a marked value stays a word of its sentence."""
    core = html_text(text)
    return (" " if text[:1].isspace() and core else "") + core + (" " if text[-1:].isspace() and core else "")


def _values(item: Item) -> str:
    rows = []
    for v in item.values:
        shown = f"<strong>{html_text(v.value)}</strong>" if v.value else "(the claim)"
        if v.normalized and v.normalized.lower() != v.value.lower():
            shown += f" <span class=norm>({html_text(v.normalized)})</span>"
        when = f", {html_text(v.when)}" if v.when else ""
        copies = f" ({len(v.labels)} sources, {v.independent} independent)" if v.independent is not None else ""
        rows.append(f"<li>{shown} — {html_text(', '.join(v.labels))}{copies}{when}</li>")
    return f"<ul class=values>{''.join(rows)}</ul>"


def _sides(item: Item) -> str:
    cells = []
    for w in item.wordings:
        said = f" <em>— {html_text(w.speaker)}</em>" if w.speaker else ""
        text = (
            f"{_edges(w.before)}<mark>{html_text(w.value)}</mark>{_edges(w.after)}" if w.value else html_text(w.before)
        )
        cells.append(f"<div class=side><div class=who>{html_text(w.label)}</div>{text}{said}</div>")
    return f"<div class=sides>{''.join(cells)}</div>"


def _finding(n: int, item: Item) -> str:
    f = item.finding
    level = f'<span class=level title="{html_attr(f"confidence {f.confidence:.2f}")}">{html_text(f.level or "")}</span>'
    title = f"{n}. {ICONS[f.kind]} {html_text(item.title)}: {html_text(item.fact or 'claim')}"
    return (
        f'<section class="finding {html_attr(f.kind)}"><h3>{title}{level if f.level else ""}</h3>'
        f"{_values(item)}<p class=why>{html_text(item.why)}</p>{_sides(item)}</section>"
    )


def _sources(sources: tuple[Source, ...]) -> str:
    rows = []
    for s in sources:
        m = s.meta
        title = html_text(m.title) if m.title else f"<em>no headline; opens:</em> {html_text(s.opening)}"
        when = (
            f"{m.published.isoformat()} ({html_text((m.published_from or '').replace('_', ' '))})"
            if m.published
            else "unknown"
        )
        rows.append(
            f"<tr><td>{html_text(s.label)}</td><td>{title}</td><td>{html_text(m.source or '—')}</td><td>{when}</td>"
            f"<td>{html_text(m.author or '—')}</td><td>{s.claims}</td><td class=path>{html_text(m.path)}</td></tr>"
        )
    head = (
        "<tr><th></th><th>title</th><th>outlet</th><th>published</th><th>author</th><th>claims</th><th>file</th></tr>"
    )
    return f"<h2>Sources</h2><table>{head}{''.join(rows)}</table>"


def _single(view: View) -> str:
    if not view.single:
        return ""
    parts = ["<h2>Only one source says</h2>"]
    for single in view.single:
        items = "".join(f"<li>{html_text(c.text)}</li>" for c in single.claims)
        if single.more:
            items += f"<li><em>… and {single.more} more (<code>--detail</code> lists every one)</em></li>"
        parts.append(f"<h3>{html_text(single.source.label)}</h3><ul>{items}</ul>")
    return "".join(parts)


def render_html(report: Report, detail: bool = False) -> str:
    """The whole report as one HTML page (``detail`` adds every cluster of claims)."""
    view = build(report, detail)
    c = view.counts
    to_check = c["contradiction"] + c["discrepancy"] + c["time_scoped"]
    summary = (
        f"{len(view.sources)} sources · {c['claims']} claims · {to_check} to check · {c['agreement']} agreed · "
        f"factcheck {html_text(report.version)}"
    )
    radios = "".join(f"<input type=radio name=k id=k-{k}{' checked' if k == 'all' else ''}>" for k, _ in _KINDS)
    labels = "".join(f"<label for=k-{k}>{html_text(name)}</label>" for k, name in _KINDS)
    findings = "".join(_finding(n, i) for n, i in enumerate((*view.to_check, *view.agreed, *view.unsupported), 1))
    clusters = ""
    if view.related:
        blocks = "".join(
            "<ul>" + "".join(f"<li>{html_text(c.article_id)}: {html_text(c.text)}</li>" for c in group) + "</ul>"
            for group in view.related
        )
        clusters = f"<h2>Every cluster of claims</h2>{blocks}"
    skipped = ""
    if report.skipped:
        items = "".join(f"<li>{html_text(s.path)}: {html_text(s.reason)}</li>" for s in report.skipped)
        skipped = f"<h2>Skipped inputs</h2><ul>{items}</ul>"
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>{html_text(view.title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{html_text(view.title)}</h1><p class=summary>{summary}</p>{radios}"
        f"<nav class=filters>{labels}</nav><main>{findings or '<p>No finding.</p>'}</main>"
        f"{_single(view)}{clusters}{_sources(view.sources)}{skipped}</body></html>\n"
    )
