from __future__ import annotations

import pytest
from pydantic import ValidationError

from factcheck.schema import Article, Claim, Finding, Report, Span


def test_schema_span_rejects_end_before_start() -> None:
    with pytest.raises(ValidationError):
        Span(start=5, end=2)


def test_schema_models_are_frozen_and_strict() -> None:
    span = Span(start=0, end=3)
    with pytest.raises(ValidationError):
        span.start = 1  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Span(start=0, end=3, extra=1)  # type: ignore[call-arg]


def test_schema_report_json_round_trips() -> None:
    article = Article(id="a", path="a.txt", text="Hello world.")
    claim = Claim(id="a:0-12", article_id="a", text="Hello world.", span=Span(start=0, end=12))
    finding = Finding(id="F-1", kind="agreement", claim_ids=("a:0-12",), confidence=0.9, explanation="Same.")
    report = Report(version="0", articles=(article.meta(),), claims=(claim,), findings=(finding,))
    again = Report.model_validate_json(report.model_dump_json())
    assert again == report
    assert "text" not in report.model_dump()["articles"][0]


def test_schema_published_json_schema_validates_a_full_report() -> None:
    """The schema `factcheck schema` publishes accepts a report with every field filled (values, families)."""
    import json

    import jsonschema

    from factcheck.render.json import render_json, report_schema
    from factcheck.schema import FactValue

    article = Article(
        id="a", path="a.txt", text="It cost $4 million.", title="T", family="fam-1", title_from="headline"
    )
    claim = Claim(id="a:0-19", article_id="a", text="It cost $4 million.", span=Span(start=0, end=19))
    value = FactValue(claim_id="a:0-19", article_id="a", value="$4 million", span=Span(start=8, end=18),
                      normalized="USD 4 million")  # fmt: skip
    finding = Finding(
        id="F-1", kind="discrepancy", type="number", claim_ids=("a:0-19",), confidence=0.7, explanation="Differs.",
        fact="cost", values=(value,), reason="edited_copy", level="medium", alignment=0.8, independent_sources=1,
    )  # fmt: skip
    report = Report(version="0", articles=(article.meta(),), claims=(claim,), findings=(finding,))
    jsonschema.validate(json.loads(render_json(report)), json.loads(report_schema()))
    bad = json.loads(render_json(report))
    bad["findings"][0]["kind"] = "rumour"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json.loads(report_schema()))
