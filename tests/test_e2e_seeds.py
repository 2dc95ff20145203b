"""End to end on the user's seed articles with the real models (issue 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import Config
from factcheck.pipeline import check, load_backends
from factcheck.schema import Claim, Finding, Report

from .conftest import SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    config = Config(cache_dir=tmp_path_factory.mktemp("cache"))
    return check([SEEDS], config=config, backends=load_backends(config))


def _claims(report: Report, finding: Finding) -> list[Claim]:
    by_id = {c.id: c for c in report.claims}
    return [by_id[c] for c in finding.claim_ids]


def _text(report: Report, finding: Finding) -> str:
    return " || ".join(c.text.lower() for c in _claims(report, finding))


def _find(report: Report, type_: str, *needles: str) -> list[Finding]:
    return [
        f
        for f in report.findings
        if f.type == type_ and f.kind != "agreement" and all(n in _text(report, f) for n in needles)
    ]


def test_e2e_seeds_flags_the_spacewalk_date(report: Report) -> None:
    found = _find(report, "date", "earlier this week", "last week")
    assert found, "the spacewalk date discrepancy is missing"
    arts = {c.article_id for c in _claims(report, found[0])}
    assert arts == {"001_c010633d08ed70b5", "002_719fcd621137ee2b"}


def test_e2e_seeds_flags_who_was_aboard(report: Report) -> None:
    found = _find(report, "participants", "european", "russian cosmonauts")
    assert found, "the crew (participants) discrepancy is missing"
    assert found[0].kind in {"discrepancy", "contradiction"}


def test_e2e_seeds_flags_moon_vs_earth(report: Report) -> None:
    found = _find(report, "location", "earth")
    assert found, "the Moon vs earth finding is missing"
    assert any("moon" in f.explanation.lower() or "lunar" in f.explanation.lower() for f in found)
    assert any(c.article_id == "003_7adf00eecd9603fc" for f in found for c in _claims(report, f))


def test_e2e_seeds_precise_vs_vague_duration_is_not_a_contradiction(report: Report) -> None:
    for f in report.findings:
        if f.kind == "contradiction" and f.type == "number":
            assert "several hours" not in _text(report, f)


def test_e2e_seeds_shared_claims_come_out_as_agreements(report: Report) -> None:
    agreements = [f for f in report.findings if f.kind == "agreement"]
    assert len(agreements) >= 4
    pairs = {frozenset(c.article_id for c in _claims(report, f)) for f in agreements}
    assert len(pairs) >= 2


def test_e2e_seeds_boilerplate_is_not_claimed(report: Report) -> None:
    texts = " ".join(c.text.lower() for c in report.claims)
    for junk in ("leave a comment", "articles you may like", "democratic clerk", "most popular", "email address"):
        assert junk not in texts
    assert any(a.removed for a in report.articles)


def test_e2e_seeds_spans_map_back_and_unpunctuated_text_is_split(report: Report) -> None:
    paths = {a.id: Path(a.path) for a in report.articles}
    for claim in report.claims:
        text = paths[claim.article_id].read_text(encoding="utf-8")
        assert 0 <= claim.span.start < claim.span.end <= len(text)
        assert text[claim.span.start : claim.span.end].strip()
    first = [c for c in report.claims if c.article_id == "000_744cf9ed4c018cfd"]
    assert len(first) >= 8
    assert max(c.span.end - c.span.start for c in first) < 600


def test_e2e_seeds_dateline_is_publication_date(report: Report) -> None:
    (dated,) = [a for a in report.articles if a.id == "004_7a07ad0073a27b5c"]
    assert str(dated.published) == "2016-07-20"


def test_e2e_seeds_flags_the_roscomos_misspelling(report: Report) -> None:
    found = [f for f in report.findings if f.type == "entity" and "Roscomos" in f.explanation]
    assert found and "misspelling of 'Roscosmos'" in found[0].explanation
    (odd,) = [v for v in found[0].values if v.value == "Roscomos"]
    assert odd.article_id == "003_7adf00eecd9603fc"


def test_e2e_seeds_rogozins_titles_differ_in_time_not_in_fact(report: Report) -> None:
    roles = [f for f in report.findings if f.type == "role" and f.kind != "agreement"]
    assert roles and all(f.kind == "time_scoped" and f.reason == "title_change" for f in roles)
    assert any("Rogozin" in (f.fact or "") for f in roles)


def test_e2e_seeds_one_finding_per_fact_with_every_sources_value(report: Report) -> None:
    for f in report.findings:
        assert len({v.article_id for v in f.values}) >= 1
    signatures = [(f.kind, tuple(sorted((v.article_id, v.value) for v in f.values))) for f in report.findings]
    assert len(signatures) == len(set(signatures))


def test_e2e_seeds_one_source_sending_one_mission_to_two_bodies_contradicts_itself(report: Report) -> None:
    """ "Set its sights on the Lunar surface" and "an expedition to the earth" in one article: two places cannot
    both be where the mission goes (a contradiction), where one source's two figures are only to check."""
    (inner,) = [f for f in report.findings if f.reason == "within_source"]
    assert inner.kind == "contradiction"
    assert {v.value for v in inner.values} == {"Lunar", "earth"}
