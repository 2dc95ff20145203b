"""Report -> text in each output format."""

from __future__ import annotations

from typing import Literal

from factcheck.render.json import render_json
from factcheck.render.markdown import render_markdown
from factcheck.render.sarif import render_sarif
from factcheck.schema import Report

Format = Literal["md", "json", "sarif"]


def render(report: Report, fmt: Format) -> str:
    """The report in ``fmt``; every format is deterministic for the same report."""
    if fmt == "json":
        return render_json(report)
    if fmt == "sarif":
        return render_sarif(report)
    return render_markdown(report)


__all__ = ["Format", "render", "render_json", "render_markdown", "render_sarif"]
