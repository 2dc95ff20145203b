from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.baseline import Baseline
from factcheck.errors import InputError
from factcheck.schema import Claim, Finding, Span


def _claim(cid: str, text: str) -> Claim:
    return Claim(id=cid, article_id=cid.split(":")[0], text=text, span=Span(start=0, end=len(text)))


def _finding(kind: str = "discrepancy") -> Finding:
    return Finding(id="F-1", kind=kind, type="number", claim_ids=("a:1", "b:1"), confidence=0.8, explanation="x")  # type: ignore[arg-type]


def test_baseline_marks_accepted_findings_and_reports_changed_ones(tmp_path: Path) -> None:
    claims = {"a:1": _claim("a:1", "It cost $4 million."), "b:1": _claim("b:1", "It cost $5 million.")}
    path = tmp_path / "baseline.json"
    path.write_text(Baseline.from_findings([_finding()], claims).dump())
    accepted = Baseline.load(path)
    assert accepted.apply([_finding()], claims)[0].baselined
    changed = {**claims, "b:1": _claim("b:1", "It cost $6 million.")}
    assert not accepted.apply([_finding()], changed)[0].baselined


def test_baseline_skips_agreements() -> None:
    claims = {"a:1": _claim("a:1", "x"), "b:1": _claim("b:1", "x")}
    assert Baseline.from_findings([_finding("agreement")], claims).accepted == ()


def test_baseline_bad_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text("{not json")
    with pytest.raises(InputError):
        Baseline.load(path)
