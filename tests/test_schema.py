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
