from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.render import render
from factcheck.render._locate import line_col
from factcheck.render.markdown import mark_differences
from factcheck.render.sarif import github_annotations
from factcheck.schema import Article, Claim, ClaimCluster, Finding, Report, Span


@pytest.fixture
def report(tmp_path: Path) -> Report:
    a_text = "Intro line.\nThe bridge will cost $4 million.\n"
    b_text = "The bridge will cost $9 million.\n"
    (tmp_path / "a.txt").write_text(a_text)
    (tmp_path / "b.txt").write_text(b_text)
    arts = (
        Article(id="a", path=str(tmp_path / "a.txt"), title="A", text=a_text).meta(),
        Article(id="b", path=str(tmp_path / "b.txt"), title="B", text=b_text).meta(),
    )
    claims = (
        Claim(id="a:12-44", article_id="a", text="The bridge will cost $4 million.", span=Span(start=12, end=44)),
        Claim(id="b:0-32", article_id="b", text="The bridge will cost $9 million.", span=Span(start=0, end=32)),
        Claim(id="a:0-11", article_id="a", text="Intro line.", span=Span(start=0, end=11)),
    )
    clusters = (
        ClaimCluster(id="cluster-001", claim_ids=("a:12-44", "b:0-32")),
        ClaimCluster(id="cluster-002", claim_ids=("a:0-11",)),
    )
    finding = Finding(
        id="F-1",
        kind="contradiction",
        type="number",
        claim_ids=("a:12-44", "b:0-32"),
        confidence=0.9,
        explanation="One source puts the cost at $4 million, the other at $9 million.",
        cluster_id="cluster-001",
    )
    return Report(version="0", articles=arts, claims=claims, clusters=clusters, findings=(finding,))


def test_render_markdown_has_summary_clusters_and_single_source_claims(report: Report) -> None:
    md = render(report, "md")
    assert md.index("## Summary") < md.index("## What the sources say together") < md.index("## What only one")
    assert "Contradiction (number)" in md
    assert "**$4**" in md and "**$9**" in md
    assert "- Intro line." in md
    assert "### Source by source" in md and "❌ 1" in md


def test_render_mark_differences_bolds_only_new_words() -> None:
    assert mark_differences("It cost $4 million.", ["It cost $9 million."]) == "It cost **$4** million."


def test_render_sarif_locates_results_by_line_and_column(report: Report) -> None:
    log = json.loads(render(report, "sarif"))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"FC001", "FC002", "FC003"}
    (result,) = run["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 1)
    assert region["snippet"]["text"] == "The bridge will cost $4 million."
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_render_json_is_deterministic_and_validates(report: Report) -> None:
    text = render(report, "json")
    assert text == render(report, "json")
    assert Report.model_validate_json(text) == report


def test_render_github_annotations(report: Report) -> None:
    (line,) = github_annotations(report)
    assert line.startswith("::error file=") and ",line=2,col=1," in line


@pytest.mark.parametrize(("offset", "expected"), [(0, (1, 1)), (3, (1, 4)), (4, (2, 1)), (6, (2, 3))])
def test_render_line_col(offset: int, expected: tuple[int, int]) -> None:
    assert line_col("abc\ndef", offset) == expected


def test_render_sarif_validates_against_the_sarif_object_model(report: Report) -> None:
    from sarif_pydantic import Sarif

    log = Sarif.model_validate_json(render(report, "sarif"))
    assert log.version == "2.1.0"
    (run,) = log.runs
    assert run.tool.driver.name == "factcheck"
    assert run.results and run.results[0].rule_id == "FC001"
