"""Renderers: the Markdown report's layout (golden files), JSON, SARIF and annotations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factcheck.render import render
from factcheck.render._locate import line_col
from factcheck.render.sarif import github_annotations
from factcheck.render.view import build, labels, split_value
from factcheck.schema import Article, ArticleMeta, Claim, FactValue, Finding, Report, Span

from .conftest import FIXTURES

GOLDEN = FIXTURES / "render"


def _article(tmp: Path, aid: str, text: str, **meta: object) -> tuple[ArticleMeta, str]:
    path = tmp / f"{aid}.txt"
    path.write_text(text, encoding="utf-8")
    return Article(id=aid, path=f"{aid}.txt", text=text, **meta).meta(), text  # type: ignore[arg-type]


def _claim(aid: str, text: str, sentence: str) -> Claim:
    start = text.index(sentence)
    return Claim(id=f"{aid}:{start}", article_id=aid, text=sentence, span=Span(start=start, end=start + len(sentence)))


def _value(claim: Claim, value: str, normalized: str | None = None, **extra: object) -> FactValue:
    at = claim.span.start + claim.text.index(value)
    return FactValue(
        claim_id=claim.id, article_id=claim.article_id, value=value, span=Span(start=at, end=at + len(value)),
        normalized=normalized, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def _story(tmp: Path) -> Report:
    """Four sources: a number conflict, an update over time, a misspelling, an agreement of four."""
    texts = {
        "a": (
            "Quake kills 41\nThe quake killed 41 people on Monday. The bridge is 400 metres long. "
            "Mayor Ana Ortiz spoke.\n"
        ),
        "b": "Toll rises\nThe quake killed 96 people. The bridge is 400 metres long. Mayor Ana Ortiz spoke.\n",
        "c": "Toll at 212\nThe quake killed 212 people. The bridge is 300 metres long. Mayor Ana Ortis spoke.\n",
        "d": "Rescue goes on\nThe bridge is 400 metres long. Mayor Ana Ortiz spoke. Rain is expected.\n",
    }
    dates = {"a": "2024-02-06", "b": "2024-02-07", "c": "2024-02-08", "d": "2024-02-08"}
    arts, claims = [], {}
    for aid, text in texts.items():
        meta, _ = _article(tmp, aid, text, title=text.splitlines()[0], source=f"{aid}.example", published=dates[aid],
                           published_from="front_matter")  # fmt: skip
        arts.append(meta)
        for sentence in text.splitlines()[1].split(". "):
            sentence = sentence if sentence.endswith(".") else sentence + "."
            claims[(aid, sentence.split()[1])] = _claim(aid, text, sentence.rstrip("\n"))
    toll = [claims[(a, "quake")] for a in "abc"]
    bridge = [claims[(a, "bridge")] for a in "abcd"]
    mayor = [claims[(a, "Ana")] for a in "abcd"]
    findings = (
        Finding(
            id="F-conflict", kind="contradiction", type="number", claim_ids=tuple(c.id for c in bridge),
            confidence=0.86, level="high", fact="length of the bridge", reason="values",
            explanation=(
                "The sources cannot all be right about length of the bridge: 400 metres (a, b, d); 300 metres (c)."
            ),
            values=(*(_value(c, "400 metres", "400 m") for c in bridge[:2]), _value(bridge[3], "400 metres", "400 m"),
                    _value(bridge[2], "300 metres", "300 m")),
        ),
        Finding(
            id="F-update", kind="time_scoped", type="number", claim_ids=tuple(c.id for c in toll),
            confidence=0.8, level="high", fact="deaths (people killed)", reason="update",
            explanation="The figure for deaths changed as the story unfolded: 41 → 96 → 212.",
            values=tuple(
                _value(c, n, as_of=dates[c.article_id]) for c, n in zip(toll, ("41", "96", "212"), strict=True)
            ),
        ),
        Finding(
            id="F-spelling", kind="discrepancy", type="entity", claim_ids=tuple(c.id for c in mayor[:3]),
            confidence=0.7, level="medium", fact="spelling of Ortiz", reason="misspelling",
            explanation="'Ortis' in c looks like a misspelling of 'Ortiz', as 3 other sources write it.",
            values=(*(_value(c, "Ortiz") for c in (mayor[0], mayor[1], mayor[3])), _value(mayor[2], "Ortis")),
        ),
        Finding(
            id="F-agree", kind="agreement", type="other", claim_ids=tuple(c.id for c in mayor),
            confidence=0.9, level="high", fact="Mayor Ana Ortiz spoke.", reason="same_claim",
            explanation="4 sources say the same thing in other words.",
            values=tuple(FactValue(claim_id=c.id, article_id=c.article_id, value=c.text, span=c.span) for c in mayor),
        ),
    )  # fmt: skip
    return Report(version="0", articles=tuple(arts), claims=tuple(claims.values()), findings=findings)


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(tmp_path)
    return _story(tmp_path)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; FACTCHECK_UPDATE_GOLDEN=1 rewrites it"


def test_render_markdown_golden_report(story: Report) -> None:
    _golden("story.md", render(story, "md"))


def test_render_markdown_marks_only_values_and_groups_sources(story: Report) -> None:
    md = render(story, "md")
    assert md.index("## To check") < md.index("## Agreed by several sources") < md.index("## Only one source says")
    assert md.index("Contradiction: length of the bridge") < md.index("Update over time: deaths")
    assert "- **400 metres** (400 m) — a.example, b.example, d.example" in md
    assert "- **300 metres** (300 m) — c.example" in md
    assert "**41** — a.example, 6 Feb 2024" in md and "**212** — c.example, 8 Feb 2024" in md
    assert "<strong>Ortis</strong>" in md  # the wording folded under the finding marks only the value
    assert "confidence high" in md and "confidence medium" in md
    single = md[md.index("## Only one source says") : md.index("## Sources")]
    assert single.count("Rain is expected.") == 1 and "The quake killed" not in single


def test_render_markdown_shows_each_finding_once(story: Report) -> None:
    twice = story.model_copy(update={"findings": (*story.findings, story.findings[0].model_copy(update={"id": "F-x"}))})
    assert render(twice, "md").count("length of the bridge") == render(story, "md").count("length of the bridge")


def test_render_labels_are_outlets_or_shortest_unique_stems() -> None:
    metas = [
        ArticleMeta(id="x1", path="seeds/001_abc.txt"),
        ArticleMeta(id="x2", path="seeds/002_def.txt"),
        ArticleMeta(id="x3", path="a.txt", source="reuters.com"),
    ]
    assert labels(metas) == {"x1": "001", "x2": "002", "x3": "reuters.com"}


def test_render_split_value_is_case_insensitive() -> None:
    assert split_value("It cost $4 Million.", "$4 million") == ("It cost ", "$4 Million", ".")
    assert split_value("No value here.", "$9") == ("No value here.", "", "")


def test_render_view_single_source_claims_exclude_shared_ones(story: Report) -> None:
    view = build(story)
    alone = {c.text for single in view.single for c in single.claims}
    assert alone == {"Rain is expected."}


def test_render_single_source_claims_show_the_lead_and_count_the_rest(tmp_path: Path) -> None:
    from factcheck.render.view import SINGLE_SHOWN

    sentences = [f"Fact number {n} is only here." for n in range(SINGLE_SHOWN + 3)]
    text = "Only A\n" + " ".join(sentences) + "\n"
    meta, _ = _article(tmp_path, "a", text, title="Only A")
    other, _ = _article(tmp_path, "b", "Only B\nSomething else.\n", title="Only B")
    claims = tuple(_claim("a", text, s) for s in sentences)
    report = Report(version="0", articles=(meta, other), claims=claims, findings=())
    md = render(report, "md")
    assert "… and 3 more" in md and f"Fact number {SINGLE_SHOWN}" not in md
    assert f"Fact number {SINGLE_SHOWN + 2}" in render(report, "md", detail=True)
    assert "… and 3 more" in render(report, "html")


def test_render_json_is_deterministic_and_validates(story: Report) -> None:
    text = render(story, "json")
    assert text == render(story, "json")
    assert Report.model_validate_json(text) == story
    data = json.loads(text)
    assert data["findings"][0]["values"][0]["span"] == {"start": 67, "end": 77}  # "400 metres" in a.txt


def test_render_sarif_carries_each_finding_once_with_its_values(story: Report) -> None:
    log = json.loads(render(story, "sarif"))
    run = log["runs"][0]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["FC001", "FC004", "FC002"]
    first = results[0]
    assert first["properties"]["fact"] == "length of the bridge"
    assert {v["value"] for v in first["properties"]["values"]} == {"400 metres", "300 metres"}
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 39)


def test_render_sarif_validates_against_the_sarif_object_model(story: Report) -> None:
    from sarif_pydantic import Sarif

    log = Sarif.model_validate_json(render(story, "sarif"))
    (run,) = log.runs
    assert run.tool.driver.name == "factcheck"
    assert run.results and run.results[0].rule_id == "FC001"


def test_render_github_annotations(story: Report) -> None:
    lines = github_annotations(story)
    assert lines[0].startswith("::error file=") and ",line=2,col=39," in lines[0]


@pytest.mark.parametrize(("offset", "expected"), [(0, (1, 1)), (3, (1, 4)), (4, (2, 1)), (6, (2, 3))])
def test_render_line_col(offset: int, expected: tuple[int, int]) -> None:
    assert line_col("abc\ndef", offset) == expected
