"""Report -> text in each output format."""

from __future__ import annotations

from typing import Literal

from factcheck.render.html import render_html
from factcheck.render.json import render_json
from factcheck.render.markdown import render_markdown
from factcheck.render.sarif import render_sarif
from factcheck.schema import Report

Format = Literal["md", "json", "sarif", "html"]
FORMATS: tuple[Format, ...] = ("md", "json", "sarif", "html")


def render(report: Report, fmt: Format, detail: bool = False) -> str:
    """The report in ``fmt``; every format is deterministic for the same report.

    ``detail`` adds every cluster of claims to the human formats (Markdown, HTML).
    """
    if fmt == "json":
        return render_json(report)
    if fmt == "sarif":
        return render_sarif(report)
    if fmt == "html":
        return render_html(report, detail)
    return render_markdown(report, detail)


__all__ = ["FORMATS", "Format", "render", "render_html", "render_json", "render_markdown", "render_sarif"]
