"""Report -> SARIF 2.1.0, for code-scanning tools in CI.

One rule per finding kind; each result points at the file, line and column
where its first claim (the draft's, in a pre-publication check) stands, and
names the other claims as related locations.
"""

from __future__ import annotations

import json
import re

from factcheck.render._escape import uri_reference, workflow_data, workflow_property
from factcheck.render._locate import file_text as _text
from factcheck.render._locate import line_col
from factcheck.schema import Claim, Finding, Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES = {
    "contradiction": ("FC001", "error", "The claim and a source cannot both be true."),
    "discrepancy": ("FC002", "warning", "The claim differs from a source in a way an editor must check."),
    "unsupported": ("FC003", "note", "No source covers the claim."),
    "time_scoped": ("FC004", "note", "The claim and a source describe different times."),
}


def _region(claim: Claim, path: str) -> dict[str, object]:
    text = _text(path)
    start_line, start_col = line_col(text, claim.span.start)
    end_line, end_col = line_col(text, claim.span.end)
    region: dict[str, object] = {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": claim.span.start,
        "charLength": claim.span.end - claim.span.start,
    }
    if text is not None:
        region["snippet"] = {"text": text[claim.span.start : claim.span.end]}
    return region


_JSONL_LINE = re.compile(r"^(.*\.jsonl):(\d+)$", re.IGNORECASE)


def _file_and_line(path: str) -> tuple[str, int | None]:
    """A JSON-lines article's path is ``FILE:LINE``: the file, and the line its text stands on."""
    m = _JSONL_LINE.match(path)
    return (m.group(1), int(m.group(2))) if m else (path, None)


def _location(claim: Claim, path: str, index: int | None = None) -> dict[str, object]:
    artifact = {"uri": uri_reference(_file_and_line(path)[0])}
    loc: dict[str, object] = {"physicalLocation": {"artifactLocation": artifact, "region": _region(claim, path)}}
    if index is not None:
        loc["id"] = index
        loc["message"] = {"text": claim.text}
    return loc


def _result(f: Finding, claims: dict[str, Claim], paths: dict[str, str]) -> dict[str, object]:
    rule_id, level, _ = RULES[f.kind]
    first, *others = (claims[c] for c in f.claim_ids)
    result: dict[str, object] = {
        "ruleId": rule_id,
        "level": level,
        "message": {"text": f.explanation},
        "locations": [_location(first, paths[first.article_id])],
        "partialFingerprints": {"factcheckFinding/v1": f.id},
        "properties": {
            "kind": f.kind,
            "type": f.type,
            "confidence": f.confidence,
            "level": f.level,
            "fact": f.fact,
            "values": [
                {"article": v.article_id, "value": v.value, "normalized": v.normalized, "start": v.span.start,
                 "end": v.span.end}
                for v in f.values
            ],
        },
    }
    if others:
        result["relatedLocations"] = [_location(c, paths[c.article_id], i) for i, c in enumerate(others, 1)]
    if f.baselined:
        result["baselineState"] = "unchanged"
        result["suppressions"] = [{"kind": "external", "justification": "accepted in the factcheck baseline"}]
    return result


def render_sarif(report: Report) -> str:
    """A SARIF log with one run; agreements are not results."""
    claims = {c.id: c for c in report.claims}
    paths = {a.id: a.path for a in report.articles}
    rules = [
        {
            "id": rule_id,
            "name": kind,
            "shortDescription": {"text": text},
            "defaultConfiguration": {"level": level},
        }
        for kind, (rule_id, level, text) in RULES.items()
    ]
    results = [_result(f, claims, paths) for f in report.findings if f.kind in RULES]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": report.version,
                        "informationUri": "https://pypi.org/project/factcheck/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def github_annotations(report: Report) -> list[str]:
    """GitHub Actions workflow commands (``::error file=...``) for the non-agreement findings.

    Every property and the message are escaped by the runner's rules, so a file
    name or a claim can neither start a command of its own nor move the
    annotation (see :mod:`factcheck.render._escape`).
    """
    claims = {c.id: c for c in report.claims}
    paths = {a.id: a.path for a in report.articles}
    command = {"contradiction": "error", "discrepancy": "warning", "unsupported": "notice", "time_scoped": "notice"}
    out = []
    for f in report.findings:
        if f.kind not in command or f.baselined:
            continue
        claim = claims[f.claim_ids[0]]
        path = paths[claim.article_id]
        line, col = line_col(_text(path), claim.span.start)
        file, jsonl_line = _file_and_line(path)
        if jsonl_line is not None:
            line, col = jsonl_line, 1
        title = f"factcheck {f.kind}" + (f" ({f.type})" if f.type else "")
        props = f"file={workflow_property(file)},line={line},col={col},title={workflow_property(title)}"
        out.append(f"::{command[f.kind]} {props}::{workflow_data(f.explanation)}")
    return out
