"""Report -> the JSON document of the CONTRACT (validates against ``Report``)."""

from __future__ import annotations

import json

from factcheck.schema import Report


def render_json(report: Report) -> str:
    """Indented JSON with a trailing newline; field order follows the model."""
    return report.model_dump_json(indent=2) + "\n"


def report_schema() -> str:
    """The published JSON Schema of the report."""
    return json.dumps(Report.model_json_schema(), indent=2, sort_keys=True) + "\n"
