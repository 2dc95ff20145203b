"""The index of a corpus run -> ``index.md`` (for editors) and ``index.json`` (for programs).

Stories come in the order the index already holds (what most needs an
editor's eye first); every piece of article text and every id is escaped as in
the reports, so no headline can put markup or a link into the index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.render._escape import md_cell, md_code

if TYPE_CHECKING:
    from factcheck.corpus import CorpusIndex

#: Finding kinds as the index's columns show them.
_COLUMNS = (
    ("contradiction", "❌ contradictions"),
    ("discrepancy", "⚠️ discrepancies"),
    ("time_scoped", "🕒 updates"),
    ("agreement", "✅ agreements"),
)
_SHOWN_SOURCES = 4


def render_index_json(index: CorpusIndex) -> str:
    """Indented JSON with a trailing newline; field order follows the model."""
    return index.model_dump_json(indent=2) + "\n"


def _sources(names: tuple[str, ...]) -> str:
    shown = ", ".join(md_code(n, table=True) for n in names[:_SHOWN_SOURCES])
    more = len(names) - _SHOWN_SOURCES
    return shown + (f" and {more} more" if more > 0 else "")


def render_index_md(index: CorpusIndex) -> str:
    """A table of the stories, contradictions first, each linking to its reports."""
    totals = {kind: sum(s.findings.get(kind, 0) for s in index.stories) for kind, _ in _COLUMNS}
    lines = [
        f"# Stories — factcheck {index.version}",
        "",
        f"{index.articles} articles in {len(index.stories)} {'story' if len(index.stories) == 1 else 'stories'} · "
        + " · ".join(f"{totals[kind]} {label.split(' ', 1)[1]}" for kind, label in _COLUMNS),
        "",
        "| # | story | headline | sources | articles | claims | "
        + " | ".join(label for _, label in _COLUMNS)
        + " | reports |",
        "|---:|---|---|---|---:|---:|" + "---:|" * len(_COLUMNS) + "---|",
    ]
    for rank, story in enumerate(index.stories, 1):
        links = " · ".join(f"[{fmt}]({name})" for fmt, name in story.files.items())
        counts = " | ".join(str(story.findings.get(kind, 0)) for kind, _ in _COLUMNS)
        headline = md_cell(story.headline) if story.headline else "—"
        lines.append(
            f"| {rank} | {md_code(story.id, table=True)} | {headline} | {_sources(story.sources)} | "
            f"{len(story.articles)} | {story.claims} | {counts} | {links} |"
        )
    if index.skipped:
        lines += ["", "## Skipped", ""]
        lines += [f"- {md_code(s.path)}: {md_cell(s.reason)}" for s in index.skipped]
    settings = ", ".join(f"{k} = {v}" for k, v in index.settings.items())
    lines += ["", f"Stories: {md_cell(settings)}.", ""]
    return "\n".join(lines)
